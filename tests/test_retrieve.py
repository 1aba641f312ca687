import pytest

from qa.retrieve import Mode, reciprocal_rank_fusion


def test_rrf_by_hand():
    dense = [(10, 0.9), (20, 0.8), (30, 0.7)]
    sparse = [(20, 12.0), (40, 9.0)]
    fused = dict(reciprocal_rank_fusion(dense, sparse, k=60))
    assert fused[20] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[10] == pytest.approx(1 / 61)
    assert fused[40] == pytest.approx(1 / 62)
    assert fused[30] == pytest.approx(1 / 63)
    assert [doc for doc, _ in reciprocal_rank_fusion(dense, sparse, k=60)] == [20, 10, 40, 30]


def test_rrf_ties_break_by_document_number():
    assert reciprocal_rank_fusion([(5, 1.0)], [(3, 1.0)]) == [(3, 1 / 61), (5, 1 / 61)]


def test_mode_parser_lists_valid_values():
    assert Mode.parse("bm25") is Mode.BM25
    with pytest.raises(ValueError, match="hybrid, dense, bm25"):
        Mode.parse("sparse")


def test_each_mode_finds_the_article_on_the_page(assistant):
    for mode in Mode:
        answer = assistant.ask("颐高集团服务了多少家创业公司？", mode=mode)
        assert assistant.article(answer.hits[0].chunk.article_id).title == "我区招商小分队赴杭州进行招商引资", mode


def test_a_filter_is_applied_while_searching_not_after(assistant):
    import numpy as np

    from qa.retrieve import bm25_search, dense_search
    from qa.text import tokenize

    index = assistant.index
    allowed = np.zeros(len(index.chunks), dtype=bool)
    allowed[-1] = True  # one chunk, far from the question: a search-then-filter would find nothing
    query = assistant.embedder.embed_query("颐高集团的总裁是谁？")
    assert [p for p, _ in dense_search(index, query, top_k=3, allowed=allowed)] == [len(index.chunks) - 1]
    terms = tokenize(index.chunks[-1].text)[:3]
    assert [p for p, _ in bm25_search(index, terms + ["颐高"], top_k=3, allowed=allowed)] == [len(index.chunks) - 1]
