"""Editors' groups, the moderation workflow and scheduled publishing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow

from home.factories import CampaignPageFactory
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db


def _user(group_name):
    user = get_user_model().objects.create_user(
        username=f"{group_name.lower()}@example.org",
        email=f"{group_name.lower()}@example.org",
        password="secret-password",
    )
    user.groups.add(Group.objects.get(name=group_name))
    # Editors use the Wagtail admin, which requires a second factor (partners.accounts.policy).
    activate_totp(user)
    return user


def _edit_data(page, **extra):
    return {
        "title": page.title,
        "slug": page.slug,
        "intro": "Nieuwe inleiding voor moderatie.",
        "body-count": "1",
        "body-0-type": "heading",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "7a4a3c4e-1f0e-4a59-9a43-3f7d6b6c1a01",
        "body-0-value-text": "Je rechten",
        "body-0-value-level": "h2",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **extra,
    }


@pytest.fixture
def campaign(home_nl):
    page = CampaignPageFactory(parent=home_nl, title="Werk", slug="werk", intro="Oud.")
    page.save_revision().publish()
    return page


def test_moderation_workflow_is_assigned_to_the_root(campaign):
    workflow = campaign.get_workflow()
    assert workflow == Workflow.objects.get(name="Moderatie")
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Eindredactie"]
    assert workflow.workflow_pages.get().page == Page.get_first_root_node()


def test_redactie_cannot_publish_and_submits_for_moderation(client, campaign):
    editor = _user("Redactie")
    permissions = campaign.permissions_for_user(editor)
    assert permissions.can_edit() and not permissions.can_publish()

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    client.post(url, _edit_data(campaign, **{"action-publish": "1"}))
    campaign.refresh_from_db()
    assert campaign.intro == "Oud."  # publishing was not possible

    client.post(url, _edit_data(campaign, **{"action-submit": "1"}))
    campaign.refresh_from_db()
    assert campaign.intro == "Oud."
    state = campaign.current_workflow_state
    assert state is not None and state.status == "in_progress"


def test_eindredactie_approves_and_publishes(client, campaign):
    client.force_login(_user("Redactie"))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
        _edit_data(campaign, **{"action-submit": "1"}),
    )
    state = Page.objects.get(pk=campaign.pk).current_workflow_state
    task_state = state.current_task_state

    chief = _user("Eindredactie")
    assert campaign.permissions_for_user(chief).can_publish()
    client.force_login(chief)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[campaign.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    campaign.refresh_from_db()
    assert campaign.live and campaign.intro == "Nieuwe inleiding voor moderatie."
    state.refresh_from_db()
    assert state.status == "approved"


def test_publish_scheduled_publishes_pages_whose_time_has_come(campaign):
    campaign.intro = "Gepland."
    revision = campaign.save_revision(
        approved_go_live_at=timezone.now() + datetime.timedelta(hours=1)
    )
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    campaign.refresh_from_db()
    assert campaign.intro == "Oud."

    call_command("publish_scheduled")

    campaign.refresh_from_db()
    assert campaign.intro == "Gepland."
