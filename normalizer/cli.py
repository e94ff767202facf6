"""Command line: parse arguments, call normalizer.api, print. No logic of its own."""
from __future__ import annotations

import argparse
import json
import sys

from . import api
from .errors import InputError

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
    shown = {"file": info["file"], "format": info["format"], "encoding": info["encoding"],
             "delimiter": repr(info["delimiter"]) if info["delimiter"] else None,
             "quotechar": repr(info["quotechar"]) if info["quotechar"] else None,
             "sheet": info["sheet"], "header_row": info["header_row"] or "none (no header row)",
             "columns": ", ".join(info["columns"] or []) or "-", "rows": info["rows"],
             "confidence": info["confidence"]}
    for key, value in shown.items():
        if value is not None:
            print(f"{key:>11}: {value}")
    for issue in info["issues"]:
        where = f"line {issue['row']}" + (f", column {issue['column']}" if issue["column"] else "")
        print(f"{issue['severity']:>11}: {where}: {issue['message']}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="caseclock-normalizer",
                     description="Convert law-firm exports to CaseClock's import CSV and CaseClock time entries to "
                                 "billing-system import files. Everything runs on this computer.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("sniff", help="show what was detected in a file (format, encoding, delimiter, header)")
    p.add_argument("file")
    p.add_argument("--sheet", help="XLSX sheet name (default: first non-empty sheet)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_sniff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"caseclock-normalizer: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_OK
