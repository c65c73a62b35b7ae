"""The comment threads of a report (partners.reporting.thread): one on the whole report and one
per commitment, written by both sides. The partner never sees internal notes (neither in the
portal nor by e-mail) nor staff names; another organisation gets 404; partner comments are
audited and mailed to the reviewers; staff's shared comments reach the members in their own
language; control characters are refused without touching the report's answers."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE
from partners import audit
from partners.factories import CommitmentFactory, MembershipFactory, UserFactory
from partners.models import IndicatorValue, ReportStatus
from partners.reporting import decisions as services
from partners.reporting.models import NotificationPreference, ReviewComment
from partners.reporting.thread import MAX_LENGTH, ThreadError, post_partner_comment

from .conftest import review_url

pytestmark = pytest.mark.django_db


def _portal(name, organisation, period, language="en"):
    with translation.override(language):
        return reverse(
            name, kwargs={"organisation_slug": organisation.slug, "period_id": period.pk}
        )


def _report_page(client, organisation, period, language="en"):
    return client.get(_portal("partners:report", organisation, period, language))


def _comment(client, organisation, period, text, commitment=None):
    anchor = f"thread-c{commitment.pk}" if commitment else "thread-report"
    data = {f"{anchor}-text": text}
    if commitment is not None:
        data["commitment"] = str(commitment.pk)
    return client.post(_portal("partners:report_comment", organisation, period), data)


def test_partner_sees_shared_comments_but_no_internal_notes_and_no_staff_names(
    partner_client, reviewer, draft, organisation, period, covenant
):
    services.add_comment(draft, by=reviewer, text="Alleen voor ons", internal=True)
    services.add_comment(
        draft, by=reviewer, text="Intern over BRP", internal=True, commitment=covenant.brp
    )
    services.add_comment(draft, by=reviewer, text="Graag toelichten", commitment=covenant.brp)
    services.add_comment(draft, by=reviewer, text="Dank voor het rapport")

    html = _report_page(partner_client, organisation, period).content.decode()

    assert "Alleen voor ons" not in html and "Intern over BRP" not in html
    assert reviewer.email not in html and "Rita" not in html  # staff are "the municipality"
    with translation.override("en"):
        assert translation.gettext("Municipality") in html
    # The commitment's comment sits in the commitment's thread, inside its section.
    section = html[html.index(f'id="thread-c{covenant.brp.pk}"') :]
    assert section.index("Graag toelichten") < section.index(f'id="c{covenant.language.pk}"')
    report_thread = html[html.index('id="thread-report"') :]
    assert "Dank voor het rapport" in report_thread[: report_thread.index("</section>")]


def test_reply_fields_in_the_report_form_belong_to_a_form_of_their_own(
    partner_client, draft, organisation, period, covenant
):
    html = _report_page(partner_client, organisation, period).content.decode()
    form_id = f"thread-c{covenant.brp.pk}-form"
    report_form = html[html.index('class="report-form"') :]
    report_form = report_form[: report_form.index("</form>")]
    # Inside the report form the reply's textarea and button point at their own form …
    assert re.search(rf'<textarea[^>]*form="{form_id}"', report_form)
    assert re.search(rf'<button type="submit" form="{form_id}"', report_form)
    assert "<form " not in report_form  # no nested form
    # … which comes after it and posts to the comment URL.
    url = _portal("partners:report_comment", organisation, period)
    assert re.search(rf'<form method="post" action="{url}" id="{form_id}"', html)


def test_partner_comment_is_stored_audited_and_mailed_to_the_reviewers(
    partner_client,
    partner,
    reviewer,
    draft,
    organisation,
    period,
    covenant,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _comment(
            partner_client, organisation, period, "Wat bedoelt u?", commitment=covenant.brp
        )
    assert response.status_code == 302
    report_url = _portal("partners:report", organisation, period)
    assert response.url == f"{report_url}#thread-c{covenant.brp.pk}"
    comment = ReviewComment.objects.get()
    assert (comment.by_partner, comment.internal, comment.commitment) == (
        True,
        False,
        covenant.brp,
    )
    entry = ModelLogEntry.objects.get(action=audit.REPORT_PARTNER_COMMENT)
    assert entry.user == partner and entry.data["comment"] == "Wat bedoelt u?"
    assert entry.data["commitment"] == covenant.brp.pk
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    message = mail.outbox[0]
    assert "Wat bedoelt u?" in message.body
    assert f"{review_url(draft)}#thread-c{covenant.brp.pk}" in message.body
    with translation.override("en"):  # the reviewer reads the admin in English
        expected = translation.gettext("%(organisation)s wrote a comment on its report %(period)s")
    assert message.subject.endswith(expected % {"organisation": "Tempo-Team", "period": "2025 H2"})


def test_partner_may_comment_on_a_submitted_and_an_approved_report(
    partner, reviewer, submitted, covenant
):
    post_partner_comment(submitted, by=partner, text="Vraag tijdens de beoordeling")
    services.approve(submitted, by=reviewer)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED
    post_partner_comment(submitted, by=partner, text="Dank", commitment=covenant.language)
    assert ReviewComment.objects.filter(by_partner=True).count() == 2


def test_read_only_report_shows_the_threads_with_their_own_forms(
    partner_client, reviewer, submitted, organisation, period, covenant
):
    services.add_comment(submitted, by=reviewer, text="Komt eraan", commitment=covenant.brp)
    html = _report_page(partner_client, organisation, period).content.decode()
    assert 'class="report-form"' not in html
    assert "Komt eraan" in html
    assert html.count('class="thread__form"') == 3  # the report and both commitments


def test_staff_shared_comment_mails_members_in_their_language_internal_notes_nobody(
    reviewer, partner, draft, organisation, covenant, django_capture_on_commit_callbacks
):
    dutch = UserFactory(email="nl@tempo-team.example")
    MembershipFactory(organisation=organisation, user=dutch)
    NotificationPreference.objects.create(user=dutch, language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(draft, by=reviewer, text="Geheim overleg", internal=True)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(draft, by=reviewer, text="Zie de BRP-cijfers", commitment=covenant.brp)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {partner.email, dutch.email}
    msgid = "A new comment from the municipality on your report %(period)s"
    for address, language in ((partner.email, "pl"), (dutch.email, "nl")):
        message = by_address[address]
        with translation.override(language):
            expected = translation.gettext(msgid) % {"period": "2025 H2"}
            portal = reverse(
                "partners:report",
                kwargs={"organisation_slug": organisation.slug, "period_id": draft.period_id},
            )
        assert message.subject.endswith(expected)
        assert f'lang="{language}"' in message.alternatives[0][0]
        assert f"{portal}#thread-c{covenant.brp.pk}" in message.body
        assert "Zie de BRP-cijfers" in message.body
        assert "Geheim overleg" not in message.body + message.alternatives[0][0]
        assert "Rita" not in message.body and reviewer.email not in message.body


def test_other_organisation_gets_404_reading_and_posting(
    draft, organisation, other_organisation, period, covenant
):
    outsider = UserFactory(email="outsider@vebego.example")
    MembershipFactory(organisation=other_organisation, user=outsider)
    client = Client()
    client.force_login(outsider)
    assert _report_page(client, organisation, period).status_code == 404
    assert _comment(client, organisation, period, "Hallo").status_code == 404
    assert _comment(client, organisation, period, "Hallo", covenant.brp).status_code == 404
    assert not ReviewComment.objects.exists()
    with pytest.raises(PermissionDenied):
        post_partner_comment(draft, by=outsider, text="Hallo")


def test_commitment_of_another_covenant_is_not_found(
    partner_client, partner, draft, organisation, period
):
    stranger = CommitmentFactory(code="elsewhere")
    assert _comment(partner_client, organisation, period, "Hallo", stranger).status_code == 404
    with pytest.raises(ThreadError):
        post_partner_comment(draft, by=partner, text="Hallo", commitment=stranger)
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize("text", ["Hallo\x00daar", "Hallo\x1bdaar"])
def test_control_characters_are_refused_and_the_answers_stay(
    partner_client, partner, draft, organisation, period, covenant, text
):
    version = draft.version
    values = sorted(IndicatorValue.objects.filter(report=draft).values_list("pk", "raw"))
    with translation.override("en"):  # the language of the portal URL
        expected = str(CONTROL_CHARACTERS_MESSAGE)
    response = _comment(partner_client, organisation, period, text, covenant.brp)
    html = response.content.decode()
    assert response.status_code == 400
    assert expected in html
    assert "Hallodaar" in html  # shown again without the control character, nothing lost
    assert not ReviewComment.objects.exists()
    draft.refresh_from_db()
    assert draft.version == version
    assert sorted(IndicatorValue.objects.filter(report=draft).values_list("pk", "raw")) == values
    with pytest.raises(ThreadError):
        post_partner_comment(draft, by=partner, text=text)


def test_empty_and_too_long_comments_are_refused(
    partner_client, partner, draft, organisation, period
):
    assert _comment(partner_client, organisation, period, "   ").status_code == 400
    too_long = "x" * (MAX_LENGTH + 1)
    assert _comment(partner_client, organisation, period, too_long).status_code == 400
    for text in ("  ", too_long):
        with pytest.raises(ThreadError):
            post_partner_comment(draft, by=partner, text=text)
    assert not ReviewComment.objects.exists()


def test_report_page_query_count_does_not_grow_with_comments(
    partner_client, partner, reviewer, draft, organisation, period, covenant
):
    services.add_comment(draft, by=reviewer, text="Eerste", commitment=covenant.brp)
    _report_page(partner_client, organisation, period)
    with CaptureQueriesContext(connection) as few:
        assert _report_page(partner_client, organisation, period).status_code == 200
    colleague = UserFactory(email="collega@tempo-team.example")
    MembershipFactory(organisation=organisation, user=colleague)
    for n in range(4):
        for commitment in (None, covenant.brp, covenant.language):
            services.add_comment(draft, by=reviewer, text=f"Staf {n}", commitment=commitment)
            services.add_comment(draft, by=reviewer, text=f"Intern {n}", internal=True)
            post_partner_comment(draft, by=colleague, text=f"Partner {n}", commitment=commitment)
    with CaptureQueriesContext(connection) as many:
        assert _report_page(partner_client, organisation, period).status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_review_screen_shows_every_thread_and_takes_a_comment_per_commitment(
    reviewer_client, reviewer, partner, submitted, covenant, django_capture_on_commit_callbacks
):
    post_partner_comment(
        submitted, by=partner, text="Vraag van de partner", commitment=covenant.brp
    )
    services.add_comment(
        submitted,
        by=reviewer,
        text="Notitie voor collega's",
        internal=True,
        commitment=covenant.brp,
    )
    url = review_url(submitted)
    html = reviewer_client.get(url).content.decode()
    thread = html[html.index(f'id="thread-c{covenant.brp.pk}"') :]
    thread = thread[: thread.index("</section>")]
    assert "Vraag van de partner" in thread and "Notitie voor collega&#x27;s" in thread
    # While the report is under review the section is inside the one review form: the comment
    # fields belong to their own form after it.
    form_id = f"thread-c{covenant.brp.pk}-form"
    assert re.search(rf'<textarea[^>]*form="{form_id}"', thread)
    review_form = html[html.index('id="review-form"') :]
    assert f'id="{form_id}"' in review_form[review_form.index("</form>") :]

    prefix = f"comment{covenant.brp.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            url,
            {
                "action": "comment",
                "commitment": str(covenant.brp.pk),
                f"{prefix}-text": "Intern: bel de partner",
                f"{prefix}-internal": "on",
            },
        )
    assert response.status_code == 302 and response.url == f"{url}#thread-c{covenant.brp.pk}"
    note = ReviewComment.objects.get(text="Intern: bel de partner")
    assert note.internal and note.commitment == covenant.brp and not note.by_partner
    assert mail.outbox == []  # internal notes never e-mail the partner
    entry = ModelLogEntry.objects.filter(action=audit.REPORT_COMMENT).latest("pk")
    assert entry.data["commitment"] == covenant.brp.pk and entry.data["internal"] is True
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED  # the review itself is untouched


def test_review_screen_refuses_control_characters_in_a_comment(
    reviewer_client, submitted, covenant
):
    prefix = f"comment{covenant.brp.pk}"
    with translation.override("en"):  # the reviewer's admin language
        expected = str(CONTROL_CHARACTERS_MESSAGE)
    response = reviewer_client.post(
        review_url(submitted),
        {"action": "comment", "commitment": str(covenant.brp.pk), f"{prefix}-text": "a\x00b"},
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_review_screen_query_count_does_not_grow_with_comments(
    reviewer_client, reviewer, partner, submitted, covenant
):
    url = review_url(submitted)
    services.add_comment(submitted, by=reviewer, text="Eerste", commitment=covenant.brp)
    reviewer_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert reviewer_client.get(url).status_code == 200
    for n in range(4):
        for commitment in (None, covenant.brp, covenant.language):
            services.add_comment(submitted, by=reviewer, text=f"Staf {n}", commitment=commitment)
            services.add_comment(
                submitted, by=reviewer, text=f"Intern {n}", internal=True, commitment=commitment
            )
            post_partner_comment(submitted, by=partner, text=f"Partner {n}", commitment=commitment)
    with CaptureQueriesContext(connection) as many:
        assert reviewer_client.get(url).status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)
