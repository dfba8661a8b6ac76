"""Residual boilerplate cleaning: what goes, what must stay, and that every removal is recorded."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorer.ingest.clean import REMOVAL_KINDS, clean_text
from scorer.core.document import Removal

# Real sentences around the line under test, so a rule sees an article, not a lone line.
BEFORE = "The council met on Tuesday to discuss the budget for the coming year, the clerk said."
AFTER = "The vote is expected next month, after two public hearings on the plan."


def removed_kinds(line: str) -> list[str]:
    """Kinds that removed (part of) ``line`` when it sits between two article paragraphs."""
    cleaned, removals = clean_text("\n".join([BEFORE, line, AFTER]))
    assert BEFORE in cleaned and AFTER in cleaned, "a neighbouring article paragraph was removed"
    return [r.kind for r in removals]


# (line, kind it must be removed as)
POSITIVE = [
    # ad markers
    ("Advertisement", "ad_marker"),
    ("ADVERTISEMENT", "ad_marker"),
    ("[ADVERTISEMENT]", "ad_marker"),
    ("- Advertisement -", "ad_marker"),
    ("ADVERTISEMENT - CONTINUE READING BELOW", "ad_marker"),
    ("Story continues below advertisement", "ad_marker"),
    ("Sponsored", "ad_marker"),
    ("Sponsored Content", "ad_marker"),
    ("Continue reading the main story", "ad_marker"),
    # site chrome
    ("Skip to content", "site_chrome"),
    ("Skip to main content", "site_chrome"),
    ("Site icon for The Daily Example", "site_chrome"),
    ("Exit mobile version", "site_chrome"),
    ("Share this:", "site_chrome"),
    ("Share on Facebook", "site_chrome"),
    ("Click to share on Twitter (Opens in new window)", "site_chrome"),
    ("Tweet", "site_chrome"),
    ("Subscribe", "site_chrome"),
    ("Subscribe to our newsletter", "site_chrome"),
    ("Sign up for our daily newsletter and never miss a story.", "site_chrome"),
    ("Log in", "site_chrome"),
    ("Sign in", "site_chrome"),
    ("Leave a Comment", "site_chrome"),
    ("Leave a Reply", "site_chrome"),
    ("12 Comments", "site_chrome"),
    ("Share your thoughts in the comments below!", "site_chrome"),
    ("What do you think? Let us know in the comments.", "site_chrome"),
    ("Follow us on Twitter and Facebook", "site_chrome"),
    ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "site_chrome"),
    ("Copyright © 2024 The Riverside Ledger. All rights reserved.", "site_chrome"),
    ("© 2019 Associated Press. All Rights Reserved.", "site_chrome"),
    ("Tags: budget, council, harbor", "site_chrome"),
    ("Home | News | Sport | Weather", "site_chrome"),
    ("5 min read", "site_chrome"),
    ("Like this story? Share it with a friend!", "site_chrome"),
    ("Print this article", "site_chrome"),
    ("Get the day's top stories delivered to your inbox.", "site_chrome"),
    ("When you buy through links on our site, we may earn an affiliate commission.", "site_chrome"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "site_chrome"),
    ("404 Page Not Found", "site_chrome"),
    ("Error 404", "site_chrome"),
    ("About || Contact || Advertise || Privacy Policy", "site_chrome"),
    # inline promotion lines
    ("READ MORE: Mayor under fire over budget", "related_link"),
    ("Read more: Mayor under fire over budget", "related_link"),
    ("SEE MORE: Protests spread to the capital", "related_link"),
    ("[Related: Council delays vote on ferry fares]", "related_link"),
    ("Related: Ferry fares to rise in June", "related_link"),
    ("Also on rt.com Ferry fares to rise in June", "related_link"),
    # a related header alone
    ("You may also like", "related_tail"),
    ("More articles you might like", "related_tail"),
    ("Related stories", "related_tail"),
]

# Whole site notices (two chrome or notice phrases in one paragraph).
NOTICES = [
    "We use cookies to personalise content and ads and to analyse our traffic. By continuing to browse this site "
    "you agree to our use of cookies. Find out more in our cookie policy.",
    "Sorry, the page you were looking for has moved or no longer exists. Please update your bookmarks or return "
    "to the homepage to find the latest stories from our newsroom.",
    "Copyright 2025 Harbourside Media Ltd. This material may not be published, broadcast, rewritten or "
    "redistributed in any form without prior consent. Stock quotes delayed at least 20 minutes; market data "
    "provided by a third party and believed accurate but not guaranteed. All rights reserved worldwide, including "
    "the right of reproduction in whole or in part in any form, under the copyright laws of several countries.",
    "The views expressed in these columns are not necessarily those of example.org, and we accept no responsibility "
    "for the opinions of contributors.",
]

# Real sentences that mention the same words and must stay untouched.
NEGATIVE = [
    "The advertisement for contractors will be published next month, the city said.",
    "Advertising revenue fell by a third, the company said in its annual report.",
    "The campaign was sponsored by three local firms, according to the filing.",
    "Readers who subscribe to the print edition will get the supplement for free.",
    "Nobody subscribes to the idea that we should do nothing, he said.",
    "Users must log in to the portal with a new password from Monday.",
    "Log in to your router's admin page and open the wireless settings.",
    "Several readers left comments on the ministry's website criticising the plan.",
    "She shared the video on Facebook and Twitter, where it was viewed a million times.",
    "Follow-up inspections are planned for the spring, the agency said.",
    "Copyright law has not kept pace with streaming, the judge wrote.",
    "Read more about the ruling in the court's 40-page decision, which was released on Friday.",
    "More than 300 people attended the meeting.",
    "Related charges were dropped last year.",
    "Share prices fell 4% in early trading.",
    "Tags on the shipping containers had been altered, investigators said.",
    "Topics discussed included housing, transport and the new stadium.",
    "You may also like the new park, the mayor told residents.",
    "Sign up for the draft began on Monday and runs for two weeks.",
    "Subscribe to Disney+ for $7.99 a month, or take the bundle with Hulu.",
    "The company said all rights to the film had been sold to a streaming service in 2019 after a bidding war that lasted months.",
    "Influencers may earn a commission of up to 20% on each sale, according to the filing.",
    # One notice phrase in reporting is not a notice.
    "Regulators ordered the retailer to change its cookie settings page after complaints that rejecting tracking took six clicks.",
    "Visitors to the ministry's site were met with a page not found message for most of Tuesday after the outage.",
    "The views expressed in the leaked memo do not necessarily reflect government policy, the minister said.",
    "The report's authors say the views expressed are their own.",
    # A notice someone is reported writing is news.
    "“We use cookies on this site, and by continuing to browse you agree to them,” the banner read, which the court said was not consent under the law.",
    # A prompt that is reported speech is news, not chrome.
    "Share your thoughts in the comments below, the mayor said at the end of the meeting.",
    "“Leave a comment and tell us what you think,” the museum wrote on its page.",
]


@pytest.mark.parametrize(("line", "kind"), POSITIVE)
def test_removes_boilerplate_line(line: str, kind: str) -> None:
    assert removed_kinds(line) == [kind]


@pytest.mark.parametrize("notice", NOTICES)
def test_removes_whole_site_notice(notice: str) -> None:
    assert removed_kinds(notice) == ["site_chrome"]


def test_page_that_is_only_a_notice_has_no_text_left() -> None:
    cleaned, removals = clean_text("\n".join(NOTICES[:2]))
    assert cleaned.strip() == ""
    assert [r.kind for r in removals] == ["site_chrome"]


@pytest.mark.parametrize("line", NEGATIVE)
def test_keeps_article_sentence(line: str) -> None:
    text = "\n".join([BEFORE, line, AFTER])
    cleaned, removals = clean_text(text)
    assert removals == ()
    assert cleaned == text


def test_removal_records_kind_and_text() -> None:
    cleaned, removals = clean_text(f"{BEFORE}\nAdvertisement\n{AFTER}")
    assert removals == (Removal("ad_marker", "Advertisement"),)
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert all(r.kind in REMOVAL_KINDS for r in removals)


def test_inline_ad_marker_removed_from_sentence() -> None:
    cleaned, removals = clean_text("The branch cost $6 million. [ADVERTISEMENT] Librarians expect 500 visitors a day.")
    assert cleaned == "The branch cost $6 million. Librarians expect 500 visitors a day."
    assert removals == (Removal("ad_marker", "[ADVERTISEMENT]"),)


def test_inline_lowercase_advertisement_is_prose() -> None:
    text = "The mayor said the advertisement campaign would run for weeks."
    assert clean_text(text) == (text, ())


def test_related_tail_takes_the_headlines_after_its_header() -> None:
    text = "\n".join([BEFORE, AFTER, "You may also like", "Ferry fares to rise in June", "School board delays vote on new calendar"])
    cleaned, removals = clean_text(text)
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert [r.kind for r in removals] == ["related_tail"]
    assert removals[0].text.splitlines() == ["You may also like", "Ferry fares to rise in June", "School board delays vote on new calendar"]


def test_related_block_stops_at_prose() -> None:
    text = "\n".join([BEFORE, "DON'T MISS", "Ferry fares to rise in June [VIDEO]", "Bridge closes for repairs [INSIGHT]", AFTER])
    cleaned, removals = clean_text(text)
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert [r.kind for r in removals] == ["related_tail"]


def test_related_header_keeps_next_section_heading() -> None:
    # A subheading right after a stray "Read more" button belongs to the article.
    text = "\n".join([BEFORE, "Read more", "## What happens next", AFTER])
    cleaned, removals = clean_text(text)
    assert cleaned == "\n".join([BEFORE, "## What happens next", AFTER])
    assert removals == (Removal("related_tail", "Read more"),)


def test_related_block_does_not_eat_hard_wrapped_prose() -> None:
    text = "\n".join(["Related News", "GOLD COAST, December 30:", "Fifth-seeded Shahar Peer moved", "through to the second round on Sunday."])
    cleaned, removals = clean_text(text)
    assert "Fifth-seeded Shahar Peer moved" in cleaned
    assert "through to the second round on Sunday." in cleaned


def test_teaser_heading_stack_at_the_end() -> None:
    text = "\n".join([BEFORE, AFTER, "### Ferry fares to rise in June", "### School board delays vote", "### Old bridge closes for repairs"])
    cleaned, removals = clean_text(text)
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert [r.kind for r in removals] == ["related_tail"]


def test_section_headings_between_paragraphs_stay() -> None:
    text = "\n".join(["## The plan", BEFORE, "## The vote", AFTER, "## What next", BEFORE])
    assert clean_text(text) == (text, ())


def test_tag_label_takes_its_list() -> None:
    cleaned, removals = clean_text("\n".join([BEFORE, "Tags", "budget, council, harbor, flood wall"]))
    assert cleaned == BEFORE
    assert removals == (Removal("site_chrome", "Tags\nbudget, council, harbor, flood wall"),)


COMMENTS_SIGNED = [
    "Great news for the valley, my father worked there for thirty years.",
    "Posted by Hilltop Jim on January 10, 2008 5:58 PM",
    "Report this comment",
    "Let us see whether the jobs last longer than the last owners managed.",
    "Posted by Skeptic on January 10, 2008 6:20 PM",
    "Report this comment",
]


def test_comment_section_with_signatures() -> None:
    cleaned, removals = clean_text("\n".join([BEFORE, AFTER, "Comments", *COMMENTS_SIGNED]))
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert [r.kind for r in removals] == ["comments"]
    assert removals[0].text.startswith("Comments\nGreat news")


def test_comment_section_with_names() -> None:
    comments = []
    for name in ("Stephen B", "Lina", "Frank @ Toronto", "J-F (Ottawa)"):
        comments += [name, "The government should not be spending taxpayers' money on this at all, in my view."]
    cleaned, removals = clean_text("\n".join([BEFORE, AFTER, "Comments are now closed for this story", *comments]))
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert [r.kind for r in removals] == ["comments"]


def test_a_single_posted_by_byline_is_not_a_comment_section() -> None:
    text = "\n".join(["Posted by Dana Whitfield on March 14, 2024 9:30 AM", BEFORE, AFTER])
    assert clean_text(text) == (text, ())


def test_comments_header_alone_only_removes_itself() -> None:
    cleaned, removals = clean_text("\n".join([BEFORE, "Comments", AFTER]))
    assert cleaned == f"{BEFORE}\n{AFTER}"
    assert removals == (Removal("site_chrome", "Comments"),)


def test_pasted_text_fixture(fixtures) -> None:
    text = (fixtures / "text" / "pasted_article.txt").read_text(encoding="utf-8")
    cleaned, removals = clean_text(text)
    kinds = [r.kind for r in removals]
    assert kinds.count("ad_marker") == 3
    assert {"site_chrome", "related_link", "related_tail", "ad_marker"} <= set(kinds)
    for sentence in (
        "City opens new library branch",
        "The city opened its fourth library branch on Saturday, with shelves for 40,000 books and a room for community meetings.",
        "Readers who subscribe to the library's newsletter will get early notice of events, the director said.",
        "The branch will open seven days a week, an advertisement in the local paper announced last month.",
        "The old reading room downtown will stay open.",
    ):
        assert sentence in cleaned
    for junk in ("Skip to content", "Site icon", "Share this", "READ MORE", "Leave a Comment", "You may also like", "Exit mobile version", "bookmobile"):
        assert junk not in cleaned
    # Every dropped line is accounted for: kept lines + removed whole lines = original lines.
    original = [line.strip() for line in text.splitlines() if line.strip()]
    kept = [line.strip() for line in cleaned.splitlines() if line.strip()]
    dropped = [line for r in removals for line in r.text.splitlines() if line in original]
    assert len(kept) + len(dropped) == len(original)


def test_idempotent(fixtures) -> None:
    text = (fixtures / "text" / "pasted_article.txt").read_text(encoding="utf-8")
    once, _ = clean_text(text)
    assert clean_text(once) == (once, ())


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "Advertisement", "Skip to content\nAdvertisement"])
def test_degenerate_inputs(text: str) -> None:
    cleaned, _ = clean_text(text)
    assert cleaned.strip() == ""


def test_blank_lines_kept_single() -> None:
    cleaned, _ = clean_text(f"{BEFORE}\n\nAdvertisement\n\n{AFTER}")
    assert cleaned == f"{BEFORE}\n\n{AFTER}"


# --- properties ------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = st.sampled_from(
    [line for line, _ in POSITIVE] + NEGATIVE + [BEFORE, AFTER, "", "## A heading", "Posted by Ann on May 1, 2020 5:00 PM", "Comments"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=30))
def test_cleaning_only_drops_lines_and_never_fails(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned, removals = clean_text(text)
    assert all(r.kind in REMOVAL_KINDS and r.text.strip() for r in removals)
    source = {line.strip() for line in text.replace("\r", "\n").split("\n")}
    for line in cleaned.split("\n"):
        # A kept line is an input line, or one with an inline ad marker taken out.
        assert not line.strip() or line.strip() in source or any(r.kind == "ad_marker" for r in removals)


@pytest.mark.shared
def test_reported_news_loses_no_long_paragraph(shared_datasets) -> None:
    # The rules that take whole paragraphs (notices up to 80 words, comment sections, related
    # blocks) must leave real reporting alone: polnear is 924 news articles as plain text.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import shared_sets

    rows = shared_sets.polnear(shared_datasets)
    assert len(rows) > 900
    long_removals = [r.text[:80] for row in rows for r in clean_text(row.content)[1] if len(r.text.split()) >= 30]
    assert long_removals == []
