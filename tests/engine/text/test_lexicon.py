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


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"[1, 2]"),
                                     gzip.compress(b"{")])
def test_a_damaged_word_list_is_one_sentence_naming_the_package(tmp_path, monkeypatch, content):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "xx.json.gz").write_bytes(content)
    monkeypatch.setattr(lexicon.resources, "files", lambda package: tmp_path)
    lexicon._hashes.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"The xx word list could not be read .*"
                                             r"pip install pyspellchecker==0\.9\.1"):
            lexicon.is_word("woord", "xx")
    finally:
        lexicon._hashes.cache_clear()
