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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@STORE_OPTION
@click.option("--glob", default="*", show_default=True, help="File name pattern inside folders.")
@click.option("--date", help="Article date (YYYY-MM-DD) for a single file without front matter.")
@click.option("--publisher", help="Publisher for a single file.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@fail_cleanly
def ingest(paths, store_path, glob, date, publisher, quiet, as_json) -> None:
    """Ingest article files or folders (.txt/.md with optional front matter; '-' reads stdin).

    \b
    Example:
      kg ingest examples/articles --store kg-store
    """
    from kg.ingest_run import ingest as run

    overrides = {"date": date, "publisher": publisher}
    with open_store(store_path) as store:
        summary = run(paths, store, glob=glob, overrides=overrides,
                      on_error=lambda msg: click.echo(f"kg: error: {msg}", err=True))
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    elif not quiet:
        click.echo(summary.line())
    sys.exit(1 if summary.failed else 0)


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout).")
@click.option("--no-ontology", is_flag=True, help="Leave the ontology (TBox) out.")
@click.option("--ontology-only", is_flag=True, help="Export only the ontology.")
@fail_cleanly
def export(store_path, fmt, output, no_ontology, ontology_only) -> None:
    """Export the store as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

    \b
    Example:
      kg export --format trig -o out/graph.trig
    """
    from kg.export import export_rdf

    with open_store(store_path) as store:
        if output:
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
