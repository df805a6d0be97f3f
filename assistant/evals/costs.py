"""Which amount of a message is what the case costs: `assistant eval --costs FILE`.

A costs file holds chat messages that mention money, one a line: ``{"id", "lang", "text",
"cost"}``, ``cost`` being the amount of ``text`` (as written, without "per jaar" or a qualifier
such as "ca.") that is what the plan costs the municipality, or null where none is: a fine, a
price residents pay, a budget residents allocate, a saving, the cost of the problem. The run
reads each message's cost as a what-to-ask answer does (the ``{kosten}`` slot of the question
bank: :func:`~assistant.engine.case.facets_of` with the proposal model's readings) and counts the
messages where it finds the labelled amount or rightly none, a wrong amount (the worse mistake:
a question would state it as the plan's cost) and none where there is one.

``evals/costs-dev.jsonl`` (140 messages) is the set the threshold was chosen on;
``evals/heldout/costs.jsonl`` (80) was written by another helper from a short brief and is never
tuned on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..engine import Engine
from ..engine.case import facets_of
from .cases import jsonl_entries


class CostMessage(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    lang: str = Field(pattern="^(nl|en)$")
    text: str = Field(min_length=1)
    cost: str | None = Field(min_length=1)

    @model_validator(mode="after")
    def _cost_is_written(self) -> CostMessage:
        if self.cost is not None and self.cost not in self.text:
            raise ValueError("the cost is not written in the text")
        return self


def load_costs(path: Path) -> list[CostMessage]:
    return jsonl_entries(path, CostMessage, "costs file")


def _norm(amount: str) -> str:
    return re.sub(r"\s+", " ", amount).strip(" .,").lower()


def judge(found: str | None, labelled: str | None) -> str:
    """"right" (the labelled amount, or it with what the slot adds after it such as "per jaar";
    or rightly none), "wrong" (another amount) or "missed" (none where there is one)."""
    if found is None:
        return "right" if labelled is None else "missed"
    if labelled is None:
        return "wrong"
    a, b = _norm(found), _norm(labelled)
    return "right" if a == b or a.startswith(b + " ") else "wrong"


def evaluate_costs(engine: Engine, rows: list[CostMessage]) -> dict[str, Any]:
    out: dict[str, Any] = {"messages": len(rows), "right": 0, "wrong": 0, "missed": 0,
                           "by_language": {}, "mistakes": []}
    for row in rows:
        found = facets_of(row.text, row.lang, engine.composer.read_statements).get("kosten")
        verdict = judge(found, row.cost)
        out[verdict] += 1
        lang = out["by_language"].setdefault(row.lang, {"right": 0, "wrong": 0, "missed": 0})
        lang[verdict] += 1
        if verdict != "right":
            out["mistakes"].append({"id": row.id, "verdict": verdict, "labelled": row.cost,
                                    "found": found})
    return out


def print_costs(result: dict[str, Any]) -> None:
    print(f"What the case costs in {result['messages']} messages: the labelled amount or rightly "
          f"none {result['right']}, a wrong amount {result['wrong']}, none where there is one "
          f"{result['missed']}")
    for lang, c in sorted(result["by_language"].items()):
        print(f"  {lang}: right {c['right']}, wrong {c['wrong']}, missed {c['missed']}")
