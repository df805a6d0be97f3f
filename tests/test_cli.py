"""The command line: one clear sentence and an exit code for every bad input, never a traceback."""

import json
import subprocess
import sys

import pytest

from assistant.cli import main


@pytest.fixture
def seeded_env(seed_settings, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(seed_settings.index.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(seed_settings.index.index_dir))
    return seed_settings


def test_ask_prints_markdown(seeded_env, capsys):
    assert main(["ask", "Wat moet ik vragen over wifi-telling?"]) == 0
    out = capsys.readouterr().out
    assert "Vragen voor de raad" in out and "Ongewenste effecten" in out and "[1]" in out


def test_ask_json(seeded_env, capsys):
    assert main(["ask", "--json", "Wat moet ik vragen over wifi-telling?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["abstained"] is False and len(data["denkraam"]) == 5
    assert data["kind"] == "ask" and data["written_by"] == "composer"
    assert main(["ask", "--json", "Uit welke stappen bestaat het denkraam?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "factual" and not data["denkraam"]
    assert any("vijf stappen" in c["text"] for c in data["summary"])
    assert data["timings_ms"]["total"] > 0


@pytest.mark.parametrize(("question", "needle"), [
    ("", "leeg"), ("   ", "leeg"), ("\x00\x01", "leeg"), ("x" * 100_000, "te lang")])
def test_bad_questions(seeded_env, capsys, question, needle):
    assert main(["ask", question]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_index(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "nothing"))
    assert main(["ask", "Wat is CODIO?"]) == 3
    err = capsys.readouterr().err
    assert "run `assistant index`" in err and err.count("\n") == 1


def test_eval_with_unknown_document(seeded_env, tmp_path, capsys):
    ref = tmp_path / "ref.jsonl"
    ref.write_text(json.dumps({"id": "x", "question": "Wat is CODIO?", "abstain": False,
                               "expect": [{"doc": "bestaat-niet", "contains": "CODIO"}]}) + "\n")
    assert main(["eval", str(ref)]) == 2
    assert "unknown document 'bestaat-niet'" in capsys.readouterr().err


@pytest.mark.slow  # builds an index with the real model
def test_index_skips_a_bad_file_and_keeps_the_rest(make_settings, monkeypatch, capsys):
    settings = make_settings()
    (settings.index.corpus_dir / "kapot.pdf").write_bytes(b"%PDF-1.4 broken")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.index.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index.index_dir))
    assert main(["index", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "skipped kapot.pdf" in captured.err
    assert "from 5 documents" in captured.out


def test_console_script_shows_no_traceback(tmp_path):
    """The installed entry point, in a fresh process, on a missing index."""
    env = {"ASSISTANT_INDEX_DIR": str(tmp_path / "none"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "Wat is CODIO?"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("error: There is no index")


def test_chat_refuses_a_damaged_index_before_serving(tmp_path, monkeypatch, capsys):
    index = tmp_path / "index"
    index.mkdir()
    (index / "manifest.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index))
    assert main(["chat", "--port", "1"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "assistant index" in err
    assert (index / "manifest.json").read_text(encoding="utf-8") == "{not json"


def test_a_framework_file_that_fails_its_schema_is_one_sentence(make_settings, monkeypatch,
                                                                  capsys):
    settings = make_settings()
    path = settings.index.corpus_dir / "framework.yaml"
    text = path.read_text(encoding="utf-8").replace("  - key: privacy\n",
                                                   "  - key: privacy\n    kleur: blauw\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    kleur: blauw") + 1
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.index.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index.index_dir))
    assert main(["index", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"framework.yaml line {line}: values.0.kleur is not a known key." in err
    assert "Traceback" not in err and not settings.index.index_dir.exists()
