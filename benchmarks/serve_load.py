"""Loopback load test of `scorer serve`: latency and throughput at 1, 4 and 16 concurrent clients.

    python benchmarks/serve_load.py [--requests 500] [--article examples/rewrite.html]

Starts a real server (uvicorn, one scoring worker per core) on a free loopback port, then:
1. times the single-article CLI (`scorer score ARTICLE --format json`, a fresh process: start-up, model load, scoring),
   and one in-process scoring call with the model loaded (what a worker does per request);
2. sends --requests POST /v1/score requests from 1, 4 and 16 client threads (keep-alive connections);
3. repeats 4 clients with a CPU hog (one busy process per core) running beside the server.
Prints figures only (p50 / p95 latency, requests/s, non-200 answers); nothing is asserted.
Bounded: every request has a 60 s timeout and the whole run stops after --max-seconds.
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from serve_helpers import Server  # noqa: E402


def cli_time(article: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scorer", "score", str(article), "--format", "json"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return time.perf_counter() - start


def inprocess_time(article: Path, repeat: int = 5) -> float:
    import scorer

    scorer.score_file(article)  # load the model, warm the pipeline
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        scorer.score_file(article)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load(port: int, body: bytes, content_type: str, clients: int, total: int, deadline: float) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    break
            start = time.perf_counter()
            try:
                conn.request("POST", "/v1/score", body=body, headers={"Content-Type": content_type})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = -1
            elapsed = time.perf_counter() - start
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    latencies.append(elapsed)
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    q = lambda p: latencies[min(int(p * len(latencies)), len(latencies) - 1)] if latencies else float("nan")  # noqa: E731
    return {"clients": clients, "ok": len(latencies), "statuses": statuses, "p50": q(0.50), "p95": q(0.95),
            "rps": sum(statuses.values()) / wall}


def hog(n: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]


def main() -> int:
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server and the hogs on the way out
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--article", type=Path, default=ROOT / "examples" / "rewrite.html")
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    body = args.article.read_bytes()
    content_type = "text/html" if args.article.suffix in (".html", ".htm") else "text/plain"
    print(f"article: {args.article.relative_to(ROOT)} ({len(body):,} bytes); cores: {cores}; load average before: {os.getloadavg()[0]:.1f}")
    cli = cli_time(args.article)
    inproc = inprocess_time(args.article)
    print(f"CLI, one article (fresh process: start-up + model + scoring): {cli * 1000:.0f} ms")
    print(f"in-process scoring, model loaded (median of 5): {inproc * 1000:.0f} ms")
    deadline = time.monotonic() + args.max_seconds
    server = Server("--max-queue", "32", "--no-access-log").wait()
    try:
        load(server.port, body, content_type, 2, 20, deadline)  # warm-up
        rows = [load(server.port, body, content_type, c, args.requests, deadline) for c in (1, 4, 16)]
        hogs = hog(cores)
        try:
            time.sleep(1)
            hogged = load(server.port, body, content_type, 4, args.requests, deadline)
        finally:
            for h in hogs:
                h.kill()
                h.wait()
    finally:
        server.stop()
    print(f"{'clients':>8} {'200s':>6} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}  other answers")
    for r in rows + [dict(hogged, clients="4+hog")]:
        other = {k: v for k, v in r["statuses"].items() if k != 200}
        print(f"{r['clients']!s:>8} {r['ok']:>6} {r['p50'] * 1000:>8.0f} {r['p95'] * 1000:>8.0f} {r['rps']:>7.1f}  {other or '-'}")
    four = rows[1]
    print(f"p95 with 4 clients / CLI time: {four['p95'] / cli:.2f} (target < 5)")
    print(f"p95 with 4 clients / in-process scoring time: {four['p95'] / inproc:.2f}")
    print(f"p95 with 4 clients and a CPU hog on every core / without: {hogged['p95'] / four['p95']:.2f} (target <= {cores}, the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
