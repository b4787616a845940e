"""Incremental linking inside a store transaction (the clustering itself is ``marsad.link``).

New events find candidates through the (grid cell, date) index of the events
table; only the components they touch are re-clustered, with the analysts'
corrections applied, and their cluster rows rewritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from marsad.link import ArticleSources, Constraints, Outlet, merge_cluster, report_of
from marsad.link.cluster import cluster_reports, linked
from marsad.link.index import GridIndex, cell_key, neighbour_keys
from marsad.link.rules import load_rules
from marsad.model import EVENT_KEYS, Event
from marsad.store.schema import AliasRow, ArticleRow, ClusterRow, CorrectionRow, EventRow

_CHUNK = 500


def cell(latitude: float | None, longitude: float | None) -> str | None:
    return cell_key(latitude, longitude, load_rules().cell_degrees)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


_HEAVY = ("evidence", "fatalities_by_actor", "trace")  # not needed to link or merge
_LIGHT_KEYS = [k for k in EVENT_KEYS if k not in _HEAVY]


def _events(conn: Connection, where: Any, with_component: bool = False) -> list[Any]:
    """Stored events (already validated when saved) without their evidence and trace."""
    columns = [getattr(EventRow, k) for k in _LIGHT_KEYS] + [EventRow.component_id]
    out: list[Any] = []
    for row in conn.execute(select(*columns).where(where)).mappings():
        values = dict(row)
        component = values.pop("component_id")
        if values["event_date"] is not None:
            values["event_date"] = values["event_date"].isoformat()
        event = Event.model_construct(**values, evidence={}, fatalities_by_actor={}, trace=[])
        out.append((event, component) if with_component else event)
    return out


def _events_in(conn: Connection, column: Any, values: Iterable[Any]) -> list[Event]:
    out: list[Event] = []
    for chunk in _chunks(sorted(set(values))):
        out.extend(_events(conn, column.in_(chunk)))
    return out


def components_of_articles(conn: Connection, article_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(article_ids):
        found.update(
            c
            for (c,) in conn.execute(
                select(EventRow.component_id).where(EventRow.article_id.in_(chunk)).distinct()
            )
            if c
        )
    return found


# ---------------------------------------------------------------- corrections


def _corrections(conn: Connection, kind: str | None = None) -> list[Any]:
    query = select(*CorrectionRow.__table__.columns).order_by(CorrectionRow.id)
    if kind:
        query = query.where(CorrectionRow.target_kind == kind)
    return list(conn.execute(query).all())


def deleted_events(conn: Connection) -> set[str]:
    return {c.target_id for c in _corrections(conn, "event") if c.action == "delete"}


def apply_event_corrections(conn: Connection, rows: dict[str, dict[str, Any]]) -> None:
    """Analysts' field changes win over what the extractor wrote (in correction order)."""
    if not rows:
        return
    for chunk in _chunks(list(rows)):
        query = (
            select(*CorrectionRow.__table__.columns)
            .where(
                CorrectionRow.target_kind == "event",
                CorrectionRow.action == "set",
                CorrectionRow.target_id.in_(chunk),
            )
            .order_by(CorrectionRow.id)
        )
        for corr in conn.execute(query).all():
            row = rows[corr.target_id]
            value = corr.value
            if corr.field == "event_date" and value is not None:
                value = dt.date.fromisoformat(value)
            row[corr.field] = value
            if corr.field in ("latitude", "longitude"):
                row["link_cell"] = cell(row["latitude"], row["longitude"])


def constraints(conn: Connection) -> Constraints:
    """Merges and splits in the order they were made: a later one undoes an earlier one."""
    merges: list[list[str]] = []
    splits: set[frozenset[str]] = set()
    for corr in _corrections(conn):
        anchors = list(corr.anchors)
        if corr.action == "merge":
            merges.append(anchors)
            splits = {p for p in splits if not p <= set(anchors)}
        elif corr.action == "split":
            apart = list(corr.value or [])
            if apart:
                new = {frozenset((a, b)) for a in apart for b in anchors if b not in apart}
            else:  # split into single reports
                new = {frozenset((a, b)) for i, a in enumerate(anchors) for b in anchors[i + 1 :]}
            splits |= new
            gone = set(apart) if apart else set(anchors)
            merges = [[m for m in group if m not in gone] for group in merges]
    return Constraints.build(merges, [tuple(p) for p in splits])


def _apply_cluster_corrections(rows: dict[str, dict[str, Any]], corrections: list[Any]) -> None:
    """Each cluster correction follows the cluster now holding its first surviving anchor."""
    holder = {event_id: cid for cid, row in rows.items() for event_id in row["event_ids"]}
    for corr in corrections:
        target = next((holder[a] for a in corr.anchors if a in holder), None)
        if target is None or target not in rows:
            continue
        if corr.action == "delete":
            rows[target]["_deleted"] = True
        elif corr.action == "set":
            value = corr.value
            if corr.field in ("event_date", "first_report", "last_report") and value is not None:
                value = dt.date.fromisoformat(value)
            rows[target][corr.field] = value


# ---------------------------------------------------------------- linking


def _candidates(conn: Connection, new: list[Event]) -> list[tuple[Event, str | None]]:
    """Stored events in the 3 x 3 cells around the new ones whose date windows may overlap.

    Each stored report's window is [date - span_before, date + span_after] by its own
    time_precision, so the dates to look at are searched per precision, over the merged
    intervals the new reports need (not one span from the batch's first to last date).
    """
    rules = load_rules()
    cells: set[str] = set()
    wanted: list[tuple[int, int]] = []
    for ev in new:
        report = report_of(ev, rules)
        if report.linkable:
            cells.update(neighbour_keys(ev.latitude, ev.longitude, rules.cell_degrees))
            wanted.append((report.day_lo, report.day_hi))  # type: ignore[arg-type]
    if not wanted:
        return []
    new_ids = {e.event_id for e in new}
    out: list[tuple[Event, str | None]] = []
    for precision in (1, 2, 3):
        before, after = rules.span_before[precision], rules.span_after[precision]
        for lo, hi in _merged((lo - after, hi + before) for lo, hi in wanted):
            window = and_(
                EventRow.time_precision == precision,
                EventRow.event_date.between(dt.date.fromordinal(lo), dt.date.fromordinal(hi)),
            )
            for chunk in _chunks(sorted(cells)):
                where = and_(EventRow.link_cell.in_(chunk), window)
                out.extend(
                    pair
                    for pair in _events(conn, where, with_component=True)
                    if pair[0].event_id not in new_ids
                )
    return out


def _merged(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def relink(
    conn: Connection,
    new_ids: list[str],
    touched: set[str],
    now: dt.datetime,
    *,
    removed: bool = True,
) -> None:
    """Cluster the new events with the stored ones they report, and the touched components.

    ``removed=False`` promises that no report left the touched components since they
    were linked (only additions): their connectivity is then reused, not searched again.
    """
    rules = load_rules()
    rules_constraints = constraints(conn)
    gone = deleted_events(conn)
    dropped = [i for i in new_ids if i in gone]
    for chunk in _chunks(dropped):
        conn.execute(
            update(EventRow)
            .where(EventRow.event_id.in_(chunk))
            .values(component_id=None, cluster_id=None)
        )
    new = [e for e in _events_in(conn, EventRow.event_id, new_ids) if e.event_id not in gone]
    index = GridIndex(rules.cell_degrees)
    component_of: dict[str, str | None] = {}
    for ev, component in _candidates(conn, new):
        component_of[ev.event_id] = component
        index.add(report_of(ev, rules))
    components = set(touched)
    for ev in new:
        report = report_of(ev, rules)
        for other in index.candidates(report):
            component = component_of.get(other.event_id)
            if (
                component
                and component not in components
                and linked(report, other, rules, rules_constraints)
            ):
                components.add(component)
    members = {e.event_id: e for e in new}
    known: dict[str, str] = {}
    for member, component in _component_members(conn, components):
        if member.event_id not in gone and member.event_id not in members:
            members[member.event_id] = member
            known[member.event_id] = component
    _recluster(conn, members, components, rules_constraints, now, known=None if removed else known)


def _component_members(conn: Connection, components: set[str]) -> list[tuple[Event, str]]:
    out: list[tuple[Event, str]] = []
    for chunk in _chunks(sorted(components)):
        out.extend(_events(conn, EventRow.component_id.in_(chunk), with_component=True))
    return out


def _recluster(
    conn: Connection,
    members: dict[str, Event],
    components: set[str],
    rules_constraints: Constraints,
    now: dt.datetime,
    known: dict[str, str] | None = None,
) -> None:
    rules = load_rules()
    old_clusters: set[str] = set()
    for chunk in _chunks(sorted(members)):
        old_clusters.update(
            c
            for (c,) in conn.execute(
                select(EventRow.cluster_id).where(EventRow.event_id.in_(chunk))
            )
            if c
        )
    for chunk in _chunks(sorted(components)):
        conn.execute(delete(ClusterRow).where(ClusterRow.component_id.in_(chunk)))
    for chunk in _chunks(sorted(old_clusters)):
        conn.execute(delete(ClusterRow).where(ClusterRow.cluster_id.in_(chunk)))
    if not members:
        return
    reports = [report_of(e, rules) for e in members.values()]
    sources = article_sources(conn, {e.article_id for e in members.values()})
    rows: dict[str, dict[str, Any]] = {}
    assignment: list[dict[str, Any]] = []
    for component_id, group in cluster_reports(reports, rules, rules_constraints, known):
        row = merge_cluster(component_id, [members[r.event_id] for r in group], sources, rules)
        row["updated_at"] = now
        rows[row["cluster_id"]] = row
        assignment.extend(
            {"eid": r.event_id, "k": component_id, "c": row["cluster_id"]} for r in group
        )
    _apply_cluster_corrections(rows, _corrections(conn, "cluster"))
    kept = [r for r in rows.values() if not r.pop("_deleted", False)]
    if kept:
        conn.execute(insert(ClusterRow), kept)
    from sqlalchemy import bindparam

    conn.execute(
        update(EventRow)
        .where(EventRow.event_id == bindparam("eid"))
        .values(component_id=bindparam("k"), cluster_id=bindparam("c"))
        .execution_options(synchronize_session=False),
        assignment,
    )


def article_sources(conn: Connection, article_ids: set[str]) -> dict[str, ArticleSources]:
    """Each article's outlets: itself and its identical copies under other ids."""
    out: dict[str, ArticleSources] = {}
    ids = sorted(article_ids)
    for chunk in _chunks(ids):
        for aid, source, url, published in conn.execute(
            select(ArticleRow.id, ArticleRow.source, ArticleRow.url, ArticleRow.published).where(
                ArticleRow.id.in_(chunk)
            )
        ):
            out.setdefault(aid, ArticleSources()).outlets.append(
                Outlet(aid, source, url, published)
            )
        for alias, aid, source, url, published in conn.execute(
            select(
                AliasRow.alias_id,
                AliasRow.article_id,
                AliasRow.source,
                AliasRow.url,
                AliasRow.published,
            ).where(AliasRow.article_id.in_(chunk))
        ):
            out.setdefault(aid, ArticleSources()).outlets.append(
                Outlet(alias, source, url, published)
            )
    return out


def rebuild(conn: Connection, now: dt.datetime) -> int:
    """Every event re-clustered from scratch; returns the number of clusters."""
    gone = deleted_events(conn)
    members = {
        e.event_id: e
        for e in _events(conn, EventRow.event_id.isnot(None))
        if e.event_id not in gone
    }
    conn.execute(delete(ClusterRow))
    conn.execute(update(EventRow).values(component_id=None, cluster_id=None))
    _recluster(conn, members, set(), constraints(conn), now)
    return len(conn.execute(select(ClusterRow.cluster_id)).all())


def relink_events(conn: Connection, event_ids: Iterable[str], now: dt.datetime) -> None:
    """Re-cluster the components holding these events (after a correction)."""
    ids = sorted(set(event_ids))
    components: set[str] = set()
    for chunk in _chunks(ids):
        components.update(
            c
            for (c,) in conn.execute(
                select(EventRow.component_id).where(EventRow.event_id.in_(chunk))
            )
            if c
        )
    relink(conn, ids, components, now)
