"""Persons: the NER's person mentions repaired with the parse, before anyone is asked whether they speak.

``complete_persons``: a name in a speaker position that the NER missed or cut ("Deputy Minister of X Temir Usenov
said") is added with its full name; a surname alone is linked to the full name the text writes for it (the text's
"Akmal Saidov" wins over a catalogue namesake); a one-word "person" that is never a speaker nor titled ("the port
of Aktau") is dropped; a well-known person's name is spelled as the text writes it (its fullest form).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from multivector.data.catalogue import PERSON_TITLES, Catalogue, fold
from multivector.nlp.actors import PersonMention
from multivector.nlp.lexicon import lexicon
from multivector.nlp.speakers.cues import role_noun_pattern
from multivector.nlp.speakers.interview import turn_label
from multivector.nlp.speakers.positions import (
    in_speaker_position,
    is_name_word,
    is_speech_subject,
    name_tokens,
    speech_slots,
    token_at,
)
from multivector.nlp.speakers.types import Parsed, Span, overlaps

if TYPE_CHECKING:
    from spacy.tokens import Token

_NON_NAME_LABELS = {"GPE", "LOC", "NORP", "FAC", "ORG", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE"}


@cache
def _title_before() -> re.Pattern[str]:
    """A title written right before a lone capitalised word makes it a person ("Mr Example", "President Doe")."""
    titles = sorted(lexicon()["titles_before_name"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(titles) + r")\.?\s+$")


def complete_persons(
    body: str, persons: list[PersonMention], parsed: Parsed, catalogue: Catalogue | None = None
) -> list[PersonMention]:
    """Person mentions repaired with the parse (see the module docstring); in text order."""
    catalogue = catalogue or Catalogue.default()
    slots = speech_slots(parsed)
    persons = _first_names_restored(_without_honorifics(_without_brackets(persons, body)), parsed, catalogue)
    merged = _merge_parsed_names(
        persons, _parsed_names(parsed, persons, catalogue) + _label_names(body, parsed, catalogue)
    )
    merged = _link_surnames(_every_occurrence(body, merged))
    merged = _drop_non_persons(body, merged, slots, catalogue)
    return _as_written(merged, catalogue)


def _without_brackets(persons: list[PersonMention], body: str) -> list[PersonMention]:
    """An editor's brackets cut a name ("[the President, Ilham] Aliyev"): the bracket is no part of the name, and a
    first name right before the surname's own mention is that person, not another."""
    kept: list[PersonMention] = []
    ordered = sorted(persons, key=lambda p: p.start)
    for i, person in enumerate(ordered):
        name = person.name.strip("[]() ")
        if name != person.name:
            following = ordered[i + 1] if i + 1 < len(ordered) else None
            if following and not body[person.end : following.start].strip("[]() ") and " " not in name:
                if following.canonical.split()[0] == name:
                    continue  # "Ilham] Aliyev": the surname's mention names the person
            offset = person.name.find(name)
            canonical = name if person.canonical == person.name else person.canonical
            person = PersonMention(name, canonical, person.start + offset, person.start + offset + len(name))
        kept.append(person)
    return kept


def _without_honorifics(persons: list[PersonMention]) -> list[PersonMention]:
    """'Mawlawi Abdul Kabir', 'H.E. Jane Doe' -> the name without the honorific, when a full name remains."""
    cleaned = []
    for person in persons:
        m = _honorific().match(person.name)
        rest = person.name[m.end() :] if m else ""
        if m and len(rest.split()) >= 2:
            canonical = person.canonical[m.end() :] if person.canonical == person.name else person.canonical
            person = replace(person, name=rest, canonical=canonical, start=person.start + m.end())
        cleaned.append(person)
    return cleaned


def _first_names_restored(persons: list[PersonMention], parsed: Parsed, catalogue: Catalogue) -> list[PersonMention]:
    """A surname the catalogue matched alone, written with first names the parse joins to it ("Akmal Saidov" when
    the catalogue knows another Saidov): the mention is the full name as written, linked to the catalogue only when
    the catalogue knows that full name."""
    restored = []
    for person in persons:
        found = token_at(parsed, person.start, person.end) if " " not in person.name else None
        if found is not None:
            token, offset = found
            name = name_tokens(token)
            if len(name) >= 2 and token.idx + offset + len(token.text) == person.end:
                text = " ".join(t.text for t in name)
                known = catalogue.person(text)
                person = PersonMention(text, known.name if known else text, name[0].idx + offset, person.end)
        restored.append(person)
    return restored


@cache
def _honorific() -> re.Pattern[str]:
    words = sorted(lexicon()["honorifics"], key=len, reverse=True)
    return re.compile(r"(?:(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s+|(?<=\.)))+")


def _parsed_names(parsed: Parsed, persons: list[PersonMention], catalogue: Catalogue) -> list[PersonMention]:
    """Names in speaker positions, as the parse delimits them: full names, or a known person's surname."""
    surnames = {fold(p.canonical.split()[-1]) for p in persons if len(p.canonical.split()) >= 2}
    found = []
    for offset, doc in parsed:
        for token in doc:
            if token.pos_ != "PROPN" or not is_name_word(token) or not in_speaker_position(token):
                continue
            name = name_tokens(token)
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


_LABEL_LINE = re.compile(
    r"^[ \t*•-]*((?:[A-Z][^\W\d_]+[ \t]+){1,3}[A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)?)(?=[ \t]*[,:(])", re.M
)


def _label_names(body: str, parsed: Parsed, catalogue: Catalogue) -> list[PersonMention]:
    """Names that label turns ("NAME: ..." lines of a round table, "NAME, ROLE:" over a quotation) the NER missed at
    the start of a line: every word a proper noun and no actor; taken when two or more lines are labelled so, or the
    NER marks the name as a person somewhere."""
    found = []
    for m in _LABEL_LINE.finditer(body):
        label = turn_label(body, m.start(1), m.end(1))
        if label is None or not _reads_as_speech(body[m.end(1) : label[1]]):
            continue
        located = token_at(parsed, m.start(1), m.end(1))
        if located is None:
            continue
        token, offset = located
        doc = token.doc
        span = doc.char_span(m.start(1) - offset, m.end(1) - offset, alignment_mode="expand")
        if span is None or not all(is_name_word(t) or t.text in "-'’" for t in span):
            continue
        if catalogue.lookup(m.group(1)) or any(catalogue.lookup(t.text) for t in span if t.text[:1].isupper()):
            continue
        found.append(
            (PersonMention(m.group(1), m.group(1), m.start(1), m.end(1)), any(t.ent_type_ == "PERSON" for t in span))
        )
    if len(found) >= 2:
        return [mention for mention, _ in found]
    return [mention for mention, is_person in found if is_person]


def _furniture_label(body: str, person: PersonMention) -> bool:
    """A 'name' opening its line before a colon and no sentence: a page label ("Photo Credit: Reuters")."""
    line_start = body.rfind("\n", 0, person.start) + 1
    line_end = body.find("\n", person.end)
    after = body[person.end : line_end if line_end != -1 else len(body)]
    if body[line_start : person.start].strip() or not after.lstrip().startswith(":"):
        return False
    rest = after.lstrip()[1:].strip()
    return bool(rest) and not _reads_as_speech(rest)


def _reads_as_speech(turn: str) -> bool:
    """A turn is speech, not page furniture ("Photo Credit: Reuters", "Read More: HEADLINE"): after the label it has
    a sentence of at least four words that ends as sentences do."""
    text = turn.split(":", 1)[-1].strip()
    return len(text.split()) >= 4 and text.rstrip(' "”»’').endswith((".", "!", "?", "…"))


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
            elif mention.start == name.start and name.end > mention.end and mention.canonical == mention.name:
                merged[i] = name  # the NER cut a three-part name short ("Bijan Namdar" + "Zanganeh")
    return sorted(merged, key=lambda p: p.start)


def _every_occurrence(body: str, persons: list[PersonMention]) -> list[PersonMention]:
    """A full name the NER found once is the same person wherever the text writes it again, but not inside a longer
    name ("the NAME Foundation")."""
    names = {p.name: p.canonical for p in persons if len(p.name.split()) >= 2}
    added = []
    for name, canonical in names.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", body):
            if re.match(r"\s+[A-Z]", body[m.end() : m.end() + 3]) or any(
                p.start < m.end() and m.start() < p.end for p in [*persons, *added]
            ):
                continue
            added.append(PersonMention(name, canonical, m.start(), m.end()))
    return sorted([*persons, *added], key=lambda p: p.start) if added else persons


def _link_surnames(persons: list[PersonMention]) -> list[PersonMention]:
    """A surname alone -> the full name with that surname used elsewhere in the text (before or after). A full name
    the text writes beats a catalogue namesake the surname alone was linked to."""
    written: dict[str, list[str]] = {}
    for person in persons:
        if len(person.name.split()) >= 2 and len(person.canonical.split()) >= 2:
            names = written.setdefault(fold(person.canonical.split()[-1]), [])
            if person.canonical not in names:
                names.append(person.canonical)
    full_names: dict[str, str] = {}
    for person in sorted(persons, key=lambda p: -len(p.canonical)):
        words = person.canonical.split()
        if len(words) >= 2:
            full_names.setdefault(fold(words[-1]), person.canonical)
    linked = []
    for person in persons:
        if " " not in person.canonical and fold(person.canonical) in full_names:
            person = replace(person, canonical=full_names[fold(person.canonical)])
        elif " " not in person.name and person.canonical.split():
            candidates = written.get(fold(person.canonical.split()[-1]), [])
            if candidates and person.canonical not in candidates:
                person = replace(person, canonical=candidates[0])
        linked.append(person)
    return linked


def _drop_non_persons(
    body: str, persons: list[PersonMention], slots: list[Span], catalogue: Catalogue
) -> list[PersonMention]:
    """A one-word 'person' that is never a speaker, never titled and unknown to the catalogue is a place or a
    company the NER took for a name ("the ports of Aktau and Kuryk", "the mining giant Kazatomprom")."""
    keep: set[str] = set()
    for person in persons:
        if " " not in person.canonical and _only_a_title(person.canonical):
            continue  # "Dear Mr. General": a form of address, no name
        if _furniture_label(body, person):
            continue  # "Photo Credit: Reuters"
        if (
            " " in person.canonical
            or catalogue.person(person.canonical) is not None
            or overlaps((person.start, person.end), slots)
            or _title_before().search(body[max(0, person.start - 30) : person.start])
            or is_speech_subject(body, person.start, person.end)
        ):
            keep.add(person.canonical)
    return [p for p in persons if p.canonical in keep]


def _only_a_title(word: str) -> bool:
    folded = word.casefold().rstrip(".")
    return folded in PERSON_TITLES or role_noun_pattern().fullmatch(word) is not None


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
