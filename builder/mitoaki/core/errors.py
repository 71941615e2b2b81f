"""The typed error family: every message names the file, the record or term, and the rule broken."""

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
