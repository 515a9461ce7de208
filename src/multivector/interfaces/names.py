"""Actor names in the CLI, URLs and API parameters: an id, a name, an alias or a demonym, in any case: one actor.

Contract:
- :func:`resolve` turns what a user typed into a canonical actor id: an id of the corpus or of the catalogue (any
  case), then a catalogue name, alias or demonym (:meth:`Catalogue.lookup`, case- and accent-insensitive), then the
  name the corpus stores for an actor the catalogue does not know. Nothing else matches: a near miss is *suggested*,
  never silently taken, so a typo cannot show the wrong actor.
- An unknown name raises :class:`UnknownActor` (a KeyError: the app turns it into a 404 page, or a JSON 404 under
  /api, listing the closest actors of the corpus by rapidfuzz as suggestions; the CLI prints it in one line, exit 2).
- The lookup tables are built from ``Corpus.actors`` and cached per corpus generation; the web layer holds no SQL.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process, utils

from multivector.data.catalogue import fold
from multivector.store import Corpus

SUGGESTIONS = 3
SUGGEST_CUTOFF = 80.0


class UnknownActor(KeyError):
    """No actor answers to ``text``; ``suggestions`` are (id, name) pairs of the closest actors of the corpus."""

    def __init__(self, text: str, suggestions: list[tuple[str, str]]) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions

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
