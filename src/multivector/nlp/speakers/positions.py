"""Speaker positions: where a name stands when its bearer speaks.

Read from the parse (``speech_slots``, ``in_speaker_position``): the subject of a speech verb ("NAME said"), of a
verb of belief with a clause ("NAME believes that ..."), of an opinion adjective ("NAME, ROLE, is sceptical"),
"according to NAME", "cited by NAME", "in NAME's view", and a name in apposition to or coordinated with such a
subject ("The director, NAME, said"; "NAME and NAME agreed"). Read from the text (``is_speech_subject``) for what
the parse gets wrong: "NAME, ROLE, said", '"...," said NAME', "according to NAME".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from multivector.data.catalogue import PERSON_TITLES
from multivector.nlp.actors import GOVERNMENT_HEADS, ORG_HEADS, PROJECT_HEADS, ROLE_WORDS
from multivector.nlp.model import doc_text
from multivector.nlp.speakers import cues
from multivector.nlp.speakers.types import Parsed, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

NOT_NAME_WORDS = ROLE_WORDS | ORG_HEADS | GOVERNMENT_HEADS | PROJECT_HEADS


def speech_slots(parsed: Parsed) -> list[Span]:
    """Body spans of names in a speaker position: subject of a speech verb, 'according to NAME', 'NAME's view'..."""
    import numpy
    from spacy.attrs import POS
    from spacy.parts_of_speech import PROPN

    spans = []
    for offset, doc in parsed:
        for i in numpy.flatnonzero(doc.to_array(POS) == PROPN):  # no Token object for every other word
            token = doc[int(i)]
            if in_speaker_position(token):
                name = name_tokens(token)
                spans.append((name[0].idx + offset, token.idx + len(token.text) + offset))
    return spans


def in_speaker_position(token: Token, depth: int = 0) -> bool:
    head, dep = token.head, token.dep_
    if dep == "nsubj" and is_speech_verb(head):
        return True
    if dep == "nsubj" and any(_shares_subject(c) and is_speech_verb(c) for c in head.children):
        return True  # "NAME conveyed greetings and expressed gratitude": the second verb is speech
    if dep == "nsubj" and head.lemma_ == "be" and any(_is_opinion_adjective(c) for c in head.children):
        return True  # "NAME, ROLE, is sceptical"
    if dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if dep == "pobj" and head.dep_ == "agent":
        return _passive_speech(head.head)  # "cited by NAME as proof", "it was stated by NAME that"
    if dep == "nsubjpass" and (head.lemma_.lower() in cues.passive_speech_lemmas() or _reported_to_say(head)):
        return True  # "NAME was quoted as saying", "NAME is reported to have said"
    if dep == "poss" and (head.lower_ in cues.view_noun_set() or head.lower_ in cues.speech_noun_set()):
        return True  # "in NAME's view", "in NAME's words", "NAME's remarks"
    if dep == "pobj" and head.lower_ == "by" and head.head.lower_ in cues.speech_noun_set():
        return True  # "according to a statement by NAME", "in an article by NAME"
    if dep in ("appos", "conj") and depth < 2 and head is not token:
        if in_speaker_position(head, depth + 1):
            return True  # "The director, NAME, said"; "NAME and NAME agreed"
        role = head.head.head
        if dep == "appos" and head.dep_ == "pobj" and head.head.lower_ == "of" and _is_role_noun(role):
            # "the head of X, NAME, said": the parser hangs the name on X, the role's complement
            return in_speaker_position(role, depth + 1)
    return False


def is_speech_verb(verb: Token) -> bool:
    """A verb of saying ('said', 'described X as'), or of believing when a clause says what ('believes that ...',
    'agreed that ...', 'called the rift "a tragedy"', 'called on X'): 'Putin called Tokayev' or 'the leaders agreed
    to build' report no view; 'declared that ...' is speech, 'declared a state of emergency' an act."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # "has not commented", "did not say": no words to attribute
    if lemma in cues.speech_lemmas():
        return True
    if lemma in cues.phrasal_speech():  # "as NAME put it", "NAME made it clear that"
        near = {c.lower_ for c in verb.children} | {g.lower_ for c in verb.children for g in c.children}
        if any(words <= near for words in cues.phrasal_speech()[lemma]):
            return True
    if lemma in cues.clause_speech_lemmas():  # a clause with a verb, or quoted words: not "promised to visit"
        return any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") or _quotes_words(c) for c in verb.children)
    if lemma not in cues.belief_lemmas():
        return False
    return any(c.dep_ in ("ccomp", "oprd") or _calls_on(c) for c in verb.children)


def _quotes_words(child: Token) -> bool:
    """An object in quotation marks ('promised Tashkent "new markets"'): the words themselves are reported."""
    return child.dep_ in ("dobj", "dative", "oprd", "attr") and any(t.is_quote for t in child.subtree)


def _shares_subject(verb: Token) -> bool:
    """A verb conjoined to another that has no subject of its own, so shares the first one's."""
    return verb.dep_ == "conj" and verb.pos_ == "VERB" and not any(c.dep_.startswith("nsubj") for c in verb.children)


def _passive_speech(verb: Token) -> bool:
    """A passive of saying names its speaker with 'by' when it reports words ('cited by NAME', 'it was stated by NAME
    that ...'); 'the plan proposed by NAME' or 'a visit initiated by NAME' reports an act."""
    if verb.lemma_.lower() in cues.passive_speech_lemmas():
        return True
    return is_speech_verb(verb) and any(c.dep_ == "ccomp" for c in verb.children)


def _reported_to_say(verb: Token) -> bool:
    return any(c.dep_ == "xcomp" and is_speech_verb(c) for c in verb.children)


def _calls_on(child: Token) -> bool:
    """'called on the government' (an appeal), not 'called him on Monday' (a date). ('called for reform' reports a
    policy more than words: no speaker by itself.)"""
    if child.lower_ != "on" or child.dep_ not in ("prt", "prep"):
        return False
    return not any(g.ent_type_ in ("DATE", "TIME") for g in child.children)


def _is_opinion_adjective(token: Token) -> bool:
    return token.dep_ == "acomp" and token.lower_ in cues.opinion_adjectives()


def name_tokens(token: Token) -> list[Token]:
    """The surname token and the first names compounded to its left ("Temir" + "Usenov"), titles and places
    excluded ("Minister of Hungary NAME")."""
    doc, parts = token.doc, [token]
    i = token.i - 1
    while i >= 0 and doc[i].head.i == token.i and doc[i].dep_ == "compound" and _is_personal_name(doc[i]):
        parts.insert(0, doc[i])
        i -= 1
    return parts


def is_name_word(token: Token) -> bool:
    text = token.text
    return (
        token.pos_ == "PROPN"
        and text[:1].isupper()
        and not (text.isupper() and len(text) > 1)
        and re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text) is not None
        and text not in NOT_NAME_WORDS
        and text.casefold() not in PERSON_TITLES
    )


def is_speech_subject(body: str, start: int, end: int) -> bool:
    """NAME said / NAME, ROLE, said / NAME, for his part, has repeatedly said / according to NAME / said NAME."""
    after = body[end : end + 160]
    before = body[max(0, start - 40) : start]
    verbs = cues.subject_speech_verbs()
    if re.match(
        rf"\s*(?:\([^)]*\)\s*)?(?:,[^.;:!?]{{0,120}}?,\s*|,\s*|\s+(?:of|from|at|with)\s+[^,.;:!?\"“]{{0,80}}?\s+)?"
        rf"(?:has |had |also |then |\w+ly )*(?:{verbs})\b",
        after,
    ):
        return True
    if re.search(r"according to\s+$", before, re.IGNORECASE):
        return True
    return bool(re.search(rf"\b(?:{cues.speech_verbs()})\s+$", before))


def _is_role_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and cues.role_noun_pattern().fullmatch(token.text) is not None


def token_at(parsed: Parsed, start: int, end: int) -> tuple[Token, int] | None:
    """The last token of a body span (a name's surname) and the offset of the chunk that holds it."""
    for offset, doc in parsed:
        # not len(doc.text): Doc.text joins every token on each access
        if len(doc) and offset <= start and end <= offset + doc[-1].idx + len(doc[-1].text_with_ws):
            span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            return (span[-1], offset) if span is not None and len(span) else None
    return None


def role_slots(parsed: Parsed) -> list[tuple[Span, str]]:
    """'The President said', 'according to the minister', 'the head of state noted': a definite role noun in a speaker
    position, with no name of its own; (its body span, the role phrase)."""
    found = []
    for offset, doc in parsed:
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children
            ):
                continue
            phrase, end = _role_phrase(token)
            if phrase is None:
                continue
            if any(c.dep_ in ("compound", "appos") and _is_personal_name(c) for c in token.children):
                continue  # "the President, NAME, said": the name itself is the speaker
            if in_speaker_position(token):
                lefts = [c for c in token.lefts if c.dep_ in ("compound", "amod")]
                start = lefts[0].idx if lefts else token.idx  # "the Kyrgyz leader": the nationality tells whose
                found.append(((start + offset, end + offset), doc_text(token.doc)[start:end]))
    return found


def _role_phrase(token: Token) -> tuple[str | None, int]:
    """'head of state' (the noun with its 'of' complement when the whole is a role), or the role noun alone."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                phrase = f"{token.text} of {obj.text}"
                if obj.dep_ == "pobj" and cues.role_noun_pattern().fullmatch(phrase):
                    return phrase, obj.idx + len(obj.text)
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod")]
    for first in [*modifiers, token]:  # "the Prime Minister", "the top diplomat", else "the minister"
        phrase = token.doc[first.i : token.i + 1].text
        if cues.role_noun_pattern().fullmatch(phrase):
            return phrase, token.idx + len(token.text)
    return None, 0


def _is_personal_name(token: Token) -> bool:
    """A name word that is no nationality or place ("the Kyrgyz leader" has no name of its own)."""
    return is_name_word(token) and token.ent_type_ not in ("NORP", "GPE", "LOC")
