"""The demo's data files (demo/pages/*.yaml, demo/locale/<language>/*.po): every PO file fits its
Dutch source, the loaders build each language's pages with the PO files' texts, and a changed PO
file updates the translation through wagtail-localize's PO import."""

import io
import shutil

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringSegment, TranslationSource

from events import demo as events_demo
from goedwerk import demo
from goedwerk.localization.translate import translate_page
from home import demo as home_demo
from home.models import HomePage, InfoPoint
from partners.insight import demo as insight_demo
from partners.insight.models import CoalitionPartnersPage
from partners.models import Organisation

#: Texts shared by several pages, not a page of their own.
NOT_A_PAGE = {"job-fairs-common"}


def _po_files():
    return sorted(demo.LOCALE_DIR.glob("*/*.po"))


def test_every_po_file_belongs_to_a_source_file_and_a_site_language():
    languages = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    keys = {path.stem for path in demo.PAGES_DIR.glob("*.yaml")}
    files = _po_files()
    assert files
    for path in files:
        assert path.parent.name in languages, path
        assert path.stem in keys - NOT_A_PAGE, path
        po = polib.pofile(str(path))
        assert not po.obsolete_entries(), path
        assert "X-WagtailLocalize-TranslationID" not in po.metadata, path
    # The languages the public-languages issue asks for each have their files.
    assert {path.parent.name for path in files} == {"en", "pl", "ro", "bg", "hu"}


def _source_object(key: str, nl: Locale):
    data = demo.source(key)
    if key.startswith("info-point-"):
        return InfoPoint.objects.get(locale=nl, name=data["name"])
    return Page.objects.get(locale=nl, slug=data["slug"]).specific


@pytest.mark.django_db
def test_po_files_match_their_sources_and_the_loaders_use_them():
    # The partners' organisations (as the partners demo makes them), so that their stands at
    # the job fairs are linked, not plain names.
    for slug, name in events_demo.PARTNER_NAMES.items():
        Organisation.objects.create(name=name, slug=slug, kind="staffing_agency")
    for loader in (home_demo, events_demo, insight_demo):
        loader.load(stdout=io.StringIO(), password="x")
    nl = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    keys = sorted({path.stem for path in _po_files()})
    assert len(keys) == len(list(demo.PAGES_DIR.glob("*.yaml"))) - len(NOT_A_PAGE)
    for key in keys:
        instance = _source_object(key, nl)
        source = TranslationSource.objects.get_for_instance(instance)
        segments = set(
            StringSegment.objects.filter(source=source).values_list("context__path", "string__data")
        )
        for language in demo.languages(key):
            po = polib.pofile(str(demo.po_path(key, language)))
            entries = {(entry.msgctxt, entry.msgid) for entry in po}
            # No stale entries, and none missing.
            assert entries == segments, (key, language)

            translated = instance.get_translation(Locale.objects.get(language_code=language))
            field = "name" if isinstance(instance, InfoPoint) else "title"
            wanted = next(entry.msgstr for entry in po if entry.msgctxt == field)
            assert getattr(translated, field) == wanted, (key, language)
            if isinstance(translated, Page):
                assert translated.live, (key, language)

    home = HomePage.objects.get(locale=nl, depth=2)
    polish = Page.objects.get(locale__language_code="pl", slug="meldunek")
    assert polish.title == "Meldunek w gminie (BRP lub RNI)"
    romanian_home = home.get_translation(Locale.objects.get(language_code="ro"))
    assert romanian_home.title == "Bine ați venit în Rotterdam"
    # The home page's blocks are translated too (every segment of ro/home.po has a msgstr).
    assert romanian_home.body.raw_data[0]["value"]["text"] == "Ajutor în limba dumneavoastră"


@pytest.fixture
def dutch_home_with_polish(db):
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Welkom in Rotterdam", slug="home-nl", locale=nl)
    )
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    translate_page(home, "pl", {"home-nl": "home-pl"})
    return home


@pytest.fixture
def demo_copy(tmp_path, monkeypatch):
    """A copy of demo/ that a test may change."""
    copy = tmp_path / "demo"
    shutil.copytree(demo.DATA_DIR, copy)
    monkeypatch.setattr(demo, "PAGES_DIR", copy / "pages")
    monkeypatch.setattr(demo, "LOCALE_DIR", copy / "locale")
    return copy


def _set_msgstr(path, msgctxt: str, msgstr: str):
    po = polib.pofile(str(path))
    next(entry for entry in po if entry.msgctxt == msgctxt).msgstr = msgstr
    po.save(str(path))


def test_a_changed_po_file_updates_the_translation(dutch_home_with_polish, demo_copy):
    insight_demo.load(stdout=io.StringIO(), password="x")
    polish = CoalitionPartnersPage.objects.get(locale__language_code="pl")
    assert polish.title == "Partnerzy koalicji"

    revisions = Revision.objects.count()
    insight_demo.load(stdout=io.StringIO(), password="x")
    assert Revision.objects.count() == revisions  # the same files: nothing changes

    path = demo_copy / "locale" / "pl" / "coalition-partners.po"
    _set_msgstr(path, "title", "Partnerzy naszej koalicji")
    insight_demo.load(stdout=io.StringIO(), password="x")
    polish.refresh_from_db()
    assert polish.title == "Partnerzy naszej koalicji"
    assert polish.live and not polish.has_unpublished_changes
    assert Revision.objects.count() == revisions + 1


def test_a_stale_po_entry_stops_the_loader(dutch_home_with_polish, demo_copy):
    path = demo_copy / "locale" / "pl" / "coalition-partners.po"
    po = polib.pofile(str(path))
    po.append(polib.POEntry(msgctxt="title", msgid="Een oude titel", msgstr="Stary tytuł"))
    po.save(str(path))
    with pytest.raises(ValueError, match="match no segment"):
        insight_demo.load(stdout=io.StringIO(), password="x")
