"""Controleert keys.jsonl tegen de zes voorstellen in deze map.

Gebruik: /work/main/.venv/bin/python check_keys.py

Per voorstel:
- alle 18 checklist-items zijn aanwezig en hebben een lijst (leeg mag);
- elk citaat is 5 tot 25 woorden, zonder regeleinde en zonder zinsgrens erin;
- elk citaat komt letterlijk voor in de tekst van het bestand, na het samenvoegen van witruimte:
  md/txt: opmaak (koppen, vet, opsommingstekens, links) verwijderd;
  html: tags verwijderd (blokelementen worden een spatie), entiteiten omgezet;
  pdf: tekst per pagina met pypdf;  docx: alinea's en tabelcellen met python-docx.
Citaten die vaker dan eens voorkomen, worden als waarschuwing gemeld.
Afsluitcode 0 als alles klopt, anders 1.
"""
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/, for keycheck.py
from keycheck import ITEMS, collapse, text_docx, text_pdf

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys.jsonl"
REQUIRED_FIELDS = ["file", "title", "technology", "shape", "items"]


def text_md(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.fullmatch(r"\s*(-{3,}|\*{3,})\s*", line):
            continue
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)        # koppen
        line = re.sub(r"^\s*[-*+]\s+", "", line)             # opsommingstekens
        line = re.sub(r"^\s*>\s?", "", line)                 # citaatblokken
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links
        line = line.replace("**", "").replace("__", "").replace("`", "")
        line = line.replace("|", " ")                        # tabelstrepen
        lines.append(line)
    return collapse("\n".join(lines))


def text_txt(path: Path) -> str:
    return collapse(path.read_text(encoding="utf-8"))


BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "section", "table", "td", "th", "tr", "ul", "title", "body", "html", "head",
}


class _Stripper(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_html(path: Path) -> str:
    p = _Stripper()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return collapse(html.unescape("".join(p.parts)))


EXTRACTORS = {".md": text_md, ".txt": text_txt, ".html": text_html, ".htm": text_html,
              ".pdf": text_pdf, ".docx": text_docx}

# een zinsgrens: punt/uitroepteken/vraagteken, spatie, hoofdletter
# (afkortingen als B.V. uitgezonderd)
SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bB\.V)[.!?] +[A-Z]")


def main() -> int:
    errors, warnings = [], []
    records = [json.loads(line) for line in KEYS.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    seen_files = set()
    for rec in records:
        name = rec.get("file", "?")
        for f in REQUIRED_FIELDS:
            if f not in rec:
                errors.append(f"{name}: veld '{f}' ontbreekt")
        if name in seen_files:
            errors.append(f"{name}: dubbel in keys.jsonl")
        seen_files.add(name)
        path = HERE / name
        if not path.exists():
            errors.append(f"{name}: bestand bestaat niet")
            continue
        text = EXTRACTORS[path.suffix.lower()](path)
        items = rec.get("items", {})
        extra = set(items) - set(ITEMS)
        if extra:
            errors.append(f"{name}: onbekende items {sorted(extra)}")
        covered = 0
        n_quotes = 0
        for item in ITEMS:
            if item not in items or not isinstance(items[item], list):
                errors.append(f"{name}: item '{item}' ontbreekt of is geen lijst")
                continue
            if items[item]:
                covered += 1
            if len(set(items[item])) != len(items[item]):
                errors.append(f"{name}/{item}: hetzelfde citaat staat er dubbel in")
            for q in items[item]:
                n_quotes += 1
                words = q.split()
                if q != q.strip() or "\n" in q:
                    errors.append(f"{name}/{item}: witruimte aan rand of regeleinde: {q!r}")
                if not 5 <= len(words) <= 25:
                    errors.append(f"{name}/{item}: {len(words)} woorden: {q!r}")
                if SENTENCE_BREAK.search(q):
                    errors.append(f"{name}/{item}: citaat lijkt een zinsgrens te bevatten: {q!r}")
                count = text.count(collapse(q))
                if count == 0:
                    errors.append(f"{name}/{item}: niet gevonden: {q!r}")
                elif count > 1:
                    warnings.append(f"{name}/{item}: komt {count} keer voor: {q!r}")
        print(f"{name}: {covered}/18 items gedekt, {18 - covered} leeg, {n_quotes} citaten")
    expected = {p.name for p in HERE.iterdir()
                if re.match(r"0[1-6]-", p.name) and p.suffix != ".py"}
    for missing in sorted(expected - seen_files):
        errors.append(f"{missing}: geen regel in keys.jsonl")
    for w in warnings:
        print("WAARSCHUWING:", w)
    for e in errors:
        print("FOUT:", e)
    print("OK" if not errors else f"{len(errors)} fout(en)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
