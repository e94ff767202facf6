"""The export targets of the time-entry job. A target is a Spec (what its file looks like: from a mapping file's
`[time_entries]` table, or a standard such as LEDES 1998B) with the behaviour that differs between kinds of file
(base.Target): the checks it adds per entry, what it does with non-billable time, how it writes. The entry job asks
`target_for(spec)` and never which format it is."""
from .spec import (FIELDS, SUPPORT_LEVELS, Column, Entry, Spec, cell, format_date, last_first, load_specs,
                   mappings_dir, money, plain_number, rows_for)


def target_for(spec: Spec):
    """The Target that reviews and writes entries for this spec."""
    if spec.format == "ledes":
        from .ledes1998b import Ledes1998B
        return Ledes1998B(spec)
    from .table import TableTarget
    return TableTarget(spec)


__all__ = ["Entry", "Column", "Spec", "load_specs", "mappings_dir", "money", "plain_number", "format_date",
           "last_first", "cell", "rows_for", "FIELDS", "SUPPORT_LEVELS", "target_for"]
