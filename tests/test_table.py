"""`mitoaki table` rebuilds Table 1 from the graph by a SPARQL query."""

from __future__ import annotations

from mitoaki.access.store import open_release
from mitoaki.access.table import table_rows, to_csv, to_markdown
from mitoaki.build import BuildReport
from mitoaki.core.namespaces import expand


def test_mini_table(mini_release: BuildReport) -> None:
    rows = table_rows(open_release(mini_release.out))
    assert len(rows) == 1
    row = rows[0]
    assert (row.year, row.animal, row.reference) == ("2020", "Mus musculus", "Nobody et al. [3]")
    assert row.model == "cisplatin exposure" and row.source == "bone marrow"
    assert {(e, d) for e, _, d in row.outcomes} == {
        (expand("CHEBI:15422"), "increased"),
        (expand("GO:0000266"), "decreased"),
    }
    markdown = to_markdown(rows)
    assert "| 2020 | Mus musculus |" in markdown and "↑ATP, ↓mitochondrial fission" in markdown
    assert to_csv(rows).splitlines()[0].startswith("Year,Animal,AKI model")
