"""Project configuration of goedwerk (imported as ``goedwerk``; see pyproject.toml)."""
