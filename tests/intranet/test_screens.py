"""The chat and the widget on a laptop and two phones (1366×768, 390×844, 360×740): on first load
the question box and the starters are in view, nothing runs off the side of the screen or of the
widget, and no control lies on top of an answer's text. Checked from element boxes; the
screenshots are left in tests/output/screens/ for a reader."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ..support import HOUSE_STYLES, ROOT
from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import (
    assert_accessible,
    chat_server,
    free_port,
    intranet_page,
    send_question,
    settle,
)

pytestmark = pytest.mark.slow

OUTPUT = OUTPUTS / "screens"
VIEWPORTS = {"laptop": (1366, 768), "phone": (390, 844), "small-phone": (360, 740)}
WIFI = "Wat moet ik vragen over wifi-telling?"
PROPOSAL = ROOT / "evals" / "worksheets" / "02-geluidssensoren-uitgaansgebied.txt"
ANSWER = '[data-step-type="assistant_message"]'

# Run in the page with the root the chat lives in (the document, or the widget's shadow root)
# and the box it has to fit in: what runs off the side, and which controls cover an answer's text.
PROBLEMS = """([rootExpr, frame]) => {
    const root = rootExpr === 'document' ? document
        : document.querySelector('#chainlit-copilot').shadowRoot;
    const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
            && parseFloat(s.opacity) > 0; };
    const name = e => (e.id ? '#' + e.id : e.tagName.toLowerCase())
        + ' ' + (e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40));
    const overflowing = [];
    for (const e of root.querySelectorAll('#welcome-screen *, .ai-message *, #starters *, '
                                          + 'button, textarea, a')) {
        if (!visible(e)) continue;
        // Inside a box that scrolls sideways on purpose (a code block, a wide table), fine.
        let scroller = e.parentElement, scrolls = false;
        for (; scroller; scroller = scroller.parentElement) {
            const o = getComputedStyle(scroller).overflowX;
            if (o === 'auto' || o === 'scroll') { scrolls = true; break; }
        }
        if (scrolls) continue;
        const r = e.getBoundingClientRect();
        if (r.left < frame.left - 1 || r.right > frame.right + 1) overflowing.push(name(e));
    }
    // A line of an answer counts where the reader sees it: at one of its ends the text is what
    // is painted (a line scrolled under the question box is hidden by it, not covered).
    const at = (x, y) => (root.elementFromPoint || document.elementFromPoint).call(root, x, y);
    const seen = r => [r.left + 1, r.right - 1].some(x => {
        const e = at(x, r.top + r.height / 2); return e && e.closest('.message-content'); });
    // The part of a line its scrolling boxes leave in view: a line half scrolled out of the
    // conversation is cut off at the conversation's edge, not shown under what lies beyond it.
    const clipped = (node, r) => {
        let top = r.top, bottom = r.bottom, left = r.left, right = r.right;
        for (let e = node.parentElement; e; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (![s.overflowX, s.overflowY].some(o => o === 'auto' || o === 'scroll'
                                                     || o === 'hidden' || o === 'clip')) continue;
            const b = e.getBoundingClientRect();
            top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom);
            left = Math.max(left, b.left); right = Math.min(right, b.right);
        }
        return {top, bottom, left, right, width: right - left, height: bottom - top};
    };
    const texts = [];
    for (const content of root.querySelectorAll('.message-content')) {
        const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.nodeValue.trim()) continue;
            const range = document.createRange(); range.selectNodeContents(n);
            for (const whole of range.getClientRects()) {
                const r = clipped(n, whole);
                if (r.width > 2 && r.height > 2 && seen(r)) texts.push(r);
            }
        }
    }
    const covering = [];
    for (const c of root.querySelectorAll('button, [role=button], a')) {
        if (!visible(c) || c.closest('.message-content')) continue;
        const b = c.getBoundingClientRect();
        // Only what is painted on top: the element at the control's centre is the control.
        const hit = at(b.left + b.width / 2, b.top + b.height / 2);
        if (!hit || !(c === hit || c.contains(hit))) continue;
        for (const t of texts) {
            const w = Math.min(b.right, t.right) - Math.max(b.left, t.left);
            const h = Math.min(b.bottom, t.bottom) - Math.max(b.top, t.top);
            if (w > 2 && h > 2) { covering.push(name(c)); break; }
        }
    }
    return {overflowing, covering,
            pageWidth: document.documentElement.scrollWidth, viewWidth: innerWidth};
}"""


# The width-to-height ratio of each logo shown (the welcome's, Chainlit's images of /logo),
# once loaded.
LOGOS = """async (rootExpr) => {
    const root = rootExpr === 'document' ? document
        : document.querySelector('#chainlit-copilot').shadowRoot;
    const logos = [...root.querySelectorAll("img[src*='/logo']")];
    await Promise.all(logos.map(i => i.decode().catch(() => null)));
    return logos.map(i => i.naturalHeight ? Math.round(i.naturalWidth / i.naturalHeight * 10) / 10
                                          : 0); }"""


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A PNG image of one colour, written by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def box(locator) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = locator.bounding_box()
    assert found is not None
    return found


def check(page, root: str, frame: dict[str, float], shot: str,  # type: ignore[no-untyped-def]
          scroll: bool = False) -> None:
    """Nothing off the side and no control on an answer's text; with ``scroll``, at five places
    down the conversation (a floating control shows while the reader is not at the end, and
    lies on text at some of them)."""
    settle(page)
    page.screenshot(path=str(OUTPUT / f"{shot}.png"))
    for step in range(5 if scroll else 1):
        if scroll:
            page.mouse.wheel(0, -20_000 if step == 0 else 137)
            settle(page)
        found: dict[str, Any] = page.evaluate(PROBLEMS, [root, frame])
        assert found["pageWidth"] <= found["viewWidth"], (shot, found)
        assert not found["overflowing"], (shot, step, found["overflowing"])
        assert not found["covering"], (shot, step, found["covering"])


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_page_and_widget_fit_the_screen(seed_settings, tmp_path, browser, viewport):
    width, height = VIEWPORTS[viewport]
    phone = width < 640
    page_port = free_port()
    env = {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir), "ASSISTANT_HISTORY": "false",
           "ASSISTANT_QUESTIONS_PER_MINUTE": "0",
           "ASSISTANT_ALLOWED_ORIGINS": json.dumps([f"http://127.0.0.1:{page_port}"])}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with chat_server(env, OUTPUT / f"server-{viewport}.log") as (chat, _), \
            intranet_page(chat, page_port) as site:
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height},
                                      is_mobile=phone, has_touch=phone)
        page = context.new_page()
        page.set_default_timeout(30_000)
        screen = {"left": 0, "right": width, "top": 0, "bottom": height}

        # The full page: on first load the welcome text starts below the header, and the
        # question box and every starter are in view.
        page.goto(chat + "/")
        page.locator("#starters button").first.wait_for()
        settle(page)
        header = box(page.locator("#header"))
        assert box(page.locator("#welcome-screen [role=article]").first)["y"] >= \
            header["y"] + header["height"] - 1
        for element in [page.locator("#chat-input"), *page.locator("#starters button").all()]:
            b = box(element)
            assert b["y"] >= 0 and b["y"] + b["height"] <= height + 1, (viewport, b)
        check(page, "document", screen, f"{viewport}-welcome")
        page.locator("#chat-input").fill(WIFI)
        page.locator("#chat-submit").click()
        page.locator(ANSWER).first.get_by_text("Bronnen", exact=True).wait_for()
        page.wait_for_selector("#chat-submit")
        page.locator(ANSWER).first.hover()  # the wheel scrolls the conversation
        check(page, "document", screen, f"{viewport}-answer", scroll=True)
        # A proposal attached: its worksheet (five steps, quotes, questions) fits as well.
        page.locator("#upload-button-input").set_input_files(str(PROPOSAL))
        page.get_by_text(PROPOSAL.name).first.wait_for()
        page.locator("#chat-submit").click()
        page.locator(ANSWER).nth(1).get_by_text("Vragen aan het college").first.wait_for()
        page.wait_for_selector("#chat-submit")
        page.locator(ANSWER).nth(1).hover()
        check(page, "document", screen, f"{viewport}-worksheet", scroll=True)

        # The widget on the intranet page: within the screen, on a phone its whole width.
        page.goto(site + "/index.html")
        page.locator("#chainlit-copilot-button").click()
        shadow = page.locator("#chainlit-copilot-chat")
        shadow.wait_for()
        page.locator("#chainlit-copilot").get_by_text("Wat moet ik vragen over").first.wait_for()
        panel = box(shadow)
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width + 1, panel
        if phone:
            assert panel["width"] >= width - 4, panel
        frame = {"left": panel["x"], "right": panel["x"] + panel["width"], "top": panel["y"],
                 "bottom": panel["y"] + panel["height"]}
        check(page, "widget", frame, f"{viewport}-widget-welcome")
        send_question(page, WIFI)
        page.locator(ANSWER).nth(1).get_by_text("Bronnen", exact=True).wait_for()
        page.locator(ANSWER).nth(1).hover()
        check(page, "widget", frame, f"{viewport}-widget-answer", scroll=True)
        # Attached in the widget, through its own attach button.
        page.locator("#chainlit-copilot #upload-button-input").set_input_files(str(PROPOSAL))
        page.locator("#chainlit-copilot").get_by_text(PROPOSAL.name).first.wait_for()
        page.locator("#chainlit-copilot #chat-submit").click()
        page.locator(ANSWER).nth(2).get_by_text("Vragen aan het college").first.wait_for()
        page.locator(ANSWER).nth(2).hover()
        check(page, "widget", frame, f"{viewport}-widget-worksheet", scroll=True)
        context.close()


@pytest.mark.parametrize("style", list(HOUSE_STYLES))
def test_the_municipalitys_house_style_from_its_design_tokens(seed_settings, browser, style,
                                                              tmp_path):
    """ASSISTANT_THEME_TOKENS pointed at a token package from the npm registry: the page and the
    widget take its primary colour and font stack, and axe-core still finds no serious or
    critical violation, contrast included."""
    from assistant.chat.theme import theme_variables

    tokens = HOUSE_STYLES[style]
    assert tokens.exists(), f"{tokens} is missing: run `make browser`"
    wanted = theme_variables(tokens)
    # The municipality's logo, a PNG three times as wide as high (the assistant's is a square
    # SVG), under a name that does not say its type.
    logo = tmp_path / "logo-gemeente"
    logo.write_bytes(png(120, 40, (180, 0, 0)))
    page_port = free_port()
    env = {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir), "ASSISTANT_HISTORY": "false",
           "ASSISTANT_THEME_TOKENS": str(tokens), "ASSISTANT_THEME_LOGO": str(logo),
           "ASSISTANT_ALLOWED_ORIGINS": json.dumps([f"http://127.0.0.1:{page_port}"])}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with chat_server(env, OUTPUT / f"server-{style}.log") as (chat, _), \
            intranet_page(chat, page_port) as site:
        context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(chat + "/")
        page.locator("#starters button").first.wait_for()
        # The welcome shows the municipality's logo.
        assert page.evaluate(LOGOS, "document") == [3.0], "the municipality's logo is not shown"
        shown = box(page.locator("#welcome-screen img").first)
        assert abs(shown["width"] / shown["height"] - 3) < 0.1, shown  # not cut to a circle
        page.locator("#chat-input").fill(WIFI)
        page.locator("#chat-submit").click()
        page.locator(ANSWER).first.get_by_text("Bronnen", exact=True).wait_for()
        page.wait_for_selector("#chat-submit")
        style_of = page.evaluate("""() => ({
            primary: getComputedStyle(document.documentElement).getPropertyValue('--primary'),
            font: getComputedStyle(document.body).fontFamily,
            send: getComputedStyle(document.querySelector('#chat-submit')).backgroundColor})""")
        assert style_of["primary"].strip() == wanted["--primary"], style_of
        assert style_of["font"].split(",")[0].strip("'\" ") == \
            wanted["--font-sans"].split(",")[0].strip("'\" "), style_of
        page.screenshot(path=str(OUTPUT / f"house-style-{style}.png"))
        assert_accessible(page, OUTPUT / f"axe-house-style-{style}.json")

        page.goto(site + "/index.html")
        page.locator("#chainlit-copilot-button").click()
        page.locator("#chainlit-copilot").get_by_text("Wat moet ik vragen over").first.wait_for()
        widget = page.evaluate("""() => {
            const host = document.querySelector('#chainlit-copilot');
            const el = host.shadowRoot.querySelector('#chainlit-copilot-chat');
            return {primary: getComputedStyle(el).getPropertyValue('--primary'),
                    font: getComputedStyle(el).fontFamily}; }""")
        assert widget["primary"].strip() == wanted["--primary"], widget
        assert set(page.evaluate(LOGOS, "widget")) == {3.0}, "the widget shows another logo"
        page.screenshot(path=str(OUTPUT / f"house-style-{style}-widget.png"))
        context.close()
