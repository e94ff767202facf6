"""What the report says about the input as a whole: the system, the layout, the columns used and not used, what was
detected per file."""
from __future__ import annotations

from ..columns import label
from ..mappings import Mapping, header_key
from ..report import Report, shorten
from ..vendor import Plan
from .load import Loaded


def describe(report: Report, matters: list[Loaded], contacts: list[Loaded], loaded: list[Loaded],
              generic: Mapping | None = None) -> None:
    primary = matters[0]
    plan = primary.plan
    detection = primary.table.detection.to_dict()
    detection["skipped"] = [{"line": s.line, "reason": s.reason, "text": shorten(s.text, 120)}
                            for s in primary.table.skipped]
    report.meta.update(
        vendor=plan.system if plan.mapping.role != "synonyms" else "unknown",
        vendor_name=plan.mapping.name,
        system=plan.mapping.name,
        vendor_confidence=plan.confidence,
        export={"id": plan.export.id, "label": plan.export.label, "kind": plan.kind},
        evidence=list(plan.evidence),
        detection=detection,
        mapping=plan.column_fields(),
        ignored_columns=plan.ignored(),
        missing_fields=_missing_optional(plan),
        sources=[_source(x, "matters" if x in matters else "contacts" if x in contacts else "ignored")
                 for x in loaded],
        detections=[detection_of(x, "matters" if x in matters else "contacts" if x in contacts else "ignored")
                    for x in loaded],
        columns={x.table.source: x.plan.column_reasons() for x in matters + contacts},
        unused_columns={x.table.source: x.plan.unused() for x in matters + contacts},
        systems=[{"file": x.table.source, "role": "matters" if x in matters else "contacts",
                  "system": x.plan.system if x.plan.mapping.role != "synonyms" else "unknown",
                  "name": x.plan.mapping.name, "layout": x.plan.export.label, "confidence": x.plan.confidence}
                 for x in matters + contacts],
    )
    for x in matters + contacts:
        _describe_columns(report, x)
    for x in matters:
        _warn_ignored(report, x, generic)
    for x in matters + contacts:
        report.issues[:0] = x.table.issues
    report.issues.sort(key=lambda i: (i.file or "", i.row or 0))


def _describe_columns(report: Report, x: Loaded) -> None:
    """Columns matched by a close spelling (info), columns read with little confidence (a warning: check them), and
    the source columns not used, each with its reason (info: the CLI summary shows them too)."""
    plan, file = x.plan, x.table.source
    for i, word in plan.fuzzy.items():
        report.add("info", "column-fuzzy-matched", f"column {plan.header[i]!r} taken as {word!r} (closest known "
                   "name)", column=plan.header[i], file=file)
    for i, reading in plan.unsure():
        column = plan.header[i] or f"column {i + 1}"
        report.add("warning", "column-unsure", f"column {column!r} is read as the {label(reading.field)} "
                   f"(confidence {reading.confidence:.2f}): {reading.reason}; check it, or choose the column "
                   "yourself", column=column, file=file)
    unused = plan.unused()
    if unused:
        report.add("info", "columns-not-used", "columns not used: " + "; ".join(
            f"{u['column']!r} ({u['reason']})" if u["reason"] else repr(u["column"]) for u in unused), file=file)


def _warn_ignored(report: Report, x: Loaded, generic: Mapping | None) -> None:
    """A column whose header names a CaseClock field but that feeds nothing (another column fills that field)."""
    if generic is None or x.plan.headerless:
        return
    meaning = {header_key(v): f for f, variants in generic.exports[0].fields.items() for v in variants}
    meant = {x.plan.header[i]: r.meant for i, r in x.plan.readings.items() if r.meant and i not in x.plan.chosen}
    for column in x.plan.ignored():
        field_ = meaning.get(header_key(column)) or meant.get(column)
        if field_ and x.plan.columns.get(field_):
            used = x.plan.header[x.plan.columns[field_][0]]
            report.add("warning", "column-ignored", f"column {column!r} looks like the {field_.replace('_', ' ')} "
                       f"but {used!r} is used for it; check that the right column was taken", column=column,
                       file=x.table.source)


def detection_of(x: Loaded, role: str) -> dict:
    """What was detected for one table (and what the user gave), each fact with confidence and reason."""
    from ..explain import describe, system_fact
    table = x.table
    facts = {"system": system_fact(x.plan), **describe(table.detection, columns=table.width, skipped=table.skipped)}
    return {"file": table.source, "role": role, "format": table.detection.format, "facts": facts,
            "columns": list(table.header) if table.header is not None else None,
            "rows": x.rows if x.rows >= 0 else None,
            "skipped": [{"line": s.line, "reason": s.reason, "text": shorten(s.text, 120)} for s in table.skipped]}


def _missing_optional(plan: Plan) -> list[str]:
    """CaseClock columns the source could not fill (the report lists them so the user knows what is empty)."""
    want = {"matter_ref": "Matter ID", "matter_name": "Matter Name", "jurisdiction": "Jurisdiction",
            "practice_area": "Law Practice Area", "rate": "Hourly Rate"}
    have = {f for f, idx in plan.columns.items() if idx}
    have |= {g for s in plan.export.splits if s.field in have for g in s.pattern.groupindex}
    out = [label for f, label in want.items() if f not in have]
    if not have & {"client_ref"}:
        out.insert(0, "Client ID (derived from the client name)")
    return out


def _source(x: Loaded, role: str) -> dict:
    return {"file": x.table.source, "role": role, "vendor": x.plan.system, "layout": x.plan.export.id,
            "confidence": x.plan.confidence, "rows": x.rows if x.rows >= 0 else len(x.table.rows),
            "header_row": x.table.detection.header_row}
