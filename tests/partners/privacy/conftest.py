"""Fixtures of the privacy tests: a reviewer (staff with the review permission and MFA), an
organisation with an admin and a reporter, reports with evidence in the private storage."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.models import Locale

from partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StaffUserFactory,
)
from partners.models import Evidence, Membership
from partners.models.reports import private_storage
from tests.signin import activate_totp


@pytest.fixture(autouse=True)
def _locale(db):
    Locale.objects.get_or_create(language_code="nl")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer(db):
    user = StaffUserFactory(email="rita@rotterdam.example", first_name="Rita", last_name="Reviewer")
    group, _ = Group.objects.get_or_create(name="Reviewers")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "review_report", "view_evidence"],
            content_type__app_label__in=["partners", "wagtailadmin"],
        )
    )
    user.groups.add(group)
    activate_totp(user)
    return user


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Alfa Uitzend B.V.", slug="alfa")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Bravo Werk B.V.", slug="bravo")


@pytest.fixture
def org_admin(org):
    user = MembershipFactory(organisation=org, role=Membership.Role.ADMIN).user
    activate_totp(user)
    return user


@pytest.fixture
def reporter(org):
    return MembershipFactory(organisation=org, role=Membership.Role.REPORTER).user


def make_evidence(report, name="verklaring.pdf", content=b"%PDF-1.4 test") -> Evidence:
    stored = private_storage().save(Evidence.new_stored_name("pdf"), ContentFile(content))
    return Evidence.objects.create(
        report=report,
        stored_name=stored,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )


def period_ending(day: date, name: str):
    return ReportingPeriodFactory(
        name=name,
        starts_on=day.replace(month=1, day=1),
        ends_on=day,
        opens_on=day,
        deadline=day,
    )


@pytest.fixture
def report(org):
    return ReportFactory(organisation=org, period=ReportingPeriodFactory(name="2026 H1"))
