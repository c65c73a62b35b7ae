"""Factories for job fairs (tests and demo helpers)."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import JobFairExhibitor, JobFairIndexPage, JobFairOrganiser, JobFairPage


class JobFairIndexPageFactory(wagtail_factories.PageFactory):
    title = "Banenmarkten"
    slug = "banenmarkten"
    intro = "<p>Vind werk bij goede werkgevers in Rotterdam.</p>"

    class Meta:
        model = JobFairIndexPage


class JobFairPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Banenmarkt {n}")
    intro = "Kom langs, praat met werkgevers en vind werk."
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=21)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
    )
    end = factory.LazyAttribute(lambda obj: obj.start + timedelta(hours=5))
    venue_name = "Centrale Bibliotheek"
    street_address = "Hoogstraat 110"
    postcode = "3011 PV"
    city = "Rotterdam"
    neighbourhood = "Centrum"
    languages_spoken = factory.LazyFunction(lambda: ["nl", "en", "pl"])
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = JobFairPage


class JobFairExhibitorFactory(DjangoModelFactory):
    page = factory.SubFactory(JobFairPageFactory)
    name = "EURES"
    kind = "eures"
    description = ""
    sort_order = factory.Sequence(int)

    class Meta:
        model = JobFairExhibitor


class JobFairOrganiserFactory(DjangoModelFactory):
    page = factory.SubFactory(JobFairPageFactory)
    name = "Gemeente Rotterdam"
    url = "https://www.rotterdam.nl/"
    sort_order = factory.Sequence(int)

    class Meta:
        model = JobFairOrganiser
