"""Read one document: sentences, mentions, proposed findings and the rows of flattened tables.

A flattened table row (as PDF text extraction leaves Table 1 of a review: "2017 Mice Glycerol
Bone marrow ↑ATP, ↓ROS ... Geng et al. [64]") starts a line with a year; its cells are read by
entity type rather than by position: the species, the AKI inducer or model, the MSC source
(tissue or cell type), the outcomes (arrow cues, "Normalized ...") and the reference
("Author et al. [n]"), which also ends the row.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from mitoaki.core.textnorm import NormalisedText, normalise, trusted_words
from mitoaki.extract.composed import (
    chain_terms,
    chains,
    possessive_terms,
    produced_terms,
    secreted_terms,
    sourced_terms,
)
from mitoaki.extract.findings import CITATION, ProposedFinding, propose
from mitoaki.extract.graph_lexicon import Lexicon, lexicon_words
from mitoaki.extract.implicit import implied_findings
from mitoaki.extract.infer import defined_terms, fillers, implied_insults
from mitoaki.extract.lexicon.ground import Grounder, replace_covered
from mitoaki.extract.matching import FuzzyIndex
from mitoaki.extract.mentions import Mention, find_mentions, sentences
from mitoaki.extract.rules.abbreviations import defined_mentions
from mitoaki.extract.rules.acute import without_acute
from mitoaki.extract.rules.background import background
from mitoaki.extract.rules.inducers import causes
from mitoaki.extract.rules.intercellular import intercellular
from mitoaki.extract.rules.names import (
    agent_processes,
    no_mentions,
    of_msc,
    organ_said,
    site_routes,
)
from mitoaki.extract.rules.parts import organ_parts
from mitoaki.extract.rules.possessive import possessed

CORRECTIONS = Path(__file__).with_name("corrections.tsv")
#: The prefix of an adjective of acting against something ("anti-inflammatory").
AGAINST = re.compile(r"anti\b|anti[a-z]", re.IGNORECASE)


def read_corrections(path: Path = CORRECTIONS) -> dict[str, list[tuple[str, str]]]:
    """Document file name -> (misspelling, correction) pairs of a per-document table."""
    out: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            document, written, meant = line.rstrip("\n").split("\t")[:3]
            out.setdefault(document, []).append((written, meant))
    return out


ROW_START = re.compile(r"(?:19|20)\d\d (?=[A-Z])")
REFERENCE = re.compile(r"([A-Z][\w'\-]+) et al\.? ?\[(\d+)\]")
SOURCE_TYPES = ("anatomy", "cell", "msc", "msc_product")
#: Confidence of a finding read from a table row's arrow cue, and from running text.
ROW_CONFIDENCE = 0.85
TEXT_CONFIDENCE = 0.7


@dataclass(frozen=True)
class TableRow:
    """One row of a flattened study table, its cells read by entity type."""

    number: int
    year: int
    text: str
    start: int
    end: int
    species: Mention | None
    inducer: Mention | None
    source: Mention | None
    first_author: str | None
    ref: int | None
    outcomes: tuple[ProposedFinding, ...]
    norm_start: int = 0
    norm_end: int = 0
    kind: str = "table_row"

    def to_json(self) -> dict[str, object]:
        """The JSONL object of the row."""

        def cell(mention: Mention | None) -> dict[str, str] | None:
            return {"text": mention.text, "curie": mention.curie} if mention else None

        return {
            "kind": self.kind,
            "row": self.number,
            "year": self.year,
            "species": cell(self.species),
            "inducer": cell(self.inducer),
            "source": cell(self.source),
            "first_author": self.first_author,
            "ref": self.ref,
            "outcomes": [
                {"curie": f.entity.curie, "label": f.entity.label, "direction": f.direction}
                for f in self.outcomes
            ],
            "start": self.start,
            "end": self.end,
        }


MSC = "CL:0000134"
#: Types whose terms the whole vocabulary may count as too general to name (a thousand
#: descendants or more): a GO process or component such as "metabolic process" groups
#: processes by what they act on and names none a record can state (stopterms.tsv lists
#: such classes by hand; the vocabulary finds them all).
GROUPING = frozenset({"process", "component"})


def one_source(text: str, mentions: list[Mention]) -> list[Mention]:
    """In a text of one study (it cites nothing), its MSCs are those of the one source it names.

    An abstract that names its cells once by their source ("bone marrow MSCs") and then as
    "MSCs" speaks of the same cells: the plain mentions take the specific term. A text that
    cites studies, or names MSCs of several sources, keeps them as they are.
    """
    if CITATION.search(text):
        return mentions
    specific = {m.curie: m for m in mentions if m.curie != MSC and of_msc(m)}
    if len(specific) != 1:
        return mentions
    (one,) = specific.values()
    return [replace(m, curie=one.curie, label=one.label) if m.curie == MSC else m for m in mentions]


@dataclass
class Reading:
    """What the reader found in one document."""

    name: str
    document: NormalisedText
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    findings: list[ProposedFinding] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)

    def sentence_index(self, offset: int) -> int:
        """The number of the sentence holding a normalised offset."""
        return bisect.bisect_right([start for start, _ in self.sentences], offset) - 1


class Reader:
    """The extraction pipeline over one lexicon (build it once, read many documents)."""

    def __init__(
        self, lexicon: Lexicon, *, fuzzy: bool = True, grounder: Grounder | None = None
    ) -> None:
        self.lexicon = lexicon
        self.grounder = grounder
        self.corrections = read_corrections()
        self.words = trusted_words(lexicon_words(lexicon))
        self.fuzzy = FuzzyIndex(lexicon.fuzzy_forms) if fuzzy else None
        self.activations = lexicon.activations
        self.changes = lexicon.changes
        self.chains = chains(lexicon)
        self.inducers = frozenset(lexicon.diseases.values())

    def read(self, raw: str, name: str = "document") -> Reading:
        """Normalise, split, find mentions, propose findings and table rows."""
        document = normalise(raw, self.words, self.corrections.get(name, ()))
        split = sentences(document)
        mentions = self._mentions(document, split)
        spans, row_spans = _blocks(document, split)
        reading = Reading(name, document, spans, mentions)
        known = background(document, spans)  # a primary study's: what is known, not found
        for index, span in enumerate(spans):
            previous = spans[index - 1] if index else None
            if span[0] in document.breaks or span in row_spans or previous in row_spans:
                previous = None  # an anaphor speaks of an entity of its own block
            found = self._findings(document, mentions, span, span in row_spans, previous)
            if span in known:
                found = [replace(f, background=True) for f in found]
            reading.findings += found
        for number, span in enumerate(row_spans, start=1):
            reading.rows.append(self._row(document, mentions, reading.findings, span, number))
        implied = self._with_implied(document, mentions, spans, row_spans)
        named = no_mentions(document.text, implied)  # words of longer names (``rules.names``)
        reading.mentions = [m for m in implied if not _acts_against(m) and id(m) not in named]
        return reading

    def _mentions(self, document: NormalisedText, split: list[tuple[int, int]]) -> list[Mention]:
        """The mentions of the lexicon and the vocabularies, and the abbreviations defined."""
        mentions = find_mentions(document, self.lexicon, fuzzy=self.fuzzy, spans=split)
        if self.grounder is not None:
            general = self.grounder.vocabulary.general  # GO's grouping classes ("metabolism")
            mentions = [m for m in mentions if m.curie not in general or m.type not in GROUPING]
            extra = self.grounder.mentions(document, mentions)
            mentions = sorted(
                replace_covered(mentions, extra), key=lambda m: (m.norm_start, m.norm_end)
            )
        vocabulary = self.grounder.vocabulary if self.grounder is not None else None
        parts, replaced = organ_parts(document, mentions, self.lexicon, vocabulary)
        if parts:  # "the medulla" of a text about the kidney
            gone = {id(m) for m in replaced}
            mentions = sorted(
                [m for m in mentions if id(m) not in gone] + parts,
                key=lambda m: (m.norm_start, m.norm_end),
            )
        mentions += without_acute(document, mentions)  # "renal injury" in a text on AKI
        lex = self.lexicon  # "mitochondrial transport between cells" (``rules.intercellular``)
        mentions = intercellular(document, mentions, lex.forms, lex.labels, lex.types)
        defined, inside = defined_mentions(document, mentions)
        if inside:  # parts of a long form its defined short form names
            left_out = {id(m) for m in inside}
            mentions = [m for m in mentions if id(m) not in left_out]
        mentions += defined + agent_processes(document, mentions, self.lexicon)
        mentions += site_routes(document, mentions)
        mentions.sort(key=lambda m: (m.norm_start, m.norm_end))
        mentions = organ_said(document, mentions)  # "renal tubular damage" (``rules.names``)
        # "their function": the function of the entity named before (``rules.possessive``)
        mentions += possessed(
            document, mentions, split, lex.forms, lex.surface, lex.labels, lex.types
        )
        return causes(document, mentions)  # "AKI secondary to X": X is the inducer

    def _findings(
        self,
        document: NormalisedText,
        mentions: list[Mention],
        span: tuple[int, int],
        row: bool,
        previous: tuple[int, int] | None,
    ) -> list[ProposedFinding]:
        """The findings of one sentence or table row: stated by a cue, then implied."""
        base = ROW_CONFIDENCE if row else TEXT_CONFIDENCE
        stated = propose(
            document,
            mentions,
            span,
            base=base,
            activations=self.activations,
            changes=self.changes,
            previous=previous,
            inducers=self.inducers,
        )
        return stated + implied_findings(
            document,
            mentions,
            span,
            self.lexicon,
            base=base,
            stated=[(f.entity.curie, f.direction) for f in stated],
        )

    def _with_implied(
        self,
        document: NormalisedText,
        mentions: list[Mention],
        spans: list[tuple[int, int]],
        row_spans: list[tuple[int, int]],
    ) -> list[Mention]:
        """The mentions with the terms they imply, an inducer chemical as its insult."""
        text = document.text
        insults = implied_insults(mentions, self.lexicon)
        implied = insults + defined_terms(
            text, mentions + insults, spans, self.lexicon, rows=row_spans
        )
        implied += fillers(mentions, self.lexicon)
        implied += sourced_terms(text, mentions, spans, self.lexicon)
        implied += secreted_terms(text, mentions, spans, self.lexicon)
        implied += possessive_terms(text, mentions, spans, self.lexicon)
        implied += produced_terms(text, mentions, self.lexicon)
        implied += chain_terms(text, mentions, spans, self.lexicon, self.chains)
        # an inducer chemical is proposed as the insult it stands for (``implied_insults``)
        stands_for = {(m.norm_start, m.norm_end) for m in insults}
        kept = [m for m in mentions if (m.norm_start, m.norm_end) not in stands_for]
        unique = {(m.norm_start, m.norm_end, m.curie): m for m in reversed(kept + implied)}
        return one_source(text, sorted(unique.values(), key=lambda m: (m.norm_start, m.norm_end)))

    def _row(
        self,
        document: NormalisedText,
        mentions: list[Mention],
        findings: list[ProposedFinding],
        span: tuple[int, int],
        number: int,
    ) -> TableRow:
        start, end = span
        inside = [m for m in mentions if start <= m.norm_start and m.norm_end <= end]
        outcomes = tuple(f for f in findings if start <= f.norm_start and f.norm_end <= end)
        first_outcome = min((f.norm_start for f in outcomes), default=end)
        cells = [m for m in inside if m.norm_end <= first_outcome]

        def first(*types: str) -> Mention | None:
            return next((m for m in cells if m.type in types), None)

        reference = REFERENCE.search(document.text, start, end)
        raw_start, raw_end = document.raw_span(start, end)
        return TableRow(
            number=number,
            year=int(document.text[start : start + 4]),
            text=document.text[start:end],
            start=raw_start,
            end=raw_end,
            species=first("species"),
            inducer=first("inducer", "model"),
            source=first(*SOURCE_TYPES),
            first_author=reference.group(1) if reference else None,
            ref=int(reference.group(2)) if reference else None,
            outcomes=outcomes,
            norm_start=start,
            norm_end=end,
        )


def _blocks(
    document: NormalisedText, split: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans findings are read in, and those of them that are table rows.

    A table row ends at its reference; what follows it in the same sentence is a span of its own.
    """
    spans = []
    row_spans = []
    for start, end in split:
        if start in document.breaks and ROW_START.match(document.text, start):
            reference = REFERENCE.search(document.text, start, end)
            row_end = reference.end() if reference else end
            row_spans.append((start, row_end))
            spans.append((start, row_end))
            if row_end < end and document.text[row_end:end].strip():
                spans.append((row_end, end))
        else:
            spans.append((start, end))
    return spans, row_spans


def _acts_against(mention: Mention) -> bool:
    """Whether a mention is the adjective of acting against a process ("anti-inflammatory").

    It says what an agent does, not that the process was seen: no mention of the process is
    proposed (the adjective still modifies what a finding measures: "anti-apoptotic proteins").
    """
    return mention.match == "adjective" and AGAINST.match(mention.text) is not None
