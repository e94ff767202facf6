"""RULES § Jurisdiction: the row's own, else --jurisdiction; rows left without one are counted per file and named in
one warning at the end."""
from __future__ import annotations

from ...report import Report
from ...vendor import Plan


class Jurisdiction:
    def __init__(self, report: Report, default: str) -> None:
        self.report, self.default = report, default
        self.missing: dict[str, int] = {}             # file -> rows written without a jurisdiction
        self.column: dict[str, str] = {}              # file -> the column read for it ("" when none)

    def start(self, plan: Plan, file: str) -> None:
        jur = plan.columns.get("jurisdiction")
        self.column[file] = (plan.header[jur[0]] or f"column {jur[0] + 1}") if jur else ""

    def of(self, vals: dict[str, str]) -> str:
        return vals.get("jurisdiction", "") or self.default

    def count_missing(self, file: str) -> None:
        self.missing[file] = self.missing.get(file, 0) + 1

    def finish(self, written: int) -> None:
        if not self.missing or not written:
            return
        parts = []
        for file, n in self.missing.items():
            column = self.column.get(file, "")
            parts.append(f"{n} row(s) have an empty {column!r} column" if column else
                         "the file has no jurisdiction column")
            if len(self.column) > 1:
                parts[-1] = f"{file}: {parts[-1]}"
        self.report.add("warning", "jurisdiction-missing",
                        f"Jurisdiction is empty: {'; '.join(parts)}. Re-run with --jurisdiction CODE (e.g. "
                        "--jurisdiction ON) to fill it for every row, or fill the column before uploading",
                        column="Jurisdiction", file=", ".join(self.missing))
