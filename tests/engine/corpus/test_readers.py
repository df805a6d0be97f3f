import logging
from pathlib import Path

import pytest

from assistant.engine.corpus.readers import (
    content_hash,
    is_chrome,
    is_self_citation,
    load_corpus,
    read_html,
    read_markdown,
    read_pdf,
)
from assistant.errors import CorpusError

from ...conftest import FIXTURES, SEED_CORPUS


@pytest.mark.parametrize("line", [
    "calendar tag arrow download print",
    "Doorgaan naar inhoud",
    "Lees het hele rapport hier",
    "Downloads",
    "Image",
    "26 juni 2018",
    "Door Wendolijn Beukers en Yvonne Kemmerling",
    "Digitale democratie Slimme stad Besluitvorming",
    # Chrome the seed texts do not contain: the rule is general, not a list of strings.
    "Ga naar hoofdmenu",
    "Deel dit artikel op LinkedIn",
    "Bekijk hier de video",
    "Zoeken Menu Sluiten",
    "Deze website gebruikt cookies. Door verder te gaan geeft u toestemming.",
    "We use cookies to improve the site; accept or change your settings.",
    "Meld u aan voor onze nieuwsbrief en ontvang het laatste nieuws.",
    "Jaarverslag 2024 (PDF, 1,4 MB)",
    "Bijlage bij het besluit [docx, 310 kB]",
    "Nieuwsbericht | 12 mei 2025",
    "Rekenkamercommissie Weststad, oktober 2025",
])
def test_web_chrome_is_recognised(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", [
    "Rol van de raad",
    "Kaders en hulpmiddelen",
    "De gemeenteraad stuurt en controleert het gebruik van technologie door de gemeente.",
    "Van wie is digitalisering?",
    "3. De chatbot Vraag Weststad",
    "Sinds september 2024 beantwoordt de chatbot eenvoudige vragen over afval.",
    "Vanaf 1 juni 2025 hangen er zes camera's in het Stadspark.",
])
def test_content_is_not_chrome(line):
    assert not is_chrome(line)


def test_seed_corpus_loads_without_chrome():
    report = load_corpus(SEED_CORPUS)
    assert {d.doc_id for d in report.documents} == {
        "fcf-2021-digitalisering-in-de-portefeuille", "rathenau-2018-publieke-waarden-centraal",
        "rathenau-2018-waardevol-digitaliseren", "rathenau-2020-raad-weten-met-digitalisering",
        "vng-technologie-ethiek-rol-van-de-raad"}
    text = "\n".join(b.text for d in report.documents for b in d.blocks)
    for chrome in ("calendar tag arrow", "Doorgaan naar inhoud", "Lees het hele rapport hier",
                   "Klik hier", "date 2020-09"):
        assert chrome not in text
    assert "Het denkraam is in principe toepasbaar" in text


def test_metadata_comes_from_sources_yaml():
    docs = {d.doc_id: d for d in load_corpus(SEED_CORPUS).documents}
    vng = docs["vng-technologie-ethiek-rol-van-de-raad"]
    assert vng.title == "Technologie, ethiek en de rol van de raad"
    assert vng.publisher == "Vereniging van Nederlandse Gemeenten (VNG)"
    assert vng.date is None  # not stated in the text, so not invented


def test_pdf_keeps_page_numbers():
    blocks = read_pdf(FIXTURES / "raadsvoorstel-camera.pdf")
    assert {b.page for b in blocks} == {1, 2}
    evaluation = next(b for b in blocks if b.text.startswith("Na een jaar"))
    assert evaluation.page == 2
    # A line wrapped mid-sentence is joined, not taken for a heading.
    assert any("Raadsleden vragen zich af welke gegevens" in b.text for b in blocks)


def test_html_drops_navigation_and_keeps_headings(tmp_path: Path):
    page = tmp_path / "pagina.html"
    page.write_text("""<html><body><nav><a href="/">Home</a> Zoeken</nav>
      <header>Gemeente Voorbeeld</header>
      <h1>Sensoren in de stad</h1><p>De gemeente plaatst sensoren om drukte te meten.</p>
      <p><a href="/r.pdf">Download het rapport hier</a></p>
      <footer>Cookies accepteren</footer><script>alert(1)</script></body></html>""",
                    encoding="utf-8")
    blocks = read_html(page)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Sensoren in de stad"),
        ("para", "De gemeente plaatst sensoren om drukte te meten.")]


def test_markdown_headings_and_links(tmp_path: Path):
    page = tmp_path / "notitie.md"
    page.write_text("# Algoritmes\n\nDe gemeente gebruikt [algoritmes](http://x) voor "
                    "**handhaving**.\n", encoding="utf-8")
    blocks = read_markdown(page)
    assert blocks[0].kind == "heading" and blocks[0].text == "Algoritmes"
    assert blocks[1].text == "De gemeente gebruikt algoritmes voor handhaving."


def test_markdown_lists_tables_code_and_images(tmp_path: Path):
    page = tmp_path / "notitie.md"
    page.write_text(
        "# Aanbevelingen\n\n"
        "1. Laat een medewerker de uitkomst beoordelen\n   voordat er een besluit valt.\n"
        "2. Toets de risicoscore jaarlijks.\n\n"
        "De raad vraagt het college om:\n\n- een register;\n- een jaarverslag.\n\n"
        "![Een schermafdruk](beeld.png)\n\n"
        "| Locatie | Bewaartermijn |\n|---|---|\n| Speeltuin | 28 dagen |\n\n"
        "```\nrisico_score = model_v2(dossier)\n```\n", encoding="utf-8")
    assert [(b.kind, b.text) for b in read_markdown(page)] == [
        ("heading", "Aanbevelingen"),
        ("para", "1. Laat een medewerker de uitkomst beoordelen voordat er een besluit valt."),
        ("para", "2. Toets de risicoscore jaarlijks."),
        ("para", "De raad vraagt het college om: - een register; - een jaarverslag."),
        ("para", "Locatie: Speeltuin; Bewaartermijn: 28 dagen."),
        ("para", "risico_score = model_v2(dossier)")]


def test_markdown_nested_lists_html_breaks_and_lines_of_chrome(tmp_path: Path):
    page = tmp_path / "notitie.md"
    page.write_text(
        "# Rapport camera's\n"
        "Beleid en onderzoek\n12 maart 2024\n\n"
        "De gemeente let op het volgende:\n\n- Privacy\n  - Bewaartermijn van beelden\n"
        "  - Toegang tot beelden\n- Kosten\n\n"
        '<div class="kader">\nLet op: de gemeente bewaart camerabeelden 28 dagen.\n</div>\n\n'
        "De camera's staan bij de ingang.<br>Ze filmen alleen overdag.\n", encoding="utf-8")
    blocks = [(b.kind, b.text) for b in read_markdown(page)]
    assert blocks[0] == ("heading", "Rapport camera's")
    assert ("para", "De gemeente let op het volgende: - Privacy - Bewaartermijn van beelden "
                    "- Toegang tot beelden - Kosten") in blocks  # nested items are no headings
    assert ("para", "Let op: de gemeente bewaart camerabeelden 28 dagen.") in blocks
    # <br> breaks the line; the words either side stay apart.
    assert ("para", "Ze filmen alleen overdag.") in blocks
    assert not any("ingang.Ze" in text for _, text in blocks)
    assert not any("12 maart 2024" in text for _, text in blocks)  # a date line is chrome


def test_unreadable_files_are_skipped_with_a_warning_naming_them(tmp_path: Path, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "goed.txt").write_text("Goede tekst\n\nDe raad bespreekt digitalisering in de "
                                     "commissie en stelt kritische vragen.\n", encoding="utf-8")
    (corpus / "leeg.txt").write_bytes(b"")
    (corpus / "binair.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (corpus / "latin1.txt").write_bytes("Privacy en één café".encode("latin-1"))
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    # A link to a file outside the folder is not read; one to a file inside it is.
    outside = tmp_path / "geheim.txt"
    outside.write_text("Geheim\n\nWachtwoorden van de griffie staan in deze tekst.\n",
                       encoding="utf-8")
    (corpus / "geheim.txt").symlink_to(outside)
    (corpus / "kopie.txt").symlink_to(corpus / "goed.txt")
    with caplog.at_level(logging.WARNING):
        report = load_corpus(corpus)
    assert [d.doc_id for d in report.documents] == ["goed", "kopie"]
    skipped = dict(report.skipped)
    assert set(skipped) == {"leeg.txt", "binair.txt", "latin1.txt", "kapot.pdf", "geheim.txt"}
    assert "UTF-8" in skipped["latin1.txt"]
    assert "outside the corpus folder" in skipped["geheim.txt"]
    for name in skipped:
        assert name in caplog.text


def test_corpus_without_readable_documents_is_an_error(tmp_path: Path):
    (tmp_path / "leeg.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match="No readable guidance text"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "missing")


def test_content_hash_changes_with_any_file(tmp_path: Path):
    (tmp_path / "a.txt").write_text("een", encoding="utf-8")
    first = content_hash(tmp_path)
    (tmp_path / "a.txt").write_text("twee", encoding="utf-8")
    assert content_hash(tmp_path) != first


def test_cite_as_reference_to_the_document_itself_is_not_content():
    title = "Waardevol digitaliseren – Hoe lokale bestuurders mee kunnen doen"
    assert is_self_citation("Bij voorkeur citeren als: Est, R. van, E. de Bakker & H. Voncken "
                            "(2018). Waardevol digitaliseren – Hoe lokale bestuurders mee "
                            "kunnen doen. Den Haag: Rathenau Instituut.", title)
    # A paragraph that only mentions the title, or cites another work, stays.
    assert not is_self_citation("In Waardevol digitaliseren hoe lokale bestuurders mee kunnen "
                                "doen beschrijven we tien perspectieven.", title)
    assert not is_self_citation("Zie Kool, L., J. Timmer (2017). Opwaarderen.", title)
    docs = {d.doc_id: d for d in load_corpus(SEED_CORPUS).documents}
    text = " ".join(b.text for b in docs["rathenau-2018-waardevol-digitaliseren"].blocks)
    assert "Bij voorkeur citeren als" not in text


def test_running_headers_and_page_numbers_leave_pdf_text():
    from assistant.engine.corpus.chrome import page_body, running_lines

    names = {1: "Inleiding", 2: "Kosten", 3: "Planning"}
    pages = [["Gemeente X - Raadsvoorstel 2025/031", f"{n}. {names[n]}", f"Tekst van pagina {n}.",
              f"Einde van {names[n].lower()}.", f"Pagina {n} van 3"] for n in (1, 2, 3)]
    shapes = running_lines(pages)
    kept = [page_body(page, shapes) for page in pages]
    # Lines alike but for a number stay when they are not at the top or bottom of the page.
    assert [page[1] for page in kept] == ["Tekst van pagina 1.", "Tekst van pagina 2.",
                                          "Tekst van pagina 3."]
    assert all(len(page) == 3 for page in kept)


def test_a_section_left_empty_by_chrome_loses_its_heading(tmp_path: Path):
    page = tmp_path / "pagina.html"
    page.write_text("""<html><body><h1>Camera's</h1><p>De gemeente hangt camera's op.</p>
      <div class="newsletter"><h2>Blijf op de hoogte</h2><p>Meld u aan.</p></div>
      <h2>Downloads</h2><ul><li><a href="a.pdf">Besluit (PDF, 1,4 MB)</a></li></ul>
      </body></html>""", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("{}", encoding="utf-8")
    doc = load_corpus(tmp_path).documents[0]
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Camera's"), ("para", "De gemeente hangt camera's op.")]


def test_chrome_classes_never_remove_the_page_or_its_main_content(tmp_path: Path):
    page = tmp_path / "pagina.html"
    page.write_text("""<html><body class="menu-open page-related">
      <div class="menu-wrapper"><main><h1>Sensoren</h1>
      <p>De gemeente plaatst sensoren om drukte te meten.</p></main></div>
      <div class="share-buttons">Deel dit bericht</div></body></html>""", encoding="utf-8")
    blocks = read_html(page)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Sensoren"), ("para", "De gemeente plaatst sensoren om drukte te meten.")]


def test_sources_entries_are_read_as_written_and_a_bad_one_is_named(tmp_path):
    from assistant.engine.corpus.readers import load_sources

    (tmp_path / "sources.yaml").write_text(
        "notitie:\n  title: Notitie\n  date: 2024-03-01\n  authors: A. de Vries\n"
        "  language:\n  extra: kept out\nleeg:\n", encoding="utf-8")
    sources = load_sources(tmp_path)
    assert sources["notitie"].date == "2024-03-01"  # YAML's date, as written
    assert sources["notitie"].authors == ["A. de Vries"]
    assert sources["notitie"].language == "nl" and sources["leeg"].title is None
    (tmp_path / "sources.yaml").write_text("notitie:\n  title: {a: b}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"title of 'notitie' cannot be used"):
        load_sources(tmp_path)
    (tmp_path / "sources.yaml").write_text("notitie: [1, 2]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'notitie' must be a mapping"):
        load_sources(tmp_path)
