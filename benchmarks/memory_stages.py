"""Peak resident memory and CPU of each stage of scoring one input (Linux: the peak is reset between stages).

    OMP_NUM_THREADS=1 python benchmarks/memory_stages.py PAGE.html
    OMP_NUM_THREADS=1 python benchmarks/memory_stages.py PAGE.html --unbounded   # without the page/text limits

Stages as :mod:`scorer.pipeline` runs them: reading, decoding, the page bound and extraction (HTML),
the text bound, cleaning, segmentation, each signal family, the model. ``+MB`` is the stage's peak
over the memory held when it started (``/proc/self/clear_refs`` resets the peak, VmHWM), ``held`` what
the process holds after it. ``--unbounded`` skips :func:`scorer.ingest.extract.bounds.bound_page` and
:func:`scorer.core.limits.bound_text`, to see what an input costs without them (issue 19: a 5 MB
token took 1.1 GB in the model's wording sub-model). Figures only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import time


def _status() -> dict[str, float]:
    out = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) / 1024
    return out


def stage(name: str, work):
    gc.collect()
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")  # reset VmHWM to the current RSS
    before = _status()["VmRSS"]
    start = time.process_time()
    out = work()
    cpu = time.process_time() - start
    now = _status()
    print(f"{name:26} {cpu:7.2f} {now['VmHWM']:8.0f} {now['VmHWM'] - before:+8.0f} {now['VmRSS']:8.0f}", flush=True)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--unbounded", action="store_true", help="skip the page and text limits")
    args = parser.parse_args(argv)

    from scorer.core.config import Config
    from scorer.core.limits import bound_text
    from scorer.ingest import clean, extract, load
    from scorer.ingest.extract.bounds import bound_page
    from scorer.ingest.segment import build_article
    from scorer.model.loading import load_model
    from scorer.pipeline import _predict_many, read_input
    from scorer.signals import REGISTRY

    config = Config(time_limit=0)
    print(f"{'stage':26} {'cpu s':>7} {'peak MB':>8} {'+MB':>8} {'held MB':>8}")
    model = stage("load the model", load_model)
    data = stage("read", lambda: read_input(args.path, config))
    loaded = stage("decode", lambda: load.decode(data, max_bytes=config.max_bytes))
    body = loaded.text
    if loaded.is_html:
        page = body if args.unbounded else stage("bound the page", lambda: bound_page(body)[0])
        body = stage("extract (trafilatura)", lambda: extract.extract_html(page, url=None).text)
        del page
    if not args.unbounded:
        body = stage("bound the text", lambda: bound_text(body, config.max_chars)[0])
    cleaned, removed = stage("clean", lambda: clean.clean_text(body))
    article = stage("segment", lambda: build_article(cleaned, date=dt.date(2026, 1, 1), date_source="option", removed=removed))
    signals = {}
    for spec in REGISTRY:
        if spec.in_output:
            signals[spec.name] = stage(f"signals: {spec.name}", lambda: spec.analyze(article, config))
    stage("model (with wording)", lambda: _predict_many(model, [(article, signals)]))


if __name__ == "__main__":
    main()
