"""Padding: text that adds words but no information.

Three kinds of findings, each a span of ``Article.text``:

* ``redundancy`` -- a sentence whose content words and wording are already in a
  short earlier passage (up to three consecutive sentences): FAQ answers and "Key
  Points" bullets that repeat the body, "In conclusion" summaries. The message
  names the paragraph it repeats and quotes it.
* ``seo_block`` -- a search-engine template block: a heading from the
  ``seo_headings`` lexicon with the section under it ("FAQ", "Conclusion"; over a
  list, the list alone: a "Key Points" box), an inline label ("Pro Tip: ...") with
  the list under it, a headline naming the format ("Budget: What You Need to Know",
  that line alone), or a question used as a heading.
* ``filler`` -- a sentence built on a stock phrase (``filler_phrases`` lexicon)
  that names no one and gives no number, date, place or quote.

Restatement is measured on content-word sets with an inverted index over earlier
sentences, seeded only by each sentence's rarest words, so one sentence costs
time proportional to the few earlier sentences sharing a rare word with it, not
a comparison with every earlier sentence.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, Paragraph, Sentence, SignalResult
from scorer.knowledge.lexicons import lexicon_pattern, load_lexicon
from scorer.core.text import LIST_MARK, MARKDOWN_HEADING, per_1000_words, word_count
from scorer.signals.registry import FamilySpec, feature_specs, register

FAMILY = "padding"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "2"  # 2: "Key Points" tables are SEO blocks

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "redundant_sentence_share": "{value:.0%} of sentences repeat something the article already said",
    "redundant_word_share": "{value:.0%} of the words are in sentences that repeat earlier ones",
    "filler_word_share": "{value:.0%} of the words are in stock-phrase sentences with no name, number, date or quote",
    "filler_phrases_per_1000_words": "{value:.1f} stock filler phrases per 1,000 words",
    "seo_blocks": "{value:.0f} search-engine template blocks (FAQ, key points, question headings)",
    "seo_block_word_share": "{value:.0%} of the words are in search-engine template blocks",
    "question_headings": "{value:.0f} headings phrased as questions",
    "headings_per_1000_words": "{value:.1f} headings per 1,000 words",
    "padding_word_share": "{value:.0%} of the words are padding (repeats, filler, template blocks)",
}

#: A sentence with fewer content words than this is too short to call a restatement:
#: "The council agreed." repeats words but also moves the story on, and on real news
#: four-word sentences re-mentioning names were mostly false alarms.
MIN_CONTENT_WORDS = 5
#: Content words that must be shared with the earlier passage, whatever the share.
MIN_SHARED_WORDS = 3
#: Weighted share of a sentence's content words found in one earlier passage above
#: which the sentence adds nothing new. Rare words weigh more than the story's topic
#: words, so "water", "council" repeated in every paragraph do not make one.
RESTATEMENT_THRESHOLD = 0.6
#: An earlier passage is up to this many consecutive sentences of one paragraph: a
#: summary folds two or three sentences into one, but the union of a whole long
#: paragraph (or of a text with no paragraph breaks) holds most topic words and would
#: make any sentence on the topic look "already said".
PASSAGE_SENTENCES = 3
#: Besides the words, a restatement reuses wording: this share of the sentence's
#: adjacent content-word pairs (and at least MIN_SHARED_SHINGLES of them) must
#: appear in the passage. News re-mentions the same names with new facts
#: ("Chopra wore Balmain" after a paragraph on Chopra); that shares words, not pairs.
SHINGLE_SHARE = 0.25
MIN_SHARED_SHINGLES = 2
#: Earlier sentences holding one of a sentence's rarest words that are tried as the start of
#: the passage it restates: the first ones, where the fact was first stated. A news article
#: never comes near it; a page repeating one sentence thousands of times would otherwise
#: compare every sentence with every earlier one.
MAX_SEEDS_PER_WORD = 50
#: How much of an earlier sentence a message quotes.
QUOTE_CHARS = 60

# Links and addresses are not content: "http://amzn.to/2B5WGKP" would otherwise share
# "http" and "amzn" with every other shopping link on the page.
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)(?:@|[^\s@])[^\s@]*+@\S+\.\w+|(?<![\w-])-*+\b[\w-]++\.(?:com|org|net|to|ly|co|io)/\S*", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*\d|\d")
_DIGIT = re.compile(r"\d")
# A quote is concrete content only if it holds a few words, not a scare-quoted term.
_QUOTE = re.compile(r"[\"“][^\"“”]*?(?:\s[^\"“”\s]+){2,}[^\"“”]*?[\"”]")
_LABEL_END = re.compile(r"\s*[:?!]")

# Closed classes of English words that make a sentence concrete (a count, a date).
# They are language facts, not an editorial vocabulary, so they live here and not
# in a lexicon file.
_NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion billions trillion dozen dozens percent half
    """.split()
)
_DATE_WORDS = frozenset(
    """
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight tomorrow
    """.split()
)


@dataclass(frozen=True)
class _Prepared:
    """Per-article token data shared by the three detectors."""

    content: tuple[frozenset[str], ...]  # content stems of each sentence
    shingles: tuple[frozenset[tuple[str, str]], ...]  # adjacent content-stem pairs of each sentence
    words: tuple[int, ...]  # word count of each sentence
    body_number: tuple[int, ...]  # 1-based number of each paragraph among body paragraphs (0 = heading)


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Padding features and ``redundancy``/``seo_block``/``filler`` findings for ``article``."""
    prepared = _prepare(article)
    total_words = word_count(article.text)
    findings: list[Finding] = []

    redundant = _find_restatements(article, prepared, findings)
    blocks, block_paragraphs, question_headings = _find_seo_blocks(article, findings)
    filler, stock_phrases = _find_filler(article, findings)

    body = [i for i, s in enumerate(article.sentences) if not article.paragraphs[s.paragraph].is_heading]
    headings = sum(1 for p in article.paragraphs if p.is_heading)
    padded = {
        i
        for i, s in enumerate(article.sentences)
        if i in redundant or i in filler or s.paragraph in block_paragraphs
    }

    def share(indices) -> float:
        return sum(prepared.words[i] for i in indices) / max(total_words, 1)

    features = {
        "redundant_sentence_share": len(redundant) / max(len(body), 1),
        "redundant_word_share": share(redundant),
        "filler_word_share": share(filler),
        "filler_phrases_per_1000_words": per_1000_words(stock_phrases, total_words),
        "seo_blocks": float(blocks),
        "seo_block_word_share": share(i for i, s in enumerate(article.sentences) if s.paragraph in block_paragraphs),
        "question_headings": float(question_headings),
        "headings_per_1000_words": per_1000_words(headings, total_words),
        "padding_word_share": share(padded),
    }
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    return SignalResult(FAMILY, features, tuple(findings))


# --------------------------------------------------------------------------- tokens


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_lexicon("stopwords"))


@functools.lru_cache(maxsize=65536)
def _stem(token: str) -> str:
    """A crude suffix stripper: enough to match "voted"/"votes"/"vote", no dictionary needed."""
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix, keep in (("ing", 3), ("ed", 3), ("es", 3), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _content_sequence(text: str) -> list[str]:
    """The content stems of ``text`` in reading order (numbers kept as written)."""
    stop = _stopwords()
    sequence = []
    for token in _TOKEN.findall(_URL.sub(" ", text)):
        lower = token.lower().replace("’", "'")
        if lower in stop:
            continue
        if token[0].isdigit():
            sequence.append(token.rstrip(".,"))
        elif len(lower) > 1:
            sequence.append(_stem(lower))
    return sequence


def _shingles(sequence: list[str]) -> frozenset[tuple[str, str]]:
    """Pairs of adjacent content words: shared wording, where a shared word set may be coincidence."""
    return frozenset(zip(sequence, sequence[1:]))


def _prepare(article: Article) -> _Prepared:
    numbers = []
    count = 0
    for paragraph in article.paragraphs:
        if paragraph.is_heading:
            numbers.append(0)
        else:
            count += 1
            numbers.append(count)
    sequences = [_content_sequence(s.text) for s in article.sentences]
    return _Prepared(
        content=tuple(frozenset(sequence) for sequence in sequences),
        shingles=tuple(_shingles(sequence) for sequence in sequences),
        words=tuple(word_count(s.text) for s in article.sentences),
        body_number=tuple(numbers),
    )


# --------------------------------------------------------------------------- redundancy


def _find_restatements(article: Article, prepared: _Prepared, findings: list[Finding]) -> set[int]:
    """Sentences whose content is already in a short earlier passage (see :data:`PASSAGE_SENTENCES`)."""
    paragraphs = article.paragraphs
    body = [i for i, s in enumerate(article.sentences) if not paragraphs[s.paragraph].is_heading]
    # Sentence frequency gives the weights: a word in every sentence is the topic and
    # sharing it says little; a shared rare word says a lot.
    df: dict[str, int] = {}
    for index in body:
        for stem in prepared.content[index]:
            df[stem] = df.get(stem, 0) + 1
    weights = {stem: 1.0 + math.log((len(body) + 1) / (count + 1)) for stem, count in df.items()}

    postings: dict[str, list[int]] = {}  # stem -> earlier body sentences holding it
    redundant: set[int] = set()
    for index in body:
        stems = prepared.content[index]
        if len(stems) >= MIN_CONTENT_WORDS:
            match = _best_earlier_passage(article, prepared, index, postings, weights)
            if match is not None:
                redundant.add(index)
                findings.append(_redundancy_finding(article, prepared, index, *match))
        for stem in stems:
            postings.setdefault(stem, []).append(index)
    return redundant


def _best_earlier_passage(article, prepared, index, postings, weights) -> tuple[list[int], frozenset[str]] | None:
    """The earlier passage holding the largest weighted share (at least the threshold) of sentence ``index``.

    Prefix filtering keeps this near linear: a passage that holds none of the
    rarest stems making up more than ``1 - threshold`` of the weight cannot reach
    the threshold, so only sentences holding one of those rare stems seed
    candidate passages, and the topic words found everywhere are never scanned.
    """
    stems = prepared.content[index]
    weighted = sorted(((weights[s], s) for s in stems), reverse=True)
    total = sum(w for w, _ in weighted)
    seeds: set[int] = set()
    prefix = 0.0
    for w, stem in weighted:
        seeds.update(postings.get(stem, ())[:MAX_SEEDS_PER_WORD])
        prefix += w
        if prefix > (1.0 - RESTATEMENT_THRESHOLD) * total:
            break
    sentences = article.sentences
    best: tuple[float, list[int], frozenset[str]] | None = None
    for seed in sorted(seeds):  # earliest first: ties go to where the fact was first stated
        paragraph = sentences[seed].paragraph
        for first in range(seed - PASSAGE_SENTENCES + 1, seed + 1):
            if first < 0 or sentences[first].paragraph != paragraph:
                continue
            passage = [
                i for i in range(first, min(first + PASSAGE_SENTENCES, index))
                if sentences[i].paragraph == paragraph
            ]
            shared = stems & frozenset().union(*(prepared.content[i] for i in passage))
            if len(shared) < MIN_SHARED_WORDS:
                continue
            score = sum(weights[s] for s in shared) / total
            if score < RESTATEMENT_THRESHOLD or (best is not None and score <= best[0]):
                continue
            own = prepared.shingles[index]
            pairs = own & frozenset().union(*(prepared.shingles[i] for i in passage))
            if len(pairs) >= MIN_SHARED_SHINGLES and len(pairs) >= SHINGLE_SHARE * len(own):
                best = (score, passage, frozenset(shared))
    return None if best is None else (best[1], best[2])


def _redundancy_finding(article: Article, prepared: _Prepared, index: int, passage: list[int], shared) -> Finding:
    sentence = article.sentences[index]
    # Quote the sentence of the passage that holds most of the shared words, so the editor can find it.
    source = max(passage, key=lambda i: (len(prepared.content[i] & shared), -i))
    earlier = article.sentences[source].paragraph
    where = (
        "an earlier sentence of this paragraph"
        if earlier == sentence.paragraph
        else f"paragraph {prepared.body_number[earlier]}"
    )
    message = f"Restates {where}: {_quote(article.sentences[source].text)}"
    return Finding("redundancy", sentence.start, sentence.end, sentence.text, message, rule="restates an earlier sentence")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    return f'"{text}"'


# --------------------------------------------------------------------------- SEO blocks


def _table_cells(text: str) -> list[str] | None:
    """The cells of a table row as the extractor writes it ("| Key Points | Details |"), else None."""
    text = text.strip()
    if len(text) < 2 or not (text.startswith("|") and text.endswith("|")):
        return None
    return [cell.strip() for cell in text[1:-1].split("|")]


def _seo_phrase(paragraph: Paragraph) -> str | None:
    """The SEO template phrase that opens this heading, labels this paragraph or heads this table, if any."""
    text = MARKDOWN_HEADING.sub("", paragraph.text)
    pattern = lexicon_pattern("seo_headings")
    cells = _table_cells(text)
    if cells is not None:
        # A "Key Points" table: its first filled cell is the whole template phrase (a caption or header row).
        first = next((cell for cell in cells if cell), "").rstrip(" :")
        match = pattern.match(first)
        return match.group() if match and match.end() == len(first) else None
    if paragraph.is_heading:
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip()
            # "FAQ" or "Upgrade: Everything You Need to Know", not "Police reach conclusion".
            if not before or before.endswith(":"):
                return match.group()
        return None
    match = pattern.match(text)
    if match and _LABEL_END.match(text, match.end()):
        return match.group()
    return None


def _names_the_article(paragraph: Paragraph, phrase: str) -> bool:
    """A heading that is a topic, a colon, then the phrase: a headline, not a section label."""
    text = MARKDOWN_HEADING.sub("", paragraph.text).strip()
    return not text.lower().startswith(phrase.lower())


def _is_question_heading(paragraph: Paragraph) -> bool:
    return paragraph.is_heading and paragraph.text.rstrip().endswith("?")


def _find_seo_blocks(article: Article, findings: list[Finding]) -> tuple[int, set[int], int]:
    """SEO blocks (count), the paragraphs they cover, and the number of question headings."""
    paragraphs = article.paragraphs
    covered: set[int] = set()
    blocks = 0
    questions = sum(1 for p in paragraphs if _is_question_heading(p))
    table_row = [_table_cells(p.text) is not None for p in paragraphs]
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        # Only a table's caption or header row names it ("| Conclusion | False |" inside a table does not).
        inside_table = table_row[index] and index > 0 and table_row[index - 1]
        phrase = None if inside_table else _seo_phrase(paragraph)
        if phrase is None:
            index += 1
            continue
        end = index + 1
        if table_row[index]:
            # The block is the rest of the table.
            while end < len(paragraphs) and table_row[end]:
                end += 1
        elif _names_the_article(paragraph, phrase):
            pass  # "Upgrade: What You Need to Know" names the whole article's format: the headline alone is the block
        elif not paragraph.is_heading or (end < len(paragraphs) and LIST_MARK.match(paragraphs[end].text)):
            # A label ("Key Takeaways:") or a heading over a list ("Key Points"): the block is the list under it;
            # the story goes on after it.
            while end < len(paragraphs) and LIST_MARK.match(paragraphs[end].text):
                end += 1
        else:
            # The section runs to the next heading; a list of questions (an FAQ) runs
            # through its own question headings.
            question_list = end < len(paragraphs) and _is_question_heading(paragraphs[end])
            while end < len(paragraphs) and (
                not paragraphs[end].is_heading
                or (question_list and _is_question_heading(paragraphs[end]) and _seo_phrase(paragraphs[end]) is None)
            ):
                end += 1
        covered.update(range(index, end))
        blocks += 1
        first, last = paragraphs[index], paragraphs[end - 1]
        findings.append(
            Finding(
                "seo_block",
                first.start,
                last.end,
                article.text[first.start:last.end],
                f'Search-engine template block "{phrase}": adds length, not news',
                rule=f"seo_headings: {phrase.lower()}",
            )
        )
        index = end
    for p_index, paragraph in enumerate(paragraphs):
        if p_index not in covered and _is_question_heading(paragraph):
            blocks += 1
            covered.add(p_index)
            findings.append(
                Finding(
                    "seo_block",
                    paragraph.start,
                    paragraph.end,
                    paragraph.text,
                    "Question used as a heading, a search-engine pattern",
                    rule="question heading",
                )
            )
    return blocks, covered, questions


# --------------------------------------------------------------------------- filler


def _find_filler(article: Article, findings: list[Finding]) -> tuple[set[int], int]:
    """Sentences built on a stock phrase with no concrete content; also all stock-phrase hits."""
    pattern = lexicon_pattern("filler_phrases")
    names = _proper_names(article)
    filler: set[int] = set()
    hits = 0
    for index, sentence in enumerate(article.sentences):
        if article.paragraphs[sentence.paragraph].is_heading:
            continue
        phrases = [m.group() for m in pattern.finditer(sentence.text)]
        if not phrases:
            continue
        hits += len(phrases)
        if _is_concrete(sentence, names) or _inside_quotation(article, sentence):
            continue
        filler.add(index)
        findings.append(
            Finding(
                "filler",
                sentence.start,
                sentence.end,
                sentence.text,
                f'Stock phrase "{phrases[0]}" in a sentence with no name, number, date, place or quote',
                rule=f"filler_phrases: {phrases[0].lower()}",
            )
        )
    return filler, hits


def _proper_names(article: Article) -> frozenset[str]:
    """Words the article capitalises in mid-sentence and never writes in lower case.

    This decides whether a capitalised first word ("Ortiz said ...") is a name or
    just the start of the sentence, without a dictionary or a tagger.
    """
    capitalised: set[str] = set()
    lower: set[str] = set()
    for sentence in article.sentences:
        if article.paragraphs[sentence.paragraph].is_heading:
            continue
        for position, token in enumerate(_TOKEN.findall(sentence.text)):
            if token[0].isupper():
                if position > 0:
                    capitalised.add(token)
            elif token[0].isalpha():
                lower.add(token)
    return frozenset(word for word in capitalised if word.lower() not in lower)


def _inside_quotation(article: Article, sentence: Sentence) -> bool:
    """Part of a quotation that spans several sentences: someone on the record said it.

    True when the paragraph has an unclosed quotation mark before the sentence,
    or the sentence opens a quotation it does not close, or closes one it did not
    open. One-word scare quotes inside a sentence do not count.
    """
    paragraph = article.paragraphs[sentence.paragraph]
    before = article.text[paragraph.start:sentence.start]
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    text = sentence.text.strip()
    if not text:
        return False
    opening, closing, straight = text.count("“"), text.count("”"), text.count('"')
    starts_quote = text[0] in "\"“" and (opening > closing or straight == 1)
    ends_quote = text.rstrip(".!?)")[-1:] in ("\"", "”") and (closing > opening or straight == 1)
    return starts_quote or ends_quote


def _is_concrete(sentence: Sentence, names: frozenset[str]) -> bool:
    """A named person, organisation or place, a number, a date, or a quote."""
    text = sentence.text
    if _DIGIT.search(text) or _QUOTE.search(text):
        return True
    tokens = _TOKEN.findall(text)
    for position, token in enumerate(tokens):
        lower = token.lower()
        if lower in _NUMBER_WORDS or lower in _DATE_WORDS:
            return True
        if not token[0].isupper() or token == "I":
            continue
        if position > 0 or token in names or (len(tokens) > 1 and tokens[1][0].isupper()):
            return True
    return False


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=("redundancy", "filler", "seo_block"),
    )
)
