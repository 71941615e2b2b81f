"""Figures regenerated from the graph (PNG and SVG, reproducible bytes).

- ``evidence-map``: studies x measured entities under an intervention, each cell coloured by the
  direction reported (Table 1 as a picture that grows with the corpus);
- ``mechanism-network``: MSC products -> secreted factors and regulators -> mitochondrial
  processes -> outcomes, edges signed by the statements' relations (the review's Fig. 2 rebuilt
  from data).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from mitoaki.access.query import rows as query_rows
from mitoaki.core import vocab
from mitoaki.core.serialize import atomic_write

COLOURS = {
    "increased": "#1a9850",
    "decreased": "#d73027",
    "normalised": "#4575b4",
    "no change": "#999999",
}
EVIDENCE_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?study ?entity ?direction WHERE {{
  ?f a {vocab.FINDING} ; {vocab.REPORTED_BY_STUDY}/rdfs:label ?study ;
     {vocab.HAS_MEASURED_ENTITY}/rdfs:label ?entity ;
     {vocab.HAS_DIRECTION}/rdfs:label ?direction ; {vocab.UNDER_INTERVENTION} ?intervention .
}}"""
NETWORK_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX RO: <http://purl.obolibrary.org/obo/RO_>
SELECT DISTINCT ?subject ?object ?relation ?subjectTerm ?objectTerm WHERE {{
  ?s a {vocab.MECHANISM_STATEMENT} ; {vocab.SERVES_STRATEGY} ?strategy ;
     {vocab.STATEMENT_SUBJECT} ?subjectTerm ; {vocab.STATEMENT_RELATION} ?rel ;
     {vocab.STATEMENT_OBJECT} ?objectTerm .
  ?subjectTerm rdfs:label ?subject . ?objectTerm rdfs:label ?object .
  VALUES (?rel ?relation) {{
    (RO:0002213 "+") (RO:0002304 "+") (RO:0002212 "-") (RO:0002305 "-")
  }}
}}"""
#: Above this many studies the evidence map counts studies per entity and direction instead.
MAX_STUDIES = 60
MAX_ENTITIES = 60
LAYERS = (  # (ancestor IRI, column): the first ancestor a term has sets its column
    (vocab.MSC_DERIVED_PRODUCT.value, 0),
    ("http://purl.obolibrary.org/obo/CL_0000000", 0),
    (vocab.MSC_PARACRINE_ENDOCRINE_ACTION.value, 0),
    (vocab.GENE_OR_GENE_PRODUCT.value, 1),
    ("http://purl.obolibrary.org/obo/CHEBI_24431", 1),
    (vocab.MITOCHONDRIAL_DYSFUNCTION_PHENOTYPE.value, 3),
    ("http://purl.obolibrary.org/obo/BFO_0000019", 3),
    ("http://purl.obolibrary.org/obo/BFO_0000034", 3),
)


def _setup() -> Any:
    """Pyplot on the Agg backend, with a fixed SVG id salt (reproducible bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "mitoaki"
    import matplotlib.pyplot as plt

    return plt


def _save(figure: Any, stem: Path) -> list[Path]:
    paths = []
    for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format=fmt,
            metadata=metadata,
            dpi=120,
            bbox_inches="tight",
        )
        path = stem.with_name(f"{stem.name}.{fmt}")
        atomic_write(path, buffer.getvalue())
        paths.append(path)
    return paths


def evidence_map(store: ox.Store, stem: Path) -> list[Path]:
    """Draw the evidence map; return the files written."""
    rows = [
        (r["study"], r["entity"], r["direction"]) for r in query_rows(store.query(EVIDENCE_QUERY))
    ]
    studies = sorted({r[0] for r in rows})
    entities = sorted({r[1] for r in rows})
    if len(studies) > MAX_STUDIES:
        return _evidence_counts(rows, entities, len(studies), stem)
    plt = _setup()
    figure, axes = plt.subplots(
        figsize=(max(6, 0.32 * len(entities) + 3), max(3, 0.4 * len(studies) + 2))
    )
    for study, entity, direction in sorted(rows):
        axes.scatter(
            entities.index(entity),
            studies.index(study),
            s=120,
            marker="s",
            color=COLOURS.get(direction, "#000000"),
        )
    axes.set_xticks(range(len(entities)), entities, rotation=70, ha="right", fontsize=7)
    axes.set_yticks(range(len(studies)), studies, fontsize=8)
    axes.set_xlim(-0.7, len(entities) - 0.3)
    axes.set_ylim(-0.7, len(studies) - 0.3)
    axes.invert_yaxis()
    axes.grid(color="#eeeeee")
    handles = [axes.scatter([], [], marker="s", color=c, label=d) for d, c in COLOURS.items()]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    axes.set_title("Evidence map: what each study reports under its intervention, and which way")
    paths = _save(figure, stem)
    plt.close(figure)
    return paths


def _evidence_counts(
    rows: list[tuple[str, str, str]], entities: list[str], studies: int, stem: Path
) -> list[Path]:
    """The evidence map of a large corpus: studies per measured entity and direction.

    Stacked bars, one per entity: a row per study would not fit on a page.
    """
    counts = {(entity, direction): 0 for entity in entities for direction in COLOURS}
    for _, entity, direction in set(rows):
        if (entity, direction) in counts:
            counts[(entity, direction)] += 1
    shown = sorted(entities, key=lambda e: (-sum(counts[(e, d)] for d in COLOURS), e))
    shown = shown[:MAX_ENTITIES]
    plt = _setup()
    figure, axes = plt.subplots(figsize=(9, max(3, 0.3 * len(shown) + 2)))
    left = [0] * len(shown)
    for direction, colour in COLOURS.items():
        widths = [counts[(e, direction)] for e in shown]
        axes.barh(range(len(shown)), widths, left=left, color=colour, label=direction)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(range(len(shown)), shown, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel("studies")
    axes.legend(loc="lower right", fontsize=8)
    axes.set_title(f"Evidence map of {studies} studies: how many report each change")
    paths = _save(figure, stem)
    plt.close(figure)
    return paths


def _column(store: ox.Store, term: str) -> int:
    for ancestor, column in LAYERS:
        ask = f"ASK {{ <{term}> <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{ancestor}> }}"
        if bool(store.query(ask)):
            return column
    return 2  # processes


def mechanism_network(store: ox.Store, stem: Path) -> list[Path]:
    """Draw the signed mechanism network; return the files written."""
    edges = sorted(
        {
            (r["subject"], r["object"], r["relation"], r["subjectTerm"], r["objectTerm"])
            for r in query_rows(store.query(NETWORK_QUERY))
        }
    )
    terms = {}
    for subject, obj, _, subject_term, object_term in edges:
        terms[subject], terms[obj] = subject_term, object_term
    columns: dict[int, list[str]] = {}
    for label in sorted(terms):
        columns.setdefault(_column(store, terms[label]), []).append(label)
    position = {}
    for column, labels in columns.items():
        for row, label in enumerate(labels):
            position[label] = (column, -row * 6.0 / max(1, len(labels)))
    plt = _setup()
    figure, axes = plt.subplots(figsize=(14, 9))
    for subject, obj, sign, _, _ in edges:
        (x1, y1), (x2, y2) = position[subject], position[obj]
        axes.annotate(
            "",
            xy=(x2, y2),
            xytext=(x1, y1),
            arrowprops={
                "arrowstyle": "-|>" if sign == "+" else "-[",
                "alpha": 0.55,
                "lw": 0.9,
                "color": COLOURS["increased" if sign == "+" else "decreased"],
            },
        )
    for label, (x, y) in position.items():
        axes.text(
            x,
            y,
            label,
            fontsize=7,
            ha="center",
            va="center",
            bbox={"boxstyle": "round", "fc": "white", "ec": "#666666", "lw": 0.5},
        )
    for column, title in enumerate(
        ("MSC products", "factors and regulators", "mitochondrial processes", "outcomes")
    ):
        axes.text(column, 0.6, title, fontsize=10, ha="center", weight="bold")
    axes.set_xlim(-0.6, 3.6)
    axes.set_ylim(-6.4, 1.0)
    axes.axis("off")
    axes.set_title("Mechanism network of MSC therapy on mitochondria (green: up, red: down)")
    paths = _save(figure, stem)
    plt.close(figure)
    return paths


def write_figures(store: ox.Store, folder: Path) -> list[Path]:
    """Both figures, as PNG and SVG, into ``folder/figures``."""
    folder = folder / "figures"
    return [
        *evidence_map(store, folder / "evidence-map"),
        *mechanism_network(store, folder / "mechanism-network"),
    ]
