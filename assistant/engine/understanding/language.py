"""Language data of the question analyser: one validated YAML file per language (nl, en).

What remains of word lists after the kind of question, the part that asks and the subject became
learned (see :mod:`.model`): markers that tell Dutch from English, the words of a question's frame,
the words that begin a qualifier of a technology's name, the phrases that introduce pasted text,
and the cues of the details a question asks for. :class:`LanguageData` is the schema: a missing or
unknown key is refused with one sentence that names the file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.engine.text.words import fold, words
from assistant.errors import UnderstandingDataError

LANGUAGES = ("nl", "en")
T = TypeVar("T")
FOLDER = Path(__file__).parent / "language"
DETAILS = ("amount", "count", "date", "duration", "percentage", "place", "person", "rule", "name")


class LanguageData(BaseModel):
    """One language's word lists (see language/nl.yaml for what each is for)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str
    markers: frozenset[str] = Field(min_length=5)
    question_frame: frozenset[str]
    qualifiers: frozenset[str]
    relatives: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    quote_openers: tuple[str, ...]
    values_words: frozenset[str]
    details: dict[str, tuple[str, ...]]
    name_nouns: tuple[str, ...]
    product_nouns: tuple[str, ...]
    followup_openers: tuple[str, ...]

    def model_post_init(self, _: object) -> None:
        unknown = set(self.details) - set(DETAILS)
        if unknown:
            raise ValueError(f"unknown detail {sorted(unknown)[0]!r} (known: {', '.join(DETAILS)})")

    def details_asked(self, question: str) -> list[str]:
        """The details a question part asks for, in the order of :data:`DETAILS`."""
        joined = f" {' '.join(words(question))} "
        out = [d for d in DETAILS
               if any(f" {' '.join(words(cue))} " in joined for cue in self.details.get(d, ()))]
        # "welk onderzoeksbureau", "which AI company": a name, whatever the party is called.
        if "name" not in out and self.asks_which_party(question):
            out = [d for d in DETAILS if d in out or d == "name"]
        # "hoeveel kost", "hoeveel dagen", "hoeveel procent": an amount, a period, a share, not
        # a count.
        if "count" in out and {"amount", "duration", "percentage"} & set(out):
            out.remove("count")
        return out

    def party_heads(self, question: str) -> list[str]:
        """The nouns of :attr:`name_nouns` that ``question`` asks after: a word that is one of
        them, its plural, or a compound ending in one ("onderzoeksbureau", "cameraleveranciers";
        not "kenmerk" or "firmware", whose first part is too short or whose noun comes first)."""
        return list(_party_heads(self.name_nouns, question))

    def asks_which_party(self, question: str) -> bool:
        """ "Welk(e) ..." or "which ..." followed, within two words, by a party noun."""
        folded = words(question)
        return any(w in _WHICH and self.party_heads(" ".join(folded[i + 1:i + 3]))
                   for i, w in enumerate(folded))

    def asks_values(self, question: str) -> bool:
        return bool(set(words(question)) & self.values_words)


_WHICH = frozenset({"welk", "welke", "which", "what"})
# The endings of a noun's plural (or none), for nouns ending in "y" and for others.
_PLURAL = {True: "(y|ies)", False: "(s|en|es|'s)?"}


@lru_cache(maxsize=1024)
def _party_heads(nouns: tuple[str, ...], question: str) -> tuple[str, ...]:
    out = []
    for w in words(question):
        for noun in nouns:
            stem = noun[:-1] if noun.endswith("y") else noun
            if re.fullmatch(rf"(\w{{4,}})?{re.escape(stem)}{_PLURAL[noun.endswith('y')]}", w):
                out.append(noun)
    return tuple(dict.fromkeys(out))


def mentions(text: str, nouns: list[str]) -> bool:
    """Whether ``text`` holds one of ``nouns`` (from :meth:`LanguageData.party_heads`), on its own
    or at the end of a compound, singular or plural."""
    folded = fold(text)
    return any(re.search(rf"{re.escape(n[:-1] if n.endswith('y') else n)}"
                         rf"{_PLURAL[n.endswith('y')]}\b", folded) for n in nouns)


@cache
def language_data(lang: str) -> LanguageData:
    """The word lists of ``lang`` (``nl`` for anything but ``en``)."""
    path = FOLDER / f"{'en' if lang == 'en' else 'nl'}.yaml"
    return read_data_file(path, "language file", LanguageData.model_validate)


def read_data_file(path: Path, what: str, validate: Callable[[Any], T]) -> T:
    """A YAML data file of the assistant, validated by ``validate`` (a pydantic schema); one
    sentence naming the file, and the key where it fails its schema, otherwise."""
    try:
        return validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise UnderstandingDataError(f"The {what} {path} cannot be read "
                                     f"({exc.__class__.__name__}); reinstall the assistant."
                                     ) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise UnderstandingDataError(f"The {what} {path} is not valid at {where}: "
                                     f"{first['msg']}.") from exc


def detect_language(text: str) -> str:
    """'en' when English function words outnumber Dutch ones, else 'nl' (the default). A
    question's language is read once, by the analyser, and everything after reads
    ``Query.language``; the detail check also reads the language of a sentence with it."""
    tokens = words(text)
    en = sum(t in language_data("en").markers for t in tokens)
    nl = sum(t in language_data("nl").markers for t in tokens)
    return "en" if en > nl else "nl"


def question_frame() -> frozenset[str]:
    """The words of a question's frame in either language ("wat moet ik vragen over")."""
    return language_data("nl").question_frame | language_data("en").question_frame


def files_hash() -> str:
    """Hash of the language files, for the manifest of a trained analyser."""
    digest = hashlib.sha256()
    for lang in LANGUAGES:
        digest.update((FOLDER / f"{lang}.yaml").read_bytes())
    return digest.hexdigest()
