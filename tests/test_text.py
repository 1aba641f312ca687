from hypothesis import given, strategies as st

from qa.text import normalize_question, normalize_text, sentence_spans, synonyms, tag_words, tokenize, to_simplified


def test_normalize_text_keeps_chinese_punctuation_and_halves_alnum():
    assert normalize_text("ＡＢＣ１２３，测试？\u200b") == "ABC123，测试？"
    assert normalize_text("a\r\nb\rc\x07") == "a\nb\nc"


def test_question_in_traditional_with_fullwidth_digits_equals_simplified():
    assert normalize_question("潞鼎偉業計劃投資多少萬元？２０２３年") == "潞鼎伟业计划投资多少万元？2023年"
    assert to_simplified("颐高集团") == "颐高集团"


def test_sentence_spans_keep_closing_quotes_with_their_sentence():
    text = "他说：“今年订单增加了10%。”随后离开。\n没有句号的一行"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他说：“今年订单增加了10%。”", "随后离开。", "没有句号的一行"]


def test_a_title_is_never_cut_though_it_holds_a_sentence_end():
    text = "他参加了《奔跑吧！兄弟》的录制。《未完的书名？对。"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["他参加了《奔跑吧！兄弟》的录制。", "《未完的书名？", "对。"]


def test_tokenize_drops_stopwords_and_punctuation():
    assert tokenize("颐高集团的总裁是谁？") == ["颐高", "集团", "总裁"]
    # jieba's "后要" is only stopwords run together; "做" in "做什么" asks, it names nothing.
    assert tokenize("工会联合会成立后要做什么？") == ["工会", "联合会", "成立"]
    # A hedge names nothing the article need write: "体重大约是多少" is answered by "约只有8公斤".
    assert tokenize("这种袋鼠的体重大约是多少？") == ["这种", "袋鼠", "体重"]


@given(st.text(max_size=300))
def test_normalize_never_grows_and_is_idempotent(text):
    once = normalize_text(text)
    assert len(once) <= len(text) + text.count("\r")  # "\r\n" → "\n" shrinks, nothing grows
    assert normalize_text(once) == once


@given(st.text(alphabet=st.sampled_from(list("今年我区投资了150万元。！？；…”\n 「」abc")), max_size=200))
def test_sentence_spans_are_ordered_disjoint_and_trimmed(text):
    spans = sentence_spans(text)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e > s
    # every non-space character is inside some sentence
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_synonyms_come_from_cilin_synonym_groups_only():
    assert "教师" in synonyms("老师") and "如今" in synonyms("现在")
    assert "老师" not in synonyms("老师")
    assert synonyms("干") == ()  # single characters are too ambiguous to expand
    assert synonyms("颐高集团") == ()


def test_a_synonym_in_the_sentence_covers_a_term_by_half():
    from qa.spans import coverage

    assert coverage(["老师"], "实验小学教师王芳说道。") == 0.5
    assert coverage(["老师"], "老师说道。") == 1.0
    assert coverage(["老师"], "园长说道。") == 0.0


def test_reading_numerals_leaves_no_warning_in_the_log():
    import warnings

    from qa.spans import _numeral_forms, coverage

    # cn2an warns of what it cannot read (万 alone) and leaves it as it is, which is all the matching
    # needs; those warnings reached the app's log. Each term is read once per process: clear what
    # earlier tests read.
    _numeral_forms.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coverage(["万元", "3亿"], "投资3亿元")
    assert not [w for w in caught if "cn2an" in w.filename], [str(w.message) for w in caught]


# The output of `sentence_spans`, `tokenize` and `tag_words` (an index stores each sentence's tags) over the
# bundled page and over texts that each rule so far has touched, for each value of TEXT_RULES: an index
# records the value it was built with, so a change of any output without a new value would leave old
# indexes looking current.
# (The value of 1 was taken before the tags and the last of these texts were in it.)
_CUT_FINGERPRINTS = {1: "2a8d5f1858339523", 2: "2a4e9737a8792228"}
_RULE_TEXTS = ("他参加了综艺节目《奔跑吧！兄弟》而走红。", "他说：“今年订单增加了10%。”随后离开。",
               "建筑面积大约有多少？到底是谁究竟何时大概在哪", "总投资约2.01亿元；涉及住户36户…\n没有句号的一行",
               "实验小学校长黄志强、县人民医院院长张华和二中教师出席。")


def _cut_fingerprint() -> str:
    import hashlib
    from pathlib import Path

    from qa.ingest import read_articles

    page = Path(__file__).resolve().parent.parent / "corpus" / "newspaper-page-2023-02.txt"
    texts = [article.text for article in read_articles([page])] + list(_RULE_TEXTS)
    cut = [[(text[s:e], tokenize(text[s:e]), tag_words(text[s:e])) for s, e in sentence_spans(text)] for text in texts]
    return hashlib.sha256(repr(cut).encode("utf-8")).hexdigest()[:16]


def test_text_rules_is_raised_when_sentences_words_or_tags_are_cut_differently():
    from qa.text import TEXT_RULES

    assert _cut_fingerprint() == _CUT_FINGERPRINTS.get(TEXT_RULES), (
        "sentence_spans, tokenize or tag_words cut differently: raise qa.text.TEXT_RULES and record this fingerprint "
        "for it")


def test_our_viterbi_tags_as_jiebas_own_does():
    import re
    import sys
    from pathlib import Path

    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    from qa.text import _viterbi, pos_tag

    pos_tag("潞州区")  # loads jieba's tagger, whose own Viterbi stays in its module
    jiebas = sys.modules["jieba.posseg.viterbi"].viterbi
    page_path = Path(__file__).resolve().parent.parent / "corpus" / "newspaper-page-2023-02.txt"
    page = page_path.read_text(encoding="utf-8")
    runs = set(re.findall("[\u4e00-\u9fd5]+", page)) | {
        "閦", "唵嘛呢叭咪吽",  # characters without states of their own: every state is possible
        "妊姒嫁到周国",  # no state of 姒's may follow the states kept for 妊: any that may follow is kept
    }
    differ = [run for run in runs if _viterbi(run) != jiebas(run, char_state_tab_P, start_P, trans_P, emit_P)]
    assert not differ


def test_stored_tags_read_back_as_tagged():
    from qa.text import decoded_tags, encoded_tags, tag_words

    text = "晋纺小区改造工程涉及住户36户。"
    tags = tag_words(text)
    assert decoded_tags(text, encoded_tags(tags)) == tags
    assert decoded_tags(text + "。", encoded_tags(tags)) is None  # lengths that do not cover the text
    assert decoded_tags("abc", "1n junk 2x") is None  # not what encoded_tags writes


def test_pos_tag_reads_a_sentences_remembered_tags_and_tags_what_they_do_not_cover(monkeypatch):
    from collections import OrderedDict

    import qa.text as text
    from qa.text import pos_tag, remember_tags, tag_words

    monkeypatch.setattr(text, "_STORED_TAGS", OrderedDict())
    pos_tag.cache_clear()
    try:
        # tags unlike jieba's, so that reading them shows
        remember_tags([("柳林镇今日开集。", "3nt 2t 2v 1x"), ("柳林镇明日开集。", "9n")])
        assert pos_tag("柳林镇今日开集。") == (("柳林镇", "nt"), ("今日", "t"), ("开集", "v"), ("。", "x"))
        assert pos_tag("柳林镇明日开集。") == tag_words("柳林镇明日开集。")
    finally:
        pos_tag.cache_clear()


def test_remembered_tags_stay_while_remembered_again(monkeypatch):
    from collections import OrderedDict

    import qa.text as text
    from qa.text import remember_tags

    monkeypatch.setattr(text, "_STORED_TAGS", OrderedDict())
    monkeypatch.setattr(text, "_STORED_TAGS_MAX", 2)
    remember_tags([("甲。", "1n 1x"), ("乙。", "1n 1x")])
    remember_tags([("甲。", "1n 1x"), ("丙。", "1n 1x")])  # the question about to read 甲 keeps it
    assert list(text._STORED_TAGS) == ["甲。", "丙。"]


def test_a_school_or_hospital_and_a_word_for_its_people_are_two_words():
    from qa.text import pos_tag

    # jieba's dictionary holds 小学校长 and 医院院长 as words; news copy names the body, then the person's post
    assert {"小学", "校长"} <= set(tokenize("实验小学校长是谁？"))
    assert [word for word, _ in pos_tag("县人民医院院长张华说")][2:4] == ["医院", "院长"]
