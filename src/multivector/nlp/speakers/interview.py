"""Interviews: the lede that introduces the interviewee ("Outlet talks to NAME", "an interview with NAME, ROLE"),
and the people the interview format itself names.
"""

from __future__ import annotations

from multivector.nlp.segment import Block
from multivector.nlp.speakers.cues import interview_cue


def lede_end(body: str, blocks: list[Block]) -> int:
    """The lede: the narrative blocks before the first question/answer, at least the first ~700 characters."""
    end = 0
    for block in blocks:
        if block.kind != "narrative":
            break
        end = block.end
        if end > 1500:
            break
    return max(end, min(len(body), 700))


def sentence_around(body: str, start: int, end: int) -> str:
    left = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    right_candidates = [i for i in (body.find(". ", end), body.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(body)
    return body[left + 1 : right + 1]


def introduces_interviewee(body: str, start: int, end: int, blocks: list[Block]) -> bool:
    """A person named in the lede of an interview, in a sentence that says they talk or answer."""
    return start < lede_end(body, blocks) and bool(interview_cue().search(sentence_around(body, start, end)))
