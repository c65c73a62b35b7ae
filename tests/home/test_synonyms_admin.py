"""Editors manage the search's synonym groups in the Wagtail admin (Settings → Search synonyms):
add and edit work for "Redactie", invalid input is refused with a translated message, and a
change reaches the search at once (the cached groups are dropped)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE
from home.factories import CampaignPageFactory, SynonymGroupFactory
from home.models import SynonymGroup
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_home_synonymgroup:add")
LIST = reverse("wagtailsnippets_home_synonymgroup:list")


def _edit(group):
    return reverse("wagtailsnippets_home_synonymgroup:edit", args=[group.pk])


def _editor(client, group_name, language="en"):
    user = get_user_model().objects.create_user(
        username=f"{group_name.lower()}@example.org",
        email=f"{group_name.lower()}@example.org",
        password="secret-password",
    )
    user.groups.add(Group.objects.get(name=group_name))
    activate_totp(user)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client.force_login(user)
    return client


@pytest.fixture
def redactie(client):
    return _editor(client, "Redactie")


def _errors(response, language="en") -> list[str]:
    """The field's messages in the editor's language (they are lazy: read after the request,
    they would be in the default language)."""
    form = response.context["form"]
    with translation.override(language):
        return [str(message) for message in form.errors.get("terms", [])]


def test_the_settings_menu_lists_search_synonyms_for_editors(redactie):
    SynonymGroupFactory(terms="BRP, inschrijven, meldunek")
    response = redactie.get(LIST)
    assert response.status_code == 200
    assert "BRP, inschrijven, meldunek" in response.content.decode()
    dashboard = redactie.get(reverse("wagtailadmin_home")).content.decode()
    assert LIST in dashboard  # the menu item (Settings → Search synonyms)


def test_redactie_adds_and_edits_a_group(redactie):
    response = redactie.post(ADD, {"terms": "BRP, inschrijven\nmeldunek, registration"})
    assert response.status_code == 302, _errors(response)
    group = SynonymGroup.objects.get()
    assert group.term_list == ["BRP", "inschrijven", "meldunek", "registration"]
    response = redactie.post(_edit(group), {"terms": "BRP, inschrijven, zameldowanie"})
    assert response.status_code == 302, _errors(response)
    group.refresh_from_db()
    assert group.term_list == ["BRP", "inschrijven", "zameldowanie"]


def test_only_eindredactie_deletes(client):
    group = SynonymGroupFactory()
    delete = reverse("wagtailsnippets_home_synonymgroup:delete", args=[group.pk])
    assert _editor(client, "Redactie").post(delete).status_code in (302, 403)
    assert SynonymGroup.objects.filter(pk=group.pk).exists()
    client.logout()
    assert _editor(client, "Eindredactie").post(delete).status_code == 302
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("BRP, , meldunek", "A term is empty: remove the extra comma."),
        ("BRP", "Write at least two terms that mean the same, separated by commas."),
        ("BRP, meldunek, brp", "“brp” is in this group twice."),
    ],
)
def test_invalid_input_is_refused(redactie, terms, message):
    response = redactie.post(ADD, {"terms": terms})
    assert response.status_code == 200
    assert message in _errors(response)
    assert not SynonymGroup.objects.exists()


def test_control_characters_are_refused_with_the_translated_message(client):
    dutch = _editor(client, "Redactie", language="nl")
    response = dutch.post(ADD, {"terms": "BRP, inschrij\x00ven, meldunek"})
    assert response.status_code == 200
    with translation.override("nl"):
        expected = str(CONTROL_CHARACTERS_MESSAGE)
    assert _errors(response, "nl") == [expected]
    assert expected.startswith("Deze tekst")
    # The form comes back with the text cleaned, and nothing was stored.
    assert response.context["form"].data["terms"] == "BRP, inschrijven, meldunek"
    assert not SynonymGroup.objects.exists()


def test_a_term_belongs_to_one_group(redactie):
    other = SynonymGroupFactory(terms="BRP, inschrijven")
    response = redactie.post(ADD, {"terms": "Inschrijven, meldunek"})
    assert response.status_code == 200
    assert _errors(response) == ["“Inschrijven” is already in another group: BRP, inschrijven."]
    # Editing the group itself keeps its own terms.
    response = redactie.post(_edit(other), {"terms": "BRP, inschrijven, meldunek"})
    assert response.status_code == 302, _errors(response)


def test_an_edited_group_reaches_the_search_at_once(client, redactie, home_nl):
    page = CampaignPageFactory(parent=home_nl, title="Inschrijven in de BRP", slug="brp")
    page.save_revision().publish()
    group = SynonymGroupFactory(terms="BRP, inschrijven")

    def found(query):
        html = client.get("/nl/zoeken/", {"q": query}).content.decode()
        return f'<h2><a href="{page.url}">' in html

    assert not found("meldunek")  # the groups are now cached
    assert redactie.post(_edit(group), {"terms": "BRP, inschrijven, meldunek"}).status_code == 302
    assert found("meldunek")
    group.delete()
    assert not found("meldunek")


def test_the_demo_loads_its_synonym_groups_once_and_keeps_editors_groups():
    from goedwerk import demo as demo_data
    from home import demo

    own = SynonymGroupFactory(terms="huisvesting, housing, mieszkanie")
    assert demo._synonyms() == len(demo_data.data("synonyms"))
    first = sorted(SynonymGroup.objects.values_list("pk", "terms", "updated_at"))
    assert len(first) == len(demo_data.data("synonyms")) + 1
    assert any("meldunek" in terms for _pk, terms, _at in first)
    demo._synonyms()
    assert sorted(SynonymGroup.objects.values_list("pk", "terms", "updated_at")) == first
    own.refresh_from_db()
    assert own.terms == "huisvesting, housing, mieszkanie"
