"""Find the article body in a plain-text page scrape.

Contract: :func:`split_page` takes the decoded text of a scraped page (menus, headline lists, "Read also"
blocks, widgets and all) and returns a :class:`Page`: every line classified, and the body as the article's
own lines kept VERBATIM (only stripped of surrounding whitespace) and joined with blank lines, so any slice of
the body is also found in the input. It never raises.

How: each line is classified (prose, short line, dateline, furniture, byline, section heading, listed headline)
and scored: prose positively by its length, furniture negatively; the body is the highest-scoring contiguous
run of lines (maximum subarray), which cannot cross the heading of an "end" block such as "Latest news".
An in-body "Read also" list (heading, headlines, timestamps, teasers) and an ad slot cost little, so the run
crosses them when the article resumes; a list at the page's end has no prose after it and stays out.
Furniture inside that run is dropped line by line, and sign-off lines at its tail (author bio, opinion
disclaimer, the outlet's self-description) are cut. The article's headline, when the run starts on it, and a
standfirst that only restates the headline, are not body; nor is a short deck above a wire dateline, nor a pull
quote repeated from a paragraph. Furniture glued to a line's head (a scraper's date stamp, a wire or syndication
credit) is cut into ``Line.lead``; a last paragraph cut mid-sentence stays in the body. The headline is the first
headline-shaped line above the body that is not a menu row, breadcrumb, masthead/tagline, upper-case section
label or photo caption.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from multivector.ingest.cues import alternation, entries
from multivector.ingest.dates import find_dates, is_dateline
from multivector.ingest.furniture import (
    byline_name,
    is_aside_link,
    is_furniture,
    is_inline_furniture,
    is_labelled_byline,
    is_row,
    is_sign_off,
    looks_like_masthead,
    looks_like_person_name,
    section_marker,
)

BLANK, PROSE, SHORT = "blank", "prose", "short"
END, ASIDE, ASIDE_LINK = "end", "aside", "aside_link"
FURNITURE, DATELINE, BYLINE, LISTED = "furniture", "dateline", "byline", "listed"
CAPTION = "caption"  # a caption, photo credit, ad slot or player note: furniture inside an article

#: Kinds never kept in a body, even inside the chosen run.
DROPPED = {END, ASIDE, ASIDE_LINK, FURNITURE, DATELINE, BYLINE, LISTED, CAPTION}

_SCORES = {SHORT: -6.0, LISTED: -25.0, FURNITURE: -25.0, BYLINE: -25.0, ASIDE_LINK: -5.0, DATELINE: -40.0}
_ASIDE_SCORE = -12.0
# Inside a "Read also" block the items cost little: the article may resume after it, and the heading's cost
# already says "this is a break". A block at the end of a page has no prose after it, so it is never kept.
_IN_ASIDE_SCORE = -3.0
_TEASER_MAX = 300  # a one-sentence summary printed under a listed headline
# An ad slot between two paragraphs is a gap in the article, not its end.
_INLINE_AD = alternation("inline_ads", whole=True)
_INLINE_AD_SCORE = -3.0
_BARRIER = -1e9  # an "end" heading: the body never runs across it

_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”»]$")
_QA_PREFIX = re.compile(r"^(?:[-–—•]\s|\d{1,2}[).]\s|Q\s*[:.]|A\s*[:.]|Question\s*:|Answer\s*:)", re.IGNORECASE)
# A line ending like this stops mid-sentence: the text was wrapped, not broken into headlines.
_RUN_ON = re.compile(r"(?:[,\-–]|\b(?:" + "|".join(map(re.escape, entries("run_on_words"))) + r"))$")
# A photo caption ends on its credit: "... (Photo: NAME)", "... Credit: Agency".
_CAPTION = re.compile(r"\(?\b(?:photo|image|picture|credit|фото|foto)s?\s*(?:by|:)[^)]{0,60}\)?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


@dataclass(slots=True)
class Line:
    number: int  # 0-based line number in the input
    text: str  # stripped of surrounding whitespace, otherwise verbatim
    kind: str
    unit: int  # lines of one hard-wrapped paragraph share a unit
    in_aside: bool = False  # listed under a "Read also" heading (the heading included)
    lead: str = ""  # furniture cut from the head of the line: a scraper's date stamp, a wire or syndication credit


@dataclass(slots=True)
class Page:
    lines: list[Line]
    body_lines: list[int] = field(default_factory=list)  # indexes into lines, in order
    title_line: int | None = None  # index into lines of the article's headline, when the page shows one

    @property
    def body(self) -> str:
        return join_lines(self.lines, self.body_lines)

    @property
    def start(self) -> int | None:
        return self.body_lines[0] if self.body_lines else None

    @property
    def end(self) -> int | None:
        return self.body_lines[-1] if self.body_lines else None


def split_page(text: str) -> Page:
    """Classify the lines of ``text`` and pick the article body."""
    lines = classify_lines(text)
    page = Page(lines)
    start, end = best_run(lines)
    if start is None:
        page.body_lines = _fallback_body(lines)
        return page
    page.title_line = find_title_line(lines, start)
    start = _skip_title_and_standfirst(lines, start, end, page.title_line)
    start = _skip_deck_before_dateline(lines, start, end)
    end = _trim_sign_offs(lines, start, end, _header_names(lines, start))
    end = _extend_past_aside(lines, end)
    end = _extend_to_cut_paragraph(lines, end)
    page.body_lines = [i for i in range(start, end + 1) if lines[i].kind not in DROPPED and lines[i].kind != BLANK]
    page.body_lines = _drop_pull_quotes(lines, page.body_lines)
    return page


_PULL_QUOTE_MIN_WORDS = 6
_PULL_QUOTE_MAX = 300  # a pull quote is a sentence or two set in large type
_QUOTE_MARKS = "\"'“”‘’«»„ "


def _drop_pull_quotes(lines: list[Line], body: list[int]) -> list[int]:
    """A line that repeats words of another body paragraph (a pull quote set off in large type) is not body."""
    if len({lines[i].unit for i in body}) < 2:
        return body
    folded = {i: re.sub(r"\s+", " ", lines[i].text.strip(_QUOTE_MARKS)).casefold() for i in body}
    per_unit = Counter(lines[i].unit for i in body)
    joined = "\x00".join(folded[i] for i in body)
    kept = []
    for i in body:
        text = folded[i]
        candidate = (
            len(text) <= _PULL_QUOTE_MAX
            and per_unit[lines[i].unit] == 1
            and len(_WORD.findall(text)) >= _PULL_QUOTE_MIN_WORDS
        )
        if candidate and _inside_a_longer_line(text, joined):
            continue
        kept.append(i)
    return kept


_OCCURRENCES_CHECKED = 8  # a page that repeats one line thousands of times must stay linear


def _inside_a_longer_line(text: str, joined: str) -> bool:
    """Whether ``text`` occurs in ``joined`` (lines separated by NUL) as part of a longer line."""
    pos, checked = joined.find(text), 0
    while pos != -1 and checked < _OCCURRENCES_CHECKED:
        end = pos + len(text)
        whole_line = (pos == 0 or joined[pos - 1] == "\x00") and (end == len(joined) or joined[end] == "\x00")
        if not whole_line:
            return True
        pos, checked = joined.find(text, pos + 1), checked + 1
    return False


# --- classification -------------------------------------------------------------------------------------


def classify_lines(text: str) -> list[Line]:
    lines = []
    for n, raw in enumerate(text.split("\n")):
        lead, rest = split_lead(_strip_markup_debris(raw.strip()))
        lines.append(Line(n, rest, classify(rest), n, lead=lead))
    _merge_wrapped(lines)
    _mark_listed_headlines(lines)
    _mark_aside_blocks(lines)
    return lines


# Furniture glued to the head of a line by a scraper or a syndication feed (kept in Line.lead, not in the body):
# a scraper's stamp "date 2024-03-05 ...", a wire credit "OUTLET-NEWS. November 24, 2014. ..." and a syndication
# credit "(AGGREGATOR - Outlet) ...".
_STAMP_LEAD = re.compile(r"^(?:date|published|posted)\s*:?\s+\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?\s+")
_DATE_TAIL = re.compile(r"[\s,.]*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\s*)?(?:\((?:UTC|GMT)[^)]{0,12}\)\s*)?", re.I)
_CREDIT_LEAD = re.compile(r"(?P<o>[A-Z][A-Z0-9&\-]{2,}(?:[ .][A-Z][A-Z0-9&\-]+){0,2})\.\s+")
_SYNDICATION_LEAD = re.compile(r"\(?[A-Z]{3,}[A-Za-z]*\s*[-–—]\s*(?P<o>[^()\n]{2,60}?)\)(?:\s+(?=\S)|\s*$)")
_MARKUP_DEBRIS = re.compile(r"(?:\s*<\s*/?\s*(?:p|br|div|span|strong|em|b|i|a|li|h[1-6])\s*/?\s*>)+\s*$", re.I)


def _strip_markup_debris(text: str) -> str:
    """A line's text without the stray closing tags a careless scrape leaves at its end ("... scientist< /p>")."""
    return _MARKUP_DEBRIS.sub("", text)


def split_lead(text: str) -> tuple[str, str]:
    """(lead, rest): furniture glued to the head of a line, and the line's own text (a verbatim suffix)."""
    pos = 0
    m = _STAMP_LEAD.match(text)
    if m:
        pos = m.end()
        date_here = find_dates(text[pos : pos + 40])
        if date_here and date_here[0].start == 0:  # the page's own date line follows the stamp
            tail = _DATE_TAIL.match(text, pos + date_here[0].end)
            if tail and tail.end() < len(text):
                pos = tail.end()
    m = _SYNDICATION_LEAD.match(text, pos)
    if m:
        pos = m.end()
    m = _CREDIT_LEAD.match(text, pos)
    if m and _credits_an_outlet(m.group("o")):
        dates = find_dates(text[m.end() : m.end() + 40])
        if dates and dates[0].start == 0:
            after = re.match(r"[.,:]?\s+(?=[A-ZА-ЯЁ\"“«])", text[m.end() + dates[0].end :])
            if after:
                pos = m.end() + dates[0].end + after.end()
    if pos and pos < len(text):
        return text[:pos], text[pos:]
    return "", text


def lead_outlet(lead: str) -> str | None:
    """The outlet a lead credits, as written: "OREANDA-NEWS. ..." -> "OREANDA-NEWS", "(MENAFN - Asia Times)"."""
    pos = 0
    m = _STAMP_LEAD.match(lead)
    if m:
        pos = m.end()
        dates = find_dates(lead[pos : pos + 40])
        if dates and dates[0].start == 0:
            tail = _DATE_TAIL.match(lead, pos + dates[0].end)
            pos = tail.end() if tail else pos
    m = _SYNDICATION_LEAD.match(lead, pos)
    if m:
        return m.group("o").strip()
    m = _CREDIT_LEAD.match(lead, pos)
    return m.group("o") if m and _credits_an_outlet(m.group("o")) else None


def _names_an_outlet(text: str) -> bool:
    """The line is exactly an outlet of the catalogue ("The Times of Central Asia"): a masthead."""
    from multivector.ingest.metadata import is_outlet_name

    return is_outlet_name(text.strip(" .:|"))


def _credits_an_outlet(token: str) -> bool:
    from multivector.ingest.metadata import resolve_outlet  # metadata reads Pages: imported when first needed

    return bool(resolve_outlet(token))


def classify(text: str) -> str:
    """Kind of one stripped line, on its own."""
    if not text:
        return BLANK
    marker = section_marker(text)
    if marker:
        return marker
    if is_aside_link(text):
        return ASIDE_LINK
    if is_dateline(text):
        return DATELINE
    if is_labelled_byline(text):
        return BYLINE  # "Text: NAME. Photo: NAME" is a byline that also carries a credit
    if is_inline_furniture(text):
        return CAPTION
    if is_furniture(text):
        return FURNITURE
    if byline_name(text):
        return BYLINE
    return PROSE if is_prose(text) else SHORT


def is_prose(text: str) -> bool:
    """A sentence or paragraph, as opposed to a headline, label or menu."""
    words = len(_WORD.findall(text))
    if _TERMINAL.search(text):
        return words >= 3 or (words >= 1 and bool(_QA_PREFIX.match(text)))
    return len(text) >= 150 and words >= 15


def _merge_wrapped(lines: list[Line]) -> None:
    """Hard-wrapped paragraphs become one unit, classified on their joined text."""
    for block in _text_blocks(lines):
        if _is_wrapped_block(block):
            for line in block[1:]:
                line.unit = block[0].unit
    for prev, line in zip(lines, lines[1:], strict=False):
        # a line that stops mid-sentence and a next line that starts in lower case
        if prev.kind in (PROSE, SHORT) and line.kind in (PROSE, SHORT) and len(prev.text) >= 30:
            if not _TERMINAL.search(prev.text) and line.text[:1].islower():
                line.unit = prev.unit
    units: dict[int, list[Line]] = {}
    for line in lines:
        units.setdefault(line.unit, []).append(line)
    for members in units.values():
        if len(members) > 1:
            kind = PROSE if is_prose(" ".join(m.text for m in members)) else SHORT
            for m in members:
                m.kind = kind


def _text_blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive prose/short lines (no blank line, no furniture between them)."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.kind in (PROSE, SHORT):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if len(b) >= 2]


def _is_wrapped_block(block: list[Line]) -> bool:
    """Lines of a fixed width that run on mid-sentence and end on a full stop: one paragraph wrapped."""
    widths = [len(line.text) for line in block[:-1]]
    if min(widths) < 45 or max(widths) > 120 or max(widths) - min(widths) > 0.35 * max(widths):
        return False
    if not _TERMINAL.search(block[-1].text) or len(block[-1].text) > max(widths) + 5:
        return False
    internal = [line.text for line in block[:-1]]
    if sum(1 for text in internal if _TERMINAL.search(text)) * 2 > len(internal):
        return False
    return any(_RUN_ON.search(text) for text in internal)


def _mark_listed_headlines(lines: list[Line]) -> None:
    """Headlines of other articles: a short line followed (within two lines) by a timestamp line."""
    content = [i for i, line in enumerate(lines) if line.kind != BLANK]
    for pos, i in enumerate(content):
        if lines[i].kind != DATELINE:
            continue
        for back in (1, 2):
            if pos - back < 0:
                break
            j = content[pos - back]
            if lines[j].kind not in (SHORT, PROSE) or not _headline_shaped(lines[j].text):
                break
            if back == 2 or _is_list_region(lines, content, pos):
                lines[j].kind = LISTED


def _is_list_region(lines: list[Line], content: list[int], pos: int) -> bool:
    """At least two timestamp lines among the six content lines around position ``pos``."""
    window = content[max(0, pos - 4) : pos + 5]
    return sum(1 for i in window if lines[i].kind == DATELINE) >= 2


def _headline_shaped(text: str) -> bool:
    return len(text) < 200 and not text.endswith((".", ":", ";"))


def _mark_aside_blocks(lines: list[Line]) -> None:
    """Lines listed under a "Read also" heading (headlines, their timestamps and teasers), up to the article."""
    content = [line for line in lines if line.kind != BLANK]
    inside, teasers = False, False
    for pos, line in enumerate(content):
        if line.kind in (ASIDE, END):
            inside, teasers = True, False
            line.in_aside = line.kind == ASIDE
        elif inside and line.kind in (SHORT, LISTED):
            line.kind, line.in_aside = LISTED, True
        elif inside and line.kind == DATELINE:
            line.in_aside = True
        elif inside and line.kind == PROSE and (_is_teaser(lines, content, pos, teasers) or _tail_item(content, pos)):
            line.kind, line.in_aside, teasers = LISTED, True, True
        elif inside and line.kind == PROSE and not _headline_shaped(line.text):
            inside = False


_TAIL_ITEMS = 2


def _tail_item(content: list[Line], pos: int) -> bool:
    """A short line right under a "Related" heading among the last lines of a page: an item of a list that the
    article does not resume after."""
    rest = content[pos:]
    if content[pos - 1].kind not in (ASIDE, END) or len(rest) > _TAIL_ITEMS:
        return False
    return all(len(line.text) < _TEASER_MAX and line.kind != END for line in rest)


def _is_teaser(lines: list[Line], content: list[Line], pos: int, seen_teasers: bool) -> bool:
    """A short summary under a listed headline: set right under it, or in a headline/summary pattern.

    An article that resumes after an in-body list follows a gap and is followed by more paragraphs.
    """
    line, previous = content[pos], content[pos - 1]
    if previous.kind != LISTED or len(line.text) >= _TEASER_MAX:
        return False
    directly_under = previous.number == line.number - 1
    following = content[pos + 1] if pos + 1 < len(content) else None
    headline_next = following is not None and following.kind == SHORT and _headline_shaped(following.text)
    return directly_under or seen_teasers or headline_next


# --- choosing the run of body lines ---------------------------------------------------------------------


def line_score(line: Line) -> float:
    if line.kind == PROSE:
        return 10.0 + min(len(line.text), 3000) / 25.0
    if line.kind == END:
        return _BARRIER
    if line.kind == ASIDE:
        return _ASIDE_SCORE
    if line.in_aside:
        return _IN_ASIDE_SCORE
    if line.kind == CAPTION or (line.kind == FURNITURE and _INLINE_AD.match(line.text)):
        return _INLINE_AD_SCORE
    return _SCORES.get(line.kind, 0.0)


def best_run(lines: list[Line]) -> tuple[int | None, int | None]:
    """Indexes of the first and last line of the highest-scoring run that starts and ends on prose."""
    best, best_span = 0.0, (None, None)
    total, run_start = 0.0, None
    for i, line in enumerate(lines):
        score = line_score(line)
        if run_start is None:
            if score <= 0:
                continue
            run_start, total = i, 0.0
        total += score
        if total <= 0:
            run_start, total = None, 0.0
            continue
        if line.kind == PROSE and total > best:
            best, best_span = total, (run_start, i)
    return best_span


def _extend_past_aside(lines: list[Line], end: int) -> int:
    """An in-body "Read also" block followed by the article's last short paragraph(s): the paragraphs are body
    though they score less than the block costs. A teaser under a listed headline is not such a paragraph."""
    content = [i for i in range(end + 1, len(lines)) if lines[i].kind != BLANK]
    pos = 0
    while pos < len(content) and lines[content[pos]].kind == ASIDE:
        pos += 1
        while pos < len(content) and lines[content[pos]].in_aside and lines[content[pos]].kind != ASIDE:
            pos += 1
        resumed = pos
        while pos < len(content) and lines[content[pos]].kind == PROSE and not lines[content[pos]].in_aside:
            pos += 1
        if pos == resumed:
            break
        end = content[pos - 1]
    return end


_SUBHEADING_MAX_WORDS = 8


def _extend_to_cut_paragraph(lines: list[Line], end: int) -> int:
    """A last paragraph cut mid-sentence (a truncated scrape) is too short to score as prose: keep it, with the
    closing subheading above it, when the page ends there or furniture follows it."""
    content = [i for i in range(end + 1, len(lines)) if lines[i].kind != BLANK]
    if not content:
        return end
    candidates = content[:1]
    first = lines[content[0]]
    if len(content) > 1 and first.kind == SHORT and len(_WORD.findall(first.text)) <= _SUBHEADING_MAX_WORDS:
        candidates.append(content[1])  # a closing subheading, then its cut paragraph
    for i in candidates:
        line = lines[i]
        after = content[content.index(i) + 1 :]
        if line.kind != SHORT or not _is_cut_sentence(line.text, at_page_end=not after):
            continue
        if not after or lines[after[0]].kind in DROPPED or lines[after[0]].in_aside:
            return i
    return end


def _is_cut_sentence(text: str, *, at_page_end: bool = False) -> bool:
    """Words of a sentence that stops mid-way: a capital or quote first, lower-case words, no closing mark. At
    the very end of a page a few words that stop on "the", "of", "and"... are enough."""
    words = text.split()
    enough = 2 if at_page_end and _RUN_ON.search(text) else 4
    if len(words) < enough or _TERMINAL.search(text) or not re.match(r"[\"“«'‘(]?[A-ZА-ЯЁ0-9]", text):
        return False
    last = words[-1].rstrip(",;–—-")
    if not last.isalpha() or not last.islower():
        return False
    capitals = sum(1 for w in words[1:] if w[:1].isupper())
    return capitals * 2 < len(words) - 1 and (len(words) >= 8 or bool(_RUN_ON.search(text)))


def _fallback_body(lines: list[Line]) -> list[int]:
    """No paragraph of prose anywhere (a one-line note, a list): keep every line that is not furniture."""
    return [i for i, line in enumerate(lines) if line.kind in (SHORT, PROSE)]


def _header_names(lines: list[Line], start: int) -> tuple[str, ...]:
    """Names in the bylines above the body: a bio that closes the article names one of them."""
    names = [byline_name(line.text) for line in lines[:start] if line.kind == BYLINE]
    names += [line.text for line in lines[:start] if line.kind == SHORT and looks_like_person_name(line.text)]
    return tuple(n for n in names if n)


def _trim_sign_offs(lines: list[Line], start: int, end: int, authors: tuple[str, ...]) -> int:
    """The body's last line once the closing bio / disclaimer / outlet blurb lines are cut off its tail."""
    last = end
    for i in range(end, start, -1):
        line = lines[i]
        if line.kind == BLANK or line.kind in DROPPED:
            continue
        if not is_sign_off(line.text, authors):
            break
        last = i - 1
    while last > start and lines[last].kind != PROSE:
        last -= 1
    return last if last >= start else end


# --- headline and standfirst ----------------------------------------------------------------------------


def find_title_line(lines: list[Line], body_start: int) -> int | None:
    """The article's headline: the first headline-shaped line above the body that is not page furniture.

    When lists of other articles ("Latest news") stand above the article, the headline is instead the last
    headline-shaped line before the body's dateline/byline block: list items are followed by list items.
    """
    content = [i for i in range(body_start + 1) if lines[i].kind != BLANK]
    if any(lines[i].kind in (END, ASIDE) for i in content):
        return _title_after_lists(lines, content)
    for pos, i in enumerate(content):
        line = lines[i]
        if line.kind not in (SHORT, PROSE, LISTED) or not _headline_candidate(line, pos):
            continue
        if _is_list_region(lines, content, min(pos + 1, len(content) - 1)) and _starts_a_list(lines, content, pos):
            continue
        return i
    return None


def _title_after_lists(lines: list[Line], content: list[int]) -> int | None:
    """The last headline-shaped line before the body that is not an item of a timestamped list.

    Captions, credit lines, rows and bylines between headline and body are not headline-shaped, so the scan
    up from the body passes them.
    """
    for pos in range(len(content) - 2, -1, -1):
        line = lines[content[pos]]
        if line.kind not in (SHORT, PROSE, LISTED) or not _headline_candidate(line, pos):
            continue
        following = lines[content[pos + 1]].kind
        if following == DATELINE and _is_list_region(lines, content, pos + 1) and not _set_apart(lines, content, pos):
            continue  # an item of a timestamped list
        return content[pos]
    return None


def _set_apart(lines: list[Line], content: list[int], pos: int) -> bool:
    """The headline under a list: after a blank line that ends the list, dated with a full date (list items
    carry times or dates at most, and stand one under the other)."""
    previous = content[pos - 1] if pos else None
    if previous is None or lines[previous].kind != DATELINE or content[pos] - previous < 2:
        return False
    stamp = lines[content[pos + 1]].text
    return bool(find_dates(stamp)) and not find_dates(lines[previous].text)


_MASTHEAD_ZONE = 4  # a site's name and tagline stand among the first lines of the page


def _headline_candidate(line: Line, pos: int) -> bool:
    """Headline-shaped, and neither the site's masthead/tagline at the top nor an upper-case section label."""
    text = line.text
    if not _title_shaped(text) or (pos < _MASTHEAD_ZONE and (looks_like_masthead(text) or _names_an_outlet(text))):
        return False
    return not (text.isupper() and len(text.split()) <= 5)


_TITLE_MAX = 200  # a longer line is a paragraph or an interview question, not a headline


def _title_shaped(text: str) -> bool:
    """Could be a headline: a few words, no sentence end, and not a menu row, breadcrumb, masthead or caption."""
    words = _WORD.findall(text)
    if len(words) < 3 or not 12 <= len(text) <= _TITLE_MAX or looks_like_person_name(text) or _QA_PREFIX.match(text):
        return False
    if is_row(text) or _CAPTION.search(text):
        return False
    return not text.endswith((".", ",", ";")) or text.endswith("...")


def _starts_a_list(lines: list[Line], content: list[int], pos: int) -> bool:
    following = [lines[i].kind for i in content[pos + 1 : pos + 5]]
    return following.count(DATELINE) >= 2


def _skip_title_and_standfirst(lines: list[Line], start: int, end: int, title: int | None) -> int:
    if title is None:
        return start
    if start <= title:
        start = _next_prose(lines, title + 1, end)
    between = [i for i in range(title + 1, start) if lines[i].kind != BLANK]
    if not between and _restates(lines[start].text, lines[title].text):
        start = _next_prose(lines, start + 1, end)
    return start


# The wire dateline that opens a news report: "Moscow (AsiaNews) The ...", "BAKU, Azerbaijan, April 28. ...",
# "ASTANA. KAZINFORM – ...". A short paragraph above it is the standfirst (deck), not the body's first line.
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][\w\-]+(?:,? [A-Z][\w\-]+)?\s+\([^()]{2,40}\)\s*[–—-]?\s+[A-Z\"“«]|"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ\-]{2,}(?:,\s+[A-Z][\w\-]+)*(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?[.,]?\s+(?:[A-ZА-ЯЁ]{3,}\s*)?[–—:-]?\s*[A-Z\"“«])"
)
_DECK_MAX = 400  # a standfirst is a sentence or two


def _skip_deck_before_dateline(lines: list[Line], start: int, end: int) -> int:
    """The body starts at a wire dateline when only a short standfirst stands above it."""
    prose = [i for i in range(start, end + 1) if lines[i].kind == PROSE][:3]
    for pos, i in enumerate(prose[1:], 1):
        if _WIRE_DATELINE.match(lines[i].text):
            above = prose[:pos]
            if len({lines[j].unit for j in above}) <= 2 and all(len(lines[j].text) <= _DECK_MAX for j in above):
                return i
            break
    return start


def _next_prose(lines: list[Line], i: int, end: int) -> int:
    while i < end and lines[i].kind != PROSE:
        i += 1
    return i


def _restates(line: str, headline: str) -> bool:
    """A standfirst that mostly repeats the headline's words (a news lede, a full sentence, may do that too)."""
    if len(line) > 300 or (len(line) >= 100 and _TERMINAL.search(line)):
        return False
    a = {w.casefold() for w in _WORD.findall(line) if len(w) > 3}
    b = {w.casefold() for w in _WORD.findall(headline) if len(w) > 3}
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


def join_lines(lines: list[Line], indexes: list[int]) -> str:
    """Body text: lines of one wrapped paragraph joined by a newline, paragraphs by a blank line."""
    parts: list[str] = []
    for pos, i in enumerate(indexes):
        if pos:
            parts.append("\n" if lines[indexes[pos - 1]].unit == lines[i].unit else "\n\n")
        parts.append(lines[i].text)
    return "".join(parts)
