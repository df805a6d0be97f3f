"""A proposal attached in the real chat: uploaded as the page uploads it, read along the
denkraam, answered with its worksheet; the export of the worksheet; a file of the wrong kind or
too large is one sentence; the uploaded file is not kept on disk."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest

from assistant.engine.review import ocr

from ..support import OUTPUT as OUTPUTS
from ..support import ROOT
from ..support.chat_server import chat_server, server_env
from ..support.scans import scanned_pdf
from ..support.socket_client import ChatSocket, sign_in
from ..support.wait import eventually_async

pytestmark = pytest.mark.slow

DEV = ROOT / "evals" / "worksheets"
OUTPUT = OUTPUTS / "proposals"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_an_attached_proposal_gets_its_worksheet(seed_settings, tmp_path):
    env = server_env(seed_settings, tmp_path, str(tmp_path / "history.sqlite"),
                     ASSISTANT_QUESTIONS_PER_MINUTE="0", ASSISTANT_MAX_UPLOAD_MB="1")
    big = tmp_path / "groot.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 1_200_000)
    picture = tmp_path / "kaart.pdf"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with chat_server(env, OUTPUT / "chat.log") as (chat, proc):
        cookie = sign_in(chat, "anna", "anna-haar-wachtwoord")

        async def talk() -> dict[str, object]:
            sock = ChatSocket(chat, cookie)
            await sock.connect()
            out: dict[str, object] = {}
            status, ref = sock.upload(DEV / "03-algoritme-bijstand.docx", DOCX)
            assert status == 200, ref
            out["sheet"], _ = await sock.ask("", files=[ref["id"]])
            replies = [m for m in sock.messages.values() if m.get("type") == "assistant_message"]
            out["replies"] = len(replies)
            # Asked on, about the proposal: its sentences first; about something else: none.
            out["kept"], _ = await sock.ask("Hoe lang worden de risicoscores bewaard?")
            out["other"], _ = await sock.ask("Wat is de hoofdstad van Australië?")
            out["wifi"], _ = await sock.ask("Wat moet ik vragen over wifi-telling?")
            status, ref = sock.upload(picture, "application/pdf")
            assert status == 200, ref
            out["picture"], _ = await sock.ask("Wat vindt u hiervan?", files=[ref["id"]])
            status, ref = sock.upload(scan, "application/pdf")
            assert status == 200, ref
            out["scan"], _ = await sock.ask("", files=[ref["id"]])
            out["big"] = sock.upload(big, "application/pdf")[0]
            out["exe"] = sock.upload(picture, "application/x-msdownload")[0]
            # The uploads were read and removed: of the session's files only the citation panels
            # (text) are left.
            roots = list(Path(tempfile.gettempdir()).glob(f"raadsgids-chat-{proc.pid}-*"))
            assert roots
            out["left"] = [p.name for root in roots for p in (root / ".files").rglob("*")
                           if p.is_file() and p.suffix != ".txt"]
            await sock.close()
            # Reopened from the history, the conversation goes on where it stood: its buttons
            # are back, the worksheet and the conversation export again, and a follow-up
            # builds on the last question.
            again = ChatSocket(chat, cookie, thread_id=sock.thread_id)
            await again.connect()
            await eventually_async(lambda: {"export", "export_sheet"} <= {
                a["name"] for a in again.actions}, what="the reopened conversation's buttons")
            pressed = {a["name"]: a for a in again.actions}
            out["sheet_export"] = await again.press(pressed["export_sheet"])
            out["export"] = await again.press(pressed["export"])
            out["values"], _ = await again.ask("Welke publieke waarden spelen hier?")
            await again.close()
            return out

        out = asyncio.run(talk())
    sheet = str(out["sheet"])
    assert sheet.startswith("# Werkblad: ")
    for step in ("## 1. Doelen", "## 2. Sturing", "## 3. Gewenste effecten",
                 "## 4. Ongewenste effecten", "## 5. Inzet van sturing"):
        assert step in sheet
    assert "**Wat het voorstel zegt**" in sheet and "**Vragen aan het college**" in sheet
    # Its quotes and questions are cited; the sources name the proposal and the guidance texts.
    assert "03-algoritme-bijstand.docx" in sheet and "Rathenau Instituut" in sheet
    kept = str(out["kept"])
    assert kept.startswith("### Uit het voorstel “Proef met een risicomodel")
    assert "zolang de uitkering loopt en daarna vijf jaar" in kept.split("###")[1]
    assert "Uit het voorstel" not in str(out["other"])
    assert str(out["picture"]).startswith("Het bestand kaart.pdf is geen PDF-, Word-")
    # A scan is read by OCR where tesseract is installed (make services installs it), and said
    # to be; without it, one sentence names what is missing.
    if ocr.available():
        assert str(out["scan"]).startswith("# Werkblad: "), str(out["scan"])[:300]
        assert "met tekstherkenning (OCR) gelezen" in str(out["scan"])
        assert "“De proef kost 80.000 euro.” (p. 2)" in str(out["scan"])
    else:
        assert "tesseract-ocr-nld" in str(out["scan"])
    assert out["big"] == 413 or out["big"] == 400
    assert out["exe"] == 400
    assert out["left"] == []
    assert "Vragen voor de raad" in str(out["wifi"])
    assert str(out["sheet_export"]).startswith("Hier is het werkblad als document")
    assert str(out["export"]).startswith("Hier is het gesprek als document")
    values = str(out["values"])
    assert "wifi" in values.lower() and "Publieke waarden" in values, values[:400]
    (OUTPUT / "worksheet.md").write_text(sheet, encoding="utf-8")


def test_a_pasted_proposal_gets_its_worksheet_and_its_question_answered(seed_settings, tmp_path):
    """A proposal's text pasted into the chat, longer than a question may be, is read as an
    attached one; the question it ends with is then answered about it; a paste over the limit
    is one sentence; the text is not left on disk."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = server_env(seed_settings, tmp_path, str(tmp_path / "history.sqlite"),
                     ASSISTANT_QUESTIONS_PER_MINUTE="0", ASSISTANT_MAX_PASTED_CHARS="8000",
                     TMPDIR=str(temporary))
    letter = (DEV / "02-geluidssensoren-uitgaansgebied.txt").read_text(encoding="utf-8").strip()
    pasted = f"{letter}\n\nHoe lang worden de metingen per seconde bewaard?"
    assert 2000 < len(pasted) <= 8000 < len(f"{letter}\n\n{letter}")
    with chat_server(env, OUTPUT / "pasted.log") as (chat, proc):
        cookie = sign_in(chat, "anna", "anna-haar-wachtwoord")

        async def talk() -> tuple[list[str], str]:
            sock = ChatSocket(chat, cookie)
            await sock.connect()
            # An earlier request for what to ask does not make the paste's question one.
            await sock.ask("Wat moet ik vragen over wifi-telling?")
            before = set(sock.messages)

            def replies() -> list[str]:
                return [str(m.get("output", "")) for k, m in sock.messages.items()
                        if k not in before and m.get("type") == "assistant_message"]

            await sock.ask(pasted)
            # The worksheet, then the answer to the question the text ended with.
            await eventually_async(lambda: len(replies()) >= 2 and sock.idle,
                                   what="the worksheet and the answer", timeout=120)
            said = replies()
            # Asked what to ask about it: the worksheet is the answer, and nothing follows it.
            before = set(sock.messages)
            await sock.ask(f"{letter}\n\nWat moet ik hierover vragen?")
            # The task that answers it has ended: whatever it sends has been sent.
            await eventually_async(lambda: sock.idle and replies(), what="the worksheet")
            said.append(" | ".join(reply[:40] for reply in replies()))
            too_long, _ = await sock.ask(f"{letter}\n\n{letter}")
            await sock.close()
            return said, too_long

        said, too_long = asyncio.run(talk())
    assert len(said) == 3, said
    sheet, answer, only = said
    assert only.startswith("# Werkblad: ") and " | " not in only, only
    assert sheet.startswith("# Werkblad: "), sheet[:300]
    for step in ("## 1. Doelen", "## 2. Sturing", "## 3. Gewenste effecten",
                 "## 4. Ongewenste effecten", "## 5. Inzet van sturing"):
        assert step in sheet
    assert "geplakte tekst" in sheet and "Stiltemeter B.V." in sheet
    # The question it ended with, answered about the proposal: its own sentence first.
    assert answer.startswith("### Uit het voorstel"), answer[:300]
    assert "De metingen per seconde bewaren wij drie maanden" in answer.split("###")[1]
    assert too_long.startswith("Deze tekst is te lang om te plakken"), too_long
    # The question is not read as part of the proposal: the answer quotes the proposal.
    assert "Hoe lang worden de metingen per seconde bewaard?" not in answer.split("###")[1]
    assert list(temporary.rglob("raadsgids-paste-*")) == []
