"""The front end's stylesheets, in one place: the NL Design System component CSS the site
vendors (static/vendor/nlds/, copied from node_modules by ``bin/vendor-nlds``), the theme
(design tokens, ``GOEDWERK_THEME_CSS``) and the site's own layout CSS, in the order the
``<head>`` links them.

This module imports nothing from Django at the top, so ``bin/vendor-nlds`` can read the list
of components without settings.
"""

# The @utrecht/*-css components the templates use (package name without "@utrecht/" and "-css").
# Add a component here, run ``bin/vendor-nlds`` and commit static/vendor/nlds/.
NLDS_COMPONENTS = (
    "button",
    "link",
    "alert",
    "table",
    "form-field",
    "form-label",
    "form-field-description",
    "form-field-error-message",
    "form-fieldset",
    "textbox",
    "textarea",
    "select",
    "checkbox",
    "radio-button",
)
# What the public pages' forms (search, the password of a protected page) need; the portal and
# the account pages link every component (``stylesheets(forms=True)``). Keeps public pages
# within the page-weight budget.
NLDS_FORM_ONLY_COMPONENTS = ("form-fieldset", "textarea", "select", "checkbox", "radio-button")
NLDS_PACKAGE_SCOPE = "@utrecht"
NLDS_STATIC_DIR = "vendor/nlds"  # inside site/static/
NLDS_SOURCE_FILE = "dist/index.min.css"  # inside each package


def nlds_static_path(component: str) -> str:
    return f"{NLDS_STATIC_DIR}/{component}.css"


def stylesheets(forms: bool = False) -> list[str]:
    """Static paths of the stylesheets a page links in ``<head>``: components, theme, site.
    Without ``forms`` (public pages) the components only forms of the portal use are left out."""
    from django.conf import settings

    components = [
        name for name in NLDS_COMPONENTS if forms or name not in NLDS_FORM_ONLY_COMPONENTS
    ]
    return [
        *(nlds_static_path(name) for name in components),
        settings.GOEDWERK_THEME_CSS,
        "css/main.css",
    ]
