"""`kg ingest --cluster`: a Dask LocalCluster of two worker processes on loopback gives the same store as
`--jobs 1`, embedded and remote (a real Oxigraph server); a worker SIGKILLed mid-run loses and duplicates
nothing; a scheduler that answers nothing is a one-line error, exit 2, and nothing is written."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from distributed import Client, LocalCluster

from kg import cluster as kg_cluster
from kg.ingest_run import ingest
from kg.store import open_store
from tests.conftest import CORPUS
from tests.servers import free_port, oxigraph_server

pytestmark = pytest.mark.slow
KG = str(Path(sys.executable).with_name("kg"))
ARTICLE = "https://w3id.org/conflict-kg/id/article/"


def run_kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def quads(location: str | Path) -> set[str]:
    """Every quad of an embedded or remote store as text, blank node labels blanked."""
    with open_store(location) as store:
        found = store.quads() if hasattr(store, "endpoints") else store.ox.quads_for_pattern(None, None, None, None)
        return {" ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in q) for q in found}


def server_quad_count(url: str) -> int:
    """Quads on the server, asked over plain HTTP (opening a kg store would write the ontology)."""
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}).encode()
    req = urllib.request.Request(url + "/query", data=body, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return int(json.load(resp)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def inputs(tmp_path) -> list[str]:
    """The test corpus, one unseen article, a bad file that must fail alone, and two versions of one article
    (same URL, so the same IRI): the later one must win, as with --jobs 1."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    for i, body in enumerate(["Russia and Ukraine met in Riyadh on Tuesday.",
                              "Ukraine's Foreign Minister said Kyiv proposed a 30-day truce on energy strikes."]):
        (extra / f"v{i}.txt").write_text(
            f"---\ntitle: Versions\nurl: https://example.org/versions\ndate: 2025-03-2{i}\n---\n{body}\n")
    return [str(CORPUS / "dev-01-dnipro-substations.txt"), str(CORPUS), str(CORPUS.parent / "unseen"), str(extra)]


def check_same_run(one: subprocess.CompletedProcess, many: subprocess.CompletedProcess) -> None:
    assert one.returncode == many.returncode == 1, many.stderr  # the bad file fails, the rest goes in
    assert sorted(many.stderr.splitlines()) == sorted(one.stderr.splitlines())
    assert len(many.stderr.splitlines()) == 1 and "bad.txt" in many.stderr
    summary_one, summary_many = json.loads(one.stdout), json.loads(many.stdout)
    for key in ("ingested", "added", "replaced", "unchanged", "failed", "triples"):
        assert summary_many[key] == summary_one[key], key


def test_cluster_same_quads_as_jobs_1_embedded(tmp_path, inputs):
    one = run_kg("ingest", *inputs, "--glob", "*.txt", "--jobs", "1", "--store", str(tmp_path / "one"), "--json")
    many = run_kg("ingest", *inputs, "--glob", "*.txt", "--cluster", "local:2", "--store", str(tmp_path / "many"),
                  "--json")
    check_same_run(one, many)
    assert json.loads(many.stdout)["unchanged"] == 1  # dev-01 named twice: written once, then unchanged
    assert quads(tmp_path / "many") == quads(tmp_path / "one")


def test_cluster_same_quads_as_jobs_1_remote(tmp_path, inputs):
    with oxigraph_server(tmp_path / "server-one") as url_one, oxigraph_server(tmp_path / "server-many") as url_many:
        one = run_kg("ingest", *inputs, "--glob", "*.txt", "--jobs", "1", "--store", url_one, "--json")
        many = run_kg("ingest", *inputs, "--glob", "*.txt", "--store", url_many, "--json",
                      env={"KG_DASK_SCHEDULER": "local:2"})
        check_same_run(one, many)
        remote = quads(url_many)
        assert remote == quads(url_one)
    embedded = run_kg("ingest", *inputs, "--glob", "*.txt", "--store", str(tmp_path / "embedded"))
    assert embedded.returncode == 1
    assert remote == quads(tmp_path / "embedded")


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes on 127.0.0.1, restarted by their nannies when killed."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as lc, Client(lc) as client:
        yield client


def many_articles(folder: Path, n: int) -> Path:
    """n distinct articles made from the test corpus (a numbered note keeps each one's text, and id, its own)."""
    base = [p.read_text() for p in sorted(CORPUS.glob("*.txt"))]
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(base[i % len(base)] + f"\nEditor's note {i}: Reuters contributed.\n")
    return folder


@pytest.mark.parametrize("remote", [False, True], ids=["embedded", "remote"])
def test_worker_sigkilled_mid_run_every_article_once(cluster, tmp_path, remote):
    n = 160
    cluster.wait_for_workers(2, timeout=120)
    folder = many_articles(tmp_path / "many", n)
    with open_store(tmp_path / "reference") as store:
        assert ingest([folder], store).added == n
    pids = cluster.run(os.getpid)
    killed: list[tuple[int, int]] = []

    def kill_once(source: str, outcome: str) -> None:
        done = kill_once.count = getattr(kill_once, "count", 0) + 1
        if done == n // 4 and not killed:  # a quarter done: every other article is queued or running
            busy = {addr: tasks for addr, tasks in cluster.processing().items() if tasks and addr in pids}
            addr = max(busy, key=lambda a: len(busy[a]))
            killed.append((pids[addr], len(busy[addr])))
            os.kill(pids[addr], signal.SIGKILL)

    with oxigraph_server(tmp_path / "server") as url:
        location = url if remote else tmp_path / "store"
        with open_store(location) as store:
            summary = ingest([folder], store, on_article=kill_once, cluster=cluster)
            graphs = [g for g in store.named_graphs() if g.startswith(ARTICLE)]
        stored = quads(location)
    (pid, tasks), = killed
    print(f"SIGKILLed worker pid {pid} holding {tasks} task(s) after {n // 4} of {n} articles; {summary.line()}")
    assert tasks > 0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert summary.failed == 0 and summary.ingested + summary.unchanged == n
    assert len(graphs) == len(set(graphs)) == n  # every article present, once
    assert stored == quads(tmp_path / "reference")  # and each whole, as --jobs 1 writes it
    cluster.wait_for_workers(2, timeout=120)  # the nanny brought the killed worker back


def test_same_article_never_in_flight_twice(cluster, tmp_path, monkeypatch):
    """One article per task and five versions of one article in a row: each version waits for the one
    before, so the last one wins, as with --jobs 1."""
    monkeypatch.setattr(kg_cluster, "CHUNK", 1)
    folder = tmp_path / "versions"
    folder.mkdir()
    for i in range(5):
        (folder / f"v{i}.txt").write_text(f"---\ntitle: v{i}\nurl: https://example.org/one\n---\n"
                                          f"Ukraine said on day {i} that Russia had struck {i + 2} substations.\n")
    with open_store(tmp_path / "one") as store:
        expected = ingest([folder], store)
    with open_store(tmp_path / "many") as store:
        summary = ingest([folder], store, cluster=cluster)
    assert (summary.added, summary.replaced) == (expected.added, expected.replaced) == (1, 4)
    assert quads(tmp_path / "many") == quads(tmp_path / "one")


class Silent:
    """A loopback port that accepts connections and never says a word."""

    def __enter__(self) -> str:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        return f"tcp://127.0.0.1:{self.sock.getsockname()[1]}"

    def __exit__(self, *exc) -> None:
        self.sock.close()


@pytest.mark.parametrize("scheduler", ["silent", "refused"])
def test_unreachable_scheduler_one_line_error_nothing_written(tmp_path, scheduler):
    env = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "5s"}
    with Silent() as silent, oxigraph_server(tmp_path / "server") as url:
        address = silent if scheduler == "silent" else f"tcp://127.0.0.1:{free_port()}"
        for store in (str(tmp_path / "store"), url):
            proc = run_kg("ingest", str(CORPUS), "--cluster", address, "--store", store, env=env)
            assert proc.returncode == 2
            assert proc.stderr == f"kg: error: cannot reach the Dask scheduler at {address} (no answer within 5 s)\n"
            assert proc.stdout == ""
        assert not (tmp_path / "store").exists()
        assert server_quad_count(url) == 0


def test_bad_cluster_address_one_line_error(tmp_path):
    for address, problem in [("local:0", "expected local:N"), ("http://127.0.0.1:8786", "unknown address scheme")]:
        proc = run_kg("ingest", str(CORPUS), "--cluster", address, "--store", str(tmp_path / "store"))
        assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and problem in proc.stderr, proc.stderr
    assert not (tmp_path / "store").exists()


def profilers(client: Client) -> list[list[str]]:
    """Each worker's running statistical-profiler callbacks."""
    return sorted(client.run(lambda dask_worker: sorted(k for k in dask_worker.periodic_callbacks
                                                        if k.startswith("profile"))).values())


def test_kg_switches_off_the_workers_profiler_unless_asked_to_keep_it(tmp_path, monkeypatch):
    """A cluster with Dask's defaults (as a remote one would be): the profiler samples every worker's stack
    until kg's worker plugin stops it; KG_DASK_PROFILE=1 keeps it."""
    article = CORPUS / "dev-01-dnipro-substations.txt"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as lc, Client(lc) as client:
        assert profilers(client) == [["profile", "profile-cycle"]]
        monkeypatch.setenv("KG_DASK_PROFILE", "1")
        with open_store(tmp_path / "kept") as store:
            assert ingest([article], store, cluster=client).added == 1
        assert profilers(client) == [["profile", "profile-cycle"]]
        monkeypatch.delenv("KG_DASK_PROFILE")
        with open_store(tmp_path / "stopped") as store:
            assert ingest([article], store, cluster=client).added == 1
        assert profilers(client) == [[]]


def test_kg_local_workers_run_without_profiler_or_dask_memory_trim(monkeypatch):
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # an earlier cluster's nanny set it in this process
    with kg_cluster.local_cluster("local:1") as lc, Client(lc) as client:
        assert profilers(client) == [[]]
        trims = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        assert list(trims.values()) == [None]
