"""Matter resolution: turn the client and matter a lawyer spoke ("Smith file") into one row of the firm's matter list.

Stages, tried in order, stop at the first that decides:
1. exact: the Matter ID, or client + matter name as written;
2. normalized: the same, ignoring case, accents, punctuation and spacing;
3. spoken: "Smith file" / "the Smith matter" / a bare client -> that client's only live matter;
4. typos: difflib similarity on client + matter name, with a warning naming both.
Two equally good candidates, or none, is an error: the target's import would fail on that row.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

# A typo match needs this similarity (difflib ratio on the normalized "client matter" text) ...
TYPO_THRESHOLD = 0.85
# ... and must beat the runner-up by this much, or the two are "equally good".
TYPO_MARGIN = 0.03

_SPOKEN = re.compile(r"^(?:the\s+)?(?P<who>.+?)(?:'s)?\s+(?:file|matter|case|account)$", re.IGNORECASE)


@dataclass(frozen=True)
class Matter:
    """One row of CaseClock's matter import CSV (the matters job's output)."""
    client_id: str
    client_name: str
    matter_id: str
    matter_name: str
    jurisdiction: str = ""
    practice_area: str = ""
    rate: Decimal | None = None
    line: int | None = None
    # The system's own reference exactly as its export wrote it, when CaseClock's ID rule rewrote it for the Matter
    # ID (`00012 Acme` -> `00012-Acme`); billing files must carry this one: the system matches on it exactly.
    source_ref: str = ""

    @property
    def ref(self) -> str:
        """The reference a billing system matches on: its own, as it wrote it."""
        return self.source_ref or self.matter_id


@dataclass(frozen=True)
class Resolution:
    matter: Matter | None
    stage: str                      # exact | normalized | spoken | typo | ambiguous | none
    by: str = ""                    # "id" when the Matter ID matched, "name" otherwise
    candidates: tuple[Matter, ...] = ()

    @property
    def ok(self) -> bool:
        return self.matter is not None


def normalize(text: str) -> str:
    """Lower-case ASCII words: accents dropped, punctuation and spacing ignored ('Acme Widgets, Inc.' -> 'acme widgets inc')."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", folded))


def client_differs(client: str, m: Matter) -> bool:
    """The entry's client is clearly someone else than the matter's client: not the same name or ID (ignoring case,
    accents, punctuation and word order), not a part of it ('Smith' for 'Smith, John'), and not a close spelling.
    An empty client never differs."""
    said = normalize(client)
    if not said:
        return False
    words = set(said.split())
    for known in {normalize(m.client_name), normalize(m.client_id)} - {""}:
        if said == known or words <= set(known.split()) or set(known.split()) <= words:
            return False
        if difflib.SequenceMatcher(None, said, known).ratio() >= TYPO_THRESHOLD:
            return False
    return True


def describe(m: Matter) -> str:
    return f"{m.ref} ({m.client_name}: {m.matter_name})"


class MatterIndex:
    """The firm's live matters, indexed for the four stages. Results are cached per (client, matter) label."""

    def __init__(self, matters: list[Matter]) -> None:
        self.matters = list(matters)
        self._cache: dict[tuple[str, str], Resolution] = {}
        self._by_id: dict[str, list[Matter]] = {}
        self._by_id_norm: dict[str, list[Matter]] = {}
        self._by_client_norm: dict[str, list[Matter]] = {}
        self._by_name_norm: dict[str, list[Matter]] = {}
        for m in self.matters:
            self._by_name_norm.setdefault(normalize(m.matter_name), []).append(m)
            for ref in dict.fromkeys((m.matter_id, m.source_ref)):
                if ref:
                    self._by_id.setdefault(ref, []).append(m)
            for ref in {normalize(m.matter_id), normalize(m.source_ref)} - {""}:
                self._by_id_norm.setdefault(ref, []).append(m)
            for key in {normalize(m.client_name), normalize(m.client_id)} - {""}:
                self._by_client_norm.setdefault(key, []).append(m)

    def same_name(self, m: Matter) -> list[Matter]:
        """Every matter in the list whose name is m's name (ignoring case, accents, punctuation and spacing)."""
        return list(self._by_name_norm.get(normalize(m.matter_name), [m]))

    def resolve(self, client: str, matter: str) -> Resolution:
        key = (client.strip(), matter.strip())
        if key not in self._cache:
            self._cache[key] = self._resolve(*key)
        return self._cache[key]

    def _resolve(self, client: str, matter: str) -> Resolution:
        for stage in (self._exact, self._normalized, self._spoken, self._typo):
            found = stage(client, matter)
            if found is not None:
                return found
        return Resolution(None, "none")

    # -- stages -----------------------------------------------------------------------------------------------
    def _exact(self, client: str, matter: str) -> Resolution | None:
        by_id = self._by_id.get(matter, []) if matter else []
        by_name = [m for m in self.matters if matter and m.matter_name == matter
                   and client in (m.client_name, m.client_id)]
        return _decide("exact", by_id, by_name)

    def _normalized(self, client: str, matter: str) -> Resolution | None:
        c, t = normalize(client), normalize(matter)
        if not t:
            return None
        by_id = self._by_id_norm.get(t, [])
        pool = self._by_client_norm.get(c, []) if c else self.matters
        by_name = [m for m in pool if normalize(m.matter_name) == t]
        return _decide("normalized", by_id, by_name)

    def _spoken(self, client: str, matter: str) -> Resolution | None:
        """'Smith file', 'the Smith matter', or no matter at all: the client's only live matter."""
        spoken = _SPOKEN.match(matter.strip())
        if spoken:
            who = normalize(spoken.group("who"))
        elif not matter.strip():
            who = normalize(client)
        else:
            return None
        if not who:
            return None
        pool = self._clients_named(who)
        if client and spoken and normalize(client) and normalize(client) != who:
            pool = [m for m in pool if normalize(client) in (normalize(m.client_name), normalize(m.client_id))] or pool
        if not pool:
            return None
        if len(pool) == 1:
            return Resolution(pool[0], "spoken", "name")
        return Resolution(None, "ambiguous", candidates=tuple(pool))

    def _clients_named(self, who: str) -> list[Matter]:
        """Matters whose client name contains every spoken word ('smith' matches 'Smith, John' and 'John Smith')."""
        exact = self._by_client_norm.get(who)
        if exact:
            return list(exact)
        words = set(who.split())
        return [m for m in self.matters if words <= set(normalize(m.client_name).split())]

    def _typo(self, client: str, matter: str) -> Resolution | None:
        said = normalize(f"{client} {matter}")
        said_matter = normalize(matter)
        if not said_matter:
            return None
        # A spoken reference (it has digits) is a number, not a spelling: `00013-Smith` is not a typo of
        # `00015-Smith`. Its digits must be those of the candidate's reference (or name) exactly.
        digits = _digits(matter)
        scored: list[tuple[float, Matter]] = []
        for m in self.matters:
            if digits and digits not in {_digits(m.matter_id), _digits(m.source_ref), _digits(m.matter_name)}:
                continue
            whole = difflib.SequenceMatcher(None, said, normalize(f"{m.client_name} {m.matter_name}")).ratio()
            ident = difflib.SequenceMatcher(None, said_matter, normalize(m.matter_id)).ratio()
            scored.append((max(whole, ident), m))
        scored.sort(key=lambda s: -s[0])
        if not scored or scored[0][0] < TYPO_THRESHOLD:
            return None
        best = scored[0][0]
        tied = [m for score, m in scored if best - score < TYPO_MARGIN]
        if len(tied) > 1:
            return Resolution(None, "ambiguous", candidates=tuple(tied))
        return Resolution(scored[0][1], "typo", "name")


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", text))


def _decide(stage: str, by_id: list[Matter], by_name: list[Matter]) -> Resolution | None:
    if len(by_id) == 1:
        return Resolution(by_id[0], stage, "id")
    if len(by_id) > 1:
        return Resolution(None, "ambiguous", candidates=tuple(by_id))
    if len(by_name) == 1:
        return Resolution(by_name[0], stage, "name")
    if len(by_name) > 1:
        return Resolution(None, "ambiguous", candidates=tuple(by_name))
    return None
