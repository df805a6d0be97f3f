"""PDF (fpdf2) and Word (python-docx) writing shared by the evaluation-document generators.

The content of each document (texts, tables, header strings) stays in its own make_*.py script.
"""
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.shared import Pt
from fpdf import FPDF

# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------

FONT = "helvetica"  # core font: latin-1 only, hence "EUR" and plain dashes in the texts


@dataclass(frozen=True)
class Style:
    """How one kind of block is written: font, line height and the space around it (mm)."""

    size: float
    line: float
    font: str = ""  # "", "B", "I" or "BI"
    before: float = 0  # space above
    after: float = 0  # space below
    indent: float = 0
    keep: float = 0  # start a new page first when less than this is left to the page edge
    label: float = 0  # the text is (label, value); the label goes bold in a column this wide


# The kinds used by the raadsvoorstel PDFs; a script passes its own dict where it differs.
# Besides these, "page" starts a new page, "space" adds the given space (mm) and "table" writes
# a list of rows.
PDF_STYLES = {
    "title": Style(16, 9, "B", after=3),
    "h2": Style(12, 7, "B", before=3, after=1),
    "h3": Style(11, 6, "B", before=1),
    "meta": Style(10, 5.5),
    "cam": Style(10, 5.5, "B"),
    "li": Style(11, 6, indent=5),
    "p": Style(11, 6, after=2),
}


class Pages(FPDF):
    """A4 pages with a grey header line (left text, optionally right text) and page numbers."""

    def __init__(self, header: str, header_right: str | None = None) -> None:
        super().__init__(format="A4")
        self.header_text = header
        self.header_right = header_right

    def header(self) -> None:
        self.set_font(FONT, "I", 8)
        self.set_text_color(90, 90, 90)
        if self.header_right is None:
            self.cell(0, 6, self.header_text, align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_draw_color(150, 150, 150)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(6)
        else:
            self.cell(0, 5, self.header_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
            y = self.get_y() + 1
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.ln(8)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 8, f"Pagina {self.page_no()} van {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def write_block(pdf: FPDF, style: Style, text: Any) -> None:
    if style.keep and pdf.get_y() > pdf.h - style.keep:
        pdf.add_page()
    if style.before:
        pdf.ln(style.before)
    if style.label:
        label, text = text
        pdf.set_font(FONT, "B", style.size)
        pdf.cell(style.label, style.line, label + ":")
    pdf.set_font(FONT, style.font, style.size)
    if style.indent:
        pdf.set_x(pdf.l_margin + style.indent)
    pdf.multi_cell(0, style.line, text, new_x="LMARGIN", new_y="NEXT")
    if style.after:
        pdf.ln(style.after)


def write_table(pdf: FPDF, rows: Sequence[Sequence[str]]) -> None:
    """A grid with the first column 70 mm wide and left-aligned, the others right-aligned."""
    pdf.set_font(FONT, "", 9)
    rest = len(rows[0]) - 1
    with pdf.table(col_widths=[70] + [(pdf.epw - 70) / rest] * rest,
                   text_align=["LEFT"] + ["RIGHT"] * rest, line_height=5.5) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(3)


def write_pdf(out: Path, content: Iterable[tuple[str, Any]], header: str,
              header_right: str | None = None, styles: Mapping[str, Style] = PDF_STYLES) -> None:
    """Write content, a list of (kind, text) blocks, to out as an A4 PDF and report it."""
    pdf = Pages(header, header_right)
    pdf.alias_nb_pages("{nb}")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    for kind, text in content:
        if kind == "page":
            pdf.add_page()
        elif kind == "space":
            pdf.ln(text)
        elif kind == "table":
            write_table(pdf, text)
        else:
            write_block(pdf, styles[kind], text)
    pdf.output(str(out))
    print(f"geschreven: {out} ({pdf.page_no()} pagina's)")


# ---------------------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------------------

HEADING_LEVELS = {"h1": 1, "h2": 2}
# Paragraph styles per kind; "p" and kinds not listed get the Normal style.
DOCX_STYLES = {"li": "List Bullet", "num": "List Number"}


def add_table(d: Any, rows: Sequence[Sequence[str]], bold_header: bool = False) -> None:
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
            if bold_header and r == 0:
                for run in t.cell(r, c).paragraphs[0].runs:
                    run.bold = True


def write_docx(out: Path, title: str, meta: Iterable[str], body: Iterable[tuple[str, Any]],
               styles: Mapping[str, str] = DOCX_STYLES, bold_table_header: bool = False,
               font: tuple[str, float] | None = None) -> None:
    """Write a Word document: a title, one paragraph per meta line, then the (kind, text) body.

    Kinds: "h1"/"h2" headings, "table" (text is a list of rows), others a paragraph in the
    style styles[kind]. font sets the Normal style's font name and size (pt).
    """
    d = docx.Document()
    if font:
        normal = d.styles["Normal"]
        normal.font.name = font[0]
        normal.font.size = Pt(font[1])
    d.add_heading(title, level=0)
    for line in meta:
        d.add_paragraph(line)
    for kind, text in body:
        if kind in HEADING_LEVELS:
            d.add_heading(text, level=HEADING_LEVELS[kind])
        elif kind == "table":
            add_table(d, text, bold_table_header)
        else:
            d.add_paragraph(text, style=styles.get(kind))
    d.save(str(out))
    print(f"geschreven: {out}")
