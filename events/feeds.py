"""Atom feed of the upcoming job fairs of one language (served by the index page)."""

from django.contrib.syndication.views import Feed
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import status


class JobFairFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return obj.title

    def subtitle(self, obj):
        return _("Upcoming job fairs in Rotterdam")

    def link(self, obj):
        return obj.get_full_url(request=self.request)

    def feed_url(self, obj):
        return obj.get_full_url(request=self.request) + obj.reverse_subpage("feed")

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def items(self, obj):
        return list(obj.fairs().upcoming().with_exhibitors())

    def item_title(self, item):
        return status.titled(item)

    def item_description(self, item):
        start = timezone.localtime(item.start)
        when = _("%(date)s, %(time)s") % {
            "date": date_filter(start, "DATE_FORMAT"),
            "time": date_filter(start, "TIME_FORMAT"),
        }
        where = item.online_url if item.is_moved_online else item.location_text
        return f"{when} — {where}. {item.intro}"

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        # Atom requires <updated> on every entry; pages made without publishing have no dates.
        return item.last_published_at or item.first_published_at or timezone.now()
