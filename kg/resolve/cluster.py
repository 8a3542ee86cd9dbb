"""Group a block's members into real events or proposals, deterministically.

Members are taken most specific first (a day before a month before no date; a described proposal before
a mere reference), ties by IRI, so the result depends only on the set of members, never on the order
articles arrived in. Each member joins the cluster it fits best (its best score against the cluster's first
members at or over the threshold, and no veto against any of them), else seeds a new one. A researcher's override
file then merges or splits members."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from kg.resolve.compare import THRESHOLD, Verdict, compare, days_of
from kg.resolve.members import Member
from kg.resolve.overrides import Overrides

VETO_CHECK = 20  # members of a cluster a newcomer must not contradict


@dataclass(eq=False)
class Cluster:
    members: list[Member]
    verdicts: dict[tuple[str, str], Verdict] = field(default_factory=dict)

    @property
    def seed(self) -> Member:
        return self.members[0]

    @property
    def articles(self) -> list[str]:
        return sorted({m.graph for m in self.members})


def specificity(kind: str, m: Member) -> tuple:
    date = m.date or ""
    if kind == "proposal":
        return (m.cls != "Proposal", -len(m.participants) - len(m.targets), date or "9999", m.ident)
    return (-len(date), date, -len(m.participants) - len(m.named), m.ident)


def buckets(kind: str, m: Member, lookup: bool) -> list[str]:
    """Index keys: clusters are found by their seed's day (events) or month (proposals)."""
    d = m.date
    if kind == "proposal":
        if not d or len(d) < 7:
            return ["**"] if lookup else ["*"]
        y, mo = int(d[:4]), int(d[5:7])
        months = [f"{v // 12:04d}-{v % 12 + 1:02d}" for v in
                  ((y * 12 + mo - 1 + k) for k in ((-1, 0, 1) if lookup else (0,)))]
        days = days_of(m.duration)
        if not lookup:  # a seed is found by its month, and by its month and duration
            return months + [f"{months[0]}|{days or '*'}"]
        if days:  # a stated duration only fits seeds of the same or no stated duration
            return [f"{mm}|{x}" for mm in months for x in (days, "*")] + ["*"]
        return months + ["*"]
    if d and len(d) == 10:
        base = dt.date.fromisoformat(d)
        days = (-1, 0, 1) if lookup else (0,)
        return [(base + dt.timedelta(days=k)).isoformat() for k in days] + ([d[:7]] if lookup else [])
    return [(d or "")[:7] or "*"] if not lookup else ["**"]


def cluster(kind: str, members: list[Member], overrides: Overrides | None = None) -> list[Cluster]:
    overrides = overrides or Overrides()
    clusters: list[Cluster] = []
    index: dict[str, list[Cluster]] = defaultdict(list)
    for m in sorted(members, key=lambda x: specificity(kind, x)):
        pool = clusters if "**" in buckets(kind, m, True) else \
            list(dict.fromkeys(c for b in buckets(kind, m, True) for c in index.get(b, [])))
        best: tuple[float, Cluster, Verdict] | None = None
        for c in pool:
            if any(overrides.split_pair(m.node, x.node) for x in c.members):
                continue
            first = compare(kind, m, c.seed)  # most candidates fail here: one comparison
            if not first.ok:
                continue
            verdicts = [first] + [compare(kind, m, x) for x in c.members[1:VETO_CHECK]]
            if not all(x.ok for x in verdicts):
                continue
            v = max(verdicts, key=lambda x: x.score)  # the member it fits best (first of equals)
            if v.score < THRESHOLD[kind]:
                continue
            if best is None or v.score > best[0]:
                best = (v.score, c, v)
        if best is not None:
            best[1].members.append(m)
            best[1].verdicts[m.ident] = best[2]
        else:
            c = Cluster([m])
            clusters.append(c)
            for b in buckets(kind, m, False):
                index[b].append(c)
    if kind == "proposal":
        follow_own_article(clusters)
    return apply_merges(clusters, overrides)


def follow_own_article(clusters: list[Cluster]) -> None:
    """A reference that says nothing of what it covers ('the US proposal') is, in its own article, the
    proposal the same proposer made there: it goes to that proposal's cluster when all the article's other
    reports by that proposer are in one cluster (leaving a cluster of its own, if it was alone)."""
    where = {m.ident: c for c in clusters for m in c.members}
    for c in list(clusters):
        for m in list(c.members):
            if m.families or not m.participants or (m is c.seed and len(c.members) > 1):
                continue
            homes = {id(where[x.ident]): where[x.ident] for k in clusters for x in k.members
                     if x.graph == m.graph and x is not m and x.participants & m.participants}
            if len(homes) != 1:
                continue
            home = next(iter(homes.values()))
            if home is c:
                continue
            c.members.remove(m)
            c.verdicts.pop(m.ident, None)
            if not c.members:  # it was a cluster of its own
                clusters.remove(c)
            home.members.append(m)
            home.verdicts[m.ident] = Verdict(0.0, ("the same proposer's proposal in its own article",))
            where[m.ident] = home


def apply_merges(clusters: list[Cluster], overrides: Overrides) -> list[Cluster]:
    """Join the clusters of members the override file says are one node."""
    for a, b in overrides.merges:
        ca = next((c for c in clusters if any(m.node == a for m in c.members)), None)
        cb = next((c for c in clusters if any(m.node == b for m in c.members)), None)
        if ca is None or cb is None or ca is cb:
            continue
        for m in cb.members:
            ca.verdicts[m.ident] = Verdict(0.0, ("override: merge",))
        ca.members += cb.members
        clusters.remove(cb)
    return clusters
