"""Page: what the page says about itself -- who wrote it, when, for which site, what it links to.

A reported story is signed by a person, dated, and published under a name; a
content farm signs "Admin" or "Editorial Team". The byline comes from the page
metadata, or for plain text from a "By ..." line at the top of the article.
This family has features and no findings: a missing byline has no span.
"""
from __future__ import annotations

import re

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult
from scorer.knowledge.lexicons import lexicon_matcher
from scorer.core.text import per_1000_words, word_count
from scorer.signals.boilerplate import removal_counts
from scorer.signals.registry import FamilySpec, feature_specs, register

FAMILY = "page"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "1"

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "has_named_byline": "byline names a person: {value:.0f} (1 yes, 0 no)",
    "has_date": "page states its date: {value:.0f} (1 yes, 0 no)",
    "has_site_name": "page names its site: {value:.0f} (1 yes, 0 no)",
    "is_html": "scored from a web page: {value:.0f} (1 yes, 0 plain text)",
    "outbound_links_per_1000_words": "{value:.1f} links in the article body per 1,000 words",
    "boilerplate_removed": "{value:.0f} pieces of boilerplate removed (ads, site chrome, related links)",
}

#: A byline line in the text is looked for only this far down: later "By ..." lines are prose.
BYLINE_PARAGRAPHS = 4
#: Person names have two to five words ("Dana Whitfield", "Mary Ann de la Cruz").
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5

_BYLINE_LINE = re.compile(r"^(?:By|BY|Written by|Author:)\s+(?P<name>.{2,100})$")
_BY_PREFIX = re.compile(r"^\s*(?:by|written by|author:)\s+", re.IGNORECASE)
# Several authors, or a name followed by a role: "A and B", "A, Staff Writer", "A | Site".
_SEPARATORS = re.compile(r"\s*(?:[,;|/•·]|\s-\s|\s–\s|\s—\s|\band\b|&)\s*")
_EMAIL_OR_URL = re.compile(r"@|https?://|www\.", re.IGNORECASE)
# Lower-case particles of names ("de la Cruz", "van Dyke", "bin Salman") and initials ("J.").
_PARTICLES = frozenset("de da del della der di du la le van von bin ibn al el y".split())
# A capitalised word of letters (any script: "Ерофеева", "Ngọc"), with apostrophes, hyphens or an initial's dot.
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Byline, date, site name, outbound links and removed boilerplate of ``article``."""
    is_html = article.source_format == "html"
    byline = article.author or byline_from_text(article)
    features = {
        "has_named_byline": float(is_named_byline(byline, site=article.site)),
        "has_date": float(article.date_source in ("metadata", "text")),
        "has_site_name": float(bool(article.site and article.site.strip())),
        "is_html": float(is_html),
        # Plain text carries no links; 0 there means "unknown", which is why is_html is a feature too.
        "outbound_links_per_1000_words": per_1000_words(article.links, word_count(article.text)) if is_html else 0.0,
        "boilerplate_removed": float(sum(removal_counts(article).values())),
    }
    return SignalResult(FAMILY, features)


def byline_from_text(article: Article) -> str | None:
    """A "By Dana Whitfield" line among the first paragraphs of the text, if any."""
    for paragraph in article.paragraphs[:BYLINE_PARAGRAPHS]:
        match = _BYLINE_LINE.match(paragraph.text.strip())
        if match:
            return match.group("name")
    return None


def is_named_byline(byline: str | None, *, site: str | None = None) -> bool:
    """True when some part of ``byline`` names a person (not a role, desk, email or the site)."""
    if not byline or not byline.strip():
        return False
    site_key = _key(site) if site else None
    for part in _SEPARATORS.split(_BY_PREFIX.sub("", byline.strip())):
        part = part.strip(" .:")
        if not part or _EMAIL_OR_URL.search(part):
            continue
        if site_key and _key(part) == site_key:
            continue
        if lexicon_matcher("generic_bylines").search(part):
            continue
        if _looks_like_person(part):
            return True
    return False


def _looks_like_person(part: str) -> bool:
    if part.isupper():
        # Some sites print bylines in capitals ("DANA WHITFIELD"); generic ones were already excluded.
        part = part.title()
    words = part.split()
    if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS:
        return False
    if any(char.isdigit() for char in part):
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not (_NAME_WORD.match(word) and word[0].isupper()):
            return False
        capitalised += 1
    return capitalised >= MIN_NAME_WORDS


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=(), in_model=False,
    )
)
