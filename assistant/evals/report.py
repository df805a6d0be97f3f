"""Print and write evaluation results: tables, a Markdown report with a chart, a baseline diff.

The report lists, for every question the pipeline got wrong, the expected passage beside the one
that came first, so that a maintainer sees why without re-running anything.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..errors import EvalFileError

COLUMNS = ["hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "cited_hit", "abstain_accuracy"]
ANSWER_MEASURES = {
    "summary_has_answer": "short answer contains the answering phrase",
    "cites_all_docs": "two-document questions citing both documents",
    "names_technology": "'what to ask' answers naming the technology as written (or by a short "
                        "name of its words)",
    "subject_exact": "'what to ask' answers whose subject is the labelled technology, word for "
                     "word",
    "subject_covers": "... or holds it and is at most twice as long",
    "denkraam_overlap": "mean overlap of the council questions of two technologies (lower is "
                        "better)",
    "unanswerable_declined": "unanswerable questions declined",
    "told_missing": "answerable questions told the texts lack what they asked",
    "nearest_answerable": "answerable questions shown the closest detail with a caution instead",
    "nearest_unanswerable": "unanswerable questions shown the closest detail with a caution",
}
GROUP_COLUMNS = ["n", "hit@1", "hit@5", "abstain_accuracy", "summary_has_answer"]


def _fmt(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def is_miss(q: dict[str, Any]) -> bool:
    return bool(q.get("error") or q["abstain_expected"] != q.get("abstained")
                or (not q["abstain_expected"] and q.get("rank", {}).get("pipeline") != 1))


def print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    table = Table(title=f"{result['counts']['questions']} questions "
                        f"({result['counts']['unanswerable']} unanswerable)")
    table.add_column("system")
    for col in [*COLUMNS, "p50 ms", "p95 ms"]:
        table.add_column(col, justify="right")
    for name, s in result["systems"].items():
        table.add_row(name, *[_fmt(s[c]) for c in COLUMNS],
                      _fmt(s["latency_ms"]["p50"]), _fmt(s["latency_ms"]["p95"]))
    console.print(table)
    for attr, groups in result.get("groups", {}).items():
        if len(groups) < 2:
            continue
        table = Table(title=f"pipeline per {attr}")
        table.add_column(attr)
        for col in GROUP_COLUMNS:
            table.add_column(col, justify="right")
        for label, g in groups.items():
            table.add_row(label, *[_fmt(g[c]) for c in GROUP_COLUMNS])
        console.print(table)
    for key, text in ANSWER_MEASURES.items():
        console.print(f"{text}: {_fmt(result['answers'].get(key))}")
    if result.get("calibration"):
        console.print(calibration_line(result["calibration"]))
    p = result["systems"]["pipeline"]
    console.print(f"pipeline retrieval latency p50 {p['retrieval_latency_ms']['p50']} ms, "
                  f"p95 {p['retrieval_latency_ms']['p95']} ms; answer p50 "
                  f"{p['latency_ms']['p50']} ms, p95 {p['latency_ms']['p95']} ms; "
                  f"{p['abstained_answerable']} answerable abstained, "
                  f"{p['answered_unanswerable']} unanswerable answered")


def calibration_line(calibration: dict[str, Any]) -> str:
    parts = [f"{lang} {floor:.4f} (of {calibration['probes'][lang]} unrelated questions: median "
             f"{calibration['probe_similarity'][lang]['p50']}, 95th percentile "
             f"{calibration['probe_similarity'][lang]['p95']})"
             for lang, floor in calibration["floor"].items()]
    line = ("relatedness floor of this index (the closest any unrelated question came to a "
            f"passage), per question language: {'; '.join(parts)}")
    latent = calibration.get("latent")
    if latent:
        line += "; by latent terms: " + "; ".join(
            f"{lang} {floor:.4f} (median {latent['probe_similarity'][lang]['p50']}, 95th "
            f"percentile {latent['probe_similarity'][lang]['p95']})"
            for lang, floor in latent["floor"].items())
    return line


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            raise ValueError("no questions")
        return data
    except FileNotFoundError as exc:
        raise EvalFileError(f"The baseline {path} does not exist.") from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"The baseline {path} is not the JSON of an earlier `assistant "
                            "eval --json` run.") from exc


def compare(result: dict[str, Any], baseline: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Questions that got better or worse than in ``baseline`` (matched by id): a miss that is
    now right, or the reverse; for two misses, a better or worse rank."""
    before = {q["id"]: q for q in baseline["questions"] if "id" in q}
    out: dict[str, list[dict[str, Any]]] = {"better": [], "worse": []}
    for q in result["questions"]:
        old = before.get(q["id"])
        if old is None:
            continue
        now_miss, was_miss = is_miss(q), is_miss(old)
        rank_now = q.get("rank", {}).get("pipeline") or 99
        rank_was = old.get("rank", {}).get("pipeline") or 99
        entry = {"id": q["id"], "question": q["question"], "rank_before": old.get("rank", {})
                 .get("pipeline"), "rank_now": q.get("rank", {}).get("pipeline"),
                 "abstained_before": old.get("abstained"), "abstained_now": q.get("abstained")}
        if was_miss and not now_miss or was_miss and now_miss and rank_now < rank_was:
            out["better"].append(entry)
        elif now_miss and not was_miss or was_miss and now_miss and rank_now > rank_was:
            out["worse"].append(entry)
    return out


def print_comparison(diff: dict[str, list[dict[str, Any]]]) -> None:
    for label in ("better", "worse"):
        print(f"{label} than the baseline: {len(diff[label])}")
        for e in diff[label]:
            print(f"  {e['id']} {e['question']} (rank {e['rank_before']} -> {e['rank_now']}, "
                  f"abstained {e['abstained_before']} -> {e['abstained_now']})")


def _snippet(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def write_report(result: dict[str, Any], source: Path, folder: Path,
                 passages: dict[str, str] | None = None,
                 diff: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """Markdown report with a PNG chart; returns the report's path. ``passages`` maps passage
    ids to their text, to show the expected passage beside the one that came first."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .runner import SYSTEMS

    passages = passages or {}
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
    lines += ["", "## Answers", ""]
    lines += [f"- {text}: {_fmt(result['answers'].get(key))}"
              for key, text in ANSWER_MEASURES.items()]
    if result.get("calibration"):
        lines.append(f"- {calibration_line(result['calibration'])}")
    for attr, groups in result.get("groups", {}).items():
        lines += ["", f"## Pipeline per {attr}", "",
                  f"| {attr} | " + " | ".join(GROUP_COLUMNS) + " |",
                  "|---" * (len(GROUP_COLUMNS) + 1) + "|"]
        lines += [f"| {label} | " + " | ".join(_fmt(g[c]) for c in GROUP_COLUMNS) + " |"
                  for label, g in groups.items()]
    if diff is not None:
        for label in ("better", "worse"):
            lines += ["", f"## {label.capitalize()} than the baseline ({len(diff[label])})", ""]
            lines += [f"- `{e['id']}` {e['question']}: rank {e['rank_before']} → "
                      f"{e['rank_now']}, abstained {e['abstained_before']} → "
                      f"{e['abstained_now']}" for e in diff[label]] or ["None."]
    misses = [q for q in result["questions"] if is_miss(q)]
    lines += ["", "## Questions the pipeline did not get right at rank 1", ""]
    if not misses:
        lines.append("None.")
    for q in misses:
        lines.append(f"- `{q['id']}` ({q.get('kind') or '-'}) {q['question']} — rank "
                     f"{q.get('rank', {}).get('pipeline')}, abstained {q.get('abstained')} "
                     f"(expected {q['abstain_expected']})"
                     + (f", error: {q['error']}" if q.get("error") else ""))
        top = (q.get("top") or [None])[0]
        if q.get("relevant") and not q["abstain_expected"]:
            expected = q["relevant"][0]
            lines.append(f"  - expected `{expected}`: {_snippet(passages.get(expected, ''))}")
        if top and not q.get("abstained"):
            lines.append(f"  - first `{top}`: {_snippet(passages.get(top, ''))}")
    report = folder / f"{stem}.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report
