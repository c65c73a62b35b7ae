"""StreamField blocks that other apps' pages can use."""

from django.conf import settings
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from goedwerk.localization import fallback
from goedwerk.localization.bulk import per_request
from goedwerk.pages import public_condition
from goedwerk.routing import chrome


def _language(locale) -> str:
    return locale.language_code if locale is not None else get_language() or settings.LANGUAGE_CODE


def _in_chain(queryset, language):
    """``queryset`` limited to the languages of ``language``'s fallback chain, each row with
    ``chain_rank`` (0 for ``language`` itself) and ``shown_language``."""
    languages = fallback.languages(language)
    return queryset.filter(locale__language_code__in=languages).annotate(
        chain_rank=Case(
            *(When(locale__language_code=code, then=Value(i)) for i, code in enumerate(languages)),
            output_field=IntegerField(),
        ),
        shown_language=F("locale__language_code"),
    )


def next_job_fair(locale=None):
    """The next fair that will take place, in the language of ``locale`` (default: the active
    language), or None. A fair without a translation in that language is found in the first
    language of the fallback chain (goedwerk.localization.fallback) it has, and carries that
    language as ``shown_language``: the block never says that no fair is planned while one is.

    Decided when the block is rendered, never stored: a page showing this block changes by itself
    when a fair has passed. Looked up once per request and language, in one query."""
    language = _language(locale)
    return per_request(("events.next_job_fair", language), lambda: _next_job_fair(language))


def _next_job_fair(language):
    from .models import JobFairPage

    fairs = JobFairPage.objects.live().filter(public_condition()).taking_place().upcoming()
    # Soonest first; of the translations of one fair, the one earliest in the chain.
    return (
        _in_chain(fairs, language)
        .order_by("new_date_pending", "start", "translation_key", "chain_rank")
        .select_related("locale")
        .first()
    )


def job_fair_index(locale=None, request=None):
    """The job fair index in the language of ``locale`` (default: the active language), else in
    the first language of its fallback chain that has one; once per request. On a page the
    router found (goedwerk.routing) it came with the page: no query."""
    from .models.index import JobFairIndexPage

    language = _language(locale)

    def query():
        return per_request(
            ("events.job_fair_index", language),
            lambda: (
                _in_chain(JobFairIndexPage.objects.live().filter(public_condition()), language)
                .order_by("chain_rank", "path")
                .first()
            ),
        )

    found = chrome(request)
    if found is not None and language == get_language():
        return found.linked_page(JobFairIndexPage, query)
    return query()


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
