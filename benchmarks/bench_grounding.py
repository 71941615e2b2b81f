"""Grounding against the whole vocabularies: the project's compiled matcher against Gilda.

    python benchmarks/bench_grounding.py [--ref ../shared/ref] [--gold ../shared/corpus-dev]

Both grounders are built from the same term tables (``mitoaki.extract.lexicon.tables``): Gilda
(``gilda.Grounder`` over ``gilda.Term`` rows made from every label, synonym, symbol and alias,
offline, without its downloaded resources) and the project's (``compile_vocabulary``). Three
measures, on the same inputs:

1. **build**: seconds and peak memory to make each grounder from the tables;
2. **names**: every gold row of corpus-dev with a CURIE, its value grounded alone (Gilda's
   ``ground``; the project's matcher over the whole value, the context of the value's own
   sentence deciding ambiguity): accuracy of the top CURIE, names per second;
3. **reading**: the reader over corpus-dev with each grounder in the place of the other
   (Gilda's ``annotate`` made into mentions the same way), entities and findings scored
   against GOLD.tsv, and documents per second.

Gilda's learned disambiguation models are downloaded at run time; offline they are turned off,
so both grounders choose among candidates without trained models.
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.forms import stop_terms
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.lexicon.compiled import compile_vocabulary
from mitoaki.extract.lexicon.ground import Grounder
from mitoaki.extract.lexicon.tables import Entry, read_sources, table_files
from mitoaki.extract.mentions import Mention
from mitoaki.extract.reader import Reader


def gilda_terms(entries: list[Entry], types: dict[str, str]) -> list[Any]:
    """Gilda terms of the entries the project's compile types (the same terms, its names)."""
    from gilda.process import normalize
    from gilda.term import Term

    out = []
    for entry in entries:
        if entry.curie not in types:
            continue
        db = entry.curie.split(":", 1)[0]
        names = [("name", entry.label)]
        names += [("name" if kind == "symbol" else "synonym", name) for kind, name in entry.names]
        for status, name in names:
            if name and normalize(name).strip():
                out.append(Term(normalize(name), name, db, entry.curie, entry.label, status, "ref"))
    return out


@dataclass(frozen=True)
class GildaGrounder:
    """Gilda's named-entity recogniser in the place of the project's ``Grounder``."""

    grounder: Any
    types: dict[str, str]
    labels: dict[str, str]

    def mentions(self, document: NormalisedText, taken: list[Mention]) -> list[Mention]:
        """Gilda's annotations that overlap no mention in ``taken``, as mentions."""
        from gilda.ner import annotate

        text = document.text
        busy = bytearray(len(text) + 1)
        for m in taken:
            busy[m.norm_start : m.norm_end] = b"\x01" * (m.norm_end - m.norm_start)
        out = []
        for annotation in annotate(text, grounder=self.grounder):
            start, end = annotation.start, annotation.end
            if any(busy[start:end]) or not annotation.matches:
                continue
            curie = annotation.matches[0].term.id
            out.append(
                Mention.of_span(
                    document,
                    start,
                    end,
                    curie=curie,
                    label=self.labels.get(curie, ""),
                    type=self.types.get(curie, "other"),
                    match="vocabulary",
                )
            )
        return out


def peak_mb() -> float:
    """The peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Build both grounders, ground the gold names, read corpus-dev with each; print tables."""
    from gilda.grounder import Grounder as Gilda

    from mitoaki.extract.gold import evaluate_gold
    from mitoaki.extract.gold_table import read_gold
    from mitoaki.ontology.tbox import load_tbox

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=Path("../shared/ref"))
    parser.add_argument("--gold", type=Path, default=Path("../shared/corpus-dev"))
    args = parser.parse_args()
    entries = list(read_sources(table_files(args.ref)))
    start = time.perf_counter()
    vocabulary = compile_vocabulary(entries, stop_terms())
    ours_s, ours_mb = time.perf_counter() - start, peak_mb()
    types = dict(zip(vocabulary.curies, vocabulary.types, strict=True))
    labels = dict(zip(vocabulary.curies, vocabulary.labels, strict=True))
    start = time.perf_counter()
    gilda = Gilda(gilda_terms(entries, types))
    # Gilda's learned disambiguation models are downloaded at run time: offline they are off
    gilda.gilda_disambiguators, gilda.adeft_disambiguators = {}, {}
    gilda_s, gilda_mb = time.perf_counter() - start, peak_mb()
    print(
        f"build: ours {ours_s:.1f} s (peak {ours_mb:.0f} MB); Gilda {gilda_s:.1f} s "
        f"(peak after both {gilda_mb:.0f} MB)"
    )

    rows = [r for r in read_gold(args.gold / "GOLD.tsv") if r.curie]
    ours = Grounder(vocabulary)
    right = {"ours": 0, "gilda": 0}
    seconds = {"ours": 0.0, "gilda": 0.0}
    for row in rows:
        start = time.perf_counter()
        found = [
            (s, e, c) for s, e, c in vocabulary.find(row.value) if (s, e) == (0, len(row.value))
        ]
        mine = (
            vocabulary.curies[ours.choose(row.value, 0, len(row.value), found[0][2])]
            if found
            else ""
        )
        seconds["ours"] += time.perf_counter() - start
        start = time.perf_counter()
        matches = gilda.ground(row.value)
        theirs = matches[0].term.id if matches else ""
        seconds["gilda"] += time.perf_counter() - start
        right["ours"] += mine == row.curie
        right["gilda"] += theirs == row.curie
    print(
        f"names ({len(rows)} gold values with a CURIE): "
        + "; ".join(
            f"{k} {right[k]}/{len(rows)} right, {len(rows) / seconds[k]:.0f} names/s" for k in right
        )
    )

    lexicon = Lexicon.from_graph(load_tbox().merged())
    gold = read_gold(args.gold / "GOLD.tsv")
    for name, grounder in (("ours", ours), ("gilda", GildaGrounder(gilda, types, labels))):
        reader = Reader(lexicon, grounder=grounder)  # type: ignore[arg-type]
        start = time.perf_counter()
        report = evaluate_gold(gold, args.gold, reader)
        elapsed = time.perf_counter() - start
        scores = "; ".join(f"{s.task} P {s.precision:.2f} R {s.recall:.2f}" for s in report.scores)
        print(f"reading corpus-dev with {name}: {scores}; {20 / elapsed:.1f} documents/s")


if __name__ == "__main__":
    main()
