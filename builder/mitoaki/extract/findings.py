"""Propose findings: a measured entity linked to a direction cue in its sentence.

A cue is a verb, noun, comparative or arrow of change (increased, reduced, higher, more, fewer,
↑, ↓, attenuated, restored...).
It is linked to the nearest measured mention (a process, phenotype, gene, chemical, component or
disease; never an agent such as MSCs, a species or an inducer) that only filler words separate
from it: after the cue for active and nominal forms ("reduced ROS", "↓MDA", "increase in ATP"),
else before it ("ATP levels rose"); members of a coordinated list share the cue; a cue governing a
change noun composes with it ("reversed the decrease in ATP" is increased, "attenuated the
increase in ROS" decreased); a later cue with no entity of its own after "then" speaks of the
previous one's ("ATP first fell and then rose", "ATP fell, which EVs then reversed"); a measure
anaphor ("reduced the percentage", "it was restored", "its level rose") speaks of the nearest
measured entity before it, in its sentence or the one before in the same block. Directions
are stated against the injured, untreated comparator: what is restored, recovered or rescued was
lost, so it is increased; "normalized" alone says normalised. A worsening raises an injury and
lowers a function ("aggravated tubular injury", "worsened renal function"); a modifier naming
the insult may stand between cue and entity ("lowered glycerol-induced ROS"); "the
inactivation of X" lowers X's activation where the lexicon has that term. What induces a
disease is its cause, not a measured change of it ("sepsis induces AKI"); a noun before a verb
of treating acts unless the verb is passive ("EVs then reversed", ``active_transitive``). A
negation just before the cue ("did not reduce", "failed to restore", "no change in") turns the
direction into ``no_change``. Clauses that state no change (a frame, a purpose, a question, an
agent phrase, a compound modifier) give no finding, and a hedge ("may reduce") a less sure one
(``clauses``).

The proposer reads each cue's direction (``cues``), finds what it speaks of (``targets``) and
emits a finding per target here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.clauses import hedged, in_object, not_stated
from mitoaki.extract.cues import (
    CUES,
    NEGATION,
    OPPOSITE,
    UNDOING,
    causes,
    direction_of,
    said_of,
)
from mitoaki.extract.governing import Governor, coordinated, cue_direction
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.groups import whose_change
from mitoaki.extract.rules.quantities import quantities
from mitoaki.extract.rules.results import induced_after_object, model_only
from mitoaki.extract.targets import (
    Linked,
    Sentence,
    measured_in,
    targets_after,
    targets_before,
)

#: How much less sure a finding is when a modal hedges its cue ("may reduce").
HEDGE_PENALTY = 0.2
CITATION = re.compile(r"\[(\d+(?:\s*[,–-]\s*\d+)*)\]")


@dataclass(frozen=True)
class ProposedFinding:
    """A measured entity, a direction, the cue that gave it and how sure the linker is."""

    entity: Mention
    direction: str
    cue: str
    start: int
    end: int
    sentence: str
    refs: tuple[int, ...]
    confidence: float
    negated: bool = False
    #: Whether the injury is the agent of the change ("X induced by cisplatin", "cisplatin
    #: raised X") or the sentence names the injury and no treatment: the model's effect, not
    #: the treatment's (``results.injury_agent``, ``results.model_only``).
    by_injury: bool = False
    #: Whether its sentence is a primary study's background, before the study's own account:
    #: what is known, not what the study found (``rules.background``).
    background: bool = False
    #: The normalised span from cue to entity (for anchors), and of the sentence.
    norm_start: int = 0
    norm_end: int = 0
    norm_sentence: tuple[int, int] = (0, 0)
    kind: str = "finding"

    def to_json(self) -> dict[str, object]:
        """The JSONL object of the proposed finding."""
        return {
            "kind": self.kind,
            "curie": self.entity.curie,
            "label": self.entity.label,
            "text": self.entity.text,
            "direction": self.direction,
            "cue": self.cue,
            "negated": self.negated,
            "by_injury": self.by_injury,
            "background": self.background,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "refs": list(self.refs),
            "confidence": self.confidence,
        }


def cited(sentence: str) -> tuple[int, ...]:
    """Reference numbers a sentence cites: "[12, 14-16]" gives (12, 14, 15, 16).

    >>> cited("as shown [3, 7-9] and [12]")
    (3, 7, 8, 9, 12)
    """
    out: list[int] = []
    for group in CITATION.findall(sentence):
        for part in re.split(r"\s*,\s*", group):
            bounds = [int(x) for x in re.split(r"\s*[–-]\s*", part) if x]
            if len(bounds) == 2 and 0 < bounds[1] - bounds[0] < 50:
                out.extend(range(bounds[0], bounds[1] + 1))
            else:
                out.extend(bounds)
    return tuple(dict.fromkeys(out))


def nearest_citation(citations: list[tuple[int, tuple[int, ...]]], end: int) -> tuple[int, ...]:
    """The citation that follows a finding in its sentence, else the last one before it."""
    after = [refs for at, refs in citations if at >= end]
    return after[0] if after else citations[-1][1]


@dataclass(frozen=True)
class _Read:
    """A cue read: its direction, whether negated or the injury's own, how sure, what it names."""

    cue: re.Match[str]
    direction: str
    negated: bool
    by_injury: bool
    confidence: float
    reach: tuple[int, int] | None


def _cues(s: Sentence) -> list[re.Match[str]]:
    """The cues of a sentence, but those inside a compound or a measured term."""
    return [
        c
        for c in CUES.finditer(s.text, *s.span)
        if s.text[c.start() - 1 : c.start()] not in {"-", "/"}  # "cisplatin-induced", "I/R-induced"
        and not any(m.norm_start <= c.start() < m.norm_end for m in s.measured)  # inside a term
    ]


def _link(
    s: Sentence,
    cue: re.Match[str],
    direction: str,
    last: tuple[int, list[Mention], str] | None,
    base: float,
    activations: Mapping[str, tuple[str, str, str]] | None,
    governor: Governor | None = None,
) -> Linked | None:
    """What a cue speaks of: the mentions after it, else before it; None when it states none.

    A change noun after its object (``governor.after_object``: "prevented X loss") speaks of
    that object, not of what follows it.

    None: the phrase after the cue is the agent of what follows ("the inhibition of X was found
    to ..."), so the cue states no finding.
    """
    after = None if governor and governor.after_object else targets_after(s, cue, activations)
    if after == []:
        return None
    if after is None:
        return targets_before(s, cue, direction, last, base)
    return Linked(after, None, base, direction)


def propose(
    document: NormalisedText,
    mentions: list[Mention],
    span: tuple[int, int],
    *,
    base: float = 0.7,
    activations: Mapping[str, tuple[str, str, str]] | None = None,
    changes: Mapping[str, tuple[str, str, str, str]] | None = None,
    previous: tuple[int, int] | None = None,
    inducers: frozenset[str] = frozenset(),
) -> list[ProposedFinding]:
    """Proposed findings of one sentence (``span`` in the normalised text).

    ``activations`` maps a term to the term of its activation (``Lexicon.activations``): "the
    inactivation of Drp1" is a decrease of DRP1 activation, not of DRP1. ``changes`` maps a
    term named as a change of another to that one and the direction (``Lexicon.changes``): a
    mention of "decreased mitochondrial density" (or "a decrease in ...") states a decrease.
    ``previous`` is the span of the sentence before, when in the same block: an anaphor ("the
    percentage", "it") may speak of an entity measured there (``targets.antecedent``).
    ``inducers`` are terms that induce the injury besides the inducer and model mentions (a
    disease an insult closely matches): a change they bring about is none of the treatment's.
    """
    text = document.text
    s_start, s_end = span
    here = [m for m in mentions if s_start <= m.norm_start and m.norm_end <= s_end]
    injuries = [m for m in here if m.type in {"inducer", "model"} or m.curie in inducers]
    s = measured_in(text, mentions, span, previous, quantities(document, span, here, CUES))
    cites = [(m.start(), cited(m.group(0))) for m in CITATION.finditer(text, s_start, s_end)]
    cues = _cues(s)
    #: Cues another cue governs ("reversed the decrease in X"): the governing cue, or None
    #: when it states no change.
    governed: dict[int, Governor | None] = {}
    last: tuple[int, list[Mention], str] | None = None
    out: list[ProposedFinding] = []
    seen: set[tuple[str, str]] = set()
    for k, cue in enumerate(cues):
        stated = cue_direction(s, cues, k, governed, injuries)
        if stated is None or (last is not None and in_object(text, *last[:2], cue.start())):
            continue  # no change stated, or the head of the object a cue before named
        direction, negated, injury = stated
        linked = _link(s, cue, direction, last, base, activations, governed.get(k))
        if linked is None:
            continue
        direction = UNDOING.get(linked.direction, linked.direction)
        opposite, injured = whose_change(text, span, cue, here, injuries)  # said of which group
        injured = injured or induced_after_object(text, cue.start(), linked.targets, last, here)
        if opposite:  # "higher in the vehicle group than ...", "... than treated mice"
            direction = OPPOSITE.get(direction, direction)
        if linked.targets:
            last = (cue.end(), linked.targets, direction)
        hedge = HEDGE_PENALTY if hedged(text, s_start, cue.start()) else 0.0
        confidence = linked.confidence - (0.1 if negated else 0.0) - hedge
        read = _Read(cue, direction, negated, injury or injured, confidence, linked.reach)
        out += _emit(document, s, read, linked.targets, cites, seen)
        out += _members(document, s, read, (cues, k, linked.targets), governed, cites, seen)
    if changes:
        out += _stated_changes(document, s, changes, cites, base, seen)
    if model_only(text, span, here, injuries, [f.entity for f in out]):  # the model's changes
        out = [replace(f, by_injury=True) for f in out]
    return out


def _members(
    document: NormalisedText,
    s: Sentence,
    read: _Read,
    at: tuple[list[re.Match[str]], int, list[Mention]],
    governed: dict[int, Governor | None],
    cites: list[tuple[int, tuple[int, ...]]],
    seen: set[tuple[str, str]],
) -> list[ProposedFinding]:
    """The findings the governor of cue ``at[1]`` states of the members after its phrase."""
    members = coordinated(s, *at, governed)
    outer = governed.get(at[1])
    if not members or outer is None:
        return []
    direction = UNDOING.get(outer.direction, outer.direction)
    return _emit(
        document, s, replace(read, cue=outer.cue, direction=direction), members, cites, seen
    )


def _emit(
    document: NormalisedText,
    s: Sentence,
    read: _Read,
    targets: list[Mention],
    cites: list[tuple[int, tuple[int, ...]]],
    seen: set[tuple[str, str]],
) -> list[ProposedFinding]:
    """The findings a read cue states of its targets, each (item, direction) once a sentence."""
    out = []
    cue = read.cue
    for rank, target in enumerate(targets):
        adjacent = (
            target.norm_start >= cue.end() and not s.text[cue.end() : target.norm_start].strip()
        )
        if causes(cue.group(0), target, adjacent):
            continue  # "sepsis induces AKI", "reperfusion induced liver injury": a cause
        said = said_of(read.direction, cue.group(0), target)
        if (_item(target), said) in seen:
            continue
        seen.add((_item(target), said))
        lo, hi = min(cue.start(), target.norm_start), max(cue.end(), target.norm_end)
        if read.reach is not None or target.norm_start < s.span[0]:  # said in a sentence before
            lo, hi = read.reach or (cue.start(), cue.end())
        raw_start, raw_end = document.raw_span(lo, hi)
        confidence = (read.confidence - 0.05 * rank) * target.score
        out.append(
            ProposedFinding(
                entity=target,
                direction=said,
                cue=cue.group(0),
                start=raw_start,
                end=raw_end,
                sentence=s.text[s.span[0] : s.span[1]].strip(),
                refs=nearest_citation(cites, hi) if cites else (),
                confidence=round(max(0.1, confidence), 2),
                negated=read.negated,
                norm_start=lo,
                norm_end=hi,
                norm_sentence=s.span,
                by_injury=read.by_injury,
            )
        )
    return out


def _item(mention: Mention) -> str:
    """What a finding is about: the term, or a name-only entity's own name (each its own)."""
    return mention.curie or f"name:{mention.text.lower()}"


def _stated_changes(
    document: NormalisedText,
    s: Sentence,
    changes: Mapping[str, tuple[str, str, str, str]],
    cites: list[tuple[int, tuple[int, ...]]],
    base: float,
    seen: set[tuple[str, str]],
) -> list[ProposedFinding]:
    """Findings stated by the mention of a change term ("a decrease in X" -> X decreased).

    A term named by a verb of change and its object ("accumulated deformed mitochondria")
    states that change of itself.
    """
    text, span = document.text, s.span
    out = []
    for mention in s.measured:
        change = changes.get(mention.curie)
        cue = CUES.match(mention.text) if mention.match == "inverted" else None
        said = direction_of(cue) if cue and cue.end() < len(mention.text) else None
        if change is None and said in {"increased", "decreased"}:
            # a verb of change that names the term with its object: "rats accumulated
            # deformed mitochondria" (accumulation of deformed mitochondria) increased
            change = (mention.curie, mention.label, mention.type, str(said))
        if change is None or not_stated(text, span[0], mention.norm_start, mention.norm_end):
            continue
        curie, label, kind, direction = change
        negated = bool(
            NEGATION.search(text[max(span[0], mention.norm_start - 30) : mention.norm_start])
        )
        if negated:
            direction = "no_change"
        if (curie, direction) in seen:
            continue
        seen.add((curie, direction))
        entity = replace(mention, curie=curie, label=label, type=kind)
        refs = nearest_citation(cites, mention.norm_end) if cites else ()
        out.append(
            ProposedFinding(
                entity=entity,
                direction=direction,
                cue=mention.text,
                start=mention.start,
                end=mention.end,
                sentence=text[span[0] : span[1]].strip(),
                refs=refs,
                confidence=round(max(0.1, base - (0.1 if negated else 0.0)) * mention.score, 2),
                negated=negated,
                norm_start=mention.norm_start,
                norm_end=mention.norm_end,
                norm_sentence=span,
            )
        )
    return out
