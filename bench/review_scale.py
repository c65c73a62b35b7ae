"""Seed N organisations x P reporting periods and time the staff screens as users wait for them.

Every measurement goes through ``django.test.Client`` (the whole request: middleware, Wagtail's
admin views, templates; streamed responses consumed to the last byte), signed in as a staff
member with the review and insight permissions whose second factor is recorded in the session:

* the review listing (Covenant reports), page 1, unfiltered and filtered on "submitted";
* the period overview of the latest period, and its CSV download;
* the coalition insight dashboard;
* the review screen of one submitted report;
* the CSV and XLSX exports of one period.

For each: wall time (median of ``--runs`` runs), number of queries, and peak Python memory
(tracemalloc, in one extra run that is not timed: tracemalloc slows Python down).

Usage:
    uv run python bench/review_scale.py [--organisations 10000] [--periods 8] [--runs 3]
                                        [--database FILE] [--keep]
                                        [--only TEXT] [--profile LINES]

The data goes into a throw-away SQLite file (``--database FILE`` keeps it and reuses it on the
next run when it holds the same scale), or into DATABASE_URL when set (use an empty PostgreSQL
database: the script migrates it and adds its own rows, once; a second run reuses them).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import warnings
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PREFIX = "bench"


def setup_django(database_file: Path) -> None:
    warnings.filterwarnings("ignore", message="No directory at")  # static files: not served
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goedwerk.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_file}")
    import django

    django.setup()


def _seeded(organisations: int, periods: int):
    from partners.models import Organisation, ReportingPeriod

    found = list(
        ReportingPeriod.objects.filter(name__startswith=f"{PREFIX} P").order_by("starts_on")
    )
    if len(found) != periods:
        return None
    if Organisation.objects.filter(slug__startswith=f"{PREFIX}-").count() != organisations:
        return None
    return found


def seed(organisations: int, periods: int) -> dict:
    """Organisations, periods (the latest one open, with its deadline in two weeks; the ones
    before it past), reports in every status (5 % not started), their figures, approvals in the
    audit log, set deadlines, pending extension requests and verdicts."""
    from django.contrib.auth import get_user_model
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
    from partners.reporting.models import (
        CommitmentVerdict,
        DeadlineExtension,
        DeadlineReason,
        ReportDeadline,
        Verdict,
    )

    call_command("migrate", verbosity=0, interactive=False)
    covenant = rotterdam_covenant()
    existing = _seeded(organisations, periods)
    if existing is not None:
        print(f"Reusing the {organisations} organisations x {periods} periods seeded before.")
        return {"covenant": covenant, "periods": existing}
    if ReportingPeriod.objects.filter(name__startswith=f"{PREFIX} P").exists():
        sys.exit("The database holds bench data of another scale: use an empty database.")
    rng = random.Random(2024)  # the same data every run

    started = time.perf_counter()
    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Bench werkgever {n:05d}",
                slug=f"{PREFIX}-{n:05d}",
                kind=Organisation.Kind.STAFFING_AGENCY,
                joined_covenant_on=date(2020, 6, 27),
                public_profile_consent=n % 10 == 0,
            )
            for n in range(organisations)
        ),
        batch_size=2000,
    )
    orgs = list(
        Organisation.objects.filter(slug__startswith=f"{PREFIX}-").values_list("pk", flat=True)
    )
    today = timezone.localdate()
    # The last period's deadline is two weeks away; the earlier ones are past.
    first = today + timedelta(days=14 - 228 - 182 * (periods - 1))
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            covenant=covenant,
            name=f"{PREFIX} P{n + 1}",
            starts_on=first + timedelta(days=182 * n),
            ends_on=first + timedelta(days=182 * n + 181),
            opens_on=first + timedelta(days=182 * n + 182),
            deadline=first + timedelta(days=182 * n + 228),
        )
        for n in range(periods)
    )
    period_list = list(
        ReportingPeriod.objects.filter(name__startswith=f"{PREFIX} P").order_by("starts_on")
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
    User = get_user_model()
    staff = User.objects.create_user(
        username=f"{PREFIX}-reviewer",
        email=f"{PREFIX}-reviewer@rotterdam.example",
        password=None,
        first_name="Bench",
    )
    now = timezone.now()
    reports = []
    for period in period_list:
        for organisation in orgs:
            if rng.random() < 0.05:
                continue  # not started
            status = rng.choice(statuses)
            handed_in = status != ReportStatus.DRAFT
            submitted = now - timedelta(minutes=rng.randint(0, 500_000)) if handed_in else None
            approved = status in (ReportStatus.APPROVED, ReportStatus.REOPENED)
            reports.append(
                Report(
                    organisation_id=organisation,
                    period=period,
                    status=status,
                    submitted_at=submitted,
                    approved_at=submitted + timedelta(days=3) if approved else None,
                    approved_by=staff if approved else None,
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
    # Review records: a set deadline for reports sent back, a pending extension request for
    # one in ten drafts, a verdict on the first commitment of every decided report.
    commitment = counts[0].commitment
    sent_back = [r for r in report_rows if r[1] == ReportStatus.CHANGES_REQUESTED]
    ReportDeadline.objects.bulk_create(
        (
            ReportDeadline(
                report_id=pk,
                due_on=today + timedelta(days=rng.randint(-30, 30)),
                reason=DeadlineReason.CHANGES_REQUESTED,
                set_by=staff,
            )
            for pk, _status, _submitted in sent_back
        ),
        batch_size=5000,
    )
    drafts = [r for r in report_rows if r[1] == ReportStatus.DRAFT]
    DeadlineExtension.objects.bulk_create(
        (
            DeadlineExtension(
                report_id=pk,
                current_deadline=today,
                requested_until=today + timedelta(days=30),
                reason="Bench",
                requested_by=staff,
            )
            for pk, _status, _submitted in drafts[::10]
        ),
        batch_size=5000,
    )
    CommitmentVerdict.objects.bulk_create(
        (
            CommitmentVerdict(
                report_id=pk,
                commitment=commitment,
                submitted_at=submitted,
                verdict=Verdict.ACCEPTED
                if status == ReportStatus.APPROVED
                else Verdict.NEEDS_CHANGES,
                decided_by=staff,
                decided_at=submitted + timedelta(days=2),
            )
            for pk, status, submitted in report_rows
            if status != ReportStatus.DRAFT and status != ReportStatus.SUBMITTED
        ),
        batch_size=5000,
    )
    # Fresh statistics, as autovacuum (PostgreSQL) would gather them a while after a bulk load:
    # without them the planner takes a 10,000-row table for an empty one.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    print(
        f"Seeded {len(orgs)} organisations x {len(period_list)} periods: {len(report_rows)} "
        f"reports, {len(report_rows) * len(counts)} figures in {seconds:.1f} s."
    )
    return {"covenant": covenant, "periods": period_list}


def staff_client():
    """A test client signed in as a superuser whose second factor is recorded in the session,
    as after allauth's MFA step (``tests/signin.py``)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.users.models import UserProfile

    from tests.signin import activate_totp, mfa_login

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=f"{PREFIX}-admin",
        defaults={
            "email": f"{PREFIX}-admin@rotterdam.example",
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Bench",
        },
    )
    if created:
        activate_totp(user)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "nl"
        profile.save()
    return mfa_login(Client(), user)


def consume(response) -> int:
    """The response's size in bytes, reading streamed content to the end as a browser would."""
    if response.streaming:
        size = sum(len(block) for block in response.streaming_content)
        response.close()
        return size
    return len(response.content)


class QueryCounter:
    """Counts the statements sent to the database (``connection.execute_wrapper``)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, function, runs: int) -> list:
    """Run ``function`` once to warm up, ``runs`` times timed (queries counted on the last),
    then once under tracemalloc for the peak memory (tracemalloc slows Python down, so that run
    is not timed)."""
    from django.db import connection

    function()
    times = []
    for _ in range(runs):
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            started = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - started)
    tracemalloc.start()
    function()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    row = [label, statistics.median(times) * 1000, queries.count, peak / 1024 / 1024, result]
    print(f"{row[0]:<42} {row[1]:>9.1f} ms {row[2]:>7} {row[3]:>8.2f} MiB  {row[4]}", flush=True)
    return row


def profile(label: str, function, lines: int) -> None:
    """One more run under cProfile: the functions that took the most time, with callees."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(function)
    print(f"\n--- profile: {label} ---")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)
    print(f"--- profile: {label}, by own time ---")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(lines)


def run(context: dict, runs: int, only: str | None = None, profile_lines: int = 0) -> None:
    from django.urls import reverse

    from partners.models import Report, ReportStatus

    client = staff_client()
    periods = context["periods"]
    period = periods[-1]
    submitted = (
        Report.objects.filter(period=period, status=ReportStatus.SUBMITTED).order_by("pk").first()
    )

    def get(url, expect=200):
        def view():
            response = client.get(url)
            if response.status_code != expect:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            return f"HTTP {response.status_code}, {consume(response) / 1024:.0f} KiB"

        return view

    listing = reverse("partners_review_reports:index")
    overview = reverse("partners_review_overview:index")
    export = "partners_insight:export"
    measurements = [
        ("review listing, page 1", f"{listing}"),
        ("review listing, submitted, page 1", f"{listing}?status=submitted"),
        ("review listing, latest period, page 1", f"{listing}?period={period.pk}"),
        ("period overview (latest period)", f"{overview}?period={period.pk}"),
        (
            "period overview, overdue only",
            f"{overview}?period={periods[-2].pk if len(periods) > 1 else period.pk}&overdue=1",
        ),
        (
            "period overview CSV",
            f"{reverse('partners_review_overview:export')}?period={period.pk}",
        ),
        ("insight dashboard", reverse("partners_insight:dashboard")),
        (
            "review screen (one submitted report)",
            reverse("partners_review_reports:review", args=[submitted.pk]),
        ),
        ("CSV export of one period", reverse(export, args=[period.pk, "csv"])),
        ("XLSX export of one period", reverse(export, args=[period.pk, "xlsx"])),
    ]
    title = f"measurement (median of {runs} runs)"
    print(f"\n{title:<42} {'time':>12} {'queries':>7} {'memory':>12}")
    for label, url in measurements:
        if only and only not in label:
            continue
        measure(label, get(url), runs)
        if profile_lines:
            profile(label, get(url), profile_lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--periods", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measurement")
    parser.add_argument("--database", type=Path, help="SQLite file to keep and reuse")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away SQLite file")
    parser.add_argument("--only", help="only the measurements whose label contains this text")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="LINES",
        help="after each measurement, one run under cProfile: print the top LINES functions",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="goedwerk-bench-"))
    database = args.database or workdir / "review_scale.sqlite3"
    throw_away = "DATABASE_URL" not in os.environ and args.database is None
    setup_django(database)
    from django.db import connection

    print(
        f"Database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})", flush=True
    )
    context = seed(args.organisations, args.periods)
    run(context, args.runs, args.only, args.profile)
    if throw_away and not args.keep:
        database.unlink()
        workdir.rmdir()
    elif throw_away:
        print(f"\nKept {database}")
    else:
        workdir.rmdir()


if __name__ == "__main__":
    main()
