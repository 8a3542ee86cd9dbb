"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, GraphDB, Virtuoso): queries over the SPARQL
Protocol, article graphs written whole with the Graph Store Protocol (PUT replaces one named graph), or
with one SPARQL Update request (DROP + INSERT DATA) on a server that has no Graph Store Protocol.

Endpoints: from a base URL, `BASE/query`, `BASE/update` and `BASE/store` (Oxigraph's layout); each can be
set on its own with $KG_QUERY_URL, $KG_UPDATE_URL and $KG_GSP_URL or in the config file (kg.settings);
`gsp_url = false` (or $KG_GSP_URL=none) writes with SPARQL Update only. HTTP basic auth comes from
$KG_STORE_USER and $KG_STORE_PASSWORD only."""

from __future__ import annotations

import base64
import io
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.store.embedded import canonical
from kg.store.layout import (
    NODES_GRAPH,
    collect_orphans,
    drop_update,
    graph_parts,
    ontology_triples,
    parse_ntriples,
    replace_update,
    shared_nodes,
)
from kg.store.settings import StoreSettings, load_settings
from kg.vocab import ONTOLOGY_GRAPH

RETRIES = 4
TIMEOUT = 60.0
NT = "application/n-triples"


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    gsp: str | None  # None: the server has no Graph Store Protocol; graphs are written with SPARQL Update

    @classmethod
    def from_url(cls, url: str, settings: StoreSettings | None = None) -> Endpoints:
        """Oxigraph's layout under `url`, each endpoint overridden by the environment or the config file."""
        settings = (settings or load_settings()).for_store(url)
        base = url.rstrip("/")
        for suffix in ("/query", "/sparql"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
        gsp = None if settings.gsp_url is False else settings.gsp_url or base + "/store"
        return cls(settings.query_url or base + "/query", settings.update_url or base + "/update", gsp)

    @property
    def oxigraph_layout(self) -> bool:
        """Oxigraph's server: it takes `union-default-graph` to query the union of the graphs."""
        return self.query.endswith("/query")


class RemoteStore:
    """The same interface as EmbeddedStore, over HTTP."""

    def __init__(self, url: str, timeout: float = TIMEOUT):
        self.url = url
        self.endpoints = Endpoints.from_url(url)
        self.timeout = timeout
        user, password = os.environ.get("KG_STORE_USER"), os.environ.get("KG_STORE_PASSWORD")
        token = base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        self.auth = {"Authorization": f"Basic {token}"} if token else {}
        self.ensure_ontology()

    # ------------------------------------------------------------------ HTTP
    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                ok_missing: bool = False) -> bytes | None:
        """One HTTP call with retries and backoff on connection errors; non-2xx is a one-line StoreError."""
        headers = {**self.auth, **(headers or {})}
        for attempt in range(RETRIES):
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and ok_missing:
                    return None
                detail = exc.read().decode("utf-8", "replace").strip().splitlines()
                problem = f"{exc.code} {exc.reason}" + (f": {detail[0][:200]}" if detail else "")
                if exc.code == 400 and "query" in url:
                    raise QueryError(f"remote store rejected the query: {problem}") from None
                raise StoreError(f"remote store {self.url} answered {problem}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                if attempt == RETRIES - 1:
                    raise StoreError(f"remote store {self.url} is unreachable ({reason})") from None
                time.sleep(0.2 * 2 ** attempt)
        return None

    def graph_url(self, name: str) -> str:
        return f"{self.endpoints.gsp}?graph={urllib.parse.quote(name, safe='')}"

    def read_graph(self, name: str) -> list[ox.Triple]:
        """The triples of one named graph (none if it does not exist)."""
        if self.endpoints.gsp:
            raw = self.request("GET", self.graph_url(name), headers={"Accept": NT}, ok_missing=True)
        else:
            raw = self.request("POST", self.endpoints.query, body=self.form(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": NT})
        return list(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)) if raw else []

    def write_graph(self, name: str, local: list[ox.Triple], shared: list[ox.Triple], gone: set[str]) -> None:
        """Node descriptions added to the nodes graph, the article graph replaced whole, then the descriptions
        of nodes no article derives any more dropped."""
        if not self.endpoints.gsp:  # one update request: the server applies it as one transaction
            self.update(replace_update(name, local, shared, gone))
            return
        if shared:  # descriptions first: a failure before the PUT leaves the article as it was
            self.request("POST", self.graph_url(NODES_GRAPH), headers={"Content-Type": NT},
                         body=ox.serialize(shared, format=ox.RdfFormat.N_TRIPLES))
        self.request("PUT", self.graph_url(name), body=ox.serialize(local, format=ox.RdfFormat.N_TRIPLES),
                     headers={"Content-Type": NT})
        if gone:
            self.update(collect_orphans(gone))

    def ensure_ontology(self) -> None:
        self.put_triples(ONTOLOGY_GRAPH, ontology_triples())

    def put_ntriples(self, name: str, ntriples: str) -> str:
        """Write the graph whole (the server replaces it in one go): 'added', 'replaced' or 'unchanged'."""
        return self.put_triples(name, parse_ntriples(name, ntriples))

    def put_triples(self, name: str, new: list[ox.Triple]) -> str:
        """Write these triples as graph `name`, whole: 'added', 'replaced' or 'unchanged'."""
        local, shared = graph_parts(name, new)
        existing = self.read_graph(name)
        if existing and {canonical(t) for t in existing} == {canonical(t) for t in local}:
            return "unchanged"
        self.write_graph(name, local, shared, shared_nodes(existing) - shared_nodes(local))
        return "replaced" if existing else "added"

    def update(self, sparql: str) -> None:
        self.request("POST", self.endpoints.update, body=urllib.parse.urlencode({"update": sparql}).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})

    def replace_graph(self, name, graph: Graph) -> str:
        return self.put_ntriples(str(name), graph.serialize(format="nt"))

    def remove_graph(self, name) -> bool:
        """Drop the article graph, then the node descriptions no other article supports."""
        old = self.read_graph(str(name))
        if not old:
            return False
        if not self.endpoints.gsp:
            self.update(drop_update(str(name), old))
            return True
        self.request("DELETE", self.graph_url(str(name)), ok_missing=True)
        orphans = collect_orphans(shared_nodes(old))
        if orphans:
            self.update(orphans)
        return True

    # ------------------------------------------------------------------ reads
    def form(self, sparql: str) -> bytes:
        """The query form; Oxigraph's server is asked to query the union of all graphs, as the embedded store does
        (Fuseki needs tdb2:unionDefaultGraph in its configuration; GraphDB and Virtuoso do this by default)."""
        fields = {"query": sparql}
        if self.endpoints.oxigraph_layout:
            fields["union-default-graph"] = ""
        return urllib.parse.urlencode(fields).encode()

    def select_json(self, sparql: str) -> dict:
        data = self.form(sparql)
        raw = self.request("POST", self.endpoints.query, body=data, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        return json.loads(raw)

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        """SELECT/ASK through SPARQL JSON results, CONSTRUCT/DESCRIBE through N-Triples, as rdflib results."""
        if bindings:
            raise NotImplementedError("bind parameters with kg.query.run_query, which writes a VALUES block")
        data = self.form(sparql)
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        raw = self.request("POST", self.endpoints.query, body=data, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        text = raw.decode("utf-8")
        if text.lstrip().startswith("{"):
            return Result.parse(io.StringIO(text), format="json")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=text, format="nt")
        return result

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        rows = self.select_json(f"SELECT ?s ?p ?o ?g WHERE {{ {pattern} }}")["results"]["bindings"]
        for row in rows:
            g = graph or row["g"]["value"]
            yield ox.Quad(term(row["s"]), term(row["p"]), term(row["o"]), ox.NamedNode(g))

    def named_graphs(self) -> list[str]:
        rows = self.select_json("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")["results"]["bindings"]
        return sorted(r["g"]["value"] for r in rows)

    def __len__(self) -> int:
        rows = self.select_json("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["results"]["bindings"]
        return int(rows[0]["n"]["value"])

    def close(self) -> None:
        pass

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def term(binding: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A SPARQL JSON results binding as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    lang, dtype = binding.get("xml:lang"), binding.get("datatype")
    return ox.Literal(value, language=lang) if lang else \
        ox.Literal(value, datatype=ox.NamedNode(dtype) if dtype else None)
