"""Every step is in Wagtail's audit log (who, when, what, from which state), shows on the review
screen and in the admin history, and cannot be changed by anyone."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partners import audit
from partners.factories import InvitationFactory
from partners.models import Evidence, ReportStatus
from partners.reporting import decisions as services
from partners.reporting import writing
from partners.reporting.models import DeadlineExtension
from tests.partners.helpers import pdf_file

from .conftest import review_url


def entries(obj, action):
    return list(ModelLogEntry.objects.for_instance(obj).filter(action=action))


def only(obj, action):
    found = entries(obj, action)
    assert len(found) == 1, (action, found)
    return found[0]


@pytest.mark.django_db
def test_transitions_are_logged_with_user_and_states(reviewer, partner, submitted):
    entry = only(submitted, "partners.report.submit")
    assert entry.user == partner
    assert entry.data["from"] == ReportStatus.DRAFT and entry.data["to"] == ReportStatus.SUBMITTED
    services.request_changes(
        submitted, by=reviewer, comment="Graag aanvullen", resubmit_by=timezone.localdate()
    )
    entry = only(submitted, "partners.report.request_changes")
    assert entry.user == reviewer
    assert entry.data == {
        "from": ReportStatus.SUBMITTED,
        "to": ReportStatus.CHANGES_REQUESTED,
        "comment": "Graag aanvullen",
    }
    submitted.transition_to(ReportStatus.SUBMITTED, by=partner)
    services.approve(submitted, by=reviewer, comment="Akkoord")
    assert only(submitted, "partners.report.approve").data["comment"] == "Akkoord"
    services.reopen(
        submitted,
        by=reviewer,
        reason="Fout in BRP-cijfer",
        resubmit_by=timezone.localdate() + timedelta(days=7),
    )
    entry = only(submitted, "partners.report.reopen")
    assert entry.data["from"] == ReportStatus.APPROVED
    assert entry.data["comment"] == "Fout in BRP-cijfer"


@pytest.mark.django_db
def test_review_actions_are_logged(reviewer_client, reviewer, partner, submitted, covenant):
    url = review_url(submitted)
    reviewer_client.post(
        url,
        {
            "action": "verdict",
            "commitment": covenant.brp.pk,
            f"c{covenant.brp.pk}-verdict": "needs_changes",
            f"c{covenant.brp.pk}-comment": "Aantal klopt niet",
        },
    )
    entry = only(submitted, audit.REPORT_VERDICT)
    assert entry.user == reviewer
    assert entry.data["commitment"] == covenant.brp.pk
    assert entry.data["verdict"] == "needs_changes"
    assert entry.data["status"] == ReportStatus.SUBMITTED
    reviewer_client.post(
        url, {"action": "comment", "comment-text": "Zie opmerking", "comment-internal": "on"}
    )
    entry = only(submitted, audit.REPORT_COMMENT)
    assert entry.user == reviewer and entry.data["internal"] is True
    assert entry.data["comment"] == "Zie opmerking"


@pytest.mark.django_db
def test_extension_request_grant_and_refuse_are_logged(reviewer, partner, draft):
    today = timezone.localdate()
    first = writing.request_extension(
        organisation=draft.organisation,
        period=draft.period,
        by=partner,
        until=draft.period.deadline + timedelta(days=10),
        reason="Ziekte",
    )
    entry = only(draft, audit.EXTENSION_REQUEST)
    assert entry.user == partner and entry.data["extension"] == first.pk
    services.grant_extension(first, by=reviewer, until=today + timedelta(days=70))
    entry = only(draft, audit.EXTENSION_GRANT)
    assert entry.user == reviewer and entry.data["extension"] == first.pk
    second = writing.request_extension(
        organisation=draft.organisation,
        period=draft.period,
        by=partner,
        until=today + timedelta(days=100),
        reason="Nog meer tijd",
    )
    services.refuse_extension(second, by=reviewer, comment="Niet nodig")
    entry = only(draft, audit.EXTENSION_REFUSE)
    assert entry.data["comment"] == "Niet nodig"
    second.refresh_from_db()
    assert second.status == "refused" and second.decided_by == reviewer


@pytest.mark.django_db
def test_evidence_upload_and_staff_download_are_logged(
    partner_client, reviewer_client, reviewer, partner, draft, organisation, period
):
    upload = reverse(
        "partners:evidence_upload",
        kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
    )
    response = partner_client.post(upload, {"kind": "general", "file": pdf_file()})
    assert response.status_code == 302
    evidence = Evidence.objects.get(report=draft)
    assert only(evidence, "partners.evidence.upload").user == partner

    download = reverse("partners_review_reports:evidence", args=[evidence.pk])
    response = reviewer_client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    entry = only(evidence, audit.EVIDENCE_STAFF_DOWNLOAD)
    assert entry.user == reviewer and entry.data["report"] == draft.pk

    # Both show on the review screen's timeline and in the admin history.
    html = reviewer_client.get(review_url(draft)).content.decode()
    assert "Evidence uploaded" in html and "Evidence downloaded by staff" in html
    history = reverse("partners_review_reports:history", args=[draft.pk])
    html = reviewer_client.get(history).content.decode()
    assert "Evidence uploaded" in html and "Evidence downloaded by staff" in html


@pytest.mark.django_db
def test_partner_cannot_use_the_staff_download(partner_client, draft, partner):
    evidence = Evidence.objects.create(
        report=draft,
        stored_name="evidence/none.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=partner,
    )
    response = partner_client.get(reverse("partners_review_reports:evidence", args=[evidence.pk]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not entries(evidence, audit.EVIDENCE_STAFF_DOWNLOAD)


@pytest.mark.django_db
def test_invitations_are_logged(reviewer, organisation, partner):
    invitation = InvitationFactory(organisation=organisation, invited_by=reviewer)
    entry = only(invitation, audit.INVITATION_SEND)
    assert entry.user == reviewer and entry.data["organisation"] == organisation.pk
    invitation.accepted_at, invitation.accepted_by = timezone.now(), partner
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    invitation.save()  # saving again does not log again
    assert only(invitation, audit.INVITATION_ACCEPT).user == partner
    other = InvitationFactory(organisation=organisation, invited_by=reviewer)
    other.revoke()
    assert len(entries(other, audit.INVITATION_REVOKE)) == 1


@pytest.mark.django_db
def test_timeline_and_history_show_every_step(reviewer_client, reviewer, partner, submitted):
    services.request_changes(
        submitted, by=reviewer, comment="Graag aanvullen", resubmit_by=timezone.localdate()
    )
    services.add_comment(submitted, by=reviewer, text="Intern overleg", internal=True)
    html = reviewer_client.get(review_url(submitted)).content.decode()
    for text in ("Report submitted", "Changes requested", "Comment added", "Graag aanvullen"):
        assert text in html
    # Statuses in the words people use, never the stored codes.
    assert "from “Submitted” to “Changes requested”" in html
    assert "changes_requested" not in html.split('id="timeline"')[1]
    html = reviewer_client.get(
        reverse("partners_review_reports:history", args=[submitted.pk])
    ).content.decode()
    for text in ("Report submitted", "Changes requested", "Comment added"):
        assert text in html


@pytest.mark.django_db
def test_log_entries_cannot_be_changed_through_any_url(reviewer_client, reviewer, submitted):
    services.add_comment(submitted, by=reviewer, text="Origineel")
    before = list(ModelLogEntry.objects.values_list("pk", "action", "data", "user_id"))
    history = reverse("partners_review_reports:history", args=[submitted.pk])
    for url in (history, review_url(submitted), reverse("partners_review_reports:index")):
        for method in ("post", "put", "patch", "delete"):
            getattr(reviewer_client, method)(
                url, {"action": "delete", "data": "{}", "pk": before[0][0]}
            )
    after = list(
        ModelLogEntry.objects.exclude(action=audit.REPORT_STAFF_VIEW).values_list(
            "pk", "action", "data", "user_id"
        )
    )
    assert after == before  # (only the log of staff views of the report may grow)
    assert not admin.site.is_registered(ModelLogEntry)
    for name in ("edit", "delete"):
        with pytest.raises(NoReverseMatch):  # there is no such URL at all
            reverse(f"partners_review_reports:{name}", args=[before[0][0]])


@pytest.mark.django_db
def test_grant_and_refuse_from_the_review_screen(reviewer_client, partner, draft):
    extension = writing.request_extension(
        organisation=draft.organisation,
        period=draft.period,
        by=partner,
        until=draft.period.deadline + timedelta(days=14),
        reason="Ziekte",
    )
    url = review_url(draft)
    html = reviewer_client.get(url).content.decode()
    assert "Ziekte" in html and 'value="grant_extension"' in html
    response = reviewer_client.post(
        url,
        {
            "action": "refuse_extension",
            "extension": extension.pk,
            f"refuse{extension.pk}-comment": "",
        },
    )
    assert response.status_code == 400
    assert "Say why the extension is refused." in response.content.decode()
    until = (timezone.localdate() + timedelta(days=90)).isoformat()
    response = reviewer_client.post(
        url,
        {
            "action": "grant_extension",
            "extension": extension.pk,
            f"grant{extension.pk}-until": until,
        },
    )
    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.status == "granted" and extension.granted_until.isoformat() == until
    # Deciding twice is refused.
    response = reviewer_client.post(
        url,
        {
            "action": "refuse_extension",
            "extension": extension.pk,
            f"refuse{extension.pk}-comment": "Nee",
        },
    )
    assert response.status_code == 400
    assert DeadlineExtension.objects.get(pk=extension.pk).status == "granted"
