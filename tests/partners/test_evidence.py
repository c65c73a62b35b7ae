"""Evidence: accepted and refused by content, stored privately, downloaded only by the right
people."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partners.factories import ReportFactory, StaffUserFactory, UserFactory
from partners.models import Evidence, ReportStatus
from tests.signin import activate_totp

from . import helpers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def upload_url(org, period):
    return reverse(
        "partners:evidence_upload", kwargs={"organisation_slug": org.slug, "period_id": period.pk}
    )


def download_url(evidence):
    return reverse(
        "partners:evidence_download",
        kwargs={
            "organisation_slug": evidence.report.organisation.slug,
            "evidence_id": evidence.pk,
        },
    )


def upload(client, org, period, file, **fields):
    return client.post(upload_url(org, period), {"kind": "general", "file": file, **fields})


@pytest.mark.parametrize(
    ("make_file", "content_type"),
    [
        (helpers.pdf_file, "application/pdf"),
        (helpers.png_file, "image/png"),
        (helpers.xlsx_file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            helpers.docx_file,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_real_files_are_accepted_and_stored_privately(
    client_a, member_a, org_a, period, make_file, content_type, settings
):
    response = upload(client_a, org_a, period, make_file())
    assert response.status_code == 302, response.content.decode()
    evidence = Evidence.objects.get()
    assert evidence.content_type == content_type
    assert evidence.report.organisation == org_a
    assert evidence.uploaded_by == member_a
    # A random name in the private storage, nothing under MEDIA_ROOT.
    assert evidence.stored_name.startswith("evidence/")
    assert evidence.original_name not in evidence.stored_name
    assert storages["private"].exists(evidence.stored_name)
    assert not (settings.MEDIA_ROOT / evidence.stored_name).exists()
    assert ModelLogEntry.objects.filter(action="partners.evidence.upload", user=member_a).exists()


@pytest.mark.parametrize("make_file", [helpers.html_as_pdf, helpers.svg_file, helpers.plain_zip])
def test_unsafe_files_are_refused(client_a, org_a, period, make_file):
    # More hostile files in tests/partners/filecheck/; oversized bodies get HTTP 413 there.
    response = upload(client_a, org_a, period, make_file(), description="Mijn toelichting")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not accepted" in html
    assert 'value="Mijn toelichting"' in html  # the rest of the input is kept
    assert not Evidence.objects.exists()
    assert (
        not storages["private"].exists("evidence") or not storages["private"].listdir("evidence")[1]
    )


def test_certifying_evidence_needs_a_valid_until_date(client_a, org_a, period):
    response = upload(client_a, org_a, period, helpers.pdf_file(), kind="snf_registration")
    assert response.status_code == 200
    assert "Give the date until which" in response.content.decode()
    response = upload(
        client_a,
        org_a,
        period,
        helpers.pdf_file(),
        kind="snf_registration",
        valid_until="2027-03-31",
        commitment=str(period.covenant.commitments.get(code="branch").pk),
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.valid_until.isoformat() == "2027-03-31"
    assert evidence.commitment.code == "branch"


@pytest.fixture
def evidence(client_a, org_a, period):
    upload(client_a, org_a, period, helpers.pdf_file())
    return Evidence.objects.get()


def test_member_downloads_as_attachment(client_a, evidence):
    response = client_a.get(download_url(evidence))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="certificaat.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_member_of_another_organisation_gets_404(client_b, evidence, org_b):
    assert client_b.get(download_url(evidence)).status_code == 404
    # Also when they put their own organisation in the URL.
    url = reverse(
        "partners:evidence_download",
        kwargs={"organisation_slug": org_b.slug, "evidence_id": evidence.pk},
    )
    assert client_b.get(url).status_code == 404


def test_staff_with_permission_downloads_others_do_not(evidence):

    staff = StaffUserFactory()
    activate_totp(staff)  # staff need MFA; this is about permissions
    client = Client()
    client.force_login(staff)
    assert client.get(download_url(evidence)).status_code == 404  # staff, no permission
    staff.user_permissions.add(Permission.objects.get(codename="view_evidence"))
    assert client.get(download_url(evidence)).status_code == 200
    outsider = UserFactory()
    client.force_login(outsider)
    outsider.user_permissions.add(Permission.objects.get(codename="view_evidence"))
    assert client.get(download_url(evidence)).status_code == 404  # permission, not staff


def test_staff_without_mfa_is_sent_to_set_it_up(evidence):
    staff = StaffUserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_evidence"))
    client = Client()
    client.force_login(staff)
    response = client.get(download_url(evidence))
    assert response.status_code == 302
    assert "/account/" in response.url


def test_no_uploads_once_the_report_is_submitted(client_a, member_a, org_a, period):
    report = ReportFactory(organisation=org_a, period=period)
    report.transition_to(ReportStatus.SUBMITTED, by=member_a)
    response = upload(client_a, org_a, period, helpers.pdf_file())
    assert response.status_code == 302
    assert not Evidence.objects.exists()


def test_expiry_state():
    today = timezone.localdate()
    evidence = Evidence(kind="sna_registration", valid_until=today + timedelta(days=30))
    assert evidence.expiry_state(today) == "expiring"
    evidence.valid_until = today - timedelta(days=1)
    assert evidence.expiry_state(today) == "expired"
    evidence.valid_until = today + timedelta(days=61)
    assert evidence.expiry_state(today) == ""
    assert Evidence(kind="general", valid_until=today).expiry_state(today) == ""


def test_model_also_requires_valid_until_for_certificates():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Evidence(kind="branch_membership").clean()
    Evidence(kind="general").clean()
