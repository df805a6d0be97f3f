from pathlib import Path

import pytest

from assistant.config import Settings

README = Path(__file__).parent.parent / "README.md"


def test_settings_are_documented():
    readme = README.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`ASSISTANT_{name.upper()}`" in readme, f"ASSISTANT_{name.upper()} not in README"


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_TOP_K", "3")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path))
    settings = Settings()
    assert settings.top_k == 3 and settings.index_dir == tmp_path


@pytest.mark.parametrize(("name", "value", "says"), [
    ("ASSISTANT_TOP_K", "abc", "ASSISTANT_TOP_K is not valid"),
    ("ASSISTANT_ALLOWED_ORIGINS", "nope", "ASSISTANT_ALLOWED_ORIGINS cannot be read"),
    ("ASSISTANT_DATABASE_POOL", "0", "ASSISTANT_DATABASE_POOL is not valid"),
])
def test_a_setting_that_does_not_fit_is_one_sentence(monkeypatch, capsys, name, value, says):
    from assistant.cli import main

    monkeypatch.setenv(name, value)
    assert main(["ask", "Wat moet ik vragen over wifi-telling?"]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
