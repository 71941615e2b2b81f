"""Load record files: YAML with line numbers, schema validation, and cross-record integrity.

Every error names the file and line (from the YAML marks), the record key, the field and the rule.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mitoaki.core import parallel
from mitoaki.core.errors import RecordError, RecordSchemaError
from mitoaki.records.schema import KINDS, Record, RecordFile

#: libyaml's parser when PyYAML was built with it (about 10x faster), else the pure-Python one.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LoadedFile:
    """A validated record file with the source line of every record and field."""

    path: Path
    records: RecordFile
    lines: dict[str, int] = field(default_factory=dict)  # record key -> line (1-based)

    def where(self, key: str) -> str:
        """``file:line`` of a record."""
        return f"{self.path}:{self.lines.get(key, 1)}"


def _check_duplicates(node: yaml.Node, path: Path) -> None:
    """Raise on a mapping that repeats a key (PyYAML would silently keep the last)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in seen:
                raise RecordError(
                    f"duplicate key '{name}' (first at line {seen[name]})",
                    path=f"{path}:{key_node.start_mark.line + 1}",
                    rule="yaml-duplicate-key",
                )
            seen[name] = key_node.start_mark.line + 1
            _check_duplicates(value_node, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, path)


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        return next((v for k, v in node.value if k.value == step), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        item: yaml.Node = node.value[step]
        return item
    return None


def _locate(root: yaml.Node, loc: tuple[str | int, ...]) -> tuple[int, str | None]:
    """The deepest line of ``loc`` in the YAML tree, and the key of the record it falls in."""
    node: yaml.Node | None = root
    line = root.start_mark.line + 1
    key = None
    for step in loc:
        node = _child(node, step)
        if node is None:
            break
        line = node.start_mark.line + 1
        key_node = _child(node, "key")
        if isinstance(key_node, yaml.ScalarNode):
            key = str(key_node.value)
    return line, key


def _model_of(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The record model at ``loc`` (``("findings", 3, ...)`` -> :class:`Finding`)."""
    if not loc or not isinstance(loc[0], str) or loc[0] not in RecordFile.model_fields:
        return None
    annotation = RecordFile.model_fields[loc[0]].annotation
    args = typing.get_args(annotation)
    model = args[0] if args else annotation
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _schema_error(error: ErrorDetails, root: yaml.Node, path: Path) -> RecordError:
    """One schema error as a line: file:line, record key, field and rule.

    An unknown field is named with the closest field the record kind has.
    """
    loc = tuple(error["loc"])
    line, key = _locate(root, loc)
    # ("findings", 3, "unit") names a field; ("findings", 3) a rule across the record's fields
    start = 1 if loc[:1] == ("document",) else 2
    names = [str(p) for p in loc[start:] if not isinstance(p, int)]
    where = f"field '{'.'.join(names)}': " if names else ""
    if error["type"] == "extra_forbidden":
        model = _model_of(loc)
        known = list(model.model_fields) if model else list(RecordFile.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
        return RecordError(
            f"unknown field '{loc[-1]}'{hint}",
            path=f"{path}:{line}",
            item=key,
            rule="unknown-field",
        )
    return RecordError(
        f"{where}{error['msg']}",
        path=f"{path}:{line}",
        item=key,
        rule="record-schema",
    )


def parse_file(path: Path) -> LoadedFile:
    """Read and validate one record file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"cannot read: {exc}", path=path, rule="record-file") from exc
    loader = LOADER(text)
    try:  # one parse: the node tree (with line marks) and the data constructed from it
        root = loader.get_single_node()
        data: Any = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RecordError(f"not valid YAML: {exc}", path=where, rule="yaml-syntax") from exc
    finally:
        loader.dispose()
    if root is None or not isinstance(data, dict):
        raise RecordError(
            "expected a mapping with a 'document' entry", path=path, rule="record-file"
        )
    _check_duplicates(root, path)
    try:
        records = RecordFile.model_validate(data)
    except ValidationError as exc:
        errors = [_schema_error(error, root, path) for error in exc.errors()]
        errors.sort(key=lambda e: int(str(e.path).rsplit(":", 1)[1]))  # in the file's order
        raise RecordSchemaError(tuple(errors)) from exc
    lines: dict[str, int] = {}
    for kind in ("document", *KINDS):
        section = _child(root, kind)
        items = [section] if kind == "document" else list(getattr(section, "value", []) or [])
        for item in items:
            key_node = _child(item, "key")
            if isinstance(key_node, yaml.ScalarNode):
                lines[str(key_node.value)] = item.start_mark.line + 1 if item else 1
    return LoadedFile(path=path, records=records, lines=lines)


SINGULAR = {"studies": "study", "models": "model", "interventions": "intervention"}
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    # kind -> (field, kind it must name)
    "studies": (("models", "models"), ("interventions", "interventions")),
    "findings": (("study", "studies"), ("model", "models"), ("intervention", "interventions")),
    "statements": (("study", "studies"),),
    "route_findings": (("study", "studies"),),
}


def _keys(loaded: list[LoadedFile]) -> Iterator[tuple[LoadedFile, str, Record]]:
    for item in loaded:
        for kind, record in item.records.all_records():
            yield item, kind, record


def check_integrity(loaded: list[LoadedFile]) -> None:
    """Keys are unique across files and every reference names a record of the right kind."""
    owner: dict[str, tuple[LoadedFile, str]] = {}
    for item, kind, record in _keys(loaded):
        if record.key in owner:
            first, _ = owner[record.key]
            raise RecordError(
                f"key used twice (also at {first.where(record.key)})",
                path=item.where(record.key),
                item=record.key,
                rule="unique-key",
            )
        owner[record.key] = (item, kind)
    for item, kind, record in _keys(loaded):
        for field_name, target_kind in REFERENCES.get(kind, ()):
            value = getattr(record, field_name)
            for target in value if isinstance(value, tuple) else (value,):
                if target is None:
                    continue
                found = owner.get(target)
                if found is None or found[1] != target_kind:
                    raise RecordError(
                        f"field '{field_name}': no {SINGULAR[target_kind]} with key '{target}'",
                        path=item.where(record.key),
                        item=record.key,
                        rule="reference",
                    )


#: Below this many bytes of YAML, files are parsed in this process (a worker costs ~0.5 s).
PARALLEL_BYTES = 4_000_000


def _parse_files(paths: list[Path]) -> list[LoadedFile]:
    """Parse record files in order; a large folder of several files on worker processes.

    YAML parsing is most of the time of loading records (about 1 s per 1,000 studies); files are
    independent, so they are parsed on up to ``os.cpu_count()`` processes and their validated
    records sent back (pickling costs a few percent of parsing). Errors come back as raised.
    """
    count = parallel.workers(len(paths))
    if count < 2 or sum(p.stat().st_size for p in paths) < PARALLEL_BYTES:
        return [parse_file(path) for path in paths]
    with ProcessPoolExecutor(max_workers=count, mp_context=parallel.context()) as pool:
        return list(pool.map(parse_file, paths))


def load_records(folder: Path) -> list[LoadedFile]:
    """Load and check every ``*.yaml`` record file of ``folder``, sorted by name."""
    if not folder.is_dir():
        raise RecordError("records folder not found", path=folder, rule="record-file")
    loaded = _parse_files(sorted(folder.glob("*.yaml")))
    if not loaded:
        raise RecordError("no *.yaml record files", path=folder, rule="record-file")
    check_integrity(loaded)
    return loaded


#: Fields whose terms a text does not name: the evidence type, the relation, the kind of concern.
UNMENTIONED_FIELDS = frozenset({"evidence", "relation", "concern_type"})


def record_terms(record: Iterable[tuple[str, object]]) -> set[str]:
    """The CURIEs a record's fields give, those of :data:`UNMENTIONED_FIELDS` aside."""
    out: set[str] = set()
    for name, value in record:
        if name in UNMENTIONED_FIELDS:
            continue
        values = value if isinstance(value, tuple) else (value,)
        out |= {v for v in values if isinstance(v, str) and ":" in v and " " not in v}
    return out


def draft_terms(drafts_dir: Path) -> set[str]:
    """The external CURIEs the draft records of a folder use (:func:`record_terms`)."""
    out: set[str] = set()
    for item in load_records(drafts_dir):
        for _, record in item.records.all_records():
            out |= {c for c in record_terms(record) if not c.startswith("MITOAKI:")}
    return out
