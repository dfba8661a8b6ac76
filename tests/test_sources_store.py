"""The store: idempotent ingest, bad rows, SIGINT mid-ingest, two writers at once, migration."""
import dataclasses
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer.cli import cli
from scorer.sources import open_store
from scorer.sources.store import SCHEMA_VERSION, content_hash, migrate, transaction

from sources_helpers import FIXTURE_ARTICLES, scored_store_once, synthetic_row

SCORER = [sys.executable, "-m", "scorer"]


@pytest.fixture(scope="module")
def scored_store(tmp_path_factory, fixtures):
    return scored_store_once(tmp_path_factory, fixtures)


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_schema_version_and_wal(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert store.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert migrate(store.conn) == SCHEMA_VERSION  # a second migration finds it current and does nothing


def test_a_newer_schema_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.db")
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        open_store(tmp_path / "s.db")


def test_content_hash_ignores_spacing_and_punctuation():
    assert content_hash("The board voted, 5-2.") == content_hash("the  board voted 5 2")
    assert content_hash("The board voted") != content_hash("The board refused")


def test_same_rows_twice_add_nothing(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        rows = [synthetic_row("a.com", i, 0.5) for i in range(5)]
        assert store.add_rows(rows).added == 5
        assert store.add_rows(rows).added == 0
        assert store.count() == 5


def test_ingest_same_file_twice_adds_nothing(scored_store, tmp_path, fixtures):
    db = tmp_path / "s.db"
    shutil.copy(scored_store, db)  # the first ingest (8 added) ran in the fixture
    runner = CliRunner()
    second = runner.invoke(cli, ["sources", "ingest", str(fixtures / FIXTURE_ARTICLES), "--store", str(db)], catch_exceptions=False)
    assert second.exit_code == 0 and "0 added, 8 already stored" in second.output
    with open_store(db) as store:
        assert store.count() == 8
        sources = dict(store.conn.execute("SELECT source, COUNT(*) FROM articles GROUP BY source").fetchall())
    assert sources == {"valley-gazette.com": 4, "viralnews.example": 4}


def test_bad_rows_are_named_by_file_and_line_and_skipped(tmp_path, fixtures):
    good = (fixtures / FIXTURE_ARTICLES).read_text(encoding="utf-8").splitlines()[0]
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join([good, "{not json", json.dumps({"url": "https://x.com/1"}),
                               json.dumps({"text": "A text with no source at all, said nobody, though it runs on for long enough to be judged by the scorer, which needs twenty words."}),
                               json.dumps({"text": "Too short to judge.", "url": "https://x.com/2"})]) + "\n", encoding="utf-8")
    table = tmp_path / "rows.csv"
    table.write_text('text,url\n"Mayor Ana Ruiz said on Monday the bridge reopens in June, after two years of repairs that cost the city more than it had planned.",https://csv-news.com/a\n,https://csv-news.com/b\n',
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["sources", "ingest", str(rows), str(table), "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert f"{rows}:2: not JSON" in result.output
    assert f"{rows}:3: no 'text' or 'html'" in result.output
    assert f"{rows}:4: no source" in result.output
    assert f"{rows}:5: too short to judge" in result.output
    assert f"{table}:3: no 'text' or 'html'" in result.output
    assert "2 added" in result.output


def _rows_file(path: Path, fixtures: Path, copies: int, tag: str) -> Path:
    base = [json.loads(line) for line in (fixtures / FIXTURE_ARTICLES).read_text(encoding="utf-8").splitlines()]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(copies):
            row = dict(base[i % len(base)])
            row["text"] = f"Report {tag}-{i}. " + row["text"]  # a distinct article each time
            handle.write(json.dumps(row) + "\n")
    return path


def test_sigint_half_way_keeps_every_committed_batch(tmp_path, fixtures):
    # Many rows, one per batch, SIGINT at the first commit: half-way on a fast machine or a loaded one.
    rows = _rows_file(tmp_path / "rows.jsonl", fixtures, 80, "int")
    db = tmp_path / "s.db"
    # The child starts with Ctrl-C's default action, as from a terminal: an ignored SIGINT is inherited
    # through exec, and a test process that ran ignoring it (full xdist runs, twice) made the ingest finish all rows.
    proc = subprocess.Popen([*SCORER, "sources", "ingest", str(rows), "--store", str(db), "--batch", "1"],
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    committed = 0
    while time.monotonic() < deadline and committed < 1:
        time.sleep(0.05)
        if db.exists():
            try:
                committed = sqlite3.connect(db, timeout=5).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is being created
                committed = 0
    assert committed >= 1, "no batch was committed in time"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, -signal.SIGINT), err
    with open_store(db) as store:  # opens cleanly
        kept = store.count()
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert committed <= kept < 80  # stopped early, and nothing committed was lost
    assert "interrupted" in err


class _InterruptedAt(sqlite3.Connection):
    """A connection whose chosen statement runs, then a Ctrl-C arrives (as Python delivers it)."""
    interrupt_after = ""

    def execute(self, sql, *args):
        cur = super().execute(sql, *args)
        if sql == self.interrupt_after:
            raise KeyboardInterrupt
        return cur


@pytest.mark.parametrize("statement, kept", [("COMMIT", 1), ("INSERT INTO t VALUES (1)", 0), ("BEGIN IMMEDIATE", 0)])
def test_a_ctrl_c_anywhere_in_a_transaction_keeps_it_whole_or_not_at_all(tmp_path, statement, kept):
    # The CI failure this pins: Ctrl-C delivered just after COMMIT made ROLLBACK raise
    # "no transaction is active", and the user saw a traceback instead of "interrupted".
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None, factory=_InterruptedAt)
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.interrupt_after = statement
    with pytest.raises(KeyboardInterrupt):
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (1)")
    assert not conn.in_transaction
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == kept


def test_two_processes_ingesting_one_store_both_finish(tmp_path, fixtures):
    db = tmp_path / "s.db"
    files = [_rows_file(tmp_path / f"rows{k}.jsonl", fixtures, 4, f"p{k}") for k in range(2)]
    procs = [subprocess.Popen([*SCORER, "sources", "ingest", str(f), "--store", str(db), "--batch", "1"],
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with open_store(db) as store:
        assert store.count() == 8


def test_a_version_1_store_is_migrated(tmp_path):
    from scorer.sources.store import MIGRATIONS

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.close()
    with open_store(tmp_path / "old.db") as store:
        assert store.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert not store.has_input("nothing", "m@1")  # the v2 column exists


def test_chunked_scoring_stores_what_one_by_one_scoring_would(fixtures):
    # Ingest scores text rows a chunk at a time (scorer.score_many: one model call per chunk, the
    # per-article cost of `scorer score` on a record file); each stored row must be the row that
    # scoring that article alone gives, and a bad row inside a chunk stays that row's problem only.
    from scorer.sources.ingest import Problem, iter_records, score_record, score_records

    records = [r for r in iter_records([str(fixtures / FIXTURE_ARTICLES)]) if not isinstance(r, Problem)]
    records.insert(3, dataclasses.replace(records[0], where="short:1", text="Too short to judge."))
    one_by_one = [score_record(r) for r in records]
    chunked = score_records(records)
    assert [w for w, _, _ in chunked] == [r.where for r in records]
    for (where, row, why), (_, alone, alone_why) in zip(chunked, one_by_one):
        assert why == alone_why, where
        assert (row is None) == (alone is None), where
        if row is not None:
            assert row.keys() == alone.keys()
            for key, value in row.items():
                assert value == pytest.approx(alone[key], rel=1e-9, abs=1e-12) if isinstance(value, float) else value == alone[key], (where, key)
    assert chunked[3][1] is None and chunked[3][2]  # the short row: skipped with its reason


def test_a_publication_date_in_the_future_is_not_kept(fixtures):
    # A data set's date can be wrong ("2050" read from a URL's "...-by-2050"); a date not reached yet
    # cannot be a publication date and would stretch the source's date span.
    import datetime as dt

    from scorer import score_text
    from scorer.sources.ingest import Problem, iter_records
    from scorer.sources.store import row_from_result

    record = next(r for r in iter_records([str(fixtures / FIXTURE_ARTICLES)]) if not isinstance(r, Problem))
    result = score_text(record.text, url=record.url)
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    past = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    late = row_from_result(result, model="m@1", source="a.example", date=future)
    assert late["date"] is None and late["month"] is None and late["date_source"] == "future date ignored"
    kept = row_from_result(result, model="m@1", source="a.example", date=past)
    assert kept["date"] == past and kept["date_source"] == "data"


def test_ingest_in_worker_processes_stores_what_one_process_does(scored_store, tmp_path, fixtures):
    # --jobs 2: chunks scored in worker processes (one BLAS thread each), written in order by this one.
    from scorer.sources import IngestOptions, ingest

    db = tmp_path / "jobs2.db"
    with open_store(db) as store:
        report = ingest(store, [str(fixtures / FIXTURE_ARTICLES)], IngestOptions(jobs=2, batch_size=3))
    assert report.added == 8 and not report.problems

    def rows(path):
        with open_store(path) as store:
            return {r["content_hash"]: (r["source"], r["input"], round(r["probability"], 12), r["signals"])
                    for r in store.conn.execute("SELECT * FROM articles")}

    assert rows(db) == rows(scored_store)
