"""drop_repeated_blocks: the linear search gives what the plain line-by-line comparison gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.ingest.extract import body
from scorer.ingest.extract.body import drop_repeated_blocks


def _reference(text: str) -> str:
    """The definition, written the slow way: a block of lines repeated right after itself (or after a short
    byline), long enough, goes."""
    lines = text.split("\n")
    kept = [i for i, line in enumerate(lines) if line.strip()]
    texts = [" ".join(lines[i].split()) for i in kept]
    total = sum(len(t.split()) for t in texts)
    first_seen: dict[str, list[int]] = {}
    drop: set[int] = set()
    position = 0
    while position < len(kept):
        best = 0
        for earlier in first_seen.get(texts[position], ())[:8]:
            for gap in range(body.MAX_GAP_UNITS + 1):  # a byline or time stamp may stand between the copies
                length = position - gap - earlier
                gap_words = sum(len(t.split()) for t in texts[position - gap:position])
                if (length > 0 and gap_words <= body.MAX_GAP_WORDS and position + length <= len(kept)
                        and texts[earlier:earlier + length] == texts[position:position + length]):
                    best = max(best, length)
        words = sum(len(texts[position + k].split()) for k in range(best))
        if best >= body.MIN_REPEATED_LINES and words >= max(body.MIN_REPEATED_WORDS, body.MIN_REPEATED_SHARE * total):
            drop.update(kept[position:position + best])
            position += best
            continue
        first_seen.setdefault(texts[position], []).append(position)
        position += 1
    return "\n".join(line for i, line in enumerate(lines) if i not in drop) if drop else text


_LINE = st.sampled_from(["", "a", "b c", "one two three four five six seven eight nine ten " * 3, "x " * 25, "By A Writer 1 hour ago"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=40), st.integers(0, 3))
def test_the_same_as_the_definition(lines, copies):
    # Repeating a generated block makes the interesting case (a page printed twice) common.
    text = "\n".join(lines * (copies + 1))
    assert drop_repeated_blocks(text) == _reference(text)


def test_a_page_printed_twice_loses_its_copy():
    story = "\n".join(f"Paragraph {i} of the story, with enough words in it to count as a real line of text." for i in range(8))
    assert drop_repeated_blocks(story + "\n" + story) == story
    same = "\n".join(["a"] * 5000)  # thousands of identical lines: the worst case of the old quadratic search
    assert drop_repeated_blocks(same) == _reference(same)


def test_a_page_printed_twice_with_a_byline_over_each_copy_loses_the_copy():
    # "By ..., Associated Press Writer 1 hour, 32 minutes ago" printed over the second copy of the story.
    story = "\n".join(f"Paragraph {i} of the story, with enough words in it to count as a real line of text." for i in range(8))
    for gap in (["By Jane Roe, Associated Press Writer 1 hour, 32 minutes ago"], ["2007/12", "By Jane Roe, AP Writer"]):
        text = story + "\n" + "\n".join(gap) + "\n" + story
        assert drop_repeated_blocks(text) == story + "\n" + "\n".join(gap)
        assert drop_repeated_blocks(text) == _reference(text)


def test_copies_with_other_text_between_them_stay():
    # A paragraph of its own between two runs is more than a byline: a part repeated on purpose, kept.
    story = "\n".join(f"Paragraph {i} of the story, with enough words in it to count as a real line of text." for i in range(8))
    between = ["A whole paragraph of other text, long enough that it cannot be a byline or a time stamp over a copy: "
               "it reports what the council decided on Monday and what the mayor said about it afterwards."]
    assert len(between[0].split()) > body.MAX_GAP_WORDS
    text = story + "\n" + "\n".join(between) + "\n" + story
    assert drop_repeated_blocks(text) == text
    three = story + "\n" + "\n".join(["By A", "Updated 5 min ago", "Share this"]) + "\n" + story
    assert drop_repeated_blocks(three) == three  # more lines between than a byline takes
