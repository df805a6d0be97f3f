"""The checklist items and the PDF and Word text readers shared by the check_keys.py scripts.

Each reader returns the document's text with its whitespace collapsed, as the quotes are matched.
"""
import re
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
