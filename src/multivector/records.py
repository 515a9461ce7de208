"""The typed records that flow through multivector, defined once.

ingest produces a :class:`Document`; the nlp stages turn it into an :class:`Analysis` made of the
record types below; the store persists them; analysis and interfaces read them back. Every record
extracted from text carries ``evidence`` (a verbatim slice of ``Analysis.body``) and ``span``
(``[start, end]`` character offsets of that slice in the body), so ``body[start:end] == evidence``.

The JSON form (:meth:`Analysis.to_dict`) is documented in docs/format.md; every key is always present.
"""

from __future__ import annotations

import hashlib
import re
from copy import deepcopy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

Polarity = Literal["+", "-", "0"]
Modality = Literal["asserted", "negated", "hypothetical", "future"]
ActorKind = Literal["state", "organisation", "bloc", "project", "group", "place", "company", "entity"]

#: Schema version of the analysis JSON; bump when a key changes meaning.
FORMAT_VERSION = 1


@dataclass(slots=True)
class Document:
    """Bytes turned into clean text plus metadata: the output of the ingest stage."""

    source: str  # path or URL as given
    name: str  # file stem or URL slug, used for output file names
    body: str  # article text, page furniture removed
    raw_text: str = ""  # decoded input text (HTML already converted to text for .html inputs)
    title: str | None = None
    published: str | None = None  # ISO date at the precision known: YYYY-MM-DD, YYYY-MM or YYYY
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    encoding: str | None = None
    content_type: str = "text"  # text | html | markdown

    @property
    def id(self) -> str:
        return document_id(self.body)


def document_id(body: str) -> str:
    """Stable id: hash of the whitespace-normalised body, so re-scrapes of one article collide."""
    normalised = re.sub(r"\s+", " ", body).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Speaker:
    name: str
    role: str | None = None


@dataclass(slots=True)
class Actor:
    id: str  # canonical id: ISO alpha-3, organisation acronym or UPPER_SNAKE name
    name: str
    kind: str
    mentions: int = 0


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    mentions: int = 0


@dataclass(slots=True)
class Relation:
    a: str
    b: str
    type: str  # cooperation, partnership, alliance, trade, transit, rivalry, conflict, pressure, ...
    polarity: Polarity
    score: float  # -1..1, from the per-type table in data/relation_types.json
    modality: Modality
    evidence: str
    span: list[int]
    speaker: str | None = None
    quad_class: int = (
        0  # PLOVER/CAMEO quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    )
    count: int = 1  # sentences supporting this claim (in Analysis.relations); 1 for a single mention
    # Direction, where the text gives one (pressure, sanctions, dependence, influence, mediation, ...): the actor
    # that acts and the one acted upon; both None for a symmetric relation ("X and Y cooperate").
    source: str | None = None
    target: str | None = None
    confidence: float = 0.5  # in [0, 1]: from the rule that found it and its context (docs/accuracy.md)
    # The referring expression a party was resolved from ("the two countries", "it"), None for named parties.
    resolved_from: str | None = None


@dataclass(slots=True)
class Membership:
    member: str
    org: str
    evidence: str
    span: list[int]
    status: Literal["confirmed", "contradicted", "unknown"] = "unknown"  # against the catalogue's member list
    modality: Modality = "asserted"  # "negated": the text says the state is not a member ("an observer, not a member")
    confidence: float = 0.5  # in [0, 1]: from the rule that found it and its context
    resolved_from: str | None = None  # the referring expression a party was resolved from ("the two countries")


@dataclass(slots=True)
class Stance:
    speaker: str
    target: str
    polarity: Polarity
    evidence: str
    span: list[int]
    modality: Modality = "asserted"
    count: int = 1  # sentences supporting this stance (in Analysis.stances); 1 for a single mention
    confidence: float = 0.5  # in [0, 1]: from the cue that found it and its context
    resolved_from: str | None = None  # the referring expression the target was resolved from ("it"), if any


@dataclass(slots=True)
class Figure:
    value: float
    unit: str  # USD, EUR, percent, times, years, days, tonnes, km, count, ...
    subject: str
    evidence: str
    span: list[int]


@dataclass(slots=True)
class Event:
    date: str  # YYYY-MM-DD | YYYY-MM | YYYY
    what: str
    evidence: str
    span: list[int]


@dataclass(slots=True)
class Analysis:
    """Everything multivector knows about one article."""

    id: str
    source: str
    language: str | None
    title: str | None
    published: str | None
    outlet: str | None
    authors: list[str]
    speakers: list[Speaker]
    body: str
    actors: list[Actor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Every sentence-level instance behind `relations` and `stances` (GDELT keeps events and their mentions apart
    # the same way): `relations` holds one claim per actor pair, `stances` one per speaker and target.
    relation_mentions: list[Relation] = field(default_factory=list)
    stance_mentions: list[Stance] = field(default_factory=list)
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        data.pop("name")
        data["format_version"] = FORMAT_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        kinds = {
            "speakers": Speaker,
            "actors": Actor,
            "people": Person,
            "relations": Relation,
            "memberships": Membership,
            "stances": Stance,
            "figures": Figure,
            "events": Event,
            "relation_mentions": Relation,
            "stance_mentions": Stance,
        }
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k not in kinds}
        lists = {k: [kind(**item) for item in data.get(k) or []] for k, kind in kinds.items()}
        return cls(**fields, **lists)


def _plain(value: Any) -> Any:
    """``dataclasses.asdict``'s result, built without its deep copy of every value: records hold strings, numbers,
    None and lists of them (a copy of an immutable value is the value); anything else is deep-copied, as asdict does.
    A fraction of asdict's time on an analysis of a few hundred records."""
    if value is None or type(value) in _ATOMS:
        return value
    names = _FIELD_NAMES.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if type(value) is list:
        return [_plain(item) for item in value]
    if type(value) is tuple:
        return tuple(_plain(item) for item in value)
    if type(value) is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    return deepcopy(value)  # sets, named tuples and the rest: asdict's own rules


_ATOMS = frozenset({str, int, float, bool})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def evidence_span(body: str, start: int, end: int) -> tuple[str, list[int]]:
    """The verbatim evidence for body[start:end], trimmed of surrounding whitespace, with its span."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return body[start:end], [start, end]
