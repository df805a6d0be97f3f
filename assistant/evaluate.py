"""Score reference question sets: the full pipeline, BM25 alone and dense alone, in one run.

Reference sets are JSON Lines (format in ../shared/DESIGN.md): ``expect`` is met at rank k when
one of the first k passages comes from ``doc`` and contains ``contains`` (case-insensitive, in the
passage's headings and text). Ranking measures come from ir-measures; cited-hit, abstention
accuracy and latency percentiles are computed here.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ir_measures
import numpy as np
from ir_measures import RR, Qrel, ScoredDoc, Success, nDCG

from .engine import Engine
from .errors import AssistantError, EvalFileError
from .passages import Passage

MEASURES = {"hit@1": Success @ 1, "hit@3": Success @ 3, "hit@5": Success @ 5,
            "mrr@10": RR @ 10, "ndcg@10": nDCG @ 10}
SYSTEMS = ("pipeline", "bm25", "dense")


@dataclass
class RefQuestion:
    id: str
    question: str
    expect: list[dict[str, str]]
    abstain: bool
    lang: str | None


def load_reference(path: Path, known_docs: set[str]) -> list[RefQuestion]:
    """Read and check a reference set; one sentence names the first problem found."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise EvalFileError(f"The reference set {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"The reference set {path} cannot be read as UTF-8 text.") from exc
    out: list[RefQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            row = json.loads(line)
            qid, question = str(row["id"]), row["question"]
            expect = row.get("expect") or []
            abstain = bool(row.get("abstain", False))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{where} is not a reference question (needs JSON with id, "
                                f"question, expect, abstain).") from exc
        if not isinstance(question, str) or not isinstance(expect, list):
            raise EvalFileError(f"{where}: question must be text and expect a list.")
        if qid in seen:
            raise EvalFileError(f"{where} repeats the id {qid!r}.")
        seen.add(qid)
        for e in expect:
            if not isinstance(e, dict) or "doc" not in e or "contains" not in e:
                raise EvalFileError(f"{where}: each expect entry needs doc and contains.")
            if e["doc"] not in known_docs:
                raise EvalFileError(f"{where} names the unknown document {e['doc']!r}; the "
                                    f"index holds: {', '.join(sorted(known_docs))}.")
        if not abstain and not expect:
            raise EvalFileError(f"{where} expects no passage but is not marked abstain.")
        out.append(RefQuestion(qid, question, expect, abstain, row.get("lang")))
    if not out:
        raise EvalFileError(f"The reference set {path} holds no questions.")
    return out


def relevant_ids(q: RefQuestion, passages: list[Passage]) -> set[str]:
    out = set()
    for e in q.expect:
        needle = e["contains"].lower()
        out |= {p.id for p in passages if p.doc == e["doc"] and needle in p.cited_text.lower()}
    return out


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0}
    arr = np.asarray(values)
    return {"p50": round(float(np.percentile(arr, 50)), 2),
            "p95": round(float(np.percentile(arr, 95)), 2)}


def evaluate(engine: Engine, questions: list[RefQuestion]) -> dict[str, Any]:
    """Run every question through the three systems and score them."""
    passages = engine.index.passages
    retriever = engine.retriever
    engine.ask("Wat moet ik vragen over wifi-telling?")  # warm caches; not measured
    runs: dict[str, list[ScoredDoc]] = {s: [] for s in SYSTEMS}
    latency: dict[str, list[float]] = {s: [] for s in SYSTEMS}
    retrieval_ms: list[float] = []
    per_question: list[dict[str, Any]] = []
    qrels: list[Qrel] = []

    for q in questions:
        rel = relevant_ids(q, passages)
        qrels += [Qrel(q.id, pid, 1) for pid in rel]
        row: dict[str, Any] = {"id": q.id, "question": q.question, "abstain_expected": q.abstain,
                               "relevant": sorted(rel)}
        try:
            started = time.perf_counter()
            retrieval, answer = engine.ask_with_retrieval(q.question)
            latency["pipeline"].append((time.perf_counter() - started) * 1000)
            retrieval_ms.append(retrieval.timings_ms["retrieve"])
        except AssistantError as exc:
            row |= {"error": str(exc), "abstained": True}
            per_question.append(row)
            continue
        ranked = [h.passage.id for h in retrieval.hits[:10]]
        runs["pipeline"] += [ScoredDoc(q.id, pid, 10 - i) for i, pid in enumerate(ranked)]

        started = time.perf_counter()
        bm25 = engine.index.bm25.scores(retriever.analyzer.query_tokens(retrieval.question))
        latency["bm25"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        dense = retriever.dense_scores(retrieval.question)
        latency["dense"].append((time.perf_counter() - started) * 1000)
        ranks = {}
        for name, scores in (("bm25", bm25), ("dense", dense)):
            order = [passages[i].id for i in np.argsort(-scores, kind="stable")[:10]
                     if scores[i] > 0 or name == "dense"]
            runs[name] += [ScoredDoc(q.id, pid, 10 - i) for i, pid in enumerate(order)]
            ranks[name] = _first_rank(order, rel)
        cited = {c.passage_id for c in answer.citations}
        row |= {
            "language": answer.language, "abstained": answer.abstained,
            "relevance": round(retrieval.relevance, 3), "coverage": round(retrieval.coverage, 3),
            "top": ranked[:5], "rank": {"pipeline": _first_rank(ranked, rel), **ranks},
            "cited_hit": bool(rel & cited) if not q.abstain else None,
            "latency_ms": round(latency["pipeline"][-1], 2),
        }
        per_question.append(row)

    answerable = [q for q in questions if not q.abstain]
    answerable_ids = {q.id for q in answerable}
    systems: dict[str, dict[str, Any]] = {}
    for name in SYSTEMS:
        run = [d for d in runs[name] if d.query_id in answerable_ids]
        scores = _aggregate(qrels, run, answerable_ids)
        systems[name] = scores | {"cited_hit": None, "abstain_accuracy": None,
                                  "latency_ms": _percentiles(latency[name])}
    rows = {r["id"]: r for r in per_question}
    cited_flags = [rows[q.id].get("cited_hit") is True for q in answerable]
    correct = [rows[q.id].get("abstained") == q.abstain for q in questions]
    systems["pipeline"] |= {
        "cited_hit": (round(float(statistics.mean(cited_flags)), 4)
                      if cited_flags else None),
        "abstain_accuracy": round(float(statistics.mean(correct)), 4),
        "retrieval_latency_ms": _percentiles(retrieval_ms),
        "abstained_answerable": sum(1 for q in answerable if rows[q.id].get("abstained")),
        "answered_unanswerable": sum(1 for q in questions if q.abstain
                                     and not rows[q.id].get("abstained")),
    }
    return {"systems": systems, "questions": per_question,
            "counts": {"questions": len(questions), "answerable": len(answerable),
                       "unanswerable": len(questions) - len(answerable)}}


def _first_rank(order: list[str], rel: set[str]) -> int | None:
    return next((i + 1 for i, pid in enumerate(order) if pid in rel), None)


def _aggregate(qrels: list[Qrel], run: list[ScoredDoc], ids: set[str]) -> dict[str, float]:
    """Mean of each measure over all answerable questions (a question with no run counts 0)."""
    per: dict[str, dict[str, float]] = {name: {} for name in MEASURES}
    by_measure = {m: name for name, m in MEASURES.items()}
    for metric in ir_measures.iter_calc(list(MEASURES.values()), qrels, run):
        per[by_measure[metric.measure]][metric.query_id] = float(metric.value)
    return {name: round(sum(values.get(q, 0.0) for q in ids) / len(ids), 4) if ids else 0.0
            for name, values in per.items()}


# --- output -------------------------------------------------------------------------------------

COLUMNS = ["hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "cited_hit", "abstain_accuracy"]


def _fmt(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{result['counts']['questions']} questions "
                        f"({result['counts']['unanswerable']} unanswerable)")
    table.add_column("system")
    for col in [*COLUMNS, "p50 ms", "p95 ms"]:
        table.add_column(col, justify="right")
    for name, s in result["systems"].items():
        table.add_row(name, *[_fmt(s[c]) for c in COLUMNS],
                      _fmt(s["latency_ms"]["p50"]), _fmt(s["latency_ms"]["p95"]))
    console = Console(width=140)
    console.print(table)
    p = result["systems"]["pipeline"]
    console.print(f"pipeline retrieval latency p50 {p['retrieval_latency_ms']['p50']} ms, "
                  f"p95 {p['retrieval_latency_ms']['p95']} ms; answer p50 "
                  f"{p['latency_ms']['p50']} ms, p95 {p['latency_ms']['p95']} ms; "
                  f"{p['abstained_answerable']} answerable abstained, "
                  f"{p['answered_unanswerable']} unanswerable answered")


def write_report(result: dict[str, Any], source: Path, folder: Path) -> Path:
    """Markdown report with a PNG chart; returns the report's path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    stem = f"{source.stem}-{stamp}"
    chart = folder / f"{stem}.png"
    metrics = ["hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10"]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.26
    for i, name in enumerate(SYSTEMS):
        values = [result["systems"][name][m] for m in metrics]
        bars = ax.bar([x + (i - 1) * width for x in range(len(metrics))], values, width,
                      label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    ax.set_xticks(range(len(metrics)), metrics)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("score")
    ax.set_title(f"{source.name}: retrieval quality per system")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(chart, dpi=110)
    plt.close(fig)

    lines = [f"# Evaluation of {source.name}", "",
             f"{time.strftime('%Y-%m-%d %H:%M')}; {result['counts']['questions']} questions, "
             f"{result['counts']['unanswerable']} unanswerable.", "",
             f"![retrieval quality]({chart.name})", "",
             "| system | " + " | ".join(COLUMNS) + " | p50 ms | p95 ms |",
             "|---" * (len(COLUMNS) + 3) + "|"]
    for name, s in result["systems"].items():
        lines.append(f"| {name} | " + " | ".join(_fmt(s[c]) for c in COLUMNS)
                     + f" | {_fmt(s['latency_ms']['p50'])} | {_fmt(s['latency_ms']['p95'])} |")
    misses = [q for q in result["questions"]
              if q.get("error") or q["abstain_expected"] != q.get("abstained")
              or (not q["abstain_expected"] and q.get("rank", {}).get("pipeline") != 1)]
    lines += ["", "## Questions the pipeline did not get right at rank 1", ""]
    if not misses:
        lines.append("None.")
    for q in misses:
        lines.append(f"- `{q['id']}` {q['question']} — rank {q.get('rank', {}).get('pipeline')}"
                     f", abstained {q.get('abstained')} (expected {q['abstain_expected']})"
                     + (f", error: {q['error']}" if q.get("error") else ""))
    report = folder / f"{stem}.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report
