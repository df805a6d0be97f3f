"""The index swap is crash-safe: `assistant index` killed with SIGKILL at every stage of the build
and the switch leaves a loadable index, and the next build leaves nothing behind.

Real builds (real embedding model, FAISS, BM25) in subprocesses, on a two-text copy of the seed
corpus to keep the many builds short.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine.index import swap
from assistant.engine.index.build import load_index

from ...conftest import copy_corpus

pytestmark = pytest.mark.slow

KEEP = ("rathenau-2020-raad-weten-met-digitalisering.txt",
        "vng-technologie-ethiek-rol-van-de-raad.txt")


@pytest.fixture
def small(tmp_path: Path) -> Settings:
    corpus = copy_corpus(tmp_path / "corpus")
    for path in corpus.glob("*.txt"):
        if path.name not in KEEP:
            path.unlink()
    return Settings.of(corpus_dir=corpus, index_dir=tmp_path / "store" / "index")


def run_index(settings: Settings, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(settings.index.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(settings.index.index_dir)}
    env.pop("ASSISTANT_INDEX_CRASH_AT", None)
    if crash_at:
        env["ASSISTANT_INDEX_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "assistant.cli", "index", "--quiet"], env=env,
                          capture_output=True, text=True, timeout=300)


def leftovers(settings: Settings) -> list[str]:
    """What lies beside the index besides the link, its versions and the lock."""
    folder = settings.index.index_dir.parent
    allowed = {"index", ".index.lock"}
    return sorted(p.name for p in folder.iterdir()
                  if p.name not in allowed and not p.name.startswith(".index-v-"))


def test_a_build_killed_at_any_stage_leaves_a_loadable_index(small):
    first = run_index(small)
    assert first.returncode == 0, first.stderr
    assert small.index.index_dir.is_symlink()
    built_at = {load_index(small).manifest["built_at"]}
    for stage in swap.STAGES:
        killed = run_index(small, crash_at=stage)
        assert killed.returncode == -signal.SIGKILL, (stage, killed.returncode, killed.stderr)
        loaded = load_index(small)  # the previous index, or the new one: never none
        assert loaded.passages, stage
        built_at.add(loaded.manifest["built_at"])
    clean = run_index(small)
    assert clean.returncode == 0, clean.stderr
    assert leftovers(small) == []
    assert len(swap.versions(small.index.index_dir)) <= swap.KEEP_VERSIONS
    assert load_index(small).passages


def test_a_folder_made_by_an_earlier_version_is_taken_over(small):
    # Earlier versions kept the index as a real folder; the first new build switches it to a
    # link, also when killed on the way.
    assert run_index(small).returncode == 0
    real = small.index.index_dir.resolve()
    small.index.index_dir.unlink()
    os.rename(real, small.index.index_dir)
    assert small.index.index_dir.is_dir() and not small.index.index_dir.is_symlink()
    killed = run_index(small, crash_at="linked")
    assert killed.returncode == -signal.SIGKILL
    assert load_index(small).passages
    assert run_index(small).returncode == 0
    assert small.index.index_dir.is_symlink() and leftovers(small) == []


def test_a_swap_cut_short_is_finished_on_the_next_load(small):
    assert run_index(small).returncode == 0
    small.index.index_dir.unlink()  # as if killed between moving the old index aside and the link
    assert load_index(small).passages
    assert small.index.index_dir.is_symlink()


def test_an_unwritable_folder_is_one_sentence_from_the_cli(small, tmp_path):
    # As root, permissions do not stop a write; a file where the folder should be does.
    blocker = tmp_path / "blocked"
    blocker.write_text("geen map")
    settings = small.replace(index_dir=blocker / "index")
    done = run_index(settings)
    assert done.returncode == 1
    assert "cannot be written" in done.stderr and "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("error:")] == [
        line for line in done.stderr.splitlines() if "cannot be written" in line]
