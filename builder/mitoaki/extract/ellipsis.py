"""Terms a sentence writes short, leaving out words it has already said.

A text that has named a modifier once drops it from the next terms: "mitochondria in injured
cells shift to fission rather than fusion" speaks of mitochondrial fission and fusion, "of the
Bcl-2 family, the anti-apoptotic proteins" of anti-apoptotic Bcl-2 family proteins, "tracking
methods such as ... ultrasound photoacoustic" of ultrasound photoacoustic cell tracking. A
phrase is such a short form when a form of a term with some consecutive words left out
(``elliptic_index``) gives it and the words left out stand earlier in the same sentence, apart
from the phrase. Only distinctive phrases qualify: several words, or one word few terms end
with (the head of a handful of forms: "fusion", not "cells").
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence

import ahocorasick

#: At most this many consecutive words of a form may be left out.
MAX_LEFT_OUT = 3
#: A one-word phrase qualifies only if at most this many terms have a form ending with it.
MAX_TERMS_OF_HEAD = 8
#: Words that never make a short form alone, however few terms end with them.
GENERIC = frozenset(
    {"cell", "cells", "protein", "proteins", "injury", "disease", "diseases", "factor", "factors"}
)
NON_WORD = re.compile(r"[^\w+α-ω]+")

#: What a one-word short form follows: a function word or a list separator ("rather than
#: fusion", "between fusion and fission"), never a modifier of its own ("toxic insults").
BARE_BEFORE = re.compile(
    r"(?:^|[,;:(]|\b(?:the|a|an|and|or|than|between|versus|towards?|to|of|in|by|for|with|"
    r"from|into|on|at|via)) $",
    re.IGNORECASE,
)
#: What a one-word short form is not followed by: a complement of its own ("function of X",
#: "treatment with MSCs").
OWN_COMPLEMENT = re.compile(r" (?:of|in|with)\b")
#: The word before a phrase ("kidney proximal tubular cells": "proximal").
WORD_BEFORE = re.compile(r"([A-Za-z][\w\-α-ω]*)\s+$")
#: What follows a short form that left out its last words: the end of a list member
#: ("ultrasound photoacoustic, fluorescence ..."), not more of a phrase.
MEMBER_END = re.compile(r"\s*(?:[,;.:)\]]|$)|\s+(?:and|or)\b")

Candidate = tuple[int, int, str, str, float]
#: A short form -> (CURIE, the words left out, where: "head" if the form ends with them).
Index = dict[str, list[tuple[str, str, str]]]


def plain(text: str) -> str:
    """Lower case, every run of other characters one space (a form's words as in ``key``).

    >>> plain("The Bcl-2 family,")
    ' the bcl 2 family '
    """
    return f" {NON_WORD.sub(' ', text.lower()).strip()} "


def elliptic_index(forms: Mapping[str, str]) -> Index:
    """Short forms of the lexicon's lower-case forms: form minus consecutive words -> (CURIE, them).

    >>> index = elliptic_index({"mitochondrial fusion": "G:1", "ultrasound photoacoustic cell"
    ...                         " tracking": "M:1", "cell fusion": "G:2"})
    >>> sorted(index["fusion"])
    [('G:1', 'mitochondrial', 'modifier'), ('G:2', 'cell', 'modifier')]
    >>> index["ultrasound photoacoustic"]
    [('M:1', 'cell tracking', 'head')]
    >>> "cell" in index  # a one-word short form is a head, never a modifier
    False
    """
    out: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    heads: dict[str, set[str]] = defaultdict(set)
    for form, curie in forms.items():
        heads[form.rsplit(" ", 1)[-1]].add(curie)
    for form, curie in forms.items():
        words = form.split(" ")
        if form != form.lower() or len(words) < 2:
            continue
        for i in range(len(words)):
            for n in range(1, MAX_LEFT_OUT + 1):
                if i + n > len(words) or n == len(words):
                    continue
                rest = words[:i] + words[i + n :]
                if len(rest) == 1 and (i != 0 or len(heads[rest[0]]) > MAX_TERMS_OF_HEAD):
                    continue  # one word: the head, after its modifiers left out
                if len(rest) == 1 and rest[0] in GENERIC:
                    continue
                short = " ".join(rest)  # a form too: a general term the short form narrows
                where = "head" if i + n == len(words) else "modifier"
                out[short].add((curie, " ".join(words[i : i + n]), where))
    return {short: sorted(found) for short, found in out.items()}


def matcher(forms: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick matcher of the forms (an index's short forms), each its own value.

    Build it once per lexicon; the lexicon's matchers of its labels and synonyms are made here too.
    """
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def elliptic(
    text: str,
    sentences: Sequence[tuple[int, int]],
    chosen: Sequence[Candidate],
    index: Index,
    ancestors: Mapping[str, Iterable[str]],
    modifiers: Container[str] = frozenset(),
    shorts: ahocorasick.Automaton | None = None,
) -> tuple[list[Candidate], set[Candidate]]:
    """Short forms of terms in each sentence: (new candidates, mentions they replace).

    A phrase may hold whole mentions (it is longer) or be one, if that mention's term is more
    general than the short form's ("outer membrane" after "mitochondria" is the mitochondrial
    outer membrane); it may not cut one. A phrase after a word that modifies in the lexicon's
    forms (``modifiers``: "proximal" before "tubular cells") is part of a longer phrase, not a
    short form. ``shorts`` is the index's ``matcher``.
    """
    shorts = matcher(index) if shorts is None else shorts
    if not len(shorts) or not sentences:
        return [], set()
    spans = {(c[0], c[1]): c for c in chosen}
    folded = text.replace("-", " ").lower()  # as ``key`` makes a long form's key
    taken = bytearray(len(text) + 1)
    for c in chosen:
        taken[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
    firsts = [lo for lo, _ in sentences]
    out: list[Candidate] = []
    replaced: set[Candidate] = set()
    for last, short in shorts.iter(folded):
        start, end = last - len(short) + 1, last + 1
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        if (start and taken[start - 1]) or taken[end]:
            continue  # a mention runs across an edge: the phrase is inside it or cuts it
        lo, hi = sentences[max(0, bisect.bisect_right(firsts, start) - 1)]
        if end > hi or (any(taken[start:end]) and not _whole(chosen, start, end)):
            continue
        if " " not in short and (
            not BARE_BEFORE.search(text, max(lo, start - 12), start)
            or OWN_COMPLEMENT.match(text, end)
        ):
            continue
        previous = WORD_BEFORE.search(text, max(lo, start - 30), start)
        if previous and previous.group(1).lower() in modifiers:
            continue
        before = plain(text[lo:start])
        for curie, left_out, where in index[short]:
            if where == "head" and not MEMBER_END.match(text, end, hi):
                continue
            said = before.rfind(f" {left_out} ")
            if said < 0 or before.endswith(f" {left_out} "):
                continue  # not said, or said right before (an exact match)
            same = spans.get((start, end))
            if same is not None:
                if curie == same[2] or same[2] not in ancestors.get(curie, ()):
                    break
                replaced.add(same)
            out.append((start, end, curie, "elliptic", 1.0))
            break
    return out, replaced


def _whole(chosen: Sequence[Candidate], start: int, end: int) -> bool:
    """Whether a span cuts no mention: each one is outside it or inside it."""
    return all(c[1] <= start or c[0] >= end or (start <= c[0] and c[1] <= end) for c in chosen)
