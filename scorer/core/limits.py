"""Limits on the work one article may cost: the time budget and the refusal of text that is not text.

The time budget (CPU seconds of the thread doing the work) is *cooperative* in-process: :class:`Deadline` is checked at every stage
boundary of :mod:`scorer.pipeline` (after loading, extraction, cleaning, segmentation, the
signals and the model), so an article that runs over ends with a one-line error and the
process is left exactly as it was (no exception is ever raised from a signal handler in the
middle of a library call). A single stage that hangs cannot be stopped that way; the command
line therefore also runs every article in a worker process it kills when the article is well
past its budget in wall-clock time (``scorer.cli.main``: twice the budget plus a grace), and replaces the worker.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from scorer.core.errors import InputError, ScorerError

#: Default seconds allowed per 10,000 words (and never less than this per article).
DEFAULT_TIME_LIMIT = 5.0
#: Characters counted as 10,000 words when the budget is set before the words are counted.
CHARS_PER_10K_WORDS = 60_000


class TimeLimitError(ScorerError):
    """The article took longer than its time budget."""


def budget_seconds(time_limit: float, chars: int) -> float:
    """Seconds allowed for an input of ``chars`` characters: ``time_limit`` per 10,000 words, at least ``time_limit``."""
    return time_limit * max(1.0, chars / CHARS_PER_10K_WORDS)


@dataclass
class Deadline:
    """A budget of CPU seconds for one article; :meth:`check` raises once the work has used it up.

    CPU time of the calling thread (:func:`time.thread_time`), not wall-clock time: a machine
    busy with other work, or other threads of a server, must not make an ordinary article fail.
    """

    seconds: float
    start: float = field(default_factory=time.thread_time)

    @classmethod
    def for_input(cls, time_limit: float | None, chars: int) -> "Deadline | None":
        if not time_limit:
            return None
        return cls(budget_seconds(time_limit, chars))

    def check(self, stage: str) -> None:
        if time.thread_time() - self.start > self.seconds:
            raise TimeLimitError(
                f"took longer than its {self.seconds:.1f}-second time limit (stopped after {stage}); raise it with --time-limit"
            )


def check(deadline: "Deadline | None", stage: str) -> None:
    if deadline is not None:
        deadline.check(stage)


#: A run of NULs this long is binary data; a single stray NUL in a saved page (it happens) is not.
_NUL_RUN = "\x00" * 8
#: Share of control characters (NUL included) above which a text is taken for binary data.
MAX_CONTROL_SHARE = 0.05
_CONTROLS = tuple(chr(c) for c in range(32) if chr(c) not in "\n\r\t\f\v")


def check_text(text: str) -> None:
    """Raise :class:`InputError` unless ``text`` is text: no run of NULs, no lone surrogate, little control-character soup.

    The whole text is checked, not only its start (binary data appended to a page is refused too).
    """
    if _NUL_RUN in text:
        raise InputError("holds runs of NUL bytes: looks like a binary file, not an article (HTML or text)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("holds lone surrogate characters: not valid text") from None
    controls = sum(map(text.count, _CONTROLS))  # str.count per character: linear, no copy
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError("is mostly control characters: looks like a binary file, not an article (HTML or text)")


#: Characters of article text the signals and the model read (about 80,000 words, several times the
#: longest news feature). The work and memory of the analysis grow with the text; past this the rest
#: of the article is not read, and the article's ``limits`` (and first reason) say so.
MAX_ANALYSED_CHARS = 500_000
#: A run of this many characters without white space is a data blob (base64, minified code), not a
#: word: it is cut to this length. Unbounded, one such "word" makes the wording model cut millions of
#: n-grams at once (a 5 MB token took 1.1 GB).
MAX_TOKEN_CHARS = 1_000


def bound_text(text: str, max_chars: int = MAX_ANALYSED_CHARS, max_token: int = MAX_TOKEN_CHARS) -> tuple[str, tuple[str, ...]]:
    """``text`` cut to at most ``max_chars`` characters and its over-long tokens cut, with a note for each cut.

    The cut falls at the last line break (else space) before the limit when there is one in its second
    half, so no paragraph or word is split needlessly. Linear time: a token is scanned once, from its start.
    """
    notes: list[str] = []
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars + 1)
        if cut < max_chars // 2:
            cut = text.rfind(" ", 0, max_chars + 1)
        if cut < max_chars // 2:
            cut = max_chars
        notes.append(f"only the first {cut:,} characters of {len(text):,} were analysed (the limit is {max_chars:,} per article)")
        text = text[:cut]
    # (?<!\S) anchors the match at a token's start, so each token is scanned once (no quadratic retry inside it).
    text, cuts = re.subn(rf"(?<!\S)(\S{{{max_token}}})\S+", r"\1", text)
    if cuts:
        notes.append(f"{cuts:,} run{'s' if cuts > 1 else ''} of over {max_token:,} characters without a space "
                     f"(data, not words) cut to {max_token:,} characters")
    return text, tuple(notes)
