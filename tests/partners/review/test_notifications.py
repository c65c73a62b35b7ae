"""E-mails: who gets them, in which language, with what in them; never when the action fails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from partners.factories import MembershipFactory, StaffUserFactory, UserFactory
from partners.models import ReportStatus
from partners.models.reports import StaleReport
from partners.reporting import decisions as services
from partners.reporting import writing
from partners.reporting.models import NotificationPreference
from partners.reporting.notifications import language_for


def _to(message):
    return message.to[0]


@pytest.mark.django_db
def test_staff_hear_of_a_submission(
    reviewer, staff_without_permission, partner, draft, django_capture_on_commit_callbacks
):
    UserFactory(email="inactive-staff@rotterdam.example", is_staff=True, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        writing.hand_in(draft, by=partner)
    assert [_to(m) for m in mail.outbox] == [reviewer.email, partner.email]
    message = mail.outbox[0]
    assert message.subject == "[Goed Werk] Report submitted: Tempo-Team, 2025 H2"  # English admin
    assert reverse("partners_review_reports:review", args=[draft.pk]) in message.body
    html = message.alternatives[0][0]
    assert 'lang="en"' in html and "Tempo-Team" in html


@pytest.mark.django_db
def test_polish_partner_gets_polish_email(
    reviewer, partner, submitted, organisation, django_capture_on_commit_callbacks
):
    dutch = UserFactory(email="nl@tempo-team.example")
    MembershipFactory(organisation=organisation, user=dutch)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(
            submitted,
            by=reviewer,
            comment="Controleer het BRP-aantal.",
            resubmit_by=timezone.localdate() + timedelta(days=14),
        )
    by_address = {_to(m): m for m in mail.outbox}
    assert set(by_address) == {partner.email, dutch.email}
    polish, default = by_address[partner.email], by_address[dutch.email]
    with translation.override("pl"):
        expected_pl = translation.gettext("Changes requested in your report %(period)s")
    with translation.override("nl"):
        expected_nl = translation.gettext("Changes requested in your report %(period)s")
    assert polish.subject.endswith(expected_pl % {"period": "2025 H2"})
    assert default.subject.endswith(expected_nl % {"period": "2025 H2"})
    assert 'lang="pl"' in polish.alternatives[0][0]
    assert 'lang="nl"' in default.alternatives[0][0]
    assert "/pl/portaal/tempo-team/rapportages/" in polish.body
    assert "/nl/portaal/tempo-team/rapportages/" in default.body
    assert "Controleer het BRP-aantal." in polish.body
    assert "Controleer het BRP-aantal." in polish.alternatives[0][0]


@pytest.mark.django_db
def test_partner_language_is_recorded_from_the_portal_request(
    organisation, period, covenant, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ro@tempo-team.example")
    MembershipFactory(organisation=organisation, user=user)
    client = Client()
    client.force_login(user)
    url = reverse(
        "partners:report", kwargs={"organisation_slug": organisation.slug, "period_id": period.pk}
    )
    with translation.override("ro"):
        url = reverse(
            "partners:report",
            kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
        )
    assert url.startswith("/ro/")
    response = client.post(url, {"version": "0", f"i{covenant.workers.pk}": "5"})
    assert response.status_code in (200, 302)
    assert NotificationPreference.objects.get(user=user).language == "ro"


@pytest.mark.django_db
def test_language_falls_back_to_dutch(db):
    user = UserFactory()
    assert language_for(user) == "nl"
    NotificationPreference.objects.create(user=user, language="xx")  # no longer offered
    user.refresh_from_db()
    assert language_for(user) == "nl"


@pytest.mark.django_db
def test_approval_and_reopening_reach_the_members(
    reviewer, partner, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(submitted, by=reviewer, comment="Dziękujemy")
    assert len(mail.outbox) == 1 and _to(mail.outbox[0]) == partner.email
    assert "2025 H2" in mail.outbox[0].subject and "Dziękujemy" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen(
            submitted,
            by=reviewer,
            reason="Fout in het aantal",
            resubmit_by=timezone.localdate() + timedelta(days=5),
        )
    assert len(mail.outbox) == 1
    assert "Fout in het aantal" in mail.outbox[0].body


@pytest.mark.django_db
def test_extension_mails(reviewer, partner, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        extension = writing.request_extension(
            organisation=draft.organisation,
            period=draft.period,
            by=partner,
            until=draft.period.deadline + timedelta(days=7),
            reason="Ziekte",
        )
    assert [_to(m) for m in mail.outbox] == [reviewer.email]
    assert "Ziekte" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_extension(extension, by=reviewer, until=extension.requested_until)
    assert [_to(m) for m in mail.outbox] == [partner.email]


@pytest.mark.django_db
def test_nothing_is_sent_when_the_action_fails(
    reviewer, partner, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(StaleReport):
        services.approve(submitted, by=reviewer, expected_version=submitted.version + 5)
    assert mail.outbox == []
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_members_only_of_that_organisation(
    reviewer,
    partner,
    submitted,
    other_organisation,
    period,
    covenant,
    django_capture_on_commit_callbacks,
):
    MembershipFactory(organisation=other_organisation, user=UserFactory(email="x@vebego.example"))
    StaffUserFactory(email="staff-no-perm@rotterdam.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(submitted, by=reviewer)
    assert [_to(m) for m in mail.outbox] == [partner.email]


@pytest.mark.django_db
def test_members_get_a_confirmation_of_the_submission_in_their_language(
    partner, draft, organisation, django_capture_on_commit_callbacks
):
    """The Polish reporter and a Dutch colleague each get the confirmation in their language,
    naming who submitted, with the link to the report in the portal."""
    colleague = UserFactory(email="nl@tempo-team.example", first_name="Noor")
    MembershipFactory(organisation=organisation, user=colleague)
    outsider = MembershipFactory().user  # a member of another organisation hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        writing.hand_in(draft, by=partner)
    confirmations = {_to(m): m for m in mail.outbox if "tempo-team.example" in _to(m)}
    assert set(confirmations) == {partner.email, colleague.email}
    assert outsider.email not in [_to(m) for m in mail.outbox]
    for address, language in ((partner.email, "pl"), (colleague.email, "nl")):
        message = confirmations[address]
        with translation.override(language):
            subject = translation.gettext("Your report %(period)s has been received")
        assert message.subject.endswith(subject % {"period": "2025 H2"})
        assert f"/{language}/portaal/tempo-team/rapportages/{draft.period_id}/" in message.body
        assert f'lang="{language}"' in message.alternatives[0][0]
        assert (partner.get_full_name() or partner.email) in message.body
