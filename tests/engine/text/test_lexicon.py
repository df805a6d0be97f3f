"""The words of Dutch and English, from the word lists pyspellchecker ships."""

import gzip

import pytest

from assistant.engine.text import lexicon
from assistant.errors import ModelError


def test_the_word_lists_know_dutch_and_english_words_and_not_misspellings():
    for word in ("politie", "sociaal", "gezichtsherkenning", "geevalueerd", "camera's"):
        assert lexicon.is_word(word, "nl"), word
    for word in ("citizens", "surveillance"):
        assert lexicon.is_word(word, "en"), word
    for word in ("camaratoezicht", "vragne", "kritsche", "pulbieke"):
        assert not lexicon.is_word(word, "nl") and not lexicon.is_word(word, "en"), word


@pytest.mark.parametrize("content", [
    b"not gzip at all", gzip.compress(b"[1, 2]"), gzip.compress(b"{"),
    gzip.compress(b'{"woord": "vaak"}'),
    gzip.compress(b'{"woord": 12, "ander": 3}')[:-12],  # cut short
    gzip.compress(b'{"woord": 12}')[:10] + b"\xff" * 8 + gzip.compress(b'{"woord": 12}')[18:],
])
def test_a_damaged_word_list_is_one_sentence_naming_the_package(tmp_path, monkeypatch, content):
    path = tmp_path / "xx.json.gz"
    path.write_bytes(content)
    monkeypatch.setattr(lexicon, "_resource", lambda language: path)
    lexicon._table.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"The xx word list could not be read .*"
                                             r"pip install pyspellchecker==0\.9\.1"):
            lexicon.is_word("woord", "xx")
    finally:
        lexicon._table.cache_clear()


def test_the_counts_tell_a_common_word_from_a_rare_one():
    assert lexicon.count("camera", "nl") > 100 * lexicon.count("camara", "nl") > 0
    assert lexicon.count("vragne", "nl") == 0
