"""Which of the bank's questions do not fit a case: learned from labelled cases and questions.

A question's ``needs`` say which cases it may be asked of, by characteristic and facet; they
cannot say everything a question takes for granted. "Hoe is de nauwkeurigheid vergeleken met
officiële meetstations?" needs a technology that measures the environment, and parking sensors
do, but no advisor would ask it of them. ``labelled/fit.jsonl`` holds such judgements: per case
(the technology with what the message describes, as the analyser reads it, and the message it
came from) the bank questions the selection considered for it, each marked as fitting or not,
written by helpers who, as advisors, saw only the cases and the questions.

One logistic regression reads, per pair, the question's e5 vector (what it takes for granted)
and its cosine similarity to the case's. With whole cases held out, adding the element-wise
product of the two vectors (which dimensions of meaning they share) did not read the pairs
better (AUC 0.739 with it and without it on 2,370 pairs): what the model learns is mostly which
questions take much for granted, and how near the case must be for them to fit. ``assistant
index`` trains it (kept in the analyser's cache, like the other models), stores it in the index
and reports its cross-validated figures in the manifest. It learns with both classes weighted
equally, so its score is not the chance that a question does not fit: a score of one half is
given to a question as likely not to fit as the average labelled pair (about one in eight), and
higher scores to those likelier not to. The selection ranks a question lower as far as its score
exceeds one half (:mod:`assistant.engine.bank.select`). Reading a case needs numpy only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.engine.bank.schema import Bank
from assistant.engine.understanding.labelled import json_lines, refused
from assistant.errors import UnderstandingDataError

LABELLED = Path(__file__).with_name("labelled") / "fit.jsonl"
FILES = ("model.npz", "meta.json")
# The score from which the report counts a pair as read not fitting.
THRESHOLD = 0.5
# The regularisation (scikit-learn's C): cross-validated AUC 0.722, 0.730, 0.738 and 0.739 at
# 0.1, 0.3, 1 and 4; larger values change it by less than 0.001.
C = 4.0
# Trained models kept in the cache.
KEEP = 3
# Raised whenever how the model is trained changes, so that no older trained one is reused.
TRAINING_VERSION = 1
FOLDS = 5


class LabelledFit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    case: str = Field(min_length=2)  # the case as the selection compares questions with it
    message: str = Field(min_length=2)  # the council member's message it was read from
    language: str = Field(pattern="^(nl|en)$")
    question: str = Field(min_length=2)  # a bank question's id
    fit: bool
    why: str = ""


def load_labels(bank: Bank, path: Path = LABELLED) -> list[LabelledFit]:
    """The labelled pairs; a line that fails the schema or names a question the bank does not
    hold, or a file too small to learn from, stops the build with one sentence."""
    ids = {e.id for e in bank.entries}
    out: list[LabelledFit] = []
    for where, data in json_lines([path]):
        try:
            row = LabelledFit.model_validate(data)
        except ValidationError as exc:
            raise refused("question-fit set", where, exc) from exc
        if row.question not in ids:
            raise UnderstandingDataError(f"The labelled question-fit set fails at {where}: the "
                                         f"bank holds no question {row.question!r}.")
        out.append(row)
    if len({r.case for r in out}) < FOLDS or len({r.fit for r in out}) < 2:
        raise UnderstandingDataError(f"The labelled question-fit set {path} needs at least "
                                     f"{FOLDS} cases and questions both fitting and not fitting.")
    return out


def data_hash() -> str:
    """What the manifest records of what the model learns from and how."""
    digest = hashlib.sha256(f"{TRAINING_VERSION}\0{C}\0{THRESHOLD}\0{FOLDS}\0".encode())
    digest.update(LABELLED.read_bytes())
    return digest.hexdigest()


def features(case: np.ndarray, questions: np.ndarray) -> np.ndarray:
    """Per question (a row of ``questions``), what the model reads of it with ``case``."""
    return np.hstack([questions, (questions @ case)[:, None]])


@dataclass
class FitModel:
    coef: np.ndarray
    intercept: float
    meta: dict[str, Any]

    def misfit(self, case: np.ndarray, questions: np.ndarray) -> np.ndarray:
        """Per question, the model's score that it does not fit the case (one half for a
        question as likely not to fit as the average labelled pair)."""
        z = features(case, questions) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / FILES[0], "wb") as f:
            np.savez(f, coef=self.coef, intercept=np.asarray([self.intercept]))
        (folder / FILES[1]).write_text(json.dumps(self.meta, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> FitModel:
        with np.load(folder / FILES[0], allow_pickle=False) as data:
            coef, intercept = data["coef"], float(data["intercept"][0])
        meta = json.loads((folder / FILES[1]).read_text(encoding="utf-8"))
        return cls(coef=coef, intercept=intercept, meta=meta)


def _pairs(rows: list[LabelledFit], bank: Bank, cases: np.ndarray,
           questions: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (1: does not fit) and case groups of the labelled pairs."""
    position = {e.id: i for i, e in enumerate(bank.entries)}
    x = np.vstack([features(cases[i], questions[r.language][[position[r.question]]])
                   for i, r in enumerate(rows)])
    y = np.asarray([0 if r.fit else 1 for r in rows], dtype=np.int8)
    number: dict[str, int] = {}
    groups = np.asarray([number.setdefault(r.case, len(number)) for r in rows])
    return x, y, groups


def train(rows: list[LabelledFit], bank: Bank, cases: np.ndarray,
          questions: dict[str, np.ndarray]) -> FitModel:
    """Fit the model on every pair, and measure it with whole cases held out."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    x, y, groups = _pairs(rows, bank, cases, questions)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    p = cross_val_predict(model, x, y, cv=GroupKFold(FOLDS), groups=groups,
                          method="predict_proba")[:, 1]
    said, real = p >= THRESHOLD, y == 1
    tp = int((said & real).sum())
    report = {"pairs": int(len(y)), "misfits": int(real.sum()),
              "cases": int(len(set(groups.tolist()))),
              "auc": round(float(roc_auc_score(y, p)), 3),
              "precision": round(tp / max(int(said.sum()), 1), 3),
              "recall": round(tp / max(int(real.sum()), 1), 3)}
    model.fit(x, y)
    meta = {"trained_on": {"pairs": int(len(y)), "data": data_hash()}, "threshold": THRESHOLD,
            "c": C, "report": report}
    return FitModel(coef=model.coef_[0].astype(np.float32),
                    intercept=float(model.intercept_[0]), meta=meta)


def fit_model_for(bank: Bank, questions: dict[str, np.ndarray], embed: Any, fingerprint: str,
                  cache_dir: Path, bank_key: str) -> FitModel:
    """The model for these labelled pairs, bank and embedding model: from ``cache_dir`` when a
    build trained it before, else trained now (the cases' vectors taken from the cache)."""
    from assistant.engine.understanding.train import (
        cached_model,
        one_blas_thread,
        question_vectors,
    )

    key = hashlib.sha256(f"{data_hash()}\0{bank_key}\0{fingerprint}".encode())

    def make(tmp: Path) -> FitModel:
        rows = load_labels(bank)
        cases = np.asarray(question_vectors([r.case for r in rows], embed, fingerprint,
                                            cache_dir), dtype=np.float32)
        norms = np.linalg.norm(cases, axis=1, keepdims=True)
        with one_blas_thread():
            model = train(rows, bank, cases / np.where(norms == 0, 1, norms), questions)
        model.save(tmp)
        return model

    return cached_model(cache_dir / f"fit-{key.hexdigest()[:16]}", FitModel.load, make, KEEP)
