"""Interview layouts: the lede that introduces the interviewee ("Outlet talks to NAME", "an interview with NAME,
ROLE"; not the correspondent who asks), the interviewee of a question-and-answer page who is named only above the body
(headline "NAME - ROLE", a page line "the interview with NAME"), and turn labels ("NAME, ROLE:" over a quotation,
"NAME: ..." in a round table; a label over a question is the interviewer's).
"""

from __future__ import annotations

import re
from functools import cache

from multivector.data.catalogue import PERSON_TITLES, Catalogue
from multivector.nlp.lexicon import lexicon
from multivector.nlp.segment import Block
from multivector.nlp.speakers.cues import interview_cue, role_noun_pattern
from multivector.nlp.speakers.types import SpeakerInfo


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
    lo, hi = sentence_bounds(body, start, end)
    return body[lo:hi]


def sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The rough sentence (to a full stop or a line end) around a span."""
    left = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    right_candidates = [i for i in (body.find(". ", end), body.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(body)
    return left + 1, right + 1


def introduces_interviewee(body: str, start: int, end: int, blocks: list[Block], role: str | None = None) -> bool:
    """A person named in the lede of an interview, in a sentence that says they talk or answer; not the one who asks
    (a role such as "correspondent": "Our correspondent NAME talked to NAME2")."""
    if role and _interviewer_role().search(role):
        return False
    return start < lede_end(body, blocks) and bool(interview_cue().search(sentence_around(body, start, end)))


@cache
def _interviewer_role() -> re.Pattern[str]:
    words = sorted(lexicon()["interviewer_roles"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")s?\b", re.IGNORECASE)


# ----- an interviewee named only on the page --------------------------------------------------------------------
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,6}[A-Z][\w'’-]+")
_SEPARATOR = re.compile(r"\s*(?:\([^)]{1,20}\)\s*)?(?:[-–—:]|,)\s*")


def page_interviewee(body: str, raw_text: str, title: str | None, catalogue: Catalogue) -> SpeakerInfo | None:
    """The interviewee of a question-and-answer page who is named only above the body: in the headline or a page
    line ("NAME - ROLE", "NAME, ROLE:") or in a line that announces the interview ("Read the interview with
    NAME"). Only when the body is made of questions and answers."""
    if not reads_as_questions_and_answers(body):
        return None
    at = raw_text.find(body[:40].strip()) if raw_text and body.strip() else -1
    head = raw_text[:at] if at > 0 else ""
    for line in [title or "", *head.splitlines()]:
        found = _named_in_heading(line.strip(), catalogue)
        if found is not None:
            return SpeakerInfo(found[0], found[1], None, 0, "interviewee")
    return None


def reads_as_questions_and_answers(body: str) -> bool:
    """Some paragraph is a question, and at least as many are not."""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    questions = sum(1 for p in paragraphs if is_question_paragraph(p))
    return questions >= 1 and len(paragraphs) - questions >= questions


def is_question_paragraph(text: str) -> bool:
    return text.rstrip(' "”»').endswith("?") and len(text.split()) <= 80


def _named_in_heading(line: str, catalogue: Catalogue) -> tuple[str, str | None] | None:
    """(name, role) of a heading that opens with a titled name followed by its role ("H.E. NAME - ROLE"), or of a
    line with an interview cue followed by a titled name ("the interview with Major General NAME")."""
    cue = interview_cue().search(line)
    for m in _CAPITALISED_RUN.finditer(line):
        titles, name = _split_titles(m.group())
        if name is None or catalogue.lookup(name) or catalogue.lookup(name.split()[-1]):
            continue
        after = line[m.end() :]
        separator = _SEPARATOR.match(after)
        role = re.split(r"\s*[:|–—]\s*|\s+-\s+", after[separator.end() :])[0].strip(" .") if separator else ""
        if m.start() == 0 and separator and role_noun_pattern().search(role) and len(role.split()) <= 15:
            return name, role
        if cue and cue.end() <= m.start():
            return name, " ".join(titles) or None
    return None


def _split_titles(run: str) -> tuple[list[str], str | None]:
    """'Major General Bill Crane' -> (['Major', 'General'], 'Bill Crane'); None when no two-word name remains."""
    words = run.split()
    titles = []
    while words and _is_title(words[0]):
        titles.append(words.pop(0))
    if not 2 <= len(words) <= 4 or not all(re.fullmatch(r"[A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)*", w) for w in words):
        return titles, None
    return titles, " ".join(words)


def _is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in _titles() or "." in word


@cache
def _titles() -> frozenset[str]:
    """Words written before a name that are no part of it: titles, ranks, honorifics."""
    words = [*PERSON_TITLES, *lexicon()["titles_before_name"], *lexicon()["honorifics"]]
    return frozenset(w.casefold().rstrip(".") for w in words)


# ----- labelled turns -------------------------------------------------------------------------------------------
_LABEL_TAIL = re.compile(
    r"(?:\s*\((?P<paren>[^()\n]{2,80})\))?(?:\s*,\s*(?P<role>[^\n:.!?“”\"]{2,120}?))?\s*:(?P<rest>[^\n]*)"
)


def turn_label(body: str, start: int, end: int) -> tuple[str | None, int] | None:
    """A name that labels a turn: it opens its line and a colon follows it, maybe after a role ("NAME, economist:" or
    "NAME (economist):" over a quotation, "NAME: We never ..." in a round table). (The role or None, the end of the
    turn: the label's line, and the next paragraph too when the label stands alone on its line.) A label over a
    question is the interviewer's, no turn of a speaker."""
    line_start = body.rfind("\n", 0, start) + 1
    opening = body[line_start:start]
    if opening.strip(" -–—*•\t") and not all(_is_title(w) for w in opening.split()):
        return None
    m = _LABEL_TAIL.match(body, end)
    if m is None:
        return None
    role = m.group("role") or m.group("paren")
    if role and (not role_noun_pattern().search(role) or len(role.split()) > 15):
        return None
    turn_end = m.end()
    if not m.group("rest").strip():  # a label alone on its line: the turn is the next paragraph
        following = re.compile(r"\s*(\S[^\n]*)").match(body, turn_end)
        turn_end = following.end() if following else turn_end
    if body[m.start("rest") : turn_end].rstrip(' "”»').endswith("?"):
        return None
    return (role.strip() if role else None), turn_end


def labelled_turns(body: str, speakers: list[SpeakerInfo]) -> list[tuple[int, int, str]]:
    """Body spans that a speaker's label owns (see ``turn_label``)."""
    turns = []
    for speaker in speakers:
        for start, end in speaker.mentions:
            label = turn_label(body, start, end)
            if label is not None:
                turns.append((start, label[1], speaker.name))
    return sorted(turns)
