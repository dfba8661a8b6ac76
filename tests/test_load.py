"""Loading: encodings, HTML-vs-text from the content, and refusals with one-line messages."""
import gzip

import pytest

from scorer.core.errors import InputError
from scorer.ingest.load import decode, looks_like_html, read_bytes

LIMIT = 1_000_000


@pytest.mark.parametrize(
    "data, expected_text, encoding",
    [
        ("Café “quoted” – dash".encode("utf-8"), "Café “quoted” – dash", "utf-8"),
        ("Café “quoted” – dash".encode("utf-8-sig"), "Café “quoted” – dash", "utf-8-sig"),
        ("Café “quoted” – dash".encode("cp1252"), "Café “quoted” – dash", "windows-1252"),
        ("Smörgåsbord naïve".encode("latin-1"), "Smörgåsbord naïve", "windows-1252"),
        ("Café".encode("utf-16"), "Café", "utf-16"),
    ],
)
def test_decode_detects_encoding(data, expected_text, encoding):
    loaded = decode(data, max_bytes=LIMIT)
    assert loaded.text == expected_text
    assert loaded.encoding == encoding


def test_declared_iso_8859_1_is_read_as_windows_1252_like_browsers():
    page = b'<html><head><meta charset="ISO-8859-1"></head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>'
    loaded = decode(page, max_bytes=LIMIT)
    assert "Café “quoted”" in loaded.text
    assert loaded.is_html


def test_gzip_is_decompressed():
    loaded = decode(gzip.compress("<html><body><p>Hello</p></body></html>".encode()), max_bytes=LIMIT)
    assert loaded.is_html and "Hello" in loaded.text


@pytest.mark.parametrize(
    "text, is_html",
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <html lang='en'><p>x</p></html>", True),
        ("<?xml version='1.0'?><html><body>x</body></html>", True),
        ("<div><p>One</p><p>Two</p></div>", True),
        ("Plain text mentioning <b> once.", False),
        ("A story.\nThe mayor said x < y and y > z.", False),
    ],
)
def test_html_is_decided_from_content(text, is_html):
    assert looks_like_html(text) is is_html


_LONG_SCRIPT = "<script>\n" + "  var x = 'a' + 'b';\n" * 400 + "</script>\n"  # ~8 KB: past the 4 KB tag window


@pytest.mark.parametrize("opening", ["", "<!--section:news--->\n", "\n\t", "<style>p{}</style>\n"])
@pytest.mark.parametrize("skeleton", ["<html><head><title>T</title></head><body>", "<!DOCTYPE html>\n<html>", "<BODY bgcolor=white>"])
def test_a_page_opening_with_a_long_script_is_html(opening, skeleton):
    # Old CMS templates put scripts before <html>; read as text, the whole page's markup became the "article".
    page = opening + _LONG_SCRIPT + skeleton + "<p>The council met on Tuesday.</p></body></html>"
    assert looks_like_html(page)


@pytest.mark.parametrize(
    "text",
    [
        "A story about web pages.\n" + "Filler line.\n" * 400 + "Its <body> tag and <html> root were discussed.",
        "<3 to everyone who came.\n" + "Filler line.\n" * 400 + "We talked about the <html> tag.",
    ],
)
def test_text_naming_the_skeleton_without_opening_with_markup_is_text(text):
    assert not looks_like_html(text)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x1f\x8bnot really gzip", "gzip"),
    ],
)
def test_refusals_are_one_line(data, message):
    with pytest.raises(InputError) as info:
        decode(data, max_bytes=LIMIT)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_size_cap_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        read_bytes(big, max_bytes=1000)


def test_missing_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "nope.txt", max_bytes=LIMIT)
    with pytest.raises(InputError, match="folder"):
        read_bytes(tmp_path, max_bytes=LIMIT)
