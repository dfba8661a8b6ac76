"""`scorer serve`: the HTTP API (thin: options → :class:`ServeSettings` → :func:`server.run`)."""
from __future__ import annotations

import logging
import sys

import click

from scorer.serve.settings import ServeSettings, read_token


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=0, show_default=True, type=click.IntRange(0, 256), help="Scoring processes (0: one per core).")
@click.option("--model", type=click.Path(exists=True, file_okay=False), help="A model directory (default: the shipped model); needs --trust-model.")
@click.option("--trust-model", is_flag=True, help="Load the --model directory: a model is a pickle, and loading it runs any code its maker put in it.")
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False),
              help="Require 'Authorization: Bearer <token>' with the token in this file (default: $SCORER_TOKEN if set).")
@click.option("--cors-origin", "cors_origins", multiple=True, help="An origin browsers may call the API from. Repeatable.")
@click.option("--max-body", default=5_000_000, show_default=True, type=click.IntRange(1), help="Largest request body, in bytes (413 over it).")
@click.option("--max-header", default=16_384, show_default=True, type=click.IntRange(1024), help="Largest request line + headers, in bytes (431).")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), help="Seconds to send the headers (408, then dropped).")
@click.option("--body-timeout", default=15.0, show_default=True, type=click.FloatRange(0.1), help="Seconds to send the body (408, then dropped).")
@click.option("--job-timeout", default=60.0, show_default=True, type=click.FloatRange(0.1), help="Seconds one scoring job may take (503).")
@click.option("--max-queue", default=0, show_default=True, type=click.IntRange(0), help="Jobs waiting beyond those running (0: 4 per worker); 429 over it.")
@click.option("--batch-max", default=32, show_default=True, type=click.IntRange(1, 1000), help="Articles in one /v1/score/batch request.")
@click.option("--no-access-log", is_flag=True, help="No log line per request.")
def serve_command(**options) -> None:
    """Serve the HTTP API (needs the 'serve' extra: pip install 'scorer[serve]').

    \b
    Examples:
      scorer serve --port 8000
      curl -s -H 'Content-Type: text/html' --data-binary @article.html 'http://127.0.0.1:8000/v1/score?date=2026-01-22'
      SCORER_TOKEN=secret scorer serve --host 0.0.0.0 --cors-origin https://cms.example.org
    Endpoints: POST /v1/score, /v1/score/batch, /v1/compare, /v1/extract; GET /v1/health, /v1/review/{id}, /v1/openapi.json
    """
    try:
        from scorer.serve.server import bind, run
    except ImportError as exc:
        raise click.ClickException(f"the HTTP API needs the 'serve' extra (pip install 'scorer[serve]'): {exc}") from None
    try:
        token = read_token(options.pop("token_file"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    # The options become one ServeSettings here and travel no further.
    host, port = options["host"], options["port"]
    settings = ServeSettings(token=token, cors_origins=tuple(options.pop("cors_origins")), access_log=not options.pop("no_access_log"), **options)
    try:
        sock = bind(host, port)
    except OSError as exc:  # port taken, address not on this machine, no permission
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    port = sock.getsockname()[1]
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    click.echo(f"scorer: serving on http://{host}:{port} with {settings.resolved_workers()} scoring workers"
               f"{' (bearer token required)' if token else ''}; API description at /v1/openapi.json", err=True)
    run(settings, sock)
