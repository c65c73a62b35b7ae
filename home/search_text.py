"""The text rules of the site search, in one place: how words compare (case and accents do not
count), how an editor's synonym terms are read and checked, and how the words a query matched
are found and highlighted in a title or an excerpt. Plain functions on strings: no models and
no queries (``home.models.synonyms`` and ``home.search`` use them).

A *part* of a query is one word the visitor typed, or a synonym group one of the group's terms
was found in (a term can be several words: "health insurance"). A text matches a part where one
of the part's terms occurs in it, word by word; a word of the text matches a word of the term
when it is the same or, for terms of three letters or more, starts with it (``registrations``
matches ``registration``, ``BRP-balie`` matches ``BRP``): plurals and compounds, as a reader
sees them. (The search backend decides what is found; this decides what is marked.)
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE, has_control_characters

#: A word: letters and digits (the search index splits on everything else, "_" included).
WORD = re.compile(r"[^\W_]+")
#: A term's words match the start of a longer word from this length on.
PREFIX_LENGTH = 3
#: Limits of a synonym group, so that a query stays small.
MAX_TERMS = 20
MAX_TERM_LENGTH = 100
#: The words of a query that are searched for (the rest is ignored).
MAX_QUERY_WORDS = 10
#: Characters of an excerpt, and how many before the first match it starts.
EXCERPT_LENGTH = 220
EXCERPT_LEAD = 60


def fold(text: str) -> str:
    """``text`` for comparing: lower case, without accents (``Înregistrare`` → ``inregistrare``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, folded."""
    return [fold(word) for word in WORD.findall(unicodedata.normalize("NFC", text))]


def term_key(term: str) -> tuple[str, ...]:
    """What makes two terms the same term: their folded words."""
    return tuple(words(term))


# --- Synonym terms ----------------------------------------------------------------------------


def _items(text: str) -> list[str]:
    """The comma- or line-separated items of ``text``, spaces tidied; blank lines left out, empty
    items between commas kept (as "")."""
    items = []
    for line in text.splitlines():
        if line.strip():
            items.extend(" ".join(item.split()) for item in line.split(","))
    return items


def parse_terms(text: str) -> list[str]:
    """The terms of a synonym group as stored: separated by commas or line breaks."""
    return [item for item in _items(text) if term_key(item)]


def validate_terms(text: str) -> None:
    """Refuse what cannot be a synonym group, each problem once: control characters (the
    project's input rule, ``goedwerk.forms``), empty terms, terms without letters or digits, too
    long, twice in the group, fewer than two or more than ``MAX_TERMS`` terms."""
    if has_control_characters(text):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")
    errors = []
    items = _items(text)
    if "" in items:
        errors.append(
            ValidationError(
                _("A term is empty: remove the extra comma."),
                code="empty_term",
            )
        )
    seen = set()
    terms = []
    for term in (item for item in items if item):
        key = term_key(term)
        if not key:
            errors.append(
                ValidationError(
                    _("“%(term)s” is not a word: a term needs letters or digits."),
                    code="no_word",
                    params={"term": term},
                )
            )
        elif len(term) > MAX_TERM_LENGTH:
            errors.append(
                ValidationError(
                    _("“%(term)s” is too long: a term has at most %(limit)d characters."),
                    code="too_long",
                    params={"term": term[:40] + "…", "limit": MAX_TERM_LENGTH},
                )
            )
        elif key in seen:
            errors.append(
                ValidationError(
                    _("“%(term)s” is in this group twice."),
                    code="twice",
                    params={"term": term},
                )
            )
        else:
            seen.add(key)
            terms.append(term)
    if len(terms) > MAX_TERMS:
        errors.append(
            ValidationError(
                _("A group has at most %(limit)d terms."),
                code="too_many",
                params={"limit": MAX_TERMS},
            )
        )
    if not errors and len(terms) < 2:
        errors.append(
            ValidationError(
                _("Write at least two terms that mean the same, separated by commas."),
                code="too_few",
            )
        )
    if errors:
        raise ValidationError(errors)


# --- Queries and matches ----------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One word of a query, or the synonym group one of its terms was found in: ``terms`` as
    written (for the search backend), ``keys`` their folded words (for finding matches)."""

    terms: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...]


def query_parts(query: str, groups) -> list[Part]:
    """The parts of ``query``: each run of words that is a term of one of ``groups`` (lists of
    terms; the longest term wins) becomes that whole group, every other word itself. At most
    ``MAX_QUERY_WORDS`` words; a part that repeats an earlier one is left out."""
    typed = WORD.findall(unicodedata.normalize("NFC", query))[:MAX_QUERY_WORDS]
    folded = [fold(word) for word in typed]
    index = {}
    for terms in groups:
        part = Part(tuple(terms), tuple(term_key(term) for term in terms))
        for key in part.keys:
            index.setdefault(key, part)
    longest = max((len(key) for key in index), default=0)
    parts = []
    position = 0
    while position < len(folded):
        for size in range(min(longest, len(folded) - position), 0, -1):
            part = index.get(tuple(folded[position : position + size]))
            if part is not None:
                break
        else:
            size = 1
            part = Part((typed[position],), ((folded[position],),))
        if part not in parts:
            parts.append(part)
        position += size
    return parts


def _word_matches(word: str, wanted: str) -> bool:
    return word == wanted or (len(wanted) >= PREFIX_LENGTH and word.startswith(wanted))


def find(text: str, parts: list[Part]) -> list[tuple[int, int, int]]:
    """Where ``parts`` occur in ``text``: (start, end, index of the part), in order, not
    overlapping (the longest term at a place wins)."""
    tokens = [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]
    found = []
    position = 0
    while position < len(tokens):
        best = None
        for number, part in enumerate(parts):
            for key in part.keys:
                size = len(key)
                if (best is None or size > best[0]) and all(
                    position + offset < len(tokens)
                    and _word_matches(tokens[position + offset][0], wanted)
                    for offset, wanted in enumerate(key)
                ):
                    best = (size, number)
        if best is None:
            position += 1
            continue
        size, number = best
        found.append((tokens[position][1], tokens[position + size - 1][2], number))
        position += size
    return found


def parts_matched(text: str, parts: list[Part]) -> int:
    """How many of the query's parts ``text`` (a title) contains."""
    return len({number for _start, _end, number in find(clean(text), parts)})


def clean(text: str) -> str:
    """``text`` on one line, composed (NFC), spaces tidied."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def highlight(text: str, spans) -> SafeString:
    """``text`` escaped, with the ``spans`` (start, end, …) marked: ``<mark>``."""
    html = []
    position = 0
    for start, end, *_rest in spans:
        html.append(escape(text[position:start]))
        html.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    html.append(escape(text[position:]))
    return mark_safe("".join(html))  # noqa: S308 (every piece of text is escaped above)


def _window(text: str, spans) -> SafeString:
    """At most ``EXCERPT_LENGTH`` characters of ``text`` around its first match (from the
    start when there is none), cut between words, "…" where text is left out."""
    start = 0
    if spans and spans[0][0] > EXCERPT_LEAD:
        start = spans[0][0] - EXCERPT_LEAD
        space = text.find(" ", start, spans[0][0])
        start = space + 1 if space >= 0 else spans[0][0]
    end = len(text)
    if end - start > EXCERPT_LENGTH:
        end = start + EXCERPT_LENGTH
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    shown = [
        (span_start - start, span_end - start)
        for span_start, span_end, _number in spans
        if span_start >= start and span_end <= end
    ]
    body = highlight(text[start:end], shown)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))  # noqa: S308


def excerpt(sources, parts: list[Part]) -> SafeString:
    """A short excerpt of the first of ``sources`` (texts, in order of preference) that matches
    ``parts``, the matches marked; the start of the first non-empty one when none matches."""
    first = None
    for source in sources:
        text = clean(source)
        if not text:
            continue
        spans = find(text, parts)
        if spans:
            return _window(text, spans)
        if first is None:
            first = text
    return _window(first, []) if first else mark_safe("")
