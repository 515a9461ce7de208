"""Highlighting a document body: which stretches of text are actors, people, figures and evidence.

Contract:
- :func:`marks_for` collects ``Mark(start, end, kind, label)`` from an :class:`~multivector.records.Analysis`:
  evidence spans of relations, stances, events and memberships (kinds ``relation``, ``stance``, ``event``,
  ``membership``; claims and mentions alike), figure spans (``figure``), and the surface forms of its actors and
  people found in the body (``actor``, ``person``). Actors and people carry no spans in the analysis, so they are
  located by their names and catalogue aliases, whole words only; a form with a capital letter matches
  case-sensitively.
- :func:`segments` cuts the body into consecutive, non-overlapping pieces ``Segment(text, kinds, labels,
  anchors)``; overlapping marks simply add their kinds to the pieces they cover, and ``anchors`` lists the starts
  of evidence and figure spans beginning there, so pages can link to ``#s-START``. Joining the texts gives the
  body back exactly. Callers escape ``text`` and ``labels`` when they render them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from multivector.records import Analysis

EVIDENCE_KINDS = ("relation", "stance", "event", "membership", "figure")  # the kinds pages link to with #s-START


class Mark(NamedTuple):
    start: int
    end: int
    kind: str
    label: str


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)


def marks_for(analysis: Analysis, *, aliases: dict[str, list[str]] | None = None) -> list[Mark]:
    """Every mark of one analysed document; ``aliases`` maps actor id -> extra surface forms (from the catalogue)."""
    body = analysis.body
    marks: list[Mark] = []
    # Claims as well as mentions: the store's record tables (search hits, API rows) point at the claims' spans.
    relation_records = [*analysis.relation_mentions, *analysis.relations]
    stance_records = [*analysis.stance_mentions, *analysis.stances]
    marks += [_span_mark(r.span, "relation", f"{r.a} {r.polarity} {r.b} ({r.type})") for r in relation_records]
    marks += [_span_mark(s.span, "stance", f"{s.speaker} {s.polarity} {s.target}") for s in stance_records]
    marks += [_span_mark(e.span, "event", f"{e.date}: {e.what}") for e in analysis.events]
    marks += [_span_mark(m.span, "membership", f"{m.member} in {m.org}") for m in analysis.memberships]
    marks += [_span_mark(f.span, "figure", f"{f.value:g} {f.unit}: {f.subject}") for f in analysis.figures]
    for actor in analysis.actors:
        forms = {actor.name, *(aliases or {}).get(actor.id, [])}
        marks += [Mark(start, end, "actor", actor.id) for start, end in find_forms(body, forms)]
    for person in analysis.people:
        marks += [
            Mark(start, end, "person", person.name) for start, end in find_forms(body, _person_forms(person.name))
        ]
    return [mark for mark in dict.fromkeys(marks) if 0 <= mark.start < mark.end <= len(body)]


def _span_mark(span: list[int], kind: str, label: str) -> Mark:
    start, end = (span + [0, 0])[:2] if span else (0, 0)
    return Mark(int(start), int(end), kind, label)


def _person_forms(name: str) -> set[str]:
    """The full name and, for names of two or more words, the surname alone (texts repeat it)."""
    parts = name.split()
    return {name, parts[-1]} if len(parts) > 1 and len(parts[-1]) > 2 else {name}


def find_forms(body: str, forms: set[str]) -> list[tuple[int, int]]:
    """Whole-word occurrences of any form; longest forms first so 'European Union' wins over 'Union'."""
    found: list[tuple[int, int]] = []
    for form in sorted((f for f in forms if f and len(f) > 1), key=len, reverse=True):
        flags = 0 if any(ch.isupper() for ch in form) else re.IGNORECASE
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", body, flags):
            if not any(start < match.end() and match.start() < end for start, end in found):
                found.append((match.start(), match.end()))
    return sorted(found)


def segments(body: str, marks: list[Mark]) -> list[Segment]:
    """Cut the body at every mark boundary; each piece lists the kinds and labels of the marks covering it."""
    cuts = sorted({0, len(body), *(m.start for m in marks), *(m.end for m in marks)})
    anchors: dict[int, list[int]] = {}
    for mark in marks:
        if mark.kind in EVIDENCE_KINDS:
            anchors.setdefault(mark.start, [])
            if mark.start not in anchors[mark.start]:
                anchors[mark.start].append(mark.start)
    by_start = sorted(marks, key=lambda m: m.start)
    pieces: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in by_start if m.start <= left and right <= m.end]
        kinds = sorted({m.kind for m in covering})
        labels = list(dict.fromkeys(m.label for m in covering))
        pieces.append(Segment(body[left:right], kinds, labels, anchors.get(left, [])))
    return pieces
