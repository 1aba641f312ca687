"""Hits → an extractive answer: the sentence that answers, the span inside it, citations, confidence."""
from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from qa.question import (FILLER_WORDS, HOUR_CUE, NAME_TYPES, POSTS, QUESTION_END, SIGN_OFF_WORDS, WH_WORDS, WHERE_WORDS,
                         AnswerType, QuestionAnalysis, asks_post, counted_thing)
from qa.spans import (A_TIME_OF_DAY, ALL_HAN, ASKS_SPEAKER, COMPARED, COMPARED_BY_YEAR, DIMENSION_ASKED,
                      SPAN_PATTERNS, YEAR_COMPARED_AFTER, asked_kind, asked_post, balanced, choose_span, counts_in,
                      counts_what_was_asked, coverage, document_span, each_has, in_order,
                      gap_span, gap_with_noun, holds_post_asked, name_after_post, named_kind_span,
                      names_post, of_another_body, of_other_dimension, of_the_list_it_is_in, post_of, reason_or_means,
                      said_again, term_match)
from qa.store import Index
from qa.text import (RELATIVE_YEARS, character_synonyms, is_word, matchable, pos_tag, remember_tags, to_simplified,
                     with_resolved_years)
from qa.types import Answer, Article, Citation, Hit, RefusalReason


# e5 cosines between a question and unrelated text rarely fall below this; it maps similarity to [0, 1].
DENSE_FLOOR = 0.7
# Sentence-choice weights from a grid search over both sets (scripts/tune_sentence_weights.py), each
# checked on the other. Top-1 sentence right: CMRC 0.822, ours 0.897 (0.791 / 0.887 before the bigram signal
# left out the headline's pairs; the search chose the same vector again). The vector best on CMRC alone gives
# 0.828 / 0.876 (it overfits CMRC), the one best on ours 0.807 / 0.907. Before that: without the sentence read
# with the one before it ("paired") the weights were 0.782 / 0.887 (end to end on CMRC: chosen sentence
# right 76.8 → 77.8%, F1 51.65 → 51.95; ours unchanged); without the aspect signal 0.770 / 0.845.
# In earlier searches (before the aspect) the best without the anchor signal was 0.738 / 0.845, and
# term coverage of the sentence alone and the longest verbatim run shared with the question got
# weight 0 and were dropped.
WEIGHTS = {"context": 0.8, "bigram": 0.4, "dense": 0.3, "typed": 0.1, "rank": 0.05, "anchor": 0.2, "aspect": 0.6,
           "paired": 0.2}
# Answer types whose answer is the whole sentence: no span pattern can cut a reason or a manner.
SENTENCE_TYPES = frozenset({AnswerType.WHAT, AnswerType.REASON, AnswerType.MANNER, AnswerType.YES_NO})
# Words that mark a sentence as giving a reason or a manner: they count as the expected type in the
# sentence choice (not in the confidence: a reason is often given without them).
# A purpose clause that opens a sentence ("为满足市场需求，…") gives a reason as 为了 does.
_SENTENCE_CUES = {AnswerType.REASON: re.compile(r"因为|由于|因此|所以|为了|原因|导致|以便|旨在|因而|^为[^，。；！？]{2,24}，"),
                  AnswerType.MANNER: re.compile(r"通过|采取|采用|利用|借助|依靠|方式|方法|措施|办法")}
# Words that open a reason given in a sentence of its own.
_REASON_NAMED = r"[^，。；]{0,8}(?:原因是|原因在于)"  # "调整原因是X…": a sentence that names the reason, X
_REASON_LEAD = re.compile(rf"由于|因为|{_REASON_NAMED}")
_REASON_SAID = re.compile(rf"{_REASON_NAMED}[：:，,]?([^。；！？]+)")
_REASON_REACH = 3  # how many of the leading options may give the reason, or stand right after it
# A short line with no clause in it: a name, a date, "联系人：高凌宇".
_LABEL_LINE = re.compile(r"[^，。；！？,;!?]{1,30}")
# What no name holds: a clause mark, brackets or quotation marks ("局长是谁" on "国家税务总局长治市潞州区税务局
# （以下简称“区税务局”）推行…", where 局长 is only 总局 and 长治 side by side).
_NO_NAME = re.compile(r"[，。；！？（）()“”\"]")
# "王长富对记者说。": it names who spoke; what was said is the sentence before it.
_ATTRIBUTION = re.compile(r"^[^，。！？]{0,24}(?:说|说道|表示|介绍|告诉记者)[。！]?$")


def _only_compared_with(subject: str, sentence: str, uncompared: str) -> bool:
    """Whether the sentence names the question's subject only to compare another with it ("与第一中学
    一样，第二中学的操场也…" for a question on 第一中学): it is about the other, however alike in meaning.
    `uncompared` is the sentence with its comparisons taken out."""
    compared = COMPARED.search(sentence) if subject else None
    return bool(compared and subject in compared.group() and subject not in uncompared)


def _refers_elsewhere(subject: str, sentence: str, previous: str) -> bool:
    """Whether the sentence opens on 该/此/这 and a noun the question's subject ends in ("该小区…" for
    师范南小区) while the sentence before it names the subject and then another such thing ("和师范南小区
    一样，…还有始建于80年代的晋纺小区。"): the sentence is about that other one, though the subject stands
    near it."""
    opening = _ANAPHOR.match(sentence) if subject else None
    if not opening:
        return False
    rest = sentence[opening.end():]
    noun = next((rest[:k] for k in (3, 2, 1) if len(subject) > k and subject.endswith(rest[:k])), None)
    last = previous.rfind(noun) if noun and subject in previous else -1
    return last >= 0 and not previous[:last + len(noun)].endswith(subject)


_ANAPHOR = re.compile(r"(?:该|此|这一|这个|这家|这所|这座|这)")


def is_headline_line(sentence: str, title: str) -> bool:
    """A headline, kicker ("区住建局：") or subtitle ("——…") line at the head of an article: it
    names the topic, so it helps to find the article, but it never answers anything itself."""
    return bool(sentence) and (sentence in title or title in sentence and len(sentence) <= len(title) + 2
                               or sentence.startswith("——") or sentence.endswith(("：", ":")))


def _heads_article(article: Article, sentence: ScoredSentence) -> bool:
    """Whether the sentence is a line of the article's headline block, the lines before its first
    full stop ("王峰孟明参加" under "我区招商小分队赴杭州进行招商引资"): a subtitle, which may name who led
    ("王峰孟明带队") but is no sentence to answer what happened."""
    text = article.text
    return (text[sentence.end:sentence.end + 1] in ("\n", "") and (sentence.start == 0 or text[sentence.start - 1] == "\n")
            and text.find("。", 0, sentence.end) < 0)


def can_answer(sentence: str, title: str, analysis: QuestionAnalysis) -> bool:
    """Whether a sentence may be given as the answer: not a headline line; not a bare attribution
    ("教师李媛说道。") unless the question asks who said something, who holds a post, or what post
    someone holds, since the speaker is not who did what the article tells; and for why and how, not
    a label line such as a notice's sign-off ("长治市城区五马街道综合服务中心")."""
    answer_type = analysis.answer_type
    if is_headline_line(sentence, title):
        return False
    if answer_type in (AnswerType.REASON, AnswerType.MANNER) and _LABEL_LINE.fullmatch(sentence.strip()):
        return False
    if not _ATTRIBUTION.match(sentence):
        return True
    return bool(answer_type is AnswerType.PERSON and (ASKS_SPEAKER.search(analysis.text) or asked_post(analysis))
                or asks_post(analysis.text))


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    article_id: str
    start: int
    end: int
    score: float
    confidence: float
    hit_rank: int
    signals: tuple[float, ...]  # in the order of WEIGHTS
    near_miss: bool = False  # of another year or phase, or without a thing of the type asked: its confidence cut


def _bigram_overlap(question: str, text: str, headline: str) -> float:
    """The share of the question's character pairs that `text` or its article's headline holds. The headline names
    what the whole article is about ("金线鲃"): every sentence of the article speaks of it, not only the one that
    repeats it ("金线鲃，又名金线鱼，…" over the answer that leaves it out, "本鱼体色淡金黄"), while a sentence of
    another article holds those pairs only where it names them. CMRC 2018: chosen sentence right 81.0 → 82.9%."""
    grams = _bigrams(question)
    return sum(g in text or g in headline for g in grams) / len(grams) if grams else 0.0


@functools.lru_cache(maxsize=1024)
def _bigrams(question: str) -> frozenset[str]:
    return frozenset(question[i:i + 2] for i in range(len(question) - 1) if question[i:i + 2].isalnum())


# A lead's "本报讯记者赵越报道：", left out of a sentence given whole.
_BYLINE = re.compile(r"\s*本报讯[^：:，。]{0,24}[：:]\s*")


def _same_article_rows(index: Index, lo: int, hi: int, article_id: str, *, reach: int) -> tuple[int, int]:
    """Sentence rows [lo, hi) widened by up to `reach` rows each side, within the same article."""
    def same(row: int) -> bool:
        chunk = index.chunks[index.position_by_chunk_id[int(index.sentences[row, 0])]]
        return chunk.article_id == article_id

    first, last = lo, hi
    while first > 0 and lo - first < reach and same(first - 1):
        first -= 1
    while last < len(index.sentences) and last - hi < reach and same(last):
        last += 1
    return first, last


def score_sentences(analysis: QuestionAnalysis, hits: Sequence[Hit], index: Index,
                    query_vector: np.ndarray | None, aspect_vector: np.ndarray | None = None) -> list[ScoredSentence]:
    """Every sentence of the hit chunks, scored as an answer to the question, best first.

    Signals: how many of the question's key terms the sentence holds (IDF-weighted), the same with
    its headline and neighbours (the subject often stands there: "该小区…"), character-bigram
    overlap (robust to segmentation; a pair the headline holds counts as held), dense similarity of the
    sentence to the question, whether it holds something of the expected answer type, the rank of its
    chunk, whether the sentence itself holds the terms beside the question's wh-word (what is asked
    about: "讲了哪些知识" → 知识), the dense similarity of the sentence to the question's aspect (`aspect_vector`: the question
    without its subject; the whole question's vector when None), and the dense similarity to the
    question of the sentence read with the one before it. A sentence that names the question's subject
    only in a comparison, that is about another thing of the subject's kind, or that speaks of another
    year or phase than the question scores a fifth less."""
    scored = []
    type_pattern = SPAN_PATTERNS.get(analysis.answer_type)
    cue = _SENTENCE_CUES.get(analysis.answer_type)
    evidence_terms = _evidence_terms(analysis)
    fillers_asked = evidence_terms != analysis.terms
    anchors = analysis.anchor_terms or evidence_terms
    # The answer to "有什么症状" names symptoms, seldom the word 症状: in the confidence, the kind asked
    # for counts where it is written and is left out where not.
    kind = asked_kind(analysis)
    unkinded_terms = tuple(t for t in evidence_terms if t != kind)
    unkinded_anchors = tuple(t for t in anchors if t != kind) or unkinded_terms
    # The question's 今年/去年 read against each article's date, as the article's own are, and from today
    # (`_asked_years`): "去年…改造了多少个小区" asks of 2022 in a 2023 paper, which its "2023年我区拟改造…" does not
    # tell; "比去年多了多少" asks of this year.
    asked_in = {hit.chunk.article_id: _asked_years(_of_the_year_compared(analysis.text),
                                                  index.articles[hit.chunk.article_id].date) for hit in hits}
    unnamed_time = {article_id: _asks_of_unnamed_time(analysis.text, index.articles[article_id])
                    for article_id in asked_in}
    # a figure asked of what has been done ("多少个小区实行了垃圾分类") is not the one planned ("计划到今年年底…将达到60个"),
    # unless the sentence says what has been done too ("已完成营造林2.3万亩，超额完成年度目标任务")
    done_asked = analysis.answer_type in _FIGURE_TYPES and _DONE_ASKED.search(analysis.text) is not None and (
        _PLAN_ASKED.search(analysis.text) is None)
    for rank, hit in enumerate(hits):
        article = index.articles[hit.chunk.article_id]
        title = to_simplified(article.title)
        lo, hi = index.sentence_rows.get(hit.chunk.chunk_id, (0, 0))
        # Neighbours may lie in the article's chunks before and after this one: take two rows each side.
        first, last = _same_article_rows(index, lo, hi, article.article_id, reach=2)
        rows = index.sentences[first:last]
        if query_vector is None:  # BM25 alone: no dense signals
            similarities = aspect_similarities = paired_similarities = np.zeros(hi - lo, np.float32)
        else:
            own_vectors = index.sentence_vectors[lo:hi].astype(np.float32)
            similarities = own_vectors @ query_vector
            # Each sentence read with the one before it, which often names the subject it leaves out:
            # the sum of their vectors (an article's first sentence is read alone).
            paired = own_vectors + (index.sentence_vectors[lo - 1:hi - 1].astype(np.float32) if lo > first
                                    else np.vstack([own_vectors[:1], own_vectors[:-1]]))
            paired /= np.linalg.norm(paired, axis=1, keepdims=True)
            paired_similarities = paired @ query_vector
            aspect_similarities = own_vectors @ aspect_vector if aspect_vector is not None else similarities
        plain = [to_simplified(article.text[s:e]) for _, s, e in rows]
        if index.sentence_tags is not None:
            remember_tags((matchable(article.text[s:e]), index.sentence_tags[row])
                          for row, (_, s, e) in enumerate(rows, start=first))
        texts = [with_resolved_years(t, article.date) for t in plain]
        for i, ((_, s, e), sentence, similarity, aspect_similarity, paired_similarity) in enumerate(
                zip(rows[lo - first:hi - first], texts[lo - first:hi - first], similarities, aspect_similarities,
                    paired_similarities), start=lo - first):
            own_words = plain[i]
            neighbours = "".join(texts[max(0, i - 2):i] + texts[i + 1:i + 3])
            context = title + neighbours + sentence
            in_context = coverage(analysis.terms, context)
            typed = type_pattern.search(own_words) is not None if type_pattern else True
            cued = cue.search(own_words) is not None if cue else typed
            dense, aspect, paired_dense = (min(max((float(x) - DENSE_FLOOR) / (1.0 - DENSE_FLOOR), 0.0), 1.0)
                                           for x in (similarity, aspect_similarity, paired_similarity))
            uncompared = COMPARED.sub("", own_words)
            overlap = _bigram_overlap(analysis.text, uncompared, title)
            signals = (in_context, overlap, dense, float(cued), 1.0 / (1 + rank),
                       coverage(analysis.anchor_terms, own_words) if analysis.anchor_terms else 0.0, aspect, paired_dense)
            elsewhere = _refers_elsewhere(analysis.subject, own_words, plain[i - 1] if i > 0 else "")
            # a year named only to compare with is not the one spoken of, but the year that is compared with it:
            # "…达1860万平方米，较去年新增85万平方米" is of this year
            own_year = _of_the_year_compared(own_words)
            uncompared_years = sentence if own_year == own_words else with_resolved_years(own_year, article.date)
            of_another = unnamed_time[article.article_id] or _of_another_year_or_phase(
                uncompared_years, asked_in[article.article_id], texts[i - 1] if i > 0 else "")
            score = sum(w * x for w, x in zip(WEIGHTS.values(), signals)) * (
                0.8 if elsewhere or _only_compared_with(analysis.subject, own_words, uncompared) else 1.0) * (
                0.8 if of_another or done_asked and _PLANNED.search(own_words) and "已" not in own_words else 1.0)
            # Evidence, not ranking: the question's terms around the sentence, what it asks about (the
            # terms beside its wh-word) close to the sentence, and how near in meaning the sentence is.
            near = "".join(texts[max(0, i - 1):i + 2])
            terms_held = coverage(evidence_terms, context) if fillers_asked else in_context
            asked_held = coverage(anchors, title + near)
            if kind:
                terms_held = max(terms_held, coverage(unkinded_terms, context))
                asked_held = max(asked_held, coverage(unkinded_anchors, title + near))
            # A sentence about another thing than the subject answers nothing about the subject; one of
            # another year or phase, not at the default threshold (0.45) even with full evidence.
            confidence = 0.0 if elsewhere else (0.4 * terms_held + 0.4 * asked_held + 0.2 * dense) * (
                1.0 if typed else 0.6) * (0.4 if of_another else 1.0)
            scored.append(ScoredSentence(article.article_id, int(s), int(e), score, confidence, rank, signals,
                                         near_miss=of_another or not typed))
    scored.sort(key=lambda c: -c.score)
    return scored


_DONE_ASKED = re.compile(r"了|已|现在|目前|至今")
_PLAN_ASKED = re.compile(r"计划|预计|打算|目标|要|将|会|年底|明年")
_PLANNED = re.compile(r"计划|预计|力争|拟|目标|将(?:达到|实现|新增|建成|完成|扩大|增加)")


def _paraphrased(sentence: ScoredSentence) -> bool:
    """Whether a sentence says the question in other words: close to it in meaning (dense similarity) but holding few
    of its words, as "全区帮多少退伍兵找到了饭碗" and "帮助380名退役军人实现就业". Its confidence is low for want of the
    question's words; a near miss (another year, body or place) holds nearly all of them. Bars measured on rounds 23-26
    (read), checked on rounds 29/30 (blind)."""
    return sentence.signals[0] < _FEW_WORDS and sentence.signals[2] >= _CLOSE_IN_MEANING


_FEW_WORDS = 0.65  # the share of the question's terms around the sentence (IDF-weighted)
_CLOSE_IN_MEANING = 0.65  # the sentence's dense similarity to the question, scaled above DENSE_FLOOR
_PARAPHRASE_SHARE = 0.55  # of the refusal threshold: 0.25 at the default 0.45


def _sentence_before(sentence: ScoredSentence, scored: Sequence[ScoredSentence],
                     articles: Mapping[str, Article]) -> ScoredSentence | None:
    """The sentence of `scored` right before `sentence` in its article, if it is among them."""
    text = articles[sentence.article_id].text
    return next((c for c in scored if c.article_id == sentence.article_id and c.end <= sentence.start
                 and not text[c.end:sentence.start].strip()), None)


def _citation(article: Article, s: int, e: int, score: float) -> Citation:
    return Citation(article_id=article.article_id, title=article.title, date=article.date, source=article.source,
                    sentence=article.text[s:e], start=s, end=e, score=round(score, 4))


# Articles whose best sentence scores within this share of the best answer's are said to answer too,
# and the latest of them is taken; within the wider share when the question asks for the latest ("最近").
LATEST_WITHIN = 0.9
RECENT_WITHIN = 0.6


def _latest_within(analysis: QuestionAnalysis) -> float:
    return RECENT_WITHIN if analysis.recent else LATEST_WITHIN


def _prefer_latest(options: Sequence[tuple[ScoredSentence, tuple[int, int] | None]], articles: Mapping[str, Article],
                   *, within: float) -> tuple[tuple[ScoredSentence, tuple[int, int] | None], str | None]:
    """The best option, unless other articles answer nearly as well (score within `within` of the best):
    then the one from the latest article, with a note saying so. News is updated by later reports."""
    best = options[0]
    near = [o for o in options if o[0].score >= within * best[0].score and articles[o[0].article_id].date]
    if len({o[0].article_id for o in near}) < 2:
        return best, None
    latest = max(near, key=lambda o: articles[o[0].article_id].date)  # ISO dates order as strings
    date = articles[latest[0].article_id].date
    if (articles[best[0].article_id].date or "") >= date:
        return best, None
    return latest, f"{len({o[0].article_id for o in near})}篇文章都有相关内容，采用最新的一篇（{date}）"


# A question asked as "A不A" (收不收, 去不去): whether A holds.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")
# The kinds of place that a name of that kind ends in ("哪个镇" → 东和镇).
_PLACE_UNITS = frozenset("省 市 县 区 村 镇 乡 乡镇 街道 小区".split())


# A share of a total (每户, 人均), not a rate in time (每年, 每天), which a yearly or daily total answers.
# per unit asked also as one of it ("一亩地能拿多少补偿")
_PER_UNIT_ASKED = re.compile(r"每(?:户|人|个|家|位|名|亩|所|间|辆|台)|户均|人均|平均|(?<!统)一(?:户|亩)(?![一多外])")


def _slot_missing(sentence: str, span: tuple[int, int] | None, analysis: QuestionAnalysis) -> bool:
    """Whether the sentence lacks the very thing the question asks about, though it may hold all its
    other terms: the measure word of the count asked for beside the figure ("多少户", "多大年纪" → 岁;
    for the all-purpose 个, the thing counted beside a figure in another measure word), the thing counted
    ("多少工人"), the verb of an "A不A" question, the post of the person asked for ("主席是谁"), the kind
    of place ("哪个镇"). Such a sentence answers a neighbouring question, so its answer is less certain."""
    unit = analysis.unit
    if span and unit and unit != "个" and not counts_in(unit, sentence, span):
        return True
    thing = counted_thing(analysis.counted, unit=unit) if analysis.counted else ""
    # "几个村民专门看着河" counts 村民, "几个合作协议" 协议 (签订…框架协议12项): either may be beside the figure
    if span and unit == "个" and analysis.counted and not any(
            counts_what_was_asked(sentence, span, counted) for counted in {analysis.counted, thing} if counted):
        return True
    if thing and term_match(thing, sentence) == 0.0:
        return True
    if (span and analysis.answer_type is AnswerType.PLACE and analysis.wh_noun in _PLACE_UNITS
            and not sentence[span[0]:span[1]].endswith(tuple(analysis.wh_noun))):
        return True  # "哪个镇" is answered by a name that ends in 镇 (or 乡 for "哪个乡镇")
    if analysis.answer_type in _FIGURE_TYPES and _PER_UNIT_ASKED.search(analysis.text) and "每" not in sentence and (
            "均" not in sentence):
        return True  # "每户居民要出多少钱" asks for a share: a sentence without 每, 户均 or 平均 gives a total
    asked_verb = _A_NOT_A.search(analysis.text)  # "收不收两岁的小孩": a sentence without 收 says neither
    if asked_verb and asked_verb.group(1) not in sentence:
        return True
    return not names_post(sentence, analysis)


def _counts_many_of_its_kind(sentence: str, analysis: QuestionAnalysis) -> bool:
    """Whether a figure asked about one thing comes from a sentence that counts many of its kind and
    does not name it: "师范南小区改造涉及多少户" against "我区拟改造老旧小区60个，涉及…居民5300余户" gives
    the district's households, not the estate's."""
    if analysis.answer_type not in _FIGURE_TYPES or not analysis.subject or analysis.subject in sentence:
        return False
    kind = pos_tag(analysis.subject)[-1][0]
    if analysis.counted and analysis.counted.endswith(kind):
        return False  # "试点小区明年扩大到多少个小区" asks for a count of the kind itself
    return len(kind) >= 2 and kind != analysis.subject and re.search(
        rf"{re.escape(kind)}{_COUNT}|{_COUNT}{re.escape(kind)}|[各多众]{re.escape(kind)}", sentence) is not None


def _whole_for_a_part(sentence: str, span: tuple[int, int] | None, analysis: QuestionAnalysis,
                      article: Article) -> bool:
    """Whether a figure asked of one named place or body is the whole district's, told in a sentence that never
    names it nor refers to it (该, 此): "国庆假期城隍庙接待了多少游客" is not answered by "国庆假期8天，我区共接待
    游客52.6万人次" (我区, 全区 or the district's purse, 区财政, before the figure), where the article names that part
    elsewhere. The district asked by its name (潞州区, or 潞州 where the article writes 潞州区) is the 我区 its paper
    writes."""
    if span is None or analysis.answer_type not in _FIGURE_TYPES or _REFERS.search(sentence) or _WHOLE.search(
            analysis.text):
        return False  # "全区破了多少起…" asks for the whole district's figure
    if not _WHOLE_SAID.search(sentence, 0, span[0]):
        return False
    if not _WHOLE.search(sentence, 0, span[0]) and _PART_SAID.search(sentence):
        return False  # the district's purse paying for the part the sentence speaks of ("为学校…", "村里…")
    if _RATE_BEFORE.search(sentence, 0, span[0]):
        return False  # a rate for each one ("每亩补贴200元") holds for every part
    article_text = to_simplified(article.text)
    named = [term for term in analysis.terms if len(term) >= 2 and not term.endswith(("区", "市", "县", "省"))
             and not any(term + level in article_text for level in "区市县")
             and [flag for _, flag in pos_tag(term)] in (["ns"], ["nt"], ["nz"])]
    if analysis.subject.endswith(_PARTS_OF_A_DISTRICT):  # "马厂镇的小麦总产量", which jieba cuts 马厂/镇
        named.append(analysis.subject)
    named += _parts_named(analysis.text, article_text)
    # a part the article names elsewhere ("…城隍庙、八义窑等景区人气旺盛"), not one it never names (潞州 for 我区)
    return any(term_match(term, sentence) == 0.0 and term_match(term, article_text) > 0.0 for term in named)


def _parts_named(question: str, article_text: str) -> list[str]:
    """The towns, villages, 街道 and 社区 that `question` names, as `article_text` writes them: the shortest name
    (two characters before its kind, or up to four) that the article holds. jieba cuts many of them apart, so
    that neither the question's terms nor its subject hold them (黄碾镇 → 黄/碾镇, 南天贡村 → 南天/贡村)."""
    names = []
    for part in _PART.finditer(question):
        if not _another_named(question, part.start(), part.group()):
            continue
        written = (question[start:part.end()] for start in range(part.start() - 2, max(part.start() - 5, -1), -1))
        if name := next((name for name in written if name in article_text), None):
            names.append(name)
    return names


def _one_part_of_many(sentence: str, start: int, span: tuple[int, int] | None, analysis: QuestionAnalysis,
                      article: Article) -> bool:
    """Whether a figure asked of one named place or body comes from an article that names it only as one of many
    before the figure's clause: listed with others, or given its own figure after 其中. "老顶山周边有多少名护林员" is
    not answered by "…检查站36个，其中老顶山周边9个；312名专职护林员实行网格化管理", nor "黄碾镇充电站有多少个充电桩" by
    "我区计划新建公共充电桩800个，…目前已有黄碾镇、堠北庄镇等5个乡镇建成充电站". Not where the figure's clause names the
    part other than in a list, before the figure or after it ("其中长治八中考点1500人", "投资680万元的城东公园改造工程"), nor
    where the sentence calls it by the end of its name ("其中八中考点考生1500人", "幼儿园设12个班"), the clause says the
    figure holds for each (各, 均, 每, 分别, 都), the question asks of several parts or a list of them, or the title names
    the part (the article is about it). A kind that the dictionary holds (幼儿园, 养老院) is no name. `start`: the
    sentence's offset in the article."""
    if span is None or analysis.answer_type not in _FIGURE_TYPES or _WHOLE.search(analysis.text) or _REFERS.search(
            sentence):
        return False
    clause = max(sentence.rfind(mark, 0, span[0]) for mark in "，；。：") + 1
    if _EACH.search(sentence, clause, span[1]):
        return False
    text, title = matchable(article.text), to_simplified(article.title)
    parts = {part for part in _parts_listed(analysis.text, text) if part not in title}  # not what the article is about
    if _asks_of_several(analysis.text, parts):
        return False
    clause_end = min((at for at in (sentence.find(mark, span[1]) for mark in "，；。：") if at >= 0), default=len(sentence))
    before, own, after = text[:start] + sentence[:clause], sentence[clause:span[0]], sentence[span[1]:clause_end]
    return any(not (is_word(part) and pos_tag(part)[0][1] != "ns")
               and all(own.startswith(_LIST_MARKS, i + len(part)) for i in _mentions(part, own))
               and all(after.startswith(_LIST_MARKS, i + len(part)) or after[i - 1:i] == "、" for i in _mentions(part, after))
               and not _called_short(part, sentence[:span[0]])
               and all(_one_of_many(before, i, i + len(part)) for i in _mentions(part, before))
               for part in parts)


def _asks_of_several(question: str, parts: set[str]) -> bool:
    """Whether the question names two of the parts (not one inside another: 黄碾镇 in 黄碾镇派出所), or lists one
    ("县一中和县二中两个考点一共…")."""
    named = [part for part in parts if not any(part != other and part in other for other in parts)]
    return len(named) >= 2 or any(question.startswith(_LIST_MARKS, question.find(part) + len(part)) for part in parts)


def _parts_listed(question: str, text: str) -> set[str]:
    """The places and bodies `question` names that `text` names as one of many: a proper name as jieba tags it
    (漳河), or three characters or more that end in a kind of place or body (长治八中, 黄碾镇, 漳河沿岸)."""
    found = set()
    for i in range(len(question) - 1):
        for j in range(i + 2, min(i + _LONGEST_PART, len(question)) + 1):
            name = question[i:j]
            if name not in text:
                break  # nor is any longer name from i
            if ALL_HAN.fullmatch(name) and (len(name) >= 3 and name[-1] in _KINDS_OF_PLACE or len(
                    tags := pos_tag(name)) == 1 and tags[0][1] in ("ns", "nt", "nz")) and any(
                    _one_of_many(text, m.start(), m.end()) for m in re.finditer(re.escape(name), text)):
                found.add(name)
    return found


def _one_of_many(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is listed with others ("黄碾镇、堠北庄镇等"), not as doing one thing together
    ("东街社区、西街社区联合举办…"), or is a part given its own figure ("其中老顶山周边9个"; not "其中长治一中是…")."""
    if _AFTER_QIZHONG.search(text, max(start - 3, 0), start):
        return _BARE_FIGURE.match(text, end) is not None
    return (text[start - 1:start] == "、" or text.startswith(("、", "等"), end)) and not _TOGETHER.match(text, end)


def _called_short(name: str, text: str) -> bool:
    """Whether `text` calls `name` by the end of it: bare (after a mark, or 其中: "其中八中考点考生1500人" for 长治八中), or
    from a mark that tells it from its siblings, where not part of the whole name ("今年八中考点考生1618人")."""
    return any(m.start() == 0 or not ALL_HAN.fullmatch(text[m.start() - 1]) or text[max(m.start() - 2, 0):m.start()] == "其中"
               or name[k] in _SIBLING_MARKS and text[m.start() - 1] != name[k - 1]
               for k in range(1, len(name) - 1) for m in re.finditer(re.escape(name[k:]), text))


def _mentions(name: str, text: str) -> list[int]:
    """Where `text` names `name`; a name of three characters or more also with one character misprinted."""
    return [m.start() for m in _misprinted(name).finditer(text)]


@functools.lru_cache(maxsize=1024)
def _misprinted(name: str) -> re.Pattern:
    """`name`, or with one character other than its kind (its last) or one that tells it from its siblings (长治一中 and
    长治三中, 东关 and 西关): "计家敦村" for 计家墩村."""
    if len(name) < 3:
        return re.compile(re.escape(name))
    return re.compile("(?=" + "|".join([re.escape(name)] + [
        re.escape(name[:k]) + f"[^{_SIBLING_MARKS}]" + re.escape(name[k + 1:])
        for k in range(len(name) - 1) if name[k] not in _SIBLING_MARKS]) + ")")


_LONGEST_PART = 8
_KINDS_OF_PLACE = "镇乡村街道区山河湖岸边线中校院馆所站园场庙寺厂"
_ORDINALS = "一二三四五六七八九十"
_SIBLING_MARKS = _ORDINALS + "东西南北上下前后中新老大小"
_LIST_MARKS = ("、", "等", "和", "及", "与")
# the figure holds for each one (not 各类, 人均, 每年)
_EACH = re.compile(r"各(?![类项种])|(?<![人户平])均|每(?![年月天日])|分别|都")
_AFTER_QIZHONG = re.compile(r"其中[，,]?$")
_BARE_FIGURE = re.compile(r"(?:街道|社区|乡|镇|村)?(?:有|为|共|约|达|占)?[\d一二三四五六七八九十两几]")
_TOGETHER = re.compile(r"[^，；。：]*?(?:联合|共同|携手|一同|一起|合办|带队)")


def _part_for_the_whole(sentence: str, span: tuple[int, int] | None, analysis: QuestionAnalysis) -> bool:
    """Whether a figure asked of the whole district is a named part's, which its clause names before it in a
    sentence that says nothing of the whole: "全区60岁以上老人有多少" on "东街街道共有60周岁以上老年人8650人"; not
    where the question names a part itself ("全区接待的游客中，柳林乡前进村冰雪乐园接待了多少")."""
    if span is None or analysis.answer_type not in _FIGURE_TYPES or not _WHOLE.search(analysis.text) or (
            _WHOLE.search(sentence, 0, span[1])) or _names_a_part(analysis.text):
        return False
    return _names_a_part(sentence[:span[0]][-40:].rsplit("，", 1)[-1], alone=True)  # in the figure's clause, before it


def _names_a_part(text: str, *, alone: bool = False) -> bool:
    """Whether `text` names a town, village, 街道 or 社区; `alone`: one not listed with others ("黄碾镇、马厂镇等5个乡镇"
    counts the district's)."""
    return any(_another_named(text, part.start(), part.group()) and not (alone and (
        text.startswith(("、", "等", "和", "与", "及"), part.end()) or "、" in text[max(0, part.start() - 8):part.start()]))
        for part in _PART.finditer(text))


_WHOLE = re.compile(r"我区|全区")
# the whole district said before a figure: by name, or as the district's purse ("区财政安排…资金870万元")
_WHOLE_SAID = re.compile(r"我区|全区|(?<![社小城街园])区级?财政(?!局|的?支持)")
_PART = re.compile(r"街道|镇|乡|村|社区")
_PART_SAID = re.compile(r"[村镇乡]里|学校|全[村镇乡]|本[村镇乡校]|驻村")
_RATE_BEFORE = re.compile(r"每[\u4e00-\u9fff]{1,2}[^，。；\d]{0,6}$")
_PARTS_OF_A_DISTRICT = ("镇", "乡", "街道", "村", "社区")


def _of_another_of_its_kind(sentence: str, analysis: QuestionAnalysis, article: Article,
                            span: tuple[int, int] | None = None) -> bool:
    """Whether a figure or date asked of a named school, hospital, village… comes from a sentence that names
    another of its kind and not it ("东关小学是哪一年建的" on "西街小学始建于1958年"), or from an article that never
    names it but names another ("区第一人民医院…几点关门" on the 区第二人民医院's hours); so too a bus route by its
    number ("5路公交全程多长" on "18路公交线路…全程21.3公里"), a meal ("早饭几点开始供应" on "食堂每天供应午餐和晚餐，
    午餐时间为11时至13时…"), a level ("什么时候成为国家级森林公园" on "2012年被批准为省级森林公园"; "全区有多少个国家级
    非遗项目" on "各级非遗代表性项目68个"), a day of the week ("周日几点开门" on "周六上午9:00至12:00…"), a quarter of the
    year ("二季度…" on "一季度…"), a holiday ("国庆期间" on "“五一”假期") and an exam (高考 on 中考); a level, a day or a
    quarter by the clause of the answer `span` where that names one ("2005年当选省人大代表，2010年获评全国劳动模范" gives no
    year of 全国人大代表; "3月12日，…同意设立白云洞市级森林公园" none of 国家级)."""
    if analysis.answer_type not in _FIGURE_TYPES | {AnswerType.DATE, AnswerType.DURATION}:
        return False
    clause = _clause_of(sentence, span) if span else ""
    for named_in in _routes, _meals, _levels, _weekdays, _quarters, _holidays, _exams:
        asked = named_in(analysis.text)
        said = (named_in in (_levels, _weekdays, _quarters) and named_in(clause)) or named_in(sentence)
        # a figure of 上半年 is none of 二季度's, nor one quarter's of 上半年
        if asked and said and (not asked & said or named_in is _quarters and asked != said):
            return True
    asked_ordinals, said_ordinals = _ordinals(analysis.text), _ordinals(sentence)
    # "第二十七次会议" asked, "第十八届…第二十六次会议" said: another meeting, though one of the same 届
    if any(asked_ordinals[measure].isdisjoint(said_ordinals[measure])
           for measure in asked_ordinals.keys() & said_ordinals.keys()):
        return True
    named = _NAMED_KIND.search(analysis.subject)  # "东关小学", "区第一人民医院便民门诊", "春节假期大峡谷景区"
    if not named or not (own := analysis.subject[:named.start()].lstrip("区市县")[-2:]):
        return False  # the name's last two characters tell it from others of its kind (东关, 第一, 峡谷)
    kind = named.group()
    for text in (sentence, to_simplified(article.text)):
        if own + kind in text:
            return False
        if any(_another_named(text, found.start(), kind) for found in re.finditer(kind, text)):
            return True
    return False


def _another_named(text: str, at: int, kind: str) -> bool:
    """Whether the kind at `at` ends a name ("西街小学", "区第二人民医院"), not a word for all or some of the kind (各小学,
    该小区, 3所小学, 区属医院, 老旧小区), the kind after a doing ("包括小区室外绿化") nor a word of jieba's (中小学)."""
    before = text[max(0, at - 2):at]
    if not before or before[-1] in _NO_NAME_BEFORE_KIND or not ALL_HAN.fullmatch(before) or is_word(before[-1] + kind):
        return False
    return "第" in before or pos_tag(before)[-1][1] in _NAME_FLAGS


def _names_a_sibling(sentence: str, question: str, span: tuple[int, int] | None) -> bool:
    """Whether `sentence` names another of a kind the question names, and not it: a name before the same word ("青龙水库"
    asked, "柳河水库" said; "区人民医院", "东城区中医医院"), or a mark that tells one of a kind from the others ("二等奖",
    "一等奖"; "春季学期", "秋季学期"; "二期", "一期"). Not where the name asked stands shortly before the word (its
    characters in order: "西贡商业信用银行" for 商信银行) or the sentence's name shortens it (青龙水库 for 青龙湖水库), or a
    word refers back (该, 此…); nor a contrast before a kind of one character (新年, 老年); nor the kind a wh-word
    asks for ("哪所小学", "建筑风格是什么"), nor the answer `span` itself. Dev sets: 6 of 51 near misses answered are
    refused, no right answer lost; CMRC: one wrong answer refused; helper-79's 172 fresh cases: 28 of 39 near misses
    refused (16 before), no right answer lost."""
    words, placed = _placed_words(question), _placed_words(sentence)
    for modifier, head in _named_kinds(question, words):
        if modifier + head in sentence or head not in sentence:
            continue
        ours = others = 0
        for k, (word, flag, at) in enumerate(placed):
            if not word.endswith(head):
                continue
            head_at = at + len(word) - len(head)
            if in_order(modifier, sentence[max(0, head_at - len(modifier) - _SAME_NAME_REACH):head_at]) or (
                    _REFERS_BACK.search(sentence, max(0, head_at - 1), head_at)):
                ours += 1
                continue
            if word != head:
                before, before_flag = word[:-len(head)], flag
            elif k and placed[k - 1][2] + len(placed[k - 1][0]) == at:
                before, before_flag = placed[k - 1][0], placed[k - 1][1]
            else:
                continue
            if in_order(before, modifier):  # the name asked, shortened: 青龙水库 for 青龙湖水库, 商信银行 for 商业信用银行
                ours += 1
                continue
            others += (len(before) >= 2 and ALL_HAN.fullmatch(before) is not None and before_flag in _PROPER_FLAGS
                       and before + head not in question and not _within(head_at - len(before), head_at + len(head), span))
        if others and not ours:
            return True
    for k, (word, _, at) in enumerate(words):
        # the mark and the kind it marks: in one word ("二等奖") or two ("老" "校区", "春季" "学期"); a contrast only
        # before a kind of two characters or more (not 新年 against 老年)
        if len(word) <= 2 and k + 1 < len(words) and words[k + 1][1] in _NOUN_FLAGS:
            word += words[k + 1][0]
        if len(word) < 2 or not ALL_HAN.fullmatch(word) or word in sentence or WH_WORDS.search(question, max(0, at - 2), at):
            continue
        rest = word[1:]
        for marks in (*(_CONTRASTS if len(rest) >= 2 else ()), *((_ORDINALS,) if _ORDINAL_OF.match(rest) else ())):
            if word[0] in marks and any(mark != word[0] and mark + rest not in question and any(
                    not _within(found.start(), found.end(), span) for found in re.finditer(mark + rest, sentence))
                    for mark in marks):
                return True
    return False


def _of_another_item(sentence: str, question: str, span: tuple[int, int] | None) -> bool:
    """Whether the answer at `span` is told of another item of a list than the one asked: the words the question and
    the answer's clause share just before it (每亩, 岗位月薪, 补贴) stand in the sentence more than once, and what
    stands before them is in each a noun of its own, the sentence's not in the question and the question's not in the
    clause ("马铃薯每亩补贴多少钱" on "补贴标准为水稻每亩15元、玉米每亩12元…"; "护理岗位月薪" on "技术类岗位月薪集中在
    6000元至9000元之间，…工程师月薪最高可达1.5万元"). Not for a word of all or of this one (全镇, 该…), nor a person
    asked about (杨朝祥担任…)."""
    if span is None:
        return False
    clause_start, clause_end = _clause_bounds(sentence, span)
    said = [word for word in _placed_words(sentence[clause_start:span[0]]) if word[1] != "x" or word[0].strip()]
    asked = _placed_words(question)
    asked_words = [word for word, _, _ in asked]
    shared = next((k for k in range(len(said) - 1, -1, -1) if len(said[k][0]) >= 2 and said[k][0] in asked_words
                   and not WH_WORDS.fullmatch(said[k][0])), None)
    if shared is None or sentence.count(said[shared][0]) < 2:
        return False
    k, j = shared, max(i for i, word in enumerate(asked_words) if word == said[shared][0])
    while k > 0 and j > 0 and said[k - 1][0] == asked[j - 1][0]:  # back over the words both say
        k, j = k - 1, j - 1
    y = _item_before(said, k)
    x = _item_before(asked, j)
    if y is None or x is None:
        return False
    # "女子组拿第一的队伍奖金" on "…，女子组冠军奖金1.5万元": the words naming the item name the one asked in other words
    item_start = k
    while item_start > 0 and said[item_start - 1][1] in _ITEM_FLAGS:
        item_start -= 1
    if any(len(word) >= 2 and word in asked_words for word, _, _ in said[item_start:k]):
        return False
    clause = sentence[clause_start:clause_end]
    return (y[1] in _ITEM_FLAGS and x[1] in _ITEM_FLAGS - {"nr"} and len(x[0]) >= 2 and len(y[0]) >= 2
            and not _OF_ALL_OR_THIS.match(x[0]) and not _OF_ALL_OR_THIS.match(y[0])
            and y[0] not in question and not in_order(y[0], question)
            and x[0] not in clause and not in_order(x[0], clause))


def _item_before(words: Sequence[tuple[str, str, int]], k: int) -> tuple[str, str, int] | None:
    """The word before words[k], past 的 and a bracketed aside ("可吸入颗粒物（PM10）年均浓度")."""
    depth, k = 0, k - 1
    while k >= 0 and (words[k][0] == "的" or depth or words[k][0] in "）)"):
        depth += words[k][0] in "）)"
        depth -= words[k][0] in "（("
        k -= 1
    return words[k] if k >= 0 else None


def _named_kinds(question: str, words: Sequence[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """The (name, kind) pairs of a question: a noun of two characters or more that ends a run of nouns, and the nouns
    before it ("青龙" "水库", "区人民" "医院", "商业信用" "银行"); not the kind a wh-word asks for."""
    pairs = []
    for k in range(1, len(words)):
        head, head_flag, head_at = words[k]
        first = k
        while first and words[first - 1][1] in _NOUN_FLAGS and words[first - 1][2] + len(words[first - 1][0]) == (
                words[first][2]) and not WH_WORDS.search(question, max(0, words[first - 1][2] - 3), words[first - 1][2]):
            first -= 1
        name = question[words[first][2]:head_at]
        ends_the_name = k + 1 == len(words) or words[k + 1][1] not in _NOUN_FLAGS  # "水库", not the 市场 of 市场稽查队
        if (head_flag in _NOUN_FLAGS and len(head) >= 2 and ends_the_name and len(name) >= 2
                and ALL_HAN.fullmatch(name + head) and not WH_WORDS.search(question, max(0, head_at - 3), head_at)
                and not _asked_of(question, head_at + len(head))):
            pairs.append((name, head))
    return pairs


def _within(start: int, end: int, span: tuple[int, int] | None) -> bool:
    """Whether [start, end) overlaps `span`."""
    return span is not None and start < span[1] and span[0] < end


def _asked_of(question: str, end: int) -> bool:
    """Whether a wh-word follows closely what ends at `end`: "建筑风格是什么" asks for the 风格."""
    return WH_WORDS.search(question, end, end + 3) is not None


def _placed_words(text: str) -> list[tuple[str, str, int]]:
    """jieba's words of `text` with their tags and where each starts."""
    placed, at = [], 0
    for word, flag in pos_tag(text):
        placed.append((word, flag, at))
        at += len(word)
    return placed


_SAME_NAME_REACH = 6  # characters between a name and its kind's word that may still be its own ("商业信用银行")
_REFERS_BACK = re.compile(r"[该此这本其]")
_PROPER_FLAGS = frozenset({"nr", "ns", "nt", "nz", "j", "nrt", "nrfg"})
_NOUN_FLAGS = _PROPER_FLAGS | {"n", "ng"}
# the words that may name an item of a list (`_of_another_item`), and those that name all of them or this one
_ITEM_FLAGS = _NOUN_FLAGS | {"vn", "eng"}
_OF_ALL_OR_THIS = re.compile(r"[全本该此这其各每]|今年|去年|目前|现在|县里|区里|市里")
# Marks that tell one of a kind from the others of it ("新校区", "老校区"); ordinals only before the words they number
# ("二期", "一等奖", "一中"), not "一天" against "三天".
_CONTRASTS = ("东西南北", "新老", "男女", "春夏秋冬", "上下", "早晚", "内外", "初高", "冠亚季", "金银铜", "日夜")
_ORDINAL_OF = re.compile(r"期|等奖|号线|阶段|批|届|季度|标段|中(?![心国央])|小(?![时区组])")


def _routes(text: str) -> frozenset[str]:
    """The routes `text` names by number; none where it names a range of them ("1路至40路公交线路票价均为1元")."""
    return frozenset() if _ROUTE_RANGE.search(text) else frozenset(_ROUTE.findall(text))


def _meals(text: str) -> frozenset[int]:
    return frozenset(i for i, meal in enumerate(_MEALS) if meal.search(text))


def _clause_of(sentence: str, span: tuple[int, int]) -> str:
    """The clause of `sentence` that holds `span`, between the commas or semicolons around it (not a colon: hours
    hold one, "周六9:00至12:00")."""
    return sentence[slice(*_clause_bounds(sentence, span))]


def _clause_bounds(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where the clause of `_clause_of` starts and ends."""
    start = max(sentence.rfind(mark, 0, span[0]) for mark in "，；,;") + 1
    ends = [at for mark in "，；,;" if (at := sentence.find(mark, span[1])) >= 0]
    return start, min(ends, default=len(sentence))


def _levels(text: str) -> frozenset[str]:
    """The levels of government `text` names: 国家级, 省市级 (both), 各级 (all, none in particular), 全国 (the nation's:
    全国重点文物保护单位), and the level of a congress or conference (省人大代表, 市政协委员); a district's is a county's."""
    named = (level for found in _LEVEL.finditer(text)
             for level in (_LEVEL_NAME.findall(found.group(1)) if found.group(1) else (found.group(2) or found.group(3),)))
    return frozenset(_LEVEL_OF.get(level, level) for level in named)


def _quarters(text: str) -> frozenset[int]:
    """The quarters of the year `text` names (1 to 4): 一季度, 第二季度, 上半年 (1 and 2), 下半年, 前三季度."""
    named: set[int] = set()
    for found in _QUARTER.finditer(text):
        if found.group(1):
            named.add(_QUARTER_NUMBER[found.group(1)])
        elif found.group(2):
            named |= {1, 2} if found.group(2) == "上" else {3, 4}
        else:
            named |= set(range(1, _QUARTER_NUMBER[found.group(3)] + 1))
    return frozenset(named)


def _ordinals(text: str) -> dict[str, set[str]]:
    """The ordinals `text` numbers sessions, meetings, batches or rounds by, by measure word, in Arabic figures:
    {"届": {"18"}, "次": {"26"}} for "第十八届…第二十六次会议"."""
    numbered: dict[str, set[str]] = {}
    for numeral, measure in _ORDINAL.findall(text):
        numbered.setdefault(measure, set()).add(_as_figure(numeral))
    return numbered


def _holidays(text: str) -> frozenset[int]:
    return frozenset(i for i, holiday in enumerate(_HOLIDAYS) if holiday.search(text))


def _exams(text: str) -> frozenset[str]:
    return frozenset(_EXAM.findall(text))


def _weekdays(text: str) -> frozenset[int]:
    """The days of the week `text` names (1 to 7), with those a range, 工作日 or 周末 spans; all for 每天 and its like."""
    if _EVERY_DAY.search(text):
        return frozenset(range(1, 8))
    days = {d for word, named in _DAYS_BY_WORD.items() if word in text for d in named}
    for found in _WEEKDAYS.finditer(text):
        first = _DAY_NUMBER[found.group(1)]
        last = _DAY_NUMBER[found.group(2)] if found.group(2) else first
        days |= set(range(first, last + 1))
    return frozenset(days)


_ROUTE = re.compile(r"(?<![\d.])\d+(?=路|号线)")  # a bus route or a metro line by its number
_ROUTE_RANGE = re.compile(r"\d+(?:路|号线)?(?:至|到|-|~|～)\d+(?:路|号线)")
_MEALS = (re.compile("早[餐饭]"), re.compile("午[餐饭]|中午饭|中饭"), re.compile("晚[餐饭]"))
_LEVELS = "国家|省|市|县|区|乡|镇|村|世界"
_LEVEL_NAME = re.compile(f"{_LEVELS}|各")
_LEVEL = re.compile(rf"((?:{_LEVELS})+|各)级|(全国)|(省|市|县|区)(?=人大|政协)")
_LEVEL_OF = {"全国": "国家", "区": "县"}
_QUARTER = re.compile(r"(?<!前)第?([一二三四1-4])季度|([上下])半年|前([二三2-3])季度")
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HOLIDAYS = tuple(re.compile(p) for p in (r"五一(?!路|街|广场|大道|村)|劳动节", "国庆", "春节", "中秋", "端午", "元旦", "清明"))
_EXAM = re.compile("高考|中考")
_DAY_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
# "周三", "星期一至星期五", "周一至五", "周五、周六" (each found apart)
_WEEKDAYS = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])(?:[至到~～—-](?:周|星期|礼拜)?([一二三四五六日天]))?")
_DAYS_BY_WORD = {"工作日": range(1, 6), "周末": (6, 7), "双休日": (6, 7)}
_EVERY_DAY = re.compile(r"每天|每日|天天|全天|全周|全年无休|一周七天")  # 周一至周日 is a range of all

# "第二十六次", "第18届": the ordinal of a meeting, a session, a batch or a round
_ORDINAL = re.compile(r"第(\d+|[一二三四五六七八九十百]+)(次|届|批|轮)")
# Kinds of named things a question asks about, longest first; what stands before a kind when it names none
_NAMED_KIND = re.compile("实验小学|小学|中学|幼儿园|人民医院|医院|卫生院|学校|社区|小区|街道|公园|景区|片区|水厂|村|镇|乡")
_NO_NAME_BEFORE_KIND = frozenset("各全该本此这那属级所家个座间等和与及的是在为了几多两")
_NAME_FLAGS = frozenset({"n", "ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "j", "s"})  # jieba's tags of a name's last word
# 该村, 此地, 其: a reference back to what the question names; not 其中, 其他, 此外, 此次 …, which refer to nothing
_REFERS = re.compile(r"[该此其](?![中他它余次外前后])[\u4e00-\u9fff]")


def _asked_event(analysis: QuestionAnalysis) -> list[str]:
    """The terms of what the question says happened, after its wh-word ("什么时候复工的" → 复工)."""
    wh = WH_WORDS.search(analysis.text)
    return [t for t in analysis.terms if wh and analysis.text.find(t, wh.end()) >= 0]


def _holds_asked_event(sentence: str, analysis: QuestionAnalysis) -> bool:
    """Whether the sentence holds what the question says happened after its wh-word; false for a
    question that says nothing there."""
    event = _asked_event(analysis)
    return bool(event) and all(term_match(t, sentence) > 0 for t in event)


def _date_of_another_event(sentence: str, span: tuple[int, int] | None, analysis: QuestionAnalysis) -> bool:
    """Whether the date cut from the sentence is said of an event the question does not ask about:
    "始建于1990年" answers when it was built (or 盖: Cilin's synonym of 建), not "什么时候开学". The event is
    the word before a 于 that jieba parts from it (not 终于, 由于, 关于), or a verb in 于 (生于)."""
    if not span or analysis.answer_type is not AnswerType.DATE or not sentence.endswith("于", 0, span[0]):
        return False
    words = pos_tag(sentence[:span[0]])  # not empty: the sentence has 于 before the span
    if len(words) >= 2 and words[-1][0] == "于":
        event = words[-2][0]
    elif len(words[-1][0]) > 1 and words[-1][1].startswith("v"):
        event = words[-1][0][:-1]
    else:
        return False
    asked = analysis.text.replace(analysis.subject, "") if analysis.subject else analysis.text  # not 城建局's 建
    if event in _TIMING_ONLY:
        if len(event) > 1 and event in analysis.text:  # "计划什么时候通车" on "计划于年底建成通车"
            return False
        # "将于4月8日开幕", "定于5月1日举行": the event is told by the verbs after the date, in its clause (not 起 of
        # "3月1日起施行"), each by its first character against the words after the question's wh-word: 开幕 answers
        # 开始, not 闭幕 (结束); 举行 does not answer 报名 (though Cilin gives 行 the sense of 时)
        verbs = [word for word, flag in pos_tag(_CLAUSE.match(sentence, span[1]).group())
                 if flag.startswith("v") and word not in ("起", "开始")]
        wanted = "".join(_asked_event(analysis)) or asked
        return bool(verbs) and not any(
            verb[0] in wanted or not character_synonyms(verb[0]).isdisjoint(wanted) for verb in verbs)
    return not any(c in asked or not character_synonyms(c).isdisjoint(asked) for c in event.removeprefix("始"))


# words before 于 that say only when or whether the event is, not what it is
_TIMING_ONLY = frozenset("将 已 曾 均 定 拟 预计 计划 预定 准备 分别 先后 正式 已经 即将 将要".split())
_CLAUSE = re.compile(r"[^，。；、,;！？]{0,12}")  # the rest of a clause, as far as an event's verb is looked for


_FIGURE_TYPES = frozenset({AnswerType.NUMBER, AnswerType.AMOUNT, AnswerType.PERCENT})
_COUNT = r"(?:\d+|[一二两三四五六七八九十百千]+)余?[个家所座户处]"
# A question that asks for what one thing has ("一个书房", "人均").
_PER_ITEM_ASKED = re.compile(r"每|人均|户均|平均|单个|一(?:个|家|户|人|名|所|座|位|间|台|辆|亩|处)")


# "较去年新增", "比上年同期增长": not "与去年同期相比，…由236天增加到268天", which gives last year's figure too
_YEAR_COMPARED = re.compile(r"(?:较|比)(?:去年|上年|上一年)(?:同期)?(?=新增|增长|增加|提高|上升|下降|减少|降低|多|少)")
_A_YEAR = re.compile(r"\d{2,4}年|[今去前明上]年|本年")


def _of_the_year_compared(text: str, compared: re.Pattern = _YEAR_COMPARED) -> str:
    """`text` without the year it names only to compare with, and, if it names no other, saying 今年: the year
    compared with last year is this one ("全区粮食总产量达到5.2亿斤，比去年增长3%"), unless a year is named
    ("2022年，…比上年增长5.2%"). A question's `compared` are any after 比, 较, 与 or 同 ("与去年同期相比…增加了多少",
    "比去年高多少")."""
    uncompared = compared.sub("", text)
    return uncompared if uncompared == text or _A_YEAR.search(uncompared) else "今年" + uncompared


def _of_another_year_or_phase(sentence: str, question: str, previous: str = "") -> bool:
    """Whether the sentence speaks of another year than the question asks about ("去年的产值" against
    "今年计划完成产值2000余万元", "2019年" against "2021年"), or of another phase ("二期工程投资多少" against
    "一期投资4.2亿元"; a sentence that names none is of the phase the one before it names). Years
    written alike are compared (a 今年 in a question is not checked against an article's 2023年), and where both
    give years in figures (a dated article's, with the question's read both ways, `_asked_years`) by those alone: "去年…"
    asked today is answered by last year's report of "今年…"."""
    in_figures = bool(_named_in(_YEAR_NUMBER, question) and _named_in(_YEAR_NUMBER, sentence))
    for said_in, asked in _years_asked(question):
        if said_in is _RELATIVE_YEAR and in_figures:
            continue
        said = _named_in(said_in, sentence) or (_named_in(said_in, previous) if said_in is _PHASE else frozenset())
        if said and not asked & said:
            return True
    return False


def _figure_of_another_year(sentence: str, span: tuple[int, int] | None, analysis: QuestionAnalysis,
                            article: Article) -> bool:
    """Whether a figure is of another year than the question asks about, by the year its sentence names last before it
    ("今年旅游节预计能实现多少收入" is not answered by the 1.6亿元 of "去年第二届旅游节期间，…实现旅游综合收入1.6亿元，今年预计接待
    游客50万人次"); only years 1900-2099 ("1300年历史" is none). A year compared with (after 比 or 较, before 相比, or
    given as 去年同期为…) is the year only of the figure right after it ("比去年同期的1130件", "去年同期为42.1亿元";
    "比去年同期增加了10%" is of this year; 上年 is the year before the sentence's own); a year that starts a time
    ("去年10月以来") or is joined with another ("去年和今年…分别") does not make the figure another year's. A sentence that names a year only to compare with speaks of the article's
    own: a question that asks of the year compared is not answered by its other figures ("去年一季度抽检了多少批次" on
    "一季度，该局共抽检食品样品1286批次，…比去年同期的96.8%提高1.1个百分点"), unless the article looks back on that year
    (its first quarter, `_own_years`). A question's own comparisons are not the year it asks ("比去年高多少")."""
    if span is None or analysis.answer_type not in _FIGURE_TYPES or not article.date:
        return False
    asked = _named_in(_YEAR_NUMBER, _asked_years(_of_the_year_compared(analysis.text, YEAR_COMPARED_AFTER), article.date))
    if not asked:
        return False
    own, compared, named = None, set(), set()  # named: every year the figure may be of
    for m in _A_YEAR.finditer(sentence):
        year = {y for y in _named_in(_YEAR_NUMBER, with_resolved_years(m.group(), article.date))
                if 1900 <= int(y) <= 2099}
        if not year:
            continue
        before = m.start() < span[0]
        if _SINCE.match(sentence, m.end()):
            if before:
                named |= year
        elif sentence[m.start() - 1:m.start()] in ("比", "较") or _GIVEN_TO_COMPARE.match(sentence, m.end()):
            compared |= year
        elif sentence[m.start() - 1:m.start()] in ("与", "和", "同"):
            if _COMPARED_AFTER.match(sentence, m.end()):
                compared |= year
            elif before:
                named |= year
        elif before:
            own = year
            named |= year
    if by := COMPARED_BY_YEAR.search(sentence, max(span[0] - 12, 0), span[0]):
        word = by.group(1) or by.group(2)
        by_year = ({str(int(y) - 1) for y in (own or {article.date[:4]})} if word == "上年"
                   else _named_in(_YEAR_NUMBER, with_resolved_years(word, article.date)))
        if by_year:
            return not by_year & asked
    if own is not None:  # and so in `named`
        return not named & asked
    return bool(compared & asked) and not asked & _own_years(article)


_COMPARED_AFTER = re.compile(r"度?(?:同期)?(?:相比|比较|相较)")
_GIVEN_TO_COMPARE = re.compile(r"度?同期(?:为|是)")  # "…46.3亿元，去年同期为42.1亿元，同比增长10%"
_SINCE = re.compile(r"(?:\d{1,2}月(?:\d{1,2}日)?)?(?:以来|至今|起)")


def _asks_of_unnamed_time(question: str, article: Article) -> bool:
    """Whether the question asks only of years other than the article's own, or of phases after the first,
    that the article nowhere names ("2022年的接种率" in a 2023 report that names neither 2022年 nor 去年;
    "二期工程什么时候开工" on a project of no phases): its figures and dates are of its own year and its one
    phase. Years only of dated articles, nor the year before the article's in a report of the first quarter,
    which looks back on it as 全年 or 过去一年. 去年 and the like are read both ways the asker may count them:
    from the article's date and from today ("去年12月那场雪" in a report of last December); a report of
    2024 on its own year answers neither reading of 去年 asked in 2026."""
    for said_in, asked in _years_asked(question):
        if said_in is _YEAR_NUMBER and not article.date:
            continue
        if said_in is _RELATIVE_YEAR:
            if not article.date:
                continue
            # "比去年多了多少" asks of 今年
            asked = _named_in(_YEAR_NUMBER, _asked_years(_of_the_year_compared(question, YEAR_COMPARED_AFTER),
                                                        article.date))
            said_in = _YEAR_NUMBER
        if not asked & (_own_years(article) | {"1"} | _named_in(said_in, _resolved_text(article))):
            return True
    return False


def _asked_years(question: str, date: str | None) -> str:
    """The question followed by the years its 今年/去年… stand for, counted from an article's `date` and, for a dated
    article, from today: "去年夜市接待了多少市民" asked in 2026 may mean 2025 as well as the year before the article's.
    Not a year from today after the article's own: a report of 2023 tells no figure of 2025, only a plan's ("到2025年
    全区将建成…")."""
    resolved = with_resolved_years(question, date)
    if not date:
        return resolved
    from_today = with_resolved_years(question, datetime.date.today().isoformat())[len(question):]
    return " ".join([resolved, *(year for year in from_today.split() if int(year[:4]) <= int(date[:4]))])


def _own_years(article: Article) -> set[str]:
    """The article's year, and in its first quarter the year before."""
    if not article.date:
        return set()
    year, month = int(article.date[:4]), int(article.date[5:7] or 12)
    return {str(year), *((str(year - 1),) if month <= 3 else ())}


@functools.lru_cache(maxsize=1024)
def _resolved_text(article: Article) -> str:
    """The article's headline and text, simplified, with the years its 今年/去年 (and 上年, 上一年度) stand
    for and its years in Chinese numerals (二〇二三年) in figures."""
    text = with_resolved_years(to_simplified(article.title + article.text), article.date)
    if article.date and re.search("上一?年", text):
        text += f" {int(article.date[:4]) - 1}年"
    return text + "".join(f" {_as_figure(year)}年" for year in _CN_YEAR.findall(text))


_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")


def _named_in(said_in: re.Pattern, text: str) -> frozenset[str]:
    """The years or phases `text` names in the way `said_in` finds them, phases in Arabic figures."""
    found = said_in.findall(text)
    return frozenset(map(_as_figure, found) if said_in is _PHASE else found)


def _as_figure(numeral: str) -> str:
    """A phase's numeral in Arabic figures: 二 and 2 are one phase."""
    import cn2an

    return str(int(numeral)) if numeral.isdigit() else str(cn2an.cn2an(numeral, "smart"))


@functools.lru_cache(maxsize=1024)
def _years_asked(question: str) -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
    """The years and phases a question names, by way of writing: read once, not for every sentence
    scored."""
    return tuple((said_in, asked) for said_in in (_RELATIVE_YEAR, _YEAR_NUMBER, _PHASE)
                 if (asked := _named_in(said_in, question)))


_RELATIVE_YEAR = re.compile("|".join(RELATIVE_YEARS))
_YEAR_NUMBER = re.compile(r"(?<!\d)\d{4}(?=年)")
# "一期工程", "第二期", "2期", "第十一期"; not "星期一期间" or "五一期间", "一二期" (both), nor "分3期建设" or
# "共举办3期", which count them, nor "下一期", "哪一期", "新一期" and the like.
_PHASE = re.compile(r"(?<!星期)(?<![\d一二三四五六七八九十分上下这那每本首哪新同近共办])第?"
                    r"([一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?|\d{1,2})(?=期(?!间))")


def _in_sign_off(article: Article, end: int) -> bool:
    """Whether a sentence ending at `end` is among an article's closing lines, where a notice names
    who issued it and when: at most two lines follow it."""
    return article.text[end:].strip().count("\n") < 2


def _typed_leaders(sentences: Sequence[ScoredSentence], analysis: QuestionAnalysis,
                   text_of: Callable[[ScoredSentence], str]) -> list[tuple[ScoredSentence, tuple[int, int]]]:
    """The sentences (best first) that hold a candidate of the expected type, each with its chosen span.

    Without a unit, a post or a dimension to prefer, the answer can only come from the first of them or
    from those within `_latest_within` of its score, so the search stops below that: for names it tags each
    sentence, the slowest step of answering a new question (0.8 ms of a 1.6 ms median answer stage)."""
    prefers = (analysis.unit is not None or asked_post(analysis) is not None
               or DIMENSION_ASKED.search(analysis.text) is not None)
    within = _latest_within(analysis)
    found = []
    for c in sentences:
        if found and not prefers and c.score < within * found[0][0].score and not all(
                _vague_time(text_of(d), span, analysis.text) for d, span in found):
            break
        if (span := choose_span(text_of(c), analysis)) is not None:
            found.append((c, span))
    return found


# "近年来", "近日": when, but not a date; nor is an hour alone ("首班车时间为6时30分") where the question asks no hour
# and no daily time ("啥时候开通", not "每天啥时候演"). A date in another leading sentence of the article that tells of
# what was asked answers better.
_VAGUE_TIME = re.compile(r"近年来|近年|近几年|近日|近期|日前|目前|如今|当前|现在|最近|此前|以往")
_DAILY_ASKED = re.compile(rf"{HOUR_CUE}|每天|每日|每晚|每周|平时|工作日|周末|早上|上午|下午|晚上|几时")


def _vague_time(sentence: str, span: tuple[int, int], question: str) -> bool:
    said = matchable(sentence)[span[0]:span[1]]
    return _VAGUE_TIME.fullmatch(said) is not None or (
        A_TIME_OF_DAY.fullmatch(said) is not None and not _DAILY_ASKED.search(question))


# Why, how and yes-or-no are answered by the clauses that give the reason or the means, or say what was asked.
_CLAUSE_CUTS = {AnswerType.REASON: reason_or_means, AnswerType.MANNER: reason_or_means, AnswerType.YES_NO: said_again}
_DEFINITION_ASKED = re.compile(r"^(?:什么是[^的，,]+|[^的，,]+是什么)[？?]?$")
# "诚信活动主题是什么" asks for a thing's theme, not what the theme is.
_ATTRIBUTE_ASKED = re.compile(r"(?:主题|内容|目的|目标|原则|宗旨|口号|任务|职责|意义|特点|理念|作用|重点|名称|名字|要求|用途|"
                              r"标准)是什么")


def _on_topic(analysis: QuestionAnalysis, article: Article) -> float:
    """1 for an article that holds at least half the question's terms (IDF-weighted), less in
    proportion below that: an article on housing estates with a 总投资 of its own does not answer for
    the 总投资 of a company's project that it never names. On CMRC 2018 no right answer came from an
    article holding under 0.48 of the terms. 0 for an article that never names the person the
    question is about ("王峰的电话是多少" against a notice giving its contact's)."""
    text = to_simplified(article.title + article.text)
    if _asks_about_person(analysis.subject) and analysis.subject not in text:
        return 0.0
    # filler words ("那晚") are no evidence of the topic either
    return min(1.0, coverage(_evidence_terms(analysis) or analysis.terms, text) / 0.5)


def _evidence_terms(analysis: QuestionAnalysis) -> tuple[str, ...]:
    """The question's terms without its filler words ("那晚", "现在"), which no sentence needs to hold."""
    return tuple(t for t in analysis.terms if t not in FILLER_WORDS)


def _asks_about_person(subject: str) -> bool:
    """Whether a question's subject is one person's name, as jieba tags it."""
    words = pos_tag(subject) if subject else ()
    return len(words) == 1 and words[0][1] == "nr"


# "X在哪里" (nothing after the where-word: not "在哪里任职") is answered by "X在Y" or "X位于Y": the gap
# after X in a sentence without such a word is what X is or does ("潞鼎伟业商贸有限公司是一家…生产企业"),
# not where it is.
_WHERE_IS = re.compile(rf"(?:在(?:{WHERE_WORDS}|哪)|(?<!排名)(?<!排)在(?:什么|哪个)位置)[啊呢呀吗]?[？?]?$")
# 在 and 于 that place something: not those of 由于, 关于, 现在, 正在.
_LOCATIVE = re.compile(r"(?<![由关对鉴基属等])于|(?<![现正存实所自好])在|地处|坐落|紧邻|毗邻|临近|靠近")
# Who holds a post ("副院长是谁", "谁是副院长"), or a person's name ("管护人员叫什么名字"): no body answers; 负责人 may be one.
_WHO_HOLDS = re.compile(rf"(?!负责人)(?:{POSTS})(?:是|叫)?谁|谁是[^，。？?]*?(?!负责人)(?:{POSTS})[？?]?$|叫什么|名字")
# The share of the best sentence's score below which a sentence with a name gives no name.
_FAR_WEAKER = 0.85
_CLOSE_ENOUGH = 0.9  # of the best sentence's score: a yes-or-no answer that says what is asked may score this much less


def _locates(sentence: str, subject: str) -> bool:
    """Whether the sentence has a locative word that does not govern the subject itself ("位于…", not
    only "在八一广场开展…")."""
    elsewhere = sentence.replace(f"在{subject}", "").replace(f"于{subject}", "") if subject else sentence
    return bool(_LOCATIVE.search(elsewhere))


_AFTER_WH = re.compile(rf"(?:谁|{WHERE_WORDS}|哪个单位|哪家)")
# Words after a wh-word that say nothing of their own: the copula, helpers, particles.
_SAYS_NOTHING = frozenset("是 来 去 被 给 的 了 呢 啊 呀 吗 在 要 会 能".split())


def _verb_after_wh_missing(said_after_wh: Sequence[str], sentence: str) -> bool:
    """Whether the question says something after its wh-word (`_said_after_wh`) that the sentence does
    not ("小区改造谁负责" on "该小区改造工程涉及住户36户": no 负责, nor a synonym): the stretch after the
    words before the wh-word is then no answer to it. The first word after the wh-word that says
    something is looked for, not the copula or a helper ("谁是校长" → 校长, "谁来负责" → 负责)."""
    return bool(said_after_wh) and term_match(said_after_wh[0], sentence) == 0.0


def _said_after_wh(question: str) -> list[str]:
    """The words after the question's who- or where-word that say something."""
    wh = _AFTER_WH.search(question)
    words = [word for word, _ in pos_tag(question[wh.end():].rstrip(QUESTION_END))] if wh else []
    return [w for w in words if w not in _SAYS_NOTHING]


def _untyped_share(span: tuple[int, int] | None, from_gap: bool, analysis: QuestionAnalysis) -> float:
    """What an answer of no expected type is worth, for a question that expects one: a gap, or a whole
    sentence; a whole sentence that names no one, nowhere and no body answers who, where or which body
    least ("晋纺小区是哪家公司施工的" on "…开工建设的老旧小区还有…晋纺小区。")."""
    if analysis.answer_type in SENTENCE_TYPES or span is not None and not from_gap:
        return 1.0
    return 0.5 if span is None and analysis.answer_type in NAME_TYPES else 0.7


def _in_best_article_saying(options: list[tuple[ScoredSentence, tuple[int, int] | None]],
                            says: Callable[[ScoredSentence], bool]) -> list[tuple[ScoredSentence, tuple[int, int] | None]]:
    """The options of the best option's article whose sentence `says` what the question asks about; all
    `options` when none does."""
    return [(c, span) for c, span in options if c.article_id == options[0][0].article_id and says(c)] or options


def extract_answer(question: str, analysis: QuestionAnalysis, hits: Sequence[Hit], index: Index,
                   query_vector: np.ndarray | None, *, aspect_vector: np.ndarray | None = None, top_k: int = 5,
                   min_confidence: float = 0.45, passed_over: Collection[tuple[str, int]] = ()) -> Answer:
    """The answer to `question` from `hits`: a verbatim span or sentence of an article, or a refusal
    (empty text, `answerable` false) that still cites the closest sentences. The sentences of
    `passed_over` ((article id, start) pairs: answers given already) are left out."""
    articles = index.articles

    def text_of(c: ScoredSentence) -> str:
        return articles[c.article_id].text[c.start:c.end]

    # "注销是谁同意的": when a verb alone follows the wh-word, the sentences that say it tell who did it
    # (not "谁负责加强疫情监测", where the sentence that tells of 加强疫情监测 need not say 负责).
    act = said[0] if len(said := _said_after_wh(analysis.text)) == 1 else None

    def says_what_was_done(c: ScoredSentence) -> bool:
        return term_match(act, matchable(text_of(c))) > 0.0

    scored = [c for c in score_sentences(analysis, hits, index, query_vector, aspect_vector)
              if (c.article_id, c.start) not in passed_over]
    best_per_article: dict[str, ScoredSentence] = {}
    for sentence in scored:
        best_per_article.setdefault(sentence.article_id, sentence)

    answerable_sentences = [c for c in scored if can_answer(text_of(c), articles[c.article_id].title, analysis)
                            and not (analysis.answer_type in SENTENCE_TYPES and _heads_article(articles[c.article_id], c))]
    if any(word in analysis.text for word in SIGN_OFF_WORDS):
        answerable_sentences = [c for c in answerable_sentences if _in_sign_off(articles[c.article_id], c.end)]
    from_gap = False
    if analysis.answer_type in SENTENCE_TYPES:
        # "王峰是什么职务": the post news copy writes before the name ("常务副区长王峰"), if a sentence has it.
        posts = [(c, span) for c in answerable_sentences[:10]
                 if (span := post_of(matchable(text_of(c)), analysis.subject)) is not None] if (
            analysis.subject and asks_post(analysis.text)) else []
        # "又叫什么": the sentences that hold a word for that kind of name ("又称"), if any does.
        named = [(c, span) for c in answerable_sentences[:10]
                 if (span := named_kind_span(matchable(text_of(c)), analysis.text)) is not None] if (
            analysis.answer_type is AnswerType.WHAT) else []
        # "按什么条例", "哪个文号": the sentences that name a document of that kind, or its number, if any does.
        documents = [(c, span) for c in answerable_sentences[:10]
                     if (span := document_span(matchable(text_of(c)), analysis)) is not None] if (
            analysis.answer_type is AnswerType.WHAT) else []
        # "什么是X", "X是什么": a definition, which the whole sentence gives; no gap to cut.
        cut = analysis.answer_type is AnswerType.WHAT and not (
            _DEFINITION_ASKED.search(analysis.text) and not _ATTRIBUTE_ASKED.search(analysis.text))
        clause_of = _CLAUSE_CUTS.get(analysis.answer_type)
        leading = answerable_sentences[:10]
        asked = [term for term in analysis.anchor_terms if len(term) >= 2 and is_word(term)]
        if analysis.answer_type is AnswerType.YES_NO and leading and asked:
            # "梆子戏要花钱买票吗" is answered by the sentence that tells of what it asks (花钱 买票: "全部免费
            # 观看"), not by a livelier one of the same topic that tells less of it ("…看上好几场，高兴得很！"),
            # if close. Not by one character ("会被查吗": the 查 of 查处 in any sentence), nor by two that jieba
            # glued ("18路要花钱吗": 路要).
            told = [coverage(asked, matchable(text_of(c))) for c in leading]
            telling = [c for c, held in zip(leading, told) if held > told[0]
                       and c.score >= _CLOSE_ENOUGH * leading[0].score]
            leading = telling + [c for c in leading if c not in telling]
        options = posts or named or documents or [
            (c, gap_with_noun(matchable(text_of(c)), analysis) if cut else clause_of(matchable(text_of(c)), analysis)
             if clause_of else None) for c in leading]
        # "幼儿园为什么要改造" is best matched by the sentence telling of the renovation; news copy gives
        # the reason just before it ("由于建设年代久远，…。去年十月，…进行了全方位升级改造"), and that
        # sentence, short of the question's terms, ranks low.
        # The renovation may be told twice (the lead's "升级改造工程全面完工" ranks first): the leading
        # options of the best option's article are looked at, the best first, and one that itself opens
        # with 由于 is taken as it is; one that opens by naming the reason ("调整原因是X…") gives X.
        if analysis.answer_type is AnswerType.REASON and options and not _SENTENCE_CUES[AnswerType.REASON].search(
                text_of(options[0][0])):
            told = [c for c, _ in options[:_REASON_REACH] if c.article_id == options[0][0].article_id]
            reason = next((r for c in told for r in (c, _sentence_before(c, scored, articles))
                           if r is not None and _REASON_LEAD.match(text_of(r))), None)
            if reason is not None:
                said = _REASON_SAID.match(matchable(text_of(reason)))
                options = [(reason, said.span(1) if said else None)] + options
        # "李琴说了什么" is best matched by "区金融服务中心主任李琴说。", which is no answer; what she said
        # is the quotation just before it.
        if (analysis.answer_type is not AnswerType.REASON and scored and ASKS_SPEAKER.search(analysis.text)
                and _ATTRIBUTION.match(text_of(scored[0]))):
            before = _sentence_before(scored[0], scored, articles)
            if before is not None and text_of(before).rstrip().endswith("”"):
                options = [(before, None)] + options
    else:
        # Of the leading sentences, those that hold a candidate of the expected type, and for "多少户"
        # those with a count of 户 if any has.
        found = _typed_leaders(answerable_sentences[:10], analysis, text_of)
        if (analysis.answer_type is AnswerType.DATE and found
                and _vague_time(text_of(found[0][0]), found[0][1], analysis.text)):
            # A date of the same article that tells of what was asked, over the vague time of the best;
            # "…食堂改造是什么时候" says what happened before its wh-word, in the terms besides its subject.
            event = (_asked_event(analysis) or [t for t in analysis.terms if t not in analysis.subject]
                     or list(analysis.terms))
            found = [(c, span) for c, span in found if c.article_id == found[0][0].article_id
                     and not _vague_time(text_of(c), span, analysis.text)
                     and coverage(event, matchable(text_of(c))) >= 0.5] or found
        if analysis.answer_type is AnswerType.PERSON and not _WHO_HOLDS.search(analysis.text):
            # "由谁来接", "谁负责": who may be a body (not who holds a post: "副院长是谁"). A sentence that
            # names no person but a body gives the body when it is clearly the better sentence: by more than
            # a fifth of the score.
            as_body = replace(analysis, answer_type=AnswerType.ORGANISATION)
            named = {(c.article_id, c.start) for c, _ in found}
            better = [c for c in answerable_sentences[:10] if not found or 0.8 * c.score > found[0][0].score]
            if act is not None:
                better = [c for c, _ in _in_best_article_saying([(c, None) for c in better], says_what_was_done)] + better
            body = next(((c, span) for c in better if (c.article_id, c.start) not in named
                         and (span := choose_span(text_of(c), as_body)) is not None), None)
            if body:
                found = [body, *found]
        # "区图书馆有多少册藏书" is not answered by "每个书房藏书3000册左右", unless the question asks so
        if analysis.answer_type is AnswerType.NUMBER and not _PER_ITEM_ASKED.search(analysis.text):
            found = [(c, sp) for c, sp in found if not each_has(matchable(text_of(c)), sp)] or found
        with_unit = [(c, sp) for c, sp in found if counts_in(analysis.unit, matchable(text_of(c)), sp)]
        # Likewise for "哪位老师", those that name the post, and for "路有多宽", those whose figure follows
        # no other dimension than the one asked ("宽度由30米拓宽至40米", not "全长3.2公里"), if any does.
        with_post = [(c, sp) for c, sp in found if names_post(matchable(text_of(c)), analysis)]
        of_dimension = [(c, sp) for c, sp in found if not of_other_dimension(matchable(text_of(c)), sp, analysis)] if (
            DIMENSION_ASKED.search(analysis.text)) else []
        # With no candidate in any leading sentence, the best sentence is given whole, at a lower
        # confidence; not for figures and dates, whose patterns miss none: no sentence holds the answer.
        options = with_unit or of_dimension or with_post or found or (
            [(c, None) for c in answerable_sentences[:1]] if analysis.answer_type not in SPAN_PATTERNS else [])
        # "区发改局局长是谁": the sentences naming the post at the body asked, where any does (a later article's
        # 局长 of another body is no newer answer)
        at_body = [(c, sp) for c, sp in options if sp and holds_post_asked(matchable(text_of(c)), sp, analysis)]
        options = at_body or options
        # "什么时候复工", "注销是谁同意的": of the best option's article, the sentences that say what was
        # done (复工, 同意), if any does.
        if analysis.answer_type is AnswerType.DATE:
            options = _in_best_article_saying(options, lambda c: _holds_asked_event(matchable(text_of(c)), analysis))
        elif analysis.answer_type in NAME_TYPES and act is not None:
            options = _in_best_article_saying(options, says_what_was_done)
        # The best sentence may copy the question's wording around the answer and still hold no
        # name the tagger knows ("派谁给X送信" ↔ "派遣圣甲虫去给X送信"): its gap then beats a name in a
        # weaker sentence, or the best sentence given whole, at the confidence of an untyped answer
        # ("谁开通了X" on "市图书馆开通了X" → 市图书馆, when no sentence names anyone). Not for figures
        # and dates: their patterns miss none, so a sentence without one does not hold the answer.
        top = answerable_sentences[0] if answerable_sentences else None
        if (analysis.answer_type not in SPAN_PATTERNS and top is not None
                and (options[0][0] is not top or options[0][1] is None)
                and not _verb_after_wh_missing(said, matchable(text_of(top)))
                and names_post(matchable(text_of(top)), analysis)
                and (gap := gap_span(matchable(text_of(top)), analysis.text))
                and not _NO_NAME.search(matchable(text_of(top)), *gap)
                and not (_WHERE_IS.search(analysis.text) and not _LOCATIVE.search(text_of(top), *gap))):
            if analysis.answer_type is AnswerType.PERSON:
                gap = name_after_post(matchable(text_of(top)), gap)
            options, from_gap = [(top, gap)], True
        # A name found only in a sentence much weaker than the best is seldom the one asked for ("海梅·雷耶斯
        # 是哪家漫画公司的虚拟人物" → 汽车修理厂, where the best sentence says "…是DC漫画公司的一个虚拟人物"
        # with no name the tagger knows): the best sentence is given whole, at the confidence of an untyped
        # answer. Not where the weaker sentence names who spoke ("城东幼儿园教师王芳说道。" after the
        # quotation asked about) or follows the best one saying what is asked ("老人被民警找到。找到老人的是
        # 民警赵刚…"), nor, for a place, where the best one places nothing or only says something happened
        # at the place asked about ("在八一广场开展…").
        elif (analysis.answer_type in NAME_TYPES and top is not None and options[0][0] is not top
              and options[0][0].score < _FAR_WEAKER * top.score and not _ATTRIBUTION.match(text_of(options[0][0]))
              and not (_sentence_before(options[0][0], scored, articles) is top
                       and coverage(analysis.anchor_terms, matchable(text_of(options[0][0]))) >= 0.5)
              and not (analysis.answer_type is AnswerType.PLACE
                       and not _locates(matchable(text_of(top)), analysis.subject))):
            options = [(top, None)]
    (chosen, span), note = (_prefer_latest(options, articles, within=_latest_within(analysis)) if options
                            else ((None, None), None))

    chosen_text = matchable(text_of(chosen)) if chosen is not None else ""
    near_miss_cut = 0.0 if chosen is None else (
        0.6 if _slot_missing(chosen_text, span, analysis) else 1.0) * (
        0.4 if _counts_many_of_its_kind(chosen_text, analysis) else 1.0) * (
        0.5 if _date_of_another_event(chosen_text, span, analysis) else 1.0) * (
        0.3 if span and of_another_body(chosen_text, span, analysis) else 1.0) * (
        0.4 if _whole_for_a_part(chosen_text, span, analysis, articles[chosen.article_id]) else 1.0) * (
        0.4 if _one_part_of_many(chosen_text, chosen.start, span, analysis, articles[chosen.article_id]) else 1.0) * (
        0.4 if _figure_of_another_year(chosen_text, span, analysis, articles[chosen.article_id]) else 1.0) * (
        0.4 if _part_for_the_whole(chosen_text, span, analysis) else 1.0) * (
        0.4 if analysis.answer_type in _FIGURE_TYPES and of_the_list_it_is_in(chosen_text, span, analysis)
        else 1.0) * (
        0.4 if analysis.answer_type in _FIGURE_TYPES and _of_another_item(chosen_text, analysis.text, span)
        else 1.0) * (
        0.4 if _of_another_of_its_kind(chosen_text, analysis, articles[chosen.article_id], span)
        # not for a name asked: it may well be another of the kind ("西城区市场稽查队注销是谁批准的" → 东城区市场监管局);
        # but a team is named for what it won ("女子组亚军是哪支队伍" on "…男子组冠军，东溪镇代表队…分获亚军")
        or (analysis.answer_type not in NAME_TYPES or span is not None and chosen_text[span[1] - 1] == "队")
        and _names_a_sibling(chosen_text, analysis.text, span) else 1.0)
    confidence = 0.0 if chosen is None else chosen.confidence * near_miss_cut * (
        _untyped_share(span, from_gap, analysis)) * _on_topic(analysis, articles[chosen.article_id])
    # An answer whose sentence says the question in other words is given down to a lower bar, unless a sign of a near
    # miss cut its confidence (the slot asked missing, another year, body, place or kind, a whole for a part…).
    answerable = chosen is not None and (confidence >= min_confidence or (
        near_miss_cut == 1.0 and not chosen.near_miss and _paraphrased(chosen)
        and confidence >= _PARAPHRASE_SHARE * min_confidence))
    if not answerable:
        # Weak, not absent, when an on-topic sentence was found but holds no answer of the type asked for.
        nearest = chosen or (answerable_sentences[0] if answerable_sentences else None)
        reason = RefusalReason.NO_EVIDENCE if nearest is None or nearest.confidence < 0.15 else RefusalReason.WEAK_EVIDENCE
        closest = list(best_per_article.values())[:min(top_k, 3)]
        citations = tuple(_citation(articles[c.article_id], c.start, c.end, c.score) for c in closest)
        return Answer(question=question, resolved_question=analysis.text, text="", answerable=False,
                      confidence=round(confidence, 4), citations=citations, hits=tuple(hits), refusal_reason=reason)

    article = articles[chosen.article_id]
    if span:
        span = balanced(chosen_text, span)
        start, end = chosen.start + span[0], chosen.start + span[1]
    else:  # the whole sentence, without the lead's "本报讯记者赵越报道：", which answers nothing
        byline = _BYLINE.match(article.text, chosen.start, chosen.end)
        start, end = byline.end() if byline else chosen.start, chosen.end
    others = [c for aid, c in best_per_article.items() if aid != chosen.article_id and c.score >= 0.6 * chosen.score]
    citations = (_citation(article, chosen.start, chosen.end, chosen.score),) + tuple(
        _citation(articles[c.article_id], c.start, c.end, c.score) for c in others[:top_k - 1])
    return Answer(question=question, resolved_question=analysis.text, text=article.text[start:end], answerable=True,
                  confidence=round(confidence, 4), citations=citations, hits=tuple(hits),
                  answer_start=start, answer_end=end, note=note)
