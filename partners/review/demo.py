"""Demo review steps (loaded by partners/demo.py after the demo reports). Idempotent: only reports
that wait for review are touched, so a second run changes nothing.

The older past period is approved for everyone; in the newer one every report is approved except
Network People's, which is sent back with a question, so the demo shows a report that changes were
requested for, and the public progress page has approved figures to show."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.demo_accounts import STAFF_EMAIL
from partners.models import Report, ReportStatus
from partners.reporting import decisions as services

SENT_BACK = "network-people"
QUESTION = (
    "Wilt u bij de afspraak over huisvesting het geldige SNF-certificaat toevoegen als bewijs, "
    "en toelichten op welke locaties uw werknemers wonen?"
)


def load(*, stdout, password: str) -> None:
    staff = get_user_model().objects.filter(username=STAFF_EMAIL).first()
    if staff is None:
        stdout.write("Demo review: no programme staff account, skipped.")
        return
    today = timezone.localdate()
    waiting = (
        Report.objects.filter(status=ReportStatus.SUBMITTED, period__deadline__lt=today)
        .select_related("organisation", "period")
        .order_by("period__starts_on", "organisation__name")
    )
    newest_period = max((report.period.starts_on for report in waiting), default=None)
    for report in waiting:
        if report.organisation.slug == SENT_BACK and report.period.starts_on == newest_period:
            services.request_changes(
                report,
                by=staff,
                comment=QUESTION,
                resubmit_by=today + timedelta(days=21),
            )
        else:
            services.approve(report, by=staff, comment="Dank u wel, goedgekeurd.")


def logins() -> list[tuple[str, str]]:
    return []
