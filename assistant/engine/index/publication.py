"""Which passages of the texts speak about their publication rather than its subject: learned
from labelled sentences.

A colophon ("Deze publicatie is geschreven op verzoek van ..."), a reading guide ("Hieronder
geven we aan ..."), an announcement of the publisher's other work ("Het instituut publiceert
vaker over ...") support no question for the council and no public value, however close their
words lie to a case. ``labelled/publication*.jsonl`` hold sentences of both kinds as documents
write them and as text extraction hands them over (a numbered beslispunt, a planning line, a
letter's header), in Dutch and English, with hard cases on both sides (a reading guide that names
the subject; a sentence whose actor is an organisation, a law's chapter, a proposal's own
decision).
A logistic regression over each sentence's e5 vector (the passage side, as the index embeds its
sentences) and its words (tf-idf: "rapport", "hoofdstuk", "verzoek" carry what e5-small blurs) is
trained at ``assistant index`` (kept in the analyser's cache, so a rebuild trains only when the
labelled set or the model changed) and run over the index's sentences; a passage is about its
publication when such sentences hold at least :data:`PASSAGE_SHARE` of its words. The model and
the passages it marks are stored in ``index/publication/`` with their hash in the manifest, and
the cross-validated accuracy is reported there.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.engine.understanding.labelled import json_lines, refused
from assistant.errors import UnderstandingDataError

LABELLED_DIR = Path(__file__).with_name("labelled")
FILES = ("model.npz", "meta.json", "passages.json")
# Probability from which a sentence speaks about its publication, and the share of a passage's
# words in such sentences from which the passage is about its publication: chosen on the passages
# of the two development sets of added documents (evals/added-dev*/), labelled by hand, where
# they give precision 0.87 and recall 0.80 (without the words, the best F1 was 0.70).
THRESHOLD = 0.45
PASSAGE_SHARE = 0.5
# The regularisation (scikit-learn's C) and the folds of the cross-validation.
C = 4.0
# Words as scikit-learn's TfidfVectorizer reads them (lowercased, two or more word characters),
# kept when at least this many labelled sentences have them.
_WORD = re.compile(r"(?u)\b\w\w+\b")
MIN_DF = 2
# Sentences read at a time.
BATCH = 1000
FOLDS = 5
# Trained models kept in the cache (for a switch back to an earlier labelled set or model).
KEEP = 3
# Raised whenever how the model is trained changes, so that no older trained one is reused.
TRAINING_VERSION = 2


class LabelledSentence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=2)
    label: Literal["publication", "content"]
    lang: Literal["nl", "en"]
    note: str = ""


def labelled_files() -> list[Path]:
    return sorted(LABELLED_DIR.glob("publication*.jsonl"))


def load_all() -> list[LabelledSentence]:
    """The labelled sentences of every file; each label must have a sentence for every fold of
    the cross-validation in each language it is given in (the folds keep labels and languages
    in proportion), and some word must occur in two sentences (the words the model weighs are
    those, :data:`MIN_DF`)."""
    rows = [row for path in labelled_files() for row in load_labelled(path)]
    if len({row.label for row in rows}) < 2:
        raise UnderstandingDataError(f"The labelled sentences in {LABELLED_DIR} need both "
                                     "labels to learn from.")
    strata = Counter((row.label, row.lang) for row in rows)
    few = sorted(f"{n} '{label}' in {lang}" for (label, lang), n in strata.items() if n < FOLDS)
    if few:
        raise UnderstandingDataError(
            f"The labelled sentences in {LABELLED_DIR} need at least {FOLDS} of each label in "
            f"each language for the cross-validation; they hold {', '.join(few)}.")
    seen: Counter[str] = Counter()
    for row in rows:
        seen.update(set(_WORD.findall(row.text.lower())))
    if not any(n >= MIN_DF for n in seen.values()):
        raise UnderstandingDataError(f"The labelled sentences in {LABELLED_DIR} share no word "
                                     "to learn from.")
    return rows


def load_labelled(path: Path) -> list[LabelledSentence]:
    """The labelled sentences of one file; a line that fails the schema stops the build with one
    sentence naming the file, the line and the field."""
    out: list[LabelledSentence] = []
    for where, data in json_lines([path]):
        try:
            out.append(LabelledSentence.model_validate(data))
        except ValidationError as exc:
            raise refused("publication sentence set", where, exc) from exc
    return out


def data_hash() -> str:
    """What the manifest records of what the model learns from."""
    digest = hashlib.sha256(f"{TRAINING_VERSION}\0{C}\0{THRESHOLD}\0{PASSAGE_SHARE}\0".encode())
    for path in labelled_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def words_matrix(texts: Sequence[str], vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """The tf-idf rows of ``texts`` as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
    makes them: 1 + log of each known word's count, times its idf, the row L2-normalised."""
    out = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        for word, n in Counter(_WORD.findall(text.lower())).items():
            col = vocabulary.get(word)
            if col is not None:
                out[row, col] = (1.0 + math.log(n)) * idf[col]
        norm = float(np.linalg.norm(out[row]))
        if norm:
            out[row] /= norm
    return out


@dataclass
class PublicationModel:
    coef: np.ndarray  # a weight per vector dimension, then one per word of ``vocabulary``
    intercept: float
    vocabulary: dict[str, int]
    idf: np.ndarray
    meta: dict[str, Any]

    def probability(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(vectors, dtype=np.float32)
        dims = vectors.shape[1]
        z = (vectors @ self.coef[:dims]
             + words_matrix(texts, self.vocabulary, self.idf) @ self.coef[dims:] + self.intercept)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)

    def about(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Per sentence (its vector and its text), whether it speaks about its publication; in
        batches, so that the word matrix stays small on a corpus of many sentences."""
        out = np.zeros(len(texts), dtype=bool)
        for start in range(0, len(texts), BATCH):
            end = start + BATCH
            out[start:end] = self.probability(vectors[start:end], texts[start:end]) >= THRESHOLD
        return out

    def passages(self, sentences: Sequence[tuple[int, str]], vectors: np.ndarray
                 ) -> list[int]:
        """The positions of the passages about their publication: those whose sentences that
        speak about it hold at least :data:`PASSAGE_SHARE` of their words."""
        flags = self.about(vectors, [text for _, text in sentences])
        words: dict[int, list[int]] = {}
        for (pos, text), flag in zip(sentences, flags, strict=True):
            held = words.setdefault(pos, [0, 0])
            n = len(text.split())
            held[0] += n if flag else 0
            held[1] += n
        return sorted(pos for pos, (about, total) in words.items()
                      if total and about / total >= PASSAGE_SHARE)

    def save(self, folder: Path, passage_ids: list[str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        with open(folder / "model.npz", "wb") as f:
            np.savez(f, coef=self.coef, intercept=np.asarray([self.intercept]), idf=self.idf,
                     words=np.asarray(words, dtype=str))
        (folder / "meta.json").write_text(json.dumps(self.meta, indent=1), encoding="utf-8")
        (folder / "passages.json").write_text(json.dumps(passage_ids, indent=1),
                                              encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PublicationModel:
        with np.load(folder / "model.npz", allow_pickle=False) as data:
            coef = np.asarray(data["coef"], dtype=np.float32)
            intercept = float(np.asarray(data["intercept"]).ravel()[0])
            idf = np.asarray(data["idf"], dtype=np.float32)
            words = [str(w) for w in data["words"]]
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if len(words) != len(idf) or len(coef) <= len(words):
            raise ValueError("the model's words do not match its weights")
        return cls(coef=coef, intercept=intercept, vocabulary={w: i for i, w in enumerate(words)},
                   idf=idf, meta=meta)


def read_passages(folder: Path) -> frozenset[str]:
    """The ids of the passages a built index marks as about their publication."""
    ids = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError("not a list of passage ids")
    return frozenset(ids)


def train(vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray, groups: np.ndarray
          ) -> PublicationModel:
    """Fit the model on all rows, and measure it by cross-validation stratified by label and
    ``groups`` (the language, so that each fold holds sentences of both)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    def fit(rows: np.ndarray) -> PublicationModel:
        tfidf = TfidfVectorizer(min_df=MIN_DF, sublinear_tf=True)
        tfidf.fit([texts[i] for i in rows])
        vocabulary = {str(w): int(i) for w, i in tfidf.vocabulary_.items()}
        idf = np.asarray(tfidf.idf_, dtype=np.float32)
        features = np.hstack([vectors[rows],
                              words_matrix([texts[i] for i in rows], vocabulary, idf)])
        clf = LogisticRegression(C=C, max_iter=3000)
        clf.fit(features, labels[rows])
        return PublicationModel(coef=np.asarray(clf.coef_[0], dtype=np.float32),
                                intercept=float(clf.intercept_[0]), vocabulary=vocabulary,
                                idf=idf, meta={})

    predicted = np.zeros(len(labels), dtype=bool)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    strata = np.char.add(labels.astype(str), groups.astype(str))
    for train_rows, test_rows in folds.split(vectors, strata):
        model = fit(train_rows)
        predicted[test_rows] = model.about(vectors[test_rows], [texts[i] for i in test_rows])
    model = fit(np.arange(len(labels)))
    tp = int(np.sum(predicted & labels))
    fp = int(np.sum(predicted & ~labels))
    fn = int(np.sum(~predicted & labels))
    model.meta = {
        "trained_on": {"sentences": int(len(labels)), "publication": int(labels.sum()),
                       "words": len(model.vocabulary)},
        "report": {"accuracy": round(float(np.mean(predicted == labels)), 3),
                   "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
                   "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0, "folds": FOLDS},
        "threshold": THRESHOLD, "passage_share": PASSAGE_SHARE}
    return model


def publication_model_for(embed: Any, fingerprint: str, cache_dir: Path) -> PublicationModel:
    """The model for this labelled set and embedding model: from ``cache_dir`` when a build
    trained it before, else trained now (the labelled sentences' vectors are kept in the cache
    too) and kept there."""
    from assistant.engine.understanding.train import cached_model, one_blas_thread, text_vectors

    key = hashlib.sha256(f"{data_hash()}\0{fingerprint}".encode()).hexdigest()[:16]

    def make(tmp: Path) -> PublicationModel:
        rows = load_all()
        texts = [r.text for r in rows]
        vectors = text_vectors(texts, embed, fingerprint, cache_dir)
        labels = np.asarray([r.label == "publication" for r in rows])
        groups = np.asarray([r.lang for r in rows])
        with one_blas_thread():
            try:
                model = train(np.asarray(vectors, dtype=np.float32), texts, labels, groups)
            except ValueError as exc:  # a fold left without a word in two sentences, say
                raise UnderstandingDataError(
                    f"The labelled sentences in {LABELLED_DIR} cannot be learned from: "
                    f"{exc}") from None
        model.save(tmp, [])
        return model

    return cached_model(cache_dir / f"publication-{key}", PublicationModel.load, make, KEEP)
