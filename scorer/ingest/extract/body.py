"""trafilatura's body tree → plain text: one block per line, ``#`` before headings; the title line dropped."""
from __future__ import annotations

import copy
import re

from scorer.core.text import ANY_WORD_RE
from scorer.ingest.extract.repairs import is_layout_table, unwrap_table


def body_text(document) -> str:
    """trafilatura's body tree as plain text, headings marked with ``#``."""
    if document is None or getattr(document, "body", None) is None:
        return ""
    return serialize_body(document.body)


def serialize_body(body) -> str:
    """Plain text of a trafilatura body tree: one block per line, ``#`` before headings."""
    from lxml import etree  # deferred: lxml (~0.1 s) is needed for HTML inputs only
    from trafilatura.xml import xmltotxt  # deferred: trafilatura (~0.3 s) likewise

    body = copy.deepcopy(body)
    # Link and emphasis markup is noise for the signals; keep only the words.
    etree.strip_tags(body, "ref", "hi")
    for table in reversed(list(body.iter("table"))):
        if is_layout_table(table):
            unwrap_table(table)
    for head in body.iter("head"):
        if head.getparent() is not None and head.getparent().tag == "cell":
            continue  # a heading cell in a table row stays a cell
        head.text = "#" * _heading_level(head) + " " + (head.text or "").lstrip()
    text = xmltotxt(body, False) or ""
    lines = [line.rstrip() for line in text.split("\n")]
    # Lines without a word are rendering residue: an emptied "#", a table's "|---|" rule, empty rows.
    return "\n".join(line for line in lines if not line.strip() or ANY_WORD_RE.search(line)).strip("\n")


def _heading_level(head) -> int:
    rend = head.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 2


def drop_title_line(text: str, title: str | None) -> str:
    """Drop the first of the opening lines that repeats ``title`` (title metadata keeps it)."""
    if not title:
        return text
    wanted = _norm_words(title)
    if not wanted:
        return text
    lines = text.split("\n")
    checked = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if checked == 3:
            break
        checked += 1
        words = _norm_words(line.lstrip("#"))
        # Page titles often carry the site name: "Headline | Site" or "Headline - Site".
        if words and (words == wanted or (len(words) >= 3 and wanted[: len(words)] == words)):
            return "\n".join(lines[:index] + lines[index + 1 :]).strip("\n")
    return text


def _norm_words(text: str) -> list[str]:
    return ANY_WORD_RE.findall(text.lower())


#: A repeated block is this many consecutive lines, holding at least this many words, that repeat the
#: run of lines right before them, line for line (the whole block printed twice in a row).
MIN_REPEATED_LINES = 5
MIN_REPEATED_WORDS = 100
#: ... and this share of the body's words at least: the page printed twice, not a part of it repeated.
MIN_REPEATED_SHARE = 0.3
#: Between an original and its copy there may be this many units holding this many words at most: the byline
#: or time stamp a page prints over each copy of its story. More than that between them is other text.
MAX_GAP_UNITS = 2
MAX_GAP_WORDS = 30
_MOD = (1 << 61) - 1
_BASE = 1_000_003


def drop_repeated_blocks(text: str) -> str:
    """The extracted body without a later verbatim copy of an earlier block (see :func:`without_repeated_blocks`)."""
    return without_repeated_blocks(text)[0]


def without_repeated_blocks(text: str) -> tuple[str, list[str]]:
    """The extracted body without a later verbatim copy of an earlier block, and the copies dropped.

    A page that holds its story twice (tabs, a print version, a mobile twin) comes out of the
    extractor twice in a row, and every line of the copy then looks like a restatement. Only a copy
    that follows its original at once, or after a line or two of byline or time stamp
    (:data:`MAX_GAP_UNITS`, :data:`MAX_GAP_WORDS`: "By ..., Associated Press Writer 1 hour, 32 minutes
    ago" printed over each copy), and is long (:data:`MIN_REPEATED_LINES`,
    :data:`MIN_REPEATED_WORDS`, :data:`MIN_REPEATED_SHARE` of the body) goes: pages do repeat
    shorter runs on purpose (the same meal plan each day, the same feature list under two products).
    The same holds inside one line, sentence by sentence (:func:`_repeated_sentences`): an extractor
    that joins a page's blocks into one paragraph prints the story twice in that line. Only HTML goes
    through here: plain text is scored as it was given (a generator's loop is the writer's padding).
    """
    lines = text.split("\n")
    kept = [i for i, line in enumerate(lines) if line.strip()]
    texts = [" ".join(lines[i].split()) for i in kept]
    total = sum(len(line.split()) for line in texts)
    drop = {kept[k] for k in _repeated_runs(texts, MIN_REPEATED_LINES, max(MIN_REPEATED_WORDS, MIN_REPEATED_SHARE * total))}
    dropped: list[str] = []
    run: list[str] = []
    for k, i in enumerate(kept):  # one removal per copy: a run of dropped lines with no kept line between
        if i in drop:
            run.append(texts[k])
        elif run:
            dropped.append("\n".join(run))
            run = []
    if run:
        dropped.append("\n".join(run))
    out = []
    for i, line in enumerate(lines):
        if i in drop:
            continue
        if line.strip():
            line, copies = _repeated_sentences(line)
            dropped.extend(copies)
        out.append(line)
    if not dropped:
        return text, []
    return "\n".join(out), dropped


#: Inside one line, a run of at least this many sentences holding this many words, repeated right
#: after itself: no writer repeats three sentences verbatim inside a paragraph, an extractor does.
MIN_REPEATED_SENTENCES = 3
MIN_REPEATED_SENTENCE_WORDS = 40
# A sentence ends at . ! ? (and any closing quote or bracket) followed by white space; runs of white
# space (the layout of a table cell) separate units too, so a byline glued to the lede is one unit.
_SENTENCE_GAP = re.compile(r"(?<=[.!?][\"'”’)\]])\s+|(?<=[.!?])\s+|\s{3,}")


def _repeated_sentences(line: str) -> tuple[str, list[str]]:
    """``line`` without a run of sentences that repeats the run right before it, and the copies dropped."""
    if len(line) < 200:  # too short to hold three sentences of forty words: the common case, kept cheap
        return line, []
    spans = []
    position = 0
    for gap in _SENTENCE_GAP.finditer(line):
        if gap.start() > position:
            spans.append((position, gap.start()))
        position = gap.end()
    if position < len(line):
        spans.append((position, len(line)))
    texts = [line[a:b] for a, b in spans]
    drop = _repeated_runs(texts, MIN_REPEATED_SENTENCES, MIN_REPEATED_SENTENCE_WORDS)
    if not drop:
        return line, []
    out, copies, run = [], [], []
    for k, (a, b) in enumerate(spans):
        if k in drop:
            run.append(line[a:b])
            continue
        if run:
            copies.append(" ".join(run))
            run = []
        out.append(line[a:b])
    if run:
        copies.append(" ".join(run))
    return " ".join(out), copies


def _repeated_runs(texts: list[str], min_length: int, min_words: float) -> set[int]:
    """Indices of the units that repeat, unit for unit, the run of units right before them (or before a short
    gap: :data:`MAX_GAP_UNITS`, :data:`MAX_GAP_WORDS`), when the run has at least ``min_length`` units and
    ``min_words`` words."""
    # Prefix sums of words and of a polynomial hash of the line sequence: whether the L lines before a
    # position repeat as the L lines from it, and how many words they hold, are then O(1) questions, so
    # a page of thousands of identical lines stays linear (a line-by-line comparison was quadratic).
    words_before = [0]
    hashes = [0]
    powers = [1]
    for line in texts:
        words_before.append(words_before[-1] + len(line.split()))
        hashes.append((hashes[-1] * _BASE + hash(line)) % _MOD)
        powers.append(powers[-1] * _BASE % _MOD)

    def block_hash(start: int, end: int) -> int:
        return (hashes[end] - hashes[start] * powers[end - start]) % _MOD

    first_seen: dict[str, list[int]] = {}
    drop: set[int] = set()
    position = 0
    while position < len(texts):
        best = 0
        # Each earlier place the unit was seen, with a gap of 0 to MAX_GAP_UNITS units between that run and this
        # one, gives a candidate length. Longest first; one that is too short to count ends the search (shorter
        # ones hold fewer words), and only a block that would be dropped is compared line by line: that is at most
        # once per line.
        candidates = sorted(
            ((position - gap - earlier, gap) for earlier in first_seen.get(texts[position], ())[:8]
             for gap in range(MAX_GAP_UNITS + 1) if position - gap > earlier
             and words_before[position] - words_before[position - gap] <= MAX_GAP_WORDS),
            reverse=True)
        for length, gap in candidates:
            if position + length > len(texts):
                continue
            words = words_before[position + length] - words_before[position]
            if length < min_length or words < min_words:
                break
            earlier = position - gap - length
            if (block_hash(earlier, earlier + length) == block_hash(position, position + length)
                    and texts[earlier:earlier + length] == texts[position:position + length]):
                best = length
                break
        if best:
            drop.update(range(position, position + best))
            position += best
            continue
        first_seen.setdefault(texts[position], []).append(position)
        position += 1
    return drop
