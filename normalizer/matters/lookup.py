"""The contacts join: client names by reference, and references by name, from a separate contacts/clients export."""
from __future__ import annotations

from dataclasses import dataclass, field

from .extract import client_name, extract
from .load import Loaded


@dataclass
class Lookup:
    """Client names by reference, and references by name, from a separate contacts/clients export."""
    by_ref: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, tables: list[Loaded]) -> "Lookup":
        out = cls()
        for x in tables:
            for row in x.table.iter_rows():
                vals = extract(row.cells, x.plan)
                name = client_name(vals, x.plan)
                ref = vals.get("client_ref", "")
                if ref and name:
                    out.by_ref.setdefault(ref, name)
                    out.by_name.setdefault(name.casefold(), ref)
                elif name:
                    out.by_name.setdefault(name.casefold(), "")
        return out
