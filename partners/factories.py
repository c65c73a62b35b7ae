"""Factories for the partner portal's tests (factory-boy).

Accounts side: users with a verified e-mail address, organisations, memberships, invitations.
Other parts of the portal append their own factories below."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .models import Invitation, Membership, Organisation

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test data only


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can sign in with e-mail and password: the e-mail is verified and primary."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        EmailAddress.objects.update_or_create(
            user=self,
            email=self.email,
            defaults={"verified": extracted is not False, "primary": True},
        )


class StaffUserFactory(UserFactory):
    is_staff = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Employer {n} B.V.")
    slug = factory.Sequence(lambda n: f"employer-{n}")
    kvk_number = factory.Sequence(lambda n: f"{90000000 + n:08d}")
    kind = Organisation.Kind.STAFFING_AGENCY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.REPORTER


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation issued through ``Invitation.issue``; the plain token is on ``.token``."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Membership.Role.REPORTER
    invited_by = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        invitation, token = model_class.issue(**kwargs)
        invitation.token = token
        return invitation


# --- Reports side: covenant, commitments, indicators, periods, reports, evidence ----------------
# (owned by the reports helper; see partners/models/covenant.py and partners/models/reports.py)


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


class CovenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Covenant"

    title = factory.Sequence(lambda n: f"Test covenant {n}")
    code = factory.Sequence(lambda n: f"test-covenant-{n}")
    locale = factory.LazyFunction(_default_locale)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Commitment"

    covenant = factory.SubFactory(CovenantFactory)
    locale = factory.SelfAttribute("covenant.locale")
    party = "employer"
    order = factory.Sequence(lambda n: n)
    code = factory.Sequence(lambda n: f"commitment_{n}")
    title = factory.Sequence(lambda n: f"Commitment {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Indicator"

    commitment = factory.SubFactory(CommitmentFactory)
    locale = factory.SelfAttribute("commitment.locale")
    code = factory.Sequence(lambda n: f"indicator_{n}")
    order = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Indicator {n}")
    value_type = "count"
    required = True


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """By default the period that is open now: it started 3 months ago, ends next month."""

    class Meta:
        model = "partners.ReportingPeriod"

    covenant = factory.SubFactory(CovenantFactory)
    name = factory.Sequence(lambda n: f"Period {n}")
    starts_on = factory.LazyFunction(lambda: _today() - _days(90))
    ends_on = factory.LazyFunction(lambda: _today() + _days(30))
    opens_on = factory.LazyFunction(lambda: _today() - _days(10))
    deadline = factory.LazyFunction(lambda: _today() + _days(60))


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft. Move it on with ``report.transition_to(...)``, never by setting the status."""

    class Meta:
        model = "partners.Report"

    organisation = factory.SubFactory(OrganisationFactory)
    period = factory.SubFactory(ReportingPeriodFactory)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _days(n):
    from datetime import timedelta

    return timedelta(days=n)
