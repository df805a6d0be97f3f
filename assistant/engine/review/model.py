"""Which checklist items a sentence of a proposal speaks to, and what it claims: learned from
labelled sentences.

``labelled/*.jsonl`` hold sentences as proposals write them (beslispunten, a cost table
row, a line of a letter without headings, procedural sentences that address nothing), each with
the heading it stands under and the checklist items it addresses, and (``plans*.jsonl``)
sentences of plans as council members describe them in the chat, without a heading, which the
what-to-ask answers read (:mod:`assistant.engine.answer.probes`); the checklist's own examples
are added as sentences of their item. One logistic regression per item reads the e5 question
vector of the sentence, its word n-grams (weighed by :data:`GRAM_WEIGHT`: the words that say what
a sentence is about, "bewaard", "kost", "evaluatie", which the e5 vector, mostly about the
technology, carries less of) and whether its heading is one where the item is usually dealt with
(the checklist's ``sections``).

``labelled/readings/*.jsonl`` hold sentences of proposals and of plans described in the chat,
labelled only with what they claim (the checklist's READINGS: that the plan gains the
municipality money, staff time or other means; what it costs the municipality). One model per
reading learns from them the same way, with n-grams of its own (:class:`Head`); which parts of a
probe are asked depends on what a document claims (:meth:`ReviewModel.claims`).

``assistant index`` trains both (the vectors of the labelled sentences and the trained model are
kept in the analyser's cache, so a rebuild trains only when what it learns from changed), stores
them in ``index/review/`` with their hash in the manifest, and reports cross-validated precision,
recall and F1 per item and per reading. Reading a proposal needs numpy only.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.engine.review.checklist import CHECKLIST, READINGS, Item, checklist
from assistant.engine.review.proposal import section_name
from assistant.engine.understanding import features as ngram_module
from assistant.engine.understanding.features import Ngrams
from assistant.engine.understanding.train import precision_recall_f1
from assistant.errors import AssistantError, UnderstandingDataError

LABELLED_DIR = Path(__file__).with_name("labelled")
LABELLED = LABELLED_DIR / "sentences.jsonl"
# Sentences labelled with what they claim (the checklist's READINGS), apart from the items: a
# sentence there is not labelled with the items it speaks to, so the items do not learn from it.
READINGS_DIR = LABELLED_DIR / "readings"
FILES = ("model.npz", "meta.json")
# Probability from which an item counts as addressed: an item no sentence reaches it for is
# reported missing. Chosen on the labelled proposals themselves, cross-validated per proposal (the
# training report's "gaps"): for each proposal or plan of at least eight labelled sentences, the
# items a model trained without it reports missing against the items none of its sentences is
# labelled with (190 proposals and plans). With the n-grams (GRAM_WEIGHT), gap precision and
# recall with headings, then without: 0.4 gives 0.906, 0.857, 0.888, 0.843; 0.45 gives 0.893,
# 0.888, 0.871, 0.880; 0.5 gives 0.873, 0.911, 0.847, 0.904. 0.45 is where the lowest of the four
# is highest (0.871; with the e5 vector alone the best was 0.808, at 0.7).
GAP_THRESHOLD = 0.45
# The longer the proposal, the likelier that one of its many sentences that address no item
# reaches GAP_THRESHOLD for some item by chance, and a real gap goes unreported: the labelled
# proposals it was chosen on have 8 to 36 sentences (median 13), a raadsvoorstel with appendices
# several hundred. So the threshold grows by GAP_SLOPE per doubling of the number of sentences
# beyond GAP_BASE_SENTENCES, up to THRESHOLD (reached at 29 sentences): in a long proposal an
# item counts as addressed where a sentence is sure enough to be quoted for it
# (:func:`gap_threshold`). Chosen on the labelled proposals cross-validated, each read also with
# 20, 50, 100 and 200 sentences of other proposals that address no item added (the training
# report gives the figures with 50), and on the six development proposals (evals/worksheets/):
# see docs/proposals.md.
GAP_BASE_SENTENCES = 12
GAP_SLOPE = 0.08
# How many sentences that address no item the training report adds to each labelled proposal to
# read it as a long one.
PADDING = 50
# Probability from which a sentence is shown (quoted) as speaking to an item, and gets the item's
# question on what it says. Higher than GAP_THRESHOLD: a quote is evidence a council member reads,
# so a sentence must be surer than the reading that an item is not missing. Per sentence,
# cross-validated per proposal and plan (macro over items with three sentences or more): 0.55
# gives precision 0.849 and recall 0.819, 0.5 gives 0.815 and 0.840, 0.6 gives 0.876 and 0.795;
# on the sentences of plans as council members describe them 0.848 and 0.713. With the e5 vector
# alone the balance lay at 0.75: 0.761 and 0.762 (plans 0.720 and 0.637).
THRESHOLD = 0.55
# Trained models kept in the cache (for a switch back to an earlier labelled set or model).
KEEP = 3
# The regularisation of the per-item models (scikit-learn's C), chosen among 1 and 4 on the six
# development proposals (evals/worksheets/), before the cross-validation per proposal.
C = 4.0
# The weight of the word n-grams (TF-IDF, L2-normalised, as the question analyser's) beside the
# e5 vector. Cross-validated per proposal and plan, on the sentences of plans as council members
# describe them (micro over items): at 0.75, e5 alone gave precision 0.761 and recall 0.656, with
# n-grams at 0.5 0.904 and 0.620, at 1 0.939 and 0.569 (at 0.55: 0.842 and 0.710), at 2 0.933 and
# 0.512; 1 gives the most recall at a given precision.
GRAM_WEIGHT = 1.0
# Probability from which a sentence is read as claiming one of the READINGS; a document claims
# it where one of its sentences does. Cross-validated per plan on the labelled readings (the
# training report's "readings"), a gain from 0.8 has precision 0.936 and recall 0.615, from 0.7
# 0.894 and 0.726: a false gain makes a question presuppose savings the proposal does not
# claim, and at 0.7 a first model read three development proposals so ("Per saldo is
# structureel € 74.000 per jaar extra nodig"). See docs/proposals.md ("Round 9").
READING_THRESHOLD = 0.8
# Raised whenever how the model is trained changes, so that no older trained one is reused.
TRAINING_VERSION = 9


class LabelledSentence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=3)
    section: str | None = None
    items: tuple[str, ...] = ()
    topic: str = ""


class LabelledReading(BaseModel):
    """A sentence of a proposal or of a plan described in the chat, with what it claims."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=3)
    section: str | None = None
    readings: tuple[str, ...] = ()
    topic: str = Field(min_length=2)
    lang: str = Field(pattern="^(nl|en)$")


def gap_threshold(sentences: int) -> float:
    """The probability a proposal of ``sentences`` sentences needs one sentence to reach for an
    item not to be missing (see :data:`GAP_THRESHOLD` and :data:`GAP_SLOPE`)."""
    grown = GAP_SLOPE * math.log2(max(sentences, 1) / GAP_BASE_SENTENCES)
    return min(THRESHOLD, GAP_THRESHOLD + max(0.0, grown))


def labelled_files() -> list[Path]:
    return sorted(LABELLED_DIR.glob("*.jsonl"))


def load_all() -> list[LabelledSentence]:
    """The labelled sentences of every file in ``labelled/``."""
    return [row for path in labelled_files() for row in load_sentences(path)]


def reading_files() -> list[Path]:
    return sorted(READINGS_DIR.glob("*.jsonl"))


def load_readings(path: Path, what: str = "labelled readings",
                  error: type[AssistantError] = UnderstandingDataError,
                  empty: bool = True) -> list[LabelledReading]:
    """The sentences labelled with what they claim, of one file; a line that fails the schema
    or names a reading the checklist does not know stops with one sentence naming ``what``, the
    file and the line, as ``error`` (and so does a file without sentences, unless ``empty``)."""
    rows = _load_jsonl(path, LabelledReading, what,
                       lambda row: set(row.readings) - set(READINGS), "reading", error)
    if not rows and not empty:
        raise error(f"The {what} {path} holds no entries.")
    return rows


def load_sentences(path: Path = LABELLED) -> list[LabelledSentence]:
    """The labelled sentences of one file; a line that fails the schema or names an unknown
    item stops the build with one sentence naming the file and line."""
    ids = {item.id for item in checklist()}
    return _load_jsonl(path, LabelledSentence, "labelled proposal sentences",
                       lambda row: set(row.items) - ids, "checklist item")


Row = TypeVar("Row", bound=BaseModel)


def _load_jsonl(path: Path, schema: type[Row], what: str, unknown: Callable[[Row], set[str]],
                label: str, error: type[AssistantError] = UnderstandingDataError) -> list[Row]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"The {what} {path} cannot be read ({exc.__class__.__name__}).") from exc
    out: list[Row] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = schema.model_validate(json.loads(line))
        except (ValueError, ValidationError) as exc:
            raise error(f"The {what} {path} line {n} fail their schema "
                        f"({exc.__class__.__name__}).") from exc
        odd = unknown(row)
        if odd:
            raise error(f"The {what} {path} line {n} name the unknown {label} "
                        f"{sorted(odd)[0]!r}.")
        out.append(row)
    return out


def data_hash() -> str:
    """What the manifest records of what the model learns from and how it is trained (an index
    built with another threshold or way of training is built again)."""
    digest = hashlib.sha256(
        f"{TRAINING_VERSION}\0{C}\0{THRESHOLD}\0{GAP_THRESHOLD}\0{GRAM_WEIGHT}\0{GAP_SLOPE}\0"
        f"{GAP_BASE_SENTENCES}\0{PADDING}\0{READING_THRESHOLD}\0".encode())
    for path in [*labelled_files(), *reading_files()]:
        digest.update(path.relative_to(LABELLED_DIR).as_posix().encode() + b"\0"
                      + path.read_bytes() + b"\0")
    digest.update(CHECKLIST.read_bytes())
    # How a sentence's n-grams are read (a change there makes a saved vocabulary read otherwise).
    digest.update(Path(ngram_module.__file__).read_bytes())
    return digest.hexdigest()


def section_features(sections: list[str | None], items: tuple[Item, ...]) -> np.ndarray:
    """Per sentence and item, 1 when the sentence's heading is one of the item's sections."""
    out = np.zeros((len(sections), len(items)), dtype=np.float32)
    for row, section in enumerate(sections):
        if section:
            for i, item in enumerate(items):
                if any(section.startswith(s) for s in item.sections):
                    out[row, i] = 1.0
    return out


def features(vectors: np.ndarray, texts: list[str], sections: list[str | None],
             ngrams: Ngrams) -> Any:
    """What the per-item models read of each sentence, as a sparse matrix (a sentence has a
    few dozen of the n-grams' thousands of columns): [e5 vector, weighed n-grams, section
    features]; the section features last (see :func:`cleared_headings`)."""
    from scipy import sparse

    if len(texts) != len(vectors):
        raise ValueError(f"{len(texts)} texts for {len(vectors)} vectors")
    rows = [ngrams.transform(t) for t in texts]
    grams = sparse.csr_matrix(np.vstack(rows)) if rows \
        else sparse.csr_matrix((0, len(ngrams.vocabulary)), dtype=np.float32)
    return sparse.hstack([sparse.csr_matrix(vectors), GRAM_WEIGHT * grams,
                          sparse.csr_matrix(section_features(sections, checklist()))],
                         format="csr")


# A figure as the readings' n-grams leave it out (see :func:`without_figures`; a change here
# changes what a trained model reads: raise TRAINING_VERSION).
FIGURE = re.compile(r"\d[\d.,]*")


def without_figures(text: str) -> str:
    """``text`` without its figures, as the readings' n-grams read it: a claim is not an amount.
    With the figures, the n-grams of amounts ("000", "000 per") weighed toward a gain (most
    gains the labelled sentences state come with a yearly amount) and a plain yearly cost was
    read as one (0.84, now 0.48). The words around them stay ("per jaar", "a year", which still
    lean toward a gain). Cross-validated per plan, a gain from 0.8 had precision 0.907 and
    recall 0.534 with the figures, 0.923 and 0.540 without."""
    return FIGURE.sub(" ", text)


@dataclass
class Head:
    """Logistic regressions over [e5 vector, n-grams, section features], one per label; with
    ``figures`` false, the n-grams leave a sentence's figures out (:func:`without_figures`)."""

    ids: tuple[str, ...]
    coef: np.ndarray  # labels x features
    intercept: np.ndarray  # labels
    ngrams: Ngrams
    figures: bool = True

    def proba(self, vectors: np.ndarray, texts: list[str], sections: list[str | None]
              ) -> np.ndarray:
        read = texts if self.figures else [without_figures(t) for t in texts]
        z = features(vectors, read, sections, self.ngrams) @ self.coef.T
        return 1.0 / (1.0 + np.exp(-(np.asarray(z) + self.intercept)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        grams = sorted(self.ngrams.vocabulary, key=self.ngrams.vocabulary.__getitem__)
        return {f"{prefix}coef": self.coef, f"{prefix}intercept": self.intercept,
                f"{prefix}ids": np.asarray(self.ids, dtype="U40"),
                f"{prefix}idf": self.ngrams.idf, f"{prefix}grams": np.asarray(grams, dtype=str),
                f"{prefix}figures": np.asarray(self.figures)}

    @classmethod
    def from_arrays(cls, data: Any, prefix: str) -> Head:
        ngrams = Ngrams({str(g): i for i, g in enumerate(data[f"{prefix}grams"])},
                        np.asarray(data[f"{prefix}idf"], dtype=np.float32))
        head = cls(ids=tuple(str(i) for i in data[f"{prefix}ids"]), coef=data[f"{prefix}coef"],
                   intercept=data[f"{prefix}intercept"], ngrams=ngrams,
                   figures=bool(data[f"{prefix}figures"]))
        if head.coef.shape[0] != len(head.ids) \
                or head.coef.shape[1] <= len(ngrams.vocabulary) + len(checklist()):
            raise ValueError("the model's n-grams do not match its weights")
        return head


@dataclass
class ReviewModel:
    """Which checklist items a sentence speaks to (``items``), and what it claims (``readings``:
    the checklist's READINGS), each a :class:`Head` with n-grams of its own."""

    items: Head
    readings: Head
    meta: dict[str, Any]

    def proba(self, vectors: np.ndarray, texts: list[str], sections: list[str | None]
              ) -> np.ndarray:
        """Per sentence (its e5 vector, its text, its heading) and item, the probability that
        the sentence speaks to the item."""
        return self.items.proba(vectors, texts, sections)

    def read(self, vectors: np.ndarray, texts: list[str], sections: list[str | None]
             ) -> np.ndarray:
        """Per sentence and reading, the probability that the sentence claims it."""
        return self.readings.proba(vectors, texts, sections)

    def readings_of(self, vectors: np.ndarray, texts: list[str], sections: list[str | None]
                    ) -> list[dict[str, float]]:
        """Per sentence, how likely it claims each reading."""
        if not texts:
            return []
        return [dict(zip(self.readings.ids, map(float, row), strict=True))
                for row in self.read(vectors, texts, sections)]

    def claims(self, vectors: np.ndarray, texts: list[str], sections: list[str | None]
               ) -> frozenset[str]:
        """The readings a document of these sentences claims: those one of its sentences is
        read as from :data:`READING_THRESHOLD`."""
        if not texts:
            return frozenset()
        sure = self.read(vectors, texts, sections).max(axis=0) >= READING_THRESHOLD
        return frozenset(r for r, yes in zip(self.readings.ids, sure, strict=True) if yes)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "model.npz", "wb") as f:
            arrays: dict[str, Any] = {**self.items.arrays(""), **self.readings.arrays("reading_")}
            np.savez(f, **arrays)
        (folder / "meta.json").write_text(json.dumps(self.meta, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ReviewModel:
        with np.load(folder / "model.npz", allow_pickle=False) as data:
            if "reading_ids" not in data:
                raise ValueError("the model was trained without readings")
            items, readings = Head.from_arrays(data, ""), Head.from_arrays(data, "reading_")
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if items.ids != tuple(i.id for i in checklist()):
            raise ValueError("the model was trained for another checklist")
        if readings.ids != READINGS:
            raise ValueError("the model was trained for other readings")
        return cls(items=items, readings=readings, meta=meta)


def training_rows(rows: list[LabelledSentence]
                  ) -> tuple[list[str], list[str | None], np.ndarray, list[str]]:
    """Texts, headings, the item matrix and the group of each row to learn from: the labelled
    sentences and the checklist's examples. The group is the proposal or plan a sentence comes
    from (its ``topic``), so that cross-validation measures sentences of a proposal the model
    has not seen."""
    items = checklist()
    ids = [item.id for item in items]
    texts = [r.text for r in rows]
    sections: list[str | None] = [section_name(r.section) if r.section else None for r in rows]
    labels = [set(r.items) for r in rows]
    groups = [(r.topic or r.text).casefold() for r in rows]  # one plan may be in two files
    for item in items:
        for example in item.examples:
            texts.append(example)
            sections.append(None)
            labels.append({item.id})
            groups.append(f"example of {item.id}")
    y = np.asarray([[1 if i in lab else 0 for i in ids] for lab in labels], dtype=np.int8)
    return texts, sections, y, groups


def without_headings(x: np.ndarray, features: np.ndarray, y: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The rows of ``x`` (vector, section features) and labels ``y``, followed by the rows whose
    heading is one where an item is usually dealt with (a section feature set) a second time,
    with their section features cleared. Trained on both, a model reads a sentence by its text
    where the heading says nothing, as in a letter or a proposal with headings of its own. On the
    labelled sentences, cross-validated per proposal (macro over items, at 0.75), this raised
    recall from 0.738 to 0.776 and precision from 0.757 to 0.777, and with the headings hidden
    recall from 0.577 to 0.696 (precision 0.779 to 0.753); per proposal without headings, gap
    precision at 0.7 rose from 0.722 to 0.800."""
    from scipy import sparse

    headed = features.any(axis=1)
    stack = sparse.vstack if sparse.issparse(x) else np.vstack
    return (stack([x, cleared_headings(x[headed], features.shape[1])]),
            np.concatenate([y, y[headed]]))


def cleared_headings(x: Any, width: int) -> Any:
    """A copy of ``x`` (dense or sparse) with its last ``width`` columns (the section features)
    set to 0."""
    from scipy import sparse

    if sparse.issparse(x):
        keep = np.ones(x.shape[1], dtype=np.float32)
        keep[-width:] = 0.0
        return sparse.csr_matrix(x @ sparse.diags(keep))
    out = x.copy()
    out[:, -width:] = 0.0
    return out


def _fit(vectors: np.ndarray, texts: list[str], sections: list[str | None], y: np.ndarray,
         groups: np.ndarray, names: tuple[str, ...], folds: int
         ) -> tuple[np.ndarray, np.ndarray, Ngrams, np.ndarray, np.ndarray]:
    """One logistic regression per label (column of ``y``, named by ``names``), headed sentences
    learned a second time without their heading: the out-of-fold probabilities (folds keep each
    group together, and every fold trains as the final models do, its n-grams from its own
    sentences), the same with the test sentences' headings cleared, and the final models over
    all rows (their n-grams, weights and intercepts)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    heads = section_features(sections, checklist())
    width = heads.shape[1]
    out_of_fold = np.zeros(y.shape)
    out_of_fold_hidden = np.zeros(y.shape)
    for learn, test in GroupKFold(n_splits=folds).split(vectors, groups=groups):
        grams = Ngrams.fit([texts[r] for r in learn])
        x = features(vectors, texts, sections, grams)
        hidden = cleared_headings(x[test], width)
        for j in range(len(names)):
            xl, yl = without_headings(x[learn], heads[learn], y[learn, j])
            if yl.min() == yl.max():  # nothing of this label to learn from in the fold
                out_of_fold[test, j] = float(yl[0])
                continue
            model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(xl, yl)
            out_of_fold[test, j] = model.predict_proba(x[test])[:, 1]
            out_of_fold_hidden[test, j] = model.predict_proba(hidden)[:, 1]
    ngrams = Ngrams.fit(texts)
    x = features(vectors, texts, sections, ngrams)
    coef = np.zeros((len(names), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(names), dtype=np.float32)
    for j, name in enumerate(names):
        xl, yl = without_headings(x, heads, y[:, j])
        if yl.min() == yl.max():
            raise UnderstandingDataError(f"The labelled sentences hold none both with and "
                                         f"without {name!r} to learn it from.")
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(xl, yl)
        coef[j] = model.coef_[0]
        intercept[j] = model.intercept_[0]
    return out_of_fold, out_of_fold_hidden, ngrams, coef, intercept


def train(vectors: np.ndarray, texts: list[str], sections: list[str | None], y: np.ndarray,
          groups: list[str] | None = None, folds: int = 5) -> tuple[Head, dict[str, Any]]:
    """Fit one model per item and measure it by cross-validation (:func:`_fit`; the folds keep
    each proposal's sentences together, ``groups``). The items' head, and what the training
    report says of it."""
    ids = tuple(i.id for i in checklist())
    group_ids = np.asarray(groups if groups is not None else range(len(texts)), dtype=object)
    out_of_fold, out_of_fold_hidden, ngrams, coef, intercept = _fit(
        vectors, texts, sections, y, group_ids, ids, folds)
    report = {key: {"sentences": int((y[:, i] == 1).sum()),
                    **precision_recall(out_of_fold[:, i] >= THRESHOLD, y[:, i] == 1)}
              for i, key in enumerate(ids)}
    gaps = {"with headings": gap_report(out_of_fold, y, group_ids),
            "without headings": gap_report(out_of_fold_hidden, y, group_ids),
            f"with {PADDING} sentences that address no item added":
            gap_report(out_of_fold, y, group_ids, padding=PADDING)}
    meta = {"trained_on": {"sentences": int(y.shape[0]), "data": data_hash()},
            "threshold": THRESHOLD, "gap_threshold": GAP_THRESHOLD,
            "gap_growth": {"base_sentences": GAP_BASE_SENTENCES, "per_doubling": GAP_SLOPE,
                           "up_to": THRESHOLD},
            "c": C,
            "gram_weight": GRAM_WEIGHT,
            "folds": "per proposal", "report": report, "gaps": gaps}
    return Head(ids=ids, coef=coef, intercept=intercept, ngrams=ngrams), meta


def reading_rows(rows: list[LabelledReading]
                 ) -> tuple[list[str], list[str | None], np.ndarray, list[str]]:
    """Texts, headings, the reading matrix (READINGS' order) and the plan of each labelled
    sentence."""
    texts = [r.text for r in rows]
    sections: list[str | None] = [section_name(r.section) if r.section else None for r in rows]
    y = np.asarray([[1 if k in r.readings else 0 for k in READINGS] for r in rows],
                   dtype=np.int8).reshape(len(rows), len(READINGS))
    return texts, sections, y, [r.topic.casefold() for r in rows]


def train_readings(vectors: np.ndarray, texts: list[str], sections: list[str | None],
                   y: np.ndarray, groups: list[str], folds: int = 5
                   ) -> tuple[Head, dict[str, Any]]:
    """Fit one model per reading as the items' are fitted (:func:`_fit`), cross-validated per
    plan: per reading, precision and recall of the sentences read as claiming it from a few
    thresholds, the one used (:data:`READING_THRESHOLD`) among them. The n-grams leave the
    figures out (:func:`without_figures`)."""
    out_of_fold, _, ngrams, coef, intercept = _fit(
        vectors, [without_figures(t) for t in texts], sections, y,
        np.asarray(groups, dtype=object), READINGS, folds)
    report: dict[str, Any] = {}
    for j, key in enumerate(READINGS):
        real = y[:, j] == 1
        report[key] = {"sentences": int(real.sum()), "of": int(len(real)),
                       "by_threshold": {f"{t:.2f}": precision_recall(out_of_fold[:, j] >= t, real)
                                        for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)},
                       "at_threshold": precision_recall(out_of_fold[:, j] >= READING_THRESHOLD,
                                                         real)}
    return Head(ids=READINGS, coef=coef, intercept=intercept, ngrams=ngrams, figures=False), {
        "sentences": int(y.shape[0]), "threshold": READING_THRESHOLD, "folds": "per plan",
        "report": report}


def precision_recall(said: np.ndarray, real: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the rows ``said`` (booleans) against the rows ``real``, as
    the analyser's reports give them (:func:`.train.precision_recall_f1`)."""
    tp = int((said & real).sum())
    return precision_recall_f1(tp, int((said & ~real).sum()), int((~said & real).sum()))


def gap_report(scores: np.ndarray, y: np.ndarray, groups: np.ndarray,
               threshold: float | None = None, smallest: int = 8,
               padding: int = 0) -> dict[str, float | int]:
    """Gap precision and recall over the labelled proposals of at least ``smallest`` sentences,
    from out-of-fold ``scores``: an item is reported missing when none of the proposal's
    sentences reaches ``threshold`` (by default :func:`gap_threshold` of its length), and is
    missing when none is labelled with it. With ``padding``, each proposal is read with that
    many sentences of other proposals that address no item added (drawn the same way each
    time): a long raadsvoorstel, whose procedure, background and appendices address none. (Where
    fewer such sentences are left, all of them are added.)"""
    rng = np.random.default_rng(0)
    nothing = np.flatnonzero(y.max(axis=1) == 0)
    right = said = real = proposals = 0
    for group in dict.fromkeys(groups.tolist()):
        rows = np.flatnonzero(groups == group)
        if len(rows) < smallest:
            continue
        proposals += 1
        read = scores[rows]
        if padding:
            others = nothing[groups[nothing] != group]
            added = rng.choice(others, min(padding, len(others)), replace=False)
            read = np.vstack([read, scores[added]])
        floor = gap_threshold(len(read)) if threshold is None else threshold
        reported = read.max(axis=0) < floor
        missing = y[rows].max(axis=0) == 0
        right += int((reported & missing).sum())
        said += int(reported.sum())
        real += int(missing.sum())
    return {"proposals": proposals, "gaps": real, "reported": said,
            "precision": round(right / max(said, 1), 3), "recall": round(right / max(real, 1), 3)}


def review_model_for(embed: Any, fingerprint: str, cache_dir: Path) -> ReviewModel:
    """The model for these labelled sentences, checklist and embedding model: from
    ``cache_dir`` when a build trained it before (training with its cross-validation takes a
    few seconds), else trained now from the labelled sentences, their vectors taken
    from the cache, and kept there."""
    from assistant.engine.understanding.train import (
        cached_model,
        one_blas_thread,
        question_vectors,
    )

    # data_hash() covers the labelled files, the checklist and how the model is trained.
    key = hashlib.sha256(f"{data_hash()}\0{fingerprint}".encode())

    def vectors_of(texts: list[str]) -> np.ndarray:
        vectors = np.asarray(question_vectors(texts, embed, fingerprint, cache_dir),
                             dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def make(tmp: Path) -> ReviewModel:
        texts, sections, y, groups = training_rows(load_all())
        r_texts, r_sections, r_y, r_groups = reading_rows(
            [row for path in reading_files() for row in load_readings(path)])
        with one_blas_thread():
            items, meta = train(vectors_of(texts), texts, sections, y, groups)
            readings, meta["readings"] = train_readings(vectors_of(r_texts), r_texts,
                                                        r_sections, r_y, r_groups)
        model = ReviewModel(items=items, readings=readings, meta=meta)
        model.save(tmp)
        return model

    return cached_model(cache_dir / f"review-{key.hexdigest()[:16]}", ReviewModel.load, make,
                        KEEP)
