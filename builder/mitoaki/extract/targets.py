"""Target: the measured mentions a cue speaks of.

A cue is linked to the nearest measured mention (a process, phenotype, gene, chemical, component
or disease; never an agent such as MSCs, a species or an inducer) that only filler words separate
from it: after the cue for active and nominal forms ("reduced ROS", "↓MDA", "increase in ATP"),
else before it ("ATP levels rose"); members of a coordinated list share the cue; a later cue
with no entity of its own after "then" speaks of the previous one's ("ATP first fell and then
rose"); a passive subject however long ("the levels of A, B and C were reduced"); a measure
anaphor ("reduced the percentage", "it was restored", "its level rose") speaks of the nearest
measured entity before it, in its sentence or the one before in the same block. A modifier naming
the insult may stand between cue and entity ("lowered glycerol-induced ROS"); "the inactivation
of X" lowers X's activation where the lexicon has that term.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from mitoaki.extract.clauses import acting_noun, active_transitive, agent_phrase
from mitoaki.extract.cues import DEACTIVATION, UNDOING, compose
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.results import GIVEN, passive_subject

MEASURED = frozenset({"process", "phenotype", "gene", "chemical", "component", "disease"})
#: How a mention matched when it is named but not measured: "anti-apoptotic proteins" (the
#: proteins are measured), "a regulator of X" (the regulator is).
NOT_MEASURED = frozenset({"adjective", "inside"})
#: A mention that opens a compound adjective ("PGC1α-dependent repair", "ROS-mediated death")
#: modifies what follows it: that is what a cue changed.
COMPOUND_AFTER = re.compile(
    r"-(?:in)?dependent|-mediated|-driven|-induced|-related|-associated|-specific|-deficient"
)
#: A member of a slash list that names a pathway ("the Wnt4/β-catenin pathway"): what changes is
#: the pathway, the members only name it.
PATHWAY_AFTER = re.compile(
    r"(?:\s*/\s*[\w\-α-ω+]+)*\s+(?:signall?ing\s+)?(?:pathways?|axis|axes|cascades?|signall?ing)\b"
)

#: Words that may stand between a cue and the entity after it ("reduced the levels of ROS",
#: "relieved cisplatin-induced tubular damage": a modifier naming the insult; "raised total
#: glutathione", "lowered tubular necrosis": a word of where or how much is measured).
AFTER_FILLER = re.compile(
    r"^(?:\s|,|the|of|in|a|an|its|their|both|levels?|expression|activation|content|cell|function|"
    r"production|generation|release|renal|cellular|intracellular|serum|plasma|urinary|"
    r"tubular|glomerular|interstitial|cortical|medullary|epithelial|endothelial|acute|chronic|"
    r"severe|isch(?:a)?emic|septic|"
    r"circulating|tissue|blood|local|systemic|total|overall|"
    r"[\w/]+-(?:induced|inhibited|initiated|mediated|related|associated|exposed))*$",
    re.IGNORECASE,
)
#: Words that may stand between an entity and the cue after it ("ATP levels were markedly reduced").
BEFORE_FILLER = re.compile(
    r"^(?:\s|,|levels?|expression|content|production|generation|activity|activation|release|"
    r"nitrogen|concentrations?|was|were|is|are|be|been|being|has|have|had|significantly|"
    r"markedly|greatly|strongly|further|also|then|both|slightly|dramatically|substantially|consequently|clearly|first|"
    r"initially)*$",
    re.IGNORECASE,
)
#: Words that may stand between the members of a list of measured things: a conjunction, the
#: head a member shares, a sample word, and the one-word place a member is measured in ("A in
#: kidney and B", "A in the serum and B").
COORDINATION = re.compile(
    r"^(?:\s|,|and|or|as well as|levels?|expression|production|activity|content|cell|cellular|"
    r"tubular|renal|epithelial|nitrogen|concentrations?|serum|plasma|blood|urinary|"
    r"in\s+(?:the\s+)?[a-z]+\b)*$",
    re.IGNORECASE,
)
CONJUNCTION = re.compile(r"\b(?:and|or|as well as)\b", re.IGNORECASE)
#: A verb right after a noun: the noun is its subject, opening a clause of its own.
OWN_VERB = re.compile(r"\s+(?:was|were|is|are|has|have|had)\b", re.IGNORECASE)
#: A location, not a measured entity: "(increased) in the mitochondria".
LOCATIVE = re.compile(r"\b(?:in|into|within|from|inside)(?:\s+the)?\s*$", re.IGNORECASE)
#: A noun phrase right after a cue: its object, so what stands before it is its agent ("MitoQ
#: improved complex II respiration"), not what changed ("ATP levels improved in the group").
HAS_OBJECT = re.compile(
    r"\s+(?!(?:by|in|at|after|following|during|with|from|to|than|compared|and|or|but|while|"
    r"whereas|when|which|that|as|on|over|for|within|between|among|upon|until|only|also|"
    r"further|again|both|not|no|then|thereafter|three|two|four|five|ten|twofold|threefold|"
    r"was|were|is|are|be|been|has|have|had|did|does|may|might|could|can|will|would|should|"
    r"too|back|instead|there|here|first|later|early|late|again|\w+ly)\b)[A-Za-z]",
    re.IGNORECASE,
)
#: What tells that a later cue speaks of the same entity: "X first fell and then rose".
THEN = re.compile(r"\b(?:then|later|subsequently|followed by|thereafter)\b", re.IGNORECASE)
#: Nouns of a measure that a definite phrase uses to speak again of a measured entity ("the
#: percentage", "its level"): the entity is the nearest one said before (``antecedent``).
_MEASURE = (
    r"(?:percentage|proportion|number|level|amount|ratio|rate|fraction|frequency|content|"
    r"concentration|abundance|value)s?"
)
#: The anaphor as the cue's object ("reduced the percentage"), not followed by what it measures
#: ("the percentage of X" names X itself).
ANAPHOR_AFTER = re.compile(
    rf"\s+(?:the|this|these|that|its|their)\s+{_MEASURE}\b(?!\s+of\b)", re.IGNORECASE
)
#: The anaphor as the subject of a passive or intransitive cue ("the level then rose"); "it"
#: only of a passive ("it was restored"): "it reduced X" has "it" as the agent.
_LEAD = r"(?:^|[,;]\s*|\b(?:and|but|which|that)\s+)"
_ADVERBS = r"(?:(?:then|also|further|\w+ly)\s+)*"
ANAPHOR_BEFORE = re.compile(
    rf"{_LEAD}(?:(?:the|this|these|its|their)\s+{_MEASURE}\s+"
    rf"(?:(?:was|were|is|are|has|have|had|been|be)\s+|{_ADVERBS})*"
    rf"|it\s+{_ADVERBS}(?:was|is|has been|had been)\s+{_ADVERBS})$",
    re.IGNORECASE,
)
#: How much less sure a finding is whose entity an anaphor names.
ANAPHOR_PENALTY = 0.15
OF_ONLY = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def chain(measured: list[Mention], first: int, step: int, text: str) -> list[Mention]:
    """The mention at ``first`` and the coordinated ones after (step 1) or before (step -1).

    A list needs a conjunction: commas alone ("During AKI, DRP1 rose") join clauses, not items.
    """
    out = [measured[first]]
    joined = False
    index = first + step
    while 0 <= index < len(measured):
        left, right = (out[-1], measured[index]) if step > 0 else (measured[index], out[-1])
        between = text[left.norm_end : right.norm_start]
        if not COORDINATION.match(between):
            break
        if step > 0 and OWN_VERB.match(text, right.norm_end):
            break  # "... reduced X, and Y was raised": Y opens a clause of its own
        joined = joined or bool(CONJUNCTION.search(between))
        out.append(measured[index])
        index += step
    return out if joined else out[:1]


#: "X using / with / by (means of)": an intervention brings the change of X about.
BY_MEANS = re.compile(r"\s+(?:using|with|by(?: means of)?|through)\s+(?:(?:the|a|an)\s+)?")


def brought_about(text: str, end: int, mentions: list[Mention]) -> bool:
    """Whether an intervention right after a changed phrase brings the change about.

    "The activation of X using rapamycin might protect ...": X is the agent of the verb, but
    the change of X is stated too (rapamycin activated X), so it is a finding.
    """
    means = BY_MEANS.match(text, end)
    return means is not None and any(
        m.norm_start == means.end() and m.type in GIVEN for m in mentions
    )


def activation(target: Mention, activations: Mapping[str, tuple[str, str, str]]) -> Mention:
    """The activation term of what "the inactivation of X" names, when the lexicon has one."""
    process = activations.get(target.curie)
    if process is None:
        return target
    curie, label, kind = process
    return replace(target, curie=curie, label=label, type=kind, match="inverted")


def _measurable(text: str, mention: Mention) -> bool:
    """Whether a mention may be what a cue changed: measured, named as such, no modifier.

    Neither a pathway's member nor the word opening a compound adjective (``COMPOUND_AFTER``).
    """
    return (
        mention.type in MEASURED
        and mention.match not in NOT_MEASURED
        and not pathway_member(text, mention)
        and not COMPOUND_AFTER.match(text, mention.norm_end)
    )


def pathway_member(text: str, mention: Mention) -> bool:
    """Whether a mention is a member of a slash list naming a pathway ("Wnt4/β-catenin pathway").

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "they raised the Wnt4/β-catenin pathway and then Wnt4 alone"
    >>> def at(word, nth=0):
    ...     start = [i for i in range(len(text)) if text.startswith(word, i)][nth]
    ...     return Mention(word, 0, 0, "", "X:1", "", "gene", norm_start=start,
    ...                    norm_end=start + len(word))
    >>> pathway_member(text, at("Wnt4")), pathway_member(text, at("β-catenin"))
    (True, True)
    >>> pathway_member(text, at("Wnt4", 1))
    False
    """
    after = PATHWAY_AFTER.match(text, mention.norm_end)
    slashed = text[mention.norm_end : mention.norm_end + 1] == "/" or text[
        : mention.norm_start
    ].rstrip().endswith("/")
    return bool(after) and slashed


def anaphor(text: str, s_start: int, cue: re.Match[str]) -> tuple[int, int] | None:
    """The span of the cue and a measure anaphor after or before it ("reduced the percentage").

    >>> from mitoaki.extract.cues import CUES
    >>> text = "EVs reduced the percentage. The level of ATP rose."
    >>> anaphor(text, 0, CUES.search(text))
    (4, 26)
    >>> anaphor(text, 28, CUES.search(text, 28)) is None
    True
    """
    after = ANAPHOR_AFTER.match(text, cue.end())
    if after is not None:
        return cue.start(), after.end()
    before = ANAPHOR_BEFORE.search(text[s_start : cue.start()])
    if before is not None:
        subject = before.group(0)
        return s_start + before.start() + len(subject) - len(subject.lstrip(",; ")), cue.end()
    return None


def antecedent(
    text: str,
    measured: list[Mention],
    mentions: list[Mention],
    at: int,
    span: tuple[int, int],
    previous: tuple[int, int] | None,
) -> Mention | None:
    """The entity an anaphor at ``at`` speaks of: the nearest measured one before it.

    In its own sentence first, else the last of the sentence before (``previous``, same block);
    never one named as a place ("in the mitochondria"), a process adjective or a pathway member.
    """

    def candidates(lo: int, hi: int) -> list[Mention]:
        return [
            m
            for m in mentions
            if lo <= m.norm_start
            and m.norm_end <= hi
            and _measurable(text, m)
            and not LOCATIVE.search(text[lo : m.norm_start])
        ]

    here = [
        m
        for m in measured
        if m.norm_end <= at and not LOCATIVE.search(text[span[0] : m.norm_start])
    ]
    if here:
        return here[-1]
    before = candidates(*previous) if previous is not None else []
    return before[-1] if before else None


@dataclass(frozen=True)
class Sentence:
    """One sentence as the linker reads it: the normalised text, its span and its mentions."""

    text: str
    span: tuple[int, int]
    #: Every mention of the document, and the measured ones of the sentence a cue may speak of.
    mentions: list[Mention]
    measured: list[Mention]
    #: The span of the sentence before, when in the same block (for an anaphor's antecedent).
    previous: tuple[int, int] | None = None


@dataclass(frozen=True)
class Linked:
    """What a cue with nothing after it speaks of, how sure that is, and the direction then."""

    targets: list[Mention]
    #: The span of the cue and its anaphor, when an anaphor names the target.
    reach: tuple[int, int] | None
    confidence: float
    direction: str


def targets_after(
    s: Sentence, cue: re.Match[str], activations: Mapping[str, tuple[str, str, str]] | None
) -> list[Mention] | None:
    """The measured mentions right after a cue ("reduced ROS and MDA"), None when there is none.

    An empty list: the phrase is the agent of what follows ("the inhibition of X was found to
    ..."), so the cue states no finding.
    """
    text, measured = s.text, s.measured
    after = next(
        (
            i
            for i, m in enumerate(measured)
            if m.norm_start >= cue.end()
            and AFTER_FILLER.match(_unless_from(cue, text[cue.end() : m.norm_start]))
            and len(text[cue.end() : m.norm_start].split()) <= 4
        ),
        None,
    )
    if after is None:
        return None
    targets = chain(measured, after, 1, text)
    if (
        activations
        and DEACTIVATION.fullmatch(cue.group(0))
        and OF_ONLY.fullmatch(text[cue.end() : targets[0].norm_start])
    ):
        targets = [activation(t, activations) for t in targets]
    if agent_phrase(text, cue.start(), cue.end(), targets[-1].norm_end) and not (
        brought_about(text, targets[-1].norm_end, s.mentions)
    ):
        return []
    return targets


#: What a cue of recovering, rescuing or restoring is from: "recovery from AKI" speaks of AKI.
FROM = re.compile(r"\s+from\b", re.IGNORECASE)


def _unless_from(cue: re.Match[str], between: str) -> str:
    """The words between a cue and a mention after it, a cue of recovering's "from" left out."""
    after = FROM.match(between) if cue.lastgroup == "restored" else None
    return between[after.end() :] if after else between


def _before(s: Sentence, cue: re.Match[str]) -> int | None:
    """The index of the measured mention that only filler words separate from the cue after it."""
    text, measured = s.text, s.measured
    return next(
        (
            i
            for i in range(len(measured) - 1, -1, -1)
            if not OF_ONLY.match(text, cue.end())  # "the loss of X" speaks of X only
            and not HAS_OBJECT.match(text, cue.end())  # "X improved Y": X acts
            and measured[i].norm_end <= cue.start()
            and BEFORE_FILLER.match(text[measured[i].norm_end : cue.start()])
            and not acting_noun(cue.group(0), text[measured[i].norm_end : cue.start()])
            and not active_transitive(
                cue.group(0),
                text[measured[i].norm_end : cue.start()],
                text[cue.end() : cue.end() + 6],
            )
            and not LOCATIVE.search(text[s.span[0] : measured[i].norm_start])
        ),
        None,
    )


def targets_before(
    s: Sentence,
    cue: re.Match[str],
    direction: str,
    last: tuple[int, list[Mention], str] | None,
    confidence: float,
) -> Linked:
    """What a cue with nothing measured after it speaks of, with the confidence left.

    In order: a coordinated list right before it ("ATP and NAD levels fell"); the previous
    cue's entities after "then" (``last``: its end, targets and direction); a passive subject
    ("the levels of A, B and C in the kidney were reduced"); a measure anaphor's antecedent.
    """
    text, s_start = s.text, s.span[0]
    before = _before(s, cue)
    if before is not None:
        return Linked(chain(s.measured, before, -1, text), None, confidence - 0.1, direction)
    if last is not None and THEN.search(text[last[0] : cue.start()]):
        if direction in UNDOING:  # "X fell, which EVs then reversed": X rose
            direction = compose(direction, last[2])
        return Linked(last[1], None, confidence - 0.1, direction)  # "X fell and then rose"
    subject = passive_subject(text, s_start, cue.start(), s.measured)
    if subject:
        return Linked(subject, None, confidence - 0.15, direction)
    reach = anaphor(text, s_start, cue)
    if reach is not None:
        found = antecedent(text, s.measured, s.mentions, reach[0], s.span, s.previous)
        if found is not None:  # "ATP fell. EVs restored the level": ATP
            return Linked([found], reach, confidence - ANAPHOR_PENALTY, direction)
    return Linked([], None, confidence, direction)


def measured_in(
    text: str,
    mentions: list[Mention],
    span: tuple[int, int],
    previous: tuple[int, int] | None,
    phrases: list[Mention],
) -> Sentence:
    """The sentence at ``span`` with the measured mentions a cue may speak of.

    A quantity's phrase replaces the mentions inside it ("neutrophil infiltration": the phrase
    is measured, not its modifier).
    """
    s_start, s_end = span
    here = [m for m in mentions if s_start <= m.norm_start and m.norm_end <= s_end]
    measured = [m for m in here if _measurable(text, m)]
    if phrases:
        measured = sorted(
            [m for m in measured if not any(_within(m, p) for p in phrases)] + phrases,
            key=lambda m: (m.norm_start, m.norm_end),
        )
    return Sentence(text, span, mentions, measured, previous)


def _within(inner: Mention, outer: Mention) -> bool:
    """Whether a mention lies inside another's span."""
    return outer.norm_start <= inner.norm_start and inner.norm_end <= outer.norm_end
