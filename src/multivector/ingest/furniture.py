"""Lexicon of page furniture: the lines a news site wraps around every article.

Contract: pure predicates on one stripped line of text. :func:`section_marker` names the kind of block a
heading line opens ("end" for blocks after which no article text follows, e.g. "Latest news", "Comments";
"aside" for blocks that may also sit inside an article, e.g. "Read also"); :func:`is_furniture` tells whether a
line is a widget, prompt, label, credit or menu; :func:`byline_name` / :func:`looks_like_person_name` find
journalists' names (also from wire and op-ed credit lines); :func:`is_row`, :func:`looks_like_masthead` and
:func:`is_sign_off` tell menu rows / breadcrumbs, site names / taglines and closing bios / disclaimers from
headlines and prose. Patterns cover the English, Russian, Kazakh, Azerbaijani, Turkish and Uzbek wording the
region's sites use; they describe kinds of lines, never a particular article.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.UNICODE

# Headings of blocks that list OTHER content; after them the article does not resume.
_END_MARKERS = re.compile(
    r"^(?:latest(?: news)?|all news|more news|news feed|most (?:read|viewed|popular)|popular(?: news)?|top news|"
    r"trending|editor'?s (?:choice|picks)|recommended(?: for you)?|you (?:may|might) also like|more from .{1,40}|"
    r"comments?(?: \(\d+\))?|\d+ comments?|leave a (?:comment|reply)|add comment|"
    r"последние новости|все новости|лента новостей|популярное|самое читаемое|комментарии|"
    r"ən son xəbərlər|son xəbərlər|bütün xəbərlər|digər xəbərlər|son dakika|tüm haberler|"
    r"соңғы жаңалықтар|барлық жаңалықтар|so'nggi yangiliklar|barcha yangiliklar|сўнгги янгиликлар)\s*:?$",
    _FLAGS,
)
# Headings of asides that may also interrupt an article ("Read also: <link>").
_ASIDE_MARKERS = re.compile(
    r"^(?:read (?:also|more)|also read|see also|related(?: articles| news| stories| posts| content)?|"
    r"more (?:on|about) [^.!?:]{1,40}|on the same topic|"
    r"читайте также|читать также|смотрите также|похожие (?:новости|материалы|статьи)|по теме|"
    r"oxşar xəbərlər|həmçinin oxuyun|ilgili haberler|benzer haberler|ayrıca okuyun|"
    r"сондай-ақ оқыңыз|ұқсас жаңалықтар|shuningdek o'qing|mavzuga oid)\s*:?$",
    _FLAGS,
)
_ASIDE_PREFIX = re.compile(
    r"^(?:read (?:also|more)|also read|see also|related|читайте также|смотрите также|по теме|"
    r"həmçinin oxuyun|ayrıca okuyun|сондай-ақ оқыңыз)\s*[:\-–—|»>]\s*\S",
    _FLAGS,
)

_FURNITURE_PATTERNS = [
    # subscribe / follow prompts
    r"\b(?:subscribe|follow us|join us|join our|our (?:telegram|whatsapp|youtube|facebook|instagram) (?:channel|page)|"
    r"подпис(?:ывайтесь|аться|ка)|наш(?:ем)? (?:телеграм|telegram)|abunə ol|abone ol|жазылыңыз|obuna bo'ling)\b",
    # photo / video credits
    r"^(?:фото|photo|photos|picture|image|video|видео|source|источник|credit|credits|foto|şəkil|сурет|mənbə)"
    r"(?: by| credit)?\s*[:©/]",
    r"^(?:фото|photo|photos|picture|image|video)\s+(?:via|courtesy(?: of)?|by|from)\s",
    # a caption that ends on its credit: "... (Photo: NAME)", "... Credit: Agency"
    r"\((?:photo|image|picture|credit|фото|foto)s?\s*(?:by|:)[^()]{0,60}\)$",
    r"\b(?:photo |image )?credits?\s*:\s*[^.!?]{1,60}$",
    r"^(?:©|\(c\)|copyright)\s|all rights reserved|все права защищены|bütün hüquqlar qorunur|барлық құқықтар",
    # font-size / print / share widgets
    r"\b\d{1,2}\s*px\b|↺|\bpunto\b|^a\s*[+-]\s*a\s*[+-]?$|\bfont size\b|размер шрифта",
    r"^(?:share|share this(?: article| story)?|share on .{1,20}|print|print version|поделиться|печать|paylaş|bölüş)"
    r"\s*:?$",
    r"^(?:facebook|twitter|x|telegram|whatsapp|vk|vkontakte|ok|linkedin|email|e-mail|copy link)"
    r"(?:\s*[|/•·,]?\s*(?:facebook|twitter|x|telegram|whatsapp|vk|vkontakte|ok|linkedin|email|e-mail|copy link))*$",
    # label lines of metadata tables
    r"^(?:date|author|authors|published|updated|source|views|tags?|category|categories|rubric|section|"
    r"дата|автор|источник|просмотры|теги|рубрика|tarix|müəllif|mənbə|baxış|kateqoriya|etiketlər)\s*:?$",
    r"^(?:tags?|теги|etiketlər|тегтер)\s*:",
    r"^(?:views?|просмотр(?:ов|ы)?|baxış(?:lar)?)\s*:?\s*[\d\s]+$|^👁",
    # navigation
    r"^(?:home|home page|main|main page|главная|ana səhifə|басты бет|bosh sahifa|anasayfa)\b.{0,60}$",
    r"^(?:up|top|back to top|to top|menu|search|login|log in|sign in|register|close|наверх|меню|поиск|"
    r"войти|закрыть|bağla|axtar|іздеу|жабу|yopish)$",
    r"\b(?:bağla|закрыть|close|жабу)$",
    r"cookies?\b.{0,80}\b(?:accept|agree|consent|policy)|принимаю|согласен с",
    r"^(?:advertisement|advertising|реклама|reklam)$",
    # reader prompts around an article: error reports, follow/republish/donate calls, translations of the page
    r"ctrl\s*\+\s*enter|^found an? (?:mistake|error|typo)\b|\bfollow (?:the author|him|her|me|them)\b|"
    r"\bstay (?:up[- ]to[- ]date|tuned|informed)\b|\brepublish (?:this|our)\b|"
    r"\bsupport (?:independent |our )?journalism\b|"
    r"^donate\b|^read (?:the|this) (?:article|story|news|text) in\b",
    r"^(?:loading|загрузка)\.*$",
]
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE_PATTERNS), _FLAGS)
_FURNITURE_MAX_LEN = 200  # a prompt or widget is short; a long line that mentions "subscribe" is prose

_LANGUAGE_TOKENS = {
    "en", "eng", "english", "ru", "rus", "рус", "русский", "az", "aze", "azərbaycan", "azərbaycanca", "kz", "kk",
    "қаз", "қазақша", "қазақ", "uz", "o'zbek", "o'zbekcha", "ўзбек", "ўзбекча", "tr", "türkçe", "ky", "кыр",
    "кыргызча", "tj", "тоҷикӣ", "hy", "հայ", "հայերեն", "ka", "ქართ", "ქართული", "mn", "монгол", "de", "deutsch",
    "fr", "français", "中文", "عربي", "ar", "fa", "فارسی", "es", "español",
}  # fmt: skip

_PERSON_STOPWORDS = {
    "the", "of", "and", "in", "on", "for", "to", "with", "news", "world", "politics", "economy", "society",
    "interview", "interviews", "opinion", "analysis", "region", "central", "asia", "south", "north", "east", "west",
    "caucasus", "republic", "president", "minister", "ministry", "expert", "experts", "home", "page", "latest",
    "all", "more", "read", "also", "see", "photo", "video", "business", "culture", "sport", "sports", "science",
    "health", "tech", "technology", "editorial", "press", "release", "media", "agency", "comments", "share",
    "union", "state", "states", "kazakhstan", "azerbaijan", "uzbekistan", "kyrgyzstan", "tajikistan", "georgia",
    "armenia", "turkmenistan", "mongolia", "russia", "china", "turkey", "türkiye", "iran", "europe", "european",
    "global", "international", "national", "new", "today", "breaking", "live", "exclusive", "special", "report",
    "main", "top", "menu", "contacts", "about", "us", "day",
}  # fmt: skip
_NAME_TOKEN = re.compile(r"^[A-ZА-ЯЁÀ-ÞĀ-ſƏІҚҒҮҰӨҺӘ][\w'’\-]*\.?$|^[A-ZА-Я]\.$", re.UNICODE)
_BYLINE = re.compile(
    r"^(?:by|author|authors|written by|автор|авторы|müəllif|автор материала)\s*:?\s+(.{3,80})$", _FLAGS
)


_SECTION_WORDS = {
    "news", "analysis", "analytics", "opinion", "opinions", "multimedia", "politics", "policy", "economy", "economics",
    "society", "world", "sport", "sports", "culture", "video", "videos", "photo", "photos", "gallery", "interview",
    "interviews", "region", "regions", "business", "tech", "technology", "science", "health", "home", "about",
    "contacts", "contact", "us", "blog", "blogs", "features", "feature", "op-ed", "op-eds", "columns", "columnists",
    "podcast", "podcasts", "events", "finance", "markets", "energy", "security", "diplomacy", "official", "incidents",
    "lifestyle", "travel", "tourism", "education", "archive", "special", "projects", "reports", "in", "focus",
    "новости", "политика", "экономика", "общество", "мир", "спорт", "культура", "аналитика", "мнения", "интервью",
    "происшествия", "видео", "фото", "регионы", "xəbərlər", "siyasət", "iqtisadiyyat", "cəmiyyət", "dünya", "idman",
    "mədəniyyət", "müsahibə", "жаңалықтар", "саясат", "қоғам", "әлем", "yangiliklar", "siyosat",
    "iqtisodiyot", "jamiyat", "dunyo",
}  # fmt: skip


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


def is_furniture(line: str) -> bool:
    """Widgets, prompts, credits, labels, menus and language switches."""
    text = line.strip()
    if not text:
        return False
    if len(text) <= _FURNITURE_MAX_LEN and _FURNITURE.search(text):
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


def byline_name(line: str) -> str | None:
    """The name in a labelled byline ("By NAME", "Author: NAME"), else None."""
    m = _BYLINE.match(line.strip())
    if not m:
        return credit_line_name(line)
    name = re.split(r"\s*(?:[,|/•·]|\s-\s|\s–\s|\bfor\b|\bin\b)\s*", m.group(1).strip(), maxsplit=1)[0].strip()
    return name if looks_like_person_name(name) or _single_or_listed_name(name) else None


def _single_or_listed_name(name: str) -> bool:
    parts = [p for p in re.split(r"\s+and\s+|\s*&\s*", name) if p]
    return len(parts) > 1 and all(looks_like_person_name(p) for p in parts)


# --- rows, mastheads and sign-offs ----------------------------------------------------------------------

# Separators between the items of a menu, ticker, breadcrumb or metadata row; a headline has none of these.
_ROW_SEPARATOR = re.compile(r"\s{2,}|\s[|•·>»/]\s|\s?\|\s?")
_BREADCRUMB = re.compile(r"\s[>»/]\s")  # "Central Asia > Tajikistan", "Home / Politics"
_OUTLET_NOUNS = {
    "agency", "news", "times", "post", "gazette", "herald", "tribune", "journal", "daily", "telegraph", "chronicle",
    "wire", "media", "press", "tv", "radio", "newspaper",
}  # fmt: skip
_MASTHEAD_GLUE = {"of", "the", "and", "for", "&"}
# Lines that close an article: an author's bio, an opinion disclaimer, the outlet's self-description.
_DISCLAIMER = re.compile(
    r"^(?:the )?(?:views|opinions|views and opinions) expressed\b|\bdo(?:es)? not necessarily (?:reflect|represent)\b|"
    r"^(?:the|this) (?:author|writer|columnist)s? (?:is|are|was|has|writes)\b|^about the author\b",
    _FLAGS,
)
_BIO_ROLE = re.compile(
    r"\b(?:journalist|reporter|correspondent|writer|editor|columnist|contributor|freelancer|photographer|blogger|"
    r"analyst|researcher|fellow|scholar|professor|lecturer|economist|commentator|expert)s?\b",
    _FLAGS,
)
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
_WIRE_BYLINE = re.compile(r"^(?P<name>[^,:]{3,60}),\s+(?P<outlet>[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,3})\s*:$")


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
    head, sep, rest = text.partition(" is ")
    if not sep or not rest.startswith(("a ", "an ", "the ")):
        return False
    is_author = any(head.casefold() == a.casefold() for a in authors)
    return is_author or (looks_like_person_name(head) and bool(_BIO_ROLE.search(rest)) and text.count(". ") == 0)


def credit_line_name(line: str) -> str | None:
    """The author of an op-ed or wire credit line ("NAME's op-ed for Outlet", "NAME, Outlet:"), else None."""
    text = line.strip()
    m = _OP_ED_LINE.match(text) or _WIRE_BYLINE.match(text)
    if not m:
        return None
    name = m.group("name").strip()
    return name if looks_like_person_name(name) else None
