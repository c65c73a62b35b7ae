"""The demo content's data files and the helpers every app's demo loader shares.

The texts of the demo pages live outside the code, in the folder ``demo/`` at the root of the
repository (see ``demo/README.md``):

- ``demo/pages/<key>.yaml``: the Dutch source of one page or snippet (title, slug, intro, blocks
  with their texts);
- ``demo/locale/<language>/<key>.po``: its translation into one language, in the format of
  wagtail-localize's "Download PO file", imported through wagtail-localize's own PO import
  (:func:`goedwerk.localization.translate.translate_from_po`), the path external translators use.

Structure, facts that are not text (addresses of job fairs, figures) and dates relative to today
stay in the loaders (``home.demo``, ``events.demo``, ``partners.insight.demo``), which build the
Dutch pages with :func:`child_page` and translate them with :func:`translate`. Everything here
is idempotent: a second run with the same files changes nothing, a changed file updates the page.
"""

import uuid
from functools import cache
from pathlib import Path

import polib
import yaml
from django.conf import settings
from django.db.models import Model
from wagtail.models import Locale, Page, Site

from goedwerk.localization.translate import ensure_locale, translate_from_po

DATA_DIR = Path(settings.BASE_DIR) / "demo"
PAGES_DIR = DATA_DIR / "pages"
LOCALE_DIR = DATA_DIR / "locale"

#: Namespace of :func:`stable_id`: changing it changes every context in the PO files.
ID_NAMESPACE = uuid.UUID("0b4f6c57-8a55-4b6a-9f51-5f0c1c6a7d10")


def stable_id(*parts) -> str:
    """The same UUID on every database for the same ``parts``: for StreamField block ids and the
    ``translation_key`` of inline children (walk-in hours, stands), which wagtail-localize uses
    in the contexts (``msgctxt``) of the PO files."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


@cache
def _read_source(path: Path, mtime: float) -> dict:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def source(key: str) -> dict:
    """The Dutch source texts of ``demo/pages/<key>.yaml``."""
    path = PAGES_DIR / f"{key}.yaml"
    return _read_source(path, path.stat().st_mtime)


def data(name: str):
    """A data file at the top of ``demo/`` that is not a page: ``demo/<name>.yaml`` (the search's
    synonym groups, ``synonyms``)."""
    path = DATA_DIR / f"{name}.yaml"
    return _read_source(path, path.stat().st_mtime)


def po_path(key: str, language: str) -> Path:
    return LOCALE_DIR / language / f"{key}.po"


def languages(key: str) -> list[str]:
    """The configured site languages (other than the source) that have a PO file for ``key``,
    in the order of ``settings.LANGUAGES``."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and po_path(key, code).is_file()
    ]


def translate(instance: Model, key: str, *, only: list[str] | None = None) -> list[str]:
    """Import every PO file of ``key`` (or those of the languages in ``only``) into the
    translations of ``instance``; return the languages translated. Translate a parent page
    before its children."""
    done = []
    for language in languages(key):
        if only is not None and language not in only:
            continue
        ensure_locale(language)
        po = polib.pofile(str(po_path(key, language)))
        translate_from_po(instance, language, po, strict=True)
        done.append(language)
    return done


def rich_text(paragraphs: str | list) -> str:
    """HTML for rich text written in a source file: a string is one paragraph; a list holds
    paragraphs (strings) and bullet lists (``{"ul": [item, ...]}``)."""
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    html = []
    for item in paragraphs:
        if isinstance(item, str):
            html.append(f"<p>{item}</p>")
        else:
            html.append("<ul>" + "".join(f"<li>{entry}</li>" for entry in item["ul"]) + "</ul>")
    return "".join(html)


# --- Pages ------------------------------------------------------------------------------------


def dutch_home():
    """The Dutch home page the demo builds under (the default site's root), or None."""
    from home.models import HomePage

    nl = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if nl is None:
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page.locale_id == nl.pk:
        root = site.root_page.specific
        if isinstance(root, HomePage):
            return root
    return HomePage.objects.filter(locale=nl, depth=2).order_by("path").first()


def assign(obj, **values) -> bool:
    """Set the attributes that differ; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def publish_if_changed(page: Page, changed: bool) -> Page:
    """Publish a new revision when ``changed``, or when the page is not live and current."""
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def stream_changed(page: Page, field: str, raw: list[dict]) -> bool:
    return [dict(block) for block in getattr(page, field).raw_data] != raw


def child_page(parent: Page, model, slug: str, values: dict, *, body=None, existing=None):
    """Create or update the Dutch page ``slug`` of type ``model`` below ``parent`` with the
    field ``values`` (and the StreamField raw data ``body``); publish only what changed.
    ``existing`` is the page to update when the caller found it another way."""
    page = existing or model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        extra = {"body": body} if body is not None else {}
        page = parent.add_child(instance=model(slug=slug, **values, **extra))
        return publish_if_changed(page, True)
    changed = assign(page, **values)
    if body is not None and stream_changed(page, "body", body):
        page.body = body
        changed = True
    if changed:
        page.save()
    return publish_if_changed(page, changed)
