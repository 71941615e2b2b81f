"""Findings a predicate implies without a word of change (``implicit.tsv``).

Being "susceptible to I/R injury", "a risk factor for AKI" or "sensitive to fragmentation" says
there is more of the object (more likely, more severe): increased. Being protected against it
("protects against AKI", "a protective role of X in I/R injury", "protected the kidney from
injury") or resistant to it says there is less: decreased. Reporting that a thing exists, is
present or forms ("confirmed the existence of microtubule networks") says it was found:
increased, as curators record it.

The object is the noun phrase right after the predicate, up to a phrase boundary (punctuation,
a preposition, a verb); its head is the last mention in it ("Bax accumulation-mediated
fragmentation" is fragmentation), one for each member of a coordinated list ("from apoptosis
and necrosis"). The head must end the phrase, save for a noun of harm or form after it ("I/R
injury", "microtubule networks"): in "biogenesis dysfunction" the head is the dysfunction, which
no mention names. An AKI insult as the object stands for the injury it causes, AKI ("susceptible
to I/R injury"); a bare noun after "protect ORGAN from" names the organ's term ("protect the
kidney from injury" is renal injury). What a function or a recovery is protected in is not
lessened ("a protective role in renal function" names no finding).

A negation before the predicate gives what its row says (``no_change``; no finding after a verb
of reporting), a frame, purpose or question no finding, a hedge a less sure one (``clauses``).
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.clauses import hedged, not_stated
from mitoaki.extract.cues import BENEFIT, NEGATION
from mitoaki.extract.findings import (
    CITATION,
    HEDGE_PENALTY,
    ProposedFinding,
    cited,
    nearest_citation,
)
from mitoaki.extract.forms import key
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.infer import AKI
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.acute import unsaid_forms
from mitoaki.extract.targets import CONJUNCTION, MEASURED, pathway_member
from mitoaki.extract.wordforms import first_term

PREDICATES = Path(__file__).with_name("implicit.tsv")
#: How much less sure an implied finding is than one a word of change states.
IMPLIED_PENALTY = 0.1
#: A word of a gap in a predicate: no punctuation, no verb of being or negation (the gap holds
#: a subject or an organ, "of MSCs", "the kidney", not a clause).
GAP_WORD = (
    r"(?!(?:was|were|is|are|be|been|being|has|have|had|not|no|never|but|and|or)\b)"
    r"[^\s,;:.()\[\]]+"
)
GAP_WORDS = 6
#: Where the object's noun phrase ends.
OBJECT_END = re.compile(
    r"[,;:.()\[\]]|\b(?:under|during|after|before|following|upon|due|owing|because|since|as|"
    r"which|that|by|with|without|via|through|when|while|whereas|if|in|into|on|at|among|within|"
    r"for|than|from|was|were|is|are|has|have|had|can|could|may|might|will|would|should|to)\b",
    re.IGNORECASE,
)
#: An object that is a verb of diagnosis: "sensitivity to detect AKI" says how well a test
#: detects it, nothing of how much there is.
NOT_OBJECT = re.compile(
    r"\s*(?:detect|predict|identify|diagnos|distinguish|discriminat|measur|assess|monitor)\w*\b",
    re.IGNORECASE,
)
#: At most this many characters of object.
OBJECT_REACH = 80
#: Types of what a predicate's object may be: a measured entity, or an insult (its injury).
OBJECTS = MEASURED | {"inducer"}
#: Types of the organ (or cells) a "protect ORGAN from" gap names.
ORGANS = frozenset({"anatomy", "cell"})
WORD = re.compile(r"[A-Za-z][\w\-]*")
#: Nouns that may follow the object's head mention and still leave it the head: the harm an
#: insult does ("I/R injury"), the form or measure of a thing ("microtubule networks"). Any
#: other noun after it is the head itself ("biogenesis dysfunction" is no biogenesis).
TRAILING = re.compile(
    r"\s*(?:(?:injury|injuries|damage|toxicity|nephrotoxicity|networks?|structures?|levels?|"
    r"content|expression|activity|production)\b\s*)?$",
    re.IGNORECASE,
)
ARTICLE = re.compile(r"(?:the|a|an|their|its)\s+", re.IGNORECASE)


def _slot(word: str) -> str:
    """The pattern of one word slot: alternatives, each a word or a stem ending in "*"."""
    options = [
        re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in word.split("|")
    ]
    return rf"(?:{'|'.join(options)})"


def compile_phrase(phrase: str) -> str:
    r"""The pattern of one predicate phrase of ``implicit.tsv`` (see its header).

    >>> pattern = re.compile(compile_phrase("at (a) high|higher risk of"), re.I)
    >>> bool(pattern.fullmatch("at higher risk of")), bool(pattern.fullmatch("at a high risk of"))
    (True, True)
    >>> bool(re.fullmatch(compile_phrase("protect* ... from"), "protected the kidney from"))
    True
    """
    out = ""
    for word in phrase.split():
        if word == "...":
            out += rf"(?:\s+{GAP_WORD}){{0,{GAP_WORDS}}}?"
        elif word.startswith("(") and word.endswith(")"):
            out += rf"(?:\s+{_slot(word[1:-1])})?"
        else:
            out += (r"\s+" if out else "") + _slot(word)
    return out


#: (direction, what a negation gives: a direction or None for no finding) of a phrase.
Reading = tuple[str, str | None]


def read_predicates(path: Path = PREDICATES) -> list[tuple[str, Reading]]:
    """(phrase, (direction, negated)) rows of a tab-separated file with ``#`` comments."""
    with path.open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    return [
        (row[0].strip(), (row[1].strip(), None if row[2].strip() == "none" else row[2].strip()))
        for row in rows
        if len(row) >= 3
    ]


def _matcher(
    rows: Iterable[tuple[str, Reading]],
) -> tuple[re.Pattern[str], dict[str, Reading]]:
    """One pattern with a named group per reading's phrases."""
    groups: dict[Reading, list[str]] = {}
    for phrase, reading in rows:
        groups.setdefault(reading, []).append(compile_phrase(phrase))
    names = {f"d{i}": reading for i, reading in enumerate(groups)}
    alternatives = [rf"(?P<{name}>{'|'.join(groups[reading])})" for name, reading in names.items()]
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE), names


IMPLYING, DIRECTIONS = _matcher(read_predicates())


def _conjuncts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The members of a coordinated object ("apoptosis and necrosis"), as spans."""
    out, at = [], start
    for joint in CONJUNCTION.finditer(text, start, end):
        out.append((at, joint.start()))
        at = joint.end()
    return [*out, (at, end)]


def _organ_term(
    text: str, organ: Mention, start: int, end: int, lexicon: Lexicon, forms: Mapping[str, str]
) -> tuple[str, int] | None:
    """The term "ORGAN N" a bare noun phrase names with an organ ("kidney" + "injury").

    ``forms``: the lexicon's, and the acute diseases the text names said without "acute".
    """
    article = ARTICLE.match(text, start, end)
    words = WORD.findall(text, article.end() if article else start, end)
    if not words or len(words) > 3:
        return None
    ys = [(form, organ.norm_end) for form in lexicon.surface.get(organ.curie, ())]
    found = first_term(" ".join(words).lower(), ys, forms, key)
    return (found[0], end) if found else None


def implied_findings(
    document: NormalisedText,
    mentions: list[Mention],
    span: tuple[int, int],
    lexicon: Lexicon,
    *,
    base: float = 0.7,
    stated: Iterable[tuple[str, str]] = (),
) -> list[ProposedFinding]:
    """Findings the predicates of one sentence imply (see the module docstring).

    ``stated`` are the (CURIE, direction) pairs the sentence's words of change already gave.
    """
    text = document.text
    s_start, s_end = span
    out: list[ProposedFinding] = []
    seen = set(stated)
    inside = [m for m in mentions if s_start <= m.norm_start and m.norm_end <= s_end]
    acute = {
        key(f): m.curie for m in mentions if m.type == "disease" for f in unsaid_forms(m.label)
    }
    forms = ChainMap(acute, lexicon.forms)  # "the kidney from injury" in a text on AKI
    for predicate in IMPLYING.finditer(text, s_start, s_end):
        if not_stated(text, s_start, predicate.start(), predicate.end()):
            continue
        direction, when_negated = DIRECTIONS[str(predicate.lastgroup)]
        negated = bool(
            NEGATION.search(text[max(s_start, predicate.start() - 30) : predicate.start()])
        )
        if negated and when_negated is None:
            continue  # "no study has shown the presence of X": nothing was measured
        if NOT_OBJECT.match(text, predicate.end()):
            continue
        targets = _objects(text, predicate, inside, s_end, lexicon, forms)
        confidence = base - IMPLIED_PENALTY
        if negated:
            confidence -= 0.1
        if hedged(text, s_start, predicate.start()):
            confidence -= HEDGE_PENALTY
        said = when_negated if negated and when_negated else direction
        out += _emit(document, span, predicate, targets, said, confidence, negated, lexicon, seen)
    return out


def _objects(
    text: str,
    predicate: re.Match[str],
    inside: list[Mention],
    s_end: int,
    lexicon: Lexicon,
    forms: Mapping[str, str],
) -> list[Mention]:
    """What a predicate speaks of: the head of each member of its object, up to where it ends.

    A member with no measured mention may name, with an organ in the predicate's gap, the term
    "ORGAN N" of ``forms`` ("protected the kidney from injury": kidney injury).
    """
    stop = OBJECT_END.search(text, predicate.end(), min(s_end, predicate.end() + OBJECT_REACH))
    end = stop.start() if stop else min(s_end, predicate.end() + OBJECT_REACH)
    organ = next(
        (
            m
            for m in reversed(inside)
            if m.type in ORGANS
            and predicate.start() <= m.norm_start
            and m.norm_end <= predicate.end()
        ),
        None,
    )
    targets: list[Mention] = []
    for lo, hi in _conjuncts(text, predicate.end(), end):
        heads = [
            m
            for m in inside
            if lo <= m.norm_start
            and m.norm_end <= hi
            and m.type in OBJECTS
            and m.match != "adjective"
            and not pathway_member(text, m)
        ]
        if heads:
            if TRAILING.match(text, heads[-1].norm_end, hi):
                targets.append(heads[-1])
        elif organ is not None and (found := _organ_term(text, organ, lo, hi, lexicon, forms)):
            curie, _ = found
            targets.append(
                replace(
                    organ,
                    text=text[organ.norm_start : hi].rstrip(),
                    curie=curie,
                    label=lexicon.labels.get(curie, ""),
                    type=lexicon.type_of(curie),
                    match="implied",
                    norm_end=len(text[:hi].rstrip()),
                )
            )
    return targets


def _emit(
    document: NormalisedText,
    span: tuple[int, int],
    predicate: re.Match[str],
    targets: list[Mention],
    said: str,
    confidence: float,
    negated: bool,
    lexicon: Lexicon,
    seen: set[tuple[str, str]],
) -> list[ProposedFinding]:
    """The findings a predicate implies of its objects, each (term, direction) once a sentence."""
    text = document.text
    citations = [(m.start(), cited(m.group(0))) for m in CITATION.finditer(text, *span)]
    out = []
    for rank, target in enumerate(targets):
        if target.type == "inducer":  # "susceptible to I/R injury": the injury, AKI
            target = replace(target, curie=AKI, label=lexicon.labels.get(AKI, ""))
            target = replace(target, type="disease")
        if BENEFIT.search(target.label or target.text):
            continue  # "a protective role in renal function" lessens no function
        if (target.curie, said) in seen:
            continue
        seen.add((target.curie, said))
        lo, hi = predicate.start(), max(predicate.end(), target.norm_end)
        raw_start, raw_end = document.raw_span(lo, hi)
        out.append(
            ProposedFinding(
                entity=target,
                direction=said,
                cue=predicate.group(0),
                start=raw_start,
                end=raw_end,
                sentence=text[span[0] : span[1]].strip(),
                refs=nearest_citation(citations, hi) if citations else (),
                confidence=round(max(0.1, (confidence - 0.05 * rank) * target.score), 2),
                negated=negated,
                norm_start=lo,
                norm_end=hi,
                norm_sentence=span,
            )
        )
    return out
