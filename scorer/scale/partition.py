"""Cut a job's inputs into partitions: groups of article files, or chunks of one record file.

A partition is small to send (paths and offsets, never article text): each worker reads its own
share of the inputs, so the paths must be readable where the workers run (a shared file system,
or fsspec URLs). Partition ``i`` writes ``part-{i:05d}.parquet`` (or ``.jsonl``), whichever engine
runs it, so the output of a run does not depend on the engine or the number of workers.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Sequence

from scorer.ingest.inputs import expand_inputs
from scorer.ingest.records import Chunk, chunks, record_format

#: Articles per partition at most, when no size is given: enough to amortise opening a file and a
#: task's overhead (a few ms against ~25 ms per article).
PARTITION_SIZE = 250
#: With no size given, a smaller job is cut into about this many partitions (of at least
#: MIN_PARTITION_SIZE articles): a worker that finishes early waits for the others' last
#: partition, about 1/(partitions per worker) of the run, so 2 workers sharing 12 partitions of 250
#: (3,000 articles) could lose up to a sixth of the run; they share 64 of 47 evenly. The sizes do
#: not depend on the number of workers, so the part files of a run do not either.
TARGET_PARTITIONS = 64
MIN_PARTITION_SIZE = 25


@dataclass(frozen=True)
class Partition:
    """Article files, or one chunk of a record file; ``index`` names its output part."""

    index: int
    files: tuple[str, ...] = ()
    chunk: Chunk | None = None

    def part_name(self, fmt: str) -> str:
        return f"part-{self.index:05d}.{'jsonl' if fmt == 'json' else fmt}"


@dataclass(frozen=True)
class Plan:
    partitions: tuple[Partition, ...]
    problems: tuple[tuple[str, str], ...]  # (what was typed, why nothing came of it)


def plan(args: Iterable[str], size: int | None = None) -> Plan:
    """Partitions for ``args`` (files, folders, globs, record files), in the order given.

    Article files are grouped ``size`` at a time; each record file is cut into chunks of about
    ``size`` articles (one pass over the file to find the offsets). A folder contributes its
    article files and its record files. With no ``size``: :data:`PARTITION_SIZE` articles, or
    fewer for a small job (about :data:`TARGET_PARTITIONS` partitions of at least
    :data:`MIN_PARTITION_SIZE`): the job is cut that finely in the same one pass, then neighbours are merged.
    """
    if size is None:
        fine = _plan(args, MIN_PARTITION_SIZE)
        per = min(max(-(-len(fine.partitions) // TARGET_PARTITIONS), 1), PARTITION_SIZE // MIN_PARTITION_SIZE)
        return Plan(_merge(fine.partitions, per), fine.problems)
    return _plan(args, size)


def _merge(partitions: Sequence[Partition], per: int) -> tuple[Partition, ...]:
    """Up to ``per`` neighbouring partitions made one: file groups with file groups, chunks of one file with each other."""
    merged: list[Partition] = []
    run: list[Partition] = []

    def close() -> None:
        if not run:
            return
        if run[0].chunk is None:
            merged.append(Partition(len(merged), files=tuple(f for p in run for f in p.files)))
        else:
            first, counts = run[0].chunk, [p.chunk.count for p in run]
            count = -1 if -1 in counts else sum(counts)  # -1: to the end of the file
            merged.append(Partition(len(merged), chunk=Chunk(first.path, first.format, first.offset, first.first, count)))
        run.clear()

    for partition in partitions:
        if run and (len(run) >= per or not _neighbours(run[-1], partition)):
            close()
        run.append(partition)
    close()
    return tuple(merged)


def _neighbours(a: Partition, b: Partition) -> bool:
    if a.chunk is None or b.chunk is None:
        return a.chunk is None and b.chunk is None
    return a.chunk.path == b.chunk.path and a.chunk.count >= 0


def _plan(args: Iterable[str], size: int) -> Plan:
    if size < 1:
        raise ValueError(f"partition size must be at least 1, not {size}")
    args = list(args)
    urls = [a for a in args if "://" in a]
    expanded = expand_inputs([a for a in args if a not in urls])
    paths = list(expanded.paths)
    seen = {os.path.realpath(p) for p in paths if p != "-"}
    problems = []
    for url in urls:  # object storage: globs listed through fsspec (a URL input must be a record file)
        found, why = _expand_url(url)
        paths.extend(found)
        if why:
            problems.append((url, why))
    for arg, why in expanded.problems:
        extra = _record_files(arg) if os.path.isdir(arg) else []
        if not extra:
            problems.append((arg, why))
    for arg in args:
        if os.path.isdir(arg):
            for path in _record_files(arg):
                if os.path.realpath(path) not in seen:
                    seen.add(os.path.realpath(path))
                    paths.append(path)
    partitions: list[Partition] = []
    group: list[str] = []

    def close_group() -> None:
        if group:
            partitions.append(Partition(len(partitions), files=tuple(group)))
            group.clear()

    for path in paths:
        if record_format(path) is None:
            group.append(path)
            if len(group) >= size:
                close_group()
            continue
        close_group()
        try:
            found = chunks(path, size)
        except Exception as exc:  # noqa: BLE001 - one unreadable file is a problem line, not the end of the job
            problems.append((path, str(exc).removeprefix(f"{path}: ")))
            continue
        base = len(partitions)
        partitions.extend([Partition(base + i, chunk=c) for i, c in enumerate(found)])
    close_group()
    return Plan(tuple(partitions), tuple(problems))


def _expand_url(url: str) -> tuple[list[str], str | None]:
    if not set("*?[") & set(url):
        return [url], None
    try:
        import fsspec
    except ImportError:
        return [], "listing URLs needs fsspec (pip install 'scorer[scale]' and the filesystem's package, e.g. s3fs)"
    try:
        files = fsspec.open_files(url, "rb")
    except Exception as exc:  # noqa: BLE001 - an unknown protocol, missing credentials, a missing bucket
        return [], f"cannot list: {exc}"
    found = sorted(f.fs.unstrip_protocol(f.path) for f in files)
    return found, None if found else "no file matches this pattern"


def _record_files(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, n) for n in sorted(files) if not n.startswith(".") and record_format(n))
    return found
