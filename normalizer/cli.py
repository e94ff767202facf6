"""Command line: parse arguments, call normalizer.api, print. No logic of its own."""
from __future__ import annotations

import argparse
import json
import sys

from . import api
from .cli_notes import add_command as add_notes_command
from .entries import targets
from .errors import InputError
from .cli_args import iso_date, positive_hours

EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):   # usage errors exit 2 with one line, as argparse does, but never a traceback
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _sniff(args) -> int:
    info = api.sniff(args.file, sheet=args.sheet)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return EXIT_OK
    if info["format"] == "zip":          # an archive: one line per table inside
        print(f"{'file':>11}: {info['file']}\n{'format':>11}: ZIP archive, {len(info['tables'])} table(s) inside")
        for t in info["tables"]:
            cols = ", ".join(t["columns"] or []) or "no header row"
            print(f"{'table':>11}: {t['file']} ({t['format']}, {t['rows']} rows; {cols})")
        for issue in info["issues"]:
            if issue["severity"] != "info":
                print(f"{issue['severity']:>11}: {issue.get('file') or ''}: {issue['message']}", file=sys.stderr)
        return EXIT_OK
    shown = {"file": info["file"], "format": info["format"], "encoding": info["encoding"],
             "delimiter": repr(info["delimiter"]) if info["delimiter"] else None,
             "quotechar": repr(info["quotechar"]) if info["quotechar"] else None,
             "sheet": info["sheet"], "header_row": info["header_row"] or "none (no header row)",
             "columns": ", ".join(info["columns"] or []) or "-", "rows": info["rows"],
             "confidence": f"{info['confidence']} (the lowest of encoding {info['encoding_confidence']}, "
                           f"dialect {info['dialect_confidence']}, header {info['header_confidence']})"
                           if info["format"] == "csv" else f"{info['confidence']} (header row)"}
    for key, value in shown.items():
        if value is not None:
            print(f"{key:>11}: {value}")
    for issue in info["issues"]:
        where = ", ".join(p for p in (f"line {issue['row']}" if issue["row"] is not None else issue.get("file") or "",
                                      f"column {issue['column']}" if issue["column"] else "") if p)
        print(f"{issue['severity']:>11}: {where + ': ' if where else ''}{issue['message']}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="caseclock-normalizer",
                     description="Convert law-firm exports to CaseClock's import CSV and CaseClock time entries to "
                                 "billing-system import files. Everything runs on this computer.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("sniff", help="show what was detected in a file (format, encoding, delimiter, header)")
    p.add_argument("file")
    p.add_argument("--sheet", help="XLSX sheet name (default: first non-empty sheet)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_sniff)
    _add_entries_command(sub)
    _add_matters_commands(sub)
    add_notes_command(sub)
    return parser


def _version() -> str:
    """The installed package's version (the library's own when run from a checkout)."""
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("caseclock-normalizer")
    except (ImportError, PackageNotFoundError):
        from . import __version__
        return __version__


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"caseclock-normalizer: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except ValueError as exc:       # from inside a job, not from the arguments (argparse reports those, exit 2)
        print(f"caseclock-normalizer: error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_OK


# -- entries (issue 8) ---------------------------------------------------------------------------------------------
def _add_entries_command(sub) -> None:
    p = sub.add_parser("entries", help="export reviewed CaseClock time entries to a billing system's import file")
    p.add_argument("file", help="CaseClock's time-entry export (CSV) or entries as JSON; '-' reads standard input")
    p.add_argument("--to", required=True, metavar="SYSTEM",
                   help=", ".join(sorted({s.target for s in targets().values()})))   # the mappings' targets
    p.add_argument("--matters", metavar="FILE",
                   help="the firm's matter list: CaseClock's matter import CSV or the system's own client/matter export")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (a directory for several files; default: "
                   "standard output for one text file, else the target's file names here)")
    p.add_argument("--report", metavar="REPORT.json", help="write the report as JSON")
    p.add_argument("--round", choices=("up", "nearest", "none"), default=None,
                   help="round durations to the increment (default: up; none for --to caseclock, so files round-trip)")
    p.add_argument("--increment", type=positive_hours, default=None, metavar="H",
                   help="billing increment in hours (default: 0.1); given without --round, rounds up")
    p.add_argument("--date-format", metavar="FMT", help="date format for the target, strftime style "
                   "(e.g. %%d/%%m/%%Y; %%-m and %%-d for no leading zero)")
    p.add_argument("--split-by-timekeeper", action="store_true", help="one file per timekeeper (Clio imports per user)")
    p.add_argument("--excel", action="store_true", help="add a UTF-8 BOM so Excel opens CSV files correctly")
    p.add_argument("--invoice-number", metavar="N", help="LEDES: first invoice number (next ones count up)")
    p.add_argument("--invoice-date", type=iso_date, metavar="YYYY-MM-DD", help="LEDES: invoice date (default today)")
    p.add_argument("--law-firm-id", metavar="ID", help="LEDES: LAW_FIRM_ID (US: federal taxpayer ID)")
    p.add_argument("--client-id", metavar="ID", help="LEDES: CLIENT_ID for every invoice")
    p.set_defaults(run=_entries)


def _entries(args) -> int:
    from pathlib import Path

    source = sys.stdin.buffer.read() if args.file == "-" else args.file
    try:
        result = api.export_entries(
            source, to=args.to, matters=args.matters, round=args.round, increment=args.increment,
            date_format=args.date_format, split_by_timekeeper=args.split_by_timekeeper, excel=args.excel,
            invoice_number=args.invoice_number, invoice_date=args.invoice_date, law_firm_id=args.law_firm_id,
            client_id=args.client_id, name="stdin" if args.file == "-" else None)
    except InputError as exc:
        if args.report:      # never leave an older report in place: it would describe another run
            _put_json(args.report, {"error": exc.to_dict()})
        raise
    except ValueError as exc:
        print(f"caseclock-normalizer entries: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = result.report
    meta, counts = report.meta, report.counts
    print(f"target: {meta['target_label']} ({meta['support'].replace('-', ' ')})", file=sys.stderr)
    for note in meta.get("target_notes", []):
        print(f"  note: {note}", file=sys.stderr)
    for issue in report.issues:
        print(f"  {issue}", file=sys.stderr)
    amount = meta.get("amount_total")
    print(f"{counts['entries_written']} of {counts['entries_read']} entries written, {counts['entries_rejected']} "
          f"rejected; {meta.get('hours_total', 0):g} h" + (f", amount {amount:,.2f}" if amount is not None else ""),
          file=sys.stderr)
    if args.report:
        Path(args.report).write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    if not counts["entries_written"]:
        print("nothing written: no entry passed review", file=sys.stderr)
        return EXIT_UNUSABLE
    for path in _write_outputs(result, args.output):
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _write_outputs(result, output: str | None) -> list[str]:
    """One file: to OUT (or standard output when it is text). Several: the primary to OUT, the rest beside it;
    a ZIP result (one file per timekeeper) to OUT.zip, or its files into the directory OUT."""
    from pathlib import Path

    files = result.files or {}
    text = not result.filename.endswith((".xlsx", ".zip"))
    if output is None and not files and text:
        sys.stdout.buffer.write(result.data)
        return []
    out = Path(output) if output else None
    if result.filename.endswith(".zip") and not (out and out.suffix.lower() == ".zip"):
        folder = out or Path(".")
        folder.mkdir(parents=True, exist_ok=True)
        return [_put(folder / name, data) for name, data in files.items()]
    if out is None:
        return [_put(Path(name), data) for name, data in (files or {result.filename: result.data}).items()]
    if out.is_dir():
        return [_put(out / name, data) for name, data in (files or {result.filename: result.data}).items()]
    primary = next((n for n in files if Path(n).suffix.lower() == out.suffix.lower()), result.filename)
    written = [_put(out, files.get(primary, result.data))]
    return written + [_put(out.parent / name, data) for name, data in files.items() if name != primary]


def _put(path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


# -- matters, check, vendors (issue 7) -----------------------------------------------------------------------------
def _add_matters_commands(sub) -> None:
    p = sub.add_parser("matters", help="convert a system's client/matter export to CaseClock's import CSV")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="the export (CSV, XLSX or a ZIP such as MyCase's backup); add the contacts export when the "
                        "matters file lacks client names")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="write here (default: standard output)")
    p.add_argument("--from", dest="system", default="auto", metavar="auto|SYSTEM",
                   help="which system wrote the file (default: detect); see `caseclock-normalizer vendors`")
    p.add_argument("--report", metavar="REPORT.json", help="write the report (counts, mapping, issues) as JSON")
    p.add_argument("--include-closed", action="store_true", help="keep closed matters (left out by default)")
    p.add_argument("--jurisdiction", metavar="CODE", help="Jurisdiction for rows whose export has none (e.g. ON)")
    p.add_argument("--excel", action="store_true", help="start the CSV with a BOM so Excel opens it as UTF-8")
    p.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first that looks like a table)")
    g = p.add_argument_group("instead of detection (each applies to every input file)")
    g.add_argument("--encoding", metavar="CODEC", help="text encoding, e.g. cp1252, utf-8, mac_roman")
    g.add_argument("--delimiter", metavar="CHAR", help="delimiter: a character, or comma, semicolon, tab, pipe")
    g.add_argument("--quote", metavar="CHAR", help="quote character, or none")
    g.add_argument("--header-row", type=int, metavar="LINE", help="line of the header row (0: the file has none)")
    g.add_argument("--map", action="append", default=[], metavar="'COLUMN=FIELD'",
                   help="send a source column to a field (client_ref, client_name, matter_ref, matter_name, "
                        "jurisdiction, practice_area, rate, status, ...) or to ignore; repeatable")
    g.add_argument("--mapping-file", metavar="FILE.toml", help="column mapping saved by the page or --save-mapping")
    g.add_argument("--fixes", metavar="FIXES.json",
                   help="cell edits [{file, line, column, value}] applied before cleaning (the page's fixes)")
    p.add_argument("--save-mapping", metavar="FILE.toml", help="write the column mapping used, to load again")
    p.set_defaults(run=_matters)
    p = sub.add_parser("check", help="validate a CaseClock matter import CSV before uploading it")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(run=_check)
    p = sub.add_parser("vendors", help="list the systems the mapping files define")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_vendors)


def _issue_line(issue) -> str:
    where = ", ".join(x for x in (issue.file or "", f"line {issue.row}" if issue.row else "",
                                  f"column {issue.column}" if issue.column not in (None, "") else "") if x)
    return f"{issue.severity}: {where + ': ' if where else ''}{issue.message} [{issue.code}]"


def _matters(args) -> int:
    known = sorted(s["id"] for s in api.systems())
    if args.system != "auto" and args.system not in known:      # a usage error: checked here, before the job
        print(f"caseclock-normalizer matters: error: unknown system {args.system!r} for --from; known: auto, "
              f"{', '.join(known)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = _matters_options(args)
        result = api.normalize_matters(args.files, system=args.system, include_closed=args.include_closed,
                                       jurisdiction=args.jurisdiction, excel=args.excel, sheet=args.sheet,
                                       options=options)
    except InputError as exc:
        if args.report:
            _put_json(args.report, {"error": exc.to_dict()})
        raise
    report = result.report
    if args.report:
        _put_json(args.report, report.to_dict())
    if args.save_mapping:
        from pathlib import Path
        from .user_mapping import to_toml
        primary = report.meta["detections"][0]["file"] if report.meta.get("detections") else ""
        columns = dict(report.meta.get("mapping", {}))         # field priority order: the first column wins
        columns.update((c, "ignore") for c in report.meta.get("ignored_columns", []))
        _put(Path(args.save_mapping), to_toml(columns, source=primary).encode("utf-8"))
    written = report.counts.get("rows_written", 0)
    if written and args.output:
        from pathlib import Path
        _put(Path(args.output), result.data)
    elif written:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    meta, counts = report.meta, report.counts
    print(f"{meta.get('vendor_name')} ({meta.get('export', {}).get('label')}, confidence "
          f"{meta.get('vendor_confidence')}): read {counts['rows_read']}, wrote {written}, merged "
          f"{counts['rows_merged']}, closed left out {counts['rows_filtered']}, rejected {counts['rows_rejected']}",
          file=sys.stderr)
    systems = meta.get("systems", [])
    if len(systems) > 1:      # every file read, and what it was taken for
        print("read: " + "; ".join(f"{s['file']}: {s['name']} ({s['layout']}, confidence {s['confidence']})"
                                   + (" as the client list" if s["role"] == "contacts" else "") for s in systems),
              file=sys.stderr)
    for file, unused in meta.get("unused_columns", {}).items():
        if unused:
            groups: dict[str, list[str]] = {}          # one reason once, with every column it applies to
            for u in unused:
                groups.setdefault(u["reason"] or "", []).append(u["column"])
            print(f"columns not used{f' in {file}' if len(systems) > 1 else ''}: " + "; ".join(
                ", ".join(cols) + (f" ({why})" if why else "") for why, cols in groups.items()), file=sys.stderr)
    # Lines that are not rows (titles, totals, subtotals, page lines...): shown, so a real row taken for one of
    # them would be noticed. Blank lines are left out of the list.
    several = len(meta.get("detections", [])) > 1
    skipped = [(d["file"], s) for d in meta.get("detections", []) if d.get("role") != "ignored"
               for s in d.get("skipped", []) if s["reason"] != "blank"]
    if skipped:
        print("not part of the table: " + "; ".join(
            f"{file + ' ' if several else ''}line {s['line']} ({s['reason']})" for file, s in skipped), file=sys.stderr)
    for issue in report.issues:
        if issue.severity != "info":
            print(_issue_line(issue), file=sys.stderr)
    if not written:
        print("caseclock-normalizer: no matter could be written", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK


def _matters_options(args) -> dict:
    """The overrides given on the command line, in the API's options shape (outcome.JobOptions)."""
    from pathlib import Path

    read = {k: v for k, v in (("encoding", args.encoding), ("delimiter", args.delimiter),
                              ("quotechar", args.quote), ("header_row", args.header_row)) if v is not None}
    columns = {}
    for item in args.map:
        column, sep, field_ = item.rpartition("=")
        if not sep or not column.strip():
            raise InputError(f"--map takes 'COLUMN=FIELD', got {item!r}", code="options-invalid")
        columns[column.strip()] = field_.strip()
    options: dict = {"read": {"*": read} if read else {}, "mapping": {"*": columns} if columns else {}}
    if args.mapping_file:
        options["mapping_file"] = _read_text(args.mapping_file)
    if args.fixes:
        try:
            fixes = json.loads(_read_text(args.fixes))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc}", file=Path(args.fixes).name, code="options-invalid") from None
        if isinstance(fixes, dict) and "fixes" not in fixes:
            raise InputError("expected a list of edits [{file, line, column, value}] (or {\"fixes\": [...]})",
                             file=Path(args.fixes).name, code="options-invalid")
        options["fixes"] = fixes["fixes"] if isinstance(fixes, dict) else fixes
        from .read.options import Fix
        for n, fix in enumerate(options["fixes"] if isinstance(options["fixes"], list) else [options["fixes"]], 1):
            try:
                Fix.from_dict(fix)
            except (InputError, AttributeError, TypeError):
                raise InputError(f"edit {n} is not {{file, line, column, value}}: {fix!r}", file=Path(args.fixes).name,
                                 code="options-invalid") from None
    return options


def _read_text(path: str) -> str:
    from pathlib import Path
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read it: {exc}", file=path, code="cannot-open") from None


def _check(args) -> int:
    report = api.check_caseclock(args.file)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        for issue in report.issues:
            print(_issue_line(issue))
        counts = report.counts
        verdict = "OK: CaseClock can import it" if not report.errors else f"{len(report.errors)} error(s) to fix"
        print(f"{args.file}: {counts['rows_read']} row(s), {verdict}")
    return EXIT_OK if not report.errors else EXIT_UNUSABLE


def _vendors(args) -> int:
    systems = api.systems()
    if args.json:
        print(json.dumps(systems, indent=2, ensure_ascii=False))
        return EXIT_OK
    for s in systems:
        print(f"{s['id']:<16} {s['name']}  [{s['role']}]")
        for e in s["exports"]:
            print(f"    {e['id']:<22} {e['kind']:<9} {e['label']}{'  (no header row)' if e['headerless'] else ''}")
    return EXIT_OK


def _put_json(path: str, data: dict) -> None:
    from pathlib import Path
    _put(Path(path), (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
