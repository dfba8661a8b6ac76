"""One options object for a server, built in one place (from `scorer serve` options or a caller)."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

#: Environment variable holding the bearer token (a file given with --token-file wins).
TOKEN_ENV = "SCORER_TOKEN"


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # scoring processes; 0 = one per core
    model: str | None = None
    #: Load ``model`` although it is a pickle (its code runs): the user said so with --trust-model.
    trust_model: bool = False
    token: str | None = None  # bearer token; None = no auth
    cors_origins: tuple[str, ...] = ()
    max_body: int = 5_000_000  # bytes of request body
    max_header: int = 16_384  # bytes of request line + headers (h11's incomplete-event limit)
    header_timeout: float = 10.0  # seconds for a client to send the request line and headers
    body_timeout: float = 15.0  # seconds for a client to send the whole body
    keep_alive: float = 5.0  # seconds an idle keep-alive connection is kept
    job_timeout: float = 60.0  # seconds one scoring job may take before the request gets 503
    max_queue: int = 0  # scoring jobs waiting beyond those running; 0 = 4 per worker; over it: 429
    batch_max: int = 32  # articles in one /v1/score/batch request
    review_cache: int = 256  # recent results kept for GET /v1/review/{id}
    access_log: bool = True

    def resolved_workers(self) -> int:
        return self.workers or max(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1), 1)

    def resolved_queue(self) -> int:
        return self.max_queue or 4 * self.resolved_workers()

    def with_options(self, **kwargs) -> "ServeSettings":
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


def read_token(token_file: str | Path | None) -> str | None:
    """The bearer token: from ``token_file`` (first line) or the SCORER_TOKEN environment variable, else None."""
    if token_file is not None:
        token = Path(token_file).read_text(encoding="utf-8").strip().splitlines()
        if not token or not token[0].strip():
            raise ValueError(f"{token_file}: empty token file")
        return token[0].strip()
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None
