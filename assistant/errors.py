"""Errors a user can meet, each carrying one clear sentence.

    AssistantError                 base: ``str(err)`` is the sentence shown to the user
    ├── QuestionError              empty, too long or unusable question
    ├── CorpusError                corpus folder or metadata unusable as a whole
    ├── IndexError_                index/ missing, stale, damaged or built for another model
    │   ├── IndexMissing
    │   └── IndexMismatch
    ├── IndexWriteError            the index folder cannot be written (read-only, disk full)
    ├── ModelError                 embedding model cannot be loaded
    ├── UnderstandingDataError     labelled questions, a language, detail-forms or probes file
    │                              fails its schema
    ├── EvalFileError              reference set unreadable or naming unknown documents
    ├── ConfigError                settings that cannot work together (chat server start)
    ├── AccountError               bad user name, password or token request
    ├── HistoryError               history database unreadable or unwritable
    ├── EndpointError              the language model's endpoint cannot be used (the composer
    │                              answers instead; the sentence is Dutch, for the chat)
    └── ProposalError              a proposal given for review cannot be read

Single unreadable corpus files are not errors: ingestion skips them with a warning
(see ``assistant.engine.corpus.readers.LoadReport``).
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class; the message is one sentence meant for the user."""

    exit_code = 1


class QuestionError(AssistantError):
    """The question cannot be answered as given (empty, too long, only control characters)."""

    exit_code = 2


class CorpusError(AssistantError):
    """The corpus as a whole cannot be used (no folder, no readable document, bad metadata)."""


class IndexError_(AssistantError):  # noqa: N801 - avoid shadowing the builtin IndexError
    """The built index cannot be used."""

    exit_code = 3


class IndexMissing(IndexError_):
    """No index has been built yet."""


class IndexMismatch(IndexError_):
    """The index is damaged, or was built for another corpus, model or version."""


class IndexWriteError(AssistantError):
    """The index folder cannot be written."""


class ModelError(AssistantError):
    """The embedding model cannot be loaded."""


class UnderstandingDataError(AssistantError):
    """The labelled question set, a language data file of the analyser, the forms of details
    (details.yaml) or the calibration questions (probes.yaml) fail their schema."""

    exit_code = 2


class EvalFileError(AssistantError):
    """A reference question set is unreadable or refers to unknown documents."""

    exit_code = 2


class ConfigError(AssistantError):
    """Settings that cannot work together, found before the chat server starts."""

    exit_code = 2


class AccountError(AssistantError):
    """A user name, password or token request that cannot be carried out."""

    exit_code = 2


class HistoryError(AssistantError):
    """The history database cannot be read or written."""

    exit_code = 2


class EndpointError(AssistantError):
    """The language model's endpoint cannot be used; ``str()`` is one Dutch sentence."""


class ProposalError(AssistantError):
    """A proposal given for review cannot be read (type, size, damage, no text)."""

    exit_code = 2
