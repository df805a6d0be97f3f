"""The deterministic composer: from ranked passages to an :class:`~assistant.answer.Answer`.

No language model is involved, so the same index and question always give the same answer:

* summary: the 2 to 4 sentences of the best passages that share most with the question, quoted
  as they stand, each cited to its passage;
* denkraam: the framework's question patterns for each of the five steps, filled in with the
  topic asked about, each cited to the best-ranked passage that speaks to that step (preferring
  passages on the topic, and passages naming the instruments or values the question mentions);
* public values: those the framework links to the topic, those the question names and those the
  best passages name, each cited to a passage that names the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .answer import Answer, Citation, Claim, StepSection, ValueItem, render_markdown
from .framework import Concept
from .index import LoadedIndex
from .passages import Passage
from .retrieve import Hit, Retrieval
from .textproc import split_sentences

SUMMARY_PASSAGES = 3
MAX_VALUES = 6

ABSTAIN = {
    "nl": ("De richtlijnteksten waar ik uit put gaan hier niet over, dus ik kan deze vraag niet "
           "met een bron beantwoorden. Ik beantwoord alleen vragen over digitalisering in de "
           "gemeente vanuit de teksten van het Rathenau Instituut, de VNG en de Future City "
           "Foundation."),
    "en": ("The guidance texts I draw on do not cover this, so I cannot answer it with a source. "
           "I only answer questions about digitalisation in municipalities from the texts of the "
           "Rathenau Instituut, the VNG and the Future City Foundation."),
}
SUGGESTIONS = {
    "nl": ["Wat moet ik vragen over wifi-telling?", "Uit welke stappen bestaat het denkraam?",
           "Welke publieke waarden spelen bij cameratoezicht?",
           "Moet digitalisering bij één wethouder liggen?"],
    "en": ["What should I ask about wifi tracking?", "What are the steps of the denkraam?",
           "Which public values are at stake with camera surveillance?",
           "Should digitalisation sit with one alderman?"],
}
GENERIC_SUBJECT = {"nl": "deze digitale toepassing", "en": "this digital application"}
ENGLISH_LEAD = "The guidance texts are in Dutch; the passages that answer your question say:"


@dataclass
class _Citations:
    """Numbers passages in order of first use."""

    index: LoadedIndex
    order: list[str] = field(default_factory=list)

    def cite(self, passage: Passage) -> int:
        if passage.id not in self.order:
            self.order.append(passage.id)
        return self.order.index(passage.id) + 1

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
    def __init__(self, index: LoadedIndex, top_k: int) -> None:
        self.index = index
        self.top_k = top_k
        self.analyzer = index.analyzer
        self._stem_cache: dict[str, list[str]] = {}

    def abstain(self, retrieval: Retrieval) -> Answer:
        lang = retrieval.language
        answer = Answer(question=retrieval.question, language=lang, abstained=True,
                        summary=[Claim(text=ABSTAIN[lang])], suggestions=SUGGESTIONS[lang])
        answer.answer = render_markdown(answer)
        return answer

    def compose(self, retrieval: Retrieval) -> Answer:
        if not retrieval.relevant:
            return self.abstain(retrieval)
        lang = retrieval.language
        hits = retrieval.hits[: self.top_k]
        cites = _Citations(self.index)
        topic = retrieval.topics[0] if retrieval.topics else None
        summary = self._summary(retrieval, hits, cites)
        denkraam = self._denkraam(retrieval, topic, cites)
        values = self._values(retrieval, topic, hits, cites)
        answer = Answer(question=retrieval.question, language=lang, abstained=False,
                        topic=topic.name(lang) if topic else None, summary=summary,
                        denkraam=denkraam, public_values=values, citations=cites.build())
        answer.answer = render_markdown(answer)
        return answer

    # -- summary ---------------------------------------------------------------------------------

    def _summary(self, retrieval: Retrieval, hits: list[Hit], cites: _Citations) -> list[Claim]:
        query = set(self.analyzer.query_tokens(retrieval.question))
        query |= set(self.analyzer.tokens(" ".join(self.index.matcher.expansion(
            retrieval.question))))
        candidates: list[tuple[float, int, int, str, Passage]] = []
        for rank, hit in enumerate(hits[:SUMMARY_PASSAGES]):
            for pos, sentence in enumerate(split_sentences(hit.passage.text)):
                # A question or a list number asserts nothing a raadslid can rely on.
                if sentence.endswith("?") or len(sentence.split()) < 4:
                    continue
                tokens = set(self.analyzer.tokens(sentence))
                overlap = len(tokens & query) / (len(query) or 1)
                # Earlier passages and earlier sentences weigh a little more on ties.
                score = overlap + hit.score * 0.5 - rank * 0.05 - pos * 0.01
                candidates.append((score, rank, pos, sentence, hit.passage))
        candidates.sort(key=lambda c: -c[0])
        chosen = candidates[:1]
        for cand in candidates[1:]:
            if len(chosen) >= 4:
                break
            if cand[0] < chosen[0][0] * 0.5 and len(chosen) >= 3:
                break
            if len(" ".join(c[3] for c in chosen)) + len(cand[3]) > 700 and len(chosen) >= 2:
                break
            chosen.append(cand)
        # Read in document order within each passage, passages in rank order.
        chosen.sort(key=lambda c: (c[1], c[2]))
        claims = [Claim(text=c[3], citations=[cites.cite(c[4])]) for c in chosen]
        if retrieval.language == "en":
            claims = [Claim(text=ENGLISH_LEAD)] + [Claim(text=f"“{c.text}”",
                                                         citations=c.citations) for c in claims]
        return claims

    # -- denkraam --------------------------------------------------------------------------------

    def _supporting(self, retrieval: Retrieval, phrases: tuple[str, ...]) -> Passage | None:
        """The best-ranked passage containing one of ``phrases`` (contiguous stems)."""
        key = "support:" + "|".join(phrases)
        for hit in retrieval.hits:
            if self.index.matcher.matches(self._stems(hit.passage), key, phrases):
                return hit.passage
        return None

    def _stems(self, passage: Passage) -> list[str]:
        stems = self._stem_cache.get(passage.id)
        if stems is None:
            stems = self._stem_cache[passage.id] = self.index.matcher.stems(passage.text)
        return stems

    def _denkraam(self, retrieval: Retrieval, topic: Concept | None,
                  cites: _Citations) -> list[StepSection]:
        lang = retrieval.language
        subject = topic.name(lang) if topic else GENERIC_SUBJECT[lang]
        # The best passage on the topic itself, cited where it speaks to a step.
        on_topic = next((h.passage for h in retrieval.hits
                         if topic and topic.key in h.passage.topics), None)
        sections = []
        for step in self.index.framework.steps:
            questions = []
            for number, pattern in enumerate(step.questions):
                text = pattern.text(lang).format(onderwerp=subject, topic=subject)
                text = text[0].upper() + text[1:]
                support = [self._supporting(retrieval, pattern.support)]
                if number == 0 and on_topic is not None and step.step in on_topic.steps:
                    support.append(on_topic)
                if not any(support):  # a corpus without the phrase: the step's best passage
                    support = [next((h.passage for h in retrieval.hits
                                     if step.step in h.passage.steps), retrieval.hits[0].passage)]
                numbers = sorted({cites.cite(p) for p in support if p is not None})
                questions.append(Claim(text=text, citations=numbers))
            sections.append(StepSection(step=step.step, name=step.name(lang),
                                        about=step.about_en if lang == "en" else step.about_nl,
                                        questions=questions))
        return sections

    # -- public values ---------------------------------------------------------------------------

    def _values(self, retrieval: Retrieval, topic: Concept | None, hits: list[Hit],
                cites: _Citations) -> list[ValueItem]:
        lang = retrieval.language
        keys: list[str] = []
        if topic:
            keys += list(topic.values)
        keys += [v.key for v in retrieval.values]
        for hit in hits[:2]:
            keys += hit.passage.values
        items = []
        for key in dict.fromkeys(keys):
            passage = next((h.passage for h in retrieval.hits if key in h.passage.values), None)
            if passage is None:
                continue
            value = self.index.framework.value(key)
            items.append(ValueItem(key=key, name=value.name(lang),
                                   citations=[cites.cite(passage)]))
            if len(items) >= MAX_VALUES:
                break
        return items
