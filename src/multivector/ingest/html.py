"""HTML and Markdown pages -> article text plus the metadata the markup carries.

Contract: :func:`looks_like_html` sniffs markup; :func:`extract_html` returns an :class:`HtmlArticle` whose
``text`` is the article as plain text (paragraphs separated by blank lines) and whose metadata fields are the
page's own (title, date, author, site name), or None where absent. Hostile markup cannot hurt: scripts, styles
and comments are cut before parsing, the page is capped in size, parser/recursion failures and pathological
nesting fall back to a tag-stripping conversion, so the only error is "no article text found".
:func:`markdown_to_text` strips Markdown minimally and returns ``(text, title)``.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from multivector.ingest.dates import find_dates

MAX_HTML_CHARS = 5_000_000  # bigger pages are cut: an article is never this long, a hostile page may be
_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title|span|a\s)\b", re.IGNORECASE)
_DROP_OPEN = re.compile(r"<(script|style|noscript|svg|template|iframe|object|canvas)\b|<!--", re.IGNORECASE)
_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|aside|blockquote|pre|"
    r"figure|figcaption|main|dd|dt|hr)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]{0,2000}>")


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None = None
    published: str | None = None
    authors: list[str] | None = None
    sitename: str | None = None


def looks_like_html(text: str) -> bool:
    """Markup rather than prose: an HTML doctype/root, or several common tags near the start."""
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:20000].lower():
        return True
    return len(_SNIFF.findall(text[:20000])) >= 3


def _focus(markup: str) -> str:
    """A page over the cap keeps its <head> (metadata) and its <article> or <main> element when one fits, so an
    article buried in megabytes of headline lists is not cut away; otherwise the page is cut at the cap."""
    if len(markup) <= MAX_HTML_CHARS:
        return markup
    lower = markup[: 2 * MAX_HTML_CHARS].lower() if len(markup) <= 2 * MAX_HTML_CHARS else markup.lower()
    head_end = lower.find("</head>", 0, 1_000_000)
    head = markup[: head_end + len("</head>")] if head_end != -1 else ""
    for tag in ("article", "main"):
        start = lower.find(f"<{tag}")
        end = lower.find(f"</{tag}>", start) if start != -1 else -1
        if start != -1 and end != -1 and end - start <= MAX_HTML_CHARS:
            return f"{head}<body>{markup[start : end + len(tag) + 3]}</body></html>"
    return markup[:MAX_HTML_CHARS]


def prepare_html(markup: str) -> str:
    """Cap the size and remove the parts that never hold article text (and may be huge or hostile)."""
    markup = _focus(markup)
    lower = markup.lower()
    parts: list[str] = []
    pos = 0
    # A scan with str.find, not one regex: unclosed <script> tags by the thousand must stay linear.
    while (m := _DROP_OPEN.search(markup, pos)) is not None:
        parts.append(markup[pos : m.start()])
        closing = "-->" if m.group(0) == "<!--" else f"</{m.group(1).lower()}"
        end = lower.find(closing, m.end())
        if end < 0:
            return "".join(parts)  # never closed: everything after it is inside the dropped element
        pos = lower.find(">", end)
        pos = len(markup) if pos < 0 else pos + 1
        parts.append(" ")
    parts.append(markup[pos:])
    return "".join(parts)


def extract_html(markup: str, url: str | None = None) -> HtmlArticle:
    """Article text and metadata of an HTML page; ``text`` is empty when nothing article-like was found."""
    cleaned = prepare_html(markup)
    article = _trafilatura(cleaned, url)
    if article is None or not article.text.strip():
        fallback = HtmlArticle(text=html_to_text(cleaned))
        if article is not None:
            fallback.title, fallback.published = article.title, article.published
            fallback.authors, fallback.sitename = article.authors, article.sitename
        article = fallback
    return article


def _trafilatura(markup: str, url: str | None) -> HtmlArticle | None:
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False
        )
    except (Exception, RecursionError):  # trafilatura/lxml fail in many ways on broken markup: fall back
        return None
    if doc is None:
        return None
    text = "\n\n".join(p.strip() for p in (getattr(doc, "text", None) or "").split("\n") if p.strip())
    return HtmlArticle(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        published=_iso(getattr(doc, "date", None)),
        authors=_authors(getattr(doc, "author", None)),
        sitename=_clean(getattr(doc, "sitename", None)),
    )


def html_to_text(markup: str) -> str:
    """Crude but safe conversion: block tags become line breaks, other tags vanish, entities are decoded."""
    text = _BLOCK_TAGS.sub("\n", markup)
    text = html_lib.unescape(_TAG.sub("", text))
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def html_title(markup: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", markup[:200000], re.IGNORECASE | re.DOTALL)
    return _clean(html_lib.unescape(_TAG.sub("", m.group(1)))) if m else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text or None


def _iso(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    dates = find_dates(value)
    return dates[0].iso if dates else None


_AUTHOR_LABEL = re.compile(r"^(?:by|authors?|written by|text|photos?(?: by)?)\b\s*:?\s*", re.IGNORECASE)


def _authors(value: object) -> list[str] | None:
    """Names of trafilatura's author field; label words, dates and photo credits it swept in are dropped."""
    if not isinstance(value, str) or not value.strip():
        return None
    names = []
    for part in re.split(r";|\||\s+and\s+|,", value):
        if re.match(r"\s*photos?\b", part, re.IGNORECASE):
            continue  # a photo credit is not an author
        name = _AUTHOR_LABEL.sub("", part.strip()).strip()
        if name and len(name.split()) >= 2 and not any(ch.isdigit() for ch in name):
            names.append(name)
    return names or None


# --- Markdown ----------------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]+|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_FENCE = re.compile(r"^\s*(?:```|~~~)")


def markdown_to_text(text: str) -> tuple[str, str | None]:
    """Plain text of a Markdown article and its title (a leading ``# heading``), markup stripped minimally."""
    lines = text.split("\n")
    title = None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and re.match(r"^\s{0,3}#\s+\S", lines[first]):
        title = _MD_HEADING.match(lines[first]).group(1).strip() or None  # type: ignore[union-attr]
        lines = lines[first + 1 :]
    out: list[str] = []
    for line in lines:
        if _MD_FENCE.match(line) or _MD_RULE.match(line):
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_STRONG.sub(r"\2", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line)))
        out.append(re.sub(r"^\s{0,3}>\s?", "", line))
    return "\n".join(out), title
