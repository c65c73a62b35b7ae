"""Every audit-log action of the partner side, in one registry with one naming scheme:
``partners.<object>.<verb>``. Registered with Wagtail from ``partners/wagtail_hooks.py``.

All of them land in Wagtail's ``ModelLogEntry`` (which has no edit or delete view anywhere in
the admin); the review screen, the partner's access log and the admin history read them back.
Actions written before this scheme existed are renamed by the migration
``partners_review.0003_audit_action_names``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

# The report's own life (partners.reporting.writing and Report.transition_to)
REPORT_SAVE_DRAFT = "partners.report.save_draft"
REPORT_SUBMIT = "partners.report.submit"
REPORT_REQUEST_CHANGES = "partners.report.request_changes"
REPORT_APPROVE = "partners.report.approve"
REPORT_REOPEN = "partners.report.reopen"
# Staff review steps (partners.reporting.decisions)
REPORT_VERDICT = "partners.report.verdict"
REPORT_COMMENT = "partners.report.comment"
# The partner's comments in a report's thread (partners.reporting.thread)
REPORT_PARTNER_COMMENT = "partners.report.partner_comment"
REPORT_STAFF_VIEW = "partners.report.staff_view"
EXTENSION_REQUEST = "partners.extension.request"
EXTENSION_GRANT = "partners.extension.grant"
EXTENSION_REFUSE = "partners.extension.refuse"
# Evidence
EVIDENCE_UPLOAD = "partners.evidence.upload"
EVIDENCE_STAFF_DOWNLOAD = "partners.evidence.staff_download"
EVIDENCE_FILE_REMOVED = "partners.evidence.file_removed"
EVIDENCE_DELETE = "partners.evidence.delete"
EVIDENCE_REPLACE = "partners.evidence.replace"
# Members and exports
INVITATION_SEND = "partners.invitation.send"
INVITATION_ACCEPT = "partners.invitation.accept"
INVITATION_REVOKE = "partners.invitation.revoke"
INVITATION_RESEND = "partners.invitation.resend"
MEMBERSHIP_ROLE_CHANGE = "partners.membership.role_change"
MEMBERSHIP_REMOVE = "partners.membership.remove"
REPORTS_EXPORT = "partners.reports.export"
REMINDER_SEND = "partners.reminder.send"
REMINDER_SEND_NOW = "partners.reminder.send_now"
REMINDER_SEND_NOW_FAILED = "partners.reminder.send_now_failed"


class DataCommentFormatter(LogFormatter):
    """Shows the comment stored in the entry's data in the admin history."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("comment", "")


#: action → (label, message)
ACTIONS = {
    REPORT_SAVE_DRAFT: (_("Save report draft"), _("Report draft saved")),
    REPORT_SUBMIT: (_("Submit report"), _("Report submitted")),
    REPORT_REQUEST_CHANGES: (_("Request changes"), _("Changes requested")),
    REPORT_APPROVE: (_("Approve report"), _("Report approved")),
    REPORT_REOPEN: (_("Reopen report"), _("Report reopened")),
    REPORT_VERDICT: (_("Give a verdict on a commitment"), _("Verdict on a commitment given")),
    REPORT_COMMENT: (_("Comment on a report"), _("Comment added")),
    REPORT_PARTNER_COMMENT: (
        _("Comment on a report (partner)"),
        _("Comment added by the partner"),
    ),
    REPORT_STAFF_VIEW: (_("View a partner's report (staff)"), _("Report viewed by staff")),
    EXTENSION_REQUEST: (_("Ask for a deadline extension"), _("Deadline extension asked for")),
    EXTENSION_GRANT: (_("Grant a deadline extension"), _("Deadline extension granted")),
    EXTENSION_REFUSE: (_("Refuse a deadline extension"), _("Deadline extension refused")),
    EVIDENCE_UPLOAD: (_("Upload evidence"), _("Evidence uploaded")),
    EVIDENCE_STAFF_DOWNLOAD: (_("Download evidence (staff)"), _("Evidence downloaded by staff")),
    EVIDENCE_FILE_REMOVED: (
        _("Remove an evidence file after its retention period"),
        _("Evidence file removed (retention period over)"),
    ),
    EVIDENCE_DELETE: (_("Delete evidence"), _("Evidence deleted by the partner")),
    EVIDENCE_REPLACE: (_("Replace evidence"), _("Evidence replaced by a new file")),
    INVITATION_SEND: (_("Invite a member"), _("Invitation sent")),
    INVITATION_ACCEPT: (_("Accept an invitation"), _("Invitation accepted")),
    INVITATION_REVOKE: (_("Withdraw an invitation"), _("Invitation withdrawn")),
    INVITATION_RESEND: (_("Resend an invitation"), _("Invitation sent again with a new link")),
    MEMBERSHIP_ROLE_CHANGE: (_("Change a member's role"), _("Member's role changed")),
    MEMBERSHIP_REMOVE: (_("Remove a member"), _("Member removed")),
    REPORTS_EXPORT: (_("Export reports"), _("Reports exported")),
    REMINDER_SEND: (_("Send a deadline reminder"), _("Deadline reminder sent")),
    REMINDER_SEND_NOW: (
        _("Send a deadline reminder now (staff)"),
        _("Deadline reminder sent by staff"),
    ),
    REMINDER_SEND_NOW_FAILED: (
        _("Deadline reminder by staff not delivered"),
        _("Deadline reminder could not be sent (mail server); it can be sent again"),
    ),
}


def register(actions) -> None:
    for action, (label, message) in ACTIONS.items():
        formatter = type(
            "PartnersLogFormatter", (DataCommentFormatter,), {"label": label, "message": message}
        )
        actions.register_action(action)(formatter)
