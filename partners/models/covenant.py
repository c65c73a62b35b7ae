"""The covenant as staff define it: Covenant → Commitments → Indicators, and the reporting periods.

Translation: Covenant, Commitment and Indicator are Wagtail ``TranslatableMixin`` snippets, so
wagtail-localize can translate their titles, labels and help texts. Only the rows in the source
language (the covenant's own locale, Dutch) carry meaning: reports, periods and "part of" rules
always point at those. Translated rows are looked up by ``translation_key`` for display only, in
one query per model (see ``localize``), falling back to the source text.

The links between the rows (covenant, commitment, part of) and the codes are synchronised, not
translated: a translated indicator points at the same Dutch commitment as its source. So each
row can be translated on its own, in any order, and structure queries filter on the source
locale (``source_rows``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from goedwerk.localization.bulk import localized

# Codes identify rows across languages and in exports: translators never see them.
CODE_FIELDS = [SynchronizedField("code")]
SOURCE_ONLY = _("Choose the Dutch original (the source language), not a translation.")


def is_source(obj) -> bool:
    """Rows in the site's source language carry the structure; translations only carry text."""
    return obj.locale.language_code == settings.LANGUAGE_CODE


class Party(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    MUNICIPALITY = "municipality", _("Municipality")


class Covenant(TranslatableMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    code = models.SlugField(
        _("code"), max_length=100, help_text=_("Short, stable identifier, e.g. rotterdam-2024.")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ends_on = models.DateField(_("runs until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = CODE_FIELDS

    class Meta(TranslatableMixin.Meta):
        ordering = ["-signed_on", "title"]
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_covenant_code"),
        ]

    def __str__(self) -> str:
        return self.title


class Commitment(TranslatableMixin, models.Model):
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="commitments"
    )
    party = models.CharField(
        _("party"),
        max_length=16,
        choices=Party.choices,
        default=Party.EMPLOYER,
        help_text=_("Who reports on this commitment: the employers or the municipality."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=64, help_text=_("E.g. brp_registration."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    allows_not_applicable = models.BooleanField(
        _("may be marked not applicable"),
        default=False,
        help_text=_(
            "A partner may then answer 'not applicable' for this commitment, with a written "
            "explanation."
        ),
    )

    override_translatable_fields = [*CODE_FIELDS, SynchronizedField("covenant")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["covenant", "party", "order", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "code", "locale"], name="unique_commitment_code_locale"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.covenant_id and not is_source(self.covenant):
            raise ValidationError({"covenant": SOURCE_ONLY})


class IndicatorType(models.TextChoices):
    COUNT = "count", _("Whole number (0 or more)")
    YES_NO = "yes_no", _("Yes / no")
    CHOICE = "choice", _("Choice")
    DATE = "date", _("Date")
    TEXT = "text", _("Short text")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Indicator(TranslatableMixin, models.Model):
    """One figure or answer a partner reports per period. Aggregates only: never ask for
    personal data about workers."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.SlugField(_("code"), max_length=64, help_text=_("E.g. workers_employed."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("label"), max_length=255)
    help_text = models.TextField(_("help text"), blank=True)
    unit = models.CharField(
        _("unit"), max_length=64, blank=True, help_text=_("E.g. 'workers'. Counts only.")
    )
    value_type = models.CharField(
        _("type"), max_length=16, choices=IndicatorType.choices, default=IndicatorType.COUNT
    )
    choice_codes = models.TextField(
        _("choice codes"),
        blank=True,
        help_text=_("Choices only: one code per line, e.g. abu. Codes are never translated."),
    )
    choice_labels = models.TextField(
        _("choice labels"),
        blank=True,
        help_text=_("Choices only: one label per line, in the same order as the codes."),
    )
    required = models.BooleanField(
        _("required for submission"),
        default=True,
        help_text=_("A report cannot be submitted without an answer here."),
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_(
            "Counts only: this number may not be larger than the number reported for the "
            "indicator chosen here (for example: registered in the BRP ≤ workers employed)."
        ),
    )
    parts_add_up = models.BooleanField(
        _("its parts exclude each other"),
        default=False,
        help_text=_(
            "Counts only: the indicators that are part of this one are separate groups, so "
            "together they may not be larger than this number either (BRP + RNI only + unknown "
            "≤ workers employed). Leave off when one person can be in several parts."
        ),
    )

    override_translatable_fields = [
        *CODE_FIELDS,
        SynchronizedField("choice_codes"),
        SynchronizedField("commitment"),
        SynchronizedField("part_of"),
        SynchronizedField("parts_add_up"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["commitment", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "code", "locale"], name="unique_indicator_code_locale"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(code, label) pairs. Labels fall back to the codes when the counts do not match."""
        codes, labels = _lines(self.choice_codes), _lines(self.choice_labels)
        if len(labels) != len(codes):
            labels = codes
        return list(zip(codes, labels, strict=True))

    def clean(self):
        super().clean()
        errors = {}
        if self.value_type == IndicatorType.CHOICE:
            codes, labels = _lines(self.choice_codes), _lines(self.choice_labels)
            if not codes:
                errors["choice_codes"] = _("A choice needs at least one option.")
            elif len(codes) != len(labels):
                errors["choice_labels"] = _("Give exactly one label for every code.")
            elif len(set(codes)) != len(codes):
                errors["choice_codes"] = _("Every code may appear only once.")
        if self.commitment_id and not is_source(self.commitment):
            errors["commitment"] = SOURCE_ONLY
        if self.part_of_id:
            if not is_source(self.part_of):
                errors["part_of"] = SOURCE_ONLY
            elif self.value_type != IndicatorType.COUNT:
                errors["part_of"] = _("Only a whole number can be part of another one.")
            elif self.part_of_id == self.pk:
                errors["part_of"] = _("An indicator cannot be part of itself.")
            elif self.part_of.value_type != IndicatorType.COUNT:
                errors["part_of"] = _("The whole must be a whole number as well.")
            elif self.commitment_id and (
                self.part_of.commitment.covenant_id != self.commitment.covenant_id
            ):
                errors["part_of"] = _("The whole must belong to the same covenant.")
        if errors:
            raise ValidationError(errors)


class ReportingPeriodQuerySet(models.QuerySet):
    def opened(self, today=None):
        return self.filter(opens_on__lte=today or timezone.localdate())


class ReportingPeriod(models.Model):
    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("covenant"),
        on_delete=models.PROTECT,
        related_name="periods",
        help_text=_("Choose the covenant in its source language."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. 2025 H1."))
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    opens_on = models.DateField(
        _("open for reporting from"), help_text=_("Partners can fill in the report from then.")
    )
    deadline = models.DateField(_("deadline"))

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["covenant", "name"], name="unique_period_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period cannot end before it starts.")
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline cannot be before reporting opens.")
        if self.covenant_id and not is_source(self.covenant):
            errors["covenant"] = SOURCE_ONLY
        if errors:
            raise ValidationError(errors)

    def is_open(self, today=None) -> bool:
        return self.opens_on <= (today or timezone.localdate())

    def is_past_deadline(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.deadline

    def previous(self):
        return (
            ReportingPeriod.objects.filter(covenant_id=self.covenant_id, ends_on__lt=self.starts_on)
            .order_by("-ends_on")
            .first()
        )


def localize(objects) -> dict:
    """The covenant texts in the active language: ``goedwerk.localization.bulk.localized`` with
    only the fields that are shown. Covenant objects are handed in as the Dutch source."""
    objects = list(objects)
    if not objects:
        return {}
    fields = _display_fields(type(objects[0]))
    return localized(objects, fields=fields, all_in_source_language=True)


def text_language(source, text) -> str:
    """The language of ``text``, the row that ``localize`` gave for the source row ``source``:
    the active language when it is a translation, the source language when it fell back."""
    if text is not None and text.pk != source.pk:
        return get_language() or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def fallback_lang(source, text) -> str:
    """``text_language`` when it differs from the page's (active) language, else ``""``: what
    templates print as ``lang="…"`` on the element holding the text."""
    language = text_language(source, text)
    return "" if language == (get_language() or settings.LANGUAGE_CODE) else language


def _display_fields(model) -> list[str]:
    return {
        Covenant: ["title", "description"],
        Commitment: ["title", "description"],
        Indicator: ["label", "help_text", "unit", "choice_codes", "choice_labels"],
    }[model]
