from assistant.engine.index.bm25 import query_tokens
from assistant.engine.text.analyzer import Analyzer


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
    a = Analyzer()
    assert query_tokens(a, "Wat moet ik vragen over wifi-telling?") == [
        a.stem("wifi"), a.stem("telling")]
