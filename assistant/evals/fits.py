"""Questions for the council that do not fit their case: `assistant eval --fits FILE`.

A fits file holds judgements, one a line: ``{"case", "message", "language", "question", "fit",
"why"}``: a council member's message (and the case as the selection compares questions with it:
the technology with what the message describes), a bank question's id and whether the question
fits the case, with a few words why not. ``evals/fits-dev.jsonl`` (79 cases) is the development
set; ``evals/heldout/fit.jsonl`` (24 cases) was written apart from it and is never tuned on. For
each case the judges saw the questions the selection considers (the first six per step by need
and similarity to the case) and judged them as an advisor would: a question that takes for
granted something the case does not have or that the message rules out does not fit.

The run answers each message, without a language model, and counts the bank's questions its
answer shows: judged fitting, judged not fitting, and not judged (a question the judges were not
shown for that case).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..engine import Engine
from ..errors import EvalFileError
from .cases import jsonl_entries


class Judgement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    case: str = Field(min_length=2)  # the case as the selection compares questions with it
    message: str = Field(min_length=2)  # the council member's message
    language: str = Field(pattern="^(nl|en)$")
    question: str = Field(min_length=2)  # a bank question's id
    fit: bool
    why: str = ""


def load_fits(path: Path) -> list[Judgement]:
    return jsonl_entries(path, Judgement, "question-fit judgements")


def evaluate_fits(engine: Engine, rows: list[Judgement]) -> dict[str, Any]:
    """Each message answered, and the bank's questions it shows counted by their judgement; a
    judgement of a question the bank does not hold is refused (it would count as not shown)."""
    known_ids = {e.id for e in engine.index.selector.bank.entries}
    unknown = sorted({r.question for r in rows} - known_ids)
    if unknown:
        raise EvalFileError(f"The question-fit judgements name {len(unknown)} question(s) the "
                            f"bank does not hold, such as {unknown[0]!r}.")
    judged: dict[str, dict[str, bool]] = defaultdict(dict)
    for r in rows:
        judged[r.message][r.question] = r.fit
    counts = {"fit": 0, "misfit": 0, "not_judged": 0}
    answers = []
    for message, known in judged.items():
        answer = engine.ask(message, use_llm=False)
        texts = {q.bank_id: q.text for s in answer.denkraam for q in s.questions
                 if q.bank_id and not q.bank_id.startswith("probe:")}
        misfits = [b for b in texts if known.get(b) is False]
        counts["fit"] += sum(known.get(b) is True for b in texts)
        counts["misfit"] += len(misfits)
        counts["not_judged"] += sum(b not in known for b in texts)
        answers.append({"message": message, "misfits": misfits,
                        "not_judged": {b: t for b, t in texts.items() if b not in known}})
    judged_shown = counts["fit"] + counts["misfit"]
    return {"cases": len(judged), "shown": counts,
            "misfit_share": round(counts["misfit"] / judged_shown, 3) if judged_shown else None,
            "answers": answers}


def print_fits(result: dict[str, Any]) -> None:
    c = result["shown"]
    share = "–" if result["misfit_share"] is None else result["misfit_share"]
    print(f"{result['cases']} cases: of the bank's questions shown, {c['misfit']} judged as not "
          f"fitting their case, {c['fit']} as fitting (share not fitting {share}), "
          f"{c['not_judged']} not judged")
