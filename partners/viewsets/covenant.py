"""Admin for the covenant, its commitments, indicators and reporting periods."""

VIEWSETS: list = []
