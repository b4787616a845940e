"""Analysts' corrections: recorded (who, what, when, why), applied now and after every re-link.

A correction names an event (one report) or a cluster (the dataset's event).
Event field changes are re-applied whenever the event is stored again
(re-extraction); cluster corrections follow the cluster that holds their
anchor reports; merges and splits are constraints the linker obeys.
"""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from marsad.model import EVENT_TYPES, SUB_EVENT_TO_TYPE, Event
from marsad.store import linking
from marsad.store.clean import clean
from marsad.store.errors import StoreError, UnknownIdError
from marsad.store.schema import ClusterRow, CorrectionRow, EventRow
from marsad.store.store import Store

EVENT_FIELDS_NOT_CORRECTABLE = {"event_id", "article_id", "evidence", "trace", "sources"}
CLUSTER_FIELDS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "civilian_targeting", "location",
    "country", "iso3", "admin1", "latitude", "longitude", "geo_precision", "fatalities",
    "fatalities_high", "injured", "notes",
}  # fmt: skip


def _kind(conn: Connection, target: str) -> tuple[str, list[str]]:
    """("event" | "cluster", the member event ids) of an id, or UnknownIdError."""
    members = [
        e
        for (e,) in conn.execute(
            select(ClusterRow.event_ids).where(ClusterRow.cluster_id == target)
        )
    ]
    if members:
        return "cluster", sorted(members[0])
    if conn.execute(select(EventRow.event_id).where(EventRow.event_id == target)).first():
        return "event", [target]
    raise UnknownIdError(f"no event or cluster with id {target!r} in the store")


def _typed(kind: str, field: str, raw: str) -> Any:
    """``raw`` (command-line text) as the field's type, checked by the Event model."""
    allowed = (
        CLUSTER_FIELDS
        if kind == "cluster"
        else set(Event.model_fields) - EVENT_FIELDS_NOT_CORRECTABLE
    )
    if field not in allowed:
        raise StoreError(
            f"field {field!r} cannot be corrected on a {kind}; one of: {', '.join(sorted(allowed))}"
        )
    if raw.lower() in ("", "null", "none"):
        value: Any = None
    else:
        value = raw
    probe_field = "fatalities" if field == "fatalities_high" else field
    annotation = Event.model_fields[probe_field].annotation
    try:
        value = TypeAdapter(annotation).validate_python(value)
        if field == "event_date" and value is not None:
            value = dt.date.fromisoformat(value).isoformat()
    except (ValidationError, ValueError) as exc:
        raise StoreError(f"{field}={raw!r} is not a valid {annotation}") from exc
    if field in ("fatalities", "fatalities_high", "injured") and value is not None and value < 0:
        raise StoreError(f"{field}={raw!r}: must be >= 0")
    if field == "sub_event_type" and value not in SUB_EVENT_TO_TYPE:
        raise StoreError(f"unknown sub_event_type {raw!r}")
    if field == "event_type" and value not in EVENT_TYPES:
        raise StoreError(f"unknown event_type {raw!r}")
    return clean(value)


def correct(
    store: Store,
    target: str,
    *,
    changes: dict[str, str] | None = None,
    delete: bool = False,
    accept: bool = False,
    merge_with: str | None = None,
    split: list[str] | None = None,
    note: str | None = None,
    author: str | None = None,
) -> list[int]:
    """Record one correction (several for several fields) and re-link; returns their ids.

    ``accept`` records that an analyst checked the event and found it right: it changes no
    field (nor the event's ``updated_at``), and takes the event out of the review queue
    (``reviewed``).
    """
    now = dt.datetime.now(dt.UTC)
    author = author or _user()
    with store.writing() as conn:
        kind, anchors = _kind(conn, target)
        rows: list[dict[str, Any]] = []
        base = {
            "target_id": target,
            "target_kind": kind,
            "anchors": anchors,
            "note": note,
            "author": author,
            "created_at": now,
            "field": None,
            "value": None,
        }
        touched = list(anchors)
        if delete:
            rows.append({**base, "action": "delete"})
        if accept:
            rows.append({**base, "action": "accept"})
        if merge_with is not None:
            _other_kind, other = _kind(conn, merge_with)
            rows.append(
                {
                    **base,
                    "action": "merge",
                    "value": merge_with,
                    "anchors": sorted(set(anchors) | set(other)),
                }
            )
            touched += other
        if split is not None:
            unknown = [e for e in split if e not in anchors]
            if kind != "cluster" or unknown:
                raise UnknownIdError(
                    f"--split needs a cluster id and its own event ids; "
                    f"not in {target}: {', '.join(unknown) or target}"
                )
            rows.append({**base, "action": "split", "value": list(split)})
        for field, raw in (changes or {}).items():
            value = _typed(kind, field, raw)
            rows.append(
                {
                    **base,
                    "action": "set",
                    "field": field,
                    "value": value.isoformat() if isinstance(value, dt.date) else value,
                }
            )
            if kind == "event":
                update_value: Any = value
                if field == "event_date" and value is not None:
                    update_value = dt.date.fromisoformat(value)
                values: dict[str, Any] = {field: update_value, "updated_at": now}
                if field in ("latitude", "longitude"):
                    values["link_cell"] = None  # recomputed below
                conn.execute(update(EventRow).where(EventRow.event_id == target).values(values))
                if field in ("latitude", "longitude"):
                    lat, lon = conn.execute(
                        select(EventRow.latitude, EventRow.longitude).where(
                            EventRow.event_id == target
                        )
                    ).one()
                    conn.execute(
                        update(EventRow)
                        .where(EventRow.event_id == target)
                        .values(link_cell=linking.cell(lat, lon))
                    )
        if not rows:
            raise StoreError(
                "nothing to correct: give field=value, --accept, --delete, --merge or --split"
            )
        ids = [
            conn.execute(insert(CorrectionRow).values(**r).returning(CorrectionRow.id)).scalar_one()
            for r in rows
        ]
        if any(r["action"] != "accept" for r in rows):  # an accept alone changes no event
            linking.relink_events(conn, touched, now)
    return ids


REVIEW_ACTIONS = ("accept", "set")  # an analyst looked at the event: it leaves the queue


def reviewed(store: Store) -> set[str]:
    """Report (event) ids an analyst accepted or corrected: anchors of those corrections."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(CorrectionRow.anchors).where(CorrectionRow.action.in_(REVIEW_ACTIONS))
        )
        return {a for (anchors,) in rows for a in anchors}


def list_corrections(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(*CorrectionRow.__table__.columns).order_by(CorrectionRow.id))
        return [dict(r) for r in rows.mappings()]


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name (a container): say so
        return "unknown"
