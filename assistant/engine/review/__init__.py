"""A proposal on the agenda read against the denkraam: ``Reviewer(engine).review(path)`` gives a
:class:`~.worksheet.Worksheet` (what the proposal says per step, what it leaves out, what to ask).
"""

from assistant.engine.review.worksheet import Reviewer, Worksheet, review

__all__ = ["Reviewer", "Worksheet", "review"]
