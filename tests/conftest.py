"""Shared fixtures: isolated settings and one real index of the seed corpus per test session.

Environment variables the settings read (ASSISTANT_*, CHAINLIT_AUTH_SECRET) are cleared for every
test, so a developer's own
settings never leak in; paths point into temporary folders.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings

SEED_CORPUS = PROJECT_ROOT / "corpus"
FIXTURES = Path(__file__).parent / "fixtures"


# Fixtures that bring a built index (and with it the real embedding model), a database server
# or a browser: a test that uses one, directly or through another fixture, is marked slow, and
# `make test-fast` leaves it out.
SLOW_FIXTURES = frozenset({"seed_settings", "postgres_cluster", "municipal_engine",
                           "municipal_only", "browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def analyser_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of trained question analysers and labelled-question vectors the tests share.
    Its entries are named by the hash of what made them, so a changed labelled set, framework or
    model trains anew; kept between runs in ``~/.cache/raadsleden-assistant/tests`` (or
    ``ASSISTANT_TEST_CACHE_DIR``), which spares a run about four minutes of embedding and
    training. ``ASSISTANT_TEST_CACHE_DIR=fresh`` starts from an empty folder."""
    chosen = os.environ.get("ASSISTANT_TEST_CACHE_DIR", "")
    if chosen == "fresh":
        return tmp_path_factory.mktemp("analyser-cache")
    folder = Path(chosen) if chosen else Path.home() / ".cache" / "raadsleden-assistant" / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(autouse=True)
def env_setup(monkeypatch: pytest.MonkeyPatch, analyser_cache: Path) -> None:
    for key in list(os.environ):
        if key.startswith("ASSISTANT_") or key == "CHAINLIT_AUTH_SECRET":  # settings, both
            monkeypatch.delenv(key)
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(analyser_cache))


def copy_corpus(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SEED_CORPUS.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings over a private copy of the seed corpus and a private index folder."""

    def make(**overrides: object) -> Settings:
        corpus = overrides.pop("corpus_dir", None) or copy_corpus(tmp_path / "corpus")
        index = overrides.pop("index_dir", None) or tmp_path / "index"
        return Settings.of(corpus_dir=corpus, index_dir=index, **overrides)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory, analyser_cache: Path) -> Settings:
    """Settings with a real index of the seed corpus, built once per session."""
    from assistant.engine.index.build import build_index

    root = tmp_path_factory.mktemp("seed")
    settings = Settings.of(corpus_dir=copy_corpus(root / "corpus"), index_dir=root / "index",
                        cache_dir=analyser_cache)
    build_index(settings, progress=False)
    return settings


@pytest.fixture
def seed_copy(seed_settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of the session's seed index and its corpus, for a test that changes,
    damages or rebuilds them: copying takes a fraction of a second where a build takes about
    fifteen."""
    return copy_index(seed_settings, tmp_path)


def copy_index(source: Settings, root: Path) -> Settings:
    """Copy ``source``'s corpus and index into ``root``, laid out as a build lays them out (the
    index folder a link to its version beside it), and return settings that point there."""
    corpus = Path(shutil.copytree(source.index.corpus_dir, root / "corpus"))
    version = source.index.index_dir.resolve()
    shutil.copytree(version, root / version.name)
    (root / source.index.index_dir.name).symlink_to(version.name)
    return source.replace(corpus_dir=corpus,
                                     index_dir=root / source.index.index_dir.name)


@pytest.fixture(scope="session")
def engine(seed_settings: Settings) -> Iterator[object]:
    from assistant.engine import Engine

    yield Engine.load(seed_settings)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    from playwright.sync_api import sync_playwright

    from .support.chat_server import launch_chromium

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[object]:
    """A throwaway Postgres cluster from Debian's package on 127.0.0.1 (CI installs it)."""
    from deploy.local import Postgres, postgres_bin

    if postgres_bin() is None:
        pytest.skip("Postgres is not installed here (apt-get install postgresql; CI does)")
    cluster = Postgres().init()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def postgres_url(postgres_cluster, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the session's Postgres cluster."""
    import re

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    postgres_cluster.psql(f"DROP DATABASE IF EXISTS {name}")
    postgres_cluster.psql(f"CREATE DATABASE {name}")
    return str(postgres_cluster.url.rsplit("/", 1)[0] + "/" + name)
