"""The definite form of a technology's name, for the council's questions.

A council member who asks about "een chatbot" or "a scan car" asks about one plan; the council's
questions about it read "de chatbot", "the scan car": "Wie controleert de antwoorden van een
chatbot?" asks about chatbots in general. English takes "the" before any noun. Dutch takes "de"
or "het" by the noun's gender, which no rule of spelling tells; it is learned from how the
labelled Dutch messages write nouns after "de", "het", "deze" and "dit" (:func:`article_counts`).
A noun never seen after one is known by the last part of a compound that was, seen at least
:data:`MIN_HEAD` times ("risicomodel" by "model"); one known neither way keeps "een", as does a
"het" noun after another word of the name, which may be an adjective that would have to
change too ("een nieuw platform", "het nieuwe platform"). A name written without an article
("algoritme voor woningtoewijzing") gets the definite one the same way: "van algoritme" is no
Dutch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.engine.text.words import ARTICLES, STOPWORDS, fold, words

# The determiners that tell a Dutch noun's gender, and the article each stands for.
GENDER_OF = {"de": "de", "het": "het", "deze": "de", "dit": "het"}
# Dutch words that determine a noun themselves and are no stopword (a closed class): a name that
# starts with one takes no article.
DETERMINERS_NL = frozenset({
    "onze", "jullie", "welk", "welke", "elk", "elke", "ieder", "iedere", "alle", "enkele",
    "sommige", "beide", "zo'n", "zulk", "zulke", "dezelfde", "hetzelfde", "meerdere",
    "verschillende", "diverse", "vele", "enige", "weinig", "twee", "drie", "vier", "vijf", "zes",
    "zeven", "acht", "negen", "tien", "elf", "twaalf", "vijftien", "twintig", "dertig",
    "veertig", "vijftig", "honderd", "duizend"})
# A noun's article is the one it takes at least this share of the times it is seen with one.
MIN_SHARE = 0.8
# The last part of a compound stands for it when seen with an article at least this often.
MIN_HEAD = 3
# The shortest last part of a compound that stands for it ("app" of "meldapp").
MIN_PART = 3


def article_counts(texts: Iterable[str]) -> dict[str, tuple[int, int]]:
    """How often each word follows "de"/"deze" and "het"/"dit" in ``texts`` (Dutch), folded."""
    counts: dict[str, list[int]] = {}
    for text in texts:
        ws = words(text)
        for before, word in zip(ws, ws[1:], strict=False):
            gender = GENDER_OF.get(before)
            if gender and word not in STOPWORDS and not word.isdigit():
                counts.setdefault(word, [0, 0])[gender == "het"] += 1
    return {w: (de, het) for w, (de, het) in counts.items()}


def definite_article(noun: str, counts: Mapping[str, tuple[int, int]]) -> str | None:
    """ "de" or "het" for the Dutch ``noun`` (one word, folded), or None when the counts do not
    tell it: the noun itself, or else the longest last part of it seen :data:`MIN_HEAD` times,
    must take one article :data:`MIN_SHARE` of the time."""
    for start in range(len(noun) - MIN_PART + 1):
        seen = counts.get(noun[start:])
        if seen is None:
            continue
        de, het = seen
        if start and de + het < MIN_HEAD:
            continue
        if max(de, het) < MIN_SHARE * (de + het):
            return None
        return "de" if de >= het else "het"
    return None


def _before_function_word(text: str) -> list[str]:
    """The words of ``text`` (split at spaces) before its first function word."""
    run = []
    for token in text.split():
        if fold(token) in STOPWORDS:
            break
        run.append(token)
    return run


def definite_form(named: str, language: str, counts: Mapping[str, tuple[int, int]]) -> str:
    """``named`` (a name with the article the user wrote, :func:`..query.named_form`) with the
    definite article in place of an indefinite one, and before a Dutch name written without one,
    where the article is known (see the module docstring); otherwise as it is."""
    article, _, rest = named.partition(" ")
    if language == "en":
        return f"the {rest}" if rest and article.lower() in ("a", "an") else named
    if article.lower() != "een" or not rest:
        return _bare_definite(named, counts)
    gender = _head_article(rest, counts)
    return f"{gender} {rest}" if gender else named


def _head_article(text: str, counts: Mapping[str, tuple[int, int]]) -> str | None:
    """ "de" or "het" for the Dutch name ``text`` (without an article), by its head noun: the
    last word of the first run of words before a function word that does not start with a
    capital ("nieuwe kantine voor ...", "app GeluidMelder"), the last part of a compound written
    with a hyphen ("MORA-app"). None where its article is not known, and for a "het" noun after
    another word, which may be an adjective that would change too ("nieuw platform", "het
    nieuwe platform")."""
    run = _before_function_word(text)
    lower = [k for k, t in enumerate(run) if t[:1].islower()]
    at = lower[-1] if lower else len(run) - 1
    parts = words(run[at]) if run else []
    gender = definite_article(parts[-1], counts) if parts else None
    return None if gender is None or gender == "het" and at > 0 else gender


def _bare_definite(named: str, counts: Mapping[str, tuple[int, int]]) -> str:
    """A Dutch name written without an article ("algoritme voor woningtoewijzing") with the
    definite one, which a singular noun needs after the questions' prepositions ("van het
    algoritme voor woningtoewijzing", not "van algoritme ..."); a plural reads right with it as
    well. The article is that of its head noun, as for an indefinite name
    (:func:`_head_article`). As it is where the name starts with a word that determines the noun
    already ("deze", "onze", "meerdere", a number) or with a capital (a product's name)."""
    run = _before_function_word(named)
    if not run:
        return named
    if not run[0][:1].islower() or _determines(named.split()[0]):
        return named
    gender = _head_article(named, counts)
    return f"{gender} {named}" if gender else named


def _determines(word: str) -> bool:
    """Whether a Dutch name starting with ``word`` has its determiner already: a stopword
    ("deze", "mijn") or one of :data:`DETERMINERS_NL` ("onze", "meerdere", a number)."""
    folded = fold(word)
    return folded in STOPWORDS or folded in DETERMINERS_NL


def without_article(name: str) -> str:
    """``name`` without a leading article (the one :func:`definite_form` may have put before it,
    or the user's)."""
    article, _, rest = name.partition(" ")
    return rest if rest and fold(article) in ARTICLES else name


# Endings of a word that may be a plural ("camera's", "sensoren", "bodycams"); in English a noun
# ending in one of the exceptions is as often singular ("bus", "status", "analysis").
_PLURAL_NL = ("'s", "’s", "en", "s")
_SINGULAR_S_EN = ("ss", "us", "is")
# An English name whose last word ends so runs on into a participle ("drones filming",
# "cameras installed"): its words are no noun phrase to refer back with.
_PARTICIPLE_EN = ("ing", "ed")


def _dutch_demonstrative(head: str, first: bool, counts: Mapping[str, tuple[int, int]]
                         ) -> str | None:
    """ "deze" or "dit" for the Dutch noun ``head`` (folded) at the end of a name without an
    article (``first``: it is the name's only word), or None when that is not sure. The word as
    written, seen with an article, says it ("kentekenscannen" after "het" takes "dit", "camera's"
    after "de" takes "deze"); a word that may be a plural is one when its singular is a known noun
    ("sensoren" of "sensor"); else the article of the noun or of its last part
    (:func:`definite_article`), "dit" only for a "het" noun that is the name's only word (an
    adjective before it would change: "nieuw model", "dit nieuwe model")."""
    seen = counts.get(head)
    if seen is not None and max(seen) >= MIN_SHARE * sum(seen):
        het = seen[1] > seen[0]
        return None if het and not first else "dit" if het else "deze"
    for ending in _PLURAL_NL:
        stem = head[:-len(ending)] if head.endswith(ending) else ""
        # A consonant doubled before "-en" is one in the singular ("modellen", "model").
        stems = [stem, stem[:-1]] if len(stem) > 1 and stem[-1] == stem[-2] else [stem]
        if any(len(t) >= MIN_PART and definite_article(t, counts) is not None for t in stems):
            return "deze"
    if head.endswith(_PLURAL_NL):
        return None  # a plural or a noun made of a verb ("scannen"): not told by its ending
    gender = definite_article(head, counts)
    if gender is None or gender == "het" and not first:
        return None
    return "dit" if gender == "het" else "deze"


def demonstrative_form(named: str, language: str, counts: Mapping[str, tuple[int, int]]
                       ) -> str | None:
    """How a later question refers back to the technology ``named`` (its definite name, as
    :func:`definite_form` gives it): its words up to the first function word after a
    demonstrative, "deze camera" for "de camera met microfoons", "dit algoritme" for "het
    algoritme van TaxaData", "these smart traffic lights" for "the smart traffic lights that
    give cyclists priority". None where that is not sure to be right: a name without an article
    that starts with a capital ("Microsoft 365"), an English one that runs on into a participle
    ("drones filming"), a Dutch noun whose article or number is not known."""
    article, _, rest = named.partition(" ")
    lowered = article.lower()
    articles = ("the", "a", "an") if language == "en" else ("de", "het", "een")
    if lowered not in articles or not rest:
        rest, lowered = named, ""
        if named[:1].isupper() or language != "en" and _determines(article):
            return None  # a product's name; "onze app", which "deze" cannot go before
    run = _before_function_word(rest)
    parts = words(run[-1]) if run else []
    if not parts:
        return None
    chunk = " ".join(run)
    last = parts[-1]
    if language == "en":
        if last.endswith(_PARTICIPLE_EN):
            return None
        plural = last.endswith("s") and not last.endswith(_SINGULAR_S_EN)
        return f"{'these' if plural else 'this'} {chunk}"
    if lowered == "het":
        return f"dit {chunk}"
    if lowered == "de":
        return f"deze {chunk}"
    word = fold(run[-1])
    head = _dutch_demonstrative(word if word in counts else last, len(run) == 1, counts)
    return f"{head} {chunk}" if head else None
