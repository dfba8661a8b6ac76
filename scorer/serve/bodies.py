"""Request bodies: read under the size and time limits, decoded, and checked into article fields.

Errors are ``ApiError`` with the status a client should see (400, 408, 413, 415, 422).
"""
from __future__ import annotations

import asyncio
import codecs
import datetime as dt
import json
from typing import Any

from starlette.requests import ClientDisconnect, Request

from scorer.serve.errors import ApiError
from scorer.serve.settings import ServeSettings

JSON_TYPES = ("application/json",)
RAW_TYPES = {"text/html": True, "application/xhtml+xml": True, "text/plain": False}
ARTICLE_FIELDS = ("html", "text", "url", "date", "title", "prior")


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
