from pathlib import Path

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
