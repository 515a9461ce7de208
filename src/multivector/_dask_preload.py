"""Imported once by the fork server from which the Dask engine's own LocalCluster forks its workers
(:mod:`multivector._forkserver`): it imports multivector, Dask and spaCy, loads the model and
fills every lazy cache (:func:`multivector.pipeline._worker_init`), so that every worker forked from it starts warm
instead of loading all of that itself. multiprocessing's fork server takes names of modules to import, not
functions: hence a module whose import does the work. Imported anywhere else, it does nothing.

A failure here is not the place to report one: the fork server then forks cold workers, and the engine's
``ModelPlugin`` loads the model on each of them and turns what fails into one line (``EngineError``).

The fork server, and so every worker forked from it, keeps one malloc arena (:func:`_one_malloc_arena`): a Dask
worker analyses in a thread of its own, and glibc gives each thread an arena of its own, whose memory comes and goes
in mmapped heaps: four times the page faults of an analysis in a main thread, 7% of a worker's CPU (docs/scaling.md).
A running cluster's spawned workers get the same from MALLOC_ARENA_MAX in data/dask-worker.yaml.

When the engine stops the fork server (its last LocalCluster closed), the server ends at once, without the
interpreter's teardown of the loaded model object by object (a quarter of a second and more): it has nothing to
save, and the workers forked from it never run these exit handlers (a forked child ends with ``os._exit``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys


def _in_fork_server() -> bool:
    """Whether this import runs in multiprocessing's fork server, preloading (``forkserver.main`` is on the stack)."""
    forkserver = sys.modules.get("multiprocessing.forkserver")
    frame = sys._getframe(1)
    while forkserver is not None and frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back
    return False


def _exit_now() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def _one_malloc_arena() -> None:
    """glibc's ``mallopt(M_ARENA_MAX, 1)``: threads created from now on share the main arena (as MALLOC_ARENA_MAX=1
    would at a process's start). Set before any thread exists, it holds in the processes forked from this one.
    Nothing where the C library has no such option."""
    import ctypes

    global ONE_ARENA
    m_arena_max = -8  # <malloc.h>
    with contextlib.suppress(Exception):
        ONE_ARENA = ctypes.CDLL(None).mallopt(m_arena_max, 1) == 1


ONE_ARENA = False  # set in the fork server (and so in its workers) when glibc took the option


if _in_fork_server():
    _one_malloc_arena()
    with contextlib.suppress(Exception):
        from multivector import dask_engine  # noqa: F401  (distributed, and the plugin's class the workers unpickle)
        from multivector.pipeline import _worker_init

        _worker_init()
    atexit.register(_exit_now)  # last registered, first run
