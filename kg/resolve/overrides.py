"""The researcher's own merge and split decisions, in a JSON file outside the store (so they survive
re-ingest and rebuilds):

    {"merge": [["ckgr:event/a-1", "ckgr:event/b-4"]],
     "split": [["ckgr:proposal/c-ref-energy", "ckgr:proposal/d-2-truce"]]}

Each pair names two nodes as articles produce them (the IRIs `kg resolve --dry-run` lists); `ckgr:` is
short for https://w3id.org/conflict-kg/id/. A merge joins their nodes; a split keeps them apart. The
file is $KG_RESOLVE_OVERRIDES, else ./kg-resolve.json when it exists, else `--overrides FILE`."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.vocab import CKGR

DEFAULT_FILE = "kg-resolve.json"


def expand(name: str) -> str:
    return str(CKGR) + name[len("ckgr:"):] if name.startswith("ckgr:") else name


@dataclass(frozen=True)
class Overrides:
    merges: tuple[tuple[str, str], ...] = ()
    splits: frozenset[frozenset[str]] = frozenset()
    source: str | None = None

    def split_pair(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.splits


def pairs(data: dict, key: str, path: Path) -> list[tuple[str, str]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
                                              for p in items):
        raise InputError(f"{path}: '{key}' must be a list of [IRI, IRI] pairs")
    return [(expand(a), expand(b)) for a, b in items]


def load_overrides(path: str | Path | None = None) -> Overrides:
    """The override file given, else $KG_RESOLVE_OVERRIDES, else ./kg-resolve.json; none: no overrides."""
    chosen = path or os.environ.get("KG_RESOLVE_OVERRIDES") or (DEFAULT_FILE if Path(DEFAULT_FILE).exists() else None)
    if not chosen:
        return Overrides()
    p = Path(chosen)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{p}: cannot read the override file: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise InputError(f"{p}: expected an object with 'merge' and 'split' lists")
    merges = pairs(data, "merge", p)
    splits = frozenset(frozenset(x) for x in pairs(data, "split", p))
    return Overrides(tuple(sorted(merges)), splits, str(p))
