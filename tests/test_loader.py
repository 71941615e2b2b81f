"""Malformed records give one error naming file, line, record key, field and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MINI_RECORDS

from mitoaki.core.errors import RecordError, RecordSchemaError
from mitoaki.records.loader import load_records

BASE = (MINI_RECORDS / "mini.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "mini.yaml") -> Path:
    folder = tmp_path / "records"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_fixture_records_load() -> None:
    loaded = load_records(MINI_RECORDS)
    assert [len(item.records.findings) for item in loaded] == [2]


def test_bad_value_names_file_line_key_and_field(tmp_path: Path) -> None:
    text = BASE.replace("direction: increased", "direction: upwards")
    with pytest.raises(RecordError) as caught:
        load_records(write(tmp_path, text))
    error = caught.value
    assert str(error.path).endswith(f"mini.yaml:{line_of(text, 'direction: upwards')}")
    assert error.item == "mini-atp" and "field 'direction'" in error.message
    assert error.rule == "record-schema"


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    text = BASE.replace("    unit: fold\n", "    unit: fold\n    colour: red\n")
    with pytest.raises(RecordError, match="colour") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "mini-atp"


def test_missing_required_field(tmp_path: Path) -> None:
    text = BASE.replace("    entity: CHEBI:15422\n", "")
    with pytest.raises(RecordError, match="field 'entity'") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "mini-atp"


def test_anchor_longer_than_twelve_words(tmp_path: Path) -> None:
    long = "anchor: " + " ".join(["word"] * 13)
    text = BASE.replace(
        "anchor: raised the renal ATP content\n    refs: [3]\n\nmodels",
        long + "\n    refs: [3]\n\nmodels",
    )
    with pytest.raises(RecordError, match="at most 12") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "mini-study"


def test_value_without_unit(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="unit"):
        load_records(write(tmp_path, BASE.replace("    unit: fold\n", "")))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    timing: post_injury\n",
            "    timing: post_injury\n    inferred_by_curator: [speces]\n",
            "inferred_by_curator: 'speces' is not a content field",
        ),
        (
            "    timing: post_injury\n",
            "    timing: post_injury\n    inferred_by_curator: [anchor]\n",
            "inferred_by_curator: 'anchor' is not a content field",
        ),
        (
            "    timing: post_injury\n",
            "    timing: post_injury\n    inferred_by_curator: [donor]\n",
            "inferred_by_curator: 'donor' has no value",
        ),
        (
            "    timing: post_injury\n",
            "    timing: post_injury\n    inferred_by_curator: [route, route]\n",
            "a field is named twice",
        ),
        (
            "    designs: [in_vivo]\n",
            "    designs: [in_vivo, not_stated]\n",
            "'not_stated' cannot stand beside a stated design",
        ),
        (
            "    comparator: untreated cisplatin mice\n",
            "    comparator_value: 1.0\n",
            "comparator_value: needs the finding's value and its comparator",
        ),
    ],
)
def test_rules_across_fields_name_the_record_and_the_rule(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in BASE
    text = BASE.replace(old, new)
    with pytest.raises(RecordError, match=message) as caught:
        load_records(write(tmp_path, text))
    error = caught.value
    assert error.rule == "record-schema" and error.item in {"mini-msc", "mini-study", "mini-atp"}


def test_an_unknown_frequency_is_rejected(tmp_path: Path) -> None:
    text = BASE.replace(
        "    context: [MONDO:0002492]\n", "    context: [MONDO:0002492]\n    frequency: often\n"
    )
    with pytest.raises(RecordError, match="field 'frequency'") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "mini-drp1"


def test_bad_nct_pattern(tmp_path: Path) -> None:
    text = BASE + "\ntrials:\n  - key: t1\n    nct: NCT123\n    anchor: Intravenous cells\n"
    with pytest.raises(RecordError, match="field 'nct'") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "t1"


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace(
        "    direction: increased\n", "    direction: increased\n    direction: decreased\n"
    )
    with pytest.raises(RecordError, match="duplicate key 'direction'") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.rule == "yaml-duplicate-key"


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = BASE.replace("  - key: mini-fission", "  - key: [mini-fission")
    with pytest.raises(RecordError, match="not valid YAML") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.rule == "yaml-syntax" and ":" in str(caught.value.path)


def test_reference_to_a_missing_record(tmp_path: Path) -> None:
    text = BASE.replace(
        "    study: mini-study\n    model: mini-model\n    intervention: mini-msc\n"
        "    entity: GO:0000266",
        "    study: nowhere\n    model: mini-model\n"
        "    intervention: mini-msc\n    entity: GO:0000266",
    )
    with pytest.raises(RecordError, match="no study with key 'nowhere'") as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "mini-fission" and caught.value.rule == "reference"


def test_key_used_twice_across_files(tmp_path: Path) -> None:
    folder = write(tmp_path, BASE)
    other = BASE.replace("key: mini-note", "key: other-note")
    (folder / "other.yaml").write_text(other, encoding="utf-8")
    with pytest.raises(RecordError, match="key used twice") as caught:
        load_records(folder)
    assert caught.value.rule == "unique-key"


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(RecordError, match=r"no \*\.yaml"):
        load_records(tmp_path / "empty")


def test_large_folders_are_parsed_on_worker_processes_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mitoaki.core.paths import data_dir
    from mitoaki.records import loader

    records = data_dir("ontology") / "records"
    serial = load_records(records)
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 0)  # every folder of 2+ files goes to workers
    parallel = load_records(records)
    assert len(parallel) == 2
    assert [(f.path, f.records, f.lines) for f in parallel] == [
        (f.path, f.records, f.lines) for f in serial
    ]


def test_an_error_in_a_worker_names_file_line_and_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mitoaki.records import loader

    monkeypatch.setattr(loader, "PARALLEL_BYTES", 0)
    text = BASE.replace("direction: increased", "direction: upwards")
    folder = write(tmp_path, BASE.replace("mini", "other"), "a.yaml")
    write(tmp_path, text, "b.yaml")
    with pytest.raises(RecordError) as caught:
        load_records(folder)
    error = caught.value  # raised in the worker, pickled back with its fields
    assert str(error.path).endswith(f"b.yaml:{line_of(text, 'direction: upwards')}")
    assert error.item == "mini-atp" and error.rule == "record-schema"


def test_every_schema_error_is_a_line_and_a_misspelt_field_is_named(tmp_path: Path) -> None:
    text = BASE.replace("    entity: CHEBI:15422\n", "    entitiy: CHEBI:15422\n").replace(
        "direction: increased", "direction: upwards"
    )
    with pytest.raises(RecordSchemaError) as caught:
        load_records(write(tmp_path, text))
    lines = str(caught.value).splitlines()
    folder = tmp_path / "records" / "mini.yaml"
    assert lines == [
        f"{folder}:{line_of(text, '- key: mini-atp')}: mini-atp: field 'entity': Field required "
        "[record-schema]",
        f"{folder}:{line_of(text, 'entitiy')}: mini-atp: unknown field 'entitiy' "
        "(did you mean 'entity'?) [unknown-field]",
        f"{folder}:{line_of(text, 'direction: upwards')}: mini-atp: field 'direction': Input "
        "should be 'increased', 'decreased', 'normalised' or 'no_change' [record-schema]",
    ]


def test_an_unknown_field_without_a_close_one_lists_the_known_fields(tmp_path: Path) -> None:
    text = BASE.replace("    unit: fold\n", "    unit: fold\n    colour: red\n")
    known = r"unknown field 'colour' \(known: key, anchor, refs"
    with pytest.raises(RecordSchemaError, match=known):
        load_records(write(tmp_path, text))


def test_a_rule_across_fields_names_the_record_not_a_list_index(tmp_path: Path) -> None:
    text = BASE.replace("    unit: fold\n", "")
    with pytest.raises(RecordSchemaError) as caught:
        load_records(write(tmp_path, text))
    assert caught.value.item == "mini-atp"
    assert caught.value.message == "Value error, a value needs its unit"
