"""What a target does beyond its Spec: the hooks the entry job calls, in this order, never asking which format."""
from __future__ import annotations

from .spec import Entry, Spec


class Target:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def prepare(self, settings, report, name: str):
        """The settings in effect for this target (a standard may clean its own options first)."""
        return settings

    def review_entry(self, review, e: Entry) -> None:
        """Checks or fixes this target needs on one entry (after the common ones of review/target.py)."""

    def non_billable(self, review, e: Entry, marks: bool) -> bool:
        """Whether a non-billable entry goes into the file (reported either way)."""
        raise NotImplementedError

    def write(self, entries: list[Entry], settings, review) -> tuple[bytes, str, dict[str, bytes] | None]:
        """(the file's bytes, its name, every file when there are several)."""
        raise NotImplementedError
