"""Coordinated lists that share a word: the head after them or the modifier before them.

"mitochondrial shape, density and mass" lends its modifier to each member (left-headed, in
``mentions``); "vascular, cardiac and renal diseases" and "inflammatory/oxidative stress
response" lend their head noun to each member before the conjunction (right-headed, here).
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD = re.compile(r"\b(?!(?:and|or)\b)[A-Za-z][\w\-α-ω]*")
#: What may separate two members of a list: a comma, a slash, "and", "or" (with a comma).
SEPARATOR = re.compile(r"^(?:\s*,\s*(?:(?:and|or)\s+)?|\s*/\s*|\s+(?:and|or)\s+)$")
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
