"""The accessibility statement and the privacy statement, as structured page types.

Both follow the Dutch model. The accessibility statement (*toegankelijkheidsverklaring*) has the
parts digitoegankelijk.nl asks for: a compliance status A-E, the date of the statement, its scope,
the evaluation report, the known issues each with a measure and a planned date, a contact address
and the complaints route (the municipality, then the Nationale ombudsman). The privacy statement
has the parts the AVG (GDPR) asks for: controller, purposes, legal basis, retention, rights, the
complaint to the Autoriteit Persoonsgegevens, the partner portal's account data and cookies. The
retention terms are not typed by an editor: the page shows the portal's configured terms.

Texts are translated with wagtail-localize; status, dates, e-mail addresses and links are the same
in every language (synchronised).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from goedwerk.forms import ControlCharactersMixin

STATEMENT_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]

NATIONALE_OMBUDSMAN_URL = "https://www.nationaleombudsman.nl/klacht-indienen"
AUTORITEIT_PERSOONSGEGEVENS_URL = (
    "https://autoriteitpersoonsgegevens.nl/een-tip-of-klacht-indienen-bij-de-ap"
)


class StatementPageForm(ControlCharactersMixin, WagtailAdminPageForm):
    """The editor's form: control characters are taken out of what was typed (the project's
    rule, goedwerk.forms) and the fields that had them are marked, so nothing is lost."""


class KnownIssueBlock(blocks.StructBlock):
    issue = blocks.TextBlock(
        label=_("issue"), help_text=_("What does not work, for whom, and where.")
    )
    measure = blocks.TextBlock(label=_("measure"), help_text=_("What we do about it."))
    planned_date = blocks.DateBlock(
        label=_("planned date"), required=False, help_text=_("When the measure is done.")
    )

    class Meta:
        icon = "warning"
        label = _("Known issue")
        template = "home/statements/known_issue.html"
        description = _("A part of the site that does not yet meet the requirements.")
        preview_value = {
            "issue": _("Some PDF documents cannot be read with a screen reader."),
            "measure": _("We replace them with web pages."),
            "planned_date": "2026-12-31",
        }


class KnownIssuesBlock(blocks.StreamBlock):
    issue = KnownIssueBlock()


class AccessibilityStatementPage(Page):
    """The accessibility statement (toegankelijkheidsverklaring), linked from every page."""

    class Status(models.TextChoices):
        A = "A", _("A: complies fully")
        B = "B", _("B: complies partially")
        C = "C", _("C: first measures taken")
        D = "D", _("D: no measures taken yet")
        E = "E", _("E: does not comply (no complete statement)")

    STATUS_EXPLANATIONS = {
        "A": _("Research shows that this website meets all accessibility requirements."),
        "B": _(
            "Research shows that this website does not yet meet all requirements. For each "
            "issue we know the cause and the effect, and we name a measure and a date."
        ),
        "C": _(
            "This website does not yet meet the requirements. We have taken first measures "
            "and are working on the rest."
        ),
        "D": _("This website does not meet the requirements and no measures have been taken."),
        "E": _("There is no complete accessibility statement for this website yet."),
    }

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    status = models.CharField(
        _("compliance status"),
        max_length=1,
        choices=Status.choices,
        default=Status.B,
        help_text=_("The status as registered at digitoegankelijk.nl."),
    )
    statement_date = models.DateField(
        _("date of the statement"), help_text=_("When the statement was last checked.")
    )
    scope = models.TextField(
        _("scope"),
        max_length=600,
        help_text=_("Which website or parts of it this statement covers."),
    )
    standard = models.CharField(
        _("standard"), max_length=120, default="WCAG 2.1 AA (EN 301 549)", blank=True
    )
    evaluation_url = models.URLField(
        _("evaluation report"),
        blank=True,
        help_text=_("Link to the research report (or the register entry) the status rests on."),
    )
    evaluation_summary = models.TextField(
        _("how we checked"),
        max_length=800,
        blank=True,
        help_text=_("Who checked the website, when and how."),
    )
    known_issues = StreamField(KnownIssuesBlock(), verbose_name=_("known issues"), blank=True)
    contact_email = models.EmailField(_("contact e-mail address"))
    contact_text = models.TextField(
        _("contact"),
        max_length=600,
        blank=True,
        help_text=_("Other ways to report a problem, and how soon we answer."),
    )
    complaints_url = models.URLField(
        _("complaints page of the municipality"),
        blank=True,
        help_text=_(
            "Where to complain when our answer does not help; then the Nationale ombudsman."
        ),
    )
    complaints_text = models.TextField(_("complaints"), max_length=600, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("statement_date"),
                FieldPanel("scope"),
                FieldPanel("standard"),
                FieldPanel("evaluation_url"),
                FieldPanel("evaluation_summary"),
            ],
            heading=_("Status"),
        ),
        FieldPanel("known_issues"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_text"),
                FieldPanel("complaints_url"),
                FieldPanel("complaints_text"),
            ],
            heading=_("Contact and complaints"),
        ),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("status"),
        SynchronizedField("statement_date"),
        TranslatableField("scope"),
        SynchronizedField("standard"),
        SynchronizedField("evaluation_url"),
        TranslatableField("evaluation_summary"),
        TranslatableField("known_issues"),
        SynchronizedField("contact_email"),
        TranslatableField("contact_text"),
        SynchronizedField("complaints_url"),
        TranslatableField("complaints_text"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("scope"),
        index.SearchField("known_issues"),
        index.FilterField("status"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "home/statements/accessibility_statement_page.html"
    base_form_class = StatementPageForm

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def status_explanation(self):
        return self.STATUS_EXPLANATIONS.get(self.status, "")

    @property
    def nationale_ombudsman_url(self) -> str:
        return NATIONALE_OMBUDSMAN_URL


class PrivacyStatementPage(Page):
    """The privacy statement (privacyverklaring), linked from every page."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    controller = RichTextField(
        _("who is responsible"),
        features=STATEMENT_TEXT_FEATURES,
        help_text=_(
            "The controller (verwerkingsverantwoordelijke) and its data protection officer."
        ),
    )
    purposes = RichTextField(
        _("purposes"), features=STATEMENT_TEXT_FEATURES, help_text=_("Why we process data.")
    )
    legal_basis = RichTextField(
        _("legal basis"),
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("The grounds of AVG article 6 for each purpose."),
    )
    portal_account_data = RichTextField(
        _("partner portal account data"),
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("What the partner portal keeps about the people who sign in."),
    )
    retention = RichTextField(
        _("retention"),
        features=STATEMENT_TEXT_FEATURES,
        blank=True,
        help_text=_("Shown above the table of the portal's configured retention terms."),
    )
    rights = RichTextField(
        _("your rights"),
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("Access, rectification, erasure, restriction, objection, and how to ask."),
    )
    cookies = RichTextField(_("cookies"), features=STATEMENT_TEXT_FEATURES)
    privacy_email = models.EmailField(
        _("privacy e-mail address"), help_text=_("Where people send a request or a question.")
    )
    complaint_url = models.URLField(
        _("complaint to the supervisor"),
        default=AUTORITEIT_PERSOONSGEGEVENS_URL,
        help_text=_("The Autoriteit Persoonsgegevens' page for complaints."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("controller"),
        FieldPanel("purposes"),
        FieldPanel("legal_basis"),
        FieldPanel("portal_account_data"),
        FieldPanel("retention"),
        FieldPanel("rights"),
        FieldPanel("cookies"),
        FieldPanel("privacy_email"),
        FieldPanel("complaint_url"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        TranslatableField("controller"),
        TranslatableField("purposes"),
        TranslatableField("legal_basis"),
        TranslatableField("portal_account_data"),
        TranslatableField("retention"),
        TranslatableField("rights"),
        TranslatableField("cookies"),
        SynchronizedField("privacy_email"),
        SynchronizedField("complaint_url"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("purposes"),
        index.SearchField("rights"),
        index.SearchField("portal_account_data"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "home/statements/privacy_statement_page.html"
    base_form_class = StatementPageForm

    class Meta:
        verbose_name = _("privacy statement")
        verbose_name_plural = _("privacy statements")

    def retention_terms(self) -> list[tuple[str, str]]:
        """The portal's retention terms as configured (settings), as (what, how long)."""
        from django.utils.translation import ngettext

        def days(count: int) -> str:
            return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}

        evidence = settings.GOEDWERK_EVIDENCE_RETENTION_DAYS
        hours = settings.SESSION_COOKIE_AGE // 3600
        return [
            (
                _("Evidence files uploaded with a report"),
                days(evidence) if evidence else _("Kept until transferred to the archive"),
            ),
            (
                _("Invitations, after they were used, withdrawn or expired"),
                days(settings.GOEDWERK_INVITATION_RETENTION_DAYS),
            ),
            (
                _("A signed-in session"),
                ngettext("at most %(count)d hour", "at most %(count)d hours", hours)
                % {"count": hours},
            ),
            (
                _("The audit log of a removed account"),
                _("Anonymised when the account is removed"),
            ),
        ]
