"""The denkraam steps, public values and technology topics (corpus/framework.yaml).

:class:`Framework` finds these concepts in text: in passages (to tag them with the steps and values
they speak to) and in questions (to know the topic asked about and to expand English words into
the Dutch words the texts use). Phrases match on contiguous Dutch stems, so "onder druk" does not
match a passage that merely has "onder" and "druk" far apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .corpus import FRAMEWORK_FILE
from .errors import CorpusError
from .textproc import Analyzer, fold, words


@dataclass(frozen=True)
class Question:
    """A question pattern; ``support`` names phrases of the passage it rests on."""

    nl: str
    en: str
    support: tuple[str, ...]

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Step:
    step: int
    key: str
    nl: str
    en: str
    about_nl: str
    about_en: str
    evidence: tuple[str, ...]
    questions: tuple[Question, ...]

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Concept:
    """A public value, technology topic or instrument."""

    kind: str  # "value" | "topic" | "instrument"
    key: str
    nl: str
    en: str
    terms: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    values: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass
class Framework:
    steps: list[Step]
    values: list[Concept]
    topics: list[Concept]
    instruments: list[Concept]
    glossary: dict[str, list[str]] = field(default_factory=dict)
    synonyms: list[tuple[str, ...]] = field(default_factory=list)
    domain_strong: tuple[str, ...] = ()
    domain_weak: tuple[str, ...] = ()

    @classmethod
    def load(cls, corpus_dir: Path) -> Framework:
        path = corpus_dir / FRAMEWORK_FILE
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            return cls(
                steps=[Step(step=int(s["step"]), key=s["key"], nl=s["nl"], en=s["en"],
                            about_nl=s["about_nl"], about_en=s["about_en"],
                            evidence=tuple(s["evidence"]),
                            questions=tuple(Question(nl=q["nl"], en=q["en"],
                                                     support=tuple(q["support"]))
                                            for q in s["questions"]))
                       for s in data["steps"]],
                values=[_concept("value", v) for v in data["values"]],
                topics=[_concept("topic", t) for t in data["topics"]],
                instruments=[_concept("instrument", i) for i in data.get("instruments", [])],
                glossary={str(k): [str(x) for x in v]
                          for k, v in (data.get("glossary") or {}).items()},
                synonyms=[tuple(str(x) for x in group) for group in data.get("synonyms") or []],
                domain_strong=tuple((data.get("domain") or {}).get("strong") or ()),
                domain_weak=tuple((data.get("domain") or {}).get("weak") or ()),
            )
        except FileNotFoundError as exc:
            raise CorpusError(f"{path} is missing; it holds the denkraam steps, values and "
                              "topics the answers are built from.") from exc
        except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
            raise CorpusError(f"{path} is not valid framework data ({exc.__class__.__name__}: "
                              f"{exc}).") from exc

    def all_terms(self) -> list[str]:
        out: list[str] = []
        for concept in [*self.values, *self.topics, *self.instruments]:
            out.extend(concept.terms)
            out.extend(concept.evidence)
        for step in self.steps:
            out.extend(step.evidence)
        for dutch in self.glossary.values():
            out.extend(dutch)
        for group in self.synonyms:
            out.extend(group)
        return out

    def value(self, key: str) -> Concept:
        return next(v for v in self.values if v.key == key)

    def topic(self, key: str) -> Concept:
        return next(t for t in self.topics if t.key == key)

    def step(self, number: int) -> Step:
        return next(s for s in self.steps if s.step == number)


def _concept(kind: str, raw: dict[str, object]) -> Concept:
    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        return tuple(str(x) for x in value) if isinstance(value, list) else ()

    return Concept(kind=kind, key=str(raw["key"]), nl=str(raw["nl"]), en=str(raw["en"]),
                   terms=strings("terms"), evidence=strings("evidence"), values=strings("values"))


class Matcher:
    """Finds framework concepts in text by contiguous stem sequences.

    ``names`` are extra phrases that put a question in scope: document titles and publishers.
    """

    def __init__(self, framework: Framework, analyzer: Analyzer,
                 names: tuple[str, ...] = ()) -> None:
        self.framework = framework
        self.analyzer = analyzer
        self.names = names
        self._phrases: dict[str, tuple[tuple[str, ...], ...]] = {}

    def stems(self, text: str) -> list[str]:
        return [self.analyzer.stem(w) for w in words(text)]

    def _compiled(self, key: str, phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        hit = self._phrases.get(key)
        if hit is None:
            hit = tuple(p for p in (tuple(self.stems(x)) for x in phrases) if p)
            self._phrases[key] = hit
        return hit

    @staticmethod
    def contains(seq: list[str], phrase: tuple[str, ...]) -> bool:
        n = len(phrase)
        first = phrase[0]
        return any(seq[i] == first and tuple(seq[i:i + n]) == phrase
                   for i in range(len(seq) - n + 1))

    def matches(self, stems: list[str], key: str, phrases: tuple[str, ...]) -> bool:
        return any(self.contains(stems, p) for p in self._compiled(key, phrases))

    # -- passages --------------------------------------------------------------------------------

    def tag_passage(self, text: str) -> tuple[list[int], list[str], list[str]]:
        """(steps, value keys, topic keys) a passage speaks to."""
        seq = self.stems(text)
        steps = [s.step for s in self.framework.steps
                 if self.matches(seq, f"step:{s.step}", s.evidence)]
        values = [v.key for v in self.framework.values
                  if self.matches(seq, f"value:{v.key}", v.terms)]
        topics = [t.key for t in self.framework.topics
                  if self.matches(seq, f"topic-evidence:{t.key}", t.evidence)]
        return steps, values, topics

    # -- questions -------------------------------------------------------------------------------

    def topics_in(self, text: str) -> list[Concept]:
        seq = self.stems(text)
        return [t for t in self.framework.topics if self.matches(seq, f"topic:{t.key}", t.terms)]

    def values_in(self, text: str) -> list[Concept]:
        seq = self.stems(text)
        return [v for v in self.framework.values if self.matches(seq, f"value:{v.key}", v.terms)]

    def instruments_in(self, text: str) -> list[Concept]:
        seq = self.stems(text)
        return [i for i in self.framework.instruments
                if self.matches(seq, f"instrument:{i.key}", i.terms)]

    def steps_in(self, text: str) -> list[Step]:
        seq = self.stems(text)
        return [s for s in self.framework.steps
                if self.matches(seq, f"step-name:{s.step}", (s.nl, s.key, s.en))]

    def scope(self, text: str) -> str | None:
        """'strong' when ``text`` names the texts' domain, 'weak' for governance words only."""
        seq = self.stems(text)
        # Dutch compounds put the modifier first: "technologieoptimisme" is about technology.
        prefixes = tuple(fold(w) for w in self.framework.domain_strong
                         if " " not in w and len(w) >= 6)
        if (any(w.startswith(prefixes) for w in words(text))
                or self.topics_in(text) or self.values_in(text) or self.instruments_in(text)
                or self.steps_in(text)
                or self.matches(seq, "domain:strong", self.framework.domain_strong)
                or self.matches(seq, "domain:names", self.names)):
            return "strong"
        if self.matches(seq, "domain:weak", self.framework.domain_weak):
            return "weak"
        return None

    def expansion(self, text: str) -> list[str]:
        """Dutch words to add to a question: the Dutch names of concepts it mentions and the
        glossary translation of English words."""
        out: list[str] = []
        for concept in [*self.topics_in(text), *self.values_in(text), *self.instruments_in(text)]:
            out.append(concept.nl)
            out.extend(t for t in concept.evidence)
        folded = words(text)
        singular = {w[:-1] for w in folded if len(w) > 3 and w.endswith("s")}
        present = set(folded) | singular
        joined = " ".join(folded)
        for english, dutch in self.framework.glossary.items():
            if (" " in english and f" {english} " in f" {joined} ") or english in present:
                out.extend(dutch)
        # Dutch words the texts use for what the question says in other words; compounds count
        # by their parts ("gemeenteraadsverkiezingen" names "verkiezingen").
        stems = {stem for w in folded for stem in self.analyzer.analyse_word(w)}
        for group in self.framework.synonyms:
            if any(" " not in term and self.analyzer.stem(fold(term)) in stems
                   for term in group):
                out.extend(group)
        return out
