"""Two members of one organisation editing the same draft: their edits are merged answer by
answer; only an answer both changed differently is for the second one to decide; a report
submitted in the meantime is never changed."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.factories import IndicatorFactory, MembershipFactory
from partners.models import CommitmentResponse, IndicatorValue, Report, ReportStatus
from partners.reporting.writing import ReportLocked, save

from .conftest import complete_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def report_url(org, period):
    return reverse(
        "partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk}
    )


def posted(form, values) -> dict:
    """POST data for ``form`` with ``values`` (its initial data or its bound data)."""
    data = {"save": "draft"}
    for name in ["version", "base", *form.answer_names()]:
        value = values.get(name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False, ""):
            data[name] = str(value)
    return data


def loaded(client, url) -> dict:
    """What a browser sends back when the form is saved untouched right after loading it."""
    form = client.get(url).context["form"]
    return posted(form, form.initial)


@pytest.fixture
def colleague(org_a):
    return MembershipFactory(
        organisation=org_a, user__first_name="Bea", user__last_name="Collega"
    ).user


@pytest.fixture
def client_colleague(colleague):
    client = Client()
    client.force_login(colleague)
    return client


@pytest.fixture
def draft(client_colleague, org_a, period, covenant):
    """A draft with every answer filled in, saved by the colleague (version 1)."""
    data = complete_answers(covenant, **{f"c{covenant.branch.pk}_notes": "Eerste notitie"})
    response = client_colleague.post(report_url(org_a, period), {**data, "save": "draft"})
    assert response.status_code == 302
    return Report.objects.get(organisation=org_a, period=period)


def stored(report) -> dict:
    return {v.indicator_id: v.raw for v in IndicatorValue.objects.filter(report=report)}


def test_disjoint_changes_are_merged(client_a, client_colleague, draft, covenant):
    url = report_url(draft.organisation, draft.period)
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    assert mine["version"] == theirs["version"] == str(draft.version) == "1"
    # The colleague changes the number of workers and saves first.
    theirs[f"i{covenant.workers.pk}"] = "130"
    assert client_colleague.post(url, theirs).status_code == 302
    # I change the membership number and the notes, with the old version.
    mine[f"i{covenant.number.pk}"] = "ABU-9999"
    mine[f"c{covenant.branch.pk}_notes"] = "Tweede notitie"
    response = client_a.post(url, mine, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Your changes were merged with those of Bea Collega saved at" in (
        response.content.decode()
    )
    answers = stored(draft)
    assert answers[covenant.workers.pk] == "130"  # the colleague's change is kept
    assert answers[covenant.number.pk] == "ABU-9999"  # and mine is saved
    assert answers[covenant.registered.pk] == "100"  # nothing untouched was emptied
    assert len(answers) == 6
    assert draft.responses.get().notes == "Tweede notitie"
    draft.refresh_from_db()
    assert (draft.version, draft.status) == (3, ReportStatus.DRAFT)
    # The page now shows the merged answers, with the base they belong to.
    form = client_a.get(url).context["form"]
    assert form.initial[f"i{covenant.workers.pk}"] == "130"
    assert form.initial["version"] == 3


def test_a_merge_brings_in_a_ticked_box_and_keeps_a_date_typed_day_first(
    client_a, client_colleague, draft, covenant
):
    url = report_url(draft.organisation, draft.period)
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    prefix = f"c{covenant.branch.pk}"
    theirs.update({f"{prefix}_na": "on", f"{prefix}_explanation": "Geen uitzendbureau"})
    assert client_colleague.post(url, theirs).status_code == 302
    mine[f"i{covenant.since.pk}"] = "01-02-2021"
    assert client_a.post(url, mine).status_code == 302
    response = draft.responses.get()
    assert response.not_applicable and response.explanation == "Geen uitzendbureau"
    assert response.notes == "Eerste notitie"
    assert IndicatorValue.objects.get(indicator=covenant.since).date.isoformat() == "2021-02-01"


def test_a_date_retyped_in_another_format_is_not_a_change(
    client_a, client_colleague, draft, covenant
):
    url = report_url(draft.organisation, draft.period)
    since = f"i{covenant.since.pk}"
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    theirs[f"i{covenant.workers.pk}"] = "130"
    assert client_colleague.post(url, theirs).status_code == 302
    mine[since] = "15-01-2020"  # the same date as saved (2020-01-15), typed day first
    assert client_a.post(url, mine).status_code == 302
    assert stored(draft)[covenant.workers.pk] == "130"


def test_the_same_answer_changed_by_both_is_a_conflict_decided_by_saving_again(
    client_a, client_colleague, draft, covenant
):
    url = report_url(draft.organisation, draft.period)
    workers, registered = f"i{covenant.workers.pk}", f"i{covenant.registered.pk}"
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    theirs.update({workers: "130", registered: "90"})
    assert client_colleague.post(url, theirs).status_code == 302
    mine[workers] = "140"
    response = client_a.post(url, mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this report while you were editing it" in html
    assert "Nothing has been saved yet." in html
    # Both values side by side, each labelled, in a table with headers.
    table = html[html.index('id="conflicting-answers"') : html.index("</table>")]
    assert '<th scope="col">Your answer (in the form)</th>' in table
    assert '<th scope="col">Saved answer</th>' in table
    row_header = f'<th scope="row"><a href="#id_{workers}">Inschrijving BRP: Werknemers</a></th>'
    assert row_header in table
    assert "<td>140</td>" in table and "<td>130</td>" in table
    assert "Bea Collega" in table
    assert "Ingeschreven" not in table  # only the colleague changed that one
    # The input itself says so too, tied to it for screen readers.
    assert f'<p class="conflict-note" id="id_{workers}-conflict"><strong>Changed by both' in html
    assert "The saved answer: 130" in html
    assert f'aria-describedby="id_{workers}-conflict"' in html
    assert html.count('class="conflict-note"') == 1
    # My typed value is still in the form; the colleague's other change came in.
    form = response.context["form"]
    assert (form.data[workers], form.data[registered]) == ("140", "90")
    assert f'name="{workers}" value="140"' in html
    assert f'name="{registered}" value="90"' in html
    # Nothing was saved.
    draft.refresh_from_db()
    assert stored(draft)[covenant.workers.pk] == "130"
    assert form.data["version"] == str(draft.version) == "2"
    # I decide (keeping mine) and save again, now with the current version.
    response = client_a.post(url, posted(form, form.data))
    assert response.status_code == 302
    answers = stored(draft)
    assert answers[covenant.workers.pk] == "140"
    assert answers[covenant.registered.pk] == "90"
    assert answers[covenant.number.pk] == "ABU-1234"


def test_a_conflict_on_a_choice_and_on_notes_shows_what_people_read(
    client_a, client_colleague, draft, covenant
):
    url = report_url(draft.organisation, draft.period)
    member_of, notes = f"i{covenant.member_of.pk}", f"c{covenant.branch.pk}_notes"
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    theirs.update({member_of: "nbbu", notes: "Van Bea"})
    assert client_colleague.post(url, theirs).status_code == 302
    mine[member_of] = "neither"
    del mine[notes]  # I emptied the notes
    response = client_a.post(url, mine)
    assert response.status_code == 409
    conflict = response.context["conflict"]
    labels = [row["label"] for row in conflict]
    assert labels == ["Lid van", "Notes for the municipality (optional)"]  # the form's order
    rows = {row["label"]: row for row in conflict}
    assert (rows["Lid van"]["mine"], rows["Lid van"]["saved"]) == ("Geen van beide", "NBBU")
    notes_row = rows["Notes for the municipality (optional)"]
    assert (notes_row["mine"], notes_row["saved"]) == ("", "Van Bea")
    assert notes_row["commitment"] == "Brancheorganisatie"
    html = response.content.decode()
    assert "<em>No answer</em>" in html
    assert "The saved answer: NBBU" in html and "The saved answer: Van Bea" in html
    assert f'aria-describedby="id_{member_of}-conflict"' in html  # the radio group's fieldset


def test_a_report_submitted_meanwhile_is_not_changed(
    client_a, client_colleague, colleague, draft, covenant
):
    url = report_url(draft.organisation, draft.period)
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    assert client_colleague.post(url, {**theirs, "submit": "submit"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED
    before = stored(draft)
    mine[f"i{covenant.workers.pk}"] = "999"
    response = client_a.post(url, mine, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "This report has been submitted and cannot be changed." in response.content.decode()
    assert stored(draft) == before
    draft.refresh_from_db()
    assert (draft.status, draft.version, draft.updated_by) == (
        ReportStatus.SUBMITTED,
        3,  # saved (2) and submitted (3) by the colleague, nothing since
        colleague,
    )


def test_the_service_refuses_a_report_submitted_after_the_page_was_read(
    client_a, client_colleague, member_a, draft, covenant, rf
):
    """The report is handed in between the view's read and the save: nothing is stored."""
    from partners.portal.forms import ReportForm
    from partners.reporting.structure import build_sections

    url = report_url(draft.organisation, draft.period)
    mine = loaded(client_a, url)
    mine[f"i{covenant.workers.pk}"] = "999"
    form = ReportForm(mine, sections=build_sections(draft.period, "employer"))
    assert form.is_valid()
    draft.transition_to(ReportStatus.SUBMITTED, by=member_a)
    with pytest.raises(ReportLocked):
        save(
            organisation=draft.organisation,
            period=draft.period,
            form=form,
            user=member_a,
            expected_version=1,
            base=mine["base"],
            submit=False,
        )
    assert stored(draft)[covenant.workers.pk] == "120"


def test_submitting_a_merged_report_saves_it_but_asks_to_check_first(
    client_a, client_colleague, draft, covenant
):
    url = report_url(draft.organisation, draft.period)
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    theirs[f"i{covenant.workers.pk}"] = "130"
    assert client_colleague.post(url, theirs).status_code == 302
    mine[f"i{covenant.number.pk}"] = "ABU-9999"
    response = client_a.post(url, {**mine, "submit": "submit"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "The report has not been submitted yet" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert stored(draft)[covenant.number.pk] == "ABU-9999"


def test_saving_writes_only_the_answers_that_change(client_a, draft, covenant):
    url = report_url(draft.organisation, draft.period)
    before = {v.indicator_id: v.pk for v in IndicatorValue.objects.filter(report=draft)}
    response_pk = CommitmentResponse.objects.get(report=draft).pk
    mine = loaded(client_a, url)
    mine[f"i{covenant.workers.pk}"] = "121"
    del mine[f"i{covenant.number.pk}"]
    with CaptureQueriesContext(connection) as queries:
        assert client_a.post(url, mine).status_code == 302
    sql = [q["sql"] for q in queries.captured_queries]
    assert any(s.startswith('UPDATE "partners_indicatorvalue"') for s in sql)
    after = {v.indicator_id: v.pk for v in IndicatorValue.objects.filter(report=draft)}
    assert covenant.number.pk not in after
    assert after == {k: v for k, v in before.items() if k != covenant.number.pk}  # same rows
    assert CommitmentResponse.objects.get(report=draft).pk == response_pk
    assert not any(s.startswith('INSERT INTO "partners_indicatorvalue"') for s in sql)
    assert not any(s.startswith('DELETE FROM "partners_commitmentresponse"') for s in sql)


def _stale_answers(client_a, client_colleague, url, covenant, extra) -> dict:
    """Both load; the colleague changes the workers and saves; I change the membership number and
    every extra answer. Returns my (now stale) POST data, which merges without a conflict."""
    mine, theirs = loaded(client_a, url), loaded(client_colleague, url)
    theirs[f"i{covenant.workers.pk}"] = str(int(theirs[f"i{covenant.workers.pk}"]) + 1)
    assert client_colleague.post(url, theirs).status_code == 302
    mine[f"i{covenant.number.pk}"] = mine[f"i{covenant.number.pk}"] + "0"
    for indicator in extra:
        mine[f"i{indicator.pk}"] = str(int(mine.get(f"i{indicator.pk}", "0")) + 1)
    return mine


def test_the_merged_save_does_not_grow_with_the_answers(
    client_a, client_colleague, draft, covenant, django_assert_max_num_queries
):
    url = report_url(draft.organisation, draft.period)
    mine = _stale_answers(client_a, client_colleague, url, covenant, [])
    with CaptureQueriesContext(connection) as few:
        assert client_a.post(url, mine).status_code == 302
    limit = len(few)  # read now: the next request empties the log
    extra = [IndicatorFactory(commitment=covenant.brp, code=f"extra_{n}") for n in range(15)]
    mine = _stale_answers(client_a, client_colleague, url, covenant, extra)
    with django_assert_max_num_queries(limit):
        assert client_a.post(url, mine).status_code == 302  # inserts 15 answers
    mine = _stale_answers(client_a, client_colleague, url, covenant, extra)
    with django_assert_max_num_queries(limit):
        assert client_a.post(url, mine).status_code == 302  # updates 15 answers
    assert stored(draft)[extra[-1].pk] == "2"
