"""RULES § Matters: each entry's client/matter words resolved against the matter list, every way of matching
named (typo, spoken, partial, normalised), and what cannot be placed rejected."""
from __future__ import annotations

from ...resolve import client_differs, describe, listing
from ...targets import Entry
from .context import Review


def resolve(ctx, entries: list[Entry]) -> None:
    if ctx.index is None:
        return
    for e in entries:
        if not (e.client or e.matter):
            continue
        res = ctx.index.resolve(e.client, e.matter)
        e.resolution = res
        said = " / ".join(p for p in (e.client, e.matter) if p)
        read_as = f"; client {e.client!r} read as {res.client_as!r}" if res.client_as else ""
        if res.stage == "ambiguous":
            ctx.issue(e, "error", "matter-ambiguous",
                       f"{said!r} fits {len(res.candidates)} matters equally well: {listing(res.candidates)}"
                       f"{read_as}", "Matter")
        elif res.stage == "closed":
            m = res.candidates[0]
            what = (f"{said!r} is matter {m.ref} ({m.client_name}: {m.matter_name}), which is closed in the "
                    "matter list" if len(res.candidates) == 1 else
                    f"{said!r} fits only closed matters: {listing(res.candidates)}")
            live = f"one of the client's live matters: {listing(res.nearest)}" if res.nearest else \
                "a live matter (the client has none in the list)"
            ctx.issue(e, "error", "matter-is-closed",
                       f"{what}{read_as}: reopen it in {ctx.spec.system or 'the system'} and export the matter "
                       f"list again, or put the time on {live}", "Matter")
        elif res.stage == "none":
            unknown = f" (no client in the matter list is {e.client!r})" if res.client == "unknown" else ""
            nearest = f"; nearest: {listing(res.nearest)}" if res.nearest else ""
            ctx.issue(e, "error", "matter-not-found",
                       f"no matter in the matter list fits {said!r}{unknown}{nearest}", "Matter")
        elif res.stage == "typo":
            ctx.issue(e, "warning", "matter-typo",
                       f"{said!r} taken as {describe(res.matter)} (a close spelling; check it){read_as}", "Matter")
        elif res.stage == "spoken":
            ctx.issue(e, "info", "matter-spoken",
                       f"{said!r} taken as {describe(res.matter)}, the client's only live matter{read_as}",
                       "Matter")
        elif res.stage == "partial":
            ctx.issue(e, "info", "matter-partial",
                       f"{said!r} taken as {describe(res.matter)}: the only matter whose client, name or number "
                       f"holds every word given{read_as}", "Matter")
        elif res.stage == "normalized":
            ignoring = "case, accents, punctuation, word order and company endings (Inc., LLC…)" \
                if res.client == "variant" else "case, accents and punctuation"
            ctx.issue(e, "info", "matter-normalized",
                       f"{said!r} matched {describe(res.matter)} ignoring {ignoring}{read_as}", "Matter")
        if res.matter and res.by == "id" and client_differs(e.client, res.matter):
            ctx.issue(e, "error", "client-matter-mismatch",
                       f"the Matter ID {e.matter!r} belongs to {res.matter.client_name!r} "
                       f"({describe(res.matter)}), but the entry's client is {e.client!r}: "
                       "correct the client or the matter", "Client")
        if res.matter and ctx.spec.matter_field == "matter_name":
            twins = ctx.index.same_name(res.matter)
            if len(twins) > 1:
                ctx.issue(e, "error", "matter-name-not-unique",
                           f"{ctx.spec.label} matches time to a matter by its name only, and "
                           f"{res.matter.matter_name!r} names {len(twins)} matters in the matter list "
                           f"({'; '.join(describe(m) for m in twins[:5])}): the import cannot tell them apart. "
                           f"Rename one of them in {ctx.spec.system or 'the system'} first "
                           "(e.g. 'Divorce – Smith'), then export the matter list again", "Matter")
        if res.matter and e.rate is None and res.matter.rate is not None:
            e.rate, e.rate_from = res.matter.rate, "matter list"

