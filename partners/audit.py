"""Wagtail audit-log actions of the reporting side of the portal.

Every submission, review step and evidence upload is written with ``wagtail.log_actions.log``
(see partners/models/reports.py and partners/portal/views.py); the review and audit-trail
screens read them back from Wagtail's ``ModelLogEntry``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

REPORT_SAVE_DRAFT = "partners.report.save_draft"
EVIDENCE_UPLOAD = "partners.evidence.upload"


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(REPORT_SAVE_DRAFT, _("Save report draft"), _("Report draft saved"))
    actions.register_action("partners.report.submit", _("Submit report"), _("Report submitted"))
    actions.register_action(
        "partners.report.request_changes", _("Request changes"), _("Changes requested")
    )
    actions.register_action("partners.report.approve", _("Approve report"), _("Report approved"))
    actions.register_action("partners.report.reopen", _("Reopen report"), _("Report reopened"))
    actions.register_action(EVIDENCE_UPLOAD, _("Upload evidence"), _("Evidence uploaded"))
