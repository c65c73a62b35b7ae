"""``nlds_control``: a bound field's widget with its NL Design System class (goedwerk.forms)."""

from django import template

from goedwerk.forms import nlds_widget_class

register = template.Library()


@register.filter
def nlds_control(field):
    css = nlds_widget_class(field)
    if not css:
        return field.as_widget()
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})


_SECONDARY_TAGS = {"secondary", "outline", "link", "cancel", "panel", "provider", "minor"}


@register.filter
def nlds_button_class(tags):
    """The NL Design System button classes for allauth's button tags ("danger", "secondary"…)."""
    tags = set(tags or ())
    css = ["utrecht-button"]
    if tags & _SECONDARY_TAGS:
        css.append("utrecht-button--secondary-action")
    else:
        css.append("utrecht-button--primary-action")
    if "danger" in tags or "delete" in tags:
        css.append("utrecht-button--danger")
    return " ".join(css)
