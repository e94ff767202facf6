"""Matter resolution: turn the client and matter a lawyer spoke ("Smith file") into one row of the firm's matter list.

Stages, tried in order, stop at the first that decides:
1. reference: the Matter ID (or the system's own reference) as written, then ignoring case, accents and punctuation;
2. client: the clients the entry's Client names -- the same name ignoring case, accents, punctuation, word order and
   company endings (`Chidi Okafor` = `Okafor, Chidi`; `Northwind Traders` = `Northwind Traders, LLC`), a part of it
   (`Smith` for `Smith, John`, `Cote` for `Les Entreprises Côté & Frères inc.`), else a close spelling -- and only
   their matters are candidates (no Client: every matter);
3. name: the matter's name as written, then ignoring case, accents and punctuation;
4. words: every word of the Matter is a word of one matter's client, name or number. Client words only (`Smith file`,
   `the Smith matter`, or no Matter at all) -> that client's only live matter ("spoken"); words of the matter's own
   name too (`Smith divorce`, `Supply contract`) -> "partial"; a word found only by a close spelling (`Suply`) ->
   "typo";
5. typos: difflib similarity on the whole client + matter text.
Two equally good candidates -> "ambiguous"; a closed matter -> "closed"; nothing -> "none" with the nearest matters.
The entries job reports each of those as an error naming the candidates: the wrong matter is never taken silently.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .clean import ascii_fold

# A typo match needs this similarity (difflib ratio on the normalized "client matter" text) ...
TYPO_THRESHOLD = 0.85
# ... and must beat the runner-up by this much, or the two are "equally good".
TYPO_MARGIN = 0.03
# One word read as a close spelling of another ('suply' / 'supply', 'okafur' / 'okafor') needs this difflib ratio,
# and both words this many letters: short words are too alike by chance ('IT' is not 'Al').
WORD_THRESHOLD = 0.8
WORD_MIN = 4
# How many candidates a message names.
NEAREST = 3

# Words that name neither a client nor a matter: how a matter is spoken of ("the Smith file", "re Acme", "on the
# Jones matter", "Smith's case", "Pelletier c. Tremblay") and joining words ('&' / 'and' / 'et').
_FILLER = frozenset("""the a an of on for re in at to and et file files matter matters case cases account dossier
s v vs c le la les l d de du des au aux""".split())
# Company endings a lawyer leaves out ("Northwind" for "Northwind Traders, LLC"); dotted or not (`S.E.N.C.R.L.`).
_ENDINGS = ("inc", "incorporated", "corp", "corporation", "co", "llc", "llp", "lllp", "lp", "pllc", "plc", "ltd",
            "limited", "ltee", "pc", "sa", "sas", "sarl", "srl", "gmbh", "ag", "bv", "nv", "pty", "ulc", "senc",
            "sencrl", "enr")
_ENDING = re.compile(r"(?:^|[\s,;(&])(?:" + "|".join(r"\.?\s*".join(e) for e in _ENDINGS) + r")\.?\)?\s*$")
_WORD = re.compile(r"[^\W_]+")


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
    # open | pending | closed, when the matter list has a status column ("" when it has none: every row is live).
    status: str = ""

    @property
    def ref(self) -> str:
        """The reference a billing system matches on: its own, as it wrote it."""
        return self.source_ref or self.matter_id

    @property
    def closed(self) -> bool:
        return self.status == "closed"


@dataclass(frozen=True)
class Resolution:
    matter: Matter | None
    stage: str                      # exact | normalized | spoken | partial | typo | ambiguous | closed | none
    by: str = ""                    # "id" when the Matter ID matched, "name" otherwise
    candidates: tuple[Matter, ...] = ()     # ambiguous: the matters that fit equally; closed: the closed matter(s)
    nearest: tuple[Matter, ...] = ()        # none: the nearest matters; closed: the client's live matters
    client: str = ""                # how the entry's Client was read: exact | normalized | variant | part | close |
                                    # unknown (no client fits) | "" (no Client, or the Matter ID decided)
    client_as: str = ""             # the list's client name when the Client was read loosely (variant/part/close)

    @property
    def ok(self) -> bool:
        return self.matter is not None


def normalize(text: str) -> str:
    """Lower-case ASCII words: accents dropped, punctuation and spacing ignored ('Acme Widgets, Inc.' -> 'acme widgets inc')."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", folded))


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of a label as they are compared: accents folded (`ø` -> `o` too), lower case, filler left out."""
    return tuple(w for w in _WORD.findall(ascii_fold(text).casefold()) if w not in _FILLER)


@lru_cache(maxsize=8192)
def core_words(name: str) -> frozenset[str]:
    """A client name's words without its company ending(s) and filler, in no order: `Okafor, Chidi` and
    `Chidi Okafor` are the same set, and so are `Les Entreprises Côté & Frères inc.` and
    `Entreprises Cote et Freres`."""
    text = ascii_fold(name).casefold().strip()
    while True:
        cut = _ENDING.sub("", text).rstrip(" ,;&")
        if cut == text or not words(cut):
            break
        text = cut
    return frozenset(words(text))


def _is_ending(word: str) -> bool:
    return word in _ENDINGS


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def client_differs(client: str, m: Matter) -> bool:
    """The entry's client is clearly someone else than the matter's client: not the same name or ID (ignoring case,
    accents, punctuation, word order and company endings), not a part of it ('Smith' for 'Smith, John'), and not a
    close spelling.
    An empty client never differs."""
    said = normalize(client)
    if not said:
        return False
    core, known_core = core_words(client), core_words(m.client_name)
    if core and known_core and (core <= known_core or known_core <= core):     # 'Northwind Traders' = '…, LLC'
        return False
    words_ = set(said.split())
    for known in {normalize(m.client_name), normalize(m.client_id)} - {""}:
        if said == known or words_ <= set(known.split()) or set(known.split()) <= words_:
            return False
        if difflib.SequenceMatcher(None, said, known).ratio() >= TYPO_THRESHOLD:
            return False
    return True


def describe(m: Matter) -> str:
    return f"{m.ref} ({m.client_name}: {m.matter_name}{'; closed' if m.closed else ''})"


def listing(matters, limit: int = NEAREST) -> str:
    """`A; B; C` and how many more, for messages."""
    matters = list(matters)
    text = "; ".join(describe(m) for m in matters[:limit])
    return text + (f"; and {len(matters) - limit} more" if len(matters) > limit else "")


@dataclass(frozen=True)
class _Client:
    name: str
    id: str
    key: str                        # normalize(name)
    core: frozenset[str]            # core_words(name)
    matters: tuple[Matter, ...]

    @property
    def live(self) -> list[Matter]:
        return [m for m in self.matters if not m.closed]


@dataclass(frozen=True)
class _Words:
    """A matter's words: its client's (name, Client ID, and the letters of its reference such as the `Acme` of
    `00012-Acme`) and its own (its name's words that are not its client's, and its reference's numbers)."""
    client: frozenset[str]
    own: frozenset[str]


@dataclass(frozen=True)
class _Fit:
    matter: Matter
    score: float          # mean similarity of the words given (1.0 each when exact)
    names_it: bool        # a word of the matter's own name or number, not only its client's
    close: bool           # some word found only by a close spelling


class MatterIndex:
    """The firm's matters (live and closed), indexed for the stages. Results are cached per (client, matter) label."""

    def __init__(self, matters: list[Matter]) -> None:
        self.matters = list(matters)
        self._cache: dict[tuple[str, str], Resolution] = {}
        self._by_id: dict[str, list[Matter]] = {}
        self._by_id_norm: dict[str, list[Matter]] = {}
        self._by_name_norm: dict[str, list[Matter]] = {}
        self._words: dict[int, _Words] = {}
        self._containing: dict[str, list[Matter]] = {}      # word -> matters holding it (client or own)
        clients: dict[tuple[str, str], list[Matter]] = {}
        for m in self.matters:
            self._by_name_norm.setdefault(normalize(m.matter_name), []).append(m)
            for ref in dict.fromkeys((m.matter_id, m.source_ref)):
                if ref:
                    self._by_id.setdefault(ref, []).append(m)
            for ref in {normalize(m.matter_id), normalize(m.source_ref)} - {""}:
                self._by_id_norm.setdefault(ref, []).append(m)
            clients.setdefault((m.client_id, m.client_name), []).append(m)
            ref_words = set(words(m.matter_id)) | set(words(m.source_ref))
            client_words = set(words(m.client_name)) | set(words(m.client_id)) | {
                w for w in ref_words if not _has_digit(w)}
            own = (set(words(m.matter_name)) - client_words) | {w for w in ref_words if _has_digit(w)}
            self._words[id(m)] = _Words(frozenset(client_words), frozenset(own))
            for w in client_words | own:
                self._containing.setdefault(w, []).append(m)
        self._clients = [_Client(name, cid, normalize(name), core_words(name), tuple(ms))
                         for (cid, name), ms in clients.items()]
        self._client_of = {id(m): c for c in self._clients for m in c.matters}
        self._vocabulary = [w for w in self._containing if len(w) >= WORD_MIN and not _has_digit(w)]
        self._similar_cache: dict[str, dict[str, float]] = {}

    def same_name(self, m: Matter) -> list[Matter]:
        """Every matter in the list whose name is m's name (ignoring case, accents, punctuation and spacing)."""
        return list(self._by_name_norm.get(normalize(m.matter_name), [m]))

    def resolve(self, client: str, matter: str) -> Resolution:
        key = (client.strip(), matter.strip())
        if key not in self._cache:
            self._cache[key] = self._resolve(*key)
        return self._cache[key]

    def _resolve(self, client: str, matter: str) -> Resolution:
        found = self._reference(matter)
        if found is not None:
            return found
        if client:
            how, clients = self._clients_named(client)
            if not clients:
                return Resolution(None, "none", nearest=self._nearest(matter, self.matters), client="unknown")
            pool = [m for c in clients for m in c.matters]
        else:
            how, clients, pool = "", [], self.matters
        found = self._name(matter, pool)
        if found is None:
            found = self._words_of(client, matter, pool, clients)
        if found is None:
            found = self._typo(client, matter, pool)
        if found is not None:
            return self._finish(found, how, clients)
        return Resolution(None, "none", nearest=self._nearest(matter, pool), client=how)

    def _finish(self, res: Resolution, how: str, clients: list[_Client]) -> Resolution:
        """The stage the whole label earns: the loosest of how the Client and the Matter were read. A decided matter
        that is closed becomes "closed", naming its client's live matters."""
        client_as = ""
        if how in ("variant", "part", "close"):
            decided = res.matter or (res.candidates[0] if res.stage == "closed" and res.candidates else None)
            owner = self._client_of[id(decided)] if decided is not None else (clients[0] if len(clients) == 1 else None)
            client_as = owner.name if owner is not None else ""
        if res.matter is None:
            return Resolution(None, res.stage, res.by, res.candidates, res.nearest, how, client_as)
        if res.matter.closed:
            owner = self._client_of[id(res.matter)]
            return Resolution(None, "closed", res.by, (res.matter,), tuple(owner.live), how, client_as)
        order = ("exact", "normalized", "partial", "spoken", "typo")
        from_client = {"": "exact", "exact": "exact", "normalized": "normalized", "variant": "normalized",
                       "part": "partial", "close": "typo"}[how]
        stage = max(res.stage, from_client, key=order.index)
        return Resolution(res.matter, stage, res.by, res.candidates, res.nearest, how, client_as)

    # -- stages -----------------------------------------------------------------------------------------------
    def _reference(self, matter: str) -> Resolution | None:
        """The Matter ID as written, then ignoring case, accents and punctuation; whatever the Client says (the
        entries job checks that the two agree)."""
        for stage, found in (("exact", self._by_id.get(matter, []) if matter else []),
                             ("normalized", self._by_id_norm.get(normalize(matter), []) if matter else [])):
            found = list(dict.fromkeys(found))
            if len(found) > 1:
                return Resolution(None, "ambiguous", "id", tuple(found))
            if found:
                m = found[0]
                if m.closed:
                    owner = self._client_of[id(m)]
                    return Resolution(None, "closed", "id", (m,), tuple(owner.live))
                return Resolution(m, stage, "id")
        return None

    def _clients_named(self, client: str) -> tuple[str, list[_Client]]:
        """Which clients the Client names, and how: exact, normalized, variant (word order, company ending), part
        (some of the name's words) or close (a close spelling); the best way found, every client found that way."""
        said, key, core = client, normalize(client), core_words(client)
        if not key:
            return "", []
        for how, test in (("exact", lambda c: said in (c.name, c.id)),
                          ("normalized", lambda c: key in (c.key, normalize(c.id))),
                          ("variant", lambda c: bool(core) and core == c.core),
                          ("part", lambda c: bool(core) and (core < c.core or bool(c.core) and c.core < core)),
                          ("close", lambda c: self._close_client(core, c))):
            found = [c for c in self._clients if test(c)]
            if found:
                return how, found
        return "unknown", []

    def _close_client(self, core: frozenset[str], c: _Client) -> bool:
        """Every word given is a word of the client's name or a close spelling of one (`Okafur` for `Okafor`), or
        the whole name is a close spelling (`Northwind Tradrs`)."""
        if not core or not c.core:
            return False
        if difflib.SequenceMatcher(None, " ".join(sorted(core)), " ".join(sorted(c.core))).ratio() >= TYPO_THRESHOLD:
            return True
        return len(core) <= len(c.core) and all(w in c.core or _close(w, c.core) for w in core)

    def _name(self, matter: str, pool: list[Matter]) -> Resolution | None:
        """The matter's name as written, then ignoring case, accents and punctuation."""
        if not matter:
            return None
        for stage, same in (("exact", lambda m: m.matter_name == matter),
                            ("normalized", lambda m: normalize(m.matter_name) == normalize(matter))):
            found = [m for m in pool if same(m)]
            if len(found) > 1:
                return Resolution(None, "ambiguous", "name", tuple(found))
            if found:
                return Resolution(found[0], stage, "name")
        return None

    def _words_of(self, client: str, matter: str, pool: list[Matter], clients: list[_Client]) -> Resolution | None:
        """Every word of the Matter is a word of one matter's client, name or number."""
        said = tuple(dict.fromkeys(w for w in words(matter) if not _is_ending(w)))
        if not said:
            if matter and not client:
                return None           # only filler ("file") and no client: nothing to go on
            return self._only_live(clients, close=False) if clients else None
        candidates: set[int] | None = None
        for w in said:
            holding = {id(m) for v in (w, *self._similar(w)) for m in self._containing.get(v, ())}
            candidates = holding if candidates is None else candidates & holding
            if not candidates:
                return None
        fits = [f for m in pool if id(m) in candidates and (f := self._fit(said, m)) is not None]
        if not fits:
            return None
        exact = [f for f in fits if not f.close]
        group, close = (exact, False) if exact else (fits, True)     # a close spelling only when nothing is exact
        named = [f for f in group if f.names_it]
        owners = list({id(c): c for c in (self._client_of[id(f.matter)] for f in group if not f.names_it)}.values())
        if not named:
            # Only a client's words ('Smith file'): that client's only live matter.
            return self._only_live(owners, close=close)
        if owners:
            # The words are one client's name and also words of another matter's own name ('Smith' for the client
            # Smith, John and for Doe, Jane's 'Estate of Harold Smith'): both readings stand.
            both = dict.fromkeys([f.matter for f in named] + [m for c in owners for m in c.live])
            return Resolution(None, "ambiguous", "name", tuple(both))
        if not close:
            if len(named) == 1:
                return Resolution(named[0].matter, "partial", "name")
            return Resolution(None, "ambiguous", "name", tuple(f.matter for f in named))
        named.sort(key=lambda f: -f.score)
        tied = [f.matter for f in named if named[0].score - f.score < TYPO_MARGIN]
        if len(tied) > 1:
            return Resolution(None, "ambiguous", "name", tuple(tied))
        return Resolution(named[0].matter, "typo", "name")

    def _only_live(self, clients: list[_Client], *, close: bool) -> Resolution:
        """A client named without a matter: its only live matter (its closed matters do not count)."""
        live = [m for c in clients for m in c.live]
        if len(live) == 1:
            return Resolution(live[0], "typo" if close else "spoken", "name")
        if len(live) > 1:
            return Resolution(None, "ambiguous", "name", tuple(live))
        closed = tuple(m for c in clients for m in c.matters)
        if len(closed) == 1:
            return Resolution(closed[0], "spoken", "name")     # _finish names it as closed
        return Resolution(None, "closed", "name", closed)

    def _fit(self, said: tuple[str, ...], m: Matter) -> _Fit | None:
        """How m's words cover every word given, or None when one word is not m's (nor a close spelling of one)."""
        mine = self._words[id(m)]
        total, names_it, close = 0.0, False, False
        for w in said:
            if w in mine.own:
                total, names_it = total + 1, True
            elif w in mine.client:
                total += 1
            else:
                similar = self._similar(w)
                best = max(((r, v in mine.own) for v, r in similar.items() if v in mine.own or v in mine.client),
                           default=None)
                if best is None:
                    return None
                total, close, names_it = total + best[0], True, names_it or best[1]
        return _Fit(m, total / len(said), names_it, close)

    def _similar(self, word: str) -> dict[str, float]:
        """Words of the matter list that are close spellings of `word` (never for numbers or short words)."""
        if word in self._similar_cache:
            return self._similar_cache[word]
        found: dict[str, float] = {}
        if len(word) >= WORD_MIN and not _has_digit(word):
            sm = difflib.SequenceMatcher(None, "", word)
            for v in self._vocabulary:
                if v == word or abs(len(v) - len(word)) > len(word) // 2:
                    continue
                sm.set_seq1(v)
                if sm.real_quick_ratio() >= WORD_THRESHOLD and sm.quick_ratio() >= WORD_THRESHOLD \
                        and sm.ratio() >= WORD_THRESHOLD:
                    found[v] = sm.ratio()
        if len(self._similar_cache) < 8192:
            self._similar_cache[word] = found
        return found

    def _typo(self, client: str, matter: str, pool: list[Matter]) -> Resolution | None:
        said = normalize(f"{client} {matter}")
        said_matter = normalize(matter)
        if not said_matter:
            return None
        # A spoken reference (it has digits) is a number, not a spelling: `00013-Smith` is not a typo of
        # `00015-Smith`. Its digits must be those of the candidate's reference (or name) exactly.
        digits = _digits(matter)
        scored: list[tuple[float, Matter]] = []
        for m in pool:
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

    # -- when nothing fits ------------------------------------------------------------------------------------
    def _nearest(self, matter: str, pool: list[Matter]) -> tuple[Matter, ...]:
        """Up to NEAREST matters worth naming when none fits: live ones before closed, then by the share of the words
        given that they hold (close spellings counting as much as they are alike) and how alike the names are.
        From the client's matters when the Client was recognised, else from the whole list; a matter sharing nothing
        with the label is named only when it is one of the recognised client's."""
        said = tuple(dict.fromkeys(w for w in words(matter) if not _is_ending(w)))
        whole_list = pool is self.matters
        name = normalize(matter)
        scored = []
        for i, m in enumerate(pool):
            mine = self._words[id(m)]
            share = 0.0
            for w in said:
                if w in mine.own or w in mine.client:
                    share += 1
                else:
                    share += max((r for v, r in self._similar(w).items() if v in mine.own or v in mine.client),
                                 default=0.0)
            share = share / len(said) if said else 0.0
            alike = difflib.SequenceMatcher(None, name, normalize(m.matter_name)).ratio() if name else 0.0
            if whole_list and share == 0 and alike < 0.6:
                continue
            scored.append((m.closed, -(share + alike / 2), i, m))
        scored.sort(key=lambda s: s[:3])
        return tuple(m for *_, m in scored[:NEAREST])


def _close(word: str, known) -> bool:
    if len(word) < WORD_MIN or _has_digit(word):
        return False
    return any(len(k) >= WORD_MIN and difflib.SequenceMatcher(None, word, k).ratio() >= WORD_THRESHOLD for k in known)


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", text))
