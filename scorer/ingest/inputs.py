"""Expand what the user typed (files, folders, globs, ``-``) into a list of inputs.

A folder is walked recursively and only article files are kept (by extension:
a folder of articles usually also holds images, CSS and notes). A file named
explicitly is always tried, whatever its extension: the content decides.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from scorer.core.text import ARTICLE_SUFFIXES

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Inputs:
    paths: tuple[str, ...]  # in the order given; folder contents sorted
    problems: tuple[tuple[str, str], ...]  # (what was typed, why nothing came of it)


def expand_inputs(args: Iterable[str]) -> Inputs:
    paths: list[str] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for arg in args:
        if arg == "-":
            add(arg)
        elif os.path.isdir(arg):
            found = sorted(_walk(Path(arg)))
            if not found:
                problems.append((arg, "folder holds no article files (.html, .htm, .txt, .md)"))
            for path in found:
                add(path)
        elif os.path.exists(arg) or not (_GLOB_CHARS & set(arg)):
            add(arg)  # a missing plain path gets its one-line error when it is read
        else:
            matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
            if not matches:
                problems.append((arg, "no file matches this pattern"))
            for path in matches:
                add(path)
    return Inputs(tuple(paths), tuple(problems))


def _walk(folder: Path):
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                yield os.path.join(root, name)
