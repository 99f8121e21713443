"""What the HTTP benchmarks share: a gunicorn server on a free port, a logged-in cookie, medians, baselines.

The server runs ``bench.settings``: the test settings with persistent database connections and two baseline views
(``bench/urls.py``). Every figure is printed as a ratio to the trivial view measured in the same run.
"""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
TRIVIAL, LAYOUT = "/bench/trivial/", "/bench/layout/"


def _request(base: str, url: str, cookie: str, headers=None) -> urllib.request.Request:
    sent = ({"Cookie": cookie} if cookie else {}) | (headers or {})
    return urllib.request.Request(base + url, headers=sent)  # noqa: S310 - http to our own server


def _timed(request: urllib.request.Request) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - http to our own server
        assert response.status == 200, request.full_url
        response.read()
    return time.perf_counter() - started


def median_ms(base: str, url: str, cookie: str, rounds: int = ROUNDS, before=None, headers=None) -> float:
    """The median of ``rounds`` requests after one to warm up; ``before`` runs ahead of each, untimed. ``cookie``
    may be empty when ``headers`` authenticate the request (an API token)."""
    request = _request(base, url, cookie, headers)
    times = []
    for round_ in range(rounds + 1):
        if before:
            before()
        took = _timed(request)
        if round_:  # the first request warms up
            times.append(took)
    return 1000 * statistics.median(times)


def paired_ms(base: str, url: str, cookie: str, rounds: int = ROUNDS, before=None) -> tuple[float, float]:
    """The page's median and the trivial view's, asked in turn in the same rounds (``before`` ahead of the page).

    On this shared 2-core machine the trivial view's median moves between 2 and 4 ms from one minute to the next:
    a ratio to the trivial view asked beside the page is steadier than one to a baseline measured before."""
    page, trivial = _request(base, url, cookie), _request(base, TRIVIAL, cookie)
    pages, trivials = [], []
    for round_ in range(rounds + 1):
        if before:
            before()
        took = _timed(page)
        if round_:  # the first request warms up
            pages.append(took)
            trivials.append(_timed(trivial))
    return 1000 * statistics.median(pages), 1000 * statistics.median(trivials)


@contextlib.contextmanager
def gunicorn(workers: int = 1):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310 - ours
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def baselines(base: str, cookie: str) -> tuple[float, float]:
    """The trivial view's median (what every figure is divided by) and the empty layout's; prints both."""
    trivial = median_ms(base, TRIVIAL, cookie)
    layout = median_ms(base, LAYOUT, cookie)
    healthz = median_ms(base, "/healthz", cookie)
    print(f"trivial view (logged in) median {trivial:.1f} ms = 1x (the baseline)")
    print(f"/healthz                 median {healthz:.1f} ms = {healthz / trivial:.1f}x")
    print(f"empty layout (logged in) median {layout:.1f} ms = {layout / trivial:.1f}x: the floor of any page")
    return trivial, layout


def report(label: str, ms: float, trivial: float, layout: float, target: float) -> None:
    verdict = "ok" if ms / trivial <= target else "over"
    print(f"{label:<26} median {ms:7.1f} ms = {ms / trivial:5.1f}x trivial ({verdict}, target <= {target:g}x) "
          f"= {ms / layout:4.1f}x the empty layout")  # fmt: skip
