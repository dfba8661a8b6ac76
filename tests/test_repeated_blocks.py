"""drop_repeated_blocks: the linear search gives what the plain line-by-line comparison gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.ingest.extract import body
from scorer.ingest.extract.body import drop_repeated_blocks


def _reference(text: str) -> str:
    """The definition, written the slow way: a block of lines repeated right after itself, long enough, goes."""
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
            length = position - earlier
            if position + length <= len(kept) and texts[earlier:position] == texts[position:position + length]:
                best = max(best, length)
        words = sum(len(texts[position + k].split()) for k in range(best))
        if best >= body.MIN_REPEATED_LINES and words >= max(body.MIN_REPEATED_WORDS, body.MIN_REPEATED_SHARE * total):
            drop.update(kept[position:position + best])
            position += best
            continue
        first_seen.setdefault(texts[position], []).append(position)
        position += 1
    return "\n".join(line for i, line in enumerate(lines) if i not in drop) if drop else text


_LINE = st.sampled_from(["", "a", "b c", "one two three four five six seven eight nine ten " * 3, "x " * 25])


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
