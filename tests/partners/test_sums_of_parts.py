"""Parts that exclude each other may not add up to more than their whole; each part alone is
checked as before, and parts that may overlap are not summed."""

import pytest
from django.urls import reverse

from partners.factories import IndicatorFactory
from partners.models import Report, ReportStatus

from .conftest import complete_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def parts(covenant):
    rni = IndicatorFactory(
        commitment=covenant.brp,
        code="rni",
        label="Alleen RNI",
        order=3,
        part_of=covenant.workers,
        required=False,
    )
    unknown = IndicatorFactory(
        commitment=covenant.brp,
        code="unknown",
        label="Onbekend",
        order=4,
        part_of=covenant.workers,
        required=False,
    )
    return rni, unknown


def _submit(client, org, period, covenant, parts, registered, rni, unknown):
    data = complete_answers(
        covenant,
        submit="1",
        **{
            f"i{covenant.registered.pk}": registered,
            f"i{parts[0].pk}": rni,
            f"i{parts[1].pk}": unknown,
        },
    )
    url = reverse("partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk})
    return client.post(url, data)


@pytest.mark.parametrize(
    "registered,rni,unknown,accepted",
    [
        ("60", "30", "30", True),  # 120 of 120 workers
        ("60", "30", "31", False),  # 121 of 120
        ("100", "100", "", False),  # two parts answered: 200 of 120
        ("120", "", "", True),  # one part alone equal to the whole
    ],
)
def test_exclusive_parts_may_not_exceed_the_whole(
    client_a, org_a, period, covenant, parts, registered, rni, unknown, accepted
):
    covenant.workers.parts_add_up = True
    covenant.workers.save()
    response = _submit(client_a, org_a, period, covenant, parts, registered, rni, unknown)
    report = Report.objects.get(organisation=org_a, period=period)
    if accepted:
        assert response.status_code == 302
        assert report.status == ReportStatus.SUBMITTED
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert "add up to" in html and "more than this number" in html
        assert f'href="#id_i{covenant.workers.pk}"' in html
        assert report.status == ReportStatus.DRAFT  # the draft kept what was typed
        assert report.values.get(indicator=parts[0]).raw == rni


def test_parts_that_may_overlap_are_not_summed(client_a, org_a, period, covenant, parts):
    assert not covenant.workers.parts_add_up
    response = _submit(client_a, org_a, period, covenant, parts, "100", "100", "100")
    assert response.status_code == 302  # each part alone is within the whole


def test_each_part_alone_is_still_checked(client_a, org_a, period, covenant, parts):
    response = _submit(client_a, org_a, period, covenant, parts, "121", "", "")
    assert response.status_code == 200
    assert "This cannot be more than" in response.content.decode()


def test_the_seeded_covenant_marks_the_workers_parts(db):
    from partners.models import Indicator

    workers = Indicator.objects.filter(code="workers_employed")
    assert workers.exists() and all(indicator.parts_add_up for indicator in workers)
    assert not Indicator.objects.get(
        code="homeless_referred", locale__language_code="nl"
    ).parts_add_up
