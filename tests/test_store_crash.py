"""Crash safety: an ingest killed with SIGKILL leaves only whole documents, and re-running finishes the batch."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from multivector.store import Corpus
from multivector.store.synthetic import synthetic_analysis

BATCH = 500

# Adds documents 0..count-1, printing each stored index; a short pause per document gives the test time to kill it
# in the middle of the batch (and often in the middle of a transaction).
INGEST = """
import sys, time
from multivector.store import Corpus
from multivector.store.synthetic import synthetic_analysis
with Corpus(sys.argv[1]) as corpus:
    for n in range(int(sys.argv[2])):
        corpus.add(synthetic_analysis(n))
        print(n, flush=True)
        time.sleep(float(sys.argv[3]))
"""

RECORD_KEYS = ("speakers", "people", "relations", "memberships", "stances", "figures", "events")


def run_ingest(path: Path, pause: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(path), str(BATCH), str(pause)], stdout=subprocess.PIPE, text=True
    )


def assert_consistent(path: Path) -> int:
    """Every stored document has exactly the records its analysis lists; returns the number of documents."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        documents = conn.execute("SELECT id, analysis FROM documents").fetchall()
        for doc_id, analysis in documents:
            expected = json.loads(analysis)
            for table in RECORD_KEYS:
                stored = conn.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", (doc_id,)).fetchone()[0]
                assert stored == len(expected[table]), (doc_id, table)
            actors = conn.execute("SELECT count(*) FROM document_actors WHERE document_id = ?", (doc_id,)).fetchone()
            assert actors[0] == len({a["id"] for a in expected["actors"]})
        totals = conn.execute("SELECT sum(documents) FROM actors").fetchone()[0] or 0
        assert totals == conn.execute("SELECT count(*) FROM document_actors").fetchone()[0]
        evidence = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in RECORD_KEYS[2:])
        assert conn.execute("SELECT count(*) FROM evidence_fts").fetchone()[0] == evidence
        return len(documents)
    finally:
        conn.close()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_mid_batch_leaves_whole_documents_and_rerun_completes(tmp_path: Path):
    path = tmp_path / "crash.db"
    process = run_ingest(path, pause=0.002)
    assert process.stdout is not None
    for line in process.stdout:
        if int(line) >= 60:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    stored = assert_consistent(path)
    assert 60 <= stored < BATCH

    rerun = run_ingest(path, pause=0)
    rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert assert_consistent(path) == BATCH
    with Corpus(path, readonly=True) as corpus:
        assert all(synthetic_analysis(n).id in corpus for n in (0, stored, BATCH - 1))
        assert corpus.get(synthetic_analysis(BATCH - 1).id) == synthetic_analysis(BATCH - 1)
