"""Bad questions, bad corpus files, faults in the index: a clear answer every time, nothing lost."""
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from qa.errors import CorpusError, EmptyQuestionError, MalformedRecordError, UnreadableFileError
from qa.ingest import read_articles
from qa.store import CURRENT, load

ROOT = Path(__file__).resolve().parent.parent

BAD_QUESTIONS = [
    "颐高集团的总裁是谁？" * 1000,                       # 10,000 characters
    "颐高\x00集团\x07的\u200b总裁\u202e是谁？",           # control, zero-width and bidi characters
    "😀😀 颐高集团的总裁是谁？🎉",                        # emoji
    "<script>alert(1)</script>颐高集团的总裁是谁？",       # markup
    "'; DROP TABLE articles; -- 颐高集团总裁是谁",         # SQL-looking
    "Who is the 总裁 of 颐高集团?",                       # mixed Chinese and English
    "頤高集團２０２３年的總裁是誰？",                     # traditional with full-width digits
    "%s%s%n {0} ${x} \\x00",                            # format strings
]


def _verbatim(assistant, answer):
    if answer.answerable:
        first = answer.citations[0]
        text = assistant.article(first.article_id).text
        assert text[answer.answer_start:answer.answer_end] == answer.text
    for c in answer.citations:
        assert assistant.article(c.article_id).text[c.start:c.end] == c.sentence


@pytest.mark.parametrize("question", BAD_QUESTIONS, ids=range(len(BAD_QUESTIONS)))
def test_bad_questions_get_an_answer_or_a_clear_refusal(assistant, question):
    answer = assistant.ask(question)
    _verbatim(assistant, answer)


@pytest.mark.parametrize("question", ["", "   ", "？！。，", "\u200b\u3000", "😀😀"])
def test_contentless_questions_raise_a_typed_error(assistant, question):
    with pytest.raises(EmptyQuestionError, match="no words"):
        assistant.ask(question)


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80), st.lists(st.text(max_size=30), max_size=3))
def test_any_unicode_question_never_raises_anything_but_empty_question(assistant, question, history):
    try:
        answer = assistant.ask(question, history=history)
    except EmptyQuestionError:
        return
    _verbatim(assistant, answer)


# ---- bad corpus files -------------------------------------------------------------------------

def test_jsonl_with_missing_and_empty_fields(tmp_path):
    for line, problem in [('{"title": "无正文"}', "text"), ('{"title": "空", "text": "  "}', "text"),
                          ('{"text": "没有标题的文章。"}', "title"), ('[1, 2]', "object"), ('{"title": "t", "text": "x", "date": "昨天"}', "date")]:
        path = tmp_path / "bad.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(MalformedRecordError, match="bad.jsonl, line 1"):
            read_articles([path])


def test_dates_are_stored_in_one_form(tmp_path):
    [article] = read_articles([_write(tmp_path / "d.jsonl", '{"title": "t", "text": "正文。", "date": "20230225"}')])
    assert article.date == "2023-02-25"  # dates are compared as strings by the date filter


def test_empty_file_gives_no_articles(tmp_path):
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert read_articles([tmp_path / "empty.jsonl", tmp_path / "empty.txt"]) == []


def test_binary_and_unknown_files_are_named(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(os.urandom(2048) + b"\x00" * 64)
    with pytest.raises(UnreadableFileError, match="photo.txt"):
        read_articles([binary])
    unknown = tmp_path / "page.docx"
    unknown.write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError, match="page.docx"):
        read_articles([unknown])


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encodings_and_mixed_line_endings(tmp_path, encoding):
    text = '{"id": "e1", "title": "编码", "text": "第一段。\\r\\n第二段。\\r第三段。\\n"}\r\n'
    path = tmp_path / "enc.jsonl"
    path.write_bytes(text.encode(encoding))
    [article] = read_articles([path])
    assert article.text == "第一段。\n第二段。\n第三段。"


def test_five_megabyte_article_is_chunked(tmp_path):
    from qa.chunk import chunk_article

    [article] = read_articles([_write(tmp_path / "big.jsonl", '{"id": "big", "title": "长文", "text": "%s"}' % ("老旧小区改造工程涉及住户三十六户。" * 100_000))])
    assert len(article.text.encode("utf-8")) > 5_000_000
    chunks = chunk_article(article, max_tokens=256)
    assert chunks[-1].end == len(article.text) and all(c.n_tokens <= 256 for c in chunks)


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


# ---- faults in the index ----------------------------------------------------------------------

def _run_killed(script: str, tmp_path: Path) -> int:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=str(tmp_path), timeout=180,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    return result.returncode


def test_kill_during_build_leaves_previous_index_intact(page_settings, tmp_path):
    import shutil

    index_dir = tmp_path / "copy"
    shutil.copytree(page_settings.index_dir, index_dir)
    before = (index_dir / CURRENT).read_text()
    code = _run_killed(f"""
        import os, signal
        import qa.store as store
        from qa.config import Settings
        from qa.pipeline import build_index
        from qa.types import Article
        real = store._fsync_tree
        def die(folder):
            os.kill(os.getpid(), signal.SIGKILL)
        store._fsync_tree = die
        build_index([Article("n1", "新", "这是一篇新文章。")], settings=Settings(index_dir={str(index_dir)!r}))
    """, tmp_path)
    assert code == -9
    assert (index_dir / CURRENT).read_text() == before
    assert len(load(index_dir).articles) == 13


def test_reader_during_writes_sees_old_or_new_never_a_mix(tmp_path):
    from qa.config import Settings
    from qa.pipeline import add_articles, build_index
    from qa.types import Article

    settings = Settings(index_dir=tmp_path / "idx")
    build_index([Article("base", "基础", "晋纺小区改造工程涉及住户36户。")], settings=settings)
    stop, seen, errors = threading.Event(), set(), []

    def read_loop():
        while not stop.is_set():
            try:
                index = load(settings.index_dir)
                assert index.vectors.ntotal == len(index.chunks) == len(index.position_by_chunk_id)
                assert len(index.sentence_rows) == len(index.chunks)
                seen.add(len(index.articles))
            except Exception as e:  # any failure to read is what this test looks for
                errors.append(e)

    reader = threading.Thread(target=read_loop)
    reader.start()
    try:
        for i in range(5):
            add_articles([Article(f"n{i}", f"新文章{i}", f"第{i}篇新文章，讲的是幼儿园改造。")], settings=settings)
    finally:
        stop.set()
        reader.join()
    assert errors == []
    assert seen <= {1, 2, 3, 4, 5, 6} and max(seen) >= 5


def test_index_add_with_a_malformed_file_writes_nothing(page_settings, tmp_path):
    import shutil

    from qa.pipeline import add_articles

    index_dir = tmp_path / "copy"
    shutil.copytree(page_settings.index_dir, index_dir)
    before = (index_dir / CURRENT).read_text()
    bad = _write(tmp_path / "more.jsonl", '{"id": "n1", "title": "新", "text": "新文章。"}\n{broken')
    with pytest.raises(MalformedRecordError, match="more.jsonl, line 2"):
        add_articles(read_articles([bad]), settings=page_settings.__class__(index_dir=index_dir))
    assert (index_dir / CURRENT).read_text() == before and len(load(index_dir).articles) == 13


def test_kill_during_remove_leaves_previous_index_intact(page_settings, tmp_path):
    import shutil

    index_dir = tmp_path / "copy"
    shutil.copytree(page_settings.index_dir, index_dir)
    before = (index_dir / CURRENT).read_text()
    victim = next(iter(load(index_dir).articles))
    code = _run_killed(f"""
        import os, signal
        import qa.store as store
        from qa.config import Settings
        from qa.pipeline import remove_articles
        def die(folder):
            os.kill(os.getpid(), signal.SIGKILL)
        store._fsync_tree = die
        remove_articles([{victim!r}], settings=Settings(index_dir={str(index_dir)!r}))
    """, tmp_path)
    assert code == -9
    assert (index_dir / CURRENT).read_text() == before
    assert victim in load(index_dir).articles
