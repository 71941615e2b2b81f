"""An organ's part said without the organ: "the cortex" of a text about the kidney.

A text about one organ names its regions and their cells without naming the organ again ("the
cortex and the medulla were dissected", "medullary congestion", "tubular cells"). The organ a
text is about is the one its organ words name most often (at least twice, more often than any
other: ``ORGANS``); a part word there (``PART``, a region's adjective read as its noun:
"medullary" for medulla) names the term that the organ's adjective or noun and the part form
together ("renal medulla", "kidney cortex", "renal tubular cells"), in the project's lexicon or
the whole vocabularies, when that term is a structure or a cell type; a lesion of the organ
said by its "-osis" noun alone ("fibrosis") names the organ's disease or phenotype of that
name ("renal fibrosis") the same way. It replaces a mention of the same words with another
term (the generic "cortex"); a longer mention that holds the words ("adrenal cortex") is left
as it is. A text about no one organ gets no parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.forms import key
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.lexicon.compiled import Vocabulary
from mitoaki.extract.mentions import Mention

#: Organ -> (the words that name it in a text, the words that name it in a term, adjective first).
ORGANS = {
    "kidney": (re.compile(r"\b(?:kidneys?|renal|nephr\w*)\b", re.I), ("renal", "kidney")),
    "liver": (re.compile(r"\b(?:livers?|hepatic|hepato\w*)\b", re.I), ("hepatic", "liver")),
    "heart": (re.compile(r"\b(?:hearts?|cardiac|myocardi\w*)\b", re.I), ("cardiac", "heart")),
    "lung": (re.compile(r"\b(?:lungs?|pulmonary)\b", re.I), ("pulmonary", "lung")),
    "brain": (re.compile(r"\b(?:brains?|cerebral)\b", re.I), ("cerebral", "brain")),
}
#: A part of an organ: a region (its noun or adjective) or a structure, alone or with the cells
#: or the epithelium it has ("tubular cells"); a bare structure adjective ("tubular injury")
#: names no part.
PART = re.compile(
    r"\b(?:(?P<region>cortex|cortices|medulla|medullae|papilla|papillae|parenchyma|"
    r"interstitium|pelvis|capsule|glomerul(?:us|i)|tubules?)|"
    r"(?P<adjective>cortical|medullary|papillary)|"
    r"(?P<structure>tubular|glomerular|interstitial|epithelial)|"
    r"(?P<lesion>[a-z]+osis))"
    r"(?P<cells>\s+(?:epithelial\s+)?cells?)?\b",
    re.IGNORECASE,
)
#: A region's adjective -> its noun.
NOUNS = {"cortical": "cortex", "medullary": "medulla", "papillary": "papilla"}
#: The types a part may have, and a lesion of the organ (a disease, a phenotype).
PART_TYPES = frozenset({"anatomy", "cell"})
LESION_TYPES = frozenset({"disease", "phenotype"})


def text_organ(text: str) -> str | None:
    """The organ a text is about: named most often, at least twice, by no tie.

    >>> text_organ("Renal tubules of the kidney; the liver was spared.")
    'kidney'
    >>> text_organ("The kidney and the liver.") is None
    True
    """
    counts = sorted(
        ((len(words.findall(text)), organ) for organ, (words, _) in ORGANS.items()),
        reverse=True,
    )
    (most, organ), (second, _) = counts[0], counts[1]
    return organ if most >= 2 and most > second else None


def _term(
    phrase: str, lexicon: Lexicon, vocabulary: Vocabulary | None
) -> tuple[str, str, str] | None:
    """(CURIE, label, type) of a phrase that is a form of a structure or cell type, if any.

    A phrase of a lesion ("renal fibrosis") is a form of a disease or phenotype.
    """
    types = LESION_TYPES if phrase.endswith("osis") else PART_TYPES
    curie = lexicon.forms.get(key(phrase))
    if curie is not None and lexicon.type_of(curie) in types:
        return curie, lexicon.labels.get(curie, ""), lexicon.type_of(curie)
    if vocabulary is None:
        return None
    for start, end, candidates in vocabulary.find(phrase):
        if (start, end) != (0, len(phrase)):
            continue
        term = next((i for i in candidates if vocabulary.types[i] in types), None)
        if term is not None:
            return vocabulary.curies[term], vocabulary.labels[term], vocabulary.types[term]
    return None


def part_phrases(text: str) -> list[tuple[int, int, list[str]]]:
    """The part words of a text about one organ: (start, end, the phrases the organ makes).

    >>> part_phrases("Both kidneys were cut in renal halves; the medullary vessels bled.")
    [(43, 52, ['renal medulla', 'kidney medulla'])]
    >>> part_phrases("The medulla.")
    []
    """
    organ = text_organ(text)
    if organ is None:
        return []
    names = ORGANS[organ][1]
    out = []
    for match in PART.finditer(text):
        if match.group("structure") and not match.group("cells"):
            continue
        word = match.group("adjective")
        phrase = NOUNS[word.lower()] if word else match.group(0)
        out.append((match.start(), match.end(), [f"{n} {phrase}" for n in names]))
    return out


def organ_parts(
    document: NormalisedText,
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    vocabulary: Vocabulary | None,
) -> tuple[list[Mention], list[Mention]]:
    """The parts of the text's organ it names without the organ, and the mentions they replace."""
    out: list[Mention] = []
    replaced: list[Mention] = []
    for start, end, phrases in part_phrases(document.text):
        over = [m for m in mentions if m.norm_start < end and start < m.norm_end]
        if any(m.norm_start < start or end < m.norm_end for m in over):
            continue  # a longer mention holds it ("adrenal cortex", "renal medulla")
        terms = (_term(phrase, lexicon, vocabulary) for phrase in phrases)
        found = next((t for t in terms if t), None)
        if found is None or any(m.curie == found[0] for m in over):
            continue
        curie, label, kind = found
        replaced += over
        out.append(
            Mention.of_span(document, start, end, curie=curie, label=label, type=kind, match="part")
        )
    return out, replaced
