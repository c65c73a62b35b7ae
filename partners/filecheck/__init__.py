"""Which evidence files are accepted: decided by their content and structure, never by name or
browser type, and scanned for malware when ClamAV is configured.

``check_evidence_file(uploaded)`` is the one entry point. It returns a ``CheckedFile`` (the real
type, and the file to store) or raises a ValidationError whose code and translated message say
why the file is refused (see ``refusals.MESSAGES``). In order:

1. size: at most ``MAX_EVIDENCE_BYTES``;
2. type by magic bytes (``filetype``): PDF, PNG, JPEG, or a ZIP that must be an OOXML package;
3. structure per type: ``pdf.check_pdf``, ``office.check_office``, ``images.reencode_image``
   (images are stored re-encoded);
4. the original bytes through clamd (``clamav.scan_bytes``), when ``CLAMAV_ADDRESS`` is set.
   Unreachable or erroring: refused ("fail closed").

The request body of the upload is capped before it is read: see ``upload.limit_upload_body``.
"""

import logging
from dataclasses import dataclass

import filetype
from django.core.files.uploadedfile import SimpleUploadedFile

from . import clamav
from .images import reencode_image
from .office import DOCX, XLSX, check_office
from .pdf import check_pdf
from .refusals import MESSAGES, refuse

__all__ = [
    "DOCX",
    "MAX_EVIDENCE_BYTES",
    "MESSAGES",
    "XLSX",
    "CheckedFile",
    "check_evidence_file",
]

logger = logging.getLogger(__name__)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAGIC_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
ZIP_TYPES = {"application/zip", XLSX, DOCX}


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    file: object  # what to store: the upload itself, or its re-encoded copy (images)


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read(MAX_EVIDENCE_BYTES + 1)
    uploaded.seek(0)
    return data


def _scan(data: bytes, name: str) -> None:
    if not clamav.configured_address():
        return
    try:
        found = clamav.scan_bytes(data)
    except clamav.ScannerUnavailable:
        logger.exception("Evidence upload refused: the virus scanner is unavailable")
        raise refuse("scanner_unavailable") from None
    if found:
        logger.warning("Evidence upload refused: clamd found %s in %r", found, name)
        raise refuse("virus")


def check_evidence_file(uploaded) -> CheckedFile:
    """Return what ``uploaded`` really is and what to store, or raise ValidationError. Leaves the
    upload at position 0."""
    if uploaded.size is not None and uploaded.size > MAX_EVIDENCE_BYTES:
        raise refuse("too_large")
    data = _read_all(uploaded)
    if len(data) > MAX_EVIDENCE_BYTES:
        raise refuse("too_large")
    kind = filetype.guess(data[:8192]) if data else None
    if kind is None:
        raise refuse("file_type")
    name = uploaded.name or ""
    stored = uploaded
    if kind.mime == "application/pdf":
        check_pdf(data)
        extension, content_type = "pdf", kind.mime
    elif kind.mime in MAGIC_TYPES:
        extension, content_type = MAGIC_TYPES[kind.mime], kind.mime
        stored = SimpleUploadedFile(name, reencode_image(data, extension), content_type)
    elif kind.mime in ZIP_TYPES:
        detected = check_office(uploaded, name)
        if detected is None:
            raise refuse("file_type")
        extension, content_type = detected
    else:
        raise refuse("file_type")
    _scan(data, name)
    return CheckedFile(extension, content_type, stored)
