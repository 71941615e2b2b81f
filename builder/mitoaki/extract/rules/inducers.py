"""What a text names as the cause of its injury is the model's inducer, whatever its vocabulary.

Two ways a text says what induced the injury it studies:

- **"<X>-induced <injury>"** ("CLP-induced AKI", "rhabdomyolysis-associated AKI"): X is the
  inducer. Where X is an abbreviation or a term of art (rare in general English:
  ``names.rare_word``) that no mention names, it is a name-only inducer mention of its own
  (an abbreviation the text defines is already a mention: ``rules.abbreviations``);
- **"<injury> secondary to / due to / caused by / complicating ... X"**: the mention that
  follows is the inducer.

The cause is retyped ``inducer`` where it is a disease or a name-only entity (a disease is no
entity the gold table or the drafts record unless it induced the injury, and a name-only one
was typed by its head noun alone), with every other mention of the same term in the text. A
chemical keeps its type (cisplatin is an inducer by the ontology; a chemical the ontology does
not make an insult is proposed as the chemical given).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.lexicon.names import rare_word
from mitoaki.extract.mentions import Mention

#: The injury a cause is named for: kidney injury and its kinds, or a model of it.
_INJURY = (
    r"(?:AKI|ARF|(?:acute\s+)?(?:kidney|renal|tubular)\s+(?:injury|failure|damage)|injury|"
    r"nephropathy|nephrotoxicity|model)\b"
)
#: "<X>-induced [up to three words] <injury>": the end of X, then the joint.
INDUCED = re.compile(
    rf"-(?:induced|associated|related)\s+(?:[\w\-]+\s+){{0,3}}?{_INJURY}", re.IGNORECASE
)
#: "<injury> secondary to X" and the like: the injury, then the words before X.
CAUSED_BY = re.compile(
    rf"{_INJURY}\s+(?:secondary\s+to|due\s+to|caused\s+by|induced\s+by|resulting\s+from|"
    r"associated\s+with|complicating|following|after)\s+(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)
#: The word before the joint: an abbreviation has two capitals or more ("CLP", "I/R", "UUO").
LAST_WORD = re.compile(r"(?<![\w/-])([A-Za-z0-9/]+)$")
ABBREVIATION = re.compile(r"[A-Za-z0-9/]*[A-Z][A-Za-z0-9/]*[A-Z][A-Za-z0-9/]*")
#: The types a cause takes ``inducer`` from.
RETYPED = frozenset({"disease", "phenotype", "other"})
INDUCER = "inducer"


def causes(document: NormalisedText, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with each cause of the injury typed ``inducer`` (module docstring).

    >>> from mitoaki.core.textnorm import normalise
    >>> doc = normalise("Rats with CLP-induced AKI and mice with AKI due to sepsis.")
    >>> at = doc.text.index("sepsis")
    >>> sepsis = Mention.of_span(doc, at, at + 6, curie="X:1", label="sepsis", type="disease")
    >>> [(m.text, m.curie, m.type) for m in causes(doc, [sepsis])]
    [('CLP', '', 'inducer'), ('sepsis', 'X:1', 'inducer')]
    """
    text = document.text
    ordered = sorted(mentions, key=lambda m: m.norm_start)
    found: list[Mention] = []
    added: list[Mention] = []
    for match in INDUCED.finditer(text):
        before = [m for m in ordered if m.norm_end == match.start()]
        if before:
            found += before
        elif word := LAST_WORD.search(text, max(0, match.start() - 40), match.start()):
            start, end = word.span(1)
            named = ABBREVIATION.fullmatch(word.group(1)) or rare_word(word.group(1).lower())
            if named and not any(m.norm_start < end and start < m.norm_end for m in ordered):
                added.append(
                    Mention.of_span(
                        document,
                        start,
                        end,
                        curie="",
                        label=word.group(1),
                        type=INDUCER,
                        match="cause",
                    )
                )
    for match in CAUSED_BY.finditer(text):
        found += [m for m in ordered if m.norm_start == match.end()]
    keys = {_identity(m) for m in found if m.type in RETYPED}
    out = [replace(m, type=INDUCER) if _identity(m) in keys else m for m in mentions]
    return sorted([*out, *added], key=lambda m: (m.norm_start, m.norm_end))


def _identity(mention: Mention) -> str:
    """What names one entity of a text: its CURIE, else its label."""
    return mention.curie or f"name:{mention.label.lower()}"
