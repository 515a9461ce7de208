"""Speakers: who is interviewed or quoted, their roles, and who says each sentence.

Contract: ``find_speakers`` returns the interviewees and quoted people of an article (never the journalist);
``attribute`` gives every sentence a speaker name or None (the journalist's own narration, or a question).

Interviewees come from the lede ("Outlet talks to NAME", "an interview with NAME, ROLE", "ROLE NAME said in an
interview", "Interview of ROLE NAME to Outlet"); quoted people are the subjects of speech verbs anywhere ("NAME
said", "according to NAME"). In an interview the answers belong to the interviewee; in a narrative text a quotation
belongs to the person its attribution names ("..., said the political scientist" resolves to the speaker whose
role mentions a political scientist), and reported speech ("According to him", "NAME is convinced that")
to the person it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from multivector.nlp.lexicon import lexicon
from multivector.nlp.segment import Block

_PRONOUN_REF = r"(?:he|she|him|her|his)"


@dataclass(slots=True)
class SpeakerInfo:
    name: str
    role: str | None = None
    state: str | None = None  # the speaker's country (ISO3), for resolving "we", "our country"
    start: int = 0  # first mention in the body


@dataclass(slots=True)
class Attribution:
    speakers: list[SpeakerInfo] = field(default_factory=list)
    sentence_speaker: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def state_of(self, name: str | None) -> str | None:
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker.state
        return None


def _speech_verbs() -> str:
    return "|".join(sorted(lexicon()["speech_verbs"], key=len, reverse=True))


def _role_nouns() -> str:
    return "|".join(sorted(lexicon()["role_nouns"], key=len, reverse=True))


def find_speakers(
    body: str, persons: list, blocks: list[Block], interview: bool, authors: list[str]
) -> list[SpeakerInfo]:
    """Interviewees (from the lede) first, then people quoted with a speech verb, in order of appearance."""
    author_keys = {_surname(a) for a in authors}
    lede_end = _lede_end(body, blocks)
    found: dict[str, SpeakerInfo] = {}
    roles: dict[str, str | None] = {}
    for person in persons:  # the role is stated next to the fullest, usually the first, mention
        if roles.get(person.canonical) is None:
            roles[person.canonical] = _role(body, person.start, person.end)
    for person in persons:
        if _surname(person.canonical) in author_keys or _is_addressee(body, person.start):
            continue
        sentence = _sentence_around(body, person.start, person.end)
        in_lede = person.start < lede_end
        interviewee = interview and in_lede and _has_interview_cue(sentence)
        if interviewee or is_speech_subject(body, person.start, person.end):
            if person.canonical not in found:
                found[person.canonical] = SpeakerInfo(person.canonical, roles[person.canonical], None, person.start)
    return sorted(found.values(), key=lambda s: s.start)


def _is_addressee(body: str, start: int) -> bool:
    """'told NAME', 'said to NAME': the one spoken to (a journalist or an outlet), not a speaker."""
    return bool(re.search(r"\b(?:told|tells|said to)\s+(?:the\s+)?$", body[max(0, start - 20) : start]))


def _surname(name: str) -> str:
    parts = re.sub(r"[^\w\s-]", " ", name).split()
    return parts[-1].casefold() if parts else ""


def _lede_end(body: str, blocks: list[Block]) -> int:
    """The lede: the narrative blocks before the first question/answer, at least the first ~700 characters."""
    end = 0
    for block in blocks:
        if block.kind != "narrative":
            break
        end = block.end
        if end > 1500:
            break
    return max(end, min(len(body), 700))


def _sentence_around(body: str, start: int, end: int) -> str:
    left = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    right_candidates = [i for i in (body.find(". ", end), body.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(body)
    return body[left + 1 : right + 1]


def _has_interview_cue(sentence: str) -> bool:
    return bool(re.search(lexicon()["interview_cue"], sentence, re.IGNORECASE))


def is_speech_subject(body: str, start: int, end: int) -> bool:
    """NAME said / NAME, ROLE, said / according to NAME / said NAME."""
    after = body[end : end + 160]
    before = body[max(0, start - 40) : start]
    verbs = _speech_verbs()
    if re.match(
        rf"\s*(?:\([^)]*\)\s*)?(?:,[^.;:!?]{{0,120}}?,\s*|\s+(?:of|from|at|with)\s+[^,.;:!?\"“]{{0,80}}?\s+)?"
        rf"(?:has |had |also |then )?(?:{verbs})\b",
        after,
    ):
        return True
    if re.search(r"according to\s+$", before, re.IGNORECASE):
        return True
    return bool(re.search(rf"\b(?:{verbs})\s+$", before))


_ROLE_CUT = re.compile(
    r"(?:\binterview(?:s|ed)?\s+(?:with|of)\b|\btalks? to\b|\bconversation with\b|\bpresents?\b|\bwith\b|\bby\b"
    r"|[.;:!?\n()]|--|\s[-–—]\s|\bthat\b|\bwhile\b|\bsaid\b|\bsays\b|\band\b(?=\s+(?-i:[A-Z]))|,\s*(?=[a-z]*\s))",
    re.IGNORECASE,
)


_APPOSITION = re.compile(
    r"\s*(?:\(([^)]{2,40})\))?\s*,\s*([^.;:!?\n]{3,200}?)"  # "NAME (Country), ROLE"
    r"(?=\s+(?:in an interview|said|says|told|noted)\b|[.;!?\n]|,\s+(?:said|says|told|noted)\b|$)"
)


# "NAME, a political scientist at X, the corridor remains ...": the role ends where a new clause begins.
_CLAUSE_AFTER_ROLE = re.compile(r",\s+(?=(?:the|this|these|those|it|we|he|she|they|there|in|on|at)\s)")


def _role(body: str, start: int, end: int) -> str | None:
    """The role stated next to a name: an apposition after it, or a title phrase before it."""
    after = body[end : end + 220]
    m = _APPOSITION.match(after)
    if m and not re.match(r"\s*(?:who|which|said|says)\b", m.group(2)):
        role = _CLAUSE_AFTER_ROLE.split(m.group(2))[0].strip(" ,")
        if not re.search(rf"\b(?:{_role_nouns()})\b", role, re.IGNORECASE):
            return _role_before(body, start)
        nationality = m.group(1)
        if nationality and not re.search(re.escape(nationality), role):
            role = f"{role} ({nationality})"
        return role
    return _role_before(body, start)


def _role_before(body: str, start: int) -> str | None:
    """'Analyst NAME', 'President of Uzbekistan NAME', 'ROLE NAME stressed ...': the title phrase before a name."""
    before = body[max(0, start - 200) : start]
    cuts = list(_ROLE_CUT.finditer(before))
    phrase = before[cuts[-1].end() :] if cuts else before
    phrase = re.sub(r"^\s*(?:the|a|an|At the same time,?)\s+", "", phrase.strip(" ,"), flags=re.IGNORECASE)
    if re.search(rf"\b(?:{_role_nouns()})\b", phrase, re.IGNORECASE) and len(phrase.split()) <= 25:
        return phrase.strip()
    return None


def _quotes(body: str) -> list[tuple[int, int]]:
    """Spans of quotations long enough to be speech (scare quotes around a term are skipped)."""
    spans = []
    for m in re.finditer(r"“[^“”]{20,}?”|\"[^\"\n]{20,}?\"|«[^«»]{20,}?»", body):
        if len(m.group().split()) >= 6:
            spans.append((m.start(), m.end()))
    return spans


def attribute(
    body: str,
    sentences: list[tuple[int, int]],
    blocks: list[Block],
    speakers: list[SpeakerInfo],
    interview: bool,
) -> dict[tuple[int, int], str | None]:
    """Each sentence's speaker: the interviewee for answers, the attributed person for quotes, else None."""
    main = speakers[0].name if speakers else None
    quotes = [(s, e, _quote_owner(body, s, e, blocks, speakers, main)) for s, e in _quotes(body)]
    result: dict[tuple[int, int], str | None] = {}
    block_index = 0
    for start, end in sentences:
        while block_index < len(blocks) - 1 and blocks[block_index].end <= start:
            block_index += 1
        block = blocks[block_index] if blocks else None
        speaker: str | None = None
        if block is not None and block.kind == "question":
            speaker = None
        elif block is not None and block.kind == "answer":
            speaker = main
        else:
            owner = next((o for qs, qe, o in quotes if qs <= start < qe or qs < end <= qe), None)
            speaker = owner or _reported_speaker(body[start:end], speakers)
        result[(start, end)] = speaker
    return result


def _block_of(blocks: list[Block], position: int) -> Block | None:
    return next((b for b in blocks if b.start <= position < b.end), None)


def _quote_owner(
    body: str, start: int, end: int, blocks: list[Block], speakers: list[SpeakerInfo], main: str | None
) -> str | None:
    block = _block_of(blocks, start)
    if block is not None and block.kind == "question":
        return None
    tail = body[end : end + 120]
    head = body[max(0, start - 120) : start]
    for text in (tail, head):
        named = _named_speaker(text, speakers)
        if named:
            return named
    return main


def _named_speaker(text: str, speakers: list[SpeakerInfo]) -> str | None:
    for speaker in speakers:
        surname = speaker.name.split()[-1]
        if re.search(rf"\b{re.escape(surname)}\b", text):
            return speaker.name
    return None


def _reported_speaker(sentence: str, speakers: list[SpeakerInfo]) -> str | None:
    """Reported speech: 'According to him, ...', 'NAME is convinced that ...', '..., he says, ...'."""
    if not speakers:
        return None
    verbs = _speech_verbs()
    named = _named_speaker(sentence, speakers)
    cue = re.search(
        rf"\baccording to (?:{_PRONOUN_REF}|the [\w\s-]{{0,30}}?(?:{_role_nouns()})|[A-Z][\w-]+)"
        rf"|\b(?:{_PRONOUN_REF}|[A-Z][\w-]+|the [\w\s-]{{0,30}}?(?:{_role_nouns()}))\s+(?:is convinced|believes|thinks|"
        rf"(?:{verbs}))\b",
        sentence,
        re.IGNORECASE,
    )
    if not cue:
        return None
    return named or speakers[0].name
