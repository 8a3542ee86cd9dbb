"""Build step: the repository's ontology/ and queries/ folders (the source of truth) are copied into the
wheel as package data under kg/_data/, where kg.resources finds them after a regular install."""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = {"ontology": ("*.ttl", "*.json"), "queries": ("*.rq",)}


class build_py_with_data(build_py):
    """build_py, then kg/_data/<folder>/<files> from the repository folders."""

    def run(self):
        super().run()
        for folder, patterns in DATA.items():
            target = Path(self.build_lib) / "kg" / "_data" / folder
            target.mkdir(parents=True, exist_ok=True)
            for pattern in patterns:
                for src in sorted((ROOT / folder).rglob(pattern)):  # ontology/frames/*.json too
                    dest = target / src.relative_to(ROOT / folder)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dest)


setup(cmdclass={"build_py": build_py_with_data})
