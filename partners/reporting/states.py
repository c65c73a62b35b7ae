"""The state machine of a report: its statuses, who may move it where, and the status sets every
layer uses. ``Report.transition_to`` (partners/models/reports.py) enforces ``TRANSITIONS``; no
form, view or admin action can set a status otherwise."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REOPENED = "reopened", _("Reopened")


class Actor(models.TextChoices):
    PARTNER = "partner", _("A member of the organisation")
    STAFF = "staff", _("Municipal staff")


# The only allowed moves: {from: {to: who may make the move}}.
TRANSITIONS: dict[str, dict[str, str]] = {
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED: Actor.PARTNER},
    ReportStatus.SUBMITTED: {
        ReportStatus.CHANGES_REQUESTED: Actor.STAFF,
        ReportStatus.APPROVED: Actor.STAFF,
    },
    ReportStatus.CHANGES_REQUESTED: {ReportStatus.SUBMITTED: Actor.PARTNER},
    ReportStatus.APPROVED: {ReportStatus.REOPENED: Actor.STAFF},
    ReportStatus.REOPENED: {ReportStatus.SUBMITTED: Actor.PARTNER},
}

#: The partner may change the answers (and is late once the deadline has passed).
EDITABLE_STATUSES = frozenset(
    {ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED, ReportStatus.REOPENED}
)
#: Not (or no longer) with the municipality: the same set, named for what counting needs.
NOT_HANDED_IN = EDITABLE_STATUSES
#: With the municipality: its figures count in exports (approved ones on the public pages).
HANDED_IN = frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED})
#: Staff have taken a decision on the latest submission.
DECIDED = frozenset({ReportStatus.CHANGES_REQUESTED, ReportStatus.APPROVED, ReportStatus.REOPENED})
