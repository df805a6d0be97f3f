"""The deterministic composer: from a :class:`~assistant.engine.retrieve.Retrieval` to an Answer.

No language model is involved, so the same index and question always give the same answer. What
is composed depends on the kind of question:

* a question for a fact starts with the sentences of the texts that best answer it (similarity
  to the question, its rare words, the detail it asks for), quoted with their citation; a sentence
  that leans on the one before it ("Dat", "Daarnaast") brings that one along, and a question that
  needs two texts gets a sentence from each;
* "what should I ask about X" (and a bare topic) starts with what is most at stake in the case
  (two public values, each with the case's reason, and after the first the answer's question
  that asks about it), with the sentences that name X apart (``related``; or, without reasons, a
  line saying what follows), then gives questions for the council per denkraam step, chosen
  from the question bank for the case X is (:mod:`assistant.engine.case`,
  :mod:`assistant.engine.bank`), filled with the user's words (X named in full in the first,
  referred back to in the others: "deze camera") and each cited to a passage that speaks to its
  step or value (left out when none does); then the public values at stake, each with the
  reason it is at stake in this case and cited to a passage naming it;
* a factual, why, how, yes-no or compare question gets only the answer, with the denkraam
  questions offered as a follow-up;
* when the texts do not hold what was asked (retrieval's ``missing``) the answer says so, names
  what is missing, says where such a detail is usually written down and adds, labelled, what the
  texts do say about the question; where they state that kind of detail, though not as the
  answer (retrieval's ``nearest``), the answer quotes the closest with a caution instead of
  saying that they lack it; a question outside the texts is declined with questions they do
  cover.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import zip_longest
from os.path import commonprefix

import numpy as np

from assistant.engine import details as detail_forms
from assistant.engine.answer.model import (
    VERDICT_MARK,
    Answer,
    Citation,
    Claim,
    StepSection,
    ValueItem,
)
from assistant.engine.answer.probes import Probe, described_statements, probes
from assistant.engine.bank.select import Chosen
from assistant.engine.case import case_of, characteristics_of, likely_of, stakes_of
from assistant.engine.corpus.passages import Passage
from assistant.engine.framework import Concept
from assistant.engine.index.build import LoadedIndex
from assistant.engine.index.embedding import query_vectors
from assistant.engine.query import Query, QueryAnalyser
from assistant.engine.retrieve import Retrieval, Sentence
from assistant.engine.text.articles import without_article
from assistant.engine.text.prose import as_sentence, join_words
from assistant.engine.text.sentences import is_closed
from assistant.engine.text.words import STOPWORDS, fold, words
from assistant.engine.understanding.language import language_data
from assistant.engine.understanding.model import phrase_form
from assistant.messages import en, of

# How many passages closest to the case join the answer's ranking as the passages a question for
# the council may be cited to.
POOL = 40
SCORE_MARGIN = {"factual": 0.08, "yesno": 0.08, "topic": 0.08, "ask": 0.05, "why": 0.1,
                "how": 0.1, "compare": 0.12}
MAX_SENTENCES = {"factual": 2, "yesno": 2, "topic": 2, "ask": 2, "why": 3, "how": 3,
                 "compare": 3}
SECOND_TEXT_MARGIN = {"compare": 0.25}
DEFAULT_SECOND_TEXT_MARGIN = 0.1
MAX_CHARS = 650
# "What the texts do say" beside a missing detail quotes a sentence only if it shares a word of
# the question at least this rare (QueryAnalyser.rarity: log(1 + N / (1 + df)) >= log(5)), a word
# in at most about a quarter of the N passages ("gemeente" is in more). Words that ask for the
# detail or say its form ("hoeveel", "kost", "per", "jaar") never count.
DISTINCTIVE_WEIGHT = math.log(5)
# At most this many places a missing detail is usually written down, and values in a
# what-to-ask answer's opening line.
MAX_PLACES = 3
LEAD_VALUES = 3
# A what-to-ask answer opens with what is most at stake in the case: this many public values with
# the reason the case gives for each (the values section lists them all, in the same order).
VERDICT_VALUES = 2
# The notice that the texts do not deal with a technology as such names at most this many of
# its characteristics: a list of seven clauses is read as no reason at all.
NOTICE_CHARACTERISTICS = 2
# How likely the words a later question refers back to the technology with must name one
# (the analyser's technology classifier: "chatbot" 0.98, "camera" 0.31, "boa's" 0.19,
# "huurwoningen" 0.03).
ANAPHOR_TECHNOLOGY = 0.25
# The most questions for the council a what-to-ask answer shows: the bank gives at most 11 (see
# bank/select.py), and a question on what the user's description says (answer/probes.py) is
# added only below this.
MAX_QUESTIONS = 12
# A sentence opening with one of these leans on the sentence before it.
_ANAPHOR = re.compile(r"^(dat|dit|deze|die|daarnaast|daarom|daardoor|daarbij|ook|zo|hier|"
                      r"bovendien|tegelijkertijd|kortom|maar|en|echter|als gevolg daarvan|"
                      r"this|that|these|also|so|but)\b", re.I)
# Sentences about the document rather than the subject: chapter lists, book blurbs.
_META = re.compile(r"\(hoofdstuk \d|\bhoofdstuk \d|voorpublicatie|wilt u meer|in dit (rapport|"
                   r"essay) vinden|\bchapter \d", re.I)




@dataclass
class _Citations:
    """Numbers passages in order of first use."""

    index: LoadedIndex
    order: list[str] = field(default_factory=list)

    def cite(self, passage: Passage) -> int:
        if passage.id not in self.order:
            self.order.append(passage.id)
        return self.order.index(passage.id) + 1

    def in_reading_order(self, answer: Answer) -> None:
        """Number the passages in the order a reader meets their marks: the short answer, what
        the texts say beside it, the questions per step, the values (passages are cited while
        the answer is put together, the questions before the short answer that names one)."""
        cited: list[Claim | ValueItem] = [
            *answer.summary, *answer.related, *(q for s in answer.denkraam for q in s.questions),
            *answer.public_values]
        first = list(dict.fromkeys(n for c in cited for n in c.citations))
        first += [n for n in range(1, len(self.order) + 1) if n not in first]
        number = {old: new for new, old in enumerate(first, start=1)}
        for c in cited:
            c.citations = [number[n] for n in c.citations]
        self.order = [self.order[old - 1] for old in first]

    def build(self) -> list[Citation]:
        out = []
        for n, pid in enumerate(self.order, start=1):
            p = self.index.passage(pid)
            doc = self.index.documents.get(p.doc, {})
            out.append(Citation(n=n, doc=p.doc, title=str(doc.get("title") or p.doc),
                                publisher=doc.get("publisher"), date=doc.get("date"),
                                passage_id=p.id, page=p.page,
                                heading=" > ".join(p.heading_path) or None, text=p.text))
        return out


class Composer:
    def __init__(self, index: LoadedIndex, analyser: QueryAnalyser) -> None:
        self.index = index
        self.analyser = analyser
        self.matcher = index.matcher
        publishers = list(dict.fromkeys(str(d.get("publisher")) for d in index.documents.values()
                                        if d.get("publisher")))
        self._publishers = publishers
        self._cues: dict[str, frozenset[str]] = {}
        # framework.yaml's topics by their Dutch and English names (_names_topic).
        self._topic_names = {fold(n) for t in index.framework.topics for n in (t.nl, t.en)}

    # -- declining -------------------------------------------------------------------------------

    def decline_text(self, lang: str) -> str:
        said = of(lang)
        source = (said.DECLINE_FROM.format(who=join_words(self._publishers, lang))
                  if self._publishers else said.DECLINE_FROM_INDEX)
        return str(said.DECLINE.format(source=source))

    def suggestions(self, lang: str) -> list[str]:
        """Questions the texts do answer (``examples`` in framework.yaml)."""
        return [e.text(lang) for e in self.index.framework.examples]

    def abstain(self, retrieval: Retrieval) -> Answer:
        q = retrieval.query
        summary = [Claim(text=self.decline_text(q.language))]
        if q.kind == "ask" and q.context:
            # What to ask about a plan the texts do not cover: its digital part is in scope.
            summary.append(Claim(text=of(q.language).DECLINE_ASK))
        return Answer(question=q.text, language=q.language, kind=q.kind, status="out_of_scope",
                      abstained=True, subject=q.subject, summary=summary,
                      suggestions=self.suggestions(q.language))

    # -- composing -------------------------------------------------------------------------------

    def compose(self, retrieval: Retrieval) -> Answer:
        if not retrieval.relevant:
            return self.abstain(retrieval)
        q = retrieval.query
        lang = q.language
        cites = _Citations(self.index)
        topic = q.topics[0] if q.topics else None
        subject = q.subject or (topic.name(lang) if topic else None)
        # What the technology does as the case the denkraam's questions come from has it.
        does = characteristics_of(q, self.matcher, self.analyser.model.implied)
        answer = Answer(question=q.text, language=lang, kind=q.kind, abstained=False,
                        subject=subject, topic=topic.name(lang) if topic else None,
                        characteristics=[self.index.framework.characteristic(k).name(lang)
                                         for k in does],
                        checked=list(retrieval.checked))
        if q.only_context:
            return self._no_question(q, answer)
        if retrieval.missing:
            return self._not_in_texts(retrieval, answer, cites)
        answer.conditions = list(q.conditions)
        answer.followup = q.followup
        # A bare topic gets the denkraam block when it names a technology, whatever it is read
        # to do, or a framework topic.
        denkraam = q.kind == "ask" or (q.kind == "topic" and (
            q.names_technology or q.characteristics or q.topics))
        if denkraam:
            answer.notices = self._subject_notice(q, q.name or subject, does)
        unsure = q.alternative in ("factual", "why", "how", "yesno")
        questions_lead = denkraam and bool(answer.notices or not unsure)
        if questions_lead:
            # The questions are the answer. A quote leads only when it names the technology or
            # the framework topic asked about: the passages closest to a case the texts do not
            # treat as such are about something else (a colophon, another portfolio). When the
            # analyser was unsure and the texts do deal with the technology, the sentences
            # answering the other reading lead.
            # Where the texts do not deal with the technology as such (the notice says so), a
            # sentence naming words of it is about something else ("sensoren" for druktemetingen
            # when the case is an air-quality box): only those naming a framework topic its
            # phrase names are shown ("wifi tracking" asks about wifi-telling).
            answer.summary = self._naming(retrieval, cites,
                                          None if answer.notices else q.name or subject,
                                          self._topics_of(q))
        else:
            answer.summary = self._summary(retrieval, cites)
        if denkraam:
            chosen = self._denkraam(retrieval, cites, answer, does)
            verdict = self._verdict(answer, lang) if questions_lead and answer.denkraam else []
            reasons = bool(verdict)  # the values with the case's reasons, before the question
            # Without reasons only for a request for what to ask: a bare topic ("algoritmen en
            # transparantie") is answered by what the texts say of it.
            key = self._key_question(answer, lang, chosen, unreasoned=q.kind == "ask") \
                if questions_lead and answer.denkraam else None
            if key is not None:
                verdict.insert(1, key)
            # The short answer is what is at stake and what to ask about it: the reasons the
            # case gives, or else the lead that says what follows and names the values most at
            # stake (the lead also opens an answer that has nothing else to say first). The
            # sentences of the texts that name the technology follow apart, as what the texts
            # say of it (often the technology in a list of examples: no answer to what to ask).
            # Without a question to ask at least and without reasons, they stay the short
            # answer.
            if answer.denkraam and (not answer.summary or verdict):
                lead: list[Claim] = []
                if answer.notices and not reasons:
                    # The notice says what follows: only the values most at stake.
                    at_stake = self._at_stake(answer, lang)
                    lead = [Claim(text=at_stake)] if at_stake else []
                elif not reasons or not (answer.summary or answer.notices):
                    lead = [Claim(text=self._lead(q.name or subject, answer, lang,
                                                  values=not reasons))]
                answer.related = [c for c in answer.summary if c.citations]
                answer.summary = [*lead, *verdict]
            else:
                answer.summary = [*verdict, *answer.summary]
            if unsure and subject:
                # The analyser was unsure: the other reading is one click away.
                answer.followups = [of(lang).WHAT_IS.format(subject=subject)]
        elif subject and (q.characteristics or q.topics or q.alternative == "ask"):
            answer.followups = [self.ask_about(subject, lang)]
        cites.in_reading_order(answer)
        answer.citations = cites.build()
        return answer

    @classmethod
    def _lead(cls, subject: str | None, answer: Answer, lang: str, values: bool = True) -> str:
        """The line that opens a short answer without reasons for its values, or without
        sentences of the texts before them: what follows, and (with ``values``) the public values
        most at stake, each cited in its own section."""
        said = of(lang)
        lead = said.ASK_LEAD.format(subject=subject) if subject else said.ASK_LEAD_NO_SUBJECT
        at_stake = cls._at_stake(answer, lang) if values else ""
        return f"{lead} {at_stake}" if at_stake else str(lead)

    @staticmethod
    def _at_stake(answer: Answer, lang: str) -> str:
        """The sentence naming the first :data:`LEAD_VALUES` public values ("Op het spel staan
        vooral ..."), or nothing without values."""
        said = of(lang)
        names = [v.name for v in answer.public_values[:LEAD_VALUES]]
        if not names:
            return ""
        at_stake = said.ASK_LEAD_VALUE if len(names) == 1 else said.ASK_LEAD_VALUES
        return str(at_stake.format(values=join_words(names, lang)))

    @staticmethod
    def _verdict(answer: Answer, lang: str) -> list[Claim]:
        """What is most at stake in the case: the first :data:`VERDICT_VALUES` public values
        that come with a reason for this case, each with that reason, cited as in the values
        section and marked ``value:KEY`` (a sentence of the assistant's, not of the passage).
        None when the case gives no reasons (the values then only serve the questions)."""
        said = of(lang)
        out: list[Claim] = []
        for v in [v for v in answer.public_values if v.reason][:VERDICT_VALUES]:
            frame = said.VERDICT_FIRST if not out else said.VERDICT_NEXT
            text = frame.format(value=v.name, reason=str(v.reason).strip())
            out.append(Claim(text=as_sentence(text), citations=list(v.citations),
                             bank_id=f"{VERDICT_MARK}{v.key}"))
        return out

    @staticmethod
    def _key_question(answer: Answer, lang: str, chosen: dict[str, Chosen],
                      unreasoned: bool = True) -> Claim | None:
        """The question that asks about what is most at stake, to follow the first value of
        the short answer: of the answer's questions from the bank that serve that value (the
        entry's ``values``), the one that engages most with the case (the characteristics and
        facets it needs), the first shown on a tie. Worded as it reads naming the technology in
        full (``chosen``, the bank's questions by entry id: the short answer is read before the
        questions), cited as the question is, and marked as part of what is most at stake
        (``value:KEY/ENTRY``). When the case gives no reasons, the first of the values the lead
        names that a question serves (unless not ``unreasoned``). None when no question serves
        it."""
        reasoned = [v for v in answer.public_values if v.reason][:1]
        candidates = reasoned or (answer.public_values[:LEAD_VALUES] if unreasoned else [])
        for first in candidates:
            serving = [(c, chosen[c.bank_id]) for s in answer.denkraam for c in s.questions
                       if c.bank_id in chosen and first.key in chosen[c.bank_id].entry.values]
            if serving:
                break
        else:
            return None
        claim, bank = max(serving, key=lambda t: len(t[1].entry.needs) + bool(t[1].entry.any))
        entry, question = bank.entry, bank.text
        if lang != "en" and not question[1:2].isupper():
            # Dutch writes a question after a colon from a small letter ("Vraag daarom in elk
            # geval: welk doel ..."), unless it opens with a name ("MORA-app", "AI").
            question = question[:1].lower() + question[1:]
        return Claim(text=of(lang).VERDICT_ASK.format(question=question),
                     citations=list(claim.citations),
                     bank_id=f"{VERDICT_MARK}{first.key}/{entry.id}")

    @staticmethod
    def ask_about(subject: str, lang: str) -> str:
        return str(of(lang).ASK_ABOUT.format(subject=subject))

    def _no_question(self, q: Query, answer: Answer) -> Answer:
        """A pasted text without a question: say so, and offer what to ask about it."""
        lang = q.language
        about = q.subject or of(lang).THIS_PROPOSAL
        answer.status = "no_question"
        answer.abstained = True
        answer.notices = [of(lang).NO_QUESTION]
        answer.suggestions = [self.ask_about(about, lang)]
        return answer

    def _not_in_texts(self, retrieval: Retrieval, answer: Answer, cites: _Citations) -> Answer:
        q = retrieval.query
        lang = q.language
        said = of(lang)
        # A detail the texts state, though not as the answer (about another year, a one-off
        # amount for a yearly one), is not called missing: its closest statement is quoted first,
        # under a caution. Only what they do not state so is said to be missing, and where a
        # name the question asks about is missing, so is every detail.
        nearest = {m: s for m, s in retrieval.nearest.items()
                   if self._usable(s.text, closed=False)}
        absent = [m for m in retrieval.missing if m not in nearest]
        if any(m not in said.MISSING for m in absent):
            # A name the texts lack ("in Utrecht"): a figure about another place or party is no
            # near answer.
            nearest, absent = {}, list(retrieval.missing)
        # A difference asked for whose figure of its kind the texts do hold ("van 14 naar 6
        # dagen" for "hoeveel sneller") is not said to be missing, even where it is not quoted.
        details = [said.MISSING[m] for m in absent
                   if m in said.MISSING and m not in retrieval.differences]
        names = [m for m in absent if m not in said.MISSING]
        if lang == "en":  # "they do not say who that is", "they mention no date"
            details = [en.DETAIL_NOT_SAID.format(what=d[4:]) if d.startswith("not ")
                       else en.DETAIL_MENTIONED.format(what=d) for d in details]
        answer.notices = []
        if absent:
            notice = said.NOT_IN_TEXTS + (
                said.NOT_IN_TEXTS_DETAILS.format(details=join_words(details, lang)) if details
                else ".")
            if names:
                absent_names = said.NAMES_ABSENT if len(names) == 1 else said.NAMES_ABSENT_MANY
                notice += absent_names.format(names=join_words(names, lang))
            answer.notices.append(notice)
        if nearest:
            answer.notices.append(said.NEAREST_NOTICE.format(
                details=join_words([said.NEAREST[m] for m in nearest], lang, "or")))
        answer.status = "not_in_texts" if absent else "nearest"
        answer.abstained = True
        answer.missing = list(retrieval.missing)
        # Where such a detail is written down (the proposal, the budget, the DPIA), and that it
        # is the college's to answer: a pointer, not only a refusal. The likeliest place of each
        # missing detail first; a missing place or proper name has no such document.
        lists = [said.FOUND_IN[m] for m in retrieval.missing if m in said.FOUND_IN]
        places = list(dict.fromkeys(p for row in zip_longest(*lists) for p in row if p))
        places = places[:MAX_PLACES]
        if places:
            answer.notices.append(said.LOOK_IN.format(places=join_words(places, lang, "or")))
        # "What the texts do say": each closest statement, first and whatever its score; then
        # sentences about what was asked (and any holding a detail that was found): one that
        # shares no more than a common word with it is filler, however close e5 puts it.
        closest = sorted({s.row: s for s in nearest.values()}.values(),
                         key=lambda s: (s.rank, s.position))
        first = [Claim(text=s.text, citations=[cites.cite(s.passage)], quote=lang == "en")
                 for s in closest]
        about = self._about(q, retrieval.sentences)
        rest = self._summary(replace(retrieval, sentences=about), cites, limit=2, lead=False)
        answer.related = first + [c for c in rest if c.text not in {f.text for f in first}]
        answer.suggestions = self.suggestions(lang)
        answer.citations = cites.build()
        return answer

    def _about(self, q: Query, sentences: list[Sentence]) -> list[Sentence]:
        """The sentences that share a distinctive word with what the question asks (see
        :data:`DISTINCTIVE_WEIGHT`; the user's own words, not the glossary's translations of a
        Dutch question, and not a word that asks for the detail or says its form), or come from
        a text the question names ("volgens de Future City Foundation")."""
        analyzer = self.matcher.analyzer
        df = self.analyser.df
        # The texts are Dutch: an English question's words are read through the glossary's
        # translations ("street light": "straatverlichting"), which the query's weights hold.
        own = (analyzer.tokens(q.asked) if q.language == "nl"
               else [t for _, stems in q.weights for t in stems])
        asked = {t for t in own if t in df and self.analyser.rarity(df[t]) >= DISTINCTIVE_WEIGHT}
        asked -= self._cue_stems(q.language)
        return [s for s in sentences if s.passage.doc in q.source_docs
                or asked & set(analyzer.tokens(s.text))]

    def _cue_stems(self, lang: str) -> frozenset[str]:
        """The stems of the words that ask for a detail ("hoeveel", "kost", "hoe lang") or say
        its form ("per", "jaar", "euro")."""
        cues = self._cues.get(lang)
        if cues is None:
            phrases = [c for cs in language_data(lang).details.values() for c in cs]
            phrases += sorted(detail_forms.form_words())
            cues = self._cues[lang] = frozenset(self.matcher.analyzer.tokens(" ".join(phrases)))
        return cues

    @staticmethod
    def _head(subject: str, shortest: int = 4) -> list[str]:
        """The content words a technology is named by, before its first preposition or relative
        pronoun ("bodycams" in "bodycams voor handhavers"), of at least ``shortest`` letters."""
        head: list[str] = []
        qualifiers = language_data("nl").qualifiers | language_data("en").qualifiers
        for w in words(subject):
            if w in qualifiers and head:
                break
            head.append(w)
        return [w for w in head if len(w) >= shortest and w not in STOPWORDS]

    def _subject_notice(self, q: Query, subject: str | None, does: Sequence[str]
                        ) -> list[str]:
        """Say so when the texts never mention the technology asked about, naming what the
        questions rest on instead: the case's characteristics (``does``), at most
        :data:`NOTICE_CHARACTERISTICS` of them, those with the most at stake for residents
        first (framework.yaml's ``stakes``, less for what the analyser reads as likely:
        :func:`.case.stakes_of`), "onder meer" where more are left out."""
        if not subject or self._names_topic(q, subject):
            return []
        # One word of the technology's name the texts never use means they do not deal with it
        # as such, however familiar the rest is.
        if all(self._in_texts(q.corrected.get(w, w)) for w in self._head(subject)):
            return []
        lang = q.language
        said = of(lang)
        likely = set(likely_of(q, does, self.analyser.model.implied))
        chars = sorted((self.index.framework.characteristic(k) for k in does),
                       key=lambda c: stakes_of(c.key, c.stakes, likely))
        if not chars:
            basis = said.BASIS_GENERAL
        else:
            named = join_words([c.name(lang) for c in chars[:NOTICE_CHARACTERISTICS]], lang,
                               clauses=True)
            basis = (said.BASIS_AMONG if len(chars) > NOTICE_CHARACTERISTICS
                     else said.BASIS_CHARACTERISTICS).format(characteristics=named)
        return [said.NOT_SPECIFIC.format(subject=subject, basis=basis)]

    def _names_topic(self, q: Query, subject: str) -> bool:
        """Whether the technology, as named or as written, is one of framework.yaml's topics by
        its Dutch or English name ("wifi tracking" is wifi-telling): the texts deal with it, though
        they write it in other words. Not by the topic's other terms: those are words that point
        to it ("gezichtsherkenning" to biometrics, which the texts only name in a list)."""
        return any(fold(without_article(s)) in self._topic_names for s in (subject, q.subject)
                   if s)

    def _in_texts(self, word: str) -> bool:
        return self.analyser.in_texts(word)

    # -- summary ---------------------------------------------------------------------------------

    def _summary(self, retrieval: Retrieval, cites: _Citations, limit: int | None = None,
                 lead: bool = True) -> list[Claim]:
        q = retrieval.query
        kind = q.kind
        # A sentence that holds the detail asked for ("48 uur", "€ 8.500 per jaar") leads, from
        # whichever passage the answer could draw on; it may be a table's row.
        holding = [s for s in retrieval.holding if self._usable(s.text, closed=False)]
        candidates = holding + [s for s in retrieval.sentences
                                if self._usable(s.text) and s not in holding]
        if not candidates:
            return []
        limit = limit or MAX_SENTENCES.get(kind, 2)
        margin = SCORE_MARGIN.get(kind, 0.06)
        best = candidates[0].score
        chosen: list[Sentence] = [candidates[0]]
        for s in candidates[1:]:
            if len(chosen) >= limit or s.score < best - margin:
                break
            if sum(len(c.text) for c in chosen) + len(s.text) > MAX_CHARS:
                break
            chosen.append(s)
        if len(q.publishers) >= 2:
            # "Wat zeggen de VNG en de Future City Foundation": a sentence from each of them.
            named = [next((s for s in candidates if s.passage.doc in docs), None)
                     for docs in q.publishers]
            picked = [s for s in named if s is not None]
            chosen = [s for s in chosen if s in picked][:1]
            chosen += [s for s in picked if s not in chosen]
        docs = {s.passage.doc for s in chosen}
        second_margin = SECOND_TEXT_MARGIN.get(kind, DEFAULT_SECOND_TEXT_MARGIN)
        if len(docs) == 1 and not q.details:
            other = next((s for s in candidates if s.passage.doc not in docs
                          and s.score >= best - second_margin), None)
            if other is not None:
                if len(chosen) >= limit:
                    chosen = chosen[: max(1, limit - 1)]
                chosen.append(other)
        # The sentence holding the detail comes first (with the one it leans on), then the rest of
        # its passage, then the others by rank.
        leading = {(s.passage.id, p) for s in chosen if s in holding
                   for p in (s.position - 1, s.position)}
        leading_passages = {pid for pid, _ in leading}
        # A sentence leaning on the one before it brings that one along.
        out: list[tuple[int, int, str, Passage]] = []
        seen: set[tuple[str, int]] = set()
        for s in chosen:
            if s.previous and _ANAPHOR.match(s.text) and (s.passage.id, s.position - 1) \
                    not in seen and self._usable(s.previous):
                out.append((s.rank, s.position - 1, s.previous, s.passage))
                seen.add((s.passage.id, s.position - 1))
            if (s.passage.id, s.position) not in seen:
                out.append((s.rank, s.position, s.text, s.passage))
                seen.add((s.passage.id, s.position))
        out.sort(key=lambda x: ((x[3].id, x[1]) not in leading, x[3].id not in leading_passages,
                                x[0], x[1]))
        english = q.language == "en"
        claims = [Claim(text=text, citations=[cites.cite(p)], quote=english)
                  for _, _, text, p in out]
        if english and lead and claims:
            claims = [Claim(text=en.ENGLISH_LEAD), *claims]
        return claims

    def _naming(self, retrieval: Retrieval, cites: _Citations, subject: str | None,
                topics: list[Concept]) -> list[Claim]:
        """The short answer from sentences that name the technology (each content word of its
        name names a word of the sentence, see :func:`_names`; "AI" and "5G" count) or one of
        ``topics``, the framework topics the technology's phrase names (:meth:`_topics_of`:
        "wifi tracking" asks about wifi-telling), or none."""
        names = [self._head(n, shortest=2) for n in [subject or "", *(t.nl for t in topics)]]
        names = [n for n in names if n]
        if not names:
            return []
        def names_one(text: str) -> bool:
            ws = words(text)
            return any(all(any(_names(h, w) for w in ws) for h in name) for name in names)

        naming = [s for s in retrieval.sentences if names_one(s.text)]
        if not naming:
            return []
        return self._summary(replace(retrieval, sentences=naming, holding=[]), cites)

    def _topics_of(self, q: Query) -> list[Concept]:
        """The framework topics the question asks about: with a technology named, those its
        phrase names ("slimme camera's bij het station" is cameratoezicht); a topic the rest of
        the message mentions is a part or a neighbour of the case ("a digital twin combining
        sensor data" is no question about crowd-counting sensors), and a sentence naming it
        does not speak about the case."""
        if not q.subject:
            return list(q.topics)
        own = {t.key for t in self.matcher.topics_in(self.matcher.stems(q.subject))}
        return [t for t in q.topics if t.key in own]

    @staticmethod
    def _usable(text: str, closed: bool = True) -> bool:
        # A question or a list number asserts nothing a raadslid can rely on.
        # Nor does a line without closing punctuation: a title or a label.
        return (not text.endswith("?") and len(text.split()) >= 4 and not _META.search(text)
                and (is_closed(text) or not closed))

    # -- denkraam ----------------------------------------------------------------------------

    def _case_vector(self, retrieval: Retrieval) -> np.ndarray:
        """The case as the bank's questions are compared with it: what retrieval searched with,
        which for a what-to-ask question is its technology with what the message describes."""
        vector = retrieval.vector
        if vector is None:
            vector = self.analyser.vector(retrieval.query.search_text)
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        return vector / (float(np.linalg.norm(vector)) or 1.0)

    def _pool(self, retrieval: Retrieval, case_vector: np.ndarray
              ) -> list[tuple[Passage, np.ndarray]]:
        """The passages a question for the council may be cited to, with their vectors: the
        answer's ranking and the :data:`POOL` passages closest to the case (the vector the
        ranking searched with). A question is cited only to one that speaks to its grounding."""
        index = self.index
        rows = [index.position[h.passage.id] for h in retrieval.hits]
        k = min(index.vectors.ntotal, POOL)
        _, near = index.vectors.search(case_vector.reshape(1, -1), k)
        rows += [int(r) for r in near[0] if r >= 0]
        # A passage about its publication (a colophon, a reading guide) supports no question.
        rows = [r for r in dict.fromkeys(rows)
                if index.passages[r].id not in index.about_publication]
        vectors = index.vectors.reconstruct_batch(np.asarray(rows, dtype=np.int64))
        return [(index.passages[r], v) for r, v in zip(rows, vectors, strict=True)]

    def _denkraam(self, retrieval: Retrieval, cites: _Citations, answer: Answer,
                  does: Sequence[str]) -> dict[str, Chosen]:
        """The questions for the council and the public values at stake, from the question bank
        for this case (see :mod:`assistant.engine.bank.select`), whose characteristics are
        ``does`` (:func:`.case.characteristics_of`, read once per answer); returns the bank's
        questions chosen for it, by entry id."""
        q = retrieval.query
        lang = q.language
        case = case_of(q, self.matcher, self.analyser.model.implied,
                       self.analyser.model.articles, self.read_statements, does)
        if case.anaphor and not self._refers_to_technology(case.anaphor):
            case = replace(case, anaphor=None)
        case_vector = self._case_vector(retrieval)
        pool = self._pool(retrieval, case_vector)
        selection = self.index.selector.select(case, case_vector, pool)
        # (step, text, passage, bank entry, its concern) of each question, in the order shown.
        shown: list[tuple[int, str, Passage, str, str | None]] = [
            (c.step, c.text, c.passage, c.entry.id, c.entry.concern) for c in selection.questions]
        chosen = {c.entry.id: c for c in selection.questions}
        for p in self._probes(q, {c.step for c in selection.questions}):
            passage = self._probe_support(p, pool)
            if passage is None:
                continue
            probe = (p.item.step, p.text(lang), passage, f"probe:{p.item.id}", None)
            # The bank's questions on the item's concerns (they ask what the probe asks) give
            # way, in whichever step they stand (the bank asks about keeping data under
            # steering too), unless one is the last of its step. Without any, the probe is added
            # while the answer has fewer than MAX_QUESTIONS: it never takes the place of a
            # question on another concern. It stands last under its own step.
            same = [i for i, s in enumerate(shown) if s[4] in p.item.concerns
                    and sum(t[0] == s[0] for t in shown) > 1]
            if not same and len(shown) >= MAX_QUESTIONS:
                continue
            shown = [s for i, s in enumerate(shown) if i not in same]
            after = max((i for i, s in enumerate(shown) if s[0] <= p.item.step), default=-1)
            shown.insert(after + 1, probe)
        # The first question that names the technology names it in full; later ones refer back
        # to it ("deze camera"): read out one after another, a dozen questions repeating "de
        # camera met microfoons" are hard to follow. Decided on the questions as shown, after
        # the probes took their places.
        named = False
        sections = []
        for step in self.index.framework.steps:
            claims = []
            for n, text, passage, bank_id, _ in shown:
                if n != step.step:
                    continue
                short = chosen[bank_id].again if bank_id in chosen else text
                claims.append(Claim(text=short if named else text,
                                    citations=[cites.cite(passage)], bank_id=bank_id))
                named = named or short != text
            if claims:
                sections.append(StepSection(step=step.step, name=step.name(lang),
                                            about=step.about(lang), questions=claims))
        answer.denkraam = sections
        answer.questions_left_out = selection.left_out
        answer.facets = dict(case.facets)
        answer.named = case.technology
        answer.public_values = [
            ValueItem(key=v.key, name=self.index.framework.value(v.key).name(lang),
                      reason=v.reason, citations=[cites.cite(v.passage)])
            for v in selection.values]
        return chosen

    def _refers_to_technology(self, anaphor: str) -> bool:
        """Whether the words a later question refers back with ("deze camera") still name a
        technology by their meaning (the analyser's technology classifier): a short name that
        took in a place or a group of people before the technology ("huurwoningen van
        woningcorporatie Woonstad sensoren") would otherwise be referred to as "deze
        huurwoningen". Then the questions repeat the name instead."""
        words_after = anaphor.partition(" ")[2]
        model = self.analyser.model
        p = model.technology_probability(self.analyser.vector(phrase_form(words_after)))
        return p >= ANAPHOR_TECHNOLOGY

    def _probes(self, q: Query, steps: set[int]) -> list[Probe]:
        """The probes of what the message describes (see :mod:`.probes`), in ``steps``. A
        follow-up that swaps the technology keeps the previous message's description for its
        retrieval, but those sentences are about the other technology."""
        statements = (described_statements(q.context, q.subject)
                      if q.context and q.followup != "swap" else [])
        lines = [s for s, quoted in statements if quoted]
        if not lines:
            return []
        # The probes' parts are asked by what the whole description claims (a gain), also in
        # the sentences no probe quotes and in the conditions follow-ups added: embedded with
        # the quotable ones, in one batch.
        rest = [s for s, quoted in statements if not quoted] + list(q.conditions)
        vectors = query_vectors(self.index.embed_model, lines + rest, spread=False)
        claimed = self.index.review.claims(vectors, lines + rest, [None] * len(vectors))
        return probes(self.index.review, lines, vectors[:len(lines)], steps, claimed)

    def read_statements(self, statements: list[str]) -> list[dict[str, float]]:
        """How likely each of a message's ``statements`` claims each reading of the proposal
        model (for the amount that is what the case costs: see
        :func:`~assistant.engine.case.facets_of`)."""
        vectors = query_vectors(self.index.embed_model, statements, spread=False)
        return self.index.review.readings_of(vectors, statements, [None] * len(statements))

    def _probe_support(self, p: Probe, pool: list[tuple[Passage, np.ndarray]]
                       ) -> Passage | None:
        """The passage a probe is cited to: of those the answer's questions may be cited to, the
        one closest to the question of its item (its Dutch wording, as the guidance texts are
        written) that speaks to its step."""
        vector = self.analyser.vector(p.item.ask.text("nl"))
        vector = vector / (float(np.linalg.norm(vector)) or 1.0)
        tagged = [(float(v @ vector), passage) for passage, v in pool
                  if passage.steps and p.item.step in passage.steps]
        return max(tagged, key=lambda t: t[0])[1] if tagged else None


def _names(head: str, word: str) -> bool:
    """Whether ``word`` of a text names what ``head`` (a word of a technology's name) does. A
    head of five letters or more shares its first five and at least 60% of its letters with the
    word's start ("camera's" in "cameratoezicht", "datawaardeketen" in "datawaardenketens"; not
    "risico's" for "risicomodel"); a shorter one ("AI", "5G", "app") is the whole word, with at
    most a plural ending ("apps", "app's"), or its part before a hyphen ("ai-toepassingen")."""
    if len(head) < 5:
        return word == head or word.startswith(head + "-") or (
            word.startswith(head) and word[len(head):] in ("s", "'s", "’s", "en"))
    shared = len(commonprefix([head, word]))
    return shared >= 5 and shared >= 0.6 * len(head)
