"""Tests for qa.ingest: decoding, JSONL records, raw newspaper pages, deduplication."""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import MalformedRecordError, UnreadableFileError
from qa.ingest import article_id_for, parse_jsonl, parse_page, read_articles, read_text
from qa.text import normalize_text

PAGE = Path(__file__).resolve().parents[1] / "corpus" / "newspaper-page-2023-02.txt"
TITLES = [
    "我区考察团赴上海、江苏考察学习乡村振兴工作", "早春草莓红 采摘乐趣多", "区发改局开展诚信宣传活动",
    "精准“滴灌”金融活水 助力小微企业发展", "抓紧生产赶订单 冲刺首季“开门红”",
    "加大工程开工力度 推动项目建设加速跑", "区物业管理协会工会联合会成立", "我区招商小分队赴杭州进行招商引资",
    "注销公告", "注销公告", "严查交通违法行为 保障群众出行安全", "幼儿园里变化大 朝气蓬勃展新颜",
    "科学精准做好新阶段疫情防控工作",
]
CJK_SPACE = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def page():
    return parse_page(read_text(PAGE), source="潞州区报", date="2023-02-24")


def body_lines(article):
    """The text's lines without the title line (which keeps the space between headline phrases)."""
    return [line for line in article.text.split("\n") if line != article.title]


# ---- the starting page ----------------------------------------------------------------------------

def test_page_gives_thirteen_articles_with_exact_titles_in_order(page):
    assert [a.title for a in page] == TITLES


def test_page_articles_carry_date_source_and_reporter(page):
    assert all(a.date == "2023-02-24" and a.source == "潞州区报" for a in page)
    assert [a.reporter for a in page] == ["赵勇", "王佳琪", "孙鸣", "董婕", "崔翔", "鲍晓明", "王佳琪", "赵勇",
                                          None, None, "赵越", "赵越", None]


def test_headline_block_opens_the_text_but_title_is_the_headline_alone(page):
    lines = page[0].text.split("\n")
    assert lines[:2] == [page[0].title, "王峰孟明带队"]
    assert lines[2].startswith("本报讯记者赵勇报道：2月22日、23日")
    finance = page[3]
    assert finance.text.startswith("区金融服务中心：\n精准“滴灌”金融活水 助力小微企业发展\n本报讯")
    assert page[4].text.startswith("潞鼎伟业：\n")
    assert page[5].text.startswith("区住建局：\n")
    assert page[7].text.split("\n")[1] == "王峰孟明参加"
    assert page[11].text.split("\n")[1] == "——南石槽小学附属幼儿园改造完成"
    assert not any(a.title.endswith("：") or "——" in a.title for a in page)


def test_spaces_inside_numbers_and_dates_are_removed(page):
    assert "2月22日、23日" in page[0].text and "30余家" in page[0].text
    assert "600多万元" in page[3].text and "产值提高20%" in page[3].text
    assert "（潞州编办发〔2020〕5号）" in page[9].text
    assert "1537万平方米" in page[7].text
    for article in page:
        assert not any(CJK_SPACE.search(line) for line in body_lines(article)), article.title


def test_banner_belongs_to_no_article(page):
    assert not any("全力以赴抓经济" in a.text or "踔厉奋发" in a.title for a in page)


def test_articles_do_not_take_text_of_their_neighbours(page):
    assert all(a.text.count("本报讯") <= 1 for a in page)
    assert all("本报讯" not in a.text for a in page if a.title == "注销公告")
    assert page[4].text.endswith("助力高质量发展。")  # the banner after 潞鼎伟业's headline is not body
    assert page[7].text.endswith("为当地产业发展注入新的活力。")


def test_paragraphs_follow_the_column_width(page):
    first = page[0].text.split("\n")
    assert [line[:6] for line in first[3:]] == ["在上海市崇明", "上海市崇明区", "考察团认为，", "考察学习期间"]
    # a sentence that ends at a full line, followed by a full line, does not end the paragraph
    assert "窗明几净的教室。孩子们在老师的带领下" in page[11].text


def test_continuation_starts_with_its_body_and_drops_the_marker(page):
    last = page[-1]
    assert last.text.startswith("科学精准做好新阶段疫情防控工作\n区疾控中心、各级医疗机构要加强疫情监测")
    assert "上接" not in last.text


def test_notices_keep_contact_signature_and_date_lines(page):
    first, second = page[8], page[9]
    assert first.article_id != second.article_id
    assert first.text.split("\n")[-5:] == ["特此公告。", "联系人：高凌宇", "电话：0355-3032248",
                                           "长治市城区五马街道综合服务中心", "2023年2月14日"]
    assert "常海波" in second.text and "高凌宇" not in second.text
    assert second.text.endswith("长治市城区劳动保障监察执法队\n2023年2月8日")


def test_page_ids_are_stable_and_unique(page):
    again = parse_page(read_text(PAGE), source="潞州区报", date="2023-02-24")
    assert [a.article_id for a in again] == [a.article_id for a in page]
    assert len({a.article_id for a in page}) == len(page)
    assert page[0].article_id == article_id_for(page[0].title + "\n" + page[0].text)


# ---- a page in the same style, with other words ------------------------------------------------

def typeset(*paragraphs: str, width: int = 14) -> str:
    """Paragraphs as the PDF-to-text tool writes a column: lines of `width` characters, each
    paragraph's first line two shorter (its indent is lost), blank lines between lines."""
    lines = []
    for paragraph in paragraphs:
        line, room = "", width - 2
        for ch in paragraph:
            line += ch
            room -= not ch.isspace()
            if room == 0:
                lines.append(line)
                line, room = "", width
        lines.append(line) if line.strip() else None
    return "\n\n".join(lines)


SYNTHETIC_PAGE = "\n\n".join([
    "市第一中学开展春季\n植树活动",  # headline before the first lead, wrapped over two lines
    typeset("本报讯 记者李明报道：3 月 12 日，市第一中学组织师生在校园北侧的空地上种下 120 余棵树苗。",
            "活动中，老师向学生讲解了树苗的种植方法，同学们分组挖坑、培土、浇水，干劲十足。"),
    typeset("本报讯 记者周芳报道：今年以来，市文旅局推出赏花、美食等主题线路 18 条，吸引游客 35 万人次。",
            "下一步，该局将继续丰富文旅产品供给，推动文旅消费提质升级。"),
    "擦亮文旅名片\n激活消费潜力\n市文旅局：",  # parallel phrases on two lines, kicker after them
    "奋进新征程 建功新时代",  # a page banner
    typeset("本报讯（记者 陈静）为期一周的少儿阅读推广周活动日前落下帷幕，全市共有 3000 余名小读者参与。",
            "活动期间，图书馆还开设了绘本故事会和亲子手工课，受到家长欢迎。"),
    "市图书馆举办少儿\n阅读推广周活动\n——三千名小读者参与",
    "招聘启事\n" + typeset("因业务发展需要，我公司现面向社会招聘软件工程师 5 名，欢迎有意者报名。", "特此启事。"),
    "联系人：吴 刚\n\n电 话：0351-1234567\n\n某某科技有限公司\n2024年3月1日",
    "北城区新增三处\n口袋公园",  # headline before its lead, after a notice
    typeset("本报讯 记者孙磊报道：近日，北城区三处口袋公园建成开放，为周边居民增添了休闲好去处。"),
    typeset("（上接第二版）各相关部门要加强协作，确保老旧管网改造工程按期完工，让群众早日受益。"),
    "稳步推进 老旧管网改造",
])


def test_synthetic_page_in_the_same_style():
    articles = parse_page(SYNTHETIC_PAGE, date="2024-03-02")
    assert [a.title for a in articles] == ["市第一中学开展春季植树活动", "擦亮文旅名片 激活消费潜力",
                                           "市图书馆举办少儿阅读推广周活动", "招聘启事", "北城区新增三处口袋公园",
                                           "稳步推进 老旧管网改造"]
    school, tourism, library, notice, park, pipes = articles
    assert school.text.split("\n") == [
        "市第一中学开展春季植树活动",
        "本报讯记者李明报道：3月12日，市第一中学组织师生在校园北侧的空地上种下120余棵树苗。",
        "活动中，老师向学生讲解了树苗的种植方法，同学们分组挖坑、培土、浇水，干劲十足。"]
    assert tourism.text.startswith("市文旅局：\n擦亮文旅名片 激活消费潜力\n本报讯记者周芳报道：")
    assert "18条" in tourism.text and "35万人次" in tourism.text
    assert library.text.split("\n")[1] == "——三千名小读者参与"
    assert [a.reporter for a in articles] == ["李明", "周芳", "陈静", None, "孙磊", None]
    assert notice.text.split("\n")[-5:] == ["特此启事。", "联系人：吴刚", "电话：0351-1234567",
                                            "某某科技有限公司", "2024年3月1日"]
    assert park.text.endswith("增添了休闲好去处。")
    assert pipes.text == "稳步推进 老旧管网改造\n各相关部门要加强协作，确保老旧管网改造工程按期完工，让群众早日受益。"
    assert not any("奋进新征程" in a.text for a in articles)


def test_page_with_every_headline_before_its_article():
    page = "\n\n".join([
        "第3版 综合新闻",  # a page header: not a headline
        "市第一中学开展春季\n植树活动",
        typeset("本报讯 记者李明报道：3 月 12 日，市第一中学组织师生种下 120 余棵树苗。", "同学们分组挖坑、培土。"),
        "河道治理见成效",
        typeset("本报讯 记者周芳报道：今年以来，全市整治河道 18 条，水质明显改善，沿岸居民") + "（下转第二版）",
        "市民政局：\n\n养老服务 提质增效",
        typeset("本报讯 记者孙磊报道：近日，市民政局新建社区养老服务站 6 个。"),
    ])
    articles = parse_page(page)
    assert [a.title for a in articles] == ["市第一中学开展春季植树活动", "河道治理见成效", "养老服务 提质增效"]
    assert articles[1].text.endswith("水质明显改善，沿岸居民")  # the jump marker is not text
    assert articles[2].text.startswith("市民政局：\n养老服务 提质增效\n本报讯")
    assert not any("综合新闻" in a.text for a in articles)


def test_page_without_any_lead_gives_no_articles():
    assert parse_page("只是一行字\n\n另一行字") == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["本报讯 记者王五报道：", "注销公告", "（上接第一版）", "标题：", "——副题",
                                 "一段文字。", "半句话", "2 月 3 日", "\n", "\n\n", " "]), max_size=30))
def test_any_page_parses_into_normalised_articles(pieces):
    for article in parse_page("".join(pieces)):
        assert article.text == normalize_text(article.text)
        assert article.article_id == article_id_for(f"{article.title}\n{article.text}")


# ---- files and encodings --------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings_give_identical_articles(tmp_path, encoding, page):
    path = tmp_path / f"page-{encoding}.txt"
    path.write_bytes(PAGE.read_text(encoding="utf-8").encode(encoding))
    assert read_text(path) == PAGE.read_text(encoding="utf-8")
    assert read_articles([path], source="潞州区报", date="2023-02-24") == page


def test_binary_file_is_unreadable_and_named(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(os.urandom(4000) + b"\x00\x00" + os.urandom(100))
    with pytest.raises(UnreadableFileError, match="scan.txt"):
        read_articles([path])


def test_missing_file_is_named(tmp_path):
    with pytest.raises(UnreadableFileError, match="nowhere.txt"):
        read_text(tmp_path / "nowhere.txt")


def test_unknown_extension_says_what_to_use(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnreadableFileError, match=r"page\.pdf.*\.txt.*\.jsonl"):
        read_articles([path])


def test_directory_reads_txt_and_jsonl_files_sorted(tmp_path):
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "乙", "text": "乙文。"}, ensure_ascii=False), "utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "甲", "text": "甲文。"}, ensure_ascii=False), "utf-8")
    (tmp_path / "notes.md").write_text("ignored", "utf-8")
    (tmp_path / "page.txt").write_text(PAGE.read_text("utf-8"), "utf-8")
    articles = read_articles([tmp_path])
    assert [a.title for a in articles] == ["甲", "乙"] + TITLES


# ---- JSONL -------------------------------------------------------------------------------------------

def jsonl(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)


def test_jsonl_records_with_and_without_ids():
    text = jsonl({"id": "a1", "title": "标题一", "date": "2023-03-01", "text": "正文 一。", "reporter": "张三"},
                 "", {"title": " 标题二 ", "text": "正文二。", "source": "晚报"})
    first, second = parse_jsonl(text, source="日报", date="2023-01-01")
    assert (first.article_id, first.date, first.source, first.reporter) == ("a1", "2023-03-01", "日报", "张三")
    assert (second.title, second.date, second.source, second.reporter) == ("标题二", "2023-01-01", "晚报", None)
    # the id of a record without one is the content hash: the same in every run and process
    assert second.article_id == article_id_for("正文二。") == hashlib.sha256("正文二。".encode()).hexdigest()[:16]


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('{"title": "标题"}', '"text" is missing'),
    ('{"title": "标题", "text": "  "}', '"text" is missing'),
    ('{"text": "正文。"}', '"title" is missing'),
    ('{"title": "标题", "text": "正文。", "date": "2023/02/24"}', "not an ISO date"),
    ('{"title": "标题", "text": "正文。", "date": "2023-02-30"}', "YYYY-MM-DD"),
])
def test_malformed_line_names_file_line_and_problem(line, problem):
    text = jsonl({"title": "好", "text": "好的。"}, "", line)
    with pytest.raises(MalformedRecordError, match=re.escape("export.jsonl, line 3: ") + ".*" + re.escape(problem)):
        parse_jsonl(text, path="export.jsonl")


def test_same_article_twice_is_kept_once(tmp_path):
    record = {"id": "x", "title": "标题", "text": "正文。"}
    (tmp_path / "one.jsonl").write_text(jsonl(record, record), "utf-8")
    (tmp_path / "two.jsonl").write_text(jsonl(record), "utf-8")
    assert len(read_articles([tmp_path / "one.jsonl", tmp_path / "two.jsonl"])) == 1


def test_same_id_with_different_text_names_both_places(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(jsonl({"id": "x", "title": "标题", "text": "正文。"},
                          {"id": "x", "title": "标题", "text": "另一篇正文。"}), "utf-8")
    with pytest.raises(MalformedRecordError, match=r"'x'.*export\.jsonl, line 1.*export\.jsonl, line 2"):
        read_articles([path])


def test_same_text_under_another_id_keeps_the_first(tmp_path, caplog):
    path = tmp_path / "export.jsonl"
    path.write_text(jsonl({"id": "x", "title": "标题", "text": "正文。"},
                          {"id": "y", "title": "标题", "text": "正文。"}), "utf-8")
    assert [a.article_id for a in read_articles([path])] == ["x"]
    assert "line 2" in caplog.text


def test_bad_default_date_is_rejected():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_page("本报讯 正文。", date="24.02.2023")
