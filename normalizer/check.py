"""Validate a CaseClock matter import CSV made any other way (by hand, by another tool) before it is uploaded.

Deliberately strict and independent of the tolerant reading layer: it checks the file as CaseClock's importer will
see it (documented: comma-separated UTF-8 .csv, columns in one exact order, header optional but recommended, IDs
of letters, digits, `.`, `_`, `-` only). The column order and ID rule come from mappings/caseclock.toml.
Every problem is an Issue naming the physical line and the column.
"""
from __future__ import annotations

import csv
import io
import re

from .clean import FIELD_LIMIT, clean_text
from .errors import InputError
from .mappings import Export, header_key, load_mappings
from .read.container import kind_of, refuse
from .read.mojibake import damage_issue, diagnose
from .report import Report, shorten
from .write import neutralise

_RATE = re.compile(r"^\d+(\.\d+)?$")


def target_layout() -> Export:
    """CaseClock's matter import layout, from the mapping file (the export with an exact `columns` list)."""
    for mapping in load_mappings().values():
        if mapping.role == "target":
            for export in mapping.exports:
                if export.columns:
                    return export
    raise LookupError("no mapping file defines CaseClock's import columns")


def check(data: bytes, *, name: str = "input") -> Report:
    """Every problem CaseClock's importer would trip on, with its line; counts rows_read / rows_ok / rows_bad."""
    layout = target_layout()
    columns = list(layout.columns or ())
    id_rule = re.compile(layout.id_pattern or r"^[A-Za-z0-9._-]+$")
    report = Report(counts={"rows_read": 0, "rows_ok": 0, "rows_bad": 0})
    report.meta.update(file=name, columns=columns)
    text = _decode(data, name, report)
    if text is None:
        if report.issues and report.issues[-1].code == "not-utf8":
            _say_if_system_export(data, name, report)
        return report
    records = _records(text, name, report)
    if not records:
        report.add("error", "empty-file", "the file holds no rows", file=name)
        return report
    header_line, first = records[0]
    if not _looks_like_header(first, columns) and not _looks_like_row(first, id_rule):
        if _say_if_system_export(data, name, report):
            return report
    if len(first) == 1 and any(d in first[0] for d in ";\t|"):
        delimiter = next(d for d in ";\t|" if d in first[0])
        report.add("error", "wrong-delimiter", f"values are separated by {delimiter!r}; CaseClock needs commas "
                   "(save as CSV UTF-8, comma-delimited)", row=header_line, file=name)
        return report
    if _looks_like_header(first, columns):
        _check_header(first, columns, header_line, name, report)
        records = records[1:]
    else:
        report.add("warning", "header-missing", "no header row; CaseClock accepts that but recommends one: "
                   + ",".join(columns), row=header_line, file=name)
    _check_rows(records, columns, id_rule, name, report)
    report.meta["ok"] = not report.errors
    return report


def _decode(data: bytes, name: str, report: Report) -> str | None:
    kind = kind_of(data)
    if kind in ("xlsx", "ods", "zip"):
        report.add("error", "not-csv", "this is an Excel or OpenDocument workbook or a ZIP; CaseClock needs a .csv "
                   "(File > Save As > CSV UTF-8). If it is your system's export, convert it with "
                   f"caseclock-normalizer matters {name}", file=name)
        return None
    if kind != "text":
        try:
            refuse(data, kind, name)
        except InputError as err:
            report.add("error", "not-csv", err.message, file=name)
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        report.add("info", "bom", "the file starts with a UTF-8 byte-order mark (Excel's 'CSV UTF-8'); fine for "
                   "review, remove it if the import complains", row=1, file=name)
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add("error", "not-utf8", f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as CSV UTF-8",
                   row=line, column=column, file=name)
        return None


def _records(text: str, name: str, report: Report) -> list[tuple[int, list[str]]]:
    """(first physical line, cells) per record; blank lines reported and skipped."""
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not cells or all(not c.strip() for c in cells):
                report.add("warning", "blank-line", "blank line", row=start, file=name)
                continue
            out.append((start, cells))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            report.add("error", "cell-too-long", f"a value here is longer than the {FIELD_LIMIT:,} characters a cell "
                       "may hold; shorten it", row=reader.line_num, file=name)
            return out
        report.add("error", "bad-quoting", f"the CSV cannot be parsed here: {exc}", row=reader.line_num, file=name)
    return out


def _looks_like_header(cells: list[str], columns: list[str]) -> bool:
    keys = {header_key(c) for c in columns}
    return sum(1 for c in cells if header_key(c) in keys) >= 3


def _looks_like_row(cells: list[str], id_rule: re.Pattern) -> bool:
    """A CaseClock row without a header: seven values, IDs where the IDs go."""
    return len(cells) == 7 and all(id_rule.match(cells[i].strip() or "-") for i in (0, 2))


def _say_if_system_export(data: bytes, name: str, report: Report) -> bool:
    """An error pointing to `matters` when the file is a system's export rather than CaseClock's import file."""
    system = _system_export(data, name)
    if system is None:
        return False
    report.add("error", "not-caseclock-file", f"this is not CaseClock's import file: it looks like {system}. "
               f"Convert it first (caseclock-normalizer matters {name} -o caseclock.csv), then check the result",
               file=name)
    report.meta["ok"] = False
    return True


def _system_export(data: bytes, name: str) -> str | None:
    """What a file whose first line is no CaseClock header is, when the tolerant reader and the mapping files
    recognise it as a system's client/matter export (or a firm's own list); None otherwise."""
    from .mappings import known_headers, load_mappings
    from .read import read_table
    from .vendor import THRESHOLD, detect

    mappings = load_mappings()
    try:
        table = read_table(data, name=name, known_headers=known_headers(mappings))
    except InputError:
        return None
    if table.header is None:
        return None
    plan = detect(table, mappings, name=name)
    shown = ", ".join(h for h in table.header if h)
    if plan.mapping.role == "source" and plan.confidence >= THRESHOLD:
        return f"{plan.mapping.name}'s {plan.export.label} (columns: {shorten(shown, 120)})"
    if plan.mapping.role == "synonyms" and not plan.missing() and plan.confidence >= THRESHOLD:
        return f"a client/matter list in its own layout (columns: {shorten(shown, 120)})"
    return None


def _check_header(cells: list[str], columns: list[str], line: int, name: str, report: Report) -> None:
    got = [c.strip() for c in cells]
    if got == columns:
        return
    if len(got) == 1 or any(";" in c or "\t" in c for c in got):
        report.add("error", "wrong-delimiter", "the header is not comma-separated; CaseClock needs commas",
                   row=line, file=name)
        return
    for i, want in enumerate(columns):
        have = got[i] if i < len(got) else ""
        if have != want:
            hint = "" if header_key(have) != header_key(want) else " (spelling/case)"
            report.add("error", "header-mismatch", f"column {i + 1} must be {want!r}, found {have!r}{hint}; "
                       "CaseClock needs: " + ",".join(columns), row=line, column=i + 1, file=name)
            return
    if len(got) > len(columns):
        report.add("error", "header-mismatch", f"extra header column(s) {got[len(columns):]!r}", row=line,
                   column=len(columns) + 1, file=name)


def _check_rows(records, columns, id_rule, name: str, report: Report) -> None:
    width = len(columns)
    matter_lines: dict[str, int] = {}
    client_names: dict[str, tuple[str, int]] = {}
    for line, cells in records:
        report.count("rows_read")
        before = len(report.errors)
        if len(cells) != width:
            report.add("error", "wrong-column-count", f"{len(cells)} columns, CaseClock needs {width}"
                       + (" (a comma inside an unquoted value?)" if len(cells) > width else ""), row=line, file=name)
            cells = (cells + [""] * width)[:width]
        row = dict(zip(columns, cells))
        for col in (columns[0], columns[2]):
            _check_id(row[col], col, id_rule, line, name, report)
        cid, cname, mid, mname, rate = (row[columns[0]], row[columns[1]], row[columns[2]], row[columns[3]],
                                        row[columns[6]])
        if not cname.strip():
            report.add("warning", "client-name-missing", "Client Name is empty", row=line, column=columns[1],
                       file=name)
        if not mname.strip():
            report.add("warning", "matter-name-missing", "Matter Name is empty", row=line, column=columns[3],
                       file=name)
        if rate.strip() and not _RATE.match(rate.strip()):
            report.add("error", "rate-invalid", f"Hourly Rate {rate!r} is not a plain number (write 1250.00, "
                       "without $ or thousands separators)", row=line, column=columns[6], file=name)
        if mid and mid in matter_lines:
            report.add("error", "duplicate-matter-id", f"Matter ID {mid!r} is also on line {matter_lines[mid]}",
                       row=line, column=columns[2], file=name)
        matter_lines.setdefault(mid, line)
        if cid and cid in client_names and client_names[cid][0] != cname:
            first, at = client_names[cid]
            report.add("warning", "client-name-varies", f"Client ID {cid!r} is {first!r} on line {at} but {cname!r} "
                       "here", row=line, column=columns[1], file=name)
        client_names.setdefault(cid, (cname, line))
        for col, value in row.items():
            if len(value) > FIELD_LIMIT:
                report.add("error", "cell-too-long", f"{col} is {len(value):,} characters long, more than the "
                           f"{FIELD_LIMIT:,} a cell may hold; shorten it", row=line, column=col, file=name)
            if value != clean_text(value) and value.strip():
                report.add("warning", "untidy-text", f"{col} has line breaks or extra spaces: {shorten(value)!r}",
                           row=line, column=col, file=name)
            if neutralise(value) is not None:
                report.add("warning", "formula-cell", f"{col} {shorten(value)!r} starts like a spreadsheet formula",
                           row=line, column=col, file=name)
            damage = diagnose(value)         # mojibake ('BÃ©rubÃ©') or a lost letter ('B�rub�', 'Nguy?n')
            if damage is not None:
                report.issues.append(damage_issue(damage, line, col, name))
        report.count("rows_bad" if len(report.errors) > before else "rows_ok")


def _check_id(value: str, column: str, id_rule: re.Pattern, line: int, name: str, report: Report) -> None:
    code = "client-id" if column.lower().startswith("client") else "matter-id"
    if not value:
        report.add("error", f"{code}-missing", f"{column} is empty", row=line, column=column, file=name)
    elif not id_rule.match(value):
        bad = sorted({c for c in value if not id_rule.match(c)})
        report.add("error", f"{code}-invalid", f"{column} {value!r} has {''.join(bad)!r}; CaseClock IDs allow only "
                   "letters, digits, . _ -", row=line, column=column, file=name)
