"""Detection accuracy, side by side in one run: dialect on the two shared corpora (this project, csv.Sniffer,
CleverCSV) and encoding on a generated corpus of accented client lists (this project, chardet, charset-normalizer).

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/detection.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dialect as dialect_bench      # noqa: E402  (benchmarks/dialect.py)
import encoding as encoding_bench    # noqa: E402  (benchmarks/encoding.py)


def main() -> None:
    print("== Dialect detection (a file counts when the detected dialect parses to the annotated table) ==")
    dialect_bench.main() if hasattr(dialect_bench, "main") else dialect_bench.run()
    print()
    print("== Encoding detection (a file counts when the decoded text equals the original) ==")
    encoding_bench.main() if hasattr(encoding_bench, "main") else encoding_bench.run()


if __name__ == "__main__":
    main()
