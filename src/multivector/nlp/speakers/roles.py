"""Roles: the short role or affiliation the text states for a person.

Read from the parse first ("NAME, a senior analyst at X, said"; "The Bank's Regional Director, NAME,"; "Deputy
Minister of X NAME"), then from the text (an apposition after the name, a title phrase before it). A catalogue
person with no role in the text, or only a bare title ("President"), gets the catalogue's role.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from multivector.data.catalogue import Catalogue
from multivector.nlp.model import doc_text
from multivector.nlp.speakers.cues import role_noun_pattern, role_synonyms
from multivector.nlp.speakers.positions import name_tokens, token_at
from multivector.nlp.speakers.types import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token


def roles(body: str, persons: list, parsed: Parsed, catalogue: Catalogue) -> dict[str, str | None]:
    """Each person's role, stated next to the fullest (usually the first) mention."""
    found: dict[str, str | None] = {}
    for person in persons:
        if found.get(person.canonical) is None:
            at = token_at(parsed, person.start, person.end)
            role = _parse_role(at[0]) if at is not None else None
            found[person.canonical] = role or text_role(body, person.start, person.end, persons)
    for name, role in found.items():
        known = catalogue.person(name)
        if known is not None and known.role and (role is None or _bare_title(role)):
            found[name] = known.role
    return found


def _bare_title(role: str) -> bool:
    return len(role.split()) <= 3 and not re.search(r"\b(?:of|at|for|in)\b", role)


def _parse_role(token: Token) -> str | None:
    """'NAME, a senior analyst at X, said' (apposition after the name) or 'The Bank's Regional Director, NAME,'
    (the name in apposition to a role) or 'Deputy Minister of X NAME' (a title phrase modifying the name)."""
    doc = token.doc
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i:
            phrase = doc[child.left_edge.i : child.right_edge.i + 1]
            if _role_like(phrase):
                return _clean_role(phrase.text + _place_after(doc_text(doc)[phrase.end_char :]))
    if token.dep_ == "appos" and token.head.i < token.i:
        head = token.head
        phrase = doc[head.left_edge.i : name_tokens(token)[0].i]
        if _role_like(phrase):
            nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN") and role_noun_pattern().fullmatch(t.text)]
            if nouns and not role_noun_pattern().fullmatch(head.text):
                # "The first trip of the new head of state, NAME": the role starts where its noun phrase does
                phrase = doc[nouns[0].left_edge.i : phrase.end]
            return _clean_role(phrase.text)
    name_start = name_tokens(token)[0].i
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i < token.i:
        # "Foreign Minister of Hungary NAME": the parser hangs the name on "of" and the country on the name
        phrase = doc[token.head.head.left_edge.i : name_start]
        if _role_like(phrase) and role_noun_pattern().fullmatch(token.head.head.text):
            return _clean_role(phrase.text)
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
    return bool(role_noun_pattern().search(phrase.text))


def _clean_role(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    return re.sub(r"^(?:the|The)\s+", "", text)


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


def text_role(body: str, start: int, end: int, persons: list | None = None) -> str | None:
    """The role stated next to a name: an apposition after it, or a title phrase before it."""
    after = body[end : end + 220]
    m = _APPOSITION.match(after)
    if m and not re.match(r"\s*(?:who|which|said|says)\b", m.group(2)):
        role = _CLAUSE_AFTER_ROLE.split(m.group(2))[0].strip(" ,")
        role_end = end + m.start(2) + len(role)
        names_another = any(end < p.start < role_end for p in persons or [])
        if names_another or not role_noun_pattern().search(role):
            return role_before(body, start, persons)
        nationality = m.group(1)
        if nationality and not re.search(re.escape(nationality), role):
            role = f"{role} ({nationality})"
        return role
    return role_before(body, start, persons)


def role_before(body: str, start: int, persons: list | None = None) -> str | None:
    """'Analyst NAME', 'President of Uzbekistan NAME', 'ROLE NAME stressed ...': the title phrase before a name, after
    any other person named before it ("President NAME received Foreign Minister of X NAME2": NAME2's role starts
    after NAME)."""
    window = max(0, start - 200, *(p.end for p in persons or [] if p.end <= start))
    before = body[window:start]
    cuts = list(_ROLE_CUT.finditer(before))
    phrase = before[cuts[-1].end() :] if cuts else before
    phrase = re.sub(r"^\s*(?:the|a|an|At the same time,?)\s+", "", phrase.strip(" ,"), flags=re.IGNORECASE)
    if role_noun_pattern().search(phrase) and len(phrase.split()) <= 25:
        return phrase.strip()
    return None


def same_role(role_phrase: str, role: str | None) -> bool:
    """Whether a role phrase ('the economist', 'the head of state') names the role a speaker holds ('President of
    Kazakhstan'), the role's synonyms included."""
    if not role:
        return False
    wanted = _role_words(role_phrase)
    wanted |= {s for w in wanted for s in role_synonyms().get(w, ())}
    return bool(wanted & _role_words(role))


def _role_words(text: str) -> set[str]:
    """Every role noun in a phrase, the shorter ones inside a longer one included ('prime minister' -> 'minister')."""
    found = {m.group().casefold() for m in role_noun_pattern().finditer(text)}
    for role in list(found):
        found |= {m.group().casefold() for m in role_noun_pattern().finditer(role[1:])}
        found |= {w for w in role.split() if role_noun_pattern().fullmatch(w)}
    return found
