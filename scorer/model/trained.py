"""A trained model directory (``model.joblib`` + ``metadata.json``) as a :class:`~scorer.model.predictor.Predictor`.

Loading a joblib file runs code, so only two kinds of directory are ever loaded:
the shipped ``models/default`` and a directory the user names with ``--model``.
Before unpickling, the metadata is checked against this version of scorer: a
model built for other features (a family added, renamed or redefined) is refused
with a message that says what differs and how to fix it.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import platform
import warnings
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from scorer.core.document import Article, Finding, Reason, SignalResult
from scorer.core.errors import InputError, ModelError
from scorer.core.odds import DEFAULT_PRIOR
from scorer.core.version import __version__
from scorer.model.evidence import StaleFactEvidence, TemplateEvidence
from scorer.model.explain import batch_effects, feature_message, reference_medians
from scorer.model.reason_choice import choose_reasons, findings_phrase, quoted_examples, reason_table
from scorer.model.features import (
    ENGLISH,
    VOCABULARY,
    compute_signals,
    declared_feature_names,
    extract_features,
    family_version,
)
from scorer.model.predictor import Prediction
from scorer.model.speed import fast_prediction

logger = logging.getLogger(__name__)

#: Bumped when the layout of a model directory changes.
MODEL_FORMAT = 1
MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"
METRICS_FILE = "metrics.json"
CARD_FILE = "MODEL_CARD.md"  # the shipped model's card (benchmarks/classifier.py writes it)


def library_versions() -> dict[str, str]:
    import joblib
    import scipy
    import sklearn

    return {
        "scorer": __version__,
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
    }


class TrainedModel:
    """A fitted scikit-learn pipeline plus what it was trained on, ready to score articles."""
    def __init__(self, pipeline: Any, metadata: Mapping[str, Any], path: Path | None = None):
        self.pipeline = pipeline
        self.metadata = dict(metadata)
        self.path = path
        self.name = str(metadata.get("name", "trained"))
        self.threshold = float(metadata.get("threshold", 0.5))
        # None in the metadata: calibrated on the training set's own share of low_quality articles.
        prior = metadata.get("model", {}).get("calibration_prior", DEFAULT_PRIOR)
        data = metadata.get("training_data", {})
        self.calibration_prior = float(prior) if prior is not None else data.get("low_quality", 1) / max(data.get("articles", 2), 1)
        self.feature_names: list[str] = list(metadata["features"])
        self._reference = metadata.get("reference", {})
        self._population = self._reference.get("population", "the ok training articles")
        self._stats = self._reference.get("features", {})
        # Template blocks the labelled sets cannot teach (scorer.model.evidence); absent in older models: none.
        self.evidence = TemplateEvidence.from_dict(metadata.get("evidence"))
        # Stale facts against a known date, which undated labelled sets cannot teach; absent in older models: none.
        self.stale_facts = StaleFactEvidence.from_dict(metadata.get("stale_fact_evidence"))

    def featurizer_options(self) -> dict[str, Any]:
        options = self.metadata["featurizer"]
        return {"families": tuple(options["families"]), "style": bool(options["style"]), "undated": options["undated"]}

    def features_of(self, article: Article, signals: Mapping[str, SignalResult] | None = None) -> dict[str, float]:
        return extract_features(article, self._signals(article, signals), **self.featurizer_options())

    def _signals(self, article: Article, signals: Mapping[str, SignalResult] | None) -> Mapping[str, SignalResult]:
        """``signals``, or all the model reads computed afresh when some family is missing."""
        families = self.featurizer_options()["families"]
        if signals is None or any(family not in signals for family in families):
            return compute_signals(article, families=families)
        return signals

    def predict_features(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Probabilities of low_quality for feature mappings made by ``extract_features``.

        NaN for an article that is not in English: the model has no verdict on it.
        """

        if not rows:
            return np.zeros(0)
        # Threads left as they are: evaluation predicts thousands of rows at once.
        with fast_prediction(threads=None):
            p = self.pipeline.predict_proba(list(rows))[:, 1]
        if self.evidence is not None:
            p = self.evidence.apply(p, self.evidence.of_rows(rows))
        if self.stale_facts is not None:
            p = self.stale_facts.apply(p, rows, self.threshold)
        english = np.asarray([row.get(ENGLISH, 1.0) for row in rows], dtype=float)
        return np.where(english > 0, p, np.nan)

    def predict(self, article: Article, signals: Mapping[str, SignalResult], *, threshold: float | None = None):
        """One article's :class:`Prediction` (a batch of one: see :meth:`predict_many`)."""
        (prediction,) = self.predict_many([(article, signals)], threshold=threshold)
        if isinstance(prediction, Exception):
            raise prediction
        return prediction

    def predict_many(self, items: Sequence[tuple[Article, Mapping[str, SignalResult]]], *,
                     threshold: float | None = None) -> list[Prediction | InputError]:
        """Predictions for a batch of ``(article, signals)`` pairs, in order.

        One vectorised call each for the featurizer's learned features (the wording model),
        the classifier and the explanations (:func:`~scorer.model.explain.batch_effects`):
        each article is scored once, in the same call as its explanation's trial rows. An
        article that is not in English gets an :class:`InputError` in its place (not raised,
        so the rest of the batch is scored); :meth:`predict` raises it. ``threshold``: the probability,
        on this model's scale, from which the caller labels an article low_quality (default: the
        model's own); the reasons point the way of that label.
        """
        decision = self.threshold if threshold is None else float(threshold)
        out: list[Prediction | InputError | None] = [None] * len(items)
        rows, where = [], []
        used: dict[int, Mapping[str, SignalResult]] = {}
        for i, (article, signals) in enumerate(items):
            used[i] = self._signals(article, signals)  # their findings name what the reasons count
            features = self.features_of(article, used[i])
            if not features.get(ENGLISH, 1.0):
                # Rates of English function words and phrases mean nothing in another language.
                out[i] = InputError("the model scores English articles only, and this text does not look like English")
            else:
                rows.append(features)
                where.append(i)
        if rows:
            featurizer = self.pipeline.named_steps["features"]
            with fast_prediction():
                X = featurizer.transform(rows)
                if self._stats:
                    learned, effects = batch_effects(self.pipeline[1:], X, self._medians())
                else:
                    learned, effects = self.pipeline[1:].predict_proba(X)[:, 1], None
            shifts = self.evidence.of_rows(rows) if self.evidence is not None else np.zeros(len(rows))
            for k, (i, features) in enumerate(zip(where, rows)):
                out[i] = self._prediction(items[i][0], used[i], features, X[k], float(learned[k]), float(shifts[k]),
                                          None if effects is None else effects[k], decision)
        return out  # type: ignore[return-value]

    def _medians(self) -> np.ndarray:
        medians = getattr(self, "_reference_medians", None)
        if medians is None:
            medians = self._reference_medians = reference_medians(self._stats, self.feature_names)
        return medians

    def _prediction(self, article: Article, signals: Mapping[str, SignalResult], features: Mapping[str, float], x: np.ndarray,
                    learned: float, shift: float, effects: np.ndarray | None, decision: float) -> Prediction:
        """One article's prediction from its row of a batch: probability, evidence, reasons."""
        probability = float(self.evidence.apply(learned, shift)) if self.evidence is not None and shift > 0 else learned
        evidence: list[Reason] = []
        findings = [f for result in signals.values() for f in result.findings]
        findings.sort(key=lambda f: (f.start, f.end, f.kind))
        if shift > 0:
            evidence.append(self._evidence_reason(features, learned, probability, findings))
        if self.stale_facts is not None and self.stale_facts.facts([features])[0] > 0:
            before = probability
            probability = float(self.stale_facts.apply(probability, [features], decision)[0])
            evidence.insert(0, self._stale_fact_reason(features, before, probability, findings))
        why: tuple = tuple(evidence)
        if effects is not None:
            featurizer = self.pipeline.named_steps["features"]

            def examples(name: str) -> str:
                # The learned words an article uses, made only for the wording reason shown.
                return ", ".join(f"“{w}”" for w in featurizer.vocabulary_found(article.text, name))

            why = choose_reasons(self.feature_names, x, effects, self._stats, self._population, findings,
                                 low_quality=probability >= decision, evidence=evidence, wording_examples=examples)
        return Prediction(probability=probability, reasons=why)

    def _stale_fact_reason(self, features: Mapping[str, float], before: float, probability: float, findings: Sequence[Finding]) -> Reason:
        """The stale facts as a reason an editor can check (the anachronism findings show each one), ranked first."""
        assert self.stale_facts is not None
        facts = int(self.stale_facts.facts([features])[0])
        stale = [f for f in findings if f.kind == "anachronism"]
        quoted = f" ({quoted_examples(stale)})" if stale else ""
        message = (
            f"{facts} stale fact{'s' if facts != 1 else ''} for the article's date{quoted}: "
            "a fixed rule counts them, since the training data carries no dates, and an article with one is "
            "never labelled ok on its style alone"
        )
        return Reason(self.stale_facts.count_feature, 100.0 * (before - probability), message, "evidence")

    def _evidence_reason(self, features: Mapping[str, float], learned: float, probability: float, findings: Sequence[Finding]) -> Reason:
        """The template evidence as a reason naming the blocks (kept before the model's own reasons)."""
        assert self.evidence is not None
        name = self.evidence.feature
        kinds = reason_table().role(name).kinds or ("seo_block",)
        message = f"{findings_phrase(kinds, findings)}: " + feature_message(name, float(features.get(name, 0.0)), self._stats.get(name), self._population)
        message += "; counted by a fixed rule, since the training data holds no such pages"
        # Score points: the score is 100 × (1 − probability), so raising the probability takes points away.
        return Reason(name, 100.0 * (learned - probability), message, "evidence")


def check_compatible(metadata: Mapping[str, Any], where: str) -> None:
    """Raise :class:`ModelError` unless this installation computes the features the model was built on."""
    if metadata.get("format") != MODEL_FORMAT:
        raise ModelError(f"{where}: model format {metadata.get('format')!r} is not {MODEL_FORMAT}; retrain it with `scorer train`")
    options = metadata["featurizer"]
    for family, version in metadata.get("feature_versions", {}).items():
        try:
            current = family_version(family)
        except KeyError:
            raise ModelError(f"{where}: the model needs signal family {family!r}, which this installation lacks") from None
        if current != version:
            raise ModelError(
                f"{where}: the model was built for {family} features version {version}, this scorer computes version {current}; "
                "retrain it with `scorer train`"
            )

    current_names = set(declared_feature_names(tuple(options["families"]), bool(options["style"])))
    # Learned-vocabulary features are computed from fitted word lists inside the model.
    missing = [name for name in metadata["features"] if name not in current_names and not name.startswith(VOCABULARY + ".")]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise ModelError(f"{where}: the model was built for features this scorer does not compute ({missing[0]}{more}); retrain it with `scorer train`")


def read_metadata(path: Path) -> dict[str, Any]:
    meta_file = path / METADATA_FILE
    if not path.is_dir():
        raise ModelError(f"{path}: no such model directory")
    if not meta_file.is_file() or not (path / MODEL_FILE).is_file():
        raise ModelError(f"{path}: not a scorer model directory (needs {MODEL_FILE} and {METADATA_FILE}; make one with `scorer train`)")
    try:
        return json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{meta_file}: unreadable model metadata ({exc})") from None


def load_trained_model(path: str | Path, *, sha256: str | None = None) -> TrainedModel:
    """Load the model in directory ``path`` (only call this on the shipped model or one the user trusts).

    ``sha256``: the digest ``model.joblib`` must have; it is checked on the bytes that are then
    unpickled (read once), so the file cannot change in between. Bad metadata is a
    :class:`ModelError` naming the file, never a KeyError.
    """
    path = Path(path)
    metadata = read_metadata(path)
    try:
        return _load(path, metadata, sha256)
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        detail = f"lacks {exc}" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        raise ModelError(f"{path / METADATA_FILE}: not usable model metadata ({detail}); retrain it with `scorer train`") from None


def _load(path: Path, metadata: Any, sha256: str | None) -> TrainedModel:
    if not isinstance(metadata, dict):
        raise ModelError(f"{path / METADATA_FILE}: model metadata must be a JSON object")
    check_compatible(metadata, str(path))
    trained_with = metadata.get("libraries", {}).get("scikit-learn")
    try:
        data = (path / MODEL_FILE).read_bytes()
    except OSError as exc:
        raise ModelError(f"{path / MODEL_FILE}: cannot read ({exc.strerror or exc})") from None
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise ModelError(f"{path / MODEL_FILE}: not the model this scorer shipped (its sha256 differs); reinstall scorer")

    # Imported here: a model loaded from its exported arrays (scorer.model.portable) needs none of them.
    import joblib
    import sklearn

    with warnings.catch_warnings():
        # scikit-learn warns on any version difference; we say it once, in our words.
        warnings.simplefilter("ignore")
        try:
            pipeline = joblib.load(io.BytesIO(data))
        except Exception as exc:  # unpickling can fail in many ways; all mean "cannot use this file"
            raise ModelError(
                f"{path / MODEL_FILE}: cannot load the model ({type(exc).__name__}: {exc}); it was saved with scikit-learn "
                f"{trained_with}, this is {sklearn.__version__}: retrain it with `scorer train`"
            ) from None
    if trained_with and trained_with != sklearn.__version__:
        logger.warning("%s was saved with scikit-learn %s, running %s", path, trained_with, sklearn.__version__)
    try:
        names = list(pipeline.named_steps["features"].get_feature_names_out())
    except Exception:  # noqa: BLE001 - not a scorer pipeline at all
        raise ModelError(f"{path / MODEL_FILE}: not a scorer model pipeline; retrain it with `scorer train`") from None
    if names != list(metadata["features"]):
        raise ModelError(f"{path}: {MODEL_FILE} and {METADATA_FILE} disagree on the features; retrain the model")
    return TrainedModel(pipeline, metadata, path)
