"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, GraphDB, Virtuoso): queries over the SPARQL
Protocol, article graphs written whole with the Graph Store Protocol (PUT replaces one named graph), or
with one SPARQL Update request (DROP + INSERT DATA) on a server that has no Graph Store Protocol.

Endpoints: from a base URL, `BASE/query`, `BASE/update` and `BASE/store` (Oxigraph's layout); each can be
set on its own with $KG_QUERY_URL, $KG_UPDATE_URL and $KG_GSP_URL or in the config file (kg.settings);
`gsp_url = false` (or $KG_GSP_URL=none) writes with SPARQL Update only. HTTP basic auth comes from
$KG_STORE_USER and $KG_STORE_PASSWORD only."""

from __future__ import annotations

import base64
import csv
import http.client
import io
import json
import os
import re
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
from kg.store.layout import (
    NODES_GRAPH,
    canonical,
    collect_orphans,
    drop_update,
    graph_parts,
    ntriples_data,
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


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(
        parts.scheme.lower())


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(the URL without user:password@, user, password)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    plain = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return plain, urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but sends the Authorization header only back to the configured origin."""

    def __init__(self, home: str):
        self.home = origin(home)

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and origin(newurl) != self.home:
            for table in (new.headers, new.unredirected_hdrs):
                for key in [k for k in table if k.lower() == "authorization"]:
                    del table[key]
        return new


class RemoteStore:
    """The same interface as EmbeddedStore, over HTTP."""

    def __init__(self, url: str, timeout: float = TIMEOUT, read_only: bool = False):
        url, url_user, url_password = split_credentials(url)
        self.url = url
        self.endpoints = Endpoints.from_url(url)
        self.timeout = timeout
        user = os.environ.get("KG_STORE_USER") or url_user
        password = os.environ.get("KG_STORE_PASSWORD") if os.environ.get("KG_STORE_USER") else url_password
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode() if user else None
        self.auth = {"Authorization": f"Basic {token}"} if token else {}
        self.secrets = [x for x in (token, password) if x]
        self.opener = urllib.request.build_opener(SameOriginRedirects(url))
        if not read_only:
            self.ensure_ontology()

    # ------------------------------------------------------------------ HTTP
    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                ok_missing: bool = False) -> bytes | None:
        """One HTTP call with retries and backoff on connection errors; non-2xx is a one-line StoreError."""
        resp = self.open(method, url, body, headers, ok_missing)
        if resp is None:
            return None
        with resp:
            return self.read_body(resp)

    def open(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
             ok_missing: bool = False):
        """The open response of one HTTP call (None for a 404 when `ok_missing`); retried on connection errors."""
        headers = {**self.auth, **(headers or {})}
        for attempt in range(RETRIES):
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                return self.opener.open(req, timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and ok_missing:
                    return None
                problem = f"{exc.code} {exc.reason}" + self.detail(exc)
                if exc.code == 400 and "query" in url:
                    raise QueryError(f"remote store rejected the query: {problem}") from None
                raise StoreError(f"remote store {self.url} answered {problem}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
                reason = self.redact(str(getattr(exc, "reason", exc)))
                if attempt == RETRIES - 1:
                    raise StoreError(f"remote store {self.url} is unreachable ({reason})") from None
                time.sleep(0.2 * 2 ** attempt)
        return None

    def read_body(self, resp) -> bytes:
        try:
            return resp.read()
        except http.client.IncompleteRead as exc:
            raise StoreError(f"remote store {self.url} cut its answer short ({len(exc.partial)} bytes received, "
                             f"{exc.expected} missing)") from None
        except (OSError, http.client.HTTPException) as exc:
            raise StoreError(f"remote store {self.url} broke off its answer ({self.redact(str(exc))})") from None

    def detail(self, exc: urllib.error.HTTPError) -> str:
        """The first line of an error body, cut, with anything like a credential blanked out."""
        try:
            lines = exc.read(4096).decode("utf-8", "replace").strip().splitlines()
        except (OSError, http.client.HTTPException):
            return ""
        return f": {self.redact(lines[0])[:200]}" if lines else ""

    def redact(self, text: str) -> str:
        text = re.sub(r"(?i)(authorization|proxy-authorization)\s*[:=]\s*\S+(\s+\S+)?", r"\1: [redacted]", text)
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text

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
        return self.parse_nt(raw)

    def write_graph(self, name: str, local: list[ox.Triple], shared: list[ox.Triple], gone: set[str],
                    existing: list[ox.Triple] | None = None) -> None:
        """Node descriptions added to the nodes graph, the article graph replaced whole, then the descriptions
        of nodes no article derives any more dropped. With the Graph Store Protocol these are three requests:
        if one fails, the ones done are undone, so the store is left exactly as it was."""
        if not self.endpoints.gsp:  # one update request: the server applies it as one transaction
            self.update(replace_update(name, local, shared, gone))
            return
        fresh = self.new_descriptions(shared)
        done: list[str] = []
        try:
            if fresh:
                self.request("POST", self.graph_url(NODES_GRAPH), headers={"Content-Type": NT},
                             body=ox.serialize(fresh, format=ox.RdfFormat.N_TRIPLES))
                done.append("nodes")
            self.request("PUT", self.graph_url(name), body=ox.serialize(local, format=ox.RdfFormat.N_TRIPLES),
                         headers={"Content-Type": NT})
            done.append("graph")
            if gone:
                self.update(collect_orphans(gone))
        except StoreError as exc:
            self.undo(name, done, fresh, existing or [], exc)
            raise StoreError(f"{exc}; the partial write was undone, the store is as before") from None

    def new_descriptions(self, shared: list[ox.Triple]) -> list[ox.Triple]:
        """The node descriptions among `shared` that the nodes graph does not hold yet."""
        if not shared:
            return []
        values = " ".join(f"<{n}>" for n in sorted(shared_nodes(shared)))
        raw = self.request("POST", self.endpoints.query, body=self.form(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{NODES_GRAPH}> {{ VALUES ?s {{ {values} }} ?s ?p ?o }} }}"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": NT})
        have = {canonical(t) for t in self.parse_nt(raw)}
        return [t for t in shared if canonical(t) not in have]

    def undo(self, name: str, done: list[str], fresh: list[ox.Triple], existing: list[ox.Triple],
             cause: StoreError) -> None:
        """Put back the article graph and take out the descriptions this write added; a failure here is said."""
        try:
            if "graph" in done:
                if existing:
                    self.request("PUT", self.graph_url(name), headers={"Content-Type": NT},
                                 body=ox.serialize(existing, format=ox.RdfFormat.N_TRIPLES))
                else:
                    self.request("DELETE", self.graph_url(name), ok_missing=True)
            if "nodes" in done:
                self.update(f"DELETE DATA {{ GRAPH <{NODES_GRAPH}> {{ {ntriples_data(fresh)} . }} }}")
        except StoreError as again:
            raise StoreError(f"{cause}; undoing the partial write failed too ({again}): "
                             f"re-run the same ingest to complete graph {name}") from None

    def parse_nt(self, raw: bytes | None) -> list[ox.Triple]:
        if not raw:
            return []
        try:
            return list(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            raise StoreError(not_sparql(self.url, raw)) from None

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
        self.write_graph(name, local, shared, shared_nodes(existing) - shared_nodes(local), existing)
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
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise StoreError(not_sparql(self.url, raw)) from None

    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        """SELECT/ASK through SPARQL JSON results, CONSTRUCT/DESCRIBE through N-Triples, as rdflib results."""
        if bindings:
            raise NotImplementedError("bind parameters with kg.query.run_query, which writes a VALUES block")
        data = self.form(sparql)
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        raw = self.request("POST", self.endpoints.query, body=data, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        text = raw.decode("utf-8", "replace")
        try:
            if text.lstrip().startswith("{"):
                return Result.parse(io.StringIO(text), format="json")
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=text, format="nt")
        except Exception:  # noqa: BLE001 - any parser's complaint means the same thing here
            raise StoreError(not_sparql(self.url, raw)) from None
        return result

    def write_answer(self, sparql: str, fmt: str, out) -> None:
        """Stream the server's answer to `out` in `fmt` (as kg.query.run does for the embedded store)."""
        from kg.query.guard import shape
        from kg.query.run import LineEnds, write_rows

        form = shape(sparql).first_word
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept = {"json": "application/ld+json" if graph else "application/sparql-results+json"}.get(
            fmt, "text/turtle" if graph else "text/csv")
        if form == "ASK":
            out.write(b"true" if self.select_json(sparql).get("boolean") else b"false")
            return
        resp = self.open("POST", self.endpoints.query, body=self.form(sparql), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        with resp:
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype in ("text/html", "text/plain", "application/xhtml+xml"):
                raise StoreError(not_sparql(self.url, resp.read(200)))
            if graph or fmt == "json":
                self.copy(resp, out)
            elif fmt == "csv":
                ends = LineEnds(out)
                self.copy(resp, ends)
                ends.flush()
            else:
                rows = csv.reader(io.TextIOWrapper(resp, encoding="utf-8", newline=""))
                try:
                    names = next(rows, [])
                    write_rows(names, rows, fmt, out)
                except BrokenPipeError:
                    raise
                except (OSError, http.client.HTTPException, csv.Error) as exc:
                    raise StoreError(f"remote store {self.url} broke off its answer ({exc})") from None

    def copy(self, resp, out) -> None:
        while True:
            try:
                chunk = resp.read(1 << 16)
            except http.client.IncompleteRead as exc:
                raise StoreError(f"remote store {self.url} cut its answer short "
                                 f"({exc.expected} bytes missing)") from None
            except (OSError, http.client.HTTPException) as exc:
                raise StoreError(f"remote store {self.url} broke off its answer ({exc})") from None
            if not chunk:
                return
            out.write(chunk)

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


def not_sparql(url: str, raw: bytes) -> str:
    """The message for a 200 answer that is neither SPARQL results nor RDF (an HTML page, plain text)."""
    start = raw[:200].decode("utf-8", "replace").strip()
    kind = "an HTML page" if re.match(r"(?is)\s*(<!doctype html|<html)", start) else "something else"
    return (f"remote store {url} is not a SPARQL endpoint (it answered with {kind}, not SPARQL results); "
            "check the URL, e.g. http://host:7878 for Oxigraph or http://host:3030/DATASET for Fuseki")
