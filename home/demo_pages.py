"""Small helpers that keep every app's demo loader idempotent: change only what differs, and
publish a page only when something changed (or it is not live yet)."""

from wagtail.models import Page


def assign(obj, **values) -> bool:
    """Set the attributes that differ; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def publish_if_changed(page: Page, changed: bool) -> Page:
    """Publish a new revision when ``changed``, or when the page is not live and current."""
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
