"""Sentence-level context shared by the relation, membership and stance coders.

A :class:`SentenceContext` is one sentence of the body with the actor mentions inside it (the speaker's own
state added where the speaker says "we", "our country"), the sentence's speaker, and helpers to cut an
evidence fragment and read the modality (negated, hypothetical, future) of a cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from multivector.nlp.lexicon import word_pattern
from multivector.records import evidence_span

EVIDENCE_CLAUSE_WORDS = 60  # a sentence longer than this gives the clause as evidence, not the whole sentence
_CLAUSE_BREAK = re.compile(
    r"[;:!?]|,\s+(?:but|while|whereas|although|though|yet)\b|\s[-–—]\s|\bbut\b|\bwhile\b|\bwhereas\b"
)


@dataclass(slots=True)
class Mention:
    id: str
    kind: str
    start: int
    end: int
    via: str = "name"


@dataclass(slots=True)
class SentenceContext:
    body: str
    start: int
    end: int
    speaker: str | None
    mentions: list[Mention] = field(default_factory=list)
    question: bool = False
    speaker_state: str | None = None  # the speaker's own state, where the role or the catalogue says it

    @property
    def text(self) -> str:
        return self.body[self.start : self.end]

    def evidence(self, core_start: int, core_end: int) -> tuple[str, list[int]]:
        """Evidence: the whole sentence; where it is over EVIDENCE_CLAUSE_WORDS words, the clause (or clauses) holding
        the core, never a window cut mid-phrase."""
        if len(self.text.split()) <= EVIDENCE_CLAUSE_WORDS:
            return evidence_span(self.body, self.start, self.end)
        lo, _ = self.clause_bounds(max(self.start, core_start))
        _, hi = self.clause_bounds(min(self.end, core_end) - 1 if core_end > core_start else core_end)
        if len(self.body[lo:hi].split()) < 6:  # a clause this short says nothing alone
            return evidence_span(self.body, self.start, self.end)
        return evidence_span(self.body, lo, hi)

    def clause_bounds(self, position: int) -> tuple[int, int]:
        """The clause of the sentence that contains `position` (split at semicolons, 'but', 'while', dashes)."""
        text = self.text
        offset = position - self.start
        start, end = 0, len(text)
        for m in _CLAUSE_BREAK.finditer(text):
            if m.end() <= offset:
                start = m.end()
            elif m.start() >= offset:
                end = m.start()
                break
        return self.start + start, self.start + end


def modality(body: str, sentence_start: int, cue_start: int, cue_end: int) -> str:
    """asserted | negated | hypothetical | future, read from the words before the cue in its clause."""
    window_start = max(sentence_start, cue_start - 60)
    before = body[window_start:cue_start]
    clause = re.split(r"[,;:]|\bbut\b|\bwhile\b", before)[-1]
    near = " ".join(clause.split()[-4:])
    near = word_pattern("negation_exceptions").sub(" ", near)
    if word_pattern("negations").search(near) or re.search(r"n't\b", near):
        return "negated"
    if word_pattern("hedges").search(clause):
        return "hypothetical"
    if word_pattern("future").search(clause) or word_pattern("future").search(body[cue_end : cue_end + 15]):
        return "future"
    return "asserted"
