"""The worksheet of a proposal: the checklist's schema, reading a proposal of any accepted type
(by content, not name) with one sentence for what cannot be read, and, with the real engine, a
worksheet that finds what a proposal says and leaves out."""

import json
import os
import zipfile
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.engine.review.checklist import CHECKLIST, read_checklist
from assistant.engine.review.proposal import read_proposal
from assistant.errors import ProposalError, UnderstandingDataError

from ..support import ROOT
from ..support.scans import (
    SCAN_PAGES,
    WHOLE_PAGE,
    flate,
    jbig2,
    page_image,
    raw_pdf,
    scanned_pdf,
    text_line,
)

DEV = ROOT / "evals" / "worksheets"


def test_the_checklist_covers_every_step():
    items = read_checklist()
    assert {i.step for i in items} == {1, 2, 3, 4, 5}
    assert len({i.id for i in items}) == len(items)
    assert all(i.ask.nl.endswith("?") and i.ask.en.endswith("?") for i in items)
    assert all(i.ask_undecided.nl.endswith("?") and i.ask_undecided.en.endswith("?")
               for i in items if i.ask_undecided)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  - id: goal\n    step: 1\n", "  - id: problem\n    step: 1\n",
     "entry problem: another entry has the same id"),
    ("  - id: goal\n    step: 1\n", "  - id: goal\n    step: 7\n", "step must be a denkraam step"),
    ("  - id: goal\n    step: 1\n", "  - id: goal\n    step: 1\n    colour: blue\n",
     "colour is not a known key"),
])
def test_a_broken_checklist_entry_is_named_with_its_line(tmp_path, old, new, message):
    text = CHECKLIST.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "checklist.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match=rf"line \d+: .*{message}"):
        read_checklist(path)


def test_a_step_without_items_is_refused(tmp_path):
    text = CHECKLIST.read_text(encoding="utf-8").replace("    step: 3\n", "    step: 2\n")
    path = tmp_path / "checklist.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match="no item for step 3"):
        read_checklist(path)


PLAIN = """Raadsvoorstel

Onderwerp: Proef met slimme afvalcontainers in de wijk Noord

Beslispunten
1. In te stemmen met een proef van een jaar met 40 slimme containers.
2. Een krediet van 90.000 euro beschikbaar te stellen.

Aanleiding
Het aantal meldingen van bijplaatsingen steeg in 2025 naar 1.400 per jaar.
"""


def test_a_text_proposal_is_read_into_sentences_under_their_headings(tmp_path):
    path = tmp_path / "voorstel.txt"
    path.write_text(PLAIN, encoding="utf-8")
    p = read_proposal(path)
    assert p.kind == "text"
    assert p.title == "Proef met slimme afvalcontainers in de wijk Noord"
    assert p.has_decision
    by_text = {ln.text: ln for ln in p.lines}
    line = by_text["Het aantal meldingen van bijplaatsingen steeg in 2025 naar 1.400 per jaar."]
    assert line.section == "aanleiding"
    assert any(ln.section == "beslispunten" and "krediet" in ln.text for ln in p.lines)


def test_the_type_is_read_from_the_content_not_the_name(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Beslispunten\n\nDe raad besluit een krediet van 90.000 euro "
                   "beschikbaar te stellen voor de proef met slimme containers.")
    path = tmp_path / "voorstel.txt"  # a PDF with the wrong name
    pdf.output(str(path))
    p = read_proposal(path)
    assert p.kind == "pdf"
    assert p.lines[0].page == 1


def _pdf_without_text(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scanned page: a picture, no text
    pdf.output(str(path))


def test_bad_files_get_one_sentence(tmp_path):
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    zipped = tmp_path / "voorstel.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("iets.txt", "geen Word-bestand")
    picture = tmp_path / "kaart.pdf"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    damaged = tmp_path / "kapot.pdf"
    damaged.write_bytes(b"%PDF-1.4 niet meer dan dit")
    scanned = tmp_path / "scan.pdf"
    _pdf_without_text(scanned)
    big = tmp_path / "groot.txt"
    big.write_text(PLAIN, encoding="utf-8")
    cases = [
        (tmp_path / "weg.pdf", "bestaat niet"),
        (empty, "is leeg"),
        (zipped, "is geen PDF-, Word-"),
        (picture, "is geen PDF-, Word-"),
        (damaged, "is geen leesbare PDF"),
    ]
    for path, needle in cases:
        with pytest.raises(ProposalError, match=needle):
            read_proposal(path)
    # A drawing without text or a page image is no scan: nothing to read, OCR or not.
    with pytest.raises(ProposalError, match="In het bestand scan.pdf staan geen zinnen"):
        read_proposal(scanned)
    # A scan, where no text recognition is installed.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("assistant.engine.review.ocr.available", lambda: False)
        with pytest.raises(ProposalError, match="bevat geen tekst, alleen afbeeldingen.*"
                                                "tesseract-ocr-nld"):
            read_proposal(scanned_pdf(tmp_path / "gescand.pdf"))
    with pytest.raises(ProposalError, match="een voorstel mag hier ten hoogste .* MB zijn"):
        read_proposal(big, max_bytes=100)


def _tesseract_installed() -> None:
    from assistant.engine.review import ocr

    if not ocr.available():
        if os.environ.get("CI"):
            pytest.fail("CI installs tesseract-ocr-nld (make services); it is missing")
        pytest.skip("tesseract with its Dutch model (tesseract-ocr-nld) is not installed")


def test_a_scanned_proposal_is_read_by_ocr_with_its_pages(tmp_path):
    _tesseract_installed()
    scan = scanned_pdf(tmp_path / "scan.pdf")
    proposal = read_proposal(scan)
    assert proposal.scanned == [1, 2] and proposal.unread == [] and proposal.kind == "pdf"
    pages = {line.text: line.page for line in proposal.lines}
    assert pages.get("Op het Marktplein is het op zaterdag te druk.") == 1, pages
    assert pages.get("De proef kost 80.000 euro.") == 2, pages
    with pytest.raises(ProposalError, match="heeft 2 gescande pagina's, meer dan de 1 die ik "
                                            "met tekstherkenning lees"):
        read_proposal(scan, max_ocr_pages=1)


def test_scanned_pages_beside_text_stamped_or_turned_are_read_too(tmp_path):
    """A text cover page with a scanned body, a scan the document system stamped with a line of
    text, and a page scanned sideways and shown upright by its /Rotate."""
    _tesseract_installed()
    page = page_image(SCAN_PAGES[0])
    cover = text_line("Aan de gemeenteraad van Voorbeeld wordt dit voorstel ter besluitvorming "
                      "gezonden door het college.")
    mixed = raw_pdf(tmp_path / "gemengd.pdf", [(cover, {}, ""),
                                               (WHOLE_PAGE, {"Im0": flate(page)}, "")])
    stamped = raw_pdf(tmp_path / "gestempeld.pdf", [
        (WHOLE_PAGE + b"\n" + text_line("Ingekomen bij de griffie op 3 maart 2027."),
         {"Im0": flate(page)}, "")])
    sideways = raw_pdf(tmp_path / "gedraaid.pdf", [
        (b"q 842 0 0 595 0 0 cm /Im0 Do Q", {"Im0": flate(page.rotate(90, expand=True))},
         "/Rotate 90")])
    for path, scanned in ((mixed, [2]), (stamped, [1]), (sideways, [1])):
        proposal = read_proposal(path)
        pages = {line.text: line.page for line in proposal.lines}
        assert proposal.scanned == scanned, path.name
        assert pages.get("Op het Marktplein is het op zaterdag te druk.") == scanned[0], pages
    assert "Aan de gemeenteraad van Voorbeeld wordt dit voorstel ter besluitvorming gezonden " \
           "door het college." in {line.text for line in read_proposal(mixed).lines}
    # Without text recognition the cover is read, and the scanned page is named as unread.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("assistant.engine.review.ocr.available", lambda: False)
        proposal = read_proposal(mixed)
    assert proposal.scanned == [] and proposal.unread == [2] and len(proposal.lines) == 1


def test_a_cover_with_a_photograph_or_a_logo_is_no_scan(tmp_path, monkeypatch):
    """Images that are not the whole page (a 4:3 photograph, a logo) beside a short title: the
    page is read as text, and nothing is given to tesseract."""
    from PIL import Image

    from assistant.engine.review import ocr

    def never(*args: object) -> None:
        raise AssertionError("a page that is no scan was given to OCR")

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "read_pages", never)
    photo = flate(Image.new("L", (1600, 1200), 128))
    logo = flate(Image.new("L", (800, 400), 0))
    title = text_line("Raadsvoorstel slimme camera's op het Marktplein in Voorbeeld, 2027.")
    body = text_line("Het college stelt de raad voor in te stemmen met een proef van een jaar.")
    cover = raw_pdf(tmp_path / "omslag.pdf", [
        (title + b"\nq 400 0 0 300 100 300 cm /Im0 Do Q q 200 0 0 100 50 700 cm /Im1 Do Q",
         {"Im0": photo, "Im1": logo}, ""),
        (body, {}, "")])
    proposal = read_proposal(cover)
    assert proposal.scanned == [] and proposal.unread == []
    assert len(proposal.lines) == 2


def test_a_scanned_page_whose_image_cannot_be_decoded_is_one_sentence(tmp_path, monkeypatch):
    """JBIG2 (or any image pypdf and Pillow cannot open): the sentence names the file, even
    when a page image beside it could be read."""
    monkeypatch.setattr("assistant.engine.review.ocr.available", lambda: True)
    only = raw_pdf(tmp_path / "jbig2.pdf", [(WHOLE_PAGE, {"Im0": jbig2()}, "")])
    with pytest.raises(ProposalError, match="De scan jbig2.pdf kon niet met tekstherkenning "
                                            "worden gelezen \\(een afbeelding van een pagina"):
        read_proposal(only)


def test_the_scanned_pages_are_named_in_the_worksheet_as_a_reader_writes_them():
    from assistant.engine.review.worksheet import Worksheet
    from assistant.render.worksheet import page_list, scan_notes

    assert page_list([7, 2, 3, 4], "nl") == "2–4 en 7"
    assert page_list([1, 3, 5], "en") == "1, 3 and 5"
    sheet = Worksheet(file="v.pdf", title="V", steps=[], scanned=[3], unread=[5, 6])
    assert scan_notes(sheet) == [
        "Pagina 3 van dit voorstel is een scan en met tekstherkenning (OCR) gelezen: een citaat "
        "daarvan kan een verkeerd gelezen woord bevatten; controleer het in het origineel.",
        "De pagina's 5 en 6 van dit voorstel zijn een scan; zonder tekstherkenning op deze "
        "server zijn die niet gelezen, en wat daar staat kan hieronder als ontbrekend staan."]


def test_the_worksheet_of_a_scan_says_it_was_read_by_ocr(seeded_env, tmp_path, capsys):
    _tesseract_installed()
    scan = scanned_pdf(tmp_path / "scan.pdf")
    assert main(["review", "--json", str(scan), "--out", str(tmp_path / "uit")]) == 0
    sheet = json.loads(capsys.readouterr().out)
    assert sheet["scanned"] == [1, 2] and sheet["timings_ms"]["read"] > 0
    quoted = {q["text"]: q["page"] for s in sheet["steps"] for q in s["says"]}
    assert quoted.get("De proef kost 80.000 euro.") == 2, quoted
    markdown = (tmp_path / "uit" / "scan-werkblad.md").read_text(encoding="utf-8")
    assert "met tekstherkenning (OCR) gelezen" in markdown


def test_blank_lines_tesseract_puts_inside_a_sentence_are_taken_out():
    from assistant.engine.review.ocr import joined

    lines = ["Het gaat om een proef van twee jaar, waarna de", "", "raad opnieuw", "",
             "besluit op basis van", "", "de", "", "evaluatie.", "", "Aanleiding", "",
             "In 2026 registreerde de politie 312 incidenten", "", "Beslispunten", "",
             "in te stemmen met de proef."]
    # A sentence goes on after the blank; a heading keeps its own, and so does a sentence that
    # ended or a line before one that begins with a capital.
    assert joined(lines) == [
        "Het gaat om een proef van twee jaar, waarna de", "raad opnieuw", "besluit op basis van",
        "de", "evaluatie.", "", "Aanleiding", "", "In 2026 registreerde de politie 312 incidenten",
        "", "Beslispunten", "", "in te stemmen met de proef."]


def _fake_tesseract(folder: Path, fails: bool) -> None:
    """A tesseract on PATH that lists the Dutch model and then fails (or prints nothing)."""
    script = folder / "tesseract"
    listing = 'if [ "$1" = "--list-langs" ]; then printf "List\\neng\\nnld\\n"; exit 0; fi\n'
    reading = 'echo "Error opening data file" >&2; exit 1\n' if fails else "exit 0\n"
    script.write_text("#!/bin/sh\n" + listing + reading, encoding="utf-8")
    script.chmod(0o755)


@pytest.mark.parametrize(("fails", "needle"), [
    (True, "kon niet met tekstherkenning worden gelezen \\(de tekstherkenning gaf een fout\\)"),
    (False, "heeft de tekstherkenning geen zinnen gevonden"),
])
def test_a_scan_ocr_cannot_read_is_one_sentence(tmp_path, monkeypatch, fails, needle):
    from assistant.engine.review import ocr

    _fake_tesseract(tmp_path, fails)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    ocr.available.cache_clear()
    try:
        scan = scanned_pdf(tmp_path / "scan.pdf", SCAN_PAGES[:1])
        with pytest.raises(ProposalError, match=needle):
            read_proposal(scan)
    finally:
        ocr.available.cache_clear()


def test_a_password_protected_pdf_is_named_as_such(tmp_path):
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "open.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "De raad besluit een krediet beschikbaar te stellen voor de proef.")
    pdf.output(str(plain))
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt("geheim")
    locked = tmp_path / "dicht.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    with pytest.raises(ProposalError, match="met een wachtwoord beveiligd"):
        read_proposal(locked)


@pytest.fixture
def seeded_env(seed_settings, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(seed_settings.index.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(seed_settings.index.index_dir))
    return seed_settings


def test_review_prints_the_worksheet_as_json(seeded_env, tmp_path, capsys):
    path = tmp_path / "voorstel.md"
    path.write_text(THIN, encoding="utf-8")
    assert main(["review", "--json", str(path), "--out", str(tmp_path / "uit")]) == 0
    sheet = json.loads(capsys.readouterr().out)
    assert [s["step"] for s in sheet["steps"]] == [1, 2, 3, 4, 5]
    assert "chatbot" in sheet["title"].lower()
    # A thin proposal: what it leaves out is said, and every step has cited questions.
    missing = {i for s in sheet["steps"] for i in s["missing_items"]}
    assert {"evaluation", "stop", "alternatives", "retention"} <= missing
    for step in sheet["steps"]:
        assert step["questions"], step["step"]
        assert all(q["citations"] for q in step["questions"]), step["step"]
    sources = {c["n"]: c["source"] for c in sheet["citations"]}
    for step in sheet["steps"]:
        for quote in step["says"]:
            assert sources[quote["citation"]] == "proposal"
        for q in step["questions"]:  # each cited to the guidance, a probe to the proposal too
            assert "guidance" in {sources[n] for n in q["citations"]}
    written = sorted(p.name for p in (tmp_path / "uit").iterdir())
    assert written == ["voorstel-werkblad.docx", "voorstel-werkblad.md"]


THIN = """# Raadsvoorstel: aanschaf AI-chatbot voor de gemeentelijke website

## Beslispunten

1. In te stemmen met de aanschaf van een AI-chatbot voor de website.
2. Hiervoor een budget van 45.000 euro per jaar beschikbaar te stellen uit de post
   dienstverlening.

## Toelichting

Inwoners stellen steeds vaker vragen via de website. Met een chatbot kunnen zij dag en nacht
terecht voor eenvoudige vragen over afval, paspoorten en parkeren.
"""


def test_review_refuses_an_unreadable_file_in_one_sentence(seeded_env, tmp_path, capsys):
    path = tmp_path / "voorstel.pdf"
    path.write_bytes(b"%PDF-1.4 kapot")
    assert main(["review", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Het bestand voorstel.pdf is geen leesbare PDF")
    assert "Traceback" not in err


def test_a_labelled_sentence_that_fails_its_schema_is_named_with_its_line(tmp_path):
    from assistant.engine.review.model import LABELLED, load_sentences

    good = LABELLED.read_text(encoding="utf-8").splitlines()[:3]
    path = tmp_path / "sentences.jsonl"
    path.write_text("\n".join([*good, '{"text": "De raad besluit.", "items": ["weer"]}']),
                    encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match="line 4 name the unknown checklist item"):
        load_sentences(path)
    path.write_text("\n".join([*good, '{"tekst": "De raad besluit."}']), encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match="line 4 fail their schema"):
        load_sentences(path)


def test_a_headed_sentence_is_learned_a_second_time_without_its_heading():
    import numpy as np

    from assistant.engine.review.model import without_headings

    vectors = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], dtype=np.float32)
    sections = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    x, y = without_headings(np.hstack([vectors, sections]), sections, np.array([1, 0, 0]))
    # The three rows, then the two that stand under a heading, their section features cleared
    # and their labels with them.
    assert x.shape == (5, 4)
    assert x[3:, :2].tolist() == vectors[[0, 2]].tolist()
    assert not x[3:, 2:].any()
    assert y.tolist() == [1, 0, 0, 1, 0]


def test_the_model_reads_a_sentences_words_beside_its_vector_and_keeps_them_when_saved(tmp_path):
    import numpy as np

    from assistant.engine.review.checklist import READINGS, checklist
    from assistant.engine.review.model import (
        READING_THRESHOLD,
        LabelledReading,
        LabelledSentence,
        ReviewModel,
        reading_rows,
        train,
        train_readings,
        training_rows,
    )

    # Sentences (and the checklist's examples) whose vectors say nothing: only their words tell
    # the items apart.
    kept = ["De beelden worden 28 dagen bewaard.", "Gegevens worden een jaar bewaard.",
            "De opnames worden na een week bewaard en dan gewist.", "Alles wordt lang bewaard."]
    paid = ["De kosten zijn 40.000 euro per jaar.", "Het kost eenmalig 12.000 euro.",
            "De kosten worden gedekt uit de reserve.", "Jaarlijks kost het 5.000 euro."]
    rows = [LabelledSentence(text=t, items=("retention",), topic=f"k{n}")
            for n, t in enumerate(kept)]
    rows += [LabelledSentence(text=t, items=("costs",), topic=f"p{n}")
             for n, t in enumerate(paid)]
    texts, sections, y, groups = training_rows(rows)
    ids = [i.id for i in checklist()]
    vectors = np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)
    items, meta = train(vectors, texts, sections, y, groups, folds=2)
    # And what sentences claim, learned apart from the items, from words alone too.
    gains = ["Dat scheelt ons 2 fte.", "Het scheelt veel inhuur.", "Dit scheelt tijd.",
             "Het scheelt per jaar 9.000 euro."]
    labelled = [LabelledReading(text=t, readings=("gain",), topic=f"g{n}", lang="nl")
                for n, t in enumerate(gains)]
    labelled += [LabelledReading(text=t, readings=("cost",), topic=f"c{n}", lang="nl")
                 for n, t in enumerate(paid)]
    labelled += [LabelledReading(text=t, topic=f"n{n}", lang="nl") for n, t in enumerate(kept)]
    r_texts, r_sections, r_y, r_groups = reading_rows(labelled)
    r_vectors = np.ones((len(r_texts), 3), dtype=np.float32) / np.sqrt(3)
    readings, meta["readings"] = train_readings(r_vectors, r_texts, r_sections, r_y, r_groups,
                                                folds=2)
    assert set(meta["readings"]["report"]) == set(READINGS)
    model = ReviewModel(items=items, readings=readings, meta=meta)
    asked = ["Hoe lang worden de beelden bewaard?", "Wat kost het per jaar?"]
    p = model.proba(vectors[:2], asked, [None, None])
    assert p[0, ids.index("retention")] > p[0, ids.index("costs")]
    assert p[1, ids.index("costs")] > p[1, ids.index("retention")]
    said = ["Dat scheelt ons 4.000 uur.", "De beelden worden 28 dagen bewaard."]
    read = model.read(vectors[:2], said, [None, None])
    gain = READINGS.index("gain")
    assert read[0, gain] >= READING_THRESHOLD > read[1, gain]
    # The readings' n-grams leave figures out; the items' read them.
    assert not readings.figures and items.figures
    assert not any(g[:1].isdigit() for g in readings.ngrams.vocabulary)
    assert any(g[:1].isdigit() for g in items.ngrams.vocabulary)
    # A document claims what one of its sentences is read as claiming.
    assert "gain" in model.claims(vectors[:2], said, [None, None])
    assert "gain" not in model.claims(vectors[1:2], said[1:], [None])
    assert model.claims(vectors[:0], [], []) == frozenset()
    model.save(tmp_path)
    again = ReviewModel.load(tmp_path)
    assert again.items.ngrams.vocabulary == model.items.ngrams.vocabulary
    assert again.readings.ngrams.vocabulary == model.readings.ngrams.vocabulary
    assert np.allclose(again.proba(vectors[:2], asked, [None, None]), p)
    assert np.allclose(again.read(vectors[:2], said, [None, None]), read)
    assert not again.readings.figures and again.items.figures


def test_a_readings_n_grams_leave_figures_out():
    from assistant.engine.review.model import without_figures

    assert without_figures("Dat scheelt € 40.000 per jaar.").split() == [
        "Dat", "scheelt", "€", "per", "jaar."]
    assert without_figures("EUR 1,2 miljoen en 15%") == "EUR   miljoen en  %"
    assert without_figures("Geen cijfers.") == "Geen cijfers."


def test_a_readings_file_that_fails_is_named_with_its_line(tmp_path):
    from assistant.errors import EvalFileError
    from assistant.evals.readings import load_readings_file

    path = tmp_path / "readings.jsonl"
    good = '{"text": "Het scheelt geld.", "readings": ["gain"], "topic": "xy", "lang": "nl"}'
    path.write_text(f"\n{good}\n", encoding="utf-8")
    assert [r.readings for r in load_readings_file(path)] == [("gain",)]
    path.write_text("\n" + good.replace('"gain"', '"winst"') + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="line 2 name the unknown reading 'winst'"):
        load_readings_file(path)
    path.write_text('{"text": "Het scheelt geld."}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match="line 1 fail their schema"):
        load_readings_file(path)
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="holds no entries"):
        load_readings_file(path)


def test_a_labelled_reading_that_fails_its_schema_is_named_with_its_line(tmp_path):
    from assistant.engine.review.model import load_readings, reading_files

    good = reading_files()[0].read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "readings.jsonl"
    bad = '{"text": "Het scheelt geld.", "readings": ["winst"], "topic": "xy", "lang": "nl"}'
    path.write_text("\n".join([*good, bad]), encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match="line 3 name the unknown reading 'winst'"):
        load_readings(path)
    path.write_text("\n".join([*good, '{"text": "Het scheelt geld.", "lang": "de"}']),
                    encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match="line 3 fail their schema"):
        load_readings(path)


def test_the_gap_report_compares_the_items_no_sentence_reaches_with_the_labels():
    import numpy as np

    from assistant.engine.review.model import gap_report

    # Two proposals of two sentences, two items. In "a" item 0 is labelled and found, item 1
    # neither labelled nor found (a right gap); in "b" item 0 is labelled but not found (a gap
    # reported wrongly), item 1 is unlabelled but found (a gap not reported).
    scores = np.array([[0.9, 0.1], [0.2, 0.3], [0.5, 0.8], [0.1, 0.1]])
    y = np.array([[1, 0], [0, 0], [1, 0], [0, 0]])
    groups = np.array(["a", "a", "b", "b"], dtype=object)
    report = gap_report(scores, y, groups, threshold=0.7, smallest=2)
    assert report == {"proposals": 2, "gaps": 2, "reported": 2, "precision": 0.5,
                      "recall": 0.5}
    assert gap_report(scores, y, groups, threshold=0.7, smallest=3)["proposals"] == 0


def test_the_gap_threshold_grows_with_the_length_of_the_proposal():
    from assistant.engine.review.model import (
        GAP_BASE_SENTENCES,
        GAP_SLOPE,
        GAP_THRESHOLD,
        THRESHOLD,
        gap_threshold,
    )

    assert gap_threshold(0) == gap_threshold(8) == gap_threshold(GAP_BASE_SENTENCES) \
        == GAP_THRESHOLD
    assert gap_threshold(2 * GAP_BASE_SENTENCES) == pytest.approx(GAP_THRESHOLD + GAP_SLOPE)
    assert gap_threshold(18) == pytest.approx(GAP_THRESHOLD + GAP_SLOPE * 0.5849625, abs=1e-6)
    lengths = [10, 20, 50, 100, 300, 1000, 10**6]
    grown = [gap_threshold(n) for n in lengths]
    assert grown == sorted(grown) and grown[-1] == THRESHOLD
    assert gap_threshold(29) == THRESHOLD > gap_threshold(28)


def test_padding_a_proposal_with_sentences_that_address_nothing_hides_gaps_at_a_fixed_threshold():
    import numpy as np

    from assistant.engine.review.model import gap_report

    # Two proposals of eight sentences, two items: item 0 addressed (0.95) in both, item 1 in
    # neither (at most 0.3); and seven sentences of a shorter text that address nothing, each
    # reaching 0.48 for item 1 by chance. Read alone, both proposals' gap is found. Padded with
    # ten sentences that address nothing (at least three of them those seven), a fixed threshold
    # of 0.45 loses it; the threshold grown with the length (18 sentences: 0.45 + 0.08 *
    # log2(18 / 12) = 0.497) does not.
    own = np.array([[0.95, 0.3]] + [[0.1, 0.2]] * 7)
    chance = np.array([[0.1, 0.48]] * 7)
    scores = np.vstack([own, own, chance])
    y = np.array([[1, 0]] + [[0, 0]] * 7 + [[1, 0]] + [[0, 0]] * 7 + [[0, 0]] * 7)
    groups = np.array(["a"] * 8 + ["b"] * 8 + ["c"] * 7, dtype=object)
    alone = gap_report(scores, y, groups, smallest=8)
    assert (alone["gaps"], alone["reported"], alone["recall"]) == (2, 2, 1.0)
    fixed = gap_report(scores, y, groups, threshold=0.45, smallest=8, padding=10)
    assert fixed["recall"] == 0.0
    grown = gap_report(scores, y, groups, smallest=8, padding=10)
    assert (grown["reported"], grown["recall"], grown["precision"]) == (2, 1.0, 1.0)


def test_in_a_long_proposal_an_item_needs_a_surer_sentence_to_count_as_addressed(engine):
    import numpy as np

    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)

    def found(sentences: int) -> list[tuple[float, int]]:
        # One sentence at 0.5 for the first item, the others at 0.
        scores = np.zeros((sentences, len(reviewer.items)))
        scores[3, 0] = 0.5
        return reviewer.assign(scores)[0]

    assert found(10) == [(0.5, 3)]  # ten sentences: 0.45 is enough
    assert found(60) == []  # sixty: 0.55, so the item is missing


def test_the_trained_model_reports_its_gaps_on_proposals_it_did_not_learn_from(engine):
    gaps = engine.index.review.meta["gaps"]
    assert len(gaps) == 3  # with headings, without, and padded as a long proposal
    for reading in gaps:
        assert gaps[reading]["proposals"] >= 100
        assert 0.0 < gaps[reading]["precision"] <= 1.0 and 0.0 < gaps[reading]["recall"] <= 1.0


def test_a_thorough_proposal_has_few_gaps_and_a_thin_one_many(engine):
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    thorough = reviewer.review(DEV / "01-slimme-verkeerslichten.md")
    assert len({i for s in thorough.steps for i in s.missing_items}) <= 2
    assert all(s.says for s in thorough.steps)
    thin = reviewer.review(DEV / "06-chatbot-klantcontact.md")
    missing = {i for s in thin.steps for i in s.missing_items}
    assert len(missing) >= 12
    assert "decision" not in missing and "costs" not in missing
    # A gap comes with its question; every step has questions, each cited.
    for step in thin.steps:
        assert step.questions and all(q.citations for q in step.questions)


def test_a_long_pdf_cites_its_pages_per_step(engine):
    from assistant.engine.review import Reviewer

    sheet = Reviewer(engine).review(DEV / "04-cameratoezicht-binnenstad.pdf")
    assert sheet.pages == 24
    assert all(q.page for s in sheet.steps for q in s.says)
    # The privacy rules sit in the bijlagen, far from the first pages.
    assert max(sheet.steps[3].pages) > 10
    # In the chat its sources are one line per document, each passage's number with its page;
    # the export quotes every passage under its own number.
    from assistant.render.worksheet import to_markdown

    listed = to_markdown(sheet, compact=True).split("## Bronnen")[1].strip().splitlines()
    documents = {(c.title, c.doc if c.source == "proposal" else c.publisher)
                 for c in sheet.citations}
    assert len(listed) == len(documents) < len(sheet.citations)
    proposal = next(line for line in listed if "04-cameratoezicht-binnenstad.pdf" in line)
    assert "[1] p. " in proposal
    exported = to_markdown(sheet).split("## Bronnen")[1]
    assert exported.count("\n> ") == len(sheet.citations)
    assert "(04-cameratoezicht-binnenstad.pdf, p. " in exported


def test_sentences_embedded_over_two_engines_keep_their_order():
    import numpy as np

    from assistant.engine.index.embedding import e5_queries

    texts = [f"De gemeente plaatst {n} sensoren in wijk {n % 7}." for n in range(40)]
    one = np.asarray(e5_queries(texts, 1))
    two = np.asarray(e5_queries(texts, 2))
    assert one.shape == two.shape == (40, 384)
    assert np.allclose(one, two, atol=1e-4)


def test_a_probe_needs_its_one_quote_slot(tmp_path):
    text = CHECKLIST.read_text(encoding="utf-8")
    start = text.index("  - id: goal")
    broken = text[:start] + text[start:].replace("“{quote}”", "“{citaat}”", 1)
    path = tmp_path / "checklist.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match=r"line \d+: entry goal: a probe has exactly"):
        read_checklist(path)


@pytest.mark.parametrize(("old", "new"), [
    ("Het voorstel noemt als doel: “{quote}”", "Het noemt als doel: “{quote}”"),
    ("Waaraan ziet de raad straks", "Waaraan ziet de raad bij een ander voorstel straks"),
    ("The proposal states as its goal: “{quote}”", "It states as its goal: “{quote}”"),
    ("How will the council see", "How will the council, proposals aside, see"),
])
def test_a_probe_names_the_proposal_before_its_quote_and_only_so(tmp_path, old, new):
    """A what-to-ask answer's probe calls the user's description "het plan" (see
    checklist.as_plan): a probe that does not name the proposal, or names it in another way,
    would read the user's words back as the college's, and is refused with its line."""
    text = CHECKLIST.read_text(encoding="utf-8")
    start = text.index("  - id: goal")
    assert old in text[start:]
    path = tmp_path / "checklist.yaml"
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UnderstandingDataError,
                       match=r"line \d+: entry goal: a probe names the document before its quote"):
        read_checklist(path)


def test_questions_build_on_what_the_proposal_says(engine):
    from assistant.engine.review import Reviewer

    sheet = Reviewer(engine).review(DEV / "03-algoritme-bijstand.docx")
    costs = sheet.steps[1]
    asked = [q for q in costs.questions if q.text.startswith("Over de kosten zegt het voorstel")]
    assert len(asked) == 1 and "€ 164.000" in asked[0].text
    sources = {c.n: c.source for c in sheet.citations}
    # Cited to the proposal's sentence and to a guidance passage.
    assert sorted(sources[n] for n in asked[0].citations) == ["guidance", "proposal"]
    # The alternatives are not in this proposal: its gap's question, not a quote.
    assert "alternatives" in sheet.steps[0].missing_items
    assert any(q.text.startswith("Welke alternatieven") for q in sheet.steps[0].questions)


def test_the_parts_of_a_probe_are_asked_as_one_question():
    from assistant.engine.review.checklist import join_questions

    assert join_questions(["Hoe is dat gemeten?"], "nl") == "Hoe is dat gemeten?"
    assert join_questions(["Hoe is dat gemeten?", "Welk deel neemt het weg?"], "nl") == (
        "Hoe is dat gemeten, en welk deel neemt het weg?")
    assert join_questions(["Who?", "When?", "Why?"], "en") == "Who, when, and why?"
    # Every probe asks all its parts where nothing in the proposal answers one (of the parts
    # asked of a document by what it claims, those asked where it claims nothing).
    for item in read_checklist():
        for lang in ("nl", "en"):
            probe = item.probe_text(lang, "Een zin")
            assert probe.endswith("?") and all(
                p.text(lang).rstrip("?")[1:] in probe for p in item.follow
                if not p.where_read)


def test_a_part_of_a_probe_is_asked_by_what_the_document_claims():
    costs = next(item for item in read_checklist() if item.id == "costs")
    plain = costs.parts_for(frozenset())
    saving = costs.parts_for(frozenset({"gain"}))
    assert plain and saving and not set(plain) & set(saving)
    assert not any("besparing" in p.nl for p in plain)
    assert all("besparing" in p.nl for p in saving)
    assert all("savings" in p.en for p in saving)
    # What the document states of its costs does not change what is asked.
    assert costs.parts_for(frozenset({"cost"})) == plain
    assert costs.parts_for(frozenset({"cost", "gain"})) == saving


def test_a_probe_leads_in_by_where_its_sentence_stands():
    decision = next(item for item in read_checklist() if item.id == "decision")
    sentence = "Het sluiten van de concessie is een bevoegdheid van het college."
    assert decision.stands_under("beslispunten") and not decision.stands_under("kanttekeningen")
    assert decision.stands_under("besluit") and decision.stands_under("besluit van de raad")
    assert decision.stands_under("besluit.") and decision.stands_under("beslispunten/besluit")
    # A heading the decision's section starts but does not name as a whole word.
    assert not decision.stands_under("besluitvorming")
    assert not decision.stands_under(None)
    assert decision.probe_text("nl", sentence).startswith("Het voorstel vraagt de raad: “")
    assert decision.probe_text("nl", sentence, elsewhere=True).startswith(
        f"Over het besluit zegt het voorstel: “{sentence}” ")
    # An item without a lead-in of its own for elsewhere uses its one lead-in.
    costs = next(item for item in read_checklist() if item.id == "costs")
    assert costs.probe_text("nl", sentence, elsewhere=True) == costs.probe_text("nl", sentence)


@pytest.mark.parametrize(("entry", "old", "new", "message"), [
    ("goal", "        answered_by: [stop]\n", "        answered_by: [stopping]\n",
     "no item has the id 'stopping'"),
    ("stop", "        figures: [percentage, count]\n", "        figures: [percent]\n",
     "figure 'percent' is not one of"),
    ("goal", "        answered_by: [stop]\n", "        answered_by: [goal]\n",
     "the item's own quoted sentence would always answer this part"),
    ("goal", '      - nl: "Wanneer noemt het college het mislukt?"',
     '      - nl: "Wanneer noemt het college het mislukt."', "each part of a probe is a question"),
    ("goal", '      - nl: "Wanneer noemt het college het mislukt?"',
     '      - nl: "Wanneer noemt het college het mislukt}?"', "a probe's parts hold no braces"),
    ("goal", "        answered_by: [stop]\n", "        figures: [count]\n",
     "figures and beside_quote say which sentences of answered_by answer a part"),
    ("stop", "        answered_by: [next-decision]\n",
     "        answered_by: [next-decision]\n        beside_quote: true\n",
     "beside_quote leaves out the item's own quoted sentence"),
    ("goal", "“{quote}”\"\n", "“{quote}” Waarom?\"\n",
     "a probe has exactly one slot, {quote}, at its end"),
    ("decision", 'nl: "Over het besluit zegt het voorstel: “{quote}”"',
     'nl: "Over het besluit zegt het voorstel: “{quote}” en meer"',
     "a probe has exactly one slot, {quote}, at its end"),
    ("decision", 'nl: "Over het besluit zegt het voorstel: “{quote}”"',
     'nl: "Over het besluit: “{quote}”"', "a probe names the document before its quote"),
    ("costs", "        unless_read: [gain]\n",
     "        unless_read: [savings]\n", "'savings' is not one of the readings gain, cost"),
    ("costs", "        unless_read: [gain]\n",
     "        unless_read: [gain]\n        where_read: [cost]\n",
     "a part has where_read or unless_read, not both"),
    ("frameworks", "what happens if it does not?\"\n",
     "what happens if it does not?\"\n        where_read: [cost]\n",
     "a document read as none of its readings would be asked no part"),
    ("frameworks", "what happens if it does not?\"\n",
     "what happens if it does not?\"\n        unless_read: [gain]\n",
     "a document read as gain would be asked no part"),
])
def test_a_broken_part_of_a_probe_is_named_with_its_line(tmp_path, entry, old, new, message):
    text = CHECKLIST.read_text(encoding="utf-8")
    start = text.index(f"  - id: {entry}\n")
    assert old in text[start:]
    path = tmp_path / "checklist.yaml"
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match=rf"line \d+: entry {entry}: {message}"):
        read_checklist(path)


def test_what_answers_a_part_of_a_probe_is_read_from_the_sentences_of_its_items():
    """Without the engine: which sentences answer a part (``answered_by``, ``figures``,
    ``beside_quote``), on a proposal whose reading is given."""
    from assistant.engine.review.checklist import Part
    from assistant.engine.review.proposal import Line, Proposal
    from assistant.engine.review.worksheet import _answers, states_figure

    texts = ["Wij informeren inwoners met een brief.",          # 0 residents (quoted)
             "Wij informeren inwoners met een brief.",          # 1 the same, in the summary
             "Bezwaar kan bij het privacyloket.",               # 2 residents
             "De eenmalige kosten zijn € 85.000.",              # 3 costs
             "De licentie kost € 900 per maand.",               # 4 costs
             "Als minder dan 60 procent klopt, stoppen wij."]   # 5 stop
    proposal = Proposal(Path("p.md"), "markdown", "P",
                        lines=[Line(t, None, None, i) for i, t in enumerate(texts)])
    quoted = proposal.lines[0]
    other = Part(nl="Bij wie?", en="Where?", answered_by=("residents",), beside_quote=True)
    assert _answers(other, "residents", quoted, {"residents": [0, 1, 2]}, proposal)
    # The quoted sentence, or a copy of it, is no other sentence.
    assert not _answers(other, "residents", quoted, {"residents": [0, 1]}, proposal)
    yearly = Part(nl="Per jaar?", en="A year?", answered_by=("costs",), figures=("yearly",))
    assert _answers(yearly, "costs", proposal.lines[3], {"costs": [3, 4]}, proposal)
    assert not _answers(yearly, "costs", proposal.lines[3], {"costs": [3]}, proposal)
    # Another item's sentences answer where they are read surely at all; an item with none
    # does not.
    failed = Part(nl="Wanneer mislukt?", en="When failed?", answered_by=("stop",))
    assert _answers(failed, "goal", quoted, {"stop": [5]}, proposal)
    assert not _answers(failed, "goal", quoted, {"stop": []}, proposal)
    assert not _answers(failed, "goal", quoted, {}, proposal)
    assert states_figure(texts[5], ("percentage", "count"))
    assert not states_figure(texts[3], ("yearly",))


PARKING = """# Raadsvoorstel: sensoren in de parkeergarage Centrum

## Beslispunten

1. In te stemmen met een proef van een jaar met bezettingssensoren in parkeergarage Centrum.

## Aanleiding

Automobilisten zoeken in de garage gemiddeld zes minuten naar een plek.

## Kosten

{costs}

## Stoppen

{stop}
{next}"""


def test_a_probe_asks_only_what_the_proposal_leaves_open(engine, tmp_path):
    """The costs' probe asks for the costs per year only where the proposal does not state
    them, and the probe on stopping is not asked where the proposal states the result it stops
    at and that the council decides after the trial."""
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    thorough = tmp_path / "volledig.md"
    thorough.write_text(PARKING.format(
        costs="De eenmalige kosten bedragen € 85.000 en de structurele kosten € 12.000 per jaar; "
              "beide worden gedekt uit het budget Mobiliteit.",
        stop="Als na een jaar de zoektijd niet met minstens 30 procent is gedaald, stoppen wij "
             "met de proef en worden de sensoren verwijderd.",
        next="\n## Vervolg\n\nIn juni 2027 besluit de raad over voortzetting van de proef.\n"),
        encoding="utf-8")
    thin = tmp_path / "beknopt.md"
    thin.write_text(PARKING.format(
        costs="De proef kost € 85.000, gedekt uit het budget Mobiliteit.",
        stop="Als de proef niet werkt, stoppen wij ermee en worden de sensoren verwijderd.",
        next=""), encoding="utf-8")

    sheets = {path: reviewer.review(path) for path in (thorough, thin)}

    def asked(path, lead):
        return [q.text.split("” ", 1)[1] for s in sheets[path].steps for q in s.questions
                if q.text.startswith(lead)]

    # Both proposals address costs and stopping, and the worksheet quotes them for it.
    for sheet in sheets.values():
        for step, item in ((1, "costs"), (4, "stop")):
            assert item not in sheet.steps[step].missing_items
            assert item in {quote.item for quote in sheet.steps[step].says}

    per_year = "Welke kosten per jaar horen daarbij na de eerste periode"
    assert asked(thorough, "Over de kosten") == ["Wat gebeurt er als de kosten tegenvallen?"]
    assert asked(thin, "Over de kosten") == [
        f"{per_year}, en wat gebeurt er als de kosten tegenvallen?"]
    assert asked(thorough, "Over stoppen") == []
    assert asked(thin, "Over stoppen") == [
        "Bij welke uitkomst precies wordt dat besluit genomen, en wie neemt dat besluit: het "
        "college of de raad?"]


def test_the_decision_is_said_to_be_asked_only_under_the_beslispunten(engine, tmp_path):
    """The decision's probe says "Het voorstel vraagt de raad:" of a sentence under the
    beslispunten; the same sentence under another heading is only said to be about the
    decision, since such a sentence may ask the council nothing."""
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    source = (DEV / "01-slimme-verkeerslichten.md").read_text(encoding="utf-8")
    assert "## Beslispunten\n" in source
    moved = tmp_path / "01-samenvatting.md"
    moved.write_text(source.replace("## Beslispunten\n", "## Samenvatting\n"), encoding="utf-8")
    quote = "“Hiervoor een investeringskrediet van € 1.240.000 beschikbaar te stellen"
    for path, lead in ((DEV / "01-slimme-verkeerslichten.md", "Het voorstel vraagt de raad: "),
                       (moved, "Over het besluit zegt het voorstel: ")):
        steering = [q.text for q in reviewer.review(path).steps[1].questions]
        assert any(t.startswith(lead + quote) for t in steering), steering
        assert sum("“Hiervoor een investeringskrediet" in t for t in steering) == 1


def test_savings_are_asked_about_only_where_the_proposal_claims_a_gain(engine, tmp_path):
    """Read by the proposal model, not by words: a gain worded without "besparing" counts, a
    denied one does not."""
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    asked = {}
    costs = "De proef kost € 85.000, gedekt uit het budget Mobiliteit."
    for name, more in (
            ("zonder", ""),
            ("scheelt", " Dat scheelt de handhavers zo'n 1.200 uur per jaar."),
            ("opbrengst", " Bij invoering levert de garage naar verwachting € 60.000 per jaar "
                          "meer parkeergeld op."),
            ("ontkend", " Een besparing levert de proef niet op.")):
        path = tmp_path / f"{name}.md"
        path.write_text(PARKING.format(costs=costs + more, stop="", next=""), encoding="utf-8")
        asked[name] = [q.text.split("” ", 1)[1] for s in reviewer.review(path).steps
                       for q in s.questions if q.text.startswith("Over de kosten")]
    plain = ("Welke kosten per jaar horen daarbij na de eerste periode, en wat gebeurt er als de "
             "kosten tegenvallen?")
    gain = ("Welke kosten en welke besparingen of opbrengsten per jaar horen daarbij na de eerste "
            "periode, en wat gebeurt er als de kosten hoger of de besparingen of opbrengsten lager "
            "uitvallen?")
    assert asked["zonder"] == asked["ontkend"] == [plain]
    assert asked["scheelt"] == [gain]
    # A known limit: the yearly amount of the revenue answers the part that asks for the yearly
    # costs and savings (answered by any costs sentence with a yearly amount), so only what
    # happens if they fall short is asked.
    assert asked["opbrengst"] == ["Wat gebeurt er als de kosten hoger of de besparingen of "
                                  "opbrengsten lager uitvallen?"]


def test_a_gap_asks_its_undecided_question_only_where_no_decision_is_put_to_the_council():
    decision = next(item for item in read_checklist() if item.id == "decision")
    assert decision.ask_undecided is not None
    assert decision.gap_question("nl", decided=True) == decision.ask.nl
    assert decision.gap_question("nl", decided=False) == decision.ask_undecided.nl
    assert decision.gap_question("en", decided=False) == decision.ask_undecided.en
    # An item without one asks its own question either way.
    other = next(item for item in read_checklist() if item.ask_undecided is None)
    assert other.gap_question("nl", decided=False) == other.ask.nl


def test_a_letter_that_puts_no_decision_to_the_council_is_asked_why_not(engine):
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    # A raadsinformatiebrief: no beslispunten, nothing the council is asked to decide.
    letter = reviewer.review(DEV / "02-geluidssensoren-uitgaansgebied.txt")
    assert not letter.has_decision and "decision" in letter.steps[1].missing_items
    steering = [q.text for q in letter.steps[1].questions]
    assert any(t.startswith("Als het college de raad hierover geen besluit voorlegt")
               for t in steering)
    assert not any(t.startswith("Wat besluit de raad precies") for t in steering)
    # A raadsvoorstel with beslispunten is not asked so.
    proposal = reviewer.review(DEV / "03-algoritme-bijstand.docx")
    assert proposal.has_decision
    assert not any("geen besluit voor" in q.text for s in proposal.steps for q in s.questions)


def test_a_worksheet_key_that_leaves_an_item_undecided_is_one_sentence(tmp_path):
    from assistant.errors import EvalFileError
    from assistant.evals.worksheets import load_keys

    key = json.loads((DEV / "keys.jsonl").read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / key["file"]).write_text("x", encoding="utf-8")
    del key["items"]["stop"]
    (tmp_path / "keys.jsonl").write_text(json.dumps(key) + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=f"entry for {key['file']} does not decide the item "
                                            "'stop'"):
        load_keys(tmp_path)
    (tmp_path / "keys.jsonl").write_text('{"file": 3}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match="line 1 is not a valid entry"):
        load_keys(tmp_path)


def test_a_worksheet_key_that_names_an_unknown_tension_is_one_sentence(tmp_path):
    from assistant.errors import EvalFileError
    from assistant.evals.worksheets import load_keys

    key = json.loads((DEV / "keys.jsonl").read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / key["file"]).write_text("x", encoding="utf-8")
    key["tensions"] = ["contract"]
    (tmp_path / "keys.jsonl").write_text(json.dumps(key) + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="names the unknown tension 'contract'"):
        load_keys(tmp_path)


def test_the_worksheet_eval_counts_the_tensions_its_keys_name(engine, tmp_path):
    import shutil

    from assistant.evals.worksheets import evaluate_worksheets

    lines = (DEV / "keys.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = []
    for line in lines:
        key = json.loads(line)
        if key["file"].startswith(("01-", "02-")):
            shutil.copy(DEV / key["file"], tmp_path / key["file"])
            # Both said to hold a supplier's term beyond the trial; only the first does.
            chosen.append(json.dumps({**key, "tensions": ["term"]}))
    (tmp_path / "keys.jsonl").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    result = evaluate_worksheets(engine, tmp_path)
    assert result["tensions"] == {"annotated": 2, "asked": 1, "expected": 2, "right": 1,
                                  "precision": 1.0, "recall": 0.5}
    asked = {r["file"][:3]: r["tensions_asked"] for r in result["proposals"]}
    assert asked == {"01-": ["term"], "02-": []}


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    ("Kruisweg levert de installaties en verzorgt tien jaar lang het onderhoud.", "nl",
     [("10 jaar", "runs", 120.0)]),
    ("De tellingen worden anderhalf jaar bewaard en daarna verwijderd.", "nl",
     [("anderhalf jaar", "kept", 18.0)]),
    ("We beginnen met een proef van een half jaar.", "nl", [("een half jaar", "runs", 6.0)]),
    ("De sensoren meten 24 uur per dag.", "nl", []),
    ("The data are kept for two years and then deleted.", "en", [("2 years", "kept", 24.0)]),
    ("The municipality takes a licence for five years.", "en", [("5 years", "runs", 60.0)]),
])
def test_the_periods_of_a_sentence_are_read_with_their_kind_and_length(sentence, lang, expected):
    from assistant.engine.review.tensions import periods

    assert [(p.written, p.kind, p.months) for p in periods(sentence, lang, 0)] == expected


def test_a_long_sentence_is_quoted_by_the_clause_that_names_its_period():
    from assistant.engine.review.tensions import periods, quote_of

    sentence = ("De tellingen, dat wil zeggen aantallen en wachttijden per rijrichting en per uur "
                "van de dag, worden twee jaar bewaard in het systeem van de gemeente.")
    period = periods(sentence, "nl", 0)[0]
    assert quote_of(sentence, period, "nl") == ("…worden twee jaar bewaard in het systeem van de "
                                                "gemeente")
    short = "De licentie loopt vijf jaar."
    assert quote_of(short, periods(short, "nl", 0)[0], "nl") == "De licentie loopt vijf jaar"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("      items: [ownership, decision, costs, risks]\n", "      items: [owner]\n",
     "owner is not a checklist item"),
    ("(“{quote}”), langer dan de proef van {short}.", "langer dan de proef van {short}.",
     r"the question has \{quote\} exactly once"),
    ("    step: 5\n", "    step: 6\n", "step must be a denkraam step"),
])
def test_a_broken_tension_is_named_with_its_line(tmp_path, old, new, message):
    from assistant.engine.review.tensions import TENSIONS, read_tensions

    text = TENSIONS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "tensions.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match=rf"line \d+: entry [a-z-]+: {message}"):
        read_tensions(path)


def test_periods_named_in_different_places_raise_a_question(engine):
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    sheet = reviewer.review(DEV / "01-slimme-verkeerslichten.md")
    sources = {c.n: c for c in sheet.citations}
    # The maintenance contract outlasts the twelve-month trial.
    term = [q for s in sheet.steps for q in s.questions if "termijn van 10 jaar" in q.text]
    assert len(term) == 1 and term[0] in sheet.steps[4].questions
    assert "langer dan de proef van 12 maanden" in term[0].text
    cited = [sources[n] for n in term[0].citations]
    assert [c.source for c in cited] == ["proposal", "proposal", "guidance"]
    assert "tien jaar lang het onderhoud" in cited[0].text
    assert "proefperiode van twaalf maanden" in cited[1].text
    # Sensors hired for the one year the trial lasts raise no such question.
    other = reviewer.review(DEV / "02-geluidssensoren-uitgaansgebied.txt")
    assert not any("langer dan de proef" in q.text for s in other.steps for q in s.questions)


CONTRACT = """Raadsvoorstel

Onderwerp: Digitaal zaaksysteem voor vergunningen

Beslispunten
1. In te stemmen met de invoering van een digitaal zaaksysteem voor vergunningaanvragen.
2. Een krediet van 240.000 euro beschikbaar te stellen.

Aanleiding
Aanvragers wachten nu gemiddeld elf weken op een besluit over hun omgevingsvergunning.

Uitvoering
Het systeem wordt geleverd door Archiefwerk B.V., met een contract van zes jaar voor licenties en
onderhoud.

Evaluatie
Na twaalf maanden evalueren wij de invoering aan de hand van de doorlooptijden en de tevredenheid
van aanvragers.
"""


def test_a_term_is_compared_with_the_trial_or_else_with_the_evaluation(engine, tmp_path):
    from assistant.engine.review import Reviewer

    reviewer = Reviewer(engine)
    path = tmp_path / "zaaksysteem.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    asked = [q.text for q in reviewer.review(path).steps[4].questions
             if "termijn van 6 jaar" in q.text]
    assert len(asked) == 1 and "terwijl de evaluatie na 12 maanden volgt" in asked[0]
    # With a trial (two years, evaluated after twelve and eighteen months) it is compared with
    # the trial only.
    sheet = reviewer.review(DEV / "04-cameratoezicht-binnenstad.pdf")
    asked = [q.text for q in sheet.steps[4].questions if "termijn van 5 jaar" in q.text]
    assert len(asked) == 1 and "langer dan de proef van 2 jaar" in asked[0]


def test_a_deadline_is_no_period_and_a_list_is_quoted_by_its_item():
    from assistant.engine.review.tensions import periods, quote_of

    # "binnen vier weken" says by when the sensors are collected, not how long anything runs.
    assert periods("Stopt de pilot, dan worden de sensoren binnen vier weken opgehaald.",
                   "nl", 0) == []
    rules = ("De spelregels zijn: - De leverancier mag de gegevens niet voor eigen doeleinden "
             "gebruiken, ook niet om zijn software te verbeteren of aan derden te verkopen. - "
             "Ruwe gegevens worden na 90 dagen automatisch verwijderd. - Alleen de medewerkers "
             "van de zorgcentrale hebben toegang.")
    (period,) = periods(rules, "nl", 0)
    assert quote_of(rules, period, "nl") == ("…Ruwe gegevens worden na 90 dagen automatisch "
                                             "verwijderd…")


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    ("De pilot loopt van 1 september 2027 tot 1 september 2028.", "nl", ("12 maanden", 12.0)),
    ("Het contract loopt van 1 januari 2028 tot en met 31 december 2031.", "nl", ("4 jaar", 48.0)),
    ("The trial runs from March 2027 to March 2029.", "en", ("2 years", 24.0)),
])
def test_a_period_written_as_two_dates_is_read_as_its_length(sentence, lang, expected):
    from assistant.engine.review.tensions import periods

    assert [(p.written, p.months) for p in periods(sentence, lang, 0)] == [expected]


def test_a_term_within_the_trial_is_not_compared_with_an_earlier_evaluation(engine, tmp_path):
    from assistant.engine.review import Reviewer

    text = CONTRACT.replace(
        "1. In te stemmen met de invoering",
        "1. In te stemmen met een pilot van anderhalf jaar met").replace(
        "Na twaalf maanden evalueren wij de invoering", "Na zes maanden evalueren wij de pilot")
    path = tmp_path / "zaaksysteem.txt"
    path.write_text(text.replace("contract van zes jaar", "contract van twaalf maanden"),
                    encoding="utf-8")
    sheet = Reviewer(engine).review(path)
    # Twelve months of contract within an eighteen-month pilot: no question, though the first
    # evaluation comes after six.
    assert not any((q.bank_id or "").startswith("tension:") for s in sheet.steps
                   for q in s.questions)
    path.write_text(text.replace("contract van zes jaar", "looptijd 2027-2030 van het contract"),
                    encoding="utf-8")
    asked = [q.text for s in Reviewer(engine).review(path).steps for q in s.questions
             if (q.bank_id or "").startswith("tension:")]
    assert len(asked) == 1 and "termijn van 4 jaar" in asked[0]
    assert "langer dan de proef van anderhalf jaar" in asked[0]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Het contract loopt van 31 januari 2027 tot 1 maart 2027.", 1.0),
    ("De pilot loopt van 1 maart 2027 tot en met 14 maart 2028.", 12.0),
    ("De pilot loopt van 1 maart 2027 tot 15 maart 2028.", 12.0),
    ("Het contract loopt van maart 2027 tot en met augustus 2028.", 18.0),
])
def test_two_dates_are_counted_in_days_and_rounded_to_months(sentence, expected):
    from assistant.engine.review.tensions import periods

    assert [p.months for p in periods(sentence, "nl", 0)] == [expected]


@pytest.mark.parametrize(("sentence", "lang"), [
    ("De licentie kost € 86.000 per jaar.", "nl"),
    ("The licence costs £86,000 a year.", "en"),
])
def test_an_amount_per_year_is_no_period(sentence, lang):
    from assistant.engine.review.tensions import periods

    assert periods(sentence, lang, 0) == []


def test_a_quote_names_its_period_not_one_that_holds_its_figures():
    from assistant.engine.review.tensions import periods, quote_of

    sentence = ("Het onderhoudscontract met de leverancier van de installaties en de software "
                "loopt twaalf jaar, de licentie voor de bijbehorende beheeromgeving en de app "
                "loopt twee jaar en wordt daarna steeds met een jaar verlengd.")
    two = next(p for p in periods(sentence, "nl", 0) if p.months == 24)
    assert quote_of(sentence, two, "nl").startswith("…de licentie voor de bijbehorende")
    ranged = ("Het systeem wordt geleverd en beheerd door Archiefwerk, dat ook de opleiding van de "
              "medewerkers en de koppeling met het zaaksysteem verzorgt voor de looptijd "
              "2027-2030 van het contract en daarna nog een jaar ondersteuning biedt.")
    (period,) = [p for p in periods(ranged, "nl", 0) if p.years]
    assert "2027-2030" in quote_of(ranged, period, "nl")


def test_a_trial_with_its_own_word_counts_and_one_sentence_is_cited_once(engine, tmp_path):
    from assistant.engine.review import Reviewer

    text = CONTRACT.replace(
        "1. In te stemmen met de invoering", "1. In te stemmen met een testperiode van zes "
        "maanden voor").replace("Na twaalf maanden evalueren", "Na drie maanden evalueren")
    path = tmp_path / "zaaksysteem.txt"
    path.write_text(text, encoding="utf-8")
    asked = [q for s in Reviewer(engine).review(path).steps for q in s.questions
             if (q.bank_id or "").startswith("tension:")]
    # Compared with the six-month trial, not with the evaluation after three.
    assert len(asked) == 1 and "langer dan de proef van 6 maanden" in asked[0].text
    assert len(asked[0].citations) == len(set(asked[0].citations))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("      kinds: [runs, other]\n      cues: *term_cues\n",
     "      kinds: [runs, other]\n      cues: [Contract]\n",
     "the cue 'Contract' is not one word in lower case without accents"),
    ("  - id: term-beyond-evaluation\n    step: 5\n",
     "  - id: term-beyond-evaluation\n    step: 4\n", "the group term stands in another step"),
])
def test_a_tension_that_could_never_hold_is_refused(tmp_path, old, new, message):
    from assistant.engine.review.tensions import TENSIONS, read_tensions

    text = TENSIONS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "tensions.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UnderstandingDataError, match=rf"line \d+: entry term-beyond-evaluation: "
                                                      rf"{message}"):
        read_tensions(path)


@pytest.mark.slow
def test_the_eval_command_scores_what_sentences_claim(seed_settings, monkeypatch, tmp_path,
                                                      capsys, engine):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(seed_settings.index.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(seed_settings.index.index_dir))
    rows = [{"text": "De nieuwe software scheelt ons jaarlijks € 40.000 aan inhuur.",
             "section": "financiële gevolgen", "readings": ["gain"], "topic": "inhuur",
             "lang": "nl"},
            {"text": "De licentie kost € 12.000 per jaar.", "section": "financiële gevolgen",
             "readings": ["cost"], "topic": "inhuur", "lang": "nl"},
            {"text": "Inwoners kunnen een melding doen via de app.", "section": None,
             "readings": [], "topic": "meldingen", "lang": "nl"}]
    path = tmp_path / "readings.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["eval", "--readings", str(path), "--json", str(out)]) == 0
    result = json.loads(out.read_text("utf-8"))
    assert (result["sentences"], result["plans"]) == (3, 2)
    gain = result["readings"]["gain"]
    assert gain["sentences"]["labelled"] == 1 and gain["plans"]["labelled"] == 1
    assert gain["sentences"]["n"] == 3 and gain["plans"]["n"] == 2
    assert "3 sentences of 2 plans" in capsys.readouterr().out
    # A bad file is refused in one sentence, before the engine loads.
    path.write_text("", encoding="utf-8")
    assert main(["eval", "--readings", str(path)]) == 2
    assert "holds no entries" in capsys.readouterr().err
    path.write_text(json.dumps(rows[0] | {"readings": ["winst"]}) + "\n", encoding="utf-8")
    assert main(["eval", "--readings", str(path)]) == 2
    assert "unknown reading 'winst'" in capsys.readouterr().err


def test_a_proposal_model_trained_without_readings_is_refused(tmp_path):
    import numpy as np

    from assistant.engine.review.checklist import checklist
    from assistant.engine.review.model import ReviewModel

    ids = [i.id for i in checklist()]
    width = 4 + 2 + len(ids)  # a vector of 4, two n-grams, the section features
    with open(tmp_path / "model.npz", "wb") as f:
        np.savez(f, coef=np.zeros((len(ids), width), dtype=np.float32),
                 intercept=np.zeros(len(ids), dtype=np.float32),
                 ids=np.asarray(ids, dtype="U40"), idf=np.ones(2, dtype=np.float32),
                 grams=np.asarray(["kost", "jaar"]))
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="trained without readings"):
        ReviewModel.load(tmp_path)
