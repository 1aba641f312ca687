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


def test_fusion_keeps_what_either_retriever_ranks_first():
    from qa.retrieve import fused_top

    dense = [(1, 0.9), (2, 0.8), (3, 0.7), (4, 0.6)]
    sparse = [(9, 20.0), (2, 9.0), (3, 8.0), (4, 7.0)]  # 9: BM25's first, far from the dense list
    assert [doc for doc, _ in reciprocal_rank_fusion(dense, sparse)[:3]] == [2, 3, 4]
    assert [doc for doc, _ in fused_top(dense, sparse, top_k=3)] == [2, 1, 9]
    assert [doc for doc, _ in fused_top(dense, sparse, top_k=2)] == [2, 3]  # no room for both: fusion's order
    assert fused_top(dense, top_k=2) == reciprocal_rank_fusion(dense)[:2]


def test_hybrid_hits_hold_each_retrievers_first_on_the_page(assistant):
    from qa.retrieve import bm25_search, dense_search, retrieve
    from qa.text import tokenize

    for question in ("果园村是哪个乡镇的？", "住建局要做征收补偿的是哪几条路？", "电动车装遮雨棚被查到要罚多少钱啊？"):
        vector, terms = assistant.embedder.embed_query(question), tokenize(question)
        firsts = {dense_search(assistant.index, vector, top_k=1)[0][0],
                  bm25_search(assistant.index, terms, top_k=1)[0][0]}
        hits = retrieve(assistant.index, query_vector=vector, query_terms=terms, top_k=3)
        positions = {assistant.index.position_by_chunk_id[h.chunk.chunk_id] for h in hits}
        assert firsts <= positions, question
