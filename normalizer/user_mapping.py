"""A user's column mapping saved as a small TOML file in the `mappings/` format, and read back.

The file is a valid mapping file (role `source`, one `matters` export whose `fields` name the user's columns and whose
`other_columns` are the columns not imported), so a firm can also drop it into `mappings/` to make its layout a known
one. Read back, it becomes column choices: source column -> field, or "ignore".
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Mapping

from .errors import InputError
from .mappings import MappingError, _mapping
from .vendor import IGNORE


def to_toml(columns: Mapping[str, str | None], *, name: str = "Our firm's export", source: str = "") -> str:
    """TOML text for the choices `column -> field` (None or "ignore": not imported). Columns keep their order."""
    fields: dict[str, list[str]] = {}
    ignored: list[str] = []
    for column, field_ in columns.items():
        if not field_ or field_ == IGNORE:
            ignored.append(column)
        else:
            fields.setdefault(field_, []).append(column)
    lines = ["# A column mapping saved by the CaseClock CSV Normalizer" + (f" for {source}" if source else "") + ".",
             "# Load it again with the page's \"Load a mapping\" or `caseclock-normalizer matters --mapping-file`;",
             "# copied into mappings/ it makes this layout a known one (see mappings/README.md).",
             f"name = {_q(name)}", 'role = "source"', 'evidence = "saved by a user from their own export"', "",
             "[exports.saved]", 'kind = "matters"', f"label = {_q('Saved mapping')}", 'evidence = "user"']
    if fields:
        lines.append(f"signatures = [[{', '.join(_q(c) for cols in fields.values() for c in cols)}]]")
    if ignored:
        lines.append(f"other_columns = [{', '.join(_q(c) for c in ignored)}]")
    lines += ["", "[exports.saved.fields]"]
    lines += [f"{f} = [{', '.join(_q(c) for c in cols)}]" for f, cols in fields.items()]
    return "\n".join(lines) + "\n"


def from_toml(text: str | bytes, *, name: str = "mapping.toml") -> dict[str, str]:
    """Column choices from a saved mapping (or any mapping file with one export): column -> field or "ignore"."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("a mapping file must be UTF-8 text", file=name, code="mapping-file-invalid") from None
    try:
        data = tomllib.loads(text)
        mapping = _mapping(Path(name).stem, data, Path(name))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"this is not a valid mapping file: {exc}", file=name, code="mapping-file-invalid") from None
    except (MappingError, KeyError, TypeError) as exc:
        raise InputError(f"this is not a valid mapping file: {exc}", file=name, code="mapping-file-invalid") from None
    exports = [e for e in mapping.exports if e.kind in ("matters", "combined")]
    if len(exports) != 1:
        raise InputError("a mapping file to load must describe exactly one matters layout", file=name,
                         code="mapping-file-invalid")
    out: dict[str, str] = {}
    for field_, columns in exports[0].fields.items():
        for column in columns:
            out.setdefault(column, field_)
    for column in exports[0].other_columns:
        out.setdefault(column, IGNORE)
    return out


def present(choices: Mapping[str, str], header) -> dict[str, str]:
    """The choices whose column this table has (a saved mapping may list variants a file does not carry)."""
    from .mappings import header_key
    keys = {header_key(h) for h in header if h}
    return {c: f for c, f in choices.items() if c in header or header_key(c) in keys}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)     # a TOML basic string is a JSON string for these characters
