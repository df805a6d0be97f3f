"""The framework file (corpus/framework.yaml): its schema, its loader and matching against text.

The file holds domain knowledge that holds for any corpus: the five denkraam steps, the public
values, technology topics and instruments with the words people use for them, an English-to-Dutch
glossary, the characteristics of technologies, and the words of the domain. The questions for the
council are the question bank (:mod:`assistant.engine.bank`). :class:`FrameworkFile` is its
schema: unknown keys and broken cross-references (a value or step that does not exist) are refused
with one sentence that names the key and the line.

:class:`Matcher` finds these concepts in text: in passages (to tag them with the steps and values
they speak to) and in questions. Phrases match on contiguous Dutch stems, so "onder druk" does not
match a passage that merely has "onder" and "druk" far apart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.engine.corpus.readers import FRAMEWORK_FILE
from assistant.engine.text.analyzer import Analyzer
from assistant.engine.text.words import fold, words
from assistant.errors import AssistantError, CorpusError

STEP_NUMBERS = (1, 2, 3, 4, 5)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Strict):
    step: int
    key: str
    nl: str
    en: str
    about_nl: str
    about_en: str
    evidence: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def about(self, lang: str) -> str:
        return self.about_en if lang == "en" else self.about_nl


class Concept(_Strict):
    """A public value, technology topic or instrument."""

    key: str
    nl: str
    en: str
    terms: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    kind: str = "value"  # "value" | "topic" | "instrument", set by the loader

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Characteristic(_Strict):
    """What a technology does ("collects data about people in public space"), recognised by
    ``triggers`` in its name or by closeness to its ``examples``, with the public values that
    follow from it. The question bank names characteristics in what its questions need."""

    key: str
    nl: str
    en: str
    triggers: tuple[str, ...] = Field(min_length=1)
    examples: tuple[str, ...] = ()  # technologies that have it, as people name them
    values: tuple[str, ...] = ()
    # Characteristics that, when a case also has them, say this one was read wrongly: a camera
    # that recognises people does not "count without identifying".
    yields_to: tuple[str, ...] = ()
    # What is at stake for residents in a case that has it: 1 it decides or acts on individual
    # residents, 2 it watches people, handles data about them or changes how they deal with the
    # municipality, 3 it concerns how the technology is organised or what it measures. Of the
    # public values with a reason for a case, those of its characteristics with the most at stake
    # lead (bank/select.py).
    stakes: int = Field(default=2, ge=1, le=3, strict=True)

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    @staticmethod
    def prevailing(found: list[Characteristic]) -> list[Characteristic]:
        """``found`` without those that yield to another one found (``yields_to``), in order."""
        present = {c.key for c in found}
        return [c for c in found if present.isdisjoint(c.yields_to)]

    def matches(self, folded: list[str]) -> bool:
        """Whether one of the triggers occurs in these folded words (see framework.yaml)."""
        exact, inner, phrases, prefixes = _triggers(self.triggers)
        if prefixes and any(w.startswith(prefixes) for w in folded):
            return True
        if exact and not exact.isdisjoint(folded):
            return True
        if inner and any(t in w for t in inner for w in folded):
            return True
        if phrases:
            joined = f" {' '.join(folded)} "
            return any(p in joined for p in phrases)
        return False


@functools.cache
def _triggers(triggers: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...],
                                                 tuple[str, ...], tuple[str, ...]]:
    """A characteristic's triggers folded once and sorted by how they match: whole words
    ("=word"), inside a word ("*part"), a phrase of words (" with spaces "), a word's start."""
    exact: set[str] = set()
    inner: list[str] = []
    phrases: list[str] = []
    prefixes: list[str] = []
    for trigger in triggers:
        t = fold(trigger)
        if t.startswith("="):
            exact.add(t[1:])
        elif t.startswith("*"):
            inner.append(t[1:])
        elif " " in t or "-" in t:
            phrases.append(f" {' '.join(words(t))} ")
        else:
            prefixes.append(t)
    return frozenset(exact), tuple(inner), tuple(phrases), tuple(prefixes)


class Example(_Strict):
    """A question the texts answer well: a starter of the chat and a suggestion after a question
    they do not cover."""

    label: str
    nl: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class FrameworkFile(_Strict):
    """The schema of corpus/framework.yaml."""

    steps: tuple[Step, ...]
    values: tuple[Concept, ...]
    topics: tuple[Concept, ...] = ()
    instruments: tuple[Concept, ...] = ()
    glossary: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    characteristics: tuple[Characteristic, ...] = ()
    # Subjects of council business that are not a technology: a subject has a characteristic
    # only when it is closer to that characteristic's examples than to all of these.
    not_technology: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()

    @field_validator("steps")
    @classmethod
    def _five_steps(cls, steps: tuple[Step, ...]) -> tuple[Step, ...]:
        if tuple(s.step for s in steps) != STEP_NUMBERS:
            raise ValueError("steps must be the five denkraam steps, numbered 1 to 5 in order")
        return steps


class Framework:
    """The loaded framework: steps, values, topics, instruments, characteristics, glossary."""

    def __init__(self, data: FrameworkFile) -> None:
        self.steps = list(data.steps)
        self.values = [v.model_copy(update={"kind": "value"}) for v in data.values]
        self.topics = [t.model_copy(update={"kind": "topic"}) for t in data.topics]
        self.instruments = [i.model_copy(update={"kind": "instrument"})
                            for i in data.instruments]
        self.glossary = {fold(k): list(v) for k, v in data.glossary.items()}
        self.characteristics = list(data.characteristics)
        self.not_technology = tuple(data.not_technology)
        self.domain = tuple(data.domain)
        self.examples = list(data.examples)

    @classmethod
    def load(cls, corpus_dir: Path) -> Framework:
        path = corpus_dir / FRAMEWORK_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise CorpusError(f"{path} is missing; it holds the denkraam steps, values and "
                              "characteristics the answers are built from.") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{path} cannot be read as UTF-8 text.") from exc
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, where: str = FRAMEWORK_FILE) -> Framework:
        """Check ``text`` against the schema; one sentence names the first problem and its line."""
        data, node = parse_yaml(
            text, where, FrameworkFile.model_validate, CorpusError,
            "with steps, values and the other parts described in docs/knowledge.md")
        _check_references(data, node, where)
        return cls(data)

    def all_terms(self) -> list[str]:
        out: list[str] = []
        for concept in [*self.values, *self.topics, *self.instruments]:
            out.extend(concept.terms)
            out.extend(concept.evidence)
        for step in self.steps:
            out.extend(step.evidence)
        for dutch in self.glossary.values():
            out.extend(dutch)
        return out

    def value(self, key: str) -> Concept:
        return next(v for v in self.values if v.key == key)

    def topic(self, key: str) -> Concept:
        return next(t for t in self.topics if t.key == key)

    def characteristic(self, key: str) -> Characteristic:
        return next(c for c in self.characteristics if c.key == key)

    def step(self, number: int) -> Step:
        return next(s for s in self.steps if s.step == number)


T = TypeVar("T")


def parse_yaml(text: str, where: str, validate: Callable[[Any], T],
               error: type[AssistantError], mapping: str,
               label: Callable[[Any, tuple[Any, ...]], str] = lambda raw, loc: ""
               ) -> tuple[T, YamlLines]:
    """A YAML data file checked against its schema (``validate``), with the lines of its keys for
    the checks that follow. A problem is one ``error`` sentence naming ``where``, the line and the
    key (``label`` may name the entry it lies in); ``mapping`` says what the top level holds."""
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        node = YamlLines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}" if mark else ""
        raise error(f"{where}{at} is not valid YAML ({getattr(exc, 'problem', exc)}).") from exc
    if not isinstance(raw, dict):
        raise error(f"{where} must be a mapping {mapping}.")
    try:
        return validate(raw), node
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        key = ".".join(str(p) for p in loc) or "(top)"
        reason = ("is not a known key" if err["type"] == "extra_forbidden"
                  else "is missing" if err["type"] == "missing" else err["msg"])
        raise error(f"{where} line {node.line(loc)}: {label(raw, loc)}{key} {reason}.") from exc


class YamlLines:
    """Line numbers of a YAML text's keys, for error messages. The text's nodes are composed only
    when a line is asked for: composing takes about ten times as long as loading the text with
    PyYAML's C loader, and a valid file never needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._node: Any = None

    def line(self, loc: tuple[Any, ...]) -> int:
        if self._node is None:
            self._node = yaml.compose(self.text)
        return line_of(self._node, loc)


def line_of(node: Any, loc: tuple[Any, ...]) -> int:
    """The line of the YAML node at ``loc`` (or of its closest existing parent)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            key_node = next((k for k, v in node.value if k.value == part), None)
            if key_node is not None:
                line = key_node.start_mark.line + 1
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def _check_references(data: FrameworkFile, node: YamlLines, where: str) -> None:
    values = {v.key for v in data.values}
    for section in ("topics", "characteristics"):
        for i, item in enumerate(getattr(data, section)):
            for j, key in enumerate(item.values):
                if key not in values:
                    line = node.line((section, i, "values", j))
                    raise CorpusError(f"{where} line {line}: {section}.{i}.values names the "
                                      f"unknown value {key!r}; the values are: "
                                      f"{', '.join(sorted(values))}.")
    keys = [c.key for c in data.characteristics]
    for i, char in enumerate(data.characteristics):
        for j, key in enumerate(char.yields_to):
            if key not in keys:
                line = node.line(("characteristics", i, "yields_to", j))
                raise CorpusError(f"{where} line {line}: characteristics.{i}.yields_to names the "
                                  f"unknown characteristic {key!r}.")
    if len(set(keys)) != len(keys):
        raise CorpusError(f"{where}: two characteristics share a key; give each its own.")


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
        # Dutch compounds put the modifier first: "technologieoptimisme" is about technology.
        self._domain_prefixes = tuple(fold(w) for w in framework.domain
                                      if " " not in w and len(w) >= 6)

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

    def topics_in(self, seq: list[str]) -> list[Concept]:
        return [t for t in self.framework.topics if self.matches(seq, f"topic:{t.key}", t.terms)]

    def values_in(self, seq: list[str]) -> list[Concept]:
        return [v for v in self.framework.values if self.matches(seq, f"value:{v.key}", v.terms)]

    def instruments_in(self, seq: list[str]) -> list[Concept]:
        return [i for i in self.framework.instruments
                if self.matches(seq, f"instrument:{i.key}", i.terms)]

    def steps_in(self, seq: list[str]) -> list[Step]:
        return [s for s in self.framework.steps
                if self.matches(seq, f"step-name:{s.step}", (s.nl, s.key, s.en))]

    def characteristics_in(self, folded: list[str]) -> list[Characteristic]:
        return [c for c in self.framework.characteristics if c.matches(folded)]

    def names_domain(self, seq: list[str], folded: list[str]) -> bool:
        """Whether the words name digital technology in government or an indexed text."""
        return (any(w.startswith(self._domain_prefixes) for w in folded)
                or self.matches(seq, "domain", self.framework.domain)
                or self.matches(seq, "domain:names", self.names))

    def glossary_words(self, folded: list[str]) -> list[str]:
        """The Dutch words the glossary gives for the English words among ``folded``."""
        out: list[str] = []
        singular = {w[:-1] for w in folded if len(w) > 3 and w.endswith("s")}
        present = set(folded) | singular
        joined = f" {' '.join(folded)} "
        for english, dutch in self.framework.glossary.items():
            if (" " in english and f" {english} " in joined) or english in present:
                out.extend(dutch)
        return out
