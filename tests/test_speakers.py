"""Speakers in every article form: news analyses, conference reports, op-eds, long-reads; people without places.

The texts below are written for these tests (invented experts and officials); the dev-set checks read
eval/dev/raw and eval/dev/gold, which were written for the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from multivector.nlp.assemble import analyze_document, pipeline
from multivector.records import Analysis, Document

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"

NEWS_ANALYSIS = (
    "Kazakhstan's grain exports to Afghanistan doubled last year, and the experts interviewed for this article "
    "disagree on what that means for the region.\n\n"
    '"The northern route is now the cheapest way to reach Afghan markets, and Astana knows it," said Dariga '
    'Seitkali, director of the Steppe Trade Institute in Almaty. "Nobody in the government wants to depend on a '
    'single buyer again."\n\n'
    '"Kabul pays late and pays in cash, and that is a risk for every exporter," she added.\n\n'
    "Not everyone agrees. Rustam Ermekov, a senior fellow at the Caspian Policy Centre, said that the trade would "
    "not survive a new border closure. In his view, China remains the decisive partner for Kazakh farmers.\n\n"
    "According to Seitkali, Russia is losing its old role as the main transit country.\n\n"
    "A Western diplomat in Astana, who asked not to be named, was more blunt. "
    '"Everybody wants the Afghan market, but nobody wants to be seen funding the Taliban," the diplomat said.\n\n'
    "Freight rates on the Termez route rose by 12 per cent in the first quarter."
)

CONFERENCE = (
    "BISHKEK, March 3. Energy security dominated the opening day of the regional hydropower conference.\n\n"
    "Opening the conference, President Sadyr Japarov said that Kyrgyzstan wanted all its neighbours to take part "
    "in building new dams.\n\n"
    "According to First Deputy Minister of Energy and Natural Resources Temirbek Usenaliev, the new plant will be "
    "completed by 2030. Usenaliev said that the project would cost $2.1 billion.\n\n"
    "Tajikistan's Deputy Minister of Water Resources Bakhtiyor Gulomzoda said that cooperation with Bishkek had "
    "never been closer.\n\n"
    "The delegates later visited the port of Balykchy and the town of Karakol."
)

OP_ED = (
    "The new railway deal signed in Tashkent this month is good news, and I will say so plainly. For years my "
    "country depended on a single route through Russia for its exports to Europe.\n\n"
    "I do not expect Moscow to welcome the project, but I believe it will not try to block it. "
    "China, for its part, is a reliable partner."
)


@pytest.fixture(scope="session")
def nlp():
    return pipeline()


def _analyse(nlp, body: str, *, authors: list[str] | None = None, raw_text: str = "", title: str = "") -> Analysis:
    document = Document(
        source="<test>", name="test", body=body, raw_text=raw_text or body, title=title, authors=authors or []
    )
    return analyze_document(document, nlp=nlp)


def _sentence_speakers(analysis: Analysis) -> dict[str, str | None]:
    """Speaker of each stance or relation mention, keyed by its evidence."""
    found = {m.evidence: m.speaker for m in analysis.stance_mentions}
    found.update({m.evidence: m.speaker for m in analysis.relation_mentions})
    return found


# ----- news analysis ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def news(nlp) -> Analysis:
    return _analyse(nlp, NEWS_ANALYSIS)


def test_quoted_experts_of_a_news_analysis_are_speakers_with_their_roles(news):
    roles = {s.name: s.role for s in news.speakers}
    assert set(roles) == {"Dariga Seitkali", "Rustam Ermekov"}  # the unnamed diplomat is no speaker
    assert "director of the Steppe Trade Institute" in roles["Dariga Seitkali"]
    assert "senior fellow at the Caspian Policy Centre" in roles["Rustam Ermekov"]


def test_quotes_and_reported_speech_are_attributed_to_their_speaker(nlp):
    from multivector.nlp import segment
    from multivector.nlp.actors import person_mentions
    from multivector.nlp.assemble import _parse, _sentences, _shift
    from multivector.nlp.speakers import attribute, complete_persons, find_speakers

    body = NEWS_ANALYSIS
    blocks = segment.classify_blocks(body, segment.split_blocks(body), False)
    parsed = _parse(nlp, body)
    sentences, persons = [], []
    for offset, doc in parsed:
        sentences += _sentences(doc, offset, blocks)
        persons += [_shift(p, offset) for p in person_mentions(doc)]
    persons = complete_persons(body, persons, parsed)
    speakers = find_speakers(body, persons, blocks, False, [], parsed=parsed)
    by_text = {body[s:e]: who for (s, e), who in attribute(body, sentences, blocks, speakers, False).items()}

    def speaker_of(fragment: str) -> str | None:
        (who,) = [w for text, w in by_text.items() if fragment in text]
        return who

    assert speaker_of("Nobody in the government wants") == "Dariga Seitkali"  # second quote of the paragraph
    assert speaker_of("Kabul pays late") == "Dariga Seitkali"  # "she added"
    assert speaker_of("In his view, China") == "Rustam Ermekov"  # pronoun: the speaker named last
    assert speaker_of("Russia is losing its old role") == "Dariga Seitkali"  # "According to SURNAME"
    assert speaker_of("nobody wants to be seen funding") is None  # unnamed source
    assert speaker_of("Freight rates on the Termez route") is None  # the journalist's narration
    assert speaker_of("Not everyone agrees") is None


# ----- conference report ------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def conference(nlp) -> Analysis:
    return _analyse(nlp, CONFERENCE)


def test_officials_paraphrased_in_a_conference_report_are_speakers_with_full_names(conference):
    names = [s.name for s in conference.speakers]
    assert names == ["Sadyr Japarov", "Temirbek Usenaliev", "Bakhtiyor Gulomzoda"]
    roles = {s.name: s.role for s in conference.speakers}
    assert roles["Sadyr Japarov"] == "President of Kyrgyzstan"  # bare title -> the catalogue's role
    assert "Deputy Minister of Energy" in roles["Temirbek Usenaliev"]


def test_places_the_ner_takes_for_people_are_not_people(conference):
    people = {p.name for p in conference.people}
    assert {"Sadyr Japarov", "Temirbek Usenaliev", "Bakhtiyor Gulomzoda"} <= people
    assert not people & {"Balykchy", "Karakol"}
    assert "Usenaliev" not in people  # the surname alone is the same person


# ----- op-ed ------------------------------------------------------------------------------------------------------
def test_an_op_ed_author_is_the_first_speaker_and_owns_the_narration(nlp):
    raw = "OPINION\n\n" + OP_ED + "\n\nThe author is a Tashkent-based logistics consultant."
    analysis = _analyse(nlp, OP_ED, authors=["Nodira Yusupova"], raw_text=raw)
    (author,) = analysis.speakers
    assert author.name == "Nodira Yusupova"
    assert author.role == "a Tashkent-based logistics consultant"
    assert analysis.stance_mentions and {m.speaker for m in analysis.stance_mentions} == {"Nodira Yusupova"}
    assert "Nodira Yusupova" not in {p.name for p in analysis.people}  # the body never names the author


def test_a_byline_without_first_person_voice_is_no_speaker(nlp):
    body = "Uzbekistan and Kazakhstan signed a railway agreement in Tashkent. China is a reliable partner of both."
    analysis = _analyse(nlp, body, authors=["Nodira Yusupova"], raw_text="Opinion\n" + body)
    assert analysis.speakers == []


# ----- names as written -------------------------------------------------------------------------------------------
def test_a_known_person_is_named_as_the_text_spells_them(nlp):
    body = "Recep Tayyip Erdogan said that Türkiye and Azerbaijan would open a new railway. Erdogan called it historic."
    analysis = _analyse(nlp, body)
    assert [s.name for s in analysis.speakers] == ["Recep Tayyip Erdogan"]  # the catalogue writes "Erdoğan"
    assert [p.name for p in analysis.people] == ["Recep Tayyip Erdogan"]


# ----- dev set ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "stem", ["101_kyrgyzstan_reexports", "103_tajikistan_water_forum", "107_turkmenistan_gas_diplomacy"]
)
def test_dev_articles_speakers_match_the_gold(nlp, stem):
    from multivector import ingest
    from multivector.data.catalogue import fold

    gold = json.loads((DEV / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    analysis = analyze_document(ingest.load(DEV / "raw" / f"{stem}.txt"), nlp=nlp)
    assert sorted(fold(s.name) for s in analysis.speakers) == sorted(fold(s["name"]) for s in gold["speakers"])
    assert sorted(fold(p.name) for p in analysis.people) == sorted(fold(name) for name in gold["people"])


def test_an_interviewee_who_answered_the_outlets_questions_is_the_speaker() -> None:
    import multivector

    page = (
        "Baku and Tashkent are building a bridge across the Caspian\n\n"
        "Uzbek economist Timur Nazarov, a senior fellow at the Tashkent Centre for Transit Studies, answered"
        " questions from Caliber.Az:\n\n"
        "1) How do you assess the new ferry agreement between Azerbaijan and Uzbekistan?\n\n"
        "It is a practical step that both capitals needed, because cargo from Central Asia has been waiting for"
        " weeks at the ports and the trade between our countries keeps growing every year.\n"
    )
    analysis = multivector.analyze(page)
    assert [s.name for s in analysis.speakers] == ["Timur Nazarov"]


def test_a_posts_host_country_is_not_the_speakers_own() -> None:
    """'the EU Ambassador to Tajikistan': Tajikistan is where the speaker serves, not the speaker's country."""
    from multivector.data.catalogue import Catalogue
    from multivector.nlp.assemble import _speaker_state
    from multivector.nlp.speakers.types import SpeakerInfo

    def state(role: str) -> str | None:
        return _speaker_state(SpeakerInfo("Nobody Known", role), Catalogue.default())

    assert state("the EU Ambassador to Tajikistan") is None
    assert state("the Ambassador to the Kyrgyz Republic") is None
    assert state("the UN Special Representative for Afghanistan") is None
    assert state("German Ambassador to Tajikistan") == "DEU"
    assert state("Ambassador of Kazakhstan to Tajikistan") == "KAZ"
    assert state("Kazakhstan's envoy in Baku") == "KAZ"
    assert state("director of the Kazakhstan Institute for Strategic Studies") == "KAZ"
