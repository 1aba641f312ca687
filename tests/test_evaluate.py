"""Metrics by hand, the eval-set, CMRC and feedback loaders, and the runner end to end on a tiny index."""
import json
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.config import Settings
from qa.evaluate import (
    EvalSetError, GroupMetrics, answer_tokens, char_f1, citation_correct, cmrc_to_eval, contains_gold, exact_match,
    feedback_to_cases, gold_rank, latency_summary, load_cases, longest_common_substring, mean_reciprocal_rank,
    normalize_answer, recall_at_k, refusal_precision_recall, run_eval,
)
from qa.types import Article

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "eval_small_articles.jsonl"
QUESTIONS = DATA / "eval_small_questions.jsonl"


def read_small_articles(path: Path = ARTICLES) -> list[Article]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article(article_id=r["id"], title=r["title"], text=r["text"], date=r["date"], source=r["source"])
            for r in records]


# ---- metrics ----------------------------------------------------------------------------------

def test_tokens_split_chinese_into_characters_and_keep_ascii_runs():
    assert answer_tokens("600多万元") == ["600", "多", "万", "元"]
    assert answer_tokens("New York，2.01亿。") == ["new", "york", "2.01", "亿"]
    assert normalize_answer(" 2月22日、 23日！") == "2月22日23日"
    assert normalize_answer("“潞鼎伟业”（公司）") == "潞鼎伟业公司"


def test_char_f1_by_hand():
    # pred 600|多|万|元 (4 tokens), gold 600|多|万 (3): common run 3 → P = 3/4, R = 1, F1 = 2·¾·1/(¾+1) = 6/7.
    assert char_f1("600多万元", ["600多万"]) == pytest.approx(6 / 7)
    # CMRC's find_lcs is a common *substring*: 甲乙丙丁 vs 甲丙丁 share 丙丁 (2), not the subsequence 甲丙丁 (3):
    # P = 2/4, R = 2/3, F1 = 2·(1/2)(2/3)/(1/2 + 2/3) = 4/7.
    assert char_f1("甲乙丙丁", ["甲丙丁"]) == pytest.approx(4 / 7)
    assert longest_common_substring("甲乙丙丁", "甲丙丁") == 2


@given(st.text(alphabet="甲乙丙a1", max_size=14), st.text(alphabet="甲乙丙a1", max_size=14))
def test_longest_common_substring_matches_brute_force(a, b):
    runs = [k for i in range(len(a)) for j in range(len(b)) for k in range(1, min(len(a) - i, len(b) - j) + 1)
            if a[i:i + k] == b[j:j + k]]
    assert longest_common_substring(a, b) == max(runs, default=0)


def test_f1_and_em_take_the_best_gold():
    # against 江苏省昆山市计家墩村 alone: P = 4/4, R = 4/10 → F1 = 4/7; the second gold matches exactly.
    assert char_f1("计家墩村", ["江苏省昆山市计家墩村"]) == pytest.approx(4 / 7)
    assert char_f1("计家墩村", ["江苏省昆山市计家墩村", "计家墩村"]) == 1.0
    assert exact_match("计家墩村", ["江苏省昆山市计家墩村", "计家墩村"]) == 1.0
    assert exact_match("计家墩", ["江苏省昆山市计家墩村", "计家墩村"]) == 0.0


def test_punctuation_and_space_do_not_count():
    assert exact_match("2月22日、23日", ["2月22日 23日"]) == 1.0
    assert exact_match("《人民日报》", ["人民日报"]) == 1.0
    assert char_f1("  约 8600 万元。", ["约8600万元"]) == 1.0


def test_empty_prediction_scores_zero():
    assert char_f1("", ["李明"]) == 0.0
    assert exact_match("", ["李明"]) == 0.0
    assert not contains_gold("", ["李明"])


def test_contains_gold():
    assert contains_gold("新馆建筑面积1.2万平方米，总投资约8600万元。", ["8600万元"])
    assert contains_gold("总投资约2.01亿元", ["3亿", "2.01亿"])
    assert not contains_gold("总投资约2.01亿元", ["201亿"])
    assert not contains_gold("李明", [])


def test_citation_correct():
    gold = "馆长李明介绍，新馆藏书超过50万册。"
    assert citation_correct("馆长李明介绍， 新馆藏书超过50万册。", gold, ["李明"])
    assert citation_correct("新馆藏书超过50万册", gold, [])          # the cited sentence is inside the gold one
    assert citation_correct("他说：馆长是李明。", None, ["李明"])      # contains a gold answer
    assert not citation_correct("活动由区林业局组织。", gold, ["李明"])
    assert not citation_correct(None, gold, ["李明"])


def test_refusal_precision_recall_by_hand():
    refused = [True, True, False, False, True]
    answerable = [False, True, True, True, False]
    # refused ∧ unanswerable: cases 0 and 4 → precision 2/3 (3 refusals), recall 2/2 (2 unanswerable).
    precision, recall = refusal_precision_recall(refused, answerable)
    assert precision == pytest.approx(2 / 3)
    assert recall == 1.0
    assert refusal_precision_recall([False], [True]) == (None, None)


def test_ranks_recall_and_mrr_by_hand():
    assert gold_rank(["a", "a", "b", "c"], ["c"]) == 3  # distinct articles: a, b, c
    assert gold_rank(["a", "b"], ["z"]) is None
    ranks = [1, 3, None, 2]
    assert [recall_at_k(ranks, k) for k in (1, 2, 3, 10)] == [0.25, 0.5, 0.75, 0.75]
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert recall_at_k([], 5) is None


def test_latency_summary():
    median, p95 = latency_summary([10, 20, 30, 40, 100])
    assert median == 30
    assert p95 == pytest.approx(88)  # linear: position 0.95 · 4 = 3.8 → 40 + 0.8 · 60
    assert latency_summary([]) == (None, None)


# ---- loaders ----------------------------------------------------------------------------------

def test_load_cases_resolves_gold_articles(caplog):
    with caplog.at_level(logging.WARNING):
        cases = {c.case_id: c for c in load_cases(QUESTIONS, read_small_articles())}
    assert "s7" not in cases and "needs_gold" in caplog.text
    assert cases["s1"].gold_article_ids == ("a1",)
    assert cases["s2"].history == ("区图书馆新馆什么时候开放的？",)
    assert cases["s4"].gold_article_ids == ("a3",)  # no title; the sentence's spaces do not matter
    assert cases["s5"].gold_article_ids == () and not cases["s5"].answerable


def test_load_cases_tells_apart_articles_with_one_title(tmp_path):
    articles = [Article("n1", "注销公告", "五马街道综合服务中心拟注销。\n2023年2月14日"),
                Article("n2", "注销公告", "劳动保障监察执法队拟注销。\n2023年2月8日")]
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "q1", "question": "哪天发的？", "answers": ["2023年2月8日"], "answerable": True,
                                "gold_title": "注销公告", "gold_sentence": "2023年2月8日", "category": "date"},
                               ensure_ascii=False), encoding="utf-8")
    assert load_cases(path, articles)[0].gold_article_ids == ("n2",)


def test_load_cases_rejects_a_gold_sentence_found_nowhere(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "q1", "question": "谁？", "answers": ["赵六"], "answerable": True,
                                "gold_title": None, "gold_sentence": "赵六出席了会议。", "category": "person"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match="line 1.*occurs in no article"):
        load_cases(path, read_small_articles())


def test_load_cases_rejects_a_question_without_words(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text("\n" + json.dumps({"id": "q1", "question": "？", "answers": [], "answerable": False,
                                        "category": "what"}) + "\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match="line 2: the question '？' has no words"):
        load_cases(path, read_small_articles())


def test_cmrc_to_eval_keeps_context_and_finds_gold_sentence(caplog):
    with caplog.at_level(logging.WARNING):
        articles, cases = cmrc_to_eval(DATA / "eval_cmrc_tiny.json")
    assert "T_2_QUERY_2 is empty" in caplog.text  # the trial split has empty questions: they are skipped
    raw = json.loads((DATA / "eval_cmrc_tiny.json").read_text(encoding="utf-8"))
    contexts = {p["id"]: p["context"] for d in raw["data"] for p in d["paragraphs"]}
    assert [a.article_id for a in articles] == ["T_1", "T_2"]
    assert all(a.text == contexts[a.article_id] for a in articles)
    assert articles[0].title == "𫚭鱼" and articles[1].title == contexts["T_2"][:20]
    assert all(a.source.startswith("CMRC 2018") for a in articles)
    assert len(cases) == 4 and all(c.answerable and c.category == "cmrc" for c in cases)
    by_id = {c.case_id: c for c in cases}
    # UTF-16 offsets shifted by the astral 𫚭 are repaired: the sentence is the one holding the answer.
    assert by_id["T_1_QUERY_0"].gold_sentence == "𫚭，俗名龙尖，为辐鳍鱼纲的一种。"
    assert by_id["T_1_QUERY_1"].gold_sentence == "本鱼体呈银灰色，体长可达80公分。"
    # An answer running over a sentence end gets both sentences.
    assert by_id["T_2_QUERY_1"].gold_sentence == "猴面包树是一种大型乔木。树干粗壮， 可以储存大量水分。"
    for case in cases:
        assert case.gold_article_ids == (case.case_id.split("_QUERY")[0],)
        assert all(answer in case.gold_sentence for answer in case.answers)


def test_feedback_to_cases(caplog):
    with caplog.at_level(logging.WARNING):
        records = feedback_to_cases(DATA / "eval_feedback.jsonl")
    assert "line 5" in caplog.text and "line 6" in caplog.text
    assert [r["id"] for r in records] == ["fb001", "fb002", "fb003", "fb004"]
    right, refusal, wrong_answer, wrong_source = records
    assert right["answers"] == ["约8600万元"] and right["answerable"] and right["tags"] == []
    assert right["gold_title"] == "区图书馆新馆正式开放"
    assert right["gold_sentence"] == "新馆建筑面积1.2万平方米，总投资约8600万元。"
    assert refusal["answerable"] is False and refusal["answers"] == [] and refusal["gold_sentence"] is None
    assert wrong_answer["answers"] == [] and wrong_answer["gold_sentence"] == "馆长李明介绍，新馆藏书超过50万册。"
    assert wrong_answer["tags"] == ["followup", "needs_gold"] and wrong_answer["note"] == "应为李明"
    assert wrong_source["gold_title"] is None and wrong_source["gold_sentence"] is None
    assert wrong_source["tags"] == ["traditional", "needs_gold"]
    assert set(right) >= {"id", "question", "history", "answers", "gold_title", "gold_sentence", "category",
                          "answerable", "tags"}


# ---- the runner -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_assistant(tmp_path_factory):
    from qa.pipeline import Assistant, build_index

    folder = tmp_path_factory.mktemp("eval")
    (folder / "articles.jsonl").write_text(ARTICLES.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings(index_dir=folder / "idx")
    build_index(read_small_articles(folder / "articles.jsonl"), settings=settings)
    return Assistant.open(settings)


def _rates(g: GroupMetrics) -> list:
    return [g.accuracy, g.contains_gold, g.citation_correct, g.cited_sentence_contains_gold, g.refusal_rate,
            g.refusal_precision, g.refusal_recall, g.mrr, *g.recall_at_k, *g.citation_recall_at_k]


def test_run_eval_end_to_end(small_assistant, tmp_path):
    cases = load_cases(QUESTIONS, small_assistant.index.articles)
    out = tmp_path / "run"
    result = run_eval(small_assistant, cases, out_dir=out)
    assert len(result.results) == 3 * len(cases)
    for name in ("metrics.json", "report.md", "cases.jsonl", "recall_at_k.png", "confidence.png", "latency.png"):
        assert (out / name).stat().st_size > 0, name

    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics) >= {"run", "overall", "by_mode", "by_category", "by_tag"}
    assert set(metrics["by_mode"]) == {"hybrid", "dense", "bm25"}
    assert set(metrics["by_tag"]) == {"followup", "colloquial", "traditional"}
    assert set(metrics["by_category"]) == {"amount", "person", "number"}
    assert metrics["run"]["n_cases"] == 6 and metrics["run"]["embedder_id"]
    assert {"platform", "n_cpus"} <= set(metrics["run"]["machine"])
    assert metrics["run"]["index"]["n_articles"] == 4
    for g in result.by_mode.values():
        assert (g.n_cases, g.n_answerable) == (6, 5)
        assert all(v is None or 0.0 <= v <= 1.0 for v in _rates(g))
        assert 0.0 <= g.em <= 100.0 and 0.0 <= g.f1 <= 100.0
        assert list(g.recall_at_k) == sorted(g.recall_at_k)
        assert 0 < g.latency_median_ms <= g.latency_p95_ms
    # Four articles and five hits: every gold article is among them.
    assert result.by_mode["hybrid"].recall_at_k[4] == 1.0

    lines = (out / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == 18 and first["mode"] == "hybrid"
    assert {"question", "answers", "got", "answerable", "answered", "confidence", "citations", "latency_ms", "correct", "em",
            "f1", "hit_rank"} <= set(first)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Ablation by retrieval mode" in report and "## Refusal errors" in report
    n_failures = sum(1 for r in result.results if r.mode == "hybrid" and not r.correct)
    assert report.count("- **s") == n_failures  # every failure listed


def test_the_cmrc_report_says_how_often_a_gold_answer_fits_in_one_sentence(tmp_path):
    from qa.evaluate import render_report
    from qa.pipeline import Assistant, build_index

    articles, cases = cmrc_to_eval(DATA / "eval_cmrc_tiny.json")
    settings = Settings(index_dir=tmp_path / "idx")
    build_index(articles, settings=settings)
    report = render_report(run_eval(Assistant.open(settings), cases, modes=("hybrid",)))
    # Of the four questions, one's answer runs over a sentence end ("一种大型乔木。树干粗壮"): no cited
    # sentence can contain it.
    assert "the first gold answer lies within one sentence for 75.0 %" in report


def test_run_eval_rejects_a_bad_mode(small_assistant):
    with pytest.raises(ValueError, match="'sparse' is not one of hybrid, dense, bm25"):
        run_eval(small_assistant, [], modes=("sparse",))


def test_the_refusal_threshold_is_cross_validated_on_held_out_questions():
    from scripts.calibration import cross_validated_threshold, reliability

    # Unanswerable questions below 0.4, answered ones above 0.5: every fold's threshold separates them.
    cases = [{"confidence": 0.1 + 0.01 * i, "answerable": False, "contains_gold": False,
              "cited_sentence_contains_gold": False} for i in range(10)]
    cases += [{"confidence": 0.5 + 0.01 * i, "answerable": True, "contains_gold": True,
               "cited_sentence_contains_gold": True} for i in range(30)]
    chosen, precision, recall = cross_validated_threshold(cases)
    assert all(0.19 <= t <= 0.5 for t in chosen) and precision == recall == 1.0
    bins = reliability(cases)
    assert bins[0] == "[0.00, 0.30): 10 questions, 0.00 right" and bins[-1] == "[0.90, 1.00): 0 questions, – right"


def test_the_dev_sets_judge_counts_short_answers_holding_gold_and_refused_near_misses(tmp_path):
    from scripts.judge import counts

    cases = [{"case_id": "a", "mode": "hybrid", "answerable": True, "answers": ["9座", "9"], "got": "9座",
              "answered": True},
             # holds the gold, but a whole sentence is more than twice its length + 6
             {"case_id": "b", "mode": "hybrid", "answerable": True, "answers": ["9座"], "got": "江北段全长14.6公里，共设车站9座",
              "answered": True},
             {"case_id": "c", "mode": "hybrid", "answerable": False, "answers": [], "got": "", "answered": False},
             {"case_id": "d", "mode": "hybrid", "answerable": False, "answers": [], "got": "3座", "answered": True},
             {"case_id": "a", "mode": "bm25", "answerable": True, "answers": ["9座"], "got": "9座", "answered": True}]
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    assert counts(str(path)) == (2, 2, 2, 1, ["a", "c"])
