"""Stances (nlp/stances.py) on sentences written for these tests: what a speaker thinks of an actor."""

from __future__ import annotations

from dataclasses import replace

from multivector.nlp.relations import code_relations
from multivector.nlp.stances import code_stances
from test_relations import context


def stances(text: str, speaker: str = "Aida Example", state: str | None = None, we: str | None = None):
    sentence = replace(context(text, speaker, we), speaker_state=state)
    return {(s.target, s.polarity) for s in code_stances(sentence, None, code_relations(sentence, None))}


def test_a_relation_of_the_speakers_own_state_is_the_speakers_stance_on_the_other_party():
    got = stances("Kazakhstan is building a close partnership with Japan.", state="KAZ")
    assert ("JPN", "+") in got
    # the same sentence said by someone of another country says nothing about that speaker's view of Japan
    assert ("JPN", "+") not in stances("Kazakhstan is building a close partnership with Japan.", state="GEO")


def test_the_other_actor_is_judged_before_the_speakers_own_state():
    got = stances("Georgia rightly calls Russia's pressure a dangerous threat.", state="GEO")
    assert ("RUS", "-") in got and ("GEO", "-") not in got


def test_an_actor_named_as_a_place_is_a_weaker_target():
    got = stances("The CSTO plays a useful role in keeping stability in Central Asia.")
    assert ("CSTO", "+") in got and not any(target == "CENTRAL_ASIA" for target, _ in got)


def test_evaluative_speech_verbs_are_cues():
    assert ("USA", "-") in stances("The minister criticised the US for its tariffs.")
    assert ("CHN", "+") in stances("The minister praised China for the new road.")


def test_every_stance_carries_a_confidence_and_sentence_evidence():
    sentence = context("I think the Middle Corridor is a promising and valuable route.", "Aida Example")
    (stance,) = code_stances(sentence)
    assert 0.0 < stance.confidence <= 1.0
    assert stance.evidence == sentence.text


def test_the_one_actor_a_speakers_sentence_is_about_takes_its_evaluation():
    text = "Over ten years, despite all the talk in the capitals of the region, Japan has stayed a reliable friend."
    assert ("JPN", "+") in stances(text)
