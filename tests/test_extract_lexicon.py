"""The whole-vocabulary lexicon, the general rules of issue 25, and scoring against a gold table.

Every text here was written for these tests: none shares a run of five words with corpus-dev or
the seed documents (``test_no_test_text_or_extract_data_shares_five_words_with_unseen_text``).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mitoaki.build import BuildOptions, build
from mitoaki.cli import app
from mitoaki.extract.gold import evaluate_gold, read_gold
from mitoaki.extract.lexicon.compiled import compile_vocabulary, load
from mitoaki.extract.lexicon.ground import Grounder, load_grounder
from mitoaki.extract.lexicon.tables import Entry, read_ontology, table_files
from mitoaki.extract.reader import Reader
from mitoaki.paths import shared_dir
from mitoaki.textnorm import normalise

REPO = Path(__file__).resolve().parent.parent
EXTRACT = REPO / "builder" / "mitoaki" / "extract"
WORDS = re.compile(r"[a-z0-9α-ω]+")
OBO = """format-version: 1.2
ontology: toy

[Term]
id: TOY:0000001
name: glomerular sparkle
synonym: "kidney glitter" EXACT []

[Term]
id: TOY:0000002
name: sparkle overload
is_a: TOY:0000001 ! glomerular sparkle
"""


def _shared_or_skip() -> Path:
    found = shared_dir()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("../shared is missing under CI: the unseen-text checks cannot run")
        pytest.skip("../shared is not present (a user's machine)")
    return found


@pytest.fixture(scope="module")
def vocab_reader(lexicon: object) -> Reader:
    """A reader grounding against the whole reference tables (compiled once, then cached)."""
    shared = _shared_or_skip()
    return Reader(lexicon, grounder=load_grounder(table_files(shared / "ref")))  # type: ignore[arg-type]


def _grams(text: str) -> set[str]:
    words = WORDS.findall(text.casefold())
    return {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}


def test_no_test_text_or_extract_data_shares_five_words_with_unseen_text() -> None:
    shared = _shared_or_skip()
    dev = set().union(
        *(_grams(p.read_text(encoding="utf-8")) for p in (shared / "corpus-dev").glob("*.txt"))
    )
    seeds = set().union(
        *(_grams(p.read_text(encoding="utf-8")) for p in (shared / "corpus").glob("*.txt"))
    )
    data = [p for p in EXTRACT.rglob("*") if p.suffix in {".py", ".tsv", ".txt"}]
    hits = [
        f"{p.relative_to(REPO)}: {g}"
        for p in data
        for line in p.read_text(encoding="utf-8").splitlines()
        for g in _grams(line) & dev
    ]
    assert not hits, hits  # the extract code and data name no phrase of corpus-dev
    tests = [Path(__file__)]  # texts written for issue 25 (older tests quote the seeds)
    own = [
        f"{p.name}: {g}"
        for p in tests
        for g in _grams(p.read_text(encoding="utf-8")) & (dev | seeds)
    ]
    assert not own, own


def test_vocabulary_from_an_obo_file_is_compiled_cached_and_matched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MITOAKI_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "toy.obo"
    source.write_text(OBO, encoding="utf-8")
    entries = list(read_ontology(source))
    assert [(e.curie, e.label, e.parents) for e in entries] == [
        ("TOY:0000001", "glomerular sparkle", ()),
        ("TOY:0000002", "sparkle overload", ("TOY:0000001",)),
    ]
    first = load([source])
    assert len(list((tmp_path / "cache").glob("vocabulary-*.pickle"))) == 1
    again = load([source])  # from the cache
    assert again.curies == first.curies
    source.write_text(OBO.replace("kidney glitter", "renal glitter"), encoding="utf-8")
    load([source])  # another digest, another file
    assert len(list((tmp_path / "cache").glob("vocabulary-*.pickle"))) == 2


def test_ambiguity_is_resolved_by_the_type_the_context_asks_for() -> None:
    entries = [
        Entry("HGNC:90001", "ZORP1", (("symbol", "ZORP1"), ("alias", "ZORPIN"))),
        Entry("GO:0000099", "zorpin", ()),
        Entry("GO:0008150", "biological_process", ()),
    ]
    entries[1] = Entry("GO:0000099", "zorpin", (), ("GO:0008150",))
    grounder = Grounder(compile_vocabulary(entries))
    for text, wanted in (
        ("We saw the expression of ZORPIN in tubules.", "HGNC:90001"),
        ("Treatment inhibited zorpin in tubules.", "GO:0000099"),
    ):
        found = grounder.mentions(normalise(text), [])
        assert [m.curie for m in found] == [wanted], text


def test_protein_names_and_routes_are_grounded_in_the_whole_tables(vocab_reader: Reader) -> None:
    text = (
        "Plasma KIM-1 and IL-1β fell, cleaved caspase-3 stayed low, and Parkin rose in the "
        "treated pigs, which were given the cells intravenously."
    )
    found = {(m.text, m.curie) for m in vocab_reader.read(text, "t.txt").mentions}
    assert {
        ("KIM-1", "HGNC:17866"),
        ("IL-1β", "HGNC:5992"),
        ("caspase-3", "HGNC:1504"),
        ("Parkin", "HGNC:8607"),
        ("pigs", "NCBITaxon:9823"),
        ("intravenously", "OBI:0000994"),
    } <= found


def test_defined_abbreviations_quantities_and_results_sentences(vocab_reader: Reader) -> None:
    text = (
        "Serum lactate dehydrogenase (LDH) and tubular cast formation were measured. "
        "Compared with vehicle, LDH and tubular cast formation were markedly reduced in the "
        "stem cell group, while glomerular perfusion rose."
    )
    reading = vocab_reader.read(text, "t.txt")
    said = {(f.entity.label, f.direction) for f in reading.findings}
    defined = {(m.text, m.label, m.curie) for m in reading.mentions if m.match == "defined"}
    assert ("LDH", "lactate dehydrogenase", "") in defined  # named by its long form
    assert {
        ("tubular cast formation", "decreased"),
        ("glomerular perfusion", "increased"),
    } <= said


def test_a_spelling_of_one_document_is_corrected_for_that_document_only() -> None:
    fixed = normalise("midiv-1 was given", corrections=[("midiv-1", "mdivi-1")])
    assert fixed.text == "mdivi-1 was given"
    assert fixed.raw_span(0, 7) == (0, 7)


GOLD = (
    "doc_file\tkind\tvalue\tnormalised\tcurie\tdirection\n"
    "a.txt\torganism\tpigs\tSus scrofa\tNCBITaxon:9823\t\n"
    "a.txt\tgene\tKIM-1\tHAVCR1\tHGNC:17866\t\n"
    "a.txt\tmeasured_entity\tKIM-1\tHAVCR1\tHGNC:17866\tdecreased\n"
    "a.txt\tmeasured_entity\turine output\turine output\t\tincreased\n"
    "a.txt\troute\tintravenously\tintravenous injection\tOBI:0000994\t\n"
)
DOC = (
    "Stem cells given intravenously to pigs lowered urinary KIM-1 and raised the urine "
    "output over three days.\n"
)


def test_gold_table_scoring_by_curie_and_by_name(vocab_reader: Reader, tmp_path: Path) -> None:
    (tmp_path / "GOLD.tsv").write_text(GOLD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOC, encoding="utf-8")
    report = evaluate_gold(read_gold(tmp_path / "GOLD.tsv"), tmp_path, vocab_reader)
    entities, findings = report.scores
    assert (entities.found, entities.false_negatives) == (4, 0)
    assert (findings.found, findings.false_negatives) == (2, 0)
    assert findings.false_positives == 0
    bad = tmp_path / "bad.tsv"
    bad.write_text(GOLD.replace("increased\n", "higher\n"), encoding="utf-8")
    with pytest.raises(Exception, match="unknown direction 'higher'"):
        read_gold(bad)


def test_cli_scores_a_folder_against_a_gold_table(tmp_path: Path) -> None:
    (tmp_path / "GOLD.tsv").write_text(GOLD, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(DOC, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "extract",
            "--evaluate",
            "--gold",
            str(tmp_path / "GOLD.tsv"),
            "--no-vocab",
            str(tmp_path / "docs"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "findings with direction" in result.output and "missed by gold kind" in result.output


def test_corpus_dev_drafts_build_with_their_terms_imported(
    vocab_reader: Reader, tmp_path: Path
) -> None:
    """Drafts of unseen abstracts: imports --from-drafts, then a SHACL-valid build.

    Anchors resolve against a corpus folder holding the abstracts (a copy: how
    ``--include-drafts`` finds a draft's text today).
    """
    from mitoaki.extract.drafts import draft_files

    dev = _shared_or_skip() / "corpus-dev"
    texts = sorted(dev.glob("*.txt"))
    readings = [vocab_reader.read(p.read_text(encoding="utf-8"), p.name) for p in texts]
    lexicon = vocab_reader.lexicon
    inducers = frozenset(lexicon.insults.values()) | frozenset(lexicon.diseases.values())
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name, records in draft_files(readings, lexicon.insults, inducers).items():
        text = yaml.safe_dump(records, sort_keys=False, allow_unicode=True)
        (drafts / name).write_text(text, encoding="utf-8")
    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    result = CliRunner().invoke(
        app, ["imports", "--from-drafts", str(drafts), "--ontology", str(ontology)]
    )
    assert result.exit_code == 0, result.output
    assert "(from drafts)" in (ontology / "imports" / "hgnc_terms.txt").read_text()
    corpus = tmp_path / "corpus"
    shutil.copytree(dev, corpus, ignore=shutil.ignore_patterns("*.tsv", "*.md"))
    fixtures = REPO / "tests" / "fixtures" / "corpus"  # the fixture records' document
    for text in fixtures.glob("*.txt"):
        shutil.copy(text, corpus / text.name)
    report = build(
        BuildOptions(
            out=tmp_path / "build",
            ontology_dir=ontology,
            records_dir=REPO / "tests" / "fixtures" / "records",
            corpus_dir=corpus,
            drafts_dir=drafts,
        )
    )
    assert report.counts["draft triples"] > 1000
    assert "mitoaki-drafts.nq" in report.files
