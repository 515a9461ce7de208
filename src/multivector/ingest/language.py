"""Language of an article body, as an ISO 639-1 code.

Contract: :func:`detect_language` returns a two-letter code ("en", "ru", "kk", ...) or None when the text is too
short or too mixed to tell. Deterministic: langdetect is seeded once, and only a bounded sample is read.
"""

from __future__ import annotations

import re

_MIN_LETTERS = 20
_SAMPLE = 5000


def detect_language(text: str) -> str | None:
    sample = text[:_SAMPLE]
    if len(re.findall(r"[^\W\d_]", sample)) < _MIN_LETTERS:
        return None
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # langdetect is randomised; a fixed seed makes reruns agree
        candidates = detect_langs(sample)
    except LangDetectException:
        return None
    if not candidates or candidates[0].prob < 0.5:
        return None
    code = candidates[0].lang
    return code.split("-")[0] if "-" in code else code
