"""Where the ontology, lexicon and saved queries live (the repository's own folders)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    """The folder holding conflict-kg.ttl, shapes.ttl and lexicon.ttl ($KG_ONTOLOGY_DIR overrides)."""
    return Path(os.environ.get("KG_ONTOLOGY_DIR", ROOT / "ontology"))


def queries_dir() -> Path:
    """The folder of saved .rq queries ($KG_QUERIES_DIR overrides)."""
    return Path(os.environ.get("KG_QUERIES_DIR", ROOT / "queries"))


def ontology_file() -> Path:
    return ontology_dir() / "conflict-kg.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def lexicon_file() -> Path:
    return ontology_dir() / "lexicon.ttl"


def patterns_file() -> Path:
    return ontology_dir() / "patterns.json"
