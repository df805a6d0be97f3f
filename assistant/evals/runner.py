"""Score reference question sets: retrieval (pipeline, BM25 alone, dense alone) and the answers.

Reference sets are JSON Lines (format in ../shared/DESIGN.md): ``expect`` is met at rank k when
one of the first k passages comes from ``doc`` and contains ``contains`` (case-insensitive, in the
passage's headings and text). Optional fields: ``kind`` (what_to_ask, factual, why, how, yesno,
two-doc, keyword, paraphrase, misspelling, new-tech, not-in-texts, off-topic: any label works, the
figures are split by it), ``lang`` and ``answer`` (phrases the short answer should contain; by
default the ``contains`` phrases).

Ranking measures come from ir-measures. Answer measures are computed from the Answer each question
gets (see :func:`answer_checks`); :mod:`assistant.evals.report` prints and writes them.
"""

from __future__ import annotations

import itertools
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ir_measures
import numpy as np
from ir_measures import RR, Qrel, ScoredDoc, Success, nDCG
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..engine import Engine
from ..engine.answer.model import Answer
from ..engine.corpus.passages import Passage
from ..engine.text.words import ARTICLES, fold, words
from ..errors import AssistantError, EvalFileError

MEASURES = {"hit@1": Success @ 1, "hit@3": Success @ 3, "hit@5": Success @ 5,
            "mrr@10": RR @ 10, "ndcg@10": nDCG @ 10}
SYSTEMS = ("pipeline", "bm25", "dense")
# Question kinds whose answer is a list of questions for the council about a technology.
ASK_KINDS = frozenset({"ask", "new-tech"})


@dataclass
class RefQuestion:
    id: str
    question: str
    expect: list[dict[str, str]]
    abstain: bool
    lang: str | None
    kind: str | None = None
    answer: list[str] = field(default_factory=list)
    subject: str | None = None  # the technology as written, where the set labels it


def text_lines(path: Path, what: str) -> list[str]:
    """The lines of an evaluation file (a reference set, a question set, cases, grades); one
    sentence naming ``what`` when it is missing or not UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise EvalFileError(f"The {what} {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"The {what} {path} cannot be read as UTF-8 text.") from exc


class Expected(BaseModel):
    """A passage an answer should find: of document ``doc``, the one containing ``contains``."""

    model_config = ConfigDict(extra="forbid")
    doc: str
    contains: str = Field(min_length=1)


class ReferenceRow(BaseModel):
    """One line of a reference set (other keys are left alone)."""

    model_config = ConfigDict(extra="ignore")
    id: str | int
    question: str
    expect: list[Expected] = []
    abstain: bool = False
    lang: str | None = None
    kind: str | None = None
    answer: list[str] = []
    subject: str | None = None

    @model_validator(mode="after")
    def _answerable_or_not(self) -> ReferenceRow:
        if not self.abstain and not self.expect:
            raise ValueError("expects no passage but is not marked abstain")
        return self


def load_reference(path: Path, known_docs: set[str]) -> list[RefQuestion]:
    """Read and check a reference set; one sentence names the first problem found."""
    lines = text_lines(path, "reference set")
    out: list[RefQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            row = ReferenceRow.model_validate_json(line)
        except ValidationError as exc:
            raise EvalFileError(f"{where} is not a reference question: "
                                f"{_first_problem(exc)}.") from exc
        qid = str(row.id)
        if qid in seen:
            raise EvalFileError(f"{where} repeats the id {qid!r}.")
        seen.add(qid)
        for e in row.expect:
            if e.doc not in known_docs:
                raise EvalFileError(f"{where} names the unknown document {e.doc!r}; the "
                                    f"index holds: {', '.join(sorted(known_docs))}.")
        out.append(RefQuestion(qid, row.question, [e.model_dump() for e in row.expect],
                               row.abstain, row.lang, row.kind or None, row.answer,
                               row.subject or None))
    if not out:
        raise EvalFileError(f"The reference set {path} holds no questions.")
    return out


def first_problem(exc: ValidationError) -> str:
    """The first thing pydantic found wrong, as "expect.0.doc: Field required"."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _first_problem(exc: ValidationError) -> str:
    """:func:`first_problem`, or what a reference question needs where the line is no JSON."""
    if exc.errors()[0]["type"] == "json_invalid":
        return "not JSON (needs id, question, expect, abstain)"
    return first_problem(exc)


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


# --- answer measures ----------------------------------------------------------------------------

def answer_checks(q: RefQuestion, answer: Answer) -> dict[str, bool | None]:
    """What a reader checks in one answer; None where a check does not apply to the question.

    * ``summary_has_answer``: the short answer contains an answering phrase (``answer`` or the
      ``contains`` phrases), for answerable questions other than "what to ask";
    * ``cites_all_docs``: a two-document question cites both documents it expects (two of them
      when it lists more);
    * ``names_technology``: a "what to ask" answer reads the technology as the question wrote it
      (its subject) and its questions for the council name it by that subject or by a short name
      made of its words;
    * ``subject_exact``, ``subject_covers``: where the set labels the technology as written, the
      answer's subject is those words, or holds them and is at most twice as long
      (:func:`subject_match`).
    """
    out: dict[str, bool | None] = {"summary_has_answer": None, "cites_all_docs": None,
                                   "names_technology": None, "subject_exact": None,
                                   "subject_covers": None}
    if q.abstain or answer.abstained:
        return out
    if q.kind not in ASK_KINDS:
        phrases = q.answer or [e["contains"] for e in q.expect]
        summary = fold(" ".join(c.text for c in answer.summary))
        out["summary_has_answer"] = any(fold(p) in summary for p in phrases)
    docs = {e["doc"] for e in q.expect}
    if q.kind == "two-doc" and len(docs) > 1:
        # Both documents when two are expected; any two when the question lists more.
        out["cites_all_docs"] = len(docs & {c.doc for c in answer.citations}) >= 2
    if q.kind in ASK_KINDS:
        # The technology as written is read from the question, and the council's questions name
        # it: by the subject, or by a short name made of its words.
        subject = fold(answer.subject or answer.topic or "")
        named = fold(answer.named or "") or subject
        asked = " ".join(qq.text for s in answer.denkraam for qq in s.questions)
        own = " ".join(w for i, w in enumerate(named.split()) if i or w not in ARTICLES)
        out["names_technology"] = bool(subject) and subject in fold(q.question) \
            and own in subject and named in fold(asked)
        if q.subject:
            out["subject_exact"], out["subject_covers"] = subject_match(q.subject, answer.subject)
    return out


def subject_match(expected: str | None, got: str | None) -> tuple[bool, bool]:
    """(exact, covers): the same words folded; or the expected words all within what was found
    and what was found no more than twice as long."""
    if not expected:
        return (not got, not got)
    if not got:
        return (False, False)
    e, g = words(expected), words(got)
    exact = e == g
    covers = exact or (" ".join(e) in " ".join(g) and len(g) <= 2 * len(e))
    return exact, covers


def normalised_questions(answer: Answer, drop: frozenset[str] = frozenset()) -> list[str]:
    """The answer's questions for the council with its subject (as the questions name it, and as
    the user wrote it) blanked out, so that one template with another noun pasted in counts as
    the same question, and without the words in ``drop`` (function words, for counting distinct
    wordings)."""
    names = [fold(n) for n in (answer.named, answer.subject or answer.topic) if n]
    out = []
    for section in answer.denkraam:
        for q in section.questions:
            text = fold(q.text)
            for name in names:
                text = text.replace(name, " ")
            out.append(" ".join(w for w in words(text) if w not in drop))
    return out


def question_set(answer: Answer) -> set[str]:
    return set(normalised_questions(answer))


def denkraam_overlap(sets: list[set[str]]) -> float | None:
    """Mean Jaccard overlap of the question sets of every pair of answers (1.0: all the same)."""
    pairs = [(a, b) for a, b in itertools.combinations(sets, 2) if a or b]
    if not pairs:
        return None
    return round(statistics.mean(len(a & b) / len(a | b) for a, b in pairs), 4)


def _rate(flags: list[bool | None]) -> float | None:
    real = [f for f in flags if f is not None]
    return round(sum(real) / len(real), 4) if real else None


# --- run ----------------------------------------------------------------------------------------

def evaluate(engine: Engine, questions: list[RefQuestion],
             include_answers: bool = False) -> dict[str, Any]:
    """Run every question through the three systems, score them and check the answers."""
    passages = engine.index.passages
    retriever = engine.retriever
    engine.ask("Wat moet ik vragen over wifi-telling?")  # warm caches; not measured
    runs: dict[str, list[ScoredDoc]] = {s: [] for s in SYSTEMS}
    latency: dict[str, list[float]] = {s: [] for s in SYSTEMS}
    retrieval_ms: list[float] = []
    per_question: list[dict[str, Any]] = []
    qrels: list[Qrel] = []
    ask_sets: list[set[str]] = []

    for q in questions:
        rel = relevant_ids(q, passages)
        qrels += [Qrel(q.id, pid, 1) for pid in rel]
        row: dict[str, Any] = {"id": q.id, "question": q.question, "kind": q.kind,
                               "lang": q.lang, "abstain_expected": q.abstain,
                               "relevant": sorted(rel)}
        try:
            started = time.perf_counter()
            retrieval, answer = engine.ask_with_retrieval(q.question, use_llm=False)
            latency["pipeline"].append((time.perf_counter() - started) * 1000)
            retrieval_ms.append(retrieval.timings_ms["retrieve"])
        except AssistantError as exc:
            row |= {"error": str(exc), "abstained": True}
            per_question.append(row)
            continue
        ranked = [h.passage.id for h in retrieval.hits[:10]]
        runs["pipeline"] += [ScoredDoc(q.id, pid, 10 - i) for i, pid in enumerate(ranked)]

        started = time.perf_counter()
        bm25 = engine.index.bm25.scores(retrieval.query.tokens)
        latency["bm25"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        dense = retriever.dense_scores(retrieval.query)
        latency["dense"].append((time.perf_counter() - started) * 1000)
        ranks = {}
        for name, scores in (("bm25", bm25), ("dense", dense)):
            order = [passages[i].id for i in np.argsort(-scores, kind="stable")[:10]
                     if scores[i] > 0 or name == "dense"]
            runs[name] += [ScoredDoc(q.id, pid, 10 - i) for i, pid in enumerate(order)]
            ranks[name] = _first_rank(order, rel)
        cited = {c.passage_id for c in answer.citations}
        if q.kind in ASK_KINDS and not answer.abstained:
            ask_sets.append(question_set(answer))
        row |= {
            "language": answer.language, "abstained": answer.abstained,
            "status": answer.status,
            "relevance": round(retrieval.relevance, 3), "coverage": round(retrieval.coverage, 3),
            "closest": round(retrieval.closest, 4),
            "latent": None if retrieval.latent is None else round(retrieval.latent, 4),
            "top": ranked[:5], "rank": {"pipeline": _first_rank(ranked, rel), **ranks},
            "cited_hit": bool(rel & cited) if not q.abstain else None,
            "latency_ms": round(latency["pipeline"][-1], 2),
            **answer_checks(q, answer),
        }
        if include_answers:
            row["answer"] = answer.model_dump(mode="json")
        per_question.append(row)

    answerable = [q for q in questions if not q.abstain]
    answerable_ids = {q.id for q in answerable}
    systems: dict[str, dict[str, Any]] = {}
    per_query: dict[str, dict[str, dict[str, float]]] = {}
    for name in SYSTEMS:
        run = [d for d in runs[name] if d.query_id in answerable_ids]
        measured, per_query[name] = _aggregate(qrels, run, answerable_ids)
        systems[name] = measured | {"cited_hit": None, "abstain_accuracy": None,
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
    answers = {
        "summary_has_answer": _rate([r.get("summary_has_answer") for r in per_question]),
        "cites_all_docs": _rate([r.get("cites_all_docs") for r in per_question]),
        "names_technology": _rate([r.get("names_technology") for r in per_question]),
        "subject_exact": _rate([r.get("subject_exact") for r in per_question]),
        "subject_covers": _rate([r.get("subject_covers") for r in per_question]),
        "denkraam_overlap": denkraam_overlap(ask_sets),
        "unanswerable_declined": _rate([r.get("abstained") is True for r in per_question
                                        if r["abstain_expected"]] or [None]),
        # Answerable questions told that the texts lack a detail they hold: worse than a
        # refusal, since it says something false about a document.
        "told_missing": sum(1 for q in answerable if rows[q.id].get("status") == "not_in_texts"),
        # Questions shown, with a caution, the closest statement of the kind of detail asked
        # for rather than told that the texts lack it.
        "nearest_answerable": sum(1 for q in answerable if rows[q.id].get("status") == "nearest"),
        "nearest_unanswerable": sum(1 for q in questions if q.abstain
                                    and rows[q.id].get("status") == "nearest"),
    }
    return {"systems": systems, "answers": answers, "questions": per_question,
            "calibration": engine.index.manifest.get("calibration"),
            "groups": _groups(questions, rows, per_query["pipeline"]),
            "counts": {"questions": len(questions), "answerable": len(answerable),
                       "unanswerable": len(questions) - len(answerable)}}


def _groups(questions: list[RefQuestion], rows: dict[str, dict[str, Any]],
            per_query: dict[str, dict[str, float]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Figures per ``kind`` and per ``lang``: hit@1, hit@5, abstention accuracy and counts."""
    out: dict[str, dict[str, dict[str, Any]]] = {"kind": {}, "lang": {}}
    for attr in ("kind", "lang"):
        labels = sorted({getattr(q, attr) or "-" for q in questions})
        for label in labels:
            group = [q for q in questions if (getattr(q, attr) or "-") == label]
            answerable = [q for q in group if not q.abstain]
            out[attr][label] = {
                "n": len(group),
                "hit@1": _mean([per_query["hit@1"].get(q.id, 0.0) for q in answerable]),
                "hit@5": _mean([per_query["hit@5"].get(q.id, 0.0) for q in answerable]),
                "abstain_accuracy": _mean([float(rows[q.id].get("abstained") == q.abstain)
                                           for q in group]),
                "summary_has_answer": _rate([rows[q.id].get("summary_has_answer")
                                             for q in group]),
            }
    return out


def _mean(values: list[float]) -> float | None:
    return round(float(statistics.mean(values)), 4) if values else None


def _first_rank(order: list[str], rel: set[str]) -> int | None:
    return next((i + 1 for i, pid in enumerate(order) if pid in rel), None)


def _aggregate(qrels: list[Qrel], run: list[ScoredDoc], ids: set[str]
               ) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Mean of each measure over all answerable questions (a question with no run counts 0),
    and each measure's value per question."""
    per: dict[str, dict[str, float]] = {name: {} for name in MEASURES}
    by_measure = {m: name for name, m in MEASURES.items()}
    for metric in ir_measures.iter_calc(list(MEASURES.values()), qrels, run):
        per[by_measure[metric.measure]][metric.query_id] = float(metric.value)
    means = {name: round(sum(values.get(q, 0.0) for q in ids) / len(ids), 4) if ids else 0.0
             for name, values in per.items()}
    return means, per
