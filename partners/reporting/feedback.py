"""What the partner sees of the review in the portal: the outcome, staff's comments and verdicts
per commitment, the deadline that counts, extension requests, and each step so far.

``feedback_for(report)`` builds the context for ``partners/reporting/includes/report_feedback.html``
in a fixed number of queries. Internal staff comments and staff names are never included; the
comment threads (``thread.threads_for``) come with it, shared comments only.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from partners import audit
from partners.models import Commitment, Report, ReportStatus
from partners.models.covenant import fallback_lang, localize
from partners.models.reports import TRANSITION_LOG_ACTIONS

from .deadlines import deadline_for
from .models import (
    CommitmentVerdict,
    DeadlineExtension,
    ExtensionStatus,
    Verdict,
)
from .states import DECIDED
from .thread import Threads, threads_for

STEP_LABELS = {
    TRANSITION_LOG_ACTIONS[ReportStatus.SUBMITTED]: lambda: _("Submitted"),
    TRANSITION_LOG_ACTIONS[ReportStatus.CHANGES_REQUESTED]: lambda: _("Changes requested"),
    TRANSITION_LOG_ACTIONS[ReportStatus.APPROVED]: lambda: _("Approved"),
    TRANSITION_LOG_ACTIONS[ReportStatus.REOPENED]: lambda: _("Reopened"),
    audit.EXTENSION_REQUEST: lambda: _("More time asked for"),
    audit.EXTENSION_GRANT: lambda: _("Extension granted"),
    audit.EXTENSION_REFUSE: lambda: _("Extension refused"),
}
# Steps taken by staff whose comment the partner may read.
STAFF_STEPS_WITH_COMMENT = {
    TRANSITION_LOG_ACTIONS[ReportStatus.CHANGES_REQUESTED],
    TRANSITION_LOG_ACTIONS[ReportStatus.APPROVED],
    TRANSITION_LOG_ACTIONS[ReportStatus.REOPENED],
    audit.EXTENSION_GRANT,
    audit.EXTENSION_REFUSE,
}
# Whole-report decisions by staff.
DECISIONS = {
    TRANSITION_LOG_ACTIONS[ReportStatus.CHANGES_REQUESTED],
    TRANSITION_LOG_ACTIONS[ReportStatus.APPROVED],
    TRANSITION_LOG_ACTIONS[ReportStatus.REOPENED],
}


@dataclass
class Step:
    action: str
    label: str
    at: datetime
    comment: str = ""


@dataclass
class Feedback:
    report: Report | None
    status: str
    status_label: str
    deadline: date | None
    decision: Step | None = None  # the latest decision by staff, with its comment
    # [{"commitment_id", "title", "lang", "verdict", "label", "comment"}]
    verdicts: list = field(default_factory=list)
    comments: list = field(default_factory=list)  # ReviewComment, shared ones only
    threads: Threads = field(default_factory=lambda: Threads([]))  # shared comments per thread
    extensions: list = field(default_factory=list)  # DeadlineExtension, newest first
    steps: list = field(default_factory=list)  # Step, oldest first
    extension_url: str = ""
    can_ask_extension: bool = False

    def verdicts_by_commitment(self) -> dict[int, dict]:
        """The current round's verdicts keyed by commitment id."""
        return {verdict["commitment_id"]: verdict for verdict in self.verdicts}

    def needs_changes(self) -> set[int]:
        """Ids of the commitments the current round asks changes for."""
        return {v["commitment_id"] for v in self.verdicts if v["verdict"] == Verdict.NEEDS_CHANGES}

    @property
    def pending_extension(self):
        return next((e for e in self.extensions if e.status == ExtensionStatus.PENDING), None)


def extension_request_url(organisation, period) -> str:
    return reverse(
        "partners:extension_request",
        kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
    )


def feedback_for(report: Report | None, *, organisation=None, period=None) -> Feedback:
    """Feedback for ``report``; for a report that does not exist yet pass ``organisation`` and
    ``period`` instead (the partner can then still ask for more time)."""
    if report is not None and report.pk is not None:
        organisation, period = report.organisation, report.period
    else:
        report = None
    editable = report is None or report.is_editable
    feedback = Feedback(
        report=report,
        status=report.status if report else "",
        status_label=report.get_status_display() if report else _("Not started"),
        deadline=deadline_for(report, period=period) if editable else None,
        extension_url=extension_request_url(organisation, period),
    )
    if report is None:
        feedback.can_ask_extension = period.is_open()
        return feedback

    entries = list(
        ModelLogEntry.objects.for_instance(report)
        .filter(action__in=STEP_LABELS.keys())
        .order_by("timestamp", "pk")
        .only("action", "timestamp", "data")
    )
    for entry in entries:
        comment = (entry.data or {}).get("comment", "")
        feedback.steps.append(
            Step(
                action=entry.action,
                label=STEP_LABELS[entry.action](),
                at=entry.timestamp,
                comment=comment if entry.action in STAFF_STEPS_WITH_COMMENT else "",
            )
        )
    decisions = [step for step in feedback.steps if step.action in DECISIONS]
    if decisions and report.status in DECIDED:
        feedback.decision = decisions[-1]
    feedback.verdicts = _latest_verdicts(report)
    feedback.threads = threads_for(report, include_internal=False)
    feedback.comments = feedback.threads.shared()
    feedback.extensions = list(
        DeadlineExtension.objects.filter(report=report).order_by("-requested_at", "-pk")
    )
    feedback.can_ask_extension = report.is_editable and feedback.pending_extension is None
    return feedback


def _latest_verdicts(report: Report) -> list[dict]:
    """The verdicts of the current review round (the latest submission), with commitment titles
    in the active language; shown once staff have decided, not while the review is in progress.
    A resubmission starts a new round: earlier rounds' verdicts stay in the history only."""
    if report.status == ReportStatus.SUBMITTED or report.submitted_at is None:
        return []
    verdicts = list(
        CommitmentVerdict.objects.filter(report=report, submitted_at=report.submitted_at).order_by(
            "commitment__order", "commitment__pk"
        )
    )
    if not verdicts:
        return []
    sources = {
        c.pk: c for c in Commitment.objects.filter(pk__in=[v.commitment_id for v in verdicts])
    }
    titles = localize(sources.values())
    return [
        {
            "commitment_id": v.commitment_id,
            "title": titles[v.commitment_id].title,
            "lang": fallback_lang(sources[v.commitment_id], titles[v.commitment_id]),
            "verdict": v.verdict,
            "label": v.get_verdict_display(),
            "comment": v.comment,
        }
        for v in verdicts
        if v.commitment_id in titles
    ]
