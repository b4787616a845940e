"""Mentions → events for one article: the extractor's main loop."""

from __future__ import annotations

import re

from marsad.extract import dating, places, roles, tolls, triggers
from marsad.extract.assemble import to_event
from marsad.extract.candidate import Candidate, Toll
from marsad.extract.merge import drop_country_summaries, merge_candidates
from marsad.extract.scan import ArticleScan, Indexed, group_cues, split_clauses
from marsad.geo import load_gazetteer
from marsad.geo.resolve import GeoContext, context_from_hits
from marsad.lexicon import load_lexicon
from marsad.lexicon.grammar import load_grammar
from marsad.model import Article, Event
from marsad.text.document import Document, build_document

# An article whose every trigger is weaker than this cannot pass ``_credible``
# with the support a lone weak word gets in practice; skipping it early is the
# fast path for the ~half of news that only says اتفاق، حرب، تسليم.
FAST_PATH_WEIGHT = 0.5
# One clause naming more towns than this for a single act is a tally or a
# summary of a campaign (CODEBOOK §1: an event is one act at one place).
MAX_SITES_PER_ACT = 3
DEFUSE_REACH = 40
NON_STATE_GROUND = (2, 3, 4, 5, 6, 7)  # inter codes of actors without an air force  # characters between a defusing verb and the explosive it governs
# A weak strike word ("ضربات", "استهدف") with the weapon that struck named in
# its clause ("طائرات", "مدفعية") is two pieces of evidence, not one.
WEAPON_CORROBORATED = 0.6


def top_country(context: GeoContext) -> str | None:
    """The country the article is most about, by the weight of its mentions."""
    weights = context.country_weights
    # ties go to the alphabetically first code, whatever order the weights came in
    return min(weights, key=lambda iso3: (-weights[iso3], iso3)) if weights else None


class Extractor:
    """Built once (lexicons, gazetteer), then ``extract(article)`` per article."""

    def __init__(self) -> None:
        self.lexicon = load_lexicon()
        self.gazetteer = load_gazetteer()
        self.grammar = load_grammar()
        self._last_air_actor = None

    # -------------------------------------------------------------- public
    def extract(self, article: Article) -> list[Event]:
        scan, acts = self.acts(article)
        return [to_event(scan, c) for c in acts]

    def acts(self, article: Article) -> tuple[ArticleScan | None, list[Candidate]]:
        """The article's scan and its merged acts, before they become events."""
        doc = build_document(article)
        if not self.lexicon.has_trigger(doc.norm, min_weight=FAST_PATH_WEIGHT):
            return None, []  # fast path: most news names no act of violence at all
        scan = self.scan(doc)
        candidates = self.candidates(scan)
        return scan, drop_country_summaries(merge_candidates(candidates))

    def scan(self, doc: Document) -> ArticleScan:
        hits = self.lexicon.scan(doc.norm)
        cues = [h for h in hits if h.kind == "cue"]
        return ArticleScan(
            doc=doc,
            triggers=Indexed([h for h in hits if h.kind == "trigger"]),
            actors=Indexed([h for h in hits if h.kind == "actor"]),
            cues=Indexed(cues),
            places=Indexed(self.gazetteer.scan(doc.norm)),
            numbers=Indexed(list(doc.numbers)),
            dates=Indexed(list(doc.dates)),
            clauses=split_clauses(doc, self.grammar),
            cue_names=group_cues(cues),
        )

    # -------------------------------------------------------------- steps
    def candidates(self, scan: ArticleScan) -> list[Candidate]:
        self._last_air_actor = None  # per article: who flew the last air strike
        context = self.geo_context(scan)
        resolved = places.resolved_places(scan, context, self.grammar)
        country = top_country(context)
        named = roles.named_actors(scan, country)
        anchor = dating.article_anchor(scan)
        sport = triggers.is_sport_article(scan)
        out: list[Candidate] = []
        last_place: places.PlaceChoice | None = None
        actor_sites: dict[str, places.PlaceChoice] = {}  # where each named actor was last seen
        live = {clause: [h for h in scan.triggers.within(*clause)
                         if triggers.is_blocked(scan, h, sport, self.grammar) is None]
                for clause in scan.clauses}
        # a toll told in a clause of its own act belongs to that act alone
        self._act_clauses = {clause for clause, hits in live.items() if hits}
        for clause in scan.clauses:
            hits = live[clause]
            site_choices = places.place_for(scan, clause[0], clause, resolved, self.grammar)
            if site_choices:
                last_place = site_choices[-1]
            # Local forces stay where they were last reported; transnational
            # groups (country None) are everywhere and locate nothing.
            clause_actors = [h.entry.name for h in scan.actors.within(*clause)
                             if h.entry.generic is None and h.entry.country]
            for group in triggers.clause_groups(scan, hits):
                inherited = next((actor_sites[a] for a in clause_actors if a in actor_sites),
                                 last_place)
                group_sites = self._sites(scan, group, clause, resolved, inherited, context)
                if len(group_sites) > MAX_SITES_PER_ACT:
                    continue  # "في حلب وحمص وحماة والرقة": a summary over a region, not one act
                for site in group_sites:
                    cand = self._candidate(scan, group, clause, site, anchor, named)
                    if cand is not None:
                        out.append(cand)
                if group_sites:
                    for name in clause_actors:
                        actor_sites.setdefault(name, group_sites[0])
            if site_choices:
                for name in clause_actors:
                    actor_sites[name] = site_choices[-1]
        return [c for c in out if self._credible(c)]

    def geo_context(self, scan: ArticleScan) -> GeoContext:
        context = context_from_hits(scan.places.hits)
        for hit in scan.actors.hits:
            if hit.entry.country:
                context.country_weights[hit.entry.country] = (
                    context.country_weights.get(hit.entry.country, 0.0) + 0.5)
        return context

    def _sites(self, scan, group, clause, resolved, last_place, context):
        choices = places.place_for(scan, group.main.nstart, clause, resolved, self.grammar)
        if choices:
            return places.distinct_sites(choices)
        if last_place is not None:
            return [places.PlaceChoice(last_place.place, last_place.hit, last_place.near, True)]
        country = top_country(context)
        if country:
            capital = self.gazetteer.country(country)
            if capital is not None:
                return [places.PlaceChoice(capital, None, False, True)]
        return []

    def _candidate(self, scan, group, clause, site, anchor, named) -> Candidate | None:
        main = group.main
        when = dating.date_for(scan, main.nstart, clause, anchor, self.grammar)
        if when.background:
            return None
        doc = scan.doc
        cand = Candidate(
            event_type=group.event_type,
            sub_event_type=group.sub_event_type,
            weight=group.weight,
            trigger_span=doc.span(main.nstart, main.nend),
            trigger_nstart=main.nstart,
            sentence=doc.sentence_index(main.nstart),
            clause=clause,
        )
        cand.sentences.add(cand.sentence)
        cand.extra_triggers = [doc.span(h.nstart, h.nend) for h in group.hits if h is not main]
        cand.place = site.place
        cand.place_inherited = site.inherited
        if site.hit is not None and not site.inherited:
            cand.place_span = doc.span(site.hit.nstart, site.hit.nend)
            cand.place_surface = doc.surface(site.hit.nstart, site.hit.nend)
            cand.place_qualifier = site.hit.qualifier
        cand.geo_precision = places.precision(site) if not site.inherited or site.hit else 3
        cand.date, cand.time_precision, cand.date_span = when.date, when.precision, when.span
        country = site.place.iso3 if site.place is not None else None
        actor_hits = [h for h in scan.actors.within(*clause) if not self._is_source(scan, h)]
        # the parties to an agreement are joined by و too, but face each other
        allies = ([] if group.event_type == "Strategic developments"
                  else roles.allies_before(scan, actor_hits, main.nstart))
        actor_hits = [h for h in actor_hits if h not in allies]
        cand.actor1, cand.actor2 = roles.assign_roles(
            scan, actor_hits, main.nstart, main.nend, country, named)
        cand.assoc1 = [roles.actor_ref(scan, h, country, named) for h in allies]
        self._refine_type(scan, cand, group, clause)
        if cand.sub_event_type == "Air/drone strike" and (
                cand.actor1 is None or cand.actor1.inter in NON_STATE_GROUND):
            # armed groups fly no aircraft: "الطائرتين ميج تناوبت على استهداف ... المسلحة"
            flyer = self._aircraft_actor(scan, clause, country)
            if flyer is not None:
                if cand.actor1 is not None and cand.actor2 is None:
                    cand.actor2 = cand.actor1
                cand.actor1 = flyer
        cand.toll = self._toll(scan, cand, clause)
        self._fill_victims(scan, cand, country)
        if cand.sub_event_type == "Air/drone strike" and cand.actor1 is not None:
            self._last_air_actor = cand.actor1
        return cand

    def _is_source(self, scan, hit) -> bool:
        """"مصادر بالشرطة", "متحدث باسم الجيش", "قالت الشرطة ... إن": the actor is
        the source of the news, not a party to the act it reports."""
        norm = scan.doc.norm
        words = norm[max(0, hit.nstart - 14): hit.nstart].split()[-2:]
        if any(w.lstrip("و") in self.grammar.source_words for w in words):
            return True
        if not words or not self.grammar.is_report_verb(words[-1]):
            return False
        # what the speaker says follows: "قالت الشرطة في سريلانكا، أمس (الجمعة)، إن ..."
        for match in re.finditer(r"\S+", norm[hit.nend: hit.nend + 60]):
            word = match.group().strip(",.()\"")
            if word in self.grammar.that_words:
                return not scan.triggers.within(hit.nend, hit.nend + match.start())
        return False

    def _refine_type(self, scan, cand: Candidate, group, clause) -> None:
        """Weak strikes become air strikes or shelling by the weapon named near them."""
        window = scan.doc.norm[clause[0]: clause[1]]
        weak = group.weight < triggers.STRONG
        unspecific = cand.event_type == "Explosions/Remote violence" or (
            cand.event_type == "Battles" and cand.sub_event_type == "Armed clash")
        if weak and unspecific:
            if any(w in window for w in self.grammar.aircraft):
                cand.event_type, cand.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
                cand.weight = max(cand.weight, WEAPON_CORROBORATED)
            elif any(w in window for w in self.grammar.artillery):
                cand.event_type = "Explosions/Remote violence"
                cand.sub_event_type = "Shelling/artillery/missile attack"
                cand.weight = max(cand.weight, WEAPON_CORROBORATED)
        if cand.sub_event_type == "Remote explosive/landmine/IED" and self._defused(scan, group, clause):
            cand.event_type, cand.sub_event_type = "Strategic developments", "Disrupted weapons use"
        self._retype_by_actors(cand, window)
        if cand.sub_event_type in (self.grammar.territory_state, self.grammar.territory_non_state):
            actor = cand.actor1
            if actor is not None:
                cand.sub_event_type = (self.grammar.territory_state if actor.inter in (1, 3)
                                       and actor.generic != "armed"
                                       else self.grammar.territory_non_state)

    def _defused(self, scan, group, clause) -> bool:
        """"فككت فرق الهندسة عبوة ناسفة": a defusing verb governs the explosive."""
        start = max(clause[0], group.main.nstart - DEFUSE_REACH)
        words = scan.doc.norm[start:group.main.nstart].split()
        return any(w in self.grammar.defuse_verbs
                   or (w[:1] in "وف" and w[1:] in self.grammar.defuse_verbs) for w in words) \
            and not scan.cues_named("killed").within(*clause)

    def _retype_by_actors(self, cand: Candidate, window: str) -> None:
        """Who acts decides the type a bare clash word cannot (CODEBOOK §2).

        Protesters storming a building protest; armed men firing on civilians
        attack them (violence against civilians), they do not battle them.
        """
        if (cand.event_type, cand.sub_event_type) != ("Battles", "Armed clash"):
            return
        a1, a2 = cand.actor1, cand.actor2
        if a1 is not None and a1.generic == "protesters" and not any(
                w in window for w in self.grammar.aircraft + self.grammar.artillery):
            cand.event_type, cand.sub_event_type = "Protests", "Peaceful protest"
            return
        if any(w in window for w in self.grammar.clash_words):
            return  # "قتل شخصان في اشتباكات بين مسلحين": bystanders of a battle
        if a1 is not None and a1.inter == 7 and a2 is not None and a2.inter != 7:
            a1, a2 = a2, a1
        if a2 is not None and a2.inter == 7 and (a1 is None or a1.inter not in (6, 7)):
            # "إطلاق نار على حشد انتخابي": fire on civilians, by whoever, is an attack
            cand.actor1, cand.actor2 = a1, a2
            cand.event_type, cand.sub_event_type = "Violence against civilians", "Attack"

    def _aircraft_actor(self, scan, clause, country):
        """"الطائرة ميج 21 استهدفت...": the aircraft is the initiator's mention; the
        actor is whoever flew the article's last named air strike (CODEBOOK §3:
        generic terms resolve by context), else the country's forces."""
        norm = scan.doc.norm
        text = norm[clause[0]: clause[1]]
        found = [(text.find(w), w) for w in self.grammar.aircraft if text.find(w) >= 0]
        if not found:
            return None
        pos, word = min(found)
        nstart = clause[0] + pos
        nend = nstart + len(word)
        # keep a type designation glued to it: "ميج 21"
        tail = norm[nend: nend + 4].split()[:1]
        if tail and tail[0].isdigit():
            nend = norm.index(tail[0], nend) + len(tail[0])
        flyer = self._last_air_actor
        span = scan.doc.span(nstart, nend)
        surface = scan.doc.surface(nstart, nend)
        if flyer is not None:
            return roles.ActorRef(flyer.name, flyer.inter, flyer.country, surface, span, nstart)
        return roles.ActorRef(f"Military Forces of {roles.country_name(country)}", 1, country,
                              surface, span, nstart, generic="state")

    def _toll(self, scan, cand: Candidate, clause) -> Toll:
        sentence = scan.doc.sentences[cand.sentence]
        toll = Toll()
        for reading in tolls.read_tolls(scan, sentence[0], sentence[1], self.grammar):
            told_in = scan.clause_of(reading.cue_pos)
            if told_in != clause and told_in in self._act_clauses \
                    and not self._accompanies(scan, clause, told_in):
                continue  # "... وقتل 40 في غارة": another act's toll in the same sentence
            if reading.kind == "killed":
                toll.killed += reading.value
                toll.spans_killed += reading.spans
            else:
                toll.injured += reading.value
                toll.spans_injured += reading.spans
        return toll

    def _accompanies(self, scan, clause, other) -> bool:
        """``other`` follows ``clause`` and opens with بالتزامن مع / ترافق مع."""
        if other[0] != clause[1]:
            return False
        opening = scan.doc.norm[other[0]:other[0] + 16].lstrip(" ,").removeprefix("و")
        return opening.startswith(self.grammar.accompaniment_breaks)

    def _fill_victims(self, scan, cand: Candidate, country: str | None) -> None:
        """People named alone in a blast or attack are its victims (CODEBOOK §3).

        No attacker is invented: a car bomb "that exploded" has no actor1 until
        the text names one (مسلحون، مجهولون are named, as Unidentified Armed Group).
        """
        if cand.event_type == "Violence against civilians":
            cand.civilian_targeting = True
        if (cand.event_type in ("Explosions/Remote violence", "Violence against civilians")
                and cand.actor1 is not None and cand.actor1.inter == 7 and cand.actor2 is None):
            cand.actor1, cand.actor2 = None, cand.actor1  # the people named are the victims
        if cand.actor2 is not None and cand.actor2.inter == 7:
            cand.civilian_targeting = True

    @staticmethod
    def _credible(c: Candidate) -> bool:
        """Weak triggers need support: a named actor, a toll, or a place of their own."""
        if c.weight >= triggers.STRONG:
            return True
        support = sum((
            c.actor1 is not None and c.actor1.surface is not None,
            c.actor2 is not None and c.actor2.surface is not None,
            c.toll.killed + c.toll.injured > 0,
            not c.place_inherited,
        ))
        return support >= 2 if c.weight >= 0.5 else support >= 3
