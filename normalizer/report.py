"""Problems are data: every layer adds Issues to one Report, which the CLI prints and the page renders."""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Issue:
    severity: str
    code: str
    message: str
    row: int | None = None        # 1-based line in the source file (sheet row for XLSX)
    column: str | int | None = None  # header name when there is one, else 1-based column number
    file: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = ", ".join(p for p in (
            self.file or "",
            f"line {self.row}" if self.row is not None else "",
            f"column {self.column}" if self.column not in (None, "") else "") if p)
        return f"{self.severity}: {where + ': ' if where else ''}{self.message} [{self.code}]"


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def add(self, severity: str, code: str, message: str, *, row: int | None = None,
            column: str | int | None = None, file: str | None = None) -> Issue:
        issue = Issue(severity, code, message, row, column, file)
        self.issues.append(issue)
        return issue

    def extend(self, issues) -> None:
        self.issues.extend(issues)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def to_dict(self) -> dict:
        out: dict[str, Any] = dict(self.meta)
        out.update(self.counts)
        out["issues"] = [i.to_dict() for i in self.issues]
        return out


def shorten(text: str, limit: int = 60) -> str:
    """A value quoted in a message, cut with an ellipsis so a reader knows there is more."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
