"""Resolution across articles, block by block: read a block's members from the store, cluster them,
and replace the block's resolution graph. The graph of a block is a function of the articles in the
store (and the override file) alone, so ingest order, --jobs and one run or many give the same store.
After an ingest or a removal only the blocks the changed articles touch are redone."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.build.graph import ox_term
from kg.resolve.cluster import cluster
from kg.resolve.members import PREFIXES, read_block, select
from kg.resolve.overrides import Overrides, load_overrides
from kg.resolve.write import RESOLUTION_GRAPH, block_triples, graph_name, report_lines

CHUNK = 400


@dataclass
class ResolveReport:
    """What one resolution pass did (or, with dry_run, would do)."""

    blocks: int = 0
    members: int = 0
    merged_nodes: int = 0
    seconds: float = 0.0
    merges: list[dict] = field(default_factory=list)

    def line(self) -> str:
        return (f"resolved {self.blocks} blocks: {self.members} reported nodes -> {self.merged_nodes} nodes "
                f"shared by several articles; {self.seconds:.2f}s")


def kind_of(block: str) -> str:
    return "proposal" if block.startswith("proposal|") else "event"


def all_blocks(store) -> list[str]:
    q = PREFIXES + "SELECT DISTINCT ?b WHERE { GRAPH ?g { ?n ckg:blockingKey ?b } }"
    return sorted(d["b"] for d in select(store, q))


AGREEMENT_BLOCKS = PREFIXES + """SELECT DISTINCT ?b WHERE { VALUES ?pb { KEYS }
  GRAPH ?h { ?p ckg:blockingKey ?pb } GRAPH ?g { ?a ckg:concernsProposal ?p ; ckg:blockingKey ?b } }"""


def blocks_of(store, graphs: Iterable[str]) -> set[str]:
    """Blocks the articles' nodes are in, blocks whose resolution graph has them as members, and the
    event blocks of agreements on those blocks' proposals (an agreement's match reads its proposal's)."""
    graphs = sorted(set(graphs))
    out: set[str] = set()
    for i in range(0, len(graphs), CHUNK):
        vals = " ".join(f"<{g}>" for g in graphs[i:i + CHUNK])
        q = PREFIXES + f"""SELECT DISTINCT ?b WHERE {{ VALUES ?g {{ {vals} }}
          {{ GRAPH ?g {{ ?n ckg:blockingKey ?b }} }} UNION
          {{ GRAPH ?r {{ ?r ckg:memberGraph ?g ; ckg:resolutionBlock ?b }} }} }}"""
        out |= {d["b"] for d in select(store, q)}
    keys = " ".join(json.dumps(b) for b in sorted(out) if kind_of(b) == "proposal")
    if keys:
        out |= {d["b"] for d in select(store, AGREEMENT_BLOCKS.replace("KEYS", keys))}
    return out


def write_block(store, block: str, triples: list) -> None:
    name = graph_name(block)
    if not triples:
        if name in set(store.named_graphs()):
            store.remove_graph(name)
        return
    unique = dict.fromkeys(triples)
    nt = ox.serialize([ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in unique],
                      format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    store.put_ntriples(name, nt)


def resolve_blocks(store, blocks: Iterable[str], overrides: Overrides | None = None,
                   dry_run: bool = False) -> ResolveReport:
    """Re-resolve each block; with dry_run, only report what would be merged."""
    started = time.perf_counter()
    overrides = overrides if overrides is not None else load_overrides()
    report = ResolveReport()
    existing = {g for g in store.named_graphs() if g.startswith(RESOLUTION_GRAPH)}
    resolved: dict[str, str] = {}  # proposal node -> what this pass resolved it to (proposals go first)
    for block in sorted(set(blocks), key=lambda b: (kind_of(b) != "proposal", b)):
        kind = kind_of(block)
        members = read_block(store, block, resolved)
        clusters = cluster(kind, members, overrides)
        report.blocks += 1
        report.members += len(members)
        lines = report_lines(kind, block, clusters)
        report.merged_nodes += len(lines)
        report.merges += lines
        if kind == "proposal":
            resolved.update({m.node: m.node for m in members})
            resolved.update({x["node"]: line["node"] for line in lines for x in line["members"]})
        if not dry_run:
            triples = block_triples(store, kind, block, clusters, overrides.source)
            if triples or graph_name(block) in existing:
                write_block(store, block, triples)
    report.seconds = time.perf_counter() - started
    return report


def resolve_all(store, overrides: Overrides | None = None, dry_run: bool = False) -> ResolveReport:
    """Every block of the store; resolution graphs of blocks that no longer exist are dropped."""
    blocks = all_blocks(store)
    if not dry_run:
        wanted = {graph_name(b) for b in blocks}
        for g in store.named_graphs():
            if g.startswith(RESOLUTION_GRAPH) and g not in wanted:
                store.remove_graph(g)
    return resolve_blocks(store, blocks, overrides, dry_run)
