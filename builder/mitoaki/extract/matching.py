"""Scanning a text for the lexicon's forms: whole words, longest first, no overlaps.

Matching runs on normalised text with hyphens folded to spaces, on word boundaries, with two
Aho-Corasick automata (long forms folded, short cased ones as written); a term an abbreviation
defined inside it interrupts is read across it; a coordinated list ("mitochondrial shape,
density and mass") lends its head to each member; a fuzzy fallback (rapidfuzz) catches
misspelt multi-word terms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import ahocorasick

from mitoaki.extract.ellipsis import matcher
from mitoaki.extract.forms import FUNCTION_WORD, key
from mitoaki.extract.wordforms import Candidate

DEFINED = re.compile(r"([A-Za-z][\w\-α-ω ]{3,80}?) \(([A-Za-z][\w\-+/α-ω]{1,12})\)")
#: An abbreviation defined inside a term: "mitochondrial DNA (mtDNA) replication".
INLINE = re.compile(r" \([A-Za-z][\w\-+/α-ω]{0,11}\)(?= [A-Za-z])")
#: How far around an inline abbreviation a term may reach (characters).
INLINE_REACH = 80
COORDINATED = re.compile(r"((?:, ?[a-z]{3,}){0,4},? (?:and|or) ([a-z]{3,}))")
#: The fuzzy fallback: candidate phrases of this many words, minimum similarity (0-100).
FUZZY_WORDS = (2, 3, 4)
FUZZY_EDITS = 2
FUZZY_MIN_SCORE = 0.9
FUZZY_MIN_LENGTH = 10
PLAIN = re.compile(r"[\w' α-ω]+")


def boundary(text: str, start: int, end: int) -> bool:
    """Whether a span starts and ends at word boundaries."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def defined_forms(
    text: str,
    forms: dict[str, str],
    folded: dict[str, str] | None = None,
    surface: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, str]:
    """Abbreviations the text defines, grounded through their long form (or its tail).

    A short form the lexicon has in another case ("vEGF" for VEGF, ``folded``) is that term
    when one of the term's ``surface`` forms holds the long form's last word ("... growth
    factor (vEGF)"): the text marks it as an abbreviation, so it is no ordinary word.
    """
    from mitoaki.extract.rules.abbreviations import abbreviates

    out: dict[str, str] = {}
    for long_form, short in DEFINED.findall(text):
        long_form = long_form.strip()
        if key(short) in forms or not abbreviates(short, long_form):
            continue  # known, or a word in brackets that abbreviates nothing before it
        tails = [long_form] + [
            long_form[i:] for i in range(1, len(long_form)) if long_form[i - 1] == " "
        ]
        grounded = next((forms[key(tail)] for tail in tails if key(tail) in forms), None)
        if grounded is None and folded and surface:
            candidate = folded.get(key(short).lower())
            last = long_form.rsplit(" ", 1)[-1].lower()
            if candidate and any(last in f.lower().split() for f in surface.get(candidate, ())):
                grounded = candidate
        if grounded:
            out[key(short)] = grounded
    return out


Automata = tuple[ahocorasick.Automaton, ahocorasick.Automaton]


def automata(forms: Iterable[str]) -> Automata:
    """Matchers of surface forms: case-insensitive long forms, case-sensitive short ones."""
    forms = set(forms)
    short_forms = {f for f in forms if len(f) <= 5 and f != f.lower()}  # ROS, not mice
    return matcher(forms - short_forms), matcher(short_forms)


def scan(text: str, matchers: Automata) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of a form: (start, end, form)."""
    folded = text.replace("-", " ")
    out = []
    for automaton, haystack in zip(matchers, (folded.lower(), folded), strict=True):
        if not len(automaton):
            continue
        for end_index, form in automaton.iter(haystack):
            start, end = end_index - len(form) + 1, end_index + 1
            if boundary(text, start, end):
                out.append((start, end, form))
    return out


def across_inline(text: str, matchers: Automata) -> list[tuple[int, int, str]]:
    """Terms an abbreviation defined inside them interrupts: (start, end, form).

    "mitochondrial DNA (mtDNA) replication" is read as if the parenthesis were not there; only
    matches that span the parenthesis are new, and their offsets are those of the text.
    """
    out = []
    for lo, cut, width, window in inline_windows(text):
        for start, end, form in scan(window, matchers):
            if start < cut < end:
                out.append((lo + start, lo + end + width, form))
    return out


def inline_windows(text: str) -> Iterator[tuple[int, int, int, str]]:
    """Around each inline abbreviation, the text without it: (offset, cut, its width, window).

    A match of the window that spans ``cut`` spans the abbreviation in the text.
    """
    for match in INLINE.finditer(text):
        lo = max(0, match.start() - INLINE_REACH)
        hi = min(len(text), match.end() + INLINE_REACH)
        window = text[lo : match.start()] + text[match.end() : hi]
        yield lo, match.start() - lo, match.end() - match.start(), window


def choose(
    candidates: list[tuple[int, int, str, str, float]],
) -> list[tuple[int, int, str, str, float]]:
    """Longest first, then leftmost; a span overlapping a chosen one is dropped."""
    chosen = []
    taken = bytearray(max((c[1] for c in candidates), default=0) + 1)
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], -c[4], c[0])):
        start, end = candidate[0], candidate[1]
        if not any(taken[start:end]):
            chosen.append(candidate)
            taken[start:end] = b"\x01" * (end - start)
    return sorted(chosen)


def coordinated(
    text: str, chosen: list[tuple[int, int, str, str, float]], forms: dict[str, str]
) -> list[tuple[int, int, str, str, float]]:
    """Members of a list that share the head of a mention: "mitochondrial shape, density"."""
    out = []
    for start, end, curie, _, _ in chosen:
        words = text[start:end].split()
        if len(words) < 2:
            continue
        match = COORDINATED.match(text, end)
        if not match:
            continue
        head = " ".join(words[:-1])
        for member in re.finditer(r"[a-z]{3,}", match.group(1)):
            if member.group(0) in {"and", "or"}:
                continue
            grounded = forms.get(key(f"{head} {member.group(0)}"))
            if grounded and grounded != curie:
                at = match.start(1) + member.start()
                out.append((at, at + len(member.group(0)), grounded, "coordination", 1.0))
    return out


def kept_inside(
    chosen: list[Candidate],
    before: list[Candidate],
    turned: list[Candidate],
    type_of: Callable[[str], str],
) -> list[Candidate]:
    """The chosen mentions, and the processes inside an agent phrase turned round.

    "a regulator of mitochondrial biogenesis" names the regulator's term and still mentions
    mitochondrial biogenesis: a process after the phrase's first word, displaced by it and by
    nothing else, is kept beside it when the phrase names no process itself ("generation of
    ATP" is the process of the ATP: the ATP stays out).
    """
    won = [t for t in turned if t in chosen and type_of(t[2]) != "process"]
    kept = [
        c
        for c in before
        if c not in chosen
        and type_of(c[2]) == "process"
        and any(t[0] < c[0] and c[1] <= t[1] and c[2] != t[2] for t in won)
        and not any(o[0] < c[1] and c[0] < o[1] for o in chosen if o not in won)
    ]
    return sorted(chosen + [(*c[:3], "inside", c[4]) for c in kept]) if kept else chosen


class FuzzyIndex:
    """Misspelt terms ("Wharton Jelly"): at most two edits from a long form (rapidfuzz).

    A misspelt term keeps one of its words as written: forms are indexed by their number of
    words and each content word, and a phrase is compared only with the forms of its word count
    that share a content word with it and whose length is within ``FUZZY_EDITS`` of its own (in
    the forms' original order, so ties go as over the whole list).
    """

    def __init__(self, forms: dict[str, str]) -> None:
        self.forms = [f for f in forms if len(f) >= FUZZY_MIN_LENGTH and f == f.lower()]
        self.by_word: dict[tuple[int, str], list[int]] = defaultdict(list)
        for index, form in enumerate(self.forms):
            words = form.split(" ")
            for word in dict.fromkeys(words):
                if not FUNCTION_WORD.fullmatch(word):
                    self.by_word[(len(words), word)].append(index)

    def _choices(self, phrase: str, words: list[str]) -> list[str]:
        """The forms a phrase may be a misspelling of (module docstring of ``FuzzyIndex``)."""
        found: set[int] = set()
        for word in words:
            found.update(self.by_word.get((len(words), word), ()))
        length = len(phrase)
        near = (self.forms[i] for i in sorted(found))
        return [f for f in near if abs(len(f) - length) <= FUZZY_EDITS]

    def find(
        self, text: str, taken: bytearray, forms: dict[str, str]
    ) -> list[tuple[int, int, str, str, float]]:
        """Fuzzy matches of word n-grams that no exact match covers."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z][\w\-α-ω]*", text)]
        out = []
        for n in FUZZY_WORDS:
            for i in range(len(words) - n + 1):
                start, end = words[i][0], words[i + n - 1][1]
                if end - start < FUZZY_MIN_LENGTH or any(taken[start:end]):
                    continue
                phrase = key(text[start:end])
                ends = phrase.split(" ")
                if FUNCTION_WORD.fullmatch(ends[0]) or FUNCTION_WORD.fullmatch(ends[-1]):
                    continue
                if phrase in forms or not PLAIN.fullmatch(phrase):
                    continue
                choices = self._choices(phrase, ends)
                if not choices:
                    continue
                best = process.extractOne(
                    phrase, choices, scorer=Levenshtein.distance, score_cutoff=FUZZY_EDITS
                )
                if best is not None:
                    score = round(fuzz.ratio(phrase, best[0]) / 100, 3)
                    if score >= FUZZY_MIN_SCORE:
                        out.append((start, end, forms[best[0]], "fuzzy", score))
        return out
