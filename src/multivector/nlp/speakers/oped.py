"""Op-eds: an opinion piece speaks in its author's voice, so its author is its first speaker.

The author is a byline name; the piece is an op-ed when the narration outside quotations speaks in the first person
in at least two sentences and the page carries an opinion cue ("op-ed", "opinion", "column", "The author is ...").
"""

from __future__ import annotations

import re

from multivector.nlp.segment import Block
from multivector.nlp.speakers.cues import first_person, op_ed_cue
from multivector.nlp.speakers.types import SpeakerInfo


def op_ed_author(
    body: str, blocks: list[Block], authors: list[str], raw_text: str, title: str | None, interview: bool
) -> SpeakerInfo | None:
    if interview or not authors:
        return None
    narration = outside_quotes(body)
    first = {m.start() for m in first_person().finditer(narration)}
    sentences_with_i = {narration.rfind(". ", 0, i) for i in first}
    if len(sentences_with_i) < 2:
        return None
    page = "\n".join(x for x in (title or "", raw_text or "", body) if x)
    if not op_ed_cue().search(page):
        return None
    return SpeakerInfo(authors[0], _author_bio(page, authors[0]), None, 0, "author")


def outside_quotes(body: str) -> str:
    return re.sub(r"“[^“”]*”|\"[^\"\n]*\"|«[^«»]*»", " ", body)


def _author_bio(page: str, author: str) -> str | None:
    """'The author is a Baku-based transport policy analyst.' / 'NAME is a fellow at X.' -> the role."""
    surname = re.escape(author.split()[-1])
    m = re.search(rf"\b(?:The author|{surname})\s+is\s+((?:an?|the)\s+[^.\n]{{3,160}})", page)
    return m.group(1).strip() if m else None
