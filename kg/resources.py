"""Where the ontology, shapes, lexicon, patterns and saved queries are read from.

The repository's ontology/ and queries/ folders are the source of truth. A regular install (wheel,
pipx) carries a copy of them as package data in kg/_data/ (setup.py's build step); a checkout or an
editable install has no kg/_data/ and reads the repository folders. $KG_ONTOLOGY_DIR and
$KG_QUERIES_DIR override both."""

from __future__ import annotations

import os
from importlib import resources as importlib_resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bundled(folder: str) -> Path:
    """kg/_data/<folder> when the package carries it (an installed wheel), else the repository folder."""
    packaged = importlib_resources.files("kg") / "_data" / folder
    if packaged.is_dir():
        return Path(str(packaged))
    return ROOT / folder


def ontology_dir() -> Path:
    """The folder holding conflict-kg.ttl, shapes.ttl, lexicon.ttl and patterns.json ($KG_ONTOLOGY_DIR overrides)."""
    return Path(os.environ.get("KG_ONTOLOGY_DIR") or bundled("ontology"))


def queries_dir() -> Path:
    """The folder of saved .rq queries ($KG_QUERIES_DIR overrides)."""
    return Path(os.environ.get("KG_QUERIES_DIR") or bundled("queries"))


def ontology_file() -> Path:
    return ontology_dir() / "conflict-kg.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def lexicon_file() -> Path:
    return ontology_dir() / "lexicon.ttl"


def patterns_file() -> Path:
    return ontology_dir() / "patterns.json"
