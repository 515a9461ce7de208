"""Bounded atheris runs of every fuzz target (see fuzz/fuzz_targets.py); skipped where atheris is not installed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO

pytest.importorskip("atheris")


@pytest.mark.parametrize("target", ["decode", "boilerplate", "segment", "numbers", "dates"])
def test_fuzz_target_finds_no_crash(target: str, tmp_path) -> None:
    cmd = [
        sys.executable,
        str(REPO / "fuzz" / "fuzz_targets.py"),
        target,
        "-runs=600",
        "-max_len=1024",
        "-seed=7",
        f"-artifact_prefix={tmp_path}/",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
