"""Dates as page furniture shows them, turned into ISO strings at the precision they carry.

Contract: :func:`find_dates` returns every date written in a line (``YYYY-MM-DD``, or ``YYYY-MM`` for
"June 2023"), with its character span, in the order they appear; :func:`is_dateline` tells whether a line is
a timestamp / dateline (a date or time plus at most a few label words), the kind of line that follows each
item of a headline list or sits under an article's title. Numeric day/month order is day-first (the usage of
the region's outlets) unless only month-first is a valid date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

# Month names of the languages the region's outlets write in (English, Russian in all cases we meet,
# Kazakh, Azerbaijani, Turkish, Uzbek, Kyrgyz, Georgian/Armenian transliterations are rare in scrapes).
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "январь", "января", "январе", "қаңтар", "yanvar", "ocak", "қаңтардағы", "январда"),
    2: ("february", "feb", "февраль", "февраля", "феврале", "ақпан", "fevral", "şubat", "февралда"),
    3: ("march", "mar", "март", "марта", "марте", "наурыз", "mart", "martda"),
    4: ("april", "apr", "апрель", "апреля", "апреле", "сәуір", "aprel", "nisan"),
    5: ("may", "май", "мая", "мае", "мамыр", "may", "mayıs"),
    6: ("june", "jun", "июнь", "июня", "июне", "маусым", "iyun", "haziran"),
    7: ("july", "jul", "июль", "июля", "июле", "шілде", "iyul", "temmuz"),
    8: ("august", "aug", "август", "августа", "августе", "тамыз", "avqust", "avgust", "ağustos"),
    9: ("september", "sep", "sept", "сентябрь", "сентября", "сентябре", "қыркүйек", "sentyabr", "eylül"),
    10: ("october", "oct", "октябрь", "октября", "октябре", "қазан", "oktyabr", "ekim"),
    11: ("november", "nov", "ноябрь", "ноября", "ноябре", "қараша", "noyabr", "kasım"),
    12: ("december", "dec", "декабрь", "декабря", "декабре", "желтоқсан", "dekabr", "aralık"),
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names}

_MONTH = r"(?P<mon>[^\W\d_]{3,12})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"

# Order matters: the more specific forms first; a span taken by one is not matched again.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"(?<![\d.]){_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})(?:[T ]{_TIME}[^\s]*)?(?![\d])")),
    ("ymd", re.compile(rf"(?<![\d.]){_YEAR}[./](?P<month>\d{{1,2}})[./](?P<day>\d{{1,2}})(?![\d])")),
    ("dmy", re.compile(rf"(?<![\d.]){_DAY}[./-](?P<month>\d{{1,2}})[./-]{_YEAR}(?![\d])")),
    ("d_mon_y", re.compile(rf"(?<!\d){_DAY}(?:\s*|-)(?:of\s+)?{_MONTH}(?:,?\s+|-){_YEAR}(?!\d)", re.IGNORECASE)),
    ("mon_d_y", re.compile(rf"(?<![^\W\d_]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE)),
    ("mon_y", re.compile(rf"(?<![^\W\d_]){_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE)),
]

_TIME_RE = re.compile(rf"(?<!\d){_TIME}(?:\s*(?:am|pm|AM|PM))?(?!\d)")
_RELATIVE_RE = re.compile(
    r"^(?:today|yesterday|сегодня|вчера|bugün|dünən|бүгін|кеше)\b|\b\d+\s+(?:min(?:ute)?s?|hours?|days?|"
    r"мин(?:ут[ы]?)?|час(?:а|ов)?|дн(?:я|ей)|saat|gün)\s+(?:ago|назад|əvvəl|önce)\b",
    re.IGNORECASE,
)
# Words that may stand beside a date on a dateline without making it prose.
_DATELINE_WORDS = re.compile(
    r"\b\d+\s*min(?:ute)?s?\s+read\b|\b(?:utc|gmt)\b|"
    r"\b(?:date|published|posted|updated|modified|created|on|at|by|and|last|дата|опубликовано|обновлено|"
    r"tarix|yenilənib|жарияланды|sana|чоп|этилди|года|жыл|il|yil|yılı)\b|\b(?:г|ж)\.",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    iso: str
    start: int
    end: int


def find_dates(line: str) -> list[DateMatch]:
    """All dates written in ``line``, left to right."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(line):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            iso = _to_iso(form, m)
            if iso:
                found.append(DateMatch(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _to_iso(form: str, m: re.Match[str]) -> str | None:
    year = int(m.group("year"))
    if form in ("ymd", "dmy"):
        day, month = int(m.group("day")), int(m.group("month"))
        if form == "dmy" and month > 12 >= day:  # only month-first reads as a date
            day, month = month, day
        return _valid(year, month, day)
    if form == "mon_y":  # "since 2023" must not become a month: table words only here
        month = MONTHS.get(m.group("mon").casefold())
        return f"{year:04d}-{month:02d}" if month else None
    month = month_number(m.group("mon"))
    if month is None:
        return None
    return _valid(year, month, int(m.group("day")))


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=512)
def month_number(word: str) -> int | None:
    """Month number of a month name in one of the catalogue languages, else ask dateparser."""
    key = word.casefold().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    if len(key) < 3 or not key.isalpha():
        return None
    return _dateparser_month(key)


# Languages dateparser may try (fewer is much faster), and how many look-ups one process may spend on it:
# a page full of "5 units 2023"-like lines must not cost seconds per line.
_DATEPARSER_LANGUAGES = ["en", "ru", "kk", "az", "tr", "uz", "ky", "hy", "ka", "mn", "uk", "de", "fr", "es", "it"]
_DATEPARSER_BUDGET = [200]


def _dateparser_month(word: str) -> int | None:
    if _DATEPARSER_BUDGET[0] <= 0:
        return None
    _DATEPARSER_BUDGET[0] -= 1
    try:
        import dateparser

        parsed = dateparser.parse(
            f"15 {word} 2001",
            languages=_DATEPARSER_LANGUAGES,
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["month"]},
        )
    except Exception:  # dateparser raises assorted errors on odd input; a miss is the honest answer
        return None
    return parsed.month if parsed and parsed.year == 2001 and parsed.day == 15 else None


def strip_dates(line: str) -> str:
    """``line`` with its dates, times and relative times ("2 hours ago") removed."""
    for d in reversed(find_dates(line)):
        line = line[: d.start] + " " + line[d.end :]
    line = _TIME_RE.sub(" ", line)
    return _RELATIVE_RE.sub(" ", line)


def is_dateline(line: str) -> bool:
    """A timestamp line: a date or time with at most a few label words around it (no sentence)."""
    text = line.strip()
    if not text or len(text) > 90:
        return False
    has_date = bool(find_dates(text)) or bool(_TIME_RE.search(text)) or bool(_RELATIVE_RE.search(text))
    if not has_date:
        return False
    rest = _DATELINE_WORDS.sub(" ", strip_dates(text))
    # counters beside the date ("Views: 1,386", "👁 4 217") are numbers, not words of a sentence
    words = [w for w in re.split(r"[\s|/•·,–—\-+:]+", rest) if re.search(r"[^\W\d_]", w)]
    return len(words) <= 3 and not re.search(r"[.!?]\s*$", rest.strip())


def relative_date(line: str, base: date) -> str | None:
    """The ISO date a relative timestamp ("3 hours ago", "yesterday", "2 дня назад") means on day ``base``
    (dateparser does the reading); None when ``line`` holds no relative time."""
    m = _RELATIVE_RE.search(line)
    if not m:
        return None
    try:
        import dateparser

        parsed = dateparser.parse(
            m.group(0),
            languages=_DATEPARSER_LANGUAGES,
            settings={"RELATIVE_BASE": datetime(base.year, base.month, base.day, 12), "PREFER_DATES_FROM": "past"},
        )
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None


_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|created|опубликовано|дата публикации|dərc olunub|жарияланды)\b", re.I
)
_UPDATED_LABEL = re.compile(r"\b(?:updated|modified|edited|обновлено|изменено|yenilənib|güncellendi)\b", re.I)


def publication_date(line: str) -> DateMatch | None:
    """The date of a dateline that is the publication's: the one after "Published" when the line also carries an
    "Updated" date, else the first."""
    dates = find_dates(line)
    if len(dates) < 2:
        return dates[0] if dates else None
    for d in dates:
        before = line[: d.start]
        labels = [(m.end(), "p") for m in _PUBLISHED_LABEL.finditer(before)]
        labels += [(m.end(), "u") for m in _UPDATED_LABEL.finditer(before)]
        if labels and max(labels)[1] == "p":
            return d
    first_label = _UPDATED_LABEL.search(line[: dates[0].start])
    return dates[1] if first_label else dates[0]
