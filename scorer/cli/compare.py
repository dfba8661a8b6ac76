"""`scorer compare`: a thin command around :func:`scorer.compare.compare` and :class:`ArticleIndex`."""
from __future__ import annotations

import json
from pathlib import Path

import click

import scorer
from scorer.compare.core import Comparison, compare
from scorer.compare.index import ArticleIndex, DirectorySource


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit - 1]}…”"


def to_table(c: Comparison, candidates=None) -> str:
    d = c.as_dict()
    lines = [f"{c.rewrite.input} vs {c.original.input}: {c.verdict}"]
    if candidates:
        lines.append("  likely originals: " + ", ".join(f"{x.key} ({x.similarity:.2f})" for x in candidates))
    lines.append(f"  rewrite's words: {d['taken']:.0%} taken from the original "
                 f"({d['copied']:.0%} copied, {d['paraphrased']:.0%} paraphrased), {d['new']:.0%} new")
    for name, items in (("changed", c.changed), ("dropped", c.dropped), ("added", c.added)):
        lines.append(f"  {name}: {len(items)}")
        for item in items[:12]:
            lines.append(f"    [{item.kind}] {_clip(item.text) if name != 'changed' else ''}{item.message if name == 'changed' else ''}")
        if len(items) > 12:
            lines.append(f"    … {len(items) - 12} more (all of them with --format json or html)")
    return "\n".join(lines)


@click.command("compare")
@click.argument("first", type=click.Path(path_type=Path))
@click.argument("second", required=False, type=click.Path(path_type=Path))
@click.option("--against", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of articles: find the likely original of FIRST (the rewrite) there, then compare with the best match.")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100), help="Candidates listed with --against.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True)
@click.option("--date", help="The articles' date when the pages give none (YYYY-MM-DD).")
@click.option("--no-findings", is_flag=True, help="Skip scoring both sides (faster; no added padding, no dropped quotes).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write here instead of standard output.")
def compare_command(first, second, against, top, fmt, date, no_findings, output) -> None:
    """Compare a REWRITE with its ORIGINAL: what it took, added, dropped and changed.

    \b
    Examples:
      scorer compare original.html rewrite.html
      scorer compare original.txt rewrite.txt --format json
      scorer compare rewrite.html --against archive/      # find the original first
    """
    candidates = None
    try:
        if against is not None:
            if second is not None:
                raise click.UsageError("give either ORIGINAL REWRITE, or REWRITE --against DIR")
            rewrite_path = first
            rewrite_article = scorer.extract_file(rewrite_path)
            source = DirectorySource(against)
            index = ArticleIndex.from_source(source)
            rewrite_key = None
            try:
                rewrite_key = str(rewrite_path.resolve().relative_to(against.resolve()))
            except ValueError:
                pass
            candidates = index.query(rewrite_article.text, k=top, exclude=rewrite_key)
            if not candidates:
                raise click.ClickException(f"no likely original of {rewrite_path} among the {len(index)} articles in {against}")
            result = compare(source.path(candidates[0].key), rewrite_article, date=date, findings=not no_findings)
        else:
            if second is None:
                raise click.UsageError("give ORIGINAL and REWRITE, or REWRITE --against DIR")
            result = compare(first, second, date=date, findings=not no_findings)
    except scorer.ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        payload = result.as_dict()
        if candidates is not None:
            payload["candidates"] = [c.as_dict() for c in candidates]
        text = json.dumps(payload, ensure_ascii=False)
    elif fmt == "html":
        from scorer.review import render_compare

        text = render_compare(result)
    else:
        text = to_table(result, candidates)
    if output is None:
        click.echo(text)
    else:
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
