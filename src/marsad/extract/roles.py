"""Who did what to whom: actors of a clause put into initiator and target roles.

Arabic news reports an act in a few shapes, read here in this order:
- passive with an agent marker: قتل جندي برصاص قناص / على يد مسلحين → the
  marked actor is the initiator;
- a target marker after the trigger: غارات على مواقع الحوثيين، هجوم ضد الجيش →
  the marked actor is the target;
- a genitive right after the trigger: غارات التحالف، هجوم للجان المقاومة → the
  initiator;
- otherwise word order: the first actor is the initiator, the next one the target.
Generic mentions (المسلحين، العناصر الإرهابية، الجيش) resolve to the group named
nearby or to the country's template actor (CODEBOOK §3).
"""

from __future__ import annotations

import re

from marsad.extract.candidate import ActorRef
from marsad.extract.classes import words_of
from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS
from marsad.lexicon.grammar import load_grammar
from marsad.text.clitics import CLITICS as C
from marsad.text.clitics import conjunctions

AGENT_REACH = SETTINGS.agent_reach
TARGET_REACH = SETTINGS.target_reach
GENITIVE_REACH = SETTINGS.genitive_reach
NON_STATE = SETTINGS.non_state


def actor_ref(
    scan: ArticleScan, hit, country: str | None, named_before: list[ActorRef] | None = None
) -> ActorRef:
    """Turn an actor hit into a resolved actor, filling generic names from context."""
    entry = hit.entry
    nend = hit.nend
    demonym = demonym_after(scan, hit) if entry.generic in ("state", "police") else None
    if demonym is not None:
        # "القوات الليبية", "الشرطة المصرية": the adjective names the country.
        nend, country = demonym.nend, demonym.candidates[0].iso3
    span = scan.doc.span(hit.nstart, nend)
    surface = scan.doc.surface(hit.nstart, nend)
    member_of = _member_of(scan, hit) if entry.generic == "armed" else None
    if member_of is not None:
        # "سبعة مقاتلين من المقاومة": the fighters are the named group's
        ref = actor_ref(scan, member_of, country)
        span = scan.doc.span(hit.nstart, member_of.nend)
        surface = scan.doc.surface(hit.nstart, member_of.nend)
        return ActorRef(ref.name, ref.inter, ref.country, surface, span, hit.nstart, generic=None)
    if entry.generic == "armed" and named_before:
        group = _nearest_armed_group(named_before, hit.nstart)
        if group is not None:
            return ActorRef(
                group.name, group.inter, group.country, surface, span, hit.nstart, generic=None
            )
    name = entry.name
    actor_country = entry.country or country
    if "{country}" in name:
        name = name.replace("{country}", country_name(country))
    return ActorRef(name, entry.inter, actor_country, surface, span, hit.nstart, entry.generic)


def _member_of(scan: ArticleScan, hit):
    """The named actor right after "من" following a generic mention, or None."""
    for other in scan.actors.within(hit.nend, hit.nend + 6):
        if other.entry.generic is None and scan.doc.norm[
            hit.nend : other.nstart
        ].strip() in words_of("partitive"):
            return other
    return None


def demonym_after(scan: ArticleScan, hit):
    """A country adjective right after an actor mention (الجيش اليمني), or None."""
    for place in scan.places.within(hit.nend, hit.nend + 2):
        if place.is_adjective and place.candidates:
            return place
    return None


def country_name(iso3: str | None) -> str:
    if not iso3:
        return "Unknown"
    from marsad.geo import load_gazetteer

    try:
        return load_gazetteer().country(iso3).country
    except (KeyError, AttributeError):
        return iso3


def _nearest_armed_group(named: list[ActorRef], pos: int) -> ActorRef | None:
    armed = [a for a in named if a.inter in NON_STATE and a.generic is None and a.nstart < pos]
    return armed[-1] if armed else None


def named_actors(scan: ArticleScan, country: str | None) -> list[ActorRef]:
    """Every specific (non-generic) actor of the article, in order."""
    return [actor_ref(scan, h, country) for h in scan.actors.hits if h.entry.generic is None]


def assign_roles(
    scan: ArticleScan,
    hits: list,
    trigger_pos: int,
    trigger_end: int,
    country: str | None,
    named: list[ActorRef],
) -> tuple[ActorRef | None, ActorRef | None]:
    """Pick (initiator, target) among a clause's actor hits."""
    if not hits:
        return None, None
    refs = {h.nstart: actor_ref(scan, h, country, named) for h in hits}
    initiator = target = None
    agent_pos = _marked(scan, hits, "agent", AGENT_REACH)
    if agent_pos is not None:
        initiator = refs[agent_pos]
    target_pos = _target_after(scan, hits, trigger_pos)
    if target_pos is not None:
        target = refs[target_pos]
    if initiator is None and target is None:
        sides = _sides(scan, hits, trigger_end)
        if sides is not None:
            return refs[sides[0].nstart], refs[sides[1].nstart]
    if initiator is None:
        genitive = [h for h in hits if 0 <= h.nstart - trigger_end <= GENITIVE_REACH]
        if genitive and (target is None or genitive[0].nstart != target.nstart):
            initiator = refs[genitive[0].nstart]
    return _by_order(scan, hits, refs, initiator, target)


def _by_order(
    scan: ArticleScan,
    hits: list,
    refs: dict[int, ActorRef],
    initiator: ActorRef | None,
    target: ActorRef | None,
) -> tuple[ActorRef | None, ActorRef | None]:
    """Fill the roles still open by word order, victims last (CODEBOOK §3)."""
    # Victims ("مقتل ثلاثة جنود", "جنديين قتلا") are targets: try the others first.
    victims = {h.nstart for h in hits if is_victim(scan, h)}
    ordered = [refs[h.nstart] for h in hits if h.nstart not in victims]
    ordered += [refs[h.nstart] for h in hits if h.nstart in victims]
    if initiator is None and target is None and len(ordered) == 1 and victims:
        return None, ordered[0]  # only the killed are named: the attacker is unknown
    for ref in ordered:
        if initiator is None and not _same(ref, target):
            initiator = ref
        elif (
            target is None
            and initiator is not None
            and not _same(ref, initiator)
            and ref.name != initiator.name
        ):
            target = ref
    if initiator is not None and target is not None and _base(initiator.name) == _base(target.name):
        # one force named twice ("قوات الطوارئ" ... "منسوبي قوات الطوارئ الخاصة")
        if initiator.nstart in victims or target.nstart in victims:
            return None, target if target.nstart in victims else initiator
        target = None
    return initiator, target


def _base(name: str) -> str:
    """ "Police Forces of Saudi Arabia (2015-)" and "... of Saudi Arabia" are one force."""
    return re.sub(r"\s*\(\d{4}-\d{0,4}\)$", "", name)


def _sides(scan: ArticleScan, hits: list, trigger_end: int):
    """ "بين X وحلفائه من جهة، وY من جهة أخرى": the first actor of each side."""
    after = [h for h in hits if h.nstart >= trigger_end]
    if len(after) < 2:
        return None
    found = [
        scan.doc.norm.find(marker, trigger_end, after[-1].nstart)
        for marker in load_grammar().side_markers
    ]
    pos = min((p for p in found if p >= 0), default=-1)
    if pos < 0:
        return None
    first = [h for h in after if h.nstart < pos]
    second = [h for h in after if h.nstart > pos]
    return (first[0], second[0]) if first and second else None


def is_victim(scan: ArticleScan, hit) -> bool:
    """The mention is the one killed or hurt: "مقتل X", "استشهد ثلاثة من رجال X", "X قتلوا"."""
    grammar = load_grammar()
    norm = scan.doc.norm
    before = [w for w in norm[max(0, hit.nstart - 40) : hit.nstart].split() if not w.isdigit()]
    # walk back over a count and "من رجال" to the death word; an agent word
    # ("برصاص الجيش"، "على يد") between them makes the mention the killer
    for word in reversed(before[-4:]):
        if word in grammar.victim_before:
            return True
        if word in grammar.agent_words or (word[:1] == C.ba and len(word) > 4):
            break
    after = _without_hedge(norm[hit.nend : hit.nend + 30], grammar).split()[:1]
    if after and after[0] in grammar.victim_after:
        return True
    if after and after[0] in grammar.passive_harm and hit.entry.inter == 7:
        return True  # "إن شخصا قتل": a civilian with the passive verb
    return _affiliation_hit(scan, hit, grammar)


def _affiliation_hit(scan: ArticleScan, hit, grammar) -> bool:
    """ "جنرالا كبيرا في الجيش ... قتل": a member of the force was killed or hurt."""
    words = scan.doc.norm[max(0, hit.nstart - 30) : hit.nstart].split()[-3:]
    if not words or words[-1] not in words_of("affiliation_links"):
        return False
    if not any(w in grammar.affiliation_nouns for w in words[:-1]):
        return False
    c_start, c_end = scan.clause_of(hit.nstart)
    return bool(
        scan.cues_named("killed").within(c_start, c_end)
        or scan.cues_named("injured").within(c_start, c_end)
    )


def _without_hedge(text: str, grammar) -> str:
    """The text with a leading count hedge ("على الأقل") removed."""
    stripped = text.lstrip()
    for hedge in grammar.count_hedges:
        if stripped.startswith(hedge):
            return stripped[len(hedge) :].lstrip(" ,")
    return text


def _same(a: ActorRef | None, b: ActorRef | None) -> bool:
    return a is not None and b is not None and a.nstart == b.nstart


def _marked(scan: ArticleScan, hits: list, cue: str, reach: int) -> int | None:
    for marker in scan.cues_named(cue).hits:
        for h in hits:
            if 0 <= h.nstart - marker.nend <= reach:
                return h.nstart
    return None


def _target_after(scan: ArticleScan, hits: list, trigger_pos: int) -> int | None:
    """The first actor after 'على / ضد / استهدف' that follows the trigger."""
    norm = scan.doc.norm
    for h in hits:
        if h.nstart <= trigger_pos:
            continue
        window = norm[max(trigger_pos, h.nstart - TARGET_REACH) : h.nstart]
        if any(
            f" {w} " in f" {window} " or window.endswith(w) for w in words_of("target_prepositions")
        ):
            return h.nstart
        if scan.cues_named("target").within(max(trigger_pos, h.nstart - TARGET_REACH), h.nstart):
            return h.nstart
    return None


def allies_before(scan: ArticleScan, hits: list, trigger_pos: int) -> list:
    """Actors joined to the one before them as one side of the act.

    "تمكنت المقاومة الشعبية وقوات الجيش من استعادة ...": the army fights with the
    Resistance, not against it; so does one "المسنودة بقوات الجيش" anywhere. A
    plain و counts only ahead of the trigger and not after "بين", where the two
    named are the two sides.
    """
    links = load_grammar().ally_links
    norm = scan.doc.norm
    allies: list = []
    for first, second in zip(hits, hits[1:], strict=False):
        if first in allies:
            continue
        gap = norm[first.nend : second.nstart].replace(" ", "").replace(",", "")
        if not gap and norm.startswith(C.waw, second.nstart):
            gap = C.waw  # the conjunction read as part of the second mention
        if gap not in links:
            continue
        if gap == C.waw and (
            second.nend > trigger_pos
            or any(
                w in words_of("between_words")
                for w in norm[max(0, first.nstart - 20) : first.nstart].split()
            )
        ):
            continue
        allies.append(second)
    return allies


def merge_assoc(primary: ActorRef | None, others: list[ActorRef]) -> list[ActorRef]:
    """Allies named with the primary actor (joined by و) become associated actors."""
    if primary is None:
        return []
    seen = {primary.name}
    assoc = []
    for ref in others:
        if ref.name not in seen and ref.inter == primary.inter:
            seen.add(ref.name)
            assoc.append(ref)
    return assoc


def is_source(scan: ArticleScan, hit, grammar) -> bool:
    """The actor is the source of the news, not a party to the act it reports: after a
    source word (sources in the police, a spokesman for the army), or a speaker whose
    reporting verb is followed by إن/أن before any trigger."""
    norm = scan.doc.norm
    words = norm[max(0, hit.nstart - 14) : hit.nstart].split()[-2:]
    if any(w.lstrip(conjunctions()[0]) in grammar.source_words for w in words):
        return True
    if not words or not grammar.is_report_verb(words[-1]):
        return False
    # what the speaker says follows the that-word
    for match in re.finditer(r"\S+", norm[hit.nend : hit.nend + 60]):
        word = match.group().strip(',.()"')
        if word in grammar.that_words:
            return not scan.triggers.within(hit.nend, hit.nend + match.start())
    return False
