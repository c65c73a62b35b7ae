"""The "next job fair" block, rendered on its own as a home or campaign page would."""

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import translation

from events.blocks import NextJobFairBlock
from events.models import JobFairStatus

from .conftest import ams

pytestmark = pytest.mark.django_db

NOW = ams(2025, 9, 1, 12)


def render(language="nl", heading=""):
    block = NextJobFairBlock()
    value = block.to_python({"heading": heading})
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        return block.render(value, context={"request": request})


@time_machine.travel(NOW, tick=False)
def test_no_fair_and_no_index_says_so(home):
    html = render()
    assert "Er is op dit moment geen banenmarkt gepland." in html  # Dutch, from locale/
    assert "<a " not in html


@time_machine.travel(NOW, tick=False)
def test_no_upcoming_fair_links_to_the_index(index, make_fair):
    make_fair(title="Voorbij", start=ams(2025, 3, 15, 10), end=ams(2025, 3, 15, 15))
    html = render()
    assert "Er is op dit moment geen banenmarkt gepland." in html  # Dutch, from locale/
    assert f'href="{index.url}"' in html
    assert "Voorbij" not in html


@time_machine.travel(NOW, tick=False)
def test_one_fair(index, make_fair):
    fair = make_fair(title="Banenmarkt Zuid", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
    html = render(heading="Kom naar de banenmarkt")
    assert "<h2>Kom naar de banenmarkt</h2>" in html
    assert f'href="{fair.url}">Banenmarkt Zuid</a>' in html
    assert "zaterdag 4 oktober 2025, 10:00" in html
    assert "Hoogstraat 110, 3011 PV Rotterdam" in html
    assert f'href="{index.url}"' in html


@time_machine.travel(NOW, tick=False)
def test_many_fairs_shows_the_soonest_that_takes_place(index, make_fair):
    make_fair(title="Later", start=ams(2025, 12, 6, 10), end=ams(2025, 12, 6, 15))
    make_fair(title="Eerst", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
    make_fair(
        title="Afgelast",
        start=ams(2025, 9, 13, 10),
        end=ams(2025, 9, 13, 15),
        status=JobFairStatus.CANCELLED,
    )
    make_fair(
        title="Zonder datum",
        start=ams(2025, 9, 6, 10),
        end=ams(2025, 9, 6, 15),
        status=JobFairStatus.POSTPONED,
        new_date_pending=True,
    )
    make_fair(title="Voorbij", start=ams(2025, 8, 30, 10), end=ams(2025, 8, 30, 15))
    html = render()
    assert ">Eerst</a>" in html
    for other in ("Later", "Afgelast", "Zonder datum", "Voorbij"):
        assert other not in html


@time_machine.travel(NOW, tick=False)
def test_only_the_visitors_language(index, make_fair, polish):
    dutch_only = make_fair(title="Alleen NL", start=ams(2025, 9, 20, 10), end=ams(2025, 9, 20, 15))
    both = make_fair(title="Banenmarkt", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
    polish(both, {"Banenmarkt": "Targi pracy"})
    assert ">Alleen NL</a>" in render("nl")
    html = render("pl")
    assert ">Targi pracy</a>" in html
    assert dutch_only.title not in html
    assert "/pl/" in html
    assert "października" in html


@time_machine.travel(NOW, tick=False)
def test_language_without_fairs_or_index(index, make_fair, locales):
    make_fair(title="Alleen NL", start=ams(2025, 9, 20, 10), end=ams(2025, 9, 20, 15))
    html = render("en")
    assert "Alleen NL" not in html
    assert "No job fair is planned at the moment." in html


def test_block_has_a_preview(home):
    block = NextJobFairBlock()
    assert block.is_previewable
    assert block.get_preview_value()["heading"] == ""
