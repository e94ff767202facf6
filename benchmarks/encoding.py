"""Encoding benchmark: this project's decode vs chardet 7.7.0 vs charset-normalizer on accented client lists.

Run: .venv/bin/python benchmarks/encoding.py [--per-encoding N] [--seed S]
The corpus is generated (benchmarks/encoding_corpus.py, seeded): 2-40 row client lists with French, Spanish,
German, Nordic, Portuguese and Italian names, written in each encoding that can represent them.
A file counts as right when the decoded text equals the original text (a BOM is not part of the text), so
latin-1 bytes decoded as cp1252 count as right: the text is the same. A peer that raises or names no encoding
counts as wrong.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
for path in (REPO, REPO / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import chardet  # noqa: E402

from encoding_corpus import ENCODINGS, make_corpus  # noqa: E402
from normalizer.read.encoding import decode  # noqa: E402

PER_ENCODING = 120
SEED = 20240611


def ours(data: bytes) -> str | None:
    return decode(data).text


def with_chardet(data: bytes) -> str | None:
    guess = chardet.detect(data)["encoding"]
    return data.decode(guess) if guess else None


def with_charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    return str(best) if best is not None else None


DECODERS: dict[str, Callable[[bytes], str | None]] = {
    "caseclock": ours,
    f"chardet {chardet.__version__}": with_chardet,
    "charset-normalizer": with_charset_normalizer,
}


def _right(decoder: Callable[[bytes], str | None], data: bytes, text: str) -> bool:
    try:
        got = decoder(data)
    except Exception:  # noqa: BLE001 - a peer that raises simply got this file wrong
        return False
    return got is not None and got.lstrip("\ufeff") == text


def run(per_encoding: int = PER_ENCODING, seed: int = SEED, *, misses: list | None = None) -> dict:
    """{decoder: {"overall": pct, "by_encoding": {label: pct}, "seconds": s}, "files": n}. `misses` collects ours."""
    corpus = make_corpus(per_encoding, seed)
    figures: dict = {"files": len(corpus), "seed": seed, "decoders": {}}
    for label, decoder in DECODERS.items():
        started = time.perf_counter()
        right: dict[str, int] = {enc: 0 for enc in ENCODINGS}
        for case in corpus:
            ok = _right(decoder, case.data, case.text)
            right[case.label] += ok
            if not ok and misses is not None and decoder is ours:
                misses.append(case)
        figures["decoders"][label] = {
            "overall": round(100.0 * sum(right.values()) / len(corpus), 1),
            "by_encoding": {enc: round(100.0 * n / per_encoding, 1) for enc, n in right.items()},
            "seconds": round(time.perf_counter() - started, 2),
        }
    return figures


def _print(figures: dict) -> None:
    names = list(figures["decoders"])
    print(f"{figures['files']} files (seed {figures['seed']}), % decoded to the exact original text\n")
    print(f"{'encoding':<16}" + "".join(f"{n:>22}" for n in names))
    for enc in ENCODINGS:
        print(f"{enc:<16}" + "".join(f"{figures['decoders'][n]['by_encoding'][enc]:>21.1f}%" for n in names))
    print(f"{'overall':<16}" + "".join(f"{figures['decoders'][n]['overall']:>21.1f}%" for n in names))
    print(f"{'seconds':<16}" + "".join(f"{figures['decoders'][n]['seconds']:>22.2f}" for n in names))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-encoding", type=int, default=PER_ENCODING)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show-misses", action="store_true", help="print the files this project got wrong")
    args = parser.parse_args(argv)
    misses: list = []
    figures = run(args.per_encoding, args.seed, misses=misses)
    _print(figures)
    if args.show_misses:
        for case in misses:
            got = decode(case.data)
            print(f"\n--- {case.label} decoded as {got.encoding} ({got.confidence})")
            for want_line, got_line in zip(case.text.splitlines(), got.text.splitlines()):
                if want_line != got_line:
                    print(f"  want {want_line!r}\n  got  {got_line!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
