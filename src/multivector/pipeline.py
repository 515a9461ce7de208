"""The analysis flow: a source (path, URL or text) -> Document -> Analysis.

Stages, each a small component with its own module and tests:

    ingest.load            bytes -> Document (clean body + metadata)
    nlp.model              spaCy pipeline with the actor catalogue as an entity ruler in front of the NER
    nlp.segment            body -> blocks and sentences, questions split from answers
    nlp.actors             actor and person mentions
    nlp.speakers           interviewees and their roles; who says each sentence
    nlp.reference          "it", "the organisation", "the two countries" -> the actors named before
    nlp.relations          actor-actor relations (PLOVER-style types, polarity, direction, modality, confidence)
    nlp.memberships        state-in-organisation claims, checked against the catalogue
    nlp.stances            each speaker's attitude towards actors
    nlp.figures/events     numeric claims and dated happenings

The NLP stages and their settings are declared in one place, nlp/config.py.

`iter_analyses` runs the flow over many sources, optionally in worker processes (the spaCy model is loaded
once per worker) and yields outcomes in input order, so a single writer can store them.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from multivector.errors import IngestError, MultivectorError
from multivector.records import Analysis, Document

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(slots=True)
class Outcome:
    """The result of analysing one source: an analysis or a one-line error."""

    source: str
    name: str
    analysis: Analysis | None = None
    error: str | None = None
    detail: str | None = None  # traceback, shown only with --debug

    @property
    def ok(self) -> bool:
        return self.analysis is not None


def _looks_like_location(source: str) -> bool:
    if source.startswith(("http://", "https://")):
        return True
    if "\n" in source or len(source) > 1024:
        return False
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # a sentence is no file name: too long, NUL bytes, ...
        return False


def load_document(source: str | Path | Document) -> Document:
    """A Document from a path, an http(s) URL, a crawl record, raw article text, or a Document (returned as is)."""
    from multivector import ingest
    from multivector.ingest.crawls import CrawlRecord

    if isinstance(source, Document):
        return source
    if isinstance(source, CrawlRecord):  # a page inside a WARC or JSON Lines file reads itself from there
        return source.load()
    if isinstance(source, Path) or _looks_like_location(source):
        return ingest.load(source)
    return ingest.from_text(source)


def analyze(source: str | Path | Document, *, nlp: Language | None = None) -> Analysis:
    """Analyse one article: a path, an http(s) URL, the article text itself, or a Document."""
    return analyze_document(load_document(source), nlp=nlp)


#: Longer bodies are refused with a clear error: no article is this long, and spaCy's own default limit is the same.
MAX_BODY_CHARS = 1_000_000


def analyze_document(document: Document, *, nlp: Language | None = None) -> Analysis:
    """Run the NLP stages over an ingested document."""
    from multivector.nlp import assemble

    if len(document.body) > MAX_BODY_CHARS:
        raise MultivectorError(f"article text too long ({len(document.body):,} characters, limit {MAX_BODY_CHARS:,})")
    return assemble.analyze_document(document, nlp=nlp)


def _analyze_source(source: str | Path) -> Outcome:
    from multivector.ingest import source_name
    from multivector.ingest.crawls import CrawlRecord

    text = str(source)
    try:
        name = source.name if isinstance(source, CrawlRecord) else source_name(source)
    except Exception:  # a name is cosmetic: never let it sink the analysis
        name = "input"
    try:
        return Outcome(text, name, analysis=analyze(Path(source) if isinstance(source, Path) else source))
    except IngestError as exc:
        return Outcome(text, name, error=exc.reason, detail=traceback.format_exc())
    except MultivectorError as exc:
        return Outcome(text, name, error=str(exc), detail=traceback.format_exc())
    except Exception as exc:  # one bad input must not stop a batch of thousands
        return Outcome(text, name, error=f"internal error: {type(exc).__name__}: {exc}", detail=traceback.format_exc())


def _worker_init() -> None:
    """Load the model and fill every lazy cache (lexicons, compiled patterns) with one short analysis, so that forked
    workers inherit all of it warm. langdetect's profiles load only for an article that needs them."""
    analyze(WARM_UP_TEXT)


#: Long enough (40 words and more) to be told English by its function words, as almost every article is: a shorter
#: text would load langdetect's 55 language profiles (0.4 s of serial start-up) that an English corpus never uses.
WARM_UP_TEXT = (
    "Kazakhstan and Russia signed a transit agreement worth $2 billion in Astana on 1 March 2024. The two countries "
    "said that the new route would carry more of their trade with China and the European Union, and the ministers of "
    "both sides agreed to meet again in the autumn to review what has been done so far."
)


def iter_analyses(sources: Iterable[str | Path | IngestError], *, workers: int = 1) -> Iterator[Outcome]:
    """Analyse many sources, yielding one Outcome per source in input order.

    Errors found while listing sources (unreadable files, symlink loops) arrive as IngestError items and come
    out as failed outcomes, so the caller reports them with the rest. A crawl file (WARC, WARC.gz, JSON Lines)
    stands for its records, one outcome each (:func:`multivector.ingest.crawls.expand_crawls`).
    """
    from multivector.ingest.crawls import expand_crawls

    items = list(expand_crawls(sources))
    if workers <= 1 or len(items) < 2:
        for item in items:
            yield _error_outcome(item) if isinstance(item, IngestError) else _analyze_source(item)
        return
    yield from _iter_parallel(items, workers)


def _error_outcome(error: IngestError) -> Outcome:
    return Outcome(error.source, Path(error.source).stem or "input", error=error.reason)


def _iter_parallel(items: list[str | Path | IngestError], workers: int) -> Iterator[Outcome]:
    import multiprocessing as mp

    context = mp.get_context("fork" if os.name == "posix" else "spawn")
    if context.get_start_method() == "fork":
        _worker_init()  # loaded once here, forked workers share it: no worker pays the model's load time
    work = [item for item in items if not isinstance(item, IngestError)]
    with context.Pool(processes=workers, initializer=_worker_init) as pool:
        results = pool.imap(_analyze_source, work, chunksize=1)  # articles vary in length: keeps all cores busy
        for item in items:
            yield _error_outcome(item) if isinstance(item, IngestError) else next(results)
