"""marsad.link: events reporting the same act, linked across articles into clusters.

``link_events(events)`` clusters a whole set (e.g. ``batch`` output); the store
links incrementally with the same functions (``marsad.store.linking``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.link.cluster import NO_CONSTRAINTS, Constraints, cluster_reports
from marsad.link.merge import ArticleSources, Outlet, merge_cluster
from marsad.link.report import Report, report_of, same_act
from marsad.link.rules import LinkRules, load_rules
from marsad.model import Event

__all__ = [
    "ArticleSources",
    "Constraints",
    "LinkRules",
    "Outlet",
    "Report",
    "link_events",
    "load_rules",
    "merge_cluster",
    "report_of",
    "same_act",
]


def link_events(
    events: Sequence[Event],
    sources: dict[str, ArticleSources] | None = None,
    constraints: Constraints = NO_CONSTRAINTS,
    rules: LinkRules | None = None,
) -> list[dict[str, Any]]:
    """Cluster rows for ``events``, ordered by cluster id; deterministic in any input order."""
    rules = rules or load_rules()
    by_id = {e.event_id: e for e in events}
    reports = [report_of(e, rules) for e in by_id.values()]
    rows = [
        merge_cluster(component_id, [by_id[r.event_id] for r in members], sources or {}, rules)
        for component_id, members in cluster_reports(reports, rules, constraints)
    ]
    return sorted(rows, key=lambda row: row["cluster_id"])
