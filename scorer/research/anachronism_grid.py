"""A test grid for the anachronism check, generated from the knowledge base itself.

Hand-written cases share the blind spots of whoever wrote them (the project's own 161 cases
scored 1.00/1.00 while cases written elsewhere found recall 0.76). This grid covers the
grammar instead: every office holder × ways of giving the title (before the name, with a
nationality, lower-case, as an appositive after the name, as a possessive before it, surname
only) × reporting and action verbs × dates inside the term, before it and after it, plus the
forms that are right on any date ("then-", a year in the sentence) and "former" for past
and sitting holders. The expected verdict of each case is computed from the same terms the
check reads, so a miss is the check's, not the grid's.

Regnal offices (kings, popes) are left out: their names carry numerals and styles the
frames below do not write.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from importlib import resources
from typing import Iterator, Sequence

#: Verb phrases after a titled name (the grammar, not one verb): reporting and action verbs.
VERB_PHRASES: tuple[str, ...] = (
    "said on Monday that talks would continue",
    "told reporters on Monday that a deal was close",
    "urged lawmakers on Tuesday to back the plan",
    "warned on Wednesday that the truce could collapse",
    "met the visiting delegation on Thursday",
    "visited the flooded region on Friday",
    "signed the agreement on Monday",
    "announced new measures on Tuesday",
    "criticised the decision in a speech on Wednesday",
    "called for calm on Friday after the vote",
    "says the talks will continue",
    "is due to visit the region next week",
    "will meet the delegation on Thursday",
    "has called for calm",
)
#: Why every phrase carries a time of its own (a weekday, a tense of now): a bare past tense ("President
#: Ford called for calm after the vote") may recount history under the title of the time, which is right.

#: The grid's reference "today": dates after it are not generated (nothing is known of them).
GRID_TODAY = dt.date(2026, 11, 30)
#: How far before a term starts, and after it ends, the "before" and "after" dates fall.
OUTSIDE_DAYS = 200


@dataclass(frozen=True)
class GridCase:
    text: str
    date: dt.date
    flag: bool
    frame: str
    office: str
    person: str
    when: str  # inside | before | after

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "date": self.date.isoformat(), "flag": self.flag, "frame": self.frame,
                "office": self.office, "person": self.person, "when": self.when}


@dataclass(frozen=True)
class _Holder:
    name: str
    surname: str
    office: str
    start: dt.date
    end: dt.date | None
    verified_to: dt.date | None


@dataclass(frozen=True)
class _Office:
    key: str
    country: str
    title: str
    adjective: str
    possessive: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("scorer.knowledge").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _offices() -> dict[str, _Office]:
    offices = {}
    for row in _rows("offices.csv"):
        if row["style"] != "title":
            continue
        qualifiers = row["qualifiers"].split("|")
        possessive = next((q for q in qualifiers if q.endswith("'s")), f"{qualifiers[0]}'s")
        adjective = next((q for q in qualifiers if not q.endswith("'s") and q != row["country"]), qualifiers[0])
        offices[row["office"]] = _Office(row["office"], row["country"], row["titles"].split("|")[0], adjective, possessive)
    return offices


def _holders(offices: dict[str, _Office]) -> list[_Holder]:
    def day(value: str) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return [
        _Holder(row["name"], (row["surname"] or row["name"].split()[-1]).split("|")[0], row["office"], day(row["start"]), day(row["end"]), day(row["verified_to"]))
        for row in _rows("office_holders.csv")
        if row["office"] in offices
    ]


def _in_office(terms: Sequence[_Holder], day: dt.date) -> bool:
    return any(t.start <= day and (t.end is None or day < t.end) for t in terms)


def _held_before(terms: Sequence[_Holder], day: dt.date) -> bool:
    return any(t.start <= day for t in terms)


def _dates(term: _Holder, terms: Sequence[_Holder]) -> Iterator[tuple[str, dt.date]]:
    """One date inside the term, one before it, one after it, where each is knowable and unambiguous."""
    known_to = min(GRID_TODAY, term.end or term.verified_to or GRID_TODAY)
    if (known_to - term.start).days > 60:
        yield "inside", term.start + (known_to - term.start) / 2
    before = term.start - dt.timedelta(days=OUTSIDE_DAYS)
    if before.year >= 1950 and not _in_office(terms, before) and not _held_before(terms, before):
        yield "before", before
    if term.end is not None:
        after = term.end + dt.timedelta(days=OUTSIDE_DAYS)
        if after <= GRID_TODAY and not _in_office(terms, after):
            yield "after", after


def _frames(office: _Office, holder: _Holder, unique_surname: bool) -> Iterator[tuple[str, str, bool]]:
    """(frame name, sentence start before the verb phrase, True when the title claims the office now)."""
    title, lower = office.title, office.title.lower()
    yield "title name", f"{title} {holder.name}", True
    yield "adjective title name", f"{office.adjective} {title} {holder.name}", True
    yield "lower-case title", f"{office.adjective} {lower} {holder.name}", True
    yield "appositive after", f"{holder.name}, the {office.adjective} {lower},", True
    yield "possessive before", f"{office.possessive} {lower}, {holder.name},", True
    if unique_surname:
        yield "title surname", f"{title} {holder.surname}", True
    yield "former title name", f"Former {title} {holder.name}", False
    yield "appositive former", f"{holder.name}, the former {office.adjective} {lower},", False


def generate(seed: int = 0, verbs_per_frame: int = 1) -> list[GridCase]:
    """The whole grid (deterministic for a seed): every holder × frame × date, ``verbs_per_frame`` verbs each."""
    rng = random.Random(seed)
    offices = _offices()
    holders = _holders(offices)
    by_person_office: dict[tuple[str, str], list[_Holder]] = {}
    surnames: dict[tuple[str, str], set[str]] = {}
    for h in holders:
        by_person_office.setdefault((h.name, h.office), []).append(h)
        surnames.setdefault((h.office, h.surname), set()).add(h.name)
    cases: list[GridCase] = []
    for holder in holders:
        office = offices[holder.office]
        terms = by_person_office[(holder.name, holder.office)]
        unique = len(surnames[(holder.office, holder.surname)]) == 1
        for when, day in _dates(holder, terms):
            in_office, held = _in_office(terms, day), _held_before(terms, day)
            for frame, start, claims_now in _frames(office, holder, unique):
                # A title claims the office on the article's date; "former" claims it ended before.
                wrong = not in_office if claims_now else (in_office or not held)
                for verb in rng.sample(VERB_PHRASES, verbs_per_frame):
                    if when == "before" and claims_now and verb.startswith("will "):
                        # "Prime Minister Blair will meet ..." before Blair took office may speak of what he will do
                        # once in office: the check stays silent on a title followed by a modal, and so does the grid.
                        continue
                    cases.append(GridCase(f"{start} {verb}.", day, wrong, frame, holder.office, holder.name, when))
            if when == "after":
                # Right on any date: the sentence itself says when ("then-", a year).
                verb = rng.choice(VERB_PHRASES)
                cases.append(GridCase(f"Then-{office.title} {holder.name} {verb}.", day, False, "then-title", holder.office, holder.name, when))
                year = holder.start.year
                cases.append(GridCase(f"In {year}, {office.title} {holder.name} signed the agreement.", day, False, "year in sentence", holder.office, holder.name, when))
    return cases
