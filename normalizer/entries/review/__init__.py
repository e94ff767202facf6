"""The "confirm before exporting" checks, one module per RULES family; each takes the Review context and the
entries, adds issues and marks errors (an entry with an error is not written)."""
from .context import Review

__all__ = ["Review"]
