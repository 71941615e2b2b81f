"""The direction a cue states where one cue governs another, and the objects after the two.

"Reversed the decrease in X" and "prevented X loss": the outer cue acts on the change noun, so
its finding composes both (``cues.compose``). The members coordinated after that phrase are
objects of the outer cue too: "ameliorated GFR decline and tubular necrosis" lowers necrosis
with the outer cue's own direction, and "prevented the fall in urine output and the rise in
urea" governs the second change noun as it did the first (urea decreased). A member with a
verb of its own ("prevented GFR loss and ROS rose") opens a clause of its own.

``cue_direction`` reads each cue of a sentence in turn and records which cue governs which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mitoaki.extract.clauses import change_after_object, not_stated
from mitoaki.extract.cues import CUES, NEGATION, UNDOING, compose, direction_of
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.results import injury_agent
from mitoaki.extract.targets import AFTER_FILLER, BEFORE_FILLER, OWN_VERB, Sentence, chain

#: Between a cue and the change noun it governs: an article and at most two modifiers.
GOVERNED = re.compile(
    r"\s+(?:the|a|an|this|that|its|their|these)\s+(?:(?!(?:and|or)\b)[\w\-/]+\s+){0,2}",
    re.IGNORECASE,
)
#: What goes on a list after a governed phrase: a comma, a conjunction or both (the space
#: after them is left to the next member's pattern).
LIST_ON = re.compile(r"\s*,(?:\s+(?:and|or)(?=\s))?|\s+(?:and|or|as well as)(?=\s)", re.I)


@dataclass(frozen=True)
class Governor:
    """The cue that governs a change noun, its direction, and whether the noun follows its object.

    After its object ("prevented GFR loss"), the change noun speaks of that object, not of
    what comes after it.
    """

    cue: re.Match[str]
    direction: str
    after_object: bool


def governs(s: Sentence, end: int, inner: re.Match[str]) -> str | None:
    """How a cue (or list gap) ending at ``end`` governs the change noun ``inner``, else None.

    "object": the noun follows the cue's object ("prevented X loss"); "noun": it follows the
    cue ("reversed the decrease in X"). A noun the filler words allow ("reduced the expression
    of X") is the measured phrase's head, not a change of its own.
    """
    if change_after_object(s.text, end, inner, s.measured):
        return "object"
    between = s.text[end : inner.start()]
    if GOVERNED.fullmatch(between) and not AFTER_FILLER.match(inner.group(0)):
        return "noun"
    return None


def coordinated(
    s: Sentence,
    cues: list[re.Match[str]],
    k: int,
    targets: list[Mention],
    governed: dict[int, Governor | None],
) -> list[Mention]:
    """The members coordinated after the phrase of governed cue ``k``, objects of its governor.

    A change noun after the list gap is governed as cue ``k`` was (recorded in ``governed``,
    no members returned); else the measured mentions that follow the gap are returned. A comma
    alone needs a list with a conjunction after it ("X loss, A and B").
    """
    outer = governed.get(k)
    if outer is None:
        return []
    text, cue = s.text, cues[k]
    end = max([cue.end(), *(t.norm_end for t in targets if t.norm_start >= cue.end())])
    gap = LIST_ON.match(text, end)
    if gap is None:
        return []
    if k + 1 < len(cues) and (how := governs(s, gap.end(), cues[k + 1])):
        governed[k + 1] = Governor(outer.cue, outer.direction, how == "object")
        return []
    first = next(
        (
            i
            for i, m in enumerate(s.measured)
            if m.norm_start > gap.end()
            and AFTER_FILLER.match(text[gap.end() : m.norm_start])
            and len(text[gap.end() : m.norm_start].split()) <= 3
        ),
        None,
    )
    if first is None:
        return []
    members = chain(s.measured, first, 1, text)
    if gap.group(0).strip() == "," and len(members) < 2:
        return []
    last = members[-1].norm_end
    if OWN_VERB.match(text, last) or any(
        c.start() >= last and BEFORE_FILLER.match(text[last : c.start()]) for c in cues[k + 1 :]
    ):
        return []  # "... and ROS rose": a clause of its own
    return members


def cue_direction(
    s: Sentence,
    cues: list[re.Match[str]],
    k: int,
    governed: dict[int, Governor | None],
    injuries: list[Mention],
) -> tuple[str, bool, bool] | None:
    """The direction cue ``k`` states, whether negated, whether the injury's; None for none.

    A cue that governs the next one ("reversed the decrease in X") gives no finding itself but
    records, in ``governed``, the direction it composes with (None when it states no change).
    """
    cue, text, s_start = cues[k], s.text, s.span[0]
    direction = direction_of(cue)
    negated = bool(NEGATION.search(text[max(s_start, cue.start() - 30) : cue.start()]))
    how = governs(s, cue.end(), cues[k + 1]) if k + 1 < len(cues) else None
    if direction == "change" and not negated:
        return None
    if CUES.fullmatch(text[max(s_start, cue.start() - 12) : cue.start()].split(" ")[-1]):
        return None  # the head of a measured phrase another cue governs ("↓Activation of X")
    # the injury's own change: a finding of the model, not of the treatment
    injury = injury_agent(text, cue.start(), cue.end(), injuries)
    if not_stated(text, s_start, cue.start(), cue.end()) or (injury and how):
        if how:
            governed[k + 1] = None
        return None  # a frame, purpose, question or compound (``clauses``)
    if negated:
        direction = "no_change"
    if how:
        governed[k + 1] = Governor(cue, str(direction), how == "object")
        return None
    if k in governed:
        outer = governed[k]
        if outer is None:
            return None
        direction = compose(outer.direction, UNDOING.get(str(direction), str(direction)))
    return str(direction), negated, injury
