"""The firm's matters as words a lawyer says: client name, matter name and Matter ID, each split into words.

`fit(words)` answers "which matters could these words mean?" — every word must belong to the matter (its client,
its name or its ID), with a close spelling allowed for longer words. The resolver of the entries job
(resolve.MatterIndex) answers the exact forms (a Matter ID, 'Smith file'); this answers the free ones
('the Acme lease', 'Garcia estate') that a resolver of whole labels cannot.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..resolve import Matter, MatterIndex, normalize

# Words that say nothing about which matter: articles, 'file', company suffixes, titles.
STOP = frozenset("""the a an of for on in re regarding file files matter matters case cases account client clients mr
mrs ms dr inc incorporated llc llp ltd limited corp corporation co company and s my our his her their its new v vs
to with at by from this that na n""".split())
TYPO_CUTOFF = 0.8


def stem(word: str) -> str:
    """'leases' and 'lease', 'notes' and 'note' are one word here."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words_of(text: str) -> list[str]:
    return [stem(w) for w in normalize(text).split() if w not in STOP]


@dataclass(frozen=True)
class Fit:
    matters: tuple[Matter, ...]
    how: str                     # full | typo | client (only the client's words fit) | none
    client_only: bool = False    # every word said is the client's: 'Smith', 'Acme'
    typos: tuple[tuple[str, str], ...] = ()   # (said, taken as)
    names_client: bool = False   # some word said is the client's name (not only the matter's)


class Catalog:
    def __init__(self, matters: list[Matter]) -> None:
        self.matters = list(matters)
        self.index = MatterIndex(self.matters)
        self.client_words: list[set[str]] = []
        self.name_words: list[set[str]] = []
        self.id_words: list[set[str]] = []
        self.by_word: dict[str, set[int]] = {}
        for i, m in enumerate(self.matters):
            client = set(_with_joins(m.client_name)) | set(words_of(m.client_id.replace("-", " ")))
            ids = {stem(w) for ref in (m.matter_id, m.source_ref) if ref for w in normalize(ref).split()
                   if not w.isdigit()}         # '2024' alone is a year, not matter 2024-017
            ids |= {normalize(ref).replace(" ", "") for ref in (m.matter_id, m.source_ref) if ref}
            name = set(_with_joins(m.matter_name))
            self.client_words.append(client)
            self.name_words.append(name)
            self.id_words.append(ids)
            for w in client | ids | name:
                self.by_word.setdefault(w, set()).add(i)
        self.vocabulary = sorted(self.by_word)

    def by_id(self, token: str) -> Matter | None:
        """The matter whose ID (or the system's own reference) this token is, when exactly one is."""
        res = self.index.resolve("", token)
        return res.matter if res.ok and res.by == "id" and res.stage in ("exact", "normalized") else None

    def fit(self, said: str, *, strict: bool = True, typos: bool = False) -> Fit:
        """The matters these words can mean. strict: the words must name a client or ID (or the whole matter name),
        so a stray 'estate' or 'contract' in a narrative is not taken for a matter. typos: a longer word may be a
        close spelling ('Smyth'); asked only where the form says a name follows ('<X> file')."""
        words = words_of(said)
        if not words:
            return Fit((), "none")
        found, typos = self._matching(words, typos)
        if found:
            distinctive = [i for i in found if self._distinctive(i, words, typos)]
            if distinctive or not strict:
                chosen = distinctive or sorted(found)
                client_only = all(_taken(w, typos) in self.client_words[i] for i in chosen for w in words)
                names = any(_taken(w, typos) in self.client_words[i] for i in chosen for w in words)
                return Fit(tuple(self.matters[i] for i in chosen), "typo" if typos else "full", client_only,
                           tuple(typos.items()), names)
        # Only some words fit: the client's name is said, the rest is not a matter of that client.
        client_hits = [w for w in words if any(w in c for c in self.client_words)]
        if client_hits:
            pool = set.intersection(*({i for i, c in enumerate(self.client_words) if w in c} for w in client_hits))
            if pool:
                return Fit(tuple(self.matters[i] for i in sorted(pool)), "client")
        return Fit((), "none")

    def _matching(self, words: list[str], close: bool) -> tuple[set[int], dict[str, str]]:
        found: set[int] | None = None
        typos: dict[str, str] = {}
        for w in words:
            hit = self.by_word.get(w)
            if hit is None and close and len(w) >= 4 and not w.isdigit():
                close = difflib.get_close_matches(w, self.vocabulary, n=1, cutoff=TYPO_CUTOFF)
                if close:
                    typos[w] = close[0]
                    hit = self.by_word[close[0]]
            if hit is None:
                return set(), {}
            found = set(hit) if found is None else found & hit
            if not found:
                return set(), {}
        return found or set(), typos

    def _distinctive(self, i: int, words: list[str], typos: dict[str, str]) -> bool:
        said = {_taken(w, typos) for w in words}
        return bool(said & (self.client_words[i] | self.id_words[i])) or said >= self.name_words[i]


def _taken(word: str, typos: dict[str, str]) -> str:
    return typos.get(word, word)


def _with_joins(text: str) -> list[str]:
    """The words and each pair run together: 'O'Brien' is said 'OBrien' too."""
    words = words_of(text)
    raw = normalize(text).split()
    return words + [a + b for a, b in zip(raw, raw[1:]) if len(a) <= 2 or len(b) <= 2]
