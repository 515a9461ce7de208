"""The records the speaker stages pass along: a speaker with their mentions, and the body spans they cite."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

Parsed = list[tuple[int, "Doc"]]  # (offset in the body, spaCy Doc of that chunk)
Span = tuple[int, int]


@dataclass(slots=True)
class SpeakerInfo:
    name: str
    role: str | None = None
    state: str | None = None  # the speaker's country (ISO3), for resolving "we", "our country"
    start: int = 0  # first mention in the body
    # "quoted" | "interviewee" | "author" (an op-ed's author narrates the text) | "respondent" (the interviewee of a
    # Q&A page read as narrative, named only above the body: answers every paragraph that is no question)
    voice: str = "quoted"
    mentions: list[Span] = field(default_factory=list)  # every mention of the speaker in the body
    said_at: list[Span] = field(default_factory=list)  # mentions in a speaker position (subject of "said", ...)
    written: set[str] = field(default_factory=set)  # the name as the body writes it ("Xi", "Jinping", "Xi Jinping")


@dataclass(slots=True)
class Attribution:
    speakers: list[SpeakerInfo] = field(default_factory=list)
    sentence_speaker: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def state_of(self, name: str | None) -> str | None:
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker.state
        return None


def overlaps(span: Span, spans: list[Span]) -> bool:
    return any(lo < span[1] and span[0] < hi for lo, hi in spans)
