"""Dialect detection benchmark: this project vs csv.Sniffer vs CleverCSV on the CSVsniffer corpora.

Run: .venv/bin/python benchmarks/dialect.py
Scoring (see ../shared/corpora/README.md): a file counts when parsing the whole file with the detected dialect
yields the same table as parsing it with the annotated dialect. A peer that raises falls back to comma + '"'.
Every detector sees the same sample (the first SAMPLE_SIZE characters or SAMPLE_LINES lines, cut at a line
boundary); csv.Sniffer is also run on the first 1 KiB, the setting behind the corpus README's figures.
"""
from __future__ import annotations

import csv
import io
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from normalizer.read.dialect import SAMPLE_LINES, SAMPLE_SIZE, detect_dialect, sample_text  # noqa: E402

CORPORA = ("pollock", "csv_wrangling")

_DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "vslash": "|", "nsign": "#",
               "colon": ":", "tilde": "~", "caret": "^"}
_QUOTES = {"doublequote": '"', "singlequote": "'", "": None}
_ENCODINGS = {"utf8": "utf-8-sig", "ascii": "utf-8-sig", "ansi": "cp1252", "utf16": "utf-16",
              "windows-1251": "cp1251", "gb2312": "gb18030", "shif-jis": "shift_jis"}

csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    kwargs: dict          # csv.reader kwargs of the annotated dialect


def corpora_dir() -> Path:
    """../shared/corpora from the repo root, or $CASECLOCK_CORPORA."""
    return Path(os.environ.get("CASECLOCK_CORPORA") or REPO.parent / "shared" / "corpora")


def _annotated_kwargs(delimiter: str, quote: str, escape: str) -> dict:
    quotechar = _QUOTES[quote]
    kwargs: dict = {"delimiter": _DELIMITERS[delimiter], "doublequote": True}
    if quotechar is None:
        kwargs["quoting"] = csv.QUOTE_NONE
    else:
        kwargs["quotechar"] = quotechar
    if escape == "backslash":
        kwargs["escapechar"] = "\\"
    return kwargs


def load_corpus(corpus: str, root: Path | None = None) -> list[Case]:
    """Annotated files that exist, decoded with their annotated encoding."""
    base = (root or corpora_dir()) / "csvsniffer"
    cases = []
    for line in (base / "annotations" / f"{corpus}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("file_name|"):
            continue
        name, encoding, delimiter, quote, escape, _records = line.split("|")[:6]
        path = base / corpus / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode(_ENCODINGS.get(encoding, encoding), errors="replace")
        cases.append(Case(name, text.lstrip("\ufeff"), _annotated_kwargs(delimiter, quote, escape)))
    return cases


def parse(text: str, kwargs: dict) -> list[list[str]] | str:
    """The whole table, or the error's name when csv.reader refuses the text with these kwargs."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), **kwargs))
    except (csv.Error, TypeError, ValueError) as err:
        return f"error: {type(err).__name__}"


# --- the three detectors, each returning csv.reader kwargs ------------------------------------------

FALLBACK = {"delimiter": ",", "quotechar": '"', "doublequote": True}


def ours(sample: str) -> dict:
    return detect_dialect(sample).csv_kwargs()


def sniffer(sample: str) -> dict:
    try:
        d = csv.Sniffer().sniff(sample)
    except csv.Error:
        return dict(FALLBACK)
    # Delimiter and quote as sniffed; Sniffer's doublequote guess is poor, so keep csv's default (its best showing).
    kwargs = {"delimiter": d.delimiter, "doublequote": True, "quotechar": d.quotechar or '"'}
    if d.escapechar:
        kwargs["escapechar"] = d.escapechar
    return kwargs


def sniffer_1k(sample: str) -> dict:
    return sniffer(sample_text(sample, 1024))


def clevercsv_detect(sample: str) -> dict:
    try:
        import clevercsv
        d = clevercsv.Detector().detect(sample)
    except Exception:  # a peer that raises falls back, as a program using it would
        d = None
    if d is None or not d.delimiter:
        return dict(FALLBACK) if d is None else {"delimiter": ",", **_quote_kwargs(d)}
    return {"delimiter": d.delimiter, **_quote_kwargs(d)}


def _quote_kwargs(d) -> dict:
    kwargs: dict = {"doublequote": True}
    if d.quotechar:
        kwargs["quotechar"] = d.quotechar
    else:
        kwargs["quoting"] = csv.QUOTE_NONE
    if d.escapechar:
        kwargs["escapechar"] = d.escapechar
    return kwargs


DETECTORS: dict[str, Callable[[str], dict]] = {
    "caseclock": ours, "csv.Sniffer": sniffer, "csv.Sniffer 1 KiB": sniffer_1k, "CleverCSV 0.8.5": clevercsv_detect,
}


def score(cases: list[Case], detector: Callable[[str], dict]) -> tuple[int, list[str], float]:
    """(files right, names wrong, seconds spent detecting)."""
    right, wrong, spent = 0, [], 0.0
    for case in cases:
        sample = sample_text(case.text)
        start = time.perf_counter()
        kwargs = detector(sample)
        spent += time.perf_counter() - start
        if _same_table(case, kwargs):
            right += 1
        else:
            wrong.append(case.name)
    return right, wrong, spent


def _same_table(case: Case, kwargs: dict) -> bool:
    if _normal(kwargs) == _normal(case.kwargs):
        return True
    if case.name not in _expected:
        _expected[case.name] = parse(case.text, case.kwargs)
    return parse(case.text, kwargs) == _expected[case.name]


_expected: dict[str, list[list[str]] | str] = {}


def _normal(kwargs: dict) -> tuple:
    return (kwargs["delimiter"], kwargs.get("quoting", csv.QUOTE_MINIMAL), kwargs.get("quotechar", '"'),
            kwargs.get("escapechar"), kwargs.get("doublequote", True), kwargs.get("skipinitialspace", False))


def run(detectors: dict[str, Callable[[str], dict]] | None = None, root: Path | None = None) -> dict:
    """{corpus: {detector: {"correct", "total", "percent", "wrong", "seconds"}}}."""
    results: dict = {}
    for corpus in CORPORA:
        _expected.clear()
        cases = load_corpus(corpus, root)
        results[corpus] = {}
        for label, detector in (detectors or DETECTORS).items():
            right, wrong, spent = score(cases, detector)
            results[corpus][label] = {"correct": right, "total": len(cases),
                                      "percent": round(100.0 * right / max(len(cases), 1), 1),
                                      "wrong": wrong, "seconds": round(spent, 2)}
    return results


def main() -> None:
    start = time.perf_counter()
    results = run()
    labels = list(DETECTORS)
    print(f"Dialect detection on the CSVsniffer corpora ({corpora_dir()}).")
    print(f"Every detector sees the same sample: the first {SAMPLE_SIZE // 1024} KiB or {SAMPLE_LINES} lines, cut at a "
          f"line boundary (CleverCSV too, to keep it fast);\n'csv.Sniffer 1 KiB' sniffs only the first 1 KiB, the "
          f"setting behind the corpus README's figures. A file counts when its whole table parses as annotated.\n")
    print(f"{'corpus':<15}" + "".join(f"{label:>26}" for label in labels))
    for corpus, by_label in results.items():
        cells = [f"{r['percent']:5.1f} % {r['correct']:>3}/{r['total']} {r['seconds']:4.1f}s" for r in by_label.values()]
        print(f"{corpus:<15}" + "".join(f"{c:>26}" for c in cells))
    for corpus, by_label in results.items():
        wrong = by_label["caseclock"]["wrong"]
        print(f"\n{corpus}: caseclock gets {len(wrong)} wrong: " + (", ".join(wrong) or "none"))
    print(f"\n(seconds = time spent detecting; whole run {time.perf_counter() - start:.0f}s)")


if __name__ == "__main__":
    main()
