"""`assistant eval FILE --llm`: the composer and the language model on the same questions.

For every question the texts answer (not the ones meant to be declined): the composed answer and
the model's, from the same retrieval. Reported: how often the model's answer was given (not the
composed one as fallback), the share of the model's sentences whose citations resolve to a given
passage and support it, how often each short answer holds an answering phrase, and the model's
time to first token and to the whole answer.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table

from ..engine import Engine
from ..errors import AssistantError
from .runner import RefQuestion, answer_checks


def compare_writers(engine: Engine, questions: list[RefQuestion]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for q in questions:
        if q.abstain:
            continue
        try:
            composed = engine.ask(q.question, use_llm=False)
            written = engine.ask(q.question)
        except AssistantError:
            continue
        if written.validation is None:  # declined before the model was asked
            continue
        v = written.validation
        rows.append({"id": q.id, "fell_back": v.fell_back, "reason": v.reason,
                     "sentences": v.sentences, "supported": v.supported,
                     "failures": v.failures,
                     "composer_has_answer": answer_checks(q, composed)["summary_has_answer"],
                     "llm_has_answer": (answer_checks(q, written)["summary_has_answer"]
                                        if not v.fell_back else None),
                     "first_token_ms": v.first_token_ms, "total_ms": v.total_ms})
    sentences = sum(r["sentences"] for r in rows)

    def rate(key: str) -> float | None:
        flags = [r[key] for r in rows if r[key] is not None]
        return round(sum(flags) / len(flags), 3) if flags else None

    def median(key: str) -> float | None:
        values = [r[key] for r in rows if r[key] is not None]
        return round(statistics.median(values), 1) if values else None

    return {
        "questions": len(rows),
        "model_answer_given": round(1 - sum(r["fell_back"] for r in rows) / len(rows), 3)
        if rows else None,
        "citation_validity": round(sum(r["supported"] for r in rows) / sentences, 3)
        if sentences else None,
        "composer_has_answer": rate("composer_has_answer"),
        "llm_has_answer": rate("llm_has_answer"),
        "first_token_ms_p50": median("first_token_ms"),
        "total_ms_p50": median("total_ms"),
        "fallback_reasons": dict(Counter(r["reason"] for r in rows if r["fell_back"])),
        "sentence_failures": dict(sum((Counter(r["failures"]) for r in rows), Counter())),
        "per_question": rows,
    }


def print_writers(result: dict[str, Any]) -> None:
    table = Table(title=f"composer and language model, {result['questions']} answerable questions")
    for column in ("measure", "composer", "language model"):
        table.add_column(column)
    table.add_row("answer given", "1.000", str(result["model_answer_given"]))
    table.add_row("sentences whose citations resolve and support them", "–",
                  str(result["citation_validity"]))
    table.add_row("short answer holds an answering phrase", str(result["composer_has_answer"]),
                  str(result["llm_has_answer"]))
    table.add_row("first token p50 (ms)", "–", str(result["first_token_ms_p50"]))
    table.add_row("whole answer p50 (ms)", "–", str(result["total_ms_p50"]))
    Console().print(table)
    for reason, n in sorted(result["fallback_reasons"].items(), key=lambda kv: -kv[1]):
        print(f"composed answer given instead ({n}x): {reason}")
    for reason, n in sorted(result["sentence_failures"].items(), key=lambda kv: -kv[1]):
        print(f"sentences that failed the check ({n}x): {reason}")
