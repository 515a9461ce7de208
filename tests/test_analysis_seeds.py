"""Concrete facts the whole flow extracts from the seed scrapes (through the public Python API)."""

from __future__ import annotations

import pytest

import multivector


@pytest.fixture(scope="module")
def seed(seed_path):
    cache: dict[str, multivector.records.Analysis] = {}

    def get(prefix: str):
        if prefix not in cache:
            cache[prefix] = multivector.analyze(str(seed_path(prefix)))
        return cache[prefix]

    return get


def test_interviewee_and_role_from_the_lede(seed):
    (speaker,) = seed("003").speakers
    assert speaker.name == "Aigerim Zhampetova"
    assert "Assistant Professor" in speaker.role
    assert seed("003").authors == ["Samir Muradov"]  # the journalist is no speaker


def test_interviewee_named_in_a_quote_attribution(seed):
    analysis = seed("000")
    assert [s.name for s in analysis.speakers] == ["Aidar Amrebayev"]
    # the quotation is attributed to him through "said the political scientist"
    hope = [s for s in analysis.stances if s.target == "TURKIC_WORLD"]
    assert hope and hope[0].speaker == "Aidar Amrebayev" and hope[0].polarity == "+"


def test_questions_are_attributed_to_nobody(seed):
    analysis = seed("001")
    for stance in analysis.stance_mentions:
        assert not stance.evidence.startswith("- Why are the US")
    question = analysis.body.index("- Could the US intensification")
    assert all(not (r.span[0] <= question < r.span[1]) for r in analysis.relation_mentions)


def test_memberships_listed_after_membership_in(seed):
    analysis = seed("004")
    claims = {(m.member, m.org): m.status for m in analysis.memberships}
    assert claims[("KAZ", "EAEU")] == claims[("KAZ", "SCO")] == claims[("KAZ", "CSTO")] == "confirmed"
    assert ("RUS", "CSTO") in claims  # "Their ... cooperation ... within the EAEU, SCO, and CSTO"


def test_contradicted_membership_is_flagged(seed):
    claims = {(m.member, m.org): m.status for m in seed("001").memberships}
    assert claims.get(("CHN", "C5P1")) == "contradicted"


def test_money_multiple_and_relative_dates(seed):
    analysis = seed("002")
    figures = {(f.value, f.unit) for f in analysis.figures}
    assert (330_000_000, "USD") in figures and (3, "times") in figures
    dates = {e.date for e in analysis.events}
    assert {"2021", "2022-05"} <= dates  # "last year's data" and "in May this year", published 2022-08-25


def test_negated_relation_is_not_a_fact(seed):
    analysis = seed("000")
    west = [r for r in analysis.relation_mentions if {r.a, r.b} == {"KAZ", "WEST"}]
    assert west and all(r.modality == "negated" and r.polarity == "0" for r in west)


def test_partnership_between_kazakhstan_and_turkiye(seed):
    claims = {frozenset((r.a, r.b)): r for r in seed("003").relations}
    partnership = claims[frozenset(("KAZ", "TUR"))]
    assert partnership.polarity == "+" and partnership.score > 0 and partnership.count >= 2


def test_every_evidence_is_a_verbatim_slice_of_the_body(seed):
    for prefix in ("000", "001", "002", "003", "004"):
        analysis = seed(prefix)
        records = [
            *analysis.relation_mentions,
            *analysis.memberships,
            *analysis.stance_mentions,
            *analysis.figures,
            *analysis.events,
        ]
        for record in records:
            assert analysis.body[record.span[0] : record.span[1]] == record.evidence


def test_analyze_accepts_raw_text():
    text = "Kazakhstan and Uzbekistan signed a strategic partnership agreement in Tashkent in May 2024."
    analysis = multivector.analyze(text)
    assert {"KAZ", "UZB"} <= {a.id for a in analysis.actors}
    assert any({r.a, r.b} == {"KAZ", "UZB"} and r.polarity == "+" for r in analysis.relations)
    assert any(e.date == "2024-05" for e in analysis.events)


def test_analyze_accepts_a_long_single_line_of_text():
    text = (
        "Uzbekistan, like its neighbours, is weighing new export routes for its gas and cotton; "
        "officials in Tashkent keep a close eye on the Middle Corridor. "
    ) * 3
    analysis = multivector.analyze(text.strip())
    assert {"UZB", "MIDDLE_CORRIDOR"} <= {a.id for a in analysis.actors}


def test_role_of_a_quoted_expert_stops_where_the_clause_begins():
    text = (
        "According to Lela Abashidze, a political scientist at Ilia State University in Tbilisi, the Middle Corridor "
        'remains the key issue. "Georgia cannot lose this chance," she said.'
    )
    (speaker,) = multivector.analyze(text).speakers
    assert speaker.name == "Lela Abashidze"
    assert speaker.role == "a political scientist at Ilia State University in Tbilisi"


def test_balance_of_kazakhstan_on_the_seeds_shows_the_vectors_the_interviews_discuss(tmp_path):
    """Issue 14: on the seeds, `balance KAZ` shows the Russian, Chinese, Western and Turkic vectors, each with
    evidence that is a verbatim slice of its article (the seeds are read from ../shared at run time)."""
    from conftest import SEEDS_RAW, need_shared
    from multivector.analysis.balance import balance
    from multivector.store import Corpus

    need_shared()
    bodies = {}
    with Corpus(tmp_path / "seeds.db") as corpus:
        for path in sorted(SEEDS_RAW.iterdir()):
            analysis = multivector.analyze(str(path))
            corpus.add(analysis)
            bodies[analysis.id] = analysis.body
        report = balance(corpus, "KAZ")
    parts = {part.centre: part for part in report.overall.centres}
    for centre in ("RUS", "CHN", "WEST", "TUR"):
        part = parts[centre]
        assert part.cooperative > 0, f"{centre}: no cooperative weight"
        assert part.relations, f"{centre}: no evidence"
        for record in part.relations:
            assert bodies[record.document_id][record.span_start : record.span_end] == record.evidence
    assert report.overall.leaning in ("RUS", "TUR")  # the two strongest vectors of the interviews
    assert 0.5 < report.overall.index < 1.0  # several vectors, none alone
