"""Run the app on uvicorn with limits against slow, lying and idle clients.

uvicorn (h11) already caps the size of the request line + headers
(``h11_max_incomplete_event_size``) and closes idle keep-alive connections. It does
not time out a client that opens a connection and sends its headers slowly or not at
all; :class:`GuardedH11Protocol` adds that (408 then close), and answers a protocol
error with the JSON error shape (431 when the headers are too large).
The body's size and time limits are enforced by the app while it reads the body.
"""
from __future__ import annotations

import asyncio
import logging
import socket

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from scorer.serve.app import create_app
from scorer.serve.errors import error_bytes
from scorer.serve.settings import ServeSettings

logger = logging.getLogger("scorer.serve")


def guarded_protocol(settings: ServeSettings) -> type[H11Protocol]:
    class GuardedH11Protocol(H11Protocol):
        header_timeout = settings.header_timeout
        max_header = settings.max_header
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport):  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            # Still waiting for a complete request line and headers: the clock keeps running.
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self._arm()
            else:
                self._disarm()

        def connection_lost(self, exc):
            self._disarm()
            super().connection_lost(exc)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            # Between requests the keep-alive timeout applies; the header clock restarts with the next bytes,
            # or now when part of a next request is already buffered (a body longer than its Content-Length).
            self._disarm()
            if self.conn.their_state is h11.IDLE and self.conn.trailing_data[0] and not self.transport.is_closing():
                self._arm()

        def _headers_late(self) -> None:
            self._header_timer = None
            if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
                return
            buffered = bool(self.conn.trailing_data[0])
            if buffered:  # a request was started: tell the client why it is dropped
                self._send_raw(408, "request_timeout", f"the request headers did not arrive within {self.header_timeout:g} s")
            else:
                self.transport.close()

        def _send_raw(self, status: int, code: str, message: str) -> None:
            body = error_bytes(status, code, message)
            reason = {400: b"Bad Request", 408: b"Request Timeout", 431: b"Request Header Fields Too Large"}[status]
            self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\nconnection: close\r\n\r\n"
                                 % (status, reason, len(body)) + body)
            self.transport.close()

        def send_400_response(self, msg: str) -> None:  # h11 could not parse the request
            if len(self.conn.trailing_data[0]) >= self.max_header:
                self._send_raw(431, "headers_too_large", f"request line and headers are over the {self.max_header:,}-byte limit")
            else:
                self._send_raw(400, "bad_request", "malformed HTTP request")

    return GuardedH11Protocol


def uvicorn_config(app, settings: ServeSettings, **overrides) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        http=guarded_protocol(settings),
        h11_max_incomplete_event_size=settings.max_header,
        timeout_keep_alive=int(max(settings.keep_alive, 1)),
        access_log=False,  # the app writes its own line per request (scorer.access)
        log_config=None,
        lifespan="on",
        server_header=False,
        **overrides,
    )


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the app starts (so a taken port is an error before any worker starts)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run(settings: ServeSettings, sock=None) -> None:

    sock = sock or bind(settings.host, settings.port)
    server = uvicorn.Server(uvicorn_config(create_app(settings), settings))
    server.run(sockets=[sock])
