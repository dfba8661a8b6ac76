"""The HTTP API on a loopback port chosen by the OS, stopped at the end of each test."""
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scorer.core.config import Config
from scorer.serve.http import make_server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def base_url():
    server = make_server("127.0.0.1", 0, Config())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def post(url, data):
    request = urllib.request.Request(url, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_score_endpoint_returns_the_contract(base_url):
    status, body = post(base_url + "/score?date=2026-03-20", (EXAMPLES / "rewrite.html").read_bytes())
    assert status == 200
    assert body["error"] is None and 0 <= body["score"] <= 100
    assert body["article"]["date"] == "2026-03-20" and body["article"]["date_source"] == "option"


def test_extract_and_health(base_url):
    status, body = post(base_url + "/extract", (EXAMPLES / "wire.txt").read_bytes())
    assert status == 200 and body["text"].startswith("MILLBROOK")
    with urllib.request.urlopen(base_url + "/health", timeout=10) as response:
        assert json.loads(response.read())["status"] == "ok"


def test_bad_input_is_a_400_with_one_line(base_url):
    status, body = post(base_url + "/score", b"")
    assert status == 400 and "empty" in body["error"]
    status, body = post(base_url + "/score?date=yesterday", b"text")
    assert status == 400 and "YYYY-MM-DD" in body["error"]


GERMAN = (
    "Der Stadtrat hat am Dienstag mit sieben zu zwei Stimmen einen Haushalt von vier Millionen Euro für die "
    "Bibliothek in der Ulmenstraße beschlossen, sagte die Bürgermeisterin. Die Öffnungszeiten werden verlängert "
    "und zwei neue Bibliothekare werden eingestellt, wie die Stadt mitteilte. "
)


def test_an_article_the_model_refuses_is_a_400_not_a_dropped_connection(base_url):
    status, body = post(base_url + "/score", (GERMAN * 8).encode("utf-8"))
    assert status == 400 and "English" in body["error"]


def test_a_bug_is_a_500_with_a_json_error():
    class Broken:
        name, threshold = "broken", 0.5

        def predict(self, article, signals):
            raise RuntimeError("boom")

    server = make_server("127.0.0.1", 0, Config(), model=Broken())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, body = post(f"http://127.0.0.1:{server.server_address[1]}/score", (EXAMPLES / "wire.txt").read_bytes())
    finally:
        server.shutdown()
        server.server_close()
    assert status == 500 and "boom" in body["error"]


def test_prior_query_moves_the_probability(base_url):
    page = (EXAMPLES / "wire.txt").read_bytes()
    _, plain = post(base_url + "/score", page)
    _, common = post(base_url + "/score?prior=0.9", page)
    assert common["probability"] > plain["probability"]
    for bad in ("abc", "1.5"):
        status, body = post(base_url + f"/score?prior={bad}", page)
        assert status == 400 and "prior" in body["error"]
    status, body = post(base_url + "/score?prior=auto", page)  # one article has no batch to estimate from
    assert status == 400 and "batch" in body["error"]


def test_serve_on_a_port_in_use_is_a_one_line_error():
    import socket

    from click.testing import CliRunner

    from scorer.cli.main import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
