"""Which evidence files are accepted: decided by their content, never by name or browser type.

PDF, PNG and JPEG are recognised by their magic bytes (``filetype``). XLSX and DOCX are ZIP
archives: they are accepted only when the archive really holds an ``xl/`` or ``word/`` part.
Everything else (HTML named .pdf, SVG, plain ZIP, executables) is refused.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAGIC_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
ZIP_TYPES = {"application/zip", XLSX, DOCX}


@dataclass(frozen=True)
class DetectedType:
    extension: str
    content_type: str


def _refuse():
    return ValidationError(
        _(
            "This file type is not accepted. Upload a PDF, PNG, JPEG, Excel (.xlsx) or Word "
            "(.docx) file."
        ),
        code="file_type",
    )


def _office_type(uploaded) -> DetectedType | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    has_word = any(name.startswith("word/") for name in names)
    has_xl = any(name.startswith("xl/") for name in names)
    if has_word and not has_xl:
        return DetectedType("docx", DOCX)
    if has_xl and not has_word:
        return DetectedType("xlsx", XLSX)
    return None


def check_evidence_file(uploaded) -> DetectedType:
    """Return the file's real type, or raise ValidationError. Leaves the file at position 0."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head) if head else None
    if kind is None:
        raise _refuse()
    if kind.mime in MAGIC_TYPES:
        return DetectedType(MAGIC_TYPES[kind.mime], kind.mime)
    if kind.mime in ZIP_TYPES:
        detected = _office_type(uploaded)
        if detected is not None:
            return detected
    raise _refuse()
