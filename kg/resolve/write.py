"""The resolution graph of one block: a node for each real event or proposal that several articles
report, and the merge record.

The resolved node gets the type, a label, `prov:wasDerivedFrom` every article of its members and one
evidence sentence from each, the union of their participants, targets and proposers (an attack keeps
its seed's attacker: who did it is the attributions' business), and for a proposal one
`ckg:StatusChange` per status on the first date any article gives, derived from every article that
reports it (talks on it dated and no earlier than its proposal, a breach after its agreement, on the first date
two articles give for any of its violations; an end derived from its duration only where no article
says it was rejected). Members point to it (`ckg:resolvedTo`, with `ckg:mergeScore` and
`ckg:mergeReason`), and statements, violations and attributions about a member point to it too.
Clusters whose members all come from one article are left as they are."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.build.graph import date_literal
from kg.extract.resources import word_class
from kg.extract.state import slugify
from kg.resolve.cluster import Cluster
from kg.resolve.members import PREFIXES, local, select
from kg.vocab import CKG, CKGR

RESOLUTION_GRAPH = "https://w3id.org/conflict-kg/graph/resolution/"
POINTERS = (CKG.about, CKG.violates, CKG.concernsProposal, CKG.violationAct)
STATUS_RANK = {"proposed": 0, "under discussion": 1, "agreed": 2, "rejected": 2, "violated": 3, "expired": 4}


def graph_name(block: str) -> str:
    return RESOLUTION_GRAPH + slugify(block.replace("|", "-").replace("+", "-"))


def canonical_iri(kind: str, c: Cluster, taken: set[str]) -> URIRef:
    """A readable IRI from the seed: kind, date and main participants or family; unique in its block."""
    s = c.seed
    if kind == "event":
        who = "-".join(sorted(local(p) for p in s.participants)[:2]) or "-".join(sorted(local(t) for t in s.named)[:1])
        base = f"event/resolved-{s.cls.lower()}-{s.date or 'undated'}-{who}".rstrip("-")
    else:
        base = f"proposal/resolved-{s.date[:7] if s.date else 'undated'}-{slugify(s.label)[:40]}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return CKGR[name]


@lru_cache(maxsize=1)
def placeholder_words() -> frozenset[str]:
    """The words of a label that says only what kind of proposal it is ('Proposed truce', 'US proposal')."""
    return word_class("proposal_heads") | word_class("generic_proposal_heads") | {"proposed"}


def words(label: str) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", label.lower()) if len(w) > 2}


def cluster_label(kind: str, c: Cluster) -> str:
    """A resolved proposal's label: the members' wording most of them share ('Full 30-day ceasefire' over a
    bare 'Truce' or 'Proposed truce', or one report's 'American proposal for an immediate ceasefire along
    the whole front'), ties to one that names the kind of truce ('Maritime ceasefire in the Black Sea' over
    'US-brokered Black Sea arrangement'), then the shorter, then the seed's; an event keeps its seed's (from
    its parts)."""
    if kind != "proposal":
        return c.seed.label
    labels = list(dict.fromkeys(m.label for m in c.members if m.label))
    told = [x for x in labels if words(x) - placeholder_words()]  # 'Proposed truce' names no proposal
    labels = told or labels
    if not labels:
        return c.seed.label

    truce_words = word_class("proposal_heads") - word_class("generic_proposal_heads")

    def shared(label: str) -> tuple[int, bool, int, bool]:
        own = words(label)
        return (sum(len(own & words(m.label)) for m in c.members if m.label != label), bool(own & truce_words),
                -len(label), label == c.seed.label)

    return max(labels, key=shared)


def in_block(var: str, block: str) -> str:
    """A pattern binding ?var to the block's members by their blocking key (an index lookup, where a
    VALUES list of thousands of IRIs is not)."""
    return f"GRAPH ?{var}_g {{ ?{var} ckg:blockingKey {json.dumps(block)} }}"


def values(nodes) -> str:
    return " ".join(f"<{n}>" for n in sorted(nodes))


def status_changes(store, nodes: set[str], block: str) -> dict[str, list[tuple[str, str | None, str, str | None]]]:
    """member node -> [(status, date, article graph, evidence)]."""
    q = PREFIXES + f"""SELECT ?n ?g ?status ?date (SAMPLE(?ev) AS ?evidence) WHERE {{
      {in_block("n", block)} GRAPH ?g {{ ?n ckg:statusChange ?sc . ?sc ckg:status ?status .
      OPTIONAL {{ ?sc ckg:date ?date }} OPTIONAL {{ ?sc ckg:evidence ?ev }} }} }} GROUP BY ?n ?g ?status ?date"""
    out = defaultdict(list)
    for d in select(store, q):
        if d["n"] in nodes:
            out[d["n"]].append((d["status"], d.get("date"), d["g"], d.get("evidence")))
    return out


def breach_dates(store, nodes: set[str], block: str) -> dict[str, list[tuple[str, str | None, str, str | None]]]:
    """member node -> [("violated", date, article graph, None)] for every dated violation an article says
    breaks it: the first breach is the first date any two articles give, not each article's first."""
    q = PREFIXES + f"""SELECT DISTINCT ?n ?g ?date WHERE {{
      {in_block("n", block)} GRAPH ?g {{ ?v ckg:violates ?n ; ckg:startDate ?date }} }}"""
    out = defaultdict(list)
    for d in select(store, q):
        if d["n"] in nodes:
            out[d["n"]].append(("violated", d["date"], d["g"], None))
    return out


def linked(store, nodes: set[str], block: str) -> list[tuple[str, str, str]]:
    """(subject, property, member) for statements, violations and attributions that point to a member,
    and (member, hasCommitment, commitment) for the members' commitments."""
    out = []
    for p in POINTERS:
        q = PREFIXES + f"SELECT DISTINCT ?s ?o WHERE {{ {in_block('o', block)} ?s <{p}> ?o }}"
        out += [(d["s"], str(p), d["o"]) for d in select(store, q) if d["o"] in nodes]
    q = PREFIXES + f"SELECT DISTINCT ?s ?o WHERE {{ {in_block('s', block)} ?s ckg:hasCommitment ?o }}"
    out += [(d["s"], str(CKG.hasCommitment), d["o"]) for d in select(store, q) if d["s"] in nodes]
    return out


def agreed_date(reports: list[tuple[str | None, str]]) -> str | None:
    """The date of a status change from every article's report: the first date two articles agree on
    (a day counts for its month too), else the date most articles give, earliest first."""
    support: dict[str, set[str]] = defaultdict(set)
    for d, g in reports:
        if d:
            support[d].add(g)
            if len(d) == 10:
                support[d[:7]].add(g)
    days = {d: v for d, v in support.items() if len(d) == 10 or not any(x.startswith(d) for x in support if x != d)}
    agreed = sorted(d for d, v in days.items() if len(v) >= 2)
    if agreed:
        return agreed[0]
    ranked = sorted(days.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return ranked[0][0] if ranked else None


def claims(store, nodes: set[str], block: str) -> dict[str, list[tuple[str, bool, set[str], set[str]]]]:
    """member event -> [(claim or attribution node, already an attribution, attackers, sources)]."""
    q = PREFIXES + f"""SELECT ?m ?x ?kind (GROUP_CONCAT(DISTINCT STR(?d); separator=" ") AS ?doers)
      (GROUP_CONCAT(DISTINCT STR(?s); separator=" ") AS ?sources) WHERE {{ {in_block("m", block)}
      {{ ?x ckg:claimAbout ?m ; ckg:claimedAttacker ?d ; ckg:claimSource ?s . BIND("claim" AS ?kind) }} UNION
      {{ ?x a ckg:Attribution ; ckg:about ?m ; ckg:attributedTo ?d ; ckg:accordingTo ?s . BIND("attr" AS ?kind) }}
    }} GROUP BY ?m ?x ?kind"""
    out = defaultdict(list)
    for d in select(store, q):
        if d["m"] not in nodes:
            continue
        out[d["m"]].append((d["x"], d["kind"] == "attr", set(d["doers"].split()), set(d["sources"].split())))
    return out


def attribution_triples(canon: URIRef, c: Cluster, found: dict) -> list[tuple]:
    """Where the claims about one resolved event name attackers with none in common, each plain claim
    becomes an attribution of the resolved event (the event is contested across articles)."""
    items = {x: (attr, doers, srcs) for m in c.members for x, attr, doers, srcs in found.get(m.node, [])}
    doer_sets = [doers for _, doers, _ in items.values()]
    if not any(not a & b for i, a in enumerate(doer_sets) for b in doer_sets[i + 1:]):
        return []
    out = []
    for x, (attr, doers, srcs) in sorted(items.items()):
        node = URIRef(x)
        if not attr:
            out += [(node, RDF.type, CKG.Attribution), (node, CKG.about, canon),
                    (node, CKG.extractedBy, Literal("resolve/contested-across-articles"))]
            out += [(node, CKG.attributedTo, URIRef(d)) for d in sorted(doers)]
            out += [(node, CKG.accordingTo, URIRef(s)) for s in sorted(srcs)]
    return out


def derived_expiry(c: Cluster, agreed: str | None) -> str | None:
    """The end of a fixed-term proposal no article says expired: its agreed day plus its stated duration,
    when an article written after that day reports it (a DERIVED change, ckg:extractedBy says so)."""
    from kg.resolve.compare import day, days_of

    days = next((days_of(m.duration) for m in c.members if days_of(m.duration)), None)
    start = day(agreed)
    if not days or start is None:
        return None
    end = start + dt.timedelta(days=days)
    seen = [day(m.article_date) for m in c.members if day(m.article_date)]
    return end.isoformat() if seen and max(seen) > end else None


def never_in_force(per_status: dict[str, list[tuple[str | None, str, str | None]]]) -> None:
    """'Ukraine accepted the US ceasefire on 11 March ... Putin declined it on 18 March': a proposal one party
    accepted and another then rejected, with no acceptance told after the rejection, never came into force:
    the acceptance was one side's (its stance), so the proposal is not agreed, and nothing broke it."""
    agreed = agreed_date([(d, g) for d, g, _ in per_status.get("agreed", [])])
    rejected = agreed_date([(d, g) for d, g, _ in per_status.get("rejected", [])])
    if not agreed or not rejected or len(agreed) < 10 or len(rejected) < 10 or rejected <= agreed:
        return
    if any(d and d > rejected for d, _, _ in per_status["agreed"]):
        return  # accepted again after the rejection
    per_status.pop("agreed")
    per_status.pop("violated", None)


def lifecycle_triples(canon: URIRef, c: Cluster, changes: dict) -> list[tuple]:
    """One StatusChange per status: the first date any member gives, with every article reporting it."""
    per_status: dict[str, list[tuple[str | None, str, str | None]]] = defaultdict(list)
    for m in c.members:
        for status, date, g, ev in changes.get(m.node, []):
            if g == m.graph:
                per_status[status].append((date, g, ev))
    out, latest = [], None
    never_in_force(per_status)
    agreed = agreed_date([(d, g) for d, g, _ in per_status.get("agreed", [])])
    if agreed and "violated" in per_status:  # a breach comes after the agreement: earlier dates are its date
        later = [r for r in per_status["violated"] if r[0] and r[0] > agreed]
        per_status["violated"] = later or per_status["violated"]
    proposed = agreed_date([(d, g) for d, g, _ in per_status.get("proposed", [])])
    if proposed and "under discussion" in per_status:  # talks on a proposal follow its proposal
        later = [r for r in per_status["under discussion"] if r[0] and r[0][:len(proposed)] >= proposed]
        if later:
            per_status["under discussion"] = later
        else:
            del per_status["under discussion"]
    # a proposal a party rejected never ran its term: no expiry is derived for it
    derived = derived_expiry(c, agreed) if not {"expired", "rejected"} & set(per_status) else None
    if derived:
        per_status["expired"] = [(derived, m.graph, None) for m in c.members if m.duration]
    for status, reports in sorted(per_status.items()):
        first = agreed_date([(d, g) for d, g, _ in reports])
        sc = URIRef(f"{canon}/status-{status.replace(' ', '-')}")
        rule = "resolve/expiry-from-duration" if status == "expired" and derived else "resolve/first-date-per-status"
        out += [(canon, CKG.statusChange, sc), (sc, RDF.type, CKG.StatusChange),
                (sc, RDFS.label, Literal(f"{status} {first or '(undated)'}", lang="en")),
                (sc, CKG.status, Literal(status)), (sc, CKG.extractedBy, Literal(rule))]
        if first and date_literal(first) is not None:
            out.append((sc, CKG.date, date_literal(first)))
        for _date, g, ev in sorted(reports, key=lambda r: (r[1], r[0] or "")):
            out.append((sc, PROV.wasDerivedFrom, URIRef(g)))
            if ev:
                out.append((sc, CKG.evidence, Literal(ev)))
        if first and (latest is None or (first, STATUS_RANK[status]) > latest[0]):
            latest = ((first, STATUS_RANK.get(status, 0)), status)
    if latest:
        out.append((canon, CKG.status, Literal(latest[1])))
    return out


def cluster_triples(kind: str, canon: URIRef, c: Cluster, changes: dict, links: list,
                    found: dict | None = None) -> list[tuple]:
    s = c.seed
    people = s.participants if s.cls == "Attack" else {p for m in c.members for p in m.participants}
    # a proposal no article names the author of stays a reference (the proposal shape needs a proposer)
    cls = ("Proposal" if people else "ProposalReference") if kind == "proposal" else s.cls
    out = [(canon, RDF.type, CKG[cls]), (canon, RDFS.label, Literal(cluster_label(kind, c), lang="en")),
           (canon, CKG.extractedBy, Literal(f"resolve/{kind}-v1")),
           (canon, CKG.reports, Literal(len(c.articles)))]
    for m in c.members:
        node = URIRef(m.node)
        out += [(canon, PROV.wasDerivedFrom, URIRef(m.graph)), (canon, CKG.resolvedFrom, node),
                (node, CKG.resolvedTo, canon)]
        if m.evidence:
            out.append((canon, CKG.evidence, Literal(m.evidence)))
        if m is not s and m.node != s.node:  # the seed's own node in another article needs no merge decision
            v = c.verdicts.get(m.ident)
            if v is not None:
                out += [(node, CKG.mergeScore, Literal(Decimal(f"{v.score:.2f}"))),
                        (node, CKG.mergeReason, Literal("; ".join(v.reasons)))]
    if s.date and date_literal(s.date) is not None:
        out.append((canon, CKG.startDate if kind == "event" else CKG.date, date_literal(s.date)))
    if s.location:
        out.append((canon, CKG.location, Literal(s.location)))
    duration = next((m.duration for m in c.members if m.duration), None)
    if duration and kind == "proposal":
        out.append((canon, CKG.duration, Literal(duration)))
    prop = CKG.participant if kind == "event" else CKG.proposedBy
    out += [(canon, prop, URIRef(p)) for p in sorted(people)]
    targets = {t for m in c.members for t in m.targets}
    out += [(canon, CKG.target if kind == "event" else CKG.concernsTarget, URIRef(t)) for t in sorted(targets)]
    nodes = {m.node for m in c.members}
    for subj, p, obj in links:
        if obj in nodes and URIRef(p) in POINTERS:
            out.append((URIRef(subj), URIRef(p), canon))
        elif subj in nodes and URIRef(p) == CKG.hasCommitment:
            out.append((canon, CKG.hasCommitment, URIRef(obj)))
    if kind == "proposal":
        out += lifecycle_triples(canon, c, changes)
    elif s.cls == "Attack" and found:
        out += attribution_triples(canon, c, found)
    return out


def block_triples(store, kind: str, block: str, clusters: list[Cluster], overrides_source: str | None) -> list:
    """Every triple of the block's resolution graph (empty when no cluster spans two articles)."""
    multi = [c for c in clusters if len(c.articles) > 1]
    if not multi:
        return []
    nodes = {m.node for c in multi for m in c.members}
    changes = status_changes(store, nodes, block) if kind == "proposal" else {}
    for n, breaches in (breach_dates(store, nodes, block) if kind == "proposal" else {}).items():
        changes[n] = changes.get(n, []) + breaches
    found = claims(store, nodes, block) if kind == "event" else {}
    links = linked(store, nodes, block)
    g = URIRef(graph_name(block))
    out = [(g, CKG.resolutionBlock, Literal(block))]
    if overrides_source:
        out.append((g, CKG.mergeReason, Literal(f"overrides: {overrides_source}")))
    out += [(g, CKG.memberGraph, URIRef(a)) for a in sorted({a for c in multi for a in c.articles})]
    taken: set[str] = set()
    for c in multi:
        out += cluster_triples(kind, canonical_iri(kind, c, taken), c, changes, links, found)
    return out


def report_lines(kind: str, block: str, clusters: list[Cluster]) -> list[dict]:
    """The merge record of a block, for `kg resolve --dry-run` (JSON-ready)."""
    out = []
    taken: set[str] = set()
    for c in clusters:
        if len(c.articles) < 2:
            continue
        out.append({"block": block, "node": str(canonical_iri(kind, c, taken)), "label": cluster_label(kind, c),
                    "articles": len(c.articles),
                    "members": [{"node": m.node, "article": m.graph,
                                 "score": round(c.verdicts[m.ident].score, 2) if m.ident in c.verdicts else None,
                                 "reason": "; ".join(c.verdicts[m.ident].reasons) if m.ident in c.verdicts
                                 else "seed"} for m in c.members]})
    return out

