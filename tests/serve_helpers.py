"""Start a real `scorer serve` (uvicorn, worker processes) on a free loopback port, in a subprocess."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-token-7f3a"
TIMEOUT = 1.5  # the shared server's header and body timeouts
MAX_BODY = 100_000
MAX_HEADER = 8_192


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *args: str, env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, **(env or {})}
        # The server's log goes to a file (a pipe nobody reads would block the server once full).
        self.log = tempfile.NamedTemporaryFile(prefix="scorer-serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([sys.executable, "-m", "scorer", "serve", "--port", str(self.port), *args],
                                     cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT)

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def wait(self, timeout: float = 180.0) -> "Server":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/v1/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 30):
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def json(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        status, _, data = self.request(method, path, body, headers)
        return status, json.loads(data)

    def health(self) -> dict:
        status, body = self.json("GET", "/v1/health")
        assert status == 200
        return body


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """Two real servers started together: an open one with short limits, and one that requires a token."""
    token_file = tmp_path_factory.mktemp("token") / "token"
    token_file.write_text(TOKEN + "\n")
    started = [
        Server("--workers", "1", "--header-timeout", str(TIMEOUT), "--body-timeout", str(TIMEOUT), "--max-body", str(MAX_BODY),
               "--max-header", str(MAX_HEADER), "--max-queue", "1", "--batch-max", "8", "--cors-origin", "https://cms.example.org"),
        Server("--workers", "1", "--token-file", str(token_file)),
    ]
    try:
        yield {"open": started[0].wait(), "auth": started[1].wait()}
    finally:
        for s in started:
            s.stop()
