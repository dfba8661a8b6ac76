"""HTML extraction: body text structure, metadata, links, and never crashing on hostile markup."""
from __future__ import annotations


import pytest

from scorer.ingest.clean import clean_text
from scorer.core.errors import ExtractionError
from scorer.ingest.extract import (
    Extracted,
    close_unterminated_title,
    drop_title_line,
    extract_html,
    flatten_deep_nesting,
    merge_interior_gaps,
)

PARAGRAPH = "The council voted on Tuesday to build a flood wall along the eastern waterfront, the clerk said. " * 3


def page(body: str, head: str = "<title>Flood wall approved</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def news(fixtures) -> Extracted:
    return extract_html((fixtures / "html" / "news_article.html").read_text(encoding="utf-8"))


def test_metadata(news: Extracted) -> None:
    assert news.title == "Harbor council approves flood wall after two-year fight"
    assert news.author == "Dana Whitfield"
    assert news.date == "2024-03-14"
    assert news.site == "The Riverside Ledger"
    assert news.url == "https://www.riversideledger.example/news/harbor-flood-wall"


def test_body_one_paragraph_per_line_with_headings(news: Extracted) -> None:
    lines = [line for line in news.text.splitlines() if line.strip()]
    assert lines[0].startswith("The Harbor City council voted 7-2")
    assert "## Opposition from shop owners" in lines
    assert "## What happens next" in lines
    assert lines[-1] == "The advertisement for contractors will be published next month, the city said."
    # No markdown emphasis or link syntax leaks into the text the signals read.
    assert "**" not in news.text and "](" not in news.text
    # Link text stays inside its sentence.
    assert "published by the State Coastal Institute found that" in news.text


def test_title_line_not_repeated_in_body(news: Extracted) -> None:
    assert "Harbor council approves flood wall" not in news.text


def test_navigation_and_footer_left_out(news: Extracted) -> None:
    for junk in ("Skip to content", "Privacy Policy", "Sports", "Ferry fares to rise"):
        assert junk not in news.text


def test_outbound_links_counted(news: Extracted) -> None:
    # Two links leave the site from the body; the flood-map link is internal, share buttons are outside the body.
    assert news.links == 2


def test_extraction_then_cleaning(news: Extracted) -> None:
    cleaned, removals = clean_text(news.text)
    assert [r.kind for r in removals] == ["ad_marker"]
    assert "\nAdvertisement\n" not in f"\n{cleaned}\n"
    assert "Nobody subscribes to the idea" in cleaned


def test_layout_table_is_split_into_paragraphs(fixtures) -> None:
    html = (fixtures / "html" / "layout_table_with_comments.html").read_text(encoding="utf-8")
    extracted = extract_html(html)
    lines = extracted.text.splitlines()
    # Without unwrapping, the whole table cell would be one line mixing article and comments.
    assert any(line.startswith("The old paper mill on the river reopened") for line in lines)
    assert "Comments" in lines
    cleaned, removals = clean_text(extracted.text)
    assert "Posted by" not in cleaned and "Great news for the valley" not in cleaned
    assert cleaned.rstrip().endswith("most of whom had worked at the mill before it closed.")
    assert [r.kind for r in removals] == ["site_chrome", "comments"]
    # No date in the markup: the comment timestamps are not taken for the article's date.
    assert extracted.date is None


def test_data_table_stays_rows() -> None:
    table = "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Harbor</td><td>12</td></tr><tr><td>Valley</td><td>9</td></tr></table>"
    extracted = extract_html(page(f"<article><p>{PARAGRAPH}</p>{table}<p>{PARAGRAPH}</p></article>"))
    assert any("Harbor" in line and "12" in line for line in extracted.text.splitlines())


def test_fragment_without_html_wrapper() -> None:
    extracted = extract_html(f"<p>{PARAGRAPH}</p>")
    assert "flood wall" in extracted.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><head><script>var x = 1;</script></head><body><script>document.write('x')</script></body></html>",
    ],
)
def test_nothing_usable_raises_extraction_error(html: str) -> None:
    with pytest.raises(ExtractionError):
        extract_html(html)


def test_menu_only_page_leaves_nothing_after_cleaning() -> None:
    html = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><p>Subscribe</p></body></html>"
    try:
        text = extract_html(html).text
    except ExtractionError:
        return
    assert clean_text(text)[0].strip() == ""


@pytest.mark.parametrize(
    "html",
    [
        "\x00\x01\x02 binary junk \xff\xfe",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<" * 5000,
        "<div " * 2000,
        "<html><body>" + "</div>" * 3000 + "</body></html>",
        "<table>" * 500 + "<tr><td>" + PARAGRAPH + "</td></tr>",
    ],
)
def test_hostile_markup_never_crashes(html: str) -> None:
    try:
        result = extract_html(html)
    except ExtractionError:
        return
    assert isinstance(result, Extracted)


@pytest.mark.parametrize("depth", [300, 5000, 100_000])
def test_deep_nesting_keeps_text_and_finishes(depth: int) -> None:
    html = page("<div>" * depth + f"<p>{PARAGRAPH}</p>" + "</div>" * depth + f"<p>{PARAGRAPH.replace('council', 'mayor')}</p>")
    extracted = extract_html(html)
    # libxml2 stops parsing at depth 255; flattening keeps both the deep and the following paragraph.
    assert "The council voted" in extracted.text
    assert "The mayor voted" in extracted.text


def test_flatten_leaves_shallow_pages_alone() -> None:
    html = page("<div><div><p>" + PARAGRAPH + "</p></div></div>" + "<p>x</p>" * 300)
    assert flatten_deep_nesting(html, 200) is html


def test_flatten_drops_only_deep_tags() -> None:
    html = "<div>" * 10 + "text" + "</div>" * 10
    flat = flatten_deep_nesting(html, 4)
    assert flat.count("<div>") == 4 and flat.count("</div>") == 4
    assert "text" in flat


def test_flatten_ignores_tags_inside_scripts_and_unclosed_paragraphs() -> None:
    script = "<script>" + "'<div>'" * 500 + "</script>"
    paragraphs = "<p>one" * 500  # implied end tags: never deep
    html = script + paragraphs
    assert flatten_deep_nesting(html, 50) is html


def test_unterminated_title_is_closed() -> None:
    html = "<html><head><title>Mill reopens\n<script>var a;</script></head><body><p>" + PARAGRAPH + "</p></body></html>"
    assert close_unterminated_title(html).count("</title>") == 1
    assert "flood wall" in extract_html(html).text


def test_terminated_title_untouched() -> None:
    html = page(f"<p>{PARAGRAPH}</p>")
    assert close_unterminated_title(html) is html


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("# Flood wall approved\nBody text.", "Flood wall approved", "Body text."),
        ("Flood wall approved\nBody text.", "Flood wall approved | The Ledger", "Body text."),
        ("Kicker\n## Flood wall approved\nBody text.", "Flood wall approved", "Kicker\nBody text."),
        # Not the title: kept.
        ("Flood\nBody text.", "Flood wall approved", "Flood\nBody text."),
        ("Body text.\nMore.\nEven more.\nFlood wall approved", "Flood wall approved", "Body text.\nMore.\nEven more.\nFlood wall approved"),
        ("Body text.", None, "Body text."),
    ],
)
def test_drop_title_line(text: str, title: str | None, expected: str) -> None:
    assert drop_title_line(text, title) == expected


def test_links_to_subdomains_are_internal() -> None:
    body = (
        f"<article><p>{PARAGRAPH} See <a href='https://edition.ledger.example/a'>our other edition</a> "
        f"and <a href='https://www.other.example/report'>the report</a>.</p><p>{PARAGRAPH}</p></article>"
    )
    extracted = extract_html(page(body), url="https://www.ledger.example/news/1")
    assert extracted.links == 1


PROSE = "The wall will run for two miles and should be finished before the autumn storms arrive, officials said."


def test_interior_gap_heading_and_prose_recovered() -> None:
    precision = f"{PROSE}\nSecond kept paragraph of the article body, long enough to count as real prose here.\nLast kept."
    balanced = (
        f"Menu\n{PROSE}\n## What happens next\nSecond kept paragraph of the article body, long enough to count as real prose here."
        f"\n{PROSE.replace('wall', 'levee')}\nLast kept.\nRelated stories"
    )
    merged = merge_interior_gaps(precision, balanced).split("\n")
    assert merged == [
        PROSE,
        "## What happens next",
        "Second kept paragraph of the article body, long enough to count as real prose here.",
        PROSE.replace("wall", "levee"),
        "Last kept.",
    ]  # head ("Menu") and tail ("Related stories") stay out


@pytest.mark.parametrize(
    "gap",
    [
        "### Teaser one\n### Teaser two",  # headings that introduce no prose
        "Sign up today!",  # short
        "- a list item that is long enough to pass the word count of a paragraph easily, really.",
        "[Our latest forecast: who will win the primary in the state this year and why it matters]",
        "\n".join([PROSE] * 4),  # too long a run to be a dropped paragraph
    ],
)
def test_interior_gap_junk_not_recovered(gap: str) -> None:
    precision = f"{PROSE}\nHeadless kept line"
    balanced = f"{PROSE}\n{gap}\nHeadless kept line"
    assert merge_interior_gaps(precision, balanced) == precision


def test_wire_credit_line_after_the_last_block_is_kept_and_what_follows_is_not() -> None:
    precision = f"{PROSE}\nThe second paragraph of the story, long enough to be a real paragraph of prose, ends here."
    balanced = f"{precision}\nAdditional reporting by Lena Ortiz; Editing by Sam Hale\nOur Standards: The Trust Principles.\nMost read"
    assert merge_interior_gaps(precision, balanced).split("\n")[-1] == "Additional reporting by Lena Ortiz; Editing by Sam Hale"


def test_closing_section_and_reference_list_are_kept() -> None:
    precision = f"{PROSE}\n{PROSE.replace('wall', 'dam')}"
    section = "## What comes next\nThe council will vote on the second phase in March, after a public consultation that opens on Monday."
    assert merge_interior_gaps(precision, f"{precision}\n{section}") == f"{precision}\n{section}"
    references = "## 4 References\n- Roe, J. Sea walls of the north coast. Harbour Press, 2019.\n- Council minutes, 12 May 2024."
    assert merge_interior_gaps(precision, f"{precision}\n{references}\n## Popular now\n- [Link](https://x.test)") == f"{precision}\n{references}"


@pytest.mark.parametrize(
    "tail",
    [
        "## Related stories\n- [Ferry fire: what we know](https://x.test/a)",  # a teaser list, not prose
        "Sign up for our newsletter",  # a prompt
        "## More news\nShort teaser.",  # heading over a line that is not a paragraph
        "\n".join([f"## Section\n{PROSE}"] * 3),  # too long to be a closing section
        "Editing the budget by hand is hard",  # "editing ... by" is not a credit line
    ],
)
def test_tails_that_are_not_the_article_stay_out(tail: str) -> None:
    precision = f"{PROSE}\n{PROSE.replace('wall', 'dam')}"
    assert merge_interior_gaps(precision, f"{precision}\n{tail}") == precision


def test_heading_right_above_the_first_paragraph_is_kept_nothing_further_up() -> None:
    precision = PROSE
    balanced = f"Menu\n## Local news\n## Sea wall approved after long fight\n{PROSE}"
    assert merge_interior_gaps(precision, balanced) == f"## Sea wall approved after long fight\n{PROSE}"
    # Not above a first line that is not a paragraph (a list of links, say).
    assert merge_interior_gaps("- item one\n- item two", "## Heading\n- item one\n- item two") == "- item one\n- item two"


QUOTE = "We were lucky that nobody was hurt, and we are not going to rely on luck again"


def test_pull_quote_repeating_the_story_is_dropped_and_the_text_after_it_kept() -> None:
    body = (
        f"<article><p>{PARAGRAPH}</p><p>“{QUOTE},” the harbour master said on Monday.</p>"
        f'<blockquote class="wp-block-pullquote"><p>“{QUOTE}.”</p></blockquote>'
        f"<p>Inspections will now take place every three months, the budget director said.</p></article>"
    )
    text = extract_html(page(body)).text
    assert text.count(QUOTE) == 1
    assert "every three months" in text


def test_a_quote_said_only_in_a_pull_quote_box_is_content() -> None:
    body = (
        f"<article><p>{PARAGRAPH}</p>"
        f'<blockquote class="pullquote"><p>“{QUOTE},” a ferry captain told the paper.</p></blockquote>'
        f"<p>{PARAGRAPH.replace('council', 'mayor')}</p></article>"
    )
    assert QUOTE in extract_html(page(body)).text
