"""One shape for what every job gives back, and one reader for the options every face passes in.

    Outcome = {job, files: {name: bytes}, report: {counts, issues, ...}, detections: [per table],
               mapping: {file: [per column: field, reason, confidence]}, error: None | {file, line, column, code,
               message}}

The options are the detection's own keys, given instead of detected (see `JobOptions`). Both are plain data: the CLI,
the page's worker and Python callers build and read the same dicts, so one file with the same options and fixes gives
the same bytes whichever way it is converted.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import InputError
from .read.options import Fix

JOBS = ("preview", "matters", "check", "entries")


@dataclass
class Outcome:
    job: str
    files: dict[str, bytes] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    detections: list[dict] = field(default_factory=list)
    mapping: dict[str, list[dict]] = field(default_factory=dict)
    error: dict | None = None
    extra: dict[str, Any] = field(default_factory=dict)     # job-specific data (the preview's rows, the fields)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self, *, files: str = "base64") -> dict:
        """JSON-serialisable. `files`: "base64" (the bytes inside), or "meta" (name -> size and sha256 only: the
        worker hands the bytes over separately, without copying them into JSON)."""
        if files == "base64":
            shown = {n: base64.b64encode(b).decode("ascii") for n, b in self.files.items()}
        else:
            shown = {n: {"size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in self.files.items()}
        return {"job": self.job, "ok": self.ok, "files": shown, "report": self.report, "detections": self.detections,
                "mapping": self.mapping, "error": self.error, **self.extra}

    def to_json(self, *, files: str = "base64") -> str:
        return json.dumps(self.to_dict(files=files), ensure_ascii=False)


def failed(job: str, exc: BaseException, report: dict | None = None) -> Outcome:
    """The outcome when nothing could be produced, in the same shape; never a traceback for the user."""
    if isinstance(exc, InputError):
        error = exc.to_dict()
    elif isinstance(exc, ValueError):
        error = {"file": None, "line": None, "column": None, "code": "options-invalid", "message": str(exc)}
    else:
        error = {"file": None, "line": None, "column": None, "code": "internal-error",
                 "message": f"an unexpected error stopped the conversion ({type(exc).__name__}: {exc}); please "
                            "report it with the file's layout (not its contents)"}
    return Outcome(job, report=report or {"issues": []}, error=error)


@dataclass(frozen=True)
class JobOptions:
    """Everything a user may state. Per-file keys take the file's (or ZIP member's) name, "*" for every file.

    system          "auto" or a system id          include_closed  keep closed matters
    jurisdiction    Jurisdiction for rows without one   excel       start CSVs with a BOM
    read            {file: {encoding, delimiter, quotechar, header_row, sheet}}
    mapping         {file: {source column: field or "ignore"}}
    mapping_file    a saved mapping's TOML text (user_mapping.to_toml), applied where its columns are
    fixes           [{file, line, column, value}]: cell edits applied before cleaning
    entries         the entries job's own options (to, matters, round, increment, ... see api.export_entries)
    """
    system: str = "auto"
    include_closed: bool = False
    jurisdiction: str | None = None
    excel: bool = False
    read: Mapping[str, Mapping] = field(default_factory=dict)
    mapping: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    mapping_file: str | None = None
    fixes: tuple[Fix, ...] = ()
    entries: Mapping[str, Any] = field(default_factory=dict)

    KEYS = ("system", "include_closed", "jurisdiction", "excel", "read", "mapping", "mapping_file", "fixes", "entries")

    @classmethod
    def from_dict(cls, d: Mapping | None) -> "JobOptions":
        d = dict(d or {})
        unknown = set(d) - set(cls.KEYS)
        if unknown:
            raise InputError(f"unknown option(s) {', '.join(sorted(unknown))}; known: {', '.join(cls.KEYS)}",
                             code="options-invalid")
        for key in ("read", "mapping", "entries"):
            if not isinstance(d.get(key, {}) or {}, Mapping):
                raise InputError(f"option {key!r} must be an object keyed by file name", code="options-invalid")
        fixes = d.get("fixes") or ()
        if not isinstance(fixes, (list, tuple)):
            raise InputError("option 'fixes' must be a list of {file, line, column, value}", code="options-invalid")
        return cls(system=str(d.get("system") or "auto"), include_closed=bool(d.get("include_closed")),
                   jurisdiction=d.get("jurisdiction") or None, excel=bool(d.get("excel")),
                   read=dict(d.get("read") or {}), mapping=dict(d.get("mapping") or {}),
                   mapping_file=d.get("mapping_file") or None,
                   fixes=tuple(f if isinstance(f, Fix) else Fix.from_dict(f) for f in fixes),
                   entries=dict(d.get("entries") or {}))

    def given(self):
        """The matters job's `Given` (what the user stated instead of detection)."""
        from .matters import Given
        from .user_mapping import from_toml
        saved = from_toml(self.mapping_file) if self.mapping_file else {}
        return Given(read=self.read, columns=self.mapping, fixes=self.fixes, saved=saved)
