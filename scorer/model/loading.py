"""Which model scores: the shipped one, a directory the user names, or the interim rule.

Loading a joblib pickle runs code, so only two models are ever loaded:

* the shipped default, whose ``model.joblib`` must have the sha256 recorded here in the
  package (:data:`SHIPPED_MODEL_SHA256`; metadata beside the file would prove nothing), and
* a directory the user names, only with ``trust=True`` (``--trust-model`` on the command
  line): whoever wrote that file can run any code on this machine when it loads.
"""
from __future__ import annotations

import hashlib
import logging
import os
from importlib import resources
from pathlib import Path

from scorer.core.errors import ModelError
from scorer.model.predictor import InterimRule, Predictor

logger = logging.getLogger(__name__)


def default_model_dir() -> Path | None:
    """The shipped model directory inside the installed package, if a trained model is there."""
    try:
        path = Path(str(resources.files("scorer._bundled_models").joinpath("default")))
    except ModuleNotFoundError:
        # Imported straight from a source checkout (e.g. a worker process started with the
        # checkout on sys.path), where models/ is not mapped to scorer._bundled_models.
        path = Path(__file__).resolve().parents[2] / "models" / "default"
    return path if (path / "model.joblib").is_file() else None


#: sha256 of the shipped ``models/default/model.joblib``. Retraining the shipped model
#: (benchmarks/classifier.py) means updating this line; tests/hostile checks they agree.
SHIPPED_MODEL_SHA256 = "241c7c22002f93fee98a757619c5069dcbae85c002878c91fba938f7a5ed610d"

#: What the one-line error says when a user's model is named without trust.
UNTRUSTED = (
    "a model directory holds a pickle, and loading it runs whatever code it contains; "
    "pass --trust-model (trust=True in Python) only for a model you made or whose maker you trust"
)


def load_model(path: str | Path | None = None, *, trust: bool = False) -> Predictor:
    """The model in directory ``path``, or the shipped default when ``path`` is None.

    The shipped model is checked against :data:`SHIPPED_MODEL_SHA256` before it is unpickled.
    Any other directory is loaded only with ``trust=True``; otherwise :class:`ModelError`,
    and nothing in the directory but its JSON metadata is read.
    """
    # Imported here, not at the top: scikit-learn is slow to import and the interim rule needs none of it.
    from scorer.model.trained import MODEL_FILE, load_trained_model

    shipped = default_model_dir()
    if path is None:
        if shipped is None:
            logger.info("no trained model shipped; using the interim rule")
            return InterimRule()
        return load_trained_model(shipped, sha256=SHIPPED_MODEL_SHA256)
    path = Path(path)
    if shipped is not None and _same_file(path / MODEL_FILE, shipped / MODEL_FILE):
        return load_trained_model(path, sha256=SHIPPED_MODEL_SHA256)
    if not trust:
        raise ModelError(f"{path}: not loaded: {UNTRUSTED}")
    return load_trained_model(path)


def model_digest(directory: str | Path) -> str:
    """sha256 (hex) of what makes a model directory score as it does: its ``.joblib`` and ``.json``
    files by name and content, ``metrics.json`` left out (it reports on the model, it does not change it).

    One definition for every place that names a model: the HTTP API's health, the article store's model keys.
    """
    digest = hashlib.sha256()
    for file in sorted(Path(directory).iterdir()):
        if file.is_file() and file.suffix in (".joblib", ".json") and file.name != "metrics.json":
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
