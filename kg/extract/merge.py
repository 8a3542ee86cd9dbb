"""One Extraction from the extractions of an article's segments (kg/extract/segments.py): offsets shifted
into the whole article, and the records of one key made one.

Actors, targets, statements, proposals, events and attributions with the same key are one record: their
tuples (evidence, aliases, rules, parties, ...) are joined in order of first appearance, a field only a
later segment fills is taken from it, and the rest is the first segment's. Keys that number sentences
(claims.py) already differ between segments: they count sentences over the whole article
(DocState.sentence_number)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, TypeVar

from kg.extract.lifecycle import earlier
from kg.model import (
    Actor,
    Article,
    Attribution,
    Commitment,
    Evidence,
    Extraction,
    Proposal,
    StatusChange,
    Target,
)

R = TypeVar("R")


def shift(value: Any, delta: int) -> Any:
    """The value with every Evidence inside it (in records, tuples, nested records) moved by `delta`."""
    if isinstance(value, Evidence):
        return Evidence(value.sentence, value.start + delta, value.end + delta)
    if isinstance(value, tuple):
        return tuple(shift(v, delta) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, (type, Article)):
        changes = {f.name: shift(getattr(value, f.name), delta) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def union(a: tuple, b: tuple) -> tuple:
    """a then what b adds, in order, without repeats."""
    return tuple(dict.fromkeys(a + b))


def join_fields(a: R, b: R) -> R:
    """One record from two of the same key: tuples joined, a field empty in `a` taken from `b`."""
    changes = {}
    for f in dataclasses.fields(a):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        if isinstance(va, tuple) and isinstance(vb, tuple):
            changes[f.name] = union(va, vb)
        elif va is None and vb is not None:
            changes[f.name] = vb
    return dataclasses.replace(a, **changes)


def join_named(a: Actor | Target, b: Actor | Target) -> Actor | Target:
    """Actors or targets: aliases and rules stay sorted, as pipeline.freeze_actor makes them."""
    out = join_fields(a, b)
    aliases = (set(out.aliases) | ({b.name} if b.name != a.name else set())) - {a.name}
    return dataclasses.replace(out, aliases=tuple(sorted(aliases)), extracted_by=tuple(sorted(out.extracted_by)))


def join_commitments(a: tuple[Commitment, ...], b: tuple[Commitment, ...]) -> tuple[Commitment, ...]:
    """One commitment per party and action, as proposers.py makes them within an article."""
    out: dict[tuple[str, str], Commitment] = {}
    for c in a + b:
        old = out.get((c.party, c.refrains_from))
        out[(c.party, c.refrains_from)] = c if old is None else join_fields(old, c)
    return tuple(out.values())


def join_status_changes(a: tuple[StatusChange, ...], b: tuple[StatusChange, ...]) -> tuple[StatusChange, ...]:
    """The first date per status, ordered by date, as lifecycle.py orders them."""
    out: dict[str, StatusChange] = {}
    for c in a + b:
        if c.status not in out or earlier(c.date, out[c.status].date):
            out[c.status] = c
    return tuple(sorted(out.values(), key=lambda c: (c.date or "9999", c.status)))


def join_proposals(a: Proposal, b: Proposal) -> Proposal:
    """A proposal described in either segment is described; a reference takes its latest dated status."""
    changes = join_status_changes(a.status_changes, b.status_changes)
    out = dataclasses.replace(join_fields(a, b), commitments=join_commitments(a.commitments, b.commitments),
                              status_changes=changes, reference=a.reference and b.reference)
    if a.reference and not b.reference:
        out = dataclasses.replace(out, status=b.status)
    latest = max((c for c in changes if c.date), key=lambda c: c.date or "", default=None)
    if out.reference and latest is not None:
        out = dataclasses.replace(out, status=latest.status)
    return out


def join_attributions(a: Attribution, b: Attribution) -> Attribution:
    return dataclasses.replace(join_fields(a, b), contested=a.contested or b.contested)


def by_key(parts: Iterable[tuple[Any, ...]], join) -> tuple:
    """The records of every part, one per key, in order of first appearance."""
    out: dict[str, Any] = {}
    for records in parts:
        for r in records:
            out[r.key] = r if r.key not in out else join(out[r.key], r)
    return tuple(out.values())


def merge(article: Article, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One Extraction of `article` from (segment start, the segment's Extraction) pairs in text order."""
    moved = [shift(dataclasses.replace(x, article=article), start) for start, x in parts]
    return Extraction(
        article,
        actors=by_key((x.actors for x in moved), join_named),
        targets=by_key((x.targets for x in moved), join_named),
        statements=by_key((x.statements for x in moved), join_fields),
        proposals=by_key((x.proposals for x in moved), join_proposals),
        events=by_key((x.events for x in moved), join_fields),
        warnings=tuple(w for x in moved for w in x.warnings),
        attributions=by_key((x.attributions for x in moved), join_attributions))

