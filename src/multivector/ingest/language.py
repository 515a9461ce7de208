"""Language of an article body, as an ISO 639-1 code.

Contract: :func:`detect_language` returns a two-letter code ("en", "ru", "kk", ...) or None when the text is too
short or too mixed to tell. Deterministic: langdetect is seeded once, and only a bounded sample is read. Plain
English (most of what multivector reads) is told by its function words before langdetect runs: langdetect costs
about 30 ms an article, as much as a tenth of the whole analysis.
"""

from __future__ import annotations

import re

_MIN_LETTERS = 20

# Languages of the region langdetect does not know, told apart by their own letters or scripts.
_SCRIPT_RULES: list[tuple[str, str, float]] = [
    ("hy", r"[\u0531-\u0587]", 0.3),  # Armenian script
    ("ka", r"[\u10a0-\u10ff]", 0.3),  # Georgian script
    ("az", r"[əƏ]", 0.01),  # the schwa is Azerbaijani's own
    ("uz", r"[oOgG][ʻ‘'’](?=\w)", 0.004),  # oʻ gʻ
    ("tg", r"[ӣӯҳҷӢӮҲҶ]", 0.005),
    ("kk", r"[әғқұһіӘҒҚҰҺІ]", 0.01),
    ("ky", r"[ңҢ]", 0.005),  # after kk, which uses it too
    ("mn", r"[өүӨҮ]", 0.01),  # Mongolian: ө ү without the Kyrgyz ң
]
_SAMPLE = 5000
# English function words: a quarter of the words of running English text, almost none of any other language's.
_ENGLISH = frozenset("the of and to in is that for on with as by are was be this from it have has its".split())
_ENGLISH_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    sample = text[:_SAMPLE]
    letters = re.findall(r"[^\W\d_]", sample)
    if len(letters) < _MIN_LETTERS:
        return None
    by_letters = _by_distinctive_letters(sample, len(letters))
    if by_letters:
        return by_letters
    words = _WORD.findall(sample.lower())
    if len(words) >= 40 and sum(w in _ENGLISH for w in words) >= _ENGLISH_SHARE * len(words):
        return "en"
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


def _by_distinctive_letters(sample: str, letters: int) -> str | None:
    for code, pattern, share in _SCRIPT_RULES:
        if len(re.findall(pattern, sample)) >= max(2, share * letters):
            return code
    return None
