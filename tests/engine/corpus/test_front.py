"""The title and date a document gives itself on its first page (corpus/front.py), for the
documents a griffie adds without describing them in sources.yaml."""

from pathlib import Path

import pytest

from assistant.engine.corpus import front
from assistant.engine.corpus.readers import Block, load_corpus, own_title_and_date

from ...conftest import SEED_CORPUS

ROOT = Path(__file__).resolve().parents[3]


def _blocks(*rows: tuple[str, str]) -> list[Block]:
    return [Block(kind, text, None, 1) for kind, text in rows]


@pytest.mark.parametrize(("blocks", "title"), [
    # The kind of document, particulars, then the subject: "Raadsvoorstel: <subject>".
    (_blocks(("heading", "RAADSVOORSTEL"), ("para", "Onderwerp: Proef met bodycams voor boa's"),
             ("heading", "Portefeuillehouder: burgemeester M. de Vries"),
             ("heading", "Beslispunten")), "Raadsvoorstel: Proef met bodycams voor boa's"),
    (_blocks(("heading", "Raadsinformatiebrief"), ("heading", "Aan: de gemeenteraad van Noord"),
             ("heading", "Betreft: resultaten van de chatbot")),
     "Raadsinformatiebrief: resultaten van de chatbot"),
    # The organisation is who wrote it; the heading and its subtitle are the title.
    (_blocks(("heading", "REKENKAMERCOMMISSIE NOORD"), ("heading", "Slim geparkeerd?"),
             ("heading", "Onderzoek naar de parkeersensoren"),
             ("heading", "Leden rekenkamercommissie: mr. C. Oud (voorzitter)"),
             ("heading", "1. INLEIDING")),
     "Slim geparkeerd? Onderzoek naar de parkeersensoren"),
    # A title line written as "kind: subject", above a numbered decision point.
    (_blocks(("para", "Raadsvoorstel: camera's bij ondergrondse containers"),
             ("heading", "4. Kennis te nemen van de DPIA en de")),
     "Raadsvoorstel: camera's bij ondergrondse containers"),
    # A title with a colon in it is a title, not a label and its value.
    (_blocks(("heading", "Beleidsnota Pilot Digitale Identiteit: de Kustwallet"),
             ("heading", "Gemeente Zeewijk"), ("para", "Portefeuillehouder: wethouder R. Smit")),
     "Beleidsnota Pilot Digitale Identiteit: de Kustwallet"),
    # Particulars with a date are not the title.
    (_blocks(("heading", "Gemeente Zeewijk"), ("heading", "Vastgesteld door het college op: "
                                                          "6 oktober 2026"),
             ("heading", "Ter bespreking in de commissie Bestuur: 2 november 2026"),
             ("heading", "1. Samenvatting"), ("para", "De gemeente gebruikt algoritmes.")), None),
    # Titles that begin like an organisation or a label are titles.
    (_blocks(("heading", "Raad weten met digitalisering"), ("para", "Tekst.")),
     "Raad weten met digitalisering"),
    (_blocks(("heading", "Visie: data als bron"), ("para", "Tekst.")), "Visie: data als bron"),
    (_blocks(("heading", "10 jaar Wmo in de wijk"), ("para", "Tekst.")), "10 jaar Wmo in de wijk"),
    # The kind on a line of its own, with its colon; a table of contents and a web address.
    (_blocks(("heading", "Raadsvoorstel:"), ("heading", "Drones bij dijkinspectie")),
     "Raadsvoorstel: Drones bij dijkinspectie"),
    (_blocks(("heading", "Inhoudsopgave"), ("heading", "lindewaarde.nl"),
             ("heading", "Het parkeerplan")), "Het parkeerplan"),
    # The text begins at once: no title of its own.
    (_blocks(("para", "De gemeente gebruikt twaalf algoritmes in het sociaal domein, waarvan "
                      "drie bij beslissingen over inwoners.")), None),
])
def test_the_title_is_what_the_first_page_calls_the_document(blocks, title):
    assert front.title(blocks) == title


@pytest.mark.parametrize(("lines", "date"), [
    (["RAADSVOORSTEL", "Kenmerk: RV 2026-117", "Datum collegebesluit: 3 november 2026"],
     "2026-11-03"),
    (["Beleidsnota", "Vastgesteld door het college op 8 september 2026"], "2026-09-08"),
    (["Proef met geluidssensoren", "Gepubliceerd op 15 maart 2027 | Laatst gewijzigd op 22 maart "
                                   "2027"], "2027-03-15"),
    (["| Versie | 1.0 |", "| Datum | 8 februari 2027 |"], "2027-02-08"),
    (["Datum: oktober 2025"], "2025-10"),
    (["Date: 2026-03-01"], "2026-03-01"),
    (["Datum: 01-04-2026"], "2026-04-01"),
    # Without a colon, after a label of two words, in English, with a time.
    (["Datum 3 november 2026"], "2026-11-03"),
    (["Datum collegebesluit 3 november 2026"], "2026-11-03"),
    (["Published: March 3, 2026"], "2026-03-03"),
    (["Date: 2026-11-03T10:00"], "2026-11-03"),
    # No date that does not exist, and no label that only begins like one.
    (["Datum: 31-02-2026"], None),
    (["Datering van de tekst: mei 2021"], None),
    # A date in the text is not the document's.
    (["Sinds 1 oktober 2026 staat de chatbot online.", "Kenmerk: RIB-2027-004"], None),
])
def test_the_date_is_the_one_the_first_page_labels_as_its_own(lines, date):
    assert front.date(lines) == date


def test_a_file_name_is_a_title_of_last_resort():
    assert front.name_of("beleidsnota-verantwoord_algoritmegebruik") == \
        "Beleidsnota verantwoord algoritmegebruik"


def test_documents_a_griffie_adds_are_named_and_dated_as_they_name_themselves():
    # Real files of every kind: a PDF and a Word file written by their generators, Markdown,
    # plain text and a web page; none of them described in sources.yaml.
    docs = {d.doc_id: d for d in load_corpus(ROOT / "evals" / "added-dev2").documents}
    named = {doc_id: (d.title, d.date) for doc_id, d in docs.items()}
    assert named["raadsvoorstel-camera-beeldherkenning-containers"] == (
        "Raadsvoorstel: camera's met beeldherkenning bij ondergrondse containers", "2026-11-10")
    assert named["raadsinformatiebrief-chatbot-lotte"] == (
        "Raadsinformatiebrief: eerste resultaten van chatbot Lotte op lindewaarde.nl",
        "2027-01-19")
    assert named["rekenkamerrapport-slim-parkeren"] == (
        "Slim geparkeerd? Onderzoek naar de parkeersensoren en de parkeerapp ParkLinde",
        "2026-05-12")
    # A Markdown title that reads like a tag list with years is kept, as title and as text.
    algorithms = docs["beleidsnota-verantwoord-algoritmegebruik"]
    assert (algorithms.title, algorithms.date) == (
        "Beleidsnota Verantwoord algoritmegebruik Lindewaarde 2027–2030", "2026-09-29")
    assert algorithms.blocks[0].kind == "heading" and algorithms.blocks[0].text == algorithms.title
    assert named["webpagina-proef-geluidssensoren-uitgaansgebied"] == (
        "Proef met geluidssensoren in het uitgaansgebied", "2027-03-15")


def test_sources_yaml_still_decides_for_the_documents_it_describes():
    docs = {d.doc_id: d for d in load_corpus(SEED_CORPUS).documents}
    vng = docs["vng-technologie-ethiek-rol-van-de-raad"]
    assert vng.title == "Technologie, ethiek en de rol van de raad" and vng.date is None
    assert docs["rathenau-2020-raad-weten-met-digitalisering"].date == "2020-09"


def test_a_section_heading_is_no_subtitle():
    blocks = _blocks(("heading", "Proef met geluidssensoren"), ("heading", "Waarom deze proef?"),
                     ("para", "Het centrum is een levendig uitgaansgebied."))
    assert front.title(blocks) == "Proef met geluidssensoren"


def test_sources_yaml_decides_where_it_speaks_and_the_first_page_elsewhere(tmp_path):
    first_page = ("RAADSVOORSTEL\n\nOnderwerp: Drones bij dijkinspectie\n\n"
                  "Datum collegebesluit: 3 november 2026\n\n1. Inleiding\n\n"
                  "Het college stelt voor drones in te zetten bij de inspectie van dijken.\n")
    for stem in ("beschreven", "half", "kaal"):
        (tmp_path / f"{stem}.txt").write_text(first_page, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "beschreven:\n  title: Drones boven de dijk\n  date: '2026-12-01'\n"
        "half:\n  publisher: Gemeente Zeewijk\n", encoding="utf-8")
    docs = {d.doc_id: d for d in load_corpus(tmp_path).documents}
    assert (docs["beschreven"].title, docs["beschreven"].date) == ("Drones boven de dijk",
                                                                   "2026-12-01")
    assert (docs["half"].title, docs["half"].date) == (
        "Raadsvoorstel: Drones bij dijkinspectie", "2026-11-03")
    assert docs["half"].publisher == "Gemeente Zeewijk"
    assert docs["kaal"].title == "Raadsvoorstel: Drones bij dijkinspectie"


def test_a_word_file_dated_in_a_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Raadsinformatiebrief", style="Title")
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in zip(table.rows, [("Kenmerk", "RIB-2027-004"),
                                                 ("Datum", "19 januari 2027")], strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Onderwerp: drones bij dijkinspectie")
    document.add_paragraph("Geachte raadsleden, wij informeren u over de proef met drones.")
    path = tmp_path / "brief.docx"
    document.save(str(path))
    doc = load_corpus(tmp_path).documents[0]
    assert (doc.title, doc.date) == ("Raadsinformatiebrief: drones bij dijkinspectie",
                                     "2027-01-19")


def test_a_first_page_that_cannot_be_read_costs_the_title_not_the_document(tmp_path, caplog):
    path = tmp_path / "plan.txt"
    path.write_text("Het plan\n\nDe gemeente wil drones inzetten bij dijkinspecties.\n",
                    encoding="utf-8")
    blocks = [Block("heading", "Het plan", None, 1)]
    assert own_title_and_date(path, blocks, True, True) == ("Het plan", None)
    assert own_title_and_date(path, [None], True, True) == (None, None)  # type: ignore[list-item]
    assert "Could not read a title or date" in caplog.text
