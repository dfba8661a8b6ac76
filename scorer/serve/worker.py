"""What runs in the scoring processes. Imports stay lazy: the worker pins its math
libraries to one thread (OMP_NUM_THREADS=1, then threadpoolctl) before numpy or
scikit-learn are loaded, so one request uses one core and latency does not grow
with the load on the other workers.
"""
from __future__ import annotations

import os

import scorer
from scorer.compare import compare as compare_texts
from scorer.pipeline import article_from_text, score_article

_STATE: dict = {}


def init(config, server_pid: int | None = None) -> None:
    """Process initializer: one thread per worker, model loaded once."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    from threadpoolctl import threadpool_limits


    _watch_server(server_pid or os.getppid())
    _STATE["limits"] = threadpool_limits(1)  # kept: the limit lasts while this object lives
    _STATE["config"] = config
    _STATE["model"] = scorer.load_model(config.model, trust=config.trust_model)
    # Warm the pipeline so the first real request does not pay for lazy imports.
    try:

        score_article(article_from_text(_WARM_TEXT, config=config), config, _STATE["model"])
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        pass


def _watch_server(server_pid: int) -> None:
    """Exit when the server process is gone (killed without a chance to stop its pool): no orphaned workers.

    The server, not the parent: with the forkserver start method the parent is the fork server,
    which can outlive the server."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(server_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="scorer-parent-watch", daemon=True).start()


def ping() -> int:
    return os.getpid()


def _config(options: dict):
    import datetime as dt

    cfg = _STATE["config"]
    date = options.get("date")
    return cfg.with_options(date=dt.date.fromisoformat(date) if date else None, url=options.get("url"), prior=options.get("prior"))


def score(body: str, is_html: bool | None, options: dict):
    """A ScoreResult for one article (ScorerError propagates: the server turns it into a 422)."""
    cfg = _config(options)
    article = article_from_text(body, input=options.get("input", "request"), config=cfg, is_html=is_html)
    if options.get("title") and not article.title:
        from dataclasses import replace

        article = replace(article, title=options["title"])
    return score_article(article, cfg, _STATE["model"])


def extract(body: str, is_html: bool | None, options: dict):

    return article_from_text(body, input=options.get("input", "request"), config=_config(options), is_html=is_html)


def compare(original: str, rewrite: str, options: dict):

    return compare_texts(original, rewrite, config=_config(options), findings=options.get("findings", True))


_WARM_TEXT = (
    "The council voted 5-2 on Tuesday to delay the opening of the new school by one year, after an engineering survey "
    "found that the drainage would not cope with heavy rain, the board chair said. The survey cost 40,000 dollars."
)
