"""The last line of the input rule (goedwerk.forms): no text with control characters is saved.

The project's own forms refuse control characters with a translated error and keep what was
typed (``ControlCharactersMixin``). Text also reaches the database through screens the project
does not build: Wagtail's own admin (users, groups, collections, sites, workflows, redirects),
wagtail-localize's translation editor (each segment is saved on its own by an API call, and a PO
upload saves them in bulk) and allauth's internals. On PostgreSQL a NUL byte in any of those is
a server error (text cannot hold it), and the other C0 characters are no better elsewhere.

``strip_before_save`` runs before every model save and takes the control characters (``CONTROL_
CHARACTERS``: C0 except tab, line feed and carriage return) out of each text field of the
instance, and out of the strings of a translation segment, the same way
``strip_control_characters`` treats text that does not come through a form. It never replaces a
form's error: a form of the project has already removed them and said so.
"""

from django.db import models

from goedwerk.forms import CONTROL_CHARACTERS, strip_control_characters

TEXT_FIELDS = (models.CharField, models.TextField)


def strip_before_save(sender, instance, **kwargs) -> None:
    for field in instance._meta.concrete_fields:
        if not isinstance(field, TEXT_FIELDS):
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            setattr(instance, field.attname, strip_control_characters(value))


def connect() -> None:
    """Connected once, for every sender (``HomeConfig.ready``)."""
    models.signals.pre_save.connect(strip_before_save, dispatch_uid="goedwerk.storable")
