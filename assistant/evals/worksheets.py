"""``assistant eval --worksheets DIR``: the worksheets of a folder of proposals against their
answer keys (``DIR/keys.jsonl``).

A key line names a file and, for every checklist item, the verbatim quotes where the proposal
addresses it (an empty list: the proposal does not). Measured:

- step assignment: a sentence a worksheet shows under a step is right when it holds a quote of
  an item of that step (precision); an item the proposal addresses is found when a sentence
  shown under its step holds one of its quotes (recall), and for a PDF, a page where the
  proposal deals with a step is found when the step cites it (page recall). A worksheet shows
  the two sentences likeliest to speak to each item, not every sentence that does, so the share
  of all quotes it shows is reported too (quote recall);
- gaps: an item the worksheet reports missing is right when the key has no quote for it
  (precision); an item without quotes is found when the worksheet reports it (recall);
- questions from periods named apart (``tensions.yaml``): where a key lists the tension groups
  a reader finds in the proposal (``"tensions": ["term"]``, or ``[]`` for none), a group the
  worksheet asks about is right when the key lists it (precision), and a listed one is found
  when the worksheet asks about it (recall); keys without the field are not counted;
- the time a worksheet takes.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.engine.review.checklist import checklist
from assistant.engine.review.tensions import group_of
from assistant.errors import EvalFileError
from assistant.evals.cases import jsonl_entries

if TYPE_CHECKING:
    from assistant.engine.review.worksheet import Worksheet
    from assistant.engine.service import Engine


class Key(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    file: str = Field(min_length=1)
    title: str = ""
    technology: str = ""
    shape: str = ""
    items: dict[str, list[str]]
    # The tension groups a reader finds in the proposal (tensions.yaml); None: not annotated.
    tensions: list[str] | None = None


def load_keys(folder: Path) -> list[Key]:
    """The answer keys of ``folder``: every entry decides every checklist item and names a file
    of the folder."""
    path = folder / "keys.jsonl"
    ids = {item.id for item in checklist()}
    groups = set(group_of().values())
    keys: list[Key] = jsonl_entries(path, Key, "worksheet keys file")
    for key in keys:
        unknown = set(key.items) - ids
        if unknown or set(key.items) != ids:
            what = (f"names the unknown item {sorted(unknown)[0]!r}" if unknown
                    else f"does not decide the item {sorted(ids - set(key.items))[0]!r}")
            raise EvalFileError(f"The worksheet keys file {path}: the entry for {key.file} "
                                f"{what}.")
        if key.tensions is not None and (unknown := set(key.tensions) - groups):
            raise EvalFileError(f"The worksheet keys file {path}: the entry for {key.file} "
                                f"names the unknown tension {sorted(unknown)[0]!r}.")
        if not (folder / key.file).is_file():
            raise EvalFileError(f"The worksheet keys file {path} names {key.file}, which is not "
                                f"in {folder}.")
    return keys


def _norm(text: str) -> str:
    """Text as compared: soft hyphens, quotes and spacing made alike, case folded."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"-\s+(?=[a-z])", "", text)).strip().lower()


def score_sheet(sheet: Worksheet, key: Key, lines: list[tuple[str, int | None]]) -> dict[str, Any]:
    """One worksheet against its key; ``lines`` are the proposal's sentences with their pages."""
    steps = {item.id: item.step for item in checklist()}
    shown = [(s.step, _norm(q.text), q.page) for s in sheet.steps for q in s.says]
    truth = {(steps[item], _norm(quote)) for item, quotes in key.items.items()
             for quote in quotes}
    right_shown = sum(1 for step, text, _ in shown
                      if any(st == step and quote in text for st, quote in truth))
    found = sum(1 for step, quote in truth
                if any(st == step and quote in text for st, text, _ in shown))
    addressed = {item: [_norm(q) for q in quotes] for item, quotes in key.items.items() if quotes}
    items_found = sum(1 for item, quotes in addressed.items()
                      if any(st == steps[item] and any(q in text for q in quotes)
                             for st, text, _ in shown))
    normed = [(_norm(text), page) for text, page in lines]
    pages = {(step, page) for step, quote in truth for text, page in normed
             if page is not None and quote in text}
    pages_cited = {(s.step, page) for s in sheet.steps for page in s.pages}
    said_missing = {i for s in sheet.steps for i in s.missing_items}
    missing = {item for item, quotes in key.items.items() if not quotes}
    return {"file": key.file, "shape": key.shape, "pages": sheet.pages,
            "shown": len(shown), "shown_right": right_shown,
            "quotes": len(truth), "quotes_found": found,
            "items": len(addressed), "items_found": items_found,
            "step_pages": len(pages), "step_pages_found": len(pages & pages_cited),
            "said_missing": sorted(said_missing), "missing": sorted(missing),
            "gaps_right": len(said_missing & missing),
            "wrongly_missing": sorted(said_missing - missing),
            "gaps_not_found": sorted(missing - said_missing),
            "tensions": key.tensions, "tensions_asked": _tensions_asked(sheet),
            "ms": sheet.timings_ms.get("total", 0.0)}


def _tensions_asked(sheet: Worksheet) -> list[str]:
    """The tension groups the worksheet asks about (its questions' ``tension:`` ids)."""
    group = group_of()
    ids = [q.bank_id or "" for s in sheet.steps for q in s.questions]
    return sorted({group[i.removeprefix("tension:")] for i in ids if i.startswith("tension:")})


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def evaluate_worksheets(engine: Engine, folder: Path) -> dict[str, Any]:
    from assistant.engine.review.proposal import read_proposal
    from assistant.engine.review.worksheet import Reviewer

    keys = load_keys(folder)
    reviewer = Reviewer(engine)
    rows = []
    for key in keys:
        sheet = reviewer.review(folder / key.file)
        lines = [(ln.text, ln.page) for ln in read_proposal(folder / key.file).lines]
        rows.append(score_sheet(sheet, key, lines))
    total = {k: sum(r[k] for r in rows) for k in
             ("shown", "shown_right", "quotes", "quotes_found", "items", "items_found",
              "step_pages", "step_pages_found", "gaps_right")}
    said = sum(len(r["said_missing"]) for r in rows)
    missing = sum(len(r["missing"]) for r in rows)
    annotated = [r for r in rows if r["tensions"] is not None]
    asked = sum(len(r["tensions_asked"]) for r in annotated)
    expected = sum(len(r["tensions"]) for r in annotated)
    right = sum(len(set(r["tensions_asked"]) & set(r["tensions"])) for r in annotated)
    return {"folder": str(folder), "proposals": rows,
            "tensions": {"annotated": len(annotated), "asked": asked, "expected": expected,
                         "right": right, "precision": _ratio(right, asked),
                         "recall": _ratio(right, expected)},
            "step_precision": _ratio(total["shown_right"], total["shown"]),
            "step_recall": _ratio(total["items_found"], total["items"]),
            "page_recall": _ratio(total["step_pages_found"], total["step_pages"]),
            "quote_recall": _ratio(total["quotes_found"], total["quotes"]),
            "gap_precision": _ratio(total["gaps_right"], said),
            "gap_recall": _ratio(total["gaps_right"], missing),
            "ms_median": round(statistics.median(r["ms"] for r in rows), 1),
            "model_gaps_cv": engine.index.review.meta.get("gaps")}


def print_worksheets(result: dict[str, Any]) -> None:
    print(f"Worksheets of {result['folder']}\n")
    print("| proposal | pages | step precision | items found | pages found | quotes shown | "
          "gaps right / said / real | ms |")
    print("|---|---|---|---|---|---|---|---|")
    for r in result["proposals"]:
        page_recall = _ratio(r["step_pages_found"], r["step_pages"]) or "-"
        print(f"| {r['file']} | {r['pages'] or '-'} | {_ratio(r['shown_right'], r['shown'])} | "
              f"{r['items_found']} / {r['items']} | {page_recall} | "
              f"{r['quotes_found']} / {r['quotes']} | {r['gaps_right']} / "
              f"{len(r['said_missing'])} / {len(r['missing'])} | {r['ms']:.0f} |")
    print(f"\nStep assignment: precision {result['step_precision']}, recall (items) "
          f"{result['step_recall']}, recall (pages of PDFs) {result['page_recall']}, quotes "
          f"shown {result['quote_recall']}. Gaps: precision {result['gap_precision']}, recall "
          f"{result['gap_recall']}. Median time per worksheet {result['ms_median']:.0f} ms.")
    cv = result.get("model_gaps_cv")
    if cv:
        print("The proposal model, cross-validated on the labelled proposals it learns from "
              f"({cv['with headings']['proposals']} proposals, each read by a model trained "
              "without it): "
              + "; ".join(f"{reading}, gap precision {r['precision']} and recall {r['recall']}"
                          for reading, r in cv.items()) + ".")
    t = result["tensions"]
    if t["annotated"]:
        print(f"Questions from periods named apart, on {t['annotated']} annotated proposals: "
              f"{t['right']} right of {t['asked']} asked and {t['expected']} expected (precision "
              f"{t['precision']}, recall {t['recall']}).")
    for r in result["proposals"]:
        if r["wrongly_missing"] or r["gaps_not_found"]:
            print(f"- {r['file']}: reported missing but addressed: "
                  f"{', '.join(r['wrongly_missing']) or 'none'}; missing but not reported: "
                  f"{', '.join(r['gaps_not_found']) or 'none'}")
