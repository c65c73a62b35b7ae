"""Pages linked by type (``GOEDWERK_LINKED_PAGE_TYPES``: the job fair index, the partner list)
come with the route (goedwerk.routing) and are the same pages the fallback query finds: live,
public, in the language shown."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from events.blocks import NextJobFairBlock, job_fair_index
from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from goedwerk.localization.translate import translate_page
from goedwerk.routing import chrome, route_for_request
from home.factories import CampaignPageFactory, block
from partners.insight.models import CoalitionPartnersPage, CoalitionProgressPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_nl):
    index = JobFairIndexPageFactory(parent=home_nl, slug="banenmarkten")
    fair = JobFairPageFactory(parent=index, slug="zuid")
    fair.save_revision().publish()
    campaign = CampaignPageFactory(
        parent=home_nl, slug="werk", body=[block("next_job_fair", {"heading": ""})]
    )
    campaign.save_revision().publish()
    progress = home_nl.add_child(
        instance=CoalitionProgressPage(title="Voortgang", slug="voortgang")
    )
    progress.save_revision().publish()
    partners = home_nl.add_child(instance=CoalitionPartnersPage(title="Partners", slug="partners"))
    partners.save_revision().publish()
    pages = {"index": index, "fair": fair, "campaign": campaign, "progress": progress}
    pages["partners"] = partners
    for key in list(pages):
        page = pages[key]
        pages[f"{key}_pl"] = translate_page(page, "pl", {page.slug: f"{page.slug}-pl"})
    return pages


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def block_links(response) -> list[str]:
    section = re.search(r'<section class="next-job-fair">.*?</section>', main(response), re.S)
    return re.findall(r'href="([^"]+)"', section.group(0))


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_the_next_fair_block_links_to_the_index_in_the_language_shown(client, site, language):
    suffix = "" if language == "nl" else "_pl"
    links = block_links(client.get(site[f"campaign{suffix}"].url))
    assert links == [site[f"fair{suffix}"].url, site[f"index{suffix}"].url]


def test_the_router_and_the_fallback_query_find_the_same_index(site):
    for language in ("nl", "pl"):
        suffix = "" if language == "nl" else "_pl"
        with translation.override(language):
            request = RequestFactory().get(site[f"campaign{suffix}"].url)
            route_for_request(request, site[f"campaign{suffix}"].url.split("/", 2)[2])
            locale = chrome(request).home.locale  # (outside the test client no request memo)
            with CaptureQueriesContext(connection) as context:
                routed = job_fair_index(locale, request=request)
            assert len(context) == 0  # it came with the route
            queried = job_fair_index()
            assert routed.pk == queried.pk == site[f"index{suffix}"].pk


def test_a_restricted_or_unpublished_index_is_not_linked(client, site):
    PageViewRestriction.objects.create(
        page=site["index_pl"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    site["index"].unpublish()
    # Dutch: the fair is still live (unpublishing leaves the children), its index is not.
    assert block_links(client.get(site["campaign"].url)) == [site["fair"].url]
    # Polish: the restriction covers the Polish fair too, so the fair is shown in the next
    # language of the fallback chain that has it public (Dutch, marked); no index is public.
    html = main(client.get(site["campaign_pl"].url))
    assert block_links(client.get(site["campaign_pl"].url)) == [site["fair"].url]
    assert f'href="{site["fair"].url}" hreflang="nl"' in html
    assert site["index_pl"].url not in html
    # The fallback query (no route: a preview, a block rendered elsewhere) agrees.
    for language in ("nl", "pl"):
        with translation.override(language):
            assert job_fair_index() is None


def test_the_block_outside_a_routed_request_queries_the_index(site):
    with translation.override("pl"):
        html = NextJobFairBlock().render(
            NextJobFairBlock().to_python({"heading": ""}),
            context={"request": RequestFactory().get("/")},
        )
    assert f'href="{site["index_pl"].url}"' in html


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_the_progress_page_links_to_the_partner_list_in_its_language(client, site, language):
    suffix = "" if language == "nl" else "_pl"
    html = main(client.get(site[f"progress{suffix}"].url))
    assert f'href="{site[f"partners{suffix}"].url}"' in html


def test_the_progress_page_does_not_link_to_an_unpublished_or_restricted_partner_list(client, site):
    site["partners"].unpublish()
    PageViewRestriction.objects.create(
        page=site["partners_pl"], restriction_type=PageViewRestriction.LOGIN
    )
    assert site["partners"].url not in main(client.get(site["progress"].url))
    assert site["partners_pl"].url not in main(client.get(site["progress_pl"].url))
    with translation.override("pl"):
        assert site["progress_pl"].specific.partners_page(None) is None
