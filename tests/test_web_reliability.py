"""The web chat under load and attack: 50 users at once, dropped connections, loopback binding, file routes, markup."""
import os

# Before gradio / gradio_client / huggingface_hub are imported: no network from Python.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import html
import http.client
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

import app
from scripts.load_chat import call_api as call
from tests.conftest import wait_until_serving
from qa.config import PROJECT_ROOT, Settings
from qa.pipeline import MAX_QUESTION_CHARS, Assistant, add_articles, answer_to_record
from qa.types import Article

LOAD_USERS = 50
LOAD_SECONDS = 15.0
REQUEST_TIMEOUT_S = 30.0
PROMPT_S = 10.0  # "promptly": a request that found a slot leaked by a dropped client would wait out the 30 s timeout
LONG_QUESTION = "请问颐高集团的总裁是谁，他参加了哪次座谈，" * 10  # > 200 characters (the cap): the slowest to answer

MARKUP_TITLE = "青龙湖<script>window.__xss_title=1</script>栈道开放"
MARKUP_QUESTION = "青龙湖栈道什么时候开放？"
XSS_QUESTION = '<img src=x onerror="window.__xss=1">颐高集团的总裁是谁？<script>window.__xss=2</script>'
CHAT_TAGS = {"div", "p", "strong", "mark", "span"}  # the only tags app.py's own chat HTML uses


def markup_article() -> Article:
    return Article(article_id="test-markup", title=MARKUP_TITLE,
                   text="本报讯 记者李明报道：<b>青龙湖公园</b>新建的木栈道全长1200米。"
                        '<img src=x onerror="window.__xss_panel=1">栈道将于3月1日起向市民免费开放。',
                   date="2023-02-21", source="测试日报")


@dataclass(frozen=True)
class Server:
    url: str                # http://127.0.0.1:PORT/
    index_dir: Path
    feedback: Path


# ---- fixtures: the bundled page (built once by conftest) plus one article full of markup ----------------

@pytest.fixture(scope="module")
def web_settings(page_settings, tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("web")
    settings = Settings(index_dir=root / "index")
    shutil.copytree(page_settings.index_dir, settings.index_dir)
    add_articles([markup_article()], settings=settings)
    return settings


@pytest.fixture(scope="module")
def web_assistant(web_settings) -> Assistant:
    return Assistant.open(web_settings)


@pytest.fixture(scope="module")
def web_app(web_assistant, web_settings, tmp_path_factory):
    """app.py's app in this process, queued as `app.main` queues it."""
    feedback = tmp_path_factory.mktemp("web-feedback") / "feedback.jsonl"
    feedback.write_text('{"comment": "feedback-canary"}\n', encoding="utf-8")
    demo = app.build_app(web_assistant, feedback_path=feedback).queue(default_concurrency_limit=8, max_size=128)
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                            **app.LAUNCH_KW)
    yield Server(url=url, index_dir=web_settings.index_dir, feedback=feedback)
    demo.close(verbose=False)


@pytest.fixture(scope="module")
def served(web_settings, tmp_path_factory):
    """`python app.py` as a subprocess: port from GRADIO_SERVER_PORT, host left to its default, and
    GRADIO_ALLOWED_PATHS opening a folder that holds a canary, the index and the feedback log."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    allowed = web_settings.index_dir.parent  # the index lives here; so do the canary and the feedback log
    (allowed / "canary.txt").write_text("allowed-canary", encoding="utf-8")
    feedback = allowed / "feedback.jsonl"
    feedback.write_text('{"comment": "feedback-canary"}\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GRADIO_SERVER_NAME"}
    env.update(GRADIO_SERVER_PORT=str(port), GRADIO_ALLOWED_PATHS=str(allowed), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py"), "--index", str(web_settings.index_dir),
                             "--feedback", str(feedback)], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(proc, url, timeout_s=45)
        yield Server(url=url, index_dir=web_settings.index_dir, feedback=feedback)
    finally:
        proc.terminate()
        proc.wait(10)


# ---- helpers ------------------------------------------------------------------------------------------------

def comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "latency_ms"}


def message_text(message: dict) -> str:
    return message["content"][0]["text"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * q // 100) - 1)]


def eval_questions() -> list[tuple[str, tuple[str, ...]]]:
    """Distinct (question, earlier questions) pairs from the project's evaluation set of the bundled page."""
    seen, pairs = set(), []
    for line in (PROJECT_ROOT / "eval" / "questions.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        if record["question"] not in seen:
            seen.add(record["question"])
            pairs.append((record["question"], tuple(record["history"])))
    return pairs


def fetch(url: str, path: str, *, method: str = "GET", headers: dict | None = None,
          body: bytes | None = None) -> tuple[int, bytes]:
    """One request with `path` sent exactly as given (no client-side normalisation of `..` or `%2e`)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# ---- 50 users at once ------------------------------------------------------------------------------------

def test_50_concurrent_users_each_get_their_own_answer(web_app, web_assistant):
    """Half the users call /ask_json (follow-ups included), half chat through /ask, each in its own session
    and with its own question, for LOAD_SECONDS; every answer must be the one that user's question gets alone."""
    pairs = eval_questions()
    followups = [p for p in pairs if p[1]]
    standalone = [p for p in pairs if not p[1]]
    half = LOAD_USERS // 2
    json_users = (followups + standalone)[:half]
    chat_users = [p for p in standalone if p not in json_users][:LOAD_USERS - half]
    assert len(json_users) + len(chat_users) == LOAD_USERS and len({q for q, _ in json_users + chat_users}) == LOAD_USERS
    expected = {q: web_assistant.ask(q, history=h) for q, h in json_users + chat_users}

    latencies: list[float] = []
    failures: list[str] = []
    counts = [0] * LOAD_USERS
    barrier = threading.Barrier(LOAD_USERS)

    def user(n: int) -> None:
        json_user = n < half
        question, history = (json_users[n] if json_user else chat_users[n - half])
        answer = expected[question]
        want = comparable(answer_to_record(answer))
        with httpx.Client(base_url=web_app.url, timeout=REQUEST_TIMEOUT_S) as http:
            barrier.wait()
            deadline = time.monotonic() + LOAD_SECONDS
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    if json_user:
                        [record] = call(http, "ask_json", [question, json.dumps(history, ensure_ascii=False)])
                        got = comparable(record)
                        if got != want:
                            failures.append(f"user {n}: {question!r} came back as {got['question']!r} / "
                                            f"{got['resolved_question']!r} → {got['answer']!r}")
                    else:
                        # A new visit each time: its own session, whose chat must hold this one exchange only.
                        _, chat, *_ = call(http, "ask", [question], session_hash=f"load-{n}-{uuid.uuid4().hex}")
                        texts = [message_text(m) for m in chat]
                        reply = texts[-1]
                        mine = (len(chat) == 2 and texts[0] == html.escape(question)
                                and (f"<strong>{html.escape(answer.text)}</strong>" in reply if answer.answerable
                                     else app.NO_ANSWER in reply)
                                and all(f"《{html.escape(c.title)}》" in reply for c in answer.citations))
                        if not mine:
                            failures.append(f"user {n}: {question!r} got a chat of {len(chat)} messages: {reply[:120]!r}")
                except Exception as e:  # counted, not raised: the test reports every failure at the end
                    failures.append(f"user {n}: {type(e).__name__}: {e}")
                latencies.append(time.perf_counter() - started)
                counts[n] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=LOAD_USERS) as pool:
        list(pool.map(user, range(LOAD_USERS)))
    wall = time.perf_counter() - started
    assert failures == [], f"{len(failures)} of {len(latencies)} requests failed, e.g. {failures[:5]}"
    assert min(counts) >= 1, "every user got at least one answer"
    print(f"\n{LOAD_USERS} users × {LOAD_SECONDS:g} s: {len(latencies)} requests, 0 errors, "
          f"{len(latencies) / wall:.1f} requests/s; latency median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {percentile(latencies, 95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
          f"{min(counts)}–{max(counts)} requests per user")


# ---- clients that walk away ------------------------------------------------------------------------------

def _abandon(url: str, kind: str, i: int) -> None:
    """Start an answer, then drop the connection in one of several rude ways."""
    parts = urllib.parse.urlsplit(url)
    question = f"{i}{LONG_QUESTION}"
    body = json.dumps({"data": [question, "[]"], "session_hash": f"gone-{kind}-{i}"}).encode()
    if kind == "half_request":  # headers promise a body that never comes
        with socket.create_connection((parts.hostname, parts.port), timeout=5) as s:
            s.sendall(b"POST /gradio_api/call/ask_json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 5000\r\n\r\n" + body[:20])
        return
    status, raw = fetch(url, "/gradio_api/call/ask_json", method="POST", body=body,
                        headers={"Content-Type": "application/json"})
    assert status == 200, raw
    if kind == "never_read":  # queued, result never collected
        return
    event_id = json.loads(raw)["event_id"]
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as s:
        if kind == "reset":  # abortive close: the server gets a TCP RST, not a FIN
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.sendall(f"GET /gradio_api/call/ask_json/{event_id} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        if kind == "after_first_byte":  # the stream has started (headers or a heartbeat), then we leave
            s.recv(1)
    # closing here, mid-answer: the question takes ~100 ms or more to answer and the queue is busy


def test_clients_that_disconnect_mid_answer_do_not_stall_the_others(web_app, web_assistant):
    from gradio_client import Client

    kinds = ["close_stream", "reset", "after_first_byte", "never_read", "half_request"]
    question = app.EXAMPLES[1]
    want = comparable(answer_to_record(web_assistant.ask(question)))
    gone, polite, errors = [], [], []

    def polite_user(stop: threading.Event) -> None:
        with httpx.Client(base_url=web_app.url, timeout=REQUEST_TIMEOUT_S) as http:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    [record] = call(http, "ask_json", [question, "[]"])
                    assert comparable(record) == want
                except Exception as e:  # reported below
                    errors.append(f"{type(e).__name__}: {e}")
                polite.append(time.perf_counter() - started)

    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=4) as others:
        for _ in range(4):
            others.submit(polite_user, stop)
        # 40 dropped connections (5 × the concurrency limit: had each kept a worker slot, nothing would run),
        # and 6 gradio_client jobs cancelled right after submitting.
        with ThreadPoolExecutor(max_workers=20) as rude:
            list(rude.map(lambda i: gone.append(_abandon(web_app.url, kinds[i % len(kinds)], i)), range(40)))
        client = Client(web_app.url, verbose=False)
        try:
            jobs = [client.submit(f"{i}{LONG_QUESTION}", "[]", api_name="/ask_json") for i in range(6)]
            cancelled = [job.cancel() for job in jobs]
        finally:
            client.close()
        time.sleep(1.0)
        stop.set()
    assert errors == [], errors[:5]
    assert len(gone) == 40 and polite, "the polite users were answered while the others walked away"

    # Afterwards: a burst of 16 fresh users (2 × the concurrency limit) is answered at once.
    def fresh(n: int) -> float:
        with httpx.Client(base_url=web_app.url, timeout=REQUEST_TIMEOUT_S) as http:
            started = time.perf_counter()
            [record] = call(http, "ask_json", [question, "[]"])
            assert comparable(record) == want
            return time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=16) as pool:
        burst = list(pool.map(fresh, range(16)))
    assert max(burst) < PROMPT_S, burst
    # Nothing is left waiting in the queue for the clients that left.
    deadline = time.monotonic() + PROMPT_S
    while (size := httpx.get(web_app.url + "gradio_api/queue/status").json()["queue_size"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert size == 0
    print(f"\nwhile 40 connections were dropped mid-answer and {sum(map(bool, cancelled))} of 6 jobs cancelled: "
          f"{len(polite)} polite answers, max {max(polite) * 1000:.0f} ms; afterwards 16 at once: "
          f"median {statistics.median(burst) * 1000:.0f} ms, max {max(burst) * 1000:.0f} ms")


# ---- where the server listens ----------------------------------------------------------------------------

def _listening_addresses(port: int) -> set[str]:
    """Addresses with a socket in LISTEN state on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                raw = bytes.fromhex(address)
                # /proc prints each 32-bit word in host (little-endian) order
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                family = socket.AF_INET if width == 8 else socket.AF_INET6
                found.add(socket.inet_ntop(family, words))
    return found


def _own_addresses() -> set[str]:
    """This machine's non-loopback IPv4 addresses (no packet is sent: a UDP connect only picks a route)."""
    addresses = set()
    try:
        addresses |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except socket.gaierror:
        pass
    for probe in ("192.0.2.1", "10.255.255.255", "172.16.255.255", "192.168.255.255"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.connect((probe, 9))
                addresses.add(s.getsockname()[0])
            except OSError:
                pass
    return {a for a in addresses if not a.startswith("127.") and a != "0.0.0.0"}


def test_python_app_py_listens_on_loopback_only(served):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux's /proc/net/tcp to read the listening address")
    port = urllib.parse.urlsplit(served.url).port
    assert _listening_addresses(port) == {"127.0.0.1"}
    for address in _own_addresses():
        with socket.socket() as s:
            s.settimeout(2)
            with pytest.raises(OSError):  # refused: nothing listens there
                s.connect((address, port))
    assert fetch(served.url, "/")[0] == 200


# ---- no file outside what the app must serve ---------------------------------------------------------------

def _traversal_probes(server: Server) -> list[tuple[str, str, dict, bytes]]:
    """(method, path, headers, bytes the response must not contain) for every file-serving route of gradio 6."""
    from gradio.routes import BUILD_PATH_LIB, STATIC_PATH_LIB

    app_py = PROJECT_ROOT / "app.py"
    manifest = next(server.index_dir.glob("gen-*/manifest.json"))
    corpus = PROJECT_ROOT / "corpus" / "newspaper-page-2023-02.txt"
    passwd, app_secret, environ = b"root:x:0:0", b"def build_app(assistant", b"PATH="
    secrets = {"/etc/passwd": passwd, str(app_py): app_secret, str(manifest): b'"checksums"',
               str(server.feedback): b"feedback-canary", str(corpus): corpus.read_bytes()[:60],
               "/proc/self/environ": environ}
    enc = lambda p: urllib.parse.quote(p, safe="")  # noqa: E731 - every / and . as %xx
    dots = lambda p: p.replace(".", "%2e").replace("/", "%2f")  # noqa: E731
    probes = []
    for path, secret in secrets.items():
        for prefix in ("/gradio_api/file=", "/gradio_api/file/", "/file=", "/gradio_api/file=file://"):
            probes.append(("GET", prefix + path, {}, secret))
        probes += [("GET", "/gradio_api/file=" + enc(path), {}, secret),
                   ("HEAD", "/gradio_api/file=" + path, {}, b""),
                   ("GET", "/gradio_api/file=" + path, {"Range": "bytes=0-100"}, secret)]
    for rel in ("../../../../../../../../etc/passwd", "..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                dots("../../../../../../../../etc/passwd"), "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
                "....//....//....//....//etc/passwd", "..\\..\\..\\..\\etc\\passwd"):
        probes.append(("GET", "/gradio_api/file=" + rel, {}, passwd))
    probes.append(("GET", "/gradio_api/file=app.py", {}, app_secret))  # relative to the server's working dir
    probes.append(("GET", "/gradio_api/file=../main/app.py", {}, app_secret))
    # The asset routes serve gradio's own folders; climb out of them towards app.py and /etc/passwd.
    for route, folder in (("/static/", STATIC_PATH_LIB), ("/assets/", BUILD_PATH_LIB),
                          ("/svelte/", Path(BUILD_PATH_LIB).parent / "svelte")):
        to_app = os.path.relpath(app_py, folder)
        for rel in (to_app, dots(to_app), "../app.py", "../../app.py", "../" * 12 + "etc/passwd",
                    dots("../" * 12 + "etc/passwd")):
            probes.append(("GET", route + rel, {}, passwd if rel.endswith("passwd") else app_secret))
    probes += [("GET", "/gradio_api/proxy=http://127.0.0.1/etc/passwd", {}, passwd),
               ("GET", "/gradio_api/file=http://127.0.0.1:1/etc/passwd", {}, passwd),
               ("GET", "/gradio_api/custom_component/x/client/../../../../etc/passwd", {}, passwd),
               ("GET", "/gradio_api/stream/x/y/0/playlist-file", {}, passwd),
               ("GET", "/gradio_api/run-history/records/x/y/assets/..%2f..%2fetc%2fpasswd", {}, passwd)]
    return probes


@pytest.mark.parametrize("which", ["web_app", "served"])
def test_no_file_outside_the_app_can_be_fetched(which, request):
    server = request.getfixturevalue(which)
    results = []
    for method, path, headers, secret in _traversal_probes(server):
        status, body = fetch(server.url, path, method=method, headers=headers)
        results.append((status, method, path))
        assert 400 <= status < 500, (method, path, status, body[:200])
        assert not secret or secret not in body, (method, path)
    print(f"\n{which}: {len(results)} probes, statuses {sorted({s for s, *_ in results})}")


def test_allowed_paths_still_lose_to_the_blocked_index_and_feedback_log(served):
    """GRADIO_ALLOWED_PATHS opens the folder (the canary is served), yet app.py's blocked_paths keep the
    index and the feedback log in it private."""
    folder = served.index_dir.parent
    status, body = fetch(served.url, f"/gradio_api/file={folder / 'canary.txt'}")
    assert (status, body) == (200, b"allowed-canary")
    for path in (next(served.index_dir.glob("gen-*/manifest.json")), served.feedback):
        status, body = fetch(served.url, f"/gradio_api/file={path}")
        assert status == 403 and b"checksums" not in body and b"feedback-canary" not in body


@pytest.mark.parametrize("name", ["../../../../../../tmp/{d}/evil.txt", "/tmp/{d}/evil.txt", "..",
                                  "..%2f..%2f..%2ftmp%2f{d}%2fevil.txt", "..\\..\\..\\tmp\\{d}\\evil.txt"])
def test_uploads_are_refused_and_never_land_outside_gradio_s_folder(web_app, tmp_path, name):
    from gradio.utils import get_upload_folder

    name = name.format(d=tmp_path.relative_to("/tmp")) if str(tmp_path).startswith("/tmp/") else name
    with httpx.Client(base_url=web_app.url, timeout=10) as http:
        full = http.post("gradio_api/upload", files={"files": (name, b"evil-content", "text/plain")})
        empty = http.post("gradio_api/upload", files={"files": (name, b"", "text/plain")})
    assert full.status_code in (400, 413)  # 413: max_file_size=0 in app.LAUNCH_KW: the chat takes no files
    if empty.status_code == 200:  # an empty file is within 0 bytes: gradio keeps its base name only
        for stored in empty.json():
            assert Path(stored).resolve().is_relative_to(Path(get_upload_folder()).resolve()), stored
    else:
        assert 400 <= empty.status_code < 500
    assert not (tmp_path / "evil.txt").exists()


def test_monitoring_dashboard_is_off(web_app, served):
    for server in (web_app, served):
        assert fetch(server.url, "/monitoring")[0] == 403
        assert fetch(server.url, "/monitoring/summary")[0] == 403


# ---- markup is data ---------------------------------------------------------------------------------------

def test_markup_is_returned_as_data_by_ask_json_and_escaped_by_ask(web_app, web_assistant):
    with httpx.Client(base_url=web_app.url, timeout=REQUEST_TIMEOUT_S) as http:
        [record] = call(http, "ask_json", [XSS_QUESTION, "[]"])
        assert record["question"] == XSS_QUESTION  # JSON: the raw text, for the caller to escape

        session = f"markup-{uuid.uuid4().hex}"
        _, chat, *_ = call(http, "ask", [XSS_QUESTION], session_hash=session)
        _, chat, *_ = call(http, "ask", [MARKUP_QUESTION], session_hash=session)
        panel = call(http, "show_source", ["1"], session_hash=session)[0]
        [article_record] = call(http, "ask_json", [MARKUP_QUESTION, "[]"])

    assert article_record["citations"][0]["title"] == MARKUP_TITLE  # data, unescaped
    texts = [message_text(m) for m in chat]
    assert texts[0] == html.escape(XSS_QUESTION)
    assert texts[2] == html.escape(MARKUP_QUESTION)
    for text in texts:
        assert set(re.findall(r"<\s*([A-Za-z][\w-]*)", text)) <= CHAT_TAGS, text
    assert html.escape(MARKUP_TITLE) in texts[3]  # the article's title, as text, in the sources list
    assert set(re.findall(r"<\s*([A-Za-z][\w-]*)", panel)) <= {"div", "h3", "p", "mark"}, panel
    assert html.escape('<img src=x onerror="window.__xss_panel=1">') in panel
    assert html.escape("<b>青龙湖公园</b>") in panel and html.escape(MARKUP_TITLE) in panel


# ---- bad input through the web ----------------------------------------------------------------------------

BAD_QUESTIONS = [  # issue 6's list (tests/test_robustness.py asks them of the pipeline; these go through the web)
    "", "   ", "？！。，", "\u200b\u3000", "😀😀", "颐高集团的总裁是谁？" * 1000, "颐高\x00集团\x07的\u200b总裁\u202e是谁？",
    "😀😀 颐高集团的总裁是谁？🎉", "<script>alert(1)</script>颐高集团的总裁是谁？", "'; DROP TABLE articles; -- 颐高集团总裁是谁",
    "Who is the 总裁 of 颐高集团?", "頤高集團２０２３年的總裁是誰？", "%s%s%n {0} ${x} \\x00",
]


def test_bad_questions_through_the_web_get_an_answer_or_a_clear_message_within_a_second(web_app):
    with httpx.Client(base_url=web_app.url, timeout=REQUEST_TIMEOUT_S) as http:
        for question in BAD_QUESTIONS:
            best = REQUEST_TIMEOUT_S
            for _ in range(3):  # best of three: the machine is shared, a single slow run is not the app's
                started = time.perf_counter()
                try:
                    [record] = call(http, "ask_json", [question, "[]"])
                    assert record["question"] == question[:MAX_QUESTION_CHARS]  # longer ones are cut
                except RuntimeError as e:  # a gr.Error carries our message; anything else arrives as None
                    assert str(e).startswith("请输入问题"), (question[:40], e)
                best = min(best, time.perf_counter() - started)
            assert best < 1.0, (question[:40], best)
            outputs = call(http, "ask", [question], session_hash=f"bad-{uuid.uuid4().hex}")
            if not question.strip():
                continue  # blank input is ignored by the chat: no message at all
            reply = message_text(outputs[1][-1])
            assert "系统内部出错" not in reply and ("答：" in reply or "请输入问题" in reply or app.NO_ANSWER in reply)


@pytest.mark.parametrize("question, history_json, expected", [
    ("颐高集团的总裁是谁？", "[1", "history_json"),
    ("颐高集团的总裁是谁？", '{"a": 1}', "history_json"),
    ("颐高集团的总裁是谁？", '["上一个问题", 1]', "history_json"),
    ("颐高集团的总裁是谁？", json.dumps(["很长的上一个问题" * 10_000] * 20, ensure_ascii=False), None),
    ("颐高集团的总裁是谁？", "[" * 100_000, "history_json"),
    (None, "[]", "请输入问题"),
], ids=["unclosed-array", "object", "non-string-item", "huge-history", "deep-nesting", "null-question"])
def test_malformed_ask_json_input_gets_a_clear_message(web_app, question, history_json, expected):
    with httpx.Client(base_url=web_app.url, timeout=REQUEST_TIMEOUT_S) as http:
        if expected is None:
            [record] = call(http, "ask_json", [question, history_json])
            assert record["answerable"]
            return
        with pytest.raises(RuntimeError) as caught:
            call(http, "ask_json", [question, history_json])
    assert expected in str(caught.value)
