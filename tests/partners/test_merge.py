"""The rule that merges two members' edits of a draft, answer by answer (no database)."""

from datetime import date
from types import SimpleNamespace

import pytest

from partners.reporting.merge import (
    decode_base,
    encode_base,
    fingerprint,
    merge,
    stored_answers,
)

# (what the form started from, what I typed, what is saved now) → (outcome, merged answer)
CASES = [
    ("10", "10", "10", "same", "10"),  # nobody changed it
    ("10", "10", "20", "kept", "20"),  # only the other changed it: the newer saved value stays
    ("10", "30", "10", "taken", "30"),  # only I changed it: mine is saved
    ("10", "30", "30", "same", "30"),  # both changed it the same way
    ("10", "30", "20", "conflict", "30"),  # both changed it differently: I decide, mine stays
    ("", "30", "", "taken", "30"),  # I answered a new question
    ("", "", "20", "kept", "20"),  # the other answered it: my empty input is not a change
    ("10", "", "10", "taken", ""),  # I emptied it
    ("10", "10", "", "kept", ""),  # the other emptied it
    ("10", "", "20", "conflict", ""),  # I emptied it, the other changed it
    ("", "30", "20", "conflict", "30"),  # both answered a new question differently
]


@pytest.mark.parametrize(("base", "typed", "saved", "outcome", "merged"), CASES)
def test_one_answer(base, typed, saved, outcome, merged):
    result = merge({"i1": typed}, decode_base(encode_base({"i1": base})), {"i1": saved})
    assert result.answers == {"i1": merged}
    decided = {"kept": result.kept, "taken": result.taken, "conflict": result.conflicts}
    for name, names in decided.items():
        assert names == (["i1"] if name == outcome else []), name


def test_answers_are_decided_one_by_one():
    base = decode_base(encode_base({"i1": "1", "i2": "2", "i3": "3", "c4_notes": "n"}))
    typed = {"i1": "1", "i2": "22", "i3": "33", "c4_notes": "n", "c4_na": ""}
    saved = {"i1": "11", "i2": "2", "i3": "300", "c4_notes": "n", "c4_na": "on"}
    result = merge(typed, base, saved)
    assert result.answers == {"i1": "11", "i2": "22", "i3": "33", "c4_notes": "n", "c4_na": "on"}
    assert result.kept == ["i1", "c4_na"]
    assert result.taken == ["i2"]
    assert result.conflicts == ["i3"]


def test_answers_only_saved_are_not_the_forms_business():
    result = merge({"i1": "1"}, decode_base(encode_base({})), {"i1": "1", "i9": "9"})
    assert result.answers == {"i1": "1"}
    assert not (result.kept or result.taken or result.conflicts)


@pytest.mark.parametrize("base", [None, "", "garbage", "1:i1", "1:=abc", "2:i1=abc"])
def test_without_a_readable_base_every_difference_is_a_conflict(base):
    assert decode_base(base) is None
    result = merge({"i1": "1", "i2": "2", "i3": ""}, decode_base(base), {"i1": "1", "i2": "20"})
    assert result.answers == {"i1": "1", "i2": "2", "i3": ""}
    assert result.conflicts == ["i2"]


def test_the_base_is_short_and_leaves_out_empty_answers():
    long_note = "x" * 5000
    encoded = encode_base({"i1": "12", "i2": "", "c3_notes": long_note})
    assert encoded == f"1:c3_notes={fingerprint(long_note)},i1={fingerprint('12')}"
    assert len(fingerprint(long_note)) == 12
    assert decode_base(encoded) == {"i1": fingerprint("12"), "c3_notes": fingerprint(long_note)}
    assert decode_base("1:") == {}


def test_stored_answers_read_like_the_form():
    values = {
        1: SimpleNamespace(raw="15-01-2020", is_valid=True, date=date(2020, 1, 15)),
        2: SimpleNamespace(raw="twelve", is_valid=False, date=None),
        3: SimpleNamespace(raw="", is_valid=True, date=None),
    }
    responses = {
        7: SimpleNamespace(not_applicable=True, explanation="Geen uitzendbureau", notes=""),
        8: SimpleNamespace(not_applicable=False, explanation="", notes="Zie bijlage"),
    }
    assert stored_answers(values, responses) == {
        "i1": "2020-01-15",
        "i2": "twelve",
        "c7_na": "on",
        "c7_explanation": "Geen uitzendbureau",
        "c8_notes": "Zie bijlage",
    }
