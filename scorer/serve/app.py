"""The HTTP API as an ASGI application (Starlette).

Why Starlette and not FastAPI: the endpoints take raw pages (any content type, read
as a stream under a size and time limit) as often as JSON, so request models would
be bypassed anyway; Starlette is the small core FastAPI is built on, and the
OpenAPI document is written by hand (``openapi.py``) and checked by a test.
Both it and uvicorn are in the ``serve`` extra: scoring files needs neither.

Scoring runs in a process pool sized to the cores (``worker.py``): each worker
loads the model once and pins its math libraries to one thread. The event loop
only reads bodies, admits jobs (429 when the queue is full) and writes responses.
"""
from __future__ import annotations

import asyncio
import codecs
import datetime as dt
import hmac
import json
import logging
import multiprocessing
import os
import secrets
import time
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

import scorer
from scorer.model.loading import default_model_dir, model_digest
from scorer.review import API_DATE_SOURCE_WORDS, render_compare, render_review
from scorer.serve import worker
from scorer.serve.errors import ApiError, error_bytes, error_response
from scorer.serve.openapi import openapi_schema
from scorer.serve.settings import ServeSettings

logger = logging.getLogger("scorer.serve")
access_logger = logging.getLogger("scorer.access")

JSON_TYPES = ("application/json",)
RAW_TYPES = {"text/html": True, "application/xhtml+xml": True, "text/plain": False}
ARTICLE_FIELDS = ("html", "text", "url", "date", "title", "prior")


def model_info(settings: ServeSettings) -> dict[str, Any]:
    """Name, digest and threshold of the model the workers load (read once, in the main process)."""
    model = scorer.load_model(settings.model, trust=settings.trust_model)
    directory = Path(settings.model) if settings.model else default_model_dir()
    digest = None
    try:
        digest = "sha256:" + model_digest(directory) if directory is not None else None
    except OSError:  # the digest is informative: an unreadable file leaves it out
        logger.warning("could not compute the model digest", exc_info=True)
    return {"model": model.name, "digest": digest, "threshold": model.threshold}


class Scheduler:
    """The worker pool and its admission control: at most workers + queue jobs at once, else 429."""
    def __init__(self, settings: ServeSettings):
        self.settings = settings
        self.workers = settings.resolved_workers()
        self.capacity = self.workers + settings.resolved_queue()
        self.inflight = 0
        self.completed = 0  # jobs run to the end (health reports it; tests use it)
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        # Not fork: the parent may hold OpenMP threads; a forked child that touches OpenMP can deadlock.
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        config = scorer.Config(model=self.settings.model, trust_model=self.settings.trust_model)
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=worker.init, initargs=(config, os.getpid()))
        # Start every worker now (model loaded, pipeline warm) rather than on the first requests.
        pids = {f.result() for f in [self.pool.submit(worker.ping) for _ in range(self.workers * 2)]}
        logger.info("scoring workers ready: %d (pids %s)", self.workers, ", ".join(map(str, sorted(pids))))

    def stop(self) -> None:
        """Stop the workers; ones still busy after a moment are terminated (a job cannot be interrupted otherwise)."""
        if self.pool is None:
            return
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.join(timeout=2)
            if proc.is_alive():
                proc.terminate()
        self.pool = None

    def admit(self, jobs: int = 1) -> None:
        if self.inflight + jobs > self.capacity:
            raise ApiError(429, "too_many_requests", f"the server is busy ({self.inflight} jobs in progress or queued, "
                           f"limit {self.capacity}); retry shortly", headers={"Retry-After": "1"})
        self.inflight += jobs

    def release(self, jobs: int = 1) -> None:
        self.inflight -= jobs

    async def run(self, fn, *args):
        if self.pool is None:
            raise ApiError(503, "not_ready", "the scoring workers are not running")
        future = self.pool.submit(fn, *args)
        try:
            result = await asyncio.wait_for(asyncio.wrap_future(future), self.settings.job_timeout)
            self.completed += 1
            return result
        except asyncio.TimeoutError:
            future.cancel()
            raise ApiError(503, "scoring_timeout", f"scoring took longer than {self.settings.job_timeout:g} s") from None
        except BrokenProcessPool:
            logger.error("a scoring worker died; restarting the pool")
            self.stop()
            self.start()
            raise ApiError(500, "internal_error", "a scoring worker died on this request; please report it") from None


class ReviewCache:
    """Recently scored results, by id, for ``GET /v1/review/{id}`` (in memory, least recently used dropped)."""
    def __init__(self, size: int):
        self.size, self.items = size, OrderedDict()

    def put(self, result) -> str:
        key = secrets.token_urlsafe(9)
        self.items[key] = result
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return key

    def get(self, key: str):
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None


# ---------------------------------------------------------------- request bodies

async def read_body(request: Request, settings: ServeSettings) -> bytes:
    """The body, read under the size and time limits (413 / 408, and the connection is closed)."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.strip().isdigit():
            raise ApiError(400, "bad_content_length", f"Content-Length is not a number: {length[:40]!r}", close=True)
        if int(length) > settings.max_body:
            raise ApiError(413, "body_too_large", f"body is {int(length):,} bytes, over the {settings.max_body:,}-byte limit", close=True)
    chunks, size = [], 0
    try:
        async with asyncio.timeout(settings.body_timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > settings.max_body:
                    raise ApiError(413, "body_too_large", f"body is over the {settings.max_body:,}-byte limit", close=True)
                chunks.append(chunk)
    except TimeoutError:
        raise ApiError(408, "request_timeout", f"the body did not arrive within {settings.body_timeout:g} s", close=True) from None
    except ClientDisconnect:
        raise ApiError(400, "bad_request", "the client closed the connection before sending the whole body", close=True) from None
    return b"".join(chunks)


def media_type(request: Request) -> tuple[str, str | None]:
    raw = request.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip('"\' ')
    return parts[0].lower(), charset


def decode(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            codecs.lookup(charset)
            return data.decode(charset, errors="replace")
        except LookupError:
            raise ApiError(415, "unsupported_media_type", f"unknown charset {charset!r}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def check_date(value: Any, field: str = "date") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(422, "invalid_field", f"{field}: must be a string YYYY-MM-DD, not {type(value).__name__}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid_field", f"{field}: {value[:40]!r} is not a date in the form YYYY-MM-DD") from None
    return value


def check_prior(value: Any, field: str = "prior") -> float | None:
    """A share of low-quality articles strictly between 0 and 1 (one article has no batch to estimate one from)."""
    if value is None:
        return None
    if value == "auto":
        raise ApiError(422, "invalid_field", f"{field}: 'auto' estimates a batch's share from its scores; "
                       "one article needs a share, e.g. 0.1")
    try:
        share = float(value)
    except (TypeError, ValueError):
        raise ApiError(422, "invalid_field", f"{field}: must be a share between 0 and 1 (e.g. 0.1), not {str(value)[:40]!r}") from None
    if isinstance(value, bool) or not 0.0 < share < 1.0:
        raise ApiError(422, "invalid_field", f"{field}: must be a share between 0 and 1 (e.g. 0.1), not {value!r}")
    return share


def article_fields(obj: Any, where: str) -> tuple[str, bool | None, dict]:
    """(body, is_html, options) from a JSON article object ``{html|text, url, date, title}``."""
    if not isinstance(obj, dict):
        raise ApiError(422, "invalid_field", f"{where}: must be an object with html or text")
    unknown = sorted(set(obj) - set(ARTICLE_FIELDS) - {"id"})
    if unknown:
        raise ApiError(422, "invalid_field", f"{where}: unknown field {unknown[0]!r} (expected {', '.join(ARTICLE_FIELDS)})")
    has = [k for k in ("html", "text") if obj.get(k) is not None]
    if len(has) != 1:
        raise ApiError(422, "invalid_field", f"{where}: give exactly one of html or text")
    body = obj[has[0]]
    if not isinstance(body, str):
        raise ApiError(422, "invalid_field", f"{where}.{has[0]}: must be a string")
    if not body.strip():
        raise ApiError(422, "invalid_field", f"{where}.{has[0]}: is empty")
    options: dict = {}
    for key in ("url", "title"):
        if obj.get(key) is not None:
            if not isinstance(obj[key], str):
                raise ApiError(422, "invalid_field", f"{where}.{key}: must be a string")
            options[key] = obj[key]
    options["date"] = check_date(obj.get("date"), f"{where}.date")
    options["prior"] = check_prior(obj.get("prior"), f"{where}.prior")
    return body, has[0] == "html", options


def parse_json(data: bytes) -> Any:
    if not data.strip():
        raise ApiError(400, "empty_body", "the request body is empty")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {exc}"[:200]) from None


async def article_request(request: Request, settings: ServeSettings) -> tuple[str, bool | None, dict]:
    """One article from a JSON body or a raw page (text/html, text/plain); query parameters fill url/date/title."""
    kind, charset = media_type(request)
    if kind not in JSON_TYPES and kind not in RAW_TYPES:
        raise ApiError(415, "unsupported_media_type",
                       f"Content-Type {kind or '(none)'!r} is not accepted: send application/json, text/html or text/plain")
    data = await read_body(request, settings)
    if kind in JSON_TYPES:
        body, is_html, options = article_fields(parse_json(data), "body")
    else:
        if not data.strip():
            raise ApiError(400, "empty_body", "the request body is empty; send the page or the article's text")
        body, is_html, options = decode(data, charset), RAW_TYPES[kind], {}
        options["date"] = options["prior"] = None
    q = request.query_params
    for key in ("url", "title"):
        if q.get(key) and not options.get(key):
            options[key] = q[key]
    if q.get("date") and not options.get("date"):
        options["date"] = check_date(q["date"], "date")
    if q.get("prior") and options.get("prior") is None:
        options["prior"] = check_prior(q["prior"], "prior")
    return body, is_html, options


def wants_html(request: Request) -> bool:
    return request.query_params.get("format") == "html"


# ---------------------------------------------------------------- the application

def create_app(settings: ServeSettings | None = None) -> Starlette:
    settings = settings or ServeSettings()
    scheduler = Scheduler(settings)
    reviews = ReviewCache(settings.review_cache)
    info = {**model_info(settings), "version": scorer.__version__, "workers": scheduler.workers}

    async def run_job(fn, *args, jobs: int = 1):
        scheduler.admit(jobs)
        try:
            return await scheduler.run(fn, *args)
        except scorer.ScorerError as exc:
            raise ApiError(422, "unreadable_article", str(exc)) from None
        finally:
            scheduler.release(jobs)

    def result_payload(result, request: Request) -> dict:
        key = reviews.put(result)
        payload = result.as_dict()
        payload["review"] = str(request.url_for("review", id=key))
        return payload

    async def score(request: Request):
        body, is_html, options = await article_request(request, settings)
        result = await run_job(worker.score, body, is_html, options)
        if wants_html(request):

            return HTMLResponse(render_review([result], date_words=API_DATE_SOURCE_WORDS))
        return JSONResponse(result_payload(result, request))

    async def score_batch(request: Request):
        kind, _ = media_type(request)
        if kind not in JSON_TYPES:
            raise ApiError(415, "unsupported_media_type", "send application/json: {\"articles\": [{\"html\"|\"text\": ...}, ...]}")
        doc = parse_json(await read_body(request, settings))
        items = doc.get("articles") if isinstance(doc, dict) else None
        if not isinstance(items, list) or not items:
            raise ApiError(422, "invalid_field", "articles: must be a non-empty list of {html|text, url, date, title}")
        if len(items) > settings.batch_max:
            raise ApiError(413, "too_many_articles", f"articles: {len(items)} given, at most {settings.batch_max} per request")
        parsed = [article_fields(item, f"articles[{i}]") for i, item in enumerate(items)]
        scheduler.admit(len(parsed))
        try:
            outcomes = await asyncio.gather(*(scheduler.run(worker.score, *p) for p in parsed), return_exceptions=True)
        finally:
            scheduler.release(len(parsed))
        results = []
        for i, outcome in enumerate(outcomes):
            item_id = items[i].get("id", i)
            if isinstance(outcome, scorer.ScorerError):
                results.append({"id": item_id, "error": {"status": 422, "code": "unreadable_article", "message": str(outcome)}})
            elif isinstance(outcome, ApiError):
                results.append({"id": item_id, "error": {"status": outcome.status, "code": outcome.code, "message": outcome.message}})
            elif isinstance(outcome, BaseException):
                logger.error("batch item %s failed", i, exc_info=outcome)
                results.append({"id": item_id, "error": {"status": 500, "code": "internal_error", "message": f"internal error ({type(outcome).__name__})"}})
            else:
                results.append({"id": item_id, **result_payload(outcome, request)})
        return JSONResponse({"results": results})

    async def compare(request: Request):
        kind, _ = media_type(request)
        if kind not in JSON_TYPES:
            raise ApiError(415, "unsupported_media_type", "send application/json: {\"original\": {...}, \"rewrite\": {...}}")
        doc = parse_json(await read_body(request, settings))
        if not isinstance(doc, dict):
            raise ApiError(422, "invalid_field", "body: must be an object with original and rewrite")
        sides = []
        for name in ("original", "rewrite"):
            value = doc.get(name)
            if isinstance(value, str):
                value = {"text": value}
            if value is None:
                raise ApiError(422, "invalid_field", f"{name}: missing (an article object {{html|text}} or a string)")
            body, _, _ = article_fields(value, name)
            sides.append(body)
        findings = doc.get("findings", True)
        if not isinstance(findings, bool):
            raise ApiError(422, "invalid_field", "findings: must be true or false")
        options = {"date": check_date(doc.get("date")), "findings": findings}
        result = await run_job(worker.compare, sides[0], sides[1], options, jobs=2)
        if wants_html(request):

            return HTMLResponse(render_compare(result))
        return JSONResponse(result.as_dict())

    async def extract(request: Request):
        body, is_html, options = await article_request(request, settings)
        article = await run_job(worker.extract, body, is_html, options)
        return JSONResponse({"text": article.text, "article": article.metadata_dict(),
                             "paragraphs": len(article.paragraphs), "sentences": len(article.sentences),
                             "removed": [r.as_dict() for r in article.removed]})

    async def health(request: Request):
        return JSONResponse({"status": "ok", **info, "inflight": scheduler.inflight, "capacity": scheduler.capacity,
                             "completed": scheduler.completed})

    async def review(request: Request):
        result = reviews.get(request.path_params["id"])
        if result is None:
            raise ApiError(404, "not_found", "no such review: results are kept for the most recent "
                           f"{settings.review_cache} articles scored by this server")
        if request.query_params.get("format") == "json":
            return JSONResponse(result.as_dict())

        return HTMLResponse(render_review([result], date_words=API_DATE_SOURCE_WORDS))

    async def openapi(request: Request):
        return JSONResponse(openapi_schema(settings))

    async def api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, close=exc.close, headers=exc.headers)

    async def http_error(request: Request, exc: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
        message = {404: f"no such endpoint: {request.url.path} (see /v1/openapi.json)",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(exc.status_code, str(exc.detail))
        return error_response(exc.status_code, code, message, headers=exc.headers)

    async def server_error(request: Request, exc: Exception):
        logger.exception("unexpected failure on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", f"internal error ({type(exc).__name__}); please report it")

    @asynccontextmanager
    async def lifespan(app):
        await asyncio.get_running_loop().run_in_executor(None, scheduler.start)
        try:
            yield
        finally:
            scheduler.stop()

    routes = [
        Route("/v1/score", score, methods=["POST"]),
        Route("/v1/score/batch", score_batch, methods=["POST"]),
        Route("/v1/compare", compare, methods=["POST"]),
        Route("/v1/extract", extract, methods=["POST"]),
        Route("/v1/health", health, methods=["GET"]),
        Route("/v1/review/{id}", review, methods=["GET"], name="review"),
        Route("/v1/openapi.json", openapi, methods=["GET"]),
    ]
    middleware = [Middleware(Guard, settings=settings)]
    if settings.cors_origins:
        middleware.insert(0, Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                        allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={ApiError: api_error, HTTPException: http_error, Exception: server_error})
    app.state.scheduler = scheduler
    return app


class Guard:
    """ASGI middleware: bearer-token check and the access log line (one per request)."""
    OPEN_PATHS = ("/v1/health",)

    def __init__(self, app, settings: ServeSettings):
        self.app, self.settings = app, settings
        self.token = settings.token.encode() if settings.token else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status, sent = 0, 0

        async def logged_send(message):
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            # h11 caps headers that arrive in pieces; headers that arrive whole are measured here.
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") + sum(len(k) + len(v) + 4 for k, v in scope["headers"])
            if size > self.settings.max_header:
                await self._reply(logged_send, 431, "headers_too_large",
                                  f"request line and headers are {size:,} bytes, over the {self.settings.max_header:,}-byte limit")
                return
            if self.token is not None and scope["path"] not in self.OPEN_PATHS and scope["method"] != "OPTIONS":
                given = dict(scope["headers"]).get(b"authorization", b"")
                if not (given.startswith(b"Bearer ") and hmac.compare_digest(given[7:].strip(), self.token)):
                    await self._reply(logged_send, 401, "unauthorized", "missing or wrong bearer token (Authorization: Bearer ...)",
                                      [(b"www-authenticate", b'Bearer realm="scorer"')])
                    return
            await self.app(scope, receive, logged_send)
        finally:
            if self.settings.access_log:
                client = scope.get("client") or ("-", 0)
                query = ("?" + scope["query_string"].decode("latin-1")) if scope.get("query_string") else ""
                access_logger.info('%s:%s "%s %s%s" %s %dB %.1fms', client[0], client[1], scope["method"], scope["path"],
                                   query[:200], status or "-", sent, (time.perf_counter() - start) * 1000)

    @staticmethod
    async def _reply(send, status: int, code: str, message: str, extra: list | None = None) -> None:
        """An error answered before the app runs; the body is not read, so the connection is closed."""
        body = error_bytes(status, code, message)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *(extra or [])]})
        await send({"type": "http.response.body", "body": body})
