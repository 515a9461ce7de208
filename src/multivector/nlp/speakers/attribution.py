"""Attribution: who says each sentence.

Questions belong to nobody. A labelled turn ("NAME, ROLE:" over a quotation, "NAME: ..." in a round table) belongs to
its label's speaker. In an interview the answers belong to the interviewee. Elsewhere a quotation belongs to
the person its attribution clause names ('"...," said NAME'; a pronoun "he said" to the speaker named last before
it; "the economist said" to the speaker who holds that role, else to nobody); a quotation with no attribution of
its own continues the previous quotation's speaker when it follows it in the paragraph or opens the next one, and a
paragraph that opens a quotation without closing it belongs to whoever its closing paragraph is attributed to.
Reported speech outside quotes ("According to NAME", "NAME believes", "In her view") belongs to the person it names.
An op-ed's own narration belongs to its author, a Q&A page's paragraphs that are no questions to its respondent (an
interviewee named only above the body); a news report's narration to nobody.
"""

from __future__ import annotations

import re

from multivector.nlp.segment import Block
from multivector.nlp.speakers.cues import role_nouns, speech_forms, speech_verbs, view_nouns
from multivector.nlp.speakers.interview import is_question_paragraph, labelled_turns
from multivector.nlp.speakers.quotes import open_paragraph_quotations, quotations
from multivector.nlp.speakers.roles import same_role
from multivector.nlp.speakers.types import SpeakerInfo

_PRONOUN_REF = r"(?:he|she|him|her|his)"

Owned = list[tuple[int, int, str | None]]  # (quotation start, end, its speaker)


def attribute(
    body: str,
    sentences: list[tuple[int, int]],
    blocks: list[Block],
    speakers: list[SpeakerInfo],
    interview: bool,
) -> dict[tuple[int, int], str | None]:
    """Each sentence's speaker: the interviewee for answers, the attributed person for quotes and reported speech,
    the author for an op-ed's own narration, else None."""
    main = speakers[0].name if speakers else None
    narrator = next((s.name for s in speakers if s.voice in ("author", "respondent")), None)
    respondent = narrator is not None and speakers[0].voice == "respondent"
    quoted = [s for s in speakers if s.voice != "author"]
    # An "interview" with no answer turns is a report quoting its experts: its narration is the journalist's.
    interview = interview and any(b.kind == "answer" for b in blocks)
    if interview:
        quotes = [(s, e, _interview_quote_owner(body, s, e, blocks, speakers, main)) for s, e in quotations(body)]
    else:
        quotes = _narrative_quote_owners(body, blocks, quoted)
    turns = labelled_turns(body, quoted)
    result: dict[tuple[int, int], str | None] = {}
    block_index = 0
    for start, end in sentences:
        while block_index < len(blocks) - 1 and blocks[block_index].end <= start:
            block_index += 1
        block = blocks[block_index] if blocks else None
        labelled = [who for lo, hi, who in turns if lo <= start < hi]
        if block is not None and block.kind == "question":
            speaker = None
        elif labelled:
            speaker = labelled[-1]  # "NAME, ROLE:" over a quotation; "NAME: ..." in a round table
        elif respondent and is_question_paragraph(_paragraph(body, start)):
            speaker = None  # a question of a Q&A page the segmenter read as narrative
        elif block is not None and block.kind == "answer":
            speaker = main
        else:
            in_quote = [o for qs, qe, o in quotes if qs <= start < qe or qs < end <= qe]
            if in_quote:  # a Q&A page's unattributed quotation is its respondent's own words
                speaker = in_quote[0] or (narrator if respondent else None)
            elif interview:
                speaker = _interview_reported_speaker(body[start:end], speakers)
            else:
                speaker = _reported_speaker(body, start, end, quoted) or narrator
        result[(start, end)] = speaker
    return result


def _paragraph(body: str, position: int) -> str:
    end = body.find("\n", position)
    return body[body.rfind("\n", 0, position) + 1 : end if end != -1 else len(body)]


def _block_of(blocks: list[Block], position: int) -> Block | None:
    return next((b for b in blocks if b.start <= position < b.end), None)


# ----- quotations --------------------------------------------------------------------------------------------------
def _interview_quote_owner(
    body: str, start: int, end: int, blocks: list[Block], speakers: list[SpeakerInfo], main: str | None
) -> str | None:
    """In an interview: the speaker named next to the quote, else the interviewee."""
    block = _block_of(blocks, start)
    if block is not None and block.kind == "question":
        return None
    for text in (body[end : end + 120], body[max(0, start - 120) : start]):
        named = _named_speaker(text, speakers)
        if named:
            return named
    return main


def _narrative_quote_owners(body: str, blocks: list[Block], speakers: list[SpeakerInfo]) -> Owned:
    """Quotes of a news report or long-read: the speaker its attribution clause names; a quote opening a paragraph
    with no attribution continues the previous quote's speaker; an unnamed source ('the diplomat said') is None."""
    owned: Owned = []
    previous: str | None = None
    spans = sorted({*quotations(body), *open_paragraph_quotations(body)})
    for start, end in spans:
        block = _block_of(blocks, start)
        if block is not None and block.kind == "question":
            owned.append((start, end, None))
            continue
        found, owner = _attribution(body, start, end, speakers)
        if not found and previous is not None and _continues_previous(body, start, owned):
            owner = previous
        owned.append((start, end, owner))
        previous = owner
    return _open_quotations_continued(body, owned, set(open_paragraph_quotations(body)))


def _open_quotations_continued(body: str, owned: Owned, open_spans: set[tuple[int, int]]) -> Owned:
    """A paragraph that opens a quotation without closing it belongs to whoever the quotation's next paragraph is
    attributed to, when that paragraph opens with a quote mark too."""
    result = list(owned)
    for i in range(len(result) - 2, -1, -1):
        start, end, owner = result[i]
        if owner is not None or (start, end) not in open_spans:
            continue
        next_start, _, next_owner = result[i + 1]
        if not body[end:next_start].strip():
            result[i] = (start, end, next_owner)
    return result


def _continues_previous(body: str, start: int, owned: Owned) -> bool:
    """A quote with no attribution of its own continues the previous one when it is in the same paragraph ('"...,"
    said NAME, ROLE. "..."'), or opens the next paragraph right after a paragraph that ended in that quote."""
    if not owned:
        return False
    gap = body[owned[-1][1] : start]
    if "\n" not in gap:
        return True
    previous_paragraph_tail = gap.split("\n")[0]
    opens_paragraph = not gap.split("\n")[-1].strip()
    return opens_paragraph and len(previous_paragraph_tail.split()) <= 25


def _attribution(body: str, start: int, end: int, speakers: list[SpeakerInfo]) -> tuple[bool, str | None]:
    """(found an attribution, its speaker) from the clause right after the quote, else the one right before it."""
    tail = re.split(r"(?<=[.!?])\s|\n", body[end : end + 160], maxsplit=1)[0]
    head = re.split(r"[.!?]\s|\n", body[max(0, start - 160) : start])[-1]
    for clause in (tail, head):
        found, owner = _clause_speaker(clause, start, body, speakers)
        if found:
            return True, owner
    return False, None


def _clause_speaker(clause: str, position: int, body: str, speakers: list[SpeakerInfo]) -> tuple[bool, str | None]:
    """'said NAME, ROLE' -> NAME; 'he said' -> the speaker named last; 'the diplomat said' -> the speaker who
    holds that role, else None (an unnamed source)."""
    has_cue = re.search(rf"\b(?:{speech_forms()})\b|according to|\b(?:{view_nouns()})\b", clause, re.IGNORECASE)
    if not has_cue:
        return False, None
    named = _named_speaker(clause, speakers)
    if named:
        return True, named
    if re.search(
        rf"\b(?:he|she)\b|\b(?:him|her) as saying\b|according to (?:him|her)\b|\b(?:his|her) (?:{view_nouns()})\b",
        clause,
        re.I,
    ):
        return True, last_named(position, speakers)
    if re.search(rf"\b(?:the|a|an)\s+[\w\s-]{{0,40}}?(?:{role_nouns()}|source|officials?)\b", clause, re.I):
        return True, _role_holder(clause, position, speakers)
    return False, None


def _named_speaker(text: str, speakers: list[SpeakerInfo]) -> str | None:
    """The speaker a text names: by surname, or by a form of the name the body writes ("Xi" for "Xi Jinping")."""
    for speaker in speakers:
        forms = {speaker.name.split()[-1], *speaker.written}
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        if re.search(rf"\b(?:{alternation})\b", text):
            return speaker.name
    return None


def last_named(position: int, speakers: list[SpeakerInfo]) -> str | None:
    """The speaker mentioned last before a position: who 'he' or 'she' most likely is."""
    best, best_start = None, -1
    for speaker in speakers:
        for start, _ in speaker.mentions:
            if best_start < start < position:
                best, best_start = speaker.name, start
    return best


def _role_holder(role_phrase: str, position: int, speakers: list[SpeakerInfo]) -> str | None:
    """'..., the economist said': the speaker with that role named last before; an unnamed source otherwise
    ('a Western diplomat' when no speaker is a diplomat)."""
    if re.search(r"\b(?:a|an)\s", role_phrase, re.IGNORECASE) and not re.search(r"\bthe\s", role_phrase, re.I):
        return None  # "a diplomat said": someone not named
    holders = [s for s in speakers if same_role(role_phrase, s.role)]
    return last_named(position, holders) or (holders[0].name if len(holders) == 1 else None)


# ----- reported speech ---------------------------------------------------------------------------------------------
def _reported_speaker(body: str, start: int, end: int, speakers: list[SpeakerInfo]) -> str | None:
    """Reported speech outside quotes: a speaker in a speaker position in the sentence ('NAME believes that',
    'According to NAME'), else a pronoun cue ('In his view', 'she argued') -> the speaker named last, else a role
    cue ('the minister stressed') -> the speaker who holds that role."""
    for speaker in speakers:
        if any(start <= s < end for s, _ in speaker.said_at):
            return speaker.name
    sentence = body[start:end]
    forms = speech_forms()
    pronoun_cue = re.search(
        rf"\baccording to (?:him|her)\b|\bin (?:his|her) (?:{view_nouns()})\b"
        rf"|\b(?:he|she)\s+(?:has |had |also |\w+ly )*(?:{forms})\b|\b(?:{forms}),?\s+(?:he|she)\b",
        sentence,
        re.IGNORECASE,
    )
    if pronoun_cue:
        return last_named(start, speakers)
    role_cue = re.search(
        rf"\baccording to the [\w\s-]{{0,30}}?(?:{role_nouns()})\b|\bthe [\w\s-]{{0,30}}?(?:{role_nouns()})\s+"
        rf"(?:{forms})\b",
        sentence,
        re.IGNORECASE,
    )
    return _role_holder(role_cue.group(), start, speakers) if role_cue else None


def _interview_reported_speaker(sentence: str, speakers: list[SpeakerInfo]) -> str | None:
    """In an interview's narration: 'According to him, ...', 'NAME is convinced that ...', '..., he says, ...'."""
    if not speakers:
        return None
    cue = re.search(
        rf"\baccording to (?:{_PRONOUN_REF}|the [\w\s-]{{0,30}}?(?:{role_nouns()})|[A-Z][\w-]+)"
        rf"|\b(?:{_PRONOUN_REF}|[A-Z][\w-]+|the [\w\s-]{{0,30}}?(?:{role_nouns()}))\s+(?:is convinced|believes|thinks|"
        rf"(?:{speech_verbs()}))\b",
        sentence,
        re.IGNORECASE,
    )
    if not cue:
        return None
    return _named_speaker(sentence, speakers) or speakers[0].name
