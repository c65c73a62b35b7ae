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
def test_the_visitors_language_first_then_the_fallback_chain(index, make_fair, polish):
    # Issue #12: the next fair is the soonest one, in the visitor's language where it is
    # translated, otherwise in the first language of the fallback chain that has it, marked.
    dutch_only = make_fair(title="Alleen NL", start=ams(2025, 9, 20, 10), end=ams(2025, 9, 20, 15))
    both = make_fair(title="Banenmarkt", start=ams(2025, 10, 4, 10), end=ams(2025, 10, 4, 15))
    polish(both, {"Banenmarkt": "Targi pracy"})
    assert ">Alleen NL</a>" in render("nl")
    html = render("pl")
    assert f'href="{dutch_only.url}" hreflang="nl"><span lang="nl">Alleen NL</span>' in html
    assert "Targi pracy" not in html
    assert "września" in html  # the date in Polish: the interface stays Polish
    dutch_only.unpublish()
    html = render("pl")
    assert ">Targi pracy</a>" in html
    assert 'hreflang="nl"' not in html.split("next-job-fair__title")[1].split("</p>")[0]
    assert "/pl/" in html
    assert "października" in html


@time_machine.travel(NOW, tick=False)
def test_language_without_fairs_shows_the_fallback_fair_not_none(index, make_fair, locales):
    fair = make_fair(title="Alleen NL", start=ams(2025, 9, 20, 10), end=ams(2025, 9, 20, 15))
    html = render("en")
    assert f'href="{fair.url}" hreflang="nl"><span lang="nl">Alleen NL</span>' in html
    assert "No job fair is planned at the moment." not in html
    # The index, only in Dutch, is linked as Dutch.
    assert f'href="{index.url}" hreflang="nl"' in html


def test_block_has_a_preview(home):
    block = NextJobFairBlock()
    assert block.is_previewable
    assert block.get_preview_value()["heading"] == ""
