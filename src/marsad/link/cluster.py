"""Clusters: connected components of the same-act graph, each split by complete linkage.

Determinism: the components of a graph do not depend on the order its nodes
arrive, and a component is split by a function of its member set alone
(members sorted by ``Report.order_key``), so the same reports give the same
clusters whatever the order of arrival. Incremental: a new report only
re-clusters the components it touches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from marsad.link.index import GridIndex
from marsad.link.report import Report, same_act
from marsad.link.rules import LinkRules


@dataclass(frozen=True)
class Constraints:
    """Analysts' corrections: reports that must or must not be one act."""

    must: dict[str, int] = field(default_factory=dict)  # event id -> must-link group
    cannot: frozenset[frozenset[str]] = frozenset()

    @classmethod
    def build(cls, merges: Iterable[Sequence[str]], splits: Iterable[Sequence[str]]) -> Constraints:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for group in merges:
            for other in group[1:]:
                parent[find(other)] = find(group[0])
        roots = sorted({find(x) for x in parent})
        number = {root: n for n, root in enumerate(roots)}
        must = {x: number[find(x)] for x in parent}
        cannot = frozenset(frozenset(pair) for pair in splits if len(set(pair)) == 2)
        return cls(must=must, cannot=cannot)

    def verdict(self, a: str, b: str) -> bool | None:
        """True: must link; False: must not; None: let the rules decide."""
        if frozenset((a, b)) in self.cannot:
            return False
        group = self.must.get(a)
        if group is not None and group == self.must.get(b):
            return True
        return None


NO_CONSTRAINTS = Constraints()


def linked(a: Report, b: Report, rules: LinkRules, constraints: Constraints) -> bool:
    verdict = constraints.verdict(a.event_id, b.event_id)
    if verdict is not None:
        return verdict
    return same_act(a, b, rules)


def stable_id(prefix: str, member_ids: Iterable[str]) -> str:
    return prefix + hashlib.sha1(min(member_ids).encode("utf-8")).hexdigest()[:16]


def components(
    reports: Sequence[Report],
    rules: LinkRules,
    constraints: Constraints = NO_CONSTRAINTS,
    known: dict[str, str] | None = None,
) -> list[list[Report]]:
    """Connected components, candidate pairs from a GridIndex (never all pairs).

    ``known`` maps reports already linked to their component: those components are
    connected already (nothing was removed from them), so only the edges of the other
    (new) reports are searched. The result is the same as a search over every report.
    """
    index = GridIndex(rules.cell_degrees)
    index.extend(reports)
    parent = {r.event_id: r.event_id for r in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    known = known or {}
    first_of: dict[str, str] = {}
    for report in reports:
        group = known.get(report.event_id)
        if group is not None:
            head = first_of.setdefault(group, report.event_id)
            ra, rb = find(head), find(report.event_id)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    for report in reports:
        if report.event_id in known:
            continue  # its edges inside its component are implied; to new reports, found there
        for other in index.candidates(report):
            if other.event_id in parent and linked(report, other, rules, constraints):
                ra, rb = find(report.event_id), find(other.event_id)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    forced = _forced_groups(reports, constraints)
    for group in forced:
        for other in group[1:]:
            ra, rb = find(group[0]), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[Report]] = {}
    for report in reports:
        groups.setdefault(find(report.event_id), []).append(report)
    return [sorted(g, key=Report.order_key) for _, g in sorted(groups.items())]


def _forced_groups(reports: Sequence[Report], constraints: Constraints) -> list[list[str]]:
    by_group: dict[int, list[str]] = {}
    for report in reports:
        group = constraints.must.get(report.event_id)
        if group is not None:
            by_group.setdefault(group, []).append(report.event_id)
    return [sorted(ids) for ids in by_group.values() if len(ids) > 1]


def split_component(
    component: Sequence[Report], rules: LinkRules, constraints: Constraints = NO_CONSTRAINTS
) -> list[list[Report]]:
    """Linkage over the members in ``order_key`` order: a report joins the first cluster
    whose lead and most members are the same act as it (``_joins``), and no two reports
    of one article share a cluster. A function of the member set only.

    Only clusters holding one of the report's index candidates can qualify (the report
    must be the same act as its lead, a member), so a large component costs its pairs of
    neighbours, not its number of clusters times its size.
    """
    ordered = sorted(component, key=Report.order_key)
    index = GridIndex(rules.cell_degrees)
    index.extend(ordered)
    cluster_of: dict[str, int] = {}
    clusters: list[list[Report]] = []
    articles: list[set[str]] = []
    forced = {
        r.event_id: constraints.must[r.event_id] for r in ordered if r.event_id in constraints.must
    }
    by_group: dict[int, set[int]] = {}
    for report in ordered:
        options = {
            cluster_of[c.event_id] for c in index.candidates(report) if c.event_id in cluster_of
        }
        options |= by_group.get(forced.get(report.event_id, -1), set())
        chosen = None
        for number in sorted(options):
            if report.article_id in articles[number]:
                continue
            if _joins(report, clusters[number], rules, constraints):
                chosen = number
                break
        if chosen is None:
            chosen = len(clusters)
            clusters.append([])
            articles.append(set())
        clusters[chosen].append(report)
        articles[chosen].add(report.article_id)
        cluster_of[report.event_id] = chosen
        if report.event_id in forced:
            by_group.setdefault(forced[report.event_id], set()).add(chosen)
    return clusters


def _joins(
    report: Report, members: list[Report], rules: LinkRules, constraints: Constraints
) -> bool:
    """The same act as the lead and as more than ``join_share`` of the members; never
    against an analyst's split."""
    if not linked(report, members[0], rules, constraints):
        return False
    agree = 1
    for member in members[1:]:
        verdict = constraints.verdict(report.event_id, member.event_id)
        if verdict is False:
            return False
        if verdict or same_act(report, member, rules):
            agree += 1
    return agree > rules.join_share * len(members)


def cluster_reports(
    reports: Sequence[Report],
    rules: LinkRules,
    constraints: Constraints = NO_CONSTRAINTS,
    known: dict[str, str] | None = None,
) -> list[tuple[str, list[Report]]]:
    """(component id, members) for every cluster of ``reports``, in a canonical order."""
    out: list[tuple[str, list[Report]]] = []
    for component in components(reports, rules, constraints, known):
        component_id = stable_id("mrsk-", (r.event_id for r in component))
        for members in split_component(component, rules, constraints):
            out.append((component_id, members))
    return out
