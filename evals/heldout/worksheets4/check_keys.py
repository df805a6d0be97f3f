"""Controleert keys.jsonl tegen de vier voorstellen in deze map.

Gebruik: /work/main/.venv/bin/python check_keys.py
Per sleutelregel: alle 18 item-ids aanwezig, ieder citaat 5-25 woorden en letterlijk te vinden in
de tekst van het bestand (na samenvoegen van witruimte):
  - .md   : markdown-opmaak verwijderd (koppen, nadruk, voetnootmarkeringen, lijsttekens, links)
  - .docx : alinea's en tabelcellen via python-docx, in documentvolgorde; een citaat moet
            binnen een alinea of cel vallen
  - .txt  : tekst zoals hij is
Controleert ook dat iedere regel van ieder voorstel korter is dan 100 tekens en dat het aantal
woorden (van de tekst zoals hierboven gelezen) binnen de afgesproken marge valt.
Eindigt met exitcode 0 als alles klopt, anders 1.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ITEMS = ["problem", "goal", "alternatives", "decision", "frameworks", "information", "costs",
         "ownership", "effects", "indicators", "privacy", "retention", "groups", "risks",
         "evaluation", "stop", "next-decision", "residents"]

EXPECTED = {"k-sensormonitoring-kademuren.md", "l-digitale-wijkbegroting.txt",
            "m-webmonitoring-vakantieverhuur.md", "n-digitale-stadspas.txt"}

# afgesproken omvang per vorm (aantal woorden, grenzen inbegrepen)
WORD_RANGES = {"k": (1200, 1800), "l": (900, 1300), "m": (600, 900), "n": (1000, 1500)}
MAX_LINE = 99  # tekens per regel


SEP = "\u00b6"  # grens tussen docx-alinea's en -cellen; staat in geen citaat


def collapse(s: str) -> str:
    return " ".join(s.split())


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


def text_docx(path: Path) -> str:
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


def text_txt(path: Path) -> str:
    return path.read_text(encoding="utf-8")


READERS = {".md": text_md, ".docx": text_docx, ".txt": text_txt}


def main() -> int:
    errors = []
    keys_path = HERE / "keys.jsonl"
    lines = [ln for ln in keys_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    seen_files = set()
    for line in lines:
        key = json.loads(line)
        fname = key["file"]
        seen_files.add(fname)
        for field in ("title", "technology", "shape", "items", "notes"):
            if field not in key:
                errors.append(f"{fname}: veld '{field}' ontbreekt")
        path = HERE / fname
        if not path.exists():
            errors.append(f"{fname}: bestand bestaat niet")
            continue
        if path.suffix in (".md", ".txt"):
            for nr, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if len(raw) > MAX_LINE:
                    errors.append(f"{fname}: regel {nr} is {len(raw)} tekens lang")
        text = collapse(READERS[path.suffix](path))
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
        lo, hi = WORD_RANGES.get(fname[0], (0, 10**9))
        if not lo <= n_words <= hi:
            errors.append(f"{fname}: {n_words} woorden, verwacht {lo}-{hi}")
        print(f"{fname}: {n_words} woorden, {len(covered)} items gedekt, "
              f"{len(empty)} leeg, {n_quotes} citaten; leeg: {', '.join(empty) or '-'}")
    if seen_files != EXPECTED:
        errors.append(f"bestanden in keys.jsonl: {sorted(seen_files)}; "
                      f"verwacht: {sorted(EXPECTED)}")
    if errors:
        print(f"\nFOUT ({len(errors)}):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: alle citaten gevonden, alle 18 items per bestand aanwezig.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
