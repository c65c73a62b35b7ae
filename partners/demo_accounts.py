"""Demo organisations and accounts of the partner portal (see partners/demo.py). Idempotent.

The five employers of the Rotterdam covenant (signed 27 June 2024) and the municipality, each
with one organisation admin and one reporter, plus a programme staff member. KvK numbers start
with 9999 so that they are recognisably made up. MFA is not pre-activated: admins and staff set
up their authenticator app at first sign-in."""

from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Membership, Organisation

COVENANT_SIGNED = date(2024, 6, 27)

ORGANISATIONS = [
    # slug, name, kind, demo KvK number
    ("tempo-team", "Tempo-Team", Organisation.Kind.STAFFING_AGENCY, "99990001"),
    ("vebego-zorg", "Vebego Zorg", Organisation.Kind.EMPLOYER, "99990002"),
    ("network-people", "Network People B.V.", Organisation.Kind.STAFFING_AGENCY, "99990003"),
    ("labour-power-company", "Labour Power Company", Organisation.Kind.STAFFING_AGENCY, "99990004"),
    ("people-21", "People 21", Organisation.Kind.STAFFING_AGENCY, "99990005"),
    ("gemeente-rotterdam", "Gemeente Rotterdam", Organisation.Kind.MUNICIPALITY, "99990006"),
]
STAFF_EMAIL = "programma@gemeente-rotterdam.example"
# Two employers agreed to show their own figures publicly (see the coalition partners page).
PUBLIC_PROFILES = {"tempo-team", "people-21"}


def _user(email: str, password: str, *, first_name: str = "", is_staff: bool = False):
    user, _created = get_user_model().objects.update_or_create(
        username=email,
        defaults={"email": email, "first_name": first_name, "is_staff": is_staff},
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(*, stdout, password: str) -> None:
    for slug, name, kind, kvk in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "kvk_number": kvk,
                "joined_covenant_on": COVENANT_SIGNED,
                "public_profile_consent": slug in PUBLIC_PROFILES,
            },
        )
        for prefix, role in (
            ("admin", Membership.Role.ADMIN),
            ("rapporteur", Membership.Role.REPORTER),
        ):
            user = _user(f"{prefix}@{slug}.example", password)
            Membership.objects.update_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
    staff = _user(STAFF_EMAIL, password, first_name="Programmateam", is_staff=True)
    # The group (made by a migration of partners.review) gives exactly the programme's rights.
    staff.groups.add(*Group.objects.filter(name="Programmateam"))
    stdout.write(f"Partner accounts: {len(ORGANISATIONS)} organisations, admins and reporters.")


def logins() -> list[tuple[str, str]]:
    lines = [
        (
            "Programme staff, Wagtail admin (sets up MFA at first sign-in)",
            STAFF_EMAIL,
        )
    ]
    for slug, name, _kind, _kvk in ORGANISATIONS:
        lines.append(
            (f"{name}: organisation admin (sets up MFA at first sign-in)", f"admin@{slug}.example")
        )
        lines.append((f"{name}: reporter (MFA optional)", f"rapporteur@{slug}.example"))
    return lines
