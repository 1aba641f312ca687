"""The index folder: manifest, FAISS vectors, BM25, chunk and article metadata; atomic save, checked load.

Layout: `<index_dir>/CURRENT` names the generation folder (`gen-…/`) that holds one complete
index. A write builds a new generation beside the old one, fsyncs it, then swaps CURRENT with an
atomic rename, so a reader (or a crash) only ever sees the old index or the new one. Writers hold
`<index_dir>/.lock`; a second writer gets `IndexBusyError` instead of waiting.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from qa.errors import IndexBusyError, IndexCorruptError, IndexMismatchError, IndexNotFoundError
from qa.types import Article, Chunk

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
LOCK = ".lock"
VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
ARTICLES = "articles.jsonl"
TOKENS = "tokens.jsonl"  # jieba terms per chunk, so adds and removes never re-tokenise
BM25_DIR = "bm25"
SENTENCES = "sentences.npy"                # (n, 3) int64 rows: chunk_id, start, end (article offsets)
SENTENCE_VECTORS = "sentence_vectors.npy"  # (n, dim) float16: half the memory, ranking unchanged


@dataclass(frozen=True, slots=True)
class Manifest:
    format_version: int
    embedder_id: str
    dim: int
    max_tokens: int
    n_articles: int
    n_chunks: int
    built_at: str
    checksums: dict[str, str]  # path inside the generation → sha256


@dataclass(frozen=True, slots=True)
class IndexStats:
    index_dir: str
    embedder_id: str
    dim: int
    max_tokens: int
    n_articles: int
    n_chunks: int
    built_at: str
    vector_search: str  # "flat" or "ivf(nlist=…, nprobe=…)"


class Index:
    """A loaded index. Chunk position `i` is BM25 document `i`; FAISS ids are `chunk_id`s; each
    chunk's sentences are a contiguous run of `sentences` rows, in chunk order."""

    def __init__(self, *, articles: dict[str, Article], chunks: list[Chunk],
                 tokens: list[list[str]] | Callable[[], list[list[str]]], vectors, bm25, sentences: np.ndarray,
                 sentence_vectors: np.ndarray, manifest: Manifest, index_dir: Path):
        self.articles = articles
        self.chunks = chunks
        # Terms are needed only to re-index BM25 after an update, and BM25 only when searched or saved:
        # both may be given as None / a loader and are made on first use, which keeps loading fast.
        self._tokens = tokens
        self.vectors = vectors  # FAISS, inner product (= cosine: vectors are normalised); see new_vector_index
        self._bm25 = bm25
        self.sentences = sentences
        self.sentence_vectors = sentence_vectors
        self.manifest = manifest
        self.index_dir = index_dir
        self.position_by_chunk_id = {c.chunk_id: i for i, c in enumerate(chunks)}
        ids, first, counts = np.unique(sentences[:, 0], return_index=True, return_counts=True)
        self.sentence_rows = {int(i): (int(f), int(f + n)) for i, f, n in zip(ids, first, counts)}

    @functools.cached_property
    def chunk_dates(self) -> np.ndarray:
        """Each chunk's article date, "" where unknown (for date filters; ISO dates order as strings)."""
        return np.array([self.articles[c.article_id].date or "" for c in self.chunks], dtype=str)

    @property
    def tokens(self) -> list[list[str]]:
        if callable(self._tokens):
            try:
                tokens = self._tokens()
            except FileNotFoundError as e:
                # Writers read terms under the write lock, so their generation stays; a reader that
                # asks after another process committed finds its generation gone.
                raise IndexCorruptError(f"the index at {self.index_dir} changed since it was loaded; "
                                        "load it again") from e
            if len(tokens) != len(self.chunks):
                raise IndexCorruptError(f"the index at {self.index_dir} has {len(tokens)} token lists for "
                                        f"{len(self.chunks)} chunks; rebuild the index")
            self._tokens = tokens
        return self._tokens

    @property
    def bm25(self):
        if self._bm25 is None:
            self._bm25 = build_bm25(self.tokens)
        return self._bm25

    def parts(self) -> dict:
        """The constructor arguments, for rebuilding with some replaced (terms and BM25 as they are:
        still unloaded if nobody needed them)."""
        return dict(articles=self.articles, chunks=self.chunks, tokens=self._tokens, vectors=self.vectors,
                    bm25=self._bm25, sentences=self.sentences, sentence_vectors=self.sentence_vectors,
                    manifest=self.manifest, index_dir=self.index_dir)

    @property
    def stats(self) -> IndexStats:
        m = self.manifest
        ivf = getattr(self.vectors, "nlist", None)
        return IndexStats(index_dir=str(self.index_dir), embedder_id=m.embedder_id, dim=m.dim,
                          max_tokens=m.max_tokens, n_articles=m.n_articles, n_chunks=m.n_chunks,
                          built_at=m.built_at,
                          vector_search=f"ivf(nlist={ivf}, nprobe={self.vectors.nprobe})" if ivf else "flat")


def build_bm25(tokens: Sequence[Sequence[str]]):
    """A BM25 index (bm25s, Lucene variant) over pre-tokenised chunks."""
    import bm25s

    bm25 = bm25s.BM25()
    # bm25s rejects an empty corpus and empty documents score 0 anyway; the placeholder keeps
    # document positions aligned with chunk positions.
    bm25.index([list(t) or [""] for t in tokens] or [[""]], show_progress=False)
    return bm25


# Exact (flat) search below this many chunks; IVF above. Measured by qa.bench on 2 cores, one thread:
# flat takes 0.3 ms at 10k chunks, 5.8 ms at 100k, 56 ms at 1M; IVF (nlist = √n, nprobe 16) 0.5 ms at
# 100k and 1.5 ms at 1M, recall@10 against flat 0.88 and 0.98 on the benchmark's vectors. Hybrid
# retrieval re-ranks with BM25, so a missed neighbour rarely costs the answer.
IVF_MIN_CHUNKS = 50_000
IVF_NPROBE = 16


def new_vector_index(dim: int, vectors: np.ndarray, *, ivf_min_chunks: int = IVF_MIN_CHUNKS):
    """An empty FAISS index for `dim`-dimensional vectors, chosen by how many there are: flat, or IVF
    trained on them. Both take ids (`add_with_ids`, `remove_ids`) and give vectors back (`reconstruct`)."""
    import faiss

    if len(vectors) < ivf_min_chunks:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, int(np.sqrt(len(vectors))), faiss.METRIC_INNER_PRODUCT)
    ivf.train(np.ascontiguousarray(vectors, dtype=np.float32))
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # ids are chunk ids, not 0…n-1
    ivf.nprobe = IVF_NPROBE  # saved with the index
    return ivf


def make_index(*, articles: dict[str, Article], chunks: list[Chunk], tokens: list[list[str]], vectors: np.ndarray,
               sentences: np.ndarray, sentence_vectors: np.ndarray, embedder_id: str, dim: int, max_tokens: int,
               index_dir: Path, ivf_min_chunks: int = IVF_MIN_CHUNKS) -> Index:
    """An in-memory index from its parts (`vectors[i]` embeds `chunks[i]`, `sentence_vectors[j]` the
    sentence of row `j` of `sentences`); `save` writes it."""
    vector_index = new_vector_index(dim, vectors, ivf_min_chunks=ivf_min_chunks)
    if len(chunks):
        vector_index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                  np.array([c.chunk_id for c in chunks], dtype=np.int64))
    manifest = Manifest(format_version=FORMAT_VERSION, embedder_id=embedder_id, dim=dim, max_tokens=max_tokens,
                        n_articles=len(articles), n_chunks=len(chunks),
                        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"), checksums={})
    return Index(articles=articles, chunks=chunks, tokens=tokens, vectors=vector_index, bm25=None,
                 sentences=np.asarray(sentences, dtype=np.int64).reshape(-1, 3),
                 sentence_vectors=np.asarray(sentence_vectors, dtype=np.float16).reshape(-1, dim),
                 manifest=manifest, index_dir=index_dir)


@contextlib.contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock, or fail at once if another process holds it."""
    from filelock import FileLock, Timeout

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout as e:
        raise IndexBusyError(f"the index at {index_dir} is being written by another process; "
                             "wait for it to finish, then try again") from e
    try:
        yield
    finally:
        lock.release()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_jsonl(path: Path, records) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save(index: Index, index_dir: Path) -> Index:
    """Write `index` as a new generation of `index_dir` and make it current. Call under `writer_lock`."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    gen = index_dir / f".tmp-{name}"
    gen.mkdir()
    try:
        faiss.write_index(index.vectors, str(gen / VECTORS))
        _write_jsonl(gen / CHUNKS, ({"chunk_id": c.chunk_id, "article_id": c.article_id, "start": c.start,
                                     "end": c.end, "n_tokens": c.n_tokens} for c in index.chunks))
        _write_jsonl(gen / ARTICLES, (a.to_record() for a in index.articles.values()))
        _write_jsonl(gen / TOKENS, index.tokens)
        index.bm25.save(str(gen / BM25_DIR), show_progress=False)
        np.save(gen / SENTENCES, index.sentences, allow_pickle=False)
        np.save(gen / SENTENCE_VECTORS, index.sentence_vectors, allow_pickle=False)
        checksums = {str(p.relative_to(gen)): _sha256(p) for p in sorted(gen.rglob("*")) if p.is_file()}
        manifest = Manifest(**{**asdict(index.manifest), "n_articles": len(index.articles),
                               "n_chunks": len(index.chunks), "checksums": checksums})
        (gen / MANIFEST).write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_tree(gen)
        gen = gen.rename(index_dir / name)
        pointer = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
        pointer.write_text(name, encoding="utf-8")
        with open(pointer, "rb") as f:
            os.fsync(f.fileno())
        os.replace(pointer, index_dir / CURRENT)  # the commit point
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    _remove_stale_generations(index_dir, keep=name)
    return Index(**{**index.parts(), "manifest": manifest, "index_dir": index_dir})


def _remove_stale_generations(index_dir: Path, *, keep: str) -> None:
    # Readers load what they search wholly into memory on open (and retry if CURRENT moved meanwhile);
    # only the terms are read later, and only by writers, under the lock. So older generations and
    # leftovers of killed writers can go.
    for path in index_dir.iterdir():
        if path.name != keep and (path.name.startswith("gen-") or path.name.startswith(".tmp-gen-")
                                  or path.name.startswith(f".{CURRENT}.")):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


def current_generation(index_dir: Path) -> Path:
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        raise IndexNotFoundError(f"no index at {index_dir}: build one with `qa index build --corpus PATH --index {index_dir}`")
    return index_dir / pointer.read_text(encoding="utf-8").strip()


def read_manifest(gen: Path) -> Manifest:
    path = gen / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise IndexCorruptError(f"the index manifest {path} is missing; rebuild the index") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise IndexCorruptError(f"the index manifest {path} is damaged ({e}); rebuild the index") from e
    version = raw.get("format_version") if isinstance(raw, dict) else None
    if not isinstance(version, int):
        raise IndexCorruptError(f"the index manifest {path} has no format_version; rebuild the index")
    if version > FORMAT_VERSION:
        raise IndexMismatchError(f"the index at {gen.parent} has format version {version}, newer than this "
                                 f"program reads ({FORMAT_VERSION}); upgrade qa or rebuild the index")
    if version < FORMAT_VERSION:
        raise IndexMismatchError(f"the index at {gen.parent} has old format version {version}; rebuild it")
    try:
        return Manifest(**raw)
    except TypeError as e:
        raise IndexCorruptError(f"the index manifest {path} has unexpected fields ({e}); rebuild the index") from e


def _verify(gen: Path, manifest: Manifest) -> None:
    for rel, expected in manifest.checksums.items():
        path = gen / rel
        if not path.is_file():
            raise IndexCorruptError(f"index file {path} is missing; rebuild the index")
        if _sha256(path) != expected:
            raise IndexCorruptError(f"index file {path} is damaged (checksum mismatch); rebuild the index")
    for required in (VECTORS, CHUNKS, ARTICLES, TOKENS, SENTENCES, SENTENCE_VECTORS):
        if required not in manifest.checksums:
            raise IndexCorruptError(f"the index manifest in {gen} does not list {required}; rebuild the index")


def _read_jsonl(path: Path) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def load(index_dir: Path, *, embedder_id: str | None = None) -> Index:
    """Open the current generation, checking format, embedder and every file's checksum."""
    index_dir = Path(index_dir)
    for attempt in range(3):
        gen = current_generation(index_dir)
        try:
            return _load_generation(gen, index_dir, embedder_id=embedder_id)
        except IndexCorruptError:
            # A writer may have swapped CURRENT and removed this generation while we read it.
            if attempt == 2 or current_generation(index_dir) == gen:
                raise
    raise AssertionError("unreachable")


def _load_generation(gen: Path, index_dir: Path, *, embedder_id: str | None) -> Index:
    import bm25s
    import faiss

    manifest = read_manifest(gen)
    if embedder_id is not None and manifest.embedder_id != embedder_id:
        raise IndexMismatchError(
            f"the index at {index_dir} was built with embedder {manifest.embedder_id!r}, not {embedder_id!r}; "
            "use the same embedder (QA_EMBEDDER / --embedder) or rebuild the index")
    _verify(gen, manifest)
    try:
        articles = {r["id"]: Article(article_id=r["id"], title=r["title"], text=r["text"], date=r.get("date"),
                                     source=r.get("source", ""), reporter=r.get("reporter"))
                    for r in _read_jsonl(gen / ARTICLES)}
        chunks = []
        for r in _read_jsonl(gen / CHUNKS):
            text = articles[r["article_id"]].text
            chunks.append(Chunk(chunk_id=r["chunk_id"], article_id=r["article_id"], start=r["start"], end=r["end"],
                                text=text[r["start"]:r["end"]], n_tokens=r["n_tokens"]))
        vectors = faiss.read_index(str(gen / VECTORS))
        bm25 = bm25s.BM25.load(str(gen / BM25_DIR), show_progress=False)
        sentences = np.load(gen / SENTENCES, allow_pickle=False)
        sentence_vectors = np.load(gen / SENTENCE_VECTORS, allow_pickle=False)
    except (KeyError, ValueError, RuntimeError, OSError) as e:  # faiss raises RuntimeError on bad files
        raise IndexCorruptError(f"the index at {gen} cannot be read ({type(e).__name__}: {e}); rebuild the index") from e
    if not (len(chunks) == vectors.ntotal == manifest.n_chunks and len(articles) == manifest.n_articles):
        raise IndexCorruptError(f"the index at {gen} is inconsistent: {len(chunks)} chunks, {vectors.ntotal} vectors, "
                                f"manifest says {manifest.n_chunks}; rebuild the index")
    if vectors.d != manifest.dim or sentence_vectors.shape != (len(sentences), manifest.dim) or sentences.shape[1:] != (3,):
        raise IndexCorruptError(f"the vectors in {gen} do not match the manifest's dimension {manifest.dim} "
                                "or the sentence table; rebuild the index")
    return Index(articles=articles, chunks=chunks, tokens=lambda: _read_jsonl(gen / TOKENS), vectors=vectors, bm25=bm25,
                 sentences=sentences,
                 sentence_vectors=sentence_vectors, manifest=manifest, index_dir=index_dir)


def with_articles_added(index: Index, articles: Sequence[Article], chunks: Sequence[Chunk],
                        tokens: Sequence[list[str]], vectors: np.ndarray, sentences: np.ndarray,
                        sentence_vectors: np.ndarray) -> Index:
    """`index` plus new articles, their chunks (ids above every existing id), terms and vectors.

    FAISS takes the new vectors in place, so `index` is used up: keep only the returned index. BM25 is
    re-indexed from the stored terms (IDF and average length change with every document), which needs
    no re-tokenising or re-embedding."""
    if len(chunks):
        index.vectors.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                   np.array([c.chunk_id for c in chunks], dtype=np.int64))
    return _rebuilt(index, articles={**index.articles, **{a.article_id: a for a in articles}},
                    chunks=index.chunks + list(chunks), tokens=index.tokens + [list(t) for t in tokens],
                    sentences=np.vstack([index.sentences, np.asarray(sentences, dtype=np.int64).reshape(-1, 3)]),
                    sentence_vectors=np.vstack([index.sentence_vectors,
                                                np.asarray(sentence_vectors, dtype=np.float16).reshape(-1, index.manifest.dim)]))


def with_articles_removed(index: Index, article_ids: set[str]) -> Index:
    """`index` without the given articles, their chunks, vectors, sentences and BM25 documents (FAISS
    loses them in place, so `index` is used up: keep only the returned index)."""
    keep = [i for i, c in enumerate(index.chunks) if c.article_id not in article_ids]
    gone = np.array([c.chunk_id for c in index.chunks if c.article_id in article_ids], dtype=np.int64)
    if len(gone):
        index.vectors.remove_ids(gone)
    kept_rows = ~np.isin(index.sentences[:, 0], gone)
    return _rebuilt(index, articles={k: a for k, a in index.articles.items() if k not in article_ids},
                    chunks=[index.chunks[i] for i in keep], tokens=[index.tokens[i] for i in keep],
                    sentences=index.sentences[kept_rows], sentence_vectors=index.sentence_vectors[kept_rows])


def _rebuilt(index: Index, **changed) -> Index:
    parts = {**index.parts(), **changed}
    parts["manifest"] = Manifest(**{**asdict(index.manifest), "n_articles": len(parts["articles"]),
                                    "n_chunks": len(parts["chunks"]), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                    "checksums": {}})
    parts["bm25"] = None  # re-indexed from the terms on first use: once, however many updates precede it
    return Index(**parts)
