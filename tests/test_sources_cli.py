"""`scorer sources` commands and `scorer score --store`, through click's runner."""
import csv
import io
import json
import shutil

import click
import pytest
from click.testing import CliRunner

from scorer.cli import cli
from scorer.sources import open_store

from sources_helpers import scored_store_once, synthetic_row


@pytest.fixture
def db(tmp_path_factory, fixtures, tmp_path):
    path = tmp_path / "s.db"
    shutil.copy(scored_store_once(tmp_path_factory, fixtures), path)
    return path


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def test_every_sources_command_has_help_with_an_example():
    # get_command, not cli.commands: sub-commands load lazily, so cli.commands holds "sources" only
    # once some other test ran it (order-dependent: this test failed when run alone or first on a worker)
    group = cli.get_command(click.Context(cli), "sources")
    for name, command in {**group.commands, **group.commands["ratings"].commands}.items():
        assert "Example" in (command.help or "") or name == "ratings", name


def test_list_json_has_the_contract_keys(db):
    lines = run("sources", "list", "--store", db, "--format", "json", "--min-articles", "3").strip().splitlines()
    rows = {json.loads(line)["source"]: json.loads(line) for line in lines}
    assert set(rows) == {"valley-gazette.com", "viralnews.example"}
    for row in rows.values():
        assert {"source", "articles", "first_date", "last_date", "score", "low", "high", "rated", "criteria", "ratings", "model"} <= set(row)
        assert row["articles"] == 4 and row["rated"] and row["model"].startswith("default@")
        assert row["low"] <= row["score"] <= row["high"]
    assert rows["valley-gazette.com"]["criteria"]["named_byline"]["count"] == 4
    assert rows["viralnews.example"]["criteria"]["sensational_headline"]["count"] == 4
    assert rows["valley-gazette.com"]["first_date"] == "2026-03-10"


def test_list_says_not_rated_below_the_minimum(db):
    out = run("sources", "list", "--store", db)  # default minimum 5 > 4 articles each
    assert "not rated below 5 articles" in out and out.count("not rated") >= 3


def test_list_csv_and_sort(db):
    out = run("sources", "list", "--store", db, "--format", "csv", "--sort", "source", "--min-articles", "2")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["source"] for r in rows] == ["valley-gazette.com", "viralnews.example"]


def test_show_lists_what_pulled_it_down_and_the_months(db):
    out = run("sources", "show", "viralnews.example", "--store", db, "--min-articles", "2")
    assert "articles that pulled it down" in out and "history by month" in out and "2026-03" in out
    assert "criteria" in out
    run("sources", "show", "nowhere.example", "--store", db, code=1)


def test_ratings_import_list_and_evaluate(db, tmp_path):
    ratings = tmp_path / "r.csv"
    ratings.write_text("source,value,label\nhttps://www.valley-gazette.com,0.9,high\nviralnews.example,0.1,low\nbad.example,7\n",
                       encoding="utf-8")
    out = run("sources", "ratings", "import", ratings, "--rater", "demo", "--as-of", "2026-01-01", "--store", db, code=1)
    assert "imported 2 ratings by demo" in out and ":4:" in out  # the bad row, by line
    rows = [json.loads(l) for l in run("sources", "list", "--store", db, "--format", "json", "--min-articles", "2").splitlines()]
    gazette = next(r for r in rows if r["source"] == "valley-gazette.com")
    assert gazette["ratings"]["demo"]["value"] == 0.9 and gazette["blend"]["raters"] == ["demo"]
    assert 0 < gazette["blend"]["prior_weight"] < 1
    out = run("sources", "evaluate", "--store", db, "--ratings", ratings, "--min-articles", "2")
    assert "spearman" in out and "mean article score" in out


def test_export_csv_jsonl_and_parquet_message(db, tmp_path):
    run("sources", "export", "--store", db, "-o", tmp_path / "a.csv")
    assert len(list(csv.DictReader(open(tmp_path / "a.csv", encoding="utf-8")))) == 8
    run("sources", "export", "--store", db, "-o", tmp_path / "s.jsonl", "--what", "sources")
    assert len((tmp_path / "s.jsonl").read_text().splitlines()) == 2
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        out = run("sources", "export", "--store", db, "-o", tmp_path / "a.parquet", code=1)
        assert "needs pyarrow" in out
    else:
        run("sources", "export", "--store", db, "-o", tmp_path / "a.parquet")


def test_score_store_records_with_the_given_source(tmp_path, fixtures):
    page = tmp_path / "story.txt"
    page.write_text("Councillor Jane Ito said on Monday that the bridge will reopen in June after repairs costing $2 million, "
                    "according to the city's engineering report published last week.", encoding="utf-8")
    store = tmp_path / "s.db"
    run("score", page, "--store", store, "--source", "Example.com", "--format", "json")
    run("score", page, "--store", store, "--source", "Example.com", "--format", "json")  # same article: no new row
    with open_store(store) as s:
        assert s.count() == 1
        assert s.conn.execute("SELECT source FROM articles").fetchone()[0] == "example.com"


def test_list_on_many_synthetic_rows_uses_sql(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        store.add_rows([synthetic_row(f"s{i % 40}.com", i, (i % 7) / 3) for i in range(4000)])
    out = run("sources", "list", "--store", tmp_path / "s.db", "--format", "json")
    assert len(out.splitlines()) == 40
