"""Widget benchmark with history on: time from sending the wifi-telling question in the intranet
widget to the first visible answer text (median of 5, real browser, ASSISTANT_AUTH=jwt with a
token from `assistant token`), then the history database's size after 100 questions. Prints
figures; asserts nothing.

    make bench-widget      (or: .venv/bin/python benchmarks/widget_bench.py)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.chat_bench import ANSWER, QUESTIONS, ask_timed  # noqa: E402
from tests.support.chat_server import chat_server, free_port, intranet_page, launch_chromium  # noqa: E402

WIDGET = "document.querySelector('#chainlit-copilot').shadowRoot"


def main() -> None:
    from playwright.sync_api import sync_playwright

    from assistant.config import Settings
    from assistant.intranet.accounts import mint_token

    folder = Path(tempfile.mkdtemp(prefix="widget-bench-"))
    page_port = free_port()
    env = {"ASSISTANT_AUTH": "jwt", "ASSISTANT_SECRET_FILE": str(folder / "secret"),
           "ASSISTANT_DATABASE": str(folder / "history.sqlite"),
           "ASSISTANT_ALLOWED_ORIGINS": json.dumps([f"http://127.0.0.1:{page_port}"])}
    settings = Settings.of(secret_file=folder / "secret")
    with chat_server(env, folder / "server.log") as (chat, _), \
            intranet_page(chat, page_port) as site, sync_playwright() as p:
        browser = launch_chromium(p)

        def open_widget(user: str):  # type: ignore[no-untyped-def]
            context = browser.new_context()
            context.add_init_script(
                f"window.RAADSGIDS_TOKEN = {json.dumps(mint_token(settings, user, 30))};")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(site + "/index.html")
            page.locator("#chainlit-copilot-button").click()
            page.locator("#chat-input").wait_for()
            page.locator(ANSWER).first.wait_for()  # the welcome, so it is not taken for an answer
            return context, page

        firsts, completes = [], []
        for i in range(5):
            context, page = open_widget(f"raadslid{i}")
            first, complete = ask_timed(page, QUESTIONS[0], WIDGET)
            firsts.append(first)
            completes.append(complete)
            context.close()
        print(f"widget, wifi-telling, first answer text: median {statistics.median(firsts):.0f} "
              f"ms (runs: {', '.join(f'{x:.0f}' for x in firsts)})")
        print(f"widget, wifi-telling, complete answer: median {statistics.median(completes):.0f} "
              f"ms (runs: {', '.join(f'{x:.0f}' for x in completes)})")
        # 100 questions in the widget: 5 users of 20 questions each.
        for user in range(5):
            context, page = open_widget(f"raadslid-{user}")
            for i in range(20):
                ask_timed(page, QUESTIONS[i % len(QUESTIONS)], WIDGET)
            context.close()
        time.sleep(1)
        db = folder / "history.sqlite"
        size = sum(f.stat().st_size for f in folder.glob("history.sqlite*"))
        print(f"history database after 105 questions of 10 users: {size / 1024:.0f} KiB "
              f"({db.stat().st_size / 1024:.0f} KiB main file, rest WAL)")
        browser.close()


if __name__ == "__main__":
    main()
