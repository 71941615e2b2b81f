"""Deprecated home of the release store: it lives in :mod:`mitoaki.access.store` now.

``from mitoaki.store import open_release`` was the documented way before the package took its
stages (issue 24); it keeps working, with a :class:`DeprecationWarning` naming the new module.
"""

from mitoaki.core.moved import moved

__getattr__ = moved(
    "mitoaki.store",
    ("mitoaki.access.store", "mitoaki.core.stores"),
    "mitoaki.access.store (open_release, load_store)",
)
