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
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for keycheck.py
from keycheck import check_folder  # noqa: E402

EXPECTED = {"k-sensormonitoring-kademuren.md", "l-digitale-wijkbegroting.txt",
            "m-webmonitoring-vakantieverhuur.md", "n-digitale-stadspas.txt"}

# afgesproken omvang per vorm (aantal woorden, grenzen inbegrepen)
WORD_RANGES = {"k": (1200, 1800), "l": (900, 1300), "m": (600, 900), "n": (1000, 1500)}
MAX_LINE = 99  # tekens per regel


if __name__ == "__main__":
    sys.exit(check_folder(HERE, EXPECTED, WORD_RANGES, MAX_LINE))
