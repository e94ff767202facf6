"""A page session: the files a user dropped, held in memory, and what the last conversion made, so the page's worker
can ask for one page of rows at a time. JSON text in, JSON text out (plus output bytes taken one file at a time).

The worker (web/worker.mjs) makes one `Session` and calls `call(request_json)`; every request is
`{"op": ..., ...}` and every answer is `{"ok": true, ...}` or `{"ok": false, "error": {code, message, ...}}`.

    put       {name}               + bytes through `put(name, data)` (the bytes never pass through JSON)
    forget    {name?}              drop one file, or all
    preview   {files, options}     api.preview -> Outcome dict
    run       {job, files, options}  api.run -> Outcome dict (files: name -> size, sha256); the bytes of each file
                                     through `take(name)`; downloads made too: problems CSV, left-out rows, report
    rows      {file?, start, count, filter, job?}   one page of the last run's source rows with their outcome and
                                     issues (job "entries": the entries file's rows, see below)
    notes     {text | file, matters, date?, timekeeper?, date_order?, round?, increment?}   dictated or typed notes
                                     -> a draft CaseClock entries CSV, kept as a session file (its name in `file`),
                                     and the notes report (per note: each field, its confidence, the words it came
                                     from; the issues)
    targets   {}                     the billing-system targets: label, support, evidence, how-to-import notes
    mapping_toml {columns, name?, source?}    a mapping as TOML text (user_mapping.to_toml)
    mapping_load {text}            column choices from a mapping file
    codes     {}                   the issue-code catalogue

Time entries: `run` with job "entries" takes one entries file (CaseClock's export, or a draft from `notes`) and
options {"entries": {to, matters: <a session file's name>, round, increment, date_format, split_by_timekeeper,
invoice_number, invoice_date, law_firm_id, client_id}, "fixes": [{file, line, column, value}]}. The entries job takes
no fixes, so the page's cell edits are applied by rewriting the entries file (`<stem>-edited.csv`, offered as a
download) and the job runs on that: `caseclock-normalizer entries <stem>-edited.csv ...` gives the same bytes. The
answer adds `review_issues` (checks the job does not make: a vague narrative, and what reading the notes found) and
`matters` (the matter list, for a matter chooser); matter issues carry `candidates` (the Matter IDs they name).
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
# Entry options the page may give (api.export_entries' keywords; `matters` is a session file's name).
ENTRY_OPTIONS = ("to", "matters", "round", "increment", "date_format", "split_by_timekeeper", "excel", "today",
                 "invoice_number", "invoice_date", "law_firm_id", "client_id")
NOTE_OPTIONS = ("date", "timekeeper", "date_order", "round", "increment", "today")
# Matter issues whose message names the matters that could be meant (resolve.listing / describe).
MATTER_CODES = ("matter-ambiguous", "matter-not-found", "matter-is-closed", "matter-typo", "matter-partial",
                "matter-spoken", "matter-normalized", "client-matter-mismatch", "matter-name-not-unique",
                "matter-not-a-reference", "matter-missing")
# What reading the notes found that the entries job does not say again (it re-checks matters, dates and durations).
NOTE_CODES_REPEATED = ("note-vague", "note-matter-ambiguous", "note-matter-not-found", "note-matter-missing",
                       "matter-spoken", "matter-normalized", "matter-partial", "matter-typo")


# A paged table keeps each source row as one string, its cells joined by NUL (a character the reader never keeps in
# a cell): about a sixth of the memory of a tuple of strings, split again only for the 50 rows of a page.
SEP = "\x00"


ISSUES_SHOWN = 1000          # more issues than this: the answer carries a summary per code and EXAMPLES of each
EXAMPLES = 20


def _summarised(report: dict) -> dict:
    """The report the page is sent: a 300,000-row export can carry as many issues, which the page only groups by
    code (each row's own issues come with its page of rows, and the downloads hold them all). Past ISSUES_SHOWN, the
    issues become the first EXAMPLES of each code plus `issue_summary` {code: {count, lines, severity}}; the
    `left_out` list (per-row outcomes, used for paging) is not sent at all."""
    report = {k: v for k, v in report.items() if k != "left_out"}
    issues = report.get("issues") or []
    if len(issues) <= ISSUES_SHOWN:
        return report
    summary: dict[str, dict] = {}
    kept: list[dict] = []
    lines: dict[str, set] = {}
    rank = {"error": 0, "warning": 1, "info": 2}
    for issue in issues:
        code = issue["code"]
        entry = summary.setdefault(code, {"count": 0, "lines": 0, "severity": issue["severity"]})
        entry["count"] += 1
        if rank.get(issue["severity"], 2) < rank.get(entry["severity"], 2):
            entry["severity"] = issue["severity"]
        if issue.get("row") is not None:
            lines.setdefault(code, set()).add((issue.get("file"), issue["row"]))
        if entry["count"] <= EXAMPLES:
            kept.append(issue)
    for code, seen in lines.items():
        summary[code]["lines"] = len(seen)
    report["issues"] = kept
    report["issue_summary"] = summary
    report["issues_total"] = len(issues)
    return report


CHANGED_ENDINGS = ("-rewritten", "-fixed", "-neutralised", "-joined", "-split")


def _page_request(req: dict, tables: dict, nothing: str) -> tuple[str, str, str | None, int, int]:
    """(file, filter, code or None, start, count) of a rows request, checked against the tables held."""
    file = req.get("file") or next(iter(tables), None)
    if file is None or file not in tables:
        raise InputError(nothing, code="options-invalid")
    flt = req.get("filter") or "all"
    code = flt[5:] if flt.startswith("code:") else None
    if code is None and flt not in FILTERS:
        raise InputError(f"unknown filter {flt!r}", code="options-invalid")
    start = max(0, int(req.get("start") or 0))
    count = max(1, min(500, int(req.get("count") or 50)))
    return file, flt, code, start, count


def _row_matches(issues, flt: str, code: str | None, left_out: bool, changed) -> bool:
    """Whether a row passes the review table's filter: a code, or all / problems / errors / warnings / left_out /
    changed (`changed` is asked only for that filter: each job knows its own way)."""
    if code is not None:
        return any(i["code"] == code for i in issues)
    if flt == "left_out":
        return left_out
    if flt == "changed":
        return changed()
    if flt in ("errors", "warnings"):
        return any(i["severity"] == flt[:-1] for i in issues)
    return any(i["severity"] != "info" for i in issues) or left_out


class _View:
    """The rows of a job's source table for paging: (line, cells), the header, each line's issues and outcome."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.headers: dict[str, list[str] | None] = {}
        self.issues: dict[tuple[str, int], list[dict]] = {}
        self.outcome: dict[tuple[str, int], str] = {}
        self.changed: set[tuple[str, int]] = set()


class Session:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.outputs: dict[str, bytes] = {}
        self._rows: dict[str, list[tuple[int, str]]] = {}       # file -> (line, cells joined by SEP)
        self._headers: dict[str, list[str] | None] = {}
        self._issues: dict[tuple[str, int], list[dict]] = {}
        self._outcome: dict[tuple[str, int], str] = {}
        self._job_outputs: dict[str, dict[str, bytes]] = {}    # per job: what its last run made
        self._entries = _View()
        self._drafts: dict[str, dict] = {}       # draft CSV name -> the notes report that made it

    # --------------------------------------------------------------------------------------------- bytes in, out
    def put(self, name: str, data) -> None:
        self.files[name] = bytes(data)

    def take(self, name: str) -> bytes:
        return self.outputs[name]

    def _set_outputs(self, job: str, outputs: dict[str, bytes]) -> None:
        """A run replaces what the same job made before; what another job made stays (the page has two sections)."""
        self._job_outputs[job] = outputs
        merged: dict[str, bytes] = {}
        for made in self._job_outputs.values():
            merged.update(made)
        merged.update(outputs)
        self.outputs = merged

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
        if job == "entries":
            return self._run_entries(req)
        options = dict(req.get("options") or {})
        sources = self._sources(req)
        outcome = api.run(job, sources, options)
        outputs: dict[str, bytes] = {}
        if outcome.ok and outcome.files:
            first = sources[0][0]
            for name, data in outcome.files.items():
                shown = output_name(first) if job == "matters" and len(outcome.files) == 1 else name
                outputs[shown] = data
            outcome.files = dict(outputs)
        if job == "matters" and outcome.ok:
            self._remember(sources, outcome, options)
        stem = output_name(sources[0][0], "report", "")
        outputs[f"{stem}.json"] = report_json(outcome.to_dict(files="meta") | {"files": {}})
        outputs[f"{output_name(sources[0][0], 'problems')}"] = problems_csv(outcome.report.get("issues", []))
        if job == "matters" and outcome.ok:
            outputs[output_name(sources[0][0], "left-out")] = self._left_out_csv(outcome)
        self._set_outputs(job, outputs)
        d = outcome.to_dict(files="meta")
        d["report"] = _summarised(d["report"])
        d["downloads"] = {n: len(b) for n, b in outputs.items()}
        d["tables"] = {f: {"rows": len(rows), "columns": self._headers.get(f)} for f, rows in self._rows.items()}
        return d

    def _op_rows(self, req: dict) -> dict:
        if req.get("job") == "entries":
            return self._entries_rows(req)
        file, flt, code, start, count = _page_request(req, self._rows, "there is no converted table to show yet")
        rows = self._rows[file]
        picked = rows if flt == "all" else [r for r in rows if self._keep(file, r[0], flt, code)]
        page = [{"line": line, "cells": cells.split(SEP), "outcome": self._outcome.get((file, line), "written"),
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
            self._rows[file] = [(r.line, SEP.join(r.cells)) for r in table.iter_rows()]   # one str a row (memory)
        for issue in outcome.report.get("issues", []):
            if issue.get("row") is not None and issue.get("file") in self._rows:
                self._issues.setdefault((issue["file"], issue["row"]), []).append(issue)
        for x in outcome.report.get("left_out", []):
            self._outcome[(x["file"], x["line"])] = x["outcome"]

    def _keep(self, file: str, line: int, flt: str, code: str | None) -> bool:
        issues = self._issues.get((file, line), ())
        return _row_matches(issues, flt, code, (file, line) in self._outcome,
                            lambda: any(i["code"].endswith(CHANGED_ENDINGS) for i in issues))

    def _left_out_csv(self, outcome) -> bytes:
        rows = []
        wanted = {(x["file"], x["line"]) for x in outcome.report.get("left_out", [])}
        by_line = {(f, line): cells.split(SEP) for f, rows_ in self._rows.items() for line, cells in rows_
                   if (f, line) in wanted}
        for x in outcome.report.get("left_out", []):
            cells = by_line.get((x["file"], x["line"]), ())
            reasons = "; ".join(i["message"] for i in self._issues.get((x["file"], x["line"]), ())
                                if i["severity"] != "info")
            rows.append((x["file"], x["line"], x["outcome"], list(cells), reasons))
        header = next(iter(self._headers.values()), None) if len(self._headers) == 1 else None
        return left_out_csv(header, rows)

    # --------------------------------------------------------------------------------------------- time entries
    def _op_targets(self, req: dict) -> dict:
        """Each billing-system target once, in the mapping files' words (what `entries --to X` prints)."""
        from .entries import targets
        out, seen = [], set()
        for spec in targets().values():
            if spec.target in seen:
                continue
            seen.add(spec.target)
            out.append({"id": spec.target, "label": spec.label, "support": spec.support, "evidence": spec.evidence,
                        "notes": list(spec.notes), "system": spec.system, "format": spec.format,
                        "filename": spec.filename, "splittable": spec.splittable, "date_format": spec.date_format,
                        "date_format_option": spec.date_format_option, "round": spec.round,
                        "rate_required": spec.rate_required, "matter_field": spec.matter_field})
        return {"targets": out}

    def _op_notes(self, req: dict) -> dict:
        """Notes -> a draft entries CSV (a session file named after the notes) and the notes report."""
        from .notes import run as notes_run
        if req.get("text") is not None:
            name = req.get("name") or "notes.txt"
            self.files[name] = str(req["text"]).encode("utf-8")
        else:
            name = req.get("file") or ""
            if name not in self.files:
                raise InputError(f"no file named {name or '(none)'} was given", code="options-invalid")
        matters = req.get("matters")
        if not matters or matters not in self.files:
            raise InputError("a matter list is needed to match the notes' matters: choose one first",
                             code="options-invalid")
        options = {k: req[k] for k in NOTE_OPTIONS if req.get(k) not in (None, "")}
        options["matters"] = {"name": matters, "data": self.files[matters]}
        outcome = notes_run({"name": name, "data": self.files[name]}, options)
        if not outcome.ok:
            return outcome.to_dict(files="meta")
        draft = output_name(name, "draft")
        self.files[draft] = outcome.files["notes.csv"]
        self._drafts[draft] = outcome.report
        return {"job": "notes", "file": draft, "size": len(self.files[draft]), "notes_file": name,
                "report": outcome.report, "error": None}

    def _run_entries(self, req: dict) -> dict:
        from .outcome import Outcome
        options = dict(req.get("options") or {})
        unknown = set(options) - {"entries", "fixes"}
        if unknown:
            raise InputError(f"unknown option(s) {', '.join(sorted(unknown))} for time entries; known: entries, fixes",
                             code="options-invalid")
        given = dict(options.get("entries") or {})
        bad = set(given) - set(ENTRY_OPTIONS)
        if bad:
            raise InputError(f"unknown entries option(s) {', '.join(sorted(bad))}; known: {', '.join(ENTRY_OPTIONS)}",
                             code="options-invalid")
        if not given.get("to"):
            raise InputError("choose the billing system to write for (entries.to)", code="options-invalid")
        sources = self._sources(req)
        if len(sources) != 1:
            raise InputError("time entries are exported from one file at a time", code="options-invalid")
        name, data = sources[0]
        matters = given.pop("matters", None)
        matters_data = None
        if matters:
            if matters not in self.files:
                raise InputError(f"no matter list named {matters} was given", code="options-invalid")
            matters_data = self.files[matters]
        fixes = options.get("fixes") or []
        source_name, source_data, lines, edits = name, data, None, []
        if fixes:
            source_name, source_data, lines, edits = self._edited_entries(name, data, fixes)
        try:
            result = api.export_entries(source_data, matters=matters_data, matters_name=matters if matters else None,
                                        name=source_name, **given)
        except Exception as exc:     # noqa: BLE001 — an outcome the page can show, as api.run gives
            outcome = failed("entries", exc)
        else:
            files: dict[str, bytes] = {result.filename: result.data} if result.data else {}
            if result.files and not result.filename.endswith(".zip"):      # a ZIP holds the per-timekeeper files
                files.update((n, b) for n, b in result.files.items() if n not in files)
            outcome = Outcome("entries", files, result.report.to_dict())
        outputs = dict(outcome.files)
        extra = self._remember_entries(name, source_name, source_data, lines, outcome, matters_data, matters, edits)
        stem = output_name(name, "report", "")
        outputs[f"{stem}.json"] = report_json(outcome.to_dict(files="meta") | {"files": {}}
                                              | {"review_issues": extra["review_issues"]})
        outputs[output_name(name, "problems")] = problems_csv(
            list(outcome.report.get("issues", [])) + extra["review_issues"])
        if name in self._drafts:
            outputs[name] = self.files[name]
            notes_file = self._drafts[name].get("file") or name
            outputs[output_name(notes_file, "report", ".json")] = report_json(self._drafts[name])
        if source_name != name:
            outputs[source_name] = source_data
        self._set_outputs("entries", outputs)
        d = outcome.to_dict(files="meta")
        d.update(extra)
        d["source"] = {"file": name, "run_on": source_name, "draft": name in self._drafts}
        d["downloads"] = {n: len(b) for n, b in outputs.items()}
        d["tables"] = {f: {"rows": len(rows), "columns": self._entries.headers.get(f)}
                       for f, rows in self._entries.rows.items()}
        return d

    def _read_entries_table(self, name: str, data: bytes, fixes=()):
        from .entries import COLUMNS, EXTRA
        from .read import read_table
        from .read.options import Fix, ReadOptions
        fixes = tuple(f if isinstance(f, Fix) else Fix.from_dict(f) for f in fixes)
        return read_table(data, name=name, known_headers=[c.lower() for c in COLUMNS + EXTRA],
                          options=ReadOptions(fixes=tuple(f for f in fixes if f.file in (name, "*"))))

    def _edited_entries(self, name: str, data: bytes, fixes) -> tuple[str, bytes, dict[int, int], list[dict]]:
        """The entries file with the page's cell edits, as a CSV (UTF-8, CRLF, every row on the lines it had where
        the cells allow), which line of the original each of its rows is, and each edit as applied or not."""
        import csv
        import io
        table = self._read_entries_table(name, data, fixes)
        rows = list(table.rows)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        if table.header is not None:
            writer.writerow(table.header)
        for row in rows:
            writer.writerow(row.cells)
        edited = buf.getvalue().encode("utf-8")
        edited_name = output_name(name, "edited")
        back = self._read_entries_table(edited_name, edited).rows
        lines = {b.line: r.line for b, r in zip(back, rows)} if len(back) == len(rows) else {}
        edits = [i.to_dict() for i in table.issues if i.code in ("cell-fixed", "fix-not-applied")]
        return edited_name, edited, lines, edits

    def _remember_entries(self, name, source_name, source_data, lines, outcome, matters_data, matters_name,
                          edits) -> dict:
        """The entries file's rows for paging (by the original file's lines, with the edits in their cells), each
        line's issues (matter issues with the candidates they name), and the checks the entries job does not make."""
        view = self._entries = _View()
        table = self._read_entries_table(source_name, source_data)
        lines = lines or {}
        orig = lambda line: lines.get(line, line)  # noqa: E731
        view.headers[name] = list(table.header) if table.header is not None else None
        view.rows[name] = [(orig(r.line), r.cells) for r in table.rows]
        header = view.headers[name] or []
        matter_list = self._matter_choices(matters_data, matters_name)
        refs = [m["ref"] for m in matter_list]
        for issue in outcome.report.get("issues", []):
            if issue.get("row") is None or issue.get("file") != source_name:
                continue
            shown = dict(issue, file=name, row=orig(issue["row"]))
            if issue.get("code") in MATTER_CODES:
                shown["candidates"] = _named(issue.get("message") or "", refs)
            view.issues.setdefault((name, shown["row"]), []).append(shown)
        for (file, line), issues in view.issues.items():
            if any(i["severity"] == "error" for i in issues) or any(i["code"] == "non-billable-left-out"
                                                                      for i in issues):
                view.outcome[(file, line)] = "rejected"
        review = [dict(e, check="edit") for e in edits]
        view.changed = {(name, e["row"]) for e in edits if e["code"] == "cell-fixed"}
        review += self._review_checks(name, view, header)
        for issue in review:
            view.issues.setdefault((name, issue["row"]), []).append(issue)
        return {"review_issues": review, "matters": matter_list}

    def _review_checks(self, name: str, view: _View, header: list[str]) -> list[dict]:
        """What the entries job does not check but a reviewer does: a vague narrative (the notes parser's rule), and
        for a draft made from notes, what reading each note found (by the draft's line)."""
        from .notes.narrative import vague
        out: list[dict] = []
        desc = next((i for i, h in enumerate(header) if h.strip().lower() in ("description", "narrative", "note")),
                    4 if not header else None)
        draft = self._drafts.get(name)
        by_note: dict[int, list[int]] = {}
        if draft:
            for i, entry in enumerate(draft.get("lines", [])):
                by_note.setdefault(entry["line"], []).append(i + 2)       # the draft's header is line 1
        for line, cells in view.rows.get(name, []):
            why = vague(cells[desc]) if desc is not None and desc < len(cells) and cells[desc].strip() else ""
            if why:
                out.append({"severity": "warning", "code": "note-vague", "row": line, "column": "Description",
                            "file": name, "message": f"vague: {why}", "check": "review"})
        if draft:
            for issue in draft.get("issues", []):
                if issue.get("row") is None or issue.get("code") in NOTE_CODES_REPEATED:
                    continue
                for line in by_note.get(issue["row"], []):
                    # the notes report's own issue, moved to the draft's line (its code is the notes job's)
                    out.append(dict(issue, row=line, column=None, file=name, check="notes",
                                    message=f"note line {issue['row']}: {issue['message']}"))
        return out

    def _matter_choices(self, matters_data, matters_name) -> list[dict]:
        if matters_data is None:
            return []
        try:
            matters, _ = api.matter_list(matters_data, matters_name)
        except Exception:     # noqa: BLE001 — the run has already reported an unreadable list
            return []
        return [{"ref": m.ref, "matter_id": m.matter_id, "client_id": m.client_id, "client_name": m.client_name,
                 "matter_name": m.matter_name, "closed": m.closed} for m in matters or []]

    def _entries_rows(self, req: dict) -> dict:
        view = self._entries
        file, flt, code, start, count = _page_request(req, view.rows,
                                                      "there are no converted time entries to show yet")

        def keep(line: int) -> bool:
            return _row_matches(view.issues.get((file, line), ()), flt, code, (file, line) in view.outcome,
                                lambda: (file, line) in view.changed)

        rows = view.rows[file]
        picked = rows if flt == "all" else [r for r in rows if keep(r[0])]
        page = [{"line": line, "cells": list(cells), "outcome": view.outcome.get((file, line), "written"),
                 "issues": view.issues.get((file, line), []), "changed": (file, line) in view.changed}
                for line, cells in picked[start:start + count]]
        return {"job": "entries", "file": file, "columns": view.headers.get(file), "total": len(picked),
                "all": len(rows), "start": start, "rows": page, "filter": flt}


def _named(message: str, refs: list[str]) -> list[str]:
    """The matter references a message names (as `REF (client: matter)`), in the order it names them."""
    found = []
    for ref in refs:
        at = message.find(f"{ref} (")
        if at >= 0 and (at == 0 or not message[at - 1].isalnum()):
            found.append((at, ref))
    return [ref for _, ref in sorted(found)]
