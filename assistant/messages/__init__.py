"""What the assistant says to the people who use it, one module per language. :mod:`.nl` holds
the interface (the chat, the widget, the sign-in, the server's lines to the griffie) and the
wording of Dutch answers; :mod:`.en` the wording of answers to questions asked in English, under
the same names as their Dutch counterparts (with a few of its own, where English needs other
words: ``DETAIL_NOT_SAID``, ``ENGLISH_LEAD``), and the English page texts. :func:`of` gives the
one for an answer's language.

A sentence with a blank to fill has a named ``{placeholder}`` and is filled with
``str.format`` where it is used. Messages for maintainers (command-line errors, logs) are
English and stay with their code; Chainlit's own interface texts are its translation files
(assistant/chat/ui/.chainlit/translations/).
"""

from types import ModuleType


def of(lang: str) -> ModuleType:
    """The catalogue for an answer in ``lang``: :mod:`.en` for English, else :mod:`.nl`."""
    from . import en, nl

    return en if lang == "en" else nl
