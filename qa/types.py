"""The values passed between pipeline stages: articles, chunks, hits, citations, answers."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One article. `text` is normalised; every offset elsewhere points into it."""

    article_id: str
    title: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD
    source: str = ""
    reporter: str | None = None

    def to_record(self) -> dict:
        """The JSONL record staff read and correct (`id`, not `article_id`)."""
        record = {"id": self.article_id, "title": self.title, "date": self.date,
                  "source": self.source, "text": self.text}
        if self.reporter:
            record["reporter"] = self.reporter
        return record


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of whole sentences of one article: `article.text[start:end] == text`."""

    chunk_id: int
    article_id: str
    start: int
    end: int
    text: str
    n_tokens: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved chunk with its fused score and the scores that went into it."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence of an article that backs an answer; `[start, end)` into the article text."""

    article_id: str
    title: str
    date: str | None
    source: str
    sentence: str
    start: int
    end: int
    score: float


class RefusalReason:
    """Why an answer is empty (string constants, stable in the JSON output)."""

    NO_EVIDENCE = "no_evidence"      # nothing relevant retrieved
    WEAK_EVIDENCE = "weak_evidence"  # something retrieved, but too weak to answer from


@dataclass(frozen=True, slots=True)
class Answer:
    """An extractive answer. `text` is `article.text[answer_start:answer_end]` of the first citation's
    article, inside that citation's sentence; empty when not answerable."""

    question: str
    resolved_question: str
    text: str
    answerable: bool
    confidence: float
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    answer_start: int | None = None
    answer_end: int | None = None
    refusal_reason: str | None = None
    latency_ms: float = 0.0
    note: str | None = None  # e.g. that several articles answer and the latest was taken
