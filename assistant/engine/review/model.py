"""Which checklist items a sentence of a proposal speaks to: learned from labelled sentences.

``labelled/*.jsonl`` hold sentences as proposals write them (beslispunten, a cost table
row, a line of a letter without headings, procedural sentences that address nothing), each with
the heading it stands under and the checklist items it addresses, and (``plans.jsonl``)
sentences of plans as council members describe them in the chat, without a heading, which the
what-to-ask answers read (:mod:`assistant.engine.answer.probes`); the checklist's own examples
are added as sentences of their item. One logistic regression per item reads the e5 question
vector of the sentence and whether its heading is one where the item is usually dealt with (the
checklist's ``sections``). ``assistant index`` trains it (the vectors of the labelled sentences
and the trained model are kept in the analyser's cache, so a rebuild trains only when what it
learns from changed), stores it in
``index/review/`` with its hash in the manifest, and reports cross-validated precision, recall
and F1 per item. Reading a proposal needs numpy only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.engine.review.checklist import CHECKLIST, Item, checklist
from assistant.engine.review.proposal import section_name
from assistant.errors import UnderstandingDataError

LABELLED_DIR = Path(__file__).with_name("labelled")
LABELLED = LABELLED_DIR / "sentences.jsonl"
FILES = ("model.npz", "meta.json")
# Probability from which a sentence speaks to an item. An item no sentence reaches it for is
# reported missing; chosen on the development proposals (evals/worksheets/), where it gives
# gap precision and recall both above 0.8. Since the model also learns from plans as council
# members describe them (labelled/plans.jsonl), 0.7 finds items a proposal leaves out (gap recall
# 0.74); 0.75 gives step precision 0.85 and recall 0.93, gap precision 0.91 and recall 0.86, and
# 0.8 reads fewer PDF pages per step (0.74 against 0.78).
THRESHOLD = 0.75
# Trained models kept in the cache (for a switch back to an earlier labelled set or model).
KEEP = 3
# The regularisation of the per-item models (scikit-learn's C), chosen the same way among 1 and 4.
C = 4.0
# Raised whenever how the model is trained changes, so that no older trained one is reused.
TRAINING_VERSION = 2


class LabelledSentence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=3)
    section: str | None = None
    items: tuple[str, ...] = ()
    topic: str = ""


def labelled_files() -> list[Path]:
    return sorted(LABELLED_DIR.glob("*.jsonl"))


def load_all() -> list[LabelledSentence]:
    """The labelled sentences of every file in ``labelled/``."""
    return [row for path in labelled_files() for row in load_sentences(path)]


def load_sentences(path: Path = LABELLED) -> list[LabelledSentence]:
    """The labelled sentences of one file; a line that fails the schema or names an unknown
    item stops the build with one sentence naming the file and line."""
    ids = {item.id for item in checklist()}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnderstandingDataError(f"The labelled proposal sentences {path} cannot be read "
                                     f"({exc.__class__.__name__}).") from exc
    out: list[LabelledSentence] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = LabelledSentence.model_validate(json.loads(line))
        except (ValueError, ValidationError) as exc:
            raise UnderstandingDataError(f"The labelled proposal sentences {path} line {n} fail "
                                         f"their schema ({exc.__class__.__name__}).") from exc
        unknown = set(row.items) - ids
        if unknown:
            raise UnderstandingDataError(f"The labelled proposal sentences {path} line {n} name "
                                         f"the unknown checklist item {sorted(unknown)[0]!r}.")
        out.append(row)
    return out


def data_hash() -> str:
    """What the manifest records of what the model learns from."""
    digest = hashlib.sha256()
    for path in labelled_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(CHECKLIST.read_bytes())
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


@dataclass
class ReviewModel:
    """One logistic regression per checklist item over [e5 vector, section features]."""

    ids: tuple[str, ...]
    coef: np.ndarray  # items x features
    intercept: np.ndarray  # items
    meta: dict[str, Any]

    def proba(self, vectors: np.ndarray, sections: list[str | None]) -> np.ndarray:
        """Per sentence and item, the probability that the sentence speaks to the item."""
        x = np.hstack([vectors, section_features(sections, checklist())])
        return 1.0 / (1.0 + np.exp(-(x @ self.coef.T + self.intercept)))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "model.npz", "wb") as f:
            np.savez(f, coef=self.coef, intercept=self.intercept,
                     ids=np.asarray(self.ids, dtype="U40"))
        (folder / "meta.json").write_text(json.dumps(self.meta, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ReviewModel:
        with np.load(folder / "model.npz", allow_pickle=False) as data:
            coef, intercept = data["coef"], data["intercept"]
            ids = tuple(str(i) for i in data["ids"])
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if ids != tuple(i.id for i in checklist()) or coef.shape[0] != len(ids):
            raise ValueError("the model was trained for another checklist")
        return cls(ids=ids, coef=coef, intercept=intercept, meta=meta)


def training_rows(rows: list[LabelledSentence]) -> tuple[list[str], list[str | None], np.ndarray]:
    """Texts, headings and the item matrix to learn from: the labelled sentences and the
    checklist's examples."""
    items = checklist()
    ids = [item.id for item in items]
    texts = [r.text for r in rows]
    sections: list[str | None] = [section_name(r.section) if r.section else None for r in rows]
    labels = [set(r.items) for r in rows]
    for item in items:
        for example in item.examples:
            texts.append(example)
            sections.append(None)
            labels.append({item.id})
    y = np.asarray([[1 if i in lab else 0 for i in ids] for lab in labels], dtype=np.int8)
    return texts, sections, y


def train(vectors: np.ndarray, sections: list[str | None], y: np.ndarray,
          folds: int = 5) -> ReviewModel:
    """Fit one model per item and measure it by cross-validation (stratified folds per item)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    items = checklist()
    x = np.hstack([vectors, section_features(sections, items)])
    coef = np.zeros((len(items), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(items), dtype=np.float32)
    report: dict[str, dict[str, float | int]] = {}
    for i, item in enumerate(items):
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
        cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
        p = cross_val_predict(model, x, y[:, i], cv=cv, method="predict_proba")[:, 1]
        said, real = p >= THRESHOLD, y[:, i] == 1
        tp = int((said & real).sum())
        precision = tp / max(int(said.sum()), 1)
        recall = tp / max(int(real.sum()), 1)
        report[item.id] = {"sentences": int(real.sum()), "precision": round(precision, 3),
                           "recall": round(recall, 3),
                           "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3)}
        model.fit(x, y[:, i])
        coef[i] = model.coef_[0]
        intercept[i] = model.intercept_[0]
    meta = {"trained_on": {"sentences": int(y.shape[0]), "data": data_hash()},
            "threshold": THRESHOLD, "c": C, "report": report}
    return ReviewModel(ids=tuple(i.id for i in items), coef=coef, intercept=intercept,
                       meta=meta)


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

    key = hashlib.sha256(
        f"{TRAINING_VERSION}\0{data_hash()}\0{fingerprint}\0{C}\0{THRESHOLD}".encode())

    def make(tmp: Path) -> ReviewModel:
        texts, sections, y = training_rows(load_all())
        vectors = np.asarray(question_vectors(texts, embed, fingerprint, cache_dir),
                             dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        with one_blas_thread():
            model = train(vectors / np.where(norms == 0, 1, norms), sections, y)
        model.save(tmp)
        return model

    return cached_model(cache_dir / f"review-{key.hexdigest()[:16]}", ReviewModel.load, make,
                        KEEP)
