"""Record readers (scorer/ingest/records.py) on WARC, JSON Lines and Parquet files made here."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json

import pytest

from scorer.ingest.records import BadRecord, Chunk, Record, chunks, iter_records, read_chunk, record_format
from scorer.scale.hosts import domain_of, host_of

warcio = pytest.importorskip("warcio")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PAGE = b"<html><head><title>T</title></head><body><article><p>A page with some words in it.</p></article></body></html>"
TEXT = b"Plain text article. Officials said so on Tuesday."


def write_warc(path, *, gzip_records=True, pages=3):
    """warcinfo, then per page a request and a response; then a 404, an image and a text/plain response."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(str(path), {"software": "test"}))
        for i in range(pages):
            url = f"https://www.example.com/story/{i}"
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.example.com")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(PAGE), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": f"2026-03-1{i}T08:00:00Z"}))
        for status, ctype, body in (("404 Not Found", "text/html", b"gone"), ("200 OK", "image/png", b"\x89PNG...")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://www.example.com/x", "response", payload=io.BytesIO(body), http_headers=headers))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.co.uk/wire", "response", payload=io.BytesIO(TEXT), http_headers=headers))
    return str(path)


@pytest.mark.parametrize("name, fmt", [("a.warc", "warc"), ("A.WARC.GZ", "warc"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"),
                                       ("a.parquet", "parquet"), ("a.html", None), ("a.json", None), ("a.gz", None)])
def test_record_format_from_the_name(name, fmt):
    assert record_format(name) == fmt


@pytest.mark.parametrize("gzip_records", [True, False])
def test_warc_response_records_with_url_and_date(tmp_path, gzip_records):
    path = write_warc(tmp_path / ("c.warc.gz" if gzip_records else "c.warc"), gzip_records=gzip_records)
    records = list(iter_records(path))
    assert all(isinstance(r, Record) for r in records)
    # Records counted from 1, all kinds: 1 warcinfo, then request/response pairs, 404 (8), image (9), text (10).
    assert [r.input for r in records] == [f"{path}:3", f"{path}:5", f"{path}:7", f"{path}:10"]
    assert records[0].url == "https://www.example.com/story/0" and records[0].date == dt.date(2026, 3, 10)
    assert records[0].content == PAGE and records[-1].content == TEXT
    assert records[-1].url == "https://news.example.co.uk/wire"


@pytest.mark.parametrize("size", [1, 2, 3, 10])
def test_warc_chunks_read_the_same_records_as_one_pass(tmp_path, size):
    path = write_warc(tmp_path / "c.warc.gz", pages=5)
    whole = list(iter_records(path))
    cut = chunks(path, size)
    assert len(cut) == -(-len(whole) // size)
    assert [r for c in cut for r in read_chunk(c)] == whole


def test_truncated_warc_reports_the_record_and_keeps_those_before(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", pages=3)
    data = open(path, "rb").read()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: len(data) - 40])
    found = list(iter_records(str(broken)))
    assert [r.input for r in found if isinstance(r, Record)][:3] == [f"{broken}:3", f"{broken}:5", f"{broken}:7"]
    bad = [r for r in found if isinstance(r, BadRecord)]
    assert len(bad) == 1 and bad[0].input.startswith(f"{broken}:")


def test_warc_payload_over_the_limit_is_a_bad_record(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", pages=1)
    found = list(iter_records(path, max_bytes=60))
    assert isinstance(found[0], BadRecord) and "limit" in found[0].error
    assert isinstance(found[1], Record)  # TEXT is short enough


def write_jsonl(path):
    lines = [
        json.dumps({"text": "First article.", "url": "https://a.example/1", "date": "2026-01-02", "source": "A", "title": "One"}),
        "",
        "{not json",
        json.dumps({"html": PAGE.decode(), "id": "my-id", "date": "2026-01-03T10:00:00Z"}),
        json.dumps({"url": "https://a.example/3"}),
        json.dumps(["a list"]),
        json.dumps({"text": "Bad date.", "date": "yesterday"}),
        json.dumps({"text": 5}),
        json.dumps({"text": "Last one."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_records_and_bad_lines_by_number(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl")
    found = list(iter_records(path))
    kinds = [(type(r).__name__, r.input) for r in found]
    assert kinds == [("Record", f"{path}:1"), ("BadRecord", f"{path}:3"), ("Record", "my-id"), ("BadRecord", f"{path}:5"),
                     ("BadRecord", f"{path}:6"), ("BadRecord", f"{path}:7"), ("BadRecord", f"{path}:8"), ("Record", f"{path}:9")]
    first, page = found[0], found[2]
    assert (first.content, first.is_html, first.url, first.date, first.source, first.title) == (
        "First article.", None, "https://a.example/1", dt.date(2026, 1, 2), "A", "One")
    assert page.is_html is True and page.date == dt.date(2026, 1, 3)
    assert "not valid JSON" in found[1].error and "neither text nor html" in found[3].error
    assert "yesterday" in found[5].error and "must be a string" in found[6].error
    assert found[3].url == "https://a.example/3"  # kept for the aggregation keys of the error row


@pytest.mark.parametrize("size", [1, 2, 4, 100])
def test_jsonl_chunks_read_the_same_records(tmp_path, size):
    path = write_jsonl(tmp_path / "a.jsonl")
    whole = list(iter_records(path))
    assert [r for c in chunks(path, size) for r in read_chunk(c)] == whole


def write_parquet(path, rows=5, row_group_size=2, with_text=True):
    data = {
        "id": [f"id-{i}" if i != 1 else None for i in range(rows)],
        "url": [f"https://site{i % 2}.example/{i}" for i in range(rows)],
        "date": [dt.date(2026, 2, i + 1) for i in range(rows)],
        "source": ["S0", None, "S2", "S3", "S4"][:rows],
        "title": [f"Title {i}" for i in range(rows)],
    }
    if with_text:
        data["text"] = [f"Article number {i}." for i in range(rows)]
    pq.write_table(pa.table(data), path, row_group_size=row_group_size)
    return str(path)


def test_parquet_rows_as_records(tmp_path):
    path = write_parquet(tmp_path / "a.parquet")
    found = list(iter_records(path))
    assert [r.input for r in found] == ["id-0", f"{path}:2", "id-2", "id-3", "id-4"]
    assert found[0] == Record("id-0", "Article number 0.", None, url="https://site0.example/0", date=dt.date(2026, 2, 1), source="S0", title="Title 0")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 9])
def test_parquet_chunks_cross_row_groups(tmp_path, size):
    path = write_parquet(tmp_path / "a.parquet")
    whole = list(iter_records(path))
    cut = chunks(path, size)
    assert all(isinstance(c, Chunk) for c in cut)
    assert [r for c in cut for r in read_chunk(c)] == whole


def test_parquet_without_text_or_html_is_one_bad_record(tmp_path):
    path = write_parquet(tmp_path / "a.parquet", with_text=False)
    found = list(iter_records(path))
    assert len(found) == 1 and isinstance(found[0], BadRecord) and "neither a text nor an html column" in found[0].error


def test_not_parquet_is_a_bad_record(tmp_path):
    path = tmp_path / "a.parquet"
    path.write_bytes(gzip.compress(b"nope"))
    found = list(iter_records(str(path)))
    assert len(found) == 1 and isinstance(found[0], BadRecord)


@pytest.mark.parametrize("url, host, domain", [
    ("https://www.news.example.co.uk/a?b=1", "news.example.co.uk", "example.co.uk"),
    ("http://WWW.BBC.com", "bbc.com", "bbc.com"),
    ("https://127.0.0.1:8000/x", "127.0.0.1", "127.0.0.1"),
    (None, None, None),
    ("", None, None),
])
def test_host_and_registered_domain(url, host, domain):
    assert host_of(url) == host
    assert domain_of(host) == domain
