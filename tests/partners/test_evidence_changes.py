"""Evidence after upload: deleting and replacing it while the report is editable, certificates
that have already expired, and the dashboard's links to upload a renewed certificate."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import storages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE
from partners.factories import ReportFactory, StaffUserFactory, UserFactory
from partners.models import Evidence, ReportStatus
from tests.signin import activate_totp

from . import helpers
from .test_evidence import download_url, upload, upload_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def delete_url(evidence, slug=None):
    return reverse(
        "partners:evidence_delete",
        kwargs={
            "organisation_slug": slug or evidence.report.organisation.slug,
            "evidence_id": evidence.pk,
        },
    )


def replace_url(evidence, slug=None):
    return reverse(
        "partners:evidence_replace",
        kwargs={
            "organisation_slug": slug or evidence.report.organisation.slug,
            "evidence_id": evidence.pk,
        },
    )


def report_url(org, period):
    return reverse(
        "partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk}
    )


def in_a_year():
    return (timezone.localdate() + timedelta(days=365)).isoformat()


@pytest.fixture
def evidence(client_a, org_a, period):
    upload(client_a, org_a, period, helpers.pdf_file(), description="Oude versie")
    return Evidence.objects.get()


@pytest.fixture
def certificate(client_a, org_a, period, covenant):
    response = upload(
        client_a,
        org_a,
        period,
        helpers.pdf_file("snf-oud.pdf"),
        kind="snf_registration",
        valid_until=(timezone.localdate() + timedelta(days=20)).isoformat(),
        commitment=str(covenant.branch.pk),
    )
    assert response.status_code == 302
    return Evidence.objects.get()


# --- Delete -----------------------------------------------------------------------------------


def test_delete_asks_first_then_removes_the_file_after_the_commit(
    client_a, member_a, org_a, period, evidence, django_capture_on_commit_callbacks
):
    storage = storages["private"]
    response = client_a.get(delete_url(evidence))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Yes, delete this evidence" in html and "certificaat.pdf" in html
    assert 'name="csrfmiddlewaretoken"' in html
    evidence.refresh_from_db()
    assert evidence.is_current  # asking is not deleting

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_a.post(delete_url(evidence))
    assert response.status_code == 302
    assert response.url == f"{report_url(org_a, period)}#evidence"
    assert storage.exists(evidence.stored_name)  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(evidence.stored_name)

    evidence.refresh_from_db()  # the record stays, marked
    assert evidence.withdrawn_at is not None and evidence.file_removed_at is not None
    assert evidence.withdrawn_by == member_a and evidence.superseded_by is None
    assert not Evidence.objects.current().exists()
    entry = ModelLogEntry.objects.get(action="partners.evidence.delete")
    assert entry.user == member_a and entry.object_id == str(evidence.pk)
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert "has been deleted" in html
    assert "certificaat.pdf" not in html.split("has been deleted")[1]
    assert "No evidence has been added yet." in html
    assert client_a.get(download_url(evidence)).status_code == 404


def test_a_rolled_back_delete_keeps_the_file(
    evidence, member_a, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from partners.reporting.evidence import delete_evidence

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        delete_evidence(evidence, by=member_a)
        raise RuntimeError
    assert not callbacks
    assert storages["private"].exists(evidence.stored_name)
    evidence.refresh_from_db()
    assert evidence.is_current


def test_deleting_twice_says_it_is_gone(client_a, evidence, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(delete_url(evidence))
    response = client_a.post(delete_url(evidence), follow=True)
    assert "This evidence has already been deleted or replaced." in response.content.decode()
    assert ModelLogEntry.objects.filter(action="partners.evidence.delete").count() == 1
    assert client_a.get(replace_url(evidence)).status_code == 302


def test_delete_needs_the_csrf_token(member_a, evidence):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)
    assert client.post(delete_url(evidence)).status_code == 403
    evidence.refresh_from_db()
    assert evidence.is_current


# --- Replace ----------------------------------------------------------------------------------


def test_replace_supersedes_the_old_evidence(
    client_a, member_a, org_a, period, certificate, django_capture_on_commit_callbacks
):
    storage = storages["private"]
    page = client_a.get(replace_url(certificate))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="kind"' not in html and 'name="commitment"' not in html  # same slot
    assert 'name="valid_until"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            replace_url(certificate),
            {"file": helpers.pdf_file("snf-nieuw.pdf"), "valid_until": in_a_year()},
        )
    assert response.status_code == 302, response.content.decode()
    certificate.refresh_from_db()
    new = Evidence.objects.current().get()
    assert certificate.superseded_by == new and certificate.withdrawn_by == member_a
    assert (new.kind, new.commitment_id, new.report_id) == (
        certificate.kind,
        certificate.commitment_id,
        certificate.report_id,
    )
    assert new.original_name == "snf-nieuw.pdf" and new.uploaded_by == member_a
    # The old file is removed (not kept until the retention period), the new one is stored.
    assert not storage.exists(certificate.stored_name)
    assert storage.exists(new.stored_name)
    replace = ModelLogEntry.objects.get(action="partners.evidence.replace")
    assert replace.object_id == str(certificate.pk) and replace.user == member_a
    assert replace.data["replaced_by"] == new.pk
    assert ModelLogEntry.objects.get(action="partners.evidence.upload", object_id=str(new.pk)).data[
        "replaces"
    ] == (certificate.pk)

    html = client_a.get(report_url(org_a, period)).content.decode()
    listed = html.split('id="evidence-title"')[1]
    assert "snf-nieuw.pdf" in listed and "snf-oud.pdf" not in listed
    assert client_a.get(download_url(certificate)).status_code == 404
    assert client_a.get(download_url(new)).status_code == 200


def test_a_failed_replace_keeps_the_old_file_and_stores_nothing(
    client_a, evidence, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(replace_url(evidence), {"file": helpers.html_as_pdf()})
    assert response.status_code == 200
    assert "not accepted" in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.is_current
    assert storages["private"].listdir("evidence")[1] == [evidence.stored_name.split("/")[1]]


def test_replace_description_goes_through_the_control_characters_rule(client_a, evidence):
    response = client_a.post(
        replace_url(evidence), {"file": helpers.pdf_file(), "description": "Nieuw\x00e"}
    )
    assert response.status_code == 200
    assert str(CONTROL_CHARACTERS_MESSAGE) in response.content.decode()
    assert Evidence.objects.current().get() == evidence


# --- Expired certificates ---------------------------------------------------------------------


def test_an_expired_certificate_is_refused_unless_confirmed(client_a, org_a, period):
    expired = (timezone.localdate() - timedelta(days=3)).isoformat()
    fields = {"kind": "sna_registration", "valid_until": expired}
    response = upload(client_a, org_a, period, helpers.pdf_file(), **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This certificate expired on" in html
    assert 'href="#id_confirm_expired"' in html  # the error summary links to the checkbox
    assert not Evidence.objects.exists()
    response = upload(client_a, org_a, period, helpers.pdf_file(), confirm_expired="on", **fields)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.expiry_state() == "expired"
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert "(expired)" in html


def test_an_expired_replacement_needs_the_confirmation_too(client_a, certificate):
    expired = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_a.post(
        replace_url(certificate), {"file": helpers.pdf_file(), "valid_until": expired}
    )
    assert response.status_code == 200
    assert "This certificate expired on" in response.content.decode()
    assert Evidence.objects.current().get() == certificate


def test_expiry_state_in_words_in_the_portal_list(client_a, org_a, period, certificate):
    upload(
        client_a,
        org_a,
        period,
        helpers.pdf_file("sna.pdf"),
        kind="sna_registration",
        valid_until=in_a_year(),
    )
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert "(expires soon)" in html and "(current)" in html


def test_a_general_document_is_never_expired():
    from partners.reporting.evidence import is_expired_certificate

    yesterday = timezone.localdate() - timedelta(days=1)
    assert is_expired_certificate("snf_registration", yesterday)
    assert not is_expired_certificate("general", yesterday)
    assert not is_expired_certificate("snf_registration", timezone.localdate())


# --- The dashboard's expiry warnings ----------------------------------------------------------


def dashboard(client, org):
    return client.get(reverse("partners:dashboard", kwargs={"organisation_slug": org.slug}))


def test_expiry_warning_links_to_a_prefilled_upload_page(
    client_a, org_a, period, covenant, certificate
):
    html = dashboard(client_a, org_a).content.decode()
    link = f"{upload_url(org_a, period)}?kind=snf_registration&amp;commitment={covenant.branch.pk}"
    assert f'href="{link}"' in html
    assert "Upload the renewed certificate to report 2025 H2" in html
    page = client_a.get(
        upload_url(org_a, period), {"kind": "snf_registration", "commitment": covenant.branch.pk}
    ).content.decode()
    assert '<option value="snf_registration" selected>' in page
    assert f'<option value="{covenant.branch.pk}" selected>' in page
    # Nonsense in the query string is ignored.
    page = client_a.get(upload_url(org_a, period), {"kind": "x", "commitment": "y"})
    assert page.status_code == 200
    assert '<option value="general" selected>' in page.content.decode()


def test_expiry_warning_without_an_editable_report_says_so(
    client_a, member_a, org_a, period, certificate
):
    certificate.report.transition_to(ReportStatus.SUBMITTED, by=member_a)
    html = dashboard(client_a, org_a).content.decode()
    assert "Expires soon:" in html
    assert "No report can be changed right now" in html
    assert upload_url(org_a, period) not in html


def test_a_replaced_certificate_no_longer_warns(
    client_a, org_a, certificate, django_capture_on_commit_callbacks
):
    assert "Expires soon:" in dashboard(client_a, org_a).content.decode()
    certificate.valid_until = timezone.localdate() + timedelta(days=500)  # the old one, renewed
    certificate.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(
            replace_url(certificate),
            {
                "file": helpers.pdf_file(),
                "valid_until": (timezone.localdate() - timedelta(days=5)).isoformat(),
                "confirm_expired": "on",
            },
        )
    # The superseded row (valid the longest) no longer hides the current, expired one.
    html = dashboard(client_a, org_a).content.decode()
    assert "Expired:" in html


# --- Who may ----------------------------------------------------------------------------------


def test_another_organisation_gets_404(client_b, org_b, evidence):
    for url in (
        delete_url(evidence),
        replace_url(evidence),
        delete_url(evidence, slug=org_b.slug),
        replace_url(evidence, slug=org_b.slug),
    ):
        assert client_b.get(url).status_code == 404
        assert client_b.post(url, {"file": helpers.pdf_file()}).status_code == 404
    evidence.refresh_from_db()
    assert evidence.is_current and Evidence.objects.count() == 1


def test_non_members_and_staff_get_404(evidence):
    outsider = Client()
    outsider.force_login(UserFactory())
    staff = StaffUserFactory(is_superuser=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_evidence"))
    activate_totp(staff)
    staff_client = Client()
    staff_client.force_login(staff)
    for client in (outsider, staff_client):
        assert client.get(delete_url(evidence)).status_code == 404
        assert client.post(delete_url(evidence)).status_code == 404
        assert client.post(replace_url(evidence), {"file": helpers.pdf_file()}).status_code == 404
    assert Client().post(delete_url(evidence)).status_code == 302  # to the sign-in page
    evidence.refresh_from_db()
    assert evidence.is_current


def test_a_submitted_report_refuses_delete_and_replace(client_a, member_a, org_a, period, evidence):
    evidence.report.transition_to(ReportStatus.SUBMITTED, by=member_a)
    message = "This report has been submitted: its evidence cannot be deleted or replaced."
    for response in (
        client_a.get(delete_url(evidence), follow=True),
        client_a.post(delete_url(evidence), follow=True),
        client_a.post(replace_url(evidence), {"file": helpers.pdf_file()}, follow=True),
    ):
        assert message in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.is_current and Evidence.objects.count() == 1
    assert storages["private"].exists(evidence.stored_name)
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert delete_url(evidence) not in html and replace_url(evidence) not in html


def test_the_core_refuses_a_report_handed_in_meanwhile(member_a, evidence):
    from partners.reporting.evidence import delete_evidence
    from partners.reporting.writing import ReportLocked

    ReportFactory._meta.model.objects.filter(pk=evidence.report_id).update(
        status=ReportStatus.SUBMITTED
    )
    with pytest.raises(ReportLocked):
        delete_evidence(evidence, by=member_a)
    evidence.refresh_from_db()
    assert evidence.is_current


# --- Query count ------------------------------------------------------------------------------


def test_report_page_queries_do_not_grow_with_evidence(
    client_a, org_a, period, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def add(n):
        for _ in range(n):
            upload(client_a, org_a, period, helpers.pdf_file(), kind="general")

    add(1)
    url = report_url(org_a, period)
    client_a.get(url)
    connection.queries_log.clear()  # the uploads above may have filled the bounded log
    with CaptureQueriesContext(connection) as one:
        client_a.get(url)
    queries = len(one)
    assert queries > 0
    add(6)
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(delete_url(Evidence.objects.current().first()))
        client_a.post(replace_url(Evidence.objects.current().last()), {"file": helpers.pdf_file()})
    client_a.get(url)  # the messages of the actions above are shown once
    connection.queries_log.clear()
    with django_assert_max_num_queries(queries):
        response = client_a.get(url)
    assert response.content.decode().count("/verwijderen/") == 6
