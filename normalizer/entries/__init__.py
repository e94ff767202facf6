"""The time-entry job (docs/RULES.md): read the entries and the matter list (read.py), read each value (values.py),
run the checks (review/), write the target's files (write.py); job.export() runs them in that order."""
from ..resolve import Matter
from .job import export
from .options import (COLUMNS, EXTRA, MATTER_COLUMNS, MAX_HOURS, ROUNDING, Output, Settings, check_date_format,
                      target_spec, targets)
from .read import Record, is_caseclock_matters, read_entries, read_matters
from .values import (EARLIEST_PLAUSIBLE, DateOrder, ambiguous_readings, date_order, duration_is_plain,
                     is_block_billing, parse_date, parse_duration, round_hours)

__all__ = ["export", "Settings", "Output", "targets", "target_spec", "check_date_format", "read_entries",
           "read_matters", "is_caseclock_matters", "Record", "Matter", "COLUMNS", "EXTRA", "MATTER_COLUMNS",
           "MAX_HOURS", "ROUNDING", "parse_date", "parse_duration", "duration_is_plain", "round_hours",
           "is_block_billing", "date_order", "DateOrder", "ambiguous_readings", "EARLIEST_PLAUSIBLE"]
