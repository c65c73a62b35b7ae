"""Tiny but real files for upload tests, made on the spot."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(build=None) -> bytes:
    """A real one-page PDF written by pypdf; ``build(writer)`` may add to it first."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if build is not None:
        build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MINIMAL_PDF = pdf_bytes()


def pdf_file(name="certificaat.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def png_file(name="foto.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 96, 143)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def xlsx_file(name="cijfers.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Werknemers"
    workbook.active["B1"] = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "</Types>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{body}</w:body></w:document>"
)
PARAGRAPH = "<w:p><w:r><w:t>Toelichting bij de rapportage</w:t></w:r></w:p>"


def docx_bytes(*, main=DOCX_MAIN, body=PARAGRAPH, extra=None, content_types=None):
    """A real (minimal) Word document; ``extra`` adds or replaces members by name."""
    members = {
        "[Content_Types].xml": content_types or DOCX_CONTENT_TYPES.format(main=main),
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": DOCUMENT_XML.format(body=body),
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


def docx_file(name="toelichting.docx", **kwargs):
    return SimpleUploadedFile(name, docx_bytes(**kwargs), content_type="application/msword")


def html_as_pdf(name="certificaat.pdf"):
    return SimpleUploadedFile(
        name, b"<!DOCTYPE html><html><script>alert(1)</script></html>", "application/pdf"
    )


def svg_file(name="logo.svg"):
    return SimpleUploadedFile(
        name,
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
    )


def plain_zip(name="archief.xlsx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "nothing office here")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def large_pdf(megabytes=11, name="groot.pdf"):
    return SimpleUploadedFile(
        name, MINIMAL_PDF + b"0" * (megabytes * 1024 * 1024), content_type="application/pdf"
    )
