"""The chat end to end: the real Chainlit server, the real engine and headless Chromium.

Screenshots and the server log go to tests/output/chat/. Every request the page makes is
recorded; any to a host other than 127.0.0.1 fails the test.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import (
    TIMEOUT,
    answers,
    ask,
    assert_accessible,
    chat_server,
    settle,
    wait_answer,
    wait_until_still,
)

pytestmark = pytest.mark.slow

OUTPUT = OUTPUTS / "chat"
WIFI = "Wat moet ik vragen over wifi-telling?"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def server(seed_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    env = {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir)}
    with chat_server(env, OUTPUT / "server.log") as (url, _proc):
        yield url


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(accept_downloads=True, locale="nl-NL", viewport=LAPTOP)
    hosts: list[str] = []
    context.on("request", lambda r: hosts.append(urlparse(r.url).hostname or r.url))
    context.on("websocket", lambda ws: hosts.append(urlparse(ws.url).hostname or ws.url))
    pg = context.new_page()
    # The page's Content-Security-Policy allows only the chat's own origin; anything it blocks
    # (a script, style, font, image or connection) is reported on the console.
    blocked: list[str] = []
    pg.on("console", lambda m: blocked.append(m.text)
          if "Content Security Policy" in m.text else None)
    pg.set_default_timeout(TIMEOUT)
    response = pg.goto(server + "/")
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "script-src 'self' 'sha256-" in policy, policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    pg.wait_for_selector("#starters button")
    yield pg
    context.close()
    # Nothing may be loaded from outside the machine: no fonts, CDNs or telemetry.
    assert hosts and set(hosts) == {"127.0.0.1"}, sorted(set(hosts))
    assert blocked == [], blocked


def test_welcome_starters_language_and_accessibility(page) -> None:  # type: ignore[no-untyped-def]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    assert page.locator("html").get_attribute("lang") == "nl"
    welcome = page.locator("#welcome-screen")
    welcome.get_by_text("alleen uit deze teksten").wait_for()
    assert "Raad weten met digitalisering" in welcome.inner_text()
    labels = page.locator("#starters button").all_inner_texts()
    assert any("Wifi-telling" in label for label in labels) and len(labels) == 4
    assert page.locator("#chat-input").get_attribute("placeholder").startswith("Stel uw vraag")
    settle(page)  # the welcome screen fades in
    page.screenshot(path=str(OUTPUT / "welcome.png"))

    assert_accessible(page, OUTPUT / "axe-welcome.json")


def test_wifi_answer_citation_follow_ups_and_export(page, engine) -> None:  # type: ignore[no-untyped-def]
    page.locator("#starters button", has_text="Wifi-telling").click()
    reply = wait_answer(page, 0)
    reply.get_by_text("Bronnen", exact=True).wait_for()
    text = reply.inner_text()
    for step in ("1. Doelen", "2. Sturing", "3. Gewenste effecten", "4. Ongewenste effecten",
                 "5. Inzet van sturing"):
        assert step in text
    assert "privacy" in text.lower()
    page.screenshot(path=str(OUTPUT / "wifi-answer.png"), full_page=True)

    # The reader is brought to the start of the answer, not left at its source list.
    top = wait_until_still(reply.get_by_text("Kort antwoord").first)
    assert 0 <= top < page.viewport_size["height"] / 2, top
    # The source panel stays closed until a citation is clicked.
    assert page.locator("#side-view-content").count() == 0
    # [1] opens exactly its own passage in the side panel, with document title and publisher.
    citations = engine.ask(WIFI).citations
    expected = citations[0]
    # Sources are listed one line each; the passages are a click away, not quoted in the answer.
    assert expected.title in text and expected.text[:80] not in text
    links = reply.locator("a.element-link")
    assert links.count() >= 2
    links.first.click()
    panel = page.locator("#side-view-content")
    panel.wait_for()
    panel.get_by_text(expected.title).first.wait_for()
    assert page.locator("#side-view-title").inner_text().strip() == "[1]"  # its own number
    assert expected.text[:80] in panel.inner_text()
    assert expected.title in panel.inner_text()
    assert (expected.publisher or "") in panel.inner_text()
    assert citations[1].text[:80] not in panel.inner_text()
    settle(page)  # the panel slides in
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert not overflowing(page), overflowing(page)
    page.screenshot(path=str(OUTPUT / "citation-panel.png"))
    assert_accessible(page, OUTPUT / "axe-answer.json")

    # A follow-up reads the previous question.
    cameras = ask(page, "En bij camera's?")
    cameras.get_by_text("Bronnen", exact=True).wait_for()
    assert "cameratoezicht" in cameras.inner_text()
    sources = ask(page, "Welke bron zegt dat?")
    sources.get_by_text("Bronnen van het vorige antwoord").wait_for()
    assert sources.locator("a.element-link").count() >= 1

    # Export: the questions per step and all sources, as Markdown and as Word.
    cameras.get_by_role("button", name="Exporteer gesprek").click()
    export = answers(page).last
    export.get_by_text(".docx").wait_for()
    files = {}
    for suffix in (".md", ".docx"):
        with page.expect_download() as download:
            export.get_by_text(suffix).click()
        path = OUTPUT / download.value.suggested_filename
        download.value.save_as(path)
        files[suffix] = path
    markdown = files[".md"].read_text(encoding="utf-8")
    assert "wifi-telling" in markdown and "cameratoezicht" in markdown
    assert "**1. Doelen**" in markdown and "## Bronnen" in markdown
    from docx import Document

    doc = Document(io.BytesIO(files[".docx"].read_bytes()))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Vragen voor de raad" in body and "Bronnen" in body and "cameratoezicht" in body
    page.screenshot(path=str(OUTPUT / "export.png"), full_page=True)


def test_unanswerable_question_offers_starters(page) -> None:  # type: ignore[no-untyped-def]
    reply = ask(page, "Wat is de hoofdstad van Australië?")
    text = reply.inner_text()
    assert "gaan hier niet over" in text
    # Each suggestion once, as a button (not also as a list in the text).
    assert text.count("Wat moet ik vragen over wifi-telling?") == 1
    assert reply.locator("a.element-link").count() == 0
    # The suggestions are buttons that ask the question.
    reply.get_by_role("button", name="Wat moet ik vragen over wifi-telling?").click()
    follow = wait_answer(page, 1)
    follow.get_by_text("Bronnen", exact=True).wait_for()
    assert "wifi-telling" in follow.inner_text()


def test_factual_answer_offers_the_denkraam_as_a_follow_up(page) -> None:  # type: ignore[no-untyped-def]
    # (Which values are at stake with a technology is a request for the denkraam: its own test.)
    reply = ask(page, "Wat zegt de VNG over cameratoezicht?")
    text = reply.inner_text()
    assert "Kort antwoord" in text and "Vragen voor de raad" not in text
    page.screenshot(path=str(OUTPUT / "factual-answer.png"), full_page=True)
    follow_up = "Wat moet ik vragen over cameratoezicht?"
    reply.get_by_role("button", name=follow_up).click()
    denkraam = wait_answer(page, 1)
    denkraam.get_by_text("Vragen voor de raad", exact=True).wait_for()
    assert "cameratoezicht" in denkraam.inner_text()


def test_a_detail_the_texts_lack_is_said_plainly(page) -> None:  # type: ignore[no-untyped-def]
    reply = ask(page, "Hoeveel kost een wifi-sensor?")
    reply.get_by_text("Wat de teksten wel zeggen").wait_for()
    text = reply.inner_text()
    assert "beantwoorden deze vraag niet" in text and "geen bedragen of kosten" in text
    # What the texts do say is cited: its numbers open the passages.
    assert reply.locator("a.element-link").count() >= 1
    page.screenshot(path=str(OUTPUT / "not-in-texts.png"), full_page=True)


def overflowing(pg) -> list[str]:  # type: ignore[no-untyped-def]
    """Elements reaching past the right edge of the viewport."""
    return pg.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + '.' + e.className.toString().slice(0, 50))""")


def test_on_a_phone_the_source_panel_opens_only_when_asked(browser, server, engine) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT)
    pg.goto(server + "/")
    pg.wait_for_selector("#starters button")
    # The welcome screen opens at its start: its first line is on screen.
    intro = pg.locator("#welcome-screen").get_by_text("Raadsgids digitalisering.").first
    assert 0 <= wait_until_still(intro) < 844 / 2
    pg.screenshot(path=str(OUTPUT / "phone-welcome.png"))
    reply = ask(pg, WIFI)
    reply.get_by_text("Bronnen", exact=True).wait_for()
    top = wait_until_still(reply.get_by_text("Kort antwoord").first)
    assert pg.locator("#side-view-content").count() == 0
    assert 0 <= top < 844 / 2, top  # the short answer is in view, not the source list
    pg.screenshot(path=str(OUTPUT / "phone-answer.png"))
    second = engine.ask(WIFI).citations[1]
    reply.locator("a.element-link").nth(1).click()
    panel = pg.locator("#side-view-content")
    panel.get_by_text(second.title).first.wait_for()
    assert second.text[:60] in panel.inner_text()
    settle(pg)  # the sheet slides in
    pg.screenshot(path=str(OUTPUT / "phone-citation.png"))
    # The sheet is named by its visible title for screen readers.
    named = pg.evaluate("""() => { const d = document.querySelector('[role=dialog]');
        const t = d && document.getElementById(d.getAttribute('aria-labelledby'));
        return t ? t.textContent.trim() : null; }""")
    assert named == "[2]", named
    pg.keyboard.press("Escape")
    # The export's file cards fit the screen, with their whole names.
    reply.get_by_role("button", name="Exporteer gesprek").click()
    export = answers(pg).last
    export.get_by_text(".docx").wait_for()
    settle(pg)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    assert not overflowing(pg), overflowing(pg)
    with pg.expect_download() as download:
        export.get_by_text(".docx").click()
    assert download.value.suggested_filename.startswith("raadsvragen-digitalisering-")
    assert not overflowing(pg), overflowing(pg)
    pg.screenshot(path=str(OUTPUT / "phone-export.png"))
    context.close()


def test_html_is_shown_as_text_and_bad_input_gets_one_sentence(page) -> None:  # type: ignore[no-untyped-def]
    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    ask(page, payload + " cameratoezicht")
    assert page.evaluate("window.__xss") is None
    assert page.locator('[data-step-type="user_message"]').last.inner_text().startswith("<img")
    reply = ask(page, "waarom " * 400)
    assert "te lang" in reply.inner_text()
    page.screenshot(path=str(OUTPUT / "bad-input.png"))


def test_two_users_asking_at_once_both_get_answers(browser, server) -> None:  # type: ignore[no-untyped-def]
    pages = []
    for _ in range(2):
        pg = browser.new_context(locale="nl-NL").new_page()
        pg.set_default_timeout(TIMEOUT)
        pg.goto(server + "/")
        pg.wait_for_selector("#starters button")
        pages.append(pg)
    for pg, label in zip(pages, ("Wifi-telling", "Cameratoezicht"), strict=True):
        pg.locator("#starters button", has_text=label).click()
    for pg in pages:
        wait_answer(pg, 0).get_by_text("Bronnen", exact=True).wait_for()
    assert "wifi-telling" in answers(pages[0]).first.inner_text()
    assert "cameratoezicht" in answers(pages[1]).first.inner_text()
    for pg in pages:
        pg.context.close()


def test_an_attached_proposal_gets_its_worksheet_and_export(page) -> None:  # type: ignore[no-untyped-def]
    from ..support import ROOT

    proposal = ROOT / "evals" / "worksheets" / "02-geluidssensoren-uitgaansgebied.txt"
    # Attached through the file chooser's input (the button's name is checked by axe-core on
    # the welcome screen).
    page.locator("#upload-button").wait_for()
    page.locator("#upload-button-input").set_input_files(str(proposal))
    page.get_by_text(proposal.name).first.wait_for()  # the attachment, before it is sent
    page.locator("#chat-submit").click()
    reply = wait_answer(page, 0)
    reply.get_by_text("Wat het voorstel zegt").first.wait_for()
    text = reply.inner_text()
    for step in ("1. Doelen", "2. Sturing", "3. Gewenste effecten", "4. Ongewenste effecten",
                 "5. Inzet van sturing"):
        assert step in text
    assert "Vragen aan het college" in text and "Niet gevonden in het voorstel" in text
    # A quote of the proposal opens in the side panel with the file it comes from.
    reply.locator("a.element-link").first.click()
    panel = page.locator("#side-view-content")
    panel.wait_for()
    panel.get_by_text(proposal.name).first.wait_for()
    settle(page)
    page.screenshot(path=str(OUTPUT / "worksheet.png"))
    assert_accessible(page, OUTPUT / "axe-worksheet.json")
    # The worksheet as Word and Markdown, for the committee meeting.
    reply.get_by_role("button", name="Exporteer werkblad").click()
    export = answers(page).last
    export.get_by_text(".docx").wait_for()
    with page.expect_download() as download:
        export.get_by_text(".docx").click()
    path = OUTPUT / download.value.suggested_filename
    download.value.save_as(path)
    from docx import Document

    doc = Document(io.BytesIO(path.read_bytes()))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Werkblad" in body and "Vragen aan het college" in body
    assert abs(doc.sections[0].page_width.mm - 210) < 1  # A4
