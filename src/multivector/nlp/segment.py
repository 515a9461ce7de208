"""Segmentation: body -> blocks (paragraphs and interview turns) -> sentences.

Contract: every block and sentence is a [start, end) slice of the body; the text is never rewritten.

Scraped interviews mark turns in a few ways: a paragraph starting with a dash ("- How do you see ...?"), a
numbered question ("1) Will this ...?"), "Q:"/"A:" labels, or an answer glued to the previous paragraph
("... opportunities.- In the context ..."). A block is a *question* when it is marked as a turn and ends with a
question mark, or is a short stand-alone question; everything the interviewer asks is attributed to nobody.
A question inside an answer ("Why does X matter? I explain it by ...") is rhetorical and stays in the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["question", "answer", "narrative"]

# A turn glued to the previous sentence: ".- In the context" / "?– Yes" (the dash opens a new turn).
_GLUED_TURN = re.compile(r"(?<=[.!?…\"”»)])\s?[-–—]\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ\"“«])")
_TURN_MARK = re.compile(
    r"^\s*(?:[-–—•]\s+|\(?\d{1,2}[.)]\s+|Q\s*[:.]\s*|Question\s*[:.]\s*|A\s*[:.]\s*|Answer\s*[:.]\s*)"
)
_QUESTION_LABEL = re.compile(r"^\s*(?:Q|Question)\s*[:.]", re.IGNORECASE)
_INTERVIEW_CUE = re.compile(
    r"\b(interview(?:s|ed)?|talks? to|talked to|spoke to|told|conversation with|Q&A|asked by"
    r"|answer(?:s|ed)? (?:the )?questions)\b",
    re.IGNORECASE,
)
_QUESTION_MAX_WORDS = 70


@dataclass(slots=True)
class Block:
    start: int
    end: int
    kind: BlockKind = "narrative"
    marked: bool = False  # starts with a turn mark (dash, number, Q:/A:)


def split_blocks(body: str) -> list[Block]:
    """Paragraph-like blocks: lines of the body, further split where a turn is glued to the previous one."""
    blocks: list[Block] = []
    for line in re.finditer(r"[^\n]+", body):
        start = line.start()
        cuts = [m.start() for m in _GLUED_TURN.finditer(line.group())]
        for cut in [*cuts, len(line.group())]:
            piece_start, piece_end = start, line.start() + cut
            text = body[piece_start:piece_end]
            if text.strip():
                lead = len(text) - len(text.lstrip())
                trail = len(text) - len(text.rstrip())
                blocks.append(Block(piece_start + lead, piece_end - trail))
            start = piece_end
    for block in blocks:
        block.marked = bool(_TURN_MARK.match(body[block.start : block.end])) or _glued(body, block)
    return blocks


def _glued(body: str, block: Block) -> bool:
    return block.start > 0 and body[block.start] in "-–—"


def is_interview(body: str, title: str | None = None) -> bool:
    """An interview: its lede says so, or it is made of question/answer turns."""
    head = body[:600] + " " + (title or "")
    if _INTERVIEW_CUE.search(head):
        return True
    blocks = split_blocks(body)
    return sum(1 for b in blocks if _is_question_text(body[b.start : b.end])) >= 2


def _is_question_text(text: str) -> bool:
    stripped = text.rstrip(' "”»')
    return stripped.endswith("?") and len(text.split()) <= _QUESTION_MAX_WORDS


def classify_blocks(body: str, blocks: list[Block], interview: bool) -> list[Block]:
    """Mark questions and answers; in a non-interview text everything is narrative."""
    if not interview:
        return blocks
    seen_question = False
    for block in blocks:
        text = body[block.start : block.end]
        if _QUESTION_LABEL.match(text) or (_is_question_text(text) and (block.marked or len(text.split()) <= 40)):
            block.kind = "question"
            seen_question = True
        elif block.marked or seen_question:
            block.kind = "answer"
    # Interviews whose questions were stripped by the scraper: the dash-marked turns are all answers.
    if not seen_question:
        for block in blocks:
            if block.marked:
                block.kind = "answer"
    return blocks


def sentence_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """A light regex sentence splitter (used where no spaCy parse is at hand)."""
    spans, cursor = [], start
    for m in re.finditer(
        r"(?<=[.!?…])[\"”»')]*\s+(?=[\"“«(]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])|(?<=[a-z][.!?])(?=[A-Z][a-z])", body[start:end]
    ):
        cut = start + m.end()
        if body[cursor:cut].strip():
            spans.append(_trim(body, cursor, cut))
        cursor = cut
    if body[cursor:end].strip():
        spans.append(_trim(body, cursor, end))
    return spans


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end
