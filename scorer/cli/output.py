"""Output files that are never lost: written beside the target, renamed into place when complete.

* The target is written only as a temporary file in the same folder; when the command has
  written everything it is flushed, synced and renamed over the target in one step. A
  failure, Ctrl-C or a crash leaves the old file exactly as it was (and no temporary file).
* An output may not be any file the command reads (inputs, ``--config``, ``--knowledge``,
  the model's files, labelled sets): compared by device and inode, so another name for the
  same file (a hard or symbolic link, ``./x``) is caught too.
* A full disk or a folder without write permission is a one-line error.
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator

import click


def _identity(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def files_in(paths: Iterable[str | os.PathLike | None]) -> list[str]:
    """``paths`` with every folder replaced by the files under it (for the read set of a model directory)."""
    out: list[str] = []
    for path in paths:
        if path is None or str(path) == "-":
            continue
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                out.extend(os.path.join(root, name) for name in names)
        else:
            out.append(str(path))
    return out


def refuse_reading(output: str | None, read: Iterable[str | os.PathLike | None], what: str = "--output") -> None:
    """A one-line error when ``output`` is the same file as any file in ``read``."""
    if not output:
        return
    target = _identity(output)
    if target is None:
        return
    for path in files_in(read):
        if _identity(path) == target:
            raise click.ClickException(f"{what} {output} is {path}, which this command reads; refusing to overwrite it")


@contextlib.contextmanager
def atomic_output(path: str | None, *, read: Iterable[str | os.PathLike | None] = (), encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Standard output, or a temporary file beside ``path`` renamed over it once the block finishes.

    Nothing is replaced when the block raises (or is interrupted): the temporary file is removed.
    """
    if path is None:
        yield sys.stdout
        return
    refuse_reading(path, read)
    target = Path(path)
    if target.is_dir():
        raise click.ClickException(f"cannot write {path}: it is a folder")
    if _identity(target) is not None and not target.is_file():
        raise click.ClickException(f"cannot write {path}: not a regular file (write to a file, or to standard output)")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
    done = False
    try:
        try:
            mode = os.stat(target).st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        handle = os.fdopen(fd, "w", encoding=encoding)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
        done = True
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp)
