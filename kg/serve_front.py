"""The HTTP front of `kg serve`: every request passes here before Oxigraph's server sees it.

Oxigraph's server has no switch for SERVICE (it calls out to any URL a query names) and its parser
overflows its stack on a deeply nested query, aborting the whole server. So this small front, on the
public port, checks each query with kg.query.guard, serves the query page and the saved questions, and
forwards what passes to the Oxigraph child on a private loopback port, streaming the answer back."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.errors import KgError
from kg.query.guard import MAX_CHARS, check_query

CHUNK = 1 << 16
FORWARD_HEADERS = ("content-type", "accept")


@dataclass(frozen=True)
class FrontConfig:
    backend: str  # http://127.0.0.1:PORT of the Oxigraph child
    allow_update: bool
    allow_service: bool
    timeout: float | None


def saved_queries() -> list[dict]:
    """The saved questions for the page: name, title, question, parameters and text."""
    from kg.query import list_queries

    return [{"name": q.name, "title": q.title, "question": q.question, "text": q.text,
             "params": [{"name": p.name, "description": p.description} for p in q.params]}
            for q in list_queries()]


def make_handler(config: FrontConfig):
    """A request handler class bound to `config`."""

    class Front(BaseHTTPRequestHandler):
        server_version = "conflict-kg"

        def do_GET(self):  # noqa: N802
            path, _, query = self.path.partition("?")
            if path in ("/", "/index.html"):
                from kg.serve_page import PAGE

                return self.reply(200, PAGE.encode(), "text/html; charset=utf-8")
            if path == "/page.js":
                from kg.serve_page import SCRIPT

                return self.reply(200, SCRIPT.encode(), "text/javascript; charset=utf-8")
            if path == "/saved-queries":
                return self.reply(200, json.dumps(saved_queries()).encode(), "application/json")
            if path == "/saved":
                return self.saved(urllib.parse.parse_qs(query))
            if path == "/query":
                fields = urllib.parse.parse_qs(query)
                return self.guarded(fields.get("query", [""])[0], update=False, body=None)
            if path == "/store" and config.allow_update:
                return self.forward(None)
            return self.reply(404, b"not found\n")

        def do_POST(self):  # noqa: N802
            path = self.path.partition("?")[0]
            body = self.body()
            if body is None:
                return None
            if path == "/query":
                return self.guarded(self.sparql_of(body, "query"), update=False, body=body)
            if path == "/update" or path == "/store":
                if not config.allow_update:
                    return self.reply(403, b"this server is read-only (start kg serve with --allow-update)\n")
                if path == "/store":
                    return self.forward(body)
                return self.guarded(self.sparql_of(body, "update"), update=True, body=body)
            return self.reply(404, b"not found\n")

        def do_PUT(self):  # noqa: N802
            body = self.body()
            if body is None:
                return None
            if self.path.startswith("/store") and config.allow_update:
                return self.forward(body)
            return self.reply(403, b"this server is read-only (start kg serve with --allow-update)\n")

        do_DELETE = do_PUT  # noqa: N815

        def body(self) -> bytes | None:
            size = int(self.headers.get("Content-Length") or 0)
            if size > 4 * MAX_CHARS and not self.path.startswith("/store"):
                self.reply(413, f"request over {4 * MAX_CHARS} bytes\n".encode())
                return None
            return self.rfile.read(size) if size else b""

        def sparql_of(self, body: bytes, field: str) -> str:
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                return urllib.parse.parse_qs(body.decode("utf-8", "replace")).get(field, [""])[0]
            return body.decode("utf-8", "replace")

        def guarded(self, sparql: str, update: bool, body: bytes | None):
            try:
                check_query(sparql, allow_service=config.allow_service, update=update)
            except KgError as exc:
                return self.reply(400, f"{exc}\n".encode())
            return self.forward(body)

        def saved(self, fields: dict[str, list[str]]):
            """GET /saved?name=NAME&PARAM=VALUE...: a saved question with its parameters bound safely."""
            from kg.query import find_query
            from kg.query.run import bind

            try:
                saved = find_query(fields.pop("name", [""])[0])
                params = {k: v[0] for k, v in fields.items() if v and v[0] != ""}
                sparql = bind(saved.text, params, config.allow_service)
            except KgError as exc:
                return self.reply(400, f"{exc}\n".encode())
            self.path = "/query?" + urllib.parse.urlencode({"query": sparql})
            return self.forward(None)

        def forward(self, body: bytes | None):
            headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARD_HEADERS}
            req = urllib.request.Request(config.backend + self.path, data=body, method=self.command, headers=headers)
            wait = (config.timeout or 3600) + 10
            try:
                resp = urllib.request.urlopen(req, timeout=wait)  # noqa: S310 - our own loopback child
            except urllib.error.HTTPError as exc:
                resp = exc
            except OSError as exc:
                return self.reply(502, f"the SPARQL engine did not answer ({exc})\n".encode())
            with resp:
                self.send_response(resp.status if hasattr(resp, "status") else resp.code)
                for key in ("Content-Type", "Content-Disposition"):
                    if resp.headers.get(key):
                        self.send_header(key, resp.headers[key])
                self.end_headers()
                try:
                    while chunk := resp.read(CHUNK):
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the client went away, or the engine broke off: nothing more to send
            return None

        def reply(self, code: int, data: bytes, ctype: str = "text/plain; charset=utf-8"):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            if ctype.startswith("text/html"):
                self.send_header("Content-Security-Policy",
                                 "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                                 "connect-src 'self'; base-uri 'none'; form-action 'none'")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Front


class FrontServer(ThreadingHTTPServer):
    daemon_threads = True


def front_server(host: str, port: int, config: FrontConfig) -> ThreadingHTTPServer:
    """The front server bound to host:port (not yet serving)."""
    return FrontServer((host, port), make_handler(config))
