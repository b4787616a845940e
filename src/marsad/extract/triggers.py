"""Trigger words in context → candidate acts, one per clause and event type.

A trigger yields nothing when its clause negates, threatens, plans, asks or
sets a condition; when the sentence is about sport, the economy or culture; when
it is a metaphor; or when a verbal noun is governed by the purpose ل ("in order
to retake") — an aim, not an act.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS, load_typing
from marsad.text.clitics import CLITICS as C

# When two sub-types meet in one clause, the more specific wins (CODEBOOK §2).
SUB_PRIORITY: dict[str, int] = dict(load_typing()["sub_priority"])
TYPE_RANK: dict[str, int] = dict(load_typing()["type_rank"])
STRONG = SETTINGS.strong_trigger  # a trigger at least this sure stands on its own
DEFUSED_IS_NOT = frozenset(load_typing()["defused_is_not"])


@dataclass(slots=True)
class TriggerGroup:
    """The triggers of one clause that agree on an event type."""

    event_type: str
    sub_event_type: str
    weight: float
    main: Any  # the LexHit that chose the sub-type
    hits: list


def purpose_lam(norm: str, nstart: int) -> bool:
    """True when the word carries the purpose ل: لاستعادة، وللسيطرة، لتحرير."""
    i = nstart
    if norm.startswith(C.article, i - 2) and i >= 2:
        i -= 2
    if i >= 1 and norm[i - 1] == C.lam:
        before = norm[i - 2] if i >= 2 else " "
        if before in ' \n,;:"(' or (
            before in C.conjunctions and (i < 3 or norm[i - 3] in ' \n,;:"(')
        ):
            return True
    return i >= 2 and norm[i - 2 : i] == C.double_lam


def is_sport_article(scan: ArticleScan) -> bool:
    """Sports pages are full of هجوم and قصف: many sport cues, few strong triggers."""
    sport = len(scan.cues_named("sport").hits)
    strong = sum(1 for t in scan.triggers.hits if t.entry.weight >= STRONG)
    return sport >= SETTINGS.sport_article_cues and sport >= 2 * max(strong, 1)


def clause_groups(hits: list) -> tuple[list[TriggerGroup], list[str]]:
    """Collapse a clause's surviving triggers into one group per event type, then keep
    the one CODEBOOK §2 precedence reports; also the ids of the precedence steps taken."""
    groups: dict[str, TriggerGroup] = {}
    for hit in hits:
        entry = hit.entry
        group = groups.get(entry.event_type)
        if group is None:
            groups[entry.event_type] = TriggerGroup(
                entry.event_type, entry.sub_event_type, entry.weight, hit, [hit]
            )
            continue
        group.hits.append(hit)
        if _better(entry, group):
            group.sub_event_type, group.main = entry.sub_event_type, hit
        group.weight = max(group.weight, entry.weight)
    steps: list[str] = []
    return _resolve_types(list(groups.values()), steps), steps


def _better(entry, group: TriggerGroup) -> bool:
    mine = (SUB_PRIORITY.get(entry.sub_event_type, 1), entry.weight)
    theirs = (SUB_PRIORITY.get(group.sub_event_type, 1), group.main.entry.weight)
    if entry.weight >= STRONG > group.main.entry.weight:
        return True
    if group.main.entry.weight >= STRONG > entry.weight:
        return False
    return mine > theirs


def _resolve_types(groups: list[TriggerGroup], steps: list[str]) -> list[TriggerGroup]:
    """One act per clause: the more violent type wins (CODEBOOK §2 precedence)."""
    if not groups:
        return []
    if len(groups) > 1:
        steps.append("type.clause_precedence")
    by_type = {g.event_type: g for g in groups}
    strategic = by_type.get("Strategic developments")
    if (
        strategic
        and strategic.sub_event_type == "Disrupted weapons use"
        and strategic.weight >= STRONG
    ):
        # a defused bomb is not an explosion
        kept = [
            g
            for g in groups
            if g.event_type != "Explosions/Remote violence"
            or g.sub_event_type not in DEFUSED_IS_NOT
        ]
        if len(kept) < len(groups):
            steps.append("type.defused_not_explosion")
        groups = kept
        by_type = {g.event_type: g for g in groups}
        if "Explosions/Remote violence" not in by_type:
            return [strategic]
    battle = by_type.get("Battles")
    blast = by_type.get("Explosions/Remote violence")
    if battle and blast:
        # Explosions win over Battles only when no real armed clash is reported.
        clash_is_real = battle.weight >= STRONG and battle.sub_event_type == "Armed clash"
        territorial = battle.sub_event_type != "Armed clash" and battle.weight >= STRONG
        keep = (
            battle
            if (clash_is_real or territorial) and blast.weight < SETTINGS.context_exempt_weight
            else blast
        )
        if blast.main.entry.sub_event_type == "Suicide bomb" and blast.weight >= STRONG:
            keep = blast
        steps.append("type.battle_over_blast" if keep is battle else "type.blast_over_battle")
        groups = [
            g for g in groups if g.event_type not in ("Battles", "Explosions/Remote violence")
        ]
        groups.append(keep)
    groups.sort(key=lambda g: (-TYPE_RANK[g.event_type], -g.weight))
    return groups[:1]
