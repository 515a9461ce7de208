"""Quotations: the spans of a body inside quote marks that are long enough to be speech."""

from __future__ import annotations

import re

from multivector.nlp.speakers.types import Span

_QUOTE = re.compile(r"“[^“”]*”|\"[^\"\n]*\"|«[^«»]*»")


def quotations(body: str) -> list[Span]:
    """Quote marks are paired in order first, so a scare-quoted term ('the "multi-vector" policy') is skipped without
    its closing mark opening a false quotation."""
    spans = []
    for m in _QUOTE.finditer(body):
        if len(m.group()) >= 22 and len(m.group().split()) >= 6:
            spans.append((m.start(), m.end()))
    return spans
