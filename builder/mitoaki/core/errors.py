"""The typed error family: every message names the file, the record or term, and the rule broken.

Every error of the package is one of these classes; the CLI turns any of them into one line
and a non-zero exit. Each pickles whole, so an error raised in a worker process comes back with
its fields:

>>> import pickle
>>> error = QueryError("unknown question 'x'", item="cq", rule="cq-name")
>>> copy = pickle.loads(pickle.dumps(error))
>>> type(copy).__name__, str(copy)
('QueryError', "cq: unknown question 'x' [cq-name]")
"""

from __future__ import annotations

from pathlib import Path


class MitoakiError(Exception):
    """Base of every error the CLI turns into one line and a non-zero exit.

    >>> str(MitoakiError("label missing", path=Path("a.ttl"), item="MITOAKI:0000001", rule="qc"))
    'a.ttl: MITOAKI:0000001: label missing [qc]'
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        item: str | None = None,
        rule: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.item = item
        self.rule = rule
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword fields (an error raised in a worker process comes back whole)."""
        return (_rebuild, (type(self), self.message, self.path, self.item, self.rule))

    def __str__(self) -> str:
        parts = [str(p) for p in (self.path, self.item) if p]
        text = ": ".join([*parts, self.message])
        return f"{text} [{self.rule}]" if self.rule else text


def _rebuild(
    cls: type[MitoakiError],
    message: str,
    path: Path | str | None,
    item: str | None,
    rule: str | None,
) -> MitoakiError:
    return cls(message, path=path, item=item, rule=rule)


class ResourceError(MitoakiError):
    """A file the build needs is missing or unreadable."""


class OntologyError(MitoakiError):
    """The ontology (or an import module) does not parse or breaks an OBO convention."""


class TermError(MitoakiError):
    """An external identifier is unknown, obsolete or carries the wrong label."""


class ReasonerError(MitoakiError):
    """The ontology is inconsistent, has unsatisfiable classes, or the reasoner failed to run."""


class QualityError(MitoakiError):
    """A quality-control (``*-violation``) query returned rows."""


class RecordError(MitoakiError):
    """A record file or record is malformed, or refers to something that does not exist."""


class RecordSchemaError(RecordError):
    """Every schema error of a record file, one line each.

    >>> one = RecordError("field 'entity': Field required", path="x.yaml:3", rule="record-schema")
    >>> print(RecordSchemaError((one, one)))
    x.yaml:3: field 'entity': Field required [record-schema]
    x.yaml:3: field 'entity': Field required [record-schema]
    >>> import pickle
    >>> len(pickle.loads(pickle.dumps(RecordSchemaError((one, one)))).errors)
    2
    """

    def __init__(self, errors: tuple[RecordError, ...]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, path=first.path, item=first.item, rule=first.rule)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with every error (an error raised in a worker process comes back whole)."""
        return (RecordSchemaError, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(MitoakiError.__str__(error) for error in self.errors)


class AnchorError(MitoakiError):
    """An anchor does not occur in its document, or occurs more than once."""


class UnsupportedShapesError(MitoakiError):
    """The SHACL engine cannot validate these shapes; the message names the feature."""


class ValidationFailedError(MitoakiError):
    """The knowledge base breaks one or more SHACL constraints of severity Violation."""


class QueryError(MitoakiError):
    """A query is malformed, unknown, or given a bad parameter."""


class EndpointError(MitoakiError):
    """A remote store refused a request, could not be reached, or answered in an unknown form."""


class PublishError(MitoakiError):
    """The endpoint refused the release or could not be reached."""
