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


_OPEN_PARAGRAPH = re.compile(r"^[ \t]*[“\"«][^\n“”\"«»]{20,}$", re.MULTILINE)


def open_paragraph_quotations(body: str) -> list[Span]:
    """Paragraphs that open a quotation and do not close it: the convention of a quotation running over several
    paragraphs, closed (and attributed) in a later one."""
    return [(m.start(), m.end()) for m in _OPEN_PARAGRAPH.finditer(body) if len(m.group().split()) >= 6]
