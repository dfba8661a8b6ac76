"""Find the likely original of a rewrite among many articles: MinHash LSH (datasketch).

An article is the set of its content words (stop words dropped, crudely stemmed):
a paraphrase changes the wording but keeps most names, numbers and topic words,
so most of its set is found in its original's. LSH proposes candidates by Jaccard
similarity (a low threshold: a short rewrite of a long original has a low Jaccard),
and they are ranked by the estimated containment of the rewrite's words in each.
Word trigrams would find copies only.

The index is filled through :meth:`ArticleIndex.add` (key, text), so any article
store can feed it: :class:`DirectorySource` reads a folder; a database-backed
store only needs the same two methods (``items()`` and ``text(key)``). Saved as
plain arrays (``.npz``) plus the keys (JSON): no pickle, safe to load.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

import scorer
from scorer.compare.tokens import content, words

#: Jaccard similarity of content-word sets from which LSH proposes a candidate. Low on purpose: a short
#: rewrite of a long original shares most of its words with it but only a small share of the original's.
DEFAULT_THRESHOLD = 0.1
DEFAULT_PERM = 128
#: Files a folder source reads (others are skipped).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


class ArticleSource(Protocol):
    """Where the index gets articles from: a folder today, the article store later."""
    def items(self) -> Iterable[tuple[str, str]]: ...  # (key, cleaned text)

    def text(self, key: str) -> str: ...


@dataclass(frozen=True)
class Candidate:
    key: str
    similarity: float  # estimated share of the query's content words found in this article (containment)
    jaccard: float  # estimated Jaccard similarity of the two content-word sets

    def as_dict(self) -> dict:
        return {"key": self.key, "similarity": round(self.similarity, 3), "jaccard": round(self.jaccard, 3)}


def features(text: str) -> list[bytes]:
    return [w.encode("utf-8") for w in set(content(words(text)))]


class ArticleIndex:
    """Content-word MinHash signatures in an LSH index; ``query`` gives likely originals, best first."""
    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = DEFAULT_PERM, seed: int = 1):
        self.threshold, self.num_perm, self.seed = threshold, num_perm, seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, LeanMinHash] = {}
        self._sizes: dict[str, int] = {}  # content-word set sizes: containment from Jaccard
        # The signatures again as rows of one matrix, so a query compares with all its candidates in one numpy step.
        self._row: dict[str, int] = {}
        self._matrix = np.zeros((1024, num_perm), dtype=np.uint64)
        self._size_arr = np.zeros(1024, dtype=np.int64)
        self._used = 0
        probe = MinHash(num_perm=num_perm, seed=seed)
        self._perm = probe.permutations  # shared: computed once, not per article
        self.scheme = probe.scheme

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, key: str) -> bool:
        return key in self._sigs

    def signature(self, text: str) -> tuple[LeanMinHash, int]:
        feats = features(text)
        m = MinHash(num_perm=self.num_perm, seed=self.seed, permutations=self._perm, scheme=self.scheme)
        m.update_batch(feats)
        return LeanMinHash(m), len(feats)

    def add(self, key: str, text: str) -> None:
        """Index one article (a key already present is replaced)."""
        self.add_many([(key, text)])

    def add_many(self, items: Iterable[tuple[str, str]]) -> int:
        n = 0
        with self._lsh.insertion_session() as session:
            for key, text in items:
                if key in self._sigs:
                    self._lsh.remove(key)
                sig, size = self.signature(text)
                self._store(key, sig, size)
                session.insert(key, sig, check_duplication=False)
                n += 1
        return n

    def _store(self, key: str, sig: LeanMinHash, size: int) -> None:
        self._sigs[key], self._sizes[key] = sig, size
        row = self._row.get(key)
        if row is None:
            if self._used == len(self._matrix):
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
                self._size_arr = np.concatenate([self._size_arr, np.zeros_like(self._size_arr)])
            row, self._used = self._used, self._used + 1
            self._row[key] = row
        self._matrix[row] = sig.hashvalues
        self._size_arr[row] = size

    def query(self, text: str, k: int = 5, exclude: str | None = None) -> list[Candidate]:
        """Up to ``k`` indexed articles most like ``text`` (estimated Jaccard ≥ the threshold's neighbourhood)."""
        sig, size = self.signature(text)
        keys = [key for key in self._lsh.query(sig) if key != exclude]
        if not keys:
            return []
        rows = np.fromiter((self._row[key] for key in keys), dtype=np.int64, count=len(keys))
        jaccard = (self._matrix[rows] == sig.hashvalues).mean(axis=1)
        # |A∩B| = J(|A|+|B|)/(1+J); containment of the query in the article = |A∩B| / |A|
        contained = np.minimum(jaccard * (size + self._size_arr[rows]) / (1 + jaccard) / max(size, 1), 1.0)
        best = np.lexsort((-jaccard, -contained))[: max(k * 4, k)]
        found = [Candidate(keys[i], float(contained[i]), float(jaccard[i])) for i in best]
        found.sort(key=lambda c: (-c.similarity, -c.jaccard, c.key))
        return found[:k]

    @classmethod
    def from_source(cls, source: ArticleSource, **kwargs) -> "ArticleIndex":
        index = cls(**kwargs)
        index.add_many(source.items())
        return index

    @classmethod
    def from_directory(cls, directory: str | Path, **kwargs) -> "ArticleIndex":
        return cls.from_source(DirectorySource(directory), **kwargs)

    def save(self, path: str | Path) -> None:
        """``path``.npz (signatures) and ``path``.json (keys and settings)."""
        path = Path(path)
        keys = list(self._sigs)
        values = np.stack([self._sigs[k].hashvalues for k in keys]) if keys else np.zeros((0, self.num_perm), dtype=np.uint64)
        sizes = np.array([self._sizes[k] for k in keys], dtype=np.int64)
        np.savez_compressed(path.with_suffix(".npz"), hashvalues=values, sizes=sizes)
        path.with_suffix(".json").write_text(json.dumps(
            {"format": "scorer-article-index/1", "threshold": self.threshold, "num_perm": self.num_perm, "seed": self.seed, "scheme": self.scheme, "keys": keys}))

    @classmethod
    def load(cls, path: str | Path) -> "ArticleIndex":
        path = Path(path)
        meta = json.loads(path.with_suffix(".json").read_text())
        if meta.get("format") != "scorer-article-index/1":
            raise ValueError(f"{path}: not a scorer article index")
        index = cls(threshold=meta["threshold"], num_perm=meta["num_perm"], seed=meta["seed"])
        if meta.get("scheme") != index.scheme:
            raise ValueError(f"{path}: made with MinHash scheme {meta.get('scheme')!r}, this datasketch uses {index.scheme!r}; rebuild it")
        arrays = np.load(path.with_suffix(".npz"), allow_pickle=False)
        with index._lsh.insertion_session() as session:
            for key, row, size in zip(meta["keys"], arrays["hashvalues"], arrays["sizes"]):
                sig = LeanMinHash(seed=index.seed, hashvalues=row, scheme=index.scheme)
                index._store(key, sig, int(size))
                session.insert(key, sig, check_duplication=False)
        return index


class DirectorySource:
    """Articles in a folder (recursively): key = path relative to the folder; text = the cleaned article."""
    def __init__(self, directory: str | Path):

        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise scorer.InputError(f"{directory}: not a folder of articles")

    def paths(self) -> Iterator[Path]:
        for path in sorted(self.directory.rglob("*")):
            if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path

    def items(self) -> Iterator[tuple[str, str]]:

        for path in self.paths():
            try:
                yield str(path.relative_to(self.directory)), scorer.extract_file(path).text
            except scorer.ScorerError:
                continue  # an unreadable file is simply not a candidate

    def text(self, key: str) -> str:

        return scorer.extract_file(self.directory / key).text

    def path(self, key: str) -> Path:
        return self.directory / key
