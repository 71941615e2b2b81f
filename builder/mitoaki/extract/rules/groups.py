"""Which group a change is said of: the injured, untreated group, or one against another.

Findings are the treatment's effects against the injured, untreated group. A clause whose
subject is that group ("the septic rats showed greater lethality", "vehicle-treated mice
developed a higher death rate", "in the untreated ischemic group, ATP fell") tells the injury's
effect, not the treatment's (``by_injury``). The group is named by the injury (an inducer or
model mention, or a word of injury: septic, ischemic, injured...) or as a control (vehicle,
untreated, saline...), and by no treatment: "treated septic mice", "MSC-treated rats" and
"septic mice given the peptide" are treated groups, whose changes are the treatment's. Said
against a treated group ("... than MSC-treated mice"), the change is the treatment's opposite
one, as "higher in the vehicle group than in the treated one" is (``control_first``).

A change said to come in response to a stimulus ("in response to hydrogen peroxide", "upon
exposure to endotoxin", "after challenge with IL-1β") is the injury's where the clause names no
treatment: "in response to MSC-conditioned medium" and "cells treated with the peptide" name one
(``stimulated``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.results import (
    CLAUSE_BREAK,
    COMPARED,
    GIVEN,
    INJURY_WORDS,
    OPENING,
    TREATED,
    control_first,
)

#: What is given and never measured: cells, their products, an intervention.
CELLS = GIVEN - {"chemical"}
#: Words that name a group by its injury or as an untreated control.
INJURED = re.compile(
    rf"\b(?:{INJURY_WORDS}|diseased|untreated|vehicle|placebo|saline|PBS)\b", re.IGNORECASE
)
#: A control or an injury before a word of giving ("vehicle-treated", "saline-injected"): the
#: group was given no treatment.
CONTROL_GIVEN = re.compile(r"(?:vehicle|placebo|saline|PBS|sham)-$", re.IGNORECASE)
#: Nouns of a group of subjects or samples that a clause's subject ends with.
GROUP = re.compile(
    r"(?:groups?|animals|mice|rats|pigs|swine|dogs|sheep|rabbits|hamsters|monkeys|"
    r"primates|patients|subjects|controls|littermates|kidneys|tubules|cells|cultures|"
    r"tissues|organs|grafts|those)",
    re.IGNORECASE,
)
#: A verb of having or showing after a group ("mice developed", "kidneys displayed"), or a
#: verb of being, followed by at most five words before the cue.
HAVING = re.compile(
    r"\s+(?:(?:\w+ly|also|then)\s+)?(?:showed|shows|show|displayed|displays|display|developed|"
    r"develops|develop|exhibited|exhibits|exhibit|had|has|have|presented|suffered|"
    r"experienced|underwent|manifested|demonstrated|revealed|was|were|is|are)"
    r"(?:\s+[\w\-]+){0,5}?\s*$",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w\-/]+")
#: How many words a group's name may have ("the kidneys of untreated ischemic pigs").
MAX_WORDS = 8
#: An opening that names a group: "In the untreated septic group, ...".
IN_GROUP = re.compile(r"\s*(?:in|among|for)\s+(?:the\s+)?([^,]{1,80}),", re.IGNORECASE)
#: Words that say a change came in response to a stimulus.
STIMULUS = re.compile(
    r"\b(?:in\s+response\s+to|(?:(?:up)?on|after|following)\s+(?:(?:an?|the)\s+)?"
    r"(?:exposure|challenge|stimulation)\s+(?:to|with)|(?:when|once|after)\s+(?:being\s+)?"
    r"(?:exposed|challenged|stimulated)\s+(?:to|with))\b",
    re.IGNORECASE,
)


def _treated(text: str, start: int, end: int, mentions: Sequence[Mention]) -> bool:
    """Whether a group's name tells it was treated: cells or a product given, a word of giving.

    A chemical may be what was measured, so only a word of giving tells it was given; a word
    of giving joined to a control or an injury ("vehicle-treated", "cisplatin-injected") gives
    no treatment.
    """
    if any(start <= m.norm_start and m.norm_end <= end and m.type in CELLS for m in mentions):
        return True
    for word in TREATED.finditer(text, start, end):
        before = text[max(start, word.start() - 12) : word.start()]
        if CONTROL_GIVEN.search(before):
            continue
        if before.endswith("-") and any(m.norm_end == word.start() - 1 for m in mentions):
            continue  # "cisplatin-injected": the injury's giving, no treatment
        return True
    return False


def _injured(
    text: str, start: int, end: int, mentions: Sequence[Mention], injuries: Sequence[Mention]
) -> bool:
    """Whether a group's name (``start``-``end``) names the injury or a control, no treatment."""
    named = bool(INJURED.search(text, start, end)) or any(
        start <= m.norm_start and m.norm_end <= end for m in injuries
    )
    return named and not _treated(text, start, end, mentions)


def _group(text: str, span: tuple[int, int], cue_start: int) -> tuple[int, int] | None:
    """The span of the group a cue's clause is said of: its subject, or an opening "in X,".

    The subject runs from the clause's start (after an opening adverbial phrase) to a verb of
    having or showing, and names a group ("mice with AKI", "the ROS levels of septic rats").
    """
    start = span[0]
    for match in CLAUSE_BREAK.finditer(text, span[0], cue_start):
        start = match.end()
    opening = OPENING.match(text, start, cue_start)
    if opening is not None:
        named = IN_GROUP.fullmatch(text, start, opening.end())
        if named is not None and GROUP.fullmatch(named.group(1).split()[-1]):
            return named.start(1), named.end(1)
        start = opening.end()
    words = list(WORD.finditer(text, start, cue_start))[:MAX_WORDS]
    for k, word in enumerate(words):
        if HAVING.fullmatch(text, word.end(), cue_start):
            grouped = any(GROUP.fullmatch(w.group(0)) for w in words[: k + 1])
            return (words[0].start(), word.end()) if grouped else None
    return None


def whose_change(
    text: str,
    span: tuple[int, int],
    cue: re.Match[str],
    mentions: Sequence[Mention],
    injuries: Sequence[Mention],
) -> tuple[bool, bool]:
    """(opposite, injury's): whether a cue's change is the treatment's opposite, the injury's.

    ``mentions`` are the sentence's, ``injuries`` those naming the injury (inducer, model).

    >>> from mitoaki.extract.cues import CUES
    >>> def said(text: str) -> tuple[bool, bool]:
    ...     return whose_change(text, (0, len(text)), CUES.search(text), [], [])
    >>> said("The septic rats showed greater apoptosis.")
    (False, True)
    >>> said("Treated septic rats showed less apoptosis.")
    (False, False)
    >>> said("Untreated septic rats showed more apoptosis than treated ones.")
    (True, False)
    """
    if control_first(text, cue.end(), span[1]):  # "higher in the vehicle group than ..."
        return True, False
    if stimulated(text, span, cue, mentions):  # "less ATP in response to hydrogen peroxide"
        return False, True
    group = _group(text, span, cue.start())
    if group is None or not _injured(text, *group, mentions, injuries):
        return False, False
    if _treated(text, group[1], cue.start(), mentions):  # "septic mice given MSCs showed"
        return False, False
    compared = COMPARED.search(text, cue.end(), span[1])
    if compared is not None and _treated(text, compared.end(), span[1], mentions):
        return True, False  # "... higher ROS than MSC-treated mice": the treatment lowered it
    return False, True


def stimulated(
    text: str, span: tuple[int, int], cue: re.Match[str], mentions: Sequence[Mention]
) -> bool:
    """Whether a cue's clause says its change came in response to a stimulus, no treatment.

    >>> from mitoaki.extract.cues import CUES
    >>> def said(text: str) -> bool:
    ...     return stimulated(text, (0, len(text)), CUES.search(text), [])
    >>> said("Upon exposure to endotoxin, podocytes lost ATP."), said("Podocytes lost ATP.")
    (True, False)
    >>> said("After challenge with IL-1β, cells treated with the peptide kept more ATP.")
    False
    """
    start, end = span
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if match.end() <= cue.start():
            start = match.end()
        elif match.start() >= cue.end():
            end = match.start()
            break
    return bool(STIMULUS.search(text, start, end)) and not _treated(text, start, end, mentions)
