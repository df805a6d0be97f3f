"""Checks keys.jsonl against the four documents in this folder with keycheck.check_folder,
which says what it checks (each key line's fields and 18 item ids, quotes of 5 to 25 words
found verbatim in the text as its reader gives it, the word counts).

Usage: /work/main/.venv/bin/python check_keys.py; the exit status is 0 when all is well.
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
