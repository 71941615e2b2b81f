"""Competency questions: expected answers on the real release, parameters bound as RDF terms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from mitoaki.access import query as query_module
from mitoaki.access.binding import bind_in_text, bindings
from mitoaki.access.query import answer, ask, execute, rows, serialize_result
from mitoaki.access.questions import Question, questions, read_question
from mitoaki.access.store import open_release
from mitoaki.build import BuildReport
from mitoaki.cli import app
from mitoaki.core.errors import QueryError

runner = CliRunner()


@pytest.fixture(scope="module")
def store(release: BuildReport) -> ox.Store:
    return open_release(release.out)


def column(rows: list[dict[str, str]], name: str) -> set[str]:
    return {row[name] for row in rows if name in row}


def test_at_least_fifteen_questions_each_with_a_question_and_defaults() -> None:
    found = questions()
    assert len(found) >= 15
    for question in found.values():
        assert question.question.endswith("?"), question.name
        for param in question.params:
            assert param.default and param.description, (question.name, param.name)


def test_table1_by_source(store: ox.Store) -> None:
    rows = ask("table1-by-source", store)  # default: bone marrow
    assert column(rows, "study") == {"Geng et al. 2017 [64]", "Jiao et al. 2017 [66]"}
    rows = ask("table1-by-source", store, source="UBERON:0002331")  # umbilical cord
    assert column(rows, "study") == {"Peng et al. 2013 [65]", "Perico et al. 2017 [70]"}
    rows = ask("table1-by-source", store, source="UBERON:0003422")  # Wharton's jelly
    assert column(rows, "study") == {"Gu et al. 2016 [68]"}
    assert column(rows, "product") == {"MSC-derived extracellular vesicle"}


def test_studies_by_inducer_uses_the_class_hierarchy(store: ox.Store) -> None:
    cisplatin = column(ask("studies-by-inducer", store), "ref")
    assert {"12", "65", "66", "70"} <= cisplatin
    # nephrotoxic drug exposure is inferred above cisplatin exposure
    nephrotoxic = column(ask("studies-by-inducer", store, inducer="MITOAKI:0000211"), "ref")
    assert cisplatin <= nephrotoxic
    assert "68" in column(ask("studies-by-inducer", store, inducer="MITOAKI:0000210"), "ref")


def test_studies_by_species_through_the_taxonomy(store: ox.Store) -> None:
    mice = column(ask("studies-by-species", store), "ref")
    assert {"64", "70", "54"} <= mice and "65" not in mice
    rodents = column(ask("studies-by-species", store, taxon="NCBITaxon:9989"), "ref")
    assert mice | {"65", "66", "68"} <= rodents


def test_outcome_studies(store: ox.Store) -> None:
    rows = ask("outcome-studies", store)  # ATP
    assert {(r["study"], r["direction"]) for r in rows} == {
        ("Geng et al. 2017 [64]", "increased"),
        ("Perico et al. 2017 [70]", "increased"),
    }
    ros = {(r["ref"], r["direction"]) for r in ask("outcome-studies", store, entity="CHEBI:26523")}
    assert {("64", "decreased"), ("66", "decreased"), ("70", "decreased")} <= ros


def test_strategy_mechanisms(store: ox.Store) -> None:
    minimising = ask("strategy-mechanisms", store)
    assert ("Gu et al. 2016 [68]", "miR-30 family microRNA") in {
        (r["subject"], r["object"]) for r in minimising if r["kind"] == "finding"
    }
    accelerating = ask("strategy-mechanisms", store, strategy="MITOAKI:0000342")
    assert "PPARGC1A" in column(accelerating, "object")
    transferring = ask("strategy-mechanisms", store, strategy="MITOAKI:0000343")
    assert any("mitochondrial transfer" in o for o in column(transferring, "object"))


def test_process_regulators(store: ox.Store) -> None:
    rows = {(r["regulator"], r["effect"]) for r in ask("process-regulators", store)}
    assert ("DNM1L", "positively regulates") in rows
    assert ("mdivi-1", "negatively regulates") in rows
    assert ("acute kidney injury", "positively regulates") in rows


def test_aki_process_directions(store: ox.Store) -> None:
    rows = {(r["entity"], r["direction"]) for r in ask("aki-process-directions", store)}
    assert {
        ("mitochondrial fission", "increased"),
        ("mitochondrial fusion", "decreased"),
        ("DNM1L", "increased"),
        ("MFN2", "decreased"),
        ("PPARGC1A", "decreased"),
        ("mitophagy", "decreased"),
    } <= rows


def test_evidence_of_a_record(store: ox.Store) -> None:
    [row] = ask("evidence-of", store)
    assert row["file"] == "000_9e16bc4b4ce19214.txt" and row["anchor"] == "↑ATP, ↑PGC-1α"
    assert int(row["start"]) < int(row["end"])
    assert row["sentence"].startswith("2017 Mice Cisplatin Umbilical cord")
    assert row["source"].startswith("msc-mito-aki-review.yaml:")


def test_routes(store: ox.Store) -> None:
    rows = ask("routes", store)
    assert {
        "intravenous injection",
        "intra-arterial administration",
        "intraperitoneal administration",
        "intrarenal injection",
    } <= column(rows, "routeLabel")
    lung = [r for r in rows if r.get("location") == "pulmonary capillary"]
    assert lung and lung[0]["routeLabel"] == "intravenous injection"
    creatinine = [r for r in rows if r.get("measured") == "creatinine"]
    assert {r["comparedWith"] for r in creatinine} == {
        "intrarenal injection",
        "intravenous injection",
    }


def test_trials(store: ox.Store) -> None:
    rows = {r.get("nct", ""): r for r in ask("trials", store)}
    assert set(rows) >= {"NCT00733876", "NCT01602328", "NCT02397213", "NCT01720030"}
    assert rows["NCT00733876"]["phase"] == "phase I clinical trial"
    assert rows["NCT00733876"]["outcome"] == "positive trial outcome"
    assert rows["NCT01602328"]["phase"] == "phase II clinical trial"
    assert rows["NCT01602328"]["outcome"] == "negative trial outcome"


def test_prophylactic_drugs(store: ox.Store) -> None:
    rows = ask("prophylactic-drugs", store)
    assert column(rows, "drug") == {"MitoQ", "SS-31", "mdivi-1"}
    assert {(r["drug"], r.get("target")) for r in rows} >= {("mdivi-1", "DNM1L")}


def test_msc_go_processes_include_sub_processes(store: ox.Store) -> None:
    everything = column(ask("msc-go-processes", store), "process")
    assert {"mitochondrial fission", "apoptotic process"} <= everything
    organisation = column(ask("msc-go-processes", store, root="GO:0007005"), "process")
    assert "mitochondrial fission" in organisation and "apoptotic process" not in organisation


def test_well_supported_findings_count_studies(store: ox.Store) -> None:
    rows = {
        (r["measured"], r["direction"]): int(r["studies"])
        for r in ask("well-supported-findings", store)
    }
    assert rows[("reactive oxygen species", "decreased")] == 3
    assert rows[("ATP", "increased")] == 2
    # the renal injury relieved in three AKI models, and OPA1 in renal I/R (issue 23)
    assert rows[("acute kidney injury", "decreased")] == 4
    assert ("tubular damage", "decreased") not in rows  # ref 55's design is not stated
    three = ask("well-supported-findings", store, n="3")
    assert all(int(r["studies"]) >= 3 for r in three) and len(three) < len(rows)


def test_conflicting_findings_tell_context_from_contradiction(store: ox.Store) -> None:
    rows = ask("conflicting-findings", store)
    pgc = [r for r in rows if r["measured"] == "PPARGC1A"]
    assert pgc and all(r["verdict"] == "context-dependent" for r in pgc)
    sepsis = [r for r in pgc if r["study1"] == r["study2"] == "Study [11]"]
    assert sepsis and "recovery phase" in sepsis[0]["context1"]


def test_open_concerns_and_techniques_and_products(store: ox.Store) -> None:
    types = column(ask("open-concerns", store), "type")
    assert {
        "MSC dose concern",
        "MSC potency and heterogeneity concern",
        "MSC tumorigenicity concern",
        "autologous versus allogeneic MSC concern",
    } <= types
    assert len(column(ask("tracking-techniques", store), "technique")) == 5
    products = column(ask("msc-products", store), "product")
    assert {"MSC-conditioned medium", "MSC-derived extracellular vesicle"} <= products


def test_mitochondrial_transfer_values(store: ox.Store) -> None:
    values = {
        (r["direction"], r.get("value"), r.get("unit"), r.get("comparatorValue"))
        for r in ask("mitochondrial-transfer", store)
        if "value" in r
    }
    # the uninjured co-culture's 18 % is the comparator of the cisplatin value (issue 23), not a
    # finding of no change against itself
    assert values == {("decreased", "4.1", "%", "18"), ("increased", "25", "%", "4.1")}


def test_outcome_studies_of_aki_itself(store: ox.Store) -> None:
    # "renal injury" relieved in an AKI model is that model's AKI, not only its tubular damage
    rows = {
        (r["ref"], r["direction"]) for r in ask("outcome-studies", store, entity="MONDO:0002492")
    }
    assert rows == {
        ("64", "decreased"),
        ("68", "decreased"),
        ("70", "decreased"),
        ("48", "decreased"),
        ("47", "increased"),
        ("54", "increased"),
    }
    damage = ask("outcome-studies", store, entity="MITOAKI:0000137")
    assert {(r["ref"], r["direction"]) for r in damage} == {("55", "decreased")}


def test_curator_inferences(store: ox.Store) -> None:
    rows = {
        (r["record"].removeprefix("https://w3id.org/mitoaki/kb/"), r["field"])
        for r in ask("curator-inferences", store)
    }
    assert rows == {
        ("model/perico-2017-rptec", "species"),
        ("model/perico-2017-rptec-cisplatin", "species"),
        ("model/ref11-sepsis-model", "species"),
        ("model/ref48-ir", "species"),
        ("model/ref53-cisplatin", "species"),
        ("model/ref53-cisplatin", "system"),
        ("intervention/gu-2016-hwjmsc-ev", "donor"),
        ("intervention/perico-2017-huc-msc", "donor"),
        ("intervention/perico-2017-msc-in-vitro", "agent"),
        ("intervention/perico-2017-msc-in-vitro", "source_tissue"),
        ("intervention/ref78-human-bm-msc", "donor"),
        ("study/ref53-chloroquine", "designs"),
    }


@pytest.mark.parametrize(
    "hostile",
    [
        '"> } ; DROP ALL ; #',
        "CHEBI:15422> } UNION { ?s ?p ?o",
        "<http://x> } . ?s ?p ?o . FILTER(true",
    ],
)
def test_parameters_are_bound_as_terms_not_text(store: ox.Store, hostile: str) -> None:
    question = questions()["outcome-studies"]
    try:
        subs = bindings(question, {"entity": hostile})
    except QueryError:
        return  # refused as a malformed IRI: fine
    assert list(execute(store, question.text, subs)) == []  # one (odd) IRI: matches nothing
    assert ask("outcome-studies", store, entity=hostile) == []  # written in: the same


def test_a_hostile_literal_written_into_the_text_stays_one_literal(store: ox.Store) -> None:
    from mitoaki.access.binding import bind_in_text

    hostile = ox.Literal('x" } ; DROP ALL ; SELECT * { ?s ?p "')
    text = bind_in_text("SELECT ?v WHERE { BIND(STRLEN(?v) AS ?n) }", {ox.Variable("v"): hostile})
    answer = rows(execute(store, text))
    assert answer == [{"v": hostile.value}]


def test_string_parameter_injection_is_inert(store: ox.Store) -> None:
    question = questions()["well-supported-findings"]
    with pytest.raises(QueryError, match="not a valid integer"):
        bindings(question, {"n": "1) || true || (1"})


def test_cli_list_and_formats(release: BuildReport) -> None:
    result = runner.invoke(app, ["query", "--list", "--build", str(release.out)])
    lines = result.output.strip().splitlines()
    heads = [line.split("\t") for line in lines if not line.startswith(" ")]
    assert len(heads) == len(questions()) and all(len(head) == 2 for head in heads)
    # each question's parameters follow it, with their types and defaults
    species = lines.index(next(line for line in lines if line.startswith("studies-by-species\t")))
    assert lines[species + 1].split("  (")[0] == "    --param taxon=<iri>"
    assert "(default: NCBITaxon:10090)" in lines[species + 1]
    out = runner.invoke(app, ["query", "trials", "--build", str(release.out), "-f", "json"])
    data = json.loads(out.stdout)
    assert "nct" in data["head"]["vars"] and len(data["results"]["bindings"]) >= 4
    csv = runner.invoke(
        app,
        [
            "query",
            "outcome-studies",
            "-p",
            "entity=CHEBI:15422",
            "--build",
            str(release.out),
            "-f",
            "csv",
        ],
    )
    assert csv.stdout.splitlines()[0].startswith("entity,study")
    ttl = runner.invoke(
        app,
        [
            "query",
            "--sparql",
            "CONSTRUCT WHERE { ?s a <https://w3id.org/mitoaki/MITOAKI_0000600> }",
            "--build",
            str(release.out),
            "-f",
            "turtle",
        ],
    )
    assert "MITOAKI:0000600" in ttl.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "unknown question"),
        (["query", "trials", "-p", "x=1"], "unknown parameter"),
        (["query", "--sparql", "SELEC ?x"], "malformed SPARQL"),
        (["query", "outcome-studies", "-p", "entity"], "bad --param"),
    ],
)
def test_cli_errors_are_one_line(release: BuildReport, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--build", str(release.out)])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"source": "UBERON:0002331"},
        {"record": "https://w3id.org/mitoaki/kb/study/perico-2017"},
        {"n": "1"},
        {"entity": "CHEBI:15422"},
    ],
)
def test_parameters_written_in_give_oxigraphs_substitution_rows(
    store: ox.Store, params: dict[str, str]
) -> None:
    """Terms written into the text (for the join order) answer as Oxigraph's substitutions do."""
    from mitoaki.access.binding import bind_in_text

    checked = 0
    for question in questions().values():
        names = {p.name for p in question.params}
        if not question.params or not set(params) <= names:
            continue
        subs = bindings(question, params)
        expected = rows(execute(store, question.text, subs))
        assert rows(execute(store, bind_in_text(question.text, subs))) == expected, question.name
        checked += 1
    assert checked


def test_conflict_summary_counts_the_pairs_conflicting_findings_lists(store: ox.Store) -> None:
    summary = {row["measured"]: row for row in ask("conflict-summary", store)}
    pairs = ask("conflicting-findings", store)
    assert set(summary) == {row["measured"] for row in pairs}
    pgc = summary["PPARGC1A"]
    assert (pgc["increased"], pgc["decreased"], pgc["pairs"]) == ("3", "2", "6")
    for row in summary.values():
        increased, decreased = int(row["increased"]), int(row["decreased"])
        assert int(row["pairs"]) == increased * decreased
        assert int(row["contradictions"]) + int(row["contextDependent"]) == int(row["pairs"])
        listed = [p for p in pairs if p["measured"] == row["measured"]]
        # conflicting-findings lists distinct (study, context) pairs: at most the finding pairs
        assert 0 < len(listed) <= int(row["pairs"])
        verdicts = {p["verdict"] for p in listed}
        assert ("contradiction" in verdicts) == (int(row["contradictions"]) > 0)


def test_conflicting_findings_about_one_entity(store: ox.Store) -> None:
    every = ask("conflicting-findings", store)
    assert every == ask("conflicting-findings", store, entity="*")  # '*': unbound, the default
    pgc = ask("conflicting-findings", store, entity="HGNC:9237")
    assert pgc == [row for row in every if row["measured"] == "PPARGC1A"]
    assert {row["entity"] for row in pgc} == {"http://identifiers.org/hgnc/9237"}
    assert len({row["measured"] for row in every}) > 1
    with pytest.raises(QueryError, match="not a valid integer"):
        ask("well-supported-findings", store, n="*")  # '*' only where it is the default


@pytest.fixture(scope="module")
def memory(release: BuildReport) -> ox.Store:
    """The release loaded in memory (what `mitoaki serve --in-memory` queries)."""
    return open_release(release.out, in_memory=True)


@pytest.mark.parametrize("name", sorted(questions()))
def test_answers_are_the_same_rows_in_the_same_order_on_any_store(
    store: ox.Store, memory: ox.Store, name: str
) -> None:
    # total ORDER BYs and ordered GROUP_CONCAT inputs: the persisted store and a store loaded
    # in memory keep their data in different orders
    assert ask(name, store) == ask(name, memory)


_VAR = re.compile(r"[?$](\w+)")


def _ordered_on(text: str) -> tuple[set[str], set[str]]:
    """(variables a question's rows are unique by, variables of its ORDER BY)."""
    text = re.sub(r"(?m)(^|\s)#[^\n]*", " ", text)
    clause = text[text.index("SELECT") + 6 : text.index("WHERE")]
    aliases = set(re.findall(r"\bAS\s+[?$](\w+)\s*\)", clause))
    bare = set(_VAR.findall(re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", " ", clause)))
    # a bound parameter, (term AS ?x), and BIND("literal" AS ?x) are the same on every row
    constants = set(re.findall(r'(?:<[^<>\s]*>|"[^"]*")\s+AS\s+[?$](\w+)\s*\)', text))
    tail = text[text.rindex("}") + 1 :]
    order = tail[tail.index("ORDER BY") :] if "ORDER BY" in tail else ""
    group = re.search(r"GROUP BY(.*?)(?:HAVING|ORDER BY|$)", tail, re.S)
    unique = set(_VAR.findall(group.group(1))) if group else bare | aliases
    return unique - constants, set(_VAR.findall(order))


@pytest.mark.parametrize("name", sorted(questions()))
def test_every_question_orders_its_rows_totally(name: str) -> None:
    # ties in ORDER BY come back in storage order, which differs between stores (and releases):
    # a question orders on every column its rows are unique by (its GROUP BY keys, or else every
    # projected column); a parameter's default is bound as the CLI binds it
    question = questions()[name]
    unique, order = _ordered_on(bind_in_text(question.text, bindings(question, {})))
    assert unique, name
    assert unique <= order, f"{name}: ORDER BY lacks {sorted(unique - order)}"


def test_a_partial_order_is_caught() -> None:
    unique, order = _ordered_on(
        "SELECT DISTINCT ?a (COUNT(?x) AS ?n) WHERE { ?a ?p ?x } ORDER BY ?a"
    )
    assert unique == {"a", "n"} and order == {"a"}
    unique, order = _ordered_on(
        "SELECT ?a (SUM(?x) AS ?n) WHERE { ?a ?p ?x } GROUP BY ?a ORDER BY ?a"
    )
    assert unique == {"a"} <= order
    unique, _ = _ordered_on(
        'SELECT (<urn:a> AS ?a) ?b WHERE { BIND("x" AS ?b) } ORDER BY (<urn:a>)'
    )
    assert unique == set()


SORTED = sorted(name for name, q in questions().items() if q.order)


def test_conflicting_findings_is_sorted_by_mitoaki() -> None:
    # the listing whose sort on a persisted store cost five times its query (BENCHMARKS.md)
    assert "conflicting-findings" in SORTED
    found = questions()["conflicting-findings"]
    assert found.order == (
        "measured",
        "study1",
        "study2",
        "context1",
        "context2",
        "verdict",
        "entity",
    )
    assert "ORDER BY" in found.text and "ORDER BY" not in found.unordered


@pytest.mark.parametrize("name", SORTED)
@pytest.mark.parametrize("which", ["persisted", "memory"])
def test_rows_sorted_by_mitoaki_come_in_oxigraphs_order(
    store: ox.Store, memory: ox.Store, name: str, which: str
) -> None:
    target = store if which == "persisted" else memory
    found = questions()[name]
    entities = {row["entity"] for row in ask("conflict-summary", target)}
    cases = [{}] + [{"entity": e} for e in sorted(entities)[:3]] if found.params else [{}]
    for given in cases:
        subs = bindings(found, given)
        expected = rows(execute(target, bind_in_text(found.text, subs)))  # Oxigraph's ORDER BY
        here = query_module._sorted(
            execute(target, bind_in_text(found.unordered, subs)), found, query_module._row
        )
        assert here is not None, f"{name} {given}: the rows were not sorted in Python"
        assert here[1] == expected, given
        assert ask(name, target, **given) == expected
        assert rows(answer(found, target, given)) == expected
    assert expected


def _question(tmp_path: Path, body: str, header: str = "# order: python") -> Question:
    path = tmp_path / "q.rq"
    path.write_text(f"# question: What is it?\n{header}\n{body}\n", encoding="utf-8")
    return read_question(path)


ORDERED = "SELECT ?k ?x WHERE {{ ?s <urn:k> ?k ; <urn:x> ?x }} ORDER BY ?k ?x"


@pytest.mark.parametrize(
    ("keys", "here"),
    [
        # code points, not letters: Z < a < ab < é < 😀 (Rust compares UTF-8 bytes, the same order)
        (['"ab"', '"é"', '"a"', '"Z"', '"😀"', '"a b"', '""'], True),
        (["<urn:b>", "<urn:a>", "<urn:a/b>", "<urn:A>"], True),
        # kinds Python does not compare as SPARQL does: Oxigraph sorts those rows
        (['"b"@en', '"a"@en', '"a"'], False),
        (
            [
                '"10"^^<http://www.w3.org/2001/XMLSchema#integer>',
                '"9"^^<http://www.w3.org/2001/XMLSchema#integer>',
            ],
            False,
        ),
        (['"b"', "<urn:a>", '"a"'], False),
        (["_:b", "_:a"], False),
    ],
)
def test_keys_python_cannot_compare_go_back_to_oxigraph(
    tmp_path: Path, keys: list[str], here: bool
) -> None:
    data = "\n".join(
        f'<urn:s{i}> <urn:k> {key} ; <urn:x> "{i % 2}" .' for i, key in enumerate(keys)
    )
    data += "\n<urn:t> <urn:x> 5 ."  # no key: not a solution (the pattern needs one)
    target = ox.Store()
    target.load(data.encode(), format=ox.RdfFormat.TURTLE)
    found = _question(tmp_path, ORDERED.format())
    expected = rows(execute(target, found.text))
    result = query_module._sorted(execute(target, found.unordered), found, query_module._row)
    assert (result is not None) == here
    assert rows(answer(found, target, {})) == expected
    assert len(expected) == len(keys)


def test_an_unbound_key_goes_back_to_oxigraph(tmp_path: Path) -> None:
    target = ox.Store()
    target.load(
        b'<urn:a> <urn:x> 1 . <urn:b> <urn:x> 2 ; <urn:k> "z" .', format=ox.RdfFormat.TURTLE
    )
    found = _question(
        tmp_path, "SELECT ?k ?x WHERE { ?s <urn:x> ?x OPTIONAL { ?s <urn:k> ?k } } ORDER BY ?k ?x"
    )
    assert query_module._sorted(execute(target, found.unordered), found, query_module._row) is None
    assert rows(answer(found, target, {})) == [{"x": "1"}, {"k": "z", "x": "2"}]


def test_an_order_by_a_variable_not_returned_goes_back_to_oxigraph(tmp_path: Path) -> None:
    target = ox.Store()
    target.load(
        b'<urn:a> <urn:x> "1" ; <urn:k> "b" . <urn:b> <urn:x> "2" ; <urn:k> "a" .',
        format=ox.RdfFormat.TURTLE,
    )
    found = _question(tmp_path, "SELECT ?x WHERE { ?s <urn:x> ?x ; <urn:k> ?k } ORDER BY ?k")
    assert query_module._sorted(execute(target, found.unordered), found, query_module._row) is None
    assert rows(answer(found, target, {})) == [{"x": "2"}, {"x": "1"}]


@pytest.mark.parametrize(
    ("header", "body", "message"),
    [
        ("# order: fast", ORDERED.format(), "the one order is 'python'"),
        ("# order: python", "SELECT ?k WHERE { ?s ?p ?k }", "end with ORDER BY"),
        ("# order: python", "SELECT ?k WHERE { ?s ?p ?k } ORDER BY DESC(?k)", "end with ORDER BY"),
        (
            "# order: python",
            "SELECT ?k WHERE { ?s ?p ?k } ORDER BY ?k LIMIT 3",
            "end with ORDER BY",
        ),
    ],
)
def test_a_bad_order_header_is_an_error(
    tmp_path: Path, header: str, body: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message) as error:
        _question(tmp_path, body, header)
    assert error.value.rule == "cq-header" and "q.rq" in str(error.value)


def test_an_order_by_in_a_comment_or_string_is_not_the_query_s(tmp_path: Path) -> None:
    found = _question(
        tmp_path,
        'SELECT ?k WHERE { ?s ?p ?k FILTER(?k != "ORDER BY ?k") } ORDER BY ?k # ORDER BY ?s',
    )
    assert found.order == ("k",)
    assert found.unordered.rstrip().endswith('"ORDER BY ?k") }')


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_cli_writes_sorted_rows_as_oxigraph_writes_ordered_ones(
    release: BuildReport, store: ox.Store, fmt: str
) -> None:
    found = questions()["conflicting-findings"]
    expected = serialize_result(execute(store, found.text), fmt)
    out = runner.invoke(
        app, ["query", "conflicting-findings", "--build", str(release.out), "-f", fmt]
    )
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes == expected


@pytest.mark.parametrize(
    ("keys", "here"),
    [
        # STR(?k): the string of an IRI or of any literal, compared here as Oxigraph compares it
        (['"b"@en', '"a"', "<urn:a>", '"10"^^<http://www.w3.org/2001/XMLSchema#integer>'], True),
        (['"é"', '"Z"', '"z"', '"9"^^<http://www.w3.org/2001/XMLSchema#integer>'], True),
        (["_:b", '"a"'], False),  # STR of a blank node is an error: Oxigraph sorts
    ],
)
def test_str_keys_are_sorted_by_their_string(tmp_path: Path, keys: list[str], here: bool) -> None:
    data = "\n".join(
        f'<urn:s{i}> <urn:k> {key} ; <urn:x> "{i % 2}" .' for i, key in enumerate(keys)
    )
    target = ox.Store()
    target.load(data.encode(), format=ox.RdfFormat.TURTLE)
    found = _question(
        tmp_path, "SELECT ?k ?x WHERE { ?s <urn:k> ?k ; <urn:x> ?x } ORDER BY STR(?k) ?x"
    )
    assert found.order == ("k", "x") and found.by_string == {"k"}
    expected = rows(execute(target, found.text))
    result = query_module._sorted(execute(target, found.unordered), found, query_module._row)
    assert (result is not None) == here
    assert rows(answer(found, target, {})) == expected and len(expected) == len(keys)
