"""The read-only web app over a corpus: server-rendered pages, a JSON API and its OpenAPI description.

Contract:
- :func:`create_app` returns a FastAPI app serving one corpus file, read-only, through a small pool of open
  connections (:class:`~multivector.store.CorpusPool`): each request borrows one for its duration, so no connection
  is used by two threads at once and no request pays for opening the file. The app never writes.
- Everything it needs is served by itself from the installed package (``static/``): no CDN, works offline. FastAPI's
  Swagger/ReDoc pages load their scripts from a CDN, so they are disabled; the OpenAPI JSON is at
  ``/api/openapi.json`` and ``/api`` renders it as a plain HTML page.
- Every response carries a Content-Security-Policy with ``script-src 'self'`` (no inline script can run, even one
  smuggled into an article), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``.
- Templates use Jinja autoescape; scripts put data on the page with ``textContent`` only.
- An actor in a URL or parameter may be an id, name, alias or demonym (:mod:`.resolve`); an unknown one is a 404
  that suggests the closest actors. Unknown ids give 404, malformed filter values 400, and ``limit`` parameters are
  capped (:data:`MAX_LIMIT`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from multivector import __version__
from multivector.errors import CorpusError
from multivector.interfaces.names import UnknownActor
from multivector.store import MARKS, Corpus, CorpusPool

HERE = Path(__file__).resolve().parent
MAX_LIMIT = 500
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_path: str | Path) -> FastAPI:
    """A web app over the corpus at ``db_path`` (checked now, so a bad file fails at start, not per request)."""
    db_path = Path(db_path)
    Corpus(db_path, readonly=True).close()  # raises CorpusError for a missing or unusable file
    app = FastAPI(
        title="multivector",
        version=__version__,
        description="Read-only JSON API over a multivector corpus.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: the app must work offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db_path = db_path
    app.state.pool = CorpusPool(db_path)
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_security_headers(app)
    _add_error_pages(app)
    from multivector.interfaces.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def open_corpus(request: Request) -> Iterator[Corpus]:
    """FastAPI dependency: a read-only corpus from the app's pool for the duration of one request."""
    with request.app.state.pool.corpus() as corpus:
        yield corpus


def cap(limit: int) -> int:
    """Clamp a requested page size into 1..MAX_LIMIT."""
    return max(1, min(int(limit), MAX_LIMIT))


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.autoescape = True
    templates.env.filters["marked"] = marked
    templates.env.filters["polarity_class"] = polarity_class
    templates.env.filters["number"] = human_number
    templates.env.globals["version"] = __version__
    templates.env.globals["doc_title"] = doc_title
    templates.env.filters["confidence"] = confidence_label
    return templates


def marked(snippet: str | None) -> Markup:
    """A search snippet with the store's match markers turned into <mark>: escaped first, so only <mark> is markup."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARKS[0], "<mark>").replace(MARKS[1], "</mark>"))


def human_number(value: float | int | None) -> str:
    """4100000000 -> '4.1 billion', 62.0 -> '62', 0.25 -> '0.25': readable figures for tables."""
    if value is None:
        return ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def doc_title(row: Any) -> str:
    """The one name of a document on every page (see views.doc_title): accepts a row dict or an Analysis."""
    from multivector.interfaces.web.views import doc_title as title_of

    if not isinstance(row, dict):
        row = {"title": getattr(row, "title", None), "id": getattr(row, "id", None)}
    return title_of(row)


def confidence_label(value: float | None) -> str:
    """0.8 -> '0.80'; None (records analysed before confidences) -> ''."""
    return "" if value is None else f"{float(value):.2f}"


def polarity_class(polarity: str | None) -> str:
    return {"+": "pos", "-": "neg"}.get(polarity or "", "neu")


def _add_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _add_error_pages(app: FastAPI) -> None:
    """JSON errors under /api, a small HTML page elsewhere; bad values are 400, corpus failures 503."""

    def respond(request: Request, status: int, detail: str):
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": detail}, status_code=status)
        context = {"status": status, "detail": detail}
        return request.app.state.templates.TemplateResponse(request, "error.html", context, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return respond(request, exc.status_code, str(exc.detail))

    @app.exception_handler(UnknownActor)
    async def unknown_actor(request: Request, exc: UnknownActor):
        if request.url.path.startswith("/api"):
            suggestions = [{"id": actor_id, "name": name} for actor_id, name in exc.suggestions]
            return JSONResponse({"detail": exc.message(), "suggestions": suggestions}, status_code=404)
        context = {"status": 404, "detail": exc.message(), "suggestions": exc.suggestions}
        return request.app.state.templates.TemplateResponse(request, "error.html", context, status_code=404)

    @app.exception_handler(KeyError)
    async def not_found(request: Request, exc: KeyError):
        return respond(request, 404, "not found")

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        where = errors[0].get("loc", ())[-1] if errors else "a parameter"
        return respond(request, 400, f"bad value for {where!r}: {errors[0].get('msg', 'invalid') if errors else ''}")

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        return respond(request, 400, str(exc))

    @app.exception_handler(CorpusError)
    async def corpus_error(request: Request, exc: CorpusError):
        return respond(request, 503, "the corpus cannot be read")


def html(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)
