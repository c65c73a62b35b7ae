"""Virus scanning through clamd: EICAR refused, clean files pass, and a configured scanner that
cannot answer refuses the upload (fail closed)."""

import logging
import socket
import threading

import pytest
from django.core.checks import WARNING, run_checks
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from partners.filecheck import MESSAGES, check_evidence_file, clamav
from partners.models import Evidence
from tests.partners import helpers
from tests.partners.test_evidence import upload

from . import builders as b
from .ports import free_port

CLOSED_PORT = 18110


def refusal(data, file_name="bewijs.pdf"):
    with pytest.raises(ValidationError) as refused:
        check_evidence_file(SimpleUploadedFile(file_name, data))
    return refused.value.code


@pytest.fixture
def scanning(settings, clamd):
    settings.CLAMAV_ADDRESS = clamd["unix"]
    return clamd


def test_clamd_names_the_eicar_signature(scanning):
    assert clamav.scan_bytes(b.EICAR).startswith("Goedwerk.Test.EICAR")
    assert clamav.scan_bytes(b"gewoon een bestand") is None


def test_clamd_over_tcp(settings, clamd):
    assert clamav.scan_bytes(b.EICAR, address=clamd["tcp"]).startswith("Goedwerk.Test.EICAR")
    settings.CLAMAV_ADDRESS = clamd["tcp"]
    assert refusal(b.pdf_with_eicar()) == "virus"


def test_eicar_inside_a_pdf_is_refused(scanning):
    data = b.pdf_with_eicar()
    assert b.EICAR in data
    assert refusal(data) == "virus"


def test_eicar_inside_a_word_document_is_refused(scanning):
    data = helpers.docx_bytes(extra={"word/media/notes.txt": b.EICAR})
    assert b.EICAR not in data  # compressed: clamd has to unpack the archive to see it
    assert refusal(data, "verslag.docx") == "virus"


def test_clean_files_pass_the_scanner(scanning):
    for data, name in [
        (helpers.pdf_bytes(), "a.pdf"),
        (helpers.docx_bytes(), "a.docx"),
        (b.xlsx_bytes(), "a.xlsx"),
    ]:
        check_evidence_file(SimpleUploadedFile(name, data))


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_eicar_pdf_is_refused_in_the_portal(scanning, client_a, org_a, period):
    file = SimpleUploadedFile("certificaat.pdf", b.pdf_with_eicar(), "application/pdf")
    response = upload(client_a, org_a, period, file, description="Mijn toelichting")
    assert response.status_code == 200
    assert escape(str(MESSAGES["virus"])) in response.content.decode()
    assert not Evidence.objects.exists()
    assert upload(client_a, org_a, period, helpers.pdf_file()).status_code == 302


# --- fail closed --------------------------------------------------------------------------------


@pytest.fixture
def fake_clamd(settings):
    """A TCP server on a free test port that answers ``reply`` (or nothing, when None)."""
    port = free_port()
    server = socket.create_server(("127.0.0.1", port))
    server.settimeout(5)
    state = {"reply": b"INSTREAM size limit exceeded. ERROR\0"}
    connections = []

    def serve():
        try:
            connection, _ = server.accept()
        except OSError:
            return
        connections.append(connection)
        connection.settimeout(5)
        try:
            while not connection.recv(65536).endswith(b"\0\0\0\0"):
                pass
            if state["reply"] is not None:
                connection.sendall(state["reply"])
        except OSError:
            pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{port}"
    yield state
    thread.join(timeout=6)
    for connection in connections:
        connection.close()
    server.close()


@pytest.mark.parametrize(
    "address",
    [
        "unix:///nonexistent/clamd.ctl",
        f"tcp://127.0.0.1:{CLOSED_PORT}",
        "clamd.example:3310",  # not a usable address at all
    ],
)
def test_unreachable_scanner_refuses_the_upload(settings, caplog, address):
    settings.CLAMAV_ADDRESS = address
    with caplog.at_level(logging.ERROR, logger="partners.filecheck"):
        assert refusal(helpers.pdf_bytes()) == "scanner_unavailable"
    assert "virus scanner is unavailable" in caplog.text


def test_scanner_that_answers_an_error_refuses_the_upload(fake_clamd):
    assert refusal(helpers.pdf_bytes()) == "scanner_unavailable"


def test_scanner_that_never_answers_refuses_the_upload(fake_clamd, settings):
    fake_clamd["reply"] = None
    settings.CLAMAV_TIMEOUT = 0.5
    assert refusal(helpers.pdf_bytes()) == "scanner_unavailable"


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_scanner_down_in_the_portal_keeps_the_input(settings, client_a, org_a, period):
    settings.CLAMAV_ADDRESS = "unix:///nonexistent/clamd.ctl"
    response = upload(client_a, org_a, period, helpers.pdf_file(), description="Mijn toelichting")
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(str(MESSAGES["scanner_unavailable"])) in html
    assert 'value="Mijn toelichting"' in html
    assert not Evidence.objects.exists()


def test_without_configuration_nothing_is_scanned(settings, monkeypatch):
    settings.CLAMAV_ADDRESS = ""
    monkeypatch.setattr(clamav, "scan_bytes", lambda *a, **k: pytest.fail("scanned"))
    assert check_evidence_file(SimpleUploadedFile("a.pdf", helpers.pdf_bytes())).extension == "pdf"


def test_deploy_check_informs_but_does_not_warn(settings):
    settings.CLAMAV_ADDRESS = ""
    messages = [m for m in run_checks(include_deployment_checks=True) if m.id == "partners.I001"]
    assert len(messages) == 1 and messages[0].level < WARNING
    settings.CLAMAV_ADDRESS = "unix:///run/clamav/clamd.ctl"
    assert not [m for m in run_checks(include_deployment_checks=True) if m.id == "partners.I001"]
