"""Staff review of covenant reports, the audit trail, notifications and reminders.

``feedback_for(report)`` gives the portal what the partner may see of the review; render it with
``{% include "partners/review/includes/report_feedback.html" %}`` (context variable ``feedback``).
"""


def feedback_for(report, **kwargs):
    from .feedback import feedback_for as build

    return build(report, **kwargs)
