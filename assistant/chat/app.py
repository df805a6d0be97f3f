"""The Chainlit adapter: UI events in, engine calls out (started by `assistant chat`).

Settings and engine come prepared from :func:`assistant.chat.server.runtime`; nothing is loaded
here. All answering happens in :class:`~assistant.chat.conversation.Conversation`, all wording in
:mod:`assistant.chat.views` and all documents in :mod:`assistant.render.export`. Engine calls run in
a worker thread so that one user's question never blocks another's.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from collections.abc import Awaitable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

import chainlit as cl
from chainlit.data.base import BaseDataLayer
from chainlit.types import ThreadDict
from starlette.datastructures import Headers

from assistant.chat import views
from assistant.chat.conversation import Conversation, Turn, kept_sheet, kept_turn
from assistant.chat.limits import export_limits, pasted_question, question_limits
from assistant.chat.page import MUNICIPAL_LOGO
from assistant.chat.server import runtime
from assistant.chat.theme import logo_file
from assistant.engine.answer.model import Answer
from assistant.engine.review.worksheet import Worksheet
from assistant.intranet import accounts
from assistant.intranet.events import tell
from assistant.messages import nl
from assistant.render import export
from assistant.render.markdown import text

settings = runtime().settings
engine = runtime().engine
limits = question_limits(settings)  # shared with the socket guard, which admits typed questions
exports = export_limits()
log = logging.getLogger("assistant.chat")
if settings.chat.log_questions:  # off by default: questions can say a lot about a raadslid
    log.setLevel(logging.INFO)
    log.addHandler(logging.StreamHandler())

# --- who may use the chat (ASSISTANT_AUTH) -----------------------------------------------------

if settings.intranet.auth == "password":
    @cl.password_auth_callback
    async def password_login(username: str, password: str) -> cl.User | None:
        # bcrypt takes a while on purpose: off the event loop, so guessing slows no one else.
        if await cl.make_async(accounts.verify)(settings, username, password):
            return cl.User(identifier=username, metadata={"provider": "password"})
        return None

elif settings.intranet.auth == "header":
    @cl.header_auth_callback
    async def header_login(headers: Headers) -> cl.User | None:
        # The guard has dropped this header unless a trusted proxy sent it.
        name = headers.get(settings.intranet.auth_header)
        if name and accounts.NAME.match(name):
            return cl.User(identifier=name, metadata={"provider": "header"})
        return None

elif settings.intranet.auth == "jwt":
    @cl.header_auth_callback
    async def jwt_only(headers: Headers) -> cl.User | None:
        # Sign-in comes only from a token signed with the chat's secret (POST /auth/jwt, which
        # the widget calls with its accessToken); this callback just makes sign-in required.
        return None

if settings.history.keep and settings.intranet.auth != "none":
    @cl.data_layer
    def data_layer() -> BaseDataLayer:
        from assistant.intranet.history_layer import data_layer as history_layer

        kept = settings.history
        return history_layer(kept.database, kept.database_pool, kept.history_max_mb)


def in_widget() -> bool:
    return cl.context.session.client_type == "copilot"


def ask_actions(questions: list[str]) -> list[cl.Action]:
    return [cl.Action(name="ask", payload={"question": q}, label=q) for q in questions]


# The welcome's logo: the municipality's where ASSISTANT_THEME_LOGO names one (checked and put
# in place when the server started), else the assistant's.
WELCOME_LOGO = (f"/public/{MUNICIPAL_LOGO}{logo_file(settings.chat.theme_logo)[1]}"
                if settings.chat.theme_logo else "/public/logo_light.svg")


@cl.set_chat_profiles
async def chat_profiles(user: cl.User | None = None, language: str | None = None
                        ) -> list[cl.ChatProfile]:
    # One profile: it is how Chainlit's page shows a welcome text above the starters.
    return [cl.ChatProfile(
        name="Raadsgids", display_name="Raadsgids digitalisering", icon=WELCOME_LOGO,
        markdown_description=views.welcome(engine.index.documents),
        starters=[cl.Starter(label=label, message=message)
                  for label, message in views.starters(engine)],
        default=True)]


@cl.on_chat_start
async def start() -> None:
    # A first message can be answered before this runs (a client that asks as soon as it is
    # connected): its conversation is kept, or the next message would lose what it follows up.
    if cl.user_session.get("conversation") is None:
        cl.user_session.set("conversation", Conversation(engine))
    if in_widget():
        # The widget shows neither a profile's welcome text nor its starters: they come as its
        # first message, with the starters as buttons. Not stored: a thread begins with a
        # question.
        welcome = cl.Message(content=views.welcome(engine.index.documents, short=True),
                             actions=ask_actions([m for _, m in views.starters(engine)]))
        welcome.persisted = True
        await welcome.send()


@cl.on_chat_resume
async def resume(thread: ThreadDict) -> None:
    # An earlier thread reopened: its messages are shown, and the conversation goes on from
    # where it stood (follow-ups, the export, its worksheets' export), read back from what each
    # reply's metadata kept.
    steps = list(thread.get("steps") or [])
    conversation, became = await cl.make_async(Conversation.read_back)(
        engine, [views.stored_metadata(step.get("metadata")) for step in steps])
    cl.user_session.set("conversation", conversation)
    # Chainlit does not keep a message's buttons; they are sent again. The page keeps buttons
    # apart from messages and shows each under its message once the thread has arrived.
    sheets = 0  # numbered as the conversation holds them
    for step, read in zip(steps, became, strict=True):
        if isinstance(read, Worksheet):
            sheets += 1
            actions = sheet_actions(sheets)
        elif read is not None:
            actions = answer_actions(read.kind, read.answer)
        else:
            continue
        for action in actions:
            await action.send(for_id=str(step["id"]))
    # As when the answer was given: side panels on the page, "page" elements in the widget,
    # which shows them in its dialog.
    display: Literal["page", "side"] = "page" if in_widget() else "side"
    # Chainlit keeps no elements without a blob store, so each answer's citation panels come
    # back from the step's metadata, where they were kept as shown. Workaround: they are added
    # to the thread Chainlit sends to the page after this callback returns; elements sent from
    # here would arrive first and be replaced by that thread.
    restored = list(thread.get("elements") or [])
    for step in thread.get("steps") or []:
        for name, content in views.stored_panels(step.get("metadata")):
            element = cl.Text(name=name, content=content, display=display,
                              for_id=str(step["id"]), mime="text/plain")
            stored = await cl.context.session.persist_file(
                name=name, path=None, content=content, mime="text/plain")
            element.chainlit_key = stored["id"]
            # A resumed thread's elements are fetched by their url, not by their key; the
            # widget fetches from the intranet page, so there the url names the chat
            # (ASSISTANT_PUBLIC_URL, else the address it listens on).
            element.url = (f"{runtime().base_url if display == 'page' else ''}/project/file/"
                           f"{stored['id']}?session_id={cl.context.session.id}")
            restored.append(element.to_dict())
    thread["elements"] = restored


async def answer_safely(question: str, asked: cl.Message) -> None:
    """Chainlit would show an unexpected error's own text to the raadslid; here it gets one
    Dutch sentence, and the log one line without the question."""
    try:
        await answer(question, asked)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the chat goes on
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = (f"{tb.tb_frame.f_globals.get('__name__', '?')}.{tb.tb_frame.f_code.co_name}"
                 if tb is not None else "?")
        logging.getLogger("assistant.chat").error("Answering failed (%s in %s)",
                                                  type(exc).__name__, where)
        await cl.Message(content=nl.FAILED).send()


@cl.on_message
async def on_message(message: cl.Message) -> None:
    attached = [e for e in message.elements or [] if getattr(e, "path", None)]
    if attached:
        await review_safely(attached, message)
        return
    if limits.is_pasted(message.content):
        # Longer than a question may be (the socket guard admitted it as a paste): the text of
        # a proposal, read as an attached one is; a question it ends with is then answered
        # about it.
        await review_pasted(message.content, message)
        return
    await answer_safely(message.content, message)


async def review_safely(attached: list[Any], asked: cl.Message) -> None:
    """An attached proposal read along the denkraam; what goes wrong is one Dutch sentence."""
    try:
        await reading(review(attached, asked), "a proposal")
    finally:
        # The proposal is read once and not kept on disk: the worksheet holds what it quotes.
        forget_now(cl.context.session, [getattr(e, "chainlit_key", None) or e.id
                                        for e in attached])


async def reading(read: Awaitable[Any], what: str) -> Any:
    """``read`` awaited; whatever goes wrong is one Dutch sentence and a log line naming
    ``what`` was being read and the error's type, not its text (None then)."""
    try:
        return await read
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the chat goes on
        logging.getLogger("assistant.chat").error("Reading %s failed (%s)", what,
                                                  type(exc).__name__)
        await cl.Message(content=nl.FAILED).send()
        return None


async def review_pasted(pasted: str, asked: cl.Message) -> None:
    """A pasted proposal read along the denkraam, as an attached one: from a text file in a
    private folder that is removed as soon as it is read. Then the question the text ends with,
    if any ("... Hoe lang worden de metingen bewaard?"), answered as a follow-up about it,
    unless it asks what to ask; that question is not part of the proposal read."""
    question, proposal = pasted_question(pasted, settings.retrieval.max_question_chars)

    async def read() -> bool:
        with tempfile.TemporaryDirectory(prefix="raadsgids-paste-") as folder:
            path = Path(folder) / "voorstel.txt"
            path.write_text(proposal, encoding="utf-8")
            return await review_file(path, nl.PASTED_NAME, asked)

    if not (await reading(read(), "a pasted proposal") and question):
        return
    # A request for what to ask about it ("Wat moet ik hierover vragen?") has the worksheet for
    # its answer; read on its own it names nothing the texts cover. It is read as a message of
    # its own: the conversation's earlier question says nothing of what the paste asks.
    query = await reading(cl.make_async(engine.analyse)(question), "a pasted question")
    if query is not None and query.kind != "ask":
        await answer_safely(question, asked)


async def conversation_unless_busy() -> Conversation | None:
    """The session's conversation (begun if there is none); None, with the raadslid told so,
    while this replica is too busy to take more."""
    refusal = limits.busy()
    if refusal:
        await refuse(refusal)
        return None
    conversation: Conversation = cl.user_session.get("conversation") or Conversation(engine)
    cl.user_session.set("conversation", conversation)
    return conversation


async def review(attached: list[Any], asked: cl.Message) -> None:
    first = attached[0]
    name = str(getattr(first, "name", None) or "voorstel")
    notes = [nl.PROPOSAL_ONE_FILE.format(name=name)] if len(attached) > 1 else []
    await review_file(Path(first.path), name, asked, notes)


async def review_file(path: Path, name: str, asked: cl.Message, notes: Sequence[str] = ()
                      ) -> bool:
    """Reply to ``asked`` with the worksheet of the proposal at ``path`` (``name`` as the
    raadslid knows it), after ``notes``; whether it was read (not when the replica is busy or
    the proposal cannot be read: then one sentence says why)."""
    from assistant.errors import ProposalError
    from assistant.render.worksheet import to_markdown

    conversation = await conversation_unless_busy()
    if conversation is None:
        return False
    limits.waiting += 1
    try:
        sheet = await cl.make_async(conversation.review)(path, name)
    except ProposalError as exc:
        reply = cl.Message(content=text(" ".join([*notes, str(exc)])))
        await stored(asked, reply)
        await reply.send()
        return False
    finally:
        limits.waiting -= 1
    panels = views.sheet_panels(sheet)
    display: Literal["page", "side"] = "page" if in_widget() else "side"
    reply = cl.Message(content="\n\n".join([*(text(n) for n in notes),
                                            to_markdown(sheet, compact=True)]))
    elements: list[cl.Element] = [cl.Text(name=n, display=display, content=c)
                                  for n, c in panels]
    reply.elements = elements
    reply.actions = sheet_actions(len(conversation.sheets))
    reply.metadata = {"panels": panels, "sheet": kept_sheet(sheet)}
    await stored(asked, reply)
    await reply.send()
    return True


def forget_now(session: Any, keys: list[str | None]) -> None:
    """Remove the session's files ``keys`` from disk and from the session at once."""
    for key in keys:
        entry = session.files.pop(key, None) if key else None
        if entry:
            Path(entry["path"]).unlink(missing_ok=True)


def user_key() -> str:
    user = cl.user_session.get("user")
    return str(getattr(user, "identifier", None) or cl.context.session.id)


async def refuse(sentence: str) -> None:
    """The refusal shown, not stored, as the socket guard refuses a typed question."""
    await tell(cl.context.session, sentence)


@cl.action_callback("ask")
async def on_suggestion(action: cl.Action) -> None:
    question = str(action.payload.get("question", ""))
    refusal = limits.admit(user_key(), question, paste=False)
    if refusal:
        await refuse(refusal)
        return
    asked = cl.Message(content=question, type="user_message")
    await asked.send()
    # In a run, as Chainlit answers a typed question: the page shows copy and feedback buttons
    # for runs only.
    async with cl.Step(name="on_message", type="run", parent_id=asked.id):
        await answer_safely(question, asked)


async def stored(*messages: cl.Message) -> None:
    """Write ``messages`` to the history and wait for it. Chainlit writes a message in a task of
    its own after showing it, so a replica killed in between lost answers the raadslid had
    seen; an answer is shown complete only once it is stored (or its write has failed and the
    raadslid has been told)."""
    from chainlit.data import get_data_layer
    from chainlit.utils import utc_now

    layer = get_data_layer()
    if layer is None:
        return
    for message in messages:
        message.created_at = message.created_at or utc_now()
        message.streaming = False  # as send() would make it; stored as finished
        await layer.create_step(message.to_dict())
        message.persisted = True


async def answer(question: str, asked: cl.Message) -> None:
    user = cl.user_session.get("user")
    if settings.chat.log_questions:
        log.info("question from %s: %s", getattr(user, "identifier", "-"), question[:500])
    # The question was admitted (counted) before it was stored; only a replica that filled up
    # since is left to refuse it.
    conversation = await conversation_unless_busy()
    if conversation is None:
        return
    reply = cl.Message(content="")
    streamed = ""

    def on_text(sentence: str) -> None:
        # A language model's checked sentences, shown as they are written (worker thread).
        nonlocal streamed
        words, marks = _MARKS.fullmatch(sentence).groups()  # type: ignore[union-attr]
        token = (views.summary_heading(conversation.language) if not streamed else " ") \
            + text(words) + marks  # escaped as the finished answer is (render.text)
        streamed += token
        cl.run_sync(reply.stream_token(token))

    limits.waiting += 1
    try:
        turn: Turn = await cl.make_async(conversation.ask)(
            question, on_text if engine.llm is not None else None)
    finally:
        limits.waiting -= 1
    sections, answer = views.reply_sections(turn)
    panels = (views.panels(answer) if answer is not None else []) + views.proposal_panels(turn)
    # Every [n] opens its passage. On the page as a side panel; in the widget as a dialog, for
    # which "page" elements serve: the widget has no pages and shows them in its dialog, and
    # unlike side elements they do not open by themselves when the answer arrives.
    display: Literal["page", "side"] = "page" if in_widget() else "side"
    elements: list[cl.Element] = [cl.Text(name=name, display=display, content=content)
                                  for name, content in panels]
    reply.elements, reply.actions = elements, answer_actions(turn.kind, answer)
    reply.metadata = {"panels": panels} if panels else {}
    kept = kept_turn(turn)
    if kept:  # what a reopened conversation goes on from
        reply.metadata["turn"] = kept
    # The short answer first, then the denkraam questions, values and sources; what a language
    # model's sentences already showed is continued, or replaced when the answer changed.
    full = "".join(("\n" if i else "") + section for i, section in enumerate(sections))
    if streamed and not full.startswith(streamed):
        reply.content = ""
        await reply.update()
        streamed = ""
    rest = full[len(streamed):]
    for i, section in enumerate(rest.split("\n### ")):
        await reply.stream_token(("\n### " if i else "") + section)
    await stored(asked, reply)
    await reply.send()


def answer_actions(kind: str, answer: Answer | None) -> list[cl.Action]:
    """The buttons under a reply: an answer offers its follow-up questions (a factual one, the
    denkraam questions about its subject) and the export; a declined question, questions the
    texts do cover."""
    if kind == "answer" and answer is not None and not answer.abstained:
        return [*ask_actions(answer.followups),
                cl.Action(name="export", payload={}, label=nl.EXPORT_LABEL, icon="file-down")]
    if answer is not None and answer.abstained:
        return ask_actions(answer.suggestions)
    return []


def sheet_actions(number: int) -> list[cl.Action]:
    """The button under the ``number``-th worksheet of the conversation (from 1)."""
    return [cl.Action(name="export_sheet", payload={"n": number}, label=nl.EXPORT_SHEET_LABEL,
                      icon="file-down")]


@cl.action_callback("export")
async def on_export(action: cl.Action) -> None:
    if not await may_export():
        return
    conversation: Conversation | None = cl.user_session.get("conversation")
    answered = conversation.answered() if conversation else []
    today = date.today()
    markdown = export.to_markdown(answered, today)
    docx = await cl.make_async(export.to_docx)(answered, today)
    await send_documents(f"raadsvragen-digitalisering-{today.isoformat()}", markdown, docx,
                         nl.EXPORT_DONE)


async def may_export() -> bool:
    """Whether this user may export now (a limit per minute, counted here); if not, they are told
    why."""
    refusal = exports.refusal(user_key())
    if refusal:
        await refuse(refusal)
    return not refusal


async def send_documents(stem: str, markdown: str, docx: bytes, sentence: str) -> None:
    """Offer a document as Markdown and Word for download, with ``sentence`` (which names the
    minutes they stay), and remove the files from disk after those minutes: the conversation's
    questions and a proposal's quotes should not lie there for the rest of the session."""
    files = [
        cl.File(name=f"{stem}.md", content=markdown.encode("utf-8"), mime="text/markdown",
                display="inline"),
        cl.File(name=f"{stem}.docx", content=docx, display="inline",
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    await cl.Message(content=sentence.format(minutes=f"{settings.chat.export_minutes:g}"),
                     elements=files).send()
    removal = asyncio.create_task(forget_files(
        cl.context.session, [f.chainlit_key for f in files if f.chainlit_key],
        settings.chat.export_minutes * 60))
    _removals.add(removal)
    removal.add_done_callback(_removals.discard)


@cl.action_callback("export_sheet")
async def on_export_sheet(action: cl.Action) -> None:
    from assistant.render.worksheet import to_docx as sheet_docx
    from assistant.render.worksheet import to_markdown as sheet_markdown

    if not await may_export():
        return
    conversation: Conversation | None = cl.user_session.get("conversation")
    sheets = conversation.sheets if conversation else []
    number = action.payload.get("n")
    if not sheets or not isinstance(number, int) or not 1 <= number <= len(sheets):
        await refuse(nl.EXPORT_SHEET_GONE)
        return
    sheet = sheets[number - 1]
    docx = await cl.make_async(sheet_docx)(sheet)
    await send_documents(f"werkblad-{Path(sheet.file).stem}"[:80], sheet_markdown(sheet), docx,
                         nl.EXPORT_SHEET_DONE)


# A checked sentence as the language model's writer passes it on: its words, then its marks.
_MARKS = re.compile(r"(.*?)((?: \[\d+\])*)", re.DOTALL)
_removals: set[asyncio.Task[None]] = set()  # kept, so that a pending removal is not collected


async def forget_files(session: Any, keys: list[str], seconds: float) -> None:
    """After ``seconds``, remove the session's files ``keys`` from disk and from the session;
    a download after that gets Chainlit's "not found"."""
    await asyncio.sleep(seconds)
    for key in keys:
        entry = session.files.pop(key, None)
        if entry:
            Path(entry["path"]).unlink(missing_ok=True)
