"""Store: where triples live. Embedded Oxigraph on disk (through oxrdflib) by default."""

from kg.store.embedded import EmbeddedStore, default_location, open_store

__all__ = ["EmbeddedStore", "default_location", "open_store"]
