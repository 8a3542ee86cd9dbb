"""Namespaces of the graph: the ontology's terms as a closed namespace, so a misspelt term fails."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/conflict-kg/ontology"
ONTOLOGY_GRAPH = "https://w3id.org/conflict-kg/graph/ontology"
CKGR = Namespace("https://w3id.org/conflict-kg/id/")
LEX = Namespace("https://w3id.org/conflict-kg/lexicon#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


class CKG(DefinedNamespace):
    """Terms of ontology/conflict-kg.ttl."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    Actor: object
    Person: object
    Country: object
    Organization: object
    GovernmentBody: object
    MediaOutlet: object
    IntelligenceAgency: object
    ArmedForces: object
    UnnamedSource: object
    InfrastructureTarget: object
    EnergyInfrastructure: object
    PowerPlant: object
    NuclearPowerPlant: object
    OilRefinery: object
    OilGasFacility: object
    FuelStorage: object
    Pipeline: object
    Substation: object
    Dam: object
    Tanker: object
    Port: object
    Proposal: object
    Commitment: object
    Statement: object
    Event: object
    Talks: object
    Agreement: object
    Attack: object
    Violation: object
    Article: object
    role: object
    proposedBy: object
    proposedTo: object
    status: object
    hasCommitment: object
    party: object
    refrainsFrom: object
    concernsTarget: object
    condition: object
    duration: object
    quote: object
    speaker: object
    reportedBy: object
    about: object
    participant: object
    target: object
    startDate: object
    endDate: object
    location: object
    violatedBy: object
    accusedBy: object
    concernsProposal: object
    evidence: object
    evidenceStart: object
    evidenceEnd: object
    extractedBy: object
    lexiconConcept: object
    contentHash: object
    sourceFile: object
    # story layer (issue 11)
    StatusChange: object
    Attribution: object
    ProposalReference: object
    ReportedStatement: object
    statusChange: object
    date: object
    violates: object
    accused: object
    violationAct: object
    attributedTo: object
    accordingTo: object
    stance: object
    blockingKey: object
    resolvedTo: object
    resolvedFrom: object
    mergeScore: object
    mergeReason: object
    resolutionBlock: object
    memberGraph: object
    reports: object
    family: object
    Claim: object
    claimAbout: object
    claimedAttacker: object
    claimSource: object


PREFIXES = {
    "ckg": ONTOLOGY_IRI + "#",
    "ckgr": str(CKGR),
    "actor": str(CKGR) + "actor/",
    "target": str(CKGR) + "target/",
    "article": str(CKGR) + "article/",
    "statement": str(CKGR) + "statement/",
    "proposal": str(CKGR) + "proposal/",
    "event": str(CKGR) + "event/",
    "lex": str(LEX),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "wd": str(WD),
    "sh": "http://www.w3.org/ns/shacl#",
    "vann": "http://purl.org/vocab/vann/",
}
