"""Which model scores: the shipped one, a directory the user names, or the interim rule.

Loading a joblib pickle runs code, so only two models are ever loaded:

* the shipped default, whose ``model.joblib`` must have the sha256 recorded here in the
  package (:data:`SHIPPED_MODEL_SHA256`; metadata beside the file would prove nothing), and
* a directory the user names, only with ``trust=True`` (``--trust-model`` on the command
  line): whoever wrote that file can run any code on this machine when it loads.

Either is scored from its exported arrays (``model.npz``, :mod:`scorer.model.portable`) when the
directory has them and they were made from that very ``model.joblib`` (its sha256): the same
probabilities without importing scikit-learn or unpickling anything. Otherwise, as before, from
``model.joblib``.
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
SHIPPED_MODEL_SHA256 = "899e3b68e3a57664c347056d06c6412016eac35cdf9ceb19e4ca5c9c0aca4137"

#: What the one-line error says when a user's model is named without trust.
UNTRUSTED = (
    "a model directory holds a pickle, and loading it runs whatever code it contains; "
    "pass --trust-model (trust=True in Python) only for a model you made or whose maker you trust"
)


def load_model(path: str | Path | None = None, *, trust: bool = False) -> Predictor:
    """The model in directory ``path``, or the shipped default when ``path`` is None.

    The shipped model is checked against :data:`SHIPPED_MODEL_SHA256` before it is read.
    Any other directory is loaded only with ``trust=True``; otherwise :class:`ModelError`,
    and nothing in the directory but its JSON metadata is read.
    """
    # Imported here, not at the top: the interim rule needs none of the trained model's code.
    from scorer.model.trained import MODEL_FILE

    shipped = default_model_dir()
    if path is None:
        if shipped is None:
            logger.info("no trained model shipped; using the interim rule")
            return InterimRule()
        return _load_directory(shipped, SHIPPED_MODEL_SHA256)
    path = Path(path)
    if shipped is not None and _same_file(path / MODEL_FILE, shipped / MODEL_FILE):
        return _load_directory(path, SHIPPED_MODEL_SHA256)
    if not trust:
        raise ModelError(f"{path}: not loaded: {UNTRUSTED}")
    return _load_directory(path, None)


def _load_directory(path: Path, sha256: str | None) -> Predictor:
    """The model in ``path`` from its exported arrays when they match its model.joblib, else from model.joblib.

    Anything amiss on the way to the arrays (no file, another model's arrays, metadata that does not
    fit) falls back to :func:`load_trained_model`, which checks ``sha256`` and reports any error
    exactly as it always has.
    """
    from scorer.model.trained import MODEL_FILE, TrainedModel, check_compatible, load_trained_model, read_metadata

    exported = _exported(path, sha256, MODEL_FILE)
    if exported is not None:
        try:
            metadata = read_metadata(path)
            check_compatible(metadata, str(path))
            if list(exported.named_steps["features"].get_feature_names_out()) == list(metadata["features"]):
                return TrainedModel(exported, metadata, path)
        except (ModelError, KeyError, TypeError, ValueError, AttributeError, IndexError):
            pass
    return load_trained_model(path, sha256=sha256)


def _exported(path: Path, sha256: str | None, model_file: str):
    """The exported arrays of ``path`` if they were made from its model.joblib (whose sha256 must be ``sha256`` when given)."""
    from scorer.model.portable import PORTABLE_FILE, read_portable

    if not (path / PORTABLE_FILE).is_file():
        return None
    try:
        digest = hashlib.sha256((path / model_file).read_bytes()).hexdigest()
    except OSError:
        return None
    if sha256 is not None and digest != sha256:
        return None
    return read_portable(path, digest)


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
