#!/usr/bin/env python3
"""Build helper for the CaseClock CSV Normalizer (standard library only, Python >= 3.11).

    python3 build.py setup            .venv + `pip install -e '.[test]'` + npm ci (quick when already done)
    python3 build.py web              build the static site into build/site/
    python3 build.py serve [--port N] build, then serve build/site on 127.0.0.1 with the CSP header

Everything the site needs comes from the npm package `pyodide` (pinned in package-lock.json) and three pure-Python
wheels pinned by sha256 below. Nothing is ever loaded from a CDN.

Site layout:
    build/site/pyodide/      pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json
    build/site/wheels/       the WHEELS below, in install order (et-xmlfile before openpyxl)
    build/site/normalizer.zip  the library: normalizer/** plus mappings/*.toml as normalizer/_mappings/*.toml.
                             Unpack into site-packages: pyodide.unpackArchive(u8, "zip", {extractDir: <purelib>})
    build/site/assets.json   versions, wheel names, library sha256, the full file list (for a worker / service worker)
    build/site/...           web/* as is
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BUILD = ROOT / "build"
SITE = BUILD / "site"
WHEEL_CACHE = BUILD / "wheels"
NODE_MODULES = ROOT / "node_modules"
PYODIDE_DIR = NODE_MODULES / "pyodide"
VENV = ROOT / ".venv"

PYODIDE_VERSION = "314.0.7"
PYODIDE_PYTHON = "3.14"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

# Pure-Python wheels for Pyodide, in install order: file name -> (requirement, sha256 as published on PyPI).
WHEELS = {
    "et_xmlfile-2.0.0-py3-none-any.whl":
        ("et-xmlfile==2.0.0", "7a91720bc756843502c3b7504c77b8fe44217c85c537d85037f0f536151b2caa"),
    "openpyxl-3.1.5-py2.py3-none-any.whl":
        ("openpyxl==3.1.5", "5282c12b107bffeef825f4617dc029afaf41d0ea60823bbb665ef3079dc79de2"),
    "chardet-7.7.0-py3-none-any.whl":
        ("chardet==7.7.0", "11cf9b719ea3675a2a7d8a3071bbe4d7ea24b26bfe39a51588d515ddd05cacad"),
}
PIP_DOWNLOAD_FLAGS = ("--no-deps", "--only-binary=:all:", "--python-version", PYODIDE_PYTHON,
                      "--platform", "any", "--implementation", "py", "--abi", "none")

LIBRARY_ZIP = "normalizer.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Sent as an HTTP header on every response: a <meta> CSP does not reach the module worker (browser-stack.md §6).
CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'; "
       "style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
MIME_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm", ".whl": "application/octet-stream", ".zip": "application/zip",
    ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
    ".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8",
}


class BuildError(Exception):
    """A build step failed; the message says which and why. main() prints it and exits with status 1."""


def log(message: str) -> None:
    print(f"build.py: {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kwargs) -> None:
    log("$ " + " ".join(str(c) for c in cmd))
    try:
        subprocess.run(cmd, check=True, **kwargs)
    except FileNotFoundError as err:
        raise BuildError(f"{cmd[0]} not found ({err})") from None
    except subprocess.CalledProcessError as err:
        raise BuildError(f"command failed with exit status {err.returncode}: {' '.join(map(str, cmd))}") from None


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------------- npm / Pyodide

def node_modules_stale() -> bool:
    """True when node_modules is missing or does not hold exactly the versions package-lock.json pins."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for key, entry in lock.get("packages", {}).items():
        if not key.startswith("node_modules/") or entry.get("optional"):
            continue
        installed = ROOT / key / "package.json"
        if not installed.is_file():
            return True
        if json.loads(installed.read_text(encoding="utf-8")).get("version") != entry.get("version"):
            return True
    return False


def ensure_node_modules() -> None:
    if node_modules_stale():
        run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT)
    version = json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    if version != PYODIDE_VERSION:
        raise BuildError(f"node_modules/pyodide is {version}, build.py expects {PYODIDE_VERSION}")


def copy_pyodide(site: Path) -> None:
    dest = site / "pyodide"
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, dest / name)


# ---------------------------------------------------------------------------------------------------- wheels

def fetch_wheels(cache: Path = WHEEL_CACHE) -> list[Path]:
    """Download the pinned wheels into `cache` (once) and verify every sha256. Returns paths in install order."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = []
    for name, (req, sha) in WHEELS.items():
        if (cache / name).is_file() and sha256_of(cache / name) != sha:
            (cache / name).unlink()          # pip would keep a damaged file it finds already downloaded
        if not (cache / name).is_file():
            missing.append(req)
    if missing:
        run([sys.executable, "-m", "pip", "download", "-q", *PIP_DOWNLOAD_FLAGS, "--dest", str(cache), *missing])
    paths = []
    for name, (req, expected) in WHEELS.items():
        path = cache / name
        if not path.is_file():
            raise BuildError(f"pip did not produce {name} for {req} (see {cache})")
        actual = sha256_of(path)
        if actual != expected:
            path.unlink()
            raise BuildError(f"SHA256 MISMATCH for {name}: expected {expected}, got {actual}. "
                             f"The file was deleted; do not update the pin without finding out why it changed.")
        paths.append(path)
    return paths


def copy_wheels(site: Path, wheels: list[Path]) -> None:
    dest = site / "wheels"
    dest.mkdir(parents=True, exist_ok=True)
    for path in wheels:
        shutil.copy2(path, dest / path.name)


# ---------------------------------------------------------------------------------------------------- library

def library_files(root: Path = ROOT) -> list[tuple[str, Path]]:
    """(name in the zip, source path) for the library: normalizer/** and mappings/*.toml -> normalizer/_mappings/."""
    files = []
    for path in (root / "normalizer").rglob("*"):
        rel = path.relative_to(root)
        if path.is_file() and path.suffix != ".pyc" and not any(p.startswith(".") or p == "__pycache__"
                                                                for p in rel.parts):
            files.append((rel.as_posix(), path))
    for path in (root / "mappings").glob("*.toml"):
        files.append((f"normalizer/_mappings/{path.name}", path))
    names = [n for n, _ in files]
    if len(set(names)) != len(names):
        raise BuildError("normalizer/_mappings/ exists in the source tree and clashes with mappings/*.toml")
    return sorted(files)


def library_zip_bytes(root: Path = ROOT) -> bytes:
    """The library packed deterministically: same sources -> same bytes (fixed order, dates and permissions)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for arcname, path in library_files(root):
            info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return buf.getvalue()


def pack_library(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(library_zip_bytes())
    return dest


# ---------------------------------------------------------------------------------------------------- site

def copy_web(site: Path) -> None:
    """web/* into the site root, except node_modules and dotfiles. A web file may not replace a generated one."""
    web = ROOT / "web"
    if not web.is_dir():
        return
    for path in sorted(web.rglob("*")):
        rel = path.relative_to(web)
        if path.is_dir() or any(p.startswith(".") or p in ("node_modules", "__pycache__") for p in rel.parts):
            continue
        dest = site / rel
        if dest.exists():
            raise BuildError(f"web/{rel.as_posix()} would overwrite a generated file in build/site/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)


# "Try a sample" on the page: one bundled export per system (test data written from vendors.md, no real client).
SAMPLES = (
    ("clio", "Clio", "tests/data/matters/clio/matters_export.csv", "WA"),
    ("mycase", "MyCase (backup ZIP)", "tests/data/matters/mycase/mycase-backup-2025-11-21.zip", "VT"),
    ("practicepanther", "PracticePanther (XLSX)", "tests/data/matters/practicepanther/matters_export.xlsx", "TX"),
    ("pclaw", "PCLaw (no header row)", "tests/data/matters/pclaw/clients_matters.csv", "QC"),
    ("cosmolex", "CosmoLex", "tests/data/matters/cosmolex/report/matter_list_report.csv", "NJ"),
    ("dyedurham", "Dye & Durham", "tests/data/matters/dyedurham/client_listing.csv", ""),
    ("filevine", "Filevine", "tests/data/matters/filevine/projects_report.csv", ""),
    ("firm", "A firm's own spreadsheet", "tests/data/matters/firm/client_list_2025.csv", ""),
)


# "Try the sample week" in the time-entries section: CaseClock's entries export with the firm's matter list.
ENTRY_SAMPLES = (
    ("week", "A week of time entries (23 entries, 4 timekeepers)", "tests/data/entries/week.csv",
     "tests/data/entries/matters.csv"),
)


def copy_samples(site: Path) -> None:
    """The sample exports into site/samples/<system>/ (entries samples into site/samples/entries/<id>/) and their
    lists into samples.json: {"matters": [...], "entries": [...]} (for the page's buttons)."""
    listing = []
    for system, label, rel, jurisdiction in SAMPLES:
        src = ROOT / rel
        dest = site / "samples" / system / src.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        listing.append({"system": system, "label": label, "file": src.name,
                        "url": f"samples/{system}/{src.name}", "jurisdiction": jurisdiction})
    entries = []
    for sample_id, label, entries_rel, matters_rel in ENTRY_SAMPLES:
        item = {"id": sample_id, "label": label}
        for key, rel in (("entries", entries_rel), ("matters", matters_rel)):
            src = ROOT / rel
            dest = site / "samples" / "entries" / sample_id / src.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
            item[key] = {"file": src.name, "url": f"samples/entries/{sample_id}/{src.name}"}
        entries.append(item)
    (site / "samples.json").write_text(json.dumps({"matters": listing, "entries": entries}, indent=2) + "\n",
                                       encoding="utf-8")


def write_assets(site: Path, wheels: list[Path]) -> None:
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assets = {
        "pyodide": PYODIDE_VERSION,
        "wheels": [f"wheels/{p.name}" for p in wheels],
        "library": LIBRARY_ZIP,
        "library_sha256": sha256_of(site / LIBRARY_ZIP),
        "files": files + ["assets.json"],
    }
    (site / "assets.json").write_text(json.dumps(assets, indent=2) + "\n", encoding="utf-8")


def stamp_service_worker(site: Path) -> None:
    """Give the service worker's cache a name that changes with the build: "__BUILD_VERSION__" in site/sw.js becomes
    a sha256 over the contents of every file assets.json lists, so a new build installs a new cache (and the page
    offers "Update available - Reload") while an unchanged build keeps the old one."""
    sw = site / "sw.js"
    if not sw.is_file():
        return
    digest = hashlib.sha256()
    for name in json.loads((site / "assets.json").read_text(encoding="utf-8"))["files"]:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site / name).read_bytes()).digest())
    sw.write_text(sw.read_text(encoding="utf-8").replace("__BUILD_VERSION__", digest.hexdigest()), encoding="utf-8")


def build_site(site: Path = SITE) -> Path:
    ensure_node_modules()
    wheels = fetch_wheels()
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    copy_pyodide(site)
    copy_wheels(site, wheels)
    pack_library(site / LIBRARY_ZIP)
    copy_samples(site)
    copy_web(site)
    write_assets(site, wheels)
    stamp_service_worker(site)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    log(f"site built in {site}/ ({total / 1e6:.1f} MB)")
    return site


# ---------------------------------------------------------------------------------------------------- serve

class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def serve(site: Path | None, port: int) -> None:
    """Serve `site` (None: build it once the port is known to be free) on 127.0.0.1 until Ctrl-C."""
    handler = functools.partial(SiteHandler, directory=str(site or SITE))
    try:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise BuildError(f"cannot serve on 127.0.0.1:{port} ({exc.strerror or exc}); another program may use it: "
                         "try `python3 build.py serve --port 0` (a free port)") from None
    if site is None:
        build_site()
    with httpd:
        log(f"serving {site or SITE}/ at http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C stops)")
        print(f"Open http://127.0.0.1:{httpd.server_address[1]}/ in your browser (Ctrl-C stops the server).", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


# ---------------------------------------------------------------------------------------------------- setup

def setup_venv() -> None:
    python = VENV / "bin" / "python"
    if not python.exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    stamp = VENV / ".caseclock-setup"
    want = sha256_of(ROOT / "pyproject.toml")
    if stamp.exists() and stamp.read_text().strip() == want:
        log(".venv is up to date with pyproject.toml")
        return
    run([str(python), "-m", "pip", "install", "-q", "-e", ".[test]"], cwd=ROOT)
    stamp.write_text(want + "\n")


# ---------------------------------------------------------------------------------------------------- commands

def cmd_setup(args: argparse.Namespace) -> None:
    setup_venv()
    ensure_node_modules()


def cmd_web(args: argparse.Namespace) -> None:
    build_site()


def cmd_serve(args: argparse.Namespace) -> None:
    serve(None, args.port)


def cmd_test(args: argparse.Namespace) -> None:
    """Set up, then run the whole suite. pytest's 'no tests collected' (exit 5) is a failure, not a pass."""
    setup_venv()
    ensure_node_modules()
    code = subprocess.call([str(VENV / "bin" / "python"), "-m", "pytest", *args.pytest_args], cwd=ROOT)
    if code == 5:
        raise BuildError("pytest collected no tests")
    if code:
        sys.exit(code)


def test_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest (e.g. -k ledes)")


SAMPLE_MATTERS = ROOT / "tests" / "data" / "matters" / "dyedurham" / "client_listing.csv"
SAMPLE_ENTRIES = ROOT / "tests" / "data" / "entries" / "week.csv"
SAMPLE_LIST = ROOT / "tests" / "data" / "entries" / "matters.csv"


def cmd_sample(args: argparse.Namespace) -> None:
    """Set up, then run the main job on bundled samples: sniff a messy export, convert it to CaseClock's import
    CSV, and export a week of time entries for Clio and as LEDES 1998B. Outputs land in build/sample/."""
    setup_venv()
    out = BUILD / "sample"
    out.mkdir(parents=True, exist_ok=True)
    cli = [str(VENV / "bin" / "caseclock-normalizer")]
    steps = [
        ["sniff", str(SAMPLE_MATTERS)],
        ["matters", str(SAMPLE_MATTERS), "--jurisdiction", "QC", "-o", str(out / "caseclock-import.csv"),
         "--report", str(out / "matters-report.json")],
        ["check", str(out / "caseclock-import.csv")],
        ["entries", str(SAMPLE_ENTRIES), "--to", "clio", "--matters", str(SAMPLE_LIST),
         "-o", str(out / "clio-activities.csv"), "--report", str(out / "clio-report.json")],
        ["entries", str(SAMPLE_ENTRIES), "--to", "ledes1998b", "--matters", str(SAMPLE_LIST),
         "--invoice-number", "INV20251101", "--law-firm-id", "12-3456789",
         "-o", str(out / "invoice.ledes"), "--report", str(out / "ledes-report.json")],
    ]
    for step in steps:
        print(f"\n$ caseclock-normalizer {' '.join(Path(a).relative_to(ROOT).as_posix() if a.startswith(str(ROOT)) else a for a in step)}",
              flush=True)
        subprocess.call(cli + step, cwd=ROOT)
    print(f"\nOutputs are in {out.relative_to(ROOT)}/:", ", ".join(sorted(p.name for p in out.iterdir())))


def serve_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 picks a free one)")


# name -> (function, help, function adding the command's own arguments or None)
COMMANDS = {
    "setup": (cmd_setup, "create .venv, install the project with its test extra, npm ci", None),
    "web": (cmd_web, "build the static site into build/site/", None),
    "serve": (cmd_serve, "build, then serve build/site on 127.0.0.1 with the CSP header", serve_args),
    "sample": (cmd_sample, "set up, then convert the bundled samples (the main job, from the command line)", None),
    "test": (cmd_test, "set up, then run the whole test suite", test_args),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text, add_args) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if add_args:
            add_args(p)
    args = parser.parse_args(argv)
    try:
        COMMANDS[args.command][0](args)
    except BuildError as err:
        sys.exit(f"build.py: error: {err}")


if __name__ == "__main__":
    main()
