"""The `notes` subcommand: a day's dictated or typed notes -> CaseClock's time-entry CSV as a draft to review.

    caseclock-normalizer notes FILE --matters LIST [--date D] [--timekeeper NAME] [--round up|nearest|none]
        [--increment H] [--date-order MDY|DMY] [-o OUT] [--report R.json]

Registered by cli.py (`add_command(sub)`); parses arguments, calls normalizer.notes.parse_notes, prints. The exit codes
are cli.py's: 0 a draft was written, 1 nothing usable, 2 usage errors.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from .cli_args import iso_date, positive_hours

EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2


def add_command(subparsers) -> None:
    p = subparsers.add_parser("notes", help="turn dictated or typed time notes into draft CaseClock time entries")
    p.add_argument("file", help="the notes, one a line (text, UTF-8); '-' reads standard input")
    p.add_argument("--matters", required=True, metavar="LIST",
                   help="the firm's matter list: CaseClock's matter import CSV or the system's own "
                        "client/matter export")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                   help="the day the notes are about: notes without a date get it, and 'yesterday' or 'on Monday' "
                        "count back from it (default: today)")
    p.add_argument("--timekeeper", metavar="NAME", help="who did the work (the Timekeeper column)")
    p.add_argument("--round", choices=("up", "nearest", "none"), default="up",
                   help="round durations to the increment (default: up)")
    p.add_argument("--increment", type=positive_hours, default="0.1", metavar="H",
                   help="billing increment in hours (default: 0.1)")
    p.add_argument("--date-order", choices=("MDY", "DMY"), default="MDY", type=str.upper,
                   help="how the firm writes numeric dates such as 11/3 (default: MDY, month first)")
    p.add_argument("-o", "--output", metavar="OUT.csv", help="write the draft here (default: standard output)")
    p.add_argument("--report", metavar="R.json", help="write the report (per note: each field's value, confidence "
                   "and the words it came from; the issues) as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    from .errors import InputError
    from .notes import parse_notes

    source = sys.stdin.buffer.read() if args.file == "-" else Path(args.file)
    try:
        data, report = parse_notes(source, matters=args.matters, date=args.date, timekeeper=args.timekeeper,
                                   date_order=args.date_order, round=args.round, increment=args.increment,
                                   name="stdin" if args.file == "-" else Path(args.file).name)
    except InputError as exc:
        if args.report:     # never leave an older report in place: it would describe another run
            _put(Path(args.report), json.dumps({"error": exc.to_dict()}, indent=2).encode("utf-8"))
        raise
    except ValueError as exc:
        print(f"caseclock-normalizer notes: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for issue in report.issues:
        print(f"  {issue}", file=sys.stderr)
    counts = report.counts
    print(f"{counts['notes_read']} note(s) read, {counts['entries_drafted']} draft entries: "
          f"{counts['entries_complete']} complete, {counts['entries_need_attention']} need attention "
          "(a draft: review it before exporting)", file=sys.stderr)
    if args.report:
        _put(Path(args.report), (json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    if not counts["entries_drafted"]:
        print("nothing written: the file holds no notes", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.output:
        print(f"wrote {_put(Path(args.output), data)}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def _put(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)
