"""The speech and attribution cues, read from data/speech_cues.json (one entry per line) and compiled once.

Code elsewhere in this package asks for a cue by meaning (``speech_forms()``, ``role_noun_pattern()``); the words
themselves are only in the data file.
"""

from __future__ import annotations

import re
from functools import cache

from multivector.nlp.lexicon import lexicon


def _alternation(words) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


@cache
def speech_verbs() -> str:
    """Inflected verbs of saying that make their subject a speaker ("said", "stressed", "pointed out")."""
    return _alternation(lexicon()["speech_verbs"])


@cache
def subject_speech_verbs() -> str:
    """Verbs of saying that make their subject a speaker, including those whose object is no speaker ("NAME thanked
    X", "NAME made it clear"): only read after a name, never before it."""
    return _alternation([*lexicon()["speech_verbs"], *lexicon()["speech_verbs_subject_only"]])


@cache
def passive_speech_lemmas() -> frozenset[str]:
    """Verbs whose passive names a speaker ("NAME was quoted as saying", "cited by NAME")."""
    return frozenset(lexicon()["passive_speech_lemmas"])


@cache
def speech_forms() -> str:
    """Every inflected speech verb: the main list, the extra forms (described, urged, is sceptical ...) and the
    regular past tense of every speech lemma ("counter" -> "countered")."""
    past = [_past_tense(lemma) for lemma in [*lexicon()["speech_lemmas"], *lexicon()["clause_speech_lemmas"]]]
    return _alternation([*lexicon()["speech_verbs"], *lexicon().get("speech_verbs_extra", []), *past])


def _past_tense(lemma: str) -> str:
    """The regular past tense ('note' -> 'noted', 'deny' -> 'denied'); irregular verbs are listed in the data."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


@cache
def speech_lemmas() -> frozenset[str]:
    return frozenset(lexicon()["speech_lemmas"])


@cache
def belief_lemmas() -> frozenset[str]:
    """Verbs that report a view only with a clause saying what ("agreed that", "called the rift a tragedy")."""
    return frozenset(lexicon()["belief_lemmas"])


@cache
def clause_speech_lemmas() -> frozenset[str]:
    """Verbs that report speech only with a clause or a quotation ("declared that ..."), not with a plain object
    ("declared a state of emergency", "declared the route a priority")."""
    return frozenset(lexicon().get("clause_speech_lemmas", []))


@cache
def role_nouns() -> str:
    return _alternation(lexicon()["role_nouns"])


@cache
def role_noun_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{role_nouns()})\b", re.IGNORECASE)


@cache
def view_nouns() -> str:
    return _alternation(lexicon()["view_nouns"])


@cache
def view_noun_set() -> frozenset[str]:
    return frozenset(lexicon()["view_nouns"])


@cache
def opinion_adjectives() -> frozenset[str]:
    return frozenset(lexicon()["opinion_adjectives"])


@cache
def interview_cue() -> re.Pattern[str]:
    """Words of a lede that introduces an interviewee ("talks to", "in an interview with", "answered")."""
    return _cue_pattern("interview_cue")


@cache
def op_ed_cue() -> re.Pattern[str]:
    """Page words that mark an opinion piece ("op-ed", "column", "The author is")."""
    return _cue_pattern("op_ed_cue")


def _cue_pattern(key: str) -> re.Pattern[str]:
    value = lexicon()[key]
    alternatives = [value] if isinstance(value, str) else value
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


@cache
def first_person() -> re.Pattern[str]:
    words = sorted(lexicon()["first_person_singular"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


@cache
def phrasal_speech() -> dict[str, list[frozenset[str]]]:
    """Phrases of saying by their verb's lemma: "put it" -> {"put": [{"it"}]}, "make it clear" -> {"make": [{"it",
    "clear"}, ...]}; the other words must hang on the verb (or one level below) in the parse."""
    phrases: dict[str, list[frozenset[str]]] = {}
    for phrase in lexicon()["phrasal_speech"]:
        verb, *words = phrase.casefold().split()
        phrases.setdefault(verb, []).append(frozenset(words))
    return phrases


@cache
def role_synonyms() -> dict[str, frozenset[str]]:
    """Each role noun and the roles its holder may also be called by ("head of state" -> {"president"}), both ways."""
    synonyms: dict[str, set[str]] = {}
    for line in lexicon()["role_synonyms"]:
        a, b = (x.strip().casefold() for x in line.split("|"))
        synonyms.setdefault(a, set()).add(b)
        synonyms.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in synonyms.items()}


@cache
def speech_noun_set() -> frozenset[str]:
    """Nouns of things said or written ("a statement by NAME", "NAME's remarks")."""
    return frozenset(lexicon()["speech_nouns"])
