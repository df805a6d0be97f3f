"""The question analysed: its kind and its spelling, with the real model over the seed index."""

import pytest

from assistant.engine.text.words import ARTICLES


@pytest.mark.parametrize(("question", "kind"), [
    ("Wat moet ik vragen over gezichtsherkenning?", "ask"),
    ("What should I ask about facial recognition?", "ask"),
    ("Wat is CODIO?", "factual"),
    ("Waarom is experimenteren verstandig?", "why"),
    ("Hoe betrek ik burgers bij digitalisering?", "how"),
    ("Hoeveel perspectieven geeft het rapport?", "factual"),
    ("Is technologie altijd de oplossing?", "yesno"),
    ("Wat zeggen zowel de VNG als het Rathenau over privacy?", "compare"),
    ("wifi-telling privacy", "topic"),
])
def test_the_kind_of_question_is_recognised(engine, question, kind):
    assert engine.analyse(question).kind == kind


def test_misspellings_are_corrected_to_words_of_the_texts(engine):
    query = engine.analyse("wat moet ik vragen over camaratoezicht")
    assert query.corrected == {"camaratoezicht": "cameratoezicht"}
    assert query.subject == "cameratoezicht"
    # A misspelling the word lists hold, far rarer than the word of the texts.
    query = engine.analyse("Wat moet ik vragen over een slimme camara bij de afvalcontainers?")
    assert query.corrected == {"camara": "camera"}
    answer = engine.ask("Wat is de datawijser?")
    assert not answer.abstained and any("DataWijzer" in c.text for c in answer.summary)


@pytest.mark.parametrize(("question", "word", "subject"), [
    # Dutch words the seed texts do not use, each one edit from one they do ("politiek",
    # "dragen", "contact", "social", "beleid").
    ("Mag de politie de beelden van de slimme camera's opvragen?", "politie", None),
    ("Hoeveel dagen worden de beelden bewaard?", "dagen", None),
    ("Wat moet er in het contract met de leverancier staan?", "contract", None),
    ("Wat moet ik vragen over een dataplatform sociaal domein?", "sociaal",
     "dataplatform sociaal domein"),
    ("Hoe bereid ik me voor op een debat over algoritmes?", "bereid", None),
    # Words the word lists count rarely (the subtitles seldom say them), each one edit from a
    # far commoner word of the texts ("pakken", "geval", "houden").
    ("Het college wil in alle parken slimme prullenbakken neerzetten. Wat moet ik vragen?",
     "parken", None),
    ("Mag er een camera aan de gevel van het stadhuis?", "gevel", None),
    ("Wie is de houder van de gegevens van de parkeerapp?", "houder", None),
])
def test_a_word_of_the_language_is_never_corrected(engine, question, word, subject):
    query = engine.analyse(question)
    assert word not in query.corrected
    assert word in query.search_text.lower()
    if subject:
        # The phrase as the user wrote it, the word uncorrected; whether the span ranker takes in
        # the user's article before it ("een") is not what this checks (the answer names the
        # technology with the user's article either way).
        first, _, rest = query.subject.partition(" ")
        assert (rest if first.lower() in ARTICLES else query.subject) == subject

