"""Counts of an eval run's cases.jsonl as eval/dev/README.md gives them: right (an answer that holds a gold answer and
is at most twice its length + 6 characters; a near miss refused), answerable questions whose answer holds a gold
answer, near misses refused. Only counts are printed, so that a set can be run blind; `--ids` adds the right ones.

    python scripts/judge.py eval/runs/<run>/cases.jsonl [--ids]
"""
import json
import sys


def counts(cases_path: str) -> tuple[int, int, int, int, list[str]]:
    """(right, answerable answers holding a gold answer, answerable questions, near misses refused, right case ids) of
    the hybrid mode's cases."""
    right, holding, answerable, refused, right_ids = 0, 0, 0, 0, []
    with open(cases_path, encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if case["mode"] != "hybrid":
                continue
            got = "".join(case["got"].split())
            golds = ["".join(gold.split()) for gold in case["answers"]]
            if case["answerable"]:
                answerable += 1
                holding += case["answered"] and any(gold in got for gold in golds)
                is_right = case["answered"] and any(gold in got and len(got) <= 2 * len(gold) + 6 for gold in golds)
            else:
                is_right = not case["answered"]
                refused += is_right
            right += is_right
            right_ids += [case["case_id"]] if is_right else []
    return right, holding, answerable, refused, right_ids


if __name__ == "__main__":
    right, holding, answerable, refused, right_ids = counts(sys.argv[1])
    print(f"right {right}, answerable holding gold {holding}/{answerable}, near misses refused {refused}")
    if "--ids" in sys.argv[2:]:
        print(" ".join(right_ids))
