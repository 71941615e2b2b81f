"""Measured quantities a text names by a phrase rather than a term ("urine output").

"renal tubular damage", "cell viability", "neutrophil infiltration", "mtDNA copy number" are
quantities too.
A quantity is a noun phrase whose last word is a noun of measure, harm or function
(``HEADS``), with up to three modifiers before it: words of letters (a slash or hyphen inside),
never a function word, a verb of being, an adverb or a word of change; a cell or structure
named by more words counts as one ("kidney collecting duct epithelial cell swelling"). Such a
phrase is a measured entity of its own where no term of the lexicon spans it; a mention of a
cell, tissue or component inside it (the "neutrophil" of "neutrophil infiltration") is its
modifier, not what was measured. The phrase has no CURIE (``curie=""``): it is named, not
grounded, and stays out of draft records. A head that is a change word after a term or a
quantity ("ATP loss", "glomerular filtration rate loss") names the change of that term, not a
quantity of its own (``findings`` reads it as the term's change).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.groups import GROUP


def _words(text: str) -> frozenset[str]:
    """The words of a list written as a paragraph."""
    return frozenset(text.split())


#: Nouns that end the name of a measured quantity (a phrase of harm, function or amount).
HEADS = _words(
    """function dysfunction injury injuries damage infiltration density loss accumulation
    consumption output clearance viability rate rates mortality survival load loads congestion
    necrosis permeability swelling integrity polarity respiration uptake score scores index
    ratio flow pressure weight size area count counts length potential capacity deposition
    formation casts lesions lesion edema oedema atrophy dilation regeneration repair recovery
    phase number excretion filtration perfusion lifespan"""
)
#: A head that needs a modifier (alone it names nothing measured: "the number", "the rate").
NEEDS_MODIFIER = _words(
    """rate rates index ratio number count counts size area length score scores phase function
    dysfunction injury injuries damage repair recovery formation potential capacity loss"""
)
#: Words never part of such a phrase.
STOP = _words(
    """a an the of in on at to by for with from into and or but as than that which this these
    those its their his her our was were is are be been being has have had not no both all
    each other such also then there after before during between among within without via
    per compared versus vs while whereas when where if because since although whether once
    until unless yet so thus hence therefore however still"""
)
OF_AFTER = re.compile(r"\s+of\b")
#: "Of" and a group of subjects: what the head measures is said of them ("survival of septic
#: mice"), it names no measured thing after it.
OF_GROUP = re.compile(
    rf"\s+of\s+(?:(?:the|these|all)\s+)?(?:[\w\-/]+\s+){{0,2}}?{GROUP.pattern}\b", re.I
)
#: Verbs of a treatment's effect that are no words of change ("accelerates recovery", a title's
#: "Prolongs Survival"): never a modifier of a quantity's name.
EFFECT_VERB = re.compile(
    r"(?:accelerat|hasten|speed|sped|prolong|protect|confer|exert|exhibit|display|suffer|"
    r"undergo|underwent)\w*",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*")
MAX_MODIFIERS = 3
#: Mention types a quantity's phrase may hold as a modifier (it then replaces the mention).
MODIFIER_TYPES = frozenset({"cell", "anatomy", "component", "msc", "species"})
#: A marker a cell is counted by ("CD68-positive macrophage infiltration", "Ki67+ cells"): the
#: gene is a modifier of the phrase.
MARKER = re.compile(r"(?:-positive|-negative|\+|-expressing)\b|\+", re.IGNORECASE)
#: Heads that name a quantity of a substance other than its amount ("creatinine clearance",
#: "glucose uptake", "collagen deposition"): the chemical is then a modifier of the phrase.
OF_A_SUBSTANCE = _words("clearance uptake excretion deposition consumption")
#: Heads that measure how fast or how much a process goes ("filtration rate", "apoptosis
#: index"): the process is then a modifier of the phrase.
OF_A_PROCESS = _words("rate rates index ratio score scores capacity")
#: Mention types that are a quantity themselves ("renal function" is a term already).
TERM_TYPES = frozenset({"process", "phenotype", "gene", "chemical", "disease"})


#: A compound participle that says what caused a state ("LPS-inhibited cell viability"): it
#: describes the insult, it is no part of the quantity's name.
CAUSED = re.compile(r"[\w/]+-(?:induced|inhibited|initiated|mediated|related|associated|exposed)")


def _modifier(word: str, cue: re.Pattern[str]) -> bool:
    lower = word.lower()
    return not (
        lower in STOP
        or lower.endswith("ly")
        or cue.fullmatch(word)
        or CAUSED.fullmatch(lower)
        or EFFECT_VERB.fullmatch(word)
    )


def quantities(
    document: NormalisedText,
    span: tuple[int, int],
    mentions: Sequence[Mention],
    cue: re.Pattern[str],
) -> list[Mention]:
    """The quantity phrases of one sentence (normalised ``span``); ``cue`` matches change words.

    >>> from mitoaki.extract.cues import CUES
    >>> from mitoaki.core.textnorm import normalise
    >>> doc = normalise("Treatment lowered renal tubular damage and raised the urine output.")
    >>> [m.text for m in quantities(doc, (0, len(doc.text)), [], CUES)]
    ['renal tubular damage', 'urine output']
    """
    text = document.text
    words = list(WORD.finditer(text, *span))
    out: list[Mention] = []
    for i, head in enumerate(words):
        if head.group(0).lower() not in HEADS:
            continue
        first = _first_modifier(text, words, i, cue)
        change = bool(cue.fullmatch(head.group(0)))
        of_after = bool(OF_AFTER.match(text, head.end())) and not OF_GROUP.match(text, head.end())
        if (change and of_after) or (
            first == i and (head.group(0).lower() in NEEDS_MODIFIER or change or of_after)
        ):  # "the rate"; "accumulation" alone is a change, "fat accumulation" a quantity; a
            continue  # change or bare head before "of" ("the loss of X") leaves X measured
        if change and _of_a_term(text, head.start(), mentions, out):
            continue  # "ATP loss", "filtration rate loss": a change of the term, read as one
        start, end = words[first].start(), head.end()
        # a cell or structure named by more words than the modifiers allow is one modifier:
        # "kidney collecting duct epithelial cell swelling"
        start = min(
            (m.norm_start for m in mentions if _leads(m, start, head.start())), default=start
        )
        inside = [
            m
            for m in mentions
            if m.norm_start < end and start < m.norm_end and m.match != "implied"
        ]  # a term implied by joining mentions ("AKI ... in rats") names no word between
        if any(m.norm_end > end or (m.type in TERM_TYPES and m.norm_end == end) for m in inside):
            continue  # a term of the lexicon names it ("renal function") or runs across it
        start = _after_blockers(text, words[first : i + 1], inside, start, end)
        if start >= end or (start == head.start() and head.group(0).lower() in NEEDS_MODIFIER):
            continue
        out.append(
            Mention.of_span(
                document,
                start,
                end,
                curie="",
                label=text[start:end].lower(),
                type="phenotype",
                match="phrase",
                score=0.8,
                sentence=span,
            )
        )
    return out


def _of_a_term(
    text: str, head: int, mentions: Sequence[Mention], phrases: Sequence[Mention]
) -> bool:
    """Whether a term or a quantity phrase ends right before a head that is a change word."""
    return any(
        m.norm_end < head and not text[m.norm_end : head].strip()
        for m in [*phrases, *(m for m in mentions if m.type in TERM_TYPES)]
    )


def _leads(mention: Mention, start: int, head: int) -> bool:
    """Whether a cell or structure runs from before a phrase's first modifier up to its head."""
    return mention.type in MODIFIER_TYPES and mention.norm_start < start < mention.norm_end <= head


def _first_modifier(text: str, words: list[re.Match[str]], i: int, cue: re.Pattern[str]) -> int:
    """The index of the first word of the modifiers before head ``i`` (``i`` when none)."""
    first = i
    while (
        first > 0
        and i - first < MAX_MODIFIERS
        and text[words[first - 1].end() : words[first].start()] in {" ", "-"}
        and _modifier(words[first - 1].group(0), cue)
    ):
        first -= 1
    return first


def _after_blockers(
    text: str, words: list[re.Match[str]], inside: list[Mention], start: int, end: int
) -> int:
    """Where a phrase starts after the terms in it that modify no quantity (``end``: nowhere).

    ``words`` run from the phrase's first to its head.
    """
    head = words[-1].group(0).lower()
    blockers = [
        m
        for m in inside
        if m.norm_start < start
        or not (
            m.type in MODIFIER_TYPES
            or MARKER.match(text, m.norm_end)
            or (m.type == "chemical" and head in OF_A_SUBSTANCE)
            or (m.type in {"process", "phenotype"} and head in OF_A_PROCESS)
        )
    ]
    if not blockers:
        return start
    after = max(m.norm_end for m in blockers)
    return next((w.start() for w in words if w.start() >= after), end)
