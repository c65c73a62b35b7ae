"""The XLSX export has typed cells: numbers as numbers, dates and times as dates (with a date
format, so Excel shows them as dates), status and yes/no as text."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .test_exports import column, data  # noqa: F401 - the export's data fixture

pytestmark = pytest.mark.django_db


def test_xlsx_cells_are_typed(staff_client, request, ind, h1):
    request.getfixturevalue("data")
    url = reverse("partners_insight:export", args=[h1.pk, "xlsx"])
    content = b"".join(staff_client.get(url).streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    alfa = next(row for row in rows[1:] if row[0].value == "Alfa Uitzend B.V.")
    cell = dict(zip(header, alfa, strict=True))

    employed = cell[column(header, "workers_employed")]
    assert (employed.data_type, employed.value) == ("n", 120)
    for name in ("Deadline", "Submitted at", "Approved at"):
        assert cell[name].is_date, name
        assert isinstance(cell[name].value, datetime), name
    assert cell["Deadline"].value.date() == h1.deadline
    snf = cell[column(header, "snf_registration_date")]
    assert snf.is_date and snf.value.date() == date(2023, 5, 1)
    for name in ("Status", "KvK number", column(header, "language_in_working_hours")):
        assert cell[name].data_type == "s", name
    assert cell["KvK number"].value == "12345678"  # text: a leading zero would survive
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert "numFmt" in styles or 'numFmtId="14"' in styles or "applyNumberFormat" in styles
