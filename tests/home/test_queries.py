"""Issue #14: at most 8 SQL queries for a public page in any language, the same number whatever
the number of blocks, info points, job fairs and languages (uncached render; see README,
"Queries per page")."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.factories import (
    JobFairExhibitorFactory,
    JobFairIndexPageFactory,
    JobFairOrganiserFactory,
    JobFairPageFactory,
)
from goedwerk.localization.translate import translate_instance, translate_page
from home.factories import (
    CampaignPageFactory,
    ContentPageFactory,
    InfoPointFactory,
    WalkInHoursFactory,
    all_blocks,
    block,
)
from partners.insight.models import CoalitionPartnersPage, CoalitionProgressPage

pytestmark = pytest.mark.django_db

BOUND = 8
LANGUAGES = ["nl", "en", "pl", "ro", "bg", "hu"]
# Romanian has only its home page translated: every other page falls back.
FULLY_TRANSLATED = ["en", "pl", "bg", "hu"]


def _info_point(number):
    point = InfoPointFactory(name=f"WIN-punt {number}")
    WalkInHoursFactory(info_point=point, weekday=1, sort_order=0)
    WalkInHoursFactory(info_point=point, weekday=4, sort_order=1)
    return point


def build_site(home, *, copies=1, fairs=1, languages=FULLY_TRANSLATED):
    """Every public page type with ``copies`` of every block (each with its own info point and
    image), ``fairs`` upcoming job fairs, translated into ``languages`` (and Romanian: only
    the home page)."""
    index = JobFairIndexPageFactory(parent=home)
    fair_pages = []
    for number in range(fairs):
        fair = JobFairPageFactory(parent=index, slug=f"banenmarkt-{number}")
        JobFairExhibitorFactory(page=fair)
        JobFairOrganiserFactory(page=fair)
        fair.save_revision().publish()
        fair_pages.append(fair)
    target = CampaignPageFactory(parent=home, slug="doel", show_in_menus=True)
    target.save_revision().publish()
    points, campaign_body, home_body = [], [], []
    for number in range(copies):
        point = _info_point(number)
        points.append(point)
        image = wagtail_factories.ImageFactory(title=f"Foto {number}")
        campaign_body += all_blocks(info_point=point, image=image, page=target)
        campaign_body.append(block("next_job_fair", {"heading": ""}))
        home_body += [
            block("info_point", {"info_point": point.pk, "heading": ""}),
            block("next_job_fair", {"heading": ""}),
            block("call_to_action", {"text": "Lees", "description": "", "page": target.pk}),
        ]
    campaign = CampaignPageFactory(
        parent=home, slug="inschrijven", body=campaign_body, show_in_menus=True
    )
    campaign.save_revision().publish()
    content = ContentPageFactory(parent=home, slug="privacy", show_in_footer=True)
    content.save_revision().publish()
    progress = home.add_child(instance=CoalitionProgressPage(title="Voortgang", slug="voortgang"))
    progress.save_revision().publish()
    partners = home.add_child(instance=CoalitionPartnersPage(title="Partners", slug="partners"))
    partners.save_revision().publish()
    home.body = home_body
    home.save_revision().publish()
    for number in range(copies):
        home.featured_campaigns.create(campaign=campaign, sort_order=2 * number)
        home.featured_campaigns.create(campaign=target, sort_order=2 * number + 1)
    pages = {
        "home": home,
        "campaign": campaign,
        "content": content,
        "job fair index": index,
        "job fair": fair_pages[0],
        "progress": progress,
        "partners": partners,
    }
    urls = {"nl": {kind: page.url for kind, page in pages.items()}}
    for language in languages:
        for point in points:
            translate_instance(point, language, {})
        urls[language] = {
            kind: translate_page(page, language, {page.slug: f"{page.slug}-{language}"}).url
            for kind, page in pages.items()
        }
        for fair in fair_pages[1:]:
            translate_page(fair, language, {fair.slug: f"{fair.slug}-{language}"})
    # Romanian: only the home page (the other Romanian addresses do not exist; the language
    # switcher sends Romanian visitors of an untranslated page to this home page).
    urls["ro"] = {"home": translate_page(home, "ro", {home.slug: "acasa"}).url}
    for language in urls:
        urls[language]["search"] = f"/{language}/zoeken/?q=inschrijven"
    return urls


def count_queries(client, url):
    client.get(url)  # warm up: renditions are made on the first visit
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    # The table and condition of every query, for the failure message.
    return len(context), [
        query["sql"][query["sql"].find(" FROM ") :][:160] for query in context.captured_queries
    ]


def counts(client, urls):
    return {kind: count_queries(client, url)[0] for kind, url in urls.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_stays_within_the_bound(client, home_nl, language):
    # The other languages do not change the count (the test below).
    urls = build_site(home_nl, languages=[language] if language in FULLY_TRANSLATED else [])
    over = {}
    for kind, url in urls[language].items():
        number, queries = count_queries(client, url)
        print(f"queries {language} {kind}: {number}")  # the README's table, with -s
        if number > BOUND:
            over[kind] = (url, number, queries)
    assert not over, "\n".join(
        f"{kind} {url}: {number}\n  " + "\n  ".join(queries)
        for kind, (url, number, queries) in over.items()
    )


def test_the_count_does_not_grow_with_blocks_info_points_fairs_and_languages(client, home_nl):
    from django.db import transaction

    with transaction.atomic():
        small = counts(client, build_site(home_nl, copies=1, fairs=1, languages=["pl"])["pl"])
        transaction.set_rollback(True)
    home_nl.refresh_from_db()  # its latest revision was rolled back
    large = counts(client, build_site(home_nl, copies=2, fairs=2, languages=FULLY_TRANSLATED)["pl"])
    assert large == small
