"""A bounded memo for per-word work that keeps the words still in use when it starts again.

A long batch keeps bringing new words (names, typos, numbers), so a memo of every word met grows
with the batch. Emptying a plain dict when it is full bounds it, but every word of the next texts
is then a miss, the common ones too. This memo keeps two generations: new entries go to the young
one; when the young one is full it becomes the old one (the previous old one is dropped), and a
word found in the old one is copied back into the young one. The words in use survive each turn;
the ones not met for a whole generation go. At most ``size`` entries are held, with one dict
lookup on a hit (two for a word found in the old generation) and no bookkeeping per hit, which a
least-recently-used list would need.
"""
from __future__ import annotations

from typing import Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TwoGenerationMemo(Generic[K, V]):
    """A memo of at most ``size`` entries (two generations of ``size // 2``); values must not be None."""

    __slots__ = ("young", "old", "half")

    def __init__(self, size: int):
        self.half = max(1, size // 2)
        self.young: dict[K, V] = {}  # read directly for a fast path (``map(memo.young.get, keys)``)
        self.old: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        """The value remembered for ``key``, or None; a key of the old generation moves to the young one."""
        value = self.young.get(key)
        if value is None:
            value = self.old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: K, value: V) -> None:
        if len(self.young) >= self.half:
            self.old, self.young = self.young, {}
        self.young[key] = value

    def __len__(self) -> int:
        return len(self.young) + len(self.old)

    def clear(self) -> None:
        self.young, self.old = {}, {}
