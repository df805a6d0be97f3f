"""The engine end to end, with the real model, FAISS and BM25 over the seed corpus."""

import pytest

from assistant.errors import QuestionError
from assistant.textproc import fold


def _supports(answer, engine):
    """Check every citation against what it is attached to."""
    idx = engine.index
    for claim in answer.summary:
        for n in claim.citations:
            cited = answer.citation(n)
            assert claim.text.strip("“”") in cited.text, (claim.text, cited.passage_id)
    for section in answer.denkraam:
        assert section.questions
        for q in section.questions:
            assert q.citations, (section.step, q.text)
            pattern = next(p for p in idx.framework.step(section.step).questions
                           if p.text(answer.language).split("{")[0][:12] in q.text)
            cited = [idx.passage(answer.citation(n).passage_id) for n in q.citations]
            # The first citation contains a phrase the question rests on; any further one is
            # a passage on the topic that speaks to this step.
            assert idx.matcher.matches(idx.matcher.stems(cited[0].text), "t:" + q.text,
                                       pattern.support) or section.step in cited[0].steps
            for extra in cited[1:]:
                assert section.step in extra.steps
    for value in answer.public_values:
        concept = idx.framework.value(value.key)
        for n in value.citations:
            text = answer.citation(n).text
            assert idx.matcher.matches(idx.matcher.stems(text), "v:" + value.key, concept.terms)
    for c in answer.citations:
        passage = idx.passage(c.passage_id)
        assert passage.text == c.text and passage.doc == c.doc
        assert c.title == idx.documents[c.doc]["title"]


def test_wifi_telling_answer(engine):
    answer = engine.ask("Wat moet ik vragen over wifi-telling?")
    assert not answer.abstained and answer.language == "nl"
    assert answer.topic == "wifi-telling"
    assert [s.step for s in answer.denkraam] == [1, 2, 3, 4, 5]
    assert [s.name for s in answer.denkraam] == [
        "Doelen", "Sturing", "Gewenste effecten", "Ongewenste effecten", "Inzet van sturing"]
    for section in answer.denkraam:
        assert any("wifi-telling" in q.text for q in section.questions)  # specific, not generic
    assert "privacy" in [v.name for v in answer.public_values]
    assert 2 <= len([c for c in answer.summary if c.citations]) <= 4
    assert any("wifi-telling" in c.text for c in answer.summary)
    assert "vng-technologie-ethiek-rol-van-de-raad#2" in [c.passage_id for c in answer.citations]
    _supports(answer, engine)
    assert "[1]" in answer.answer and "Bronnen" in answer.answer


@pytest.mark.parametrize("question", [
    "Welke publieke waarden spelen bij cameratoezicht?",
    "Uit welke stappen bestaat het denkraam?",
    "Moet digitalisering bij één wethouder liggen?",
    "Waar moet de grens liggen bij sensoren voor druktemetingen?",
])
def test_other_answers_cite_supporting_passages(engine, question):
    answer = engine.ask(question)
    assert not answer.abstained
    _supports(answer, engine)


def test_unanswerable_question_abstains_with_examples(engine):
    answer = engine.ask("Wat is de hoofdstad van Australië?")
    assert answer.abstained
    assert not answer.citations and not answer.denkraam
    assert "niet" in answer.answer and answer.suggestions
    assert "Wat moet ik vragen over wifi-telling?" in answer.answer


@pytest.mark.parametrize("question", [
    "Hoe vraag ik een nieuw paspoort aan?",
    "Geef me een recept voor appeltaart.",
    "How do I renew my driving licence?",
])
def test_off_topic_questions_abstain(engine, question):
    assert engine.ask(question).abstained


def test_english_question_gets_an_english_answer_citing_dutch_passages(engine):
    answer = engine.ask("What should I ask about wifi tracking?")
    assert answer.language == "en" and not answer.abstained
    assert [s.name for s in answer.denkraam][0] == "Goals"
    assert "privacy" in [v.name for v in answer.public_values]
    assert "Questions for the council" in answer.answer and "Sources" in answer.answer
    assert any("wifi-telling" in fold(c.text) for c in answer.citations)
    _supports(answer, engine)


def test_english_unanswerable_abstains_in_english(engine):
    answer = engine.ask("What is the capital of Australia?")
    assert answer.abstained and answer.language == "en"
    assert "do not cover" in answer.answer


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x07", "x" * 100_000])
def test_bad_questions_raise_one_sentence(engine, bad):
    with pytest.raises(QuestionError):
        engine.ask(bad)


def test_control_characters_are_ignored(engine):
    answer = engine.ask("Wat moet ik\x00 vragen over\x1b wifi-telling?")
    assert answer.question == "Wat moet ik vragen over wifi-telling?"
    assert not answer.abstained


def test_answer_json_has_the_documented_fields(engine):
    data = engine.ask("Wat is CODIO?").model_dump()
    for key in ("question", "language", "abstained", "answer", "summary", "denkraam",
                "public_values", "citations", "timings_ms"):
        assert key in data
    assert set(data["timings_ms"]) == {"retrieve", "compose", "total"}
    for c in data["citations"]:
        assert {"n", "doc", "title", "passage_id", "page", "text"} <= set(c)
    assert any("CODIO" in c["text"] for c in data["citations"])


def test_same_question_same_answer(engine):
    a = engine.ask("Welke publieke waarden spelen bij cameratoezicht?")
    b = engine.ask("Welke publieke waarden spelen bij cameratoezicht?")
    assert a.model_dump(exclude={"timings_ms"}) == b.model_dump(exclude={"timings_ms"})


@pytest.mark.parametrize(("question", "publisher"), [
    ("What are the five steps of the Rathenau framework for councils?", "Rathenau Instituut"),
    ("Wat zegt de VNG over technosolutionisme?", "Vereniging van Nederlandse Gemeenten (VNG)"),
])
def test_a_named_publisher_chooses_the_texts_not_the_words(engine, question, publisher):
    docs = engine.index.documents
    retrieval = engine.retrieve(question)
    top = retrieval.hits[0].passage
    assert docs[top.doc]["publisher"] == publisher
    # The publisher's name alone must not carry a passage: the top one speaks to the question.
    assert "Rathenau Instituut schreef deze publicatie" not in top.text
    assert not engine.retriever.sources_in("Wat moet ik vragen over wifi-telling?")[0]


def test_dutch_synonyms_reach_the_words_the_texts_use(engine):
    matcher = engine.index.matcher
    # A compound counts by its parts: "gemeenteraadsverkiezingen" names "verkiezingen".
    assert "kiest" in matcher.expansion("Wanneer zijn de gemeenteraadsverkiezingen?")
    assert "portefeuille" in matcher.expansion("Welke wethouder gaat erover?")
    # Related words that are not synonyms stay out ("verstandig" is not "kennis").
    assert "kennis" not in matcher.expansion("Is experimenteren verstandig?")
    top = engine.retrieve("Wanneer waren de gemeenteraadsverkiezingen volgens de Future City "
                          "Foundation?").hits[0].passage
    assert "16 maart 2022" in top.text
