from hypothesis import given, settings, strategies as st

from qa.chunk import chunk_article, count_tokens
from qa.types import Article

SENTENCE_PIECES = st.sampled_from(["区住建局推进老旧小区改造", "涉及住户36户", "。", "！", "？", "；", "”", "\n", "，", " ", "abc", "😀"])


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE_PIECES, max_size=120), st.integers(min_value=8, max_value=80))
def test_offsets_round_trip_and_budget_holds(pieces, max_tokens):
    article = Article(article_id="a", title="t", text="".join(pieces).strip())
    chunks = chunk_article(article, max_tokens=max_tokens)
    for chunk in chunks:
        assert article.text[chunk.start:chunk.end] == chunk.text
        assert chunk.n_tokens == count_tokens(chunk.text) <= max_tokens
    for a, b in zip(chunks, chunks[1:]):
        assert a.end <= b.start


def test_chunks_do_not_cut_sentences(page_articles):
    from qa.text import sentence_spans

    for article in page_articles:
        spans = sentence_spans(article.text)
        for chunk in chunk_article(article, max_tokens=64):
            s, e = next((s, e) for s, e in spans if s <= chunk.start < e)
            # a chunk starts a sentence, unless that sentence alone is over budget
            assert chunk.start == s or count_tokens(article.text[s:e]) > 64


def test_one_over_budget_sentence_is_cut_on_character_boundaries():
    article = Article(article_id="a", title="t", text="长" * 500 + "。")
    chunks = chunk_article(article, max_tokens=32)
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == article.text
    assert all(c.n_tokens <= 32 for c in chunks)


def test_chunk_ids_are_consecutive_from_first_id():
    article = Article(article_id="a", title="t", text="第一句。" * 200)
    chunks = chunk_article(article, max_tokens=40, first_chunk_id=7)
    assert [c.chunk_id for c in chunks] == list(range(7, 7 + len(chunks)))
