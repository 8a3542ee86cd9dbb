"""Read one block's members from the store: each (article graph, node) with the features compared.

One SPARQL query per block (by its ckg:blockingKey), so resolution never holds more than a block."""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.vocab import CKG

PREFIXES = f"""PREFIX ckg: <{CKG._NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

MEMBERS = PREFIXES + """SELECT ?g ?n ?cls (SAMPLE(?l) AS ?label) (SAMPLE(?ad) AS ?adate)
  (GROUP_CONCAT(DISTINCT STR(?d); separator=" ") AS ?dates)
  (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?parts)
  (GROUP_CONCAT(DISTINCT CONCAT(STR(?t), "=", STR(COALESCE(?tc, ?t))); separator=" ") AS ?targets)
  (SAMPLE(?loc) AS ?location) (SAMPLE(?ev) AS ?evidence) (SAMPLE(?dur) AS ?duration)
  (GROUP_CONCAT(DISTINCT ?fam; separator=" ") AS ?families)
  (GROUP_CONCAT(DISTINCT CONCAT(STR(?cp), "=", STR(COALESCE(?cr, ?cp))); separator=" ") AS ?proposals)
WHERE {
  GRAPH ?g { ?n ckg:blockingKey BLOCK ; a ?cls .
    OPTIONAL { ?n rdfs:label ?l } OPTIONAL { ?n ckg:startDate ?d } OPTIONAL { ?n ckg:date ?d }
    OPTIONAL { ?n ckg:participant|ckg:proposedBy ?p } OPTIONAL { ?n ckg:location ?loc }
    OPTIONAL { ?n ckg:evidence ?ev } OPTIONAL { ?n ckg:duration ?dur } OPTIONAL { ?g dcterms:date ?ad }
    OPTIONAL { ?n ckg:family ?fam } }
  OPTIONAL { GRAPH ?g { ?n ckg:concernsProposal ?cp } OPTIONAL { GRAPH ?rg { ?cp ckg:resolvedTo ?cr } } }
  OPTIONAL { GRAPH ?g { ?n ckg:target|ckg:concernsTarget|(ckg:hasCommitment/ckg:concernsTarget) ?t }
             OPTIONAL { ?t ckg:lexiconConcept ?tc } }
} GROUP BY ?g ?n ?cls"""


SIDES = PREFIXES + """SELECT DISTINCT ?p ?c WHERE {
  { SELECT DISTINCT ?p WHERE { GRAPH ?g { ?n ckg:blockingKey BLOCK ; ckg:participant ?p } } }
  GRAPH ?h { ?p ckg:role ?r } GRAPH ?k { ?c a ckg:Country ; rdfs:label ?l }
  FILTER(CONTAINS(LCASE(STR(?r)), LCASE(STR(?l))))
}"""


@dataclass(frozen=True)
class Member:
    """One article's node in a block, with what the comparison reads."""

    graph: str
    node: str
    cls: str
    label: str
    article_date: str | None
    dates: tuple[str, ...]
    participants: frozenset[str]
    targets: frozenset[str]  # every target, categories and facilities
    named: frozenset[str]  # named facilities only ('the Saratov oil refinery', not 'oil refineries')
    location: str | None
    evidence: str | None
    duration: str | None
    families: frozenset[str] = frozenset()  # proposals: what they cover (energy, maritime, air, full)
    sides: frozenset[str] = frozenset()  # the countries the participants' roles name ('President of Russia')
    proposals: frozenset[str] = frozenset()  # events: the (resolved) proposals an agreement is on

    @property
    def date(self) -> str | None:
        """The most precise date (a day beats a month)."""
        return max(self.dates, key=len) if self.dates else None

    @property
    def ident(self) -> tuple[str, str]:
        return (self.node, self.graph)


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def split_targets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    every, named = set(), set()
    for pair in text.split():
        t, _, concept = pair.partition("=")
        every.add(t)
        if concept and local(concept) != local(t):
            named.add(t)
    return frozenset(every), frozenset(named)


def select(store, sparql: str) -> list[dict[str, str]]:
    """SELECT rows as {variable: plain string}; Oxigraph's own results on the embedded store (no rdflib
    conversion), rdflib's on a remote one."""
    if hasattr(store, "query_raw"):
        res = store.query_raw(sparql)
        names = [v.value for v in res.variables]
        return [{n: t.value for n, t in zip(names, sol, strict=True) if t is not None} for sol in res]
    return [{k: str(v) for k, v in row.asdict().items() if v is not None} for row in store.query(sparql)]


def value(row: dict, name: str) -> str | None:
    return row.get(name)


def proposal_ids(text: str, resolved: dict[str, str]) -> frozenset[str]:
    """'node=resolved ...' pairs -> the proposal each stands for: this pass's resolution first (so a dry
    run sees the proposals it would merge), then the store's, else the node itself."""
    out = set()
    for pair in text.split():
        node, _, stored = pair.partition("=")
        out.add(resolved.get(node, stored or node))
    return frozenset(out)


def read_block(store, block: str, resolved: dict[str, str] | None = None) -> list[Member]:
    """The block's members, sorted (the order clustering sees does not depend on the store). `resolved`
    maps proposal nodes to the node this pass resolved them to."""
    out = []
    sides: dict[str, set[str]] = {}
    if block.startswith("event|"):
        for row in select(store, SIDES.replace("BLOCK", json.dumps(block))):
            sides.setdefault(row["p"], set()).add(row["c"])
    for row in select(store, MEMBERS.replace("BLOCK", json.dumps(block))):
        every, named = split_targets(value(row, "targets") or "")
        out.append(Member(graph=value(row, "g"), node=value(row, "n"), cls=local(value(row, "cls")),
                          label=value(row, "label") or "", article_date=value(row, "adate"),
                          dates=tuple(sorted((value(row, "dates") or "").split())),
                          participants=frozenset((value(row, "parts") or "").split()), targets=every, named=named,
                          location=value(row, "location"), evidence=value(row, "evidence"),
                          duration=value(row, "duration"),
                          families=frozenset((value(row, "families") or "").split()),
                          sides=frozenset(c for p in (value(row, "parts") or "").split() for c in sides.get(p, ())),
                          proposals=proposal_ids(value(row, "proposals") or "", resolved or {})))
    return sorted(out, key=lambda m: m.ident)
