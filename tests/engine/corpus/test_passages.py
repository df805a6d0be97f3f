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
