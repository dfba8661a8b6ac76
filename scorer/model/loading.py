"""Which model scores: the shipped one, a directory the user names, or the interim rule.

Loading a joblib pickle runs code, so only the shipped default and a directory the user
names are ever loaded.
"""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

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


def load_model(path: str | Path | None = None) -> Predictor:
    """The model in directory ``path``, or the shipped default when ``path`` is None."""
    if path is None:
        directory = default_model_dir()
        if directory is None:
            logger.info("no trained model shipped; using the interim rule")
            return InterimRule()
        path = directory
    # Imported here, not at the top: scikit-learn is slow to import and the interim rule needs none of it.
    from scorer.model.trained import load_trained_model

    return load_trained_model(Path(path))
