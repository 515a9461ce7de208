"""The HTML pages: each route gathers its data through :mod:`multivector.interfaces.web.views` and renders a
Jinja template (autoescaped). Read-only; unknown ids raise KeyError, which the app turns into a 404 page."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from multivector.analysis.discourse import NORMALISATIONS
from multivector.interfaces.names import resolve, resolve_path, resolve_speaker, resolve_type
from multivector.interfaces.web import answers, views
from multivector.interfaces.web.api import NameRoute
from multivector.interfaces.web.app import cap, html, open_corpus
from multivector.store import Corpus

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse, route_class=NameRoute)
CorpusDep = Annotated[Corpus, Depends(open_corpus)]


def _blank(value: str | None) -> str | None:
    """Empty form fields mean 'no filter'."""
    value = (value or "").strip()
    return value or None


@router.get("/")
def overview_page(request: Request, corpus: CorpusDep):
    return html(request, "overview.html", page="overview", data=views.overview_view(corpus))


@router.get("/network")
def network_page(
    request: Request,
    corpus: CorpusDep,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    min_confidence: str | None = None,
    focus: str | None = None,
    top: int = 100,
    min_weight: int = 1,
):
    filters = {"since": _blank(since), "until": _blank(until), "speaker": resolve_speaker(corpus, speaker),
               "type": resolve_type(corpus, type)}  # fmt: skip
    views.check_dates(filters["since"], filters["until"])
    filters.update(views.record_filters(_blank(modality), _blank(min_confidence)))
    view = {"focus": resolve(corpus, focus), "top": cap(top), "min_weight": max(1, min_weight)}
    experts = [e["name"] for e in views.overview.expert_names(corpus.connection)]
    return html(
        request,
        "network.html",
        page="network",
        filters=filters,
        view=view,
        types=views.relation_types(corpus),
        experts=experts,
        modalities=views.MODALITIES,
    )


@router.get("/actors")
def actors_page(request: Request, corpus: CorpusDep, kind: str | None = None, limit: Annotated[int, Query()] = 200):
    rows = corpus.actors(kind=_blank(kind), limit=cap(limit))
    return html(request, "actors.html", page="actors", actors=rows, kind=_blank(kind), kinds=views.KIND_ORDER)


@router.get("/actor/{actor}")
def actor_page(request: Request, corpus: CorpusDep, actor: str):
    """An actor by id, name, alias or demonym; a name redirects to the id's URL, an unknown one is a 404 with
    suggestions."""
    actor_id = resolve_path(corpus, actor)
    if actor_id != actor:
        return RedirectResponse(f"/actor/{quote(actor_id, safe='')}", status_code=307)
    return html(request, "actor.html", page="actors", data=views.actor_view(corpus, actor_id))


@router.get("/experts")
def experts_page(request: Request, corpus: CorpusDep):
    return html(request, "experts.html", page="experts", experts=views.experts_view(corpus))


@router.get("/expert/{name:path}")
def expert_page(request: Request, corpus: CorpusDep, name: str):
    return html(request, "expert.html", page="experts", data=views.expert_view(corpus, name))


@router.get("/matrix")
def matrix_page(request: Request, corpus: CorpusDep, actors: int = 30):
    return html(request, "matrix.html", page="matrix", data=views.matrix_view(corpus, max_actors=cap(actors)))


@router.get("/timeline")
def timeline_page(request: Request, corpus: CorpusDep):
    return html(request, "timeline.html", page="timeline", data=views.timeline_view(corpus))


@router.get("/documents")
def documents_page(request: Request, corpus: CorpusDep, limit: int = 100, offset: int = 0):
    limit, offset = cap(limit), max(0, offset)
    rows = corpus.docs(limit=limit, offset=offset)
    return html(
        request, "documents.html", page="documents", docs=rows, limit=limit, offset=offset, total=corpus.count()
    )


@router.get("/doc/{doc_id}")
def document_page(request: Request, corpus: CorpusDep, doc_id: str):
    return html(request, "document.html", page="documents", data=views.document_view(corpus, doc_id))


@router.get("/search")
def search_page(request: Request, corpus: CorpusDep, q: str | None = None, limit: int = 50):
    query = _blank(q)
    hits = views.search_view(corpus, query, limit=cap(limit)) if query else []
    return html(request, "search.html", page="search", q=query or "", hits=hits)


@router.get("/api")
def api_page(request: Request):
    return html(request, "api.html", page="api", spec=request.app.openapi())


# -- answers (docs/analysis.md) --------------------------------------------------------------------------------------


def _states(corpus: Corpus) -> list[dict]:
    return views.cached(corpus, "states", lambda: corpus.actors(kind="state", limit=300))


@router.get("/balance")
def balance_page(
    request: Request,
    corpus: CorpusDep,
    actor: str | None = None,
    by: str | None = "year",
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    centres: str | None = None,
):
    """An actor's balance over the power centres; without an actor, the picker and the most-mentioned states."""
    filters = {"by": _blank(by), "speaker": resolve_speaker(corpus, speaker), "since": _blank(since),
               "until": _blank(until), "centres": _blank(centres)}  # fmt: skip
    states = _states(corpus)
    context = {"page": "balance", "filters": filters, "states": states, "actor": None, "data": None, "names": {}}
    if _blank(actor) is None:
        return html(request, "balance.html", **context)
    actor_id = resolve_path(corpus, actor)
    chosen = answers.split_list(filters["centres"])
    options = {"since": filters["since"], "until": filters["until"], "centre_ids": chosen}
    data = answers.balance_data(corpus, actor_id, by=filters["by"], speaker=filters["speaker"], evidence=3, **options)
    shown = answers.page_evidence(data)
    experts = [] if filters["speaker"] else answers.balance_experts(corpus, actor_id, **options)
    members = {c.id: [m for m in c.members if m != actor_id] for c in answers.centres(chosen)}
    ids = {actor_id} | {r[k] for part in data["overall"]["centres"] for r in part["relations"] for k in ("a", "b")}
    ids |= {r["target"] for part in data["overall"]["centres"] for r in part["stance_evidence"]}

    def link(**changes: str | None) -> str:
        """This page's URL with some parameters changed (empty ones left out)."""
        params = {"actor": actor_id, **filters} | changes
        return "/balance?" + urlencode({key: value for key, value in params.items() if value})

    return html(request, "balance.html", **context | {"actor": actor_id, "data": data, "experts": experts,
                "members": members, "names": answers.actor_names(corpus, ids), "link": link,
                "shown": shown})  # fmt: skip


@router.get("/discourse")
def discourse_page(
    request: Request,
    corpus: CorpusDep,
    normalisation: str = "average",
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_records: int = 1,
):
    """The experts' congruence / conflict network with its camps and the expert x actor network (drawn by
    static/discourse.js from /api/discourse), with the strongest ties listed."""
    actors = [resolve_path(corpus, a) for a in answers.split_list(actor)] or None
    window = None
    if since is None and until is None and "normalisation" not in request.query_params:
        window = answers.default_window(corpus)  # a large corpus opens on its latest months
        since = window
    options = {"normalisation": normalisation, "actors": actors, "since": _blank(since), "until": _blank(until),
               "min_records": max(1, min_records)}  # fmt: skip
    data = answers.discourse_tables(corpus, **options)
    drawing = answers.discourse_drawing(corpus, **options)["shown"]
    query = urlencode(
        [
            (k, v)
            for k, v in (
                ("normalisation", normalisation),
                ("since", options["since"]),
                ("until", options["until"]),
                ("min_records", options["min_records"]),
            )
            if v
        ]  # fmt: skip
        + [("actor", a) for a in actors or []]
    )
    return html(request, "discourse.html", page="discourse", data=data, options=options, actor=actor or "",
                query=query, names=data["names"], camp_of=data["camp_of"], normalisations=NORMALISATIONS,
                window=window, drawing=drawing)  # fmt: skip


@router.get("/changes")
def changes_page(
    request: Request,
    corpus: CorpusDep,
    by: str = "quarter",
    actor: str | None = None,
    speaker: str | None = None,
    min_support: int = 1,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
):
    actor_id = resolve(corpus, actor)
    filters = {"by": by, "actor": actor_id, "speaker": resolve_speaker(corpus, speaker),
               "min_support": max(1, min_support), "since": _blank(since), "until": _blank(until)}  # fmt: skip
    data = answers.changes_data(corpus, **filters, limit=cap(limit), evidence=3)
    ids = {c["other"] for c in data["changes"]} | {c["subject"] for c in data["changes"] if c["kind"] == "relation"}
    return html(request, "changes.html", page="changes", data=data, filters=filters, actor=actor or "",
                names=answers.actor_names(corpus, ids), periods=answers.PERIODS)  # fmt: skip


@router.get("/claims")
def claims_page(
    request: Request,
    corpus: CorpusDep,
    unit: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
):
    actor_id = resolve(corpus, actor)
    filters = {"unit": _blank(unit), "actor": actor_id, "since": _blank(since), "until": _blank(until)}
    data = answers.claims_data(corpus, **filters)
    ids = {a for c in data["conflicts"] for a in c["quantity"]["actors"]}
    ids |= {x for m in data["memberships"] for x in (m["member"], m["org"])}
    return html(request, "claims.html", page="claims", data=data, filters=filters, actor=actor or "",
                names=answers.actor_names(corpus, ids))  # fmt: skip
