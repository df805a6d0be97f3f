"""Checks keys.jsonl against the four documents in this folder with keycheck.check_folder,
which says what it checks (each key line's fields and 18 item ids, quotes of 5 to 25 words
found verbatim in the text as its reader gives it, the word counts).

Usage: /work/main/.venv/bin/python check_keys.py; the exit status is 0 when all is well.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for keycheck.py
from keycheck import check_folder, text_docx, text_md, text_pdf, text_txt  # noqa: E402

EXPECTED = {"a-drones.pdf", "b-slimme-watermeters.docx",
            "c-voorspellend-model-schoolverlaten.md", "d-slimme-afvalcontainers.txt"}
# This set's readers: a PDF's text per page, a Word file's paragraphs and cells as one text.
READERS = {".pdf": text_pdf, ".docx": text_docx, ".md": text_md, ".txt": text_txt}


if __name__ == "__main__":
    sys.exit(check_folder(HERE, EXPECTED, {}, readers=READERS))
