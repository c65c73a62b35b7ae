"""Demo content of the public site, loaded by `manage.py load_demo`. Idempotent.

Creates the Dutch home page as the site root (replacing Wagtail's welcome page), the campaign
pages, the privacy and accessibility statements, the two info points, English and Polish
translations of all of it (through wagtail-localize, see ``goedwerk.localization.translate``),
translated home pages for the other configured languages, and the demo editors.
"""

import datetime
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from goedwerk.localization.translate import ensure_locale, translate_instance, translate_page
from home import demo_content as content
from home.demo_content import T
from home.demo_pages import assign, publish_if_changed
from home.models import (
    CampaignPage,
    ContentPage,
    HomePage,
    HomePageFeaturedCampaign,
    InfoPoint,
    WalkInHours,
)

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
ID_NAMESPACE = uuid.UUID("0b4f6c57-8a55-4b6a-9f51-5f0c1c6a7d10")


def logins() -> list[tuple[str, str]]:
    return [
        (f"{description} (sets up MFA at first sign-in)", email)
        for email, _name, _group, description in USERS
    ]


def load(*, stdout, password: str) -> None:
    nl = ensure_locale(settings.LANGUAGE_CODE)
    for code, _name in settings.LANGUAGES:
        ensure_locale(code)

    points = {key: _info_point(key, data, nl) for key, data in content.INFO_POINTS.items()}
    home = _home(nl, points)
    campaigns = [_campaign(home, data, points) for data in content.CAMPAIGNS]
    statements = [_content_page(home, data) for data in content.CONTENT_PAGES]
    home = _feature(home, campaigns)

    # Translations: snippets first, so that translated pages point at translated info points;
    # parents before children.
    for language in content.LANGUAGES:
        for key, data in content.INFO_POINTS.items():
            _translate_info_point(points[key], data, language)
        translate_page(home, language, _home_strings(language), strict=True)
        for page, data in zip(campaigns, content.CAMPAIGNS, strict=True):
            translate_page(page, language, _page_strings(data, language), strict=True)
        for page, data in zip(statements, content.CONTENT_PAGES, strict=True):
            translate_page(page, language, _page_strings(data, language), strict=True)
    for language, texts in content.HOME_EXTRA.items():
        if language in dict(settings.LANGUAGES):
            strings = {
                content.HOME["slug"].nl: f"home-{language}",
                content.HOME["title"].nl: texts["title"],
                content.HOME["hero"].nl: texts["hero"],
                content.HOME["intro"].nl: texts["intro"],
            }
            translate_page(home, language, strings, strict=True)

    _users(password)
    stdout.write(
        f"Public site: {len(campaigns)} campaign pages, {len(statements)} statements, "
        f"{len(points)} info points, translated into {', '.join(content.LANGUAGES)}."
    )


# --- Source content ---------------------------------------------------------------------------


def _rich_text(items) -> str:
    html = []
    for item in items:
        if isinstance(item, T):
            html.append(f"<p>{item.nl}</p>")
        else:
            _kind, entries = item
            html.append("<ul>" + "".join(f"<li>{entry.nl}</li>" for entry in entries) + "</ul>")
    return "".join(html)


def _block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


def _items(key: str, index: int, values: list) -> list[dict]:
    """ListBlock items in the block format (with ids), which wagtail-localize needs."""
    return [
        {"type": "item", "value": value, "id": _block_id(key, index, number)}
        for number, value in enumerate(values)
    ]


def _body(key: str, blocks, points) -> list[dict]:
    """StreamField raw data (with stable block ids) for the Dutch source."""
    raw = []
    for index, block in enumerate(blocks):
        kind = block[0]
        if kind == "heading":
            value = {"text": block[1].nl, "level": "h2"}
        elif kind == "paragraph":
            value = _rich_text(block[1])
        elif kind == "key_facts":
            value = {
                "title": block[1].nl,
                "facts": _items(
                    key, index, [{"value": v.nl, "label": label.nl} for v, label in block[2]]
                ),
            }
        elif kind == "steps":
            value = {
                "title": block[1].nl,
                "steps": _items(
                    key, index, [{"title": t.nl, "text": f"<p>{x.nl}</p>"} for t, x in block[2]]
                ),
            }
        elif kind == "faq":
            value = {
                "title": block[1].nl,
                "questions": _items(
                    key,
                    index,
                    [{"question": q.nl, "answer": f"<p>{a.nl}</p>"} for q, a in block[2]],
                ),
            }
        elif kind == "info_point":
            value = {"info_point": points[block[1]].pk, "heading": ""}
        elif kind == "next_job_fair":
            value = {"heading": ""}
        elif kind == "cta":
            kind = "call_to_action"
            value = {
                "text": block[1].nl,
                "description": block[2].nl,
                "page": None,
                "url": block[3],
            }
        else:  # pragma: no cover - a typo in demo_content
            raise ValueError(kind)
        raw.append({"type": kind, "value": value, "id": _block_id(key, index)})
    return raw


def _texts(data) -> list[T]:
    """Every translatable text of a page description, in no particular order."""
    texts = [data["slug"], data["title"]]
    if "intro" in data:
        texts.append(data["intro"])
    for block in data.get("body", []):
        kind = block[0]
        if kind == "heading":
            texts.append(block[1])
        elif kind == "paragraph":
            for item in block[1]:
                texts.extend([item] if isinstance(item, T) else item[1])
        elif kind in {"key_facts", "steps", "faq"}:
            texts.append(block[1])
            for first, second in block[2]:
                texts.extend([first, second])
        elif kind == "cta":
            texts.extend([block[1], block[2]])
    return texts


def _page_strings(data, language: str) -> dict[str, str]:
    return {text.nl: text.get(language) for text in _texts(data) if text.nl}


def _home_strings(language: str) -> dict[str, str]:
    strings = _page_strings(content.HOME, language)
    strings[content.HOME["hero"].nl] = content.HOME["hero"].get(language)
    return strings


def _stream_changed(page: Page, raw: list[dict]) -> bool:
    current = [dict(block) for block in page.body.raw_data]
    return current != raw


def _home(nl: Locale, points) -> HomePage:
    data = content.HOME
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=nl, depth=2).first()
    if home is None:
        # The welcome page of a fresh Wagtail install occupies the slug "home".
        for page in (
            root.get_children()
            .filter(locale=nl)
            .exclude(content_type__model="homepage", content_type__app_label="home")
        ):
            if page.slug == data["slug"].nl:
                Site.objects.filter(root_page=page).update(root_page=root)
                page.delete()
        home = root.add_child(
            instance=HomePage(title=data["title"].nl, slug=data["slug"].nl, locale=nl)
        )
    raw = _body("home", data["body"], points)
    changed = assign(
        home,
        title=data["title"].nl,
        hero_heading=data["hero"].nl,
        intro=f"<p>{data['intro'].nl}</p>",
    )
    if _stream_changed(home, raw):
        home.body = raw
        changed = True
    if changed:
        home.save()
    publish_if_changed(home, changed)

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


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _child_page(home: HomePage, model, data, raw: list[dict], **flags):
    """Create or update one Dutch page below the home page; publish only what changed."""
    page = _child(home, model, data["slug"].nl)
    if page is None:
        page = home.add_child(
            instance=model(
                title=data["title"].nl,
                slug=data["slug"].nl,
                intro=data["intro"].nl,
                body=raw,
                **flags,
            )
        )
        return publish_if_changed(page, True)
    changed = assign(page, title=data["title"].nl, intro=data["intro"].nl, **flags)
    if _stream_changed(page, raw):
        page.body = raw
        changed = True
    if changed:
        page.save()
    return publish_if_changed(page, changed)


def _campaign(home: HomePage, data, points) -> CampaignPage:
    raw = _body(data["key"], data["body"], points)
    return _child_page(home, CampaignPage, data, raw, show_in_menus=True)


def _content_page(home: HomePage, data) -> ContentPage:
    raw = _body(data["slug"].nl, data["body"], {})
    return _child_page(home, ContentPage, data, raw, show_in_footer=True)


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


def _info_point(key: str, data, nl: Locale) -> InfoPoint:
    point = InfoPoint.objects.filter(locale=nl, name=data["name"].nl).first() or InfoPoint(
        locale=nl
    )
    point.name = data["name"].nl
    point.street_address = data["street_address"]
    point.postcode = data["postcode"]
    point.city = "Rotterdam"
    point.neighbourhood = data["neighbourhood"]
    point.phone = data["phone"]
    point.languages = data["languages"].nl
    point.notes = data["notes"].nl
    wanted = [
        (weekday, _time(opens), _time(closes), note.nl)
        for weekday, opens, closes, note in data["hours"]
    ]
    current = (
        [
            (slot.weekday, slot.opens, slot.closes, slot.note)
            for slot in point.walk_in_hours.order_by("sort_order")
        ]
        if point.pk
        else []
    )
    if current != wanted:
        point.walk_in_hours = [
            WalkInHours(weekday=w, opens=o, closes=c, note=n, sort_order=i)
            for i, (w, o, c, n) in enumerate(wanted)
        ]
    point.save()
    return point


def _translate_info_point(point: InfoPoint, data, language: str) -> None:
    texts = [data["name"], data["languages"], data["notes"]] + [hour[3] for hour in data["hours"]]
    strings = {text.nl: text.get(language) for text in texts if text.nl}
    translate_instance(point, language, strings, strict=True)


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
