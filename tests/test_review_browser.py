"""The review page and the compare page in a real headless browser (the system's Chromium, via Playwright).

Skips with a reason where Playwright or /usr/bin/chromium is missing (Debian: apt-get install chromium;
never `playwright install`). Screenshots are saved under test-artifacts/ (ignored by git) and pytest's tmp.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import scorer
from scorer.compare import compare
from scorer.review import render_compare, render_review

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The compare example pair lives in docs/ so that `scorer score examples/` (the README) is unchanged.
PAIR = Path(__file__).resolve().parent.parent / "docs" / "compare-example"
CHROMIUM = os.environ.get("SCORER_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install -y chromium; or set SCORER_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_page(browser, html: str, path: Path):
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


def save_screenshot(page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / name)


def test_review_page(browser, tmp_path):
    result = scorer.score_file(EXAMPLES / "rewrite.html", date="2026-03-20")
    findings = result.findings
    spans = sorted((f.start, f.end) for f in findings)
    assert any(b[0] < a[1] for a, b in zip(spans, spans[1:])), "the example should have overlapping findings"
    page, errors = open_page(browser, render_review([result]), tmp_path / "review.html")
    try:
        for i, f in enumerate(findings):
            marks = page.locator(f'[data-f~="r0f{i}"]')
            assert marks.count() >= 1, f"finding {i} ({f.kind}: {f.text!r}) is not highlighted"
            text = "".join(marks.all_inner_texts())
            # Its pieces, in order, spell the finding (headings lose their "##" marks on the page).
            assert re.sub(r"\W+", "", text) == re.sub(r"\W+", "", f.text), (f.text, text)
            assert page.locator(f"#item-r0f{i}").count() == 1
        # A highlight covered by two findings shows both messages.
        overlapping = page.locator("mark.depth2, mark.depth3").first
        ids = overlapping.get_attribute("data-f").split()
        assert len(ids) >= 2
        overlapping.click()
        popover = page.locator("#popover")
        assert popover.is_visible()
        shown = popover.inner_text()
        for i in ids:
            assert findings[int(i.split("f")[1])].message[:30] in shown
        # A single finding too.
        page.locator("mark.depth1").first.click()
        assert page.locator("#popover p.message").count() >= 1 and popover.is_visible()
        # Headings, the date's origin, the removed boilerplate folded, the legend.
        assert page.locator(".text h3", has_text="What Happened on the Ferry?").count() == 1
        assert "given with --date" in page.locator("dd.date").inner_text()
        assert page.locator("details.removed").count() == 1 and page.locator("details.removed[open]").count() == 0
        assert page.locator(".legend").count() == 1 and page.locator("ul.reasons .sign").count() == len(result.reasons)
        save_screenshot(page, tmp_path, "review.png")
        assert errors == []
    finally:
        page.close()


def test_compare_page(browser, tmp_path):
    c = compare(PAIR / "original.txt", PAIR / "rewrite.txt")
    page, errors = open_page(browser, render_compare(c), tmp_path / "compare.html")
    try:
        for i, change in enumerate(c.changed):
            assert page.locator(f'.rewrite [data-f~="c{i}"]').count() >= 1
            assert page.locator(f'.original [data-f~="c{i}"]').count() >= 1
        for i in range(len(c.dropped)):
            assert page.locator(f'.original [data-f~="d{i}"]').count() >= 1
        for i in range(len(c.added)):
            assert page.locator(f'.rewrite [data-f~="a{i}"]').count() >= 1
        number = next(i for i, x in enumerate(c.changed) if x.kind == "number")
        page.locator(f'.rewrite [data-f~="c{number}"]').first.click()
        assert "800" in page.locator("#popover").inner_text() and page.locator("#popover").is_visible()
        assert page.locator(".rewrite .s-copied").count() >= 1 and page.locator(".rewrite .s-new").count() >= 1
        assert page.locator(".verdict").inner_text().endswith(c.verdict)
        save_screenshot(page, tmp_path, "compare.png")
        assert errors == []
    finally:
        page.close()


def test_everything_is_escaped():
    text = ('## <img src=x onerror=alert(1)> Heading\n'
            'The mayor said "<script>alert(2)</script>" according to reports, officials said on Tuesday in the town.')
    page = render_review([scorer.score_text(text, date="2026-01-02")])
    assert "<script>alert(2)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(2)" in page
