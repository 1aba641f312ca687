"""`python -m qa.bench --quick` runs end to end and writes results with the expected keys (no timing asserts)."""
import json
import subprocess
import sys

from qa.config import PROJECT_ROOT


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and value > 0


def test_quick_bench_writes_results_and_plots(tmp_path):
    done = subprocess.run([sys.executable, "-m", "qa.bench", "--quick", "--out", str(tmp_path)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "targets:" in done.stdout

    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert _positive(results["build_natural"]["build_over_raw_throughput"])
    for key in ("machine", "config", "build", "threads", "sizes", "serve", "ann", "faiss_threads", "bm25_compare",
                "add_article", "faiss_only", "targets", "plots"):
        assert key in results, key

    build = results["build"]
    for key in ("raw_passages_per_s", "raw_e5_tokens_per_s", "build_chunks_per_s", "build_over_raw_throughput"):
        assert _positive(build[key]), key
    assert {"chunking", "bm25_tokenising", "embedding_chunks", "faiss_add", "bm25_index", "write"} <= set(build["stages_s"])

    assert len(results["sizes"]) == 2
    for size in results["sizes"]:
        assert _positive(size["n_chunks"]) and _positive(size["disk_bytes"]) and _positive(size["load_s"])
        assert _positive(size["ask"]["p50_ms"]) and size["ask"]["p95_ms"] >= size["ask"]["p50_ms"]
        assert {"analyse", "bm25_search", "embed_query", "dense_search", "fusion", "answer"} == set(size["stages"])
    assert results["sizes"][0]["real_vectors"] and not results["sizes"][1]["real_vectors"]

    assert {(t["kernel"], t["n_threads"]) for t in results["threads"]} == {
        ("c", "default"), ("c", 1), ("c", 2), ("torch", 1), ("torch", 2)}
    assert all(_positive(t["embed_passages_per_s"]) for t in results["threads"])
    assert all(_positive(s["peak_rss_bytes"]) for s in results["serve"])
    ann = results["ann"][0]
    for key in ("flat", "hnsw_ef64", "hnsw_ef128", "ivf_nprobe8", "ivf_nprobe16"):
        assert 0 < ann[key]["recall_at_10"] <= 1 and _positive(ann[key]["latency"]["p50_ms"]), key
    assert results["faiss_only"][0]["n"] == 10000
    assert _positive(results["add_article"]["median_s"])
    near = results["add_article"]["near_limit"]
    assert near["limit"] - 30 <= near["appended_chunks"] <= near["limit"] and _positive(near["median_s"])
    assert set(results["targets"]) == {"query_p95_le_30ms_at_100k", "build_ge_90pct_raw_embedder", "load_100k_le_2s",
                                       "add_one_article_to_100k_le_1s", "embedder_ge_1_5x_default",
                                       "answer_median_le_1_5x_retrieval"}
    assert all(_positive(s["retrieval_alone"]["p50_ms"]) and s["ask_over_retrieval_p50"] > 0 for s in results["sizes"])
    assert all(isinstance(t["met"], bool) for t in results["targets"].values())
    for name in results["plots"]:
        assert (tmp_path / name).stat().st_size > 0
