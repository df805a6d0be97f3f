"""How close a passage must be to a question to count as related to it, measured on the corpus at
hand when `assistant index` builds it.

e5's cosine similarities are compressed (an everyday question about cooking comes to about 0.78 of
the best passage of the guidance texts, a question they answer to about 0.87), and where they lie
depends on the corpus: a library of municipal documents sits closer to everyday questions than
five essays on public values. So the floor is measured, not set: the questions in ``probes.yaml``
(everyday questions no municipal or technology text answers, in Dutch and English) are put to the
new index, and the floor is the highest similarity any of them reaches, per language of the
question. A question whose best
passage is closer than that is in scope however few words it shares with the best passages, as
long as it shares one (a paraphrase), and
the passages above it are those an answer could draw on (see ``retrieve.py``). The manifest keeps
the floor with the spread of the probes' similarities, and `assistant eval` reports them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

PROBES = Path(__file__).with_name("probes.yaml")
LANGUAGES = ("nl", "en")
# How the floor is read from the probes' similarities, recorded with them in the manifest so that
# a change of either makes an index stale. The highest, not a percentile: at the 95th percentile
# 5 in 100 everyday questions passed it by construction and were answered with a figure from an
# unrelated passage ("Hoe lang moet een zachtgekookt ei koken?"), though scope came out right
# for 2 more of the 269 development questions.
FLOOR_METHOD = "max"


class _Probes(BaseModel):
    """probes.yaml: at least 20 questions per language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: tuple[str, ...] = Field(min_length=20)
    en: tuple[str, ...] = Field(min_length=20)


@cache
def probe_questions() -> dict[str, tuple[str, ...]]:
    """The calibration questions per language (nl, en)."""
    from assistant.engine.understanding.language import read_data_file

    probes = read_data_file(PROBES, "calibration questions file", _Probes.model_validate)
    return {lang: getattr(probes, lang) for lang in LANGUAGES}


def probes_hash() -> str:
    """What the manifest records of the calibration questions and how the floor is read."""
    return hashlib.sha256(FLOOR_METHOD.encode() + PROBES.read_bytes()).hexdigest()


def calibrate(vectors: Any, embed: Any, fingerprint: str, cache_dir: Path) -> dict[str, Any]:
    """The floor of relatedness per question language for the passages in ``vectors`` (a FAISS
    inner-product index of normalised e5 vectors), with the probes' similarities it was read
    from. An English question comes less close to Dutch texts than a Dutch one, related or not,
    so each language has its own floor."""
    from assistant.engine.understanding.train import question_vectors

    out: dict[str, Any] = {"floor": {}, "probes": {}, "probe_similarity": {}}
    for lang, listed in probe_questions().items():
        probes = np.ascontiguousarray(
            question_vectors(list(listed), embed, fingerprint, cache_dir), dtype=np.float32)
        best = (vectors.search(probes, 1)[0][:, 0] if vectors.ntotal
                else np.zeros(len(listed), dtype=np.float32))
        out["floor"][lang] = float(best.max())  # not rounded: the closest probe stays out
        out["probes"][lang] = len(listed)
        out["probe_similarity"][lang] = {"p50": round(float(np.median(best)), 4),
                                         "p95": round(float(np.quantile(best, 0.95)), 4)}
    return out
