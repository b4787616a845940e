"""Trigger words in context → candidate acts, one per clause and event type.

A trigger yields nothing when its clause negates, threatens, plans, asks or
sets a condition; when the sentence is about sport, the economy or culture; when
it is a metaphor; or when a verbal noun is governed by the purpose ل ("in order
to retake") — an aim, not an act.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.background import background_reason
from marsad.extract.scan import ArticleScan

# Cues that cancel a trigger when they stand before it in the same clause.
BLOCKING_CUES = ("negation", "denial", "threat", "plan", "condition", "question", "history", "generic",
                 "condolence", "ongoing")
# Cues that cancel weak triggers anywhere in the sentence.
CONTEXT_CUES = ("sport", "economy", "culture")
NEGATION_REACH = 45
PLAN_AFTER_REACH = 50  # characters after a noun trigger within which an intention verb makes it a plan
NON_EVENT_REACH = 40  # characters around an accident word within which even a strong trigger goes  # characters between a negation and the trigger it cancels
PURPOSE_TYPES = {"Government regains territory", "Non-state actor overtakes territory",
                 "Arrests", "Agreement", "Headquarters or base established",
                 "Non-violent transfer of territory", "Change to group/activity"}

# When two sub-types meet in one clause, the more specific wins (CODEBOOK §2).
SUB_PRIORITY = {
    "Suicide bomb": 9, "Chemical weapon": 8, "Remote explosive/landmine/IED": 6,
    "Air/drone strike": 7, "Shelling/artillery/missile attack": 5, "Grenade": 4,
    "Government regains territory": 6, "Non-state actor overtakes territory": 6,
    "Armed clash": 3, "Excessive force against protesters": 6,
    "Protest with intervention": 5, "Peaceful protest": 3,
    "Violent demonstration": 4, "Mob violence": 5,
    "Abduction/forced disappearance": 5, "Sexual violence": 6, "Attack": 3,
}
TYPE_RANK = {
    "Explosions/Remote violence": 6, "Battles": 5, "Violence against civilians": 4,
    "Riots": 3, "Protests": 2, "Strategic developments": 1,
}
STRONG = 0.8  # a trigger at least this sure stands on its own


@dataclass(slots=True)
class TriggerGroup:
    """The triggers of one clause that agree on an event type."""

    event_type: str
    sub_event_type: str
    weight: float
    main: object  # the LexHit that chose the sub-type
    hits: list


def is_blocked(scan: ArticleScan, hit, sport_article: bool, grammar) -> str | None:
    """Why this trigger reports no act, or None when it may."""
    norm = scan.doc.norm
    c_start, c_end = scan.clause_of(hit.nstart)
    weight = hit.entry.weight
    s_start, s_end = scan.doc.sentences[scan.doc.sentence_index(hit.nstart)]
    if norm[s_start:s_end].lstrip(" \"(-").startswith(grammar.skip_sentence_openers):
        return "page furniture"
    clause_text = norm[c_start:c_end]
    for word in grammar.non_event_words:
        at = clause_text.find(word)
        # a crash or a war-long tally spoils the clause's weak words and those
        # near it; "ويأتي تحطم المروحية بعد ... عملية انتحارية" still tells a bombing
        if at >= 0 and (weight < 0.95 or abs(c_start + at - hit.nstart) <= NON_EVENT_REACH):
            return "not political violence"
    for name in BLOCKING_CUES:
        for cue in scan.cues_named(name).within(c_start, hit.nstart):
            if name == "negation" and (hit.nstart - cue.nend > NEGATION_REACH
                                       or _hedged(scan, cue)):
                continue
            return name
    if any(c.nstart <= hit.nstart < c.nend or hit.nstart <= c.nstart < hit.nend
           for c in scan.cues_named("metaphor").within(hit.nstart - 30, hit.nend)):
        return "metaphor"
    if hit.entry.pos == "noun" and scan.cues_named("plan").within(hit.nend, min(c_end, hit.nend + PLAN_AFTER_REACH)):
        return "plan"  # "مذبحة كانت الميليشيات تنوي ارتكابها": a noun named, then intended
    background = background_reason(scan, hit, grammar)
    if background is not None:
        return background
    # A death toll makes the sentence about violence whatever its cultural or
    # economic setting ("a blast in a cultural centre killed 32").
    toll_told = bool(scan.cues_named("killed").within(s_start, s_end)
                     or scan.cues_named("injured").within(s_start, s_end))
    if weight < 0.95:
        for name in CONTEXT_CUES:
            # sport pages "kill" matches and "assassinate" hopes: no exemption there
            if (name == "sport" or not toll_told) and scan.cues_named(name).within(s_start, s_end):
                return name
    if sport_article and weight < 1.0:
        return "sport"
    if hit.entry.sub_event_type == "Arrests" and scan.cues_named("crime").within(s_start, s_end):
        return "crime"
    if hit.entry.sub_event_type in PURPOSE_TYPES and _purpose_lam(norm, hit.nstart):
        return "purpose"
    return None


def _hedged(scan: ArticleScan, cue) -> bool:
    """The negation word is part of "ما لا يقل عن" and similar number hedges."""
    return any(h.nstart <= cue.nstart < h.nend
               for h in scan.cues_named("hedge").within(cue.nstart - 10, cue.nend))


def _purpose_lam(norm: str, nstart: int) -> bool:
    """True when the word carries the purpose ل: لاستعادة، وللسيطرة، لتحرير."""
    i = nstart
    if norm.startswith("ال", i - 2) and i >= 2:
        i -= 2
    if i >= 1 and norm[i - 1] == "ل":
        before = norm[i - 2] if i >= 2 else " "
        if before in " \n,;:\"(" or (before in "وف" and (i < 3 or norm[i - 3] in " \n,;:\"(")):
            return True
    return i >= 2 and norm[i - 2:i] == "لل"


def is_sport_article(scan: ArticleScan) -> bool:
    """Sports pages are full of هجوم and قصف: many sport cues, few strong triggers."""
    sport = len(scan.cues_named("sport").hits)
    strong = sum(1 for t in scan.triggers.hits if t.entry.weight >= STRONG)
    return sport >= 4 and sport >= 2 * max(strong, 1)


def clause_groups(scan: ArticleScan, hits: list) -> list[TriggerGroup]:
    """Collapse a clause's surviving triggers into one group per event type, best first."""
    groups: dict[str, TriggerGroup] = {}
    for hit in hits:
        entry = hit.entry
        group = groups.get(entry.event_type)
        if group is None:
            groups[entry.event_type] = TriggerGroup(
                entry.event_type, entry.sub_event_type, entry.weight, hit, [hit])
            continue
        group.hits.append(hit)
        if _better(entry, group):
            group.sub_event_type, group.main = entry.sub_event_type, hit
        group.weight = max(group.weight, entry.weight)
    return _resolve_types(list(groups.values()))


def _better(entry, group: TriggerGroup) -> bool:
    mine = (SUB_PRIORITY.get(entry.sub_event_type, 1), entry.weight)
    theirs = (SUB_PRIORITY.get(group.sub_event_type, 1), group.main.entry.weight)
    if entry.weight >= STRONG > group.main.entry.weight:
        return True
    if group.main.entry.weight >= STRONG > entry.weight:
        return False
    return mine > theirs


def _resolve_types(groups: list[TriggerGroup]) -> list[TriggerGroup]:
    """One act per clause: the more violent type wins (CODEBOOK §2 precedence)."""
    if not groups:
        return []
    by_type = {g.event_type: g for g in groups}
    strategic = by_type.get("Strategic developments")
    if strategic and strategic.sub_event_type == "Disrupted weapons use" \
            and strategic.weight >= STRONG:
        # "أبطل خبراء المتفجرات مفعول عبوة ناسفة": a defused bomb is not an explosion.
        groups = [g for g in groups if g.event_type != "Explosions/Remote violence"
                  or g.sub_event_type not in ("Remote explosive/landmine/IED", "Grenade")]
        by_type = {g.event_type: g for g in groups}
        if "Explosions/Remote violence" not in by_type:
            return [strategic]
    battle = by_type.get("Battles")
    blast = by_type.get("Explosions/Remote violence")
    if battle and blast:
        # Explosions win over Battles only when no real armed clash is reported.
        clash_is_real = battle.weight >= STRONG and battle.sub_event_type == "Armed clash"
        territorial = battle.sub_event_type != "Armed clash" and battle.weight >= STRONG
        keep = battle if (clash_is_real or territorial) and blast.weight < 0.95 else blast
        if blast.main.entry.sub_event_type == "Suicide bomb" and blast.weight >= STRONG:
            keep = blast
        groups = [g for g in groups if g.event_type not in ("Battles", "Explosions/Remote violence")]
        groups.append(keep)
    groups.sort(key=lambda g: (-TYPE_RANK[g.event_type], -g.weight))
    return groups[:1]
