"""Chat benchmark in a real browser: time to first answer text and to the complete answer for the
wifi-telling question (median of 5 fresh conversations), then the server's resident memory after
20 questions. Prints figures; asserts nothing.

    make bench-chat        (or: .venv/bin/python benchmarks/chat_bench.py)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.chat_server import chat_server, launch_chromium, rss_mb  # noqa: E402

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


def main() -> None:
    from playwright.sync_api import sync_playwright

    log = Path(tempfile.mkdtemp(prefix="chat-bench-")) / "server.log"
    with chat_server({}, log) as (url, proc), sync_playwright() as p:
        print(f"server resident memory after start: {rss_mb(proc.pid):.0f} MB")
        browser = launch_chromium(p)
        firsts, completes = [], []
        for _ in range(5):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector("#starters button")
            first, complete = ask_timed(page, WIFI)
            firsts.append(first)
            completes.append(complete)
            context.close()
        print(f"wifi-telling, first answer text: median {statistics.median(firsts):.0f} ms "
              f"(runs: {', '.join(f'{x:.0f}' for x in firsts)})")
        print(f"wifi-telling, complete answer:   median {statistics.median(completes):.0f} ms "
              f"(runs: {', '.join(f'{x:.0f}' for x in completes)})")
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
