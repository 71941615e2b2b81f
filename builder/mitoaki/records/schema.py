"""The curated record schema: frozen pydantic models, one YAML file per source document.

A record file holds a ``document`` mapping and one list per record kind (``studies``, ``models``,
``interventions``, ``findings``, ``statements``, ``route_findings``, ``trials``, ``concerns``).
Every record has a ``key`` (unique across all files; IRIs are minted from it), an ``anchor`` (a
short verbatim phrase of the document, at most 12 words, that occurs there exactly once) and an
ECO evidence type. A field whose value the curator inferred rather than read (a species, a cell
source or a design the document does not give) is named in the record's ``inferred_by_curator``
list, and reaches the knowledge base as a curator-inference evidence (ECO:0000305). See
``ontology/records/README.md`` for an example of each kind.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

KEY = r"^[a-z0-9][a-z0-9-]*$"
CURIE_PATTERN = re.compile(
    r"^(MITOAKI|GO|CL|UBERON|CHEBI|MONDO|NCBITaxon|HGNC|RO|BFO|ECO|OBI|IAO):\w+$"
)
MAX_ANCHOR_WORDS = 12

#: ECO defaults: a review's statement with a cited reference, and one without.
ECO_TRACEABLE = "ECO:0000304"
ECO_NON_TRACEABLE = "ECO:0000303"
ECO_AUTOMATIC = "ECO:0000501"
#: The evidence of a field the curator inferred (``inferred_by_curator``).
ECO_CURATOR_INFERENCE = "ECO:0000305"
#: A design or kind the document does not state.
NOT_STATED = "not_stated"


def _curie(value: str) -> str:
    if not CURIE_PATTERN.match(value):
        raise ValueError(f"'{value}' is not a CURIE of a known prefix")
    return value


def _anchor(value: str) -> str:
    words = value.split()
    if not words:
        raise ValueError("anchor is empty")
    if len(words) > MAX_ANCHOR_WORDS:
        raise ValueError(
            f"anchor has {len(words)} words; at most {MAX_ANCHOR_WORDS} (point at the evidence, "
            "do not copy the sentence)"
        )
    return value


Curie = Annotated[str, AfterValidator(_curie)]
Key = Annotated[str, Field(pattern=KEY)]
Anchor = Annotated[str, AfterValidator(_anchor)]
Direction = Literal["increased", "decreased", "normalised", "no_change"]
Strategy = Literal["minimising", "accelerating", "transferring"]
Frequency = Literal["very_rare", "rare", "common", "very_common"]


class Record(BaseModel):
    """Fields every record carries: key, anchor, cited references and evidence type."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Key
    anchor: Anchor
    refs: tuple[int, ...] = ()
    evidence: Curie = ""
    summary: str | None = None
    #: Set only on machine-proposed records (``mitoaki extract``).
    proposed_by: str | None = None
    confidence: Annotated[float, Field(ge=0, le=1)] | None = None
    #: Fields whose value is the curator's inference, not the document's statement.
    inferred_by_curator: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _default_evidence(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("evidence"):
            data = dict(data)
            if data.get("proposed_by"):
                data["evidence"] = ECO_AUTOMATIC
            else:
                data["evidence"] = ECO_TRACEABLE if data.get("refs") else ECO_NON_TRACEABLE
        return data

    @model_validator(mode="after")
    def _inferred_fields_carry_values(self) -> Self:
        for name in self.inferred_by_curator:
            if name in PROVENANCE_FIELDS or name not in type(self).model_fields:
                content = sorted(set(type(self).model_fields) - PROVENANCE_FIELDS)
                raise ValueError(
                    f"inferred_by_curator: '{name}' is not a content field of this record "
                    f"({', '.join(content)})"
                )
            if getattr(self, name) in (None, "", ()):
                raise ValueError(f"inferred_by_curator: '{name}' has no value to mark as inferred")
        if len(set(self.inferred_by_curator)) < len(self.inferred_by_curator):
            raise ValueError("inferred_by_curator: a field is named twice")
        return self


class Document(Record):
    """The source document itself.

    ``file`` names the document in the corpus folder. A draft read from a user's own text says
    where that text is instead: ``source``, relative to the record file's folder (or absolute),
    with the SHA-256 of its bytes, so that its anchors are resolved in the very text they were
    read from.
    """

    file: str
    title: str
    source: str | None = None
    source_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    doc_type: Literal["review", "review_excerpt"] = "review"
    authors: tuple[str, ...] = ()
    about: tuple[Curie, ...] = ()


class Study(Record):
    """A study the document cites as reference [n]."""

    ref: int = Field(gt=0)
    first_author: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    #: ``[not_stated]`` where the document does not say how the study was done.
    designs: tuple[
        Literal[
            "in_vivo",
            "in_vitro",
            "systematic_review",
            "meta_analysis",
            "clinical_trial",
            "not_stated",
        ],
        ...,
    ] = Field(min_length=1)
    models: tuple[Key, ...] = ()
    interventions: tuple[Key, ...] = ()
    techniques: tuple[Curie, ...] = ()

    @model_validator(mode="after")
    def _not_stated_alone(self) -> Self:
        if NOT_STATED in self.designs and len(self.designs) > 1:
            raise ValueError("designs: 'not_stated' cannot stand beside a stated design")
        return self


class Model(Record):
    """An experimental AKI model: species, inducer, system."""

    system: Literal["in_vivo", "in_vitro"]
    species: Curie
    inducer: Curie | None = None
    cell_type: Curie | None = None
    laterality: Literal["unilateral", "bilateral"] | None = None
    disrupted_gene: Curie | None = None


class Intervention(Record):
    """A treatment: MSCs or an MSC product, a drug, or a genetic change."""

    kind: Literal[
        "msc_cells",
        "conditioned_medium",
        "extracellular_vesicles",
        "microvesicles",
        "exosomes",
        "drug",
        "genetic",
        "not_stated",
    ]
    agent: Curie
    source_cell: Curie | None = None
    source_tissue: Curie | None = None
    donor: Literal["autologous", "allogeneic", "xenogeneic"] | None = None
    donor_species: Curie | None = None
    route: Curie | None = None
    timing: Literal["prophylactic", "post_injury"] | None = None
    dose: str | None = None
    targets: tuple[Curie, ...] = ()


class Finding(Record):
    """A measured entity changed in a direction in a study (n-ary: model, intervention, value)."""

    study: Key
    entity: Curie
    direction: Direction
    model: Key | None = None
    intervention: Key | None = None
    value: Decimal | None = None
    unit: str | None = None
    comparator: str | None = None
    #: The comparator's value, in the finding's unit (a baseline is a comparator, not a finding).
    comparator_value: Decimal | None = None
    time_point: str | None = None
    strategy: Strategy | None = None
    table_row: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _unit_with_value(self) -> Self:
        if self.value is not None and not self.unit:
            raise ValueError("a value needs its unit")
        if self.comparator_value is not None and (self.value is None or not self.comparator):
            raise ValueError("comparator_value: needs the finding's value and its comparator")
        return self


class Statement(Record):
    """A mechanism: subject -relation-> object in a context (miR-30 negatively regulates DRP1)."""

    subject: Curie
    relation: Curie
    object: Curie
    context: tuple[Curie, ...] = ()
    strategy: Strategy | None = None
    study: Key | None = None
    #: How often it holds, where the document's point is its frequency ("a very rare event").
    frequency: Frequency | None = None


class RouteFinding(Record):
    """What is known of a delivery route: homing, retention, renal outcome, compared routes."""

    route: Curie
    agent: Curie | None = None
    entity: Curie | None = None
    direction: Direction | None = None
    location: Curie | None = None
    compared_with: tuple[Curie, ...] = ()
    tracked_by: tuple[Curie, ...] = ()
    study: Key | None = None


class Trial(Record):
    """A clinical trial: registry identifier, phase, design, population, outcome."""

    nct: Annotated[str, Field(pattern=r"^NCT\d{8}$")] | None = None
    phase: Literal["1", "2", "3"] | None = None
    design: tuple[Literal["randomized", "double_blind", "multicenter"], ...] = ()
    population: str | None = None
    condition: Curie | None = None
    agent: Curie | None = None
    outcome: Literal["positive", "negative", "not_reported"] = "not_reported"


class Concern(Record):
    """An open question or risk for clinical use."""

    concern_type: Curie
    topics: tuple[Curie, ...] = ()


class RecordFile(BaseModel):
    """One document's records."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document: Document
    studies: tuple[Study, ...] = ()
    models: tuple[Model, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    findings: tuple[Finding, ...] = ()
    statements: tuple[Statement, ...] = ()
    route_findings: tuple[RouteFinding, ...] = ()
    trials: tuple[Trial, ...] = ()
    concerns: tuple[Concern, ...] = ()

    def all_records(self) -> list[tuple[str, Record]]:
        """Every record with the name of its list (``document`` for the document)."""
        out: list[tuple[str, Record]] = [("document", self.document)]
        for kind in KINDS:
            out.extend((kind, record) for record in getattr(self, kind))
        return out


#: Fields of every record that say where it comes from, not what it states.
PROVENANCE_FIELDS = frozenset(Record.model_fields)

KINDS = (
    "studies",
    "models",
    "interventions",
    "findings",
    "statements",
    "route_findings",
    "trials",
    "concerns",
)
