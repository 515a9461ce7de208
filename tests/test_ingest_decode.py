"""Decoding: BOMs, legacy encodings, binary refusal, verbatim text; plus loading files and listing sources."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from multivector.errors import IngestError
from multivector.ingest import from_text, iter_sources, load, load_bytes, source_name
from multivector.ingest.decode import binary_kind, decode_bytes

ARTICLE = (
    "Astana and Baku agreed to expand the Middle Corridor, the ministers said on Tuesday.\n"
    "Trade between Kazakhstan and Azerbaijan grew by 20 percent last year, according to official data.\n"
)


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_decides_the_encoding_and_is_dropped(bom: bytes, encoding: str) -> None:
    text = "Қазақстан — Azərbaycan: Türkiye, Özbekistan.\n" + ARTICLE
    decoded, used = decode_bytes(bom + text.encode(encoding))
    assert decoded == text
    assert used == encoding


def test_windows_1251_russian_is_recognised() -> None:
    text = (
        "Президент Казахстана прибыл в Баку с официальным визитом. Стороны обсудили развитие "
        "Среднего коридора, транзит грузов через Каспийское море и торговлю между странами.\n"
    ) * 3
    decoded, encoding = decode_bytes(text.encode("cp1251"))
    assert decoded == text
    assert encoding.replace("_", "-").lower() in {"cp1251", "windows-1251"}


def test_latin1_and_turkish_letters_survive() -> None:
    latin1 = "Le président a visité Tachkent en février; coopération économique renforcée. " * 4
    assert decode_bytes(latin1.encode("latin-1"))[0] == latin1
    turkish = "Türkiye ile Azerbaycan arasında işbirliği güçleniyor; Şuşa'da görüşme yapıldı. " * 4
    assert decode_bytes(turkish.encode("cp1254"))[0] == turkish


def test_utf8_kazakh_and_azerbaijani_letters_are_kept_verbatim() -> None:
    text = "Қазақстан мен Әзірбайжан. Azərbaycan Respublikası, Şuşa, Ağdam. ‘quotes’ – dashes…\n"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_newlines_are_normalised_and_nothing_else_changes() -> None:
    decoded, _ = decode_bytes(b"First line  \r\nSecond\rThird \xe2\x80\x94 end\n")
    assert decoded == "First line  \nSecond\nThird \u2014 end\n"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
    ],
)
def test_binary_formats_are_refused_by_magic_number(data: bytes, kind: str) -> None:
    assert kind in (binary_kind(data) or "")
    with pytest.raises(IngestError, match=f"binary file \\({kind}"):
        load_bytes(data, name="x", source="x.txt")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(b"Some words\x00\x00\x00 and more words" * 10)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n"])
def test_empty_or_blank_input_is_refused(data: bytes) -> None:
    with pytest.raises(IngestError, match="empty"):
        decode_bytes(data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_an_ingest_error(data: bytes) -> None:
    try:
        doc = load_bytes(data, name="fuzz", source="fuzz.txt")
    except IngestError as exc:
        assert exc.reason and "\n" not in exc.reason
    else:
        assert doc.body.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_any_utf8_text_decodes_to_itself_or_is_refused(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded, encoding = decode_bytes(data)
    except IngestError:
        return
    assert encoding == "utf-8"
    assert decoded == text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --- files, names, sources ------------------------------------------------------------------------------


def test_load_reads_a_seed_file(seed_path) -> None:
    doc = load(seed_path("000"))
    assert doc.name == seed_path("000").stem
    assert doc.encoding == "utf-8" and doc.content_type == "text" and doc.language == "en"
    assert doc.raw_text == seed_path("000").read_text(encoding="utf-8")


def test_load_refuses_missing_files_directories_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="directory"):
        load(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 100, encoding="utf-8")
    with pytest.raises(IngestError, match="larger than"):
        load(big, max_bytes=1000)
    with pytest.raises(IngestError, match="scheme"):
        load("ftp://example.org/article.txt")


def test_from_text_accepts_a_single_sentence() -> None:
    doc = from_text("Kazakhstan and Uzbekistan signed a water agreement")
    assert doc.body == "Kazakhstan and Uzbekistan signed a water agreement"
    with pytest.raises(IngestError):
        from_text("  \n ")


def test_source_name_is_a_stem_or_a_safe_slug() -> None:
    assert source_name("/data/articles/001_interview.txt") == "001_interview"
    slug = source_name("https://www.example.kz/en/news/2023/06/01/some-article?id=5&x=<y>")
    assert slug == "www.example.kz_en_news_2023_06_01_some-article_id_5_x_y"
    assert all(ch.isalnum() or ch in "._-" for ch in slug)


def test_iter_sources_expands_sorts_and_reports_problems(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "page.HTML").write_text("x", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(iter_sources([tmp_path, "https://example.org/a", tmp_path / "nope.txt"]))
    paths = [i for i in items if isinstance(i, Path)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert paths == [tmp_path / "a.txt", tmp_path / "b" / "z.md", tmp_path / "page.HTML"]
    assert "https://example.org/a" in items
    reasons = " | ".join(e.reason for e in errors)
    assert "symlink loop" in reasons and "no such file" in reasons and "broken symbolic link" in reasons


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0)
    (item,) = list(iter_sources([secret]))
    assert isinstance(item, IngestError) and "permission" in item.reason
