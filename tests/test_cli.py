"""The `qa` command: exit codes, messages and the batch JSON format, run as a real subprocess."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PAGE, PAGE_DATE, PAGE_SOURCE

ROOT = Path(__file__).resolve().parent.parent
BATCH_FIELDS = {"id", "question", "answer", "answerable", "confidence", "citations", "hits", "latency_ms"}


def qa(*args, timeout=300):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "qa.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=str(ROOT))


def test_ingest_prints_jsonl_with_source_and_date():
    result = qa("ingest", PAGE, "--source", PAGE_SOURCE, "--date", PAGE_DATE)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 13
    assert all(r["source"] == PAGE_SOURCE and r["date"] == PAGE_DATE and r["id"] and r["text"] for r in records)


def test_output_cut_short_by_its_reader_is_no_traceback():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = f"{sys.executable} -m qa.cli ingest {PAGE} | head -c 100"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, env=env,
                            cwd=str(ROOT))
    assert len(result.stdout.encode()) == 100 and "Traceback" not in result.stderr, result.stderr


def test_ask_text_json_and_batch(page_settings, tmp_path):
    index = page_settings.index_dir
    text = qa("ask", "--index", index, "颐高集团的总裁叫什么名字？")
    assert text.returncode == 0, text.stderr
    assert "郑明伟" in text.stdout and "[1]" in text.stdout

    one = json.loads(qa("ask", "--index", index, "--json", "颐高集团的总裁叫什么名字？").stdout)
    assert BATCH_FIELDS <= set(one) and one["answerable"] and "郑明伟" in one["answer"]
    assert set(one["citations"][0]) == {"article_id", "title", "date", "sentence", "start", "end", "score"}

    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "1", "question": "颐高集团在全国布局了多少个产业园区？"},
        {"id": "2", "question": "它服务了多少家创业公司？", "history": ["颐高集团在全国布局了多少个产业园区？"]},
        {"id": "3", "question": "？？"},
    ]), encoding="utf-8")
    batch = qa("ask", "--index", index, "--questions", questions, "--json")
    assert batch.returncode == 0, batch.stderr
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [r["id"] for r in lines] == ["1", "2", "3"]
    assert all(BATCH_FIELDS <= set(r) for r in lines)
    assert "颐高集团" in lines[1]["resolved_question"]
    assert lines[2]["answerable"] is False and "error" in lines[2]
    assert set(lines[0]) <= set(lines[2])  # the error line keeps every field of the stable schema


def test_index_build_add_rebuild_remove_stats(tmp_path):
    from qa.store import current_generation

    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "x1", "title": "测试", "text": "晋纺小区改造工程涉及住户36户。"}\n', encoding="utf-8")
    index = tmp_path / "idx"
    assert qa("index", "build", "--corpus", jsonl, "--index", index).returncode == 0
    more = tmp_path / "b.jsonl"
    more.write_text('{"id": "x2", "title": "测试二", "text": "颐高集团总裁郑明伟参加座谈。"}\n', encoding="utf-8")
    added = qa("index", "add", "--corpus", jsonl, more, "--index", index)
    assert added.returncode == 0 and "新增 1 篇" in added.stdout
    stats = json.loads(qa("index", "stats", "--index", index, "--json").stdout)
    assert stats["n_articles"] == 2
    before = current_generation(index)
    rebuilt = qa("index", "rebuild", "--index", index)
    assert rebuilt.returncode == 0 and "2 篇文章" in rebuilt.stdout and current_generation(index) != before
    removed = qa("index", "remove", "x1", "nope", "--index", index)
    assert removed.returncode == 1 and "nope" in removed.stderr
    assert json.loads(qa("index", "stats", "--index", index, "--json").stdout)["n_articles"] == 1


@pytest.mark.parametrize("args, code, message", [
    (["ask", "--index", "/nonexistent/idx", "问题"], 1, "no index at /nonexistent/idx"),
    (["ingest", "/nonexistent/file.txt"], 1, "/nonexistent/file.txt"),
    (["ask", "--mode", "sparse", "--index", "/nonexistent", "问题"], 2, "sparse"),
    (["index", "build", "--corpus", PAGE, "--date", "2023-13-45", "--index", "/tmp/never"], 2, "2023-13-45"),
    (["frobnicate"], 2, "invalid choice"),
])
def test_errors_are_messages_not_tracebacks(args, code, message):
    result = qa(*args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_jsonl_line_is_named_and_nothing_is_written(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "好", "text": "好的。"}\n{not json\n', encoding="utf-8")
    result = qa("index", "build", "--corpus", bad, "--index", tmp_path / "idx")
    assert result.returncode == 1 and "bad.jsonl" in result.stderr and "line 2" in result.stderr
    assert not (tmp_path / "idx" / "CURRENT").exists()


def test_a_bad_setting_is_named(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QA_TOP_K": "five"}
    result = subprocess.run([sys.executable, "-m", "qa.cli", "index", "stats"], capture_output=True, text=True,
                            env=env, cwd=str(ROOT), timeout=60)
    assert result.returncode == 2 and "QA_TOP_K of 'five'" in result.stderr and "Traceback" not in result.stderr


def test_a_cmrc_eval_rebuilds_an_index_cut_by_other_sentence_and_word_rules(tmp_path):
    from qa.store import current_generation
    from qa.text import TEXT_RULES

    index, cmrc = tmp_path / "idx", ROOT / "tests" / "data" / "eval_cmrc_tiny.json"
    assert qa("eval", "--cmrc", cmrc, "--index", index, "--out", tmp_path / "run1").returncode == 0
    built = current_generation(index)
    assert json.loads(qa("index", "stats", "--index", index, "--json").stdout)["text_rules"] == TEXT_RULES
    assert qa("eval", "--cmrc", cmrc, "--index", index, "--out", tmp_path / "run2").returncode == 0
    assert current_generation(index) == built  # the same paragraphs, the same rules: reused
    manifest = built / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "text_rules": 0}),
                        encoding="utf-8")
    assert qa("eval", "--cmrc", cmrc, "--index", index, "--out", tmp_path / "run3").returncode == 0
    assert current_generation(index) != built
    assert json.loads(qa("index", "stats", "--index", index, "--json").stdout)["text_rules"] == TEXT_RULES
