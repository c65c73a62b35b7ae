"""StreamField blocks that other apps' pages can use."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from goedwerk.localization.bulk import active_locale, per_request
from goedwerk.pages import public_condition
from goedwerk.routing import chrome


def next_job_fair(locale=None):
    """The next fair that will take place, in ``locale`` (default: the active one), or None.

    Decided when the block is rendered, never stored: a page showing this block changes by itself
    when a fair has passed. Looked up once per request and language."""
    locale = locale or active_locale()
    if locale is None:
        return None
    return per_request(("events.next_job_fair", locale.pk), lambda: _next_job_fair(locale))


def _next_job_fair(locale):
    from .models import JobFairPage

    return (
        JobFairPage.objects.live()
        .filter(public_condition())
        .filter(locale=locale)
        .taking_place()
        .upcoming()
        .select_related("locale")
        .first()
    )


def job_fair_index(locale=None, request=None):
    """The job fair index in ``locale`` (default: the active one), once per request. On a page
    the router found (goedwerk.routing) it came with the page: no query."""
    from .models.index import JobFairIndexPage

    locale = locale or active_locale()
    if locale is None:
        return None

    def query():
        return (
            JobFairIndexPage.objects.live().filter(public_condition()).filter(locale=locale).first()
        )

    found = chrome(request)
    if found is not None and locale.language_code == get_language():
        return found.linked_page(JobFairIndexPage, query)
    return per_request(("events.job_fair_index", locale.pk), query)


class NextJobFairBlock(blocks.StructBlock):
    """Shows the next job fair in the visitor's language, or says that none is planned."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=100,
        help_text=_("Leave empty for 'Next job fair'."),
    )

    class Meta:
        icon = "date"
        label = _("Next job fair")
        template = "events/blocks/next_job_fair.html"
        description = _(
            "The next job fair in the visitor's language, found automatically; a message when "
            "none is planned."
        )
        preview_value = {"heading": ""}
        # Linked in <head> by {% stylesheets %} (home/templatetags/goedwerk_site.py) on every page
        # whose body has this block: stylesheets belong in <head>, not in a block's HTML.
        stylesheets = ("events/events.css",)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["next_fair"] = next_job_fair()
        request = (parent_context or {}).get("request")
        context["job_fair_index"] = job_fair_index(request=request)
        return context
