"""The front end: NL Design System stylesheets, theme and block CSS linked in <head> only, the
theme chosen by a setting, and one form-field rendering for every form."""

import re

import pytest
from django import forms
from django.test import override_settings
from django.utils import translation

from home.factories import CampaignPageFactory, block

pytestmark = pytest.mark.django_db


def _links(html: str) -> tuple[list[str], list[str]]:
    head, body = html.split("</head>", 1)
    pattern = r'<link rel="stylesheet" href="([^"]+)"'
    return re.findall(pattern, head), re.findall(pattern, body)


def test_components_theme_and_site_css_are_linked_in_the_head(client, home_nl):
    head, body = _links(client.get(home_nl.url).content.decode())
    assert body == []
    assert head[0] == "/static/vendor/nlds/button.css"
    assert head.index("/static/css/theme.css") < head.index("/static/css/main.css")
    assert all(href.startswith("/static/") for href in head)  # nothing from other hosts


def test_a_block_s_stylesheet_goes_into_the_head_once(client, home_nl):
    page = CampaignPageFactory(
        parent=home_nl,
        slug="met-banenmarkt",
        body=[block("next_job_fair", {"heading": ""}), block("next_job_fair", {"heading": "B"})],
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    head, body = _links(html)
    assert body == []
    assert head.count("/static/events/events.css") == 1
    assert 'class="next-job-fair"' in html


def test_another_theme_is_a_setting(client, home_nl):
    with override_settings(GOEDWERK_THEME_CSS="css/main.css"):
        head, _body = _links(client.get(home_nl.url).content.decode())
    assert "/static/css/theme.css" not in head


class _Form(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your ID")
    agree = forms.BooleanField(label="I agree")


def test_every_field_renders_through_the_nlds_field_template():
    with translation.override("en"):
        form = _Form(data={"name": ""})
        form.is_valid()
        html = str(form["name"].as_field_group())
        checkbox = str(form["agree"].as_field_group())
    assert 'class="utrecht-form-field utrecht-form-field--text utrecht-form-field--invalid"' in html
    assert '<label class="utrecht-form-label" for="id_name">Name</label>' in html
    assert 'class="utrecht-form-field-description utrecht-form-field__description"' in html
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid" in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert "utrecht-checkbox utrecht-checkbox--html-input" in checkbox
    assert "utrecht-form-label--checkbox" in checkbox


def test_public_pages_leave_out_the_portal_s_form_components(client, home_nl):
    """Public pages link what their forms (search) need; the account pages every component."""
    public = _links(client.get(home_nl.url).content.decode())[0]
    account = _links(client.get("/nl/account/login/").content.decode())[0]
    assert any(href.endswith("textbox.css") for href in public)
    assert not any(href.endswith(("select.css", "radio-button.css")) for href in public)
    assert any(href.endswith("select.css") for href in account)
    assert any(href.endswith("radio-button.css") for href in account)
