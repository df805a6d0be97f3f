import json
from pathlib import Path

import pytest

from assistant.errors import EvalFileError
from assistant.evals.report import compare, write_report
from assistant.evals.runner import evaluate, load_reference

from ..support import ROOT

ROWS = [
    {"id": "a", "question": "Wat moet ik vragen over wifi-telling?", "abstain": False,
     "kind": "ask",
     "expect": [{"doc": "vng-technologie-ethiek-rol-van-de-raad", "contains": "wifi-telling"}]},
    {"id": "b", "question": "What is technosolutionism?", "abstain": False, "lang": "en",
     "kind": "factual", "expect": [{"doc": "vng-technologie-ethiek-rol-van-de-raad",
                                    "contains": "technosolutionisme"}]},
    {"id": "c", "question": "Wat is de hoofdstad van Australië?", "abstain": True, "expect": [],
     "kind": "off-topic"},
    {"id": "d", "question": "Wat moet ik vragen over een chatbot voor het klantcontact?",
     "abstain": False, "kind": "ask",
     "expect": [{"doc": "vng-technologie-ethiek-rol-van-de-raad", "contains": "menselijk"}]},
    {"id": "e", "question": "Hoeveel kost een wifi-sensor?", "abstain": True, "expect": [],
     "kind": "not-in-texts"},
]


def _write(path: Path, rows) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_three_systems(engine, tmp_path):
    ref = _write(tmp_path / "ref.jsonl", ROWS)
    questions = load_reference(ref, set(engine.index.documents))
    result = evaluate(engine, questions)
    assert set(result["systems"]) == {"pipeline", "bm25", "dense"}
    pipeline = result["systems"]["pipeline"]
    for key in ("hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "cited_hit", "abstain_accuracy"):
        assert 0.0 <= pipeline[key] <= 1.0
    assert pipeline["abstain_accuracy"] == 1.0
    assert result["questions"][0]["rank"]["pipeline"] == 1
    assert pipeline["latency_ms"]["p50"] > 0
    assert result["systems"]["bm25"]["hit@5"] >= result["systems"]["bm25"]["hit@1"]
    assert [q["id"] for q in result["questions"]] == ["a", "b", "c", "d", "e"]
    assert set(result["groups"]["kind"]) == {"ask", "factual", "off-topic", "not-in-texts"}
    assert result["groups"]["kind"]["ask"]["n"] == 2
    assert result["groups"]["lang"]["en"]["hit@1"] == 1.0
    answers = result["answers"]
    assert answers["names_technology"] == 1.0 and answers["unanswerable_declined"] == 1.0
    assert answers["denkraam_overlap"] is not None and answers["denkraam_overlap"] < 0.5
    assert answers["told_missing"] == 0
    floors = result["calibration"]["floor"]
    assert set(floors) == {"nl", "en"}
    report = write_report(result, ref, tmp_path / "reports")
    assert report.exists() and report.with_suffix(".png").stat().st_size > 1000
    text = report.read_text()
    assert "| pipeline |" in text and "## Pipeline per kind" in text
    assert "answerable questions told the texts lack what they asked: 0" in text
    assert f"per question language: nl {floors['nl']:.4f} (of " in text


def test_answers_in_json_and_a_baseline_comparison(engine, tmp_path):
    ref = _write(tmp_path / "ref.jsonl", ROWS[:3])
    questions = load_reference(ref, set(engine.index.documents))
    result = evaluate(engine, questions, include_answers=True)
    assert result["questions"][0]["answer"]["denkraam"]
    # An earlier run in which "a" was refused and "b" ranked its passage first.
    old = json.loads(json.dumps(result))
    old["questions"][0] |= {"abstained": True, "rank": {"pipeline": None}}
    old["questions"][1] |= {"rank": {"pipeline": 1}}
    result["questions"][1] |= {"rank": {"pipeline": 3}}
    diff = compare(result, old)
    assert [e["id"] for e in diff["better"]] == ["a"]
    assert [e["id"] for e in diff["worse"]] == ["b"]
    report = write_report(result, ref, tmp_path / "reports",
                          {p.id: p.text for p in engine.index.passages}, diff)
    text = report.read_text()
    assert "## Better than the baseline (1)" in text and "expected `" in text


def test_eval_command_writes_reports_where_asked(seed_settings, monkeypatch, tmp_path, capsys):
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(seed_settings.index.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(seed_settings.index.index_dir))
    ref = _write(tmp_path / "ref.jsonl", ROWS[:3])
    out = tmp_path / "out.json"
    assert main(["eval", str(ref), "--reports", str(tmp_path / "r"), "--json", str(out)]) == 0
    assert list((tmp_path / "r").glob("ref-*.md")) and json.loads(out.read_text())["questions"]
    assert main(["eval", str(ref), "--reports", str(tmp_path / "r"), "--baseline",
                 str(out)]) == 0
    assert "better than the baseline: 0" in capsys.readouterr().out
    assert main(["eval", str(ref), "--baseline", str(tmp_path / "nope.json")]) == 2


def test_a_wrong_expectation_lowers_the_score(engine, tmp_path):
    rows = [dict(ROWS[0], expect=[{"doc": "fcf-2021-digitalisering-in-de-portefeuille",
                                   "contains": "16 maart 2022"}])]
    ref = _write(tmp_path / "ref.jsonl", rows)
    result = evaluate(engine, load_reference(ref, set(engine.index.documents)))
    assert result["systems"]["pipeline"]["hit@1"] == 0.0


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "is not a reference question"),
    (json.dumps({"id": "x", "question": "q", "abstain": False, "expect": []}),
     "expects no passage"),
    (json.dumps({"id": "x", "question": "q", "abstain": False,
                 "expect": [{"doc": "onbekend", "contains": "x"}]}), "unknown document"),
    (json.dumps({"id": "x", "question": "q", "expect": [{"contains": "x"}]}),
     r"line 1 is not a reference question: expect\.0\.doc: Field required"),
    (json.dumps({"id": "x", "question": ["q"], "abstain": True}), "question: Input should be"),
    (json.dumps({"id": "x", "question": "q", "abstain": True, "answer": "een zin"}),
     "answer: Input should be a valid array"),
])
def test_bad_reference_files(tmp_path, line, message):
    ref = tmp_path / "bad.jsonl"
    ref.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=message):
        load_reference(ref, {"vng-technologie-ethiek-rol-van-de-raad"})


def test_project_reference_set_is_valid_and_broad():
    from assistant.engine.corpus.readers import load_sources

    from ..conftest import SEED_CORPUS

    ref = ROOT / "evals" / "reference.jsonl"
    questions = load_reference(ref, set(load_sources(SEED_CORPUS)))
    assert len(questions) >= 120
    assert sum(q.kind == "not-in-texts" for q in questions) >= 20
    assert sum(q.lang == "en" for q in questions) >= 15
    assert all(q.kind for q in questions)
    assert len({e["doc"] for q in questions for e in q.expect}) == 5


def test_every_evaluation_file_that_is_missing_or_not_text_is_one_sentence(tmp_path):
    from assistant.errors import EvalFileError
    from assistant.evals.cases import load_cases, load_grades
    from assistant.evals.understanding import load_conversations

    (tmp_path / "binary.jsonl").write_bytes(b"\xff\xfe\x00")
    loaders = [(lambda p: load_reference(p, set()), "reference set"), (load_cases, "cases file"),
               (load_grades, "grading file"), (load_conversations, "question set")]
    for load, what in loaders:
        with pytest.raises(EvalFileError, match=f"The {what} .* does not exist"):
            load(tmp_path / "missing.jsonl")
        with pytest.raises(EvalFileError, match=f"The {what} .* cannot be read as UTF-8 text"):
            load(tmp_path / "binary.jsonl")
