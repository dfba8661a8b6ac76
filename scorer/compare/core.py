"""Compare a rewrite with its original: what it took, added, dropped and changed.

Stages:

1. ``read``    each side becomes a cleaned :class:`scorer.Article` (text, HTML, a file or an Article)
2. ``align``   every rewrite sentence → copied / paraphrased / new (:mod:`scorer.compare.align`)
3. ``shares``  the rewrite's words: copied (in a trigram found in its aligned original sentence),
               paraphrased (in the measure of the specific content each sentence keeps from its closest
               original passage), new (the rest) — :mod:`scorer.compare.shares`
4. ``score``   both sides through the scorer (optional): findings say what is padding, quotes, sources
5. ``diff``    added (the rewrite's padding findings in new sentences), dropped (the original's quotes,
               named sources, numbers and dates the rewrite lacks), changed (numbers, dates, names and
               titles that differ between aligned sentences)
6. ``verdict`` one line an editor can act on
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import scorer
from scorer.compare.align import Match, align
from scorer.compare.changes import Change, find_changed
from scorer.compare.shares import word_shares
from scorer.compare.tokens import content, facts, words
from scorer.pipeline import article_from_text, score_article

Side = Union[str, Path, "scorer.Article"]

#: Finding kinds that are padding when they sit in sentences the original does not have.
ADDED_KINDS = ("filler", "redundancy", "seo_block", "vague_attribution", "hedge", "anachronism")

VERDICTS = {
    "near_copy": "a near copy of the original",
    "padded_rewrite": "a padded rewrite of the original",
    "rewrite": "a rewrite of the original",
    "partial_rewrite": "a partial rewrite: some of it is taken from the original",
    "independent": "independent reporting on the same story",
    "unrelated": "unrelated: nothing suggests one was made from the other",
}


class CompareError(scorer.ScorerError):
    """An input to compare could not be read; the message names which side."""


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`. ``as_dict()`` is the JSON output."""
    original: "scorer.Article"
    rewrite: "scorer.Article"
    matches: tuple[Match, ...]
    copied: float
    paraphrased: float
    new: float
    added: tuple[Change, ...]
    dropped: tuple[Change, ...]
    changed: tuple[Change, ...]
    verdict_code: str
    original_result: "scorer.ScoreResult | None" = field(default=None, compare=False)
    rewrite_result: "scorer.ScoreResult | None" = field(default=None, compare=False)
    #: share of the rewrite's words in sentences that have a counterpart in the original
    aligned: float = 0.0

    @property
    def taken(self) -> float:
        """Share of the rewrite's words that come from the original, copied or paraphrased."""
        return round(self.copied + self.paraphrased, 4)

    @property
    def verdict(self) -> str:
        return VERDICTS[self.verdict_code]

    def as_dict(self) -> dict[str, Any]:
        def side(article, result):
            out = {"input": article.input, **article.metadata_dict(), "sentences": len(article.sentences)}
            if result is not None and result.error is None:
                out.update(score=result.score, label=result.label)
            return out

        return {
            "verdict": self.verdict,
            "verdict_code": self.verdict_code,
            "taken": self.taken,
            "copied": self.copied,
            "paraphrased": self.paraphrased,
            "new": self.new,
            "aligned": self.aligned,
            "original": side(self.original, self.original_result),
            "rewrite": side(self.rewrite, self.rewrite_result),
            "added": [c.as_dict() for c in self.added],
            "dropped": [c.as_dict() for c in self.dropped],
            "changed": [c.as_dict() for c in self.changed],
            "alignment": [m.as_dict() for m in self.matches],
        }


def read_side(value: Side, name: str, config: "scorer.Config") -> "scorer.Article":
    """An Article from text/HTML (str), a file (Path) or an Article; CompareError names ``name`` on failure."""
    if isinstance(value, scorer.Article):
        return value
    try:
        if isinstance(value, Path):
            text = str(value)
            if "://" in text or text.startswith(("http:/", "https:/")):
                raise CompareError(f"{name}: {text} is a URL; scorer reads files; fetch the page first")
            if not value.exists():
                raise CompareError(f"{name}: {text}: no such file")
            return scorer.extract_file(value, config=config)
        if isinstance(value, bytes):
            if not value.strip():
                raise CompareError(f"{name}: empty bytes; give the article's text or HTML")
            value = value.decode("utf-8", errors="replace")
        if not isinstance(value, str):
            raise CompareError(f"{name}: expected text, HTML, a Path or an Article, not {type(value).__name__}")
        if not value.strip():
            raise CompareError(f"{name}: empty text")
        if value.strip().startswith(("http://", "https://")) and len(value.split()) == 1:
            raise CompareError(f"{name}: {value.strip()} is a URL; scorer reads text and files; fetch the page first")
        return article_from_text(value, input=name, config=config)
    except CompareError:
        raise
    except scorer.ScorerError as exc:
        raise CompareError(f"{name}: {exc}") from None


def compare(original: Side, rewrite: Side, *, date: str | dt.date | None = None, config: "scorer.Config | None" = None,
            findings: bool = True) -> Comparison:
    """Compare ``rewrite`` with ``original``.

    Each side is text or HTML (``str``; the content decides), a file (``pathlib.Path``)
    or an :class:`scorer.Article`. ``findings=False`` skips scoring both sides (faster:
    ``added`` and the dropped quotes and sources are then empty).
    """
    cfg = config or scorer.Config()
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise CompareError(f"date: {date!r} is not a date in the form YYYY-MM-DD") from None
    if date is not None:
        cfg = cfg.with_options(date=date)
    o_art = read_side(original, "original", cfg)
    r_art = read_side(rewrite, "rewrite", cfg)
    sh = word_shares(o_art, r_art, align(o_art.sentences, r_art.sentences))
    matches, copied, paraphrased, new = sh.matches, sh.copied, sh.paraphrased, sh.new
    o_res = r_res = None
    if findings:
        model = scorer.load_model(cfg.model, trust=cfg.trust_model)
        o_res = _score(o_art, cfg, model)
        r_res = _score(r_art, cfg, model)
    added = tuple(find_added(r_art, matches, r_res))
    changed = tuple(find_changed(o_art, r_art, matches))
    dropped = tuple(find_dropped(o_art, r_art, o_res, changed))
    code = verdict_code(sh.aligned, copied, added, o_art, r_art)
    return Comparison(o_art, r_art, matches, copied, paraphrased, new, added, dropped, changed, code, o_res, r_res, sh.aligned)


def _score(article, cfg, model):

    try:
        return score_article(article, cfg, model)
    except scorer.ScorerError:
        return None  # a side the model refuses (too short, not English) still compares


def find_added(r_art, matches, r_res) -> list[Change]:
    """The rewrite's padding findings that fall in sentences the original has no counterpart for."""
    if r_res is None:
        return []
    new_spans = [(r_art.sentences[m.rewrite].start, r_art.sentences[m.rewrite].end) for m in matches if m.kind == "new"]
    out = []
    for f in r_res.findings:
        if f.kind not in ADDED_KINDS:
            continue
        if any(s <= f.start < e or s < f.end <= e for s, e in new_spans):
            out.append(Change(f.kind, f.start, f.end, f.text, f"added by the rewrite: {f.message}", "rewrite"))
    return out


def _present(needle: str, haystack_words: set[str], minimum: float = 0.5) -> bool:
    toks = content(words(needle))
    if not toks:
        return True
    return sum(t in haystack_words for t in toks) / len(toks) >= minimum


def find_dropped(o_art, r_art, o_res, changed: tuple[Change, ...] = ()) -> list[Change]:
    """Quotes, named sources, numbers and dates of the original that the rewrite lacks (not those it changed)."""
    changed_spans = {(c.original.start, c.original.end) for c in changed if c.original is not None}
    r_words = set(content(words(r_art.text)))
    r_facts = facts(r_art.text)
    r_values = {(f.kind, f.value) for f in r_facts}
    r_values |= {("date", f.value.split()[0]) for f in r_facts if f.kind == "date" and "-" in f.value}  # "7-4 2016" has "7-4"
    r_lower = r_art.text.lower()
    out: list[Change] = []
    spans_out: list[tuple[int, int]] = []
    if o_res is not None:
        for f in o_res.findings:
            if f.kind == "quote" and not _present(f.text, r_words, 0.6):
                out.append(Change("quote", f.start, f.end, f.text, "quote of the original missing from the rewrite", "original"))
                spans_out.append((f.start, f.end))
            elif f.kind == "named_source":
                names = [x for x in facts(f.text) if x.kind == "name"]
                if names and not any(any(p in r_lower for p in n.value.split()) for n in names):
                    out.append(Change("named_source", f.start, f.end, f.text, "named source of the original missing from the rewrite", "original"))
    seen: set[tuple[str, str]] = set()
    for f in facts(o_art.text):
        if f.kind not in ("number", "date") or (f.kind, f.value) in r_values or (f.kind, f.value.split()[0]) in r_values or (f.kind, f.value) in seen or (f.start, f.end) in changed_spans:
            continue
        if f.kind == "date" and any(v in r_lower for v in f.value.split() if len(v) == 4 and v.isdigit()) and f.value.isdigit():
            continue
        seen.add((f.kind, f.value))
        inside = any(s <= f.start < e for s, e in spans_out)
        out.append(Change(f.kind, f.start, f.end, f.text,
                          f"{'number' if f.kind == 'number' else 'date'} of the original not in the rewrite" + (" (in a dropped quote)" if inside else ""),
                          "original"))
    return sorted(out, key=lambda c: (c.start, c.end))


def verdict_code(aligned, copied, added, o_art, r_art) -> str:
    """From the share of the rewrite's words in sentences with a counterpart (``aligned``): a sentence-level
    reading an editor can check in the side-by-side view."""
    if aligned >= 0.85 and copied >= 0.6:
        return "near_copy"
    if aligned >= 0.4:
        return "padded_rewrite" if 1 - aligned >= 0.2 or len(added) >= 2 else "rewrite"
    if aligned >= 0.2:
        return "partial_rewrite"
    o_names = {f.value for f in facts(o_art.text) if f.kind == "name"}
    r_names = {f.value for f in facts(r_art.text) if f.kind == "name"}
    o_words, r_words = set(content(words(o_art.text))), set(content(words(r_art.text)))
    overlap = len(o_words & r_words) / max(len(o_words | r_words), 1)
    return "independent" if len(o_names & r_names) >= 2 or overlap >= 0.12 else "unrelated"
