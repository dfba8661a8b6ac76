"""Expand what the user typed (files, folders, globs, ``-``) into a list of inputs.

A folder is walked recursively and only article files are kept (by extension:
a folder of articles usually also holds images, CSS and notes). A file named
explicitly is always tried, whatever its extension: the content decides.
"""
from __future__ import annotations

import os
import re
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
            matches = sorted(_glob(arg))
            if not matches:
                problems.append((arg, "no file matches this pattern"))
            for path in matches:
                add(path)
    return Inputs(tuple(paths), tuple(problems))


def _walk(folder: Path):
    # os.walk does not descend into symlinked folders (followlinks=False): a link loop cannot trap it.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                yield os.path.join(root, name)


def _glob(pattern: str) -> list[str]:
    """Regular files matching ``pattern`` (``*``, ``?``, ``[...]``, and ``**`` for any depth).

    Unlike :func:`glob.glob`, the walk never follows a symbolic link to a folder, so a link
    loop (``L/loop -> L``) cannot make it run for ever; a symlink to a *file* is matched.
    Hidden files and folders are matched only by a pattern part that starts with ".".
    """
    parts = pattern.split("/")
    fixed: list[str] = []
    for part in parts[:-1]:
        if _GLOB_CHARS & set(part):
            break
        fixed.append(part)
    rest = parts[len(fixed):]
    base = "/".join(fixed) if fixed else "."
    if fixed == [""]:
        base = "/"
    if not os.path.isdir(base):
        return []
    pieces = []
    for index, part in enumerate(rest):
        last = index == len(rest) - 1
        if part == "**":
            pieces.append("(?:[^/]*/)*" + ("[^/]*" if last else ""))
        else:
            pieces.append(_translate(part) + ("" if last else "/"))
    regex = re.compile("".join(pieces) + r"\Z")
    deep = "**" in rest
    found: list[str] = []
    for root, dirs, files in os.walk(base):  # followlinks=False
        relative = os.path.relpath(root, base).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        depth = prefix.count("/")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if deep or depth < len(rest) - 1 else []
        for name in sorted(files):
            if name.startswith(".") and not rest[-1].startswith("."):
                continue
            if regex.match(prefix + name):
                path = os.path.join(root, name) if fixed else os.path.normpath(os.path.join(root, name))
                if os.path.isfile(path):
                    found.append(path)
    return found


def _translate(part: str) -> str:
    """A regex for one ``/``-separated part of a glob pattern; no wildcard crosses a "/"."""
    out, i = [], 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            start = i + 2 if part[i + 1:i + 2] in ("!", "]") else i + 1
            end = part.find("]", start)
            if end < 0:
                out.append(re.escape(ch))
            else:
                body = part[i + 1:end]
                body = "^" + body[1:] if body.startswith("!") else body
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)
