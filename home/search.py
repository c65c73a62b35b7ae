"""The site search (README, "Search"), in a fixed number of queries whatever the number of
results: the synonym groups (cached), one search, and the pages shown with their own fields.

1. The query's words are looked up in the editors' synonym groups (``SynonymGroup``): a term of
   a group searches for every term of it (``search_text.query_parts``); the parts are combined
   with AND, a group's terms with OR.
2. One search with Wagtail's backend over the live, public pages of the visitor's language and
   of its fallback languages (``goedwerk.localization.fallback.chain``), in the backend's order
   of relevance, at most ``MAX_RESULTS``.
3. A page whose title contains more of the query ranks higher, the backend's order kept among
   equals: a title match always comes before a match in the body only. (The backends' own
   boosts do not promise that: SQLite's bm25 scores a row's title and body together.)
4. The pages in the visitor's language are the results, ``RESULTS_PER_PAGE`` per page. The
   others are a separate list on the first page: each page once, in the first fallback language
   it was found in, and only when it has no live translation in the visitor's language (that
   translation is the page for this visitor, found or not); by language in the order of the
   chain (English before Dutch), ranked within.
5. The pages shown are loaded as their page types in one query (``specific_in_bulk``) and each
   gets an excerpt of its description or first text with the matches marked.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.utils.translation import get_language_info
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText

from goedwerk.localization.fallback import chain
from goedwerk.pages import public_condition, specific_in_bulk
from home import search_text
from home.models.synonyms import SynonymGroup

RESULTS_PER_PAGE = 10
MAX_RESULTS = 200
MAX_FALLBACK_RESULTS = 10


@dataclass
class Result:
    page: Page
    lang: str
    excerpt: str = ""
    #: The name of the page's language in the visitor's language (results in another language).
    language_name: str = ""


@dataclass
class Search:
    query: str
    #: The paginator's page of the results in the visitor's language (None without a query).
    page: object = None
    results: list[Result] = field(default_factory=list)
    #: Results in the fallback languages (on the first page only).
    fallback: list[Result] = field(default_factory=list)


def backend_query(parts: list[search_text.Part]):
    """Wagtail's search query for ``parts``: every part, and one of each part's terms."""
    combined = []
    for part in parts:
        terms = [PlainText(" ".join(search_text.WORD.findall(term))) for term in part.terms]
        combined.append(terms[0] if len(terms) == 1 else Or(terms))
    return combined[0] if len(combined) == 1 else And(combined)


def _found(parts, language: str, languages: list[str]) -> list[Page]:
    """The live, public pages in ``languages`` that match, in the backend's order, each with
    ``language`` (its language's code) and ``translated`` (whether it has a live translation in
    the visitor's ``language``). One query."""
    # The conditions go into a subquery on the primary key: the search backends only accept
    # filters on their index's filter fields (``id`` is one).
    matching = (
        Page.objects.live()
        .filter(public_condition(), locale__language_code__in=languages)
        .values("pk")
    )
    pages = Page.objects.filter(pk__in=matching).annotate(
        language=F("locale__language_code"),
        translated=Exists(
            Page.objects.live().filter(
                translation_key=OuterRef("translation_key"), locale__language_code=language
            )
        ),
    )
    return list(pages.search(backend_query(parts))[:MAX_RESULTS])


def _by_title(pages: list[Page], parts) -> list[Page]:
    """``pages`` with those whose title contains more of the query's parts first (stable)."""
    return sorted(pages, key=lambda page: -search_text.parts_matched(page.title, parts))


def _fallback(pages: list[Page], languages: list[str]) -> list[Page]:
    """Each page once, in the first of ``languages`` it was found in; none that has a live
    translation in the visitor's language. The first ``MAX_FALLBACK_RESULTS``, by language."""
    order = {code: number for number, code in enumerate(languages)}
    chosen = {}
    for page in pages:
        if page.translated:
            continue
        best = chosen.get(page.translation_key)
        if best is None or order[page.language] < order[best.language]:
            chosen[page.translation_key] = page
    kept = {page.pk for page in chosen.values()}
    # In the order of ``languages`` (English before Dutch), the ranking kept within each.
    shown = sorted((page for page in pages if page.pk in kept), key=lambda p: order[p.language])
    return shown[:MAX_FALLBACK_RESULTS]


def search(query: str, language: str, page_number=None) -> Search:
    """Search for ``query`` in the visitor's ``language`` (see the module's docstring)."""
    outcome = Search(query=query)
    parts = search_text.query_parts(query, SynonymGroup.all_terms())
    fallback_languages = [code for code in chain(language) if code != language]
    found = _found(parts, language, [language, *fallback_languages]) if parts else []
    found = _by_title(found, parts)
    own = [page for page in found if page.language == language]
    outcome.page = Paginator(own, RESULTS_PER_PAGE).get_page(page_number)
    others = []
    if outcome.page.number == 1:
        elsewhere = [page for page in found if page.language != language]
        others = _fallback(elsewhere, fallback_languages)
    shown = [*outcome.page.object_list, *others]
    specific = specific_in_bulk(Page.objects.filter(pk__in=[page.pk for page in shown]))
    names = {}
    for page in others:
        if page.language not in names:
            names[page.language] = language_name(page.language)
    outcome.results = [_result(specific[page.pk], page.language, parts) for page in outcome.page]
    outcome.fallback = [
        _result(specific[page.pk], page.language, parts, names[page.language]) for page in others
    ]
    return outcome


def _result(page: Page, lang: str, parts, language_name: str = "") -> Result:
    return Result(
        page=page,
        lang=lang,
        excerpt=search_text.excerpt(texts(page), parts),
        language_name=language_name,
    )


def language_name(code: str) -> str:
    """The name of a language in the active language (Django's translated names)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


# --- The texts of a page, for its excerpt ---------------------------------------------------


def texts(page: Page):
    """The texts of ``page`` an excerpt is taken from, in order: its search description, then
    the text fields it is searched by (its ``search_fields`` other than the title: introduction,
    body, …). StreamFields are read from their stored data, so no block loads anything."""
    yield page.search_description
    for search_field in type(page).get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:  # a method or property: may cost queries, not read
            continue
        value = getattr(page, model_field.attname, None)
        if not value:
            continue
        if isinstance(model_field, StreamField):
            yield " ".join(_block_texts(model_field.stream_block, list(value.raw_data)))
        elif isinstance(model_field, RichTextField):
            yield get_text_for_indexing(value)
        elif isinstance(model_field, models.CharField | models.TextField):
            yield value


def _block_texts(block, raw):
    """The texts in the stored data ``raw`` of ``block``: headings, texts and rich texts, in
    order; chooser, link and choice blocks have none."""
    if raw is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(raw, str):
            yield get_text_for_indexing(raw)
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        if isinstance(raw, str):
            yield raw
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                yield from _block_texts(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw if isinstance(raw, list) else []:
            in_block_format = (
                isinstance(item, dict)
                and item.get("type") == "item"
                and "id" in item
                and "value" in item
            )
            yield from _block_texts(block.child_block, item["value"] if in_block_format else item)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                yield from _block_texts(block.child_blocks[item["type"]], item.get("value"))
