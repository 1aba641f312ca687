"""Inside a sentence, the stretch that answers: spans of the expected type (patterns for figures and
dates, jieba's name tags), the question's gap, names asked for by their kind, posts; and the matching of
a question's terms against text that sentence choice shares."""
from __future__ import annotations

import difflib
import functools
import itertools
import os
import re
from collections.abc import Iterator, Sequence

from qa.question import (BODY_FULL_NAMES, HOUR_CUE, NAME_TYPES, ORG_SUFFIX, PEOPLE, POINTS_MADE, POSTS, QUESTION_END,
                         UNITS, WH_WORDS, WHERE_WORDS, WEEKDAY_ASKED, AnswerType, QuestionAnalysis, contraries,
                         term_weight)
from qa.text import (is_word, matchable, names_no_thing, pos_tag, synonyms, to_simplified, tokenize, unglued,
                     word_frequency)


# "1,750", "±10"; classes and levels in Roman numerals ("Ⅱ类水质", "Ⅳ级应急响应")
_NUM = r"(?:±?\d{1,3}(?:,\d{3})+(?:\.\d+)?|±?\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+|[Ⅰ-Ⅻ])"
_MAG = r"(?:余|多)?(?:万|亿)?(?:余|多)?"
# A figure keeps the word that qualifies it: "约22平方公里" is not "22平方公里", nor "第二位" "二位".
# 不超过, 不低于 whole: 超过 alone says the contrary, and a bare figure drops that it is a bound
_BOUND = r"不得?(?:超过|低于|少于|高于|多于)"
_QUALIFIER = rf"(?:大约|约|将近|近|逾|{_BOUND}|超过|不到|不足|仅|第|零下)?"
_LEADING_BOUND = re.compile(_BOUND)
_CURRENCY = ("元|块钱|美元|美金|欧元|日元|日圆|港元|港币|英镑|韩元|卢布|澳元|加元|新台币|台币|人民币|越南盾|法郎|卢比|马克|"
             "比索|泰铢|里拉|令吉|先令|澳门元|澳门币")
# A measure keeps its unit, also after a space ("1.601 km²"), and a sum of money in any currency.
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True)) + "|" + _CURRENCY
_CN_DIGIT = "〇零一二三四五六七八九"
_YEAR_NUMBER = rf"(?:公元前?\d{{1,4}}|\d{{4}}|[{_CN_DIGIT}]{{4}})"
_MONTH = rf"(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])月"
_DAY_OF_MONTH = rf"(?:\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
# A time of day, which may be every day's or the next day's ("每天晚上8时至次日凌晨2时").
_TIME_OF_DAY = (rf"(?:每天|每日|次日)?(?:凌晨|早上|上午|中午|正午|下午|傍晚|晚上)?"
                rf"(?:\d{{1,2}}(?:时|点)(?:\d{{1,2}}分|半)?(?!{POINTS_MADE})|\d{{1,2}}:\d{{2}})")
A_TIME_OF_DAY = re.compile(_TIME_OF_DAY)
# a race time ("1小时16分08秒", "3分33秒62", "9秒58"), also how long a race took
_RACE_TIME = r"(?:\d{1,2}小时)?\d{1,2}分\d{1,2}(?:\.\d+)?秒\d*|\d{1,2}秒\d{2}"
# another day of a list ("2月22日、23日") or the last of a range ("6月6日至10日", "6月28日至7月2日")
_MORE_DAYS = r"(?:、\d{1,2}[日号]|(?:至|—|－|-|～|~)(?:\d{1,2}月)?\d{1,2}[日号]|到(?:\d{1,2}月)?\d{1,2}日)?"
# the day of the week a date gives in brackets ("9月25日（星期四）"), part of it
_WEEKDAY_NAMED = r"(?:星期|周)[一二三四五六日天]"
_WEEKDAY_GIVEN = rf"(?:[（(]{_WEEKDAY_NAMED}[)）])?"
# a part of a month ("12月上旬", "11月底")
_PART_OF_MONTH = r"(?:份|初|上旬|中旬|下旬|底|末)"
# before a date, a deadline ("11月底前完工"): not 前往, 前来, 前后
_BEFORE_DATE = r"(?:(?:以)?前(?![往来进去行夕面后]))?"
# a time in two units, one ("约1小时20分钟", "八年六个月"), whether asked how long or how many years
_COMPOUND_DURATION = rf"{_QUALIFIER}\d{{1,3}}个?小时\d{{1,2}}分钟?|(?<!\d){_QUALIFIER}{_NUM}年零?{_NUM}个月"
# a year counted from the article's own, before a month it dates ("明年3月开工"): part of the date
_YEAR_SAID = "(?:今年|去年|前年|明年)"
_FRACTION = r"[一二三四五六七八九十]+分之[一二三四五六七八九十]+"  # a share as a fraction: "三分之二"
_FRACTION_SPAN = re.compile(_FRACTION)  # no count in a measure word ("多少个村" on "三分之二的村…，达到126个村")
SPAN_PATTERNS: dict[AnswerType, re.Pattern] = {
    AnswerType.AMOUNT: re.compile(rf"{_QUALIFIER}{_NUM}{_MAG}(?:{_CURRENCY})"),
    # a share, a ratio ("男女生比例约为1：7"), a rate that the article gives as a bare figure ("收视率为7.07"), or a
    # rate's change ("提高3.3个百分点")
    AnswerType.PERCENT: re.compile(rf"{_QUALIFIER}(?:\d+(?:\.\d+)?(?:[%‰]|个百分点)|百分之[零一二三四五六七八九十百点]+|[一二三四五六七八九十]成|{_FRACTION}|"
                                   rf"\d+(?:\.\d+)?[:：∶比]\d+(?:\.\d+)?|(?<=率为)\d+(?:\.\d+)?)"),
    AnswerType.DATE: re.compile(
        # a reign year with its Western year ("天正16年（1588年）", "1993年（民国82年）"), then the month and day
        rf"(?:[\u4e00-\u9fff]{{2}}(?:\d{{1,2}}|[元{_CN_DIGIT}十]{{1,4}})年\s?[（(]\d{{3,4}}年[)）]"
        rf"|{_YEAR_NUMBER}年(?:\s?[（(][\u4e00-\u9fff]{{2}}\d{{1,3}}年[)）])?)"
        rf"(?:{_MONTH}(?:{_DAY_OF_MONTH}{_MORE_DAYS}{_WEEKDAY_GIVEN}|{_PART_OF_MONTH})?{_BEFORE_DATE}"
        rf"|代(?:以来|以后|初|末)?|初|底|末|前后|以来|以后)?"
        rf"|{_YEAR_SAID}?\d{{1,2}}月\d{{1,2}}[日号]{_MORE_DAYS}{_WEEKDAY_GIVEN}{_BEFORE_DATE}(?:[上下]午)?|"
        rf"(?:上世纪)?\d{{2}}年代|{_YEAR_SAID}?[一二三四五六七八九十]{{1,2}}月"
        rf"|农历[正一二三四五六七八九十冬腊]+月|{_YEAR_SAID}?\d{{1,2}}月{_PART_OF_MONTH}?{_BEFORE_DATE}|近日|近年来|日前|连日来"
        r"|春节(?:过后|前后|期间)"
        # months given as a range ("2至4月"), and times of day ("正午12时26分", "上午11:00")
        r"|\d{1,2}(?:至|到|~|～|-)\d{1,2}月"
        # centuries ("十九世纪以来", "公元前3世纪")
        r"|(?:公元前)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})世纪(?:初|末|中叶|中期|以来|以前)?"
        # seasons ("盛花期为夏季", "每年春秋两季")
        r"|(?:每年)?(?:[春夏秋冬](?:季|天)|[春夏秋冬]{2}两?季)(?:初|末)?"
        # days of the week, one or every ("每周三下午", "每个星期六")
        # (not "一周三次", "每周二至三次" or "每周三天", which count; 周 as a surname, "周一鸣", is read as a day)
        rf"|(?:每个?)?(?:周|星期|礼拜)[一二三四五六日天](?:、(?:周|星期|礼拜)?[一二三四五六日天])*"
        rf"(?:至(?:周|星期)?[一二三四五六日天])?(?![至、]?[一二两三四五六七八九十]*[次回趟天节])"
        rf"(?:{_TIME_OF_DAY}|上午|下午|晚上)?"
        rf"|{_TIME_OF_DAY}"),
    # or how often ("每月两次", "每两周一次"), which "多久来一趟" asks
    # (not the year, month or day of a date: "4月25日起封闭施工", "2023年5月")
    # (hours and minutes, "4小时20分钟", are one)
    AnswerType.DURATION: re.compile(rf"{_RACE_TIME}|{_COMPOUND_DURATION}|(?<!\d[年月])(?<!\d){_QUALIFIER}{_NUM}{_MAG}(?:个)?"
                                    r"(?:年(?!\d{1,2}月)|月(?!\d{1,2}[日号])|天|工作日|日|小时|周|分钟)(?:半)?"
                                    r"|(?:(?:[一两二三四五六七八九十]+|\d+)个)?(?<![上下前后])半个?(?:小时|月|年|天)"
                                    r"|每[两三四五六七八九十]?(?:个月|季度|星期|年|月|周|天|日)[一两二三四五六七八九十\d]+[次趟回]"),
    # a race time ("3分33秒62", "9秒58") before any figure in a unit, which would take its minutes alone
    AnswerType.NUMBER: re.compile(rf"\d{{3,4}}-\d{{7,8}}|{_RACE_TIME}|{_COMPOUND_DURATION}"
                                  rf"|{_QUALIFIER}{_NUM}{_MAG} ?(?i:{_UNIT})(?![\d日号之])(?<!\d月)"  # not a month: 3月, nor 三分之二's 三分
                                  rf"|{_QUALIFIER}\d+(?:\.\d+)?{_MAG}[%‰]?(?![\d年月日号])"
                                  rf"|{_QUALIFIER}{_FRACTION}"),  # "三分之二以上业主同意"
}
# Words for a place that end a place's name: a name jieba tags inside one ("师范/nr 南小区") is no person's.
_PLACE_WORDS = ("小区", "街道", "广场", "地区")
# Units that measure rather than count (money, area, length, weight, volume, power, shares), and those
# of time: no answer to "多少个孩子".
_MEASURES = ("元", "米", "公里", "公尺", "公分", "亩", "公顷", "斤", "克", "吨", "升", "瓦", "%", "‰", "km²", "m²", "km", "cm",
             "mm", "kg", "m", "W", "Wh")
_TIMES = ("年", "月", "日", "号", "天", "周", "小时", "分钟", "秒")
_NOT_A_COUNT = _MEASURES + _TIMES
_AGES = ("岁",)  # "60岁以上老人": no count of the things a question counts in another unit ("几个儿童游乐区")
_A_DAY_OF_THE_YEAR = re.compile(r"(?:\d{4}年)?[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}[日号])?")
_PLACE_SUFFIX = re.compile(r"(?:省|市|县|区|村|镇|乡|街道|广场|小区|路|街|园|山|河|湖|地区|馆|站|中心|厅|室|楼|小学|中学|学校|幼儿园|医院)$")
# Posts written right before a name ("总裁郑明伟"), with those ending in 人 ("发言人"); not the word for the post after
# it ("局长职务", "院长助理").
_NAMED_ROLES = POSTS + "|发言人|创始人|主持人|代言人|经办人|责任人|法人"
_ROLE_THEN_NAME = re.compile(rf"(?:{_NAMED_ROLES})：?(?!职务|职位|一职|助理)([\u4e00-\u9fff]{{2,3}}?)"
                             r"(?=说|表示|告诉|介绍|对|在|参加|进行|就|与|等|指出|强调|带队|[，。、；：”\s]|$)")


# A unit of measure as articles also write it: in the other Chinese name, or by its symbol.
_UNIT_FORMS = {"米": ("公尺", "m"), "公尺": ("米", "m"), "厘米": ("公分", "cm"), "公分": ("厘米", "cm"), "毫米": ("mm",),
               "公里": ("千米", "km"), "千米": ("公里", "km"), "公斤": ("千克", "kg"), "千克": ("公斤", "kg"),
               "平方米": ("平方公尺", "m²"), "平方公里": ("平方千米", "km²"), "平方千米": ("平方公里", "km²")}


def term_match(term: str, text: str) -> float:
    """1 if `term` occurs in `text`, with its numerals in the other script or as a unit in another form
    ("厘米" as "cm"); half if a synonym does; for a longer word that does not, half the
    share of its character pairs that do ("联系电话" against "电话：0355…", 联系人), since jieba keeps
    compounds whole. 0 for a post that `text` names only as its deputy's (区长 in "副区长孟明"), and for a figure
    that `text` holds only inside a longer one ("30户" in "5300户", "7路" in "17路")."""
    if term in text and not ((term[0].isdigit() or term[-1].isdigit()) and not _whole_figure(term).search(text)):
        deputy = _deputy_of(term)
        return 0.0 if deputy and text.count(deputy) == text.count(term) else 1.0
    forms, others, pairs, expanded = _matcher(term)
    if any(form in text for form in forms) or (expanded and expanded.search(text)):
        return 1.0
    if any(other in text for other in others):  # "教师王芳说" for 老师: half, as part of a compound
        return 0.5
    return 0.5 * sum(p in text for p in pairs) / len(pairs) if pairs else 0.0


@functools.lru_cache(maxsize=1024)
def _whole_figure(term: str) -> re.Pattern:
    return re.compile(("(?<![\\d.])" if term[0].isdigit() else "") + re.escape(term)
                      + ("(?![\\d.])" if term[-1].isdigit() else ""))


@functools.lru_cache(maxsize=4096)
def _matcher(term: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], re.Pattern | None]:
    """What `term_match` looks for besides the term, read once per term (it runs for every text the
    answer stage measures): its other written forms (a body's full names, 每亩 for 一亩), its synonyms (and a
    bound's words: 不超过 for 最多), its character pairs if it has three characters or more, and the full names it
    may shorten. The synonyms are looked for one by one: compiling them into one pattern took longer than a
    new question's searches with it."""
    return ((*_numeral_forms(term), *_UNIT_FORMS.get(term, ()), *_weekday_forms(term), *BODY_FULL_NAMES.get(term, ()),
             *_per_forms(term)), synonyms(term) + unglued(term) + _bound_forms(term),
            tuple(term[i:i + 2] for i in range(len(term) - 1)) if len(term) >= 3 else (), _expansions(term))


def _per_forms(term: str) -> tuple[str, ...]:
    """"一亩" as news copy writes it of each one: "每亩" ("种一亩冬小麦能领多少补贴" ↔ "每亩补贴150元")."""
    return ("每" + term[1:],) if term.startswith("一") and term[1:] in UNITS else ()


# A bound as rules and notices write it ("最多能交几个月" ↔ "不得超过3个月", "最晚能上到几点" ↔ "不得晚于20:30"); jieba
# glues the bound to the verb after it (最多能, 最多停), so a term that opens with one has these words for it.
_BOUNDS = {"最多": ("不超过", "不得超过", "不能超过", "最高", "至多", "上限"), "最高": ("不超过", "不得超过", "至多", "上限"),
           "最少": ("不少于", "不得少于", "不低于", "最低", "至少"), "最低": ("不少于", "不低于", "不得低于", "至少"),
           "最晚": ("不得晚于", "不晚于", "最迟"), "最迟": ("不得晚于", "不晚于", "最晚"), "最早": ("不得早于", "不早于"),
           "最长": ("不超过", "不得超过")}


def _bound_forms(term: str) -> tuple[str, ...]:
    return next((forms for bound, forms in _BOUNDS.items() if term.startswith(bound)), ())


def _expansions(term: str) -> re.Pattern | None:
    """The full names a shortened name stands for: its characters in their order, each gap up to four
    characters of one name ("二院" for 第二人民医院, "人社局" for 人力资源和社会保障局). Only for a word jieba
    tags as a shortened name (j) and seldom meets (三院; 政协, 人大 and 北大 stand as written), or a noun its
    dictionary does not hold, as people shorten names; not for a word of its own ("开门" is no 开设门诊), a
    person's name (王峰 is not 王海峰), or two characters jieba glued (能装)."""
    # the dictionary's count first: most terms are words it counts often, which need no tagging
    if not 2 <= len(term) <= 4 or word_frequency(term) >= _WRITTEN_SHORT or not ALL_HAN.fullmatch(term) or (
            unglued(term)):
        return None
    tagged = pos_tag(term)
    flag = tagged[0][1]
    if len(tagged) != 1 or flag.startswith("nr") or not (flag == "j" or flag.startswith("n") and not is_word(term)):
        return None
    return re.compile(_NAME_GAP.join(term))


ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
# up to four characters of a name between them, not a date's, a floor's, a grade's or a function word
# ("二〇二三年医院", "二楼住院部", "二级医院" are no 二院)
_NAME_GAP = r"(?:(?![〇一二三四五六七八九十年月日号楼层室级的了与及在是])[\u4e00-\u9fff]){0,4}?"
_WRITTEN_SHORT = 500  # jieba's count for a shortened name that news copy writes as it is


# A dimension asked for ("路有多宽", "宽度是多少"), and the words that name one before a figure (海拔: a height).
DIMENSION_ASKED = re.compile(r"多([宽长高深厚粗])|([宽长高深厚])度")
_DIMENSION_WORDS = {"宽": "宽", "长": "长", "高": "高", "海拔": "高", "深": "深", "厚": "厚", "胸围": "粗", "胸径": "粗",
                    "直径": "粗", "冠直径": "宽", "冠幅": "宽"}  # a tree's crown is its spread, not its girth
# Such a word before its figure or a word leading to it ("高15米", "宽度由", "长约", "最厚处达8米"), not inside
# another word (高速公路56公里, 高铁站, 局长).
_DIMENSION_NAMED = re.compile(rf"({'|'.join(_DIMENSION_WORDS)})(?=[约达为在是由有近超逾度处只均仅不将共都]|$)")  # $: the figure


def of_other_dimension(sentence: str, span: tuple[int, int], analysis: QuestionAnalysis) -> bool:
    """Whether the figure at `span` follows a dimension other than the one asked for (42米 of "长42米、宽12米"
    for 多宽; not 120米 of "主跨120米")."""
    asked = DIMENSION_ASKED.search(analysis.text)
    named = _dimension_before(sentence, span[0])
    return asked is not None and named is not None and named != asked.group(asked.lastindex)


def _dimension_before(sentence: str, start: int) -> str | None:
    """The dimension that the nearest word for one names within eight characters before `start` and after the
    last mark that parts a list or clause ("长42米、宽12米": 宽 for 12米)."""
    before = _list_part_before(sentence, start)
    named = [(m.start(), _DIMENSION_WORDS[m.group(1)]) for m in _DIMENSION_NAMED.finditer(before)]
    return max(named)[1] if named else None


def _names_what_was_measured(sentence: str, start: int, dimension: str, terms: Sequence[str]) -> bool:
    """Whether the figure at `start` follows, in its list part, a word for `dimension` or one of the question's
    terms (of two characters or more) and the words leading to a figure ("主跨约120米")."""
    if _dimension_before(sentence, start) == dimension:
        return True
    part = _list_part_before(sentence, start).rstrip(_LEADS_TO_FIGURE)
    return any(len(term) >= 2 and part.endswith(term) for term in terms)


_LEADS_TO_FIGURE = "约达为有是共近超逾"


def _list_part_before(sentence: str, start: int) -> str:
    """Up to eight characters before `start`, after the last mark that parts a list or clause."""
    return re.split(r"[、，,；;。：:]", sentence[max(0, start - 8):start])[-1]


def _weekday_forms(term: str) -> tuple[str, ...]:
    """The term with its day of the week in the other names ("星期一" → "周一", "礼拜一"; "礼拜天" → "周日"): a
    question need not name it as the article does."""
    day = _WEEKDAY.search(term)
    if not day:
        return ()
    numbers = ("日", "天") if day.group(2) in "日天" else (day.group(2),)
    forms = (term[:day.start()] + name + number + term[day.end():] for name in ("周", "星期", "礼拜") for number in numbers)
    return tuple(form for form in forms if form != term)


@functools.lru_cache(maxsize=4096)
def _deputy_of(term: str) -> str | None:
    """副 + the term, if the term is a post, whose deputy's is another post (区长, 副区长): once per term,
    as term_match runs for every sentence."""
    return "副" + term if _POST_END.search(term) else None


@functools.lru_cache(maxsize=4096)
def _numeral_forms(term: str) -> tuple[str, ...]:
    """The term with its numerals in the other script ("十五处" → "15处", "9" → "九"): news copy
    writes a count either way, and a question need not write it as the article does."""
    if not any(ch.isdigit() or ch in _CN_DIGIT + "十百千万亿两" for ch in term):
        return ()
    import warnings

    import cn2an  # about 0.1 s, once

    # It warns of what it cannot read ("万" alone) and leaves that as it is, which is all we need. Set
    # for each new term, not once: a caller that restores the warning filters (pytest does, per test)
    # drops it.
    warnings.filterwarnings("ignore", category=UserWarning, module="cn2an")
    return tuple({cn2an.transform(term, "cn2an"), cn2an.transform(term, "an2cn")} - {term})


def coverage(terms: Sequence[str], text: str) -> float:
    """IDF-weighted share of the question's key terms that occur in `text` (simplified)."""
    if not terms:
        return 0.0
    weighted, total = _weighted(tuple(terms))
    text = text.lower()
    return sum(weight * term_match(term, text) for term, weight in weighted) / total


@functools.lru_cache(maxsize=1024)
def _weighted(terms: tuple[str, ...]) -> tuple[tuple[tuple[str, float], ...], float]:
    """The terms with their weights, and the weights' sum: a question's terms are weighed once, not
    once for each of the sixty-odd texts its answer stage measures them against."""
    weighted = tuple((t, term_weight(t)) for t in terms)
    return weighted, sum(w for _, w in weighted)


# "一位葡萄牙赛车手": a numeral with a measure word counts what follows; it is no part of a name.
_COUNTED_ONE = re.compile(r"[一两二三四五六七八九十几]+[位个名座家所条种只件项]")


# A numeral written in characters, which may lead a name ("八一广场", "第一中学").
_NUMERAL_WORD = re.compile(rf"第?[{_CN_DIGIT}十百千万亿兆两]+")


def _grows_name(word: str, flag: str, *, persons: bool = False) -> bool:
    """Whether a word can stand at the front of a place or organisation name: nouns, words that set a
    kind apart ("国立/b 中兴大学"), words for where in a town ("城北/s 广场", "城东/s 中学"), and numerals written
    in characters ("八一广场"), a level of government alone ("县/zg 人民/n 医院"), but not Arabic figures ("3个广场"),
    counts ("一位"), other words jieba tags as numerals ("2023/m 年/m 我区"), nor, unless `persons`, person names."""
    if flag.startswith("nr"):
        return persons
    if word == "经":  # "经长治市公安局批准": jieba tags the preposition as a noun
        return False
    return flag.startswith(("n", "j", "b")) or word in _LEVELS_ALONE or flag == "s" and len(word) >= 2 or (
        flag == "m" and _NUMERAL_WORD.fullmatch(word) is not None and not _COUNTED_ONE.fullmatch(word))


# A level of government alone, which jieba may tag as a bare morpheme ("县/zg 人民/n 医院"): it leads the name after it.
_LEVELS_ALONE = frozenset("省市县区镇乡")


# Words that label the name after them ("经举办单位长治市…办事处同意", "主管部门市教育局"): a name begins
# with its place, not with its label.
_LABELS = ("单位", "部门")


def _labels_next(words: list[tuple[int, int, str, str]], i: int) -> bool:
    """Whether word `i` is a label and a place name, so a name, follows it."""
    return words[i][2].endswith(_LABELS) and i + 1 < len(words) and words[i + 1][3].startswith("ns")


def _entity_spans(sentence: str, tag_prefixes: tuple[str, ...], suffix: re.Pattern,
                  stop_words: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of noun phrases that end in `suffix` or are tagged with one of `tag_prefixes`, each
    grown leftwards over the nouns before it ("长治市" "福慧德" "玻璃" "有限公司")."""
    spans, words, pos = [], [], 0
    for word, flag in pos_tag(sentence):
        words.append((pos, pos + len(word), word, flag))
        pos += len(word)
    for i, (s, e, word, flag) in enumerate(words):
        # jieba may cut the suffix itself ("执法/v 队/n"): the word before it completes it.
        ends_in_suffix = suffix.search(word) or (i > 0 and suffix.search(words[i - 1][2] + word))
        if not (ends_in_suffix or flag.startswith(tag_prefixes) and not names_no_thing(word)) or _labels_next(words, i):
            continue
        # The tagger takes rare names in places for persons' ("崇明/nrt 区仙桥/nr 村"): before a place
        # word such as 村 or 区 they belong to the place.
        persons = suffix is _PLACE_SUFFIX and suffix.search(word) is not None
        # A company's brand it takes for a person's name too ("顺达/nrt 物流集团", "康宁/nr 养老/nr 服务/vn 有限公司"),
        # and what the company does is part of its name.
        company = suffix is ORG_SUFFIX and _COMPANY_END.search(word) is not None
        j = i
        # An adjective before one character of a name is the name's too ("幸福/a 苑/nr 小区", "和谐/a 苑/nr 小区"), and
        # so is a place's name the tagger takes for a person's, with or before its 乡, 镇 or 村 ("花桥/nr 乡 代表队",
        # "石桥镇/nr 代表队"), or a road's before its 路, 街 or 巷 ("明珠/nr 路/n 小学").
        while j > 0 and (_grows_name(*words[j - 1][2:],
                                     persons=persons or company or words[j][2] in _TOWN_AND_ROAD_WORDS
                                     or words[j - 1][2].endswith(_TOWN_AND_ROAD_WORDS))
                         or company and words[j - 1][2] in _OFFICE_VERBS
                         or words[j - 1][3] == "a" and len(words[j][2]) == 1 and j < i
                         or _first_character_cut_off(words, j)) \
                and words[j - 1][2] not in stop_words and words[j - 1][2] not in _VERBS_TAGGED_NOUNS \
                and not _labels_next(words, j - 1):
            j -= 1
        if suffix is ORG_SUFFIX and ends_in_suffix:
            j = min(j, _place_led_start(words, i, stop_words, company=company))
        # A lone 区 or 局 names nothing, nor does a bare 公司 or 广场.
        if e - words[j][0] >= 2 and not (j == i and suffix.fullmatch(word)):
            spans.append((words[j][0], e))
    return spans


def _first_character_cut_off(words: list[tuple[int, int, str, str]], j: int) -> bool:
    """Whether word `j` is a town's or a village's name that the tagger cut its first character off ("喜/v 河镇/ns",
    "迎/v 丰镇/ns", "后/f 柳镇/ns"): two characters that end in 镇, 乡 or 村 and that its dictionary seldom counts as a
    word (城镇, 山村 and 全村 are words), after one Chinese character that jieba tags as no preposition, particle,
    pronoun, measure, numeral, conjunction or adverb ("在河镇") and that is no verb of going ("到丰镇", "回河村")."""
    word, flag = words[j][2:]
    before, before_flag = words[j - 1][2:]
    return (len(word) == 2 and word.endswith(_TOWN_WORDS) and flag.startswith("ns") and word_frequency(word) < _SELDOM
            and len(before) == 1 and ALL_HAN.fullmatch(before) is not None and before not in _GOING
            and not before_flag.startswith(_FUNCTION_TAGS))


_SELDOM = 20  # jieba's count under which a word of its dictionary is a name rather than a common word (丰镇 8, 山乡 66)
# what jieba tags words that lead to a name or point at one: prepositions, particles, pronouns, measures, numerals,
# conjunctions, adverbs ("在/p 河镇", "这座/r 城镇", "该/r 村")
_FUNCTION_TAGS = ("p", "u", "r", "q", "m", "c", "d")
_GOING = frozenset("到去来回赴往进入至返驻离抵")
_COMPANY_END = re.compile(r"(?:公司|集团)$")
_TOWN_WORDS = ("乡", "镇", "村")
_TOWN_AND_ROAD_WORDS = _TOWN_WORDS + ("路", "街", "巷")
# Verbs jieba's dictionary tags as nouns, which stand before a name ("委托/n 康宁养老服务有限公司") and are none of it.
_VERBS_TAGGED_NOUNS = frozenset({"委托", "交由", "任命", "中标", "战胜", "险胜", "战平", "力克", "大胜"})
# What an office does, inside its name ("劳动保障监察综合行政执法队"): jieba tags these as verbs.
_OFFICE_VERBS = frozenset("执法 保障 管理 服务 监督 监察 发展 建设 改革 规划 设计 检验 检测 监测 救助 执行 保护 开发 促进 "
                          "研究 推广 审批 登记 征收 调解 指挥 应急 维护 治理 运营 经营".split())


def _place_led_start(words: list[tuple[int, int, str, str]], i: int, stop_words: frozenset[str], *,
                     company: bool = False) -> int:
    """The first word of an organisation name that ends at word `i` and begins with a place name
    ("长治市/ns 潞州区/ns 劳动/vn 保障/v … 执法/v 队/n"), across the verbs that say what the office
    does; `i` itself when no place name leads it within eight words. A `company`'s name may begin with a
    place the tagger takes for a person's name ("石泉/nr 云雾山/ns 文化/n 旅游/vn 开发/v 有限公司")."""
    j = i
    while j > 0 and i - j < 8:
        word, flag = words[j - 1][2:]
        if flag.startswith("ns"):
            while j > 0 and (words[j - 1][3].startswith("ns") or company and words[j - 1][3].startswith("nr")):
                j -= 1
            return j
        if word in stop_words or not (flag.startswith(("n", "j", "b")) or flag == "vn" or word in _OFFICE_VERBS):
            break
        j -= 1
    return i


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names that touch make one name: "老顶山" + "街道关村" → "老顶山街道关村" (kept beside its parts)."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if merged and s <= merged[-1][1] and s >= merged[-1][0]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return sorted(set(spans) | set(merged))


_WORK_TITLE = re.compile(r"《[^《》]*》")


def _in_name(word: str, flag: str) -> bool:
    """Whether a word can be a piece of a transliterated name: not a verb, preposition, conjunction,
    particle, numeral, adverb, time word ("去世/t"), pronoun or punctuation, nor a common noun of two
    or more characters ("作家", "笔名"; one character is a syllable: "约翰·海/n 克特")."""
    return not (flag.startswith(("v", "p", "c", "u", "m", "x", "d", "t", "eng")) or flag == "r"
                or flag == "n" and len(word) > 1)


def _dotted_names(sentence: str) -> list[tuple[int, int]]:
    """Transliterated names whose pieces "·" joins ("伊夫林·比阿特丽斯·霍尔", "汤玛斯·霍尔兹"): the
    tagger knows only some of the pieces as names. A name is a run of words that can be its pieces,
    with a dot inside; the word right after a dot is always one."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, bool]] = []  # (start, end, is a dot)

    def close() -> None:
        while run and run[-1][2]:
            run.pop()
        while run and run[0][2]:
            run.pop(0)
        if any(dot for _, _, dot in run):
            spans.append((run[0][0], run[-1][1]))
        run.clear()

    pos = 0
    for word, flag in pos_tag(sentence):
        if word in ("·", "•") or _in_name(word, flag) or run and run[-1][2]:  # "·比/p 阿特丽斯"
            run.append((pos, pos + len(word), word in ("·", "•")))
        else:
            close()
        pos += len(word)
    close()
    return spans


def typed_spans(sentence: str, answer_type: AnswerType, *, wh_noun: str | None = None) -> list[tuple[int, int]]:
    """Candidate answer spans of the expected type inside `sentence` (offsets into it). A name is not
    grown over the question's own noun ("哪个单位" must not give "单位长治市人社局")."""
    simplified = matchable(sentence)
    if answer_type in SPAN_PATTERNS:
        spans = [m.span() for m in SPAN_PATTERNS[answer_type].finditer(simplified)]
        return [s for s in spans if s[1] > s[0]]
    # A name inside a title ("《山西省社会信用条例》") names the work, not where or who anything is.
    titles = [m.span() for m in _WORK_TITLE.finditer(simplified)]
    return [(s, e) for s, e in _names(simplified, answer_type, wh_noun)
            if not any(ts < s and e < te for ts, te in titles)]


_APPOINTED = re.compile(r"(?:任命|聘任|聘请|提名|推选|选举|推荐|同意)$")


def _names(simplified: str, answer_type: AnswerType, wh_noun: str | None) -> list[tuple[int, int]]:
    """The names of people, organisations or places in a sentence (already `matchable`)."""
    if answer_type is AnswerType.PERSON:
        # jieba's person names, with transliterated ones joined across "·" ("马克·拉瓦卢马纳纳").
        tagged, pos, run, surname_like, singles = [], 0, None, set(), set()
        for word, flag in pos_tag(simplified):
            if len(word) == 1 and flag in _SURNAME_TAGS:
                surname_like.add(pos)
            if len(word) == 1 and flag != "x":
                singles.add(pos)
            if flag.startswith("nr") and not names_no_thing(word) or (run and word in "·•" and run[1] == pos):
                run = (run[0], pos + len(word)) if run and run[1] == pos else (pos, pos + len(word))
            elif run:
                tagged.append(run)
                run = None
            pos += len(word)
        tagged += [run] if run else []
        dotted = _dotted_names(simplified)
        # The tagger takes some bare kinds of place for names ("城东/ns 幼儿园/nr"): no name is one; nor
        # is a word inside a place's name that ends in a word for a place ("师范/nr 南小区", not "田河水泡"),
        # nor one that a body's name goes on from.
        places = [(ps, pe) for ps, pe in _entity_spans(simplified, ("ns",), _PLACE_SUFFIX)
                  if simplified.endswith(_PLACE_WORDS, ps, pe)] if tagged else []
        names = [(s, e) for s, e in tagged if e - s >= 2 and simplified[e - 1] not in "·•"
                 and not (ORG_SUFFIX.fullmatch(simplified[s:e]) or _PLACE_SUFFIX.fullmatch(simplified[s:e]))
                 and not any(ds < e and s < de for ds, de in dotted)
                 and not _BODY_AFTER.match(simplified, e)  # "文三/nr 科技": a body's name
                 and not _PLACE_INSIDE.search(simplified, s + 1, e)  # "崇明/nrt 区仙桥/nr": a place
                 and not any(ps <= s and e <= pe and pe - ps > e - s for ps, pe in places)] + dotted
        # "书记段/q 卫东/nr", "护林员郑/ns 宝山/nr": the tagger may leave a surname out of a two-character given name
        # after a post or a word for people.
        names = [(s - 1, e) if e - s == 2 and s - 1 in surname_like
                 and _POST_AND_SURNAME.search(simplified, max(0, s - 8), s) else (s, e) for s, e in names]
        # "任命孙丽为…局长": the tagger may take the 为 of an appointment into the name
        names = [(s, e - 1) if e - s >= 3 and simplified[e - 1] == "为" and _APPOINTED.search(simplified, 0, s)
                 else (s, e) for s, e in names]
        # "任命郑/ns 海燕/nr 为…": or leave its surname out, as a word of one character after the appointing verb
        names = [(s - 1, e) if e - s == 2 and s - 1 in singles and _APPOINTED.search(simplified, 0, s - 1)
                 else (s, e) for s, e in names]
        return list(dict.fromkeys(names + [m.span(1) for m in _ROLE_THEN_NAME.finditer(simplified)]))
    stop_words = frozenset({wh_noun}) if wh_noun else frozenset()
    if answer_type is AnswerType.ORGANISATION:
        local = [m.span() for m in _LOCAL_OFFICE.finditer(simplified)]
        spans = _joined(_entity_spans(simplified, ("nt",), ORG_SUFFIX, stop_words) + local)
        # jieba's words 经区, 经市 ("经区教育局同意"): the preposition is no part of the name.
        spans = list(dict.fromkeys((s + 1, e) if simplified[s] == "经" and (s + 1, e) in spans else (s, e)
                                   for s, e in spans))
    elif answer_type is AnswerType.PLACE:
        spans = _joined(_entity_spans(simplified, ("ns",), _PLACE_SUFFIX, stop_words) + _placed_small(simplified)
                        + [m.span() for m in _ADDRESS.finditer(simplified)]
                        + [m.span() for m in _CROSSING.finditer(simplified)])
    else:
        return []
    # "与颐高集团签署", "引入的山西康颐养老服务有限公司": a place word that a body's name goes on from (颐高/ns 集团) is
    # that name's, no place.
    return [(s, e) for s, e in spans if not _REFERRING.fullmatch(simplified[s:e])
            and not (answer_type is AnswerType.PLACE and _company_named_on(simplified, e))]


def _company_named_on(simplified: str, end: int) -> bool:
    """Whether a body's name goes on from `end` ("山西/ns 康颐养老服务有限公司"), not a doing and its object ("潞州区
    注册成立了新公司")."""
    named_on = _COMPANY_NAMED_ON.match(simplified, end)
    return named_on is not None and not _FOUNDED.search(named_on.group())


_POST_AND_SURNAME = re.compile(rf"(?:{POSTS}|{PEOPLE})[^\W\d]$")
# what the tagger takes a surname of one character for: a numeral or measure (段, 万), a place (郑), a noun
_SURNAME_TAGS = frozenset({"m", "q", "ns", "nr", "n", "ng", "zg"})
# A character that ends a place's name, inside a "name" the tagger reads (not first: 区 is a surname), or a
# village's at its end ("崇明/nrt 区仙桥/nr", "赤溪村/nr").
_PLACE_INSIDE = re.compile(r"[省市县区]|村$")


# A local office by its short name, "区发改局", "区住建局", "市公安局", "区疾控中心": jieba cuts these
# into pieces no rule joins (区/n 发改/v 局/n). After no other character but 由, 经 or 向 ("由区住建局负责";
# after 在 or 把, 区域 and 区划 begin as often): "我区…局" is no office.
_LOCAL_OFFICE = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[由经向])"
                           r")[区市县][\u4e00-\u9fff]{1,6}?(?:局|中心|委员会|办公室|支队|大队)")
_BODY_AFTER = re.compile(r"集团|公司|有限公司|科技|银行|大学|学院")
# a street address by its number ("府后西街18号", "英雄中路216号院"), which the tagger does not know as a place
# after a preposition, a clause mark or the district, town or 街道 it lies in
_ADDRESS = re.compile(r"(?:(?<=[在于到至、，：])|(?<=街道)|(?<=[^社小园校]区)|(?<=[镇乡县市]))[^\W\d_在于到至的是为]{1,6}?[街路巷]\d+号(?:院|楼)?")
# where two roads cross ("位于太行东街与英雄南路交叉口", "在215国道与太行路交叉口"), one place: each road's name of up to
# five characters, the first after a preposition or verb of place or a mark (not "昨晚英雄路…", "公厕紧邻英雄路…")
_CROSSING = re.compile(r"(?<=[在于到至从沿住邻近经临即为是：，。、；（\s])[^\W_在于到至的是为与和从沿住]{1,5}[街路道巷]与"
                       r"[^\W_在于到至的是为与和]{1,5}?[街路道巷](?:交叉口|交汇处|交界处|十字路口|丁字路口|路口)")
_FOUNDED = re.compile(r"了|注册|成立|设立|创办|组建|开办|新")  # "在潞州区注册成立了新公司": a doing, not a name
# a body's name going on from a place word, over other characters of its name up to 集团 or 公司
_COMPANY_NAMED_ON = re.compile(r"[^\W\d_的在于和与及是为由从到]{0,10}?(?:集团|公司)|" + _BODY_AFTER.pattern)
_NEAR_TO = re.compile(r"(?:紧邻|毗邻|临近|靠近|邻近)$")
# a route's end or start asked ("终点站是哪里", "开往哪里"; "起点在哪", "从哪儿发车"), and both ("从哪儿开到哪儿")
_ROUTE_END_ASKED = re.compile(rf"终点|终到|(?:开|通|修|直达)[往到]?(?:{WHERE_WORDS}|哪)")
_ROUTE_START_ASKED = re.compile(rf"起点|始发|从(?:{WHERE_WORDS}|哪)[^，。？?到至往]{{0,3}}(?:出发|发车|开出|始发|$|[？?])")
_ROUTE_BOTH_ASKED = re.compile(rf"从(?:{WHERE_WORDS}|哪)[^，。？?]{{0,3}}[到至往](?:{WHERE_WORDS}|哪)")
_ROUTE_END_SAID = re.compile(r"(?:终至|终到|至|到|开往|通往|直达|抵达)$")
_ROUTE_START_SAID = re.compile(r"(?:从|自|由|起自)$")


def _route_end_asked(sentence: str, candidates: list[tuple[int, int]], question: str) -> list[tuple[int, int]]:
    """Of the places of a route ("从望江花园公交首末站发车，途经明珠路、兴业大道，终至五里桥地铁站"), the one the question
    asks: its end after 至, 到 or 开往 ("终点站是哪里"), its start after 从 ("起点在哪"), or for both ("从哪儿开到哪儿")
    the stretch from the start to the end ("火车站开往新桥中学"); all of them where none is said so."""
    both = _ROUTE_BOTH_ASKED.search(question) is not None
    asks_end = _ROUTE_END_ASKED.search(question) is not None
    asks_start = _ROUTE_START_ASKED.search(question) is not None
    if not both and asks_end == asks_start:
        return candidates
    ends = [(s, e) for s, e in candidates if _ROUTE_END_SAID.search(sentence, max(0, s - 2), s)]
    starts = [(s, e) for s, e in candidates if _ROUTE_START_SAID.search(sentence, max(0, s - 2), s)]
    if both:
        # the whole name of each end (新桥中学, not the 新桥 inside it)
        return [(start[0], max(e for s, e in ends if s == end[0])) for start in starts[:1] for end in ends
                if start[1] < end[0]][:1] or candidates
    return (ends if asks_end else starts) or candidates


_PLACED_SMALL = re.compile(r"(?<=[于在自到])[\u4e00-\u9fff]{1,3}?[镇乡村]")


def _placed_small(simplified: str) -> list[tuple[int, int]]:
    """Towns and villages placed by 于, 在, 自 or 到, which jieba seldom knows ("出土于黄碾/a 镇/n"): whole
    words of the tagging (not 保存村 of "在保存/v 村落/n"), no dictionary word (农村, 乡镇) and none ending
    in one (新/a 农村, 回到了故乡), and words that can be a name's before the 镇, 乡 or 村 (not 这个/r 村,
    去年底/t 村, 会上/t 镇, 一个/m 村, 隔壁/s 村), not opening on a place's word (周边/f 村)."""
    found = [m.span() for m in _PLACED_SMALL.finditer(simplified) if not is_word(m.group())]
    if not found:
        return []
    tagged = pos_tag(simplified)
    word_at = {at: i for i, at in enumerate(itertools.accumulate((len(word) for word, _ in tagged), initial=0))}
    placed = []
    for s, e in found:
        inside = tagged[word_at[s]:word_at[e]] if s in word_at and e in word_at else ()
        if inside and (len(inside[-1][0]) == 1 or not is_word(inside[-1][0])) and all(
                flag in _NAME_PART_TAGS for _, flag in inside[:-1]) and inside[0][1] not in _NOT_FIRST_TAGS:
            placed.append((s, e))
            # "在马厂镇南宋村": the village after its town, with the town, whatever jieba tags its name (南宋/t)
            village = _VILLAGE_NEXT.match(simplified, e) if simplified[e - 1] in "镇乡" else None
            words = tagged[word_at[e]:word_at[village.end()]] if village and village.end() in word_at else ()
            if words and not is_word(village.group()) and not words[-1][1].startswith("v") and all(
                    flag not in _NOT_IN_VILLAGE_NAME and not (flag.startswith("v") and len(word) == 1)
                    for word, flag in words[:-1]):  # not 驻/v 村 (but 前进/v 村)
                placed.append((s, village.end()))
    return placed


# What jieba may tag the words of a name it does not know as: nouns, adjectives, verbs, places' words
# (黄/a 碾/v 镇, 店/n 上/f 镇, 前进/v 村); not first a place's word (周边/f 村).
_NOT_FIRST_TAGS = frozenset({"f"})
_VILLAGE_NEXT = re.compile(r"[\u4e00-\u9fff]{1,3}?村")
_NOT_IN_VILLAGE_NAME = frozenset({"r", "m", "p", "c", "u", "uj", "d", "f", "q", "x"})  # 这个/r 村, 一个/m 村, 的/uj 村
_NAME_PART_TAGS = frozenset({"n", "ns", "nr", "nrt", "nrfg", "nz", "ng", "nt", "a", "ag", "an", "b", "v", "vg", "vn",
                             "j", "l", "i", "zg", "g", "f"})
# "全区", "各县区", "该村", "当地", "我区": words that refer to a place or body without naming it.
_REFERRING = re.compile(r"[全各本该此当我][省市县区村镇乡地国局部厅委校院]+")


# what ends a clause
_CLAUSE_END = "，。；！？：,;!?:…"
_PLACE_MARKERS = "位于|地处|坐落于|坐落在|座落于|座落在"
_PLACE_MARKER = re.compile(rf"(?:{_PLACE_MARKERS})$")
# what a marker places a thing at: up to a 的, a list's 、, a bracket or the clause's end, whole
_PLACED_BY_MARKER = re.compile(rf"(?:{_PLACE_MARKERS})([^{_CLAUSE_END}、的（(\s]{{2,20}})(?=[{_CLAUSE_END}、的（(\s]|$)")
# where-is questions: nothing asked after the wh-word ("分馆设在什么地方", not "在哪里设立了销售中心")
_ASKS_WHERE_IT_IS = re.compile(rf"(?:在|位于|设在|建在|坐落在|坐落于|地处)(?:{WHERE_WORDS}|哪|什么位置)[？?]?$")
# what ends a place's name or where in it ("…二楼", "…东侧", "…湖畔"): not a rank, a level, a stage or a range,
# which 位于 also places a thing at ("位于全国第十位", "位于行业前列", "位于施工收尾阶段", "位于1200米至1500米之间")
_PLACE_END = re.compile(r"(?:楼|层|室|厅|内|旁|侧|边|处|口|区|路|街|巷|站|馆|中心|院|村|镇|乡|县|市|省|山|畔|岸|麓|部|附近|对面|一带|"
                        r"广场|大厦|园|湾|岛|港|场|所|校|厂)$")


def _placed_unnamed(simplified: str, analysis: QuestionAnalysis, candidate_starts: set[int]) -> list[tuple[int, int]]:
    """For a where-is question, what 位于 (地处, 坐落于) places the thing asked about at, where no other candidate
    starts: right after a question's term ("黄碾镇分馆设在什么地方" on "分馆位于镇综合文化站二楼" → 镇综合文化站二楼, a
    place jieba does not know), and only what ends as a place does (not "质量位于全省中游", "地处偏僻"); nor for
    another thing of the same name ("新院区建在哪里" on "老院区位于…")."""
    if not _ASKS_WHERE_IT_IS.search(analysis.text):
        return []
    terms = [term for term in analysis.terms if len(term) >= 2]
    placed = []
    for marked in _PLACED_BY_MARKER.finditer(simplified):
        start, end = marked.span(1)
        named = next((term for term in terms if simplified.endswith(term, 0, marked.start())), None)
        if (start in candidate_starts or not named or not _PLACE_END.search(marked.group(1))
                or marked.group(1).startswith("同一")):  # "与书店位于同一栋楼的影院": where something else is
            continue
        # what stands before the name in each, where both write something there: 老院区 is not 新院区
        said_before = simplified[:marked.start() - len(named)][-1:]
        asked_before = analysis.text[:analysis.text.find(named)][-1:]
        if not (ALL_HAN.fullmatch(said_before + asked_before) and len(said_before + asked_before) == 2
                and said_before != asked_before):
            placed.append((start, end))
    return placed


# Nouns that "在什么地方" asks with and that name no kind of place, as 哪个镇 does: asked as 哪里.
_ANY_PLACE = ("地方", "位置", "地点", "地址")
# "和X一样，Y也…": X is named only to be compared with the sentence's subject Y, so a question about
# X is not answered by this sentence's words about Y, nor is X the answer to one about Y.
COMPARED = re.compile(r"(?:和|与|同|跟|像)[^，。；、“”]{1,20}?(?:一样|相同|相似|类似)")
# "是老院区280张床位的两倍多": what the sentence's subject is a multiple of (group 1: its name), up to the multiple
_TIMES_OF = re.compile(r"(?:是|为|相当于)([^\d，。；“”]{0,10})[^，。；“”是为]{1,20}?的(?=(?:\d+(?:\.\d+)?|[一二两三四五六七八九十几]+)倍)")


def _marked(sentence: str, start: int, end: int, analysis: QuestionAnalysis) -> float:
    """A bonus for a candidate that is marked as the kind asked for: the counted thing right beside a
    count ("投资机构340余家" for "多少家投资机构"), a place right after 位于, a name ending in the noun
    the question asks about ("哪个村" → "…村"), a name right after the post asked by ("教授陈保禄")."""
    bonus = 0.0
    if analysis.counted:
        before, after = sentence[max(0, start - len(analysis.counted) - 1):start], sentence[end:end + 3]
        # not across a mark: "58支代表队、2600余名运动员" does not count 队 in 名
        next_to = not before.endswith(tuple(_CLAUSE_END + "、"))
        if next_to and analysis.counted in before:
            bonus += 100.0
        elif next_to and analysis.counted[-2:] in before or analysis.counted[:2] in after:
            bonus += 50.0
    if analysis.answer_type is AnswerType.PLACE and _PLACE_MARKER.search(sentence[max(0, start - 3):start]):
        bonus += 50.0
    if analysis.wh_noun and len(analysis.wh_noun) < end - start and sentence[start:end].endswith(analysis.wh_noun):
        bonus += 100.0  # "哪个村" is answered by a name that ends in 村
    post = asked_post(analysis)
    if post and sentence[:start].endswith(post):
        # "谁是教授" is answered by the name written after 教授 ("教授陈保禄"); "常务副区长是谁" by the one
        # after 常务副区长, not the one after a mere 副区长: each more character of the question's that the
        # sentence writes before the post counts.
        asked_end = analysis.text.find(post) + len(post)
        written = len(post)
        while written < asked_end and sentence.endswith(analysis.text[asked_end - written - 1:asked_end], 0, start):
            written += 1
        bonus += 50.0 + 10.0 * (written - len(post))
    return bonus


# A telephone number is asked for by 电话, 热线 or 号码 and is all digits, 7 or more, or an area code and a number; or a
# short hotline that the sentence says to dial ("请拨打96110咨询", "服务热线12345").
_ASKS_PHONE = re.compile(r"电话|热线|号码|手机")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}|\d{7,12}")
_HOTLINE = re.compile(r"\d{3,6}")
_DIALLED = re.compile(r"(?:拨打|致电|打|电话|热线)[：:]?$")
_YEAR = re.compile(r"\d{4}年")
# How long, high, far, heavy or big something is: answered by a figure in a unit of measure.
# how far one goes on foot or wheels ("每天走多少路") asks a length too, not "多少路公交"
_DISTANCE_GONE = r"(?:走|跑|骑|步行|行驶?)了?多少里?路"
_ASKS_MEASURE = re.compile(rf"多[长高远宽深厚粗重大]|面积|长度|高度|宽度|深度|海拔|距离|重量|体重|身高|{_DISTANCE_GONE}")
_LENGTH_UNITS = r"(?<![平立]方)米|公里|千米|厘米|毫米|公分|公尺|英尺|英寸|英里|海里|km|cm|mm|m"  # not 平方米
_WEIGHT_UNITS = r"吨|公斤|千克|克|公克|斤|kg"
_MEASURED = re.compile(rf"(?i:{_LENGTH_UNITS}|{_WEIGHT_UNITS}|米|亩|公顷|英亩|岁|km²|m²|瓦|瓦时|wh?)$")  # 多大: power too
# How heavy, and how long, high, far, wide, deep or thick: a figure in a unit of that kind ("青铜鼎有多重" is not
# answered by its "高58厘米"). 多大 and 面积 take any measure (an area, an age, a power).
_MEASURE_KINDS = ((re.compile(r"多重|多沉|重量|体重"), re.compile(rf"(?i:{_WEIGHT_UNITS})$")),
                  (re.compile(rf"多[长高远宽深厚粗]|长度|高度|宽度|深度|海拔|距离|身高|{_DISTANCE_GONE}"),
                   re.compile(rf"(?i:{_LENGTH_UNITS})$")))
# The hour is asked by 几点 and answered only by a time of day.
_ASKS_HOUR = re.compile(HOUR_CUE)
_ASKS_HOW_OFTEN = re.compile(r"(?:多久|多长时间|几天|几个月)[^？?]{0,8}一[趟次回]")
# "几号复工", "哪天开始": a day, which a date names by 日 or 号 (or a weekday).
_ASKS_DAY = re.compile(r"几号|哪一?天|哪日|几月几")
# "每周几复查": a day of the week, in any of its names.
_ASKS_WEEKDAY = re.compile(WEEKDAY_ASKED)
_WEEKDAY = re.compile(r"(周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY_IN_BRACKETS = re.compile(rf"[（(]({_WEEKDAY_NAMED})[)）]")
_DAY_NAMED = re.compile(r"[日号]|星期|周[一二三四五六日天]|今天|昨天|明天|当天")
# Which year (哪年, 哪一年, 什么年份) is answered by a date that names a year, a decade or a century.
_ASKS_YEAR = re.compile(r"哪一?年|几几年|什么年份|哪个年份")
_YEAR_NAMED = re.compile(r"年|世纪")
_ASKS_REPORTER = re.compile(r"记者|通讯员|报道|采写|撰稿")
ASKS_SPEAKER = re.compile(r"说|表示|介绍|告诉|谈|称|讲|指出|提到|透露|采访")
# "区人社局局长王建军介绍，…": the name of who speaks, before what is said.
# Not "…介绍，他从…": there the speaker did it.
_SPEAKS_NEXT = re.compile(r"(?:说|表示|介绍|指出|透露|告诉记者)[，,：:](?![他她我])")
# Questions about what someone said, in its own words ("谁建议增设停车场").
_ASKS_WHAT_WAS_SAID = re.compile(rf"{ASKS_SPEAKER.pattern}|建议|希望|要求|提醒|强调|呼吁|认为|感谢|表态|提出")
_HOUR_ENDING = re.compile(rf"{_TIME_OF_DAY}(?:(?:至|到|-|~|～){_TIME_OF_DAY})?$")
# Verbs of opening or starting, and of closing or ending, after an hour in a question ("几点开门", "几点关门") or in a
# sentence ("6时开园，22时闭园").
_OPENING = "开|起|营业|上班|出摊|发车|供应|接待"
_CLOSING = "关|闭|结束|收|下班|打烊|截止|停|散"
# An hour asked as when something opens or starts ("几点开门", "从几点开始") or closes or ends ("几点关门", "开到几点").
_START_ASKED = re.compile(rf"从{HOUR_CUE}|{HOUR_CUE}(?:就|才|能)?(?:{_OPENING}|放(?!学|假))")
_END_ASKED = re.compile(rf"[到至]{HOUR_CUE}|{HOUR_CUE}(?:就|才|能)?(?:{_CLOSING})")
_RANGE_MARKS = "至|到|-|－|—|~|～"  # between the two ends of a range
# A day asked as when something ends or starts, and the words that say so of a date: before it ("至", "截止日期为") or
# after it ("止", "起")
_DAY_CUE = re.compile(r"哪一?天|什么时候|什么时间|几号|何时|几月几[日号]")
_DAY_END_ASKED = re.compile(rf"[到至](?:{_DAY_CUE.pattern})|(?:{_DAY_CUE.pattern})(?:就|才)?(?:结束|截止|为止|止|到期|闭幕)"
                            r"|截[止至]")
_DAY_START_ASKED = re.compile(rf"从(?:{_DAY_CUE.pattern})|(?:{_DAY_CUE.pattern})(?:就|才)?(?:开始|启动|起)")
_END_BEFORE_DAY = re.compile(r"(?:至|到|截止|截至)(?:日期|时间)?[为是：:]?$")
_END_AFTER_DAY = re.compile(r"止|结束|截止|到期")
_START_BEFORE_DAY = re.compile(r"从|自")
_START_AFTER_DAY = re.compile(r"起|开始|启动")
_RANGE_IN_DATE = re.compile(rf"(?:{_RANGE_MARKS})(?=(?:\d{{4}}年)?\d{{1,2}}[月日号])")
_HOURS_GLUE = rf"(?:{_RANGE_MARKS})"
_TWO_HOURS = re.compile(rf"({_TIME_OF_DAY}){_HOURS_GLUE}({_TIME_OF_DAY})")
_AFTER_GLUE = re.compile(rf"{_HOURS_GLUE}$")
# the parts of the day a question may name an hour by, each with its other words
_DAY_PARTS = (("早上", "早晨", "清晨", "上午"), ("中午", "正午"), ("下午",), ("晚上", "傍晚", "夜间", "夜里", "晚间"))
_CLOCK_HOUR = re.compile(r"(\d{1,2})(?::\d{2}|时|点)")


def _day_part_asked(question: str) -> tuple[str, ...] | None:
    """The words of the part of the day the question names ("下午几点关门" → ("下午",)), or None."""
    return next((words for words in _DAY_PARTS if any(word in question for word in words)), None)


def _part_of_day(hour: int) -> int:
    """The index in `_DAY_PARTS` of the part of the day an hour of a 24-hour clock opens in: 12 noon, 13 to 17 the
    afternoon, 18 on the evening, before 12 the morning."""
    return 1 if hour == 12 else 2 if 13 <= hour <= 17 else 3 if hour >= 18 else 0


_END_SAID = re.compile(rf"\s*(?:{_CLOSING})")
# The last hour to go in ("最晚几点能进", "几点以后不让进"), which a notice gives apart from the closing hour: "20时停止入园",
# "最晚入园时间为21:30".
_LAST_ENTRY_ASKED = re.compile(rf"最晚{HOUR_CUE}?.{{0,3}}[进入]|{HOUR_CUE}(?:以后|之后|后)?就?(?:不能|不让|不再|停止)[进入]")
_LAST_ENTRY_AFTER = re.compile(r"\s*(?:停止|不再)(?:入园|入场|进入|进馆|入馆|进场|售票|检票)")
_LAST_ENTRY_BEFORE = re.compile(r"最晚(?:入园|入场|进入|进馆|入馆|进场)(?:时间)?[为是：:]?$")
_START_SAID = re.compile(rf"\s*(?:{_HOURS_GLUE}|{_OPENING})")
# A question asking for several ("哪些地区", "哪几个村", "分别") is answered by the whole list.
# "都卖到哪儿去了": all the places (not the 都 of 成都, 首都)
_PLURAL = re.compile(r"哪些|哪几|哪[两三四五]|分别|都有|(?<![成首京古国陪商迁建定])都[\u4e00-\u9fff]{0,4}(?:哪|谁)")
_LIST_GLUE = re.compile(r"、|和|及|与|以及|或")
_HOURS_LIST_GLUE = re.compile(r"、|和|及|以及")
# Between names listed together, also a word for "every" or "the relevant" ("、各级医疗机构").
_NAMES_GLUE = re.compile(r"(?:、|和|及|与|以及)(?:各级|各|有关|相关)?")
# "1984年10月7日至1985年9月29日", "20至30米": a range answers when-and-how-much as a whole.
# "200元以上3000元以下": the two bounds of a fine are a range too (its 以下 is added after the run)
_RANGE_GLUE = re.compile(rf"{_RANGE_MARKS}|以上")
_RANGE_TYPES = frozenset({AnswerType.DATE, AnswerType.NUMBER, AnswerType.AMOUNT, AnswerType.DURATION, AnswerType.PERCENT})


def _past_bound(sentence: str, start: int, end: int) -> int:
    """Where the figure of a span begins, past a bound that opens it: "利率不得高于4.35%" is no nearer to 利率, nor
    beside it, than "4.35%" was before the bound was kept with its figure."""
    bound = _LEADING_BOUND.match(sentence, start, end)
    return bound.end() if bound else start


def _phase_asked(question: str, end_asked: re.Pattern = _END_ASKED, start_asked: re.Pattern = _START_ASKED,
                 cue: re.Pattern = _ASKS_HOUR) -> bool | None:
    """True for an hour asked as when something closes or ends ("几点关门", "开到几点"), False as when it opens or starts
    ("几点开门", "从几点开始"), None for neither, for both ("几点开始、几点收摊") and for a range ("几点到几点"); so too
    for a day, with the day's patterns ("到哪天结束", "从哪天开始")."""
    asks_end = end_asked.search(question) is not None
    asks_start = start_asked.search(question) is not None
    return asks_end if asks_end != asks_start and len(cue.findall(question)) == 1 else None


def _hours_asked(sentence: str, spans: list[tuple[int, int]], question: str) -> list[tuple[int, int]]:
    """Of the hours and ranges of hours `spans`, those of the part of the day the question names, by the hour that opens
    them ("下午几点关门" on "上午8时至12时、下午2时30分至6时"), and of those, the ranges and the hours that tell when
    something opens or starts, or closes or ends, as the question asks (`_phase_asked`): for "几点关门" not the 6时 of
    "公园每天6时开园，22时闭园", nor the first hour of a range; an hour after 至 or 到 ("延时服务至晚上19:00") or before
    a verb of closing closes; the last hour to go in is the one a notice gives as such (`_LAST_ENTRY_ASKED`). Each step
    keeps what it had where no span fits. The range chosen is cut to the hour
    asked afterwards (`choose_span`): where a range stands tells better than where one of its hours does."""
    ranges = {span for span in spans if _TWO_HOURS.fullmatch(sentence, *span)}
    singles = sorted(set(spans) - ranges)
    opening = {span: span[0] for span in ranges}
    for before, hour in zip([None, *singles], singles):
        joined = before is not None and re.fullmatch(_HOURS_GLUE, sentence[before[1]:hour[0]])
        opening[hour] = opening[before] if joined else hour[0]
    kept = spans
    if part := _day_part_asked(question):
        said = re.compile(rf"(?:每天|每日)?(?:{'|'.join(part)})")
        # by the word for the part or, where none is said, by a 24-hour clock ("14:30至17:00" is the afternoon's)
        kept = [span for span in kept if said.match(sentence, opening[span])] or [
            span for span in kept if (hour := _CLOCK_HOUR.match(sentence, opening[span]))
            and _DAY_PARTS.index(part) == _part_of_day(int(hour.group(1)))] or kept
    if _LAST_ENTRY_ASKED.search(question):
        kept = [(s, e) for s, e in kept if _LAST_ENTRY_AFTER.match(sentence, e)
                or _LAST_ENTRY_BEFORE.search(sentence, max(0, s - 10), s)] or kept
    elif (asks_end := _phase_asked(question)) is not None:
        kept = [(s, e) for s, e in kept if (s, e) in ranges or (
            _AFTER_GLUE.search(sentence, 0, s) is not None or _END_SAID.match(sentence, e) is not None) == asks_end
                and (asks_end or _START_SAID.match(sentence, e))] or kept
    return kept


def _days_of_phase(sentence: str, spans: list[tuple[int, int]], asks_end: bool) -> list[tuple[int, int]]:
    """Of the dates `spans`, those the sentence says something ends on ("至5月31日止", "截止日期为12月25日") or starts
    on ("从1月1日起"), as asked, and the end or start of each range in one span ("1月20日至3月15日"). Keeps `spans` where
    neither is."""
    marked = [(s, e) for s, e in spans if (
        _END_BEFORE_DAY.search(sentence, max(0, s - 8), s) or _END_AFTER_DAY.match(sentence, e) if asks_end
        else _START_BEFORE_DAY.search(sentence, max(0, s - 2), s) or _START_AFTER_DAY.match(sentence, e))]
    ranges = [(glue.end(), e) if asks_end else (s, glue.start())
              for s, e in spans if (glue := _RANGE_IN_DATE.search(sentence, s, e))]
    return marked + ranges or spans


def _joined_by(glue: re.Pattern, spans: list[tuple[int, int]], sentence: str) -> list[tuple[int, int]]:
    """`spans` and the runs of them with only `glue` between ("俄罗斯、日本、朝鲜以及中国" → one span)."""
    unique = set(spans)
    widest = sorted(x for x in unique if not any(a <= x[0] and x[1] <= b and (a, b) != x for a, b in unique))
    runs: list[tuple[int, int]] = []
    for s, e in widest:
        if runs and s >= runs[-1][1] and glue.fullmatch(sentence[runs[-1][1]:s]):
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return sorted(unique | set(runs))


def _occurrences(term: str, text: str, *, overlapping: bool = False) -> Iterator[int]:
    """Where `term` starts in `text`, not overlapping (re.finditer's matches) or, if `overlapping`, every
    place it starts (each place where re.search finds a pattern that opens with it); without compiling a
    pattern for every new term (which also fills re's cache and pushes its fixed patterns out)."""
    at = text.find(term)
    while at >= 0 and term:
        yield at
        at = text.find(term, at + (1 if overlapping else len(term)))


def each_has(sentence: str, span: tuple[int, int] | None) -> bool:
    """Whether the figure at `span` is what each of several things has, as its clause says before it ("每个书房藏书
    3000册"); not a sum, which is often given per person ("挂号费每人次12元", "低保标准每人每年7200元")."""
    if not span or sentence.endswith("元", 0, span[1]):
        return False
    return _PER_ITEM.search(sentence, _clause_start(sentence, span[0]), span[0]) is not None


_PER_ITEM = re.compile(r"每(?:个|家|户|人|名|所|座|位|间|台|辆|亩|处)|人均|户均")


def of_the_list_it_is_in(sentence: str, span: tuple[int, int] | None, analysis: QuestionAnalysis) -> bool:
    """Whether the figure at `span` is told of a whole list that a term of the question is only an item of, after its
    end in that clause or the next: "和平医院派了几名专家" on "来自长治市人民医院、和平医院、…3家三甲医院的18名专家",
    "玉皇观修缮要花多少钱" on "…，分别是故县村玉皇观、东天河村舞楼和关村炎帝庙，计划总投资420万元". Not where the
    question names another item too, where the figure is each one's ("两村各投资50万元"), or the term is named
    again closer to it ("…共1200户，其中东村300户"); nor where the items are figures of several things ("设置补给站
    12个、医疗点20个"), nor where the figure is in the next clause and not said to be a sum (共, 总…: "…下设A、B等七大
    专业公司，在全国布局了200余个产业园区"), nor where the item names the figure ("横跨浣江两岸、总面积为1.44平方公里"). Not
    for a question that counts the things it asks of ("这3个小区一共涉及多少户")."""
    if span is None or _COUNT_IN_LIST.search(analysis.text):  # "这3个小区一共…"
        return False
    terms = analysis.terms
    for term in _named_things(analysis):
        at = sentence.rfind(term, 0, span[0])
        if at < 0:
            continue
        # an item: a 、 beside it within its item, not a subject before its list ("东关社区辖东关街、府后街…")
        beside = _ITEM_BEFORE.search(sentence, 0, at) or _ITEM_AFTER.match(sentence, at + len(term))
        if not beside or any(flag == "v" for _, flag in pos_tag(beside.group().strip("、"))):
            continue
        start, end = _whole_list(sentence, (at, at + len(term)))
        counted = _COUNT_IN_LIST.search(sentence, at + len(term), end)  # "…3家三甲医院的18名专家": to its count
        end = counted.start() if counted else end
        # a list by its 、 (和 may be a name's: 和平小区), not counted by the figure asked ("几大专业公司" on "…等七大专业公司")
        listed = "、" in sentence[start:at] or "、" in sentence[at + len(term):end]
        counts_it = sentence[end:span[0]] in ("", "等", "等等") and any(
            sentence.startswith(t, span[1]) for t in terms if len(t) >= 2)
        # the last item names the figure itself ("横跨浣江两岸、总面积为1.44平方公里"): no other item nor the list's count
        # stands between
        names_it = "、" not in sentence[at:span[0]] and not _COUNT_IN_LIST.search(sentence, at + len(term), span[0])
        if (not listed or counts_it or names_it or end > span[0] or _COUNT_IN_LIST.search(sentence, start, at)
                or _PER_ITEM_AFTER.search(sentence, end, span[0])):
            continue
        others = [item for item in _LIST_GLUE.split(sentence[start:end]) if term not in item]
        figure_clause = _clause_start(sentence, span[0])
        named_too = any(t in item for item in others for t in terms if len(t) >= 2)
        if not named_too and (figure_clause <= end or figure_clause == _clause_end(sentence, end) + 1
                              and _SUM.search(sentence, figure_clause, span[0])):
            return True
    return False


def _named_things(analysis: QuestionAnalysis) -> list[str]:
    """The things a question names, each whole: its noun terms, those that stand together joined with a character after
    them ("东关社区", not the 东关 of 东关街; "故县村玉皇观"), of two characters or more."""
    things: list[str] = []
    at = -1
    for term in analysis.terms:
        found = analysis.text.find(term, max(at, 0))
        flag = pos_tag(term)[-1][1]
        noun = flag[:1] in ("n", "j") or len(term) == 1 and flag not in _NOT_A_NAME_S_END
        if noun and things and found == at and things[-1]:
            things[-1] += term
        else:
            things.append(term if noun else "")
        at = found + len(term) if found >= 0 else at
    return [thing for thing in things if len(thing) >= 2]


_NOT_A_NAME_S_END = frozenset({"v", "q", "p", "d", "m", "r", "u", "c", "uj", "ul", "y"})  # 派, 亩, 在, 都…
_PER_ITEM_AFTER = re.compile(r"各|每|均|分别")
_ITEM_BEFORE = re.compile(r"、[^，。；、\d]{0,8}$")
_ITEM_AFTER = re.compile(r"[^，。；、\d]{0,8}?、")
_SUM = re.compile(r"共|总|合计|累计")


def _counts_a_noun_after(sentence: str, end: int) -> bool:
    """Whether the figure ending at `end` counts the noun right after it ("8个班", "300余个品种")."""
    after = sentence[end:end + 6]
    return bool(after) and "\u4e00" <= after[0] <= "\u9fff" and pos_tag(after)[0][1].startswith("n")


def counts_in(unit: str | None, sentence: str, span: tuple[int, int]) -> bool:
    """Whether the figure at `span` counts in `unit`, the measure word a question asks for, in any of
    its forms (people in 人 or 名: "多少人" → "队员126名"): the unit ends the span ("340余家", "2cm" for
    厘米) or follows it directly. Never for the all-purpose 个: "多少个投资机构" is answered by "投资机构
    340余家", not by another count in 个."""
    ranked = sentence.startswith("第", span[0]) or sentence.endswith("第", 0, span[0])  # "获得第3名" is no count
    forms = (unit, *_UNIT_FORMS.get(unit, ()), *(() if ranked else _COUNTED_ALIKE.get(unit, ())))
    if unit == "辆" and "车" in sentence[max(0, span[0] - 2):span[0]]:
        forms += ("台",)  # "公交车12台": vehicles in 台, which counts machines too ("机械设备86台")
    if unit == "岁" and _AGE_NAMED.search(sentence, max(0, span[0] - 3), span[0]):
        forms += ("年",)  # "多少岁了" of a tree or a building: "树龄约1300年"
    if unit == "辆" and (sentence.endswith(_PARKING_SPACES, 0, span[0]) or sentence.startswith(
            tuple("个" + word for word in _PARKING_SPACES), span[1] - 1)):
        forms += ("个",)  # "能停多少辆车" is told in parking spaces: "停车位260个", "建成360个停车位"
    return bool(unit) and unit != "个" and any(form in sentence[span[0]:span[1] + len(form)] for form in forms)


_PARKING_SPACES = ("车位", "泊位")
_AGE_NAMED = re.compile(r"[树桥楼房馆校厂车]龄[约近超逾达已为有]?")  # a thing's age in 年; not 教龄 or 工龄
# Not 位, which a report writes of people met ("20多位老人围坐在餐桌前"), seldom of a count asked in 人.
_COUNTED_ALIKE = {"人": ("名",), "名": ("人",), "台": ("辆",), "棵": ("株",), "株": ("棵",), "天": ("工作日",),
                  "本": ("册",), "册": ("本",), "件": ("起",), "起": ("件",),  # books; cases ("案件12起")
                  "栋": ("幢", "座"), "幢": ("栋", "座"), "座": ("栋", "幢"),  # buildings
                  "个小时": ("小时",), "个钟头": ("小时",), "度": ("℃", "摄氏度"),
                  "个月": ("年", "天", "周")}  # "几个月" is answered by 半年 or 90天 too (not 月 alone: "5月" is a date)


def counts_what_was_asked(sentence: str, span: tuple[int, int], counted: str) -> bool:
    """Whether the figure at `span` answers "多少个X": counted in 个, or in another measure word with X (its
    last word) beside it ("投资机构340余家", "小区达到了12处", "30余家…企业"); "涉及住户36户" counts
    households, not 小区."""
    if sentence[span[0]:span[1]].endswith("个") or sentence.startswith("个", span[1]):
        return True
    head = pos_tag(counted)[-1][0]
    before = sentence[max(0, span[0] - len(head) - _TOTAL_WORDS):span[0]]
    after = sentence[span[1]:min(_clause_end(sentence, span[1]), span[1] + _COUNTED_REACH)]
    return head in before or head in after


_TOTAL_WORDS = 3  # characters between the noun and its figure: 共计, 达到了
_COUNTED_REACH = 10  # characters after a figure that its noun may stand within ("30余家特色休闲旅游企业")


def _body_and_post(words: str) -> bool:
    """Whether `words` are the rest of a body's name and a post ("谷物种植专业合作社理事长"), not what a
    person does to another ("陪同市委书记", "会见了省图书馆馆长") nor a conjunction ("与颐高集团总裁")."""
    post = _POST_AFTER_BODY.fullmatch(words)
    if not post:
        return False
    body = post.group(1)
    first, flag = pos_tag(body)[0]
    # "种植专业合作社" may open on a verb; "今天会见…" opens on when, "陪同…" on what one person does with another
    # (jieba tags 会见 a noun: Cilin knows it only as a doing)
    return not (_WITH_ANOTHER.match(body) or flag.startswith(("p", "c", "d", "u", "r", "t"))
                or flag == "n" and names_no_thing(first)) and (
        "了" not in body and (ORG_SUFFIX.search(body) is not None or body.endswith(("合作社", "社", "会", "馆"))))


_WITH_ANOTHER = re.compile(r"陪同|带领|率领|会见|会同|看望|慰问|接见|拜访|邀请|协助|配合|联合|与|和|同|跟|向|对|为|给")
_POST_AFTER_BODY = re.compile(rf"([\u4e00-\u9fff]{{2,}}?)(?:{_NAMED_ROLES})")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _clauses_of_given_figures(sentence: str, question: str) -> set[int]:
    """Where the clauses start that hold a figure the question gives, in its unit, when another clause
    holds another figure in that unit: of "60岁以上老人每月补贴100元，70岁以上老人每月补贴200元", the second for
    "70多岁的老人能补贴多少". Not a figure the whole sentence is of ("2023年我区拟改造老旧小区60个，…，建筑面积
    38.72万平方米" for "2023年…建筑面积有多少"): no other year stands beside it but one compared with."""
    starts = set()
    for given in _GIVEN_FIGURE.finditer(question):
        figure, unit = given.group(1), given.group(2)
        # not a figure compared with ("…总产量达到23万吨，比2021年增产1.2万吨", "分别是2019年的1.5倍")
        said = [(m.start(), m.group(1) == figure)
                for m in re.finditer(rf"(?<![\d.])(\d+(?:\.\d+)?){re.escape(unit)}", sentence)
                if not sentence.endswith(_COMPARED_WITH, 0, m.start())]
        if any(not same for _, same in said):
            starts |= {_clause_start(sentence, at) for at, same in said if same}
    return starts


_COMPARED_WITH = ("比", "较", "是", "于", "同")
_YEARS = r"去年|前年|上年|\d{4}年"
_YEAR_WORD = re.compile(f"({_YEARS})")
# a year named to compare with ("与去年同期相比…增加了多少", "比去年高多少")
YEAR_COMPARED_AFTER = re.compile(rf"(?<=[比较与同])(?:{_YEARS})度?(?:同期)?")
# a change asked for ("比去年同期增加了多少件"), and said before its figure ("…的312件增加74件")
_CHANGE_ASKED = re.compile(r"(?:增加|增长|提高|上升|下降|减少|降低|多|少|高|低)了?(?:多少|几)")
_CHANGE_SAID = re.compile(r"(?:增加|增长|提高|上升|下降|减少|降低|多|少)了?(?:达|近|约)?$")
# a figure of the year compared with, right after it: "比去年同期的1130件", "较2021年的86%", "比2023年度的350元",
# "去年同期为42.1亿元"
COMPARED_BY_YEAR = re.compile(rf"(?:(?:比|较)({_YEARS})度?(?:同期)?的?|(?<![今本])({_YEARS})度?同期(?:为|是))$")


def _year_compared(sentence: str, at: int, word: str) -> str:
    """The year a comparison at `at` names (`word`, as written), but 上年 as 去年, or, in a sentence that names a year
    before it, as the year before that one ("2023年，…比上年的50.1万吨": 2022年)."""
    if word != "上年":
        return word
    named = re.findall(r"(\d{4})年", sentence[:at])
    return f"{int(named[-1]) - 1}年" if named else "去年"


# A figure in a question with the unit it is in ("70多岁" → 70, 岁); not the end of a range ("1至2月": a time, no row).
_GIVEN_FIGURE = re.compile(r"(?<![\d.至到~-])(\d+(?:\.\d+)?)[多余来]?([\u4e00-\u9fff])")


def _figure_asked_with(span: str, question: str) -> bool:
    """Whether the question says the figure with its unit, only rounded: "80岁" (of "80岁以上老人每份补贴5元")
    in "80多岁的老人能便宜多少"."""
    figure = _FIGURE.match(span)
    if not figure or figure.end() == len(span):
        return False
    rounded = [figure.group() + about + span[figure.end():] for about in "多余来"]
    # found with str.find, as a pattern made for each figure would be compiled anew for each new question
    return any(at == 0 or not (question[at - 1].isdecimal() or question[at - 1] == ".")
               for form in rounded for at in _occurrences(form, question, overlapping=True))


# What is left or not yet done ("还剩", "剩余", "尚未", "仍有…未").
_LEFT = re.compile(r"(?<!过)剩|尚未|尚有|仍有|还有[^，。；？]{0,8}(?:没|未)")
# A question's term in the candidate's own clause ties it to the candidate twice as much: of "午餐时间为11时至13时，
# 晚餐时间为17时至18时30分", 晚餐 marks the second figure for "晚饭几点开始".
_IN_OWN_CLAUSE = 2.0


def choose_span(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """The candidate span nearest the question's terms (anchors count thrice), skipping anything
    the question itself says (also a figure it gives rounded, "80多岁" → 80岁) and keeping to the row of a
    figure it gives (`_clauses_of_given_figures`); None when the sentence has no candidate of the expected
    type."""
    simplified = matchable(sentence)
    asked_after_verb = _AFTER_VERB_ASKED.get(analysis.answer_type)
    if asked_after_verb and (after := _after_asked_verb(simplified, asked_after_verb.search(analysis.text))):
        return after
    candidates = [(s, e) for s, e in typed_spans(sentence, analysis.answer_type, wh_noun=analysis.wh_noun)
                  if simplified[s:e] not in analysis.text and not _figure_asked_with(simplified[s:e], analysis.text)]
    if by := _done_by(simplified, analysis):
        # "防汛演练是哪个单位主办的" on "由区防汛抗旱指挥部主办，区应急管理局、区水务局承办": who did what was asked,
        # a name the tagger knows inside it or, for a body, all of it (the tagger cuts 明珠路/小学)
        inside = [(s, e) for s, e in candidates if by[0] <= s and e <= by[1]]
        if analysis.answer_type is AnswerType.ORGANISATION or not inside:
            return by
        candidates = inside
    if analysis.answer_type is AnswerType.PLACE:
        candidates += _placed_unnamed(simplified, analysis, {s for s, _ in candidates})
        # "紧邻社区党群服务中心": a place the thing is only near is given with the word that says so
        candidates = [(near.start(), e) if (near := _NEAR_TO.search(simplified, max(0, s - 2), s)) else (s, e)
                      for s, e in candidates]
        candidates = _route_end_asked(simplified, candidates, analysis.text)
    if analysis.answer_type is AnswerType.ORGANISATION and (kind := _KIND_OF_BODY.search(analysis.wh_noun or "")):
        # "哪家建筑公司盖的" is not answered by "县人民医院", a body of another kind (a company may be a 集团)
        names_of_kind = _NAMES_OF_KIND.get(kind.group(), (kind.group(),))
        candidates = [(s, e) for s, e in candidates if simplified[s:e].endswith(names_of_kind)]
    given_clauses = _clauses_of_given_figures(simplified, analysis.text)
    candidates = [(s, e) for s, e in candidates if _clause_start(simplified, s) in given_clauses] or candidates
    candidates = _in_the_row_asked(simplified, candidates, analysis)
    if analysis.answer_type is AnswerType.DATE and _ASKS_HOUR.search(analysis.text) and (
            day := _WEEKDAY.search(analysis.text)):
        # "周六下午门诊看到几点" on "周一至周五门诊时间为…，周六、周日为8:00至12:00、14:30至17:00": the hours of the clause
        # naming the day asked, where one does
        candidates = [(s, e) for s, e in candidates if day.group(2) in {
            found.group(2) for found in _WEEKDAY.finditer(simplified, _clause_start(simplified, s), e)}] or candidates
    if (analysis.answer_type is AnswerType.DATE and not _ASKS_HOUR.search(analysis.text) and (asks_end := _phase_asked(
            analysis.text, _DAY_END_ASKED, _DAY_START_ASKED, _DAY_CUE)) is not None):
        candidates = _days_of_phase(simplified, candidates, asks_end)  # what the question says of the day, first
    candidates = _in_the_clause_asked(simplified, candidates, analysis)
    # "去年同期执结了多少件" on "共执结案件1486件，比去年同期的1130件增加356件": the figure the year asked is compared by,
    # in the unit asked (not the 96.8% of "…共抽检1286批次，…合格率97.9%，比去年同期的96.8%提高" for 多少批次)
    uncompared = YEAR_COMPARED_AFTER.sub("", analysis.text)
    if asked_years := {"去年" if year == "上年" else year for year in _YEAR_WORD.findall(uncompared)}:
        candidates = [(s, e) for s, e in candidates if (by := COMPARED_BY_YEAR.search(simplified[max(s - 12, 0):s]))
                      and _year_compared(simplified, s, by.group(1) or by.group(2)) in asked_years
                      and (analysis.unit is None or analysis.unit in simplified[s:e])] or candidates
    # a change asked against a year ("比去年同期增加了多少件"): the figure after the word for it, not the year's
    if uncompared != analysis.text and _CHANGE_ASKED.search(analysis.text):
        candidates = [(s, e) for s, e in candidates if _CHANGE_SAID.search(simplified, max(s - 6, 0), s)] or candidates
    if analysis.answer_type is AnswerType.NUMBER and _ASKS_PHONE.search(analysis.text):
        candidates = [(s, e) for s, e in candidates if _PHONE.fullmatch(simplified[s:e]) or (  # not "〔2020〕5号"
            _HOTLINE.fullmatch(simplified[s:e]) and _DIALLED.search(simplified, max(0, s - 4), s))]
    if analysis.answer_type is AnswerType.NUMBER:
        # "是一所农村公立幼儿园": 一 with a measure word is the article "a", no count, unless the
        # question counts in that measure word ("有几所学校") and, if it says what it counts, that
        # follows ("多少个孩子" is not answered by "打造一个全新的环境"); "始建于1990年" is a year.
        candidates = [(s, e) for s, e in candidates
                      if not (simplified[s] == "一" and e - s == 2 and (
                          simplified[s + 1] != analysis.unit
                          or analysis.counted and analysis.counted not in simplified[e:e + 8]))
                      and not _YEAR.fullmatch(simplified[s:e])]
        # "第20个“世界献血者日”" ranks, it counts nothing: no answer to "多少", only to "第几" or "排名多少".
        ranks = [(s, e) for s, e in candidates if simplified.startswith("第", s)]
        asks_rank = _RANK_ASKED.search(analysis.text)
        candidates = (ranks or candidates) if asks_rank else [span for span in candidates if span not in ranks]
    if analysis.answer_type is AnswerType.PERSON and not _ASKS_REPORTER.search(analysis.text):
        # "本报讯记者赵越报道": who wrote the story, not who did what it tells.
        candidates = [(s, e) for s, e in candidates if not simplified[:s].rstrip().endswith(("记者", "通讯员"))]
        if not candidates and _PLACING_ASKED.search(analysis.text):
            # "谁拿了冠军" on "石门村队以86比79战胜桃坪村队，夺得冠军": a team wins a place as a person does
            candidates = [(s, e) for s, e in typed_spans(sentence, AnswerType.ORGANISATION) if simplified[e - 1] == "队"]
        # "副院长是谁" is not answered by the name after 院长, who holds the post the deputy serves, nor by
        # any name in a sentence that never names the deputy's post.
        deputy = asked_post(analysis)
        if deputy and deputy.startswith("副"):
            candidates = [(s, e) for s, e in candidates if deputy in simplified
                          and not (simplified[:s].endswith(deputy[1:]) and not simplified[:s].endswith(deputy))]
        # Who speaks tells; what they tell of was done by others ("谁推出了X" is not answered by "局长王建军
        # 介绍，…还将推出…"), unless the question asks who said it or names their post ("区人社局局长是谁").
        if not _ASKS_WHAT_WAS_SAID.search(analysis.text):
            candidates = [(s, e) for s, e in candidates if not (_SPEAKS_NEXT.match(simplified, e) and not any(
                term in simplified[_clause_start(simplified, s):s] for term in analysis.terms))]
        # "区水务局副局长是谁" on "区教育局副局长赵敏、区水务局副局长李伟…": the name after the body's post
        candidates = [span for span in candidates if holds_post_asked(simplified, span, analysis)] or candidates
        # "党支部书记、金穗谷物种植专业合作社理事长韩国庆": a "name" before a body's words and a post that
        # another name follows is the body's name (金穗), not a person's.
        candidates = [(s, e) for s, e in candidates if not any(
            s2 > e and _body_and_post(simplified[e:s2]) for s2, _ in candidates)]
    if analysis.answer_type is AnswerType.DURATION:  # how often ("每月两次") only for "多久来一趟"
        often = [(s, e) for s, e in candidates if simplified.startswith("每", s)]
        candidates = (often or candidates) if _ASKS_HOW_OFTEN.search(analysis.text) else [
            span for span in candidates if span not in often]
    if analysis.answer_type is AnswerType.DATE and _ASKS_HOUR.search(analysis.text):
        # Not "近年来"; of "每周一至周六8时", the hour.
        candidates = [(hour.start(), e) for s, e in candidates if (hour := _HOUR_ENDING.search(simplified, s, e))]
    if analysis.answer_type is AnswerType.DATE and _ASKS_DAY.search(analysis.text):
        candidates = [(s, e) for s, e in candidates if _DAY_NAMED.search(simplified, s, e)]  # not "80年代"
    if analysis.answer_type is AnswerType.DATE and _ASKS_WEEKDAY.search(analysis.text):
        # of "3月8日（星期五）", the day of the week
        candidates = [given.span(1) if (given := _WEEKDAY_IN_BRACKETS.search(simplified, s, e)) else (s, e)
                      for s, e in candidates if _WEEKDAY.search(simplified, s, e)]
    if analysis.answer_type is AnswerType.DATE and _ASKS_YEAR.search(analysis.text):
        candidates = [(s, e) for s, e in candidates if _YEAR_NAMED.search(simplified, s, e)]  # not "2月24日"
    within = _place_asked_within(analysis.text) if analysis.answer_type is AnswerType.PLACE else None
    if within and within in simplified:
        candidates = [(s, e) for s, e in candidates if _named_within(simplified, s, e, within)]
    elif within:  # another province or city, or a name that opens with one, is none of its parts ("南京市鼓楼区")
        candidates = [(s, e) for s, e in candidates if not _OTHER_REGION.match(simplified, s, e)]
    # what the sentence's subject is compared with ("是老院区280张床位的两倍多"), unless the question names it (老院区)
    compared = [m.span() for m in COMPARED.finditer(simplified)] + [
        m.span() for m in _TIMES_OF.finditer(simplified) if not (m.group(1) and m.group(1) in analysis.text)]
    candidates = [(s, e) for s, e in candidates if not any(cs <= s and e <= ce for cs, ce in compared)] or candidates
    if _LEFT.search(analysis.text):  # "还剩几处没整改" on "已完成整改31处，剩余6处将在…整改到位": what is left
        candidates = [(s, e) for s, e in candidates if _LEFT.search(
            simplified, _clause_start(simplified, s), _clause_end(simplified, e))] or candidates
    if not candidates:
        return None
    plural = _PLURAL.search(analysis.text) is not None
    # who did it: all who are named doing it ("区疾控中心、各级医疗机构要…"); where: all the places ("在人民广场和
    # 万达广场采血"), not for "哪个村", which asks for one
    if plural or "谁" in analysis.text or (analysis.answer_type is AnswerType.PLACE and analysis.wh_noun is None):
        candidates = _joined_by(_NAMES_GLUE if not plural else _LIST_GLUE, candidates, simplified)
    if analysis.answer_type in _RANGE_TYPES:
        candidates = [(s, e + 2) if "以上" in simplified[s:e] else (s, e) for s, e in _joined_by(
            _RANGE_GLUE, candidates, simplified) if "以上" not in simplified[s:e] or simplified.startswith("以下", e)]
    if analysis.answer_type is AnswerType.DATE and _ASKS_HOUR.search(analysis.text):
        if _phase_asked(analysis.text) is None and _day_part_asked(analysis.text) is None:
            # "渣土车几点不能上路" on "每天7:00至9:00、17:00至19:00禁止…": every hour listed, where no part of the day,
            # nor an opening or a closing, is asked
            candidates = _joined_by(_HOURS_LIST_GLUE, candidates, simplified)
        candidates = _hours_asked(simplified, candidates, analysis.text)
    if analysis.answer_type is AnswerType.NUMBER and _ASKS_MEASURE.search(analysis.text):
        measured = next((units for asked, units in _MEASURE_KINDS if asked.search(analysis.text)), _MEASURED)
        candidates = [(s, e) for s, e in candidates if measured.search(simplified, s, e)]  # not "08/26"
        candidates = [span for span in candidates if not of_other_dimension(simplified, span, analysis)] or candidates
        # and of those, one the sentence names the asked dimension of ("树冠直径18米，胸径1.3米" for 多粗), or the
        # thing asked about ("主跨120米" for 主跨多长)
        if asked_dimension := DIMENSION_ASKED.search(analysis.text):
            dimension = asked_dimension.group(asked_dimension.lastindex)
            candidates = [span for span in candidates
                          if _names_what_was_measured(simplified, span[0], dimension, analysis.terms)] or candidates
        if not candidates:
            return None
    # Chinese leaves the wh-word where the answer goes ("谁提出了X" ↔ "保罗提出了X"): a term after it
    # in the question is expected after the answer in the sentence, one before it before the answer.
    wh = WH_WORDS.search(analysis.text)
    # A term the sentence writes only in another word (a synonym: 晚饭 as 晚餐) places the answer at half its weight.
    occurrences = [(at, at + len(form), weight * term_weight(t) * (3.0 if t in analysis.anchor_terms else 1.0),
                    wh is not None and analysis.text.find(t) > wh.start())
                   for t in analysis.terms
                   for form, weight in ([(t, 1.0)] if t in simplified else [(s, 0.5) for s in synonyms(t)])
                   for at in _occurrences(form, simplified)]
    # "黄碾镇要改造多少公里" on "全区计划改造农村公路46公里，其中黄碾镇有3条共13.5公里": the part's figure, in a
    # clause from 其中 on that names what the question names and the sentence before 其中 does not.
    parts_from = simplified.find("其中") if analysis.answer_type in _RANGE_TYPES else -1
    if parts_from >= 0:
        told_before = simplified[:parts_from]

        def names_the_part(start: int) -> bool:  # the candidate's clause, up to it, read once
            clause = simplified[_clause_start(simplified, start):start]
            return any(term in clause and term not in told_before for term in analysis.terms)

        candidates = [(s, e) for s, e in candidates if parts_from < s and names_the_part(s)] or candidates
    # "几家专业公司" on "下设…七大专业公司，…服务创业公司10万余家": a count beside the thing asked about
    # counts it, whatever its measure word.
    # Not a count whose measure word another noun follows: "展出菊花300余个品种、6万余盆" counts kinds of 菊花 (品种).
    counted = analysis.counted
    after_it = [(s, e) for s, e in candidates
                if counted and simplified.endswith(counted, 0, _past_bound(simplified, s, e))]
    beside = [(s, e) for s, e in candidates if counted and simplified.startswith(counted, e)
              or (s, e) in after_it and not _counts_a_noun_after(simplified, e)]
    # "投资了多少家机构" on "整合创服机构1280家，投资机构340余家": of those, the count whose name for the
    # thing holds another of the question's words counts what is asked.
    named_as_asked = [(s, e) for s, e in beside if simplified.endswith(counted, 0, s) and any(
        simplified.endswith(term, 0, s - len(counted)) for term in analysis.terms if term != counted)]
    # and where none is beside it, not one after the thing asked that counts another noun: "多少新生" on "招收新生8个班、
    # 360人"
    candidates = named_as_asked or beside or [span for span in candidates if span not in after_it] or candidates
    # "多少户" asks for a count of 户: when the sentence has one, the other counts are not the answer.
    with_unit = [span for span in candidates if counts_in(analysis.unit, simplified, span)]
    candidates = with_unit or candidates
    # "提高到多少" on "由原来的1200人次提高到3000人次": the figure a change reached, not the one it began at.
    if _CHANGED_TO_ASKED.search(analysis.text):
        candidates = [(s, e) for s, e in candidates if _REACHED.search(simplified, max(0, s - 2), s)] or candidates
    # "多少个孩子", "几岁" count things or years: a sum of money, a measure ("150余万元") or a date
    # ("十月") is no count of them. Not "多少投资", which names no measure word and asks for a sum.
    if analysis.answer_type is AnswerType.NUMBER and analysis.unit and not analysis.unit.endswith(_NOT_A_COUNT):
        candidates = [(s, e) for s, e in candidates if not (simplified[s:e].endswith(_NOT_A_COUNT + _AGES)
                                                            or _FRACTION_SPAN.search(simplified, s, e))
                      or (s, e) in with_unit]  # an age in 年 ("树龄约1300年") counts 岁
        if not candidates:
            return None
    # "来了多少游客", "投了多少钱": a count or a sum, which a day of the year ("三月三庙会", "9月1日") is not.
    if analysis.answer_type is AnswerType.NUMBER and not analysis.unit:
        candidates = [(s, e) for s, e in candidates if not _A_DAY_OF_THE_YEAR.fullmatch(simplified, s, e)]
        if not candidates:
            return None

    asks_who = "谁" in analysis.text

    def holds_subject(s: int, e: int) -> bool:
        return len(analysis.subject) >= 2 and analysis.subject in simplified[s:e]

    def closeness(span: tuple[int, int]) -> float:
        s, e = span
        s = _past_bound(simplified, s, e)
        # On the expected side a term counts fully, on the other half. Terms before the wh-word are
        # also the usual case: news copy states the thing first and its figure or name after it
        # ("服务创业公司10万余家", "总裁郑明伟").
        near = 0.0
        clause = (_clause_start(simplified, s), _clause_end(simplified, e - 1))
        for os, oe, w, after in occurrences:
            if s <= os and oe <= e:
                # The question names part of it ("在江苏…哪个村" → "江苏省…村"); not so for who: "…执法队注销是谁
                # 同意的" asks who agreed, and a body that holds the question's words is more likely the one
                # that was wound up, or its like, than the one that agreed; nor for a name that holds the
                # question's subject ("城东幼儿园注销是哪个单位同意的" is not answered by "原城东幼儿园").
                near += 0.0 if asks_who or holds_subject(s, e) else _IN_OWN_CLAUSE * w
                continue
            before_span, distance = oe <= s, (s - oe if oe <= s else max(os - e, 0))
            own_clause = _IN_OWN_CLAUSE if clause[0] <= os and oe <= clause[1] else 1.0
            near += own_clause * (1.0 if before_span != after else 0.5) * w / (1.0 + distance / 3.0)
        return near + _marked(simplified, s, e, analysis) + 0.01 * (e - s)  # ties: the fuller span

    # "石门村队以86比79战胜桃坪村队，夺得冠军": the side beaten won nothing, unless the question asks who was beaten.
    if analysis.answer_type in NAME_TYPES and not _BEATEN_ASKED.search(analysis.text):
        candidates = [(s, e) for s, e in candidates if not _BEATEN.search(simplified, max(0, s - 2), s)] or candidates
    # "男子组冠军是哪支队伍" on "花桥乡代表队…夺得男子组冠军，东溪镇代表队…分获亚军": the one whose clause names the title
    if analysis.answer_type in NAME_TYPES and (placing := _PLACING_ASKED.search(analysis.text)):
        candidates = [(s, e) for s, e in candidates if placing.group() in simplified[
            _clause_start(simplified, s):_clause_end(simplified, e)]] or candidates
    best = max(candidates, key=closeness)
    # "线路全长多少公里" on "线路全长由18公里增加到24.8公里": what it is now, unless the question asks what it was.
    if (not _EARLIER_ASKED.search(analysis.text)
            and (began := _CHANGE_FROM.search(simplified, max(0, best[0] - 8), best[0]))
            and not any(year in began.group() and year in analysis.text for year in ("去年", "上年"))
            and (change := _CHANGE_TO.match(simplified, best[1]))):
        best = next(((s, e) for s, e in candidates if change.end() <= s < _clause_end(simplified, change.end())), best)
    if (analysis.answer_type is AnswerType.DATE and (asks_end := _phase_asked(analysis.text)) is not None
            and (hours := _TWO_HOURS.fullmatch(simplified, *best))):
        best = hours.span(2 if asks_end else 1)  # "几点关门" on "早上5点半到晚上7点": 晚上7点
    # "陈其拥立谁称帝" on "…陈其被刘辉驱逐，次年，拥立高湛称帝": the words on both sides of the wh-word
    # mark the answer more surely than nearness to the subject does, and the tagger may not know the name.
    gap = gap_span(simplified, analysis.text, bracketed=True) if analysis.answer_type in NAME_TYPES else None
    # Not where the word after the wh-word names the answer's kind, and the name follows it: "同济哪位
    # 教授" on "同济大学…研究院教授陈保禄" gives the name, not what stands between 同济 and 教授.
    kind_then_name = gap and wh and 0 < best[0] - gap[1] <= 4 and analysis.text.startswith(
        simplified[gap[1]:best[0]], wh.end())
    if gap and not kind_then_name and not (best[0] < gap[1] and gap[0] < best[1]):
        return gap
    if (analysis.answer_type is AnswerType.PLACE and analysis.wh_noun in (None, *_ANY_PLACE) and not plural
            and _PLACE_MARKER.search(simplified, 0, best[0])):
        end = _clause_end(simplified, best[1], stops="（(")
        # "位于老顶山街道关村的长治市福慧德玻璃有限公司": what follows 的 is the thing asked about, not its place.
        of = simplified.find("的", best[1], end)
        if of >= 0 and any(term in simplified[of:end] for term in analysis.terms):
            end = of
        return best[0], end
    if not plural:
        return best
    # "哪几条路" asks for the roads that "东南外环、高新大道、漳泽东街等市政道路" lists, not the word for them.
    if simplified[:best[0]].endswith("等"):
        return _listed_before(simplified, best[0] - 1) or best
    return _whole_list(simplified, best)


_KIND_OF_BODY = re.compile(r"(?:公司|银行|医院|大学|学院|中学|小学|幼儿园|协会)$")  # a body's kind a wh-word asks for
_NAMES_OF_KIND = {"公司": ("公司", "集团"), "医院": ("医院", "卫生院"), "学院": ("学院", "大学"), "大学": ("大学", "学院")}
_PLACING_ASKED = re.compile(r"冠军|亚军|季军|第[一二三四五六七八九十\d]+名|夺冠|获胜|赢了")
_BEATEN = re.compile(r"(?:战胜|击败|打败|险胜|力克|大胜|完胜|胜)$")
_BEATEN_ASKED = re.compile(r"(?:战胜|击败|打败|险胜|赢|胜)了?(?:谁|哪)|输给|负于|败给|对手")


def _place_asked_within(question: str) -> str | None:
    """The place that a question asks for a part of: "颐高集团总部在杭州哪个区" → 杭州."""
    words = pos_tag(question)
    return next((words[i - 1][0] for i in range(1, len(words))
                 if words[i][0].startswith("哪") and words[i - 1][1] == "ns"), None)


_OTHER_REGION = re.compile(r"[\u4e00-\u9fff]{2,3}[省市]")
_PLACE_CHAIN = 10  # characters of place names between a place and a part of it: "上海市崇明区" before 仙桥村


def _named_within(sentence: str, start: int, end: int, place: str) -> bool:
    """Whether the name at start:end is given as a part of `place`: it holds the place, or follows it in
    the same clause within a few characters ("杭州市西湖区", "上海市崇明区仙桥村"); not "潞州区在杭州…"."""
    if place in sentence[start:end]:
        return True
    at = sentence.rfind(place, max(0, start - len(place) - _PLACE_CHAIN), start)
    return at >= 0 and not any(ch in _CLAUSE_END for ch in sentence[at:start])


# "提高到多少", "降至多少": the figure a change reached, after 到 or 至.
_CHANGED_TO_ASKED = re.compile(r"(?:提高|增加|增长|提升|扩大|上升|升|下降|降低|降|减少|缩短|延长|缩小|涨|跌)(?:到|至)了?(?:多少|几)")
_REACHED = re.compile(r"(?:到|至)了?$")
# "由原来的1200人次", "由去年的每座1200元", "由每人60元": the figure a change began at
_CHANGE_FROM = re.compile(r"(?:由|从)(?:(?:原来|原先|原有|最初|起初|过去|以前|此前|之前|去年|上年)的|原)?(?:每[\u4e00-\u9fff]{1,2})?$")
_CHANGE_TO = re.compile(r"(?:增加|提高|增长|提升|扩大|上升|下降|降低|减少|缩短|压缩|压减|缩减|延长|缩小|拓宽|加宽|扩容|调整|上调|下调|降|涨|升)"
                        r"(?:到|至|为)")
_RANK_ASKED = re.compile(r"第几|第多少|排名|排第|排在|名次|位次|排多少|排了多少|连续几|连续多少")
_EARLIER_ASKED = re.compile(r"原来|原先|原本|以前|之前|此前|过去|起初|最初|最早|刚开始|一开始|开始时|当初|由多少|从多少|上年|同期|"
                            r"(?:改造|调整|延伸|延长|提高|提升|增加|增长|下降|降低|减少|扩大|扩容|拓宽|上调|下调|整治|降价|涨价|调价)前")
# "毕业于哪儿", "毕业于哪所大学": the question's verb with 于, then a bare where-word or which body. Not
# a kind of place: "位于哪个市" asks for the city's name, not the whole address.
_AFTER_VERB_ASKED = {
    AnswerType.PLACE: re.compile(rf"([\u4e00-\u9fff]{{2}})(?:于|到了?|至)(?:{WHERE_WORDS}|哪)[？?]?$"),
    AnswerType.ORGANISATION: re.compile(r"([\u4e00-\u9fff]{2})于哪一?[所个家][\u4e00-\u9fff]{1,3}[？?]?$"),
}


# Verbs of doing that a body or a person is named as the doer of ("由区防汛抗旱指挥部主办", "县龙舟协会承办"), by the
# group of words the question and the sentence may say them in
_DOERS_VERBS = ("主办|举办", "承办", "协办", "主持", "运营|经营", "承建|施工", "设计", "监理", "提供", "选送", "组织",
                "发起", "捐赠|捐建", "研发", "印发|发布|出台")
_DOERS_VERB_ASKED = re.compile(rf"(?:谁|哪)[^，。？?]{{0,8}}?({'|'.join(_DOERS_VERBS)})|"
                               rf"({'|'.join(_DOERS_VERBS)})[^，。？?]{{0,6}}?(?:的)?(?:是)?(?:谁|哪)")


def _done_by(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """Who or what body did what the question asks who did, where the sentence names it as the doer: after 由 or at the
    head of its clause, right before the verb or one of its group ("施工单位是哪家" on "工程由西岭路桥建设有限公司承建");
    None otherwise, or where the doer is no name (a pronoun, a whole clause)."""
    if analysis.answer_type not in (AnswerType.PERSON, AnswerType.ORGANISATION):
        return None
    asked = _DOERS_VERB_ASKED.search(analysis.text)
    if not asked:
        return None
    verb = asked.group(1) or asked.group(2)
    said = next(pattern for group, pattern in _DOER_SAID.items() if verb in group.split("|")).search(sentence)
    doer = said.group(1) if said else ""
    # a body's or a place's name, not a pronoun nor what the question asks about ("晋阳小区改造工程施工已全面展开")
    if (not (ORG_SUFFIX.search(doer) or _PLACE_SUFFIX.search(doer) or doer.endswith(_MORE_DOERS))
            or doer.startswith(_POINTING) or _REFERRING.fullmatch(doer) or _NO_DOER.search(doer)
            or doer in analysis.text or any(len(term) >= 3 and term in doer for term in analysis.terms)):
        return None
    return said.span(1)


# the doer said before a verb of each group, after 由 or at the head of its clause; not "基地运营方…", the word for who
# does it
_DOER_SAID = {group: re.compile(rf"(?:由|(?<=[，；：。])|^)(?:委托|交由)?((?:(?!由)[\u4e00-\u9fff、]){{2,24}}?)"
                                rf"(?:来|负责|共同|联合)?(?:{group})(?![方商者])") for group in _DOERS_VERBS}
_MORE_DOERS = ("指挥部", "合作社", "团", "队")
_POINTING = ("该", "其", "这", "此", "那", "他", "她", "它", "我", "你")  # "该食堂由…", "他们把经营权…"
_NO_DOER = re.compile(r"[把被]")  # a clause head that does something to another is no doer ("…把经营权…")


def _after_asked_verb(sentence: str, asked: re.Match | None) -> tuple[int, int] | None:
    """For "李晨毕业于哪儿", "现效力于哪里", "毕业于哪所大学", "群众被转移到了哪里" (`asked` holds the question's
    verb): what follows that verb in the sentence (with or without its 于, 到 or 至), to the clause's end or an opening
    bracket; None if the sentence lacks the verb or less than two characters follow it ("毕业后")."""
    if not asked:
        return None
    verb = asked.group(1)
    for marker in (verb + "于", verb + "到", verb + "至", verb):
        at = sentence.find(marker)
        if at >= 0:
            start = at + len(marker)
            end = _clause_end(sentence, start, stops="（(")
            return (start, end) if 2 <= end - start <= 30 and _WORDLIKE.match(sentence, start) else None
    return None


def _in_the_row_asked(sentence: str, candidates: list[tuple[int, int]],
                      analysis: QuestionAnalysis) -> list[tuple[int, int]]:
    """Without the candidates in rows alike (in one unit, the rows ending in the same words: "多层住宅每月每平方米0.6元、
    高层住宅每月每平方米0.9元") that the question does not name, where it names some. It names a row by a word that no other
    row holds: two to four characters from where the rows differ, up to one of the words they share (高层 in "高层住宅的
    物业费是多少"; not 身份证 in "身份证到期换领工本费20元，…临时身份证工本费10元"), unless the row negates it (非居民用水 for
    居民用水), or by the row's opening word or figure ("平日每天发放200个", "60至79周岁…100元"), but not the whole's
    (全区 in "全区新增的就业岗位中，柳林乡有多少个"). What the question sets aside ("除高层住宅外") names nothing. A row
    runs from the last mark before its candidate (、，；。：) to it."""
    question = _SET_ASIDE.sub("", analysis.text)

    def unit(span: tuple[int, int]) -> str:
        return _FIGURE_DIGITS.sub("", sentence[span[0]:span[1]])

    dropped = set()
    for _, alike_spans in itertools.groupby(sorted(candidates, key=unit), key=unit):
        spans = list(alike_spans)
        rows = [sentence[max(sentence.rfind(mark, 0, s) for mark in "、，；。：") + 1:s] for s, _ in spans]
        alike = len(os.path.commonprefix([row[::-1] for row in rows])) if len(rows) >= 2 else 0
        if alike < 2 or any(len(row) == alike for row in rows):
            continue

        def names(row: str, start: int, end: int) -> bool:
            word = row[start:end]
            if word not in question or any(word in other for other in rows if other is not row):
                return False
            while start > 0 and row[start - 1:end] in question:
                start -= 1
            return not (start > 0 and row[start - 1] in "非不未无没")

        differ = [len(row) - alike for row in rows]
        asked = [span for span, row, at in zip(spans, rows, differ)
                 if any(names(row, at - k, at + shared) for k in range(1, min(at, 4) + 1)
                        for shared in range(max(2 - k, 0), 5 - k))
                 or any(names(row, 0, n) and (row[:n].isdigit() or is_word(row[:n]) and not _WHOLE_SCOPE.match(row))
                        for n in range(2, min(at, 4) + 1))]
        # a part (a row from 其中 on) the question names is asked, not the whole it is part of, whose words name it too
        # ("首批入驻的小吃摊位有多少个" on "首批入驻摊位160个，其中小吃摊位96个")
        asked = [span for span, row in zip(spans, rows) if span in asked and row.startswith("其中")] or asked
        if 0 < len(asked) < len(spans):
            dropped |= set(spans) - set(asked)
    return [span for span in candidates if span not in dropped]


_WHOLE_SCOPE = re.compile(r"全[区市县镇乡村省国]|我[区市县镇乡村]")
# what a question sets aside ("除高层住宅外，其他住宅…")
_SET_ASIDE = re.compile(r"除了?[^，,。？?]{1,12}?(?:之外|以外|外)")
_FIGURE_DIGITS = re.compile(r"[\d.]")


def _in_the_clause_asked(sentence: str, candidates: list[tuple[int, int]],
                         analysis: QuestionAnalysis) -> list[tuple[int, int]]:
    """Of candidates in clauses alike, those of the clause the question names. Clauses are alike where they tell their
    candidates alike (`_told_alike`) and each holds a word of the question that all of them hold ("小学男子组冠军由北湖小学
    获得，小学女子组冠军由明珠路小学获得": 冠军); the
    question names the one that holds most of its other words (女子组, by their weight, the words beside its wh-word
    thrice), a word of three characters or more also by its characters in order (发改局 in 发展和改革局). Keeps all where the clauses share no word of the
    question, where the figure stands apart from what it is of ("最大降雨量出现在红星村，达到236.4毫米"), or where no
    clause holds more than the others."""
    clause_of = {span: (_clause_start(sentence, span[0]), _clause_end(sentence, span[1] - 1)) for span in candidates}
    clauses = set(clause_of.values())

    def around(clause: tuple[int, int]) -> tuple[str, str]:  # the clause before and after its first candidate
        start, end = min(span for span in candidates if clause_of[span] == clause)
        return sentence[clause[0]:start], sentence[end:clause[1]]

    if len(clauses) < 2 or not all(_told_alike(around(one), around(other))
                                   for one, other in itertools.combinations(clauses, 2)):
        return candidates
    terms = [term for term in analysis.terms if len(term) >= 2]

    def holds(term: str, text: str) -> bool:
        return term in text or len(term) >= 3 and in_order(term, text)

    # a word of the question inside a candidate names where it is, not which clause is asked ("位于黑龙江省哈尔滨市…")
    unnamed = list(sentence)
    for s, e in candidates:
        unnamed[s:e] = " " * (e - s)
    unnamed = "".join(unnamed)

    def held_in(clause: tuple[int, int]) -> set[str]:
        return {term for term in terms if holds(term, unnamed[clause[0]:clause[1]])}

    shared = set.intersection(*map(held_in, clauses))
    if not shared:
        return candidates
    # every clause alike, also one where the tagger found no candidate ("…许诺以9粒进球获得初中女子组最佳射手"): where
    # that one is named, the others' candidates are not its answer either
    starts = sorted({0} | {at + 1 for at in range(len(sentence)) if _ends_clause(sentence, at)})
    alike = [(start, _clause_end(sentence, start)) for start in starts]
    named = {c: sum(term_weight(term) * (3.0 if term in analysis.anchor_terms else 1.0) for term in held - shared)
             for c in alike if shared <= (held := held_in(c))}
    most = max(named.values())
    if most == 0 or all(weight == most for weight in named.values()):
        return candidates
    return [span for span in candidates if named.get(clause_of[span]) == most] or candidates


def _told_alike(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two clauses tell their candidates alike: what comes before each, or after each, is much the same ("小学男子组
    冠军由…获得" and "小学女子组冠军由…获得"; "…以1小时05分32秒的成绩获得男子组冠军" and "…以1小时16分08秒获得女子组冠军"), not
    the steps of one story ("东关社区新建电动自行车充电棚3处" and "可同时为150辆电动自行车充电")."""
    return any(len(a) >= 2 and len(b) >= 2 and difflib.SequenceMatcher(None, a, b).ratio() >= _ALIKE
               for a, b in zip(one, other))


_ALIKE = 0.45  # parallel clauses of the dev sets 0.48 and more, the steps of one story there and in CMRC 0.43 and less


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause that `at` is in starts: after the last clause mark before it."""
    return next((i + 1 for i in range(at - 1, -1, -1) if _ends_clause(sentence, i)), 0)


def _clause_end(sentence: str, at: int, *, stops: str = "") -> int:
    """Where the clause that `at` is in ends: at the next clause mark or one of `stops`."""
    return next((i for i in range(at, len(sentence)) if _ends_clause(sentence, i) or sentence[i] in stops),
                len(sentence))


def _ends_clause(sentence: str, i: int) -> bool:
    """Whether the character at `i` is a clause mark: not the colon of a time of day ("8:00至12:00")."""
    return sentence[i] in _CLAUSE_END and not (sentence[i] == ":" and 0 < i < len(sentence) - 1
                                               and sentence[i - 1].isdigit() and sentence[i + 1].isdigit())


def _listed_before(sentence: str, end: int) -> tuple[int, int] | None:
    """The list "A、B和C" that ends at `end`, back to the verb, preposition or particle before it; None
    when there is no list."""
    start, listed = end, False
    for word, flag in reversed(pos_tag(sentence[:end])):
        if _LIST_GLUE.fullmatch(word):  # 、 和 及 与 以及 或
            listed = True
        elif flag.startswith(("v", "p", "u", "c", "r", "x")):
            break
        start -= len(word)
    return (start, end) if listed and start < end else None


_PLACE_ENDS = "省市县区镇乡村街路"
_PLACES_AFTER_ETC = re.compile(r"等(?:地区|海域|地|国)")


def _whole_list(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """The whole list that `span` is one item of, in its clause, for a question that asks for several
    ("分布在哪些地区"): the tagger knows only some of "澳洲南部岛屿及西岸地区" or "中国大陆的广西、广东等地"
    as places. It runs from after the verb or preposition before the span ("分布在") to 等 (with 地 or
    海域 after it), to the end of the clause, or to a preposition or a verb ("…被列为"); `span` itself
    when what it would run over holds no list."""
    s, e = span
    clause_start = _clause_start(sentence, s)
    clause_end = _clause_end(sentence, e)
    # after the last verb or preposition; or, where that leaves a first item that is only a place word (the
    # end of a name the tagger read a verb into, "深入黄/a 碾/v 镇、…", not an abbreviation, "赴沪、苏、浙"),
    # after the last verb of two characters or more or a preposition
    start = after_long = at = clause_start
    for word, flag in pos_tag(sentence[clause_start:s]):
        at += len(word)
        verb = flag.startswith("v") or word in _VERBS_TAGGED_NOUNS  # "任命/n 宋佳、梁晨"
        if verb or flag.startswith("p"):
            start = at
        if flag.startswith("p") or verb and len(word) > 1:
            after_long = at
    if sentence.startswith("、", start + 1) and sentence[start] in _PLACE_ENDS:
        start = after_long
    if sentence.startswith("了", start, s):  # "走访了…": the verb's 了 is no part of the first item
        start += 1
    end = at = e
    glued = False
    words = pos_tag(sentence[e:clause_end])
    for i, (word, flag) in enumerate(words):
        # a preposition, a verb or an adverb after the items ("…西村均已完成"; not 更 of 更乐镇, a name the tagger
        # reads as 更/d 乐/a 镇/n), or 各 before a verb ("…马厂镇各建设1个"; not "江西各省等地")
        if (flag.startswith("p") or flag.startswith("v") and len(word) > 1
                or flag.startswith("d") and not (words[i + 1:i + 2] and words[i + 1][1].startswith(("a", "n")))
                or word == "各" and words[i + 1:i + 2] and words[i + 1][1].startswith("v")):
            break
        if (flag == "m" or word in _SUM_WORDS) and not glued and _LIST_COUNTED.match(sentence, at):  # not 三家店村
            break
        glued = _LIST_GLUE.fullmatch(word) is not None
        if word.startswith("等"):
            named = _PLACES_AFTER_ETC.match(sentence, at)
            end = named.end() if named else end
            break
        if not (_LIST_GLUE.fullmatch(word) or word == "的"):  # an item goes on only past a word of its own
            end = at + len(word)
        at += len(word)
    return (start, end) if _LIST_GLUE.search(sentence[start:end]) else span


_ASIDE = re.compile(r"[（(][^（()）]*[)）]")
_COUNTING = "个家所座条项名位处门部支批类种对辆台户张栋"  # measure words that count a list's items
_SUM_WORDS = ("共", "共计", "一共", "总共", "合计", "总计")  # words that sum a list up before its count
_SUMMED = "|".join(sorted(_SUM_WORDS, key=len, reverse=True))
_COUNT_CLOSING = re.compile(rf"(?<![、第\dA-Za-z和及与或])(?:等|{_SUMMED})?"
                            rf"(?:\d+|[一两三四五六七八九十]+(?=[{_COUNTING}]))(?:[{_COUNTING}][\u4e00-\u9fff]{{0,6}})?$")
# Wh-words that leave a gap in a copied sentence (not the final particles 吗/呢).
_GAP_WH = re.compile(r"什么样的|什么|哪些|哪个|哪种|哪里|哪儿|哪位|谁|多少|几|何种|何")
_WORDLIKE = re.compile(r"[^\W_]")  # a letter or digit of any script
_GLUE_VERB_HEADS = ("作", "成", "称", "视", "改", "定")  # of 作为, 成为, …: verbs that end in the glue 为
_GLUE = "的是为了在于即乃就"  # particles between a question's context and the answer: trimmed off a gap
_GAP_TRIM = _GLUE + _CLAUSE_END + " \u3000"


def gap_span(sentence: str, question: str, *, bracketed: bool = False) -> tuple[int, int] | None:
    """The stretch of `sentence` that fills the question's gap, when the question copies the sentence's
    wording around it: "生命数耗完即算为什么？" on "…生命数耗完即算为踢爆。" gives "踢爆".

    The longest tail (2+ characters) of the words before the wh-word is found in the sentence, and the
    gap runs from there to the longest head of the words after it, or to the end of the clause; with
    no tail found, the gap is the clause part before the head. None if neither is found, or, when
    `bracketed`, unless both are, in one clause."""
    body = question.rstrip(QUESTION_END)
    wh = _GAP_WH.search(body)
    if not wh:
        return None
    left, right = body[:wh.start()].rstrip(_GLUE), body[wh.end():].lstrip(_GLUE)
    left_k, start = next(((k, pos + k) for k in range(len(left), 1, -1) if (pos := sentence.find(left[-k:])) >= 0),
                         (0, None))
    left_at = start - left_k if start is not None else 0
    if start is None and not right:
        start = _after_verb_begun(sentence, left)
    # "潞鼎伟业是什么公司" on "潞鼎伟业商贸有限公司是一家…": the question's short name of a company
    # begins its full name, and the gap starts after the whole name. (Tagging is the slow step of
    # answering: only where 公司 or 集团 follows closely.)
    if start is not None and _COMPANY_NEAR.match(sentence, start):
        start = next((e for s, e in _entity_spans(sentence, ("nt",), ORG_SUFFIX)
                      if s < start < e and sentence.endswith(_COMPANY_ENDS, s, e)), start)
    # "…签了什么" on "…签署合作框架协议": the gap starts after the sentence's word 签署, which goes on
    # from the question's last word 签 (not after 建工 for "组建了什么" on "组建工作专班").
    shifted_from = None  # where the gap started before it moved past such a word
    if (start is not None and 0 < start < len(sentence) and is_word(sentence[start - 1:start + 1])
            and tokenize(left)[-1:] == [sentence[start - 1]]):
        shifted_from, start = start, start + 1
    if start is not None and sentence.startswith(("：", ":"), start):
        start += 1  # "议题有哪些" on "议题有：法律、水资源…": a colon opens the gap, it does not close it
    # With nothing matched before the gap, two characters after it are too common a match to go by.
    right_k, head = next(((k, pos) for k in range(len(right), 1 if start is not None else 2, -1)
                          if (pos := sentence.find(right[:k], start or 0)) >= 0 and (start is None or pos > start)),
                         (0, None))
    clause_end = _clause_end(sentence, start) if start is not None else None
    if head is not None and clause_end is not None and head > clause_end and right_k > left_k:
        # the anchors sit in different clauses: the longer match places the gap, and the left one is dropped
        start, shifted_from, left_k = None, None, 0
    if bracketed and not (start is not None and head is not None and head <= clause_end):
        return None
    if start is not None:
        end = _inside_brackets_end(sentence, start, min(head, clause_end) if head is not None else clause_end)
    elif head is not None:
        end = head
        start = _clause_start(sentence, head)
    else:
        return None
    aside = _ASIDE.match(sentence, start, end)  # "胜利广场（Place des Victoires）是巴黎…": past the aside
    start = aside.end() if aside else start
    # "来自哪几个科室" on "来自内科、儿科和眼科3个科室": the list's own count, and the kind after it, close the list
    if ((counted := _COUNT_CLOSING.search(sentence, start, end)) and "、" in sentence[start:counted.start()]
            and (not counted.group()[-1].isdigit() or sentence[end:end + 1] in _COUNTING)):  # not G309's 309
        end = counted.start()
    while start < end and sentence[start] in _GAP_TRIM:
        start += 1
    while end > start and sentence[end - 1] in _GAP_TRIM:
        end -= 1
    if sentence.endswith(_GLUE_VERB_HEADS, start, end) and sentence.startswith("为", end):
        end -= 1  # "塔罗牌的符号作为…": the 作 of 作为 is no part of the gap, as its 为 is not
    # "重点整治哪些车辆" on "以“两客一危”等重点车辆及电动车为重点整治对象", "活动的主题是什么" on "以“诚信”为
    # 主题的诚信宣传活动": after the question's words comes the frame's noun (对象), nothing, or the
    # question's own words; the frame holds the X of 以X为.
    framed = _FRAMED.search(sentence, 0, left_at) if left_k else None
    # "重点车辆是哪些" on "以“两客一危”等重点车辆及电动车为…": the things asked for are listed before the
    # 等 (等等) that the question's words follow (not 平等, 高等: there 等 ends a word of the sentence).
    etc_at = left_at - (2 if left_at >= 2 and sentence.startswith("等等", left_at - 2) else 1)
    if left_k and etc_at >= 1 and sentence.startswith("等", etc_at) and not is_word(sentence[etc_at - 1:etc_at + 1]):
        return _before_etc(sentence, etc_at)
    # So too where what follows is the thing the question asks about, by the question's own word for it
    # ("这个活动的主题是什么" on "以“…”为主题的诚信宣传活动": 活动).
    if framed and (end - start <= 4 or any(sentence.endswith(t, start, end) for t in tokenize(body) if len(t) >= 2)):
        return framed.span(1)
    if end - start > 40 or len(_WORDLIKE.findall(sentence, start, end)) < 2:  # not "（）" nor a lone character
        return None
    if sentence.startswith("、", start):
        # The question's words matched an item of a list: what the item is (…是什么), is the kind the list
        # closes with ("东南外环是什么工程" on "东南外环、高新大道等市政道路" → 市政道路); else the gap is
        # none where the item is not the list's first ("生产什么" on "集服装设计、生产、销售为一体").
        kind = _LIST_KIND.match(sentence, start) if body[:wh.start()].endswith("是") else None
        if kind:
            return kind.span(1)
        if left_k and left_at >= 1 and sentence.startswith("、", left_at - 1):
            return None
    # "学习了什么" on "考察学习期间，…": no answer; nor "查处了哪些…" on "在查处过程中" (the gap was
    # moved past 处过, a word of jieba's); nor "执行在哪些平台上" on "执行在许多平台上，如…".
    if _TIME_FRAME.fullmatch(sentence, start, end) or _QUANTIFIER.fullmatch(sentence, start, end) or (
            shifted_from is not None and _TIME_FRAME.fullmatch(sentence, shifted_from, end)):
        return None
    # A "gap" that only repeats the question is the wrong side; one that both sides mark may share a
    # word with it ("加拿大总理一职由谁委任" → 加拿大总督).
    gap = sentence[start:end]
    repeats = gap in question if bracketed else coverage(tokenize(gap), question) >= 0.5
    return (framed.span(1) if framed else None) if repeats else (start, end)


_ASPECT = ("了", "过", "着")


def _after_verb_begun(sentence: str, left: str) -> int | None:
    """Where the gap of "…V了什么" starts when the sentence writes the question's one-character verb as
    the first of a longer one ("活动室配了什么" on "…并配备了海洋球", "打算建什么" on "准备建设一个…"): after
    the sentence's first such verb and its 了; None if the question's last word is no such verb or the
    sentence has none."""
    words = list(pos_tag(left))
    if words and words[-1][0] in _ASPECT:
        words.pop()
    if not words or not words[-1][1].startswith("v") or len(words[-1][0]) != 1:
        return None
    verb, at = words[-1][0], 0
    if verb not in sentence:  # no word of the sentence begins with it: spare tagging the sentence
        return None
    for word, flag in pos_tag(sentence):
        at += len(word)
        if len(word) >= 2 and word.startswith(verb) and flag in ("v", "vn"):
            return at + 1 if sentence.startswith(_ASPECT, at) else at
    return None


def _before_etc(sentence: str, etc_at: int) -> tuple[int, int] | None:
    """What a clause lists before its 等 (or their count) at `etc_at`: from after the last verb, preposition or
    particle before the list's first item ("以", "了", "提供" in "为小微企业提供贷款、担保等"), or from
    the clause's start; None if nothing stands there. A word that a single character follows is taken
    for part of an item (jieba tags the 采摘 of 采摘园 as a verb)."""
    clause_start = _clause_start(sentence, etc_at)
    first_glue = next((m.start() for m in _LIST_GLUE.finditer(sentence, clause_start, etc_at)), etc_at)
    words = pos_tag(sentence[clause_start:etc_at])
    start = at = clause_start
    bracketed = 0  # an item's note in brackets ("太行东街（英雄路至长兴路段）、…") holds no lead to the list
    for (word, flag), following in zip(words, [*words[1:], ("", "")]):
        at += len(word)
        if at >= first_glue:  # the word before the first glue is the first item ("屋顶防水、…"), even a verb
            break
        bracketed = max(0, bracketed + (word in "（(") - (word in "）)"))
        if flag.startswith(("v", "p", "u")) and not bracketed and not (len(following[0]) == 1 and following[1] != "x"):
            start = at
    return (start, etc_at) if start < etc_at else None


_LIST_KIND = re.compile(r"(?:、[^，。；、等]{1,12})+等([^，。；、的]{2,8})")
_COMPANY_ENDS = ("公司", "集团")
_COMPANY_NEAR = re.compile(rf"[^，。；：]{{0,10}}?(?:{'|'.join(_COMPANY_ENDS)})")
_TIME_FRAME = re.compile(r"期间|之际|以来|之后|以后|之前|以前|过程中|当中|时候|时期")
_QUANTIFIER = re.compile(r"许多|很多|一些|不少|众多|诸多|多个|多种|各种|各类|各个|若干")
_FRAMED = re.compile(r"以([^，。；：以]{2,40})为$")


# A name asked for by the word for its kind ("也叫什么", "原名是什么") is written after a word of
# that kind in the sentence ("内台航路，或称内台航线", "原名文启明"): the question's words for a
# kind of name, and the sentence's.
_NAME_KINDS = (
    ("别名|别称|又名|又称|或称|亦称|也称|也叫|又叫|还叫|俗称", "别名|别称|又名|又称|或称|亦称|也称|也叫|又叫|俗称|又译|译为|译作|亦作|通称"),
    ("简称", "简称"),
    ("原名|本名|旧名|原称", "原名|本名|旧名|原称|旧称"),
    ("英文名|英语名|英文全称|英文名称", "英文名称|英文全称|英文名|英语名|英文简称|英语"),
    ("改名为|更名为|改称", "改名为|更名为|改称|易名为"),
    ("的字", "(?<=[，,、])字"),  # "魏玩，字玉汝"
    ("的号", "(?<=[，,、])号"),
)
_NAME_KIND_PATTERNS = tuple((re.compile(rf"(?:{asked})(?:是|叫|为|称|作|之为)*什么"), re.compile(written))
                            for asked, written in _NAME_KINDS)
_NAMED_AS = re.compile(r"[：:为是作做\s]*")
# Any other word for a kind of name: 谥号, 艺名, 学名, 全称, 官方名称, 称号, …
_OWN_NAME_KIND = re.compile(r"(?<=的)([\u4e00-\u9fff]{0,2}(?:名|号|称|名称))(?:是|叫|为)*什么")
_ABBREVIATION_ASKED = re.compile(r"^(.+?)是什么的简称")


# The question's side of the two rules below is read once per question, not once for each of the
# sentences they are tried on.
@functools.lru_cache(maxsize=256)
def _written_kind(question: str) -> re.Pattern | None:
    """The sentence's words for the kind of name `question` asks for ("又叫什么" → 又称, 或称, …;
    "的谥号是什么" → 谥号); None if it asks for none."""
    written = next((w for asked, w in _NAME_KIND_PATTERNS if asked.search(question)), None)
    if written is None and (own := _OWN_NAME_KIND.search(question)):
        written = re.compile(re.escape(own.group(1)))
    return written


@functools.lru_cache(maxsize=256)
def _abbreviation_written(question: str) -> re.Pattern | None:
    """For "南宁二中是什么的简称": the "，简称南宁二中" or "（简称南宁二中）" a sentence writes after the full
    name; None if the question asks no such thing."""
    asked = _ABBREVIATION_ASKED.search(question)
    return re.compile(rf"[，,（(]\s*简称[：:为是]?\s*[「“\"]?{re.escape(asked.group(1))}") if asked else None


def _abbreviated(sentence: str, question: str) -> tuple[int, int] | None:
    """For "南宁二中是什么的简称": the full name that "，简称南宁二中" or "（简称南宁二中）" follows, from
    its clause's start; None if the question asks no such thing or the sentence does not say it."""
    written = _abbreviation_written(question)
    marker = written.search(sentence) if written else None
    if marker is None:
        return None
    start = _clause_start(sentence, marker.start())
    return (start, marker.start()) if marker.start() > start else None


def named_kind_span(sentence: str, question: str) -> tuple[int, int] | None:
    """The name after the sentence's word for the kind of name the question asks for, to the end of
    its clause or of the bracket it is in ("简称：DQ）" → DQ); None if the question asks no such
    thing or the sentence has no such word."""
    written = _written_kind(question)
    marker = written.search(sentence) if written else None
    if marker is None:
        return _abbreviated(sentence, question)
    start = _NAMED_AS.match(sentence, marker.end()).end()
    end = _inside_brackets_end(sentence, start, _clause_end(sentence, start))
    return (start, end) if end > start else None


def _inside_brackets_end(sentence: str, start: int, end: int) -> int:
    """`end`, or before it the closing bracket of a bracket that `start` is inside ("（简称：DQ）…")."""
    depth = 0
    for i in range(start, end):
        depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(sentence[i], 0)
        if depth < 0:
            return i
    return end


_PAIRED_MARKS = {"“": "”", "《": "》", "（": "）", "(": ")", "「": "」", "‘": "’"}
_CLOSING_MARKS = {close: open_ for open_, close in _PAIRED_MARKS.items()}
_PAIR_PASSES = 8  # each pass mends one mark; a bound in case two mends undo each other
_PAIR_REACH = 30  # how far past the span its closing mark (or before it its opening one) is looked for


def balanced(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """`span` with its quotation marks and brackets in pairs: "压实什么责任" on "压实“四方责任”" gives
    "“四方责任”", not "“四方责任". A mark left open (or closed) at the span's edge is dropped; one
    inside it is closed (opened) with its partner within `_PAIR_REACH` characters outside, if there,
    and the span is left as it is otherwise. Repeated until nothing changes (a widened span may take in
    another mark); `span` itself if nothing would be left."""
    start, end = span
    for _ in range(_PAIR_PASSES):
        mended = _paired_once(sentence, start, end)
        if mended == (start, end):
            break
        start, end = mended
    return (start, end) if start < end else span


def _paired_once(sentence: str, start: int, end: int) -> tuple[int, int]:
    """One pass of `balanced` over the marks of sentence[start:end]."""
    for i in range(start, end):
        mark = sentence[i]
        if mark in _PAIRED_MARKS and sentence.find(_PAIRED_MARKS[mark], i + 1, end) < 0:
            if i == end - 1:
                return start, end - 1
            if (close := sentence.find(_PAIRED_MARKS[mark], end, end + _PAIR_REACH)) >= 0:
                return start, close + 1
            if i == start:
                return start + 1, end
        elif mark in _CLOSING_MARKS and sentence.rfind(_CLOSING_MARKS[mark], start, i) < 0:
            if i == start:
                return start + 1, end
            if (open_ := sentence.rfind(_CLOSING_MARKS[mark], max(0, start - _PAIR_REACH), start)) >= 0:
                return open_, end
            if i == end - 1:
                return start, end - 1
    return start, end


_AGE_WORDS = ("岁数", "年龄", "年纪", "年岁")
_KIND_BEFORE_WH = re.compile(r"([\u4e00-\u9fff]{1,4}?)都?(?:是|有|为)(?:什么|哪些|什么样|怎样|怎么样|如何)")


def asked_kind(analysis: QuestionAnalysis) -> str | None:
    """The kind of thing a what-question asks for: the noun after its wh-word ("有什么症状" → 症状) or
    the term before "是什么"/"有哪些"/"是怎样的" ("别名是什么" → 别名, "不良影响有哪些" → 不良影响,
    "生活环境是怎样的" → 生活环境); for a count, the word for what its unit counts ("多大岁数" → 岁数,
    "人数有多少" → 人数), which the figure's unit says ("35至64岁")."""
    if analysis.unit:
        counts = (analysis.unit + "数", *(_AGE_WORDS if analysis.unit == "岁" else ()))
        return next((t for t in analysis.terms if t in counts), None)
    if analysis.answer_type not in (AnswerType.WHAT, AnswerType.MANNER):
        return None
    if analysis.wh_noun and analysis.answer_type is AnswerType.WHAT:
        return analysis.wh_noun
    before = _KIND_BEFORE_WH.search(analysis.text)
    return next((t for t in reversed(analysis.terms) if before.group(1).endswith(t)), None) if before else None


def gap_with_noun(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """The gap of a what-question, with the noun it asks for when that follows ("什么制度" → "晨午检制度");
    without a gap so, the stretch that the question's words around "什么" and its noun bracket, after
    that noun if the sentence writes it first ("参加什么综艺节目而走红" on "参加综艺节目《奔跑吧兄弟》而走红"
    → 《奔跑吧兄弟》)."""
    noun = analysis.wh_noun
    # "培训教些什么内容" on "…，内容包括短视频拍摄、直播间搭建、话术设计等": the things listed right after the noun
    # or a word for its kinds (服务内容, 树种; not another noun: "服务对象为…" for 什么服务), whatever the question's
    # words around it.
    # A compound's head may stand alone: "哪些复壮措施" on "主要措施包括…".
    head = pos_tag(noun)[-1][0] if noun else ""
    if noun and (listed := _listed_after_kind(sentence, noun, between=_KIND_WORDS) or (
            head != noun and len(head) >= 2 and _listed_after_kind(sentence, head, between=_KIND_WORDS))):
        return listed
    wh = _GAP_WH.search(analysis.text)
    if noun and wh and analysis.text.startswith(noun, wh.end()):
        gap = gap_span(sentence, analysis.text[:wh.end()] + analysis.text[wh.end() + len(noun):], bracketed=True)
        if gap and sentence[gap[0]:gap[1]] == noun:
            # "要加强哪些重点场所的管控" on "要加强重点场所管控，…优化养老院、…等重点场所管理": the gap holds
            # only the kind asked about; the things of that kind are the ones listed before its 等.
            etc_at = sentence.find("等" + noun)
            return _before_etc(sentence, etc_at) if etc_at > 0 else None
        if gap:
            return (gap[0] + len(noun), gap[1]) if (sentence.startswith(noun, gap[0])
                                                     and gap[1] - gap[0] > len(noun)) else gap
    kinds = _KINDS_ASKED.search(analysis.text)
    if kinds and (counted := _counted_list(sentence, analysis, kinds.group(1))):
        return counted
    gap = gap_span(sentence, analysis.text)
    # a gap that only counts them ("哪几处…" on "…另外3处县级文物保护单位进行修缮，分别是A、B和C"): what the count
    # names one by one after 分别是, 包括 or 即
    if gap and _COUNT_IN_LIST.search(sentence, *gap) and (named := _ONE_BY_ONE.match(sentence, gap[1])) and (
            not _COUNT_IN_LIST.search(sentence, gap[1], named.start(1))):  # not another count's ("新建3条道路，分别是")
        return named.span(1)
    # the noun right after the gap, or after its 的 ("引入了什么课程" → "更加科学的课程")
    joined = next((j for j in (noun, "的" + noun) if sentence.startswith(j, gap[1])), None) if gap and noun else None
    if joined:
        return gap[0], _items_of_its_kind_end(sentence, gap[1] + len(joined), noun)
    # "哪些公司", "重点场所都有哪些": the things of that kind listed, where no gap is found.
    plural = _PLURAL.search(analysis.text) is not None
    kind = asked_kind(analysis) if plural else None
    return gap or _quoted_before(sentence, noun) or (_listed_of_kind(sentence, kind) if kind else None) or (
        _title_after_asked_noun(sentence, analysis)) or (_sole_list(sentence) if plural else None)


# a count: a figure, or a numeral with its measure word ("3家", "两村"), which ends a list's items
_NUMERALS, _COUNT_MEASURES = "一两二三四五六七八九十", "个家所座条项名位处门部支批类种对辆台人户张村镇乡"
_COUNT_IN_LIST = re.compile(rf"\d|[{_NUMERALS}]+[{_COUNT_MEASURES}]")
# a list's count after its last item ("…和平医院3家医院", "…6号楼共2栋"), not a number of the item's own ("西区6号楼")
_LIST_COUNTED = re.compile(rf"(?:{_SUMMED})?(?:\d+|[{_NUMERALS}]+)[{_COUNT_MEASURES}]")


def _sole_list(sentence: str) -> tuple[int, int] | None:
    """The one list of a sentence, for a question that asks for several things the sentence calls by another
    name or none ("要带哪些材料" on "…，需携带户口簿、房产证或购房合同、儿童出生医学证明原件。"): from after the last verb
    or preposition before its first 、 to the end of its clause. None where several clauses list, where a
    count follows the first item ("长治至太原、长治至郑州方向临时旅客列车6对"): the list ends before the clause does;
    or where a 等 closes it ("张明、李华等企业代表参加了座谈会"), with the kind's name that `_listed_of_kind` reads."""
    starts = {_clause_start(sentence, at) for at, mark in enumerate(sentence) if mark == "、"}
    if len(starts) != 1:
        return None
    clause_start = starts.pop()
    first = sentence.index("、", clause_start)
    end = _clause_end(sentence, first)
    if _COUNT_IN_LIST.search(sentence, first, end) or "等" in sentence[first:end]:
        return None
    start = None
    at = clause_start
    for word, flag in pos_tag(sentence[clause_start:first]):
        at += len(word)
        if flag.startswith(("v", "p")) and at < first:
            start = at
    # led by a verb or preposition and ending its clause, not the clause's subject ("东关社区、西街社区的志愿者走进…") nor
    # where a doing follows ("分别在人民公园、太行公园和滨河公园举行"), not people ("局长王强、副局长李红参加活动…")
    tagged = pos_tag(sentence[start:end]) if start is not None else ()
    if not tagged or "的" in sentence[first:end] or tagged[-1][1] == "v" or any(
            flag.startswith("nr") for _, flag in tagged):
        return None
    return start, end


def _counted_list(sentence: str, analysis: QuestionAnalysis, measure: str | None) -> tuple[int, int] | None:
    """"分成哪几类", "是哪几种": the list that the sentence counts in that measure word right after it or after
    是/为 ("将垃圾分为A、B、C和D4类" → A、B、C和D; "A、B、C是最常见的4种诈骗手法"), from after the last word of
    the question, or 分为, 包括, 种植…, in its first item, else from its clause's start; not a count of another
    noun than the question names ("为老人、残疾人等3类群体提供…" for "上门服务有哪些种类")."""
    for listed in _COUNTED_LIST.finditer(sentence):
        after = _NOUN_AFTER_COUNT.match(sentence, listed.end()).group()
        counted_word, flag = pos_tag(after)[0] if after else ("", "")
        if measure and listed.group(2) != measure or flag.startswith("n") and counted_word not in analysis.text:
            continue
        start, end = listed.span(1)
        first_end = sentence.index("、", start)
        # after the last word that leads to the list, as jieba cuts the first item (not the 有 of 有害垃圾)
        lead_end, at = start, start
        for word, _ in pos_tag(sentence[start:first_end]):
            at += len(word)
            if at < first_end and (word in _LIST_LEADS or word in analysis.terms and len(word) >= 2):
                lead_end = at
        return lead_end, end
    return None


_KINDS_ASKED = re.compile(r"哪几([类种])|哪些种类")
# (not 分别在, which places a doing: "分别在人民公园、太行公园和滨河公园举行")
_ONE_BY_ONE = re.compile(r"[^。；]{0,24}?(?:分别是|分别为|包括|即)：?([^，。；：、\d]+(?:、[^，。；：、\d]+)+)(?=[，。；]|$)")
_ITEM = r"[^，。；：、的]{1,12}?"
# "4类", "三大类", "17个树种"; not "等6人种了", where 种 plants
_COUNTED_LIST = re.compile(rf"((?:{_ITEM}、)+{_ITEM}(?:(?:和|及|以及|与){_ITEM})?)"
                           rf"(?:等|[是为][^，。；]{{0,6}}?)?[\d一二三四五六七八九十两]+(?:大|个[\u4e00-\u9fff]?)?([类种])")
_NOUN_AFTER_COUNT = re.compile(r"[\u4e00-\u9fff]{0,6}")
_LIST_LEADS = frozenset({"分为", "分成", "包括", "种植", "种下", "设有", "共设", "共有", "有", "为"})


def _listed_of_kind(sentence: str, kind: str) -> tuple[int, int] | None:
    """The things of the kind asked about that the sentence lists before 等 and the kind's name
    ("哪些公司" on "下设中科颐高、文三科技…等七大专业公司" → the companies), or after a word for the kind and
    为, 有 or 包括, to the end of the clause ("哪些树" on "主要树种为油松、侧柏、刺槐等"); None without such a
    list, or when more things follow the kind's name ("…等重点车辆及电动车、摩托车"), which the list leaves out.
    Or the things listed right before their count and the kind's name ("哪几个站" on "沿途新增前庄、后庄、西沟3个站点",
    "哪几样产业" on "重点发展A、B和C三大产业")."""
    named_first = _listed_after_kind(sentence, kind)
    # the patterns below, made for the kind, are compiled only where they can match
    if named_first or kind not in sentence:
        return named_first
    for counted in re.finditer(rf"等?[\d一二三四五六七八九十两]+[大个家所座条项名位处门部支批][\u4e00-\u9fff]{{0,3}}?{re.escape(kind)}"
                               rf"{_NOTHING_MORE}", sentence):
        if "、" in sentence[_clause_start(sentence, counted.start()):counted.start()]:
            return _before_etc(sentence, counted.start())
    etc = re.search(rf"等[^，。；、的等]{{0,6}}?{re.escape(kind)}{_NOTHING_MORE}", sentence)
    # a 等 after a list of the clause ("张明、李华等"), not one inside a word (高等, 同等, 等候), and the kind
    # itself named, not a noun it qualifies ("等企业代表")
    if (etc is None or "、" not in sentence[_clause_start(sentence, etc.start()):etc.start()]
            or is_word(sentence[etc.start() - 1:etc.start() + 1]) or is_word(sentence[etc.start():etc.start() + 2])):
        return None
    following = pos_tag(sentence[etc.end():_clause_end(sentence, etc.end())])
    return None if following and following[0][1] in ("n", "nr", "nt", "nz") else _before_etc(sentence, etc.start())


# No more things named after the kind's name ("…等两家子公司及华南研究院").
_NOTHING_MORE = r"(?![\u4e00-\u9fff]{0,2}(?:及|和|与))"
# Words for the kinds or contents of a thing that may follow its noun before its list ("服务内容包括", "树种为").
_KIND_WORDS = r"(?:主要|分别)?(?:内容|种类|类型|项目|种)?(?:主要|分别)?"


def _listed_after_kind(sentence: str, kind: str, *, between: str = r"[\u4e00-\u9fff]{0,2}") -> tuple[int, int] | None:
    """The things listed after a word for the kind, what may stand `between` (树种 for 树), and 为, 有 or 包括, to
    the end of the clause ("主要树种为油松、侧柏、刺槐等" → 油松、侧柏、刺槐)."""
    after_kind = _list_after(between)
    listed = next(filter(None, (after_kind.match(sentence, at + len(kind))
                                for at in _occurrences(kind, sentence, overlapping=True))), None)
    return listed.span(1) if listed else None


@functools.lru_cache(maxsize=None)
def _list_after(between: str) -> re.Pattern:
    """What follows the kind's name in `_listed_after_kind`: compiled once, and matched where the name stands,
    since a pattern made for each kind would be compiled anew for each new question."""
    return re.compile(rf"{between}(?:为|有|包括)：?([^，。；：、的]{{1,12}}(?:、[^，。；：、的]{{1,12}}?)+|(?:《[^》]{{1,20}}》、?){{2,}})"
                      rf"(?=等{{0,2}}(?:[，。；]|$)|等[\d一二三四五六七八九十两])")  # or "…等12部传统戏"


def _quoted_before(sentence: str, noun: str | None) -> tuple[int, int] | None:
    """"讲究什么原则" on "秉持着“教育为先”的原则", "发的是什么手册" on "发放《山西省社会信用条例》手册": the name in “”, 「」
    or 《》 (up to 40 characters) that the noun asked for follows; not one named to set the answer apart from it
    ("比起《变形金刚》玩具，孩子们更钟爱…", "除《焦点访谈》栏目外")."""
    if not noun:
        return None
    quoted = next((found for found in _QUOTED.finditer(sentence)
                   if (sentence.startswith(noun, found.end()) or sentence.startswith("的" + noun, found.end()))
                   and not _SET_APART.search(sentence, 0, found.start())), None)
    return quoted.span() if quoted else None


_SET_APART = re.compile(r"(?:比起|相比于?|除了?|除去|继|不同于|区别于|有别于|不像|而非|不是)$")


# What may follow an item of a list: punctuation or the end, more glue, or 等; any other character goes on
# with a word of which the noun is only the start.
_ITEM_ENDS = re.compile(r"(?![\u4e00-\u9fff])|、|和|及|与|或|等")


def _items_of_its_kind_end(sentence: str, end: int, noun: str) -> int:
    """Where the list that an item ending at `end` opens ends, if its items are of the kind asked about:
    "发展了哪些经济" on "发展民宿经济和旅游观赏经济" goes on past 和 to the next 经济 (an item of up to eight
    characters), and past any further glue so, within the clause."""
    clause_end = _clause_end(sentence, end)
    while glue := _LIST_GLUE.match(sentence, end):
        after = sentence.find(noun, glue.end(), min(clause_end, glue.end() + 8 + len(noun)))
        if after < 0:
            # on to the clause's end over short items by other names ("配建了哪些设施" on "…健身步道、儿童游乐
            # 设施、休闲座椅和公共厕所"), none a thing told of ("…和带动就业的产业") or counted ("和5名人才")
            return clause_end if _LIST_TAIL.fullmatch(sentence, end, clause_end) else end
        if not _ITEM_ENDS.match(sentence, after + len(noun)) or "的" in sentence[glue.end():after]:
            break  # not "和经济林种植", nor a thing told of: "和带动就业的产业"
        first_word, flag = pos_tag(sentence[glue.end():after + len(noun)])[0]
        if flag in ("v", "a") and glue.end() + len(first_word) < after:
            break  # nor a doing, "和壮大集体经济" (壮大: a); "围棋/v 课程" is an item
        end = after + len(noun)
    return end


_LIST_TAIL = re.compile(r"(?:(?:、|和|及|与|以及)[^，。；：、的和及与\d]{1,8})+")  # not "和200个停车位"


# The kinds of document a government or a court issues, which end their titles; and a law's title (法 or
# 法典, not 办法, 方法).
_DOCUMENT_KINDS = ("条例", "规定", "通知", "意见", "决定", "方案", "规划", "细则", "纲要", "公告", "通告")
_LAW_TITLE = re.compile(r"《[^《》]{0,40}(?<![办方做看说想])法典?》")
# A document's number, "潞州编办发〔2020〕51号": the issuer's short name (not a preposition before it:
# "根据县教发〔2021〕12号"), the year in brackets, the number.
_DOCUMENT_NUMBER = re.compile(r"(?:(?!根据|依据|按照|依照|遵照|按|据|依)[\u4e00-\u9fff]){2,10}[〔［\[（(]\d{4}[〕］\]）)]\d+号")
# A question that asks by which document something was done ("按啥条例申请", "根据哪个编号的文件"):
# elsewhere "提出了什么意见" or "作出了什么决定" asks what was proposed or decided, not for a title.
_BY_DOCUMENT = re.compile(r"(?:按|据|依|遵照)[^，。？?]{0,4}?(?:什么|哪)")


def document_span(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """What names the document that a question asks by ("按什么条例申请" on "按照《…条例》…规定，拟申请"),
    where the gap's words may not be the sentence's: for 文号 or 编号 the document's number, for a kind of
    document (条例, 通知, 法) the title in 《》 that ends in it; None for any other question, or if the
    sentence has neither."""
    noun = analysis.wh_noun
    if not noun or not _BY_DOCUMENT.search(analysis.text):
        return None
    if noun in ("文号", "编号"):
        found = _DOCUMENT_NUMBER.search(sentence)
    elif noun == "法":
        found = _LAW_TITLE.search(sentence)
    elif noun.endswith(_DOCUMENT_KINDS):  # not "包含哪些科学" on a book 《计算神经科学》
        found = re.search(rf"《[^《》]{{0,40}}{re.escape(noun)}》", sentence)
    else:
        return None
    return found.span() if found else None


_NAMED_WH = re.compile(r"(?:叫|名为|叫做|称为|是)什么(?:名字)?[？?]?$")
_QUOTED = re.compile(r"《[^《》]{1,40}》|「[^「」]{1,40}」|“[^“”]{1,40}”")


def _title_after_asked_noun(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """"第一部诗集叫什么" on "出版了第一部诗集《人象石柱》": the title or quoted name that the sentence
    writes right after the question's last term before "叫什么"/"是什么"; None without one."""
    wh = _NAMED_WH.search(analysis.text)
    if wh is None:
        return None
    term = next((t for t in reversed(analysis.terms) if t in analysis.text[:wh.start()]), None)
    for at in _occurrences(term, sentence) if term else ():
        quoted = _QUOTED.match(sentence, at + len(term))
        if quoted:
            return quoted.span()
    return None


# The post a who-question may ask by ("哪位老师" → 老师).
_ROLE = re.compile(rf"副?(?:{POSTS})")  # "副院长" asks for the deputy, not the 院长
# What a post ends in ("常务副区长", "区委常委"), and an occupation ("中国足球运动员", "漫画家").
_POST_END = re.compile(rf"(?:{POSTS}|常委|委员|组长|总监)$")
_SAYS = frozenset("说讲称谈指")


def name_after_post(sentence: str, gap: tuple[int, int]) -> tuple[int, int]:
    """Of a gap right after a post that runs on past the name ("局长赵明远出席开业仪式", where jieba tags 赵/nr
    明远/a and knows no name), the name: once it has two characters, up to the next word of two that is no name's
    (出席, 出席会议) or 说, if two to four characters; so 王国/ns 庆/vg 出席会议/l gives 王国庆."""
    start, end = gap
    if end - start <= 4 or not _POST_END.search(sentence, 0, start):
        return gap
    at = start
    for word, flag in pos_tag(sentence[start:end]):
        if not ALL_HAN.fullmatch(word) or at - start >= 2 and (
                len(word) >= 2 and not flag.startswith("nr") or word in _SAYS):
            break
        at += len(word)
    return (start, at) if 2 <= at - start <= 4 else gap
_OCCUPATION = re.compile(r"(?:家|员|师|手|者|星|人物)$")
_DESCRIBED_AS = re.compile(r"(?:现为|目前为|是|为)")


def post_of(sentence: str, name: str) -> tuple[int, int] | None:
    """The post or occupation of the person `name`: written before the name ("常务副区长王峰"), or in one
    of the three clauses right after it, past an aside ("杨昊（），中国足球运动员，司职中场" → 中国足球运动员;
    "牛佬，香港漫画家"), a clause that ends in a word for an occupation (…家, …员, …手, …者)."""
    before = _post_before(sentence, name)
    if before:
        return before
    for at in _occurrences(name, sentence):
        aside = _ASIDE.match(sentence, at + len(name))
        start = aside.end() if aside else at + len(name)
        if not sentence.startswith(("，", ","), start):  # only a name set apart, as the sentence's topic
            continue
        for _ in range(3):
            start += sentence.startswith(("，", ","), start)
            described = _DESCRIBED_AS.match(sentence, start)
            start = described.end() if described else start
            end = _clause_end(sentence, start)
            if 2 <= end - start <= 20 and _OCCUPATION.search(sentence, start, end):
                return start, end
            if end >= len(sentence) or sentence[end] not in "，,":
                break
            start = end
    return None


def _post_before(sentence: str, name: str) -> tuple[int, int] | None:
    """The post written right before `name` ("区委常委、常务副区长王峰" → 区委常委、常务副区长): the
    words before it, back to a clause mark, a preposition, conjunction, particle, adverb, pronoun or
    numeral, a verb of two characters or more (jieba cuts "区/住/建局"; a verbal noun is part of the
    post: "施工/vn 负责人"), or another person's name in a list ("王峰、副区长孟明"); it must end in a
    word for a post. None when no mention of the name has one."""
    for at in _occurrences(name, sentence):
        start, after = at, ""
        for word, flag in reversed(pos_tag(sentence[:at])):
            if (word in _CLAUSE_END or flag.startswith(("p", "c", "u", "d", "r", "m"))
                    or flag.startswith("v") and flag != "vn" and len(word) > 1
                    or flag.startswith("nr") and after == "、"):
                break
            start, after = start - len(word), word
        while start < at and sentence[start] == "、":
            start += 1
        if _POST_END.search(sentence[start:at]):
            return start, at
    return None


def asked_post(analysis: QuestionAnalysis) -> str | None:
    """The post a who-question asks by ("哪位老师" → 老师), None for any other question."""
    role = _ROLE.search(analysis.text) if analysis.answer_type is AnswerType.PERSON else None
    return role.group() if role else None


def names_post(sentence: str, analysis: QuestionAnalysis) -> bool:
    """Whether the sentence names the post of the person asked for ("哪位老师" → 老师, or 教师), if
    the question asks by post."""
    post = asked_post(analysis)
    # a deputy's post only as written: "副院长" is not named by 院长
    return post is None or (post in sentence if post.startswith("副") else term_match(post, sentence) > 0.0)


def of_another_body(sentence: str, span: tuple[int, int], analysis: QuestionAnalysis) -> bool:
    """Whether the name at `span` holds the post asked for at another body than the question's ("区自然资源局
    副局长是谁" is not answered by "区卫生健康局副局长段晓峰"), or holds its deputy's ("…局长是谁" by "副局长李伟")."""
    return holds_post_asked(sentence, span, analysis) is False


def holds_post_asked(sentence: str, span: tuple[int, int], analysis: QuestionAnalysis) -> bool | None:
    """Whether the name at `span` holds the post a who-question asks by, at the body it names: None where the
    post does not stand right before the name, or either body is one this cannot read ("该局局长", "会上…");
    True where it does and the question or the sentence names no body there ("局长是谁", "区水务局局长王强、
    副局长李伟"); False for the deputy of a post asked without 副, or another body. The body is the name written
    right before the post, in the question and before the name in the sentence (`_same_body`)."""
    post = asked_post(analysis)
    at = sentence.rfind(post, 0, span[0]) if post and _ASKS_WHO_HOLDS.search(analysis.text) else -1
    if at < 0 or not _BETWEEN_POST_AND_NAME.fullmatch(sentence, at + len(post), span[0]):
        return None
    if not post.startswith("副") and sentence.endswith("副", 0, at):
        return False
    asked = _body_before(analysis.text, analysis.text.find(post))
    named = _body_before(sentence, at)
    if asked is None or named is None:
        return None
    return not asked or not named or _same_body(asked, named)


# Asks who holds a post ("局长是谁", "谁是华兴集团的总裁"), not who is related to one who does ("总理X的父亲是谁").
_ASKS_WHO_HOLDS = re.compile(rf"(?:{POSTS})(?:是|叫)?(?:谁|什么名字|哪位)|(?:{POSTS})叫(?:做)?什么|谁是[^，。？?]*(?:{POSTS})[？?]?$")


def _body_before(text: str, end: int) -> str | None:
    """The body's name that `text` writes right before `end` (where a post stands): "" where nothing is written
    there ("、副局长李伟"), None where what is written is no body's name or refers back ("该局", "会上孙明"),
    from after a word that leads to it ("据区水务局", "孟明与颐高集团", "谁是水务局的局长")."""
    run = _NAME_RUN_BEFORE.search(text, 0, max(end, 0))
    if not run:
        return ""
    name = run.group().removesuffix("的")
    name = name[max((m.end() for m in _LEADS_TO_BODY.finditer(name)), default=0):]
    if not (core := _PARTY_ORGAN.sub("", name)) or _BODY_END.fullmatch(core):
        return ""  # the kind alone ("集团董事长", "社区主任", "村党支部书记"): the body told of
    return name if _BODY_END.search(name) and not _REFERS_BACK.search(name) else None


_LEADS_TO_BODY = re.compile(r"是|与|据|从|对|向|由|在|会上|和(?=[区市县省])")
_BODY_END = re.compile(rf"(?:{ORG_SUFFIX.pattern.removesuffix('$')}|党支部|党总支|党组|党委|村委会|居委会|村|社区|街道|镇|乡)$")


def _same_body(asked: str, named: str) -> bool:
    """Whether two names before a post are one body's: without the district's 区/市/县, a company's kind and a
    party organ's name, one's characters stand in order in the other's from its first ("住建局" in "住房和城乡
    建设局", "二院" in "第二人民医院", "区法院" in "区人民法院", "华兴公司" for 华兴实业有限公司; not "区人民医院" for
    区第二人民医院, nor 医院 for 中医院), after a place that one writes before it ("山西", "长治市") or the body it
    is a unit of ("第一税务分局" in "区税务局第一税务分局"). Not a body and a unit of it named after it ("区税务局" and
    "区税务局第一税务分局"): the unit has a head of its own."""
    asked, named = (_PARTY_ORGAN.sub("", _COMPANY_KIND.sub("", name.lstrip("区市县省"))) for name in (asked, named))
    short, long = sorted((asked, named), key=len)
    if not short or (first := long.find(short[0])) < 0:
        return False
    unit = long[first + len(short):] if long.startswith(short, first) else ""
    if _SUBUNIT.fullmatch(unit) and not _OFFICE.search(unit):
        return False
    before = long[:first]  # nothing, 第 ("二院"), a place ("山西潞鼎伟业商贸有限公司", "长治市…") or a body
    return (not before or before in ("第", "人民") or before.endswith(("省", "市", "县", "区"))
            or _BODY_END.search(before) is not None
            or [flag for _, flag in pos_tag(before)] == ["ns"]) and in_order(short, long[first:])


# A unit of a body, with a name of its own ("第一税务分局", "就业服务中心", "城关派出所"), not the body's own office or
# kind written after a short name ("东关社区居委会", "城关镇政府", "东城街道办事处", "区纪委监委", "太行集团").
_SUBUNIT = re.compile(r"[\u4e00-\u9fff]+(?:分局|分公司|分行|分院|中心|大队|支队|中队|站|所|科|处|室|馆)")
_OFFICE = re.compile(r"^(?:居委会|村委会|委员会|政府|办事处|监委|集团|党委|党组|党支部)")
# A company's kind, which one name may write and another not ("华兴公司", "华兴集团", "华兴实业有限公司"), and a
# party organ of a body ("东坡村党支部", "区水务局党组")
_COMPANY_KIND = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)$")
_PARTY_ORGAN = re.compile(r"(?:党支部|党总支|党组|党委)$")


def in_order(short: str, long: str) -> bool:
    """Whether the characters of `short` stand in `long` in their order ("商信" in "商业信用")."""
    rest = iter(long)
    return all(character in rest for character in short)


_NAME_RUN_BEFORE = re.compile(r"[\u4e00-\u9fff]+$")
_REFERS_BACK = re.compile(r"[该本其][\u4e00-\u9fff]{1,3}$")  # "会上该局", "本中心"
_BETWEEN_POST_AND_NAME = re.compile(r"[：:\s]?")


# Why and how: a sentence often says again, in one clause, what the question asks about; the reason or
# the means stand in the clauses beside it.
# 因 as "because", not in 因此, 因而, 因素 or 因地制宜; 为 not in 为期, 为主; a 为-clause that ends in 所 and a verb is
# passive ("为…所诬").
_YIN = r"因(?!此|而|素|子|果|特|地制宜|人而异|时制宜|村施策|材施教|势利导)"
_PURPOSE_WEI = r"为(?!主|此|何|什么|期|止)"  # a 为 that gives a purpose: not 为主, 为此, 为何, 为什么, 为期, 为止
_REASON_OPENS = re.compile(rf"由于|因为|{_YIN}|为了|{_PURPOSE_WEI}")
_RESULT_OPENS = re.compile(r"因此|所以|因而|于是|故而|从而")
_RESULT_INSIDE = re.compile(r"而|(?<![行即促大])使(?![用命者馆])")
_GOES_ON = re.compile(r"且|并且|而且|加上|再加上|又|同时")
_REASON_CLAUSE_OPENS = re.compile(r"而?(?:由于|因为)")
_REASON_INSIDE = re.compile(rf"由于|因为|{_YIN}")
# (a bare 为 only where it opens the sentence: "为保障春节期间城区环境卫生，…")
_REASON_CLAUSE = re.compile(rf"(?:^|[，；：])((由于|因为|为了|^{_PURPOSE_WEI})[^，。；！？]+)")
# Words that name a reason as such: what follows them is the reason.
_REASON_NAMED = re.compile(r"(?:主要|根本|直接)?(?:原因(?:是|在于)|是因为|是由于|得益于|看中了?|源于|归功于)[：:]?")
_DONE_ABOUT_IT = re.compile(r"^通过|^为了|^以(?!及)|将|计划")
_PURPOSE_ASKED = re.compile(r"(?:为什么|为何)[\u4e00-\u9fff]{0,8}?要")
_PASSIVE_END = re.compile(r"所[\u4e00-\u9fff]{1,2}$")
_PURPOSE_FOLLOWS = re.compile(r"是?(?:以便|以免|以防|确保|旨在|为了|因为|由于|(?:方便(?!快捷|实用)|便于)(?![\u4e00-\u9fff]{0,4}的))")
_SETTING = re.compile(r"近日|近期|日前|近年来|今年以来|去年以来|当前|同时|此外|[^，；]{0,8}(?:期间|以来|过程中|之际|时)|"
                      r"[^，；]{0,8}(?:表示|说|指出)")  # a clause that only says when, or who speaks
# What leads into a report's sentence: a setting, who tells it, the dateline ("本报讯：今年", "据悉",
# "村党支部书记王海涛告诉记者")
_LEADS_IN = re.compile(rf"(?:本报讯[^，；：:]{{0,16}}[：:]?)?(?:{_SETTING.pattern}|[^，；]{{0,20}}(?:介绍|表示|说|指出|透露|称|"
                       r"告诉记者|了解到|获悉)|据悉|据了解|今年|去年|目前)?")
_MOVES_ON = re.compile(r"目前|现在|如今|同时|此外|随后|今后|下一步|接下来")
# How something was achieved: not what it is like (怎样的), what is done with it (怎么办, 如何处理), what
# was said of it (怎样描述, 如何评价) or where it comes from (怎么来的, 怎么得名).
_HOW_ASKED = re.compile(r"(?:怎么(?!样)|怎样(?!的)|如何|咋)(?!办|做|干|弄|搞|处理|处置|安排|描述|评价|看待|介绍|解释|说的|讲的|称|"
                        r"回应|认为|形容|记载|来的|得名)")
_MEANS_SAID = re.compile(r"通过|采取|采用|利用|借助|依靠|结合|依托")
_WHAT_TO_DO = re.compile(r"(?:怎么|怎样|如何|咋)(?:办|处理|做(?=的?[呢吗]?[？?]?$))")
# what a deed achieves or adds up to ("…，做好秸秆禁烧工作，确保…", "…，共排查隐患32处"): no step to take
_DONE_FOR = re.compile(r"确保|切实|让|使|实现|从而|进而|有效|共|累计|为")
_CASE_WORDS = re.compile(r"对于|对|如果|若|一旦|遇到|的|了|时|后")
# Not the 通过 of a vote ("审议通过了新的停车收费方式", "研究通过《…办法》"), nor the 形式 of 形式主义.
# nor passing a check ("项目通过验收后", "通过笔试后")
_MEANS_LEAD = (r"(?:(?<!审议)(?<!表决)(?<!研究)(?<!议并)(?<!究并)通过(?!了|验收|审核|考核|评审|审批|考试|笔试|面试|初审|复审)"
               r"|采取|采用|利用(?!率)|借助|依靠)")
# a lead with its means after it (not "…和资源化利用。"), and another way the sentence gives besides ("也可通过…")
_MEANS_LED = re.compile(_MEANS_LEAD + r"(?![，。；！？]|$)")
_ALSO_BY = re.compile(r"(?:也|还|或)(?:可|能)?(?:以)?" + _MEANS_LEAD)
_MEANS_NAMED = re.compile(_MEANS_LEAD + r"[^，。；！？]{2,40}?(?:方式|方法|办法|形式(?!主义)|途径|手段|模式)")
# A how question that asks for the means by name ("采取什么方式", "用什么办法").
_MEANS_ASKED = re.compile(r"(?:什么样的?|什么|哪种|哪些)(?:方式|方法|办法|形式|途径|手段|模式)")
_RESTATES = 0.5  # the share of the question's terms (its subject aside) that a clause saying it again holds
# Or a quarter of them, in a last clause that holds clearly more than any other: a question in everyday words shares
# few with the article ("个人所得税是全免吗" on "…不超过100万元的部分，个人所得税减半征收"). Not a clause that others
# follow, which may take back what it says ("…已完成红绿灯安装，但尚未投入使用", "…追回工资580万元，剩余案件正在办理中").
_RESTATES_ALONE, _CLEARLY_MORE = 0.25, 1.3


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """The clauses of `sentence` (parted by ，；：), not parting inside quotation marks or brackets, without
    the closing mark."""
    # A quotation that opens the sentence is what someone said, parted like any sentence.
    start = 1 if sentence.startswith("“") else 0
    spans, closing = [], []
    for i, ch in enumerate(sentence[start:], start=start):
        if closing and ch == closing[-1]:
            closing.pop()
        elif ch in _PAIRED_MARKS:
            closing.append(_PAIRED_MARKS[ch])
        elif not closing and ch in "，；：,;:":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(sentence.rstrip("。！？!?…”"))))
    return [(s, e) for s, e in spans if e > s]


def _only_restates(clause: str, terms: Sequence[str]) -> bool:
    """Whether the clause holds little but the question's terms and the words that set a case ("对于多次不按规定投放的")."""
    for term in sorted(terms, key=len, reverse=True):
        clause = clause.replace(term, "")
    return sum(len(run) for run in ALL_HAN.findall(_CASE_WORDS.sub("", clause))) <= 2


def _run_end(texts: Sequence[str], held: Sequence[float], first: int) -> int:
    """The last of the clauses from `first` on that go on with it: up to one that moves on to something
    else ("目前…") or says the question again."""
    last = first
    while last + 1 < len(texts) and not _MOVES_ON.match(texts[last + 1]) and held[last + 1] < _RESTATES:
        last += 1
    return last


def _parted(sentence: str, analysis: QuestionAnalysis) -> tuple[list[tuple[int, int]], list[str]] | None:
    """The sentence's clauses and the question's terms, its subject aside; None for a sentence of one
    clause, or a question without terms."""
    clauses, terms = _clauses(sentence), _terms_besides_subject(analysis)
    return (clauses, terms) if len(clauses) >= 2 and terms else None


def _terms_besides_subject(analysis: QuestionAnalysis) -> list[str]:
    """The question's terms that are not in its subject (all of them where every one is)."""
    return [t for t in analysis.terms if t not in (analysis.subject or "")] or list(analysis.terms)


def _restated(sentence: str,
              analysis: QuestionAnalysis) -> tuple[list[tuple[int, int]], list[float], int, list[str]] | None:
    """The sentence's clauses, the share of the question's terms (its subject aside) that each holds,
    which of them says the question again (the last that holds most), and those terms; None for a
    sentence of one clause, or one whose every clause holds less than half of the terms."""
    if (parted := _parted(sentence, analysis)) is None:
        return None
    clauses, terms = parted
    held = [coverage(terms, sentence[s:e]) for s, e in clauses]
    said = max(range(len(clauses)), key=lambda i: (held[i], i))
    return (clauses, held, said, terms) if held[said] >= _RESTATES else None


def said_again(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """For a yes-or-no question, the clause of `sentence` that says what it asks, which a reader checks
    ("潞鼎伟业是长治地区的独家代理吗" on "2019年该公司加盟…，并取得长治地区独家代理，开创了…" → 并取得长治
    地区独家代理). Of the clauses that hold the question's last term, what is asked of the subject ("新体育馆
    今年开放吗" on "新体育馆今年完成主体建设，明年正式开放" → 明年正式开放), or of all where none does ("少了吗"
    on "增加了10%"), the one that holds most of its terms; from a condition right before it ("如果天气允许，
    …"), or from the clause right before it where only that one names the subject ("…常务副区长王峰，…孟明
    带队赴上海…" for "王峰去上海了吗"). None when that clause holds less than half of the question's terms
    (its subject aside), unless it is the one clause that holds the last term and says yes or no to it (不…, 免…,
    保留…) with no exception after it, or it is the last clause, holds a quarter and clearly more than any other,
    and is not all the sentence with the clause before it: the whole sentence answers."""
    if (parted := _parted(sentence, analysis)) is None:
        return None
    clauses, terms = parted
    subject = analysis.subject or ""
    asked = terms[-1] if len(terms[-1]) >= 2 else None
    texts = [sentence[s:e] for s, e in clauses]
    # A clause that says the contrary of the last term, and holds most of the question's other terms, says what
    # is asked too, read with the term for the terms it holds: "星期一开放吗" on "…开放时间为每周二至周日…，周一
    # 闭馆" → 周一闭馆; not "物业费提高了吗" on "车库收费标准降低，…". Where both do, the one that says it wins.
    others = [term for term in terms if term != asked]
    read, contrary = list(texts), [False] * len(texts)
    contrary_words = contraries(asked) if asked and others else ()
    for i, text in enumerate(texts):
        said_contrary = [word for word in contrary_words if word in text]
        if said_contrary and term_match(asked, text) == 0.0 and coverage(others, text) >= _RESTATES:
            read[i], contrary[i] = text.replace(said_contrary[0], asked), True
    said_of = [i for i, text in enumerate(texts) if not _SETTING.fullmatch(text)]
    # Where no clause holds the last term, the question may say it otherwise ("少了吗" on "增加了10%"); a
    # term of one character ("种的吗") is found inside too many words to go by.
    saying = [i for i in said_of if asked and term_match(asked, read[i]) > 0] or said_of
    if not saying:
        return None
    held_by = {i: coverage(terms, read[i]) for i in said_of}
    said = max(saying, key=lambda i: (held_by[i], not contrary[i], len(subject) >= 2 and subject in texts[i]))
    held = held_by[said]
    runner_up = max((share for i, share in held_by.items() if i != said), default=0.0)
    # the one clause that holds what is asked and says yes or no to it ("…，不收取接入费用" for "要交接入费吗"), unless a
    # later clause tells an exception: a quarter of the terms, with one it lacks ("…均不收费，但园内游乐项目…收取费用")
    settles = (len(saying) == 1 and saying != said_of and _YES_OR_NO.search(texts[said]) is not None
               and not _exception_after(said, texts, held_by, terms))
    if held < _RESTATES and not settles and not (said == len(clauses) - 1 and held >= _RESTATES_ALONE
                                                 and held >= _CLEARLY_MORE * runner_up):
        return None
    start, end = clauses[said]
    if said and (_CONDITION.match(texts[said - 1]) or len(subject) >= 2 and subject not in texts[said]
                 and subject in texts[said - 1]):
        start = clauses[said - 1][0]
    # below half, a clause that needs all the others with it ("区游泳馆周一闭馆进行消毒，其余时间正常开放") is no cut
    if held < _RESTATES and (start, end) == (clauses[0][0], clauses[-1][1]):
        return None
    return start, end


def _exception_after(said: int, texts: Sequence[str], held_by: dict[int, float], terms: Sequence[str]) -> bool:
    """Whether a clause after the `said` one holds a quarter of the question's terms (`held_by`), one of them a term
    the `said` clause lacks."""
    lacking = [term for term in terms if term_match(term, texts[said]) == 0]
    return any(held_by.get(j, 0.0) >= _RESTATES_ALONE and any(term_match(term, texts[j]) > 0 for term in lacking)
               for j in range(said + 1, len(texts)))


_CONDITION = re.compile(r"如果|假如|若|只要|一旦|除非")
# Words that say yes or no: a negation or a leave (不, 没有, 免, 无需), a permission or a ban, what is kept; not
# 不断, 不少, 不仅…, which say neither.
_YES_OR_NO = re.compile(r"不(?!断|少|仅|同|久|过|但|论|管|稳|足|良|规)|没有|未|无需|无须|免|均可|可以|禁止|严禁|保留|仍")


def _after_yin(clause: str, asked: Sequence[str] = ()) -> tuple[int, int] | None:
    """What follows a 因, 由于 or 因为 inside `clause` (not opening it, nor in 原因 or 基因), up to a 而 or a 使 that
    gives the result ("因收视率受到好评使…得以延长"), or a term `asked` that says what it caused ("比赛因天气原因取消"
    for "为什么取消", "因空调系统改造闭馆三天"; not one that ends a name, "因英雄南路小学教学楼改造": 小学), or to the
    clause's end."""
    inner = _REASON_INSIDE.search(clause, 1)
    if not inner or is_word(clause[inner.start() - 1:inner.start() + 1]):
        return None
    result = _RESULT_INSIDE.search(clause, inner.end())
    end = min([result.start() if result else len(clause),
               *(at for term in asked if (at := clause.find(term, inner.end())) >= 0
                 and not _ends_a_name(clause, inner.end(), at))])
    return (inner.end(), end) if end > inner.end() else None


def _ends_a_name(text: str, start: int, at: int) -> bool:
    """Whether what stands at `at` goes on a name begun before it, after `start` ("英雄南路/ns 小学")."""
    before = pos_tag(text[start:at])
    return bool(before) and before[-1][1] in ("ns", "nr", "nz", "nt")


def reason_or_means(sentence: str, analysis: QuestionAnalysis) -> tuple[int, int] | None:
    """For a why question, or a how question that names what was achieved ("怎么让小微企业贷款更省事"),
    the clauses of `sentence` that give the reason or the means, beside the clause that says again
    what the question asks: "为进一步规范辖区道路交通秩序，营造…环境，近日，…开展了专项整治行动" → its two
    为-clauses; "…管理维护好核酸检测等设备，确保紧急情况下能立即启用" → the 确保 clause; "…秉持着“教育为先”的
    原则，以案说法，讲解…后果，引导广大市民遵守交通法规" → what follows the doer's name up to the last clause.
    For a how question, means named as such ("救援人员通过无人机喊话的方式引导…转移" → 通过无人机喊话的方式),
    the last before the end of the clause that says it again, if one does. For a why question, a reason named as
    such ("票价上调主要是因为…", "原因是…", "得益于…") is what follows those words; without a lead, the clause before
    a 因此 that opens the one saying it again, or what follows a 因 inside it or the clause before ("快餐店因使用过期原料，
    被处以罚款"; "该校因生源减少而停止招生"). None when the sentence does not part that way: then the whole sentence
    answers."""
    if analysis.answer_type is AnswerType.REASON and (named := _REASON_NAMED.search(sentence)):
        # "票价上调主要是因为今年演出场次增加了一倍，演员劳务和安保投入相应增加，门票收入将…": what follows the words
        # that name the reason, up to a clause that moves on or says the question again
        # (a quotation right after them is the reason whole: "原因是“一边吃不饱，一边吃不下”"), and not what is
        # done about it or planned ("通过整合两校资源…", "门票收入将…")
        if sentence.startswith("“", named.end()) and (close := sentence.find("”", named.end())) > 0:
            return named.end(), close + 1
        clauses = _clauses(sentence)
        first = next((i for i, (_, e) in enumerate(clauses) if named.end() < e), None)
        if first is not None:
            terms = _terms_besides_subject(analysis)
            texts = [sentence[s:e] for s, e in clauses]
            last = _run_end(texts, [coverage(terms, text) for text in texts], first)
            last = next((i - 1 for i in range(first + 1, last + 1) if _DONE_ABOUT_IT.search(texts[i][:6])), last)
            return max(named.end(), clauses[first][0]), clauses[last][1]
    restated = _restated(sentence, analysis)
    if analysis.answer_type is AnswerType.MANNER and (_HOW_ASKED.search(analysis.text)
                                                      or _MEANS_ASKED.search(analysis.text)):
        said_end = restated[0][restated[2]][1] if restated else len(sentence)
        if named := [m.span() for m in _MEANS_NAMED.finditer(sentence, 0, said_end)]:
            return balanced(sentence, named[-1])  # "通过出台《…管理办法》": the title whole
        # means not named as such: from the word that leads them to the end of their clause, with what they
        # did ("补偿款全部通过“一卡通”直接打入农户银行账户，杜绝截留挪用" → 通过…账户), or on to the clause that says
        # the question again ("利用闲置校舍，引进服装加工企业，带动…"), and on over another way given besides
        # ("…，也可通过“潞州发布”微信公众号留言")
        if led := [m.start() for m in _MEANS_LED.finditer(sentence, 0, said_end) if m.group() not in analysis.terms]:
            end = _clause_end(sentence, led[-1])
            if restated and end < restated[0][restated[2]][0]:
                end = restated[0][restated[2] - 1][1]
            while end < len(sentence) - 1 and _ALSO_BY.match(sentence, end + 1):
                end = _clause_end(sentence, end + 1)
            return led[-1], end
    if restated is None:
        # No clause says the question again ("为什么很多实验做不了" on "长期以来，由于校舍紧张，学校的科学课只能在
        # 普通教室里上，很多实验无法开展"): a single clause that opens on 由于 or 因为 gives the cause, on 为了
        # (or a 为 that opens the sentence) the purpose, which only "为什么要…" asks ("收入为什么下降了" is not
        # answered by "为了减少损失").
        leads = [m.span(1) for m in _REASON_CLAUSE.finditer(sentence)
                 if analysis.answer_type is AnswerType.REASON
                 and (m.group(2) not in ("为了", "为") or _PURPOSE_ASKED.search(analysis.text))]
        if len(leads) == 1:
            return leads[0]
        # or, in a sentence of one clause, what stands between its 因 and the 而 of what it caused ("该校因生源减少
        # 而停止招生")
        one_clause = analysis.answer_type is AnswerType.REASON and _parted(sentence, analysis) is None
        reason = _after_yin(sentence) if one_clause else None
        return reason if reason and reason[1] < _clause_end(sentence, reason[0]) else None
    clauses, held, said, terms = restated
    texts = [sentence[s:e] for s, e in clauses]
    if analysis.answer_type is AnswerType.REASON:
        def leads(i: int) -> bool:
            return _REASON_OPENS.match(texts[i]) is not None and not _PASSIVE_END.search(texts[i])

        # the nearest lead, with the leads right before it ("因疫情防控需要，为保障师生健康，…")
        opens = next((i for i in reversed(range(said)) if leads(i)), None)
        while opens and leads(opens - 1):
            opens -= 1
        if opens is not None:  # "由于X，Y，(它)…": back to the clause before the one saying it again
            last = opens
            while last + 1 < said and not _SETTING.fullmatch(texts[last + 1]) and held[last + 1] < _RESTATES:
                last += 1
            return clauses[opens][0], clauses[last][1]
        # "…，发现每天17时后仍有约150人来院咨询，因此决定开设夜间门诊": the clause before 因此, with those before it that
        # it goes on from ("评价很高，加上前作广受好评，因而…") or that open the reason ("而由于延迟上市，…，且…，因此")
        if said and _RESULT_OPENS.match(texts[said]) and not _SETTING.fullmatch(texts[said - 1]):
            first = said - 1
            while first and _GOES_ON.match(texts[first]) and not _SETTING.fullmatch(texts[first - 1]):
                first -= 1
            first = next((i for i in range(max(0, said - 4), first) if _REASON_CLAUSE_OPENS.match(texts[i])), first)
            return clauses[first][0], clauses[said - 1][1]
        # "一家快餐店因使用过期原料，被处以罚款": what follows the 因 of that clause or the one before
        for i in (said, said - 1) if said else (said,):
            if reason := _after_yin(texts[i], [term for term in terms if len(term) >= 2]):
                return clauses[i][0] + reason[0], clauses[i][0] + reason[1]
        if said + 1 == len(clauses) or not _PURPOSE_FOLLOWS.match(texts[said + 1]):
            return None
        return clauses[said + 1][0] + texts[said + 1].startswith("是"), clauses[_run_end(texts, held, said + 1)][1]
    if (_WHAT_TO_DO.search(analysis.text) and said + 1 < len(clauses) and _only_restates(texts[said], analysis.terms)
            and not _DONE_FOR.match(texts[said + 1])):
        # "发现有人落水该怎么办" on "…提醒，发现有人落水，应立即拨打110报警，切勿盲目下水施救，…": what to do follows
        # the clause that says the case again, when it says nothing more ("科学合理利用方舱医院" says what is done)
        return clauses[said + 1][0], clauses[_run_end(texts, held, said + 1)][1]
    asks_how = _HOW_ASKED.search(analysis.text)
    how = asks_how or _MEANS_ASKED.search(analysis.text)  # or "用什么办法调动积极性"
    if len(terms) < 2 or not how:
        return None  # "高英是怎么死的" names nothing achieved beside its subject; "…是怎样的" asks what it is like
    # What was achieved is said after the wh-word: where the sentence holds it, that clause says it again.
    achieved = [t for t in terms if analysis.text.find(t, how.end()) >= 0 and term_match(t, sentence) > 0]
    if achieved and coverage(achieved, texts[said]) == 0.0:
        return None
    if _MEANS_SAID.search(texts[said]):
        return None  # the clause that says it again gives the means too
    # "为满足市场需求，近年来，该公司采取…": after it (also after what leads in: "局长任志刚介绍，为了…，…")
    if texts[said].startswith("为") and all(_LEADS_IN.fullmatch(t) for t in texts[:said]):
        first = said + 1
        while first < len(clauses) and _SETTING.fullmatch(texts[first]):
            first += 1
        if first == len(clauses) or _MOVES_ON.match(texts[first]):
            return None
        return clauses[first][0], clauses[_run_end(texts, held, first)][1]
    if not asks_how:
        return None  # "用什么办法" without a purpose said first: the whole sentence
    # The means go before what they achieve, back to a setting, or to the clause that names the doer (all
    # the question's words before its how-word): "区金融服务中心聚焦…，不断简化…" → from what follows the name.
    doer = [t for t in analysis.terms if analysis.text.find(t) < how.start()]
    first = said
    while first > 0 and not _SETTING.fullmatch(texts[first - 1]) and held[first - 1] < held[said]:
        first -= 1
        if doer and all(t in texts[first] for t in doer):
            named_to = max(texts[first].find(t) + len(t) for t in doer)
            start = clauses[first][0] + named_to
            if len(_WORDLIKE.findall(sentence, start, clauses[first][1])) < 2:  # "据…药库称": nothing but 称
                first += 1
                break
            return start, clauses[said - 1][1]
    return (clauses[first][0], clauses[said - 1][1]) if first < said else None
