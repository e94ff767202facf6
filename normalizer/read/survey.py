"""What a ZIP of exports holds: each file inside read as a table (or why it is not one), for `sniff`.

The answer has the keys of a table's detection (Table.to_dict(), None where a ZIP has no such thing), so whatever
prints a sniff prints this one too, plus `tables`: one detection per file inside, or its error. Each file is also
named in an info issue, so a printout that shows only issues still lists the tables."""
from __future__ import annotations

from ..errors import InputError
from ..report import Issue
from .container import open_members

_SUMMARY = ("file", "format", "encoding", "delimiter", "quotechar", "sheet", "header_row", "columns", "rows",
            "confidence")


def survey(data: bytes, *, name: str, known_headers=(), sheet: str | None = None) -> dict:
    from . import read_table      # the package imports this module's callers; read_table is only needed here

    tables, issues = [], []
    for member in open_members(data, name=name):
        inner = member.name[len(name) + 1:] if member.name.startswith(name + "/") else member.name
        try:
            info = read_table(member.data, name=member.name, sheet=sheet, known_headers=known_headers).to_dict()
        except InputError as exc:
            tables.append({"file": member.name, "error": exc.to_dict()})
            issues.append(Issue("info", "member-ignored", f"{inner}: not a table ({exc.message})", file=member.name))
            continue
        tables.append(info)
        columns = ", ".join(c for c in info["columns"] or [] if c) or "no header row"
        issues.append(Issue("info", "member-table",
                            f"{inner}: a table ({info['format']}, {info['rows']} rows; columns: {columns})",
                            file=member.name))
    if not tables:
        raise InputError("this ZIP archive holds no files", file=name, code="empty")
    out = dict.fromkeys(("encoding", "delimiter", "quotechar", "sheet", "header_row", "columns"))
    out.update(file=name, format="zip", rows=sum(t.get("rows", 0) for t in tables), confidence=1.0,
               encoding_confidence=1.0, dialect_confidence=1.0, header_confidence=1.0, skipped=[],
               tables=[{k: t.get(k) for k in (*_SUMMARY, "error") if k in t} for t in tables],
               issues=[i.to_dict() for i in issues])
    return out
