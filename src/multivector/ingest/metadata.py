"""Title, publication date, outlet and authors of a text page scrape.

Contract: :func:`page_metadata` reads a :class:`~multivector.ingest.boilerplate.Page` (lines classified, body
chosen) and returns :class:`Metadata`. Everything is taken from the page furniture around THIS article: the
headline above the body, the dateline and byline between headline and body or in the labelled table right
after it; never from the lists of other headlines. Bylines are "By NAME", "Author: NAME", a lone name, a
"NAME  date" row, a wire credit "NAME, Outlet:" or an op-ed credit "NAME's op-ed for Outlet"; joint bylines
split into names. The outlet comes from the URL's domain, then from the body's own cues ("X talks to", "in an
interview with X", "correspondent of the X", "... to X:"), then from outlet names in the furniture, spelled as
the masthead writes it when a catalogue alias ("X News Agency"); names resolve through ``data/outlets.json``.
A title loses an appended "| Outlet". A relative dateline ("3 hours ago") is dated from the crawl date when one
is known. Outlets found by cues are given as the page writes them (see docs/ingest.md for the order). Unknown
values are None / [].
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from multivector.data.outlets import Outlet, is_outlet_name, load_outlets, outlet_index  # noqa: F401 (re-exported)
from multivector.ingest.boilerplate import BLANK, BYLINE, DATELINE, END, LISTED, SHORT, Line, Page
from multivector.ingest.cues import alternation, words
from multivector.ingest.dates import find_dates, publication_date, relative_date, strip_dates
from multivector.ingest.furniture import byline_name, has_section_word, looks_like_person_name, split_names

_UPDATED = re.compile(r"\b(?:updated|modified|обновлено|изменено|yenilənib|güncellendi)\b", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:author|authors|автор|авторы|müəllif|автор материала|by)\s*:?$", re.IGNORECASE)
_DOMAIN_LIKE = re.compile(
    r"^[A-Z0-9][\w\-]*(?:\.[A-Za-z][\w\-]*)*\.(?:az|kz|uz|kg|tj|tm|am|ge|mn|ru|ua|by|tr|cn|com|org|net|info|"
    r"media|news|asia|eu|uk)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:фото|photo|photos|image|video|видео|source|источник|credit|foto|şəkil|сурет|mənbə)\b|"
    r"\b(?:photo|image|picture|credit|фото|foto)s?(?: by)?\s*[:©]|\((?:[^()]*\b)?photos?\)|"
    r"(?:^|[.!?]\s+)©\s*(?!\s*\d{4})(?!.*\b(?:rights|reserved)\b)",
    re.I,
)  # photo credits: an agency named there is not the publisher
_NEWSY = alternation("newsy_words", prefix=r"\b", suffix=r"\b")
_OUTLET_TOKEN = r"(?P<o>(?:the\s+)?[A-Z0-9][\w\-]*(?:\.[A-Za-z]{2,8})*(?:\s+[A-Z][\w\-]*(?:\.[A-Za-z]{2,8})*){0,3})"
# Cues that name the publisher of an interview or report, in the article's own words.
_OUTLET_CUES = [
    re.compile(
        rf"{_OUTLET_TOKEN}\s+(?:talks|talked|speaks|spoke|has talked|had a conversation|had an interview|"
        rf"presents an interview|presents|interviewed|asked|spoke exclusively)\b"
    ),
    re.compile(rf"\b(?:in an?|an|exclusive) (?:exclusive )?interview (?:with|to|for) (?:the )?{_OUTLET_TOKEN}"),
    re.compile(rf"\bcorrespondent (?:of|for) (?:the )?{_OUTLET_TOKEN}"),
    re.compile(rf"\b(?:told|tells|said to) (?:the )?{_OUTLET_TOKEN}"),
    re.compile(rf"\b(?:answered|answers|answering|responded to) (?:the )?questions (?:from|of|by) {_OUTLET_TOKEN}"),
    re.compile(rf"\bgave (?:an? )?(?:exclusive )?interview to (?:the )?{_OUTLET_TOKEN}"),
    re.compile(rf"\bto (?:the )?{_OUTLET_TOKEN}:\s*$"),
    re.compile(rf"\b(?:opinions?|comments?|interview) (?:at|on|for) {_OUTLET_TOKEN}"),
    # wire datelines: "ASTANA. KAZINFORM –", "BISHKEK (Kabar) -", "Baku, Azerbaijan, June 1. Trend:"
    re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?:,? [A-ZА-ЯЁ][\w\-]+)?[.,]?\s+\(?(?P<o>[A-Z][\w.\-]+)\)?\s*[–—-]\s"),
    re.compile(r"^[^()\n]{2,60}\((?P<o>[A-Z][\w.\-/]+(?: [A-Z][\w\-]+)?)\)\s*[–—-]\s"),
    re.compile(r"^[A-Z][\w\-]+, [A-Z][\w\-]+(?:, [A-Z][a-z]+\.? \d{1,2})?\.\s+(?P<o>[A-Z][\w.\-]+):\s"),
]
_TALK_TAIL = re.compile(
    r"\s+(?:talks|talked|speaks|spoke|tells|told) (?:to|with)?\s*\S.*$|\s+(?:opinions?|interview) (?:at|on|for) .*$"
)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)


def page_metadata(page: Page, url: str | None = None, *, crawled: date | str | None = None) -> Metadata:
    """Metadata of the article in ``page`` (``url``, when known, names the publisher; ``crawled``, when known,
    dates a relative timestamp such as "3 hours ago")."""
    return Metadata(
        title=page_title(page),
        published=page_published(page) or _relative_published(page, crawled),
        outlet=page_outlet(page, url),
        authors=page_authors(page),
    )


# --- title ------------------------------------------------------------------------------------------------


def page_title(page: Page) -> str | None:
    if page.title_line is None:
        return None
    return clean_title(page.lines[page.title_line].text)


# A kicker in capitals glued before the headline: "KYRGYZSTAN Russia and China ...", "CENTRAL ASIA Japan ...".
# One short upper-case word is an acronym that starts the headline ("NATO expands ..."), so it stays.
_KICKER = re.compile(
    r"^(?P<kicker>[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+){0,3})\s+(?=[A-ZА-ЯЁ][a-zа-яё])"
)
_KICKER_MIN = 6  # letters of a kicker's longest word: "EU US trade talks" and "NATO CSTO summit" keep theirs


def _drop_kicker(title: str) -> str:
    m = _KICKER.match(title)
    if not m or len(title[m.end() :].split()) < 3:
        return title
    words = m.group("kicker").split()
    if max(len(w) for w in words) < _KICKER_MIN or any(w.casefold() in _actor_acronyms() for w in words):
        return title  # acronyms that start the headline ("UNESCO lists ...")
    return title[m.end() :]


def clean_title(title: str) -> str | None:
    """The headline without a kicker in capitals before it, nor an appended "| Outlet", "Outlet talks to NAME" or
    "opinions at Outlet" tail."""
    text = _drop_kicker(_drop_site_suffix(title.strip()))
    m = _TALK_TAIL.search(text)
    if m:
        head = text[: m.start()]
        cut = _outlet_suffix_start(head)
        if cut is not None and len(head[:cut].split()) >= 2:
            text = head[:cut].rstrip(" -–—|:")
        elif m.group(0).lstrip().lower().startswith(("opinion", "interview")):
            text = _drop_trailing_noun_phrase(head)
    return text or None


_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—]{2,60})$")


def site_of_title(title: str) -> str | None:
    """The site a page title appends ("Headline | Outlet"), as written, when it reads as an outlet."""
    m = _SITE_SUFFIX.search(title.strip())
    if m and len(title[: m.start()].split()) >= 3 and resolve_outlet(m.group("site")):
        return m.group("site").strip()
    return None


def _drop_site_suffix(title: str) -> str:
    """ "Headline | Outlet" -> "Headline": page titles often append the site's name."""
    m = _SITE_SUFFIX.search(title)
    if m and len(title[: m.start()].split()) >= 3 and resolve_outlet(m.group("site")):
        return title[: m.start()].rstrip()
    return title


def _outlet_suffix_start(head: str) -> int | None:
    """Where an outlet name that ends ``head`` starts, if it does."""
    for name in sorted(_outlet_names(), key=len, reverse=True):
        if head.casefold().endswith(" " + name.casefold()):
            return len(head) - len(name)
    last = head.rsplit(" ", 1)
    if len(last) == 2 and _DOMAIN_LIKE.match(last[1]):
        return len(last[0]) + 1
    return None


def _drop_trailing_noun_phrase(head: str) -> str:
    # "... ties Expert opinions at X": the tail's subject ("Expert", "Experts'") is part of the appendix.
    words = head.split()
    while words and words[-1][:1].isupper() and len(words) > 3:
        words.pop()
    return " ".join(words)


# --- publication date -------------------------------------------------------------------------------------


def page_published(page: Page) -> str | None:
    stamped = _lead_date(page)
    if stamped:
        return stamped
    for line in _header_datelines(page) + _footer_datelines(page):
        found = publication_date(line.text)
        if found:
            return found.iso
    return _byline_date(page) or _body_dateline(page)


_CRAWL_STAMP = re.compile(r"^(?:crawled|retrieved|accessed|scraped|fetched|saved)(?:\s+(?:on|at))?\s*:?\s+", re.I)


def _relative_published(page: Page, crawled: date | str | None) -> str | None:
    """A relative dateline above the body ("3 hours ago", "yesterday") dated from the crawl date: the one given,
    else a "Retrieved: DATE" stamp of the scraper."""
    base = _crawl_date(page, crawled)
    if base is None:
        return None
    start = page.start if page.start is not None else len(page.lines)
    for line in page.lines[:start]:
        if line.kind == DATELINE and not _in_list(page, line.number):
            iso = relative_date(line.text, base)
            if iso:
                return iso
    return None


def _crawl_date(page: Page, crawled: date | str | None) -> date | None:
    if isinstance(crawled, date):
        return crawled
    texts = [crawled] if isinstance(crawled, str) else []
    texts += [line.text[m.end() :] for line in page.lines if (m := _CRAWL_STAMP.match(line.text))]
    for text in texts:
        found = find_dates(text)
        if found and len(found[0].iso) == 10:
            return date.fromisoformat(found[0].iso)
    return None


def _lead_date(page: Page) -> str | None:
    """The date of a scraper's stamp or wire credit glued to a line above or at the body's start."""
    last = page.start if page.start is not None else len(page.lines) - 1
    for line in page.lines[: last + 1]:
        dates = find_dates(line.lead) if line.lead else []
        if dates:
            return dates[0].iso
    return None


def _byline_date(page: Page) -> str | None:
    """A full date inside a short line between the headline and the body ("By NAME in Nation on 14 October 2024"),
    when no line of its own carries the date."""
    if page.title_line is None or page.start is None:
        return None
    for line in page.lines[page.title_line + 1 : page.start]:
        if len(line.text) > 160 or _in_list(page, line.number):
            continue
        dates = [d for d in find_dates(line.text) if len(d.iso) == 10]
        if dates:
            return dates[0].iso
    return None


def _header_datelines(page: Page) -> list[Line]:
    """Datelines above the body, the ones under the headline first; "updated" stamps last."""
    start = page.start if page.start is not None else len(page.lines)
    top = page.title_line if page.title_line is not None else -1
    lines = page.lines[:start]
    stamps = [line for line in lines if line.kind == DATELINE and not _in_list(page, line.number)]
    stamps.sort(key=lambda line: (line.number < top, bool(_UPDATED.search(line.text)), abs(line.number - top)))
    return stamps


def _footer_datelines(page: Page) -> list[Line]:
    """Datelines in the metadata table right after the body, before any list of other articles."""
    if page.end is None:
        return []
    found: list[Line] = []
    for line in page.lines[page.end + 1 : page.end + 16]:
        if line.kind in (END, LISTED) or line.kind == "aside":
            break
        if line.kind == DATELINE and not _in_list(page, line.number):
            found.append(line)
    return sorted(found, key=lambda line: bool(_UPDATED.search(line.text)))


def _body_dateline(page: Page) -> str | None:
    """Wire style: "ASTANA, June 1, 2023 – ..." at the head of the first paragraph."""
    if page.start is None:
        return None
    head = page.lines[page.start].text[:60]
    dates = find_dates(head)
    if dates and re.match(r"\s*(?:\(|[-–—]|/|$)", head[dates[0].end :]) and len(dates[0].iso) == 10:
        return dates[0].iso
    return None


def _in_list(page: Page, number: int) -> bool:
    """A timestamp of another headline: a listed headline sits right above it."""
    for line in reversed(page.lines[max(0, number - 3) : number]):
        if _is_title(page, line):
            return False
        if line.kind == LISTED:
            return True
        if line.kind not in (BLANK, LISTED):
            return False
    return False


def _is_title(page: Page, line: Line) -> bool:
    return page.title_line is not None and line.number == page.lines[page.title_line].number


# --- authors ----------------------------------------------------------------------------------------------


_HONORIFIC = alternation("honorifics", prefix="^", suffix=r"\.?\s+(?=[A-ZА-ЯЁ])")


def page_authors(page: Page) -> list[str]:
    names = [part for name in _header_authors(page) + _footer_authors(page) for part in _split_names(name)]
    names = [_HONORIFIC.sub("", name).strip() for name in names]
    unique: list[str] = []
    for name in names:
        if name.casefold() not in {u.casefold() for u in unique}:
            unique.append(name)
    return unique


def _split_names(byline: str) -> list[str]:
    return split_names(byline)


def _header_authors(page: Page) -> list[str]:
    names = _authors_between(page, page.title_line if page.title_line is not None else -1)
    if not names and page.title_line is not None:
        # a byline printed above the headline ("By NAME" / "NAME  date" at the top of the page)
        names = _authors_between(page, -1, page.title_line, lone_names=False)
    return names


def _authors_between(page: Page, after: int, before: int | None = None, *, lone_names: bool = True) -> list[str]:
    start = page.start if page.start is not None else len(page.lines)
    start = start if before is None else min(start, before)
    body_head = " ".join(page.lines[i].text for i in page.body_lines[:3])
    names: list[str] = []
    for line in page.lines[after + 1 : start]:
        if not lone_names and _in_list(page, line.number):
            continue
        if line.kind == BYLINE:
            names.append(byline_name(line.text) or "")
        elif line.kind == DATELINE:
            names.append(_name_beside_date(line.text) or "")
        elif lone_names and line.kind in (SHORT, LISTED) and len(split_names(line.text)) > 1:
            names.append(line.text)  # "NAME, NAME": a joint byline without a label
        elif lone_names and line.kind in (SHORT, LISTED) and looks_like_person_name(line.text):
            if _is_outlet_name(line.text):
                continue
            # a lone name under the headline is a byline unless the article is about that person
            if _surname(line.text) not in body_head:
                names.append(line.text)
    return [n for n in names if n]


_ROW_PARTS = re.compile(r"\s{2,}|\s*[|•·]\s*|\s[-–—]\s|,\s")


def _name_beside_date(text: str) -> str | None:
    """The byline of a combined byline/date row: "NAME  Apr 16, 2025", "By NAME | 12 May 2025"."""
    for part in _ROW_PARTS.split(strip_dates(text)):
        part = re.sub(r"\s+(?:on|at)$", "", part.strip(" ,;:|"))  # "Written by NAME on DATE"
        name = byline_name(part) or (part if looks_like_person_name(part) else None)
        if name and not has_section_word(name) and not _is_outlet_name(name):
            return name
    return None


def _footer_authors(page: Page) -> list[str]:
    if page.end is None:
        return []
    names: list[str] = []
    tail = [line for line in page.lines[page.end + 1 : page.end + 16] if line.kind != BLANK]
    for prev, line in zip(tail, tail[1:], strict=False):
        if prev.kind in (END, LISTED) or prev.kind == "aside":
            break
        if _AUTHOR_LABEL.match(prev.text) and looks_like_person_name(line.text):
            names.append(line.text)
    names += [byline_name(line.text) or "" for line in tail[:6] if line.kind == BYLINE]
    return [n for n in names if n]


def _surname(name: str) -> str:
    return name.split()[-1]


# --- outlet -----------------------------------------------------------------------------------------------


def _outlet_index() -> dict[str, str]:
    return outlet_index()


def _outlet_names() -> list[str]:
    return [key for outlet in load_outlets() for key in (outlet.name, *outlet.aliases, *outlet.domains)]


def outlet_for_url(url: str) -> str | None:
    """Catalogue name of the outlet a URL belongs to (subdomains included), else None."""
    try:
        host = (urlsplit(url).hostname or "").casefold()
    except ValueError:
        return None
    host = host.removeprefix("www.")
    for outlet in load_outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    return None


def resolve_outlet(name: str) -> str | None:
    """Catalogue name for an outlet name as written; the name itself when it looks like an outlet."""
    text = re.sub(r"^the\s+", "", name.strip().strip(".,;:'\"“”’"), flags=re.IGNORECASE)
    if not text:
        return None
    hit = _outlet_index().get(text.casefold()) or _outlet_index().get(("the " + text).casefold())
    if hit:
        return hit
    if _DOMAIN_LIKE.match(text) or _NEWSY.search(text):
        return text
    return None


_is_outlet_name = is_outlet_name


def page_outlet(page: Page, url: str | None = None) -> str | None:
    """The publisher: the URL's domain, a credit glued to the body's head, the body's self-credits ("told X.",
    ", X reports."), the furniture's ("Donate to X!", "NAME, X, City."), catalogue names in the furniture."""
    if url:
        by_url = outlet_for_url(url)
        if by_url:
            return by_url
    credited = _outlet_from_lead(page)
    if credited:
        return credited
    cued, furnished = _outlet_from_cues(page), _outlet_from_furniture(page)
    if cued and furnished and resolve_outlet(cued) == resolve_outlet(furnished):
        return furnished  # the same outlet, spelled as its own masthead writes it ("Trend News Agency")
    return cued or _outlet_from_prompts(page) or furnished or _outlet_from_copyright(page)


_NAME = r"(?:[A-Z0-9][\w\-/&]*(?:\.[A-Za-z]{2,8})*)"
_WRITTEN = rf"(?P<o>{_NAME}(?:\s+{_NAME}){{0,3}})"
_QUOTED = rf"[\"“«]?{_WRITTEN}[\"”»]?"
_POSSESSIVE = r"(?:['’]s(?:\s+[A-Z][\w\-]*){1,3})?"
_CLAUSE_END = r"(?=\s*(?:[.,;:!?)]|$|\s(?:that|on|in|about|when|after|last|this|earlier)\b))"
# Self-credits a page gives anywhere in its body: "told Trend.", "Speaking to ETV Bharat,", ", Report informs.",
# "specifically for Caliber.Az", and the wire dateline "Moscow (AsiaNews) ..." at the head of a paragraph.
_SELF_CREDITS = [
    re.compile(
        rf"(?:\b(?i:told|tells|said to|spoke to|gave an interview to|in an interview (?:with|to|for)|"
        rf"(?:specifically|specially|exclusively) for)"
        rf"|(?:^|[.!?]\s+)(?:Speaking|Talking) to)"  # sentence-initial only: "NAME, speaking to X, said" cites X
        rf"\s+(?:the\s+)?{_QUOTED}{_POSSESSIVE}{_CLAUSE_END}"
    ),
    re.compile(
        rf"(?:^|[,;]\s+|[.!?]\s+)(?:the\s+)?{_QUOTED}\s+(?:reports|informs|has reported|has learned)"
        rf"(?=\s*(?:[.!](?:\s|$)|$)|\s+citing\b)"
    ),
    re.compile(r"^[A-Z][\w\-]+(?:,? [A-Z][\w\-]+)?\s+\((?P<o>[^()]{2,40})\)\s*[–—-]?\s+(?=[A-Z\"“«])"),
]
# Furniture that names the publisher: "Donate to TOL!", "Read the full interview ... on Spik.kz", and a byline
# that carries it ("NAME, Vlast, Brussels.").
_PROMPT_CREDITS = [
    re.compile(rf"^(?i:donate to|support|subscribe to|follow)\s+(?:the\s+)?{_QUOTED}(?:\s+on\s+\S+)?\s*[!.]?$"),
    re.compile(
        rf"^(?i:read the (?:full|original) (?:interview|article|story|text|version|report))\b.{{0,120}}?\s(?:on|at)\s+"
        rf"{_WRITTEN}(?=\s|[.,]|$)"
    ),
]
_BYLINE_CREDIT = re.compile(rf"^(?P<name>[^,]{{4,60}}),\s+{_WRITTEN},\s+[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?\.?$")
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:\(c\)\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?[.,]?\s+)?{_WRITTEN}", re.I
)


def _outlet_from_lead(page: Page) -> str | None:
    """The outlet of a syndication or wire credit glued to the head of the body ("OREANDA-NEWS. DATE. ...")."""
    from multivector.ingest.boilerplate import lead_outlet

    last = page.start if page.start is not None else -1
    for line in page.lines[: last + 1]:
        outlet = lead_outlet(line.lead) if line.lead else None
        if outlet:
            return outlet
    return None


def _outlet_from_cues(page: Page) -> str | None:
    """An outlet the title or the first paragraphs credit with the interview or report, or that the body credits
    itself with anywhere."""
    texts = [page.lines[page.title_line].text] if page.title_line is not None else []
    texts += [page.lines[i].text[:2000] for i in page.body_lines[:4]]
    for text in texts:
        for index, cue in enumerate(_OUTLET_CUES):
            for m in cue.finditer(text):
                # "X talks to": X stands right before the verb ("Minister of Foreign Affairs NAME spoke" is no outlet)
                outlet = _resolve_tail(m.group("o")) if index == 0 else _resolve_candidate(m.group("o"))
                if outlet:
                    return outlet
    for i in page.body_lines:
        for cue in _SELF_CREDITS:
            for m in cue.finditer(page.lines[i].text):
                outlet = _as_written(m.group("o"))
                if outlet:
                    return outlet
    return None


def _outlet_from_prompts(page: Page) -> str | None:
    body = set(page.body_lines)
    for index, line in enumerate(page.lines):
        if index in body or not line.text:
            continue
        for cue in _PROMPT_CREDITS:
            m = cue.match(line.text)
            if m and _as_written(m.group("o")):
                return _as_written(m.group("o"))
        m = _BYLINE_CREDIT.match(line.text)
        if m and looks_like_person_name(m.group("name")) and _as_written(m.group("o")):
            return _as_written(m.group("o"))
    return None


def _outlet_from_copyright(page: Page) -> str | None:
    body = set(page.body_lines)
    for index, line in enumerate(page.lines):
        if index in body or len(line.text) > 300 or _CREDIT.search(line.text):
            continue  # "© AFP" under a photo credits the photo
        m = _COPYRIGHT.search(line.text)
        if m:
            name = re.split(r",\s*(?:Inc|Ltd|LLC|LLP)\b|\s+(?:All|Used|Full)\b", m.group("o"))[0]
            outlet = _as_written(name)
            if outlet:
                return outlet
    return None


def _as_written(candidate: str) -> str | None:
    """The outlet name as the page writes it, unless it names a state, place, organisation or institution."""
    name = re.sub(r"^the\s+", "", candidate.strip().strip(".,;:!?'\"“”«»’"), flags=re.I)
    name = re.sub(r"['’]s$", "", name)
    if not name or len(name) < 2 or not re.search(r"[A-Za-z]", name):
        return None
    if _is_outlet_name(name) or _DOMAIN_LIKE.match(name):
        return name
    folded = {w.casefold() for w in re.split(r"[\s/]+", name)}
    if folded & _NOT_OUTLET_WORDS or name.casefold() in _actor_names():
        return None
    acronym = any(re.fullmatch(r"[A-Z]{2,4}", w) for w in name.split())
    if looks_like_person_name(name) and len(name.split()) >= 2 and not _NEWSY.search(name) and not acronym:
        return None  # "told John Smith"
    return name


_NOT_OUTLET_WORDS = words("not_outlet_words")  # "told the Senate", "told reporters"


@lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    """Names of states, places and organisations in the actor catalogue (casefolded): no outlet is called so."""
    return frozenset(name for name, _ in _actor_catalogue())


@lru_cache(maxsize=1)
def _actor_acronyms() -> frozenset[str]:
    """Acronyms of the actor catalogue (casefolded): UNESCO, OPEC, CSTO..."""
    return frozenset(name for name, key in _actor_catalogue() if key == "acronyms")


@lru_cache(maxsize=1)
def _actor_catalogue() -> frozenset[tuple[str, str]]:
    """(casefolded name, field) of the states, places, organisations, blocs and groups of the actor catalogue."""
    names: set[tuple[str, str]] = set()
    for part in ("states", "places", "organisations", "blocs", "groups"):
        try:
            raw = json.loads(resources.files("multivector").joinpath(f"data/actors/{part}.json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        for actor in raw if isinstance(raw, list) else []:
            for key in ("name", "names", "acronyms", "capitals", "demonyms"):
                value = actor.get(key)
                for item in [value] if isinstance(value, str) else value or []:
                    if isinstance(item, str):
                        names.add((item.casefold(), key))
    return frozenset(names)


def _resolve_tail(candidate: str) -> str | None:
    """The longest trailing part of ``candidate`` that is an outlet."""
    words = candidate.split()
    for n in range(len(words)):
        outlet = resolve_outlet(" ".join(words[n:]))
        if outlet:
            return outlet
    return None


def _resolve_candidate(candidate: str) -> str | None:
    """The longest leading part of ``candidate`` that is an outlet ("Caliber.Az had" -> "Caliber.Az")."""
    words = candidate.split()
    for n in range(len(words), 0, -1):
        outlet = resolve_outlet(" ".join(words[:n]))
        if outlet:
            return outlet
    # cues like "told X" capture a longer phrase whose tail is the outlet
    for n in range(1, len(words)):
        outlet = _outlet_index().get(" ".join(words[n:]).casefold())
        if outlet:
            return outlet
    return None


def _outlet_from_furniture(page: Page) -> str | None:
    """The catalogue outlet the page furniture names most (masthead, copyright line, "opinions at X" tags)."""
    body = set(page.body_lines)
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}  # outlet -> the form its masthead line writes (an alias such as "X News Agency")
    candidates = [
        line
        for index, line in enumerate(page.lines)
        if index not in body and index != page.title_line and line.kind != BLANK and not _CREDIT.search(line.text)
    ]
    if len(candidates) > 2 * _FURNITURE_SCAN:  # the masthead and the footer are at the ends of a page
        candidates = candidates[:_FURNITURE_SCAN] + candidates[-_FURNITURE_SCAN:]
    for line in candidates:
        folded = line.text.casefold()
        m = _outlet_mention().search(folded)
        if m:
            # the site's own masthead or copyright line outweighs a passing mention
            masthead = folded.strip(" .") == m.group(0)
            own = masthead or "©" in folded or "copyright" in folded or "rights" in folded
            outlet = _outlet_index()[m.group(0)]
            counts[outlet] += 3 if own else 1
            if masthead:
                spelled[outlet] = _outlet_spelling()[m.group(0)]
            else:  # as the page writes it, a masthead's spelling first
                spelled.setdefault(outlet, _outlet_spelling()[m.group(0)])
    if not counts:
        return None
    outlet = counts.most_common(1)[0][0]
    return spelled.get(outlet, outlet)


@lru_cache(maxsize=1)
def _outlet_spelling() -> dict[str, str]:
    """Catalogue key (casefolded) -> its spelling in the catalogue, the outlet's own name first."""
    spelling: dict[str, str] = {}
    for outlet in load_outlets():
        for key in (outlet.name, *outlet.aliases, *outlet.domains):
            spelling.setdefault(key.casefold(), key)
    return spelling


_FURNITURE_SCAN = 300


@lru_cache(maxsize=1)
def _outlet_mention() -> re.Pattern[str]:
    """One pattern for every catalogue key (casefolded), longest first so "news.az" beats "news"."""
    keys = sorted((k for k in _outlet_index() if len(k) > 2), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
