"""Stances (nlp/stances.py) on sentences written for these tests: what a speaker thinks of an actor."""

from __future__ import annotations

from dataclasses import replace

from multivector.nlp.context import Mention, SentenceContext
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


def test_the_speakers_own_state_is_judged_only_as_the_possessor_of_what_is_judged():
    assert not any(t == "GEO" for t, _ in stances("Georgia has chosen a careful and balanced course.", state="GEO"))
    assert ("GEO", "+") in stances("Georgia's peace plan is a valuable model for the region.", state="GEO")


def test_the_subject_of_a_judging_verb_judges_and_its_object_is_judged():
    got = stances("Türkiye welcomed the decision of Azerbaijan to open the border.")
    assert ("AZE", "+") in got and not any(t == "TUR" for t, _ in got)


def test_a_list_of_the_speakers_countrys_partners_is_no_stance_on_any_of_them():
    got = stances("Kazakhstan has signed trade agreements with Japan, Mongolia and Georgia.", state="KAZ")
    assert not got & {("JPN", "+"), ("MNG", "+"), ("GEO", "+")}


def test_praise_with_a_reservation_after_but_is_a_balanced_view():
    assert ("JPN", "0") in stances("Cooperation with Japan is useful, but it must stay balanced.")
    # without a reservation the praise stands
    assert ("JPN", "+") in stances("Cooperation with Japan is useful, but few people know it.")


def test_the_actors_of_an_event_that_dates_a_statement_are_no_targets():
    got = stances("After Russia's invasion of Georgia, the West became a valuable partner for Armenia.")
    assert ("WEST", "+") in got and not any(t in ("RUS", "GEO") for t, _ in got)
    got = stances("Since the collapse of the CSTO, Armenia has looked for reliable partners.")
    assert ("ARM", "+") in got and not any(t == "CSTO" for t, _ in got)


def test_a_point_on_a_route_is_no_target():
    got = stances("Freight via Georgia is a promising option for Armenia.")
    assert ("ARM", "+") in got and not any(t == "GEO" for t, _ in got)
    assert not stances("The new railway is a valuable link connecting China and Mongolia.")
    # ... not even as the one actor of the sentence
    assert not stances("The importance of the new port is growing as a stop on the road via Georgia.")


def test_the_actor_a_hostile_act_is_aimed_at_is_not_the_one_blamed():
    got = stances("The minister spoke of Russia's escalation against Georgia.")
    assert ("RUS", "-") in got and not any(t == "GEO" for t, _ in got)


def test_blasting_is_a_judging_verb():
    got = stances("Beijing blasted the US for its new tariffs.")
    assert ("USA", "-") in got and not any(t == "CHN" for t, _ in got)


def test_the_subject_of_an_evaluative_predicate_is_its_target():
    got = stances("The SCO has become a valuable forum for China and Mongolia.")
    assert ("SCO", "+") in got and not any(t in ("CHN", "MNG") for t, _ in got)


def test_ordinary_words_of_praise_and_blame_are_cues():
    assert ("JPN", "+") in stances("Relations with Japan are good.")
    assert ("EAEU", "-") in stances("Critics say the EAEU is a mistake.")


def test_a_target_read_from_a_pronoun_says_what_it_was_resolved_from():
    text = "It is a reliable partner for the whole region."
    sentence = SentenceContext(text, 0, len(text), "Aida Example", [Mention("JPN", "state", 0, 2, "pronoun")])
    (stance,) = code_stances(sentence)
    assert (stance.target, stance.polarity, stance.resolved_from) == ("JPN", "+", "It")


def test_a_sentence_with_no_actor_of_its_own_asks_the_reference_resolver():
    previous = context("Japan opened a new embassy in the capital.", "Aida Example")
    text = "It is a reliable partner."
    (stance,) = code_stances(SentenceContext(text, 0, len(text), "Aida Example", []), previous)
    assert (stance.target, stance.polarity, stance.resolved_from) == ("JPN", "+", "It")
    # the expletive "it" and a demonstrative before a noun stand for nobody
    for text in ("It is natural to disagree.", "This interest is welcome."):
        assert code_stances(SentenceContext(text, 0, len(text), "Aida Example", []), previous) == []


def test_each_member_of_a_compound_subject_is_judged():
    got = stances("The Georgian-Japanese partnership is a reliable source of investment.")
    assert {("GEO", "+"), ("JPN", "+")} <= got


def test_a_possessor_inside_the_predicate_is_passed_over_for_the_subject():
    got = stances("Japan remains Mongolia's most valuable partner.")
    assert ("JPN", "+") in got and not any(t == "MNG" for t, _ in got)


def test_the_speakers_own_state_as_the_possessor_of_a_cue_is_not_passed_over():
    got = stances("The real danger is Georgia's own drift towards Moscow.", state="GEO")
    assert ("GEO", "-") in got


def test_an_actor_behind_non_anti_or_pro_is_not_the_one_judged():
    assert not any(t == "RUS" for t, _ in stances("The anti-Russia campaign in the press is dangerous."))
    assert not any(t == "CHN" for t, _ in stances("The pro-China lobby is weak, analysts say."))


def test_the_possessor_of_the_subjects_head_is_judged_not_an_actor_in_its_prepositional_phrase():
    got = stances("Japan's investment in new lines towards the Chinese border is good news for us.", state="UZB")
    assert ("JPN", "+") in got and not any(target == "CHN" for target, _ in got)
    # with no possessor, the actor after the preposition is still the subject's only actor
    assert ("CHN", "+") in stances("The new road to China is good news for us.", state="UZB")
    # a possessor in an earlier clause owns nothing in the next one
    assert ("CHN", "+") in stances("Japan's trade is growing, and China is a good partner.", state="UZB")


def test_a_cue_after_a_downtoner_is_lowered_like_a_negated_one():
    assert ("RUS", "-") in stances("Russia has become a less welcoming place for our workers.", state="KGZ")
    assert ("JPN", "-") in stances("Japan is less and less reliable.", state="KGZ")
    assert ("CHN", "0") in stances("The border with China is less dangerous now.", state="KGZ")
    # "no less important" is as important
    assert ("JPN", "+") in stances("Japan is no less important for us.", state="KGZ")


def test_the_object_of_a_hostile_act_named_by_a_noun_is_no_target_of_its_blame():
    assert stances("The isolation of Georgia has gone on for a decade.", state="UKR") == set()
    assert stances("The harassment of Georgia by its neighbour has gone on for a decade.", state="UKR") == set()
    # an actor that owns the act is still judged by it
    assert ("GEO", "-") in stances("Georgia's isolation has gone on for a decade.", state="UKR")


def test_a_hostile_relation_named_between_two_actors_blames_neither_nor_anyone_else():
    text = "For decades the conflict between Armenia and Azerbaijan kept the South Caucasus divided."
    assert stances(text, state="GEO") == set()
    text = "The unresolved border between Kyrgyzstan and Tajikistan remains the main source of tension."
    assert stances(text, state="KAZ") == set()
    # another actor judged in the sentence still is, and praise of a pair is not affected
    text = "The conflict between Armenia and Azerbaijan is a danger, and Russia's role in it is harmful."
    assert stances(text, state="GEO") == {("RUS", "-")}
    assert ("JPN", "+") in stances("The partnership between Japan and Korea is a good thing.", state="GEO")


def test_a_cue_near_a_list_of_partners_after_with_weighs_the_event_not_the_partners():
    assert stances("Last year we signed a framework agreement with Japan and China, which was a real step.") == set()
    assert stances("We have good relations with Japan, China and Russia.", state="UZB") == set()
    # one partner is still the one the relations are good with, and a list that is itself judged stays a target
    assert ("JPN", "+") in stances("We have good relations with Japan.", state="UZB")
    assert ("JPN", "+") in stances("The importance of Japan and China has grown.", state="UZB")


def test_praise_of_an_agreement_between_two_actors_is_no_view_of_either_party():
    assert stances("The treaty between Uzbekistan and Kyrgyzstan was a real success.", state="KAZ") == set()
    assert stances("The new deal between Japan and Mongolia will bring great benefits.", state="GEO") == set()
    # ... nor does the cue pass on to the next actor in the sentence
    text = "The treaty between Uzbekistan and Kyrgyzstan, signed in Moscow, was a real success."
    assert stances(text, state="KAZ") == set()
    # ... even when the speaker's own state is one of the two
    assert stances("The border treaty between Armenia and Azerbaijan is a great achievement.", state="AZE") == set()
    # but good relations between the speaker's own state and another are a view of the other, like "our partnership"
    got = stances("Relations between Kazakhstan and Mongolia have become truly friendly.", state="KAZ")
    assert ("MNG", "+") in got


def test_the_subject_of_a_word_of_feeling_feels_and_is_not_judged():
    # "worried", "pleased": the subject feels; the actor after the word is what it feels about
    got = stances("Tokyo officials say Japan is worried about the growing influence of China.", state="KAZ")
    assert not any(t == "JPN" for t, _ in got)
    assert not any(t == "CHN" for t, _ in stances("China is pleased with the new road to Mongolia.", state="KAZ"))
    assert ("JPN", "+") in stances("We are pleased with Japan.", state="KAZ")
    # a topic framed "where X is concerned" is not blamed by the word
    got = stances("Where China is concerned, the talks with Mongolia are a detail.", state="KAZ")
    assert not any(t == "CHN" for t, _ in got)


def test_an_evaluation_of_breaking_away_from_an_actor_is_the_opposite_view_of_it():
    # regret for a break is a good view of the partner ...
    assert ("RUS", "+") in stances("A break with Russia would be a tragedy for our economy.", state="KAZ")
    assert ("OTS", "+") in stances("Uzbekistan's withdrawal from the OTS would be a grave mistake.", state="UZB")
    # ... praise of leaving a poor one
    assert ("EAEU", "-") in stances("Leaving the EAEU would be a wise move for Armenia.", state="GEO")
    # the actor that breaks away is judged as before
    assert ("ARM", "-") in stances("Armenia's exit from the CSTO is a mistake.", state="GEO")
    # a place left is no membership: the cue keeps its sense
    assert ("JPN", "+") in stances("Leaving Japan after ten good years was hard for our engineers.", state="KAZ")


def test_the_ends_of_a_bridge_or_a_link_between_two_places_are_no_targets():
    got = stances("The new railway makes Mongolia a bridge between Russia and China.", state="KAZ")
    assert ("MNG", "+") in got and not any(t in ("RUS", "CHN") for t, _ in got)
    got = stances("The ferry lets Georgia act as a useful link between Central Asia and Türkiye.", state="KAZ")
    assert ("GEO", "+") in got and not any(t in ("TUR", "CENTRAL_ASIA") for t, _ in got)
    # ... even with one end an actor and the other not
    got = stances(
        "Officials hope the new ferry turns Georgia into a bridge between Japan and the rest of Asia.", state="GEO"
    )
    assert not any(t == "JPN" for t, _ in got)


def test_a_cue_on_a_decision_to_end_an_actor_weighs_the_decision_s_owner():
    got = stances("The SCO's decision in May to suspend Mongolia has strengthened the organisation.", state="KAZ")
    assert ("SCO", "+") in got and not any(t == "MNG" for t, _ in got)
    got = stances("Japan's decision on Friday to leave the OTS is a wise step.", state="KAZ")
    assert ("JPN", "+") in got and not any(t == "OTS" for t, _ in got)
    # a decision to build or join something may well weigh it
    assert ("OTS", "+") in stances("Japan's plan to join the OTS as an observer is a positive step.", state="KAZ")


def test_a_cue_on_an_agreement_with_an_actor_or_on_its_abolition_weighs_neither():
    text = "The minister said that the trade agreement with Japan was making good progress."
    assert not any(t == "JPN" for t, _ in stances(text, state="KAZ"))
    text = "The minister praised the quick talks, and the welcome abolition of the OTS secretariat."
    assert not any(t == "OTS" for t, _ in stances(text, state="KAZ"))
    # the one actor of the sentence too
    assert stances("The new agreement with Japan opens the door to real progress.", state="KAZ") == set()
    # cooperation with an actor is still a view of it
    assert ("JPN", "+") in stances("Cooperation with Japan is useful.", state="KAZ")


def test_the_actor_a_good_thing_goes_to_is_not_the_one_praised():
    got = stances("The CSTO is effective: its border mission brings lasting security to Mongolia.", state="RUS")
    assert ("CSTO", "+") in got and not any(t == "MNG" for t, _ in got)
    got = stances("Officials call the new road a valuable contribution to the prosperity of Central Asia.")
    assert not any(t == "CENTRAL_ASIA" for t, _ in got)
    # an attitude towards the actor still judges it
    assert ("JPN", "+") in stances("We owe our thanks to Japan for the new hospital.", state="KAZ")


def test_an_agreement_on_something_with_an_actor_is_still_the_agreement_s():
    text = "A mining agreement on the new copper pit with Japan, signed last week, is a good sign."
    assert not any(t == "JPN" for t, _ in stances(text, state="MNG"))
