"""What the proposal model reads sentences as claiming: `assistant eval --readings FILE`.

A readings file holds sentences as ``assistant/engine/review/labelled/readings/`` does, one a line:
``{"text", "section", "readings", "topic", "lang"}``, the readings being those of the checklist
(``gain``: the plan saves or earns the municipality money, staff time or other means; ``cost``:
what the plan costs the municipality, or how that is covered). ``evals/heldout/readings.jsonl``
was written by a helper who saw neither the code nor the labelled sentences the model learns
from, and is never tuned on.

Per reading, the run counts the sentences read as claiming it (from the model's
``READING_THRESHOLD``) against those labelled with it, and per plan (the sentences of one
``topic``) whether the plan is read as claiming it, as a document is (one of its sentences is),
against whether one of its sentences is labelled with it: that is what decides which parts of a
probe are asked.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from ..engine import Engine
from ..engine.index.embedding import query_vectors
from ..engine.review.checklist import READINGS
from ..engine.review.model import (
    READING_THRESHOLD,
    LabelledReading,
    load_readings,
    precision_recall,
    reading_rows,
)
from ..errors import EvalFileError


def load_readings_file(path: Path) -> list[LabelledReading]:
    """The labelled sentences of a readings file; one sentence naming the file and line for an
    entry that fails the schema or names a reading the checklist does not know, or for a file
    without entries."""
    return load_readings(path, "readings file", EvalFileError, empty=False)


def evaluate_readings(engine: Engine, rows: list[LabelledReading]) -> dict[str, Any]:
    texts, sections, y, groups = reading_rows(rows)
    vectors = query_vectors(engine.index.embed_model, texts)
    read = engine.index.review.read(vectors, texts, sections)
    by_plan: dict[str, list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        by_plan[group].append(n)
    out: dict[str, Any] = {"sentences": len(rows), "plans": len(by_plan),
                           "threshold": READING_THRESHOLD, "readings": {}, "wrong": []}
    for j, key in enumerate(READINGS):
        real = y[:, j] == 1
        said = read[:, j] >= READING_THRESHOLD
        plan_real = np.asarray([bool(real[ns].any()) for ns in by_plan.values()])
        plan_said = np.asarray([bool(said[ns].any()) for ns in by_plan.values()])
        out["readings"][key] = {
            "sentences": _counts(said, real), "plans": _counts(plan_said, plan_real),
            "by_language": {lang: _counts(said[m], real[m]) for lang in ("nl", "en")
                            if (m := np.asarray([r.lang == lang for r in rows])).any()}}
        out["wrong"] += [{"reading": key, "text": rows[n].text, "labelled": bool(real[n]),
                          "probability": round(float(read[n, j]), 3)}
                         for n in np.flatnonzero(said != real)]
    return out


def _counts(said: np.ndarray, real: np.ndarray) -> dict[str, Any]:
    return {"n": int(len(real)), "labelled": int(real.sum()), "read": int(said.sum()),
            **precision_recall(said, real)}


def print_readings(result: dict[str, Any]) -> None:
    print(f"{result['sentences']} sentences of {result['plans']} plans, read from "
          f"{result['threshold']}:")
    for key, r in result["readings"].items():
        for what in ("sentences", "plans"):
            c = r[what]
            print(f"  {key:5} {what:9} labelled {c['labelled']:3} of {c['n']:3}, read "
                  f"{c['read']:3}: precision {c['precision']:.3f} recall {c['recall']:.3f} "
                  f"F1 {c['f1']:.3f}")
        for lang, c in r["by_language"].items():
            print(f"        {lang} sentences: precision {c['precision']:.3f} recall "
                  f"{c['recall']:.3f} (n={c['n']})")
