"""Reading a scanned proposal: the page images of a PDF without text, read by tesseract.

A griffie often has only a scan of a raadsvoorstel: a PDF whose pages are images. When Debian's
``tesseract-ocr`` with its Dutch model (``tesseract-ocr-nld``) is installed, such a PDF is read
here: each page's largest image (the scan of the page; pypdf decodes it, no renderer needed) is
given to tesseract on this machine, and its lines become the page's text, page numbers kept, so
that the worksheet quotes a scan as it quotes any PDF. Nothing leaves the machine. Without
tesseract the proposal is refused with the sentence that says it is a scan.

Text read this way can hold misread words; the worksheet says it was read by OCR.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from assistant.engine.corpus import readers
from assistant.errors import ProposalError
from assistant.messages import nl

# Tesseract's Dutch model (Debian: tesseract-ocr-nld).
LANGUAGE = "nld"
# How long tesseract may take for one page before the scan is given up (a clean A4 page at
# 300 dpi takes one to three seconds on two cores).
PAGE_SECONDS = 60
# An image smaller than this (in pixels, width times height) is a logo or a stamp, not a page.
MIN_PIXELS = 200_000


@functools.cache
def available() -> bool:
    """Whether tesseract and its Dutch model are installed here."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


def read_scanned_pdf(path: Path, name: str) -> list[readers.Block]:
    """The blocks of a scanned PDF, one page at a time as tesseract reads its largest image;
    what goes wrong is one Dutch sentence naming the file."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages: list[list[str]] = []
        with tempfile.TemporaryDirectory(prefix="assistant-ocr-") as tmp:
            for number, page in enumerate(reader.pages, start=1):
                image = _page_image(page)
                if image is None:
                    pages.append([])
                    continue
                png = Path(tmp) / f"page-{number}.png"
                image.save(png)
                pages.append(joined(_tesseract(png, name).splitlines()))
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(
            name=name, why=exc.__class__.__name__)) from exc
    return readers.pdf_blocks(pages)


def joined(lines: list[str]) -> list[str]:
    """Tesseract's lines with the blank lines it puts inside a sentence taken out: a blank line
    after a line that ends without a sentence's closing mark, before one that begins in lower
    case ("... een proef van twee jaar, waarna de", "", "raad op basis van ..."), joins the two;
    a blank line after a heading or a sentence stays a paragraph break."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip() and out and out[-1].strip():
            following = next((ln for ln in lines[i + 1:] if ln.strip()), "")
            ends = out[-1].rstrip()[-1:] in ".!?:;"
            if not ends and following.lstrip()[:1].islower():
                continue
        out.append(line)
    return out


def _page_image(page: Any) -> Any:
    """The page's largest image, as a greyscale PIL image; None where it has none as large as a
    page's scan."""
    best, area = None, 0
    for found in getattr(page, "images", []):
        try:
            image = found.image
        except Exception:  # noqa: BLE001 - an image pypdf cannot decode is not read
            continue
        if image is None:
            continue
        pixels = image.width * image.height
        if pixels > area:
            best, area = image, pixels
    if best is None or area < MIN_PIXELS:
        return None
    return best.convert("L")


def _tesseract(png: Path, name: str) -> str:
    binary = shutil.which("tesseract") or "tesseract"
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one page at a time, one thread: predictable
    try:
        done = subprocess.run([binary, str(png), "stdout", "-l", LANGUAGE], capture_output=True,
                              timeout=PAGE_SECONDS, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(
            name=name, why=f"een pagina duurde langer dan {PAGE_SECONDS} seconden")) from exc
    if done.returncode != 0:
        why = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["fout"])[-1]
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(name=name, why=why[:120]))
    return done.stdout.decode("utf-8", "replace")
