"""Score the reader's proposals against the curated records of the seed documents.

Three tasks, each as precision and recall over sets of items:

- **entities**: per document, the terms mentioned (CURIEs) against the terms the curated records
  of that document use in fields that name something in the text (every term field except the
  evidence type, the relation of a statement and the concern type, which curators assign);
- **table rows**: per row of a flattened study table, the reference, year, species, AKI inducer,
  MSC source tissue and each outcome (entity, direction), against the curated studies, models,
  interventions and findings that carry a ``table_row``;
- **findings**: (sentence, entity, direction) against the curated findings, each placed in the
  sentence its anchor resolves to. A proposal that matches a curated mechanism statement of the
  same sentence (its object, in the direction of the relation) is also correct, since curators
  record a change the review states in general as a statement rather than a finding. A
  proposal whose sentence cites a study (the citation that follows the finding, ``refs``) and
  matches a curated finding of that study in entity and direction is correct too, wherever the
  curators anchored it: a finding is one result of one study, and curators anchor it once (a
  result the review tells in a table row and again in the prose is anchored at the row). This
  only spares such proposals from counting as wrong; recall is still over the anchored items.

Each task also gets a recall-only line over the curated items whose terms the document names
(``named_in_text``): how much of what the text states the reader finds. Which terms a text
names is decided independently of the reader: a term is named when its label or an exact or
related synonym as the ontology and its import modules give it occurs in the document's text,
or in the anchor text of a curated record that uses the term, as whole words after a neutral
normalisation (case folded, punctuation and hyphens read as spaces, a word split by a hyphen
at a line break also read joined, a final plural "s"); never through the reader's
abbreviations, variants or derived forms. It is printed beside the strict figures, never
instead of them: curators also record terms they inferred, and the aim is set on all items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from mitoaki.core.namespaces import OIO, compress
from mitoaki.extract.reader import Reader, Reading
from mitoaki.records.fields import field_terms
from mitoaki.records.loader import LoadedFile, record_terms
from mitoaki.records.schema import Finding, Model, Statement, Study, Trial

#: (document, sentence number, CURIE, direction) of a finding.
Located = tuple[str, int, str, str]
#: The direction a relation implies for its object (positively / negatively regulates...).
RELATION_DIRECTIONS = {
    "RO:0002213": "increased",
    "RO:0002304": "increased",
    "RO:0002212": "decreased",
    "RO:0002305": "decreased",
}
#: The names a term is given in the ontology (no abbreviation list, no derived forms).
NAME_PREDICATES = (RDFS.label, OIO.hasExactSynonym, OIO.hasRelatedSynonym)
_WORD = re.compile(r"\w+")
_LINE_HYPHEN = re.compile(r"(\w)-[ \t]*\n\s*(\w)")
Words = tuple[str, ...]


@dataclass(frozen=True)
class Score:
    """Precision and recall of one task."""

    task: str
    true_positives: int
    false_positives: int
    false_negatives: int
    #: A recall-only line (no precision: only part of the curated items is scored).
    recall_only: bool = False
    #: Curated items matched, when not one per correct proposal (``score_nearby``: two
    #: proposals in adjacent sentences may match one curated item, a proposal matching a
    #: statement matches no curated finding).
    found: int | None = None

    @property
    def precision(self) -> float:
        """Correct proposals / all proposals."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        """Curated items proposed / all curated items."""
        found = self.true_positives if self.found is None else self.found
        gold = found + self.false_negatives
        return found / gold if gold else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(
    task: str, proposed: set[object], gold: set[object], also: Iterable[object] = ()
) -> Score:
    """Score a set of proposals; ``also`` holds items that are correct without being gold."""
    correct = proposed & (gold | set(also))
    return Score(task, len(correct), len(proposed - correct), len(gold - proposed))


def score_nearby(
    task: str, proposed: set[Located], gold: set[Located], also: Iterable[Located] = ()
) -> Score:
    """Score located items, matching within one sentence either way.

    An item matches another of the same document, term and direction whose sentence is the
    same or adjacent (a curator anchors a fact in one of the sentences that say it). Precision
    counts correct proposals; recall counts the curated items matched, not the proposals (one
    curated item said in two adjacent sentences is found once).

    >>> proposed = {("d", 3, "X:1", "up"), ("d", 4, "X:1", "up")}
    >>> s = score_nearby("t", proposed, {("d", 3, "X:1", "up"), ("d", 9, "X:2", "up")})
    >>> s.precision, s.recall
    (1.0, 0.5)
    """

    def index(items: Iterable[Located]) -> dict[tuple[str, str, str], set[int]]:
        out: dict[tuple[str, str, str], set[int]] = {}
        for name, sentence, curie, direction in items:
            out.setdefault((name, curie, direction), set()).add(sentence)
        return out

    def near(item: Located, where: dict[tuple[str, str, str], set[int]]) -> bool:
        name, sentence, curie, direction = item
        return any(abs(sentence - s) <= 1 for s in where.get((name, curie, direction), ()))

    correct_index = index(set(gold) | set(also))
    proposed_index = index(proposed)
    true_positives = sum(near(item, correct_index) for item in proposed)
    missed = sum(not near(item, proposed_index) for item in gold)
    found = len(gold) - missed
    return Score(task, true_positives, len(proposed) - true_positives, missed, found=found)


def stated_recall(task: str, proposed: set[Any], gold: set[Any], *, nearby: bool = False) -> Score:
    """Recall-only score over the given (stated) curated items; ``nearby`` as ``score_nearby``.

    >>> stated_recall("t", {("d", 3, "X:1", "up")}, {("d", 4, "X:1", "up")}, nearby=True).recall
    1.0
    """
    if nearby:
        base = score_nearby(task, proposed, gold)
        found = len(gold) - base.false_negatives
    else:
        found = len(gold & proposed)
    return Score(f"{task}: recall, terms named in the text", found, 0, len(gold) - found, True)


def _curies(item: object) -> set[str]:
    """The CURIEs inside an item (a tuple of values, possibly nested)."""
    if isinstance(item, tuple):
        return {c for part in item for c in _curies(part)}
    return {item} if isinstance(item, str) and ":" in item and " " not in item else set()


_Item = TypeVar("_Item", bound=tuple[Any, ...])


def _stated(items: set[_Item], named: dict[str, set[str]]) -> set[_Item]:
    """The items (``(document, ...)``) whose every CURIE its document names."""
    return {item for item in items if _curies(item[1:]) <= named.get(item[0], set())}


def _terms(loaded: LoadedFile) -> set[str]:
    out: set[str] = set()
    for _, record in loaded.records.all_records():
        out |= record_terms(record)
    return out


def _field_terms(loaded: LoadedFile) -> set[str]:
    """The terms a document's records give by the words of enumerated fields (``fields``).

    A study's design, an intervention's kind, the strategy a finding serves or a trial's phase
    are terms the knowledge base gives the records, curated as surely as their CURIEs; the
    records choose the word, not the name, so such a term counts where the text names it.
    """
    out: set[str] = set()
    for _, record in loaded.records.all_records():
        out |= field_terms(record, trial=isinstance(record, Trial))
    return out


def _words(text: str) -> Words:
    """The words of a text, case folded; punctuation, hyphens and whitespace only separate."""
    return tuple(_WORD.findall(text.casefold()))


def ontology_names(graph: Graph) -> dict[str, set[Words]]:
    """Each term's label and exact and related synonyms as given in the ontology, as words."""
    out: dict[str, set[Words]] = {}
    for predicate in NAME_PREDICATES:
        for subject, value in graph.subject_objects(predicate):
            if isinstance(subject, URIRef) and (words := _words(str(value))):
                out.setdefault(compress(str(subject)), set()).add(words)
    return out


def named_in_text(text: str, names: dict[str, set[Words]]) -> set[str]:
    r"""The terms one of whose ontology names occurs in a text as whole words.

    Neutral normalisation only: case, punctuation and hyphens, a word hyphenated at a line
    break (read both joined and apart), a final plural "s".

    >>> names = {"X:1": {("stem", "cell")}, "X:2": {("ros",)}, "X:3": {("fusion",)}}
    >>> sorted(named_in_text("Stem-\ncells and stem\ncells; ROSE", names))
    ['X:1']
    """
    longest = max((len(w) for forms in names.values() for w in forms), default=0)
    grams: set[Words] = set()
    for variant in {text, _LINE_HYPHEN.sub(r"\1\2", text)}:
        words = _words(variant)
        for n in range(1, longest + 1):
            grams.update(zip(*(words[i:] for i in range(n)), strict=False))
    return {
        curie
        for curie, forms in names.items()
        if any(w in grams or (*w[:-1], w[-1] + "s") in grams for w in forms)
    }


def named_terms(loaded: LoadedFile, text: str, names: dict[str, set[Words]]) -> set[str]:
    """The curated terms of a document that its text, or their record's anchor, names."""
    out = named_in_text(text, names)
    for _, record in loaded.records.all_records():
        terms = record_terms(record) - out
        anchor = getattr(record, "anchor", None)
        if terms and anchor:
            out |= named_in_text(anchor, {c: names[c] for c in terms if c in names})
    return out


def _sentence_of(reading: Reading, anchor: str) -> int | None:
    hits = reading.document.find_all(anchor)
    if not hits:
        return None
    return reading.sentence_index(hits[0])


def _gold_rows(loaded: LoadedFile, insults: dict[str, str]) -> set[object]:
    records = loaded.records
    studies = {s.key: s for s in records.studies}
    models: dict[str, Model] = {m.key: m for m in records.models}
    interventions = {i.key: i for i in records.interventions}
    out: set[object] = set()
    for finding in records.findings:
        if finding.table_row is None:
            continue
        study: Study = studies[finding.study]
        out.add((study.ref, "outcome", finding.entity, finding.direction))
        out.add((study.ref, "year", study.year))
        if study.models:
            model = models[study.models[0]]
            out.add((study.ref, "species", model.species))
            out.add((study.ref, "inducer", insults.get(model.inducer or "", model.inducer)))
        if study.interventions:
            out.add((study.ref, "source", interventions[study.interventions[0]].source_tissue))
    return out


def _proposed_rows(reading: Reading, insults: dict[str, str]) -> set[object]:
    out: set[object] = set()
    for row in reading.rows:
        out.add((row.ref, "year", row.year))
        for name, cell in (
            ("species", row.species),
            ("inducer", row.inducer),
            ("source", row.source),
        ):
            if cell is not None:
                value = insults.get(cell.curie, cell.curie) if name == "inducer" else cell.curie
                out.add((row.ref, name, value))
        out |= {(row.ref, "outcome", f.entity.curie, f.direction) for f in row.outcomes}
    return out


def _gold_findings(reading: Reading, findings: Iterable[Finding]) -> set[Located]:
    out: set[Located] = set()
    for finding in findings:
        sentence = _sentence_of(reading, finding.anchor)
        if sentence is not None:
            out.add((reading.name, sentence, finding.entity, finding.direction))
    return out


def _statement_findings(reading: Reading, statements: Iterable[Statement]) -> set[Located]:
    out: set[Located] = set()
    for statement in statements:
        direction = RELATION_DIRECTIONS.get(statement.relation)
        sentence = _sentence_of(reading, statement.anchor)
        if direction and sentence is not None:
            out.add((reading.name, sentence, statement.object, direction))
    return out


def _study_results(loaded: LoadedFile) -> set[tuple[int, str, str]]:
    """(reference number, CURIE, direction) of every curated finding of a cited study."""
    refs = {study.key: study.ref for study in loaded.records.studies}
    out: set[tuple[int, str, str]] = set()
    for finding in loaded.records.findings:
        ref = refs.get(finding.study)
        if ref is not None:
            out.add((ref, finding.entity, finding.direction))
    return out


def _cited_results(reading: Reading, results: set[tuple[int, str, str]]) -> set[Located]:
    """The proposals that report a curated result of a study their sentence cites."""
    out: set[Located] = set()
    for f in reading.findings:
        if any((ref, f.entity.curie, f.direction) in results for ref in f.refs):
            out.add(
                (reading.name, reading.sentence_index(f.norm_start), f.entity.curie, f.direction)
            )
    return out


def evaluate(
    loaded: list[LoadedFile], corpus: Path, reader: Reader, ontology: Graph | None = None
) -> list[Score]:
    """Read each seed document and score the proposals against its curated records.

    ``ontology`` (default: the project's, with its import modules) gives the names that decide
    which terms a text names (``named_terms``).
    """
    from mitoaki.ontology.tbox import load_tbox
    from mitoaki.records.anchors import read_document

    names = ontology_names(ontology if ontology is not None else load_tbox().merged())

    entities: tuple[set[object], set[object]] = (set(), set())
    rows: tuple[set[object], set[object]] = (set(), set())
    findings: tuple[set[Located], set[Located], set[Located]] = (set(), set(), set())
    insults = reader.lexicon.insults
    named: dict[str, set[str]] = {}
    for item in sorted(loaded, key=lambda i: i.path.name):
        name = item.records.document.file
        raw = read_document(corpus / name).raw
        reading = reader.read(raw, name)
        named[name] = named_terms(item, raw, names)
        entities[0].update((name, m.curie) for m in reading.mentions if m.curie)
        curated = _terms(item) | (_field_terms(item) & named[name])
        entities[1].update((name, curie) for curie in curated)
        rows[0].update((name, row) for row in _proposed_rows(reading, insults))
        rows[1].update((name, row) for row in _gold_rows(item, insults))
        findings[0].update(  # a finding named but not grounded is no record proposal
            (name, reading.sentence_index(f.norm_start), f.entity.curie, f.direction)
            for f in reading.findings
            if f.entity.curie and not f.background  # a primary study's background: known
        )
        findings[1].update(_gold_findings(reading, item.records.findings))
        findings[2].update(_statement_findings(reading, item.records.statements))
        findings[2].update(_cited_results(reading, _study_results(item)))
    return [
        score("entity mentions", *entities),
        stated_recall("entity mentions", entities[0], _stated(entities[1], named)),
        score("table rows", *rows),
        stated_recall("table rows", rows[0], _stated(rows[1], named)),
        score_nearby("findings with direction", *findings),
        stated_recall(
            "findings with direction", findings[0], _stated(findings[1], named), nearby=True
        ),
    ]
