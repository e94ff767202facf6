"""mappings/*.toml -> plain frozen values. All per-system knowledge enters the code here, as data.

The schema is documented in mappings/README.md. A mapping file that breaks the schema raises MappingError naming
the file and key, so a typo in a new system's file fails loudly at load time instead of mis-mapping rows later.
The `[time_entries]` table (the entries job's) is ignored here.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping as MappingT

import normalizer
from .clean import ascii_fold

# The fields a layout can map (mappings/README.md). Order matters: a column claimed by an earlier field is not
# offered to a later one, so a table column never feeds two fields.
FIELDS = ("matter_ref", "matter_name", "client_ref", "client_name", "client_company", "client_first",
          "client_middle", "client_last", "status", "closed_flag", "open_flag", "practice_area", "jurisdiction",
          "rate", "billing_method")
KINDS = ("matters", "combined", "contacts", "other")
ROLES = ("source", "target", "synonyms")
NAME_SOURCES = ("display", "company", "person")
STATUSES = ("open", "pending", "closed")
_HEADER_OTHER = re.compile(r"[^0-9a-z#]+")


class MappingError(ValueError):
    """A mapping file does not follow mappings/README.md."""


def header_key(text: str) -> str:
    """How headers are compared: accents folded, case-folded, only letters, digits and '#' (`Practice area` =
    `Practice Area`, `IsArchived` = `Is Archived`, `Contact: Number` = `Contact Number`, `Numéro` = `Numero`)."""
    return _HEADER_OTHER.sub("", ascii_fold(text).casefold())


@dataclass(frozen=True)
class Split:
    field: str
    pattern: re.Pattern


@dataclass(frozen=True)
class ValuePattern:
    field: str | None
    column: str | None
    pattern: re.Pattern
    weight: float


@dataclass(frozen=True)
class Export:
    """One file layout a system writes (matters list, report, contacts, ...)."""
    id: str
    system: str
    kind: str
    label: str
    evidence: str
    fields: MappingT[str, tuple[str, ...]]
    signatures: tuple[tuple[str, ...], ...] = ()
    filenames: tuple[str, ...] = ()
    header_prefix: str | None = None
    headerless: tuple[str, ...] | None = None
    columns: tuple[str, ...] | None = None
    id_pattern: str | None = None
    name_order: tuple[str, ...] = NAME_SOURCES
    other_columns: tuple[str, ...] = ()
    splits: tuple[Split, ...] = ()
    values: tuple[ValuePattern, ...] = ()

    @property
    def known_keys(self) -> frozenset[str]:
        """Header keys this layout recognises: its fields, its other columns, its signatures."""
        names = [v for variants in self.fields.values() for v in variants]
        names += list(self.other_columns) + [h for group in self.signatures for h in group]
        return frozenset(header_key(n) for n in names)


@dataclass(frozen=True)
class Status:
    open: frozenset[str]
    pending: frozenset[str]
    closed: frozenset[str]
    unknown: str = "open"
    warn_unknown: bool = True

    def classify(self, word: str) -> tuple[str, bool]:
        """(open | pending | closed, known?) for a status word; an unlisted word means `unknown`."""
        key = " ".join(word.split()).casefold()
        for status in ("closed", "pending", "open"):
            if key in getattr(self, status):
                return status, True
        return self.unknown, False


@dataclass(frozen=True)
class Formats:
    date_orders: tuple[str, ...] = ("YMD", "MDY", "DMY")
    decimal_separators: tuple[str, ...] = (".",)
    thousands_separators: tuple[str, ...] = (",",)
    currency_symbols: tuple[str, ...] = ("$",)
    encodings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mapping:
    id: str
    name: str
    role: str
    evidence: str
    formats: Formats
    status: Status
    no_rate: tuple[str, ...]
    exports: tuple[Export, ...]
    fuzzy_cutoff: float | None = None
    path: str = ""

    def export(self, export_id: str) -> Export:
        return next(e for e in self.exports if e.id == export_id)


def default_directory() -> Path:
    """The repo's mappings/ (editable install / checkout), else the copy shipped in the wheel."""
    package = Path(normalizer.__file__).resolve().parent
    repo = package.parent / "mappings"
    return repo if repo.is_dir() else package / "_mappings"


def load_mappings(directory: str | Path | None = None) -> dict[str, Mapping]:
    """Every mapping file in the directory, by system id (file stem). Files with no `exports` are skipped
    (e.g. a target that only has a `[time_entries]` table)."""
    return dict(_load(str(Path(directory).resolve()) if directory else str(default_directory())))


@lru_cache(maxsize=8)
def toml_files(directory: str) -> tuple[tuple[Path, dict], ...]:
    """Every *.toml file of a mappings directory, parsed once: the one reader of these files (the matter layouts
    here, the time-entry targets in targets/spec.py). Raises tomllib.TOMLDecodeError / UnicodeDecodeError."""
    return tuple((path, tomllib.loads(path.read_text(encoding="utf-8")))
                 for path in sorted(Path(directory).glob("*.toml")))


def _toml_files_or_error(directory: str) -> tuple[tuple[Path, dict], ...]:
    try:
        return toml_files(directory)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        bad = _first_bad(directory)
        raise MappingError(f"{bad}: not valid TOML: {exc}") from None


def _first_bad(directory: str) -> str:
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return path.name
    return directory


@lru_cache(maxsize=8)
def _load(directory: str) -> tuple[tuple[str, Mapping], ...]:
    out = []
    for path, data in _toml_files_or_error(directory):
        if "exports" not in data:
            continue
        out.append((path.stem, _mapping(path.stem, data, path)))
    return tuple(out)


def known_headers(mappings: MappingT[str, Mapping]) -> tuple[str, ...]:
    """Lower-cased union of every header name the mappings know: helps the reading layer find the header row."""
    names: set[str] = set()
    for mapping in mappings.values():
        for export in mapping.exports:
            names.update(v.lower() for variants in export.fields.values() for v in variants)
            names.update(h.lower() for group in export.signatures for h in group)
            names.update(h.lower() for h in export.other_columns)
    return tuple(sorted(names))


# --------------------------------------------------------------------------------------------- building values

def _mapping(system: str, data: dict, path: Path) -> Mapping:
    where = path.name
    role = data.get("role", "source")
    if role not in ROLES:
        raise MappingError(f"{where}: role must be one of {ROLES}, not {role!r}")
    status = data.get("status", {})
    unknown = status.get("unknown", "open")
    if unknown not in STATUSES:
        raise MappingError(f"{where}: [status] unknown must be one of {STATUSES}")
    fmt = data.get("formats", {})
    exports = tuple(_export(system, export_id, table, f"{where} [exports.{export_id}]")
                    for export_id, table in data["exports"].items())
    return Mapping(
        id=system, name=str(data.get("name", system)), role=role, evidence=str(data.get("evidence", "")),
        formats=Formats(
            date_orders=tuple(fmt.get("date_orders", Formats.date_orders)),
            decimal_separators=tuple(fmt.get("decimal_separators", Formats.decimal_separators)) or (".",),
            thousands_separators=tuple(fmt.get("thousands_separators", Formats.thousands_separators)),
            currency_symbols=tuple(fmt.get("currency_symbols", Formats.currency_symbols)),
            encodings=tuple(fmt.get("encodings", ()))),
        status=Status(*(frozenset(" ".join(w.split()).casefold() for w in status.get(s, [])) for s in STATUSES),
                      unknown=unknown, warn_unknown=bool(status.get("warn_unknown", True))),
        no_rate=tuple(data.get("billing", {}).get("no_rate", ())),
        exports=exports,
        fuzzy_cutoff=data.get("fuzzy", {}).get("cutoff"),
        path=str(path))


def _export(system: str, export_id: str, t: dict, where: str) -> Export:
    kind = t.get("kind")
    if kind not in KINDS:
        raise MappingError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
    fields = t.get("fields", {})
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise MappingError(f"{where}: unknown field(s) {sorted(unknown)}; known: {FIELDS}")
    order = tuple(t.get("name_order", NAME_SOURCES))
    if set(order) - set(NAME_SOURCES):
        raise MappingError(f"{where}: name_order may only hold {NAME_SOURCES}")
    splits = []
    for s in t.get("split", []):
        pattern = _regex(s.get("pattern", ""), where)
        bad = set(pattern.groupindex) - set(FIELDS)
        if s.get("field") not in FIELDS or bad:
            raise MappingError(f"{where}: split field/groups must be fields, got {s.get('field')!r} {sorted(bad)}")
        splits.append(Split(s["field"], pattern))
    values = []
    for v in t.get("values", []):
        if (v.get("field") is None) == (v.get("column") is None):
            raise MappingError(f"{where}: a values entry needs exactly one of `field` or `column`")
        values.append(ValuePattern(v.get("field"), v.get("column"), _regex(v.get("pattern", ""), where),
                                   float(v.get("weight", 0.1))))
    return Export(
        id=export_id, system=system, kind=kind, label=str(t.get("label", export_id)),
        evidence=str(t.get("evidence", "")),
        fields=MappingProxyType({f: tuple(fields[f]) for f in FIELDS if f in fields}),
        signatures=tuple(tuple(g) for g in t.get("signatures", ())),
        filenames=tuple(t.get("filenames", ())),
        header_prefix=t.get("header_prefix"),
        headerless=tuple(t["headerless"]) if "headerless" in t else None,
        columns=tuple(t["columns"]) if "columns" in t else None,
        id_pattern=t.get("id_pattern"),
        name_order=order,
        other_columns=tuple(t.get("other_columns", ())),
        splits=tuple(splits), values=tuple(values))


def _regex(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise MappingError(f"{where}: bad regex {pattern!r}: {exc}") from None
