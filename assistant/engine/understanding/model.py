"""The trained question analyser: the kind of a question, its subject, and what a technology does.

Three small models, trained on the labelled set (:mod:`.labelled`) when an index is built and
stored beside it (``index/analyser/``, its hash in the manifest, checked on load):

* **kind**: multinomial logistic regression over the e5 vector of the part that asks together
  with its word n-grams (:class:`.features.Ngrams`). Its classes are the kinds of question, the
  kinds of follow-up, and ``context``: a sentence that describes or quotes rather than asks,
  which :func:`.split.split` uses to find the question in a message without a question mark.
* **subject**: a token tagger (logistic regression over each word and its neighbours, see
  :func:`.features.token_features`) that marks the words naming the technology or plan as the
  user wrote it, qualifiers included ("slimme camera's met gezichtsherkenning"), and a span
  ranker over whole phrases that sets where the phrase starts and ends (:mod:`.spans`).
* **characteristics**: one logistic regression per characteristic of framework.yaml over the e5
  vector of the case (the technology as written with what the message describes of it, see
  :func:`case_text`), trained on the labelled cases (``labelled/cases``). A technology the
  framework never names gets what it does from its meaning, and a plan that says what the
  technology does not do ("de beelden worden direct geanonimiseerd") is read as it says. A
  characteristic without enough labelled cases (one a municipality adds to framework.yaml) falls
  back to its examples there: it is given when the case is close enough to one of them.

Training needs scikit-learn; answering needs only numpy (the weights are plain arrays).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.engine.text.articles import definite_form
from assistant.engine.text.words import DUTCH_STOPWORDS, ENGLISH_STOPWORDS, fold, words
from assistant.engine.understanding.features import Ngrams, token_features, tokens_with_offsets
from assistant.engine.understanding.language import language_data, question_frame
from assistant.engine.understanding.spans import (
    SpanContext,
    candidates,
    choose_name,
    mentions,
    relative_words,
    span_context,
    span_features,
)
from assistant.engine.understanding.split import split

MODEL_FILE = "model.npz"
META_FILE = "meta.json"
FILES = (MODEL_FILE, META_FILE)
CONTEXT = "context"
TAGS = ("O", "B", "I")
# Runs the tagger marks that are weighed as the technology (each embedded once): more found the
# technology in a described plan more often on evals/advice.jsonl.
SUBJECT_CANDIDATES = 4
_CLAUSE_END = re.compile(r"[,:;.!?\n]")
# How likely outside the subject a word may be to start or continue a run of the subject, and to
# be taken into one as a neighbour; chosen by cross-validation on the labelled set (the phrase
# as the analyser shapes it equals the labelled one in 0.416 of the questions about technologies
# left out of training with 0.5 and no growing, 0.491 with these).
# How sure the model over words alone must be that a question asks what to ask to settle it
# without the e5 vector of the question (cross-validated on the labelled set: 0.987 of those it
# settles are "what to ask", against about 0.96 of the kind model's what-to-ask readings; it
# settles about two in three).
WORDS_ASK_MIN = 0.95
START_OUTSIDE = 0.6
GROW_OUTSIDE = 0.8
# How close a subject's vector must be to an example of a characteristic (cosine), and how far
# below the best characteristic another may be, to be counted too.
CHARACTERISTIC_MIN = 0.84
CHARACTERISTIC_MARGIN = 0.02
# The weight of a trigger word of framework.yaml among the features of a case. Chosen in a one-off
# cross-validation on the labelled cases with each of their five files (lists of technologies)
# left out in turn, the subject's and the description's triggers as two sets of flags, threshold
# 0.5: micro F1 0.677 at 1, 0.659 without triggers, 0.667 at 2 (the trigger words alone: 0.566).
TRIGGER_WEIGHT = 1.0
# How likely a learned characteristic must be to be given. A characteristic a case lacks costs
# more than one it misses: the questions it brings assume what the case rules out (graded 0),
# while a missed one leaves more general questions (graded 1). So the threshold maximises F0.5
# (precision counted twice), in the same one-off cross-validation: 0.711 at 0.7 and 0.719 at 0.8
# with each file left out, 0.793 and 0.787 with unseen technologies from all files (0.679 and
# 0.755 at 0.5). The training report (grouped folds, meta.json) gives, at 0.75: precision 0.871,
# recall 0.592, cases given one they lack 0.200 (at 0.5: 0.759, 0.745, 0.455).
CHARACTERISTIC_PROBABILITY = 0.75
# Below that, down to this probability, a learned characteristic is uncertain: the answer asks
# whether the technology has it (the question bank's `asks_whether`) instead of assuming it or
# leaving it out. Cross-validated over unseen technologies (grouped folds, 1,349 cases, without
# the implications), 0.51 of the case-characteristic pairs read between 0.5 and 0.75 have it
# (0.36 between 0.4 and 0.5, 0.88 from 0.75 on): a coin toss, which is what a council member
# should put to the college.
UNSURE_PROBABILITY = 0.5
# From this probability a characteristic the analyser gives is sure; between
# CHARACTERISTIC_PROBABILITY and this it is likely. A likely one of those most at stake for
# residents does not lead the answer as most at stake (the public value, its reason and question,
# the characteristics the notice names; case.stakes_of): cross-validated over unseen
# technologies (grouped folds, 1,349 cases), 0.75 of the case-characteristic pairs read from 0.75
# to 0.9 have it against 0.93 from 0.9 on (recognising people 0.64 against 0.83, enforcement 0.60
# against 0.89, deciding about residents 0.73 against 0.93), while a lead that assumes what the
# case lacks misreads the whole answer. A trigger word of the characteristic in the message does
# not make a reading surer: 0.71 of the triggered readings from 0.75 to 0.9 are right, 0.76 of
# the others.
SURE_PROBABILITY = 0.9
# How much of a described or pasted plan is read with the technology (for its characteristics
# and, being the same text, for retrieval of a what-to-ask question).
CONTEXT_CHARS = 500


# Where a sentence of the asking part ends: ".", "?" or "!" before a space or the end.
_SENTENCE_END = re.compile(r"[.?!](?=\s|$)")


def implied_by(keys: Sequence[str], implies: Sequence[tuple[str, str]]) -> list[str]:
    """``keys`` and, after them, every characteristic that one of them implies through the
    pairs ``implies`` (a implies b), an implied one's implications included; the same closure at
    training (the cross-validation's predictions) and at answering."""
    out = list(keys)
    for key in out:  # grows while it is read: an implied one's implications follow it
        out += [b for a, b in implies if a == key and b not in out]
    return out


def case_text(subject: str, context: str = "") -> str:
    """The text a case is embedded as: the technology as written, followed by what the message
    describes or quotes of it (cut at :data:`CONTEXT_CHARS`), or the technology alone."""
    return f"{subject}. {context}"[:CONTEXT_CHARS] if context else phrase_form(subject)


def _case_model(meta: dict[str, Any], arrays: Any, prefix: str
                ) -> tuple[list[str], Ngrams, np.ndarray, np.ndarray]:
    """The learned characteristics, word n-grams, weights and intercepts of one characteristics
    model of a saved analyser (``prefix`` "" for described technologies, "named_" for those
    named alone)."""
    grams = meta.get(f"{prefix}characteristic_ngrams", [])
    return (list(meta.get(f"{prefix}learned_characteristics", [])),
            Ngrams({g: i for i, g in enumerate(grams)},
                   np.asarray(arrays.get(f"{prefix}characteristic_idf", np.zeros(0)),
                              dtype=np.float32)),
            np.asarray(arrays.get(f"{prefix}characteristic_coef", np.zeros((0, 1))),
                       dtype=np.float32),
            np.asarray(arrays.get(f"{prefix}characteristic_intercept", np.zeros(0)),
                       dtype=np.float32))


@cache
def _saying_nothing() -> frozenset[str]:
    """Words that say nothing of a technology: function words and the question's frame ("wat
    moet ik vragen", "- what to ask") of the language files."""
    return DUTCH_STOPWORDS | ENGLISH_STOPWORDS | question_frame()


def unframed(subject: str, described: str) -> list[str]:
    """The words of what a message says of its technology (``described``,
    :func:`described_of`) that are neither function words, the question's frame nor the
    technology's own words again."""
    own = set(words(subject))
    nothing = _saying_nothing()
    return [w for w in words(described) if w not in nothing and w not in own]


def named_alone(subject: str, described: str, frame: Collection[str] = ()) -> bool:
    """Whether a message names its technology without saying anything of it: what it says
    besides is only the question's frame (:func:`unframed`; with ``frame``, the words the
    labelled names frame their question with besides: "waar moet ik op letten", "in de
    commissie"), function words, or the technology's own words again. What a technology so
    named does is often left open, where a description would settle it."""
    return all(w in frame for w in unframed(subject, described))


def described_of(subject: str, question: str, context: str) -> str:
    """What a message says of its technology: the rest of the sentence that asks, after the
    technology's phrase ("... over slimme meters die elk kwartier het verbruik per huishouden
    doorgeven?"), and what it describes or quotes besides, as sentences. The phrase is found as
    whole words, in any case; where the asking part does not hold it, the description alone."""
    tail = ""
    found = re.search(rf"(?<!\w){re.escape(subject)}(?!\w)", question, re.IGNORECASE) \
        if subject.strip() else None
    if found:
        rest = question[found.end():]
        end = _SENTENCE_END.search(rest)
        tail = (rest[:end.start()] if end else rest).strip(" ,;:")
    return ". ".join(x for x in (tail, context.strip()) if x)


def phrase_form(text: str) -> str:
    """A phrase as it is embedded to weigh it as a technology: its first letter in lower case,
    unless it starts with an acronym ("RPA", "NL-Alert"). A subject at the start of a sentence
    is capitalised; e5 reads a capitalised word as a name ("Fietstellers" 0.18 a technology,
    "fietstellers" 0.52), and the word means the same."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def files_sha256(folder: Path, names: tuple[str, ...] = FILES) -> str:
    """One hash over the named files of ``folder`` (by default the analyser's)."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def _linear(features: dict[str, float], index: dict[str, int], coef: np.ndarray,
            intercept: float) -> float:
    """A logistic regression's score of named features (those it never learned weigh nothing)."""
    return intercept + sum(value * float(coef[index[name]])
                           for name, value in features.items() if name in index)


@dataclass
class Subject:
    text: str
    start: int
    end: int
    confidence: float


def runs(text: str, tagged: list[tuple[int, int, np.ndarray]]) -> list[Subject]:
    """The runs of words in ``tagged`` (start, end and probabilities of O/B/I of each word of
    ``text``), the likeliest first by the weight of their words. A word at most
    :data:`START_OUTSIDE` likely outside starts a run or continues one; a run then grows over
    neighbours at most :data:`GROW_OUTSIDE` likely outside, since the tagger is surer of a
    technology's head than of its qualifiers ("meldingen app"). A run does not go past a comma
    or the end of a clause (``,:;.!?`` or a line break between two words)."""
    spans: list[list[int]] = []
    previous_in = False
    for i, (start, _, p) in enumerate(tagged):
        inside = p[0] < START_OUTSIDE
        joined = i > 0 and not _CLAUSE_END.search(text, tagged[i - 1][1], start)
        if inside and previous_in and joined and p[1] <= p[2]:
            spans[-1][1] = i
        elif inside:
            spans.append([i, i])  # a word marked as beginning starts a new run
        previous_in = inside

    def grows(i: int, j: int) -> bool:  # may the run at word i take its neighbour j
        a, b = min(i, j), max(i, j)
        return 0 <= j < len(tagged) and tagged[j][2][0] < GROW_OUTSIDE and \
            not _CLAUSE_END.search(text, tagged[a][1], tagged[b][0])

    grown: dict[tuple[int, int], float] = {}
    for first, last in spans:
        while grows(first, first - 1):
            first -= 1
        while grows(last, last + 1):
            last += 1
        grown[first, last] = sum(1.0 - float(tagged[k][2][0]) for k in range(first, last + 1))
    ordered = sorted(grown.items(), key=lambda x: -x[1])
    return [Subject(text[tagged[a][0]:tagged[b][1]], tagged[a][0], tagged[b][1],
                    weight / (b - a + 1)) for (a, b), weight in ordered]


def subject_phrase(text: str, start: int, end: int) -> str | None:
    """The marked words as a phrase that names something: a qualifier needs the noun it
    qualifies ("voor toezicht" -> "drones voor toezicht"), and a phrase does not end in a
    qualifier or a function word ("criminaliteitsvoorspelling met" -> its first word)."""
    tokens = tokens_with_offsets(text)
    found = phrase_words(text, tokens, start, end)
    return text[tokens[found[0]][1]:tokens[found[1]][2]] if found else None


def phrase_words(text: str, tokens: list[tuple[str, int, int]], start: int, end: int
                 ) -> tuple[int, int] | None:
    """The first and last word of :func:`subject_phrase`'s phrase."""
    inside = [i for i, (_, s, e) in enumerate(tokens) if s >= start and e <= end]
    if not inside:
        return None
    qualifiers = language_data("nl").qualifiers | language_data("en").qualifiers
    function = qualifiers | DUTCH_STOPWORDS | ENGLISH_STOPWORDS | question_frame()
    first, last = inside[0], inside[-1]
    last = _whole_clause(text, tokens, first, last)
    while last > first and fold(tokens[last][0]) in function:
        last -= 1
    if fold(tokens[first][0]) in qualifiers:
        head = first
        while head > 0 and fold(tokens[head - 1][0]) not in function and first - head < 3:
            head -= 1
        first = head if head < first else first + 1
    while first < last and fold(tokens[first][0]) in function - {"slimme", "smart"}:
        first += 1
    if first > last or fold(tokens[first][0]) in function:
        return None
    return first, last


CLAUSE_WORDS = 12


def _whole_clause(text: str, tokens: list[tuple[str, int, int]], first: int, last: int) -> int:
    """The last word of the marked words with a relative clause they start whole: a clause
    ("die", "that") the tagger cut off in the middle ("luchtkwaliteitsmeters die de gemeente")
    runs on to a clause boundary (``,:;.!?``, a line break, the end of the text) or a word that
    joins the next clause ("en", "and"), within :data:`CLAUSE_WORDS` words ("... die de
    gemeente als proef een half jaar huurt"); a longer one is left out. Measured when the tagger
    learned from the labelled questions only, on them (cross-validated: phrase exact 0.491 ->
    0.492, word F1 0.772 -> 0.775) and on the labelled cases' plans and passages (exact 0.117 ->
    0.152, F1 0.544 -> 0.582; leaving the cut-off clause out gave 0.121 and 0.515). It shapes
    the tagger's own run, which the span ranker reads (:mod:`.spans`)."""
    relatives = relative_words()
    coordinators = language_data("nl").coordinators | language_data("en").coordinators
    starts = [k for k in range(first + 1, last + 1) if fold(tokens[k][0]) in relatives]
    if not starts or last + 1 >= len(tokens):
        return last
    end = last  # the marked words themselves may end the clause, however long it is
    while True:
        if _CLAUSE_END.search(text, tokens[end][2], tokens[end + 1][1]) \
                or fold(tokens[end + 1][0]) in coordinators:
            return end
        end += 1
        if end + 1 >= len(tokens):
            return end
        if end - starts[0] >= CLAUSE_WORDS:
            return starts[0] - 1


class AnalyserModel:
    """The weights of the three models, for answering (see the module docstring)."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        self.meta = meta
        self.kinds: list[str] = list(meta["kinds"])
        self.vector_weight = float(meta["vector_weight"])
        self.ngrams = Ngrams({g: i for i, g in enumerate(meta["ngrams"])},
                             np.asarray(arrays["idf"], dtype=np.float32))
        self.kind_coef = np.asarray(arrays["kind_coef"], dtype=np.float32)
        self.kind_intercept = np.asarray(arrays["kind_intercept"], dtype=np.float32)
        self.words_coef = np.asarray(arrays["words_coef"], dtype=np.float32)
        self.words_intercept = np.asarray(arrays["words_intercept"], dtype=np.float32)
        self.tag_features = {f: i for i, f in enumerate(meta["tag_features"])}
        self.tag_coef = np.asarray(arrays["tag_coef"], dtype=np.float32)  # features x tags
        self.tag_intercept = np.asarray(arrays["tag_intercept"], dtype=np.float32)
        self.stopwords = frozenset(meta["stopwords"])
        self.known = frozenset(meta["tag_known"])
        self.articles: dict[str, tuple[int, int]] = {
            w: (int(n[0]), int(n[1])) for w, n in meta.get("articles", {}).items()}
        self.characteristic_keys: list[str] = list(meta["characteristics"])
        self.example_vectors = np.asarray(arrays["example_vectors"], dtype=np.float32)
        self.example_owner = np.asarray(arrays["example_owner"], dtype=np.int32)
        self.learned, self.case_ngrams, self.learned_coef, self.learned_intercept = \
            _case_model(meta, arrays, "")
        self.implies: list[tuple[str, str]] = list(dict.fromkeys(
            (str(a), str(b)) for a, b in meta.get("characteristic_implies", [])))
        # For a technology named alone, where the labelled cases include some labelled as their
        # name leaves them (train._characteristics): the same features, its own weights.
        self.named_learned, self.named_ngrams, self.named_coef, self.named_intercept = \
            _case_model(meta, arrays, "named_")
        if self.named_coef.shape[0] != len(self.named_learned):
            self.named_learned = []  # no weights for it: technologies named alone as described
        self.frame_words = frozenset(meta.get("frame_words", []))
        self.span_features = {f: i for i, f in enumerate(meta.get("span_features", []))}
        self.span_coef = np.asarray(arrays.get("span_coef", np.zeros(0)), dtype=np.float32)
        self.span_intercept = float(np.asarray(arrays.get("span_intercept", [0.0])).ravel()[0])
        floor = float(np.asarray(arrays.get("span_floor", [np.nan])).ravel()[0])
        # How well the span ranker's best candidate must score for a subject where the tagger
        # marks no word (see :meth:`subjects`); None: no subject there.
        self.span_floor: float | None = None if math.isnan(floor) else floor
        self.name_features = {f: i for i, f in enumerate(meta.get("name_features", []))}
        self.name_coef = np.asarray(arrays.get("name_coef", np.zeros(0)), dtype=np.float32)
        self.name_intercept = float(np.asarray(arrays.get("name_intercept", [0.0])).ravel()[0])
        self.technology_coef = np.asarray(arrays["technology_coef"], dtype=np.float32)
        self.technology_intercept = float(np.asarray(arrays["technology_intercept"]).ravel()[0])

    # -- files -----------------------------------------------------------------------------------

    def save(self, folder: Path, arrays: dict[str, np.ndarray]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / MODEL_FILE, "wb") as f:
            np.savez(f, **arrays)  # type: ignore[arg-type]
        (folder / META_FILE).write_text(json.dumps(self.meta, ensure_ascii=False, indent=1),
                                        encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> AnalyserModel:
        """Read the model; any problem raises (the caller turns it into one sentence)."""
        with np.load(folder / MODEL_FILE, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        model = cls(arrays, meta)
        if model.kind_coef.shape != (len(model.kinds), len(model.ngrams.vocabulary)
                                     + model.example_vectors.shape[1]):
            raise ValueError("the kind weights do not fit the features")
        if model.words_coef.shape != (len(model.kinds), len(model.ngrams.vocabulary)):
            raise ValueError("the kind weights over words do not fit the features")
        if model.tag_coef.shape != (len(model.tag_features), len(TAGS)):
            raise ValueError("the tagger weights do not fit its features")
        if model.span_coef.shape != (len(model.span_features),):
            raise ValueError("the span ranker's weights do not fit its features")
        if model.name_coef.shape != (len(model.name_features),):
            raise ValueError("the name ranker's weights do not fit its features")
        for learned, ngrams, coef in (
                (model.learned, model.case_ngrams, model.learned_coef),
                (model.named_learned, model.named_ngrams, model.named_coef)):
            if learned and coef.shape != (len(learned), model.example_vectors.shape[1]
                                          + len(ngrams.vocabulary)
                                          + len(model.characteristic_keys) + 1):
                raise ValueError("the characteristic weights do not fit the features")
        return model

    # -- kind ------------------------------------------------------------------------------------

    def features(self, text: str, vector: np.ndarray) -> np.ndarray:
        return np.concatenate([self.vector_weight * np.asarray(vector, dtype=np.float32).ravel(),
                               self.ngrams.transform(text)])

    def kind_probabilities(self, text: str, vector: np.ndarray) -> dict[str, float]:
        logits = self.kind_coef @ self.features(text, vector) + self.kind_intercept
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return {k: float(v) for k, v in zip(self.kinds, p, strict=True)}

    def kind_probabilities_by_words(self, text: str) -> dict[str, float]:
        """The kind from the words alone (no e5 vector): a second logistic regression over the
        same n-grams, trained on the same set. A what-to-ask question it is sure of
        (:data:`WORDS_ASK_MIN`) needs no vector of its own, since its retrieval reads the vector
        of its subject."""
        logits = self.words_coef @ self.ngrams.transform(text) + self.words_intercept
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return {k: float(v) for k, v in zip(self.kinds, p, strict=True)}

    # -- subject ---------------------------------------------------------------------------------

    def tag(self, text: str) -> list[tuple[int, int, np.ndarray]]:
        """(start, end, probabilities of O/B/I) for each word of ``text``."""
        tokens = tokens_with_offsets(text)
        feats = token_features([t for t, _, _ in tokens], self.stopwords, self.known)
        out = []
        for (_, start, end), names in zip(tokens, feats, strict=True):
            rows = [self.tag_features[n] for n in names if n in self.tag_features]
            logits = self.tag_coef[rows].sum(axis=0) + self.tag_intercept
            p = np.exp(logits - logits.max())
            out.append((start, end, p / p.sum()))
        return out

    def subjects(self, text: str, limit: int = SUBJECT_CANDIDATES) -> list[Subject]:
        """Phrases that name the technology or plan, as written, the likeliest first, one per
        mention, at most ``limit``. The span ranker (:mod:`.spans`) chooses each phrase's ends;
        ``confidence`` is its score. Where the tagger marks no word (see :func:`runs`), the
        best candidate of each mention is kept only where it scores at least the ranker's
        learned floor (a word the tagger never saw, "blockchain", may still name a technology;
        :func:`.train._floor`); none where the model has no floor. A model without a ranker
        gives the tagger's runs."""
        tagged = self.tag(text)
        found = runs(text, tagged)
        floor = -math.inf if found else self.span_floor
        if floor is None or not self.span_features:
            return found[:limit]
        tokens = tokens_with_offsets(text)
        ctx = self.span_context(text, tokens, tagged, found)
        spans = candidates(ctx)
        if not spans:
            return found[:limit]
        scores = np.asarray([self.span_score(span_features(ctx, i, j, self.known,
                                                           self.stopwords))
                             for i, j in spans], dtype=np.float32)
        return [Subject(text[tokens[i][1]:tokens[j][2]], tokens[i][1], tokens[j][2], score)
                for i, j, score in mentions(spans, scores, limit) if score >= floor]

    @staticmethod
    def span_context(text: str, tokens: list[tuple[str, int, int]],
                     tagged: list[tuple[int, int, np.ndarray]], found: list[Subject]
                     ) -> SpanContext:
        """What the span ranker reads of ``text`` beside each candidate: the tagger's
        probabilities, the part that asks, and the tagger's first run as the query would shape
        it."""
        base = next((w for w in (phrase_words(text, tokens, r.start, r.end) for r in found)
                     if w), None)
        probabilities = np.vstack([p for _, _, p in tagged]) if tagged \
            else np.zeros((0, len(TAGS)), np.float32)
        return span_context(text, tokens, probabilities, split(text).question, base)

    def span_score(self, features: dict[str, float]) -> float:
        return _linear(features, self.span_features, self.span_coef, self.span_intercept)

    def name(self, phrase: str) -> str:
        """The short name of the technology a subject phrase names, for the council's questions
        (:func:`.spans.choose_name`). A model without a name ranker gives the phrase."""
        if not self.name_features:
            return phrase
        return choose_name(phrase, self.known, self.stopwords, lambda rows: np.asarray(
            [_linear(f, self.name_features, self.name_coef, self.name_intercept) for f in rows],
            dtype=np.float32))

    def definite(self, named: str, language: str) -> str:
        """``named`` with the definite article for an indefinite one the user wrote, or before a
        Dutch name without one, where its noun's article is known
        (:func:`.articles.definite_form`)."""
        return definite_form(named, language, self.articles)

    @property
    def scope_threshold(self) -> float:
        """How likely a what-to-ask question's subject must name a technology for the denkraam
        to answer it whatever the texts' words: chosen at training from cross-validation
        (:data:`.train.SCOPE_KEEP` of the technologies the model never saw are kept). An
        analyser trained before it was chosen uses 0.3, the value it replaced."""
        return float(self.meta.get("report", {}).get("technology", {})
                     .get("scope_threshold", 0.3))

    def technology_probability(self, vector: np.ndarray) -> float:
        """How likely a phrase names a technology or plan, from its e5 vector (trained on the
        labelled subjects against the other words of the same messages, not those of the lines
        that teach spans only)."""
        z = float(self.technology_coef @ np.asarray(vector, dtype=np.float32).ravel()
                  + self.technology_intercept)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    # -- characteristics -------------------------------------------------------------------------

    def characteristic_scores(self, vector: np.ndarray) -> dict[str, float]:
        """Best cosine similarity of ``vector`` to the examples of each characteristic."""
        if not len(self.example_vectors):
            return {}
        sims = self.example_vectors @ np.asarray(vector, dtype=np.float32).ravel()
        out: dict[str, float] = {}
        for owner, sim in zip(self.example_owner, sims, strict=True):
            key = self.characteristic_keys[int(owner)]
            out[key] = max(out.get(key, -1.0), float(sim))
        return out

    def case_features(self, text: str, vector: np.ndarray, triggered: Collection[str],
                      alone: bool = False, ngrams: Ngrams | None = None) -> np.ndarray:
        """What the characteristic models read of a case: its e5 vector, its word n-grams (of
        ``ngrams``, by default the described model's), which characteristics framework.yaml's
        trigger words name in it (their weight is learned, so a trigger counts as much as the
        labelled cases show it to be right), and whether the technology is named alone, without
        a description (``alone``)."""
        flags = np.asarray([TRIGGER_WEIGHT * (k in triggered) for k in self.characteristic_keys]
                           + [float(alone)], dtype=np.float32)
        return np.concatenate([self.vector_weight * np.asarray(vector, np.float32).ravel(),
                               (self.case_ngrams if ngrams is None else ngrams).transform(text),
                               flags])

    def characteristic_probabilities(self, text: str, vector: np.ndarray,
                                     triggered: Collection[str] = (),
                                     alone: bool = False) -> dict[str, float]:
        """How likely the case ``text`` (:func:`case_text`) with this vector, in which the
        trigger words of ``triggered`` occur, has each learned characteristic; with ``alone``,
        as the model for technologies named alone reads it, where there is one (it learned what
        such a name leaves open as unsure; see :meth:`reading`)."""
        if alone and self.named_learned:
            learned, ngrams, coef, intercept = (self.named_learned, self.named_ngrams,
                                                self.named_coef, self.named_intercept)
        else:
            learned, ngrams, coef, intercept = (self.learned, self.case_ngrams,
                                                self.learned_coef, self.learned_intercept)
        if not learned:
            return {}
        z = coef @ self.case_features(text, vector, triggered, alone, ngrams) + intercept
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        return {k: float(v) for k, v in zip(learned, p, strict=True)}

    def implied(self, keys: Sequence[str]) -> list[str]:
        """``keys`` and, after them, the characteristics they imply: where nearly every labelled
        case with one has the other as well (a technology that recognises people processes
        personal data; see :func:`.train.implications` and :func:`implied_by`)."""
        return implied_by(keys, self.implies)

    def characteristics(self, text: str, vector: np.ndarray, triggered: Collection[str] = (),
                        phrase_vector: np.ndarray | None = None, alone: bool = False
                        ) -> list[str]:
        """Characteristics of the case ``text`` (:func:`case_text`) with this vector (see the
        module docstring), likeliest first. The caller decides first that the case names a
        technology at all. A characteristic that is not learned is given as before there were
        labelled cases: when its trigger words occur (``triggered``), or when the technology's
        phrase (``phrase_vector``, by default ``vector``) is close to one of its examples and
        within :data:`CHARACTERISTIC_MARGIN` of the closest example of any characteristic."""
        return self.reading(text, vector, triggered, phrase_vector, alone)[0]

    def reading(self, text: str, vector: np.ndarray, triggered: Collection[str] = (),
                phrase_vector: np.ndarray | None = None, alone: bool = False,
                learned: dict[str, float] | None = None) -> tuple[list[str], list[str]]:
        """The characteristics of the case (:meth:`characteristics`) and, likeliest first, the
        learned ones it is unsure of: from :data:`UNSURE_PROBABILITY` up to the probability at
        which one is given, and not implied by one the learned models give; for a technology
        named alone (``alone``), after them those the model for names reads from
        :data:`UNSURE_PROBABILITY` on (:meth:`characteristic_probabilities`). ``learned`` are
        the probabilities of :meth:`characteristic_probabilities` where the caller has them."""
        if learned is None:
            learned = self.characteristic_probabilities(text, vector, triggered)
        ranked = sorted(learned.items(), key=lambda kv: -kv[1])
        out = [k for k, p in ranked if p >= CHARACTERISTIC_PROBABILITY]
        implied = set(self.implied(out))
        unsure = [k for k, p in ranked
                  if UNSURE_PROBABILITY <= p < CHARACTERISTIC_PROBABILITY and k not in implied]
        if len(learned) < len(self.characteristic_keys):
            # Characteristics without a learned model: their trigger words or examples.
            out += [k for k in self.characteristic_keys if k not in learned and k in triggered]
            scores = self.characteristic_scores(
                vector if phrase_vector is None else phrase_vector)
            if scores:
                top = max(scores.values())
                out += [k for k, s in sorted(scores.items(), key=lambda kv: -kv[1])
                        if k not in learned and k not in out and s >= CHARACTERISTIC_MIN
                        and s >= top - CHARACTERISTIC_MARGIN]
        if alone and self.named_learned:
            # What a name alone leaves open is asked, never assumed: the model for names adds
            # to what the analyser is unsure of, likeliest first, and gives nothing.
            given = set(self.implied(out))
            named = self.characteristic_probabilities(text, vector, triggered, alone=True)
            unsure += [k for k, p in sorted(named.items(), key=lambda kv: -kv[1])
                       if p >= UNSURE_PROBABILITY and k not in given and k not in unsure]
        return out, unsure
