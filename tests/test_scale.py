"""The scale layer: partitions, Parquet output (equal to the JSON Lines output), the Dask engine on a real
LocalCluster, DuckDB per-source figures, and `scorer score` handing over to it."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("warcio")

from click.testing import CliRunner  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

import scorer  # noqa: E402
from scorer.cli.main import cli  # noqa: E402
from scorer.core.config import Config  # noqa: E402
from scorer.scale import plan, run  # noqa: E402
from scorer.scale.parquet import contract_dicts, read_rows, schema  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = dt.date(2026, 12, 7)
CONFIG = Config(today=TODAY)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A WARC (2 pages, a 404, a text), a JSON Lines file (2 texts, a bad line) and an article file: 6 articles, 1 error."""
    folder = tmp_path_factory.mktemp("scale-inputs")
    page = (EXAMPLES / "rewrite.html").read_bytes()
    text = (EXAMPLES / "wire.txt").read_text(encoding="utf-8")
    warc = folder / "crawl.warc.gz"
    with open(warc, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i, (status, body, ctype) in enumerate([("200 OK", page, "text/html"), ("404 Not Found", b"gone", "text/html"),
                                                   ("200 OK", page, "text/html"), ("200 OK", text.encode(), "text/plain")]):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://www.site{i % 2}.example.com/{i}", "response", payload=io.BytesIO(body),
                                                          http_headers=headers, warc_headers_dict={"WARC-Date": "2026-06-01T00:00:00Z"}))
    jsonl = folder / "texts.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"text": text, "url": "https://wire.example/1", "date": "2026-10-03", "source": "Wire"}),
        "{broken",
        json.dumps({"text": text.replace("Tuesday", "Monday"), "id": "wire-2", "source": "Wire"}),
    ]) + "\n", encoding="utf-8")
    return [str(warc), str(jsonl), str(EXAMPLES / "reported.html")]


@pytest.fixture(scope="module")
def local_parquet(inputs, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("out") / "parquet")
    summary = run(inputs, out, config=CONFIG, partition_size=2)
    return out, summary


def _sorted(dicts):
    return sorted(dicts, key=lambda d: d["input"])


def test_plan_numbers_partitions_in_input_order(inputs):
    job = plan(inputs, size=2)
    assert [p.index for p in job.partitions] == list(range(len(job.partitions)))
    assert [p.chunk.format if p.chunk else "files" for p in job.partitions] == ["warc", "warc", "jsonl", "jsonl", "files"]
    assert job.problems == ()


def test_local_run_writes_one_part_per_partition(local_parquet):
    out, summary = local_parquet
    assert sorted(p.name for p in Path(out).iterdir()) == [f"part-0000{i}.parquet" for i in range(5)]
    assert (summary.rows, summary.errors, summary.parts) == (7, 1, 5)
    for part in Path(out).iterdir():
        assert pq.read_schema(part).equals(schema())  # one schema for every part: DuckDB and pyarrow read them as one table


def test_parquet_equals_the_json_lines_output(inputs, local_parquet, tmp_path):
    out, _ = local_parquet
    run(inputs, str(tmp_path / "json"), config=CONFIG, fmt="json", partition_size=2)
    lines = [json.loads(line) for part in sorted((tmp_path / "json").iterdir()) for line in part.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 7
    assert _sorted(contract_dicts(read_rows(out))) == _sorted(lines)


def test_a_record_scores_as_the_api_scores_its_text(local_parquet):
    out, _ = local_parquet
    row = next(r for r in contract_dicts(read_rows(out)) if r["input"] == "wire-2")
    text = (EXAMPLES / "wire.txt").read_text(encoding="utf-8").replace("Tuesday", "Monday")
    assert row == scorer.score_text(text, config=CONFIG, input="wire-2").as_dict()


def test_columns_flatten_article_and_signals_and_keep_lists(local_parquet):
    out, _ = local_parquet
    rows = {r["input"]: r for r in read_rows(out)}
    warc_page = next(r for name, r in rows.items() if name.endswith("crawl.warc.gz:1"))
    assert warc_page["article.date"] == dt.date(2026, 6, 1) or warc_page["article.date_source"] == "metadata"
    assert warc_page["host"] == "site0.example.com" and warc_page["domain"] == "example.com"
    assert isinstance(warc_page["signals.padding.filler_phrases_per_1000_words"], float)
    assert warc_page["findings"] and set(warc_page["findings"][0]) == {"kind", "text", "start", "end", "message", "rule"}
    assert rows["wire-2"]["source"] == "Wire"
    bad = next(r for name, r in rows.items() if name.endswith("texts.jsonl:2"))
    assert bad["error"].startswith("not valid JSON") and bad["score"] is None


def test_row_groups_keep_memory_flat(tmp_path):
    from scorer.scale.parquet import ParquetResultWriter

    result = scorer.score_text((EXAMPLES / "wire.txt").read_text(encoding="utf-8"), config=CONFIG)
    with ParquetResultWriter(str(tmp_path / "p.parquet"), row_group_size=2) as writer:
        for _ in range(5):
            writer.write(result)
    assert pq.ParquetFile(tmp_path / "p.parquet").metadata.num_row_groups == 3


def test_dask_engine_on_a_local_cluster_writes_the_same_parts(inputs, local_parquet, tmp_path):
    pytest.importorskip("distributed")
    out, _ = local_parquet
    summary = run(inputs, str(tmp_path / "dask"), config=CONFIG, partition_size=2, engine="dask", workers=1, processes=False)
    assert (summary.rows, summary.errors, summary.parts) == (7, 1, 5)
    for name in sorted(p.name for p in Path(out).iterdir()):
        assert pq.read_table(tmp_path / "dask" / name).equals(pq.read_table(Path(out) / name)), name


def test_dask_workers_are_readied_once_without_background_chores():
    """The plugin loads the model in each worker, and a LocalCluster's workers run without Dask's profiler."""
    pytest.importorskip("distributed")
    import distributed

    from scorer.scale.dask import ScorerModel, local_cluster
    from scorer.scale.work import _MODELS

    def state(dask_worker):
        profile = dask_worker.periodic_callbacks.get("profile")
        return {"profiling": profile is not None and profile.is_running(), "model": CONFIG.model in _MODELS}

    with local_cluster(1, processes=False) as cluster, distributed.Client(cluster) as client:
        client.register_plugin(ScorerModel(CONFIG, freeze=False))
        assert list(client.run(state).values()) == [{"profiling": False, "model": True}]


def test_per_source_figures_in_duckdb(local_parquet):
    pytest.importorskip("duckdb")
    from scorer.scale.aggregate import per_source

    out, _ = local_parquet
    rows = list(read_rows(out))
    by_domain = {f.key: f for f in per_source(out, by="domain")}
    scored = [r for r in rows if r["error"] is None and r["domain"] == "example.com"]
    figures = by_domain["example.com"]
    assert figures.articles == len(scored) == 3
    assert figures.mean_score == pytest.approx(round(sum(r["score"] for r in scored) / 3, 4))
    assert figures.low_quality_share == pytest.approx(round(sum(r["label"] == "low_quality" for r in scored) / 3, 4))
    by_source = {f.key: f for f in per_source(out, by="source")}
    assert by_source["Wire"].articles == 2
    assert sum(f.errors for f in by_source.values()) == 1


def test_existing_parts_are_not_overwritten(inputs, local_parquet):
    out, _ = local_parquet
    with pytest.raises(FileExistsError, match="part file"):
        run(inputs, out, config=CONFIG)


def test_cli_writes_parquet_and_reports_bad_records(inputs, tmp_path):
    config = tmp_path / "scorer.toml"
    config.write_text(f'[scorer]\ntoday = "{TODAY}"\n', encoding="utf-8")
    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["score", inputs[1], "-o", str(out), "--format", "parquet", "--config", str(config)],
                                catch_exceptions=False)
    assert result.exit_code == 1  # a bad record is an error, as a bad file is
    assert "texts.jsonl:2: not valid JSON" in result.output
    assert "2 scored, 0 low_quality, 1 error" in result.output
    assert len(list(read_rows(str(out)))) == 3


def test_cli_streams_record_files_as_json(inputs, tmp_path):
    result = CliRunner().invoke(cli, ["score", inputs[1], "--format", "json"], catch_exceptions=False)
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [line["input"] for line in lines] == [f"{inputs[1]}:1", f"{inputs[1]}:2", "wire-2"]


@pytest.mark.parametrize("args, message", [
    (["--format", "parquet"], "--output DIR"),
    (["--format", "parquet", "-o", "x", "--prior", "auto"], "--prior auto"),
    (["--format", "html", "-o", "x", "--engine", "dask"], "parquet or json"),
    (["--format", "json", "-o", "x", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler is for --engine dask"),
])
def test_cli_refuses_what_cannot_work(inputs, args, message):
    result = CliRunner().invoke(cli, ["score", inputs[1], *args])
    assert result.exit_code == 1
    assert message in result.output


def test_object_storage_urls_through_fsspec(inputs):
    """Inputs listed by a URL glob and parts written to a URL (fsspec's memory filesystem stands in for s3://)."""
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/bucket/crawl/texts.jsonl", Path(inputs[1]).read_bytes())
    summary = run(["memory://bucket/crawl/*.jsonl"], "memory://bucket/scores", config=CONFIG, partition_size=2)
    assert (summary.rows, summary.errors, summary.problems) == (3, 1, ())
    assert sorted(memory.ls("/bucket/scores", detail=False)) == ["/bucket/scores/part-00000.parquet", "/bucket/scores/part-00001.parquet"]
    with memory.open("/bucket/scores/part-00001.parquet", "rb") as handle:
        assert pq.read_table(handle).column("input").to_pylist() == ["wire-2"]


def test_a_small_job_is_cut_finely_and_merged_back_in_file_order(tmp_path):
    """With no size: 25-article chunks merged by neighbours, so a small job still has enough partitions to share."""
    from scorer.scale.partition import MIN_PARTITION_SIZE, PARTITION_SIZE, TARGET_PARTITIONS
    from scorer.ingest.records import read_chunk

    path = tmp_path / "many.jsonl"
    articles = 40 * MIN_PARTITION_SIZE + 7
    path.write_text("".join(json.dumps({"text": f"text {i}"}) + "\n" for i in range(articles)), encoding="utf-8")
    job = plan([str(path)])
    assert [p.index for p in job.partitions] == list(range(len(job.partitions)))
    assert 1 < len(job.partitions) <= TARGET_PARTITIONS
    assert all(p.chunk.count <= PARTITION_SIZE for p in job.partitions[:-1])
    seen = [r.input for p in job.partitions for r in read_chunk(p.chunk)]
    assert seen == [f"{path}:{i}" for i in range(1, articles + 1)]
    many = tmp_path / "bigger.jsonl"
    many.write_text("".join(json.dumps({"text": f"text {i}"}) + "\n" for i in range(TARGET_PARTITIONS * 3 * MIN_PARTITION_SIZE)), encoding="utf-8")
    bigger = plan([str(many)])
    assert len(bigger.partitions) == TARGET_PARTITIONS and {p.chunk.count for p in bigger.partitions} == {3 * MIN_PARTITION_SIZE}
