"""A precision audit of findings: a seeded sample stratified by kind, judged by hand, rechecked against the code.

    python benchmarks/findings_audit.py sample --seed 1 --verdicts benchmarks/findings_audit_seed1.csv
    python benchmarks/findings_audit.py sample --seed 3 --verdicts benchmarks/findings_audit_seed3.csv \
        --exclude benchmarks/findings_audit_seed1.csv benchmarks/findings_audit_seed2.csv   # fresh articles only
    python benchmarks/findings_audit.py show benchmarks/findings_audit_seed1.csv          # the judge reads each in context
    python benchmarks/findings_audit.py judge benchmarks/findings_audit_seed1.csv JUDGMENTS.txt
    python benchmarks/findings_audit.py precision benchmarks/findings_audit_seed1.csv
    python benchmarks/findings_audit.py recheck benchmarks/findings_audit_seed1.csv [--json OUT]
    python benchmarks/findings_audit.py withheld [--write] [--holdout benchmarks/findings_audit_seed8.csv]

What is sampled: for each dataset (real news ``aeb-scrapinghub``, ``l3s-gn1``, ``polnear``; rewrites
``llmfake``, ``sheepdog-style-rewrites``, machine rows only) ``--docs`` articles are drawn with the seed,
run through the same stages as ``scorer score`` (extraction for HTML, cleaning, segmentation, every signal
family shown in the output), and every finding and every removed boilerplate block (kind
``removed:<kind>``) is a candidate. The sample is stratified by kind: each kind gets an equal share of
``--n`` (a kind with fewer candidates than its share is taken whole and its remainder shared among the
others); inside a kind, candidates are drawn round-robin over the datasets in a seeded order, so every
dataset is represented.

Files: the verdict CSV (committed, in ``benchmarks/``) holds ids, kind, rule, offsets, a hash of the
matched text, the verdict (``correct``/``wrong``) and a short reason category -- never dataset text.
The context the judge reads (matched text, its sentence and neighbours) goes to
``/tmp/findings_audit/<csv stem>.jsonl`` (``--context`` overrides), outside the repository.

Id: ``dataset|row id|kind|start-end`` (removals: ``dataset|row id|removed:<kind>|#n`` with n the
removal's index among the article's removals of that kind). ``recheck`` re-runs the current code
on each judged article: a finding is *still produced* when the code gives a finding of the same
kind whose text hashes the same and starts within :data:`SHIFT` characters of the judged one
(cleaning changes may shift offsets), and for a quote with the same verdict-bearing rule
(attributed or unattributed); a finding judged wrong that is no longer produced is
*fixed*; precision is reported over what the code still produces.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import gzip
import hashlib
import json
import os
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"

from scorer.core.config import Config  # noqa: E402
from scorer.pipeline import article_from_bytes, article_from_text  # noqa: E402
from scorer.signals import analyze_all  # noqa: E402

REAL = ("aeb-scrapinghub", "l3s-gn1", "polnear")
REWRITES = ("llmfake", "sheepdog-style-rewrites")
DATASETS = REAL + REWRITES
FIELDS = ("id", "dataset", "row", "kind", "rule", "start", "end", "text_sha", "verdict", "reason")
SHIFT = 400  # characters a judged finding may move and still be "the same" on recheck
CONTEXT_DIR = Path("/tmp/findings_audit")
#: A fixed "today" so findings on undated articles do not depend on the day the audit is run.
CONFIG = Config(today=datetime.date(2026, 12, 7))


@dataclass(frozen=True)
class Candidate:
    id: str
    dataset: str
    row: str
    kind: str
    rule: str
    start: int
    end: int
    text: str
    context: str
    message: str = ""

    @property
    def sha(self) -> str:
        return text_sha(self.text)


def text_sha(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


# --- the articles ----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def rows(dataset: str, shared: Path = SHARED) -> dict[str, tuple[str, bool, str | None]]:
    """Row id → (raw text or HTML path, is_html, publication date when the set gives one)."""
    base = shared / dataset
    out: dict[str, tuple[str, bool, str | None]] = {}
    if dataset in ("aeb-scrapinghub", "l3s-gn1"):
        index = "ground_truth.jsonl" if dataset == "aeb-scrapinghub" else "gold.jsonl"
        for line in (base / index).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            out[record["id"]] = (str(base / record["html_file"]), True, None)
    elif dataset == "polnear":
        for split in ("train.jsonl", "dev.jsonl"):
            for line in (base / split).read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                out.setdefault(record["article"], (record["text"], False, record.get("publication_date")))  # first annotator's copy
    else:
        files = ("train.jsonl",) if dataset == "llmfake" else ("train.jsonl", "test.jsonl", "adversarial_only.jsonl")
        for name in files:
            path = base / name
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record.get("label") != "human":
                    out.setdefault(record["id"], (record["text"], False, None))
    return out


def article(dataset: str, row: str, shared: Path = SHARED):
    source, is_html, date = rows(dataset, shared)[row]
    config = CONFIG if not date else Config(today=CONFIG.today, date=datetime.date.fromisoformat(date))
    if is_html:
        path = Path(source)
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return article_from_bytes(data, input=row, config=config), config
    return article_from_text(source, input=row, config=config, is_html=False), config


def candidates(dataset: str, row: str, shared: Path = SHARED, *, all_findings: bool = False) -> list[Candidate]:
    """Every finding and removal of one article, with the context a judge reads (with ``all_findings``, also
    the findings of withheld rules, which the output leaves out)."""
    try:
        art, config = article(dataset, row, shared)
    except Exception as exc:  # an article the pipeline refuses has no findings to audit
        print(f"{dataset}|{row}: skipped ({exc})", file=sys.stderr)
        return []
    out = []
    for result in analyze_all(art, config.with_options(all_findings=all_findings)).values():
        for f in result.findings:
            out.append(Candidate(f"{dataset}|{row}|{f.kind}|{f.start}-{f.end}", dataset, row, f.kind, f.rule,
                                 f.start, f.end, f.text, _context(art, f.start, f.end), f.message))
    seen: Counter = Counter()
    for removal in art.removed:
        kind = f"removed:{removal.kind}"
        n = seen[kind]
        seen[kind] += 1
        out.append(Candidate(f"{dataset}|{row}|{kind}|#{n}", dataset, row, kind, removal.kind, -1, -1, removal.text,
                             _removal_context(art, removal.text)))
    return out


def _context(art, start: int, end: int) -> str:
    """The sentence holding the span with one sentence either side; the span marked ⟦…⟧."""
    sentences = art.sentences
    index = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None)
    if index is None:
        lo, hi = max(0, start - 200), min(len(art.text), end + 200)
    else:
        lo = sentences[max(0, index - 1)].start
        hi = sentences[min(len(sentences) - 1, index + 1)].end
        lo, hi = min(lo, start), max(hi, end)
    text = art.text
    return f"{text[lo:start]}⟦{text[start:end]}⟧{text[end:hi]}"


def _removal_context(art, removed: str) -> str:
    head = art.title or ""
    return f"[title: {head}] [kept text starts: {art.text[:160]!r}] [removed: ⟦{removed[:600]}⟧]"


# --- sampling ---------------------------------------------------------------------------------

def draw_rows(dataset: str, n: int, seed: int, shared: Path = SHARED, exclude: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    ids = sorted(r for r in rows(dataset, shared) if (dataset, r) not in exclude)
    rng = random.Random(f"{seed}:{dataset}")
    return rng.sample(ids, min(n, len(ids)))


def quotas(counts: dict[str, int], n: int) -> dict[str, int]:
    """Equal shares of ``n`` per kind; a kind smaller than its share is taken whole (water-filling)."""
    quota: dict[str, int] = {}
    left, open_kinds = n, sorted(counts)
    while open_kinds:
        share = left // len(open_kinds) if left > 0 else 0
        small = [k for k in open_kinds if counts[k] <= share]
        if not small:
            extra = left - share * len(open_kinds)
            for i, k in enumerate(open_kinds):
                quota[k] = share + (1 if i < extra else 0)
            break
        for k in small:
            quota[k] = counts[k]
            left -= counts[k]
            open_kinds.remove(k)
    return quota


def stratified(pool: list[Candidate], n: int, seed: int) -> list[Candidate]:
    by_kind: dict[str, list[Candidate]] = defaultdict(list)
    for c in pool:
        by_kind[c.kind].append(c)
    quota = quotas({k: len(v) for k, v in by_kind.items()}, n)
    chosen: list[Candidate] = []
    for kind in sorted(by_kind):
        rng = random.Random(f"{seed}:{kind}")
        per_dataset: dict[str, list[Candidate]] = defaultdict(list)
        for c in sorted(by_kind[kind], key=lambda c: c.id):
            per_dataset[c.dataset].append(c)
        for items in per_dataset.values():
            rng.shuffle(items)
        order = [d for d in DATASETS if d in per_dataset]
        rng.shuffle(order)
        picked: list[Candidate] = []
        while len(picked) < quota[kind]:
            for d in order:
                if per_dataset[d] and len(picked) < quota[kind]:
                    picked.append(per_dataset[d].pop())
        chosen.extend(picked)
    return chosen


def sample(seed: int, n: int, docs: int, verdicts: Path, context: Path | None, shared: Path = SHARED,
           exclude: Iterable[Path] = ()) -> None:
    """Draw and write a sample; articles judged in the ``exclude`` verdict files are left out (a fresh sample)."""
    seen = frozenset((r["dataset"], r["row"]) for path in exclude for r in read_verdicts(path))
    pool: list[Candidate] = []
    for dataset in DATASETS:
        for row in draw_rows(dataset, docs, seed, shared, seen):
            pool.extend(candidates(dataset, row, shared))
    chosen = stratified(pool, n, seed)
    context = context or CONTEXT_DIR / f"{verdicts.stem}.jsonl"
    context.parent.mkdir(parents=True, exist_ok=True)
    with context.open("w", encoding="utf-8") as out:
        for c in chosen:
            out.write(json.dumps({"id": c.id, "kind": c.kind, "rule": c.rule, "text": c.text, "context": c.context, "message": c.message}) + "\n")
    write_verdicts(verdicts, [_row(c) for c in chosen])
    print(f"{len(pool)} candidates in {sum(1 for _ in {(c.dataset, c.row) for c in pool})} articles; "
          f"{len(chosen)} sampled: {dict(Counter(c.kind for c in chosen))}")
    print(f"verdicts to fill: {verdicts}; context for the judge: {context}")


def _row(c: Candidate) -> dict[str, str]:
    return {"id": c.id, "dataset": c.dataset, "row": c.row, "kind": c.kind, "rule": c.rule, "start": str(c.start),
            "end": str(c.end), "text_sha": c.sha, "verdict": "", "reason": ""}


# --- verdict files ----------------------------------------------------------------------------

def read_verdicts(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_verdicts(path: Path, table: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def judge(path: Path, judgments: Path) -> None:
    """Apply ``N c|w[:reason]`` tokens (N = 1-based row of the CSV) from a judgments file."""
    table = read_verdicts(path)
    for token in judgments.read_text(encoding="utf-8").split():
        head, _, reason = token.partition(":")
        number, mark = int(head[:-1]), head[-1]
        if mark not in "cw":
            raise SystemExit(f"{judgments}: bad token {token!r} (want N c|w[:reason])")
        table[number - 1]["verdict"] = "correct" if mark == "c" else "wrong"
        table[number - 1]["reason"] = reason or ("ok" if mark == "c" else "other")
    write_verdicts(path, table)
    missing = sum(1 for r in table if not r["verdict"])
    print(f"{path}: {len(table) - missing} judged, {missing} left")


def show(path: Path, context: Path | None, only_open: bool) -> None:
    context = context or CONTEXT_DIR / f"{path.stem}.jsonl"
    by_id = {json.loads(line)["id"]: json.loads(line) for line in context.read_text(encoding="utf-8").splitlines()}
    for n, r in enumerate(read_verdicts(path), 1):
        if only_open and r["verdict"]:
            continue
        c = by_id[r["id"]]
        flat = " ".join(c["context"].split())
        mark = max(0, flat.find("⟦") - 220)
        note = f" || {c['message'][:300]}" if r["kind"] in ("redundancy", "anachronism", "seo_block") else ""
        print(f"{n} [{r['kind']} | {r['rule']}] {flat[mark:mark + 520]}{note}")


def precision_table(table: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    kinds = sorted({r["kind"] for r in table})
    for kind in kinds + ["ALL"]:
        judged = [r for r in table if r["verdict"] and (kind == "ALL" or r["kind"] == kind)]
        good = sum(r["verdict"] == "correct" for r in judged)
        out[kind] = {"judged": len(judged), "correct": good, "precision": round(good / len(judged), 3) if judged else float("nan")}
    return out


def recheck(table: list[dict[str, str]], shared: Path = SHARED, *, all_findings: bool = False) -> tuple[list[dict[str, str]], list[str]]:
    """The judged rows the current code still produces, and the ids of wrong ones it no longer produces (with
    ``all_findings``, counting the findings of withheld rules as produced)."""
    current: dict[tuple[str, str], list[Candidate]] = {}
    kept, fixed = [], []
    for r in table:
        key = (r["dataset"], r["row"])
        if key not in current:
            current[key] = candidates(*key, shared, all_findings=all_findings)
        if still_produced(r, current[key]):
            kept.append(r)
        elif r["verdict"] == "wrong":
            fixed.append(r["id"])
    return kept, fixed


def still_produced(r: dict[str, str], now: list[Candidate]) -> bool:
    if r["kind"].startswith("removed:"):
        return any(c.kind == r["kind"] and c.sha == r["text_sha"] for c in now)
    start = int(r["start"])
    return any(c.kind == r["kind"] and c.sha == r["text_sha"] and abs(c.start - start) <= SHIFT
               and _rule_class(c.kind, c.rule) == _rule_class(r["kind"], r["rule"]) for c in now)


def _rule_class(kind: str, rule: str) -> str:
    """What a verdict on a finding of this kind depends on besides its span: for a quote, whether it is
    attributed (a quote judged wrongly "unattributed" is fixed when the code now finds its speaker)."""
    return rule.split(" (")[0] if kind == "quote" else ""


# --- rules withheld from the output ------------------------------------------------------------

#: A rule is withheld when its findings were judged in at least this many articles and the upper end of the 95%
#: Wilson interval of the share of those articles where they were mostly right is under this: with 95% confidence,
#: an editor meets more wrong findings of it than right ones.
WITHHOLD_MIN_JUDGED = 5
WITHHOLD_BELOW = 0.5
WITHHELD_PATH = REPO / "scorer" / "knowledge" / "findings_withheld.txt"


def wilson_upper(correct: int, n: int, z: float = 1.96) -> float:
    if n == 0:
        return 1.0
    p = correct / n
    centre = p + z * z / (2 * n)
    spread = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    return (centre + spread) / (1 + z * z / n)


def verdict_files(exclude: Iterable[Path] = ()) -> list[Path]:
    """The committed seed verdict files (a second judge's verdicts on the same findings left out), minus ``exclude``."""
    left_out = {p.resolve() for p in exclude}
    return [p for p in sorted(REPO.glob("benchmarks/findings_audit_seed*.csv"))
            if "_judge" not in p.stem and p.resolve() not in left_out]


def rule_counts(files: Iterable[Path], still_produced_only: bool = False) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, rule) -> (articles where most of its judged findings are correct, articles with one judged).

    Counted by article, not by finding: one page's fault (a story printed twice gave 21 wrong "word for
    word" findings on seed 8) makes many findings that are not independent judgements of the rule."""
    votes: dict[tuple[str, str], dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for path in files:
        table = read_verdicts(path)
        if still_produced_only:  # verdicts on what the code no longer produces say nothing about the rule now
            table = recheck(table, all_findings=True)[0]
        for r in table:
            if r["verdict"] in ("correct", "wrong"):
                v = votes[(r["kind"], r["rule"])][(r["dataset"], r["row"])]
                v[0] += r["verdict"] == "correct"
                v[1] += 1
    return {key: (sum(2 * c > n for c, n in articles.values()), len(articles)) for key, articles in votes.items()}


def withheld_from(counts: dict[tuple[str, str], tuple[int, int]]) -> dict[tuple[str, str], tuple[int, int]]:
    return {key: (c, n) for key, (c, n) in counts.items()
            if n >= WITHHOLD_MIN_JUDGED and wilson_upper(c, n) < WITHHOLD_BELOW}


def withheld_file_text(withheld: dict[tuple[str, str], tuple[int, int]], files: list[Path]) -> str:
    lines = [
        "# Finding rules withheld from the output (scorer.knowledge.withheld): judged wrong more often than right.",
        f"# Written by `python benchmarks/findings_audit.py withheld --write` from the judged findings the code still produced",
        f"# (recheck) in {len(files)} blind verdict files",
        f"# ({', '.join(p.name for p in files)}):",
        f"# judged in at least {WITHHOLD_MIN_JUDGED} articles, and the upper end of the 95% Wilson interval of the share of",
        f"# articles where its findings were mostly right under {WITHHOLD_BELOW}. Edit by hand to withhold or show a rule.",
        "# kind<TAB>rule<TAB>articles_mostly_right<TAB>articles_judged<TAB>wilson_upper",
    ]
    for (kind, rule), (c, n) in sorted(withheld.items()):
        lines.append(f"{kind}\t{rule}\t{c}\t{n}\t{wilson_upper(c, n):.3f}")
    return "\n".join(lines) + "\n"


def withheld_report(write: bool, holdout: Path | None) -> None:
    files = verdict_files(exclude=[holdout] if holdout else [])
    # Only the judged findings the current code still produces count (`recheck`): a rule fixed since a seed was
    # judged is not withheld for what it used to do.
    withheld = withheld_from(rule_counts(files, still_produced_only=True))
    print(f"rules withheld, from {len(files)} verdict files ({', '.join(p.name for p in files)}):")
    for (kind, rule), (c, n) in sorted(withheld.items()):
        print(f"  {kind:18s} {rule:45s} mostly right in {c} of {n} articles (upper {wilson_upper(c, n):.3f})")
    if holdout:
        # The rules are chosen without the held-out file: its precision before and after withholding them is
        # a held-out figure for the mechanism (the file's findings were judged before the rule list existed).
        table = read_verdicts(holdout)
        shown = [r for r in table if (r["kind"], r["rule"]) not in withheld]
        print_table(f"{holdout.name}: as judged", precision_table(table))
        print_table(f"{holdout.name}: without the findings of the rules withheld (chosen without it)", precision_table(shown))
    if write:
        WITHHELD_PATH.write_text(withheld_file_text(withheld, files), encoding="utf-8")
        print(f"wrote {WITHHELD_PATH.relative_to(REPO)}")


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}\n| kind | judged | correct | precision |\n|---|---:|---:|---:|")
    for kind, row in table.items():
        print(f"| {kind} | {row['judged']} | {row['correct']} | {row['precision']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--n", type=int, default=320)
    p.add_argument("--docs", type=int, default=30, help="articles drawn per dataset")
    p.add_argument("--verdicts", type=Path, required=True)
    p.add_argument("--context", type=Path)
    p.add_argument("--exclude", type=Path, nargs="*", default=[], help="verdict files whose articles are left out")
    for name in ("show", "precision", "recheck"):
        p = sub.add_parser(name)
        p.add_argument("verdicts", type=Path)
        p.add_argument("--context", type=Path)
        p.add_argument("--open", action="store_true", help="show: only rows not judged yet")
        p.add_argument("--json", type=Path, help="recheck: write the tables and fixed ids here")
    p = sub.add_parser("judge")
    p.add_argument("verdicts", type=Path)
    p.add_argument("judgments", type=Path)
    p = sub.add_parser("withheld", help="the rules judged wrong more often than right (scorer/knowledge/findings_withheld.txt)")
    p.add_argument("--write", action="store_true", help="write the package's file")
    p.add_argument("--holdout", type=Path, help="choose the rules without this verdict file and show its precision before/after")
    args = parser.parse_args(argv)
    if args.command in ("sample", "recheck", "withheld") and not SHARED.is_dir():
        print(f"public datasets not found at {SHARED} (set SCORER_SHARED)", file=sys.stderr)
        return 2
    if args.command == "sample":
        sample(args.seed, args.n, args.docs, args.verdicts, args.context, exclude=args.exclude)
    elif args.command == "show":
        show(args.verdicts, args.context, args.open)
    elif args.command == "judge":
        judge(args.verdicts, args.judgments)
    elif args.command == "withheld":
        withheld_report(args.write, args.holdout)
    elif args.command == "precision":
        print_table(f"{args.verdicts.name}: as judged", precision_table(read_verdicts(args.verdicts)))
    else:
        table = read_verdicts(args.verdicts)
        kept, fixed = recheck(table)
        before, after = precision_table(table), precision_table(kept)
        print_table(f"{args.verdicts.name}: as judged", before)
        print_table(f"{args.verdicts.name}: judged findings the current code still produces", after)
        print(f"\nwrong and no longer produced (fixed): {len(fixed)}; judged and no longer produced: {len(table) - len(kept)}")
        if args.json:
            args.json.write_text(json.dumps({"as_judged": before, "still_produced": after, "fixed": fixed}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
