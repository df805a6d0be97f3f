
import pytest

from assistant.config import Settings

from .support import ROOT

DOCS = ROOT / "docs"


def test_every_setting_is_documented_on_the_settings_page():
    """The settings page's table is made from the fields' descriptions by the site's hook when
    the site is built: every field needs one, and the page and the hook must be wired up."""
    import importlib.util

    from assistant.config import variable

    for name, field in Settings.model_fields.items():
        assert field.description and len(field.description) > 15, name
    spec = importlib.util.spec_from_file_location("settings_hook",
                                                  DOCS / "_hooks" / "settings.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = hook.on_page_markdown((DOCS / "settings.md").read_text(encoding="utf-8"), page=None)
    assert "<!-- settings-table -->" not in page
    for name in Settings.model_fields:
        assert f"| `{variable(name)}` |" in page, name
    assert "| `CHAINLIT_AUTH_SECRET` |" in page and "`~/.cache/raadsleden-assistant/`" in page
    assert "_hooks/settings.py" in (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_setting_is_in_one_group():
    from assistant.config import GROUPS

    grouped = [name for _, names in GROUPS.values() for name in names]
    assert sorted(grouped) == sorted(Settings.model_fields), set(grouped) ^ set(
        Settings.model_fields)


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


def test_an_empty_crash_stage_crashes_nothing(monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_CRASH_AT", "")
    assert Settings().index_crash_at is None
