"""Memberships: claims that a state belongs (or does not belong) to an organisation, checked against the catalogue.

Contract: ``code_memberships(sentence, catalogue, previous, include_negated=False)`` returns the membership claims
of one sentence: by default only the asserted ones (what goes to ``Analysis.memberships``); with
``include_negated=True`` also the non-memberships ("an observer, not a member", "refuses to join", modality
``negated``) and the plans ("intends to join", modality ``hypothetical``).

The sentence is first *masked*: every state mention becomes a run of ``①``, a state demonym ("Russian") a run of
``③`` and every organisation a run of ``②`` (same length, so offsets survive). References are resolved before
masking (``_references``): "it", "its", "they", "their", "the two countries" to the state(s) named just before
(in the sentence, else in the previous sentence) - "it" / "its" to an organisation when that is the nearest actor
before them, or when "its" is followed by "members", "chair" - and "the organisation", "the bloc", "the group" to
the organisation named just before. The general constructions below are then read over the masked text, lists
included. Their word lists live in ``data/membership_cues.json``.

Confidence (``Membership.confidence``) is the rule's base, then +0.05 when the catalogue's member list confirms
the pair, -0.3 when it contradicts it, -0.1 when the state or the organisation was resolved from a reference:

=====================  ====  ==========================================================================
rule                   base  construction
=====================  ====  ==========================================================================
is_member              0.90  "S is (already) a (full / founding) member of O"; "S, a member of O"
is_org_member          0.90  "S is an O member"; "S and S, the newest O members"; "S became its tenth member"
of_which               0.90  "O, of which S is a (founding) member"
where_member           0.90  "O, where S is a founding member"
founders               0.85  "S and S were among the founders of O"; "S stood at the cradle of O" (confirmed only)
signed_founding        0.85  "S, together with S and S, signed the treaty that created O"
includes               0.85  "O, which includes / comprises / brings together (the leaders of) S, S and S"
                             ("brings together / unites": not for a state the catalogue says is no member)
members_are            0.85  "O's members are / include S and S"
org_countries          0.85  "the O countries – S and S"; "O member states such as S"
org_member_apposition  0.85  "CSTO member Armenia"; "fellow EAEU members Kazakhstan and Belarus"
members_of_list        0.85  "the member states of O, such as S and S"
which_joined           0.85  "O, which S joined / founded / chairs in ..."
admitted_to            0.85  "S was admitted to O"
as_member              0.85  "as a member of O, ..., S"; "since becoming a full member of O, S"
other_members          0.85  "S and other O member states"
admitted               0.85  "O admitted S as a new member"
membership_noun        0.85  "S's membership / participation / withdrawal / chairmanship in O"
joined                 0.85  "S joined O" (past, not hedged; "refuses to join" is negated)
noun_of                0.80  "the withdrawal / membership of S from / in O"
accession_of           0.75  "the accession of S to O" (confirmed only: else an accession in progress)
led                    0.80  "the Russian-led alliance, the CSTO"; "the Moscow-led O"; "O, a Moscow-led bloc"
led_by                 0.80  "O, led / dominated / chaired by S"
chairs                 0.80  "S chairs / will chair / dominates / leads O"
takes_part             0.75  "S takes part / participates in O" (not "in the O summit"; "as an observer": negated)
chair                  0.80  "S holds / took over the chairmanship of O"; "S, as the O's chair"
chair_org_noun         0.80  "S holds the CIS chairmanship"; "under Kazakhstan's chairmanship, the SCO"; "the Kazakh
                             presidency of the SCO"
bloc_of                0.80  "O, a trade bloc of S, S and S"
expanded               0.80  "O expanded to include S and S"; "O, with membership expanding to include S"
having_chaired         0.80  "Having chaired O from 2019 to 2023, S ..."
left                   0.70  "S withdrew from / left O" (it was a member)
summit_includes        0.70  "the O summit ... brought together X and the presidents of S, S" (confirmed only)
possessive             0.70  "Russia's CSTO allies", "Kazakhstan's SCO chairmanship" (catalogue-confirmed only)
within                 0.65  "S's cooperation within O"
leader_members         0.60  "Azerbaijani President X proposed that the member states of O ..." (catalogue-confirmed)
where                  0.60  "O, where S has the last word"
paren                  0.55  "O (S)"
observer               0.85  "S, an observer in O"; "S, an O observer"; "... includes S as an observer" -> negated
=====================  ====  ==========================================================================

Weak rules (base 0.7 or below) are skipped for organisations with more than 100 members (a state's UN membership
says nothing) and for a state the catalogue lists as the organisation's observer. Rules marked "catalogue-
confirmed only" emit nothing when the catalogue cannot confirm the pair; "withdrawal of", "its membership in",
"left", "within" and "where" emit nothing when it contradicts it (an accession in progress, a former member).

Non-memberships are kept out of ``Analysis.memberships`` (the default): the gold annotates "refuses to join",
"has no intention of joining", "remain an observer" as relations (state -> organisation, polarity -), never as
memberships, and the scorer matches (member, org) pairs only, so a negated claim there would count as a
membership. A negated claim keeps its rule's base confidence (confidence in the non-membership).

Each claim carries ``status``: confirmed or contradicted by the catalogue's member list, or unknown when the
catalogue has no list for that organisation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from multivector.nlp.config import MEMBERSHIPS
from multivector.nlp.context import Mention, SentenceContext
from multivector.records import Membership

STATE, ORG, DEMONYM = "①", "②", "③"


def _whole(mark: str) -> str:
    """A masked mention in a pattern: entered only at its first character and taken whole (possessive), so a match
    that fails after it is not tried again from inside the mark, character by character (quadratic in its length)."""
    return rf"(?<!{mark}){mark}++"


STATES, ORGS, DEMONYMS = _whole(STATE), _whole(ORG), _whole(DEMONYM)
UNIVERSAL = 100  # organisations with more members than this carry no information in a weak rule
_WE_NOUN = re.compile(r"\b(?:country|state|republic|nation)\b", re.IGNORECASE)


@cache
def cues() -> dict[str, list[str]]:
    text = resources.files("multivector.data").joinpath("membership_cues.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def _alt(key: str) -> str:
    """One non-capturing alternation of a cue list, longest first, spaces matching any whitespace."""
    words = sorted(cues()[key], key=len, reverse=True)
    return "(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + ")"


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: str
    confidence: float
    gate: str = ""  # "confirmed": only when the catalogue confirms; "not_contradicted": not when it contradicts
    tense: bool = False  # the cue is a verb: hedges before it make a plan, not a membership


def _rules() -> list[_Rule]:
    s = rf"{STATES}(?:['’]s)?"
    o = rf"{ORGS}(?:\s*\({ORGS}\))?"
    sl = rf"{s}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?{s})*"  # a list of states
    # a list of organisations ("the SCO, the CIS and the OTS"; "a member of the SCO and of the OTS")
    ol = rf"{o}(?:\s*(?:,\s*(?:and\s+|or\s+|nor\s+)?|and\s+|or\s+|nor\s+|&\s*)(?:(?:in|of)\s+)?(?:the\s+)?{o})*"
    the = rf"(?:the\s+)?(?:[\w{STATE}{DEMONYM}-]+-(?:led|based|backed|dominated)\s+)?"  # "the Russian-led CSTO"
    adverb = r"(?:(?:already|also|still|now|both|currently|formally|itself|themselves|not|never|no\s+longer)\s+){0,2}"
    ohead = rf"(?:\s+{_alt('generic_org_nouns')})?"  # "the C5+1 format, in which ..."
    generic = _alt("generic_org_nouns")
    be = r"(?:(?:is|was|are|were|remains?|became|becomes|as|being|has|have|had)\s+)?"
    its = rf"(?:its|{STATE}{{3}})"  # "its" may have been resolved to a state and masked
    member = (
        rf"(?:one\s+of\s+)?(?:a|an|the|{its})?\s*(?:full\s+|full-fledged\s+|founding\s+|key\s+|permanent\s+|active\s+)?"
    )
    event = rf"(?!['’]s\b)(?!\s+{_alt('event_nouns')}\b)"  # not "joined the SCO summit / the SCO's drills"
    gap = r"(?:[^.;]|\.(?=\s*(?-i:[\da-z])))"  # a sentence's own periods are abbreviations ("on Jan. 1")
    people_of = rf"(?:the\s+)?{_alt('people_of')}\s+of\s+(?:the\s+)?"
    people = rf"(?:{people_of}|{gap}{{0,80}}?\b{people_of})?"  # "brought together X, Y and the leaders of ..."
    chair = _alt("chair_nouns")
    word = rf"(?:[^\W{STATE}{DEMONYM}]|[-'’])+"  # a word of a gap: not a masked state (masks count as \w)
    lead = r"(?:\s*(?:,|[-–—(])\s*|\s+)(?:(?:which|that|who)\s+)?"  # "S, which is ..."; "S – a member of ..."
    kinds = r"(?:members?|member\s+states?|member\s+countries|member\s+nations?|participants?|participating\s+states?)"
    meeting = r"(?:summit|meeting|dialogue|ministerial|session)"
    return [
        _Rule(
            "is_member",
            rf"(?P<s>{sl}){lead}{be}{adverb}(?:been\s+)?{adverb}{member}(?:members?|member\s+states?|parts?|participants?)"
            rf"\s+(?:state\s+)?(?:of|in)\s+{the}(?P<o>{ol})",
            0.9,
            tense=True,
        ),
        _Rule(
            "is_org_member",
            rf"(?P<s>{sl}){lead}{be}{adverb}(?:a|an|the|{its})?\s*(?:{word}\s+)?(?P<o>{ol})(?:['’]s)?\s+(?:{word}\s+)?{kinds}\b",
            0.9,
            tense=True,
        ),
        _Rule(
            "org_member_apposition",
            rf"(?:\bfellow\s+)?(?P<o>{o})\s+(?:founding\s+)?{kinds}\s+(?P<s>{sl})",
            0.85,
        ),
        _Rule(
            "members_of_list",
            rf"\b{kinds}\s+of\s+{the}(?P<o>{ol}),?\s*(?:[-–—:(]|,?\s*(?:such\s+as|like|including|namely))\s*(?P<s>{sl})",
            0.85,
        ),
        _Rule(
            "which_joined",
            rf"(?P<o>{o}){ohead},?\s+(?:which|that)\s+(?P<s>{sl})\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
            rf"(?:joined|entered|co-?founded|founded|chairs|chaired|leads|led|heads|headed|dominates)\b",
            0.85,
        ),
        _Rule(
            "admitted_to",
            rf"(?P<s>{sl})\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:formally\s+|officially\s+|finally\s+)?"
            rf"(?:admitted|accepted|welcomed)\s+(?:in)?to\s+{the}(?P<o>{ol}){event}",
            0.85,
        ),
        _Rule(
            "of_which",
            rf"(?P<o>{o}){ohead},?\s+of\s+which\s+(?P<s>{sl})\s+(?:is|are|was|were|has\s+been|have\s+been|became|remains)"
            rf"\s+{adverb}{member}members?",
            0.9,
        ),
        _Rule(
            "where_member",
            rf"(?P<o>{o}){ohead},\s*(?:where|in\s+which)\s+(?P<s>{sl})\s+(?:is|are|was|were|has\s+been|have\s+been|"
            rf"became|remains)\s+{adverb}{member}(?:members?|participants?)",
            0.9,
        ),
        _Rule(
            "founders",
            rf"(?P<s>{sl}),?\s+(?:(?:is|was|are|were)\s+)?(?:(?:one\s+of|among)\s+)?(?:the\s+)?{_alt('founder_nouns')}"
            rf"\s+of\s+{the}(?P<o>{ol})|(?P<s2>{sl})\s+{_alt('founder_phrases')}\s+(?:this\s+|the\s+)?(?P<o2>{ol}){event}",
            0.85,
            gate="confirmed",
        ),
        _Rule(
            "signed_founding",
            rf"(?P<s>{sl}),?(?:\s+together\s+with\s+(?P<s2>{sl}),?)?\s+(?:{word}\s+){{0,2}}?(?:signed|adopted)\b[^.;]{{0,60}}?"
            rf"\b(?:that|which)\s+(?:created|established|founded|set\s+up)\s+{the}(?P<o>{ol})",
            0.85,
        ),
        _Rule(
            "includes",
            rf"(?P<o>{o})(?:\s*,\s*(?:a|an|the)\s+[^,;.()]{{1,60}}?(?:,|(?=\s+(?:which|that)\s)))?\s*,?\s*(?:(?:which|that)\s+)?"
            rf"(?:(?:now|currently|also|today|then|originally)\s+)?(?:{_alt('include_verbs')}|(?P<g>{_alt('gather_verbs')}))\s+"
            rf"(?:the\s+)?{people}(?P<s>{sl})",
            0.85,
        ),
        _Rule(
            "members_are",
            rf"(?P<o>{o})(?:['’]s)?\s+(?:[\w-]+\s+)?(?:members|member\s+states|member\s+countries)\s+"
            rf"(?:are|include|included|were)\s+(?P<s>{sl})",
            0.85,
        ),
        _Rule(
            "org_countries",
            rf"(?P<o>{ol})\s+(?:member\s+|participating\s+|founding\s+)?(?:countries|states|nations|members|participants)"
            rf"\s*(?:[-–—:(]|,?\s*(?:such\s+as|like|including|namely))\s*(?P<s>{sl})",
            0.85,
        ),
        _Rule(
            "as_member",
            rf"\b(?:as|since\s+becoming|after\s+becoming|upon\s+becoming|having\s+become|being)\s+{member}"
            rf"(?:member|participant|party)\s+(?:state\s+)?(?:of|in|to)\s+{the}(?P<o>{ol}){ohead}[^.;]{{0,140}}?,\s*(?P<s>{s})",
            0.85,
        ),
        _Rule(
            "other_members",
            rf"(?P<s>{sl})\s+(?:and|,)\s+(?:in\s+)?(?:the\s+)?other\s+(?P<o>{ol})\s+(?:member\s+)?(?:states|countries|members)",
            0.85,
        ),
        _Rule(
            "admitted",
            rf"(?P<o>{o})\s+(?:has\s+|have\s+)?{_alt('admit_verbs')}\s+(?P<s>{sl})\s+as\s+(?:an?\s+|{its}\s+)?"
            rf"(?:[\w-]+\s+)?(?:members?|member\s+states?)",
            0.85,
        ),
        _Rule(
            "membership_noun",
            rf"(?P<s>{sl})\s+(?:{word}\s+){{0,3}}?{_alt('membership_nouns')}\s+(?:[\"“][^\"”]{{0,30}}[\"”]\s+)?"
            rf"(?:in|of|from|within)\s+(?:another\s+|an?\s+)?{the}(?:(?:[\w-]+\s+)?{generic},?\s+(?:the\s+)?)?(?P<o>{ol})",
            0.85,
            gate="not_contradicted",
            tense=True,
        ),
        _Rule(
            "joined",
            rf"(?P<s>{sl}){lead}(?P<cue>(?:{word}\s+){{0,5}}?){_alt('join_words')}\s+{the}(?P<o>{ol}){event}"
            rf"(?!\s+as\s+(?:an?\s+)?{_alt('observer_nouns')})",
            0.85,
            tense=True,
        ),
        _Rule(
            "noun_of",
            rf"\b(?:withdrawal|exit|expulsion|membership|participation)\s+of\s+{the}(?P<s>{sl})\s+(?:from|to|into|in)\s+"
            rf"{the}(?P<o>{ol})",
            0.8,
            gate="not_contradicted",
        ),
        _Rule(
            "accession_of",
            rf"\b(?:accession|admission|entry)\s+of\s+{the}(?P<s>{sl})\s+(?:to|into|in)\s+{the}(?P<o>{ol})",
            0.75,
            gate="confirmed",
        ),
        _Rule(
            "led",
            rf"(?P<s>{STATES}|{DEMONYMS})-{_alt('lead_compounds')}(?:\s+[\w-]+){{0,2}}?,?\s+(?:the\s+)?(?P<o>{o})"
            rf"|(?P<o2>{o}),\s*(?:a|an|the)\s+(?:{word}\s+)?(?P<s2>{STATES}|{DEMONYMS})-{_alt('lead_compounds')}\b",
            0.8,
        ),
        _Rule("led_by", rf"(?P<o>{o}){ohead},?\s+(?:which\s+is\s+)?{_alt('lead_by')}\s+(?P<s>{s})", 0.8),
        _Rule(
            "chair",
            rf"(?P<s>{sl}){lead}(?:{word}\s+){{0,2}}?{_alt('chair_verbs')}\s+(?:the\s+|{its}\s+)?(?:rotating\s+|annual\s+|current\s+)?"
            rf"{chair}\s+(?:of|in|at)\s+{the}(?P<o>{ol})"
            rf"|(?P<s2>{s})\b[^.;]{{0,40}}?\bas\s+(?:the\s+)?(?:current\s+|rotating\s+)?(?P<o2>{o})['’]s\s+{chair}\b"
            rf"|(?P<s3>{s})\b[^.;]{{0,40}}?\bas\s+(?:the\s+)?(?:current\s+|rotating\s+)?{chair}\s+of\s+{the}(?P<o3>{o})"
            rf"|(?P<o4>{o})\s+{chair}\s+(?P<s4>{s})",
            0.8,
        ),
        _Rule(
            "chairs",
            rf"(?P<s>{sl}){lead}(?:(?:will|currently|now|also|still)\s+)?(?:chairs|chaired|chair|is\s+chairing|presides\s+over|"
            rf"presided\s+over|preside\s+over|dominates|leads|heads)\s+{the}(?P<o>{ol}){event}",
            0.8,
        ),
        _Rule(
            "takes_part",
            rf"(?P<s>{sl}){lead}(?P<cue>(?:{word}\s+){{0,2}}?)(?:participates|participated|has\s+participated|takes\s+part|"
            rf"took\s+part|has\s+taken\s+part|is\s+taking\s+part)\s+in\s+{the}(?P<o>{ol}){ohead}{event}",
            0.75,
        ),
        _Rule(
            "bloc_of",
            rf"(?P<o>{o})\s*(?:,|[-–—]|\()\s*(?:a|an|the)\s+(?:{word}\s+){{0,3}}?{generic}\s+(?:of|uniting|grouping)\s+"
            rf"(?:the\s+)?(?P<s>{sl})",
            0.8,
        ),
        _Rule(
            "chair_org_noun",
            rf"(?P<s>{sl}){lead}(?:{word}\s+){{0,2}}?{_alt('chair_verbs')}\s+(?:the\s+|{its}\s+)?(?P<o>{o})\s+"
            rf"(?:rotating\s+|annual\s+)?{chair}\b"
            rf"|\b(?:under|during|with)\s+(?P<s2>{STATES}['’]s|{DEMONYMS})\s+(?:{word}\s+)?{chair},?\s+(?:the\s+)?(?P<o2>{o})"
            rf"|(?P<s3>{DEMONYMS})\s+(?:{word}\s+)?{chair}\s+(?:of|in)\s+{the}(?P<o3>{o})",
            0.8,
        ),
        _Rule(
            "expanded",
            rf"(?P<o>{o})(?:['’]s)?{gap}{{0,60}}?\b{_alt('expand_verbs')}\b{gap}{{0,40}}?\bto\s+"
            rf"(?:include|incorporate|admit|take\s+in)\s+(?:the\s+)?(?P<s>{sl})",
            0.8,
        ),
        _Rule(
            "having_chaired",
            rf"\bhaving\s+(?:chaired|presided\s+over|led)\s+{the}(?P<o>{o})[^.;]{{0,60}}?,\s*(?P<s>{s})",
            0.8,
        ),
        _Rule(
            "left",
            rf"(?P<s>{sl})\s+{_alt('leave_verbs')}\s+{the}(?P<o>{ol}){event}",
            0.7,
            gate="not_contradicted",
            tense=True,
        ),
        _Rule(
            "summit_includes",
            rf"(?:(?P<o>{o})\s+{meeting}|{meeting}\s+(?:[\w-]+\s+)?of\s+{the}(?P<o2>{o})){gap}{{0,80}}?\b(?:{_alt('include_verbs')}|{_alt('gather_verbs')})\s+"
            rf"(?:the\s+)?{people}(?P<s>{sl})(?:\s+(?:and|with)\s+(?:the\s+)?(?P<s2>{DEMONYMS})\s+{_alt('leader_titles')})?",
            0.7,
            gate="confirmed",
        ),
        _Rule(
            "possessive",
            rf"(?P<s>{STATES})['’]s\s+(?:own\s+)?(?P<o>{ORGS})(?!['’]s)(?!\s+{_alt('possessive_blockers')}\b)",
            0.7,
            gate="confirmed",
        ),
        _Rule(
            "within",
            rf"(?P<s>{s})\s+(?:(?:{word}|[–—])\s+){{0,12}}?within\s+{the}(?P<o>{ol})",
            0.65,
            gate="not_contradicted",
        ),
        _Rule(
            "leader_members",
            rf"(?P<s>{DEMONYMS}|{STATES}['’]s)\s+{_alt('leader_titles')}\b[^.;]{{0,100}}?\b(?:the\s+)?"
            rf"(?:{_alt('member_nouns')}\s+of\s+{the}(?P<o>{o})|(?P<o2>{o})(?:['’]s)?\s+{_alt('member_nouns')})",
            0.6,
            gate="confirmed",
        ),
        _Rule(
            "where",
            rf"(?P<o>{o}){ohead},\s*(?:where|in\s+which)\s+(?P<s>{s})",
            0.6,
            gate="not_contradicted",
        ),
        _Rule("paren", rf"(?P<o>{o})(?:\s+{word}){{0,3}}\s*\(\s*(?P<s>{sl})\s*\)", 0.55),
    ]


def _observer_rule() -> re.Pattern[str]:
    s, o = rf"{STATES}(?:['’]s)?", rf"{ORGS}(?:\s*\({ORGS}\))?"
    gap = rf"(?:(?![{STATE}{ORG}])[^.;])"  # no other state or organisation in between
    return re.compile(
        rf"(?P<s>{s})\b{gap}{{0,60}}?\b(?:(?:an?|its|{STATE}{{3}})\s+)?(?:{_alt('observer_nouns')}\b{gap}{{0,30}}?"
        rf"\b(?:in|of|at|to|with)\s+(?:the\s+)?(?P<o>{o})|(?P<o2>{o})\s+{_alt('observer_nouns')}\b)",
        re.IGNORECASE,
    )


@cache
def _compiled() -> list[tuple[_Rule, re.Pattern[str]]]:
    return [(rule, re.compile(rule.pattern, re.IGNORECASE)) for rule in _rules()]


@cache
def _word(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){_alt(key)}(?![\w-])|n['’]t\b" if key == "negations" else rf"\b{_alt(key)}\b", re.I)


_AS_OBSERVER = re.compile(r"\s*,?\s*as\s+(?:an?\s+|its\s+)?(?:observers?|partners?|candidates?|associate)\b", re.I)
_PAST_JOIN = re.compile(r"\b(?:joined|entered|acceded|rejoined|became|become)\b", re.IGNORECASE)
_SINGULAR = re.compile(r"\b(?:it|its|the\s+country)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:they|their|the\s+two\s+countries|both\s+countries|the\s+two\s+states|the\s+two)\b", re.I)


def code_memberships(
    sentence: SentenceContext, catalogue, previous: SentenceContext | None = None, include_negated: bool = False
) -> list[Membership]:
    mentions = _usable(sentence)
    mentions = mentions + _references(sentence, mentions, previous)
    if not any(m.kind == "organisation" for m in mentions):
        return []
    masked = _mask(sentence, mentions)
    claims: dict[tuple[str, str], Membership] = {}
    observers = _observed(sentence, masked, mentions)
    for rule, pattern in _compiled():
        for match in pattern.finditer(masked):
            for s_group, o_group in _group_pairs(match):
                states = _inside(mentions, sentence.start, match.span(s_group), ("state", "demonym"))
                orgs = _inside(mentions, sentence.start, match.span(o_group), ("organisation",))
                mode = _modality(rule, match, s_group, o_group)
                if _AS_OBSERVER.match(masked, match.end()):
                    mode = "negated"  # "... includes Turkmenistan as an observer"
                for state in states:
                    for org in orgs:
                        if mode == "asserted" and (state.id, org.id) in observers:
                            continue
                        gated = rule
                        if match.groupdict().get("g") is not None:  # "brought together": guests come too
                            gated = _Rule(rule.name, rule.pattern, rule.confidence, "not_contradicted", rule.tense)
                        _add(claims, sentence, gated, state, org, match.span(), catalogue, mode)
    for key, span in observers.items():
        state, org = (Mention(key[0], "state", 0, 0), Mention(key[1], "organisation", 0, 0))
        _add(claims, sentence, _Rule("observer", "", 0.85), state, org, span, catalogue, "negated")
    return [c for c in claims.values() if include_negated or c.modality == "asserted"]


def _group_pairs(match: re.Match[str]) -> list[tuple[str, str]]:
    """(state group, organisation group) names that took part in the match: s/o, s2/o2 ..., else the one o group."""
    groups = match.groupdict()
    pairs = []
    for suffix in ("", "2", "3", "4"):
        if groups.get("s" + suffix) is None:
            continue
        org = next((g for g in ("o" + suffix, "o", "o2", "o3", "o4") if groups.get(g) is not None), None)
        if org is not None:
            pairs.append(("s" + suffix, org))
    return pairs


def _modality(rule: _Rule, match: re.Match[str], s_group: str, o_group: str) -> str:
    """negated / hypothetical / asserted, read in the cue words of the match (the text outside its actor groups)."""
    if "cue" in match.groupdict() and match.group("cue") is not None:
        region = match.group("cue")
    else:
        start, end = match.span()
        chars = list(match.string[start:end])
        for group in (s_group, o_group):
            a, b = match.span(group)
            chars[a - start : b - start] = " " * (b - a)
        region = "".join(chars)
        if rule.name in ("as_member", "within", "where", "paren", "leader_members", "having_chaired", "expanded"):
            region = ""  # their free gaps are not about the membership
    if _word("negations").search(region) or _word("observer_nouns").search(region):
        return "negated"
    if rule.tense:
        verb = match.group(0)
        if _word("hedges").search(region) or (rule.name == "joined" and not _PAST_JOIN.search(verb)):
            return "hypothetical"
    return "asserted"


def _observed(sentence: SentenceContext, masked: str, mentions: list[Mention]) -> dict[tuple[str, str], tuple]:
    """(state, org) pairs the sentence calls an observer / partner / candidate rather than a member."""
    found = {}
    for match in _observer_rule().finditer(masked):
        o_group = "o" if match.group("o") is not None else "o2"
        for state in _inside(mentions, sentence.start, match.span("s"), ("state",)):
            for org in _inside(mentions, sentence.start, match.span(o_group), ("organisation",)):
                found.setdefault((state.id, org.id), match.span())
    return found


def _usable(sentence: SentenceContext) -> list[Mention]:
    """State, demonym and organisation mentions; the speaker's "we" only when it names a country ("our country")."""
    out = []
    for m in sentence.mentions:
        if m.kind not in ("state", "organisation"):
            continue
        if m.via == "we" and not _WE_NOUN.search(sentence.body[m.start : m.end]):
            continue
        kind = "demonym" if m.kind == "state" and m.via == "demonym" else m.kind
        via = m.via
        if via == "pronoun":  # resolved by the reference stage: say from which words ("the two countries" whole)
            a = min((x.start for x in sentence.mentions if x.via == "pronoun" and x.end == m.start), default=m.start)
            b = max((x.end for x in sentence.mentions if x.via == "pronoun" and x.start == m.end), default=m.end)
            via = "ref:" + sentence.body[a:b]
        out.append(Mention(m.id, kind, m.start, m.end, via))
    return out


def _references(sentence: SentenceContext, mentions: list[Mention], previous: SentenceContext | None) -> list[Mention]:
    """Mentions for "it / they / the two countries" (states) and "the organisation / the bloc" (organisations),
    resolved to the salient actor before them: in the sentence, else in the previous sentence."""
    text, offset = sentence.text, sentence.start
    prior = _usable(previous) if previous is not None else []
    prior_states = list(dict.fromkeys(m.id for m in prior if m.kind in ("state", "demonym")))
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in taken)

    def before(position: int, kinds: tuple[str, ...]) -> list[Mention]:
        return [m for m in mentions if m.kind in kinds and m.end <= position]

    collective = ("organisation", "group", "bloc")  # "the group" after the Taliban is the Taliban, not a bloc

    def salient_org(position: int) -> str | None:
        here = [m for m in sentence.mentions if m.kind in collective and m.end <= position]
        there = [m for m in (previous.mentions if previous is not None else []) if m.kind in collective]
        salient = (here or there)[-1:]
        return salient[0].id if salient and salient[0].kind == "organisation" else None

    org_pronoun = re.compile(rf"\b(?:its|their)(?=\s+(?:[\w-]+\s+)?{_alt('own_nouns')}\b)", re.IGNORECASE)
    for match in org_pronoun.finditer(text):  # "Belarus became its tenth member": the organisation's own
        a, b = offset + match.start(), offset + match.end()
        org = salient_org(a) if free(a, b) else None
        if org is not None:
            out.append(Mention(org, "organisation", a, b, f"ref:{match.group(0)}"))
            taken.append((a, b))
    for pattern, plural in ((_PLURAL, True), (_SINGULAR, False)):
        for match in pattern.finditer(text):
            a, b = offset + match.start(), offset + match.end()
            if not free(a, b):
                continue
            nearest = before(a, ("state", "organisation"))
            if not plural and nearest and nearest[-1].kind == "organisation":  # "the CSTO ... it includes"
                out.append(Mention(nearest[-1].id, "organisation", a, b, f"ref:{match.group(0)}"))
                taken.append((a, b))
                continue
            states = list(dict.fromkeys(m.id for m in before(a, ("state",))))
            if plural:
                ids = states[-2:] if len(states) >= 2 else (prior_states if 2 <= len(prior_states) <= 3 else [])
                if match.group(0).lower().startswith(("the two", "both")) and len(ids) != 2:
                    continue
            else:
                ids = states[-1:] if states else (prior_states if len(prior_states) == 1 else [])
            out.extend(Mention(i, "state", a, b, f"ref:{match.group(0)}") for i in ids)
            if ids:
                taken.append((a, b))
    generic = re.compile(rf"\b(?:the|this|that)\s+{_alt('generic_org_nouns')}\b(?!\s+of\b)", re.IGNORECASE)
    for match in generic.finditer(text):
        a, b = offset + match.start(), offset + match.end()
        org = salient_org(a) if free(a, b) else None
        if org is not None:
            out.append(Mention(org, "organisation", a, b, f"ref:{match.group(0)}"))
            taken.append((a, b))
    return out


def _mask(sentence: SentenceContext, mentions: list[Mention]) -> str:
    chars = list(sentence.text)
    for m in mentions:
        mark = {"state": STATE, "demonym": DEMONYM}.get(m.kind, ORG)
        for i in range(max(m.start, sentence.start), min(m.end, sentence.end)):
            chars[i - sentence.start] = mark
    return "".join(chars)


def _inside(mentions: list[Mention], offset: int, span: tuple[int, int], kinds: tuple[str, ...]) -> list[Mention]:
    lo, hi = offset + span[0], offset + span[1]
    if span[0] < 0:
        return []
    return [m for m in mentions if m.kind in kinds and lo <= m.start and m.end <= hi]


def _add(claims, sentence: SentenceContext, rule: _Rule, state: Mention, org: Mention, span, catalogue, mode) -> None:
    if state.id == org.id:
        return
    known = catalogue.is_member(state.id, org.id) if catalogue is not None else None
    if rule.gate == "confirmed" and known is not True and mode == "asserted":
        return
    if rule.gate == "not_contradicted" and known is False and mode == "asserted":
        return
    table = MEMBERSHIPS["confidence"]
    if rule.confidence <= table["weak_rule"] and mode == "asserted" and _weak_skip(catalogue, state.id, org.id):
        return
    status = "unknown" if known is None else ("confirmed" if known else "contradicted")
    confidence = rule.confidence
    if mode == "asserted":
        confidence += table.get(status, 0.0)
    if state.via.startswith("ref:") or org.via.startswith("ref:"):
        confidence += table["resolved"]
    confidence = round(min(table["ceiling"], max(0.05, confidence)), 2)
    key = (state.id, org.id)
    old = claims.get(key)
    if old is not None and (old.modality == "asserted") >= (mode == "asserted") and old.confidence >= confidence:
        return
    evidence, ev_span = sentence.evidence(sentence.start + span[0], sentence.start + span[1])
    resolved = [m.via[4:] for m in (state, org) if m.via.startswith("ref:")]  # the reference a party came from
    claims[key] = Membership(
        member=state.id,
        org=org.id,
        evidence=evidence,
        span=ev_span,
        status=status,
        modality=mode,
        confidence=confidence,
        resolved_from=resolved[0] if resolved else None,
    )


def _weak_skip(catalogue, state_id: str, org_id: str) -> bool:
    """A weak rule says nothing about a universal organisation, nor about the organisation's known observers."""
    if catalogue is None:
        return False
    members = catalogue.members(org_id) if hasattr(catalogue, "members") else None
    if members is not None and len(members) > UNIVERSAL:
        return True
    entry = catalogue.get(org_id) if hasattr(catalogue, "get") else None
    return state_id in getattr(entry, "observers", ())
