"""Calibrate the support threshold (ASSISTANT_LLM_SUPPORT_THRESHOLD) of answer/validate.py.

Supported pairs: each answerable reference question with the passage that answers it (the expected
document's passage holding the expected phrase); a question is worded from its passage much as a
model's sentence is. Unsupported pairs: the same question with a passage of another text, and
with another passage of the same text. Prints, per threshold, the share of each that passes.

    .venv/bin/python evals/calibrate_support.py [evals/reference.jsonl]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.engine.answer.validate import SupportChecker  # noqa: E402
from assistant.engine.text.words import fold  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "evals/reference.jsonl")
    engine = Engine.load(load_settings())
    checker = SupportChecker(engine.retriever, 0.0)
    passages = engine.index.passages
    rng = random.Random(3)
    pairs: dict[str, list[float]] = {"answering passage": [], "other text": [],
                                     "same text, other passage": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        q = json.loads(line) if line.strip() else None
        if not q or q.get("abstain") or q.get("kind") in ("ask", "new-tech"):
            continue
        expect = q["expect"][0]
        holding = [p for p in passages if p.doc == expect["doc"]
                   and fold(expect["contains"]) in fold(p.cited_text)]
        if not holding:
            continue
        answering = holding[0]
        same = [p for p in passages if p.doc == answering.doc
                and fold(expect["contains"]) not in fold(p.cited_text)]
        chosen = {"answering passage": answering,
                  "other text": rng.choice([p for p in passages if p.doc != answering.doc]),
                  "same text, other passage": rng.choice(same) if same else None}
        for name, passage in chosen.items():
            if passage is not None:
                pairs[name].append(checker.similarity(q["question"], passage.id))
    print("pairs: " + ", ".join(f"{k} {len(v)} (mean {np.mean(v):.3f})" for k, v in pairs.items()))
    for threshold in np.arange(0.78, 0.89, 0.01):
        shares = ", ".join(f"{k} {np.mean(np.array(v) >= threshold):.3f}"
                           for k, v in pairs.items())
        print(f"threshold {threshold:.2f} passes: {shares}")


if __name__ == "__main__":
    main()
