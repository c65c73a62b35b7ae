"""What identifies the site and how to reach the municipality, per Wagtail site, edited under
*Settings > Site settings* in the admin and read by every template through the settings context
processor (``settings.home.SiteSettings``, kept in Django's cache per site and dropped when the
setting is saved or deleted, so a page costs no query for it).

Names, numbers, addresses and links are the same in every language, so they are plain fields of
the site setting. The footer's texts differ per language: they are a translatable snippet
(``SiteTexts``, one per site and language, translated with wagtail-localize like any snippet).
A text left empty shows the site's standard text, translated with the interface.
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from goedwerk.forms import safe_admin_model_form
from home.phone import tel_href


@register_setting(icon="cog", order=100)
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(
        _("site name"),
        max_length=100,
        default="Goed Werk Rotterdam",
        help_text=_("Shown in the header and in the title of every page."),
    )
    municipality_name = models.CharField(
        _("municipality"),
        max_length=100,
        default="Rotterdam",
        help_text=_("The end of the site name that the header shows on its own line."),
    )
    phone_local = models.CharField(
        _("phone number"),
        max_length=30,
        default="14 010",
        help_text=_("As people in the Netherlands dial it, for example 14 010."),
    )
    phone_international = models.CharField(
        _("phone number from abroad"),
        max_length=30,
        blank=True,
        help_text=_("With the country code, for example +31 10 123 4567. Leave empty to hide it."),
    )
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        default="Postbus 70012\n3000 KP Rotterdam",
        help_text=_("The municipality's postal address for the footer, one line per line."),
    )
    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        help_text=_("Shown in the footer; leave empty to hide it."),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    fallback_chains = models.TextField(
        _("fallback languages"),
        blank=True,
        help_text=_(
            "What visitors see when a page has no translation in their language: one line per "
            "language, e.g. “ro: en, nl” (Romanian, else English, else Dutch). Every line ends "
            "with nl. A language without a line falls back to English, then Dutch."
        ),
    )

    base_form_class = safe_admin_model_form()

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("municipality_name")], heading=_("Name")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone_local"), FieldPanel("phone_international")]),
                FieldPanel("contact_email"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
            help_text=_("The footer links to each address filled in."),
        ),
        FieldPanel("fallback_chains", heading=_("Untranslated pages")),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return self.site_name

    def clean(self):
        super().clean()
        from goedwerk.localization.fallback import parse_chains

        try:
            parse_chains(self.fallback_chains)
        except ValidationError as error:
            raise ValidationError({"fallback_chains": error.error_list}) from error

    # Every page shows these settings and they change a few times a year: one copy per site in
    # Django's cache, dropped when the setting is saved or deleted (home/apps.py). Wagtail's
    # for_request() keeps the copy on the request as before.
    CACHE_TIMEOUT = 60 * 60

    @staticmethod
    def cache_key(site_id: int) -> str:
        return f"goedwerk:site_settings:{site_id}"

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, cls.CACHE_TIMEOUT)
        return instance

    @classmethod
    def forget(cls, site_id: int) -> None:
        from goedwerk.localization import fallback

        cache.delete(cls.cache_key(site_id))
        fallback.forget()

    @property
    def logo_parts(self) -> tuple[str, str]:
        """The site name split for the header: ("Goed Werk", "Rotterdam")."""
        name, place = self.site_name.strip(), self.municipality_name.strip()
        if place and name.endswith(" " + place):
            return name[: -len(place) - 1], place
        return name, ""

    @property
    def phone_local_href(self) -> str:
        return tel_href(self.phone_local)

    @property
    def phone_international_href(self) -> str:
        return tel_href(self.phone_international)

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """(name, address) of each social medium filled in."""
        fields = ["facebook_url", "instagram_url", "linkedin_url", "youtube_url"]
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]


class SiteTexts(TranslatableMixin, models.Model):
    """The footer's texts of one site in one language."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    footer_about = models.TextField(
        _("about this website"),
        max_length=500,
        blank=True,
        help_text=_("The first paragraph of the footer. Leave empty for the standard text."),
    )
    footer_note = models.TextField(
        _("extra note"),
        max_length=500,
        blank=True,
        help_text=_("Optional, shown below the contact details, e.g. opening hours of the line."),
    )

    panels = [FieldPanel("site"), FieldPanel("footer_about"), FieldPanel("footer_note")]

    translatable_fields = [
        SynchronizedField("site", overridable=False),
        TranslatableField("footer_about"),
        TranslatableField("footer_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer texts")
        verbose_name_plural = _("footer texts")
        constraints = [
            models.UniqueConstraint(fields=["site", "locale"], name="home_sitetexts_site_locale")
        ]

    def __str__(self) -> str:
        return f"{self.site} ({self.locale})"

    # Rendering every page must not cost a query for texts that change a few times a year: they
    # are cached per site and language and dropped whenever one of them is saved or deleted.
    CACHE_TIMEOUT = 60 * 60

    @staticmethod
    def cache_key(site_id: int, language: str) -> str:
        return f"goedwerk:site_texts:{site_id}:{language}"

    @classmethod
    def for_site(cls, site, language: str | None = None) -> dict[str, str]:
        """{"footer_about": ..., "footer_note": ...} of ``site`` in ``language`` (default: the
        active one); empty strings where there is no text (the template then shows its own)."""
        language = language or get_language()
        key = cls.cache_key(site.pk, language)
        texts = cache.get(key)
        if texts is None:
            row = (
                cls.objects.filter(site=site, locale__language_code=language)
                .values("footer_about", "footer_note")
                .first()
            )
            texts = row or {"footer_about": "", "footer_note": ""}
            cache.set(key, texts, cls.CACHE_TIMEOUT)
        return texts

    @classmethod
    def forget(cls, site_id: int) -> None:
        from django.conf import settings

        cache.delete_many([cls.cache_key(site_id, code) for code, _name in settings.LANGUAGES])
