"""The analysed question: made once per message, read by retrieval, the composer and the chat.

:class:`QueryAnalyser` turns a message into a :class:`Query`. What is learned comes from the
trained analyser (:mod:`assistant.engine.understanding`): the part that asks apart from what is
described or pasted, the kind of question (what to ask, factual, why, how, yes-no, compare, a bare
topic, or a kind of follow-up), and the technology or plan as the user wrote it. What a
technology does (its characteristics) is learned from labelled cases, read from the technology
with what the message describes of it. The rest is read from the
texts and the language files: the details the question part asks for, misspelt words corrected to
words of the texts, the framework concepts and publishers it names.

A follow-up in a conversation is not analysed from scratch: :meth:`QueryAnalyser.analyse` with the
previous query derives a new one from it (a new condition, why, values, sources, another
technology), keeping its subject, characteristics and conditions, and the message that named the
technology; after a why, from the question the why was about.
"""

from __future__ import annotations

import dataclasses
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.engine import details as detail_forms
from assistant.engine.framework import Characteristic, Concept, Matcher
from assistant.engine.text import lexicon
from assistant.engine.text.words import ARTICLES, DUTCH_STOPWORDS, STOPWORDS, fold, words
from assistant.engine.understanding.labelled import FOLLOWUP_KINDS, STANDALONE_KINDS
from assistant.engine.understanding.language import (
    detect_language,
    language_data,
    question_frame,
)
from assistant.engine.understanding.model import (
    CONTEXT,
    WORDS_ASK_MIN,
    AnalyserModel,
    case_text,
    described_of,
    named_alone,
    phrase_form,
    subject_phrase,
)
from assistant.engine.understanding.split import split

# When the second reading of a question is at least this likely, the answer offers it.
ALTERNATIVE_MIN = 0.25
# A message with this many sentences and none of them asking is a pasted document.
DOCUMENT_SENTENCES = 3
# Question vectors kept by text (see QueryAnalyser.vector).
VECTOR_CACHE = 256
# The weight of a candidate subject's log-odds of naming a technology (by its meaning) beside its
# span ranker score, when the best phrase of each mention is weighed, and how far below the best
# ranker score a mention may be to be weighed at all (each one weighed is embedded). In a one-off
# cross-validation of this path over the 2,310 labelled questions and cases (technologies left
# out; the technology classifier had been trained on all labelled phrases, which flatters its
# share): word F1 0.780 weighing every mention (2.03 embedded per message), 0.779 within 4 (1.12),
# 0.777 within 2 (0.48), 0.756 for the ranker's first alone.
SUBJECT_MEANING_WEIGHT = 1.0
SUBJECT_MARGIN = 4.0
# How much likelier a follow-up is right after an answer, for a message that names no technology
# of its own (chosen on the development conversations, see QueryAnalyser.analyse): 12 gets 16 of
# 16 and 15 of 20 of them right at every turn, 8 gets 16 and 14 with the analyser trained here
# ("which public values are at stake?" after an answer reads as 0.91 what to ask, 0.09 values).
FOLLOWUP_PRIOR = 12.0
FOLLOWUP_NAMES = {k: k.removeprefix("followup_") for k in FOLLOWUP_KINDS}

# The kinds whose answer may put the technology in the council's questions (a follow-up keeps
# the name of the question before it; a swap names its new technology).
NAMED_KINDS = ("ask", "topic")
# Where a sentence starts: the capital of a word there is the sentence's, not the word's.
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s)[\s\"'“‘(]*$")
# What a subject phrase may not carry into the answer's Markdown (see QueryAnalyser._subject).
_MARKUP = re.compile(r"[\[\]()<>!*_`#|\\{}~]")


@dataclass
class Query:
    """A question analysed once (see the module docstring)."""

    text: str
    language: str
    kind: str
    subject: str | None
    details: list[str]
    folded: list[str]
    tokens: list[str]  # BM25 tokens: corrected words, without the question frame and publishers
    expansion: list[str]  # BM25 tokens of concept names and glossary translations
    topics: list[Concept] = field(default_factory=list)
    values: list[Concept] = field(default_factory=list)
    instruments: list[Concept] = field(default_factory=list)
    characteristics: list[Characteristic] = field(default_factory=list)
    # What the learned model is unsure the technology does (likeliest first): the answer asks
    # about the first two the question bank has a question for (bank/select.py).
    unsure: list[Characteristic] = field(default_factory=list)
    # How likely the learned model read each characteristic it has a model for, where it read the
    # technology (else empty), and 1.0 for what the name of a technology named alone or a
    # follow-up's condition says it does: which ones are only likely (case.likely_of) and so do
    # not lead the answer as most at stake.
    characteristic_probabilities: dict[str, float] = field(default_factory=dict)
    # A what-to-ask question or bare topic whose subject names a technology: the learned model
    # read its characteristics with what the message describes (else they are trigger words).
    names_technology: bool = False
    source_docs: set[str] = field(default_factory=set)
    publishers: list[frozenset[str]] = field(default_factory=list)  # documents per named publisher
    corrected: dict[str, str] = field(default_factory=dict)
    weights: list[tuple[float, frozenset[str]]] = field(default_factory=list)
    in_domain: bool = False
    asks_values: bool = False
    question: str = ""  # the part that asks ("" reads as all of ``text``)
    context: str = ""  # what the message describes or quotes besides its question
    conditions: list[str] = field(default_factory=list)  # added by follow-ups ("een proef")
    followup: str | None = None  # condition, why, values, sources or swap: how it was derived
    alternative: str | None = None  # the other likely kind, offered to the user
    probabilities: dict[str, float] = field(default_factory=dict)
    only_context: bool = False  # a pasted document without a question
    vector: Any = None  # e5 vector of the part that asks
    search: str | None = None  # what retrieval embeds when it is not the question itself
    # The technology as the council's questions name it: the short name inside ``subject``
    # ("luchtkwaliteitsmeters" of "luchtkwaliteitsmeters die de gemeente huurt van Sensaris")
    # with the article the user wrote before it (:func:`named_form`), definite where it was
    # indefinite or, in Dutch, missing and the noun's article is known ("de chatbot" for "een
    # chatbot" or "chatbot", see text/articles.py).
    name: str | None = None
    # For a why follow-up: the query whose answer it asks about. The conversation's question
    # is still that one, so a new condition, the values or another technology build on it,
    # not on the why (QueryAnalyser._derive).
    explains: Query | None = None
    # For a follow-up: the message that named its technology (a swap's own message), where the
    # case reads its particulars and what the technology does as well as in the follow-up.
    origin: str = ""

    @property
    def asked(self) -> str:
        return self.question or self.text

    @property
    def described(self) -> str:
        """What the message says of its technology: the rest of the asking sentence and what it
        describes besides (:func:`.understanding.model.described_of`)."""
        return described_of(self.subject or "", self.asked, self.context)

    @property
    def search_text(self) -> str:
        """What the embedding model reads: the question (misspellings corrected) with what it
        describes, or for a follow-up the question it was derived into."""
        if self.search:
            return self.search
        return _apply_corrections(self.text, self.corrected)


# A word of the language is taken for a misspelling of a word of the texts only when that word is
# this many times as common in Dutch. Of the 60 different Dutch words the corrector rewrote in the
# development questions and labelled messages, the word it chose was at most 69 times as common
# ("stapt" and "staat"); of the misspellings found in the word lists, at least 330 times
# ("beelen" and "beelden", "camara" and "camera").
MISSPELLING_RATIO = 100
# A word the word lists count this often is a word, however much commoner its neighbour is: the
# subtitles the lists were counted in rarely say "parken", "gevel" or "houder" (386, 161 and 426
# times), and the ratio alone rewrote them to "pakken", "geval" and "houden". Of the 23 words the
# corrector rewrote in the labelled messages and development questions, 8 of the 10 wrong ones
# were counted 155 to 2,012 times; the other two ("regiodeal", "securitas") and the 13
# misspellings 0 times. Most listed words sit at the lists' floor of 50 (listed, never counted),
# a misspelling the lists hold among them ("camara"): the threshold means "counted above it".
WORD_COUNT = 100


class QueryAnalyser:
    """Analyses questions against one index: its vocabulary, document frequencies, framework."""

    def __init__(self, matcher: Matcher, df: dict[str, int], n_docs: int,
                 sources: list[tuple[tuple[str, ...], frozenset[str]]],
                 model: AnalyserModel, embed: Any) -> None:
        self.model = model
        self.embed = embed  # get_query_embedding(text) -> vector
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._characteristics = {c.key: c for c in matcher.framework.characteristics}
        self.matcher = matcher
        self.analyzer = matcher.analyzer
        self.df = df
        self.n_docs = max(n_docs, 1)
        self.sources = sources
        self.vocabulary = self.analyzer.vocabulary
        self._by_prefix: dict[str, list[str]] = {}
        for w in self.vocabulary:
            self._by_prefix.setdefault(w[:1], []).append(w)
        self._stopwords = STOPWORDS
        lexicon.load("nl", "en")

    # -- words -----------------------------------------------------------------------------------

    def known(self, word: str) -> bool:
        """Whether the texts (or the framework) use this word, a form of it or its parts."""
        return word in self.vocabulary or any(
            s in self.df for s in self.analyzer.analyse_word(word))

    def in_texts(self, word: str) -> bool:
        """Whether the indexed texts themselves (not the framework) use this word or its parts."""
        return any(s in self.df for s in self.analyzer.analyse_word(fold(word)))

    def correct(self, word: str) -> str | None:
        """The word of the texts this unknown word is most likely a misspelling of, if any. A
        word of Dutch or English the texts happen not to use ("politie" beside their "politiek")
        is no misspelling, unless it is rare (below :data:`WORD_COUNT`) and the word of the
        texts is :data:`MISSPELLING_RATIO` times as common in Dutch
        (:mod:`assistant.engine.text.lexicon`): the word lists hold a few misspellings
        ("camara", 50 times against "camera"'s 22,822)."""
        if len(word) < 5 or self.known(word):
            return None
        limit = 1 if len(word) < 9 else 2
        candidates = [c for c in self._by_prefix.get(word[:1], [])
                      if abs(len(c) - len(word)) <= limit]
        # Optimal string alignment: edits and adjacent transpositions ("sensro"), at most
        # ``limit``; the nearest word wins, and of equally near words the first alphabetically.
        found = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit,
                                limit=None)
        fix = min(((d, c) for c, d, _ in found), default=(0, None))[1]
        if fix is None:
            return None
        own = max(lexicon.count(word, lang) for lang in ("nl", "en"))
        if own >= WORD_COUNT or (own and lexicon.count(fix, "nl") < MISSPELLING_RATIO * own):
            return None
        return fix

    def _content(self, folded: list[str], lang: str) -> list[str]:
        frame = question_frame()
        return [w for w in folded if len(w) >= 2 and w not in frame
                and w not in self._stopwords and not w.isdigit()]

    def forget_vectors(self) -> None:
        """Empty the question-vector cache (for benchmarks that measure a fresh question)."""
        with self._lock:
            self._vectors.clear()

    def vector(self, text: str) -> np.ndarray:
        """The e5 question vector of ``text``; the last few are kept, since one answer needs the
        same text's vector in several places (the subject for its characteristics and for
        retrieval, a follow-up's conditions)."""
        hit = self._vectors.get(text)
        if hit is None:
            hit = np.asarray(self.embed.get_query_embedding(text), dtype=np.float32)
            hit.flags.writeable = False
            with self._lock:  # the engine answers from several threads
                if len(self._vectors) >= VECTOR_CACHE:
                    self._vectors.pop(next(iter(self._vectors)), None)
                self._vectors[text] = hit
        return hit

    # -- the analysis ----------------------------------------------------------------------------

    def analyse(self, text: str, previous: Query | None = None) -> Query:
        """The analysed message; with ``previous`` (the conversation's last query) a follow-up
        is derived from it instead of standing alone."""
        language = detect_language(text)
        parts = split(text, self._context_scores)
        question = parts.question
        vector: np.ndarray | None = None
        probabilities = self.model.kind_probabilities_by_words(question) \
            if previous is None else {}
        if probabilities.get("ask", 0.0) < WORDS_ASK_MIN:
            # Not surely "what to ask" by its words, or a possible follow-up: the kind is read
            # with the question's e5 vector, which retrieval then reuses.
            vector = self.vector(question)
            probabilities = self.model.kind_probabilities(question, vector)
        allowed = set(STANDALONE_KINDS) | (set(FOLLOWUP_KINDS) if previous else set())
        ranked = sorted((k for k in probabilities if k in allowed),
                        key=lambda k: -probabilities[k])
        kind = ranked[0]
        only_context = (not question.rstrip().endswith("?") and bool(parts.context)
                        and probabilities.get(CONTEXT, 0.0) > max(probabilities[kind], 0.5)
                        and len(parts.context.split(". ")) + 1 >= DOCUMENT_SENTENCES)
        own = self._analyse(text, question, parts.context, language,
                            kind if not kind.startswith("followup_") else "factual")
        if previous is not None and not kind.startswith("followup_") \
                and not self._names_technology(own):
            # The classifier reads one message and learned follow-ups at their share of the
            # labelled set; right after an answer, a message that names no technology of its
            # own is far more often about that answer ("welke waarden spelen er?").
            prior = {k: probabilities[k] * (FOLLOWUP_PRIOR if k in FOLLOWUP_KINDS else 1.0)
                     for k in ranked}
            ranked = sorted(ranked, key=lambda k: -prior[k])
            kind = ranked[0]
        own.vector = vector
        own.probabilities = {k: round(v, 3) for k, v in probabilities.items()}
        own.only_context = only_context
        second = ranked[1] if len(ranked) > 1 else None
        if second and probabilities[second] >= ALTERNATIVE_MIN and "ask" in (kind, second):
            own.alternative = second
        if previous is not None and kind == "why" and not own.subject and not own.topics:
            # A why-question that names nothing of its own, asked right after an answer, asks
            # why about that answer: the classifier reads one message and cannot tell the two
            # apart, the conversation can.
            kind = "followup_why"
        if previous is not None and kind in FOLLOWUP_KINDS:
            return self._derive(previous, own, FOLLOWUP_NAMES[kind])
        if len(own.publishers) >= 2 and kind in ("factual", "how", "why", "yesno"):
            # Two publishers named: what each says is set side by side. Exact, from the texts'
            # own metadata, so kept as a rule.
            kind = "compare"
        own.kind = kind
        self._characterise(own)
        return own

    def _names_technology(self, q: Query) -> bool:
        if not q.subject:
            return False
        vector = self.vector(phrase_form(q.subject))
        return self.model.technology_probability(vector) >= self.model.scope_threshold

    def _context_scores(self, sentences: list[str]) -> list[float]:
        """How likely each sentence describes or quotes rather than asks (for the split)."""
        return [self.model.kind_probabilities(s, self.vector(s)).get(CONTEXT, 0.0)
                for s in sentences]

    def _analyse(self, text: str, question: str, context: str, language: str, kind: str
                 ) -> Query:
        """What the texts and the language files say of a message whose kind is known."""
        raw = words(text)
        folded_text = fold(text)
        # Hyphenated spellings of one word ("techno-solutionisme") and misspellings.
        corrected: dict[str, str] = {}
        for a, b in zip(raw, raw[1:], strict=False):
            if f"{a}-{b}" in folded_text and not self.known(a) and self.known(a + b):
                corrected[f"{a}-{b}"] = a + b
        for wrong, right in corrected.items():
            folded_text = folded_text.replace(wrong, right)
        folded = words(folded_text)
        if language == "nl":  # the vocabulary is Dutch: English words are not misspellings
            for w in self._content(folded, language):
                fix = self.correct(w)
                if fix:
                    corrected[w] = fix
        folded = [corrected.get(w, w) for w in folded]
        stems = [self.analyzer.stem(w) for w in folded]

        source_docs: set[str] = set()
        source_stems: set[str] = set()
        publishers: set[frozenset[str]] = set()  # the documents of each publisher named
        for phrase, docs in self.sources:
            if Matcher.contains(stems, phrase):
                source_docs |= docs
                source_stems |= set(phrase)
                publishers.add(docs)

        topics = self.matcher.topics_in(stems)
        values = self.matcher.values_in(stems)
        instruments = self.matcher.instruments_in(stems)
        subject = self._subject(text, kind, topics, corrected)
        words_of = language_data(language)
        # Details are what the part that asks asks for: a fine or a law in a description is not.
        details = [] if kind in ("ask", "topic") else detail_forms.asked(question, language)

        content = self._content(folded, language)
        tokens = [t for t in self.analyzer.tokens(" ".join(content)) if t not in source_stems]
        expansion_words = [c.nl for c in [*topics, *values, *instruments]]
        expansion_words += [e for c in [*topics, *values, *instruments] for e in c.evidence]
        expansion_words += self.matcher.glossary_words(folded)
        expansion = [t for t in self.analyzer.tokens(" ".join(expansion_words))
                     if t not in source_stems]
        # Coverage weighs the words of the part that asks and of the subject: a pasted
        # paragraph's many words inform the ranking but do not decide whether the texts answer.
        asked_words = words(_apply_corrections(question, corrected)) + (
            words(subject) if subject else [])
        asked = [corrected.get(w, w) for w in asked_words]
        in_domain = bool(topics or values or instruments or source_docs
                         or self.matcher.steps_in(stems)
                         or self.matcher.names_domain(stems, folded))
        return Query(
            text=text, language=language, kind=kind, subject=subject, details=details,
            folded=folded, tokens=tokens, expansion=expansion, topics=topics,
            values=values, instruments=instruments, source_docs=source_docs,
            publishers=sorted(publishers, key=sorted), corrected=corrected,
            # A publisher named says where to look, not which words to match.
            weights=self._weights([w for w in self._translated(self._content(asked, language))
                                   if self.analyzer.stem(w) not in source_stems] + [
                w for w in expansion_words if " " not in w]),
            in_domain=in_domain,
            asks_values=words_of.asks_values(question),
            question=question if question != text else "", context=context,
            # Only the denkraam's questions use the short name.
            name=self._named(text, subject, language) if subject and kind in NAMED_KINDS
            else None,
        )

    def _named(self, text: str, subject: str, language: str) -> str:
        """The name the council's questions give the technology ``subject`` of ``text``: its
        short name (the name ranker), with the user's article made definite."""
        return self.model.definite(named_form(text, subject, self.model.name(subject)), language)

    def _characterise(self, q: Query, described: str | None = None) -> None:
        """What the subject does. For a what-to-ask question or a bare topic that names a
        technology, the learned model reads it with what the message says of it (``described``,
        by default :attr:`Query.described`) and with which characteristics the framework's
        trigger words name there; otherwise the trigger words of the subject, or of what is asked
        when there is no subject. With what those imply (:meth:`_with_implied`)."""
        if described is None:
            described = q.described
        q.characteristic_probabilities = {}
        if q.subject:
            found = self.matcher.characteristics_in([q.corrected.get(w, w)
                                                     for w in words(q.subject)])
            keys = [c.key for c in found]
            if q.kind in ("ask", "topic") and self._names_technology(q):
                # The technology with what the message says of it: the rest of the sentence
                # that asks and what it describes besides (a swap's new technology is read
                # without the plan described before). For a what-to-ask question it is the text
                # retrieval searches with (Retriever.query_vector), so it is embedded once.
                case = case_text(q.subject, described)
                named = set(keys)
                triggered = named | {c.key for c in
                                     self.matcher.characteristics_in(words(described))}
                vector = self.vector(case)
                learned = self.model.characteristic_probabilities(case, vector, triggered)
                alone = named_alone(q.subject, described, self.model.frame_words)
                keys, unsure = self.model.reading(case, vector, triggered,
                                                  self.vector(phrase_form(q.subject)),
                                                  alone=alone, learned=learned)
                # A technology named without a description is what its name says it does
                # ("gezichtsherkenning": framework.yaml's trigger words in the name), however
                # surely the model reads it; a description may qualify the name ("zonder
                # gezichtsherkenning"), so there the model's reading stands.
                q.characteristic_probabilities = learned | {
                    k: 1.0 for k in named if alone and k in keys and k in learned}
                q.unsure = [self._characteristics[k] for k in unsure
                            if k in self._characteristics]
                q.names_technology = True
                # Any technology or plan is in scope for what to ask: the denkraam holds for it.
                q.in_domain = True
        else:  # the trigger words of what is asked ("parkeersensorenproject")
            keys = [c.key for c in self.matcher.characteristics_in(
                [q.corrected.get(w, w) for w in words(q.asked)])]
        q.characteristics = self._with_implied(keys)
        if q.characteristics:
            q.in_domain = True

    def _with_implied(self, keys: Iterable[str]) -> list[Characteristic]:
        """The characteristics ``keys`` names, each once, and after them what they imply
        (:meth:`AnalyserModel.implied`: recognising people is processing personal data)."""
        return [self._characteristics[k] for k in self.model.implied(list(dict.fromkeys(keys)))
                if k in self._characteristics]

    # -- follow-ups ------------------------------------------------------------------------------

    def _derive(self, previous: Query, own: Query, how: str) -> Query:
        """A new query from the previous one and a follow-up message (see the module
        docstring): the subject, characteristics and conditions carry over. After a why
        follow-up, a condition, the values or another technology are asked of the question the
        why was about ("Wat moet ik vragen over X?", "Waarom is dat erg?", "En bij drones?" asks
        what to ask about drones); where the texts say so is asked of the why itself."""
        if previous.explains is not None and how in ("condition", "values", "swap"):
            previous = previous.explains
        base = dataclasses.replace(
            previous, text=own.text, question="", context=previous.context, followup=how,
            vector=own.vector, probabilities=own.probabilities, alternative=None,
            only_context=False, language=own.language or previous.language,
            conditions=list(previous.conditions), details=[],
            tokens=list(previous.tokens), weights=list(previous.weights))
        base.origin = previous.origin or previous.text
        subject = previous.subject or "deze technologie"
        if how == "condition":
            condition = _condition(own.text, own.language)
            base.conditions.append(condition)
            base.tokens += own.tokens
            base.weights += own.weights
            base.search = f"{subject}: {'; '.join(base.conditions)}"
            # A condition can give the technology another characteristic ("een proef").
            added = self.matcher.characteristics_in(words(condition))
            base.characteristics = self._with_implied(
                c.key for c in [*previous.characteristics, *added])
            # What the condition says the technology does is sure, however the plan was read.
            base.characteristic_probabilities = previous.characteristic_probabilities | {
                c.key: 1.0 for c in added}
            base.unsure = [c for c in previous.unsure if c not in base.characteristics]
        elif how == "why":
            base.explains = previous.explains or previous
            base.kind = "why"
            base.tokens += own.tokens
            base.search = f"{own.text.rstrip(' ?')} ({subject})"
        elif how == "values":
            base.kind = "ask" if previous.kind in ("ask", "topic") else previous.kind
            base.asks_values = True
        elif how == "swap":
            new = own.subject or (own.topics[0].name(own.language) if own.topics else None)
            if new:
                old = set(self.analyzer.tokens(previous.subject or ""))
                base.subject = new
                base.origin = own.text
                base.name = self._named(own.text, new, own.language) \
                    if new == own.subject else new
                base.topics = own.topics or previous.topics
                base.tokens = [t for t in previous.tokens if t not in old] + own.tokens
                base.weights = [w for w in previous.weights if not (w[1] & old)] + own.weights
                base.corrected = previous.corrected | own.corrected
                base.search = None if previous.kind == "ask" else \
                    f"{_apply_corrections(previous.asked, previous.corrected)} ({new})"
                # The plan described before was about the other technology; the conditions
                # added since still hold ("en als het een proef is?", then "en bij drones?").
                base.names_technology = False
                base.unsure = []
                self._characterise(base, described=described_of(new, own.asked, own.context))
                added = [c for condition in base.conditions
                         for c in self.matcher.characteristics_in(words(condition))]
                base.characteristics = self._with_implied(
                    c.key for c in [*base.characteristics, *added])
                base.characteristic_probabilities = base.characteristic_probabilities | {
                    c.key: 1.0 for c in added}
                base.unsure = [c for c in base.unsure if c not in base.characteristics]
        base.in_domain = previous.in_domain or own.in_domain
        return base

    def _translated(self, content: list[str]) -> list[str]:
        """Content words without the English ones the glossary translates: the texts are Dutch,
        so "steps" would weigh as a word they lack, while its translation "stappen" is there."""
        glossary = self.matcher.framework.glossary
        return [w for w in content if w not in glossary and not (
            w.endswith("s") and w[:-1] in glossary)]

    def rarity(self, df: int) -> float:
        """The weight of a word that ``df`` of the passages hold: log(1 + N / (1 + df))."""
        return math.log(1 + self.n_docs / (1 + df))

    def _weights(self, content: list[str]) -> list[tuple[float, frozenset[str]]]:
        """Rarity weight and stems of each informative word (a word the texts lack weighs most)."""
        out = []
        max_idf = math.log(1 + self.n_docs)
        for word in dict.fromkeys(fold(w) for w in content):
            stems = frozenset(self.analyzer.analyse_word(word))
            dfs = [self.df[s] for s in stems if s in self.df]
            weight = self.rarity(max(dfs)) if dfs else max_idf
            out.append((weight, stems))
        return out

    def _best_subject(self, text: str) -> str | None:
        """Of the phrases the span ranker finds (one per mention, within
        :data:`SUBJECT_MARGIN` of the best), the one that most names a technology: its ranker
        score plus the log-odds that its meaning names one
        (:meth:`AnalyserModel.technology_probability`). A model without a ranker weighs the
        tagger's runs by their meaning, then by the tagger's weight."""
        found = self.model.subjects(text)
        ranked = bool(self.model.span_features)
        if ranked:
            kept = [s for s in found if any(fold(w) not in self._stopwords for w in words(s.text))]
            kept = [s for s in kept if s.confidence >= kept[0].confidence - SUBJECT_MARGIN]
            phrases, weights = [s.text for s in kept], [s.confidence for s in kept]
        else:
            phrases = [p for p in (subject_phrase(text, s.start, s.end) for s in found) if p]
            weights = [-0.01 * rank for rank in range(len(phrases))]
        if len(phrases) <= 1:
            return phrases[0] if phrases else None

        def weighed(rank: int) -> float:
            p = self.model.technology_probability(self.vector(phrase_form(phrases[rank])))
            if not ranked:
                return weights[rank] + p  # the meaning decides, then the tagger's order
            p = min(max(p, 1e-6), 1 - 1e-6)
            return weights[rank] + SUBJECT_MEANING_WEIGHT * math.log(p / (1 - p))

        return phrases[max(range(len(phrases)), key=weighed)]

    def _subject(self, text: str, kind: str, topics: list[Concept],
                 corrected: dict[str, str]) -> str | None:
        """The technology or plan as the user wrote it (spelling corrected): the words the
        tagger marks, with the name of a framework topic that they meet; else the words that
        named a framework topic; else, for a bare topic, the message itself."""
        phrase = self._best_subject(text)
        if topics:
            folded_text = fold(text)
            for term in sorted(topics[0].terms, key=len, reverse=True):
                found = re.search(rf"(?<!\w){re.escape(fold(term))}(?!\w)", folded_text)
                if found:
                    start, end = found.span()
                    at = text.find(phrase) if phrase else -1
                    if not phrase:
                        phrase = text[start:end]
                    elif at >= 0 and start - (at + len(phrase)) <= 1 and at - end <= 1:
                        # The tagger's words and the topic's name meet ("slimme" and
                        # "lantaarnpaal"): the subject is the phrase that holds both.
                        phrase = text[min(at, start):max(at + len(phrase), end)]
                    break
        if not phrase and kind == "topic":
            content = [w for w in text.split() if fold(w).strip("?,.") not in DUTCH_STOPWORDS]
            phrase = " ".join(content) or None
        if phrase:
            # The phrase is echoed in the answer's Markdown: characters that would make it a
            # link, an image, HTML or emphasis are left out (no technology's name needs them).
            phrase = _MARKUP.sub(" ", _apply_corrections(phrase, corrected))
            phrase = " ".join(phrase.split()).strip(" ,;:.!?\"'“”") or None
        return phrase


# An article and one lower-case word before the name (see :func:`named_form`).
_QUALIFIED = re.compile(r"(\S+)\s+[a-zà-ÿ][\w-]*\s+$")


# English words whose spelling misleads "a"/"an": a vowel sounded as a consonant ("a user", "a
# one-off", "a European") and a silent h ("an hour").
_YOU_SOUND = re.compile(r"^(u[bcdfgklmnprstvz][aeiou]|eu|one\b|once\b)")
_SILENT_H = re.compile(r"^(hour|honest|honou?r|heir)")


def _article(article: str, name: str) -> str:
    """``article`` as it goes before ``name``: the English indefinite one as "an" before a vowel
    sound and "a" before another ("an app", "a sensor", "a user portal", "an hourly count"),
    as far as the spelling tells."""
    if article not in ("a", "an"):
        return article
    word = name.lower()
    vowel = (word[:1] in "aeiou" and not _YOU_SOUND.match(word)) or bool(_SILENT_H.match(word))
    return "an" if vowel else "a"


def named_form(text: str, subject: str, name: str) -> str:
    """``name`` (a part of ``subject``) as a sentence of the answer names it: with the article
    the user wrote right before it, at the mention ``subject`` stands for ("een algoritme" of
    "... over een algoritme dat ..."); a first capital that only starts the user's sentence
    is dropped ("Chatbot op de website: ..."), a capital of a name is kept ("ChatGPT", "Microsoft
    Copilot", "MORA-app")."""
    at, inner = text.find(subject), subject.find(name)
    start = at + inner if at >= 0 and inner >= 0 else text.find(name)
    if start < 0:
        return name
    before = text[:start]
    article = re.search(r"(\S+)\s+$", before)
    if article and fold(article.group(1)) in ARTICLES:
        return f"{article.group(1).lower()} {name}"
    # The article before a qualifier the name leaves out: "een gratis wifinetwerk", "the new
    # security cameras" name "een wifinetwerk", "the security cameras". Only one lower-case word
    # of the subject between them, and not before a proper name ("de app GeluidMelder").
    qualified = _QUALIFIED.search(before)
    if qualified and fold(qualified.group(1)) in ARTICLES and name[:1].islower() \
            and at >= 0 and inner > 0:
        return f"{_article(fold(qualified.group(1)), name)} {name}"
    if name[:1].isupper() and not any(c.isupper() for c in name[1:]) \
            and _SENTENCE_START.search(before):
        return name[0].lower() + name[1:]
    return name


def _condition(text: str, lang: str) -> str:
    """The condition a follow-up adds, without its opening words ("en wat als", "and if")."""
    frame = language_data(lang).followup_openers
    out = text.strip().rstrip("?!. ")
    lowered = fold(out)
    for opener in sorted(frame, key=len, reverse=True):
        if lowered.startswith(opener + " "):
            out = out[len(opener) + 1:]
            break
    return out.strip() or text.strip()


def _apply_corrections(text: str, corrected: dict[str, str]) -> str:
    """``text`` with each misspelt word (as a whole word, any case) replaced by its correction."""
    for wrong, right in corrected.items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text, flags=re.I)
    return text


def source_phrases(matcher: Matcher, documents: dict[str, dict[str, Any]]
                   ) -> list[tuple[tuple[str, ...], frozenset[str]]]:
    """(stemmed phrase, document ids) for each way a question can name a publisher."""
    organisation = frozenset("instituut institute stichting foundation vereniging association "
                             "centrum centre center bureau raad".split())
    by_phrase: dict[tuple[str, ...], set[str]] = {}
    for doc_id, meta in documents.items():
        publisher = str(meta.get("publisher") or "")
        if not publisher:
            continue
        names = [re.sub(r"\([^)]*\)", " ", publisher), *re.findall(r"\(([^)]+)\)", publisher)]
        core = [w for w in words(names[0]) if w not in organisation]
        if core and len(core) < len(words(names[0])):
            names.append(" ".join(core))
        for name in names:
            stems = tuple(matcher.stems(name))
            if stems:
                by_phrase.setdefault(stems, set()).add(doc_id)
    return [(phrase, frozenset(docs)) for phrase, docs in by_phrase.items()]
