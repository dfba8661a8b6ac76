"""A text with markup pasted into it (scorer.ingest.embeds): read as prose, its tags not words, none of its sentences lost.

Generated both ways: prose paragraphs with embeds between them (a video's iframe, an embedded post, a script) are a
text; the same paragraphs inside ``<p>`` elements, or a whole page, stay HTML for the page extractor.
"""
from __future__ import annotations

import itertools

import pytest

from scorer.ingest.embeds import is_text_with_embeds, loose_word_share, without_markup
from scorer.ingest.load import looks_like_html
from scorer.pipeline import article_from_text

PROSE = [
    "The council voted on Monday to close the riverside library on Sundays from next spring.",
    "The couple, both in their seventies, had lived in the house on Elm Street for four decades.",
    "Investigators have not said what caused the fire, and the road stayed closed until the evening.",
    "Neighbours said the family had raised three children in the house and kept a large garden behind it.",
]
EMBEDS = {
    "video": '<div style="width:100%;text-align:center"><iframe width="360" height="202" src="https://video.example/embed/x1"></iframe></div>',
    "post": ('<blockquote class="social-post" data-lang="en"><p lang="en" dir="ltr">Flames seen from the bridge this morning '
             '<a href="https://t.example/abc">t.example/abc</a></p>&mdash; A Reader (@reader) <a href="https://s.example/1">May 7</a></blockquote>'),
    "script": '<script async src="https://platform.example/widgets.js" charset="utf-8"></script>',
    "image": '<p><img src="https://img.example/a.jpg" alt=""></p>',
}


def _prose_with(embeds: tuple[str, ...], joiner: str) -> str:
    parts = []
    for sentence, embed in itertools.zip_longest(PROSE, embeds, fillvalue=""):
        parts.append(sentence)
        if embed:
            parts.append(EMBEDS[embed])
    return joiner.join(parts)


@pytest.mark.parametrize("joiner", ["", " ", "\n", "\n\n"])
@pytest.mark.parametrize("embeds", [("video", "post", "script"), ("post", "post", "post"), ("video", "image", "script", "post")])
def test_prose_with_embeds_is_a_text_and_keeps_every_sentence(embeds, joiner):
    text = _prose_with(embeds, joiner)
    assert not looks_like_html(text)
    article = article_from_text(text)
    for sentence in PROSE:
        assert sentence.split(",")[0] in article.text
    assert "<" not in article.text and "iframe" not in article.text and "widgets.js" not in article.text
    assert any("markup pasted into the text" in note for note in article.limits)


@pytest.mark.parametrize("embeds", [("video", "post", "script"), ("post", "post", "post")])
def test_the_same_paragraphs_inside_elements_stay_html(embeds):
    fragment = "".join(f"<p>{s}</p>{EMBEDS[e]}" for s, e in zip(PROSE, itertools.cycle(embeds)))
    assert looks_like_html(fragment)
    page = f"<!doctype html><html><head><title>Fire</title></head><body><article>{fragment}</article></body></html>"
    assert looks_like_html(page)
    assert loose_word_share(fragment) < 0.5 <= loose_word_share(_prose_with(embeds, " "))


def test_a_text_without_markup_is_unchanged():
    text = "\n\n".join(PROSE) + "\n\nScores were 3 < 5 and 7 > 2, the report said."
    assert not looks_like_html(text)
    assert article_from_text(text).limits == ()


def test_without_markup():
    assert without_markup('a<script>var x = "<p>";</script>b') == "a\nb"
    assert without_markup("Fish &amp; chips<br>Peas&nbsp;too") == "Fish & chips\nPeas too"  # white space, a no-break space too, made one space
    assert without_markup("<div><span>one</span> two</div><p>three</p>") == "one two\n\nthree"
    assert is_text_with_embeds("Plain words here and more words <b>bold</b> <i>x</i> <span>y</span>")
    assert not is_text_with_embeds("<div><p>All words inside elements here</p><p>and here</p></div>")


def test_unclosed_players_cost_one_pass():
    # Hundreds of thousands of start tags whose end tag never comes (a hostile or broken paste): each loses its
    # start tag; the words stay. The property checked is the output; the hostile suite bounds time.
    text = "Words of the story here <script> and more </b> words " * 40_000
    out = without_markup(text)
    assert "<" not in out and out.count("Words of the story here") == 40_000
    assert without_markup("a<iframe src=x>b</iframe>c<script>unclosed d") == "a\nc\nunclosed d"
