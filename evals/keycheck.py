"""The checklist items and the text readers shared by the check_keys.py scripts.

Each reader returns the document's text with its whitespace collapsed, as the quotes are matched.
"""
import re
from html.parser import HTMLParser
from pathlib import Path

ITEMS = [
    "problem", "goal", "alternatives",
    "decision", "frameworks", "information", "costs", "ownership",
    "effects", "indicators",
    "privacy", "retention", "groups", "risks",
    "evaluation", "stop", "next-decision", "residents",
]


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_pdf(path: Path) -> str:
    """The text of every page, read with pypdf."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return collapse("\n".join(page.extract_text() or "" for page in reader.pages))


def text_docx(path: Path) -> str:
    """The paragraphs and then the table cells, read with python-docx."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return collapse("\n".join(parts))


# Readers of the later held-out sets (worksheets2-4): text as written, whitespace collapsed by
# the caller; Word paragraphs and cells kept apart by SEP, which no quote holds.
SEP = "\u00b6"


def text_md(path: Path) -> str:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.fullmatch(r"\s*(-{3,}|\*{3,}|_{3,})\s*", line):
            continue                                    # horizontale lijn
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)   # koppen
        line = re.sub(r"^\s*>\s?", "", line)            # citaatblok
        line = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)  # lijsttekens
        line = re.sub(r"^\[\^[^\]]+\]:\s*", "", line)   # voetnootdefinitie
        line = re.sub(r"\[\^[^\]]+\]", "", line)        # voetnootverwijzing
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links en afbeeldingen
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)  # vet
        line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)  # cursief
        line = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"\1", line)
        line = line.replace("`", "")
        out.append(line)
    return "\n".join(out)


class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        self.parts.append(" ")                          # ieder element scheidt woorden

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_html(path: Path) -> str:
    p = _HTMLText()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return "".join(p.parts)


def text_txt(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def text_docx_blocks(path: Path) -> str:
    """Alinea's en tabelcellen in documentvolgorde; een citaat mag niet over grenzen lopen."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    parts = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                for cell in row.cells:
                    parts.append(cell.text)
    return f"\n{SEP}\n".join(parts)
