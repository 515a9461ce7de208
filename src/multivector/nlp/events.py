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
  "Jan. 1 this year", "this summer", "in January" / "at the end of June" (the latest such month up to publication,
  the next one in a future clause), "this/last/next month", "earlier this week", "on Tuesday" (the latest such day
  up to publication), "two years / months ago", and a day + month without a year (the nearest such day to
  publication). Without ``published``, a dateline at the head of the text ("date 2025-06-17 ...", "BAKU, June 17,
  2025.") stands in for it; "In December that year" and a bare day after a full date ("On October 1, 2024 ... on
  September 14") take the year the text just gave; otherwise a bare month or day is skipped.
* a span of days ("3-4 April", "November 27-28, 2023") is dated by its first day.

Not events: durations ("over the past year", "for three decades"), "today", "now", decades ("the 1990s"), years
that are part of a name ("Vision 2050", "Expo 2017", "Kazakhstan-2050": a named programme, not a dated happening),
the date of a cited source ("(Interfax, March 5, 2024)"), a comparison baseline ("compared with 2019", "than in
2021", "2019 levels"), and the ends of a span a figure or a change is measured over ("grew by 90% since 2022",
"14 meetings since 2005", "between 2004 and 2022"); a state that began at a date keeps it ("an observer since 2004").
The same happening told at two precisions ("in 2022 ... in February 2022" in one clause, or retold in another
sentence) is one event, at the more precise date. A dateline's date is an event (the news it heads) unless the lede
gives its happening a full date of its own.

News lede rule: when ``published`` is known and the first sentence reports a completed happening in the past tense
(arrived, met, visited, signed, held, ...) with no date of its own, it is an event at the publication month.

The cue words (months, weekdays, seasons, context words, lede verbs, baseline and span cues) live in
data/event_cues.json, one entry per line.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from multivector.nlp.numbers import (
    DisjointSpans,
    clause_fragment,
    find_numbers,
    parse_number,
    sentence_of,
    split_sentences,
)
from multivector.records import Event


@cache
def cues() -> dict[str, Any]:
    """The event cue lexicon (data/event_cues.json), loaded once."""
    path = resources.files("multivector") / "data" / "event_cues.json"
    return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def _alternation(key: str) -> str:
    """Regex alternation of a cue list, longest entry first, spaces matching any whitespace."""
    words = sorted(cues()[key], key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_MONTHS: dict[str, int] = cues()["months"]
_WEEKDAYS: dict[str, int] = cues()["weekdays"]
_FULL_MONTHS = "|".join(m.capitalize() for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july"))
_MONTH = rf"(?P<month>{'|'.join(m.capitalize() for m in sorted(_MONTHS, key=len, reverse=True))})\.?"
_SEASON = rf"(?P<season>{'|'.join(cues()['season_months'])})"
_WEEKDAY = rf"(?P<weekday>{'|'.join(w.capitalize() for w in _WEEKDAYS)})"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d%]|s\b)"  # not a decade ("the 1990s")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_APOS = "['’]"

# Each pattern yields a date; their order is their priority when spans overlap (longest/most precise first).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}\s?[-–]\s?[0-3]?\d(?:st|nd|rd|th)?,?\s+{_YEAR}")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?:of\s+)?{_YEAR}")),
    # a span of days ('3-4 April 2025', 'on 22-24 October') is dated by its first day
    ("dmy", re.compile(rf"\b{_DAY}\s?[-–]\s?[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)([-./])(?P<month>[01]\d)\2(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?![\d.]\d)")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}")),
    (
        "rel_day",
        re.compile(
            rf"\b{_MONTH}\s+{_DAY},?\s+(?:of\s+)?(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year"
            rf"(?:{_APOS}s)?\b"
        ),
    ),
    (
        "rel_day",
        re.compile(
            rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?:of\s+)?(?P<rel>this|last|next|the\s+previous|the\s+current)"
            rf"\s+year(?:{_APOS}s)?\b"
        ),
    ),
    (
        "that_year",
        re.compile(rf"\b(?:{_MONTH}|{_SEASON})\s+(?:of\s+)?that\s+year\b", re.I),
    ),
    (
        "season",
        re.compile(rf"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+{_SEASON}\b(?!\s+(?:of\s+)?\d)"),
    ),
    (
        "rel_month",
        re.compile(
            rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year(?:{_APOS}s)?\b"
        ),
    ),
    ("anchored_month", re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+{_MONTH}(?!\s+\d)(?:{_APOS}s)?\b")),
    ("dm", re.compile(rf"\b{_DAY}\s?[-–]\s?[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\b(?!,?\s+(?:of\s+)?\d)")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+(?:of\s+)?\d)")),
    ("dm", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d|\s?[-–]\s?\d{{1,2}},?\s+\d)")),
    # "In January, ...", "at the end of June", "since March": a month alone, the latest one up to publication
    (
        "month",
        re.compile(
            r"\b(?:[Ii]n|[Ff]or|[Ss]ince|[Uu]ntil|[Bb]y|[Ss]ince\s+early|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
            rf"\s+(?:early\s+|late\s+|mid-)?(?P<month>{_FULL_MONTHS})\b(?!\s+\d|,?\s+(?:of\s+)?(?:this|last|next)\s+year)"
        ),
    ),
    (
        "part_year",
        re.compile(
            rf"\b(?:(?:{_alternation('year_parts')}|Q[1-4]|H[12])(?:[\s-]+of)?[\s-]+){_YEAR}",
            re.IGNORECASE,
        ),
    ),
    ("rel_year", re.compile(rf"\b(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year(?:{_APOS}s)?\b", re.I)),
    ("rel_month_only", re.compile(r"\b(?P<rel>this|last|next|the\s+previous)\s+month(?:['’]s)?\b", re.I)),
    ("rel_week", re.compile(r"\b(?P<rel>this|last|next|the\s+previous)\s+week(?:['’]s)?\b", re.I)),
    (
        "weekday",
        re.compile(rf"\b(?P<rel>[Oo]n|[Ll]ast|[Tt]his|[Nn]ext)\s+{_WEEKDAY}\b(?!,?\s+(?:\d|[A-Z][a-z]+\s+\d))"),
    ),
    ("ago", re.compile(r"\b(?P<n>\w+(?:-\w+)?|a)\s+(?P<unit>years?|months?|weeks?)\s+ago\b", re.I)),
    ("year", re.compile(rf"(?<![\w$€£.,/-]){_YEAR}(?:[-–](?:19|20)?\d\d\b)?(?![\w/]|\.\d|,\d{{3}})")),
]

# Context words that make a bare 4-digit number a year ("in 2014", "by 2030", "since 1991", "(2022)").
_YEAR_CONTEXT_BEFORE = re.compile(rf"(?:\b(?:{_alternation('year_context_before')})|[(\[,;]|^)\s*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s*$")  # "Vision 2050", "Expo 2017": a year that is part of a name
_NOT_A_YEAR_AFTER = re.compile(rf"^\s*(?:[a-z]+\s+)?(?:{_alternation('not_a_year_after')})(?!\w)", re.IGNORECASE)
_LEDE_VERBS = re.compile(
    rf"\b(?:{_alternation('lede_verbs')}|paid\s+an?\s+(?:\w+\s+)?visit)\b",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date expression found in the text: ``text[start:end]`` means ``date``."""

    start: int
    end: int
    date: str


def find_date_mentions(text: str, published: str | None) -> list[DateMention]:
    """Every date expression of ``text`` (absolute or resolved against ``published``), without overlaps.

    Without ``published``, a dateline at the head of the text ('date 2025-06-17 ...', 'BAKU, June 17, 2025.') is
    the anchor of relative dates; a day and month without a year ('on September 14') and 'that year' take the year
    of the latest explicit date written before them."""
    taken = DisjointSpans()
    found: list[DateMention] = []
    anchor = _parse_published(published)
    pending: list[tuple[str, re.Match[str]]] = []  # dates told by the text before them: resolved last
    for kind, m in _scan(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        if anchor is None and kind not in _ABSOLUTE:
            anchor = _dateline_anchor(text, found)
        if kind == "that_year" or (anchor is None and kind in ("dm", "month")):
            taken.add(m.start(), m.end())
            pending.append((kind, m))
            continue
        date = _resolve(kind, m, text, anchor, found)
        if date is None:
            continue
        taken.add(m.start(), m.end())
        found.append(DateMention(m.start(), m.end(), date))
    told = list(found)
    for kind, m in pending:
        date = _resolve(kind, m, text, anchor, told)
        if date is not None:
            found.append(DateMention(m.start(), m.end(), date))
    return sorted(found, key=lambda d: d.start)


_ABSOLUTE = ("mdy", "dmy", "iso", "numeric", "my")


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every pattern's matches in ``text``, pattern by pattern: the scan does not depend on the publication date, so
    the figures (which only need the spans) and the events share one scan of an article."""
    return tuple((kind, m) for kind, pattern in _PATTERNS for m in pattern.finditer(text))


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the absolute and relative date expressions of ``text``: numbers inside them are not figures."""
    return [(d.start, d.end) for d in find_date_mentions(text, "2000-06-15")]


def _parse_published(published: str | None) -> tuple[int, int | None, int | None] | None:
    m = re.match(r"^\s*((?:1[89]|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", published or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def _dateline_anchor(text: str, found: list[DateMention]) -> tuple[int, int | None, int | None] | None:
    """The full date of a dateline at the head of the text, as the publication date when none is known."""
    for mention in found:
        if len(mention.date) == 10 and _is_dateline(text, mention):
            return _parse_published(mention.date)
    return None


def _is_dateline(text: str, mention: DateMention) -> bool:
    """A date at the head of the page, after nothing but a label, a place or an outlet name: 'date 2025-06-17',
    'BAKU, Azerbaijan, April 28.', 'NEWS-AGENCY. November 24, 2014.'"""
    head = text[: mention.start]
    if len(head) > 60 or "\n" in head.strip():
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", head)
    labels = set(cues()["dateline_labels"])
    if words and words[-1].lower() in set(cues()["year_context_before"]) | {"on", "at"}:
        return False  # 'In May 2024 the leaders met': the date belongs to the sentence
    return len(words) <= 6 and all(w[0].isupper() or w.lower() in labels for w in words)


def _narrative_year(
    found: list[DateMention], position: int, full_date_within: int | None = None, text: str = ""
) -> int | None:
    """The year of the latest explicit date written before ``position``; with ``full_date_within``, only a full
    date that close ('On October 1, 2024 ... two weeks earlier, on September 14') sets the year of a bare day or
    month: after a looser date the year is a guess."""
    before = [d for d in found if d.start < position and not (text and _is_citation(text, d))]
    if not before:
        return None
    latest = max(before, key=lambda d: d.start)
    if full_date_within is not None and (len(latest.date) < 10 or position - latest.end > full_date_within):
        return None
    return int(latest.date[:4])


def _resolve(
    kind: str,
    m: re.Match[str],
    text: str,
    anchor: tuple[int, int | None, int | None] | None,
    found: list[DateMention] | None = None,
) -> str | None:
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
    if kind == "that_year":
        year = _narrative_year(found or [], m.start())
        if year is None:
            return None
        return f"{year}-{_MONTHS[groups['month'].lower().rstrip('.')]:02d}" if groups.get("month") else str(year)
    if anchor is None and kind in ("dm", "month"):
        year = _narrative_year(found or [], m.start(), full_date_within=1500, text=text)
        if year is None:
            return None
        if kind == "month":
            return f"{year}-{_MONTHS[(groups['month'] or '').lower()]:02d}"
        return _ymd(year, _MONTHS[(groups["month"] or "").lower().rstrip(".")], int(groups["day"] or 0))
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
    if kind == "rel_day":
        target = _MONTHS[(groups["month"] or "").lower().rstrip(".")]
        return _ymd(year + shift, target, int(groups["day"] or 0))
    if kind == "season":
        return str(_season_year(year, month, (groups["season"] or "").lower(), rel))
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
        if not n or n != int(n) or not 0 < n < 200:
            return None
        unit = (groups.get("unit") or "year").lower()
        if unit.startswith("year"):
            return str(year - int(n))
        days = int(n) * (7 if unit.startswith("week") else 30)
        then = datetime.date(year, month, day or 15) - datetime.timedelta(days=days)
        return f"{then.year}-{then.month:02d}"
    if kind == "rel_week":
        then = datetime.date(year, month, day or 15) + datetime.timedelta(days=7 * shift)
        return f"{then.year}-{then.month:02d}"
    if kind == "weekday":
        return _weekday_date(year, month, day, (groups["weekday"] or "").lower(), rel, future)
    return None


def _season_year(year: int, month: int | None, season: str, rel: str) -> int:
    """'this summer' -> the anchor's year; 'last winter' in March -> the winter that began the year before."""
    first, last = cues()["season_months"][season]
    if rel == "this":
        return year
    if rel == "last":
        ended = month is not None and month > last and first <= last
        return year if ended else year - 1
    return year if month is not None and month < first else year + 1


def _weekday_date(year: int, month: int, day: int | None, weekday: str, rel: str, future: bool) -> str | None:
    """'on Tuesday' in a report: the latest Tuesday up to publication (the next one in a future clause)."""
    if day is None:
        return None
    anchor = datetime.date(year, month, day)
    back = (anchor.weekday() - _WEEKDAYS[weekday]) % 7
    if future or rel == "next":
        ahead = (_WEEKDAYS[weekday] - anchor.weekday()) % 7 or (7 if rel == "next" else 0)
        then = anchor + datetime.timedelta(days=ahead)
    else:
        then = anchor - datetime.timedelta(days=back or (7 if rel == "last" else 0))
    return then.isoformat()


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
_FUTURE_CUE = re.compile(rf"\b(?:{_alternation('future_cues')})\b", re.I)


def extract_events(text: str, published: str | None, sentences: Sequence[tuple[int, int]] | None = None) -> list[Event]:
    """Dated happenings of ``text`` (see the module docstring); never raises on any string input."""
    if not isinstance(text, str) or not text.strip():
        return []
    sents = list(sentences) if sentences else split_sentences(text)
    mentions = find_date_mentions(text, published)
    spans = DisjointSpans([(d.start, d.end) for d in mentions])
    kept: list[tuple[tuple[int, int], DateMention]] = []
    for mention in _without_dateline(text, mentions, sents):
        if _is_duration(text, mention) or _is_citation(text, mention) or _is_baseline(text, mention):
            continue
        sentence = sentence_of(sents, mention.start) or (mention.start, mention.end)
        if _is_span_bound(text, sentence, mention, spans):
            continue
        kept.append((sentence, mention))
    events: list[Event] = []
    seen: set[tuple[tuple[int, int], str]] = set()
    for sentence, mention in kept:
        clause = _clause_around(text, sentence, mention)
        if (sentence, mention.date) in seen or any(
            (clause[0] <= other.start < clause[1] or (where == sentence and abs(other.start - mention.start) < 40))
            and len(other.date) > len(mention.date)
            and other.date.startswith(mention.date)
            for where, other in kept
        ):
            continue  # one event per date per sentence; '2022' beside 'February 2022' in a clause is one event
        seen.add((sentence, mention.date))
        evidence, span = clause_fragment(text, sentence, mention.start, mention.end)
        event = Event(date=mention.date, what=_what(text, span, mentions), evidence=evidence, span=span)
        same = next(
            (
                i
                for i, other in enumerate(events)
                if (other.date.startswith(event.date) or event.date.startswith(other.date))
                and _retold(other.what, event.what)
            ),
            None,
        )
        if same is None:
            events.append(event)
        elif len(event.date) > len(events[same].date):
            events[same] = event  # the same happening told twice, at two precisions: the precise telling stays
    lede = _lede_event(text, published, sents)
    if lede is not None:
        events.insert(0, lede)
    return events


def _retold(a: str, b: str) -> bool:
    """Two descriptions of one happening: most of the content words of the shorter one recur in the other."""
    words_a, words_b = (set(re.findall(r"[a-z]{4,}", x.lower())) for x in (a, b))
    shorter = min(len(words_a), len(words_b))
    return shorter >= 3 and len(words_a & words_b) >= 0.6 * shorter


def _without_dateline(text: str, mentions: list[DateMention], sentences: list[tuple[int, int]]) -> list[DateMention]:
    """A dateline's date dates the news its lede reports, so it is an event, unless the lede gives the happening a
    full date of its own ('date 2025-12-29 ... The summit was held on December 20, 2025'): then it is only the
    publication date."""
    head = [d for d in mentions if _is_dateline(text, d)]
    if not head:
        return mentions
    end = max(d.end for d in head)
    lede = next((s for s in sentences if s[1] > end and text[max(s[0], end) : s[1]].strip(" .,;:-–—)")), None)
    if lede is None:
        return mentions
    own = [d for d in mentions if d not in head and lede[0] <= d.start < lede[1] and len(d.date) == 10]
    return [d for d in mentions if d not in head] if own else mentions


_CITATION_BEFORE = re.compile(r"\(\s*[A-Z][^()\n]{0,80},\s*$")
_CITATION_AFTER = re.compile(r"^\s*(?:,[^()\n]{0,40})?\)")


def _is_citation(text: str, mention: DateMention) -> bool:
    """'(Interfax, March 5, 2024)': the date of a cited source, not of a happening."""
    before = text[max(0, mention.start - 90) : mention.start]
    return bool(_CITATION_BEFORE.search(before) and _CITATION_AFTER.match(text[mention.end : mention.end + 45]))


@cache
def _baseline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = re.compile(
        rf"\b(?:{_alternation('baseline_before')})\s+(?:(?:the\s+)?(?:same\s+period\s+(?:of|in)|level\s+of|"
        rf"end\s+of|start\s+of|beginning\s+of)\s+)?(?:the\s+)?$",
        re.IGNORECASE,
    )
    after = re.compile(rf"^(?:{_APOS}s)?\s+(?:{_alternation('baseline_after')})\b", re.IGNORECASE)
    return before, after


def _is_baseline(text: str, mention: DateMention) -> bool:
    """'compared with 2019', 'than in 2021', 'at 2019 levels': the date a change is measured from."""
    before, after = _baseline_patterns()
    head = text[max(0, mention.start - 50) : mention.start]
    if re.search(r"\b(?:more|less|fewer|no|later|earlier|sooner)\s+than\s+$", head, re.IGNORECASE):
        return False  # 'more than ten years ago', 'no later than 2027': a hedge or a deadline, not a comparison
    return bool(before.search(head)) or bool(after.match(text[mention.end : mention.end + 20]))


@cache
def _span_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    bound = re.compile(
        rf"(?:\b(?:{_alternation('span_start_before')})|\bbetween|\bbetween\s+\S+\s+and|\bfrom"
        rf"|\bfrom\s+\S+\s+(?:to|until|till))\s+$",
        re.IGNORECASE,
    )
    change = re.compile(rf"\b(?:{_alternation('change_stems')})\w*", re.IGNORECASE)
    return bound, change


def _is_span_bound(text: str, sentence: tuple[int, int], mention: DateMention, dates: DisjointSpans) -> bool:
    """'increased by 90% since 2022', '14 meetings since 2005', 'nine rounds between 2004 and 2022': the year opens
    or closes the span a figure is measured over; nothing is said to have happened then. ('in force since July
    2019', 'an observer since 2004' keep their date: the state began then.)"""
    bound, change = _span_patterns()
    if not bound.search(text[max(sentence[0], mention.start - 40) : mention.start]):
        return False
    clause = _clause_around(text, sentence, mention)
    joined = re.search(r"\s(?:and|but|while|whereas|which|that)\s", text[mention.end : clause[1]])
    clause = (clause[0], mention.end + joined.start()) if joined else clause  # '... since 2009 and projected to'
    if change.search(text[clause[0] : clause[1]]):
        return True
    return any(
        not dates.overlaps(clause[0] + n.start, clause[0] + n.end) and (n.value >= 3 or not n.spelled)
        for n in find_numbers(text[clause[0] : clause[1]])
    )


def _clause_around(text: str, sentence: tuple[int, int], mention: DateMention) -> tuple[int, int]:
    """The comma/semicolon-bounded clause of the sentence holding the mention."""
    left = max((m.end() for m in re.finditer(r"[,;:]\s|\s[-–—]\s", text[sentence[0] : mention.start])), default=0)
    right = re.search(r"[,;:]\s|\s[-–—]\s", text[mention.end : sentence[1]])
    return sentence[0] + left, (mention.end + right.start()) if right else sentence[1]


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
    following = text[sentences[1][0] : sentences[min(2, len(sentences) - 1)][1]] if len(sentences) > 1 else ""
    if any(len(d.date) == 10 and d.date.startswith(date) for d in find_date_mentions(following, published)):
        return None  # 'Leaders signed a treaty. At the meeting on Tuesday, ...': the next lines date the happening
    evidence, span = clause_fragment(text, (start, end), start + verb.start(), start + verb.end())
    what = " ".join(evidence.split()[:14]).strip(" ,;:-–—")
    return Event(date=date, what=what, evidence=evidence, span=span)
