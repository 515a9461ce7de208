"""Stances: what the speaker of a sentence thinks of an actor it mentions.

Contract: ``code_stances(sentence, previous, readings)`` returns the speaker's evaluative attitudes in one sentence.
A stance needs a speaker (questions and the journalist's narration have none), an evaluative cue and the actor that
cue is about. Cues come first from the domain's stance lexicon (data/stance_cues.json: stance_positive /
stance_negative / stance_neutral), then from VADER's general valence lexicon for words rated at least
``valence_cue`` at either end ("welcome", "good", "tragedy", "hopeless"): the domain lexicon decides where both know
a word. The target of a cue, in its clause:

- the subject of a linking verb whose predicate holds the cue ("X is a reliable partner for Y", "X has become a
  centre of gravity"): X, whatever the predicate names after it, and the possessor of the subject's head where X is
  named in a prepositional phrase after it ("Y's investment in lines towards X is good news": Y);
- after a judging verb ("welcomed", "criticised", "blasted"), the actor it is said of, never the one who judges;
- otherwise the nearest actor, where an actor named as a place ("stability in Central Asia") and the speaker's own
  state count as farther away, and the actor a hostile act is aimed at ("an escalation against X", "the isolation
  of X") is passed over, here and by the next rule, and a list of partners after "with" ("an agreement with A and
  B, a real step") is the event's, not a target;
- when nothing is near and the sentence names one actor, that actor, wherever the cue stands.

No target: a person or an armed group; the speaker's own state unless it is the possessor of what is judged
("Georgia's peace plan", not "Georgia has chosen a course": self-description, and "we"/"our country" never); a
point on a route ("via X", "connecting X and Y"); the actors of an event that dates the statement ("since the
collapse of X", "after X's invasion of Y"), whose words are no cues either. Pronouns are resolved by one resolver,
nlp/reference.py, before this stage: a target read from one carries ``resolved_from``.

Polarity: a negated cue ("not sufficient", "won't replicate") or one after a downtoner ("a less welcoming place") turns
a positive cue negative and a negative one neutral; hedged cues keep their polarity with modality "hypothetical"; praise
with a reservation after "but" ("X is useful, but it must stay balanced") is balanced (0); a hostile word naming the
relation between two actors ("the conflict between X and Y") judges neither. A relation reading of the sentence that the
speaker's own state is party to ("our partnership with X") is also the speaker's stance on the other party, except
mediation and a list of partners ("we signed agreements with A, B and C"). Confidence: a subject reading is the most
reliable, a cue's falls with the characters its evidence core spans (docs/accuracy.md). Settings: nlp/config.py STANCES.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import NamedTuple

from multivector.nlp import reference
from multivector.nlp.config import STANCES
from multivector.nlp.context import Mention, SentenceContext, modality
from multivector.nlp.lexicon import alternation, lexicon, valence_lexicon, word_pattern
from multivector.records import Relation, Stance

MAX_CUE_DISTANCE = STANCES["max_cue_distance"]
VALENCE_CUE = STANCES["valence_cue"]
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# People are no actors of the model, and armed groups are named as threats, not weighed as policy: none of the
# 105 gold stances of the seed and dev sets has one as its target, while the cues made many.
_NO_TARGET = frozenset({"person", "group"})
_KEYS = (("stance_positive", "+"), ("stance_negative", "-"), ("stance_neutral", "0"))


def code_stances(
    sentence: SentenceContext, previous: SentenceContext | None = None, readings: Sequence[Relation] = ()
) -> list[Stance]:
    """The speaker's stances in one sentence: from evaluative cues near an actor, and from the sentence's relation
    readings that involve the speaker's own state ("our partnership with X": the speaker's view of X). `previous`
    is the sentence before: a sentence with no actor of its own ("It is a reliable friend.") asks the one resolver,
    nlp/reference.py, for what its pronoun stands for (in the pipeline that has already run, so this adds nothing)."""
    if sentence.question or not sentence.speaker:
        return []
    if not sentence.mentions and previous is not None:
        found = reference.resolve(sentence.body, sentence.start, sentence.end, [], [previous], sentence.speaker)
        sentence = replace(sentence, mentions=found)
    cued = _cued_stances(sentence)
    seen = {s.target for s in cued}
    return cued + [s for s in _stances_from_readings(sentence, readings) if s.target not in seen]


def _stances_from_readings(sentence: SentenceContext, readings: Sequence[Relation]) -> list[Stance]:
    state = sentence.speaker_state
    if not state or not STANCES["from_relations"]:
        return []
    kinds = {m.id: m.kind for m in sentence.mentions}
    prefixed = {
        m.id
        for m in sentence.mentions
        if _PREFIXED.search(sentence.body, max(sentence.start, m.start - 5), m.start) or _party_of_event(sentence, m)
    }
    out: dict[str, Stance] = {}
    types: dict[str, str] = {}
    for r in readings:
        if r.polarity == "0" or r.modality == "negated" or state not in (r.a, r.b):
            continue
        if r.type not in STANCES["from_relations_types"]:
            continue
        if r.confidence < STANCES["from_relations_min_confidence"]:
            continue
        target = r.b if r.a == state else r.a
        if kinds.get(target) in _NO_TARGET or target in out or target in prefixed:
            continue
        confidence = round(r.confidence * STANCES["from_relations_factor"], 2)
        types[target] = r.type
        out[target] = Stance(
            sentence.speaker or "", target, r.polarity, r.evidence, list(r.span), r.modality, confidence=confidence
        )
    if len(out) > 1:
        # "we signed agreements with A, B and C": a list of the country's partners reports facts; only an alliance or
        # a partnership in it is a view of the partner ("our ally A and our partner B")
        return [s for target, s in out.items() if types[target] in STANCES["from_relations_in_lists"]]
    return list(out.values())


def _cued_stances(sentence: SentenceContext) -> list[Stance]:
    frames = _frames(sentence)
    targets = [
        m
        for m in sentence.mentions
        if m.via != "we"
        and m.kind not in _NO_TARGET
        and _may_judge(sentence, m)
        and not _framed(sentence, m, frames)
        and not _route_point(sentence, m)
        and not _PREFIXED.search(sentence.body, max(sentence.start, m.start - 5), m.start)
    ]
    if not targets:
        return []
    votes: dict[str, list[_Vote]] = {}
    for start, end, polarity in _cues(sentence, targets):
        mood = modality(sentence.body, sentence.start, start, end)
        polarity = _lowered(sentence, start, polarity, mood)
        for target, rule in _target(sentence, targets, start, end, polarity):
            votes.setdefault(target.id, []).append(
                _Vote(
                    _turned(sentence, target, polarity),
                    min(start, target.start),
                    max(end, target.end),
                    mood,
                    rule,
                    _resolved(sentence, target),
                )
            )
    others = {m.id for m in targets if m.id != sentence.speaker_state}
    if not votes and len(others) == 1 and STANCES["sole_target"]:
        # the one actor the speaker's sentence is about takes the sentence's evaluation, wherever the cue stands
        (only,) = others
        mention = next(m for m in targets if m.id == only)
        for start, end, polarity in _cues(sentence, targets):
            mood = modality(sentence.body, sentence.start, start, end)
            polarity = _lowered(sentence, start, polarity, mood)
            if (
                _victim(sentence, mention, end, polarity)
                or _beneficiary(sentence, mention, start, end, polarity)
                or _party_of_event(sentence, mention)
                or _party_of_deal(sentence, mention)
            ):
                continue  # "pressure on X", "the isolation of X": X suffers the act, wherever it stands
            votes.setdefault(only, []).append(
                _Vote(
                    _turned(sentence, mention, polarity),
                    min(start, mention.start),
                    max(end, mention.end),
                    mood,
                    "sole",
                    _resolved(sentence, mention),
                )
            )
    return [
        _reserved(sentence, _stance(sentence, target_id, items), max(v.end for v in items))
        for target_id, items in votes.items()
    ]


@cache
def _rupture() -> re.Pattern[str]:
    words = alternation("stance_rupture_words")
    # "a break with X", "the withdrawal of our troops from X", "leaving X": what lies between the word and its object
    return re.compile(
        rf"(?<![\w-])(?:{words})(?:\s+(?:of|by)\s+[^,;:.!?]{{1,30}}?)?\s+(?:(?P<prep>from|with|in\s+relations\s+with)\s+)?"
        r"(?:the\s+)?\Z",
        re.IGNORECASE,
    )


#: what a break "from" may leave: a membership or a project, not a place ("the withdrawal from Afghanistan")
_LEFT_FROM = frozenset({"organisation", "bloc", "project"})


def _turned(sentence: SentenceContext, mention: Mention, polarity: str) -> str:
    """'A break with X would be a tragedy', 'our withdrawal from X would be a mistake', 'leaving X is wise': the cue
    weighs breaking away from X, so its view of X is the opposite: regret for the break is a good view of X, praise of
    the break a poor one. A balanced cue stays balanced."""
    if polarity == "0":
        return polarity
    found = _rupture().search(sentence.body, max(sentence.start, mention.start - 60), mention.start)
    if found is None:
        return polarity
    prep = (found.group("prep") or "").lower()
    if prep == "from" and mention.kind not in _LEFT_FROM:
        return polarity
    if not prep and mention.kind not in _LEFT_FROM:
        return polarity  # "leaving Russia", "abandoning Georgia": a place left, not a membership
    return "+" if polarity == "-" else "-"


@cache
def _downtoner() -> re.Pattern[str]:
    words = alternation("stance_downtoners")
    # ... not after "no" or "not": "no less important" is as important (the modality reads it as no negation)
    return re.compile(rf"(?<!\bno\s)(?<!\bnot\s)(?<![\w-])(?:{words})\s+\Z", re.IGNORECASE)


def _lowered(sentence: SentenceContext, cue_start: int, polarity: str, mood: str) -> str:
    """A negated cue ("not reliable") or one right after a downtoner ("a less welcoming place") turns a positive cue
    negative and a negative one balanced."""
    lowered = _downtoner().search(sentence.body[max(sentence.start, cue_start - 20) : cue_start]) is not None
    if mood == "negated" or lowered:
        return {"+": "-", "-": "0", "0": "0"}[polarity]
    return polarity


class _Vote(NamedTuple):
    """One cue's evaluation of a target: its polarity, the core it spans, its modality, the rule that found the
    target (cue: the nearest actor; subject: the subject of the cue's linking verb; sole: the sentence's one actor) and
    the words a pronoun target was resolved from."""

    polarity: str
    start: int
    end: int
    mood: str
    rule: str
    resolved_from: str | None


def _resolved(sentence: SentenceContext, mention: Mention) -> str | None:
    return sentence.body[mention.start : mention.end] if mention.via == "pronoun" else None


_BUT = re.compile(r",?\s+but\s+(?!also\b|rather\b|even\b)", re.IGNORECASE)


def _reserved(sentence: SentenceContext, stance: Stance, end: int) -> Stance:
    """'Cooperation with X is useful, but it must remain balanced': praise of an actor followed, after 'but', by a
    condition, an obligation or a limit, with no other actor to be the subject of the reservation (the speaker's own
    country may be: "X is an important partner, but we cannot rely on one partner"), is a balanced view (0)."""
    if stance.polarity != "+" or not STANCES["reservation_balances"]:
        return stance
    but = _BUT.search(sentence.body, end, sentence.end)
    if but is None:
        return stance
    lo, hi = sentence.clause_bounds(but.end())
    rest = sentence.body[but.end() : hi]
    if any(
        but.end() <= m.start < hi and m.id not in (stance.target, sentence.speaker_state) for m in sentence.mentions
    ):
        return stance
    if not word_pattern("stance_reservations").search(rest):
        return stance
    return replace(stance, polarity="0")


_POSSESSOR = re.compile(r"['’]s?\b")


def _may_judge(sentence: SentenceContext, mention: Mention) -> bool:
    """The speaker's own state, named by the speaker, is mostly the subject that acts ("Georgia has chosen a careful
    course"), not a view of it; it is judged where its policy is the possessor of the cue ("Georgia's peace plan is a
    model"). Other actors may always be judged."""
    if mention.id != sentence.speaker_state or not STANCES["own_state_possessive_only"]:
        return True
    return _POSSESSOR.match(sentence.body, mention.end) is not None


@cache
def _frame_opening() -> re.Pattern[str]:
    words = lexicon()
    opener = "|".join(sorted(words["stance_frame_openers"], key=len, reverse=True))
    event = "|".join(sorted(words["stance_frame_events"], key=len, reverse=True))
    # "since the collapse", "before the war", "after Russia's invasion", "amid the energy crisis"
    return re.compile(rf"\b(?:{opener})\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{event})\b", re.IGNORECASE)


# what joins the actors of the event to its noun: "the collapse [of the] Soviet Union", "the war [between] X [and] Y"
_FRAME_LINK = re.compile(r"\s*(?:and|of|in|on|with|against|between|over)?\s*(?:the\s+)?\Z", re.IGNORECASE)


def _frames(sentence: SentenceContext) -> list[tuple[int, int]]:
    """The spans of the time frames named after an event: the opener, the event noun and the actors joined to it
    ("since the collapse of the Soviet Union", "after Russia's invasion of Ukraine")."""
    spans = []
    for m in _frame_opening().finditer(sentence.text):
        lo, hi = sentence.start + m.start(), sentence.start + m.end()
        for mention in sorted(sentence.mentions, key=lambda x: x.start):
            if mention.start >= hi and _FRAME_LINK.match(sentence.body[hi : mention.start]) and mention.start - hi < 20:
                hi = mention.end
        spans.append((lo, hi))
    return spans


def _framed(sentence: SentenceContext, mention: Mention, frames: list[tuple[int, int]]) -> bool:
    """'since the collapse of the Soviet Union', 'after Russia's invasion of Ukraine': the actors of an event that
    dates the statement are not what the speaker judges."""
    return any(lo <= mention.start < hi for lo, hi in frames)


def _cues(sentence: SentenceContext, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for key, polarity in _KEYS:
        for m in word_pattern(key).finditer(sentence.text):
            found.append((sentence.start + m.start(), sentence.start + m.end(), polarity))
    valences = valence_lexicon()
    for m in _WORD.finditer(sentence.text):
        valence = valences.get(m.group().lower(), 0.0)
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if abs(valence) >= VALENCE_CUE and not any(s < end and start < e for s, e, _ in found):
            found.append((start, end, "+" if valence > 0 else "-"))
    # a cue inside a mention names it ("the Collective Security Treaty"), one inside a time frame dates the statement
    # ("since the collapse of ...")
    frames = _frames(sentence)
    return [
        cue
        for cue in found
        if not any(x.start < cue[1] and cue[0] < x.end for x in mentions)
        and not any(lo <= cue[0] < hi for lo, hi in frames)
    ]


def _judges_after(sentence: SentenceContext, start: int, end: int) -> bool:
    """'the EU welcomed the decision of Kazakhstan': the actor before a judging verb judges, the one after is judged;
    'Tehran is worried about the talks with X': the subject of a word of feeling feels, what it feels about comes
    after it ("where X is concerned" feels nothing)."""
    return any(
        word_pattern(key).fullmatch(sentence.body, start, end)
        for key in ("stance_judging_verbs", "stance_experiencer_words")
    )


def _target(
    sentence: SentenceContext, targets: list[Mention], start: int, end: int, polarity: str
) -> list[tuple[Mention, str]]:
    lo, hi = sentence.clause_bounds(start)
    if polarity == "-" and _CUE_BETWEEN.match(sentence.body, end, hi):
        return []  # "the conflict between X and Y": the cue names their relation, and judges no one else
    in_clause = [
        m
        for m in targets
        if lo <= m.start < hi
        and not _victim(sentence, m, end, polarity)
        and not _party_between(sentence, m, polarity)
        and not _beneficiary(sentence, m, start, end, polarity)
    ]
    if _judges_after(sentence, start, end):
        in_clause = [m for m in in_clause if m.start >= end]
    if not in_clause:
        return []
    subjects = _predicate_subject(sentence, in_clause, start)
    if subjects:
        return [(m, "subject") for m in subjects]
    nearest = min(
        in_clause,
        key=lambda m: _distance(m, start, end) + _place_penalty(sentence, m) + _own_state_penalty(sentence, m, start),
    )
    if _in_list(sentence, nearest) or _party_of_event(sentence, nearest) or _party_of_deal(sentence, nearest):
        # "the treaty between X and Y was a real success", "the trade deal with X is going well", "the welcome
        # abolition of X": the cue weighs the treaty, the deal or the act, none of the actors in it
        return []
    # an actor named as a place counts as farther away here too
    reach = _distance(nearest, start, end) + _place_penalty(sentence, nearest)
    if reach > MAX_CUE_DISTANCE:
        return []
    return [(_decider(sentence, in_clause, nearest), "cue")]


@cache
def _decision_to_end() -> re.Pattern[str]:
    verbs = alternation("stance_ending_verbs")
    # "X's decision on Monday to disband [Y]": a possessed noun, a few words, and an infinitive that ends the actor
    # after it
    return re.compile(rf"^['’]s?\s+[\w-]+(?:\s+[^,;:!?]{{1,30}}?)?\s+to\s+(?:{verbs})\s+(?:the\s+)?\Z", re.IGNORECASE)


def _decider(sentence: SentenceContext, in_clause: list[Mention], mention: Mention) -> Mention:
    """'the SCO's plan to disband its working group has strengthened trust': the cue weighs the plan that ends the
    working group, so the plan's owner, never what it ends. The mention itself otherwise ("X's
    decision to build the plant is important" may well weigh the plant)."""
    for owner in sorted((m for m in in_clause if m.end <= mention.start), key=lambda m: -m.end):
        if mention.start - owner.end > 60:
            break
        if _decision_to_end().match(sentence.body[owner.end : mention.start]):
            return owner
    return mention


_LIST_LINK = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?\Z", re.IGNORECASE)


def _in_list(sentence: SentenceContext, mention: Mention) -> bool:
    """'we signed an agreement with Afghanistan and Pakistan, a real step', 'good relations with A, B and C': a cue
    near a list of partners after 'with' weighs the event or the relations, none of the partners ("the importance of
    A and B" does weigh both)."""
    ordered = sorted(sentence.mentions, key=lambda m: m.start)
    i = ordered.index(mention)
    group = [mention]
    j = i
    while j > 0 and _LIST_LINK.match(sentence.body[ordered[j - 1].end : ordered[j].start]):
        j -= 1
        group.append(ordered[j])
    j = i
    while j + 1 < len(ordered) and _LIST_LINK.match(sentence.body[ordered[j].end : ordered[j + 1].start]):
        j += 1
        group.append(ordered[j])
    if len({m.id for m in group if m.id != sentence.speaker_state}) < 2:
        return False
    first = min(group, key=lambda m: m.start)
    return _WITH_BEFORE.search(sentence.body[max(sentence.start, first.start - 12) : first.start]) is not None


_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?\Z", re.IGNORECASE)


def _own_state_penalty(sentence: SentenceContext, mention: Mention, cue_start: int) -> int:
    """The speaker's own state counts as farther away, except as the possessor of the cue ("our country's own
    drift", "Georgia's failure")."""
    if mention.id != sentence.speaker_state:
        return 0
    if mention.end <= cue_start and _OWN_POSSESSOR.match(sentence.body[mention.end : cue_start]):
        return 0
    return STANCES["own_state_penalty_chars"]


_OWN_POSSESSOR = re.compile(r"^['’]s?\s+(?:own\s+)?(?:[\w-]+\s+)?\Z")


@cache
def _copula() -> re.Pattern[str]:
    verbs = alternation("stance_copulas")
    # "X is", "X, the largest economy of the region, remains", "X's role today is": the words between a subject and
    # the evaluative cue of its predicate hold a linking verb and no clause break
    return re.compile(
        rf"^(?:['’]s?\s+[\w-]+)?(?:\s*,[^,;:]{{1,60}},)?\s+(?:\w+\s+){{0,2}}?(?:{verbs})\b"
        # ... not a progressive ("X is trying to contain Y": an action, not a predicate of X)
        r"(?!\s+\w+ing\b)[^,;:.!?]*\Z",
        re.IGNORECASE,
    )


_VERB_OBJECT = re.compile(r"\bto\s+[a-z]+\s+(?:the\s+)?\Z")


def _predicate_subject(sentence: SentenceContext, in_clause: list[Mention], cue_start: int) -> list[Mention]:
    """'the OTS is turning into a centre of gravity for the Turkic world': a cue in the predicate of a linking verb
    evaluates the subject, whatever actor the predicate names after it; a possessor inside the predicate ("X remains
    Georgia's main partner") is passed over; a compound subject ("the Turkish-Azerbaijani alliance is") is each of
    its members. Empty when the cue is in no such predicate."""
    before = [m for m in in_clause if m.end <= cue_start and cue_start - m.end <= STANCES["predicate_reach_chars"]]
    for subject in sorted(before, key=lambda m: -m.end):
        linked = _copula().match(sentence.body[subject.end : cue_start]) is not None
        if not linked and _POSSESSOR.match(sentence.body, subject.end):
            continue  # "X remains [Georgia]'s most important partner"
        if not linked or subject.id == sentence.speaker_state or _place_penalty(sentence, subject):
            return []  # "freight via Iran is promising": a place is no subject
        if _party_of_event(sentence, subject) or _party_of_deal(sentence, subject):
            return []  # "the treaty between X and Y is a success": the subject is the treaty
        if _VERB_OBJECT.search(sentence.body[max(sentence.start, subject.start - 30) : subject.start]):
            return []  # "the decision to build X is important": X is the object of a verb, not the subject
        subject = _head_possessor(sentence, in_clause, subject)
        if subject.id == sentence.speaker_state and not _POSSESSOR.match(sentence.body, subject.end):
            return []
        members = [subject]
        for m in sorted(in_clause, key=lambda m: -m.end):
            if m.end <= members[-1].start and _COMPOUND.match(sentence.body[m.end : members[-1].start]):
                members.append(m)
        return [m for m in members if m.id != sentence.speaker_state]
    return []


# "X's investment in new lines towards Y": what lies between the possessor of a noun phrase's head and an actor named
# in a prepositional phrase after the head; no linking verb and no clause break inside
_HEAD_TO_PREPOSITION = re.compile(
    r"^['’]s?\s+[^,;:.!?]{0,60}?\b(?:in|into|to|towards?|from|with|for|on|across|through|along|over)\s+[^,;:.!?]*\Z",
    re.IGNORECASE,
)


def _head_possessor(sentence: SentenceContext, in_clause: list[Mention], subject: Mention) -> Mention:
    """'Astana's investment in new lines towards the Chinese border is good news': an actor named in a prepositional
    phrase inside the subject is not what the predicate judges; the possessor of the subject's head ("Astana's
    investment") is. The subject itself where no actor possesses the head ("the road to China is long": China)."""
    for owner in sorted((m for m in in_clause if m.end <= subject.start), key=lambda m: -m.end):
        between = sentence.body[owner.end : subject.start]
        if _HEAD_TO_PREPOSITION.match(between) and not word_pattern("stance_copulas").search(between):
            return owner
        break
    return subject


_COMPOUND = re.compile(r"^\s?[-–—]\s?\Z")  # "the Turkish-Azerbaijani alliance", "the Russia–China axis"


_PLACE_BEFORE = re.compile(r"\b(?:in|across|throughout|within|around)\s+(?:the\s+)?(?:wider\s+)?\Z", re.IGNORECASE)
_ROUTE_BEFORE = re.compile(
    r"\b(?:via|crossing|connecting(?:\s+[\w-]+(?:\s+[\w-]+)?\s+(?:and|with|to))?"
    # "a bridge between X and Y", "the main link between X and Y": the ends of a connection
    r"|(?:bridges?|links?|gateways?|crossroads|junctions?|connections?)\s+between"
    r"(?:\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+and)?)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


def _place_penalty(sentence: SentenceContext, mention: Mention) -> int:
    """'the CSTO's role in maintaining stability in Central Asia': an actor named as the place of something is a
    weaker target than the one the cue is said of; it wins only when nothing else is near."""
    before = sentence.body[max(sentence.start, mention.start - 20) : mention.start]
    return STANCES["place_penalty_chars"] if _PLACE_BEFORE.search(before) else 0


# "the non-Western world", "an anti-Russian campaign", "the pro-Kremlin press": the actor names what the words around it
# are for or against, or not; it is not what the speaker judges
_PREFIXED = re.compile(r"\b(?:non|anti|pro)[-–]\Z", re.IGNORECASE)


def _route_point(sentence: SentenceContext, mention: Mention) -> bool:
    """'a route via Georgia', 'a corridor connecting Asia and Europe': a point on a route is where goods pass, not
    what the speaker judges."""
    return _ROUTE_BEFORE.search(sentence.body[max(sentence.start, mention.start - 40) : mention.start]) is not None


_VICTIM = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:against|on|upon)\s+(?:the\s+)?\Z", re.IGNORECASE)


# "the isolation of X", "the detentions of X's citizens", "the occupation of X": a noun of action whose object follows
_ACT_OF = re.compile(r"(?:tions?|sions?|ments?|ades?)\Z", re.IGNORECASE)
_OF_OBJECT = re.compile(r"^\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?\Z", re.IGNORECASE)


def _victim(sentence: SentenceContext, mention: Mention, cue_end: int, polarity: str) -> bool:
    """'an escalation against X', 'pressure on X', 'sanctions against X', 'the isolation of X': the actor a hostile
    act is aimed at suffers it; the speaker's blame is for whoever acts."""
    if polarity != "-" or mention.start < cue_end:
        return False
    between = sentence.body[cue_end : mention.start]
    if _VICTIM.match(between):
        return True
    return _ACT_OF.search(sentence.body, max(sentence.start, cue_end - 6), cue_end) is not None and bool(
        _OF_OBJECT.match(between)
    )


# "security to X", "a contribution to the prosperity of all of X": the words between a praised thing and
# the one it is given to ("a promising option for X" does weigh X's options)
_GIVEN_TO = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?to\s+(?:the\s+)?(?:[\w-]+\s+){0,6}?\Z", re.IGNORECASE)


def _beneficiary(sentence: SentenceContext, mention: Mention, cue_start: int, cue_end: int, polarity: str) -> bool:
    """'the mission brings lasting security to X', 'a contribution to the prosperity of X': the actor a good thing
    goes to receives it; the praise is for the thing or whoever gives it. Words of an attitude towards the actor
    ("thanks to X", "our commitment to X") still judge it."""
    if polarity != "+" or mention.start < cue_end:
        return False
    if not _GIVEN_TO.match(sentence.body[cue_end : mention.start]):
        return False
    return not word_pattern("stance_attitude_words").fullmatch(sentence.body, cue_start, cue_end)


_BETWEEN_FIRST = re.compile(r"\bbetween\s+(?:the\s+)?\Z", re.IGNORECASE)
_CUE_BETWEEN = re.compile(r"\s+(?:[\w-]+\s+)?between\s+(?:the\s+)?[^,;:.!?]{1,40}?\s+and\s", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"^\s+and\s+(?:the\s+)?\Z", re.IGNORECASE)


def _party_between(sentence: SentenceContext, mention: Mention, polarity: str) -> bool:
    """'the conflict between X and Y', 'tensions between X and Y': a hostile relation named between two actors is
    theirs (nlp/relations.py reads it), not the speaker's blame of either."""
    return polarity == "-" and _pair_between(sentence, mention) is not None


def _party_of_event(sentence: SentenceContext, mention: Mention) -> bool:
    """'the treaty between X and Y was a real success', 'the talks between X and Y made progress': whatever the cue,
    it weighs the treaty or the talks, not either party. The relations of the speaker's own state are the exception
    ("relations between our country and X have become brotherly"): like "our partnership with X", a view of X."""
    pair = _pair_between(sentence, mention)
    if pair is None:
        return False
    first, _ = pair
    own = sentence.speaker_state is not None and sentence.speaker_state in {m.id for m in pair}
    if own and mention.id != sentence.speaker_state:
        before = sentence.body[max(sentence.start, first.start - 40) : first.start]
        return _relationship_between().search(before) is None
    return True


@cache
def _relationship_between() -> re.Pattern[str]:
    nouns = alternation("stance_relationship_nouns")
    return re.compile(rf"(?<![\w-])(?:{nouns})\s+between\s+(?:the\s+)?\Z", re.IGNORECASE)


@cache
def _deal_with() -> re.Pattern[str]:
    deals = alternation("stance_deal_nouns")
    ends = alternation("stance_ending_nouns")
    # "the agreement [on the new mine] with X", "the abolition of X"
    return re.compile(
        rf"(?<![\w-])(?:(?:{deals})(?:\s+on\s+[^,;:!?]{{1,50}}?)?\s+with|(?:{ends})\s+of)\s+(?:the\s+)?"
        r"(?:[\w-]+\s+){0,2}?\Z",
        re.IGNORECASE,
    )


def _party_of_deal(sentence: SentenceContext, mention: Mention) -> bool:
    """X in 'the agreement with X', 'the talks with X' or 'the abolition of X': the cue next to it weighs the
    agreement, the talks or the act, not X (the relation it names is nlp/relations.py's)."""
    return _deal_with().search(sentence.body, max(sentence.start, mention.start - 90), mention.start) is not None


def _pair_between(sentence: SentenceContext, mention: Mention) -> tuple[Mention, Mention] | None:
    """The two actors of 'between X and Y' when the mention is one of them."""
    ordered = sorted(sentence.mentions, key=lambda m: m.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if mention not in (first, second):
            continue
        before = sentence.body[max(sentence.start, first.start - 12) : first.start]
        if _BETWEEN_FIRST.search(before) and _BETWEEN_AND.match(sentence.body[first.end : second.start]):
            return first, second
    return None


def _distance(mention: Mention, start: int, end: int) -> int:
    if mention.end <= start:
        return start - mention.end
    if mention.start >= end:
        return mention.start - end
    return 0


def _stance(sentence: SentenceContext, target: str, items: list[_Vote]) -> Stance:
    score = sum({"+": 1, "-": -1, "0": 0}[v.polarity] for v in items)
    polarity = "+" if score > 0 else "-" if score < 0 else "0"
    lo = min(v.start for v in items)
    hi = max(v.end for v in items)
    evidence, span = sentence.evidence(lo, hi)
    moods = {v.mood for v in items}
    mood = "asserted" if "asserted" in moods else sorted(moods)[0]
    table = STANCES["confidence"]
    # a predicate's subject, every cue agreeing, is the most reliable reading; any other mix is a plain cue
    unanimous = len({v.polarity for v in items}) == 1
    base = table["subject"] if unanimous and all(v.rule == "subject" for v in items) else table["cue"]
    confidence = base - (table["distance_per_char"] * (hi - lo)) - (table["modal_penalty"] if mood != "asserted" else 0)
    resolved_from = next((v.resolved_from for v in items if v.resolved_from), None)
    return Stance(
        sentence.speaker or "",
        target,
        polarity,
        evidence,
        span,
        mood,
        confidence=round(max(0.05, confidence), 2),
        resolved_from=resolved_from,
    )
