"""The web chat (Gradio): questions in, extractive answers with numbered citations out, sources in a side panel."""
from __future__ import annotations

import os

# Before gradio, gradio_client or huggingface_hub is imported: no version check, telemetry or Hub look-ups.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import argparse
import datetime
import functools
import html
import json
import logging
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import gradio as gr

from qa.config import BUNDLED_CORPUS, BUNDLED_SOURCE, PROJECT_ROOT, Settings
from qa.errors import EmptyQuestionError, IndexNotFoundError, QAError
from qa.store import current_generation, read_manifest
from qa.text import TEXT_RULES, normalize_question
from qa.pipeline import MAX_HISTORY, Assistant, answer_to_record, build_index, rebuild_index
from qa.types import Answer, Article, Citation, RefusalReason

if TYPE_CHECKING:
    from qa.store import IndexStats

log = logging.getLogger(__name__)

DEFAULT_FEEDBACK_PATH = PROJECT_ROOT / "eval" / "feedback.jsonl"
EXAMPLES = ("颐高集团的总裁是谁？", "晋纺小区改造涉及多少户？", "区政府投资多少钱改造幼儿园？", "草莓采摘园在哪个村？")
VERDICTS = {"right": "回答正确", "wrong_answer_right_source": "答案错但来源对", "wrong_source": "来源错误"}
NO_ANSWER = "现有文章中没有找到答案"
REFUSALS = {RefusalReason.NO_EVIDENCE: "没有找到相关文章", RefusalReason.WEAK_EVIDENCE: "相关内容不足以回答"}
# A question is echoed into the chat (and so into every later turn's payload): a megabyte pasted in
# must not be sent back and forth for the rest of the session.
MAX_SHOWN_QUESTION_CHARS = 2000
PANEL_HINT = '<div class="panel-hint">点击左侧的引用 [1] [2] … 在这里查看原文，引用的句子会高亮显示。</div>'

# System fonts only: no webfont is fetched, Chinese renders with the installed WenQuanYi Micro Hei.
THEME = gr.themes.Soft(font=["WenQuanYi Micro Hei", "Noto Sans CJK SC", "sans-serif"], font_mono=["monospace"])
CSS = """
.gradio-container {max-width: 1400px !important;}
#chat .qa-answer p {margin: 0 0 .35em;}
.qa-answer .answer-line {font-size: 1.08em;}
mark.answer-span {background: #ffd43b; color: inherit; padding: 0 2px; border-radius: 3px; font-weight: 600;}
mark.cite-hl {background: #fff3bf; color: inherit; padding: 1px 0; border-bottom: 2px solid #fab005;}
.cite-ref {color: #1c7ed6; font-weight: 600; cursor: pointer; margin-left: 2px; white-space: nowrap;}
.qa-sources {margin-top: .5em; padding-top: .4em; border-top: 1px solid #e9ecef; font-size: .9em; color: #495057;}
.qa-sources .src {margin: .15em 0;}
.qa-refusal {color: #c92a2a; font-weight: 600;}
.qa-note {color: #868e96; font-size: .9em;}
#source-panel .source-article h3 {margin: 0 0 .2em; font-size: 1.15em;}
#source-panel .meta {color: #868e96; font-size: .9em; margin: 0 0 .6em; padding-bottom: .4em;
                     border-bottom: 1px solid #e9ecef;}
#source-panel .source-scroll {max-height: max(240px, calc(100vh - 400px)); overflow-y: auto; padding-right: .5em;
                             line-height: 1.85;}
#source-panel .source-scroll p {margin: 0 0 .6em; text-indent: 2em;}
#source-panel .panel-hint {color: #868e96; padding: 2em 1em; text-align: center;}
#sources label {padding: 4px 10px; font-size: .92em;}
#status {font-size: .85em; color: #868e96;}
#fb-label {padding: .3em .8em; font-size: .9em; color: #495057;}
#fb-status {padding: 0 .8em; color: #2b8a3e;}
"""

# Runs in the browser after the panel changes: scroll the article so the highlighted sentence sits in the
# middle of the panel (and the panel into the window if it is off screen). The new HTML may land a frame
# after the change event, so poll briefly for the mark.
SCROLL_TO_CITATION_JS = """
() => {
  let tries = 40;
  const go = () => {
    const mark = document.querySelector('#source-panel mark.cite-hl');
    if (!mark) { if (tries-- > 0) setTimeout(go, 50); return; }
    const box = mark.closest('.source-scroll');
    if (box) {
      const offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop += offset - (box.clientHeight - mark.offsetHeight) / 2;
    }
    mark.scrollIntoView({block: 'nearest', inline: 'nearest'});
  };
  requestAnimationFrame(go);
}
"""
# Page-level script: a click on a citation marker [n] in the chat selects that source in the radio.
PAGE_JS = """
() => {
  document.addEventListener('click', (event) => {
    const ref = event.target.closest && event.target.closest('#chat .cite-ref');
    const match = ref && ref.className.match(/\\bcite-(\\d+)\\b/);
    if (!match) return;
    const option = document.querySelector(`#sources input[type="radio"][value="${match[1]}"]`);
    if (option) option.click();
  });
}
"""


# Messages are our own HTML with every text escaped; markdown off so that article text is never read as
# markdown or LaTeX, and Gradio's sanitiser stays on as a second line of defence.
CHAT_RENDERING = dict(render_markdown=False, sanitize_html=True, latex_delimiters=[])
LAUNCH_KW = dict(theme=THEME, css=CSS, js=PAGE_JS,  # gradio 6: theme, css and js go to launch()
                 # The chat takes no files: refuse every non-empty upload to /gradio_api/upload (413) instead of storing
                 # any size in the temp dir; and no /monitoring dashboard (on by default).
                 max_file_size=0, enable_monitoring=False)


def ensure_index(settings: Settings) -> None:
    """Build the index at `settings.index_dir` from the bundled corpus if there is none yet, and build it
    again from its own articles if it was cut by older sentence and word rules."""
    try:
        # Only whether there is one, and its rules: opening it checks the rest.
        text_rules = read_manifest(current_generation(settings.index_dir)).text_rules
    except IndexNotFoundError:
        text_rules = None
    if text_rules is not None:
        if text_rules != TEXT_RULES:
            # Its stored sentences would not be the ones this code chooses answers among.
            print(f"索引 {settings.index_dir} 是按旧的分句分词规则（第 {text_rules} 版）建立的，"
                  f"正在按第 {TEXT_RULES} 版用其中的文章重建……", file=sys.stderr, flush=True)
            stats = rebuild_index(settings=settings, show_progress=True)
            print(f"索引已重建：{stats.n_articles} 篇文章，{stats.n_chunks} 个片段。", file=sys.stderr, flush=True)
        return
    from qa.ingest import read_articles

    print(f"没有找到索引 {settings.index_dir}，正在用自带语料 {BUNDLED_CORPUS} 建立索引……", file=sys.stderr, flush=True)
    articles = read_articles([BUNDLED_CORPUS], source=BUNDLED_SOURCE)
    stats = build_index(articles, settings=settings, show_progress=True)
    print(f"索引已建立：{stats.n_articles} 篇文章，{stats.n_chunks} 个片段。", file=sys.stderr, flush=True)


# ---- HTML rendering -----------------------------------------------------------------------------------

def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def highlight(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Escaped `text` with each `(start, end, css_class)` wrapped in <mark>; spans are sorted and either
    nested or disjoint."""
    if not spans:
        return _e(text)
    (s, e, cls), rest = spans[0], spans[1:]
    inner = [(a - s, b - s, c) for a, b, c in rest if s <= a and b <= e]
    after = [(a - e, b - e, c) for a, b, c in rest if a >= e]
    return f'{_e(text[:s])}<mark class="{cls}">{highlight(text[s:e], inner)}</mark>{highlight(text[e:], after)}'


def source_meta(title: str | None, date: str | None, source: str) -> str:
    """"《title》 · date · source", leaving out what is unknown."""
    return " · ".join(_e(part) for part in (title and f"《{title}》", date, source) if part)


def cite_ref(n: int) -> str:
    # The chat's sanitiser drops data-* attributes; the number travels in a class name instead.
    return f'<span class="cite-ref cite-{n}">[{n}]</span>'


def render_citations(citations: Sequence[Citation], *, heading: str) -> str:
    rows = "".join(f'<div class="src">{cite_ref(n)} {source_meta(c.title, c.date, c.source)}</div>'
                   for n, c in enumerate(citations, 1))
    return f'<div class="qa-sources"><div>{heading}</div>{rows}</div>' if rows else ""


def render_answer(answer: Answer) -> str:
    """The chat message of an answer: the answer, its sentence with the span marked, citation markers, sources;
    or the refusal, its reason and the closest articles."""
    if not answer.answerable:
        reason = REFUSALS.get(answer.refusal_reason, REFUSALS[RefusalReason.WEAK_EVIDENCE])
        body = f'<p class="qa-refusal">{NO_ANSWER}（{reason}）。</p>' + understood_as(answer)
        return f'<div class="qa-answer">{body}{render_citations(answer.citations, heading="最接近的文章：")}</div>'
    first = answer.citations[0]
    span = []
    if answer.answer_start is not None and first.start <= answer.answer_start <= answer.answer_end <= first.end:
        span = [(answer.answer_start - first.start, answer.answer_end - first.start, "answer-span")]
    refs = " ".join(cite_ref(n) for n in range(1, len(answer.citations) + 1))
    body = (f'<p class="answer-line">答：<strong>{_e(answer.text)}</strong></p>'
            f'<p class="answer-sentence">{highlight(first.sentence, span)} {refs}</p>')
    if answer.note:
        body += f'<p class="qa-note">{_e(answer.note)}</p>'
    body += understood_as(answer)
    return f'<div class="qa-answer">{body}{render_citations(answer.citations, heading="来源：")}</div>'


def understood_as(answer: Answer) -> str:
    """A line saying how a follow-up was read ("按「陈保禄是哪个单位的？」理解"), so that a reader can check
    who 他 or 它 was taken to be; nothing for a question that was read as asked."""
    if answer.resolved_question == normalize_question(answer.question):
        return ""
    return f'<p class="qa-note">按「{_e(answer.resolved_question)}」理解</p>'


def render_notice(text: str) -> str:
    return f'<div class="qa-answer"><p class="qa-refusal">{_e(text)}</p></div>'


def render_source(article: Article, *, n: int, start: int, end: int, answer: tuple[int, int] | None = None) -> str:
    """The whole article for citation `n`, the cited sentence `[start, end)` in <mark class="cite-hl">."""
    marks = [(start, end, "cite-hl")]
    if answer and start <= answer[0] <= answer[1] <= end:
        marks.append((answer[0], answer[1], "answer-span"))
    paragraphs, offset = [], 0
    for line in article.text.split("\n"):
        line_end = offset + len(line)
        clipped = [(max(s, offset) - offset, min(e, line_end) - offset, c) for s, e, c in marks
                   if s < line_end and e > offset]
        if line.strip():
            paragraphs.append(f"<p>{highlight(line, clipped)}</p>")
        offset = line_end + 1
    meta = source_meta(None, article.date, article.source) or "日期、来源不详"
    if article.reporter:
        meta += f" · 记者 {_e(article.reporter)}"
    return (f'<div class="source-article" data-cite="{n}"><h3>[{n}] {_e(article.title)}</h3>'
            f'<p class="meta">{meta}</p><div class="source-scroll">{"".join(paragraphs)}</div></div>')


def render_status(stats: IndexStats) -> str:
    try:
        built = datetime.datetime.strptime(stats.built_at, "%Y-%m-%dT%H:%M:%S%z").strftime("%Y-%m-%d %H:%M %Z")
    except ValueError:
        built = stats.built_at
    return (f"索引：{stats.n_articles} 篇文章 · {stats.n_chunks} 个片段 · 向量模型 `{stats.embedder_id}` · "
            f"建于 {built}")


# ---- feedback ------------------------------------------------------------------------------------------

def append_jsonl(path: Path, record: dict, lock: threading.Lock) -> None:
    """Append one JSON line with a single O_APPEND write, so concurrent writers never interleave."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with lock:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)


# ---- the app -------------------------------------------------------------------------------------------

def build_app(assistant: Assistant, *, feedback_path: Path = DEFAULT_FEEDBACK_PATH) -> gr.Blocks:
    """The chat UI and its API endpoints (`/ask`, `/ask_json`, `/show_source`) over a loaded assistant."""
    feedback_lock = threading.Lock()

    def ask(question: str, questions: list[str], messages: list[dict], dates: tuple = (None, None)):
        """Chat turn: returns textbox, chatbot, questions, messages, current, sources radio, panel, feedback row."""
        if not question or not question.strip():
            return (gr.skip(),) * 9
        shown = question.strip()
        if len(shown) > MAX_SHOWN_QUESTION_CHARS:  # the pipeline reads 200; the chat keeps a readable part
            shown = shown[:MAX_SHOWN_QUESTION_CHARS] + "……"
        user = {"role": "user", "content": _e(shown)}
        current, choices = None, []
        try:
            answer = assistant.ask(question, history=questions, dates=tuple(dates))
        except EmptyQuestionError:
            reply = render_notice("请输入问题（问题里需要有文字）。")
        except QAError as e:
            log.warning("question %r failed: %s", question, e)
            reply = render_notice(f"出错了，无法回答这个问题：{e}")
        except Exception:  # the UI edge: log it, never show a traceback
            log.exception("question %r failed", question)
            reply = render_notice("系统内部出错，请稍后再试或联系管理员。")
        else:
            record = answer_to_record(answer)
            current = {"record": record, "history": questions}
            questions = [*questions, question][-MAX_HISTORY:]
            reply = render_answer(answer)
            choices = [(f"[{n}] {c['title']}", str(n)) for n, c in enumerate(record["citations"], 1)]
        messages = [*messages, user, {"role": "assistant", "content": reply}]
        return ("", messages, questions, messages, current,
                gr.Radio(choices=choices, value=None, visible=bool(choices)), PANEL_HINT,
                gr.Group(visible=current is not None), "")

    def ask_example(questions: list[str], messages: list[dict], dates: tuple, event: gr.SelectData):
        return ask(event.value["text"], questions, messages, dates)

    def set_dates(since: str, until: str):
        """The date range the next questions are limited to, from the two boxes (empty = open)."""
        try:
            first, last = (datetime.date.fromisoformat(v.strip()).isoformat() if v and v.strip() else None
                           for v in (since, until))
        except ValueError:
            return gr.skip(), "日期格式应为 YYYY-MM-DD，例如 2023-02-25；筛选未更改。"
        if first and last and first > last:
            return gr.skip(), "起始日期晚于截止日期；筛选未更改。"
        if not (first or last):
            return (None, None), ""
        return (first, last), f"只在 {first or '最早'} 至 {last or '最新'} 发表的文章中查找。"

    def show_source(choice: str | None, current: dict | None) -> str:
        if not choice or not current:
            return PANEL_HINT
        n = int(choice)
        record = current["record"]
        if not 1 <= n <= len(record["citations"]):
            return PANEL_HINT
        c = record["citations"][n - 1]
        span = (record["answer_start"], record["answer_end"]) if n == 1 and record["answerable"] else None
        return render_source(assistant.article(c["article_id"]), n=n, start=c["start"], end=c["end"], answer=span)

    def send_feedback(verdict: str, comment: str, current: dict | None):
        if not current:
            return gr.skip(), "还没有可以反馈的回答。"
        record = current["record"]
        append_jsonl(feedback_path, {
            "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "question": record["question"], "history": current["history"], "answer": record["answer"],
            "answerable": record["answerable"], "citations": record["citations"], "verdict": verdict,
            "comment": (comment or "").strip()}, feedback_lock)
        return "", f"已记录反馈：{VERDICTS[verdict]}"

    def ask_json(question: str, history_json: str = "[]") -> dict:
        """The batch JSON record (`qa.pipeline.answer_to_record`) for a question and its earlier questions
        (a JSON array of strings, oldest first)."""
        usage = '应为问题字符串的 JSON 数组，如 ["上一个问题"]'
        if not isinstance(question, str):
            raise gr.Error("请输入问题：question 应为字符串", print_exception=False)
        try:
            history = json.loads(history_json or "[]")
        except (json.JSONDecodeError, RecursionError) as e:  # "[[[[…" nests past Python's limit
            raise gr.Error(f"history_json 不是合法的 JSON（{getattr(e, 'msg', '嵌套过深')}）；{usage}",
                           print_exception=False) from e
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise gr.Error(f"history_json {usage}", print_exception=False)
        try:
            return answer_to_record(assistant.ask(question, history=history[-MAX_HISTORY:]))
        except EmptyQuestionError as e:
            raise gr.Error(f"请输入问题：{e}", print_exception=False) from e
        except QAError as e:
            raise gr.Error(f"出错了：{e}", print_exception=False) from e

    def new_conversation():
        return ("", [], [], [], None, gr.Radio(choices=[], value=None, visible=False), PANEL_HINT,
                gr.Group(visible=False), "")

    with gr.Blocks(title="报纸问答助手", analytics_enabled=False) as demo:
        questions, messages, current, dates = gr.State([]), gr.State([]), gr.State(None), gr.State((None, None))
        gr.Markdown("## 报纸问答助手", elem_id="title")
        gr.Markdown(render_status(assistant.stats), elem_id="status")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                chat = gr.Chatbot(elem_id="chat", label="对话", show_label=False, height=470, **CHAT_RENDERING,
                                  feedback_options=None, buttons=["copy"], placeholder="根据已收录的报纸文章回答问题，每个回答都注明出处。<br>"
                                                                "请输入问题，或点击下面的示例问题。",
                                  examples=[{"text": q} for q in EXAMPLES])
                with gr.Row():
                    box = gr.Textbox(elem_id="question", show_label=False, placeholder="请输入问题，按回车发送",
                                     scale=5, max_lines=3, submit_btn="提问")
                    new_chat = gr.Button("新对话", elem_id="new-chat", scale=1, min_width=90, variant="secondary")
                with gr.Accordion("按发表日期筛选（可选）", open=False, elem_id="date-filter"):
                    with gr.Row():
                        since = gr.Textbox(label="起始日期", placeholder="YYYY-MM-DD", elem_id="since", max_lines=1)
                        until = gr.Textbox(label="截止日期", placeholder="YYYY-MM-DD", elem_id="until", max_lines=1)
                    date_status = gr.Markdown("", elem_id="date-status")
                with gr.Group(visible=False, elem_id="feedback") as feedback_row:
                    gr.Markdown("这个回答对吗？反馈会记录下来，供编辑核查。", elem_id="fb-label")
                    with gr.Row(equal_height=True):
                        buttons = {v: gr.Button(label, size="sm", elem_id=f"fb-{v}", scale=1, min_width=110)
                                   for v, label in VERDICTS.items()}
                        comment = gr.Textbox(show_label=False, placeholder="备注（可选），再点左边的按钮提交反馈",
                                             elem_id="fb-comment", max_lines=1, scale=3, container=False)
                    feedback_status = gr.Markdown("", elem_id="fb-status")
            with gr.Column(scale=2, min_width=360):
                sources = gr.Radio(choices=[], label="引用来源（点击查看原文）", elem_id="sources", visible=False)
                panel = gr.HTML(PANEL_HINT, elem_id="source-panel", label="原文", container=True, js_on_load=None)

        turn_outputs = [box, chat, questions, messages, current, sources, panel, feedback_row, feedback_status]
        box.submit(ask, [box, questions, messages, dates], turn_outputs, api_name="ask")
        chat.example_select(ask_example, [questions, messages, dates], turn_outputs, api_visibility="private")
        for box_ in (since, until):
            box_.change(set_dates, [since, until], [dates, date_status], api_visibility="private")
        sources.input(show_source, [sources, current], panel, api_name="show_source")
        panel.change(None, None, None, js=SCROLL_TO_CITATION_JS)
        for verdict, button in buttons.items():
            button.click(functools.partial(send_feedback, verdict), [comment, current], [comment, feedback_status],
                         api_visibility="private")
        new_chat.click(new_conversation, None, turn_outputs, api_visibility="private")
        chat.clear(new_conversation, None, turn_outputs, api_visibility="private")  # the chat's own trash button
        gr.api(ask_json, api_name="ask_json")
    return demo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="app.py", description="报纸问答助手的网页聊天界面")
    parser.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1; 0.0.0.0 opens it to the network)")
    parser.add_argument("--port", type=int, default=None,
                        help="port (default: GRADIO_SERVER_PORT, else the first free one from 7860)")
    parser.add_argument("--index", type=Path, default=None,
                        help="index folder (default: QA_INDEX_DIR or index/default; built from corpus/ if missing)")
    parser.add_argument("--feedback", type=Path, default=DEFAULT_FEEDBACK_PATH,
                        help=f"feedback log, JSON lines (default {DEFAULT_FEEDBACK_PATH})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    started = time.perf_counter()
    try:
        settings = Settings.from_env(index_dir=args.index)
        ensure_index(settings)
        assistant = Assistant.open(settings)
    except (QAError, ValueError) as e:  # ValueError: a bad QA_* setting, named in the message
        print(f"错误：{e}", file=sys.stderr)
        return 1
    demo = build_app(assistant, feedback_path=args.feedback)
    demo.queue(default_concurrency_limit=8, max_size=128)
    log.info("index loaded and app built in %.1f s", time.perf_counter() - started)
    # Gradio serves no file of ours; block the index and the feedback log by name anyway, so that even
    # GRADIO_ALLOWED_PATHS pointing above them cannot expose them (blocked paths win over allowed ones).
    private = [str(settings.index_dir.resolve()), str(args.feedback.resolve())]
    demo.launch(server_name=args.host, server_port=args.port, share=False, blocked_paths=private, **LAUNCH_KW)
    return 0


if __name__ == "__main__":
    sys.exit(main())
