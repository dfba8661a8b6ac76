"""``show``: one source in detail — estimate, criteria, the articles that pulled it down, history by month."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from scorer.sources.estimate import SourceEstimate
from scorer.sources.store import Store

_LOWEST = 5


@dataclass(frozen=True)
class SourceReport:
    estimate: SourceEstimate
    lowest: tuple[dict[str, Any], ...]  # articles with the lowest scores, with their top findings
    months: tuple[dict[str, Any], ...]  # {month, articles, mean_score}

    def as_dict(self) -> dict[str, Any]:
        return {**self.estimate.as_dict(), "lowest": list(self.lowest), "months": list(self.months)}

    def text(self) -> str:
        e = self.estimate
        lines = [f"{e.source}: {e.articles} articles ({e.syndicated} syndicated copies not counted), "
                 f"{e.first_date or '?'} – {e.last_date or '?'}; model {e.model}"]
        if e.rated:
            lines.append(f"content estimate {e.score:.0f} (interval {e.low:.0f}–{e.high:.0f}; unshrunk mean {e.raw_mean:.0f}; "
                         f"mean article score {e.mean_article_score:.0f})")
        else:
            lines.append("content estimate: not rated (too few articles)")
        for r in e.ratings:
            lines.append(f"rating by {r.rater}: {100 * r.value:.0f}" + (f" ({r.label})" if r.label else "")
                         + (f" as of {r.as_of}" if r.as_of else ""))
        if e.blend:
            lines.append(f"blend {e.blend.value:.0f}: raters' weight {e.blend.prior_weight:.0%} ({', '.join(e.blend.raters)}), "
                         f"content {1 - e.blend.prior_weight:.0%}")
        lines.extend(f"disagreement: {d}" for d in e.disagreements)
        if e.criteria:
            lines.append("criteria (share of articles; shrunk estimate and interval):")
            for c in e.criteria:
                mark = "+" if c.good else "-"
                lines.append(f"  {mark} {c.criterion:22} {c.count:>5} = {c.share:6.1%}   {c.estimate:6.1%} [{c.low:.1%}, {c.high:.1%}]")
        if self.lowest:
            lines.append("articles that pulled it down:")
            for a in self.lowest:
                found = "; ".join(f"{f['kind']}: {f['text'][:60]}" for f in a["findings"][:3])
                lines.append(f"  {a['score']:5.1f}  {a['date'] or '????-??-??'}  {(a['title'] or a['url'] or a['input'] or '')[:70]}")
                if found:
                    lines.append(f"         {found}")
        if self.months:
            lines.append("history by month:")
            lines.extend(f"  {m['month']}  {m['articles']:>5} articles  mean score {m['mean_score']:.0f}" for m in self.months)
        return "\n".join(lines)


def source_report(store: Store, estimate: SourceEstimate) -> SourceReport:
    args = (estimate.model, estimate.source)
    lowest = tuple(
        {"score": r["score"], "date": r["date"], "title": r["title"], "url": r["url"], "input": r["input"],
         "findings": json.loads(r["top_findings"] or "[]")}
        for r in store.conn.execute(
            "SELECT score, date, title, url, input, top_findings FROM articles WHERE model = ? AND source = ? "
            f"ORDER BY score LIMIT {_LOWEST}", args))
    months = tuple(
        {"month": r[0], "articles": r[1], "mean_score": r[2]}
        for r in store.conn.execute(
            "SELECT month, COUNT(*), AVG(score) FROM articles WHERE model = ? AND source = ? AND month IS NOT NULL "
            "GROUP BY month ORDER BY month", args))
    return SourceReport(estimate=estimate, lowest=lowest, months=months)
