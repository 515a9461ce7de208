"""Reference: pronouns and descriptions that stand for an actor named before them.

Contract: ``resolve(body, start, end, mentions, history, speaker)`` returns the mentions a sentence gains by
reference, each a :class:`Mention` with ``via="pronoun"`` placed on the referring words (so a relation or stance
read from it says, in ``resolved_from``, which words it was resolved from):

- "It" / "Its" / "The country" opening a sentence: the state or organisation the sentence before opened with
  (never the expletive "it": "It is clear that ...");
- a definite description whose head names the actor's kind ("the organisation", "the Central Asian nation",
  "the project"): the most recent actor of that kind named in this sentence or the two before;
- a pair ("the two countries", "both sides"): the last two distinct states named, as two coordinated mentions.

Only within one speaker's turn, never in a question; the words are data (data/reference_cues.json).
"""

from __future__ import annotations

import re
from functools import cache

from multivector.nlp.context import Mention, SentenceContext
from multivector.nlp.lexicon import alternation, lexicon

HISTORY = 2  # sentences before this one that a description may reach back to

# "It", "Its", "The country" opening a sentence, and the expletive "it" that refers to nothing ("It is clear that")
_PRONOUN_OPENING = re.compile(r"[\s\"“'‘«(-–—]*(It|Its|The country(?:['’]s)?|This country(?:['’]s)?)\b")
_EXPLETIVE = re.compile(
    r"It\s+(?:is|was|will be|would be|may be|might be|could be|must be|should be|has been|seems|seemed|appears|"
    r"remains|took|takes|makes sense|goes without)\b(?:\s+[\w-]+){0,4}?\s+(?:to|that|whether|how|why|when|if)\b|"
    r"It(?:['’]s)\b|It\s+(?:seems|appears|follows|turns out)\b"
)
_KINDS = (("state_heads", ("state",)), ("organisation_heads", ("organisation",)), ("project_heads", ("project",)))


@cache
def _descriptions() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    out = []
    # "the proposed pipeline", "this ambitious project": up to two ordinary modifiers before the head
    modifiers = rf"(?:(?:{'|'.join(lexicon()['description_modifiers'])})\s+){{0,2}}"
    for key, kinds in _KINDS:
        heads = alternation(key)
        # "the organisation's", "the country" - but not "the country of origin" nor "the Union of ..." (a name)
        pattern = (
            rf"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+{modifiers}(?i:{heads})(?:['’]s)?\b"
            r"(?!\s+(?:of|that|which|where|whose)\b)"
        )
        out.append((re.compile(pattern), kinds))
    return out


@cache
def _pairs() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(lexicon()["pair_phrases"]) + r")\b", re.IGNORECASE)


def resolve(
    body: str,
    start: int,
    end: int,
    mentions: list[Mention],
    history: list[SentenceContext],
    speaker: str | None,
) -> list[Mention]:
    """The mentions the sentence body[start:end] gains by reference (see the module docstring)."""
    recent = [c for c in history[-HISTORY:] if not c.question and c.speaker == speaker]
    previous = recent[-1] if recent and recent[-1] is history[-1] else None
    found: list[Mention] = []
    opening = _opening_pronoun(body, start, end, previous)
    if opening is not None:
        found.append(opening)
    taken = [(m.start, m.end) for m in [*mentions, *found]]
    named_before = [m for c in recent for m in c.mentions if m.via not in ("we", "pronoun")]
    for pattern, kinds in _descriptions():
        for match in pattern.finditer(body, start, end):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            here = [m for m in mentions if m.end <= match.start() and m.via not in ("we", "pronoun")]
            candidates = [m for m in [*named_before, *here] if m.kind in kinds]
            if candidates:
                antecedent = candidates[-1]
                found.append(Mention(antecedent.id, antecedent.kind, match.start(), match.end(), "pronoun"))
                taken.append((match.start(), match.end()))
    for match in _pairs().finditer(body, start, end):
        here = [m for m in mentions if m.end <= match.start() and m.via not in ("we", "pronoun")]
        states = list(dict.fromkeys(m.id for m in [*named_before, *here] if m.kind == "state"))
        if len(states) >= 2:
            mid = match.start() + (match.end() - match.start()) // 2
            found.append(Mention(states[-2], "state", match.start(), mid, "pronoun"))
            found.append(Mention(states[-1], "state", mid, match.end(), "pronoun"))
    return found


def _opening_pronoun(body: str, start: int, end: int, previous: SentenceContext | None) -> Mention | None:
    """'Uzbekistan is an observer in the EAEU. It trades with the EU under GSP+.': the opening pronoun is the actor
    the sentence before opened with, a state or an organisation named within its first 60 characters."""
    if previous is None:
        return None
    opening = _PRONOUN_OPENING.match(body, start, end)
    if opening is None or _EXPLETIVE.match(body, opening.start(1), end):
        return None
    named = [m for m in previous.mentions if m.via not in ("we", "pronoun")]
    if not named or named[0].kind not in ("state", "organisation") or named[0].start - previous.start > 60:
        return None
    return Mention(named[0].id, named[0].kind, opening.start(1), opening.end(1), "pronoun")
