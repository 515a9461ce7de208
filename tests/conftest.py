"""Shared fixtures. The seed articles are other people's writing: tests read them from ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"
SEEDS_RAW = SHARED_EVAL / "seeds" / "raw"
SEEDS_GOLD = SHARED_EVAL / "seeds" / "gold"
EXAMPLES = REPO / "examples"


REAL_RAW = SHARED_EVAL / "real" / "raw"
REAL_GOLD = SHARED_EVAL / "real" / "gold"


def need_shared() -> None:
    """The evaluation kit (../shared/eval: seeds, real set, scorer) is other people's writing and lives beside the
    checkout. Under CI (CI=true) its absence fails the run; elsewhere the tests that read it skip, saying why."""
    if SEEDS_RAW.is_dir() and REAL_RAW.is_dir() and (SHARED_EVAL / "score.py").is_file():
        return
    message = f"the evaluation kit is not beside this checkout (expected {SHARED_EVAL})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + ": CI must run with ../shared in place", pytrace=False)
    pytest.skip(message)


def _need_seeds() -> None:
    need_shared()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    _need_seeds()
    return SEEDS_RAW


@pytest.fixture(scope="session")
def seed_text():
    """seed_text("000") -> the raw text of the seed whose file name starts with 000."""
    _need_seeds()

    def read(prefix: str) -> str:
        (path,) = sorted(SEEDS_RAW.glob(f"{prefix}*.txt"))
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def seed_path():
    _need_seeds()

    def find(prefix: str) -> Path:
        (path,) = sorted(SEEDS_RAW.glob(f"{prefix}*.txt"))
        return path

    return find


@pytest.fixture(scope="session")
def seed_gold():
    _need_seeds()

    def read(prefix: str) -> dict:
        (path,) = sorted(SEEDS_GOLD.glob(f"{prefix}*.json"))
        return json.loads(path.read_text(encoding="utf-8"))

    return read


def build_examples_corpus(path: Path, *extra) -> Path:
    """A corpus of the articles the project wrote (examples/, eval/dev*/raw) and any extra analyses: the web and
    browser tests' corpus. The analyses are made once per test session and stored again for each corpus."""
    from multivector.pipeline import analyze
    from multivector.store import Corpus

    memo = build_examples_corpus.__dict__.setdefault("analyses", [])
    if not memo:
        folders = [EXAMPLES, *sorted(REPO.glob("eval/dev*/raw"))]
        sources = [source for folder in folders for source in sorted(folder.iterdir())]
        memo.extend(analyze(source) for source in sources if source.is_file())
    with Corpus(path) as corpus:
        for analysis in [*memo, *extra]:
            corpus.add(analysis)
    return path
