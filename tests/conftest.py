"""Shared fixtures: the bundled page, ingested and indexed once per test session with the real embedder."""
import os

# Before anything imports huggingface_hub or gradio: no hub look-ups, no telemetry.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import subprocess
import time
import urllib.request

import pytest

from qa.config import BUNDLED_CORPUS, Settings

PAGE = BUNDLED_CORPUS / "newspaper-page-2023-02.txt"
PAGE_SOURCE = "潞州区报"
PAGE_DATE = "2023-02-25"


@pytest.fixture(scope="session")
def page_articles():
    from qa.ingest import read_articles

    return read_articles([PAGE], source=PAGE_SOURCE, date=PAGE_DATE)


@pytest.fixture(scope="session")
def page_settings(tmp_path_factory, page_articles):
    from qa.pipeline import build_index

    settings = Settings(index_dir=tmp_path_factory.mktemp("page") / "index")
    build_index(page_articles, settings=settings)
    return settings


@pytest.fixture(scope="session")
def assistant(page_settings):
    from qa.pipeline import Assistant

    return Assistant.open(page_settings)


def wait_until_serving(proc: subprocess.Popen, url: str, *, timeout_s: float) -> None:
    """Poll `url` until it answers 200; fail with the server's stderr if it exits first."""
    started = time.perf_counter()
    while True:
        assert proc.poll() is None, proc.stderr.read().decode("utf-8", "replace")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert time.perf_counter() - started < timeout_s, f"{url} did not answer within {timeout_s} s"
        time.sleep(0.2)
