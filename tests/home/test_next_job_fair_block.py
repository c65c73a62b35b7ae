"""The events app's "next job fair" block is available on home and campaign pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from home.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db


def _with_block(page):
    page.body = [("next_job_fair", {"heading": ""})]
    page.save_revision().publish()
    return page


def test_home_page_shows_the_next_fair_not_a_past_one(client, home_nl):
    index = JobFairIndexPageFactory(parent=home_nl)
    JobFairPageFactory(
        parent=index, title="Banenmarkt van vorig jaar", start=timezone.now() - timedelta(days=300)
    )
    JobFairPageFactory(
        parent=index, title="Banenmarkt Hillesluis", start=timezone.now() + timedelta(days=9)
    )
    _with_block(home_nl)

    html = client.get(home_nl.url).content.decode()

    assert "Banenmarkt Hillesluis" in html
    assert "Banenmarkt van vorig jaar" not in html


def test_campaign_page_says_so_when_no_fair_is_planned(client, home_nl):
    JobFairIndexPageFactory(parent=home_nl)
    campaign = _with_block(CampaignPageFactory(parent=home_nl, title="Werk", slug="werk"))

    response = client.get(campaign.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="next-job-fair"' in html
    assert "next-job-fair__title" not in html
    assert 'href="/nl/banenmarkten/"' in html
