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
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for keycheck.py
from keycheck import check_folder  # noqa: E402

EXPECTED = {"o-elektronische-sloten-sporthallen.txt", "p-meldingen-sorteren.md",
            "q-energiearmoede-signalering.txt", "r-gps-dienstvoertuigen.md"}

# afgesproken omvang per vorm (aantal woorden, grenzen inbegrepen)
WORD_RANGES = {"o": (600, 900), "p": (1000, 1500), "q": (1000, 1500), "r": (300, 500)}


if __name__ == "__main__":
    sys.exit(check_folder(HERE, EXPECTED, WORD_RANGES))
