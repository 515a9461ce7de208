"""Throughput of `multivector ingest --engine dask`, against the local engine and the bare pipeline. From the repository
root:

    .venv/bin/python benchmarks/bench_dask.py                        # 120 pages, 2 rounds: about 15 min on 2 cores
    .venv/bin/python benchmarks/bench_dask.py --articles 40 --repeat 1 --results /tmp/dask.md   # a quick look

For W = 1 and 2 worker processes, each run a whole process into a new corpus, in turn within a round (so a change in
the machine's load moves all alike), ratios taken round by round. Every round has pages of its own (benchmarks/
corpus.py, one seed per round), the same for every engine in it: a running cluster's workers never see a page twice,
as a long-running cluster would not (its vocabulary and caches would otherwise be warm with the very pages timed).
The engines:

- bare: the bare spaCy model (bench.py's ``bare_run``: ``nlp.pipe``, W processes), the floor bench.py measures too;
- local: ``multivector ingest DIR --workers W`` (the local engine: forked processes, one writer);
- dask: ``multivector ingest DIR --engine dask --workers W`` (starts its own LocalCluster of W worker processes);
- dask-joined: ``multivector ingest DIR --engine dask --scheduler URL`` against a cluster started beforehand with the
  commands docs/scaling.md gives (``dask scheduler``, ``dask worker --nworkers W --nthreads 1`` with ``DASK_CONFIG``
  set to multivector's worker settings, data/dask-worker.yaml), its workers already holding the model: the steady
  state of a long-running cluster.

and, apart, the one writer alone: ``Corpus.add_batch`` of analysed pages into a new corpus, in documents per second.

Reported: wall time (median), articles/s, articles/s after start-up (articles over wall time minus the median wall
time of the same command on two one-line pages, ``bench.tiny_page``: imports, cluster and model; no number of
workers shortens it), and
issue 13's targets, each for the engine's own LocalCluster and for a running cluster, both after start-up and for
the whole command: 2 Dask workers >= 1.7x one, and Dask >= 0.8x the bare pipeline with the same processes (paired,
round by round). The summary table at the top is what the issue asks. The machine is shared: read the load average
printed with the results. Because a busy
machine makes wall times say little, each run's CPU seconds are counted too (its process tree, a LocalCluster's
workers included, plus the running cluster's processes): CPU seconds per article after start-up, which other
programs' load does not change, show what each engine costs next to the bare pipeline and the local engine.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import CLI, PYTHON, bare_run, corpus_words, machine, timed, tiny_page  # noqa: E402  (benchmarks/ is not a package)
from corpus import build_corpus  # noqa: E402

DASK = [str(Path(PYTHON).with_name("dask"))]
ENGINES = ("bare", "local", "dask", "dask-joined")
LABELS = {
    "bare": "bare spaCy `nlp.pipe`",
    "local": "`ingest --workers W`",
    "dask": "`ingest --engine dask --workers W` (own LocalCluster)",
    "dask-joined": "`ingest --engine dask --scheduler URL` (running cluster)",
}


def commands(directory: Path, db: Path, workers: int, scheduler: str) -> dict[str, list[str]]:
    ingest = [*CLI, "ingest", str(directory), "--db", str(db)]
    return {
        "bare": [PYTHON, __file__, "--bare-run", str(directory), str(workers)],  # bench.py's bare_run
        "local": [*ingest, "--workers", str(workers)],
        "dask": [*ingest, "--engine", "dask", "--workers", str(workers)],
        "dask-joined": [*ingest, "--engine", "dask", "--scheduler", scheduler],
    }


def run(command: list[str], db: Path, cluster: Cluster) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process: the CPU of its process tree (a LocalCluster's workers
    included: they are children of the fork server, which the ingest stops and reaps when the cluster closes) plus
    what the running cluster's processes used meanwhile (dask-joined's workers)."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    before = _children_cpu() + cluster.cpu()
    wall = timed(command)
    return wall, _children_cpu() + cluster.cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Cluster:
    """`dask scheduler` and `dask worker --nworkers W --nthreads 1` as separate processes, as on real machines."""

    def __init__(self, workers: int, work: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        log = (work / f"cluster-{workers}.log").open("w")
        self.processes = [
            subprocess.Popen([*DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                             stdout=log, stderr=log),
        ]  # fmt: skip
        time.sleep(2)
        from multivector.dask_engine import WORKER_CONFIG  # the workers' settings docs/scaling.md gives operators

        self.processes.append(
            subprocess.Popen(
                [*DASK, "worker", self.address, "--nworkers", str(workers), "--nthreads", "1", "--no-dashboard"],
                stdout=log,
                stderr=log,
                env={**os.environ, "DASK_CONFIG": str(WORKER_CONFIG)},
            )  # fmt: skip
        )
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)

    def cpu(self) -> float:
        """CPU seconds used so far by the scheduler, the nanny and the worker processes."""
        import psutil

        total = 0.0
        for process in self.processes:
            try:
                tree = psutil.Process(process.pid)
                for member in [tree, *tree.children(recursive=True)]:
                    times = member.cpu_times()
                    total += times.user + times.system
            except psutil.Error:
                continue
        return total

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def measure(work: Path, rounds: list[Path], tiny: Path, workers: int) -> dict[str, dict]:
    """Wall and CPU seconds per engine (one per round, in turn, on that round's pages), and each engine's start-up,
    wall and CPU (medians of 3 runs on the tiny pages)."""
    cluster = Cluster(workers, work)
    try:
        db = work / "bench.db"
        run(commands(tiny, db, workers, cluster.address)["dask-joined"], db, cluster)  # registers the plugin
        times: dict[str, list[float]] = {engine: [] for engine in ENGINES}
        cpus: dict[str, list[float]] = {engine: [] for engine in ENGINES}
        for round_, pages in enumerate(rounds):
            for engine, command in commands(pages, db, workers, cluster.address).items():
                wall, cpu = run(command, db, cluster)
                times[engine].append(wall)
                cpus[engine].append(cpu)
            print(f"  workers={workers} round {round_ + 1}: "
                  + ", ".join(f"{e} {times[e][-1]:.1f} s ({cpus[e][-1]:.1f} s CPU)" for e in ENGINES))  # fmt: skip
        startup, startup_cpu = {}, {}
        for engine, command in commands(tiny, db, workers, cluster.address).items():
            runs = [run(command, db, cluster) for _ in range(3)]
            startup[engine] = statistics.median(wall for wall, _ in runs)
            startup_cpu[engine] = statistics.median(cpu for _, cpu in runs)
        print(f"  workers={workers} start-up: "
              + ", ".join(f"{e} {startup[e]:.1f} s ({startup_cpu[e]:.1f} s CPU)" for e in ENGINES))  # fmt: skip
        return {"times": times, "cpus": cpus, "startup": startup, "startup_cpu": startup_cpu}
    finally:
        cluster.close()


def writer_speed(pages: list[Path], work: Path) -> tuple[int, float]:
    """Documents per second that the one writer stores into a new corpus as an ingest does (``Corpus.add_batch``,
    ``WRITE_BATCH`` documents per transaction): the ceiling of any number of workers. The pages are analysed first,
    in this process, and not timed."""
    from multivector.pipeline import iter_analyses
    from multivector.store import Corpus
    from multivector.store.corpus import WRITE_BATCH

    analyses = [o.analysis for o in iter_analyses(pages) if o.analysis is not None]
    begin = time.perf_counter()
    with Corpus(work / "writer.db") as corpus:
        for start in range(0, len(analyses), WRITE_BATCH):
            corpus.add_batch([(analysis, None) for analysis in analyses[start : start + WRITE_BATCH]])
    return len(analyses), len(analyses) / (time.perf_counter() - begin)


def _after(articles: int, wall: float, startup: float) -> float:
    """Articles per second after start-up; NaN when the run took no longer than the start-up (a machine too busy to
    tell them apart), so that no ratio is made of it."""
    return articles / (wall - startup) if wall - startup > 0.05 * wall else math.nan


def _median(values: list[float]) -> float:
    return math.nan if any(math.isnan(v) for v in values) else statistics.median(values)


def report(articles: int, words: float, repeat: int, results: dict[int, dict[str, dict]]) -> tuple[list[str], list]:
    rows = [
        f"{articles} pages per round (about {words:,.0f} words; benchmarks/corpus.py, new pages each round),"
        f" {repeat} round(s); each run a whole process into a new corpus.\n",
        "| workers | engine | wall s (median) | articles/s | start-up s | articles/s after start-up |"
        " / bare, paired (after start-up) | CPU s per article (after start-up) | / bare (CPU per article) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    steady: dict[tuple[str, int], list[float]] = {}
    cost: dict[tuple[str, int], float] = {}  # CPU seconds per article, start-up's CPU taken off
    for workers, result in results.items():
        times, cpus, startup, startup_cpu = (result[k] for k in ("times", "cpus", "startup", "startup_cpu"))
        for engine in ENGINES:
            steady[(engine, workers)] = [_after(articles, t, startup[engine]) for t in times[engine]]
            cost[(engine, workers)] = (statistics.median(cpus[engine]) - startup_cpu[engine]) / articles
        for engine in ENGINES:
            wall = statistics.median(times[engine])
            speed = _median(steady[(engine, workers)])
            ratio = cpu_ratio = ""
            if engine != "bare":
                pairs = zip(steady[(engine, workers)], steady[("bare", workers)], strict=True)
                ratio = f"{_median([ours / bare for ours, bare in pairs]):.2f}x"
                cpu_ratio = f"{cost[('bare', workers)] / cost[(engine, workers)]:.2f}x"
            rows.append(f"| {workers} | {LABELS[engine]} | {wall:.1f} | {articles / wall:.2f} | {startup[engine]:.1f}"
                        f" | {speed:.2f} | {ratio} | {cost[(engine, workers)]:.3f} | {cpu_ratio} |")  # fmt: skip
    rows.append("")
    verdicts = []
    for engine in ENGINES:
        after = _median(steady[(engine, 2)]) / _median(steady[(engine, 1)])
        whole = statistics.median(results[1]["times"][engine]) / statistics.median(results[2]["times"][engine])
        work = cost[(engine, 1)] / cost[(engine, 2)]
        rows.append(f"- 2 workers / 1 worker, {engine}: {after:.2f}x after start-up, {whole:.2f}x whole command;"
                    f" CPU per article with 2 workers / with 1: {1 / work:.2f}")  # fmt: skip
        if engine in ("dask", "dask-joined"):
            verdicts.append((f"{engine}, 2 workers / 1 worker (after start-up)", ">= 1.70x", after, after >= 1.7))
            verdicts.append((f"{engine}, 2 workers / 1 worker (whole command)", ">= 1.70x", whole, whole >= 1.7))
    for workers in (1, 2):
        for engine in ("dask", "dask-joined"):
            pairs = zip(steady[(engine, workers)], steady[("bare", workers)], strict=True)
            ratio = _median([ours / bare for ours, bare in pairs])
            verdicts.append((f"{engine} / bare, {workers} worker(s) (after start-up)", ">= 0.80x", ratio, ratio >= 0.8))
            walls = zip(results[workers]["times"][engine], results[workers]["times"]["bare"], strict=True)
            ratio = statistics.median(bare / ours for ours, bare in walls)
            verdicts.append((f"{engine} / bare, {workers} worker(s) (whole command)", ">= 0.80x", ratio, ratio >= 0.8))
    for workers in (1, 2):
        for engine in ("dask", "dask-joined"):
            ratio = cost[("local", workers)] / cost[(engine, workers)]
            verdicts.append((f"{engine} / local, {workers} worker(s): articles per CPU-second", "(measure)", ratio,
                             True))  # fmt: skip
    return rows, verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120, help="pages per run")
    parser.add_argument("--repeat", type=int, default=2, help="rounds")
    parser.add_argument("--results", type=Path, help="also write the markdown here")
    parser.add_argument("--bare-run", nargs=2, metavar=("DIR", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_run:
        bare_run(args.bare_run[0], int(args.bare_run[1]))
        return
    about = machine()
    about["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="mv-bench-dask-") as tmp:
        work = Path(tmp)
        rounds = [work / f"pages-{n}" for n in range(args.repeat)]
        pages = [build_corpus(directory, args.articles, seed=n) for n, directory in enumerate(rounds)]
        words = statistics.median(corpus_words(round_pages) for round_pages in pages)
        tiny = work / "tiny"
        tiny.mkdir()
        for n in (1, 2):
            (tiny / f"page-{n}.txt").write_text(tiny_page(n), encoding="utf-8")
        print(f"dask throughput: {args.articles} pages (about {words:.0f} words) per round, {args.repeat} round(s)")
        results = {workers: measure(work, rounds, tiny, workers) for workers in (1, 2)}
        written, per_second = writer_speed(pages[0], work)
        print(f"writer: {written} documents, {per_second:.1f} documents/s")
        for directory in rounds:
            shutil.rmtree(directory, ignore_errors=True)
    about["load average at the end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows, verdicts = report(args.articles, words, args.repeat, results)
    lines = ["## Machine", ""] + [f"- {key}: {value}" for key, value in about.items()] + [""]
    lines += ["## Summary", "", "| measure | target | measured | met |", "|---|---|---|---|"]
    for what, target, value, ok in verdicts:
        shown = f"{value:.2f}x" if math.isfinite(value) else "n/a (a run was shorter than the start-up)"
        lines.append(f"| {what} | {target} | {shown} | {'yes' if ok else '**no**'} |")
    lines += ["", "## Throughput", "", *rows]
    lines += ["", "## The one writer", ""]
    lines.append(f"`Corpus.add_batch` of the {written} analysed pages into a new corpus, as an ingest stores them:")
    lines.append(f"**{per_second:.1f} documents/s** (the ceiling of any number of workers).")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
