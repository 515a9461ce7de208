"""The JSON API under /api (described at /api/openapi.json). Read-only; limits are capped at
:data:`~multivector.interfaces.web.app.MAX_LIMIT`; unknown ids give 404 and malformed filters 400."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from multivector.interfaces.names import (
    UnknownActor,
    UnknownName,
    UnknownSpeaker,
    UnknownType,
    resolve,
    resolve_path,
    resolve_speaker,
    resolve_type,
    suggest,
)
from multivector.interfaces.web import answers, views
from multivector.interfaces.web.app import cap, open_corpus
from multivector.store import Corpus

#: The query parameter each kind of unknown name came from (an unknown actor has the app's own handler).
NAME_PARAMETERS: dict[type[UnknownName], str] = {UnknownType: "type", UnknownSpeaker: "speaker"}


class NameRoute(APIRoute):
    """A route whose unknown relation type or speaker (names.UnknownType, UnknownSpeaker from resolve_type /
    resolve_speaker) is a 404 with the closest values, as an unknown actor is: under /api, JSON
    ``{"detail", "suggestions", "valid"}``; on a page, the error page with links that retry with each suggestion."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except UnknownName as exc:
                if isinstance(exc, UnknownActor) or type(exc) not in NAME_PARAMETERS:
                    raise
                return unknown_name(request, exc)

        return route


def unknown_name(request: Request, exc: UnknownName) -> Response:
    if request.url.path.startswith("/api"):
        body = {"detail": exc.message(), "suggestions": list(exc.suggestions), "valid": list(exc.valid)}
        return JSONResponse(body, status_code=404)
    parameter = NAME_PARAMETERS[type(exc)]
    retry = [(name, str(request.url.include_query_params(**{parameter: name}))) for name in exc.suggestions]
    context = {"status": 404, "detail": exc.message(), "retry": retry}
    return request.app.state.templates.TemplateResponse(request, "error.html", context, status_code=404)


router = APIRouter(prefix="/api", tags=["api"], route_class=NameRoute)
CorpusDep = Annotated[Corpus, Depends(open_corpus)]
Since = Annotated[str | None, Query(description="ISO date prefix, inclusive: 2023, 2023-05 or 2023-05-14")]
Until = Annotated[str | None, Query(description="ISO date prefix, inclusive")]
Limit = Annotated[int, Query(description="page size, capped at 500")]
ActorParam = Annotated[str | None, Query(description="an actor: id, name, alias or demonym (any case)")]
Modality = Annotated[str | None, Query(description="asserted, negated, hypothetical or future")]
MinConfidence = Annotated[str | None, Query(description="a number from 0 to 1: keep records at least this confident")]


def _json(data: Any) -> JSONResponse:
    """Views already return JSON-ready data: skip FastAPI's generic encoder, which walks every value again (it took
    longer than computing a cached view)."""
    return JSONResponse(data)


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@router.get("/overview")
def api_overview(corpus: CorpusDep) -> dict[str, Any]:
    """Documents, outlets, experts, time span, top actors and most-cited relations."""
    return _json(views.overview_view(corpus))


@router.get("/graph")
def api_graph(
    corpus: CorpusDep,
    since: Since = None,
    until: Until = None,
    speaker: str | None = None,
    type: str | None = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    max_nodes: Annotated[int, Query(description="keep the most connected actors, capped at 500")] = 80,
) -> dict[str, Any]:
    """The actor network: nodes (actors with name, kind, mentions, strength and Louvain ``community``) and edges
    (actor pairs with evidence counts, polarity, types, first/last date and ``forward``/``backward`` directed
    claims)."""
    return _json(views.graph_view(
        corpus, since=_blank(since), until=_blank(until), speaker=resolve_speaker(corpus, speaker),
        type=resolve_type(corpus, type), modality=_blank(modality), min_confidence=_blank(min_confidence),
        max_nodes=cap(max_nodes),
    ))  # fmt: skip


@router.get("/edge")
def api_edge(
    corpus: CorpusDep,
    a: str,
    b: str,
    since: Since = None,
    until: Until = None,
    speaker: str | None = None,
    type: str | None = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The evidence sentences behind the relation between two actors (either order; ids, names, aliases or
    demonyms), each with modality, the direction and confidence of its claim, and counts per polarity, modality
    and direction."""
    return _json(views.edge_view(
        corpus, resolve(corpus, a) or a, resolve(corpus, b) or b, since=_blank(since), until=_blank(until),
        speaker=resolve_speaker(corpus, speaker), type=resolve_type(corpus, type), modality=_blank(modality),
        min_confidence=_blank(min_confidence), limit=cap(limit),
    ))  # fmt: skip


@router.get("/actors")
def api_actors(corpus: CorpusDep, kind: str | None = None, limit: Limit = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Actors, most documented first."""
    return corpus.actors(kind=_blank(kind), limit=cap(limit), offset=max(0, offset))


@router.get("/actors/{actor}")
def api_actor(corpus: CorpusDep, actor: str) -> dict[str, Any]:
    """One actor (id, name, alias or demonym): partners, relations per year, memberships, what each expert says
    about it. Unknown: 404 with ``suggestions``."""
    return _json(views.actor_view(corpus, resolve_path(corpus, actor)))


@router.get("/resolve")
def api_resolve(corpus: CorpusDep, q: str) -> dict[str, Any]:
    """What an actor name resolves to: ``{"id": ...}``, or 404 with ``suggestions`` (closest actors)."""
    actor_id = resolve(corpus, q)
    if actor_id is None:
        raise HTTPException(400, "empty actor name")
    return {"id": actor_id, "suggestions": [{"id": i, "name": n} for i, n in suggest(corpus, q)]}


@router.get("/experts")
def api_experts(corpus: CorpusDep) -> list[dict[str, Any]]:
    """Every speaker with their number of documents and stance mentions."""
    return _json(views.experts_view(corpus))


@router.get("/experts/{name:path}")
def api_expert(corpus: CorpusDep, name: str) -> dict[str, Any]:
    """One expert: stance row, quotes, relation claims, documents and figures."""
    return _json(views.expert_view(corpus, name))


@router.get("/matrix")
def api_matrix(corpus: CorpusDep, actors: Annotated[int, Query(description="columns, capped at 500")] = 30):
    """Experts x actors stance counts; experts ordered by cosine-similarity clustering."""
    return _json(views.matrix_view(corpus, max_actors=cap(actors)))


@router.get("/timeline")
def api_timeline(corpus: CorpusDep) -> dict[str, Any]:
    """Dated events and publication dates, laid out on one axis."""
    return _json(views.timeline_view(corpus))


@router.get("/documents")
def api_documents(
    corpus: CorpusDep, since: Since = None, until: Until = None, actor: ActorParam = None, limit: Limit = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    """Documents, newest first."""
    return corpus.docs(
        since=_blank(since), until=_blank(until), actor=resolve(corpus, actor), limit=cap(limit), offset=max(0, offset)
    )


@router.get("/documents/{doc_id}")
def api_document(corpus: CorpusDep, doc_id: str) -> dict[str, Any]:
    """The full analysis of one document (the JSON of docs/format.md)."""
    return _json(corpus.get(doc_id).to_dict())


@router.get("/relations")
def api_relations(
    corpus: CorpusDep,
    actor: ActorParam = None,
    source: ActorParam = None,
    target: ActorParam = None,
    speaker: str | None = None,
    since: Since = None,
    until: Until = None,
    polarity: str | None = None,
    type: str | None = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Relation claims (one per actor pair and document), newest first, with direction (``source`` -> ``target``,
    null when symmetric), ``modality`` and ``confidence``."""
    extra = views.record_filters(_blank(modality), _blank(min_confidence))
    return corpus.relations(
        actor=resolve(corpus, actor), source=resolve(corpus, source), target=resolve(corpus, target),
        speaker=resolve_speaker(corpus, speaker), since=_blank(since), until=_blank(until),
        polarity=_blank(polarity), type=resolve_type(corpus, type), **extra, limit=cap(limit), offset=max(0, offset),
    )  # fmt: skip


@router.get("/stances")
def api_stances(
    corpus: CorpusDep,
    actor: ActorParam = None,
    speaker: str | None = None,
    modality: Modality = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stance claims (one per speaker, target and document), newest first, with ``modality`` and ``confidence``."""
    extra = views.record_filters(_blank(modality), _blank(min_confidence))
    return corpus.stances(
        actor=resolve(corpus, actor), speaker=resolve_speaker(corpus, speaker), **extra, limit=cap(limit),
        offset=max(0, offset),
    )  # fmt: skip


@router.get("/events")
def api_events(corpus: CorpusDep, since: Since = None, until: Until = None, limit: Limit = 50, offset: int = 0):
    """Dated events, latest first (since/until compare the event's own date)."""
    return corpus.events(since=_blank(since), until=_blank(until), limit=cap(limit), offset=max(0, offset))


@router.get("/figures")
def api_figures(corpus: CorpusDep, unit: str | None = None, limit: Limit = 50, offset: int = 0):
    """Cited figures, newest documents first."""
    return corpus.figures(unit=_blank(unit), limit=cap(limit), offset=max(0, offset))


@router.get("/search")
def api_search(corpus: CorpusDep, q: str, limit: Limit = 20) -> list[dict[str, Any]]:
    """Full-text search over bodies and evidence; matches in snippets are wrapped in U+27E6 / U+27E7."""
    if not q.strip():
        raise HTTPException(400, "empty query")
    return _json(views.search_view(corpus, q, limit=cap(limit)))


# -- answers (docs/analysis.md): the JSON of the CLI's --json, cached per corpus generation --------------------------

By = Annotated[str | None, Query(description="per period: year, quarter or month")]
Speaker = Annotated[str | None, Query(description="only this expert's claims (case-insensitive part of the name)")]
Evidence = Annotated[int, Query(description="claims shown behind each number (0: none), capped at 20")]
Normalisation = Annotated[str, Query(description="DNA's normalisation: none, average, jaccard or cosine")]
Actors = Annotated[list[str] | None, Query(description="only stances on these actors (repeat the parameter)")]
Centres = Annotated[str | None, Query(description="power centres weighed, comma-separated ids (default: all)")]
MinRecords = Annotated[int, Query(description="claims an expert needs to hold a statement")]


@router.get("/balance/{actor}")
def api_balance(
    corpus: CorpusDep,
    actor: str,
    by: By = None,
    speaker: Speaker = None,
    since: Since = None,
    until: Until = None,
    centres: Centres = None,
    evidence: Evidence = 3,
) -> dict[str, Any]:
    """An actor's multi-vector balance over the power centres (``multivector balance ACTOR --json``): per centre
    the weights of cooperative, hostile and neutral firm claims, the share of the cooperative weight, the net,
    hypothetical and negated claims apart (``modalities``) and the expert stances on its members; the balance
    index (normalised entropy of the shares: 1 even, 0 one centre) and the leaning, overall and per period
    (``by``). Each centre lists the claims behind its numbers (``relations``, ``stance_evidence``: evidence,
    document_id, span_start, span_end) and each balance the ``query`` that lists all of them
    (``/api/relations``). The actor is an id, name, alias or demonym; unknown: 404 with ``suggestions``."""
    return _json(answers.balance_data(
        corpus, resolve_path(corpus, actor), by=_blank(by), speaker=resolve_speaker(corpus, speaker),
        since=_blank(since), until=_blank(until), centre_ids=answers.split_list(centres), evidence=evidence,
    ))  # fmt: skip


@router.get("/balance/{actor}/experts")
def api_balance_experts(
    corpus: CorpusDep, actor: str, since: Since = None, until: Until = None, centres: Centres = None
) -> list[dict[str, Any]]:
    """The balance as each expert sees it: for the experts most quoted in the actor's documents, the overall
    balance of their own claims (``/api/balance/{actor}?speaker=NAME`` gives one with its evidence)."""
    return _json(answers.balance_experts(
        corpus, resolve_path(corpus, actor), since=_blank(since), until=_blank(until),
        centre_ids=answers.split_list(centres),
    ))  # fmt: skip


def _discourse_options(corpus: Corpus, normalisation: str, actor: list[str] | None, since: str | None,
                       until: str | None, min_records: int) -> dict[str, Any]:  # fmt: skip
    actors = [resolve_path(corpus, a) for a in actor or [] if a.strip()] or None
    return {"normalisation": normalisation, "actors": actors, "since": _blank(since), "until": _blank(until),
            "min_records": min_records}  # fmt: skip


@router.get("/discourse")
def api_discourse(
    corpus: CorpusDep,
    normalisation: Normalisation = "average",
    actor: Actors = None,
    since: Since = None,
    until: Until = None,
    min_records: MinRecords = 1,
) -> dict[str, Any]:
    """Discourse networks as DNA draws them (``multivector discourse --json``): ``affiliation`` (expert x actor,
    sign of the net stance), ``congruence`` and ``conflict`` (expert x expert, normalised, with the statements
    behind each tie), ``coevaluation`` (actor x actor) and the ``camps`` of experts (Louvain)."""
    options = _discourse_options(corpus, normalisation, actor, since, until, min_records)
    return _json(answers.discourse_data(corpus, **options))


@router.get("/discourse/drawing")
def api_discourse_drawing(
    corpus: CorpusDep,
    normalisation: Normalisation = "average",
    actor: Actors = None,
    since: Since = None,
    until: Until = None,
    min_records: MinRecords = 1,
    max_experts: Annotated[int, Query(description="the most active experts drawn, 2 to 500")] = 80,
    max_ties: Annotated[int, Query(description="the strongest ties of each kind drawn, at most 5,000")] = 800,
) -> dict[str, Any]:
    """What the Discourse page draws: /api/discourse restricted to the most active experts and their strongest
    congruence and conflict ties (``shown`` says how much of the whole), so a large corpus stays drawable."""
    options = _discourse_options(corpus, normalisation, actor, since, until, min_records)
    return _json(answers.discourse_drawing(corpus, max_experts=max_experts, max_ties=max_ties, **options))


def _network_file(corpus, fmt, network, normalisation, actor, since, until, min_records) -> Response:
    options = _discourse_options(corpus, normalisation, actor, since, until, min_records)
    text = answers.discourse_file(corpus, network, fmt, **options)
    media = "application/graphml+xml" if fmt == "graphml" else "application/gexf+xml"
    disposition = f'attachment; filename="discourse-{network}.{fmt}"'
    return Response(text, media_type=media, headers={"Content-Disposition": disposition})


NetworkName = Annotated[str, Query(description="affiliation, congruence, conflict, coevaluation or camps")]


@router.get("/discourse.graphml", response_class=Response)
def api_discourse_graphml(
    corpus: CorpusDep,
    network: NetworkName = "camps",
    normalisation: Normalisation = "average",
    actor: Actors = None,
    since: Since = None,
    until: Until = None,
    min_records: MinRecords = 1,
):
    """One discourse network as GraphML (``multivector discourse --export FILE.graphml --network NAME``)."""
    return _network_file(corpus, "graphml", network, normalisation, actor, since, until, min_records)


@router.get("/discourse.gexf", response_class=Response)
def api_discourse_gexf(
    corpus: CorpusDep,
    network: NetworkName = "camps",
    normalisation: Normalisation = "average",
    actor: Actors = None,
    since: Since = None,
    until: Until = None,
    min_records: MinRecords = 1,
):
    """One discourse network as GEXF, for Gephi (``multivector discourse --export FILE.gexf --network NAME``)."""
    return _network_file(corpus, "gexf", network, normalisation, actor, since, until, min_records)


@router.get("/changes")
def api_changes(
    corpus: CorpusDep,
    by: Annotated[str, Query(description="periods compared: year, quarter or month")] = "quarter",
    actor: ActorParam = None,
    speaker: Speaker = None,
    min_support: Annotated[int, Query(description="claims each side needs")] = 1,
    threshold: Annotated[float, Query(description="|net| that makes a period + or -", gt=0, le=1)] = 0.2,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(description="changes returned, capped at 500")] = 20,
    evidence: Evidence = 3,
) -> dict[str, Any]:
    """Relations and expert stances whose polarity turns between consecutive periods (``multivector changes
    --json``), ranked by size and support, each with the claims before and after (``evidence_before``,
    ``evidence_after``)."""
    return _json(answers.changes_data(
        corpus, by=by, actor=resolve(corpus, actor), speaker=resolve_speaker(corpus, speaker), min_support=min_support,
        threshold=threshold, since=_blank(since), until=_blank(until), limit=cap(limit), evidence=evidence,
    ))  # fmt: skip


@router.get("/claims")
def api_claims(
    corpus: CorpusDep,
    unit: Annotated[str | None, Query(description="only figures in this unit (USD, tonnes, ...)")] = None,
    actor: ActorParam = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Conflicting claims (``multivector claims --json``): figures of one quantity whose values disagree beyond
    rounding (``conflicts``, every figure with its evidence, the pairs that disagree) and membership claims the
    catalogue contradicts (``memberships``)."""
    return _json(answers.claims_data(
        corpus, unit=_blank(unit), actor=resolve(corpus, actor), since=_blank(since), until=_blank(until)
    ))  # fmt: skip
