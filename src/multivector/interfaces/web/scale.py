"""A synthetic corpus for the network at scale: ``actors`` invented actors and ``relations`` distinct related pairs.

The browser test and ``scripts/screenshots.py`` render it to check that the network stays readable and fast at 500
actors and 3,000 relations. Deterministic (fixed seed); invented names only (no real actor, no article text).
Actors fall into communities that mostly relate among themselves, pair weights are skewed (a few pairs carry much
evidence, most one or two sentences), and "pressure" relations carry a direction, as real corpora do.

    python -m multivector.interfaces.web.scale OUT.db [ACTORS RELATIONS]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from multivector.records import Actor, Analysis, Relation, Speaker, document_id

_SYLLABLES = ["ka", "ra", "mi", "to", "zan", "bek", "ov", "el", "nur", "sa", "li", "dar", "go", "va", "an", "te",
              "mor", "vel", "sun", "dro", "pel", "qa", "rin", "tal"]  # fmt: skip
_KINDS = [("state", ["ia", "stan", "land", "ora", "via"]), ("organisation", [" Council", " Union", " Forum"]),
          ("company", [" Energy", " Rail", " Holdings"]), ("group", [" Front", " Movement"]),
          ("project", [" Corridor", " Pipeline"])]  # fmt: skip
_KIND_WEIGHTS = [60, 15, 12, 6, 7]
_TYPES = [("cooperation", "+", "cooperates with"), ("trade", "+", "trades with"), ("rivalry", "-", "competes with"),
          ("pressure", "-", "puts pressure on"), ("transit", "+", "ships goods through"),
          ("influence", "0", "watches")]  # fmt: skip
_DIRECTED = {"pressure"}
_PER_DOCUMENT = 12


def actors(count: int, seed: int = 11) -> list[Actor]:
    rng = random.Random(seed)
    result, seen = [], set()
    while len(result) < count:
        kind, suffixes = rng.choices(_KINDS, weights=_KIND_WEIGHTS)[0]
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = stem + rng.choice(suffixes)
        actor_id = stem.upper()[:10] + ("" if kind == "state" else "_" + kind[:3].upper())
        if actor_id in seen:
            continue
        seen.add(actor_id)
        result.append(Actor(actor_id, name, kind, 1))
    return result


def pairs(count: int, count_actors: int, communities: int, seed: int = 11) -> list[tuple[int, int, int]]:
    """(actor index, actor index, weight) for ``count`` distinct pairs among ``count_actors`` actors, mostly inside
    a community (actors whose index has the same remainder modulo ``communities``)."""
    rng = random.Random(seed)
    chosen: dict[tuple[int, int], int] = {}
    while len(chosen) < count:
        a = rng.randrange(count_actors)
        if rng.random() < 0.85:  # inside a's community: indexes with the same remainder
            b = rng.randrange(a % communities, count_actors, communities)
        else:
            b = rng.randrange(count_actors)
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        if key not in chosen:
            chosen[key] = min(40, int(rng.paretovariate(1.3)))  # mostly 1 or 2 sentences, a few pairs many
    return [(a, b, weight) for (a, b), weight in sorted(chosen.items())]


def analyses(actor_count: int = 500, relation_count: int = 3000, seed: int = 11) -> list[Analysis]:
    """The documents of the corpus: every pair's sentences spread over documents of at most 12 sentences."""
    cast = actors(actor_count, seed)
    rng = random.Random(seed)
    mentions = []
    for a, b, weight in pairs(relation_count, actor_count, max(2, actor_count // 40), seed):
        kind, polarity, verb = rng.choice(_TYPES)
        for _ in range(weight):
            first, second = (a, b) if rng.random() < 0.8 else (b, a)
            mentions.append((first, second, kind, polarity, verb))
    rng.shuffle(mentions)
    documents = []
    for start in range(0, len(mentions), _PER_DOCUMENT):
        documents.append(_document(len(documents), mentions[start : start + _PER_DOCUMENT], cast, rng))
    return documents


def _document(number: int, chunk: list[tuple], cast: list[Actor], rng: random.Random) -> Analysis:
    speaker = f"Analyst {number % 40 + 1}"
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for a, b, _kind, _polarity, verb in chunk:
        sentence = f"{cast[a].name} {verb} {cast[b].name} in report {number}."
        start = length + (1 if parts else 0)
        parts.append(sentence)
        length = start + len(sentence)
        spans.append((start, length))
    body = " ".join(parts)
    relations = []
    seen: set[tuple[str, str, str]] = set()
    involved: dict[str, Actor] = {}
    for (a, b, kind, polarity, _verb), (start, end) in zip(chunk, spans, strict=True):
        x, y = cast[a], cast[b]
        involved[x.id], involved[y.id] = x, y
        directed = kind in _DIRECTED
        relation = Relation(
            x.id, y.id, kind, polarity, {"+": 0.5, "-": -0.5}.get(polarity, 0.0), "asserted", body[start:end],
            [start, end], speaker, 1, source=x.id if directed else None, target=y.id if directed else None,
            confidence=round(0.5 + 0.5 * rng.random(), 2),
        )  # fmt: skip
        key = (min(x.id, y.id), max(x.id, y.id), kind)
        if key not in seen:
            seen.add(key)
            relations.append(relation)
    return Analysis(
        id=document_id(body), source=f"scale/{number}.txt", language="en", title=f"Scale test report {number}",
        published=f"{2015 + number % 11}-{number % 12 + 1:02d}-{number % 27 + 1:02d}", outlet="Scale Outlet",
        authors=[], speakers=[Speaker(speaker, "analyst")], body=body,
        actors=[Actor(a.id, a.name, a.kind, body.count(a.name)) for a in involved.values()],
        relations=relations, relation_mentions=list(relations), name=f"scale-{number}",
    )  # fmt: skip


def build(path: str | Path, actor_count: int = 500, relation_count: int = 3000) -> Path:
    from multivector.store import Corpus

    with Corpus(path) as corpus:
        corpus.add_many(analyses(actor_count, relation_count))
    return Path(path)


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    build(args[0], *(int(x) for x in args[1:3]))
    print(f"wrote {args[0]}")
