"""Closed-class English grammar the attribution rules read (not newsroom vocabulary, hence in code).

Word sets and marks, plus the limits on how far a rule looks. Newsroom vocabulary (reporting
verbs, roles, titles, documents) is package data, read in :mod:`.vocab`.
"""
from __future__ import annotations

import re

#: Longest appositive ("Smith, a former adviser to ..., said") searched back over, in tokens.
MAX_APPOSITIVE_TOKENS = 40
#: Longest source phrase, in tokens: longer runs of capitals are headlines or lists.
MAX_SOURCE_TOKENS = 12

# --- closed-class English grammar (not newsroom vocabulary, hence in code) ---------------------
_PRONOUNS = frozenset(
    "i we you he she they it who me us him her them one someone somebody this that these those".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your some many most several few other "
    "both all any each every no another certain such one two three four five".split()
)
_DEFINITE = frozenset("the this that these those his her its their our my your".split())
# Joining words inside a source: "Secretary of State", "a spokesman for the company", "a report by the IMF".
_CONNECTORS = frozenset("of for at by from to and & de del della der den van von bin ibn al el da di du la le".split())
# Words after a document that go on to say which one: "records obtained by", "emails released in".
_DOCUMENT_FOLLOWERS = frozenset(
    """by from of released published filed issued conducted obtained reviewed seen compiled prepared
    commissioned cited posted sent dated submitted signed written leaked reported""".split()
)
# Words after which a new clause or phrase starts: a document right after one has nothing before it.
_CLAUSE_OPENERS = frozenset(
    """to and but or nor as while where when whereas that which who because since though although yet so if
    in on at with after before despite amid than""".split()
)
# Between a source and its verb: auxiliaries, negation and adverbs ("Smith has also repeatedly said").
_SKIP_BEFORE_VERB = frozenset(
    """has have had having will would could should can may might must shall did does do is was were are
    been be being not never also later then once still just already even first long now often again ever
    both all each too himself herself themselves itself
    only since soon initially previously recently repeatedly reportedly publicly privately earlier today
    yesterday tonight separately further subsequently quickly immediately simply""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# A source phrase ending on one of these is a time ("Late on Monday night, ...").
_TIME_WORDS = frozenset("night morning afternoon evening weekend week month year today yesterday tonight".split()) | _WEEKDAYS | (
    _MONTHS - {"may"})
# Before a subject, these prepositions make the phrase their object ("those with BED reported"); "on", "in" are left
# out: "On Tuesday Trump said" grows the phrase "Tuesday Trump" back to "On".
_PREPOSITIONS = frozenset("with without among between into onto".split())
# Opening a sentence right before the subject, these make it a question ("Would Schiff have pleaded ...?").
_QUESTION_AUXILIARIES = frozenset("would could should did does do will can shall might must has have had is are was were".split())
# Past forms that do not end in -ed: with these the verb agrees with any subject.
_IRREGULAR_PAST = frozenset(
    """said told wrote written thought felt knew known found saw seen sought understood swore sworn spoke spoken
    shown gave given held took came went made put cast hit read set laid shot tore spun""".split()
)
_PARTICLES = frozenset("off up down away".split())
# Linking verbs: before a participle cue they make it an adjective ("Stay informed", "remain convinced").
_LINKING_VERBS = frozenset("stay stays stayed remain remains remained keep keeps kept get gets got become becomes".split())
# "Frequently asked questions", "commonly asked question": "asked" describes the questions, nobody is quoted.
_ASKED_OBJECTS = frozenset("question questions".split())
_BE = frozenset("is are was were be been being".split())
_TIME_NOUNS = frozenset("week month year morning afternoon evening night weekend".split())
_TIME_LEADS = frozenset("on last this that next late early".split())
# Capitalised at the start of a sentence, these are ordinary words, not names ("But Smith said").
_SENTENCE_OPENERS = frozenset(
    """but and or yet so still however meanwhile now then also instead indeed later earlier today yesterday
    last when if while as after before although though because since in on at for from with without
    under over during asked speaking separately finally first second moreover furthermore thus here there next once
    even only just not does did do is are was were has have had would can could should
    despite amid amidst following unlike besides beyond against among between throughout until upon within""".split()
)
# After one of these a comma opens an appositive or relative clause: "Smith, who ...", "Smith, a nurse, ...".
_APPOSITIVE_OPENERS = frozenset("who whose which a an the now then one also himself herself like as whom".split())
# Words that end a clause's subject when looking back for it ("when Rubio thanked Miami and said").
_SUBORDINATORS = frozenset("when while after before because that if since although though where whereas".split())
# Words after which a source phrase's head is over: "a poll conducted by ...", "interviews with ...".
_HEAD_ENDERS = frozenset("with in on released conducted published who that which from".split())
# Closed-class words that never head a source ("Macau when asked", "Fiorina for criticizing").
_FUNCTION_WORDS = (
    _SUBORDINATORS | _CONNECTORS | _DETERMINERS | _PRONOUNS | _SKIP_BEFORE_VERB
    | frozenset("to in on at with without about into over under than so or nor what why how whether until".split())
)
# A source right after one of these is inside someone else's clause ("told the Times that Carter believes",
# "a majority of voters say", "praised Trump for speaking out"): PolNeAR and editors credit the outer speaker.
_EMBEDDING = frozenset("that of for if whether".split())
_POSSESSIVE_S = re.compile(r"\w['’]s$")
_POSSESSIVE = re.compile(r"['’]s?$")
_OPEN_QUOTES = frozenset({"“", '"', "‘", "'", "(", "["})
_CLOSE_QUOTES = frozenset({"”", '"', "’", "'"})
_SENTENCE_END = frozenset({".", "!", "?", ":", ";"})
# Marks around an appositive: "Smith, a nurse, said", "Sims -- a teacher -- says".
_APPOSITION_MARKS = frozenset({",", "—", "–", "-"})
# Punctuation after which a verb may precede its source: '..." said Smith', ', said Smith'.
_INVERSION_AFTER = frozenset({",", "”", "“", "\"", "’", "‘", "'", ":", "—", "–"})
# What separates two statements in one sentence: a sentence end, a semicolon, a comma, a closing quote.
_CLAUSE_BREAK = re.compile(r"[.!?;,”\n]")
#: Prepositions and modifiers that make a month a date ("in May", "since March", "last June").
_TIME_PREPOSITIONS = frozenset("in on since by until till during through before after from last next early late mid".split())
