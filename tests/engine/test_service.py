"""The Engine as every interface calls it: bad input, the Answer's JSON, the same answer twice."""

import pytest

from assistant.errors import QuestionError


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
    for key in ("question", "language", "kind", "status", "abstained", "subject", "notices",
                "missing", "summary", "related", "denkraam", "public_values", "citations",
                "followups", "written_by", "timings_ms"):
        assert key in data
    assert set(data["timings_ms"]) == {"analyse", "retrieve", "compose", "total"}
    for c in data["citations"]:
        assert {"n", "doc", "title", "passage_id", "page", "text"} <= set(c)
    assert any("CODIO" in c["text"] for c in data["citations"])


def test_same_question_same_answer(engine):
    a = engine.ask("Welke publieke waarden spelen bij cameratoezicht?")
    b = engine.ask("Welke publieke waarden spelen bij cameratoezicht?")
    assert a.model_dump(exclude={"timings_ms"}) == b.model_dump(exclude={"timings_ms"})
