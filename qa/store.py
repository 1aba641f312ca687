"""The index folder: manifest, FAISS vectors, BM25, chunk and article metadata; atomic save, checked load.

Layout: `<index_dir>/CURRENT` names the generation folder (`gen-…/`) that holds one complete
index. A write builds a new generation beside the old one, fsyncs it, then swaps CURRENT with an
atomic rename, so a reader (or a crash) only ever sees the old index or the new one. Writers hold
`<index_dir>/.lock`; a second writer gets `IndexBusyError` instead of waiting.

A generation has main files (FAISS, BM25, …) and may have `delta/`: articles appended since the
last full write. An append hard-links the main files into the new generation and rewrites only
`delta/`, so adding an article costs its own size, not the index's; loading merges the two. Past
a tenth of the main chunks the next write is a full one, which merges `delta/` in.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from qa.errors import IndexBusyError, IndexCorruptError, IndexMismatchError, IndexNotFoundError
from qa.text import TEXT_RULES
from qa.types import Article, Chunk

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: appends (delta/, article digests); 1 is still read
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
# Each sentence row's part-of-speech tags (qa.text.encoded_tags), one JSON string a line. Absent from
# indexes built before it was stored, which are read without (the answer stage then tags as it reads).
SENTENCE_TAGS = "sentence_tags.jsonl"
DIGESTS = "article_digests.json"  # article id → sha256 of its record: how an append spots known articles
DELTA = "delta"
DELTA_VECTORS = "vectors.npy"  # appended chunks' vectors, added to the main FAISS index on load
# Appends stop (the next write is a full one) past this share of the main chunks, or this many chunks
# if more: loading re-adds appended vectors, and BM25 statistics of the main chunks drift meanwhile.
APPEND_MAX_SHARE = 0.1
APPEND_MIN_CHUNKS = 1000
# numpy parses .npy headers with ast.literal_eval, and CPython 3.11.7 (this machine's) sometimes fails
# it with "AST constructor recursion depth mismatch" when two threads parse at once (cf. CPython
# gh-106905): a reader loading while an in-process writer read delta/ hit it. The store's own header
# parses (and bm25s's load, which parses its .npy files) go one at a time; other code in the process
# that builds ASTs on another thread is not covered.
_NPY_HEADER_LOCK = threading.Lock()


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
    # Format 2 on; absent (None) in indexes of format 1, which take full writes only.
    next_chunk_id: int | None = None      # above every chunk id ever given out
    bm25_avg_terms: float | None = None   # average terms per main chunk, as BM25 indexed them
    n_appended_chunks: int = 0            # how many of n_chunks are in delta/
    vector_search: str = ""               # what `IndexStats.vector_search` says of the main FAISS index
    text_rules: int = 0                   # qa.text.TEXT_RULES of the build (0: built before it was recorded)


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
    text_rules: int     # the sentence and word rules it was built with (qa.text.TEXT_RULES then)


class Index:
    """A loaded index. Chunk position `i` is BM25 document `i`; FAISS ids are `chunk_id`s; each
    chunk's sentences are a contiguous run of `sentences` rows, in chunk order. `sentence_tags` holds
    each row's tags, or is None (an index built without them, or by other text rules than this code's)."""

    def __init__(self, *, articles: dict[str, Article], chunks: list[Chunk],
                 tokens: list[list[str]] | Callable[[], list[list[str]]], vectors, bm25, sentences: np.ndarray,
                 sentence_vectors: np.ndarray, manifest: Manifest, index_dir: Path,
                 sentence_tags: list[str] | None = None):
        self.articles = articles
        self.chunks = chunks
        # Terms are needed only to re-index BM25 after an update, and BM25 only when searched or saved:
        # both may be given as None / a loader and are made on first use, which keeps loading fast.
        self._tokens = tokens
        self.vectors = vectors  # FAISS, inner product (= cosine: vectors are normalised); see new_vector_index
        self._bm25 = bm25
        self.sentences = sentences
        self.sentence_vectors = sentence_vectors
        self.sentence_tags = sentence_tags
        self.manifest = manifest
        self.index_dir = index_dir
        self.position_by_chunk_id = {c.chunk_id: i for i, c in enumerate(chunks)}
        ids, first, counts = np.unique(sentences[:, 0], return_index=True, return_counts=True)
        self.sentence_rows = dict(zip(ids.tolist(), zip(first.tolist(), (first + counts).tolist())))

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
                    sentence_tags=self.sentence_tags, manifest=self.manifest, index_dir=self.index_dir)

    @property
    def stats(self) -> IndexStats:
        return stats_of(self.manifest, self.index_dir, vector_search=describe_vector_search(self.vectors))


def describe_vector_search(vectors) -> str:
    ivf = getattr(vectors, "nlist", None)
    return f"ivf(nlist={ivf}, nprobe={vectors.nprobe})" if ivf else "flat"


def stats_of(manifest: Manifest, index_dir: Path, *, vector_search: str | None = None) -> IndexStats:
    """Stats from a manifest alone; `vector_search` defaults to what the manifest records."""
    return IndexStats(index_dir=str(index_dir), embedder_id=manifest.embedder_id, dim=manifest.dim,
                      max_tokens=manifest.max_tokens, n_articles=manifest.n_articles, n_chunks=manifest.n_chunks,
                      built_at=manifest.built_at, vector_search=vector_search or manifest.vector_search,
                      text_rules=manifest.text_rules)


def build_bm25(tokens: Sequence[Sequence[str]]):
    """A BM25 index (bm25s, Lucene variant) over pre-tokenised chunks."""
    import bm25s

    bm25 = bm25s.BM25()
    # bm25s rejects an empty corpus and empty documents score 0 anyway; the placeholder keeps
    # document positions aligned with chunk positions.
    bm25.index([list(t) or [""] for t in tokens] or [[""]], show_progress=False)
    return bm25


def bm25_average_terms(tokens: Sequence[Sequence[str]]) -> float:
    """The average document length bm25s used (an empty chunk is indexed as one placeholder term)."""
    return float(np.mean([len(t) or 1 for t in tokens])) if tokens else 1.0


class AppendedBM25:
    """BM25 over main chunks (the saved bm25s index) followed by appended ones, which bm25s cannot take
    without re-indexing everything. Appended chunks are scored here with bm25s's formula (Lucene IDF,
    its k1 and b) and the statistics of all chunks, so they score as after a full re-index; the main
    chunks keep the statistics they were indexed with until the next full write (appends stay under a
    tenth of the main chunks, so those drift little)."""

    def __init__(self, main, n_main: int, main_avg_terms: float, appended: Sequence[Sequence[str]]):
        self.main, self.n_main = main, n_main
        self.lengths = np.array([len(t) or 1 for t in appended], dtype=np.float32)
        self.n_docs = n_main + len(appended)
        self.avg_terms = (main_avg_terms * n_main + float(self.lengths.sum())) / max(self.n_docs, 1)
        # Postings by term (as bm25s keeps its scores), counted with numpy: a delta near its limit holds
        # 10k chunks, whose terms a Python loop would take half a second to count on every load.
        self.vocab: dict[str, int] = {}
        term_ids = np.array([self.vocab.setdefault(t, len(self.vocab)) for terms in appended for t in terms], dtype=np.int64)
        docs = np.repeat(np.arange(len(appended), dtype=np.int64), [len(t) for t in appended])
        pairs, tfs = np.unique(term_ids * max(len(appended), 1) + docs, return_counts=True)
        terms, self.docs = np.divmod(pairs, max(len(appended), 1))  # sorted by term, then document
        self.tfs = tfs.astype(np.float32)
        self.indptr = np.searchsorted(terms, np.arange(len(self.vocab) + 1))

    def _main_doc_freq(self, term: str) -> int:
        column = self.main.vocab_dict.get(term)
        indptr = self.main.scores["indptr"]  # bm25s keeps scores column-wise: one column per term
        return int(indptr[column + 1] - indptr[column]) if column is not None and column + 1 < len(indptr) else 0

    def get_scores(self, terms: list[str]) -> np.ndarray:
        main = self.main.get_scores(terms)[:self.n_main] if self.n_main else np.zeros(0, dtype=np.float32)
        appended = np.zeros(len(self.lengths), dtype=np.float32)
        k1, b = self.main.k1, self.main.b
        for term in terms:  # a repeated query term counts again, as in bm25s
            if term not in self.vocab:
                continue
            t = self.vocab[term]
            docs, tfs = self.docs[self.indptr[t]:self.indptr[t + 1]], self.tfs[self.indptr[t]:self.indptr[t + 1]]
            df = self._main_doc_freq(term) + len(docs)
            idf = np.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))
            appended[docs] += idf * tfs / (tfs + k1 * (1 - b + b * self.lengths[docs] / self.avg_terms))
        return np.concatenate([main, appended])


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
               index_dir: Path, ivf_min_chunks: int = IVF_MIN_CHUNKS, sentence_tags: list[str] | None = None) -> Index:
    """An in-memory index from its parts (`vectors[i]` embeds `chunks[i]`, `sentence_vectors[j]` and
    `sentence_tags[j]` the sentence of row `j` of `sentences`); `save` writes it."""
    vector_index = new_vector_index(dim, vectors, ivf_min_chunks=ivf_min_chunks)
    if len(chunks):
        vector_index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                  np.array([c.chunk_id for c in chunks], dtype=np.int64))
    manifest = Manifest(format_version=FORMAT_VERSION, embedder_id=embedder_id, dim=dim, max_tokens=max_tokens,
                        n_articles=len(articles), n_chunks=len(chunks),
                        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"), checksums={}, text_rules=TEXT_RULES)
    return Index(articles=articles, chunks=chunks, tokens=tokens, vectors=vector_index, bm25=None,
                 sentences=np.asarray(sentences, dtype=np.int64).reshape(-1, 3),
                 sentence_vectors=np.asarray(sentence_vectors, dtype=np.float16).reshape(-1, dim),
                 sentence_tags=sentence_tags, manifest=manifest, index_dir=index_dir)


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


def _next_chunk_id(chunks: Sequence[Chunk]) -> int:
    return max((c.chunk_id for c in chunks), default=-1) + 1


def article_digest(article: Article) -> str:
    return hashlib.sha256(json.dumps(article.to_record(), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _write_parts(folder: Path, articles: Sequence[Article], chunks: Sequence[Chunk], tokens: Sequence[Sequence[str]],
                 sentences: np.ndarray, sentence_vectors: np.ndarray, sentence_tags: Sequence[str] | None) -> None:
    """The files the main part and delta/ share."""
    folder.mkdir(exist_ok=True)
    _write_jsonl(folder / CHUNKS, ({"chunk_id": c.chunk_id, "article_id": c.article_id, "start": c.start,
                                    "end": c.end, "n_tokens": c.n_tokens} for c in chunks))
    _write_jsonl(folder / ARTICLES, (a.to_record() for a in articles))
    _write_jsonl(folder / TOKENS, tokens)
    np.save(folder / SENTENCES, sentences, allow_pickle=False)
    np.save(folder / SENTENCE_VECTORS, sentence_vectors, allow_pickle=False)
    if sentence_tags is not None:
        if len(sentence_tags) != len(sentences):  # an index its reader would refuse is never written
            raise ValueError(f"{len(sentence_tags)} sentence tags for {len(sentences)} sentences")
        _write_jsonl(folder / SENTENCE_TAGS, sentence_tags)
    (folder / DIGESTS).write_text(json.dumps({a.article_id: article_digest(a) for a in articles}), encoding="utf-8")


def _commit(index_dir: Path, write: Callable[[Path], None], manifest: Manifest) -> Manifest:
    """Make a generation with `write(folder)`, checksum the files `manifest` has no checksum for, write
    the manifest, fsync, and make the generation current. Call under `writer_lock`."""
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    gen = index_dir / f".tmp-{name}"
    gen.mkdir()
    try:
        write(gen)
        checksums = {rel: manifest.checksums.get(rel) or _sha256(gen / rel)
                     for rel in sorted(str(p.relative_to(gen)) for p in gen.rglob("*") if p.is_file())}
        manifest = Manifest(**{**asdict(manifest), "checksums": checksums})
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
    return manifest


def save(index: Index, index_dir: Path) -> Index:
    """Write all of `index` as a new generation of `index_dir` (no delta/) and make it current. Call
    under `writer_lock`."""
    import faiss

    def write(gen: Path) -> None:
        faiss.write_index(index.vectors, str(gen / VECTORS))
        index.bm25.save(str(gen / BM25_DIR), show_progress=False)
        _write_parts(gen, list(index.articles.values()), index.chunks, index.tokens, index.sentences,
                     index.sentence_vectors, index.sentence_tags)

    manifest = Manifest(**{**asdict(index.manifest), "format_version": FORMAT_VERSION,
                           "n_articles": len(index.articles), "n_chunks": len(index.chunks),
                           "next_chunk_id": _next_chunk_id(index.chunks),
                           "bm25_avg_terms": bm25_average_terms(index.tokens), "n_appended_chunks": 0,
                           "vector_search": describe_vector_search(index.vectors), "checksums": {}})
    manifest = _commit(index_dir, write, manifest)
    return Index(**{**index.parts(), "manifest": manifest, "index_dir": index_dir})


@dataclass(frozen=True, slots=True)
class Head:
    """What an append needs to know of the current index, read without loading it."""

    generation: Path
    manifest: Manifest
    digests: dict[str, str]  # article id → article_digest, of every article in the index
    stats: IndexStats

    def can_append(self, n_chunks: int) -> bool:
        """Whether `n_chunks` more chunks may go into delta/ rather than a full write."""
        m = self.manifest
        main = m.n_chunks - m.n_appended_chunks
        return (m.bm25_avg_terms is not None
                and m.n_appended_chunks + n_chunks <= max(APPEND_MIN_CHUNKS, APPEND_MAX_SHARE * main))


def read_head(index_dir: Path, *, embedder_id: str) -> Head:
    """The current generation's manifest and article digests. Call under `writer_lock`."""
    gen = current_generation(index_dir)
    manifest = read_manifest(gen)
    _check_embedder(manifest, index_dir, embedder_id)
    if manifest.next_chunk_id is None:  # format 1 keeps no digests: load it (its next write is format 2)
        index = load(index_dir, embedder_id=embedder_id)
        return Head(gen, Manifest(**{**asdict(index.manifest), "next_chunk_id": _next_chunk_id(index.chunks)}),
                    {a.article_id: article_digest(a) for a in index.articles.values()}, index.stats)
    digests = {}
    for rel in (DIGESTS, f"{DELTA}/{DIGESTS}"):
        if rel in manifest.checksums:
            _verify(gen, manifest, under=rel)
            digests.update(json.loads((gen / rel).read_text(encoding="utf-8")))
    return Head(gen, manifest, digests, stats_of(manifest, index_dir))


def append(head: Head, index_dir: Path, articles: Sequence[Article], chunks: Sequence[Chunk],
           tokens: Sequence[list[str]], vectors: np.ndarray, sentences: np.ndarray,
           sentence_vectors: np.ndarray, sentence_tags: Sequence[str]) -> IndexStats:
    """Add new articles (none already in the index; chunk ids from `head.manifest.next_chunk_id`) as a
    new generation that shares the main files with the current one and rewrites only delta/. Call
    under `writer_lock`, after `head.can_append`. The sentences' tags go in only where the index has
    its own sentences' tags."""
    old = head.manifest
    dim = old.dim
    if old.n_appended_chunks:
        before, before_tokens, before_sentences, before_sentence_vectors, before_tags = _read_delta(
            head.generation, old)
    else:
        before, before_tokens = _Part(articles={}, chunks=[], vectors=np.zeros((0, dim), np.float32)), []
        before_sentences, before_sentence_vectors = np.zeros((0, 3), np.int64), np.zeros((0, dim), np.float16)
        before_tags = [] if SENTENCE_TAGS in old.checksums else None
    if old.text_rules != TEXT_RULES:
        before_tags = None  # tags of other rules are not read: new ones beside them would be stamped with those rules
    all_articles = [*before.articles.values(), *articles]
    all_chunks = [*before.chunks, *chunks]
    all_tokens = [*before_tokens, *(list(t) for t in tokens)]
    all_vectors = np.vstack([before.vectors, np.asarray(vectors, dtype=np.float32).reshape(-1, dim)])
    all_sentences = np.vstack([before_sentences, np.asarray(sentences, dtype=np.int64).reshape(-1, 3)])
    all_sentence_vectors = np.vstack([before_sentence_vectors,
                                      np.asarray(sentence_vectors, dtype=np.float16).reshape(-1, dim)])
    all_tags = None if before_tags is None else [*before_tags, *sentence_tags]
    main_files = {rel: digest for rel, digest in old.checksums.items() if not rel.startswith(f"{DELTA}/")}

    def write(gen: Path) -> None:
        for rel in main_files:
            (gen / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(head.generation / rel, gen / rel)  # the main files never change once written
            except OSError:  # a file system without hard links
                shutil.copy2(head.generation / rel, gen / rel)
        _write_parts(gen / DELTA, all_articles, all_chunks, all_tokens, all_sentences, all_sentence_vectors, all_tags)
        np.save(gen / DELTA / DELTA_VECTORS, all_vectors, allow_pickle=False)

    manifest = Manifest(**{**asdict(old), "n_articles": old.n_articles + len(articles),
                           "n_chunks": old.n_chunks + len(chunks),
                           "next_chunk_id": max(old.next_chunk_id, _next_chunk_id(chunks)),
                           "n_appended_chunks": len(all_chunks), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                           "checksums": main_files})
    manifest = _commit(index_dir, write, manifest)
    return stats_of(manifest, index_dir)


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
    if version < 1:
        raise IndexMismatchError(f"the index at {gen.parent} has old format version {version}; rebuild it")
    try:
        return Manifest(**raw)
    except TypeError as e:
        raise IndexCorruptError(f"the index manifest {path} has unexpected fields ({e}); rebuild the index") from e


def _check_embedder(manifest: Manifest, index_dir: Path, embedder_id: str | None) -> None:
    if embedder_id is not None and manifest.embedder_id != embedder_id:
        raise IndexMismatchError(
            f"the index at {index_dir} was built with embedder {manifest.embedder_id!r}, not {embedder_id!r}; "
            "use the same embedder (QA_EMBEDDER / --embedder) or rebuild the index")


def _verify(gen: Path, manifest: Manifest, *, under: str = "") -> None:
    """Check the checksum of every file the manifest lists (those under `under`, when given) and that
    none the index needs is unlisted."""
    for rel, expected in manifest.checksums.items():
        if not rel.startswith(under):
            continue
        path = gen / rel
        try:
            digest = _sha256(path)
        except OSError as e:  # missing (also when a writer removes the generation mid-read), a folder, unreadable
            raise IndexCorruptError(f"index file {path} cannot be read ({type(e).__name__}); rebuild the index") from e
        if digest != expected:
            raise IndexCorruptError(f"index file {path} is damaged (checksum mismatch); rebuild the index")
    required = [VECTORS, CHUNKS, ARTICLES, TOKENS, SENTENCES, SENTENCE_VECTORS]
    if manifest.n_appended_chunks:
        required += [f"{DELTA}/{name}" for name in (CHUNKS, ARTICLES, TOKENS, SENTENCES, SENTENCE_VECTORS,
                                                   DELTA_VECTORS, DIGESTS)]
    for rel in required:
        if rel.startswith(under) and rel not in manifest.checksums:
            raise IndexCorruptError(f"the index manifest in {gen} does not list {rel}; rebuild the index")


def _read_jsonl(path: Path) -> list:
    import orjson  # about 4× the standard parser on chunk records: loading a large index is mostly this

    with open(path, "rb") as f:
        return [orjson.loads(line) for line in f.read().splitlines()]


@dataclass(frozen=True, slots=True)
class _Part:
    """What the main files or delta/ hold, as read."""

    articles: dict[str, Article]
    chunks: list[Chunk]
    vectors: np.ndarray | None = None  # delta/ only: the main part's are in FAISS


def _load_rows(*paths: Path) -> np.ndarray:
    """The rows of several .npy files as one array, read straight into it: stacking after loading
    would copy the sentence vectors (hundreds of MB at 100k chunks) once more."""
    headers = []
    for path in paths:
        with open(path, "rb") as f, _NPY_HEADER_LOCK:
            version = np.lib.format.read_magic(f)
            shape, fortran_order, dtype = (np.lib.format.read_array_header_1_0(f) if version == (1, 0)
                                           else np.lib.format.read_array_header_2_0(f))
            headers.append((shape, fortran_order, dtype, f.tell()))
    shape, _, dtype, _ = headers[0]
    if any(h[1] or h[2] != dtype or h[0][1:] != shape[1:] or dtype.hasobject for h in headers):
        raise ValueError(f"{', '.join(map(str, paths))} do not hold rows of one shape and type")
    out = np.empty((sum(h[0][0] for h in headers), *shape[1:]), dtype=dtype)
    row = 0
    for path, (part_shape, _, _, offset) in zip(paths, headers):
        with open(path, "rb") as f:
            f.seek(offset)
            target = out[row:row + part_shape[0]]
            if f.readinto(memoryview(target).cast("B")) != target.nbytes:
                raise ValueError(f"{path} is shorter than its header says")
        row += part_shape[0]
    return out


def _read_part(folder: Path, *, with_vectors: bool) -> _Part:
    articles = {r["id"]: Article(article_id=r["id"], title=r["title"], text=r["text"], date=r.get("date"),
                                 source=r.get("source", ""), reporter=r.get("reporter"))
                for r in _read_jsonl(folder / ARTICLES)}
    chunks = []
    for r in _read_jsonl(folder / CHUNKS):
        text = articles[r["article_id"]].text
        chunks.append(Chunk(chunk_id=r["chunk_id"], article_id=r["article_id"], start=r["start"], end=r["end"],
                            text=text[r["start"]:r["end"]], n_tokens=r["n_tokens"]))
    return _Part(articles=articles, chunks=chunks, vectors=_load_rows(folder / DELTA_VECTORS) if with_vectors else None)


def _read_appended(gen: Path) -> tuple[_Part, list[list[str]]]:
    """delta/'s articles, chunks and vectors, and its terms."""
    return _read_part(gen / DELTA, with_vectors=True), _read_jsonl(gen / DELTA / TOKENS)


def _read_delta(gen: Path, manifest: Manifest
                ) -> tuple[_Part, list[list[str]], np.ndarray, np.ndarray, list[str] | None]:
    """delta/ of a generation, checked (an append copies it forward, so damage must stop there): the
    part, its terms, sentences, sentence vectors and sentence tags (None without)."""
    _verify(gen, manifest, under=f"{DELTA}/")
    try:
        return (*_read_appended(gen), _load_rows(gen / DELTA / SENTENCES), _load_rows(gen / DELTA / SENTENCE_VECTORS),
                _read_tags(gen, manifest, [f"{DELTA}/{SENTENCE_TAGS}"]))
    except (KeyError, ValueError, OSError) as e:
        raise IndexCorruptError(f"the appended part of the index at {gen} cannot be read "
                                f"({type(e).__name__}: {e}); rebuild the index") from e


def _read_tags(gen: Path, manifest: Manifest, rels: Sequence[str]) -> list[str] | None:
    """The sentence tags of the files `rels` of a generation, in order; None unless every one is listed."""
    if not all(rel in manifest.checksums for rel in rels):
        return None
    return [tags for rel in rels for tags in _read_jsonl(gen / rel)]


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
    _check_embedder(manifest, index_dir, embedder_id)
    folders = [gen, gen / DELTA] if manifest.n_appended_chunks else [gen]
    # Hashing releases the GIL: checksums run beside the parsing, and nothing is returned before they
    # pass (a damaged file is named by its checksum rather than by whatever parsing it tripped).
    with ThreadPoolExecutor(max_workers=1) as pool:
        verified = pool.submit(_verify, gen, manifest)
        try:
            main = _read_part(gen, with_vectors=False)
            vectors = faiss.read_index(str(gen / VECTORS))
            with _NPY_HEADER_LOCK:  # its arrays are .npy files
                bm25 = bm25s.BM25.load(str(gen / BM25_DIR), show_progress=False)
            delta, delta_tokens = _read_appended(gen) if manifest.n_appended_chunks else (None, [])
            sentences = _load_rows(*(folder / SENTENCES for folder in folders))
            sentence_vectors = _load_rows(*(folder / SENTENCE_VECTORS for folder in folders))
            tag_files = [SENTENCE_TAGS] + ([f"{DELTA}/{SENTENCE_TAGS}"] if manifest.n_appended_chunks else [])
            # tags of other rules than this code's are not read: tagging as it reads keeps answers its own
            sentence_tags = _read_tags(gen, manifest, tag_files) if manifest.text_rules == TEXT_RULES else None
        except (KeyError, ValueError, RuntimeError, OSError) as e:  # faiss: RuntimeError; orjson: a ValueError
            verified.result()
            raise IndexCorruptError(f"the index at {gen} cannot be read ({type(e).__name__}: {e}); "
                                    "rebuild the index") from e
        verified.result()
    n_appended = len(delta.chunks) if delta else 0
    if not (len(main.chunks) == vectors.ntotal == manifest.n_chunks - manifest.n_appended_chunks
            and n_appended == manifest.n_appended_chunks == len(delta_tokens)
            and len(main.articles) + (len(delta.articles) if delta else 0) == manifest.n_articles):
        raise IndexCorruptError(f"the index at {gen} is inconsistent: {len(main.chunks)} + {n_appended} chunks, "
                                f"{vectors.ntotal} vectors, manifest says {manifest.n_chunks}; rebuild the index")
    dim = manifest.dim
    if (vectors.d != dim or sentence_vectors.shape != (len(sentences), dim) or sentences.shape[1:] != (3,)
            or (delta and delta.vectors.shape != (n_appended, dim))):
        raise IndexCorruptError(f"the vectors in {gen} do not match the manifest's dimension {dim} "
                                "or the sentence table; rebuild the index")
    if sentence_tags is not None and len(sentence_tags) != len(sentences):
        raise IndexCorruptError(f"the index at {gen} has {len(sentence_tags)} sentence tags for {len(sentences)} "
                                "sentences; rebuild the index")
    if delta is None:
        return Index(articles=main.articles, chunks=main.chunks, tokens=lambda: _read_jsonl(gen / TOKENS),
                     vectors=vectors, bm25=bm25, sentences=sentences, sentence_vectors=sentence_vectors,
                     sentence_tags=sentence_tags, manifest=manifest, index_dir=index_dir)
    vectors.add_with_ids(np.ascontiguousarray(delta.vectors, dtype=np.float32),
                         np.array([c.chunk_id for c in delta.chunks], dtype=np.int64))
    return Index(articles={**main.articles, **delta.articles}, chunks=main.chunks + delta.chunks,
                 tokens=lambda: _read_jsonl(gen / TOKENS) + delta_tokens, vectors=vectors,
                 bm25=AppendedBM25(bm25, len(main.chunks), manifest.bm25_avg_terms, delta_tokens),
                 sentences=sentences, sentence_vectors=sentence_vectors, sentence_tags=sentence_tags,
                 manifest=manifest, index_dir=index_dir)


def with_articles_added(index: Index, articles: Sequence[Article], chunks: Sequence[Chunk],
                        tokens: Sequence[list[str]], vectors: np.ndarray, sentences: np.ndarray,
                        sentence_vectors: np.ndarray, sentence_tags: Sequence[str]) -> Index:
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
                    sentence_vectors=np.vstack([index.sentence_vectors, np.asarray(sentence_vectors, dtype=np.float16)
                                                .reshape(-1, index.manifest.dim)]),
                    sentence_tags=None if index.sentence_tags is None else [*index.sentence_tags, *sentence_tags])


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
                    sentences=index.sentences[kept_rows], sentence_vectors=index.sentence_vectors[kept_rows],
                    sentence_tags=None if index.sentence_tags is None else [
                        tags for tags, kept in zip(index.sentence_tags, kept_rows.tolist()) if kept])


def _rebuilt(index: Index, **changed) -> Index:
    parts = {**index.parts(), **changed}
    parts["manifest"] = Manifest(**{**asdict(index.manifest), "n_articles": len(parts["articles"]),
                                    "n_chunks": len(parts["chunks"]), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                    "checksums": {}})
    parts["bm25"] = None  # re-indexed from the terms on first use: once, however many updates precede it
    return Index(**parts)
