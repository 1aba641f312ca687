"""The web chat (app.py): a real headless browser, the API through gradio_client, concurrency, feedback."""
import os

# Before gradio / gradio_client / huggingface_hub are imported: no network from Python.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import html
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from playwright.sync_api import expect, sync_playwright

import app
from tests.conftest import wait_until_serving
from qa.config import PROJECT_ROOT, Settings
from qa.pipeline import Assistant, add_articles, answer_to_record, index_stats
from qa.types import Answer, Article, Citation, RefusalReason

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # no DNS at all from the browser: any external resource fails at once (and is recorded)
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
TIMEOUT_MS = 15_000

# Two articles added to the bundled page: one long enough that its last sentence must be scrolled to,
# one full of markup that must be shown as text.
MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
PLACES = ["东湖公园", "东湖小学", "东湖菜市场", "东湖卫生服务站", "东湖敬老院", "东湖文化广场",
          "东湖图书室", "东湖公交站", "东湖幼儿园", "东湖体育场", "东湖商业街", "东湖社区服务中心"]
ACTIVITIES = ["环境清洁", "交通文明劝导", "义诊咨询", "垃圾分类宣传", "关爱老人", "文艺演出",
              "读书分享", "防诈骗宣传", "亲子阅读", "全民健身", "消防安全检查", "政策宣讲"]
LONG_TITLE = "东湖社区志愿服务队一年服务不停歇"
LONG_QUESTION = "东湖社区志愿服务队的队长是谁？"
MARKUP_TITLE = "青龙湖<script>window.__xss_title=1</script>栈道开放"
MARKUP_QUESTION = "青龙湖栈道什么时候开放？"
XSS_QUESTION = '<img src=x onerror="window.__xss=1">你好<script>window.__xss=2</script>'


def long_article() -> Article:
    paragraphs = ["本报讯 记者周文报道：过去一年，东湖社区志愿服务队坚持每月开展志愿服务活动，服务范围覆盖辖区各个角落。"]
    for i, (month, place, activity) in enumerate(zip(MONTHS, PLACES, ACTIVITIES)):
        paragraphs.append(f"{month}月，志愿服务队在{place}开展了{activity}活动，共有{12 + 3 * i}名志愿者参加，"
                          f"服务居民{150 + 20 * i}人次。活动结束后，志愿者们还认真听取了居民的意见和建议。")
    paragraphs.append("在年终总结会上，东湖社区志愿服务队队长刘春燕表示，新的一年将继续扩大志愿者队伍。")
    return Article(article_id="test-long-volunteers", title=LONG_TITLE, text="\n".join(paragraphs),
                   date="2023-02-20", source="测试日报")


def markup_article() -> Article:
    return Article(article_id="test-markup", title=MARKUP_TITLE,
                   text="本报讯 记者李明报道：<b>青龙湖公园</b>新建的木栈道全长1200米。"
                        '<img src=x onerror="window.__xss_panel=1">栈道将于3月1日起向市民免费开放。',
                   date="2023-02-21", source="测试日报")


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    settings = Settings(index_dir=tmp_path_factory.mktemp("app") / "index")
    app.ensure_index(settings)  # what a first `python app.py` does: the bundled corpus
    add_articles([long_article(), markup_article()], settings=settings)
    return settings


@pytest.fixture(scope="session")
def assistant(settings) -> Assistant:
    assistant = Assistant.open(settings)
    return assistant


@pytest.fixture(scope="session")
def feedback_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("feedback") / "feedback.jsonl"


@pytest.fixture(scope="session")
def app_url(assistant, feedback_path):
    demo = app.build_app(assistant, feedback_path=feedback_path).queue(default_concurrency_limit=8, max_size=128)
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                            **app.LAUNCH_KW)
    yield url
    demo.close(verbose=False)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    pg = ctx.new_page()
    pg.requests = []
    pg.external = []  # any request that leaves the app's origin
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("request", lambda r: r.url.startswith((app_url, "data:", "blob:")) or pg.external.append(r.url))
    pg.goto(app_url)  # not wait_until="networkidle": Gradio keeps SSE open
    pg.locator("#question textarea").wait_for()
    yield pg
    ctx.close()


def ask_in_browser(page, question: str, expected_text: str) -> None:
    """Ask in the chat and wait until this question's reply (one more bot message) is shown."""
    replies = page.locator("#chat .message-row.bot-row")
    n_replies = replies.count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    expect(replies).to_have_count(n_replies + 1, timeout=TIMEOUT_MS)
    expect(replies.last).to_contain_text(expected_text)
    expect(box).to_have_value("")  # the turn's other outputs (radio, feedback row) came with it


def last_message(chat: list[dict]) -> str:
    return chat[-1]["content"][0]["text"]


def screenshot_path(tmp_path: Path, name: str) -> str:
    folder = Path(os.environ.get("SCREENSHOT_DIR", str(tmp_path)))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / name)


# ---- the browser --------------------------------------------------------------------------------------

def test_example_question_answer_and_citation(page, assistant, tmp_path):
    question = app.EXAMPLES[0]
    expected = assistant.ask(question)
    assert expected.answerable, "the example questions must be answerable from the bundled page"
    page.get_by_text(question).click()  # an example button on the empty chat
    chat = page.locator("#chat")
    expect(chat).to_contain_text(expected.text, timeout=TIMEOUT_MS)
    expect(chat).to_contain_text("[1]")
    expect(chat.locator("mark.answer-span").last).to_have_text(expected.text)
    expect(page.locator("#status")).to_contain_text(f"{assistant.stats.n_articles} 篇文章")

    first = expected.citations[0]
    page.get_by_label(f"[1] {first.title}").check()
    expect(page.locator("#source-panel mark.cite-hl")).to_have_text(first.sentence)
    expect(page.locator("#source-panel h3")).to_have_text(f"[1] {first.title}")
    page.screenshot(path=screenshot_path(tmp_path, "qa_ui.png"))
    assert page.external == []


def test_citation_marker_opens_long_article_scrolled_to_sentence(page, assistant, tmp_path):
    expected = assistant.ask(LONG_QUESTION)
    assert expected.citations[0].title == LONG_TITLE
    ask_in_browser(page, LONG_QUESTION, expected.text)
    option = page.get_by_label(f"[1] {LONG_TITLE}")
    expect(option).to_be_visible()  # the radio renders a moment after the chat message
    page.locator("#chat .cite-ref.cite-1").first.click()  # the marker in the chat message, not the radio
    expect(option).to_be_checked()
    mark = page.locator("#source-panel mark.cite-hl")
    expect(mark).to_have_text(expected.citations[0].sentence)
    # The sentence is the article's last: it is only visible if the panel scrolled to it.
    page.wait_for_function("""() => {
        const mark = document.querySelector('#source-panel mark.cite-hl');
        const box = mark && mark.closest('.source-scroll');
        if (!box || box.scrollTop <= 0) return false;
        const m = mark.getBoundingClientRect(), b = box.getBoundingClientRect();
        return m.top >= b.top && m.bottom <= b.bottom && m.top >= 0 && m.bottom <= window.innerHeight;
    }""", timeout=5_000)
    page.screenshot(path=screenshot_path(tmp_path, "qa_ui_scrolled.png"))
    assert page.external == []


def test_markup_in_question_and_article_is_shown_as_text(page, assistant):
    box = page.locator("#question textarea")
    box.fill(XSS_QUESTION)
    box.press("Enter")
    chat = page.locator("#chat")
    expect(chat).to_contain_text(XSS_QUESTION, timeout=TIMEOUT_MS)  # the literal text, markup and all

    expected = assistant.ask(MARKUP_QUESTION)
    ask_in_browser(page, MARKUP_QUESTION, expected.text)
    page.get_by_label(f"[1] {MARKUP_TITLE}").check()
    panel = page.locator("#source-panel")
    expect(panel).to_contain_text('<img src=x onerror="window.__xss_panel=1">')
    expect(panel).to_contain_text("<b>青龙湖公园</b>")
    expect(panel.locator("h3")).to_have_text(f"[1] {MARKUP_TITLE}")
    page.wait_for_timeout(300)  # time for an injected onerror handler to have run, had there been one
    assert page.evaluate("[window.__xss, window.__xss_panel, window.__xss_title]") == [None, None, None]
    injected = "#chat img, #chat script, #source-panel img, #source-panel script, #source-panel b"
    assert page.locator(injected).count() == 0
    assert not [u for u in page.requests if u.rstrip("/").endswith("/x")]  # no <img src=x> was loaded
    assert page.external == []


def test_feedback_appends_one_json_line(page, assistant, feedback_path):
    first, follow_up = "晋纺小区改造涉及多少户？", "那总投资是多少？"
    ask_in_browser(page, first, assistant.ask(first).text or app.NO_ANSWER)
    expected = assistant.ask(follow_up, history=[first])
    ask_in_browser(page, follow_up, expected.text or app.NO_ANSWER)
    expect(page.locator("#chat")).to_contain_text(f"按「{expected.resolved_question}」理解", timeout=TIMEOUT_MS)
    n_before = len(feedback_path.read_text("utf-8").splitlines()) if feedback_path.exists() else 0
    page.locator("#fb-comment input, #fb-comment textarea").fill("数字对，但应引用第二段")
    page.locator("#fb-wrong_answer_right_source").click()
    expect(page.locator("#fb-status")).to_contain_text("已记录反馈", timeout=TIMEOUT_MS)

    lines = feedback_path.read_text("utf-8").splitlines()
    assert len(lines) == n_before + 1
    record = json.loads(lines[-1])
    assert set(record) == {"time", "question", "history", "answer", "answerable", "citations", "verdict", "comment"}
    assert record["question"] == follow_up
    assert record["history"] == [first]
    assert record["answer"] == expected.text
    assert record["answerable"] == expected.answerable
    assert record["citations"] == answer_to_record(expected)["citations"]
    assert record["verdict"] == "wrong_answer_right_source"
    assert record["comment"] == "数字对，但应引用第二段"
    expect(page.locator("#fb-comment input, #fb-comment textarea")).to_have_value("")


def test_new_chat_clears_everything(page, assistant, feedback_path):
    question = "颐高集团在全国布局了多少个产业园区？"  # not an example: those come back on the empty chat
    expected = assistant.ask(question)
    ask_in_browser(page, question, expected.text or app.NO_ANSWER)
    assert page.locator("#chat").inner_text().count(question) == 1
    page.get_by_label(f"[1] {expected.citations[0].title}").check()
    expect(page.locator("#source-panel mark.cite-hl")).to_have_count(1)

    page.locator("#new-chat").click()
    expect(page.locator("#chat")).not_to_contain_text(question)
    expect(page.get_by_text(app.EXAMPLES[1])).to_be_visible()  # the examples are back
    expect(page.locator("#sources")).to_be_hidden()
    expect(page.locator("#feedback")).to_be_hidden()
    expect(page.locator("#source-panel mark")).to_have_count(0)
    expect(page.locator("#source-panel")).to_contain_text("点击左侧的引用")

    # The conversation's history is gone too: feedback on the next answer records none.
    ask_in_browser(page, app.EXAMPLES[2], assistant.ask(app.EXAMPLES[2]).text)
    page.locator("#fb-right").click()
    expect(page.locator("#fb-status")).to_contain_text("已记录反馈", timeout=TIMEOUT_MS)
    record = json.loads(feedback_path.read_text("utf-8").splitlines()[-1])
    assert (record["question"], record["history"], record["verdict"]) == (app.EXAMPLES[2], [], "right")

    n_messages = page.locator("#chat .message-row").count()
    page.locator("#question textarea").fill("   ")
    page.locator("#question textarea").press("Enter")  # blank input is ignored: no message, no error
    page.wait_for_timeout(1000)
    assert page.locator("#chat .message-row").count() == n_messages


def test_date_filter_limits_the_articles(page, assistant):
    page.get_by_text("按发表日期筛选").click()
    page.locator("#since textarea, #since input").first.fill("2023-02-21")
    expect(page.locator("#date-status")).to_contain_text("2023-02-21", timeout=TIMEOUT_MS)
    inside = assistant.ask(MARKUP_QUESTION, dates=("2023-02-21", None))
    assert inside.answerable and inside.citations[0].article_id == "test-markup"
    ask_in_browser(page, MARKUP_QUESTION, inside.text)

    page.locator("#since textarea, #since input").first.fill("2030-01-01")
    expect(page.locator("#date-status")).to_contain_text("2030-01-01", timeout=TIMEOUT_MS)
    ask_in_browser(page, MARKUP_QUESTION, app.REFUSALS[RefusalReason.NO_EVIDENCE])

    page.locator("#until textarea, #until input").first.fill("2023-13-01")
    expect(page.locator("#date-status")).to_contain_text("YYYY-MM-DD", timeout=TIMEOUT_MS)


def test_chatbot_sanitiser_is_a_second_line_of_defence(browser):
    """Were some text ever left unescaped, the chat's own sanitiser (as app.py configures it) still runs no script."""
    import gradio as gr

    raw = '<img src=x onerror="window.__xss_raw=1"><script>window.__xss_raw=2</script><b>粗体</b>'
    with gr.Blocks(analytics_enabled=False) as demo:
        gr.Chatbot([{"role": "assistant", "content": raw}], elem_id="raw-chat", **app.CHAT_RENDERING)
    _, url, _ = demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.goto(url)
        expect(pg.locator("#raw-chat b")).to_have_text("粗体")
        pg.wait_for_timeout(300)
        assert pg.evaluate("window.__xss_raw") is None
        assert pg.locator("#raw-chat script").count() == 0
        assert pg.locator("#raw-chat img").evaluate_all("els => els.map(e => e.getAttribute('onerror'))") in ([], [None])
    finally:
        ctx.close()
        demo.close(verbose=False)


# ---- the API ------------------------------------------------------------------------------------------

def test_ask_json_returns_the_batch_record(app_url, assistant):
    client = Client(app_url, verbose=False)
    try:
        question = app.EXAMPLES[3]
        record = client.predict(question, "[]", api_name="/ask_json")
        expected = answer_to_record(assistant.ask(question))
        assert set(record) == set(expected)
        assert {k: v for k, v in record.items() if k != "latency_ms"} == \
               {k: v for k, v in expected.items() if k != "latency_ms"}

        history = ["晋纺小区改造涉及多少户？"]
        follow_up = client.predict("那总投资是多少？", json.dumps(history, ensure_ascii=False), api_name="/ask_json")
        assert follow_up["resolved_question"] == assistant.ask("那总投资是多少？", history=history).resolved_question

        with pytest.raises(AppError, match="history_json"):
            client.predict(question, "[1", api_name="/ask_json")
        with pytest.raises(AppError, match="请输入问题"):
            client.predict("？？？", "[]", api_name="/ask_json")
    finally:
        client.close()


def test_chat_api_refusal_and_errors(app_url, assistant):
    question = "长城有多长？"
    expected = assistant.ask(question)
    assert not expected.answerable
    client = Client(app_url, verbose=False)
    try:
        _, chat, sources, _, _ = client.predict(question, api_name="/ask")
        message = last_message(chat)
        assert app.NO_ANSWER in message
        assert app.REFUSALS[expected.refusal_reason] in message
        assert "最接近的文章" in message and "[1]" in message  # the closest articles are still cited
        assert len(sources["choices"]) == len(expected.citations)

        _, chat, *_ = client.predict("？？？", api_name="/ask")
        assert "请输入问题" in last_message(chat)
    finally:
        client.close()


def test_a_follow_up_says_how_it_was_read(assistant):
    follow_up = assistant.ask("那总投资是多少？", history=["晋纺小区改造涉及多少户？"])
    assert follow_up.resolved_question != "那总投资是多少？"
    assert f"按「{follow_up.resolved_question}」理解" in app.render_answer(follow_up)
    for question in ("晋纺小区改造涉及多少户？", "晉紡小區改造涉及多少戶？"):  # read as asked, traditional or not
        assert "按「" not in app.render_answer(assistant.ask(question))


def test_refusal_message_names_the_reason():
    citation = Citation(article_id="a", title="标题<i>", date="2023-02-01", source="测试日报", sentence="句子。",
                        start=0, end=3, score=0.2)
    reasons = {RefusalReason.WEAK_EVIDENCE: "相关内容不足以回答", RefusalReason.NO_EVIDENCE: "没有找到相关文章"}
    for reason, text in reasons.items():
        answer = Answer(question="问题", resolved_question="问题", text="", answerable=False, confidence=0.2,
                        citations=(citation,), hits=(), refusal_reason=reason)
        message = app.render_answer(answer)
        assert f"{app.NO_ANSWER}（{text}）" in message
        assert "[1]</span> 《标题&lt;i&gt;》 · 2023-02-01 · 测试日报" in message


def test_20_concurrent_clients_get_their_own_answers(app_url, assistant):
    questions = [*app.EXAMPLES, "颐高集团在全国布局了多少个产业园区？", "果园村的草莓采用什么栽培模式？",
                 "区发改局在哪里开展诚信宣传活动？", "东街师范南小区始建于哪个年代？", "区物业管理协会工会联合会什么时候成立？",
                 "招商小分队去了哪个城市？", "南石槽小学附属幼儿园始建于哪一年？", "幼儿园占地面积多少平方米？",
                 "晋纺小区是什么年代建的？", "考察团去了上海哪个区？", LONG_QUESTION, MARKUP_QUESTION,
                 "青龙湖公园的木栈道有多长？", "长城有多长？", "今天天气怎么样？", "师范南小区复工以来组织了多少名工人？"]
    assert len(set(questions)) == 20
    expected = {q: assistant.ask(q) for q in questions}
    latencies: dict[str, float] = {}

    def one_user(question: str) -> str:
        client = Client(app_url, verbose=False)
        try:
            started = time.perf_counter()
            _, chat, *_ = client.predict(question, api_name="/ask")
            latencies[question] = time.perf_counter() - started
            assert len(chat) == 2, "each client has its own conversation"
            assert chat[0]["content"][0]["text"] == html.escape(question)
            return last_message(chat)
        finally:
            client.close()

    barrier = threading.Barrier(20)
    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = dict(zip(questions, pool.map(lambda q: (barrier.wait(), one_user(q))[1], questions)))
    for question, answer in expected.items():
        if answer.answerable:
            assert f"<strong>{html.escape(answer.text)}</strong>" in replies[question], question
        else:
            assert app.NO_ANSWER in replies[question], question
    times = sorted(latencies.values())
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"\n20 concurrent /ask requests: median {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")


# ---- pieces and the command line ----------------------------------------------------------------------

def test_concurrent_feedback_lines_never_interleave(tmp_path):
    path, lock = tmp_path / "fb" / "feedback.jsonl", threading.Lock()
    record = {"question": "问" * 2000, "comment": "长备注" * 3000}
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda i: app.append_jsonl(path, {**record, "i": i}, lock), range(40)))
    lines = path.read_text("utf-8").splitlines()
    assert sorted(json.loads(line)["i"] for line in lines) == list(range(40))


def test_ensure_index_keeps_an_existing_index(settings):
    built_at = index_stats(settings).built_at
    app.ensure_index(settings)
    assert index_stats(settings).built_at == built_at


def test_ensure_index_rebuilds_an_index_cut_by_older_rules_from_its_own_articles(tmp_path):
    from qa.pipeline import build_index
    from qa.store import current_generation, load
    from qa.text import TEXT_RULES

    # Not the bundled page: what is rebuilt is what the index holds, with its ids, titles and dates.
    articles = [Article("own-1", "晋纺小区改造", "晋纺小区改造工程涉及住户36户。工程于2月10日复工。", "2023-02-20", "测试报"),
                Article("own-2", "颐高集团", "颐高集团总裁郑明伟参加座谈。", None, "测试报")]
    settings = Settings(index_dir=tmp_path / "idx")
    build_index(articles, settings=settings)
    manifest = current_generation(settings.index_dir) / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "text_rules": 0}),
                        encoding="utf-8")
    assert index_stats(settings).text_rules == 0
    app.ensure_index(settings)
    rebuilt = load(settings.index_dir)
    assert rebuilt.manifest.text_rules == TEXT_RULES
    assert sorted(rebuilt.articles.values(), key=lambda a: a.article_id) == articles
    assert len(rebuilt.sentences) == 3
    answer = Assistant.open(settings).ask("晋纺小区改造工程涉及住户多少户？")
    assert answer.text == "36户" and answer.citations[0].article_id == "own-1"


def test_python_app_py_serves_the_chat(settings, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    feedback = tmp_path / "feedback.jsonl"
    proc = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port),
                             "--index", str(settings.index_dir), "--feedback", str(feedback)],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    try:
        wait_until_serving(proc, url, timeout_s=30)
        client = Client(url, verbose=False)
        try:
            record = client.predict(app.EXAMPLES[0], "[]", api_name="/ask_json")
        finally:
            client.close()
        print(f"\npython app.py: page served after {time.perf_counter() - started:.1f} s (incl. first answer)")
        assert record["answerable"]
    finally:
        proc.terminate()
        proc.wait(10)
