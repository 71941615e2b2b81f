"""Deterministic synthetic studies in the real record format, for the scale benchmarks.

Run: ``python benchmarks/synth.py N OUT_DIR [--per-file 1000] [--seed 0]``. Writes ``N`` studies
(each with its models, interventions and findings, and now and then a statement or a route
finding) to ``OUT_DIR/synth-0001.yaml``, ``synth-0002.yaml``, ... with ``--per-file`` studies per
file, each file with its own ``document``. The folder loads with
``mitoaki.records.loader.load_records``
and builds with ``mitoaki build --records OUT_DIR --no-corpus`` (anchors are short made-up phrases,
so the build must be run without a corpus).

Every term is one the curated records already use *in the same field* (read from
``ontology/records/*.yaml``), so it is declared, of the right kind, and passes the grounding checks
and the SHACL shapes. Fields that only make sense together are drawn together, as whole profiles
of real records: an intervention's kind, agent, source cells, source tissue and targets; a
statement's subject, relation, object and context; a route finding's route, agent, entity,
direction, location, compared routes and tracking techniques. The rest (species, inducer, cell
type, route, timing, donor, measured entity, direction, strategy, comparator, ...) is drawn field
by field from the real values.

Study ``i`` depends only on the seed and ``i`` (one random generator per study), so the first
1,000 studies of a 10,000-study folder are those of a 1,000-study folder. Keys are
``s000123`` (study), ``s000123-m1`` (model), ``s000123-i1`` (intervention), ``s000123-f1``
(finding), ``s000123-st1`` (statement) and ``s000123-r1`` (route finding).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from mitoaki.core.paths import data_dir
from mitoaki.records.loader import load_records
from mitoaki.records.schema import KINDS, Intervention, RecordFile, RouteFinding, Statement

T = TypeVar("T")
PER_FILE = 1000
KEY_DIGITS = 6  # s000001 .. s999999
DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Intervention kinds whose agent comes from cells (donor and donor species make sense).
CELL_KINDS = {"msc_cells", "conditioned_medium", "extracellular_vesicles", "microvesicles"}


def _sorted_unique(values: Iterable[T | None]) -> list[T]:
    """The distinct non-empty values, sorted by their text (a stable order for the seed)."""
    return sorted({v for v in values if v is not None and v != ""}, key=str)


@dataclass(frozen=True)
class TermPools:
    """Values the real records use, per field (or per profile of fields that belong together)."""

    about: list[str]
    species: list[str]
    inducers: list[str]
    cell_types: list[str]
    disrupted_genes: list[str]
    lateralities: list[str]
    techniques: list[str]
    first_authors: list[str]
    interventions: list[Intervention]
    routes: list[str]
    timings: list[str]
    donors: list[str]
    donor_species: list[str]
    entities: list[str]
    directions: list[str]
    strategies: list[str]
    units: list[str]
    comparators: list[str]
    time_points: list[str]
    statements: list[Statement]
    route_findings: list[RouteFinding]

    @classmethod
    def from_records(cls, files: list[RecordFile]) -> TermPools:
        """Collect the pools from loaded record files."""
        docs = [f.document for f in files]
        studies = [s for f in files for s in f.studies]
        models = [m for f in files for m in f.models]
        interventions = [i for f in files for i in f.interventions]
        findings = [x for f in files for x in f.findings]
        statements = [s for f in files for s in f.statements]
        route_findings = [r for f in files for r in f.route_findings]
        pools = cls(
            about=_sorted_unique(c for d in docs for c in d.about),
            species=_sorted_unique(m.species for m in models),
            inducers=_sorted_unique(m.inducer for m in models),
            cell_types=_sorted_unique(m.cell_type for m in models),
            disrupted_genes=_sorted_unique(m.disrupted_gene for m in models),
            lateralities=_sorted_unique(m.laterality for m in models),
            techniques=_sorted_unique(t for s in studies for t in s.techniques),
            first_authors=_sorted_unique(s.first_author for s in studies),
            interventions=sorted(interventions, key=lambda r: r.key),
            routes=_sorted_unique(i.route for i in interventions),
            timings=_sorted_unique(i.timing for i in interventions),
            donors=_sorted_unique(i.donor for i in interventions),
            donor_species=_sorted_unique(i.donor_species for i in interventions),
            entities=_sorted_unique(x.entity for x in findings),
            directions=_sorted_unique(x.direction for x in findings),
            strategies=_sorted_unique(x.strategy for x in findings),
            units=_sorted_unique(x.unit for x in findings),
            comparators=_sorted_unique(x.comparator for x in findings),
            time_points=_sorted_unique(x.time_point for x in findings),
            statements=sorted(statements, key=lambda r: r.key),
            route_findings=sorted(route_findings, key=lambda r: r.key),
        )
        empty = [name for name, value in vars(pools).items() if not value]
        if empty:
            raise ValueError(f"the real records give no values for: {', '.join(empty)}")
        return pools


def real_pools(records_dir: Path | None = None) -> TermPools:
    """The pools of the project's curated records (``ontology/records``) or of another folder."""
    folder = records_dir or data_dir("ontology") / "records"
    return TermPools.from_records([item.records for item in load_records(folder)])


def _drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    """The record without its unset fields (as a curator would write it)."""
    return {k: v for k, v in record.items() if v is not None and v != [] and v != ()}


def _model(rng: random.Random, pools: TermPools, key: str, ref: int, index: int) -> dict[str, Any]:
    """A model: in vivo (80 %) or in vitro with a cell type; species and inducer from the pools."""
    system = "in_vitro" if rng.random() < 0.2 else "in_vivo"
    return _drop_empty(
        {
            "key": key,
            "system": system,
            "species": rng.choice(pools.species),
            "inducer": rng.choice(pools.inducers) if rng.random() < 0.9 else None,
            "cell_type": rng.choice(pools.cell_types) if system == "in_vitro" else None,
            "laterality": (
                rng.choice(pools.lateralities)
                if system == "in_vivo" and rng.random() < 0.1
                else None
            ),
            "disrupted_gene": rng.choice(pools.disrupted_genes) if rng.random() < 0.05 else None,
            "anchor": f"synthetic study {index} model {key.rsplit('-m', 1)[1]}",
            "refs": [ref],
        }
    )


def _intervention(
    rng: random.Random, pools: TermPools, key: str, ref: int, index: int
) -> dict[str, Any]:
    """An intervention: a real intervention's profile, with route, timing and donor drawn anew."""
    profile = rng.choice(pools.interventions)
    cells = profile.kind in CELL_KINDS and profile.source_tissue is not None
    donor = rng.random() < 0.3 and cells
    return _drop_empty(
        {
            "key": key,
            "kind": profile.kind,
            "agent": profile.agent,
            "source_cell": profile.source_cell,
            "source_tissue": profile.source_tissue,
            "donor": rng.choice(pools.donors) if donor else None,
            "donor_species": rng.choice(pools.donor_species) if donor else None,
            "route": rng.choice(pools.routes) if rng.random() < 0.5 else None,
            "timing": rng.choice(pools.timings) if rng.random() < 0.3 else None,
            "targets": list(profile.targets),
            "anchor": f"synthetic study {index} intervention {key.rsplit('-i', 1)[1]}",
            "refs": [ref],
        }
    )


def _finding(
    rng: random.Random,
    pools: TermPools,
    key: str,
    study: dict[str, Any],
    index: int,
) -> dict[str, Any]:
    """A finding of ``study`` in one of its models, mostly under one of its interventions."""
    measured = rng.random() < 0.1
    interventions: list[str] = study.get("interventions", [])
    return _drop_empty(
        {
            "key": key,
            "study": study["key"],
            "model": rng.choice(study["models"]),
            "intervention": (
                rng.choice(interventions) if interventions and rng.random() < 0.9 else None
            ),
            "entity": rng.choice(pools.entities),
            "direction": rng.choice(pools.directions),
            "value": rng.randrange(1, 1000) / 10 if measured else None,
            "unit": rng.choice(pools.units) if measured else None,
            "comparator": rng.choice(pools.comparators) if rng.random() < 0.2 else None,
            "time_point": rng.choice(pools.time_points) if rng.random() < 0.1 else None,
            "strategy": rng.choice(pools.strategies) if rng.random() < 0.9 else None,
            "table_row": rng.randrange(1, 21) if rng.random() < 0.1 else None,
            "anchor": f"synthetic study {index} finding {key.rsplit('-f', 1)[1]}",
            "refs": list(study["refs"]),
        }
    )


def _statement(
    rng: random.Random, pools: TermPools, key: str, study: dict[str, Any], index: int
) -> dict[str, Any]:
    """A mechanism statement: a real statement's subject, relation, object and context."""
    profile = rng.choice(pools.statements)
    return _drop_empty(
        {
            "key": key,
            "subject": profile.subject,
            "relation": profile.relation,
            "object": profile.object,
            "context": list(profile.context),
            "strategy": rng.choice(pools.strategies) if rng.random() < 0.5 else None,
            "study": study["key"],
            "anchor": f"synthetic study {index} mechanism",
            "refs": list(study["refs"]),
        }
    )


def _route_finding(
    rng: random.Random, pools: TermPools, key: str, study: dict[str, Any], index: int
) -> dict[str, Any]:
    """A route finding: a real route finding's route, agent, entity, location and comparisons."""
    profile = rng.choice(pools.route_findings)
    return _drop_empty(
        {
            "key": key,
            "route": profile.route,
            "agent": profile.agent,
            "entity": profile.entity,
            "direction": profile.direction,
            "location": profile.location,
            "compared_with": list(profile.compared_with),
            "tracked_by": list(profile.tracked_by),
            "study": study["key"],
            "anchor": f"synthetic study {index} delivery route",
            "refs": list(study["refs"]),
        }
    )


def study_records(index: int, ref: int, pools: TermPools, seed: int = 0) -> dict[str, list[Any]]:
    """The records of synthetic study ``index`` (cited as reference ``ref``), by kind.

    >>> records = study_records(7, 7, real_pools())
    >>> records["studies"][0]["key"], records["models"][0]["key"]
    ('s000007', 's000007-m1')
    >>> records == study_records(7, 7, real_pools())
    True
    """
    rng = random.Random(f"mitoaki-synth-{seed}-{index}")
    key = f"s{index:0{KEY_DIGITS}d}"
    models = [
        _model(rng, pools, f"{key}-m{n}", ref, index) for n in range(1, 2 + (rng.random() < 0.05))
    ]
    interventions = [
        _intervention(rng, pools, f"{key}-i{n}", ref, index)
        for n in range(1, 2 + (rng.random() < 0.05))
    ]
    designs = _sorted_unique(m["system"] for m in models)
    study = _drop_empty(
        {
            "key": key,
            "ref": ref,
            "first_author": rng.choice(pools.first_authors),
            "year": rng.randrange(2000, 2026),
            "designs": designs,
            "models": [m["key"] for m in models],
            "interventions": [i["key"] for i in interventions],
            "techniques": [rng.choice(pools.techniques)] if rng.random() < 0.05 else [],
            "anchor": f"synthetic study {index} et al. [{ref}]",
            "refs": [ref],
        }
    )
    findings = [
        _finding(rng, pools, f"{key}-f{n}", study, index)
        for n in range(1, 2 + (rng.random() < 0.4))
    ]
    statements = [_statement(rng, pools, f"{key}-st1", study, index)] if rng.random() < 0.2 else []
    route_findings = (
        [_route_finding(rng, pools, f"{key}-r1", study, index)] if rng.random() < 0.1 else []
    )
    return {
        "studies": [study],
        "models": models,
        "interventions": interventions,
        "findings": findings,
        "statements": statements,
        "route_findings": route_findings,
    }


def record_file(
    number: int, first: int, count: int, pools: TermPools, seed: int = 0
) -> dict[str, Any]:
    """Record file ``number`` (1-based): its document and studies ``first`` .. ``first+count-1``."""
    key = f"synth-{number:04d}"
    out: dict[str, Any] = {
        "document": {
            "key": key,
            "file": f"{key}.txt",
            "title": f"Synthetic review {number} for the scale benchmark",
            "doc_type": "review",
            "about": list(pools.about),
            "anchor": f"synthetic review {number}",
        }
    }
    kinds: dict[str, list[Any]] = {}
    for offset in range(count):
        for kind, records in study_records(first + offset, offset + 1, pools, seed).items():
            kinds.setdefault(kind, []).extend(records)
    out.update(kinds)
    return out


@dataclass
class Written:
    """What ``write_records`` wrote: the files, and the records per kind."""

    paths: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        """Records of every kind, documents included."""
        return sum(self.counts.values())


def write_records(
    size: int,
    out_dir: Path,
    *,
    per_file: int = PER_FILE,
    seed: int = 0,
    pools: TermPools | None = None,
) -> Written:
    """Write ``size`` synthetic studies to ``out_dir`` (replacing its ``synth-*.yaml``)."""
    if size < 1 or size >= 10**KEY_DIGITS:
        raise ValueError(f"size must be between 1 and {10**KEY_DIGITS - 1}")
    pools = pools or real_pools()
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("synth-*.yaml"):
        old.unlink()
    written = Written()
    for number, first in enumerate(range(1, size + 1, per_file), start=1):
        count = min(per_file, size + 1 - first)
        data = record_file(number, first, count, pools, seed)
        path = out_dir / f"synth-{number:04d}.yaml"
        header = (
            f"# Synthetic records for the scale benchmark (benchmarks/synth.py, seed {seed}).\n"
        )
        text = yaml.dump(
            data,
            Dumper=DUMPER,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=None,
        )
        path.write_text(header + text, encoding="utf-8")
        written.paths.append(path)
        for kind in ("document", *KINDS):
            value = data.get(kind, [])
            written.counts[kind] = written.counts.get(kind, 0) + (
                1 if kind == "document" else len(value)
            )
    return written


def main() -> None:
    """Generate the records folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="number of studies")
    parser.add_argument("out_dir", type=Path, help="records folder to write")
    parser.add_argument("--per-file", type=int, default=PER_FILE, help="studies per record file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    written = write_records(args.size, args.out_dir, per_file=args.per_file, seed=args.seed)
    print(
        f"{args.size} studies, {written.records} records in {len(written.paths)} files "
        f"under {args.out_dir}"
    )


if __name__ == "__main__":
    main()
