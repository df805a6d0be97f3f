"""The analysed question: made once per question, read by retrieval, the composer and the chat.

:class:`QueryAnalyser` turns a typed question into a :class:`Query`: the cleaned text and its
language; the kind of question (what to ask, factual, why, how, yes-no, compare, or a bare
topic); the technology or subject as the user wrote it; the details asked for (an amount, a
number, a date, a duration, a place, a person, a legal rule, a name); misspelt words corrected to
words of the texts; the words the texts do not contain at all; and the framework concepts,
characteristics of technologies and publishers it names.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.engine.framework import Characteristic, Concept, Matcher
from assistant.engine.textproc import (
    DUTCH_STOPWORDS,
    ENGLISH_STOPWORDS,
    QUESTION_FRAME,
    detect_language,
    fold,
    words,
)

_ASK = re.compile(
    r"\b(wat|welke dingen)\s+(moet|kan|zou|wil|moeten|kunnen)\s+(ik|je|we|wij|de raad|"
    r"raadsleden|een raadslid)\s+(vragen|weten|stellen|navragen)\b|\bwelke vragen\b|"
    r"\bwaar (moet|moeten|kan) (ik|we|de raad) op letten\b|\bwaar let ik op\b|"
    r"\bwhat (should|can|could|must) (i|we|the council|councillors) (ask|know)\b|"
    r"\bwhich questions\b|\bwhat questions\b|\bwhat to ask\b|"
    r"\bwelke (publieke )?waarden (spelen|staan|zijn)\b|"
    r"\bwhich (public )?values are at stake\b")
_SUBJECT = re.compile(r"\b(?:over|bij|rond|rondom|about|on|regarding|with|for)\s+(.+)$", re.I)
_YESNO_FIRST = frozenset(
    "is zijn moet moeten mag mogen kan kunnen heeft hebben wordt worden klopt gaat zou zouden "
    "should are can does do must will may has have was were".split())
_COMPARE = re.compile(r"\b(zowel|verschil|verschillen|vergelijk|vergelijken|compare|difference|"
                      r"differ|both|de teksten|the texts)\b")
_DETAIL_PATTERNS = {
    "amount": re.compile(r"\b(hoeveel kost|wat kost|kost|kosten|budget|bedrag|prijs|boete|"
                         r"how much (does|do|is|will)|cost|costs|price|budget|fine)\b"),
    "count": re.compile(r"\b(hoeveel|how many)\b"),
    "date": re.compile(r"\b(wanneer|in welk jaar|welke datum|when|what year|which year)\b"),
    "duration": re.compile(r"\b(hoe lang|how long)\b"),
    "place": re.compile(r"\b(welke (gemeente|gemeenten|steden|stad|plaats|plaatsen)|"
                        r"which (municipality|municipalities|cities|city|towns?|places?))\b"),
    "person": re.compile(r"\b(wie (is|was|zijn|waren) (de |het )?(\w+ ){0,2}(voorzitter|"
                         r"directeur|wethouder|burgemeester|minister|leider|"
                         r"contactpersoon)|who (is|was) the (\w+ ){0,2}(chair|chairman|director|"
                         r"alderman|mayor|minister|head|leader))\b"),
    "rule": re.compile(r"\b(wet|wetten|wetsartikel|artikel|avg|gdpr|verordening|verplicht|"
                       r"toegestaan|verboden|legaal|illegaal|law|legal|illegal|allowed|"
                       r"mandatory|regulation)\b"),
    "name": re.compile(r"\b(welke (leverancier|leveranciers|bedrijf|bedrijven|firma|merk)|"
                       r"which (company|companies|vendor|vendors|supplier|suppliers|brand))\b"),
}
# Words that ask how or why rather than for a detail, after "hoe".
_HOW_DETAIL = re.compile(r"^(hoe(veel| lang| vaak| hoog| groot| duur)|how (many|much|long|often|"
                         r"big|tall))\b")


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
    source_docs: set[str] = field(default_factory=set)
    publishers: list[frozenset[str]] = field(default_factory=list)  # documents per named publisher
    corrected: dict[str, str] = field(default_factory=dict)
    weights: list[tuple[float, frozenset[str]]] = field(default_factory=list)
    in_domain: bool = False
    asks_values: bool = False

    @property
    def search_text(self) -> str:
        """The question with misspellings corrected, for the embedding model."""
        return _apply_corrections(self.text, self.corrected)


class QueryAnalyser:
    """Analyses questions against one index: its vocabulary, document frequencies, framework."""

    def __init__(self, matcher: Matcher, df: dict[str, int], n_docs: int,
                 sources: list[tuple[tuple[str, ...], frozenset[str]]]) -> None:
        self.matcher = matcher
        self.analyzer = matcher.analyzer
        self.df = df
        self.n_docs = max(n_docs, 1)
        self.sources = sources
        self.vocabulary = self.analyzer.vocabulary
        self._by_prefix: dict[str, list[str]] = {}
        for w in self.vocabulary:
            self._by_prefix.setdefault(w[:1], []).append(w)
        self._stopwords = DUTCH_STOPWORDS | ENGLISH_STOPWORDS

    # -- words -----------------------------------------------------------------------------------

    def known(self, word: str) -> bool:
        """Whether the texts (or the framework) use this word, a form of it or its parts."""
        return word in self.vocabulary or any(
            s in self.df for s in self.analyzer.analyse_word(word))

    def in_texts(self, word: str) -> bool:
        """Whether the indexed texts themselves (not the framework) use this word or its parts."""
        return any(s in self.df for s in self.analyzer.analyse_word(fold(word)))

    def correct(self, word: str) -> str | None:
        """The word of the texts this unknown word is most likely a misspelling of, if any."""
        if len(word) < 5 or self.known(word):
            return None
        limit = 1 if len(word) < 9 else 2
        best: tuple[int, str] | None = None
        for candidate in self._by_prefix.get(word[:1], []):
            if abs(len(candidate) - len(word)) > limit:
                continue
            d = _distance(word, candidate, limit)
            if d <= limit and (best is None or (d, candidate) < best):
                best = (d, candidate)
        return best[1] if best else None

    def _content(self, folded: list[str]) -> list[str]:
        return [w for w in folded if len(w) >= 2 and w not in QUESTION_FRAME
                and w not in self._stopwords and not w.isdigit()]

    # -- the analysis ----------------------------------------------------------------------------

    def analyse(self, text: str) -> Query:
        language = detect_language(text)
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
        typed = " ".join(folded)  # as typed: the kind of question is read from this
        if language == "nl":  # the vocabulary is Dutch: English words are not misspellings
            for w in self._content(folded):
                fix = self.correct(w)
                if fix:
                    corrected[w] = fix
        folded = [corrected.get(w, w) for w in folded]
        joined = " ".join(folded)
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
        kind = self._kind(typed.split(), typed, text, len(publishers))
        subject = self._subject(text, kind, topics, corrected)
        subject_words = words(subject) if subject else folded
        characteristics = self.matcher.characteristics_in(
            [corrected.get(w, w) for w in subject_words])
        details = [] if kind in ("ask", "topic") else [
            d for d, pattern in _DETAIL_PATTERNS.items() if pattern.search(joined)]
        if "amount" in details and "count" in details:
            details.remove("count")

        content = self._content(folded)
        tokens = [t for t in self.analyzer.tokens(" ".join(content)) if t not in source_stems]
        expansion_words = [c.nl for c in [*topics, *values, *instruments]]
        expansion_words += [e for c in [*topics, *values, *instruments] for e in c.evidence]
        expansion_words += self.matcher.glossary_words(folded)
        expansion = [t for t in self.analyzer.tokens(" ".join(expansion_words))
                     if t not in source_stems]
        in_domain = bool(topics or values or instruments or characteristics or source_docs
                         or self.matcher.steps_in(stems)
                         or self.matcher.names_domain(stems, folded))
        return Query(
            text=text, language=language, kind=kind, subject=subject, details=details,
            folded=folded, tokens=tokens, expansion=expansion, topics=topics,
            values=values, instruments=instruments, characteristics=characteristics,
            source_docs=source_docs, publishers=sorted(publishers, key=sorted),
            corrected=corrected,
            # A publisher named says where to look, not which words to match.
            weights=self._weights([w for w in self._translated(content)
                                   if self.analyzer.stem(w) not in source_stems] + [
                w for w in expansion_words if " " not in w]),
            in_domain=in_domain,
            asks_values=bool(re.search(r"\b(waarden|values)\b", joined)),
        )

    def _translated(self, content: list[str]) -> list[str]:
        """Content words without the English ones the glossary translates: the texts are Dutch,
        so "steps" would weigh as a word they lack, while its translation "stappen" is there."""
        glossary = self.matcher.framework.glossary
        return [w for w in content if w not in glossary and not (
            w.endswith("s") and w[:-1] in glossary)]

    def _weights(self, content: list[str]) -> list[tuple[float, frozenset[str]]]:
        """Rarity weight and stems of each informative word (a word the texts lack weighs most)."""
        out = []
        max_idf = math.log(1 + self.n_docs)
        for word in dict.fromkeys(fold(w) for w in content):
            stems = frozenset(self.analyzer.analyse_word(word))
            dfs = [self.df[s] for s in stems if s in self.df]
            weight = math.log(1 + self.n_docs / (1 + max(dfs))) if dfs else max_idf
            out.append((weight, stems))
        return out

    @staticmethod
    def _kind(folded: list[str], joined: str, text: str, publishers: int) -> str:
        if _ASK.search(joined):
            return "ask"
        first = folded[0] if folded else ""
        if first in ("waarom", "why") or joined.startswith("hoe komt het"):
            return "why"
        if _COMPARE.search(joined) or publishers >= 2:
            return "compare"
        if first in ("hoe", "how") and not _HOW_DETAIL.search(joined):
            return "how"
        if first in _YESNO_FIRST or re.search(r"\b(klopt dat|is that (true|right))\b", joined):
            return "yesno"
        question_words = {"wat", "welke", "welk", "wie", "wanneer", "waar", "hoeveel", "hoe",
                          "what", "which", "who", "when", "where", "whom", "waarmee", "waarvoor"}
        if "?" not in text and not (set(folded) & question_words) and len(folded) <= 6:
            return "topic"
        return "factual"

    def _subject(self, text: str, kind: str, topics: list[Concept],
                 corrected: dict[str, str]) -> str | None:
        """The technology or subject as the user wrote it (spelling corrected)."""
        phrase: str | None = None
        if kind == "ask":
            m = _SUBJECT.search(text.strip().rstrip("?!. "))
            if m:
                phrase = m.group(1).strip(" ,;:")
        if not phrase and topics:
            # The words of the question that named the topic, as typed.
            terms = sorted(topics[0].terms, key=len, reverse=True)
            folded_text = fold(text)
            for term in terms:
                t = fold(term)
                if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", folded_text):
                    start = folded_text.index(t)
                    phrase = text[start:start + len(t)]
                    break
        if not phrase and kind == "topic":
            content = [w for w in text.split() if fold(w).strip("?,.") not in DUTCH_STOPWORDS]
            phrase = " ".join(content) or None
        if phrase:
            phrase = _apply_corrections(phrase, corrected).strip() or None
        return phrase


def _apply_corrections(text: str, corrected: dict[str, str]) -> str:
    """``text`` with each misspelt word (as a whole word, any case) replaced by its correction."""
    for wrong, right in corrected.items():
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text, flags=re.I)
    return text


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions), stopping early past ``limit``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


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
