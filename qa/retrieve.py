"""Retrieval: dense (FAISS), BM25 (jieba terms) and their fusion → ranked chunk hits."""
from __future__ import annotations

import enum
from collections.abc import Sequence

import numpy as np

from qa.store import Index
from qa.types import Hit

RRF_K = 60


class Mode(enum.Enum):
    HYBRID = "hybrid"
    DENSE = "dense"
    BM25 = "bm25"

    @classmethod
    def parse(cls, value: str) -> Mode:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"retrieval mode {value!r} is not one of {', '.join(m.value for m in cls)}") from None


def dense_search(index: Index, query_vector: np.ndarray, *, top_k: int,
                 allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
    """(chunk position, cosine) of the `top_k` nearest chunks; only positions where `allowed` is true,
    when given (FAISS skips the others while it searches, so a narrow filter still fills `top_k`)."""
    top_k = min(top_k, index.vectors.ntotal)
    if top_k == 0:
        return []
    query = np.ascontiguousarray(query_vector[None, :], dtype=np.float32)
    if allowed is None:
        scores, ids = index.vectors.search(query, top_k)
    else:
        import faiss

        chunk_ids = np.array([index.chunks[p].chunk_id for p in np.flatnonzero(allowed)], dtype=np.int64)
        selector = faiss.IDSelectorBatch(chunk_ids)
        ivf = getattr(index.vectors, "nprobe", None)
        params = (faiss.SearchParametersIVF(sel=selector, nprobe=ivf) if ivf else faiss.SearchParameters(sel=selector))
        scores, ids = index.vectors.search(query, top_k, params=params)
    return [(index.position_by_chunk_id[int(i)], float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]


def bm25_search(index: Index, query_terms: Sequence[str], *, top_k: int,
                allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
    """(chunk position, BM25 score) of the `top_k` best chunks with a positive score (among `allowed`)."""
    if not query_terms or not index.chunks:
        return []
    scores = index.bm25.get_scores(list(query_terms))[: len(index.chunks)]
    if allowed is not None:
        scores = np.where(allowed, scores, 0.0)
    top_k = min(top_k, len(scores))
    best = np.argpartition(-scores, top_k - 1)[:top_k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(i), float(scores[i])) for i in best if scores[i] > 0]


def reciprocal_rank_fusion(*rankings: Sequence[tuple[int, float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse ranked lists by reciprocal rank: score(d) = Σ 1 / (k + rank(d)), ranks from 1.

    Ranks, not raw scores, are added because cosines and BM25 scores live on unrelated scales.
    k = 60 (Cormack et al., 2009) damps the head of each list so that a document ranked well by both
    retrievers beats one ranked first by only one of them."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (doc, _) in enumerate(ranking, start=1):
            fused[doc] = fused.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


N_CANDIDATES = 50  # chunks each retriever ranks before fusion


def published_between(index: Index, dates: tuple[str | None, str | None]) -> np.ndarray | None:
    """Which chunks' articles were published in `dates` = (first, last), ISO dates, inclusive, either open
    (articles without a date are left out of a range); None for no range."""
    if dates == (None, None):
        return None
    first, last = dates
    published = index.chunk_dates
    return (published != "") & (published >= (first or "")) & (published <= (last or "9999"))


def sparse_ranking(index: Index, query_terms: Sequence[str], *, mode: Mode = Mode.HYBRID,
                   n_candidates: int = N_CANDIDATES,
                   dates: tuple[str | None, str | None] = (None, None)) -> list[tuple[int, float]]:
    """BM25's ranking as `retrieve` makes it (none in dense mode), for a caller that reads it before the query's
    vector is made."""
    allowed = published_between(index, dates)
    if mode == Mode.DENSE or (allowed is not None and not allowed.any()):
        return []
    return bm25_search(index, query_terms, top_k=n_candidates, allowed=allowed)


def retrieve(index: Index, *, query_vector: np.ndarray | None, query_terms: Sequence[str], top_k: int = 5,
             mode: Mode = Mode.HYBRID, n_candidates: int = N_CANDIDATES,
             dates: tuple[str | None, str | None] = (None, None),
             sparse: Sequence[tuple[int, float]] | None = None) -> list[Hit]:
    """The `top_k` chunk hits for a query, by `mode`; each hit carries both retrievers' scores.

    `dates` = (first, last), ISO dates, inclusive, either open: only articles published then count
    (articles without a date are left out when a range is given). `sparse`: BM25's ranking when the caller has
    made it already (`sparse_ranking` with the same terms, mode and dates)."""
    allowed = published_between(index, dates)
    if allowed is not None and not allowed.any():
        return []
    dense = dense_search(index, query_vector, top_k=n_candidates, allowed=allowed) if mode != Mode.BM25 else []
    if sparse is None:
        sparse = sparse_ranking(index, query_terms, mode=mode, n_candidates=n_candidates, dates=dates)
    fused = fused_top(*(r for r in (dense, sparse) if r), top_k=top_k)
    dense_by_pos, sparse_by_pos = dict(dense), dict(sparse)
    return [Hit(chunk=index.chunks[pos], score=score, dense_score=dense_by_pos.get(pos),
                bm25_score=sparse_by_pos.get(pos)) for pos, score in fused]


def fused_top(*rankings: Sequence[tuple[int, float]], top_k: int) -> list[tuple[int, float]]:
    """The `top_k` best by reciprocal rank fusion, each ranking's first among them: where fusion leaves one out, it
    takes the last place of a hit that is no ranking's first.

    Fusion alone can push out what one retriever ranks first and the other misses: a chunk outside the dense
    top 50 that BM25 ranks first scores 1/61, below any chunk both rank around tenth (2/70), however far BM25's
    first stands ahead of its second."""
    ranked = reciprocal_rank_fusion(*rankings)
    firsts = set(r[0][0] for r in rankings if r)
    missing = [(pos, score) for pos, score in ranked[top_k:] if pos in firsts]
    if not missing or top_k <= len(firsts):
        return ranked[:top_k]
    kept, room = [], top_k - len(firsts)  # room for the others, taken in fusion's order
    for pos, score in ranked[:top_k]:
        if pos in firsts or room > 0:
            kept.append((pos, score))
            room -= pos not in firsts
    return kept + missing
