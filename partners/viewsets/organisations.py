"""Admin for organisations, members and invitations."""

VIEWSETS: list = []
