"""The knowledge base the anachronism check reads: offices, who held them when, and dated events.

Three CSV files ship as package data (``offices.csv``, ``office_holders.csv``,
``events.csv``; the format is in ``README.md`` beside them). A user adds rows
with files of the same formats (``--knowledge FILE``, ``Config.knowledge``); a
file's kind is told by its header, so one option serves all three.

Every row is validated on load and a problem raises :class:`KnowledgeError`
naming the file and line: a wrong date silently read would turn into wrong
findings on every article.

The lookup is built once per set of files: all names, titles, event names and
context words become paths in token tries (nested dicts keyed by normalised
tokens), so the check walks the article's tokens once with dictionary lookups
instead of running one pattern per office holder (:mod:`scorer.knowledge.tokens`).
"""
from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from scorer.core.errors import ScorerError
from scorer.knowledge.tokens import Trie, phrase_keys

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_PACKAGE = "scorer.knowledge"
PACKAGED_FILES = ("offices.csv", "office_holders.csv", "events.csv")

OFFICE_COLUMNS = ("office", "name", "country", "titles", "qualifiers", "style", "source")
HOLDER_COLUMNS = ("name", "surname", "aliases", "office", "start", "end", "verified_to", "source", "notes")
EVENT_COLUMNS = ("event", "name", "names", "nouns", "keywords", "start", "end", "source", "notes")
#: Columns a row may leave empty; every other column is required.
_OPTIONAL = {"qualifiers", "surname", "aliases", "end", "verified_to", "notes", "nouns", "keywords"}
STYLES = ("title", "regnal")


class KnowledgeError(ScorerError):
    """A knowledge-base file is malformed; the message names the file and line."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    country: str
    titles: tuple[str, ...]
    qualifiers: tuple[str, ...]
    style: str
    source: str


@dataclass(frozen=True)
class Term:
    """One stretch of one person in one office. ``end`` None: still in office (end unknown)."""

    person: str
    office: str
    start: _dt.date
    end: _dt.date | None
    verified_to: _dt.date | None
    source: str
    notes: str
    where: str  # "file:line", for messages about the data itself

    def holds(self, day: _dt.date, grace: int = 0) -> bool:
        """In office on ``day``, at least ``grace`` days after taking it and before leaving it."""
        pad = _dt.timedelta(days=grace)
        return self.start + pad <= day and (self.end is None or day < self.end - pad)

    def touches(self, first: _dt.date, last: _dt.date) -> bool:
        """In office at some time between ``first`` and ``last`` (inclusive)."""
        return self.start <= last and (self.end is None or self.end > first)

    def unverified_on(self, day: _dt.date) -> bool:
        """An open term whose holding is only confirmed up to ``verified_to``: past it nothing is known."""
        return self.end is None and self.verified_to is not None and day > self.verified_to


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    names: tuple[str, ...]
    nouns: tuple[str, ...]
    keywords: tuple[str, ...]
    start: _dt.date
    end: _dt.date | None  # None: still going on
    source: str
    notes: str


@dataclass(frozen=True)
class Person:
    name: str
    forms: tuple[str, ...]
    terms: tuple[Term, ...]


@dataclass
class KnowledgeBase:
    """Validated facts and the tries built from them."""

    offices: dict[str, Office]
    people: dict[str, Person]
    events: dict[str, Event]
    files: tuple[str, ...]
    title_trie: Trie = field(default_factory=Trie)
    name_trie: Trie = field(default_factory=Trie)
    event_trie: Trie = field(default_factory=Trie)
    keyword_trie: Trie = field(default_factory=Trie)
    noun_events: dict[str, frozenset[str]] = field(default_factory=dict)

    def terms(self, person: str, offices: Iterable[str] | None = None) -> tuple[Term, ...]:
        wanted = None if offices is None else set(offices)
        return tuple(t for t in self.people[person].terms if wanted is None or t.office in wanted)

    @property
    def term_count(self) -> int:
        return sum(len(p.terms) for p in self.people.values())


# --------------------------------------------------------------------------- reading


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _date(value: str, column: str, where: str) -> _dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise KnowledgeError(f"{where}: {column} {value!r} is not a date written YYYY-MM-DD")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError as exc:
        raise KnowledgeError(f"{where}: {column} {value!r} is not a valid date ({exc})") from None


def _rows(text: str, label: str) -> tuple[str, Iterator[tuple[str, dict[str, str]]]]:
    """The file's kind (offices / holders / events) and its rows with "file:line" labels."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(h.strip() for h in (reader.fieldnames or ()))
    kinds = {"offices": OFFICE_COLUMNS, "holders": HOLDER_COLUMNS, "events": EVENT_COLUMNS}
    kind = next((k for k, cols in kinds.items() if set(cols) <= set(header)), None)
    if kind is None:
        expected = " | ".join(",".join(cols) for cols in kinds.values())
        raise KnowledgeError(f"{label}:1: header {','.join(header) or '(empty)'} matches no knowledge format; expected one of: {expected}")
    required = [c for c in kinds[kind] if c not in _OPTIONAL]

    def rows() -> Iterator[tuple[str, dict[str, str]]]:
        for row in reader:
            where = f"{label}:{reader.line_num}"
            if None in row:
                raise KnowledgeError(f"{where}: more fields than the header has columns (a comma inside a value needs quotes)")
            clean = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if not any(clean.values()) or next(iter(clean.values()), "").startswith("#"):
                continue  # blank lines and "#" comment rows
            missing = [c for c in required if not clean.get(c)]
            if missing:
                raise KnowledgeError(f"{where}: missing {', '.join(missing)}")
            yield where, clean

    return kind, rows()


def _read_sources(paths: Sequence[str]) -> list[tuple[str, str]]:
    sources = []
    package = resources.files(_PACKAGE)
    for name in PACKAGED_FILES:
        sources.append((f"scorer/knowledge/{name}", package.joinpath(name).read_text(encoding="utf-8")))
    for path in paths:
        try:
            sources.append((str(path), Path(path).read_text(encoding="utf-8-sig")))
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read knowledge file ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise KnowledgeError(f"{path}: knowledge file is not UTF-8 text") from None
    return sources


def load_knowledge(paths: Sequence[str] | str | None = ()) -> KnowledgeBase:
    """The packaged knowledge base plus the user's files (same formats), validated and indexed."""
    if isinstance(paths, str):
        paths = (paths,)
    return _load(tuple(str(p) for p in (paths or ())))


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> KnowledgeBase:
    offices: dict[str, Office] = {}
    holder_rows: list[tuple[str, dict[str, str]]] = []
    events: dict[str, Event] = {}
    for label, text in _read_sources(paths):
        kind, rows = _rows(text, label)
        for where, row in rows:
            if kind == "offices":
                office = _office(row, where)
                if office.id in offices:
                    logger.info("%s: office %s redefined", where, office.id)
                offices[office.id] = office
            elif kind == "holders":
                holder_rows.append((where, row))
            else:
                event = _event(row, where)
                events[event.id] = event
    people = _people(holder_rows, offices)
    kb = KnowledgeBase(offices=offices, people=people, events=events, files=paths)
    _index(kb)
    logger.debug("knowledge base: %d offices, %d people, %d terms, %d events", len(offices), len(people), kb.term_count, len(events))
    return kb


def _office(row: Mapping[str, str], where: str) -> Office:
    if not re.fullmatch(r"[a-z0-9_]+", row["office"]):
        raise KnowledgeError(f"{where}: office id {row['office']!r} must be lower-case letters, digits and _")
    style = row["style"]
    if style not in STYLES:
        raise KnowledgeError(f"{where}: style {style!r} must be one of {', '.join(STYLES)}")
    titles = _split(row["titles"])
    if not titles:
        raise KnowledgeError(f"{where}: office {row['office']} has no titles")
    return Office(row["office"], row["name"], row["country"], titles, _split(row.get("qualifiers", "")), style, row["source"])


def _event(row: Mapping[str, str], where: str) -> Event:
    start = _date(row["start"], "start", where)
    end = _date(row["end"], "end", where) if row.get("end") else None
    if end is not None and end < start:
        raise KnowledgeError(f"{where}: end {end} is before start {start}")
    names = _split(row["names"])
    if not names:
        raise KnowledgeError(f"{where}: event {row['event']} has no names")
    return Event(row["event"], row["name"], names, _split(row.get("nouns", "")), _split(row.get("keywords", "")), start, end, row["source"], row.get("notes", ""))


def _people(rows: list[tuple[str, dict[str, str]]], offices: Mapping[str, Office]) -> dict[str, Person]:
    terms: dict[str, list[Term]] = {}
    forms: dict[str, dict[str, None]] = {}
    for where, row in rows:
        if row["office"] not in offices:
            raise KnowledgeError(f"{where}: unknown office {row['office']!r}; define it in an offices file (columns {','.join(OFFICE_COLUMNS)})")
        start = _date(row["start"], "start", where)
        end = _date(row["end"], "end", where) if row.get("end") else None
        verified = _date(row["verified_to"], "verified_to", where) if row.get("verified_to") else None
        if end is not None and end <= start:
            raise KnowledgeError(f"{where}: end {end} is not after start {start}")
        if verified is not None and end is not None:
            raise KnowledgeError(f"{where}: verified_to only applies to a term whose end is unknown")
        name = row["name"]
        term = Term(name, row["office"], start, end, verified, row["source"], row.get("notes", ""), where)
        for other in terms.get(name, ()):
            if other.office == term.office and _overlap(other, term):
                raise KnowledgeError(f"{where}: {name} in {term.office} overlaps the term at {other.where}")
        terms.setdefault(name, []).append(term)
        person_forms = forms.setdefault(name, {})
        for form in _name_forms(name, _split(row.get("surname", "")), _split(row.get("aliases", ""))):
            person_forms[form] = None
    return {
        name: Person(name, tuple(forms[name]), tuple(sorted(person_terms, key=lambda t: t.start)))
        for name, person_terms in terms.items()
    }


def _overlap(a: Term, b: Term) -> bool:
    far = _dt.date.max
    return a.start < (b.end or far) and b.start < (a.end or far)


def _name_forms(name: str, surnames: tuple[str, ...], aliases: tuple[str, ...]) -> list[str]:
    """Every way the text may name the person: full name, aliases, surname variants, given name + each variant."""
    surnames = surnames or (name.split()[-1],)
    forms = [name, *aliases, *surnames]
    full = phrase_keys(name)
    # The given names are what precedes the longest surname variant the full name ends with.
    tails = [s for s in surnames if 0 < len(phrase_keys(s)) < len(full) and full[-len(phrase_keys(s)):] == phrase_keys(s)]
    if tails:
        surname = max(tails, key=lambda s: len(phrase_keys(s)))
        given = name.split()[: len(name.split()) - len(surname.split())]
        forms.extend(" ".join([*given, other]) for other in surnames if other != surname)
    return forms


def _index(kb: KnowledgeBase) -> None:
    for office in kb.offices.values():
        for title in office.titles:
            kb.title_trie.add(phrase_keys(title), office.id)
            for qualifier in office.qualifiers:
                kb.title_trie.add(phrase_keys(f"{qualifier} {title}"), office.id)
                if not qualifier.endswith(("'s", "’s")):
                    # The possessive of a qualifier qualifies the title too: "NATO's secretary general", "UN's chief".
                    kb.title_trie.add(phrase_keys(f"{qualifier}'s {title}"), office.id)
    for person in kb.people.values():
        for form in person.forms:
            kb.name_trie.add(phrase_keys(form), person.name)
    nouns: dict[str, set[str]] = {}
    for event in kb.events.values():
        for phrase in event.names:
            kb.event_trie.add(phrase_keys(phrase), event.id)
        for word in event.keywords:
            kb.keyword_trie.add(phrase_keys(word), event.id)
        for noun in event.nouns:
            nouns.setdefault(" ".join(phrase_keys(noun)), set()).add(event.id)
    kb.noun_events = {noun: frozenset(ids) for noun, ids in nouns.items()}
