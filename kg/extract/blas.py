"""numpy's bundled OpenBLAS held to one thread while the trained pipeline runs.

The trained networks do their matrix products with numpy's BLAS (see GEMM_ENV in kg/extract/nlp.py), which
would otherwise start a thread per core for the larger products: extraction stays one thread per process,
as with thinc's BLIS. Where the library or its thread setting cannot be found, ``available()`` is False and
the pipeline keeps BLIS."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy

SUFFIXES = ("scipy_openblas", "openblas")  # library names: numpy's wheels, a system OpenBLAS
SETTERS = (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
           ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
           ("openblas_get_num_threads", "openblas_set_num_threads"))


def loaded_libraries() -> list[str]:
    """Shared libraries mapped into this process whose name says OpenBLAS (Linux), else those in numpy's
    wheel folder."""
    maps = Path("/proc/self/maps")
    found = []
    if maps.exists():
        for line in maps.read_text().splitlines():
            path = line.split()[-1] if line.split() else ""
            if "openblas" in Path(path).name.lower() and path not in found:
                found.append(path)
    if not found:
        libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
        found = [str(p) for p in sorted(libs.glob("*openblas*"))] if libs.is_dir() else []
    return found


@lru_cache(maxsize=1)
def thread_setting() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    """OpenBLAS's (get, set) number of threads, or None when they cannot be found."""
    numpy.dot(numpy.ones((2, 2)), numpy.ones((2, 2)))  # the BLAS is loaded by now
    for path in loaded_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in SETTERS:
            getter, setter = getattr(lib, get_name, None), getattr(lib, set_name, None)
            if getter is not None and setter is not None:
                getter.restype, setter.argtypes = ctypes.c_int, [ctypes.c_int]
                return getter, setter
    return None


def available() -> bool:
    """Whether numpy's OpenBLAS can be held to one thread (else the pipeline keeps BLIS)."""
    return thread_setting() is not None


@contextmanager
def one_thread() -> Iterator[None]:
    """Hold numpy's OpenBLAS to one thread inside the block (nothing where it cannot be)."""
    setting = thread_setting()
    if setting is None:
        yield
        return
    get, set_ = setting
    before = get()
    set_(1)
    try:
        yield
    finally:
        set_(before)
