"""The one exception for input that cannot be used at all; everything else is an Issue in a report."""
from __future__ import annotations


class InputError(Exception):
    """This input is unusable. Carries where, so the message can name file, line and column."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: int | None = None, code: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.code = code

    def where(self) -> str:
        parts = [self.file or "input"]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "code": self.code, "message": self.message}
