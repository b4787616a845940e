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
        saved: "Correction saved", article: "Article", lang: "العربية" },
  ar: { title: "مرصد", from: "من", to: "إلى", country: "البلد", type: "النوع", any: "الكل",
        actor: "الفاعل", text: "نص", apply: "تطبيق", review: "قائمة المراجعة", date: "التاريخ",
        actors: "الأطراف", location: "المكان", killed: "القتلى", sources: "المصادر",
        confidence: "الثقة", correct: "تصحيح", field: "الحقل", value: "القيمة", why: "السبب",
        who: "المصحح", key: "مفتاح الواجهة", save: "حفظ التصحيح", reject: "رفض", events: "أحداث",
        saved: "حُفظ التصحيح", article: "المقال", lang: "English" },
};
const SPAN_KIND = {
  actor1: "actor", actor2: "actor", assoc_actor_1: "actor", assoc_actor_2: "actor",
  location: "place", admin1: "place", event_date: "date", fatalities: "fatalities",
  injured: "fatalities", event_type: "trigger", sub_event_type: "trigger",
};

let lang = localStorage.getItem("marsad.lang") || "en";
let current = null;
const params = new URLSearchParams(location.search);
const tiles = params.get("tiles") || localStorage.getItem("marsad.tiles") ||
  "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

const map = L.map("map").setView([29, 17], 5);
L.tileLayer(tiles, { maxZoom: 18, attribution: "© OpenStreetMap contributors" }).addTo(map);
const markers = L.markerClusterGroup({ disableClusteringAtZoom: 9 });
map.addLayer(markers);

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
  document.getElementById("lang").textContent = t("lang");
}

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

async function load() {
  const q = filterQuery();
  let rows = await fetchAll(q);
  if (document.getElementById("review").checked) rows = rows.sort((a, b) => a.confidence - b.confidence);
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
    m.bindTooltip(`${row.event_date || ""} ${row.sub_event_type} ${row.location || ""}`);
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

function drawTimeline(byDay) {
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  const days = Object.keys(byDay || {});
  if (!days.length) return;
  const width = svg.clientWidth || 600, height = 90, barW = Math.min(40, Math.max(2, width / days.length - 2));
  const max = Math.max(...days.map(d => Object.values(byDay[d]).reduce((a, b) => a + b, 0)));
  days.forEach((day, i) => {
    let y = height - 12;
    for (const [type, n] of Object.entries(byDay[day])) {
      const h = (height - 14) * n / max;
      const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("x", i * (barW + 2)); rect.setAttribute("y", y - h);
      rect.setAttribute("width", barW); rect.setAttribute("height", h);
      rect.setAttribute("fill", COLOURS[type] || "#555");
      const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = `${day} ${type}: ${n}`;
      rect.append(title); svg.append(rect);
      y -= h;
    }
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
  const detail = await r.json();
  current = detail;
  for (const tr of document.querySelectorAll("#events tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.id === detail.event.event_id_cnty);
  }
  document.getElementById("panel").hidden = false;
  document.getElementById("panel-title").textContent =
    `${detail.event.sub_event_type} — ${detail.event.location || ""}`;
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

async function write(method, url, body) {
  const form = document.getElementById("correct");
  const status = document.getElementById("correct-status");
  const r = await fetch(url, {
    method, headers: { "Content-Type": "application/json", "X-API-Key": form.key.value },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await r.json();
  status.textContent = r.ok ? t("saved") : (typeof answer.detail === "string"
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
document.getElementById("reject").addEventListener("click", () => {
  const f = document.getElementById("correct");
  if (!f.reportValidity()) return;
  const q = new URLSearchParams({ note: f.note.value, author: f.author.value });
  write("DELETE", "api/events/" + encodeURIComponent(current.event.event_id_cnty) + "?" + q);
});
document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
document.getElementById("review").addEventListener("change", load);
document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "en" ? "ar" : "en";
  localStorage.setItem("marsad.lang", lang);
  applyLanguage();
});
document.getElementById("correct").author.value = localStorage.getItem("marsad.author") || "";
applyLanguage();
load();
