"""ASGI middleware in front of the routes: header-size limit, bearer token, one access-log line per request."""
from __future__ import annotations

import hmac
import logging
import time

from scorer.serve.errors import error_bytes
from scorer.serve.settings import ServeSettings

access_logger = logging.getLogger("scorer.access")


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
