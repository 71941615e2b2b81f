"""The TBox: load it with its imports, reason, check its quality, map it, profile it."""
