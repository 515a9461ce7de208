"""Figures: the numeric claims of an article body (money, percentages, multiples, volumes, counts, durations).

Contract: :func:`extract_figures` returns one :class:`~multivector.records.Figure` per informative number of the
text, with ``value`` (scale words applied: "$330 million" -> 330000000), ``unit`` (the scorer's canonical names
USD, EUR, percent, times, years, months, days, tonnes, km, km2, TEU, count; other currencies as ISO 4217 codes;
other units as written in data/figure_units.json), ``subject`` (a short phrase saying what is measured) and
``evidence`` (a verbatim clause-bounded fragment of at most ~25 words of one sentence, ``text[span[0]:span[1]]``).
It never raises. Repeats of one claim (same value, unit and subject) are reported once.

What is a figure: a number with a currency, a percent sign/word, a unit, a time unit ("44-day war", "three decades
of ...", "over the past six years", "two days later"), a duration written with an article ("within a year", "for
almost a decade", "half a year"), an anniversary ("30th anniversary" -> 30 years), a multiple ("tripled", "doubles",
"eightfold", "five times more", "48 times current levels"), a share ("two-thirds of", "rose by a third", "one in
five" -> 20 percent), a count of a plural noun ("four nuclear-armed states", "top four", "four of the five states",
"travelled twice"), or a grouped number standing alone ("estimated at 750,000"). Both ends of a range are figures,
each with the unit written once ("5-7 million tonnes", "between 40 and 45 per cent").

What is not (precision matters as much as recall): dates and years (events; "30 years ago" too), a year used as a
modifier ("the 2024 budget projects"), ordinals used as ranks, "one" as a pronoun or idiom, numbers inside names (G7,
C5+1, F-16s), list numbering, times of day, anaphoric counts that refer back to named parties ("the two countries",
"these three factors", "Georgia and Armenia, two small states"), negated numbers ("not 30 years, but ..."), a
part of a period ("the first half of 2023" is not 50 %), and a bracketed conversion of the figure before it
("100 miles (160 km)": one figure).

The cue words live in data/figure_units.json (numbers, scales, currencies, units) and data/figure_lexicon.json (the
words the rules look for), one entry per line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from multivector.nlp.events import find_date_spans
from multivector.nlp.numbers import (
    _BIG_SCALES,
    DisjointSpans,
    NumberMatch,
    clause_fragment,
    find_numbers,
    lexicon,
    parse_number,
    split_sentences,
)
from multivector.records import Figure

_WORD = r"[A-Za-z\u00c0-\u024f][\w'’\-]*"
_CAPITALISED = r"[A-Z\u00c0-\u00de][\w'’\-]*"
_APPOSITIVE = re.compile(
    rf"\b{_CAPITALISED}(?:\s+{_CAPITALISED})*\s+and\s+{_CAPITALISED}(?:\s+{_CAPITALISED})*\s*,\s*$"
)
_LEADING_YEAR = re.compile(r"^\W*(?:(?:in|by|since|until)\s+)?(?:1[89]|20)\d\d\b\W*", re.IGNORECASE)
_WORTH = re.compile(r"^-?\s?worth\b")
_FOLD = re.compile(r"\b([a-z]+(?:-[a-z]+)?)-?fold\b", re.IGNORECASE)
_ONE_IN_N = re.compile(r"\b(?:[Oo]ne|1)\s+(?:in|out\s+of)\s+(\w+)\b")


def _words(key: str) -> str:
    """Regex alternation of the lexicon list ``key``, longest entry first."""
    return "|".join(re.escape(w) for w in sorted(lexicon()[key], key=len, reverse=True))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(lexicon()["function_words"])


@cache
def _verb_cue() -> re.Pattern[str]:
    """A verb of measurement or of a clause ('reached', 'stood', 'is'): where the subject before a figure ends."""
    return re.compile(rf"\b(?:{_words('measure_verbs')})\b", re.IGNORECASE)


@cache
def _lead_words() -> re.Pattern[str]:
    return re.compile(rf"^(?:(?:{_words('subject_lead_words')})\s+)+", re.IGNORECASE)


@cache
def _trailing_hedge() -> re.Pattern[str]:
    return re.compile(rf"(?:\b(?:{_words('subject_trailing_hedges')})\s*)+$", re.IGNORECASE)


@cache
def _growth_before() -> re.Pattern[str]:
    """'grew by', 'increased': a change verb right before 'N times' makes it a multiple."""
    return re.compile(
        rf"\b(?:{_words('growth_stems')})\w*\s+(?:by\s+)?(?:about\s+|almost\s+|nearly\s+|over\s+)?$", re.IGNORECASE
    )


_NOUN_BEFORE_WORTH = re.compile(
    r"\b((?:[\w-]+\s+){0,2}[\w-]+)\s+worth\s+(?:(?:of|over|about|nearly|almost|some|around|up\s+to|more\s+than)\s+)*$",
    re.IGNORECASE,
)


@cache
def _negated() -> re.Pattern[str]:
    """'not 30 years, but ...', 'not even five': a number the text denies."""
    return re.compile(rf"\bnot\s+(?:(?:{_words('negation_hedges')})\s+)?$", re.IGNORECASE)


@cache
def _np_after() -> re.Pattern[str]:
    """'... [increase] of/in/for the NOUN PHRASE': what a figure measures, written after it."""
    return re.compile(
        rf"^\s*(?:-worth|\s*worth)?\s*(?:(?:{_words('measured_change_nouns')})\s+)?"
        rf"(?:of|in|for|on|into)\s+(?:(?:the|a|an|its|their|our|this|these)\s+)?(?P<np>(?:{_WORD}\s*){{1,7}})"
    )


_WORTH_NP = re.compile(rf"^-?\s?worth(?:\s+of)?\s+(?P<np>(?:{_WORD}\s*){{1,4}})")


@dataclass(slots=True)
class _Claim:
    start: int  # span of the figure phrase (number plus unit), used to cut the evidence
    end: int
    value: float
    unit: str
    subject: str


def extract_figures(
    text: str, sentences: Sequence[tuple[int, int]] | None = None, doc: Any | None = None
) -> list[Figure]:
    """Informative numbers of ``text`` as Figures (see the module docstring). ``sentences`` are the character spans
    of the sentences (a regex splitter is used when None). ``doc`` is accepted for pipeline symmetry and unused:
    the rules below need no parser."""
    if not isinstance(text, str) or not text.strip():
        return []
    sents = list(sentences) if sentences else split_sentences(text)
    dates = DisjointSpans(find_date_spans(text))
    numbers = [n for n in find_numbers(text) if not dates.overlaps(n.start, n.end)]
    starts = [n.start for n in numbers]  # ascending: find_numbers works left to right
    figures: list[Figure] = []
    kept: list[_Claim] = []
    for sentence in sents:
        inside = numbers[bisect_left(starts, sentence[0]) : bisect_left(starts, sentence[1])]
        for claim in _claims_in_sentence(text, sentence, inside):
            if any(_same_claim(claim, other) for other in kept):
                continue
            kept.append(claim)
            evidence, span = clause_fragment(text, sentence, claim.start, claim.end)
            figures.append(
                Figure(value=claim.value, unit=claim.unit, subject=claim.subject, evidence=evidence, span=span)
            )
    return figures


def _same_claim(a: _Claim, b: _Claim) -> bool:
    """A repeat of one claim: same value and unit, about the same thing (the subjects share two content words, or
    are the same word); a sum of money of a million or more is one claim wherever it recurs."""
    if a.unit != b.unit or abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value)):
        return False
    if a.unit in lexicon()["currency_codes"] and a.value >= 1e6:
        return True  # "$100 million" twice in one article: the same sum, however the clauses around it differ
    words_a = {w for w in re.findall(r"\w{4,}", a.subject.lower()) if w not in _function_words()}
    words_b = {w for w in re.findall(r"\w{4,}", b.subject.lower()) if w not in _function_words()}
    shared = words_a & words_b
    return len(shared) >= 2 or (bool(shared) and shared == words_a == words_b)


def _claims_in_sentence(text: str, sentence: tuple[int, int], numbers: list[NumberMatch]) -> list[_Claim]:
    claims = _multiple_verbs(text, sentence) + _multiple_words(text, sentence) + _fractions(text, sentence)
    claims += _ordinal_word_anniversaries(text, sentence) + _frequency_words(text, sentence)
    claims += _one_in_n(text, sentence)
    claims += [c for c in _article_durations(text, sentence) if not any(o.start <= c.start < o.end for o in claims)]
    ranged: set[int] = set()
    for i, number in enumerate(numbers):
        if number.start in ranged or any(c.start <= number.start < c.end for c in claims):
            continue
        upper = numbers[i + 1] if i + 1 < len(numbers) else None
        pair = _range(text, sentence, number, upper) if upper is not None else None
        if pair:
            claims.extend(pair)
            ranged.add(upper.start)  # type: ignore[union-attr]
            continue
        claim = _classify(text, sentence, number)
        if claim is not None:
            claims.append(claim)
    return _without_conversions(text, sorted(claims, key=lambda c: c.start))


def _range(text: str, sentence: tuple[int, int], low: NumberMatch, high: NumberMatch) -> list[_Claim]:
    """'15-20 bcm', '5 to 7 million tonnes', 'between 40 and 50 per cent', '$3-4 billion': both ends of a range are
    figures, each with the unit (and scale) written once after the upper end."""
    s0, e0 = sentence
    between = text[low.end : high.start]
    before = text[s0 : low.start]
    if re.fullmatch(r"\s*[-\u2013\u2014]\s*", between):
        pass
    elif re.fullmatch(r"\s+to\s+(?:(?:about|around|some|nearly|almost|over|roughly)\s+)?", between, re.I):
        pass
    elif re.fullmatch(r"\s+and\s+", between, re.I) and re.search(r"\bbetween\s+(?:\S+\s+)?$", before, re.I):
        pass
    else:
        return []
    after = text[high.end : e0]
    upper = _classify_with(text, sentence, high, before, after)
    if upper is None:
        return []
    scale = 1.0
    if high.scaled and not low.scaled:
        unscaled = re.sub(rf"[\s\u00a0-]*(?:{_BIG_SCALES}|[kmb])$", "", text[high.start : high.end], flags=re.I)
        core = parse_number(unscaled)
        scale = high.value / core if core else 1.0
    virtual = NumberMatch(low.start, low.end, low.value * scale, low.spelled, low.scaled or high.scaled)
    lower = _classify_with(text, sentence, virtual, before, after)
    if lower is None or lower.unit != upper.unit:
        return []
    end = upper.end
    return [
        _Claim(lower.start, end, lower.value, lower.unit, lower.subject),
        _Claim(high.start, end, upper.value, upper.unit, upper.subject),
    ]


def _classify_with(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    """:func:`_classify` with the words around the number given (the two ends of a range share them)."""
    if _negated().search(before):
        return None
    for detector in (_money, _percent, _times, _unit_measure, _duration, _count, _big_number, _bare_count):
        claim = detector(text, sentence, n, before, after)
        if claim is not None:
            return claim if claim.unit else None
    return None


def _without_conversions(text: str, claims: list[_Claim]) -> list[_Claim]:
    """'100 miles (160 km)', '500 billion tenge (about $1 billion)': the bracketed conversion repeats the figure
    before it in another unit of the same kind; it is not a second claim."""
    kept: list[_Claim] = []
    for claim in claims:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and re.fullmatch(
                r"\s*\(\s*(?:(?:about|around|approximately|roughly|some|nearly|almost|or|ca\.|~)\s*)?[$€£¥₽₸]?\s*",
                text[previous.end : claim.start],
                re.I,
            )
            and _same_dimension(previous.unit, claim.unit)
        ):
            continue
        kept.append(claim)
    return kept


def _same_dimension(a: str, b: str) -> bool:
    if a == b:
        return True
    codes = set(lexicon()["currency_codes"])
    if a in codes and b in codes:
        return True
    dimensions = lexicon()["unit_dimensions"]
    return a in dimensions and dimensions.get(a) == dimensions.get(b)


# ----------------------------------------------------------------------------------------------------------------
# Classifying one number by its context
# ----------------------------------------------------------------------------------------------------------------


def _classify(text: str, sentence: tuple[int, int], n: NumberMatch) -> _Claim | None:
    s0, e0 = sentence
    before, after = text[s0 : n.start], text[n.end : e0]
    if _negated().search(before) or _list_numbering(before, after):
        return None
    for detector in (
        _money,
        _percent,
        _times,
        _frequency,
        _unit_measure,
        _duration,
        _anniversary,
        _top_n,
        _part_of_whole,
        _count,
        _big_number,
        _bare_count,
    ):
        claim = detector(text, sentence, n, before, after)
        if claim is not None:
            return claim if claim.unit else None  # unit "" means "recognised, but not a figure"
    return None


def _list_numbering(before: str, after: str) -> bool:
    return before.strip() == "" and bool(re.match(r"^[.)]\s", after))


def _money(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    currency, end = _currency_after(after)
    if currency is None:
        currency = _currency_before(before)
        end = len(_WORTH.match(after).group(0)) if _WORTH.match(after) else 0
    if currency is None:
        return None
    start = n.start - _symbol_length(before)
    worth = _NOUN_BEFORE_WORTH.search(before[: len(before) - _symbol_length(before)])
    subject = (
        _subject_after(after[end:])
        or _subject_after(after)
        or (worth.group(1) if worth else "")
        or _subject_before(text, sentence, start)
    )
    return _Claim(start, n.end + end, n.value, currency, subject)


@cache
def _currency_word_regex() -> re.Pattern[str]:
    words = sorted(lexicon()["currency_words"], key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    codes = "|".join(lexicon()["currency_codes"])
    return re.compile(rf"^(?:-worth\s+of\s+|\s*)(?:(?i:(?P<word>{alternation}))|(?P<code>{codes}))\b")


def _currency_after(after: str) -> tuple[str | None, int]:
    m = _currency_word_regex().match(after)
    if not m:
        return None, 0
    if m.group("word"):
        return lexicon()["currency_words"][m.group("word").lower()], m.end()
    code = m.group("code")
    return ("CNY" if code == "RMB" else code), m.end()


def _currency_before(before: str) -> str | None:
    tail = before.rstrip()
    for symbol, code in sorted(lexicon()["currency_symbols"].items(), key=lambda kv: -len(kv[0])):
        if tail.endswith(symbol) and (len(before) - len(tail) <= 1):
            return code
    m = re.search(r"\b([A-Z]{3})\s?$", before)
    if m and m.group(1) in lexicon()["currency_codes"]:
        return "CNY" if m.group(1) == "RMB" else m.group(1)
    return None


def _symbol_length(before: str) -> int:
    tail = before.rstrip()
    for symbol in sorted(lexicon()["currency_symbols"], key=len, reverse=True):
        if tail.endswith(symbol):
            return len(symbol) + len(before) - len(tail)
    m = re.search(r"\b[A-Z]{3}\s?$", before)
    return len(m.group(0)) if m and m.group(0).strip() in lexicon()["currency_codes"] else 0


@cache
def _percent_regex() -> re.Pattern[str]:
    words = sorted(lexicon()["percent_words"], key=len, reverse=True)
    return re.compile(
        r"^\s?(?:" + "|".join(re.escape(w) + (r"\b" if w[-1].isalpha() else "") for w in words) + ")", re.I
    )


def _percent(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    m = _percent_regex().match(after)
    if not m:
        return None
    subject = _subject_after(after[m.end() :]) or _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end + m.end(), n.value, "percent", subject)


def _times(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    fold = re.match(r"^[- ]?fold\b", after, re.I)
    times = re.match(r"^\s+times\b(?P<rest>\s+(?P<cmp>\w+))?", after, re.I)
    if fold:
        end = fold.end()
    elif times and _times_baseline().match(after[times.end() - len(times.group("rest") or "") :]):
        end = times.end() - len(times.group("rest") or "")  # "48 times current levels", "five times the size"
    elif times and (_comparative(times.group("cmp")) or _growth_before().search(before)):
        end = (
            times.end("cmp")
            if _comparative(times.group("cmp"))
            else len(times.group(0)) - len(times.group("rest") or "")
        )
    else:
        return None
    subject = _subject_after(after[end:]) or _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end + end, n.value, "times", subject)


@cache
def _times_baseline() -> re.Pattern[str]:
    return re.compile(rf"^\s+(?:{_words('times_baselines')})\b", re.IGNORECASE)


def _frequency(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    """'visited Baku three times', 'met five times this year': how often something happened, a count."""
    times = re.match(r"^\s+times\b", after, re.I)
    if not times or n.value < 2 or n.value != int(n.value):
        return None
    if not re.search(r"[a-z]{3,}(?:ed|ve|ne|et|en)\s+(?:\w+\s+)?$", before):
        return None  # after a past verb (and maybe its object): "travelled three times", "has met them four times"
    subject = _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end + times.end(), n.value, "count", subject)


def _comparative(word: str | None) -> bool:
    return bool(word) and (word or "").lower() in lexicon()["comparatives"]


@cache
def _unit_regex(kind: str) -> re.Pattern[str]:
    words = sorted(lexicon()[kind], key=len, reverse=True)
    return re.compile(r"^(?P<sep>[ \u00a0-]?)(?P<unit>" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _unit_measure(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    m = _unit_regex("units").match(after)
    if not m:
        return None
    unit, factor = lexicon()["units"][m.group("unit").lower()]
    subject = _subject_after(after[m.end() :]) or _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end + m.end(), n.value * factor, unit, subject)


def _duration(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    m = _unit_regex("time_units").match(after)
    if not m:
        return None
    rest = after[m.end() :]
    hyphenated = m.group("sep") == "-"
    skip = _Claim(n.start, n.end, 0, "", "")
    if not hyphenated and n.value == 1 and n.spelled:
        return skip  # "one day"
    if not hyphenated and re.search(r"\b(?:these|those|all)\s+$", before, re.I):
        return skip  # "over these six years": a span the text has already given
    unit, factor = lexicon()["time_units"][m.group("unit").lower()]
    if hyphenated:
        subject = _noun_after(rest) or _subject_before(text, sentence, n.start)
    else:
        subject = _subject_after(rest) or _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end + m.end(), n.value * factor, unit, subject)


def _anniversary(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    m = re.match(r"^(?:st|nd|rd|th)\s+anniversary\b", after, re.I)
    if not m:
        return None
    subject = _subject_after(after[m.end() :]) or _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end + m.end(), n.value, "years", subject)


def _ordinal_word_anniversaries(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    ordinals = lexicon()["ordinal_words"]
    claims = []
    for m in _lexicon_regex("ordinal_words", r"\b({})\s+anniversary\b").finditer(text, sentence[0], sentence[1]):
        subject = _subject_after(text[m.end() : sentence[1]]) or _subject_before(text, sentence, m.start())
        claims.append(_Claim(m.start(), m.end(), float(ordinals[m.group(1).lower()]), "years", subject))
    return claims


def _top_n(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    if not re.search(r"\btop[- ]$", before, re.I):
        return None
    noun = _counted_noun(after)
    subject = noun[0] if noun else "top " + text[n.start : n.end]
    return _Claim(n.start - 4, n.end + (noun[1] if noun else 0), n.value, "count", subject)


def _count(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    if n.value == 1 or n.value != int(n.value) or not after[:1].isspace():
        return None  # "one of", "2.5 ...", "two-way"
    if _year_like(text, n):
        return _Claim(n.start, n.end, 0, "", "")  # "2023 investment projects": a year used as a modifier
    if _anaphoric(before, n):
        return None
    noun = _counted_noun(after)
    if noun is None:
        return None
    return _Claim(n.start, n.end + noun[1], n.value, "count", noun[0])


def _year_like(text: str, n: NumberMatch) -> bool:
    """Four bare digits from 1800 to 2100 ('2023', not '2,023'): a year, whatever follows it."""
    return not n.spelled and not n.scaled and re.fullmatch(r"(?:18|19|20)\d\d", text[n.start : n.end]) is not None


def _part_of_whole(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    """'Four of the five states', 'over 1,000 of its 14,000 glaciers', 'a thousand of the bank's documents':
    the part is a count of the noun the whole names."""
    if n.value < 2 or n.value != int(n.value) or _year_like(text, n) or _anaphoric(before):
        return None
    m = re.match(
        r"^\s+of\s+(?:(?:the|its|their|our|these|those|all|some)\s+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s?\s+)"
        r"(?:(?:roughly|about|around|nearly|almost|some|over|more\s+than)\s+)?",
        after,
    )
    if not m:
        return None
    rest = after[m.end() :]
    whole = next((x for x in find_numbers(rest[:40]) if x.start == 0), None)
    if whole is not None:
        rest = rest[whole.end :]
    noun = _counted_noun(rest)
    if noun is None:
        return None
    return _Claim(n.start, n.end, n.value, "count", noun[0])


def _bare_count(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    """'estimates their number at 750,000', 'fell to some 650,000': a grouped number with no unit or noun still
    counts something (the clause before says what)."""
    if n.spelled or n.scaled or n.value < 1000 or not re.search(r"\d[,.\s\u00a0]\d{3}$", text[n.start : n.end]):
        return None
    following = re.match(r"^\s*([a-z]+)", after)
    if (following and following.group(1) not in _function_words()) or re.match(r"^\s*[-–]\s?\d", after):
        return None  # followed by a word the other rules did not take as a unit or noun
    return _Claim(n.start, n.end, n.value, "count", _subject_before(text, sentence, n.start))


def _big_number(text: str, sentence: tuple[int, int], n: NumberMatch, before: str, after: str) -> _Claim | None:
    """'will reach 100 million by 2030': a number with a scale word is a claim even without a unit or noun."""
    if not n.scaled or n.value < 1000:
        return None
    subject = _subject_after(after) or _subject_before(text, sentence, n.start)
    return _Claim(n.start, n.end, n.value, "count", subject)


def _anaphoric(before: str, n: NumberMatch | None = None) -> bool:
    """'the two countries', 'these three factors', 'Kazakhstan and Türkiye, two key countries'. A number in digits
    from 10 up after a determiner ('its 9,000 glaciers', 'all 17 articles') tells something new."""
    if n is not None and not n.spelled and n.value >= 10:
        return False
    previous = re.search(r"([A-Za-z]+)\s+$", before)
    if previous and previous.group(1).lower() in lexicon()["anaphoric_determiners"]:
        return True
    return bool(_APPOSITIVE.search(before))


def _counted_noun(after: str) -> tuple[str, int] | None:
    """The plural noun a number counts, with up to three modifiers: ' nuclear-armed states at once' ->
    ('nuclear-armed states', 21). None when no plural noun follows before a function word or punctuation."""
    words = list(re.finditer(r"\S+", after))[:6]
    for i, m in enumerate(words):
        word = m.group(0)
        bare = word.rstrip(",.;:!?)»”\"'’")
        lower = bare.lower()
        if 0 < i < 4 and lower in ("and", "or") and word == bare:
            continue  # "bilateral and multinational drills": coordinated modifiers
        if i >= 5 or not bare or not re.fullmatch(_WORD, bare) or lower in _function_words():
            return None
        if bare[0].islower() and _plural_noun(lower):
            phrase = after[words[0].start() : m.start() + len(bare)]
            return phrase, m.start() + len(bare)
        if bare != word:
            return None  # punctuation ends the noun phrase
    return None


def _plural_noun(word: str) -> bool:
    if word in lexicon()["irregular_plurals"] or (len(word) > 5 and word.endswith("men")):
        return True  # 'people', 'servicemen'
    if word in lexicon()["not_plural_nouns"] or len(word) < 4 or not word.endswith("s"):
        return False
    return not word.endswith(("ss", "us", "is", "ous", "'s", "’s"))


# ----------------------------------------------------------------------------------------------------------------
# Multiples without digits and fractions
# ----------------------------------------------------------------------------------------------------------------


@cache
def _lexicon_regex(key: str, template: str) -> re.Pattern[str]:
    """``template`` with ``{}`` replaced by the alternation of the lexicon entry ``key`` (longest first)."""
    words = sorted(lexicon()[key], key=len, reverse=True)
    return re.compile(template.format("|".join(re.escape(w) for w in words)), re.IGNORECASE)


_TWICE = re.compile(r"\btwice\s+(?:as\s+\w+|the|more|less|over)\b")


@cache
def _multiple_verb_regex() -> re.Pattern[str]:
    verbs = lexicon()["multiple_verbs"]
    past = "|".join(w for w in verbs if w.endswith(("ed", "ing", "es")))
    base = "|".join(w for w in verbs if not w.endswith(("ed", "ing", "es")))
    return re.compile(
        rf"\b(?P<past>{past})\b(?!\s+down)"
        rf"|\b(?:to|will|would|could|can|may|might|should|shall)\s+(?:more\s+than\s+|nearly\s+|almost\s+)?"
        rf"(?P<base>{base})\b(?!\s+(?:down|standards?|taxation))",
        re.IGNORECASE,
    )


def _multiple_verbs(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    """'has tripled', 'doubling', 'expected to triple', 'will double', 'twice as large': growth multiples."""
    verbs = lexicon()["multiple_verbs"]
    pattern = _multiple_verb_regex()
    claims = [
        _Claim(m.start(), m.end(), 2.0, "times", _subject_before(text, sentence, m.start()))
        for m in _TWICE.finditer(text, sentence[0], sentence[1])  # pos/endpos: \b still sees the text around
    ]
    for m in pattern.finditer(text, sentence[0], sentence[1]):
        word = (m.group("past") or m.group("base")).lower()
        verb_start = m.start("past") if m.group("past") else m.start("base")
        subject = _subject_before(text, sentence, verb_start, verb_end=True)
        claims.append(_Claim(verb_start, m.end(), float(verbs[word]), "times", subject))
    return claims


def _multiple_words(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    """'threefold', 'a two-fold increase' (digit forms like '2.5-fold' are handled with the numbers)."""
    words = lexicon()["multiple_words"]
    claims = []
    for m in _FOLD.finditer(text, sentence[0], sentence[1]):
        word = m.group(0).lower()
        value = words.get(word) or (parse_number(m.group(1)) if m.group(1).lower() in _number_word_set() else None)
        if not value or value < 2:
            continue
        subject = _subject_after(text[m.end() : sentence[1]]) or _subject_before(text, sentence, m.start())
        claims.append(_Claim(m.start(), m.end(), float(value), "times", subject))
    return claims


@cache
def _number_word_set() -> frozenset[str]:
    """Words that can start an '-fold' multiple: 'seven', 'twenty-five', 'hundred'."""
    words = set(lexicon()["number_words"]) | {"hundred", "thousand"}
    words |= {f"{a}-{b}" for a in ("twenty", "thirty", "forty", "fifty") for b in lexicon()["number_words"]}
    return frozenset(words)


def _fractions(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    """'two-thirds of exports' -> 66.67 percent; 'half of the population' -> 50 percent."""
    fractions = lexicon()["fractions"]
    claims = []
    pattern = _lexicon_regex("fractions", r"\b({0})\s+of\b|(?<=\bby\s)({0})\b(?!\s+(?:a|an|the|of)\b)")
    for m in pattern.finditer(text, sentence[0], sentence[1]):
        if m.group(1) is None:  # 'increased by one-third'
            value = round(fractions[m.group(2).lower()] * 100, 2)
            subject = _subject_before(text, sentence, m.start())
            claims.append(_Claim(m.start(), m.end(), value, "percent", subject))
            continue
        if _fraction_blocked(text[sentence[0] : m.start()], text[m.end() : sentence[1]]):
            continue
        subject = _subject_after(text[m.end(1) : sentence[1]]) or _subject_before(text, sentence, m.start())
        value = round(fractions[m.group(1).lower()] * 100, 2)
        claims.append(_Claim(m.start(), m.end(1), value, "percent", subject))
    return claims


def _one_in_n(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    """'one in five families', 'one out of three voters': a share, 100/N percent."""
    claims = []
    for m in _ONE_IN_N.finditer(text, sentence[0], sentence[1]):
        n = parse_number(m.group(1))
        if not n or n < 2 or n != int(n) or _year_like(text, NumberMatch(m.start(1), m.end(1), n, False, False)):
            continue
        noun = _counted_noun(text[m.end() : sentence[1]])
        subject = noun[0] if noun else _subject_before(text, sentence, m.start())
        claims.append(_Claim(m.start(), m.end(), round(100 / n, 2), "percent", subject))
    return claims


def _fraction_blocked(before: str, after: str) -> bool:
    """'the first half of 2023', 'the second half of the year', 'half of the time': a part of a period."""
    previous = re.search(r"([\w'’]+)\s+$", before)
    if previous and previous.group(1).lower() in lexicon()["fraction_blockers"]:
        return True
    period = re.match(
        r"^\s+(?:(?:the|this|that|last|next|a|an)\s+)?(?:(?:1[89]|20)\d\d\b|(?:year|decade|century|month)\b)", after
    )
    return bool(period)


def _article_durations(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    """'within a year', 'for almost a decade', 'half a century': durations written with an article, not a digit.
    A lead word (preposition or hedge) is required: 'a year' alone is usually a rate ('5 million tonnes a year')."""
    units = lexicon()["duration_article_units"]
    pattern = _lexicon_regex2(
        "duration_lead_words",
        "duration_article_units",
        r"(?:\b(?:{0})\s+(?:(?:almost|nearly|about|around|more\s+than|less\s+than|just|over|under)\s+)?"
        r"|(?<![\w\s])\s*|^\s*)(?P<phrase>{1})\b(?!\s+(?:ago|later|earlier|before|after|and\s+a|or\s+two))",
    )
    claims = []
    for m in pattern.finditer(text, sentence[0], sentence[1]):
        phrase = re.sub(r"\s+", " ", m.group("phrase").lower())
        if phrase in ("a year", "one year") and not m.group(0)[: m.start("phrase") - m.start()].strip():
            continue  # a bare "a year" at a clause start is too often a rate or an idiom
        value = float(units[phrase])
        unit = "years"
        rest = text[m.end() : sentence[1]]
        subject = _subject_after(rest) or _subject_before(text, sentence, m.start())
        claims.append(_Claim(m.start("phrase"), m.end(), value, unit, subject))
    return claims


@cache
def _lexicon_regex2(key0: str, key1: str, template: str) -> re.Pattern[str]:
    return re.compile(template.format(_words(key0), _words(key1)), re.IGNORECASE)


@cache
def _frequency_idiom() -> re.Pattern[str]:
    """'once or twice', 'think twice': idioms, not counts."""
    return re.compile(rf"\b(?:{_words('frequency_idioms_before')})\s+$", re.IGNORECASE)


def _frequency_words(text: str, sentence: tuple[int, int]) -> list[_Claim]:
    """'travelled twice to Baku', 'met thrice': how often something happened (not 'twice as large')."""
    words = lexicon()["frequency_words"]
    claims = []
    pattern = _lexicon_regex("frequency_words", r"\b({})\b(?!\s+(?:as|the|that|more|less|over|a|an|per)\b)")
    for m in pattern.finditer(text, sentence[0], sentence[1]):
        before = text[sentence[0] : m.start()]
        if not re.search(r"\b[a-z]{2,}\s+$", before) or _frequency_idiom().search(before):
            continue
        subject = _subject_before(text, sentence, m.start())
        claims.append(_Claim(m.start(), m.end(), float(words[m.group(1).lower()]), "count", subject))
    return claims


# ----------------------------------------------------------------------------------------------------------------
# Subjects
# ----------------------------------------------------------------------------------------------------------------


def _subject_after(after: str) -> str:
    """'... of diplomatic relations between us' / '... in foreign investment' -> the noun phrase, or ''."""
    m = _np_after().match(after) or _WORTH_NP.match(after)
    if not m:
        return ""
    words: list[str] = []
    for word in m.group("np").split():
        bare = word.rstrip(",.;:!?)»”\"'’")
        if bare.lower() in _function_words() - {"of", "between"} or _verb_cue().fullmatch(bare) or not bare:
            break
        words.append(bare)
        if bare != word:
            break
    while words and words[-1].lower() in ("of", "between"):
        words.pop()
    return " ".join(words[:7])


def _subject_before(text: str, sentence: tuple[int, int], position: int, verb_end: bool = False) -> str:
    """The noun phrase the clause before ``position`` is about: its words up to the first verb, without leading
    conjunctions, prepositions and determiners ('..., with its freight volume expected to' -> 'freight volume')."""
    clause = _clause_before(text, sentence, position)
    if verb_end:
        clause = re.sub(
            r"\s+(?:has|have|had|was|were|is|are|will|would|could|to|be|been|more\s+than)(?:\s+\w+ly)?\s*$", "", clause
        )
    verb = _verb_cue().search(clause) or _past_tense_after_noun(clause)
    head = clause[: verb.start()] if verb else clause
    head = re.sub(r"\baccording to\b.*$", "", head, flags=re.I)
    head = _LEADING_YEAR.sub("", head.strip())
    head = _lead_words().sub("", head + " ")
    head = _trailing_hedge().sub("", head).strip(" ,;:-–—\"'“”«»()")
    words = head.split()
    if not words:
        # "For three decades, Armenia relied on Russia": the clause after the figure says what it measures
        after = re.split(r"[;:.]|\s[-–—]\s", text[position : sentence[1]])[0]
        words = re.sub(r"^[^,]*,\s*", "", after, count=1).split()[:6]
    return " ".join(words[:10]).strip(" ,;:-–—\"'“”«»()")


def _noun_after(rest: str) -> str:
    """The noun phrase right after a hyphenated figure: '-day war ended ...' -> 'war', ' security deal' -> ..."""
    words: list[str] = []
    for word in re.sub(r"^-old\b", "", rest).split()[:3]:
        bare = word.rstrip(",.;:!?)»”\"'’")
        if not re.fullmatch(_WORD, bare) or bare.lower() in _function_words() or _looks_like_verb(bare):
            break
        words.append(bare)
        if bare != word:
            break
    return " ".join(words)


def _looks_like_verb(word: str) -> bool:
    return bool(_verb_cue().fullmatch(word)) or (word.islower() and len(word) > 4 and word.endswith("ed"))


def _past_tense_after_noun(clause: str) -> re.Match[str] | None:
    """A lowercase '-ed' word after at least one other word: 'The port handled' -> 'handled'."""
    return re.search(r"(?<=\w\s)(?:[a-z]{3,}ed)\b", clause)


def _clause_before(text: str, sentence: tuple[int, int], position: int) -> str:
    """The clause that ends at ``position``: back to the last comma, semicolon, colon or dash of the sentence,
    skipping clause breaks that leave nothing but a verb phrase."""
    chunk = text[sentence[0] : position]
    parts = re.split(r"[;:,()]|\s[-–—]\s|[–—]", chunk)
    clause = parts[-1]
    index = len(parts) - 1
    while index > 0 and (len(clause.split()) < 2 or _verb_cue().match(clause.strip())):
        index -= 1
        clause = parts[index] + "," + clause
    return clause
