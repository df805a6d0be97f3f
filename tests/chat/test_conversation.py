"""Follow-up questions, the export documents and the chat's page hardening (no server needed)."""

import io
import re

from assistant.chat.conversation import Conversation
from assistant.chat.page import offline_html
from assistant.chat.views import citation_panel, reply_sections, welcome
from assistant.render.export import to_docx, to_markdown
from assistant.render.markdown import render_markdown

WIFI = "Wat moet ik vragen over wifi-telling?"


def test_a_follow_up_naming_only_a_topic_repeats_the_previous_question(engine):
    chat = Conversation(engine)
    first = chat.ask(WIFI)
    assert first.kind == "answer" and first.answer.topic == "wifi-telling"
    turn = chat.ask("En bij camera's?")
    # Derived from the analysed question before it: the same kind, the new technology.
    assert turn.query.followup == "swap" and turn.query.kind == "ask"
    assert turn.answer.subject == "camera's" and turn.answer.denkraam
    assert turn.answer.topic == "cameratoezicht" and not turn.answer.abstained
    english = Conversation(engine)
    english.ask("What should I ask about wifi tracking?")
    assert english.ask("And for cameras?").answer.topic == "camera surveillance"


def test_pointing_back_keeps_the_topic_and_a_new_question_stands_alone(engine):
    chat = Conversation(engine)
    chat.ask(WIFI)
    turn = chat.ask("Welke publieke waarden spelen daarbij?")
    assert "wifi-telling" in turn.asked
    assert "privacy" in [v.name for v in turn.answer.public_values]
    fresh = chat.ask("Uit welke stappen bestaat het denkraam?")
    assert fresh.asked == "Uit welke stappen bestaat het denkraam?"


def test_a_reopened_conversation_goes_on_where_it_stood(engine, caplog):
    import json

    from assistant.chat.conversation import kept_turn

    chat = Conversation(engine)
    chat.ask(WIFI)
    chat.ask("Waar staat dat?")
    # What the history keeps, as it comes back from the database (JSON), with one reply kept in
    # a form this version cannot read.
    kept = [json.loads(json.dumps({"turn": kept_turn(t)})) for t in chat.turns]
    kept.insert(1, {"turn": {"kind": "answer", "question": "Wat is X?", "answer": {"bad": 1}}})
    kept.append({"panels": []})
    reopened = Conversation.restore(engine, kept)
    assert [(e.question, e.answer, e.sources) for e in reopened.answered()] == \
        [(e.question, e.answer, e.sources) for e in chat.answered()]
    assert "could not read back 1 of its replies" in caplog.text
    # A follow-up builds on the last question as it would have before.
    turn = reopened.ask("Welke publieke waarden spelen daarbij?")
    assert "wifi-telling" in turn.asked
    assert "privacy" in [v.name for v in turn.answer.public_values]


def test_which_source_points_at_the_previous_answer(engine):
    chat = Conversation(engine)
    assert chat.ask("Welke bron zegt dat?").kind == "answer"  # nothing to point at yet
    chat = Conversation(engine)
    first = chat.ask(WIFI)
    turn = chat.ask("Welke bron zegt dat?")
    assert turn.kind == "sources" and turn.answer is first.answer
    sections, answer = reply_sections(turn)
    assert answer is first.answer and "[1]" in sections[0]
    assert first.answer.citations[0].title in sections[0]


def test_bad_input_is_one_sentence_and_the_conversation_goes_on(engine):
    chat = Conversation(engine)
    chat.ask(WIFI)
    for bad in ("", "   \x00\x07  ", "x" * 100_000):
        turn = chat.ask(bad)
        assert turn.kind == "error" and turn.message.endswith(".")
        assert "\n" not in turn.message
    assert len(chat.turns) == 1
    assert chat.ask("En bij camera's?").answer.topic == "cameratoezicht"


def test_export_lists_questions_per_step_and_every_source_once(engine):
    chat = Conversation(engine)
    chat.ask(WIFI)
    chat.ask("En bij camera's?")
    chat.ask("Wat is de hoofdstad van Australië?")  # declined: in the document, marked so
    chat.ask("Wat is CODIO?")  # a factual answer: its short answer, no denkraam block
    chat.ask("Welke bron zegt dat?")  # the sources of the CODIO answer, as a turn of its own
    assert [t.kind for t in chat.turns] == ["answer"] * 4 + ["sources"]
    md = to_markdown(chat.answered())
    assert md.count("**1. Doelen**") == 2
    declined = md.split("## Vraag: Wat is de hoofdstad van Australië?", 1)[1].split("## ")[0]
    assert declined.strip().startswith("_Niet beantwoord uit de teksten._")
    codio = md.split("## Vraag: Wat is CODIO?", 1)[1].split("## Vraag:")[0]
    assert "### Kort antwoord" in codio and "CODIO" in codio and "Vragen voor de raad" not in codio
    # The question after the sources lists that answer's sources, numbered as in the source list
    # at the end and in the CODIO section.
    pointed = md.split("## Vraag: Welke bron zegt dat?", 1)[1].split("## Bronnen")[0]
    assert pointed.strip().startswith("_De bronnen van het antwoord op: Wat is CODIO?_")
    listed = re.findall(r"^- \[(\d+)\] (.+)$", pointed, flags=re.M)
    assert [title for _, title in listed] == [c.title for c in chat.turns[3].answer.citations]
    assert {n for n, _ in listed} == set(re.findall(r"\[(\d+)\]", codio))
    sources = md.split("## Bronnen", 1)[1]
    ids = [c.passage_id for t in chat.turns if t.answer for c in t.answer.citations]
    for pid in set(ids):
        assert sources.count(f"{pid})") == 1, pid
    # Every [n] in the questions resolves to an entry of the source list.
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", md.split("## Bronnen")[0])}
    assert numbers == set(range(1, len(set(ids)) + 1))
    from docx import Document

    doc = Document(io.BytesIO(to_docx(chat.answered())))
    assert doc.core_properties.author == "Raadsgids digitalisering"
    # A4, as a griffie prints it, not the US Letter of python-docx's template.
    assert all((round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
               for s in doc.sections)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Inzet van sturing" in text and "cameratoezicht" in text and "Bronnen" in text
    assert "Niet beantwoord uit de teksten." in text
    assert "De bronnen van het antwoord op: Wat is CODIO?" in text
    assert "geen vragen" in to_markdown([])


def test_markup_in_a_question_stays_text_in_the_export(engine):
    chat = Conversation(engine)
    chat.ask("<script>alert(1)</script> wifi-telling?")
    assert "<script>" not in to_markdown(chat.answered())


def test_markdown_from_the_user_or_the_texts_makes_no_image_or_link(engine):
    image = "![x](http://192.0.2.1/a.png)"
    chat = Conversation(engine)
    chat.ask(WIFI)
    turn = chat.ask(f"En als er {image} bij komt?")
    assert turn.answer is not None and turn.answer.conditions
    shown = "\n".join(reply_sections(turn)[0])
    assert "192.0.2.1" in shown  # the words are shown, as words
    # No image or link: every square bracket from the message is escaped.
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", shown), shown
    answer = engine.ask(WIFI)
    c = answer.citations[0]
    answer.citations[0] = c.model_copy(update={"text": f"{c.text} {image}",
                                               "title": f"[{c.title}](x)"})
    panel = citation_panel(answer.citations[0])
    for markdown in (panel, render_markdown(answer)):
        assert "192.0.2.1" in markdown and "\\[x\\](http" in markdown
        assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", markdown)
    # The Markdown export is opened in viewers that render HTML too: no tag survives either.
    html = '<img src="http://192.0.2.1/b.png">'
    for turn in chat.turns:  # the export lists each passage once, from its first answer
        if turn.answer is not None and turn.answer.citations:
            turn.answer.citations[0] = turn.answer.citations[0].model_copy(
                update={"text": f"{html} {image}"})
    exported = to_markdown(chat.answered())
    assert "192.0.2.1/b.png" in exported and not re.search(r"(?<!\\)<img", exported)
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", exported)


def test_citation_panel_and_welcome(engine):
    answer = engine.ask(WIFI)
    panel = citation_panel(answer.citations[0])
    c = answer.citations[0]
    assert c.title in panel and c.text in panel and (c.publisher or "") in panel
    text = welcome(engine.index.documents)
    assert all(d["title"] in text for d in engine.index.documents.values())


def test_offline_html_drops_every_external_link():
    html = ('<html lang="en"><head><link rel="preconnect" href="https://192.0.2.1" />'
            '<link\n href="https://198.51.100.7/x.css"\n rel="stylesheet"\n/>'
            '<link rel="stylesheet" href="/assets/app.css"></head></html>')
    out = offline_html(html)
    assert "https://" not in out and '/assets/app.css' in out and '<html lang="nl"' in out


def test_the_page_names_the_indexed_texts_not_a_fixed_five(engine):
    import json

    from assistant.chat.page import app_root, write_corpus_texts

    root = app_root()
    assert root.stat().st_mode & 0o777 == 0o700  # the sessions' exports live under it
    documents = dict(engine.index.documents)
    documents["raadsvoorstel-parkeersensoren"] = {
        "title": "Raadsvoorstel parkeersensoren in het centrum", "publisher": None}
    for _ in range(2):  # a restart writes the same text again
        write_corpus_texts(root, documents)
    nl = json.loads((root / ".chainlit" / "translations" / "nl.json").read_text())
    assert nl["chat"]["watermark"].startswith("De raadsgids antwoordt alleen uit de 6 teksten")
    readme = (root / "chainlit.md").read_text()
    assert (root / "chainlit_nl.md").read_text() == readme  # the one Chainlit shows for nl
    assert "- *Raadsvoorstel parkeersensoren in het centrum*" in readme
    assert readme.count("- *Digitalisering in de portefeuille* (Future City Foundation)") == 1
    assert "vijf richtlijnteksten" not in readme + nl["chat"]["watermark"]
    # The page's description names the publishers of what is indexed, each once.
    config = (root / ".chainlit" / "config.toml").read_text()
    assert ('description = "Vragen voor de raad over digitale technologie, met bronnen uit '
            'teksten van Future City Foundation, Rathenau Instituut en Vereniging van '
            'Nederlandse Gemeenten (VNG)."') in config


def test_stored_panels_are_read_back_and_bad_metadata_is_ignored(engine):
    import json

    from assistant.chat.views import panels, stored_panels

    answer = engine.ask(WIFI)
    kept = panels(answer)
    assert kept and kept[0][0] == "[1]" and answer.citations[0].text in kept[0][1]
    assert stored_panels({"panels": [list(p) for p in kept]}) == kept
    assert stored_panels(json.dumps({"panels": kept})) == kept
    for bad in (None, "{kapot", {"panels": "x"}, {"panels": [["[1]"]]}, 42):
        assert stored_panels(bad) == []


def test_the_chat_reply_lists_each_document_once_and_leaves_follow_ups_to_the_buttons(engine):
    """The chat shows follow-up questions as buttons (app.py), so its reply has no second list of
    them; its source list names each document once, with the numbers and pages of its passages
    after it, where the command line and the export keep a line (and quote) per passage."""
    from assistant.render.markdown import render_sections

    turn = Conversation(engine).ask("Wat is wifi-telling?")
    assert turn.answer is not None and turn.answer.followups
    assert "Verder vragen" in render_markdown(turn.answer)
    shown = "\n".join(reply_sections(turn)[0])
    assert "Verder vragen" not in shown
    answer = engine.ask(WIFI)
    titles = [c.title for c in answer.citations]
    assert len(set(titles)) < len(titles)  # some document is cited for more than one passage
    sources = render_sections(answer, suggestions=False, compact=True)[-1]
    lines = [line for line in sources.splitlines()[2:] if line.strip()]
    assert len(lines) == len(set(titles))
    for title in set(titles):
        (line,) = [line for line in lines if line.startswith(f"*{title}*")]
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert numbers == [c.n for c in answer.citations if c.title == title], line


def test_the_export_holds_the_proposal_sentences_that_answered_a_question(engine):
    import json
    from pathlib import Path

    from assistant.chat.conversation import kept_sheet, kept_turn

    proposal = Path(__file__).parents[2] / "evals" / "worksheets" / "03-algoritme-bijstand.docx"
    chat = Conversation(engine)
    sheet = chat.review(proposal, proposal.name)
    turn = chat.ask("Hoe lang worden de risicoscores bewaard?")
    assert turn.proposal
    heading = f"### Uit het voorstel “{sheet.title}”"
    quote = turn.proposal[0].text
    exported = to_markdown(chat.answered())
    assert heading in exported
    assert f"- “{quote[:40]}" in exported.split(heading)[1]
    word = to_docx(chat.answered())
    from docx import Document

    paragraphs = [p.text for p in Document(io.BytesIO(word)).paragraphs]
    assert f"Uit het voorstel “{sheet.title}”" in paragraphs
    assert any(p.startswith(f"“{quote[:40]}") for p in paragraphs)
    # Kept with the conversation and read back when it is reopened.
    kept = json.loads(json.dumps([{"sheet": kept_sheet(sheet)}, {"turn": kept_turn(turn)}]))
    reopened = Conversation.restore(engine, kept)
    assert to_markdown(reopened.answered()) == exported
