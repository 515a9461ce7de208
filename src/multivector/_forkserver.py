"""The fork server from which the Dask engine's own LocalCluster forks its workers (:mod:`multivector.dask_engine`).

multiprocessing's fork server is one process per client process. Set to import :mod:`multivector._dask_preload`
first, it imports multivector, Dask and spaCy and loads the model once, every cache warm, however many workers fork
from it (a spawned worker imports and loads all of it itself: 2 to 5 s of CPU each). This module imports nothing of
Dask, so that :func:`prestart` can set the server loading the model on another core while this process is still
importing Dask and starting the scheduler: the model load, the longest step of the cluster's start-up, then begins
a third of a second sooner.

The fork server the engine starts is stopped when the last of its clusters closes (:func:`release`), so that the
model's memory is freed and the process holds no more than before the ingest (its workers have ended and been
reaped by it: their CPU time is counted in this process's children, as a spawned worker's is). A fork server that
other code started is left running; started without our preload list, it forks cold workers, and the engine's
plugin loads the model on each, as it would anyway.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing import forkserver

PRELOAD = "multivector._dask_preload"

_lock = threading.Lock()
_users = 0  # the engine's LocalClusters running now, whose workers the fork server forks
_ours = False  # whether the engine started the fork server (and so stops it when the last cluster closes)


def users() -> int:
    """How many of the engine's LocalClusters use the fork server now."""
    return _users


def _available() -> bool:
    return "forkserver" in multiprocessing.get_all_start_methods()


def _running() -> bool:
    return forkserver._forkserver._forkserver_pid is not None


def prestart() -> None:
    """Start the fork server now, preloading, when none runs: for a caller about to start a LocalCluster (the
    command line, before it imports Dask). Nothing where there is no fork server (Windows)."""
    global _ours
    with _lock:
        if not _available() or _running():
            return
        multiprocessing.get_context("forkserver").set_forkserver_preload([PRELOAD])
        forkserver.ensure_running()  # returns once the server is spawned; it preloads on its own
        _ours = True


def acquire() -> dict[str, str]:
    """The Dask configuration under which a LocalCluster's nannies fork their workers from the fork server (started
    by :func:`prestart`, or else at a nanny's first start with our preload list); ``{}`` where there is none: the
    workers are spawned and the plugin loads the model on each. Every call is paired with one :func:`release` after
    the cluster's close."""
    global _users, _ours
    import distributed.utils

    with _lock:
        _users += 1
        if not _available():
            return {}
        if _users == 1 and (_ours or not _running()):
            _ours = True
            # Dask sets its own list at a nanny's first start unless this flag says it is set: "distributed" and
            # every optional package it can import (pandas, ...), imported for that in this process too. Ours holds
            # what the workers use.
            distributed.utils._forkserver_preload_set = True
            if not _running():
                multiprocessing.get_context("forkserver").set_forkserver_preload([PRELOAD])
    return {"distributed.worker.multiprocessing-method": "forkserver"}


def release() -> None:
    """After the close of a cluster from :func:`acquire`: the last one stops the fork server the engine started."""
    global _users, _ours
    with _lock:
        _users -= 1
        if _users or not _ours:
            return
        _ours = False
        stop = getattr(forkserver._forkserver, "_stop", None)  # ends it and waits for it
        if stop is not None and _running():
            stop()
