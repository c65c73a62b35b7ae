"""Job fairs: the models, one module per kind (imported from here by Django and the rest of
the project, e.g. ``from events.models import JobFairPage``).

- ``index``: JobFairIndexPage, the list of fairs of one language with its calendar and feed;
- ``fair``: JobFairPage and its queryset (upcoming, past, taking place, ...);
- ``stands``: the organisers and stands of a fair (inline models);
- ``calendar``: CalendarSequence, the iCalendar SEQUENCE kept beside the pages.

The status choices live in ``events.status`` with everything that shows a status.
"""

from ..status import JobFairStatus
from .calendar import CalendarSequence
from .fair import RESERVED_SLUGS, JobFairPage, JobFairPageManager, JobFairPageQuerySet
from .index import ARCHIVE_PAGE_SIZE, JobFairIndexPage
from .stands import ExhibitorKind, JobFairExhibitor, JobFairOrganiser

__all__ = [
    "ARCHIVE_PAGE_SIZE",
    "RESERVED_SLUGS",
    "CalendarSequence",
    "ExhibitorKind",
    "JobFairExhibitor",
    "JobFairIndexPage",
    "JobFairOrganiser",
    "JobFairPage",
    "JobFairPageManager",
    "JobFairPageQuerySet",
    "JobFairStatus",
]
