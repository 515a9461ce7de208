"""Read models over a corpus beyond the record listings of :mod:`~multivector.store.queries`: sentence-level mentions,
the running totals behind the graph, the matrix and the expert pages, and the corpus summary.

The typed rows of the listings (``Corpus.docs``, ``actors``, ``relations``, ... ``search``) are defined here too:
:class:`Record` and its subclasses (:class:`DocumentRow`, :class:`ActorRow`, :class:`SearchHit`, and
:data:`RECORD_ROWS`, one per record kind, derived from store.kinds by :func:`record_row`), frozen dataclasses that are
also the plain dicts they replace. So are the claim-pair reads the network needs (:func:`claim_pair_totals`,
:func:`claim_pair_directions`; ``Corpus.pair_totals`` / ``pair_directions``).

Contract: every function takes a corpus handle (a :class:`~multivector.store.Corpus`, or its connection: see
:func:`multivector.store.dialect.db_of`) and returns typed rows: :class:`RelationMention` / :class:`StanceMention`
(frozen dataclasses that also read like the dicts they replace: ``row["speaker"]``, ``row.get("title")``,
``{**row}``), or the TypedDicts below. SQL is built only from the fixed fragments in this module; every filter value
travels as a bound parameter. Both backends (SQLite, PostgreSQL) run the same SQL (:mod:`.dialect`).

Mentions: the ``relations`` / ``stances`` tables hold one *claim* per pair and document; the graph, the edge
evidence lists and the GDELT-like export need every *mention* (each supporting sentence), stored in the
``relation_mentions`` / ``stance_mentions`` tables (a document whose analysis has no mention list contributes its
claims). Rows come newest document first, then in body order. ``document_source`` is the document's path or URL;
``source`` / ``target`` are a relation's direction.

Totals: without filters the running totals (``relation_pairs``, ``relation_edges``, ``pair_speakers``,
``actor_years``, ``stance_counts``, ``speaker_totals``) answer in a time that grows with the number of actor pairs or
experts, never with the number of documents; with mention filters the same shapes are computed by GROUP BY over the
matching ``relation_mentions`` rows (cost: the rows matched).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, make_dataclass
from typing import Any, TypedDict

from multivector.store import queries
from multivector.store.dialect import Db, db_of
from multivector.store.kinds import BY_TABLE, KINDS, Kind
from multivector.store.schema import UNKNOWN_CONFIDENCE

MAX_ROWS = 200_000  # a ceiling that keeps a request's memory bounded even on a huge corpus
PAIR_SPEAKERS = 10  # speakers listed per edge: an edge of a large corpus has thousands


# -- read models -----------------------------------------------------------------------------------------------------


class _Row(Mapping[str, Any]):
    """A frozen dataclass that also reads as the dict row it replaces (``row["x"]``, ``row.get``, ``{**row}``,
    equality with a dict of the same items)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        if key not in self._names():
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        names = cls.__dict__.get("_field_names")
        if names is None:
            names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
            cls._field_names = names  # type: ignore[attr-defined]
        return names

    def to_dict(self) -> dict[str, Any]:
        return dict(self.items())


@dataclass(frozen=True, eq=False)
class RelationMention(_Row):
    """One sentence supporting a relation, with its document's context."""

    a: str
    b: str
    type: str
    polarity: str
    score: float
    modality: str | None
    evidence: str
    speaker: str | None
    quad_class: int
    count: int
    span_start: int
    span_end: int
    source: str | None  # the acting actor of a directed relation (None: symmetric)
    target: str | None
    confidence: float | None
    resolved_from: str | None
    document_id: str
    published: str | None
    title: str | None
    document_source: str  # the document's path or URL


@dataclass(frozen=True, eq=False)
class StanceMention(_Row):
    """One sentence in which a speaker takes a stance on an actor, with its document's context."""

    speaker: str
    target: str
    polarity: str
    evidence: str
    modality: str
    count: int
    span_start: int
    span_end: int
    confidence: float | None
    resolved_from: str | None
    document_id: str
    published: str | None
    title: str | None
    document_source: str


class PairKind(TypedDict):
    type: str
    polarity: str
    mentions: int
    documents: int
    score_sum: float
    first: str | None
    last: str | None


class PairTotals(TypedDict):
    kinds: list[PairKind]
    documents: int


class Expert(TypedDict):
    name: str
    documents: int
    stances: int


class CorpusSummary(TypedDict):
    documents: int
    first: str | None
    last: str | None
    undated: int
    outlets: list[dict[str, Any]]
    outlet_count: int
    experts: list[dict[str, Any]]
    expert_count: int


# -- listing rows: what Corpus.docs, actors, relations, memberships, stances, figures, events and search return --


class Record(dict):  # type: ignore[type-arg]
    """A typed, read-only row that is also the plain dict it replaces.

    Subclasses are frozen dataclasses: ``row.speaker`` is typed, and ``row["speaker"]``, ``row.get("title")``,
    ``{**row}``, ``json.dumps(row)``, ``csv.DictWriter`` and equality with a dict of the same items keep working, with
    the keys in the query's column order. Writing to a row is a TypeError (copy it: ``{**row, "x": 1}``);
    :meth:`to_dict` is a plain, mutable copy.
    """

    __slots__ = ()

    def __init__(self, *values: Any, **named: Any) -> None:
        """Positional values in field order, or fields by name; the values live in the dict only (one copy)."""
        names = type(self).names()
        if named:
            missing = [name for name in names[len(values) :] if name not in named]
            extra = set(named) - set(names[len(values) :])
            if missing or extra:
                raise TypeError(f"{type(self).__name__}: missing {missing}, unexpected {sorted(extra)}")
            values = (*values, *(named[name] for name in names[len(values) :]))
        if len(values) != len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} values, not {len(values)}")
        dict.__init__(self, zip(names, values, strict=True))

    def __getattr__(self, name: str) -> Any:  # the fields: read from the dict
        try:
            return dict.__getitem__(self, name)
        except KeyError:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") from None

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{type(self).__name__} is read-only: copy it first ({{**row}} or row.to_dict())")

    __setitem__ = __delitem__ = update = pop = popitem = setdefault = clear = __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy rebuild through the dataclass constructor
        return (type(self), tuple(dict.values(self)))

    def to_dict(self) -> dict[str, Any]:
        return dict(self)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        names = cls.__dict__.get("_names")
        if names is None:
            names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
            cls._names = names  # type: ignore[attr-defined]
        return names


def _frozen(cls: type) -> type:
    """A Record subclass as a frozen dataclass whose values live in the dict (Record.__init__, no instance dict)."""
    return dataclass(frozen=True, eq=False, init=False)(cls)


@_frozen
class DocumentRow(Record):
    """A document as ``Corpus.docs`` lists it (newest first)."""

    __slots__ = ()

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    authors: list[str]
    source: str
    name: str
    ingested_at: str
    speakers: list[str]  # names, in order of appearance


@_frozen
class ActorRow(Record):
    """An actor as ``Corpus.actors`` lists it: the documents that mention it and its mentions (over the filters)."""

    __slots__ = ()

    id: str
    name: str
    kind: str
    documents: int
    mentions: int


@_frozen
class SearchHit(Record):
    """A full-text hit (``Corpus.search``): a document or a record's evidence, best first (``rank``: lower is
    better)."""

    __slots__ = ()

    kind: str  # 'documents' or the record's table
    document_id: str
    record_id: int | None
    title: str | None
    published: str | None
    snippet: str
    rank: float


def _python_type(definition: str) -> Any:
    """A column's Python type from its SQL definition in the kinds registry (NOT NULL: never None)."""
    base = {"TEXT": str, "REAL": float, "INTEGER": int}[definition.split()[0]]
    return base if "NOT NULL" in definition or "PRIMARY KEY" in definition else base | None


#: The document context every record listing ends with.
RECORD_CONTEXT: tuple[tuple[str, Any], ...] = (("document_id", str), ("published", str | None), ("title", str | None))


def record_row(kind: Kind) -> type[Record]:
    """The row class of one record kind, derived from the registry: its ``listing`` columns, typed from their
    definitions, then the document context (``document_id``, ``published``, ``title``)."""
    types = {"id": int, **{c.name: _python_type(c.definition) for c in kind.columns}}
    columns = [(name, types[name]) for name in kind.listing] + list(RECORD_CONTEXT)
    name = kind.table[:-1].capitalize() + "Row"
    cls = make_dataclass(name, columns, bases=(Record,), frozen=True, eq=False, init=False, namespace={
        "__slots__": (),
        "__doc__": f"A row of ``Corpus.{kind.table}`` (store.kinds: {', '.join(kind.listing)}; then the document).",
        "__module__": __name__,
    })  # fmt: skip
    return cls


#: The row class of each record kind's listing, by table.
RECORD_ROWS: dict[str, type[Record]] = {kind.table: record_row(kind) for kind in KINDS}
RelationRow = RECORD_ROWS["relations"]
MembershipRow = RECORD_ROWS["memberships"]
StanceRow = RECORD_ROWS["stances"]
FigureRow = RECORD_ROWS["figures"]
EventRow = RECORD_ROWS["events"]


# -- mentions --------------------------------------------------------------------------------------------------------

_CONTEXT = ("document_id", "published")
_RELATION_SQL = (
    "SELECT m.a, m.b, m.type, m.polarity, m.score, m.modality, m.evidence, m.speaker, m.quad_class, m.count,"
    " m.span_start, m.span_end, m.source, m.target, m.confidence, m.resolved_from, m.document_id, m.published,"
    " d.title, d.source AS document_source FROM relation_mentions m JOIN documents d ON d.id = m.document_id"
)
_STANCE_SQL = (
    "SELECT m.speaker, m.target, m.polarity, m.evidence, m.modality, m.count, m.span_start, m.span_end,"
    " m.confidence, m.resolved_from, m.document_id, m.published, d.title, d.source AS document_source"
    " FROM stance_mentions m JOIN documents d ON d.id = m.document_id"
)
_ORDER = " ORDER BY m.published DESC, m.document_id, m.position"
_SPEAKER_LIKE = "m.speaker IN (SELECT name FROM speaker_names WHERE instr(folded, ?) > 0)"


class Filters:
    """WHERE clauses over a mention table aliased ``m``, with their parameters kept apart."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def dates(self, since: str | None, until: str | None) -> None:
        low, high = queries.date_bounds(since, until)  # validates the ISO prefixes (ValueError otherwise)
        if low is not None:
            self.add("m.published >= ?", low)
        if high is not None:
            self.add("m.published <= ?", high)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def relation_filters(
    *,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    speaker: str | None = None,
    exact_speaker: str | None = None,
    type: str | None = None,
    polarity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document: str | None = None,
) -> Filters:
    """The WHERE clauses over ``relation_mentions m`` for these filters (``pair`` matches a-b in either order;
    ``speaker`` is a case-insensitive part of the name, ``exact_speaker`` the whole name)."""
    where = Filters()
    if actor is not None:
        where.add("(m.x = ? OR m.y = ?)", actor, actor)
    if pair is not None:
        where.add("m.x = ? AND m.y = ?", *sorted(pair))
    if speaker is not None:  # narrowed by the casefolded names in SQL; _by_speaker keeps the exact rule
        where.add(_SPEAKER_LIKE, speaker.strip().casefold())
    if exact_speaker is not None:
        where.add("m.speaker = ?", exact_speaker)
    if type is not None:
        where.add("m.type = ?", type)
    if polarity is not None:
        where.add("m.polarity = ?", polarity)
    if document is not None:
        where.add("m.document_id = ?", document)
    where.dates(since, until)
    return where


def relation_mentions(source: Any, *, limit: int | None = MAX_ROWS, **filters: Any) -> list[RelationMention]:
    """Every sentence-level relation mention matching ``filters`` (those of :func:`relation_filters`)."""
    db = db_of(source)
    where = relation_filters(**filters)
    rows = db.tuples(f"{_RELATION_SQL}{where.sql()}{_ORDER} LIMIT ?", [*where.params, _cap(limit)])
    return _by_speaker([RelationMention(*row) for row in rows], filters.get("speaker"))


def count_relation_mentions(source: Any, **filters: Any) -> int:
    """How many relation mentions match ``filters`` (those of :func:`relation_filters`), counted in SQL."""
    where = relation_filters(**filters)
    return db_of(source).scalar(f"SELECT count(*) FROM relation_mentions m{where.sql()}", where.params)


def stance_mentions(
    source: Any,
    *,
    actor: str | None = None,
    speaker: str | None = None,
    exact_speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document: str | None = None,
    limit: int | None = MAX_ROWS,
) -> list[StanceMention]:
    """Every sentence-level stance mention (``actor`` is the target)."""
    where = Filters()
    if actor is not None:
        where.add("m.target = ?", actor)
    if speaker is not None:
        where.add(_SPEAKER_LIKE, speaker.strip().casefold())
    if exact_speaker is not None:
        where.add("m.speaker = ?", exact_speaker)
    if document is not None:
        where.add("m.document_id = ?", document)
    where.dates(since, until)
    rows = db_of(source).tuples(f"{_STANCE_SQL}{where.sql()}{_ORDER} LIMIT ?", [*where.params, _cap(limit)])
    return _by_speaker([StanceMention(*row) for row in rows], speaker)


def _by_speaker(rows: list[Any], speaker: str | None) -> list[Any]:
    """Keep rows whose speaker contains ``speaker``, casefolded in Python (SQLite's lower() is ASCII-only)."""
    if not speaker:
        return rows
    needle = speaker.casefold()
    return [row for row in rows if needle in (row.speaker or "").casefold()]


def _cap(limit: int | None) -> int:
    return MAX_ROWS if limit is None else max(0, min(int(limit), MAX_ROWS))


# -- totals ----------------------------------------------------------------------------------------------------------

_KIND_COLUMNS = ("type", "polarity", "mentions", "documents", "score_sum", "first", "last")
_EVIDENCE = (
    "SELECT m.evidence, m.document_id, d.title, m.published, m.span_start, m.span_end, m.speaker, m.type, m.polarity"
    " FROM relation_mentions m JOIN documents d ON d.id = m.document_id"
    " WHERE m.x = ? AND m.y = ? AND m.type = ? AND m.polarity = ?"
    " ORDER BY m.published DESC, m.document_id, m.position LIMIT ?"
)


def pair_totals(source: Any, *, actor: str | None = None, **filters: Any) -> dict[tuple[str, str], PairTotals]:
    """Per actor pair x < y (self-loops left out): its (type, polarity) totals and distinct documents, optionally
    around one actor; ``filters`` as in :func:`relation_filters`."""
    db = db_of(source)
    filters = {key: value for key, value in filters.items() if value is not None}
    if filters:
        where = relation_filters(actor=actor, **filters)
        where.add("m.x != m.y")
        kinds = db.tuples(
            "SELECT m.x, m.y, m.type, m.polarity, count(*), count(DISTINCT m.document_id), sum(m.score),"
            f" min(m.published), max(m.published) FROM relation_mentions m{where.sql()}"
            " GROUP BY m.x, m.y, m.type, m.polarity ORDER BY m.x, m.y, m.type, m.polarity",
            where.params,
        )
        documents = db.tuples(
            f"SELECT m.x, m.y, count(DISTINCT m.document_id) FROM relation_mentions m{where.sql()} GROUP BY m.x, m.y",
            where.params,
        )
        return _pairs(kinds, documents)
    around, params = ("", []) if actor is None else (" AND (x = ? OR y = ?)", [actor, actor])
    kinds = db.tuples(
        f"SELECT x, y, {', '.join(_KIND_COLUMNS)} FROM relation_pairs WHERE x != y{around}"
        " ORDER BY x, y, type, polarity",
        params,
    )
    documents = db.tuples(f"SELECT x, y, documents FROM relation_edges WHERE x != y{around}", params)
    return _pairs(kinds, documents)


def _pairs(kinds: list[tuple], documents: list[tuple]) -> dict[tuple[str, str], PairTotals]:
    pairs: dict[tuple[str, str], PairTotals] = {}
    for x, y, *values in kinds:
        pair = pairs.setdefault((x, y), {"kinds": [], "documents": 0})
        pair["kinds"].append(dict(zip(_KIND_COLUMNS, values, strict=True)))  # type: ignore[arg-type]
    for x, y, count in documents:
        if (x, y) in pairs:
            pairs[(x, y)]["documents"] = count
    return pairs


def pair_speakers(
    source: Any, pairs: list[tuple[str, str]], *, per_pair: int = PAIR_SPEAKERS, **filters: Any
) -> dict[tuple[str, str], list[str]]:
    """The ``per_pair`` most frequent speakers of each pair (ties by name); ``filters`` as in relation_filters."""
    db = db_of(source)
    filters = {key: value for key, value in filters.items() if value is not None}
    if filters:
        where = relation_filters(**filters)
        where.add("m.speaker IS NOT NULL AND m.speaker != ''")
        rows = db.tuples(
            f"SELECT m.x, m.y, m.speaker, count(*) FROM relation_mentions m{where.sql()} GROUP BY m.x, m.y, m.speaker",
            where.params,
        )
        ranked: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        for x, y, speaker, count in rows:
            ranked[(x, y)].append((-count, speaker))
        return {pair: [name for _, name in sorted(ranked.get(pair, []))[:per_pair]] for pair in pairs}
    sql = "SELECT speaker FROM pair_speakers WHERE x = ? AND y = ? ORDER BY mentions DESC, speaker LIMIT ?"
    return {(x, y): [row[0] for row in db.tuples(sql, (x, y, per_pair))] for x, y in pairs}


def top_claims(source: Any, *, limit: int = 20, evidence: int = 3) -> list[dict[str, Any]]:
    """The most evidenced (pair, type, polarity) claims with their first evidence sentences (the shape of
    :func:`multivector.analysis.graph.top_relations`)."""
    db = db_of(source)
    rows = db.tuples(
        "SELECT x, y, type, polarity, mentions, documents FROM relation_pairs"
        " ORDER BY mentions DESC, x, y, type, polarity LIMIT ?",
        (limit,),
    )
    return [
        {
            "a": x, "b": y, "type": type_, "polarity": polarity, "count": count, "documents": documents,
            "evidence": db.rows(_EVIDENCE, (x, y, type_, polarity, evidence)),
        }
        for x, y, type_, polarity, count, documents in rows
    ]  # fmt: skip


def actor_years(source: Any, actor: str) -> dict[str, dict[str, int]]:
    """{year: {polarity: dated relation mentions of ``actor``}}, self-relations counted once."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for year, polarity, count in db_of(source).tuples(
        "SELECT year, polarity, mentions FROM actor_years WHERE actor = ?", (actor,)
    ):
        result[year][polarity] = count
    return dict(result)


def stance_totals_by_speaker(source: Any, actor: str, *, limit: int) -> list[dict[str, Any]]:
    """Experts with a stance on ``actor``: {speaker, "+", "-", "0", total}, most stance mentions first."""
    rows = db_of(source).tuples(
        "SELECT speaker, sum(CASE WHEN polarity = '+' THEN mentions ELSE 0 END),"
        " sum(CASE WHEN polarity = '-' THEN mentions ELSE 0 END),"
        " sum(CASE WHEN polarity NOT IN ('+', '-') THEN mentions ELSE 0 END), sum(mentions) AS total"
        " FROM stance_counts WHERE target = ? GROUP BY speaker ORDER BY total DESC, speaker LIMIT ?",
        (actor, limit),
    )
    return [{"speaker": s, "+": pos, "-": neg, "0": neu, "total": total} for s, pos, neg, neu, total in rows]


#: Who counts as an expert, one rule for the experts list, the overview and the stance matrix: anyone a document
#: attributes speech or a stance to, whether it quotes them (a speaker of the document) or reports their view
#: second-hand (the holder of a stance). A condition on speaker_totals.
EXPERT = "(documents > 0 OR stances > 0)"


#: An expert's documents: those they speak in, or, for someone quoted only second-hand (who speaks in none), the
#: documents their stances come from (stances_speaker index: one walk per such name).
EXPERT_DOCUMENTS = (
    "CASE WHEN t.documents > 0 THEN t.documents"
    " ELSE (SELECT count(DISTINCT s.document_id) FROM stances s WHERE s.speaker = t.name) END"
)


_EXPERT_T = "(t.documents > 0 OR t.stances > 0)"  # EXPERT over speaker_totals t


def experts(source: Any, *, limit: int | None = None) -> list[Expert]:
    """Every expert (:data:`EXPERT`) with their document and stance-mention counts, most documents first (then most
    stances). Someone quoted only second-hand speaks in no document: their documents are those their stances come
    from (:data:`EXPERT_DOCUMENTS`)."""
    db = db_of(source)
    rows = db.tuples(
        f"SELECT name, documents, stances FROM (SELECT t.name, {EXPERT_DOCUMENTS} AS documents, t.stances"
        f" FROM speaker_totals t WHERE {_EXPERT_T})"
        " AS e ORDER BY documents DESC, stances DESC, name LIMIT ?",
        (db.dialect.no_limit if limit is None else limit,),
    )
    return [{"name": name, "documents": documents, "stances": stances} for name, documents, stances in rows]


def expert_count(source: Any) -> int:
    return db_of(source).scalar(f"SELECT count(*) FROM speaker_totals WHERE {EXPERT}")


def matrix_rows(source: Any, *, experts: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Stance counts (speaker, target, polarity, count) of the ``experts`` most outspoken speakers, and every
    target's total weight over all speakers (the matrix orders its columns by it)."""
    db = db_of(source)
    rows = db.rows(
        "SELECT c.speaker, c.target, c.polarity, c.weight AS count FROM stance_counts c WHERE c.speaker IN"
        f" (SELECT name FROM speaker_totals WHERE {EXPERT} AND stances > 0 ORDER BY stances DESC, name LIMIT ?)",
        (experts,),
    )
    totals = dict(db.tuples("SELECT target, sum(weight) FROM stance_counts GROUP BY target"))
    return rows, totals


def relation_types(source: Any) -> list[str]:
    """Every relation type in the corpus, sorted (from the pair totals: one row per pair and type)."""
    return [row[0] for row in db_of(source).tuples("SELECT DISTINCT type FROM relation_pairs ORDER BY type")]


def actors_by_id(source: Any, ids: set[str] | list[str]) -> list[dict[str, Any]]:
    """Actor rows (as ``Corpus.actors``: id, name, kind, documents, mentions) of these ids only, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    sql = f"SELECT id, name, kind, documents, mentions FROM actors WHERE id IN ({', '.join('?' * len(wanted))})"
    return db_of(source).rows(sql + " ORDER BY id", wanted)


def span_start(source: Any, kind: str, record_id: int) -> int | None:
    """Where a record's evidence starts in its document's body (kind: a table of store.kinds); None if unknown."""
    if kind not in BY_TABLE:
        return None
    return db_of(source).scalar(f"SELECT span_start FROM {BY_TABLE[kind].table} WHERE id = ?", (record_id,))


# -- claim pairs: the network's edges with modality and confidence filters, and their directions --------------------


@dataclass(frozen=True)
class PairKindTotal:
    """Claims of one unordered pair (x < y) with one relation type and polarity."""

    type: str
    polarity: str
    claims: int  # claim rows (one per document, pair, type and polarity at most a few)
    mentions: int  # the sentences behind them (sum of the claims' ``count``)
    documents: int
    score_sum: float  # sum of score x count, as the running totals sum the mentions' scores
    weight: float  # sum of confidences (UNKNOWN_CONFIDENCE for a claim stored without one)
    first: str | None  # earliest / latest publication date (None: undated only)
    last: str | None


@dataclass(frozen=True)
class PairTotal:
    """The claims of one unordered actor pair (x < y; self-relations left out) that pass the filters."""

    x: str
    y: str
    claims: int
    mentions: int
    documents: int  # distinct documents over all its types and polarities
    weight: float
    kinds: tuple[PairKindTotal, ...]  # by type, then polarity
    speakers: tuple[str, ...] = ()  # the most frequent speakers of its claims, when asked for (``speakers=N``)

    def as_totals(self) -> PairTotals:
        """The shape of :func:`pair_totals` (``{"kinds": [...], "documents": n}``; mentions are sentences)."""
        kinds = [{"type": k.type, "polarity": k.polarity, "mentions": k.mentions, "documents": k.documents,
                  "score_sum": k.score_sum, "first": k.first, "last": k.last} for k in self.kinds]  # fmt: skip
        return {"kinds": kinds, "documents": self.documents}  # type: ignore[typeddict-item]


@dataclass(frozen=True)
class PairDirection:
    """How the directed claims of one unordered pair (x < y) point: x -> y (``forward``), y -> x (``backward``),
    or neither (``undirected``: symmetric relations, source and target NULL); claims and their sentences."""

    x: str
    y: str
    forward: int
    backward: int
    undirected: int
    forward_mentions: int
    backward_mentions: int
    undirected_mentions: int

    @property
    def claims(self) -> int:
        return self.forward + self.backward + self.undirected


_PAIR_X = "CASE WHEN r.a < r.b THEN r.a ELSE r.b END"
_PAIR_Y = "CASE WHEN r.a < r.b THEN r.b ELSE r.a END"
#: A claim's weight when it has no confidence (store.schema.UNKNOWN_CONFIDENCE, as balance weighs it).
_CLAIM_WEIGHT = f"coalesce(r.confidence, {UNKNOWN_CONFIDENCE})"


def claim_filters(
    *,
    min_confidence: float = 0,
    modalities: Iterable[str] | None = None,
    actor: str | None = None,
    pairs: Iterable[tuple[str, str]] | None = None,
    type: str | None = None,
    polarity: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    """WHERE clauses over ``relations r`` (claims) for the pair functions below. ``min_confidence``: 0 keeps every
    claim (also those stored without a confidence); above 0, claims with at least that confidence (a claim without one
    never matches, as ``Corpus.relations(min_confidence=...)``). ``modalities``: claims with one of these modalities
    (None: all). ``actor``: pairs it is part of; ``pairs``: only these pairs (either order). ``speaker``: a
    case-insensitive part of the claim's speaker; dates as everywhere (ISO prefixes, inclusive)."""
    where = Filters()
    where.add("r.a != r.b")
    minimum = queries._confidence(min_confidence)  # ValueError outside [0, 1]
    if minimum > 0:
        where.add("r.confidence >= ?", minimum)
    if modalities is not None:
        wanted = sorted(set(modalities))
        if not wanted:
            where.add("1 = 0")
        else:
            where.add(f"coalesce(r.modality, 'asserted') IN ({', '.join('?' * len(wanted))})", *wanted)
    if actor is not None:
        where.add("(r.a = ? OR r.b = ?)", actor, actor)
    if pairs is not None:
        wanted_pairs = sorted({tuple(sorted(pair)) for pair in pairs})
        if not wanted_pairs:
            where.add("1 = 0")
        else:
            where.add(
                f"({_PAIR_X}, {_PAIR_Y}) IN (VALUES {', '.join('(?, ?)' for _ in wanted_pairs)})",
                *(v for pair in wanted_pairs for v in pair),
            )
    if type is not None:
        where.add("r.type = ?", type)
    if polarity is not None:
        where.add("r.polarity = ?", polarity)
    if speaker is not None:
        where.add(_SPEAKER_LIKE.replace("m.speaker", "r.speaker"), speaker.strip().casefold())
    low, high = queries.date_bounds(since, until)
    if low is not None:
        where.add("r.published >= ?", low)
    if high is not None:
        where.add("r.published <= ?", high)
    return where


def claim_pair_totals(source: Any, *, speakers: int = 0, **filters: Any) -> list[PairTotal]:
    """Per unordered actor pair, the relation claims passing ``filters`` (those of :func:`claim_filters`), summed in
    SQL per type and polarity; pairs with the most sentences first. ``speakers``: also the N most frequent speakers
    of each pair's claims (ties by name)."""
    db = db_of(source)
    where = claim_filters(**filters)
    kinds = db.tuples(
        f"SELECT x, y, type, polarity, count(*), sum(n), count(DISTINCT document_id), sum(score * n), sum(w),"
        f" min(published), max(published) FROM (SELECT {_PAIR_X} AS x, {_PAIR_Y} AS y, r.type, r.polarity,"
        f" r.count AS n, r.document_id, r.score, {_CLAIM_WEIGHT} AS w, r.published FROM relations r{where.sql()})"
        " AS c GROUP BY x, y, type, polarity ORDER BY x, y, type, polarity",
        where.params,
    )
    documents = dict(
        ((x, y), count)
        for x, y, count in db.tuples(
            f"SELECT {_PAIR_X} AS x, {_PAIR_Y} AS y, count(DISTINCT r.document_id) FROM relations r{where.sql()}"
            " GROUP BY 1, 2",
            where.params,
        )
    )
    names: dict[tuple[str, str], tuple[str, ...]] = {}
    if speakers > 0:
        ranked = db.tuples(
            f"SELECT x, y, speaker FROM (SELECT x, y, speaker, row_number() OVER (PARTITION BY x, y ORDER BY"
            f" count(*) DESC, speaker) AS k FROM (SELECT {_PAIR_X} AS x, {_PAIR_Y} AS y, r.speaker FROM relations r"
            f"{where.sql()} AND r.speaker IS NOT NULL AND r.speaker != '') AS c GROUP BY x, y, speaker) AS s"
            " WHERE k <= ? ORDER BY x, y, k",
            [*where.params, int(speakers)],
        )
        grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
        for x, y, name in ranked:
            grouped[(x, y)].append(name)
        names = {pair: tuple(found) for pair, found in grouped.items()}
    by_pair: dict[tuple[str, str], list[PairKindTotal]] = defaultdict(list)
    for x, y, *values in kinds:
        by_pair[(x, y)].append(PairKindTotal(*values))
    totals = [
        PairTotal(x, y, sum(k.claims for k in found), sum(k.mentions for k in found), documents[(x, y)],
                  sum(k.weight for k in found), tuple(found), names.get((x, y), ()))
        for (x, y), found in by_pair.items()
    ]  # fmt: skip
    return sorted(totals, key=lambda pair: (-pair.mentions, pair.x, pair.y))


def claim_pair_directions(source: Any, **filters: Any) -> list[PairDirection]:
    """Per unordered actor pair, how its relation claims passing ``filters`` (those of :func:`claim_filters`) point:
    x -> y, y -> x or undirected, counted in SQL (claims and sentences); pairs ordered by x, y."""
    db = db_of(source)
    where = claim_filters(**filters)
    forward = f"r.source = {_PAIR_X} AND r.target = {_PAIR_Y}"
    backward = f"r.source = {_PAIR_Y} AND r.target = {_PAIR_X}"
    undirected = "r.source IS NULL OR r.target IS NULL OR r.source = r.target"
    counts = ", ".join(
        f"sum(CASE WHEN {test} THEN {value} ELSE 0 END)"
        for value in ("1", "r.count")
        for test in (forward, backward, undirected)
    )
    rows = db.tuples(
        f"SELECT {_PAIR_X} AS x, {_PAIR_Y} AS y, {counts} FROM relations r{where.sql()} GROUP BY 1, 2 ORDER BY 1, 2",
        where.params,
    )
    return [PairDirection(*row) for row in rows]


# -- summary ---------------------------------------------------------------------------------------------------------


def corpus_summary(source: Any, *, top: int = 15) -> CorpusSummary:
    """Documents, time span, the ``top`` outlets and experts, and how many of each there are."""
    db = db_of(source)
    documents, first, last, undated = db.one(
        "SELECT count(*), min(published), max(published), sum(CASE WHEN published IS NULL THEN 1 ELSE 0 END)"
        " FROM documents"
    ) or (0, None, None, 0)
    outlets = db.tuples(
        "SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY count(*) DESC, outlet LIMIT ?",
        (top,),
    )
    names = expert_names(db)
    return {
        "documents": documents,
        "first": first,
        "last": last,
        "undated": undated or 0,
        "outlets": [{"outlet": name, "documents": count} for name, count in outlets],
        "outlet_count": db.scalar("SELECT count(DISTINCT outlet) FROM documents"),
        "experts": names[:top],
        "expert_count": len(names),
    }


def expert_names(source: Any) -> list[dict[str, Any]]:
    """Every speaker (interviewee or quoted expert) with the number of documents they speak in, most first (from the
    running totals in ``speaker_totals``: one indexed walk, not a GROUP BY over every document's speakers)."""
    rows = db_of(source).tuples(
        f"SELECT name, documents FROM (SELECT t.name, {EXPERT_DOCUMENTS} AS documents, t.stances"
        f" FROM speaker_totals t WHERE {_EXPERT_T})"
        " AS e ORDER BY documents DESC, stances DESC, name"
    )
    return [{"name": name, "documents": count} for name, count in rows]


def speaker_names(source: Any) -> list[str]:
    """Every name that speaks in a document or holds a stance or relation claim, sorted."""
    return [row[0] for row in db_of(source).tuples("SELECT name FROM speaker_names ORDER BY name")]


def speaker_exists(source: Any, name: str) -> bool:
    """True when someone of exactly this name speaks in the corpus or holds a stance or relation claim."""
    return db_of(source).one("SELECT 1 FROM speaker_names WHERE name = ?", (name,)) is not None


def stance_documents(source: Any, name: str) -> list[dict[str, Any]]:
    """Documents holding a stance of this exact name (someone quoted second-hand speaks in none), newest first."""
    return db_of(source).rows(
        "SELECT DISTINCT d.id, d.title, d.published, d.outlet FROM stances s JOIN documents d ON d.id = s.document_id"
        " WHERE s.speaker = ? ORDER BY d.published DESC, d.id",
        (name,),
    )


def speaker_documents(source: Any, name: str) -> list[dict[str, Any]]:
    """Documents in which this exact speaker speaks, newest first."""
    return db_of(source).rows(
        "SELECT DISTINCT d.id, d.title, d.published, d.outlet FROM speakers s JOIN documents d ON d.id = s.document_id"
        " WHERE s.name = ? ORDER BY d.published DESC, d.id",
        (name,),
    )


__all__ = [
    "ActorRow", "DocumentRow", "EventRow", "FigureRow", "MembershipRow", "PairDirection", "PairKindTotal", "PairTotal",
    "RECORD_ROWS", "Record", "RelationRow", "SearchHit", "StanceRow", "claim_filters", "claim_pair_directions",
    "claim_pair_totals", "record_row",
    "CorpusSummary", "Db", "Expert", "Filters", "PairKind", "PairTotals", "RelationMention", "StanceMention",
    "actor_years", "actors_by_id", "corpus_summary", "count_relation_mentions", "expert_count", "expert_names",
    "experts", "matrix_rows", "pair_speakers", "pair_totals", "relation_filters", "relation_mentions",
    "relation_types", "span_start", "speaker_documents", "speaker_exists", "speaker_names", "stance_documents",
    "stance_mentions", "stance_totals_by_speaker", "top_claims",
]  # fmt: skip
