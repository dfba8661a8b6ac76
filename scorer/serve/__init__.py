"""The HTTP API: ``scorer serve`` (Starlette on uvicorn, in the ``serve`` extra).

    from scorer.serve import ServeSettings, create_app
    app = create_app(ServeSettings(workers=2, token="secret"))   # any ASGI server can run it
"""
from __future__ import annotations

from scorer.serve.settings import ServeSettings, read_token


def create_app(settings: ServeSettings | None = None):
    from scorer.serve.app import create_app as _create

    return _create(settings)


__all__ = ["ServeSettings", "create_app", "read_token"]
