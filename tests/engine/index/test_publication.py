"""Passages about their publication (a colophon, a reading guide): the learned model, its
labelled sentences, and what the index and the questions for the council make of it."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from assistant.engine.index import publication
from assistant.engine.index.publication import PublicationModel, load_all, load_labelled
from assistant.errors import UnderstandingDataError


def _model() -> PublicationModel:
    # A sentence speaks about its publication where its first dimension is high; the word
    # "pagina" pulls it there too.
    return PublicationModel(coef=np.array([8.0, 0.0, 6.0], dtype=np.float32), intercept=-4.0,
                            vocabulary={"pagina": 0}, idf=np.ones(1, dtype=np.float32), meta={})


def test_a_passage_is_about_its_publication_when_such_sentences_hold_half_its_words():
    sentences = [(0, "Deze publicatie is geschreven op verzoek van de VNG."),  # 8 words, about
                 (0, "Kort."),
                 (1, "Met dank aan de griffiers."),  # 5 words, about
                 (1, "De raad stuurt en controleert het gebruik van technologie door de gemeente."),
                 (2, "Technologie biedt kansen, maar er zijn ook valkuilen.")]
    vectors = np.array([[1, 0], [0, 1], [1, 0], [0, 1], [0, 1]], dtype=np.float32)
    assert _model().about(vectors, [t for _, t in sentences]).tolist() == [
        True, False, True, False, False]
    assert _model().passages(sentences, vectors) == [0]
    assert _model().passages([], np.zeros((0, 2), dtype=np.float32)) == []
    assert _model().about(np.zeros((1, 2), dtype=np.float32), ["Pagina 3 van 12"]).tolist() == [
        True]


def test_the_words_are_weighed_as_scikit_learn_weighs_them():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["Deze publicatie is geschreven op verzoek van de VNG.", "Pagina 3 van 12",
             "De raad stuurt en controleert, de raad kiest.", "Met dank aan de griffiers."]
    tfidf = TfidfVectorizer(min_df=1, sublinear_tf=True).fit(texts)
    ours = publication.words_matrix(texts + ["De raad de raad de raad"],
                                    {str(w): int(i) for w, i in tfidf.vocabulary_.items()},
                                    tfidf.idf_.astype(np.float32))
    theirs = tfidf.transform(texts + ["De raad de raad de raad"]).toarray()
    assert np.allclose(ours, theirs, atol=1e-6)


def test_the_model_and_its_passages_are_saved_and_read_back(tmp_path):
    model = dataclasses.replace(_model(), meta={"report": {"accuracy": 1.0}})
    model.save(tmp_path, ["doc#6"])
    back = PublicationModel.load(tmp_path)
    assert back.intercept == model.intercept and np.array_equal(back.coef, model.coef)
    assert back.vocabulary == model.vocabulary and np.array_equal(back.idf, model.idf)
    assert publication.read_passages(tmp_path) == frozenset({"doc#6"})


def test_a_labelled_line_that_fails_the_schema_is_named(tmp_path, monkeypatch):
    path = tmp_path / "publication.jsonl"
    good = {"text": "Met dank aan de griffiers.", "label": "publication", "lang": "nl"}
    other = {"text": "De raad stuurt.", "label": "content", "lang": "nl"}
    path.write_text("\n".join([json.dumps(good), json.dumps(other),
                               json.dumps(good | {"label": "colofon"})]) + "\n")
    with pytest.raises(UnderstandingDataError, match=r"publication.jsonl line 3 \(label\)"):
        load_labelled(path)
    path.write_text(json.dumps(good) + "\n")
    monkeypatch.setattr(publication, "LABELLED_DIR", tmp_path)
    with pytest.raises(UnderstandingDataError, match="need both labels"):
        load_all()
    # Too few of one label for five folds: one sentence, not scikit-learn's error.
    path.write_text("\n".join([json.dumps(good | {"text": f"Met dank aan griffier {i}."})
                               for i in range(6)] + [json.dumps(other)]) + "\n")
    with pytest.raises(UnderstandingDataError,
                       match="at least 5 of each label in each language.*1 'content' in nl"):
        load_all()
    # Five of each label, but not in each language.
    path.write_text("\n".join(
        [json.dumps(good | {"text": f"Met dank aan griffier {i}.", "lang": "nl" if i < 3 else "en"})
         for i in range(5)] + [json.dumps(other | {"text": f"De raad stuurt {i}."})
                               for i in range(5)]) + "\n")
    with pytest.raises(UnderstandingDataError,
                       match="2 'publication' in en, 3 'publication' in nl"):
        load_all()
    # No word in two sentences: nothing to weigh.
    path.write_text("\n".join([json.dumps(good | {"text": f"publicatie{i} colofon{i}"})
                               for i in range(5)] + [json.dumps(
                                   other | {"text": f"raad{i} stuurt{i}"}) for i in range(5)])
                    + "\n")
    with pytest.raises(UnderstandingDataError, match="share no word"):
        load_all()


def test_the_labelled_set_holds_both_labels_and_languages():
    rows = load_all()
    counts = {(r.label, r.lang) for r in rows}
    assert counts == {("publication", "nl"), ("publication", "en"), ("content", "nl"),
                      ("content", "en")}
    assert len({r.text for r in rows}) == len(rows)  # no sentence twice


# -- the real index --------------------------------------------------------------------------------

def test_the_seed_index_marks_colophons_and_keeps_the_denkraam(engine):
    marked = engine.index.about_publication
    # "Het rapport ... is geschreven op verzoek van de VNG"; "Het Rathenau Instituut schreef
    # deze publicatie op verzoek van ..."
    assert {"rathenau-2018-publieke-waarden-centraal#6",
            "rathenau-2020-raad-weten-met-digitalisering#6"} <= marked
    # The five steps of the denkraam, the council's role: content, however much they name.
    assert not {"rathenau-2020-raad-weten-met-digitalisering#5",
                "vng-technologie-ethiek-rol-van-de-raad#3"} & marked
    report = engine.index.manifest["publication"]
    assert report["passages"] == len(marked) and report["accuracy_cv"] >= 0.85


def test_no_question_for_the_council_cites_a_passage_about_its_publication(engine, monkeypatch):
    question = "What should I ask about smart energy meters in social housing?"
    marked = engine.index.about_publication

    def cited(answer):
        by_n = {c.n: c.passage_id for c in answer.citations}
        numbers = [n for s in answer.denkraam for q in s.questions for n in q.citations]
        numbers += [n for v in answer.public_values for n in v.citations]
        return {by_n[n] for n in numbers}

    with monkeypatch.context() as m:  # without the model's marks, a colophon is cited
        m.setattr(engine.index, "about_publication", frozenset())
        assert cited(engine.ask(question)) & marked
    answer = engine.ask(question)
    assert len(answer.denkraam) >= 4 and not cited(answer) & marked
