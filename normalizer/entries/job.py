"""The time-entry job: read reviewed CaseClock entries, run the "confirm before exporting" checks, write the target.

Every entry ends up written or rejected (entries_read == entries_written + entries_rejected); every change or doubt is
an Issue naming the entry's source line. What each target's file looks like comes from its mapping file
(targets.Spec) and how it is reviewed and written from its Target (targets/: a table target, LEDES 1998B).
"""
from __future__ import annotations

from ..report import Report
from ..resolve import Matter, MatterIndex
from ..targets import target_for
from .options import Output, Settings, target_spec
from .read import read_entries
from .review import Review
from .review.build import build
from .review.dates import check_outlying_dates
from .review.days import check_days
from .review.duplicates import check_duplicates
from .review.matters import resolve
from .review.target import check_billable, check_target
from .totals import totals as _totals


def export(source, settings: Settings, *, matters: list[Matter] | None = None, name: str = "entries") -> Output:
    spec = target_spec(settings.to)
    settings = settings.for_target(spec)
    report = Report()
    report.meta.update(target=spec.target, target_label=spec.label, support=spec.support, evidence=spec.evidence,
                       target_notes=list(spec.notes), file=name)
    target = target_for(spec)
    settings = target.prepare(settings, report, name)
    records, read_issues = read_entries(source, name=name)
    report.extend(read_issues)
    index = MatterIndex(matters) if matters is not None else None
    review = Review(settings, spec, index, report, name)
    entries = build(review, records)               # dates, durations, rates, narrative: per entry
    resolve(review, entries)                       # matters
    check_duplicates(review, entries)
    check_outlying_dates(review, entries)
    check_days(review, entries)                    # day totals
    check_target(review, entries, target)
    good = [e for e in entries if not review.rejected(e)]
    for e in entries:
        e.rejected = review.rejected(e)
    good = check_billable(review, good, target)
    data, filename, files = target.write(good, settings, review)
    report.counts.update(entries_read=len(entries), entries_written=len(good),
                         entries_rejected=len(entries) - len(good))
    report.meta.update(_totals(good))
    report.meta["options"] = {"round": settings.round, "increment": float(settings.increment),
                              "date_format": settings.date_format or spec.date_format}
    report.issues.sort(key=lambda i: (i.row is None, i.row or 0))
    return Output(data, filename, files, report)
