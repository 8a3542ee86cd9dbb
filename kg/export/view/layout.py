"""A deterministic layout that keeps communities together: the structure graph (statements and
commitments folded into their speaker or proposal) split into connected components, each component into
communities (Louvain, seeded), communities laid out by force on their own graph and each community's
nodes by force inside its disc; folded nodes ring their anchor. Nodes are taken in sorted order and every
random step is seeded, so the same store gives the same positions whatever the hash seed."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SEED = 7
SPACING = 46.0
Pos = dict[str, tuple[float, float]]


def structure(net: nx.MultiDiGraph) -> nx.Graph:
    """Undirected weighted graph of the shown-by-default nodes; a folded node links its anchor to its
    other neighbours, so speakers sit near what they spoke about."""
    g = nx.Graph()
    g.add_nodes_from(sorted(n for n, d in net.nodes(data=True) if not d.get("anchor")))
    owner = {n: d.get("anchor") or n for n, d in net.nodes(data=True)}
    pairs: dict[tuple[str, str], int] = {}
    for u, v in sorted((u, v) for u, v, _ in net.edges(keys=True)):
        a, b = sorted((owner[u], owner[v]))
        if a != b and a in g and b in g:
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    g.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pairs.items()))
    return g


def induced(g: nx.Graph, nodes) -> nx.Graph:
    """The subgraph on `nodes`, built in sorted order (a networkx subgraph view of a small part iterates
    in the order of a Python set, which changes with the hash seed)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_weighted_edges_from(sorted((*sorted((u, v)), w) for u, v, w in g.edges(keep, data="weight")
                                       if u in keep and v in keep))
    return sub


def radius(n: int) -> float:
    return SPACING * (0.6 + math.sqrt(n))


def fruchterman_reingold(g: nx.Graph, start: np.ndarray | None, iterations: int, k: float | None = None,
                         cooling: float = 0.1) -> np.ndarray:
    """Fruchterman-Reingold in numpy, rows of 512 nodes at a time (memory stays small on big graphs);
    the start is seeded, every step is plain arithmetic, so the result is the same on every run."""
    n = len(g)
    nodes = list(g)
    a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight="weight", format="csr").toarray()
    pos = np.random.default_rng(SEED).random((n, 2)) if start is None else start.astype(float).copy()
    k = k or math.sqrt(1.0 / n)
    t = cooling * max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1])), 1e-3)
    dt = t / (iterations + 1)
    for _ in range(iterations):
        disp = np.empty_like(pos)
        for lo in range(0, n, 512):
            delta = pos[lo:lo + 512, None, :] - pos[None, :, :]
            dist = np.maximum(np.sqrt((delta ** 2).sum(-1)), 0.01)
            disp[lo:lo + 512] = (delta * (k * k / dist ** 2 - a[lo:lo + 512] * dist / k)[..., None]).sum(1)
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 0.01)
        pos += disp * (t / length)[:, None]
        t -= dt
    return pos


def force(g: nx.Graph, scale: float) -> Pos:
    """Force layout from a fixed seed, fewer iterations on big graphs, centred and scaled to `scale`."""
    if len(g) == 1:
        return {next(iter(g)): (0.0, 0.0)}
    iterations = 60 if len(g) < 300 else 40 if len(g) < 1200 else 25
    pos = fruchterman_reingold(g, None, iterations)
    pos -= pos.mean(0)
    pos *= scale / max(float(np.abs(pos).max()), 1e-9)
    return {n: (float(x), float(y)) for n, (x, y) in zip(g, pos, strict=True)}


def communities(g: nx.Graph) -> list[list[str]]:
    """Louvain communities in canonical order: largest first, ties by first member."""
    if len(g) < 6 or g.number_of_edges() == 0:
        return [sorted(g)]
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED, resolution=1.0)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 80) -> np.ndarray:
    """Push overlapping discs apart (deterministic, vectorised)."""
    pts = centres.copy()
    for _ in range(rounds):
        diff = pts[:, None, :] - pts[None, :, :]
        dist = np.sqrt((diff ** 2).sum(-1)) + np.eye(len(pts))
        need = radii[:, None] + radii[None, :] + SPACING * 0.5
        overlap = np.clip(need - dist, 0, None) * (1 - np.eye(len(pts)))
        if overlap.max() < 1e-6:
            break
        push = (diff / dist[..., None] * overlap[..., None] / 2).sum(1)
        pts += push
    return pts


def component_layout(g: nx.Graph) -> Pos:
    """Communities placed by force on the community graph, nodes by force inside each community's disc."""
    comms = communities(g)
    if len(comms) == 1:
        return force(g, radius(len(g)))
    index = {n: i for i, c in enumerate(comms) for n in c}
    cg = nx.Graph()
    cg.add_nodes_from(range(len(comms)))
    for u, v, w in g.edges(data="weight"):
        a, b = sorted((index[u], index[v]))
        if a != b:
            cg.add_edge(a, b, weight=cg.get_edge_data(a, b, {"weight": 0})["weight"] + w)
    radii = np.array([radius(len(c)) for c in comms])
    raw = force(cg, float(radii.sum()) / 2)
    centres = separate(np.array([raw[i] for i in range(len(comms))]), radii)
    pos: Pos = {}
    for i, c in enumerate(comms):
        local = force(induced(g, c), radii[i])
        cx, cy = centres[i]
        pos.update({n: (cx + x, cy + y) for n, (x, y) in local.items()})
    return relax(g, pos, index)


def relax(g: nx.Graph, pos: Pos, index: dict[str, int]) -> Pos:
    """A few force iterations over the whole component from the community layout, edges inside a
    community three times as strong, so the communities stay together and the bridges shorten."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g))
    strong = sorted((u, v, w * (3 if index[u] == index[v] else 1)) for u, v, w in g.edges(data="weight"))
    h.add_weighted_edges_from(strong)
    x0, y0, x1, y1 = bounds(pos)
    span = max(x1 - x0, y1 - y0, 1.0)
    start = np.array([((pos[n][0] - x0) / span, (pos[n][1] - y0) / span) for n in h])
    out = fruchterman_reingold(h, start, 15 if len(h) < 1200 else 8, k=2.5 / math.sqrt(len(h)), cooling=0.05)
    k = span / max(float(np.ptp(out[:, 0])), float(np.ptp(out[:, 1])), 1e-9)
    return {n: (float(x) * k, float(y) * k) for n, (x, y) in zip(h, out, strict=True)}


def bounds(pos: Pos) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def pack(blocks: list[Pos]) -> Pos:
    """Components in rows, largest first, each row no wider than the largest block (or a square)."""
    sizes = [bounds(b) for b in blocks]
    widths = [x1 - x0 + 2 * SPACING for x0, _, x1, _ in sizes]
    row_width = max(max(widths), math.sqrt(sum(w * (y1 - y0 + 2 * SPACING)
                                                for w, (_, y0, _, y1) in zip(widths, sizes, strict=True))) * 1.3)
    out: Pos = {}
    x = y = row_h = 0.0
    for block, (x0, y0, _, y1), w in zip(blocks, sizes, widths, strict=True):
        h = y1 - y0 + 2 * SPACING
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out.update({n: (px - x0 + x + SPACING, py - y0 + y + SPACING) for n, (px, py) in block.items()})
        x, row_h = x + w, max(row_h, h)
    return out


def ring(net: nx.MultiDiGraph, pos: Pos) -> None:
    """Folded nodes on a spiral around their anchor, in sorted order."""
    by_anchor: dict[str, list[str]] = {}
    for n in sorted(net):
        anchor = net.nodes[n].get("anchor")
        if anchor:
            by_anchor.setdefault(anchor, []).append(n)
    golden = math.pi * (3 - math.sqrt(5))
    for anchor, members in by_anchor.items():
        ax, ay = pos[anchor]
        for k, n in enumerate(members):
            r = SPACING * 0.7 + 9 * math.sqrt(k + 1)
            pos[n] = (ax + r * math.cos(k * golden), ay + r * math.sin(k * golden))


def layout(net: nx.MultiDiGraph) -> Pos:
    """Positions for every node of `net`, rounded to 0.1 so they print identically everywhere."""
    g = structure(net)
    if len(g) == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    pos = pack([component_layout(induced(g, c)) for c in comps])
    ring(net, pos)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}
