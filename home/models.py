from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root of each language tree."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, "intro"]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
