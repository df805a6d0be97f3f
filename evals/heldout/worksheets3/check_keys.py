"""Checks keys.jsonl against the three documents in this folder with keycheck.check_folder,
which says what it checks (each key line's fields and 18 item ids, quotes of 5 to 25 words
found verbatim in the text as its reader gives it, the word counts).

Usage: /work/main/.venv/bin/python check_keys.py; the exit status is 0 when all is well.
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
