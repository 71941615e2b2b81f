"""Abbreviations a text defines, found as Schwartz and Hearst (2003) find them.

A short form in parentheses after a phrase ("blood urea nitrogen (BUN)") is defined by the
shortest run of words before it that holds the short form's characters in order, the first
character starting a word. The long form then names what the short form names everywhere in the
text ("BUN and Cr were reduced" measures blood urea nitrogen), grounded or not.
"""

from __future__ import annotations

import re

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.mentions import Mention

SHORT = re.compile(r"\(([A-Za-z][\w\-/+α-ω]{0,9})\)")
#: Head nouns of a material given or used (a medium, vesicles): what such a long form names is
#: no measured quantity. Where the text names stem cells, it is their product.
MATERIAL = re.compile(
    r"(?:medium|media|vesicles?|exosomes?|secretome|supernatants?|extracts?|lysates?)$",
    re.IGNORECASE,
)
STEM = re.compile(r"\bstem\b|\bstromal\b", re.IGNORECASE)
WORDS_BEFORE = re.compile(r"[\w\-/+α-ω']+")
#: Where a short form ends: no word goes on, or a participle joined to it ("LPS-induced",
#: "CM-treated"), which makes a compound of it without being part of its name.
UNJOINED = r"(?:(?![\w-])|(?=-[a-z]+(?:ed|ing)\b))"


def _long_form(short: str, words: list[str]) -> int | None:
    """How many of the last ``words`` the short form abbreviates (Schwartz-Hearst), or None."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not letters[0].isalpha():
        return None
    limit = min(len(words), len(short) + 5, 2 * len(short))
    text = " ".join(words[-limit:]).lower()
    s, t = len(letters) - 1, len(text) - 1
    while s >= 0:
        while t >= 0 and (text[t] != letters[s] or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        s -= 1
        t -= 1
    used = text[t + 1 :].count(" ") + 1
    return used if used <= limit else None


def abbreviates(short: str, before: str) -> bool:
    """Whether a short form abbreviates the end of a phrase.

    As Schwartz and Hearst find it, or, for a short form with a capital (an abbreviation by
    its look: "NRK" of "normal rat renal cells", whose letters the words do not all hold), when
    its first letter starts one of the phrase's last words.

    >>> abbreviates("ROS", "the reactive oxygen species"), abbreviates("nitrotyrosine", "stress")
    (True, False)
    >>> abbreviates("NRK", "normal rat renal cells"), abbreviates("MDA", "lipid peroxidation")
    (True, False)
    """
    words = WORDS_BEFORE.findall(before)
    if _long_form(short, words) is not None:
        return True
    initials = {w[0].lower() for w in words[-(len(short) + 5) :]}
    return any(c.isupper() for c in short) and short[0].lower() in initials


def definitions(text: str) -> dict[str, str]:
    """Short form -> long form of every abbreviation a text defines.

    >>> definitions("Blood urea nitrogen (BUN) and serum creatinine (Cr) rose; BUN fell.")
    {'BUN': 'Blood urea nitrogen', 'Cr': 'creatinine'}
    >>> definitions("the kidneys (n = 6) were used")
    {}
    """
    out: dict[str, str] = {}
    for match in SHORT.finditer(text):
        short = match.group(1)
        if short in out or not any(c.isupper() for c in short):
            continue
        before = list(WORDS_BEFORE.finditer(text, max(0, match.start() - 120), match.start()))
        count = _long_form(short, [w.group(0) for w in before])
        if count is None:
            continue
        long_form = text[before[-count].start() : before[-1].end()]
        if len(long_form) > len(short):
            out[short] = long_form
    return out


def defined_mentions(
    document: NormalisedText, mentions: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """Mentions of the short forms a text defines that no mention covers yet, and those left out.

    A short form names the term of the mention that spans its long form (the last one ending
    where the long form ends, starting inside it). A long form no term names takes the term of
    its short form where a mention grounds that ("silent information regulator 1 (SIRT1)"),
    there and wherever the text says it again (``_said_again``): the mentions inside it are
    left out (the second list). A long form that neither names
    makes both forms one name-only entity (``curie=""``, the long form its label): a measured
    one, unless its head names a material (``MATERIAL``: "conditioned medium (CM)"), then the
    stem cells' product where the text names stem cells, else no entity of a finding.
    """
    text = document.text
    busy = bytearray(len(text) + 1)
    for m in mentions:
        busy[m.norm_start : m.norm_end] = b"\x01" * (m.norm_end - m.norm_start)
    stem_cells = any(m.type == "msc" or STEM.search(m.label) for m in mentions)
    out: list[Mention] = []
    inside: list[Mention] = []
    for short, long_form in definitions(text).items():
        at = text.find(f"{long_form} ({short})")
        if at < 0:
            continue
        end = at + len(long_form)
        named = [m for m in mentions if m.norm_end == end and at <= m.norm_start and m.curie]
        known = [m for m in mentions if m.norm_start == end + 2 and m.curie]
        if known and not named:
            for start, stop in [(at, end), *_said_again(text, long_form, mentions, at)]:
                inside += [m for m in mentions if start <= m.norm_start and m.norm_end <= stop]
                busy[start:stop] = b"\x01" * (stop - start)
                out.append(_defined(document, (start, stop), known[0], long_form, stem_cells))
            continue
        spans = [
            (m.start(), m.end())
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}{UNJOINED}", text)
        ]
        if not named:
            spans.append((at, end))
        base = named[0] if named else None
        for start, stop in spans:
            # the text's own definition outranks another sense the whole vocabularies give
            # the short form ("cells (NRK)" are no gene NRK)
            other = _other_senses(mentions, (start, stop), base)
            if other:
                inside += other
                busy[start:stop] = b"\x00" * (stop - start)
            if any(busy[start:stop]):
                continue
            busy[start:stop] = b"\x01" * (stop - start)
            out.append(_defined(document, (start, stop), base, long_form, stem_cells))
    return out, inside


def _said_again(
    text: str, long_form: str, mentions: list[Mention], defined_at: int
) -> list[tuple[int, int]]:
    r"""The other places a text says a long form (any case and spacing) no mention straddles.

    >>> _said_again("adenosine triphosphate (ATP) ... ATP Adenosine\ntriphosphate", "adenosine"
    ...             " triphosphate", [], 0)
    [(37, 59)]
    """
    words = r"\s+".join(re.escape(w) for w in long_form.split())
    said = re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)
    return [
        (m.start(), m.end())
        for m in said.finditer(text)
        if m.start() != defined_at
        and not any(
            n.norm_start < m.end()
            and m.start() < n.norm_end
            and not (m.start() <= n.norm_start and n.norm_end <= m.end())
            for n in mentions
        )
    ]


def _other_senses(
    mentions: list[Mention], span: tuple[int, int], base: Mention | None
) -> list[Mention]:
    """The vocabularies' mentions of exactly ``span`` with another term than the definition's."""
    return [
        m
        for m in mentions
        if (m.norm_start, m.norm_end) == span
        and m.match in {"vocabulary", "defined"}
        and base is not None
        and m.curie != base.curie
    ]


def _defined(
    document: NormalisedText,
    span: tuple[int, int],
    base: Mention | None,
    long_form: str,
    stem_cells: bool,
) -> Mention:
    """A defined form's mention: the term of ``base``, else a name-only one (its long form)."""
    return Mention.of_span(
        document,
        *span,
        curie=base.curie if base else "",
        label=base.label if base else long_form.lower(),
        type=base.type if base else _unnamed_type(long_form, stem_cells),
        match="defined",
        score=1.0 if base else 0.8,
    )


def _unnamed_type(long_form: str, stem_cells: bool) -> str:
    """The type of a name-only defined term: a product, a material or a measured phenotype.

    >>> _unnamed_type("spheroid conditioned medium", True), _unnamed_type("lysis buffer", True)
    ('msc_product', 'phenotype')
    >>> _unnamed_type("tissue extract", False)
    'material'
    """
    if MATERIAL.search(long_form):
        return "msc_product" if stem_cells else "material"
    return "phenotype"
