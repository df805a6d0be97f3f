"""Scanned proposals as scanners and document systems make them: PDFs whose pages are images of
typed text, alone or beside pages and stamps of real text, turned, or in a compression pypdf
cannot decode without jbig2dec."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Any

SCAN_PAGES = [
    ["Raadsvoorstel slimme camera's Marktplein", "", "Beslispunten",
     "1. In te stemmen met een proef van een jaar met", "slimme camera's op het Marktplein.", "",
     "Aanleiding", "Op het Marktplein is het op zaterdag te druk.",
     "De camera's tellen bezoekers en slaan geen beelden op."],
    ["Financien", "De proef kost 80.000 euro.", "", "Evaluatie",
     "Na een jaar evalueren wij de proef en", "besluit de raad over voortzetting."],
]


def page_image(lines: list[str], size: int = 34) -> Any:
    """An A4 page at 150 dpi with ``lines`` typed on it, letters ``size`` pixels high."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=size)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((110, 100 + round(1.5 * size) * n), line, fill=0, font=font)
    return image


def scanned_pdf(path: Path, pages: list[list[str]] = SCAN_PAGES, size: int = 34) -> Path:
    """``pages`` of lines as images in a PDF, without any text layer (made by fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    for lines in pages:
        png = io.BytesIO()
        page_image(lines, size).save(png, format="PNG")
        png.seek(0)
        pdf.add_page()
        pdf.image(png, x=0, y=0, w=595.28, h=841.89)
    pdf.output(str(path))
    return path


# A page's content: the image Im0 over the whole page, and a line of real text.
WHOLE_PAGE = b"q 595 0 0 842 0 0 cm /Im0 Do Q"


def text_line(words: str) -> bytes:
    return b"BT /F1 12 Tf 72 760 Td (" + words.encode("latin-1") + b") Tj ET"


def flate(image: Any) -> tuple[str, bytes]:
    return (f"/Width {image.width} /Height {image.height} /ColorSpace /DeviceGray "
            "/BitsPerComponent 8 /Filter /FlateDecode", zlib.compress(image.tobytes(), 9))


def jbig2(width: int = 1240, height: int = 1754) -> tuple[str, bytes]:
    """An image in JBIG2, as office scanners write a compact scan (its data cut short here)."""
    return (f"/Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 1 "
            "/Filter /JBIG2Decode", b"\x00" * 100)


def raw_pdf(path: Path, pages: list[tuple[bytes, dict[str, tuple[str, bytes]], str]]) -> Path:
    """A PDF written object by object: per page its content, its images by name (their
    dictionary entries and data) and any further page entries ("/Rotate 90")."""
    objects: list[bytes] = [b"", b""]
    kids = []
    for content, images, extra in pages:
        named = []
        for name, (entries, data) in images.items():
            objects.append(b"<< /Type /XObject /Subtype /Image " + entries.encode()
                           + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
            named.append(f"/{name} {len(objects)} 0 R")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        stream = len(objects)
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        font = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
                       f"{stream} 0 R /Resources << /XObject << {' '.join(named)} >> /Font << "
                       f"/F1 {font} 0 R >> >> {extra} >>".encode())
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                  f"/Count {len(kids)} >>").encode()
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    path.write_bytes(bytes(out))
    return path
