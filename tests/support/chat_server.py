"""Start the real chat server (`assistant chat`) on a free loopback port (tests, benchmarks)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "intranet" / "index.html"
SITES = Path(__file__).resolve().parent.parent / "output" / "intranet"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chat_server(env: dict[str, str], log_path: Path, timeout: float = 120.0
                ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Yield (base URL, process) of a chat server; stops it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "chat", "--host", "127.0.0.1",
             "--port", str(port)], env={**os.environ, **env}, stdout=log,
            stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"the chat server exited; see {log_path}")
                try:
                    with urllib.request.urlopen(url + "/", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the chat server did not start; see {log_path}")
                time.sleep(0.3)
            yield url, proc
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until_served(url: str, timeout: float = 30.0) -> None:
    """Return once ``url`` answers (any status); raise ``TimeoutError`` after ``timeout``
    seconds without an answer."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not answer within {timeout:g} s") from None
            time.sleep(0.1)


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("Chromium is not installed; `apt-get install chromium` (CI does).")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)


# Resolves true once two animation frames have passed and every finite animation or transition
# on the page (shadow roots included) has finished; false if that takes over ten seconds.
_SETTLED = """() => Promise.race([
    new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() =>
        Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)))
        .then(() => done(true))))),
    new Promise(done => setTimeout(() => done(false), 10000))])"""


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page is still: its animations and transitions done, its scripts' next
    frames run. ``TimeoutError`` if an animation is still running after ten seconds."""
    if not page.evaluate(_SETTLED):
        raise TimeoutError("the page's animations did not finish within 10 s")


def assert_accessible(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """axe-core over the page against WCAG 2.1 A and AA: no serious or critical violation. The
    violations found are written to ``path`` (JSON)."""
    import json

    from . import AXE

    settle(page)  # raadsgids.js repairs labels on the next animation frame
    if not page.evaluate("typeof axe !== 'undefined'"):
        # Through the debugging protocol: the page's Content-Security-Policy rightly refuses an
        # inline <script> that is not its own.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;window.axe = axe; true")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def wait_until_still(locator, timeout: float = 10.0) -> float:  # type: ignore[no-untyped-def]
    """Wait until ``locator``'s element has kept its place in the window for half a second (the
    chat scrolls itself, smoothly); return its distance from the top. Polled from Python: the
    chat page's policy forbids the eval that Playwright's wait_for_function may use."""
    from .wait import eventually

    locator.wait_for()
    seen: list[float] = []

    def still() -> bool:
        seen.append(float(locator.evaluate("el => el.getBoundingClientRect().top")))
        return len(seen) >= 6 and max(seen[-6:]) - min(seen[-6:]) < 1

    eventually(still, "the view to stop scrolling", timeout=timeout, every=0.1)
    return seen[-1]


def send_question(page, text: str, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the chat and send it. Text typed before the chat has connected is
    cleared when it connects and the send button stays disabled: then it is typed again."""
    from playwright.sync_api import expect

    box, button = page.locator("#chat-input"), page.locator("#chat-submit")
    deadline = time.monotonic() + timeout
    while True:
        box.fill(text)
        try:
            expect(button).to_be_enabled(timeout=2_000)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            continue
        button.click()
        return


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def server_env(seed_settings: Any, folder: Path, database: str, **extra: str
               ) -> dict[str, str]:
    """Environment of a chat server over the seed index with password sign-in, accounts anna
    and bob (password "<name>-haar-wachtwoord") and the history in ``database``."""
    from assistant.config import Settings
    from assistant.intranet import accounts

    settings = Settings.of(users_file=folder / "users.json", secret_file=folder / "secret")
    for user in ("anna", "bob"):
        if user not in dict(accounts.list_users(settings)):
            accounts.add_user(settings, user, f"{user}-haar-wachtwoord")
    return {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
            "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir),
            "ASSISTANT_USERS_FILE": str(folder / "users.json"),
            "ASSISTANT_SECRET_FILE": str(folder / "secret"), "ASSISTANT_AUTH": "password",
            "ASSISTANT_DATABASE": database, **extra}


@contextmanager
def intranet_page(chat_url: str, port: int) -> Iterator[str]:
    """The example intranet page, pointed at ``chat_url``, served on ``port``."""
    site = SITES / f"site-{port}"
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("http://127.0.0.1:8000", chat_url),
        encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1", "-d", str(site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(url + "/index.html", timeout=5)
        yield url
    finally:
        proc.terminate()
        proc.wait()


# An assistant message in the full chat page, and how long a browser step may take.
ANSWER = '[data-step-type="assistant_message"]'
TIMEOUT = 30_000


def answers(pg):  # type: ignore[no-untyped-def]
    return pg.locator(ANSWER)


def ask(pg, question: str) -> object:  # type: ignore[no-untyped-def]
    """Type a question, send it, and return the new assistant message once complete."""
    before = answers(pg).count()
    send_question(pg, question)
    return wait_answer(pg, before)


def wait_answer(pg, before: int):  # type: ignore[no-untyped-def]
    # Polled from here: the page's policy forbids the eval that wait_for_function uses.
    answers(pg).nth(before).wait_for(timeout=TIMEOUT)
    reply = answers(pg).nth(before)
    # Complete when the send button is back (Chainlit shows a stop button while running).
    pg.wait_for_selector("#chat-submit", timeout=TIMEOUT)
    return reply
