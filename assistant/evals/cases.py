"""What-to-ask answers measured as a council member would read them: `assistant eval --cases FILE`.

A cases file is JSON Lines, one what-to-ask question or plan a line: ``{"id", "question", "lang",
"avoid": [...]}`` (``avoid``, optional, says what a question for this case must not assume: for a
grader, who flags the questions that contradict it). The run answers each, without a language
model, and reports:

* how many answers have questions, under how many denkraam steps, every one cited;
* the share of distinct wordings among all their questions, with the subject phrase and function
  words removed (a template with another noun pasted in counts once);
* the mean overlap between two answers' question sets (Jaccard, same normalisation);
* answer time p50 and p95.

With ``--grades FILE`` (JSON Lines ``{"id", "score", "why"}``, score 0 useless or wrong, 1
generic, 2 usable as they stand, 3 what an expert advisor would write) it adds the distribution
and mean of the grades. ``--json OUT`` writes the answers for a grader to read.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..engine import Engine
from ..engine.text.words import STOPWORDS
from ..errors import EvalFileError
from .runner import denkraam_overlap, first_problem, normalised_questions, text_lines


class CaseQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    question: str = Field(min_length=1)
    lang: str = "nl"
    avoid: tuple[str, ...] = ()


class Grade(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    score: int = Field(ge=0, le=3)
    why: str = ""


def jsonl_entries(path: Path, model: type[BaseModel], what: str) -> list[Any]:
    """The entries of a JSON Lines evaluation file, each checked against ``model``; one sentence
    naming ``what``, the file and the line for one that is not valid."""
    lines = text_lines(path, what)
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except ValidationError as exc:
            raise EvalFileError(f"The {what} {path} line {n} is not a valid entry "
                                f"({first_problem(exc)}).") from exc
        except ValueError as exc:
            raise EvalFileError(f"The {what} {path} line {n} is not a valid entry (not JSON)."
                                ) from exc
    if not out:
        raise EvalFileError(f"The {what} {path} holds no entries.")
    return out


def load_cases(path: Path) -> list[CaseQuestion]:
    return jsonl_entries(path, CaseQuestion, "cases file")


def load_grades(path: Path) -> list[Grade]:
    return jsonl_entries(path, Grade, "grading file")


def summarise_grades(grades: list[Grade]) -> dict[str, Any]:
    counts = Counter(g.score for g in grades)
    return {"n": len(grades), "distribution": {str(s): counts.get(s, 0) for s in range(4)},
            "mean": round(statistics.mean(g.score for g in grades), 2)}


def evaluate_cases(engine: Engine, cases: list[CaseQuestion]) -> dict[str, Any]:
    engine.ask("Wat moet ik vragen over wifi-telling?", use_llm=False)  # warm caches
    rows: list[dict[str, Any]] = []
    times: list[float] = []
    lists: list[list[str]] = []
    for case in cases:
        started = time.perf_counter()
        answer = engine.ask(case.question, use_llm=False)
        times.append((time.perf_counter() - started) * 1000)
        questions = [q for s in answer.denkraam for q in s.questions]
        normalised = normalised_questions(answer, STOPWORDS)
        if questions:
            lists.append(normalised)
        rows.append({
            "id": case.id, "question": case.question, "status": answer.status,
            "subject": answer.subject, "facets": answer.facets,
            "characteristics": answer.characteristics,
            "questions": len(questions), "steps": len(answer.denkraam),
            "cited": all(q.citations for q in questions) if questions else None,
            "left_out": answer.questions_left_out,
            "answer": answer.model_dump(mode="json"),
        })
    everything = [q for qs in lists for q in qs]
    with_questions = [r for r in rows if r["questions"]]
    times.sort()
    return {
        "answers": len(rows),
        "with_questions": len(with_questions),
        "four_steps": sum(1 for r in rows if r["steps"] >= 4),
        "under_six_questions": sum(1 for r in rows if r["questions"] < 6),
        "questions_per_answer": round(statistics.mean(r["questions"] for r in rows), 2),
        "all_cited": sum(1 for r in with_questions if r["cited"]),
        "distinct_wording": round(len(set(everything)) / len(everything), 4) if everything
        else None,
        "overlap": denkraam_overlap([set(qs) for qs in lists]),
        "latency_ms": {"p50": round(times[len(times) // 2], 1),
                       "p95": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)},
        "rows": rows,
    }


def print_cases(result: dict[str, Any]) -> None:
    n = result["answers"]
    print(f"{n} what-to-ask answers: {result['with_questions']} with questions, "
          f"{result['four_steps']} under at least four steps, {result['all_cited']} with every "
          f"question cited, {result['under_six_questions']} with fewer than six questions "
          f"({result['questions_per_answer']} per answer on average)")
    print(f"distinct wordings {result['distinct_wording']} of all questions (subject and "
          f"function words removed); mean overlap of two answers' questions {result['overlap']}")
    print(f"answer p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms")
    if "grades" in result:
        g = result["grades"]
        print(f"grades ({g['n']}): " + ", ".join(f"{s}: {c}" for s, c in
                                                  g["distribution"].items())
              + f"; mean {g['mean']}")
