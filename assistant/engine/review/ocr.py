"""Reading the scanned pages of a proposal: page images without text, read by tesseract.

A griffie often has only a scan of a raadsvoorstel, or a PDF whose cover page is text and whose
body is scanned. A page is taken for a scan when it holds an image of the whole page (see
:data:`MIN_PIXELS`) and less than :data:`SCAN_TEXT_CHARS` characters of text (a registration stamp
the document system put on it is text too). Where Debian's ``tesseract-ocr`` with its Dutch model
(``tesseract-ocr-nld``) is installed, each such page's largest image (found from the sizes its
PDF states, and only that one decoded, by pypdf; no renderer needed) is turned upright as the
page is shown and given to tesseract on this machine; its lines join the page's own text, page
numbers kept. Nothing leaves the machine. What goes wrong is one Dutch sentence naming the file.

Text read this way can hold misread words; the worksheet says which pages were read by OCR.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.errors import ProposalError
from assistant.messages import nl

log = logging.getLogger(__name__)

# Tesseract's Dutch model (Debian: tesseract-ocr-nld).
LANGUAGE = "nld"
# How long tesseract may take for one page, and for all the pages of one proposal, before the
# scan is given up (an A4 page of 36 lines at 300 dpi takes 0.7 s on one core).
PAGE_SECONDS = 60
TOTAL_SECONDS = 300
# A page's scan is an image of the whole page: of at least MIN_PIXELS (A4 at 100 dpi holds
# 970,000), in the page's proportions (within PROPORTION: a 4:3 photograph is 6% off A4), so
# that a logo or a photograph on a cover page with a title is no scan. One larger than MAX_PIXELS
# is not decoded (a page at 1200 dpi holds 140 million).
MIN_PIXELS = 900_000
PROPORTION = 0.03
MAX_PIXELS = 60_000_000
# A page with a page-sized image and less text than this (in characters) is a scan.
SCAN_TEXT_CHARS = 200
# A line of at most this many words that begins with a capital and ends without a closing mark
# is a heading ("Beslispunten", "Beoogd effect"): a blank line after it stays.
HEADING_WORDS = 3


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


def scanned_pages(reader: Any, page_lines: list[list[str]]) -> list[int]:
    """The numbers (from 1) of the pages that are scans: an image of the whole page, little
    text."""
    out = []
    for number, (page, lines) in enumerate(zip(reader.pages, page_lines, strict=True), start=1):
        if sum(len(line.strip()) for line in lines) < SCAN_TEXT_CHARS \
                and _largest_image(page) is not None:
            out.append(number)
    return out


def read_pages(reader: Any, numbers: list[int], name: str) -> dict[int, list[str]]:
    """The lines tesseract reads on each of the pages ``numbers`` (from 1)."""
    binary = shutil.which("tesseract") or "tesseract"
    began = time.monotonic()
    out: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="assistant-ocr-") as tmp:
        for number in numbers:
            if time.monotonic() - began > TOTAL_SECONDS:
                raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(
                    name=name, why=nl.OCR_TOO_SLOW.format(seconds=TOTAL_SECONDS)))
            page = reader.pages[number - 1]
            png = Path(tmp) / f"page-{number}.png"
            _page_image(page, name).save(png)
            out[number] = joined(_tesseract(binary, png, name).splitlines())
    return out


def joined(lines: list[str]) -> list[str]:
    """Tesseract's lines with the blank lines it puts inside a sentence taken out: a blank line
    after a line that ends without a closing mark, before one that begins in lower case ("...
    een proef van twee jaar, waarna de", "", "raad op basis van ..."), joins the two, unless
    the line before is a heading (:data:`HEADING_WORDS` words at most, from a capital:
    "Beslispunten", "", "in te stemmen met ...")."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip() and out and out[-1].strip():
            before = out[-1].strip()
            following = next((ln for ln in lines[i + 1:] if ln.strip()), "")
            heading = before[:1].isupper() and len(before.split()) <= HEADING_WORDS
            if before[-1:] not in ".!?:;" and not heading \
                    and following.lstrip()[:1].islower():
                continue
        out.append(line)
    return out


def _largest_image(page: Any) -> tuple[str, int] | None:
    """The name and size in pixels of the page's largest image as its PDF states them (nothing
    is decoded); None where it is no image of the whole page (see :data:`MIN_PIXELS`)."""
    try:
        objects = page["/Resources"]["/XObject"]
        sizes = []
        for key, ref in objects.items():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                width, height = int(xobject["/Width"]), int(xobject["/Height"])
                sizes.append((width * height, str(key), width, height))
        box = page.mediabox
        page_ratio = float(box.width) / float(box.height)
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError):
        return None
    if not sizes:
        return None
    pixels, key, width, height = max(sizes)
    ratio = width / height if height else 0.0
    # Upright or turned a quarter (a page scanned sideways and shown by its /Rotate).
    whole = any(abs(ratio - r) <= PROPORTION * r for r in (page_ratio, 1 / page_ratio))
    return (key, pixels) if pixels >= MIN_PIXELS and whole else None


def _page_image(page: Any, name: str) -> Any:
    """The page's largest image, decoded, in greyscale and upright as the page is shown."""
    found = _largest_image(page)
    if found is None:  # scanned_pages chose the page for this image
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(name=name, why=nl.OCR_NO_IMAGE))
    key, pixels = found
    if pixels > MAX_PIXELS:
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(name=name, why=nl.OCR_TOO_LARGE))
    try:
        image = page.images[key].image.convert("L")
    except Exception as exc:  # noqa: BLE001 - any image pypdf or Pillow cannot decode
        log.warning("A scanned page's image could not be decoded (%s: %s)",
                    type(exc).__name__, exc)
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(name=name, why=nl.OCR_NO_IMAGE)
                            ) from exc
    rotation = int(page.get("/Rotate", 0) or 0) % 360
    return image.rotate(-rotation, expand=True) if rotation else image


def _tesseract(binary: str, png: Path, name: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one page at a time, one thread: predictable
    try:
        done = subprocess.run([binary, str(png), "stdout", "-l", LANGUAGE], capture_output=True,
                              timeout=PAGE_SECONDS, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(
            name=name, why=nl.OCR_PAGE_TOO_SLOW.format(seconds=PAGE_SECONDS))) from exc
    except OSError as exc:
        log.warning("tesseract could not be started (%s)", exc)
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(name=name, why=nl.OCR_ERROR)) from exc
    if done.returncode != 0:
        log.warning("tesseract failed (exit %s): %s", done.returncode,
                    done.stderr.decode("utf-8", "replace").strip()[-300:])
        raise ProposalError(nl.PROPOSAL_OCR_FAILED.format(name=name, why=nl.OCR_ERROR))
    return done.stdout.decode("utf-8", "replace")
