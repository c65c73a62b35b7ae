"""The list of job fairs of one language, with its calendar and news feeds."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from goedwerk.pages import OneQueryViewRestrictionsMixin, public_condition

from .. import seo
from .fair import JobFairPage

ARCHIVE_PAGE_SIZE = 10


class JobFairIndexPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """The list of job fairs in one language, with its calendar and news feeds."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences above the list of job fairs."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.JobFairPage"]
    max_count_per_parent = 1

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("show_in_menus"),
    ]

    class Meta:
        verbose_name = _("job fair index")
        verbose_name_plural = _("job fair indexes")

    def fairs(self):
        """The published, public fairs below this page (only this language)."""
        return JobFairPage.objects.child_of(self).live().filter(public_condition())

    def get_context(self, request, *args, **kwargs):
        # "Upcoming" is decided here, at request time: nothing about it is stored or cached.
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        fairs = self.fairs()
        context["upcoming_fairs"] = list(fairs.upcoming(now).with_exhibitors())
        paginator = Paginator(fairs.past(now), ARCHIVE_PAGE_SIZE)
        context["past_fairs"] = paginator.get_page(request.GET.get("page"))
        context["open_graph"] = seo.open_graph(self, request)
        return context

    # Routes: the bodies live in events/views.py.
    @path("ical/", name="ical")
    def ical_feed(self, request):
        from .. import views

        return views.index_calendar(request, self)

    @path("feed/", name="feed")
    def atom_feed(self, request):
        from .. import views

        return views.index_feed(request, self)

    @property
    def ical_url(self) -> str:
        return self.url + self.reverse_subpage("ical")

    @property
    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("feed")
