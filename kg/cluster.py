"""Extraction on a Dask cluster (`kg ingest --cluster`): the client reads the inputs and ships article records;
each worker loads the pipeline once, extracts and builds, and writes the article's graph straight to a
remote store (or returns it, for an embedded store the client writes).

Work in flight is bounded (a window of tasks, a few articles each); a worker that dies mid-task has its
tasks rerun elsewhere by the scheduler (article writes replace a graph whole, so a rerun is harmless);
articles with the same IRI are never in flight together, so they are written in input order, as with
`--jobs`."""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import dask
from dask.utils import parse_timedelta
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, as_completed
from distributed.comm import connect

from kg import ingest_run
from kg.build import article_iri
from kg.errors import KgError
from kg.ingest import ArticleResult
from kg.ingest_run import Built

CHUNK = 16  # articles per task: enough to hide the scheduler's per-task cost, small enough to spread the work
PER_THREAD = 3  # tasks in flight per worker thread: workers never wait for the client
WORKER_WAIT = 60.0  # seconds to wait for a scheduler that has no worker yet
SECRETS = {"KG_STORE_USER", "KG_STORE_PASSWORD"}  # never sent over the Dask wire: set them on the workers


class ClusterError(KgError):
    """The Dask scheduler cannot be reached, or the cluster cannot run the job."""


@dataclass(frozen=True)
class StoreSpec:
    """Where a worker writes: a remote store's URL and the endpoints the client resolved for it;
    None for an embedded store (the graphs come back to the client)."""

    url: str
    environment: tuple[tuple[str, str], ...]


# ---------------------------------------------------------------------------------------------- connecting
@contextmanager
def cluster_client(address: str | None) -> Iterator[Client | None]:
    """A Dask client for `address` (tcp://HOST:PORT, or local:N for N worker processes on this machine);
    None when no address is given. An unreachable scheduler is a one-line ClusterError."""
    if not address:
        yield None
        return
    if address.startswith("local:"):
        with local_cluster(address) as cluster, Client(cluster) as client:
            yield client
        return
    timeout = probe(address)
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            raise ClusterError(f"the Dask scheduler at {address} has no workers "
                               f"(none joined within {WORKER_WAIT:.0f} s)") from None
        yield client
    finally:
        client.close()


def probe(address: str) -> float:
    """Connect to the scheduler once and close, within Dask's connect timeout (a listener that never answers
    would otherwise hang the client's handshake); returns that timeout in seconds."""
    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="seconds")

    async def handshake() -> None:
        comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
        await comm.close()

    try:
        asyncio.run(handshake())
    except ValueError as exc:
        raise ClusterError(f"--cluster {address}: {exc} (expected tcp://HOST:PORT or local:N)") from None
    except (OSError, TimeoutError):
        raise ClusterError(f"cannot reach the Dask scheduler at {address} "
                           f"(no answer within {timeout:g} s)") from None
    return timeout


def local_cluster(address: str) -> LocalCluster:
    """`local:N`: N single-threaded worker processes on 127.0.0.1, no dashboard."""
    count = address.partition(":")[2]
    if not count.isdigit() or not 1 <= int(count) <= 64:
        raise ClusterError(f"--cluster {address}: expected local:N with N from 1 to 64, or tcp://HOST:PORT")
    with dask.config.set(LOCAL_WORKER_CONFIG):  # the nannies pass it on to the workers they start
        return LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, silence_logs=logging.ERROR)


# Our own local cluster, tuned for long CPU-bound tasks on a machine the workers share with the client: no
# statistical profiler (a stack sample every 10 ms under the GIL); glibc's own memory-trim threshold instead
# of Dask's 64 KB one (which made spaCy's allocations go back to the system over and over); memory and
# system monitors, and the event-loop tick, every second instead of every 20-500 ms; no work stealing
# between two equal workers. Measured on 3,000 articles here: +26% over --jobs 2 with Dask's defaults,
# under +10% with these (bench/cluster_bench.py).
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.work-stealing": False,
}


class KgWorker(WorkerPlugin):
    """Sets the client's kg settings on a worker (the pipeline choice, the store endpoints) and loads the
    pipeline once, when the worker joins, so no task waits for it."""

    name = "conflict-kg"

    def __init__(self, environment: dict[str, str]):
        self.environment = environment

    def setup(self, worker) -> None:
        before = {k: v for k, v in os.environ.items() if k.startswith("KG_") and k not in SECRETS}
        for key in before.keys() - self.environment.keys():
            del os.environ[key]
        os.environ.update(self.environment)
        if self.environment.get("KG_DASK_PROFILE", "") not in ("1", "true", "yes"):
            stop_profiler(worker)
        # a long-lived worker that ran another client's job reloads the pipeline when the settings differ
        ingest_run.extractor(reload=before != self.environment)


def stop_profiler(worker) -> None:
    """Switch off the worker's statistical profiler (a stack sample every 10 ms, taken under the GIL): on
    extraction it cost 10-15% of the worker's time here. KG_DASK_PROFILE=1 on the client keeps it."""
    for name in ("profile", "profile-cycle"):
        callback = worker.periodic_callbacks.pop(name, None)
        if callback is not None:
            callback.stop()


def worker_environment(spec: StoreSpec | None) -> dict[str, str]:
    """The client's KG_* settings (no credentials), plus the remote store's resolved endpoints."""
    env = {k: v for k, v in os.environ.items() if k.startswith("KG_") and k not in SECRETS}
    return env | dict(spec.environment) if spec else env


def store_spec(store) -> StoreSpec | None:
    """A remote store's URL and endpoints, as workers need them; None for an embedded store."""
    endpoints = getattr(store, "endpoints", None)
    if endpoints is None:
        return None
    env = {"KG_QUERY_URL": endpoints.query, "KG_UPDATE_URL": endpoints.update, "KG_GSP_URL": endpoints.gsp or "none"}
    return StoreSpec(store.url, tuple(env.items()))


# ---------------------------------------------------------------------------------------------- on a worker
_stores: dict[str, object] = {}


def worker_store(spec: StoreSpec):
    """This worker's connection to the remote store, opened once."""
    if spec.url not in _stores:
        from kg.store import open_store

        os.environ.update(dict(spec.environment))
        _stores[spec.url] = open_store(spec.url)
    return _stores[spec.url]


def run_chunk(results: list[ArticleResult], spec: StoreSpec | None) -> list[tuple[Built, str | None]]:
    """Extract and build each article; with a remote store, write it and return its outcome (the graph
    stays here); with an embedded store, return the graph for the client to write (outcome None)."""
    built = [ingest_run.build_one(r) for r in results]
    if spec is None:
        return [(b, None) for b in built]
    store = worker_store(spec)
    return [(replace(b, ntriples=None), ingest_run.write(b, store)) for b in built]


# ---------------------------------------------------------------------------------------------- on the client
def iri_of(result: ArticleResult) -> str:
    return str(article_iri(result.article))


def chunks(results: Iterable[ArticleResult], busy: Callable[[str], bool]) -> Iterator[list[ArticleResult]]:
    """Inputs in chunks of up to CHUNK readable articles; an unreadable input comes alone. A chunk ends
    early before an article whose IRI is `busy` (in flight), so that only that article waits for it."""
    chunk: list[ArticleResult] = []
    for r in results:
        readable = r.article is not None and not r.error
        if chunk and (not readable or len(chunk) == CHUNK or busy(iri_of(r))):
            yield chunk
            chunk = []
        if readable:
            chunk.append(r)
        else:
            yield [r]
    if chunk:
        yield chunk


class Window:
    """The tasks in flight, bounded by the cluster's size, and the article IRIs they hold."""

    def __init__(self, client: Client, spec: StoreSpec | None):
        self.client, self.spec = client, spec
        self.futures = as_completed()
        self.chunk_of: dict[str, list[ArticleResult]] = {}
        self.iris: Counter[str] = Counter()
        self.size, self.measured = self.measure(), time.monotonic()

    def measure(self) -> int:
        return max(4, PER_THREAD * sum(self.client.nthreads().values()))

    def full(self) -> bool:
        if time.monotonic() - self.measured > 5:  # workers may join (or leave) during a long run
            self.size, self.measured = self.measure(), time.monotonic()
        return self.futures.count() >= self.size

    def busy(self, iri: str) -> bool:
        return self.iris[iri] > 0

    def must_wait(self, chunk: list[ArticleResult]) -> bool:
        """Full, or holding one of these articles: a later version must not overtake an earlier one."""
        return self.futures.count() > 0 and (self.full() or any(self.busy(iri_of(r)) for r in chunk))

    def submit(self, chunk: list[ArticleResult]) -> None:
        future = self.client.submit(run_chunk, chunk, self.spec, key=f"kg-chunk-{uuid.uuid4().hex}", pure=False)
        self.chunk_of[future.key] = chunk
        self.iris.update(iri_of(r) for r in chunk)
        self.futures.add(future)

    def next_done(self) -> list[tuple[Built, str | None]]:
        """The articles of the next finished task. A task its workers kept dying on (KilledWorker) is split
        into single articles and resubmitted; a single article that kills its workers fails alone."""
        future = next(self.futures)
        chunk = self.chunk_of.pop(future.key)
        self.iris.subtract(iri_of(r) for r in chunk)
        try:
            return future.result()
        except KilledWorker:
            if len(chunk) > 1:
                for r in chunk:
                    self.submit([r])
                return []
            source = chunk[0].source
            return [(Built(source, error=f"{source}: the Dask worker died on every try "
                                         "(out of memory, or a crash in extraction)"), "failed")]
        except KgError:
            raise  # the store refused a write: the run stops, as with --jobs
        except Exception as exc:  # the cluster cannot run kg at all (not installed there, pipeline missing)
            raise ClusterError(f"a Dask worker failed: {type(exc).__name__}: {exc}") from None
        finally:
            future.release()


def cluster_done(client: Client, results: Iterable[ArticleResult], store) -> Iterator[tuple[Built, str]]:
    """Every input as (built article, outcome), in completion order; the same store content as `--jobs`."""
    spec = store_spec(store)
    client.register_plugin(KgWorker(worker_environment(spec)))
    window = Window(client, spec)
    for chunk in chunks(results, window.busy):
        if chunk[0].article is None or chunk[0].error:
            yield ingest_run.build_one(chunk[0]), "failed"  # unreadable: its error record, no round trip
            continue
        while window.must_wait(chunk):
            yield from finish(window.next_done(), store)
        window.submit(chunk)
    while window.futures.count():
        yield from finish(window.next_done(), store)


def finish(done: list[tuple[Built, str | None]], store) -> Iterator[tuple[Built, str]]:
    """Outcomes of finished articles; those a worker returned unwritten (embedded store) are written here."""
    for built, outcome in done:
        yield built, outcome if outcome is not None else ingest_run.write(built, store)
