"""The checklist items and the text readers shared by the check_keys.py scripts.

Each reader returns the document's text with its whitespace collapsed, as the quotes are matched.
"""
import json
import re
from collections.abc import Callable
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


def check_folder(here: Path, expected: set[str], word_ranges: dict[str, tuple[int, int]],
                 max_line: int | None = None,
                 readers: dict[str, Callable[[Path], str]] | None = None) -> int:
    """Checks ``here/keys.jsonl`` against the documents in ``here``: every key line has its
    fields and all 18 item ids, every quote has 5-25 words and stands verbatim in the document's
    text as its reader gives it, the document's word count is within ``word_ranges`` (by the
    first letter of its name), and, with ``max_line``, no line of a Markdown or text file is
    longer. ``readers``: the text of a file per suffix (by default those of the later sets,
    Word paragraphs and cells kept apart). Prints one line per document and the errors; returns
    the exit status (0 when all is well)."""
    readers = readers or {".md": text_md, ".docx": text_docx_blocks, ".html": text_html,
                          ".txt": text_txt}
    errors = []
    keys_path = here / "keys.jsonl"
    lines = [ln for ln in keys_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    seen_files = set()
    for line in lines:
        key = json.loads(line)
        fname = key["file"]
        seen_files.add(fname)
        for field in ("title", "technology", "shape", "items", "notes"):
            if field not in key:
                errors.append(f"{fname}: veld '{field}' ontbreekt")
        path = here / fname
        if not path.exists():
            errors.append(f"{fname}: bestand bestaat niet")
            continue
        if max_line is not None and path.suffix in (".md", ".txt"):
            for nr, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if len(raw) > max_line:
                    errors.append(f"{fname}: regel {nr} is {len(raw)} tekens lang")
        text = collapse(readers[path.suffix](path))
        items = key.get("items", {})
        missing_ids = [i for i in ITEMS if i not in items]
        extra_ids = [i for i in items if i not in ITEMS]
        if missing_ids:
            errors.append(f"{fname}: item-ids ontbreken: {missing_ids}")
        if extra_ids:
            errors.append(f"{fname}: onbekende item-ids: {extra_ids}")
        n_quotes = 0
        for item in ITEMS:
            value = items.get(item, [])
            if not isinstance(value, list):
                errors.append(f"{fname} [{item}]: waarde is geen lijst")
                continue
            for q in value:
                n_quotes += 1
                words = len(q.split())
                if not 5 <= words <= 25:
                    errors.append(f"{fname} [{item}]: {words} woorden: {q!r}")
                if SEP in q or collapse(q) not in text:
                    errors.append(f"{fname} [{item}]: niet gevonden: {q!r}")
        covered = [i for i in ITEMS if items.get(i)]
        empty = [i for i in ITEMS if i in items and not items[i]]
        n_words = len([w for w in text.split() if w != SEP])
        lo, hi = word_ranges.get(fname[0], (0, 10**9))
        if not lo <= n_words <= hi:
            errors.append(f"{fname}: {n_words} woorden, verwacht {lo}-{hi}")
        print(f"{fname}: {n_words} woorden, {len(covered)} items gedekt, "
              f"{len(empty)} leeg, {n_quotes} citaten; leeg: {', '.join(empty) or '-'}")
    if seen_files != expected:
        errors.append(f"bestanden in keys.jsonl: {sorted(seen_files)}; "
                      f"verwacht: {sorted(expected)}")
    if errors:
        print(f"\nFOUT ({len(errors)}):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: alle citaten gevonden, alle 18 items per bestand aanwezig.")
    return 0

