"""The one rule for text that reaches the project through a form: no control characters.

A NUL byte cannot be stored in PostgreSQL at all (text or jsonb) and the other C0 control
characters (except tab, line feed and carriage return) have no business in an answer, a note or a
comment: they come from pasting out of PDFs or from someone probing the site. Every form of the
project inherits ``ControlCharactersMixin`` (through ``SafeForm``, ``SafeModelForm`` or
``safe_admin_model_form()``):

* the bound data is copied with the control characters taken out, so whatever a view or a
  service later reads from ``form.data`` (the portal stores drafts as typed) is storable;
* each field whose input contained them gets a translated error, so the form is redisplayed with
  the cleaned text and the person can check it and save again. Nothing typed is lost and nothing
  answers HTTP 500.

``strip_control_characters`` is the same rule for text that does not come through a form (audit
log data, uploaded file names).
"""

import functools
import json
import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

#: C0 control characters except tab (\x09), line feed (\x0a) and carriage return (\x0d).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

CONTROL_CHARACTERS_MESSAGE = _(
    "This text contained invisible control characters, which cannot be stored. They have been "
    "removed: check the text and save again."
)


#: The same characters as JSON escapes (``\u0000`` … ``\u001f`` but not ``\u0009``,
#: ``\u000a``, ``\u000d``): how Draftail's contentstate and other JSON inputs carry them.
ESCAPED_CONTROL_CHARACTERS = re.compile(r"\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])")


def has_control_characters(value) -> bool:
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


def strip_control_characters(value):
    """``value`` without control characters; anything that is not text is returned as is."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def _strip_decoded(value):
    """A decoded JSON value with the control characters taken out of every key and string."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list):
        return [_strip_decoded(item) for item in value]
    if isinstance(value, dict):
        return {strip_control_characters(k): _strip_decoded(v) for k, v in value.items()}
    return value


def _strip_input(value):
    """One typed value without control characters, also where the value is JSON that carries
    them escaped (a rich text editor's contentstate, a StreamField block's JSON); text that
    merely looks like an escape but is not JSON is kept as typed."""
    value = strip_control_characters(value)
    if isinstance(value, str) and ESCAPED_CONTROL_CHARACTERS.search(value):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        stripped = _strip_decoded(decoded)
        if stripped != decoded:
            return json.dumps(stripped, ensure_ascii=False)
    return value


def _cleaned_data_copy(data) -> tuple[object, set[str]]:
    """A copy of a form's data without control characters, and the keys that had them."""
    dirty: set[str] = set()
    if isinstance(data, MultiValueDict):
        copy = data.copy()
        for key, values in data.lists():
            stripped = [_strip_input(value) for value in values]
            if stripped != values:
                dirty.add(key)
                copy.setlist(key, stripped)
        return copy, dirty
    copy = {}
    for key, value in data.items():
        if isinstance(value, list | tuple):
            stripped = type(value)(_strip_input(item) for item in value)
        else:
            stripped = _strip_input(value)
        if stripped != value:
            dirty.add(key)
        copy[key] = stripped
    return copy, dirty


class ControlCharactersMixin:
    """Take control characters out of a bound form's data and mark the fields that had them."""

    control_characters_message = CONTROL_CHARACTERS_MESSAGE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.control_character_keys: set[str] = set()
        if self.is_bound:
            self.data, self.control_character_keys = _cleaned_data_copy(self.data)

    def _data_keys(self, name: str, field) -> set[str]:
        html_name = self.add_prefix(name)
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            return {f"{html_name}{suffix}" for suffix in widget.widgets_names}
        return {html_name}

    def _field_had_control_characters(self, name: str, field) -> bool:
        """Whether the input of a field contained control characters: its own keys, and for a
        field whose widget posts many keys under its name (a StreamField: ``body-0-value-text``)
        every key that starts with the name and a hyphen."""
        if self._data_keys(name, field) & self.control_character_keys:
            return True
        block_prefix = f"{self.add_prefix(name)}-"
        return any(key.startswith(block_prefix) for key in self.control_character_keys)

    def _clean_fields(self):
        super()._clean_fields()
        if not self.control_character_keys:
            return
        for name, field in self.fields.items():
            if field.disabled or not self._field_had_control_characters(name, field):
                continue
            self.cleaned_data.pop(name, None)
            self._errors[name] = self.error_class(
                [self.control_characters_message], renderer=self.renderer
            )


class SafeForm(ControlCharactersMixin, forms.Form):
    """The base of every plain form of the project."""


class SafeModelForm(ControlCharactersMixin, forms.ModelForm):
    """The base of every model form of the project outside the Wagtail admin."""


@functools.cache
def _safe_admin_metaclass():
    """Wagtail's admin form metaclass, except that the forms of inline panels (the rows of an
    ``InlinePanel``: walk-in hours, featured pages) are built on ``safe_admin_model_form()``."""
    from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass

    class SafeAdminModelFormMetaclass(WagtailAdminModelFormMetaclass):
        @classmethod
        def child_form(cls):
            return safe_admin_model_form()

        def __new__(cls, name, bases, attrs):
            # An InlinePanel whose rows have required fields names its own row form (built on
            # plain WagtailAdminModelForm, for the deferred required fields of drafts).
            meta = attrs.get("Meta")
            formsets = getattr(meta, "formsets", None)
            if isinstance(formsets, dict):
                safe = {}
                for relation, options in formsets.items():
                    form = options.get("form") if isinstance(options, dict) else None
                    if form is not None and not issubclass(form, ControlCharactersMixin):
                        options = {**options, "form": _with_the_rule(form)}
                    safe[relation] = options
                meta.formsets = safe
            return super().__new__(cls, name, bases, attrs)

    return SafeAdminModelFormMetaclass


def _with_the_rule(form_class):
    """A subclass of an admin form class with ``ControlCharactersMixin`` (same metaclass, same
    ``Meta``)."""
    return type(form_class)(
        form_class.__name__, (ControlCharactersMixin, form_class), {"__module__": __name__}
    )


@functools.cache
def safe_admin_model_form():
    """``WagtailAdminModelForm`` with ``ControlCharactersMixin``, made when first needed (Wagtail's
    admin forms cannot be imported before the apps are loaded)."""
    from wagtail.admin.forms import WagtailAdminModelForm

    return _safe_admin_metaclass()(
        "SafeAdminModelForm",
        (ControlCharactersMixin, WagtailAdminModelForm),
        {"__module__": __name__},
    )


@functools.cache
def safe_page_form():
    """``WagtailAdminPageForm`` with ``ControlCharactersMixin``: the base of every page type's
    edit form. ``install_safe_page_form()`` makes it the default of all pages."""
    from wagtail.admin.forms import WagtailAdminPageForm

    return _safe_admin_metaclass()(
        "SafePageForm",
        (ControlCharactersMixin, WagtailAdminPageForm),
        {"__module__": __name__},
    )


def install_safe_page_form():
    """Make ``safe_page_form()`` the form of every page type that does not name its own, in one
    place (``HomeConfig.ready``). Wagtail itself sets ``Page.base_form_class`` the same way
    (``wagtail/admin/panels/page_utils.py``); page types inherit it, and a page type with a
    ``base_form_class`` of its own must build it on ``safe_page_form()`` (a test checks all)."""
    from wagtail.models import Page

    Page.base_form_class = safe_page_form()


class SafeAdminFormsMixin:
    """For the project's Wagtail model and snippet viewsets: their create and edit forms are built
    on ``safe_admin_model_form()`` (unless a panel names its own base form)."""

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler is not None and handler.base_form_class is None:
            handler.base_form_class = safe_admin_model_form()
        return handler


class DateInput(forms.DateInput):
    """A native date picker that shows and reads ISO dates (2026-03-31)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def future_date(value):
    """Clean a date that must lie after today (a new deadline, a resubmit-by date)."""
    if value is not None and value <= timezone.localdate():
        raise forms.ValidationError(_("Choose a date after today."), code="past")
    return value


# --- One rendering of form fields (settings.FORM_RENDERER) ---------------------------------------
#: The NL Design System class of each widget type's control (goedwerk/forms/field.html).
NLDS_WIDGET_CLASSES = {
    "textarea": "utrecht-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "",
    "checkboxselectmultiple": "",
    "clearablefile": "",
    "file": "",
}
NLDS_TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"


def nlds_widget_class(field) -> str:
    """The utrecht-* class(es) a bound field's control gets, plus its invalid state."""
    css = NLDS_WIDGET_CLASSES.get(field.widget_type, NLDS_TEXTBOX_CLASS)
    if css and field.errors:
        css += " " + css.split()[0] + "--invalid"
    return css


class FormRenderer(TemplatesSetting):
    """Every form of the site (portal, accounts, allauth) renders its fields through one
    template, goedwerk/forms/field.html (``{{ field.as_field_group }}``, ``{{ form }}``)."""

    field_template_name = "goedwerk/forms/field.html"
