"""Bytes -> text, refusing what is not text.

Contract: :func:`decode_bytes` returns ``(text, encoding)`` for any input that is text in some encoding,
and raises :class:`IngestError` with a one-line reason otherwise (binary formats recognised by their magic
numbers, NUL bytes, undecodable bytes, empty or whitespace-only input). The text is returned verbatim except
that ``\\r\\n`` and lone ``\\r`` become ``\\n`` and a leading BOM is dropped: evidence extracted later must be
findable, character for character, in what a reader sees in the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from multivector.errors import IngestError

# Magic numbers of the binary formats people most often feed a text tool by mistake.
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (DOCX/XLSX/ODT/EPUB?)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (DOC/XLS)"),
    (b"{\\rtf", "RTF document"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
]

# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def binary_kind(data: bytes) -> str | None:
    """Name of the binary format ``data`` is in, or None when it may be text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            # "MZ" and "ID3" are also plausible starts of a text file: require a NUL byte close behind.
            if magic in (b"MZ", b"ID3") and b"\x00" not in data[:512]:
                continue
            return kind
    if data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A ") or data[4:8] == b"ftyp":
        return "MP4/MOV media"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    return None


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` into text; return ``(text, encoding name)`` or raise IngestError."""
    if not data:
        raise IngestError(source, "empty file")
    kind = binary_kind(data)
    if kind:
        raise IngestError(source, f"binary file ({kind})")
    body, encoding = strip_bom(data)
    if encoding:
        text = _decode_with(body, encoding, source)
    else:
        text, encoding = _decode_guessing(body, source)
    text = normalise_newlines(text.lstrip("\ufeff"))
    if "\x00" in text:
        raise IngestError(source, "binary file (contains NUL bytes)")
    if _control_ratio(text) > 0.05:
        raise IngestError(source, "binary file (control characters)")
    if not text.strip():
        raise IngestError(source, "empty file (only whitespace)")
    return text, encoding


def _control_ratio(text: str) -> float:
    """Share of C0/C1 control characters other than tab, newline and form feed in a sample of the text."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\f\v") or 0x7F <= ord(ch) < 0xA0)
    return controls / max(1, len(sample))


def _decode_with(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(source, f"invalid {encoding} after its byte-order mark (byte {exc.start})") from None


def _decode_guessing(data: bytes, source: str) -> tuple[str, str]:
    # NUL bytes without a BOM: binary, or UTF-16/32 without a BOM, which real scrapes essentially never are.
    if b"\x00" in data[:4096]:
        raise IngestError(source, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 2**20] if len(data) > 2**20 else data).best()
    if best is None or best.encoding is None:
        raise IngestError(source, "binary file (no text encoding fits)")
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise IngestError(source, f"undecodable text (guessed {encoding})") from None
    text, encoding = _least_mojibake(data, text, encoding)
    return _prefer_turkish(data, text, encoding)


# On short texts charset-normalizer may pick a code page that turns "Türkiye" into "T³rkiye"; the region's texts
# are in Windows-1252/1254 (Latin) or Windows-1251 (Cyrillic): take the reading with the fewest words that mix
# scripts or carry symbols inside letters.
_FALLBACKS = ("cp1252", "cp1251", "cp1254")


def _least_mojibake(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    best = (_mojibake(text), text, encoding)
    for candidate in _FALLBACKS:
        try:
            decoded = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        score = _mojibake(decoded)
        if score < best[0]:
            best = (score, decoded, candidate)
    return best[1], best[2]


def _mojibake(text: str) -> int:
    penalty = 0
    for word in re.findall(r"\S*[^\x00-\x7f]\S*", text[: 2**16]):
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        if len(scripts) > 1 or any(not ch.isascii() and not ch.isalpha() and ch not in "–—«»“”’‘„…€№" for ch in word):
            penalty += 1
    return penalty


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else "?"


# Icelandic letters sit at the byte values where Windows-1254 has ğ ı ş: a "Western" guess full of them is Turkish
# or Azerbaijani text, which charset-normalizer cannot tell from Western European on its own.
_ICELANDIC = set("ðýþÐÝÞ")


def _prefer_turkish(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    if sum(1 for ch in text if ch in _ICELANDIC) < 2:
        return text, encoding
    try:
        return data.decode("cp1254"), "cp1254"
    except UnicodeDecodeError:
        return text, encoding
