"""RULES § Closed matters: a status word, a closed flag or an open flag that says closed leaves the matter out
(unless --include-closed); a status word outside the system's vocabulary is read as open and reported once."""
from __future__ import annotations

from ...clean import parse_bool
from ...mappings import Mapping
from ...report import Report
from ...vendor import Plan
from ..extract import vocabulary

REMEMBERED = 4096         # distinct status words whose reading is remembered


class Status:
    def __init__(self, report: Report, include_closed: bool, generic: Mapping | None) -> None:
        self.report, self.include_closed, self.generic = report, include_closed, generic
        self.known: dict[tuple[int, str], tuple[str, bool]] = {}
        self.unknown: dict[tuple[str, str], list[tuple[int, str]]] = {}   # (system, word) -> rows

    def closed(self, vals: dict[str, str], plan: Plan, line: int, file: str) -> bool:
        """Whether the row is a closed matter (reported as left out unless closed matters are kept)."""
        vocab = vocabulary(plan, "status", self.generic).status
        status, reason = "open", None           # reason: (field, value) that decided, worded only when reported
        word = vals.get("status", "")
        if word:
            status, known = self._classify(vocab, word)
            reason = ("status", word)
            if not known and vocab.warn_unknown:
                self.unknown.setdefault((plan.mapping.name, word), []).append((line, file))
        flag = vals.get("closed_flag", "")
        if flag and parse_bool(flag) is not False:
            status, reason = "closed", ("closed_flag", flag)
        active = vals.get("open_flag", "")
        if active:
            value = parse_bool(active)
            vocab = vocabulary(plan, "open_flag", self.generic).status
            if value is False or (value is None and self._classify(vocab, active)[0] == "closed"):
                status, reason = "closed", ("open_flag", active)
        if status != "closed":
            return False
        if self.include_closed:
            return True
        field, value = reason
        column = plan.header[plan.columns[field][0]]
        self.report.add("info", "matter-closed", f"closed matter left out ({column} = {value!r}); use "
                        "--include-closed to keep it", row=line, column=column, file=file)
        return True

    def _classify(self, vocab, word: str) -> tuple[str, bool]:
        """vocab.classify(word), remembered: a status column holds a handful of distinct words."""
        key = (id(vocab), word)
        known = self.known.get(key)
        if known is None:
            known = vocab.classify(word)
            if len(self.known) < REMEMBERED:
                self.known[key] = known
        return known

    def finish(self) -> None:
        for (system, word), lines in self.unknown.items():
            self.report.add("warning", "status-unknown",
                            f"status {word!r} ({len(lines)} row(s)) is not in {system}'s status vocabulary; "
                            "treated as open", row=lines[0][0], column="Status", file=lines[0][1])
