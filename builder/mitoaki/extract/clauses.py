"""Clauses where a change word does not report a finding.

A direction cue is read as a finding only where the text states that something changed. It is
not one in

- a **frame**: "the role of MSCs in restoring ...", "approaches to improving ...", "strategies
  for reducing ...", "the possibility of MSCs relieving ..." (what could be done, not what was
  seen);
- a **purpose** clause: "(in order) to reduce ...", "used to restore ..." (a base verb after
  "to", unless a reporting or aspect verb stands before it: "was shown to reduce", "began to
  fall");
- a **question**: "whether MSCs reduce ...";
- a **hypothesis**: "we hypothesized that MSCs reduce ...", "to test our hypothesis that ..."
  (what the study set out to test, however far back in the sentence; its results say what was
  seen);
- an **agent phrase**: a change noun whose phrase is the subject of a modal or causal verb ("the
  inhibition of X was found to attenuate Y", "the activation of X can induce Y", "upregulating
  X can stimulate Y"), or a participle opening that subject ("lowered X was found to ..."): X
  is what was manipulated, not what was measured; so is a change noun after its entity said to
  be needed ("SIRT1 activation may be required for repair", "X induction is necessary"): it
  states what X is needed for, not that X changed (``NEED``);
- a **compound modifier**: "accumulation-mediated", "activation-dependent"; and a change noun
  that premodifies another noun ("an induction medium", "the recovery period", "the
  increase rate of the pump"): it names the noun after it, it says nothing changed;
- a **gerund after a noun** with no verb between ("chloroquine blocking ..."): the noun acts, it
  is not the thing that changed ("ROS were increasing" has its verb);
- the **head of another cue's object**: a noun inside the phrase a cue before it named ("lowered
  the activation of X"): the phrase is that cue's, and the noun states no change of its own
  (``in_object``).

A hedge ("may induce", "could be restored") is kept with a lower confidence (``hedged``):
reviews state mechanisms so, and curators record them (a primary study's background is not its
findings, hedged or not: ``rules.background``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.extract.mentions import Mention

#: How far back (characters) a frame, purpose or hedge may stand before the cue.
WINDOW = 90
CLAUSE_BREAK = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bwhereas\b")
FRAME = re.compile(
    r"\b(?:roles?|possibilit(?:y|ies)|potential|abilit(?:y|ies)|capacity|approach(?:es)?|"
    r"strateg(?:y|ies)|ways?|means|attempts?|efforts?|aims?|goals?|advantages?|options?)\b"
    r"[^;:.]{0,60}?\b(?:in|to|for|of|by|towards?)\s+(?:[\w\-α-ω+]+\s+){0,3}$",
    re.IGNORECASE,
)
PURPOSE = re.compile(r"\b(\w+)\s+to\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: Verbs after which "to" + verb reports a result rather than a purpose.
REPORTING = frozenset(
    {
        "shown",
        "found",
        "reported",
        "observed",
        "demonstrated",
        "seen",
        "known",
        "able",
        "began",
        "begin",
        "begins",
        "started",
        "tend",
        "tended",
        "tends",
        "continued",
        "appear",
        "appeared",
        "appears",
        "seem",
        "seemed",
        "seems",
        "proved",
        "proven",
        "likely",
        "failed",
        "fail",
        "unable",
        # a subject's effect: "the cells acted to reduce X", "it served to lower Y"
        "act",
        "acts",
        "acted",
        "serve",
        "serves",
        "served",
        "helped",
    }
)
#: An infinitive joined to another ("acted to reduce X and to increase Y") shares its verb.
EARLIER_TO = re.compile(r"\b(\w+)\s+to\s+(?:\w+ly\s+)?\w+\b", re.IGNORECASE)
NOT_BASE = re.compile(
    r"(?:ed|ing|ion|ions|ment|ments|es|ity)$|^(?:higher|greater|more|less|fewer|loss|lost)$"
)
QUESTION = re.compile(r"\b(?:whether|if)\b", re.IGNORECASE)
HYPOTHESIS = re.compile(
    r"\b(?:hypothesi[sz]ed|hypothesis|postulated|speculated|conjectured)\s+that\b", re.IGNORECASE
)
HEDGE = re.compile(
    r"\b(?:may|might|could|would)\s+(?:\w+ly\s+|also\s+|further\s+|not\s+)?"
    r"(?:be\s+|have\s+(?:been\s+)?)?$",
    re.IGNORECASE,
)
#: A change noun (or gerund) heads a phrase: "the inhibition of", "upregulating the".
NOMINAL = re.compile(r"(?:ion|ment|ing|ance|ence)$", re.IGNORECASE)
BARE_NOUNS = frozenset({"loss", "increase", "decrease", "decline", "rise", "fall", "drop", "gain"})
DETERMINER = re.compile(r"\b(?:the|a|an|its|their|this|that)\s+$", re.IGNORECASE)
#: A modal or causal predicate right after the measured phrase: it was the agent.
AGENT_PREDICATE = re.compile(
    r"(?:\s+[\w\-α-ω+]+){0,4}?\s+(?:"
    r"(?:can|could|may|might|will|would|should)\b|"
    r"(?:was|were|is|are|has been|have been)\s+(?:\w+ly\s+)?(?:found|shown|reported|thought|"
    r"known|believed|suggested|proposed|demonstrated|considered|expected)\s+to\b|"
    r"(?:leads?|led)\s+to\b|result(?:s|ed)?\s+in\b|caus(?:es|ed)\b|trigger(?:s|ed)\b|"
    r"contribut(?:es|ed)\s+to\b|protect(?:s|ed)\b|exacerbat(?:es|ed)\b|aggravat(?:es|ed)\b|"
    r"induc(?:es|ed)\b(?!\s+by)|(?:is|are|was|were)\s+(?:required|needed|essential|necessary|"
    r"responsible)\b)",
    re.IGNORECASE,
)
#: An adjective of need after a copula, a modal and adverbs allowed, right after a change noun
#: ("activation may well be required", "induction is thus necessary").
NEED = re.compile(
    r"\s+(?:(?:can|could|may|might|must|will|would|should)\s+)?(?:(?:\w+ly|also|well|thus)\s+)*"
    r"(?:is|are|was|were|be|been|has\s+been|have\s+been)\s+(?:(?:\w+ly|also|thus)\s+)*"
    r"(?:required|needed|essential|necessary|indispensable)\b",
    re.IGNORECASE,
)


#: A change noun ("induction", "recovery"; "the increase") and the noun right after it, which
#: it premodifies: no preposition, conjunction, verb, adverb or participle.
CHANGE_NOUN = re.compile(r"(?:ion|ment|ery)$", re.IGNORECASE)
PREMODIFIED = re.compile(
    r"\s+(?!(?:of|in|on|at|by|for|from|to|with|within|into|and|or|nor|but|was|were|is|are|be|"
    r"been|has|have|had|that|which|as|than|after|following|during|via|through|between|among|"
    r"across|over|upon|versus|vs|seen|observed|found|caused|induced|may|can|could|might|will|"
    r"would|should|did|does|do)\b)(?![a-z]+(?:ed|ly)\b)[A-Za-z]",
    re.IGNORECASE,
)


def premodifier(text: str, cue_start: int, cue_end: int) -> bool:
    """Whether a change noun premodifies the noun after it ("induction medium").

    >>> premodifier("in the induction medium", 7, 16), premodifier("the reduction of X", 4, 13)
    (True, False)
    >>> premodifier("the increase rate", 4, 12), premodifier("EVs increase ATP", 4, 12)
    (True, False)
    """
    word = text[cue_start:cue_end].lower()
    noun = bool(CHANGE_NOUN.search(word)) or (
        word in BARE_NOUNS and bool(DETERMINER.search(text[max(0, cue_start - 8) : cue_start]))
    )
    return noun and bool(PREMODIFIED.match(text, cue_end))


#: Between a cue and the object a change noun after it speaks of ("prevented the GFR loss").
OBJECT_BEFORE = re.compile(r"\s+(?:(?:the|its|their)\s+)?", re.IGNORECASE)
OBJECT_AFTER = re.compile(r"\s+(?:levels?\s+)?", re.IGNORECASE)


def change_after_object(
    text: str, outer_end: int, inner: re.Match[str], measured: Sequence[Mention]
) -> bool:
    """Whether a change noun after the object of the cue ending at ``outer_end`` is its change.

    "Prevented GFR loss", "ameliorated kidney function deterioration": the cue acts on the
    change of its object.

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "MSCs prevented ATP loss."
    >>> atp = Mention("ATP", 15, 18, "", "X:1", "", "chemical", norm_start=15, norm_end=18)
    >>> loss = re.search("loss", text)
    >>> change_after_object(text, 14, loss, [atp]), change_after_object(text, 4, loss, [atp])
    (True, False)
    """
    word = inner.group(0).lower()
    if not (CHANGE_NOUN.search(word) or word in BARE_NOUNS):
        return False
    return any(
        OBJECT_BEFORE.fullmatch(text, outer_end, m.norm_start)
        and OBJECT_AFTER.fullmatch(text, m.norm_end, inner.start())
        for m in measured
    )


#: Where a subject starts: the sentence's start, or after a comma, semicolon, colon or "that".
SUBJECT_START = re.compile(r"(?:^|[,;:]|\bthat)\s*$", re.IGNORECASE)

#: A gerund cue after its entity needs an auxiliary between them ("ROS were increasing").
AUXILIARY = re.compile(r"\b(?:is|are|was|were|be|been|being|kept|keeps)\b", re.IGNORECASE)


#: Verbs of treating that always take an object: the noun before them acts ("EVs reversed"),
#: unless it is passive: an auxiliary between ("ATP was restored") or "by" after ("ATP restored
#: by EVs"). Verbs that may go without an object ("ATP rose", "function recovered") or that
#: reduced relatives often leave bare ("genes upregulated in AKI") are not listed.
TRANSITIVE = re.compile(
    r"(?:restor|revers|rescu|normali[sz]|attenuat|alleviat|amelior|mitigat|prevent|abolish|"
    r"reliev|exacerbat|aggravat|abrogat|blunt|dampen|curtail|lessen)\w*(?:ed|s)$",
    re.IGNORECASE,
)
PASSIVE_AGENT = re.compile(r"\s*,?\s*by\b", re.IGNORECASE)


def active_transitive(cue: str, between: str, after: str = "") -> bool:
    """Whether a verb that takes an object follows its noun in the active ("EVs reversed").

    ``between`` is the text from the noun to the cue, ``after`` the text after the cue.

    >>> active_transitive("reversed", " then "), active_transitive("restored", " were ")
    (True, False)
    >>> active_transitive("restored", " ", " by EVs"), active_transitive("decreased", " ")
    (False, False)
    """
    return (
        bool(TRANSITIVE.search(cue))
        and not AUXILIARY.search(between)
        and not PASSIVE_AGENT.match(after)
    )


def acting_noun(cue: str, between: str) -> bool:
    """Whether a gerund cue follows its noun without a verb ("chloroquine blocking").

    >>> acting_noun("blocking", " "), acting_noun("increasing", " were ")
    (True, False)
    """
    return cue.lower().endswith("ing") and not AUXILIARY.search(between)


def _clause_before(text: str, s_start: int, cue_start: int) -> str:
    """The text of the cue's clause before it (back to a semicolon, colon or contrast word)."""
    before = text[max(s_start, cue_start - WINDOW) : cue_start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def not_stated(text: str, s_start: int, cue_start: int, cue_end: int) -> str | None:
    """Why a cue states no change (frame, purpose, question, compound), else None.

    >>> def why(text: str, cue: str) -> str | None:
    ...     return not_stated(text, 0, text.index(cue), text.index(cue) + len(cue))
    >>> why("the role of MSCs in restoring ATP", "restoring")
    'frame'
    >>> why("MSCs were given to reduce ROS", "reduce")
    'purpose'
    >>> why("MSCs were shown to reduce ROS", "reduce") is None
    True
    >>> why("We asked whether MSCs reduced ROS", "reduced")
    'question'
    >>> why("We hypothesized that grafts of marrow stromal cells given early reduce ROS", "reduce")
    'hypothesis'
    >>> why("they acted to lower X and to raise Y", "raise") is None
    True
    >>> why("SIRT1 activation may be required for repair", "activation")
    'agent'
    """
    word = text[cue_start:cue_end]
    if re.match(r"-[A-Za-z]", text[cue_end : cue_end + 2]) or premodifier(text, cue_start, cue_end):
        return "compound"
    if _nominal(text, cue_start, cue_end) and NEED.match(text, cue_end):
        return "agent"  # "SIRT1 activation may be required for ...": needed, not changed
    clause = _clause_before(text, s_start, cue_start)
    if QUESTION.search(clause):
        return "question"
    before = text[s_start:cue_start]
    opened = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    if HYPOTHESIS.search(before, opened[-1] if opened else 0):
        return "hypothesis"
    if FRAME.search(clause):
        return "frame"
    purpose = PURPOSE.search(clause)
    if purpose is None or NOT_BASE.search(word.lower()):
        return None
    verb = purpose.group(1).lower()
    if verb in {"and", "or"}:  # "to reduce X and to increase Y": the first "to"'s verb
        earlier = EARLIER_TO.findall(clause, 0, purpose.start())
        verb = earlier[-1].lower() if earlier else verb
    if verb not in REPORTING:
        return "purpose"
    return None


def hedged(text: str, s_start: int, cue_start: int) -> bool:
    """Whether a modal hedges the cue ("may induce", "could be restored"): less sure, still kept.

    Reviews state mechanisms this way and curators record them, so a hedge lowers the
    confidence of a finding rather than dropping it.

    >>> hedged("Cisplatin may induce ROS", 0, 14), hedged("Cisplatin induced ROS", 0, 10)
    (True, False)
    """
    return bool(HEDGE.search(_clause_before(text, s_start, cue_start)))


def agent_phrase(text: str, cue_start: int, cue_end: int, phrase_end: int) -> bool:
    """Whether a change noun's phrase (cue to ``phrase_end``) is the subject of an agent verb.

    >>> s = "the inhibition of DRP1 in rats was found to lessen fission"
    >>> agent_phrase(s, 4, 14, 30)
    True
    >>> s = "the inhibition of DRP1 was observed"
    >>> agent_phrase(s, 4, 14, 22)
    False

    A participle that opens the subject counts too: "Reduced X was shown to protect ...".

    >>> s = "In rats, reduced Drp1 was shown to protect cells"
    >>> agent_phrase(s, 9, 16, 21), agent_phrase("EVs reduced Drp1 was shown", 4, 11, 16)
    (True, False)
    """
    word = text[cue_start:cue_end].lower()
    modifier = word.endswith("ed") and bool(SUBJECT_START.search(text[:cue_start]))
    return (_nominal(text, cue_start, cue_end) or modifier) and bool(
        AGENT_PREDICATE.match(text, phrase_end)
    )


def _nominal(text: str, cue_start: int, cue_end: int) -> bool:
    """Whether a cue is a change noun ("the inhibition", "the loss") or a gerund."""
    word = text[cue_start:cue_end].lower()
    return bool(NOMINAL.search(word)) or (
        word in BARE_NOUNS and bool(DETERMINER.search(text[max(0, cue_start - 8) : cue_start]))
    )


def in_object(text: str, cue_end: int, targets: Sequence[Mention], start: int) -> bool:
    """Whether a cue at ``start`` is a word inside the object the cue ending at ``cue_end`` named.

    ``targets`` are what that cue named; an object is after its cue.

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "They lowered the activation of caspase-3 and raised ATP."
    >>> at = text.index("caspase-3")
    >>> x = Mention("caspase-3", at, at, "", "X:1", "", "gene", norm_start=at, norm_end=at + 9)
    >>> in_object(text, 12, [x], text.index("activation")), in_object(text, 12, [x], 45)
    (True, False)
    """
    after = [t.norm_start for t in targets if t.norm_start >= cue_end]
    return bool(after) and cue_end <= start < min(after)
