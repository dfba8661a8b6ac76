"""The HTTP API's endpoints, OpenAPI document and bearer-token auth, on a real uvicorn server."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the HTTP API needs the 'serve' extra (starlette, uvicorn)")

from serve_helpers import TOKEN  # noqa: E402  (the servers fixture is in conftest)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The compare example pair lives in docs/ so that `scorer score examples/` (the README) is unchanged.
PAIR = Path(__file__).resolve().parent.parent / "docs" / "compare-example"


def test_score_json_and_raw_page(servers):
    srv = servers["open"]
    page = (EXAMPLES / "rewrite.html").read_text()
    status, body = srv.json("POST", "/v1/score", json.dumps({"html": page, "date": "2026-03-20", "url": "https://example.org/a"}).encode(),
                            {"Content-Type": "application/json"})
    assert status == 200 and body["article"]["date_source"] == "option" and body["article"]["url"] == "https://example.org/a"
    assert {"score", "label", "probability", "article", "signals", "reasons", "findings", "removed"} <= set(body)
    status, raw_body = srv.json("POST", "/v1/score?date=2026-03-20", page.encode(), {"Content-Type": "text/html; charset=utf-8"})
    assert status == 200 and raw_body["score"] == body["score"]
    status, headers, html = srv.request("GET", body["review"].replace(srv.base, ""))
    assert status == 200 and headers["content-type"].startswith("text/html") and b"given in the request" in html
    status, _, html = srv.request("POST", "/v1/score?format=html", page.encode(), {"Content-Type": "text/html"})
    assert status == 200 and b"<mark" in html
    status, payload = srv.json("GET", "/v1/review/nope")
    assert status == 404 and payload["error"]["code"] == "not_found"


def test_extract_compare_batch_health(servers):
    srv = servers["open"]
    status, body = srv.json("POST", "/v1/extract", (EXAMPLES / "wire.txt").read_bytes(), {"Content-Type": "text/plain"})
    assert status == 200 and body["text"].startswith("MILLBROOK")
    pair = {"original": {"text": (PAIR / "original.txt").read_text()},
            "rewrite": (PAIR / "rewrite.txt").read_text()}
    status, body = srv.json("POST", "/v1/compare", json.dumps(pair).encode(), {"Content-Type": "application/json"})
    assert status == 200 and 0 < body["taken"] < 1 and body["verdict"] and body["changed"]
    status, body = srv.json("POST", "/v1/score/batch", json.dumps({"articles": [{"text": "Short but fine, the mayor said.", "id": "a"},
                                                                                  {"text": "   "}]}).encode(), {"Content-Type": "application/json"})
    assert status == 422  # the second article is empty: the whole request names the field
    assert "articles[1]" in body["error"]["message"]
    health = srv.health()
    assert {"model", "digest", "threshold", "version"} <= set(health) and health["digest"].startswith("sha256:")


def test_openapi_covers_every_route(servers):
    from scorer.serve.app import create_app
    from scorer.serve.settings import ServeSettings

    status, schema = servers["open"].json("GET", "/v1/openapi.json")
    assert status == 200 and schema["openapi"].startswith("3.1")
    routes = {route.path for route in create_app(ServeSettings(workers=1)).routes}
    assert routes == set(schema["paths"])
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert "responses" in op and "summary" in op, (path, method)
    try:
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(schema)


def test_cors_preflight(servers):
    status, headers, _ = servers["open"].request("OPTIONS", "/v1/score", headers={
        "Origin": "https://cms.example.org", "Access-Control-Request-Method": "POST"})
    assert status == 200 and headers.get("access-control-allow-origin") == "https://cms.example.org"


def test_token_required_and_nothing_scored_without_it(servers):
    srv = servers["auth"]
    before = srv.health()["completed"]  # health stays open for monitoring
    text = (EXAMPLES / "wire.txt").read_bytes()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        status, _, data = srv.request("POST", "/v1/score", text, {"Content-Type": "text/plain", **headers})
        assert status == 401 and json.loads(data)["error"]["code"] == "unauthorized"
    status, _, _ = srv.request("GET", "/v1/openapi.json")
    assert status == 401
    assert srv.health()["completed"] == before
    status, body = srv.json("POST", "/v1/score", text, {"Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"})
    assert status == 200 and srv.health()["completed"] == before + 1


def test_token_from_environment_or_file(tmp_path, monkeypatch):
    from scorer.serve.settings import read_token

    monkeypatch.setenv("SCORER_TOKEN", " from-env ")
    assert read_token(None) == "from-env"
    (tmp_path / "t").write_text("from-file\n")
    assert read_token(tmp_path / "t") == "from-file"
    monkeypatch.delenv("SCORER_TOKEN")
    assert read_token(None) is None
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(ValueError, match="empty token file"):
        read_token(tmp_path / "empty")


GERMAN = (
    "Der Stadtrat hat am Dienstag mit sieben zu zwei Stimmen einen Haushalt von vier Millionen Euro für die "
    "Bibliothek in der Ulmenstraße beschlossen, sagte die Bürgermeisterin. Die Öffnungszeiten werden verlängert "
    "und zwei neue Bibliothekare werden eingestellt, wie die Stadt mitteilte. "
)


def test_an_article_the_model_refuses_is_a_422(servers):
    status, body = servers["open"].json("POST", "/v1/score", (GERMAN * 8).encode(), {"Content-Type": "text/plain; charset=utf-8"})
    assert status == 422 and "English" in body["error"]["message"] and body["error"]["code"] == "unreadable_article"


def test_prior_moves_the_probability(servers):
    srv = servers["open"]
    page = (EXAMPLES / "wire.txt").read_bytes()
    _, plain = srv.json("POST", "/v1/score", page, {"Content-Type": "text/plain"})
    _, common = srv.json("POST", "/v1/score?prior=0.9", page, {"Content-Type": "text/plain"})
    assert common["probability"] > plain["probability"]
    for bad in ("abc", "1.5", "auto"):
        status, body = srv.json("POST", f"/v1/score?prior={bad}", page, {"Content-Type": "text/plain"})
        assert status == 422 and "prior" in body["error"]["message"]


def test_serve_on_a_port_in_use_is_a_one_line_error():
    import socket

    from click.testing import CliRunner

    from scorer.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_one_access_log_line_per_request(servers):
    srv = servers["open"]
    srv.request("GET", "/v1/health?probe=access-log-7")
    srv.request("GET", "/v1/nothing-here-7")
    expected = ('"GET /v1/health?probe=access-log-7" 200', '"GET /v1/nothing-here-7" 404')
    # The line is written after the response is sent: give the server's log a moment to catch up.
    deadline = time.monotonic() + 10
    while not all(line in srv.log_text() for line in expected) and time.monotonic() < deadline:
        time.sleep(0.05)
    log = srv.log_text()
    assert expected[0] in log
    assert expected[1] in log
