"""The HTTP API (FastAPI): events, one event with its Arabic evidence, stats, corrections, ingest.

Reads and writes go through the store's own functions (``Store.clusters``,
``Store.events``, ``Store.members``, ``corrections.correct``, ``Store.save_many``),
so the API answers exactly what ``marsad events`` / ``marsad correct`` /
``marsad ingest`` would. Writes need ``X-API-Key`` equal to ``MARSAD_API_KEY``
(compared in constant time); with no key configured, writes are refused.
No CORS headers are sent: a page from another origin cannot read the API.
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import json
import os
import threading
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from starlette.middleware.base import BaseHTTPMiddleware

from marsad.export.dataset import cluster_row, report_as_cluster
from marsad.export.writers import write_csv, write_geojson
from marsad.model import Article, Event
from marsad.store import Store, StoreError
from marsad.store.corrections import reviewed
from marsad.store.errors import UnknownIdError
from marsad.store.schema import ClusterRow, CorrectionRow, EventRow

DEFAULT_MAX_BODY = 5 * 1024 * 1024  # bytes per request body
MAX_PAGE = 1000
WEB_DIR = Path(__file__).resolve().parent.parent / "web" / "static"


# ---------------------------------------------------------------- settings


class Settings(BaseModel):
    db: str
    api_key: str | None = None  # None: writes refused
    protect_reads: bool = False  # reads need the key too
    max_body: int = DEFAULT_MAX_BODY
    min_confidence: float | None = None  # for POST /api/articles (None: the pipeline default)

    @classmethod
    def from_env(cls, db: str, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "db": db,
            "api_key": os.environ.get("MARSAD_API_KEY") or None,
            "protect_reads": os.environ.get("MARSAD_API_PROTECT_READS", "") in ("1", "true", "yes"),
        }
        if os.environ.get("MARSAD_API_MAX_BODY"):
            values["max_body"] = int(os.environ["MARSAD_API_MAX_BODY"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


class BodyLimit(BaseHTTPMiddleware):
    """413 for a request body over the limit (declared length or bytes actually sent)."""

    def __init__(self, app: Any, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def dispatch(self, request: Request, call_next: Any) -> Response:
        if request.method in ("POST", "PATCH", "PUT", "DELETE"):
            declared = request.headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > self.limit:
                return _too_large(self.limit)
            body = bytearray()
            async for chunk in request.stream():
                body.extend(chunk)
                if len(body) > self.limit:
                    return _too_large(self.limit)
            request._body = bytes(body)  # read once here; the route reads it again from memory
        return await call_next(request)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(
        {"detail": f"request body over the limit of {limit} bytes"}, status_code=413
    )


# ---------------------------------------------------------------- bodies


class Correction(BaseModel):
    """A correction of an event (cluster id) or a report (event id)."""

    changes: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="field → new value (null clears it)"
    )
    accept: bool = Field(
        False, description="Checked and right: changes nothing, leaves the review queue"
    )
    note: str = Field(min_length=1, description="Why (kept with the correction)")
    author: str = Field(min_length=1, description="Who")
    merge_with: str | None = Field(None, description="Merge with this other event or cluster")
    split: list[str] | None = Field(
        None, description="Event ids to take out of the cluster ([] = all)"
    )


def _raw(value: Any) -> str:
    """A JSON value as the text ``marsad correct field=value`` would be given."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ---------------------------------------------------------------- app


def create_app(settings: Settings) -> FastAPI:
    store = Store(settings.db)
    app = FastAPI(
        title="marsad",
        version="0.1.0",
        description="Arabic news coded into ACLED-schema conflict events, with evidence.",
    )
    app.state.store = store
    app.state.settings = settings
    app.add_middleware(BodyLimit, limit=settings.max_body)
    pipeline_lock = threading.Lock()
    pipelines: list[Any] = []

    def pipeline() -> Any:
        with pipeline_lock:
            if not pipelines:
                from marsad.pipeline import Pipeline

                kwargs = (
                    {}
                    if settings.min_confidence is None
                    else {"min_confidence": settings.min_confidence}
                )
                pipelines.append(Pipeline(**kwargs))
            return pipelines[0]

    def check_key(given: str | None) -> None:
        if settings.api_key is None:
            raise HTTPException(403, "writes are disabled: set MARSAD_API_KEY on the server")
        if given is None or not hmac.compare_digest(given.encode(), settings.api_key.encode()):
            raise HTTPException(401, "missing or wrong X-API-Key")

    def writer(x_api_key: Annotated[str | None, Header()] = None) -> None:
        check_key(x_api_key)

    def reader(x_api_key: Annotated[str | None, Header()] = None) -> None:
        if settings.protect_reads:
            check_key(x_api_key)

    @app.exception_handler(StoreError)
    def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        status = 404 if isinstance(exc, UnknownIdError) else 422
        return JSONResponse({"detail": str(exc)}, status_code=status)

    # ------------------------------------------------------------ reads

    @app.get(
        "/api/events",
        dependencies=[Depends(reader)],
        summary="Events (clusters) or reports matching the filters of `marsad events`",
    )
    def list_events(
        filters: Annotated[dict[str, Any], Depends(event_filters)],
        reports: Annotated[bool, Query(description="One row per article's report")] = False,
        review: Annotated[
            bool,
            Query(description="Review queue: not yet accepted or corrected, least confident first"),
        ] = False,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
        format: Annotated[str, Query(pattern="^(json|geojson|csv)$")] = "json",  # noqa: A002
    ) -> Response:
        rows = (
            _queue(store, reports, filters)[offset : offset + limit + 1]
            if review
            else _rows(store, reports, filters, limit=limit + 1, offset=offset)
        )
        more = len(rows) > limit
        rows = rows[:limit]
        headers = {}
        if more:
            headers["X-Next-Offset"] = str(offset + limit)
        if format == "csv":
            buf = io.StringIO()
            write_csv(rows, buf)
            return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
        if format == "geojson":
            buf = io.StringIO()
            write_geojson(rows, buf)
            return Response(buf.getvalue(), media_type="application/geo+json", headers=headers)
        body = {
            "events": rows,
            "count": len(rows),
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if more else None,
        }
        return JSONResponse(_jsonable(body), headers=headers)

    @app.get(
        "/api/events/{event_id}",
        dependencies=[Depends(reader)],
        summary="One event: its fields, reports, trace and each source's text with evidence",
    )
    def get_event(event_id: str) -> JSONResponse:
        return JSONResponse(_jsonable(_event_detail(store, event_id)))

    @app.get(
        "/api/stats",
        dependencies=[Depends(reader)],
        summary="Counts and fatalities by day, event type and country for the filters",
    )
    def stats(filters: Annotated[dict[str, Any], Depends(event_filters)]) -> JSONResponse:
        return JSONResponse(_stats(store.clusters(**filters)))

    # ------------------------------------------------------------ writes

    @app.patch(
        "/api/events/{event_id}",
        dependencies=[Depends(writer)],
        summary="Correct an event or report (as `marsad correct`)",
    )
    def patch_event(event_id: str, body: Correction) -> JSONResponse:
        from marsad.store.corrections import correct

        if not (body.changes or body.accept or body.merge_with or body.split is not None):
            raise HTTPException(
                422, "nothing to correct: give changes, accept, merge_with or split"
            )
        ids = correct(
            store,
            event_id,
            changes={k: _raw(v) for k, v in body.changes.items()},
            accept=body.accept,
            merge_with=body.merge_with,
            split=body.split,
            note=body.note,
            author=body.author,
        )
        return JSONResponse(_jsonable(_after_correction(store, ids)))

    @app.delete(
        "/api/events/{event_id}",
        dependencies=[Depends(writer)],
        summary="Remove an event or report from the dataset (a recorded correction)",
    )
    def delete_event(
        event_id: str,
        note: Annotated[str, Query(min_length=1, description="Why")],
        author: Annotated[str, Query(min_length=1, description="Who")],
    ) -> JSONResponse:
        from marsad.store.corrections import correct

        ids = correct(store, event_id, delete=True, note=note, author=author)
        return JSONResponse(_jsonable(_after_correction(store, ids)))

    @app.post(
        "/api/articles",
        dependencies=[Depends(writer)],
        summary="Submit one article or a list (FORMATS §1): extract, store, link",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [
                                {"$ref": "#/components/schemas/Article"},
                                {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Article"},
                                },
                            ]
                        }
                    }
                },
            }
        },
    )
    async def post_articles(request: Request) -> JSONResponse:
        articles = _parse_articles(await request.body())
        extract = pipeline().extract
        pairs = [(a, extract(a)) for a in articles]
        saved = store.save_many(pairs)
        return JSONResponse(_jsonable(_new_events(store, articles, saved)), status_code=201)

    _add_article_schema(app)
    _mount_web(app)
    return app


def event_filters(
    country: Annotated[str | None, Query(description="ISO3 code or English name")] = None,
    admin1: Annotated[str | None, Query(description="First-level unit")] = None,
    type: Annotated[str | None, Query(description="Event type or sub-event type")] = None,  # noqa: A002
    actor: Annotated[
        str | None, Query(description="Part of an actor's name (English or Arabic)")
    ] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="First date")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Last date")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    min_sources: Annotated[int | None, Query(ge=0)] = None,
    text: Annotated[str | None, Query(description="Arabic words in the article text")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> dict[str, Any]:
    """The filters of ``marsad events``, with the same names (``type``, ``from``, ``to``)."""
    return {
        "country": country,
        "admin1": admin1,
        "event_type": type,
        "actor": actor,
        "date_from": date_from,
        "date_to": date_to,
        "bbox": _bbox(bbox),
        "min_fatalities": min_fatalities,
        "min_sources": min_sources,
        "text": text,
        "min_confidence": min_confidence,
    }


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    from marsad.store.query import parse_bbox

    try:
        return parse_bbox(value)
    except ValueError:
        raise HTTPException(
            422, f"bbox needs west,south,east,north in degrees, got {value!r}"
        ) from None


def _rows(
    store: Store, reports: bool, filters: dict[str, Any], **page: Any
) -> list[dict[str, Any]]:
    """Export rows, exactly as ``marsad events`` prints them."""
    if reports:
        stamps = store.event_stamps()
        return [
            cluster_row(report_as_cluster(e, stamps.get(e.event_id)))
            for e in store.events(**filters, **page)
        ]
    return [cluster_row(c) for c in store.clusters(**filters, **page)]


def _queue(store: Store, reports: bool, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The review queue: rows not yet reviewed, least confident first (then by date and id).

    An event (cluster) stays in the queue until every one of its reports was accepted or
    corrected, so a report that joins an accepted event puts it back for review.
    """
    done = reviewed(store)
    rows = [r for r in _rows(store, reports, filters) if not _is_reviewed(r, done)]
    return sorted(rows, key=lambda r: r["confidence"] if r["confidence"] is not None else 0)


def _is_reviewed(row: dict[str, Any], done: set[str]) -> bool:
    ids = [i for i in (row.get("event_ids") or "").split("; ") if i]
    return bool(ids) and set(ids) <= done


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=_default))


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


# ---------------------------------------------------------------- one event


def _cluster_of(store: Store, event_id: str) -> dict[str, Any]:
    """The stored cluster with this id, or the cluster holding this report."""
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                select(*ClusterRow.__table__.columns).where(ClusterRow.cluster_id == event_id)
            )
            .mappings()
            .first()
        )
        if row is None:
            holder = conn.execute(
                select(EventRow.cluster_id).where(EventRow.event_id == event_id)
            ).scalar()
            if holder is not None:
                row = (
                    conn.execute(
                        select(*ClusterRow.__table__.columns).where(ClusterRow.cluster_id == holder)
                    )
                    .mappings()
                    .first()
                )
    if row is None:
        raise HTTPException(404, f"no event with id {event_id!r} in the store (or it was deleted)")
    return dict(row)


def _event_detail(store: Store, event_id: str) -> dict[str, Any]:
    cluster = _cluster_of(store, event_id)
    members = store.members([cluster["cluster_id"]]).get(cluster["cluster_id"], [])
    reports = []
    articles: dict[str, Any] = {}
    trace: list[str] = []
    for member in members:
        article = store.article(member["article_id"])
        if article is not None and article.id not in articles:
            articles[article.id] = article.model_dump()
        for rule in member["trace"]:
            if rule not in trace:
                trace.append(rule)
        reports.append(
            {
                **member,
                "article": article.id if article else None,
                "evidence_text": _evidence_text(article, member["evidence"]),
            }
        )
    return {
        "event": cluster_row(cluster),
        "cluster": cluster,
        "trace": trace,
        "reports": reports,
        "articles": articles,
        "corrections": _corrections_for(store, [cluster["cluster_id"], *cluster["event_ids"]]),
        "reviewed": _is_reviewed(cluster_row(cluster), reviewed(store)),
    }


def _evidence_text(article: Article | None, evidence: dict[str, Any]) -> dict[str, list[str]]:
    """Each evidence span's words (what the dashboard highlights), field by field."""
    if article is None:
        return {}
    return {
        field: [article.text[s:e] for s, e in spans] for field, spans in (evidence or {}).items()
    }


def _corrections_for(store: Store, targets: list[str]) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(*CorrectionRow.__table__.columns)
            .where(CorrectionRow.target_id.in_(targets))
            .order_by(CorrectionRow.id)
        ).mappings()
        return [dict(r) for r in rows]


def _after_correction(store: Store, ids: list[int]) -> dict[str, Any]:
    """The corrections just recorded, and the events now holding their anchor reports."""
    with store.engine.connect() as conn:
        recorded = [
            dict(r)
            for r in conn.execute(
                select(*CorrectionRow.__table__.columns)
                .where(CorrectionRow.id.in_(ids))
                .order_by(CorrectionRow.id)
            ).mappings()
        ]
        anchors = sorted({a for r in recorded for a in r["anchors"]})
        holders = sorted(
            {
                c
                for (c,) in conn.execute(
                    select(EventRow.cluster_id).where(EventRow.event_id.in_(anchors))
                )
                if c
            }
        )
    events = [cluster_row(_cluster_of(store, c)) for c in holders if _exists(store, c)]
    return {"corrections": recorded, "events": events}


def _exists(store: Store, cluster_id: str) -> bool:
    with store.engine.connect() as conn:
        return (
            conn.execute(
                select(ClusterRow.cluster_id).where(ClusterRow.cluster_id == cluster_id)
            ).first()
            is not None
        )


# ---------------------------------------------------------------- stats


def _stats(clusters: list[dict[str, Any]]) -> dict[str, Any]:
    def table(key: Any) -> list[dict[str, Any]]:
        count: Counter[str] = Counter()
        killed: Counter[str] = Counter()
        for c in clusters:
            k = key(c)
            count[k] += 1
            killed[k] += c["fatalities"] or 0
        return [{"key": k, "events": count[k], "fatalities": killed[k]} for k in sorted(count)]

    by_day_type: dict[str, Counter[str]] = defaultdict(Counter)
    for c in clusters:
        if c["event_date"] is not None:
            by_day_type[c["event_date"].isoformat()][c["event_type"]] += 1
    return {
        "events": len(clusters),
        "fatalities": sum(c["fatalities"] or 0 for c in clusters),
        "by_day": table(lambda c: c["event_date"].isoformat() if c["event_date"] else "undated"),
        "by_type": table(lambda c: c["event_type"]),
        "by_country": table(lambda c: c["iso3"] or "unknown"),
        "by_day_and_type": {d: dict(t) for d, t in sorted(by_day_type.items())},
    }


# ---------------------------------------------------------------- ingest


def _parse_articles(raw: bytes) -> list[Article]:
    """One FORMATS §1 object or a list of them; 422 naming what is wrong and where."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise HTTPException(422, f"body is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise HTTPException(
            422, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(422, "no articles: send an object or a non-empty list of objects")
    articles = []
    for n, item in enumerate(items):
        where = f"article {n}" if isinstance(data, list) else "article"
        if not isinstance(item, dict):
            raise HTTPException(422, f"{where}: not a JSON object")
        if "text" not in item and "content" in item:
            item = {**item, "text": item["content"]}
        try:
            articles.append(Article(**item))
        except (ValidationError, TypeError) as exc:
            raise HTTPException(422, f"{where}: {_first_error(exc)}") from None
    return articles


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()
        )
    return str(exc)


def _new_events(store: Store, articles: list[Article], saved: Any) -> dict[str, Any]:
    ids = sorted({a.id for a in articles})
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(EventRow.event_id, EventRow.cluster_id)
            .where(EventRow.article_id.in_(ids))
            .order_by(EventRow.event_id)
        ).all()
    holders = sorted({c for _e, c in rows if c})
    reports: list[Event] = (
        store.events(article_id=ids[0])
        if len(ids) == 1
        else [e for i in ids for e in store.events(article_id=i)]
    )
    return {
        "saved": {
            "new": saved.new,
            "replaced": saved.replaced,
            "unchanged": saved.unchanged,
            "aliased": saved.aliased,
            "events": saved.events,
        },
        "events": [cluster_row(_cluster_of(store, c)) for c in holders if _exists(store, c)],
        "reports": [e.model_dump(mode="json") for e in reports],
    }


def _add_article_schema(app: FastAPI) -> None:
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("schemas", {})["Article"] = (
            Article.model_json_schema()
        )
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _mount_web(app: FastAPI) -> None:
    """The dashboard (static files) at ``/`` when the package carries it."""
    if not (WEB_DIR / "index.html").exists():
        return
    from fastapi.staticfiles import StaticFiles

    app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
