"""Hostile text in Wagtail's page editor and snippet editor: NUL and other C0 control characters
in a title, a rich text paragraph (Draftail's JSON contentstate, where they arrive escaped as
``\\u0000``) and a StreamField text never give a 5xx. The field shows the translated error, the
form comes back without the characters, nothing with a control character is stored and what was
saved before is unchanged. Run on PostgreSQL too: it refuses NUL in text and in jsonb."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE, has_control_characters
from home.factories import CampaignPageFactory
from home.models import CampaignPage, InfoPoint
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db

with translation.override("en"):
    MESSAGE = str(CONTROL_CHARACTERS_MESSAGE)

#: Typed text with NUL and BEL; in Draftail's JSON the same characters come escaped.
HOSTILE = "Werk\x00 en \x07rechten"
KEPT = "Werk en rechten"


def _contentstate(text: str) -> str:
    """Draftail's hidden input: json.dumps escapes the control characters as \\u0000, \\u0007."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(
        username="eindredactie@example.org",
        email="eindredactie@example.org",
        password="secret-password",
    )
    user.groups.add(Group.objects.get(name="Eindredactie"))
    activate_totp(user)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def campaign(home_nl):
    page = CampaignPageFactory(
        parent=home_nl,
        title="Werk",
        slug="werk",
        intro="Oud.",
        body=[("heading", {"text": "Oude kop", "level": "h2"})],
    )
    page.save_revision().publish()
    return page


def _page_data(title="Werk", heading="Je rechten", paragraph="Gewone tekst.", **extra):
    return {
        "title": title,
        "slug": "werk-nieuw",
        "intro": extra.pop("intro", "Nieuwe inleiding."),
        "body-count": "2",
        "body-0-type": "heading",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "7a4a3c4e-1f0e-4a59-9a43-3f7d6b6c1a01",
        "body-0-value-text": heading,
        "body-0-value-level": "h2",
        "body-1-type": "paragraph",
        "body-1-deleted": "",
        "body-1-order": "1",
        "body-1-id": "7a4a3c4e-1f0e-4a59-9a43-3f7d6b6c1a02",
        "body-1-value": _contentstate(paragraph),
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "1",
        **extra,
    }


#: The doors of the page editor: which field gets the hostile text.
PAGE_FIELDS = {
    "title": {"title": HOSTILE},
    "streamfield text": {"heading": HOSTILE},
    "rich text paragraph": {"paragraph": HOSTILE},
    "intro": {"intro": HOSTILE},
}


def _assert_no_page_stores_control_characters():
    for page in CampaignPage.objects.all():
        assert not has_control_characters(page.title)
        assert not has_control_characters(page.intro)
        assert not has_control_characters(json.dumps(list(page.body.raw_data)))
        revision = page.latest_revision
        if revision is not None:
            assert not has_control_characters(json.dumps(revision.content))
            assert "\\u0000" not in json.dumps(revision.content)


@pytest.mark.parametrize("door", PAGE_FIELDS)
def test_edit_campaign_page(editor, campaign, door):
    with translation.override("en"):
        response = editor.post(
            reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
            _page_data(**PAGE_FIELDS[door]),
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html
    assert "\x00" not in html and "\\u0000" not in html
    campaign.refresh_from_db()
    assert campaign.title == "Werk" and campaign.slug == "werk" and campaign.intro == "Oud."
    assert campaign.body.raw_data[0]["value"]["text"] == "Oude kop"
    _assert_no_page_stores_control_characters()


@pytest.mark.parametrize("door", PAGE_FIELDS)
def test_create_campaign_page(editor, home_nl, door):
    before = CampaignPage.objects.count()
    with translation.override("en"):
        response = editor.post(
            reverse("wagtailadmin_pages:add", args=["home", "campaignpage", home_nl.pk]),
            _page_data(**PAGE_FIELDS[door]),
        )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert CampaignPage.objects.count() == before
    _assert_no_page_stores_control_characters()


def test_clean_page_still_saves(editor, campaign):
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
        _page_data(title="Werk\tin Rotterdam", paragraph="Regel een\nregel twee"),
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Werk\tin Rotterdam"
    assert campaign.body.raw_data[0]["value"]["text"] == "Je rechten"


def _info_point_data(point, slot, **extra):
    data = {
        "name": point.name,
        "street_address": point.street_address,
        "postcode": point.postcode,
        "city": point.city,
        "neighbourhood": point.neighbourhood,
        "phone": point.phone,
        "languages": point.languages,
        "notes": point.notes,
        "walk_in_hours-TOTAL_FORMS": "1",
        "walk_in_hours-INITIAL_FORMS": "1",
        "walk_in_hours-MIN_NUM_FORMS": "0",
        "walk_in_hours-MAX_NUM_FORMS": "1000",
        "walk_in_hours-0-id": str(slot.pk),
        "walk_in_hours-0-weekday": "1",
        "walk_in_hours-0-opens": "09:30",
        "walk_in_hours-0-closes": "12:30",
        "walk_in_hours-0-note": slot.note,
        "walk_in_hours-0-ORDER": "0",
        "walk_in_hours-0-DELETE": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "field", ["name", "notes", "walk_in_hours-0-note"], ids=["name", "notes", "inline row"]
)
def test_edit_info_point_snippet(editor, info_point, field):
    slot = info_point.walk_in_hours.order_by("sort_order").first()
    url = reverse("wagtailsnippets_home_infopoint:edit", args=[info_point.pk])
    response = editor.post(url, _info_point_data(info_point, slot, **{field: HOSTILE}))
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html
    assert f'value="{KEPT}"' in html or f"{KEPT}</textarea>" in html  # the cleaned text
    info_point.refresh_from_db()
    slot.refresh_from_db()
    assert info_point.name == "WIN-punt Zuid" and info_point.notes == ""
    assert slot.note == ""
    for values in InfoPoint.objects.values_list("name", "notes"):
        assert not any(has_control_characters(value) for value in values)


def test_every_page_type_uses_the_safe_form():
    """The rule is set once (HomeConfig.ready); a page type with its own base form must build it
    on safe_page_form()."""
    from wagtail.models import get_page_models

    from goedwerk.forms import ControlCharactersMixin

    for model in get_page_models():
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, ControlCharactersMixin), model


def test_every_project_viewset_and_snippet_uses_the_safe_form():
    """Every snippet and model viewset of the project's apps whose forms edit text builds them
    on safe_admin_model_form() (SafeAdminFormsMixin), and so do their inline rows."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet
    from wagtail.snippets.models import get_snippet_models

    from goedwerk.forms import ControlCharactersMixin

    reverse("wagtailadmin_home")  # the admin's URLs register the viewsets
    project_apps = ("home", "events", "partners")
    checked = []
    model_viewsets = [vs for vs in viewsets.viewsets if isinstance(vs, ModelViewSet)]
    model_viewsets += [model.snippet_viewset for model in get_snippet_models()]
    for viewset in model_viewsets:
        if viewset.model.__module__.split(".")[0] not in project_apps:
            continue
        urls = {pattern.name for pattern in viewset.get_urlpatterns()}
        if not urls & {"add", "edit"}:
            continue  # a read-only viewset (the review of reports)
        form_class = viewset.get_form_class()
        assert issubclass(form_class, ControlCharactersMixin), viewset
        for formset in form_class.formsets.values():
            assert issubclass(formset.form, ControlCharactersMixin), viewset
        checked.append(viewset.model)
    assert InfoPoint in checked and len(checked) >= 5


@pytest.mark.parametrize("kind", ["image", "document"])
def test_image_and_document_titles(client, kind):
    import wagtail_factories
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    superuser = get_user_model().objects.create_superuser(
        username="beheer@example.org", email="beheer@example.org", password="secret-password"
    )
    activate_totp(superuser)
    UserProfile.objects.update_or_create(user=superuser, defaults={"preferred_language": "en"})
    client.force_login(superuser)
    if kind == "image":
        item = wagtail_factories.ImageFactory(title="Informatiepunt")
        url = reverse("wagtailimages:edit", args=[item.pk])
        model = get_image_model()
    else:
        item = wagtail_factories.DocumentFactory(title="Folder")
        url = reverse("wagtaildocs:edit", args=[item.pk])
        model = get_document_model()
    response = client.post(
        url, {"title": HOSTILE, "collection": str(item.collection_id), "tags": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html and f'value="{KEPT}"' in html
    item.refresh_from_db()
    assert item.title in ("Informatiepunt", "Folder")
    for (title,) in model.objects.values_list("title"):
        assert not has_control_characters(title)


def test_the_rule_reads_json_escapes():
    """Escaped control characters in a JSON input are taken out and marked; text that only looks
    like an escape (not JSON, or an escaped backslash) is kept as typed."""
    from django import forms

    from goedwerk.forms import SafeForm

    class Form(SafeForm):
        text = forms.CharField(required=False)

    escaped = _contentstate("a\x00b\x1fc\td")
    form = Form({"text": escaped})
    with translation.override("en"):
        assert not form.is_valid() and form.errors["text"] == [MESSAGE]
    assert json.loads(form.data["text"])["blocks"][0]["text"] == "abc\td"
    for typed in ["see \\u0000 in the manual", json.dumps("a \\u0000 b")]:
        form = Form({"text": typed})
        assert form.is_valid() and form.cleaned_data["text"] == typed
