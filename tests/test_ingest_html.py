"""HTML and Markdown inputs: extraction, metadata from markup, and hostile pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from multivector.errors import IngestError
from multivector.ingest import load, load_bytes
from multivector.ingest.html import looks_like_html, markdown_to_text, prepare_html

PARAGRAPHS = [
    "The state commissions of Armenia and Azerbaijan on border delimitation met in the Tavush region on Friday "
    "and agreed on the first section of the boundary line.",
    "Deputy prime ministers of the two countries signed a protocol describing the coordinates of four villages, "
    "the first document of its kind since independence.",
    "The European Union and the United States welcomed the step, while Russia said it was ready to provide its "
    "maps of the Soviet era to both sides.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Armenia and Azerbaijan resume border commission talks | Armenpress</title>
<meta property="og:site_name" content="Armenpress">
<meta name="author" content="Lilit Harutyunyan">
<meta property="article:published_time" content="2024-04-19T10:15:00+04:00">
<script>var x = "<p>not article text at all</p>";</script><style>p {{ color: red }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<main><article>
<h1>Armenia and Azerbaijan resume border commission talks</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<aside><h3>Read also</h3><ul><li><a href="/a">Georgia hosts regional energy forum</a></li></ul></aside>
</main>
<footer><p>© 2024 Armenpress. All rights reserved.</p><p>Subscribe to our newsletter</p></footer>
</body></html>
"""


def test_html_page_gives_article_paragraphs_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "border.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = load(path)
    assert doc.content_type == "html"
    assert doc.body == "\n\n".join(PARAGRAPHS)
    assert doc.title == "Armenia and Azerbaijan resume border commission talks"
    assert doc.published == "2024-04-19"
    assert doc.outlet == "Armenpress"
    assert doc.authors == ["Lilit Harutyunyan"]
    assert doc.body in doc.raw_text
    for furniture in ("Home", "Read also", "Georgia hosts", "Subscribe", "not article text"):
        assert furniture not in doc.body


def test_html_is_sniffed_without_an_extension() -> None:
    doc = load_bytes(PAGE.encode("utf-8"), name="page", source="page.txt")
    assert doc.content_type == "html"
    assert doc.body.startswith("The state commissions of Armenia")


def test_html_in_windows_1251_is_decoded() -> None:
    page = PAGE.replace("utf-8", "windows-1251").replace("Friday", "Friday (в пятницу, по данным министерства)")
    doc = load_bytes(page.encode("cp1251"), name="p", source="p.html")
    assert "в пятницу, по данным министерства" in doc.body


def test_sniffing_does_not_mistake_prose_for_html() -> None:
    assert not looks_like_html("The ratio a < b and c > d holds.\nKazakhstan <3 Azerbaijan, said the poster.")
    assert looks_like_html("<html><body><p>x</p></body></html>")


def test_deeply_nested_markup_falls_back_to_text() -> None:
    deep = "<html><body>" + "<div>" * 20000 + "<p>" + PARAGRAPHS[0] + "</p>" + "</div>" * 20000 + "</body></html>"
    started = time.monotonic()
    doc = load_bytes(deep.encode(), name="deep", source="deep.html")
    assert PARAGRAPHS[0] in doc.body
    assert time.monotonic() - started < 10


def test_unclosed_scripts_and_huge_pages_stay_fast() -> None:
    hostile = "<html><body><p>" + PARAGRAPHS[1] + "</p>" + "<script>" * 50000 + "x" * 2_000_000
    started = time.monotonic()
    assert "<script" not in prepare_html(hostile)
    doc = load_bytes(hostile.encode(), name="hostile", source="hostile.html")
    assert PARAGRAPHS[1] in doc.body
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>unclosed <b>tags <i>everywhere</p></div></span>",
        "<html><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<<<>>><html<<body>>&&&&#xFFFFFFFF;&#0;</html>",
    ],
)
def test_broken_or_empty_markup_gives_a_document_or_an_ingest_error(markup: str) -> None:
    try:
        doc = load_bytes(markup.encode(), name="bad", source="bad.html")
    except IngestError as exc:
        assert exc.reason.startswith("no article text found")
    else:
        assert doc.body.strip()


MARKDOWN = """\
# Uzbekistan opens its economy to Gulf investors

*Tashkent, 2024*

The government of [Uzbekistan](https://example.org/uz) signed **twelve agreements** with investors from the \
United Arab Emirates and Saudi Arabia worth several billion dollars.

## Energy first

![a photo](https://example.org/p.jpg)
Most of the money goes into solar and wind power plants in the Navoi and Bukhara regions, officials said.
"""


def test_markdown_heading_is_the_title_and_markup_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "gulf.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = load(path)
    assert doc.content_type == "markdown"
    assert doc.title == "Uzbekistan opens its economy to Gulf investors"
    assert doc.body.startswith("The government of Uzbekistan signed twelve agreements with investors")
    assert doc.body.endswith("in the Navoi and Bukhara regions, officials said.")
    assert "](" not in doc.body and "**" not in doc.body
    assert doc.body.split("\n\n")[0] in doc.raw_text


def test_markdown_without_heading_has_no_title() -> None:
    text, title = markdown_to_text("Just a paragraph about [Georgia](http://x) and __Armenia__.\n")
    assert title is None
    assert text == "Just a paragraph about Georgia and Armenia.\n"


def test_article_inside_a_50_mb_page_is_found() -> None:
    junk = "".join(
        f'<div><a href="/n{i}">Other headline {i}</a><span>13 June 2024 - 19:05</span></div>\n' for i in range(1000)
    )
    filler = junk * 300  # about 25 MB on each side of the article
    article = (
        "<article><h1>Kazakhstan and Uzbekistan deepen ties</h1><p>Kazakhstan and Uzbekistan are strategic partners, "
        "and trade between them grew by a fifth last year, the analyst said.</p></article>"
    )
    head = "<html><head><title>Deepen ties</title></head>"
    page = f"{head}<body><nav>{filler}</nav>{article}<aside>{filler}</aside></body></html>"
    assert len(page) > 45_000_000
    started = time.monotonic()
    doc = load_bytes(page.encode(), name="big", source="big.html")
    assert "strategic partners" in doc.body and "Other headline" not in doc.body
    assert time.monotonic() - started < 30
