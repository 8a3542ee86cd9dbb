"""RDF terms of the story layer (issue 11): status changes, violations, attributions, stances, and the
blocking keys the cross-article resolution reads (kg/resolve)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.model import Attribution, Event, Proposal, Statement
from kg.resolve.keys import event_block, proposal_block
from kg.vocab import CKG

if TYPE_CHECKING:
    from kg.build.graph import GraphWriter


def add_lifecycle(w: GraphWriter, n: URIRef, p: Proposal) -> None:
    """Each status change as a ckg:StatusChange node; the blocking key and period for resolution."""
    from kg.build.graph import date_literal

    w.add((n, CKG.blockingKey, Literal(proposal_block(p))))
    for fam in p.family:
        w.add((n, CKG.family, Literal(fam)))
    if p.period and date_literal(p.period) is not None:
        w.add((n, CKG.date, date_literal(p.period)))
    for sc in p.status_changes:
        key = f"{p.key}/status-{sc.status.replace(' ', '-')}"
        c = w.node(key, "StatusChange", f"{sc.status} {sc.date or '(undated)'}", sc.evidence)
        w.add((n, CKG.statusChange, c))
        w.add((c, CKG.status, Literal(sc.status)))
        if sc.date and date_literal(sc.date) is not None:
            w.add((c, CKG.date, date_literal(sc.date)))
        if sc.rule:
            w.add((c, CKG.extractedBy, Literal(sc.rule)))


def add_stance(w: GraphWriter, n: URIRef, st: Statement) -> None:
    if st.stance:
        w.add((n, CKG.stance, Literal(st.stance)))
        if st.stance_rule:
            w.add((n, CKG.extractedBy, Literal(st.stance_rule)))


def add_event_terms(w: GraphWriter, n: URIRef, e: Event) -> None:
    """A violation's proposal, accused and act; other events' blocking key."""
    from kg.build.graph import iri

    if e.cls == "Violation":
        if e.proposal and e.accused:
            w.add((n, CKG.violates, iri(e.proposal)))
        w.links(n, (CKG.accused, e.accused), (CKG.violationAct, (e.violation_act,) if e.violation_act else ()))
    else:
        w.add((n, CKG.blockingKey, Literal(event_block(e, w.article.date))))
    for rule in e.rules:
        w.add((n, CKG.extractedBy, Literal(rule)))


def add_attribution(w: GraphWriter, a: Attribution) -> None:
    from kg.build.graph import iri

    """A disputed claim as a ckg:Attribution; a plain claim as a ckg:Claim (resolution may promote it)."""
    words = a.evidence[0].sentence[:80] if a.evidence else a.key
    if a.contested:
        n = w.node(a.key, "Attribution", f"attribution: {words}", a.evidence)
        w.add((n, CKG.about, iri(a.event)))
        w.links(n, (CKG.attributedTo, a.attributed_to), (CKG.accordingTo, a.according_to))
    else:
        n = w.node(a.key, "Claim", f"claim: {words}", a.evidence)
        w.add((n, CKG.claimAbout, iri(a.event)))
        w.links(n, (CKG.claimedAttacker, a.attributed_to), (CKG.claimSource, a.according_to))
    if a.rule:
        w.add((n, CKG.extractedBy, Literal(a.rule)))
