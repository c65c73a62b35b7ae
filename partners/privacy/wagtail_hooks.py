from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .access_log import REPORT_VIEWED
from .retention import EVIDENCE_FILE_REMOVED


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        REPORT_VIEWED, _("View a partner's report (staff)"), _("Report viewed by staff")
    )
    actions.register_action(
        EVIDENCE_FILE_REMOVED,
        _("Remove an evidence file after its retention period"),
        _("Evidence file removed (retention period over)"),
    )
