"""Counts that describe a store: articles, triples, nodes per class."""

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


@dataclass(frozen=True)
class StoreStats:
    articles: int
    triples: int
    graphs: int
    classes: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict:
        return {"articles": self.articles, "triples": self.triples, "graphs": self.graphs,
                "classes": dict(self.classes)}


def store_stats(store: EmbeddedStore) -> StoreStats:
    classes = tuple((str(row[0]).rsplit("#", 1)[-1], int(row[1])) for row in store.query(CLASS_COUNTS))
    articles = dict(classes).get("Article", 0)
    return StoreStats(articles=articles, triples=len(store), graphs=len(store.named_graphs()), classes=classes)
