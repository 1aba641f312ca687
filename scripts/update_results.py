"""Re-run the eval set and the CMRC 2018 benchmark, and rewrite the results table in README.md.

    python scripts/update_results.py [--cmrc ../shared/data/cmrc2018_trial.json]

Builds index/default from corpus/ and index/cmrc from the CMRC paragraphs if they are missing or
were built with other sentence and word rules (`qa.text.TEXT_RULES`; the CMRC build takes about five
minutes on two cores), writes the full reports to eval/runs/{bundled,cmrc}/,
copies each report and its plots to docs/eval/, and replaces the text between the README's
`<!-- results:start -->` and `<!-- results:end -->` markers."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.cli import main as qa  # noqa: E402  (after the path is set)
from qa.config import BUNDLED_CORPUS, BUNDLED_SOURCE  # noqa: E402

START, END = "<!-- results:start -->", "<!-- results:end -->"
COLUMNS = [("n", "n_cases", None), ("answer contains gold", "contains_gold", "%"), ("EM", "em", ""),
           ("F1", "f1", ""), ("1st citation right", "citation_correct", "%"), ("gold article R@1", "recall_at_k", "%1"),
           ("R@5", "recall_at_k", "%5"), ("refusal P", "refusal_precision", "%"), ("refusal R", "refusal_recall", "%"),
           ("median ms", "latency_median_ms", ""), ("p95 ms", "latency_p95_ms", "")]


def _cell(metrics: dict, key: str, kind: str | None) -> str:
    value = metrics.get(key)
    if kind and kind.startswith("%") and len(kind) > 1:
        value = value[int(kind[1:]) - 1] if value else None
    if value is None:
        return "–"
    if kind is None:
        return str(value)
    return f"{100 * value:.1f}%" if kind.startswith("%") else f"{value:.1f}"


def table(runs: dict[str, dict]) -> str:
    lines = ["| set · mode | " + " | ".join(c[0] for c in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for name, metrics in runs.items():
        for mode, by_mode in metrics["by_mode"].items():
            lines.append(f"| {name} · {mode} | " + " | ".join(_cell(by_mode, k, kind) for _, k, kind in COLUMNS) + " |")
    run = next(iter(runs.values()))["run"]
    machine = run["machine"]
    lines.append("")
    lines.append(f"Run {run['date'][:16].replace('T', ' ')} UTC on {machine['platform']}, {machine['n_cpus']} CPUs, "
                 f"embedder `{run['embedder_id']}`, top_k {run['top_k']}, refusal threshold {run['min_confidence']}. "
                 "Regenerate with `python scripts/update_results.py`.")
    return "\n".join(lines)


def _built_by_other_rules(index_dir: Path) -> bool:
    """Whether the index there was cut into sentences and words by rules other than the current ones."""
    from qa.errors import QAError
    from qa.store import current_generation, read_manifest
    from qa.text import TEXT_RULES

    try:  # the manifest alone: loading the whole index to read one field would take seconds
        return read_manifest(current_generation(index_dir)).text_rules != TEXT_RULES
    except QAError:  # missing or unreadable: the eval builds it or says what is wrong
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmrc", type=Path, default=ROOT.parent / "shared" / "data" / "cmrc2018_trial.json")
    args = parser.parse_args()
    runs = {}
    if _built_by_other_rules(ROOT / "index" / "default"):  # index/cmrc: `qa eval --cmrc` rebuilds it itself
        code = qa(["index", "build", "--corpus", str(BUNDLED_CORPUS), "--source", BUNDLED_SOURCE])
        if code:
            return code
    out = ROOT / "eval" / "runs" / "bundled"
    code = qa(["eval", "--out", str(out), "--corpus", str(BUNDLED_CORPUS), "--source", BUNDLED_SOURCE])
    if code:
        return code
    runs["our eval set (116 q.)"] = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    if args.cmrc.is_file():
        out = ROOT / "eval" / "runs" / "cmrc"
        code = qa(["eval", "--cmrc", str(args.cmrc), "--out", str(out)])
        if code:
            return code
        runs["CMRC 2018 trial (open)"] = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    for name in ("bundled", "cmrc"):
        src, dst = ROOT / "eval" / "runs" / name, ROOT / "docs" / "eval" / name
        if src.is_dir():
            dst.mkdir(parents=True, exist_ok=True)
            for path in [src / "report.md", src / "metrics.json", *src.glob("*.png")]:
                shutil.copy2(path, dst / path.name)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{table(runs)}\n{END}{tail}", encoding="utf-8")
    print(table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
