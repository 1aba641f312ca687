"""Typed errors the library raises; only the CLI and the web app turn them into messages."""


class QAError(Exception):
    """Base of every error this package raises on purpose."""


class CorpusError(QAError):
    """An input file cannot be read as articles."""


class UnreadableFileError(CorpusError):
    """A file is missing, binary, or in no encoding we can decode."""


class MalformedRecordError(CorpusError):
    """A JSONL line is not a valid article record."""


class IndexNotFoundError(QAError):
    """No index at the given folder."""


class IndexCorruptError(QAError):
    """An index file is missing, truncated or altered (checksum mismatch)."""


class IndexMismatchError(QAError):
    """The index was built with another embedder, dimension or format version."""


class IndexBusyError(QAError):
    """Another process is writing the index."""


class EmptyQuestionError(QAError):
    """The question has no content after normalisation."""


class EmbedderError(QAError):
    """The embedding model cannot be loaded."""
