"""The reading layer's result: a header, rows that remember their source line, and what was detected."""
from __future__ import annotations

from dataclasses import dataclass, field, asdict

from .report import Issue


@dataclass(frozen=True, slots=True)
class Row:
    line: int            # 1-based line (or sheet row) where the record starts in the source
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    reason: str          # "blank", "preamble", "footer"
    text: str


@dataclass
class Detection:
    format: str = "csv"                  # csv | xlsx
    encoding: str | None = None
    encoding_confidence: float = 1.0
    bom: bool = False
    delimiter: str | None = None
    quotechar: str | None = None
    escapechar: str | None = None
    dialect_confidence: float = 1.0
    header_row: int | None = None        # 1-based line of the header, None when the file has none
    header_confidence: float = 1.0
    sheet: str | None = None
    member: str | None = None            # file name inside a ZIP

    @property
    def confidence(self) -> float:
        return round(min(self.encoding_confidence, self.dialect_confidence, self.header_confidence), 3)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["confidence"] = self.confidence
        return d


@dataclass
class Table:
    source: str
    header: list[str] | None
    rows: list[Row]
    detection: Detection
    skipped: list[Skipped] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def width(self) -> int:
        if self.header is not None:
            return len(self.header)
        return max((len(r.cells) for r in self.rows), default=0)

    def column_name(self, index: int) -> str:
        """Name for messages: the header text, else 'column N' (1-based)."""
        if self.header and index < len(self.header) and self.header[index].strip():
            return self.header[index]
        return f"column {index + 1}"

    def to_dict(self) -> dict:
        d = self.detection.to_dict()
        d.update(columns=list(self.header) if self.header is not None else None,
                 rows=len(self.rows), skipped=[asdict(s) for s in self.skipped],
                 issues=[i.to_dict() for i in self.issues], file=self.source)
        return d
