
import pytest

from assistant.config import Settings

from .support import ROOT

DOCS = ROOT / "docs"


def test_every_setting_is_documented_on_the_settings_page():
    """The settings page's table is made from the fields' descriptions when the site is built;
    a field without one would leave its row empty."""
    from assistant.config import settings_reference, variable

    table = settings_reference()
    for name, field in Settings.model_fields.items():
        assert field.description and len(field.description) > 15, name
        start = f"| `{variable(name)}` |"
        row = next(line for line in table.splitlines() if line.startswith(start))
        assert field.description.replace("|", "\\|") in row
    assert "<!-- settings-table -->" in (DOCS / "settings.md").read_text(encoding="utf-8")
    assert "`corpus/`" in table and "`~/.cache/raadsleden-assistant/`" in table  # as set


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
