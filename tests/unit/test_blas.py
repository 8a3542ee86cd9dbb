"""The trained pipeline's matrix products: numpy's BLAS held to one thread, the same annotations as
spaCy's own BLIS, and KG_SPACY_GEMM=blis to keep spaCy's."""

from __future__ import annotations

import spacy
from thinc.api import use_ops
from threadpoolctl import threadpool_info

from kg.extract import blas
from kg.extract.nlp import DEFAULT_MODEL, numpy_gemm

TEXTS = [
    "Veldorian drones hit the Marsk thermal power plant on Friday, the ministry of Ostravia said.",
    "Marlen Orvik met Ivo Kastel in Tervin on 3 March and agreed to a 30-day halt to strikes on ports.",
    "\u201cWe will not strike their substations if they do not strike ours,\u201d Lena Voss told reporters.",
]


def blas_threads() -> set[int]:
    return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}


def test_one_thread_holds_the_blas_to_one_and_gives_back_the_setting():
    assert blas.available()
    with blas.controller().limit(limits=2, user_api="blas"):
        assert blas_threads() == {2}
        with blas.one_thread():
            assert blas_threads() == {1}
        assert blas_threads() == {2}


def test_kg_spacy_gemm_blis_keeps_spacys_own(monkeypatch):
    monkeypatch.setenv("KG_SPACY_GEMM", "blis")
    assert not numpy_gemm()
    monkeypatch.delenv("KG_SPACY_GEMM")
    assert numpy_gemm()


def annotations(use_blis: bool) -> list[tuple]:
    with use_ops("numpy", use_blis=use_blis):
        nlp = spacy.load(DEFAULT_MODEL)
    with blas.one_thread():
        docs = list(nlp.pipe(TEXTS))
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for d in docs for t in d]


def test_numpy_blas_gives_the_annotations_blis_gives():
    assert annotations(use_blis=False) == annotations(use_blis=True)
