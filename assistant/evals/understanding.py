"""Score the question analyser on question sets and conversations it was not trained on.

* **Kinds** (``assistant eval --kinds FILE``): JSON Lines with ``text``, ``kind`` and optionally
  ``subject`` (as written), ``previous`` (the question before a follow-up) and ``lang``, the
  format of the labelled set. Reported: accuracy per kind with a confusion matrix; for standalone
  questions whether the answer has the denkraam block exactly when the question asks what to ask
  (bare topics, which ask neither way, are counted apart: how many get the block); and whether
  the subject is the one written (the same words, folded) or covers it.
* **Conversations** (``assistant eval --conversations FILE``): one conversation a line,
  ``{"id", "turns": [{"say", "kind", "subject", "denkraam", "condition", "sources"}]}``; every
  turn is put through a real :class:`~assistant.chat.conversation.Conversation` and each
  expectation it states is checked: the kind (a follow-up as ``followup_<how>``), that the
  subject contains the word given, that the denkraam block is there or not, that a condition
  word is among the conditions kept, and that a sources question gets the previous sources.
* **Characteristics** (``assistant eval --characteristics FILE``): JSON Lines with ``text``,
  ``lang`` and ``characteristics`` (keys of framework.yaml), the format of the labelled cases
  (:class:`~assistant.engine.understanding.labelled.LabelledCase`). Each message is analysed as
  the chat does and what its case does read (:func:`~assistant.engine.case.characteristics_of`);
  reported: precision, recall and F1 per characteristic and over all, the messages whose set is
  exactly right, and those given a characteristic they do not have (the answer would then ask
  about something the case rules out). A message may list under ``maybe`` what depends on how
  its technology is set up: those are counted apart, by whether the analyser gives them, is
  unsure of them (the answer asks about at most two such, the most at stake first) or leaves
  them out.
* **Names** (``assistant eval --names FILE``): JSON Lines with ``text``, ``kind`` (``ask`` or
  ``other``), ``subject`` (as written) and ``name`` (the short name a council member would use in
  a question to the college), messages that describe a plan, often with a place, a time or a
  count before the technology. Reported: whether what to ask is recognised (or not), the subject
  exact or covering over every message, and for what-to-ask messages whether the name the
  council's questions use is the labelled one (without a leading article) and whether it holds
  only words of the labelled subject (one that takes in the place before the technology, "het
  marktplein slimme camera's", does not).
* The cross-validated report of the trained analyser (accuracy per kind, confusion matrix,
  subject spans) comes from the index (``analyser/meta.json``); :func:`print_analyser` prints it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..chat.conversation import Conversation, Turn
from ..engine import Engine
from ..engine.framework import Characteristic
from ..engine.query import Query
from ..engine.text.words import ARTICLES, fold, words
from ..engine.understanding.labelled import KINDS
from ..errors import AssistantError, EvalFileError
from .runner import subject_match, text_lines


def _read_lines(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    lines = text_lines(path, "question set")
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{path} line {number} is not JSON.") from exc
        missing = [k for k in required if not isinstance(row, dict) or k not in row]
        if missing:
            raise EvalFileError(f"{path} line {number} lacks {missing[0]!r}.")
        rows.append(row)
    if not rows:
        raise EvalFileError(f"The question set {path} holds nothing to score.")
    return rows


def kind_of(query: Query) -> str:
    return f"followup_{query.followup}" if query.followup else query.kind


def score_kinds(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    kinds = [k for k in KINDS if any(r["kind"] == k for r in rows)]
    confusion: dict[str, Counter[str]] = {k: Counter() for k in kinds}
    ask_right = ask_total = 0
    denkraam_right = denkraam_total = 0
    topic_block = topic_total = 0
    subject_exact = subject_covers = subject_total = 0
    per_row = []
    for row in rows:
        expected = str(row["kind"])
        try:
            previous = engine.analyse(row["previous"]) if row.get("previous") else None
            query = engine.analyse(row["text"], previous=previous)
        except AssistantError as exc:
            per_row.append({"id": row.get("id"), "error": str(exc)})
            confusion.setdefault(expected, Counter())["error"] += 1
            continue
        got = kind_of(query)
        confusion.setdefault(expected, Counter())[got] += 1
        entry: dict[str, Any] = {"id": row.get("id"), "text": row["text"][:200],
                                 "kind": expected, "got": got, "subject": query.subject}
        if not expected.startswith("followup_"):
            ask_total += 1
            ask_right += (got == "ask") == (expected == "ask")
            answer = engine.ask(query, use_llm=False)
            has_block = bool(answer.denkraam)
            entry["denkraam"] = has_block
            if expected == "topic":
                # A bare topic asks neither way: the chat gives the denkraam block when the
                # topic is a technology, and the figure is reported apart.
                topic_total += 1
                topic_block += has_block
            else:
                denkraam_total += 1
                denkraam_right += has_block == (expected == "ask")
            if expected == "ask" and row.get("subject"):
                exact, covers = subject_match(row["subject"], answer.subject)
                subject_total += 1
                subject_exact += exact
                subject_covers += covers
                entry["subject_expected"] = row["subject"]
        per_row.append(entry)
    per_kind = {k: {"n": sum(c.values()), "right": c[k],
                    "accuracy": round(c[k] / max(sum(c.values()), 1), 3)}
                for k, c in confusion.items()}
    total = sum(v["n"] for v in per_kind.values())
    return {
        "questions": len(rows),
        "kind_accuracy": round(sum(v["right"] for v in per_kind.values()) / max(total, 1), 3),
        "per_kind": per_kind,
        "confusion": {k: dict(c) for k, c in confusion.items()},
        "ask_or_not": {"right": ask_right, "n": ask_total},
        "denkraam_exactly_when_asked": {"right": denkraam_right, "n": denkraam_total},
        "topics_with_block": {"right": topic_block, "n": topic_total},
        "subject_as_written": {"exact": subject_exact, "covers": subject_covers,
                               "n": subject_total},
        "rows": per_row,
    }


def _bare(text: str | None) -> list[str]:
    """The words of a name without a leading article or demonstrative."""
    found = words(text or "")
    while found and found[0] in ARTICLES | {"deze", "dit", "die", "dat", "this", "that"}:
        found = found[1:]
    return found


def score_names(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    asked = right_kind = exact = covers = named_right = named_inside = 0
    per_row = []
    for row in rows:
        is_ask = row["kind"] == "ask"
        asked += is_ask  # a message that fails counts as wrong, not as left out
        try:
            query = engine.analyse(row["text"])
        except AssistantError as exc:
            per_row.append({"id": row.get("id"), "error": str(exc)})
            continue
        right_kind += (query.kind == "ask") == is_ask
        e, c = subject_match(row["subject"], query.subject)
        exact += e
        covers += c
        entry: dict[str, Any] = {"id": row.get("id"), "kind": query.kind,
                                 "subject": query.subject, "subject_expected": row["subject"]}
        if is_ask:
            got = _bare(query.name or query.subject)
            within = set(_bare(row["subject"]))
            named_right += got == _bare(row["name"])
            named_inside += bool(got) and all(w in within for w in got)
            entry |= {"name": query.name, "name_expected": row["name"]}
        per_row.append(entry)
    n = len(rows)
    return {"messages": n, "ask_or_not": {"right": right_kind, "n": n},
            "subject_as_written": {"exact": exact, "covers": covers, "n": n},
            "name": {"right": named_right, "within_subject": named_inside, "n": asked},
            "rows": per_row}


def _check_turn(turn: Turn, expect: dict[str, Any], previous_answer: Any) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    query, answer = turn.query, turn.answer
    if turn.kind == "error" or query is None:
        return {"answered": False}
    if "kind" in expect:
        checks["kind"] = kind_of(query) == expect["kind"]
    if expect.get("subject"):
        said = fold(" ".join(x for x in (answer.subject if answer else None, query.subject)
                             if x))
        checks["subject"] = fold(str(expect["subject"])) in said
    if "denkraam" in expect and turn.kind == "answer":
        checks["denkraam"] = bool(answer and answer.denkraam) == bool(expect["denkraam"])
    if expect.get("condition"):
        checks["condition"] = fold(str(expect["condition"])) in fold(" ".join(query.conditions))
    if "sources" in expect:
        got_sources = turn.kind == "sources" and answer is not None \
            and answer is previous_answer
        checks["sources"] = got_sources == bool(expect["sources"])
    return checks


def score_conversations(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    totals: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    conversations_ok = turns_ok = turns_total = 0
    failures = []
    for row in rows:
        chat = Conversation(engine)
        all_ok = True
        for number, expect in enumerate(row["turns"], start=1):
            # The answer a sources question must list: the latest one from the texts.
            before = chat.last_answered.answer if chat.last_answered else None
            turn = chat.ask(str(expect["say"]))
            checks = _check_turn(turn, expect, before)
            for name, ok in checks.items():
                totals[name] += 1
                passed[name] += ok
            ok = all(checks.values())
            turns_total += 1
            turns_ok += ok
            if not ok:
                all_ok = False
                failures.append({"id": row.get("id"), "turn": number, "say": expect["say"],
                                 "failed": [n for n, v in checks.items() if not v],
                                 "kind": kind_of(turn.query) if turn.query else None,
                                 "subject": turn.query.subject if turn.query else None})
        conversations_ok += all_ok
    return {"conversations": len(rows), "all_turns_right": conversations_ok,
            "turns": turns_total, "turns_right": turns_ok,
            "checks": {n: {"right": passed[n], "n": totals[n]} for n in totals},
            "failures": failures}


def score_characteristics(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    from ..engine.case import characteristics_of
    from ..engine.understanding.train import precision_recall_f1

    framework = engine.index.framework
    keys = [c.key for c in framework.characteristics]
    counts: dict[str, Counter[str]] = {k: Counter() for k in keys}  # tp, fp, fn, tn
    exact = wrong_added = 0
    per_row = []
    # A characteristic labelled maybe (it depends on how the technology is set up) is neither
    # right nor wrong to give: counted apart, by whether the analyser is unsure of it (the
    # answer asks about at most two of those, the most at stake first).
    maybe: Counter[str] = Counter()
    for row in rows:
        # Read through yields_to as the case is: household data that are also a measurement
        # are labelled with both, and the case keeps the one that prevails.
        expected = {c.key for c in Characteristic.prevailing(
            [framework.characteristic(k) for k in row["characteristics"]])}
        open_ = set(row.get("maybe", ())) - expected
        unsure: set[str] = set()
        try:
            query = engine.analyse(row["text"])
            got = set(characteristics_of(query, engine.index.matcher,
                                         engine.index.analyser.implied))
            unsure = {c.key for c in query.unsure}
        except AssistantError as exc:
            per_row.append({"id": row.get("id"), "error": str(exc)})
            got = set()
        else:
            per_row.append({"id": row.get("id"), "text": row["text"][:200],
                            "expected": sorted(expected), "got": sorted(got)}
                           | ({"maybe": sorted(open_), "unsure": sorted(unsure)}
                              if open_ or unsure else {}))
        for k in keys:
            if k in open_:
                maybe["given" if k in got else "unsure" if k in unsure else "left_out"] += 1
                continue
            counts[k]["tp" if k in got and k in expected else
                      "fp" if k in got else "fn" if k in expected else "tn"] += 1
        exact += not ((got ^ expected) - open_)
        wrong_added += bool(got - expected - open_)

    def f1(c: Counter[str]) -> dict[str, Any]:
        return {"n": c["tp"] + c["fn"]} | precision_recall_f1(c["tp"], c["fp"], c["fn"])

    total: Counter[str] = sum(counts.values(), Counter())
    per = {k: f1(c) for k, c in counts.items()}
    present = [v["f1"] for v in per.values() if v["n"]]
    return {"messages": len(rows), "micro": f1(total),
            "macro_f1": round(sum(present) / max(len(present), 1), 3),
            "exact_sets": exact, "given_one_they_lack": wrong_added,
            "per_characteristic": per, "rows": per_row} | (
        {"maybe": {"cells": sum(maybe.values()), **maybe}} if maybe else {})


def load_characteristics(path: Path, keys: set[str]) -> list[dict[str, Any]]:
    rows = _read_lines(path, ("text", "characteristics"))
    for number, row in enumerate(rows, start=1):
        unknown = (set(row["characteristics"]) | set(row.get("maybe", ()))) - keys
        if unknown:
            raise EvalFileError(f"{path}: message {row.get('id', number)!r} names "
                                f"{sorted(unknown)[0]!r}, not a characteristic of framework.yaml.")
    return rows


def load_kinds(path: Path) -> list[dict[str, Any]]:
    rows = _read_lines(path, ("text", "kind"))
    for row in rows:
        if row["kind"] not in KINDS:
            raise EvalFileError(f"{path}: the kind {row['kind']!r} is not one of "
                                f"{', '.join(KINDS)}.")
    return rows


def load_names(path: Path) -> list[dict[str, Any]]:
    rows = _read_lines(path, ("text", "kind", "subject", "name"))
    for number, row in enumerate(rows, start=1):
        where = f"{path}: message {row.get('id', number)!r}"
        if row["kind"] not in ("ask", "other"):
            raise EvalFileError(f"{where}: the kind {row['kind']!r} is not ask or other.")
        for key in ("text", "subject", "name"):
            if not isinstance(row[key], str) or not row[key].strip():
                raise EvalFileError(f"{where}: {key!r} is not a text.")
    return rows


def load_conversations(path: Path) -> list[dict[str, Any]]:
    rows = _read_lines(path, ("turns",))
    for row in rows:
        if not isinstance(row["turns"], list) or not all(
                isinstance(t, dict) and "say" in t for t in row["turns"]):
            raise EvalFileError(f"{path}: conversation {row.get('id')!r} needs turns with 'say'.")
    return rows


def _pct(right: int, n: int) -> str:
    return f"{right}/{n} ({right / n:.0%})" if n else "-"


def _maybe(counts: dict[str, int]) -> str:
    """How the characteristics labelled maybe were read (score_characteristics)."""
    n = counts["cells"]
    return (f"labelled 'maybe' ({n}): unsure {_pct(counts.get('unsure', 0), n)}, given "
            f"{_pct(counts.get('given', 0), n)}, left out {_pct(counts.get('left_out', 0), n)}")


def print_kinds(result: dict[str, Any]) -> None:
    print(f"Kinds: {result['kind_accuracy']:.3f} right over {result['questions']} questions")
    for kind, v in result["per_kind"].items():
        others = {k: n for k, n in result["confusion"][kind].items() if k != kind}
        wrong = ", ".join(f"{k} {n}" for k, n in sorted(others.items(), key=lambda kv: -kv[1]))
        print(f"  {kind:20s} {_pct(v['right'], v['n']):>14s}" + (f"   as {wrong}" if wrong else ""))
    a, d, s = (result["ask_or_not"], result["denkraam_exactly_when_asked"],
               result["subject_as_written"])
    print(f"What to ask recognised (or not): {_pct(a['right'], a['n'])}")
    print(f"Denkraam block exactly when asked: {_pct(d['right'], d['n'])}")
    t = result["topics_with_block"]
    print(f"Bare topics given the denkraam block: {_pct(t['right'], t['n'])}")
    print(_subject_line(s))


def _subject_line(s: dict[str, Any]) -> str:
    """How often the technology was found as written (the kinds and names figures alike)."""
    return (f"Subject as written: exact {_pct(s['exact'], s['n'])}, covers "
            f"{_pct(s['covers'], s['n'])}")


def _names_lines(result: dict[str, Any]) -> list[str]:
    """The figures of :func:`score_names`, one line each (printed and in the report)."""
    a, s, m = result["ask_or_not"], result["subject_as_written"], result["name"]
    return [f"What to ask recognised (or not): {_pct(a['right'], a['n'])}",
            _subject_line(s),
            f"Name in the council's questions (what-to-ask messages): as labelled "
            f"{_pct(m['right'], m['n'])}, only words of the subject "
            f"{_pct(m['within_subject'], m['n'])}"]


def print_names(result: dict[str, Any]) -> None:
    print(f"Names: {result['messages']} messages")
    for line in _names_lines(result):
        print(line)


def print_characteristics(result: dict[str, Any]) -> None:
    m = result["micro"]
    print(f"Characteristics of {result['messages']} messages: precision {m['precision']:.3f}, "
          f"recall {m['recall']:.3f}, F1 {m['f1']:.3f} (macro F1 {result['macro_f1']:.3f}); "
          f"exactly right {_pct(result['exact_sets'], result['messages'])}; given one they "
          f"lack {_pct(result['given_one_they_lack'], result['messages'])}")
    if result.get("maybe"):
        print(f"  {_maybe(result['maybe'])}")
    for key, v in result["per_characteristic"].items():
        print(f"  {key:24s} n={v['n']:3d}  P {v['precision']:.3f}  R {v['recall']:.3f}  "
              f"F1 {v['f1']:.3f}")


def print_conversations(result: dict[str, Any]) -> None:
    print(f"Conversations: {result['all_turns_right']}/{result['conversations']} with every "
          f"turn right; turns {_pct(result['turns_right'], result['turns'])}")
    for name, v in result["checks"].items():
        print(f"  {name:10s} {_pct(v['right'], v['n'])}")
    for f in result["failures"]:
        print(f"  - {f['id']} turn {f['turn']} ({', '.join(f['failed'])}): {f['say'][:80]!r} "
              f"-> {f['kind']}, {f['subject']!r}")


def print_analyser(meta: dict[str, Any]) -> None:
    """The trained analyser's cross-validated figures (see train.cross_validate)."""
    report, trained = meta["report"], meta["trained_on"]
    print(f"Question analyser: {trained['questions']} labelled questions, {report['folds']}-fold "
          f"cross-validation: kind {report['kind_accuracy']:.3f}; on technologies left out of "
          f"training, the subject's tags exact {report['subject_exact_unseen']:.3f}, its phrase "
          f"exact {report.get('subject_phrase_exact_unseen', 0.0):.3f} "
          f"(word F1 {report.get('subject_phrase_f1_unseen', 0.0):.3f})")
    for name, label in (("questions", "labelled questions"), ("cases", "labelled cases")):
        figures = report.get(name)
        if figures:
            runs, ranked = figures["tagger_runs"], figures["span_ranker"]
            print(f"  the technology as written, {label} (n={figures['n']}, technologies left "
                  f"out): span ranker exact {ranked['exact']:.3f} (word F1 {ranked['f1']:.3f}); "
                  f"the tagger's first run {runs['exact']:.3f} ({runs['f1']:.3f})")
    first = report.get("words_first")
    if first:
        print(f"  settled by words alone (what to ask at {first['threshold']}): "
              f"{first['settled']} of {first['asks']} what-to-ask questions, "
              f"{first['settled_right']} of them rightly")
    for kind, v in report["per_kind"].items():
        wrong = {k: n for k, n in report["confusion"][kind].items() if k != kind and n}
        as_ = ", ".join(f"{k} {n}" for k, n in sorted(wrong.items(), key=lambda kv: -kv[1])[:3])
        print(f"  {kind:20s} {v['accuracy']:.3f} (n={v['n']})" + (f"   as {as_}" if as_ else ""))
    tech = report.get("technology")
    if tech:
        print(f"  names a technology or not: {tech['accuracy_unseen']:.3f} on technologies left "
              f"out ({tech['phrases']} phrases)")
        if "scope_threshold" in tech:
            print(f"  in scope for what to ask from {tech['scope_threshold']:.3f}: keeps "
                  f"{tech['kept_unseen']:.3f} of the technologies left out, refuses "
                  f"{tech['refused_other_unseen']:.3f} of the other phrases")
    chars = report.get("characteristics")
    if chars and chars.get("micro"):
        m = chars["micro"]
        print(f"  what a technology does ({chars['cases']} labelled cases, unseen technologies): "
              f"precision {m['precision']:.3f}, recall {m['recall']:.3f}, F1 {m['f1']:.3f}; "
              f"every characteristic right {chars['exact_sets_unseen']:.3f}, given one they "
              f"lack {chars['given_one_they_lack_unseen']:.3f}")
    named = report.get("characteristics_named")
    if named and named.get("named_alone"):
        # The model for a technology named alone only adds to what the analyser is unsure of:
        # what it reads from 0.5 on the cases named alone, by label, and where it reads the
        # cells labelled maybe.
        alone, mb = named["named_alone"], named.get("maybe", {"cells": 0})
        read = alone.get("read_from_unsure", {})
        print(f"  what a name alone leaves open ({alone['cases']} of {named['cases']} labelled "
              f"cases named alone, unseen technologies): read from 0.5 {sum(read.values())} "
              f"characteristics, labelled yes {read.get('yes', 0)}, maybe "
              f"{read.get('maybe', 0)}, no {read.get('no', 0)}; of the {mb['cells']} labelled "
              f"maybe, {_pct(mb.get('unsure', 0), mb['cells'])} from 0.5 to 0.75, "
              f"{_pct(mb.get('above', 0), mb['cells'])} above, "
              f"{_pct(mb.get('below', 0), mb['cells'])} below")


def _matrix(confusion: dict[str, dict[str, int]]) -> list[str]:
    kinds = list(confusion)
    cols = kinds + sorted({k for row in confusion.values() for k in row} - set(kinds))
    short = [c.replace("followup_", "fu_") for c in cols]
    lines = ["| expected \\ got | " + " | ".join(short) + " |",
             "|---|" + "---|" * len(cols)]
    for kind in kinds:
        lines.append(f"| {kind} | " + " | ".join(str(confusion[kind].get(c, 0) or "")
                                                 for c in cols) + " |")
    return lines


def write_report(out: dict[str, Any], folder: Path, name: str) -> Path:
    """A Markdown report: the cross-validated figures with their confusion matrix, and those of
    the question set and conversations scored."""
    import time

    folder.mkdir(parents=True, exist_ok=True)
    analyser = out["analyser"]
    lines = [f"# Question analyser: {name}", "",
             f"Trained on {analyser['trained_on']['questions']} labelled questions; "
             f"{analyser['folds']}-fold cross-validation.", "",
             "| kind | n | accuracy |", "|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {v['accuracy']:.3f} |" for k, v in analyser["per_kind"].items()]
    lines += ["", "Confusion matrix (cross-validation):", "", *_matrix(analyser["confusion"])]
    if "kinds" in out:
        kinds = out["kinds"]
        lines += ["", f"## {name}: kinds", "", f"Accuracy {kinds['kind_accuracy']:.3f} over "
                  f"{kinds['questions']} questions.", "", "| kind | n | right | accuracy |",
                  "|---|---|---|---|"]
        lines += [f"| {k} | {v['n']} | {v['right']} | {v['accuracy']:.3f} |"
                  for k, v in kinds["per_kind"].items()]
        lines += ["", *_matrix(kinds["confusion"])]
        for label, key in (("What to ask recognised or not", "ask_or_not"),
                           ("Denkraam block exactly when asked (bare topics apart)",
                            "denkraam_exactly_when_asked"),
                           ("Bare topics given the denkraam block", "topics_with_block")):
            lines.append(f"- {label}: {_pct(kinds[key]['right'], kinds[key]['n'])}")
        lines.append(f"- {_subject_line(kinds['subject_as_written'])}")
    if "names" in out:
        lines += ["", f"## {name}: names", ""]
        lines += [f"- {line}" for line in _names_lines(out["names"])]
    if "conversations" in out:
        c = out["conversations"]
        lines += ["", f"## {name}: conversations", "",
                  f"{c['all_turns_right']} of {c['conversations']} with every turn right; turns "
                  f"{_pct(c['turns_right'], c['turns'])}.", ""]
        lines += [f"- {n}: {_pct(v['right'], v['n'])}" for n, v in c["checks"].items()]
        lines += [f"- `{f['id']}` turn {f['turn']} ({', '.join(f['failed'])}): {f['say'][:100]}"
                  for f in c["failures"]]
    if "characteristics" in out:
        c = out["characteristics"]
        m = c["micro"]
        lines += ["", f"## {name}: characteristics", "",
                  f"{c['messages']} messages: precision {m['precision']:.3f}, recall "
                  f"{m['recall']:.3f}, F1 {m['f1']:.3f} (macro F1 {c['macro_f1']:.3f}); exactly "
                  f"right {_pct(c['exact_sets'], c['messages'])}; given one they lack "
                  f"{_pct(c['given_one_they_lack'], c['messages'])}.", ""]
        if c.get("maybe"):
            lines += [f"{_maybe(c['maybe'])}.", ""]
        lines += ["| characteristic | n | precision | recall | F1 |", "|---|---|---|---|---|"]
        lines += [f"| {k} | {v['n']} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |"
                  for k, v in c["per_characteristic"].items()]
    path = folder / f"analyser-{name}-{time.strftime('%Y%m%d-%H%M%S')}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
