"""Whether a statement follows a verb: the test that tells "X believes that ..." from "X is hoping to win".

A reporting or stance verb attributes a claim only when what follows it is a statement: "that", a
quotation, a colon or comma, the end of a sentence (the quotation came before: '"...," she believes.'),
or a clause with its own subject and verb ("thinks they deserve better", "believes the plan will fail").
An infinitive ("hoping to win") or a plain object ("named Smith coach", "understood quite a bit") is an
action or a state, not words. Used by the attribution and generalities families.
"""
from __future__ import annotations

import re

#: What may open a statement right after the verb.
_STATEMENT_OPENS = re.compile(r"""\s*(?:$|\bthat\b|["“‘'”’:;,.!?)\]—–]|-\s)""", re.IGNORECASE)
#: A clause with its own subject: a subject pronoun ("thinks they deserve better") ...
_SUBJECT_PRONOUN = re.compile(r"\s*(?:i|we|you|he|she|they|there)\b(?!['’]s\b)", re.IGNORECASE)
#: ... or a short noun phrase and then an auxiliary or modal verb ("believes the plan will fail").
#: A coordinating or subordinating word ends the object: in "supports independence but Serbia is opposed" the
#: clause after "but" is another statement, not what is supported.
_NEW_CLAUSE = r"(?!(?:but|yet|while|whereas|although|though|because|so|and|or)\b)"
_CLAUSE = re.compile(
    rf"\s*(?!to\b){_NEW_CLAUSE}[\w'’-]+(?:\s+{_NEW_CLAUSE}[\w'’-]+){{0,5}}?\s+"
    # Lower case only: "a baby girl in May" holds the month, not the modal.
    r"(?-i:is|are|was|were|will|would|can|could|should|may|might|must|has|have|had|does|did|do|won['’]t|isn['’]t|"
    r"aren['’]t|wasn['’]t|doesn['’]t|didn['’]t)\b",
    re.IGNORECASE,
)
#: ... or an object and an infinitive, the claim about it ("expect rates to rise", "believe him to be wrong").
#: An object opens with no preposition: "ripped through the top order to put ..." is a path and a purpose.
#: A time adverbial is no object: "hope one day to harness", "hopes eventually to" state a goal.
_OBJECT_INFINITIVE = re.compile(r"\s*(?!(?:one\s+day|some\s+day|someday|soon|eventually|finally|still|again|also|now|yet|ever|later)\b)(?!(?:to|through|into|onto|across|past|around|over|under|at|in|on|by|with|from|of)\b)[\w'’-]+(?:\s+[\w'’-]+){0,3}?\s+to\s+(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those)\b)(?-i:[a-z]+)\b",
    re.IGNORECASE,
)
#: How far after the verb a clause is looked for.
WINDOW = 80


def statement_follows(text: str, position: int, *, infinitive: bool = True) -> bool:
    """Whether the text at ``position`` (right after a verb) opens a statement rather than an object.

    With ``infinitive=False`` an object and an infinitive ("a plan to bundle") is no statement: after an
    action verb it is the action's purpose, not a claim."""
    rest = text[position:position + WINDOW].split("\n", 1)[0]
    # The clause must end before the sentence does: "is expecting a baby. She was ..." is no clause.
    sentence = re.split(r"[.;:!?]", rest, maxsplit=1)[0]
    return bool(_STATEMENT_OPENS.match(rest) or _SUBJECT_PRONOUN.match(sentence) or _CLAUSE.match(sentence)
                or (infinitive and _OBJECT_INFINITIVE.match(sentence)))


def clause_follows(text: str, position: int) -> bool:
    """Whether a clause with its own subject and verb follows ``position`` ("indicated their response was
    hindered"), leaving out the openers a bare comma or stop would pass for."""
    sentence = re.split(r"[.;:!?]", text[position:position + WINDOW].split("\n", 1)[0], maxsplit=1)[0]
    if _PREPOSITION_FIRST.match(sentence):
        return False  # "couldn't agree over whether Nintendo would ...": a prepositional object, not the verb's clause
    return bool(_SUBJECT_PRONOUN.match(sentence) or _CLAUSE.match(sentence))


_PREPOSITION_FIRST = re.compile(r"\s*(?:over|about|on|in|at|with|for|to|from|of|by|into|upon|against)\b", re.IGNORECASE)
