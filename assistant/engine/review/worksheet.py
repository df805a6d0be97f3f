"""The worksheet of a proposal: per denkraam step, what the proposal says, what it leaves out,
and what to ask.

Every sentence of the proposal is embedded once (e5, as questions are); the proposal model of
the index (:mod:`.model`, learned from labelled sentences of proposals and of plans) gives the
probability that it speaks to each checklist item, from its meaning and the heading it stands
under. An item no sentence speaks to is a gap, stated in the step with the question that follows
from it; an item the proposal addresses gets the question on what its sentence says (the item's
probe), asking only the parts of it that the proposal does not answer elsewhere. Where the
proposal names a supplier's term in one place that outlasts the trial it names in another
(:mod:`.tensions`), a question puts the two side by side. A step left with few
questions gets the question bank's, exactly as for "what should I ask about this plan?": the
proposal's title and decision are the plan, so its technology, data, place, duration and cost
are the case's. The guidance passages the questions are cited to are the worksheet's citations,
next to the proposal's own pages.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import BaseModel, Field

from assistant.engine import details
from assistant.engine.answer.model import Answer, Citation, Claim, ValueItem
from assistant.engine.index.embedding import query_vectors
from assistant.engine.review.checklist import Part, checklist, has_figure, quotable
from assistant.engine.review.model import THRESHOLD, gap_threshold
from assistant.engine.review.proposal import Line, Proposal, read_proposal
from assistant.engine.review.tensions import READING, pick, quote_of, tensions
from assistant.engine.understanding.language import detect_language

if TYPE_CHECKING:
    from assistant.engine.service import Engine

# What a step shows of the proposal: the sentences closest to each item, at most this many.
QUOTES_PER_ITEM = 2
# Questions per step: one from periods named apart, then one per checklist item (from its gap, or
# from what the proposal says about it), at most this many; the bank's only where a step has
# fewer than BANK_FILL.
QUESTIONS_PER_STEP = 4
BANK_FILL = 2
# A bank question is left out when the proposal model reads it, from this probability, as about
# an item the proposal addresses. The model learned from statements, and reads questions less
# surely. On the bank's 726 questions (Dutch and English, slots neutral), those whose concern is
# an item's: from 0.3 the model's likeliest item is the question's own for 0.267 of the questions
# that reach it and 0.425 of those with an item; before the model read n-grams, 0.5 gave 0.236
# and 0.474.
ANSWERED = 0.3
# A question later in the conversation is about the proposal when the proposal model reads it as
# about a checklist item from this probability, or when a sentence of the proposal is this close
# to it (cosine); it is then answered with at most FOLLOWUP_QUOTES of its sentences. On fourteen
# questions about a proposal and beside it, those about an item reach 0.32 to 0.99 ("Hoe lang
# duurt de proef?" 0.32, "Hoe lang worden de risicoscores bewaard?" 0.86), the others at most
# 0.18 ("Wat is het denkraam?" 0.18, "Wat moet ik vragen over gezichtsherkenning?" 0.17).
ABOUT_ITEM = 0.3
ABOUT_SENTENCE = 0.88
FOLLOWUP_QUOTES = 3
# An amount asked for as recurring (details.rate_answers): any rate of time answers it.
RECURRING = frozenset({"recurring"})
# A question that follows from a gap is cited to the closest of this many guidance passages
# that speaks to its step.
SUPPORT_CANDIDATES = 40
# Where the title names no technology, the sentences among which the one naming it is sought.
CASE_SENTENCES = 25


class Quote(BaseModel):
    text: str
    page: int | None = None
    item: str  # the checklist item it speaks to
    citation: int  # its number among the worksheet's citations


class WorksheetStep(BaseModel):
    step: int
    name: str
    about: str
    says: list[Quote] = Field(default_factory=list)
    # Every page (of a PDF) with a sentence that speaks to the step, quoted or not.
    pages: list[int] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    missing_items: list[str] = Field(default_factory=list)
    questions: list[Claim] = Field(default_factory=list)


class SheetCitation(BaseModel):
    """A passage a worksheet cites: of a guidance text, or of the proposal itself (its file and
    page)."""

    n: int
    source: Literal["guidance", "proposal"]
    doc: str
    title: str
    publisher: str | None = None
    date: str | None = None
    passage_id: str | None = None
    page: int | None = None
    text: str


class Worksheet(BaseModel):
    file: str
    title: str
    subject: str | None = None
    language: str = "nl"
    pages: int | None = None
    has_decision: bool = True
    # Pages of a PDF that are scans: read by OCR (their quotes may hold misread words), or left
    # unread where no OCR is installed.
    scanned: list[int] = Field(default_factory=list)
    unread: list[int] = Field(default_factory=list)
    steps: list[WorksheetStep]
    public_values: list[ValueItem] = Field(default_factory=list)
    citations: list[SheetCitation] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)


@dataclass
class Reading:
    """A proposal as the worksheet read it: its sentences, their vectors and the checklist items
    each speaks to; kept by the conversation to answer questions about the proposal."""

    proposal: Proposal
    vectors: np.ndarray
    found: dict[int, list[tuple[float, int]]]
    reviewer: Reviewer

    def quotes_for(self, question: str) -> list[Line]:
        """The proposal's sentences that answer ``question``, best first; none when it is not
        about the proposal. A question the proposal model reads as about a checklist item
        (from :data:`ABOUT_ITEM`) gets that item's sentences closest to it; any question also
        gets a sentence very close to it (:data:`ABOUT_SENTENCE`)."""
        vector, p = self.reviewer.read_question(question)
        sims = self.vectors @ vector
        rows: list[int] = []
        best = int(np.argmax(p))
        if p[best] >= ABOUT_ITEM:
            rows = sorted((r for _, r in self.found.get(best, [])), key=lambda r: -sims[r])
        top = int(np.argmax(sims)) if len(sims) else -1
        if top >= 0 and sims[top] >= ABOUT_SENTENCE and top not in rows:
            rows.insert(0, top)
        return [self.proposal.lines[r] for r in rows[:FOLLOWUP_QUOTES]]


class Reviewer:
    """Reads proposals against the checklist with one engine (its embedding model, proposal
    model, analyser and question bank)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.items = checklist()
        self.model = engine.index.review

    def assign(self, scores: np.ndarray) -> dict[int, list[tuple[float, int]]]:
        """Per item, the (probability, sentence) pairs that speak to it, best first: from
        :func:`~assistant.engine.review.model.gap_threshold` of the proposal's length, so that
        an item without any is missing (the worksheet quotes only those from ``THRESHOLD``)."""
        found: dict[int, list[tuple[float, int]]] = {}
        floor = gap_threshold(len(scores))
        for i in range(len(self.items)):
            rows = np.flatnonzero(scores[:, i] >= floor)
            found[i] = sorted(((float(scores[r, i]), int(r)) for r in rows), reverse=True)
        return found

    def review(self, path: Path, display: str | None = None) -> Worksheet:
        """The worksheet of the proposal in ``path`` (``display``: its name as the user gave it;
        the size and page limits are the chat's settings)."""
        return self.read(path, display)[0]

    def read(self, path: Path, display: str | None = None) -> tuple[Worksheet, Reading]:
        """The worksheet, and the reading it was made from (for questions about the proposal
        later in the conversation)."""
        started = time.perf_counter()
        chat = self.engine.settings.chat
        proposal = read_proposal(path, int(chat.max_upload_mb * 1048576), chat.max_upload_pages,
                                 display, chat.max_ocr_pages)
        return self.from_proposal(proposal, display, started)

    def from_proposal(self, proposal: Proposal, display: str | None = None,
                      started: float | None = None) -> tuple[Worksheet, Reading]:
        """The worksheet and reading of a proposal read already (:func:`.proposal.read_proposal`);
        ``started`` is when reading it began, for the timings."""
        read = time.perf_counter()
        started = read if started is None else started
        texts = [ln.text for ln in proposal.lines]
        sections = [ln.section for ln in proposal.lines]
        vectors = query_vectors(self.engine.index.embed_model, texts)
        scores = self.model.proba(vectors, texts, sections)
        found = self.assign(scores)
        # What the proposal claims (a gain): which parts of the probes are asked.
        claimed = self.model.claims(vectors, texts, sections)
        mapped = time.perf_counter()
        answer = self.engine.ask(case_message(self.engine, proposal), use_llm=False)
        asked = time.perf_counter()
        sheet = self._sheet(proposal, found, answer, display, claimed)
        sheet.timings_ms = {"read": round((read - started) * 1000, 1),
                            "map": round((mapped - read) * 1000, 1),
                            "questions": round((asked - mapped) * 1000, 1),
                            "total": round((time.perf_counter() - started) * 1000, 1)}
        return sheet, Reading(proposal, vectors, found, self)

    def _sheet(self, proposal: Proposal, found: dict[int, list[tuple[float, int]]],
               answer: Answer, display: str | None, claimed: frozenset[str]) -> Worksheet:
        lang = answer.language
        citations: list[SheetCitation] = []
        guidance: dict[str, int] = {}  # passage id -> the worksheet's citation number

        def cite_passage(c: Citation) -> int:
            if c.passage_id not in guidance:
                citations.append(SheetCitation(
                    n=len(citations) + 1, source="guidance", doc=c.doc, title=c.title,
                    publisher=c.publisher, date=c.date, passage_id=c.passage_id, page=c.page,
                    text=c.text))
                guidance[c.passage_id] = len(citations)
            return guidance[c.passage_id]

        def cite_guidance(n: int) -> int:
            return cite_passage(answer.citation(n))

        quoted: dict[int, int] = {}  # sentence position -> citation number

        def cite_line(line: Line) -> int:
            if line.position not in quoted:
                citations.append(SheetCitation(
                    n=len(citations) + 1, source="proposal", doc=display or proposal.path.name,
                    title=proposal.title, page=line.page, text=line.text))
                quoted[line.position] = len(citations)
            return quoted[line.position]

        sections = {s.step: s for s in answer.denkraam}
        covered = {self.items[i].id for i, pairs in found.items() if pairs}
        # Whether the document puts a decision to the council: it has beslispunten or a sentence
        # about the decision. Where pages of a scan were left unread they may hold them, and the
        # gap's question still assumes a decision.
        has_decision = proposal.has_decision or "decision" in covered
        decided = has_decision or bool(proposal.unread)
        # An item no sentence reaches the gap threshold for is missing; one that some sentence
        # reaches it for but none THRESHOLD is neither missing nor quoted (the reading is not
        # sure enough to show a sentence as evidence). The sentences read surely answer the
        # parts of other items' probes too, looked up by item id.
        sure = {i: [(prob, r) for prob, r in pairs if prob >= THRESHOLD]
                for i, pairs in found.items()}
        surely = {self.items[i].id: [r for _, r in pairs] for i, pairs in sure.items()}
        framework = self.engine.index.framework
        steps: list[WorksheetStep] = []
        for step in framework.steps:
            sheet = WorksheetStep(step=step.step, name=step.name(lang), about=step.about(lang))
            shown: dict[int, str] = {}  # sentence position -> the item it is quoted for
            step_items = [(i, item) for i, item in enumerate(self.items) if item.step == step.step]
            for i, item in step_items:
                if not found[i]:
                    sheet.missing.append(item.missing.text(lang))
                    sheet.missing_items.append(item.id)
                    continue
                for _, row in sure[i][:QUOTES_PER_ITEM]:
                    shown.setdefault(row, item.id)
            sheet.pages = sorted({p for i, _ in step_items for _, row in sure[i]
                                  if (p := proposal.lines[row].page) is not None})
            for row in sorted(shown):  # in the proposal's order
                line = proposal.lines[row]
                sheet.says.append(Quote(text=line.text, page=line.page, item=shown[row],
                                        citation=cite_line(line)))
            # Per item the question that follows: from its gap, or from what the proposal says
            # about it (quoted, and cited to its page as well as to the guidance). The gaps'
            # questions first, then those on what the proposal says with a figure in it (an
            # amount, a period, a count the council can hold the executive to), then the rest.
            ranked: list[tuple[int, int, Claim]] = []
            for i, item in step_items:
                cites: list[int] = []
                if item.id in sheet.missing_items:
                    question, rank = item.gap_question(lang, decided), 0
                else:
                    said = _probe_line(proposal, sure[i])
                    if said is None:
                        continue
                    # What the proposal answers elsewhere (or in the quoted sentence) is not
                    # asked; an item it answers all of gets no question.
                    asked = tuple(p for p in item.parts_for(claimed)
                                  if not _answers(p, item.id, said, surely, proposal))
                    if not asked:
                        continue
                    question = item.probe_text(lang, said.text, parts=asked,
                                               elsewhere=not item.stands_under(said.section))
                    rank = 1 if has_figure(said.text) else 2
                    cites.append(cite_line(said))
                # Cited to the guidance passage closest to the question the gap raises (for a
                # quoted sentence, to the one its gap would have raised).
                support = self._support(step.step, question if rank == 0 else item.ask.text(lang))
                cites += [cite_passage(support)] if support else []
                ranked.append((rank, len(ranked), Claim(text=question, citations=cites)))
            # A question from two periods the proposal names in different places (a supplier's
            # term longer than the trial) first: it is the most particular to the proposal.
            for tension_id, question, rows in self._tensions(step.step, proposal, found, lang):
                cites = [cite_line(proposal.lines[row]) for row in rows]
                support = self._support(step.step, question)
                cites += [cite_passage(support)] if support else []
                ranked.append((-1, len(ranked), Claim(text=question, citations=cites,
                                                      bank_id=f"tension:{tension_id}")))
            sheet.questions = [c for _, _, c in sorted(ranked)[:QUESTIONS_PER_STEP]]
            # The question bank's, for the proposal as a case, only where the step has fewer
            # than BANK_FILL: they are general, and often ask what a proposal answers. A
            # question the proposal model reads as about an item the proposal addresses is left
            # out.
            bank = sections.get(step.step)
            for q in bank.questions if bank else []:
                if len(sheet.questions) >= BANK_FILL:
                    break
                # The case message is the proposal's title: what an answer probes there, the
                # worksheet asks from the proposal itself.
                if (q.bank_id or "").startswith("probe:") or self._answered(q.text, covered):
                    continue
                sheet.questions.append(Claim(text=q.text, bank_id=q.bank_id,
                                             citations=[cite_guidance(n) for n in q.citations]))
            steps.append(sheet)
        values = [v.model_copy(update={"citations": [cite_guidance(n) for n in v.citations]})
                  for v in answer.public_values]
        return Worksheet(file=display or proposal.path.name, title=proposal.title,
                         subject=answer.named or answer.subject, language=lang,
                         pages=proposal.pages, steps=steps,
                         has_decision=has_decision,
                         scanned=proposal.scanned, unread=proposal.unread,
                         public_values=values, citations=citations)

    def _tensions(self, step: int, proposal: Proposal,
                  found: dict[int, list[tuple[float, int]]], lang: str
                  ) -> list[tuple[str, str, tuple[int, ...]]]:
        """The step's questions from two periods the proposal names (``tensions.yaml``), each
        with its id and the sentences that name them: when the first side's period is longer
        than the second's. A sentence counts for an item from :data:`~.tensions.READING`, among
        the sentences the item counts as addressed by (``found``, :meth:`assign`), so that no
        question quotes a sentence for an item the worksheet reports missing. Of a group, the
        first tension whose shorter period the proposal names decides: a term is compared with
        the trial where there is one, and only else with the first evaluation."""
        if not len(proposal.lines):
            return []
        texts = {row: line.text for row, line in enumerate(proposal.lines)}
        ids = {item.id: i for i, item in enumerate(self.items)}

        def rows(items: tuple[str, ...]) -> set[int]:
            return {r for item in items for p, r in found[ids[item]] if p >= READING}

        out: list[tuple[str, str, tuple[int, ...]]] = []
        decided: set[str] = set()  # the groups whose shorter period was found
        for tension in tensions():
            if tension.step != step or tension.group in decided:
                continue
            short = pick(tension.short, texts, rows(tension.short.items), lang)
            if short is not None and tension.group:
                decided.add(tension.group)
            long = pick(tension.long, texts, rows(tension.long.items), lang)
            if long is None or short is None or long.months <= short.months:
                continue
            named = (long.row,) if long.row == short.row else (long.row, short.row)
            out.append((tension.id, tension.ask.text(lang).format(
                long=long.written, short=short.written,
                quote=quote_of(texts[long.row], long, lang)), named))
        return out

    def _answered(self, question: str, covered: set[str]) -> bool:
        """Whether a bank question is about an item the proposal addresses: the proposal model
        reads the question as it reads the proposal's sentences."""
        _, p = self.read_question(question)
        best = int(np.argmax(p))
        return bool(p[best] >= ANSWERED) and self.items[best].id in covered

    def read_question(self, question: str) -> tuple[np.ndarray, np.ndarray]:
        """A question as the proposal model reads the proposal's sentences (without a heading):
        its unit e5 vector and, per checklist item, the probability that it is about the item."""
        vector = self.engine.retriever.analyser.vector(question)
        vector = vector / (float(np.linalg.norm(vector)) or 1.0)
        return vector, self.model.proba(vector.reshape(1, -1), [question], [None])[0]

    def _support(self, step: int, question: str) -> Citation | None:
        """The guidance passage closest to the question of a checklist item (the question its gap
        raises), among those that speak to its step: what the item's question is cited to."""
        index = self.engine.index
        vector = self.engine.retriever.analyser.vector(question).reshape(1, -1)
        _, rows = index.vectors.search(vector, min(SUPPORT_CANDIDATES, index.vectors.ntotal))
        for row in rows[0]:
            passage = index.passages[int(row)] if row >= 0 else None
            if passage is not None and step in passage.steps:
                doc = index.documents.get(passage.doc, {})
                return Citation(n=0, doc=passage.doc, title=str(doc.get("title") or passage.doc),
                                publisher=doc.get("publisher"), date=doc.get("date"),
                                passage_id=passage.id, page=passage.page, text=passage.text)
        return None


def _probe_line(proposal: Proposal, pairs: list[tuple[float, int]]) -> Line | None:
    """The sentence a probe quotes: the likeliest of an item's that is a statement of its own
    (not a lead-in ending in a colon) and short enough to read out."""
    for _, row in pairs[:QUOTES_PER_ITEM + 1]:
        line = proposal.lines[row]
        if quotable(line.text):
            return line
    return None


def _answers(part: Part, item: str, quoted: Line, surely: dict[str, list[int]],
             proposal: Proposal) -> bool:
    """Whether the proposal answers ``part`` of item ``item``'s probe, which quotes ``quoted``: a
    sentence read surely as about one of the part's ``answered_by`` items does, stating one of
    its ``figures`` where it names them; of the probed item's own sentences the quoted one too,
    unless ``beside_quote`` (then neither it nor a sentence worded the same, as a summary repeats
    one, counts). Set on 16 development proposals whose questions a helper labelled as answered
    by the proposal or not: see docs/proposals.md."""
    said = " ".join(quoted.text.split())
    for other in part.answered_by:
        rows = surely.get(other, [])
        if other == item and part.beside_quote:
            rows = [r for r in rows if r != quoted.position
                    and " ".join(proposal.lines[r].text.split()) != said]
        if not part.figures and rows:
            return True
        if any(states_figure(proposal.lines[r].text, part.figures) for r in rows):
            return True
    return False


def states_figure(text: str, figures: tuple[str, ...]) -> bool:
    """Whether ``text`` states one of ``figures`` (:data:`~.checklist.FIGURES`): a detail
    details.py reads, or "yearly", an amount that recurs in time (per year, per month,
    structural)."""
    stated = details.stated(text)
    if "yearly" in figures and "amount" in stated and details.rate_answers(
            RECURRING, details.rates(text)):
        return True
    return bool(stated & set(figures))


def case_message(engine: Engine, proposal: Proposal) -> str:
    """The plan the bank's questions are chosen for, as a council member would ask about it:
    the title when the analyser reads a technology in it, else the sentence among the first
    ones where it reads one most surely ("Het model signaleert jongeren die ..." under a title
    such as "Op tijd erbij"), then the question what to ask about it."""
    lang = detect_language(" ".join([proposal.title, *(ln.text for ln in proposal.lines[:5])]))
    ask = "What should I ask about this?" if lang == "en" else "Wat moet ik hierover vragen?"
    analyser = engine.retriever.analyser

    def surety(text: str) -> float:
        query = engine.analyse(f"{text.rstrip('.')}. {ask}")
        if not (query.subject and query.names_technology):
            return 0.0
        return float(analyser.model.technology_probability(analyser.vector(query.subject)))

    best = (surety(proposal.title), proposal.title)
    if best[0] < analyser.model.scope_threshold:
        for line in proposal.lines[:CASE_SENTENCES]:
            best = max(best, (surety(line.text), line.text))
    return f"{best[1].rstrip('.')}. {ask}"


def review(engine: Engine, path: Path) -> Worksheet:
    return Reviewer(engine).review(path)
