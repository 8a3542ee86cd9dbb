"""numpy's BLAS held to one thread while the trained pipeline runs.

The trained networks do their matrix products with numpy's BLAS (see GEMM_ENV in kg/extract/nlp.py), which
would otherwise start a thread per core for the larger products: extraction stays one thread per process,
as with thinc's BLIS. threadpoolctl finds the BLAS numpy loaded (OpenBLAS in numpy's wheels, MKL or another
where numpy was built against it) and sets its threads; where it finds none, ``available()`` is False and
the pipeline keeps BLIS."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import numpy
from threadpoolctl import ThreadpoolController


@lru_cache(maxsize=1)
def controller() -> ThreadpoolController:
    """The thread pools of the libraries loaded by now (numpy's BLAS is loaded by a first product)."""
    numpy.dot(numpy.ones((2, 2)), numpy.ones((2, 2)))
    return ThreadpoolController()


def available() -> bool:
    """Whether numpy's BLAS can be held to one thread (else the pipeline keeps BLIS)."""
    return bool(controller().select(user_api="blas").lib_controllers)


@contextmanager
def one_thread() -> Iterator[None]:
    """Hold numpy's BLAS to one thread inside the block, and give back its former setting after."""
    with controller().limit(limits=1, user_api="blas"):
        yield
