"""The `kg` command: a thin shell over the library. Each command parses arguments, calls one library
function, and turns library errors into a one-line message and an exit code."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.store import default_location, open_store

STORE_OPTION = click.option("--store", "store_path", default=None, metavar="DIR",
                            help="Store folder (default: $KG_STORE or ./kg-store).")


def fail_cleanly(fn):
    """Library errors become 'kg: error: ...' on stderr and the error's exit code."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-kg")
def main() -> None:
    """conflict-kg: build a knowledge graph of war diplomacy from news articles, offline.

    \b
    Example:
      kg ingest examples/articles && kg stats && kg query --list
    """


def parse_pairs(pairs: tuple[str, ...], option: str) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.BadParameter(f"{pair!r}: expected NAME=VALUE", param_hint=option)
        out[key.strip()] = value.strip()
    return out


@main.command()
@click.argument("paths", nargs=-1, required=True)
@STORE_OPTION
@click.option("--glob", default="*", show_default=True, help="File name pattern inside folders.")
@click.option("--date", help="Article date (YYYY-MM-DD), overriding the file's metadata.")
@click.option("--publisher", help="Publisher, overriding the file's metadata.")
@click.option("--field", "fields", multiple=True, metavar="KEY=NAME",
              help="JSON field holding KEY (text, title, date, url, publisher, language), e.g. text=body.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction; the store ends up the same for every N.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-resolve", is_flag=True, help="Skip cross-article resolution (run `kg resolve` later).")
@fail_cleanly
def ingest(paths, store_path, glob, date, publisher, fields, jobs, quiet, as_json, no_resolve) -> None:
    """Ingest article files or folders: .txt/.md (front matter optional), .html, .json/.jsonl/.ndjson,
    RSS/Atom (.xml/.rss/.atom); '-' reads standard input.

    \b
    Examples:
      kg ingest examples/articles --store kg-store
      kg ingest scraped.jsonl --field text=body --jobs 2
    """
    from kg.ingest_run import ingest as run
    from kg.progress import ingest_progress

    overrides = {"date": date, "publisher": publisher}
    show = not quiet and not as_json and sys.stderr.isatty()
    with open_store(store_path) as store, ingest_progress(show) as tick:
        summary = run(paths, store, glob=glob, overrides=overrides, fields=parse_pairs(fields, "--field"),
                      jobs=jobs, on_error=lambda msg: click.echo(f"kg: error: {msg}", err=True), on_article=tick,
                      resolve=not no_resolve)
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    elif not quiet:
        click.echo(summary.line())
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("articles", nargs=-1, required=True)
@STORE_OPTION
@fail_cleanly
def remove(articles, store_path) -> None:
    """Remove articles (by IRI, URL or the file they came from) and every fact only they supported.

    \b
    Example:
      kg remove examples/articles/energy-truce-ft.txt
    """
    from kg.remove import remove_articles

    with open_store(store_path) as store:
        removed, missing = remove_articles(store, articles)
    for item in removed:
        click.echo(f"removed {item}")
    for item in missing:
        click.echo(f"kg: error: {item}: no such article in the store", err=True)
    sys.exit(1 if missing else 0)


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld", "graphml", "csv"]))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File (default: stdout); for csv, a folder that gets nodes.csv and edges.csv.")
@click.option("--no-ontology", is_flag=True, help="Leave the ontology (TBox) out.")
@click.option("--ontology-only", is_flag=True, help="Export only the ontology.")
@fail_cleanly
def export(store_path, fmt, output, no_ontology, ontology_only) -> None:
    """Export the store as Turtle, TriG, N-Quads, N-Triples, JSON-LD, GraphML (Gephi) or CSV tables.

    \b
    Examples:
      kg export --format trig -o out/graph.trig
      kg export --format turtle --no-ontology -o out/data.ttl
      kg export --format graphml -o out/graph.graphml
      kg export --format csv -o out/tables
    """
    from kg.errors import KgError
    from kg.export import NETWORK_FORMATS, export_network, export_rdf

    with open_store(store_path) as store:
        if fmt in NETWORK_FORMATS:
            if not output:
                raise KgError(f"--format {fmt} needs -o ({'a folder' if fmt == 'csv' else 'a file'})")
            click.echo(f"wrote {export_network(store, fmt, output)}", err=True)
        elif output:
            output.parent.mkdir(parents=True, exist_ok=True)
            tmp = output.with_name(output.name + ".part")
            with open(tmp, "wb") as fh:
                export_rdf(store, fmt, fh, ontology=not no_ontology, data=not ontology_only)
            tmp.replace(output)
        else:
            export_rdf(store, fmt, sys.stdout.buffer, ontology=not no_ontology, data=not ontology_only)


@main.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@fail_cleanly
def stats(store_path, as_json) -> None:
    """Articles, triples and nodes per class in the store.

    \b
    Example:
      kg stats --store kg-store
    """
    from kg.stats import store_stats

    with open_store(store_path) as store:
        s = store_stats(store)
    if as_json:
        click.echo(json.dumps(s.as_dict(), indent=2))
        return
    click.echo(f"store {store_path or default_location()}: {s.articles} articles, {s.triples} triples, "
               f"{s.graphs} named graphs")
    for cls, n in s.classes:
        click.echo(f"  {cls:<22} {n}")


@main.command()
@click.argument("query", required=False)
@STORE_OPTION
@click.option("-e", "--expression", help="SPARQL text to run instead of a saved query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to VALUE (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle"]), default="table",
              show_default=True)
@click.option("--list", "list_all", is_flag=True, help="List the saved queries and their questions.")
@fail_cleanly
def query(query, store_path, expression, params, fmt, list_all) -> None:
    """Run a saved query (NAME or FILE.rq) or SPARQL text (-e) against the store.

    \b
    Examples:
      kg query --list
      kg query quotes --format csv
      kg query actor-profile --param actor="Vladimir Putin"
      kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from kg.errors import QueryError
    from kg.query import answer, find_query, list_queries

    if list_all:
        for q in list_queries():
            extra = "  [params: " + ", ".join(p.name for p in q.params) + "]" if q.params else ""
            click.echo(f"{q.name:<24} {q.question}{extra}")
        return
    if not query and not expression:
        raise QueryError("give a saved query name, a .rq file, or -e 'SPARQL' (see kg query --list)")
    sparql = expression if expression else find_query(query).text
    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {p!r}: expected NAME=VALUE")
        bound[name.strip()] = value
    with open_store(store_path) as store:
        click.echo(answer(store, sparql, bound, fmt), nl=False)


@main.command()
@STORE_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("out/graph.html"),
              show_default=True)
@click.option("--around", metavar="LABEL", help="Only the neighbourhood of this node.")
@click.option("--hops", default=2, show_default=True, help="Neighbourhood radius for --around.")
@click.option("--max-nodes", default=2000, show_default=True, help="Keep the best-connected N nodes.")
@click.option("--query", "query_file", metavar="NAME|FILE.rq", help="Only the nodes a saved query returns.")
@fail_cleanly
def graph(store_path, output, around, hops, max_nodes, query_file) -> None:
    """Write the interactive graph: one self-contained HTML file that works offline.

    \b
    Examples:
      kg graph -o out/graph.html --around "Vladimir Putin" --hops 2
      kg graph -o out/quotes.html --query quotes-by-actor
    """
    from kg.export import store_network
    from kg.export.html import write_html
    from kg.export.network import largest, neighbourhood
    from kg.query import find_query, result_iris, run_query

    with open_store(store_path) as store:
        keep = result_iris(run_query(store, find_query(query_file).text)) if query_file else None
        net = store_network(store, keep)
    if around:
        net = neighbourhood(net, around, hops)
    n = write_html(largest(net, max_nodes), output)
    click.echo(f"wrote {output} ({n} nodes)")


@main.command()
@STORE_OPTION
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL consistency check (HermiT, needs Java).")
@click.option("--engine", type=click.Choice(["auto", "sparql", "pyshacl"]), default="auto", show_default=True,
              help="SHACL by SPARQL inside the store (fast) or by pyshacl (the reference).")
@fail_cleanly
def validate(store_path, no_reasoner, engine) -> None:
    """Check the store against the SHACL shapes and the ontology (exit 0 conforms, 1 violations, 2 error).

    \b
    Example:
      kg validate --store kg-store
    """
    from kg.validate import validate_store

    with open_store(store_path) as store:
        report = validate_store(store, reasoner=not no_reasoner, engine=engine)
    if report.violations:
        click.echo(report.text)
    if report.owl_checked:
        click.echo(report.owl_message)
    click.echo(f"SHACL: {'conforms' if report.violations == 0 else f'{report.violations} violations'}")
    sys.exit(0 if report.conforms else 1)


@main.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update and Graph Store writes (read-only otherwise).")
@fail_cleanly
def serve(store_path, host, port, allow_update) -> None:
    """Serve the store over the SPARQL 1.1 Protocol (query page at http://HOST:PORT/, endpoint /query).

    \b
    Example:
      kg serve --store kg-store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.serve import serve as run

    click.echo(f"serving {store_path or default_location()} at http://{host}:{port}/ "
               f"({'read-write' if allow_update else 'read-only'}); Ctrl-C stops", err=True)
    sys.exit(run(store_path or default_location(), host, port, allow_update))


@main.group(invoke_without_command=True)
@STORE_OPTION
@click.option("--top", default=15, show_default=True, help="How many central actors to list.")
@click.pass_context
@fail_cleanly
def analyze(ctx, store_path, top) -> None:
    """Network analytics over the actor graph: central actors (degree, betweenness) and communities.

    \b
    Examples:
      kg analyze --top 10
      kg analyze path "Donald Trump" "Vladimir Putin"
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store_path
    if ctx.invoked_subcommand is not None:
        return
    from kg.analyze import central_actors, communities
    from kg.export import store_network

    with open_store(store_path) as store:
        net = store_network(store)
    click.echo(f"{'actor':<40} {'class':<20} {'degree':>6} {'betweenness':>11}")
    for c in central_actors(net, top):
        click.echo(f"{c.actor:<40} {c.cls:<20} {c.degree:>6} {c.betweenness:>11.4f}")
    click.echo("\ncommunities:")
    for i, group in enumerate(communities(net), start=1):
        click.echo(f"  {i}. " + ", ".join(group))


@analyze.command()
@click.argument("source")
@click.argument("target")
@click.pass_context
@fail_cleanly
def path(ctx, source, target) -> None:
    """The shortest chain of facts between two nodes, each with its evidence sentence.

    \b
    Example:
      kg analyze path "Donald Trump" "Vladimir Putin"
    """
    from kg.analyze import fact_path
    from kg.export import store_network

    with open_store(ctx.obj.get("store")) as store:
        net = store_network(store)
    for hop in fact_path(net, source, target):
        click.echo(f"{hop.source} --{hop.relation}--> {hop.target}")
        if hop.evidence:
            click.echo(f"    \u201c{hop.evidence}\u201d")


@main.command()
@STORE_OPTION
@click.option("--dry-run", is_flag=True, help="Report what would be merged; write nothing.")
@click.option("--overrides", type=click.Path(dir_okay=False, path_type=Path),
              help="Merge/split override file (default: $KG_RESOLVE_OVERRIDES, else ./kg-resolve.json).")
@click.option("--json", "as_json", is_flag=True, help="Print the merge record as JSON.")
@fail_cleanly
def resolve(store_path, dry_run, overrides, as_json) -> None:
    """Join the nodes several articles give one real event or proposal (ingest and remove do this for
    the articles they change; run it after editing the override file).

    \b
    Examples:
      kg resolve --dry-run
      kg resolve --overrides my-merges.json
    """
    from kg.resolve.overrides import load_overrides
    from kg.resolve.run import resolve_all

    with open_store(store_path) as store:
        report = resolve_all(store, load_overrides(overrides), dry_run=dry_run)
    if as_json:
        click.echo(json.dumps({"summary": report.line(), "merges": report.merges}, indent=2))
        return
    for merge in report.merges:
        click.echo(f"{merge['node']}  ({merge['articles']} articles)  {merge['label'][:70]}")
        for m in merge["members"]:
            click.echo(f"    {m['node']}  score {m['score'] if m['score'] is not None else '-'}  {m['reason']}")
    click.echo(("would have " if dry_run else "") + report.line())


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@STORE_OPTION
@fail_cleanly
def import_(files, store_path) -> None:
    """Load RDF dumps (N-Quads, TriG, N-Triples, Turtle; e.g. another machine's `kg export`) with the
    store's bulk loader.

    \b
    Example:
      kg import backup.nq --store kg-store
    """
    from kg.importer import import_files

    with open_store(store_path) as store:
        before = len(store)
        after = import_files(store, files)
    click.echo(f"{len(files)} file(s) loaded; {after - before:+d} triples (store: {after})")
