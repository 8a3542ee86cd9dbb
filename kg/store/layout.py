"""Where triples live: each article's facts in its own named graph; the description every article gives
alike of a shared node (an actor's or a target's type, label, Wikidata link, lexicon concept) once, in the
nodes graph. Oxigraph's union default graph keeps one copy of a triple per graph, so keeping those
descriptions once keeps queries free of repeated rows and their joins small."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg import resources
from kg.errors import StoreError
from kg.vocab import CKG, CKGR, ONTOLOGY_GRAPH

NODES_GRAPH = "https://w3id.org/conflict-kg/graph/nodes"
SHARED_KINDS = (str(CKGR) + "actor/", str(CKGR) + "target/")
SHARED_PREDICATES = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                     "http://www.w3.org/2000/01/rdf-schema#label",
                     "http://www.w3.org/2004/02/skos/core#exactMatch", str(CKG.lexiconConcept)}
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def is_shared(t: ox.Triple | ox.Quad) -> bool:
    return (isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(SHARED_KINDS)
            and t.predicate.value in SHARED_PREDICATES)


def split(triples: Iterable[ox.Triple | ox.Quad]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(triples of the article graph, triples of the nodes graph)."""
    local, shared = [], []
    for t in triples:
        (shared if is_shared(t) else local).append(ox.Triple(t.subject, t.predicate, t.object))
    return local, shared


def shared_nodes(triples: Iterable[ox.Triple | ox.Quad]) -> set[str]:
    return {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)
            and t.subject.value.startswith(SHARED_KINDS)}


def collect_orphans(nodes: Iterable[str]) -> str:
    """SPARQL Update that drops the nodes-graph description of these nodes where no article derives them."""
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    if not values:
        return ""
    return (f"DELETE {{ GRAPH <{NODES_GRAPH}> {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {values} }} "
            f"GRAPH <{NODES_GRAPH}> {{ ?n ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?n <{DERIVED}> ?a }} }} }}")


def parse_ntriples(name: str, ntriples: str) -> list[ox.Triple]:
    """The triples of graph `name` given as N-Triples (Oxigraph's parser); a syntax error is a StoreError."""
    try:
        return list(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise StoreError(f"cannot write graph {name}: {exc}") from None


def iter_ntriples(data: str | bytes) -> Iterator[ox.Triple]:
    """The triples of N-Triples text, parsed as they are read (a syntax error raises SyntaxError)."""
    return (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def canonical(triple: ox.Triple | ox.Quad) -> str:
    """A triple (or a quad's triple) as text with blank node labels blanked, to compare graphs cheaply."""
    return " ".join("_:b" if isinstance(t, ox.BlankNode) else str(t)
                    for t in (triple.subject, triple.predicate, triple.object))


def triple_hash(t: ox.Triple | ox.Quad) -> int:
    return int.from_bytes(hashlib.blake2b(canonical(t).encode("utf-8"), digest_size=16).digest(), "big")


def never_shared(_t: ox.Triple | ox.Quad) -> bool:
    """For the ontology graph and for stored quads: nothing goes to the nodes graph."""
    return False


@dataclass(frozen=True)
class Survey:
    """One pass over a graph's triples: how many are its own and how many shared node descriptions, an
    order-free fingerprint of its own (count and sum of 128-bit hashes, blank-node labels erased), and
    whether every shared description is already in the nodes graph. Two graphs compare in constant memory."""

    local: int
    shared: int
    fingerprint: tuple[int, int]
    shared_stored: bool

    @classmethod
    def of(cls, triples: Iterable[ox.Triple | ox.Quad], is_shared_triple: Callable, store: ox.Store) -> Survey:
        local = shared = total = 0
        stored = True
        nodes = ox.NamedNode(NODES_GRAPH)
        for t in triples:
            if is_shared_triple(t):
                shared += 1
                stored = stored and ox.Quad(t.subject, t.predicate, t.object, nodes) in store
            else:
                local += 1
                total = (total + triple_hash(t)) % (1 << 128)
        return cls(local, shared, (local, total), stored)


def graph_parts(name: str, triples: list[ox.Triple]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(the graph's own triples, shared node descriptions for the nodes graph); the ontology keeps all its own."""
    return split(triples) if name != ONTOLOGY_GRAPH else (triples, [])


def ntriples_data(triples: Iterable[ox.Triple]) -> str:
    return " .\n".join(f"{t.subject} {t.predicate} {t.object}" for t in triples)


def replace_update(name: str, local: list[ox.Triple], shared: list[ox.Triple], gone: set[str]) -> str:
    """One SPARQL update: drop the article graph, insert its new triples and node descriptions, and drop
    the descriptions of nodes it no longer derives that no other article does."""
    inserts = " ".join(f"GRAPH <{g}> {{ {ntriples_data(ts)} . }}" for g, ts in ((name, local), (NODES_GRAPH, shared))
                       if ts)
    return " ; ".join(filter(None, [f"DROP SILENT GRAPH <{name}>", f"INSERT DATA {{ {inserts} }}",
                                    collect_orphans(gone)]))


def drop_update(name: str, triples: Iterable[ox.Triple]) -> str:
    """One SPARQL update: drop an article graph that held `triples`, and the descriptions of the nodes it
    derived that no other article does."""
    return " ; ".join(filter(None, [f"DROP SILENT GRAPH <{name}>", collect_orphans(shared_nodes(triples))]))


def ontology_triples() -> list[ox.Triple]:
    """The ontology file's triples, read by Oxigraph's parser (no rdflib on a store's start-up)."""
    path = resources.ontology_file()
    try:
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as exc:
        raise StoreError(f"{path}: cannot read the ontology: {exc}") from None
    return triples


def blank_free(terms) -> Counter:
    """A graph's triples with blank-node labels erased, counted: equal for the same file parsed twice
    (the ontology's RDF lists get new labels on every parse and insert)."""
    def show(t):
        return "_:" if isinstance(t, ox.BlankNode) else str(t)

    return Counter(f"{show(t.subject)} {t.predicate} {show(t.object)}"
                   for t in {ox.Triple(q.subject, q.predicate, q.object) for q in terms})
