"""Controleert keys.jsonl tegen de vier voorstellen in deze map.

Gebruik: /work/main/.venv/bin/python check_keys.py
Per sleutelregel: alle 18 item-ids aanwezig, ieder citaat 5-25 woorden en letterlijk te vinden in
de tekst van het bestand (na samenvoegen van witruimte):
  - .pdf  : tekst via pypdf (extract_text per pagina)
  - .docx : tekst via python-docx (alinea's en tabelcellen)
  - .md   : markdown-opmaak verwijderd (koppen, nadruk, voetnootmarkeringen, lijsttekens, links)
  - .txt  : tekst zoals hij is
Toont ook het aantal woorden per bestand.
Eindigt met exitcode 0 als alles klopt, anders 1.
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
