"""The `kg` command: a thin shell over the library. Each command parses arguments, calls one library
function, and turns library errors into a one-line message and an exit code."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.store import default_location, open_store

STORE_OPTION = click.option("--store", "store_path", default=None, metavar="DIR",
                            help="Store folder (default: $KG_STORE or ./kg-store).")


def fail_cleanly(fn):
    """Library errors become 'kg: error: ...' on stderr and the error's exit code; a closed pipe
    (`kg stats | head -1`) ends the command quietly with 0, as Unix tools do."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            try:
                return fn(*args, **kwargs)
            finally:
                sys.stdout.flush()  # a full disk behind stdout is reported here, not at exit
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except RuntimeError as exc:  # RocksDB finding damage while reading, after a clean open
            if "Corruption" not in str(exc):
                raise
            click.echo(f"kg: error: the store is damaged ({' '.join(str(exc).split())[:120]}); restore it from a "
                       "backup, or rebuild it with `kg import` of an export into a new --store", err=True)
            sys.exit(2)
        except OSError as exc:
            if exc.errno == errno.EPIPE or isinstance(exc, BrokenPipeError):
                silence_stdout()  # a closed pipe (`kg stats | head -1`) ends kg quietly, as Unix tools do
                sys.exit(0)
            if exc.errno not in WRITE_ERRORS:
                raise
            click.echo(f"kg: error: cannot write the output: {exc.strerror}", err=True)
            silence_stdout()
            sys.exit(2)
    return wrapper


WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def silence_stdout() -> None:
    """Send what is still buffered for stdout to /dev/null, so exiting does not fail a second time."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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
@click.option("--cluster", envvar="KG_DASK_SCHEDULER", metavar="tcp://HOST:PORT|local:N",
              help="Extract on a Dask cluster (or N local worker processes) instead of --jobs; "
                   "default $KG_DASK_SCHEDULER.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-resolve", is_flag=True, help="Skip cross-article resolution (run `kg resolve` later).")
@fail_cleanly
def ingest(paths, store_path, glob, date, publisher, fields, jobs, cluster, quiet, as_json, no_resolve) -> None:
    """Ingest article files or folders: .txt/.md (front matter optional), .html, .json/.jsonl/.ndjson,
    RSS/Atom (.xml/.rss/.atom); '-' reads standard input.

    \b
    Examples:
      kg ingest examples/articles --store kg-store
      kg ingest scraped.jsonl --field text=body --jobs 2
      kg ingest archive/ --cluster tcp://scheduler:8786 --store http://oxigraph:7878
    """
    from kg.cluster import cluster_client
    from kg.ingest_run import ingest as run
    from kg.progress import count_inputs, ingest_progress

    overrides = {"date": date, "publisher": publisher}
    show = not quiet and not as_json and sys.stderr.isatty()
    from kg.errors import StoreError

    total = count_inputs(paths, glob) if show else None

    try:
        with cluster_client(cluster) as client, open_store(store_path) as store, \
                ingest_progress(show, total) as tick:
            summary = run(paths, store, glob=glob, overrides=overrides, fields=parse_pairs(fields, "--field"),
                          jobs=jobs, on_error=lambda msg: click.echo(f"kg: error: {msg}", err=True), on_article=tick,
                          cluster=client, resolve=not no_resolve)
    except StoreError as exc:  # stopped half-way: the articles written so far are whole; say how many
        if getattr(exc, "summary", None) is None:
            raise
        click.echo(f"kg: error: {exc}", err=True)
        done = exc.summary
        if done.ingested or done.unchanged or done.failed:
            click.echo(f"stopped: {done.line()}", err=True)
        sys.exit(2)
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

    with open_store(store_path, create=False) as store:
        removed, missing = remove_articles(store, articles)
    for item in removed:
        click.echo(f"removed {item}")
    for item in missing:
        click.echo(f"kg: error: {item}: no such article in the store", err=True)
    sys.exit(1 if missing else 0)


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="turtle|ttl, trig, nquads|nq, ntriples|nt, jsonld|json-ld, graphml, csv "
                   "(default: from -o's extension, else turtle).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File (default and '-': stdout); for csv, a folder that gets nodes.csv and edges.csv.")
@click.option("--no-ontology", is_flag=True, help="Leave the ontology (TBox) out.")
@click.option("--ontology-only", is_flag=True, help="Export only the ontology.")
@click.option("--owl", is_flag=True, help="OWL 2 DL-safe for reasoners (HermiT, Protégé): dates as xsd:dateTime.")
@click.option("--articles", is_flag=True, help="graphml/csv: Article nodes too, linked from what they support.")
@fail_cleanly
def export(store_path, fmt, output, no_ontology, ontology_only, owl, articles) -> None:
    """Export the store as Turtle, TriG, N-Quads, N-Triples, JSON-LD, GraphML (Gephi) or CSV tables.

    \b
    Examples:
      kg export -o out/graph.trig
      kg export --format turtle --no-ontology -o out/data.ttl
      kg export --owl -o out/for-protege.ttl
      kg export -o out/graph.graphml --articles
      kg export --format csv -o out/tables
    """
    from kg.errors import KgError
    from kg.export import NETWORK_FORMATS, export_network, export_rdf
    from kg.export.formats import resolve_format

    fmt = resolve_format(fmt, output)
    if owl and fmt in NETWORK_FORMATS:
        raise KgError(f"--owl is for RDF formats, not {fmt}")
    with open_store(store_path, read_only=True) as store:
        if fmt in NETWORK_FORMATS:
            if not output:
                raise KgError(f"--format {fmt} needs -o ({'a folder' if fmt == 'csv' else 'a file'})")
            click.echo(f"wrote {export_network(store, fmt, output, articles=articles)}", err=True)
        else:
            from kg.output import output_file

            with output_file(output or "-") as fh:
                export_rdf(store, fmt, fh, ontology=not no_ontology, data=not ontology_only, owl=owl)


@main.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@fail_cleanly
def stats(store_path, as_json) -> None:
    """Articles, distinct triples, quads (triples per named graph) and nodes per class in the store.

    \b
    Example:
      kg stats --store kg-store
    """
    from kg.stats import store_stats

    with open_store(store_path, read_only=True) as store:
        s = store_stats(store)
    if as_json:
        click.echo(json.dumps(s.as_dict(), indent=2))
        return
    from kg.store.remote import split_credentials

    shown = split_credentials(str(store_path or default_location()))[0]  # never a password on screen
    click.echo(f"store {shown}: {s.line()}")
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
@click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Stop the query after this many seconds (Ctrl-C always stops it).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE call other SPARQL servers (refused by default).")
@fail_cleanly
def query(query, store_path, expression, params, fmt, list_all, timeout, allow_service) -> None:
    """Run a saved query (NAME or FILE.rq), SPARQL text (-e) or a query on stdin ('-') against the store.

    \b
    Examples:
      kg query --list
      kg query quotes --format csv
      kg query actor-profile --param actor="Vladimir Putin"
      kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      echo 'ASK { ?s a ?c }' | kg query -
    """
    from kg.errors import QueryError
    from kg.query import find_query, list_queries
    from kg.query.catalogue import check_params
    from kg.query.checks import check_format
    from kg.query.run import answer_to

    if list_all:
        for q in list_queries():
            extra = "  [params: " + ", ".join(p.name for p in q.params) + "]" if q.params else ""
            click.echo(f"{q.name:<24} {q.question}{extra}")
        return
    if not query and not expression:
        raise QueryError("give a saved query name, a .rq file, '-' (stdin), or -e 'SPARQL' (see kg query --list)")
    saved = None if expression or query == "-" else find_query(query)
    sparql = expression or (sys.stdin.read() if query == "-" else saved.text)
    if not sparql.strip():
        raise QueryError("-: no query on standard input")
    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {p!r}: expected NAME=VALUE")
        bound[name.strip()] = value
    if saved is not None:
        check_params(saved, bound)
    check_format(sparql, fmt, allow_service)
    answer_to(store_path, sparql, bound, fmt, sys.stdout.buffer, timeout=timeout, allow_service=allow_service)


@main.command()
@STORE_OPTION
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out/graph.html"),
              show_default=True)
@click.option("--around", metavar="LABEL", help="Only the neighbourhood of this node.")
@click.option("--hops", default=2, show_default=True, help="Neighbourhood radius for --around.")
@click.option("--max-nodes", default=2000, show_default=True, help="Keep the best-connected N nodes.")
@click.option("--query", "query_file", metavar="NAME|FILE.rq", help="Only the nodes a saved query returns.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME in --query (repeatable).")
@click.option("--title", default="conflict-kg graph", show_default=True, help="Title of the page and its exports.")
@fail_cleanly
def graph(store_path, output, around, hops, max_nodes, query_file, params, title) -> None:
    """Write the interactive graph: one self-contained HTML file that works offline.

    \b
    Examples:
      kg graph -o out/graph.html --around "Vladimir Putin" --hops 2
      kg graph -o out/quotes.html --query quotes-by-actor --param actor=Peskov
    """
    from kg.errors import QueryError
    from kg.export.html import write_html
    from kg.export.network import largest, neighbourhood
    from kg.export.view import view_network
    from kg.progress import stages
    from kg.query import find_query, result_iris, run_query
    from kg.query.catalogue import check_params

    bound = parse_pairs(params, "--param")
    if bound and not query_file:
        raise QueryError("--param binds the variables of --query; give --query NAME too")
    saved = find_query(query_file) if query_file else None
    if saved is not None:
        check_params(saved, bound)
    with stages(sys.stderr.isatty(), "graph") as step:
        with open_store(store_path, read_only=True) as store:
            step(f"running {saved.name}" if saved else "reading the store")
            keep = result_iris(run_query(store, saved.text, bound)) if saved else None
            step("reading the store")
            net = view_network(store, keep)
        if around:
            net = neighbourhood(net, around, hops)
        shown = largest(net, max_nodes)
        step(f"laying out {shown.number_of_nodes()} nodes and writing {output}")
        n = write_html(shown, output, title)
    cut = net.number_of_nodes() - shown.number_of_nodes()
    note = f"; --max-nodes {max_nodes} left out {cut} of {net.number_of_nodes()} nodes" if cut else ""
    click.echo(f"wrote {output} ({n} nodes{note})")


@main.command()
@STORE_OPTION
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL consistency check (HermiT, needs Java).")
@click.option("--engine", type=click.Choice(["auto", "sparql", "pyshacl"]), default="auto", show_default=True,
              help="SHACL by SPARQL inside the store (fast) or by pyshacl (the reference).")
@click.option("--json", "as_json", is_flag=True, help="Print the SHACL results and the OWL verdict as JSON.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the SHACL result as RDF (sh:ValidationReport): .ttl, .nt or .jsonld.")
@fail_cleanly
def validate(store_path, no_reasoner, engine, as_json, report_path) -> None:
    """Check the store against the SHACL shapes and the ontology (exit 0 conforms, 1 violations, 2 error).

    \b
    Examples:
      kg validate --store kg-store
      kg validate --json --report out/shacl-report.ttl
    """
    from kg.errors import KgError
    from kg.progress import stages
    from kg.validate import report_graph, validate_store

    rdf_formats = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
    if report_path and report_path.suffix.lower() not in rdf_formats:
        raise KgError(f"{report_path}: --report writes {', '.join(rdf_formats)}")
    with open_store(store_path, read_only=True) as store, stages(sys.stderr.isatty(), "validate") as step:
        report = validate_store(store, reasoner=not no_reasoner, engine=engine, on_stage=step)
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_graph(report).serialize(report_path, format=rdf_formats[report_path.suffix.lower()])
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        sys.exit(0 if report.conforms else 1)
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
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True, metavar="SECONDS",
              help="Stop any query after this many seconds.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE call other SPARQL servers (refused by default).")
@fail_cleanly
def serve(store_path, host, port, allow_update, timeout, allow_service) -> None:
    """Serve the store over the SPARQL 1.1 Protocol (query page at http://HOST:PORT/, endpoint /query).

    \b
    Example:
      kg serve --store kg-store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.serve import check_location
    from kg.serve import serve as run

    location = check_location(store_path or default_location())
    click.echo(f"serving {location} at http://{host}:{port}/ "
               f"({'read-write' if allow_update else 'read-only'}); Ctrl-C stops", err=True)
    sys.exit(run(location, host, port, allow_update, timeout, allow_service))


@main.group(invoke_without_command=True)
@STORE_OPTION
@click.option("--top", default=15, show_default=True, help="How many central actors to list.")
@click.option("--json", "as_json", is_flag=True, help="Print central actors and communities as JSON.")
@click.pass_context
@fail_cleanly
def analyze(ctx, store_path, top, as_json) -> None:
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
    from kg.progress import stages

    with stages(sys.stderr.isatty(), "analyze") as step:
        with open_store(store_path, read_only=True) as store:
            step("reading the store")
            net = store_network(store)
        step("centrality (degree, betweenness)")
        central = central_actors(net, top)
        step("communities (greedy modularity)")
        groups = communities(net)
    if as_json:
        click.echo(json.dumps({"central": [c.as_dict() for c in central], "communities": groups}, indent=2))
        return
    click.echo(f"{'actor':<40} {'class':<20} {'degree':>6} {'betweenness':>11}")
    for c in central:
        click.echo(f"{c.actor:<40} {c.cls:<20} {c.degree:>6} {c.betweenness:>11.4f}")
    click.echo("\ncommunities:")
    for i, group in enumerate(groups, start=1):
        click.echo(f"  {i}. " + ", ".join(group))


@analyze.command()
@click.argument("source")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print the hops as JSON.")
@click.pass_context
@fail_cleanly
def path(ctx, source, target, as_json) -> None:
    """The shortest chain of facts between two nodes (names or aliases), each with its evidence sentence.

    \b
    Example:
      kg analyze path "Donald Trump" "Putin"
    """
    from kg.analyze import fact_path
    from kg.export import store_network
    from kg.progress import stages

    with stages(sys.stderr.isatty(), "analyze path") as step, \
            open_store(ctx.obj.get("store"), read_only=True) as store:
        step("reading the store")
        net = store_network(store)
    hops = fact_path(net, source, target)
    if as_json:
        click.echo(json.dumps([h.as_dict() for h in hops], indent=2))
        return
    for hop in hops:
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
    """Load RDF dumps that keep one named graph per article (N-Quads, TriG, JSON-LD with graphs; e.g.
    another machine's `kg export -o backup.nq`) with the store's bulk loader. Turtle and N-Triples hold no
    graphs and are refused.

    \b
    Example:
      kg import backup.nq --store kg-store
    """
    from kg.importer import import_files
    from kg.stats import distinct_triples

    with open_store(store_path) as store:
        before = len(store)
        after = import_files(store, files)
        triples = distinct_triples(store)
    click.echo(f"{len(files)} file(s) loaded; {after - before:+d} quads (store: {after} quads, "
               f"{triples} distinct triples)")
