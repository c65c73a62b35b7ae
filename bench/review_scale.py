"""Seed 1,000 organisations x 8 reporting periods and time the staff side at that scale.

Measures, with wall-clock time, number of queries and peak Python memory (tracemalloc):

* the staff review listing's queryset: reports of one period with their organisation and status,
  filtered on a status, ordered by submission time, first page of 50, plus its count;
* the coalition dashboard's aggregation (status per period, approved figures per indicator);
* the CSV export of one period (consumed as the streaming response would be);
* the XLSX export of one period (write-only workbook in a temporary file).

Usage:
    uv run python bench/review_scale.py [--organisations 1000] [--periods 8] [--keep]

The data goes into a throw-away SQLite file, or into DATABASE_URL when set (use an empty
PostgreSQL database: the script migrates it and adds its own rows).
"""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_file: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goedwerk.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_file}")
    import django

    django.setup()


def seed(organisations: int, periods: int) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    from partners.insight.factories import rotterdam_covenant
    from partners.models import (
        Indicator,
        IndicatorValue,
        Organisation,
        Report,
        ReportingPeriod,
        ReportStatus,
    )

    call_command("migrate", verbosity=0, interactive=False)
    covenant = rotterdam_covenant()
    rng = random.Random(2024)  # the same data every run

    started = time.perf_counter()
    prefix = f"bench-{int(time.time())}"
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench werkgever {prefix} {n:05d}",
            slug=f"{prefix}-{n:05d}",
            kind=Organisation.Kind.STAFFING_AGENCY,
            joined_covenant_on=date(2024, 6, 27),
            public_profile_consent=n % 10 == 0,
        )
        for n in range(organisations)
    )
    orgs = list(Organisation.objects.filter(slug__startswith=prefix).values_list("pk", flat=True))
    first = date(2030, 1, 1)
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            covenant=covenant,
            name=f"{prefix} P{n + 1}",
            starts_on=first + timedelta(days=182 * n),
            ends_on=first + timedelta(days=182 * n + 181),
            opens_on=first + timedelta(days=182 * n + 182),
            deadline=first + timedelta(days=182 * n + 228),
        )
        for n in range(periods)
    )
    period_list = list(
        ReportingPeriod.objects.filter(name__startswith=prefix).order_by("starts_on")
    )
    statuses = [
        ReportStatus.APPROVED,
        ReportStatus.APPROVED,
        ReportStatus.APPROVED,
        ReportStatus.SUBMITTED,
        ReportStatus.DRAFT,
        ReportStatus.CHANGES_REQUESTED,
        ReportStatus.REOPENED,
    ]
    now = timezone.now()
    reports = []
    for period in period_list:
        for organisation in orgs:
            if rng.random() < 0.05:
                continue  # not started
            status = rng.choice(statuses)
            handed_in = status != ReportStatus.DRAFT
            reports.append(
                Report(
                    organisation_id=organisation,
                    period=period,
                    status=status,
                    submitted_at=now - timedelta(minutes=rng.randint(0, 500_000))
                    if handed_in
                    else None,
                )
            )
    Report.objects.bulk_create(reports, batch_size=2000)
    report_rows = list(
        Report.objects.filter(period__in=period_list).values_list("pk", "status", "submitted_at")
    )

    counts = list(Indicator.objects.filter(commitment__covenant=covenant, value_type="count"))
    values = []
    for report_id, _status, _submitted in report_rows:
        employed = rng.randint(20, 800)
        for indicator in counts:
            number = rng.randint(0, employed) if indicator.part_of_id else employed
            values.append(
                IndicatorValue(
                    report_id=report_id, indicator=indicator, raw=str(number), number=number
                )
            )
        if len(values) >= 20_000:
            IndicatorValue.objects.bulk_create(values, batch_size=5000)
            values = []
    IndicatorValue.objects.bulk_create(values, batch_size=5000)

    content_type = ContentType.objects.get_for_model(Report)
    ModelLogEntry.objects.bulk_create(
        (
            ModelLogEntry(
                content_type=content_type,
                object_id=str(report_id),
                label="bench",
                action="partners.report.approve",
                timestamp=submitted + timedelta(days=3),
                data={},
            )
            for report_id, status, submitted in report_rows
            if status == ReportStatus.APPROVED
        ),
        batch_size=5000,
    )
    seconds = time.perf_counter() - started
    print(
        f"Seeded {len(orgs)} organisations x {len(period_list)} periods: {len(report_rows)} "
        f"reports, {len(report_rows) * len(counts)} figures in {seconds:.1f} s."
    )
    return {"covenant": covenant, "periods": period_list}


def measure(label: str, function) -> None:
    """Run ``function`` twice: timed (and its queries counted), then under tracemalloc for the
    peak memory (tracemalloc slows Python down, so it is not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
    tracemalloc.start()
    function()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<44} {seconds * 1000:>9.1f} ms {len(queries.captured_queries):>6} queries "
        f"{peak / 1024 / 1024:>8.2f} MiB peak  {result}"
    )


def run(context: dict) -> None:
    from django.utils import translation

    from partners.insight import exports, stats
    from partners.models import Report, ReportStatus

    translation.activate("nl")
    covenant, periods = context["covenant"], context["periods"]
    period = periods[-1]

    def listing():
        queryset = (
            Report.objects.filter(period=period, status=ReportStatus.SUBMITTED)
            .select_related("organisation", "period")
            .order_by("-submitted_at", "pk")
        )
        page = list(queryset[:50])
        return f"{queryset.count()} submitted, first page {len(page)}"

    def listing_all_statuses():
        queryset = (
            Report.objects.filter(period=period)
            .select_related("organisation")
            .order_by("-submitted_at", "pk")
        )
        return f"{queryset.count()} reports, first page {len(list(queryset[:50]))}"

    def dashboard():
        overview = stats.status_overview(covenant)
        trends = stats.commitment_trends(covenant)
        return f"{len(overview)} periods, {len(trends.commitments)} commitments"

    def csv_export():
        table = exports.PeriodExport(period)
        size = sum(len(line.encode()) for line in exports.csv_lines(table))
        return f"{len(table)} rows, {size / 1024:.0f} KiB"

    def xlsx_export():
        table = exports.PeriodExport(period)
        with exports.xlsx_file(table) as handle:
            size = handle.seek(0, os.SEEK_END)
        return f"{len(table)} rows, {size / 1024:.0f} KiB"

    print(f"\n{'measurement':<44} {'time':>12} {'queries':>7} {'memory':>13}")
    measure("review listing (submitted, page 1 + count)", listing)
    measure("review listing (all statuses, page 1 + count)", listing_all_statuses)
    measure("dashboard aggregation (all periods)", dashboard)
    measure("CSV export of one period", csv_export)
    measure("XLSX export of one period", xlsx_export)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="goedwerk-bench-"))
    database = workdir / "review_scale.sqlite3"
    throw_away = "DATABASE_URL" not in os.environ
    setup_django(database)
    from django.db import connection

    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    context = seed(args.organisations, args.periods)
    run(context)
    if throw_away and not args.keep:
        database.unlink()
        workdir.rmdir()
    elif throw_away:
        print(f"\nKept {database}")


if __name__ == "__main__":
    main()
