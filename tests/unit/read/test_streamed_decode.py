"""A big clean UTF-8 file is decoded a chunk at a time (read/encoding.decode_stream): the rows, lines, detection and
issues must be exactly those of the whole-text path, whatever the chunk size and wherever a chunk is cut."""
from __future__ import annotations

import pytest

from normalizer.read import encoding, read_table

CASES = {
    "crlf": "Name,Note\r\n" + "".join(f"Ann {i},x\r\n" for i in range(40)),
    "lone cr": "Name,Note\r" + "".join(f"Zoë {i},y\r" for i in range(40)),
    "mixed ends": "Name,Note\n" + "".join(f"Søren {i},z" + ("\r\n" if i % 2 else "\n") for i in range(40)),
    "bom and quoted breaks": "\ufeffName,Note\r\n" + "".join(f'"Côté {i}","line\r\nnext"\r\n' for i in range(30)),
    "astral": "Name,Note\n" + "".join(f"名前 {i},😀\n" for i in range(40)),
    "stray quote": "Name,Note\n" + "".join(f'A{i},"open\n' if i == 7 else f"A{i},b\n" for i in range(40)),
}


def _read(data: bytes):
    table = read_table(data, name="t.csv")
    rows = [(r.line, r.cells) for r in table.iter_rows()]
    return rows, table.detection.to_dict(), [i.to_dict() for i in table.issues], table.header


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
@pytest.mark.parametrize("case", sorted(CASES))
def test_streamed_text_reads_as_the_whole_text(monkeypatch, case, chunk):
    data = CASES[case].encode("utf-8")
    whole = _read(data)                                  # small file: the whole-text path
    monkeypatch.setattr(encoding, "STREAM_MIN", 0)
    monkeypatch.setattr(encoding, "STREAM_CHUNK", chunk)
    assert encoding.decode_stream(data) is not None
    assert _read(data) == whole


def test_files_that_need_the_whole_text_are_not_streamed(monkeypatch):
    monkeypatch.setattr(encoding, "STREAM_MIN", 0)
    assert encoding.decode_stream("Name\nCôté\n".encode("cp1252")) is None       # not UTF-8
    assert encoding.decode_stream(b"Name\nA\x00B\n") is None                         # NUL removed by the whole path
    assert encoding.decode_stream(b"Name\nA\n\x1a") is None                          # DOS end-of-file mark
    assert encoding.decode_stream("Name\nA\n".encode("utf-16")) is None             # another BOM
