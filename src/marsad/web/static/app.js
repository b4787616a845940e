// marsad dashboard: every value from the API is put in the page with textContent, never as HTML.
"use strict";

const COLOURS = {
  "Battles": "#d62828", "Explosions/Remote violence": "#f77f00", "Violence against civilians": "#7b2cbf",
  "Protests": "#2a9d8f", "Riots": "#e9c46a", "Strategic developments": "#457b9d",
};
const LABELS = {
  en: { title: "marsad", from: "From", to: "To", country: "Country", type: "Type", any: "any",
        actor: "Actor", text: "Text", apply: "Apply", review: "Review queue", date: "Date",
        actors: "Actors", location: "Location", killed: "Killed", sources: "Sources",
        confidence: "Confidence", correct: "Correct", field: "Field", value: "Value", why: "Why",
        who: "Who", key: "API key", save: "Save correction", reject: "Reject", events: "events",
        saved: "Correction saved", article: "Article", lang: "العربية", accept: "Accept",
        accepted: "Accepted", history: "Corrections", none: "none yet",
        reviewed: "Reviewed: out of the review queue", unreviewed: "Not reviewed yet",
        timeline: "Events per day by type", day: "Day", outlines: "Country outlines",
        act_set: "corrected", act_accept: "accepted", act_delete: "rejected",
        act_merge: "merged with", act_split: "split" },
  ar: { title: "مرصد", from: "من", to: "إلى", country: "البلد", type: "النوع", any: "الكل",
        actor: "الفاعل", text: "نص", apply: "تطبيق", review: "قائمة المراجعة", date: "التاريخ",
        actors: "الأطراف", location: "المكان", killed: "القتلى", sources: "المصادر",
        confidence: "الثقة", correct: "تصحيح", field: "الحقل", value: "القيمة", why: "السبب",
        who: "المصحح", key: "مفتاح الواجهة", save: "حفظ التصحيح", reject: "رفض", events: "أحداث",
        saved: "حُفظ التصحيح", article: "المقال", lang: "English", accept: "قبول",
        accepted: "قُبل الحدث", history: "التصحيحات", none: "لا شيء بعد",
        reviewed: "رُوجع: خرج من قائمة المراجعة", unreviewed: "لم يُراجع بعد",
        timeline: "الأحداث يوميا حسب النوع", day: "اليوم", outlines: "حدود الدول",
        act_set: "صُحّح", act_accept: "قُبل", act_delete: "رُفض", act_merge: "دُمج مع",
        act_split: "قُسّم" },
};
const TYPE_AR = {
  "Battles": "معارك", "Explosions/Remote violence": "انفجارات/عنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين", "Protests": "احتجاجات", "Riots": "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
};
const SPAN_KIND = {
  actor1: "actor", actor2: "actor", assoc_actor_1: "actor", assoc_actor_2: "actor",
  location: "place", admin1: "place", event_date: "date", fatalities: "fatalities",
  injured: "fatalities", event_type: "trigger", sub_event_type: "trigger",
};

let lang = localStorage.getItem("marsad.lang") || "en";
let current = null;   // the open event's detail
let byDayType = null; // the last stats, for redrawing the timeline in the other language
let timeline = null;  // the Chart.js chart
const params = new URLSearchParams(location.search);
const tiles = params.get("tiles") || localStorage.getItem("marsad.tiles") ||
  "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

const map = L.map("map").setView([29, 17], 5);
// Country outlines (Natural Earth, bundled) in a pane of their own, above the tiles and under
// the markers; when no tile loads they are the base map (filled land on a sea background).
map.createPane("outlines").style.zIndex = 250;
const OUTLINE = { pane: "outlines", interactive: false, color: "#6b7b8c", weight: 0.8,
                  fill: false, className: "country" };
const outlines = L.geoJSON(null, { style: outlineStyle, attribution: "Natural Earth" }).addTo(map);
if (tiles === "none") goOffline();
else {
  L.tileLayer(tiles, { maxZoom: 18, attribution: "© OpenStreetMap contributors" })
    .on("tileerror", goOffline).addTo(map);
}
const markers = L.markerClusterGroup({ disableClusteringAtZoom: 9 });
map.addLayer(markers);

function offline() { return map.getContainer().classList.contains("offline"); }
function outlineStyle() {
  return offline() ? { ...OUTLINE, fill: true, fillColor: "#f4f1ea", fillOpacity: 1 } : OUTLINE;
}
function goOffline() {
  if (offline()) return;
  map.getContainer().classList.add("offline");
  outlines.setStyle(outlineStyle());
}

async function loadOutlines() {
  const r = await fetch("vendor/world-atlas/countries-50m.json");
  if (!r.ok) return;
  const topo = await r.json();
  outlines.addData(topojson.feature(topo, topo.objects.countries));
  map.getContainer().dataset.outlines = String(outlines.getLayers().length);
}

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}
function t(key) { return LABELS[lang][key] || key; }

function applyLanguage() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  }
  document.getElementById("lang").textContent = t("lang");
  if (byDayType) drawTimeline(byDayType);
  if (current) renderPanel(current);
}
function typeLabel(type) { return lang === "ar" ? (TYPE_AR[type] || type) : type; }

function filterQuery() {
  const q = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById("filters"))) if (v) q.set(k, v);
  return q;
}

async function fetchAll(q) {
  const rows = [];
  let offset = 0;
  while (offset !== null) {
    q.set("limit", "1000"); q.set("offset", String(offset));
    const r = await fetch("api/events?" + q);
    if (!r.ok) throw new Error((await r.json()).detail);
    const body = await r.json();
    rows.push(...body.events);
    offset = body.next_offset;
  }
  return rows;
}

// The review queue comes from the API: events nobody accepted or corrected, least confident first.
async function load() {
  const q = filterQuery();
  if (document.getElementById("review").checked) q.set("review", "true");
  const rows = await fetchAll(q);
  drawMap(rows); drawTable(rows);
  document.getElementById("count").textContent = rows.length + " " + t("events");
  const stats = await (await fetch("api/stats?" + filterQuery())).json();
  drawTimeline(stats.by_day_and_type);
}

function drawMap(rows) {
  markers.clearLayers();
  const points = [];
  for (const row of rows) {
    if (row.latitude === null || row.longitude === null) continue;
    const m = L.circleMarker([row.latitude, row.longitude], {
      radius: 6 + 3 * Math.sqrt(row.fatalities || 0), color: COLOURS[row.event_type] || "#555",
      fillOpacity: 0.7, className: "ev-marker",
    });
    // a DOM node, not a string: Leaflet puts a string tooltip in as HTML
    m.bindTooltip(el("span", `${row.event_date || ""} ${row.sub_event_type} ${row.location || ""}`));
    m.on("click", () => openEvent(row.event_id_cnty));
    markers.addLayer(m);
    points.push([row.latitude, row.longitude]);
  }
  if (points.length) map.fitBounds(points, { padding: [40, 40], maxZoom: 8, animate: false });
}

function drawTable(rows) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const row of rows) {
    const tr = el("tr", null, { "data-id": row.event_id_cnty });
    const actors = row.actor1 + (row.actor2 ? " / " + row.actor2 : "");
    for (const v of [row.event_date || "—", row.sub_event_type, actors, row.location || "",
                     row.fatalities, row.source_count, (row.confidence ?? 0).toFixed(2)]) {
      tr.append(el("td", v));
    }
    tr.addEventListener("click", () => openEvent(row.event_id_cnty));
    body.append(tr);
  }
}

// Every day from the first to the last (a gap is a day with no event), when under a year.
function days(byDay) {
  const known = Object.keys(byDay).sort();
  if (!known.length) return [];
  const first = Date.parse(known[0] + "T00:00:00Z"), last = Date.parse(known.at(-1) + "T00:00:00Z");
  if (!(last - first <= 366 * 86400000)) return known;
  const out = [];
  for (let d = first; d <= last; d += 86400000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

// Events per day stacked by event type (Chart.js draws on the canvas: no HTML from data).
function drawTimeline(byDay) {
  byDayType = byDay || {};
  const labels = days(byDayType);
  const types = [...new Set(Object.values(byDayType).flatMap(Object.keys))].sort();
  const datasets = types.map(type => ({
    label: typeLabel(type), type: "bar", backgroundColor: COLOURS[type] || "#555",
    data: labels.map(day => (byDayType[day] || {})[type] || 0),
  }));
  if (timeline) timeline.destroy();
  timeline = new Chart(document.getElementById("timeline"), {
    type: "bar", data: { labels, datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, locale: lang,
      scales: { x: { stacked: true, reverse: lang === "ar", title: { display: true, text: t("day") } },
                y: { stacked: true, beginAtZero: true, ticks: { precision: 0 },
                     position: lang === "ar" ? "right" : "left",
                     title: { display: true, text: t("events") } } },
      plugins: { legend: { position: "bottom", rtl: lang === "ar" },
                 title: { display: true, text: t("timeline") },
                 tooltip: { rtl: lang === "ar" } },
    },
  });
}

// Article text with the report's evidence spans as <mark> elements, built node by node.
function highlighted(text, evidence) {
  const spans = new Map();
  for (const [field, list] of Object.entries(evidence || {})) {
    for (const [s, e] of list) {
      const key = s + ":" + e;
      if (!spans.has(key)) spans.set(key, { s, e, fields: [] });
      spans.get(key).fields.push(field);
    }
  }
  const ordered = [...spans.values()].sort((a, b) => a.s - b.s || b.e - a.e);
  const out = el("div", null, { class: "article", dir: "rtl", lang: "ar" });
  let pos = 0;
  for (const span of ordered) {
    if (span.s < pos) continue; // inside a span already shown
    out.append(document.createTextNode(text.slice(pos, span.s)));
    const kind = SPAN_KIND[span.fields[0]] || "other";
    out.append(el("mark", text.slice(span.s, span.e),
                  { class: "ev " + kind, "data-label": span.fields.join(", "), "data-kind": kind }));
    pos = span.e;
  }
  out.append(document.createTextNode(text.slice(pos)));
  return out;
}

async function openEvent(id) {
  const r = await fetch("api/events/" + encodeURIComponent(id));
  if (!r.ok) return;
  current = await r.json();
  renderPanel(current);
}

function renderPanel(detail) {
  for (const tr of document.querySelectorAll("#events tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.id === detail.event.event_id_cnty);
  }
  document.getElementById("panel").hidden = false;
  document.getElementById("panel-title").textContent =
    `${detail.event.sub_event_type} — ${detail.event.location || ""}`;
  const state = document.getElementById("review-state");
  state.textContent = t(detail.reviewed ? "reviewed" : "unreviewed");
  state.className = detail.reviewed ? "reviewed" : "unreviewed";
  drawHistory(detail.corrections || []);
  const dl = document.getElementById("fields");
  dl.replaceChildren();
  for (const [k, v] of Object.entries(detail.event)) {
    if (v === null || v === "") continue;
    dl.append(el("dt", k), el("dd", v, { dir: "auto" }));
  }
  const sources = document.getElementById("sources");
  sources.replaceChildren();
  for (const report of detail.reports) {
    const article = detail.articles[report.article_id];
    const box = el("section", null, { class: "source" });
    box.append(el("h3", `${t("article")}: ${report.article_id} (${report.source || ""})`));
    if (article && article.title) box.append(el("h4", article.title, { dir: "auto" }));
    if (report.source_url && /^https?:\/\//.test(report.source_url)) {
      box.append(el("a", report.source_url, { href: report.source_url, rel: "noopener noreferrer" }));
    }
    if (article) box.append(highlighted(article.text, report.evidence));
    box.append(el("p", "trace: " + (report.trace || []).join(", "), { class: "trace" }));
    sources.append(box);
  }
}

// Who changed what and why, oldest first.
function drawHistory(corrections) {
  const list = document.getElementById("history");
  list.replaceChildren();
  if (!corrections.length) list.append(el("li", t("none"), { class: "none" }));
  for (const c of corrections) {
    const what = [t("act_" + c.action)];
    if (c.field) what.push(`${c.field} = ${JSON.stringify(c.value)}`);
    else if (c.action === "merge") what.push(String(c.value));
    const li = el("li", null, { "data-action": c.action });
    li.append(el("span", (c.created_at || "").slice(0, 16).replace("T", " "), { class: "when" }), " ",
              el("b", c.author), " ", el("span", what.join(" ")), " — ",
              el("bdi", c.note));
    list.append(li);
  }
}

async function write(method, url, body, done = "saved") {
  const form = document.getElementById("correct");
  const status = document.getElementById("correct-status");
  const r = await fetch(url, {
    method, headers: { "Content-Type": "application/json", "X-API-Key": form.key.value },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await r.json();
  status.textContent = r.ok ? t(done) : (typeof answer.detail === "string"
    ? answer.detail : JSON.stringify(answer.detail));
  if (r.ok) {
    localStorage.setItem("marsad.author", form.author.value);
    await load();
    const next = answer.events && answer.events[0];
    if (next) await openEvent(next.event_id_cnty); else document.getElementById("panel").hidden = true;
  }
}

document.getElementById("correct").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const f = ev.target;
  write("PATCH", "api/events/" + encodeURIComponent(current.event.event_id_cnty),
        { changes: { [f.field.value]: f.value.value }, note: f.note.value, author: f.author.value });
});
document.getElementById("accept").addEventListener("click", () => {
  const f = document.getElementById("correct");
  if (!f.note.reportValidity() || !f.author.reportValidity()) return;
  write("PATCH", "api/events/" + encodeURIComponent(current.event.event_id_cnty),
        { accept: true, note: f.note.value, author: f.author.value }, "accepted");
});
document.getElementById("reject").addEventListener("click", () => {
  const f = document.getElementById("correct");
  if (!f.reportValidity()) return;
  const q = new URLSearchParams({ note: f.note.value, author: f.author.value });
  write("DELETE", "api/events/" + encodeURIComponent(current.event.event_id_cnty) + "?" + q);
});
document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
document.getElementById("review").addEventListener("change", (ev) => {
  localStorage.setItem("marsad.review", ev.target.checked ? "1" : "");
  load();
});
document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "en" ? "ar" : "en";
  localStorage.setItem("marsad.lang", lang);
  applyLanguage();
});
document.getElementById("correct").author.value = localStorage.getItem("marsad.author") || "";
document.getElementById("review").checked = localStorage.getItem("marsad.review") === "1";
applyLanguage();
load();
loadOutlines();
