"""Controleert keys.jsonl tegen de vier stukken in deze map.

Gebruik: /work/main/.venv/bin/python check_keys.py
Per sleutelregel: alle 18 item-ids aanwezig, ieder citaat 5-25 woorden en letterlijk te vinden in
de tekst van het bestand (na samenvoegen van witruimte):
  - .md   : markdown-opmaak verwijderd (koppen, nadruk, voetnootmarkeringen, lijsttekens, links)
  - .docx : alinea's en tabelcellen via python-docx, in documentvolgorde; een citaat moet
            binnen een alinea of cel vallen
  - .txt  : tekst zoals hij is
Controleert ook dat het aantal woorden (van de tekst zoals hierboven gelezen) binnen de
afgesproken marge valt. (De stukken zijn niet op regelbreedte afgebroken: een alinea is een regel.)
Eindigt met exitcode 0 als alles klopt, anders 1.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for keycheck.py
from keycheck import ITEMS, SEP, collapse, text_docx_blocks, text_md, text_txt  # noqa: E402

EXPECTED = {"o-elektronische-sloten-sporthallen.txt", "p-meldingen-sorteren.md",
            "q-energiearmoede-signalering.txt", "r-gps-dienstvoertuigen.md"}

# afgesproken omvang per vorm (aantal woorden, grenzen inbegrepen)
WORD_RANGES = {"o": (600, 900), "p": (1000, 1500), "q": (1000, 1500), "r": (300, 500)}


READERS = {".md": text_md, ".docx": text_docx_blocks, ".txt": text_txt}


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
