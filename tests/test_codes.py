"""The issue-code catalogue covers every code the library emits, at the severity it is emitted at.

The library's source is scanned for codes: the argument after a severity ("error", "warning", "info", or a choice
between them) in any call (`report.add`, `Issue`, `self.issue`...), every `code=` keyword (`InputError`), a `code`
parameter's default, and the code of a `{"code": ..., "message": ...}` dict (an Outcome's error). A code built with
an f-string must be listed in DYNAMIC with every value it takes. The real samples are then run, and every issue they
emit is checked against the catalogue too."""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from normalizer import api
from normalizer.codes import CODES, SEVERITIES, _ENTRIES, catalogue, describe
from normalizer.report import SEVERITIES as ISSUE_SEVERITIES
from test_golden_matters import _cases, _options

LIBRARY = Path(__file__).parent.parent / "normalizer"
ENTRIES = Path(__file__).parent / "data" / "entries"
TARGETS = ("clio", "mycase", "cosmolex", "pclaw", "practicepanther", "filevine", "dyedurham", "ledes1998b",
           "caseclock")

# An f-string code (as ast.unparse writes it) -> every value it takes.
DYNAMIC = {
    "f'{s.reason}-skipped'": ("preamble-skipped", "footer-skipped"),     # read/: only these reasons are reported
    "f'{code}-missing'": ("client-id-missing", "matter-id-missing"),     # check.py _check_id
    "f'{code}-invalid'": ("client-id-invalid", "matter-id-invalid"),
}
# Catalogued for the API being written now; not emitted by the library yet.
UPCOMING = {"read-option-given", "column-mapped-by-user"}


@dataclass(frozen=True)
class Use:
    code: str                     # the literal; the source text of an f-string or of any other expression
    kind: str                     # "literal" | "dynamic" | "opaque"
    severities: tuple[str, ...]   # as emitted ("fatal" for InputError); empty when not known here
    where: str


class _Scan(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where = where
        self.params: list[set[str]] = [set()]     # the enclosing function's parameters: a code forwarded, not made
        self.uses: list[Use] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        a = node.args
        named = a.posonlyargs + a.args + a.kwonlyargs
        defaults = dict(zip([p.arg for p in (a.posonlyargs + a.args)][::-1], a.defaults[::-1]))
        defaults.update((p.arg, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None)
        if "code" in defaults:
            self._take(defaults["code"], (), node.lineno)
        self.params.append({p.arg for p in named})
        self.generic_visit(node)
        self.params.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        keywords = {k.arg: k.value for k in node.keywords}
        if "code" in keywords:
            severity = ("fatal",) if name == "InputError" else _severities(keywords.get("severity"))
            self._take(keywords["code"], severity or (), node.lineno)
        for severity, code in zip(node.args, node.args[1:]):
            found = _severities(severity)
            if found is not None:
                self._take(code, found, node.lineno)
                break
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        """An issue or error written as a dict (`{"code": ..., "message": ...}`, as Outcome.error is)."""
        fields = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
        if {"code", "message"} <= fields.keys():
            self._take(fields["code"], _severities(fields.get("severity")) or (), node.lineno)
        self.generic_visit(node)

    def _take(self, node: ast.expr, severities: tuple[str, ...], line: int) -> None:
        where = f"{self.where}:{line}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.uses.append(Use(node.value, "literal", severities, where))
        elif isinstance(node, ast.JoinedStr):
            self.uses.append(Use(ast.unparse(node), "dynamic", severities, where))
        elif not _forwarded(node, self.params[-1]):
            self.uses.append(Use(ast.unparse(node), "opaque", severities, where))


def _forwarded(node: ast.expr, params: set[str]) -> bool:
    """A code passed on (a parameter, or the object's own `self.code`): the calls that supply it are scanned."""
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, ast.Name) and node.value.id == "self"
    return isinstance(node, ast.Name) and node.id in params


def _severities(node: ast.expr | None) -> tuple[str, ...] | None:
    """The severities an argument can hold; () for a forwarded `severity`; None when it is not a severity."""
    if isinstance(node, ast.Constant) and node.value in ISSUE_SEVERITIES:
        return (node.value,)
    if isinstance(node, ast.IfExp):
        body, orelse = _severities(node.body), _severities(node.orelse)
        return body + orelse if body and orelse else None
    if isinstance(node, ast.Name) and node.id == "severity":
        return ()
    return None


def scan(source: str, where: str = "<source>") -> list[Use]:
    visitor = _Scan(where)
    visitor.visit(ast.parse(source))
    return visitor.uses


def library_uses() -> list[Use]:
    return [use for path in sorted(LIBRARY.rglob("*.py")) if path.name != "codes.py"
            for use in scan(path.read_text(encoding="utf-8"), str(path.relative_to(LIBRARY.parent)))]


def problems(uses: list[Use]) -> list[str]:
    """Every code not in the catalogue, or emitted at a severity the catalogue does not give it."""
    out = []
    for use in uses:
        if use.kind == "opaque":
            out.append(f"{use.where}: code {use.code!r} cannot be read from the source; write it as a literal")
            continue
        if use.kind == "dynamic" and use.code not in DYNAMIC:
            out.append(f"{use.where}: code {use.code} is built at run time; list its values in DYNAMIC")
            continue
        for code in DYNAMIC[use.code] if use.kind == "dynamic" else (use.code,):
            entry = CODES.get(code)
            if entry is None:
                out.append(f"{use.where}: code {code!r} is not in normalizer/codes.py")
            elif bad := [s for s in use.severities if s not in (entry.severity, *entry.also)]:
                out.append(f"{use.where}: code {code!r} is emitted as {bad}, catalogued as {entry.severity!r}")
    return out


# -- the source ---------------------------------------------------------------------------------------------------
def test_every_code_in_the_library_is_catalogued_at_its_severity() -> None:
    assert problems(library_uses()) == []


def test_the_scan_finds_each_way_a_code_is_written() -> None:
    source = '''
def job(report, issues, e, x, exc, severity, code):
    report.add("warning", "fake-added", "message", row=1)
    issues.append(Issue("info" if x else "warning", "fake-issue", "message"))
    self.issue(e, "error", "fake-entry", "message", "Date")
    raise InputError("message", file="f", code="fake-input")
    report.add("info", f"{x}-fake", "message")
    report.add("info", exc.code, "message")
    report.add(severity, code, "message")           # a forwarder: its callers are scanned
    report.add("error", "matter-missing", "message")
    report.add("info", "matter-missing", "message")
    error = {"file": None, "code": "fake-dict", "message": "message"}
    aliases = {"code": "Activity code"}             # not an issue: no message

class InputError(Exception):
    def __init__(self, message, *, code="fake-default"): ...
'''
    uses = scan(source)
    assert {(u.code, u.kind, u.severities) for u in uses} == {
        ("fake-added", "literal", ("warning",)), ("fake-issue", "literal", ("info", "warning")),
        ("fake-entry", "literal", ("error",)), ("fake-input", "literal", ("fatal",)),
        ("f'{x}-fake'", "dynamic", ("info",)), ("exc.code", "opaque", ("info",)),
        ("matter-missing", "literal", ("error",)), ("matter-missing", "literal", ("info",)),
        ("fake-default", "literal", ()), ("fake-dict", "literal", ())}
    found = problems(uses)
    for code in ("fake-added", "fake-issue", "fake-entry", "fake-input", "{x}-fake", "exc.code", "fake-default",
                 "fake-dict"):
        assert sum(code in p for p in found) == 1, (code, found)
    assert sum("'matter-missing' is emitted as ['info']" in p for p in found) == 1
    assert len(found) == 9


def test_every_catalogued_code_is_emitted_or_upcoming() -> None:
    emitted = set()
    for use in library_uses():
        emitted.update(DYNAMIC.get(use.code, ()) if use.kind == "dynamic" else (use.code,))
    assert set(CODES) - emitted - UPCOMING == set(), "catalogued but never emitted: a typo, or a code removed?"


# -- the samples --------------------------------------------------------------------------------------------------
def _emitted_problems(report, where: str) -> list[str]:
    out = []
    for issue in report.issues:
        entry = CODES.get(issue.code)
        if entry is None:
            out.append(f"{where}: {issue.code!r} is not catalogued")
        elif issue.severity not in (entry.severity, *entry.also):
            out.append(f"{where}: {issue.code!r} emitted as {issue.severity!r}, catalogued as {entry.severity!r}")
    return out


@pytest.mark.parametrize("folder, source", list(_cases()))
def test_matter_samples_emit_only_catalogued_codes(folder: Path, source: Path) -> None:
    result = api.normalize_matters(source, **_options(folder))
    assert result.report.issues
    assert _emitted_problems(result.report, source.name) == []


@pytest.mark.parametrize("target", TARGETS)
def test_entry_exports_emit_only_catalogued_codes(target: str) -> None:
    result = api.export_entries(ENTRIES / "week.csv", to=target, matters=ENTRIES / "matters.csv",
                                invoice_number="INV1", law_firm_id="12-3456789")
    assert result.report.issues
    assert _emitted_problems(result.report, target) == []


# -- the catalogue ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(CODES))
def test_each_code_has_a_short_title_and_one_sentence_of_help(code: str) -> None:
    entry = CODES[code]
    assert entry.code == code
    assert entry.severity in SEVERITIES
    assert set(entry.also) <= set(SEVERITIES) - {entry.severity}
    assert entry.title.strip() and len(entry.title) <= 60 and not entry.title.endswith(".")
    assert entry.help.endswith(".") and entry.help[0].isupper() and ". " not in entry.help[:-1]


def test_no_code_is_catalogued_twice() -> None:
    assert len(CODES) == len(_ENTRIES)


def test_catalogue_is_json_and_sorted() -> None:
    items = json.loads(json.dumps(catalogue()))
    assert [i["code"] for i in items] == sorted(CODES)
    assert items[0].keys() == {"code", "severity", "title", "help", "also"}


def test_describe_an_unknown_code_never_raises() -> None:
    assert describe("matter-id-rewritten") is CODES["matter-id-rewritten"]
    unknown = describe("brand-new-thing")
    assert (unknown.code, unknown.severity, unknown.title) == ("brand-new-thing", "info", "Brand new thing")
    assert unknown.help.endswith(".")
    assert describe("").title == "Issue"
