"""Which of the model's contributions an editor is shown as reasons, in what order and words.

The effects are the model's own (:mod:`scorer.model.explain`); this module only chooses
among them, from a stated list (``scorer/knowledge/reasons.txt``, which says why):

1. evidence from the fixed rules (stale facts, template blocks), made by the model, stays first;
2. then the strongest of the model's other contributions, those that point the way of the verdict
   (lowering the score of an article the model calls low_quality, raising it for one it calls ok)
   before those that point against it, and within each way findings named with examples from the
   article ("3 vague attributions (“Experts say”, “Observers note”, …)") before counts to check by
   reading, before style measures;
3. the learned wording, merged into one reason in plain words ("overall wording resembles
   machine rewrites"), last;
4. never a feature whose direction means nothing to an editor (``hidden``), nor one whose
   effect goes against what it means (a free model's "more question marks: more trustworthy").

Features counting the same findings (the rate and the share of vague attributions) become one
reason whose effect is their total, so the same examples are not listed twice.

:func:`with_verdict_note` adds, for a low_quality verdict that no finding or count backs, the
plain "style only: no specific finding — read it yourself".
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from scorer.core.document import Finding, Reason
from scorer.model.explain import MIN_EFFECT, TOP_REASONS, describe, percentile_phrase

REASONS_FILE = "reasons.txt"
ROLES = ("findings", "finding", "count", "style", "wording", "hidden")
#: Reason kinds an editor can check in the text: a verdict backed by none of them is "style only".
CHECKABLE = ("evidence", "finding", "count")
STYLE_ONLY = "style only: no specific finding — read it yourself"
STYLE_ONLY_FEATURE = "verdict.style_only"
_ORDER = {"finding": 0, "count": 1, "style": 2}
_QUOTES = "\"'“”‘’«» "
#: Examples of findings quoted per reason, and their length.
EXAMPLES = 3
EXAMPLE_CHARS = 40


@dataclass(frozen=True)
class Role:
    """How feature ``feature`` may be shown: ``role`` (see the data file), ``direction`` (+1: more is worse,
    -1: more is better, 0: hidden) and the finding ``kinds`` it counts."""

    feature: str
    role: str
    direction: int
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReasonTable:
    roles: Mapping[str, Role]
    nouns: Mapping[str, tuple[str, str]]

    def role(self, feature: str) -> Role:
        # A feature nobody has stated a meaning for is not shown.
        return self.roles.get(feature) or Role(feature, "hidden", 0)

    def noun(self, kind: str, n: int) -> str:
        singular, plural = self.nouns.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
        return singular if n == 1 else plural


def parse_reason_table(lines: Sequence[str], where: str = REASONS_FILE) -> ReasonTable:
    roles: dict[str, Role] = {}
    nouns: dict[str, tuple[str, str]] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        parts = [p.strip() for p in parts if p.strip()]
        if parts[0] == "kind" and len(parts) == 3 and parts[2].count("|") == 1:
            singular, plural = parts[2].split("|")
            nouns[parts[1]] = (singular, plural)
        elif parts[0] == "feature" and len(parts) in (4, 5) and parts[2] in ROLES and parts[3] in ("+", "-", "."):
            role, sign = parts[2], parts[3]
            if (role == "hidden") != (sign == "."):
                raise ValueError(f"{where}:{number}: a hidden feature takes '.', any other a direction '+' or '-'")
            kinds = tuple(parts[4].split(",")) if len(parts) == 5 else ()
            if role in ("findings", "finding") and not kinds:
                raise ValueError(f"{where}:{number}: role {role} needs the finding kinds it counts")
            if parts[1] in roles:
                raise ValueError(f"{where}:{number}: {parts[1]} is listed twice")
            roles[parts[1]] = Role(parts[1], role, {"+": 1, "-": -1, ".": 0}[sign], kinds)
        else:
            raise ValueError(f"{where}:{number}: expected 'kind <kind> <singular>|<plural>' or "
                             f"'feature <name> <role> <+|-|.> [kinds]', got {raw.strip()!r}")
    return ReasonTable(roles, nouns)


@functools.lru_cache(maxsize=1)
def reason_table() -> ReasonTable:
    text = resources.files("scorer.knowledge").joinpath(REASONS_FILE).read_text(encoding="utf-8")
    return parse_reason_table(text.splitlines())


def example(finding: Finding) -> str:
    """A finding's text as an editor would search for it: its first line, without heading marks, clipped."""
    line = next((part for part in finding.text.splitlines() if part.strip()), finding.text)
    line = " ".join(line.strip().lstrip("#*->|").strip().rstrip(":|").split()).strip(_QUOTES)
    return line if len(line) <= EXAMPLE_CHARS else line[: EXAMPLE_CHARS - 1].rstrip() + "…"


def quoted_examples(findings: Sequence[Finding]) -> str:
    """"“Experts say”, “Observers note”, …": the distinct examples of ``findings``, the first few quoted."""
    seen: list[str] = []
    for f in findings:
        text = example(f)
        if text and text.lower() not in (s.lower() for s in seen):
            seen.append(text)
    return ", ".join(f"“{s}”" for s in seen[:EXAMPLES]) + (", …" if len(seen) > EXAMPLES else "")


def findings_phrase(kinds: Sequence[str], findings: Sequence[Finding], table: ReasonTable | None = None) -> str:
    """"3 vague attributions (“Experts say”, “Observers note”, …); 1 hedge (“may”)", or "no named sources"."""
    table = table or reason_table()
    parts = []
    for kind in kinds:
        of_kind = [f for f in findings if f.kind == kind]
        if not of_kind:
            continue
        quoted = quoted_examples(of_kind)
        parts.append(f"{len(of_kind)} {table.noun(kind, len(of_kind))}" + (f" ({quoted})" if quoted else ""))
    if not parts:
        return "no " + " and no ".join(table.noun(kind, 0) for kind in kinds)
    return "; ".join(parts)


def agrees(direction: int, value: float, median: float, effect: float) -> bool:
    """Whether ``effect`` points the way the feature's stated ``direction`` means at ``value``."""
    if direction == 0 or value == median or effect == 0:
        return False
    # More of a `+` feature than the reference may only lower the score (a negative effect).
    return np.sign(effect) == -direction * np.sign(value - median)


def choose_reasons(
    names: Sequence[str],
    x: np.ndarray,
    effects: np.ndarray,
    reference: Mapping[str, Mapping[str, Any]],
    population: str,
    findings: Sequence[Finding],
    *,
    low_quality: bool,
    evidence: Sequence[Reason] = (),
    wording_examples: Callable[[str], str] | None = None,
    top: int = TOP_REASONS,
    min_effect: float = MIN_EFFECT,
    table: ReasonTable | None = None,
) -> tuple[Reason, ...]:
    """The reasons shown for one article (see the module doc), at most ``top`` of them.

    ``evidence``: the fixed rules' reasons, kept first in the order given. ``low_quality``: which way
    the verdict goes (reasons pointing that way come first). ``wording_examples(feature)``: words from a
    learned list found in the article ("“amidst”, “crucial”"), made only for the wording reason shown.
    """
    table = table or reason_table()
    covered = {kind for r in evidence for kind in _kinds_of(r.feature, table)}
    groups: dict[tuple, list[int]] = {}
    wording: list[int] = []
    for j, name in enumerate(names):
        role = table.role(name)
        stats = reference.get(name)
        median = float(stats["median"]) if stats else 0.0
        if role.role == "wording":
            wording.append(j)
        elif role.role != "hidden" and agrees(role.direction, float(x[j]), median, float(effects[j])):
            # Features counting the same findings make one reason; the others stand alone.
            key = ("finding", role.kinds) if role.kinds else ("alone", name)
            if role.kinds and set(role.kinds) <= covered:
                continue  # the evidence reason already names these findings
            groups.setdefault(key, []).append(j)

    candidates = []
    for members in groups.values():
        effect = float(sum(effects[j] for j in members))
        if abs(effect) < min_effect:
            continue
        # Described by the strongest member pulling the way of the total (members may pull both ways).
        main = max((j for j in members if effects[j] * effect > 0), key=lambda j: abs(effects[j]))
        role = table.role(names[main])
        kind, message = _message(role, names[main], float(x[main]), reference.get(names[main]), population, findings, table)
        candidates.append(Reason(names[main], effect, message, kind))
    # Which are shown: the strongest, those pointing the way of the verdict first. In what order: within
    # each way, findings named in the text, then counts to check by reading, then style measures.
    candidates.sort(key=lambda r: ((r.effect < 0) != low_quality, -abs(r.effect)))
    chosen = list(evidence)[:top]
    wording_reason = _wording_reason(names, effects, wording, wording_examples, min_effect, table)
    room = top - len(chosen) - (1 if wording_reason is not None else 0)
    shown = candidates[: max(room, 0)]
    shown.sort(key=lambda r: ((r.effect < 0) != low_quality, _ORDER[r.kind], -abs(r.effect)))
    chosen += shown
    if wording_reason is not None and len(chosen) < top:
        chosen.append(wording_reason)
    return tuple(chosen)


def _kinds_of(feature: str, table: ReasonTable) -> tuple[str, ...]:
    return table.role(feature).kinds


def _message(role: Role, name: str, value: float, stats: Mapping[str, Any] | None, population: str,
             findings: Sequence[Finding], table: ReasonTable) -> tuple[str, str]:
    """The reason's kind and words for feature ``name`` (the main one of its group) at ``value``."""
    where = f" — {percentile_phrase(value, stats, population)}" if stats else ""
    found = any(f.kind in role.kinds for f in findings)
    if role.role in ("findings", "finding") and (found or role.direction < 0):
        # "no named sources" is something to check; "no filler sentences" beside a high filler rate is not.
        if role.role == "findings":
            return "finding", findings_phrase(role.kinds, findings, table) + where  # the value is their number
        return "finding", f"{findings_phrase(role.kinds, findings, table)}: {describe(name, value)}{where}"
    return ("style" if role.role == "style" else "count"), describe(name, value) + where


def _wording_reason(names: Sequence[str], effects: np.ndarray, members: Sequence[int],
                    examples: Callable[[str], str] | None, min_effect: float, table: ReasonTable) -> Reason | None:
    """The learned wording as one reason in plain words: which texts it resembles, with words it uses."""
    if not members:
        return None
    effect = float(sum(effects[j] for j in members))
    if abs(effect) < min_effect:
        return None
    main = max(members, key=lambda j: abs(effects[j]))
    like_rewrites = effect < 0
    message = "overall wording resembles machine rewrites" if like_rewrites else "overall wording resembles reported news"
    # The words that show it come from the learned list on that side (the n-gram model has no words to show).
    side = [names[j] for j in members if table.role(names[j]).direction == (1 if like_rewrites else -1)]
    words = next((w for w in map(examples, side) if w), "") if examples else ""
    if words:
        message += f" (words such as {words})"
    return Reason(names[main], effect, message + " — learned from examples, not a specific finding", "wording")


def with_verdict_note(reasons: Sequence[Reason], label: str | None) -> tuple[Reason, ...]:
    """``reasons`` with the "style only" note first when a low_quality ``label`` has no checkable reason for it.

    A note from an earlier verdict is dropped first, so a restated label (``--prior``) gets the right one.
    """
    kept = tuple(r for r in reasons if r.feature != STYLE_ONLY_FEATURE)
    if label != "low_quality":
        return kept
    if any(r.kind in CHECKABLE and r.effect < 0 for r in kept):
        return kept
    return (Reason(STYLE_ONLY_FEATURE, 0.0, STYLE_ONLY, "note"), *kept)
