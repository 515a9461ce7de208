"""The answers of docs/analysis.md for the web app and the report: balance, discourse networks, shifts and
conflicting claims, as JSON-ready data.

Contract: every function takes an open :class:`~multivector.store.Corpus` and validated parameters, calls the public
functions of :mod:`multivector.analysis` (which read their sums from the store) and returns the JSON of
:func:`multivector.interfaces.analysis_json.as_json`, the object the CLI prints with ``--json``. Results are cached
per corpus generation and parameters (:func:`multivector.interfaces.web.views.cached`), so a repeated request costs
one indexed read. Bad values raise ValueError (400); unknown actors are resolved by the caller
(:mod:`multivector.interfaces.names`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from multivector.interfaces.analysis_json import as_json, network_text
from multivector.interfaces.web.views import cached, check_dates, names_of
from multivector.store import Corpus

PERIODS = ("year", "quarter", "month")
MAX_EVIDENCE = 20
#: The per-expert breakdown of a balance: the experts most often quoted in the actor's newest documents.
EXPERT_DOCUMENTS = 150
MAX_EXPERTS = 12
#: The Discourse page opens on the latest WINDOW_MONTHS of a corpus of more than LARGE_CORPUS documents: every pair
#: of experts who judge the same actor is a tie, so the whole of a large corpus takes minutes (docs/analysis.md).
LARGE_CORPUS = 5000
WINDOW_MONTHS = 6


def _period(by: str | None) -> str | None:
    if by is not None and by not in PERIODS:
        raise ValueError(f"bad period {by!r}: use one of {', '.join(PERIODS)}")
    return by


def centres(chosen: list[str] | None = None) -> list[Any]:
    """The shipped power centres, or those of them named in ``chosen`` (ids, in the given order)."""
    from multivector.analysis.balance import load_centres

    every = load_centres()
    if not chosen:
        return every
    by_id = {centre.id: centre for centre in every}
    unknown = [c for c in chosen if c.upper() not in by_id]
    if unknown:
        raise ValueError(f"bad centre {unknown[0]!r}: use some of {', '.join(by_id)}")
    picked = list(dict.fromkeys(c.upper() for c in chosen))
    if len(picked) < 2:
        raise ValueError("give at least two power centres")
    return [by_id[c] for c in picked]


def split_list(text: str | None) -> list[str]:
    """'RUS, CHN' -> ['RUS', 'CHN']."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def balance_data(
    corpus: Corpus,
    actor: str,
    *,
    by: str | None = None,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    centre_ids: list[str] | None = None,
    evidence: int = 3,
) -> dict[str, Any]:
    """The JSON of ``multivector balance ACTOR`` (``actor``: a resolved id)."""
    from multivector.analysis.balance import balance

    check_dates(since, until)
    by = _period(by)
    chosen = centres(centre_ids)
    evidence = max(0, min(int(evidence), MAX_EVIDENCE))
    key = (actor, by, speaker, since, until, tuple(c.id for c in chosen), evidence)

    def compute() -> dict[str, Any]:
        report = balance(corpus, actor, by=by, speaker=speaker, since=since, until=until, centres=chosen,
                         evidence=evidence)  # fmt: skip
        return as_json(report)

    return cached(corpus, "balance", compute, *key)


#: Claims quoted per centre on the Balance page (the API lists every one it keeps).
PAGE_RELATIONS = 8
PAGE_STANCES = 4
_FIRM = ("asserted", "future")


def page_evidence(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per centre of a balance, the claims the page quotes: firm ones first, cooperative, hostile, neutral, the most
    confident first, at most :data:`PAGE_RELATIONS` relations and :data:`PAGE_STANCES` stances, and how many more."""

    def rank(record: dict[str, Any]) -> tuple:
        order = {"+": 0, "-": 1, "0": 2}.get(record["polarity"], 3)
        return (record["modality"] not in _FIRM, order, -(record["confidence"] or 0), record["id"])

    shown = {}
    for part in data["overall"]["centres"]:
        relations = sorted(part["relations"], key=rank)
        stances = sorted(part["stance_evidence"], key=rank)
        shown[part["centre"]] = {
            "relations": relations[:PAGE_RELATIONS], "more_relations": max(0, len(relations) - PAGE_RELATIONS),
            "stances": stances[:PAGE_STANCES], "more_stances": max(0, len(stances) - PAGE_STANCES),
        }  # fmt: skip
    return shown


def balance_experts(
    corpus: Corpus,
    actor: str,
    *,
    since: str | None = None,
    until: str | None = None,
    centre_ids: list[str] | None = None,
    limit: int = MAX_EXPERTS,
) -> list[dict[str, Any]]:
    """The balance as each expert sees it: the experts most quoted in the actor's newest documents
    (:data:`EXPERT_DOCUMENTS`), each with the overall balance of their own claims (relations they state, stances they
    take), those with at least one firm claim, most claims first."""
    from multivector.analysis.balance import balance

    check_dates(since, until)
    chosen = centres(centre_ids)

    def compute() -> list[dict[str, Any]]:
        counts: Counter[str] = Counter()
        for row in corpus.docs(actor=actor, since=since, until=until, limit=EXPERT_DOCUMENTS):
            counts.update(set(row.get("speakers") or []))
        rows = []
        for name, documents in counts.most_common(limit + 4):
            report = balance(corpus, actor, speaker=name, since=since, until=until, centres=chosen, evidence=0)
            overall = as_json(report)["overall"]
            relations = sum(part["records"] for part in overall["centres"])
            stances = sum(slot["records"] for part in overall["centres"] for slot in part["stances"].values())
            if relations or stances:
                rows.append({"speaker": name, "documents": documents, "relations": relations, "stances": stances,
                             "overall": overall})  # fmt: skip
        rows.sort(key=lambda r: (-(r["relations"] + r["stances"]), r["speaker"]))
        return rows[:limit]

    return cached(corpus, "balance_experts", compute, actor, since, until, tuple(c.id for c in chosen), limit)


def default_window(corpus: Corpus) -> str | None:
    """The first month of the latest :data:`WINDOW_MONTHS` of a large corpus ('2025-07'); None for a small one."""
    return cached(corpus, "discourse_window", lambda: _window(corpus))


def _window(corpus: Corpus) -> str | None:
    if corpus.count() <= LARGE_CORPUS:
        return None
    newest = corpus.docs(limit=1)
    published = (newest[0].get("published") or "") if newest else ""
    if len(published) < 7:
        return None
    year, month = int(published[:4]), int(published[5:7]) - WINDOW_MONTHS + 1
    if month < 1:
        year, month = year - 1, month + 12
    return f"{year:04d}-{month:02d}"


def discourse_result(
    corpus: Corpus,
    *,
    normalisation: str = "average",
    actors: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_records: int = 1,
) -> Any:
    """The :class:`~multivector.analysis.discourse.Discourse` of the corpus (cached)."""
    from multivector.analysis.discourse import discourse

    check_dates(since, until)
    if min_records < 1:
        raise ValueError("bad min_records: use a whole number of at least 1")
    actors = sorted(set(actors)) if actors else None
    key = (normalisation, tuple(actors or ()), since, until, min_records)

    def compute() -> Any:
        return discourse(corpus, normalisation=normalisation, actors=actors, since=since, until=until,
                         min_records=min_records)  # fmt: skip

    return cached(corpus, "discourse", compute, *key)


def discourse_data(corpus: Corpus, **options: Any) -> dict[str, Any]:
    """The JSON of ``multivector discourse``."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    return cached(corpus, "discourse_json", lambda: as_json(discourse_result(corpus, **options)), key)


#: What the Discourse page draws and lists: the most active experts and their strongest ties (the JSON of the whole
#: networks can hold hundreds of thousands of ties: /api/discourse, the exports).
DRAW_EXPERTS = 80
DRAW_TIES = 800
TABLE_ROWS = 25


def discourse_drawing(
    corpus: Corpus, *, max_experts: int = DRAW_EXPERTS, max_ties: int = DRAW_TIES, **options: Any
) -> dict[str, Any]:
    """The part of the discourse networks the page draws, in the shape of :func:`discourse_data`: the
    ``max_experts`` experts with the most stance claims, the strongest ``max_ties`` congruence and conflict ties among
    them, their affiliation edges and the actors those judge; ``camps`` whole (colours follow the camps' order), and
    ``shown``: how much of the whole is drawn."""
    max_experts = max(2, min(int(max_experts), 500))
    max_ties = max(1, min(int(max_ties), 5000))

    def compute() -> dict[str, Any]:
        data = discourse_data(corpus, **options)
        activity: Counter[str] = Counter()
        for edge in data["affiliation"]:
            activity[edge["speaker"]] += edge["records"]
        kept = {e for e, _ in sorted(activity.items(), key=lambda item: (-item[1], item[0]))[:max_experts]}
        kept &= set(data["experts"]) | {e for e in activity}

        def strongest(ties: list[dict[str, Any]]) -> list[dict[str, Any]]:
            inside = [t for t in ties if t["a"] in kept and t["b"] in kept]
            return sorted(inside, key=lambda t: (-t["weight"], t["a"], t["b"]))[:max_ties]

        affiliation = [edge for edge in data["affiliation"] if edge["speaker"] in kept]
        return {
            "normalisation": data["normalisation"],
            "experts": [e for e in data["experts"] if e in kept],
            "actors": sorted({edge["actor"] for edge in affiliation}),
            "affiliation": affiliation,
            "congruence": strongest(data["congruence"]),
            "conflict": strongest(data["conflict"]),
            "coevaluation": [],
            "camps": data["camps"],
            "shown": {"experts": len(kept), "of_experts": len(activity), "congruence": len(data["congruence"]),
                      "conflict": len(data["conflict"])},
        }  # fmt: skip

    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    return cached(corpus, "discourse_drawing", compute, key, max_experts, max_ties)


def discourse_tables(corpus: Corpus, **options: Any) -> dict[str, Any]:
    """What the Discourse page lists: counts, camps, the :data:`TABLE_ROWS` strongest agreements, disagreements and
    co-evaluations, and the names of the actors they mention."""

    def compute() -> dict[str, Any]:
        data = discourse_data(corpus, **options)

        def top(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
            return sorted(rows, key=lambda r: tuple(-r[k] for k in keys) + (r["a"], r["b"]))[:TABLE_ROWS]

        tables = {
            "counts": {name: len(data[name]) for name in ("experts", "actors", "congruence", "conflict")},
            "camps": [camp for camp in data["camps"] if len(camp) > 1],
            "alone": [camp[0] for camp in data["camps"] if len(camp) == 1],
            "camp_of": {expert: n for n, camp in enumerate(data["camps"]) for expert in camp if len(camp) > 1},
            "congruence": top(data["congruence"], "weight", "raw"),
            "conflict": top(data["conflict"], "weight", "raw"),
            "coevaluation": top(data["coevaluation"], "same", "opposite"),
        }
        ids = {s.rsplit(" ", 1)[0] for t in tables["congruence"] for s in t["actors"]}
        ids |= {a for t in tables["conflict"] for a in t["actors"]}
        ids |= {x for e in tables["coevaluation"] for x in (e["a"], e["b"])}
        tables["names"] = actor_names(corpus, ids | set(data["actors"]))
        return tables

    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    return cached(corpus, "discourse_tables", compute, key)


def discourse_file(corpus: Corpus, network: str, fmt: str, **options: Any) -> str:
    """One discourse network as GraphML or GEXF text (``multivector discourse --export``)."""
    from multivector.analysis.discourse import NETWORKS

    if network not in NETWORKS:
        raise ValueError(f"bad network {network!r}: use one of {', '.join(NETWORKS)}")
    return network_text(discourse_result(corpus, **options), network, fmt)


def changes_data(
    corpus: Corpus,
    *,
    by: str = "quarter",
    actor: str | None = None,
    speaker: str | None = None,
    min_support: int = 1,
    threshold: float = 0.2,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    evidence: int = 3,
) -> dict[str, Any]:
    """The JSON of ``multivector changes``."""
    from multivector.analysis.changes import changes

    check_dates(since, until)
    _period(by)
    if min_support < 1:
        raise ValueError("bad min_support: use a whole number of at least 1")
    evidence = max(0, min(int(evidence), MAX_EVIDENCE))
    key = (by, actor, speaker, min_support, threshold, since, until, limit, evidence)
    return cached(corpus, "changes", lambda: as_json(changes(
        corpus, by=by, actor=actor, speaker=speaker, threshold=threshold, min_support=min_support, since=since,
        until=until, limit=limit or None, evidence=evidence,
    )), *key)  # fmt: skip


def claims_data(
    corpus: Corpus,
    *,
    unit: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The JSON of ``multivector claims``."""
    from multivector.analysis.claims import claims

    check_dates(since, until)
    key = (unit, actor, since, until)
    return cached(corpus, "claims", lambda: as_json(claims(corpus, unit=unit, actor=actor, since=since,
                                                           until=until)), *key)  # fmt: skip


def actor_names(corpus: Corpus, ids: set[str]) -> dict[str, str]:
    """Names of the actors of an answer (an id the corpus does not know is its own name)."""
    return {actor_id: name or actor_id for actor_id, name in names_of(corpus, set(ids)).items()}
