"""Actor names in the CLI, URLs and API parameters: an id, a name, an alias or a demonym, in any case: one actor.

Contract:
- :func:`resolve` turns what a user typed into a canonical actor id: an id of the corpus or of the catalogue (any
  case), then a catalogue name, alias or demonym (:meth:`Catalogue.lookup`, case- and accent-insensitive), then the
  name the corpus stores for an actor the catalogue does not know. Nothing else matches: a near miss is *suggested*,
  never silently taken, so a typo cannot show the wrong actor.
- An unknown name raises :class:`UnknownActor` (a KeyError: the app turns it into a 404 page, or a JSON 404 under
  /api, listing the closest actors of the corpus by rapidfuzz as suggestions; the CLI prints it in one line, exit 2).
- The lookup tables are built from ``Corpus.actors`` and cached per corpus generation; the web layer holds no SQL.
- :func:`resolve_type` does the same for a relation type (``--type``): any case, one of the types of
  data/relation_types.json or of the corpus; :func:`resolve_speaker` for a speaker (``--speaker``): the text must be
  part of the name of someone who speaks or holds a claim in the corpus (the filter matches every such name). An
  unknown one raises :class:`UnknownName` with the closest values by rapidfuzz (the message ends with the valid
  types when none is close: there are few).
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process, utils

from multivector.data.catalogue import fold
from multivector.store import Corpus

SUGGESTIONS = 3
SUGGEST_CUTOFF = 80.0


class UnknownName(KeyError):
    """No ``what`` (relation type, speaker) answers to ``text``; ``suggestions`` are the closest valid values and
    ``valid`` all of them when they are few enough to list."""

    what = "value"

    def __init__(self, text: str, suggestions: list[Any], valid: list[str] | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions
        self.valid = valid or []

    def message(self) -> str:
        text = f"unknown {self.what} {self.text!r}"
        if self.suggestions:
            return text + "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        if self.valid:
            return text + "; use one of " + ", ".join(self.valid)
        return text

    def __str__(self) -> str:
        return self.message()


class UnknownType(UnknownName):
    what = "relation type"


class UnknownSpeaker(UnknownName):
    what = "speaker"

    def message(self) -> str:
        text = super().message()
        return text if self.suggestions else text + " (multivector query docs lists who speaks in each document)"


class UnknownActor(UnknownName):
    """No actor answers to ``text``; ``suggestions`` are (id, name) pairs of the closest actors of the corpus."""

    what = "actor"

    def __init__(self, text: str, suggestions: list[tuple[str, str]]) -> None:
        super().__init__(text, suggestions)

    def message(self) -> str:
        text = f"unknown actor {self.text!r}"
        if self.suggestions:
            text += "; did you mean " + " or ".join(f"{i} ({name})" for i, name in self.suggestions) + "?"
        return text

    def __str__(self) -> str:
        return self.message()


def catalogue() -> Any:
    from multivector.interfaces.web.views import _catalogue

    return _catalogue()


def resolve(corpus: Corpus, text: str | None) -> str | None:
    """The canonical id ``text`` names (None for None or blank); :class:`UnknownActor` when nothing matches."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    table = _table(corpus)
    key = fold(text)
    if key in table["ids"]:
        return table["ids"][key]
    entries = catalogue()
    if entries is not None:
        entry = entries.get(text.upper())
        if entry is not None:
            return entry.id
        found = entries.lookup(text)
        if found is not None:
            return found[0]
    if key in table["names"]:
        return table["names"][key]
    raise UnknownActor(text, suggest(corpus, text))


def resolve_path(corpus: Corpus, text: str) -> str:
    """As :func:`resolve` for a path segment that must name an actor of this corpus."""
    actor_id = resolve(corpus, text)
    if actor_id is None or actor_id not in _table(corpus)["known"]:
        raise UnknownActor(text, suggest(corpus, text))
    return actor_id


def suggest(corpus: Corpus, text: str, limit: int = SUGGESTIONS) -> list[tuple[str, str]]:
    """The actors of the corpus whose id, name or catalogue alias is closest to ``text``: (id, name) pairs."""
    table = _table(corpus)
    matches = process.extract(
        text, table["choices"], scorer=fuzz.WRatio, processor=utils.default_process, limit=limit * 6,
        score_cutoff=SUGGEST_CUTOFF,
    )  # fmt: skip
    seen: list[str] = []
    for _form, _score, index in matches:
        actor_id = table["owners"][index]
        if actor_id not in seen:
            seen.append(actor_id)
    return [(actor_id, table["known"][actor_id]) for actor_id in seen[:limit]]


def _table(corpus: Corpus) -> dict[str, Any]:
    from multivector.interfaces.web.views import cached

    return cached(corpus, "actor_names", lambda: _build(corpus))


def _build(corpus: Corpus) -> dict[str, Any]:
    rows = corpus.actors(limit=None)
    known = {row["id"]: row["name"] or row["id"] for row in rows}
    ids = {fold(actor_id): actor_id for actor_id in known}
    names = {fold(name): actor_id for actor_id, name in known.items()}
    choices: list[str] = []
    owners: list[str] = []
    entries = catalogue()
    for actor_id, name in known.items():
        forms = {actor_id, name}
        entry = entries.get(actor_id) if entries is not None else None
        if entry is not None:
            forms.update(entry.aliases)
        for form in sorted(forms):
            choices.append(form)
            owners.append(actor_id)
    return {"known": known, "ids": ids, "names": names, "choices": choices, "owners": owners}


# -- relation types and speakers -------------------------------------------------------------------------------------


def relation_types(corpus: Corpus) -> list[str]:
    """Every relation type a filter can name: the types of data/relation_types.json and those of the corpus."""
    from multivector.interfaces.web.views import cached

    return cached(corpus, "relation_type_names", lambda: sorted(set(_catalogue_types()) | set(corpus.relation_types())))


def _catalogue_types() -> list[str]:
    import json
    from importlib import resources

    data = json.loads(resources.files("multivector.data").joinpath("relation_types.json").read_text(encoding="utf-8"))
    return [key for key in data if not key.startswith("_")]


def resolve_type(corpus: Corpus, text: str | None) -> str | None:
    """The relation type ``text`` names in any case ("Pressure" -> "pressure"); :class:`UnknownType` otherwise."""
    if text is None or not text.strip():
        return None
    types = relation_types(corpus)
    by_key = {fold(name): name for name in types}
    key = fold(text.strip().replace(" ", "_"))
    if key in by_key:
        return by_key[key]
    close = process.extract(text.strip(), types, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=SUGGESTIONS, score_cutoff=SUGGEST_CUTOFF - 10)  # fmt: skip
    raise UnknownType(text.strip(), [name for name, _score, _index in close], types)


def speaker_names(corpus: Corpus) -> list[str]:
    """Everyone who speaks in a document or holds a claim in the corpus, by name."""
    from multivector.interfaces.web.views import cached
    from multivector.store import reads

    return cached(corpus, "speaker_names", lambda: reads.speaker_names(corpus.connection))


def resolve_speaker(corpus: Corpus, text: str | None) -> str | None:
    """``text`` unchanged (the speaker filter takes part of a name, in any case) when some speaker's name contains
    it; :class:`UnknownSpeaker` with the closest names otherwise."""
    if text is None or not text.strip():
        return None
    names = speaker_names(corpus)
    key = text.strip().casefold()
    if any(key in name.casefold() for name in names):
        return text.strip()
    close = process.extract(text.strip(), names, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=SUGGESTIONS, score_cutoff=SUGGEST_CUTOFF - 10)  # fmt: skip
    raise UnknownSpeaker(text.strip(), [name for name, _score, _index in close])
