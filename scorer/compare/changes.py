"""What the rewrite changed: numbers, dates, names and titles that differ between aligned sentences.

Also the finding types every compare result is made of (:class:`Span`, :class:`Change`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorer.compare.tokens import Fact, facts

#: How alike two aligned sentences must be before a differing fact in them is called a change (a loose
#: paraphrase reorders and merges facts; a different name in it is more often another person than a swap).
MIN_CHANGE_SIMILARITY = {"number": 0.45, "date": 0.45, "name": 0.55, "title": 0.45}
#: Qualifiers whose appearance or loss before a title changes who someone is.
QUALIFIERS = frozenset({"former", "ex", "acting", "interim", "late", "incoming", "outgoing", "deputy", "vice"})

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
