"""Template filters for lists of evidence."""

from django import template

register = template.Library()


@register.filter
def current_evidence(items):
    """Only the evidence the partner has not deleted or replaced (the list is already loaded:
    no query)."""
    return [item for item in items if item.is_current]
