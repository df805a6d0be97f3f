"""The question bank: the council's questions per denkraam step as data, chosen per case.

``questions.yaml`` holds the questions, each tagged with its step, its concern, the
characteristics and facets of a case it needs or excludes, the public values it serves and what a
passage must speak to for it to be cited (its grounding); ``reasons.yaml`` holds why a public value
is at stake, per characteristic and facet. :mod:`.schema` checks both against their schema and
against the framework; :mod:`.select` chooses, fills and cites the questions for one case.
"""

from assistant.engine.bank.schema import Bank, Entry, Reason, bank_hash, load_bank
from assistant.engine.bank.select import Selection, Selector

__all__ = ["Bank", "Entry", "Reason", "Selection", "Selector", "bank_hash", "load_bank"]
