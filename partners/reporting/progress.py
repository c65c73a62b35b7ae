"""How far a report is: per commitment whether its saved answers are complete, with the same
rule submission applies (every required indicator answered with a valid value, or the commitment
marked not applicable with an explanation), and whether the current review round asks for changes.

Pure functions over what ``structure.answers_of`` and ``structure.build_sections`` give, so the
portal's report form and a dashboard can share the rule without extra queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .structure import CommitmentSection

COMPLETE = "complete"
INCOMPLETE = "incomplete"
NOT_APPLICABLE = "not_applicable"
HAS_FEEDBACK = "has_feedback"


@dataclass(frozen=True)
class SectionProgress:
    section: CommitmentSection
    status: str  # one of COMPLETE, INCOMPLETE, NOT_APPLICABLE, HAS_FEEDBACK
    done: bool  # its saved answers are complete (or it does not apply, explained)
    invalid: int = 0  # saved answers that are not valid (kept as typed)

    @property
    def prefix(self) -> str:
        return self.section.prefix


@dataclass(frozen=True)
class Progress:
    sections: list[SectionProgress]

    @property
    def done(self) -> int:
        return sum(1 for item in self.sections if item.done)

    @property
    def total(self) -> int:
        return len(self.sections)

    @property
    def complete(self) -> bool:
        return self.done == self.total


def _answered(value) -> bool:
    return value is not None and value.raw.strip() != "" and value.is_valid


def section_done(section: CommitmentSection, values: dict, responses: dict) -> bool:
    """Whether the saved answers of ``section`` would pass submission's completeness check."""
    response = responses.get(section.commitment.pk)
    if response is not None and response.not_applicable:
        return bool(response.explanation.strip())
    return all(
        _answered(values.get(row.indicator.pk)) for row in section.rows if row.indicator.required
    )


def report_progress(
    sections: list[CommitmentSection],
    values: dict,
    responses: dict,
    needs_changes: Iterable[int] = (),
) -> Progress:
    """``values`` and ``responses`` as ``answers_of`` gives them ({commitment or indicator id:
    row}); ``needs_changes``: ids of commitments the current review round asks changes for.
    "Has feedback" wins over the other statuses; "not applicable" needs its explanation."""
    needs_changes = set(needs_changes)
    items = []
    for section in sections:
        done = section_done(section, values, responses)
        response = responses.get(section.commitment.pk)
        if section.commitment.pk in needs_changes:
            status = HAS_FEEDBACK
        elif done and response is not None and response.not_applicable:
            status = NOT_APPLICABLE
        else:
            status = COMPLETE if done else INCOMPLETE
        invalid = sum(
            1
            for row in section.rows
            if (value := values.get(row.indicator.pk)) is not None and not value.is_valid
        )
        items.append(SectionProgress(section=section, status=status, done=done, invalid=invalid))
    return Progress(sections=items)
