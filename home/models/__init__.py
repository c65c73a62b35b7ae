"""Models of the public site: page types, the info point snippet, the site settings and the
search's synonym groups."""

from .info_points import InfoPoint, WalkInHours
from .pages import (
    CampaignPage,
    ContentPage,
    HomePage,
    HomePageFeaturedCampaign,
    InfoPointIndexPage,
)
from .site_settings import SiteSettings, SiteTexts
from .statements import AccessibilityStatementPage, PrivacyStatementPage
from .synonyms import SynonymGroup

__all__ = [
    "AccessibilityStatementPage",
    "CampaignPage",
    "ContentPage",
    "HomePage",
    "HomePageFeaturedCampaign",
    "InfoPoint",
    "InfoPointIndexPage",
    "PrivacyStatementPage",
    "SiteSettings",
    "SiteTexts",
    "SynonymGroup",
    "WalkInHours",
]
