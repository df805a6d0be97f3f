import pytest

from assistant.engine.text.cleaning import clean_question
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


def test_bytes_that_were_not_utf8_get_one_sentence():
    # A terminal in another encoding: Python hands such bytes on as lone surrogates.
    garbled = b"wifi\xff\xfe telling".decode("utf-8", "surrogateescape")
    with pytest.raises(QuestionError, match="geen geldige tekst"):
        clean_question(garbled, 100)
