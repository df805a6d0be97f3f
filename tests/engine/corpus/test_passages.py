from assistant.engine.corpus.passages import split_document
from assistant.engine.corpus.readers import load_corpus

from ...conftest import SEED_CORPUS


def _passages():
    docs = load_corpus(SEED_CORPUS).documents
    return [p for d in docs for p in split_document(d, 25, 160)]


def test_ids_are_doc_and_position_and_stable():
    first, second = _passages(), _passages()
    assert [p.id for p in first] == [p.id for p in second]
    for p in first:
        assert p.id == f"{p.doc}#{p.n}"
    assert len({p.id for p in first}) == len(first)


def test_passages_keep_their_heading_path():
    by_id = {p.id: p for p in _passages()}
    living_lab = next(p for p in by_id.values() if p.text.startswith("Terwijl in het ouderwetse"))
    assert living_lab.heading_path == ["EXPERIMENTEREN", "4. Regel de ethiek van het living lab"]
    assert "4. Regel de ethiek van het living lab" in living_lab.cited_text


def test_short_paragraphs_join_and_long_ones_split():
    docs = load_corpus(SEED_CORPUS).documents
    for doc in docs:
        for p in split_document(doc, 25, 60):
            assert len(p.text.split()) <= 60 + 40  # one sentence may overrun the limit
    lists = [p for p in _passages() if "1. waarderen" in p.text]
    assert lists and "5. samen werken en leren" in lists[0].text  # list stays with its lead-in


def test_a_carried_title_line_stays_apart_from_the_next_sentence():
    from assistant.engine.text.sentences import split_sentences

    passage = next(p for p in _passages() if p.id == "rathenau-2018-waardevol-digitaliseren#1")
    first, second = split_sentences(passage.text)[:2]
    assert first.endswith("'technologiespel'")
    assert second.startswith("De manier waarop Nederlandse gemeenten")


def test_a_line_without_sentence_ends_is_cut_into_passages_that_fit():
    from pathlib import Path

    from assistant.engine.corpus.passages import CHARS_PER_WORD
    from assistant.engine.corpus.readers import Block, Document

    line = " ".join(f"woord{i}" for i in range(5000)) + " " + "x" * 50_000
    doc = Document(doc_id="lang", path=Path("lang.txt"), title="Lang",
                   blocks=[Block(kind="para", text=line)])
    passages = split_document(doc, 25, 160)
    assert len(passages) > 30
    assert all(len(p.text.split()) <= 160 and len(p.text) <= 160 * CHARS_PER_WORD
               for p in passages)
    assert "".join(p.text.replace(" ", "") for p in passages) == line.replace(" ", "")
    # A run without spaces, alone in its paragraph, is cut too.
    alone = Document(doc_id="run", path=Path("run.txt"), title="Run",
                     blocks=[Block(kind="para", text="A" * 1_000_000)])
    pieces = split_document(alone, 25, 160)
    assert len(pieces) > 100 and max(len(p.text) for p in pieces) <= 160 * CHARS_PER_WORD


def test_a_section_too_short_to_stand_alone_joins_a_neighbour():
    """A title block joins the passage after it, under that passage's own headings; the end of
    a section a page break cut off joins the part before it; a list of annexes at the end joins
    the passage before it, in order; a section of a whole statement stays a passage of its own,
    and so does the last piece of a long paragraph split at a sentence."""
    from pathlib import Path

    from assistant.engine.corpus.readers import Block, Document

    body = ("De gemeente wil op twaalf plaatsen camera's met beeldherkenning ophangen bij "
            "ondergrondse containers, omdat bijgeplaatst afval al jaren een grote ergernis van "
            "bewoners is en handhaving achteraf weinig oplevert.")
    planning = ("De proef begint op 1 maart 2027 en duurt anderhalf jaar; in het najaar van "
                "2028 krijgt de raad de evaluatie en een voorstel.")
    doc = Document(doc_id="voorstel", path=Path("voorstel.md"), title="Raadsvoorstel", blocks=[
        Block("heading", "RAADSVOORSTEL", level=1),
        Block("para", "Onderwerp: camera's bij containers"),
        Block("heading", "1. Aanleiding"),
        Block("para", body, page=1),
        Block("heading", "2. Werking"),
        Block("para", "Een boa beoordeelt altijd de beelden van elke melding, omdat het systeem "
                      "fouten maakt. Daarom legt het systeem zelf", page=1),
        Block("para", "geen boetes op.", page=2),
        Block("heading", "3. Planning"),
        Block("para", planning, page=2),
        Block("heading", "Bijlagen"),
        Block("para", "1. DPIA camera's bij containers", page=2),
        Block("heading", "2. Advies van de functionaris gegevensbescherming"),
        Block("para", "3. Kaart met de twaalf locaties", page=2),
    ])
    passages = split_document(doc, 25, 160)
    assert [p.n for p in passages] == [1, 2, 3]
    first, work, last = passages
    assert first.heading_path == ["RAADSVOORSTEL", "1. Aanleiding"] and first.page == 1
    assert first.text == f"Onderwerp: camera's bij containers\n{body}"
    assert work.heading_path == ["RAADSVOORSTEL", "2. Werking"] and work.page == 1
    assert work.text.endswith("fouten maakt. Daarom legt het systeem zelf geen boetes op.")
    assert last.heading_path == ["RAADSVOORSTEL", "3. Planning"]
    assert last.text == (f"{planning}\nBijlagen\n1. DPIA camera's bij containers\n"
                         "2. Advies van de functionaris gegevensbescherming\n"
                         "3. Kaart met de twaalf locaties")
    # The last piece of a long paragraph split at a sentence is a passage by design, however
    # short.
    sentence = "De camera legt elke bijplaatsing vast en een boa beoordeelt de beelden. "
    tail = "Boetes volgen pas na een tweede controle."
    long = Document(doc_id="lang", path=Path("lang.md"), title="Lang", blocks=[
        Block("heading", "Werking"), Block("para", sentence * 6 + tail)])
    assert split_document(long, 25, 40)[-1].text == tail


def test_a_run_of_short_sections_fills_passages_in_turn():
    """A glossary of short entries, each under its own heading, becomes passages within the
    limits, every entry kept once and in order under its heading."""
    from pathlib import Path

    from assistant.engine.corpus.passages import CHARS_PER_WORD
    from assistant.engine.corpus.readers import Block, Document

    blocks = [Block("heading", "Begrippen", level=1)]
    for i in range(200):
        blocks += [Block("heading", f"Begrip {i}"),
                   Block("para", f"Uitleg van begrip nummer {i} in een korte zin.")]
    doc = Document(doc_id="lijst", path=Path("lijst.md"), title="Begrippenlijst",
                   blocks=blocks)
    passages = split_document(doc, 25, 160)
    assert len(passages) > 10
    assert all(len(p.text.split()) <= 160 + 25 and len(p.text) <= 160 * CHARS_PER_WORD
               for p in passages)
    text = "\n".join(p.cited_text for p in passages)
    positions = [text.index(f"Begrip {i}\nUitleg van begrip nummer {i} ") for i in range(200)]
    assert positions == sorted(positions)
    assert sum(p.text.count("Uitleg van begrip") for p in passages) == 200
