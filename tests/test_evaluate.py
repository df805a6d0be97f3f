import json
from pathlib import Path

import pytest

from assistant.errors import EvalFileError
from assistant.evaluate import evaluate, load_reference, write_report

ROWS = [
    {"id": "a", "question": "Wat moet ik vragen over wifi-telling?", "abstain": False,
     "expect": [{"doc": "vng-technologie-ethiek-rol-van-de-raad", "contains": "wifi-telling"}]},
    {"id": "b", "question": "What is technosolutionism?", "abstain": False, "lang": "en",
     "expect": [{"doc": "vng-technologie-ethiek-rol-van-de-raad",
                 "contains": "technosolutionisme"}]},
    {"id": "c", "question": "Wat is de hoofdstad van Australië?", "abstain": True, "expect": []},
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
    assert pipeline["hit@1"] == 1.0 and pipeline["abstain_accuracy"] == 1.0
    assert pipeline["latency_ms"]["p50"] > 0
    assert result["systems"]["bm25"]["hit@5"] >= result["systems"]["bm25"]["hit@1"]
    assert [q["id"] for q in result["questions"]] == ["a", "b", "c"]
    report = write_report(result, ref, tmp_path / "reports")
    assert report.exists() and report.with_suffix(".png").stat().st_size > 1000
    assert "| pipeline |" in report.read_text()


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
])
def test_bad_reference_files(tmp_path, line, message):
    ref = tmp_path / "bad.jsonl"
    ref.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=message):
        load_reference(ref, {"vng-technologie-ethiek-rol-van-de-raad"})


def test_project_reference_set_is_valid_and_broad():
    from assistant.corpus import load_sources

    from .conftest import SEED_CORPUS

    ref = Path(__file__).parent.parent / "evals" / "reference.jsonl"
    questions = load_reference(ref, set(load_sources(SEED_CORPUS)))
    assert len(questions) >= 60
    assert sum(q.abstain for q in questions) >= 8
    assert sum(q.lang == "en" for q in questions) >= 5
    assert len({e["doc"] for q in questions for e in q.expect}) == 5
