"""The actor catalogue: every state, organisation, bloc, project, armed group and company multivector knows by name.

Contract:
- The data lives in ``multivector/data/actors/*.json`` (one list of entries per kind) and
  ``multivector/data/people.json``; this module only loads and indexes it. ``Catalogue.default()`` loads the
  shipped data once per process.
- Every entry has a canonical ``id`` (ISO 3166-1 alpha-3 for states, the common English acronym for
  organisations, UPPER_SNAKE otherwise, as in the gold schema) and the surface forms users write: names and
  aliases, acronyms, demonyms and capitals/government metonyms.
- ``ruler_patterns()`` turns every surface form into a spaCy EntityRuler token pattern whose ``id`` is the actor
  id (for people: the canonical full name, with label PERSON). Case rule: a token that contains a capital letter
  matches exactly (ORTH), so "US" never matches "us", "Turkey" never matches "turkey" and "the West" never matches
  "the west"; an all-lowercase token ("the", "countries") matches any case (LOWER). Each form also gets variants
  without diacritics ("Türkiye" -> "Turkiye"), with a curly apostrophe and with the hyphen written as a space
  or an en dash.
- Alias clashes: one surface form belongs to exactly one actor. When two entries list the same form, the entry
  loaded first wins (load order: states, entities, organisations, blocs, projects, groups, companies, places) and
  the clash is recorded in ``Catalogue.clashes`` (the tests keep that list empty). Person aliases follow the same
  rule in file order, so a bare surname goes to the first-listed (current) office holder.
- Entries of kind ``place`` are not actors: they exist so that longer place names win over the actor names inside
  them ("West Africa" is not the West, "Latin American" is not the United States).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

#: Load order of the data files; earlier files win alias clashes.
ACTOR_FILES = (
    "states.json",
    "entities.json",
    "organisations.json",
    "blocs.json",
    "projects.json",
    "groups.json",
    "companies.json",
    "places.json",
)

#: Default kind per file, used when an entry does not state its own.
FILE_KIND = {
    "states.json": "state",
    "entities.json": "entity",
    "organisations.json": "organisation",
    "blocs.json": "bloc",
    "projects.json": "project",
    "groups.json": "group",
    "companies.json": "company",
    "places.json": "place",
}

#: spaCy entity label per actor kind, so downstream code reading doc.ents sees familiar labels.
KIND_LABEL = {
    "state": "GPE",
    "entity": "GPE",
    "organisation": "ORG",
    "company": "ORG",
    "group": "ORG",
    "bloc": "LOC",
    "place": "LOC",
    "project": "FAC",
}

#: Titles stripped from the front of a person's name before looking it up.
PERSON_TITLES = frozenset(
    "president prime minister pm premier chancellor king queen prince crown sheikh emir ayatollah chairman "
    "foreign defence defense secretary general gen mr mrs ms dr prof professor "
    "ambassador senator deputy vice first former late head leader spokesman spokeswoman comrade "
    "mister madam sir".split()
)

VIA_KINDS = ("name", "alias", "acronym", "capital", "demonym")


@dataclass(frozen=True)
class Entry:
    """One actor of the catalogue."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]  # every surface form: names, acronyms, capitals, demonyms
    members: frozenset[str] = frozenset()
    observers: frozenset[str] = frozenset()
    has_member_list: bool = False
    un_member: bool = False
    acronyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    historical: bool = False  # a state that no longer exists (the Soviet Union)


@dataclass(frozen=True)
class PersonEntry:
    """A well-known person: canonical full name, the other ways texts write it, role and country (ISO3 or org id)."""

    name: str
    aliases: tuple[str, ...]
    role: str | None = None
    country: str | None = None


@lru_cache(maxsize=1 << 16)  # pure and called for every mention and person name: the same words recur
def fold(text: str) -> str:
    """Case-, diacritic-, article-, apostrophe-, hyphen- and space-insensitive key used to look surface forms up."""
    text = re.sub(r"^the\s+(?=\S)", "", unicodedata.normalize("NFKD", text.strip()), flags=re.IGNORECASE)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘`]s\b", "", text)  # possessive
    return re.sub(r"[^\w+]+|_", "", text)  # keep "+": "OPEC+" is not "OPEC"


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def surface_variants(form: str) -> list[str]:
    """The spellings of one form that texts actually use: as written, without diacritics, other apostrophes/dashes."""
    # A leading article is left out of the pattern: with it, "the West" in "the West Bank" would start earlier than
    # the longer place name and win.
    form = re.sub(r"^the\s+(?=\S)", "", form) if " " in form else form
    variants = [form, ascii_fold(form)]
    for v in list(variants):
        if "'" in v:
            variants.append(v.replace("'", "’"))
        if re.search(r"\w-\w", v):
            variants.append(v.replace("-", "–"))
            variants.append(v.replace("-", " "))
    seen: set[str] = set()
    return [v for v in variants if v and not (v in seen or seen.add(v))]


@cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def token_pattern(form: str) -> list[dict[str, str]]:
    """Capitalised tokens match exactly (names, acronyms); all-lowercase tokens match in any case."""
    pattern = []
    for token in _tokenizer()(form):
        text = token.text
        if any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
            pattern.append({"ORTH": text})
        else:
            pattern.append({"LOWER": text})
    return pattern


def _entry_from_json(raw: dict[str, Any], default_kind: str, un_ids: frozenset[str]) -> Entry:
    names = list(raw.get("names", []))
    name = raw.get("name") or (names[0] if names else raw["id"])
    acronyms = tuple(raw.get("acronyms", []))
    capitals = tuple(raw.get("capitals", []))
    demonyms = tuple(raw.get("demonyms", []))
    forms = [name, *names, *acronyms, *capitals, *demonyms]
    aliases = tuple(dict.fromkeys(f for f in forms if f))
    members = raw.get("members")
    if members == "@UN":  # the UN's member list is the list of UN member states
        members = sorted(un_ids)
    return Entry(
        id=raw["id"],
        name=name,
        kind=raw.get("kind", default_kind),
        aliases=aliases,
        members=frozenset(members or ()),
        observers=frozenset(raw.get("observers", ())),
        has_member_list=members is not None,
        un_member=bool(raw.get("un_member", False)),
        acronyms=acronyms,
        capitals=capitals,
        demonyms=demonyms,
        historical=bool(raw.get("historical", False)),
    )


def _read_json(name: str) -> Any:
    return json.loads(resources.files("multivector.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass
class Catalogue:
    entries: dict[str, Entry]
    people: list[PersonEntry]
    clashes: list[tuple[str, str, str]] = field(default_factory=list)  # (surface form, kept id, dropped id)
    _surface: dict[str, tuple[str, str]] = field(default_factory=dict)  # fold(form) -> (id, via)
    _person_index: dict[str, PersonEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index_surfaces()
        self._index_people()

    # ----- loading -------------------------------------------------------------------------------------------
    @classmethod
    def default(cls) -> Catalogue:
        """The shipped catalogue, loaded once per process."""
        return _default_catalogue()

    @classmethod
    def from_data(cls, files: dict[str, list[dict[str, Any]]], people: list[dict[str, Any]]) -> Catalogue:
        """Build from already-parsed data: ``files`` maps a file name of ACTOR_FILES to its list of entries."""
        un_ids = frozenset(raw["id"] for raw in files.get("states.json", []) if raw.get("un_member", False))
        entries: dict[str, Entry] = {}
        for file_name in ACTOR_FILES:
            for raw in files.get(file_name, []):
                entry = _entry_from_json(raw, FILE_KIND[file_name], un_ids)
                if entry.id in entries:
                    raise ValueError(f"duplicate actor id {entry.id} in {file_name}")
                entries[entry.id] = entry
        persons = [PersonEntry(p["name"], tuple(p.get("aliases", ())), p.get("role"), p.get("country")) for p in people]
        return cls(entries=entries, people=persons)

    def _index_surfaces(self) -> None:
        for entry in self.entries.values():
            for form in entry.aliases:
                key = fold(form)
                if not key:
                    continue
                kept = self._surface.get(key)
                if kept is None:
                    self._surface[key] = (entry.id, self._via(entry, form))
                elif kept[0] != entry.id:
                    self.clashes.append((form, kept[0], entry.id))

    def _index_people(self) -> None:
        for person in self.people:
            for form in (person.name, *person.aliases):
                self._person_index.setdefault(fold(form), person)

    @staticmethod
    def _via(entry: Entry, form: str) -> str:
        if form in entry.acronyms:
            return "acronym"
        if form in entry.capitals:
            return "capital"
        if form in entry.demonyms:
            return "demonym"
        return "name" if form == entry.name else "alias"

    # ----- queries -------------------------------------------------------------------------------------------
    def get(self, actor_id: str) -> Entry | None:
        return self.entries.get(actor_id)

    def __iter__(self):
        return iter(self.entries.values())

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def members(self, org_id: str) -> frozenset[str] | None:
        """Current member states of an organisation; None when the catalogue has no member list for it."""
        entry = self.entries.get(org_id)
        return entry.members if entry is not None and entry.has_member_list else None

    def is_member(self, state_id: str, org_id: str) -> bool | None:
        """True/False against the member list; None when the catalogue cannot tell."""
        members = self.members(org_id)
        return None if members is None else state_id in members

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(actor id, via) for a surface form as written in a text, or None."""
        return self._surface.get(fold(text)) or self._surface.get(
            fold(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
        )

    def person(self, text: str) -> PersonEntry | None:
        """A known person from a name as written: "Putin", "President Putin", "Ilham Aliyev's" -> the entry."""
        person = self._person_index.get(fold(text))
        if person is None:
            stripped = strip_person_titles(text)
            if stripped != text:
                person = self._person_index.get(fold(stripped))
        return person

    # ----- spaCy patterns ------------------------------------------------------------------------------------
    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns for every surface form of every actor and person; ``id`` is the actor id."""
        patterns: list[dict[str, Any]] = []
        owner: dict[str, str] = {}
        for entry in self.entries.values():
            for form in entry.aliases:
                if self._surface.get(fold(form), (None,))[0] != entry.id:
                    continue  # a clash lost to an earlier entry
                for variant in surface_variants(form):
                    self._add_pattern(patterns, owner, KIND_LABEL.get(entry.kind, "ORG"), variant, entry.id)
        for person in self.people:
            for form in (person.name, *person.aliases):
                if self._person_index.get(fold(form)) is not person:
                    continue
                for variant in surface_variants(form):
                    self._add_pattern(patterns, owner, "PERSON", variant, person.name)
        return patterns

    @staticmethod
    def _add_pattern(patterns: list[dict], owner: dict[str, str], label: str, form: str, ident: str) -> None:
        pattern = token_pattern(form)
        key = json.dumps(pattern, ensure_ascii=False)
        if owner.setdefault(key, ident) != ident:
            return  # the same token pattern already belongs to an earlier actor
        patterns.append({"label": label, "pattern": pattern, "id": ident})


def strip_person_titles(text: str) -> str:
    """'President Putin' -> 'Putin'; 'Ilham Aliyev's' -> 'Ilham Aliyev'; keeps names that are only a title."""
    text = re.sub(r"\s*['’]s?$", "", text.strip())
    words = text.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


@cache
def _default_catalogue() -> Catalogue:
    files = {name: _read_json(f"actors/{name}") for name in ACTOR_FILES}
    return Catalogue.from_data(files, _read_json("people.json"))
