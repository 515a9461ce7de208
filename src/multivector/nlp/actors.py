"""Actor and person mentions in a parsed document (a spaCy Doc made by :func:`multivector.nlp.model.load_pipeline`).

Contract:
- ``actor_mentions(doc)`` returns, in text order, one :class:`ActorMention` per recognised mention of a catalogue
  actor (the actor ruler's entities: ``ent.ent_id_`` is the actor id), after disambiguation: bare words that are
  also common first names, surnames or US places ("Jordan Peterson", "George Washington", "Atlanta, Georgia",
  "Kanye West") are dropped. Places (kind ``place``) are only returned with ``include_places=True``.
- A mention that is a location, a date or part of another name is not an actor: a capital naming a document or an
  event ("the Minsk agreements", "the Astana International Forum"); a capital or a state that only says where
  someone or something is ("based in Prague", "a summit held in Canada", "the Centre for X in Warsaw"); the end of
  a historical state ("since the collapse of the Soviet Union"); a region in a post's title ("the EU Special
  Representative for Central Asia") or before a singular country noun ("this Central Asian country"); a demonym
  before a named company ("the French company Orano"); a demonym or region inside an organisation's name ("the
  Saudi Fund for Development", "the American University of Central Asia"). Word lists: data/actor_lexicon.json.
- Names the catalogue does not know are added by general rules, never by seed-specific strings:
  * an organisation acronym joined by a hyphen to another capitalised acronym ("OTS-URTA") is also a
    sub-organisation, id ``OTS_URTA``;
  * a capitalised name ending in a transport/energy head noun ("... Customs Corridor", "Lachin Corridor") or a
    proper name before a lower-case one ("the Galkynysh field", "the Aktau port") is a project, id UPPER_SNAKE of
    the name (``include_new_projects``); a route named by its ends may hold states or places ("the
    Turkmenistan–China gas pipeline"), a single place only when it is a port's town;
  * with ``include_ner_orgs=True``, institutional names ("X Institute for Strategic Studies", "... Expert
    Council") found by a head-noun rule, and spaCy ORG entities, become organisations with id UPPER_SNAKE of the
    name, or the acronym given right after them in parentheses. Government bodies ("Ministry of Foreign Affairs of
    the Republic of X", "State Department", "the National Assembly") are not separate actors: the state named in
    them is the mention. Events ("... Forum", "... Conference") and bodies of a catalogue organisation ("the CSTO
    Council of Foreign Ministers", "the Board of X") are no new organisations, and the actors named in them stay.
    A proper name in quotes after a generic name is part of it ('the Centre for Boundary Cooperation "Khorgos"').
- ``person_mentions(doc)`` returns PERSON entities cleaned of titles and possessives, dropping entities that are
  really actors ("Türkiye" mislabelled as a person). ``canonical`` is the catalogue's full name for well-known
  people ("Putin" -> "Vladimir Putin"), else the fullest form of the same person in the document ("Ormonbekov" ->
  the full name used earlier; first name + patronymic -> the full name with that first name), else the cleaned
  name itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from multivector.data.catalogue import Catalogue, fold, strip_person_titles
from multivector.nlp.model import doc_text


def _lexicon() -> dict[str, list[str]]:
    """The recogniser's word lists (data/actor_lexicon.json: one entry per line, with what each list is for)."""
    text = resources.files("multivector.data").joinpath("actor_lexicon.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


_WORDS = _lexicon()
AMBIGUOUS_WORDS = frozenset(_WORDS["ambiguous_words"])
US_STATE_CONTEXT = frozenset(_WORDS["us_state_context"])
ORG_HEADS = frozenset(_WORDS["org_heads"])
GOVERNMENT_HEADS = frozenset(_WORDS["government_heads"])
PROJECT_HEADS = frozenset(_WORDS["project_heads"])
LOWERCASE_PROJECT_HEADS = tuple(
    tuple(words.split()) for words in sorted(_WORDS["lowercase_project_heads"], key=lambda w: -len(w.split()))
)
_HEADS_BY_FIRST_WORD = {
    first: [words for words in LOWERCASE_PROJECT_HEADS if words[0] == first]
    for first in {words[0] for words in LOWERCASE_PROJECT_HEADS}
}
# "the National Bank", "the Central Bank of Uzbekistan": the state's own bank, not an actor of its own
_STATE_BANK = re.compile(r"(?:the\s+)?(?:National|Central|State)\s+Bank\b(?!\s+for\b)")
EVENT_HEADS = frozenset(w for words in _WORDS["event_heads"] for w in words.split())
ORG_BODY_HEADS = frozenset(_WORDS["org_body_heads"])
GOVERNMENT_BODIES = frozenset(_WORDS["government_bodies"])
DOCUMENT_HEADS = frozenset(_WORDS["document_heads"])
PLACE_CUES = tuple(tuple(words.split()) for words in _WORDS["place_cues"])
SINGULAR_STATE_NOUNS = frozenset(_WORDS["singular_state_nouns"])
END_OF_STATE_WORDS = frozenset(_WORDS["end_of_state_words"])
TITLE_WORDS = frozenset(_WORDS["title_words"])
COMPANY_NOUNS = frozenset(_WORDS["company_nouns"])
ROLE_WORDS = frozenset(_WORDS["role_words"])
NAME_CONNECTORS = frozenset(_WORDS["name_connectors"])
PATRONYMIC = re.compile(rf"({'|'.join(_WORDS['patronymic_endings'])})$", re.IGNORECASE)
SURNAME = re.compile(rf"({'|'.join(_WORDS['surname_endings'])})$")
OUTLET = re.compile(rf"\.({'|'.join(_WORDS['outlet_domains'])})\b", re.IGNORECASE)


@dataclass(frozen=True)
class ActorMention:
    id: str
    kind: str
    start: int  # character offsets in doc.text
    end: int
    text: str
    via: str  # name | alias | acronym | capital | demonym | ner | rule


@dataclass(frozen=True)
class PersonMention:
    name: str  # as written, titles and possessive removed
    canonical: str
    start: int
    end: int


# ----- actors -----------------------------------------------------------------------------------------------------
def actor_mentions(
    doc: Doc,
    *,
    include_ner_orgs: bool = True,
    include_new_projects: bool = True,
    include_places: bool = False,
    catalogue: Catalogue | None = None,
) -> list[ActorMention]:
    """Mentions of actors in ``doc``, in text order (see the module docstring for the rules)."""
    catalogue = catalogue or Catalogue.default()
    known = [ent for ent in doc.ents if ent.ent_id_ and ent.label_ != "PERSON" and catalogue.get(ent.ent_id_)]
    mentions: list[ActorMention] = []
    hidden: set[int] = set()  # start chars of catalogue mentions absorbed by an emitted organisation name
    runs = _capitalised_runs(doc)  # shared by the two rules below: one pass over the tokens
    if include_ner_orgs:
        for mention, inside in _unknown_organisations(doc, catalogue, known, runs):
            if mention is not None:
                mentions.append(mention)
            hidden.update(ent.start_char for ent in inside if _absorbed(ent, catalogue))
    for ent in known:
        entry = catalogue.get(ent.ent_id_)
        if ent.start_char in hidden or (entry.kind == "place" and not include_places):
            continue
        if not _plausible(ent):
            continue
        via = (catalogue.lookup(ent.text) or (None, "alias"))[1]
        if via == "capital" and _capital_as_place(ent):
            continue
        if via in {"name", "alias"} and entry.kind == "state" and _located(ent):
            continue
        if via == "demonym" and entry.kind == "bloc" and _names_one_state(ent):
            continue
        if (entry.historical and _as_a_date(ent)) or (entry.kind == "bloc" and _in_a_title(ent)):
            continue
        if via == "demonym" and _origin_of_a_company(ent):
            continue
        mentions.append(ActorMention(entry.id, entry.kind, ent.start_char, ent.end_char, ent.text, via))
    mentions.extend(_compound_acronyms(doc, catalogue, known))
    if include_new_projects:
        mentions.extend(_new_projects(runs, catalogue))
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _absorbed(ent: Span, catalogue: Catalogue) -> bool:
    """An actor named inside an organisation's name is part of that name ('the American University of Central Asia',
    'the Saudi Fund for Development'); a state named by its name stays ('the Development Bank of Kazakhstan')."""
    if catalogue.get(ent.ent_id_).kind != "state":
        return True
    lookup = catalogue.lookup(ent.text)
    return lookup is not None and lookup[1] == "demonym"


def _capital_as_place(ent: Span) -> bool:
    """A capital city that names a document or a format ('the Minsk agreements', 'the Tashkent Declaration') or
    where someone or something is ('based in Prague', 'held in Vienna', 'a Prague-based economist') is a location,
    not the state's government."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.text in DOCUMENT_HEADS:
        return True
    for token in doc[ent.end : min(len(doc), ent.end + 4)]:  # 'the Astana International Forum'
        if not token.text[:1].isupper():
            break
        if token.text in EVENT_HEADS:
            return True
    if after is not None and after.text in {"-", "–"} and ent.end + 1 < len(doc) and doc[ent.end + 1].lower_ == "based":
        return True
    return _located(ent)


def _located(ent: Span) -> bool:
    """A state or a capital that only says where someone or something is: 'based in Prague', 'a summit held in
    Canada', 'the Centre for Eastern Policy Research in Warsaw', 'the Water Conference in the UAE'."""
    doc = ent.doc
    words = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start] if t.lower_ != "the"]
    if any(tuple(words[-len(cue) :]) == cue for cue in PLACE_CUES):
        return True
    start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ == "the" else ent.start
    if start < 2 or doc[start - 1].lower_ != "in":
        return False
    for token in reversed(list(doc[max(0, start - 10) : start - 1])):
        if token.text in ORG_HEADS or token.text in EVENT_HEADS:
            return True
        if not (token.text[:1].isupper() or token.lower_ in NAME_CONNECTORS):
            return False
    return False


def _names_one_state(ent: Span) -> bool:
    """'this Central Asian country', 'a South Caucasian republic': a regional adjective before a singular noun for a
    state refers to one state of the region, not to the region as an actor."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in SINGULAR_STATE_NOUNS


def _as_a_date(ent: Span) -> bool:
    """'since the collapse of the Soviet Union': the end of a historical state dates something; it does not act."""
    words = [t.lower_ for t in ent.doc[max(0, ent.start - 3) : ent.start] if t.lower_ != "the"]
    return len(words) >= 2 and words[-1] == "of" and words[-2] in END_OF_STATE_WORDS


def _in_a_title(ent: Span) -> bool:
    """'the EU Special Representative for Central Asia': a region in a post's title is not an actor of the text."""
    words = [t.lower_ for t in ent.doc[max(0, ent.start - 3) : ent.start] if t.lower_ != "the"]
    return len(words) >= 2 and words[-1] in {"for", "to"} and words[-2] in TITLE_WORDS


def _origin_of_a_company(ent: Span) -> bool:
    """'the French company Orano', 'Chinese builder PowerChina': the demonym says where a named company is from."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in COMPANY_NOUNS:
        return False
    name = doc[ent.end + 1]
    return name.text[:1].isupper() and (name.pos_ == "PROPN" or bool(name.ent_id_))


def _plausible(ent: Span) -> bool:
    """False when a bare ambiguous word is a person's name, part of another proper name, or a US place."""
    if len(ent) != 1 or ent.text not in AMBIGUOUS_WORDS:
        return True
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and _is_other_name_part(before):
        return False  # "George Washington", "Kanye West", "Michael Jordan"
    if after is not None and _is_other_name_part(after):
        return False  # "Jordan Peterson", "Washington Post", "Chad Johnson"
    if ent.text == "Georgia" and _us_state_context(ent):
        return False
    return True


def _is_other_name_part(token: Token) -> bool:
    """A neighbouring proper noun that is not itself a catalogue name: the word is part of a longer name."""
    return token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() and not token.ent_id_


def _us_state_context(ent: Span) -> bool:
    doc = ent.doc
    # "Atlanta, Georgia": a capitalised place name and a comma right before.
    if ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.start - 2].text[:1].isupper():
        if not doc[ent.start - 2].ent_id_:
            return True
    window = doc[ent.end : min(len(doc), ent.end + 4)]
    return any(t.lower_ in US_STATE_CONTEXT for t in window if t.text not in {"'s", "’s"})


def _compound_acronyms(doc: Doc, catalogue: Catalogue, known: list[Span]) -> list[ActorMention]:
    """'OTS-URTA': an organisation acronym hyphenated to an unknown acronym names a body of that organisation."""
    out = []
    for ent in known:
        entry = catalogue.get(ent.ent_id_)
        if entry.kind != "organisation" or len(ent) != 1 or ent.end + 1 >= len(doc):
            continue
        hyphen, tail = doc[ent.end], doc[ent.end + 1]
        joined = not ent[-1].whitespace_ and hyphen.text == "-" and not hyphen.whitespace_
        if joined and tail.is_alpha and tail.is_upper and len(tail) >= 2 and not tail.ent_id_:
            out.append(
                ActorMention(
                    f"{entry.id}_{tail.text}", "organisation", ent.start_char, tail.idx + len(tail), "", "rule"
                )
            )
    text = doc_text(doc)
    return [ActorMention(m.id, m.kind, m.start, m.end, text[m.start : m.end], m.via) for m in out]


def _new_projects(runs: list[Span], catalogue: Catalogue) -> list[ActorMention]:
    """Projects the catalogue does not know: a capitalised name ending in a project head noun ('Lachin Corridor'),
    or a proper name followed by a lower-case one ('the Qosh Tepa canal', 'the Horadiz–Aghband railway',
    'the Yavan hydropower plant'). The id is UPPER_SNAKE of name and head, as GOLD_SCHEMA names unlisted actors."""
    out = []
    for span in runs:
        if span[-1].text in PROJECT_HEADS and len(span) >= 2:
            if _free_name(span[:-1], catalogue):  # else the catalogue already names it (or part of it)
                out.append(_project(span.doc[span.start : span.end]))
            continue
        head = _lowercase_head(span)
        name = _trailing_name(span) if head is not None else None
        if name is not None and any(t.pos_ == "PROPN" for t in name):
            if _free_name(name, catalogue) or _port_of_a_town(name, head, catalogue):
                out.append(_project(span.doc[name.start : head]))
    return out


def _port_of_a_town(name: Span, head: int, catalogue: Catalogue) -> bool:
    """'the Aktau port', 'the Poti seaport': a port is named after its town, which the catalogue lists as a place;
    'a Black Sea port', 'the Caspian port' or 'the Caspian port of Aktau' name no port."""
    doc = name.doc
    entry = catalogue.get(name[0].ent_id_) if len(name) == 1 else None
    if entry is None or entry.kind != "place" or doc[head - 1].lower_ not in {"port", "seaport"}:
        return False
    if catalogue.lookup(name.text + " Sea") or catalogue.lookup(name.text + " Ocean"):
        return False  # 'the Caspian port': a sea's port, not a town's
    before = doc[name.start - 1].lower_ if name.start > 0 else ""
    return before == "the" and not (head < len(doc) and doc[head].lower_ == "of")


def _free_name(name: Span, catalogue: Catalogue) -> bool:
    """True when no catalogue actor claims the name of a new project: it holds no catalogue name at all, or only
    places, or states joined by dashes as the ends of a route ('the Turkmenistan–China gas pipeline', 'the Persian
    Gulf–Black Sea corridor')."""
    doc = name.doc
    if name.start > 0 and doc[name.start - 1].text in {"-", "–", "—"} and not doc[name.start - 1].whitespace_:
        return False  # the tail of a longer hyphenated name ('Mazar-i-Sharif-...'): not a name of its own
    kinds = {catalogue.get(t.ent_id_).kind if catalogue.get(t.ent_id_) else "other" for t in name if t.ent_id_}
    if not kinds:
        return True
    joined = any(t.text in {"-", "–", "—"} for t in name)  # 'a Black Sea port' is no project; 'Baku–Kars' ends are
    return joined and kinds <= {"state", "entity", "place"} and not any(t.ent_type_ == "PERSON" for t in name)


def _trailing_name(span: Span) -> Span | None:
    """The capitalised words that end `span` ('Work on the Horadiz–Aghband' -> 'Horadiz–Aghband')."""
    doc, start = span.doc, span.end
    while start > span.start and (doc[start - 1].text[:1].isupper() or doc[start - 1].text in {"-", "–"}):
        start -= 1
    while start < span.end and doc[start].text in {"-", "–"}:
        start += 1
    if start == span.end or (doc[start].is_sent_start and start + 1 == span.end):
        return None  # nothing, or one sentence-initial word ("Railway ..." / "Freight railway")
    return doc[start : span.end]


def _lowercase_head(span: Span) -> int | None:
    """The end of a lower-case project head right after `span` ('railway', 'hydropower plant'), else None."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    for words in _HEADS_BY_FIRST_WORD.get(doc[span.end].text, ()):  # one token read for most runs
        end = span.end + len(words)
        if end <= len(doc) and all(doc[span.end + i].text == word for i, word in enumerate(words)):
            return end
    return None


def _project(span: Span) -> ActorMention:
    return ActorMention(upper_snake(span.text), "project", span.start_char, span.end_char, span.text, "rule")


def _unknown_organisations(
    doc: Doc, catalogue: Catalogue, known: list[Span], runs: list[Span]
) -> list[tuple[ActorMention | None, list]]:
    """Organisations the catalogue does not know: capitalised names with an organisation head noun, from the
    head-noun rule or spaCy's ORG entities. A name met only once, as a person's affiliation ("director of the X
    Centre"), is a biographical detail rather than an actor of the text, so it is left out (None), though the
    actors named inside it stay hidden."""
    found: list[tuple[ActorMention, list, bool]] = []
    taken: set[int] = set()
    candidates = list(runs)
    candidates += [e for e in doc.ents if e.label_ == "ORG" and not e.ent_id_ and e[-1].lower_ not in NAME_CONNECTORS]
    for span in candidates:
        span = _trim_org(span)
        if span is None or not _is_org_name(span) or any(i in taken for i in range(span.start, span.end)):
            continue
        span = _with_quoted_name(span)
        if not _acceptable_org(span) or any(t.text in EVENT_HEADS for t in span):
            continue  # a government body, or an event ('the Astana International Forum'): its actors stay
        inside = [ent for ent in known if ent.start >= span.start and ent.end <= span.end]
        if inside and inside[0].start == span.start and inside[0].end == span.end:
            continue  # exactly a catalogue actor
        if inside and inside[0].start == span.start and _body_of(inside[0], span, catalogue):
            continue  # 'the CSTO Council of Foreign Ministers': the organisation itself
        if inside and span[0].text in ORG_BODY_HEADS and _owner_named_last(inside[-1], span, catalogue):
            continue  # 'the Board of Uzbekneftegaz', 'the Council of the EU': a body of a catalogue actor
        taken.update(range(span.start, span.end))
        ident, end_char = _org_id(span)
        mention = ActorMention(ident, "organisation", span.start_char, end_char, span.text, "ner")
        found.append((mention, inside, _is_affiliation(span)))
    counts: dict[str, int] = {}
    for mention, _, _ in found:
        counts[mention.id] = counts.get(mention.id, 0) + 1
    topical = {m.id for m, _, affiliation in found if not affiliation or counts[m.id] >= 2}
    # an affiliation is left out, but the names inside it are still part of its name, not actors of the text
    return [(m if m.id in topical else None, inside) for m, inside, _ in found]


def _with_quoted_name(span: Span) -> Span:
    """'the International Centre for Boundary Cooperation "Khorgos"': a proper name in quotes right after an
    organisation's generic name is part of the name."""
    doc, i = span.doc, span.end
    if i + 2 >= len(doc) or doc[i].text not in {'"', "“", "«"}:
        return span
    for j in range(i + 1, min(len(doc), i + 7)):
        if doc[j].text in {'"', "”", "»"}:
            inner = doc[i + 1 : j]
            if len(inner) and all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS | {"-", "–"} for t in inner):
                return doc[span.start : j + 1]
            return span
    return span


def _owner_named_last(ent: Span, span: Span, catalogue: Catalogue) -> bool:
    return ent.end == span.end and catalogue.get(ent.ent_id_).kind in {"organisation", "company"}


def _body_of(ent: Span, span: Span, catalogue: Catalogue) -> bool:
    """'SCO Council of Foreign Ministers', 'OTS Secretariat': a catalogue organisation's name followed by the head of
    one of its bodies names that organisation ('the OPEC Fund for International Development' is an institution of
    its own)."""
    if catalogue.get(ent.ent_id_).kind != "organisation" or ent.end >= span.end:
        return False
    heads = [t.text for t in span[ent.end - span.start :] if t.text in ORG_HEADS | ORG_BODY_HEADS]
    return bool(heads) and heads[0] in ORG_BODY_HEADS


def _is_affiliation(span: Span) -> bool:
    """True when the name ends a role phrase: 'director of the X', 'Professor in the Y at the X'."""
    doc = span.doc
    for i in range(span.start - 1, max(-1, span.start - 16), -1):
        token = doc[i]
        role = token.text.capitalize() in ROLE_WORDS or (
            token.pos_ == "VERB" and token.lemma_.capitalize() in ROLE_WORDS
        )
        if role or token.ent_type_ == "PERSON":  # "analyst NAME of the X", "who heads the X"
            return True
        passable = (
            token.text[:1].isupper()
            or token.lower_ in NAME_CONNECTORS | {"at", "in", "a", "based"}
            or token.text in {"-", "–", '"', "“", "”", "'", ","}
            or (
                token.pos_ in {"NOUN", "PROPN", "ADJ"} and token.is_lower
            )  # "head of the transport department at the X"
        )
        if not passable:
            return False
    return False


def _capitalised_runs(doc: Doc) -> list[Span]:
    """Maximal runs of capitalised words, with 'of/for/and/on/the' and hyphens allowed inside."""
    runs, start = [], None
    for i, token in enumerate(doc):
        capital = token.text[:1].isupper() and any(c.isalpha() for c in token.text)
        inner = start is not None and (
            token.lower_ in NAME_CONNECTORS or (token.text in {"-", "–"} and not doc[i - 1].whitespace_)
        )
        if token.is_sent_start and start is not None:
            runs.append(doc[start:i])
            start = None
        if capital:
            start = i if start is None else start
        elif not inner:
            if start is not None:
                runs.append(doc[start:i])
            start = None
    if start is not None:
        runs.append(doc[start:])
    pieces = [piece for run in runs for piece in _split_coordinated(run)]
    return [r for r in (_strip_connectors(r) for r in pieces) if r is not None]


def _split_coordinated(run: Span) -> list[Span]:
    """'the Central Bank of X and Nazarbayev University' -> two names: split at 'and' when both sides have a head."""
    heads = ORG_HEADS | GOVERNMENT_HEADS | PROJECT_HEADS
    for i in range(run.start + 1, run.end - 1):
        if run.doc[i].lower_ == "and":
            left, right = run.doc[run.start : i], run.doc[i + 1 : run.end]
            if any(t.text in heads for t in left) and any(t.text in heads for t in right):
                return [left, *_split_coordinated(right)]
    return [run]


def _strip_connectors(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in NAME_CONNECTORS or span.doc[start].text in {"-", "–"}):
        start += 1
    while end > start and (span.doc[end - 1].lower_ in NAME_CONNECTORS or span.doc[end - 1].text in {"-", "–"}):
        end -= 1
    return span.doc[start:end] if end > start else None


def _is_org_name(span: Span) -> bool:
    return any(t.text in ORG_HEADS and not t.ent_id_ for t in span) and len(span) >= 2


def _trim_org(span: Span) -> Span | None:
    """Drop a leading person role or name ('Director of the ...', 'Lena Ivanova of the ...') and a leading article;
    None if nothing is left."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].text in ROLE_WORDS or doc[start].ent_type_ == "PERSON"):
        start += 1
        if start < end and doc[start].ent_type_ == "PERSON":
            continue
        while start < end and doc[start].lower_ in NAME_CONNECTORS | {"at", "in"}:
            start += 1
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    heads = [i for i in range(start, end) if doc[i].text in ORG_HEADS]
    if heads and heads[-1] + 1 < end and doc[heads[-1] + 1].lower_ not in NAME_CONNECTORS:
        end = heads[-1] + 1  # "Policy Research Centre Bakyt Ormonbekov": the name after the head is a person
    return doc[start:end] if end - start >= 1 else None


def _acceptable_org(span: Span) -> bool:
    text = span.text
    if OUTLET.search(text) or not any(c.isalpha() for c in text):
        return False
    if any(t.text in GOVERNMENT_HEADS for t in span) or _STATE_BANK.match(text):
        return False  # a government body (or the state's central bank) stands for its state
    names = [text, *re.split(r"['’]s\s+", text)[1:]]  # "the Federation Council's Committee on ..."
    if any(
        name == body or name.startswith((body + " of ", body + "'", body + "’"))
        for body in GOVERNMENT_BODIES
        for name in names
    ):
        return False  # 'the National Assembly (of Armenia)', 'the Federation Council': the state's own bodies
    if len(span) == 1 and not (span[0].is_upper and len(span[0]) >= 3):
        return False  # one ordinary word ("Telegram") is too weak; a bare acronym may pass
    return span[0].text[:1].isupper()


def _org_id(span: Span) -> tuple[str, int]:
    """The acronym given in parentheses right after the name, else UPPER_SNAKE of the name."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(":
        close = next((j for j in range(span.end + 1, min(len(doc), span.end + 6)) if doc[j].text == ")"), None)
        if close is not None:
            acronym = doc[span.end + 1 : close].text.replace(" ", "")
            if acronym.replace("-", "").isalnum() and acronym.upper() == acronym and len(acronym) >= 2:
                return upper_snake(acronym), span.end_char
    return upper_snake(span.text), span.end_char


def upper_snake(text: str) -> str:
    """'Azerbaijani-Kazakh Expert Council' -> 'AZERBAIJANI_KAZAKH_EXPERT_COUNCIL' (diacritics dropped)."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)  # "U.S.-Armenia" -> "US-Armenia"
    text = re.sub(r"['’]s\b", "", text)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper()


# ----- people -----------------------------------------------------------------------------------------------------
def person_mentions(doc: Doc, *, catalogue: Catalogue | None = None) -> list[PersonMention]:
    """PERSON entities, cleaned and linked to a canonical full name (see the module docstring)."""
    catalogue = catalogue or Catalogue.default()
    raw: list[tuple[str, str | None, int, int]] = []  # (clean name, catalogue name or None, start, end)
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not _person_mislabelled(ent):
            continue
        ent = _with_ambiguous_neighbours(ent)
        name = _clean_person(ent.text)
        if not name or _is_actor_not_person(ent, name, catalogue):
            continue
        known = ent.ent_id_ or (p.name if (p := catalogue.person(name)) else None)
        raw.append((name, known, ent.start_char, ent.start_char + len(name)))
    full_names = _full_names(raw)
    return [PersonMention(name, _canonical(name, known, full_names), start, end) for name, known, start, end in raw]


def _with_ambiguous_neighbours(ent: Span) -> Span:
    """'Chad' + 'Johnson', 'Michael' + 'Jordan': take back a bare country word the ruler claimed but that is a name."""
    doc, start, end = ent.doc, ent.start, ent.end
    if start > 0 and doc[start - 1].text in AMBIGUOUS_WORDS and doc[start - 1].ent_id_:
        start -= 1
    if end < len(doc) and doc[end].text in AMBIGUOUS_WORDS and doc[end].ent_id_:
        end += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label="PERSON")


def _person_mislabelled(ent: Span) -> bool:
    """A name the NER gave a non-person label that is really a person: first name + regional surname, or
    first name + patronymic ("Kassym-Jomart Kemelevich")."""
    if ent.ent_id_ or ent.label_ not in {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}:
        return False
    words = [t for t in ent if t.text not in {"-", "the", "The"}]
    names = ent.text.replace("the ", "").replace("The ", "").split()
    if not 2 <= len(names) <= 3 or not all(w.is_alpha and w.text[:1].isupper() and not w.is_upper for w in words):
        return False
    if any(t.text in ORG_HEADS or t.text in GOVERNMENT_HEADS or t.text in PROJECT_HEADS for t in ent):
        return False
    surname = names[-1]
    return len(surname) >= 6 and bool(SURNAME.search(surname) or PATRONYMIC.search(surname))


def _clean_person(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \"'“”‘’.,;:()")
    text = strip_person_titles(text)
    return re.sub(r"\s*['’]s?$", "", text).strip()


def _is_actor_not_person(ent: Span, name: str, catalogue: Catalogue) -> bool:
    """Mislabelled actors ("Türkiye"), outlets ("Axar.az") and strings that are no name at all."""
    if ent.end < len(ent.doc) and ent.doc[ent.end].text in ORG_HEADS:
        return True  # "Nazarbayev University", "Heydar Aliyev Foundation": a name inside an organisation's name
    if ent.ent_id_:
        return False  # the catalogue's own person patterns
    if ent.start > 0 and not ent.doc[ent.start - 1].whitespace_ and ent.doc[ent.start - 1].text.endswith("."):
        return True  # the tail of a domain name: "Caliber.Az"
    if catalogue.lookup(name) or OUTLET.search(name) or any(ch.isdigit() for ch in name):
        return True
    words = name.split()
    if (
        not words
        or len(words) > 5
        or len(name) < 3
        or not all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3)
    ):
        return True
    words = [w for w in re.split(r"[\s-]+", name) if len(w) > 2 and w not in AMBIGUOUS_WORDS]
    return any(catalogue.lookup(w) and not catalogue.person(w) for w in words)


def _full_names(raw: list[tuple[str, str | None, int, int]]) -> list[str]:
    names = [known or name for name, known, _, _ in raw]
    return sorted({n for n in names if len(n.split()) >= 2}, key=lambda n: -len(n))


def _canonical(name: str, known: str | None, full_names: list[str]) -> str:
    words = name.split()
    if len(words) >= 2 and known:
        return known
    for full in full_names:
        if full == name:
            continue
        parts = full.split()
        if len(words) == 1 and fold(parts[-1]) == fold(words[0]):
            return full  # a surname alone -> the full name used in the same document
        if len(words) == 2 and PATRONYMIC.search(words[1]) and fold(parts[0]) == fold(words[0]):
            return full  # first name + patronymic -> the full name with that first name
    return known or name
