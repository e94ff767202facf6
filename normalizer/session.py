"""A page session: the files a user dropped, held in memory, and what the last conversion made, so the page's worker
can ask for one page of rows at a time. JSON text in, JSON text out (plus output bytes taken one file at a time).

The worker (web/worker.mjs) makes one `Session` and calls `call(request_json)`; every request is
`{"op": ..., ...}` and every answer is `{"ok": true, ...}` or `{"ok": false, "error": {code, message, ...}}`.

    put       {name}               + bytes through `put(name, data)` (the bytes never pass through JSON)
    forget    {name?}              drop one file, or all
    preview   {files, options}     api.preview -> Outcome dict
    run       {job, files, options}  api.run -> Outcome dict (files: name -> size, sha256); the bytes of each file
                                     through `take(name)`; downloads made too: problems CSV, left-out rows, report
    rows      {file?, start, count, filter}   one page of the last run's source rows with their outcome and issues
    mapping_toml {columns, name?, source?}    a mapping as TOML text (user_mapping.to_toml)
    mapping_load {text}            column choices from a mapping file
    codes     {}                   the issue-code catalogue
"""
from __future__ import annotations

import json
from typing import Callable

from . import api, progress
from .codes import catalogue
from .downloads import left_out_csv, output_name, problems_csv, report_json
from .errors import InputError
from .outcome import JobOptions, failed

FILTERS = ("all", "problems", "errors", "warnings", "left_out", "changed")


class Session:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.outputs: dict[str, bytes] = {}
        self._rows: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._headers: dict[str, list[str] | None] = {}
        self._issues: dict[tuple[str, int], list[dict]] = {}
        self._outcome: dict[tuple[str, int], str] = {}

    # --------------------------------------------------------------------------------------------- bytes in, out
    def put(self, name: str, data) -> None:
        self.files[name] = bytes(data)

    def take(self, name: str) -> bytes:
        return self.outputs[name]

    # -------------------------------------------------------------------------------------------------- requests
    def call(self, request: str, on_progress: Callable[[str, str, float], None] | None = None) -> str:
        try:
            req = json.loads(request)
            op = req.get("op")
            handler = getattr(self, f"_op_{op}", None) if isinstance(op, str) else None
            if handler is None:
                raise InputError(f"unknown request {op!r}", code="options-invalid")
            progress.listen(on_progress)
            try:
                answer = handler(req)
            finally:
                progress.listen(None)
        except Exception as exc:     # noqa: BLE001 — the worker must always get an answer it can show
            return json.dumps({"ok": False, "error": failed("session", exc).error}, ensure_ascii=False)
        return json.dumps({"ok": True, **answer}, ensure_ascii=False)

    def _sources(self, req: dict) -> list[tuple[str, bytes]]:
        names = req.get("files") or list(self.files)
        missing = [n for n in names if n not in self.files]
        if missing:
            raise InputError(f"no file named {', '.join(missing)} was given", code="options-invalid")
        return [(n, self.files[n]) for n in names]

    def _op_forget(self, req: dict) -> dict:
        if req.get("name"):
            self.files.pop(req["name"], None)
        else:
            self.files.clear()
        return {}

    def _op_preview(self, req: dict) -> dict:
        return api.preview(self._sources(req), req.get("options")).to_dict(files="meta")

    def _op_run(self, req: dict) -> dict:
        job = req.get("job", "matters")
        options = dict(req.get("options") or {})
        if job == "entries":
            matters = (options.get("entries") or {}).get("matters")
            if isinstance(matters, str) and matters in self.files:      # a dropped list, by name
                options["entries"] = {**options["entries"], "matters": {"name": matters, "data": self.files[matters]}}
        sources = self._sources(req)
        outcome = api.run(job, sources, options)
        self.outputs = {}
        if outcome.ok and outcome.files:
            first = sources[0][0]
            for name, data in outcome.files.items():
                shown = output_name(first) if job == "matters" and len(outcome.files) == 1 else name
                self.outputs[shown] = data
            outcome.files = dict(self.outputs)
        if job == "matters" and outcome.ok:
            self._remember(sources, outcome, options)
        stem = output_name(sources[0][0], "report", "")
        self.outputs[f"{stem}.json"] = report_json(outcome.to_dict(files="meta") | {"files": {}})
        self.outputs[f"{output_name(sources[0][0], 'problems')}"] = problems_csv(outcome.report.get("issues", []))
        if job == "matters" and outcome.ok:
            self.outputs[output_name(sources[0][0], "left-out")] = self._left_out_csv(outcome)
        d = outcome.to_dict(files="meta")
        d["downloads"] = {n: len(b) for n, b in self.outputs.items()}
        d["tables"] = {f: {"rows": len(rows), "columns": self._headers.get(f)} for f, rows in self._rows.items()}
        return d

    def _op_rows(self, req: dict) -> dict:
        file = req.get("file") or next(iter(self._rows), None)
        if file is None or file not in self._rows:
            raise InputError("there is no converted table to show yet", code="options-invalid")
        flt = req.get("filter") or "all"
        code = flt[5:] if flt.startswith("code:") else None
        if code is None and flt not in FILTERS:
            raise InputError(f"unknown filter {flt!r}", code="options-invalid")
        rows = self._rows[file]
        picked = rows if flt == "all" else [r for r in rows if self._keep(file, r[0], flt, code)]
        start = max(0, int(req.get("start") or 0))
        count = max(1, min(500, int(req.get("count") or 50)))
        page = [{"line": line, "cells": list(cells), "outcome": self._outcome.get((file, line), "written"),
                 "issues": self._issues.get((file, line), [])} for line, cells in picked[start:start + count]]
        return {"file": file, "columns": self._headers.get(file), "total": len(picked), "all": len(rows),
                "start": start, "rows": page, "filter": flt}

    def _op_mapping_toml(self, req: dict) -> dict:
        from .user_mapping import to_toml
        return {"text": to_toml(req.get("columns") or {}, name=req.get("name") or "Our firm's export",
                                source=req.get("source") or "")}

    def _op_mapping_load(self, req: dict) -> dict:
        from .user_mapping import from_toml
        return {"columns": from_toml(req.get("text") or "", name=req.get("name") or "mapping.toml")}

    def _op_codes(self, req: dict) -> dict:
        return {"codes": catalogue()}

    # --------------------------------------------------------------------------------------------- review rows
    def _remember(self, sources, outcome, options: dict) -> None:
        """The source rows of the tables the job converted, for paging, with each row's outcome and issues."""
        from .mappings import known_headers, load_mappings
        from .read import read_table
        from .read.options import for_file

        self._rows, self._headers, self._issues, self._outcome = {}, {}, {}, {}
        opts = JobOptions.from_dict(options)
        data = dict(sources)
        members: dict[str, bytes] = {}
        for name, blob in sources:
            from .read import open_members
            for m in open_members(blob, name=name):
                members[m.name] = m.data
        vocabulary = known_headers(load_mappings())
        for det in outcome.detections:
            if det.get("role") not in ("matters", "combined"):
                continue
            file = det["file"]
            blob = members.get(file, data.get(file))
            if blob is None:
                continue
            read_opts = for_file(opts.read, opts.fixes, file, file.rsplit("/", 1)[-1],
                                 next((n for n in data if file.startswith(n + "/")), file))
            sheet = (det.get("facts", {}).get("sheet") or {}).get("value")
            table = read_table(blob, name=file, sheet=sheet, known_headers=vocabulary, options=read_opts)
            self._headers[file] = list(table.header) if table.header is not None else None
            self._rows[file] = [(r.line, r.cells) for r in table.iter_rows()]
        for issue in outcome.report.get("issues", []):
            if issue.get("row") is not None and issue.get("file") in self._rows:
                self._issues.setdefault((issue["file"], issue["row"]), []).append(issue)
        for x in outcome.report.get("left_out", []):
            self._outcome[(x["file"], x["line"])] = x["outcome"]

    def _keep(self, file: str, line: int, flt: str, code: str | None) -> bool:
        issues = self._issues.get((file, line), ())
        if code is not None:
            return any(i["code"] == code for i in issues)
        if flt == "left_out":
            return (file, line) in self._outcome
        if flt == "errors":
            return any(i["severity"] == "error" for i in issues)
        if flt == "warnings":
            return any(i["severity"] == "warning" for i in issues)
        if flt == "changed":
            return any(i["code"].endswith(("-rewritten", "-fixed", "-neutralised", "-joined", "-split"))
                       or i["code"] == "formula-neutralised" for i in issues)
        return any(i["severity"] != "info" for i in issues) or (file, line) in self._outcome

    def _left_out_csv(self, outcome) -> bytes:
        rows = []
        by_line = {f: dict(rows_) for f, rows_ in self._rows.items()}
        for x in outcome.report.get("left_out", []):
            cells = by_line.get(x["file"], {}).get(x["line"], ())
            reasons = "; ".join(i["message"] for i in self._issues.get((x["file"], x["line"]), ())
                                if i["severity"] != "info")
            rows.append((x["file"], x["line"], x["outcome"], list(cells), reasons))
        header = next(iter(self._headers.values()), None) if len(self._headers) == 1 else None
        return left_out_csv(header, rows)
