"""Labelled sets, featurizing, grouped cross-validation, fitting and saving a model.

A labelled set is a JSONL or CSV file with a ``text`` (or ``html``) column and a
``label``, optionally ``date``, ``url`` and ``group``; or a folder with one
sub-folder per label holding one article per file. The format is described in
``training_data/README.md``. Every problem in a row is reported as an error naming
the file and line, before any slow work starts.

``positive`` names the labels that mean ``low_quality``. When ``negative`` is
given too, every label must be one of the two lists (a typo is an error);
otherwise every other label means ``ok``.

Articles of one ``group`` (a story and its rewrites) are always kept on one side
of a cross-validation split, so a model is never scored on a rewrite of a story
it was trained on.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import json
import logging
import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from scorer.core.config import Config
from scorer.core.errors import ScorerError
from scorer.model.classifier import DEFAULT_MODEL_FAMILIES, DEFAULT_VOCABULARY, DEFAULT_WORDING, build_pipeline
from scorer.model.evidence import template_evidence as find_template_evidence
from scorer.model.folds import grouped_folds

logger = logging.getLogger(__name__)

#: Columns the readers understand; any other column is kept as metadata (for breakdowns).
KNOWN_COLUMNS = ("text", "html", "label", "date", "url", "group")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
DEFAULT_POSITIVE = ("low_quality",)

# Many scraped sets join paragraphs with two or more spaces on one line; models trained
# on them would otherwise learn "one long line = reported news, line breaks = rewrite".
_JOINED_PARAGRAPHS = re.compile(r"[ \t]{2,}")


class LabelledSetError(ScorerError):
    """A labelled set could not be read; the message names the file and line."""


@dataclass(frozen=True)
class LabelledRow:
    """One labelled article before extraction.

    ``where`` is ``file:line`` (or the file path for folder sets) for error messages;
    ``target`` is 1 for low_quality, 0 for ok; ``meta`` holds the other columns.
    """

    where: str
    content: str
    is_html: bool
    label: str
    target: int
    group: str
    date: _dt.date | None = None
    url: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    def config(self, today: _dt.date | None = None) -> Config:
        return Config(date=self.date, url=self.url, today=today)


def restore_paragraphs(text: str) -> str:
    """One paragraph per line for text whose paragraphs were joined by runs of spaces.

    Only text with no line break at all is touched: there the runs of spaces are the
    only trace of the paragraphs. Applied to every labelled text row alike.
    """
    if "\n" in text.strip():
        return text
    return _JOINED_PARAGRAPHS.sub("\n", text.strip())


def _parse_date(value: Any, where: str) -> _dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise LabelledSetError(f"{where}: date {value!r} is not YYYY-MM-DD") from None


class _LabelRule:
    def __init__(self, positive: Sequence[str], negative: Sequence[str] | None):
        self.positive = tuple(str(p) for p in positive) or DEFAULT_POSITIVE
        self.negative = tuple(str(n) for n in negative) if negative else None

    def target(self, label: Any, where: str) -> tuple[str, int]:
        if label is None or (isinstance(label, str) and not label.strip()):
            raise LabelledSetError(f"{where}: missing label")
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        label = str(label).strip()
        if label in self.positive:
            return label, 1
        if self.negative is None or label in self.negative:
            return label, 0
        expected = ", ".join(self.positive + self.negative)
        raise LabelledSetError(f"{where}: unknown label {label!r} (expected one of: {expected})")


def _row_from_record(record: Mapping[str, Any], where: str, rule: _LabelRule, columns: Mapping[str, str], default_group: str) -> LabelledRow:
    def get(name: str) -> Any:
        return record.get(columns.get(name, name))

    text, html = get("text"), get("html")
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        raise LabelledSetError(f"{where}: text/html must be a string")
    if text and text.strip():
        content, is_html = restore_paragraphs(text), False
    elif html and html.strip():
        content, is_html = html, True
    elif text is None and html is None:
        raise LabelledSetError(f"{where}: no {columns.get('text', 'text')!r} or {columns.get('html', 'html')!r} column")
    else:
        raise LabelledSetError(f"{where}: empty text")
    label, target = rule.target(get("label"), where)
    group = get("group")
    url = get("url")
    used = {columns.get(name, name) for name in KNOWN_COLUMNS}
    meta = {key: _meta_value(value) for key, value in record.items() if key not in used and _meta_value(value) is not None}
    return LabelledRow(
        where=where,
        content=content,
        is_html=is_html,
        label=label,
        target=target,
        group=str(group) if group not in (None, "") else default_group,
        date=_parse_date(get("date"), where),
        url=str(url) if url else None,
        meta=meta,
    )


def _meta_value(value: Any) -> str | None:
    # Breakdowns are by simple categorical columns; lists and long texts are not kept.
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value)
    return text if len(text) <= 200 else None


def read_labelled(
    paths: Sequence[str | Path],
    positive: Sequence[str] = DEFAULT_POSITIVE,
    negative: Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[LabelledRow]:
    """Every row of every labelled set in ``paths`` (JSONL, CSV or folder per label).

    ``columns`` maps a standard column (``text``, ``label``, ``group``...) to the
    name it has in these files, e.g. ``{"group": "pair_id"}``.
    """
    rule = _LabelRule(positive, negative)
    columns = dict(columns or {})
    rows: list[LabelledRow] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            rows.extend(_read_folder(path, rule))
        elif not path.is_file():
            raise LabelledSetError(f"{path}: no such file or folder")
        elif path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            rows.extend(_read_jsonl(path, rule, columns))
        elif path.suffix.lower() in (".csv", ".tsv"):
            rows.extend(_read_csv(path, rule, columns))
        else:
            raise LabelledSetError(f"{path}: not a labelled set (expected .jsonl, .csv or a folder with one sub-folder per label)")
    if not rows:
        raise LabelledSetError(f"{', '.join(map(str, paths))}: no labelled articles")
    return rows


def _read_jsonl(path: Path, rule: _LabelRule, columns: Mapping[str, str]) -> list[LabelledRow]:
    rows = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelledSetError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise LabelledSetError(f"{where}: expected a JSON object")
            rows.append(_row_from_record(record, where, rule, columns, default_group=where))
    return rows


def _read_csv(path: Path, rule: _LabelRule, columns: Mapping[str, str]) -> list[LabelledRow]:
    rows = []
    csv.field_size_limit(50_000_000)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        try:
            for record in reader:
                # DictReader's line_num is the physical line where the record ended.
                where = f"{path}:{reader.line_num}"
                if None in record:
                    raise LabelledSetError(f"{where}: more fields than the header has")
                rows.append(_row_from_record(record, where, rule, columns, default_group=where))
        except csv.Error as exc:
            raise LabelledSetError(f"{path}:{reader.line_num}: {exc}") from None
    return rows


def _read_folder(path: Path, rule: _LabelRule) -> list[LabelledRow]:
    rows = []
    subfolders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not subfolders:
        raise LabelledSetError(f"{path}: a folder set needs one sub-folder per label")
    for folder in subfolders:
        for file in sorted(folder.rglob("*")):
            if not file.is_file() or file.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            where = str(file)
            label, target = rule.target(folder.name, where)
            try:
                raw = file.read_bytes()
            except OSError as exc:
                raise LabelledSetError(f"{where}: {exc.strerror}") from None
            from scorer.core.config import DEFAULT_MAX_BYTES
            from scorer.ingest.load import decode

            try:
                loaded = decode(raw, max_bytes=DEFAULT_MAX_BYTES)
            except ScorerError as exc:
                raise LabelledSetError(f"{where}: {exc}") from None
            if not loaded.text.strip():
                raise LabelledSetError(f"{where}: empty text")
            content = loaded.text if loaded.is_html else restore_paragraphs(loaded.text)
            # A story's rewrites share a file stem prefix ("story-12.txt", "story-12.rewrite.txt").
            group = file.name.split(".", 1)[0]
            rows.append(LabelledRow(where, content, loaded.is_html, label, target, group, meta={"folder": folder.name}))
    if not rows:
        raise LabelledSetError(f"{path}: no article files ({', '.join(ARTICLE_SUFFIXES)}) in its sub-folders")
    return rows


def data_digest(rows: Iterable[LabelledRow]) -> str:
    """SHA-256 over the content, label and group of every row: identifies the training data."""
    digest = hashlib.sha256()
    for row in rows:
        for part in (row.content, row.label, row.group, row.date.isoformat() if row.date else "", row.url or ""):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()


# --------------------------------------------------------------------------- featurizing


def code_version() -> str:
    """A digest of the code and packaged data that features depend on (keys the feature cache)."""
    root = Path(__file__).resolve().parents[1]  # the scorer package
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*")):
        if file.suffix in (".py", ".txt", ".csv", ".json", ".tsv") and "__pycache__" not in file.parts and "_bundled_models" not in file.parts:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class FeaturizedSet:
    """Feature mappings of the rows that could be read, and the rows that could not."""

    rows: list[LabelledRow]
    features: list[dict[str, float]]
    texts: list[str]
    failed: list[tuple[LabelledRow, str]]

    @property
    def targets(self) -> list[int]:
        return [row.target for row in self.rows]

    @property
    def groups(self) -> list[str]:
        return [row.group for row in self.rows]

    @property
    def sources(self) -> list[str]:
        """The labelled set each row comes from: its ``source_dataset`` column, else its file."""
        return [row.meta.get("source_dataset") or row.where.rsplit(":", 1)[0] for row in self.rows]

    def subset(self, indices: Iterable[int]) -> "FeaturizedSet":
        """The rows at ``indices`` (in that order), with the same failed rows."""
        indices = list(indices)
        return FeaturizedSet([self.rows[i] for i in indices], [self.features[i] for i in indices], [self.texts[i] for i in indices], list(self.failed))

    @staticmethod
    def joined(*sets: "FeaturizedSet") -> "FeaturizedSet":
        """The rows of every set, one after the other."""
        return FeaturizedSet(
            [r for s in sets for r in s.rows], [f for s in sets for f in s.features], [t for s in sets for t in s.texts], [f for s in sets for f in s.failed]
        )

    @property
    def articles(self) -> np.ndarray:
        """Which rows are articles as read, not leads cut from them (see :func:`with_leads`)."""
        return np.asarray([LEAD_OF not in row.meta for row in self.rows], dtype=bool)


#: A low_quality row is a copy, not a rewrite, when more than this share of its word 5-grams
#: also occur in an ok row of its group. It is the rule of the llmfake repair (see its SOURCE.md):
#: generation pipelines that failed saved their input as the "rewrite", and such rows teach a
#: model that reported prose is machine-written.
COPY_SHARE = 0.3
_SHINGLE_WORDS = 5


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + _SHINGLE_WORDS]) for i in range(max(1, len(words) - _SHINGLE_WORDS + 1))}


def verbatim_copies(rows: Sequence[LabelledRow], texts: Sequence[str], share: float = COPY_SHARE) -> list[int]:
    """Indices of the low_quality rows that share more than ``share`` of their word 5-grams with the ok rows of their group."""
    ok: dict[str, set[tuple[str, ...]]] = {}
    for row, text in zip(rows, texts):
        if row.target == 0:
            ok.setdefault(row.group, set()).update(_shingles(text))
    copies = []
    for i, (row, text) in enumerate(zip(rows, texts)):
        if row.target == 1 and row.group in ok:
            own = _shingles(text)
            if len(own & ok[row.group]) > share * len(own):
                copies.append(i)
    return copies


#: Why :func:`screen_for_training` leaves a row out.
LEFT_OUT_KINDS = ("too_short", "copy")


def screen_for_training(featurized: FeaturizedSet, min_words: int | None = None) -> tuple[FeaturizedSet, list[tuple[LabelledRow, str, str]]]:
    """The rows fit to learn from, and the others as (row, kind, reason) (kinds: LEFT_OUT_KINDS).

    Left out: articles shorter than ``min_words`` after cleaning (default: the scorer's own
    minimum, below which it says an article is too short to judge), and low_quality rows that
    are copies of their group's ok article (:func:`verbatim_copies`). In the public sets both
    are artefacts of how the sets were made (cut-off generations, failed rewrites), and a model
    learns them as rules: "short means machine-written", "this reported prose is a rewrite".
    """
    from scorer.pipeline import MIN_WORDS
    from scorer.core.text import word_count

    min_words = MIN_WORDS if min_words is None else min_words
    reasons: dict[int, tuple[str, str]] = {}
    for i, text in enumerate(featurized.texts):
        words = word_count(text)
        if words < min_words:
            reasons[i] = ("too_short", f"{words} words after cleaning, fewer than {min_words}")
    for i in verbatim_copies(featurized.rows, featurized.texts):
        reasons.setdefault(i, ("copy", f"a copy of an ok article of its group ({featurized.rows[i].group}), not a rewrite"))
    kept = featurized.subset(i for i in range(len(featurized.rows)) if i not in reasons)
    return kept, [(featurized.rows[i], kind, reason) for i, (kind, reason) in sorted(reasons.items())]


#: A lead is cut at the first sentence end after a length drawn log-uniformly between the
#: scorer's minimum (pipeline.MIN_WORDS) and this many words.
LEAD_MAX_WORDS = 200
#: The meta column of a lead: the ``where`` of the article it was cut from.
LEAD_OF = "lead_of"


def article_leads(featurized: FeaturizedSet, *, seed: int = 0, max_words: int = LEAD_MAX_WORDS) -> list[LabelledRow]:
    """The opening of each article, as a plain-text row with the article's label, group, date and columns.

    Why: in the public labelled sets nearly every short text is machine-written (human
    articles are seldom under 80 words), so a model learns "short means rewrite" and flags
    human briefs and page fragments with near certainty. Cutting leads from both classes
    alike shows it short texts of either kind, and that a short text says less. An article
    gives a lead only if it is at least twice the drawn length, so a lead is never most of it.
    """
    from scorer.pipeline import MIN_WORDS
    from scorer.core.text import word_count
    from scorer.ingest.segment import split_sentences

    rng = np.random.default_rng(seed)
    leads = []
    for row, text in zip(featurized.rows, featurized.texts):
        # Drawn for every row, so one article's lead does not depend on which others are long enough.
        target = int(np.exp(rng.uniform(np.log(MIN_WORDS), np.log(max_words))))
        words = word_count(text)
        if LEAD_OF in row.meta or words < 2 * target:
            continue
        for _, end in split_sentences(text):
            lead_words = word_count(text[:end])
            if lead_words >= target:
                # A text with few sentence ends would give most of itself: no lead then.
                if lead_words <= 0.75 * words:
                    leads.append(replace(row, where=f"{row.where} (lead)", content=text[:end], is_html=False, meta={**row.meta, LEAD_OF: row.where}))
                break
    return leads


def with_leads(featurized: FeaturizedSet, *, seed: int = 0, **featurize_options: Any) -> FeaturizedSet:
    """``featurized`` followed by its articles' leads (:func:`article_leads`), featurized alike.

    A lead keeps its article's group, so cross-validation never tests an article on a
    model that trained on its lead.
    """
    leads = featurize_rows(article_leads(featurized, seed=seed), **featurize_options)
    # A lead that cannot be read is not the user's problem: only their articles are reported.
    leads.failed = []
    return FeaturizedSet.joined(featurized, leads)


def _featurize_one(row: LabelledRow, today: _dt.date | None, options: Mapping[str, Any]) -> tuple[dict[str, float], str] | str:
    from scorer.model.featurizer import extract_features
    from scorer.pipeline import article_from_text

    config = row.config(today)
    try:
        article = article_from_text(row.content, input=row.where, config=config, is_html=row.is_html)
        return extract_features(article, None, config, **options), article.text
    except (ScorerError, RecursionError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}" if not isinstance(exc, ScorerError) else str(exc)


def _row_key(row: LabelledRow, options: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    for part in (row.content, str(row.is_html), row.date.isoformat() if row.date else "", row.url or "", json.dumps(options, sort_keys=True, default=list)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def featurize_rows(
    rows: Sequence[LabelledRow],
    *,
    families: Sequence[str] | None = None,
    style: bool = True,
    undated: str = "neutral",
    today: _dt.date | None = None,
    n_jobs: int = 1,
    cache_dir: str | Path | None = None,
) -> FeaturizedSet:
    """Extract and featurize every row (the slow part), in parallel and cached when asked.

    The cache holds one file per code version, so a change to any signal
    invalidates it; it stores features and cleaned text keyed by a digest of the row.
    """
    import joblib

    from scorer.signals import FAMILIES

    options = {"families": tuple(FAMILIES if families is None else families), "style": style, "undated": undated}
    cache: dict[str, Any] = {}
    cache_file = None
    if cache_dir is not None:
        cache_file = Path(cache_dir) / f"features-{code_version()}.joblib"
        if cache_file.is_file():
            try:
                cache = joblib.load(cache_file)
            except Exception:  # a truncated cache is rebuilt, never trusted
                logger.warning("ignoring unreadable feature cache %s", cache_file)
                cache = {}
    keys = [_row_key(row, options) for row in rows]
    todo = [i for i, key in enumerate(keys) if key not in cache]
    if todo:
        logger.info("featurizing %d of %d articles (%d cached)", len(todo), len(rows), len(rows) - len(todo))
        if n_jobs == 1 or len(todo) < 20:
            results = [_featurize_one(rows[i], today, options) for i in todo]
        else:
            results = joblib.Parallel(n_jobs=n_jobs, batch_size=16)(joblib.delayed(_featurize_one)(rows[i], today, options) for i in todo)
        for i, result in zip(todo, results):
            cache[keys[i]] = result
        if cache_file is not None:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".tmp{os.getpid()}")
            joblib.dump(cache, tmp)
            os.replace(tmp, cache_file)
    kept, features, texts, failed = [], [], [], []
    for row, key in zip(rows, keys):
        result = cache[key]
        if isinstance(result, str):
            failed.append((row, result))
        else:
            kept.append(row)
            features.append(result[0])
            texts.append(result[1])
    return FeaturizedSet(kept, features, texts, failed)


# --------------------------------------------------------------------------- cross-validation, fit, save


#: Share of ok training articles (out-of-fold) a model may flag at its default threshold.
DEFAULT_TARGET_FPR = 0.03


def choose_threshold(y: Sequence[int], oof: Sequence[float], target_fpr: float = DEFAULT_TARGET_FPR) -> float:
    """The default threshold: the lowest probability at which at most ``target_fpr`` of the
    ok articles are flagged out-of-fold, and never below 0.5.

    Calibrated probabilities say how likely a rewrite is; the threshold says how sure the
    model must be before the label says low_quality. An editor's cost of flagging a
    reported story is higher than that of missing a rewrite, so the threshold is set on
    the ok articles, from cross-validated predictions the model did not train on.
    """
    from scorer.research.metrics import threshold_at_fpr

    # Stored to 4 decimals, rounded up: rounding down could let the next ok article through.
    return math.ceil(max(0.5, threshold_at_fpr(y, oof, target_fpr)) * 10_000) / 10_000


@dataclass
class TrainResult:
    """What ``scorer train`` reports: the cross-validated metrics and where the model went."""

    out_dir: Path
    metadata: dict[str, Any]
    cv: dict[str, Any]
    oof: np.ndarray
    failed: list[tuple[LabelledRow, str]]
    #: Rows read and extracted but not learned from: (row, kind, reason), see :func:`screen_for_training`.
    left_out: list[tuple[LabelledRow, str, str]] = field(default_factory=list)


def cross_validate(
    featurized: FeaturizedSet,
    *,
    n_splits: int = 5,
    seed: int = 0,
    **pipeline_options: Any,
) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Grouped k-fold out-of-fold probabilities and each fold's metrics (measured on articles, not leads)."""
    from scorer.research.metrics import metrics

    y = np.asarray(featurized.targets)
    articles = featurized.articles
    groups = np.asarray(featurized.groups)
    sources = np.asarray(featurized.sources)
    X = featurized.features
    oof = np.zeros(len(y))
    folds = []
    for k, (train, test) in enumerate(grouped_folds(y, groups, n_splits, seed)):
        pipeline = build_pipeline(seed=seed, n_splits=n_splits, **pipeline_options)
        rows = [X[i] for i in train]
        pipeline.fit(
            rows, y[train], features__groups=groups[train], classifier__groups=groups[train], classifier__sources=sources[train],
            classifier__feature_names=_planned_names(pipeline, rows),
        )
        oof[test] = pipeline.predict_proba([X[i] for i in test])[:, 1]
        test = test[articles[test]]
        fold = metrics(y[test], oof[test])
        fold["fold"] = k
        folds.append(fold)
        logger.info("fold %d: ROC-AUC %s", k, fold["roc_auc"])
    return oof, folds


def _planned_names(pipeline: Any, rows: Sequence[Any]) -> list[str]:
    return pipeline.named_steps["features"].planned_feature_names(rows)


def fit_model(featurized: FeaturizedSet, *, seed: int = 0, n_splits: int = 5, **pipeline_options: Any) -> tuple[Any, dict[str, Any]]:
    """The pipeline fitted on every row, and the reference statistics of the ok rows for explanations."""
    from scorer.model.explain import reference_statistics

    y = np.asarray(featurized.targets)
    pipeline = build_pipeline(seed=seed, n_splits=n_splits, **pipeline_options)
    groups = np.asarray(featurized.groups)
    pipeline.fit(
        featurized.features, y, features__groups=groups, classifier__groups=groups, classifier__sources=np.asarray(featurized.sources),
        classifier__feature_names=_planned_names(pipeline, featurized.features),
    )
    featurizer = pipeline.named_steps["features"]
    # Explanations compare an article with ok articles as read, not with their leads.
    reference = (y == 0) & featurized.articles
    # Their learned features out-of-fold: in-sample, ok articles look far more typical than a new article.
    matrix = featurizer.out_of_fold_matrix(featurized.features)[reference]
    stats = reference_statistics(matrix, list(featurizer.feature_names_))
    return pipeline, stats


def save_model(pipeline: Any, metadata: Mapping[str, Any], out_dir: str | Path) -> Path:
    """Write ``model.joblib``, ``metadata.json`` and ``metrics.json`` into ``out_dir``."""
    import joblib

    from scorer.model.trained import METADATA_FILE, METRICS_FILE, MODEL_FILE

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, out / MODEL_FILE, compress=3)
    (out / METADATA_FILE).write_text(json.dumps(metadata, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    (out / METRICS_FILE).write_text(json.dumps(metadata.get("metrics", {}), indent=1) + "\n", encoding="utf-8")
    return out


def train_rows(
    rows: Sequence[LabelledRow],
    out_dir: str | Path,
    *,
    name: str | None = None,
    data: Sequence[str] = (),
    positive: Sequence[str] = DEFAULT_POSITIVE,
    negative: Sequence[str] | None = None,
    classifier: str = "logistic",
    calibration: str = "sigmoid",
    prior: float | None = 0.5,
    threshold: float | None = None,
    target_fpr: float = DEFAULT_TARGET_FPR,
    families: Sequence[str] | None = None,
    style: bool = True,
    undated: str = "neutral",
    vocabulary: int = DEFAULT_VOCABULARY,
    wording: int = DEFAULT_WORDING,
    across_sources: bool = False,
    directed: bool = False,
    n_splits: int = 5,
    seed: int = 0,
    n_jobs: int = 1,
    cache_dir: str | Path | None = None,
    population: str = "the ok training articles",
    skip_failed: bool = False,
    screen: bool = True,
    leads: bool = True,
    template_evidence: bool = True,
) -> TrainResult:
    """Featurize, cross-validate by group, fit on everything, save. The library behind ``scorer train``."""
    from sklearn.utils import check_random_state

    from scorer.research.metrics import metrics
    from scorer.pipeline import MIN_WORDS
    from scorer.signals import FAMILIES
    from scorer.model.trained import MODEL_FORMAT, library_versions

    check_random_state(seed)
    families = tuple(DEFAULT_MODEL_FAMILIES if families is None else families)
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown signal family {unknown[0]!r} (families: {', '.join(FAMILIES)})")
    # Every family is extracted (one cache entry serves any choice of families); the model uses `families`.
    featurized = featurize_rows(rows, families=FAMILIES, style=style, undated=undated, n_jobs=n_jobs, cache_dir=cache_dir)
    if featurized.failed and not skip_failed:
        row, error = featurized.failed[0]
        more = f" (and {len(featurized.failed) - 1} more)" if len(featurized.failed) > 1 else ""
        raise LabelledSetError(f"{row.where}: {error}{more}")
    labels = sorted({row.label for row in featurized.rows})  # as read, before any is left out
    featurized, left_out = screen_for_training(featurized) if screen else (featurized, [])
    if left_out:
        logger.info("left out %d article(s), e.g. %s: %s", len(left_out), left_out[0][0].where, left_out[0][2])
    y = np.asarray(featurized.targets)
    if y.sum() == 0 or y.sum() == len(y):
        # Say why a class is missing: the labels given, or the screen that left articles out.
        why = ""
        if left_out:
            words = {"too_short": f"under {MIN_WORDS} words", "copy": "copies of their group's ok article"}
            counts = {kind: sum(k == kind for _, k, _ in left_out) for kind in LEFT_OUT_KINDS}
            why = "; left out: " + ", ".join(f"{n} {words[kind]}" for kind, n in counts.items() if n) + " (--keep-all learns from them)"
        raise LabelledSetError(
            f"need both low_quality and ok articles; labels found: {', '.join(labels)} (positive: {', '.join(positive)}){why}"
        )
    article_rows = featurized.rows
    if leads:
        featurized = with_leads(featurized, seed=seed, families=FAMILIES, style=style, undated=undated, n_jobs=n_jobs, cache_dir=cache_dir)
        y = np.asarray(featurized.targets)
    is_article = featurized.articles
    options = {
        "classifier": classifier, "calibration": calibration, "prior": prior, "families": families,
        "style": style, "undated": undated, "vocabulary": vocabulary, "wording": wording,
        "across_sources": across_sources, "directed": directed,
    }
    oof, folds = cross_validate(featurized, n_splits=n_splits, seed=seed, **options)
    pipeline, stats = fit_model(featurized, seed=seed, n_splits=n_splits, **options)
    # The fixed template evidence (scorer.model.evidence) is part of the model's probability: the
    # threshold and the cross-validation figures are those of the model as it will score.
    evidence = find_template_evidence(stats) if template_evidence else None
    if evidence is not None:
        oof = evidence.apply(oof, evidence.of_rows(featurized.features))
    threshold_rule_fpr = threshold is None
    # Reported on the articles: a lead is training material, not an article of the user's.
    y_articles, oof = y[is_article], oof[is_article]
    if threshold is None:
        threshold = choose_threshold(y_articles, oof, target_fpr)
    cv = metrics(y_articles, oof, threshold)
    cv["folds"] = len(folds)
    cv["fold_roc_auc"] = [fold["roc_auc"] for fold in folds]
    featurizer = pipeline.named_steps["features"]
    feature_names = [str(n) for n in featurizer.feature_names_]
    metadata = {
        "format": MODEL_FORMAT,
        "name": name or Path(out_dir).name,
        "threshold": threshold,
        "threshold_rule": f"flags at most {target_fpr:.0%} of the ok training articles out-of-fold (never below 0.5)" if threshold_rule_fpr else "given",
        "features": feature_names,
        "feature_versions": dict(featurizer.feature_versions_),
        "vocabulary": {"rewrite_words": featurizer.rewrite_words_, "reported_words": featurizer.reported_words_},
        "featurizer": {"families": list(families), "style": style, "undated": undated, "vocabulary": vocabulary, "wording": wording},
        "model": {
            "classifier": classifier,
            "calibration": calibration,
            "calibration_prior": prior,
            "feature_directions": "constrained by scorer/knowledge/feature_directions.txt" if directed else "free",
            "calibration_scores": "out-of-source (each labelled set scored by a model fitted on the others)" if across_sources else "grouped out-of-fold",
            "class_weight": "balanced",
            "leads": f"also learned from the opening {MIN_WORDS}-{LEAD_MAX_WORDS} words of each article at least twice as long, with its label and group" if leads else "none",
            "cv_folds": n_splits,
            "seed": seed,
        },
        "labels": {"positive": list(positive), "negative": list(negative) if negative else "every other label"},
        "training_data": {
            "files": [str(d) for d in data],
            "digest": data_digest(article_rows),
            "articles": int(len(y_articles)),
            "low_quality": int(y_articles.sum()),
            "ok": int(len(y_articles) - y_articles.sum()),
            "groups": len(set(featurized.groups)),
            "skipped": len(featurized.failed),
            "left_out": {kind: sum(k == kind for _, k, _ in left_out) for kind in LEFT_OUT_KINDS},
            "leads": int((~is_article).sum()),
        },
        "libraries": library_versions(),
        "metrics": {"cross_validation": cv},
        "reference": {"population": population, "features": stats},
        "evidence": evidence.as_dict() if evidence is not None else None,
    }
    out = save_model(pipeline, metadata, out_dir)
    return TrainResult(out, metadata, cv, oof, featurized.failed, left_out)


def check_out_dir(out_dir: str | Path, *, overwrite: bool = False) -> None:
    """Refuse a model directory whose writing would lose the user's files.

    ``out_dir`` may be missing or empty; a model directory (``model.joblib`` and its
    companions, nothing else) only with ``overwrite``; anything else is refused.
    """
    from scorer.model.trained import CARD_FILE, METADATA_FILE, METRICS_FILE, MODEL_FILE

    out = Path(out_dir)
    if not out.exists():
        return
    if not out.is_dir():
        raise ScorerError(f"{out} is a file, not a model directory")
    contents = {path.name for path in out.iterdir()}
    if not contents:
        return
    # What save_model writes, and the card of the shipped model: only these may be replaced.
    if MODEL_FILE in contents and contents <= {MODEL_FILE, METADATA_FILE, METRICS_FILE, CARD_FILE}:
        if overwrite:
            return
        raise ScorerError(f"{out} already holds a model; pass --overwrite to replace it")
    raise ScorerError(f"{out} is not empty and is not a model directory; refusing to write a model among its files")


def train(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    positive: Sequence[str] = DEFAULT_POSITIVE,
    negative: Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    overwrite: bool = False,
    **options: Any,
) -> TrainResult:
    """Read the labelled sets in ``paths`` and train a model into ``out_dir`` (see :func:`check_out_dir`)."""
    check_out_dir(out_dir, overwrite=overwrite)
    rows = read_labelled(paths, positive=positive, negative=negative, columns=columns)
    return train_rows(rows, out_dir, data=[Path(p).name for p in paths], positive=positive, negative=negative, **options)
