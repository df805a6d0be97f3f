"""Controleert keys.jsonl tegen de vier voorstellen in deze map.

Gebruik: /work/main/.venv/bin/python check_keys.py
Per sleutelregel: alle 18 item-ids aanwezig, ieder citaat 5-25 woorden en letterlijk te vinden in
de tekst van het bestand (na samenvoegen van witruimte):
  - .pdf  : tekst via pypdf (extract_text per pagina)
  - .docx : tekst via python-docx (alinea's en tabelcellen)
  - .md   : markdown-opmaak verwijderd (koppen, nadruk, voetnootmarkeringen, lijsttekens, links)
  - .txt  : tekst zoals hij is
Eindigt met exitcode 0 als alles klopt, anders 1.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for keycheck.py
from keycheck import ITEMS, collapse, text_docx, text_md, text_pdf, text_txt

HERE = Path(__file__).resolve().parent


READERS = {".pdf": text_pdf, ".docx": text_docx, ".md": text_md, ".txt": text_txt}


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
            for q in items.get(item, []):
                n_quotes += 1
                words = len(q.split())
                if not 5 <= words <= 25:
                    errors.append(f"{fname} [{item}]: {words} woorden: {q!r}")
                cq = collapse(q)
                hits = text.count(cq)
                if hits == 0:
                    errors.append(f"{fname} [{item}]: niet gevonden: {q!r}")
        covered = [i for i in ITEMS if items.get(i)]
        empty = [i for i in ITEMS if i in items and not items[i]]
        print(f"{fname}: {len(covered)} items gedekt, {len(empty)} leeg, {n_quotes} citaten; "
              f"leeg: {', '.join(empty) or '-'}")
    expected = {"a-drones.pdf", "b-slimme-watermeters.docx",
                "c-voorspellend-model-schoolverlaten.md", "d-slimme-afvalcontainers.txt"}
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


if __name__ == "__main__":
    sys.exit(main())
