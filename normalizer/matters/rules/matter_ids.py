"""RULES § Matter ID: a valid matter reference is the Matter ID; an invalid one is rewritten (and the export's own
reference kept for the time-entry job); a matter with no reference gets `<Client ID>-<name slug>`. A rewritten or
derived ID never takes another matter's ID nor a valid reference the sources hold (`-2`, `-3`...)."""
from __future__ import annotations

from ...clean import excel_damage, id_rule, name_id
from ...report import Report
from ...vendor import Plan
from ..extract import column_of, of
from ..reserved import Reserved
from .duplicates import Duplicates

MATTER_SLUG_LIMIT = 40


class MatterIds:
    def __init__(self, report: Report, reserved: Reserved, duplicates: Duplicates) -> None:
        self.report, self.reserved, self.duplicates = report, reserved, duplicates
        self.shapes: dict[str, tuple[float, int]] = {}          # this table's ID shapes (extract.id_shapes)
        self.name_column = True                                 # does this table have a matter name column?
        self.source_refs: dict[str, tuple[str, int, str]] = {}  # rewritten Matter ID -> (export's ref, line, file)

    def matter(self, vals: dict[str, str], cid: str, line: int, file: str,
                plan: Plan) -> tuple[str, str, bool, object] | None:
        ref = vals.get("matter_ref", "")
        name = vals.get("matter_name", "")
        if ref and "matter_ref" in self.shapes:
            damage = excel_damage(ref, self.shapes["matter_ref"])
            if damage is not None:
                self.report.add("error", "id-damaged-by-excel", f"Matter ID {damage}; this row is left out rather "
                                "than written under a wrong ID. Correct the ID in the file (or export it again "
                                "without opening it in Excel)", row=line, column=column_of(plan, "matter_ref"),
                                file=file)
                return None
        mid = id_rule(ref) if ref else ""
        if ref and mid != ref:
            if mid:
                self.report.add("warning", "matter-id-rewritten", f"Matter ID {ref!r} -> {mid!r} (CaseClock IDs "
                                "allow only letters, digits, . _ -)", row=line, column="Matter ID", file=file)
            else:
                self.report.add("warning", "matter-id-rewritten", f"Matter ID {ref!r} has no usable character; a "
                                "new one is derived", row=line, column="Matter ID", file=file)
        derived = not mid
        if derived:
            if not name:
                self.report.add("error", "matter-missing", "no matter reference and no matter name on this row; "
                                "row left out", row=line, column="Matter ID", file=file)
                return None
            mid = f"{cid}-{name_id(name, MATTER_SLUG_LIMIT, 'matter')[0] or 'matter'}"
        owner = (cid, name) if derived else ref
        if mid != ref:
            mid = self._free_matter_id(mid, owner, "" if derived else ref, line, file)
            if ref:   # billing imports match on the system's own reference: the time-entry job needs it back
                self.source_refs.setdefault(mid, (ref, line, file))      # a dict each only in finish()
        if not name:
            name = mid
            what = ("has no description" if self.name_column else
                    "has no name: the file has no matter name column (see the columns not used)")
            self.report.add("warning", "matter-name-missing", f"matter {mid!r} {what}; its Matter ID "
                            "is used as the name", row=line, column="Matter Name", file=file)
        return mid, name, derived, owner

    def _free_matter_id(self, base: str, owner, ref: str, line: int, file: str) -> str:
        """A rewritten or derived Matter ID that no other matter holds and that is no valid reference of the
        sources: `base`, else `base-2`, `base-3`... The same reference always gets the same ID."""
        real = self.reserved.ids(1)
        mid, n = base, 1
        while True:
            prev = self.duplicates.by_mid.get(mid)
            if prev is not None and prev.owner == owner:
                return mid
            if prev is None and mid not in real:
                break
            n += 1
            mid = f"{base}-{n}"
        if n > 1 and ref:
            held, by = real[base] if base in real else (self.duplicates.by_mid[base].line, self.duplicates.by_mid[base].file)
            self.report.add("warning", "matter-id-collision",
                            f"Matter ID {ref!r} -> {base!r} is already the Matter ID of line {held}{of(by, file)}; "
                            f"this row gets {mid!r}", row=line, column="Matter ID", file=file)
        elif n > 1 and base in real:     # a derived ID meets a real reference (two derived slugs just count up)
            held, by = real[base]
            self.report.add("warning", "matter-id-collision",
                            f"the Matter ID derived for this row, {base!r}, is already the Matter ID of line "
                            f"{held}{of(by, file)}; this row gets {mid!r}", row=line, column="Matter ID", file=file)
        return mid

    def finish(self) -> dict:
        """Rewritten Matter ID -> the export's own reference, for the matters written (report meta)."""
        written = self.duplicates.by_mid
        return {mid: {"ref": ref, "line": line, "file": file}
                for mid, (ref, line, file) in self.source_refs.items() if mid in written}
