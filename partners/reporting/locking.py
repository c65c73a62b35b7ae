"""Serialising decisions on one report, and recognising a database that is too busy.

Every staff decision (verdict, approve, request changes, reopen, extension decision) runs in a
transaction that first locks the report's row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite
the whole database is locked by the ``IMMEDIATE`` transaction mode set in the settings) and then
re-reads it. Two decisions on the same report therefore run one after the other, and the second
sees what the first did: a "needs changes" verdict and an approval cannot both land.
"""

from django.db import OperationalError
from django.utils.translation import gettext_lazy as _

from partners.models import Report

# How the databases word a lock that could not be had in time: SQLite's busy timeout ("database
# is locked", "database table is locked"), PostgreSQL's lock_timeout and deadlock detection.
BUSY_MESSAGE = _(
    "Someone else was saving this report at the same moment. Nothing was saved: try again."
)
LOCK_TIMEOUT_MESSAGES = ("database is locked", "table is locked", "lock timeout", "deadlock")


def is_lock_timeout(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(
        text in str(error).lower() for text in LOCK_TIMEOUT_MESSAGES
    )


def lock(report: Report) -> Report:
    """Lock ``report``'s row until the end of the current transaction and bring the instance up
    to date with it. Call inside ``transaction.atomic()``."""
    report.refresh_from_db(from_queryset=Report.objects.select_for_update())
    report._saved_status = report.status
    return report
