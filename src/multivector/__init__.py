"""multivector: evidence-linked models of the international system described by expert interviews.

The public API mirrors the CLI::

    import multivector
    analysis = multivector.analyze("article.html")   # or a URL, or raw text
    analysis.relations[0].evidence
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from multivector.records import Analysis


def analyze(source: str, **options) -> Analysis:
    """Analyse one article given as a path, an http(s) URL or the article text itself."""
    from multivector.pipeline import analyze as _analyze

    return _analyze(source, **options)


__all__ = ["analyze", "__version__"]
