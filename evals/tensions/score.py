"""Whether the worksheet asks about a supplier's term that outlasts the trial (or, without one,
the first evaluation), against a folder's labels.jsonl: the thirty short development proposals of
this folder, or another folder of the same form (evals/heldout/tensions, twenty held-out ones).
Prints what it got wrong and precision and recall; writes nothing.

    .venv/bin/python evals/tensions/score.py [FOLDER] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.config import load_settings
from assistant.engine.review.worksheet import Reviewer
from assistant.engine.service import Engine

HERE = Path(__file__).parent


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    folder = folders[0] if folders else HERE
    reviewer = Reviewer(Engine.load(load_settings()))
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        sheet = reviewer.review(folder / label["file"])
        asked = [q.text for s in sheet.steps for q in s.questions
                 if (q.bank_id or "").startswith("tension:")]
        got, want = bool(asked), bool(label["tension"])
        counts[{(True, True): "tp", (True, False): "fp", (False, True): "fn",
                (False, False): "tn"}[(got, want)]] += 1
        if got != want or "-v" in sys.argv:
            print(f"{label['file']}: expected {want}, asked {got}; term "
                  f"{label['term_quote']!r}, trial {label['trial_quote']!r}, evaluation "
                  f"{label['evaluation_quote']!r}")
            for question in asked:
                print(f"    {question}")
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "–"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "–"
    print(f"{counts}; precision {precision}, recall {recall}")


if __name__ == "__main__":
    main()
