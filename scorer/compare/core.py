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
from scorer.compare.shares import word_shares
from scorer.compare.tokens import Fact, content, facts, words
from scorer.pipeline import article_from_text, score_article

Side = Union[str, Path, "scorer.Article"]

#: Finding kinds that are padding when they sit in sentences the original does not have.
ADDED_KINDS = ("filler", "redundancy", "seo_block", "vague_attribution", "hedge", "anachronism")
#: How alike two aligned sentences must be before a differing fact in them is called a change (a loose
#: paraphrase reorders and merges facts; a different name in it is more often another person than a swap).
MIN_CHANGE_SIMILARITY = {"number": 0.45, "date": 0.45, "name": 0.55, "title": 0.45}
#: Qualifiers whose appearance or loss before a title changes who someone is.
QUALIFIERS = frozenset({"former", "ex", "acting", "interim", "late", "incoming", "outgoing", "deputy", "vice"})

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
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Change:
    """One thing the rewrite added, dropped or changed.

    ``start``/``end``/``text`` index the side the change lives on: the rewrite for
    ``added`` and ``changed``, the original for ``dropped``. A change also carries
    the other side's span when there is one (``changed``: the original wording).
    """

    kind: str
    start: int
    end: int
    text: str
    message: str
    side: str  # "rewrite" | "original"
    original: Span | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end, "message": self.message, "side": self.side}
        if self.original is not None:
            out["original"] = self.original.as_dict()
        return out


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


def _titles_before(article_text: str, fact: Fact, title_facts: list[Fact]) -> tuple[tuple[str, ...], int]:
    """The title words right before a name ("former President" before "Trump") and where they start."""
    chain: list[str] = []
    cursor = fact.start
    for t in sorted(title_facts, key=lambda t: -t.start):
        if t.end > cursor:
            continue
        if article_text[t.end:cursor].strip(" .-").lower() not in ("", "the"):
            break
        chain.append(t.value)
        cursor = t.start
    return tuple(reversed(chain)), cursor


def _with_date_parts(values: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Add the parts of full dates: "7-4 2016" also stands for "7-4" and for "2016"."""
    extra = set()
    for kind, value in values:
        if kind == "date" and "-" in value:
            extra.update(("date", part) for part in value.split())
    return values | extra


def _has(values: set[tuple[str, str]], f: Fact) -> bool:
    """The other text states this fact (a date counts when its day, or its year, is there in any form)."""
    if (f.kind, f.value) in values:
        return True
    return f.kind == "date" and "-" in f.value and ("date", f.value.split()[0]) in values


def _shape(f: Fact) -> tuple:
    t = f.text
    if f.kind == "date":  # a day with a day, a year with a year, a weekday with a weekday
        return (f.kind, "-" in f.value, f.value[:1].isdigit() and "-" not in f.value)
    return (f.kind, "-" in t.strip("-"), "%" in t or "percent" in t.lower(), t[:1] if t[:1] in "$€£" else "")


def _pair(o_only: list[Fact], r_only: list[Fact], o_start: int, r_start: int) -> list[tuple[Fact, Fact]]:
    """Pair facts of the same shape (a score with a score, a sum of money with a sum), nearest place in the sentence first."""
    pairs, used = [], set()
    for b in r_only:
        options = [a for a in o_only if id(a) not in used and _shape(a) == _shape(b)]
        if not options:
            continue
        a = min(options, key=lambda a: abs((a.start - o_start) - (b.start - r_start)))
        used.add(id(a))
        pairs.append((a, b))
    return pairs


#: A change is one fact swapped in an otherwise matching statement. A rewrite sentence that brings more
#: facts its counterpart lacks than this (or two while the original also has two the rewrite lacks) tells
#: another event in the same mould (photo captions, dated list items): nothing in it is a change. Facts
#: of the original the rewrite merely leaves out (a dateline, a vote count) are ordinary paraphrase.
MAX_NEW_FACTS = 2


def _too_different(r_f: list[Fact], o_f: list[Fact], r_text: str, o_text: str) -> bool:
    def differing(mine: list[Fact], other: list[Fact], other_text: str) -> int:
        values = _with_date_parts({(f.kind, f.value) for f in other})
        n = 0
        for f in mine:
            if f.kind == "name":
                n += not any(p in other_text for p in f.value.split())
            elif f.kind in ("number", "date"):
                n += not _has(values, f)
        return n

    r_n, o_n = differing(r_f, o_f, o_text), differing(o_f, r_f, r_text)
    return r_n > MAX_NEW_FACTS or (r_n >= 2 and o_n >= 2)


def find_changed(o_art, r_art, matches) -> list[Change]:
    """Numbers, dates, names and titles that differ between aligned sentences.

    A value counts as changed only when the original's value appears nowhere in the
    rewrite and the rewrite's value nowhere in the original (a fact moved to another
    sentence is not a change).
    """
    o_all = facts(o_art.text)
    r_all = facts(r_art.text)
    o_values = _with_date_parts({(f.kind, f.value) for f in o_all})
    r_values = _with_date_parts({(f.kind, f.value) for f in r_all})
    o_lower, r_lower = o_art.text.lower(), r_art.text.lower()
    out: list[Change] = []
    seen: set[tuple[str, str, str]] = set()
    for m in matches:
        if m.kind == "new" or m.similarity < MIN_CHANGE_SIMILARITY["number"]:
            continue
        r_sent = r_art.sentences[m.rewrite]
        o_start = o_art.sentences[m.original[0]].start
        o_end = o_art.sentences[m.original[-1]].end
        r_f = [f for f in r_all if r_sent.start <= f.start < r_sent.end]
        o_f = [f for f in o_all if o_start <= f.start < o_end]
        same_mould = _too_different(r_f, o_f, r_sent.text.lower(), o_art.text[o_start:o_end].lower())
        for kind in ("number", "date", "name"):
            if same_mould:
                break
            if m.kind != "copied" and m.similarity < MIN_CHANGE_SIMILARITY[kind]:
                continue
            if kind == "name":
                o_only = [f for f in o_f if f.kind == kind and not any(p in r_lower for p in f.value.split())]
                r_only = [f for f in r_f if f.kind == kind and not any(p in o_lower for p in f.value.split())]
            else:
                o_only = [f for f in o_f if f.kind == kind and not _has(r_values, f)]
                r_only = [f for f in r_f if f.kind == kind and not _has(o_values, f)]
            for a, b in _pair(o_only, r_only, o_start, r_sent.start):
                if kind == "name" and a.value[:4] == b.value[:4]:
                    continue  # "Britain's" and "British": one name, two forms
                key = (kind, a.value, b.value)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Change(kind, b.start, b.end, b.text, f"{kind} changed: the original says “{a.text}”, the rewrite “{b.text}”",
                                  "rewrite", Span(a.start, a.end, a.text)))
        # Titles: the same person, named in both sentences, with a different qualifier.
        o_titles = [f for f in o_f if f.kind == "title"]
        r_titles = [f for f in r_f if f.kind == "title"]
        for rn in (f for f in r_f if f.kind == "name"):
            # The same person: the same last name.
            on = next((f for f in o_f if f.kind == "name" and f.value.split()[-1] == rn.value.split()[-1]), None)
            if on is None:
                continue
            ot, o_span_start = _titles_before(o_art.text, on, o_titles)
            rt, r_span_start = _titles_before(r_art.text, rn, r_titles)
            # Dropping a title altogether is ordinary paraphrase; changing it or its qualifier is not.
            if ot == rt or not ((ot and rt) or QUALIFIERS & (set(ot) ^ set(rt))):
                continue
            # A qualifier the other sentence states elsewhere ("Former president and ..., Barack Obama") is no change.
            o_sent_text = o_art.text[o_start:o_end].lower()
            r_sent_text = r_sent.text.lower()
            added_q = (set(rt) - set(ot)) & QUALIFIERS
            removed_q = (set(ot) - set(rt)) & QUALIFIERS
            if any(q in o_sent_text.split() for q in added_q) or any(q in r_sent_text.split() for q in removed_q):
                continue
            if "late" in added_q and any(w in o_sent_text for w in ("died", "death", "dead")):
                continue
            key = ("title", " ".join(ot) + on.value, " ".join(rt) + rn.value)
            if key in seen:
                continue
            seen.add(key)
            o_text = o_art.text[o_span_start:on.end]
            r_text = r_art.text[r_span_start:rn.end]
            out.append(Change("title", r_span_start, rn.end, r_text,
                              f"title changed: the original says “{o_text}”, the rewrite “{r_text}”",
                              "rewrite", Span(o_span_start, on.end, o_text)))
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
