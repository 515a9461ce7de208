"""Speakers: who is interviewed, quoted or paraphrased, their roles, and who says each sentence.

Contract (what ``nlp.assemble`` calls, in this order):
- ``complete_persons(body, persons, parsed)`` -> the person mentions repaired with the parse (``persons``).
- ``find_speakers(body, persons, blocks, interview, authors, parsed=, raw_text=, title=)`` -> ``SpeakerInfo`` list:
  an op-ed's author first, then interviewees, then quoted or paraphrased people in text order; never the
  journalist (``finding``).
- ``attribute(body, sentences, blocks, speakers, interview)`` -> every sentence's speaker name, or None for the
  journalist's own narration, a question, an unnamed source (``attribution``).
- ``is_speech_subject(body, start, end)`` -> whether a name at that span is the subject of a speech verb.

Stages, one module each (a decision is made in the module named for it):
  types.py        SpeakerInfo (name, role, voice: quoted | interviewee | respondent | author, mentions, said_at)
  cues.py         the speech/attribution word lists, read from data/speech_cues.json (one entry a line)
  positions.py    where a name stands when its bearer speaks (parse and text patterns); negated speech is none
  persons.py      the NER's person mentions repaired (cut names, honorifics, brackets, turn labels), linked and
                  spelled as written
  roles.py        the role the text states for a person; whether a role phrase names a speaker's role
  interview.py    an interview's lede and interviewee, a Q&A page's interviewee named above the body, turn labels
  oped.py         an op-ed's author as its first speaker
  quotes.py       quotation spans, and paragraphs that open a quotation running on
  finding.py      who speaks (named speakers, role-noun subjects, op-ed author or page interviewee)
  attribution.py  who says each sentence (questions, turns, quotations, reported speech, narration)
"""

from multivector.nlp.speakers.attribution import attribute
from multivector.nlp.speakers.finding import find_speakers
from multivector.nlp.speakers.persons import complete_persons
from multivector.nlp.speakers.positions import is_speech_subject, speech_slots
from multivector.nlp.speakers.types import Attribution, Parsed, SpeakerInfo

__all__ = [
    "Attribution",
    "Parsed",
    "SpeakerInfo",
    "attribute",
    "complete_persons",
    "find_speakers",
    "is_speech_subject",
    "speech_slots",
]
