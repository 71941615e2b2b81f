"""Extraction speed on synthetic abstracts: documents and mentions per second, 1..N processes.

    python benchmarks/bench_extract.py --abstracts 1000 --processes 1 2

The abstracts are generated (seeded) from the ontology's own vocabulary in the shape of an MSC/AKI
abstract: species, an inducer, an MSC source and product, and findings with direction cues,
negations and citations, with the PDF traps the reader handles (hyphenation across lines, lost
"fi" ligatures). Each process builds its own lexicon once (reported apart) and reads its share.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

SPECIES = ("mice", "rats", "murine models", "Sprague-Dawley rats", "C57BL/6 mice")
INDUCERS = ("cisplatin", "glycerol injection", "ischemia/reperfusion (I/R)", "sepsis")
SOURCES = ("bone marrow", "umbilical cord", "adipose tissue", "Wharton's jelly")
PRODUCTS = ("extracellular vesicles (EVs)", "conditioned medium", "exosomes", "cells")
ENTITIES = (
    "ROS",
    "malondialdehyde",
    "ATP",
    "PGC-1α",
    "mitochondrial fission",
    "mitophagy",
    "apoptosis",
    "SIRT3",
    "NAD+",
    "cytochrome c release",
    "mitochondrial biogenesis",
    "DRP1",
)
CUES = ("reduced", "increased", "attenuated", "restored", "did not reduce", "enhanced")


def abstract(rng: random.Random, number: int) -> str:
    """One synthetic abstract (about 120 words) with traps."""
    species, inducer = rng.choice(SPECIES), rng.choice(INDUCERS)
    source, product = rng.choice(SOURCES), rng.choice(PRODUCTS)
    sentences = [
        f"Study {number}: MSC {product} in acute kidney injury.",
        f"AKI was induced in {species} by {inducer}, and {product} from human {source} "
        "mesenchymal stem cells were injected intravenously.",
    ]
    for _ in range(5):
        a, b = rng.sample(ENTITIES, 2)
        sentences.append(f"Treatment {rng.choice(CUES)} {a} and {b} [{rng.randint(1, 60)}].")
    sentences.append(f"{rng.choice(ENTITIES)} levels were {rng.choice(CUES[:3])} in {species}.")
    text = " ".join(sentences)
    text = text.replace("mitochondrial fission", "mitochondrial fssion", 1)  # lost ligature
    words = text.split(" ")
    lines, line = [], ""
    for word in words:  # hard line breaks, one hyphenated word
        if len(line) + len(word) > 70:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines).replace("mitochondria ", "mito-\nchondria ", 1)


#: Ground against the whole reference tables (the default), as ``mitoaki extract`` does.
VOCABULARY = True


def _read(texts: list[str]) -> tuple[int, int, int, float, float, float]:
    import resource

    from mitoaki.core.paths import shared_dir
    from mitoaki.extract.graph_lexicon import Lexicon
    from mitoaki.extract.lexicon.ground import load_grounder
    from mitoaki.extract.lexicon.tables import table_files
    from mitoaki.extract.reader import Reader
    from mitoaki.ontology.tbox import load_tbox

    start = time.perf_counter()
    shared = shared_dir()
    grounder = load_grounder(table_files(shared / "ref")) if VOCABULARY and shared else None
    reader = Reader(Lexicon.from_graph(load_tbox().merged()), grounder=grounder)
    ready = time.perf_counter()
    mentions = findings = 0
    for text in texts:
        reading = reader.read(text)
        mentions += len(reading.mentions)
        findings += len(reading.findings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: KB)
    return len(texts), mentions, findings, ready - start, time.perf_counter() - ready, peak


def run(count: int, processes: int, seed: int = 7) -> dict[str, float]:
    """Read ``count`` abstracts in ``processes`` worker processes; return the figures."""
    rng = random.Random(seed)
    texts = [abstract(rng, i) for i in range(count)]
    shares = [texts[i::processes] for i in range(processes)]
    start = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(_read, shares))
    wall = time.perf_counter() - start
    mentions = sum(r[1] for r in results)
    return {
        "processes": processes,
        "documents": count,
        "mentions": mentions,
        "findings": sum(r[2] for r in results),
        "lexicon_s": statistics.mean(r[3] for r in results),
        "wall_s": wall,
        "documents_per_s": count / wall,
        "mentions_per_s": mentions / wall,
        "reading_documents_per_s_per_process": statistics.mean(r[0] / r[4] for r in results),
        "peak_mb": max(r[5] for r in results),
    }


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=1000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--no-vocab", action="store_true", help="the ontology's lexicon only (no ../shared/ref)"
    )
    args = parser.parse_args()
    global VOCABULARY
    VOCABULARY = not args.no_vocab
    print(f"    machine: {platform.machine()}, CPython {platform.python_version()}")
    print(
        "| processes | abstracts | mentions | findings | lexicon s | wall s | documents/s "
        "| mentions/s | documents/s per process (reading only) | peak MB per process |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for processes in args.processes:
        r = run(args.abstracts, processes)
        print(
            f"| {processes} | {r['documents']:.0f} | {r['mentions']:.0f} | {r['findings']:.0f} "
            f"| {r['lexicon_s']:.2f} | {r['wall_s']:.2f} | {r['documents_per_s']:.0f} "
            f"| {r['mentions_per_s']:.0f} | {r['reading_documents_per_s_per_process']:.0f} "
            f"| {r['peak_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
