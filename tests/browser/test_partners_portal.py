"""The reporting side of the portal in a real browser: axe-core on the dashboard and the report
form, and a report filled in and submitted with the keyboard only."""

import pytest
from django.test import Client
from wagtail.models import Locale

from partners.factories import (
    CommitmentFactory,
    CovenantFactory,
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportingPeriodFactory,
)
from partners.models import Evidence, Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    Locale.objects.get_or_create(language_code="nl")
    covenant = CovenantFactory(title="Coalitie Goed Werkgeverschap")
    brp = CommitmentFactory(covenant=covenant, title="Inschrijving in de BRP", code="brp", order=1)
    workers = IndicatorFactory(
        commitment=brp,
        code="workers",
        label="Arbeidsmigranten in dienst",
        help_text="Alleen een aantal, geen namen.",
        unit="personen",
        order=1,
    )
    IndicatorFactory(
        commitment=brp, code="registered", label="Van wie ingeschreven", part_of=workers, order=2
    )
    branch = CommitmentFactory(
        covenant=covenant,
        title="Brancheorganisatie",
        code="branch",
        order=2,
        allows_not_applicable=True,
    )
    IndicatorFactory(
        commitment=branch,
        code="member_of",
        label="Lid van",
        value_type="choice",
        choice_codes="abu\nnbbu\nneither",
        choice_labels="ABU\nNBBU\nGeen van beide",
        order=1,
    )
    IndicatorFactory(commitment=branch, code="sna", label="SNA-register", value_type="yes_no")
    period = ReportingPeriodFactory(covenant=covenant, name="2026 H2")
    organisation = OrganisationFactory(name="Tempo-Team", slug="tempo-team")
    user = MembershipFactory(organisation=organisation).user
    return {"period": period, "organisation": organisation, "user": user}


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_dashboard_and_report_form_are_accessible(
    live_server, page, assert_accessible, setup, language
):
    sign_in(page, live_server, setup["user"])
    page.goto(f"{live_server.url}/{language}/portaal/tempo-team/")
    assert page.locator("h1").inner_text() == "Tempo-Team"
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.goto(f"{live_server.url}/{language}/portaal/tempo-team/rapportages/{setup['period'].pk}/")
    assert page.locator("fieldset.commitment").count() == 2
    assert_accessible(page)
    # Submitting the empty form: error summary and inline errors, still accessible.
    page.locator("button[name=submit]").click()
    page.wait_for_selector(".error-summary")
    assert page.locator(".field-error").count() >= 3
    assert_accessible(page)
    page.goto(f"{live_server.url}/nl/portaal/tempo-team/rapportages/{setup['period'].pk}/bewijs/")
    assert_accessible(page)


def test_evidence_delete_and_replace_pages_are_accessible(
    live_server, page, assert_accessible, setup
):
    report = Report.objects.create(organisation=setup["organisation"], period=setup["period"])
    evidence = Evidence.objects.create(
        report=report,
        kind="snf_registration",
        valid_until="2020-01-01",
        stored_name="evidence/browser.pdf",
        original_name="snf.pdf",
        content_type="application/pdf",
        size=10,
    )
    sign_in(page, live_server, setup["user"])
    base = f"{live_server.url}/nl/portaal/tempo-team/bewijs/{evidence.pk}"
    page.goto(f"{base}/verwijderen/")
    assert "snf.pdf" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.goto(f"{base}/vervangen/")
    assert_accessible(page)
    # Without a file and with an expired date: the error summary, still accessible.
    page.fill("input[name=valid_until]", "2020-01-01")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert page.locator(".error-summary a[href='#id_confirm_expired']").count() == 1
    assert_accessible(page)
    # The dashboard's expiry warning links to the upload page.
    page.goto(f"{live_server.url}/nl/portaal/tempo-team/")
    page.locator(".notice a[href*='kind=snf_registration']").click()
    assert page.locator("select[name=kind]").input_value() == "snf_registration"
    assert_accessible(page)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_fill_in_and_submit(live_server, page, setup):
    sign_in(page, live_server, setup["user"])
    page.goto(f"{live_server.url}/nl/portaal/tempo-team/rapportages/{setup['period'].pk}/")
    tab_to(page, "input[name^=i][inputmode=numeric]")
    page.keyboard.type("120")
    page.keyboard.press("Tab")
    page.keyboard.type("100")
    tab_to(page, "input[type=radio][value=abu]")
    page.keyboard.press("Space")
    tab_to(page, "input[type=radio][value=yes]")
    page.keyboard.press("Space")
    tab_to(page, "button[name=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/nl/portaal/tempo-team/")
    report = Report.objects.get(organisation=setup["organisation"], period=setup["period"])
    assert report.status == ReportStatus.SUBMITTED
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    assert values["workers"].number == 120
    assert values["registered"].number == 100
    assert values["member_of"].text == "abu"
    assert values["sna"].boolean is True


def test_read_only_report_is_accessible(live_server, page, assert_accessible, setup):
    report = Report.objects.create(organisation=setup["organisation"], period=setup["period"])
    report.transition_to(ReportStatus.SUBMITTED, by=setup["user"])
    sign_in(page, live_server, setup["user"])
    page.goto(f"{live_server.url}/nl/portaal/tempo-team/rapportages/{setup['period'].pk}/")
    assert page.locator("form.report-form").count() == 0
    assert page.locator("dl.answers").count() == 2
    assert_accessible(page)


def _report_url(live_server, setup, language="nl"):
    return f"{live_server.url}/{language}/portaal/tempo-team/rapportages/{setup['period'].pk}/"


@pytest.mark.parametrize("language", ["nl", "pl"])
@pytest.mark.parametrize("width", [1280, 390])
def test_report_sections_are_accessible(
    live_server, page, assert_accessible, setup, language, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, setup["user"])
    page.goto(_report_url(live_server, setup, language))
    assert page.locator("nav.report-sections li").count() == 2
    assert page.locator(".section-actions button[name=save]").count() == 2
    assert_accessible(page)
    # An invalid answer saved from a section: back at that section, and marked on return.
    page.fill("input[inputmode=numeric] >> nth=0", "veel")
    page.locator(".section-actions button[name=save] >> nth=1").click()
    page.wait_for_selector(".error-summary")
    page.goto(_report_url(live_server, setup, language))
    assert page.locator(".error-summary a").count() == 1
    assert page.locator("input[aria-invalid=true]").input_value() == "veel"
    assert_accessible(page)


def test_unsaved_changes_warning_is_armed_after_typing_and_not_after_saving(
    live_server, page, setup
):
    sign_in(page, live_server, setup["user"])
    url = _report_url(live_server, setup)
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    page.goto(url)
    form = page.locator("form.report-form")
    assert form.get_attribute("data-dirty") == "false"  # the script ran (from 'self', deferred)
    # Leaving an untouched form: no question.
    page.locator("nav.breadcrumbs a >> nth=0").click()
    page.wait_for_url(f"{live_server.url}/nl/portaal/tempo-team/")
    assert dialogs == []

    page.goto(url)
    page.locator("input[inputmode=numeric] >> nth=0").click()
    page.keyboard.type("120")  # real key presses: the page has had a user gesture
    assert form.get_attribute("data-dirty") == "true"
    page.locator("nav.breadcrumbs a >> nth=0").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == url  # dismissed: still here, with the input
    assert page.locator("input[inputmode=numeric] >> nth=0").input_value() == "120"

    # Saving the section clears it: no question on the way, none after.
    page.locator(".section-actions button[name=save] >> nth=0").click()
    page.wait_for_url(f"{url}#c*")
    assert form.get_attribute("data-dirty") == "false"
    page.locator("nav.breadcrumbs a >> nth=0").click()
    page.wait_for_url(f"{live_server.url}/nl/portaal/tempo-team/")
    assert dialogs == ["beforeunload"]
    report = Report.objects.get(organisation=setup["organisation"], period=setup["period"])
    assert report.values.get(indicator__code="workers").number == 120


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_report_summary_is_accessible_and_prints_without_the_chrome(
    live_server, page, assert_accessible, setup, language
):
    report = Report.objects.create(organisation=setup["organisation"], period=setup["period"])
    report.transition_to(ReportStatus.SUBMITTED, by=setup["user"])
    sign_in(page, live_server, setup["user"])
    base = f"{live_server.url}/{language}/portaal/tempo-team/rapportages/{setup['period'].pk}"
    page.goto(f"{base}/samenvatting/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("section.summary-commitment").count() == 2
    assert_accessible(page)
    page.emulate_media(media="print")
    assert page.locator(".portal-header").is_hidden()
    assert page.locator(".summary-actions").is_hidden()
    assert (
        page.locator("section.summary-commitment")
        .nth(1)
        .evaluate("(e) => getComputedStyle(e).breakBefore")
        == "page"
    )
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.locator(".summary-actions a[download]").click()
    assert download.value.suggested_filename == "tempo-team-2026-h2.pdf"


def _with_thread(setup):
    """A draft with a comment of the municipality on the first commitment and a reply."""
    from partners.reporting.models import ReviewComment

    report = Report.objects.create(organisation=setup["organisation"], period=setup["period"])
    brp = setup["period"].covenant.commitments.get(code="brp")
    ReviewComment.objects.create(report=report, commitment=brp, text="Graag toelichten.")
    ReviewComment.objects.create(report=report, commitment=brp, text="Intern", internal=True)
    ReviewComment.objects.create(
        report=report,
        commitment=brp,
        text="Zie de notities.",
        by_partner=True,
        author=setup["user"],
    )
    ReviewComment.objects.create(report=report, text="Dank voor het invullen.")
    return report, brp


@pytest.mark.parametrize("language", ["nl", "pl"])
@pytest.mark.parametrize("width", [1280, 390])
def test_report_page_with_threads_is_accessible(
    live_server, page, assert_accessible, setup, language, width
):
    report, brp = _with_thread(setup)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, setup["user"])
    page.goto(_report_url(live_server, setup, language))
    assert page.locator("section.thread").count() == 3  # the report and both commitments
    assert page.locator(f"#thread-c{brp.pk} .thread__comment").count() == 2
    assert page.locator("text=Intern").count() == 0
    assert_accessible(page)
    # Read-only (submitted): the threads stay open, each with a form of its own.
    report.transition_to(ReportStatus.SUBMITTED, by=setup["user"])
    page.goto(_report_url(live_server, setup, language))
    assert page.locator("form.thread__form").count() == 3
    assert_accessible(page)


def test_reply_in_a_section_does_not_submit_the_answers(
    live_server, page, assert_accessible, setup
):
    from partners.reporting.models import ReviewComment

    report, brp = _with_thread(setup)
    version = report.version
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()  # leave the page, as someone who only wanted to send the reply

    page.on("dialog", on_dialog)
    sign_in(page, live_server, setup["user"])
    page.goto(_report_url(live_server, setup))
    form = page.locator("form.report-form")
    # Typing a reply inside a section does not make the report form "unsaved" …
    page.locator(f"#id_thread-c{brp.pk}-text").click()
    page.keyboard.type("Een vraag over de BRP.")
    assert form.get_attribute("data-dirty") == "false"
    # … typing an answer does: sending the reply then asks before the answers are left.
    page.locator("input[inputmode=numeric] >> nth=0").click()
    page.keyboard.type("12")
    assert form.get_attribute("data-dirty") == "true"
    page.locator(f"button[form=thread-c{brp.pk}-form]").click()
    page.wait_for_url(f"**#thread-c{brp.pk}")
    assert dialogs == ["beforeunload"]
    assert page.locator(f"#thread-c{brp.pk}").get_by_text("Een vraag over de BRP.").count() == 1
    assert ReviewComment.objects.filter(by_partner=True, commitment=brp).count() == 2
    report.refresh_from_db()
    assert report.version == version and not report.values.exists()  # the answers untouched
    assert_accessible(page)
    # Only a reply typed: no question, the comment is simply sent.
    page.locator("#id_thread-report-text").click()
    page.keyboard.type("Nog een vraag.")
    page.locator("form.thread__form button[type=submit]").click()
    page.wait_for_url("**#thread-report")
    assert dialogs == ["beforeunload"]
    assert ReviewComment.objects.filter(by_partner=True, commitment=None).count() == 1


@pytest.mark.parametrize("language", ["nl", "pl"])
@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_comment_comes_back_accessible_with_the_text_kept(
    live_server, page, assert_accessible, setup, language, width
):
    """The page that gives a refused comment back (here: a control character) passes axe."""
    from partners.reporting.models import ReviewComment

    _with_thread(setup)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, setup["user"])
    page.goto(_report_url(live_server, setup, language))
    page.locator("#id_thread-report-text").evaluate("el => { el.value = 'Vraag\\u0007 over BRP'; }")
    page.locator("form.thread__form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("textarea").first.input_value() == "Vraag over BRP"
    assert page.locator(".error-summary, [role=alert], .errorlist").count() >= 1
    assert not ReviewComment.objects.filter(by_partner=True, commitment=None).exists()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_file_over_the_limit_is_refused_before_sending_and_the_typed_fields_stay(
    live_server, page, assert_accessible, setup
):
    from django.utils.translation import override

    from partners.filecheck import MAX_EVIDENCE_BYTES, MESSAGES

    sign_in(page, live_server, setup["user"])
    page.goto(f"{live_server.url}/nl/portaal/tempo-team/rapportages/{setup['period'].pk}/bewijs/")
    page.fill("input[name=description]", "Certificaat van de SNF-keuring")
    big = {"name": "groot.pdf", "mimeType": "application/pdf"}
    page.set_input_files(
        "input[name=file]", files=[{**big, "buffer": b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES}]
    )
    alert = page.locator("#id_file_too_large")
    alert.wait_for()
    with override("nl"):
        assert alert.inner_text() == str(MESSAGES["too_large"])
    # The file field is emptied (nothing over the limit is sent); what was typed stays.
    assert page.evaluate("document.querySelector('input[name=file]').files.length") == 0
    assert page.locator("input[name=file]").get_attribute("aria-invalid") == "true"
    assert "id_file_too_large" in page.locator("input[name=file]").get_attribute("aria-describedby")
    assert page.locator("input[name=description]").input_value() == "Certificaat van de SNF-keuring"
    assert_accessible(page)
    # A file within the limit clears the message again.
    page.set_input_files("input[name=file]", files=[{**big, "buffer": b"%PDF-1.4 small"}])
    assert alert.is_hidden()
    assert page.locator("input[name=file]").get_attribute("aria-invalid") is None
