"""Part of the partner portal's demo content (see partners/demo.py)."""


def load(*, stdout, password: str) -> None:
    """Create or update this part of the demo content."""


def logins() -> list[tuple[str, str]]:
    return []
