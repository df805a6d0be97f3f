"""Train the question analyser (:mod:`.model`) from the labelled set, with a cross-validated
report, and keep it by what it was trained from.

``assistant index`` calls :func:`analyser_for`: it returns the folder of an analyser trained on
the current labelled set, language files, framework characteristics and embedding model, training
one only when no such folder exists in ``settings.index.cache_dir`` (the key is the hash of all
four, so a changed labelled line or another model trains anew). The vectors of labelled questions
are kept there too, by content, so a new line embeds one question, not all of them. The build copies
the folder into the index; the chat never trains.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from assistant.engine.framework import Framework
from assistant.engine.index.cache import EmbeddingCache
from assistant.engine.index.cache import key as cache_key
from assistant.engine.text import lexicon
from assistant.engine.text.articles import (
    MIN_SHARE,
    article_counts,
    definite_article,
    without_article,
)
from assistant.engine.text.words import STOPWORDS, fold, words
from assistant.engine.understanding.features import (
    Ngrams,
    frame_vocabulary,
    token_features,
    tokens_with_offsets,
)
from assistant.engine.understanding.labelled import (
    KINDS,
    LabelledCase,
    LabelledPhrase,
    LabelledQuestion,
    labelled_hash,
    load_cases,
    load_labelled,
    load_phrases,
)
from assistant.engine.understanding.language import files_hash, question_frame
from assistant.engine.understanding.model import (
    CHARACTERISTIC_PROBABILITY,
    CONTEXT,
    TAGS,
    TRIGGER_WEIGHT,
    UNSURE_PROBABILITY,
    WORDS_ASK_MIN,
    AnalyserModel,
    case_text,
    described_of,
    implied_by,
    named_alone,
    runs,
    unframed,
)
from assistant.engine.understanding.spans import (
    candidates,
    choose_name,
    name_candidates,
    name_features,
    span_features,
)
from assistant.engine.understanding.split import sentences, split
from assistant.errors import UnderstandingDataError

log = logging.getLogger(__name__)
T = TypeVar("T")

# Raised whenever what the analyser computes changes, so that no older trained one is reused.
ANALYSER_VERSION = 53
# How many of the technologies it never saw in training the scope threshold keeps: refusing a
# technology costs a council member more than a denkraam answer about a plan with little
# technology in it. The threshold was 0.3 by hand, chosen when 0.3 kept 0.94 (and refused 0.83
# of the other subjects); with a larger labelled set the same 0.3 let more non-technologies
# through ("asdfgh qwerty", a sports hall's renovation), so it is now read from cross-validation
# at every training (the training report gives it with what it keeps and refuses).
SCOPE_KEEP = 0.94
# Chosen by cross-validation on the labelled set (0.86 at C=4 with equal weights, 0.91 here):
# the e5 vector weighs three times the n-grams.
KIND_C = 30.0
VECTOR_WEIGHT = 3.0
TAG_C = 2.0
SPAN_C = 1.0
# The name ranker's regularisation.
NAME_C = 1.0
FOLDS = 5
VECTORS_FILE = "question-vectors.npz"
KEEP_ANALYSERS = 3
TECHNOLOGY_C = 4.0
# Characteristics: the regularisation of each logistic regression, chosen in a one-off
# cross-validation on the labelled cases with each file (list of technologies) left out in turn,
# at threshold 0.5 (micro F1 0.672 to 0.678 for C from 1 to 10; a case given a characteristic it
# lacks 0.62 at 1, 0.59 at 3, 0.57 at 10; 3 is the middle), and how many labelled cases must have
# a characteristic for it to be learned (one with fewer keeps its trigger words and examples).
CHARACTERISTIC_C = 3.0
CHARACTERISTIC_MIN_CASES = 8
# One characteristic implies another where at least IMPLIES_SHARE of the labelled cases that have
# it (and at least IMPLIES_MIN_CASES do) have the other as well: a technology that recognises
# people, records images of them or decides about residents processes personal data. The
# analyser gives the implied one whenever it gives the first, however unsure the model is of the
# second on its own (see :func:`implications`). A pair that yields_to relates either way is no
# implication: the one would then always drop the other.
IMPLIES_SHARE = 0.95
IMPLIES_MIN_CASES = 40
# A characteristic a labelled case may have (``maybe``: it depends on how the technology named
# is set up) is learned as the middle of the band the analyser reads as unsure, between
# UNSURE_PROBABILITY and CHARACTERISTIC_PROBABILITY: the case counts this much with it and the
# rest without, so that such a technology gets the question whether it has it. (At one half it
# would sit on the band's lower edge, and about half of such cases would fall below it.)
MAYBE_SHARE = (UNSURE_PROBABILITY + CHARACTERISTIC_PROBABILITY) / 2
# A word the labelled names frame their question with counts as frame (train.frame_words) when
# at least this many of them use it: one use is as likely a slip ("leten").
FRAME_MIN_CASES = 2

Embed = Callable[[str], Sequence[float]]


def data_hash() -> str:
    """What the index manifest records of the analyser's training data and code version (and of
    the word lists, whose counts are features, and of text2num, which reads the number words
    the name ranker sees as counts)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        text2num = version("text2num")
    except PackageNotFoundError:  # importable without its metadata (vendored, frozen)
        text2num = "absent"
    return hashlib.sha256(f"{ANALYSER_VERSION}:{labelled_hash()}:{files_hash()}:"
                          f"{lexicon.PACKAGE}:{text2num}".encode()).hexdigest()


def _examples(framework: Framework) -> list[tuple[int, str]]:
    out = []
    for i, c in enumerate(framework.characteristics):
        out += [(i, text) for text in (c.nl, c.en, *c.examples)]
    return out


def analyser_key(framework: Framework, fingerprint: str) -> str:
    # The trigger words are features of the characteristic models: changing them trains anew.
    examples = json.dumps([[[c.key, t] for c in framework.characteristics
                            for t in (c.nl, c.en, *c.examples)], framework.not_technology,
                           [[c.key, *c.triggers] for c in framework.characteristics]],
                          ensure_ascii=False)
    return hashlib.sha256(f"{data_hash()}:{fingerprint}:{examples}".encode()).hexdigest()[:24]


class _QuerySide:
    """An embedding model's question side in the shape :class:`EmbeddingCache` embeds with."""

    def __init__(self, embed: Any) -> None:
        self.embed = embed
        self.dimension = int(embed.dimension)

    def get_text_embedding_batch(self, texts: list[str], show_progress: bool = False
                                 ) -> list[list[float]]:
        many = getattr(self.embed, "query_embeddings", None)  # in batches where it can
        if many is not None:
            return [list(v) for v in many(texts)]
        return [list(self.embed.get_query_embedding(t)) for t in texts]


def kind_rows(items: list[LabelledQuestion]) -> tuple[list[str], list[str], list[str]]:
    """(text, label, group id) rows for the kind model: each question part under its kind, and
    each sentence of a described or pasted context as ``context``; not the questions written to
    teach the subject's ends (``spans_only``), whose mix of kinds and stock asking sentences was
    set by their brief, not by how council members ask."""
    texts: list[str] = []
    labels: list[str] = []
    groups: list[str] = []
    for item in items:
        if item.spans_only:
            continue
        texts.append(item.question)
        labels.append(str(item.kind))
        groups.append(item.id)
        for sentence in sentences(item.context):
            if len(sentence.split()) >= 4:
                texts.append(sentence)
                labels.append(CONTEXT)
                groups.append(item.id)
    return texts, labels, groups


def technology_group(subject: str, letters: int = 5) -> str:
    """The cross-validation group of a technology: the first letters of its longest word, so
    that a fold holds technologies the others do not ("wifi-telling" with "wifi-tellers")."""
    found = words(subject)
    return max(found, key=len)[:letters] if found else ""


def fold_of(phrase: str) -> int:
    """The cross-validation fold of a labelled phrase, by its :func:`technology_group`."""
    return int(hashlib.md5(technology_group(phrase, 4).encode()).hexdigest(), 16) % FOLDS


def _subject_span(text: str, subject: str, question: str) -> tuple[int, int]:
    """Where a labelled subject is: as it occurs in the question part if it does, else its
    first mention."""
    at = text.find(subject, text.find(question)) if question and subject in question \
        else text.find(subject)
    return at, at + len(subject)


def subject_rows(items: Sequence[LabelledQuestion], cases: Sequence[LabelledCase] = ()
                 ) -> list[tuple[str, str, str | None, str]]:
    """(id, text, subject, question part) of each labelled question and case, for the tagger
    and the span ranker; a case's id is marked as one, since the two sets number apart. A case
    whose subject's ends were not labelled (``spans`` false) is left out."""
    return [(i.id, i.text, i.subject, i.question) for i in items] + \
        [(f"case:{c.id}", c.text, c.subject, "") for c in cases if c.spans]


def tag_rows(rows: Sequence[tuple[str, str, str | None, str]], stopwords: frozenset[str]
             ) -> tuple[list[list[str]], list[str], list[str], frozenset[str]]:
    """Token features, O/B/I tags and row ids for the subject tagger, and the words it may
    know by name (:func:`.features.frame_vocabulary`)."""
    tokens_of, tags, groups = [], [], []
    for row_id, text, subject, question in rows:
        tokens = tokens_with_offsets(text)
        span = _subject_span(text, subject, question) if subject else None
        inside_before = False
        for _, start, end in tokens:
            inside = span is not None and start >= span[0] and end <= span[1]
            tags.append("O" if not inside else ("I" if inside_before else "B"))
            groups.append(row_id)
            inside_before = inside
        tokens_of.append([t for t, _, _ in tokens])
    known = frame_vocabulary(zip([t for ts in tokens_of for t in ts], tags, strict=True))
    feats = [f for ts in tokens_of for f in token_features(ts, stopwords, known)]
    return feats, tags, groups, known


def technology_rows(items: list[LabelledQuestion], stopwords: frozenset[str],
                    framework: Framework, labelled: Sequence[LabelledPhrase] = ()
                    ) -> tuple[list[str], list[int], list[str]]:
    """Phrases with 1 when they name a technology or plan and 0 when not, and a group per
    phrase (its longest word) for cross-validation: every labelled subject is a technology;
    runs of one to three content words outside the subject of a labelled message, and the
    framework's subjects that are not a technology, are not; the labelled phrases say which
    they are. Each phrase comes twice, with its first letter in both cases: a subject at the
    start of a sentence is capitalised, and its meaning does not change. The questions written to
    teach the subject's ends (``spans_only``) are left out: the words around their technologies
    were chosen by their brief (with them "camera" fell from 0.31 to 0.20, below what a question
    needs to refer back with "deze camera")."""
    frame = stopwords | question_frame()
    phrases: dict[str, int] = {}
    for item in items:
        if item.spans_only:
            continue
        if item.subject:
            phrases.setdefault(item.subject.strip(), 1)
        span = (item.text.find(item.subject), item.text.find(item.subject) + len(item.subject)) \
            if item.subject else (-1, -1)
        run: list[str] = []
        taken = 0
        for token, start, end in [*tokens_with_offsets(item.text), ("", 10**9, 10**9)]:
            outside = (end <= span[0] or start >= span[1]) and token and fold(token) not in frame
            if outside and len(run) < 3:
                run.append(token)
                continue
            if run and taken < 2 and len(" ".join(run)) >= 4:
                phrases.setdefault(" ".join(run), 0)
                taken += 1
            run = [token] if outside else []
    for text in framework.not_technology:
        phrases[text] = 0
    for phrase in labelled:
        phrases[phrase.text.strip()] = int(phrase.technology)
    for text, label in list(phrases.items()):
        flipped = _first_letter_flipped(text)
        if flipped:
            phrases.setdefault(flipped, label)
    texts = list(phrases)
    return texts, [phrases[t] for t in texts], [technology_group(t) for t in texts]


def _described(case: LabelledCase) -> str:
    """What the message of a labelled case says of its technology (:func:`.model.described_of`),
    as the analyser reads it at answer time."""
    parts = split(case.text)
    return described_of(case.subject, parts.question, parts.context) \
        if case.text.strip() != case.subject.strip() else ""


def frame_words(cases: Sequence[LabelledCase]) -> list[str]:
    """The words the cases labelled as their name leaves them (``maybe``, written to say nothing
    of the technology) frame their question with, besides function words, the question frame of
    the language files and the technology's own words ("waar moet ik op letten", "in de
    commissie"), in at least :data:`FRAME_MIN_CASES` of them (:func:`.model.named_alone`)."""
    counts: Counter[str] = Counter()
    for case in cases:
        if case.maybe is not None:
            counts.update(set(unframed(case.subject, _described(case))))
    return sorted(w for w, n in counts.items() if n >= FRAME_MIN_CASES)


def case_rows(cases: Sequence[LabelledCase], framework: Framework, frame: Collection[str] = ()
              ) -> tuple[list[str], list[set[str]], list[str], list[bool]]:
    """The text each labelled case is embedded as at answer time (:func:`.model.case_text`: the
    technology with what the message describes of it), the characteristics whose trigger words
    occur in the technology or the description, a group per case for cross-validation (the
    longest word of its technology, so that a fold holds technologies the others do not), and
    whether the message names its technology alone (:func:`.model.named_alone`, with the
    question's ``frame`` words of :func:`frame_words`)."""
    texts, triggered, groups, alone = [], [], [], []
    for case in cases:
        context = _described(case)
        texts.append(case_text(case.subject, context))
        said = (words(case.subject), words(context))
        triggered.append({c.key for c in framework.characteristics
                          if any(c.matches(w) for w in said)})
        groups.append(technology_group(case.subject))
        alone.append(named_alone(case.subject, context, frame))
    return texts, triggered, groups, alone


def _saved_case_model(prefix: str, learned: list[str], ngrams: Ngrams | None, coef: np.ndarray,
                      intercept: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and the meta entries of one characteristics model, as
    :func:`.model._case_model` reads them (``prefix`` "" for described technologies, "named_"
    for those named alone)."""
    return ({f"{prefix}characteristic_coef": coef,
             f"{prefix}characteristic_intercept": intercept,
             f"{prefix}characteristic_idf": ngrams.idf if ngrams else np.zeros(0, np.float32)},
            {f"{prefix}learned_characteristics": learned,
             f"{prefix}characteristic_ngrams": sorted(ngrams.vocabulary,
                                                      key=ngrams.vocabulary.__getitem__)
             if ngrams else []})


def implications(labels: np.ndarray, keys: Sequence[str],
                 yielding: Collection[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(a, b) for every two characteristics where the labelled cases that have ``a`` (at least
    :data:`IMPLIES_MIN_CASES`) have ``b`` as well in at least :data:`IMPLIES_SHARE` of them,
    unless one yields to the other (``yielding``: (key, the key it yields to));
    ``labels`` is cases x ``keys``."""
    out = []
    for i, a in enumerate(keys):
        having = labels[:, i]
        n = int(having.sum())
        if n < IMPLIES_MIN_CASES:
            continue
        for j, b in enumerate(keys):
            if j != i and int((having & labels[:, j]).sum()) >= IMPLIES_SHARE * n \
                    and (a, b) not in yielding and (b, a) not in yielding:
                out.append((a, b))
    return out


def with_implied(predicted: np.ndarray, keys: Sequence[str],
                 implied: Sequence[tuple[str, str]]) -> np.ndarray:
    """``predicted`` (cases x ``keys``) with every characteristic ``implied`` by one it has,
    each row closed as the analyser closes a case (:func:`.model.implied_by`)."""
    out = predicted.copy()
    column = {k: i for i, k in enumerate(keys)}
    for row in out:
        for key in implied_by([keys[int(i)] for i in np.flatnonzero(row)], implied):
            if key in column:
                row[column[key]] = True
    return out


def _characteristics(x: np.ndarray, texts: list[str], triggered: list[set[str]],
                     cases: Sequence[LabelledCase], keys: list[str], groups: list[str],
                     yielding: Collection[tuple[str, str]] = (),
                     named: Sequence[bool] | None = None
                     ) -> tuple[list[str], Ngrams | None, np.ndarray, np.ndarray, dict[str, Any]]:
    """One logistic regression per characteristic with at least
    :data:`CHARACTERISTIC_MIN_CASES` labelled cases, over the case's e5 vector and its word
    n-grams (weighed as in the kind model), the framework's trigger words in it and whether it
    names its technology alone (``named``), and their cross-validated precision, recall and F1
    on technologies left out of training (grouped folds), also apart for the cases named alone
    and those described. A characteristic a case labels ``maybe`` is learned as unsure
    (:data:`MAYBE_SHARE`) and counted apart, by how it is read."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    unknown = next(((c.id, k) for c in cases for k in (*c.characteristics, *(c.maybe or ()))
                    if k not in keys), None)
    if unknown:
        raise UnderstandingDataError(
            f"The labelled case {unknown[0]!r} names the characteristic {unknown[1]!r}, which "
            "corpus/framework.yaml does not have: correct the case or add the characteristic.")
    labels = np.asarray([[k in c.characteristics for k in keys] for c in cases],
                        dtype=bool).reshape(len(cases), len(keys))
    # What depends on how a technology named without a description is set up: learned as
    # unsure (see fit_one), left out of the figures.
    maybe = np.asarray([[k in (c.maybe or ()) for k in keys] for c in cases],
                       dtype=bool).reshape(len(cases), len(keys))
    learned = [k for j, k in enumerate(keys)
               if CHARACTERISTIC_MIN_CASES <= labels[:, j].sum() < len(cases)]
    report: dict[str, Any] = {"cases": len(cases), "learned": learned, "per_characteristic": {}}
    if not learned:
        return [], None, np.zeros((0, 0), np.float32), np.zeros(0, np.float32), report

    # The trigger flags and whether the technology is named alone (``named``, case_rows; none
    # unless said; .model.case_features).
    flags = np.asarray([[TRIGGER_WEIGHT * (k in t) for k in keys] + [float(a)]
                        for t, a in zip(triggered, named or [False] * len(cases), strict=True)],
                       dtype=np.float32).reshape(len(cases), len(keys) + 1)

    def matrix(ngrams: Ngrams, rows: np.ndarray) -> Any:
        grams = sparse.csr_matrix(np.vstack([ngrams.transform(texts[i]) for i in rows]))
        return sparse.hstack([sparse.csr_matrix(VECTOR_WEIGHT * x[rows]), grams,
                              sparse.csr_matrix(flags[rows])], format="csr")

    def fit_one(m: Any, rows: np.ndarray, j: int) -> Any:
        y = labels[rows, j]
        half = np.flatnonzero(maybe[rows, j])
        if not 0 < y.sum() < len(rows):
            return None
        if not len(half):
            return LogisticRegression(C=CHARACTERISTIC_C, max_iter=3000,
                                      class_weight="balanced").fit(m, y)
        # Each case that may have it enters twice, with it and without, weighed so that the
        # model learns it in the middle of the band read as unsure (MAYBE_SHARE). The other
        # cases are balanced as class_weight="balanced" would (which would also scale the two
        # copies apart); the two copies share the mean of the two classes' weights.
        hard = np.ones(len(rows), dtype=bool)
        hard[half] = False
        n_yes = int(y[hard].sum())
        n_no = max(int(hard.sum()) - n_yes, 1)
        w_yes, w_no = hard.sum() / (2 * n_yes), hard.sum() / (2 * n_no)
        weight = np.where(y, w_yes, w_no).astype(np.float64)
        shared = (w_yes + w_no) / 2
        weight[half] = shared * MAYBE_SHARE
        y = y.copy()
        y[half] = True
        return LogisticRegression(C=CHARACTERISTIC_C, max_iter=3000).fit(
            sparse.vstack([m, m[half]], format="csr"),
            np.concatenate([y, np.zeros(len(half), dtype=bool)]),
            sample_weight=np.concatenate([weight, np.full(len(half),
                                                          shared * (1.0 - MAYBE_SHARE))]))

    def fit(rows: np.ndarray) -> tuple[Ngrams, list[Any]]:
        ngrams = Ngrams.fit([texts[i] for i in rows])
        m = matrix(ngrams, rows)
        return ngrams, [fit_one(m, rows, j) for j in columns]

    columns = [keys.index(k) for k in learned]
    predicted = np.zeros((len(cases), len(learned)), dtype=bool)
    direct = np.zeros_like(predicted)  # without the implications, for the report
    probability = np.zeros(predicted.shape, dtype=np.float32)
    folds = min(FOLDS, len(set(groups)))
    if folds >= 2:
        for train_rows, test_rows in GroupKFold(n_splits=folds).split(x, groups=groups):
            ngrams, models = fit(train_rows)
            test = matrix(ngrams, test_rows)
            for i, (j, model) in enumerate(zip(columns, models, strict=True)):
                probability[test_rows, i] = float(labels[train_rows, j].any()) \
                    if model is None else model.predict_proba(test)[:, 1]
            direct[test_rows] = probability[test_rows] >= CHARACTERISTIC_PROBABILITY
            # The implications as the cases of the other folds show them.
            predicted[test_rows] = with_implied(
                direct[test_rows], learned,
                implications(labels[train_rows][:, columns], learned, yielding))
    report["implies"] = implications(labels, keys, yielding)
    truth = labels[:, columns]
    # A cell labelled maybe is neither right nor wrong: it is counted apart, by how it was read.
    known = ~maybe[:, columns]
    report["without_implications"] = precision_recall_f1(
        int((direct & truth & known).sum()), int((direct & ~truth & known).sum()),
        int((~direct & truth).sum())) | {
        "exact_sets_unseen": round(float(((direct == truth) | ~known).all(axis=1).mean()), 3),
        "given_one_they_lack_unseen": round(float((direct & ~truth & known).any(axis=1).mean()),
                                            3)}
    tp_all = fp_all = fn_all = 0
    for i, (key, j) in enumerate(zip(learned, columns, strict=True)):
        truth = labels[:, j]
        tp = int((predicted[:, i] & truth).sum())
        fp = int((predicted[:, i] & ~truth & known[:, i]).sum())
        fn = int((~predicted[:, i] & truth).sum())
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        report["per_characteristic"][key] = (precision_recall_f1(tp, fp, fn)
                                             | {"n": int(truth.sum()),
                                                "maybe": int((~known[:, i]).sum())})
    report["micro"] = precision_recall_f1(tp_all, fp_all, fn_all)
    truth = labels[:, columns]
    # The same for the technologies named alone and for those the case describes, and for the
    # cases labelled as their name leaves them; for those named alone also what is read from
    # UNSURE_PROBABILITY on (what the model for names adds to what the analyser is unsure of),
    # by label.
    names = np.asarray([c.maybe is not None for c in cases], dtype=bool)
    subsets = (("named_alone", flags[:, -1] > 0), ("described", flags[:, -1] == 0),
               ("names", names))
    for name, subset in subsets:
        if not subset.any() or folds < 2:
            continue
        p, t, k = predicted[subset], truth[subset], known[subset]
        report[name] = precision_recall_f1(int((p & t).sum()), int((p & ~t & k).sum()),
                                           int((~p & t).sum())) | {
            "cases": int(subset.sum()),
            "given_one_they_lack": round(float((p & ~t & k).any(axis=1).mean()), 3)}
        if name == "named_alone":
            read = probability[subset] >= UNSURE_PROBABILITY
            report[name]["read_from_unsure"] = {"yes": int((read & t).sum()),
                                                "maybe": int((read & ~k).sum()),
                                                "no": int((read & ~t & k).sum())}
    report["exact_sets_unseen"] = round(float(((predicted == truth) | ~known).all(axis=1).mean()),
                                        3)
    report["given_one_they_lack_unseen"] = round(
        float((predicted & ~truth & known).any(axis=1).mean()), 3)
    if (~known).any() and folds >= 2:
        # How the cells labelled maybe were read on unseen technologies: in the band read as
        # unsure (UNSURE_PROBABILITY to CHARACTERISTIC_PROBABILITY), above it, or below.
        read = probability[~known]
        report["maybe"] = {
            "cells": int(read.size),
            "unsure": int(((read >= UNSURE_PROBABILITY) & (read < CHARACTERISTIC_PROBABILITY))
                          .sum()),
            "above": int((read >= CHARACTERISTIC_PROBABILITY).sum()),
            "below": int((read < UNSURE_PROBABILITY).sum())}
    report["folds"] = folds
    ngrams, models = fit(np.arange(len(cases)))
    coef = np.vstack([m.coef_.ravel() for m in models]).astype(np.float32)
    intercept = np.asarray([m.intercept_[0] for m in models], dtype=np.float32)
    return learned, ngrams, coef, intercept, report


def precision_recall_f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts of true and false positives and false negatives
    (0 where nothing was predicted or expected), rounded as the reports give them."""
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _first_letter_flipped(text: str) -> str | None:
    """``text`` with its first letter in the other case; None for an acronym ("RPA", "AI-tool")
    or a phrase that does not start with a letter."""
    if not text[:1].isalpha() or (len(text) > 1 and text[1].isupper()):
        return None
    first = text[0].lower() if text[0].isupper() else text[0].upper()
    return first + text[1:]


def question_vectors(texts: list[str], embed: Any, fingerprint: str, cache_dir: Path
                     ) -> np.ndarray:
    """The e5 question vectors of ``texts``, kept in ``cache_dir`` by model and text, so that a
    rebuild embeds only questions it has not seen."""
    return _kept_vectors(texts, _QuerySide(embed), "query", fingerprint, cache_dir)


def text_vectors(texts: list[str], embed: Any, fingerprint: str, cache_dir: Path) -> np.ndarray:
    """The vectors of ``texts`` as the index embeds the sentences of its passages (e5's passage
    side), kept in ``cache_dir`` beside the question vectors."""
    return _kept_vectors(texts, embed, "sentence", fingerprint, cache_dir)


def _kept_vectors(texts: list[str], side: Any, kind: str, fingerprint: str, cache_dir: Path
                  ) -> np.ndarray:
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / VECTORS_FILE
    cache = EmbeddingCache(_read_vectors(path))
    keys = [cache_key(fingerprint, kind, t) for t in texts]
    vectors, _, embedded = cache.embed(side, texts, keys)
    if embedded:
        kept = cache.vectors | dict(zip(keys, vectors, strict=True))
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            np.savez(f, keys=np.asarray(list(kept), dtype="U64"),
                     vectors=np.asarray(list(kept.values()), dtype="float32"))
        os.replace(tmp, path)
    return vectors


def _read_vectors(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Fit small models with one BLAS thread. Our fits multiply matrices of a few thousand rows,
    where OpenBLAS's second thread costs more than it gives, all the more while the e5 engine's
    OpenMP threads still spin after embedding: the proposal model trains in 2.2 s instead of
    31 s on two cores. The e5 engine's own threads are left as they are."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        yield


def train(items: list[LabelledQuestion], framework: Framework, embed: Any, fingerprint: str,
          cache_dir: Path, phrases: Sequence[LabelledPhrase] = (),
          cases: Sequence[LabelledCase] = ()) -> tuple[AnalyserModel, dict[str, np.ndarray]]:
    """Fit the models and measure them by cross-validation."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    texts, labels, groups = kind_rows(items)
    examples = _examples(framework)
    stopwords = STOPWORDS
    tech_texts, tech_labels, tech_groups = technology_rows(items, stopwords, framework,
                                                                 phrases)
    frame = frame_words(cases)
    case_texts, case_triggered, case_groups, case_alone = case_rows(cases, framework, frame)
    vectors = question_vectors(texts + [t for _, t in examples] + tech_texts + case_texts, embed,
                               fingerprint, cache_dir)
    kind_vectors = vectors[:len(texts)]
    example_vectors = vectors[len(texts):len(texts) + len(examples)]
    tech_vectors = vectors[len(texts) + len(examples):len(texts) + len(examples) + len(tech_texts)]
    case_vectors = vectors[len(vectors) - len(case_texts):]
    keys = [c.key for c in framework.characteristics]
    yielding = {(c.key, other) for c in framework.characteristics for other in c.yields_to}
    # Two models. One for a technology the message describes, learned from the cases labelled
    # as described (as before there was the other: its flag for a technology named alone is
    # never set). And, where there are cases labelled as their name leaves them
    # (LabelledCase.maybe), one for a technology named alone, learned from those and from the
    # cases that describe their technology, not from the ones labelled as described that name
    # it alone (there what the name leaves open was labelled absent): what a name leaves open
    # must not make a described technology's reading less sure.
    def learned_from(rows: list[int], alone: list[bool]
                     ) -> tuple[list[str], Ngrams | None, np.ndarray, np.ndarray, dict[str, Any]]:
        return _characteristics(case_vectors[rows], [case_texts[i] for i in rows],
                                [case_triggered[i] for i in rows], [cases[i] for i in rows],
                                keys, [case_groups[i] for i in rows], yielding, alone)

    described = [i for i, c in enumerate(cases) if c.maybe is None]
    learned, case_ngrams, case_coef, case_intercept, case_report = learned_from(
        described, [False] * len(described))
    named = [i for i, c in enumerate(cases) if c.maybe is not None or not case_alone[i]]
    named_learned, named_ngrams, named_coef, named_intercept, named_report = learned_from(
        named, [case_alone[i] for i in named]) \
        if len(described) < len(cases) else ([], None, np.zeros((0, 0), np.float32),
                                               np.zeros(0, np.float32), {})
    case_arrays, case_meta = _saved_case_model("", learned, case_ngrams, case_coef,
                                               case_intercept)
    named_arrays, named_meta = _saved_case_model("named_", named_learned, named_ngrams,
                                                 named_coef, named_intercept)
    technology, technology_report = _technology(tech_vectors, np.asarray(tech_labels),
                                                tech_groups)

    def kind_matrix(ngrams: Ngrams, rows: np.ndarray) -> Any:
        # Sparse: each question has a dozen n-grams of thousands; fitting is several times faster.
        from scipy import sparse

        grams = sparse.csr_matrix(np.vstack([ngrams.transform(texts[i]) for i in rows]))
        return sparse.hstack([sparse.csr_matrix(VECTOR_WEIGHT * kind_vectors[rows]), grams],
                             format="csr")

    def kind_fit(rows: np.ndarray) -> tuple[Ngrams, Any]:
        ngrams = Ngrams.fit([texts[i] for i in rows])
        clf = LogisticRegression(C=KIND_C, max_iter=3000, tol=1e-3)
        clf.fit(kind_matrix(ngrams, rows), [labels[i] for i in rows])
        return ngrams, clf

    def kind_predict(ngrams: Ngrams, clf: Any, rows: np.ndarray) -> list[str]:
        return list(clf.predict(kind_matrix(ngrams, rows)))

    rows = subject_rows(items, cases)
    feats, tags, tag_groups, known = tag_rows(rows, stopwords)

    def tag_fit(rows: np.ndarray) -> tuple[Any, Any]:
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(feats[i], 1) for i in rows])
        clf = LogisticRegression(C=TAG_C, max_iter=3000, tol=1e-3)
        clf.fit(x, [tags[i] for i in rows])
        return vec, clf

    def words_fit(ngrams: Ngrams, rows: np.ndarray) -> Any:
        from scipy import sparse

        grams = sparse.csr_matrix(np.vstack([ngrams.transform(texts[i]) for i in rows]))
        return LogisticRegression(C=KIND_C, max_iter=3000, tol=1e-3).fit(
            grams, [labels[i] for i in rows])

    report = cross_validate(texts, labels, groups, kind_fit, kind_predict)
    span_names, span_coef, span_intercept, span_floor, subject_report, ranked = _subjects(
        rows, feats, tags, tag_groups, tag_fit, known, stopwords)
    report.update(subject_report)
    name_names, name_coef, name_intercept, report["names"] = _names(
        name_rows(items, cases), ranked, known, stopwords)
    articles = article_counts([i.text for i in items if i.lang == "nl"]
                              + [c.text for c in cases if c.lang == "nl" and c.maybe is None]
                              + [p.text for p in phrases if p.lang == "nl"])
    report["articles"] = _articles_report(articles)
    report["technology"] = technology_report
    report["characteristics"] = case_report
    if named_report:
        report["characteristics_named"] = named_report
    report["words_first"] = _words_first(texts, labels, groups, words_fit)

    all_rows = np.arange(len(texts))
    ngrams, clf = kind_fit(all_rows)
    by_words = words_fit(ngrams, all_rows)
    words_order = [list(by_words.classes_).index(k) for k in clf.classes_]
    vec, tagger = tag_fit(np.arange(len(tags)))
    tag_order = [list(tagger.classes_).index(t) for t in TAGS]
    arrays = {
        "idf": ngrams.idf,
        "kind_coef": clf.coef_.astype(np.float32),
        "kind_intercept": clf.intercept_.astype(np.float32),
        "words_coef": by_words.coef_[words_order].astype(np.float32),
        "words_intercept": by_words.intercept_[words_order].astype(np.float32),
        "tag_coef": tagger.coef_.T[:, tag_order].astype(np.float32)
        if len(tagger.classes_) > 2 else np.zeros((len(vec.feature_names_), 3), np.float32),
        "tag_intercept": tagger.intercept_[tag_order].astype(np.float32),
        "example_vectors": example_vectors.astype(np.float32),
        "example_owner": np.asarray([i for i, _ in examples], dtype=np.int32),
        **case_arrays,
        **named_arrays,
        "span_coef": span_coef,
        "span_intercept": np.asarray([span_intercept], dtype=np.float32),
        # NaN: no floor (a message without a run gets no subject).
        "span_floor": np.asarray([np.nan if span_floor is None else span_floor],
                                 dtype=np.float32),
        "name_coef": name_coef,
        "name_intercept": np.asarray([name_intercept], dtype=np.float32),
        "technology_coef": technology.coef_.ravel().astype(np.float32),
        "technology_intercept": technology.intercept_.astype(np.float32),
    }
    meta = {
        "version": ANALYSER_VERSION,
        "vector_weight": VECTOR_WEIGHT,
        "kinds": [str(k) for k in clf.classes_],
        "ngrams": sorted(ngrams.vocabulary, key=ngrams.vocabulary.__getitem__),
        "tag_features": list(vec.feature_names_),
        "stopwords": sorted(stopwords),
        "tag_known": sorted(known),
        "span_features": span_names,
        "name_features": name_names,
        "articles": {w: list(n) for w, n in sorted(articles.items())},
        "characteristics": keys,
        "characteristic_implies": [list(pair) for pair in case_report.get("implies", [])],
        **case_meta,
        **named_meta,
        "frame_words": frame,
        "trained_on": {"questions": len(items), "kind_rows": len(texts),
                       "per_kind": dict(Counter(labels)),
                       "languages": dict(Counter(i.lang for i in items)),
                       "cases": len(cases),
                       "labelled_hash": labelled_hash(), "model": fingerprint},
        "report": report,
        "seconds": round(time.perf_counter() - started, 1),
    }
    return AnalyserModel(arrays, meta), arrays


def _technology(x: np.ndarray, y: np.ndarray, groups: list[str]) -> tuple[Any, dict[str, Any]]:
    """Logistic regression: does a phrase name a technology or plan? Cross-validated with each
    group (a phrase's longest word) in one fold, so the figure is for unseen technologies."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    right = 0
    unseen = np.zeros(len(y))
    for train_rows, test_rows in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        clf = LogisticRegression(C=TECHNOLOGY_C, max_iter=3000, class_weight="balanced")
        clf.fit(x[train_rows], y[train_rows])
        right += int((clf.predict(x[test_rows]) == y[test_rows]).sum())
        unseen[test_rows] = clf.predict_proba(x[test_rows])[:, 1]
    clf = LogisticRegression(C=TECHNOLOGY_C, max_iter=3000, class_weight="balanced").fit(x, y)
    # The scope threshold: the probability above which SCOPE_KEEP of the technologies the model
    # did not see in training are kept.
    named = y.astype(bool)
    threshold = float(np.quantile(unseen[named], 1 - SCOPE_KEEP)) if named.any() else 0.5
    return clf, {"phrases": len(y), "technologies": int(y.sum()),
                 "accuracy_unseen": round(right / max(len(y), 1), 3),
                 "scope_threshold": round(threshold, 4),
                 "kept_unseen": round(float((unseen[named] >= threshold).mean()), 3)
                 if named.any() else 0.0,
                 "refused_other_unseen": round(float((unseen[~named] < threshold).mean()), 3)
                 if (~named).any() else 0.0}


def _words_first(texts: list[str], labels: list[str], groups: list[str], words_fit: Any
                 ) -> dict[str, Any]:
    """Cross-validated, how many "what to ask" questions the model over words alone settles
    (:data:`.model.WORDS_ASK_MIN`), and how many of those it settles rightly."""
    from sklearn.model_selection import GroupKFold

    settled = right = 0
    for train_rows, test_rows in GroupKFold(n_splits=FOLDS).split(texts, labels, groups):
        ngrams = Ngrams.fit([texts[i] for i in train_rows])
        clf = words_fit(ngrams, train_rows)
        ask = list(clf.classes_).index("ask")
        for i in test_rows:
            p = clf.predict_proba(ngrams.transform(texts[i]).reshape(1, -1))[0, ask]
            if p >= WORDS_ASK_MIN:
                settled += 1
                right += labels[i] == "ask"
    asks = sum(label == "ask" for label in labels)
    return {"threshold": WORDS_ASK_MIN, "asks": asks, "settled": settled,
            "settled_right": right}


def cross_validate(texts: list[str], labels: list[str], groups: list[str], kind_fit: Any,
                   kind_predict: Any) -> dict[str, Any]:
    """Accuracy per kind and a confusion matrix over :data:`FOLDS` folds that keep each labelled
    question (with its context sentences) in one fold."""
    from sklearn.model_selection import GroupKFold

    kinds = [k for k in (*KINDS, CONTEXT) if k in set(labels)]
    confusion = {k: dict.fromkeys(kinds, 0) for k in kinds}
    for train_rows, test_rows in GroupKFold(n_splits=FOLDS).split(texts, labels, groups):
        ngrams, clf = kind_fit(train_rows)
        for i, predicted in zip(test_rows, kind_predict(ngrams, clf, test_rows), strict=True):
            confusion[labels[i]][predicted] += 1
    per_kind = {k: {"n": sum(row.values()),
                    "accuracy": round(row[k] / max(sum(row.values()), 1), 3)}
                for k, row in confusion.items()}
    total = sum(v["n"] for v in per_kind.values())
    accuracy = sum(confusion[k][k] for k in kinds) / max(total, 1)

    return {"folds": FOLDS, "kind_accuracy": round(accuracy, 3), "per_kind": per_kind,
            "confusion": confusion}


def _phrase_scores(found: str, labelled: str) -> tuple[bool, float]:
    """Whether a phrase equals the labelled subject word for word, and their word F1."""
    a, b = words(found), words(labelled)
    common = sum((Counter(a) & Counter(b)).values())
    return a == b, (2 * common / (len(a) + len(b)) if common else 0.0)


def _figures(found: dict[str, str], labelled: Sequence[tuple[str, str]]) -> dict[str, float]:
    """The share of ``labelled`` (id, phrase) that ``found`` gives word for word, and the mean
    word F1 (:func:`_phrase_scores`); a missing id counts as no phrase."""
    scored = [_phrase_scores(found.get(rid, ""), phrase) for rid, phrase in labelled]
    return {"exact": round(sum(e for e, _ in scored) / len(scored), 3),
            "f1": round(sum(f for _, f in scored) / len(scored), 3)}


def _words_within(tokens: list[tuple[str, int, int]], start: int, end: int
                  ) -> tuple[int, int] | None:
    """The first and last of ``tokens`` that lie within the offsets ``start`` to ``end``."""
    inside = [k for k, (_, s, e) in enumerate(tokens) if s >= start and e <= end]
    return (inside[0], inside[-1]) if inside else None


def _subjects(rows: Sequence[tuple[str, str, str | None, str]], feats: list[list[str]],
              tags: list[str], tag_groups: list[str], tag_fit: Callable[[np.ndarray], Any],
              known: frozenset[str], stopwords: frozenset[str]
              ) -> tuple[list[str], np.ndarray, float, float | None, dict[str, Any],
                         dict[str, str]]:
    """The span ranker (:mod:`.spans`): its feature names, weights and intercept, its floor
    (:func:`_floor`), the cross-validated figures of the phrase the analyser takes as the
    technology, and that phrase per message id (from the fold that did not see it).

    Every technology is in one fold only (grouped by the longest word of the subject), so that
    the figures say how the analyser does on technologies it never saw. The ranker learns from
    the tagger's probabilities of folds that did not see the message (as at answering, where
    the tagger never saw the question) and is scored over the same folds; the messages that
    name no technology are in the tagger's folds too (by their text), as the floor is chosen on
    their scores. Where the tagger marks no word, a fold's message gets the best candidate when
    it reaches the floor chosen on the other folds' messages. Reported per set (labelled
    questions, labelled cases): the phrase of the tagger's first run as the query shapes it
    (:func:`.model.runs`, :func:`.model.subject_phrase`), the ranker's best candidate, and the
    same without the floor (no subject where no run starts), each as word-for-word equal to the
    labelled subject and as word F1; and (``unmarked``) what the floor chosen on all folds does
    on the messages without a run."""
    from sklearn.linear_model import LogisticRegression

    by_row: dict[str, list[int]] = {}
    for r, g in enumerate(tag_groups):
        by_row.setdefault(g, []).append(r)
    labelled = [row for row in rows if row[2]]
    part_of = {row[0]: fold_of(row[2] or "") for row in labelled}
    # The messages that name no technology teach the floor; their tagger probabilities come from
    # folds that did not see them either.
    unnamed = [row for row in rows if not row[2]]
    unnamed_part = {row[0]: fold_of(row[1]) for row in unnamed}
    tagged_of: dict[str, list[tuple[int, int, np.ndarray]]] = {}
    exact_tags: dict[str, bool] = {}
    for part in range(FOLDS):
        test = {rid for rid, p in [*part_of.items(), *unnamed_part.items()] if p == part}
        train_rows = np.asarray([r for rid, rs in by_row.items() if rid not in test for r in rs])
        vec, clf = tag_fit(train_rows)
        order = [list(clf.classes_).index(t) for t in TAGS]
        for rid, text, subject, _ in [*labelled, *unnamed]:
            if rid not in test:
                continue
            x = vec.transform([dict.fromkeys(feats[r], 1) for r in by_row[rid]])
            if subject:
                exact_tags[rid] = list(clf.predict(x)) == [tags[r] for r in by_row[rid]]
            tagged_of[rid] = [(start, end, p) for (_, start, end), p in
                              zip(tokens_with_offsets(text), clf.predict_proba(x)[:, order],
                                  strict=True)]

    spans_of: dict[str, list[tuple[int, int]]] = {}
    features_of: dict[str, list[dict[str, float]]] = {}
    gold_of: dict[str, tuple[int, int] | None] = {}
    base_of: dict[str, str] = {}
    has_runs: dict[str, bool] = {}
    for rid, text, subject, question in labelled:
        tokens = tokens_with_offsets(text)
        found = runs(text, tagged_of[rid])
        has_runs[rid] = bool(found)
        ctx = AnalyserModel.span_context(text, tokens, tagged_of[rid], found)
        # The tagger's first run as the query shapes it (:func:`.model.subject_phrase`).
        base_of[rid] = text[tokens[ctx.base[0]][1]:tokens[ctx.base[1]][2]] if ctx.base else ""
        spans_of[rid] = candidates(ctx)
        features_of[rid] = [span_features(ctx, i, j, known, stopwords) for i, j in spans_of[rid]]
        gold_of[rid] = _words_within(tokens, *_subject_span(text, subject or "", question))

    # One matrix of all candidates (a row per candidate, the rows of a message together); the
    # folds take their messages' rows. The figures are somewhat optimistic: the frame words the
    # features name come from every message's tags, and the ranker of a fold learns from
    # tagger probabilities of taggers that saw that fold.
    names = sorted({name for fs in features_of.values() for f in fs for name in f})
    column = {name: k for k, name in enumerate(names)}
    first_row: dict[str, int] = {}
    count = 0
    for rid, _, _, _ in labelled:
        first_row[rid] = count
        count += len(features_of[rid])
    matrix = _rows([f for rid, _, _, _ in labelled for f in features_of[rid]], column)

    def rows_of(rid: str) -> np.ndarray:
        return np.arange(first_row[rid], first_row[rid] + len(spans_of[rid]))

    def fit(ids: Sequence[str]) -> Any:
        x = matrix[np.concatenate([rows_of(rid) for rid in ids])]
        y = [span == gold_of[rid] for rid in ids for span in spans_of[rid]]
        return LogisticRegression(C=SPAN_C, max_iter=3000).fit(x, y)

    def best(clf: Any, text: str, spans: list[tuple[int, int]], x: Any
             ) -> tuple[float, tuple[int, int], str]:
        scores = clf.decision_function(x)
        i, j = spans[int(np.argmax(scores))]
        tokens = tokens_with_offsets(text)
        return float(np.max(scores)), (i, j), text[tokens[i][1]:tokens[j][2]]

    ranked: dict[str, str] = {}
    # Where the tagger marks no word and the ranker has candidates: the best candidate's score,
    # whether the message names a technology and whether that candidate overlaps the labelled
    # mention's words, and the candidate; by fold.
    unmarked: dict[str, tuple[float, bool, bool, str]] = {}
    fold_of_unmarked: dict[str, int] = {}
    for part in range(FOLDS):
        learn = [rid for rid, p in part_of.items() if p != part and spans_of[rid]]
        if len({span == gold_of[rid] for rid in learn for span in spans_of[rid]}) < 2:
            continue  # too few labelled subjects to learn from in this fold
        clf = fit(learn)
        for rid, text, _, _ in labelled:
            if part_of[rid] != part or not spans_of[rid]:
                continue
            score, (i, j), phrase = best(clf, text, spans_of[rid], matrix[rows_of(rid)])
            if has_runs[rid]:
                ranked[rid] = phrase
            else:
                gold = gold_of[rid]
                unmarked[rid] = (score, True, gold is not None and i <= gold[1]
                                 and j >= gold[0], phrase)
                fold_of_unmarked[rid] = part
        for rid, text, _, _ in unnamed:
            if unnamed_part[rid] != part or runs(text, tagged_of[rid]):
                continue
            tokens = tokens_with_offsets(text)
            ctx = AnalyserModel.span_context(text, tokens, tagged_of[rid], [])
            spans = candidates(ctx)
            if spans:
                x = _rows([span_features(ctx, i, j, known, stopwords) for i, j in spans],
                          column)
                unmarked[rid] = (best(clf, text, spans, x)[0], False, False, "")
                fold_of_unmarked[rid] = part
    floor, floor_report = _floor(list(unmarked.values()))
    without_floor = dict(ranked)
    for part in range(FOLDS):
        # The floor this fold's messages get: chosen on the other folds' messages.
        part_floor = _floor([v for rid, v in unmarked.items()
                             if fold_of_unmarked[rid] != part])[0]
        for rid, _, _, _ in labelled:
            if part_of[rid] != part or rid in ranked:
                continue
            # No run (as at answering: a subject only from a candidate that reaches the floor),
            # no candidate, or no ranker in this fold: the tagger's own run, if any.
            without_floor[rid] = base_of[rid]
            best_of = unmarked.get(rid)
            ranked[rid] = best_of[3] if best_of and part_floor is not None \
                and best_of[0] >= part_floor else base_of[rid]

    report: dict[str, Any] = {}
    for name, marked in (("questions", False), ("cases", True)):
        ids = [row for row in labelled if row[0].startswith("case:") == marked]
        if not ids:
            continue
        expected = [(rid, subject or "") for rid, _, subject, _ in ids]
        report[name] = {"n": len(ids), "tagger_runs": _figures(base_of, expected),
                        "span_ranker": _figures(ranked, expected),
                        "span_ranker_no_floor": _figures(without_floor, expected)}
    questions = report.get("questions", {})
    report["subject_exact_unseen"] = round(
        sum(v for rid, v in exact_tags.items() if not rid.startswith("case:"))
        / max(questions.get("n", 0), 1), 3)
    report["subject_phrase_exact_unseen"] = questions.get("span_ranker", {}).get("exact", 0.0)
    report["subject_phrase_f1_unseen"] = questions.get("span_ranker", {}).get("f1", 0.0)
    report["unmarked"] = floor_report
    usable = [rid for rid in part_of if spans_of[rid]]
    if len({span == gold_of[rid] for rid in usable for span in spans_of[rid]}) < 2:
        return [], np.zeros(0, np.float32), 0.0, None, report, ranked
    clf = fit(usable)
    return (names, clf.coef_.ravel().astype(np.float32),
            float(clf.intercept_.ravel()[0]), floor, report, ranked)


def _rows(features: list[dict[str, float]], column: dict[str, int]) -> Any:
    """``features`` as rows of the ranker's sparse matrix (names it never saw left out)."""
    from scipy import sparse

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for f in features:
        kept = [(column[name], value) for name, value in f.items() if name in column]
        indices.extend(k for k, _ in kept)
        data.extend(v for _, v in kept)
        indptr.append(len(indices))
    return sparse.csr_matrix((np.asarray(data, np.float64), np.asarray(indices, np.int64),
                              np.asarray(indptr)), shape=(len(features), len(column)))


def _floor(unmarked: list[tuple[float, bool, bool, str]]) -> tuple[float | None, dict[str, Any]]:
    """How well the span ranker's best candidate must score for a message whose words the tagger
    all leaves outside (:data:`.model.START_OUTSIDE`) to get a subject all the same: a bare word
    the tagger never saw ("blockchain") sits just above that threshold, while a message that
    names no technology ("Wat is de denkraam?") has no candidate that scores well.

    ``unmarked`` holds such messages that have candidates: (cross-validated score of the best
    candidate, whether the message names a technology, whether that candidate overlaps the
    labelled mention's words, the candidate). A message that names a technology is right when
    its best candidate overlaps the mention and reaches the floor; one that names none, when its
    best stays below. The floor gets the most of them right, the higher one where two tie;
    None (no subject without a run, as before) when none gets more right than no floor does. It
    lies halfway between the lowest score it accepts and the highest below that, since the
    final ranker (trained on all messages) scores a little differently from the folds' rankers.
    Weighed alike, a wrong subject and a missed one cost the same here; a subject is put in
    scope for what to ask by the technology classifier, not by this floor.

    Reported: the messages that name a technology (``named``) and that name none
    (``unnamed``); of the first, those the floor finds (``named_found``) and those it gives a
    candidate that misses the mention (``named_wrong``); of the second, those it wrongly gives
    a subject (``unnamed_found``)."""
    named = [(s, hit) for s, is_named, hit, _ in unmarked if is_named]
    unnamed = [s for s, is_named, _, _ in unmarked if not is_named]
    chosen: float | None = None
    right = len(unnamed)
    for candidate in sorted({s for s, hit in named if hit}, reverse=True):
        score = sum(hit and s >= candidate for s, hit in named) + \
            sum(s < candidate for s in unnamed)
        if score > right:
            chosen, right = candidate, score
    floor = chosen
    if chosen is not None:
        below = [s for s, _, _, _ in unmarked if s < chosen]
        floor = (chosen + max(below)) / 2 if below else chosen
    top = np.inf if floor is None else floor
    found = [hit for s, hit in named if s >= top]
    return floor, {
        "named": len(named), "unnamed": len(unnamed),
        "floor": None if floor is None else round(floor, 3),
        "named_found": sum(found), "named_wrong": len(found) - sum(found),
        "unnamed_found": sum(s >= top for s in unnamed)}


def name_rows(items: Sequence[LabelledQuestion], cases: Sequence[LabelledCase] = ()
              ) -> list[tuple[str, str, str]]:
    """(id, subject, short name) of each labelled question and case with a subject (a case only
    where its spans are labelled), ids as :func:`subject_rows` gives them; a subject without a
    labelled name is its own name, without a leading article (as the labelled names are
    written)."""
    return [(i.id, i.subject, i.name or without_article(i.subject)) for i in items
            if i.subject] + [(f"case:{c.id}", c.subject, c.name or without_article(c.subject))
                             for c in cases if c.spans]


def _name_examples(phrase: str, name: str, known: frozenset[str], stopwords: frozenset[str]
                   ) -> tuple[list[dict[str, float]], list[bool]]:
    """The name candidates of ``phrase`` as features, each marked whether it is ``name``; a
    labelled name the candidates miss is added, since it still teaches."""
    tokens = tokens_with_offsets(phrase)
    folded = [fold(t) for t, _, _ in tokens]
    spans = name_candidates(tokens, folded, phrase, stopwords)
    at = phrase.find(name)
    gold = _words_within(tokens, at, at + len(name)) if at >= 0 else None
    if gold is not None and gold not in spans:
        spans.append(gold)
    return ([name_features(tokens, folded, phrase, i, j, known, stopwords) for i, j in spans],
            [span == gold for span in spans])


def _names(rows: Sequence[tuple[str, str, str]], ranked: dict[str, str], known: frozenset[str],
           stopwords: frozenset[str]) -> tuple[list[str], np.ndarray, float, dict[str, Any]]:
    """The name ranker (:func:`.spans.name_features`): its feature names, weights and intercept,
    and its cross-validated figures per set (labelled questions, labelled cases), grouped into
    folds by the name (:func:`fold_of`). Each is scored as word-for-word equal to the labelled
    name and as word F1: the name taken from the labelled subject, and (``end_to_end``) the name
    taken from the phrase the span ranker found in a fold that did not see the message, beside
    that phrase as it is (``phrase_as_name``). Somewhat optimistic: the frame words the features
    name come from every message."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data: dict[str, tuple[list[dict[str, float]], list[bool]]] = {}
    part_of: dict[str, int] = {}
    for rid, subject, name in rows:
        # Grouped by the name, so that no fold holds a name another fold learned from
        # ("camera's" of "camera's in de binnenstad" and of "camera's bij de containers").
        part_of[rid] = fold_of(name)
        data[rid] = _name_examples(subject, name, known, stopwords)
        # The phrase the span ranker found in a fold that did not see the message, where it
        # holds the labelled name among other words ("containers voorzien", "de inzet van de
        # sensoren"): what the ranker is given when answering, which labelled subjects, written
        # without a verb or a frame, never show it.
        phrase = ranked.get(rid)
        if phrase and phrase != subject:
            examples = _name_examples(phrase, name, known, stopwords)
            if any(examples[1]):
                data[f"{rid}#phrase"] = examples
                part_of[f"{rid}#phrase"] = part_of[rid]

    def fit(ids: Sequence[str]) -> tuple[Any, Any]:
        vec = DictVectorizer()
        x = vec.fit_transform([f for rid in ids for f in data[rid][0]])
        y = [g for rid in ids for g in data[rid][1]]
        return vec, LogisticRegression(C=NAME_C, max_iter=3000).fit(x, y)

    def best(vec: Any, clf: Any, phrase: str) -> str:
        return choose_name(phrase, known, stopwords,
                           lambda features: clf.decision_function(vec.transform(features)))

    from_subject: dict[str, str] = {}
    from_phrase: dict[str, str] = {}
    for part in range(FOLDS):
        learn = [rid for rid, p in part_of.items() if p != part]
        if len({g for rid in learn for g in data[rid][1]}) < 2:
            continue
        vec, clf = fit(learn)
        for rid, subject, _ in rows:
            if part_of[rid] == part:
                from_subject[rid] = best(vec, clf, subject)
                from_phrase[rid] = best(vec, clf, ranked.get(rid, "")) if ranked.get(rid) else ""

    report: dict[str, Any] = {}
    for set_name, marked in (("questions", False), ("cases", True)):
        ids = [(rid, name) for rid, _, name in rows if rid.startswith("case:") == marked]
        if not ids:
            continue
        report[set_name] = {
            "n": len(ids),
            "shorter_than_subject": sum(1 for rid, s, n in rows
                                        if rid.startswith("case:") == marked and n != s),
            "from_subject": _figures(from_subject, ids),
            "end_to_end": _figures(from_phrase, ids),
            "phrase_as_name": _figures(ranked, ids)}
    if len({g for rid in data for g in data[rid][1]}) < 2:
        return [], np.zeros(0, np.float32), 0.0, report
    vec, clf = fit(list(data))
    return (list(vec.feature_names_), clf.coef_.ravel().astype(np.float32),
            float(clf.intercept_.ravel()[0]), report)


def _articles_report(counts: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """How well :func:`.articles.definite_article` tells the article of a noun the counts lack:
    each noun that takes one article (:data:`.articles.MIN_SHARE`) left out in turn, the share
    it is given an article for and the share of those right."""
    rest = dict(counts)
    given = right = nouns = 0
    for noun, (de, het) in counts.items():
        if max(de, het) < MIN_SHARE * (de + het):
            continue
        nouns += 1
        del rest[noun]
        found = definite_article(noun, rest)
        rest[noun] = (de, het)
        given += found is not None
        right += found == ("de" if de >= het else "het")
    return {"nouns": len(counts), "unseen_given": round(given / nouns, 3) if nouns else 0.0,
            "unseen_right": round(right / given, 3) if given else 0.0}


def analyser_for(framework: Framework, embed: Any, fingerprint: str, cache_dir: Path) -> Path:
    """The folder of an analyser for this labelled set, framework and model, trained now unless
    ``cache_dir`` holds one already."""
    folder = cache_dir / f"analyser-{analyser_key(framework, fingerprint)}"

    def check(found: Path) -> Path:
        AnalyserModel.load(found)
        return folder

    def make(tmp: Path) -> Path:
        items = load_labelled()
        phrases = load_phrases()
        cases = load_cases()
        log.info("Training the question analyser on %d labelled questions, %d phrases and %d "
                 "cases.", len(items), len(phrases), len(cases))
        with one_blas_thread():
            model, arrays = train(items, framework, embed, fingerprint, cache_dir, phrases,
                                  cases)
        model.save(tmp, arrays)
        return folder

    # Older analysers are kept for a switch back (another model, an earlier labelled set), a few.
    return cached_model(folder, check, make, KEEP_ANALYSERS)


def cached_model(folder: Path, load: Callable[[Path], T], make: Callable[[Path], T],
                 keep: int) -> T:
    """A trained model kept in the cache ``folder``, named ``<kind>-<hash of what made it>``:
    ``load(folder)`` when it is there and loads (a damaged one is trained again), else
    ``make(tmp)``, which trains it and saves it into a temporary folder beside it that then takes
    its place. Of the other models of its kind, the ``keep - 1`` newest stay (for a switch back
    to an earlier labelled set or embedding model)."""
    if (folder / "meta.json").exists():
        try:
            return load(folder)
        except Exception:  # a damaged cached model is trained again
            shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    made = make(tmp)
    try:
        os.replace(tmp, folder)
    except OSError:  # another build put the same model there first
        shutil.rmtree(tmp, ignore_errors=True)
    kind = folder.name.split("-", 1)[0]
    older = sorted((p for p in folder.parent.glob(f"{kind}-*") if p != folder),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[keep - 1:]:
        shutil.rmtree(stale, ignore_errors=True)
    return made
