"""Events: things the body says happened or will happen at a stated date (at least a year).

Contract: :func:`extract_events` returns one :class:`~multivector.records.Event` per date expression of the
text, with ``date`` at the precision stated (YYYY-MM-DD, YYYY-MM or YYYY), ``what`` a short description taken from
the clause around the date, and ``evidence`` a verbatim clause-bounded fragment (<= ~25 words) of the sentence,
``evidence == text[span[0]:span[1]]``. It never raises.

Recognised dates:

* full dates ("November 20, 2024", "20 November 2024", "20.11.2024", "20/11/2024", "2024-11-20");
* month + year ("in May 2022"), season / quarter / part of a year ("spring 2023", "Q1 2024", "late 2021") at year
  precision, plain years in a date context ("in 2014", "(2022)", "by 2030", "since 1991", "2014 yet ...");
* dates relative to ``published``: "this year", "last year('s)", "next year", "in May this year", "last January",
  "in January" / "at the end of June" (the latest such month up to publication, the next one in a future clause),
  "this/last/next month", "two years ago", and a day + month without a year (the nearest such day to publication).
  Without ``published`` these are skipped; a bare month name without a year or an anchor is always skipped.

Not events: durations ("over the past year", "for three decades"), "today", "now", decades ("the 1990s"), years
that are part of a name ("Vision 2050", "Expo 2017", "Kazakhstan-2050": a named programme, not a dated happening).

News lede rule: when ``published`` is known and the first sentence reports a completed happening in the past tense
(arrived, met, visited, signed, held, ...) with no date of its own, it is an event at the publication month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from multivector.nlp.numbers import DisjointSpans, clause_fragment, parse_number, sentence_of, split_sentences
from multivector.records import Event

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d%])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_APOS = "['’]"

# Each pattern yields a date; their order is their priority when spans overlap (longest/most precise first).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?:of\s+)?{_YEAR}")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)([-./])(?P<month>[01]\d)\2(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?![\d.]\d)")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}")),
    (
        "rel_month",
        re.compile(
            rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year(?:{_APOS}s)?\b"
        ),
    ),
    ("anchored_month", re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+{_MONTH}(?!\s+\d)(?:{_APOS}s)?\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+(?:of\s+)?\d)")),
    ("dm", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d)")),
    # "In January, ...", "at the end of June", "since March": a month alone, the latest one up to publication
    (
        "month",
        re.compile(
            r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ss]ince\s+early|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
            r"\s+(?:early\s+|late\s+|mid-)?(?P<month>January|February|March|April|May|June|July|August|September|"
            r"October|November|December)\b(?!\s+\d|,?\s+(?:of\s+)?(?:this|last|next)\s+year)"
        ),
    ),
    (
        "part_year",
        re.compile(
            rf"\b(?:(?:early|mid|late|end|beginning|start|middle|first\s+half|second\s+half|spring|summer|autumn|fall|"
            rf"winter|the\s+(?:first|second|third|fourth|last)\s+quarter|Q[1-4]|H[12])(?:[\s-]+of)?[\s-]+){_YEAR}",
            re.IGNORECASE,
        ),
    ),
    ("rel_year", re.compile(rf"\b(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year(?:{_APOS}s)?\b", re.I)),
    ("rel_month_only", re.compile(r"\b(?P<rel>this|last|next|the\s+previous)\s+month(?:['’]s)?\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\w+(?:-\w+)?|a)\s+years?\s+ago\b", re.I)),
    ("year", re.compile(rf"(?<![\w$€£.,/-]){_YEAR}(?:[-–](?:19|20)?\d\d\b)?(?![\w/]|\.\d|,\d{{3}})")),
]

# Context words that make a bare 4-digit number a year ("in 2014", "by 2030", "since 1991", "(2022)").
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|by|since|until|till|from|to|through|before|after|of|for|during|between|and|or|year|late|early|mid|"
    r"around|circa|as\s+of|back\s+in|as\s+early\s+as|as\s+late\s+as|throughout|summer|spring|autumn|fall|winter)"
    r"|[(\[,;]|^)\s*$",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s*$")  # "Vision 2050", "Expo 2017": a year that is part of a name
_NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:people|troops|soldiers|km|kilometres|kilometers|tonnes|tons|units|members|companies|"
    r"projects|cases|dollars|euros|percent|per\s+cent|%|years|days|months)\b",
    re.IGNORECASE,
)
_LEDE_VERBS = re.compile(
    r"\b(?:arrived|met|visited|signed|held|opened|announced|adopted|launched|hosted|received|approved|ratified|"
    r"inaugurated|attended|concluded|discussed|agreed|took\s+place|paid\s+an?\s+(?:\w+\s+)?visit|elected|"
    r"appointed|unveiled)\b",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date expression found in the text: ``text[start:end]`` means ``date``."""

    start: int
    end: int
    date: str


def find_date_mentions(text: str, published: str | None) -> list[DateMention]:
    """Every date expression of ``text`` (absolute or resolved against ``published``), without overlaps."""
    taken = DisjointSpans()
    found: list[DateMention] = []
    anchor = _parse_published(published)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            date = _resolve(kind, m, text, anchor)
            if date is None:
                continue
            taken.add(m.start(), m.end())
            found.append(DateMention(m.start(), m.end(), date))
    return sorted(found, key=lambda d: d.start)


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the absolute and relative date expressions of ``text``: numbers inside them are not figures."""
    return [(d.start, d.end) for d in find_date_mentions(text, "2000-06-15")]


def _parse_published(published: str | None) -> tuple[int, int | None, int | None] | None:
    m = re.match(r"^\s*((?:1[89]|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", published or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def _resolve(kind: str, m: re.Match[str], text: str, anchor: tuple[int, int | None, int | None] | None) -> str | None:
    """The ISO date meant by match ``m`` of pattern ``kind``, or None when it is not a usable date."""
    groups = m.groupdict()
    if kind in ("mdy", "dmy", "iso"):
        month = _MONTHS[groups["month"].lower().rstrip(".")] if kind != "iso" else int(groups["month"])
        return _ymd(int(groups["year"]), month, int(groups["day"]))
    if kind == "numeric":
        return _numeric_date(int(groups["a"]), int(groups["b"]), int(groups["year"]))
    if kind == "my":
        return f"{groups['year']}-{_MONTHS[groups['month'].lower().rstrip('.')]:02d}"
    if kind == "part_year":
        return groups["year"]
    if kind == "year":
        return _plain_year(m, text)
    future = bool(_FUTURE_CUE.search(text[max(0, m.start() - 60) : m.end() + 20]))
    return _resolve_relative(kind, groups, anchor, future)


def _resolve_relative(
    kind: str, groups: dict[str, str | None], anchor: tuple[int, int | None, int | None] | None, future: bool
) -> str | None:
    if anchor is None:
        return None
    year, month, day = anchor
    rel = (groups.get("rel") or "").lower().split()[-1] if groups.get("rel") else ""
    shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}.get(rel, 0)
    if kind == "rel_year":
        return str(year + shift)
    if kind == "rel_month":
        return f"{year + shift}-{_MONTHS[(groups['month'] or '').lower().rstrip('.')]:02d}"
    if month is None:
        return None
    if kind == "rel_month_only":
        y, mo = divmod((year * 12 + month - 1) + shift, 12)
        return f"{y}-{mo + 1:02d}"
    if kind == "month":
        target = _MONTHS[(groups["month"] or "").lower()]
        if future:  # "will be signed by the end of June": the next June, this year's if it is still ahead
            return f"{year if target >= month else year + 1}-{target:02d}"
        return f"{year if target <= month else year - 1}-{target:02d}"  # the last one: a later month is last year's
    if kind == "anchored_month":
        target = _MONTHS[(groups["month"] or "").lower().rstrip(".")]
        return f"{_anchored_year(year, month, target, rel)}-{target:02d}"
    if kind == "dm":
        return _day_month_year(groups, year, month, day or 15, future)
    if kind == "ago":
        n = 1 if groups["n"].lower() in ("a", "one") else parse_number(groups["n"])
        return str(year - int(n)) if n and n == int(n) and 0 < n < 200 else None
    return None


def _anchored_year(year: int, month: int, target: int, rel: str) -> int:
    """'last January' in June 2022 -> 2022; in January 2022 -> 2021; 'next March' in May 2022 -> 2023."""
    if rel == "last":
        return year if target < month else year - 1
    if rel == "next":
        return year if target > month else year + 1
    return year


def _day_month_year(groups: dict[str, str | None], year: int, month: int, day: int, future: bool) -> str | None:
    """A day + month without a year: news reports the past, so the latest such day up to a month after publication;
    the next such day when the clause speaks of the future ("will be held on 5 March")."""
    target_month = _MONTHS[(groups["month"] or "").lower().rstrip(".")]
    target_day = int(groups["day"] or 0)
    if not 1 <= target_day <= 31:
        return None
    here = year * 372 + month * 31 + day
    candidates = [y for y in (year - 1, year, year + 1) if (y * 372 + target_month * 31 + target_day - here) <= 31]
    if future:
        candidates = [y for y in (year, year + 1) if y * 372 + target_month * 31 + target_day >= here - 3]
    return _ymd(max(candidates) if not future else min(candidates), target_month, target_day)


def _ymd(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _numeric_date(a: int, b: int, year: int) -> str | None:
    """20.11.2024 / 20/11/2024: day first (the region's convention) unless that is impossible."""
    if b > 12 and a <= 12:
        a, b = b, a
    return _ymd(year, b, a)


def _plain_year(m: re.Match[str], text: str) -> str | None:
    """A bare 4-digit number is a year when its context says so, not a count ("2000 troops") or a name."""
    before = text[max(0, m.start() - 30) : m.start()]
    after = text[m.end() : m.end() + 30]
    if _NOT_A_YEAR_AFTER.match(after):
        return None
    if _YEAR_CONTEXT_BEFORE.search(before):
        return m.group("year")
    if _NAME_BEFORE.search(before) and not re.search(r"(?:^|[.!?]\s+)[A-Z][\w-]*\s*$", before):
        return None  # "Vision 2050", "Expo 2017"; a capitalised sentence opener ("Since 1991") is fine
    return m.group("year")


# ----------------------------------------------------------------------------------------------------------------
# Events
# ----------------------------------------------------------------------------------------------------------------

_DURATION_BEFORE = re.compile(r"\b(?:over|during|in|for|throughout|within)\s+the\s*$", re.IGNORECASE)
_WHAT_NOISE = re.compile(
    r"^(?:(?:and|but|while|which|that|so|yet|or|as|when|where)\b|[,;:\-–—\s])+|[,;:\-–—\s]+$", re.I
)
_DATE_INTRO = re.compile(
    r"\b(?:on|in|by|since|from|until|till|during|of|at|as\s+of|back\s+in|as\s+early\s+as)\s*$", re.IGNORECASE
)
_FUTURE_CUE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|scheduled|planned|plans|upcoming|expected\s+to)\b", re.I)


def extract_events(text: str, published: str | None, sentences: Sequence[tuple[int, int]] | None = None) -> list[Event]:
    """Dated happenings of ``text`` (see the module docstring); never raises on any string input."""
    if not isinstance(text, str) or not text.strip():
        return []
    sents = list(sentences) if sentences else split_sentences(text)
    events: list[Event] = []
    seen: set[tuple[tuple[int, int], str]] = set()
    mentions = find_date_mentions(text, published)
    for mention in mentions:
        if _is_duration(text, mention):
            continue
        sentence = sentence_of(sents, mention.start) or (mention.start, mention.end)
        if (sentence, mention.date) in seen:
            continue  # one event per date per sentence
        seen.add((sentence, mention.date))
        evidence, span = clause_fragment(text, sentence, mention.start, mention.end)
        events.append(Event(date=mention.date, what=_what(text, span, mentions), evidence=evidence, span=span))
    lede = _lede_event(text, published, sents)
    if lede is not None:
        events.insert(0, lede)
    return events


def _is_duration(text: str, mention: DateMention) -> bool:
    """'over the past year', 'for the last year': a span of time, not a dated happening."""
    phrase = text[mention.start : mention.end].lower()
    return phrase.startswith(("last ", "next ")) and bool(
        _DURATION_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
    )


def _what(text: str, span: list[int], mentions: list[DateMention]) -> str:
    """Short description: the evidence clause without its date expressions (and the prepositions that introduce
    them), in at most 14 words."""
    pieces, cursor = [], span[0]
    for m in mentions:
        if span[0] <= m.start and m.end <= span[1]:
            head = _DATE_INTRO.sub("", text[cursor : m.start])
            pieces.append(head[:-1] if head.endswith("(") and text[m.end : m.end + 1] == ")" else head)
            cursor = m.end + (1 if text[m.end : m.end + 1] == ")" and head.endswith("(") else 0)
    pieces.append(text[cursor : span[1]])
    fragment = re.sub(r"\s+", " ", " ".join(pieces))
    fragment = re.sub(r"\s+([,;:.)])", r"\1", fragment)
    fragment = re.sub(r"\b(?:between|and)\s+(?=and\b|[,.;]|$)", "", fragment, flags=re.IGNORECASE)
    words = _WHAT_NOISE.sub("", fragment.strip()).split()
    return " ".join(words[:14]).strip(" ,;:-–—.") or text[span[0] : span[1]]


def _lede_event(text: str, published: str | None, sentences: list[tuple[int, int]]) -> Event | None:
    """News lede: a first sentence reporting a completed happening, undated, is an event at publication month."""
    anchor = _parse_published(published)
    if anchor is None or not sentences:
        return None
    start, end = sentences[0]
    sentence = text[start:end]
    if sentence.rstrip().endswith("?") or find_date_mentions(sentence, published):
        return None
    verb = _LEDE_VERBS.search(sentence)
    if verb is None:
        return None
    year, month, _ = anchor
    date = f"{year}-{month:02d}" if month else str(year)
    evidence, span = clause_fragment(text, (start, end), start + verb.start(), start + verb.end())
    what = " ".join(evidence.split()[:14]).strip(" ,;:-–—")
    return Event(date=date, what=what, evidence=evidence, span=span)
