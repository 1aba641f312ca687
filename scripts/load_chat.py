"""Load generator for the web chat: N concurrent users ask about the bundled page for D seconds, over loopback.

Each user is a thread with its own connection that asks the `/ask_json` endpoint, one request at a time,
cycling through a fixed list of questions about the bundled newspaper page, some of them follow-ups that
carry their earlier questions in `history_json`. Every answer is compared with the answer the server gave
to the same question before the load started (a request that fails, times out or comes back with another
answer is an error), and the latency of each request is measured at the client, queueing included.

Two kinds of user: `--client http` (default) speaks Gradio's queue API directly over one `httpx.Client`
per user (POST /gradio_api/call/ask_json, then read the event stream), which is what a script or a page
does and costs the load generator little CPU; `--client gradio` gives each user its own
`gradio_client.Client` (own session and heartbeat), which is heavier on the client side, so on a small
machine part of what it measures is the load generator itself.

    python scripts/load_chat.py                          # launch app.py's app in this process, 50 users, 60 s
    python scripts/load_chat.py --url http://127.0.0.1:7860/ --users 20 --duration 30 --out load.json

Bounded on purpose: at most 200 users and 600 s, 30 s per request, and only loopback URLs.
Exit code 0 when there was no error, 1 otherwise, 2 for bad arguments.
"""
from __future__ import annotations

import os

# Before gradio, gradio_client or huggingface_hub is imported: no version check, telemetry or Hub look-ups.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import argparse
import collections
import ipaddress
import json
import math
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_USERS = 200
MAX_DURATION_S = 600.0
REQUEST_TIMEOUT_S = 30.0
API_NAME = "/ask_json"

# Realistic questions about the bundled page (corpus/newspaper-page-2023-02.txt): (question, earlier questions).
QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("颐高集团的总裁是谁？", ()),
    ("晋纺小区改造涉及多少户？", ()),
    ("那总投资是多少？", ("晋纺小区改造涉及多少户？",)),
    ("区政府投资多少钱改造幼儿园？", ()),
    ("草莓采摘园在哪个村？", ()),
    ("王峰、孟明带队去上海、江苏考察乡村振兴是哪几天？", ()),
    ("考察团在上海参观了哪几个村？", ()),
    ("那在江苏去的是哪个村？", ("考察团在上海参观了哪几个村？",)),
    ("新安村以發展什麼產業為主？", ()),
    ("福慧德玻璃公司建智能化工厂缺多少钱？", ()),
    ("他们公司的副总经理叫什么？", ("福慧德玻璃公司建智能化工厂缺多少钱？",)),
    ("潞鼎伟业今年计划完成多少产值？", ()),
    ("他们打算拿多少钱给各县区加工站点升级设备？", ("潞鼎伟业今年计划完成多少产值？",)),
    ("颐高集团在全国布局了多少个产业园区？", ()),
    ("南石槽小学附属幼儿园的园长是谁？", ()),
    ("五马街道综合服务中心注销公告的联系人是谁？", ()),
    ("骑电动车不戴头盔会被查吗？", ()),
    ("住建局要做征收补偿的是哪几条路？", ()),
    ("区发改局在哪里开展诚信宣传活动？", ()),
    ("长城有多长？", ()),  # not in the page: a refusal is the right answer
)


@dataclass(frozen=True, slots=True)
class Request:
    user: int
    question: str
    latency_ms: float
    server_ms: float | None   # the pipeline's own latency_ms from the record, None on error
    error: str | None         # None when the answer was right
    finished: float           # time.monotonic() when the answer (or the error) came back


@dataclass(slots=True)
class Report:
    url: str
    client: str
    launched_in_process: bool
    n_users: int
    duration_s: float
    wall_s: float = 0.0
    client_setup_s: float = 0.0
    n_requests: int = 0
    n_errors: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    throughput_rps: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)
    server_latency_ms: dict[str, float] = field(default_factory=dict)
    requests_per_user: dict[str, int] = field(default_factory=dict)
    machine: dict[str, object] = field(default_factory=dict)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (`q` in [0, 100]) of non-empty `values`."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"median": round(statistics.median(values), 1), "p95": round(percentile(values, 95), 1),
            "p99": round(percentile(values, 99), 1), "max": round(max(values), 1),
            "mean": round(statistics.fmean(values), 1), "min": round(min(values), 1)}


def require_loopback(url: str) -> None:
    """Raise ValueError unless every address of the URL's host is loopback: this tool is for the local machine."""
    host = urllib.parse.urlsplit(url).hostname
    if not host:
        raise ValueError(f"--url {url!r} has no host; use e.g. http://127.0.0.1:7860/")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as e:
        raise ValueError(f"cannot resolve the host of --url {url!r} ({e})") from e
    remote = sorted(a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback)
    if remote:
        raise ValueError(f"--url {url} resolves to non-loopback {', '.join(remote)}; "
                         "this load generator only targets 127.0.0.1 / localhost")


def comparable(record: dict) -> dict:
    """The answer record without what legitimately changes between two asks (the timing)."""
    return {k: v for k, v in record.items() if k != "latency_ms"}


def launch_in_process(index_dir: Path | None):
    """app.py's app on 127.0.0.1 in this process (queue settings as in app.main); returns (demo, url)."""
    sys.path.insert(0, str(ROOT))
    import app
    from qa.config import Settings
    from qa.pipeline import Assistant

    settings = Settings.from_env(index_dir=index_dir)
    app.ensure_index(settings)
    assistant = Assistant.open(settings)
    feedback = Path(tempfile.mkdtemp(prefix="load-chat-")) / "feedback.jsonl"  # never the project's log
    demo = app.build_app(assistant, feedback_path=feedback).queue(default_concurrency_limit=8, max_size=128)
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                            **app.LAUNCH_KW)
    return demo, url


def call_api(http, api_name: str, data: list, *, session_hash: str | None = None) -> list:
    """POST /gradio_api/call/<api_name> on `http` (an `httpx.Client` whose base URL is the app's), then
    read its event stream: the outputs, or RuntimeError(the server's message). The web tests use it too."""
    body = {"data": data} if session_hash is None else {"data": data, "session_hash": session_hash}
    posted = http.post(f"gradio_api/call/{api_name}", json=body)
    posted.raise_for_status()
    event_id, event = posted.json()["event_id"], None
    with http.stream("GET", f"gradio_api/call/{api_name}/{event_id}") as stream:
        stream.raise_for_status()
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = json.loads(line[5:])
                if event == "error":
                    raise RuntimeError((data or {}).get("error") if isinstance(data, dict) else data)
                return data
    raise RuntimeError(f"event stream of {event_id} ended without a result")


class HttpUser:
    """A user speaking Gradio's queue API over its own HTTP connection pool."""

    def __init__(self, url: str):
        import httpx

        self.http = httpx.Client(base_url=url.rstrip("/") + "/", timeout=REQUEST_TIMEOUT_S)

    def ask(self, question: str, history: Sequence[str]) -> dict:
        return call_api(self.http, API_NAME.lstrip("/"), [question, json.dumps(list(history), ensure_ascii=False)])[0]

    def close(self) -> None:
        self.http.close()


class GradioUser:
    """A user with its own `gradio_client.Client` (its own session and heartbeat connection)."""

    def __init__(self, url: str):
        from gradio_client import Client

        self.client = Client(url, verbose=False)

    def ask(self, question: str, history: Sequence[str]) -> dict:
        job = self.client.submit(question, json.dumps(list(history), ensure_ascii=False), api_name=API_NAME)
        return job.result(timeout=REQUEST_TIMEOUT_S)

    def close(self) -> None:
        self.client.close()


USERS = {"http": HttpUser, "gradio": GradioUser}


def expected_answers(url: str, kind: str) -> dict[tuple[str, tuple[str, ...]], dict]:
    """Each question's answer as the server gives it to a single user, before any load."""
    try:
        user = USERS[kind](url)
        try:
            return {(q, h): comparable(user.ask(q, h)) for q, h in QUESTIONS}
        finally:
            user.close()
    except Exception as e:  # no server, or not this app: say so instead of starting the load
        raise RuntimeError(f"cannot get single-user answers from {url} ({type(e).__name__}: {e}); "
                           "is app.py running there?") from e


def run_user(user_no: int, url: str, kind: str, expected: dict, start: threading.Barrier, deadline: list[float],
             results: list[Request], setup_s: list[float]) -> None:
    """One user: connect, wait for everyone, then ask one question after another until the deadline."""
    t0 = time.perf_counter()
    try:
        user = USERS[kind](url)
    except Exception as e:  # a user who cannot even connect is an error, not a crash of the tool
        results.append(Request(user_no, "", 0.0, None, f"connect: {type(e).__name__}: {e}", time.monotonic()))
        start.wait()
        return
    setup_s.append(time.perf_counter() - t0)
    try:
        start.wait()
        n = user_no  # users start at different questions
        while time.monotonic() < deadline[0]:
            question, history = QUESTIONS[n % len(QUESTIONS)]
            n += 1
            started = time.perf_counter()
            error, server_ms = None, None
            try:
                record = user.ask(question, history)
                server_ms = record.get("latency_ms")
                if comparable(record) != expected[(question, history)]:
                    error = "wrong answer: differs from the single-user answer to the same question"
            except Exception as e:  # every failure is counted and reported, by kind
                error = f"{type(e).__name__}: {str(e)[:200]}"
            results.append(Request(user_no, question, (time.perf_counter() - started) * 1000, server_ms, error,
                                   time.monotonic()))
    finally:
        user.close()


def run_load(url: str, *, n_users: int, duration_s: float, kind: str, launched: bool) -> Report:
    expected = expected_answers(url, kind)
    results: list[Request] = []  # list.append is atomic under the GIL
    setup_s: list[float] = []
    deadline = [math.inf]
    clock = {}

    def go() -> None:  # the clock starts when every user is connected: connecting is not load
        clock["start"] = time.monotonic()
        deadline[0] = clock["start"] + duration_s

    start = threading.Barrier(n_users + 1, action=go)
    threads = [threading.Thread(target=run_user, args=(u, url, kind, expected, start, deadline, results, setup_s),
                                name=f"user-{u}", daemon=True) for u in range(n_users)]
    t_setup = time.monotonic()
    for t in threads:
        t.start()
    start.wait()
    client_setup = time.monotonic() - t_setup
    for t in threads:
        t.join(duration_s + REQUEST_TIMEOUT_S + 30)
    stuck = sum(t.is_alive() for t in threads)

    requests = [r for r in results if r.question]
    # Until the last answer came back (requests started before the deadline run to their end).
    wall_s = max((r.finished for r in requests), default=clock["start"]) - clock["start"]
    errors = collections.Counter(r.error for r in results if r.error)
    if stuck:
        errors[f"user thread still running {REQUEST_TIMEOUT_S + 30:g} s after the deadline"] += stuck
    per_user = collections.Counter(r.user for r in requests)
    return Report(url=url, client=kind, launched_in_process=launched, n_users=n_users, duration_s=duration_s,
                  wall_s=round(wall_s, 2), client_setup_s=round(client_setup, 2), n_requests=len(requests),
                  n_errors=sum(errors.values()), errors=dict(errors.most_common(10)),
                  throughput_rps=round(len(requests) / wall_s, 1) if wall_s else 0.0,
                  latency_ms=summary([r.latency_ms for r in requests]),
                  server_latency_ms=summary([r.server_ms for r in requests if r.server_ms is not None]),
                  requests_per_user={"min": min(per_user.values(), default=0),
                                     "max": max(per_user.values(), default=0)},
                  machine={"cpus": os.cpu_count(), "python": platform.python_version(),
                           "load_avg_at_end": [round(x, 2) for x in os.getloadavg()]})


def print_table(report: Report) -> None:
    lat, srv = report.latency_ms, report.server_latency_ms
    rows = [
        ("target", f"{report.url}{' (launched in this process)' if report.launched_in_process else ''}"),
        ("each user", f"{report.client} (own connection pool)" if report.client == "http"
                  else "own gradio_client.Client"),
        ("users × duration", f"{report.n_users} × {report.duration_s:g} s (wall {report.wall_s} s, "
                             f"connecting the clients took {report.client_setup_s} s before)"),
        ("requests", f"{report.n_requests} ({report.requests_per_user.get('min')}–"
                     f"{report.requests_per_user.get('max')} per user)"),
        ("errors", str(report.n_errors)),
        ("throughput", f"{report.throughput_rps} requests/s"),
        ("latency at the client (ms)", " · ".join(f"{k} {v}" for k, v in lat.items())),
        ("  of which answering (ms)", " · ".join(f"{k} {v}" for k, v in srv.items())),
        ("load average at the end", str(report.machine["load_avg_at_end"])),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    for message, count in report.errors.items():
        print(f"  {count} × {message}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="the running chat (loopback only); default: launch app.py's app here")
    parser.add_argument("--users", type=int, default=50, help=f"concurrent users, 1–{MAX_USERS} (default 50)")
    parser.add_argument("--duration", type=float, default=60.0,
                        help=f"seconds of load, 1–{MAX_DURATION_S:g} (default 60)")
    parser.add_argument("--client", choices=sorted(USERS), default="http",
                        help="http: Gradio's queue API over httpx (default); gradio: a gradio_client.Client per user")
    parser.add_argument("--index", type=Path, default=None,
                        help="index folder for the in-process app (default: QA_INDEX_DIR or index/default; "
                             "built from corpus/ if missing)")
    parser.add_argument("--out", type=Path, default=None, help="write the report here as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users of {args.users} is outside 1–{MAX_USERS}")
    if not 1 <= args.duration <= MAX_DURATION_S:
        parser.error(f"--duration of {args.duration:g} s is outside 1–{MAX_DURATION_S:g} s")

    demo = None
    if args.url:
        try:
            require_loopback(args.url)
        except ValueError as e:
            parser.error(str(e))
        url = args.url
    else:
        demo, url = launch_in_process(args.index)
    try:
        report = run_load(url, n_users=args.users, duration_s=args.duration, kind=args.client,
                          launched=demo is not None)
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        if demo is not None:
            demo.close(verbose=False)
    print_table(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if report.n_errors else 0


if __name__ == "__main__":
    sys.exit(main())
