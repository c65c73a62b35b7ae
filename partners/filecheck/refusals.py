"""Every reason an evidence file is refused, with the message the partner sees. One place, so the
form, the upload-size guard and the tests all speak the same words."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "file_type": _(
        "This file type is not accepted. Upload a PDF, PNG, JPEG, Excel (.xlsx) or Word "
        "(.docx) file."
    ),
    "too_large": _("The file is larger than 10 MB. Upload a smaller file."),
    "name_mismatch": _(
        "The file's name does not match its content (for example a spreadsheet named .docx). "
        "Save it in the right format and upload it again."
    ),
    "damaged": _("This file is damaged and cannot be checked. Save it again and upload it."),
    "too_complex": _(
        "This file is too complex to check (too many parts, or far too large when unpacked). "
        "Upload a simpler file or a PDF."
    ),
    "macro": _(
        "This file contains macros. Save it without macros (as .docx or .xlsx) and upload it again."
    ),
    "external": _(
        "This file loads content from outside the file (another file, a template or a data "
        "source). Remove these links and upload it again."
    ),
    "embedded": _(
        "This file contains embedded objects or attached files. Remove them and upload it again."
    ),
    "active_content": _(
        "This file contains formulas or fields that open links or run commands (such as "
        "HYPERLINK, WEBSERVICE or DDE). Remove them and upload it again."
    ),
    "pdf_script": _(
        "This PDF contains JavaScript or actions that start programs or open other files. Save "
        "it as a plain PDF (for example with “Print to PDF”) and upload it again."
    ),
    "pdf_encrypted": _(
        "This PDF is protected with a password and cannot be checked. Upload it without the "
        "protection."
    ),
    "polyglot": _(
        "This file is not a plain PDF: other content (for example a web page) is mixed in. Save "
        "it again as PDF and upload it."
    ),
    "image_too_large": _(
        "This image has too many pixels. Upload a smaller image (at most 40 megapixels)."
    ),
    "virus": _("This file contains a virus or other malware and was refused."),
    "scanner_unavailable": _(
        "The virus scanner is unavailable, so files cannot be accepted right now. Try again later."
    ),
}


def refuse(code: str) -> ValidationError:
    """The ValidationError for one refusal reason (``code`` is a key of MESSAGES)."""
    return ValidationError(MESSAGES[code], code=code)
