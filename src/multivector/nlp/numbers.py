"""Numbers in English news text, and the span helpers shared by the figure and event extractors.

Contract:

* :func:`parse_number` turns one numeric expression ("330", "1,200.5", "1.2 million", "nearly $100 billion",
  "three", "twenty-five", "two-thirds", "a dozen", "2,5 bn") into a float, or ``None`` when the text holds no
  number. It never raises.
* :func:`find_numbers` lists the free-standing numbers of a text (digits or number words, with an optional scale
  word) with their character spans; numbers glued to letters ("G7", "F-16s", "Covid-19", "C5+1", "5G"), times of
  day ("15:14") and decades ("1990s") are not free-standing and are left out.
* :func:`split_sentences` is a small regex sentence splitter used when the caller passes no segmentation.
* :func:`clause_fragment` cuts, inside one sentence, the clause-bounded fragment (at most ~25 words) around a span:
  the evidence of figures and events.

The cue words (number words, scales, hedges, currencies, units) live in ``data/figure_units.json``, the cue
words of the figure rules in ``data/figure_lexicon.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from multivector.records import evidence_span

_SPACES = "\u00a0\u202f\u2009"


#: The figure lexicons: numbers, scales, currencies and units; the cue words of the figure rules. Keys are distinct.
LEXICON_FILES = ("figure_units.json", "figure_lexicon.json")


@cache
def lexicon() -> dict[str, Any]:
    """The figure lexicon (data/figure_units.json and data/figure_lexicon.json merged), loaded once."""
    merged: dict[str, Any] = {}
    for name in LEXICON_FILES:
        path = resources.files("multivector") / "data" / name
        data = json.loads(path.read_text(encoding="utf-8"))
        clash = set(merged) & {k for k in data if not k.startswith("_")}
        if clash:
            raise ValueError(f"figure lexicon key(s) {sorted(clash)} defined twice in {LEXICON_FILES}")
        merged.update({k: v for k, v in data.items() if not k.startswith("_")})
    return merged


def _alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first so "per cent" wins over "per"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ----------------------------------------------------------------------------------------------------------------
# Finding numbers
# ----------------------------------------------------------------------------------------------------------------

_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,200,000.5
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"  # 1.200.000,5
    rf"|\d{{1,3}}(?:[ {_SPACES}]\d{{3}})+(?![\d.,]\d)"  # 1 200 000 (post-Soviet style grouping)
    r"|\d+(?:[.,]\d+)?"  # 330, 2.5, 2,5
)
# Scale words ("million", "bn") from the lexicon; the one-letter ones (k, m, b) only glued to digits ("5bn", "10k").
_BIG_SCALES = "|".join(sorted((w for w in lexicon()["scales"] if len(w) > 1), key=len, reverse=True))


@cache
def _number_regex() -> re.Pattern[str]:
    words = [w for w in lexicon()["number_words"] if " " not in w]
    word = rf"(?:{_alternation(words)})"
    word_number = rf"{word}(?:[- ](?:and[- ])?(?:{word}|hundred)(?![\w-]))*(?:\s+and\s+a\s+half\b)?"
    core = (
        rf"(?P<digits>{_DIGITS})|(?P<words>\ba[- ]dozen\b|\b{word_number}\b)"
        rf"|(?P<article>\ban?)(?=\s+(?:{_BIG_SCALES})\b)"
    )
    scale = rf"(?P<scale>[ {_SPACES}-]?(?:{_BIG_SCALES})\b|(?<=\d)[kmbKMB]\b)"
    return re.compile(rf"(?<![\w.,])(?:{core})(?:{scale})?", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class NumberMatch:
    """A free-standing number in a text: ``text[start:end]`` parses to ``value``."""

    start: int
    end: int
    value: float
    spelled: bool  # written in words ("three") rather than digits
    scaled: bool  # carries a scale word ("million", "bn")


def _glued_to_a_name(text: str, start: int, end: int) -> bool:
    """True for numbers that are part of a name or code: G7, F-16s, Covid-19, C5+1, 5G, S-400, 1990s."""
    before = text[start - 1] if start > 0 else " "
    before2 = text[start - 2] if start > 1 else " "
    if before in "-\u2013" and before2.isdigit() and _range_start(text, start - 1):
        return False  # the upper end of a range: "15-20 bcm", "5\u20137 million tonnes"
    if before.isalpha() or (before in "-+/" and before2.isalnum()):
        return True  # G7, F-16, C5+1, the second year of "2020-2025", 24/7
    if text[end : end + 1] == "+":
        return True  # 5+1, 18+
    letters = re.match(r"[^\W\d_]+", text[end:])
    if not letters:
        return False
    # digits glued to letters: fine for ordinals (30th) and units (10km, 5bn), a name otherwise (5G, 1990s)
    suffix = letters.group(0).lower()
    return suffix not in {"st", "nd", "rd", "th"} and suffix not in _glued_units()


def _range_start(text: str, dash: int) -> bool:
    """True when the digits that end at ``dash`` are a free-standing number ("15-20"), not a code ("F-16-20")."""
    m = re.search(r"(?<![\w.,\-+/])[\d.,]+$", text[max(0, dash - 20) : dash])
    return bool(m)


@cache
def _glued_units() -> frozenset[str]:
    lex = lexicon()
    return frozenset(w for w in list(lex["units"]) + list(lex["scales"]) if " " not in w)


def _time_of_day(text: str, start: int, end: int) -> bool:
    after = text[end : end + 6].lower()
    before = text[max(0, start - 1) : start]
    return bool(re.match(r":\d\d|\s?(?:a\.?m\.?|p\.?m\.?|o'clock)(?!\w)", after)) or (
        before == ":" and text[max(0, start - 3) : start - 1].strip().isdigit()
    )


def find_numbers(text: str) -> list[NumberMatch]:
    """All free-standing numbers of ``text`` with their spans, left to right."""
    found: list[NumberMatch] = []
    for m in _number_regex().finditer(text):
        start, end = m.start(), m.end()
        if m.group("digits") and (_glued_to_a_name(text, start, end) or _time_of_day(text, start, end)):
            continue
        value = parse_number(m.group(0))
        if value is None:
            continue
        half = re.search(r"\bhalf[\s-]+$", text[max(0, start - 6) : start], re.IGNORECASE)
        if m.group("article") and half:
            start, value = start - len(half.group(0)), value / 2  # "half a million"
        found.append(NumberMatch(start, end, value, spelled=not m.group("digits"), scaled=bool(m.group("scale"))))
    return found


# ----------------------------------------------------------------------------------------------------------------
# Parsing one numeric expression
# ----------------------------------------------------------------------------------------------------------------


def _parse_digits(digits: str) -> float | None:
    """'1,200.5' -> 1200.5, '1 200' -> 1200, '2,5' -> 2.5 (decimal comma), '1.200.000' -> 1200000."""
    s = re.sub(rf"[ {_SPACES}]", "", digits)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _parse_words(tokens: list[str]) -> tuple[float | None, int]:
    """Spelled number at the head of ``tokens`` ('twenty', 'five', 'hundred', ...) -> (value, tokens used)."""
    units = lexicon()["number_words"]
    total, current, used, seen = 0.0, 0.0, 0, False
    for i, tok in enumerate(tokens):
        if tok in units:
            current += units[tok]
        elif tok == "hundred" and seen:
            current = (current or 1) * 100
        elif tok == "and" and seen and i + 1 < len(tokens) and tokens[i + 1] in units:
            pass
        elif tok == "and" and seen and tokens[i + 1 : i + 3] == ["a", "half"]:
            return total + current + 0.5, i + 3  # "two and a half"
        else:
            break
        seen, used = True, i + 1
    return (total + current, used) if seen else (None, 0)


def _strip_prefixes(s: str) -> str:
    """Drop hedges ('nearly', 'more than'), currency symbols and ISO codes in front of the number."""
    prefixes = _prefixes()
    changed = True
    while changed and s:
        changed = False
        for prefix in prefixes:
            if s.startswith(prefix) and (
                not prefix[-1].isalpha() or len(s) == len(prefix) or not s[len(prefix)].isalpha()
            ):
                s = s[len(prefix) :].lstrip()
                changed = True
                break
    return s


@cache
def _prefixes() -> tuple[str, ...]:
    """What :func:`_strip_prefixes` removes, in the order it tries them: hedges, then currency symbols (longest
    first), then ISO codes."""
    lex = lexicon()
    hedges = sorted(lex["hedges"], key=len, reverse=True)
    symbols = sorted(lex["currency_symbols"], key=len, reverse=True)
    return (*hedges, *(sym.lower() for sym in symbols), *(c.lower() for c in lex["currency_codes"]))


@cache
def _fraction_pattern() -> re.Pattern[str]:
    """'half', 'a third', 'three quarters' ... at the start of a string, longest phrase first."""
    phrases = sorted(lexicon()["fractions"], key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(p) for p in phrases) + r")\b")


def parse_number(text: str) -> float | None:
    """The value of a numeric expression, or None. Never raises (any str in)."""
    if not isinstance(text, str):
        return None
    s = re.sub(rf"[{_SPACES}]", " ", text).strip().lower().replace("\u2011", "-")
    s = _strip_prefixes(s)
    lex = lexicon()
    fraction = _fraction_pattern().match(s)
    if fraction:
        return float(lex["fractions"][fraction.group(1)])
    value, rest = _parse_core(s)
    if value is None:
        return None
    scale = re.match(rf"[ -]?({_BIG_SCALES}|k|m|b)\b", rest)
    if scale and (scale.group(1) not in ("k", "m", "b") or not rest.startswith((" ", "-"))):
        value *= lex["scales"][scale.group(1)]
        # "three hundred million": a second, larger scale multiplies again
        second = re.match(rf"[ -]?({_BIG_SCALES})\b", rest[scale.end() :])
        if scale.group(1) == "hundred" and second and second.group(1) != "hundred":
            value *= lex["scales"][second.group(1)]
    return value


def _parse_core(s: str) -> tuple[float | None, str]:
    """The number at the start of ``s`` (digits, ordinal digits, words, 'a dozen', 'a' before a scale) and the rest."""
    digits = re.match(rf"(?:{_DIGITS})(?:st|nd|rd|th)?", s)
    if digits:
        core = re.sub(r"(?:st|nd|rd|th)$", "", digits.group(0))
        return _parse_digits(core), s[digits.end() :]
    if re.match(r"an? dozen\b", s):
        return 12.0, s[s.index("dozen") + 5 :]
    article = re.match(rf"an?(?= (?:{_BIG_SCALES})\b)", s)
    if article:
        return 1.0, s[article.end() :]
    tokens = re.findall(r"[a-z]+|[^a-z]", s)
    words = [t for t in tokens if t not in (" ", "-")]
    value, used = _parse_words(words)
    if value is None:
        return None, s
    # advance past the consumed words in the original string
    consumed, pos = 0, 0
    for m in re.finditer(r"[a-z]+", s):
        if consumed == used:
            break
        consumed, pos = consumed + 1, m.end()
    return value, s[pos:]


# ----------------------------------------------------------------------------------------------------------------
# Sentences and clause fragments
# ----------------------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'”’»)]*\s+(?=[\"'“‘«(\-–—]?\s?[A-Z0-9\u0400-\u04ff])"  # ". Next", '." Next'
    r"|\n+"  # line breaks end paragraphs
    r"|(?<=[a-z)\]]{3}[.!?])(?=[A-Z][a-z]{2,})"  # glued scrapes: "cooperation.Meanwhile"
    r"|(?<=[\w)\]\"”][.!?])(?=[-–—]\s)"  # glued interview turns: "stage.- In"
)
_ABBREVIATION = re.compile(rf"(?:\b[A-Z]|\b(?:{_alternation(lexicon()['abbreviations'])}))\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (regex heuristics: punctuation, line breaks, glued scrapes)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _ABBREVIATION.search(text[start : m.start()]):
            continue  # "Mr. Japarov", "U.S. officials"
        _append_span(text, spans, start, m.start())
        start = m.end()
    _append_span(text, spans, start, len(text))
    return spans


def _append_span(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    _, (s, e) = evidence_span(text, start, end)
    if e > s:
        spans.append((s, e))


class DisjointSpans:
    """A growing set of non-overlapping [start, end) spans that answers "does this span overlap one of them?" in
    logarithmic time: scanning every taken span for every candidate made long articles quadratic."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans or ()):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        # The spans are disjoint, so among those starting before ``end`` the last one reaches furthest right.
        i = bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of the set (check with :meth:`overlaps` first)."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def sentence_of(sentences: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The sentence span that contains offset ``start``."""
    for s, e in sentences:
        if s <= start < e:
            return s, e
    return None


# Clause breaks: punctuation, spaced dashes and subordinating conjunctions; a bare "and" usually joins two names
# ("Kazakhstan and Azerbaijan") rather than two clauses, so it is not a break.
_CLAUSE_BREAK = re.compile(
    rf"[;:]|,(?!\d{{3}})|\s[-–—]\s|[–—]|\s(?=(?:{_alternation(lexicon()['clause_conjunctions'])})\s)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")


def clause_fragment(
    text: str, sentence: tuple[int, int], start: int, end: int, min_words: int = 8, max_words: int = 25
) -> tuple[str, list[int]]:
    """Evidence for ``text[start:end]``: the clause around it, widened clause by clause to ``min_words`` and cut to
    ``max_words``, never leaving the sentence. Returns (verbatim evidence, [start, end])."""
    s0, e0 = sentence
    start, end = max(start, s0), min(end, e0)
    breaks = [(m.start() + s0, m.end() + s0) for m in _CLAUSE_BREAK.finditer(text[s0:e0])]
    lefts = sorted({b_end for b_start, b_end in breaks if b_end <= start} | {s0})
    rights = sorted({b_start for b_start, b_end in breaks if b_start >= end} | {e0})
    li, ri = len(lefts) - 1, 0
    left, right = lefts[li], rights[ri]
    while _count_words(text, left, right) < min_words and (li > 0 or ri < len(rights) - 1):
        grow_left = li > 0 and (
            ri == len(rights) - 1 or _count_words(text, left, start) <= _count_words(text, end, right)
        )
        if grow_left:
            li -= 1
            left = lefts[li]
        else:
            ri += 1
            right = rights[ri]
    left, right = _cap_words(text, left, right, start, end, max_words)
    left, right = _trim_punctuation(text, left, right, start, end)
    return evidence_span(text, left, right)


def _count_words(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text[a:b]))


def _cap_words(text: str, left: int, right: int, start: int, end: int, max_words: int) -> tuple[int, int]:
    """Drop words from the longer side until the fragment has at most ``max_words`` words."""
    words = [(m.start() + left, m.end() + left) for m in _WORD.finditer(text[left:right])]
    while len(words) > max_words:
        before = sum(1 for w in words if w[1] <= start)
        after = sum(1 for w in words if w[0] >= end)
        if before == 0 and after == 0:
            break
        words = words[1:] if before >= after else words[:-1]
    return (words[0][0], words[-1][1]) if words else (left, right)


_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|so|yet)\s+", re.IGNORECASE)


def _trim_punctuation(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """No dangling commas, dashes or opening brackets at the edges of the fragment."""
    while left < start and (text[left] in ",;:-–—) " or text[left].isspace()):
        left += 1
    lead = _LEADING_CONJUNCTION.match(text, left)
    if lead and lead.end() <= start:
        left = lead.end()
    while right > end and (text[right - 1] in ",;:-–—( " or text[right - 1].isspace()):
        right -= 1
    return left, right
