"""Prediction without per-call overhead: no input validation, no thread team.

Scoring calls the classifier on small batches (one article, or one chunk of a batch), where
what costs most is not arithmetic but what surrounds it:

* scikit-learn validates every estimator's parameters and checks the input for NaN and
  infinity on every call. The featurizer makes only finite numbers, so
  ``sklearn.config_context(assume_finite=True, skip_parameter_validation=True)`` skips
  both (about half the classifier's time on one row).
* HistGradientBoosting predicts with an OpenMP parallel loop: on one row, starting and
  synchronising a thread team costs far more than the trees, and on a busy machine the
  threads wait for cores (an HTTP request took a median of 18 s). Scoring runs on one
  thread; more cores are used by more processes, each on its own articles.
"""
from __future__ import annotations

import contextlib
import sys
import threading
from typing import Any, Iterator

from threadpoolctl import ThreadpoolController

_controller: ThreadpoolController | None = None
_lock = threading.Lock()


def _threadpools() -> ThreadpoolController:
    # Made once: finding the loaded BLAS and OpenMP libraries takes milliseconds. The model is
    # loaded (so are scikit-learn's OpenMP and numpy's BLAS) before anything is predicted.
    global _controller
    with _lock:
        if _controller is None:
            _controller = ThreadpoolController()
        return _controller


@contextlib.contextmanager
def fast_prediction(threads: int | None = 1) -> Iterator[None]:
    """Inside: scikit-learn skips validation, and BLAS/OpenMP use at most ``threads`` threads (None: unchanged)."""
    limits: Any = _threadpools().limit(limits=threads) if threads is not None else contextlib.nullcontext()
    # A model loaded from its exported arrays (scorer.model.portable) predicts without scikit-learn:
    # nothing to configure then, and importing it would cost more than the prediction.
    sklearn = sys.modules.get("sklearn")
    settings: Any = (sklearn.config_context(assume_finite=True, skip_parameter_validation=True)
                     if sklearn is not None else contextlib.nullcontext())
    with settings, limits:
        yield
