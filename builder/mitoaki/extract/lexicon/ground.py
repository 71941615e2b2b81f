"""Ground the words the ontology's lexicon leaves unnamed against the whole vocabularies.

A match of the compiled vocabulary (``compiled``) becomes a mention where no mention of the
project's lexicon overlaps it. A form several terms share is resolved by the entity type its
context asks for (``wanted``): a gene after "expression of" or before "mRNA", a process after
a verb of change ("inhibited", "induced"), an anatomical structure after "in the", a cell type
before "cells"; else the best-ranked term (a label before a synonym, the most specific one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract import coordination
from mitoaki.extract.lexicon.compiled import Vocabulary
from mitoaki.extract.matching import inline_windows
from mitoaki.extract.mentions import Mention

#: Words before a mention that ask for a gene or its product.
GENE_BEFORE = re.compile(
    r"\b(?:expression|levels?|mRNA|proteins?|genes?|knock(?:out|down)|deficien\w*|"
    r"phosphorylat\w*|silenc\w*|overexpress\w*|transcripts?|antibod\w+|deletion|"
    r"abundance)(?: of)?(?: the)? $",
    re.IGNORECASE,
)
#: Words after a mention that make it a gene or its product.
GENE_AFTER = re.compile(
    r"^(?:-| )?(?:mRNA|proteins?|genes?|expression|knock(?:out|down)|-/-|deficient|null|"
    r"positive|transcripts?|phosphorylation|signall?ing|inhibitors?|agonists?)\b",
    re.IGNORECASE,
)
#: A verb or noun of change before a mention asks for a process.
PROCESS_BEFORE = re.compile(
    r"\b(?:inhibit|induc|promot|suppress|attenuat|block|activat|enhanc|impair|prevent|"
    r"trigger|restor|regulat|reduc|increas|decreas)\w*(?: of)?(?: the)? $",
    re.IGNORECASE,
)
#: The narrower gene context an upper-case alias of three letters needs ("BIM" after "expression
#: of", before "protein"): "levels of" also comes before other abbreviations ("LPS", "GFR").
STRICT_BEFORE = re.compile(
    r"\b(?:expression|mRNA|proteins?|genes?|knock(?:out|down)|silenc\w*|overexpress\w*|"
    r"transcripts?)(?: of)?(?: the)? $",
    re.IGNORECASE,
)
STRICT_AFTER = re.compile(
    r"^(?:-| )?(?:mRNA|proteins?|genes?|expression|knock(?:out|down)|-/-|transcripts?)\b",
    re.IGNORECASE,
)
#: What parts two members of a list ("Bim, Bad and Bax", "BIM/BAX").
LIST_GAP = re.compile(coordination.LIST_GAP)
ANATOMY_BEFORE = re.compile(r"\b(?:in|into|within|of) the $", re.IGNORECASE)
CELL_AFTER = re.compile(r"^ cells?\b", re.IGNORECASE)
REACH = 40
#: Types of a longer vocabulary term that keeps the project's shorter mentions it spans.
COVERING = frozenset({"cell", "anatomy"})


def _covers(start: int, end: int, taken: list[Mention]) -> bool:
    """Whether a span holds whole every mention it overlaps, and is longer than each."""
    inside = [m for m in taken if m.norm_start < end and start < m.norm_end]
    return bool(inside) and all(
        start <= m.norm_start and m.norm_end <= end and (m.norm_start, m.norm_end) != (start, end)
        for m in inside
    )


def wanted(text: str, start: int, end: int) -> tuple[str, ...]:
    """The entity types the context of a span asks for, most wanted first.

    >>> text = "the expression of FOO rose; they inhibited BAR in the BAZ"
    >>> wanted(text, 18, 21), wanted(text, 43, 46), wanted(text, 54, 57)
    (('gene',), ('process', 'component'), ('anatomy', 'component', 'cell'))
    """
    before = text[max(0, start - REACH) : start]
    after = text[end : end + REACH]
    if GENE_BEFORE.search(before) or GENE_AFTER.match(after):
        return ("gene",)
    if CELL_AFTER.match(after):
        return ("cell", "anatomy")
    if PROCESS_BEFORE.search(before):
        return ("process", "component")
    if ANATOMY_BEFORE.search(before):
        return ("anatomy", "component", "cell")
    return ()


def gene_context(text: str, start: int, end: int) -> bool:
    """Whether the words around a span ask for a gene (``wanted``; ``STRICT_*`` if upper case).

    An upper-case form of ``compiled.CONTEXT`` is an alias of three letters, which is also
    another abbreviation: it needs the narrower context.

    >>> text = "Expression of BIM and levels of Bim rose; levels of BIM too."
    >>> gene_context(text, 14, 17), gene_context(text, 32, 35), gene_context(text, 52, 55)
    (True, True, False)
    """
    if not text[start:end].isupper():
        return wanted(text, start, end)[:1] == ("gene",)
    before = text[max(0, start - REACH) : start]
    return bool(STRICT_BEFORE.search(before) or STRICT_AFTER.match(text[end : end + REACH]))


def listed_with(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a span is a member of a list next to one of ``spans`` ("Bim, Bad and Bax")."""
    return any(
        LIST_GAP.fullmatch(text, e, start) or LIST_GAP.fullmatch(text, end, s) for s, e in spans
    )


@dataclass(frozen=True)
class Grounder:
    """Mentions from the whole vocabularies, beside those of the project's lexicon."""

    vocabulary: Vocabulary

    def choose(self, text: str, start: int, end: int, candidates: tuple[int, ...]) -> int:
        """The candidate term the context asks for, else the best-ranked one."""
        types = self.vocabulary.types
        for kind in wanted(text, start, end):
            found = next((i for i in candidates if types[i] == kind), None)
            if found is not None:
                return found
        return candidates[0]

    def across_inline(self, text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """Terms an abbreviation defined inside them interrupts, as ``matching.across_inline``.

        >>> from mitoaki.extract.lexicon.compiled import compile_vocabulary
        >>> from mitoaki.extract.lexicon.tables import Entry
        >>> root = Entry("GO:0005575", "cellular_component", ())
        >>> pore = Entry("GO:1", "transition pore", (), ("GO:0005575",))
        >>> grounder = Grounder(compile_vocabulary([root, pore]))
        >>> text = "the transition (TP) pore opened"
        >>> [(text[a:b], grounder.vocabulary.curies[c[0]]) for a, b, c in
        ...  grounder.across_inline(text)]
        [('transition (TP) pore', 'GO:1')]
        """
        out = []
        for lo, cut, width, window in inline_windows(text):
            for start, end, terms in self.vocabulary.find(window):
                if start < cut < end:
                    out.append((lo + start, lo + end + width, terms))
        return out

    def mentions(self, document: NormalisedText, taken: list[Mention]) -> list[Mention]:
        """Vocabulary mentions of a text that overlap no mention in ``taken`` (longest first).

        A term that spans mentions of ``taken`` whole and is longer names more ("tumor
        necrosis factor α" over "tumor" and "necrosis"): it is added, and ``replace_covered``
        then leaves them out, unless it is a cell type or structure (``COVERING``).
        """
        text = document.text
        busy = bytearray(len(text) + 1)
        for m in taken:
            busy[m.norm_start : m.norm_end] = b"\x01" * (m.norm_end - m.norm_start)
        found = [*self.vocabulary.find(text), *self.across_inline(text)]
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        out = []
        covered = bytearray(len(text) + 1)
        for start, end, candidates in found:
            if any(busy[start:end]):
                if any(covered[start:end]) or not _covers(start, end, taken):
                    continue
                term = self.choose(text, start, end, candidates)
                covered[start:end] = busy[start:end] = b"\x01" * (end - start)
            else:
                busy[start:end] = b"\x01" * (end - start)
                term = self.choose(text, start, end, candidates)
            out.append(self._mention(document, start, end, term))
        genes = [(m.norm_start, m.norm_end) for m in [*taken, *out] if m.type == "gene"]
        return out + self.contextual(document, busy, genes)

    def contextual(
        self, document: NormalisedText, busy: bytearray, genes: list[tuple[int, int]]
    ) -> list[Mention]:
        """Genes of the forms that name one only in context (``compiled.CONTEXT``).

        A form is a gene where the words around it ask for one (``gene_context``), or in a
        list with a gene mention (``genes``) or with a form found so; an upper-case form
        (also another abbreviation: "LPS and TNF-α") only in a list with one found so.
        """
        text = document.text
        found = sorted(self.vocabulary.find_contextual(text), key=lambda f: (f[0] - f[1], f[0]))
        chosen: list[tuple[int, int, int]] = []
        grown = True
        while grown:
            grown = False
            near = [(s, e) for s, e, _ in chosen]
            for start, end, candidates in found:
                if any(busy[start:end]):
                    continue
                listed = near if text[start:end].isupper() else [*genes, *near]
                if gene_context(text, start, end) or listed_with(text, start, end, listed):
                    term = candidates[0]  # a gene: only genes have such forms
                    busy[start:end] = b"\x01" * (end - start)
                    chosen.append((start, end, term))
                    grown = True
        return [self._mention(document, s, e, t) for s, e, t in sorted(chosen)]

    def _mention(self, document: NormalisedText, start: int, end: int, term: int) -> Mention:
        """The vocabulary mention of a term at a normalised span."""
        vocabulary = self.vocabulary
        return Mention.of_span(
            document,
            start,
            end,
            curie=vocabulary.curies[term],
            label=vocabulary.labels[term],
            type=vocabulary.types[term],
            match="vocabulary",
        )


def load_grounder(paths: list[Path]) -> Grounder:
    """The grounder of vocabulary files (term tables, OBO or OWL), compiled once and cached.

    The project's stop terms (``stopterms.tsv``) claim no form there either.
    """
    from mitoaki.extract.forms import stop_terms
    from mitoaki.extract.lexicon.cache import load

    return Grounder(load(paths, stop_terms()))


def replace_covered(taken: list[Mention], extra: list[Mention]) -> list[Mention]:
    """The mentions of both lists, a mention of ``taken`` inside a longer one of ``extra`` left out.

    A longer name is what the text names ("tumor necrosis factor α" is no tumour and no
    necrosis); a cell type or structure keeps the shorter mentions it spans beside it
    (``COVERING``: "umbilical vein endothelial cells" also names endothelial cells), for the
    findings to read; the reader leaves a cell type's words out of the mentions it proposes
    unless the cell type names MSCs by their source (``rules.names.in_cell_name``).
    """
    longer = [m for m in extra if m.type not in COVERING]
    kept = [
        m
        for m in taken
        if not any(
            o.norm_start <= m.norm_start
            and m.norm_end <= o.norm_end
            and (o.norm_start, o.norm_end) != (m.norm_start, m.norm_end)
            for o in longer
        )
    ]
    return kept + extra
