"""What the answer's confidence means: how often an answer is right at each confidence, and how the
refusal threshold fares on questions it was not chosen on.

    python scripts/calibration.py [--runs eval/runs]

Reads the hybrid-mode cases that `python scripts/update_results.py` writes (`eval/runs/bundled/` and
`eval/runs/cmrc/cases.jsonl`). An answer is right when the question is answerable and the answer, or
the sentence it was cut from, holds a gold answer. Prints, per set, the share of right answers in
confidence bins; then, on our eval set (the one with unanswerable questions), a 5-fold
cross-validation of the threshold: on four folds the threshold that maximises refusal precision +
recall is chosen, and the fifth is refused by it; precision and recall are summed over the held-out
folds."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.evaluate import refusal_precision_recall  # noqa: E402  (after the path is set)

BINS = (0.0, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0001)
THRESHOLDS = np.arange(0.20, 0.80, 0.01)


def hybrid_cases(path: Path) -> list[dict]:
    return [case for case in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if case["mode"] == "hybrid"]


def is_right(case: dict) -> bool:
    return bool(case["answerable"] and (case["contains_gold"] or case["cited_sentence_contains_gold"]))


def reliability(cases: list[dict]) -> list[str]:
    confidence = np.array([c["confidence"] for c in cases])
    right = np.array([is_right(c) for c in cases])
    cells = []
    for low, high in zip(BINS, BINS[1:]):
        inside = (confidence >= low) & (confidence < high)
        share = f"{right[inside].mean():.2f}" if inside.any() else "–"
        cells.append(f"[{low:.2f}, {min(high, 1.0):.2f}): {inside.sum()} questions, {share} right")
    return cells


def cross_validated_threshold(cases: list[dict], *, folds: int = 5, seed: int = 0) -> tuple[list[float], float, float]:
    confidence = np.array([c["confidence"] for c in cases])
    answerable = np.array([c["answerable"] for c in cases])

    def balanced(mask: np.ndarray, threshold: float) -> float:
        precision, recall = refusal_precision_recall(confidence[mask] < threshold, answerable[mask])
        return (precision or 0.0) + (recall or 0.0)

    chosen, refused = [], np.zeros(len(cases), dtype=bool)
    for held_out in np.array_split(np.random.default_rng(seed).permutation(len(cases)), folds):
        train = np.ones(len(cases), dtype=bool)
        train[held_out] = False
        threshold = float(max(THRESHOLDS, key=lambda t: balanced(train, t)))
        chosen.append(round(threshold, 2))
        refused[held_out] = confidence[held_out] < threshold
    # The held-out folds cover every question once: precision and recall over all of them.
    precision, recall = refusal_precision_recall(refused, answerable)
    return chosen, precision or 0.0, recall or 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=Path, default=ROOT / "eval" / "runs")
    args = parser.parse_args()
    for name in ("bundled", "cmrc"):
        path = args.runs / name / "cases.jsonl"
        if not path.is_file():
            print(f"{path} is missing: run python scripts/update_results.py first")
            return 1
        print(f"{name}: " + "; ".join(reliability(hybrid_cases(path))))
    chosen, precision, recall = cross_validated_threshold(hybrid_cases(args.runs / "bundled" / "cases.jsonl"))
    print(f"bundled, 5-fold threshold: chosen {chosen}; held-out refusal precision {precision:.3f}, recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
