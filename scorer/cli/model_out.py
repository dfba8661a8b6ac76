"""The model directory ``scorer train --out`` writes: built beside the target, put in place only when complete.

The trainer writes its files (``model.joblib``, ``metadata.json``, ``metrics.json``) into a fresh
folder beside ``--out``; they are synced, and the folder then takes the place of ``--out`` by
renames (the previous model moved aside first, removed only once the new one is in place). A
failure, Ctrl-C or a full disk while training or saving leaves the previous model exactly as it
was, and no temporary folder behind. ``--out`` may not hold, or be, anything the command reads
(labelled sets, the spec file, the feature cache), compared by device and inode.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

import click

from scorer.cli.output import files_in, refuse_reading


def refuse_reading_into(out: str, read: Iterable[str | os.PathLike | None]) -> None:
    """A one-line error when the folder ``out`` is, or holds, anything the command reads."""
    target = Path(out)
    read = [path for path in read if path is not None]
    for existing in files_in([target]):
        refuse_reading(existing, read, what="--out")
    if not target.exists():
        return
    for path in read:
        with contextlib.suppress(OSError):
            inside = Path(path).resolve()
            if inside == target.resolve() or target.resolve() in inside.parents:
                raise click.ClickException(f"--out {out} holds {path}, which this command reads; refusing to write a model there")


@contextlib.contextmanager
def staged_model_dir(out: str) -> Iterator[Path]:
    """A folder (named as ``out``) to write the model into; it replaces ``out`` when the block completes."""
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    work = staging / target.name  # same name: a model is named after its folder unless --name says otherwise
    try:
        yield work
        for file in work.iterdir():
            with open(file, "rb") as handle:
                os.fsync(handle.fileno())
        if target.exists():
            previous = staging / ".previous"
            os.rename(target, previous)
            try:
                os.rename(work, target)
            except OSError:
                os.rename(previous, target)
                raise
        else:
            os.rename(work, target)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
