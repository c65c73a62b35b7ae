"""Demo reports (see partners/demo.py). Idempotent: run it twice and nothing changes.

Three half-year periods relative to today: the two before the current one, with submitted
reports for every organisation, and the current one, open, with a draft for Tempo-Team and a
certificate that expires within 60 days (so the dashboard warns). Figures are believable
aggregates; there is never any personal data about workers.
"""

from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from .covenant_seed import COVENANT, seed
from .models import (
    CommitmentResponse,
    Covenant,
    Evidence,
    Indicator,
    IndicatorValue,
    Organisation,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from .models.reports import party_for, private_storage

# Workers employed or placed in the region, per organisation (made-up, plausible sizes).
WORKFORCE = {
    "tempo-team": 860,
    "vebego-zorg": 240,
    "network-people": 410,
    "labour-power-company": 325,
    "people-21": 180,
}
BRANCH = {
    "tempo-team": "abu",
    "network-people": "nbbu",
    "labour-power-company": "nbbu",
    "people-21": "abu",
}
NOT_APPLICABLE = {
    "vebego-zorg": {
        "branch_membership": "Vebego Zorg is geen uitzendonderneming en kan geen lid worden.",
        "housing_snf": "Wij regelen geen huisvesting; onze medewerkers wonen zelfstandig.",
    }
}
MUNICIPALITY_FIGURES = {
    "vouchers_issued": 140,
    "language_training_participants": 95,
    "group_sessions_held": 9,
    "group_sessions_on_site": 5,
    "people_registered_in_groups": 310,
    "job_fairs_organised": 1,
    "job_fair_exhibitors": 28,
    "job_fair_visitors": 900,
    "jobseekers_referred": 64,
    "jobseekers_placed": 21,
    "partner_meetings_held": 3,
}
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _half_years(today: date) -> list[tuple[str, date, date]]:
    """The current half-year and the two before it, oldest first."""
    year, half = today.year, 1 if today.month <= 6 else 2
    result = []
    for _step in range(3):
        start = date(year, 1 if half == 1 else 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        result.append((f"{year} H{half}", start, end))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return list(reversed(result))


def _periods(covenant, today):
    periods = []
    for name, start, end in _half_years(today):
        opens_on = min(end - timedelta(days=45), today)
        period, _created = ReportingPeriod.objects.get_or_create(
            covenant=covenant,
            name=name,
            defaults={
                "starts_on": start,
                "ends_on": end,
                "opens_on": opens_on,
                "deadline": end + timedelta(days=45),
            },
        )
        periods.append(period)
    return periods


def _employer_figures(slug: str, growth: float) -> dict:
    w = round(WORKFORCE[slug] * growth)
    brp, rni = round(w * 0.78), round(w * 0.15)
    housed = round(w * 0.45)
    figures = {
        "workers_employed": w,
        "registered_brp_address": brp,
        "registered_rni_only": rni,
        "registration_unknown": w - brp - rni,
        "registered_group_sessions": round(w * 0.08),
        "vocational_training_started": round(w * 0.06),
        "schooling_vouchers_used": round(w * 0.03),
        "promoted_workers": round(w * 0.02),
        "language_started": round(w * 0.12),
        "language_completed": round(w * 0.07),
        "language_in_working_hours": slug != "people-21",
        "workers_housed": housed,
        "housed_snf_registered": round(housed * 0.92),
        "snf_registered": True,
        "snf_registration_date": date(2019, 3, 1),
        "separate_rental_contract": True,
        "branch_organisation": BRANCH.get(slug, "neither"),
        "membership_number": f"{BRANCH.get(slug, '').upper()}-{WORKFORCE[slug] * 7}",
        "sna_registered": True,
        "homeless_referred": 3 + WORKFORCE[slug] // 200,
        "homeless_placed": 1 + WORKFORCE[slug] // 400,
        "homeless_housed": 1,
        "job_fairs_attended": 1,
        "vacancies_offered": 10 + WORKFORCE[slug] // 30,
        "hires_from_job_fairs": 2 + WORKFORCE[slug] // 150,
    }
    return figures


def _raw(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_answers(report, indicators, figures: dict, not_applicable: dict) -> None:
    for indicator in indicators:
        code = indicator.commitment.code
        if code in not_applicable or indicator.code not in figures:
            continue
        value = IndicatorValue(
            report=report, indicator=indicator, raw=_raw(figures[indicator.code])
        )
        value.set_value(indicator.value_type, figures[indicator.code])
        IndicatorValue.objects.update_or_create(
            report=report,
            indicator=indicator,
            defaults={
                field: getattr(value, field)
                for field in ("raw", "is_valid", "number", "boolean", "text", "date")
            },
        )
    for commitment_code, explanation in not_applicable.items():
        commitment = next(
            (i.commitment for i in indicators if i.commitment.code == commitment_code), None
        )
        if commitment is not None:
            CommitmentResponse.objects.update_or_create(
                report=report,
                commitment=commitment,
                defaults={"not_applicable": True, "explanation": explanation},
            )


def _reporter(organisation):
    membership = organisation.memberships.select_related("user").order_by("role", "pk").first()
    return membership.user if membership else None


def load(*, stdout, password: str) -> None:
    seed(apps, language_code=settings.LANGUAGE_CODE)  # the covenant, in case it was flushed
    covenant = Covenant.objects.get(code=COVENANT["code"], locale__language_code="nl")
    today = timezone.localdate()
    *past, current = _periods(covenant, today)
    indicators = {
        party: list(
            Indicator.objects.filter(
                commitment__covenant=covenant, commitment__party=party, locale=covenant.locale
            ).select_related("commitment")
        )
        for party in ("employer", "municipality")
    }
    organisations = Organisation.objects.filter(
        slug__in=[*WORKFORCE, "gemeente-rotterdam"]
    ).order_by("name")
    made = 0
    for organisation in organisations:
        user = _reporter(organisation)
        if user is None:
            stdout.write(f"Demo reports: {organisation} has no members yet, skipped.")
            continue
        party = party_for(organisation)
        for step, period in enumerate(past):
            report, _created = Report.objects.get_or_create(
                organisation=organisation, period=period
            )
            if report.status != ReportStatus.DRAFT:
                continue  # already handed in: leave it alone
            if party == "municipality":
                figures = {k: v + step * 2 for k, v in MUNICIPALITY_FIGURES.items()}
            else:
                figures = _employer_figures(organisation.slug, 1 + step * 0.05)
            _write_answers(
                report, indicators[party], figures, NOT_APPLICABLE.get(organisation.slug, {})
            )
            report.transition_to(ReportStatus.SUBMITTED, by=user)
            made += 1
        if organisation.slug == "tempo-team":
            _current_draft(organisation, current, indicators["employer"], user, today)
    stdout.write(f"Demo reports: {len(past)} past periods, {made} reports submitted now.")


def _current_draft(organisation, period, indicators, user, today) -> None:
    report, _created = Report.objects.get_or_create(organisation=organisation, period=period)
    if not report.is_editable:
        return
    figures = _employer_figures(organisation.slug, 1.1)
    first_two = {"brp_registration", "schooling"}
    partial = [i for i in indicators if i.commitment.code in first_two]
    _write_answers(report, partial, figures, {})
    if not Evidence.objects.filter(report=report, original_name="snf-certificaat.pdf").exists():
        storage = private_storage()
        stored = storage.save(Evidence.new_stored_name("pdf"), ContentFile(DEMO_PDF))
        Evidence.objects.create(
            report=report,
            kind="snf_registration",
            valid_until=today + timedelta(days=40),
            description="Inschrijving bij de Stichting Normering Flexwonen",
            stored_name=stored,
            original_name="snf-certificaat.pdf",
            content_type="application/pdf",
            size=len(DEMO_PDF),
            uploaded_by=user,
        )


def logins() -> list[tuple[str, str]]:
    return []
