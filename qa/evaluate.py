"""Evaluation: metrics as pure functions, the eval-set and CMRC loaders, the runner, its report and plots."""
from __future__ import annotations

import datetime
import difflib
import json
import logging
import os
import platform
import re
import statistics
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
from tqdm import tqdm

from qa.errors import QAError
from qa.retrieve import Mode
from qa.text import sentence_spans, to_simplified
from qa.types import Answer, Article

log = logging.getLogger(__name__)

MAX_K = 10  # recall@k is reported for k = 1 … MAX_K
CMRC_SOURCE = "CMRC 2018 trial (CC BY-SA 4.0)"
CMRC_REFERENCE = ("Published reference: BERT-base Chinese reading the gold paragraph scores EM 63.5 / F1 83.6 "
                  "on CMRC 2018 dev. Our setting is open: the paragraph must first be found among all of them.")
VERDICTS = ("right", "wrong_answer_right_source", "wrong_source")


class EvalSetError(QAError):
    """An eval-set record is malformed or its gold sentence matches no article."""


# ---- metrics: pure functions ------------------------------------------------------------------
# CMRC's script drops these (its `sp_char`), ASCII symbols among them; we also drop every Unicode
# punctuation character (category P*), except a decimal point inside a number and `%`, which it keeps.
_CMRC_SP_CHAR = frozenset("-:_*^/\\~`+=，。：？！“”；’《》…·、「」（）－～『』")
_TOKEN = re.compile(r"[^\W_\u4e00-\u9fa5]+(?:\.[^\W_\u4e00-\u9fa5]+)*|[^\s.]")


def answer_tokens(text: str) -> list[str]:
    """CMRC 2018's segmentation: lower-cased, punctuation and white space removed, one token per
    Chinese character and one per run of other letters or digits ("600多万" → 600 多 万). Unlike
    CMRC's script, a dropped punctuation mark separates runs ("a,b" → a b, not ab)."""
    return _TOKEN.findall("".join(ch if ch in ".%％" or not (ch in _CMRC_SP_CHAR or unicodedata.category(ch)[0] == "P")
                                  else " " for ch in text.lower()))


def normalize_answer(text: str) -> str:
    return "".join(answer_tokens(text))  # EM compares these: whitespace, case and punctuation do not count


def longest_common_substring(a: Sequence, b: Sequence) -> int:
    """Length of the longest common *contiguous* run: what CMRC's `find_lcs` computes despite its name.
    (SequenceMatcher without junk heuristics finds exactly that run.)"""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def exact_match(prediction: str, golds: Sequence[str]) -> float:
    """1.0 when the normalised prediction equals some normalised gold answer, else 0.0."""
    return float(any(normalize_answer(prediction) == normalize_answer(g) for g in golds))


def char_f1(prediction: str, golds: Sequence[str]) -> float:
    """CMRC 2018's F1 in [0, 1], the best over the gold answers: with l the longest common substring
    of the token lists, precision = l / len(prediction), recall = l / len(gold)."""
    pred, best = answer_tokens(prediction), 0.0
    for gold in map(answer_tokens, golds):
        common = longest_common_substring(gold, pred)
        if common:
            precision, recall = common / len(pred), common / len(gold)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def contains_gold(prediction: str, golds: Sequence[str]) -> bool:
    """The normalised prediction contains some (non-empty) normalised gold answer."""
    pred = normalize_answer(prediction)
    return bool(pred) and any((g := normalize_answer(gold)) and g in pred for gold in golds)


def squash(text: str) -> str:
    return "".join(text.split())  # how gold sentences are found in article texts: spaces do not count


def gold_rank(ranked_ids: Sequence[str], gold_ids: Iterable[str]) -> int | None:
    """1-based rank of the first gold id among the distinct ids, in order; None when absent."""
    gold = set(gold_ids)
    return next((rank for rank, i in enumerate(dict.fromkeys(ranked_ids), 1) if i in gold), None)


def recall_at_k(ranks: Sequence[int | None], top_k: int) -> float | None:
    """Share of questions whose gold is at rank ≤ top_k (None = not found); None for no questions."""
    return sum(r is not None and r <= top_k for r in ranks) / len(ranks) if ranks else None


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float | None:
    return sum(1 / r for r in ranks if r) / len(ranks) if ranks else None


def citation_correct(sentence: str | None, gold_sentence: str | None, golds: Sequence[str]) -> bool:
    """The (first) cited sentence is the gold sentence, normalised equal or either containing the
    other, or it contains a gold answer."""
    cited, gold = normalize_answer(sentence or ""), normalize_answer(gold_sentence or "")
    return bool(cited and gold and (cited in gold or gold in cited)) or contains_gold(sentence or "", golds)


def refusal_precision_recall(refused: Sequence[bool], answerable: Sequence[bool]) -> tuple[float | None, float | None]:
    """Refusal is the positive class: precision = refused ∧ unanswerable / refused,
    recall = refused ∧ unanswerable / unanswerable (None when the denominator is 0)."""
    hits = sum(r and not a for r, a in zip(refused, answerable))
    n_refused, n_unanswerable = sum(refused), sum(not a for a in answerable)
    return (hits / n_refused if n_refused else None), (hits / n_unanswerable if n_unanswerable else None)


def latency_summary(latencies_ms: Sequence[float]) -> tuple[float | None, float | None]:
    """(median, 95th percentile, linear interpolation) in ms."""
    if not latencies_ms:
        return None, None
    return float(statistics.median(latencies_ms)), float(np.percentile(latencies_ms, 95))


# ---- eval cases -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EvalCase:
    """One question of an eval set, with its accepted answers and where its answer is."""

    case_id: str
    question: str
    history: tuple[str, ...]
    answers: tuple[str, ...]
    answerable: bool
    category: str
    tags: tuple[str, ...]
    gold_article_ids: tuple[str, ...]
    gold_sentence: str | None


def _gold_article_ids(record: dict, articles: Sequence[Article], where: str) -> tuple[str, ...]:
    sentence, title = record.get("gold_sentence"), record.get("gold_title")
    candidates = [a for a in articles if title is None or squash(a.title) == squash(title)]
    if title is not None and not candidates:
        raise EvalSetError(f"{where}: gold_title {title!r} is no article's title; fix the title or index that article")
    if sentence is None:
        return tuple(a.article_id for a in candidates) if title is not None else ()
    found = tuple(a.article_id for a in candidates if squash(sentence) in squash(a.text))
    if not found:
        raise EvalSetError(f"{where}: gold_sentence {sentence[:40]!r}… occurs in no article"
                           f"{' titled ' + repr(title) if title else ''}; fix the sentence or index that article")
    return found


def load_cases(path: str | Path, articles: Mapping[str, Article] | Iterable[Article]) -> list[EvalCase]:
    """Cases from an eval set in the format of eval/questions.jsonl, gold titles and sentences resolved
    to the ids of the `articles` that hold them. Records tagged `needs_gold` are skipped."""
    articles = list(articles.values()) if isinstance(articles, Mapping) else list(articles)
    cases = []
    for n_line, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}, line {n_line}"
        try:
            r = json.loads(line)
            if "needs_gold" in r.get("tags", ()):
                log.warning("%s: tagged needs_gold; skipped until someone fills in its gold answer", where)
                continue
            if not any(ch.isalnum() for ch in r["question"]):
                raise EvalSetError(f"{where}: the question {r['question']!r} has no words; write one or drop it")
            cases.append(EvalCase(
                case_id=str(r["id"]), question=r["question"], history=tuple(r.get("history") or ()),
                answers=tuple(r.get("answers") or ()), answerable=bool(r["answerable"]),
                category=r.get("category") or "unlabelled", tags=tuple(r.get("tags") or ()),
                gold_article_ids=_gold_article_ids(r, articles, where), gold_sentence=r.get("gold_sentence")))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
            raise EvalSetError(f"{where}: not a valid eval record ({e!r}); see eval/README.md for the format") from e
    return cases


def cmrc_to_eval(path: str | Path) -> tuple[list[Article], list[EvalCase]]:
    """CMRC 2018 (SQuAD-style JSON) as one Article per paragraph, its text exactly the context so that
    answer offsets stay valid, and one answerable EvalCase per question."""
    articles, cases = [], []
    for doc in json.loads(Path(path).read_text(encoding="utf-8"))["data"]:
        for paragraph in doc["paragraphs"]:
            context, paragraph_id = paragraph["context"], str(paragraph["id"])
            articles.append(Article(article_id=paragraph_id, title=doc.get("title") or context[:20], text=context,
                                    source=CMRC_SOURCE))
            spans = sentence_spans(context)
            for qa in paragraph["qas"]:
                if not any(ch.isalnum() for ch in qa["question"]):  # the trial split has two empty questions
                    log.warning("%s: question %s is empty; skipped", path, qa["id"])
                    continue
                gold, start = qa["answers"][0], qa["answers"][0]["answer_start"]
                if context[start:start + len(gold["text"])] != gold["text"]:
                    # The offsets count UTF-16 units: a character beyond the BMP shifts them by one.
                    found = [m.start() for m in re.finditer(re.escape(gold["text"]), context)]
                    start = min(found, key=lambda s: abs(s - start)) if found else start
                covering = [s for s in spans if s[1] > start and s[0] < start + len(gold["text"])] or [spans[-1]]
                cases.append(EvalCase(
                    case_id=str(qa["id"]), question=qa["question"], history=(),
                    answers=tuple(dict.fromkeys(a["text"].strip() for a in qa["answers"])), answerable=True,
                    category="cmrc", tags=(), gold_article_ids=(paragraph_id,),
                    gold_sentence=context[covering[0][0]:covering[-1][1]]))
    return articles, cases


def feedback_to_cases(feedback_jsonl_path: str | Path) -> list[dict]:
    """Eval-set records (eval/questions.jsonl format) from the web chat's staff feedback log. Only a
    "right" verdict yields a gold answer; the others are tagged `needs_gold` for an evaluator."""
    records = []
    for n_line, line in enumerate(Path(feedback_jsonl_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            f = json.loads(line)
            question, history, verdict = f["question"], list(f.get("history") or []), f["verdict"]
            if not (isinstance(question, str) and question.strip() and verdict in VERDICTS
                    and all(isinstance(h, str) for h in history)):
                raise ValueError(f"needs a question, a list of earlier questions and a verdict in {VERDICTS}")
            right = verdict == "right"  # a right refusal: unanswerable; the other verdicts expect an answer
            answerable = bool(f["answerable"]) if right else True
            answers = [f["answer"]] if right and answerable else []
            first = (f.get("citations") or [None])[0] if answerable and verdict != "wrong_source" else None
            gold_title, gold_sentence = (first["title"], first["sentence"]) if first else (None, None)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
            log.warning("%s, line %d: skipped, not a feedback record (%s)", feedback_jsonl_path, n_line, e)
            continue
        tags = (["traditional"] if to_simplified(question) != question else []) + (["followup"] if history else [])
        records.append({
            "id": f"fb{len(records) + 1:03d}", "question": question, "history": history, "answers": answers,
            "gold_title": gold_title, "gold_sentence": gold_sentence, "category": "unlabelled",
            "answerable": answerable, "tags": tags + ([] if right else ["needs_gold"]), "note": f.get("comment") or ""})
    return records


# ---- the runner -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaseResult:
    """One case asked in one retrieval mode, its answer, and how it scored (None: does not apply)."""

    case: EvalCase
    mode: str
    answer: Answer
    correct: bool  # answerable: answered with an exact or containing match; unanswerable: refused
    em: float | None
    f1: float | None
    contains_gold: bool | None
    citation_correct: bool | None
    cited_sentence_contains_gold: bool | None
    hit_rank: int | None       # gold article's rank among the hits' distinct articles
    citation_rank: int | None  # … among the citations' distinct articles


def score_case(case: EvalCase, answer: Answer, mode: str) -> CaseResult:
    got = answer.text if answer.answerable else ""
    first = answer.citations[0].sentence if answer.citations else None
    gold = case.answerable and bool(case.answers)
    em = exact_match(got, case.answers) if gold else None
    contains = contains_gold(got, case.answers) if gold else None
    return CaseResult(
        case=case, mode=mode, answer=answer, correct=bool(em or contains) if case.answerable else not answer.answerable,
        em=em, f1=char_f1(got, case.answers) if gold else None, contains_gold=contains,
        citation_correct=citation_correct(first, case.gold_sentence, case.answers) if case.answerable else None,
        cited_sentence_contains_gold=contains_gold(first or "", case.answers) if gold else None,
        hit_rank=gold_rank([h.chunk.article_id for h in answer.hits], case.gold_article_ids),
        citation_rank=gold_rank([c.article_id for c in answer.citations], case.gold_article_ids))


@dataclass(frozen=True, slots=True)
class GroupMetrics:
    """Aggregates over a group of results. EM and F1 are 0–100 (CMRC's scale), rates 0–1;
    answer and citation metrics are over answerable cases, a refusal scoring as an empty answer."""

    n_cases: int
    n_answerable: int
    accuracy: float | None
    em: float | None
    f1: float | None
    contains_gold: float | None
    citation_correct: float | None
    cited_sentence_contains_gold: float | None
    refusal_rate: float | None
    refusal_precision: float | None
    refusal_recall: float | None
    recall_at_k: tuple[float | None, ...]           # hits, k = 1 … MAX_K
    mrr: float | None
    citation_recall_at_k: tuple[float | None, ...]  # citations, k = 1 … MAX_K
    latency_median_ms: float | None
    latency_p95_ms: float | None


def _mean(values: Iterable, *, scale: float = 1.0) -> float | None:
    values = [float(v) for v in values if v is not None]
    return scale * sum(values) / len(values) if values else None


def aggregate(results: Sequence[CaseResult]) -> GroupMetrics:
    answerable = [r for r in results if r.case.answerable]
    ranked = [r for r in answerable if r.case.gold_article_ids]
    hit_ranks, citation_ranks = [r.hit_rank for r in ranked], [r.citation_rank for r in ranked]
    refused = [not r.answer.answerable for r in results]
    precision, recall = refusal_precision_recall(refused, [r.case.answerable for r in results])
    median, p95 = latency_summary([r.answer.latency_ms for r in results])
    return GroupMetrics(
        n_cases=len(results), n_answerable=len(answerable), accuracy=_mean(r.correct for r in results),
        em=_mean((r.em for r in answerable), scale=100), f1=_mean((r.f1 for r in answerable), scale=100),
        contains_gold=_mean(r.contains_gold for r in answerable),
        citation_correct=_mean(r.citation_correct for r in answerable),
        cited_sentence_contains_gold=_mean(r.cited_sentence_contains_gold for r in answerable),
        refusal_rate=_mean(refused), refusal_precision=precision, refusal_recall=recall,
        recall_at_k=tuple(recall_at_k(hit_ranks, k) for k in range(1, MAX_K + 1)), mrr=mean_reciprocal_rank(hit_ranks),
        citation_recall_at_k=tuple(recall_at_k(citation_ranks, k) for k in range(1, MAX_K + 1)),
        latency_median_ms=median, latency_p95_ms=p95)


@dataclass(frozen=True)
class EvalResult:
    """Every case result and the aggregates: per mode, and per category and tag for the first mode."""

    results: tuple[CaseResult, ...]
    primary_mode: str
    by_mode: Mapping[str, GroupMetrics]
    by_category: Mapping[str, GroupMetrics]
    by_tag: Mapping[str, GroupMetrics]
    run_info: Mapping

    @property
    def primary_results(self) -> list[CaseResult]:
        return [r for r in self.results if r.mode == self.primary_mode]


def run_eval(assistant, cases: Sequence[EvalCase], *, modes: Sequence[str] = ("hybrid", "dense", "bm25"),
             out_dir: Path | None = None, show_progress: bool = False, top_k: int | None = None) -> EvalResult:
    """Ask every case in every mode (`assistant` is a `qa.pipeline.Assistant`), score it, and when
    `out_dir` is given write metrics.json, report.md, cases.jsonl and the plots there."""
    parsed = [Mode.parse(m) for m in modes]  # fail on a bad mode before any question is asked
    if not parsed:
        raise ValueError("modes is empty; give at least one of " + ", ".join(m.value for m in Mode))
    if cases:  # one untimed question first: loading jieba's dictionary is not a question's latency
        assistant.ask(cases[0].question, history=cases[0].history, mode=parsed[0], top_k=top_k)
    results = []
    with tqdm(total=len(cases) * len(parsed), disable=not show_progress, desc="eval", unit="question") as bar:
        for mode in parsed:
            for case in cases:
                answer = assistant.ask(case.question, history=case.history, mode=mode, top_k=top_k)
                results.append(score_case(case, answer, mode.value))
                bar.update()
    primary = [r for r in results if r.mode == parsed[0].value]
    run_info = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                "machine": {"platform": platform.platform(), "python": platform.python_version(),
                            "n_cpus": os.cpu_count()},
                "index": asdict(assistant.stats), "embedder_id": assistant.stats.embedder_id, "n_cases": len(cases),
                "modes": [m.value for m in parsed], "top_k": top_k or assistant.settings.top_k,
                "min_confidence": assistant.settings.min_confidence}
    result = EvalResult(
        results=tuple(results), primary_mode=parsed[0].value,
        by_mode={m.value: aggregate([r for r in results if r.mode == m.value]) for m in parsed},
        by_category={c: aggregate([r for r in primary if r.case.category == c])
                     for c in sorted({r.case.category for r in primary})},
        by_tag={t: aggregate([r for r in primary if t in r.case.tags])
                for t in sorted({t for r in primary for t in r.case.tags})},
        run_info=run_info)
    if out_dir is not None:
        write_outputs(result, Path(out_dir))
    return result


# ---- outputs ----------------------------------------------------------------------------------
def write_outputs(result: EvalResult, out_dir: Path) -> None:
    """metrics.json, cases.jsonl (one line per case and mode), report.md and the plots, into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics = {"run": dict(result.run_info), "primary_mode": result.primary_mode,
               "overall": asdict(result.by_mode[result.primary_mode]),
               **{key: {name: asdict(g) for name, g in getattr(result, key).items()}
                  for key in ("by_mode", "by_category", "by_tag")}}
    (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
    with open(out_dir / "cases.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(case_record(r), ensure_ascii=False) + "\n" for r in result.results)
    (out_dir / "report.md").write_text(render_report(result), encoding="utf-8")
    write_plots(result, out_dir)


def case_record(r: CaseResult) -> dict:
    """The cases.jsonl line: the case, what the assistant said, and the scores."""
    a = r.answer
    return {**asdict(r.case), "mode": r.mode, "got": a.text, "answered": a.answerable, "confidence": a.confidence,
            "refusal_reason": a.refusal_reason, "latency_ms": a.latency_ms,
            "citations": [asdict(c) for c in a.citations],
            "hit_article_ids": list(dict.fromkeys(h.chunk.article_id for h in a.hits)),
            **{f.name: getattr(r, f.name) for f in fields(r) if f.name not in ("case", "mode", "answer")}}


def _fmt(value, *, percent: bool = True) -> str:
    return "–" if value is None else f"{100 * value:.1f}" if percent else f"{value:.1f}"


_COLUMNS = ("n", "accuracy %", "EM", "F1", "contains gold %", "citation ok %", "R@1 %", "R@5 %", "MRR",
            "refusal P %", "refusal R %", "median ms", "p95 ms")


def _table(first: str, rows: Mapping[str, GroupMetrics]) -> list[str]:
    def cells(g: GroupMetrics) -> list[str]:
        return [str(g.n_cases), _fmt(g.accuracy), _fmt(g.em, percent=False), _fmt(g.f1, percent=False),
                _fmt(g.contains_gold), _fmt(g.citation_correct), _fmt(g.recall_at_k[0]), _fmt(g.recall_at_k[4]),
                "–" if g.mrr is None else f"{g.mrr:.3f}", _fmt(g.refusal_precision), _fmt(g.refusal_recall),
                _fmt(g.latency_median_ms, percent=False), _fmt(g.latency_p95_ms, percent=False)]

    return [f"| {first} | " + " | ".join(_COLUMNS) + " |", "|---" + "|---:" * len(_COLUMNS) + "|",
            *(f"| {name} | " + " | ".join(cells(g)) + " |" for name, g in rows.items()), ""]


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _failures(title: str, results: Sequence[CaseResult]) -> list[str]:
    lines = [f"{title} ({len(results)})", ""]
    for r in results:
        c, a = r.case, r.answer
        lines.append(f"- **{c.case_id}** ({', '.join((c.category, *c.tags))}) {_one_line(c.question)}")
        if c.history:
            lines.append(f"  - history: {' → '.join(_one_line(h) for h in c.history)}")
        lines.append(f"  - expected: {' / '.join(c.answers) or '(refusal)'} — got: {_one_line(a.text) or '(refusal)'}"
                     f" (confidence {a.confidence:.2f}{', ' + a.refusal_reason if a.refusal_reason else ''})")
        lines += [f"  - cited {i}: 《{_one_line(x.title)}》 {_one_line(x.sentence)}"
                  for i, x in enumerate(a.citations[:2], 1)]
    return lines + [""]


def render_report(result: EvalResult) -> str:
    info, overall = result.run_info, result.by_mode[result.primary_mode]
    lines = ["# Evaluation report", "",
             f"{info.get('date', '')} · {info.get('n_cases')} cases · embedder `{info.get('embedder_id')}` · "
             f"top_k {info.get('top_k')} · min_confidence {info.get('min_confidence')} · "
             f"{info.get('machine', {}).get('platform')} ({info.get('machine', {}).get('n_cpus')} CPUs)", "",
             "EM and F1 follow CMRC 2018 (0–100, refusal = empty answer); other columns are percentages. "
             "*accuracy*: answered with an exact or containing match, or rightly refused. "
             "*R@k*: gold article among the top k distinct articles of the hits.", "",
             f"## Summary ({result.primary_mode})", "", *_table("set", {"all": overall})]
    if any(r.case.category == "cmrc" for r in result.results):
        # A gold answer that runs over several sentences is in no single one: the line below cannot reach 100.
        single = _mean(len(sentence_spans(r.case.gold_sentence)) == 1
                       for r in result.primary_results if r.case.category == "cmrc" and r.case.gold_sentence)
        lines += ["## CMRC 2018 (official metrics)", "",
                  f"- EM {_fmt(overall.em, percent=False)} · F1 {_fmt(overall.f1, percent=False)}",
                  f"- first cited sentence contains a gold answer: {_fmt(overall.cited_sentence_contains_gold)} % "
                  f"(the first gold answer lies within one sentence for {_fmt(single)} %: the most this can reach)",
                  f"- gold paragraph in top-5 citations: {_fmt(overall.citation_recall_at_k[4])} % · "
                  f"in top-5 hits: {_fmt(overall.recall_at_k[4])} % · top-1 hit: {_fmt(overall.recall_at_k[0])} %",
                  f"- refusal rate (every question is answerable): {_fmt(overall.refusal_rate)} %",
                  f"- {CMRC_REFERENCE}", ""]
    lines += ["## Ablation by retrieval mode", "", *_table("mode", result.by_mode)]
    if len(result.by_category) > 1:
        lines += [f"## By category ({result.primary_mode})", "", *_table("category", result.by_category)]
    if result.by_tag:
        lines += [f"## By tag ({result.primary_mode})", "", *_table("tag", result.by_tag)]
    outcome = {key: [] for key in ((True, True), (True, False), (False, True), (False, False))}
    for r in result.primary_results:  # (should answer, did answer) → results
        outcome[r.case.answerable, r.answer.answerable].append(r)
    lines += _failures("## Wrong answers", [r for r in outcome[True, True] if not r.correct])
    lines += ["## Refusal errors", "", *_failures("### Refused, though answerable", outcome[True, False])]
    lines += _failures("### Answered, though unanswerable", outcome[False, True])
    return "\n".join(lines)


def write_plots(result: EvalResult, out_dir: Path) -> None:
    """recall_at_k.png, confidence.png and latency.png, drawn by Agg with English labels (no CJK font needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    primary, ks, threshold = result.primary_results, list(range(1, MAX_K + 1)), result.run_info["min_confidence"]
    axes = {name: Figure(figsize=(6, 4)).add_subplot() for name in ("recall_at_k", "confidence", "latency")}
    ax = axes["recall_at_k"]
    for mode, g in result.by_mode.items():
        ax.plot(ks, [np.nan if v is None else v for v in g.recall_at_k], marker="o", label=mode)
    ax.set(xlabel="k (distinct articles among the hits)", ylabel="recall@k", ylim=(0, 1.02), xticks=ks,
           title=f"Gold article in the top k (top_k = {result.run_info.get('top_k')})")
    ax = axes["confidence"]
    groups = {"answerable, correct": [r.answer.confidence for r in primary if r.case.answerable and r.correct],
              "answerable, wrong": [r.answer.confidence for r in primary if r.case.answerable and not r.correct],
              "unanswerable": [r.answer.confidence for r in primary if not r.case.answerable]}
    ax.hist(list(groups.values()), bins=np.linspace(0, 1, 21), color=["tab:green", "tab:red", "tab:gray"],
            label=[f"{name} ({len(values)})" for name, values in groups.items()])
    ax.axvline(threshold, color="black", linestyle="--", label=f"refusal threshold {threshold}")
    ax.set(xlabel="confidence", ylabel="questions", title=f"Confidence vs correctness ({result.primary_mode})")
    ax, latencies = axes["latency"], [r.answer.latency_ms for r in primary]
    ax.hist(latencies, bins=30, color="tab:blue")
    median, p95 = latency_summary(latencies)
    if median is not None:
        ax.axvline(median, color="black", linestyle="--", label=f"median {median:.0f} ms")
        ax.axvline(p95, color="tab:red", linestyle="--", label=f"p95 {p95:.0f} ms")
    ax.set(xlabel="latency (ms)", ylabel="questions", title=f"Latency per question ({result.primary_mode})")
    for name, ax in axes.items():
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend()
        FigureCanvasAgg(ax.figure)  # Agg without pyplot: no global backend switch, no figure registry to leak
        ax.figure.tight_layout()
        ax.figure.savefig(out_dir / f"{name}.png", dpi=120)
