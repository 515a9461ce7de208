"""Lexicon of page furniture: the lines a news site wraps around every article.

Contract: pure predicates on one stripped line of text. :func:`section_marker` names the kind of block a
heading line opens ("end" for blocks after which no article text follows, e.g. "Latest news", "Comments";
"aside" for blocks that may also sit inside an article, e.g. "Read also"); :func:`is_furniture` tells whether a
line is a widget, prompt, label, credit or menu, and :func:`is_inline_furniture` whether it is the kind an
article's text runs around (a caption or photo credit, an ad slot, a player note, a subscribe/follow/share
prompt); :func:`byline_name` / :func:`split_names` / :func:`looks_like_person_name` find journalists' names (also
from wire, op-ed and "NAME, role" credit lines; "By A, B, and C" gives three); :func:`is_row`,
:func:`looks_like_masthead` and :func:`is_sign_off` tell menu rows / breadcrumbs, site names / taglines and closing
bios / disclaimers / republication notes from headlines and prose. The patterns and word lists are data
(``data/furniture.json``, one entry a line, read by :mod:`multivector.ingest.cues`); they cover the English,
Russian, Kazakh, Azerbaijani, Turkish and Uzbek wording the region's sites use and describe kinds of lines, never
a particular article.
"""

from __future__ import annotations

import re

from multivector.ingest.cues import alternation, words

_FLAGS = re.IGNORECASE | re.UNICODE

# Headings of blocks that list OTHER content ("end": after them the article does not resume), headings of asides
# that may also interrupt an article ("Read also"), and one-line asides ("Read also: <link>"): data/furniture.json.
_END_MARKERS = alternation("end_headings", whole=True)
_ASIDE_MARKERS = alternation("aside_headings", whole=True)
_ASIDE_PREFIX = alternation("aside_prefixes", prefix="^", suffix=r"\s*[:\-–—|»>]\s*\S")
# Widgets, prompts, labels, credits, menus, copyright lines: one pattern per entry of "furniture_lines".
_FURNITURE = alternation("furniture_lines")
# Furniture that sits inside an article: captions and photo credits, ad slots, player notes ("inline_furniture").
_INLINE_FURNITURE = alternation("inline_furniture")
_INLINE_AD = alternation("inline_ads", whole=True)
_FURNITURE_MAX_LEN = 200  # a prompt or widget is short; a long line that mentions "subscribe" is prose
_CAPTION_MAX_LEN = 400

_LANGUAGE_TOKENS = words("language_tokens")

_PERSON_STOPWORDS = words("person_stopwords")
_NAME_TOKEN = re.compile(r"^[A-ZА-ЯЁÀ-ÞĀ-ſƏІҚҒҮҰӨҺӘ][\w'’\-]*\.?$|^[A-ZА-Я]\.$", re.UNICODE)
_BYLINE = re.compile(
    r"^(?:by|author|authors|written by|posted by|reporting by|report by|interview by|text|words|story|reporter|"
    r"correspondent|автор|авторы|текст|müəllif|автор материала)"
    r"\s*:?\s+(.{3,120}?)\.?$",
    _FLAGS,
)


_SECTION_WORDS = words("section_words")


def is_menu(line: str) -> bool:
    """A row of section names ("News Analysis Opinion", "Politics | Economy | World")."""
    tokens = [t for t in re.split(r"[\s|/•·,>»]+", line.strip().casefold()) if t]
    if len(tokens) < 2:
        return False
    return sum(1 for t in tokens if t in _SECTION_WORDS) / len(tokens) >= 0.75


def has_section_word(line: str) -> bool:
    """Whether a word of ``line`` names a site section ("Foreign Policy", "World Economy"): no person's name."""
    return any(t in _SECTION_WORDS for t in re.split(r"[\s|/•·,>»]+", line.strip().casefold()) if t)


def section_marker(line: str) -> str | None:
    """'end' or 'aside' when ``line`` is the heading of a block of other content, else None."""
    text = line.strip().strip("*#_[]() ").strip()
    if not text or len(text) > 60:
        return None
    if _END_MARKERS.match(text):
        return "end"
    if _ASIDE_MARKERS.match(text):
        return "aside"
    return None


def is_aside_link(line: str) -> bool:
    """A one-line aside inside an article: "Read also: <headline>"."""
    return len(line) <= 300 and bool(_ASIDE_PREFIX.match(line.strip()))


def is_inline_furniture(line: str) -> bool:
    """A caption or photo credit, an ad slot or a player note: furniture an article's text runs around."""
    text = line.strip()
    if not text or len(text) > _CAPTION_MAX_LEN:
        return False
    if _INLINE_AD.match(text):
        return True
    if not _INLINE_FURNITURE.search(text):
        return False
    if len(text) <= _FURNITURE_MAX_LEN:
        return True
    # a long line is a caption only when it ends on its credit ("... in Almaty on 3 March 2025. (Staff/Reuters)")
    return any(m.end() == len(text) for m in _INLINE_FURNITURE.finditer(text, len(text) - _FURNITURE_MAX_LEN))


def is_furniture(line: str) -> bool:
    """Widgets, prompts, credits, labels, menus and language switches."""
    text = line.strip()
    if not text:
        return False
    if len(text) <= _FURNITURE_MAX_LEN and _FURNITURE.search(text):
        return True
    if is_inline_furniture(text):
        return True
    return is_language_switch(text) or is_menu(text)


def is_language_switch(line: str) -> bool:
    tokens = [t for t in re.split(r"[\s|/•·,]+", line.strip().casefold()) if t]
    return 1 <= len(tokens) <= 12 and all(t in _LANGUAGE_TOKENS for t in tokens) and len(tokens) >= 2


def looks_like_person_name(line: str) -> bool:
    """A bare personal name such as a byline under a headline: 2-4 capitalised words, nothing else."""
    text = line.strip()
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or len(text) > 60:
        return False
    if any(t.casefold().strip(".") in _PERSON_STOPWORDS for t in tokens):
        return False
    if sum(1 for t in tokens if len(t.rstrip(".")) > 1) < 2:
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens) and not any(ch.isdigit() for ch in text)


def is_labelled_byline(line: str) -> bool:
    """A byline with its label ("By NAME", "Text: NAME") whose name reads as a person's."""
    return bool(_BYLINE.match(line.strip())) and byline_name(line) is not None


def byline_name(line: str) -> str | None:
    """The name in a labelled byline ("By NAME", "Author: NAME"), else None."""
    m = _BYLINE.match(line.strip())
    if not m:
        return credit_line_name(line)
    listed = _BYLINE_TAIL.split(m.group(1).strip(), maxsplit=1)[0].strip()
    if _single_or_listed_name(listed):
        return listed  # "By A, B, and C"
    name = re.split(rf"\s*,\s*|{_BYLINE_TAIL.pattern}", m.group(1).strip(), maxsplit=1)[0].strip()
    return name if looks_like_person_name(name) or _single_or_listed_name(name) else None


# What may follow the name(s) in a byline: a separator, "for Outlet", "in City", "on DATE", a sentence end
# ("Text: NAME. Photo: NAME" - not the dot of an initial or of "Dr.").
_BYLINE_TAIL = re.compile(r"\s*(?:[|•·;/]|\s[-–—]\s|\b(?:for|in|on|at)\b|(?<![A-Z][a-z])(?<![A-Z])\.(?:\s|$))\s*")
_NAME_LIST = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")


def split_names(byline: str) -> list[str]:
    """ "A and B", "A, B & C", "A, B, and C" -> each name; anything else stays whole."""
    parts = [p.strip(" .") for p in _NAME_LIST.split(byline) if p and p.strip(" .")]
    if len(parts) > 1 and all(looks_like_person_name(p) for p in parts):
        return parts
    return [byline]


def _single_or_listed_name(name: str) -> bool:
    return len(split_names(name)) > 1


# --- rows, mastheads and sign-offs ----------------------------------------------------------------------

# Separators between the items of a menu, ticker, breadcrumb or metadata row; a headline has none of these.
_ROW_SEPARATOR = re.compile(r"\s{2,}|\s[|•·>»/]\s|\s?\|\s?")
_BREADCRUMB = re.compile(r"\s[>»/]\s")  # "Central Asia > Tajikistan", "Home / Politics"
_OUTLET_NOUNS = words("outlet_nouns")
_MASTHEAD_GLUE = {"of", "the", "and", "for", "&"}
# Lines that close an article: an author's bio, an opinion disclaimer, the outlet's self-description.
# Disclaimers, republication and credit notes that close an article (data/furniture.json "sign_offs").
_DISCLAIMER = alternation("sign_offs")
_BIO_ROLE = alternation("bio_roles", prefix=r"\b", suffix=r"s?\b")
_SELF_DESCRIPTION = re.compile(
    r"^\S+(?: \S+){0,3} is an? (?:[\w-]+ ){0,4}(?:news|media|online|non-?profit|editorial)\b.{0,40}?"
    r"\b(?:organi[sz]ation|outlet|agency|site|website|publication|platform|service|magazine|newspaper|portal)\b",
    _FLAGS,
)
_OP_ED_LINE = re.compile(
    r"^(?P<name>.{3,60}?)['’]s? (?:op-?ed|column|commentary|opinion(?: piece)?|blog|analysis|article)\b"
    r"(?: (?:for|at|in|on|to) .{1,40})?$",
    _FLAGS,
)
_WIRE_BYLINE = re.compile(
    r"^(?P<name>[^,:]{3,60}),\s+(?P<outlet>[A-Z][\w.\-/]*(?:\s[A-Z][\w.\-/]*){0,3})"
    r"(?:\s*:|,\s+[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?\.?)$"
)  # "NAME, Outlet:" and "NAME, Outlet, City."
# "Oleg POSTERNAK, political scientist": a name and its lower-case role, the author's line above an op-ed
_NAME_ROLE = re.compile(r"^(?P<name>[^,:]{3,60}),\s+(?P<role>[A-Za-z][A-Za-z \-]{2,60})$")
# "NAME for Outlet", "NAME | Outlet", "NAME - Outlet": an unlabelled byline that names a known publisher
_NAME_FOR = re.compile(
    r"^(?P<name>[^,:|]{3,60}?)(?:\s+for\s+|\s*\|\s*|\s+[-–—]\s+)(?:the\s+)?(?P<outlet>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,4})$"
)


def is_row(line: str) -> bool:
    """A row of separated items (menu, ticker, "Section | date | views": two separators or more) or a breadcrumb."""
    text = line.strip()
    return len(_ROW_SEPARATOR.findall(text)) >= 2 or bool(_BREADCRUMB.search(text))


def looks_like_masthead(line: str) -> bool:
    """An outlet's name or tagline on its own ("Mongolian National News Agency", "The Daily Star")."""
    tokens = line.strip().split()
    if not 1 <= len(tokens) <= 6 or tokens[-1].casefold() not in _OUTLET_NOUNS:
        return False
    return all(t.casefold() in _MASTHEAD_GLUE or t[:1].isupper() or t[:1].isdigit() for t in tokens)


def is_sign_off(line: str, authors: tuple[str, ...] = ()) -> bool:
    """A line that closes an article without being part of it: a disclaimer, an author's bio, a self-description.

    Meant for the lines at the END of a body: "NAME is a senior fellow at ..." could open a paragraph of an
    article too, so callers only ask about the tail.
    """
    text = line.strip()
    if not text or len(text) > 300:
        return False
    if _DISCLAIMER.search(text) or _SELF_DESCRIPTION.match(text):
        return True
    head, sep, rest = text.lstrip("*_—–- ").partition(" is ")
    if not sep or not rest.startswith(("a ", "an ", "the ")):
        return False
    is_author = any(head.casefold() == a.casefold() for a in authors)
    return is_author or (looks_like_person_name(head) and bool(_BIO_ROLE.search(rest)) and text.count(". ") == 0)


def _known_outlet(name: str) -> bool:
    from multivector.ingest.metadata import resolve_outlet  # the catalogue lives with the metadata

    return bool(resolve_outlet(name))


def credit_line_name(line: str) -> str | None:
    """The author of an op-ed or wire credit line ("NAME's op-ed for Outlet", "NAME, Outlet:"), else None."""
    text = line.strip()
    m = _OP_ED_LINE.match(text) or _WIRE_BYLINE.match(text)
    if not m and (m := _NAME_FOR.match(text)) and not _known_outlet(m.group("outlet")):
        m = None
    if not m:
        m = _NAME_ROLE.match(text)
        if not m or not _BIO_ROLE.search(m.group("role")):
            return None
    name = m.group("name").strip()
    return name if looks_like_person_name(name) else None
