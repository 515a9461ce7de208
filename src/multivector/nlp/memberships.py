"""Memberships: claims that a state belongs to an organisation, checked against the catalogue.

Contract: ``code_memberships(sentence, catalogue, previous)`` returns the membership claims of one sentence.

The sentence is first *masked*: every state mention becomes a run of ``①`` and every organisation a run of ``②``
(same length, so offsets survive). General constructions are then read over the masked text, lists included:

- "the withdrawal/accession of S (and S) from/to the O (and O)";
- "S's membership/participation in O, O and O"; "S, a member of O"; "S joined/left O";
- "as a member of O ..., S ..."; "S and other O member states"; "S's ... cooperation within the O, O and O";
- "the O countries – S and S", "O member states such as S"; "O (S)"; "O, where S ...";
- "Their/Its cooperation within O" takes its states from the previous sentence.

Each claim carries ``status``: confirmed or contradicted by the catalogue's member list, or unknown when the
catalogue has no list for that organisation.
"""

from __future__ import annotations

import re
from functools import cache

from multivector.nlp.context import Mention, SentenceContext
from multivector.records import Membership

STATE, ORG = "①", "②"
_S = rf"{STATE}+(?:['’]s)?"
_O = rf"{ORG}+(?:\s*\({ORG}+\))?"
_SL = rf"{_S}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?{_S})*"  # a list of states
# a list of organisations ("the SCO, the CIS and the OTS"; "a member of the SCO and of the OTS")
_OL = rf"{_O}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:(?:in|of)\s+)?(?:the\s+)?{_O})*"
_THE = r"(?:the\s+)?(?:[\w-]+-(?:led|based|backed|dominated)\s+)?"  # "the Russian-led CSTO"

# "is already a member", "has also been a member"
_ADVERB = r"(?:(?:already|also|still|now|both|currently|formally|itself|themselves)\s+)?"
# "the C5+1 format, in which ...": a generic noun after the organisation's name
_OHEAD = r"(?:\s+(?:format|group|grouping|bloc|organi[sz]ation|alliance|union|forum|platform|framework|association))?"

_CONSTRUCTIONS = [
    rf"\b(?:withdrawal|exit|expulsion|accession|admission|entry|membership)\s+of\s+{_THE}(?P<s>{_SL})\s+(?:from|to|into|in)\s+{_THE}(?P<o>{_OL})",
    rf"(?P<s>{_SL})\s+(?:[\w-]+\s+){{0,3}}?(?:membership|participation|withdrawal|accession)\s+(?:in|of|from|to)\s+{_THE}(?P<o>{_OL})",
    rf"(?P<s>{_SL}),?\s+(?:is\s+|was\s+|as\s+|being\s+|remains\s+|has\s+been\s+|became\s+)?{_ADVERB}(?:a|an|the)?\s*(?:full\s+|founding\s+|key\s+)?members?\s+(?:state\s+)?of\s+{_THE}(?P<o>{_OL})",
    rf"(?P<o>{_O}){_OHEAD},?\s+of\s+which\s+(?P<s>{_SL})\s+(?:is|are|was|were|has\s+been|have\s+been|became|remains)\s+{_ADVERB}(?:a|an)?\s*(?:full\s+|founding\s+)?members?",
    rf"(?P<s>{_SL})\s+(?:has\s+|have\s+)?(?:joined|entered|withdrew\s+from|left|quit)\s+{_THE}(?P<o>{_OL})",
    rf"\bas\s+(?:a\s+)?(?:full\s+|founding\s+)?(?:member|participant|party)\s+(?:of|in|to)\s+{_THE}(?P<o>{_OL}){_OHEAD}[^.;]{{0,140}}?,\s*(?P<s>{_S})",
    rf"(?P<s>{_SL})\s+(?:and|,)\s+(?:in\s+)?other\s+(?P<o>{_OL})\s+(?:member\s+)?(?:states|countries|members)",
    rf"(?P<s>{_S})\s+(?:[\w-]+\s+){{0,8}}?within\s+{_THE}(?P<o>{_OL})",
    rf"(?P<o>{_OL})\s+(?:member\s+)?(?:countries|states|nations|members)\s*(?:[-–—:(]|,?\s*(?:such\s+as|like|including|namely))\s*(?P<s>{_SL})",
    rf"(?P<o>{_O})(?:\s+[\w-]+){{0,3}}\s*\(\s*(?P<s>{_SL})\s*\)",
    rf"(?P<o>{_O}){_OHEAD},\s*(?:where|in\s+which)\s+(?P<s>{_S})",
]
_ANAPHORA = re.compile(r"^\W*(?:their|its|they|both|the two)\b", re.IGNORECASE)
_WITHIN = re.compile(rf"\b(?:within|inside|in)\s+{_THE}(?P<o>{_OL})")
_POSSESSIVE_MEMBERSHIP = re.compile(
    rf"\b(?:its|their)\s+(?:[\w-]+\s+)?(?:membership|participation)\s+(?:in|of)\s+{_THE}(?P<o>{_OL})", re.IGNORECASE
)


@cache
def _constructions() -> list[re.Pattern[str]]:
    return [re.compile(c, re.IGNORECASE) for c in _CONSTRUCTIONS]


def code_memberships(sentence: SentenceContext, catalogue, previous: SentenceContext | None = None) -> list[Membership]:
    mentions = [m for m in sentence.mentions if m.via not in ("we", "demonym") and m.kind in ("state", "organisation")]
    if not any(m.kind == "organisation" for m in mentions):
        return []
    masked = _mask(sentence, mentions)
    claims: dict[tuple[str, str], Membership] = {}
    for pattern in _constructions():
        for match in pattern.finditer(masked):
            states = _inside(mentions, sentence.start, match.span("s"), "state")
            orgs = _inside(mentions, sentence.start, match.span("o"), "organisation")
            for state in states:
                for org in orgs:
                    _add(claims, sentence, state.id, org.id, match.span(), catalogue)
    for match in _POSSESSIVE_MEMBERSHIP.finditer(masked):
        before = [m for m in mentions if m.kind == "state" and m.end <= sentence.start + match.start()]
        for org in _inside(mentions, sentence.start, match.span("o"), "organisation"):
            if before:
                _add(
                    claims, sentence, before[-1].id, org.id, (before[-1].start - sentence.start, match.end()), catalogue
                )
    if previous is not None and _ANAPHORA.match(sentence.text) and not any(m.kind == "state" for m in mentions):
        prior_states = list({m.id: m for m in previous.mentions if m.kind == "state" and m.via != "we"})
        for match in _WITHIN.finditer(masked):
            for org in _inside(mentions, sentence.start, match.span("o"), "organisation"):
                for state_id in prior_states:
                    _add(claims, sentence, state_id, org.id, match.span(), catalogue)
    return list(claims.values())


def _mask(sentence: SentenceContext, mentions: list[Mention]) -> str:
    chars = list(sentence.text)
    for m in mentions:
        mark = STATE if m.kind == "state" else ORG
        for i in range(max(m.start, sentence.start), min(m.end, sentence.end)):
            chars[i - sentence.start] = mark
    return "".join(chars)


def _inside(mentions: list[Mention], offset: int, span: tuple[int, int], kind: str) -> list[Mention]:
    lo, hi = offset + span[0], offset + span[1]
    return [m for m in mentions if m.kind == kind and lo <= m.start and m.end <= hi]


def _add(claims, sentence: SentenceContext, state_id: str, org_id: str, span: tuple[int, int], catalogue) -> None:
    key = (state_id, org_id)
    if key in claims:
        return
    evidence, ev_span = sentence.fragment(sentence.start + span[0], sentence.start + span[1])
    known = catalogue.is_member(state_id, org_id) if catalogue is not None else None
    status = "unknown" if known is None else ("confirmed" if known else "contradicted")
    claims[key] = Membership(member=state_id, org=org_id, evidence=evidence, span=ev_span, status=status)
