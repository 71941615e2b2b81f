"""An acute disease a text has named, said again without "acute": "renal injury" in a text on AKI.

A text about acute kidney injury, once it has named it, goes on to call it "kidney injury" or
"renal injury" ("MSCs relieved cisplatin-induced renal injury"); a text about acute lung injury
says "lung injury". The name of a disease the text mentions whose label opens with "acute",
without that word, and with the relational adjective of its first noun for it
(``adjectives.tsv``: "renal" for "kidney"), names that disease wherever no other term is named
there. A text that never names the acute disease gets nothing: "kidney injury" alone may be
chronic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.mentions import Mention
from mitoaki.extract.wordforms import adjectives_of

ACUTE = "acute "


def unsaid_forms(label: str) -> list[str]:
    """The ways a text names an acute disease without "acute" (none for other labels).

    >>> unsaid_forms("acute kidney injury")
    ['kidney injury', 'renal injury', 'nephric injury']
    >>> unsaid_forms("kidney failure")
    []
    """
    if not label.lower().startswith(ACUTE):
        return []
    first, _, rest = label[len(ACUTE) :].lower().partition(" ")
    if not rest:
        return []
    return [f"{word} {rest}" for word in (first, *adjectives_of(first))]


def without_acute(document: NormalisedText, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions of the acute diseases the text names, where it names them without "acute"."""
    text = document.text
    named = {m.curie: m for m in mentions if m.type == "disease" and m.curie}
    taken = bytearray(len(text) + 1)
    for m in mentions:
        if m.curie:
            taken[m.norm_start : m.norm_end] = b"\x01" * (m.norm_end - m.norm_start)
    out: list[Mention] = []
    for curie, mention in sorted(named.items()):
        forms = unsaid_forms(mention.label)
        if not forms:
            continue
        pattern = r"\b(?:" + "|".join(f.replace(" ", r"[\s-]+") for f in forms) + r")\b"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if any(taken[match.start() : match.end()]):
                continue  # a term is named there (the full name, or another one)
            out.append(
                Mention.of_span(
                    document,
                    match.start(),
                    match.end(),
                    curie=curie,
                    label=mention.label,
                    type=mention.type,
                    match="shortened",
                )
            )
    return out
