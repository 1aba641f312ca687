import pytest

from qa.question import (AnswerType, analyse, answer_type_of, answers_given, followup_readings, headline_aspect,
                         resolve_followup)


@pytest.mark.parametrize("question, expected", [
    ("颐高集团的总裁是谁？", AnswerType.PERSON),
    ("颐高集团的总裁叫什么名字？", AnswerType.PERSON),
    ("爱心企业捐了多少箱牛奶？", AnswerType.NUMBER),  # a count in 箱, not a sum given
    ("区金融服务中心的主任叫啥？", AnswerType.PERSON),  # colloquial 啥 for 什么
    # the name of one known by what they do or are to someone, as of a post; not a thing's name
    ("那位老船工叫什么名字？", AnswerType.PERSON),
    ("救人的外卖员叫啥？", AnswerType.PERSON),
    ("他女儿叫什么？", AnswerType.PERSON),
    ("这个合作社叫什么名字？", AnswerType.WHAT),
    ("新修的那条路叫啥？", AnswerType.WHAT),
    ("这个城市的地理位置怎么样？", AnswerType.MANNER),  # how good its location is, not where it is
    ("学校的位置在哪里？", AnswerType.PLACE),
    ("颐高集团的总裁是哪个？", AnswerType.PERSON),
    # who someone named is asks for the post ("高文亮是谁" → 施工技术负责人), not for another name
    ("高文亮是谁？", AnswerType.WHAT),
    ("郑明伟是什么人", AnswerType.WHAT),
    ("王峰的秘书是谁？", AnswerType.PERSON),
    ("和他座谈的教授是哪个单位的？", AnswerType.ORGANISATION),  # the post's unit, not the person
    ("黄蝉的别称叫什么？", AnswerType.WHAT),
    ("蒋巨峰现在的职务是什么？", AnswerType.WHAT),
    ("晋纺小区改造涉及的住户超过30户吗？", AnswerType.YES_NO),
    ("颐高集团整合了多少家投资机构？", AnswerType.NUMBER),
    ("区政府投资了多少钱改造幼儿园？", AnswerType.AMOUNT),
    ("订单同比涨了多少？", AnswerType.PERCENT),
    ("东街师范南小区始建于什么年代？", AnswerType.DATE),
    ("草莓园在哪个村？", AnswerType.PLACE),
    ("这位哲学家是哪国人？", AnswerType.PLACE),
    ("她毕业于哪所大学？", AnswerType.ORGANISATION),
    ("漳泽农商银行是哪家银行派来的？", AnswerType.ORGANISATION),
    ("为什么要加强疫情监测？", AnswerType.REASON),
    ("Who is the 总裁 of 颐高集团?", AnswerType.PERSON),
    ("代表团走访了哪几个镇？", AnswerType.PLACE),       # which towns, not how many
    ("这次拓宽的是哪几条街？", AnswerType.PLACE),
    ("哪几家企业签了约？", AnswerType.ORGANISATION),
    ("代表团有几个人？", AnswerType.NUMBER),
    ("这笔贷款的利率是多少？", AnswerType.PERCENT),
    ("该小区的绿化率为多少？", AnswerType.PERCENT),
    # 为 closing a verb ("称为", "更名为") before 什么 asks what; 为什么 before a predicate asks why
    ("这座桥又被称为什么？", AnswerType.WHAT),
    ("合并后学校更名为什么？", AnswerType.WHAT),
    ("他被聘为什么职务？", AnswerType.WHAT),
    ("你认为什么时候去合适？", AnswerType.DATE),
    ("这座桥为什么又叫彩虹桥？", AnswerType.REASON),
    ("工程为什么推迟了？", AnswerType.REASON),
    ("这个项目建设为什么推迟了？", AnswerType.REASON),  # 设为 here is no verb taking 为
    ("这次改变为什么很重要？", AnswerType.REASON),
    ("他这样做是为什么？", AnswerType.REASON),
    ("该区被评为什么？", AnswerType.WHAT),
    # money asked with its verb split from its noun, or with a verb of giving or lending
    ("这家工厂贷了多少款？", AnswerType.AMOUNT),
    ("校友们一共捐了多少？", AnswerType.AMOUNT),
    ("省里给这个项目拨了多少钱？", AnswerType.AMOUNT),
    # a sum asked by its name, or by what is earned; not the 花费 of time
    ("保安一个月工资多少？", AnswerType.AMOUNT),
    ("小区停车费是多少？", AnswerType.AMOUNT),
    ("开网店一年能赚多少？", AnswerType.AMOUNT),
    ("办证要花费多少时间？", AnswerType.NUMBER),
    ("食堂一年浪费多少粮食？", AnswerType.NUMBER),
    ("今年共补助多少困难群众？", AnswerType.NUMBER),
    ("游泳馆几点开门？", AnswerType.DATE),
    ("图书馆哪几个时段人最多？", AnswerType.DATE),  # times of day, not a count
    ("会上提了几点建议？", AnswerType.NUMBER),
    ("这座水库最深处有多深？", AnswerType.NUMBER),  # a measure: how far, deep, thick or fast
    ("新线列车能跑多快？", AnswerType.NUMBER),
])
def test_answer_type(question, expected):
    assert answer_type_of(analyse(question).text) is expected


def test_a_word_for_a_sum_asks_for_one_unless_something_else_is_asked_of_it():
    assert analyse("这笔贷款有多少？").answer_type is AnswerType.AMOUNT
    assert analyse("项目总投资？").answer_type is AnswerType.AMOUNT
    assert analyse("这笔贷款解决了什么问题？").answer_type is AnswerType.WHAT
    assert analyse("资金缺口是怎么补上的？").answer_type is AnswerType.MANNER


def test_which_kindergarten_or_hospital_asks_for_a_body():
    assert analyse("她是哪个幼儿园的老师？").answer_type is AnswerType.ORGANISATION
    assert analyse("他在哪所医院工作？").answer_type is AnswerType.ORGANISATION


def test_a_telephone_asked_as_what_is_a_number():
    assert analyse("执法队的电话是什么？").answer_type is AnswerType.NUMBER
    assert analyse("执法队的联系电话？").answer_type is AnswerType.NUMBER
    assert analyse("小米推出了什么手机？").answer_type is AnswerType.WHAT


def test_unit_and_wh_noun():
    assert analyse("晋纺小区改造涉及多少户？").unit == "户"
    # "几个点" of a rate's rise or fall asks percentage points; of places it counts them, and "几点" is a time.
    for asked in ("贷款利率降了几个点？", "存款利率比去年高几个百分点？", "小麦产量同比增长了多少个点？"):
        assert (analyse(asked).unit, analyse(asked).counted) == ("个百分点", None), asked
    assert analyse("全区设了几个服务点？").unit == "个"
    assert analyse("全区设了几个点？").unit == "个"
    assert analyse("为提高接种率全区一共设了几个点？").unit == "个"  # the rate is what the places are for
    assert analyse("便民服务点今年增加了几个点？").unit == "个"
    assert analyse("率先开放的东门几点开门？").answer_type is AnswerType.DATE  # 率先 is no rate
    assert analyse("图书馆几点开门？").answer_type is AnswerType.DATE
    assert analyse("长治市城区劳动保障监察执法队并入了哪个单位？").wh_noun == "单位"
    # 哪些 at the end asks about no noun after it: its 些 is no noun.
    assert analyse("城北公园改造后新增了哪些设施？").wh_noun == "设施"
    assert analyse("城北公园改造后新增的设施有哪些？").wh_noun is None


@pytest.mark.parametrize("question, noun", [
    ("哪位专家在会上发言？", "专家"),      # past the measure word
    ("这座桥是哪一年建成的？", "年"),
    ("获奖的是哪一位教师？", "教师"),
    ("这位选手是哪国人？", "国"),          # a bare 哪 takes one character: not 国人
    ("这家茶馆在哪儿？", None),            # 哪儿 and 哪里 are whole where-words
    ("这家茶馆在哪里？", None),
    ("颁奖典礼在哪举行？", None),          # a verb after 哪: no noun asked about
    ("这是一支什么样的球队？", "球队"),    # 什么样的 is one wh-word
    ("这座楼是什么样子的？", None),
    ("街道引进了哪些培训机构？", "培训机构"),  # a compound of nouns whole
    ("他参加了什么比赛而出名？", "比赛"),      # not on into 而
    ("学校依据哪份文件撤销了处分？", "文件"),  # past other measure words too
    ("她在哪场比赛中受了伤？", "比赛"),
    ("被查处的是哪辆车？", "车"),
])
def test_the_noun_a_wh_word_asks_about(question, noun):
    assert analyse(question).wh_noun == noun


@pytest.mark.parametrize("question, aspect", [
    ("城南公园的面积有多大？", "面积有多大"),
    ("锦泰集团的总裁是谁？", "总裁是谁"),
    ("为什么要加强疫情监测？", None),  # no subject leads
    ("谁负责组织这次活动？", None),
])
def test_the_aspect_is_the_question_without_its_leading_subject(question, aspect):
    assert analyse(question).aspect == aspect


@pytest.mark.parametrize("question, headline, aspect", [
    ("阵内德胜目前主持什么节目？", "阵内德胜", "目前主持什么节目"),  # no subject split: the tagger reads no noun
    ("去萱莱镇看龙眼节要什么时候去？", "萱莱镇", "去看龙眼节要什么时候去"),  # named after a verb
    ("《神圣十月》是由哪个杂志连载的？", "神圣十月", "是由哪个杂志连载的"),
    ("渠成是哪里人？", "渠成 (足球运动员)", "是哪里人"),  # the gloss is no part of the name
    ("什么是青松茶？", "青松茶", None),  # nothing asked of it but what it is
    ("白鹭湖有多深？", "青松茶", None),  # another article's headline
    ("湖有多深？", "湖", None),  # too short to be a name
])
def test_what_a_question_asks_of_the_headline_it_names(question, headline, aspect):
    assert headline_aspect(analyse(question), headline) == aspect


def test_what_kind_of_asks_with_no_key_term_of_its_own():
    assert analyse("这是一支什么样的球队？").terms == ("一支", "球队")  # no 样


def test_which_several_asks_about_the_noun_not_a_measure_word():
    assert "镇" in analyse("调研组走访了哪几个镇？").terms
    assert not any("个" in term for term in analyse("调研组走访了哪几个镇？").terms)


@pytest.mark.parametrize("question, wh_phrase, near", [
    ("城东体育馆建于哪一年？", "哪一年", ("建于",)),
    ("这批苹果出口到了哪国？", "哪国", ("出口",)),
    ("这部小说获得了哪项大奖？", "哪项", ("获得", "大奖")),
    ("城西水库的大坝有多高？", "多高", ("大坝",)),
])
def test_which_with_any_measure_word_is_a_wh_word_not_a_term(question, wh_phrase, near):
    analysis = analyse(question)
    assert not any(wh_phrase in term for term in analysis.terms)
    assert set(near) <= set(analysis.anchor_terms)  # the terms beside it, found once it counts as the wh-word


def test_recent_asks_for_the_latest_news_but_after_li_it_means_nearest():
    assert analyse("果园村最近有什么活动？").recent
    nearest = analyse("离果园村最近的公交站在哪？")
    assert not nearest.recent and "最近" in nearest.terms


def test_what_is_asked_about_is_found_past_a_total():
    assert analyse("小区的绿地面积一共有多少？").anchor_terms == ("绿地面积",)
    assert analyse("小区的绿地面积有多少？").anchor_terms == ("绿地面积",)
    # 方面 frames the thing asked about without being it.
    assert analyse("垃圾分类在宣传方面有什么安排？").anchor_terms == ("宣传", "安排")


@pytest.mark.parametrize("plain, with_filler", [
    ("张强担任什么职务？", "张强现在担任什么职务？"),
    ("这家厂生产什么产品？", "这家厂目前一直生产什么产品？"),
])
def test_filler_words_are_not_what_is_asked_about(plain, with_filler):
    assert analyse(with_filler).anchor_terms == analyse(plain).anchor_terms


def test_a_filler_word_is_only_one_that_jieba_reads_as_a_word():
    assert analyse("问题主要体现在哪些方面？").anchor_terms == ("体现", "方面")  # 体现/在, not 体/现在


def test_a_time_that_opens_the_question_before_is_no_subject():
    assert followup_readings("谈了什么？", ["考察期间张强还和谁见了面？"]) == ("谈了什么？", "张强谈了什么？")
    # a post asked of another body keeps the earlier body, not its post
    assert followup_readings("那档案馆的馆长呢？", ["区文旅局局长是谁？"])[-1] == "区文旅局档案馆的馆长是谁？"
    assert resolve_followup("它有多少员工？", ["调研期间，东风服装厂展示了什么产品？"]) == "东风服装厂有多少员工？"
    assert resolve_followup("它有多少员工？", ["近日东风服装厂展示了什么产品？"]) == "东风服装厂有多少员工？"
    # "那X呢？" puts X where the subject stands, after the time.
    assert resolve_followup("那王峰呢？", ["考察期间孟明和谁座谈了？"]) == "考察期间王峰和谁座谈了？"
    assert resolve_followup("那晋纺小区呢？", ["去年师范南小区改造了多少户？"]) == "去年晋纺小区改造了多少户？"
    # jieba tags some nouns as time words: they are no time that opens the question.
    assert resolve_followup("那西湖小区呢？", ["青年志愿者服务队去了哪个小区？"]) != "青年西湖小区去了哪个小区？"


@pytest.mark.parametrize("history, question, expected", [
    (["东湖小区改造有哪些工程？"], "还有呢？", 1),
    (["东湖小区改造有哪些工程？"], "还有什么呢？", 1),
    (["东湖小区改造有哪些工程？", "还有呢？"], "還有別的嗎？", 2),
    (["东湖小区改造有哪些工程？"], "那它投资了多少？", 0),
    (["东湖小区改造有哪些工程？"], "还有多少户没改造？", 0),
    (["东湖小区改造有哪些工程？"], "其他小区呢？", 0),
    ([], "还有呢？", 0),
    (["还有吗？"], "还有呢？", 0),
])
def test_asking_for_more_asks_the_question_before_again(history, question, expected):
    assert answers_given(question, history) == expected


def test_a_follow_up_after_asking_for_more_keeps_the_subject():
    history = ["晋纺小区什么时候开工的？", "还有呢？"]
    assert resolve_followup("它的总投资是多少？", history) == "晋纺小区的总投资是多少？"


@pytest.mark.parametrize("history, question, resolved", [
    (["颐高集团在全国布局了多少个产业园区？"], "它服务了多少家公司？", "颐高集团服务了多少家公司？"),
    (["师范南小区什么时候复工的？"], "那晋纺小区呢？", "晋纺小区什么时候复工的？"),
    (["师范南小区什么时候复工的？", "那晋纺小区呢？"], "那它是哪年建的？", "晋纺小区是哪年建的？"),
    (["颐高集团在全国布局了多少个产业园区？"], "晋纺小区改造涉及多少户？", "晋纺小区改造涉及多少户？"),
    # A plain noun takes the place of what was counted; a thing of the subject's kind, of the subject.
    (["锦泰集团有多少个物流基地？"], "研发中心呢？", "锦泰集团有多少个研发中心？"),
    (["东城小区有多少个车位？"], "西城小区呢？", "西城小区有多少个车位？"),
    (["东城小区有多少个车位？"], "那西城小区的呢？", "西城小区有多少个车位？"),  # "X的呢": X's
    (["南山幼儿园是什么时候建的？"], "为什么要改造它？", "为什么要改造南山幼儿园？"),  # 它 after the verb
    (["南山幼儿园为什么要改造？"], "还有其它措施吗？", "还有其它措施吗？"),  # 其它 is "other"
    (["颐高集团的总裁是谁？"], "那目的呢？", "颐高集团的目的是什么？"),  # 的 of a word stays
    (["监管工作由市场监管局负责吗？"], "它有什么要求？", "监管工作有什么要求？"),  # the subject ends before 由
    # a body's name that jieba cuts at a verb-noun is the subject whole, 的 or no 的
    (["城区劳动保障监察执法队并入了哪个单位？"], "它有多少名队员？", "城区劳动保障监察执法队有多少名队员？"),
    (["锦泰集团今年产值是多少？"], "去年的呢？", "锦泰集团去年产值是多少？"),
    (["城北公园有多少个停车位？"], "城南公园呢？", "城南公园有多少个停车位？"),
    (["市人大有多少名代表？"], "市政协呢？", "市政协有多少名代表？"),  # a body by its short name is a subject
    (["太行路中学实验楼有几间化学实验室？"], "物理实验室呢？", "太行路中学实验楼有几间物理实验室？"),  # 太行/j names it
    # A subject that goes on past a thing of the topic's kind keeps the rest: its 负责人, its 园长.
    (["东城小区施工负责人是谁？"], "西城小区呢？", "西城小区施工负责人是谁？"),
    (["城东幼儿园园长是谁？"], "那城西幼儿园呢？", "城西幼儿园园长是谁？"),
    # A year takes the place of the year asked, or stands after the subject.
    (["锦泰集团今年产值是多少？"], "去年呢？", "锦泰集团去年产值是多少？"),
    (["锦泰集团的产值是多少？"], "2021年呢？", "锦泰集团2021年的产值是多少？"),
    # A post takes the place of the post asked; after a question that asked none, who holds it.
    (["城东幼儿园园长是谁？"], "教师呢？", "城东幼儿园教师是谁？"),
    (["锦泰集团有几个物流基地？"], "那董事长呢？", "锦泰集团的董事长是谁？"),
    # Another plain noun asks for that of a named subject or a body, whose name may hold verbs (保障, 执法).
    (["城东综合执法大队的联系人是谁？"], "电话呢？", "城东综合执法大队的电话是什么？"),
    (["市场监督管理局的负责人是谁？"], "地址呢？", "市场监督管理局的地址是什么？"),
    (["城东综合服务中心的联系人是谁？"], "那城西劳动保障监察执法队呢？", "城西劳动保障监察执法队的联系人是谁？"),
    (["校长办公室的负责人是谁？"], "主任呢？", "校长办公室的主任是谁？"),  # not the 校长 of the office's name
    (["区委书记走访了城东小学的哪些教师？"], "它在哪里？", "区委书记在哪里？"),  # the subject ends before 走访
    (["东街师范北小区施工负责人是谁？"], "幸福小区呢？", "幸福小区施工负责人是谁？"),  # a 小区 like the subject's
])
def test_follow_ups_are_resolved_by_rule(history, question, resolved):
    assert resolve_followup(question, history) == resolved


def test_a_question_that_names_nothing_is_also_read_about_the_last_subject():
    readings = followup_readings("联系电话是多少？", ["五马街道综合服务中心注销公告的联系人是谁？"])
    assert readings == ("联系电话是多少？", "五马街道综合服务中心联系电话是多少？")
    assert followup_readings("晋纺小区改造涉及多少户？", ["颐高集团的总裁是谁？"]) == ("晋纺小区改造涉及多少户？",)


def test_he_or_she_after_a_who_question_stands_for_its_answer():
    from qa.question import who_was_asked, with_named

    assert who_was_asked("他是哪个单位的？", ["颐高集团的总裁是谁？"]) == "颐高集团的总裁是谁？"
    assert who_was_asked("那她多大了？", ["谁主持了会议？"]) == "谁主持了会议？"
    assert who_was_asked("它在哪里？", ["颐高集团的总裁是谁？"]) is None  # 它: the company, not the person
    # 他们 stands for those asked about where they are the doers asked for, else for the subject.
    assert who_was_asked("他们要怎么做？", ["谁要加强疫情监测？"]) == "谁要加强疫情监测？"
    assert who_was_asked("他们谈了什么？", ["王峰孟明和谁座谈了？"]) is None
    assert who_was_asked("他是哪个单位的？", ["颐高集团在哪里？"]) is None  # not a who-question
    assert who_was_asked("他是哪个单位的？", []) is None
    assert with_named("那她多大了？", "王芳") == "王芳多大了？"


def test_it_after_a_which_body_question_stands_for_its_answer():
    from qa.question import who_was_asked, with_named

    asked = "南山市与哪家银行签了战略合作协议？"
    assert who_was_asked("它的行长是谁？", [asked]) == asked
    assert who_was_asked("那该公司在哪里？", ["哪家公司中标了？"]) == "哪家公司中标了？"
    assert who_was_asked("它在哪里？", ["颐高集团在哪里？"]) is None  # not a which-body question: 它 is its subject
    assert who_was_asked("它们有几家？", [asked]) is None
    # The body asked as the doer of what the subject is: 它 is the subject still.
    assert who_was_asked("它秉持什么原则？", ["整治行动是哪个单位开展的？"]) is None
    assert who_was_asked("它为期多久？", ["这次检查由哪个单位组织？"]) is None
    # The subject a body itself: 它 goes on speaking of it.
    assert who_was_asked("它的资产谁来承接？", ["城区劳动保障监察执法队并入了哪个单位？"]) is None
    assert who_was_asked("它成立于哪一年？", ["市政府与哪家银行签了协议？"]) is None
    assert with_named("它的行长是谁？", "东海银行") == "东海银行的行长是谁？"
    assert with_named("那该公司在哪里？", "南山建工") == "南山建工在哪里？"
    assert with_named("这家银行在哪？", "东海银行") == "东海银行在哪？"  # not 东海银行银行
    # "…的是哪家公司？" asks for the body itself, not for what did something to the subject
    assert who_was_asked("它是做什么的？", ["和潞州区签约的是哪家公司？"]) == "和潞州区签约的是哪家公司？"


def test_a_long_history_is_resolved_without_recursion():
    assert resolve_followup("它在哪里？", ["颐高集团的总裁是谁？"] * 3000) == "颐高集团在哪里？"


def test_the_counted_noun_is_read_from_the_question():
    assert analyse("颐高集团整合了多少家投资机构？").counted == "投资机构"
    assert analyse("颐高集团的总裁是谁？").counted is None


@pytest.mark.parametrize("question, terms", [
    ("王小七是怎么死的？", ("王小七", "死")),      # jieba's "王小七是"
    ("西关街有多长？", ("西关", "街")),            # jieba's "街有"
    ("月季的叶有什么特点？", ("月季", "叶", "特点")),
])
def test_a_copula_or_have_glued_onto_a_word_is_no_part_of_the_term(question, terms):
    assert analyse(question).terms == terms


@pytest.mark.parametrize("question", ["王峰是什么职务？", "贾国斌是干嘛的？", "宋小慧是做什么工作的？", "李琴是干啥的？",
                                      "赵刚是什么职称？", "赵刚的职称是什么？"])
def test_what_post_someone_holds_may_be_asked_colloquially(question):
    from qa.question import asks_post

    assert asks_post(analyse(question).text)


@pytest.mark.parametrize("spoken, written", [
    ("活动的主题是啥？", "活动的主题是什么？"),
    ("新建的活动室里配了啥玩具？", "新建的活动室里配了什么玩具？"),
    ("这家厂为啥要搬迁？", "这家厂为什么要搬迁？"),
    ("那儿的葡萄咋种得这么甜？", "那里的葡萄怎么种得这么甜？"),
    ("张华是干嘛的？", "张华是干什么的？"),
])
def test_spoken_wh_words_are_read_as_written_ones(spoken, written):
    assert analyse(spoken) == analyse(written)


@pytest.mark.parametrize("question, contrary", [
    ("城南中学是民办学校吗？", ("民办", "公办")),
    ("这个停车场收费吗？", ("收费", "免费")),
    ("今年的客流量减少了吗？", ("减少", "增加")),
    ("开放大学是公办的吗？", ("公办", "民办")),  # the last such word, a word of its own
    ("收费站的车道增加了吗？", ("增加", "减少")),  # not the 收费 of 收费站
    ("这个停车场收费多少？", None),  # not a yes-or-no question
    ("城南中学是一所好学校吗？", None),  # no word with a contrary
])
def test_a_yes_or_no_question_may_be_read_with_its_contrary(question, contrary):
    from qa.question import contrary_of

    assert contrary_of(question) == contrary
