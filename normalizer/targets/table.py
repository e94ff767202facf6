"""A table target (a mapping file's `[time_entries]`: Clio, PCLaw, MyCase, CaseClock...): line breaks per the
target, non-billable time kept (warned when the file cannot mark it), and its files: CSV (one per timekeeper when
split), XLSX, ZIP; byte-stable so a re-run gives the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

from ..write import write_csv
from .base import Target
from .spec import Entry, Spec, rows_for

Settings = Review = object      # duck-typed: entries.options.Settings, entries.review.Review (above this layer)


class TableTarget(Target):
    def review_entry(self, review, e: Entry) -> None:
        spec = self.spec
        if spec.one_line and re.search(r"[\r\n]", e.description):
            e.description = " ".join(e.description.split())
            review.issue(e, "warning", "chars-replaced",
                         f"line breaks in the description were replaced by spaces ({spec.label} rows are one line)",
                         "Description")
        if not spec.one_line:
            # Line breaks kept inside a quoted field are written CRLF, like the record ends (RFC 4180).
            crlf = re.sub(r"\r\n|\r|\n", "\r\n", e.description)
            if crlf != e.description:
                e.description = crlf
                review.issue(e, "info", "line-breaks-crlf", "line breaks inside the description are written as "
                             "CRLF, like the ends of the rows", "Description")

    def non_billable(self, review, e: Entry, marks: bool) -> bool:
        if not marks:
            spec = self.spec
            review.report.add("warning", "non-billable-not-marked",
                              f"this entry is non-billable (Billable = no), but {spec.label} has no billable "
                              f"column: {spec.system or 'the system'} will bill it unless you mark it "
                              "non-billable there after import", row=e.line, column="Billable", file=review.name)
        return True

    def write(self, entries: list[Entry], settings, review):
        return write_table(entries, self.spec, settings, review)


def write_table(entries: list[Entry], spec: Spec, s: Settings, job: Review):
    if s.date_format and not spec.date_format_option:
        job.report.add("warning", "date-format-ignored",
                       f"--date-format does not apply to {spec.label}: it uses {spec.date_format}", file=job.name)
    date_format = s.date_format if (s.date_format and spec.date_format_option) else spec.date_format
    if spec.group_by == "matter":
        first: dict[str, int] = {}
        for i, e in enumerate(entries):
            first.setdefault(_matter_key(e), i)
        entries = sorted(entries, key=lambda e: (first[_matter_key(e)], e.date, e.line))
    if s.split_by_timekeeper and not spec.splittable:
        job.report.add("warning", "split-ignored", f"--split-by-timekeeper does not apply to {spec.label}",
                       file=job.name)
    groups: dict[str, list[Entry]] = {}
    if s.split_by_timekeeper and spec.splittable:
        # One file per timekeeper, keyed on the name the file is called by: spellings that differ only in case,
        # accents, punctuation or spacing share a file rather than overwrite each other's.
        for e in entries:
            groups.setdefault(_slug(e.timekeeper) or "no-timekeeper", []).append(e)
        for who, group in groups.items():
            spellings = sorted({" ".join(e.timekeeper.split()) for e in group})
            if len(spellings) > 1:
                job.report.add("warning", "timekeeper-spellings",
                               f"{' / '.join(map(repr, spellings))} are written to one file ({who}): the same "
                               f"person? {spec.system or 'The system'} needs one exact user name",
                               row=group[0].line, column="Timekeeper", file=job.name)
    else:
        groups[""] = entries
    placed = [id(e) for group in groups.values() for e in group]
    assert len(placed) == len(set(placed)) == len(entries), "every written entry must be in exactly one file"
    files: dict[str, bytes] = {}
    stem, _, ext = spec.filename.rpartition(".")
    for who, group in groups.items():
        rows = rows_for(group, spec, date_format=date_format)
        _check_lengths(group, rows, spec, job)
        header = [c.header for c in spec.columns] if spec.header else None
        data, neutralised = write_csv(header, rows, excel_bom=s.excel)
        for r, c, original in neutralised:
            job.report.add("warning", "formula-neutralised",
                           f"{original[:40]!r} starts like a spreadsheet formula; a ' was put in front",
                           row=group[r].line, column=spec.columns[c].header, file=job.name)
        suffix = f"-{who}" if who else ""
        assert f"{stem}{suffix}.csv" not in files, f"{stem}{suffix}.csv written twice"
        if spec.format == "xlsx":
            files[f"{stem}{suffix}.xlsx"] = _xlsx(header, rows, group, spec, date_format)
        files[f"{stem}{suffix}.csv"] = data
    for fname, text in spec.files:
        files[fname] = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    if len(groups) > 1 or (s.split_by_timekeeper and spec.splittable):
        return _zip(files), f"{stem}.zip", files
    primary = f"{stem}.xlsx" if spec.format == "xlsx" else f"{stem}.csv"
    return files[primary], primary, (files if len(files) > 1 else None)


def _check_lengths(entries: list[Entry], rows: list[list[str]], spec: Spec, job: Review) -> None:
    if not any(col.max_length for col in spec.columns):
        return
    for e, row in zip(entries, rows):
        for col, value in zip(spec.columns, row):
            if col.max_length and len(value) > col.max_length:
                job.report.add("warning", "value-too-long",
                               f"{col.header} {value!r} is longer than the {col.max_length} characters "
                               f"{spec.label} accepts", row=e.line, column=col.header, file=job.name)


def _matter_key(e: Entry) -> str:
    return e.record.ref if e.record else f"{e.client}\x00{e.matter}"


def _slug(text: str) -> str:
    from ..resolve import normalize
    return "-".join(normalize(text).split())


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _zip(files: dict[str, bytes]) -> bytes:
    """Byte-stable ZIP: fixed timestamps and permissions, names in the order given, members stored (deflate output
    differs between zlib builds, e.g. CPython vs Pyodide, and these files are small)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for fname, data in files.items():
            info = zipfile.ZipInfo(fname, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _xlsx(header, rows, entries: list[Entry], spec: Spec, date_format: str) -> bytes:
    """The same table as a workbook: real dates and numbers, text never read as a formula, byte-stable output."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.creator = "CaseClock CSV Normalizer"
    wb.properties.created = wb.properties.modified = fixed
    if header:
        ws.append(header)
    excel_date = "mm/dd/yyyy" if date_format in ("%m/%d/%Y", "source") else \
        date_format.replace("%Y", "yyyy").replace("%m", "mm").replace("%d", "dd").replace("%-m", "m") \
        .replace("%-d", "d").replace("%y", "yy")
    numeric = {"hours", "hours_whole", "minutes_part", "rate", "amount", "sequence"}
    for e, row in zip(entries, rows):
        out = []
        for col, text in zip(spec.columns, row):
            if col.field == "date" and e.date:
                out.append(dt.datetime(e.date.year, e.date.month, e.date.day))
            elif col.field in numeric and text:
                out.append(Decimal(text))
            else:
                out.append(text)
        ws.append(out)
        r = ws.max_row
        for c, col in enumerate(spec.columns, 1):
            cell = ws.cell(r, c)
            if col.field == "date":
                cell.number_format = excel_date
            elif isinstance(cell.value, str):
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return _restamp(buf.getvalue(), fixed)


def _restamp(data: bytes, fixed: dt.datetime) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml and every ZIP entry; pin both."""
    src = zipfile.ZipFile(io.BytesIO(data))
    files = {}
    for info in src.infolist():
        content = src.read(info.filename)
        if info.filename == "docProps/core.xml":
            content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\2", content)
            content = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\2", content)
        files[info.filename] = content
    return _zip(files)
