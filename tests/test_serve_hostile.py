"""The HTTP API against slow, lying, oversized and idle clients, on a real uvicorn server.

One server (one scoring worker, short timeouts) for the module, in a subprocess on a free
loopback port. Every case is bounded in time (socket timeouts), and after every case the
server must still answer a normal request.
"""
from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the HTTP API needs the 'serve' extra (starlette, uvicorn)")
pytest.importorskip("starlette", reason="the HTTP API needs the 'serve' extra (starlette, uvicorn)")

from serve_helpers import MAX_BODY, MAX_HEADER, TIMEOUT, Server  # noqa: E402  (the servers fixture is in conftest)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def server(servers) -> Server:
    return servers["open"]


def raw(port: int, data: bytes, *, then: bytes = b"", wait: float = TIMEOUT + 4) -> tuple[int | None, dict | None, bool, float]:
    """Send ``data`` (and ``then`` after a pause), read until the server closes or ``wait`` passes.

    Returns (status, JSON error body or None, closed by the server, seconds until the answer)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        if then:
            time.sleep(0.2)
            s.sendall(then)
        received, closed = b"", False
        s.settimeout(wait)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                received += chunk
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed = True
    elapsed = time.monotonic() - start
    if not received:
        return None, None, closed, elapsed
    head, _, body = received.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    for line in head.split(b"\r\n")[1:]:  # the first response only (a second may follow)
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            body = body[: int(value)]
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    return status, payload, closed, elapsed


def assert_alive(server: Server) -> None:
    status, body = server.json("POST", "/v1/score", b"The council voted 5-2 on Tuesday to delay the new school by a year, the chair said, after parents asked for more time to study the plan.",
                               {"Content-Type": "text/plain"})
    assert status == 200 and 0 <= body["score"] <= 100


def assert_error(payload: dict | None, status: int) -> None:
    assert payload is not None, "expected a JSON error body"
    assert set(payload) == {"error"} and set(payload["error"]) == {"status", "code", "message"}
    assert payload["error"]["status"] == status


def test_stalled_body_gets_408_and_is_dropped(server):
    status, payload, closed, elapsed = raw(server.port, b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                                       b"Content-Length: 500\r\n\r\n")
    assert status == 408 and closed and elapsed < TIMEOUT + 3
    assert_error(payload, 408)
    assert_alive(server)


def test_lying_content_length_gets_408(server):
    status, payload, closed, _ = raw(server.port, b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                                 b"Content-Length: 5000\r\n\r\nonly a few bytes")
    assert status == 408 and closed
    assert_error(payload, 408)
    assert_alive(server)


def test_content_length_shorter_than_the_body(server):
    status, payload, _, _ = raw(server.port, b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                             b"Content-Length: 5\r\n\r\n{\"text\": \"a longer body than announced\"}")
    assert status == 400
    assert_error(payload, 400)
    assert_alive(server)


def test_stalled_headers_are_dropped(server):
    status, payload, closed, elapsed = raw(server.port, b"POST /v1/score HTTP/1.1\r\nHost: x\r\n")
    assert closed and elapsed < TIMEOUT + 3
    assert status in (None, 408)
    assert_alive(server)


def test_oversized_body_gets_413_without_reading_it(server):
    status, payload, closed, elapsed = raw(server.port, b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                                       b"Content-Length: %d\r\n\r\n" % (MAX_BODY * 10))
    assert status == 413 and closed and elapsed < TIMEOUT
    assert_error(payload, 413)
    assert_alive(server)


def test_oversized_chunked_body_gets_413(server):
    chunk = b"a" * 60_000
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n"
    status, payload, closed, _ = raw(server.port, b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                                  b"Transfer-Encoding: chunked\r\n\r\n" + body)
    assert status == 413 and closed
    assert_error(payload, 413)
    assert_alive(server)


def test_chunked_body_is_scored(server):
    text = (EXAMPLES / "wire.txt").read_bytes()
    parts = [text[i:i + 200] for i in range(0, len(text), 200)]
    body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
    status, payload, _, _ = raw(server.port, b"POST /v1/score?date=2026-10-03 HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                             b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body)
    assert status == 200 and payload["article"]["date_source"] == "option" and payload["error"] is None


def test_oversized_header_gets_431_or_is_dropped(server):
    status, payload, closed, _ = raw(server.port, b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (MAX_HEADER * 3) + b"\r\n\r\n")
    assert closed
    assert status in (None, 431)
    if status is not None:
        assert_error(payload, 431)
    assert_alive(server)


def test_a_hundred_idle_connections(server):
    sockets = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(100)]
    try:
        assert_alive(server)  # served while they idle
        time.sleep(TIMEOUT + 1.0)
        closed = 0
        for s in sockets:
            s.settimeout(2)
            try:
                closed += s.recv(1024) == b""
            except (socket.timeout, ConnectionResetError):
                closed += 0
        assert closed == 100, f"only {closed} of 100 idle connections were dropped"
    finally:
        for s in sockets:
            s.close()
    assert_alive(server)


def test_unknown_method_and_path_are_json(server):
    status, _, data = server.request("DELETE", "/v1/score")
    assert status == 405
    assert_error(json.loads(data), 405)
    status, _, data = server.request("GET", "/v2/nothing")
    assert status == 404
    assert_error(json.loads(data), 404)
    status, payload, _, _ = raw(server.port, b"BREW /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    assert status == 405
    assert_error(payload, 405)
    assert_alive(server)


@pytest.mark.parametrize("body,status", [
    (b"{not json", 400),
    (b"", 400),
    (b"[1, 2]", 422),
    (b'{"text": ""}', 422),
    (b'{"text": "x", "html": "<p>x</p>"}', 422),
    (b'{"text": "Some words here.", "date": "yesterday"}', 422),
    (b'{"txt": "typo"}', 422),
])
def test_malformed_json(server, body, status):
    got, payload = server.json("POST", "/v1/score", body, {"Content-Type": "application/json"})
    assert got == status
    assert_error(payload, status)


def test_wrong_content_type_gets_415(server):
    got, payload = server.json("POST", "/v1/score", b"\x89PNG", {"Content-Type": "image/png"})
    assert got == 415
    assert_error(payload, 415)
    got, payload = server.json("POST", "/v1/compare", b"original", {"Content-Type": "text/plain"})
    assert got == 415
    assert_alive(server)


def test_full_queue_gets_429(server):
    # One worker and a queue of one: a batch of three needs more than the server admits.
    articles = [{"text": "The council voted 5-2 on Tuesday, the chair said."}] * 3
    got, payload = server.json("POST", "/v1/score/batch", json.dumps({"articles": articles}).encode(), {"Content-Type": "application/json"})
    assert got == 429
    assert_error(payload, 429)
    got, payload = server.json("POST", "/v1/score/batch", json.dumps({"articles": articles[:2]}).encode(), {"Content-Type": "application/json"})
    assert got == 200 and len(payload["results"]) == 2 and all(r["error"] is None for r in payload["results"])
    got, payload = server.json("POST", "/v1/score/batch", json.dumps({"articles": articles * 3}).encode(), {"Content-Type": "application/json"})
    assert got == 413
    assert_error(payload, 413)
