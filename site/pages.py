"""What every public page type of the project shares: view restrictions in one query.

Wagtail's ``Page.get_view_restrictions`` loads the page's ancestors and then their restrictions
(two queries on every page view, from Wagtail's ``check_view_restrictions`` hook). The ancestors'
paths follow from the page's own path, so one query does: the restrictions on the page and its
ancestors, and for an alias among them those on its source page instead, as in Wagtail. None
when the router (goedwerk.routing) found, with the page itself, that no restriction applies to
it or any of its ancestors (``known_unrestricted``).
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


class OneQueryViewRestrictionsMixin:
    known_unrestricted = False

    def get_view_restrictions(self):
        if self.known_unrestricted:
            return PageViewRestriction.objects.none()
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        pages = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=pages.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=pages.filter(alias_of__isnull=False).values("alias_of"))
        )


def public_condition():
    """Wagtail's ``PageQuerySet.public()`` as a condition inside the same query (Wagtail's own
    costs a query for the view restrictions first): no view restriction on the page or on one of
    its ancestors (a restriction's page path is a prefix of the page's path)."""
    from django.db.models import Exists, F, OuterRef
    from django.db.models.functions import Length, Substr

    return ~Exists(
        PageViewRestriction.objects.annotate(
            prefix=Substr(OuterRef("path"), 1, Length("page__path"))
        ).filter(page__path=F("prefix"))
    )


def content_type_ids(labels) -> list[int]:
    """The content types of the models named by ``labels`` ("app_label.Model"). Named by label,
    so the project package imports no app; Django caches the content types, so this costs no
    query after the first."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models = [apps.get_model(label) for label in labels]
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*models).values())


def footer_content_type_ids() -> list[int]:
    """The content types of the pages every footer links to (``GOEDWERK_FOOTER_PAGE_TYPES``:
    the statements, the coalition's partner list), besides content pages marked "show in
    footer"."""
    from django.conf import settings

    return content_type_ids(settings.GOEDWERK_FOOTER_PAGE_TYPES)


def linked_content_type_ids() -> list[int]:
    """The content types of the pages that pages and blocks link to by type
    (``GOEDWERK_LINKED_PAGE_TYPES``: the job fair index, the partner list): the router loads
    the one below the language's home page with the page (goedwerk.routing)."""
    from django.conf import settings

    return content_type_ids(settings.GOEDWERK_LINKED_PAGE_TYPES)


def footer_condition(prefix: str = "") -> Q:
    """The footer's pages as a condition on ``Page`` (or on a relation named ``prefix``)."""
    return Q(**{f"{prefix}contentpage__show_in_footer": True}) | Q(
        **{f"{prefix}content_type_id__in": footer_content_type_ids()}
    )


def _child_path(model) -> str:
    """The ``select_related`` path from ``Page`` to ``model`` through the parent links
    (``campaignpage``; a page type below another: ``campaignpage__specialpage``)."""
    parts = []
    while model is not Page:
        parent = next(parent for parent in model._meta.parents if issubclass(parent, Page))
        parts.insert(0, model._meta.parents[parent].related_query_name())
        model = parent
    return "__".join(parts)


def specific_in_bulk(queryset) -> dict:
    """The pages of ``queryset`` (of ``Page``) as their specific page types, by ``pk``, in one
    query whatever their number and types: every page type's table is joined (Wagtail's
    ``.specific()`` costs one query per page type). A page whose own row is missing stays a
    plain ``Page``."""
    from django.core.exceptions import ObjectDoesNotExist
    from wagtail.models import get_page_models

    paths = {model: _child_path(model) for model in get_page_models() if model is not Page}
    rows = queryset.select_related(*paths.values())
    pages = {}
    for row in rows:
        page = row
        path = paths.get(row.specific_class)
        try:
            for name in path.split("__") if path else []:
                page = getattr(page, name)
        except ObjectDoesNotExist:  # no row of its own type (a half-deleted page)
            page = row
        pages[row.pk] = page
    return pages
