"""Questions of our own about the bundled page: answer, citation and refusal, end to end."""
import functools
import subprocess
import sys

import pytest

from qa.errors import EmptyQuestionError

# (question, a string the answer must contain, the title of the article the first citation is from)
ANSWERABLE = [
    ("颐高集团的总裁叫什么名字？", "郑明伟", "我区招商小分队赴杭州进行招商引资"),
    ("晋纺小区改造工程涉及多少户住户？", "36", "加大工程开工力度 推动项目建设加速跑"),
    ("区政府投资了多少钱改造南石槽小学附属幼儿园？", "150余万元", "幼儿园里变化大 朝气蓬勃展新颜"),
    ("潞鼎伟业今年第一季度的订单比去年同期增加了多少？", "10%", "抓紧生产赶订单 冲刺首季“开门红”"),
    ("东街师范南小区始建于什么年代？", "90年代", "加大工程开工力度 推动项目建设加速跑"),
    ("市民去哪个村的草莓园摘草莓？", "果园村", "早春草莓红 采摘乐趣多"),
    ("区金融服务中心已协调各金融部门为中小微企业发放了多少贷款？", "1亿多元", "精准“滴灌”金融活水 助力小微企业发展"),
    ("福慧德玻璃有限公司建设智能化工厂的资金缺口有多大？", "600多万元", "精准“滴灌”金融活水 助力小微企业发展"),
    ("区发改局在哪里开展了诚信宣传活动？", "八一广场", "区发改局开展诚信宣传活动"),
    ("区物业管理协会工会联合会是哪天成立的？", "2月24日", "区物业管理协会工会联合会成立"),
    ("2023年我区拟改造多少个老旧小区？", "60个", "加大工程开工力度 推动项目建设加速跑"),
    ("老旧小区改造总投资约多少？", "2.01亿元", "加大工程开工力度 推动项目建设加速跑"),
    ("颐高集团在全国布局了多少个产业园区？", "200余个", "我区招商小分队赴杭州进行招商引资"),
    ("南石槽小学附属幼儿园占地面积是多少？", "700平方米", "幼儿园里变化大 朝气蓬勃展新颜"),
    ("潞鼎伟业商贸有限公司的总经理是谁？", "原玲", "抓紧生产赶订单 冲刺首季“开门红”"),
    ("智能化工厂建成后福慧德的产值将提高多少？", "20%", "精准“滴灌”金融活水 助力小微企业发展"),
    ("潞鼎伟业计划投资多少钱用于加工站点的设备升级？", "100万元", "抓紧生产赶订单 冲刺首季“开门红”"),
    ("颐高集团整合了多少家创服机构？", "1280家", "我区招商小分队赴杭州进行招商引资"),
]
TRADITIONAL = [  # traditional characters and full-width digits: the same answers as in simplified
    ("頤高集團的總裁叫什麼名字？", "颐高集团的总裁叫什么名字？"),
    ("２０２３年我區擬改造多少個老舊小區？", "2023年我区拟改造多少个老旧小区？"),
]
FOLLOW_UPS = [  # (earlier questions, follow-up, the answer must contain)
    (["颐高集团在全国布局了多少个产业园区？"], "它服务了多少家创业公司？", "10万余家"),
    (["晋纺小区改造工程涉及多少户住户？"], "那它是哪个年代建的？", "80年代"),
    (["五马街道综合服务中心注销公告的联系人是谁？"], "联系电话是多少？", "0355-3032248"),
]
UNANSWERABLE = [
    "颐高集团的注册资本是多少？",
    "果园村的草莓多少钱一斤？",
    "潞州区今年的GDP是多少？",
    "福慧德玻璃有限公司的贷款利率是多少？",
]


def _span_text(cut, sentence: str, question: str) -> str | None:
    """The text of the span that `cut` (a function of spans.py, of a sentence and a question's analysis)
    gives, or None."""
    from qa.question import analyse

    span = cut(sentence, analyse(question))
    return sentence[span[0]:span[1]] if span else None


def _assistant_over(index_dir, *articles):
    """An assistant over `articles` and one unrelated article, built for real in `index_dir`."""
    from qa.config import Settings
    from qa.pipeline import Assistant, build_index
    from qa.types import Article

    other = Article("x", "草莓采摘", "果园村草莓园迎来采摘季。", "2023-02-01", "报")
    settings = Settings(index_dir=index_dir)
    build_index([*articles, other], settings=settings)
    return Assistant.open(settings)


@pytest.mark.parametrize("question, expected, title", ANSWERABLE)
def test_answer_and_first_citation(assistant, question, expected, title):
    answer = assistant.ask(question)
    assert answer.answerable, (question, answer.confidence)
    assert expected in answer.text, (question, answer.text)
    first = answer.citations[0]
    assert first.title == title
    article = assistant.article(first.article_id)
    # verbatim: the answer lies inside the cited sentence, which lies at its offsets in the article
    assert article.text[first.start:first.end] == first.sentence
    assert first.start <= answer.answer_start < answer.answer_end <= first.end
    assert article.text[answer.answer_start:answer.answer_end] == answer.text


@pytest.mark.parametrize("traditional, simplified", TRADITIONAL)
def test_traditional_question_gets_the_simplified_answer(assistant, traditional, simplified):
    a, b = assistant.ask(traditional), assistant.ask(simplified)
    assert a.text == b.text and a.answerable and [c.article_id for c in a.citations] == [c.article_id for c in b.citations]


@pytest.mark.parametrize("history, question, expected", FOLLOW_UPS)
def test_follow_up_uses_the_conversation(assistant, history, question, expected):
    answer = assistant.ask(question, history=history)
    assert answer.answerable and expected in answer.text, (answer.resolved_question, answer.text)


def test_opening_loads_what_a_numeral_asked_needs(page_settings):
    """cn2an is loaded when the assistant opens, not on the first question with a numeral in it (0.15 s)."""
    probe = ("import sys; from qa.config import Settings; from qa.pipeline import Assistant; "
             f"Assistant.open(Settings(index_dir={str(page_settings.index_dir)!r})); print('cn2an' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "True", done.stderr[-2000:]


def test_percentage_points_are_answered_with_their_unit(tmp_path):
    """A difference of rates is given as written, "0.5个百分点", also when asked as "几个点"; not "0.5个"."""
    from qa.types import Article

    rates = Article("r", "区农商行下调贷款利率", "本报讯：今年以来，区农商行一年期贷款利率下调0.5个百分点，惠及小微企业120户。"
                    "一年期存款利率为2.1%，比去年高0.3个百分点。全区共设置普惠金融服务点12个。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, rates)
    for asked, expected in (("贷款利率降了几个点？", "0.5个百分点"), ("存款利率比去年高几个百分点？", "0.3个百分点"),
                            ("全区设了几个普惠金融服务点？", "12个")):
        answer = assistant.ask(asked)
        assert answer.answerable and answer.text == expected, (asked, answer.text, answer.confidence)


def test_asking_for_more_gives_what_the_answers_before_left_out(tmp_path):
    from qa.types import Article

    works = Article("w", "东湖小区改造进展顺利", "本报讯：东湖小区改造工程进展顺利。目前已完成屋顶防水、外墙保温等工程。"
                    "下一步将实施道路硬化、停车位划线等工程。小区共有居民800余户。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, works)
    asked = "东湖小区改造有哪些工程？"
    first = assistant.ask(asked)
    more = assistant.ask("还有呢？", history=[asked])
    again = assistant.ask("还有别的吗？", history=[asked, "还有呢？"])
    assert first.answerable and more.answerable, (first, more)
    given = "|".join(a.text for a in (first, more, again))
    assert "屋顶防水" in given and "道路硬化" in given, given  # both lists of works, one after the other
    cited = [a.citations[0].sentence for a in (first, more, again)]
    assert len(set(cited)) == 3, cited  # each time another sentence, never the one given before
    assert more.resolved_question == again.resolved_question == asked
    # What is left (居民800余户) names no 工程: no more works.
    rest = assistant.ask("还有吗？", history=[asked, "还有呢？", "还有别的吗？"])
    assert not rest.answerable and rest.text == "", (rest.text, rest.confidence)


def test_asking_for_more_does_not_give_the_same_answer_from_another_sentence(tmp_path):
    from qa.types import Article

    visit = Article("v", "副县长刘成调研企业", "本报讯：3月1日，副县长刘成到东风服装厂调研。副县长刘成一行察看了生产车间。"
                    "刘成还兼任县工业园区管委会主任。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, visit)
    first = assistant.ask("刘成担任什么职务？")
    more = assistant.ask("还有呢？", history=["刘成担任什么职务？"])
    assert first.answerable and first.text == "副县长", first
    assert more.text != first.text, more.text


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_refuses_what_the_articles_do_not_say_and_still_cites(assistant, question):
    answer = assistant.ask(question)
    assert not answer.answerable and answer.text == "", (question, answer.text, answer.confidence)
    assert answer.refusal_reason in ("no_evidence", "weak_evidence")
    assert answer.citations, "the closest sources are still listed"


@pytest.mark.parametrize("question", ["", "   ", "？？！！", "\u200b\u200b"])
def test_empty_question_is_an_error(assistant, question):
    with pytest.raises(EmptyQuestionError):
        assistant.ask(question)


def test_answer_is_fast_enough_to_be_interactive(assistant):
    answer = assistant.ask("颐高集团的总裁叫什么名字？")
    assert answer.latency_ms > 0


def test_date_range_limits_the_articles(assistant):
    inside = assistant.ask("颐高集团的总裁叫什么名字？", dates=("2023-02-01", "2023-02-28"))
    assert inside.answerable and all(c.date == "2023-02-25" for c in inside.citations)
    outside = assistant.ask("颐高集团的总裁叫什么名字？", dates=("2024-01-01", None))
    assert not outside.answerable and outside.citations == () and outside.refusal_reason == "no_evidence"


def test_when_several_articles_answer_the_latest_is_taken_and_said(tmp_path):
    from qa.types import Article

    older = Article("old", "东湖小区改造启动", "东湖小区改造工程涉及住户120户，计划年内完工。", "2023-03-01", "报")
    newer = Article("new", "东湖小区改造进展", "东湖小区改造工程涉及住户136户，目前已完成一半。", "2023-09-15", "报")
    answer = _assistant_over(tmp_path / "idx", older, newer).ask("东湖小区改造工程涉及多少户住户？")
    assert answer.answerable and answer.text == "136户"
    assert answer.citations[0].article_id == "new"
    assert answer.note and "2023-09-15" in answer.note


@pytest.mark.parametrize("question", ["西城区市场稽查队注销是谁批准的？", "市场稽查队的注销是谁批准的？"])
def test_who_did_it_is_told_by_the_sentence_that_says_what_was_done(tmp_path, question):
    from qa.types import Article

    # The first sentence names the unit and its winding-up, and a body; only the second says who approved.
    notice = Article("n", "注销公告", "根据县编办通知，西城区市场稽查队已并入东城区市场监管综合执法大队，按照有关规定，"
                     "拟申请注销登记。经举办单位东城区市场监管局批准，由东城区市场监管综合执法大队承接其全部资产和债权"
                     "债务。特此公告。", "2023-03-01", "报")
    answer = _assistant_over(tmp_path / "idx", notice).ask(question)
    assert answer.text == "东城区市场监管局"  # not "单位东城区…": 举办单位 labels the name


def test_a_question_asking_about_recent_news_takes_the_latest_article_that_answers(tmp_path):
    from qa.question import analyse
    from qa.types import Article

    older = Article("old", "东湖小区改造工程开工", "东湖小区改造工程正式开工，工程完成投资3000万元，涉及住户120户。",
                    "2023-03-01", "报")
    newer = Article("new", "老旧小区改造稳步推进", "截至9月底，东湖小区改造累计完成投资5200万元，外墙保温已全部完工。",
                    "2023-09-28", "报")
    assistant = _assistant_over(tmp_path / "idx", older, newer)
    # Asked plainly, the report that matches the question best answers; the later one scores under 0.9 of it.
    assert assistant.ask("东湖小区改造工程完成投资多少？").text == "3000万元"
    for question in ("东湖小区改造工程最近完成投资多少？", "東湖小區改造近期完成了多少投資？"):
        assert analyse(question).recent and "最近" not in analyse(question).terms
        recent = assistant.ask(question)
        assert recent.text == "5200万元" and recent.citations[0].article_id == "new"
        assert "2023-09-28" in recent.note


def test_where_something_is_is_not_answered_by_what_it_is(tmp_path):
    from qa.types import Article

    company = Article("a", "宏远商贸赶制订单", "宏远商贸有限公司是一家集服装设计、生产、销售为一体的企业。"
                      "公司今年计划完成产值2000余万元。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", company)
    # The words after the name are what the company is, not where: no article says where it is.
    for question in ("宏远商贸在哪里？", "宏远商贸在哪儿？"):
        assert not assistant.ask(question).answerable
    assert assistant.ask("宏远商贸是一家什么企业？").text == "集服装设计、生产、销售为一体的企业"  # on over 的 to the noun


def test_a_sentence_about_the_thing_named_after_the_subject_does_not_answer_for_it(tmp_path):
    from qa.types import Article

    estates = Article("a", "老旧小区改造开工", "城东小区始建于上世纪90年代，今年纳入老旧小区改造范围。目前正在进行管道开挖。"
                      "和城东小区一样，同样在春节后开工的还有始建于80年代的西关小区。该小区改造工程涉及住户48户，"
                      "包括室外绿化等工程。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", estates)
    # 该小区 is 西关小区, the estate named last before it, though 城东小区 stands in the same sentence.
    assert not assistant.ask("城东小区改造涉及多少户？").answerable
    assert assistant.ask("西关小区改造涉及多少户？").text == "48户"


def test_what_is_left_is_the_figure_said_to_be_left():
    from qa.spans import choose_span

    repairs = "今年全县共排查危桥42座，已完成加固35座，剩余7座年底前完工。"
    assert _span_text(choose_span, repairs, "危桥还剩几座没加固？") == "7座"
    assert _span_text(choose_span, "全镇共有贫困户120户，目前尚有15户未脱贫。", "还有多少户没脱贫？") == "15户"
    assert _span_text(choose_span, "全区产能过剩企业12家，已关停8家，仍有4家在整改。", "还剩几家没关停？") == "4家"  # not 过剩


def test_a_figure_of_the_question_is_not_found_inside_a_longer_one():
    from qa.spans import term_match

    assert term_match("30", "全区共有居民5300余户。") == 0.0 and term_match("30", "共有居民30余户。") == 1.0
    assert term_match("8路", "18路公交延伸至西站。") == 0.0 and term_match("2021", "2021年建成") == 1.0
    assert term_match("3个", "新建13个站点，改造三个站点") == 1.0  # the figure in Chinese numerals


def test_a_deputy_holds_another_post(tmp_path):
    from qa.spans import term_match
    from qa.types import Article

    assert term_match("区长", "区委常委、副区长孟明参加。") == 0.0
    assert term_match("区长", "区长李华、副区长孟明参加。") == 1.0
    company = Article("a", "宏远商贸赶制订单", "宏远商贸有限公司副总经理刘明介绍，今年订单增加了两成。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", company)
    assert not assistant.ask("宏远商贸的总经理是谁？").answerable
    assert assistant.ask("宏远商贸的副总经理是谁？").text == "刘明"


def test_a_figure_asked_for_is_never_answered_by_a_sentence_without_one(tmp_path):
    from qa.types import Article

    company = Article("a", "宏远商贸赶制订单", "“今年第一季度的订单比去年同期增加了一成。”宏远商贸有限公司总经理刘明对记者说。",
                      "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", company)
    refused = assistant.ask("刘明今年多大？")  # the article is on topic, but gives no age
    assert not refused.answerable and refused.refusal_reason == "weak_evidence"
    assert assistant.ask("宏远商贸今年订单增加了多少？").text == "一成"


def test_a_sentence_of_another_year_than_asked_is_a_weaker_answer(tmp_path):
    from qa.answer import _of_another_year_or_phase
    from qa.types import Article

    assert _of_another_year_or_phase("该公司今年计划完成产值2000余万元。", "该公司去年的产值是多少？")
    assert not _of_another_year_or_phase("今年订单比去年同期增加了10%。", "去年订单是多少？")  # names the year asked
    assert not _of_another_year_or_phase("2023年计划改造60个小区。", "今年计划改造多少个小区？")  # written otherwise
    career = Article("a", "林华的任职经历", "2015年，林华出任城东区区长。2018年，林华调任市发改委主任。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", career)
    assert "发改委主任" in assistant.ask("2018年，林华担任什么职务？").text
    assert "区长" in assistant.ask("2015年，林华担任什么职务？").text
    company = Article("b", "宏远商贸赶订单", "宏远商贸今年计划完成产值2000余万元，计划投资100万元升级设备。", "2023-02-20", "报")
    assert not _assistant_over(tmp_path / "idx2", company).ask("宏远商贸去年的产值是多少？").answerable


def test_a_date_said_of_another_event_does_not_answer_when(tmp_path):
    from qa.types import Article

    library = Article("a", "城东图书馆焕新", "城东图书馆始建于1985年，藏书12万册。馆内新设了儿童阅览区。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", library)
    assert not assistant.ask("城东图书馆什么时候开放？").answerable  # 1985年 is when it was built
    assert assistant.ask("城东图书馆是哪一年建的？").text == "1985年"
    assert assistant.ask("城东图书馆是哪一年盖的？").text == "1985年"  # 盖: Cilin's synonym of 建
    # 于 inside a word of its own (终于, 由于) says of no event when the date is; the subject's own
    # characters (城建局's 建) are not the event asked about.
    from qa.answer import _date_of_another_event
    from qa.question import analyse

    fair = "推迟多次的春季招聘会终于3月5日举行。"
    at = fair.index("3月5日")
    assert not _date_of_another_event(fair, (at, at + 4), analyse("春季招聘会什么时候举行？"))
    office = "城建局始建于1985年。"
    at = office.index("1985年")
    assert _date_of_another_event(office, (at, at + 5), analyse("城建局什么时候开放？"))


@pytest.mark.parametrize("sentence, date, question, another", [
    # 将, 定, 预计, 已 before 于 say when, not what: the event is the verb after the date
    ("第五届梨花节将于4月12日在北村开幕。", "4月12日", "梨花节哪天开始？", False),
    ("第五届梨花节将于4月12日在北村开幕。", "4月12日", "梨花节哪天结束？", True),
    ("全区中小学定于9月1日开学。", "9月1日", "中小学什么时候开学？", False),
    ("东河大桥预计于10月底完工。", "10月底", "东河大桥什么时候完工？", False),
    ("东河大桥已于去年5月建成。", "去年5月", "东河大桥什么时候通车？", True),
    # the verbs of the date's clause, past 起, each by its first character against what is asked
    ("新条例将于3月1日起正式施行。", "3月1日", "新条例什么时候施行？", False),
    ("第五届梨花节将于4月12日在北村开幕。", "4月12日", "梨花节哪天闭幕？", True),
    ("农民篮球赛定于10月8日举行。", "10月8日", "农民篮球赛什么时候报名？", True),
    ("城西大桥计划于年底建成通车。", "年底", "城西大桥计划什么时候通车？", False),
])
def test_the_event_of_a_date_timed_by_jiang_yu_is_told_after_it(sentence, date, question, another):
    from qa.answer import _date_of_another_event
    from qa.question import analyse

    at = sentence.index(date)
    assert _date_of_another_event(sentence, (at, at + len(date)), analyse(question)) is another


def test_a_reason_written_just_before_what_it_explains_answers_why(tmp_path):
    from qa.types import Article

    bridge = Article("a", "城西老桥完成加固", "城西老桥建成于1978年，全长120米。由于年久失修，桥面多处开裂，已不能满足通行需要。"
                     "去年五月，区交通局投资300万元，对城西老桥进行了全面加固改造。", "2023-02-20", "报")
    answer = _assistant_over(tmp_path / "idx", bridge).ask("城西老桥为什么要加固改造？")
    assert answer.text.startswith("由于年久失修")


def test_a_sentence_that_names_the_reason_answers_why_with_the_reason(tmp_path):
    from qa.types import Article

    bus = Article("a", "12路公交调整走向", "本报讯 自5月8日起，区公交公司对12路公交线路走向进行调整。12路公交调整后，不再经过东风路，"
                  "改经建设路运行，新增建设路口站点。调整原因是东风路将于5月10日起封闭施工。", "2023-05-06", "报")
    assert _assistant_over(tmp_path / "idx", bus).ask("12路为啥改道了？").text == "东风路将于5月10日起封闭施工"


def test_a_date_beside_the_event_asked_about_is_preferred(tmp_path):
    from qa.types import Article

    estates = Article("a", "老旧小区陆续开工", "东城小区始建于90年代，今年纳入改造范围。和东城小区一样，同样在节后开工的还有"
                      "始建于80年代的西城小区。“3月6日复工以来，已铺设管道300余米。”西城小区施工负责人刘强说。", "2023-02-20", "报")
    assert _assistant_over(tmp_path / "idx", estates).ask("西城小区什么时候复工的？").text == "3月6日"


def test_what_someone_said_is_the_quotation_before_the_attribution(tmp_path):
    from qa.types import Article

    centre = Article("a", "区便民服务中心延时办理", "“接下来，我们将继续推行预约办理，让群众少跑腿。”区便民服务中心主任"
                     "赵敏说。在此基础上，区便民服务中心积极搭建线上服务平台，已为群众办理业务1万多件，赵敏表示满意。",
                     "2023-02-20", "报")
    answer = _assistant_over(tmp_path / "idx", centre).ask("赵敏说了什么？")
    assert answer.text.startswith("“接下来")


def test_a_year_named_only_to_compare_with_is_not_the_year_of_the_figure(tmp_path):
    from qa.types import Article

    grain = Article("g", "我区粮食喜获丰收", "本报讯：记者从区农业农村局获悉，全区粮食总产量达到5.2亿斤，比去年增长3%，其中玉米产量"
                    "3.1亿斤。", "2023-10-12", "报")
    heat = Article("h", "供热准备就绪", "本报讯：区住建局局长赵立新说，今年全区供热面积达1860万平方米，较去年新增85万平方米。",
                   "2023-11-02", "报")
    output = Article("o", "去年经济运行情况", "本报讯：2022年，全区实现地区生产总值156亿元，比上年增长5.2%。", "2023-02-15", "报")
    assistant = _assistant_over(tmp_path, grain, heat, output)
    assert assistant.ask("今年全区粮食总产量是多少？").text == "5.2亿斤"
    assert not assistant.ask("去年全区供热面积是多少？").answerable
    assert assistant.ask("去年全区地区生产总值是多少？").text == "156亿元"  # the year it names, not the one compared


def test_what_each_of_several_has_is_no_answer_for_the_whole(tmp_path):
    from qa.types import Article

    archive = Article("a", "区档案馆", "本报讯：区档案馆馆长李红介绍，该馆建筑面积5200平方米，现有馆藏12.5万卷、照片3万张。今年，"
                      "区档案馆还在太行街道等地新建了4个社区档案室，每个档案室存放档案2000卷左右，与区档案馆实现通借通还。",
                      "2023-06-02", "报")
    assistant = _assistant_over(tmp_path, archive)
    assert assistant.ask("区档案馆现在有多少卷档案？").text == "12.5万卷"
    assert assistant.ask("每个社区档案室存放多少卷档案？").text == "2000卷"


def test_another_years_figure_is_refused_even_in_a_follow_up(tmp_path):
    from qa.types import Article

    company = Article("a", "锦泰集团冲刺开门红", "锦泰集团今年计划完成产值3000余万元，计划投资200万元升级设备。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", company)
    assert assistant.ask("锦泰集团今年产值计划多少？").text == "3000余万元"
    assert not assistant.ask("去年呢？", history=["锦泰集团今年产值计划多少？"]).answerable


def test_a_subtitle_line_is_no_answer(tmp_path):
    from qa.types import Article

    visit = Article("a", "我区代表团赴苏州考察", "我区代表团赴苏州考察\n李明张华带队\n本报讯记者刘洋报道：3月2日，我区代表团"
                    "赴苏州考察工业园区建设。", "2023-03-05", "报")
    assistant = _assistant_over(tmp_path / "idx", visit)
    answer = assistant.ask("李明张华去苏州干嘛？")
    assert answer.text != "李明张华带队" and "考察" in answer.text
    assert "李明" in assistant.ask("谁带队去苏州考察？").text  # a name in it still answers who


def test_which_year_is_answered_by_a_date_naming_a_year(tmp_path):
    from qa.types import Article

    talks = Article("a", "锦泰集团来我区洽谈", "3月2日，锦泰集团一行来我区洽谈合作。锦泰集团总部位于苏州。", "2023-03-05", "报")
    assert not _assistant_over(tmp_path / "idx", talks).ask("锦泰集团是哪年成立的？").answerable  # not 3月2日


def test_a_count_asked_as_how_much_more_keeps_its_percent_sign(tmp_path):
    from qa.types import Article

    orders = Article("a", "锦泰集团订单增长", "今年一季度，锦泰集团的订单比去年同期多了15%，产能持续提升。", "2023-03-05", "报")
    assert _assistant_over(tmp_path / "idx", orders).ask("锦泰集团订单比去年多了多少？").text == "15%"


def test_a_person_the_article_never_names_gets_nothing_from_it(tmp_path):
    from qa.types import Article

    notice = Article("a", "注销公告", "注销公告\n经研究，我单位拟申请注销登记。\n联系人：周丽\n电话：6612345\n城东服务中心",
                     "2023-03-05", "报")
    visit = Article("b", "我区代表团赴苏州考察", "3月2日，副区长李明带队赴苏州考察工业园区建设。", "2023-03-05", "报")
    assistant = _assistant_over(tmp_path / "idx", notice, visit)
    assert not assistant.ask("李明的电话是多少？").answerable
    assert assistant.ask("周丽的电话是多少？").text == "6612345"


def test_a_gap_is_no_answer_when_the_sentence_lacks_what_the_question_says_after_who():
    from qa.answer import _said_after_wh, _verb_after_wh_missing

    def missing(question: str, sentence: str) -> bool:
        return _verb_after_wh_missing(_said_after_wh(question), sentence)

    assert missing("小区改造谁负责？", "该小区改造工程涉及住户36户。")
    assert not missing("小区改造谁负责？", "该小区改造由区住建局负责。")
    assert not missing("城东小学在哪里？", "城东小学位于人民路。")  # nothing said after the wh-word
    # The copula and helpers say nothing: what follows them is looked for.
    assert not missing("谁是城东小学的校长？", "王芳任城东小学校长。")
    assert missing("谁来负责？", "该小区改造工程涉及住户36户。")


def test_a_figure_for_many_of_a_kind_does_not_answer_for_one_of_them(tmp_path):
    from qa.types import Article

    estates = Article("a", "老旧小区改造开工", "城东小区改造工程涉及住户120户，目前正在铺设管道。今年全区拟改造老旧小区40个，"
                      "涉及居民3000余户，总投资约1亿元。", "2023-02-20", "报")
    assistant = _assistant_over(tmp_path / "idx", estates)
    assert not assistant.ask("城东小区改造投资了多少钱？").answerable  # 1亿元 is for all 40 estates
    # So too in a conversation about 城东小区: the reading without its subject rests on the same sentence.
    assert not assistant.ask("那总投资是多少？", history=["城东小区改造涉及多少户？"]).answerable
    assert assistant.ask("全区老旧小区改造总投资多少？").text == "约1亿元"
    assert assistant.ask("城东小区改造涉及多少户？").text == "120户"


def test_only_a_comparison_with_the_subject_is_told_apart():
    from qa.answer import _only_compared_with
    from qa.spans import COMPARED

    def only_compared(subject: str, sentence: str) -> bool:
        return _only_compared_with(subject, sentence, COMPARED.sub("", sentence))

    assert only_compared("第一中学", "与第一中学一样，第二中学的操场也翻新过，时间是2021年。")
    assert not only_compared("第一中学", "和第二中学一样，第一中学的操场也翻新过。")  # about 第一中学
    assert not only_compared("第一中学", "第一中学的操场翻新于2019年。")


def test_what_is_only_compared_with_is_not_the_answer():
    from qa.question import analyse
    from qa.spans import choose_span

    sentence = "和城东小区一样，同样在春节后开工的还有始建于80年代的西关小区。"
    s, e = choose_span(sentence, analyse("哪个小区在春节后开工？"))
    assert sentence[s:e] == "西关小区"


def test_a_sentence_that_only_compares_with_the_subject_does_not_answer_for_it(tmp_path):
    from qa.types import Article

    school = Article("s", "城东学校操场翻新", "第一中学的操场翻新于2019年，跑道换成了塑胶跑道。与第一中学一样，"
                     "第二中学的操场也翻新过，时间是2021年。两所学校的学生都很满意。", "2023-05-01", "报")
    answer = _assistant_over(tmp_path / "idx", school).ask("第一中学的操场是哪一年翻新的？")
    assert answer.answerable and answer.text == "2019年"


def test_the_sentence_that_copies_the_question_answers_even_without_a_tagged_name(tmp_path):
    from qa.types import Article

    # "机器人" is no person name to the tagger; "陈建国" in the next sentence is, but answers nothing asked.
    fair = Article("f", "科技展开幕", "开幕式上，组委会请机器人给观众发放了纪念品。大会主席陈建国在开幕式上致辞，"
                   "他说今年的展品更加丰富。", "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "idx", fair)
    assert assistant.ask("开幕式上，组委会请谁给观众发放了纪念品？").text == "机器人"
    assert assistant.ask("大会主席是谁？").text == "陈建国"


def test_a_date_question_takes_the_sentence_with_a_date_over_one_that_echoes_it(tmp_path):
    from qa.types import Article

    # The first sentence repeats the question's words around a gap ("在市民的期待中") but holds no date.
    park = Article("p", "青松公园栈道开放", "青松公园栈道在市民的期待中开放了，全长800米。栈道将于5月1日起向游客免费开放。",
                   "2023-04-01", "报")
    assert _assistant_over(tmp_path / "idx", park).ask("青松公园栈道什么时候开放？").text == "5月1日"


def test_the_words_a_sentence_shares_with_the_headline_do_not_make_it_the_answer(tmp_path):
    from qa.types import Article

    # Each article's first sentence repeats the name its headline gives; the answer leaves the name out.
    race = Article("r", "城南马拉松", "城南马拉松全称“城南国际马拉松赛”，城南马拉松自2015年起每年举办一届，赛道途经城南新区"
                   "主要街道。本赛事由区体育局和区文旅局联合主办，今年报名人数超过2万人。", "2023-06-01", "报")
    actor = Article("a", "林远航", "林远航（1962年－），福建泉州人，林远航是中国内地男演员、导演。1985年毕业于上海戏剧学院"
                    "表演系。目前担任省话剧院院长。", "2023-06-01", "报")
    assistant = _assistant_over(tmp_path / "idx", race, actor)
    for question in ("城南马拉松的主办方是什么？", "城南马拉松的主办方是？"):
        assert assistant.ask(question).text.startswith("本赛事由区体育局和区文旅局联合主办"), question
    assert assistant.ask("林远航目前担任什么职务？").text == "省话剧院院长"


def test_who_may_be_a_body_when_no_person_is_named_in_the_better_sentence(tmp_path):
    from qa.types import Article

    notice = Article("n", "城东小学附属幼儿园注销公告", "经区教育局同意，长治市潞州区城东小学承接城东小学附属幼儿园全部资产"
                     "和债权债务。园长王丽华说，孩子们都已转入新校区。", "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "idx", notice)
    assert assistant.ask("城东小学附属幼儿园注销后，它的资产和债务由谁来接？").text == "长治市潞州区城东小学"
    assert assistant.ask("城东小学附属幼儿园的园长是谁？").text == "王丽华"  # a person named beats the body


def test_a_name_from_a_far_weaker_sentence_does_not_answer_for_the_best_one(tmp_path):
    from qa.types import Article

    # The tagger knows no name in "XYZ动画公司"; "汽车修理厂" in the next sentence is a body, of no one asked about.
    story = Article("s", "阿布的故事", "小熊阿布是XYZ动画公司创作的一个卡通形象，深受孩子们喜爱。阿布的爸爸在城南开了一间"
                    "汽车修理厂，阿布常去那里玩。", "2023-05-01", "报")
    answer = _assistant_over(tmp_path / "story", story).ask("小熊阿布出自哪家动画公司？")
    assert answer.text in ("", answer.citations[0].sentence)
    assert "XYZ动画公司" in answer.citations[0].sentence
    # Where a place is asked, the best sentence is no answer when it only says something happened there.
    show = Article("f", "郁金香花展开幕", "市园林局在青松公园举办了郁金香花展，吸引了众多市民前来观赏。花展期间，长治市的"
                   "市民纷纷前往赏花，不少人从太原赶来。", "2023-05-01", "报")
    assert not _assistant_over(tmp_path / "show", show).ask("青松公园在哪？").text.startswith("市园林局")


def test_who_speaks_is_not_who_did_what_they_tell_of(tmp_path):
    from qa.types import Article

    clinics = Article("c", "家庭医生", "区卫健委推出家庭医生签约服务，居民可以在社区卫生服务站签约。区卫健委主任张伟介绍，"
                      "下一步还将推出更多便民服务。", "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "clinics", clinics)
    assert assistant.ask("谁推出了家庭医生签约服务？").text == "区卫健委"
    assert assistant.ask("区卫健委主任是谁？").text == "张伟"  # by the post before the name
    assert assistant.ask("谁介绍了下一步的打算？").text == "张伟"  # who spoke is asked
    # who spoke did it ("…介绍，他…"), or the question asks what they said in other words (建议)
    village = Article("v", "花椒种植", "村党支部书记李强介绍，他从2018年开始带领村民种植花椒。政协委员王敏表示，建议在村口"
                      "增设公共停车场。", "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "village", village)
    assert assistant.ask("谁带领村民种植花椒？").text == "李强"
    assert assistant.ask("谁建议增设公共停车场？").text == "王敏"
    # With no other name in the best sentence, the words before its copy of the question's are the answer.
    library = Article("l", "图书馆自助借书", "市图书馆开通了24小时自助借书服务，读者刷卡即可借书。市图书馆馆长刘敏说，"
                      "今后还将开通更多自助服务。", "2023-05-01", "报")
    assert _assistant_over(tmp_path / "library", library).ask("谁开通了24小时自助借书服务？").text == "市图书馆"


def test_a_dimension_asked_for_is_the_figure_after_its_word(tmp_path):
    from qa.types import Article

    bridge = Article("b", "大桥通车", "城南大桥今日正式通车。大桥全长1.2公里，总投资3.5亿元。桥面宽度为32米，设双向六车道。",
                     "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "idx", bridge)
    assert assistant.ask("城南大桥有多宽？").text == "32米"
    assert assistant.ask("城南大桥有多长？").text == "1.2公里"


def test_a_deputy_is_not_who_holds_the_post_itself(tmp_path):
    from qa.types import Article

    said = "市妇幼保健院院长韩晓东介绍，医院今年将与市第一人民医院合作开设产后康复门诊。"
    alone = _assistant_over(tmp_path / "alone", Article("a", "妇幼保健院", said, "2023-05-01", "报"))
    assert alone.ask("市妇幼保健院的副院长是谁？").text == ""  # neither the 院长 nor a body
    lost = Article("l", "老人走失", "走失三天的82岁老人昨日被民警找到。找到老人的是城南派出所民警赵刚，他在河边发现了老人。",
                   "2023-05-01", "报")  # the name in the sentence after the best one
    assert _assistant_over(tmp_path / "lost", lost).ask("谁找到了走失三天的82岁老人？").text == "赵刚"
    nurse = Article("n", "社区义诊", "区中医院院长孙建平介绍，医院护理部主任刘小燕已带队到社区义诊。", "2023-05-01", "报")
    assert _assistant_over(tmp_path / "nurse", nurse).ask("区中医院的副院长是谁？").text == ""  # nor another post's
    both = _assistant_over(tmp_path / "both", Article("b", "妇幼保健院", said + "市妇幼保健院副院长冯丽萍主持了会议。",
                                                        "2023-05-01", "报"))
    assert both.ask("市妇幼保健院的副院长是谁？").text == "冯丽萍"
    assert both.ask("市妇幼保健院院长是谁？").text == "韩晓东"


def test_a_yes_or_no_question_is_answered_by_the_contrary_the_article_says(tmp_path):
    from qa.types import Article

    village = Article("v", "村史馆开馆", "西沟村村史馆于5月1日开馆，面向游客免费开放，每周一闭馆。村史馆由一所乡村公办小学的"
                      "旧校舍改建而成。", "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "idx", village)
    answer = assistant.ask("西沟村村史馆收费吗？")
    assert "免费开放" in answer.text
    assert answer.resolved_question == "西沟村村史馆收费吗？"  # read as asked, not as its contrary
    # the contrary said of another thing is no answer
    harvest = Article("h", "粮食丰收", "今年全县粮食总产量达到52万吨，同比增长5.2%。与此同时，全县化肥使用量同比减少8%。",
                      "2023-05-01", "报")
    assert "化肥" not in _assistant_over(tmp_path / "harvest", harvest).ask("今年全县粮食产量增加了吗？").text


@pytest.mark.parametrize("sentence, question, expected", [
    # jieba cuts "执法/v 队/n" and tags the office's verbs as verbs: the name still runs from its place name.
    ("经区政府同意，我站已并入长治市潞州区农业综合行政执法队，原有业务一并移交。", "这个站并入了哪个单位？",
     "长治市潞州区农业综合行政执法队"),
    # A label before the name is not part of it: the name begins with its place.
    ("项目由主管部门长治市教育局审批，建设单位长治市城投公司负责实施。", "项目由哪个单位审批？", "长治市教育局"),
    ("项目由主管部门长治市教育局审批，建设单位长治市城投公司负责实施。", "项目由哪个单位负责实施？", "长治市城投公司"),
    # jieba's word 经区 (经济区) in "经区教育局同意": the preposition 经 is no part of the name.
    ("经区教育局同意，城东小学承接原城东幼儿园全部资产。", "城东幼儿园注销是哪个单位同意的？", "区教育局"),
    # after 在 (or 把, 被), 区域 and 区划 begin no office: only 由, 经 and 向 lead one
    ("本次活动由区教育局主办，在区域中心广场举行。", "本次活动由哪个单位主办？", "区教育局"),
    # a commission by its short name
    ("市发改委牵头制定了实施方案，各县区配合落实。", "哪个单位牵头制定了实施方案？", "市发改委"),
])
def test_organisation_names_are_cut_whole(sentence, question, expected):
    from qa.spans import choose_span
    from qa.question import analyse

    s, e = choose_span(sentence, analyse(question))
    assert sentence[s:e] == expected


@pytest.mark.parametrize("text, asked, named, followup, resolved, expected", [
    # 他 after a who-question is the person answered.
    ("座谈会上，李建华与北京林业大学园林学院教授张志强交流了绿化规划。会后，李建华表示将尽快完善方案。",
     "李建华和哪位教授交流了绿化规划？", "张志强", "他是哪个单位的？", "张志强是哪个单位的？", "北京林业大学园林学院"),
    # 他们 after a question asking who does something stands for those answered.
    ("会议要求，市疾控中心、各级医院要加强发热门诊管理，发现病例后要在2小时内上报。市卫健委负责统筹调度。",
     "谁要加强发热门诊管理？", "市疾控中心", "他们发现病例后要多久上报？", "市疾控中心发现病例后要多久上报？", "2小时"),
    # 它 after a which-body question is the body answered…
    ("南山市设立于1950年。本月，南山市与东海银行签署战略合作协议。东海银行成立于1998年，下设12家分行。",
     "南山市与哪家银行签署了战略合作协议？", "东海银行", "它成立于哪一年？", "东海银行成立于哪一年？", "1998年"),
    # …unless the body was asked as the doer of what the subject is, or the subject is a body itself: then
    # 它 is the subject still.
    ("南山幼儿园已并入城东小学。南山幼儿园建于1990年，城东小学建于1952年。",
     "南山幼儿园并入了哪个单位？", "城东小学", "它建于哪一年？", "南山幼儿园建于哪一年？", "1990年"),
    ("近日，南山市交警支队开展电动车专项整治行动。此次整治行动为期三个月，坚持教育与处罚相结合的原则。"
     "南山市交警支队成立于1985年，下设6个大队。",
     "电动车专项整治行动是哪个单位开展的？", "南山市交警支队", "它为期多久？", "电动车专项整治行动为期多久？", "三个月"),
])
def test_a_pronoun_after_a_who_or_which_body_question(tmp_path, text, asked, named, followup, resolved, expected):
    from qa.types import Article

    assistant = _assistant_over(tmp_path / "idx", Article("a", "报道", text, "2023-05-01", "报"))
    assert assistant.ask(asked).text == named
    answer = assistant.ask(followup, history=[asked])
    assert answer.resolved_question == resolved
    assert answer.text == expected


@pytest.mark.parametrize("question", ["晋阳小区是哪家公司施工的？", "晋阳小区改造由哪个单位施工？", "谁负责晋阳小区的施工？"])
def test_a_sentence_that_names_no_one_is_no_answer_to_who_or_which_body(tmp_path, question):
    from qa.types import Article

    estate = Article("e", "晋阳小区改造", "和东湖小区一样，春节过后开工建设的老旧小区还有始建于80年代的晋阳小区。"
                     "晋阳小区改造工程施工已全面展开，涉及住户120户。", "2023-03-02", "报")
    answer = _assistant_over(tmp_path / "idx", estate).ask(question)
    assert not answer.answerable and answer.citations  # refused, the closest sentence still cited


def test_a_who_question_still_takes_the_latest_article(tmp_path):
    from qa.types import Article

    older = Article("o", "图书馆换帅", "潞州区图书馆馆长李明介绍了馆藏情况。", "2022-05-01", "报")
    newer = Article("n", "图书馆新馆开放", "潞州区图书馆馆长张华介绍了新馆情况。", "2023-02-10", "报")
    answer = _assistant_over(tmp_path / "idx", older, newer).ask("潞州区图书馆的馆长是谁？")
    assert answer.text == "张华" and "2023-02-10" in (answer.note or "")


def test_a_share_is_not_answered_by_a_total(tmp_path):
    from qa.types import Article

    plan = Article("p", "老旧小区改造计划", "今年我区拟改造老旧小区20个，涉及居民3000余户，总投资约8000万元。"
                   "东湖小区改造工程由区住建局负责，目前已完成管网铺设。", "2023-03-02", "报")
    assistant = _assistant_over(tmp_path / "idx", plan)
    assert assistant.ask("改造老旧小区总投资多少？").text == "约8000万元"
    assert not assistant.ask("改造老旧小区每户居民要出多少钱？").answerable
    assert assistant.ask("东湖小区改造由哪个单位负责？").text == "区住建局"  # a local office after 由


def test_a_purpose_clause_that_opens_a_sentence_gives_the_reason(tmp_path):
    from qa.types import Article

    firm = Article("f", "东方服饰多元发展", "东方服饰有限公司成立于2008年，主营校服。为满足市场需求，近年来，该公司采取多样化"
                   "经营，目前已建成三个分厂。据了解，该公司今年计划完成产值3000余万元，带动就业200余人。", "2023-03-01", "报")
    answer = _assistant_over(tmp_path / "idx", firm).ask("东方服饰为什么要搞多样化经营？")
    assert answer.text.startswith("为满足市场需求")


@pytest.mark.parametrize("question", ["城北小学为什么要升级改造？", "城北小学为什么要改造？"])
def test_a_why_question_takes_the_reason_the_article_gives_near_its_best_sentences(tmp_path, question):
    from qa.types import Article

    # The lead tells of the renovation and ranks first; the reason stands on its own two sentences on.
    school = Article("s", "城北小学改造完工", "本报讯：近年来，我区加大教育投入，经过三个月的紧张施工，城北小学升级改造"
                     "工程全面完工。城北小学始建于1975年，占地面积5000平方米。由于校舍年久失修，墙体开裂渗水，已无法"
                     "满足教学需要。去年九月，区教育局对学校进行了全面改造。", "2023-03-01", "报")
    assert _assistant_over(tmp_path / "idx", school).ask(question).text == "由于校舍年久失修，墙体开裂渗水，已无法满足教学需要。"


def test_a_sentence_that_gives_a_cause_counts_as_of_the_type_a_why_question_asks_for(tmp_path):
    from qa.answer import WEIGHTS, score_sentences
    from qa.question import analyse
    from qa.retrieve import retrieve
    from qa.text import tokenize
    from qa.types import Article

    market = Article("m", "城西菜市场暂停营业", "城西菜市场从下周起暂停营业，摊主们都很关心。因为周边道路改造，车辆无法进出。",
                     "2023-05-01", "报")
    assistant = _assistant_over(tmp_path / "idx", market)
    typed = list(WEIGHTS).index("typed")

    def typed_signals(question: str) -> dict[str, float]:
        analysis = analyse(question)
        vector, aspect = assistant.query_vectors(question, analysis)
        hits = retrieve(assistant.index, query_vector=vector, query_terms=tokenize(question), top_k=5)
        return {assistant.index.articles[s.article_id].text[s.start:s.end]: s.signals[typed]
                for s in score_sentences(analysis, hits, assistant.index, vector, aspect) if s.article_id == "m"}

    first, cause = "城西菜市场从下周起暂停营业，摊主们都很关心。", "因为周边道路改造，车辆无法进出。"
    assert typed_signals("城西菜市场为什么暂停营业？") == {first: 0.0, cause: 1.0}
    assert typed_signals("城西菜市场是怎么恢复营业的？") == {first: 0.0, cause: 0.0}  # no manner given


def test_an_a_not_a_question_is_answered_only_by_a_sentence_with_its_verb(park, tmp_path):
    from qa.types import Article

    zoo = Article("z", "城北动物园春节开放", "城北动物园春节期间照常开放，成人门票每张30元，1.2米以下的儿童不收门票。",
                  "2023-01-20", "报")
    assistant = _assistant_over(tmp_path / "idx", zoo, park.article("p"))
    assert not assistant.ask("城南公园收不收门票？").answerable  # its article says nothing of 收
    assert not assistant.ask("城南公园的茶社开不开？").answerable
    for question in ("城北动物园收不收儿童的门票？", "城北动物园春节开不开门？"):
        assert assistant.ask(question).text.startswith("城北动物园春节期间照常开放")


def test_an_article_that_does_not_name_what_is_asked_about_does_not_answer_for_it(tmp_path):
    from qa.types import Article

    estates = Article("e", "东湖小区改造启动", "本报讯：今年我市拟改造东湖小区等老旧小区12个，涉及居民3000余户，"
                      "总投资约1.2亿元。改造内容包括管网更新和外墙保温。", "2023-03-01", "报")
    talk = Article("t", "我市赴深圳招商", "2月20日，我市招商小组赴深圳与华鑫集团座谈。华鑫集团是一家物流企业，"
                   "在全国建有仓储基地40余个。", "2023-02-21", "报")
    assistant = _assistant_over(tmp_path / "idx", estates, talk)
    assert not assistant.ask("我市和华鑫集团签的合作项目总投资有多少？").answerable  # 1.2亿元 is the estates'
    assert assistant.ask("东湖小区等老旧小区改造总投资约多少？").text == "约1.2亿元"
    assert assistant.ask("华鑫集团在全国建有多少个仓储基地？").text == "40余个"


def test_a_question_asking_by_post_takes_the_sentence_that_names_the_post(tmp_path):
    from qa.types import Article

    # The reporter is named first; 教师 is 老师 by another word; 幼儿园 is tagged as a name here.
    kindergarten = Article("k", "城东幼儿园新教室启用", "本报讯记者刘洋报道：城东幼儿园新教室日前启用。孩子们在老师的带领下"
                           "做游戏，十分开心。“新教室配备了图书角和积木区。”城东幼儿园教师王芳说道。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path / "idx", kindergarten)
    for question in ("是哪位老师介绍的新教室？", "哪位老师说新教室配备了图书角？"):
        assert assistant.ask(question).text == "王芳"


@pytest.mark.parametrize("title, text, asked", [
    # Who did it is not the story's reporter nor the speaker of another line; the reporter is asked for by 记者.
    ("城西小学新操场启用", "本报讯记者张明报道：城西小学新操场日前启用。去年九月，区教育局投资80余万元，对操场进行了全面翻新。"
     "“新操场铺设了塑胶跑道。”城西小学教师刘红说道。",
     {"谁投资翻新了城西小学的操场？": "区教育局", "城西小学新操场的报道是哪位记者写的？": "张明",
      "哪位老师说新操场铺设了塑胶跑道？": "刘红"}),
    # What post someone holds: the post written before the name, not across another listed name.
    ("读书节启动", "本报讯：3月1日，全市读书节在城北小学启动。市文旅局局长周平、副局长陈红出席启动仪式。"
     "“读书节将持续一个月。”城北小学校长吴刚说道。",
     {"周平担任什么职务？": "市文旅局局长", "陈红是什么职务？": "副局长", "吴刚是做什么的？": "城北小学校长"}),
    # Who someone named is: the post before the name, a verbal noun (施工/vn) and all.
    ("城南河道清淤完工", "本报讯：近日，城南河道清淤工程完工。“共清理淤泥3000余方。”城南河道施工负责人赵磊说。"
     "区水务局副局长孙伟到现场验收。",
     {"赵磊是谁？": "城南河道施工负责人", "孙伟是谁": "区水务局副局长", "谁到现场验收了？": "孙伟"}),
    # An occupation set after the name, past an aside and other clauses about the person.
    ("剧团新春演出", "本报讯：春节期间，区晋剧团在人民剧场连演三场。杨帆（1990年生），长治人，国家一级演员，"
     "主演了新编历史剧《上党风云》。",
     {"杨帆的职业是什么？": "国家一级演员", "杨帆是做什么的？": "国家一级演员"}),
])
def test_people_are_answered_by_what_the_story_says_of_them(tmp_path, title, text, asked):
    from qa.types import Article

    assistant = _assistant_over(tmp_path / "idx", Article("a", title, text, "2023-03-01", "报"))
    assert {question: assistant.ask(question).text for question in asked} == asked


# (an article's text, questions asking for a name by its kind, the answers)
NAMES_BY_KIND = [
    ("本报讯：城北公园，原名人民公园，始建于1985年（另说1986年）。公园又称“北海子”，是市民休闲的好去处。",
     {"城北公园的原名是什么？": "人民公园", "城北公园又叫什么？": "“北海子”"}),
    # any word for a kind of name; an abbreviation asks for the full name
    ("本报讯：长治市城北全民健身中心，简称城北馆，于2020年建成。"
     "太原国际马拉松赛，官方名称为「太原市国际马拉松锦标赛」，是从2005年开始一年一度举行的比赛。",
     {"城北馆是什么的简称？": "长治市城北全民健身中心", "太原国际马拉松赛的官方名称是什么？": "「太原市国际马拉松锦标赛」"}),
]


@pytest.mark.parametrize("text, asked", NAMES_BY_KIND)
def test_a_name_asked_for_by_its_kind_is_the_name_after_the_same_kind_of_word(tmp_path, text, asked):
    from qa.types import Article

    assistant = _assistant_over(tmp_path / "idx", Article("p", "城北新貌", text + "近日，提升改造工程完工。", "2023-03-01", "报"))
    assert {question: assistant.ask(question).text for question in asked} == asked


def test_a_count_matches_whether_written_in_figures_or_in_characters(tmp_path):
    from qa.types import Article

    park = Article("p", "城北公园完成提升改造", "本报讯：近日，城北公园提升改造工程完工。公园新建健身步道2公里，"
                   "安装健身器材十五套，补植树木三百余株。改造后的公园每天接待市民上千人次。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path / "idx", park)
    # The same question, its count written as the article writes it and the other way: equally sure.
    for as_printed, other_script in (("城北公园安装健身器材十五套了吗？", "城北公园安装健身器材15套了吗？"),
                                     ("城北公园新建健身步道2公里了吗？", "城北公园新建健身步道两公里了吗？")):
        printed, other = assistant.ask(as_printed), assistant.ask(other_script)
        assert other.text == printed.text and other.confidence >= printed.confidence - 0.05, (printed, other)


def test_an_occupation_after_a_name_is_read_only_where_the_name_is_set_apart():
    from qa.spans import post_of

    assert post_of("1996年2月至4月任武警部队参谋长、党委委员。", "1996年2月") is None
    sentence = "李敏，1970年生，高级工程师，现任公司技术总监。"
    s, e = post_of(sentence, "李敏")
    assert sentence[s:e] == "高级工程师"


def test_a_sentence_given_whole_leaves_out_the_byline(tmp_path):
    from qa.types import Article

    road = Article("r", "城东路启动改造", "本报讯记者张明报道：为改善群众出行条件，区交通局近日启动城东路改造工程。工程预计6月完工。",
                   "2023-03-01", "报")
    answer = _assistant_over(tmp_path / "idx", road).ask("城东路改造工程是什么？")  # a definition: the whole sentence
    assert answer.text == "为改善群众出行条件，区交通局近日启动城东路改造工程。"
    assert answer.citations[0].sentence.startswith("本报讯记者张明报道：")  # the citation shows the sentence as printed


def test_a_bare_kind_of_body_or_place_is_no_name():
    from qa.spans import typed_spans
    from qa.question import AnswerType

    sentence = "会后，公司与长江电气股份有限公司在广场签约。"
    organisations = {sentence[s:e] for s, e in typed_spans(sentence, AnswerType.ORGANISATION)}
    assert "长江电气股份有限公司" in organisations and "公司" not in organisations
    assert "广场" not in {sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PLACE)}
    sentence = "城东幼儿园教师王芳说道。"  # jieba: 城东/ns 幼儿园/nr 教师/n 王芳/nr
    assert {sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PERSON)} == {"王芳"}
    # 人 of "人物" is no post before a name; 发言人 is.
    assert typed_spans("书末附有登场人物介绍。", AnswerType.PERSON) == []
    sentence = "公司发言人贝思远表示，新品下月上市。"
    assert "贝思远" in {sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PERSON)}


def test_a_name_grows_over_numerals_in_characters_but_not_over_other_words_tagged_numeral():
    from qa.spans import typed_spans
    from qa.question import AnswerType

    def names(sentence: str, answer_type: AnswerType) -> set[str]:
        return {sentence[s:e] for s, e in typed_spans(sentence, answer_type)}

    # jieba tags 年 of "2024/m 年/m" and 一间 as numerals: neither begins a name; 五一 does.
    places = names("2024年城东区计划修建公园3个。", AnswerType.PLACE)
    assert "城东区" in places and not any(place.startswith("年") for place in places)
    assert names("他在五一广场旁开了一间汽车修理厂。", AnswerType.ORGANISATION) == {"汽车修理厂"}
    assert "五一广场" in names("他在五一广场旁开了一间汽车修理厂。", AnswerType.PLACE)
    # A word that sets a kind apart leads a name too; a university is an organisation.
    assert "私立东海大学" in names("她毕业于私立东海大学。", AnswerType.ORGANISATION)


@pytest.mark.parametrize("sentence", ["上海市崇明区仙桥村在党支部带领下发展民宿。", "福建省宁德市赤溪村在党支部带领下脱贫。"])
def test_a_place_the_tagger_reads_as_a_person_names_no_person(sentence):
    from qa.question import AnswerType
    from qa.spans import typed_spans

    assert typed_spans(sentence, AnswerType.PERSON) == []  # not 崇明区仙桥, not 赤溪村


def test_a_name_inside_the_title_of_a_work_names_no_place_or_person():
    from qa.spans import typed_spans
    from qa.question import AnswerType

    sentence = "志愿者在运城市发放《河北省文明行为促进条例》和《鲁迅全集》。"
    assert {sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PLACE)} == {"运城市"}
    assert "鲁迅" not in {sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PERSON)}


def test_who_did_it_is_answered_by_all_who_are_named_doing_it():
    from dataclasses import replace

    from qa.spans import choose_span
    from qa.question import AnswerType, analyse

    sentence = "会上，王建国和刘芳提出了新方案。"
    s, e = choose_span(sentence, analyse("谁提出了新方案？"))
    assert sentence[s:e] == "王建国和刘芳"
    # Bodies, as 谁 is answered when no person is named; 各级 between them does not part them.
    sentence = "区疾控中心与各级医疗机构要加强监测，及时预警。"
    s, e = choose_span(sentence, replace(analyse("谁要加强监测？"), answer_type=AnswerType.ORGANISATION))
    assert sentence[s:e] == "区疾控中心与各级医疗机构"


def test_where_something_lies_is_the_whole_place_after_lies_in():
    from qa.spans import choose_span
    from qa.question import analyse

    sentence = "城南湿地公园位于长治市潞州区漳泽湖东岸（原为滩涂），占地3平方公里。"
    s, e = choose_span(sentence, analyse("城南湿地公园位于哪里？"))
    assert sentence[s:e] == "长治市潞州区漳泽湖东岸"  # to the clause's end, not into the aside
    s, e = choose_span(sentence, analyse("城南湿地公园位于哪个市？"))  # a kind of place asked for: the name
    assert sentence[s:e] == "长治市"
    # A place that modifies the very thing asked about ends before 的 and its name.
    sentence = "坐落于城东工业园区的华丰纺织厂，始建于1985年。"
    s, e = choose_span(sentence, analyse("华丰纺织厂在哪儿？"))
    assert sentence[s:e] == "城东工业园区"


def test_a_place_answer_names_a_place():
    from qa.question import AnswerType
    from qa.spans import typed_spans
    from qa.text import names_no_thing

    def places(sentence: str) -> list[str]:
        return [sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PLACE)]

    # jieba's dictionary tags 普及 as a place; Cilin knows it only as a doing.
    assert names_no_thing("普及") and not names_no_thing("北京") and not names_no_thing("漳泽湖")
    assert places("志愿者向居民普及垃圾分类知识。") == []
    # 全区 and 各县区 refer to districts without naming them.
    assert places("全区共有12个村参加评比。") == []
    assert places("计划投资100万元，用于各县区加工站建设。") == []
    # 我区 refers too; 颐高 (jieba: a place) begins the name of a body, 颐高集团.
    assert places("2月24日，我区在杭州开展招商活动，并与颐高集团签署协议。") == ["杭州"]
    assert "城东广场" in places("活动在城东广场举行。")


def test_a_person_answer_names_a_person():
    from qa.question import AnswerType
    from qa.spans import typed_spans
    from qa.text import names_no_thing

    def persons(sentence: str) -> list[str]:
        return [sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PERSON)]

    # jieba tags 陈旧 and the 师范 of 师范南小区 as names.
    assert persons("东关小区的设施陈旧，居民李华多次反映。") == ["李华"]
    assert persons("和师范南小区一样，春节后开工的还有西关小区。") == []
    # after a post, jieba may read the surname as a numeral (万) or a measure word (段)
    assert persons("去年，村委会主任万红梅带领村民种植花椒。") == ["万红梅"]
    assert persons("去年，学校校长段海燕带队参加比赛。") == ["段海燕"]
    assert persons("会议由党委书记和李明共同主持。") == ["李明"]
    assert persons("校长给王芳颁发了荣誉证书。") == ["王芳"]  # 给 is no surname: jieba tags it a preposition
    assert not names_no_thing("博")  # a single character: a name borrows whatever else it means


def test_a_local_office_by_its_short_name_is_a_body():
    from qa.question import AnswerType
    from qa.spans import typed_spans

    def bodies(sentence: str) -> list[str]:
        return [sentence[s:e] for s, e in typed_spans(sentence, AnswerType.ORGANISATION)]

    # jieba cuts these into pieces (区/n 发改/v 局/n) that no tag marks as a body.
    assert "区发改局" in bodies("3月5日上午，区发改局在人民广场开展了节能宣传活动。")
    assert "区疾控中心" in bodies("近日，区疾控中心组织了一次应急演练。")
    assert bodies("我区把该小区纳入了改造范围。") == []  # 我区… is no office


def test_a_count_of_things_is_not_a_sum_a_measure_or_a_date():
    from qa.question import analyse
    from qa.spans import choose_span

    def answer(sentence: str, question: str) -> str | None:
        span = choose_span(sentence, analyse(question))
        return sentence[span[0]:span[1]] if span else None

    assert answer("去年十月，区政府投资150余万元，对该幼儿园进行了改造。", "幼儿园有多少个孩子？") is None
    assert answer("学校打造了一个全新的操场。", "学校有多少个班级？") is None  # 一个 is the article "a"
    assert answer("学校今年投资300万元，现有12个班级。", "学校有多少个班级？") == "12个"
    assert answer("该厂占地3000平方米，建成于2015年。", "厂长今年多大？") is None  # 多大 of a person: an age
    assert answer("学校今年投资300万元，现有12个班级。", "学校投资了多少？") == "300万元"


def test_a_count_beside_the_thing_asked_about_counts_it():
    from qa.question import analyse
    from qa.spans import choose_span

    sentence = "该集团下设甲、乙等七大专业公司，服务创业公司10万余家。"
    s, e = choose_span(sentence, analyse("该集团有几家专业公司？"))
    assert sentence[s:e] == "七大"  # beside 专业公司, though not counted in 家


@pytest.mark.parametrize("sentence, question, count", [
    ("全市改造幼儿园12所，新建幼儿园30所。", "全市新建了多少所幼儿园？", "30所"),
    ("今年招聘教师200名，培训教师1500余名。", "今年培训了多少名教师？", "1500余名"),
    ("园区聚集研发企业120家，引进企业45家，服务企业3000余家。", "园区引进了多少家企业？", "45家"),
])
def test_of_counts_of_one_kind_the_one_named_by_the_questions_verb_is_the_answer(sentence, question, count):
    from qa.question import analyse
    from qa.spans import choose_span

    s, e = choose_span(sentence, analyse(question))
    assert sentence[s:e] == count  # the thing named as asked (新建幼儿园), not the nearer count after the name


def test_how_long_or_high_is_answered_by_a_figure_in_a_unit_of_measure():
    from qa.spans import choose_span
    from qa.question import analyse

    def answer(sentence: str, question: str) -> str | None:
        span = choose_span(sentence, analyse(question))
        return sentence[span[0]:span[1]] if span else None

    assert answer("新桥编号为08/26，全长1,260米，宽32米。", "新桥有多长？") == "1,260米"  # not the number 08
    assert answer("队长王力身高192CM，体重95公斤。", "王力的身高是多少？") == "192CM"  # units in capitals too
    assert answer("这种果实长约10至15厘米。", "这种果实有多长？") == "约10至15厘米"
    assert answer("这支球队成立于1990年，共有球员28名。", "球队有多高？") is None


def test_a_sentence_without_a_telephone_number_does_not_answer_for_one():
    from qa.spans import choose_span
    from qa.question import analyse

    assert choose_span("按照潞编发〔2020〕5号文件，共有12户办理。", analyse("办理的联系电话是多少？")) is None


def test_a_gap_of_mere_brackets_is_no_answer():
    from qa.spans import gap_span

    assert gap_span("他的别名是（）。", "他的别名是什么？") is None
    assert gap_span("他的别名是阿福。", "他的别名是什么？") == (5, 7)
    # Two characters matched on one side only ("老师") are too common to mark a gap; more are not.
    assert gap_span("孩子们在老师的带领下学习。", "是哪位老师介绍的？") is None
    assert gap_span("当年，张三在老师家里学画。", "谁在老师家里学画？") == (3, 5)


@pytest.fixture(scope="module")
def park(tmp_path_factory):
    from qa.types import Article

    park = Article("p", "城南公园春季开放", "城南公园占地面积12公顷，园内有一家茶社。公园管理处主任刘建华介绍，今年将新增"
                   "座椅200把，贷款利率优惠的项目有两个。今年公园游客增长了15%。", "2023-04-01", "报")
    return _assistant_over(tmp_path_factory.mktemp("park") / "idx", park)


@pytest.mark.parametrize("question, expected", [
    ("城南公园管理处主任是谁？", "刘建华"),
    ("今年公园游客增长了多少？", "15%"),
    # The article has a person, figures and a rate, but not the post, the age, the count or the rate asked for.
    ("城南公园的园长是谁？", None),
    ("刘建华多大年纪？", None),
    ("城南公园有多少名保安？", None),
    ("城南公园有多少保安？", None),
    ("城南公园的绿化率是多少？", None),
])
def test_a_sentence_without_what_is_asked_for_does_not_answer(park, question, expected):
    answer = park.ask(question)
    assert (answer.text if answer.answerable else None) == expected


@pytest.mark.parametrize("sentence, question, expected", [
    ("整合创服机构1280家，投资机构340余家，服务创业公司10万余家。", "颐高集团整合了多少家投资机构？", "340余家"),
    ("位于老顶山街道关村的长治市福慧德玻璃有限公司是一家企业。", "福慧德玻璃厂在哪儿？", "老顶山街道关村"),
    ("考察团去了上海市崇明区仙桥村和江苏省昆山市计家墩村。", "在江苏去的是哪个村？", "江苏省昆山市计家墩村"),
    # Place names hold words the tagger takes for persons' names (恩施州, 龙凤, 司马台).
    ("在湖北省恩施州龙凤镇青堡村，调研组了解了茶叶产业。", "调研组在哪个村了解了茶叶产业？", "湖北省恩施州龙凤镇青堡村"),
    ("调研组走访了北京市密云区司马台村。", "调研组走访了哪个村？", "北京市密云区司马台村"),
    # Which ones: the items listed before 等, not the word for their kind.
    ("市里将对西部快速通道、迎宾大道、滨江外环等城市道路的绿化带进行提升。", "要提升绿化带的是哪几条路？",
     "西部快速通道、迎宾大道、滨江外环"),
    ("市里将对西部快速通道、迎宾大道和滨江外环等城市道路的绿化带进行提升。", "要提升绿化带的是哪几条路？",
     "西部快速通道、迎宾大道和滨江外环"),
    # A figure keeps its unit and its thousands separator.
    ("这种鱼体长可达45公分，重约3公斤。", "这种鱼体长可达多少？", "45公分"),
    ("水库库容约为2,350立方米。", "水库库容有多大？", "2,350立方米"),
    # A question asking for several gets the whole list, with the items the tagger does not know as
    # places, up to 等地 or a verb.
    ("这种植物分布在广东、广西、云南以及越南北部。", "这种植物分布在哪些地方？", "广东、广西、云南以及越南北部"),
    ("这种鸟分布于亚洲东部、日本及中国大陆的东北等地，栖息于林间。", "这种鸟分布在哪些地区？",
     "亚洲东部、日本及中国大陆的东北等地"),
    ("这种鸟在广东、福建和台湾南部繁殖，冬季南迁。", "这种鸟在哪些地方繁殖？", "广东、福建和台湾南部"),
    # "一位" counts what follows; it is no part of the place.
    ("皮埃尔是一位法国作曲家，生于里昂。", "皮埃尔是哪个国家的作曲家？", "法国"),
    # A transliterated name is whole across its dots, though the tagger knows only some pieces.
    ("该书由英国作家伊丽莎白·比阿特丽斯·克拉克以笔名出版。", "该书是谁写的？", "伊丽莎白·比阿特丽斯·克拉克"),
    ("这一概念最早由古生物学家汤玛斯·霍尔兹提出。", "这一概念最早是谁提出的？", "汤玛斯·霍尔兹"),
    # The answer stands where the question has its wh-word: before 提出 here, not after 方案.
    ("在会上，王建国提出了垃圾分类的新方案，随后刘芳作了总结。", "垃圾分类的新方案是谁提出的？", "王建国"),
    # A telephone number, not the number of a document.
    ("按照潞编发〔2020〕5号文件办理，联系电话：2253895。", "办理的联系电话是多少？", "2253895"),
    ("按照潞编发〔2020〕5号文件办理，咨询电话0355-3032248。", "咨询电话是多少？", "0355-3032248"),
    # A range is one answer.
    ("展览于2019年3月1日至2019年5月31日在市博物馆举行。", "展览是什么时候举行的？", "2019年3月1日至2019年5月31日"),
    ("成鱼体长20至30厘米。", "成鱼体长多少？", "20至30厘米"),
    # A figure keeps the word that qualifies it: about, nearly, over, the ordinal 第.
    ("湿地公园占地约35公顷，种植乔木1200余株。", "湿地公园占地多大？", "约35公顷"),
    ("今年报名人数超过3000人。", "今年报名人数有多少？", "超过3000人"),
    ("她是这所学校的第三位女校长。", "她是这所学校的第几位女校长？", "第三位"),
    # The hour asked by 几点, and months given as a range.
    ("游泳馆每天上午8:30开门，晚上9点半闭馆。", "游泳馆几点开门？", "每天上午8:30"),  # every day, as written
    ("游泳馆每天上午8:30开门，晚上9点半闭馆。", "游泳馆晚上几点闭馆？", "晚上9点半"),
    ("这种兰花的花期在3至5月。", "这种兰花什么时候开花？", "3至5月"),
    # 一 with a measure word is the article "a", and a year is no size.
    ("城东小学是一所百年老校，始建于1921年，占地面积约2万平方米。", "城东小学占地多大？", "约2万平方米"),
    ("这座桥是一座石拱桥，始建于1958年，全长860米。", "这座桥有多长？", "860米"),
    # Dates written out: a reign year with its Western year, Chinese numerals, a decade, "early in".
    ("这座寺庙始建于康熙二十年（1681年），后多次重修。", "这座寺庙是什么时候始建的？", "康熙二十年（1681年）"),
    ("两国于一九七二年九月二十九日建交。", "两国是什么时候建交的？", "一九七二年九月二十九日"),
    ("这条老街从1990年代以后开始改建。", "这条老街什么时候开始改建？", "1990年代以后"),
    ("该厂2003年初开始投产。", "该厂什么时候开始投产？", "2003年初"),
    # Where something is done, asked by the verb and 于: what follows that verb in the sentence.
    ("李明出生于上海，毕业于北京体育大学，现效力于长春亚泰队。", "李明毕业于哪里？", "北京体育大学"),
    ("李明出生于上海，毕业于北京体育大学，现效力于长春亚泰队。", "李明现效力于哪儿？", "长春亚泰队"),
    ("该楼座落城南新区滨河路18号，共28层。", "该楼座落于什么地方？", "城南新区滨河路18号"),
    ("他中学毕业后，在钢铁厂当工人，后毕业于太原理工大学机械系。", "他毕业于哪所大学？", "太原理工大学机械系"),
    # or by the verb and 到/至: where it went, not where it came from
    ("暴雨中，河滩村、柳湾村的120名村民被连夜转移至镇中心小学。", "村民被转移到了哪里？", "镇中心小学"),
    # A century is a time too, as is a season.
    ("该村自十九世纪以来就以制陶闻名，2005年被评为文化名村。", "该村什么时候开始以制陶闻名？", "十九世纪以来"),
    ("这部文集写成于20世纪初，1985年再版。", "这部文集是什么时候写成的？", "20世纪初"),
    ("这种月季花期为4-10月，盛花期为春季。", "这种月季的盛花期是什么时候？", "春季"),
    ("这条步道每年冬季封闭，其余时间开放。", "这条步道什么时候封闭？", "每年冬季"),
    # 个 is no unit to prefer: the count beside the thing asked for answers, in its own measure word.
    ("锦泰集团拥有物流基地12个，研发中心3家。", "锦泰集团有多少个研发中心？", "3家"),
    # A figure keeps its unit after a space and in any currency, and counts in 册 or 股.
    ("该镇土地面积2.35 km²，人口约1.2万。", "该镇土地面积是多少？", "2.35 km²"),
    ("这家银行创立时的资本额为5亿新台币。", "这家银行创立时的资本额是多少？", "5亿新台币"),
    ("县图书馆现有藏书12.5万册。", "县图书馆的藏书量是多少？", "12.5万册"),
    # A race time is one figure, not its minutes; money in yen or renminbi.
    ("她在决赛中游出3分33秒62，刷新世界纪录。", "她创造的世界纪录是多少？", "3分33秒62"),
    ("这场婚礼耗资5亿日圆，轰动一时。", "这场婚礼耗资多少？", "5亿日圆"),
    ("该项目总投资12亿人民币，建设期3年。", "该项目总投资多少？", "12亿人民币"),
    # Money in other currencies, lengths in 公尺.
    ("该公司斥资12亿美元收购了这家酒厂。", "该公司斥资多少钱收购了这家酒厂？", "12亿美元"),
    ("这种蜥蜴体长约1.5公尺。", "这种蜥蜴体长有多大？", "约1.5公尺"),
    # Counts in the measure words of kinds, ranks and parts: 类, 级, 区, 期, 套, …
    ("这批导弹共100枚，分为两类。", "这批导弹分为几类？", "两类"),
    ("该市在全省排名第二，属于第三区。", "该市属于第几区？", "第三区"),
    ("这部丛书共50万字，分三辑出版。", "这部丛书分几辑出版？", "三辑"),
    # A share may be a ratio, or a rate given as a bare figure.
    ("该校今年招生1200人，男女生比例约为1：3。", "该校男女生比例是多少？", "1：3"),
    ("该剧于2019年首播，首集收视率为2.35。", "该剧首集的收视率是多少？", "2.35"),
    # A date keeps the day of the week it gives, the part of the month, a deadline's 前 and a year counted from the
    # article's (明年); a time of hours, minutes and seconds is one.
    ("受线路检修影响，11月3日（星期一）9:00至15:00，西街片区将暂停供气。", "西街片区哪天停气？", "11月3日（星期一）"),
    ("受线路检修影响，11月3日（星期一）9:00至15:00，西街片区将暂停供气。", "西街片区星期几停气？", "星期一"),
    ("新建的冷库预计明年3月上旬投用，可储存果蔬2000吨。", "冷库什么时候投用？", "明年3月上旬"),
    ("该桥加固工程计划于2026年6月底前完工，总投资900万元。", "该桥加固工程什么时候完工？", "2026年6月底前"),
    ("全程马拉松男子组冠军以2小时11分45秒冲线。", "男子组冠军用了多长时间？", "2小时11分45秒"),
    ("这台手术前后持续了4小时20分钟。", "这台手术做了多长时间？", "4小时20分钟"),
    # The word for a post after a post is no name: "…院长职务" (a name after a post still is).
    ("董事会决定由韩卫平接任，免去郑立群的公司董事长职务。", "谁接任公司董事长？", "韩卫平"),
    ("会议决定聘任陈晓东为公司总经理，黄立新不再担任总经理助理。", "谁被聘任为总经理？", "陈晓东"),
    # A count in the measure word asked (盆, 箱, 班 …), not one that counts another noun after its measure word.
    ("花卉市场今年摆出月季200余个品种、3万余盆。", "花卉市场一共摆了多少盆月季？", "3万余盆"),
    ("该园今年秋季招收小班幼儿4个班、120人。", "该园今年秋季招收多少小班幼儿？", "120人"),
    ("爱心企业捐赠牛奶300箱、大米500袋。", "爱心企业捐了多少箱牛奶？", "300箱"),
])
def test_span_choice_follows_what_the_question_marks(sentence, question, expected):
    from qa.spans import choose_span
    from qa.question import analyse

    s, e = choose_span(sentence, analyse(question))
    assert sentence[s:e] == expected


def test_no_core_is_free_while_every_core_runs_another_process():
    import os
    import subprocess
    import sys
    import time

    from qa.pipeline import a_core_is_free

    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 1)]
    try:
        time.sleep(0.5)
        assert not any(a_core_is_free() for _ in range(20))
    finally:
        for process in busy:
            process.kill()
            process.wait()


def test_sentences_are_also_scored_against_the_question_without_its_subject(assistant):
    import numpy as np

    from qa.answer import WEIGHTS, score_sentences
    from qa.question import analyse
    from qa.retrieve import retrieve
    from qa.text import tokenize

    question = "颐高集团的注册地在哪里？"
    analysis = analyse(question)
    query_vector, aspect_vector = assistant.query_vectors(question, analysis)
    assert np.allclose(query_vector, assistant.embedder.embed_query(question), atol=1e-3)
    assert np.allclose(aspect_vector, assistant.embedder.embed_query("注册地在哪里"), atol=1e-3)
    hits = retrieve(assistant.index, query_vector=query_vector, query_terms=tokenize(question), top_k=5)
    dense, aspect = list(WEIGHTS).index("dense"), list(WEIGHTS).index("aspect")
    with_aspect = score_sentences(analysis, hits, assistant.index, query_vector, aspect_vector)
    without = score_sentences(analysis, hits, assistant.index, query_vector)
    assert any(s.signals[aspect] != s.signals[dense] for s in with_aspect)
    assert all(s.signals[aspect] == s.signals[dense] for s in without)
    # Each sentence is also read with the one before it; an article's first sentence alone.
    paired = list(WEIGHTS).index("paired")
    firsts = [s for s in with_aspect if s.start == 0]
    assert firsts and all(abs(s.signals[paired] - s.signals[dense]) < 1e-3 for s in firsts)
    assert any(abs(s.signals[paired] - s.signals[dense]) > 1e-3 for s in with_aspect if s.start > 0)


def test_a_headline_the_question_names_is_its_subject_in_that_article(tmp_path):
    from qa.types import Article

    # An encyclopedia-style headline is the subject of each sentence of its article, which the answer leaves out.
    # The tagger finds no leading subject in the first question (阵内 is no noun to it) and a wrong one in the
    # second (萱莱|镇): the whole question's vector favours the opening sentence that names the headline.
    host = Article("p1", "阵内德胜", "阵内德胜（1961年3月5日－），日本相声演员、电视主持人。生于大阪府堺市。高中毕业后加入"
                   "吉本兴业。1992年与搭档组成“风车”组合。目前担任《周末大剧场》主持。妻子是歌手田中雪。", "2023-01-01", "报")
    town = Article("p2", "萱莱镇", "萱莱镇位于福建省南部，东邻大海，面积86平方公里。全镇辖11个村和2个社区。当地盛产龙眼"
                   "和荔枝。清代曾设巡检司。每年农历八月举办龙眼节。", "2023-01-01", "报")
    assistant = _assistant_over(tmp_path / "idx", host, town)
    assert assistant.ask("阵内德胜目前主持什么节目？").citations[0].sentence == "目前担任《周末大剧场》主持。"
    assert assistant.ask("萱莱镇出产什么水果？").citations[0].sentence == "当地盛产龙眼和荔枝。"


def test_the_sign_off_of_a_notice_is_its_closing_lines(tmp_path):
    from qa.types import Article

    notice = Article("n", "关于城西片区暂停供水的公告", "因管网改造，城西片区将于3月10日暂停供水一天，请居民提前储水。"
                     "给您带来的不便，敬请谅解。\n特此公告。\n长治市自来水公司\n2024年3月5日", "2024-03-06", "报")
    assistant = _assistant_over(tmp_path / "idx", notice)
    signed = assistant.ask("暂停供水公告的落款是哪天？")
    assert signed.answerable and signed.text == "2024年3月5日"
    assert assistant.ask("城西片区暂停供水的公告，落款是什么时候？").text == "2024年3月5日"
    assert assistant.ask("城西片区哪天暂停供水？").text == "3月10日"


def test_a_label_line_gives_no_reason(tmp_path):
    from qa.types import Article

    # The sign-off is the very name the question asks about, and gives no reason.
    notice = Article("n", "注销公告", "根据《关于整合区属事业单位的通知》文件精神，我单位已并入区市政服务中心，"
                     "拟申请注销登记。\n特此公告。\n长治市城区东街市政管理站\n2024年3月5日", "2024-03-06", "报")
    answer = _assistant_over(tmp_path / "idx", notice).ask("东街市政管理站为什么注销？")
    assert answer.text.startswith("根据《关于整合区属事业单位的通知》")


def test_an_hour_question_is_answered_only_by_a_time_of_day():
    from qa.spans import choose_span
    from qa.question import analyse

    assert choose_span("近年来，采摘园每天接待游客200余人。", analyse("采摘园几点关门？")) is None
    sentence = "采摘园每天上午9点开园，下午5点半关门。"
    s, e = choose_span(sentence, analyse("采摘园下午几点关门？"))
    assert sentence[s:e] == "下午5点半"


@pytest.mark.parametrize("sentence, question, expected", [
    # closing or ending: the last hour of a range, or the one before a verb of closing
    ("南关菜市场恢复营业，营业时间为早上5点半到晚上7点，共有摊位120个。", "南关菜市场晚上几点关门？", "晚上7点"),
    ("市图书馆周末8:30开馆，18:00闭馆。", "市图书馆周末几点关门？", "18:00"),
    ("东湖公园每天6时开园，22时闭园。", "东湖公园晚上几点关门？", "22时"),
    ("夜市每天18:00至次日0:30营业。", "夜市开到几点？", "次日0:30"),
    ("阅览室平日上午9:00至12:00开放，夜间自习延长至晚上22:00。", "阅览室夜间自习到几点？", "晚上22:00"),  # 至 alone
    # a range stands where its meal is named, though the hour before that name ends the meal before
    ("食堂早餐时间为6:30至8:00，午餐为11:00至12:30。", "食堂午餐几点结束？", "12:30"),
    # opening or starting: the first hour
    ("南关菜市场恢复营业，营业时间为早上5点半到晚上7点，共有摊位120个。", "南关菜市场早上几点开门？", "早上5点半"),
    ("市图书馆周末8:30开馆，18:00闭馆。", "市图书馆周末几点开门？", "8:30"),
    ("夜市每天18:00至次日0:30营业。", "夜市几点开始出摊？", "每天18:00"),
    # the part of the day asked, by the hour that opens the range
    ("政务大厅上午9时至12时、下午1时30分至5时办理业务。", "政务大厅下午几点下班？", "5时"),
    ("政务大厅上午9时至12时、下午1时30分至5时办理业务。", "政务大厅下午几点上班？", "下午1时30分"),
    # the last hour to go in, which a notice gives apart from the closing hour
    ("城东湿地公园每日6:00开园，21:00闭园，20:00停止入园。", "湿地公园最晚几点能进？", "20:00"),
    ("城东湿地公园每日6:00开园，21:00闭园，20:00停止入园。", "湿地公园几点以后不让进？", "20:00"),
    ("城东湿地公园每日6:00开园，21:00闭园，20:00停止入园。", "湿地公园晚上几点关门？", "21:00"),
    ("植物园夜游时段为每晚19:00～22:00，最晚入园时间为21:00。", "植物园夜游最晚几点入园？", "21:00"),
    # both asked: the range
    ("南关菜市场恢复营业，营业时间为早上5点半到晚上7点，共有摊位120个。", "南关菜市场几点到几点营业？", "早上5点半到晚上7点"),
    ("政务大厅上午9时至12时、下午1时30分至5时办理业务。", "政务大厅下午几点到几点办业务？", "下午1时30分至5时"),
])
def test_an_hour_asked_as_opening_or_closing_is_the_first_or_last_of_a_range(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_points_made_are_no_hour():
    from qa.spans import typed_spans
    from qa.question import AnswerType

    sentence = "他提出3点建议，会议于下午4点结束，8点半散场。"
    assert [sentence[s:e] for s, e in typed_spans(sentence, AnswerType.DATE)] == ["下午4点", "8点半"]


def test_a_gap_does_not_start_inside_a_word_of_the_sentence():
    from qa.spans import gap_span

    sentence = "2月24日，我区与华鑫集团签署合作框架协议。"
    s, e = gap_span(sentence, "我区和华鑫集团签了什么协议？")
    assert sentence[s:e] == "合作框架"  # not "署合作框架": 签 begins the word 签署
    # A word of the sentence across the gap's start that does not go on from the question's last word
    # (建工 after 组建, 解数 after 讲解) leaves the start where it is.
    assert _gap("街道办组建工作专班，推进改造。", "街道办组建了什么？") == "工作专班"
    assert _gap("民警向群众讲解数据归集等知识。", "民警讲解了哪些知识？").startswith("数据归集")


def test_which_day_is_answered_by_a_day():
    from qa.question import analyse
    from qa.spans import choose_span

    sentence = "这座始建于80年代的小区，3月6日复工以来已完成管道铺设。"
    s, e = choose_span(sentence, analyse("这座小区几号复工的？"))
    assert sentence[s:e] == "3月6日"  # not the decade
    assert choose_span("这座小区始建于80年代。", analyse("这座小区是哪天复工的？")) is None


def test_who_holds_a_post_is_the_name_written_after_it():
    from qa.question import analyse
    from qa.spans import choose_span

    sentence = "考察期间，李明、张华与北京大学城市规划研究院教授王建国就规划设计进行了座谈。"
    s, e = choose_span(sentence, analyse("谁在北京大学当教授？"))
    assert sentence[s:e] == "王建国"  # not the names before the question's words


@pytest.mark.parametrize("sentence", ["学校执行副校长刘强、副校长王兰陪同参观。", "学校副校长王兰、执行副校长刘强陪同参观。"])
def test_the_post_asked_for_whole_beats_a_shorter_post_of_its_kind(sentence):
    from qa.question import analyse
    from qa.spans import choose_span

    s, e = choose_span(sentence, analyse("陪同参观的执行副校长是谁？"))
    assert sentence[s:e] == "刘强"  # written after 执行副校长, not after a mere 副校长 nearer 陪同


def test_a_name_the_question_s_words_bracket_beats_a_name_near_its_subject():
    from qa.spans import choose_span, gap_span
    from qa.question import analyse

    # jieba knows 高湛 as no name (高湛/a); 刘辉 is a name, right beside the question's subject 陈其.
    sentence = "大历十四年三月，陈其被刘辉驱逐，次年，拥立高湛称帝。"
    s, e = choose_span(sentence, analyse("陈其拥立谁称帝？"))
    assert sentence[s:e] == "高湛"
    # The answer may share a word with the question when both sides mark it.
    sentence = "按惯例，校长一职由城南小学董事会任命。"
    s, e = gap_span(sentence, "城南小学校长一职由谁任命？", bracketed=True)
    assert sentence[s:e] == "城南小学董事会"
    # An aside in brackets after the words before the gap is no part of the gap.
    sentence = "胜利广场（Place des Victoires）是巴黎的一个圆形广场。"
    s, e = gap_span(sentence, "胜利广场是哪儿的一个圆形广场？")
    assert sentence[s:e] == "巴黎"


@pytest.mark.parametrize("sentence, question, gap", [
    ("今年学校准备修建一座室内体育馆，预计明年投入使用。", "学校今年打算修什么？", "一座室内体育馆"),
    ("增设活动室并配备了海洋球，方便孩子们游戏。", "新增的活动室配了什么？", "海洋球"),
])
def test_the_question_s_verb_may_begin_the_sentence_s_longer_one(sentence, question, gap):
    from qa.spans import gap_span
    from qa.question import analyse

    s, e = gap_span(sentence, analyse(question).text)
    assert sentence[s:e] == gap  # 修 → 修建, 配 → 配备了: what follows is what was built or fitted


def test_a_gap_that_holds_only_the_kind_asked_about_gives_the_things_listed_of_that_kind():
    from qa.spans import gap_with_noun
    from qa.question import analyse

    sentence = "会议要求，要加强重点人群管理，做好老人、儿童、孕妇等重点人群的健康服务。"
    s, e = gap_with_noun(sentence, analyse("要加强哪些重点人群的管理？"))
    assert sentence[s:e] == "老人、儿童、孕妇"
    # With no list of that kind, there is no gap: not "重点行业" again.
    assert gap_with_noun("今年要加强重点行业监管，确保安全生产。", analyse("要加强哪些重点行业的监管？")) is None


@pytest.mark.parametrize("sentence, question, expected", [
    ("近年来，该镇发展乡村旅游产业和特色种植产业，带动农民增收。", "该镇发展了哪些产业？", "乡村旅游产业和特色种植产业"),
    ("学校开设书法课程、舞蹈课程及围棋课程，丰富课余生活。", "学校开设了什么课程？", "书法课程、舞蹈课程及围棋课程"),
    # The next 经济 begins another thing, not an item of the list.
    ("该村发展民宿经济和经济林种植，村民收入翻番。", "该村发展了什么经济？", "民宿经济"),
    # nor one that does something or tells of the thing: no items of the list asked for
    ("该村发展民宿经济和壮大集体经济，村民收入翻番。", "该村发展了什么经济？", "民宿经济"),
    ("该镇发展旅游产业和带动就业的产业。", "该镇发展了什么产业？", "旅游产业"),
])
def test_a_list_whose_items_are_of_the_kind_asked_about_is_given_whole(sentence, question, expected):
    from qa.spans import gap_with_noun
    from qa.question import analyse

    s, e = gap_with_noun(sentence, analyse(question))
    assert sentence[s:e] == expected


@pytest.mark.parametrize("sentence, question, expected", [
    ("办理时，申请人需携带身份证、户口本和近期免冠照片。", "办证要带哪些东西？", "身份证、户口本和近期免冠照片"),
    ("中心面积300平方米，设有阅览室、棋牌室和舞蹈室，每天开放。", "中心里都有哪些活动室？", "阅览室、棋牌室和舞蹈室"),
    # what a gap that only counts them names one by one after 分别是
    ("今年我区还将对区内另外3处市级文物保护单位进行修缮，分别是东岳庙、城隍庙和关帝庙，计划投资300万元。",
     "今年还要修哪几处市级文物保护单位？", "东岳庙、城隍庙和关帝庙"),
    ("县里今年还将对另外2座危桥进行加固，分别是东河桥、西河桥。", "县里还要加固哪几座危桥？", "东河桥、西河桥"),
    # not where two clauses list, nor where the list runs into a figure before its clause ends
    ("村里种植玉米、谷子，养殖牛、羊。", "村里都搞哪些产业？", None),
    ("车站新开往太原、郑州方向的列车4对。", "新开的列车往哪些地方开？", None),
])
def test_several_things_asked_for_by_another_name_are_the_one_list_of_the_sentence(sentence, question, expected):
    from qa.spans import gap_with_noun
    from qa.question import analyse

    span = gap_with_noun(sentence, analyse(question))
    assert (sentence[span[0]:span[1]] if span else None) == expected


def test_a_frame_holds_the_answer_when_what_follows_it_is_the_thing_asked_about():
    from qa.spans import gap_with_noun
    from qa.question import analyse

    sentence = "3月5日，市图书馆举办了以“书香满城”为主题的全民阅读推广活动。"
    for question in ("这次活动的主题是什么？", "阅读推广活动的主题是什么？"):
        s, e = gap_with_noun(sentence, analyse(question))
        assert sentence[s:e] == "“书香满城”", question


def test_a_document_asked_for_by_its_kind_or_number_is_named_by_its_title_or_number(tmp_path):
    from qa.types import Article

    notice = Article("n", "关于东关小学申请办学许可的公示", "东关小学拟申请变更办学许可。根据《关于调整学区划分的通知》"
                     "（县教发〔2021〕12号）要求，我校按照《民办教育促进法》有关规定，申请变更办学许可。"
                     "学校现有学生600余名。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, notice)
    assert assistant.ask("东关小学是按照什么法申请变更办学许可的？").text == "《民办教育促进法》"
    assert assistant.ask("东关小学申请变更是根据哪个文号的通知？").text == "县教发〔2021〕12号"
    assert assistant.ask("东关小学申请变更是根据什么通知？").text == "《关于调整学区划分的通知》"


def test_a_title_or_a_number_answers_only_a_question_asking_by_which_document():
    from qa.spans import document_span

    named = functools.partial(_span_text, document_span)

    assert named("根据县教发〔2021〕12号文件，东关小学申请变更。", "东关小学是根据哪个文号申请变更的？") == "县教发〔2021〕12号"
    assert named("业主按照《南关社区物业管理办法》和《中华人民共和国民法典》监督物业。",
                 "业主按照什么法监督物业？") == "《中华人民共和国民法典》"  # 办法 is no law
    # A book is no document; and what was proposed or decided is no title.
    assert named("他依照《计算神经科学》一书讲课。", "他依照哪些科学讲课？") is None
    assert named("专家参照《关于全面推行河长制的意见》，提出了加强河道保洁的意见。", "专家提出了什么意见？") is None


def test_a_what_question_s_noun_may_stand_before_the_answer_in_the_sentence():
    from qa.spans import gap_with_noun
    from qa.question import analyse

    sentence = "她因出演电视剧《山河故人》而成名，此后片约不断。"
    s, e = gap_with_noun(sentence, analyse("她因出演什么电视剧而成名？"))
    assert sentence[s:e] == "《山河故人》"
    # The "noun" read after 什么 may be the verb 作为: its 作 is no more part of the answer than its 为.
    sentence = "这部小说使用古琴的曲谱作为章节的标题。"
    s, e = gap_with_noun(sentence, analyse("这部小说使用什么作为章节的标题？"))
    assert sentence[s:e] == "古琴的曲谱"
    # "叫什么" asks for the title the sentence writes right after the thing named.
    sentence = "2010年她出版了第一本小说《城北往事》，广受好评。"
    s, e = gap_with_noun(sentence, analyse("她的第一本小说叫什么？"))
    assert sentence[s:e] == "《城北往事》"


def _gap(sentence: str, question: str) -> str | None:
    """The text of `gap_span`'s answer, or None."""
    from qa.spans import gap_span

    span = gap_span(sentence, question)
    return sentence[span[0]:span[1]] if span else None


def test_a_gap_opens_after_a_colon_and_closes_with_the_bracket_it_is_in():
    assert _gap("协会今年的工作重点有：会员培训、行业评比、法律咨询。", "协会今年的工作重点有哪些？") == "会员培训、行业评比、法律咨询"
    # Letters of any script are words; the closing bracket and the space before them are no part of it.
    assert _gap("大卫（希伯来文： דָּוִד）是以色列的国王。", "大卫的希伯来文是什么？") == "דָּוִד"


@pytest.mark.parametrize("sentence, question, expected", [
    # the tagger reads 碾 of 黄碾镇 as a verb, and the 了 after 走访 is the verb's
    ("工作组深入黄碾镇、西白兔乡、大辛庄镇等乡镇开展调研。", "工作组去了哪些乡镇？", "黄碾镇、西白兔乡、大辛庄镇"),
    ("工作组走访了堠北庄镇、黄碾镇等乡镇。", "工作组去了哪些乡镇？", "堠北庄镇、黄碾镇"),
    # a one-character item that is no place word is an abbreviation; 过 may begin a name
    ("县发改局调研组分别赴沪、苏、浙三地学习考察。", "调研组去了哪些地方学习考察？", "沪、苏、浙三地"),
    ("工作组先后来到过家庄村、李家庄村等村庄。", "工作组去了哪些村？", "过家庄村、李家庄村"),
])
def test_a_list_of_places_runs_from_its_first_whole_name(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


@pytest.mark.parametrize("sentence, first, expected", [
    ("来自市第一医院、市中医院、和平医院3家医院的12名专家为村民义诊。", "市第一医院", "市第一医院、市中医院、和平医院"),
    ("调研组走访了东关村、西关村、南关村3个村的种植大户。", "东关村", "东关村、西关村、南关村"),
    ("小区改造了6号楼、7号楼共2个单元。", "6号楼", "6号楼、7号楼"),
    # numbers of the items' own: 6号, 8号院
    ("改造东区5号楼、西区6号楼等住宅。", "东区5号楼", "东区5号楼、西区6号楼"),
    ("太行街1号院、2号院和英雄路8号院完成改造。", "太行街1号院", "太行街1号院、2号院和英雄路8号院"),
    # an adverb after the items, or 各 before a verb, ends the list too
    ("区里将在苏店镇、西火镇、黄碾镇各建1座污水处理站。", "苏店镇", "苏店镇、西火镇、黄碾镇"),
    ("东关小学、西关小学和南关小学均已完成改造。", "东关小学", "东关小学、西关小学和南关小学"),
    ("这种树分布于老挝、越南以及中国的广西、云南各省等地。", "老挝", "老挝、越南以及中国的广西、云南各省等地"),  # 各 before a noun
    ("活动在老城区、新城区和更乐镇均设了分会场。", "老城区", "老城区、新城区和更乐镇"),  # the tagger's 更/d of 更乐镇
    ("今年建成东湖公园、西山公园和植物园共3座公园。", "东湖公园", "东湖公园、西山公园和植物园"),  # 共, read as a noun
])
def test_a_list_ends_before_its_own_count_or_an_adverb_after_it(sentence, first, expected):
    from qa.spans import _whole_list

    at = sentence.index(first)
    start, end = _whole_list(sentence, (at, at + len(first)))
    assert sentence[start:end] == expected


@pytest.mark.parametrize("sentence, question, expected", [
    ("今年以来，全区共接待游客35万人次。", "今年接待了多少人次游客？", "35万人次"),
    ("专项行动中，交警共查处超载违法行为26起。", "交警查处了多少起超载？", "26起"),
])
def test_a_count_keeps_a_measure_word_of_cases_or_visits(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_things_of_the_kind_asked_for_may_be_listed_after_its_name():
    from qa.spans import gap_with_noun

    assert _span_text(gap_with_noun, "村里种植的果树主要有苹果、梨、桃等，年产值超过200万元。", "村里种植了哪些果树？") == "苹果、梨、桃"
    # 等 inside an item is no end of the list
    assert _span_text(gap_with_noun, "本次大赛设置的奖项包括一等奖、二等奖、三等奖和优秀奖，共有86个项目参赛。",
                      "大赛设置了哪些奖项？") == "一等奖、二等奖、三等奖和优秀奖"


def test_things_of_the_kind_asked_for_may_be_listed_before_their_count_and_its_name():
    from qa.question import analyse
    from qa.spans import gap_with_noun

    assert _span_text(gap_with_noun, "秋季学期，学校新开设了书法、围棋和陶艺3门兴趣课程，每周两节。",
                      "学校新开了哪几门课程？") == "书法、围棋和陶艺"
    assert _span_text(gap_with_noun, "华为、中兴入选全国500强企业。", "哪些企业入选全国500强？") is None  # no count of them
    # 几样 counts as 几种 does; a wh-noun glued to the next character by jieba (路要) is the noun alone
    assert analyse("园区重点引进哪几样企业？").wh_noun == "企业"
    assert analyse("下雪天哪些路要封？").wh_noun == "路"
    # an item's note in brackets holds no word that leads to the list
    assert _span_text(gap_with_noun, "雪后，建设路（北环至南环段）、人民路、解放路等路段将封闭除雪。", "哪些路要封？") == (
        "建设路（北环至南环段）、人民路、解放路")


@pytest.mark.parametrize("sentence, question, expected", [
    # the question's words bracket the list with its count ("…4个科室"), or end at the count's measure word
    ("巡诊的医生来自内科、外科、中医科、妇产科4个科室。", "巡诊医生来自哪些科室？", "内科、外科、中医科、妇产科"),
    ("夜市分设小吃、服装、日用品、玩具4个区域，共有摊位120个。", "夜市分设了哪些区域？", "小吃、服装、日用品、玩具"),
    ("参加培训的学员来自城关镇、西火镇、苏店镇等5个乡镇。", "参加培训的学员来自哪些乡镇？", "城关镇、西火镇、苏店镇"),
    # a numeral of an item's own is no count
    ("参赛队伍来自区一中、区二中和区三中。", "参赛队伍来自哪些学校？", "区一中、区二中和区三中"),
    ("列入今年大修计划的国道为G207、G208。", "列入今年大修计划的国道为哪些？", "G207、G208"),
    ("首批入选示范镇的有西火镇、苏店镇和三家店乡。", "首批入选示范镇的有哪些？", "西火镇、苏店镇和三家店乡"),
])
def test_a_list_that_fills_the_gap_ends_before_its_count(sentence, question, expected):
    from qa.spans import gap_with_noun

    assert _span_text(gap_with_noun, sentence, question) == expected


def test_all_the_places_are_asked_for_by_dou_before_where():
    from qa.spans import choose_span

    assert _span_text(choose_span, "这批农产品主要销往上海、杭州、南京等地。", "这批农产品都卖到哪里了？") == "上海、杭州、南京等地"
    # not the 都 of 成都
    assert _span_text(choose_span, "成都市第三人民医院和华西医院、省人民医院共同完成了这台手术。",
                      "成都哪家医院牵头完成了这台手术？") == "华西医院"


def test_a_gap_is_no_mere_quantifier():
    assert _gap("这款软件可以安装在许多设备上，如手机、平板和电脑。", "这款软件可以安装在哪些设备上？") is None


def test_a_gap_framed_by_yi_x_wei_is_the_x():
    # After the question's words comes the frame's noun, nothing, or the question's own words: the
    # answer is what 以…为 holds.
    assert _gap("街道以困难家庭、独居老人为重点帮扶对象，开展走访慰问。", "街道重点帮扶哪些人？") == "困难家庭、独居老人"
    assert _gap("这家企业以新能源汽车零部件为主要产品，年产值过亿。", "这家企业的主要产品是什么？") == "新能源汽车零部件"
    assert _gap("社区开展了以“邻里互助”为主题的志愿服务活动。", "志愿服务活动的主题是什么？") == "“邻里互助”"


def test_the_things_asked_for_are_what_the_sentence_lists_before_its_etc():
    # "A、B等X" writes the Xs asked for before 等, not after X.
    assert _gap("园区以“专精特新”等优质企业及科研院所为招引对象。", "园区招引的优质企业是哪些？") == "“专精特新”"
    assert _gap("村里新建了采摘园、民宿等等旅游项目，吸引游客。", "村里新建的旅游项目是哪些？") == "采摘园、民宿"
    # from the verb before the first item, past a preposition before it
    assert _gap("银行为小微企业提供贷款、担保等金融服务。", "银行提供的金融服务是哪些？") == "贷款、担保"
    # 等 inside a word of the sentence (高等) lists nothing.
    assert _gap("该校开设了高等数学课程，面向新生。", "该校开设的数学课程是什么？") != "高"


def test_an_answer_span_keeps_its_quotation_marks_and_brackets_in_pairs():
    from qa.spans import balanced

    def cut(sentence: str, part: str) -> str:
        start = sentence.index(part)
        s, e = balanced(sentence, (start, start + len(part)))
        return sentence[s:e]

    sentence = "会议要求落实“三个到位”，并出版了《社区年鉴》（第二卷）。"
    assert cut(sentence, "“三个到位") == "“三个到位”"  # closed with its partner just outside
    assert cut(sentence, "社区年鉴》") == "《社区年鉴》"  # opened likewise
    assert cut(sentence, "《社区年鉴》（") == "《社区年鉴》"  # a mark left open at the edge is dropped
    assert cut(sentence, "第二卷）") == "（第二卷）"
    assert cut(sentence, "三个到位") == "三个到位"  # nothing to pair: as it was


def test_a_name_that_a_bodys_name_goes_on_from_is_no_persons():
    from qa.question import analyse
    from qa.spans import choose_span

    sentence = "锦泰集团下设文杰科技、长兴实业等公司。"
    assert choose_span(sentence, analyse("锦泰集团和谁合作？")) is None  # not 文杰 of 文杰科技


def test_the_noun_a_what_question_names_ends_its_gap_across_de():
    from qa.question import analyse
    from qa.spans import gap_with_noun

    sentence = "学校还引入更加灵活的评价方式，鼓励学生多读书。"
    s, e = gap_with_noun(sentence, analyse("学校引入了什么评价方式？"))
    assert sentence[s:e] == "更加灵活的评价方式"


def test_a_gap_that_is_only_a_time_frame_is_no_answer():
    assert _gap("考察学习期间，李明与王教授进行了座谈。", "考察团学习了什么？") is None  # not "期间"
    # Nor its tail, when a word of jieba's (处过) moved the gap's start into 过程.
    assert _gap("在查处过程中，民警坚持教育为先。", "民警查处了哪些行为？") is None  # not "程中"


def test_what_an_item_of_a_list_is_is_the_kind_the_list_closes_with():
    assert _gap("做好人民路、建设街等市政道路的改造工作。", "人民路是什么工程？") == "市政道路"
    assert "《红灯记》" in _gap("她主演过、《红灯记》、《沙家浜》等剧目。", "她主演过什么剧目？")  # no 是: not asked what it is


def test_question_words_that_match_an_item_of_a_list_leave_no_gap():
    assert _gap("该厂是一家集家具设计、生产、销售为一体的企业。", "该厂生产什么？") is None  # not "、销售为一体的企业"
    assert "《红灯记》" in _gap("她主演过、《红灯记》等剧目。", "她主演过什么剧目？")  # a stray 、 after the verb


def test_what_kind_of_company_something_is_is_said_after_its_whole_name():
    from qa.question import AnswerType, analyse

    assert analyse("宏远商贸是什么公司？").answer_type is AnswerType.WHAT  # a description, not a company's name
    assert analyse("他在什么公司工作？").answer_type is AnswerType.ORGANISATION
    assert _gap("宏远商贸有限公司是一家集设计、生产为一体的服装企业。", "宏远商贸是什么公司？") == "一家集设计、生产为一体的服装企业"
    # The gap may be a body's name itself: "举办单位" is no short name of it.
    assert _gap("经举办单位长治市潞州区人社局同意，该队承接全部资产。", "该队的举办单位是哪个？").startswith("长治市")


def test_when_the_two_sides_of_a_gap_match_in_different_clauses_the_longer_match_places_it():
    from qa.spans import gap_span

    # "整治" alone matches in the first clause; "违法现象" is the longer match and marks the gap.
    sentence = "民警以货车为重点整治对象，对超载超限、闯红灯等违法现象开展整治。"
    s, e = gap_span(sentence, "民警整治哪些违法现象？")
    assert sentence[s:e] == "对超载超限、闯红灯等"
    s, e = gap_span(sentence, "民警以什么为重点整治对象？")  # one clause: as before
    assert sentence[s:e] == "货车"


# "有什么症状" is answered by symptoms, which a sentence lists without writing 症状; "生活环境是怎样的"
# by where the fish lives. (title, the sentence with the kind's word, the sentence without, question)
KIND_ASKED_FOR = [
    ("夹竹桃有毒", "误食夹竹桃的症状有头晕、呕吐和心跳过缓。", "误食夹竹桃会引起头晕、呕吐和心跳过缓。", "误食夹竹桃会有什么症状？"),
    ("湿地迎来新物种", "花鳗鲡的生活环境是清澈的溪流和河口。", "花鳗鲡生活在清澈的溪流和河口。", "花鳗鲡的生活环境是怎样的？"),
]


@pytest.mark.parametrize("title, named, unnamed, question", KIND_ASKED_FOR)
def test_a_what_question_is_as_sure_of_an_answer_that_does_not_name_the_kind_asked_for(
        tmp_path, title, named, unnamed, question):
    from qa.types import Article

    def article(sentence: str) -> Article:
        return Article("a", title, f"本报讯：近日，市民在城郊发现了它。{sentence}专家提醒市民注意。", "2023-03-01", "报")

    with_word = _assistant_over(tmp_path / "named", article(named)).ask(question)
    without_word = _assistant_over(tmp_path / "unnamed", article(unnamed)).ask(question)
    assert with_word.answerable and without_word.answerable, (with_word, without_word)
    assert without_word.confidence >= with_word.confidence - 0.05, (with_word.confidence, without_word.confidence)


@pytest.mark.parametrize("plain, with_filler", [
    ("刘成担任什么职务？", "刘成现在担任什么职务？"),
    ("东风服装厂生产什么产品？", "东风服装厂一直在生产什么产品？"),
])
def test_a_filler_word_in_the_question_is_no_evidence_missing(tmp_path, plain, with_filler):
    from qa.types import Article

    factory = Article("f", "东风服装厂扩产", "本报讯：副县长刘成近日到东风服装厂调研。东风服装厂主要生产校服和工装，"
                      "去年产值达到3000万元。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, factory)
    as_asked, padded = assistant.ask(plain), assistant.ask(with_filler)
    assert as_asked.answerable and padded.text == as_asked.text, (as_asked, padded)
    assert padded.confidence >= as_asked.confidence - 0.05, (as_asked.confidence, padded.confidence)


def test_a_unit_asked_for_matches_its_symbol_or_other_name(tmp_path):
    from qa.types import Article

    def lizard(length: str) -> Article:
        return Article("l", "动物园迎来新成员", f"本报讯：市动物园近日迎来一只绿鬣蜥。这只绿鬣蜥全长约{length}，"
                       "已有3岁，每天吃200克蔬菜。", "2023-03-01", "报")

    as_asked = _assistant_over(tmp_path / "asked", lizard("60厘米")).ask("这只绿鬣蜥全长多少厘米？")
    by_symbol = _assistant_over(tmp_path / "symbol", lizard("60cm")).ask("这只绿鬣蜥全长多少厘米？")
    assert (as_asked.text, by_symbol.text) == ("约60厘米", "约60cm")
    assert by_symbol.confidence >= as_asked.confidence - 0.05, (as_asked.confidence, by_symbol.confidence)


def test_which_town_is_answered_only_by_a_name_of_a_town(tmp_path):
    from qa.types import Article

    # The story names the village and what grows there, not its town: no answer rather than a stretch of it.
    farm = Article("f", "草莓采摘正当时", "本报讯：柳林村采摘园草莓大棚内生机盎然，市民纷纷前来采摘。"
                   "今年全村草莓种植面积达到200亩。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path / "farm", farm)
    for question in ("柳林村在哪个镇？", "柳林村是哪个镇的？"):
        answer = assistant.ask(question)
        assert not answer.answerable, (question, answer.text, answer.confidence)
    told = Article("t", "草莓采摘正当时", "本报讯：东和乡柳林村采摘园草莓大棚内生机盎然，市民纷纷前来采摘。", "2023-03-01", "报")
    assert _assistant_over(tmp_path / "told", told).ask("柳林村在哪个乡？").text == "东和乡"


def test_what_something_is_is_answered_by_the_whole_sentence_that_defines_it(tmp_path):
    from qa.types import Article

    station = Article("s", "城北驿站启用", "本报讯：城北驿站是市区首个24小时开放的便民服务站，于3月1日启用。"
                      "驿站内设有饮水机、充电宝和急救箱。", "2023-03-02", "报")
    assistant = _assistant_over(tmp_path / "idx", station)
    for question in ("城北驿站是什么？", "什么是城北驿站？"):
        assert assistant.ask(question).text == "城北驿站是市区首个24小时开放的便民服务站，于3月1日启用。", question


def test_why_and_how_are_answered_by_the_clauses_beside_the_one_saying_the_question_again():
    from qa.spans import reason_or_means

    cut = functools.partial(_span_text, reason_or_means)

    # A purpose or a reason before what was done, back to the clause that tells it; or a purpose after it.
    assert cut("为缓解早高峰拥堵，方便学生上学，近日，县交通局在城南新开了两条公交线路。",
               "交通局为什么要新开公交线路？") == "为缓解早高峰拥堵，方便学生上学"
    assert cut("由于连日降雨，河道水位上涨，县里暂时关闭了滨河步道。", "县里为什么关闭滨河步道？") == "由于连日降雨，河道水位上涨"
    assert cut("社区定期检修消防栓，确保火情发生时能随时取水。", "社区为啥要检修消防栓？") == "确保火情发生时能随时取水"
    # The means of a how question that names what was achieved: before it, back to the clause naming
    # the subject or a setting; after it, when a 为-clause opens the sentence.
    assert cut("今年以来，果农通过嫁接新品种，提高了苹果的产量。", "果农是怎么提高苹果产量的？") == "通过嫁接新品种"
    assert cut("今年以来，卫生院聚焦群众看病难题，推行预约诊疗，开设夜间门诊，缩短了群众看病排队时间。",
               "卫生院怎么缩短群众看病排队时间？") == "聚焦群众看病难题，推行预约诊疗，开设夜间门诊"
    assert cut("为方便老人就餐，近年来，街道开办了爱心食堂，目前已服务老人3000余人次。",
               "街道是怎么方便老人就餐的？") == "街道开办了爱心食堂"
    # What comes before 因此 is the reason.
    assert cut("河道水位上涨，因此县里暂时关闭了滨河步道。", "县里为什么关闭滨河步道？") == "河道水位上涨"
    # Not a cut: what it is like, or what is done with it, is no means; a clause that says it again with its
    # means; a sentence that does not say it again.
    # The lead nearest the clause that says it again; not 为期, nor a passive 为…所.
    assert cut("为期三天的灯会原定本周开幕，因降雪影响，灯会延期开幕。", "灯会为什么延期开幕？") == "因降雪影响"
    assert cut("因地铁施工，公交12路临时改线。", "公交12路为什么改线？") == "因地铁施工"  # not the idiom 因地制宜
    assert cut("因疫情防控需要，为保障师生健康，学校决定推迟开学。", "学校为什么推迟开学？") == "因疫情防控需要，为保障师生健康"
    assert cut("为保障所有居民出行安全，近日，城东派出所开展了夜间巡逻。", "派出所为什么开展夜间巡逻？") == (
        "为保障所有居民出行安全")
    assert cut("县里整修了老城墙，修旧如旧，保留了明代的城砖。", "老城墙整修得怎样？") is None
    assert cut("县里将闲置校舍改为养老服务中心，由民政局统一管理。", "闲置校舍怎么处理？") is None
    assert cut("据市文旅局介绍，古城墙始建于明代，现存城门四座。", "市文旅局是怎样介绍古城墙的？") is None  # what was said
    # The clause that names the doer gives what follows the name.
    assert cut("今年以来，区医保局聚焦群众报销难题，推行线上办理，缩短了报销时间。", "区医保局怎么缩短报销时间？") == (
        "聚焦群众报销难题，推行线上办理")
    # means in the clause that says it again: from their lead word to the clause's end, not the whole sentence
    assert cut("今年以来，果农通过嫁接新品种提高了苹果的产量。", "果农是怎么提高苹果产量的？") == "通过嫁接新品种提高了苹果的产量"
    assert cut("县医院推行预约诊疗，开设夜间门诊。", "县医院为什么开设夜间门诊？") is None


def test_the_answer_to_why_is_the_reason_cut_from_its_sentence(tmp_path):
    from qa.types import Article

    buses = Article("b", "城南新开两条公交线路", "本报讯：为缓解早高峰拥堵，方便学生上学，近日，县交通局在城南新开了两条公交线路。"
                    "新线路途经三所中学。", "2023-03-01", "报")
    assert _assistant_over(tmp_path, buses).ask("交通局为什么要新开公交线路？").text == "为缓解早高峰拥堵，方便学生上学"


def test_which_professor_is_answered_by_the_name_after_the_kind_not_by_what_stands_before_it():
    from qa.question import analyse
    from qa.spans import choose_span

    sentence = "会议期间，张华还与复旦大学新闻学院教授刘明就媒体融合进行了交流。"
    s, e = choose_span(sentence, analyse("张华和复旦哪位教授交流了？"))
    assert sentence[s:e] == "刘明"


def test_when_is_answered_by_a_date_rather_than_by_a_vague_time_of_the_lead(tmp_path):
    from qa.types import Article

    canteen = Article("c", "城西小学食堂改造完成", "本报讯：近年来，我县持续推进校园民生工程，城西小学食堂改造工程全面完工。"
                      "该校食堂建于1985年，设施老化。去年九月，县教育局投资80万元，对该食堂进行了全面改造。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, canteen)
    assert assistant.ask("城西小学食堂是什么时候开始改造的？").text == "去年九月"
    assert assistant.ask("城西小学食堂改造是什么时候？").text == "去年九月"  # nothing said after the wh-word
    # Not a date of another event: the vague time stays.
    assert assistant.ask("我县什么时候持续推进校园民生工程？").text == "近年来"


def test_a_question_s_last_year_is_read_against_the_article_s_date(tmp_path):
    from qa.types import Article

    chargers = Article("e", "充电桩建设提速", "本报讯：2023年全县计划新建充电桩500个，覆盖所有乡镇。"
                       "充电桩由县供电公司统一运营。", "2023-03-01", "报")
    assistant = _assistant_over(tmp_path, chargers)
    assert assistant.ask("今年全县计划新建多少个充电桩？").text == "500个"
    last_year = assistant.ask("去年全县新建了多少个充电桩？")
    assert not last_year.answerable, (last_year.text, last_year.confidence)
    # The sentence's own 今年 is read so too: it speaks of the year asked, whatever other year it names.
    doubled = Article("d", "充电桩建设提速", "本报讯：今年全县计划新建充电桩500个，较2022年翻一番。"
                      "充电桩由县供电公司统一运营。", "2023-03-01", "报")
    this_year = _assistant_over(tmp_path / "doubled", doubled).ask("今年全县计划新建多少个充电桩？")
    assert (this_year.text, this_year.answerable) == ("500个", True), this_year.confidence


def test_a_count_in_another_measure_word_answers_how_many_only_with_the_thing_counted_beside_it():
    from qa.answer import _slot_missing
    from qa.question import analyse

    asked = analyse("全县改造了多少个小区？")
    for sentence, figure, missing in (("该小区改造涉及住户48户，工期三个月。", "48户", True),  # households, not 小区
                                      ("全县共改造小区12个。", "12个", False),
                                      ("全县改造老旧小区共计12处，涉及住户900户。", "12处", False),
                                      ("全县改造了12处老旧小区。", "12处", False)):
        at = sentence.index(figure)
        assert _slot_missing(sentence, (at, at + len(figure)), asked) is missing, sentence


def test_a_place_asked_for_inside_a_named_place_is_a_name_given_as_part_of_it():
    from qa.spans import choose_span

    chosen = functools.partial(_span_text, choose_span)

    assert chosen("考察团先后走访了浙江省湖州市安吉县余村。", "考察团去了湖州哪个县？").endswith("安吉县")
    assert chosen("城关镇在苏州开展招商推介活动，与华南集团签约。", "华南集团总部在苏州哪个区？") is None  # 城关镇 is no part of 苏州
    # Where the sentence does not name the place, any district may be its part, but not one of another city.
    assert chosen("华南集团总部位于姑苏区人民路。", "华南集团总部在苏州哪个区？") == "姑苏区"
    assert chosen("华南集团总部位于无锡市梁溪区。", "华南集团总部在苏州哪个区？") is None


def test_a_yes_or_no_question_is_answered_by_the_clause_that_says_what_it_asks():
    from qa.spans import said_again

    clause = functools.partial(_span_text, said_again)

    assert clause("2020年该厂引进德国生产线，并取得华北地区独家经销权，产品远销海外。",
                  "红星机械厂取得华北地区的独家经销权了吗？") == "并取得华北地区独家经销权"
    # A quotation that opens the sentence is parted too.
    assert clause("“今年一季度的销量比去年同期增长了15%，订单已排到六月。”", "一季度销量比去年同期下降了吗？") == (
        "今年一季度的销量比去年同期增长了15%")
    # From the clause that names the subject, when the clause that says it does not.
    assert clause("3月1日，副县长李强，县教育局局长张敏带队赴北京考察职业教育。", "李强去北京了吗？") == (
        "副县长李强，县教育局局长张敏带队赴北京考察职业教育")
    # A clause that says the contrary of what is asked (闭馆 for 开放) of the subject and the day asked.
    assert clause("图书馆周一闭馆，春节期间照常开放。", "图书馆周一开放吗？") == "图书馆周一闭馆"
    assert clause("如果天气允许，幸福路将于本周六封闭施工。", "幸福路周六封闭施工吗？") == "如果天气允许，幸福路将于本周六封闭施工"
    assert clause("华北地区的经销权已经取得。", "红星机械厂取得华北地区的独家经销权了吗？") is None  # one clause


def test_a_yes_or_no_question_in_everyday_words_is_answered_by_the_clause_that_clearly_says_most():
    from qa.spans import said_again

    clause = functools.partial(_span_text, said_again)
    # The last clause, holding a quarter of the question's terms or more, and clearly more than any other clause.
    assert clause("区疾控中心提醒，家长需携带接种证，适龄儿童接种免疫规划疫苗不收取任何费用。", "孩子打疫苗要交钱吗？") == (
        "适龄儿童接种免疫规划疫苗不收取任何费用")
    assert clause("按照区教育局的统一安排，今年秋季学期起，农村学生午餐费用减半收取。", "农村学生的午餐费全免吗？") == (
        "农村学生午餐费用减半收取")
    # Not a clause that others follow, which may take back what it says, nor two holding nearly as much.
    assert clause("东风路与建设路交叉口已完成红绿灯安装，但尚未投入使用，预计下周正式启用。", "东风路口的红绿灯开始用了吗？") is None
    assert clause("据了解，老年食堂每周一至周五供应午餐，周末和节假日暂停供餐，就餐老人需提前一天预约。",
                  "区里的老年食堂周末供餐吗？") is None


def test_a_quoted_name_before_the_noun_asked_for_answers_what(tmp_path):
    from qa.question import analyse
    from qa.spans import gap_with_noun
    from qa.types import Article

    sentence = "在执法过程中，城管队员始终坚持“柔性执法”的理念，耐心劝导商户。"
    s, e = gap_with_noun(sentence, analyse("城管执法讲究啥理念？"))
    assert sentence[s:e] == "“柔性执法”"
    # a title in 《》 as well, after a quoted name of something else
    leaflets = "工作人员通过发放“信用知识问答”宣传页、《山西省社会信用条例》手册，向过往群众讲解失信惩戒等知识。"
    assert _span_text(gap_with_noun, leaflets, "诚信宣传活动上发的是什么手册？") == "《山西省社会信用条例》"
    # not one named to set the answer apart from it
    toys = "比起《变形金刚》玩具，孩子们更钟爱传统的木制玩具。"
    assert _span_text(gap_with_noun, toys, "孩子们最爱的是什么玩具？") != "《变形金刚》"
    # "…主题是什么" asks for the theme, not for a definition of it, which the whole sentence would give.
    fair = Article("f", "读书节开幕", "本报讯：4月1日，县图书馆举办了以“书香润童心”为主题的少儿读书节。读书节为期一周。",
                   "2023-04-02", "报")
    assert _assistant_over(tmp_path, fair).ask("少儿读书节主题是什么？").text == "“书香润童心”"


def test_a_follow_up_is_not_answered_from_an_article_that_never_names_the_conversation_s_subject(tmp_path):
    from qa.types import Article

    east = Article("e", "注销公告", "城东综合服务中心拟向登记管理机关申请注销登记。联系人：赵明。电话：0355-3011111。",
                   "2023-02-24", "报")
    west = Article("w", "注销公告", "城西劳动保障监察执法队拟申请注销登记，现已成立清算组。联系人：钱亮。电话：2251111。",
                   "2023-02-24", "报")
    assistant = _assistant_over(tmp_path, east, west)
    for question in ("电话多少？", "联系人是谁？"):
        answer = assistant.ask(question, history=["城东综合服务中心注销公告是哪天发的？"])
        assert answer.citations[0].article_id == "e", (question, answer.text)
    # Not a question about something the subject's article does not hold.
    clinic = Article("c", "县妇幼保健院开展义诊", "本报讯：县妇幼保健院将于4月10日在人民广场开展义诊活动，届时将为群众免费"
                     "测量血压。咨询电话：0355-7654321。", "2023-04-01", "报")
    hiring = Article("h", "锦泰集团招聘", "本报讯：锦泰集团总裁刘建国介绍，集团今年计划招聘技术人员200名。招聘咨询电话："
                     "0355-8888888。", "2023-02-01", "报")
    answer = _assistant_over(tmp_path / "clinic", clinic, hiring).ask("义诊的咨询电话是多少？", history=["锦泰集团的总裁是谁？"])
    assert answer.text == "0355-7654321", answer.text


def test_which_things_of_a_kind_are_the_ones_listed_before_its_name():
    from qa.spans import gap_with_noun

    listed = functools.partial(_span_text, gap_with_noun)

    assert listed("华南集团旗下有华南物流、华南置业、华南能源等三家子公司，员工逾万人。", "华南集团下面都有哪些公司？") == (
        "华南物流、华南置业、华南能源")
    assert listed("要加强重点场所管控，进一步优化敬老院、幼儿园等重点场所管理。", "疫情防控的重点场所都有哪些？") == "敬老院、幼儿园"
    # Not a list that leaves out things named after the kind: the whole sentence is given.
    assert listed("华南集团旗下有华南物流、华南置业等两家子公司及华南研究院。", "华南集团下面都有哪些公司？") is None
    # Nor a 等 inside a word, nor one before a noun that the kind only qualifies.
    assert listed("学校开设高等数学课程。", "学校都有哪些课程？") is None
    assert listed("张明、李华等企业代表参加了座谈会。", "哪些企业参加了座谈会？") is None


def test_everyday_wording_is_read_as_the_articles_write_it(tmp_path):
    from qa.question import analyse
    from qa.spans import asked_kind
    from qa.text import synonyms
    from qa.types import Article

    # The hour asked and the spending asked about are no terms to match ("几点到几点" is no 点到, "楼花了" no 楼花).
    assert analyse("药店一般几点到几点营业？").terms == ("药店", "一般", "营业")
    assert "楼" in analyse("新图书楼花了多少钱？").terms
    assert "点" in analyse("他提了几点建议？").terms  # points made, not the hour
    # A count's word for what its unit counts is the kind asked: "35至64岁" answers "多大岁数" without it.
    assert asked_kind(analyse("多大岁数的老人能领补贴？")) == "岁数"
    assert asked_kind(analyse("参加人数有多少人？")) == "人数"
    # A measure word asked with is no term, glued to the noun or not ("几本书", "几个队").
    assert analyse("一共来了几个队？").terms[-1] == "队"
    assert analyse("有多少项目开工？").terms[0] == "项目"  # a word of its own, not 项 and 目
    assert analyse("鲜花多少钱？").terms == ("鲜花",) and analyse("费用要多少钱？").terms[0] == "费用"
    assert "下达" in analyse("今年下达了多少资金？").anchor_terms
    assert analyse("现场捐了几本书？").terms[-1] == "书" and "家" not in analyse("招聘会有多少家单位参加？").terms
    assert "花" not in analyse("滨河公园改造估计花多少钱？").terms
    # Reaching a figure ("能达到多少") is no part of what is asked about.
    assert "达到" not in analyse("今年产量能达到多少吨？").anchor_terms
    assert {"董事长", "总经理"} <= set(synonyms("老板")) and "生产" in synonyms("造")
    clinic = Article("c", "城北社区卫生服务站开诊", "本报讯：3月6日，城北社区卫生服务站正式开诊。服务站由区卫健委投资建设，"
                     "总投资680万元，建筑面积1200平方米。服务站每周一至周六8时至18时接诊。专家门诊时间为每周四上午。"
                     "服务站为辖区60至75岁的老人免费建立健康档案。预计全年接诊量可达3万人次。", "2023-03-07", "报")
    assistant = _assistant_over(tmp_path, clinic)
    assert assistant.ask("城北社区卫生服务站一共花了多少钱？").text == "680万元"
    assert assistant.ask("城北服务站一般几点到几点接诊？").text == "8时至18时"
    assert assistant.ask("城北服务站的专家啥时候坐诊？").text == "每周四上午"
    assert assistant.ask("多大岁数的老人能去城北服务站免费建健康档案？").text == "60至75岁"
    assert assistant.ask("城北服务站全年接诊量能达到多少？").text == "3万人次"


def test_days_of_the_week_and_times_of_every_day_are_dates():
    from qa.question import AnswerType
    from qa.spans import SPAN_PATTERNS

    def dates(text):
        return [m.group() for m in SPAN_PATTERNS[AnswerType.DATE].finditer(text)]

    assert dates("活动室每周二至周日9时至17时开放，周一闭馆。") == ["每周二至周日9时", "17时", "周一"]
    assert dates("夜市每天晚上7时至次日凌晨1时营业。") == ["每天晚上7时", "次日凌晨1时"]
    assert dates("每个星期六下午举行。") == ["每个星期六下午"]
    assert dates("球队每周一、三、五晚上训练。") == ["每周一、三、五晚上"]
    assert dates("游泳馆周六周日上午开放。") == ["周六", "周日上午"]
    # Not the 前 of 前往 or 前后.
    assert dates("11月2日前往省城，11月5日前后返回，12月1日前交材料。") == ["11月2日", "11月5日", "12月1日前"]
    # Not a week that counts, nor a count of times or days.
    for text in ("一周后完工。", "志愿者每周二至三次上门送餐。", "一周三次。", "每周三天在岗。"):
        assert dates(text) == [], text


def test_a_sentence_of_another_phase_than_asked_is_a_weaker_answer(tmp_path):
    from qa.answer import _of_another_year_or_phase
    from qa.types import Article

    assert _of_another_year_or_phase("一期投资3.1亿元，建成厂房4栋。", "物流园二期投资多少？")
    assert not _of_another_year_or_phase("二期计划于明年开工。", "物流园二期什么时候开工？")
    assert not _of_another_year_or_phase("活动定于星期一期间举行。", "物流园二期什么时候开工？")  # 星期一, 期间
    assert not _of_another_year_or_phase("项目分两期建设。", "物流园二期投资多少？")  # counts the phases
    assert not _of_another_year_or_phase("二期计划于明年3月开工。", "湿地公园2期什么时候开工？")  # 二 and 2
    for said in ("读书会第三期将于6月10日举行。", "五一期间游客众多。", "项目分3期建设。"):  # 下一期, 五一期间, 分3期
        assert not _of_another_year_or_phase(said, "下一期读书会什么时候举行？"), said
    assert not _of_another_year_or_phase("一二期工程总投资3.2亿元。", "二期工程投资多少？")  # both phases
    # A sentence that names no phase is of the one the sentence before it names.
    assert _of_another_year_or_phase("项目投资3.1亿元。", "物流园二期投资多少？", previous="物流园一期竣工。")
    park = Article("p", "城南物流园一期竣工", "本报讯：城南物流园一期工程日前竣工。一期投资3.1亿元，建成仓库4栋。园区二期计划于明年"
                   "开工，将新建冷链仓库。", "2023-03-01", "报")
    assert not _assistant_over(tmp_path, park).ask("城南物流园二期工程投资多少钱？").answerable


def test_a_figure_the_question_gives_is_not_its_answer_and_marks_its_clause():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    sentence = "60岁以上老人每月补贴100元，70岁以上老人每月补贴200元。"
    assert cut(sentence, "70多岁的老人每月能补贴多少？") == "200元"
    assert cut(sentence, "60多岁的老人每月能补贴多少？") == "100元"
    assert cut("2022年接待游客90万人次，2023年接待游客150万人次。", "2023年接待游客多少人次？") == "150万人次"
    assert cut("对80岁以上老人每月发放补贴100元，对90岁以上老人每月发放补贴200元。", "90多岁的老人每月能领多少补贴？") == "200元"
    # A figure that only compares is no key of a row.
    assert cut("2022年粮食播种面积52万亩，总产量达到23万吨，比2021年增产1.2万吨。", "2022年粮食总产量是多少？") == "23万吨"
    # nor the end of a range of months, which only says when
    assert cut("今年3月至5月，全市开展招聘活动40场，新增城镇就业4200人。", "3至5月全市新增就业多少人？") == "4200人"
    # A figure the question gives in a clause without a candidate marks nothing, nor one the whole sentence is of.
    assert cut("2023年，全区接待游客150万人次。", "2023年全区接待游客多少人次？") == "150万人次"
    assert cut("2023年全区拟改造小区60个，建筑面积38.72万平方米。", "2023年改造小区的建筑面积有多少？") == "38.72万平方米"


def test_a_name_before_a_bodys_name_and_its_post_is_no_persons():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    assert cut("东关村党支部书记、永红农机专业合作社理事长刘德胜说。", "东关村党支部书记是谁？") == "刘德胜"
    # Two people named side by side are both people, also where the words after them name a body and a post,
    # and a person who does something to another holder of a post is one.
    assert cut("王强和李明分别担任合作社理事长和监事长。", "合作社理事长是谁？") is not None
    assert cut("在总部，王敏、刘洋与集团总裁陈刚进行了座谈。", "谁与陈刚进行了座谈？") == "王敏、刘洋"
    assert cut("5月10日，区长刘洋陪同市委书记陈明到我区调研。", "区长是谁？") == "刘洋"
    assert cut("市图书馆馆长孙丽会见了省图书馆馆长周强一行。", "市图书馆馆长是谁？") == "孙丽"
    assert cut("区委书记刘洋今天会见区商会会长陈明一行。", "区委书记是谁？") == "刘洋"
    assert cut("村党支部书记、金禾种植专业合作社理事长王强带领村民致富。", "村党支部书记是谁？") == "王强"


def test_a_post_inside_a_place_name_is_no_post_named(tmp_path):
    from qa.types import Article

    notice = Article("t", "区税务局推行延时服务", "今年以来，国家税务总局长治市城区税务局（以下简称“区税务局”）推行延时服务，"
                     "工作日中午不休息。区税务局副局长周文介绍，延时服务已惠及纳税人1.2万人次。", "2023-06-01", "报")
    answer = _assistant_over(tmp_path, notice).ask("区税务局局长是谁？")
    assert "（" not in answer.text and "推行" not in answer.text, answer.text


def test_means_named_as_such_and_a_lone_reason_clause_are_cut_from_the_sentence():
    from qa.spans import reason_or_means

    cut = functools.partial(_span_text, reason_or_means)
    assert cut("活动期间，志愿者通过上门走访的方式为独居老人登记需求，共走访300余户。",
               "志愿者是怎样为独居老人登记需求的？") == "通过上门走访的方式"
    assert cut("公司采取“订单收购、保价收购”的模式，与农户签订协议。", "公司采取什么方式带动农户？") == "采取“订单收购、保价收购”的模式"
    assert cut("近年来，由于水源不足，村里的水稻种植面积逐年减少。", "村里为什么水稻越种越少？") == "由于水源不足"
    assert cut("由于水源不足，村民们改种了玉米。", "村里为什么不种水稻了？") == "由于水源不足"
    assert cut("去年以来，为了方便群众借阅，图书馆在社区建成书屋8个。", "图书馆为什么要建书屋？") == "为了方便群众借阅"
    assert cut("为了让留守儿童有人管，村里办起了暑期课堂。", "为什么村里要办暑期课堂？") == "为了让留守儿童有人管"
    # a 为 that opens the sentence, where no clause says the question again in its words
    assert cut("为保障春节期间城区环境卫生，区城管局临时增聘环卫工人200名，实行24小时保洁。", "区里为什么要多招些保洁员？") == (
        "为保障春节期间城区环境卫生")
    assert cut("实验中学采取“线上+线下”的方式开展教学。", "实验中学以什么样的方式开展教学？") == "采取“线上+线下”的方式"
    assert cut("现场设置了服务台，并通过“直播带岗”的方式推送岗位。", "招聘会是怎样推送岗位的？") == "通过“直播带岗”的方式"
    # Means not named as such (no 方式, 办法…): from the word that leads them to the end of their clause.
    assert cut("退休金全部通过银行代发，按月打入个人账户。", "退休金是怎么发放的？") == "通过银行代发"
    assert cut("为方便群众，居民可通过“潞州医保”公众号在线缴纳医保费。", "医保费怎么在线缴纳？") == (
        "通过“潞州医保”公众号在线缴纳医保费")
    assert cut("修缮中，区文物所采用传统榫卯工艺对梁架进行加固。", "梁架是用什么办法加固的？") == "采用传统榫卯工艺对梁架进行加固"
    # A purpose is no cause ("为什么下降了"); 通过 of a vote is no means, nor is what 怎么样 asks.
    assert cut("今年遭遇倒春寒，坐果率明显下降，为了减少损失，果农们开展线上销售。", "果农收入为什么下降了？") is None
    assert cut("业委会审议通过了新的停车收费方式，小型车每月收费150元。", "小区停车怎么收费？") != "通过了新的停车收费方式"
    assert cut("县委通过整治形式主义、精简会议文件等举措为基层减负。", "县委是怎样为基层减负的？") != "通过整治形式"
    # Not where two clauses give causes and none says the question again: the whole sentence answers.
    assert cut("由于水源不足，因为劳力外出，村民们改种了玉米。", "村里为什么不种水稻了？") is None
    assert cut("由于水源不足，为了节约用水，村民们改种了玉米。", "村里为什么不种水稻了？") == "由于水源不足"


def test_heads_of_libraries_and_cooperatives_hold_posts(tmp_path):
    from qa.question import analyse
    from qa.spans import asked_post
    from qa.types import Article

    assert asked_post(analyse("市图书馆副馆长是谁？")) == "副馆长"
    assert asked_post(analyse("合作社理事长是谁？")) == "理事长"
    library = Article("l", "市图书馆延长开放时间", "本报讯：市图书馆馆长孙丽介绍，图书馆自4月起延长开放时间。", "2023-04-01", "报")
    assistant = _assistant_over(tmp_path, library)
    assert assistant.ask("市图书馆馆长是谁？").text == "孙丽"
    assert not assistant.ask("市图书馆副馆长是谁？").answerable


def test_counts_of_people_in_any_measure_word_and_how_often(tmp_path):
    from qa.question import counted_thing
    from qa.types import Article

    # What "多少人上场" counts is 人: 上场 is a doing, though jieba tags it a noun.
    assert counted_thing("上场", unit="人") == "" and counted_thing("单位参加", unit="个") == "单位"
    assert counted_thing("投资机构", unit="家") == "投资机构"
    assert counted_thing("保安", unit="名") == counted_thing("保安", unit=None) == "保安"  # the doing is the person
    team = Article("t", "蓝天志愿服务队成立五周年", "本报讯：蓝天志愿服务队成立于2018年，目前有注册队员86名。五年来，服务队累计"
                   "帮扶群众1200余人。服务队的医生每周两次到敬老院义诊。", "2023-06-01", "报")
    assistant = _assistant_over(tmp_path, team)
    assert assistant.ask("蓝天志愿服务队现在有多少人？").text == "86名"
    assert assistant.ask("服务队的医生多久去一趟敬老院？").text == "每周两次"
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    assert cut("书法班每周两次课，为期3个月。", "书法班为期多久？") == "3个月"  # how long, not how often
    assert cut("共有32支队伍参赛，我区代表队获得第3名。", "联赛有多少人参赛？") != "第3名"  # a rank is no count


def test_weights_doses_and_vehicles_keep_their_units_and_a_measure_asked_is_of_its_kind():
    from qa.question import analyse
    from qa.spans import choose_span, counts_in

    cut = functools.partial(_span_text, choose_span)
    assert cut("果园去年通过电商销售苹果2.3万斤，收入增加三成。", "果园去年在网上卖了多少苹果？") == "2.3万斤"
    assert cut("区疾控中心今年采购狂犬病疫苗1.2万剂。", "区里今年采购了多少狂犬病疫苗？") == "1.2万剂"
    stele = "这块石碑高2.1米，重3吨，是明代所立。"
    assert cut(stele, "这块石碑有多重？") == "3吨" and cut(stele, "这块石碑有多高？") == "2.1米"
    assert cut("这块石碑高2.1米，是明代所立。", "这块石碑有多重？") is None  # a height is no weight
    # Of lengths, the one after the dimension asked; 海拔 is a height, and an area is no length.
    bridge = "桥梁长42米、宽12米，主跨120米。"
    assert cut(bridge, "桥梁有多宽？") == "12米" and cut(bridge, "桥梁有多长？") == "42米" and cut(bridge, "主跨多长？") == "120米"
    hall = "展馆建筑面积3000平方米，高18米。主峰海拔1320米。"
    assert cut(hall, "展馆有多高？") == "18米" and cut(hall, "主峰有多高？") == "1320米"
    # Vehicles in 台 (beside 车) count for 辆, machines in 台 do not; 盒饭 is no count of 盒.
    buses = "线路投入新能源公交车20台。"
    assert counts_in("辆", buses, (buses.index("20"), buses.index("台"))) and counts_in("台", "购置洒水车6辆。", (5, 6))
    assert not counts_in("辆", "投入大型机械20台。", (6, 8))
    assert analyse("食堂每天提供多少盒饭？").unit is None


def test_a_count_asked_with_an_adverb_after_its_noun_counts_the_noun():
    from qa.answer import _slot_missing
    from qa.question import analyse, counted_thing

    assert counted_thing("队员专门负责", unit="个") == "队员"  # jieba tags 专门 a noun
    sentence = "救援队聘请了15名队员担任专职救生员。"
    analysis = analyse("救援队请了几个队员专门负责救生？")
    assert not _slot_missing(sentence, (sentence.index("15"), sentence.index("名") + 1), analysis)
    # A thing counted that Cilin files as a doing is still the thing (协议), beside the figure or not.
    assert counted_thing("合作协议", unit="个") == "合作协议"
    signed = "推介会上共签订战略合作框架协议12项。"
    assert not _slot_missing(signed, (signed.index("12"), signed.index("项") + 1), analyse("推介会上签了几个合作协议？"))


def test_a_town_or_village_placed_by_a_preposition_is_a_place_though_jieba_does_not_know_it():
    from qa.question import AnswerType
    from qa.spans import choose_span, typed_spans

    def places(sentence):
        return [sentence[s:e] for s, e in typed_spans(sentence, AnswerType.PLACE)]

    assert places("这面铜镜1985年出土于高碾乡。") == ["高碾乡"]  # jieba: 高/a 碾/v 乡/n
    assert "老爬坡村" in places("学员来自老爬坡村。")  # not only 爬坡/n 村/zg
    assert places("在保存村落原貌的同时，新建了游客中心。") == ["游客中心"]  # not 保存村: 保存/v 村落/n
    assert "店上镇" in places("演练在店上镇石子河村举行。")  # 店/n 上/f 镇/n
    assert "前进村" in places("现场会在前进村召开。")  # 前进/v 村
    # Not a time, a pronoun, a count or a particle before 村 (去年底/t 村, 这个/r 村, 了/ul 故乡).
    for said in ("到去年底村集体经济收入达到30万元。", "在这个村，家家户户种上了苹果树。", "他在一个村当过会计。"):
        assert places(said) == [], said
    assert "了故乡" not in places("退休后他回到了故乡。")
    # "在什么地方" asks where, as 哪里 does: the whole place after 位于.
    assert _span_text(choose_span, "新图书馆位于城东新区文化大厦，建筑面积5000平方米。", "新图书馆在什么地方？") == (
        "城东新区文化大厦")
    # and where what follows 位于 names no place jieba knows, it is the place all the same (not 功能区 later on)
    branch = "黄碾镇分馆位于镇综合文化站二楼，使用面积420平方米，设有少儿阅览区、成人阅览区和自习区三个功能区。"
    assert _span_text(choose_span, branch, "黄碾镇分馆设在什么地方？") == "镇综合文化站二楼"
    # not a rank, a level or a stage, nor what is said of something else or of an attribute, nor for a question that
    # asks where something was done
    assert _span_text(choose_span, "学生成绩位于年级前十，他常在学校图书馆自习。", "他在哪里？") == "学校图书馆"  # a hall is a place
    assert _span_text(choose_span, "这家企业位于行业前列，新工厂建在产业园区。", "新工厂建在哪里？") != "行业前列"
    assert _span_text(choose_span, "该项目目前位于主体施工阶段，建在城东新区漳泽湖畔。", "该项目建在哪里？") != "主体施工阶段"
    assert _span_text(choose_span, "该县空气质量位于全省中游，县城地处太行山东麓。", "该县位于哪里？") != "全省中游"
    assert _span_text(choose_span, "老院区位于老城十字街口东侧，新院区则建在城东高铁站附近。", "新院区建在哪里？") != (
        "老城十字街口东侧")
    assert _span_text(choose_span, "书店开在步行街，与书店位于同一栋楼的影院下月开业。", "书店开在哪里？") != "同一栋楼"
    assert _span_text(choose_span, "该厂位于城郊结合部，去年在郑州设立了销售中心。", "该厂在哪里设立了销售中心？") == "郑州"
    # where two roads cross is one place
    night_market = "5月20日晚7时，位于太行东街与英雄南路交叉口的“潞州夜市”正式开市。"
    assert _span_text(choose_span, night_market, "潞州夜市在哪个路口？") == "太行东街与英雄南路交叉口"
    # from the first road's name, not from the words before it
    toilet = "新公厕紧邻英雄路与太行街交叉口，方便过往市民。"
    # one place, and only beside it, as the sentence says
    assert _span_text(choose_span, toilet, "新公厕建在哪里？") == "紧邻英雄路与太行街交叉口"


def test_everyday_words_for_markets_buying_doing_up_and_opening_hours(tmp_path):
    from qa.question import AnswerType, analyse
    from qa.text import synonyms
    from qa.types import Article

    assert {"采购", "购买"} <= set(synonyms("买")) and "农贸市场" in synonyms("菜市场") and "改造" in synonyms("翻新")
    # "几块钱" asks for a sum, and a total's 一共要 stands between the thing and the wh-word without being it.
    assert analyse("公园门票要花几块钱？").answer_type is AnswerType.AMOUNT
    assert analyse("修路一共要花多少钱？").anchor_terms == ("修路",)
    market = Article("m", "西关农贸市场提升改造完成", "本报讯：西关农贸市场提升改造完成，9月1日重新开业。改造工程总投资800万元，"
                     "新增摊位120个。市场营业时间为每天6时至20时。", "2023-09-02", "报")
    park = Article("p", "南山公园开园", "本报讯：南山公园今日开园。公园门票每张10元，学生半价。", "2023-05-01", "报")
    assistant = _assistant_over(tmp_path, market, park)
    assert assistant.ask("西关菜市场翻新花了多少钱？").text == "800万元"
    assert assistant.ask("西关菜市场每天几点开门几点关门？").text == "每天6时至20时"
    assert assistant.ask("南山公园门票要花几块钱？").text == "10元"


def test_a_year_or_a_later_phase_that_the_article_never_names_is_not_answered_from_it(tmp_path):
    from qa.types import Article

    vaccine = Article("v", "流感疫苗接种启动", "本报讯：全区流感疫苗接种工作全面启动。截至目前，全区已有8000名老年人完成接种，"
                      "接种率达到28%。", "2023-10-20", "报")
    river = Article("r", "清河治理工程开工", "本报讯：4月10日上午，清河综合治理工程开工。工程总投资3000万元，计划年底完工。",
                    "2023-04-11", "报")
    assistant = _assistant_over(tmp_path, vaccine, river)
    assert assistant.ask("2023年全区老年人流感疫苗接种率是多少？").text == "28%"
    assert not assistant.ask("2022年全区老年人流感疫苗接种率是多少？").answerable
    # 去年 counted from the article's date (2022) or from today (after 2024): a report of 2023 answers neither
    assert not assistant.ask("去年全区老年人流感疫苗接种率是多少？").answerable
    assert assistant.ask("清河治理工程总投资多少？").text == "3000万元"
    assert not assistant.ask("清河治理二期工程总投资多少？").answerable


def test_a_report_of_the_first_quarter_looks_back_on_the_year_before(tmp_path):
    from qa.types import Article

    review = Article("r", "全区经济运行稳中有进", "本报讯：过去一年，全区完成地区生产总值286亿元。上年城镇新增就业4100人。"
                     "二〇二三年，全区新建学校6所。", "2024-02-05", "报")
    assistant = _assistant_over(tmp_path, review)
    assert assistant.ask("2023年全区地区生产总值是多少？").text == "286亿元"
    assert assistant.ask("2023年城镇新增就业多少人？").text == "4100人"
    assert assistant.ask("2021年到2024年全区新建了多少所学校？").text == "6所"  # one year asked is the article's


def test_a_day_of_the_week_is_asked_and_matched_in_any_of_its_names():
    from qa.question import AnswerType, analyse
    from qa.spans import choose_span, term_match

    assert analyse("巡查组每周几上门检查？").answer_type is AnswerType.DATE
    sentence = "社区成立了安全巡查组，每周五上门检查燃气安全，每次检查2小时。"
    assert _span_text(choose_span, sentence, "巡查组每周几上门检查？") == "每周五"
    assert _span_text(choose_span, sentence, "巡查组星期几上门检查？") == "每周五"
    assert term_match("星期一", "周一闭馆") == 1.0 and term_match("礼拜天", "每周日开放") == 1.0
    assert term_match("星期一", "周二开放") == 0.0


def test_what_is_asked_of_a_kind_the_sentence_lists_after_its_name_is_the_list():
    from qa.spans import gap_with_noun

    sentence = "培训为期3天，内容包括果树修剪、病虫害防治、农药使用等。"
    assert _span_text(gap_with_noun, sentence, "果农培训都教些什么内容？") == "果树修剪、病虫害防治、农药使用"


def test_a_time_pointed_back_to_and_a_cut_off_go_are_no_evidence_missing(tmp_path):
    from qa.question import FILLER_WORDS, analyse
    from qa.text import synonyms
    from qa.types import Article

    assert {"那晚", "去"} <= set(analyse("停电那晚派出去多少名电工？").terms) <= FILLER_WORDS | {"停电", "派出", "电工"}
    assert "全区" in synonyms("区里") and "剂" in synonyms("针")
    repair = Article("a", "连夜抢修恢复供电", "本报讯：12月3日晚，城东变电站线路故障。区供电公司连夜组织抢修，共出动抢修车辆"
                     "12台、电工56名，次日凌晨恢复供电。", "2023-12-04", "报")
    assert _assistant_over(tmp_path, repair).ask("停电那晚派出去多少名电工？").text == "56名"


def test_a_yes_or_no_question_is_answered_by_the_clause_that_says_its_contrary():
    from qa.question import contraries
    from qa.spans import said_again

    assert "闭馆" in contraries("开放") and "免费" in contraries("收费")
    hall = "区文化馆负责人介绍，开放时间为每周三至周日9时至17时，周一、周二闭馆。"
    assert _span_text(said_again, hall, "区文化馆星期二开放吗？") == "周一、周二闭馆"
    card = "市民凭身份证即可免费办理借阅卡，每卡可借图书5册，借期30天。"
    assert _span_text(said_again, card, "在区文化馆办借阅卡收费吗？") == "市民凭身份证即可免费办理借阅卡"
    # Not the contrary said of another thing, or of another day.
    assert _span_text(said_again, "今年起，小区地下车库收费标准降低，物业费暂不调整。", "阳光小区物业费提高了吗？") is None
    assert _span_text(said_again, "区游泳馆周一闭馆进行消毒，其余时间正常开放。", "区游泳馆周二开门吗？") is None


def test_a_count_in_a_week_is_no_day_asked_and_a_dimension_word_inside_another_word_names_none():
    from qa.question import AnswerType, analyse
    from qa.spans import SPAN_PATTERNS, choose_span, gap_with_noun, typed_spans

    for question in ("老年大学每周几次课？", "学生一周几天课后服务？", "本周几位专家坐诊？"):
        assert analyse(question).answer_type is AnswerType.NUMBER, question
    for question in ("王医生周几门诊？", "农贸市场周几人最多？", "书法班周几课？"):  # 门, 人, 课 that count nothing
        assert analyse(question).answer_type is AnswerType.DATE, question
    assert "星期" not in analyse("合唱班星期几上课？").terms
    assert [m.group() for m in SPAN_PATTERNS[AnswerType.DATE].finditer("读书会每周六、周日下午举办。")] == ["每周六、周日下午"]
    cut = functools.partial(_span_text, choose_span)
    roads = "今年将新建高速公路56公里、改造农村公路120公里。"
    assert cut(roads, "今年要新建的高速公路有多长？") == "56公里"  # 高速 names no height
    assert cut("古城墙现存全长1.6公里，墙体最厚处达8米，高约9米。", "古城墙有多高？") == "约9米"
    assert cut("通村公路宽只有4.5米，全长共计6.8公里。", "通村公路有多长？") == "6.8公里"
    village = "研学的学生来自周边村。"
    assert "周边村" not in [village[s:e] for s, e in typed_spans(village, AnswerType.PLACE)]  # 周边/f 村 is no name
    assert _span_text(gap_with_noun, "服务对象为65岁以上老人、孕产妇、儿童等重点人群。", "家庭医生提供什么服务？") is None
    assert _span_text(gap_with_noun, "服务内容包括健康评估、慢病随访、用药指导等。", "家庭医生提供什么服务？") == (
        "健康评估、慢病随访、用药指导")
    assert "去年" in analyse("考察团去年去了哪些国家？").anchor_terms  # the filler 去 leaves 去年 whole


def test_pointing_words_ask_nothing_and_a_shortened_name_stands_for_the_full_one(tmp_path):
    from qa.question import AnswerType, analyse
    from qa.spans import term_match
    from qa.types import Article

    # 这几/那几 point at things, as 这些 does: the question asks what its wh-word asks (多少钱, 多少游客).
    shops = analyse("这几家超市一共卖了多少钱？")
    assert shops.answer_type is AnswerType.AMOUNT and shops.unit is None
    visitors = analyse("那几天景区接待了多少游客？")
    assert visitors.unit is None and visitors.counted == "游客"
    assert term_match("三院", "市第三人民医院新门诊楼") == 1.0 and term_match("人社局", "区人力资源和社会保障局") == 1.0
    assert term_match("三院", "二〇二三年医院") == 0.0  # the 三 of a year
    assert term_match("开门", "开设门诊") == 0.0  # a word of its own
    assert term_match("二院", "区第一人民医院二楼住院部") == 0.0 and term_match("王峰", "副区长王海峰") == 0.0
    assert term_match("政协", "区政府协调各部门") == 0.0  # a shortened name news copy writes as it is
    hospital = Article("h", "市第三人民医院新住院楼投用", "本报讯：3月1日，市第三人民医院新住院楼正式投用。新楼共16层，设床位600张，"
                       "配建地下停车位180个。医院还开设了夜间门诊，时间为每天18时至21时。", "2023-03-02", "报")
    park = Article("p", "滨河公园完成提升", "本报讯：滨河公园提升工程完工，新栽银杏、国槐等树木1200株，新增停车场1处，"
                   "可停放小型汽车90辆。", "2023-06-02", "报")
    assistant = _assistant_over(tmp_path, hospital, park)
    assert assistant.ask("三院新楼能停多少辆车？").text == "180个"  # parking spaces count the cars
    assert assistant.ask("三院晚上看病几点到几点？").text == "每天18时至21时"
    assert assistant.ask("滨河公园新栽了多少棵树？").text == "1200株"
    assert assistant.ask("滨河公园的停车场能停几辆小车？").text == "90辆"


def test_a_body_asked_by_its_short_name_is_the_body_the_article_names_in_full(tmp_path):
    """People say 卫健委, 市场监管局 and 住建局 whatever jieba makes of them (a person's name, two words); not of another
    body whose name holds the short name's characters in order (人民政府防汛办, 城市规划管理局), nor of a doing (举办)."""
    from qa.spans import term_match
    from qa.types import Article

    assert term_match("卫健委", "区卫生健康委员会主任周海燕") == 1.0
    assert term_match("市场监管局", "区市场监督管理局副局长李红") == 1.0
    assert term_match("住建局", "区住房和城乡建设局局长") == 1.0
    assert term_match("卫健局", "区卫生健康委员会主任") == 0.0  # a 局 is no 委
    assert term_match("人防办", "区人民政府防汛办主任孙立强") == 0.0 and term_match("城管局", "区城市规划管理局") == 0.0
    assert term_match("政府办", "区政府主办的招聘会") < 1.0
    meeting = Article("a", "我区召开就业工作推进会", "本报讯：3月2日，我区召开就业工作推进会。区人力资源和社会保障局局长张建国通报了"
                      "一季度就业情况，区卫生健康委员会主任周海燕、区市场监督管理局副局长李红参加会议。", "2023-03-03", "报")
    # one term, without the district's 区 (jieba: 区住/建局, 区/市场/监管局)
    from qa.question import analyse

    assert analyse("区住建局今年改造了多少个小区？").terms[0] == "住建局"
    assert analyse("区市场监管局查处了多少起案件？").terms[0] == "市场监管局"
    assistant = _assistant_over(tmp_path, meeting)
    assert assistant.ask("区卫健委主任是谁？").text == "周海燕"
    assert assistant.ask("区市场监管局副局长是谁？").text == "李红"
    assert not assistant.ask("区市场监管局局长是谁？").answerable  # only its deputy is named


def test_a_character_jieba_glues_on_is_left_out_and_a_yes_or_no_answer_tells_what_is_asked(tmp_path):
    from qa.question import analyse
    from qa.spans import term_match
    from qa.types import Article

    assert "能收" in analyse("果园今年估计能收多少苹果？").terms and term_match("能收", "预计可收苹果80吨") == 0.5
    assert "戏要" in analyse("这场戏要花钱吗？").terms and term_match("戏要", "全部免费看戏") == 0.5
    assert term_match("为食", "以多毛类为食") == 1.0 and term_match("不高", "价格高") == 0.0
    films = Article("f", "露天电影进社区", "本报讯：7月起，“露天电影进社区”活动在全区20个社区举办。“在家门口就能看露天电影，"
                    "孩子们高兴得很！”居民王大爷说。电影每周六晚8时放映，全部免费观看。", "2023-07-03", "报")
    assistant = _assistant_over(tmp_path, films)
    answer = assistant.ask("去看露天电影要花钱买票吗？")
    assert "免费" in answer.text and "高兴" not in answer.citations[0].sentence  # not the livelier quotation


def test_a_post_asked_of_one_body_is_not_answered_by_the_same_post_of_another():
    from qa.question import analyse
    from qa.spans import choose_span, of_another_body

    def of_another(sentence: str, name: str, question: str) -> bool:
        start = sentence.find(name)
        return of_another_body(sentence, (start, start + len(name)), analyse(question))

    assert of_another("区民政局副局长周丽萍介绍，全区已建成养老驿站12个。", "周丽萍", "区水利局副局长是谁？")
    assert of_another("在华兴集团，考察团与华兴集团总裁周凯进行了座谈。", "周凯", "谁是华兴集团的总裁？") is False
    assert of_another("区第一人民医院院长王平说", "王平", "区第二人民医院院长是谁？")
    # bodies a character apart are two bodies; a company by another of its kinds is the same
    assert of_another("区水务局局长王强说", "王强", "区商务局局长是谁？")
    assert of_another("华兴实业有限公司董事长李强说", "李强", "华兴集团董事长是谁？") is False
    # a deputy does not hold the post asked without 副; a post after a list's comma is the body's named before it
    deputies = "区水务局局长王强、副局长李伟和区林业局副局长赵敏带队检查。"
    assert of_another(deputies, "李伟", "区林业局局长是谁？") and of_another(deputies, "赵敏", "区林业局局长是谁？")
    assert _span_text(choose_span, deputies, "区水务局副局长是谁？") == "李伟"
    assert of_another("区教育局局长、区卫健委主任王刚出席。", "王刚", "区教育局局长是谁？") is False
    # the same body under its full or its short name, or a body the sentence refers back to, or none
    assert of_another("区人力资源和社会保障局局长刘洋说，…", "刘洋", "区人社局局长是谁？") is False
    assert of_another("区市场监督管理局副局长孙倩表示", "孙倩", "区市场监管局的副局长是谁？") is False
    assert of_another("记者从区水利局获悉，会上该局局长王强说，…", "王强", "区水利局局长是谁？") is False
    # a unit written after the body it belongs to is that unit, whose head is not the body's
    unit = "区交通运输局公路养护中心主任韩磊说，今冬已储备融雪剂300吨。"
    assert of_another(unit, "韩磊", "公路养护中心的主任是谁？") is False
    assert of_another(unit, "韩磊", "区交通运输局公路养护中心主任是谁？") is False
    assert of_another("市公安局城西分局局长邓飞介绍，…", "邓飞", "市公安局局长是谁？")
    # but a body's own office or kind written after its short name is the body
    assert of_another("东关社区居委会主任王芳介绍，…", "王芳", "东关社区主任是谁？") is False
    assert of_another("太行集团股份有限公司董事长王伟说，…", "王伟", "太行集团董事长是谁？") is False
    assert of_another("活动联系人：王强", "王强", "区水利局联系人是谁？") is False
    # of two people, the one whose body is asked
    both = "区教育局局长张军、区水利局局长李明出席。"
    assert of_another(both, "李明", "区水利局局长是谁？") is False and of_another(both, "张军", "区水利局局长是谁？")


def test_how_many_days_is_a_duration_that_working_days_answer(tmp_path):
    from qa.question import AnswerType, analyse
    from qa.spans import choose_span
    from qa.types import Article

    assert analyse("办营业执照要等几天？").answer_type is AnswerType.DURATION
    assert analyse("庙会是哪几天？").answer_type is AnswerType.DATE  # which days: dates
    # 前几天, 过几天 tell when the thing asked about happened, not what is asked
    assert analyse("前几天开班的培训班是哪个单位办的？").answer_type is AnswerType.ORGANISATION
    assert analyse("过几天供暖从哪天开始？").answer_type is AnswerType.DATE
    # 多少个工作日 keeps its unit, and a change by 压减到 reaches the figure after it
    assert _span_text(choose_span, "施工许可审批时间由20个工作日压减到7个工作日。", "审批现在要多少个工作日？") == "7个工作日"
    # a change written with 压缩至 reaches the figure after it
    assert _span_text(choose_span, "审批时限由20个工作日压缩至5个工作日。", "审批要几天？") == "5个工作日"
    office = Article("a", "企业开办再提速", "本报讯 今年起，区行政审批局推行“一窗通办”，企业开办时间由原来的5个工作日缩短为"
                     "1个工作日，全程免费。", "2023-03-02", "报")
    assert _assistant_over(tmp_path / "idx", office).ask("现在开办企业要等几天？").text == "1个工作日"


@pytest.mark.parametrize("sentence, question, expected", [
    # 几个月, 几个钟头 ask a duration in months or hours, not a count in the all-purpose 个
    ("按规定，预付费一次性收取不得超过3个月。", "预付费一次最多能收几个月的？", "不得超过3个月"),
    ("检修期间，每户停水时间不超过6小时。", "检修的时候一户最多停几个钟头的水？", "不超过6小时"),
    ("演出持续了两个小时。", "演出演了几个小时？", "两个小时"),
    # degrees in ℃ answer 多少度, and a lower bound keeps its 不低于
    ("冬季教室温度不低于16℃。", "教室里最低要多少度？", "不低于16℃"),
    # the two bounds of a fine are one answer
    ("违者由执法部门处500元以上2000元以下罚款。", "违者要罚多少钱？", "500元以上2000元以下"),
    # a change from what it was at first (由最初的…) reaches the figure after it, unless the question asks the start
    ("村民参与率由最初的不到30%提高到85%。", "现在参与率是多少？", "85%"),
    ("村里大棚由最初的6个增加到98个。", "村里刚开始有几个大棚？", "6个"),
    # a bound is kept with its figure but is no nearer to the question's words (利率 ~ 机械化率) than the figure is
    ("全村耕种收综合机械化率达到92%，贷款利率不得高于4.2%。", "综合机械化率是多少？", "92%"),
    # 几个月 is answered by half a year too; a temperature below zero keeps its 零下
    ("术后需居家康复半年，每3个月复查一次。", "术后要在家康复几个月？", "半年"),
    ("元旦当天最低气温零下8℃。", "元旦最低气温多少度？", "零下8℃"),
    # 以上 joins two figures only as the bounds of a range closed by 以下
    ("全镇65岁以上1500名老人已签约家庭医生。", "多少岁以上的老人签约了家庭医生？", "65岁"),
])
def test_months_and_hours_asked_with_ge_are_durations_and_at_most_keeps_its_not(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_figures_a_change_reached_half_durations_girths_and_ages_in_years():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    water = "今年以来，全区污水处理率由原来的85%提高到96%。"
    assert cut(water, "全区污水处理率提高到了多少？") == "96%" and cut(water, "全区污水处理率原来是多少？") == "85%"
    assert cut("该路段限速由每小时60公里降至40公里。", "该路段限速降到多少？") == "40公里"
    assert cut("工人们用了半个小时就把舞台搭好了。", "舞台多长时间能搭好？") == "半个小时"
    assert cut("大桥建设历时一年半，于5月通车。", "大桥建了多长时间？") == "一年半"
    assert cut("从山脚步行到山顶需要1个半小时。", "步行到山顶要多长时间？") == "1个半小时"
    assert cut("大桥去年下半年开工，历时8个月建成。", "大桥建了多长时间？") == "8个月"  # no 半年 in 下半年
    ginkgo = "这株银杏树龄约800年，树高25米，胸径1.2米。"
    assert cut(ginkgo, "这株银杏有多粗？") == "1.2米" and cut(ginkgo, "这株银杏有多高？") == "25米"
    assert cut(ginkgo, "这株银杏多少岁了？") == "约800年"
    assert cut("张大爷今年85岁，1990年退休。", "张大爷多少岁了？") == "85岁"
    assert cut("王老师教龄32年，是学校的骨干教师。", "王老师多少岁？") is None  # a person's 教龄 is no age
    assert cut("这棵古槐树冠直径18米，胸径1.3米。", "这棵古槐有多粗？") == "1.3米"


def test_a_count_of_the_subject_s_own_kind_and_a_pronoun_before_the_subject_s_noun():
    from qa.answer import _counts_many_of_its_kind
    from qa.question import analyse, followup_readings

    sentence = "明年全区试点范围将扩大到50个小区。"
    assert not _counts_many_of_its_kind(sentence, analyse("垃圾分类试点小区明年要扩大到多少个小区？"))
    assert _counts_many_of_its_kind("我区拟改造老旧小区60个，涉及居民5300余户。", analyse("师范南小区改造涉及多少户？"))
    assert followup_readings("他们公司的总经理是谁？", ["华晟物流公司在哪里？"]) == ("华晟物流公司的总经理是谁？",)
    assert followup_readings("他们村有多少户？", ["东坡村的核桃卖到哪里？"]) == ("东坡村有多少户？",)
    assert followup_readings("他们所长是谁？", ["城南派出所在哪里？"]) == ("城南派出所所长是谁？",)


def test_lists_of_the_kinds_counted_of_titles_and_of_a_kind_named_by_its_head():
    from qa.question import analyse
    from qa.spans import gap_with_noun

    cut = functools.partial(_span_text, gap_with_noun)
    assert cut("讲座按内容分为法律、健康、理财三大类，每月各办一次。", "讲座分为哪几类？") == "法律、健康、理财"
    assert cut("从投诉类型看，物业服务、停车管理、噪音扰民是最集中的3类问题。", "投诉最集中的是哪几类问题？") == (
        "物业服务、停车管理、噪音扰民")
    assert cut("全区古树共有国槐、侧柏和油松等17个树种。", "古树有哪几种？") == "国槐、侧柏和油松"
    served = "社区为独居老人、残疾人、低保户等3类人群提供助餐、助洁服务。"
    assert cut(served, "上门服务面向哪几类人群？") == "独居老人、残疾人、低保户"
    assert cut("李大爷等6人种了西瓜、甜瓜、葡萄。", "种了哪几种瓜果？") != "李大爷"  # 6人种: 种 plants
    sorting = "我区在城中村、老旧小区、新建小区3类区域推行垃圾分类，垃圾分为可回收物、有害垃圾和其他垃圾3类。"
    assert cut(sorting, "生活垃圾分为哪几类？") == "可回收物、有害垃圾和其他垃圾"  # not the 区域
    assert cut("展演剧目包括《打金枝》《卖妙郎》《小二黑结婚》等8部。", "展演了什么剧目？") == "《打金枝》《卖妙郎》《小二黑结婚》"
    assert analyse("对老旧管网采取哪些改造措施？").wh_noun == "改造措施"
    assert cut("今年将投资300万元，主要措施包括更换铸铁管、加装阀门、建设监测平台等。", "对老旧管网采取哪些改造措施？") == (
        "更换铸铁管、加装阀门、建设监测平台")


def test_all_the_places_named_together_and_the_means_after_a_purpose_told_by_a_speaker():
    from qa.spans import choose_span, reason_or_means

    assert _span_text(choose_span, "流动献血车每周日在八一广场和东方广场采血。", "献血车周日在哪里采血？") == "八一广场和东方广场"
    said = "街道负责人王敏介绍，为了方便群众办事，街道推行“一窗受理”，群众办事只需跑一次。"
    assert _span_text(reason_or_means, said, "街道用什么办法方便群众办事？") == "街道推行“一窗受理”，群众办事只需跑一次"


def test_a_list_runs_on_over_items_by_other_names_and_a_whole_district_s_figure_is_no_part_s(tmp_path):
    from qa.question import AnswerType, analyse
    from qa.spans import gap_with_noun
    from qa.text import synonyms
    from qa.types import Article

    square = "广场改造后，新增了健身路径、儿童娱乐设施、遮阳长廊和直饮水点。"
    assert _span_text(gap_with_noun, square, "广场新增了哪些设施？") == "健身路径、儿童娱乐设施、遮阳长廊和直饮水点"
    assert _span_text(gap_with_noun, "村里发展民宿经济和带动就业的产业。", "村里发展了哪些经济？") == "民宿经济"
    assert "擅自" in synonyms("随便") and "砍伐" in synonyms("砍掉") and "移植" in synonyms("挪走")
    assert analyse("老年食堂是不是只对本社区老人开放？").answer_type is AnswerType.YES_NO
    holiday = Article("h", "春节假期全区旅游市场火热", "本报讯：春节假期7天，全区共接待游客31.5万人次，同比增长18%。"
                      "假期里，太行山大峡谷、城隍庙等景区人气旺盛。其中，太行山大峡谷景区接待游客9.2万人次。",
                      "2024-02-18", "报")
    assistant = _assistant_over(tmp_path, holiday)
    assert assistant.ask("春节假期太行山大峡谷景区接待了多少游客？").text == "9.2万人次"
    assert not assistant.ask("春节假期城隍庙接待了多少游客？").answerable  # 31.5万人次 is the district's
    assert assistant.ask("春节假期全区接待了多少游客？").text == "31.5万人次"


def test_the_second_review_s_cases_of_bodies_lists_girths_and_yes_or_no():
    from qa.question import AnswerType, analyse
    from qa.spans import choose_span, gap_with_noun, holds_post_asked, term_match

    def holds(sentence: str, name: str, question: str) -> bool | None:
        start = sentence.find(name)
        return holds_post_asked(sentence, (start, start + len(name)), analyse(question))

    # a village's party branch, a body's kind alone, a body told of by 该 (unknown), two hospitals
    assert holds("西岭村党支部书记李华介绍，…", "李华", "东坡村党支部书记是谁？") is False
    assert holds("村党支部书记张军说，广场6月建成。", "张军", "东坡村书记是谁？") is True
    assert holds("集团董事长张建国表示，…", "张建国", "华兴集团董事长是谁？") is True
    assert holds("会上，该局局长钱军作了部署。", "钱军", "区应急管理局局长是谁？") is None
    assert holds("区第二人民医院院长王平说", "王平", "区人民医院院长是谁？") is False
    assert holds("区第二人民医院院长王平说", "王平", "二院院长是谁？") is True
    assert term_match("二院", "全区二级以上医院共有床位3200张") == 0.0
    # no item counted of another kind in a list's tail; 有 of 有害垃圾 leads to nothing; a crown is no girth
    assert _span_text(gap_with_noun, "公园新增了健身设施和200个停车位。", "公园新增了哪些设施？") == "健身设施"
    assert _span_text(gap_with_noun, "生活垃圾分为有害垃圾、可回收物和其他垃圾3类。", "生活垃圾分为哪几类？") == (
        "有害垃圾、可回收物和其他垃圾")
    assert _span_text(choose_span, "古槐树冠直径20米，主干直径1.1米。", "古槐有多粗？") == "1.1米"
    # 是不是 inside a question asks yes or no only where nothing else is asked
    assert analyse("老人体检是不是免费的，包括哪些项目？").answer_type is not AnswerType.YES_NO


def test_a_district_s_figure_answers_for_its_town_or_a_thing_it_refers_to(tmp_path):
    from qa.types import Article

    town = Article("t", "青龙镇葡萄喜获丰收", "本报讯：青龙镇今年葡萄喜获丰收。全镇葡萄种植面积已达5600亩，亩产1500公斤。",
                   "2023-08-20", "报")
    river = Article("r", "东溪清淤工程启动", "本报讯：东溪清淤工程近日启动。全区将投入800万元对该河道进行清淤。", "2023-04-02", "报")
    renew = Article("n", "老旧小区改造", "本报讯：记者获悉，今年我区计划改造老旧小区46个。", "2023-03-02", "报")
    assistant = _assistant_over(tmp_path, town, river, renew)
    assert assistant.ask("青龙镇葡萄种植面积有多少亩？").text == "5600亩"
    assert assistant.ask("东溪清淤投资多少钱？").text == "800万元"
    assert assistant.ask("潞州今年要改造多少个老旧小区？").text == "46个"


def test_a_district_s_figure_is_no_figure_of_a_town_jieba_cuts_apart_nor_of_the_district_s_purse(tmp_path):
    from qa.types import Article

    water = Article("w", "农村饮水提升工程开工", "本报讯：我区农村饮水提升工程近日开工，石门峪村等12个村首批铺设管网。"
                    "今年全区农村饮水提升工程总投资3000万元，其中区级配套资金900万元，受益群众约4.6万人。", "2023-05-06", "报")
    farm = Article("f", "农机购置补贴开始申请", "本报讯：今年，区财政安排农机购置补贴资金500万元，对购机农户按售价的30%给予补贴。"
                   "截至目前，河西乡已有120户农户提出申请。", "2023-03-11", "报")
    assistant = _assistant_over(tmp_path, water, farm)
    # jieba cuts 石门峪村 as 石门/峪/村; 其中 refers to nothing the question names
    assert not assistant.ask("石门峪村有多少人受益？").answerable
    assert assistant.ask("全区饮水工程有多少人受益？").text == "约4.6万人"
    assert not assistant.ask("河西乡今年分到多少农机补贴资金？").answerable
    assert assistant.ask("今年区里安排了多少农机补贴资金？").text == "500万元"


def test_a_range_of_days_is_one_date():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    assert cut("考场周边的建筑工地6月6日至10日全天停止施工。", "工地哪几天停工？") == "6月6日至10日"
    assert cut("文化节于2023年6月28日至7月2日举行。", "文化节什么时候举行？") == "2023年6月28日至7月2日"
    assert cut("工地于2月22日、23日停工。", "工地哪几天停工？") == "2月22日、23日"


def test_a_figure_changed_from_each_one_s_and_a_figure_compared_with_are_not_what_it_is_now():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    fare = "春节期间，大峡谷景区门票由每人80元降为40元。"
    assert cut(fare, "春节去大峡谷一张票多少钱？") == "40元" and cut(fare, "大峡谷门票原来多少钱？") == "80元"
    assert cut("补助标准由去年的每户800元提高到每户1000元。", "每户补助多少钱？") == "1000元"
    beds = "新院区设置床位500张，是老院区200张床位的两倍多。"
    assert cut(beds, "新院区有多少张床位？") == "500张" and cut(beds, "老院区有多少张床位？") == "200张"


def test_the_one_clause_that_holds_what_is_asked_and_says_yes_or_no_answers_it():
    from qa.spans import said_again

    cut = functools.partial(_span_text, said_again)

    told = "区供电公司为居民安装私人充电桩提供上门服务，居民提交申请后5个工作日内完成接电，{}。"
    assert cut(told.format("不收取接入费用"), "装私人充电桩要交接入费吗？") == "不收取接入费用"
    assert cut(told.format("接入费用由供电公司承担"), "装私人充电桩要交接入费吗？") is None  # says neither yes nor no
    moved = "搬迁后，位于东大街的老院区不再收治住院病人，但保留中医门诊和中药房，方便居民就近看病。"
    assert cut(moved, "搬完以后老院区还能看中医吗？") == "但保留中医门诊和中药房"


def test_what_to_do_follows_the_clause_that_sets_the_case_and_a_purpose_may_open_on_fangbian():
    from qa.spans import reason_or_means

    cut = functools.partial(_span_text, reason_or_means)

    gas = "区燃气公司提醒，闻到燃气异味，应立即关闭阀门、开窗通风，切勿开关电器，并拨打抢修电话。"
    assert cut(gas, "闻到燃气异味该怎么办？") == "应立即关闭阀门、开窗通风，切勿开关电器，并拨打抢修电话"
    kept = "要加强设备管理，妥善保管应急物资、救生器材，确保随时能够使用。"
    assert cut(kept, "应急物资和救生器材以后怎么处理？") is None  # the clause itself says what is done: 妥善保管
    hall = "新馆启用后，老馆不再开放借阅，但保留少儿阅览室，方便附近居民带孩子看书。"
    assert cut(hall, "老馆为什么还要留着少儿阅览室？") == "方便附近居民带孩子看书"


def test_an_elliptical_follow_up_names_a_thing_of_the_kind_asked_in_its_place():
    from qa.question import followup_readings

    assert followup_readings("那篮球场呢？", ["今年体育公园新建了几个足球场？"]) == ("今年体育公园新建了几个篮球场？",)
    assert followup_readings("那公厕呢？", ["今年全区计划改造多少座农村户厕？"]) == ("今年全区计划改造多少座农村公厕？",)


def test_the_fourth_review_s_cases_of_purses_rates_years_multiples_exceptions_deeds_and_rooms():
    from qa.answer import _whole_for_a_part
    from qa.question import analyse
    from qa.spans import choose_span, reason_or_means, said_again
    from qa.types import Article

    def part_refused(sentence: str, figure: str, question: str, elsewhere: str) -> bool:
        start = sentence.find(figure)
        article = Article("a", "报道", "本报讯：" + elsewhere + sentence, "2023-05-01", "报")
        return _whole_for_a_part(sentence, (start, start + len(figure)), analyse(question), article)

    # the bureau, the district's support, its purse paying for the part the sentence speaks of, a rate for each one
    assert not part_refused("区财政局驻村工作队帮助村里修建了2.3公里的产业路。", "2.3公里", "石门峪村修了多长的产业路？",
                            "石门峪村位于山区。")
    assert not part_refused("区财政下拨资金150万元，为学校新建了塑胶操场。", "150万元", "马厂镇中心小学改造花了多少钱？",
                            "马厂镇中心小学始建于1958年。")
    assert not part_refused("区级财政对种植户每亩补贴200元。", "200元", "南天贡村种中药材每亩补贴多少钱？", "南天贡村种植中药材。")
    assert part_refused("今年，区财政安排农机购置补贴资金500万元。", "500万元", "河西乡分到多少农机补贴资金？", "河西乡已有农户申请。")
    cut = functools.partial(_span_text, choose_span)
    raised = "今年，城乡居民医保财政补助标准由去年的每人610元提高到每人640元。"
    assert cut(raised, "去年医保财政补助标准是每人多少钱？") == "610元" and cut(raised, "今年每人补助多少钱？") == "640元"
    assert cut("春节期间，大峡谷景区门票由每人80元降为40元。", "大峡谷景区门票降价前多少钱？") == "80元"
    assert cut("全区新能源汽车保有量达1.2万辆，是2020年的4倍。", "全区新能源汽车保有量是2020年的几倍？") == "4倍"
    assert cut("请获奖的同学于6月12日到3号教学楼领取证书。", "获奖同学什么时候领取证书？") == "6月12日"
    # an exception a later clause tells; a deed done (做好…) is no case to act on
    parks = "区内各公园均不收费，但园内游乐项目按每人10元标准收取费用。"
    assert _span_text(said_again, parks, "园内游乐项目收费吗？") != "区内各公园均不收费"
    straw = "区农业农村局通过设立禁烧点、加大巡查频次，做好秸秆禁烧工作，确保辖区空气质量持续改善。"
    assert _span_text(reason_or_means, straw, "区农业农村局如何做好秸秆禁烧工作？") != "确保辖区空气质量持续改善"
    assert _span_text(reason_or_means, "家中老人走失，请第一时间报警，并联系社区网格员协助寻找。", "老人走失了怎么办？") == (
        "请第一时间报警，并联系社区网格员协助寻找")


def test_one_of_a_measure_a_bound_and_this_time_are_read_as_the_article_writes_them(tmp_path):
    from qa.spans import term_match
    from qa.types import Article

    # a bound asked (jieba glues it to the verb after it) is found, at half, as rules write it
    assert term_match("最多能", "校外培训机构一次性收取的费用不得超过3个月") == 0.5
    assert term_match("最晚", "线下培训结束时间不得晚于20:30") == 0.5
    assert term_match("最多能", "经查实后最高可获奖励1万元") == 0.5
    assert term_match("最多能", "全区共有培训机构12家") == 0.0
    assert term_match("一亩", "对种植玉米的农户每亩补贴120元") == 1.0
    assert term_match("一天", "停车场每天最高收费20元") == 1.0
    assert term_match("一亩", "全区玉米种植面积3.2万亩") == 0.0
    assert term_match("一般", "每般补贴120元") == 0.0  # 般 is no measure
    # 这次 and 这回 say what the article is about, as 那次 does: no sentence needs to hold them
    training = Article("c", "校外培训专项治理", "本报讯：区教育局近日开展校外培训专项治理，检查校外培训机构120家，"
                       "关停无证无照机构9家，责令整改15家。", "2023-10-11", "报")
    assert _assistant_over(tmp_path, training).ask("这次没证的培训班关了几家？").text == "9家"


def test_no_rank_for_a_count_what_a_change_reached_a_village_after_its_town_and_the_district_asked():
    from dataclasses import replace

    from qa.answer import _whole_for_a_part
    from qa.question import analyse
    from qa.spans import choose_span
    from qa.types import Article

    cut = functools.partial(_span_text, choose_span)
    assert cut("3月5日是第60个“学雷锋纪念日”。", "学雷锋纪念日那天一共献了多少血？") is None  # a rank counts nothing
    assert cut("3月5日是第60个“学雷锋纪念日”。", "今年是第几个学雷锋纪念日？") == "第60个"
    road = "改造后，该路段宽度由6米拓宽至12米，全长2.4公里。"
    assert cut(road, "该路段现在有多宽？") == "12米" and cut(road, "该路段原来有多宽？") == "6米"
    assert cut("公交线路全长由12公里延长到19.5公里，新增站点5个。", "公交线路全长多少公里？") == "19.5公里"
    assert cut("记者在柳林乡前进村看到，新修的水渠已经通水。", "新修的水渠在哪个村？") == "柳林乡前进村"
    # a question about the whole district is answered by its figure, whatever part of it its terms name
    sentence = "上半年全区共破获盗窃案件86起。"
    article = Article("p", "上半年治安形势平稳", "本报讯：城关镇派出所召开会议。" + sentence, "2023-07-01", "报")
    asked = replace(analyse("上半年全区破获了多少起盗窃案件？"), terms=("上半年", "全区", "破获", "城关镇"))
    start = sentence.find("86起")
    assert not _whole_for_a_part(sentence, (start, start + 3), asked, article)
    assert _whole_for_a_part(sentence, (start, start + 3), replace(asked, text="上半年城关镇破获了多少起盗窃案件？"), article)


def test_spoken_firsts_heads_and_counts_a_body_before_its_post_and_a_name_jieba_does_not_know(tmp_path):
    from qa.question import analyse
    from qa.text import normalize_question, synonyms
    from qa.types import Article

    assert normalize_question("超市开业头一天来了多少顾客？") == "超市开业首日来了多少顾客？"
    assert normalize_question("东关小学的一把手是谁？") == "东关小学校长是谁？"
    assert "投入" in synonyms("掏") and "就业岗位" in synonyms("饭碗") and "挽回" in synonyms("追回")
    assert analyse("今年查处了多少起酒驾案子？").terms == ("今年", "查处", "酒驾", "案子")  # not 起酒/驾
    assert analyse("区文旅局局长是谁？").terms == ("文旅局", "局长")  # not 区文旅/局局长
    assert analyse("区法院的副院长叫什么？").terms == ("法院", "副院长")
    shop = Article("s", "城南超市开业", "本报讯：城南超市3月8日开业，开业首日接待顾客1200人次。区文化和旅游局局长赵明远出席"
                   "开业仪式。区人民法院副院长钱立群、区发改局副局长孙红参加活动。区卫健委主任周海燕到场祝贺。", "2023-03-09", "报")
    assistant = _assistant_over(tmp_path, shop)
    assert assistant.ask("城南超市开业头一天来了多少顾客？").text == "1200人次"
    assert assistant.ask("区文旅局局长是谁？").text == "赵明远"  # 赵/nr 明远/a, no name to jieba
    assert assistant.ask("区法院的副院长叫什么？").text == "钱立群"
    assert assistant.ask("区卫健委的一把手是谁？").text == "周海燕"


def test_a_figure_of_another_of_the_kind_asked_or_of_the_whole_district_is_no_answer(tmp_path):
    from qa.types import Article

    schools = Article("s", "两所小学联合开展读书月", "本报讯：南关小学与北街小学近日联合开展读书月活动。北街小学始建于1962年，"
                      "现有学生420人。南关小学的图书馆藏书3.2万册。", "2023-04-02", "报")
    clinic = Article("c", "区第三人民医院开设便民门诊", "本报讯：区第三人民医院便民门诊昨日开诊。便民门诊每天8时至20时接诊。",
                     "2023-05-06", "报")
    harvest = Article("h", "全区玉米喜获丰收", "本报讯：今年全区玉米种植面积3.6万亩，总产量2.1万吨。青石镇、白马乡玉米长势良好。",
                      "2023-09-20", "报")
    assistant = _assistant_over(tmp_path, schools, clinic, harvest)
    assert assistant.ask("北街小学是哪一年建的？").text == "1962年"
    assert not assistant.ask("南关小学是哪一年建的？").answerable  # 1962年 is 北街小学's
    assert assistant.ask("区第三人民医院便民门诊几点开门？").answerable
    assert not assistant.ask("区第一人民医院便民门诊几点开门？").answerable  # the article never names it
    assert assistant.ask("全区玉米总产量是多少？").text == "2.1万吨"
    assert not assistant.ask("青石镇的玉米总产量是多少？").answerable  # the district's, 全区 two clauses before


def test_the_third_review_s_cases_of_firsts_ranks_earlier_values_villages_names_heads_and_parts():
    from qa.question import analyse
    from qa.retrieve import fused_top
    from qa.spans import choose_span, name_after_post
    from qa.text import normalize_question

    dense = [(7, 0.9), (1, 0.8), (2, 0.7), (3, 0.6), (4, 0.5)]
    sparse = [(9, 9.0), (1, 8.0), (2, 7.0), (3, 6.0), (4, 5.0)]
    assert [doc for doc, _ in fused_top(dense, sparse, top_k=5)] == [1, 2, 3, 7, 9]  # dense's first keeps its place
    cut = functools.partial(_span_text, choose_span)
    ranked = "全区营商环境评价在全市排名第2位，较去年前进3位。"
    assert cut(ranked, "营商环境评价在全市排名多少？") == "第2位"
    assert cut("我区已连续第5年举办全民运动会，共设23个比赛项目。", "全民运动会已经连续举办几年了？") == "第5年"
    buses = "日均客运量由1.8万人次提高到2.3万人次，新开线路5条。"
    assert cut(buses, "日均客运量现在是多少？") == "2.3万人次" and cut(buses, "提高前日均客运量是多少？") == "1.8万人次"
    assert cut("与上年相比，全区粮食总产量由1.62亿公斤增加到1.71亿公斤。", "上年全区粮食总产量是多少？") == "1.62亿公斤"
    assert cut("区水务局工作组在马厂镇驻村指导。", "工作组在哪个镇驻村指导？") == "马厂镇"  # 驻村 names no village
    sentence = "区林业局局长王国庆出席会议并讲话。"
    start = sentence.find("王")
    assert sentence[slice(*name_after_post(sentence, (start, len(sentence) - 1)))] == "王国庆"  # 王国/ns 庆/vg
    assert normalize_question("区委的一把手是谁？") == "区委书记是谁？"
    assert normalize_question("区人民检察院的一把手是谁？") == "区人民检察院检察长是谁？"
    assert normalize_question("管治安的那个中队，头儿叫啥？") == "管治安的那个中队队长叫什么？"  # a 队's head, after a comma
    assert analyse("区市场监管局局长是谁？").terms[0] == "市场监管局"  # the 市 of 市场 stays
    assert analyse("今年春节区文旅局局长是谁？").terms[0] == "文旅局"
    assert "套餐" in analyse("食堂一共推出了多少套餐？").terms
    roads = "今年全区计划改造农村公路46公里，其中黄碾镇有3条共13.5公里。"
    assert cut(roads, "黄碾镇今年要改造多少公里农村公路？") == "13.5公里"
    assert cut(roads, "全区今年要改造多少公里农村公路？") == "46公里"
    jobs = "全区新增就业岗位3260个，其中柳林乡新增就业岗位420个，马厂镇新增就业岗位380个。"
    assert cut(jobs, "全区新增的就业岗位中，马厂镇有多少个？") == "380个"
    assert cut("全区粮食种植面积32.6万亩，其中玉米种植面积21.3万亩。", "全区玉米种了多少亩？") == "21.3万亩"
    assert cut("演练在马厂镇新农村广场举行。", "演练在哪里举行？") == "马厂镇新农村广场"
    assert cut("一中本科达线率由68%提升至75.3%，在全市排名第2。", "一中本科达线率在全市排第几？") == "第2"
    meals = "食堂每天供应午餐和晚餐，午餐时间为11时至13时，晚餐时间为17时至18时30分。"
    assert cut(meals, "食堂晚饭几点开始供应？") == "17时"  # 晚饭 written 晚餐, in its own clause; when it starts
    income = "村里的人均收入由原来的6000元增加到现在的2.1万元。"
    assert cut(income, "村里人均收入现在是多少？") == "2.1万元"  # what the change reached, past 现在的


def test_a_reason_is_what_follows_the_words_naming_it_or_comes_before_its_result():
    from qa.spans import reason_or_means

    cut = functools.partial(_span_text, reason_or_means)
    fares = "馆长李华解释，票价调整主要是因为今年展览场次增加了一倍，讲解和安保投入相应增加，门票收入将全部用于场馆维护。"
    assert cut(fares, "门票为什么涨价了？") == "今年展览场次增加了一倍，讲解和安保投入相应增加"
    merger = "局长王强介绍，合并的主要原因是“一边招不满，一边挤不下”，通过整合两校资源，既能化解大班额，又能共享师资。"
    assert cut(merger, "两所学校为什么要合并？") == "“一边招不满，一边挤不下”"
    chosen = "董事长张伟介绍，选择落户这里，主要看中当地电价低、物流便利，以及距离高铁站仅10公里的交通优势。"
    assert cut(chosen, "公司为什么选在这里落户？") == "当地电价低、物流便利，以及距离高铁站仅10公里的交通优势"
    # the clause before 因此, and what follows a 因 inside a clause
    buses = "公交公司经理赵明介绍，公司统计了早高峰客流，发现7时至8时站台滞留乘客超过300人，因此决定加开区间车。"
    assert cut(buses, "公交公司为什么要加开区间车？") == "发现7时至8时站台滞留乘客超过300人"
    # the reason's clauses that the one before 因此 goes on from, and a 由于 that opens them
    crops = "由于春季干旱少雨，小麦返青推迟，加上后期遭遇冰雹，因此今年全镇小麦减产两成。"
    assert cut(crops, "今年小麦为什么减产？") == "由于春季干旱少雨，小麦返青推迟，加上后期遭遇冰雹"
    fined = "检查中，一家烧烤店因未办理食品经营许可证，被责令停业整顿，并处罚款1万元。"
    assert cut(fined, "那家烧烤店为什么被责令停业？") == "未办理食品经营许可证"
    assert cut("该校因生源减少而停止招生。", "该校为什么停止招生？") == "生源减少"
    # not past what it caused, nor from 因素 or the 使 of 行使
    assert cut("原定周六举行的长跑比赛因天气原因取消，时间另行通知。", "长跑比赛为什么取消？") == "天气原因"
    assert cut("受降雨等因素影响，今年景区游客人数有所下降。", "今年景区游客人数为什么下降？") is None
    assert cut("王某因未正确行使职权，被给予警告处分。", "王某为什么被处分？") == "未正确行使职权"


def test_a_post_asked_at_a_body_is_not_answered_from_a_later_article_s_other_body(tmp_path):
    from qa.types import Article

    schools = Article("e", "我区新增公办幼儿园5所", "本报讯：区教育局局长陈立华介绍，今年我区新建公办幼儿园5所，新增学位1500个。",
                      "2023-09-01", "报")
    canteens = Article("m", "学校食堂检查", "本报讯：区市场监督管理局局长周明表示，将对学校食堂推行“明厨亮灶”全覆盖。",
                       "2023-09-15", "报")
    court = Article("c", "法院审结案件", "本报讯：区人民法院副院长李强介绍，上半年共审结案件580件。", "2023-07-02", "报")
    assistant = _assistant_over(tmp_path, schools, canteens, court)
    assert assistant.ask("区教育局局长叫什么？").text == "陈立华"  # not the later article's 局长 of another body
    assert assistant.ask("区法院的副院长是谁？").text == "李强"  # 区法院 is the 区人民法院


def test_a_figure_of_a_whole_list_a_named_part_another_route_or_meal_is_not_the_one_asked_for(tmp_path):
    from qa.question import analyse
    from qa.spans import of_the_list_it_is_in
    from qa.types import Article

    def of_list(sentence: str, figure: str, question: str) -> bool:
        start = sentence.find(figure)
        return of_the_list_it_is_in(sentence, (start, start + len(figure)), analyse(question))

    assert of_list("今年，东村种植玉米、谷子共3000亩。", "3000亩", "东村种了多少亩玉米？")  # both crops' acres
    assert of_list("来自市人民医院、市中医院2家医院的12名专家参加义诊。", "12名", "市中医院来了几名专家？")
    assert not of_list("来自市人民医院、市中医院2家医院的12名专家参加义诊。", "12名", "市人民医院和市中医院来了几名专家？")
    assert not of_list("来自市人民医院、市中医院2家医院的12名专家参加义诊。", "12名", "这2家医院来了几名专家？")
    assert not of_list("东村、西村两村各投资50万元。", "50万元", "东村投资了多少钱？")  # each one's
    assert not of_list("东村、西村、南村共1200户，其中东村300户。", "300户", "东村有多少户？")  # named again, closer
    assert not of_list("活动设置补给站12个、医疗点20个。", "20个", "设了多少个医疗点？")  # the items' own figures
    assert not of_list("公园横跨河道两岸、总面积为3.2平方公里。", "3.2平方公里", "公园总面积是多少？")  # names it
    water = Article("w", "三个村通上自来水", "本报讯：今年，区水利局为东岭村、西岭村和南岭村铺设供水管网，总投资360万元。",
                    "2023-05-06", "报")
    old = Article("o", "北关街道关爱独居老人", "本报讯：记者从北关街道获悉，北关街道共有独居老人320人，已全部建档。",
                  "2023-06-01", "报")
    bus = Article("b", "公交线路调整", "本报讯：12路公交线路全程18.5公里，设站点22个。社区食堂每天供应午餐和晚餐，"
                  "午餐时间为11时至13时。", "2023-04-03", "报")
    assistant = _assistant_over(tmp_path, water, old, bus)
    assert not assistant.ask("东岭村铺设供水管网投资了多少钱？").answerable  # all three villages' sum
    assert not assistant.ask("全区有多少独居老人？").answerable  # the 街道's
    assert assistant.ask("北关街道有多少独居老人？").text == "320人"
    assert not assistant.ask("3路公交全程多长？").answerable
    assert assistant.ask("12路公交全程多长？").text == "18.5公里"
    assert not assistant.ask("社区食堂早饭几点开始供应？").answerable


def test_a_level_a_day_of_the_week_or_an_area_other_than_asked_does_not_answer(tmp_path):
    from qa.types import Article

    village = Article("v", "凤凰村建设美丽乡村", "本报讯：凤凰村2017年被评为市级美丽乡村示范村，2021年被评为省级文明村。"
                      "全镇共有各级文物保护单位15处。村党支部书记张红梅2013年当选市人大代表。村委会主任李秀兰2005年当选"
                      "省人大代表，2010年获评全国劳动模范。", "2023-05-06", "报")
    gym = Article("g", "体育馆调整开放时间", "本报讯：区体育馆周一至周五9:00至21:00开放，周六上午9:00至12:00开放。",
                  "2023-06-01", "报")
    water = Article("w", "城东片区停水通知", "本报讯：受管网改造影响，6月3日城东片区将停水12小时。", "2023-06-01", "报")
    market = Article("m", "滨河早市开市", "本报讯：滨河早市每周日5:30至9:00开放，摊位费每个每天5元。", "2023-06-01", "报")
    economy = Article("e", "区经济运行平稳", "本报讯：上半年，全区实现社会消费品零售总额42.6亿元。三季度全区新增市场主体1860户。"
                      "春节假期，太行古镇共接待游客9.2万人次。今年全区共有3120名考生报名参加中考。", "2023-10-20", "报")
    assistant = _assistant_over(tmp_path, village, gym, water, market, economy)
    # a quarter, a holiday or an exam other than asked
    for question in ("全区四季度新增了多少户市场主体？", "全区下半年社会消费品零售总额是多少？", "国庆假期太行古镇接待了多少游客？",
                     "今年全区有多少名考生报名参加高考？"):
        assert not assistant.ask(question).answerable, question
    assert assistant.ask("全区三季度新增了多少户市场主体？").text == "1860户"
    assert not assistant.ask("全区二季度社会消费品零售总额是多少？").answerable  # 上半年's is not the quarter's
    assert assistant.ask("全区上半年社会消费品零售总额是多少？").text == "42.6亿元"
    assert assistant.ask("春节假期太行古镇接待了多少游客？").text == "9.2万人次"
    # a level or a day by the clause of the answer: 全国 is 李秀兰's 劳动模范, 每天 the fee's
    for question in ("凤凰村哪一年被评为国家级美丽乡村？", "全镇有多少处国家级文物保护单位？", "张红梅哪一年当选全国人大代表？",
                     "李秀兰哪一年当选全国人大代表？", "区体育馆周日几点开门？", "城西片区哪天停水？", "滨河早市周六几点开门？"):
        assert not assistant.ask(question).answerable, question
    assert assistant.ask("凤凰村哪一年被评为市级美丽乡村示范村？").text == "2017年"
    assert assistant.ask("张红梅哪一年当选市人大代表？").text == "2013年"
    assert assistant.ask("区体育馆周三几点开门？").text == "9:00"  # inside 周一至周五
    assert assistant.ask("城东片区哪天停水？").text == "6月3日"
    assert assistant.ask("李秀兰哪一年获评全国劳动模范？").text == "2010年"
    assert assistant.ask("滨河早市周日几点开门？").text == "5:30"


def test_a_count_asked_in_one_measure_word_is_answered_in_its_like(tmp_path):
    from qa.types import Article

    # asked in everyday words, at a confidence that the unit's missing would cut under the bar
    library = Article("l", "乡镇图书分馆开馆", "本报讯：柳林乡图书分馆日前开馆，读者持证每次最多可借5册，借期30天。",
                      "2023-06-01", "报")
    homes = Article("h", "安居小区竣工", "本报讯：安居小区日前竣工，共建成住宅楼12栋，可容纳居民800户。", "2023-06-01", "报")
    assistant = _assistant_over(tmp_path, library, homes)
    assert assistant.ask("柳林乡新开的那个图书馆一回能借几本书？").text == "5册"  # books in 本 or 册
    assert assistant.ask("乡里图书馆借书一次最多拿几本？").text == "5册"
    assert assistant.ask("安居小区一共盖了几座楼？").text == "12栋"  # buildings in 座, 栋 or 幢


def test_everyday_words_find_the_words_news_writes_for_them(tmp_path):
    from qa.types import Article

    veterans = Article("v", "退役军人就业服务", "本报讯：今年以来，区退役军人事务局开展专场招聘4场，帮助260名退役军人实现就业。",
                       "2023-06-01", "报")
    court = Article("c", "区法院强化执行", "本报讯：今年以来，区法院共将120人纳入失信被执行人名单，限制高消费350人次。",
                    "2023-06-01", "报")
    sheds = Article("e", "电动自行车充电棚建成", "本报讯：东关社区新建电动自行车充电棚3处，可同时为150辆电动自行车充电。",
                    "2023-06-01", "报")
    assistant = _assistant_over(tmp_path, veterans, court, sheds)
    assert assistant.ask("今年区里帮多少老兵找到了工作？").text == "260名"  # 老兵: 退役军人
    assert assistant.ask("区法院今年把多少老赖列入了名单？").text == "120人"  # 老赖: 失信被执行人
    assert assistant.ask("东关社区的充电棚能同时给多少辆电瓶车充电？").text == "150辆"  # 电瓶车: 电动自行车


def test_dates_are_no_durations_nor_counts_reasons_run_past_names_and_addresses_are_places():
    from qa.answer import _PER_UNIT_ASKED
    from qa.question import AnswerType, analyse
    from qa.spans import choose_span, reason_or_means, typed_spans

    cut = functools.partial(_span_text, choose_span)
    # the month or the day of a date is no duration ("4月25日起"), nor a month a count ("今年3月")
    assert cut("南环路将于5月10日起封闭施工，预计工期8个月。", "南环路封闭施工要多久？") == "8个月"
    started = "自今年4月小区启动以来，参与率已由不到30%提高到65%。"
    assert [started[s:e] for s, e in typed_spans(started, AnswerType.NUMBER)] == ["不到30%", "65%"]
    # a reason runs on past a thing the question names inside a longer name; it stops at a doing asked
    assert _span_text(reason_or_means, "一是因北关小学校舍改建，该片区学生今年划入东关小学。", "该片区学生为什么划到东关小学？") == (
        "北关小学校舍改建")
    # a sum asked by its name after 多少; one of a unit asks per unit
    assert analyse("被征的地能拿多少补偿？").answer_type is AnswerType.AMOUNT
    assert _PER_UNIT_ASKED.search("一亩地补多少钱？") and not _PER_UNIT_ASKED.search("一共补了多少钱？")
    # a place word that a company's name goes on from is no place; a street address is one
    station = "服务站由引入的河北康宁物业服务有限公司运营，地址在英雄中路216号院。"
    texts = [station[s:e] for s, e in typed_spans(station, AnswerType.PLACE)]
    assert "河北" not in texts and "英雄中路216号院" in texts


def test_a_figure_asked_of_what_was_done_is_not_the_one_planned(tmp_path):
    from qa.types import Article

    sorting = Article("s", "厨余垃圾就地处理进社区", "本报讯：截至6月底，全区已有18个社区、约9000户居民开展厨余垃圾就地处理，"
                      "其中东关街道有7个社区。计划到今年年底，全区开展厨余垃圾就地处理的社区将达到45个，覆盖居民2万户。",
                      "2023-07-05", "报")
    assistant = _assistant_over(tmp_path, sorting)
    assert assistant.ask("全区有多少个社区开展了厨余垃圾就地处理？").text == "18个"
    assert assistant.ask("到今年年底，全区开展厨余垃圾就地处理的社区要达到多少个？").text == "45个"


def test_where_something_lies_asked_by_its_position_is_no_gap_without_a_place(tmp_path):
    from qa.types import Article

    hall = Article("g", "全民健身馆开放", "本报讯：10月8日，位于滨河路与建设街交叉口西北角的全民健身馆正式开放。"
                   "全民健身馆总建筑面积1.2万平方米，总投资8000万元。", "2023-10-09", "报")
    assert _assistant_over(tmp_path, hall).ask("全民健身馆在什么位置？").text == "滨河路与建设街交叉口西北角"


def test_the_fourth_review_s_cases_of_lists_parts_routes_sums_means_plans_and_positions(tmp_path):
    from qa.answer import _PER_UNIT_ASKED, _of_another_of_its_kind, _part_for_the_whole
    from qa.question import AnswerType, analyse
    from qa.spans import _after_yin, gap_with_noun, of_the_list_it_is_in, reason_or_means, typed_spans
    from qa.types import Article

    def at(sentence: str, figure: str) -> tuple[int, int]:
        return sentence.find(figure), sentence.find(figure) + len(figure)

    # a subject before its list, or a doing, is no item of it
    estate = "东关社区辖东关街、府后街、太行路三条街道，共有居民3200户。"
    assert not of_the_list_it_is_in(estate, at(estate, "3200户"), analyse("东关社区有多少户居民？"))
    rooms = "西街小学新建图书室、科学实验室和音乐教室，共投资180万元。"
    assert not of_the_list_it_is_in(rooms, at(rooms, "180万元"), analyse("西街小学新建功能室投资了多少钱？"))
    # parts listed with a count of them are the district's; a range of routes covers the one asked
    towns = "截至目前，黄碾镇、马厂镇等5个乡镇共建成村级养老服务站46个。"
    assert not _part_for_the_whole(towns, at(towns, "46个"), analyse("全区建成了多少个村级养老服务站？"))
    fares = Article("f", "公交票价", "本报讯：目前，城区1路至40路公交线路票价均为1元。", "2023-03-01", "报")
    assert not _of_another_of_its_kind("目前，城区1路至40路公交线路票价均为1元。", analyse("18路公交车票价多少钱？"), fares)
    # a count of cases or people is no sum; 一户一表, 一户多宅 and 统一户外 ask nothing per household
    assert analyse("区法院受理了多少赔偿案件？").answer_type is AnswerType.NUMBER
    assert not any(_PER_UNIT_ASKED.search(q) for q in ("完成了一户一表改造", "清理了多少处一户多宅", "统一户外广告招牌"))
    # a result a noun names ends the reason, not a thing named inside a longer name
    library = "区图书馆因空调系统改造闭馆三天"
    assert library[slice(*_after_yin(library, ["区图书馆", "闭馆"]))] == "空调系统改造"
    # a place before a doing and a new company is a place
    founded = "太行重工集团在潞州区注册成立了新公司。"
    assert "潞州区" in [founded[s:e] for s, e in typed_spans(founded, AnswerType.PLACE)]
    # means: not 利用率 nor passing a check, nor the question's own verb; on to the clause that says it again; both
    # ways given
    how = functools.partial(_span_text, reason_or_means)
    assert how("西沟村利用闲置校舍，引进服装加工企业，带动120名村民就业。", "西沟村是如何带动村民就业的？") == (
        "利用闲置校舍，引进服装加工企业")
    assert how("市民可通过拨打12345热线反映问题，也可通过“潞州发布”微信公众号留言。", "市民怎么反映问题？") == (
        "通过拨打12345热线反映问题，也可通过“潞州发布”微信公众号留言")
    assert how("施工期间，车辆通过该路段时请减速慢行。", "车辆怎样通过施工路段？") is None
    assert how("项目通过验收后，农户可到乡镇财政所领取补贴。", "农户怎么领取补贴？") != "通过验收后"
    # lists: not the clause's subject, not people, not places a doing follows; no other count before 分别是
    what = functools.partial(_span_text, gap_with_noun)
    assert what("东关社区、西街社区的志愿者走进辖区小区，向居民发放宣传资料。", "志愿者发放了哪些宣传资料？") is None
    assert what("活动设置了3个赛道，分别在人民公园、太行公园和滨河公园举行。", "活动设置了哪几个赛道？") is None
    assert "太行东街" not in (what("区住建局将对2座危桥进行改造，同时新建3条道路，分别是太行东街、府后东街和英雄北路。",
                                   "今年要改造哪几座危桥？") or "")
    # what was done is answered where the sentence also names its yearly target; a rank or a neighbour is a position
    forest = Article("a", "我区植树造林成效显著", "本报讯：今年以来，我区扎实推进国土绿化行动。截至5月底，全区已完成营造林2.3万亩，"
                     "超额完成年度目标任务。全区现有林地面积18万亩，森林覆盖率达到32%。", "2023-06-01", "报")
    rank = Article("b", "营商环境持续优化", "本报讯：在全市营商环境评价中，我区排名全市第2位，较去年提升3个位次。", "2023-02-28", "报")
    station = Article("d", "便民服务站开门迎客", "本报讯：东关社区便民服务站紧邻社区党群服务中心，提供理发、修鞋等服务。",
                      "2023-03-02", "报")
    assistant = _assistant_over(tmp_path, forest, rank, station)
    assert assistant.ask("全区已经完成造林多少亩？").text == "2.3万亩"
    assert assistant.ask("我区营商环境排名在什么位置？").answerable
    assert "紧邻" in assistant.ask("东关社区便民服务站在什么位置？").text


def test_a_sentence_that_says_the_question_in_other_words_is_answered_below_the_threshold(tmp_path):
    from qa.types import Article

    canteen = Article("c", "长者食堂开进社区", "本报讯：北关社区长者食堂于今年7月1日开业。食堂每天供应午餐和晚餐，"
                      "午餐时间为11时至13时，晚餐时间为17时至18时30分。标准餐每份12元。", "2023-08-24", "报")
    assistant = _assistant_over(tmp_path, canteen)
    evening = assistant.ask("晚饭几点开饭、几点收摊？")  # few of its words, close in meaning: 晚餐时间为…
    assert evening.text == "17时至18时30分" and evening.confidence < 0.45
    assert not assistant.ask("长者食堂早饭几点开始？").answerable  # a near miss (another meal) is not


def test_a_figure_is_of_the_year_its_sentence_names_last_before_it():
    from qa.answer import _figure_of_another_year
    from qa.question import analyse
    from qa.types import Article

    def of_another_year(sentence: str, figure: str, question: str, date: str = "2023-06-10") -> bool:
        at = sentence.find(figure)
        article = Article("a", "报道", "本报讯：" + sentence, date, "报")
        return _figure_of_another_year(sentence, (at, at + len(figure)), analyse(question), article)

    holiday = "去年国庆假期，景区共接待游客8.2万人次，今年预计增长两成。"
    assert of_another_year(holiday, "8.2万人次", "今年国庆景区能接待多少游客？")
    assert not of_another_year(holiday, "8.2万人次", "去年国庆景区接待了多少游客？")
    assert not of_another_year(holiday, "8.2万人次", "2022年国庆景区接待了多少游客？")
    # a year compared with is the year of its own clause only; the sentence's other figures are of the article's year
    firms = "前三季度，全区新增市场主体4120户，比去年同期的3650户增加470户，新增企业980户。"
    assert not of_another_year(firms, "3650户", "去年同期新增了多少户市场主体？")
    assert not of_another_year("2024年度个人缴费标准为每人每年380元，比2023年度的350元增加30元。", "350元", "2023年度个人缴费多少钱？")
    assert of_another_year(firms, "4120户", "去年同期新增了多少户市场主体？")
    assert of_another_year(firms, "980户", "去年同期新增了多少户企业？")
    assert not of_another_year(firms, "4120户", "今年前三季度新增了多少户市场主体？")
    # the start of a time; a report early in the year looks back on the last; no year asked
    assert not of_another_year("去年10月以来，窗口累计办理业务2.3万件。", "2.3万件", "今年窗口办了多少件业务？")
    invest = "全区完成固定资产投资52亿元，比去年增长8%。"
    assert not of_another_year(invest, "52亿元", "去年完成了多少固定资产投资？", date="2023-02-10")
    assert of_another_year(invest, "52亿元", "去年完成了多少固定资产投资？", date="2023-08-10")
    assert not of_another_year(holiday, "8.2万人次", "国庆景区接待了多少游客？")
    # the figure of the year asked, where the sentence compares with it
    from qa.spans import choose_span
    assert _span_text(choose_span, firms, "去年同期新增了多少户市场主体？") == "3650户"
    assert _span_text(choose_span, "今年全区粮食总产量达到5.2亿斤，较2021年的4.8亿斤增长8%。", "2021年粮食总产量是多少？") == "4.8亿斤"
    assert _span_text(choose_span, firms, "前三季度新增了多少户市场主体？") == "4120户"
    checks = "一季度共抽检食品1286批次，合格率97.9%，比去年同期的96.8%提高1.1个百分点。"
    assert _span_text(choose_span, checks, "去年一季度抽检了多少批次食品？") == "1286批"
    # a question's own comparison; years of a history, of a founding, of a plan's span; years joined; 上年 of a year named
    assert not of_another_year("今年以来，全区新增市场主体3260户，与去年同期相比增加410户。", "410户", "与去年同期相比新增市场主体增加了多少户？")
    assert not of_another_year("今年，收购价格为每斤1.45元，比去年高0.05元。", "0.05元", "收购价格比去年高多少？")
    assert not of_another_year("今年1至8月，这座有着1300年历史的古镇接待游客48.6万人次。", "48.6万人次", "今年1至8月古镇接待了多少游客？")
    assert not of_another_year("今年，成立于2016年的合作社带动农户132户。", "132户", "今年合作社带动了多少户农户？")
    assert not of_another_year("去年和今年，该镇分别投入850万元和1100万元用于道路建设。", "1100万元", "今年该镇投入多少资金修路？")
    grain = "2023年，全区粮食总产量52.6万吨，比上年的50.1万吨增长5%。"
    assert of_another_year(grain, "50.1万吨", "去年全区粮食总产量是多少？", date="2024-02-10")
    assert not of_another_year(grain, "52.6万吨", "去年全区粮食总产量是多少？", date="2024-02-10")
    assert _span_text(choose_span, grain, "2022年全区粮食总产量是多少？") == "50.1万吨"
    # a change asked for is the figure after the word for it, a rate's in percentage points
    deeds = "今年前10个月，全区办理不动产登记2.4万件，比去年同期的2.1万件增加3000件。"
    assert _span_text(choose_span, deeds, "不动产登记比去年同期增加了多少件？") == "3000件"
    assert _span_text(choose_span, deeds, "去年同期办理了多少件不动产登记？") == "2.1万件"
    # a year given only to compare with: its figure is that year's, the others the article's
    taxes = "今年1至6月，全区实现税收收入46.3亿元，去年同期为42.1亿元，同比增长10%。"
    assert _span_text(choose_span, taxes, "去年同期税收收入是多少？") == "42.1亿元"
    assert not of_another_year(taxes, "10%", "今年税收收入同比增长了多少？", date="2023-07-10")
    assert of_another_year(taxes, "46.3亿元", "去年上半年税收收入是多少？", date="2023-07-10")
    forest = "全区森林覆盖率达到35.2%，比去年提高1.4个百分点。"
    assert _span_text(choose_span, forest, "森林覆盖率比去年提高了多少？") == "1.4个百分点"
    assert _span_text(choose_span, forest, "森林覆盖率是多少？") == "35.2%"


def test_a_figure_asked_of_one_part_is_not_the_one_told_where_the_part_is_named_only_as_one_of_many(tmp_path):
    from qa.answer import _one_part_of_many
    from qa.question import analyse
    from qa.types import Article

    def one_of_many(paragraph: str, sentence: str, figure: str, question: str, title: str = "报道") -> bool:
        article = Article("a", title, "本报讯：前言。\n" + paragraph + sentence, "2023-05-01", "报")
        start = article.text.find(sentence)
        at = sentence.find(figure)
        return _one_part_of_many(sentence, start, (at, at + len(figure)), analyse(question), article)

    # named in a list or after 其中 before the figure's clause, or only in a list after it: the whole's figure
    clinics = "全区共有社区卫生服务站26个，其中东街街道8个、太行街道6个。"
    assert one_of_many(clinics, "今年以来，服务站累计接诊患者12.4万人次。", "12.4万人次", "东街街道的服务站接诊了多少人次？")
    assert one_of_many("", "今年我区计划新建村级光伏电站40座，目前已有河西乡、马厂镇等3个乡镇开工建设。", "40座",
                       "河西乡要建多少座光伏电站？")
    assert one_of_many("", "义诊活动在城东广场、太行公园两个地点同时举行，共为居民测量血压860人次。", "860人次",
                       "太行公园义诊给多少人量了血压？")
    assert one_of_many("", "苏店镇、黄碾镇等乡镇共种植中药材1.8万亩。", "1.8万亩", "黄碾镇种了多少亩中药材？")  # listed in its clause
    assert one_of_many("", "设城东一中、城东三中两个考点，其中城东一中考点考生1500人。", "1500人", "城东三中考点有多少名考生？")
    # its own figure, in the clause that names it; a paragraph about it; the whole asked; a misprinted name
    assert not one_of_many("", "全区共有社区卫生服务站26个，其中东街街道8个、太行街道6个。", "8个", "东街街道有几个服务站？")
    assert not one_of_many("东街街道地处老城区。", "今年以来，服务站累计接诊患者12.4万人次。", "12.4万人次",
                           "东街街道的服务站接诊了多少人次？")
    assert not one_of_many(clinics, "今年以来，全区服务站累计接诊患者12.4万人次。", "12.4万人次", "全区服务站接诊了多少人次？")
    assert not one_of_many("考察团先后到皇城村、郭峪村参观。", "晋城市皇成村依托古堡资源，发展农家乐40余家。", "40余家",
                           "皇城村发展了多少家农家乐？")
    assert not one_of_many(clinics, "今年以来，服务站累计接诊患者12.4万人次。", "12.4万人次", "东街街道的服务站接诊了多少人次？",
                           title="东街街道服务站接诊量创新高")
    # the topic after 其中, a figure for each, a name called by its end, parts doing one thing together
    assert not one_of_many("全区有城关幼儿园、东城幼儿园等公办幼儿园12所，其中城关幼儿园是省级示范园。", "园内现有幼儿420名。",
                           "420名", "城关幼儿园有多少名幼儿？")
    assert not one_of_many("", "东村、西村两个村各建成一个文化广场，每个广场面积1200平方米。", "1200平方米",
                           "东村文化广场面积有多少平方米？")
    assert not one_of_many("比赛在城南体育馆、城北体育馆同时进行。", "体育馆可容纳观众3000人。", "3000人", "城北体育馆能容纳多少观众？")
    assert not one_of_many("", "东街社区、西街社区联合举办邻里节，共有居民600余人参加。", "600余人", "东街社区邻里节有多少居民参加？")
    # end to end: the part's question is refused, its own figure and the whole's are given
    clinic_news = Article("c", "社区卫生服务站方便群众就医", "本报讯：" + clinics + "今年以来，服务站累计接诊患者12.4万人次。",
                          "2023-06-01", "报")
    assistant = _assistant_over(tmp_path, clinic_news)
    assert not assistant.ask("太行街道的服务站接诊了多少人次？").answerable
    assert assistant.ask("太行街道有几个社区卫生服务站？").text == "6个"
    assert assistant.ask("服务站今年接诊了多少人次？").text == "12.4万人次"
    # a figure whose clause names the part after it; a question of two parts or a list; a short name; a dictionary kind
    assert not one_of_many("今年我区改造城东公园、城西公园两座公园。", "投资680万元的城东公园改造工程已经完工。", "680万元",
                           "城东公园改造投资了多少钱？")
    assert not one_of_many("", "今年高考设县一中、县二中两个考点，共有考生2980人。", "2980人", "县一中和县二中两个考点一共有多少考生？")
    assert not one_of_many("设城东一中、城东三中两个考点。", "据了解，今年三中考点考生1618人。", "1618人", "城东三中考点有多少名考生？")
    assert not one_of_many("今年新建幼儿园、养老院等设施。", "其中幼儿园5所，可新增学位1800个。", "1800个", "新建的幼儿园能增加多少个学位？")


def test_of_rows_alike_the_figure_is_the_one_of_the_row_the_question_names():
    from qa.spans import choose_span

    fees = "停车收费标准为小型车每小时2元、大型车每小时5元，夜间停车免费。"
    assert _span_text(choose_span, fees, "大型车停一小时收多少钱？") == "5元"
    assert _span_text(choose_span, fees, "小型车停车每小时多少钱？") == "2元"
    # a word every row holds tells none of them apart
    cards = "读者证押金为成人读者证100元、少儿读者证50元。"
    assert _span_text(choose_span, cards, "少儿读者证押金多少钱？") == "50元"
    # not a row that negates the word, one the question sets aside, nor one named only after a row's opening figure
    assert _span_text(choose_span, "居民生活用气每立方米2.6元，非居民用气每立方米3.4元。", "居民用气多少钱一立方米？") == "2.6元"
    assert _span_text(choose_span, "现行物业费标准为多层住宅每月每平方米0.6元、高层住宅每月每平方米0.9元。",
                      "除高层住宅外，其他住宅物业费每平方米多少钱？") == "0.6元"
    assert _span_text(choose_span, "60至79周岁老人每月补贴100元，80周岁以上老人每月补贴200元。",
                      "60周岁以上老人每月补贴多少钱？") == "100元"
    # a part from 其中 on that the question names, not the whole whose words name it too
    street = "美食街由区商务局牵头建设，分为特色餐饮区和文创区两个区域，首批入驻商户120家，其中餐饮商户70家。"
    assert _span_text(choose_span, street, "首批入驻的餐饮商户有多少家？") == "70家"
    assert _span_text(choose_span, street, "首批入驻了多少家商户？") == "120家"
    jobs = "今年全区新增城镇就业岗位2100个，其中东山乡新增就业岗位300个，西河镇新增就业岗位260个。"
    assert _span_text(choose_span, jobs, "全区新增的就业岗位里，东山乡有多少个？") == "300个"


def test_how_far_one_goes_asks_a_length():
    from qa.spans import choose_span

    assert _span_text(choose_span, "巡河员每天早上6点出发，沿河步行约12公里，查看水位和堤防。", "巡河员每天走多少路？") == "约12公里"
    assert _span_text(choose_span, "快递小哥老李每天8时开始派件，骑行近60公里，送件200多件。", "老李每天骑多少路？") == "近60公里"
    # a count of bus routes is no length
    assert _span_text(choose_span, "站前广场共有12路公交线路经过，日均客流3万人次。", "站前广场有多少路公交经过？") == "12"


def test_a_sentence_that_names_another_of_the_kind_asked_and_not_it_is_no_answer(tmp_path):
    from qa.types import Article

    reservoir = Article("r", "白石水库完成除险加固", "本报讯：县水务局介绍，白石水库除险加固工程日前完工，总投资1.2亿元。"
                        "白石水库为全县最大的中型水库，正常蓄水位为96.5米。", "2024-06-03", "报")
    contest = Article("c", "全县书法大赛落幕", "本报讯：全县青少年书法大赛昨日落幕。在比赛中，城关中学学生李明获得一等奖，奖金3000元；"
                      "参赛作品将在县文化馆展出一周。", "2024-05-20", "报")
    school = Article("s", "县一中北校区投入使用", "本报讯：县一中北校区9月1日正式投入使用。北校区占地80亩，可容纳学生2400人。",
                     "2024-09-02", "报")
    bank = Article("b", "城关农村商业银行新设网点", "本报讯：城关农村商业银行今年新设营业网点5个，覆盖全部乡镇。",
                   "2024-03-15", "报")
    assistant = _assistant_over(tmp_path, reservoir, contest, school, bank)
    assert assistant.ask("白石水库正常蓄水位是多少？").text == "96.5米"
    assert not assistant.ask("黑龙潭水库正常蓄水位是多少？").answerable  # 96.5米 is 白石水库's
    assert "3000元" in assistant.ask("书法大赛一等奖奖金是多少？").text
    assert not assistant.ask("书法大赛三等奖奖金是多少？").answerable  # only the first prize's is given
    assert assistant.ask("县一中北校区占地多少亩？").text == "80亩"
    assert not assistant.ask("县一中南校区占地多少亩？").answerable
    # the name asked shortened ("农商银行" for 农村商业银行), or the kind the wh-word asks for, is no other one
    assert assistant.ask("城关农商银行今年新设了几个网点？").text == "5个"
    assert assistant.ask("全县最大的中型水库是哪个水库？").answerable


def test_last_year_asked_is_read_from_the_article_s_date_and_from_today(tmp_path):
    import datetime

    from qa.types import Article

    last_year = datetime.date.today().year - 1
    fair = Article("f", "第三届荷花节开幕", "本报讯：第三届荷花节7月8日在西湖村开幕，当天吸引游客1.2万人次。", "2019-07-09", "报")
    market = Article("m", "夜市人气旺", f"本报讯：{last_year}年，城南夜市共接待市民38万人次。", f"{last_year}-12-20", "报")
    report = Article("r", "全县油菜丰收", "本报讯：今年全县油菜总产量5.2万吨，比去年增加0.3万吨。去年全县油菜总产量4.9万吨。",
                     "2019-06-08", "报")
    assistant = _assistant_over(tmp_path, fair, market, report)
    assert "1.2万人次" in assistant.ask("荷花节开幕当天来了多少游客？").text
    # 2019's own festival: 去年 is 2018 from the article's date, the year before this one from today
    assert not assistant.ask("去年荷花节开幕当天来了多少游客？").answerable
    assert "38万人次" in assistant.ask("去年城南夜市接待了多少市民？").text  # last year, counted from today
    assert "4.9万吨" in assistant.ask("去年全县油菜总产量是多少？").text  # the article's 去年


def test_an_age_or_a_day_of_the_year_is_no_count_of_what_is_asked():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    boats = "公园门票免费，70岁以上老人、1.4米以下儿童可免费乘坐游船。"
    assert cut(boats, "翠湖公园有几个儿童游乐场？") is None  # 70岁 counts no playgrounds
    assert cut(boats, "多大年纪的老人可以免费坐游船？") == "70岁"
    assert cut("第八届桃花节暨三月三庙会在南山镇开幕。", "桃花节来了多少游客？") is None  # 三月 is no count of visitors
    assert cut("本届读书节于9月1日开幕，共吸引读者1.6万人次。", "读书节来了多少读者？") == "1.6万人次"


def test_a_fraction_and_a_figure_in_units_of_power_or_energy_are_whole_figures():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    assert cut("改造方案需经本楼三分之二以上住户同意，并公示7天。", "改造方案要多少住户同意？") == "三分之二"
    assert cut("全村三分之一的农户种植了茶叶。", "全村百分之几的农户种茶？") == "三分之一"
    assert cut("项目投产后年产储能电池8GWh，新增就业岗位900个。", "项目投产后一年能生产多少储能电池？") == "8GWh"
    assert cut("光伏电站总装机容量为120MW，年发电量约1.5亿千瓦时。", "光伏电站装机容量多大？") == "120MW"


def test_a_hotline_to_dial_answers_what_number_to_call():
    from qa.question import AnswerType, analyse
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    warning = "民警提醒，凡是要求“先交钱”的都是诈骗，遇到可疑情况请拨打96110咨询，被骗后及时拨打110报警。"
    assert analyse("碰到可疑的情况打啥电话咨询？").answer_type is AnswerType.NUMBER  # not a what-question
    assert cut(warning, "碰到可疑的情况打啥电话咨询？") == "96110"
    assert cut(warning, "被骗了打什么电话报警？") == "110"
    assert cut("今年共接到群众来电3200余个，办结率98%。", "热线电话是多少？") is None  # a count is no number to dial


def test_an_adjective_before_one_character_of_a_place_name_is_part_of_it():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    assert cut("团结苑小区建于上世纪80年代，共有居民楼36栋。", "哪个小区建于上世纪80年代？") == "团结苑小区"
    assert cut("今年西关街道和谐苑小区率先完成改造。", "哪个小区率先完成改造？") == "西关街道和谐苑小区"
    assert cut("今年全区计划改造老旧小区32个，其中和平街道最多。", "哪个街道改造的小区最多？") == "和平街道"


def test_the_review_s_misfires_of_the_sibling_and_last_year_rules(tmp_path):
    import datetime

    from qa.types import Article

    last_year = datetime.date.today().year - 1
    lake = Article("l", "白鹭湖水库水质持续改善", "本报讯：白鹭水库管理所负责人介绍，今年库区周边已拆除网箱320个。", "2024-08-01", "报")
    concert = Article("c", "新春音乐会下周上演", "本报讯：届时区老年书画协会等6支文艺团队将登台献艺，演出门票共800张。", "2024-01-20", "报")
    plan = Article("p", "我区加快充电设施建设", "本报讯：根据规划，到2025年全区将建成公共充电桩900个。", "2023-05-01", "报")
    grain = Article("g", "全区粮食喜获丰收", "本报讯：今年全区粮食总产量46万吨，实现十连增。", f"{last_year}-11-20", "报")
    assistant = _assistant_over(tmp_path, lake, concert, plan, grain)
    assert assistant.ask("白鹭湖水库周边拆除了多少个网箱？").text == "320个"  # 白鹭水库: the name asked, shortened
    assert "6支" in assistant.ask("新春音乐会有多少支文艺团队登台？").text  # 新春 and 老年 are no two of a kind
    assert not assistant.ask("去年全区公共充电桩有多少个？").answerable  # a 2023 plan's 2025 is no count of 2025
    assert assistant.ask("去年全区粮食总产量是多少？").text == "46万吨"  # last year's report of its own year


def test_a_fraction_is_no_count_in_a_measure_word():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    villages = "全镇三分之二的村建成了文化广场，达到18个村。"
    assert cut(villages, "全镇建成文化广场的村有多少个？") == "18个"
    assert cut(villages, "全镇百分之几的村建成了文化广场？") == "三分之二"


@pytest.mark.parametrize("history, question, resolved", [
    (["县青少年足球联赛冠军奖金多少？"], "那第三名呢？", "县青少年足球联赛第三名奖金多少？"),
    (["摄影大赛一等奖是谁拿的？"], "那二等奖呢？", "摄影大赛二等奖是谁拿的？"),
    (["今年全县计划新建多少个村级卫生室？"], "那去年建成了多少个？", "那去年建成了多少个村级卫生室？"),
    (["县里有几所中学？"], "那小学有几所？", "那小学有几所？"),  # names what it counts
])
def test_a_follow_up_asks_of_another_place_or_prize_or_leaves_out_what_it_counts(history, question, resolved):
    from qa.question import resolve_followup

    assert resolve_followup(question, history) == resolved


def test_votes_points_and_weeks_keep_their_unit_and_a_time_in_two_units_is_one():
    from qa.spans import choose_span

    cut = functools.partial(_span_text, choose_span)
    assert cut("经过无记名投票，王立新当选为镇长，得票96票；", "他得了多少票？") == "96票"
    assert cut("考生李想以总分702分的成绩位列全市第一。", "李想考了多少分？") == "702分"
    assert cut("患者术后需连续服药8周，并定期复查。", "术后要吃多少周的药？") == "8周"
    assert cut("经全体会员表决，三分之二以上同意即可通过。", "要多少会员同意？") == "三分之二"  # not 三分
    assert cut("被告人张某犯盗窃罪，被判处有期徒刑三年六个月。", "张某被判了几年？") == "三年六个月"
    assert cut("动车开通后，两地间最快旅行时间约2小时15分钟。", "两地之间坐动车要多长时间？") == "约2小时15分钟"


@pytest.mark.parametrize("sentence, question, expected", [
    ("今年秸秆禁烧期从3月1日起至4月30日止，其中清明前后为重点管控期。", "秸秆禁烧期到哪天结束？", "4月30日"),
    ("今年秸秆禁烧期从3月1日起至4月30日止，其中清明前后为重点管控期。", "秸秆禁烧期从哪天开始？", "3月1日"),
    ("医保集中参保工作已于9月1日启动，参保截止日期为12月31日。", "医保参保啥时候截止？", "12月31日"),
    ("菊花展展期为10月15日至11月20日，每天8时开园。", "菊花展到哪天结束？", "11月20日"),
    ("新校区计划于明年8月交付使用，后年9月迎来首批新生。", "新校区什么时候交付？", "明年8月"),
])
def test_a_day_asked_as_an_end_or_a_start_and_a_month_of_a_year_counted_from_now(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


@pytest.mark.parametrize("sentence, question, expected", [
    ("来自湖南的选手周凯以2小时11分的成绩获得男子组冠军，本地选手、县第一中学教师陈静以2小时35分获得女子组冠军，并打破赛会纪录。",
     "男子组冠军是谁？", "周凯"),
    ("来自湖南的选手周凯以2小时11分的成绩获得男子组冠军，本地选手、县第一中学教师陈静以2小时35分获得女子组冠军，并打破赛会纪录。",
     "女子组冠军是谁？", "陈静"),
    ("会议决定任命赵刚为县自然资源局局长，任命孙丽为县住房和城乡建设局局长，任命周明为县农业农村局局长；",
     "新任命的住建局局长是谁？", "孙丽"),
    ("会议决定任命赵刚为县自然资源局局长，任命孙丽为县住房和城乡建设局局长，任命周明为县农业农村局局长；",
     "新任命的自然资源局局长是谁？", "赵刚"),
    # the figure stands apart from what it is of: no clauses alike, the nearest figure is kept
    ("全区平均降雨量为98.2毫米，最大降雨量出现在李庄村，达到156.3毫米。", "全区平均降雨量是多少？", "98.2毫米"),
])
def test_of_clauses_alike_the_one_the_question_names_holds_the_answer(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_a_figure_told_of_another_item_of_a_list_than_asked_is_no_answer(tmp_path):
    from qa.types import Article

    subsidy = Article("s", "全县发放耕地地力保护补贴", "本报讯：今年全县耕地地力保护补贴已全部发放到户，补贴标准为水稻每亩15元、"
                      "玉米每亩12元、大豆每亩10元。", "2025-06-03", "报")
    jobs = Article("j", "春季招聘会岗位多", "本报讯：本次招聘会提供岗位1200个，技术类岗位月薪集中在6000元至9000元之间，"
                   "部分工程师岗位月薪最高可达1.5万元。", "2025-03-02", "报")
    bus = Article("b", "新能源公交获补贴", "本报讯：县财政对新能源公交给予建设补贴每座充电站20万元，运营补贴按每车每年3万元发放。",
                  "2025-04-10", "报")
    assistant = _assistant_over(tmp_path, subsidy, jobs, bus)
    assert "15元" in assistant.ask("水稻每亩补贴多少钱？").text
    assert "10元" in assistant.ask("大豆每亩补贴多少钱？").text
    assert not assistant.ask("马铃薯每亩补贴多少钱？").answerable  # 水稻's, 玉米's and 大豆's are given, not its
    assert not assistant.ask("护理岗位月薪是多少？").answerable  # 技术类 and 工程师 posts', not 护理's
    assert "6000元至9000元" in assistant.ask("技术类岗位月薪是多少？").text


@pytest.mark.parametrize("sentence, question, expected", [
    # a company's brand tagged as a person's name, and what it does, are its name's; the appointing verb is not
    ("瑞祥物流集团投资3.2亿元建设城北冷链仓储中心，占地180亩；", "冷链仓储中心是哪家企业投资的？", "瑞祥物流集团"),
    ("中心采取“公建民营”模式，委托康宁养老服务有限公司运营。", "养老中心委托哪家公司运营？", "康宁养老服务有限公司"),
    # a road's name the tagger takes for a person's (秀英/nr 路/n 小学/n) is the name of what is named for the road,
    # and so is a county's before the place that leads a company's name (安康/nr 云雾山/ns …有限公司)
    ("本次比赛，小学组冠军由秀英路小学获得。", "小学组冠军是哪个学校？", "秀英路小学"),
    ("景区运营方安康云雾山文化旅游开发有限公司总经理介绍，门票价格暂不调整。", "景区的运营公司是哪家？",
     "安康云雾山文化旅游开发有限公司"),
    # a school or hospital that jieba glues to a word for its people ("小学教师", "医院院长"), and a level of government
    # it tags as a bare morpheme (县/zg), are the body's name's
    ("其中，城关镇中心小学教师李梅扎根山区教学20年；", "李梅在哪个学校教书？", "城关镇中心小学"),
    ("县人民医院院长张华说，新门诊楼下月启用。", "张华是哪家医院的院长？", "县人民医院"),
    ("青山县第二中学校长刘明表示，今年将扩招两个班。", "刘明是哪个学校的校长？", "青山县第二中学"),
    # a town's name the tagger cut its first character off (望/v 河村/ns, 迎/v 河镇/ns), not a preposition before it
    ("一年一度的望河村庙会如期举行，吸引游客两万余人次。", "庙会是在哪个村办的？", "望河村"),
    ("迎河镇人民政府组织干部群众连夜抢收玉米。", "哪个单位组织抢收玉米？", "迎河镇人民政府"),
    # but a verb of going before a town is no part of it, nor are the words before that verb
    ("县委书记王刚到丰镇调研春耕工作。", "王刚到哪个镇调研？", "丰镇"),
    ("春节前，外出务工人员陆续回河村过年。", "务工人员回哪个村过年？", "河村"),
    # a surname the tagger leaves out of the name after an appointing verb
    ("会议经表决，任命刘建华为县水利局局长，任命郑海燕为县财政局局长；", "谁当上了县财政局局长？", "郑海燕"),
    # "哪两个人": the people listed, past the appointing verb jieba tags as a noun
    ("会议还任命宋佳、梁晨为县人民法院审判员。", "哪两个人被任命为审判员？", "宋佳、梁晨"),
    # teams: the one that won, not the one beaten; a team wins a title as a person does
    ("东湾村队在季军争夺战中以71比68险胜北岭村队，获得第三名。", "第三名是哪个队？", "东湾村队"),
    ("经过四节激烈角逐，南山村队以86比79战胜桃园村队，夺得冠军。", "谁拿了冠军？", "南山村队"),
    ("经过四节激烈角逐，南山村队以86比79战胜桃园村队，夺得冠军。", "南山村队战胜了哪个队？", "桃园村队"),
    # a hall is a place; an economic loss is a sum
    ("本报讯（记者 王一鸣）8月16日晚，全县首届篮球联赛总决赛在县体育馆举行。", "总决赛在什么地方举行？", "县体育馆"),
    ("此次强降雨造成农作物受灾面积2.3万亩，直接经济损失约8600万元。", "这次暴雨造成的直接经济损失有多大？", "约8600万元"),
])
def test_names_of_companies_teams_halls_and_people_appointed_and_a_loss_asked_as_a_sum(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_a_reporter_in_a_byline_with_a_space_did_not_win(tmp_path):
    from qa.types import Article

    final = Article("f", "县首届篮球联赛落幕", "本报讯（记者 王一鸣）8月16日晚，全县首届篮球联赛总决赛在县体育馆举行。经过四节激烈角逐，"
                    "南山村队以86比79战胜桃园村队，夺得冠军。", "2025-08-17", "报")
    assistant = _assistant_over(tmp_path, final)
    assert assistant.ask("首届篮球联赛谁拿了冠军？").text == "南山村队"


def test_another_meeting_by_its_number_or_another_works_of_a_county_is_no_answer(tmp_path):
    from qa.types import Article

    meeting = Article("m", "县人大常委会举行会议", "本报讯：1月20日，县第十八届人民代表大会常务委员会第二十六次会议在县行政中心召开。"
                      "会议听取了县政府关于城市管理工作情况的报告。", "2026-01-21", "报")
    water = Article("w", "第二水厂扩建完工", "本报讯：县第二水厂扩建工程日前完工。扩建后，水厂日供水能力由3万吨提高到6万吨。",
                    "2026-05-20", "报")
    assistant = _assistant_over(tmp_path, meeting, water)
    assert assistant.ask("县人大常委会第二十六次会议哪天召开？").text == "1月20日"
    assert not assistant.ask("县人大常委会第二十七次会议哪天召开？").answerable  # the 26th's day
    assert assistant.ask("县第二水厂每天能供多少吨水？").text == "6万吨"
    assert not assistant.ask("县第一水厂每天能供多少吨水？").answerable  # jieba tags the leading 县 zg


@pytest.mark.parametrize("sentence, question, expected", [
    ("今年以来，南河出境断面水质稳定保持在Ⅲ类，饮用水水源地水质达标率为100%。", "南河出境断面的水质是几类？", "Ⅲ类"),
    ("7月2日，市防汛抗旱指挥部启动防汛Ⅳ级应急响应。", "市里启动了几级应急响应？", "Ⅳ级"),
    ("道路红线由30米拓宽至50米，按双向八车道标准建设。", "改造后是几车道？", "八车道"),
    ("道路红线由30米拓宽至50米，按双向八车道标准建设。", "道路红线拓宽到多少米？", "50米"),
])
def test_a_class_or_level_in_roman_numerals_and_lanes_are_counts(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_a_team_by_the_title_its_clause_names_and_a_prize_of_the_item_asked_in_other_words(tmp_path):
    from qa.spans import choose_span
    from qa.types import Article

    race = ("经过预赛和决赛的激烈角逐，柳溪乡代表队以51.08秒的成绩夺得男子组冠军，石桥镇代表队和邻县平安村队分获亚军、季军；")
    assert _span_text(choose_span, race, "男子组冠军是哪支队伍？") == "柳溪乡代表队"  # 柳溪/nr 乡
    assert _span_text(choose_span, race, "男子组亚军是哪支队伍？") == "石桥镇代表队"
    boats = Article("b", "县龙舟赛落幕", "本报讯：端午节当天，县第五届龙舟赛在城关河段举行。" + race.replace("石桥镇", "南岭镇")
                    + "比赛总奖金为10万元，男子组冠军奖金2万元，女子组冠军奖金1.2万元。", "2025-06-01", "报")
    assistant = _assistant_over(tmp_path, boats)
    assert not assistant.ask("龙舟赛女子组亚军是哪支队伍？").answerable  # the men's runner-up is named, no women's
    assert "1.2万元" in assistant.ask("女子组拿第一的队伍奖金有多少？").text  # 冠军 in other words, no other item


@pytest.mark.parametrize("sentence, question, expected", [
    # the doer of the verb asked, after 由 or heading its clause, whole, though the tagger cuts or misses the name
    ("本次演练由市防汛抗旱指挥部主办，市应急管理局、市水务局承办，14家单位参加。", "演练是哪个单位主办的？", "市防汛抗旱指挥部"),
    ("本次演练由市防汛抗旱指挥部主办，市应急管理局、市水务局承办，14家单位参加。", "演练由哪些单位承办？", "市应急管理局、市水务局"),
    ("赛事由县文化和旅游广电局主办，县围棋协会承办。", "比赛由哪个协会承办？", "县围棋协会"),
    ("工程由东海路桥建设有限公司承建，县住建局负责监管。", "修路的施工单位是哪家？", "东海路桥建设有限公司"),
    ("会议由县人大常委会主任周德全主持。", "这次会议是谁主持的？", "周德全"),
    ("据介绍，该食堂由城西街道提供场地，委托本地企业味美餐饮管理有限公司运营。", "场地是谁提供的？", "城西街道"),
    # not a pronoun, what the question asks about, nor the word for who does it
    ("孵化基地运营方南湖科创投资集团总经理潘立新介绍，入驻企业可享受租金减免。", "孵化基地是哪家公司在运营？", "南湖科创投资集团"),
])
def test_the_doer_of_the_verb_asked_is_the_name_before_it(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("周六下午门诊看到几点？", "17:00"),  # the row of the day asked, its afternoon hours by the clock, their end
    ("下午门诊几点开始？", "14:30"),
    ("周一上午门诊几点开始？", "8:00"),
])
def test_a_timetable_s_hours_by_the_day_asked_and_the_part_of_a_24_hour_clock(question, expected):
    from qa.spans import choose_span

    hours = ("新门诊楼实行“周末不休诊”：周一至周五门诊时间为8:00至12:00、14:30至17:30，周六、周日为8:00至12:00、"
             "14:30至17:00，急诊24小时开放。")  # the colon of 8:00 ends no clause
    assert _span_text(choose_span, hours, question) == expected


@pytest.mark.parametrize("sentence, question, expected", [
    ("施工期间，每天7:00至9:00、17:00至19:00禁止货车通行。", "施工期间货车几点不能上路？", "每天7:00至9:00、17:00至19:00"),
    ("门诊时间为8:00至12:00、14:30至17:30。", "门诊时间是几点到几点？", "8:00至12:00、14:30至17:30"),
    ("门诊时间为8:00至12:00、14:30至17:30。", "门诊几点开门？", "8:00"),  # an opening asked: the first hour
])
def test_hours_asked_without_a_part_of_the_day_an_opening_or_a_closing_are_all_listed(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_a_body_of_another_kind_than_the_one_asked_is_no_answer(tmp_path):
    from qa.spans import choose_span
    from qa.types import Article

    assert _span_text(choose_span, "东山农商银行向东山县人民医院发放贷款5000万元。", "贷款是哪家银行发放的？") == "东山农商银行"
    assert _span_text(choose_span, "首期工程由城建集团承建，县人民医院负责监管。", "是哪家公司承建的？") == "城建集团"  # 集团 too
    ward = Article("w", "县医院新住院大楼启用", "本报讯：7月6日，东山县人民医院新住院大楼正式投入使用，设床位600张。",
                   "2026-07-07", "报")
    assert not _assistant_over(tmp_path, ward).ask("县医院新住院大楼是哪家建筑公司盖的？").answerable


@pytest.mark.parametrize("sentence, question, expected", [
    # a place whose name ends in a word for a building or a room, whole, not cut at the name jieba knows
    ("应急演练在城西泵站及周边区域举行。", "应急演练在哪里举行？", "城西泵站"),
    ("座谈会在县行政中心第三会议室召开。", "座谈会在哪里开的？", "县行政中心第三会议室"),
    ("临时取水点设在滨江社区服务中心和桂花巷口。", "停水期间去哪儿取水？", "滨江社区服务中心"),
    # a surname the tagger takes for a place, after a word for people ("老船工郑/ns 宝山/nr")
    ("老船工郑宝山已经在渡口摆渡30年。", "那位老船工叫什么名字？", "郑宝山"),
])
def test_a_place_by_its_building_and_a_name_after_a_word_for_people(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_a_name_asked_is_not_answered_by_a_body(tmp_path):
    from qa.types import Article

    reservoir = Article("r", "红岩水库除险加固完工", "水库管理实行“县级监管、镇政府负责、村级管护”的模式，青山镇明确2名专职管护人员，"
                        "每年落实管护经费6万元。", "2025-10-21", "报")
    assistant = _assistant_over(tmp_path, reservoir)
    answer = assistant.ask("青山镇那两名专职管护人员叫什么名字？")
    assert not answer.answerable, answer.text  # no one is named; 镇政府 is a body


@pytest.mark.parametrize("sentence, question, expected", [
    # a score asked is the ratio the match ended at, not one of its figures
    ("决赛中，城南中学队以3比2战胜实验中学队，夺得冠军。", "决赛比分多少？", "3比2"),
    ("决赛中，城南中学队以3比2战胜实验中学队，夺得冠军。", "两队最后打成了几比几？", "3比2"),
    ("半决赛上，育英小学队2：0击败滨江小学队。", "半决赛的比分是多少？", "2：0"),
    ("全县有3所中学参赛，比赛共进行了12场。", "决赛比分是多少？", None),
])
def test_a_score_asked_is_the_ratio(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


@pytest.mark.parametrize("sentence, question, expected", [
    # of a route's places, the end after 至 or 开往, the start after 从, or the stretch between for both
    ("新开的城西105路从石桥花园公交首末站发车，途经人民路、建设大道，终至火车南站，全长9.6公里。", "105路终点站是哪里？", "火车南站"),
    ("K9路从东关客运站发车，途经解放路、人民医院，终点为滨河公园。", "K9路从哪里发车？", "东关客运站"),
    ("夜间专线N5路从汽车站开往城北广场，运营时间为21:00至次日1:00。", "N5路从哪儿开到哪儿？", "汽车站开往城北广场"),
    ("夜间专线N5路从汽车站开往城北中学，运营时间为21:00至次日1:00。", "N5路开往哪里？", "城北中学"),
    # a school is a place where one works, with the words for where in a town before it (城北/s)
    ("刘桂兰在石桥乡中心小学教书。", "刘桂兰在哪里教书？", "石桥乡中心小学"),
])
def test_a_route_s_end_or_start_as_asked(sentence, question, expected):
    from qa.spans import choose_span

    assert _span_text(choose_span, sentence, question) == expected


def test_an_hour_alone_does_not_answer_when_where_no_hour_is_asked(tmp_path):
    from qa.types import Article

    metro = Article("m", "地铁7号线北段3月18日开通", "本报讯：记者从区交通运输局获悉，地铁7号线北段将于3月18日上午10时开通初期运营。"
                    "全线设车站8座。开通初期，7号线北段首班车时间为6时30分，末班车时间为23时，高峰时段行车间隔为5分钟。",
                    "2026-03-10", "报")
    assistant = _assistant_over(tmp_path, metro)
    assert "3月18日" in assistant.ask("地铁7号线北段啥时候开通啊？").text  # a day, not the first train's hour
    assert assistant.ask("7号线北段首班车几点发车？").text == "6时30分"  # an hour asked is an hour


@pytest.mark.parametrize("question, expected", [
    # the first and last bus of the day as news copy writes them (首班车, 末班车)
    ("那最晚一班车几点开？", "22时30分"),
    ("最早的一班车几点发？", "6时30分"),
])
def test_the_first_and_last_bus_as_the_article_writes_them(question, expected):
    from qa.spans import choose_span

    timetable = "开通初期，7号线末班车时间为22时30分，首班车时间为6时30分，高峰时段行车间隔为5分钟。"
    assert _span_text(choose_span, timetable, question) == expected


def test_a_village_s_zhishu_is_its_party_branch_secretary(tmp_path):
    from qa.types import Article

    peppers = Article("p", "青石村辣椒喜获丰收", "本报讯：青石村党支部书记何永明介绍，全村今年种植辣椒600亩，亩均收入4000元。",
                      "2025-09-01", "报")
    assistant = _assistant_over(tmp_path, peppers)
    assert assistant.ask("青石村的支书叫啥？").text == "何永明"  # 支书: 党支部书记, as news copy writes it
