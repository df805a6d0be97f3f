from assistant.engine.text.sentences import split_sentences


def test_split_sentences_keeps_initials_together():
    text = "Est, R. van en anderen schreven het. Het verscheen in 2018."
    assert split_sentences(text) == ["Est, R. van en anderen schreven het.",
                                     "Het verscheen in 2018."]
