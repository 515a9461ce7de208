"""Sentence-level relation, stance and membership coding on sentences written for these tests.

Mentions are placed by hand (the recogniser has its own tests), so these tests pin the coding rules alone.
"""

import re

import pytest

from multivector.nlp.context import Mention, SentenceContext
from multivector.nlp.memberships import code_memberships
from multivector.nlp.relations import code_relations
from multivector.nlp.stances import code_stances

KINDS = {
    "CSTO": "organisation",
    "EAEU": "organisation",
    "SCO": "organisation",
    "OTS": "organisation",
    "C5P1": "organisation",
    "TURKIC_WORLD": "bloc",
    "CENTRAL_ASIA": "bloc",
    "MIDDLE_CORRIDOR": "project",
    "NORTH_LINE": "project",
    "STEPPE_ENERGY": "company",
    "ADB": "organisation",
    "TALIBAN": "group",
}
NAMES = {
    "Kazakhstan": "KAZ",
    "Uzbekistan": "UZB",
    "Russia": "RUS",
    "Moscow": "RUS",
    "China": "CHN",
    "Beijing": "CHN",
    "Mongolia": "MNG",
    "Japan": "JPN",
    "Georgia": "GEO",
    "Armenia": "ARM",
    "Azerbaijan": "AZE",
    "Türkiye": "TUR",
    "the West": "WEST",
    "Kyrgyzstan": "KGZ",
    "the US": "USA",
    "Washington": "USA",
    "CSTO": "CSTO",
    "EAEU": "EAEU",
    "SCO": "SCO",
    "OTS": "OTS",
    "the Turkic world": "TURKIC_WORLD",
    "Central Asia": "CENTRAL_ASIA",
    "Middle Corridor": "MIDDLE_CORRIDOR",
    "C5+1": "C5P1",
    "the Taliban": "TALIBAN",
    "PRC": "CHN",
    "Northern Rail Link": "NORTH_LINE",
    "Steppe Energy": "STEPPE_ENERGY",
    "Asian Development Bank": "ADB",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
}


def context(text: str, speaker: str | None = None, we: str | None = None) -> SentenceContext:
    mentions = []
    for name, actor in sorted(NAMES.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(x.start < m.end() and m.start() < x.end for x in mentions):
                mentions.append(Mention(actor, KINDS.get(actor, "state"), m.start(), m.end()))
    for name, actor in DEMONYMS.items():
        for m in re.finditer(rf"(?<!\w){name}(?!\w)", text):
            mentions.append(Mention(actor, "state", m.start(), m.end(), "demonym"))
    if we:
        for m in re.finditer(r"\b(?:we|our country|us)\b", text, re.IGNORECASE):
            mentions.append(Mention(we, "state", m.start(), m.end(), "we"))
    mentions.sort(key=lambda m: m.start)
    return SentenceContext(text, 0, len(text), speaker, mentions)


DEMONYMS = {"Georgian": "GEO", "Chinese": "CHN", "Japanese": "JPN", "Kazakh": "KAZ", "Western": "WEST"}


class Members:
    table = {
        "CSTO": {"KAZ", "RUS", "KGZ", "ARM"},
        "EAEU": {"KAZ", "RUS", "KGZ", "ARM"},
        "SCO": {"KAZ", "CHN", "RUS"},
        "OTS": {"KAZ", "TUR", "AZE", "UZB", "KGZ"},
        "C5P1": {"KAZ", "UZB", "KGZ", "USA"},
    }

    def is_member(self, state: str, org: str) -> bool | None:
        return state in self.table[org] if org in self.table else None


def pairs(relations) -> set[tuple[frozenset, str]]:
    return {(frozenset((r.a, r.b)), r.polarity) for r in relations}


def test_cue_between_two_actors_relates_them_with_the_cue_polarity():
    got = code_relations(context("Washington is trying to contain Chinese influence and Beijing's growth."), None)
    assert pairs(got) == {(frozenset({"USA", "CHN"}), "-")}
    assert got[0].type == "rivalry" and got[0].score < 0 and got[0].modality == "asserted"


def test_evidence_is_a_verbatim_slice_with_its_span():
    text = "Kazakhstan and Uzbekistan are developing a strategic partnership in trade and energy."
    (rel,) = code_relations(context(text), None)
    assert text[rel.span[0] : rel.span[1]] == rel.evidence
    assert rel.type == "partnership" and rel.polarity == "+"


def test_an_enumeration_does_not_relate_its_members_to_each_other():
    text = "The region borders four nuclear powers: Russia, China, India and Pakistan."
    assert code_relations(context(text), None) == []


def test_a_possessor_after_a_list_is_an_apposition_not_one_more_member():
    text = "Azerbaijan and Kazakhstan, Georgia's main partners on the route, welcomed the decision."
    got = pairs(code_relations(context(text), None))
    assert {p for p, _ in got} == {frozenset({"AZE", "GEO"}), frozenset({"KAZ", "GEO"})}
    listed = "Azerbaijan, Kazakhstan, Georgia and Armenia welcomed the decision of their partners."
    assert code_relations(context(listed), None) == []


def test_a_cue_does_not_reach_across_a_clause_break_into_the_next_subject():
    text = "Japan remains the largest bilateral donor, and Mongolia has become a hub for students."
    assert code_relations(context(text), None) == []
    joined = "Japan remains the largest bilateral donor to Mongolia."
    assert {p for p, _ in pairs(code_relations(context(joined), None))} == {frozenset({"JPN", "MNG"})}


def test_the_source_of_a_statement_is_not_a_party_to_it():
    text = "According to the EAEU, trade between Kazakhstan and Kyrgyzstan grew by a fifth."
    assert {p for p, _ in pairs(code_relations(context(text), None))} == {frozenset({"KAZ", "KGZ"})}


def test_a_region_as_the_place_of_something_is_no_party_but_a_region_of_influence_is():
    place = "For Uzbekistan, Azerbaijan is the closest partner in Central Asia and beyond."
    assert {p for p, _ in pairs(code_relations(context(place), None))} == {frozenset({"UZB", "AZE"})}
    influence = "China has become the main player in Central Asia."
    assert {p for p, _ in pairs(code_relations(context(influence), None))} == {frozenset({"CHN", "CENTRAL_ASIA"})}


def test_joining_an_organisation_relates_a_non_member_and_a_refusal_is_neutral():
    refused = code_relations(context("Azerbaijan does not intend to join the CSTO."), Members())
    assert [(r.a, r.b, r.polarity, r.modality) for r in refused] == [("AZE", "CSTO", "0", "negated")]
    never = code_relations(context("Azerbaijan has never been a member of the CSTO."), Members())
    assert [(r.a, r.b, r.polarity, r.modality) for r in never] == [("AZE", "CSTO", "0", "negated")]
    assert code_relations(context("Kazakhstan is a member of the CSTO."), Members()) == []
    observer = code_relations(context("Uzbekistan has had observer status in the EAEU since 2020."), Members())
    assert [(r.a, r.b, r.polarity) for r in observer] == [("UZB", "EAEU", "0")]
    joined = code_relations(context("The US urged Kazakhstan to join Western sanctions against Russia."), Members())
    assert all(r.type != "cooperation" for r in joined)


def test_agreement_debt_and_mistrust_cues():
    agreed = code_relations(context("The delegations of Kyrgyzstan and Uzbekistan agreed on the border line."), None)
    assert [(r.a, r.b, r.type, r.polarity) for r in agreed] == [("KGZ", "UZB", "cooperation", "+")]
    owed = code_relations(context("Much of the debt of Kyrgyzstan is owed to China."), None)
    assert [(r.type, r.polarity) for r in owed] == [("dependence", "-")]
    wary = code_relations(context("Moscow looks with a certain jealousy at the OTS."), None)
    assert [(r.type, r.polarity) for r in wary] == [("rivalry", "-")]


def test_a_list_after_with_relates_each_member_to_the_subject_and_never_to_each_other():
    text = "Kazakhstan will continue its cooperation with China, Japan and Mongolia on transport."
    got = {p for p, _ in pairs(code_relations(context(text), None))}
    assert got == {frozenset({"KAZ", "CHN"}), frozenset({"KAZ", "JPN"}), frozenset({"KAZ", "MNG"})}
    listed = "The region borders four nuclear powers: Russia, China, India and Pakistan."
    assert code_relations(context(listed), None) == []


def test_rivalry_between_coordinated_actors():
    got = code_relations(
        context("Amid growing competition between Russia and China, Mongolia looks for a third neighbour."), None
    )
    assert (frozenset({"RUS", "CHN"}), "-") in pairs(got)


def test_negated_cue_is_flagged_and_never_a_positive_fact():
    got = code_relations(context("Georgia will not join any alliance with Russia."), None)
    assert got and all(r.polarity == "0" and r.modality == "negated" and r.score == 0 for r in got)


def test_hypothetical_and_future_modality():
    (hyp,) = code_relations(context("Kyrgyzstan could become a partner of Japan."), None)
    assert hyp.modality == "hypothetical"
    (fut,) = code_relations(context("Kazakhstan will expand trade with Japan."), None)
    assert fut.modality == "future"


def test_both_polarities_for_one_pair_in_one_sentence_are_both_kept():
    """Keep what the text says: a cooperative and a hostile reading of one pair are two records, each with its
    evidence; balancing them is the views' business."""
    got = code_relations(
        context("In Kazakhstan, analysts call for keeping ties with Russia or for rivalry with Moscow."), None
    )
    assert {(frozenset({"KAZ", "RUS"}), "+"), (frozenset({"KAZ", "RUS"}), "-")} <= pairs(got)
    ally = code_relations(context("Russia is our main ally on security, and a rival of Kazakhstan in trade."), None)
    assert {polarity for _, polarity in pairs(ally)} == {"+", "-"}


def test_membership_pair_is_not_a_relation_unless_the_cue_says_more():
    assert code_relations(context("Kazakhstan cooperates closely within the CSTO."), Members()) == []
    got = code_relations(context("Russia puts pressure on the CSTO."), Members())
    assert pairs(got) == {(frozenset({"RUS", "CSTO"}), "-")}


def test_we_of_the_speaker_stands_for_the_speakers_state():
    got = code_relations(context("We feel discomfort from the pressure of Russia.", "A. Expert", we="KAZ"), None)
    assert (frozenset({"KAZ", "RUS"}), "-") in pairs(got)


def test_stance_needs_a_speaker_and_targets_the_nearest_actor_in_the_clause():
    text = "For many, the Turkic world gives hope, but Russia is a source of risk."
    assert code_stances(context(text)) == []  # the journalist's narration carries no stance
    got = {(s.target, s.polarity) for s in code_stances(context(text, "A. Expert"))}
    assert got == {("TURKIC_WORLD", "+"), ("RUS", "-")}


def test_negated_positive_stance_turns_negative():
    got = code_stances(
        context("The influence of the US is not sufficient and it is not a reliable partner.", "A. Expert")
    )
    assert {(s.target, s.polarity) for s in got} == {("USA", "-")}


def test_memberships_from_general_constructions():
    cases = {
        "Kazakhstan is a key player due to its membership in the EAEU, SCO, and CSTO.": {
            ("KAZ", "EAEU"),
            ("KAZ", "SCO"),
            ("KAZ", "CSTO"),
        },
        "The CSTO states – Armenia and Kyrgyzstan – skipped the drills.": {("ARM", "CSTO"), ("KGZ", "CSTO")},
        "As a member of the CSTO, where Russia dominates, Kazakhstan cannot join another bloc.": {("KAZ", "CSTO")},
        "Kazakhstan remains a key player due to its membership in the EAEU and SCO.": {("KAZ", "EAEU"), ("KAZ", "SCO")},
        "Armenia has frozen its participation in the Russian-led CSTO.": {("ARM", "CSTO")},
        "Kazakhstan, as a member of the CSTO, cannot join another bloc.": {("KAZ", "CSTO")},
        "Uzbekistan is a member of the SCO and of the OTS, and trades with the EU.": {("UZB", "SCO"), ("UZB", "OTS")},
        "Kyrgyzstan is already a member of the CSTO.": {("KGZ", "CSTO")},
        "The OTS, of which Azerbaijan is a founding member, meets in May.": {("AZE", "OTS")},
        "As a participant of the C5+1 format, Kazakhstan hosts the next meeting.": {("KAZ", "C5P1")},
        "The C5+1 format, in which Uzbekistan has taken part since 2015, is useful.": {("UZB", "C5P1")},
        "The SCO, where China has a dominant position, keeps growing.": {("CHN", "SCO")},
        "The Kremlin would resent the withdrawal of Armenia and Kyrgyzstan from the EAEU and CSTO.": {
            ("ARM", "CSTO"),
            ("KGZ", "CSTO"),
            ("ARM", "EAEU"),
            ("KGZ", "EAEU"),
        },
    }
    for text, expected in cases.items():
        got = {(m.member, m.org) for m in code_memberships(context(text), Members())}
        assert expected <= got, text
        assert all(text[m.span[0] : m.span[1]] == m.evidence for m in code_memberships(context(text), Members()))


def test_membership_claim_checked_against_the_catalogue():
    (claim,) = code_memberships(context("Analysts discuss the C5+1 bloc (PRC) in Central Asia."), Members())
    assert (claim.member, claim.org, claim.status) == ("CHN", "C5P1", "contradicted")
    (ok,) = code_memberships(context("Kyrgyzstan, as a member of the CSTO, hosts a base."), Members())
    assert ok.status == "confirmed"


def test_their_within_org_takes_the_states_of_the_previous_sentence():
    previous = context("Russia and Kazakhstan are strategic partners.")
    current = context("Their cooperation within the SCO will continue.")
    got = {(m.member, m.org) for m in code_memberships(current, Members(), previous)}
    assert got == {("RUS", "SCO"), ("KAZ", "SCO")}


def test_pronoun_subject_takes_the_previous_sentences_actor():
    first = context("We cannot treat Georgia as a mere transit route.", "A. Expert", we="ARM")
    text = "It is our closest neighbour and a reliable friend."
    second = SentenceContext(text, 0, len(text), "A. Expert", [])
    (stance,) = code_stances(second, first)
    assert (stance.target, stance.polarity) == ("GEO", "+")
    assert code_stances(SentenceContext(text, 0, len(text), "Someone Else", []), first) == []


def test_general_valence_words_make_stances_the_domain_lexicon_lacks():
    welcome = code_stances(context("I welcome the new interest that Japan shows in our region.", "Ann Example"))
    assert [(s.target, s.polarity) for s in welcome] == [("JPN", "+")]
    tragedy = code_stances(context("The quarrel with Georgia was a tragedy for the whole region.", "Ann Example"))
    assert [(s.target, s.polarity) for s in tragedy] == [("GEO", "-")]
    assert code_stances(context("Mongolia agreed to hold the next round of talks in autumn.", "Ann Example")) == []


def test_a_negated_valence_word_turns_the_stance_as_a_domain_cue_would():
    stances = code_stances(context("We do not welcome the decision of Japan to leave the talks.", "Ann Example"))
    assert [(s.target, s.polarity, s.modality) for s in stances] == [("JPN", "-", "negated")]


def test_an_armed_group_is_named_as_a_threat_not_weighed_as_a_stance_target():
    text = "She sees the Taliban as a serious threat, while Japan is a reliable partner."
    assert [(s.target, s.polarity) for s in code_stances(context(text, "Ann Example"))] == [("JPN", "+")]


def directed(text: str) -> set[tuple[str | None, str | None, str]]:
    return {(r.source, r.target, r.type) for r in code_relations(context(text), None)}


def test_directed_types_carry_who_acts_on_whom():
    assert ("RUS", "GEO", "sanctions") in directed("Russia imposed sanctions on Georgia after the vote.")
    assert ("RUS", "GEO", "pressure") in directed("Georgia is under growing pressure from Russia.")
    assert ("RUS", "GEO", "pressure") in directed("Georgia was pressured by Russia to drop the case.")
    assert ("KGZ", "RUS", "dependence") in directed("Kyrgyzstan depends on Russia for almost all of its fuel.")


def test_symmetric_relations_have_no_direction():
    assert directed("Russia and China are close partners.") == {(None, None, "partnership")}
    assert directed("Kazakhstan trades more with China every year.") == {(None, None, "trade")}


def test_confidence_follows_the_rule_and_its_context():
    def confidence(text: str) -> float:
        (relation,) = code_relations(context(text), None)
        assert 0.0 <= relation.confidence <= 1.0
        return relation.confidence

    near = confidence("Kazakhstan signed a cooperation agreement with China.")
    far = confidence(
        "Kazakhstan, which for two decades has sent most of its grain and metals north by rail through the steppe "
        "and the Urals, now wants cooperation with China."
    )
    between = confidence("Rivalry between Russia and China is growing.")
    assert between > near > far


def test_evidence_is_the_whole_sentence_or_the_clause_of_a_long_one():
    short = "Kazakhstan signed a cooperation agreement with China in Astana last week."
    (relation,) = code_relations(context(short), None)
    assert relation.evidence == short
    long = (
        "After three years of talks, two changes of government in the region and a long dispute over the price of "
        "the transit tariffs that the railway companies would charge for every container on the line, officials "
        "said the work would start soon; Kazakhstan signed a cooperation agreement with China, and the first trains "
        "are planned for the spring of next year if the customs rules are ready."
    )
    (relation,) = code_relations(context(long), None)
    assert len(long.split()) > 60
    assert "Kazakhstan signed a cooperation agreement with China" in relation.evidence
    assert (
        not relation.evidence.startswith("After three years")
        and long[relation.span[0] : relation.span[1]] == relation.evidence
    )


def pair_set(text: str) -> set[frozenset[str]]:
    return {frozenset((r.a, r.b)) for r in code_relations(context(text), None)}


def test_a_list_subject_with_a_reciprocal_cue_relates_every_member():
    got = pair_set("Georgia, Armenia and Azerbaijan signed an agreement on the new railway.")
    assert got == {frozenset({"GEO", "ARM"}), frozenset({"GEO", "AZE"}), frozenset({"ARM", "AZE"})}


def test_an_object_list_relates_each_member_to_the_subject_not_to_each_other():
    got = pair_set("Japan held talks with Kazakhstan, Uzbekistan and Kyrgyzstan on critical minerals.")
    assert got == {frozenset({"JPN", "KAZ"}), frozenset({"JPN", "UZB"}), frozenset({"JPN", "KGZ"})}
    after = pair_set("Russia keeps with Kazakhstan, Kyrgyzstan and Armenia relations of close cooperation.")
    assert after == {frozenset({"RUS", "KAZ"}), frozenset({"RUS", "KGZ"}), frozenset({"RUS", "ARM"})}


def test_a_list_right_after_a_cue_is_its_object():
    refused = code_relations(context("Mongolia is not a member of the CSTO, the EAEU or the SCO."), Members())
    assert {(r.b, r.polarity) for r in refused} == {("CSTO", "0"), ("EAEU", "0"), ("SCO", "0")}
    assert {r.a for r in refused} == {"MNG"}
    joined = pair_set("Japan wants to join the CSTO, the EAEU and the SCO.")
    assert joined == {frozenset({"JPN", "CSTO"}), frozenset({"JPN", "EAEU"}), frozenset({"JPN", "SCO"})}


def test_a_hyphen_compound_relates_its_actors_by_its_head_noun():
    relations = code_relations(context("The Georgia-Azerbaijan trade talks resumed in spring."), None)
    assert {(frozenset((r.a, r.b)), r.type) for r in relations} == {(frozenset({"GEO", "AZE"}), "trade")}


def test_a_framing_phrase_and_a_venue_are_no_parties():
    assert pair_set("Amid the war with Armenia, Azerbaijan deepened its cooperation with Türkiye.") == {
        frozenset({"AZE", "TUR"})
    }
    assert pair_set("Kazakhstan and Kyrgyzstan signed a water agreement at a meeting held in Moscow.") == {
        frozenset({"KAZ", "KGZ"})
    }


def test_an_experts_nationality_and_coordinated_adjectives_are_no_relation():
    assert pair_set("A Georgian analyst said Russia was competing with Türkiye.") == {frozenset({"RUS", "TUR"})}
    assert frozenset({"GEO", "TUR"}) in pair_set("The Georgian President met the Turkish leader for talks on Türkiye.")
    assert pair_set("Kazakhstan wants Chinese and Japanese investment in its refineries.") <= {
        frozenset({"KAZ", "CHN"}),
        frozenset({"KAZ", "JPN"}),
    }


def readings(text: str) -> set[tuple[frozenset[str], str, str]]:
    return {(frozenset((r.a, r.b)), r.type, r.polarity) for r in code_relations(context(text), None)}


@pytest.mark.parametrize(
    "text",
    [
        "Relations between Russia and Georgia are tense.",
        "Russia has strained relations with Georgia.",
        "Ties between Armenia and Azerbaijan are worsening.",
        "The cooling relations between Russia and Azerbaijan worry many.",
        "Kazakhstan is at odds with Russia over the pipeline.",
        "Washington is not thrilled with Georgia's new law.",
    ],
)
def test_negative_modifiers_and_predicates_make_a_relation_hostile(text):
    ((_, _, polarity),) = readings(text)
    assert polarity == "-"


def test_barring_and_ultimatums_are_pressure_with_a_direction():
    assert directed("Russia barred Georgia's wine from its market.") == {("RUS", "GEO", "pressure")}
    assert directed("Russia gave Georgia an ultimatum over the border.") == {("RUS", "GEO", "pressure")}


def test_relations_inside_noun_phrases():
    assert directed("Western sanctions on Russia hurt trade.") >= {("WEST", "RUS", "sanctions")}
    assert directed("Mongolia's dependence on China keeps growing.") == {("MNG", "CHN", "dependence")}
    assert readings("The Russia–Azerbaijan trade fell by a third.") == {(frozenset({"RUS", "AZE"}), "trade", "+")}
    assert frozenset({"KAZ", "CHN"}) in pair_set("The Kazakh-Chinese joint venture opened a plant.")


def test_a_route_relates_its_ends_and_the_country_it_crosses():
    assert pair_set("Freight from China to Georgia via Kazakhstan doubled last year.") == {
        frozenset({"CHN", "GEO"}),
        frozenset({"CHN", "KAZ"}),
        frozenset({"GEO", "KAZ"}),
    }


def test_a_demonym_takes_the_noun_it_qualifies_as_its_relation():
    assert directed("Russia, under sweeping Western sanctions since 2022, turned east.") == {
        ("WEST", "RUS", "sanctions")
    }


def test_the_only_two_actors_of_a_clause_with_a_cue_elsewhere_are_a_weak_reading():
    (relation,) = code_relations(context("Japan has quietly become a partner that Mongolia values."), None)
    assert {relation.a, relation.b} == {"JPN", "MNG"} and relation.confidence < 0.7
    assert code_relations(context("Japan has quietly become a big player, and Mongolia values it."), None) == []


def test_a_negated_cooperative_cue_is_distance_and_a_refusal_to_ally_is_neutral():
    (cool,) = code_relations(context("Kyrgyzstan has not improved its relations with Russia."), None)
    assert (cool.polarity, cool.modality) == ("-", "negated")
    (neutral,) = code_relations(context("Georgia will not join any alliance with Russia."), None)
    assert neutral.polarity == "0"


def test_a_meetings_name_is_a_unit_and_a_capital_in_a_process_name_is_no_party():
    text = "After the China–Mongolia Summit, Japan signed a new trade deal with Kazakhstan."
    assert pair_set(text) == {frozenset({"CHN", "MNG"}), frozenset({"JPN", "KAZ"})}


def test_a_name_that_holds_a_cue_relates_like_a_demonym_and_its_noun():
    text = "Georgia has kept its Western partners close."
    alias = Mention("WEST", "bloc", text.index("Western"), text.index(" close"), "alias")  # the catalogue's alias
    got = code_relations(SentenceContext(text, 0, len(text), None, [Mention("GEO", "state", 0, 7), alias]), None)
    assert [(r.a, r.b, r.type, r.polarity) for r in got] == [("GEO", "WEST", "partnership", "+")]


def test_the_actors_of_a_relative_clause_relate_only_to_the_actor_it_is_about():
    text = "Mongolia, which buys most of its fuel from Russia, signed a new trade deal with Japan."
    assert pair_set(text) == {frozenset({"MNG", "RUS"}), frozenset({"MNG", "JPN"})}
    about_a_thing = "Kyrgyzstan worries about its debt, which is owed mostly to China."
    assert pair_set(about_a_thing) == {frozenset({"KGZ", "CHN"})}


def test_building_financing_or_running_a_project_relates_the_builder_to_it():
    built = pair_set("Kazakhstan and Uzbekistan are building the Northern Rail Link.")
    # two builders of one project work together
    assert built == {frozenset({"KAZ", "NORTH_LINE"}), frozenset({"UZB", "NORTH_LINE"}), frozenset({"KAZ", "UZB"})}
    assert pair_set("The Northern Rail Link, financed by the Asian Development Bank, opens in May.") == {
        frozenset({"NORTH_LINE", "ADB"})
    }
    # between two states the same verbs say nothing
    assert pair_set("Kazakhstan is building roads, and Uzbekistan expands its airports.") == set()


def test_a_project_is_related_to_its_possessor():
    assert pair_set("Georgia is one more stop on China's ambitious Northern Rail Link.") == {
        frozenset({"CHN", "NORTH_LINE"})
    }


def test_a_cue_before_from_relates_the_source_to_every_member_of_the_list_it_goes_to():
    got = pair_set("The plan adds loans from the Asian Development Bank to Kazakhstan, Tajikistan and Turkmenistan.")
    assert got == {frozenset({"ADB", "KAZ"}), frozenset({"ADB", "TJK"}), frozenset({"ADB", "TKM"})}


def test_a_long_object_list_is_as_near_as_its_first_member():
    text = (
        "Japan will hold separate talks with the leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and"
        " Uzbekistan."
    )
    got = code_relations(context(text), None)
    assert len(got) == 5 and len({r.confidence for r in got}) == 1


def test_a_demonym_before_a_company_is_its_nationality_not_a_party():
    got = pair_set("The Kazakh oil firm Steppe Energy signed a supply deal with Georgia.")
    assert got == {frozenset({"STEPPE_ENERGY", "GEO"})}


def test_a_list_that_spells_out_a_group_takes_its_relation():
    got = pair_set("Steppe Energy buys gas from Western suppliers, specifically Kazakhstan and Uzbekistan.")
    assert {frozenset({"STEPPE_ENERGY", "KAZ"}), frozenset({"STEPPE_ENERGY", "UZB"})} <= got


@pytest.mark.parametrize(
    "text",
    [
        "Japan hopes to cut its dependence on Chinese rare earths.",
        "Japan has tried to diversify its purchases of rare earths away from China.",
        "Japan is trying to wean itself off Chinese rare earths.",
    ],
)
def test_reducing_a_dependence_is_dependence_not_trade(text):
    got = code_relations(context(text), None)
    assert [(r.type, r.polarity) for r in got] == [("dependence", "-")]
    assert {got[0].a, got[0].b} == {"JPN", "CHN"}


def test_a_bridge_between_two_actors_is_transit():
    got = code_relations(context("Georgia presents itself as a bridge between Türkiye and Central Asia."), None)
    assert {(frozenset((r.a, r.b)), r.type) for r in got} >= {(frozenset({"TUR", "CENTRAL_ASIA"}), "transit")}


def test_a_seizure_is_conflict():
    taken = code_relations(context("Observers recall the Taliban's seizure of Kyrgyzstan's old base."), None)
    assert [(r.type, r.polarity) for r in taken] == [("conflict", "-")]


def test_a_list_brought_together_with_a_party_relates_each_member_to_it():
    text = "The forum brought together the leaders of Kazakhstan, Kyrgyzstan and Tajikistan with Chinese envoys."
    assert pair_set(text) == {frozenset({"KAZ", "CHN"}), frozenset({"KGZ", "CHN"}), frozenset({"TJK", "CHN"})}
    listed = "The report lists the leaders of Kazakhstan, Kyrgyzstan and Tajikistan with their ages."
    assert pair_set(listed) == set()


def test_a_relative_clause_about_a_project_relates_its_subject_to_it():
    assert pair_set("Tolls will rise on the Northern Rail Link, which Kazakhstan is upgrading.") == {
        frozenset({"NORTH_LINE", "KAZ"})
    }
    listed = pair_set("Work stalled on the Northern Rail Link that Georgia, Armenia and Türkiye are discussing.")
    assert listed == {frozenset({"NORTH_LINE", x}) for x in ("GEO", "ARM", "TUR")}


def test_a_relation_noun_takes_the_cue_that_qualifies_it():
    got = code_relations(
        context("Russia keeps with Kazakhstan, Kyrgyzstan and Armenia relations of mutual dependence."), None
    )
    assert {(r.b, r.type, r.polarity) for r in got} == {(x, "dependence", "0") for x in ("KAZ", "KGZ", "ARM")}
    (pair,) = code_relations(context("Georgia and Armenia are bound by ties of interdependence."), None)
    assert (pair.type, pair.polarity) == ("dependence", "0")


def test_a_cue_in_the_next_clause_or_a_shared_preposition_does_not_pair_two_objects():
    assert pair_set("Kyrgyzstan wants to reach Japan and Mongolia, and it cannot lose another partner.") == set()
    assert pair_set("The ministry keeps up a careful dialogue with Japan and the US.") == set()


def test_a_first_group_governed_by_a_preposition_is_not_the_subject():
    text = "A new railway to Japan and Mongolia via Kazakhstan could ease Kyrgyzstan's dependence on China."
    got = pair_set(text)
    assert frozenset({"KGZ", "CHN"}) in got
    assert not got & {frozenset({"JPN", "CHN"}), frozenset({"MNG", "CHN"}), frozenset({"JPN", "KGZ"})}


def test_a_creditor_is_dependence_and_between_reaches_the_countries_of_a_region():
    (loan,) = code_relations(context("Japan, Mongolia's largest creditor, sent a delegation."), None)
    assert (loan.type, loan.polarity) == ("dependence", "-")
    assert pair_set("A summit between Japan and the countries of Central Asia opened today.") == {
        frozenset({"JPN", "CENTRAL_ASIA"})
    }


def test_a_compound_in_apposition_to_a_project_names_its_parties():
    got = pair_set("Freight will use the Northern Rail Link, a Georgian-Kazakh-Chinese railway.")
    assert {frozenset({"NORTH_LINE", x}) for x in ("GEO", "KAZ", "CHN")} <= got


def test_hindering_is_pressure():
    (rel,) = code_relations(context("Russia has hampered Georgia's exports for years."), None)
    assert (rel.type, rel.polarity) == ("pressure", "-")


def test_a_frozen_membership_is_read_for_a_member_too():
    got = code_relations(context("Kazakhstan has frozen its membership in the CSTO."), Members())
    assert [(r.a, r.b, r.type, r.polarity) for r in got] == [("KAZ", "CSTO", "alliance", "-")]
    suspended = code_relations(context("Kyrgyzstan suspended its participation in the CSTO."), Members())
    assert [(r.b, r.polarity) for r in suspended] == [("CSTO", "0")]


def test_a_tie_said_to_weaken_is_distance():
    """'ties have loosened', 'the waning partnership': a weakening tie reads as hostile, whatever its noun; not when
    the weakening is what the pair does together, nor when it is a power's standing ("influence has shrunk")."""
    loosened = "Since the war, Kazakhstan's ties with Russia have loosened considerably."
    assert pairs(code_relations(context(loosened), None)) == {(frozenset({"KAZ", "RUS"}), "-")}
    waning = "The waning partnership between Georgia and the West worries the government."
    assert pairs(code_relations(context(waning), None)) == {(frozenset({"GEO", "WEST"}), "-")}
    together = "Kazakhstan and China cooperate to weaken the smugglers on the border."
    assert pairs(code_relations(context(together), None)) == {(frozenset({"KAZ", "CHN"}), "+")}
    growing = "Kazakhstan's trade with China has grown fast."
    assert pairs(code_relations(context(growing), None)) == {(frozenset({"KAZ", "CHN"}), "+")}
    standing = "Japan's influence in Mongolia has diminished since the elections."
    assert all(r.polarity != "-" for r in code_relations(context(standing), None))


def test_a_frozen_membership_is_distance_and_a_suspended_one_neutral():
    frozen = "In protest, Armenia froze its membership in the CSTO last year."
    got = code_relations(context(frozen), Members())
    assert pairs(got) == {(frozenset({"ARM", "CSTO"}), "-")}
    suspended = "Uzbekistan suspended its membership in the CSTO in 2012."
    got = code_relations(context(suspended), Members())
    assert pairs(got) == {(frozenset({"UZB", "CSTO"}), "0")}


def test_the_noun_of_a_demonym_in_between_is_that_actors_own():
    """'Georgia sees Japanese imports as a way to reduce its reliance on China': 'imports' is Japan's, so Georgia and
    China relate by the dependence, not by trade."""
    text = "Georgia sees Japanese imports as a way to reduce its reliance on China."
    got = {(frozenset((r.a, r.b)), r.type, r.polarity) for r in code_relations(context(text), None)}
    assert (frozenset({"GEO", "CHN"}), "dependence", "-") in got
    assert (frozenset({"GEO", "CHN"}), "trade", "+") not in got


def test_two_builders_of_one_named_project_cooperate():
    text = "Georgia and Armenia are financing a new bridge for the Middle Corridor."
    assert frozenset({"GEO", "ARM"}) in pair_set(text)
    # no named project: nothing joint is said
    assert pair_set("Georgia and Armenia are building new roads this year.") == set()
    # the objects of talks are no builders
    talks = pair_set("Russia held talks with Kazakhstan and Uzbekistan about building the Middle Corridor.")
    assert frozenset({"KAZ", "UZB"}) not in talks


def test_a_broken_deal_is_a_falling_out():
    """'cancelled its contract with X', 'the deal with X collapsed', 'talks broke down': a deal broken off reads as
    hostile, though its noun ("contract", "agreement", "talks") is cooperative."""
    cancelled = "Kazakhstan cancelled its gas contract with Russia last spring."
    assert pairs(code_relations(context(cancelled), None)) == {(frozenset({"KAZ", "RUS"}), "-")}
    collapsed = "Japan's agreement with Mongolia collapsed in 2019."
    assert pairs(code_relations(context(collapsed), None)) == {(frozenset({"JPN", "MNG"}), "-")}
    broke_down = "Talks between Georgia and Armenia broke down in May."
    assert pairs(code_relations(context(broke_down), None)) == {(frozenset({"GEO", "ARM"}), "-")}
    signed = "Japan's agreement with Mongolia was signed in 2019."
    assert pairs(code_relations(context(signed), None)) == {(frozenset({"JPN", "MNG"}), "+")}


def test_a_denied_hostility_keeps_the_tie_its_object_names():
    """'without alienating Western partners': the hostile act is denied and the partnership stands; 'careful not to
    antagonise X' is neutral."""
    kept = "Kazakhstan has expanded its trade with China without alienating Western partners."
    assert (frozenset({"KAZ", "WEST"}), "+") in pairs(code_relations(context(kept), None))
    careful = "Kazakhstan has been careful not to antagonise Japan."
    assert pairs(code_relations(context(careful), None)) == {(frozenset({"KAZ", "JPN"}), "0")}
    antagonised = "Kazakhstan antagonised Japan with its new tariffs."
    assert pairs(code_relations(context(antagonised), None)) == {(frozenset({"KAZ", "JPN"}), "-")}


def test_the_noun_form_of_worsening_ties_is_hostile():
    text = "Amid the deterioration of bilateral relations between Japan and China, the talks stalled."
    assert pairs(code_relations(context(text), None)) == {(frozenset({"JPN", "CHN"}), "-")}


def test_a_clause_with_a_subject_of_its_own_takes_its_cue_with_it():
    """', and Z has become a partner of Y': Y is Z's partner, not the first clause's subject's; ', and it is careful
    not to antagonise Y': "it" is the sentence's subject, not the object of the clause before."""
    donor = "Japan remains the largest donor, and China has become a partner of Kazakhstan."
    assert {p for p, _ in pairs(code_relations(context(donor), None))} == {frozenset({"CHN", "KAZ"})}
    text = "Japan sees Mongolia as one stop of the Middle Corridor, and it is careful not to provoke Kazakhstan."
    assert frozenset({"MIDDLE_CORRIDOR", "KAZ"}) not in {p for p, _ in pairs(code_relations(context(text), None))}
    listed = "Georgia, Armenia, and Kazakhstan are building the Northern Rail Link."
    assert frozenset({"GEO", "NORTH_LINE"}) in {p for p, _ in pairs(code_relations(context(listed), None))}


def test_an_actor_with_its_verb_after_a_bare_comma_opens_the_main_clause():
    """'After the talks with China, Kazakhstan is ...': a bare comma and a verb make the second actor the main
    clause's subject, not a member of a list with the first; a list closes with 'and'."""
    groups = {p for p, _ in pairs(code_relations(context("Kazakhstan, Kyrgyzstan and Uzbekistan are partners."), None))}
    assert frozenset({"KAZ", "KGZ"}) in groups
    text = "After its talks with China, Kazakhstan is a partner of Japan."
    assert {p for p, _ in pairs(code_relations(context(text), None))} == {frozenset({"KAZ", "JPN"})}
