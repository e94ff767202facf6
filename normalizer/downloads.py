"""The files a user takes away besides the converted one: the problems as a CSV, the rows left out, the report.
Written with the same CSV writer as the output (RFC 4180, UTF-8, formula cells neutralised)."""
from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Iterable

from .codes import describe
from .write import CsvWriter

PROBLEM_COLUMNS = ("File", "Line", "Column", "Severity", "Code", "Problem", "Message", "What to do")


def output_name(source: str, suffix: str = "caseclock", ext: str = ".csv") -> str:
    """`clients.xlsx` -> `clients-caseclock.csv` (a ZIP member's own name is used without its folder)."""
    stem = PurePosixPath(source.replace("\\", "/")).name.rsplit(".", 1)[0] or "export"
    return f"{stem}-{suffix}{ext}"


def problems_csv(issues: Iterable[dict]) -> bytes:
    out = CsvWriter(PROBLEM_COLUMNS)
    for i in issues:
        code = describe(i.get("code") or "")
        out.write([i.get("file") or "", "" if i.get("row") is None else str(i["row"]),
                   "" if i.get("column") is None else str(i["column"]), i.get("severity") or "", i.get("code") or "",
                   code.title, i.get("message") or "", code.help])
    return out.data()


def left_out_csv(header: list[str] | None, rows: Iterable[tuple[str, int, str, list[str], str]]) -> bytes:
    """Rows not written: (file, line, outcome, cells, reasons) with the source's own columns after them."""
    width = len(header) if header else max((len(r[3]) for r in rows), default=0)
    names = list(header) if header else [f"Column {i + 1}" for i in range(width)]
    out = CsvWriter(("File", "Line", "Outcome", "Reason", *names))
    for file, line, outcome, cells, reason in rows:
        out.write([file, str(line), outcome, reason, *cells])
    return out.data()


def report_json(report: dict) -> bytes:
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
