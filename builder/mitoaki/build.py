"""The build pipeline: load the TBox -> reason -> quality checks -> write the release."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mitoaki import quality, reason, release, serialize
from mitoaki.ontology import load_tbox

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """Discard progress messages."""


@dataclass(frozen=True)
class BuildOptions:
    """What ``mitoaki build`` reads and where it writes."""

    out: Path = Path("build")
    ontology_dir: Path | None = None


@dataclass
class BuildReport:
    """What a build did: files written (relative to the release folder) and counts."""

    out: Path
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def build(options: BuildOptions, *, progress: Progress = _quiet) -> BuildReport:
    """Run the whole pipeline; the previous release stays in place unless every stage succeeds."""
    progress("loading the ontology and its import modules")
    tbox = load_tbox(options.ontology_dir)
    merged = tbox.merged()
    progress("reasoning with HermiT (consistency, satisfiability, classification)")
    reasoned = reason.check(merged)
    base = release.to_base(tbox)
    full = release.to_full(tbox, reasoned.inferred)
    progress("running the *-violation quality checks")
    quality.enforce(quality.to_store(full))
    report = BuildReport(out=options.out)
    report.counts.update(
        {
            "base triples": len(base),
            "full triples": len(full),
            "inferred axioms": len(reasoned.inferred),
        }
    )
    with release.staged(options.out) as stage:
        for name, graph in (("mitoaki-base", base), ("mitoaki-full", full)):
            progress(f"writing {name}")
            formats = tuple(serialize.RdfFormat(ext) for ext in release.ONTOLOGY_FORMATS)
            for path in serialize.write_all(graph, stage / name, formats):
                report.files.append(path.name)
    return report
