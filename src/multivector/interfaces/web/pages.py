"""The HTML pages: each route gathers its data through :mod:`multivector.interfaces.web.views` and renders a
Jinja template (autoescaped). Read-only; unknown ids raise KeyError, which the app turns into a 404 page."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from multivector.interfaces.names import resolve, resolve_path
from multivector.interfaces.web import views
from multivector.interfaces.web.app import cap, html, open_corpus
from multivector.store import Corpus

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
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
    filters = {"since": _blank(since), "until": _blank(until), "speaker": _blank(speaker), "type": _blank(type)}
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
