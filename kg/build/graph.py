"""Map an Extraction to an rdflib Graph: the article's named graph, with provenance on every node."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.build import story as story_terms
from kg.model import Actor, Article, Event, Evidence, Extraction, Proposal, Statement, Target
from kg.vocab import CKG, CKGR, PREFIXES, SCHEMA

DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def iri(key: str) -> URIRef:
    """The IRI of a node from its stable key ('actor/russia' -> ckgr:actor/russia)."""
    return CKGR[key]


def article_iri(article: Article) -> URIRef:
    return CKGR[f"article/{article.id}"]


def date_literal(value: str) -> Literal | None:
    dtype = DATE_TYPES.get(len(value))
    return Literal(value, datatype=dtype) if dtype else None


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


Triple = tuple[URIRef, URIRef, Node]


class GraphWriter:
    """Collects the triples of one article's nodes, in a fixed order."""

    def __init__(self, article: Article):
        self.triples: list[Triple] = []
        self.article = article
        self.source = article_iri(article)

    def add(self, triple: Triple) -> None:
        self.triples.append(triple)

    def node(self, key: str, cls: str, label: str, evidence: tuple[Evidence, ...] = (),
             by: tuple[str, ...] = ()) -> URIRef:
        n = iri(key)
        for rule in by:
            self.add((n, CKG.extractedBy, Literal(rule)))
        self.add((n, RDF.type, CKG[cls]))
        self.add((n, RDFS.label, Literal(label, lang="en")))
        self.add((n, PROV.wasDerivedFrom, self.source))
        for ev in evidence[:3]:
            self.add((n, CKG.evidence, Literal(ev.sentence)))
        if evidence:
            self.add((n, CKG.evidenceStart, Literal(evidence[0].start)))
            self.add((n, CKG.evidenceEnd, Literal(evidence[0].end)))
        return n

    def add_article(self) -> None:
        a, n = self.article, self.source
        self.add((n, RDF.type, CKG.Article))
        self.add((n, RDF.type, SCHEMA.NewsArticle))
        self.add((n, RDFS.label, Literal(a.title, lang="en")))
        self.add((n, DCTERMS.title, Literal(a.title)))
        if a.date:
            self.add((n, DCTERMS.date, Literal(a.date.isoformat(), datatype=XSD.date)))
        if a.publisher:
            self.add((n, DCTERMS.publisher, Literal(a.publisher)))
        if a.url:
            self.add((n, SCHEMA.url, URIRef(a.url)))
        if a.source:
            self.add((n, CKG.sourceFile, Literal(a.source)))
        self.add((n, CKG.contentHash, Literal(a.content_hash)))

    def links(self, n: URIRef, *pairs: tuple[URIRef, tuple[str, ...]]) -> None:
        """n --property--> the node of each key, for each (property, keys) pair."""
        for prop, keys in pairs:
            for k in keys:
                self.add((n, prop, iri(k)))

    def named(self, e: Actor | Target) -> URIRef:
        """The node of an actor or a target, with its aliases and lexicon concept."""
        n = self.node(e.key, e.cls, e.name, e.evidence, e.extracted_by)
        for alias in e.aliases:
            self.add((n, SKOS.altLabel, Literal(alias, lang="en")))
        if e.concept:
            self.add((n, CKG.lexiconConcept, URIRef(e.concept)))
        return n

    def add_actor(self, actor: Actor) -> None:
        n = self.named(actor)
        if actor.role:
            self.add((n, CKG.role, Literal(actor.role)))
        if actor.wikidata:
            self.add((n, SKOS.exactMatch, URIRef(actor.wikidata)))

    def add_target(self, target: Target) -> None:
        n = self.named(target)
        if target.location:
            self.add((n, CKG.location, Literal(target.location)))

    def add_statement(self, st: Statement) -> None:
        label = st.quote if len(st.quote) <= 80 else st.quote[:79] + "…"
        n = self.node(st.key, "ReportedStatement" if st.reported else "Statement", label, st.evidence,
                      st.extracted_by)
        self.add((n, CKG.quote, Literal(st.quote)))
        self.links(n, (CKG.speaker, st.speakers), (CKG.reportedBy, st.reported_by), (CKG.about, st.about))
        story_terms.add_stance(self, n, st)  # issue 11

    def add_proposal(self, p: Proposal) -> None:
        # a reference whose author the article names ('the ceasefire agreed with the participation of the United
        # States') describes a proposal; one with no author stays a back-reference for resolution to join
        cls = "ProposalReference" if p.reference and not p.proposed_by else "Proposal"
        n = self.node(p.key, cls, p.name, p.evidence, p.extracted_by)
        story_terms.add_lifecycle(self, n, p)  # issue 11
        self.add((n, CKG.status, Literal(p.status)))
        self.links(n, (CKG.proposedBy, p.proposed_by), (CKG.proposedTo, p.proposed_to),
                   (CKG.concernsTarget, p.targets))
        if p.duration:
            self.add((n, CKG.duration, Literal(p.duration)))
        if p.condition:
            self.add((n, CKG.condition, Literal(p.condition)))
        for c in p.commitments:
            key = f"{p.key}/{c.party.split('/')[-1]}-{c.refrains_from.replace(' ', '-')}"
            cn = self.node(key, "Commitment", f"{c.party.split('/')[-1]} refrains from {c.refrains_from}",
                           c.evidence, c.extracted_by)
            self.add((n, CKG.hasCommitment, cn))
            self.add((cn, CKG.party, iri(c.party)))
            self.add((cn, CKG.refrainsFrom, Literal(c.refrains_from)))
            self.links(cn, (CKG.concernsTarget, c.targets))

    def add_event(self, e: Event) -> None:
        n = self.node(e.key, e.cls, e.name, e.evidence, e.extracted_by)
        for prop, value in ((CKG.startDate, e.start), (CKG.endDate, e.end)):
            lit = date_literal(value) if value else None
            if lit is not None:
                self.add((n, prop, lit))
        if e.location:
            self.add((n, CKG.location, Literal(e.location)))
        self.links(n, (CKG.participant, e.participants), (CKG.target, e.targets), (CKG.accusedBy, e.accused_by),
                   (CKG.concernsProposal, (e.proposal,) if e.proposal else ()),
                   (CKG.violatedBy, e.participants if e.cls == "Violation" else ()))
        story_terms.add_event_terms(self, n, e)  # issue 11


def article_graph(ex: Extraction) -> Graph:
    """The whole named graph of one article: the article node and everything extracted from it."""
    g = new_graph()
    for triple in article_triples(ex):
        g.add(triple)
    return g


def ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        return ox.Literal(term, language=term.language,
                          datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    return ox.BlankNode(term)


def article_ntriples(ex: Extraction) -> str:
    """The article's graph as N-Triples, serialised by Oxigraph (fast; the ingest path)."""
    unique = dict.fromkeys(article_triples(ex))  # fed to the writer lazily: no second list of the triples
    triples = (ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in unique)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def article_triples(ex: Extraction) -> list[Triple]:
    """Every triple of the article's graph (duplicates possible; graphs and stores drop them)."""
    w = GraphWriter(ex.article)
    w.add_article()
    for a in ex.actors:
        w.add_actor(a)
    for t in ex.targets:
        w.add_target(t)
    for s in ex.statements:
        w.add_statement(s)
    for p in ex.proposals:
        w.add_proposal(p)
    for e in ex.events:
        w.add_event(e)
    for a in ex.attributions:  # issue 11
        story_terms.add_attribution(w, a)
    return w.triples
