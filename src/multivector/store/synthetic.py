"""Synthetic analyses for tests and benchmarks of the store: no NLP, deterministic, any number of them.

Contract: ``synthetic_analysis(n)`` returns the same valid :class:`Analysis` for the same ``n`` (and seed), with a
body made of generated sentences and records whose evidence is a verbatim slice of that body. Actor frequencies
are skewed (a few actors in most documents), as in real corpora, so query timings are realistic.

    python -m multivector.store.synthetic DB COUNT      # fill a corpus
    python -m multivector.store.synthetic DB --bench    # time the typical queries (p50/p95 in ms)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from multivector.records import (
    Actor,
    Analysis,
    Event,
    Figure,
    Membership,
    Person,
    Relation,
    Speaker,
    Stance,
    document_id,
)

ACTORS = [
    ("RUS", "Russia", "state"), ("CHN", "China", "state"), ("KAZ", "Kazakhstan", "state"),
    ("USA", "the United States", "state"), ("TUR", "Turkey", "state"), ("AZE", "Azerbaijan", "state"),
    ("UZB", "Uzbekistan", "state"), ("KGZ", "Kyrgyzstan", "state"), ("ARM", "Armenia", "state"),
    ("GEO", "Georgia", "state"), ("IRN", "Iran", "state"), ("TJK", "Tajikistan", "state"),
    ("TKM", "Turkmenistan", "state"), ("MNG", "Mongolia", "state"), ("AFG", "Afghanistan", "state"),
    ("IND", "India", "state"), ("PAK", "Pakistan", "state"), ("UKR", "Ukraine", "state"),
    ("EU", "the European Union", "organisation"), ("SCO", "the SCO", "organisation"),
    ("CSTO", "the CSTO", "organisation"), ("EAEU", "the Eurasian Economic Union", "organisation"),
    ("OTS", "the Organization of Turkic States", "organisation"), ("NATO", "NATO", "organisation"),
    ("UN", "the United Nations", "organisation"), ("CIS", "the CIS", "organisation"),
    ("WEST", "the West", "bloc"), ("CENTRAL_ASIA", "Central Asia", "bloc"),
    ("SOUTH_CAUCASUS", "the South Caucasus", "bloc"), ("MIDDLE_CORRIDOR", "the Middle Corridor", "project"),
    ("BRI", "the Belt and Road", "project"), ("INSTC", "the North-South corridor", "project"),
    ("TALIBAN", "the Taliban", "group"),
]  # fmt: skip
RELATION_TYPES = [
    ("cooperation", "+", "cooperates with", 2), ("trade", "+", "trades with", 2), ("transit", "+", "ships through", 2),
    ("partnership", "+", "deepens its partnership with", 1), ("rivalry", "-", "competes with", 3),
    ("pressure", "-", "puts pressure on", 3), ("conflict", "-", "clashes with", 4), ("influence", "0", "watches", 1),
]  # fmt: skip
#: Relation types whose subject acts on the other actor: their relations carry a direction (source -> target).
_DIRECTED = {"pressure", "influence"}
#: Confidences cycled through (no random draw: the documents stay what they were before records had confidence).
_CONFIDENCES = (0.5, 0.7, 0.9, 0.6, 0.8, 0.4, 0.95, 0.3)
UNITS = ["USD", "percent", "tonnes", "km", "count", "years"]
_SYLLABLES = ["ka", "ra", "mi", "to", "zan", "bek", "ov", "el", "nur", "sa", "li", "dar", "go", "va", "an", "te"]


def _name(rng: random.Random) -> str:
    first = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    last = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{first} {last}"


SPEAKERS = [_name(random.Random(i)) for i in range(2000)]
_WEIGHTS = [1.0 / (rank + 1) ** 0.9 for rank in range(len(ACTORS))]


class _Body:
    """Builds a body sentence by sentence, remembering where each piece lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> list[int]:
        start = self.length + (1 if self.parts else 0)
        self.parts.append(text)
        self.length = start + len(text)
        return [start, self.length]

    def text(self) -> str:
        return " ".join(self.parts)


def synthetic_analysis(n: int, seed: int = 0, *, filler_sentences: int = 8) -> Analysis:
    """The n-th synthetic analysis (deterministic)."""
    rng = random.Random(seed * 1_000_003 + n)
    chosen = _pick_actors(rng)
    speaker = SPEAKERS[rng.randrange(len(SPEAKERS))]
    published = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = _Body()
    body.add(f"Document {n}: {speaker} speaks about {', '.join(name for _, name, _ in chosen)}.")
    relations, stances, figures, events, memberships = [], [], [], [], []
    for _ in range(rng.randint(3, 12)):
        (a_id, a_name, _), (b_id, b_name, _) = rng.sample(chosen, 2)
        kind, polarity, verb, quad = rng.choice(RELATION_TYPES)
        span = body.add(f"{a_name[0].upper() + a_name[1:]} {verb} {b_name} in case {n}.")
        directed = kind in _DIRECTED
        relations.append(Relation(a_id, b_id, kind, polarity, 0.5 if polarity == "+" else -0.5, "asserted",
                                  _slice(body, span), span, speaker, quad, source=a_id if directed else None,
                                  target=b_id if directed else None,
                                  confidence=_CONFIDENCES[(n + len(relations)) % len(_CONFIDENCES)]))  # fmt: skip
    for _ in range(rng.randint(1, 6)):
        target_id, target_name, _ = rng.choice(chosen)
        polarity = rng.choice("+-0")
        word = {"+": "welcomes", "-": "distrusts", "0": "observes"}[polarity]
        span = body.add(f"The expert {word} {target_name} after talks number {rng.randint(1, 999)}.")
        confidence = _CONFIDENCES[(n + len(stances)) % len(_CONFIDENCES)]
        stances.append(Stance(speaker, target_id, polarity, _slice(body, span), span, confidence=confidence))
    for _ in range(rng.randint(0, 5)):
        value, unit = rng.randint(1, 5000), rng.choice(UNITS)
        span = body.add(f"Trade reached {value} {unit} last season.")
        figures.append(Figure(float(value), unit, "trade", _slice(body, span), span))
    for _ in range(rng.randint(0, 4)):
        year = rng.randint(1991, 2030)
        span = body.add(f"In {year} a summit on transport took place.")
        events.append(Event(str(year), "summit on transport", _slice(body, span), span))
    for _ in range(rng.randint(0, 2)):
        span = body.add(f"{chosen[0][1]} remains a member of the CSTO.")
        memberships.append(Membership(chosen[0][0], "CSTO", _slice(body, span), span, "confirmed"))
    for _ in range(filler_sentences):
        body.add(" ".join(rng.choice(_SYLLABLES) * rng.randint(1, 3) for _ in range(12)) + ".")
    text = body.text()
    return Analysis(
        id=document_id(text), source=f"synthetic/{n}.txt", language="en", title=f"Synthetic article {n}",
        published=published, outlet=rng.choice(["Outlet One", "Outlet Two", "Outlet Three"]), authors=[_name(rng)],
        speakers=[Speaker(speaker, "analyst")], body=text,
        actors=[Actor(a_id, name, kind, text.count(name)) for a_id, name, kind in chosen],
        people=[Person(speaker, "analyst", 1)], relations=relations, memberships=memberships, stances=stances,
        figures=figures, events=events, name=f"synthetic-{n}",
    )  # fmt: skip


def _pick_actors(rng: random.Random) -> list[tuple[str, str, str]]:
    chosen: dict[str, tuple[str, str, str]] = {}
    while len(chosen) < rng.randint(3, 10):
        actor = rng.choices(ACTORS, weights=_WEIGHTS)[0]
        chosen[actor[0]] = actor
    return list(chosen.values())


def _slice(body: _Body, span: list[int]) -> str:
    return body.text()[span[0] : span[1]]


def fill(path: str | Path, count: int, start: int = 0) -> tuple[int, int]:
    """Add synthetic analyses start..start+count-1 to the corpus at path; returns (stored, already present)."""
    from multivector.store import Corpus

    with Corpus(path) as corpus:
        return corpus.add_many(synthetic_analysis(n) for n in range(start, start + count))


BENCH_QUERIES: list[tuple[str, dict]] = [
    ("docs", {}),
    ("docs", {"actor": "KGZ", "since": "2020"}),
    ("docs", {"speaker": "kara"}),
    ("docs", {"search": "summit transport"}),
    ("actors", {}),
    ("actors", {"kind": "state"}),
    ("actors", {"since": "2024-06", "until": "2024-06"}),
    ("relations", {}),
    ("relations", {"actor": "RUS"}),
    ("relations", {"actor": "MNG", "polarity": "-"}),
    ("relations", {"type": "conflict", "since": "2023"}),
    ("relations", {"speaker": "zanbek"}),
    ("relations", {"search": "pressure"}),
    ("stances", {"actor": "CHN", "polarity": "+"}),
    ("stances", {"speaker": "nur"}),
    ("figures", {"unit": "USD"}),
    ("figures", {"actor": "AFG"}),
    ("events", {"since": "2024", "until": "2025"}),
    ("events", {"actor": "TKM"}),
    ("search", {"text": "Mongolia summit"}),
    ("search", {"text": "pressure"}),
    ("docs", {"actor": "TALIBAN"}),
    ("figures", {"actor": "TALIBAN", "unit": "km"}),
    ("relations", {"actor": "TALIBAN", "speaker": "ka"}),
    ("relations", {"search": "Taliban Mongolia"}),
    ("stances", {"speaker": "Zanel Elmika"}),
    ("events", {"speaker": "Zanel Elmika"}),
    ("relations", {"actor": "RUS", "offset": 5000}),
    ("actors", {"since": "2024"}),
    ("actors", {"since": "2024-06-15"}),
    ("actors", {"since": "2016-01-15"}),
    ("actors", {"speaker": "Zanel Elmika"}),
    ("actors", {"search": "pressure"}),
    ("search", {"text": "trade*"}),
    ("relations", {"search": "sanction*"}),
    ("relations", {"source": "RUS"}),
    ("relations", {"target": "KAZ", "min_confidence": 0.9}),
    ("relations", {"actor": "MNG", "min_confidence": 0.95}),
    ("relations", {"modality": "negated"}),
    ("stances", {"min_confidence": 0.95}),
    ("memberships", {"modality": "negated"}),
]

#: Worst cases, timed and reported beside the common calls but not held to their target: a three-letter prefix
#: reads the prefix index of most words in the corpus, and BM25 then counts every match before ranking.
STRESS_QUERIES: list[tuple[str, dict]] = [
    ("search", {"text": "tra*"}),
]


def bench(path: str | Path, repeat: int = 20) -> list[tuple[str, dict, float, float]]:
    """Time each BENCH_QUERIES entry `repeat` times: (method, filters, p50 ms, p95 ms)."""
    from multivector.store import Corpus

    results = []
    with Corpus(path, readonly=True) as corpus:
        for method, filters in BENCH_QUERIES:
            timings = []
            for _ in range(repeat):
                begin = time.perf_counter()
                getattr(corpus, method)(**filters)
                timings.append((time.perf_counter() - begin) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            results.append((method, filters, timings[len(timings) // 2], p95))
    return results


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1] == "--bench":
        for method, filters, p50, p95 in bench(argv[0]):
            print(f"{p50:8.1f} {p95:8.1f} ms  {method} {filters}")
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    begin = time.perf_counter()
    stored, present = fill(argv[0], int(argv[1]))
    print(f"stored {stored}, already present {present} in {time.perf_counter() - begin:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
