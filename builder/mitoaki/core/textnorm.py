r"""Normalise PDF-extracted text and map every normalised offset back to the raw file.

Steps, each keeping a raw offset for every output character:

1. characters: Unicode NFKC (superscripts, ligature glyphs, no-break spaces), typographic quotes
   and dashes to ASCII; Greek letters and arrows are kept;
2. words hyphenated across a line break are rejoined ("mitochon-\\ndrial" -> "mitochondrial"),
   keeping the hyphen when the hyphenated form is the one the document uses elsewhere
   ("anti-\\noxidative" -> "anti-oxidative");
3. runs of whitespace become one space;
4. words that lost an "fi"/"fl" ligature are restored ("fssion" -> "fission") when the restored
   word is known (it occurs elsewhere in the document, or in the lexicon given).

>>> raw = "the mitochon-\ndrial  fssion; fission and fission"
>>> doc = normalise(raw)
>>> doc.text
'the mitochondrial fission; fission and fission'
>>> start, end = doc.raw_span(4, 4 + len("mitochondrial fission"))
>>> raw[start:end]
'mitochon-\ndrial  fssion'
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00ad": "",  # soft hyphen
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
HYPHEN_BREAK = re.compile(r"([A-Za-z]+)-[ \t]*\r?\n\s*([a-z][A-Za-z]*)")
SPACES = re.compile(r"\s+")
# a short line starting with a capital and ending without punctuation, then a capitalised line
# a line of a flattened table that starts with a year ("2017 Mice Glycerol ...")
TABLE_ROW = re.compile(r"(?m)^(?=(?:19|20)\d\d [A-Z])")
HEADING = re.compile(r"(?m)^[ \t]*[A-Z][^\n]{0,58}[^\s.:;,!?\-][ \t]*\n[ \t]*(?=[A-Z])")
# a line of any length, capitalised and ending without punctuation, then a blank line and a
# capitalised line: a title or a heading standing apart (an abstract's title over its text)
TITLE = re.compile(r"(?m)^[ \t]*[A-Z][^\n]*[^\s.:;,!?\-][ \t]*\n[ \t]*\n\s*(?=[A-Z])")
#: Words of a lexicon (ontology labels) count as this many sightings: trusted over the document.
LEXICON_WEIGHT = 1000
ABBREVIATIONS = ("et al", "e.g", "i.e", "Fig", "fig", "vs", "approx", "ca", "resp", "No", "Ref")


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text and, for each of its characters, the offset of its source in ``raw``."""

    raw: str
    text: str
    offsets: tuple[int, ...]
    #: Offsets where a block (a paragraph after a heading line) starts: sentence boundaries too.
    breaks: frozenset[int] = frozenset()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``[start, end)`` span that normalised ``[start, end)`` came from."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside the text")
        return self.offsets[start], self.offsets[end - 1] + 1

    def find_all(self, needle: str) -> list[int]:
        """Every start offset of ``needle`` (normalised the same way) in the normalised text."""
        target = normalise_phrase(needle)
        if not target:
            return []
        found, at = [], self.text.find(target)
        while at != -1:
            found.append(at)
            at = self.text.find(target, at + 1)
        return found

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span of the sentence holding ``[start, end)``."""
        first = sentence_start(self.text, start)
        first = max([first, *(b for b in self.breaks if b <= start)])
        last = sentence_end(self.text, end)
        last = min([last, *(b for b in self.breaks if b > end)])
        return first, last


def _map_char(char: str) -> str:
    if char in CHAR_MAP:
        return CHAR_MAP[char]
    return unicodedata.normalize("NFKC", char)


def _edit(
    chars: list[str], offsets: list[int], edits: list[tuple[int, int, str]]
) -> tuple[list[str], list[int]]:
    """Replace each ``[start, end)`` by its text; inserted characters take the offset at start."""
    out_chars: list[str] = []
    out_offsets: list[int] = []
    cursor = 0
    for start, end, replacement in sorted(edits):
        out_chars.extend(chars[cursor:start])
        out_offsets.extend(offsets[cursor:start])
        anchor = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if offsets else 0)
        out_chars.extend(replacement)
        out_offsets.extend([anchor] * len(replacement))
        cursor = end
    out_chars.extend(chars[cursor:])
    out_offsets.extend(offsets[cursor:])
    return out_chars, out_offsets


def vocabulary(text: str) -> Counter[str]:
    """Counts of the lower-cased words of a text, hyphenated compounds both whole and split.

    Fragments of words broken across lines are left out: they are not words.
    """
    words: Counter[str] = Counter()
    for match in WORD.finditer(HYPHEN_BREAK.sub(" ", text)):
        word = match.group(0).lower()
        words[word] += 1
        if "-" in word:
            words.update(word.split("-"))
    return words


class Known:
    """How often a document uses a word, a word of the trusted lexicon counting as many times."""

    def __init__(self, counts: Counter[str], trusted: frozenset[str]) -> None:
        self.counts = counts
        self.trusted = trusted

    def __getitem__(self, word: str) -> int:
        seen = self.counts.get(word, 0)
        return max(seen, LEXICON_WEIGHT) if word in self.trusted else seen

    def __contains__(self, word: str) -> bool:
        return word in self.counts or word in self.trusted


def trusted_words(lexicon: Iterable[str]) -> frozenset[str]:
    """The lexicon's words as ``normalise`` trusts them (case folded); build it once per lexicon."""
    return frozenset(word.lower() for word in lexicon)


def _dehyphenate(text: str, known: Known) -> list[tuple[int, int, str]]:
    """Join a line-break hyphen unless the document writes the hyphenated compound.

    The hyphen is kept when the joined word is unknown and either the hyphenated form occurs
    elsewhere or both halves are words of their own ("Mitochondrial-apoptosis").
    """
    edits = []
    for match in HYPHEN_BREAK.finditer(text):
        left, right = match.group(1).lower(), match.group(2).lower()
        compound = f"{left}-{right}" in known or (
            len(left) > 2 and len(right) > 2 and left in known and right in known
        )
        keep = (left + right) not in known and compound
        edits.append((match.end(1), match.start(2), "-" if keep else ""))
    return edits


def _restore_ligatures(text: str, known: Known) -> list[tuple[int, int, str]]:
    """Insert the "i" or "l" a lost ligature dropped after an "f".

    Only when the restored word is the commoner one in the document ("fssion" once, "fission"
    often).
    """
    edits = []
    for match in re.finditer(r"[A-Za-z]*f[A-Za-z]*", text):
        word = match.group(0)
        seen = known[word.lower()]
        for i, char in enumerate(word):
            if char not in "fF":
                continue
            fixed = [
                lost
                for lost in ("i", "l")
                if known[(word[: i + 1] + lost + word[i + 1 :]).lower()] > seen
            ]
            if len(fixed) == 1:
                position = match.start() + i + 1
                edits.append((position, position, fixed[0]))
                break
    return edits


def _corrected(text: str, corrections: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Edits that replace each whole-word occurrence of a misspelling by its correction."""
    edits = []
    for wrong, right in corrections:
        pattern = rf"(?<![\w-]){re.escape(wrong)}(?![\w-])"
        for m in re.finditer(pattern, text):
            if len(right) == len(wrong):  # letter by letter: every offset kept
                edits += [(m.start() + i, m.start() + i + 1, c) for i, c in enumerate(right)]
            else:
                edits.append((m.start(), m.end(), right))
    return edits


def normalise(
    raw: str, lexicon: Iterable[str] = (), corrections: Iterable[tuple[str, str]] = ()
) -> NormalisedText:
    """Normalise ``raw`` (see the module docstring); ``lexicon`` adds trusted known words.

    A ``frozenset`` lexicon is taken as ``trusted_words`` made it (a reader builds it once).

    ``corrections`` are (misspelling, correction) pairs of this document (a per-document
    table: a spelling one source gets wrong is no form of the general lexicon), applied last.

    >>> normalise("midiv-1 and midiv-1s", corrections=[("midiv-1", "mdivi-1")]).text
    'mdivi-1 and midiv-1s'
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(raw):
        for mapped in _map_char(char):
            chars.append(mapped)
            offsets.append(index)
    text = "".join(chars)
    trusted = lexicon if isinstance(lexicon, frozenset) else trusted_words(lexicon)
    known = Known(vocabulary(text), trusted)
    chars, offsets = _edit(chars, offsets, _dehyphenate(text, known))
    text = "".join(chars)
    spaces = [(m.start(), m.end(), " ") for m in SPACES.finditer(text) if m.group(0) != " "]
    chars, offsets = _edit(chars, offsets, spaces)
    text = "".join(chars)
    known = Known(vocabulary(text), trusted)
    chars, offsets = _edit(chars, offsets, _restore_ligatures(text, known))
    if corrections:
        chars, offsets = _edit(chars, offsets, _corrected("".join(chars), corrections))
    block_starts = {match.end() for pattern in (HEADING, TITLE) for match in pattern.finditer(raw)}
    block_starts |= {match.start() for match in TABLE_ROW.finditer(raw)}
    # the first normalised character of each block start (offsets never decrease)
    at = {start: bisect.bisect_left(offsets, start) for start in block_starts}
    breaks = frozenset(i for start, i in at.items() if offsets[i : i + 1] == [start])
    return NormalisedText(raw=raw, text="".join(chars), offsets=tuple(offsets), breaks=breaks)


def normalise_phrase(phrase: str) -> str:
    r"""Normalise a short phrase (an anchor) as document text is, without the document's lexicon.

    >>> normalise_phrase("PGC-1α  and\nNAD⁺")
    'PGC-1α and NAD+'
    """
    return normalise(phrase).text.strip()


MIXED_CASE = re.compile(r"[a-z]{1,4}[A-Z][A-Za-z0-9]*\b")


def _is_boundary(text: str, dot: int) -> bool:
    """True when the ``.``, ``!`` or ``?`` at ``dot`` ends a sentence.

    >>> _is_boundary("X fell. mRNA of Y rose.", 6), _is_boundary("X fell. and so", 6)
    (True, False)
    """
    after = text[dot + 1 : dot + 3]
    if not after.startswith(" ") or len(after) < 2:
        return dot + 1 >= len(text)
    if not (after[1].isupper() or after[1].isdigit() or after[1] in "([\"'"):
        # a sentence may open with a word in lower case that has a capital ("mRNA", "mtDNA")
        word = MIXED_CASE.match(text, dot + 2)
        if word is None:
            return False
    before = text[max(0, dot - 8) : dot]
    if any(before.endswith(abbreviation) for abbreviation in ABBREVIATIONS):
        return False
    return not re.search(r"(?:^|\s)[A-Z]$", before)  # an initial such as "Wang Y."


def sentence_start(text: str, position: int) -> int:
    """Offset where the sentence holding ``position`` starts."""
    for index in range(position - 1, 0, -1):
        if text[index] in ".!?" and _is_boundary(text, index):
            return index + 2
    return 0


def sentence_end(text: str, position: int) -> int:
    """Offset just after the sentence holding ``position`` ends."""
    for index in range(max(position - 1, 0), len(text)):
        if text[index] in ".!?" and _is_boundary(text, index):
            return index + 1
    return len(text)
