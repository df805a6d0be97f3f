"""Chat benchmark in a real browser, on a laptop (1366×768) and a phone (390×844) viewport.

For the wifi-telling question, in 5 fresh conversations per viewport: time to the first answer
text and to the complete answer (medians), beside a trivial Chainlit echo app
(benchmarks/echo_app.py) measured in the same run, and the answer's height in screens. Then the
server's resident memory after 20 questions. Prints figures; asserts nothing.

    make bench-chat        (or: .venv/bin/python benchmarks/chat_bench.py)
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.chat_server import (  # noqa: E402
    chat_server,
    free_port,
    launch_chromium,
    rss_mb,
    wait_until_served,
)

VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
ECHO_APP = Path(__file__).with_name("echo_app.py")

WIFI = "Wat moet ik vragen over wifi-telling?"
QUESTIONS = [
    WIFI, "En bij camera's?", "Uit welke stappen bestaat het denkraam?",
    "Welke publieke waarden spelen bij cameratoezicht?",
    "Moet digitalisering bij één wethouder liggen?", "Wat is technosolutionisme?",
    "Welke bron zegt dat?", "Wat zijn living labs?", "Wat is de hoofdstad van Australië?",
    "What should I ask about smart street lights?",
]
ANSWER = '[data-step-type="assistant_message"]'


def ask_timed(page, question: str,  # type: ignore[no-untyped-def]
              root: str = "document") -> tuple[float, float]:
    """(ms to the first visible answer text, ms to the complete answer) for one question;
    ``root`` is the JavaScript expression of the node the chat lives in."""
    before = page.locator(ANSWER).count()
    page.locator("#chat-input").fill(question)
    started = time.perf_counter()
    page.locator("#chat-submit").click()
    page.wait_for_function(
        f"""() => {{ const m = ({root}).querySelectorAll('{ANSWER}');
                   return m.length > {before} && m[{before}].innerText.trim().length > 0; }}""",
        polling="raf", timeout=30_000)
    first = time.perf_counter()
    # Complete: the buttons sent after the last section (export, or the suggestions of an
    # abstention); a list of earlier sources has no buttons and is complete when shown.
    page.wait_for_function(
        f"""() => {{ const m = ({root}).querySelectorAll('{ANSWER}')[{before}];
                   return m && (Array.from(m.querySelectorAll('button'))
                                     .some(b => b.innerText.trim().length > 0)
                                || m.innerText.includes('Bronnen van het vorige antwoord')); }}""",
        polling="raf", timeout=30_000)
    done = time.perf_counter()
    return (first - started) * 1000, (done - started) * 1000


@contextmanager
def echo_server() -> Iterator[str]:
    """The echo app under `chainlit run`, with an empty app root of its own."""
    root = Path(tempfile.mkdtemp(prefix="echo-bench-"))
    shutil.copy(ECHO_APP, root / "app.py")
    port = free_port()
    env = {**os.environ, "CHAINLIT_APP_ROOT": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "chainlit", "run", str(root / "app.py"),
                             "--headless", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=root, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(url + "/", timeout=60)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)


def echo_timed(page) -> float:  # type: ignore[no-untyped-def]
    """ms from sending to the echo's text on screen."""
    page.locator("#chat-input").fill(WIFI)
    started = time.perf_counter()
    page.locator("#chat-submit").click()
    page.wait_for_function(
        f"""() => Array.from(document.querySelectorAll('{ANSWER}'))
                       .some(m => m.innerText.includes('U vroeg'))""",
        polling="raf", timeout=30_000)
    return (time.perf_counter() - started) * 1000


def screens(page, viewport: dict[str, int]) -> float:  # type: ignore[no-untyped-def]
    """The last answer's height in screens of this viewport."""
    height = page.locator(ANSWER).last.evaluate("m => m.getBoundingClientRect().height")
    return float(height) / viewport["height"]


def runs(values: list[float]) -> str:
    each = ", ".join(f"{x:.0f}" for x in values)
    return f"median {statistics.median(values):.0f} ms (runs: {each})"


def main() -> None:
    from playwright.sync_api import sync_playwright

    log = Path(tempfile.mkdtemp(prefix="chat-bench-")) / "server.log"
    with chat_server({}, log) as (url, proc), echo_server() as echo, sync_playwright() as p:
        print(f"server resident memory after start: {rss_mb(proc.pid):.0f} MB")
        browser = launch_chromium(p)
        for name, viewport in VIEWPORTS.items():
            firsts, completes, echoes, heights = [], [], [], []
            for _ in range(5):
                context = browser.new_context(viewport=viewport, locale="nl-NL",
                                              is_mobile=name == "phone")
                page = context.new_page()
                page.goto(url + "/")
                page.wait_for_selector("#starters button")
                first, complete = ask_timed(page, WIFI)
                page.wait_for_timeout(300)
                heights.append(screens(page, viewport))
                firsts.append(first)
                completes.append(complete)
                page.goto(echo + "/")
                page.wait_for_selector("#chat-input")
                echoes.append(echo_timed(page))
                context.close()
            floor = statistics.median(echoes)
            print(f"{name} {viewport['width']}x{viewport['height']}, wifi-telling:")
            print(f"  first answer text: {runs(firsts)}; "
                  f"{statistics.median(firsts) / floor:.1f}x the echo app")
            print(f"  complete answer:   {runs(completes)}; "
                  f"{statistics.median(completes) / floor:.1f}x the echo app")
            print(f"  echo app:          {runs(echoes)}")
            print(f"  answer height:     {statistics.median(heights):.1f} screens")
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector("#starters button")
        for i in range(20):
            ask_timed(page, QUESTIONS[i % len(QUESTIONS)])
        print(f"server resident memory after 5 + 20 questions: {rss_mb(proc.pid):.0f} MB")
        browser.close()


if __name__ == "__main__":
    main()
