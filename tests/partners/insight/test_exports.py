"""Exports of a reporting period: CSV (streamed) and XLSX (write-only workbook), equal to the
data, permission-checked and written to the audit log."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from goedwerk import spreadsheets
from partners import audit
from partners.insight import exports
from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.models import CommitmentResponse, ReportingPeriod, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(covenant, ind, h1):
    staff = reviewer()
    alfa = PartnerFactory(name="Alfa Uitzend B.V.", kvk_number="12345678")
    bravo = PartnerFactory(name="Bravo Werk B.V.")
    charlie = PartnerFactory(name="=Charlie+ B.V.")  # would be a formula in a spreadsheet
    PartnerFactory(name="Delta Zorg")  # not started
    approved = make_report(
        alfa,
        h1,
        {
            ind["workers_employed"]: 120,
            ind["registered_brp_address"]: 100,
            ind["language_in_working_hours"]: True,
            ind["branch_organisation"]: "abu",
            ind["snf_registration_date"]: date(2023, 5, 1),
        },
        staff=staff,
    )
    CommitmentResponse.objects.create(
        report=approved,
        commitment=ind["workers_housed"].commitment,
        not_applicable=True,
        explanation="Wij huisvesten niemand.",
    )
    make_report(bravo, h1, {ind["workers_employed"]: 40}, status=ReportStatus.SUBMITTED)
    make_report(charlie, h1, {ind["workers_employed"]: 7}, status=ReportStatus.DRAFT)
    return {"approved": approved}


def export_url(period, fmt):
    return reverse("partners_insight:export", args=[period.pk, fmt])


def streamed_csv(response, delimiter=";") -> list[dict]:
    """The export as Dutch Excel reads it by default: ``;`` between cells, UTF-8 with a BOM."""
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def column(header, code):
    return next(name for name in header if name.startswith(f"{code}: "))


def test_csv_is_streamed_and_equal_to_the_data(staff_client, data, ind, h1):
    response = staff_client.get(export_url(h1, "csv"))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    rows = streamed_csv(response)
    by_name = {row["Organisation"]: row for row in rows}
    # Every organisation expected to report: the three partners, Delta and the municipality.
    assert set(by_name) == {
        "Alfa Uitzend B.V.",
        "Bravo Werk B.V.",
        "'=Charlie+ B.V.",
        "Delta Zorg",
        "Gemeente Rotterdam",
    }
    header = list(rows[0])
    employed = column(header, "workers_employed")
    assert ind["workers_employed"].label in employed
    alfa = by_name["Alfa Uitzend B.V."]
    assert alfa["KvK number"] == "12345678"
    assert alfa["Status"] == "Approved"
    assert alfa[employed] == "120"
    assert alfa[column(header, "registered_brp_address")] == "100"
    assert alfa[column(header, "language_in_working_hours")] == "yes"
    assert alfa[column(header, "branch_organisation")] == "abu"
    assert alfa[column(header, "snf_registration_date")] == "2023-05-01"
    assert alfa[column(header, "housing_snf")] == "yes"  # marked not applicable
    assert alfa["Submitted at"] and alfa["Approved at"]
    assert alfa["Approved at"] >= alfa["Submitted at"]
    bravo = by_name["Bravo Werk B.V."]
    assert (bravo["Status"], bravo[employed], bravo["Approved at"]) == ("Submitted", "40", "")
    assert by_name["Delta Zorg"]["Status"] == "Not started"
    assert by_name["Delta Zorg"][employed] == ""


def test_xlsx_is_equal_to_the_data(staff_client, data, ind, h1):
    response = staff_client.get(export_url(h1, "xlsx"))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet.title == "2025 H1"
    rows = list(sheet.iter_rows(values_only=True))
    header, body = list(rows[0]), rows[1:]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert len(body) == 5
    alfa = by_name["Alfa Uitzend B.V."]
    assert alfa[column(header, "workers_employed")] == 120  # a number, not text
    assert alfa[column(header, "registered_brp_address")] == 100
    assert alfa["Status"] == "Approved"
    assert alfa["Approved at"] is not None
    assert "=Charlie+ B.V." in by_name  # as typed, in a string cell (see test_formulas)
    assert by_name["Delta Zorg"]["Status"] == "Not started"


def test_exports_are_logged(staff_client, staff, data, h1):
    for fmt in ("csv", "xlsx"):
        response = staff_client.get(export_url(h1, fmt))
        b"".join(response.streaming_content)
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ReportingPeriod),
        object_id=str(h1.pk),
        action=audit.REPORTS_EXPORT,
    ).order_by("timestamp")
    assert [entry.data["format"] for entry in entries] == ["csv", "xlsx"]
    assert all(entry.user_id == staff.pk for entry in entries)
    assert entries[0].data["organisations"] == 5


def test_unknown_format_and_period_are_404(staff_client, h1):
    # (Django's LocaleMiddleware first redirects a 404 to the language-prefixed path.)
    for url in (export_url(h1, "pdf"), reverse("partners_insight:export", args=[h1.pk + 9, "csv"])):
        assert staff_client.get(url, follow=True).status_code == 404


def test_rows_are_read_in_chunks(covenant, ind, h1, django_assert_num_queries):
    staff = reviewer()
    for index in range(7):
        make_report(PartnerFactory(), h1, {ind["workers_employed"]: index}, staff=staff)
    table = exports.PeriodExport(h1, chunk_size=3)
    assert len(table) == 8  # and the municipality
    # 8 organisations in chunks of 3: three chunks of four queries each (organisations with
    # their report and deadline, answers one row per report, invalid answers, not-applicable
    # commitments; the approval is a column).
    with django_assert_num_queries(12):
        rows = list(table.rows())
    employed = table.header().index(column(table.header(), "workers_employed"))
    assert sorted(row[employed] for row in rows if row[employed] is not None) == list(range(7))


# --- Formula injection -----------------------------------------------------------------------

HOSTILE_TEXTS = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    'Goed;=HYPERLINK("https://evil.example";"klik")',
    "Goed\t@SUM(1)",
    "a;b;+c;-d",
    "Gewone tekst; met een puntkomma",
]


def _cell_starts(text: str) -> list[str]:
    """Every piece a spreadsheet may make a cell of: the text split on ";" and on tabs."""
    return [piece for part in text.split(";") for piece in part.split("\t")]


@pytest.fixture
def hostile(covenant, ind, h1):
    staff = reviewer()
    reports = []
    for n, text in enumerate(HOSTILE_TEXTS):
        organisation = PartnerFactory(name=f"Org {n:02d}")
        reports.append(make_report(organisation, h1, {ind["membership_number"]: text}, staff=staff))
    return reports


def test_csv_cells_never_start_a_formula_also_after_a_semicolon_or_tab(staff_client, hostile, h1):
    rows = streamed_csv(staff_client.get(export_url(h1, "csv")))
    header = list(rows[0])
    number = column(header, "membership_number")
    cells = {
        row["Organisation"]: row[number] for row in rows if row["Organisation"].startswith("Org")
    }
    assert len(cells) == len(HOSTILE_TEXTS)
    for n, text in enumerate(HOSTILE_TEXTS):
        cell = cells[f"Org {n:02d}"]
        for piece in _cell_starts(cell):
            assert not piece.startswith(spreadsheets.FORMULA_START), (text, cell)
        assert cell.replace("'", "") == text.replace("'", "")  # only quotes were added
    assert cells["Org 09"] == "Gewone tekst; met een puntkomma"  # harmless text is unchanged


def test_xlsx_text_is_typed_string_cells_exactly_as_typed(staff_client, hostile, h1):
    content = b"".join(staff_client.get(export_url(h1, "xlsx")).streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    number = header.index(column(header, "membership_number"))
    by_name = {row[0].value: row[number] for row in rows[1:]}
    for n, text in enumerate(HOSTILE_TEXTS):
        cell = by_name[f"Org {n:02d}"]
        assert cell.data_type == "s"
        assert cell.value == text.replace("\r", "\n") or cell.value == text  # no quote prefix


def test_safe_text_rules():
    assert spreadsheets.safe_text("=1+1") == "'=1+1"
    assert spreadsheets.safe_text("a;=1") == "a;'=1"
    assert spreadsheets.safe_text("a\t+1") == "a\t'+1"
    assert spreadsheets.safe_text("\t\t=1") == "'\t'\t'=1"
    assert spreadsheets.safe_text("a\x00b") == "ab"
    assert spreadsheets.safe_text("e-mail; info@x.example") == "e-mail; info@x.example"
    assert spreadsheets.safe_text(12) == 12


# --- Content by status -----------------------------------------------------------------------

SCOPE_ALL = "Figures included (submitted and approved reports only)"
SCOPE_APPROVED = "Figures included (approved reports only)"


def test_export_figures_only_from_handed_in_reports_and_says_so(staff_client, data, ind, h1):
    rows = streamed_csv(staff_client.get(export_url(h1, "csv")))
    header = list(rows[0])
    assert SCOPE_ALL in header
    employed = column(header, "workers_employed")
    by_name = {row["Organisation"]: row for row in rows}
    charlie = by_name["'=Charlie+ B.V."]  # a draft: status and deadline, never its figures
    assert (charlie["Status"], charlie[employed], charlie[SCOPE_ALL]) == ("Draft", "", "no")
    assert charlie["Deadline"] == h1.deadline.isoformat()
    assert by_name["Bravo Werk B.V."][employed] == "40"
    assert by_name["Bravo Werk B.V."][SCOPE_ALL] == "yes"
    assert by_name["Alfa Uitzend B.V."][employed] == "120"
    assert by_name["Alfa Uitzend B.V."][column(header, "housing_snf")] == "yes"


def test_export_of_approved_reports_only(staff_client, data, ind, h1):
    rows = streamed_csv(staff_client.get(export_url(h1, "csv") + "?approved=1"))
    header = list(rows[0])
    assert SCOPE_APPROVED in header and SCOPE_ALL not in header
    employed = column(header, "workers_employed")
    by_name = {row["Organisation"]: row for row in rows}
    assert by_name["Bravo Werk B.V."]["Status"] == "Submitted"
    assert by_name["Bravo Werk B.V."][employed] == ""
    assert by_name["Bravo Werk B.V."][SCOPE_APPROVED] == "no"
    assert by_name["Alfa Uitzend B.V."][employed] == "120"
    entry = ModelLogEntry.objects.filter(action=audit.REPORTS_EXPORT).latest("timestamp")
    assert entry.data["approved_only"] is True


@pytest.mark.django_db
def test_csv_is_semicolon_separated_for_dutch_excel_and_plain_on_request(
    staff_client, data, ind, h1
):
    dutch = streamed_csv(staff_client.get(export_url(h1, "csv")))
    plain = streamed_csv(staff_client.get(export_url(h1, "csv") + "?csv=plain"), delimiter=",")
    assert len(dutch) == len(plain) > 1
    assert len(dutch[0]) == len(plain[0]) > 5  # real columns, not one column per line
    assert dutch == plain
