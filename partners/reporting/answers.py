"""Rules on the answers of a report that involve more than one answer: a part is never larger
than its whole, and the parts of a whole whose parts exclude each other
(``Indicator.parts_add_up``) do not add up to more than the whole. The portal's report form
applies them to what was typed."""


def part_too_large(part: int | None, whole: int | None) -> bool:
    return isinstance(part, int) and isinstance(whole, int) and part > whole


def parts_total_too_large(whole: int | None, parts: list[int | None]) -> int | None:
    """The total of the parts answered, when it is larger than the whole; else None."""
    answered = [part for part in parts if isinstance(part, int)]
    if not isinstance(whole, int) or len(answered) < 2:
        return None
    total = sum(answered)
    return total if total > whole else None
