"""Models of the public site: page types and the info point snippet."""

from .info_points import InfoPoint, WalkInHours
from .pages import CampaignPage, ContentPage, HomePage, HomePageFeaturedCampaign

__all__ = [
    "CampaignPage",
    "ContentPage",
    "HomePage",
    "HomePageFeaturedCampaign",
    "InfoPoint",
    "WalkInHours",
]
