"""Checks keys.jsonl against the four documents in this folder with keycheck.check_folder,
which says what it checks (each key line's fields and 18 item ids, quotes of 5 to 25 words
found verbatim in the text as its reader gives it, the word counts, no line of 100
characters or more).

Usage: /work/main/.venv/bin/python check_keys.py; the exit status is 0 when all is well.
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
