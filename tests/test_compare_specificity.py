"""compare's graded shares: a paraphrase that keeps a story's specific facts vs another story on the same topic."""
from __future__ import annotations

import random

import pytest

from scorer.compare import compare
from scorer.compare.specificity import NAME_WEIGHT, build, idf, weigher

# Written for this test: one story, a free paraphrase of it, and another story on the same topic.
ORIGINAL = (
    "A fire tore through a furniture warehouse on Dellmore Road in Castleford early on Tuesday, officials said. "
    "Firefighters from four stations fought the blaze for nearly six hours before bringing it under control. "
    "Fire chief Miriam Ostrander said the sprinkler system had been disconnected during a renovation in March. "
    "No one was hurt, but the owner, Halvorsen Interiors, estimated the damage at $3.2 million. "
    "Investigators found scorched extension cords near a dehumidifier on the mezzanine. "
    "The company said about 140 employees would be paid while the site is rebuilt."
)
PARAPHRASE = (
    "Flames gutted a Castleford furniture depot on Dellmore Road before dawn on Tuesday, according to authorities. "
    "It took crews drawn from four stations close to six hours to contain the fire. "
    "According to chief Miriam Ostrander, the building's sprinklers were switched off while it was being renovated in March. "
    "Halvorsen Interiors, which owns the depot, put the losses at $3.2 million, though nobody was injured. "
    "Scorched extension cords were discovered close to a dehumidifier on the mezzanine, investigators said. "
    "Roughly 140 staff will keep getting paid during the rebuilding, the firm added."
)
OTHER_STORY = (
    "Residents of Brenton were told to keep their windows shut on Saturday as smoke from a burning warehouse drifted over the town. "
    "The blaze, which officials said started in a loading bay, took firefighters most of the night to put out. "
    "Two of them were treated for heat exhaustion. "
    "Neighbours described hearing a series of explosions before the roof fell in. "
    "Investigators have not ruled out arson, and police asked anyone with dashcam footage to come forward. "
    "The company that leases the building said it was too early to put a figure on the damage."
)


def test_a_paraphrase_keeping_the_facts_takes_far_more_than_a_same_topic_story():
    para = compare(ORIGINAL, PARAPHRASE, findings=False)
    other = compare(ORIGINAL, OTHER_STORY, findings=False)
    assert para.taken > other.taken + 0.25
    assert para.verdict_code in ("rewrite", "padded_rewrite", "near_copy")
    assert other.verdict_code in ("independent", "unrelated", "partial_rewrite")


def test_shares_add_up_and_each_sentence_says_what_it_took():
    c = compare(ORIGINAL, PARAPHRASE, findings=False)
    assert c.copied + c.paraphrased + c.new == pytest.approx(1.0, abs=1e-3)
    assert 0.0 <= c.aligned <= 1.0
    assert len(c.matches) == len(c.rewrite.sentences)
    for m in c.matches:
        assert 0.0 <= m.taken <= 1.0
        assert m.as_dict()["taken"] == m.taken
    # Every sentence of the paraphrase keeps some of the story; the whole rewrite keeps more of it than not.
    assert all(m.taken > 0.2 for m in c.matches) and c.taken > 0.5


def test_taken_does_not_depend_on_sentence_order():
    """A rewrite that reorders the story's sentences takes the same content."""
    sentences = [s.strip() + "." for s in PARAPHRASE.split(". ") if s.strip()]
    shuffled = sentences[:]
    random.Random(3).shuffle(shuffled)
    assert shuffled != sentences
    a = compare(ORIGINAL, " ".join(sentences), findings=False).taken
    b = compare(ORIGINAL, " ".join(shuffled), findings=False).taken
    assert abs(a - b) < 0.05


def test_identical_texts_are_wholly_taken_and_a_foreign_text_not_at_all():
    assert compare(ORIGINAL, ORIGINAL, findings=False).taken == 1.0
    foreign = "Bake the sourdough at 240 degrees with a tray of water for crust; let the crumb cool completely before slicing."
    assert compare(ORIGINAL, foreign, findings=False).taken < 0.1


def test_uncommon_words_weigh_more_than_common_ones_and_names_weigh_as_topic_words():
    assert idf("mezzanine") > idf("official") > 0
    assert idf("dehumidifier") > idf("fire")
    w = weigher("The chief, Miriam Ostrander, spoke.", "Ostrander spoke again.")
    assert w("ostrander") == NAME_WEIGHT
    assert w("mezzanine") == idf("mezzanine")


def test_the_background_table_is_built_from_texts():
    table = build(["The mezzanine flooded.", "A mezzanine was added.", "Nothing here."], min_df=2)
    lines = table.splitlines()
    assert lines[0] == "# articles: 3"
    assert "mezzanine\t2" in lines and not any(line.startswith("flood") for line in lines)


def test_money_with_a_scale_letter_is_one_number():
    from scorer.compare.tokens import facts
    values = {f.text: f.value for f in facts("The firm faces fines of up to $1.5m and a bonus of $250k; the course is 5k long.") if f.kind == "number"}
    assert values == {"$1.5m": "1500000", "$250k": "250000"}


def test_a_caption_about_another_event_in_the_same_mould_is_no_change():
    """Two photo captions share their template; every fact differs: another photo, not a changed one."""
    original = ("(Photo by Lena Ortiz/Newsline) Mara Quist and Jon Bexley during the 2009 Harbour Film Awards - "
                "Arrivals at Pellham Hall in Bristow, Oregon, United States.")
    rewrite = ("(Photo by Samir Dutta/Newsline) Mara Quist and Jon Bexley during the 2012 Coastline Music Gala - "
               "Arrivals at Vantor Arena in Kellsburg, Oregon, United States.")
    c = compare(original, rewrite, findings=False)
    assert c.matches[0].kind != "new"  # aligned by the template
    assert not c.changed


def test_one_swapped_fact_in_a_matching_statement_is_still_a_change():
    original = "Mara Quist said on Monday that the Pellham Hall renovation in Bristow would cost $4.2 million."
    rewrite = "Mara Quist said on Monday that the Pellham Hall renovation in Bristow would cost $6.8 million."
    c = compare(original, rewrite, findings=False)
    assert [(x.original.text, x.text) for x in c.changed] == [("$4.2 million", "$6.8 million")]


def test_number_words_opening_a_sentence_are_not_names():
    from scorer.compare.tokens import facts
    names = [f.text for f in facts("“I can't believe it.” Two hours later, Mara Quist wrote again.") if f.kind == "name"]
    assert names == ["Mara Quist"]


def test_an_original_sentence_credits_one_unaligned_sentence_only():
    """Sentences with no counterpart that lean on the same original sentence (a same-topic story's sentences all
    share the opening's words) are credited once; leaning on different original sentences, each is credited."""
    same = ["Schoolchildren planted tulips beside the warehouse this week.", "A choir sang carols for pensioners in Castleford."]
    apart = [same[0], "A hardware shop sold its last dehumidifier to pensioners."]
    for sentences in (same, same[::-1]):
        c = compare(ORIGINAL, " ".join(sentences), findings=False)
        assert [m.kind for m in c.matches] == ["new", "new"]
        assert sorted(m.taken > 0 for m in c.matches) == [False, True]
    c = compare(ORIGINAL, " ".join(apart), findings=False)
    assert [m.kind for m in c.matches] == ["new", "new"] and all(m.taken > 0 for m in c.matches)
