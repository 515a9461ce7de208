"""Membership coding on sentences written for these tests (mentions placed by hand, a small stand-in catalogue).

Each construction of nlp/memberships.py has a positive case, and the readings that must NOT become a membership
(a summit's venue, an observer, a refusal, a bid, a former member) have their own cases.
"""

import re
from types import SimpleNamespace

import pytest

from multivector.nlp.context import Mention, SentenceContext
from multivector.nlp.memberships import code_memberships, cues

ORGS = {"CSTO", "EAEU", "SCO", "OTS", "BRICS", "NATO", "EU", "UN", "WTO", "CIS"}
NAMES = {
    "Kazakhstan": "KAZ",
    "Astana": "KAZ",
    "Uzbekistan": "UZB",
    "Tashkent": "UZB",
    "Kyrgyzstan": "KGZ",
    "Russia": "RUS",
    "Moscow": "RUS",
    "China": "CHN",
    "Beijing": "CHN",
    "Armenia": "ARM",
    "Azerbaijan": "AZE",
    "Baku": "AZE",
    "Belarus": "BLR",
    "Türkiye": "TUR",
    "Mongolia": "MNG",
    "Iran": "IRN",
    "Egypt": "EGY",
    "Ukraine": "UKR",
    "Georgia": "GEO",
    "Turkmenistan": "TKM",
    "our country": "KGZ",
    **{org: org for org in ORGS},
    "Eurasian Economic Union": "EAEU",
    "Shanghai Cooperation Organisation": "SCO",
    "Collective Security Treaty Organization": "CSTO",
    "United Nations": "UN",
}
DEMONYMS = {"Russian": "RUS", "Chinese": "CHN", "Kazakh": "KAZ", "Azerbaijani": "AZE", "Armenian": "ARM"}
MEMBERS = {
    "CSTO": {"RUS", "KAZ", "KGZ", "ARM", "BLR", "TJK"},
    "EAEU": {"RUS", "KAZ", "KGZ", "ARM", "BLR"},
    "SCO": {"RUS", "CHN", "KAZ", "KGZ", "UZB", "IRN", "TJK", "IND", "PAK", "BLR"},
    "OTS": {"TUR", "AZE", "KAZ", "KGZ", "UZB"},
    "BRICS": {"RUS", "CHN", "IRN", "EGY", "BRA", "IND", "ZAF", "ETH", "ARE", "IDN"},
    "NATO": {"USA", "TUR", "DEU", "FRA", "GBR"},
    "CIS": {"RUS", "KAZ", "KGZ", "UZB", "TJK", "ARM", "AZE", "BLR", "MDA"},
    "UN": {f"S{i:03d}" for i in range(150)} | {"KAZ", "RUS", "UZB", "TKM"},
}
OBSERVERS = {"EAEU": {"UZB", "CUB"}, "SCO": {"MNG"}}


class Catalogue:
    """The three questions the coder asks of the catalogue."""

    def members(self, org):
        return frozenset(MEMBERS[org]) if org in MEMBERS else None

    def is_member(self, state, org):
        return None if org not in MEMBERS else state in MEMBERS[org]

    def get(self, org):
        return SimpleNamespace(observers=frozenset(OBSERVERS.get(org, ()))) if org in ORGS else None


def context(text: str) -> SentenceContext:
    mentions: list[Mention] = []
    table = [(n, i, "name") for n, i in NAMES.items()] + [(n, i, "demonym") for n, i in DEMONYMS.items()]
    for name, actor, via in sorted(table, key=lambda t: -len(t[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(x.start < m.end() and m.start() < x.end for x in mentions):
                kind = "organisation" if actor in ORGS else "state"
                mentions.append(Mention(actor, kind, m.start(), m.end(), "we" if name == "our country" else via))
    mentions.sort(key=lambda m: m.start)
    return SentenceContext(text, 0, len(text), None, mentions)


def pairs(text: str, previous: str | None = None, **kw) -> set[tuple[str, str]]:
    prev = context(previous) if previous else None
    return {(m.member, m.org) for m in code_memberships(context(text), Catalogue(), prev, **kw)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # an organisation and the list of states it includes, with or without an apposition
        (
            "The EAEU, which includes Russia, Belarus and Armenia, sets common tariffs.",
            {("RUS", "EAEU"), ("BLR", "EAEU"), ("ARM", "EAEU")},
        ),
        (
            "The CSTO, a military bloc, comprises Russia, Armenia, and Kyrgyzstan.",
            {("RUS", "CSTO"), ("ARM", "CSTO"), ("KGZ", "CSTO")},
        ),
        (
            "The SCO brings together the leaders of China, Russia and Iran.",
            {("CHN", "SCO"), ("RUS", "SCO"), ("IRN", "SCO")},
        ),
        ("The OTS's members include Türkiye and Azerbaijan.", {("TUR", "OTS"), ("AZE", "OTS")}),
        # a state leading the organisation, written as a compound or with "led by"
        ("Armenia has frozen its ties with the Russian-led alliance, the CSTO.", {("RUS", "CSTO")}),
        ("Tokayev spoke of the Moscow-led EAEU and its tariffs.", {("RUS", "EAEU")}),
        ("The SCO, currently chaired by Kazakhstan, meets in July.", {("KAZ", "SCO")}),
        # chairing
        ("Kyrgyzstan took over the rotating chairmanship of the CSTO last year.", {("KGZ", "CSTO")}),
        ("The forum opens in Kazan, which Russia is organising as the BRICS's chair.", {("RUS", "BRICS")}),
        # growth of the organisation
        ("The BRICS expanded last year to include Egypt and Iran.", {("EGY", "BRICS"), ("IRN", "BRICS")}),
        ("The SCO admitted Iran as its ninth member in 2023.", {("IRN", "SCO")}),
        # members as an apposition or a list after "member states of"
        ("CSTO member Armenia skipped the drills.", {("ARM", "CSTO")}),
        ("Kazakhstan, an SCO member state, hosts the talks.", {("KAZ", "SCO")}),
        ("The member states of the OTS, such as Türkiye and Azerbaijan, agreed.", {("TUR", "OTS"), ("AZE", "OTS")}),
        ("Kyrgyzstan has been admitted to the CIS long ago.", {("KGZ", "CIS")}),
        # membership nouns, possessives and founding
        ("Armenia suspended its participation in the CSTO last spring.", {("ARM", "CSTO")}),
        ("Analysts doubt Moscow's CSTO allies will help.", {("RUS", "CSTO")}),
        ("Kazakhstan and Russia were among the founders of the EAEU.", {("KAZ", "EAEU"), ("RUS", "EAEU")}),
        (
            "In 2009 our country, together with Azerbaijan and Türkiye, signed the treaty that created the OTS.",
            {("KGZ", "OTS"), ("AZE", "OTS"), ("TUR", "OTS")},
        ),
        ("Having chaired the CIS in 2022, Kazakhstan knows its limits.", {("KAZ", "CIS")}),
        ("Kazakhstan, which joined the WTO in 2015, exports grain.", {("KAZ", "WTO")}),
        ("The BRICS, with membership expanding to include Egypt, courts the Gulf.", {("EGY", "BRICS")}),
        ("Russia and China, the SCO's founding members, disagree on the budget.", {("RUS", "SCO"), ("CHN", "SCO")}),
        ("Kazakhstan and Kyrgyzstan, both members of the EAEU, trade freely.", {("KAZ", "EAEU"), ("KGZ", "EAEU")}),
        ("Belarus became its tenth member in 2024.", {("BLR", "SCO")}),  # "its" after "member": the bloc's own
        ("Russia, which dominates the EAEU, sets the tariffs.", {("RUS", "EAEU")}),
        ("Kazakhstan will chair the SCO next year.", {("KAZ", "SCO")}),
        ("The EAEU, a Moscow-led bloc that includes Armenia, sets tariffs.", {("RUS", "EAEU"), ("ARM", "EAEU")}),
        ("Iran and Belarus, the newest SCO members, met.", {("IRN", "SCO"), ("BLR", "SCO")}),
        (
            "The CSTO summit brought together Putin and the leaders of Kazakhstan and Kyrgyzstan.",
            {("KAZ", "CSTO"), ("KGZ", "CSTO")},
        ),
        (
            "The EAEU, a trade bloc of Russia, Belarus and Armenia, meets.",
            {("RUS", "EAEU"), ("BLR", "EAEU"), ("ARM", "EAEU")},
        ),
        ("Kyrgyzstan, which currently holds the CSTO chairmanship, called a meeting.", {("KGZ", "CSTO")}),
        ("Under Kazakhstan's chairmanship, the SCO adopted a strategy.", {("KAZ", "SCO")}),
        ("The Kazakh presidency of the SCO ended in July.", {("KAZ", "SCO")}),
        ("Kazakhstan is one of the members of the SCO.", {("KAZ", "SCO")}),
        ("Russia pressured Kazakhstan within the CSTO.", {("KAZ", "CSTO")}),  # the nearest state only
        # a leader of a member state addressing the organisation's members
        ("Azerbaijani President Aliyev urged the member states of the OTS to hold joint drills.", {("AZE", "OTS")}),
    ],
)
def test_membership_constructions(text, expected):
    assert pairs(text, "The SCO met in June.") == expected


@pytest.mark.parametrize(
    "text",
    [
        # the venue of a meeting is not a membership
        "The CSTO summit was held in Astana in November.",
        "Leaders gathered for the BRICS in Moscow while the EU met in Brussels.",
        # an observer, a refusal, a plan, a bid: no membership
        "Uzbekistan is an observer, not a member, of the EAEU.",
        "Mongolia holds observer status in the SCO.",
        "Azerbaijan refuses to join the CSTO.",
        "Uzbekistan has no intention of joining the EAEU.",
        "Turkmenistan is not a member of the CSTO.",
        "Uzbekistan could join the EAEU next year.",
        "Ukraine's NATO bid is stalled.",
        "Georgia's EU accession is frozen.",
        "The accession of Uzbekistan to the WTO is debated.",
        "Uzbekistan's possible membership in the WTO worries farmers.",
        # a former member per the catalogue
        "Uzbekistan suspended its membership in the CSTO in 2012.",
        "Georgia left the CIS in 2009.",
        # an observer named in apposition; a state named inside another state's clause
        "Uzbekistan, an EAEU observer, buys gas.",
        "Russia welcomed the news that Kyrgyzstan might join the WTO.",
        "Iran joined the SCO's drills and Armenia took part in the CSTO exercises.",
        "The EU held talks with Kazakhstan, a partner of the bloc.",
        "The EAEU summit in Astana (Kazakhstan) ended.",
        # a weak rule on a universal organisation
        "Kazakhstan (UN) spoke first.",
        # a state as the object of a relation with an organisation
        "The EU imposed sanctions on Russia and pressured Kazakhstan.",
    ],
)
def test_no_membership(text):
    assert pairs(text) == set()


def test_negated_memberships_are_kept_apart():
    text = "Turkmenistan said it would not join the SCO, where China is a founding member."
    got = code_memberships(context(text), Catalogue(), None, include_negated=True)
    modes = {(m.member, m.org): m.modality for m in got}
    assert modes == {("TKM", "SCO"): "negated", ("CHN", "SCO"): "asserted"}
    assert pairs(text) == {("CHN", "SCO")}  # the default list (Analysis.memberships) holds the asserted ones
    observer = code_memberships(
        context("Uzbekistan is an observer, not a member, of the EAEU."), Catalogue(), None, include_negated=True
    )
    assert [(m.member, m.org, m.modality) for m in observer] == [("UZB", "EAEU", "negated")]
    plan = code_memberships(
        context("Uzbekistan could join the EAEU next year."), Catalogue(), None, include_negated=True
    )
    assert [(m.member, m.modality) for m in plan] == [("UZB", "hypothetical")]


def test_observer_next_to_a_member_only_negates_its_own_state():
    text = "Kazakhstan, a member of the EAEU, and Uzbekistan, an observer in the EAEU, trade a lot."
    got = code_memberships(context(text), Catalogue(), None, include_negated=True)
    assert {(m.member, m.org, m.modality) for m in got} == {("KAZ", "EAEU", "asserted"), ("UZB", "EAEU", "negated")}
    listed = code_memberships(
        context("Azerbaijan has never been a member of the CSTO or the EAEU."), Catalogue(), None, include_negated=True
    )
    assert {(m.member, m.org, m.modality) for m in listed} == {("AZE", "CSTO", "negated"), ("AZE", "EAEU", "negated")}


def test_references_resolve_to_the_salient_actor_before_them():
    # "it" / "its" take the state named before them in the sentence
    assert pairs("Armenia said that it had frozen its membership in the CSTO.") == {("ARM", "CSTO")}
    # "the two countries" / "their" take the two states of the previous sentence
    previous = "Kazakhstan and Russia signed a new treaty."
    assert pairs("Their cooperation within the EAEU will grow.", previous) == {("KAZ", "EAEU"), ("RUS", "EAEU")}
    # "the bloc" / "the organisation" take the organisation named before
    assert pairs("Since becoming a full member of the organisation, Uzbekistan has gained.", "The OTS met.") == {
        ("UZB", "OTS")
    }
    assert pairs("The bloc expanded to include Egypt.", "The BRICS summit opened.") == {("EGY", "BRICS")}
    # "it" after an organisation is the organisation
    assert pairs("The CSTO was set up in 2002, and it includes Russia and Armenia.") == {
        ("RUS", "CSTO"),
        ("ARM", "CSTO"),
    }
    # "its" right after an organisation is the organisation's own, not a state's
    assert pairs("Russia praised the CSTO and its membership in the region.") == set()


def test_confidence_follows_the_rule_and_the_catalogue():
    def claim(text, previous=None):
        (m,) = code_memberships(context(text), Catalogue(), context(previous) if previous else None)
        return m

    explicit = claim("Kazakhstan is a member of the CSTO.")
    weak = claim("Kazakhstan's cooperation within the CSTO is deep.")
    contradicted = claim("Georgia is a member of the CSTO.")
    resolved = claim("It is a member of the CSTO.", "Kazakhstan held elections.")
    assert explicit.confidence > 0.85 and explicit.status == "confirmed"
    assert weak.confidence < explicit.confidence
    assert contradicted.status == "contradicted" and contradicted.confidence <= 0.7
    assert resolved.confidence < explicit.confidence
    assert all(0 <= m.confidence <= 1 for m in (explicit, weak, contradicted, resolved))


def test_evidence_is_a_verbatim_fragment_of_the_sentence():
    text = "The CSTO, a military bloc, comprises Russia, Armenia, and Kyrgyzstan."
    for m in code_memberships(context(text), Catalogue()):
        assert text[m.span[0] : m.span[1]] == m.evidence
        assert "comprises" in m.evidence


def test_cue_lists_are_data_one_entry_per_line():
    lists = cues()
    assert {"include_verbs", "negations", "observer_nouns", "generic_org_nouns"} <= set(lists)
    assert all(isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in lists.values())


def test_summit_line_up_of_a_catalogued_format(monkeypatch):
    """A dialogue format the catalogue lists with its members: the leaders it brought together are its members."""
    monkeypatch.setitem(NAMES, "Central Asia plus Korea forum", "CAK")
    monkeypatch.setitem(DEMONYMS, "Korean", "KOR")
    monkeypatch.setitem(MEMBERS, "CAK", {"KAZ", "KGZ", "UZB", "TKM", "TJK", "KOR"})
    ORGS.add("CAK")
    try:
        text = (
            "The first summit of the Central Asia plus Korea forum, held in Seoul on June 2, 2024, brought together "
            "the presidents of Kazakhstan, Kyrgyzstan and Uzbekistan with Korean President Yoon."
        )
        assert pairs(text) == {("KAZ", "CAK"), ("KGZ", "CAK"), ("UZB", "CAK"), ("KOR", "CAK")}
        # a guest the catalogue does not list is not made a member
        guest = "The summit of the Central Asia plus Korea forum brought together the leaders of Kazakhstan and Russia."
        assert pairs(guest) == {("KAZ", "CAK")}
    finally:
        ORGS.discard("CAK")


def test_mentions_resolved_by_the_reference_stage_count_as_references():
    text = "The two countries are members of the CSTO."
    ctx = SentenceContext(
        text,
        0,
        len(text),
        None,
        [
            Mention("KAZ", "state", 0, 7, "pronoun"),  # the reference stage splits a pair over its words
            Mention("RUS", "state", 7, 17, "pronoun"),
            Mention("CSTO", "organisation", 37, 41, "acronym"),
        ],
    )
    got = code_memberships(ctx, Catalogue())
    assert {(m.member, m.org) for m in got} == {("KAZ", "CSTO"), ("RUS", "CSTO")}
    named = code_memberships(context("Kazakhstan and Russia are members of the CSTO."), Catalogue())
    assert max(m.confidence for m in got) < min(m.confidence for m in named)
    for m in got:
        if hasattr(m, "resolved_from"):
            assert m.resolved_from == "The two countries"
