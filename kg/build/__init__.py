"""Build: mint IRIs and write one article's Extraction as RDF in the ontology's terms."""

from kg.build.graph import article_graph, article_iri, article_ntriples, article_triples, iri

__all__ = ["article_graph", "article_iri", "article_ntriples", "article_triples", "iri"]
