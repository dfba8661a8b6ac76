"""A small HTTP API for newsroom plugins, on the standard library (no web framework to install).

    POST /score?date=2026-01-22&url=...   body: the page (HTML) or text, any encoding
        → 200 with the output-contract object; 400 with {"error": ...} for bad input
    POST /extract                        → the cleaned text and what was removed
    GET  /health                         → {"status": "ok", "model": ...}

The model is loaded once at start. It binds to 127.0.0.1 by default: put it
behind your own proxy to expose it.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from scorer.core.config import Config
from scorer.core.errors import ScorerError
from scorer.core.odds import AUTO_PRIOR
from scorer.model.predictor import Predictor
from scorer.model.loading import load_model
from scorer.pipeline import article_from_bytes, score_article

logger = logging.getLogger(__name__)


def make_server(host: str, port: int, config: Config, model: Predictor | None = None) -> ThreadingHTTPServer:
    """A ready server; call ``serve_forever()`` on it (tests use port 0 and a thread)."""
    model = model or load_model(config.model)

    class Handler(BaseHTTPRequestHandler):
        server_version = "scorer"

        def do_GET(self) -> None:  # noqa: N802 - the http.server naming
            if urlsplit(self.path).path == "/health":
                self._send(HTTPStatus.OK, {"status": "ok", "model": model.name})
            else:
                self._send(HTTPStatus.NOT_FOUND, {"error": "not found; use POST /score, POST /extract or GET /health"})

        def do_POST(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            if parts.path not in ("/score", "/extract"):
                self._send(HTTPStatus.NOT_FOUND, {"error": "not found; use POST /score or POST /extract"})
                return
            try:
                request_config = self._config(parse_qs(parts.query))
                body = self._body(request_config.max_bytes)
                article = article_from_bytes(body, input="request", config=request_config)
                if parts.path == "/extract":
                    payload = {"input": "request", "error": None, "text": article.text, **article.metadata_dict(),
                               "removed": [r.as_dict() for r in article.removed]}
                else:
                    # Inside the try: the model refuses some articles too (not English).
                    payload = score_article(article, request_config, model).as_dict()
            except (ScorerError, ValueError) as exc:
                self._send(HTTPStatus.BAD_REQUEST, {"input": "request", "error": str(exc)})
                return
            except Exception as exc:  # noqa: BLE001 - a bug on one request must not drop the connection unanswered
                logger.exception("unexpected failure on a request")
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"input": "request", "error": f"internal error ({type(exc).__name__}: {exc}); please report it"})
                return
            self._send(HTTPStatus.OK, payload)

        def _config(self, query: dict[str, list[str]]) -> Config:
            date = query.get("date", [None])[0]
            prior = query.get("prior", [None])[0]
            if prior == AUTO_PRIOR:
                raise ValueError(f"prior={AUTO_PRIOR} estimates a batch's share from its scores; one article needs a share, e.g. prior=0.1")
            try:
                day = dt.date.fromisoformat(date) if date else None
            except ValueError:
                raise ValueError(f"date must be YYYY-MM-DD, not {date!r}") from None
            try:
                share = float(prior) if prior else None
            except ValueError:
                raise ValueError(f"prior must be a share between 0 and 1 (e.g. 0.1), not {prior!r}") from None
            return config.with_options(date=day, url=query.get("url", [None])[0], prior=share)

        def _body(self, limit: int) -> bytes:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                raise ScorerError("Content-Length is not a number") from None
            if length > limit:
                raise ScorerError(f"body is {length:,} bytes, over the {limit:,}-byte limit")
            return self.rfile.read(length)

        def _send(self, status: HTTPStatus, payload: dict) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:
            logger.info("%s - %s", self.address_string(), format % args)

    return ThreadingHTTPServer((host, port), Handler)
