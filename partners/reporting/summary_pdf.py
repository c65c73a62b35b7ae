"""The PDF of a report's summary (``summary.build_summary``), made on the server with fpdf2.

The text is set in DejaVu Sans, embedded (subset) from ``partners/fonts``: it covers Latin
Extended (Polish, Romanian, Hungarian) and Cyrillic (Bulgarian), and a font shipped with the code
works the same on every machine. fpdf2 writes a ToUnicode map, so the text can be copied and
searched, and read by screen readers that read PDFs.
"""

import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from .summary import ReportSummary, format_datetime

# fontTools reports every font subset at INFO level: keep it out of the site's logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVuSans"
DASH = "\u2013"  # en dash, as in the HTML page
TEXT, MUTED, RULE = (27, 27, 27), (80, 80, 80), (200, 200, 200)


@cache
def _summary_pdf_class():
    """fpdf2 (and fontTools under it) is imported when the first PDF is made, not when the
    portal's URLs are loaded: it is the largest import of a worker's first request."""
    from fpdf import FPDF

    class _SummaryPDF(FPDF):
        footer_text = ""

        def footer(self):
            self.set_y(-14)
            self.set_font(FONT, size=8)
            self.set_text_color(*MUTED)
            page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
            self.cell(0, 6, f"{self.footer_text} · {page}", align="C")

    return _SummaryPDF


def _line(pdf, text: str, *, size=10, bold=False, color=TEXT, height=5.5, gap=0.0):
    from fpdf.enums import XPos, YPos

    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if gap:
        pdf.ln(gap)


def _keep_room(pdf, height: float) -> None:
    """Start a new page rather than leave a heading alone at the bottom of one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _pairs(pdf, rows: list[tuple[str, str]]) -> None:
    pdf.set_font(FONT, size=10)
    pdf.set_text_color(*TEXT)
    pdf.set_draw_color(*RULE)
    with pdf.table(
        col_widths=(3, 2),
        text_align=("LEFT", "LEFT"),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        line_height=5.5,
        padding=1.5,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label)
            row.cell(value)
    pdf.ln(2)


def render_pdf(summary: ReportSummary) -> bytes:
    """The summary as a PDF document, in the active language."""
    organisation, period = summary.organisation, summary.period
    title = _("Report %(name)s") % {"name": period.name}
    pdf = _summary_pdf_class()(format="A4", unit="mm")
    pdf.footer_text = f"{organisation.name} {DASH} {title}"
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{title} {DASH} {organisation.name}")
    pdf.set_author(organisation.name)
    pdf.set_creator(settings.WAGTAIL_SITE_NAME)
    pdf.set_lang(translation.get_language() or settings.LANGUAGE_CODE)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    _line(pdf, title, size=18, bold=True, height=9)
    _line(pdf, organisation.name, size=13, height=7, gap=2)
    meta = [
        (_("Covenant"), summary.covenant_title),
        (
            _("Covers"),
            f"{formats.date_format(period.starts_on, 'DATE_FORMAT')} {DASH} "
            f"{formats.date_format(period.ends_on, 'DATE_FORMAT')}",
        ),
        (_("Status"), summary.status_label),
    ]
    submitted = format_datetime(summary.submitted_at)
    if summary.submitted_by:
        submitted = f"{submitted} ({summary.submitted_by})"
    meta.append((_("Submitted"), submitted))
    if summary.changed_since_submission and summary.updated_at:
        meta.append((_("Last saved"), format_datetime(summary.updated_at)))
    _pairs(pdf, meta)
    _line(pdf, summary.status_note, size=10, color=MUTED, gap=3)

    for commitment in summary.commitments:
        _keep_room(pdf, 30)
        _line(pdf, f"{commitment.number}. {commitment.title}", size=13, bold=True, height=7)
        pdf.ln(1)
        if commitment.not_applicable:
            _line(pdf, _("Not applicable."), bold=True)
            if commitment.explanation:
                _line(pdf, commitment.explanation)
            pdf.ln(2)
        elif commitment.answers:
            _pairs(pdf, [(a.label, a.value or "—") for a in commitment.answers])
        if commitment.notes:
            _line(pdf, _("Notes:"), bold=True)
            _line(pdf, commitment.notes, gap=2)
        pdf.ln(3)

    _keep_room(pdf, 25)
    _line(pdf, _("Evidence"), size=13, bold=True, height=7)
    pdf.ln(1)
    if summary.evidence:
        for item in summary.evidence:
            details = [item.kind]
            if item.commitment:
                details.append(item.commitment)
            if item.valid_until:
                details.append(
                    _("valid until %(date)s")
                    % {"date": formats.date_format(item.valid_until, "DATE_FORMAT")}
                )
            _line(pdf, f"• {item.name} ({', '.join(details)})")
    else:
        _line(pdf, _("No evidence has been added."))
    return bytes(pdf.output())
