"""Whether an attribution reports words: a stance or action cue counts only with a statement after it.

PolNeAR annotates beliefs, wishes and actions as attributions ("the candidate is hoping to win", "the
Alouettes named Smith coach"), so ``find_attributions`` keeps them for that benchmark. An editor reads a
*named source* as someone who says something; the findings and the named-source features keep a source
found by a cue of ``attribution_stance_verbs.txt`` or ``attribution_action_verbs.txt`` only when a statement follows that cue.
"""
from __future__ import annotations

import re
from functools import lru_cache

from scorer.core.clauses import clause_follows, statement_follows
from scorer.knowledge.lexicons import load_lexicon
from scorer.signals.attribution.sources import Attribution


@lru_cache(maxsize=1)
def _action_cues() -> frozenset[str]:
    return frozenset(load_lexicon("attribution_action_verbs"))


@lru_cache(maxsize=1)
def _stance_cues() -> frozenset[str]:
    return frozenset(load_lexicon("attribution_stance_verbs")) | frozenset(load_lexicon("attribution_action_verbs"))


#: The end of the sentence right after the cue.
_SENTENCE_END = re.compile(r"""\s*(?:[.!?]|$)""")
#: A quotation opening right after the cue, and its words up to the closing mark.
_QUOTED = re.compile(r"""\s*(?:''|``|["“‘'])(?P<words>[^"”’'`\n]{1,80})(?:''|["”’'])""")
#: A participle's agent: "by" and a determiner or a name within a short time or place phrase ("published in
#: October 2018 by the Drug Enforcement Administration"); "said by phone" has no determiner or name after "by".
_PASSIVE_BY = re.compile(r"""(?:\s+(?:in|on|at|last|this|early|late|[A-Z][a-z]+|\d[\d,]*)){0,4}\s+by\s+(?:the\b|[A-Z])""")
#: A quotation this short, every word capitalised, is a title ("published ''Character Studies''"), not words said.
TITLE_WORDS = 6


def reports_words(text: str, attribution: Attribution) -> bool:
    """False for a source found before a cue with no statement after it.

    Any cue: a quoted title right after it is the name of a work, not words said ("Singer published
    ''Character Studies''"); a sentence ending right after it holds a statement only when the statement came
    before the source -- a quotation, or a clause the source follows after a comma ('"...," she believes.',
    "Prices will rise, the bank predicted.") -- not in "..., but Chaffetz declined." A stance or action cue
    of the lexicons needs a statement after it (:func:`statement_follows`).
    """
    if attribution.rule == "passive" and _PAGE_PASSIVE.search(text, max(0, attribution.cue_start - 60), attribution.cue_start):
        return False  # "This website is published by a member of ...": an ownership footer, not a statement
    if attribution.source_end > attribution.cue_start:
        return True  # a cue with its source after it ('"...," thought Smith')
    after = attribution.cue_end
    quoted = _QUOTED.match(text, after)
    if quoted and _title(quoted.group("words")):
        return False
    if text[attribution.cue_start:after].lower().endswith("ed") and _PASSIVE_BY.match(text, after):
        return False  # "data published in October 2018 by the agency": a participle after its object, the agent follows
    cue = " ".join(text[attribution.cue_start:after].lower().split())
    if not _spoken_form(text, attribution, cue):
        return False
    if _NEGATION_GAP.fullmatch(text, attribution.source_end, attribution.cue_start):
        # "Caitlyn has not commented on the matter", "the agency did not respond": no words reported, unless
        # what was not said is given ("did not say that ...", 'has never claimed: "..."').
        return bool(_NEGATED_STATEMENT.match(text, after)) or clause_follows(text, after)
    if _SENTENCE_END.match(text, after):
        return _statement_before(text, attribution.source_start)
    if cue in _action_cues():
        # An action's object and an infinitive is a plan, not a claim: "sketched a plan to bundle", "backed a bid to host".
        # Rejecting or backing what someone said answers it ("rejected the allegation"), and a quotation opening
        # the next sentence is the source's own words ('... rejected Abbas' call for talks. "It is full of ...').
        return statement_follows(text, after, infinitive=False) or bool(_SPEECH_OBJECT.match(text, after)) or (
            cue.startswith(_TAKING_SIDES) and bool(_QUOTE_NEXT.match(text, after)))
    return cue not in _stance_cues() or statement_follows(text, after) or bool(_QUOTE_NEXT.match(text, after))


#: The object of an action verb that is itself something said: "rejected the allegation", "backed Abbas' call".
_SPEECH_OBJECT = re.compile(
    r"""\s+(?:the|these|those|such|any|this|that|his|her|their|its|(?-i:[A-Z])[\w.-]*['’]s?)\s+(?:[\w-]+\s+)?"""
    r"""(?:allegations?|claims?|accusations?|charges?|criticisms?|suggestions?|characteri[sz]ations?|assertions?|"""
    r"""reports?|calls?|demands?|remarks?|comments?|statements?|arguments?|notion|idea|premise|proposals?)\b""",
    re.IGNORECASE,
)
#: Action cues that take a side, which the source's quotation in the next sentence goes on to argue; a procedure
#: ("filed a lawsuit", "released a report", "named a coach") is no side taken, whatever is quoted next.
_TAKING_SIDES = ("reject", "support", "back", "agree", "side", "hammer", "knock", "rip", "pan", "push")
#: The rest of the sentence, then a quotation opening the next one.
_QUOTE_NEXT = re.compile(r"""[^.!?\n"“”]{0,160}[.!?]\s+["“]""")


#: Between a source and its verb, a negation with no clause break: "has not", "did not", "never", "hasn't".
_NEGATION_GAP = re.compile(r"""[^,.;:!?()\n"“”]*?(?:\b(?:not|never)\b|n['’]t\b)[^,.;:!?()\n"“”]*""", re.IGNORECASE)
#: What a negated verb still reports: "did not say that ...", "hasn't said whether ...", "does not indicate when",
#: a quotation, a colon, or a clause with its own subject ("have never indicated their response was hindered").
_NEGATED_STATEMENT = re.compile(r"""\s*(?:that\b|whether\b|if\b|when\b|why\b|how\b|where\b|who\b|what\b|["“‘:])""", re.IGNORECASE)
#: A verb of refusing with a person as its first object: "could deny them mining permits" refuses, says nothing.
_DENY_SOMEONE = re.compile(r"""\s+(?:them|him|her|us|me|you)\s+(?!that\b)[a-z]""")
_DENY = frozenset({"deny", "denies", "denied", "denying"})
#: A naming verb right before a capitalised name: "a vessel called LT Cortesia", "a group named Alpha".
_NAMING = frozenset({"called", "named", "dubbed", "titled", "entitled", "nicknamed"})
_NAME_AFTER = re.compile(r"""\s+["“‘]?[A-Z]""")
#: The object of an infinitive: "the decision to bring back Pratt and Howard", "plans to hire Smith".
_INFINITIVE_BEFORE = re.compile(
    r"""\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|be|what|which|who|whom|whose|where|when|how|"""
    r"""why|him|her|them|me|us|it|you)\b)[a-z]+(?<![^s]s)"""  # a base form: "to reporters" is a plural noun's object
    r"""(?:\s+(?:back|up|down|off|out|over|away|in))?\s+$"""
)
#: The page itself as the subject of a passive: "This website is published by ...": an ownership footer.
_PAGE_PASSIVE = re.compile(
    r"""\b(?:this|the|our)\s+(?:web\s?site|site|page|service|newsletter|app|podcast|publication|material|content)\s+"""
    r"""(?:is|was|are|were|has\s+been)\s+(?:\w+ly\s+)?$""",
    re.IGNORECASE,
)


def _spoken_form(text: str, attribution: Attribution, cue: str) -> bool:
    """False when the verb's form shows it reports no words: a refusal ("deny them permits"), a naming ("a
    vessel called LT Cortesia", with a common noun as the "source"), the source as an infinitive's object
    ("the decision to bring back Pratt and Howard indicates")."""
    if cue in _DENY and _DENY_SOMEONE.match(text, attribution.cue_end):
        return False
    if cue in _NAMING and _NAME_AFTER.match(text, attribution.cue_end):
        head = text[attribution.source_start:attribution.source_end].split()[-1]
        if head.islower() and head.lower() not in _roles():
            return False
    if _INFINITIVE_BEFORE.search(text, max(0, attribution.source_start - 40), attribution.source_start):
        return False
    return True


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon("attribution_roles"))


#: A bare plural group: capitalised modifiers and a lower-case plural head, no determiner ("Trump fans",
#: "Labour Party supporters"); or the head alone, capitalised at a sentence start ("Whistleblowers reveal").
_BARE_PLURAL = re.compile(r"""(?:(?:[A-Z][\w'’.&-]*\s+){1,4}(?P<head>[a-z][\w-]*)|(?P<alone>[A-Z][a-z-]+))""")


def bare_crowd(text: str, attribution: Attribution) -> bool:
    """Whether a "name" source is a bare plural crowd of the public (attribution_public_crowds.txt), vague
    rather than named; a role ("McConnell aides", "Met Office experts") names the body the speakers work for."""
    if attribution.kind != "name":
        return False
    match = _BARE_PLURAL.fullmatch(text, attribution.source_start, attribution.source_end)
    if match is None:
        return False
    head = (match.group("head") or match.group("alone")).lower()
    return head in _public_crowds() and not any(w.lower() in _DETERMINERS_OR_COUNTS for w in match.group().split())


@lru_cache(maxsize=1)
def _public_crowds() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon("attribution_public_crowds"))


_DETERMINERS_OR_COUNTS = frozenset(
    "the a an this that these those his her its their our my your both all two three four five six seven eight nine ten".split()
)


def _statement_before(text: str, position: int) -> bool:
    """Whether the sentence before a source at ``position`` holds what it said: a quotation closing, or a clause
    ending in a comma right before the source (with "the", "a" or a title between)."""
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), position - 400, 0)
    before = text[start:position]
    if any(mark in before for mark in ('"', "”", "’’", "''")):
        return True
    return bool(re.search(r",\s*(?:(?:the|a|an|his|her|its|their)\s+)?$", before, re.IGNORECASE))


def _title(words: str) -> bool:
    tokens = [w for w in words.replace(",", " ").split() if w[:1].isalpha()]
    return 0 < len(tokens) <= TITLE_WORDS and all(w[0].isupper() for w in tokens)


#: Most lines of running text end with one of these; a short line without it is a heading or a label.
_LINE_END = re.compile(r"""[.!?…:;]['"”’)\]]*$|["”’]$""")
#: A short line: headings and kickers run to a dozen words ("Aidy recalls big guns").
MAX_HEADING_WORDS = 12


def in_headline(text: str, attribution: Attribution, start: int, end: int) -> bool:
    """A source in a heading's words: a short line with no closing stop, or a cue in title case mid-line.

    "Aidy recalls big guns" (a sports page's heading), "Home » News » AICPA Addresses the Crisis" and a
    run of headlines ("Kylie Jenner Is Reportedly Expecting ...") name a subject, not a source saying
    something. A transcript's speaker label ("TAPPER: ...") is not judged here.
    """
    if attribution.rule == "label":
        return False
    line = text[start:end].strip()
    if not _LINE_END.search(line) and len(line.split()) <= MAX_HEADING_WORDS:
        return True
    cue = text[attribution.cue_start:attribution.cue_end]
    before = text[start:attribution.cue_start].rstrip()
    sentence_initial = not before or before[-1] in ".!?:;\"“”'‘’(—–-"
    return cue[:1].isupper() and not sentence_initial


#: A relative clause whose verb takes the phrase as its object: "Democrats in Iowa who watched the Saturday debate
#: said" (the debate did not speak; the Democrats did). A verb ends in -ed/-s or is a common past form, after
#: who/which/that and up to one adverb or auxiliary; then an optional determiner before the phrase.
_RELATIVE_OBJECT = re.compile(
    r"\b(?:who|which|that)\s+(?:\w+ly\s+|has\s+|have\s+|had\s+)?(?:\w+ed|\w+s|saw|met|won|lost|led|ran|made|heard|"
    r"read|left|took|gave|got|sent|wrote|told|knew|went\s+to|came\s+to)\s+(?:the|a|an|this|that|his|her|their|its)?\s*$",
    re.IGNORECASE)
#: A place or body after a lower-case common noun and a preposition, inside an appositive: "a mortgage broker in
#: Fort Lauderdale, Florida, said" (the broker speaks, not the city).
_PREPOSITION_OBJECT = re.compile(r"\b[a-z][a-z-]+\s+(?:in|at|from|near|outside|of)\s+(?:the\s+)?$")
#: A document after "in" cites it (as ``survey_in`` does), unless a participle governs the "in" ("involved in").
_CITED_IN = re.compile(r"^(?![a-z-]+ed\s)[a-z-]+\s+in\s")


def embedded_object(text: str, attribution: Attribution) -> bool:
    """Whether a source found before its cue is the object inside a relative clause or an appositive's
    prepositional phrase, not the subject of the cue (findings only: the features count it as before)."""
    if attribution.source_end > attribution.cue_start:
        return False
    before = text[max(0, attribution.source_start - 60):attribution.source_start]
    if _RELATIVE_OBJECT.search(before):
        return True
    # the appositive's preposition: the phrase then a comma or the verb, and a comma opened the appositive
    preposition = _PREPOSITION_OBJECT.search(before)
    if preposition and attribution.kind == "document" and _CITED_IN.search(preposition.group()):
        return False  # "One in four voters in a New York Times poll said": a document cited with "in" is the source
    return bool(preposition) and "," in before
