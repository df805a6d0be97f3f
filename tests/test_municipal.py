"""Documents a municipality adds (a raadsvoorstel PDF, a web page with chrome, a Markdown audit
report, a hard-wrapped policy note) are read cleanly and can be asked about at once, with no
other file edited. The documents and their questions live in evals/municipal/."""

import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.engine.corpus.readers import load_corpus
from assistant.evaluate import evaluate, load_reference

from .conftest import copy_corpus

MUNICIPAL = PROJECT_ROOT / "evals" / "municipal"
QUESTIONS = PROJECT_ROOT / "evals" / "municipal.jsonl"
CHROME = ["cookies", "nieuwsbrief", "Aanmelden", "MB)", "kB)", "Deel dit bericht", "Postbus",
          "Pagina 1 van 3", "Raadsvoorstel 2025/031", "Direct naar de inhoud", "Home >",
          "Nieuwsbericht |", "Downloads"]


def _documents():
    folder = Path(__file__).parent / "output" / "municipal-docs"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in MUNICIPAL.iterdir():
        if path.suffix in (".txt", ".md", ".html", ".pdf"):
            shutil.copy2(path, folder / path.name)
    return {d.doc_id: d for d in load_corpus(folder).documents}


def test_no_chrome_reaches_a_passage():
    for doc in _documents().values():
        text = "\n".join(b.text for b in doc.blocks)
        for chrome in CHROME:
            assert chrome not in text, (doc.doc_id, chrome)


def test_pdf_pages_headings_and_wrapped_sentences():
    doc = _documents()["raadsvoorstel-parkeersensoren"]
    headings = [(b.text, b.page) for b in doc.blocks if b.kind == "heading"]
    assert ("4. Privacy", 2) in headings and ("7. Planning", 3) in headings
    assert ("5. Leverancier en eigendom", 2) in headings
    paras = [b for b in doc.blocks if b.kind == "para"]
    # A sentence wrapped over two lines is one sentence, on the page it stands on.
    privacy = next(b for b in paras if b.text.startswith("De sensoren liggen in het wegdek"))
    assert privacy.page == 2
    assert "De functionaris gegevensbescherming heeft het voorstel beoordeeld" in privacy.text
    assert doc.title == "Raadsvoorstel parkeersensoren in het centrum"


def test_hard_wrapped_text_keeps_numbered_headings_and_whole_sentences():
    doc = _documents()["beleidsnotitie-digitale-dienstverlening"]
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["1. Inleiding", "2. Uitgangspunten", "3. De chatbot Vraag Weststad",
                        "4. Inwoners die niet digitaal meedoen", "5. Verantwoording aan de raad"]
    text = " ".join(b.text for b in doc.blocks if b.kind == "para")
    assert "verliep 61 procent van alle aanvragen via het digitale loket, tegen 48 procent in " \
           "2021." in text
    assert "Bij 14 procent van de gesprekken schakelt de chatbot door" in text


def test_tables_are_kept_as_rows():
    docs = _documents()
    html = " ".join(b.text for b in docs["camera-toezicht-stadspark"].blocks)
    assert "Locatie: Speeltuin; Aantal camera's: 1; Bewaartermijn beelden: 28 dagen." in html
    md = " ".join(b.text for b in docs["rekenkamer-algoritmes-sociaal-domein"].blocks)
    assert "Algoritme: Risicoscore bijstand; Doel: selecteren van dossiers voor heronderzoek; " \
           "Menselijke toets: nee." in md


@pytest.fixture(scope="module")
def municipal_engine(tmp_path_factory, analyser_cache):
    from assistant.engine import Engine
    from assistant.engine.index.build import build_index

    root = tmp_path_factory.mktemp("municipal")
    corpus = copy_corpus(root / "corpus")
    for path in MUNICIPAL.iterdir():
        if path.suffix in (".txt", ".md", ".html", ".pdf"):
            shutil.copy2(path, corpus / path.name)
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", cache_dir=analyser_cache)
    build_index(settings, progress=False)
    return Engine.load(settings)


def test_added_documents_are_answerable_without_editing_anything_else(municipal_engine):
    engine = municipal_engine
    questions = load_reference(QUESTIONS, set(engine.index.documents))
    result = evaluate(engine, questions)
    pipeline = result["systems"]["pipeline"]
    # Measured 0.833 / 1.000 / 1.000 when this test was written; the bounds leave room for a
    # question or two, not for the documents being unreachable.
    assert pipeline["hit@5"] >= 0.9
    assert pipeline["hit@1"] >= 0.7
    assert pipeline["abstain_accuracy"] >= 0.9
    assert result["answers"]["unanswerable_declined"] == 1.0


def test_pdf_citations_carry_their_page(municipal_engine):
    answer = municipal_engine.ask("Wanneer start de plaatsing van de parkeersensoren?")
    assert not answer.abstained
    cited = [c for c in answer.citations if c.doc == "raadsvoorstel-parkeersensoren"]
    assert cited and all(c.page == 3 for c in cited if "maart 2026" in c.text)
    assert any("maart 2026" in c.text for c in answer.summary)
