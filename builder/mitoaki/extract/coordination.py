"""Coordinated lists that share a word: the head after them or the modifier before them.

"mitochondrial shape, density and mass" lends its modifier to each member (left-headed, in
``mentions``); "vascular, cardiac and renal diseases" and "inflammatory/oxidative stress
response" lend their head noun to each member before the conjunction (right-headed, here).
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD = re.compile(r"\b(?!(?:and|or)\b)[A-Za-z][\w\-α-ω]*")
#: What parts two members of a list: a comma (and a conjunction), a conjunction or a slash
#: ("Bax, Bak, and Bad", "Wnt4/β-catenin"); SEPARATOR is a whole gap between two mentions.
LIST_GAP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s*/\s*|\s+(?:and|or)\s+)"
SEPARATOR = re.compile(rf"^{LIST_GAP}$")
CONJUNCTION = re.compile(r"^(?:\s*,?\s+(?:and|or)\s+|\s*/\s*)$")
#: How many words the last member and the shared head may have.
MEMBER_WORDS = (1, 2)
HEAD_WORDS = (1, 2, 3)
MAX_MEMBERS = 6

Candidate = tuple[int, int, str, str, float]


def shared_heads(text: str, forms: dict[str, str], key: Callable[[str], str]) -> list[Candidate]:
    """Members of a list that take the head noun after the list: "cardiac and renal diseases".

    For each conjunction ("and", "or", "/"), the words before it that only separators part are
    members; each becomes a mention when it and the head after the last member form a term.
    ``key`` is the lexicon's key function.
    """
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    out: list[Candidate] = []
    for j in range(1, len(words)):
        if not CONJUNCTION.match(text[words[j - 1][1] : words[j][0]]):
            continue
        members = [j - 1]
        while (
            len(members) < MAX_MEMBERS
            and members[-1] > 0
            and SEPARATOR.match(text[words[members[-1] - 1][1] : words[members[-1]][0]])
        ):
            members.append(members[-1] - 1)
        for k in MEMBER_WORDS:
            for h in HEAD_WORDS:
                first, last = j + k, j + k + h - 1
                if last >= len(words) or not _joined(text, words, j, last):
                    continue
                head = text[words[first][0] : words[last][1]]
                for member in members:
                    start, end = words[member]
                    grounded = forms.get(key(f"{text[start:end]} {head}"))
                    if grounded:
                        out.append((start, end, grounded, "coordination", 1.0))
    return out


def _joined(text: str, words: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether words ``first`` to ``last`` are one phrase (spaces or hyphens between them)."""
    return all(text[words[i][1] : words[i + 1][0]] in {" ", "-"} for i in range(first, last))


GAP_AFTER = re.compile(LIST_GAP)
GAP_BEFORE = re.compile(rf"([A-Za-z][A-Za-z0-9\-]*){LIST_GAP}$")
SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9\-]{1,11}\b")
#: What may follow a gene symbol written in another case: the end of the list, punctuation, or
#: a word that makes it a gene ("wnt4/β-catenin pathway"); "Bcl-2 and bad prognosis" is English.
SYMBOL_END = re.compile(
    rf"{LIST_GAP}|\s*[,.;:)\]]|\s*$|\s+(?:pathways?|signall?ing|axis|genes?|proteins?|"
    r"expression|levels?|activation|knockout|deficiency)\b"
)
#: Heads after which the first word of a route form is the route ("intraperitoneal").
ROUTE_HEADS = ("administration", "injection", "delivery")
#: A route adjective is a route only in a list of at least this many route adjectives.
MIN_ROUTES = 2


def listed_symbols(
    text: str,
    chosen: list[Candidate],
    symbols: dict[str, str],
    is_gene: Callable[[str], bool],
) -> list[Candidate]:
    """Gene symbols written in another case in a list with a gene: "Bax, Bak, and Bad".

    ``symbols`` maps an upper-case symbol to its gene; a word next to a gene mention, only a
    list separator or a slash between them, is that gene when its upper case is a symbol and
    the list ends after it (or a gene word such as "pathway" follows). Members chain: each
    one found lends its place to the next.
    """
    taken = bytearray(len(text) + 1)
    for start, end, *_ in chosen:
        taken[start:end] = b"\x01" * (end - start)
    todo = [(start, end) for start, end, curie, *_ in chosen if is_gene(curie)]
    out: list[Candidate] = []
    while todo:
        start, end = todo.pop()
        found = []
        gap = GAP_AFTER.match(text, end)
        word = SYMBOL.match(text, gap.end()) if gap else None
        if word:
            found.append((word.start(), word.end()))
        before = GAP_BEFORE.search(text, max(0, start - 40), start)
        if before:
            found.append((before.start(1), before.end(1)))
        for lo, hi in found:
            curie = symbols.get(text[lo:hi].upper())
            if curie is None or any(taken[lo:hi]) or not SYMBOL_END.match(text, hi):
                continue
            taken[lo:hi] = b"\x01" * (hi - lo)
            out.append((lo, hi, curie, "coordination", 1.0))
            todo.append((lo, hi))
    return out


def listed_routes(text: str, routes: dict[str, str]) -> list[Candidate]:
    """Route adjectives in a list of routes: "intravenous, intra-arterial and intrarenal".

    ``routes`` maps the first words of a route form ("intra arterial" of intra-arterial
    administration, hyphens spaced as keys are) to the route; a list of at least two such
    adjectives names each route.
    """
    out: list[Candidate] = []
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    run: list[tuple[int, int, str]] = []
    for i, (start, end) in enumerate(words):
        curie = routes.get(text[start:end].lower().replace("-", " "))
        joined = i > 0 and run and SEPARATOR.match(text[words[i - 1][1] : start])
        if curie is None:
            if len(run) >= MIN_ROUTES:
                out += [(s, e, c, "coordination", 1.0) for s, e, c in run]
            run = []
            continue
        if run and not joined:
            if len(run) >= MIN_ROUTES:
                out += [(s, e, c, "coordination", 1.0) for s, e, c in run]
            run = []
        run.append((start, end, curie))
    if len(run) >= MIN_ROUTES:
        out += [(s, e, c, "coordination", 1.0) for s, e, c in run]
    return out
