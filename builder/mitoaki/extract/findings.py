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
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.clauses import (
    acting_noun,
    active_transitive,
    agent_phrase,
    hedged,
    not_stated,
)
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.quantities import quantities
from mitoaki.extract.rules.results import control_first, injury_agent, passive_subject

MEASURED = frozenset({"process", "phenotype", "gene", "chemical", "component", "disease"})
#: How a mention matched when it is named but not measured: "anti-apoptotic proteins" (the
#: proteins are measured), "a regulator of X" (the regulator is).
NOT_MEASURED = frozenset({"adjective", "inside"})
#: A member of a slash list that names a pathway ("the Wnt4/β-catenin pathway"): what changes is
#: the pathway, the members only name it.
PATHWAY_AFTER = re.compile(
    r"(?:\s*/\s*[\w\-α-ω+]+)*\s+(?:signall?ing\s+)?(?:pathways?|axis|axes|cascades?|signall?ing)\b"
)

_INCREASE = (
    r"increas(?:e|ed|es|ing)|elevat(?:e|ed|es|ing|ion)|up-?regulat(?:e|ed|es|ing|ion)|"
    r"raised?|rose|rise|enhanc(?:e|ed|es|ing|ement)|promot(?:e|ed|es|ing)|augment(?:ed|s|ing)?|"
    r"activat(?:e|ed|es|ing|ion)|stimulat(?:e|ed|es|ing|ion)|boost(?:ed|s|ing)?|"
    r"induc(?:e|ed|es|ing|tion)|higher|greater|accumulat(?:ed|ion)|replenish(?:ed|ment|ing)?|"
    r"improv(?:e|ed|es|ing|ement)|more"
)
_DECREASE = (
    r"decreas(?:e|ed|es|ing)|reduc(?:e|ed|es|ing|tion)|lower(?:ed|s|ing)?|fell|fall|"
    r"declin(?:e|ed|es|ing)|attenuat(?:e|ed|es|ing|ion)|inhibit(?:ed|s|ing|ion)?|"
    r"suppress(?:ed|es|ing|ion)?|down-?regulat(?:e|ed|es|ing|ion)|diminish(?:ed|es|ing)?|"
    r"alleviat(?:e|ed|es|ing|ion)|deactivat(?:e|ed|es|ing|ion)|inactivat(?:e|ed|es|ing|ion)|amelior(?:ate|ated|ates|ating|ation)|mitigat(?:e|ed|es|ing)|"
    r"prevent(?:ed|s|ing)?|block(?:ed|s|ing)?|impair(?:ed|s|ing|ment)|less|limit(?:ed|s|ing)|"
    r"reliev(?:e|ed|es|ing)|loss|lost|abolish(?:ed|es)?|fewer|deficits?|"
    r"deplet(?:e|ed|es|ing|ion)|abrogat(?:e|ed|es|ing|ion)|blunt(?:ed|s|ing)?|"
    r"dampen(?:ed|s|ing)?|lessen(?:ed|s|ing)?|curtail(?:ed|s|ing)?"
)
_NORMALISED = r"normali[sz](?:e|ed|es|ing|ation)"
#: Undoing a change: what is restored was lost, so it is higher than in the injured comparator;
#: so is what is preserved (kept from being lost).
_RESTORED = (
    r"restor(?:e|ed|es|ing|ation)|recover(?:ed|s|y|ing)?|rescu(?:e|ed|es|ing)|"
    r"preserv(?:e|ed|es|ing|ation)"
)
#: Undoing a change whose direction only the governed change noun or an earlier cue tells.
_REVERSED = r"revers(?:e|ed|es|ing|al)"
#: Making something worse: more of an injury, less of a function (``_worsened``).
_WORSENED = (
    r"exacerbat(?:e|ed|es|ing|ion)|aggravat(?:e|ed|es|ing|ion)|worsen(?:ed|s|ing)?|"
    r"deteriorat(?:e|ed|es|ing|ion)"
)
_NO_CHANGE = r"unchanged|unaltered|unaffected"
_CHANGE = r"chang(?:e|ed|es)|alter(?:ed|s)?|affect(?:ed|s)?|differ(?:ed|ence)?"
CUES = re.compile(
    rf"(?P<up>↑)|(?P<down>↓)|\b(?:(?P<increased>{_INCREASE})|(?P<decreased>{_DECREASE})|"
    rf"(?P<normalised>{_NORMALISED})|(?P<restored>{_RESTORED})|(?P<reversed>{_REVERSED})|"
    rf"(?P<worsened>{_WORSENED})|"
    rf"(?P<no_change>{_NO_CHANGE})|(?P<change>{_CHANGE}))\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|failed to|fail to|unable to)\b[\w\s,-]{0,20}$",
    re.IGNORECASE,
)
#: Words that may stand between a cue and the entity after it ("reduced the levels of ROS",
#: "relieved cisplatin-induced tubular damage": a modifier naming the insult).
AFTER_FILLER = re.compile(
    r"^(?:\s|,|the|of|in|a|an|its|their|both|levels?|expression|activation|content|cell|function|"
    r"production|generation|release|renal|cellular|intracellular|serum|plasma|urinary|"
    r"circulating|tissue|blood|"
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
COORDINATION = re.compile(
    r"^(?:\s|,|and|or|as well as|levels?|expression|production|activity|content|cell|cellular|"
    r"tubular|renal|epithelial|nitrogen|concentrations?|serum|plasma|blood|urinary)*$",
    re.IGNORECASE,
)
CONJUNCTION = re.compile(r"\b(?:and|or|as well as)\b", re.IGNORECASE)
#: A verb right after a noun: the noun is its subject, opening a clause of its own.
OWN_VERB = re.compile(r"\s+(?:was|were|is|are|has|have|had)\b", re.IGNORECASE)
#: A location, not a measured entity: "(increased) in the mitochondria".
LOCATIVE = re.compile(r"\b(?:in|into|within|from|inside)(?:\s+the)?\s*$", re.IGNORECASE)
#: How much less sure a finding is when a modal hedges its cue ("may reduce").
HEDGE_PENALTY = 0.2
#: Between a cue and the change noun it governs: an article and at most two modifiers.
GOVERNED = re.compile(
    r"\s+(?:the|a|an|this|that|its|their|these)\s+(?:(?!(?:and|or)\b)[\w\-/]+\s+){0,2}",
    re.IGNORECASE,
)
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
#: percentage", "its level"): the entity is the nearest one said before (``_antecedent``).
MEASURE_NOUNS = (
    "percentage",
    "proportion",
    "number",
    "level",
    "amount",
    "ratio",
    "rate",
    "fraction",
    "frequency",
    "content",
    "concentration",
    "abundance",
    "value",
)
_MEASURE = rf"(?:{'|'.join(MEASURE_NOUNS)})s?"
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
#: Cues that say what causes something: with a disease, its aetiology, not a change measured.
CAUSING = re.compile(r"induc(?:e|ed|es|ing|tion)", re.IGNORECASE)
#: A change noun that turns off what its "of" phrase names: "the inactivation of X".
DEACTIVATION = re.compile(r"(?:de|in)activation", re.IGNORECASE)
OF_ONLY = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
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
    #: raised X"): the model's effect, not the treatment's (``results.injury_agent``).
    by_injury: bool = False
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


def _direction(match: re.Match[str]) -> str | None:
    group = match.lastgroup
    return {"up": "increased", "down": "decreased"}.get(group or "", group)


def _chain(measured: list[Mention], first: int, step: int, text: str) -> list[Mention]:
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


#: What a worsening lowers rather than raises: a function or a healthy state.
BENEFIT = re.compile(r"\b(?:function|viability|survival|integrity|recovery|repair)\b", re.I)


def _worsened(target: Mention) -> str:
    """The direction of a worsened entity: less of a function, more of anything else.

    "Worsened renal function" is decreased, "aggravated tubular injury" increased.

    >>> from mitoaki.extract.mentions import Mention
    >>> def m(label: str) -> Mention:
    ...     return Mention(label, 0, 0, "", "X:1", label, "phenotype")
    >>> _worsened(m("renal function")), _worsened(m("mitochondrial dysfunction phenotype"))
    ('decreased', 'increased')
    """
    return "decreased" if BENEFIT.search(target.label or target.text) else "increased"


#: What an improvement lowers rather than raises: a harm ("improved fat accumulation").
HARM = re.compile(
    r"\b(?:injur(?:y|ies)|damage|dysfunction|death|necrosis|apoptosis|fibrosis|inflammation|"
    r"mortality|loss|lesions?|accumulation|swelling|o?edema|congestion|infiltration|stress|"
    r"deficits?|impairment|toxicity|failure)\b",
    re.IGNORECASE,
)
IMPROVED = re.compile(r"improv\w*", re.IGNORECASE)
#: Cues of making a harm less bad: said of a function, they make more of it.
EASED = re.compile(r"(?:amelior|alleviat|mitigat|reliev)\w*", re.IGNORECASE)


def _improved(target: Mention) -> str:
    """The direction of an improved entity: less of a harm, more of anything else.

    >>> from mitoaki.extract.mentions import Mention
    >>> def m(label: str) -> Mention:
    ...     return Mention(label, 0, 0, "", "", label, "phenotype")
    >>> _improved(m("fat accumulation")), _improved(m("renal function"))
    ('decreased', 'increased')
    """
    return "decreased" if HARM.search(target.label or target.text) else "increased"


#: "X using / with / by (means of)": an intervention brings the change of X about.
BY_MEANS = re.compile(r"\s+(?:using|with|by(?: means of)?|through)\s+(?:(?:the|a|an)\s+)?")
#: The types of what is given in a study.
GIVEN = frozenset({"chemical", "intervention", "msc", "msc_product"})


def _brought_about(text: str, end: int, mentions: list[Mention]) -> bool:
    """Whether an intervention right after a changed phrase brings the change about.

    "The activation of X using rapamycin might protect ...": X is the agent of the verb, but
    the change of X is stated too (rapamycin activated X), so it is a finding.
    """
    means = BY_MEANS.match(text, end)
    return means is not None and any(
        m.norm_start == means.end() and m.type in GIVEN for m in mentions
    )


def _activation(target: Mention, activations: Mapping[str, tuple[str, str, str]]) -> Mention:
    """The activation term of what "the inactivation of X" names, when the lexicon has one."""
    process = activations.get(target.curie)
    if process is None:
        return target
    curie, label, kind = process
    return replace(target, curie=curie, label=label, type=kind, match="inverted")


def _governs(text: str, outer: re.Match[str], inner: re.Match[str]) -> bool:
    """Whether a cue governs the change noun after it ("reversed the decrease in X").

    A noun the filler words allow ("reduced the expression of X") is the measured phrase's
    head, not a change of its own.
    """
    between = text[outer.end() : inner.start()]
    return bool(GOVERNED.fullmatch(between)) and not AFTER_FILLER.match(inner.group(0))


#: The direction that undoes a change.
OPPOSITE = {"increased": "decreased", "decreased": "increased"}
#: Cues that undo a change, and what they give when nothing says which change they undo.
UNDOING = {"restored": "increased", "reversed": "normalised"}


def _compose(outer: str, inner: str) -> str:
    """The direction of a governed change: "attenuated the increase" is a decrease.

    Undoing a change ("restored the loss of X", "reversed the increase in Y") gives the
    opposite direction: findings are stated against the injured, untreated comparator.

    >>> _compose("decreased", "increased"), _compose("normalised", "decreased")
    ('decreased', 'normalised')
    >>> _compose("decreased", "decreased"), _compose("increased", "decreased")
    ('increased', 'decreased')
    >>> _compose("reversed", "decreased"), _compose("restored", "increased")
    ('increased', 'decreased')
    """
    if outer in {"no_change", "normalised"}:
        return outer
    if outer == "decreased" or outer in UNDOING:
        return OPPOSITE.get(inner, UNDOING.get(outer, inner))
    return inner


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


def _anaphor(text: str, s_start: int, cue: re.Match[str]) -> tuple[int, int] | None:
    """The span of the cue and a measure anaphor after or before it ("reduced the percentage").

    >>> text = "EVs reduced the percentage. The level of ATP rose."
    >>> _anaphor(text, 0, CUES.search(text))
    (4, 26)
    >>> _anaphor(text, 28, CUES.search(text, 28)) is None
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


def _antecedent(
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
            and m.type in MEASURED
            and m.match not in NOT_MEASURED
            and not pathway_member(text, m)
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
    percentage", "it") may speak of an entity measured there (``_antecedent``). ``inducers``
    are terms that induce the injury besides the inducer and model mentions (a disease an
    insult closely matches): a change they bring about is none of the treatment's.
    """
    text = document.text
    s_start, s_end = span
    sentence = text[s_start:s_end].strip()
    citations = [(m.start(), cited(m.group(0))) for m in CITATION.finditer(text, s_start, s_end)]
    measured = [
        m
        for m in mentions
        if s_start <= m.norm_start
        and m.norm_end <= s_end
        and m.type in MEASURED
        and m.match not in NOT_MEASURED
        and not pathway_member(text, m)
    ]
    here = [m for m in mentions if s_start <= m.norm_start and m.norm_end <= s_end]
    injuries = [m for m in here if m.type in {"inducer", "model"} or m.curie in inducers]
    phrases = quantities(document, span, here, CUES)
    if phrases:  # "neutrophil infiltration": the phrase is measured, not its modifier
        measured = sorted(
            [m for m in measured if not any(_within(m, p) for p in phrases)] + phrases,
            key=lambda m: (m.norm_start, m.norm_end),
        )
    out: list[ProposedFinding] = []
    seen: set[tuple[str, str]] = set()
    cues = [
        c
        for c in CUES.finditer(text, s_start, s_end)
        if text[c.start() - 1 : c.start()] not in {"-", "/"}  # "cisplatin-induced", "I/R-induced"
        and not any(m.norm_start <= c.start() < m.norm_end for m in measured)  # inside a term
    ]
    #: Cues another cue governs ("reversed the decrease in X"): the governing direction, or
    #: None when the governing cue states no change.
    governed: dict[int, str | None] = {}
    last: tuple[int, list[Mention], str] | None = None
    for k, cue in enumerate(cues):
        direction = _direction(cue)
        negated = bool(NEGATION.search(text[max(s_start, cue.start() - 30) : cue.start()]))
        governs = k + 1 < len(cues) and _governs(text, cue, cues[k + 1])
        if direction == "change" and not negated:
            continue
        if CUES.fullmatch(text[max(s_start, cue.start() - 12) : cue.start()].split(" ")[-1]):
            continue  # the head of a measured phrase another cue governs ("↓Activation of X")
        # the injury's own change: a finding of the model, not of the treatment
        injury = injury_agent(text, cue.start(), cue.end(), injuries)
        if not_stated(text, s_start, cue.start(), cue.end()) or (injury and governs):
            if governs:
                governed[k + 1] = None
            continue  # a frame, purpose, question or compound (``clauses``)
        if negated:
            direction = "no_change"
        if governs:
            governed[k + 1] = direction
            continue
        if k in governed:
            outer = governed[k]
            if outer is None:
                continue
            direction = _compose(outer, UNDOING.get(str(direction), str(direction)))
        targets: list[Mention] = []
        reach: tuple[int, int] | None = None  # the cue and anaphor, when an anaphor names it
        confidence = base
        after = next(
            (
                i
                for i, m in enumerate(measured)
                if m.norm_start >= cue.end()
                and AFTER_FILLER.match(text[cue.end() : m.norm_start])
                and len(text[cue.end() : m.norm_start].split()) <= 4
            ),
            None,
        )
        if after is not None:
            targets = _chain(measured, after, 1, text)
            if (
                activations
                and DEACTIVATION.fullmatch(cue.group(0))
                and OF_ONLY.fullmatch(text[cue.end() : targets[0].norm_start])
            ):
                targets = [_activation(t, activations) for t in targets]
            if agent_phrase(text, cue.start(), cue.end(), targets[-1].norm_end) and not (
                _brought_about(text, targets[-1].norm_end, mentions)
            ):
                continue  # "the inhibition of X was found to ...": X is the agent
        else:
            before = next(
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
                    and not LOCATIVE.search(text[s_start : measured[i].norm_start])
                ),
                None,
            )
            subject = (
                [] if before is not None else passive_subject(text, s_start, cue.start(), measured)
            )
            if before is not None:
                targets = _chain(measured, before, -1, text)
                confidence -= 0.1
            elif last is not None and THEN.search(text[last[0] : cue.start()]):
                targets = last[1]  # "X first fell and then rose": the same X
                confidence -= 0.1
                if direction in UNDOING:  # "X fell, which EVs then reversed": X rose
                    direction = _compose(str(direction), last[2])
            elif subject:  # "the levels of A, B and C in the kidney were reduced"
                targets = subject
                confidence -= 0.15
            elif anaphor := _anaphor(text, s_start, cue):
                antecedent = _antecedent(text, measured, mentions, anaphor[0], span, previous)
                if antecedent is not None:  # "ATP fell. EVs restored the level": ATP
                    targets, reach = [antecedent], anaphor
                    confidence -= ANAPHOR_PENALTY
        direction = UNDOING.get(str(direction), str(direction))
        if control_first(text, cue.end(), s_end):  # "higher in the vehicle group than ..."
            direction = OPPOSITE.get(direction, direction)
        if targets:
            last = (cue.end(), targets, direction)
        if negated:
            confidence -= 0.1
        if hedged(text, s_start, cue.start()):
            confidence -= HEDGE_PENALTY
        for rank, target in enumerate(targets):
            if target.type == "disease" and CAUSING.fullmatch(cue.group(0)):
                continue  # "sepsis induces AKI": a cause of the disease, not a measured change
            said = _worsened(target) if direction == "worsened" else str(direction)
            if said == "increased" and IMPROVED.fullmatch(cue.group(0)):
                said = _improved(target)
            elif (
                said == "decreased"
                and EASED.fullmatch(cue.group(0))
                and BENEFIT.search(target.label or target.text)
            ):
                said = "increased"  # "ameliorated renal function": made better, so more of it
            if (_item(target), said) in seen:
                continue
            seen.add((_item(target), said))
            lo, hi = min(cue.start(), target.norm_start), max(cue.end(), target.norm_end)
            if reach is not None or target.norm_start < s_start:  # said in a sentence before
                lo, hi = reach or (cue.start(), cue.end())
            refs = nearest_citation(citations, hi) if citations else ()
            raw_start, raw_end = document.raw_span(lo, hi)
            out.append(
                ProposedFinding(
                    entity=target,
                    direction=said,
                    cue=cue.group(0),
                    start=raw_start,
                    end=raw_end,
                    sentence=sentence,
                    refs=refs,
                    confidence=round(max(0.1, (confidence - 0.05 * rank) * target.score), 2),
                    negated=negated,
                    norm_start=lo,
                    norm_end=hi,
                    norm_sentence=span,
                    by_injury=injury,
                )
            )
    if changes:
        out += _stated_changes(document, measured, changes, span, sentence, citations, base, seen)
    return out


def _item(mention: Mention) -> str:
    """What a finding is about: the term, or a name-only entity's own name (each its own)."""
    return mention.curie or f"name:{mention.text.lower()}"


def _within(inner: Mention, outer: Mention) -> bool:
    """Whether a mention lies inside another's span."""
    return outer.norm_start <= inner.norm_start and inner.norm_end <= outer.norm_end


def _stated_changes(
    document: NormalisedText,
    measured: list[Mention],
    changes: Mapping[str, tuple[str, str, str, str]],
    span: tuple[int, int],
    sentence: str,
    citations: list[tuple[int, tuple[int, ...]]],
    base: float,
    seen: set[tuple[str, str]],
) -> list[ProposedFinding]:
    """Findings stated by the mention of a change term ("a decrease in X" -> X decreased).

    A term named by a verb of change and its object ("accumulated deformed mitochondria")
    states that change of itself.
    """
    text = document.text
    out = []
    for mention in measured:
        change = changes.get(mention.curie)
        cue = CUES.match(mention.text) if mention.match == "inverted" else None
        said = _direction(cue) if cue and cue.end() < len(mention.text) else None
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
        refs = nearest_citation(citations, mention.norm_end) if citations else ()
        out.append(
            ProposedFinding(
                entity=entity,
                direction=direction,
                cue=mention.text,
                start=mention.start,
                end=mention.end,
                sentence=sentence,
                refs=refs,
                confidence=round(max(0.1, base - (0.1 if negated else 0.0)) * mention.score, 2),
                negated=negated,
                norm_start=mention.norm_start,
                norm_end=mention.norm_end,
                norm_sentence=span,
            )
        )
    return out
