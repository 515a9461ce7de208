"""`multivector ingest --engine dask` on a real local cluster of two worker processes: the corpus it builds equals the
single-process one record for record, the model loads once per worker, and a client killed mid-run loses and doubles
nothing when the ingest is run again."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed")

from multivector.ingest.crawls import CrawlRecord  # noqa: E402
from multivector.interfaces.cli import app  # noqa: E402
from test_crawls import write_warc  # noqa: E402
from test_store_crash import assert_consistent  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STATES = ("Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Azerbaijan", "Georgia", "Armenia")
TIME_COLUMNS = {"ingested_at"}  # when a row was written: the only column two equal ingests may differ in
runner = CliRunner()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles of every kind the ingest reads: the examples, short notes, a WARC.gz, JSON Lines, one broken file."""
    root = tmp_path_factory.mktemp("inputs")
    for page in EXAMPLES.iterdir():
        shutil.copy(page, root / page.name)
    for n in range(16):
        a, b = STATES[n % len(STATES)], STATES[(3 * n + 1) % len(STATES)]
        (root / f"note-{n:02d}.txt").write_text(
            f"{a} and {b} sign a transit deal\n\n"
            f"{a} and {b} signed a transit agreement worth ${n + 1} billion on {n + 1} March 2024, officials said.\n"
            f"Analysts expect trade between {a} and {b} to grow by {n + 3} percent next year as the rail link opens.\n"
        )
    write_warc(root / "crawl.warc.gz", compress=True)
    lines = [
        {"url": "https://example.ge/ports", "text": "Georgia and Azerbaijan agreed on Monday to modernise the rail "
         "line between their Black Sea and Caspian ports, the ministers said.", "published": "2024-04-02"},
        {"url": "https://example.kg/power", "html": "<html><body><article><p>Kyrgyzstan and Kazakhstan will share "
         "power from the new hydropower plant under a deal signed in Bishkek on Friday.</p></article></body></html>"},
    ]  # fmt: skip
    (root / "feed.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    (root / "broken.txt").write_bytes(b"\x00\x01\x02 binary junk \xff\xfe" * 40)
    return root


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded worker processes, as `--scheduler` would join one. A task whose worker
    dies is not retried elsewhere (allowed-failures 0), so the test of an input that kills its worker stays short."""
    import dask

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
            scheduler_kwargs={"dashboard": False},
        ) as local,
    ):
        yield local


def ingest(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", *args])
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def reference(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The corpus of the single-process local engine, and its summary line."""
    db = tmp_path_factory.mktemp("reference") / "local.db"
    status, err = ingest(str(inputs), "--db", str(db))
    assert status == 1, err  # broken.txt fails, the rest is stored
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("stored ") and summary.endswith("failed 1")
    assert "broken.txt" in err
    return db, summary


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (full-text indexes included, through their virtual tables), in storage order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        shadow = ("_data", "_idx", "_content", "_docsize", "_config")
        tables = [t for t in tables if not t.endswith(shadow) and not t.startswith("sqlite_")]
        out = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in TIME_COLUMNS]
            select = f"SELECT {', '.join(columns)} FROM {table}"
            if table == "meta":
                rows = conn.execute(select + " WHERE key NOT LIKE '%_at' ORDER BY key").fetchall()
            else:
                try:  # in the order the rows were written: the writer takes outcomes in input order
                    rows = conn.execute(select + " ORDER BY rowid").fetchall()
                except sqlite3.OperationalError:  # a WITHOUT ROWID table: in key order
                    rows = conn.execute(select + f" ORDER BY {', '.join(map(str, range(1, len(columns) + 1)))}")
                    rows = rows.fetchall()
            out[table] = rows
        return out
    finally:
        conn.close()


def assert_same_corpus(db: Path, reference_db: Path) -> None:
    ours, theirs = dump(db), dump(reference_db)
    assert ours.keys() == theirs.keys()
    assert len(theirs["documents"]) >= 20 and len(theirs["relations"]) > 0
    for table in theirs:
        assert ours[table] == theirs[table], table


def test_dask_on_a_joined_cluster_builds_the_single_process_corpus_record_for_record(
    cluster, inputs: Path, reference: tuple[Path, str], tmp_path: Path
):
    db = tmp_path / "dask.db"
    status, err = ingest(str(inputs), "--db", str(db), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert status == 1 and err.strip().splitlines()[-1] == reference[1]
    assert "broken.txt" in err
    assert_same_corpus(db, reference[0])

    def model_loads():  # runs on each worker (cloudpickle sends it by value)
        from multivector.nlp.model import load_pipeline

        info = load_pipeline.cache_info()
        return info.misses, info.hits

    with distributed.Client(cluster, set_as_default=False) as client:
        loads = client.run(model_loads)
    assert len(loads) == 2
    for misses, hits in loads.values():
        assert misses == 1  # loaded once, by the plugin: no task loaded it again
        assert hits >= 3  # and each of the two workers analysed documents

    status, err = ingest(str(inputs), "--db", str(db), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    stored = int(reference[1].split()[1].rstrip(","))
    assert err.strip().splitlines()[-1] == f"stored 0, already present {stored + 1}, failed 1"
    assert_same_corpus(db, reference[0])  # idempotent: nothing doubled


def test_dask_starting_its_own_local_cluster_of_two_workers(inputs: Path, reference: tuple[Path, str], tmp_path: Path):
    db = tmp_path / "dask-local.db"
    status, err = ingest(str(inputs), "--db", str(db), "--engine", "dask", "--workers", "2")
    assert status == 1 and err.strip().splitlines()[-1] == reference[1]
    assert_same_corpus(db, reference[0])


def test_no_scheduler_at_the_address_is_one_error_line(tmp_path: Path, inputs: Path):
    from multivector import dask_engine

    with pytest.raises(dask_engine.EngineError, match="no Dask scheduler at tcp://127.0.0.1:9"):
        list(dask_engine.iter_analyses([inputs / "note-00.txt"], scheduler="tcp://127.0.0.1:9", connect_timeout=2))
    status, err = ingest(str(inputs / "note-00.txt"), "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://h:1")
    assert status == 2 and "--engine dask" in err


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killing_the_client_mid_run_then_running_again_loses_and_doubles_nothing(
    cluster, inputs: Path, reference: tuple[Path, str], tmp_path: Path
):
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "multivector.interfaces.cli", "ingest", str(inputs), "--db", str(db)]
    command += ["--engine", "dask", "--scheduler", cluster.scheduler_address]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            stored = _count(db)
            if stored >= 3:
                break
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    total = len(dump(reference[0])["documents"])
    stored = assert_consistent(db)  # only whole documents
    assert 3 <= stored < total

    status, err = ingest(str(inputs), "--db", str(db), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    summary = err.strip().splitlines()[-1]
    new = int(summary.split()[1].rstrip(","))
    assert status == 1 and summary.endswith("failed 1")
    assert new == total - stored  # exactly the documents the killed run had not stored
    assert_consistent(db)
    assert_same_corpus(db, reference[0])


class WorkerKiller(CrawlRecord):
    """An input whose reading ends the worker process at once, as a crash in a native library would."""

    def load(self):  # runs on a worker
        os._exit(70)


def test_an_input_that_kills_its_worker_is_one_failure_and_the_batch_goes_on(cluster, inputs: Path):
    from multivector import dask_engine

    notes = [inputs / f"note-{n:02d}.txt" for n in range(6)]
    bomb = WorkerKiller(str(inputs / "crawl.warc.gz"), 0, 0, "warc", "https://example.org/bomb")
    sources = [*notes[:2], bomb, *notes[2:], *notes * 3]  # enough inputs for the bomb to share a batch of four
    assert len(dask_engine._batches(sources, 4, 2)[0]) == 4
    outcomes = list(dask_engine.iter_analyses(sources, scheduler=cluster.scheduler_address, batch=4))
    assert [o.source for o in outcomes] == [str(s) for s in sources]  # in input order, one each
    assert [o.ok for o in outcomes] == [True, True, False] + [True] * (len(sources) - 3)
    assert outcomes[2].error == "worker died while analysing this input"
    with distributed.Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)  # the nanny restarted the worker, with the model


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet
        return 0


def test_batches_keep_the_input_order_and_shrink_at_the_end():
    from multivector.dask_engine import _batches

    for count, size, threads in [(0, 4, 2), (1, 4, 1), (7, 4, 2), (17, 4, 1), (120, 4, 2), (61, 4, 2), (40, 1, 2)]:
        batches = _batches(list(range(count)), size, threads)
        assert [i for batch in batches for i in batch] == list(range(count))
        assert all(1 <= len(batch) <= size for batch in batches)
    sizes = [len(batch) for batch in _batches(list(range(120)), 4, 2)]
    assert sizes[:20] == [4] * 20 and sizes[-4:] == [1, 1, 1, 1]  # whole batches first, single inputs last


def _worker_state(dask_worker):  # runs on a worker (cloudpickle sends it by value)
    import os
    import sys

    import dask

    from multivector.nlp.model import load_pipeline

    return {
        "model loads": load_pipeline.cache_info().misses,
        "quick exit": getattr(dask_worker, "multivector_quick_exit", False),
        "profiler": dask.config.get("distributed.worker.profile.enabled"),
        "preloaded": "multivector._dask_preload" in sys.modules,
        "one arena": getattr(sys.modules.get("multivector._dask_preload"), "ONE_ARENA", False),
        "parent": os.getppid(),
    }


def test_started_local_cluster_loads_the_model_as_its_workers_start_and_closes_with_no_work():
    from multivector import dask_engine

    started = dask_engine.start(workers=1)  # returns at once: the cluster starts in the background
    client, cluster = started.get()
    (state,) = client.run(_worker_state).values()
    assert state["model loads"] == 1  # model loaded once, before any task
    assert state["quick exit"] is True and state["profiler"] is False
    assert list(dask_engine.iter_analyses([], started=started)) == []  # nothing to do: the cluster is closed
    assert cluster.status.name == "closed"
    started.close()  # closing twice is harmless


@pytest.mark.skipif(os.name != "posix", reason="multiprocessing's fork server is POSIX-only")
def test_own_cluster_workers_fork_from_one_warm_fork_server_stopped_after_the_last_cluster_closes():
    """The own LocalCluster's workers are forked from a fork server that imported multivector and loaded the model
    once (so no worker loads it itself); the server lives while any of the engine's clusters runs, then stops."""
    from multiprocessing import forkserver

    import dask

    from multivector import _forkserver, dask_engine

    before = dask.config.get("distributed.nanny.pre-spawn-environ")
    first, second = dask_engine.start(workers=1), dask_engine.start(workers=1)  # two starts at once, two threads
    try:
        client, _ = first.get()
        server = forkserver._forkserver._forkserver_pid
        assert server is not None and server != os.getpid()
        (state,) = client.run(_worker_state).values()
        assert state["parent"] == server and state["preloaded"] and state["model loads"] == 1
        if sys.platform == "linux":  # glibc: the analysis thread allocates from the main arena, as the fork server's
            assert state["one arena"] is True
        first.close()  # the second cluster still runs on workers of the same server
        assert forkserver._forkserver._forkserver_pid == server
        client, _ = second.get()
        (state,) = client.run(_worker_state).values()
        assert state["parent"] == server and state["model loads"] == 1
        outcomes = list(dask_engine.iter_analyses([EXAMPLES / sorted(os.listdir(EXAMPLES))[0]], started=second))
        assert [outcome.ok for outcome in outcomes] == [True]
    finally:
        first.close()
        second.close()
    assert forkserver._forkserver._forkserver_pid is None  # stopped with the last cluster: its memory is freed
    assert dask.config.get("distributed.nanny.pre-spawn-environ") == before  # the workers' settings did not leak
    assert _forkserver.users() == 0


def test_the_preload_module_does_nothing_outside_the_fork_server():
    import atexit
    import importlib

    callbacks = atexit._ncallbacks()
    preload = importlib.import_module("multivector._dask_preload")
    assert not preload._in_fork_server()
    assert atexit._ncallbacks() == callbacks  # no quick exit registered in this process


def test_worker_settings_file_is_what_the_own_cluster_runs_with() -> None:
    """data/dask-worker.yaml, the settings an operator gives `dask worker` (DASK_CONFIG), read as Dask reads them:
    no profiler, the periodic checks once a second, Dask's MALLOC_TRIM_THRESHOLD_ unset, its other variables kept."""
    import dask
    from distributed.nanny import _get_env_variables

    from multivector.dask_engine import WORKER_CONFIG, worker_settings

    assert WORKER_CONFIG.is_file()
    assert "MALLOC_TRIM_THRESHOLD_" in _get_env_variables("distributed.nanny.pre-spawn-environ")  # Dask's default
    with dask.config.set(worker_settings()):
        assert dask.config.get("distributed.worker.profile.enabled") is False
        assert dask.config.get("distributed.admin.tick.interval") == "1s"
        assert dask.config.get("distributed.worker.memory.monitor-interval") == "1s"
        environ = _get_env_variables("distributed.nanny.pre-spawn-environ")
        assert "MALLOC_TRIM_THRESHOLD_" not in environ and environ["OMP_NUM_THREADS"] == "1"
        assert environ["MALLOC_ARENA_MAX"] == "1"  # set in a spawned worker's environment, read by glibc at its start
    collected = dask.config.collect(paths=[str(WORKER_CONFIG)], env={})  # as `dask worker` reads DASK_CONFIG
    assert collected["distributed"]["worker"]["profile"]["enabled"] is False
