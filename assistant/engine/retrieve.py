"""Hybrid retrieval: Dutch BM25 and dense vectors fused by weighted scores, then three calls:
is the question in scope, do the texts hold the detail it asks for, and which sentences answer it.

Fusion works on score vectors over all passages, but only in numpy: BM25 scores every passage
in one sparse product, FAISS returns the best :data:`CANDIDATES` rows (every row while the
corpus is no larger), and the bonuses are added through precomputed row lists. Only the best
:data:`CANDIDATES` passages become ranked hits; the composer, relevance and the answer's
sentences work on those, so no Python loop grows with the library:

* lexical: BM25 of the question's stems (misspellings corrected), plus 0.8 times the BM25 of its
  expansion (the Dutch names of framework concepts it mentions and the glossary translation of
  English words), divided by the best lexical score;
* dense: cosine similarity to the question, min-max scaled over the passages FAISS returned (a
  passage beyond them counts as the least similar of them);
* fused: ``(1 - w) * lexical + w * dense`` with ``w = settings.retrieval.dense_weight``, plus a
  small bonus for passages tagged with a topic the question names.

A publisher named in the question ("volgens de VNG", "the Rathenau framework") says which texts
to look in, not which words to match: its words leave the lexical query and that publisher's
passages get a bonus.

Scope comes from the texts: a question that names the domain (a framework concept, a
characteristic of a technology, a domain word, a publisher or title) is in scope; any other needs
most of its informative words, weighted by rarity, in one of the best passages (``coverage``),
or to come closer to a passage than any unrelated question does, by its dense vector (with a
word in common) or by its latent terms (across languages; index/latent.py). The details a
question asks for (an amount, a date, a person...) must appear in one of the sentences that best
answer it, and proper names it uses (a municipality, a law) must appear in the texts at all;
otherwise ``missing`` says what the texts do not say.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.engine import details
from assistant.engine.corpus.passages import Passage
from assistant.engine.framework import Characteristic
from assistant.engine.index.build import LoadedIndex
from assistant.engine.index.latent import has_latent_head, question_latent
from assistant.engine.query import Query, QueryAnalyser, source_phrases
from assistant.engine.text.words import STOPWORDS, fold, words
from assistant.engine.understanding.language import detect_language, language_data, mentions
from assistant.engine.understanding.model import case_text

EXPANSION_WEIGHT = 0.8
# The language the texts are written in (an English question's answer says so: ENGLISH_LEAD).
TEXTS_LANGUAGE = "nl"
# A passage tagged with a topic the question names. 0.15 was set on the seed texts alone; with a
# municipality's documents beside them it lifted seed passages over the document asked about
# (evals/added-dev: hit@1 0.648 at 0.15, 0.676 at 0.05; the reference, municipal and advice sets
# the same at both). In a municipality's document about one technology every passage is about it,
# and the tag falls on those that name it (the summary, the introduction) rather than on the one
# that holds what is asked: hit@1 at 0.05 / 0.03 / 0.02 / 0.01 / 0, municipal 0.875 / 0.917 /
# 0.917 / 0.917 / 0.917 (21 or 22 of 24), evals/added-dev2 0.486 / 0.486 / 0.514 / 0.514 / 0.514
# (18 or 19 of 37), the reference set 0.876 but 0.868 at 0 (106 or 105 of 121: a topic's own
# passage among the seed texts); added-dev and advice the same throughout. One question each: the
# margins are small. (On the held-out advice set it cost one hit@5, 13 to 12 of 25.)
TOPIC_BONUS = 0.02
VALUE_BONUS = 0.1
SOURCE_BONUS = 0.15
COVERAGE_PASSAGES = 3
# Passages ranked per question (and rows asked of FAISS): fusion, bonuses, relevance and the
# composer work on these.
CANDIDATES = 200
# Passages a detail asked for is looked for in (those above the calibrated floor or of the best
# passage's document, among the first DETAIL_PASSAGES), and how much less well than the best
# sentence a sentence holding it may answer the question (unless it names the party asked
# after).
DETAIL_PASSAGES = 20
DETAIL_MARGIN = 0.1
# How a sentence's score for a short answer is made (see Retriever.answer_sentences). Raw cosine
# similarity measured better than similarity rescaled per question (summary holds the answering
# phrase for 0.84 against 0.80-0.82 of the reference set's factual, why and how questions).
SENTENCE_WEIGHTS = {"similarity": 1.0, "overlap": 0.25, "passage": 0.2, "detail": 0.15}

_ROLES = (r"(directeur|voorzitter|wethouder|burgemeester|minister|hoogleraar|onderzoeker|"
          r"projectleider|director|chair|chairman|mayor|alderman|professor|project leader)")
# What a sentence must contain to answer a question asking for a place, a person, a rule or a
# name. Amounts, periods, dates, counts and percentages are read by details.py, in the forms
# texts write them.
ANSWER_TYPES = {
    "place": re.compile(r"\b(in|gemeente|te|stad|city of)\s+[A-Z][a-z]{2,}"),
    "person": re.compile(rf"\b{_ROLES}\s+(?:[A-Z]\.\s*)*[A-Z][a-z]+|[A-Z][a-z]+\s+(?:(?:van|de|der|"
                         rf"den)\s+)*[A-Z][a-z]+,?\s+{_ROLES}\b"),
    "rule": re.compile(r"\bartikel\s+\d|\b[A-Z]\w*wet\b|\bwet\b|\bAVG\b|\bGDPR\b|verordening|"
                       r"\bverplicht|\btoegestaan\b|\bverboden\b|\blaw\b"),
    "name": re.compile(r"(?<=[a-z,] )([A-Z]{2,}|[A-Z][a-z]{2,})\b"),
}
# The legal form after a company's name: "B.V.", "N.V.", "GmbH", "Ltd".
_LEGAL_FORM = re.compile(r"\b[A-Z][\w&-]*\s+(B\.\s?V\.|N\.\s?V\.|BV\b|NV\b|GmbH\b|Ltd\b|Inc\b|"
                         r"LLC\b|V\.O\.F\.|C\.V\.)")
# Which stated details answer a question asking for each: "wanneer wordt het geëvalueerd" is
# answered by "na achttien maanden" as well as by a date; "hoeveel huishoudens" by "een kwart".
ANSWERED_BY = {"amount": {"amount"}, "duration": {"duration"}, "date": {"date", "duration"},
               "count": {"count", "percentage"}, "percentage": {"percentage"}}
_PROPER = re.compile(r"(?<![\w-])((?:[A-Z][\w'’]*|[a-z]*[A-Z]{2,}\w*)"
                     r"(?:[ ](?:[A-Z][\w'’]*|[a-z]*[A-Z]{2,}\w*))*)")


_UNREAD = 255  # a sentence whose details are not read yet

# Nouns that count anything ("met hoeveel mensen"): any number answers them.
_GENERIC_COUNTED = frozenset("mensen personen keer maal stuks people persons times".split())


def _counts(query: Query, sentence: str, stated: frozenset[str]) -> bool:
    """Whether ``sentence`` gives a number of what the question counts: "hoeveel sensoren" is
    answered by "450 parkeersensoren" or "een kwart van de sensoren", not by a number of
    something else."""
    folded = query.folded
    at = next((i for i, w in enumerate(folded[:-1]) if w in ("hoeveel", "many")), None)
    noun = folded[at + 1] if at is not None else None
    asks = " ".join(folded[at:at + 1 + details.COMPARED_WITHIN]) if at is not None else ""
    if noun is None or noun in _GENERIC_COUNTED or details.compared(asks) is not None:
        # "hoeveel meer", "hoeveel ritten meer": a difference, which a text gives in its own
        # way, the noun before the figures ("het aantal ritten steeg van 41.300 naar 86.900");
        # any number close to the question is quoted for it, and never as the answer
        # (Retriever._details).
        return True
    if detect_language(sentence) != query.language:
        # The noun is read in the question's language: "complaints" cannot be matched word for
        # word in a Dutch sentence about "klachten", so there any number answers.
        return True
    head = noun[:5]  # "algoritmes" meets "algoritmen", "camera's" meets "camera"
    if "percentage" in stated and any(any(head in t for t in after)
                                      for after in details.words_after_share(sentence)):
        # "een kwart van de sensoren", "41 procent van de aanslagen"; not "300 bezwaarschriften
        # tegen aanslagen, waarvan 41 procent gegrond".
        return True
    # What the number numbers follows it, up to a preposition ("450 slimme draadloze
    # sensoren"; not "300 bezwaarschriften tegen naheffingsaanslagen" for a number of
    # naheffingsaanslagen), or, in a table or list, is its label ("Aantal camera's: 1").
    return (any(any(head in t for t in after) for after in details.words_after_figure(sentence))
            or bool(re.search(rf"{re.escape(head)}\w*(?:['’]s)?\s*:\s*\d", fold(sentence))))


@dataclass
class Hit:
    passage: Passage
    score: float
    lexical: float
    dense: float


@dataclass
class Sentence:
    """A sentence of one of the best passages, scored for how well it answers the question."""

    passage: Passage
    rank: int  # rank of its passage
    position: int  # position in the passage
    text: str
    score: float
    similarity: float
    previous: str | None = None  # the sentence before it in the passage
    base: float = 0.0  # the score before the bonus for holding the kind of detail asked for
    row: int = -1  # its row in the index's sentences
    holds: tuple[str, ...] = ()  # the details asked for that it states (Retriever._holds)


@dataclass
class Retrieval:
    """Ranked passages for a question: in scope or not, what detail is missing, which sentences
    answer it."""

    query: Query
    hits: list[Hit]
    relevance: float
    relevant: bool
    coverage: float
    closest: float = 0.0  # cosine similarity of the best passage
    # Cosine similarity of the latent terms of the closest passage, where scope looked at them.
    latent: float | None = None
    sentences: list[Sentence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # detail keys, or proper names the texts lack
    # The passages the details asked for were looked for in, and the sentences that hold them
    # (the best for each detail found).
    checked: list[str] = field(default_factory=list)
    holding: list[Sentence] = field(default_factory=list)
    # For a detail asked for that no sentence holds (a figure, an amount, a date, a period, a
    # share), the best sentence looked in that would have held it but for the year it is about
    # or what an amount is per ("in 2026 kwamen 263 klachten binnen" for 2025, a one-off amount
    # for a yearly one), answering the question as well as a holding sentence must; for a name,
    # a sentence of the best passage's document that names a company; for a difference asked
    # for ("hoeveel sneller"), the best sentence that holds a figure of its kind. The answer
    # quotes it under a caution instead of saying that the texts lack it.
    nearest: dict[str, Sentence] = field(default_factory=dict)
    # The details of a difference asked for that a sentence holds, though not surely as the
    # answer (they are in ``missing`` and ``nearest``): never said to be absent.
    differences: list[str] = field(default_factory=list)
    # What the passages were searched with: for a what-to-ask question, its technology with what
    # the message describes (see Retriever.query_vector).
    vector: Any = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def question(self) -> str:
        return self.query.text

    @property
    def language(self) -> str:
        return self.query.language


class Retriever:
    """Scores passages for a question with BM25, dense vectors and their fusion."""

    def __init__(self, index: LoadedIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.analyzer = index.analyzer
        bm25 = index.bm25.bm25
        n_docs = len(index.passages)
        indptr = np.asarray(bm25.scores["indptr"])
        df = {tok: int(indptr[i + 1] - indptr[i]) for tok, i in bm25.vocab_dict.items()
              if i + 1 < len(indptr)}
        self.analyser = QueryAnalyser(index.matcher, df, n_docs,
                                      source_phrases(index.matcher, index.documents),
                                      index.analyser, index.embed_model)
        self._n_docs = n_docs
        self._faiss = index.vectors  # row i is passage i
        # Tokens of a passage (title included) and of a sentence, made when first needed: only
        # the best passages and their sentences are ever looked at.
        self._tokens: dict[str, set[str]] = {}
        self._sentence_tokens: dict[int, frozenset[str]] = {}
        # Rows of the passages each topic and each document hold, for the bonuses.
        self._topic_rows: dict[str, list[int]] = {}
        self._doc_rows: dict[str, list[int]] = {}
        for pos, p in enumerate(index.passages):
            for topic in p.topics:
                self._topic_rows.setdefault(topic, []).append(pos)
            self._doc_rows.setdefault(p.doc, []).append(pos)
        self._value_bonus = np.array([VALUE_BONUS * min(len(p.values), 3) / 3
                                      for p in index.passages], dtype=np.float32)
        self._sentence_rows: dict[int, list[int]] = {}
        for row, (pos, _) in enumerate(index.sentences):
            self._sentence_rows.setdefault(pos, []).append(row)
        # The texts' words, sorted, to look up a proper name (or the start of a word it begins:
        # "Utrecht" in "Utrechtse") without a pass over the texts.
        self._words = sorted(self.analyzer.vocabulary)
        self._method: list[int] | None = None
        # The details each sentence states (details.py), by row, read when first needed.
        self._stated_rows = np.full(len(index.sentences), _UNREAD, dtype=np.uint8)
        # Below this cosine similarity a passage is as far from a question as unrelated questions
        # come to this corpus (calibrate.py, at `assistant index`).
        self.floors = {lang: float(f) for lang, f in index.manifest["calibration"]["floor"].items()}
        # The same for the passages' latent terms (latent.py), where the index has them.
        self.latent_floors = {lang: float(f) for lang, f in
                              index.manifest["calibration"].get("latent", {}).get("floor", {})
                              .items()} if index.latent is not None and has_latent_head(
                                  index.embed_model) else {}

    def analyse(self, question: str, previous: Query | None = None) -> Query:
        return self.analyser.analyse(question, previous)

    # -- the two sides ---------------------------------------------------------------------------

    def lexical_scores(self, query: Query) -> np.ndarray:
        bm25 = self.index.bm25
        scores = bm25.scores(query.tokens)
        if query.expansion:
            scores = scores + EXPANSION_WEIGHT * bm25.scores(query.expansion)
        return np.asarray(scores)

    def search_input(self, query: Query) -> str:
        """What the passages are searched with. For "what should I ask about X" the question
        frame says nothing about the texts to look in: X alone (with the conditions a follow-up
        added); a described or pasted plan says what the technology will do here (a trial, a
        supplier, the data kept) and is read with it, as the characteristics model reads it (the
        rest of the asking sentence and the description). Otherwise the question as the
        embedding model reads it (Query.search_text)."""
        if query.kind == "ask" and query.subject:
            return query.search or case_text(query.subject, query.described)
        return query.search_text

    def query_vector(self, query: Query) -> np.ndarray:
        # A question that is all of its message was embedded once already, by the analyser.
        if not (query.kind == "ask" and query.subject) and query.search is None \
                and not query.question and query.vector is not None and not query.corrected:
            return np.asarray(query.vector, dtype="float32").reshape(1, -1)
        return self.analyser.vector(self.search_input(query)).reshape(1, -1)

    def dense_scores(self, query: Query, vector: np.ndarray | None = None) -> np.ndarray:
        """Cosine similarity per passage; beyond the :data:`CANDIDATES` FAISS returns, the
        least of theirs."""
        vector = self.query_vector(query) if vector is None else vector
        k = min(self._faiss.ntotal, CANDIDATES)
        sims, rows = self._faiss.search(vector, k)
        valid = rows[0] >= 0
        floor = float(sims[0][valid].min()) if k < self._faiss.ntotal and valid.any() else 0.0
        out = np.full(self._n_docs, floor, dtype=np.float32)
        out[rows[0][valid]] = sims[0][valid]
        return out

    def method_rows(self) -> list[int]:
        """Passages by how closely they set out the method a what-to-ask answer follows: the
        framework's own description of the denkraam steps, read as one question. The Dutch
        descriptions are used whatever the question's language, because the texts are Dutch
        (the English ones found the method passages less well on evals/advice.jsonl)."""
        if self._method is None:
            text = " ".join(step.about_nl for step in self.analyser.matcher.framework.steps)
            k = min(self._faiss.ntotal, CANDIDATES)
            _, rows = self._faiss.search(self.analyser.vector(text).reshape(1, -1), k)
            self._method = [int(r) for r in rows[0] if r >= 0]
        return self._method

    def _with_method(self, query: Query, order: np.ndarray) -> list[int]:
        """A what-to-ask answer rests on two kinds of passage: those about the case and those
        setting out the method it is answered by. The ranking takes one method passage to every
        two about the case. It leads with the case when the case is a topic the texts treat
        (wifi-telling, cameratoezicht), and with the method otherwise: for a technology the
        texts do not name, the method is what they have to say. Measured on evals/advice.jsonl:
        hit@1 0.25 to 0.46, hit@5 0.58 to 0.83; the reference set unchanged (hit@5 0.950; one
        method passage to each case passage cost it 0.016)."""
        case = [int(i) for i in order]
        method = self.method_rows()
        pattern = "cmc" if query.topics else "mcc"
        out: list[int] = []
        seen: set[int] = set()
        sources = {"m": iter(method), "c": iter(case)}
        while len(out) < len(case):
            before = len(out)
            for kind in pattern:
                row = next((r for r in sources[kind] if r not in seen), None)
                if row is not None:
                    seen.add(row)
                    out.append(row)
            if len(out) == before:
                break
        return out[:len(case)]

    # -- relevance -------------------------------------------------------------------------------

    def coverage(self, query: Query, passages: list[Passage]) -> float:
        """Best share, over ``passages``, of the question's informative words one passage holds,
        weighted by rarity (a word the corpus lacks weighs most)."""
        total = sum(w for w, _ in query.weights)
        if not total:
            return 0.0
        best = 0.0
        for p in passages:
            tokens = self._passage_tokens(p)
            best = max(best, sum(w for w, stems in query.weights if stems & tokens) / total)
        return best

    def _passage_tokens(self, p: Passage) -> set[str]:
        tokens = self._tokens.get(p.id)
        if tokens is None:
            title = self.index.documents.get(p.doc, {}).get("title", "")
            tokens = self._tokens[p.id] = set(self.analyzer.tokens(f"{title}\n{p.cited_text}"))
        return tokens

    def _details(self, query: Query, sentences: list[Sentence], hits: list[Hit]
                 ) -> tuple[list[str], list[str], list[Sentence], dict[str, Sentence]]:
        """The details and proper names the question asks about that the texts do not hold, the
        passages looked in, the sentences that hold the details found, and for each detail of
        :data:`details.STATED` or name not found, the best sentence that would have held it but
        for the year it is about or what an amount is per (for a name: a company named in the
        best passage's document; for a difference asked for, "hoeveel sneller", the one that
        holds a figure of its kind, which is never taken as the answer), where there is one (see
        ``nearest`` of :class:`Retrieval`).

        A detail is looked for in every passage the answer could draw on: those of the first
        :data:`DETAIL_PASSAGES` of the ranking that are more similar to the question than any
        unrelated question comes to this corpus (``floor``, calibrated at ``assistant index``)
        or that belong to the first passage's document, and always the first. A sentence there
        holds it when it states that kind of detail as asked (in any of the forms details.py
        reads; per year if asked per year; how often if asked how often) and answers the
        question nearly as well as the best sentence does (within :data:`DETAIL_MARGIN`, before
        any bonus for the detail), so that a number about something else does not count; a name
        beside the party asked after ("als leverancier") counts however far down."""
        if query.kind in ("ask", "topic"):
            return [], [], [], {}
        out: list[str] = []
        holding: list[Sentence] = []
        nearest: dict[str, Sentence] = {}
        checked: set[str] = set()
        if query.details:
            # The passages above the floor, and those of the best passage's document: a detail
            # of the raadsvoorstel asked about may stand in any of its passages the ranking
            # reached, however little its wording has in common with the question's.
            floor = self.floor(query)
            first = hits[0].passage.doc if hits else None
            checked = {h.passage.id for i, h in enumerate(hits[:DETAIL_PASSAGES])
                       if i == 0 or h.dense > floor or h.passage.doc == first}
            # A sentence that can lead an answer: not a question, not a label. (Requiring a word
            # in common with the question lost English questions and inflected verbs:
            # "geëvalueerd" and "evalueert".)
            pool = [s for s in sentences if s.passage.id in checked
                    and len(s.text.split()) >= 4 and not s.text.endswith("?")]
            top_k = self.settings.retrieval.top_k
            best = max((s.base for s in sentences if s.rank < top_k), default=0.0)
            # A year the question names ("hoeveel meldingen in 2024") must be that of the
            # detail: a count for 2025 does not answer it.
            years = [t for t in details.tokens(query.asked) if details.is_year(t)]
            # A sentence that names the party asked after beside a name ("... is Vistrada
            # Security B.V. als leverancier gekozen" for "welke leverancier") answers however
            # little else it shares with the question.
            party = language_data(query.language).party_heads(query.asked)
            # A difference ("hoeveel sneller", "hoeveel meer"): a figure of its kind close to
            # the question may be the difference between other things (the time to another
            # destination, the saving of another service), which the check cannot tell apart,
            # so the best such sentence is quoted under the caution, not as the answer.
            difference = details.compared(query.asked) is not None
            for detail in query.details:
                found = [s for s in pool if detail in s.holds
                         and (s.base >= best - DETAIL_MARGIN
                              or detail == "name" and mentions(s.text, party))
                         and all(y in s.text or y in (s.previous or "") for y in years)]
                if found and difference and detail in details.STATED:
                    out.append(detail)
                    nearest[detail] = max(found, key=lambda s: s.base)
                    continue
                if found:
                    holding.append(max(found, key=lambda s: s.base))
                    continue
                out.append(detail)
                # The closest statement of that kind of detail: one that would have answered,
                # as close to the question as a sentence holding it must be, but for what it is
                # per or which year it is about ("in 2026" for 2025, a one-off amount for a
                # yearly one). From every passage looked in, not only the best passage's
                # document: an English question's best passage is the least sure.
                # For a name, that is a company's (with its legal form) named in the document the
                # question is most about (the best passage's), however little else it shares with
                # the question, as a supplier named beside the word asked after is found:
                # "Telpunt Systems B.V. ... als leverancier" for "welk merk".
                if detail == "name":
                    near = [s for s in pool if s.passage.doc == first
                            and _LEGAL_FORM.search(s.text)]
                else:
                    near = [s for s in pool if s.base >= best - DETAIL_MARGIN
                            and self._holds(query, detail, s, per=False)] \
                        if detail in details.STATED else []
                if near:
                    nearest[detail] = max(near, key=lambda s: s.base)
        # Names count only where the question asks about them, not in what it describes; a
        # month (a short form beside a day or a year) is part of a date, in either language.
        out += [name for name in self._proper_names(query.asked)
                if not details.names_a_month(name, query.asked)
                and self._unknown_words(name, query.corrected)]
        order = [h.passage.id for h in hits if h.passage.id in checked]
        unique = list({s.row: s for s in holding}.values())  # one sentence may hold two details
        return out, order, unique, nearest

    def floor(self, query: Query) -> float:
        """The calibrated floor of relatedness for the question's language."""
        return self.floors.get(query.language, max(self.floors.values()))

    def latent_floor(self, query: Query) -> float:
        """The calibrated floor of latent closeness for the question's language."""
        return self.latent_floors.get(query.language, max(self.latent_floors.values()))

    def latent_closeness(self, query: Query) -> float:
        """How close the latent terms of what the passages are searched with come to the
        closest passage's (cosine)."""
        vector = question_latent(self.index.embed_model, self.search_input(query))
        return float((self.index.latent @ vector.T).max()) if self.index.latent.shape[0] \
            else 0.0

    def _stated(self, s: Sentence) -> frozenset[str]:
        """The details sentence ``s`` states, kept per row as a bit mask (one byte a sentence,
        however large the library; writes from several threads store the same value)."""
        mask = int(self._stated_rows[s.row])
        if mask == _UNREAD:
            found = details.stated(s.text)
            self._stated_rows[s.row] = sum(1 << i for i, d in enumerate(details.STATED)
                                           if d in found)
            return found
        return frozenset(d for i, d in enumerate(details.STATED) if mask >> i & 1)

    def _holds(self, query: Query, detail: str, s: Sentence, per: bool = True) -> bool:
        """Whether sentence ``s`` states the kind of ``detail`` the question asks for; with
        ``per`` false, an amount per whatever it is per (a one-off amount for a yearly one).
        A count must count what was asked either way."""
        if detail == "count" and details.asks_how_often(query.asked):
            # "Hoe vaak" is answered by how often ("elk kwartaal", "drie keer", "in 14 procent
            # van de gesprekken"), not by a number of something.
            return details.frequency(s.text) or "percentage" in self._stated(s)
        if detail in ANSWERED_BY:
            stated = self._stated(s)
            if not ANSWERED_BY[detail] & stated:
                return False
            if detail == "amount" and per:
                # An amount asked for per year is not answered by a one-off amount, nor by one
                # per minute; one asked for per lamp post not by a total. What an amount is per
                # ("per lichtmast") is compared within one language only.
                asked = details.rates(query.asked)
                if asked and detect_language(s.text) != query.language:
                    asked = frozenset(r for r in asked if not r.startswith("per "))
                return details.rate_answers(asked, details.rates(s.text))
            if detail == "date" and per:
                # "Op welke datum", "in welke maand": a year or a season does not say it (it is
                # quoted as the closest statement instead).
                precision = details.date_asked(query.asked)
                return precision is None or details.precise_enough(s.text, precision)
            return detail != "count" or _counts(query, s.text, stated)
        if not ANSWER_TYPES[detail].search(s.text):
            return False
        if detail == "name":
            # A company's legal form ("VeiligZicht B.V.") names a company, though not the brand
            # of what it supplies; any other name answers "which supplier" only next to the word
            # the question used.
            words_of = language_data(query.language)
            party = words_of.party_heads(query.asked)
            if _LEGAL_FORM.search(s.text) and not set(party) & set(words_of.product_nouns):
                return True
            return mentions(s.text, party)
        return True

    def _begins_a_word(self, folded: str) -> bool:
        i = bisect.bisect_left(self._words, folded)
        return i < len(self._words) and self._words[i].startswith(folded)

    def _proper_names(self, text: str) -> list[str]:
        """Capitalised words and acronyms, those that follow each other as one name ("Den
        Bosch"), once each: names of places, laws, people. A sentence's first word is
        capitalised anyway: it starts a name only when it is neither a function word nor a word
        of the texts ("Den Bosch: ...", not "Welke Raad ..."), and a name of that word alone is
        not taken."""
        out: list[str] = []
        for m in _PROPER.finditer(text):
            name = m.group(1)
            if m.start() == 0 or text[:m.start()].rstrip().endswith((".", "?", "!")):
                first, _, rest = name.partition(" ")
                common = fold(first) in STOPWORDS or self.analyser.known(fold(first))
                name = rest if common or not rest else name
            name = name.strip("-'’")
            if name and name not in out:
                out.append(name)
        return out

    def _unknown_words(self, name: str, corrected: dict[str, str]) -> list[str]:
        """The words of ``name`` (of three letters or more) the texts do not hold: neither a
        word of theirs, nor the start of one ("Utrecht" in "Utrechtse"), nor an English word the
        glossary gives their Dutch for, nor a misspelling of one (``corrected``: "Kustwalet")."""
        glossary = self.index.framework.glossary
        if fold(name) in glossary:
            return []
        return [w for w in (corrected.get(w, w) for w in words(name) if len(w) > 2)
                if not self.analyser.known(w) and not self._begins_a_word(w)
                and w not in glossary]

    # -- sentences -------------------------------------------------------------------------------

    def _sentence_vector(self, query: Query, vector: np.ndarray) -> np.ndarray:
        """What the sentences of a short answer are compared with. For "what should I ask about
        X" that is X with what X does ("bodycams: gegevens over mensen in de openbare ruimte
        verzamelt"), so that a technology the texts never name is introduced by what they say
        about its kind; otherwise the question itself."""
        if query.kind != "ask" or not query.characteristics or not query.subject:
            return vector
        lang = query.language
        text = f"{query.subject}: " + "; ".join(
            c.name(lang) for c in Characteristic.prevailing(query.characteristics))
        return self.analyser.vector(text).reshape(1, -1)

    def answer_sentences(self, query: Query, hits: list[Hit], vector: np.ndarray, n: int
                         ) -> list[Sentence]:
        """Sentences of the first ``n`` passages, best answer first: similarity to the question
        (dense), rare question words they hold, the passage's own score, and the detail asked
        for."""
        out: list[Sentence] = []
        weights = query.weights
        total = sum(w for w, _ in weights) or 1.0
        top = max((h.score for h in hits[:CANDIDATES]), default=0.0) or 1.0
        for rank, hit in enumerate(hits[:n]):
            pos = self.index.position[hit.passage.id]
            rows = self._sentence_rows.get(pos, [])
            if not rows:
                continue
            sims = self.index.sentence_vectors[rows] @ vector[0]
            texts = [self.index.sentences[r][1] for r in rows]
            for i, (sim, text, row) in enumerate(zip(sims, texts, rows, strict=True)):
                tokens = self._sentence_tokens.get(row)
                if tokens is None:
                    tokens = self._sentence_tokens[row] = frozenset(self.analyzer.tokens(text))
                overlap = sum(w for w, stems in weights if stems & tokens) / total
                score = (SENTENCE_WEIGHTS["similarity"] * float(sim)
                         + SENTENCE_WEIGHTS["overlap"] * overlap
                         + SENTENCE_WEIGHTS["passage"] * hit.score / top)
                sentence = Sentence(hit.passage, rank, i, text, score, float(sim),
                                    texts[i - 1] if i > 0 else None, score, row)
                sentence.holds = tuple(d for d in query.details
                                       if self._holds(query, d, sentence))
                if sentence.holds:
                    sentence.score += SENTENCE_WEIGHTS["detail"]
                out.append(sentence)
        out.sort(key=lambda s: -s.score)
        return out

    # -- public ----------------------------------------------------------------------------------

    def retrieve(self, query: Query) -> Retrieval:
        started = time.perf_counter()
        lexical = self.lexical_scores(query)
        t_lex = time.perf_counter()
        vector = self.query_vector(query)
        t_embed = time.perf_counter()
        dense = self.dense_scores(query, vector)
        t_dense = time.perf_counter()

        lex_max = float(lexical.max()) if lexical.size else 0.0
        lex_norm = lexical / lex_max if lex_max > 0 else np.zeros_like(lexical)
        d_min, d_max = float(dense.min()), float(dense.max())
        dense_norm = (dense - d_min) / (d_max - d_min) if d_max > d_min else np.zeros_like(dense)
        w = self.settings.retrieval.dense_weight
        fused = (1 - w) * lex_norm + w * dense_norm
        if query.asks_values:
            # A question after "the values" prefers passages that name several of them.
            fused = fused + self._value_bonus
        if query.topics:
            fused = fused + _bonus(fused, self._topic_rows, [t.key for t in query.topics],
                                   TOPIC_BONUS)
        if query.source_docs:
            fused = fused + _bonus(fused, self._doc_rows, query.source_docs, SOURCE_BONUS)
        if fused.size > CANDIDATES:
            best = np.argpartition(-fused, CANDIDATES)[:CANDIDATES]
            order = best[np.argsort(-fused[best], kind="stable")]
        else:
            order = np.argsort(-fused, kind="stable")
        # Coverage is measured on the passages ranked for the question's own words.
        coverage = self.coverage(query, [self.index.passages[i]
                                         for i in order[:COVERAGE_PASSAGES]])
        rows = self._with_method(query, order) if query.kind == "ask" and query.subject \
            else order
        hits = [Hit(self.index.passages[i], float(fused[i]), float(lexical[i]), float(dense[i]))
                for i in rows]

        relevance = 0.5 + 0.5 * coverage if query.in_domain else 0.75 * coverage
        # A question whose best passage is closer to it than any unrelated question comes to
        # this corpus is in scope, however few of its words the best passages share (a
        # paraphrase), as long as they share one: e5's similarities lie close together, and
        # closeness alone also brings in everyday questions about the municipality.
        # A request for what to ask that names no technology and says nothing of digital
        # government (a square's new paving and benches) is not let in by closeness: what it
        # shares with the texts is the council's own vocabulary ("as a councillor").
        closest = float(dense.max()) if dense.size else 0.0
        by_closeness = query.in_domain or query.subject is not None or query.kind != "ask"
        relevant = relevance >= self.settings.retrieval.abstain_threshold or (
            by_closeness and closest > self.floor(query) and coverage > 0)
        # Otherwise, a question in another language than the texts' whose latent terms come
        # closer to a passage's than those of any unrelated question is in scope: the terms are
        # shared across languages, so an English question about a Dutch document counts without
        # a word in common (latent.py). Not a request for what to ask: its latent terms carry
        # what a council decides on, whatever the plan ("we decide on renovating the market
        # square ... what should I watch out for" came above the floor).
        latent = None
        if not relevant and query.kind != "ask" and query.language != TEXTS_LANGUAGE \
                and self.latent_floors:
            latent = self.latent_closeness(query)
            relevant = latent > self.latent_floor(query)
        # A question that compares texts looks further down the ranking for the other text; so
        # does a question about a technology the texts may not name: its kind is found further
        # down. A detail asked for is looked for further down still.
        top_k = self.settings.retrieval.top_k
        n = top_k + 5 if query.kind in ("compare", "ask") else top_k
        looked = max(n, DETAIL_PASSAGES) if query.details else n
        sentences = self.answer_sentences(query, hits, self._sentence_vector(query, vector),
                                          looked) if relevant else []
        missing, checked, holding, nearest = self._details(query, sentences, hits) \
            if relevant else ([], [], [], {})
        # A difference asked for: a figure of its kind was found, if not surely the one asked for.
        differences = [d for d in nearest if d in details.STATED] \
            if nearest and details.compared(query.asked) is not None else []
        if holding:
            # The passage that states the detail asked for answers the question best: it leads.
            first = list(dict.fromkeys(s.passage.id for s in holding))
            hits = sorted(hits, key=lambda h: first.index(h.passage.id)
                          if h.passage.id in first else len(first))
        ended = time.perf_counter()
        return Retrieval(
            query=query, hits=hits, relevance=relevance, relevant=relevant, coverage=coverage,
            closest=closest, latent=latent, sentences=[s for s in sentences if s.rank < n],
            missing=missing, checked=checked, holding=holding, nearest=nearest,
            differences=differences,
            vector=vector[0],
            timings_ms={"lexical": (t_lex - started) * 1000, "dense": (t_dense - t_lex) * 1000,
                        "embed": (t_embed - t_lex) * 1000,
                        "retrieve": (ended - started) * 1000},
        )


def _bonus(fused: np.ndarray, rows: dict[str, list[int]], keys: Iterable[str], amount: float
           ) -> np.ndarray:
    """``amount`` for every passage listed under one of ``keys``, once per passage however
    many of them it is listed under."""
    bonus = np.zeros_like(fused)
    bonus[list({r for key in keys for r in rows.get(key, ())})] = amount
    return bonus
