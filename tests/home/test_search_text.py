"""The search's text rules (home/search_text.py): synonym terms, query parts, matches, excerpts
and highlighting. Plain functions: no database."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.search_text import (
    EXCERPT_LENGTH,
    excerpt,
    find,
    fold,
    parse_terms,
    parts_matched,
    query_parts,
    validate_terms,
)

GROUPS = [
    ["BRP", "inschrijven", "meldunek", "registration"],
    ["zorgverzekering", "health insurance", "asigurare de sănătate"],
]


def _messages(text: str, language: str = "en") -> list[str]:
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            validate_terms(text)
        return [str(message) for message in error.value.messages]


def test_terms_are_separated_by_commas_and_lines():
    assert parse_terms("BRP,  inschrijven\nmeldunek ,registration\n\n") == [
        "BRP",
        "inschrijven",
        "meldunek",
        "registration",
    ]
    validate_terms("BRP, inschrijven\nmeldunek")  # valid: no error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BRP, , meldunek", "A term is empty: remove the extra comma."),
        ("BRP,,meldunek", "A term is empty: remove the extra comma."),
        ("BRP, meldunek,", "A term is empty: remove the extra comma."),
        ("BRP", "Write at least two terms that mean the same, separated by commas."),
        ("", "Write at least two terms that mean the same, separated by commas."),
        ("BRP, brp", "“brp” is in this group twice."),
        ("Înregistrare, inregistrare", "“inregistrare” is in this group twice."),
        ("BRP, --", "“--” is not a word: a term needs letters or digits."),
    ],
)
def test_invalid_groups_are_refused_with_a_message(text, expected):
    assert expected in _messages(text)


def test_control_characters_are_refused_with_the_projects_message():
    assert _messages("BRP, inschrij\x00ven") == [
        "This text contained invisible control characters, which cannot be stored. They have "
        "been removed: check the text and save again."
    ]
    [dutch] = _messages("BRP, inschrij\x07ven", "nl")
    assert dutch.startswith("Deze tekst bevatte onzichtbare stuurtekens")  # translated


def test_too_many_and_too_long_terms_are_refused():
    assert "A group has at most 20 terms." in _messages(", ".join(f"woord{n}" for n in range(21)))
    assert any("too long" in message for message in _messages("BRP, " + "a" * 101))


def test_fold_ignores_case_and_accents():
    assert fold("Înregistrare ŞI Sănătate") == "inregistrare si sanatate"


def test_a_term_of_a_group_brings_the_whole_group():
    parts = query_parts("Meldunek Rotterdam", GROUPS)
    assert [part.terms for part in parts] == [tuple(GROUPS[0]), ("Rotterdam",)]


def test_the_longest_term_wins_and_multi_word_terms_are_found():
    parts = query_parts("health insurance kosten", GROUPS)
    assert parts[0].terms == tuple(GROUPS[1])
    assert parts[1].terms == ("kosten",)
    # Accents typed or not: the same group.
    assert query_parts("asigurare de sanatate", GROUPS)[0].terms == tuple(GROUPS[1])


def test_two_terms_of_one_group_are_one_part():
    assert len(query_parts("BRP inschrijven", GROUPS)) == 1


def test_words_only_are_searched_for():
    assert query_parts("!!! ??? ", GROUPS) == []
    assert [p.terms for p in query_parts('"BRP"/<b>', [])] == [("BRP",), ("b",)]


def test_matches_are_whole_words_or_their_start():
    parts = query_parts("registration", GROUPS)
    text = "Registrations at the BRP-desk, inschrijvenbalie; not inschrijving nor Abrpx."
    found = [text[start:end] for start, end, _part in find(text, parts)]
    assert found == ["Registrations", "BRP", "inschrijvenbalie"]


def test_short_words_match_whole_words_only():
    parts = query_parts("GP", [])
    assert [m[:2] for m in find("GPS or GP", parts)] == [(7, 9)]


def test_titles_count_the_parts_they_contain():
    parts = query_parts("meldunek Rotterdam", GROUPS)
    assert parts_matched("Inschrijven in Rotterdam", parts) == 2
    assert parts_matched("Inschrijven bij de gemeente", parts) == 1
    assert parts_matched("Werk en je rechten", parts) == 0


def test_the_excerpt_escapes_html_and_marks_the_matches():
    parts = query_parts("BRP", GROUPS)
    html = excerpt(['Schrijf je in <script>alert("x")</script> & de BRP.'], parts)
    assert html == (
        "Schrijf je in &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; de <mark>BRP</mark>."
    )
    # A match that is markup-like text itself is escaped inside the mark.
    assert excerpt(["a <BRP> b"], parts) == "a &lt;<mark>BRP</mark>&gt; b"


def test_the_excerpt_comes_from_the_first_text_that_matches():
    parts = query_parts("registration", GROUPS)
    html = excerpt(["", "Een beschrijving zonder treffer.", "Hier: inschrijven."], parts)
    assert html == "Hier: <mark>inschrijven</mark>."
    # Nothing matches (the title did): the start of the first text.
    assert excerpt(["", "Eerste tekst.", "Tweede."], parts) == "Eerste tekst."
    assert excerpt(["", None], parts) == ""


def test_a_long_text_is_cut_around_the_first_match_between_words():
    parts = query_parts("BRP", GROUPS)
    text = " ".join(f"woord{n}" for n in range(40)) + " de BRP " + " ".join(["eind"] * 80)
    html = excerpt([text], parts)
    assert html.startswith("…woord") and html.endswith("…")
    assert "<mark>BRP</mark>" in html
    shown = html.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert len(shown) <= EXCERPT_LENGTH
    assert shown.split()[0] in text.split() and shown.split()[-1] in text.split()
