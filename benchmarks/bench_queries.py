"""Latency of every competency question on a release: mitoaki's path against raw pyoxigraph.

Run: ``python benchmarks/bench_queries.py --build build [--repeat 30] [--in-memory]``. Prints a
Markdown table (median and p95 in milliseconds, and the ratio to the same SPARQL run directly on
pyoxigraph, on the same store) to paste into BENCHMARKS.md. A question that mitoaki sorts itself
(``# order: python``) is sent to Oxigraph without its ``ORDER BY``: the raw side runs it as
written, ``ORDER BY`` included (the same rows in the same order), and a note under the table
gives Oxigraph's time for the text mitoaki sends, so the sort's own cost shows too. The raw side
runs the text mitoaki sends to Oxigraph (:mod:`mitoaki.access.dialects`: ``LATERAL`` where a
question
marks it); a question so rewritten is also timed in its standard SPARQL 1.1 text, what another
store is sent, in a note under the table. Not part of the tests: timings belong to a machine,
not to a build. ``time_questions`` is also used by
``bench_scale.py``.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mitoaki.access.binding import bind_in_text, bindings
from mitoaki.access.query import ask
from mitoaki.access.questions import Question, questions
from mitoaki.access.store import open_release


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True)
class QuestionTiming:
    """Timings of one competency question: mitoaki's path and raw pyoxigraph, in milliseconds."""

    name: str
    rows: int
    ours_ms: list[float]
    raw_ms: list[float]
    #: a question sorted by mitoaki: raw pyoxigraph on the text without its ORDER BY
    unsorted_ms: list[float] = field(default_factory=list)
    #: a question rewritten for Oxigraph: raw pyoxigraph on its standard text
    standard_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median latency of ``mitoaki.access.query.ask``."""
        return statistics.median(self.ours_ms)

    @property
    def p95(self) -> float:
        """95th percentile latency of ``mitoaki.access.query.ask``."""
        return percentile(self.ours_ms, 0.95)

    @property
    def raw_median(self) -> float:
        """Median latency of the same SPARQL run directly on pyoxigraph."""
        return statistics.median(self.raw_ms)

    @property
    def unsorted_median(self) -> float | None:
        """Median of raw pyoxigraph on the text mitoaki sends (a question it sorts), else None."""
        return statistics.median(self.unsorted_ms) if self.unsorted_ms else None

    @property
    def ratio(self) -> float:
        """Median over raw median (0 when the raw median is 0)."""
        return self.median / self.raw_median if self.raw_median else 0.0


def time_question(
    store: ox.Store,
    name: str,
    question: Question,
    repeat: int,
    budget_s: float | None = None,
    params: Mapping[str, str] | None = None,
) -> QuestionTiming:
    """Run one question ``repeat`` times both ways (at least 3 times once ``budget_s`` is spent).

    ``params`` are the question's parameters (its defaults where not given).
    """
    params = dict(params or {})
    ours: list[float] = []
    count = 0
    # the raw side runs the question's text with its parameters written in as terms, as mitoaki
    # does; a question mitoaki sorts is also timed as mitoaki sends it, without its ORDER BY
    subs = bindings(question, params)
    texts = [bind_in_text(question.oxigraph, subs)]
    if question.order:
        texts.append(bind_in_text(question.unordered, subs))
    if question.oxigraph != question.text:
        texts.append(bind_in_text(question.text, subs))
    raws: list[list[float]] = [[] for _ in texts]
    started = time.perf_counter()
    for i in range(repeat):
        t0 = time.perf_counter()
        count = len(ask(name, store, **params))
        ours.append((time.perf_counter() - t0) * 1000)
        for text, times in zip(texts, raws, strict=True):
            t0 = time.perf_counter()
            result = store.query(text)
            for solution in result:  # type: ignore[union-attr]
                for term in solution:  # an answer is read, as ask() reads it
                    if term is not None:
                        _ = term.value
            times.append((time.perf_counter() - t0) * 1000)
        if budget_s is not None and i >= 2 and time.perf_counter() - started > budget_s:
            break
    unsorted = raws[1] if question.order else []
    standard = raws[-1] if question.oxigraph != question.text else []
    return QuestionTiming(name, count, ours, raws[0], unsorted, standard)


def time_questions(
    store: ox.Store,
    repeat: int,
    budget_s: float | None = None,
    params: Mapping[str, Mapping[str, str]] | None = None,
) -> list[QuestionTiming]:
    """Time every competency question, in name order (``params``: by question name)."""
    params = params or {}
    return [
        time_question(store, name, question, repeat, budget_s, params.get(name))
        for name, question in questions().items()
    ]


def parse_params(values: list[str]) -> dict[str, dict[str, str]]:
    """``QUESTION:NAME=VALUE`` options as parameters by question name.

    >>> parse_params(["evidence-of:record=urn:x", "routes:route=OBI:0600007"])
    {'evidence-of': {'record': 'urn:x'}, 'routes': {'route': 'OBI:0600007'}}
    """
    out: dict[str, dict[str, str]] = {}
    for value in values:
        question, sep, assignment = value.partition(":")
        name, eq, term = assignment.partition("=")
        if not (sep and eq and question and name):
            raise SystemExit(f"--param {value!r}: expected QUESTION:NAME=VALUE")
        out.setdefault(question, {})[name] = term
    return out


TABLE_HEAD = (
    "| question | rows | median ms | p95 ms | raw pyoxigraph median ms | ratio |",
    "| --- | --- | --- | --- | --- | --- |",
)


SORTED_MARK = " (sorted by mitoaki)"


def sorted_note(name: str, median: float, unsorted_median: float) -> str:
    """The note under the table on a question mitoaki sorts (``# order: python``)."""
    return (
        f"{name}: sorted by mitoaki (`# order: python`), which sends it to Oxigraph without its "
        f"ORDER BY; Oxigraph answers that text in {unsorted_median:.2f} ms (median), so the sort "
        f"and the rows' conversion here take {median - unsorted_median:.2f} ms. The raw column "
        "is the question as written, ORDER BY included: the same rows in the same order."
    )


def table_row(name: str, rows: int, median: float, p95: float, raw_median: float) -> str:
    """One Markdown row of the table (the ratio is median over raw median)."""
    ratio = median / raw_median if raw_median else 0.0
    known = questions().get(name)
    label = name + (SORTED_MARK if known is not None and known.order else "")
    return f"| {label} | {rows} | {median:.2f} | {p95:.2f} | {raw_median:.2f} | {ratio:.2f} |"


def standard_note(name: str, median: float, standard_median: float) -> str:
    """The note under the table on a question rewritten for Oxigraph (``# oxigraph: lateral``)."""
    return (
        f"{name}: rewritten for Oxigraph (LATERAL); its standard SPARQL 1.1 text, the same rows, "
        f"takes {standard_median:.2f} ms (median) against {median:.2f} ms."
    )


def table(timings: list[QuestionTiming]) -> list[str]:
    """The Markdown table lines of BENCHMARKS.md for ``timings`` (and notes on sorted ones)."""
    rows = [table_row(t.name, t.rows, t.median, t.p95, t.raw_median) for t in timings]
    notes = [
        sorted_note(t.name, t.median, t.unsorted_median)
        for t in timings
        if t.unsorted_median is not None
    ]
    notes += [
        standard_note(t.name, t.median, statistics.median(t.standard_ms))
        for t in timings
        if t.standard_ms
    ]
    return [*TABLE_HEAD, *rows, *(["", *notes] if notes else [])]


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--in-memory", action="store_true", help="load the release into memory first"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="QUESTION:NAME=VALUE",
        help="a parameter of one question (e.g. a record of the release for evidence-of)",
    )
    args = parser.parse_args()
    params = parse_params(args.param)
    started = time.perf_counter()
    store = open_release(args.build, in_memory=args.in_memory)
    opened = (time.perf_counter() - started) * 1000
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, pyoxigraph {ox.__version__}"
    )
    where = "loaded into memory" if args.in_memory else "opened"
    print(f"store {where} in {opened:.1f} ms")
    for question, values in sorted(params.items()):
        print(f"{question}: " + ", ".join(f"{k}={v}" for k, v in sorted(values.items())))
    print()
    print("\n".join(table(time_questions(store, args.repeat, params=params))))


if __name__ == "__main__":
    main()
