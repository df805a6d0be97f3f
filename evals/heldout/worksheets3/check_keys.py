"""Controleert keys.jsonl tegen de drie voorstellen in deze map.

Gebruik: /work/main/.venv/bin/python check_keys.py
Per sleutelregel: alle 18 item-ids aanwezig, ieder citaat 5-25 woorden en letterlijk te vinden in
de tekst van het bestand (na samenvoegen van witruimte):
  - .md   : markdown-opmaak verwijderd (koppen, nadruk, voetnootmarkeringen, lijsttekens, links)
  - .docx : alinea's en tabelcellen via python-docx, in documentvolgorde; een citaat moet
            binnen een alinea of cel vallen
  - .txt  : tekst zoals hij is
Toont ook het aantal woorden per bestand (van de tekst zoals hierboven gelezen).
Eindigt met exitcode 0 als alles klopt, anders 1.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for keycheck.py
from keycheck import check_folder  # noqa: E402

EXPECTED = {"h-luchtfoto-analyse-bag-woz.docx", "i-verdrinkingsdetectie-zwembad.md",
            "j-concessie-laadpalen.txt"}


if __name__ == "__main__":
    sys.exit(check_folder(HERE, EXPECTED, {}))
