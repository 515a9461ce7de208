"""Finding speakers: who in an article is interviewed, quoted or paraphrased (never the journalist).

Decisions, in the order ``find_speakers`` takes them:
1. A named person is a speaker when named at least once in a speaker position (``positions``: "NAME said",
   "according to NAME", "NAME, ROLE, is sceptical"), or as the label of a turn ("NAME, ROLE:" over a quotation,
   ``interview.turn_label``), or as the interviewee in an interview's lede (``interview.introduces_interviewee``;
   not the one they talked with when another name in that sentence speaks).
   Not a speaker: a name inside another speaker's quotation ('"President X stressed that ...," the analyst said':
   reported by the analyst), the journalist ("told NAME", a byline name).
2. A definite role noun in a speaker position ("The President stressed", "the Kyrgyz leader noted") is the person
   named last before who holds that role, in that country (``roles.same_role``, synonyms as data); when nobody
   named holds it, the speaker of the sentence just before ("NAME emphasised ... . The senator criticised ..."),
   unless the role was introduced as someone unnamed ("a Western diplomat").
3. An op-ed's author comes first (``oped``); else a Q&A page's interviewee named only above the body
   (``interview.page_interviewee``) comes first.
"""

from __future__ import annotations

import re

from multivector.data.catalogue import Catalogue
from multivector.nlp.segment import Block
from multivector.nlp.speakers.interview import introduces_interviewee, page_interviewee, sentence_bounds, turn_label
from multivector.nlp.speakers.oped import op_ed_author
from multivector.nlp.speakers.positions import is_speech_subject, role_slots, speech_slots
from multivector.nlp.speakers.quotes import quotations
from multivector.nlp.speakers.roles import roles, same_role
from multivector.nlp.speakers.types import Parsed, Span, SpeakerInfo, overlaps


def find_speakers(
    body: str,
    persons: list,
    blocks: list[Block],
    interview: bool,
    authors: list[str],
    *,
    parsed: Parsed | None = None,
    raw_text: str = "",
    title: str | None = None,
) -> list[SpeakerInfo]:
    """The op-ed author, then interviewees (from the lede), then people in a speaker position, in text order."""
    catalogue = Catalogue.default()
    role_of = roles(body, persons, parsed or [], catalogue)
    quoted = quotations(body)
    author_keys = {surname(a) for a in authors}
    persons = [p for p in persons if surname(p.canonical) not in author_keys]
    found = _named_speakers(body, persons, blocks, interview, parsed or [], quoted, role_of)
    _add_role_subjects(found, body, persons, parsed or [], quoted, role_of, catalogue)
    speakers = sorted(found.values(), key=lambda s: s.start)
    author = op_ed_author(body, blocks, authors, raw_text, title, interview)
    if author is not None:
        return [author, *speakers]
    if not any(s.voice == "interviewee" for s in speakers):
        speakers = _with_page_interviewee(speakers, body, raw_text, title, interview, author_keys, catalogue)
    return speakers


def _named_speakers(
    body: str,
    persons: list,
    blocks: list[Block],
    interview: bool,
    parsed: Parsed,
    quoted: list[Span],
    role_of: dict[str, str | None],
) -> dict[str, SpeakerInfo]:
    """Step 1 of the module docstring: speakers by the positions their names stand in, with every mention."""
    slots = speech_slots(parsed)
    candidates = []
    for person in persons:
        if _is_addressee(body, person.start):
            continue
        span = (person.start, person.end)
        cited = overlaps(span, quoted)  # named inside a quotation: reported by its speaker
        labelled = turn_label(body, *span) if not cited else None
        speaking = not cited and (overlaps(span, slots) or is_speech_subject(body, *span) or labelled is not None)
        candidates.append((person, span, cited, labelled, speaking))
    speaking_at = [span for _, span, _, _, speaking in candidates if speaking]
    found: dict[str, SpeakerInfo] = {}
    for person, span, cited, labelled, speaking in candidates:
        interviewee = (
            interview
            and not cited
            and introduces_interviewee(body, person.start, person.end, blocks, role_of[person.canonical])
            and (speaking or not _another_speaks_nearby(body, span, speaking_at))
        )
        if (interviewee or speaking) and person.canonical not in found:
            voice = "interviewee" if interviewee else "quoted"
            role = role_of[person.canonical] or (labelled[0] if labelled else None)
            found[person.canonical] = SpeakerInfo(person.canonical, role, None, person.start, voice)
        if speaking and person.canonical in found:
            found[person.canonical].said_at.append(span)
    for person in persons:  # every mention, for resolving "he said" to the speaker named last
        if person.canonical in found:
            found[person.canonical].mentions.append((person.start, person.end))
            found[person.canonical].written.add(person.name)
    return found


def _add_role_subjects(
    found: dict[str, SpeakerInfo],
    body: str,
    persons: list,
    parsed: Parsed,
    quoted: list[Span],
    role_of: dict[str, str | None],
    catalogue: Catalogue,
) -> None:
    """Step 2 of the module docstring: "The President stressed ..." speaks for the last named President."""
    for span, phrase in role_slots(parsed):
        if overlaps(span, quoted):
            continue
        holder = _role_holder(phrase, span, persons, role_of, catalogue)
        if holder is None:
            holder = _speaker_just_before(body, span, phrase, persons, found)
        if holder is None:
            continue
        if holder.canonical not in found:
            mentions = [(p.start, p.end) for p in persons if p.canonical == holder.canonical]
            role = role_of[holder.canonical]
            written = {p.name for p in persons if p.canonical == holder.canonical}
            found[holder.canonical] = SpeakerInfo(holder.canonical, role, None, mentions[0][0], mentions=mentions)
            found[holder.canonical].written = written
        found[holder.canonical].said_at.append(span)
        found[holder.canonical].mentions.append(span)


def _role_holder(noun: str, span: Span, persons: list, role_of: dict[str, str | None], catalogue: Catalogue):
    """'The President said': the person named last before who holds that role ("President Sadyr Japarov", "NAME,
    the country's president"); None when nobody named before holds it."""
    holder = None
    for person in persons:
        if person.start >= span[0]:
            break
        role = role_of.get(person.canonical)
        if same_role(noun, role) and not _other_country(noun, role, catalogue):
            holder = person
    return holder


def _speaker_just_before(body: str, span: Span, phrase: str, persons: list, found: dict[str, SpeakerInfo]):
    """'NAME emphasised that ... . The senator criticised ...': a role nobody named holds, right after a speaker's
    sentence, is that speaker called by another title; not when the role was introduced as someone unnamed ('a
    Western diplomat ... the diplomat said')."""
    noun = phrase.split()[-1]
    if re.search(rf"\b(?:an?|one|another)\s+(?:[\w-]+\s+){{0,3}}{re.escape(noun)}\b", body[: span[0]], re.I):
        return None
    starts = [m.end() for m in re.finditer(r"[.!?][”\"»]?\s+|\n+", body[: span[0]])]
    lo = starts[-2] if len(starts) >= 2 else 0  # the start of the sentence before this one
    before = [p for p in persons if lo <= p.start < span[0] and p.canonical in found and found[p.canonical].said_at]
    return before[-1] if before else None


def _other_country(phrase: str, role: str | None, catalogue: Catalogue) -> bool:
    """'the Kyrgyz leader' and a holder whose role names another country ('President of Russia')."""
    wanted = _states(phrase, catalogue)
    held = _states(role or "", catalogue)
    return bool(wanted and held and not wanted & held)


def _states(text: str, catalogue: Catalogue) -> set[str]:
    found = set()
    for word in re.findall(r"[A-Z][\w’'-]+", text):
        hit = catalogue.lookup(word)
        if hit and (entry := catalogue.get(hit[0])) is not None and entry.kind == "state":
            found.add(hit[0])
    return found


def _with_page_interviewee(
    speakers: list[SpeakerInfo],
    body: str,
    raw_text: str,
    title: str | None,
    interview: bool,
    author_keys: set[str],
    catalogue: Catalogue,
) -> list[SpeakerInfo]:
    """A question-and-answer page whose interviewee is named only above the body: they come first. When the
    segmenter did not read the page as an interview, their voice is "respondent" (attribution then gives them
    every paragraph that is no question)."""
    page = page_interviewee(body, raw_text, title, catalogue)
    if page is None or surname(page.name) in author_keys:
        return speakers
    page.voice = "interviewee" if interview else "respondent"
    same = [s for s in speakers if surname(s.name) == surname(page.name)]
    if same:
        same[0].voice, same[0].role = page.voice, same[0].role or page.role
        return [same[0], *(s for s in speakers if s is not same[0])]
    return [page, *speakers]


def _another_speaks_nearby(body: str, span: Span, speaking_at: list[Span]) -> bool:
    """Another name in the same sentence is the one speaking ("In a telephone conversation with NAME, NAME2 said"):
    the lede's interviewee is the speaker, not the one they talked with."""
    lo, hi = sentence_bounds(body, *span)
    return any(lo <= s < hi and s != span[0] for s, _ in speaking_at)


def _is_addressee(body: str, start: int) -> bool:
    """'told NAME', 'said to NAME': the one spoken to (a journalist or an outlet), not a speaker."""
    return bool(re.search(r"\b(?:told|tells|said to)\s+(?:the\s+)?$", body[max(0, start - 20) : start]))


def surname(name: str) -> str:
    parts = re.sub(r"[^\w\s-]", " ", name).split()
    return parts[-1].casefold() if parts else ""
