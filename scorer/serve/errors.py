"""Every error the API returns has one shape: ``{"error": {"status", "code", "message"}}``."""
from __future__ import annotations

import json

from starlette.responses import JSONResponse

#: The codes a client can rely on (the OpenAPI schema lists them too).
CODES = {
    400: ("bad_request", "malformed_json", "empty_body", "bad_content_length"),
    401: ("unauthorized",),
    404: ("not_found",),
    405: ("method_not_allowed",),
    408: ("request_timeout",),
    413: ("body_too_large", "too_many_articles"),
    415: ("unsupported_media_type",),
    422: ("invalid_field", "unreadable_article"),
    429: ("too_many_requests",),
    431: ("headers_too_large",),
    500: ("internal_error",),
    503: ("scoring_timeout", "not_ready"),
}


class ApiError(Exception):
    """Raised anywhere in a request; turned into the JSON error response."""

    def __init__(self, status: int, code: str, message: str, *, close: bool = False, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.close, self.headers = status, code, message, close, headers or {}


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str, *, close: bool = False, headers: dict | None = None) -> JSONResponse:
    hdrs = dict(headers or {})
    if close:
        hdrs["Connection"] = "close"
    return JSONResponse(error_body(status, code, message), status_code=status, headers=hdrs)


def error_bytes(status: int, code: str, message: str) -> bytes:
    return json.dumps(error_body(status, code, message)).encode("utf-8")
