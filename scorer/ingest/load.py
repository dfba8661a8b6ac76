"""Bytes in, text out: read a file or stdin, detect the encoding, decide HTML or plain text.

HTML vs text is decided from the content, not the extension: a saved page may
be called ``.txt`` and a text export may be called ``.html``.
"""
from __future__ import annotations

import codecs
import errno
import gzip
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from scorer.core.errors import InputError
from scorer.core.limits import check_text
from scorer.ingest.embeds import MARKUP_TAG, is_text_with_embeds

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
# A page may open with scripts, styles or comments before its <html> (old CMS templates do): a text that
# starts with markup and names the document's skeleton within its first 64 KB is a page too.
_MARKUP_START = re.compile(r"^\s*<[!a-zA-Z]")
_SKELETON = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_SKELETON_WINDOW = 65536
_HTML_TAG = MARKUP_TAG


@dataclass(frozen=True)
class LoadedInput:
    """Decoded input: its text, whether it is HTML, and the encoding used."""

    text: str
    is_html: bool
    encoding: str


def read_bytes(path: str | Path, *, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    The file is opened without blocking (a FIFO or a device must not hang the batch), then
    ``fstat`` on the open descriptor decides: anything but a regular file is refused. At most
    ``max_bytes + 1`` bytes are read, whatever size ``stat`` claims (``/proc`` files say 0).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"is {_file_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise InputError(f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
        chunks, total = [], 0
        while total <= max_bytes:
            try:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                    raise InputError("cannot read without waiting (not a regular file)") from None
                raise InputError(f"cannot read: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise InputError(f"file is over the {max_bytes:,}-byte limit")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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
    check_text(text)  # the whole text, not only its start
    if not text.strip():
        raise InputError("file has no text")
    return LoadedInput(text=text, is_html=looks_like_html(text), encoding=encoding)


def looks_like_html(text: str) -> bool:
    """True for a page (doctype/html/head/body at the start, or markup first and that skeleton soon after) or text dense
    with common tags, unless most of its words stand outside any element (prose with embeds: a text)."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    if _MARKUP_START.match(head) and _SKELETON.search(text, 0, _SKELETON_WINDOW):
        return True
    tags = _HTML_TAG.findall(head)
    # Prose with a few embeds pasted in (a video's iframe, a tweet) is a text: most of its words stand outside
    # any element, where a page extractor would drop them (scorer.ingest.embeds).
    return len(tags) >= 3 and not is_text_with_embeds(text)


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
    if declared and _is_text_codec(declared):
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
    # Imported here: almost every input is decoded above, and the detector takes a while to import.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        encoding = _whatwg_alias(best.encoding)
        if not _is_text_codec(encoding):
            encoding = "windows-1252"
        return data.decode(encoding, errors="replace"), encoding
    return data.decode("windows-1252", errors="replace"), "windows-1252"


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    return _whatwg_alias(match.group(1).decode("ascii", "ignore"))


#: Codecs a page may name in its charset: text encodings only. Python also has codecs that
#: unescape or decompress ("unicode_escape", "raw_unicode_escape", "punycode", "idna",
#: "rot13", "zlib"...), and honouring those lets a page put anything (lone surrogates) in the text.
_TEXT_CODECS = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "ascii", "latin-1",
        "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
        "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8",
        "iso8859-9", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
        "koi8-r", "koi8-u", "mac-roman", "cp437", "cp850", "cp866", "cp874",
        "shift_jis", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "euc_kr", "cp949",
        "tis-620",
    )
)


def _is_text_codec(name: str) -> bool:
    try:
        return codecs.lookup(name).name in _TEXT_CODECS
    except LookupError:
        return False


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
