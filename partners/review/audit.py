"""Audit-log actions added by the review: verdicts, comments, deadline extensions, staff
downloads of evidence and invitations. Registered with Wagtail in ``wagtail_hooks``.

The report's own transitions (submit, request changes, approve, reopen), drafts and evidence
uploads are registered in ``partners.audit``; all of them land in ``ModelLogEntry``, which has no
edit or delete view anywhere in the admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

VERDICT = "partners_review.verdict"
COMMENT = "partners_review.comment"
EXTENSION_REQUEST = "partners_review.extension.request"
EXTENSION_GRANT = "partners_review.extension.grant"
EXTENSION_REFUSE = "partners_review.extension.refuse"
EVIDENCE_DOWNLOAD = "partners_review.evidence.staff_download"
INVITATION_SEND = "partners_review.invitation.send"
INVITATION_ACCEPT = "partners_review.invitation.accept"
INVITATION_REVOKE = "partners_review.invitation.revoke"


class DataCommentFormatter(LogFormatter):
    """Shows the comment stored in the entry's data in the admin history."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("comment", "")


def _formatter(label, message):
    return type("_ReviewFormatter", (DataCommentFormatter,), {"label": label, "message": message})


ACTIONS = {
    VERDICT: (_("Give a verdict on a commitment"), _("Verdict on a commitment given")),
    COMMENT: (_("Comment on a report"), _("Comment added")),
    EXTENSION_REQUEST: (_("Ask for a deadline extension"), _("Deadline extension asked for")),
    EXTENSION_GRANT: (_("Grant a deadline extension"), _("Deadline extension granted")),
    EXTENSION_REFUSE: (_("Refuse a deadline extension"), _("Deadline extension refused")),
    EVIDENCE_DOWNLOAD: (_("Download evidence (staff)"), _("Evidence downloaded by staff")),
    INVITATION_SEND: (_("Invite a member"), _("Invitation sent")),
    INVITATION_ACCEPT: (_("Accept an invitation"), _("Invitation accepted")),
    INVITATION_REVOKE: (_("Withdraw an invitation"), _("Invitation withdrawn")),
}


def register(actions) -> None:
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action)(_formatter(label, message))
