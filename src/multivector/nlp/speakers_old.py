"""Speakers: who is interviewed, quoted or paraphrased, their roles, and who says each sentence.

Contract:
- ``complete_persons(body, persons, parsed)`` repairs the NER's person mentions with the dependency parse: a name
  in a speaker position that the NER missed or cut ("Deputy Minister of X Temir Usenov said") is added with
  its full name, a surname alone is linked to the full name used elsewhere in the text, a one-word "person" that is
  never a speaker nor titled ("the port of Aktau") is dropped, and a well-known person's name is spelled as the
  text writes it (its fullest form).
- ``find_speakers`` returns the interviewees and the quoted or paraphrased people of an article, never the
  journalist; an op-ed's author (a byline name, first-person narration, an opinion cue on the page) is the first
  speaker.
- ``attribute`` gives every sentence a speaker name or None (the journalist's own narration, a question, an unnamed
  source).

Interviewees come from the lede ("Outlet talks to NAME", "an interview with NAME, ROLE"). Quoted people are found
in speaker positions, read from the parse and from patterns: the subject of a speech verb ("NAME said", '"...,"
said NAME, ROLE', "ROLE NAME described X as", "NAME, ROLE, is sceptical"), "according to NAME", "in NAME's view",
"cited by NAME", and a name in apposition to such a subject ("The Bank's director, NAME, said"). Verb and noun
lists are data (data/cues.json: speech_lemmas, belief_lemmas, speech_verbs, speech_verbs_extra, view_nouns,
opinion_adjectives, op_ed_cue, first_person_singular).

Attribution: in an interview the answers belong to the interviewee; elsewhere a quotation belongs to the person its
attribution names (a pronoun "he said" to the speaker named last before it, "the diplomat said" to nobody unless a
speaker has that role), a quotation opening a paragraph with no attribution continues the previous quote's speaker,
and reported speech ("According to NAME", "NAME believes", "In her view") belongs to the person it names. An
op-ed's own narration belongs to its author; a news report's narration to nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from multivector.nlp.actors import GOVERNMENT_HEADS, ORG_HEADS, PROJECT_HEADS, ROLE_WORDS, PersonMention
from multivector.nlp.catalogue import PERSON_TITLES, Catalogue, fold
from multivector.nlp.lexicon import lexicon
from multivector.nlp.segment import Block

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Parsed = list[tuple[int, "Doc"]]  # (offset in the body, spaCy Doc of that chunk)
Span = tuple[int, int]

_PRONOUN_REF = r"(?:he|she|him|her|his)"
_NOT_NAME_WORDS = ROLE_WORDS | ORG_HEADS | GOVERNMENT_HEADS | PROJECT_HEADS
# Titles that, written right before a lone capitalised word, make it a person ("Mr Example", "President Doe").
_PERSON_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|President|Premier|Prime Minister|Minister|Chancellor|King|Queen|Sheikh|Emir|"
    r"Ambassador|Senator|Governor|Mayor|Chairman|Spokesman|Spokeswoman|Secretary)\.?\s+$"
)
_NON_NAME_LABELS = {"GPE", "LOC", "NORP", "FAC", "ORG", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE"}


@dataclass(slots=True)
class SpeakerInfo:
    name: str
    role: str | None = None
    state: str | None = None  # the speaker's country (ISO3), for resolving "we", "our country"
    start: int = 0  # first mention in the body
    voice: str = "quoted"  # "quoted" | "interviewee" | "author" (an op-ed's author narrates the text)
    mentions: list[Span] = field(default_factory=list)  # every mention of the speaker in the body
    said_at: list[Span] = field(default_factory=list)  # mentions in a speaker position (subject of "said", ...)


@dataclass(slots=True)
class Attribution:
    speakers: list[SpeakerInfo] = field(default_factory=list)
    sentence_speaker: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def state_of(self, name: str | None) -> str | None:
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker.state
        return None


# ----- lexicons ---------------------------------------------------------------------------------------------------
def _speech_verbs() -> str:
    return "|".join(sorted(lexicon()["speech_verbs"], key=len, reverse=True))


@cache
def _speech_forms() -> str:
    """Every inflected speech verb: the original list plus the extra forms (described, urged, is sceptical ...)."""
    forms = {*lexicon()["speech_verbs"], *lexicon().get("speech_verbs_extra", [])}
    return "|".join(sorted(forms, key=len, reverse=True))


def _role_nouns() -> str:
    return "|".join(sorted(lexicon()["role_nouns"], key=len, reverse=True))


@cache
def _view_nouns() -> str:
    return "|".join(sorted(lexicon()["view_nouns"], key=len, reverse=True))


@cache
def _role_noun_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_role_nouns()})\b", re.IGNORECASE)


# ----- speaker positions in the parse ------------------------------------------------------------------------------
def speech_slots(parsed: Parsed) -> list[Span]:
    """Body spans of names in a speaker position: subject of a speech verb, 'according to NAME', 'NAME's view'..."""
    import numpy
    from spacy.attrs import POS
    from spacy.parts_of_speech import PROPN

    spans = []
    for offset, doc in parsed:
        for i in numpy.flatnonzero(doc.to_array(POS) == PROPN):  # no Token object for every other word
            token = doc[int(i)]
            if _in_speaker_position(token):
                name = _name_tokens(token)
                spans.append((name[0].idx + offset, token.idx + len(token.text) + offset))
    return spans


def _in_speaker_position(token: Token, depth: int = 0) -> bool:
    head, dep = token.head, token.dep_
    if dep == "nsubj" and _is_speech_verb(head):
        return True
    if dep == "nsubj" and head.lemma_ == "be" and any(_is_opinion_adjective(c) for c in head.children):
        return True  # "NAME, ROLE, is sceptical"
    if dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if dep == "pobj" and head.dep_ == "agent" and _is_speech_verb(head.head):
        return True  # "cited by NAME as proof"
    if dep == "poss" and head.lower_ in _view_noun_set():
        return True  # "in NAME's view", "in NAME's words"
    if dep in ("appos", "conj") and depth < 2 and head is not token:
        return _in_speaker_position(head, depth + 1)  # "The director, NAME, said"; "NAME and NAME agreed"
    return False


def _is_speech_verb(verb: Token) -> bool:
    """A verb of saying ('said', 'described X as'), or of believing when a clause says what ('believes that ...',
    'agreed that ...', 'called the rift "a tragedy"', 'called on X'): 'Putin called Tokayev' or 'the leaders agreed
    to build' report no view."""
    lemma = verb.lemma_.lower()
    if lemma in _speech_lemmas():
        return True
    if lemma not in _belief_lemmas():
        return False
    return any(c.dep_ in ("ccomp", "oprd") or _calls_on(c) for c in verb.children)


def _calls_on(child: Token) -> bool:
    """'called on the government' (an appeal), not 'called him on Monday' (a date)."""
    if child.lower_ != "on" or child.dep_ not in ("prt", "prep"):
        return False
    return not any(g.ent_type_ in ("DATE", "TIME") for g in child.children)


@cache
def _belief_lemmas() -> frozenset[str]:
    return frozenset(lexicon()["belief_lemmas"])


def _is_opinion_adjective(token: Token) -> bool:
    return token.dep_ == "acomp" and token.lower_ in set(lexicon()["opinion_adjectives"])


@cache
def _speech_lemmas() -> frozenset[str]:
    return frozenset(lexicon()["speech_lemmas"])


@cache
def _view_noun_set() -> frozenset[str]:
    return frozenset(lexicon()["view_nouns"])


def _name_tokens(token: Token) -> list[Token]:
    """The surname token and the first names compounded to its left ("Temir" + "Usenov"), titles excluded."""
    doc, parts = token.doc, [token]
    i = token.i - 1
    while i >= 0 and doc[i].head.i == token.i and doc[i].dep_ == "compound" and _is_name_word(doc[i]):
        parts.insert(0, doc[i])
        i -= 1
    return parts


def _is_name_word(token: Token) -> bool:
    text = token.text
    return (
        token.pos_ == "PROPN"
        and text[:1].isupper()
        and not (text.isupper() and len(text) > 1)
        and re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text) is not None
        and text not in _NOT_NAME_WORDS
        and text.casefold() not in PERSON_TITLES
    )


# ----- persons: repair, link, filter, spell as written --------------------------------------------------------------
def complete_persons(
    body: str, persons: list[PersonMention], parsed: Parsed, catalogue: Catalogue | None = None
) -> list[PersonMention]:
    """Person mentions repaired with the parse (see the module docstring); in text order."""
    catalogue = catalogue or Catalogue.default()
    slots = speech_slots(parsed)
    merged = _merge_parsed_names(persons, _parsed_names(parsed, persons, catalogue))
    merged = _link_surnames(merged)
    merged = _drop_non_persons(body, merged, slots, catalogue)
    return _as_written(merged, catalogue)


def _parsed_names(parsed: Parsed, persons: list[PersonMention], catalogue: Catalogue) -> list[PersonMention]:
    """Names in speaker positions, as the parse delimits them: full names, or a known person's surname."""
    surnames = {fold(p.canonical.split()[-1]) for p in persons if len(p.canonical.split()) >= 2}
    found = []
    for offset, doc in parsed:
        for token in doc:
            if token.pos_ != "PROPN" or not _is_name_word(token) or not _in_speaker_position(token):
                continue
            name = _name_tokens(token)
            text = " ".join(t.text for t in name)
            known_surname = len(name) == 1 and fold(text) in surnames
            if len(name) < 2 and not known_surname and catalogue.person(text) is None:
                continue  # "Gazprom said": a lone unknown word is more often an organisation
            if _is_other_entity(name, catalogue, trust_label=not known_surname):
                continue
            known = catalogue.person(text)
            start, end = name[0].idx + offset, token.idx + len(token.text) + offset
            found.append(PersonMention(text, known.name if known else text, start, end))
    return found


def _is_other_entity(name: list[Token], catalogue: Catalogue, *, trust_label: bool = True) -> bool:
    """A catalogue actor, or a place/organisation entity that the name covers whole ("Steppe Energy Advisory").
    A known person's surname is a person whatever label the NER gave it (``trust_label=False``)."""
    surname = name[-1]
    if surname.ent_id_ and catalogue.get(surname.ent_id_) is not None:
        return True
    text = " ".join(t.text for t in name)
    if catalogue.lookup(text) and catalogue.person(text) is None:
        return True
    if not trust_label:
        return False
    entity = next((e for e in surname.doc.ents if e.start <= surname.i < e.end), None)
    # An ORG that swallowed a title ("Water Resources Temir Usenov") starts before the name: still a person.
    return entity is not None and entity.label_ in _NON_NAME_LABELS and entity.start >= name[0].i


def _merge_parsed_names(persons: list[PersonMention], names: list[PersonMention]) -> list[PersonMention]:
    """Add the parse's names the NER missed; lengthen a mention the NER cut ("Usenov" -> "Temir Usenov")."""
    merged = list(persons)
    for name in names:
        overlapping = [i for i, p in enumerate(merged) if p.start < name.end and name.start < p.end]
        if not overlapping:
            merged.append(name)
            continue
        for i in overlapping:
            mention = merged[i]
            if mention.end == name.end and name.start < mention.start and " " not in mention.canonical:
                merged[i] = name
    return sorted(merged, key=lambda p: p.start)


def _link_surnames(persons: list[PersonMention]) -> list[PersonMention]:
    """A surname alone -> the full name with that surname used elsewhere in the text (before or after)."""
    full_names: dict[str, str] = {}
    for person in sorted(persons, key=lambda p: -len(p.canonical)):
        words = person.canonical.split()
        if len(words) >= 2:
            full_names.setdefault(fold(words[-1]), person.canonical)
    linked = []
    for person in persons:
        if " " not in person.canonical and fold(person.canonical) in full_names:
            person = replace(person, canonical=full_names[fold(person.canonical)])
        linked.append(person)
    return linked


def _drop_non_persons(
    body: str, persons: list[PersonMention], slots: list[Span], catalogue: Catalogue
) -> list[PersonMention]:
    """A one-word 'person' that is never a speaker, never titled and unknown to the catalogue is a place or a
    company the NER took for a name ("the ports of Aktau and Kuryk", "the mining giant Kazatomprom")."""
    keep: set[str] = set()
    for person in persons:
        if (
            " " in person.canonical
            or catalogue.person(person.canonical) is not None
            or _overlaps((person.start, person.end), slots)
            or _PERSON_TITLE_BEFORE.search(body[max(0, person.start - 30) : person.start])
            or is_speech_subject(body, person.start, person.end)
        ):
            keep.add(person.canonical)
    return [p for p in persons if p.canonical in keep]


def _as_written(persons: list[PersonMention], catalogue: Catalogue) -> list[PersonMention]:
    """A catalogue person is named as the text spells them ("Recep Tayyip Erdogan", not the catalogue's
    "Erdoğan"): the longest full name written for that person, when the text has one."""
    written: dict[str, str] = {}
    for person in persons:
        if len(person.name.split()) < 2 or person.name == person.canonical:
            continue
        entry = catalogue.person(person.name)
        if entry is not None and entry.name == person.canonical and len(person.name) > len(written.get(entry.name, "")):
            written[entry.name] = person.name
    return [replace(p, canonical=written.get(p.canonical, p.canonical)) for p in persons]


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(lo < span[1] and span[0] < hi for lo, hi in spans)


# ----- speakers ---------------------------------------------------------------------------------------------------
def find_speakers(
    body: str,
    persons: list,
    blocks: list[Block],
    interview: bool,
    authors: list[str],
    *,
    parsed: Parsed | None = None,
    raw_text: str = "",
    title: str | None = None,
) -> list[SpeakerInfo]:
    """The op-ed author, then interviewees (from the lede), then people in a speaker position, in text order."""
    catalogue = Catalogue.default()
    slots = speech_slots(parsed) if parsed else []
    author_keys = {_surname(a) for a in authors}
    lede_end = _lede_end(body, blocks)
    found: dict[str, SpeakerInfo] = {}
    roles = _roles(body, persons, parsed or [], catalogue)
    for person in persons:
        if _surname(person.canonical) in author_keys or _is_addressee(body, person.start):
            continue
        sentence = _sentence_around(body, person.start, person.end)
        interviewee = interview and person.start < lede_end and _has_interview_cue(sentence)
        speaking = _overlaps((person.start, person.end), slots) or is_speech_subject(body, person.start, person.end)
        if (interviewee or speaking) and person.canonical not in found:
            voice = "interviewee" if interviewee else "quoted"
            found[person.canonical] = SpeakerInfo(person.canonical, roles[person.canonical], None, person.start, voice)
        if speaking and person.canonical in found:
            found[person.canonical].said_at.append((person.start, person.end))
    for person in persons:  # every mention, for resolving "he said" to the speaker named last
        if person.canonical in found:
            found[person.canonical].mentions.append((person.start, person.end))
    speakers = sorted(found.values(), key=lambda s: s.start)
    author = _op_ed_author(body, blocks, authors, raw_text, title, interview)
    return [author, *speakers] if author else speakers


def _roles(body: str, persons: list, parsed: Parsed, catalogue: Catalogue) -> dict[str, str | None]:
    """Each person's role, stated next to the fullest (usually the first) mention; a catalogue person with no role
    in the text, or only a bare title ("President"), gets the catalogue's role."""
    roles: dict[str, str | None] = {}
    for person in persons:
        if roles.get(person.canonical) is None:
            token = _token_at(parsed, person.start, person.end)
            role = _parse_role(token) if token is not None else None
            roles[person.canonical] = role or _role(body, person.start, person.end, persons)
    for name, role in roles.items():
        known = catalogue.person(name)
        if known is not None and known.role and (role is None or _bare_title(role)):
            roles[name] = known.role
    return roles


def _bare_title(role: str) -> bool:
    return len(role.split()) <= 3 and not re.search(r"\b(?:of|at|for|in)\b", role)


def _token_at(parsed: Parsed, start: int, end: int) -> Token | None:
    """The last token of a body span (a name's surname) in the chunk that holds it."""
    for offset, doc in parsed:
        # not len(doc.text): Doc.text joins every token on each access
        if len(doc) and offset <= start and end <= offset + doc[-1].idx + len(doc[-1].text_with_ws):
            span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            return span[-1] if span is not None and len(span) else None
    return None


def _parse_role(token: Token) -> str | None:
    """'NAME, a senior analyst at X, said' (apposition after the name) or 'The Bank's Regional Director, NAME,'
    (the name in apposition to a role) or 'Deputy Minister of X NAME' (a title phrase modifying the name)."""
    doc = token.doc
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i:
            phrase = doc[child.left_edge.i : child.right_edge.i + 1]
            if _role_like(phrase):
                return _clean_role(phrase.text + _place_after(doc.text[phrase.end_char :]))
    if token.dep_ == "appos" and token.head.i < token.i:
        head = token.head
        phrase = doc[head.left_edge.i : _name_tokens(token)[0].i]
        if _role_like(phrase):
            return _clean_role(phrase.text)
    name_start = _name_tokens(token)[0].i
    for child in token.children:
        if child.dep_ in ("nmod", "compound") and child.i < name_start and child.right_edge.i < name_start:
            phrase = doc[child.left_edge.i : child.right_edge.i + 1]
            if _role_like(phrase):
                return _clean_role(phrase.text)
    return None


def _place_after(text: str) -> str:
    """' in Almaty' right after a role the parser hung on the verb ('spoke with NAME, director of X in Almaty,
    about ...'): the place belongs to the role, and tells the speaker's country."""
    m = re.match(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}(?=\s*[,.;:)\n]|$)", text)
    return m.group() if m else ""


def _role_like(phrase) -> bool:
    """A role phrase names a role and no other person ("Russian President Vladimir Putin" is a person, not a role)."""
    if any(t.ent_type_ == "PERSON" for t in phrase) or len(phrase) > 30:
        return False
    return bool(_role_noun_pattern().search(phrase.text))


def _clean_role(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    return re.sub(r"^(?:the|The)\s+", "", text)


def _op_ed_author(
    body: str, blocks: list[Block], authors: list[str], raw_text: str, title: str | None, interview: bool
) -> SpeakerInfo | None:
    """An opinion piece speaks in its author's voice: a byline name, first-person narration outside quotations,
    and an opinion cue on the page ("op-ed", "opinion", "column", "The author is ...")."""
    if interview or not authors:
        return None
    narration = _outside_quotes(body)
    first_person = {m.start() for m in _first_person().finditer(narration)}
    sentences_with_i = {narration.rfind(". ", 0, i) for i in first_person}
    if len(sentences_with_i) < 2:
        return None
    page = "\n".join(x for x in (title or "", raw_text or "", body) if x)
    if not re.search(lexicon()["op_ed_cue"], page, re.IGNORECASE):
        return None
    return SpeakerInfo(authors[0], _author_bio(page, authors[0]), None, 0, "author")


@cache
def _first_person() -> re.Pattern[str]:
    words = sorted(lexicon()["first_person_singular"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def _outside_quotes(body: str) -> str:
    return re.sub(r"“[^“”]*”|\"[^\"\n]*\"|«[^«»]*»", " ", body)


def _author_bio(page: str, author: str) -> str | None:
    """'The author is a Baku-based transport policy analyst.' / 'NAME is a fellow at X.' -> the role."""
    surname = re.escape(author.split()[-1])
    m = re.search(rf"\b(?:The author|{surname})\s+is\s+((?:an?|the)\s+[^.\n]{{3,160}})", page)
    return m.group(1).strip() if m else None


def _is_addressee(body: str, start: int) -> bool:
    """'told NAME', 'said to NAME': the one spoken to (a journalist or an outlet), not a speaker."""
    return bool(re.search(r"\b(?:told|tells|said to)\s+(?:the\s+)?$", body[max(0, start - 20) : start]))


def _surname(name: str) -> str:
    parts = re.sub(r"[^\w\s-]", " ", name).split()
    return parts[-1].casefold() if parts else ""


def _lede_end(body: str, blocks: list[Block]) -> int:
    """The lede: the narrative blocks before the first question/answer, at least the first ~700 characters."""
    end = 0
    for block in blocks:
        if block.kind != "narrative":
            break
        end = block.end
        if end > 1500:
            break
    return max(end, min(len(body), 700))


def _sentence_around(body: str, start: int, end: int) -> str:
    left = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    right_candidates = [i for i in (body.find(". ", end), body.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(body)
    return body[left + 1 : right + 1]


def _has_interview_cue(sentence: str) -> bool:
    return bool(re.search(lexicon()["interview_cue"], sentence, re.IGNORECASE))


def is_speech_subject(body: str, start: int, end: int) -> bool:
    """NAME said / NAME, ROLE, said / NAME, for his part, has repeatedly said / according to NAME / said NAME."""
    after = body[end : end + 160]
    before = body[max(0, start - 40) : start]
    verbs = _speech_verbs()
    if re.match(
        rf"\s*(?:\([^)]*\)\s*)?(?:,[^.;:!?]{{0,120}}?,\s*|,\s*|\s+(?:of|from|at|with)\s+[^,.;:!?\"“]{{0,80}}?\s+)?"
        rf"(?:has |had |also |then |\w+ly )*(?:{verbs})\b",
        after,
    ):
        return True
    if re.search(r"according to\s+$", before, re.IGNORECASE):
        return True
    return bool(re.search(rf"\b(?:{verbs})\s+$", before))


_ROLE_CUT = re.compile(
    r"(?:\binterview(?:s|ed)?\s+(?:with|of)\b|\btalks? to\b|\bconversation with\b|\bpresents?\b|\bwith\b|\bby\b"
    r"|[.;:!?\n()]|--|\s[-–—]\s|\bthat\b|\bwhile\b|\bsaid\b|\bsays\b|\band\b(?=\s+(?-i:[A-Z]))|,\s*(?=[a-z]*\s))",
    re.IGNORECASE,
)


_APPOSITION = re.compile(
    r"\s*(?:\(([^)]{2,40})\))?\s*,\s*([^.;:!?\n]{3,200}?)"  # "NAME (Country), ROLE"
    r"(?=\s+(?:in an interview|said|says|told|noted)\b|[.;!?\n]|,\s+(?:said|says|told|noted)\b|$)"
)


# "NAME, a political scientist at X, the corridor remains ...": the role ends where a new clause begins.
_CLAUSE_AFTER_ROLE = re.compile(r",\s+(?=(?:the|this|these|those|it|we|he|she|they|there|in|on|at|that)\s)")


def _role(body: str, start: int, end: int, persons: list | None = None) -> str | None:
    """The role stated next to a name: an apposition after it, or a title phrase before it."""
    after = body[end : end + 220]
    m = _APPOSITION.match(after)
    if m and not re.match(r"\s*(?:who|which|said|says)\b", m.group(2)):
        role = _CLAUSE_AFTER_ROLE.split(m.group(2))[0].strip(" ,")
        role_end = end + m.start(2) + len(role)
        names_another = any(end < p.start < role_end for p in persons or [])
        if names_another or not _role_noun_pattern().search(role):
            return _role_before(body, start)
        nationality = m.group(1)
        if nationality and not re.search(re.escape(nationality), role):
            role = f"{role} ({nationality})"
        return role
    return _role_before(body, start)


def _role_before(body: str, start: int) -> str | None:
    """'Analyst NAME', 'President of Uzbekistan NAME', 'ROLE NAME stressed ...': the title phrase before a name."""
    before = body[max(0, start - 200) : start]
    cuts = list(_ROLE_CUT.finditer(before))
    phrase = before[cuts[-1].end() :] if cuts else before
    phrase = re.sub(r"^\s*(?:the|a|an|At the same time,?)\s+", "", phrase.strip(" ,"), flags=re.IGNORECASE)
    if _role_noun_pattern().search(phrase) and len(phrase.split()) <= 25:
        return phrase.strip()
    return None


# ----- attribution ------------------------------------------------------------------------------------------------
def _quotes(body: str) -> list[Span]:
    """Spans of quotations long enough to be speech. Quote marks are paired in order first, so a scare-quoted term
    ('the "multi-vector" policy') is skipped without its closing mark opening a false quotation."""
    spans = []
    for m in re.finditer(r"“[^“”]*”|\"[^\"\n]*\"|«[^«»]*»", body):
        if len(m.group()) >= 22 and len(m.group().split()) >= 6:
            spans.append((m.start(), m.end()))
    return spans


def attribute(
    body: str,
    sentences: list[tuple[int, int]],
    blocks: list[Block],
    speakers: list[SpeakerInfo],
    interview: bool,
) -> dict[tuple[int, int], str | None]:
    """Each sentence's speaker: the interviewee for answers, the attributed person for quotes and reported speech,
    the author for an op-ed's own narration, else None."""
    main = speakers[0].name if speakers else None
    narrator = next((s.name for s in speakers if s.voice == "author"), None)
    quoted = [s for s in speakers if s.voice != "author"]
    # An "interview" with no answer turns is a report quoting its experts: its narration is the journalist's.
    interview = interview and any(b.kind == "answer" for b in blocks)
    if interview:
        quotes = [(s, e, _quote_owner(body, s, e, blocks, speakers, main)) for s, e in _quotes(body)]
    else:
        quotes = _narrative_quote_owners(body, blocks, quoted)
    result: dict[tuple[int, int], str | None] = {}
    block_index = 0
    for start, end in sentences:
        while block_index < len(blocks) - 1 and blocks[block_index].end <= start:
            block_index += 1
        block = blocks[block_index] if blocks else None
        if block is not None and block.kind == "question":
            speaker = None
        elif block is not None and block.kind == "answer":
            speaker = main
        else:
            in_quote = [o for qs, qe, o in quotes if qs <= start < qe or qs < end <= qe]
            if in_quote:
                speaker = in_quote[0]
            elif interview:
                speaker = _reported_speaker(body[start:end], speakers)
            else:
                speaker = _narrative_reported_speaker(body, start, end, quoted) or narrator
        result[(start, end)] = speaker
    return result


def _block_of(blocks: list[Block], position: int) -> Block | None:
    return next((b for b in blocks if b.start <= position < b.end), None)


def _quote_owner(
    body: str, start: int, end: int, blocks: list[Block], speakers: list[SpeakerInfo], main: str | None
) -> str | None:
    """In an interview: the speaker named next to the quote, else the interviewee."""
    block = _block_of(blocks, start)
    if block is not None and block.kind == "question":
        return None
    tail = body[end : end + 120]
    head = body[max(0, start - 120) : start]
    for text in (tail, head):
        named = _named_speaker(text, speakers)
        if named:
            return named
    return main


def _narrative_quote_owners(
    body: str, blocks: list[Block], speakers: list[SpeakerInfo]
) -> list[tuple[int, int, str | None]]:
    """Quotes of a news report or long-read: the speaker its attribution clause names; a quote opening a paragraph
    with no attribution continues the previous quote's speaker; an unnamed source ('the diplomat said') is None."""
    owned: list[tuple[int, int, str | None]] = []
    previous: str | None = None
    for start, end in _quotes(body):
        block = _block_of(blocks, start)
        if block is not None and block.kind == "question":
            owned.append((start, end, None))
            continue
        found, owner = _attribution(body, start, end, speakers)
        if not found and previous is not None and _continues_previous(body, start, owned):
            owner = previous
        owned.append((start, end, owner))
        previous = owner
    return owned


def _continues_previous(body: str, start: int, owned: list[tuple[int, int, str | None]]) -> bool:
    """A quote with no attribution of its own continues the previous one when it is in the same paragraph ('"...,"
    said NAME, ROLE. "..."'), or opens the next paragraph right after a paragraph that ended in that quote."""
    if not owned:
        return False
    gap = body[owned[-1][1] : start]
    if "\n" not in gap:
        return True
    previous_paragraph_tail = gap.split("\n")[0]
    opens_paragraph = not gap.split("\n")[-1].strip()
    return opens_paragraph and len(previous_paragraph_tail.split()) <= 25


def _attribution(body: str, start: int, end: int, speakers: list[SpeakerInfo]) -> tuple[bool, str | None]:
    """(found an attribution, its speaker) from the clause right after the quote, else the one right before it."""
    tail = re.split(r"(?<=[.!?])\s|\n", body[end : end + 160], maxsplit=1)[0]
    head = re.split(r"[.!?]\s|\n", body[max(0, start - 160) : start])[-1]
    for clause in (tail, head):
        found, owner = _clause_speaker(clause, start, body, speakers)
        if found:
            return True, owner
    return False, None


def _clause_speaker(clause: str, position: int, body: str, speakers: list[SpeakerInfo]) -> tuple[bool, str | None]:
    """'said NAME, ROLE' -> NAME; 'he said' -> the speaker named last; 'the diplomat said' -> None (unnamed)."""
    forms = _speech_forms()
    has_cue = re.search(rf"\b(?:{forms})\b|according to|\b(?:{_view_nouns()})\b", clause, re.IGNORECASE)
    if not has_cue:
        return False, None
    named = _named_speaker(clause, speakers)
    if named:
        return True, named
    if re.search(rf"\b(?:he|she)\b|according to (?:him|her)\b|\b(?:his|her) (?:{_view_nouns()})\b", clause, re.I):
        return True, _last_named(body, position, speakers)
    if re.search(rf"\b(?:the|a|an)\s+[\w\s-]{{0,40}}?(?:{_role_nouns()}|source|officials?)\b", clause, re.I):
        return True, _speaker_with_role(clause, speakers)
    return False, None


def _named_speaker(text: str, speakers: list[SpeakerInfo]) -> str | None:
    for speaker in speakers:
        surname = speaker.name.split()[-1]
        if re.search(rf"\b{re.escape(surname)}\b", text):
            return speaker.name
    return None


def _last_named(body: str, position: int, speakers: list[SpeakerInfo]) -> str | None:
    """The speaker mentioned last before a position: who 'he' or 'she' most likely is."""
    best, best_start = None, -1
    for speaker in speakers:
        for start, _ in speaker.mentions:
            if best_start < start < position:
                best, best_start = speaker.name, start
    return best


def _speaker_with_role(clause: str, speakers: list[SpeakerInfo]) -> str | None:
    """'..., the economist said': the one speaker whose role has that noun; an unnamed source otherwise."""
    nouns = {m.group().casefold() for m in _role_noun_pattern().finditer(clause)}
    matching = [
        s for s in speakers if s.role and nouns & {m.group().casefold() for m in _role_noun_pattern().finditer(s.role)}
    ]
    return matching[0].name if len(matching) == 1 else None


def _narrative_reported_speaker(body: str, start: int, end: int, speakers: list[SpeakerInfo]) -> str | None:
    """Reported speech outside quotes: a speaker in a speaker position in the sentence ('NAME believes that',
    'According to NAME'), else a pronoun cue ('In his view', 'she argued') -> the speaker named last."""
    for speaker in speakers:
        if any(start <= s < end for s, _ in speaker.said_at):
            return speaker.name
    sentence = body[start:end]
    forms = _speech_forms()
    pronoun_cue = re.search(
        rf"\baccording to (?:him|her)\b|\bin (?:his|her) (?:{_view_nouns()})\b"
        rf"|\b(?:he|she)\s+(?:has |had |also |\w+ly )*(?:{forms})\b|\b(?:{forms}),?\s+(?:he|she)\b",
        sentence,
        re.IGNORECASE,
    )
    if pronoun_cue:
        return _last_named(body, start, speakers)
    role_cue = re.search(
        rf"\baccording to the [\w\s-]{{0,30}}?(?:{_role_nouns()})\b|\bthe [\w\s-]{{0,30}}?(?:{_role_nouns()})\s+"
        rf"(?:{forms})\b",
        sentence,
        re.IGNORECASE,
    )
    return _speaker_with_role(role_cue.group(), speakers) if role_cue else None


def _reported_speaker(sentence: str, speakers: list[SpeakerInfo]) -> str | None:
    """In an interview's narration: 'According to him, ...', 'NAME is convinced that ...', '..., he says, ...'."""
    if not speakers:
        return None
    verbs = _speech_verbs()
    named = _named_speaker(sentence, speakers)
    cue = re.search(
        rf"\baccording to (?:{_PRONOUN_REF}|the [\w\s-]{{0,30}}?(?:{_role_nouns()})|[A-Z][\w-]+)"
        rf"|\b(?:{_PRONOUN_REF}|[A-Z][\w-]+|the [\w\s-]{{0,30}}?(?:{_role_nouns()}))\s+(?:is convinced|believes|thinks|"
        rf"(?:{verbs}))\b",
        sentence,
        re.IGNORECASE,
    )
    if not cue:
        return None
    return named or speakers[0].name
