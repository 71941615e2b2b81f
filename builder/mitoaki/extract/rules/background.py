"""The background of a primary study: sentences that tell what is known, not what it found.

An abstract of a study reporting its own work opens with what is known: the injury's mechanism
("ischemia depletes ATP", "oxidants can open the transition pore, so more superoxide is
released") and what the agent is known to do ("a peptide that can quench superoxide"). Its own
account comes after: first person ("here we", "we found", "our data"), "this study", a section
heading ("Methods:", "Results:"), the treatment given ("rats were given ...", "mice that
received ..."), or a result told in the past tense ("was", "were", "in the treated rats", "the
peptide lowered ..."; not a participle: "Impaired X ...", "is well established"; nor what other
studies found: "earlier reports showed that X was ..."). The sentences before the first of these
are the **background**: their findings are marked ``background`` (the reader prints them; drafts
and scorers leave them out). A sentence of the account keeps its findings even when hedged ("the
peptide can reduce ROS in treated mice").

Only a primary study has such a background: a text that cites references ("[12]", "et al."), or
calls itself a review ("in this review", "we summarize"), states mechanisms as findings of the
studies it reviews (curators record them, hedged or not), and so does a text with no marker of
its own work. A title (a first sentence ending its line, or a line with no final stop) is
neither: it states the study's result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.findings import CITATION
from mitoaki.extract.rules.groups import GROUP

#: A text calling itself a review, or naming the authors of the studies it reports.
REVIEW = re.compile(
    r"\b(?:this|our|the present|the current)\s+(?:\w+\s+){0,2}?review\b|"
    r"\bwe\s+(?:\w+ly\s+|also\s+)?(?:review|summari[sz]e|overview|discuss)\b|\bet al\b",
    re.IGNORECASE,
)
#: First-person reporting and a study naming itself.
OWN_WORK = re.compile(
    r"\b(?:we|our)\b|\bhere(?:in)?\b|"
    r"\b(?:this|the present|the current)\s+(?:\w+\s+)?(?:study|work|report|investigation|trial)\b",
    re.IGNORECASE,
)
#: The heading of a section of a study's own account.
SECTION = re.compile(
    r"\W*(?:materials?\s+and\s+methods|methods?|results?|findings|design|objectives?|aims?|"
    r"purpose|conclusions?|interpretation)\b\s*(?:[:.\-—]|$)",
    re.IGNORECASE,
)
#: The treatment or insult given in the study ("rats were given", "mice that received").
DESIGN = re.compile(
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:treated|given|injected|infused|subjected|exposed|assigned|"
    r"divided|allocated|randomi[sz]ed|pre-?treated|administered|transplanted|incubated|cultured|"
    r"transfected|an(?:a)?esthetized|fed|enrolled|recruited)\b|"
    rf"\b{GROUP.pattern}\s+(?:that\s+|who\s+)?(?:received|underwent|subjected\s+to)\b",
    re.IGNORECASE,
)
#: A result told in the past tense: a past "be", or a group the study treated.
PAST = re.compile(
    r"\b(?:was|were|had|did)\b|\b(?:treated|injected|infused|transplanted|pre-?treated|given)\s+"
    rf"(?:\w+\s+)?{GROUP.pattern}\b",
    re.IGNORECASE,
)
#: A verb in the past tense ("lowered", "rose"), not a hyphenated modifier ("ROS-induced") nor a
#: relative taking its preposition ("derived from", "targeted to", "induced by").
PAST_VERB = re.compile(
    r"(?<![\w\-])(?:[a-z]{3,}(?<!e)ed|rose|fell|lost|showed|led|grew)\b(?!-)"
    r"(?!\s+(?:by|from|to|into|with|as)\b)",
    re.IGNORECASE,
)
#: Before a participle rather than a verb of the past: the sentence's start ("Impaired X ..."),
#: an auxiliary, an article, a preposition, adverbs between ("is well established").
NOT_FINITE = re.compile(
    r"(?:^|(?:\b(?:is|are|be|been|being|has|have|having|become|becomes|the|a|an|of|in|with|to|"
    r"by|for|and|or|its|their)|,)\s+)(?:(?:\w+ly|well|also|further|often|still|now)\s+)*$",
    re.IGNORECASE,
)
#: Other studies as the subject: what they found is known, however it is told ("previous
#: studies showed that X was ...", "reports have linked ...").
LITERATURE = re.compile(
    r"\b(?:previous|prior|earlier|recent|several|many|some|other|growing|accumulating|emerging|"
    r"increasing|mounting)\s+(?:\w+\s+)?(?:studies|reports|work|research|evidence|data|trials)\b|"
    r"\b(?:studies|reports|researchers|investigators|others)\s+(?:\w+ly\s+)?(?:have|has)\b",
    re.IGNORECASE,
)
STOP = (".", "!", "?")


def own_account(sentence: str) -> bool:
    """Whether a sentence tells the study's own work (module docstring).

    >>> own_account("Here we gave the peptide to pigs."), own_account("Results: ATP rose.")
    (True, True)
    >>> own_account("In pigs, the peptide lowered ROS."), own_account("ROS was lower.")
    (True, True)
    >>> own_account("Ischemia depletes ATP, and ROS-induced damage is increased in it.")
    False
    >>> own_account("A drug that can lower ROS has been used in heart injury.")
    False
    >>> own_account("Previous studies showed that ROS was raised in the injured kidney.")
    False
    """
    if OWN_WORK.search(sentence) or SECTION.match(sentence):
        return True
    if LITERATURE.search(sentence):
        return False  # what other studies found
    if PAST.search(sentence):
        return True
    return any(
        not NOT_FINITE.search(sentence, 0, verb.start()) for verb in PAST_VERB.finditer(sentence)
    )


def _title(document: NormalisedText, spans: Sequence[tuple[int, int]], index: int) -> bool:
    """Whether a span is a title or heading: no final stop, or the first sentence ends its line."""
    start, end = spans[index]
    said = document.text[start:end].rstrip()
    if not said.endswith(STOP):
        return True
    if index or len(spans) < 2:
        return False
    raw_end = document.raw_span(start, start + len(said))[1]
    return "\n" in document.raw[raw_end : document.raw_span(*spans[1])[0]]


def background(document: NormalisedText, spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The sentences of a primary study's background: before the first of its own account.

    None for a review, a text citing references or a text with no marker of its own work.

    >>> from mitoaki.core.textnorm import normalise
    >>> from mitoaki.extract.mentions import sentences
    >>> def said(raw: str) -> list[str]:
    ...     text = normalise(raw)
    ...     return [text.text[a:b] for a, b in sorted(background(text, sentences(text)))]
    >>> said("Ischemia depletes ATP. Here we gave the peptide. It lowered ROS.")
    ['Ischemia depletes ATP.']
    >>> said("Vesicles carry mitochondria. In rats subjected to ischemia, vesicles lowered ROS.")
    ['Vesicles carry mitochondria.']
    >>> said("Ischemia depletes ATP [3]. Here we gave the peptide."), said("Ischemia depletes ATP.")
    ([], [])
    >>> said("Ischemia depletes ATP. Smith et al. gave the peptide to rats that received it.")
    []
    """
    text = document.text
    if CITATION.search(text) or REVIEW.search(text):
        return set()
    said = [text[start:end].strip() for start, end in spans]
    if not any(OWN_WORK.search(s) or SECTION.match(s) or DESIGN.search(s) for s in said):
        return set()
    out: set[tuple[int, int]] = set()
    for index, sentence in enumerate(said):
        if own_account(sentence):
            break
        if not _title(document, spans, index):
            out.add(spans[index])
    return out
