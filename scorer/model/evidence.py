"""Template evidence: what the labelled sets cannot teach the model.

The content farms this tool is for pad a story with search-engine template blocks
("Key Points" boxes, FAQ sections, "What you need to know", "Conclusion"). The
public labelled sets the shipped model learns from hold no such pages: their
rewrites are bare paragraphs, and their few template headings sit in scraped
human pages. A model fitted on them gives template blocks no weight, and a story
whose every fact is restated in a Key Points box and an FAQ scores as reported news.

So the share of an article's words inside template blocks adds to the model's
log-odds of low_quality, by a fixed, stated amount, above the level that 99% of
the ok training articles stay under (their 99th percentile, from the reference
statistics stored with the model):

    log-odds += LOG_ODDS_PER_UNIT * max(0, share - floor)

At 10 per unit, each 10 points of share above the floor multiply the odds of
low_quality by e (2.7): a page with a fifth of its words in template blocks
gets about +1.7. The rate is a judgement, not a fit (nothing here has labelled
farm pages to fit it on), set low enough that a single short box or FAQ in a
long article moves the score a little and only pages made largely of template
blocks cross the threshold. It is recorded in the model's metadata, shown as a
reason when it moves a score, and off for a model trained with
``scorer train --no-template-evidence``.

Stale facts are the second thing the labelled sets cannot teach: they carry no dates, so a
model fitted on them cannot learn that "former President Donald Trump" in an article dated
2026 is a careless or machine-spun rewrite. :class:`StaleFactEvidence` adds a fixed amount
per stale fact found against a known article date (none when the date is only assumed),
and, since a verified stale fact is something an editor must fix before trusting the piece,
raises the probability to at least the model's threshold: such an article is never labelled
ok on its style alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from scorer.core.odds import shift_log_odds

#: The feature the evidence reads: share of words in search-engine template blocks.
FEATURE = "padding.seo_block_word_share"
#: Percentile of the ok training articles above which the share counts as evidence.
FLOOR_PERCENTILE = 99
#: Log-odds of low_quality added per unit of share above the floor (see the module doc).
LOG_ODDS_PER_UNIT = 10.0


@dataclass(frozen=True)
class TemplateEvidence:
    """``log_odds_per_unit`` × (share − floor), when the share of ``feature`` exceeds ``floor``."""

    feature: str
    floor: float
    log_odds_per_unit: float

    def log_odds(self, values: Sequence[float] | np.ndarray) -> np.ndarray:
        values = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)
        return self.log_odds_per_unit * np.clip(values - self.floor, 0.0, None)

    def of_rows(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The log-odds shift of each feature row (0 where the feature is missing)."""
        return self.log_odds([row.get(self.feature, 0.0) for row in rows])

    def apply(self, probabilities: np.ndarray | float, shift: np.ndarray | float) -> np.ndarray:
        """``probabilities`` with ``shift`` added to their log-odds (NaN stays NaN)."""
        return shift_log_odds(probabilities, shift)

    def as_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "floor": self.floor, "log_odds_per_unit": self.log_odds_per_unit,
                "floor_rule": f"{FLOOR_PERCENTILE}th percentile of the ok training articles"}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "TemplateEvidence | None":
        if not data:
            return None
        return cls(str(data["feature"]), float(data["floor"]), float(data["log_odds_per_unit"]))


def template_evidence(reference: Mapping[str, Mapping[str, Any]]) -> TemplateEvidence | None:
    """The evidence for a model whose ok training articles have these reference statistics (None without the feature)."""
    stats = reference.get(FEATURE)
    if not stats:
        return None
    return TemplateEvidence(FEATURE, float(stats["quantiles"][FLOOR_PERCENTILE]), LOG_ODDS_PER_UNIT)


#: Log-odds of low_quality added per stale fact found against a known date, and the most facts counted.
LOG_ODDS_PER_STALE_FACT = 2.0
MAX_STALE_FACTS = 3


@dataclass(frozen=True)
class StaleFactEvidence:
    """``log_odds_per_fact`` × min(facts, ``max_facts``) for stale facts checked against a known date,
    and a floor at the model's threshold when there is at least one."""

    count_feature: str = "anachronism.anachronisms"
    assumed_feature: str = "anachronism.date_assumed"
    log_odds_per_fact: float = LOG_ODDS_PER_STALE_FACT
    max_facts: int = MAX_STALE_FACTS

    def facts(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Stale facts per row that count: none where the article's date was only assumed."""
        counts = np.asarray([float(row.get(self.count_feature, 0.0)) for row in rows], dtype=float)
        assumed = np.asarray([float(row.get(self.assumed_feature, 0.0)) for row in rows], dtype=float) > 0
        return np.where(assumed, 0.0, np.nan_to_num(counts, nan=0.0))

    def of_rows(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        return self.log_odds_per_fact * np.minimum(self.facts(rows), self.max_facts)

    def apply(self, probabilities: np.ndarray | float, rows: Sequence[Mapping[str, float]], threshold: float) -> np.ndarray:
        """``probabilities`` shifted for each row's stale facts, and at least ``threshold`` where there is one."""
        facts = self.facts(rows) > 0
        probabilities = np.atleast_1d(np.asarray(probabilities, dtype=float))
        # Rows with no stale fact keep their probability exactly (a zero shift still rounds through the odds).
        shifted = np.where(facts, np.atleast_1d(shift_log_odds(probabilities, self.of_rows(rows))), probabilities)
        return np.where(facts, np.maximum(shifted, threshold), shifted)

    def as_dict(self) -> dict[str, Any]:
        return {"count_feature": self.count_feature, "assumed_feature": self.assumed_feature,
                "log_odds_per_fact": self.log_odds_per_fact, "max_facts": self.max_facts,
                "floor": "the threshold in use (the model's, or the caller's on the model's scale) when at least one stale fact is found"}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "StaleFactEvidence | None":
        if not data:
            return None
        return cls(str(data["count_feature"]), str(data["assumed_feature"]), float(data["log_odds_per_fact"]), int(data["max_facts"]))

