"""Merging two members' edits of one draft, answer by answer (pure functions, no database).

An *answer* is one input of the report form, named as the form names it: ``i<indicator>`` for
an indicator, ``c<commitment>_na``, ``c<commitment>_explanation`` and ``c<commitment>_notes``
for a commitment. Its value is compared as text, in the form the form shows it (``"on"`` for a
ticked box, ISO for a valid date, otherwise exactly what was typed; ``""`` for no answer).

The form carries what its editor started from: the report's version and a *base*, a short
fingerprint of every answer as it was stored at that version. When the version moved on in the
meantime, each answer is decided on its own by ``merge``:

* typed == saved: nothing to decide;
* typed == base: the editor did not touch it, so the newer saved value stays;
* saved == base: only the editor changed it, so the typed value is taken;
* otherwise both changed it differently: a conflict, which the editor decides.

A form without a (readable) base cannot tell untouched answers from changed ones, so every answer
that differs from the saved one is then a conflict.

The base is not signed. It only describes the member's own organisation's report, and a forged
base can do no more than make an answer count as "changed by me" and override the saved one,
which the member could do anyway by reloading the form and typing it again.
"""

import hashlib
from dataclasses import dataclass, field

BASE_PREFIX = "1:"  # the format of the base, so that a later format can be told apart
EMPTY = ""
CHECKED = "on"  # a ticked box, as a browser sends it


def fingerprint(text: str) -> str:
    """A short, stable digest of an answer's text (48 bits: collisions are not a concern for
    the handful of answers of one report)."""
    return hashlib.blake2s(text.encode(), digest_size=6).hexdigest()


def encode_base(answers: dict[str, str]) -> str:
    """The hidden field's value: ``1:`` then ``name=fingerprint`` for every answer that is not
    empty, comma-separated and sorted (an answer left out was empty)."""
    return BASE_PREFIX + ",".join(
        f"{name}={fingerprint(text)}" for name, text in sorted(answers.items()) if text != EMPTY
    )


def decode_base(value: str | None) -> dict[str, str] | None:
    """The fingerprints per answer, or None when the base is missing or not readable."""
    if not value or not value.startswith(BASE_PREFIX):
        return None
    base = {}
    for item in value.removeprefix(BASE_PREFIX).split(","):
        if not item:
            continue
        name, sep, digest = item.partition("=")
        if not sep or not name or not digest:
            return None
        base[name] = digest
    return base


def stored_answers(values: dict, responses: dict) -> dict[str, str]:
    """The stored answers as texts, named like the form's inputs: ``values`` and ``responses``
    as ``structure.answers_of`` gives them. Empty answers are left out."""
    answers = {}
    for indicator_id, value in values.items():
        # A valid date is shown as ISO, the only format a date input accepts.
        answers[f"i{indicator_id}"] = (
            value.date.isoformat() if value.is_valid and value.date else value.raw
        )
    for commitment_id, response in responses.items():
        answers[f"c{commitment_id}_na"] = CHECKED if response.not_applicable else EMPTY
        answers[f"c{commitment_id}_explanation"] = response.explanation
        answers[f"c{commitment_id}_notes"] = response.notes
    return {name: text for name, text in answers.items() if text != EMPTY}


def _is_base(base: dict[str, str], name: str, text: str) -> bool:
    digest = base.get(name)
    return text == EMPTY if digest is None else fingerprint(text) == digest


@dataclass
class Merge:
    answers: dict[str, str]  # the merged answers (the typed one where they conflict)
    conflicts: list[str] = field(default_factory=list)  # both changed differently
    kept: list[str] = field(default_factory=list)  # the newer saved value replaced the typed one
    taken: list[str] = field(default_factory=list)  # the typed value replaces the saved one


def merge(typed: dict[str, str], base: dict[str, str] | None, saved: dict[str, str]) -> Merge:
    """Decide every answer of ``typed`` (all the form's answers, empty ones included; an answer
    missing from ``saved`` or ``base`` was empty there)."""
    result = Merge(answers={})
    for name in typed:
        mine, theirs = typed.get(name, EMPTY), saved.get(name, EMPTY)
        if mine == theirs:
            result.answers[name] = mine
        elif base is not None and _is_base(base, name, mine):
            result.answers[name] = theirs
            result.kept.append(name)
        elif base is not None and _is_base(base, name, theirs):
            result.answers[name] = mine
            result.taken.append(name)
        else:
            result.answers[name] = mine
            result.conflicts.append(name)
    return result
