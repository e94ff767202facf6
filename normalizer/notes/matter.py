"""Decide the note's matter from its phrases (matter_phrase.py) and the firm's list (catalog.py).

The strongest form said decides: a Matter ID, then '<X> file', then the free phrases, then a client's name inside
the narrative. Never the wrong matter silently: several fitting matters is 'ambiguous' with the candidates, a named
matter not in the list is 'not-found', and anything short of an exact reading carries a stage the job reports.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..resolve import Matter
from .catalog import Catalog, Fit
from .matter_phrase import Phrase, phrases
from .spans import Span

# stage -> confidence of the match
CONFIDENCE = {"id": 1.0, "named": 0.95, "spoken": 0.9, "typo": 0.7, "partial": 0.6, "inferred": 0.6,
              "ambiguous": 0.0, "not-found": 0.0, "missing": 0.0}


@dataclass(frozen=True)
class MatterFind:
    matter: Matter | None
    stage: str                             # one of CONFIDENCE's keys
    said: str = ""                         # the words that named it
    source: Span | None = None             # where they are in the line
    removed: tuple[Span, ...] = ()         # text to take out of the description
    candidates: tuple[Matter, ...] = ()
    typos: tuple[tuple[str, str], ...] = ()

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.stage]


def find(line: str, catalog: Catalog) -> MatterFind:
    found = phrases(line, lambda token: catalog.by_id(token) is not None)
    for p in (p for p in found if p.strength == 3):
        return _found(catalog.by_id(p.words[0].text.lstrip("#").rstrip(".")), "id", p, len(p.words))
    for p in (p for p in found if p.strength == 2):
        decided = _kind_phrase(p, catalog)
        if decided is not None:
            return decided
    weak = _weak(found, catalog)
    if weak is not None:
        return weak
    inferred = _inferred(found, catalog)
    if inferred is not None:
        return inferred
    named = [p for p in found if p.strength == 1 and any(t.text[:1].isupper() and not t.opens for t in p.words)]
    if named:
        return MatterFind(None, "not-found", named[0].said(), named[0].span(), ())
    return MatterFind(None, "missing")


def _kind_phrase(p: Phrase, catalog: Catalog) -> MatterFind | None:
    """'Smith file': the entries job's resolver first (its 'spoken' stage), then the words without 'file'."""
    res = catalog.index.resolve("", p.said())
    if res.ok and res.stage in ("exact", "normalized", "spoken"):
        return _found(res.matter, "spoken" if res.stage == "spoken" else "named", p)
    if res.stage == "ambiguous" and not res.ok:
        return MatterFind(None, "ambiguous", p.said(), p.span(), (p.span(),), res.candidates)
    proper = any(t.text[:1].isupper() or any(c.isdigit() for c in t.text) for t in p.words[:-1])
    fit = catalog.fit(p.said(len(p.words) - 1), strict=False, typos=True)
    if fit.matters and (proper or fit.names_client):      # 'loan file' is no name; 'smith file' is
        return _from_fit(fit, p, len(p.words))
    if proper:
        return MatterFind(None, "not-found", p.said(), p.span(), (p.span(),))
    return None


def _weak(found: list[Phrase], catalog: Catalog) -> MatterFind | None:
    """Phrases after 'on/for/re/in/with' or opening a part: the longest run of words that fits. Several phrases
    narrow each other ('for Acme … the Acme lease'); phrases naming different matters leave it ambiguous."""
    fits: list[tuple[Phrase, int, Fit]] = []
    for p in (p for p in found if p.strength == 1):
        caption = _caption(p)
        for n in range(len(p.words), 0, -1):
            if caption is not None and n < caption:
                break
            fit = catalog.fit(p.said(n))
            if fit.how in ("full", "typo") or (caption is not None and fit.how == "client"):
                fits.append((p, n, fit))
                break
    if not fits:
        return None
    common = set.intersection(*(set(f.matters) for _, _, f in fits))
    if common:
        # The phrase that says most: fewest matters, then one naming the client, then one opening a part
        # ('— Acme lease'), then the last said.
        p, n, fit = min(fits, key=lambda x: (len(x[2].matters), not x[2].names_client, not x[0].words[0].opens,
                                             -x[0].lead))
        removed = (p.span(n),) if p.removable else ()
        if len(common) == 1:
            stage = _stage(fit)
            return MatterFind(next(iter(common)), stage, p.said(n), p.span(n), removed, (), fit.typos)
        return MatterFind(None, "ambiguous", p.said(n), p.span(n), removed,
                          tuple(m for m in catalog.matters if m in common))
    everyone = {m for _, _, f in fits for m in f.matters}
    p, n, _ = fits[0]
    return MatterFind(None, "ambiguous", " / ".join(q.said(k) for q, k, _ in fits), p.span(n), (),
                      tuple(m for m in catalog.matters if m in everyone))


def _caption(p: Phrase) -> int | None:
    """'Smith v. County': the fewest words a phrase holding a case caption may be cut to (the whole caption)."""
    for i, t in enumerate(p.words[:-1]):
        if t.low in ("v", "vs", "v.") and i > 0:
            return i + 2
    return None


def _inferred(found: list[Phrase], catalog: Catalog) -> MatterFind | None:
    """A client's name inside the narrative ('call with Nguyen re …'): exact words only, and reported."""
    hits = []
    for p in (p for p in found if p.strength == 0):
        fit = catalog.fit(p.said())
        if fit.how == "full" and fit.client_only:
            hits.append((p, fit))
    if not hits:
        return None
    common = set.intersection(*(set(f.matters) for _, f in hits))
    p = hits[0][0]
    if len(common) == 1:
        return MatterFind(next(iter(common)), "inferred", p.said(), p.span())
    pool = common or {m for _, f in hits for m in f.matters}
    return MatterFind(None, "ambiguous", p.said(), p.span(), (), tuple(m for m in catalog.matters if m in pool))


def _from_fit(fit: Fit, p: Phrase, n: int) -> MatterFind:
    if len(fit.matters) == 1:
        return MatterFind(fit.matters[0], _stage(fit), p.said(n), p.span(n), (p.span(n),) if p.removable else (),
                          (), fit.typos)
    return MatterFind(None, "ambiguous", p.said(n), p.span(n), (p.span(n),) if p.removable else (), fit.matters)


def _stage(fit: Fit) -> str:
    if fit.how == "typo":
        return "typo"
    if fit.how == "client":
        return "partial"
    return "spoken" if fit.client_only else "named"


def _found(matter: Matter, stage: str, p: Phrase, n: int | None = None) -> MatterFind:
    return MatterFind(matter, stage, p.said(n), p.span(n), (p.span(n),) if p.removable else ())
