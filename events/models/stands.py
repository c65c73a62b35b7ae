"""Who organises a fair and who has a stand there (inline on the fair's edit page)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class ExhibitorKind(models.TextChoices):
    COALITION_EMPLOYER = "coalition_employer", _("Coalition employer")
    EMPLOYER = "employer", _("Employer")
    EURES = "eures", _("European job mobility (EURES)")
    LANGUAGE = "language", _("Dutch language classes")
    TRAINING = "training", _("Training and education")
    CHILDCARE = "childcare", _("Childcare")
    INFO_POINT = "info_point", _("Information point")
    JOB_CENTRE = "job_centre", _("Work and income")
    LEGAL_HELP = "legal_help", _("Legal help and workers' rights")
    INTERPRETERS = "interpreters", _("Interpreters")
    OTHER = "other", _("Other")


class JobFairOrganiser(TranslatableMixin, Orderable):
    page = ParentalKey("events.JobFairPage", on_delete=models.CASCADE, related_name="organisers")
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    translatable_fields = [TranslatableField("name"), SynchronizedField("url", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def __str__(self) -> str:
        return self.name


class JobFairExhibitor(TranslatableMixin, Orderable):
    """A stand at a fair: a coalition partner (linked, so the portal knows) or another
    organisation by name."""

    page = ParentalKey("events.JobFairPage", on_delete=models.CASCADE, related_name="exhibitors")
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("coalition partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="job_fair_stands",
        help_text=_("Choose the partner, or leave empty and type a name below."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Only for organisations that are not coalition partners, e.g. EURES."),
    )
    kind = models.CharField(_("kind of stand"), max_length=32, choices=ExhibitorKind.choices)
    description = models.CharField(
        _("what visitors find here"),
        max_length=300,
        blank=True,
        help_text=_("Optional, e.g. 'Vacancies in logistics and cleaning'."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
    ]

    translatable_fields = [
        SynchronizedField("organisation", overridable=False),
        TranslatableField("name"),
        SynchronizedField("kind", overridable=False),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("stand")
        verbose_name_plural = _("stands")

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        super().clean()
        has_organisation = self.organisation_id is not None
        has_name = bool(self.name.strip())
        if has_organisation == has_name:
            message = _("Choose a coalition partner or type a name, not both.")
            if not has_organisation:
                message = _("Choose a coalition partner or type a name.")
            raise ValidationError({"name": message})

    @property
    def display_name(self) -> str:
        if self.organisation_id is not None:
            return self.organisation.name
        return self.name

    @property
    def website(self) -> str:
        return self.organisation.website if self.organisation_id is not None else ""
