"""The reading layer's result: a header, rows that remember their source line, and what was detected."""
from __future__ import annotations

from dataclasses import dataclass, asdict, field
from typing import Iterable, Iterator

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
    given: dict = field(default_factory=dict)   # what the user stated instead of detection (ReadOptions.given())

    @property
    def confidence(self) -> float:
        return round(min(self.encoding_confidence, self.dialect_confidence, self.header_confidence), 3)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["confidence"] = self.confidence
        return d


class Table:
    """A header, rows, what was skipped and what went wrong.

    The reading layer hands rows over as a stream: `iter_rows()` yields each row once without keeping it (the
    matter import reads 300,000-row exports this way), `head(n)` reads only the first rows (vendor detection), and
    `rows` reads the rest into a list for everyone else. Some skipped lines and issues (footers, short rows...)
    are only known once every row has been read, so `skipped` and `issues` finish reading the rows first."""

    def __init__(self, source: str, header: list[str] | None, rows: Iterable[Row] = (),
                 detection: Detection | None = None, skipped: list[Skipped] | None = None,
                 issues: list[Issue] | None = None, *, pending: Iterator[Row] | None = None,
                 width: int | None = None) -> None:
        self.source = source
        self.header = header
        self.detection = detection if detection is not None else Detection()
        self._rows: list[Row] = list(rows)
        self._pending = pending          # rows not read yet (an iterator), None when all are in _rows
        self._streamed = False           # iter_rows() handed the rows out without keeping them
        self._skipped = skipped if skipped is not None else []
        self._issues = issues if issues is not None else []
        self._width = width              # every row's width, when the reader knows it before reading them

    # ------------------------------------------------------------------------------------------------ rows
    @property
    def rows(self) -> list[Row]:
        self._read_all()
        return self._rows

    @rows.setter
    def rows(self, value: Iterable[Row]) -> None:
        self._rows, self._pending, self._streamed = list(value), None, False

    def head(self, n: int) -> list[Row]:
        """The first n rows (fewer when the table is shorter), reading no further than needed."""
        self._check_not_streamed()
        while self._pending is not None and len(self._rows) < n:
            row = next(self._pending, None)
            if row is None:
                self._pending = None
            else:
                self._rows.append(row)
        return self._rows[:n]

    def iter_rows(self) -> Iterator[Row]:
        """Every row once, in order, without keeping them (after this, `rows` is unavailable; `skipped` and
        `issues` are complete once the iteration ends)."""
        self._check_not_streamed()
        if self._pending is None:
            yield from self._rows
            return
        self._streamed = True
        held, self._rows = self._rows, []
        yield from held
        del held
        yield from self._pending
        self._pending = None

    def _read_all(self) -> None:
        self._check_not_streamed()
        if self._pending is not None:
            self._rows.extend(self._pending)
            self._pending = None

    def _check_not_streamed(self) -> None:
        if self._streamed:
            raise RuntimeError(f"the rows of {self.source} were read once with iter_rows() and not kept")

    # ------------------------------------------------------------------------------------- known after reading
    @property
    def skipped(self) -> list[Skipped]:
        self._finish_reading()
        return self._skipped

    @skipped.setter
    def skipped(self, value: list[Skipped]) -> None:
        self._skipped = value

    @property
    def issues(self) -> list[Issue]:
        self._finish_reading()
        return self._issues

    @issues.setter
    def issues(self, value: list[Issue]) -> None:
        self._issues = value

    def _finish_reading(self) -> None:
        """Read the rows not read yet (kept, unless iter_rows() is handing them out: then drop them)."""
        if self._pending is None:
            return
        if self._streamed:
            raise RuntimeError(f"finish iterating the rows of {self.source} before asking for its issues")
        self._read_all()

    # ------------------------------------------------------------------------------------------------ shape
    @property
    def width(self) -> int:
        if self.header is not None:
            return len(self.header)
        if self._width is not None:
            return self._width
        return max((len(r.cells) for r in self.rows), default=0)

    def column_name(self, index: int) -> str:
        """Name for messages: the header text, else 'column N' (1-based)."""
        if self.header and index < len(self.header) and self.header[index].strip():
            return self.header[index]
        return f"column {index + 1}"

    def to_dict(self) -> dict:
        rows = len(self.rows)
        d = self.detection.to_dict()
        d.update(columns=list(self.header) if self.header is not None else None,
                 rows=rows, skipped=[asdict(s) for s in self.skipped],
                 issues=[i.to_dict() for i in self.issues], file=self.source)
        return d
