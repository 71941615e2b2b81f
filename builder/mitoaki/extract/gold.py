"""Score the reader on any folder of texts against a gold table (``corpus-dev/GOLD.tsv`` layout).

The table has the columns ``doc_file, kind, value, normalised, curie, direction``, one row per
(document, kind, surface value). Two tasks, each as precision and recall per document:

- **entities**: what a document names, one item per term: its CURIE where the gold row has one,
  its normalised name otherwise (a row of ``kind`` ``measured_entity`` and a ``gene`` row of the
  same CURIE are one item). A proposed mention matches a gold item by CURIE, or by name: its
  text or its term's label, folded (``fold``), equal to the row's value or normalised name;
- **findings**: (document, item, direction) of the gold rows with a direction, against the
  reader's proposed findings, matched the same way.

How the gold README's conventions are read (each a choice of this scorer):

- one row per (document, kind, value), other spellings of the same entity not repeated: a
  proposal is one per term and document (its CURIE; a name-only mention, one per folded name:
  ``proposal_key``), and a name matches a row when it equals the row's value or normalised
  name or ends with it after modifiers (``same_name``);
- a gold row with a CURIE of the reference vocabularies is matched by that CURIE only (a
  project term may match by name): a protein grounded in ChEBI is no HGNC gene row;
- directions are "the effect of the treatment relative to the injured, untreated group": a
  finding of the injury (``by_injury``) or of a study's background (``background``) is none;
- a measured entity the gold leaves without a direction ("no treatment comparison in the
  text") is no finding: a direction proposed for it is a false positive.

The gold table records the kinds its README lists (organism, AKI inducer, MSC source and
product, drug, route, gene, process, measured entity, cell type, anatomy). The reader's mentions
of the matching types (``KIND_TYPES``) are its entity proposals, and so is the entity of every
proposed finding (a measured entity); a disease, a phenotype or a method named without a
change is outside the table's kinds and is not scored, unless it is a disease an insult of the
ontology closely matches (ischemia reperfusion injury, sepsis): then it is the model's inducer,
as the reader's drafts take it. A proposal matching no gold item of its
document is a false positive; the scorer also returns
the misses and the false positives with their kind (``Report``) so that a run shows where the
reader falls short by category, never by sentence.

The table has no kind for the disease its documents study: it never records acute kidney
injury, and it records the injury model as an inducer and never as a measured entity (its
README gives a second, measured row only to a gene, a process or a chemical that is also an
outcome). A finding whose outcome is AKI (or a kind of it) or the disease of the model's
inducer ("SS-31 reduces AKI", "vesicles alleviate ischemia-reperfusion injury") is therefore
outside the table's kinds, as a disease named without a change is: it is not scored, and the
report counts it (``Report.unscored``) so that the figure with it counted wrong can be given
too. The seed evaluation scores such findings, since the curated records state them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mitoaki.core.errors import MitoakiError
from mitoaki.extract.evaluate import Score
from mitoaki.extract.gold_table import GoldRow, fold
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.infer import AKI
from mitoaki.extract.mentions import Mention
from mitoaki.extract.reader import Reader, Reading

#: The reader's mention types that the gold table's kinds record (a species is an organism, a
#: component an anatomy row, an msc a cell type or product ...).
KIND_TYPES = frozenset(
    {
        "species",
        "inducer",
        "msc",
        "msc_product",
        "chemical",
        "route",
        "gene",
        "process",
        "component",
        "cell",
        "anatomy",
    }
)
#: Prefixes of the vocabularies a gold CURIE comes from: a proposal of one of them matches a
#: row with a CURIE only by that CURIE (a project term may match by name).
EXTERNAL = ("NCBITaxon:", "CHEBI:", "GO:", "CL:", "UBERON:", "HGNC:", "MONDO:", "OBI:")
NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Proposed:
    """A proposed item of a document: its CURIE, the folded names it goes by, and a kind."""

    curie: str
    names: frozenset[str]
    kind: str
    direction: str = ""
    #: CURIEs the ontology says the term stands for (``equivalents``).
    also: frozenset[str] = frozenset()


@dataclass
class Report:
    """The scores, and what was missed or wrongly proposed (document, item or text, kind)."""

    scores: list[Score]
    missed: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    wrong: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    #: The scores with the proposals on the disease studied scored too (``studied``), and
    #: how many proposals of each task that adds.
    scored_all: list[Score] = field(default_factory=list)
    unscored: dict[str, int] = field(default_factory=dict)

    def categories(self, task: str) -> tuple[Counter[str], Counter[str]]:
        """Misses and false positives of a task counted by kind."""
        return (
            Counter(kind for *_, kind in self.missed.get(task, [])),
            Counter(kind for *_, kind in self.wrong.get(task, [])),
        )


def same_name(names: frozenset[str], row: GoldRow) -> bool:
    """Whether a proposal's folded names name a row's entity.

    A row names its entity by one representative form; the others are not repeated (the gold
    README). A name equal to the row's value or normalised name names it, and so does one that
    ends with it after modifiers the representative form left out: the same head noun, more
    narrowly said ("recipient mortality" for "mortality", "kidney peritubular capillary loss"
    for "peritubular capillary loss"; not "regulator of X" for X).

    >>> row = GoldRow("a.txt", "measured_entity", "mortality", "mortality", "", "decreased")
    >>> same_name(frozenset({"recipient mortality"}), row)
    True
    >>> same_name(frozenset({"mortality rate"}), row), same_name(frozenset({"function"}), row)
    (False, False)
    >>> same_name(frozenset({"rate of mortality"}), row)
    False
    """
    if names & row.names:
        return True
    for gold in row.names:
        wanted = gold.split()
        for name in names:
            words = name.split()
            modifiers = words[: len(words) - len(wanted)]
            if modifiers and words[len(modifiers) :] == wanted and "of" not in modifiers:
                return True
    return False


def _matches(proposed: Proposed, row: GoldRow) -> bool:
    if row.curie:
        return (
            proposed.curie == row.curie
            or row.curie in proposed.also
            or (not proposed.curie.startswith(EXTERNAL) and same_name(proposed.names, row))
        )
    return same_name(proposed.names, row)


def _score(
    task: str,
    proposed: dict[str, list[Proposed]],
    gold: dict[str, list[GoldRow]],
    with_direction: bool,
) -> tuple[Score, list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    true_positives = false_positives = 0
    wrong: list[tuple[str, str, str]] = []
    missed: list[tuple[str, str, str]] = []
    found = total = 0
    for doc in sorted(set(proposed) | set(gold)):
        rows = gold.get(doc, [])
        items: dict[str, list[GoldRow]] = {}
        for row in rows:
            key = f"{row.item}|{row.direction}" if with_direction else row.item
            items.setdefault(key, []).append(row)
        hit: set[str] = set()
        for p in proposed.get(doc, []):
            keys = [
                k
                for k, group in items.items()
                if any(
                    _matches(p, r) and (not with_direction or r.direction == p.direction)
                    for r in group
                )
            ]
            if keys:
                true_positives += 1
                hit.update(keys)
            else:
                false_positives += 1
                wrong.append(
                    (doc, f"{p.curie} {sorted(p.names)[:1]} {p.direction}".strip(), p.kind)
                )
        total += len(items)
        found += len(hit)
        for k, group in sorted(items.items()):
            if k not in hit:
                missed.append(
                    (doc, f"{group[0].value} {group[0].direction}".strip(), group[0].kind)
                )
    score = Score(task, true_positives, false_positives, total - found, found=found)
    return score, missed, wrong


def equivalents(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """What a project term stands for in the vocabularies a gold table uses.

    An insult the ontology closely matches to a disease (``skos:closeMatch``: renal
    ischemia/reperfusion, ischemia reperfusion injury) stands for it, and an insult defined by
    the chemical given (cisplatin exposure) for that chemical.
    """
    out: dict[str, set[str]] = {}
    for insult, disease in lexicon.diseases.items():
        out.setdefault(insult, set()).add(disease)
    for chemical, insult in lexicon.insults.items():
        out.setdefault(insult, set()).add(chemical)
    return {curie: frozenset(found) for curie, found in out.items()}


def proposal_key(mention: Mention) -> str:
    """One proposal per term: its CURIE, else (a name-only mention) its folded name.

    Name-only mentions of a document are as many proposals as they have names: merged under
    an empty CURIE they would be one proposal that any of their names could make correct.
    """
    return mention.curie or f"name:{fold(mention.label or mention.text)}"


def studied(lexicon: Lexicon) -> frozenset[str]:
    """The disease the gold table's documents study: AKI and its kinds, and the model's inducers.

    An insult of the ontology and the disease it closely matches are inducers (renal
    ischemia/reperfusion, ischemia reperfusion injury, sepsis, cisplatin exposure).
    """
    kinds = {curie for curie, above in lexicon.ancestors.items() if AKI in above}
    return frozenset(
        {AKI, *kinds, *lexicon.diseases, *lexicon.diseases.values(), *lexicon.insults.values()}
    )


def _entities(
    reading: Reading,
    also: dict[str, frozenset[str]],
    inducers: frozenset[str] = NONE,
    disease: frozenset[str] = NONE,
) -> list[Proposed]:
    """Entity proposals: the mentions of the table's kinds, and what each finding measures.

    What a finding on the disease studied measures is no proposal (``studied``): an inducer
    is proposed by its mention as the others are, and AKI is of no kind of the table.
    """
    out: dict[str, Proposed] = {}
    measured = [f.entity for f in reading.findings if f.entity.curie not in disease]
    named = [m for m in reading.mentions if m.type in KIND_TYPES or m.curie in inducers]
    for m in [*named, *measured]:
        names = {fold(m.text), fold(m.label)} - {""}
        item = proposal_key(m)
        before = out.get(item)
        if before is not None:
            names |= before.names
        out[item] = Proposed(m.curie, frozenset(names), m.type, also=also.get(m.curie, NONE))
    return list(out.values())


#: Cues that undo a change: the gold table's convention calls their direction "normalised"
#: (its README: "the text says restored, protected or reversed", and "normalized" itself);
#: the reader states them against the injured comparator as the curated records do (restored
#: is increased). Other words of keeping or saving ("preserves", "rescued") are not in that
#: list: the gold gives them the plain direction.
UNDOING = re.compile(r"(?:restor|revers|normali[sz]|protect)\w*", re.IGNORECASE)


def _findings(
    reading: Reading, also: dict[str, frozenset[str]], disease: frozenset[str] = NONE
) -> list[Proposed]:
    """Finding proposals: one per (term, direction), the treatment's and not on ``disease``."""
    out: dict[tuple[str, str], Proposed] = {}
    for finding in reading.findings:
        if finding.by_injury or finding.background or finding.entity.curie in disease:
            continue  # the model's effect, what is known, or the disease studied: not recorded
        f = finding
        if UNDOING.fullmatch(f.cue) and f.direction in {"increased", "decreased"}:
            f = replace(f, direction="normalised")
        names = {fold(f.entity.text), fold(f.entity.label)} - {""}
        item = (proposal_key(f.entity), f.direction)
        before = out.get(item)
        if before is not None:
            names |= before.names
        out[item] = Proposed(
            f.entity.curie,
            frozenset(names),
            f.entity.type,
            f.direction,
            also.get(f.entity.curie, NONE),
        )
    return list(out.values())


def evaluate_gold(
    rows: Sequence[GoldRow], folder: Path, reader: Reader, *, exclude: Iterable[int] = ()
) -> Report:
    """Read every document the gold table names from ``folder`` and score the proposals.

    ``exclude`` holds line numbers of gold rows to leave out (disputed rows).
    """
    from mitoaki.records.anchors import read_document

    skip = set(exclude)
    gold: dict[str, list[GoldRow]] = {}
    for row in rows:
        if row.line not in skip:
            gold.setdefault(row.doc, []).append(row)
    entities: dict[str, list[Proposed]] = {}
    findings: dict[str, list[Proposed]] = {}
    every: tuple[dict[str, list[Proposed]], dict[str, list[Proposed]]] = ({}, {})
    also = equivalents(reader.lexicon)
    lexicon = reader.lexicon  # a disease an insult closely matches is an inducer (drafts too)
    inducers = frozenset(lexicon.insults.values()) | frozenset(lexicon.diseases.values())
    disease = studied(lexicon)
    for doc in sorted({row.doc for row in rows}):
        path = folder / doc
        if not path.is_file():
            raise MitoakiError("a document of the gold table is missing", path=path, rule="gold")
        reading = reader.read(read_document(path).raw, doc)
        entities[doc] = _entities(reading, also, inducers, disease)
        findings[doc] = _findings(reading, also, disease)
        every[0][doc] = _entities(reading, also, inducers)
        every[1][doc] = _findings(reading, also)
    directed = {doc: [r for r in rs if r.direction] for doc, rs in gold.items()}
    report = Report([])
    for task, proposed, all_proposed, table, with_direction in (
        ("entities", entities, every[0], gold, False),
        ("findings with direction", findings, every[1], directed, True),
    ):
        score, missed, wrong = _score(task, proposed, table, with_direction)
        report.scores.append(score)
        report.missed[task] = missed
        report.wrong[task] = wrong
        report.scored_all.append(_score(task, all_proposed, table, with_direction)[0])
        report.unscored[task] = sum(map(len, all_proposed.values())) - sum(
            map(len, proposed.values())
        )
    return report
