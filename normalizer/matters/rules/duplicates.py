"""RULES § Duplicates: a row equal to an earlier one is merged; the same Matter ID with other details, or the same
client and matter name under another Matter ID, is an error and the later row is left out."""
from __future__ import annotations

from dataclasses import dataclass

from ...report import Report
from ..extract import of


@dataclass(slots=True)
class Seen:
    """A matter written: its row, where it came from, and what its Matter ID stands for (the raw reference, or
    (Client ID, name) when it was derived)."""
    row: tuple[str, ...]
    line: int
    file: str
    owner: object = None


class Duplicates:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.by_mid: dict[str, Seen] = {}
        self.by_name: dict[tuple[str, str], Seen] = {}

    def outcome(self, out: tuple[str, ...], line: int, file: str) -> str | None:
        """"rows_merged" or "rows_rejected" when the row repeats a matter written before, else None."""
        mid = out[2]
        prev = self.by_mid.get(mid)         # the same reference (or derived name) on an earlier row
        if prev is not None and prev.row == out:
            self.report.add("info", "duplicate-merged", f"same row as line {prev.line}{of(prev.file, file)}; "
                            "merged", row=line, file=file)
            return "rows_merged"
        if prev is not None:
            what = "a different name" if prev.row[3] != out[3] else "different details"
            self.report.add("error", "duplicate-matter-id",
                            f"Matter ID {mid!r} is also on line {prev.line}{of(prev.file, file)} with {what} "
                            f"({prev.row[3]!r} vs {out[3]!r}); this row is left out", row=line, column="Matter ID",
                            file=file)
            return "rows_rejected"
        twin = self.by_name.get((out[0], out[3]))
        if twin is not None:
            self.report.add("error", "duplicate-matter-name",
                            f"client {out[1]!r} already has a matter named {out[3]!r} on line {twin.line}"
                            f"{of(twin.file, file)} (Matter ID {twin.row[2]!r}); this row's Matter ID {mid!r} is "
                            "left out", row=line, column="Matter Name", file=file)
            return "rows_rejected"
        return None

    def remember(self, out: tuple[str, ...], line: int, file: str, owner) -> None:
        seen = Seen(out, line, file, owner)
        self.by_mid[out[2]] = seen
        self.by_name[(out[0], out[3])] = seen
