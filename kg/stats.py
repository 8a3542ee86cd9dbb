"""Counts that describe a store: articles, distinct triples and quads, named graphs, nodes per class.

A quad is a triple in one named graph; the same triple stated by two articles is two quads, one
distinct triple. Both are reported, under those names, by `kg stats`, `kg ingest` and `kg import`."""

from __future__ import annotations

from dataclasses import dataclass

from kg.store import EmbeddedStore

CLASS_COUNTS = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(ckg:))) }
  FILTER(?g != <https://w3id.org/conflict-kg/graph/ontology>)
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""


DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"


@dataclass(frozen=True)
class StoreStats:
    articles: int
    triples: int
    graphs: int
    classes: tuple[tuple[str, int], ...]
    quads: int = 0

    def as_dict(self) -> dict:
        return {"articles": self.articles, "triples": self.triples, "quads": self.quads, "graphs": self.graphs,
                "classes": dict(self.classes)}

    def line(self) -> str:
        return (f"{self.articles} articles, {self.triples} distinct triples in {self.quads} quads, "
                f"{self.graphs} named graphs")


def distinct_triples(store: EmbeddedStore) -> int:
    """Triples counted once however many graphs state them."""
    rows = list(store.query(DISTINCT_TRIPLES))  # consumed whole: a live result keeps the store open
    return int(rows[0][0])


def store_stats(store: EmbeddedStore) -> StoreStats:
    classes = tuple((str(row[0]).rsplit("#", 1)[-1], int(row[1])) for row in store.query(CLASS_COUNTS))
    articles = dict(classes).get("Article", 0)
    return StoreStats(articles=articles, triples=distinct_triples(store), graphs=len(store.named_graphs()),
                      classes=classes, quads=len(store))
