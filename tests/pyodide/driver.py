"""Runs one list of jobs against the `normalizer` library and returns JSON-able results.

The very same file runs twice: in CPython inside the pytest process, and in Pyodide inside Node (tests/pyodide/run.mjs
copies it into Pyodide's file system). tests/test_pyodide.py then compares the two results job by job.

A job is {"id", "kind", "path", "name", "options"?}; kind is "sniff" or "normalize_matters" (options: its keyword
arguments). Each result is {"id", "kind", "result": <compared>, "debug": <not compared: timings, traceback>}.
Standard library only.
"""
from __future__ import annotations

import base64
import importlib
import json
import pkgutil
import sys
import time
import traceback

# Extras the browser build does not ship (normalizer/frame.py needs pandas): a missing one is not a failure.
OPTIONAL = {"pandas", "numpy"}


def environment() -> dict:
    import chardet
    import openpyxl
    import normalizer
    return {"python": sys.version.split()[0], "platform": sys.platform, "chardet": chardet.__version__,
            "openpyxl": openpyxl.__version__, "normalizer": list(normalizer.__path__)}


def import_all() -> dict:
    """Import every module of the package: name -> "ok" | "optional: <missing module>" | "error: ..."."""
    import normalizer
    out = {}
    for info in sorted(pkgutil.walk_packages(normalizer.__path__, "normalizer."), key=lambda m: m.name):
        if info.name.rsplit(".", 1)[-1] == "__main__":  # importing it would run the command line
            continue
        try:
            importlib.import_module(info.name)
            out[info.name] = "ok"
        except ModuleNotFoundError as err:
            if (err.name or "").split(".")[0] in OPTIONAL:
                out[info.name] = f"optional: {err.name}"
            else:
                out[info.name] = f"error: {type(err).__name__}: {err}"
        except BaseException as err:  # noqa: BLE001 - reported, not hidden (SystemExit included)
            out[info.name] = f"error: {type(err).__name__}: {err}\n{traceback.format_exc()}"
    return out


def _jsonable(value):
    """Round-trip through JSON so both sides compare the same thing (and a non-JSON-able value is caught here)."""
    return json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _sniff(api, data: bytes, job: dict):
    return {"ok": _jsonable(api.sniff(data, name=job["name"]))}


def _normalize_matters(api, data: bytes, job: dict):
    result = api.normalize_matters([data], names=[job["name"]], **job.get("options", {}))
    files = getattr(result, "files", None)
    return {"ok": {
        "data": _b64(result.data),
        "filename": getattr(result, "filename", None),
        "report": _jsonable(result.report.to_dict()),
        "files": None if files is None else {k: _b64(v) for k, v in sorted(files.items())},
    }}


def _session(api, data: bytes, job: dict):
    """The page's path: a Session given the file, asked for a preview, then a run with the job's options
    (overrides, a column choice, a cell fix); the output bytes and the outcome are compared."""
    from normalizer.session import Session
    session = Session()
    session.put(job["name"], data)
    preview = json.loads(session.call(json.dumps({"op": "preview"})))
    run = json.loads(session.call(json.dumps({"op": "run", "job": "matters", "options": job.get("options", {})})))
    page = json.loads(session.call(json.dumps({"op": "rows", "start": 0, "count": 5}))) if run.get("ok") else None
    return {"ok": {"preview": _jsonable(preview), "run": _jsonable(run), "rows": _jsonable(page),
                   "outputs": {k: _b64(v) for k, v in sorted(session.outputs.items())}}}


def _notes(api, data: bytes, job: dict):
    """The notes parser over a notes file (one note a line), the draft and its issue codes compared; the time per
    note is in debug (not compared) for the notes-a-second figure."""
    from normalizer.notes import parse_notes
    options = dict(job.get("options", {}))
    matters = base64.b64decode(options.pop("matters_b64"))
    start = time.perf_counter()
    draft, report = parse_notes(data, matters=matters, matters_name="matters.csv", **options)
    seconds = time.perf_counter() - start
    notes = sum(1 for line in data.decode("utf-8").splitlines() if line.strip())
    return {"ok": {"draft": _b64(draft), "codes": sorted(i.code for i in report.issues), "notes": notes},
            "_seconds": seconds}


JOBS = {"sniff": _sniff, "normalize_matters": _normalize_matters, "session": _session, "notes": _notes}


def run_job(api, job: dict) -> dict:
    start = time.perf_counter()
    debug = {}
    func = getattr(api, job["kind"], None) if job["kind"] not in ("session", "notes") else api
    if func is None:
        result = {"missing": f"normalizer.api.{job['kind']}"}
    else:
        with open(job["path"], "rb") as fh:
            data = fh.read()
        try:
            result = JOBS[job["kind"]](api, data, job)
            if "_seconds" in result:
                debug["job_seconds"] = round(result.pop("_seconds"), 4)
        except Exception as err:  # noqa: BLE001 - both interpreters must fail the same way
            result = {"error": type(err).__name__, "message": str(err)}
            debug["traceback"] = traceback.format_exc()
    debug["seconds"] = round(time.perf_counter() - start, 4)
    return {"id": job["id"], "kind": job["kind"], "result": result, "debug": debug}


def run_manifest(manifest_json: str) -> str:
    """Entry point for both sides: JSON manifest in, JSON results out."""
    manifest = json.loads(manifest_json)
    timings = {}
    start = time.perf_counter()
    imports = import_all()
    timings["import_all"] = round(time.perf_counter() - start, 4)
    try:
        api = importlib.import_module("normalizer.api")
    except Exception as err:  # noqa: BLE001
        api = None
        imports["normalizer.api"] = f"error: {type(err).__name__}: {err}"
    start = time.perf_counter()
    jobs = [run_job(api, job) for job in manifest["jobs"]] if api is not None else []
    timings["jobs"] = round(time.perf_counter() - start, 4)
    return json.dumps({"environment": environment(), "imports": imports, "jobs": jobs, "timings": timings})
