"""The Dask engine: the per-document analysis on a Dask distributed cluster, results back to one writer.

Contract:
- :func:`iter_analyses` takes the same sources as :func:`multivector.pipeline.iter_analyses` (paths, URLs,
  crawl records, :class:`~multivector.errors.IngestError` items) and yields the same thing: one
  :class:`~multivector.pipeline.Outcome` per source, **in input order**, so a caller that stores them one by one
  builds the same corpus as the single-process run, row for row.
- ``scheduler="tcp://HOST:8786"`` joins a running cluster; ``scheduler=None`` starts a
  :class:`distributed.LocalCluster` of ``workers`` single-threaded worker processes (no dashboard, no statistical
  profiler), closed again when the iterator ends or is closed. A joined cluster is left running.
- :func:`start` begins connecting (or starting the LocalCluster and loading the model on its workers) in a
  background thread and returns at once; ``iter_analyses(..., started=...)`` then uses that connection. A caller
  that has other work first (listing and hashing inputs, opening the corpus) overlaps it with the cluster's
  start-up. Without ``started``, ``iter_analyses`` connects itself.
- The spaCy model loads once per worker: a :class:`ModelPlugin` (a ``WorkerPlugin``) loads it and fills every lazy
  cache when it is set up on a worker, also on workers that join later; the tasks then only analyse. A
  LocalCluster's workers get it at construction, and when they are closed they exit without the interpreter's slow
  teardown of the loaded model (nothing is left to save).
- A LocalCluster's workers are not spawned cold: where multiprocessing has a fork server (POSIX), its nannies fork
  them from one that imported multivector, Dask and spaCy and loaded the model once
  (:mod:`multivector._dask_preload`), so every worker starts with the model loaded (the plugin finds it there) and
  N workers cost one load, not N. The fork server is a child of this process (:mod:`multivector._forkserver`),
  started with the first of the engine's LocalClusters (the command line starts it before it imports Dask) and
  stopped when the last one closes (its memory freed, its workers' CPU time counted in this process's children).
  Its workers also run without Dask's ``MALLOC_TRIM_THRESHOLD_``, which costs them system time (see
  :func:`_connect`). Elsewhere (Windows) the workers are spawned and each loads the model.
- Sources travel in batches of ``batch`` per task (paths and crawl records, a few hundred bytes each: every worker
  reads its inputs itself, so a big crawl file spreads over the workers by record); the last batches are smaller,
  down to one input, so that the workers finish together. At most ``window`` batches are in flight at once
  (default: three per worker thread), so neither the cluster nor the client holds more than that however many
  inputs there are. Finished batches come back as whole lists of outcomes.
- Nothing is written here. The caller stores the outcomes through the one writer (``Corpus.add_batch``), so an
  ingest stays idempotent (content hash) and crash-safe (a transaction stores whole documents) exactly as with the
  local engine: killing the client loses at most the analyses in flight or not yet committed, which the next run
  analyses again.
- A failing input is a failed outcome, as in the local engine. A batch whose worker dies is re-run by the
  scheduler; one that keeps killing workers (:class:`distributed.KilledWorker`) is re-run one input per task, and
  an input that still kills its worker, twice, comes back as a failed outcome ("worker died"); the batch goes on.
- Problems with the cluster itself (no scheduler at the address, a worker without multivector or its model, the
  scheduler lost mid-run) raise :class:`EngineError` with a one-line reason.

Every worker needs multivector and the spaCy model installed (the same versions as the client), and must see the
input files at the same paths (a shared filesystem, or copies); docs/scaling.md shows how to run one.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import sys
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from multivector import _forkserver
from multivector.errors import IngestError, MultivectorError
from multivector.pipeline import Outcome, _analyze_source, _error_outcome, _worker_init

DEFAULT_BATCH = 4
CONNECT_TIMEOUT_S = 30.0
PLUGIN_NAME = "multivector-model"

try:  # the plugin base class when distributed is installed; a plain base keeps this module importable without it
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - distributed is a dependency
    _PluginBase = object  # type: ignore[assignment,misc]


class EngineError(MultivectorError):
    """The cluster cannot be used: a one-line reason (no scheduler, workers without multivector, ...)."""


class ModelPlugin(_PluginBase):  # type: ignore[misc,valid-type]
    """Loads the model and warms every cache once per worker, before the worker analyses anything.

    ``quick_exit`` (the workers of a LocalCluster the engine started): once the worker has closed normally, its
    process ends at once instead of tearing down the loaded model object by object (seconds on a busy machine)."""

    idempotent = True  # registering it again (a second ingest on the same cluster) keeps the loaded model
    name = PLUGIN_NAME

    def __init__(self, quick_exit: bool = False) -> None:
        self.quick_exit = quick_exit

    async def setup(self, worker: Any) -> None:
        # In a thread: the model takes seconds to load, and the worker's event loop keeps answering meanwhile.
        await asyncio.get_running_loop().run_in_executor(None, _worker_init)
        from multivector import __version__

        worker.multivector_version = __version__  # type: ignore[attr-defined]
        if self.quick_exit and not getattr(worker, "multivector_quick_exit", False):
            worker.multivector_quick_exit = True  # type: ignore[attr-defined]
            atexit.register(_exit_now, worker)


def _exit_now(worker: Any) -> None:
    """At the exit of a worker process that closed normally: end it now (spawned processes otherwise free every
    object of the loaded model one by one). A worker that did not close normally exits as usual."""
    from distributed.core import Status

    if worker.status not in (Status.closed, Status.closing, Status.closing_gracefully):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(0)


def analyze_batch(sources: list[Any]) -> list[Outcome]:
    """The task a worker runs: one outcome per source, never an exception for a bad input."""
    return [_analyze_source(source) for source in sources]


class Started:
    """A connection to a cluster being made in a background thread (see :func:`start`); closed once, by
    :func:`iter_analyses` or by :meth:`close` (and at the latest when the interpreter exits)."""

    def __init__(self, scheduler: str | None, workers: int, timeout: float) -> None:
        self._result: tuple[Any, Any] | None = None
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(
            target=self._connect, args=(scheduler, workers, timeout), name="multivector-dask-start", daemon=True
        )
        self._thread.start()
        atexit.register(self.close)

    def _connect(self, scheduler: str | None, workers: int, timeout: float) -> None:
        try:
            client, cluster = _connect(scheduler, workers, timeout)
            try:
                _register(client)
            except BaseException:
                _close(client, cluster)
                raise
            self._result = (client, cluster)
        except BaseException as exc:  # handed to the thread that waits for the connection
            self._error = exc

    def get(self) -> tuple[Any, Any]:
        """(client, cluster or None): waits for the start-up; its error (an EngineError...) is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        self._thread.join()
        if self._result is not None:
            _close(*self._result)


def start(scheduler: str | None = None, workers: int = 2, connect_timeout: float = CONNECT_TIMEOUT_S) -> Started:
    """Begin connecting to ``scheduler`` (or starting a LocalCluster of ``workers`` processes, model loaded) in a
    background thread; pass the result to :func:`iter_analyses` as ``started``."""
    if scheduler is None:
        _forkserver.prestart()  # the workers' model loads on another core while the cluster starts
    return Started(scheduler, workers, connect_timeout)


def iter_analyses(
    sources: Iterable[str | Path | IngestError | Any],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    batch: int = DEFAULT_BATCH,
    window: int | None = None,
    connect_timeout: float = CONNECT_TIMEOUT_S,
    started: Started | None = None,
) -> Iterator[Outcome]:
    """Analyse ``sources`` on a Dask cluster, yielding one Outcome per source in input order (see the contract).
    A crawl file stands for its records, as in :func:`multivector.pipeline.iter_analyses`."""
    from multivector.ingest.crawls import expand_crawls

    items = list(expand_crawls(sources))
    work = [item for item in items if not isinstance(item, IngestError)]
    if not work and started is not None:
        started.close()
    elif work and started is None:
        started = start(scheduler, workers, connect_timeout)
    results = _run(work, started, max(1, batch), window) if work else iter(())
    try:
        for item in items:
            yield _error_outcome(item) if isinstance(item, IngestError) else next(results)
    finally:
        if hasattr(results, "close"):
            results.close()
        if started is not None:
            started.close()  # shuts a LocalCluster down, also when the caller stops early


def _run(work: list[Any], started: Any, batch: int, window: int | None) -> Iterator[Outcome]:
    try:
        client, _ = started.get()
        threads = sum(client.nthreads().values()) or 1
        yield from _ordered(client, work, batch, window or 3 * threads, threads)
    finally:
        started.close()


#: Dask settings for the workers that analyse: the own LocalCluster's, and what an operator gives a cluster's
#: ``dask worker`` processes (``DASK_CONFIG`` set to this file; docs/scaling.md). One file, so both run alike.
WORKER_CONFIG = Path(__file__).with_name("data") / "dask-worker.yaml"


def worker_settings() -> dict[str, Any]:
    """WORKER_CONFIG as dotted keys for ``dask.config.set`` (leaves only: the rest of Dask's configuration stays)."""
    import yaml

    def leaves(prefix: str, node: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from leaves(f"{prefix}.{key}" if prefix else key, value)
        else:
            yield prefix, node

    return dict(leaves("", yaml.safe_load(WORKER_CONFIG.read_text(encoding="utf-8"))))


def _connect(scheduler: str | None, workers: int, timeout: float) -> tuple[Any, Any]:
    import logging

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=timeout, set_as_default=False), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"no Dask scheduler at {scheduler} ({type(exc).__name__}: {exc})"[:300]) from None
    # The nannies hand the workers' settings (data/dask-worker.yaml, each with its measured cost: no statistical
    # profiler, glibc's dynamic mmap threshold kept, the periodic checks once a second) to their workers, and fork
    # them from a fork server that loaded the model once.
    method = _forkserver.acquire()
    try:
        config = worker_settings()
        # dask.config.set changes the process' one configuration and restores it on exit: two clusters starting at
        # once in one process would restore each other's values out of order and leave the settings set for good.
        with _config_lock, dask.config.set({**config, **method}):
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,  # spaCy holds the GIL: one analysis per process
                processes=True,
                dashboard_address=":0",  # the scheduler HTTP server on a free port (two clusters on a host coexist)
                scheduler_kwargs={"dashboard": False},  # and no dashboard on it
                silence_logs=logging.ERROR,
                plugins={ModelPlugin(quick_exit=True)},  # the model loads while the workers start
            )
    except BaseException:
        _forkserver.release()
        raise
    try:
        return Client(cluster, set_as_default=False), cluster
    except BaseException:
        _close_cluster(cluster)
        raise


_config_lock = threading.Lock()  # one cluster at a time builds under the workers' settings (see _connect)


def _register(client: Any) -> None:
    """Load the model on every worker (and on those that join later); a worker that cannot is an EngineError."""
    if not client.nthreads():
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    try:
        client.register_plugin(ModelPlugin(), name=PLUGIN_NAME)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        raise EngineError(f"a Dask worker could not load multivector and its model ({reason})") from None


def _batches(work: list[Any], size: int, threads: int) -> list[list[Any]]:
    """``work`` cut into batches of ``size`` in order; the last ``2 * threads * size`` inputs in smaller batches,
    halving down to one, so that no worker is left with a whole batch while the others are done."""
    tail = min(len(work), 2 * threads * size) if size > 1 else 0
    head = (len(work) - tail) // size * size
    cut = [work[i : i + size] for i in range(0, head, size)]
    rest, step = work[head:], max(1, size // 2)
    while rest:
        share = max(1, min(step, len(rest) // (2 * threads)))
        cut.append(rest[:share])
        rest = rest[share:]
        if len(rest) <= threads * step:
            step = max(1, step // 2)
    return cut


def _ordered(client: Any, work: list[Any], size: int, window: int, threads: int = 1) -> Iterator[Outcome]:
    """Outcomes of ``work`` in order, with at most ``window`` batches submitted and not yet consumed."""
    batches = iter(_batches(work, size, threads))
    run = uuid.uuid4().hex[:8]
    pending: deque[tuple[list[Any], Any]] = deque()
    counter = 0

    def submit(chunk: list[Any]) -> tuple[list[Any], Any]:
        nonlocal counter
        counter += 1
        return chunk, client.submit(analyze_batch, chunk, key=f"multivector-analyse-{run}-{counter}", pure=False)

    for chunk in batches:
        pending.append(submit(chunk))
        if len(pending) >= window:
            break
    while pending:
        chunk, future = pending.popleft()
        yield from _outcomes(client, chunk, future, submit)
        next_chunk = next(batches, None)
        if next_chunk is not None:
            pending.append(submit(next_chunk))


def _outcomes(client: Any, chunk: list[Any], future: Any, submit: Any, last_try: bool = False) -> list[Outcome]:
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        if len(chunk) > 1:  # find the input that kills workers: the others are analysed as usual
            singles = [submit([source]) for source in chunk]
            return [outcome for one, single in singles for outcome in _outcomes(client, one, single, submit)]
        if not last_try:  # it may only have been queued on the worker that another input killed: once more alone
            return _outcomes(client, chunk, submit(chunk)[1], submit, last_try=True)
        return [_died(chunk[0])]
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"lost the Dask scheduler ({type(exc).__name__}: {exc})"[:300]) from None
    finally:
        future.release()


def _died(source: Any) -> Outcome:
    from multivector.ingest import source_name

    return Outcome(str(source), source_name(str(source)), error="worker died while analysing this input")


def _close(client: Any, cluster: Any) -> None:
    try:
        client.close()
    finally:
        if cluster is not None:
            _close_cluster(cluster)


def _close_cluster(cluster: Any) -> None:
    try:
        cluster.close()
    finally:
        _forkserver.release()
