
import pytest

from assistant.config import Settings

from .support import ROOT

DOCS = ROOT / "docs"


def test_every_setting_is_documented_on_the_settings_page():
    """The settings page's table is made from the fields' descriptions by the site's hook when
    the site is built: every field needs one, and the page and the hook must be wired up."""
    import importlib.util

    from assistant.config import FLAT, variable

    for kind in Settings.BRANCHES.values():
        for name, field in kind.model_fields.items():
            assert field.description and len(field.description) > 15, name
    spec = importlib.util.spec_from_file_location("settings_hook",
                                                  DOCS / "_hooks" / "settings.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = hook.on_page_markdown((DOCS / "settings.md").read_text(encoding="utf-8"), page=None)
    assert "<!-- settings-table -->" not in page
    for name in FLAT:
        assert f"| `{variable(name)}` |" in page, name
    assert "| `CHAINLIT_AUTH_SECRET` |" in page and "`~/.cache/raadsleden-assistant/`" in page
    assert "_hooks/settings.py" in (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_setting_has_its_own_variable_and_flat_name():
    """The branches share one flat namespace of variables: two fields read from the same
    variable, or reached by the same flat name, would silently take each other's value."""
    from assistant.config import FLAT, variable_of

    fields = [(kind, name) for kind in Settings.BRANCHES.values() for name in kind.model_fields]
    variables = [variable_of(kind, name) for kind, name in fields]
    assert len(set(variables)) == len(fields) == len(FLAT) == 50
    assert set(Settings.model_fields) == set(Settings.BRANCHES)
    assert variable_of(Settings.BRANCHES["llm"], "url") == "ASSISTANT_LLM_URL"
    assert variable_of(Settings.BRANCHES["history"], "keep") == "ASSISTANT_HISTORY"


def test_flat_names_set_and_replace_values_in_their_branch(tmp_path):
    settings = Settings.of(index_dir=tmp_path, history=False, llm_url="http://127.0.0.1:9/v1")
    assert settings.index.index_dir == tmp_path and settings.history.keep is False
    assert settings.llm.url == "http://127.0.0.1:9/v1"
    copy = settings.replace(engine_threads="one", llm_model="m")
    assert copy.retrieval.engine_threads == "one" and copy.llm.model == "m"
    assert copy.index is settings.index and settings.retrieval.engine_threads == "auto"
    with pytest.raises(TypeError, match="no such setting: index"):
        Settings.of(index=tmp_path)
    with pytest.raises(TypeError, match="no such setting: url"):
        settings.replace(url="x")
    with pytest.raises(ValueError, match="index_dir"):
        Settings(index_dir=tmp_path)  # type: ignore[call-arg]


def test_a_field_with_a_variable_of_its_own_is_read_from_that_one_only(monkeypatch):
    monkeypatch.setenv("ASSISTANT_AUTH_SECRET", "x" * 64)
    monkeypatch.setenv("ASSISTANT_KEEP", "false")
    settings = Settings()
    assert settings.intranet.auth_secret is None and settings.history.keep is True
    monkeypatch.setenv("CHAINLIT_AUTH_SECRET", "s" * 64)
    assert Settings().intranet.auth_secret.get_secret_value() == "s" * 64


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_TOP_K", "3")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path))
    settings = Settings()
    assert settings.retrieval.top_k == 3 and settings.index.index_dir == tmp_path


@pytest.mark.parametrize(("name", "value", "says"), [
    ("ASSISTANT_TOP_K", "abc", "ASSISTANT_TOP_K is not valid"),
    ("ASSISTANT_ALLOWED_ORIGINS", "nope", "ASSISTANT_ALLOWED_ORIGINS cannot be read"),
    ("ASSISTANT_DATABASE_POOL", "0", "ASSISTANT_DATABASE_POOL is not valid"),
    ("ASSISTANT_LLM_TOTAL_SECONDS", "-1", "ASSISTANT_LLM_TOTAL_SECONDS is not valid"),
    ("ASSISTANT_HISTORY", "maybe", "ASSISTANT_HISTORY is not valid"),
])
def test_a_setting_that_does_not_fit_is_one_sentence(monkeypatch, capsys, name, value, says):
    from assistant.cli import main

    monkeypatch.setenv(name, value)
    assert main(["ask", "Wat moet ik vragen over wifi-telling?"]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_empty_crash_stage_crashes_nothing(monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_CRASH_AT", "")
    assert Settings().index.index_crash_at is None
