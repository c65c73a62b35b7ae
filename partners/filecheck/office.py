"""Office Open XML (.docx, .xlsx) checked by its structure.

An OOXML file is a ZIP archive. Before anything is unpacked, the archive's directory must stay
within ``MAX_ENTRIES`` members and ``MAX_UNCOMPRESSED_BYTES`` unpacked (zip bombs, a 60,000-entry
archive renamed .xlsx). Then:

* ``[Content_Types].xml`` (parsed without DTDs or entities, see ``safexml``) decides the type: it
  must declare exactly one main part, a Word document or an Excel workbook. Templates, slides and
  every other kind are refused as not accepted.
* Macros are refused wherever they show: a ``vbaProject.bin``/``vbaData.xml`` member, a
  macro-enabled content type (a .docm renamed .docx declares one), an Excel 4 macro sheet, or a
  macro extension in the file name.
* Embedded and ActiveX objects (``embeddings/``, ``activeX/``, OLE object types, ``altChunk``
  imports) are refused.
* Every relationship with ``TargetMode="External"`` is refused, except a clickable hyperlink to an
  ``http``, ``https`` or ``mailto`` address: an attached template, a linked picture, an external
  workbook, an OLE link or a data connection would make Office fetch something when the file is
  opened. Excel's external-link, connection and query-table parts are refused for the same reason.
* Excel formulas (in every sheet and in defined names) must not call HYPERLINK, WEBSERVICE,
  FILTERXML, IMAGE, RTD, CALL, REGISTER, EXEC or DDE, nor use the ``app|topic`` DDE syntax
  (``=cmd|' /C calc'!A0``). Other formulas (SUM, IF, lookups) are fine.
* Word fields must not be DDE, DDEAUTO, INCLUDETEXT, INCLUDEPICTURE, IMPORT, LINK or MACROBUTTON.
* The file name's extension, when it is an Office one, must match the content.
"""

import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from .refusals import refuse
from .safexml import UnsafeXML, parse

MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 320  # a directory entry is 46 bytes plus its name
MAX_SMALL_PART_BYTES = 5 * 1024 * 1024  # [Content_Types].xml and relationship parts

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAIN_PART_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "docx",
        DOCX,
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ("xlsx", XLSX),
}
OFFICE_EXTENSIONS = {
    *("docx", "dotx", "xlsx", "xltx", "pptx", "potx", "ppsx"),
    *("docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "ppam"),
}
MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "ppam"}

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Word and Excel elements are matched by local name: transitional and strict OOXML spell their
# namespaces differently.

SAFE_EXTERNAL_SCHEMES = ("http://", "https://", "mailto:")
EXTERNAL_DATA_PARTS = ("xl/externallinks/", "xl/connections.xml", "xl/querytables/")
EXTERNAL_DATA_TYPES = ("externallink+xml", "connections+xml", "querytable+xml")

_STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')
_FUNCTION_PREFIX = re.compile(r"_xl(?:fn|udf|ws)\.", re.IGNORECASE)
_DANGEROUS_FUNCTION = re.compile(
    r"(?<![\w.])(?:HYPERLINK|WEBSERVICE|FILTERXML|IMAGE|RTD|CALL|REGISTER(?:\.ID)?|EXEC|DDE"
    r"|DDEAUTO)\s*\(",
    re.IGNORECASE,
)
_DANGEROUS_FIELDS = {
    "DDE",
    "DDEAUTO",
    "INCLUDETEXT",
    "INCLUDEPICTURE",
    "IMPORT",
    "LINK",
    "MACROBUTTON",
}


def dangerous_formula(formula: str) -> bool:
    """Whether an Excel formula (without its leading '=') calls out of the workbook."""
    code = _FUNCTION_PREFIX.sub("", _STRING_LITERAL.sub('""', formula))
    return "|" in code or bool(_DANGEROUS_FUNCTION.search(code))


def dangerous_field(instruction: str) -> bool:
    """Whether a Word field code (e.g. ``DDEAUTO c:\\\\windows\\\\cmd.exe``) runs or fetches."""
    words = instruction.strip().lstrip("\\").split(None, 1)
    return bool(words) and words[0].upper() in _DANGEROUS_FIELDS


@dataclass
class _Package:
    archive: zipfile.ZipFile
    names: list[str]
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)

    def content_type(self, name: str) -> str:
        override = self.overrides.get("/" + name.lower())
        if override is not None:
            return override
        return self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")

    def parse(self, name: str, *, max_bytes: int | None = None, **callbacks) -> None:
        if max_bytes is not None and self.archive.getinfo(name).file_size > max_bytes:
            raise refuse("too_complex")
        with self.archive.open(name) as stream:
            parse(stream, **callbacks)


def _directory_within_limits(uploaded) -> bool:
    """Read the archive's end record (the last bytes) before zipfile parses its directory, so a
    directory of 60,000 entries is refused without building 60,000 objects. The entry count can
    lie, the directory size bounds what zipfile reads."""
    uploaded.seek(0, 2)
    length = uploaded.tell()
    tail_start = max(0, length - (22 + 0xFFFF + 20))
    uploaded.seek(tail_start)
    tail = uploaded.read()
    position = tail.rfind(b"PK\x05\x06")
    if position == -1 or len(tail) - position < 22:
        return True  # no end record: zipfile will refuse it as no archive
    entries, directory_size = struct.unpack("<10xHL", tail[position : position + 16])
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:  # ZIP64: look up the real numbers
        locator = tail[position - 20 : position]
        if len(locator) == 20 and locator.startswith(b"PK\x06\x07"):
            (record_offset,) = struct.unpack("<8xQ4x", locator)
            uploaded.seek(record_offset)
            record = uploaded.read(56)
            if len(record) == 56 and record.startswith(b"PK\x06\x06"):
                entries, directory_size = struct.unpack("<32xQQ8x", record)
    return entries <= MAX_ENTRIES and directory_size <= MAX_DIRECTORY_BYTES


def _open(uploaded) -> zipfile.ZipFile | None:
    if not _directory_within_limits(uploaded):
        raise refuse("too_complex")
    uploaded.seek(0)
    try:
        return zipfile.ZipFile(uploaded)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None


def _check_directory(archive: zipfile.ZipFile) -> list[str]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise refuse("too_complex")
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise refuse("too_complex")
    names = [info.filename for info in infos]
    if len({name.lower() for name in names}) != len(names):
        raise refuse("damaged")  # two members with one name: readers disagree which one counts
    if any(info.flag_bits & 0x1 for info in infos):
        raise refuse("damaged")  # encrypted members cannot be checked
    return names


def _read_content_types(package: _Package) -> None:
    def start(tag, attrs):
        if tag == f"{CT_NS}Default":
            package.defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")
        elif tag == f"{CT_NS}Override":
            package.overrides[attrs.get("PartName", "").lower()] = attrs.get("ContentType", "")

    package.parse("[Content_Types].xml", max_bytes=MAX_SMALL_PART_BYTES, start=start)


def _check_parts(package: _Package) -> tuple[str, str]:
    """Macros and embedded objects by member name and content type; return the main type."""
    declared = set(package.overrides.values()) | set(package.defaults.values())
    lowered = [name.lower() for name in package.names]
    if any(posixpath.basename(name) in {"vbaproject.bin", "vbadata.xml"} for name in lowered):
        raise refuse("macro")
    if any("/macrosheets/" in f"/{name}" for name in lowered):
        raise refuse("macro")
    for content_type in declared:
        lowered_type = content_type.lower()
        if "macroenabled" in lowered_type or "vba" in lowered_type or "macrosheet" in lowered_type:
            raise refuse("macro")
    for name in lowered:
        if "/embeddings/" in f"/{name}" or "/activex/" in f"/{name}":
            raise refuse("embedded")
    for content_type in (package.content_type(name) for name in package.names):
        lowered_type = content_type.lower()
        if "activex" in lowered_type or "oleobject" in lowered_type:
            raise refuse("embedded")
    mains = {
        MAIN_PART_TYPES[package.content_type(name)]
        for name in package.names
        if package.content_type(name) in MAIN_PART_TYPES
    }
    if len(mains) != 1:
        raise refuse("file_type")
    return mains.pop()


def _check_relationships(package: _Package) -> None:
    def start(tag, attrs):
        if tag != f"{REL_NS}Relationship":
            return
        kind = attrs.get("Type", "")
        if kind.endswith("/aFChunk"):
            raise refuse("embedded")
        if attrs.get("TargetMode", "").lower() != "external":
            return
        target = attrs.get("Target", "").strip().lower()
        if kind.endswith("/hyperlink") and target.startswith(SAFE_EXTERNAL_SCHEMES):
            return
        raise refuse("external")

    for name in package.names:
        if name.lower().endswith(".rels"):
            package.parse(name, max_bytes=MAX_SMALL_PART_BYTES, start=start)
    for name in package.names:
        content_type = package.content_type(name).lower()
        if name.lower().startswith(EXTERNAL_DATA_PARTS) or any(
            kind in content_type for kind in EXTERNAL_DATA_TYPES
        ):
            raise refuse("external")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attribute(attrs: dict, local_name: str) -> str:
    return next((value for key, value in attrs.items() if _local(key) == local_name), "")


def _xml_parts(package: _Package) -> list[str]:
    """Every XML part (relationship and content-type parts aside), wherever it lives: Office
    finds parts through relationships and content types, so a worksheet need not be under
    ``xl/worksheets/``."""
    return [
        name
        for name in package.names
        if name != "[Content_Types].xml"
        and not name.lower().endswith(".rels")
        and (name.lower().endswith(".xml") or package.content_type(name).lower().endswith("xml"))
    ]


def _collect_text(package: _Package, name: str, elements: set[str], on_item) -> None:
    """Call ``on_item`` with the text of every element with one of the local names in the part."""
    buffer: list[str] | None = None

    def start(tag, attrs):
        nonlocal buffer
        if _local(tag) in elements:
            buffer = []

    def text(data):
        if buffer is not None:
            buffer.append(data)

    def end(tag):
        nonlocal buffer
        if _local(tag) in elements and buffer is not None:
            on_item("".join(buffer))
            buffer = None

    package.parse(name, start=start, end=end, text=text)


def _check_formulas(package: _Package) -> None:
    """Cell formulas (``<f>``, also chart references) and defined names in every XML part."""

    def on_formula(formula):
        if dangerous_formula(formula):
            raise refuse("active_content")

    for name in _xml_parts(package):
        _collect_text(package, name, {"f", "definedName"}, on_formula)


class _FieldCollector:
    """Word field codes of one part: ``<w:fldSimple w:instr>`` and the runs of ``<w:instrText>``,
    one field per ``<w:fldChar w:fldCharType="begin">`` (a code may be split over runs)."""

    def __init__(self):
        self.fields: list[list[str]] = [[]]
        self.in_instruction = False

    def start(self, tag, attrs):
        element = _local(tag)
        if element == "fldSimple" and dangerous_field(_attribute(attrs, "instr")):
            raise refuse("active_content")
        if element == "fldChar" and _attribute(attrs, "fldCharType") == "begin":
            self.fields.append([])
        self.in_instruction = element == "instrText"

    def end(self, tag):
        if _local(tag) == "instrText":
            self.in_instruction = False

    def text(self, data):
        if self.in_instruction:
            self.fields[-1].append(data)

    def dangerous(self) -> bool:
        return any(dangerous_field("".join(parts)) for parts in self.fields)


def _check_fields(package: _Package) -> None:
    for name in _xml_parts(package):
        collector = _FieldCollector()
        package.parse(name, start=collector.start, end=collector.end, text=collector.text)
        if collector.dangerous():
            raise refuse("active_content")


def check_office(uploaded, file_name: str) -> tuple[str, str] | None:
    """Return (extension, content type) of a clean .docx/.xlsx, None when ``uploaded`` is no
    OOXML package at all, or raise the ValidationError saying what is wrong."""
    archive = _open(uploaded)
    if archive is None:
        return None
    try:
        with archive:
            names = _check_directory(archive)
            if "[Content_Types].xml" not in names:
                return None
            package = _Package(archive, names)
            _read_content_types(package)
            extension, content_type = _check_parts(package)
            name_extension = posixpath.splitext(file_name.lower())[1].lstrip(".")
            if name_extension in MACRO_EXTENSIONS:
                raise refuse("macro")
            if name_extension in OFFICE_EXTENSIONS and name_extension != extension:
                raise refuse("name_mismatch")
            _check_relationships(package)
            if extension == "xlsx":
                _check_formulas(package)
            else:
                _check_fields(package)
            return extension, content_type
    except UnsafeXML as error:
        raise refuse("damaged") from error
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as error:
        # A member that does not unpack (bad CRC, unknown compression, truncated data).
        raise refuse("damaged") from error
    finally:
        uploaded.seek(0)
