"""A scanned proposal as a scanner makes one: a PDF whose pages are images of typed text."""

from __future__ import annotations

import io
from pathlib import Path

SCAN_PAGES = [
    ["Raadsvoorstel slimme camera's Marktplein", "", "Beslispunten",
     "1. In te stemmen met een proef van een jaar met", "slimme camera's op het Marktplein.", "",
     "Aanleiding", "Op het Marktplein is het op zaterdag te druk.",
     "De camera's tellen bezoekers en slaan geen beelden op."],
    ["Financien", "De proef kost 80.000 euro.", "", "Evaluatie",
     "Na een jaar evalueren wij de proef en", "besluit de raad over voortzetting."],
]


def scanned_pdf(path: Path, pages: list[list[str]] = SCAN_PAGES, size: int = 34) -> Path:
    """``pages`` of lines as images in a PDF (A4 at 150 dpi, letters ``size`` pixels high),
    without any text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=size)
    pdf = FPDF(unit="pt", format="A4")
    for lines in pages:
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines):
            draw.text((110, 100 + round(1.5 * size) * n), line, fill=0, font=font)
        png = io.BytesIO()
        image.save(png, format="PNG")
        png.seek(0)
        pdf.add_page()
        pdf.image(png, x=0, y=0, w=595.28, h=841.89)
    pdf.output(str(path))
    return path
