"""Bytes in, text out: read a file or stdin, detect the encoding, decide HTML or plain text.

HTML vs text is decided from the content, not the extension: a saved page may
be called ``.txt`` and a text export may be called ``.html``.
"""
from __future__ import annotations

import codecs
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from scorer.core.errors import InputError

# Magic numbers of the binary formats people most often pass by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|section|li|ul|table|meta|title|script|img)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class LoadedInput:
    """Decoded input: its text, whether it is HTML, and the encoding used."""

    text: str
    is_html: bool
    encoding: str


def read_bytes(path: str | Path, *, max_bytes: int) -> bytes:
    """Read ``path`` with the size cap checked before reading it all."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if path.is_dir():
        raise InputError("is a folder, not a file")
    if size > max_bytes:
        raise InputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, *, max_bytes: int) -> LoadedInput:
    """Bytes → text, refusing what is empty, binary or too large."""
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, max_bytes)
    if not data.strip():
        raise InputError("file is empty")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"looks like {what}, not an article (HTML or text)")
    text, encoding = _to_text(data)
    if "\x00" in text[:8192] or _control_share(text[:8192]) > 0.05:
        raise InputError("looks like a binary file, not an article (HTML or text)")
    if not text.strip():
        raise InputError("file has no text")
    return LoadedInput(text=text, is_html=looks_like_html(text), encoding=encoding)


def looks_like_html(text: str) -> bool:
    """True for a page (doctype/html/head/body at the start) or text dense with common tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 3


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except (OSError, EOFError):
        raise InputError("looks like a damaged gzip file") from None
    if len(out) > max_bytes:
        raise InputError(f"decompressed input is over the {max_bytes:,}-byte limit")
    return out


def _to_text(data: bytes) -> tuple[str, str]:
    # A byte-order mark is the strongest evidence there is.
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    # English news that is not UTF-8 and declares nothing is nearly always windows-1252;
    # statistical detection on a short page guesses other code pages too often.
    try:
        return data.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        encoding = _whatwg_alias(best.encoding)
        return data.decode(encoding, errors="replace"), encoding
    return data.decode("windows-1252", errors="replace"), "windows-1252"


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    return _whatwg_alias(match.group(1).decode("ascii", "ignore"))


def _whatwg_alias(name: str) -> str:
    # Browsers (WHATWG Encoding) read pages labelled ISO-8859-1/ASCII as windows-1252:
    # curly quotes and dashes in the 0x80-0x9F range only make sense that way.
    lowered = name.lower().replace("_", "-")
    if lowered in {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii", "iso8859-1", "l1", "cp819"}:
        return "windows-1252"
    return name


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(text)
