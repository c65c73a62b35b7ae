"""Issue #14: the CSV and XLSX exports of a period, consumed end to end, run the same number of
queries for 3 organisations as for 12 (the dashboard's test is in test_admin.py), and the fast
XLSX path still types every text as a string cell."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.models import Organisation, ReportStatus

pytestmark = pytest.mark.django_db


def _add(count, period, ind, staff):
    statuses = [ReportStatus.APPROVED, ReportStatus.SUBMITTED, ReportStatus.DRAFT]
    for index in range(count):
        organisation = PartnerFactory()
        answers = {ind["workers_employed"]: 10 + index, ind["registered_brp_address"]: 7}
        make_report(organisation, period, answers, status=statuses[index % 3], staff=staff)
        PartnerFactory()  # one that has not started


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    return len(captured.captured_queries)


def test_exports_run_the_same_queries_for_3_and_12_organisations(staff_client, ind, h1):
    staff = reviewer()
    urls = [
        reverse("partners_insight:export", args=[h1.pk, fmt]) + query
        for fmt in ("csv", "xlsx")
        for query in ("", "?approved=1")
    ]
    _add(3, h1, ind, staff)
    for url in urls:
        _queries(staff_client, url)  # warm caches
    three = {url: _queries(staff_client, url) for url in urls}
    _add(9, h1, ind, staff)
    twelve = {url: _queries(staff_client, url) for url in urls}
    assert twelve == three


def test_xlsx_text_that_looks_like_a_formula_or_an_error_stays_text(staff_client, ind, h1):
    # Control characters PostgreSQL can store (it refuses NUL); XML cannot hold them. A save
    # takes them out (goedwerk.storable); the export must hold without that too, so the last
    # name is written past it, with an UPDATE.
    names = ["=1+1", "#N/A", "#DIV/0!", "Gewoon"]
    for name in names:
        make_report(PartnerFactory(name=name), h1, {ind["workers_employed"]: 3})
    Organisation.objects.filter(name="Gewoon").update(name="Gewoon \x07B.V.\x1f")
    response = staff_client.get(reverse("partners_insight:export", args=[h1.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    for name in ("=1+1", "#N/A", "#DIV/0!", "Gewoon B.V."):
        assert cells[name].data_type == "s", name
    employed = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "#N/A")
    assert 3 in [cell.value for cell in employed]  # numbers stay numbers
