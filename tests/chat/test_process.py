"""The `assistant chat` process itself: a taken port, and what a stopped server leaves behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import chat_server

pytestmark = pytest.mark.slow

OUTPUT = OUTPUTS / "process"


def env_for(seed_settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
            "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir), "ASSISTANT_HISTORY": "false"}


def test_a_taken_port_is_one_sentence_and_a_failing_exit(seed_settings):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--port",
                               str(port)], env={**os.environ, **env_for(seed_settings)},
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done
    assert f"Port {port} on 127.0.0.1 cannot be used" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_stopped_servers_app_folder_is_removed_by_the_next_start(seed_settings):
    def folders(pid: int) -> list[Path]:
        return list(Path(tempfile.gettempdir()).glob(f"raadsgids-chat-{pid}-*"))

    with chat_server(env_for(seed_settings), OUTPUT / "first.log") as (_, first):
        assert len(folders(first.pid)) == 1
    # Chainlit ends with os._exit: the folder outlives its process ...
    left = folders(first.pid)
    assert len(left) == 1, left
    with chat_server(env_for(seed_settings), OUTPUT / "second.log") as (_, second):
        # ... until the next start, which removes it and keeps its own.
        assert all(not f.exists() for f in left)
        assert len(folders(second.pid)) == 1
