"""RULES § Client ID: a valid client reference is the Client ID; an invalid one is rewritten; a client with no
reference gets an ID made from its name (its reference from another line or the contacts list when it has one).
One client, one ID; one ID, one client (`-2`, `-3` on a collision); a rewritten or derived ID never takes a valid
reference the sources hold."""
from __future__ import annotations

from ...clean import excel_damage, id_rule, name_id
from ...report import Report
from ...vendor import Plan
from ..extract import client_name, column_of, of
from ..lookup import Lookup
from ..reserved import Reserved


class ClientIds:
    def __init__(self, report: Report, lookup: Lookup, reserved: Reserved) -> None:
        self.report, self.lookup, self.reserved = report, lookup, reserved
        self.shapes: dict[str, tuple[float, int]] = {}          # this table's ID shapes (extract.id_shapes)
        self.id_owner: dict[str, tuple[str, str]] = {}          # Client ID -> ("ref"|"name", key)
        self.client_by_ref: dict[str, tuple[str, str]] = {}     # ref -> (Client ID, Client Name)
        self.client_by_name: dict[str, str] = {}                # name -> Client ID
        self.name_ref_line: dict[str, tuple[str, int, str]] = {}  # name -> (ref, line, file) it first came with
        self.name_bare_line: dict[str, tuple[int, str]] = {}    # name -> (line, file) first seen with no reference
        self.varies_warned: set[str] = set()
        self.script_warned: set[str] = set()

    def client(self, vals: dict[str, str], plan: Plan, line: int, file: str) -> tuple[str, str] | None:
        name = client_name(vals, plan)
        ref = vals.get("client_ref", "")
        if ref and "client_ref" in self.shapes:
            damage = excel_damage(ref, self.shapes["client_ref"])
            if damage is not None:
                column = column_of(plan, "client_ref")
                self.report.add("warning", "id-damaged-by-excel", f"Client ID {damage}; it is not used: the Client "
                                "ID is made from the client's name instead. Correct the ID in the file (or export it "
                                "again without opening it in Excel) to keep it", row=line, column=column, file=file)
                ref = ""
        if ref and not name:
            name = self.lookup.by_ref.get(ref, "")
        if name and not ref and self.lookup.by_name:
            ref = self.lookup.by_name.get(name.casefold(), "")
        if ref:
            known = self.client_by_ref.get(ref)
            if known is not None:
                cid, first_name = known
                if name and name != first_name:
                    self.report.add("warning", "client-name-varies",
                                    f"client {ref!r} is named {name!r} here but {first_name!r} earlier; the first "
                                    "name is used so one Client ID has one name", row=line, column="Client Name",
                                    file=file)
                return cid, first_name
            cid = id_rule(ref)
            if cid:
                if cid != ref:
                    self.report.add("warning", "client-id-rewritten",
                                    f"Client ID {ref!r} -> {cid!r} (CaseClock IDs allow only letters, digits, "
                                    ". _ -)", row=line, column="Client ID", file=file)
                cid = self._claim(cid, ("ref", ref), line, file)
                if not name:
                    name = ref
                    self.report.add("warning", "client-name-missing",
                                    f"client {ref!r} has no name in the export; its reference is used as the name",
                                    row=line, column="Client Name", file=file)
                self.client_by_ref[ref] = (cid, name)
                self.client_by_name.setdefault(name, cid)
                self.name_ref_line.setdefault(name, (ref, line, file))
                if name in self.name_bare_line and self.client_by_name[name] != cid:
                    # Only when the reference could not be seen up front (its name came from the contacts list).
                    self._id_varies(name, cid, line, file, other=self.client_by_name[name])
                return cid, name
        if not name:
            self.report.add("error", "client-missing", "no client on this row (no client name or reference); "
                            "row left out", row=line, column="Client Name", file=file)
            return None
        cid = self.client_by_name.get(name)
        if cid is None:
            # RULES: one client name, one ID. When the same client has a reference on another line (even a later
            # one), that reference gives its Client ID here too (read once, only when a row has no reference).
            known = self.reserved.ids(2).get(name)
            if known is not None and excel_damage(known[0], self.shapes.get("client_ref", (1.0, 0))) is not None:
                known = None
            if known is not None:
                self.name_ref_line.setdefault(name, known)
                self.name_bare_line.setdefault(name, (line, file))
                client = self.client({**vals, "client_ref": known[0]}, plan, line, file)
                if client is not None:
                    self._id_varies(name, client[0], line, file)
                return client
            made, how = name_id(name, None, "client")
            cid = self._claim(made or "client", ("name", name), line, file)
            if how:
                self._script_note(name, cid, how, line, file)
            self.client_by_name[name] = cid
        elif name in self.name_ref_line:
            self._id_varies(name, cid, line, file)
        self.name_bare_line.setdefault(name, (line, file))
        return cid, name

    def _script_note(self, name: str, cid: str, how: str, line: int, file: str) -> None:
        """Say how a Client ID was made from a name in another script (once per name)."""
        if name in self.script_warned:
            return
        self.script_warned.add(name)
        if how == "transliterated":
            self.report.add("warning", "client-id-transliterated",
                            f"Client ID {cid!r} was spelled from the Greek or Cyrillic letters of {name!r} (ELOT 743 "
                            "for Greek, the passport spelling ICAO 9303 for Cyrillic); the Client Name keeps the "
                            "original. Give the client a reference in the system to choose the ID yourself",
                            row=line, column="Client ID", file=file)
        else:
            self.report.add("warning", "client-id-hashed",
                            f"Client ID {cid!r} is a short code made from the name {name!r} (no standard Latin "
                            "spelling for its script is built in): the same name always gets the same ID, whatever "
                            "the row order; the Client Name keeps the original. Give the client a reference in the "
                            "system to choose the ID yourself", row=line, column="Client ID", file=file)

    def _id_varies(self, name: str, cid: str, line: int, file: str, other: str = "") -> None:
        """Warn once per client name that has a reference on one line and none on another (both lines named)."""
        if name in self.varies_warned:
            return
        self.varies_warned.add(name)
        ref, ref_line, ref_file = self.name_ref_line[name]
        bare_line, bare_file = self.name_bare_line.get(name, (line, file))
        if other:
            outcome = (f"it already has Client ID {other!r} from its name, so this client gets two IDs ({other!r} and "
                       f"{cid!r}); give every row the reference")
        else:
            outcome = f"Client ID {cid!r} is used for both so one client has one ID"
        self.report.add("warning", "client-id-varies",
                        f"client {name!r} has no client reference on line {bare_line}{of(bare_file, file)} but "
                        f"reference {ref!r} on line {ref_line}{of(ref_file, file)}; {outcome}",
                        row=line, column="Client ID", file=file)

    def _claim(self, base: str, owner: tuple[str, str], line: int, file: str) -> str:
        """A Client ID no other client holds: `base`, else `base-2`, `base-3`... (RULES: slug collisions). A valid
        reference keeps itself; a rewritten or derived ID never takes a valid reference found anywhere in the
        sources, even on a later line."""
        if owner == ("ref", base):
            self.id_owner[base] = owner
            return base
        real = self.reserved.ids(0)
        cid, n, taken = base, 1, None       # taken: the first valid reference passed over
        while self.id_owner.get(cid, owner) != owner or (cid in real and self.id_owner.get(cid) != owner):
            if taken is None and cid in real and self.id_owner.get(cid, ("ref", cid)) == ("ref", cid):
                taken = cid
            n += 1
            cid = f"{base}-{n}"
        if n > 1 and (owner[0] == "ref" or taken is not None):
            # A derived (name) ID that only meets another name's slug just counts up silently (RULES: slugs).
            held = base if owner[0] == "ref" or taken is None else taken
            holder = real.get(held)
            whose = f"the client on line {holder[0]}{of(holder[1], file)}" if holder else "another client"
            source = (f"Client ID {owner[1]!r} -> {base!r}" if owner[0] == "ref"
                      else f"Client ID {base!r} (made from the client name {owner[1]!r})")
            self.report.add("warning", "client-id-collision",
                            f"{source}{f' -> {held!r}' if held != base else ''} is already the Client ID of {whose}; "
                            f"this one gets {cid!r}", row=line, column="Client ID", file=file)
        self.id_owner[cid] = owner
        return cid
