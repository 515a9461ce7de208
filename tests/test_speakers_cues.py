"""The speech cues are reviewable data: one entry per line, no duplicates, every pattern compiles, every key is read."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from multivector.nlp.speakers import cues

DATA = resources.files("multivector.data").joinpath("speech_cues.json")
PACKAGE = Path(__file__).resolve().parents[1] / "src" / "multivector" / "nlp" / "speakers"


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def test_every_list_has_one_entry_per_line_and_no_duplicates(data):
    text = DATA.read_text(encoding="utf-8")
    for key, value in data.items():
        if key.startswith("_"):
            continue
        assert isinstance(value, list), f"{key} is a list of entries"
        assert len(value) == len(set(value)), f"{key} has duplicates"
        for entry in value:
            assert f"    {json.dumps(entry, ensure_ascii=False)}" in text.splitlines() or (
                f"    {json.dumps(entry, ensure_ascii=False)}," in text.splitlines()
            ), f"{key}: {entry!r} is not on a line of its own"


def test_every_key_is_read_by_the_code(data):
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py"))
    for key in data:
        if not key.startswith("_"):
            assert f'"{key}"' in code, f"{key} is never read"


def test_the_cue_patterns_compile_and_match_ordinary_usage():
    assert cues.interview_cue().search("In an interview with our agency, the minister said")
    assert cues.op_ed_cue().search("The author is a fellow at a think tank in Almaty.")
    assert cues.role_noun_pattern().fullmatch("Head of State")
    assert re.search(rf"\b(?:{cues.speech_forms()})\b", "the expert cautioned")
    assert "president" in cues.role_synonyms()["head of state"]


def test_verbs_whose_object_is_no_speaker_are_read_only_after_a_name():
    """'NAME thanked X' makes NAME a speaker; the lists read on both sides of a name must not hold such verbs."""
    both_sides = set(cues.speech_verbs().split("|"))
    subject_only = set(cues.subject_speech_verbs().split("|")) - both_sides
    assert {"thanked", "hailed", "praised"} <= subject_only
