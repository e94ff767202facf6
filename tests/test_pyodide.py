"""The library runs unchanged under Pyodide, and gives the same answers there as in CPython.

One Node process (tests/pyodide/run.mjs) boots the pinned Pyodide from node_modules, installs the three pinned wheels
from build/wheels (unpackArchive, no micropip, no network), unpacks the library exactly as build.py packs it for the
site, and runs tests/pyodide/driver.py over every input: the samples under tests/data/ plus a few generated here.
The same driver runs in this process (CPython) and the two JSON results are compared job by job.

Inputs also include the non-UTF-8 files of the shared csvsniffer corpus (../shared/corpora, when present: cp1252,
windows-1251, UTF-16, Shift-JIS); CASECLOCK_PYODIDE_CORPUS=full sniffs all 341 corpus files (slow: about a minute).

Skips when node or node_modules/pyodide is missing, unless CI is set: then that is a failure.
"""
from __future__ import annotations

import base64
import difflib
import importlib.util
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "pyodide"
DATA = ROOT / "tests" / "data"
INPUT_SUFFIXES = {".csv", ".xlsx", ".zip", ".txt"}
NODE_TIMEOUT = 600
CORPUS = ROOT.parent / "shared" / "corpora"
# The corpus files whose annotated encoding is neither UTF-8 nor ASCII (all small): where chardet, the codecs and
# the Unicode database (3.11 has Unicode 14, Pyodide's 3.14 has 16) could make the two interpreters disagree.
CORPUS_NON_UTF8 = [f"csvsniffer/csv_wrangling/{name}" for name in (
    "dbpj_female_fbg.csv", "Speaking_Tool.csv", "shops.csv", "cliente.csv", "ABCAUS2011.csv", "Blizak_2010.csv",
    "supplements.csv", "artists.csv", "sjis.csv", "csv_template.csv", "data.csv", "alfa_example.csv",
    "load_fund_structure_data.csv", "2_18-05-2011-17-21-59_0.csv")]


def _load(name: str, path: Path):
    """Import a file by path (the name `build` would clash with the build/ directory and PyPI's `build`)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = _load("caseclock_build", ROOT / "build.py")
driver = _load("caseclock_pyodide_driver", HERE / "driver.py")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_pyodide() -> str | None:
    if shutil.which("node") is None:
        return "node is not on PATH"
    if not (build.PYODIDE_DIR / "pyodide.mjs").is_file():
        return "node_modules/pyodide is missing (run `python3 build.py setup` or `npm ci`)"
    return None


def require_pyodide() -> None:
    reason = missing_pyodide()
    if reason:
        if in_ci():
            pytest.fail(f"Pyodide is required under CI: {reason}")
        pytest.skip(f"Pyodide not available: {reason}")


# --------------------------------------------------------------------------------------------------------- inputs

def generated_inputs(directory: Path) -> list[Path]:
    """Small inputs whose encodings and shapes the samples may not cover."""
    rows = [["Client", "Matter", "Status", "Rate"],
            ["Lévesque, Hélène", "Dépôt légal – 2024", "Open", "1 250,00 €"],
            ["Müller & Söhne GmbH", "Kaufvertrag «Nord»", "Closed", "350"],
            ["Ærø Ånd", "Naïve café", "Pending", "$1,250.00"]]
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\r\n"
    files = {
        "gen-cp1252.csv": text.encode("cp1252"),
        "gen-utf16.csv": text.replace(",", "\t").encode("utf-16"),  # with BOM, tab-separated as Excel saves it
        "gen-semicolon.csv": "\n".join(";".join(r) for r in rows).encode("utf-8-sig") + b"\n",
        "gen-utf8-preamble.txt": ("Matter list\nPrinted 2024-03-01\n\n" + text + "\nTotal: 3 matters\n").encode(),
    }
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Matters"
    ws.append(["Exported from PracticeSystem"])
    for r in rows:
        ws.append(r)
    ws.append(["Total", None, None, 1600.5])
    buf = io.BytesIO()
    wb.save(buf)
    files["gen-openpyxl.xlsx"] = buf.getvalue()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("export/matters.csv", text)
    files["gen-export.zip"] = buf.getvalue()
    paths = []
    for name, data in files.items():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


NOT_INPUT = {"expected.csv", "args.txt"}   # tests/data/README.md: everything else with an input suffix is an input


def sample_inputs() -> list[Path]:
    return sorted(p for p in DATA.rglob("*")
                  if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and p.name not in NOT_INPUT)


def corpus_inputs() -> list[Path]:
    if os.environ.get("CASECLOCK_PYODIDE_CORPUS") == "full":
        return sorted(p for p in (CORPUS / "csvsniffer").rglob("*")
                      if p.is_file() and p.suffix.lower() in {".csv", ".tsv", ".txt"} and "annotations" not in p.parts)
    return [CORPUS / name for name in CORPUS_NON_UTF8 if (CORPUS / name).is_file()]


def matters_case(path: Path) -> Path | None:
    """The case folder (tests/data/matters/**/ with an expected.csv) that `path` is an input of, if any."""
    if path.is_relative_to(DATA / "matters") and (path.parent / "expected.csv").is_file():
        return path.parent
    return None


def matters_options(folder: Path) -> dict:
    """The case's args.txt (CLI options) as normalize_matters keyword arguments."""
    args_file = folder / "args.txt"
    args = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.is_file() else []
    flags = {"--jurisdiction": "jurisdiction", "--from": "system"}
    switches = {"--include-closed": "include_closed", "--excel": "excel"}
    options, i = {}, 0
    while i < len(args):
        if args[i] in flags:
            options[flags[args[i]]], i = args[i + 1], i + 2
        elif args[i] in switches:
            options[switches[args[i]]], i = True, i + 1
        else:
            raise AssertionError(f"{args_file}: option {args[i]!r} not understood by this test")
    return options


def label(path: Path) -> str:
    for base in (DATA, CORPUS):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.name


NOTES = Path(__file__).parent / "data" / "notes"


def notes_job(directory: Path) -> dict:
    """Every note of the spec file (the cases with the default options), as one notes file."""
    import base64
    import tomllib
    spec = tomllib.loads((NOTES / "spec.toml").read_text(encoding="utf-8"))
    lines = [c["note"] for c in spec["case"] if not c.get("options")]
    path = directory / "notes.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    defaults = spec["defaults"]
    return {"id": "notes spec", "kind": "notes", "path": str(path), "name": "notes.txt",
            "options": {"date": defaults["date"], "today": defaults["today"],
                        "matters_b64": base64.b64encode((NOTES / defaults["matters"]).read_bytes()).decode()}}


def make_jobs(generated: list[Path]) -> list[dict]:
    jobs = [notes_job(generated[0].parent)] if generated else []
    for path in sample_inputs() + generated + corpus_inputs():
        jobs.append({"id": f"sniff {label(path)}", "kind": "sniff", "path": str(path), "name": path.name})
        case = matters_case(path)
        if case or path in generated:
            jobs.append({"id": f"normalize_matters {label(path)}", "kind": "normalize_matters", "path": str(path),
                         "name": path.name, "options": matters_options(case) if case else {},
                         "expected": str(case / "expected.csv") if case else None})
        if case:
            jobs.append({"id": f"session {label(path)}", "kind": "session", "path": str(path), "name": path.name,
                         "options": session_options(path, case)})
    return jobs


def session_options(path: Path, case: Path) -> dict:
    """What a page user typically states: the case's options, the header row confirmed, and a cell fixed."""
    options = matters_options(case)
    if path.suffix.lower() == ".csv":
        from normalizer import api
        facts = api.preview([path]).detections[0]["facts"]
        options["read"] = {"*": {"encoding": facts["encoding"]["value"], "header_row": facts["header_row"]["value"]}}
        first = api.preview([path]).detections[0]["preview"][0]
        options["fixes"] = [{"file": path.name, "line": first["line"], "column": 2, "value": "Fixed <b>name</b>"}]
    return options


# --------------------------------------------------------------------------------------------------------- runs

@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both interpreters over the same jobs: {"jobs", "cpython", "pyodide", "node_seconds", "cpython_seconds"}."""
    require_pyodide()
    work = tmp_path_factory.mktemp("pyodide")
    jobs = make_jobs(generated_inputs(work))
    library = work / build.LIBRARY_ZIP
    packed = build.library_zip_bytes()
    library.write_bytes(packed)
    manifest = {"indexURL": str(build.PYODIDE_DIR) + "/", "wheels": [str(p) for p in build.fetch_wheels()],
                "library": str(library), "driver": str(HERE / "driver.py"), "jobs": jobs}
    (work / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    start = time.perf_counter()
    try:
        proc = subprocess.run(["node", str(HERE / "run.mjs"), str(work / "manifest.json"), str(work / "out.json")],
                              capture_output=True, text=True, timeout=NODE_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Pyodide did not finish {len(jobs)} jobs in {NODE_TIMEOUT} s (a quadratic step in the library?)")
    node_seconds = time.perf_counter() - start
    out_path = work / "out.json"
    if not out_path.exists():
        pytest.fail(f"run.mjs wrote no result (exit {proc.returncode})\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    pyodide = json.loads(out_path.read_text(encoding="utf-8"))
    if not pyodide.get("ok"):
        pytest.fail(f"Pyodide run failed: {pyodide.get('error')}\nstderr:\n{proc.stderr[-4000:]}")

    start = time.perf_counter()
    cpython = json.loads(driver.run_manifest(json.dumps(manifest)))
    cpython_seconds = time.perf_counter() - start
    if build.library_zip_bytes() != packed:
        pytest.fail("the library's sources changed while this test ran, so CPython and Pyodide ran different code; "
                    "run it again")
    return {"jobs": jobs, "cpython": cpython, "pyodide": pyodide, "node_seconds": node_seconds,
            "cpython_seconds": cpython_seconds, "stderr": proc.stderr}


def by_id(run: dict) -> dict:
    return {job["id"]: job for job in run["jobs"]}


def compare(runs: dict, kind: str) -> list[str]:
    """One message per job whose result differs between CPython and Pyodide."""
    cp, py = by_id(runs["cpython"]), by_id(runs["pyodide"])
    assert cp.keys() == py.keys()
    problems = []
    for job_id, job in cp.items():
        if job["kind"] != kind or job["result"] == py[job_id]["result"]:
            continue
        a = json.dumps(job["result"], indent=1, sort_keys=True, ensure_ascii=False).splitlines()
        b = json.dumps(py[job_id]["result"], indent=1, sort_keys=True, ensure_ascii=False).splitlines()
        diff = "\n".join(list(difflib.unified_diff(a, b, "cpython", "pyodide", lineterm="", n=1))[:40])
        problems.append(f"{job_id}:\n{diff}\n{py[job_id]['debug'].get('traceback', '')}")
    return problems


def api_has(name: str) -> bool:
    try:
        api = importlib.import_module("normalizer.api")
    except ImportError:
        return False
    return hasattr(api, name)


# --------------------------------------------------------------------------------------------------------- tests

def test_library_zip_is_deterministic_and_carries_the_mappings():
    first, second = build.library_zip_bytes(), build.library_zip_bytes()
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "normalizer/__init__.py" in names and "normalizer/api.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    mappings = sorted(p.name for p in (ROOT / "mappings").glob("*.toml"))
    assert sorted(n.removeprefix("normalizer/_mappings/") for n in names if "/_mappings/" in n) == mappings


def golden_matches(runs: dict) -> tuple[int, int]:
    """(how many, out of how many) matters samples Pyodide converts byte for byte to their expected.csv."""
    cases = [(job, by_id(runs["pyodide"])[job["id"]]["result"]) for job in runs["jobs"] if job.get("expected")]
    same = sum(1 for job, res in cases
               if "ok" in res and base64.b64decode(res["ok"]["data"]) == Path(job["expected"]).read_bytes())
    return same, len(cases)


def test_build_web_lays_out_a_self_contained_site(tmp_path):
    require_pyodide()
    site = build.build_site(tmp_path / "site")
    assets = json.loads((site / "assets.json").read_text(encoding="utf-8"))
    assert assets["pyodide"] == build.PYODIDE_VERSION
    for name in assets["files"]:
        assert (site / name).is_file(), name
    for name in build.PYODIDE_FILES:
        assert (site / "pyodide" / name).read_bytes() == (build.PYODIDE_DIR / name).read_bytes()
    for wheel, (_, sha) in build.WHEELS.items():
        assert build.sha256_of(site / "wheels" / wheel) == sha
    assert (site / build.LIBRARY_ZIP).read_bytes() == build.library_zip_bytes()
    cdn = [f"{p.relative_to(site)}: {host}" for p in site.rglob("*") if p.suffix in {".html", ".js", ".mjs", ".css"}
           and p.parent.name != "pyodide" for host in ("jsdelivr", "unpkg", "cdnjs", "googleapis")
           if host in p.read_text(encoding="utf-8", errors="replace")]
    assert not cdn, f"the site's own files name a CDN: {cdn}"


def test_pyodide_boots_offline_and_imports_every_module(runs, capsys):
    py, cp = runs["pyodide"], runs["cpython"]
    t = py["timings_ms"]
    same, cases = golden_matches(runs)
    with capsys.disabled():
        print(f"\n[pyodide] {py['environment']['python']} on {py['environment']['platform']}: "
              f"boot {t['boot']} ms, wheels {t['install_wheels']} ms, library+inputs {t['install_library']} ms, "
              f"import {t['import']} ms, run {t['run']} ms ({len(py['jobs'])} jobs, "
              f"jobs alone {py['timings']['jobs'] * 1000:.0f} ms), total {t['total']} ms; "
              f"node process {runs['node_seconds']:.2f} s; "
              f"CPython {cp['environment']['python']} same jobs {cp['timings']['jobs'] * 1000:.0f} ms; "
              f"{same}/{cases} matters samples give their expected.csv in Pyodide")
    assert py["network"] == [], f"Pyodide tried the network: {py['network']}"
    assert py["environment"]["chardet"] == "7.7.0" and py["environment"]["openpyxl"] == "3.1.5"
    assert py["environment"]["normalizer"][0].endswith("site-packages/normalizer")  # the packed zip, not the repo
    failed = {m: s for m, s in py["imports"].items() if s.startswith("error")}
    assert not failed, "modules that do not import under Pyodide:\n" + "\n".join(f"{m}: {s}" for m, s in failed.items())
    assert py["imports"].keys() == cp["imports"].keys()


def test_sniff_gives_the_same_answer_in_cpython_and_pyodide(runs):
    if not api_has("sniff"):
        pytest.skip("normalizer.api.sniff does not exist yet")
    problems = compare(runs, "sniff")
    assert not problems, f"{len(problems)} input(s) sniff differently in Pyodide:\n\n" + "\n\n".join(problems)


def test_normalize_matters_gives_the_same_bytes_and_report_in_cpython_and_pyodide(runs):
    if not api_has("normalize_matters"):
        pytest.skip("normalizer.api.normalize_matters does not exist yet")
    problems = compare(runs, "normalize_matters")
    assert not problems, f"{len(problems)} input(s) normalize differently in Pyodide:\n\n" + "\n\n".join(problems)


def test_the_page_session_gives_the_same_bytes_in_cpython_and_pyodide(runs):
    """The page's worker path (Session: preview, run with overrides and a fix, one page of rows) is the same in
    the browser's Python as in CPython, and each sample really was converted in both."""
    problems = compare(runs, "session")
    assert not problems, "\n\n".join(problems)
    sessions = [j for j in runs["pyodide"]["jobs"] if j["kind"] == "session"]
    assert len(sessions) >= 8
    for job in sessions:
        result = job["result"]["ok"]
        assert result["run"]["ok"], (job["id"], result["run"].get("error"))
        assert any(name.endswith("-caseclock.csv") for name in result["outputs"]), job["id"]


def test_notes_parse_the_same_in_pyodide_and_say_how_fast(runs, capsys):
    """The notes parser gives the same drafts and issues in the browser's Python; notes a second on both sides."""
    problems = compare(runs, "notes")
    assert not problems, "\n\n".join(problems)
    py = by_id(runs["pyodide"])["notes spec"]
    cp = by_id(runs["cpython"])["notes spec"]
    notes = py["result"]["ok"]["notes"]
    assert notes >= 150
    with capsys.disabled():
        print(f"\n[notes] {notes} notes: CPython {notes / cp['debug']['job_seconds']:,.0f} notes/s, Pyodide "
              f"{notes / py['debug']['job_seconds']:,.0f} notes/s (under Node)")


def test_generated_inputs_are_read_without_crashing_in_pyodide(runs):
    """Parity alone would pass if both sides crashed alike: well-formed inputs must sniff cleanly."""
    if not api_has("sniff"):
        pytest.skip("normalizer.api.sniff does not exist yet")
    crashed = {job["id"]: job["debug"].get("traceback") or job["result"]
               for job in runs["pyodide"]["jobs"]
               if job["kind"] == "sniff" and job["id"].startswith("sniff gen-") and not job["id"].endswith(".zip")
               and "ok" not in job["result"]}
    assert not crashed, "\n\n".join(f"{k}:\n{v}" for k, v in crashed.items())
