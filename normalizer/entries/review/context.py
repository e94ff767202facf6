"""What every check needs: the options, the target, the matter list, the report and which entries have an error."""
from __future__ import annotations

from ...report import Report
from ...resolve import MatterIndex
from ...targets import Entry, Spec
from ..options import Settings


class Review:
    def __init__(self, settings: Settings, spec: Spec, index: MatterIndex | None, report: Report, name: str):
        self.s, self.spec, self.index, self.report, self.name = settings, spec, index, report, name
        self.bad: set[int] = set()        # ids of entries with an error

    def issue(self, e: Entry, severity: str, code: str, message: str, column: str | None = None) -> None:
        self.report.add(severity, code, message, row=e.line, column=column, file=self.name)
        if severity == "error":
            self.bad.add(id(e))

    def rejected(self, e: Entry) -> bool:
        return id(e) in self.bad
