"""The Wagtail image and document forms with the project's input rule (no control characters in
a title, tags or alt text). Named by WAGTAILIMAGES_IMAGE_FORM_BASE and
WAGTAILDOCS_DOCUMENT_FORM_BASE; imported by Wagtail only when the forms are first built."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from goedwerk.forms import ControlCharactersMixin


class SafeImageForm(ControlCharactersMixin, BaseImageForm):
    pass


class SafeDocumentForm(ControlCharactersMixin, BaseDocumentForm):
    pass
