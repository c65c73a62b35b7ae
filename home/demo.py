"""Demo content of this app, loaded by `manage.py load_demo`. Must be idempotent."""


def load(*, stdout, password: str) -> None:
    """Create or update this app's demo content."""


def logins() -> list[tuple[str, str]]:
    """(description, e-mail address) of the demo accounts this app creates, for `make run`."""
    return []
