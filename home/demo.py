"""Demo content of the public site, loaded by `manage.py load_demo`. Idempotent.

Creates the Dutch home page as the site root (replacing Wagtail's welcome page), the campaign
pages, the info point overview, the privacy and accessibility statements, the two info points,
the search's synonym groups (demo/synonyms.yaml) and the demo editors.
Their texts come from demo/pages/ (Dutch) and demo/locale/<language>/ (PO files, imported
through wagtail-localize, see ``goedwerk.demo``): English and Polish for all of it, a
translated home page for Romanian, Bulgarian and Hungarian.
"""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from goedwerk import demo
from goedwerk.localization.translate import ensure_locale
from home.models import (
    AccessibilityStatementPage,
    CampaignPage,
    HomePage,
    HomePageFeaturedCampaign,
    InfoPoint,
    InfoPointIndexPage,
    PrivacyStatementPage,
    SynonymGroup,
    WalkInHours,
)
from home.models.statements import AUTORITEIT_PERSOONSGEGEVENS_URL
from home.search_text import term_key

USERS = [
    ("beheer@goedwerk.example", "Beheer", None, "Administrator (Wagtail, everything)"),
    ("redactie@goedwerk.example", "Redactie", "Redactie", "Editor (writes, cannot publish)"),
    (
        "eindredactie@goedwerk.example",
        "Eindredactie",
        "Eindredactie",
        "Senior editor (approves, publishes)",
    ),
]


def logins() -> list[tuple[str, str]]:
    return [
        (f"{description} (sets up MFA at first sign-in)", email)
        for email, _name, _group, description in USERS
    ]


# Pages and snippets of the public site, by their key in demo/pages/ (the order of the menu and
# of the featured campaigns).
INFO_POINTS = ["zuid", "west"]
CAMPAIGNS = ["inschrijven", "werk", "wonen", "zorg", "taal"]
# The statements: fixed facts here, texts in demo/pages/statement-<key>.yaml.
ACCESSIBILITY = {
    "status": AccessibilityStatementPage.Status.B,
    "statement_date": datetime.date(2026, 11, 2),
    "standard": "WCAG 2.1 AA (EN 301 549)",
    "evaluation_url": "https://www.toegankelijkheidsverklaring.nl/register",
    "contact_email": "toegankelijkheid@goedwerk.example",
    "complaints_url": "https://www.rotterdam.nl/klacht-indienen",
}
PRIVACY = {
    "privacy_email": "privacy@goedwerk.example",
    "complaint_url": AUTORITEIT_PERSOONSGEGEVENS_URL,
}


def load(*, stdout, password: str) -> None:
    nl = ensure_locale(settings.LANGUAGE_CODE)
    for code, _name in settings.LANGUAGES:
        ensure_locale(code)

    points = {key: _info_point(key, nl) for key in INFO_POINTS}
    home = _home(nl, points)
    campaigns = [_campaign(home, key, points) for key in CAMPAIGNS]
    overview = _overview(home)
    statements = {
        "statement-privacy": _privacy(home),
        "statement-toegankelijkheid": _accessibility(home),
    }
    home = _feature(home, campaigns)

    # Translations: snippets first, so that translated pages point at translated info points;
    # parents before children.
    for key in INFO_POINTS:
        demo.translate(points[key], f"info-point-{key}")
    languages = demo.translate(home, "home")
    for page, key in zip(campaigns, CAMPAIGNS, strict=True):
        demo.translate(page, f"campaign-{key}")
    demo.translate(overview, "info-points")
    for key, page in statements.items():
        demo.translate(page, key)

    synonyms = _synonyms()
    _users(password)
    stdout.write(
        f"Public site: {len(campaigns)} campaign pages, {len(statements)} statements, "
        f"{len(points)} info points, {synonyms} synonym groups, translated into "
        f"{', '.join(languages)}."
    )


# --- Source content ---------------------------------------------------------------------------


def _items(key: str, index: int, values: list) -> list[dict]:
    """ListBlock items in the block format (with ids), which wagtail-localize needs."""
    return [
        {"type": "item", "value": value, "id": demo.stable_id(key, index, number)}
        for number, value in enumerate(values)
    ]


def _body(key: str, blocks: list[dict], points) -> list[dict]:
    """StreamField raw data (with stable block ids) for the Dutch source: each block of a
    source file is a mapping with one key, the block's kind."""
    raw = []
    for index, block in enumerate(blocks):
        ((kind, data),) = block.items()
        if kind == "heading":
            value = {"text": data, "level": "h2"}
        elif kind == "paragraph":
            value = demo.rich_text(data)
        elif kind == "key_facts":
            value = {"title": data["title"], "facts": _items(key, index, data["facts"])}
        elif kind == "steps":
            steps = [
                {"title": step["title"], "text": demo.rich_text(step["text"])}
                for step in data["steps"]
            ]
            value = {"title": data["title"], "steps": _items(key, index, steps)}
        elif kind == "faq":
            questions = [
                {"question": q["question"], "answer": demo.rich_text(q["answer"])}
                for q in data["questions"]
            ]
            value = {"title": data["title"], "questions": _items(key, index, questions)}
        elif kind == "info_point":
            value = {"info_point": points[data].pk, "heading": ""}
        elif kind == "next_job_fair":
            value = {"heading": ""}
        elif kind == "cta":
            kind = "call_to_action"
            value = {
                "text": data["text"],
                "description": data["description"],
                "page": None,
                "url": data["url"],
            }
        else:
            raise ValueError(f"demo/pages/{key}.yaml: unknown block {kind!r}")
        raw.append({"type": kind, "value": value, "id": demo.stable_id(key, index)})
    return raw


def _home(nl: Locale, points) -> HomePage:
    data = demo.source("home")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=nl, depth=2).first()
    if home is None:
        # The welcome page of a fresh Wagtail install occupies the slug "home".
        for page in (
            root.get_children()
            .filter(locale=nl)
            .exclude(content_type__model="homepage", content_type__app_label="home")
        ):
            if page.slug == data["slug"]:
                Site.objects.filter(root_page=page).update(root_page=root)
                page.delete()
        home = root.add_child(instance=HomePage(title=data["title"], slug=data["slug"], locale=nl))
    raw = _body("home", data["body"], points)
    changed = demo.assign(
        home,
        title=data["title"],
        hero_heading=data["hero"],
        intro=demo.rich_text(data["intro"]),
    )
    if demo.stream_changed(home, "body", raw):
        home.body = raw
        changed = True
    if changed:
        home.save()
    demo.publish_if_changed(home, changed)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    # Remove what is left of Wagtail's welcome page.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    return home


def _page_values(data) -> dict:
    return {"title": data["title"], "intro": data["intro"]}


def _campaign(home: HomePage, key: str, points) -> CampaignPage:
    data = demo.source(f"campaign-{key}")
    raw = _body(key, data["body"], points)
    values = {**_page_values(data), "show_in_menus": True}
    return demo.child_page(home, CampaignPage, data["slug"], values, body=raw)


def _overview(home: HomePage) -> InfoPointIndexPage:
    """The info point overview, in the main menu after the campaign pages."""
    data = demo.source("info-points")
    values = {**_page_values(data), "show_in_menus": True}
    return demo.child_page(home, InfoPointIndexPage, data["slug"], values)


def _statement(home: HomePage, model, data: dict, values: dict, streams: dict) -> Page:
    """Create or update the statement ``model`` below ``home`` with the field ``values`` and
    the StreamField raw data ``streams``. A page of another type with the same slug (the free
    text statements of older demo versions, a ContentPage) is removed first, with its
    translations, so the addresses stay the same."""
    slug = data["slug"]
    page = model.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        for old in Page.objects.child_of(home).filter(slug=slug):
            Page.objects.filter(translation_key=old.translation_key).exclude(pk=old.pk).delete()
            old.delete()
        page = home.add_child(instance=model(slug=slug, **values, **streams))
        return demo.publish_if_changed(page, True)
    changed = demo.assign(page, **values)
    for field, raw in streams.items():
        if demo.stream_changed(page, field, raw):
            setattr(page, field, raw)
            changed = True
    if changed:
        page.save()
    return demo.publish_if_changed(page, changed)


def _accessibility(home: HomePage) -> AccessibilityStatementPage:
    key = "statement-toegankelijkheid"
    data = demo.source(key)
    texts = ["title", "intro", "scope", "evaluation_summary", "contact_text", "complaints_text"]
    issues = [
        {
            "type": "issue",
            "value": {
                "issue": item["issue"],
                "measure": item["measure"],
                "planned_date": item.get("planned_date"),
            },
            "id": demo.stable_id(key, "known_issues", number),
        }
        for number, item in enumerate(data["known_issues"])
    ]
    values = {**{name: data[name] for name in texts}, **ACCESSIBILITY}
    return _statement(home, AccessibilityStatementPage, data, values, {"known_issues": issues})


def _privacy(home: HomePage) -> PrivacyStatementPage:
    data = demo.source("statement-privacy")
    sections = [
        "controller",
        "purposes",
        "legal_basis",
        "portal_account_data",
        "retention",
        "rights",
        "cookies",
    ]
    values = {
        "title": data["title"],
        "intro": data["intro"],
        **{name: demo.rich_text(data[name]) for name in sections},
        **PRIVACY,
    }
    return _statement(home, PrivacyStatementPage, data, values, {})


def _feature(home: HomePage, campaigns: list[CampaignPage]) -> HomePage:
    current = list(
        home.featured_campaigns.order_by("sort_order").values_list("campaign_id", flat=True)
    )
    wanted = [page.pk for page in campaigns]
    if current == wanted:
        return home
    home = HomePage.objects.get(pk=home.pk)
    home.featured_campaigns = [
        HomePageFeaturedCampaign(campaign=campaign, sort_order=order)
        for order, campaign in enumerate(campaigns)
    ]
    home.save()
    home.save_revision().publish()
    home.refresh_from_db()
    return home


# --- Info points ------------------------------------------------------------------------------


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _info_point(key: str, nl: Locale) -> InfoPoint:
    data = demo.source(f"info-point-{key}")
    point = InfoPoint.objects.filter(locale=nl, name=data["name"]).first() or InfoPoint(locale=nl)
    point.name = data["name"]
    point.street_address = data["street_address"]
    point.postcode = data["postcode"]
    point.city = "Rotterdam"
    point.neighbourhood = data["neighbourhood"]
    point.phone = data["phone"]
    point.latitude = Decimal(str(data["latitude"]))
    point.longitude = Decimal(str(data["longitude"]))
    point.languages = data["languages"]
    point.notes = data["notes"]
    # The translation keys of the hours appear in the contexts of the PO files: the same on
    # every database.
    wanted = [
        (
            hour["weekday"],
            _time(hour["opens"]),
            _time(hour["closes"]),
            hour.get("note") or "",
            demo.stable_id("info-point", key, "hours", number),
        )
        for number, hour in enumerate(data["hours"])
    ]
    current = (
        [
            (slot.weekday, slot.opens, slot.closes, slot.note, str(slot.translation_key))
            for slot in point.walk_in_hours.order_by("sort_order")
        ]
        if point.pk
        else []
    )
    if current != wanted:
        point.walk_in_hours = [
            WalkInHours(weekday=w, opens=o, closes=c, note=n, sort_order=i, translation_key=k)
            for i, (w, o, c, n, k) in enumerate(wanted)
        ]
    point.save()
    return point


# --- Search synonyms --------------------------------------------------------------------------


def _synonyms() -> int:
    """The synonym groups of demo/synonyms.yaml. Each is matched to the existing group that shares
    a term with it (updated when its terms differ), or added; other groups are left alone."""
    existing = list(SynonymGroup.objects.all())
    wanted = demo.data("synonyms")
    for terms in wanted:
        keys = {term_key(term) for term in terms}
        group = next((g for g in existing if keys & {term_key(term) for term in g.term_list}), None)
        if group is None:
            group = SynonymGroup()
            existing.append(group)
        text = ", ".join(terms)
        if group.terms != text:
            group.terms = text
            group.full_clean()
            group.save()
    return len(wanted)


# --- Users ------------------------------------------------------------------------------------


def _users(password: str) -> None:
    User = get_user_model()
    for email, name, group_name, _description in USERS:
        user = User.objects.filter(username=email).first() or User(username=email)
        user.email = email
        user.first_name = name
        user.is_active = True
        user.is_staff = group_name is None
        user.is_superuser = group_name is None
        user.set_password(password)
        user.save()
        if group_name:
            user.groups.set([Group.objects.get(name=group_name)])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
