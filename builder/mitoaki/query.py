"""Deprecated home of the question helpers: they live in :mod:`mitoaki.access` now.

``from mitoaki.query import ask`` was the documented way before the package took its stages
(issue 24); it keeps working, with a :class:`DeprecationWarning` naming the new module. Any
public name of the old module is looked up in the modules it was split into.
"""

from mitoaki.core.moved import moved

__getattr__ = moved(
    "mitoaki.query",
    ("mitoaki.access.query", "mitoaki.access.questions", "mitoaki.access.binding"),
    "mitoaki.access.query (ask, execute, answer, rows) or mitoaki.access.questions",
)
