"""The HTTP API as an ASGI application (Starlette): the routes and their wiring.

Why Starlette and not FastAPI: the endpoints take raw pages (any content type, read
as a stream under a size and time limit) as often as JSON, so request models would
be bypassed anyway; Starlette is the small core FastAPI is built on, and the
OpenAPI document is written by hand (``openapi.py``) and checked by a test.
Both it and uvicorn are in the ``serve`` extra: scoring files needs neither.

The jobs live in small modules: ``bodies.py`` reads and checks request bodies,
``guard.py`` is the middleware (header limit, bearer token, access log),
``scheduler.py`` runs scoring in the worker pool (``worker.py``) with admission
control, and ``openapi.py`` describes the routes defined here.
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

import scorer
from scorer.review import API_DATE_SOURCE_WORDS, render_compare, render_review
from scorer.serve import worker
from scorer.serve.bodies import JSON_TYPES, article_fields, article_request, check_date, media_type, parse_json, read_body, wants_html
from scorer.serve.errors import ApiError, error_response
from scorer.serve.guard import Guard
from scorer.serve.openapi import openapi_schema
from scorer.serve.scheduler import ReviewCache, Scheduler, model_info
from scorer.serve.settings import ServeSettings

logger = logging.getLogger("scorer.serve")


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
