"""Questions for the council that do not fit their case: `assistant eval --fits FILE`.

A fits file holds labelled pairs as ``assistant/engine/bank/labelled/fit.jsonl`` does: a council
member's message, a bank question's id and whether it fits the case (``evals/heldout/fit.jsonl``
was written apart from the labelled pairs the model learns from, and is never learned from). The
run answers each message, without a language model, and counts the bank's questions its answer
shows: labelled as fitting, labelled as not fitting, and not labelled (a question the labellers
were not shown for that case).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..engine import Engine
from ..engine.bank.fit import LabelledFit
from ..errors import EvalFileError
from .cases import jsonl_entries


def load_fits(path: Path) -> list[LabelledFit]:
    return jsonl_entries(path, LabelledFit, "labelled question fits")


def evaluate_fits(engine: Engine, rows: list[LabelledFit]) -> dict[str, Any]:
    """Each message answered, and the bank's questions it shows counted by their label; a label
    for a question the bank does not hold is refused (it would count as not shown)."""
    known_ids = {e.id for e in engine.index.selector.bank.entries}
    unknown = sorted({r.question for r in rows} - known_ids)
    if unknown:
        raise EvalFileError(f"The labelled question fits name {len(unknown)} question(s) the bank "
                            f"does not hold, such as {unknown[0]!r}.")
    labels: dict[str, dict[str, bool]] = defaultdict(dict)
    for r in rows:
        labels[r.message][r.question] = r.fit
    counts = {"fit": 0, "misfit": 0, "unlabelled": 0}
    answers = []
    for message, known in labels.items():
        answer = engine.ask(message, use_llm=False)
        texts = {q.bank_id: q.text for s in answer.denkraam for q in s.questions
                 if q.bank_id and not q.bank_id.startswith("probe:")}
        shown = list(texts)
        misfits = [b for b in shown if known.get(b) is False]
        counts["fit"] += sum(known.get(b) is True for b in shown)
        counts["misfit"] += len(misfits)
        counts["unlabelled"] += sum(b not in known for b in shown)
        answers.append({"message": message, "misfits": misfits,
                        "unlabelled": {b: t for b, t in texts.items() if b not in known}})
    labelled = counts["fit"] + counts["misfit"]
    return {"cases": len(labels), "shown": counts,
            "misfit_share": round(counts["misfit"] / labelled, 3) if labelled else None,
            "answers": answers}


def print_fits(result: dict[str, Any]) -> None:
    c = result["shown"]
    share = "–" if result["misfit_share"] is None else result["misfit_share"]
    print(f"{result['cases']} cases: of the bank's questions shown, {c['misfit']} labelled as not "
          f"fitting their case, {c['fit']} as fitting (share not fitting {share}), "
          f"{c['unlabelled']} not labelled")
