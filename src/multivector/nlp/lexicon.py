"""Access to the cue lexicons kept as data (data/cues.json, data/relation_types.json) and to VADER's valence
lexicon (the vaderSentiment package's vader_lexicon.txt: 7,500 English words rated from -4 to +4 by ten people)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

#: The cue lexicons, one file per concern (data/*_cues.json); their keys are distinct.
CUE_FILES = (
    "relation_cues.json",
    "stance_cues.json",
    "speech_cues.json",
    "modality_cues.json",
    "reference_cues.json",
)


@cache
def lexicon() -> dict[str, Any]:
    """Every cue list by key, merged from the CUE_FILES."""
    merged: dict[str, Any] = {}
    for name in CUE_FILES:
        data = json.loads(resources.files("multivector.data").joinpath(name).read_text(encoding="utf-8"))
        clash = set(merged) & {k for k in data if not k.startswith("_")}
        if clash:
            raise ValueError(f"cue key(s) {sorted(clash)} defined twice: keep each key in one of {CUE_FILES}")
        merged.update({k: v for k, v in data.items() if not k.startswith("_")})
    return merged


@cache
def relation_types() -> dict[str, dict[str, Any]]:
    data = json.loads(resources.files("multivector.data").joinpath("relation_types.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def alternation(key: str) -> str:
    """The entries of a word list as one regex alternation, longest first (so "pressure on" is tried before
    "pressure"); entries are regex fragments, as written in the lexicon."""
    return "|".join(sorted(lexicon()[key], key=len, reverse=True))


@cache
def word_pattern(key: str) -> re.Pattern[str]:
    """One case-insensitive alternation of a word list, on word boundaries."""
    return re.compile(r"(?<![\w-])(?:" + alternation(key) + r")(?![\w-])", re.IGNORECASE)


@cache
def valence_lexicon() -> dict[str, float]:
    """VADER's word valences, single alphabetic words only (its emoticons and slang abbreviations are left out)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    valences = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if word.isalpha() and rest:
            valences[word.lower()] = float(rest.split("\t", 1)[0])
    return valences
