import pytest

from assistant.engine.textproc import Analyzer, clean_question, split_sentences
from assistant.engine.understanding.language import detect_language
from assistant.errors import QuestionError


def test_clean_question_collapses_whitespace_and_control_characters():
    assert clean_question("  Wat\x00 is\x1b CODIO?\u200b\n", 100) == "Wat is CODIO?"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x01\x02", "?!? ..."])
def test_empty_or_wordless_questions_get_one_sentence(text):
    with pytest.raises(QuestionError) as err:
        clean_question(text, 100)
    message = str(err.value)
    assert message.count(".") >= 1 and "\n" not in message


def test_overlong_question_is_refused_with_the_limit():
    with pytest.raises(QuestionError, match="te lang"):
        clean_question("a" * 100_000, 2000)


def test_non_text_question_is_refused():
    with pytest.raises(QuestionError):
        clean_question(None, 100)


@pytest.mark.parametrize(("text", "lang"), [
    ("Wat moet ik vragen over wifi-telling?", "nl"),
    ("What should I ask about wifi tracking?", "en"),
    ("Which public values are at stake with camera surveillance?", "en"),
    ("denkraam", "nl"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_dutch_plurals_meet_their_singulars():
    a = Analyzer()
    assert a.stem("algoritmes") == a.stem("algoritme")
    assert a.stem("camera's") == a.stem("camera")
    assert a.stem("lantaarnpalen") == a.stem("lantaarnpaal")


def test_compounds_yield_known_halves_only():
    a = Analyzer(vocabulary=frozenset({"camera", "toezicht", "drukte", "metingen"}))
    assert a.stem("camera") in a.tokens("cameratoezicht")
    assert a.stem("toezicht") in a.tokens("cameratoezicht")
    assert a.tokens("zwembad") == [a.stem("zwembad")]


def test_question_frame_is_not_searched_for():
    from assistant.engine.index.bm25 import query_tokens

    a = Analyzer()
    assert query_tokens(a, "Wat moet ik vragen over wifi-telling?") == [
        a.stem("wifi"), a.stem("telling")]


def test_split_sentences_keeps_initials_together():
    text = "Est, R. van en anderen schreven het. Het verscheen in 2018."
    assert split_sentences(text) == ["Est, R. van en anderen schreven het.",
                                     "Het verscheen in 2018."]


def test_bytes_that_were_not_utf8_get_one_sentence():
    # A terminal in another encoding: Python hands such bytes on as lone surrogates.
    garbled = b"wifi\xff\xfe telling".decode("utf-8", "surrogateescape")
    with pytest.raises(QuestionError, match="geen geldige tekst"):
        clean_question(garbled, 100)
