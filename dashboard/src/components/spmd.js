// Shared pieces of the dashboard's pages: formats, the real-time file, tiles,
// source captions and maps drawn without any tile server.
import * as Plot from "@observablehq/plot";
import {html} from "htl";

export const ZONE = "Europe/Paris";
// the real-time file, rewritten by every pass of the loop
export const LIVE_URL = "./live/etat.json";
// every minute; ?rafraichir=<seconds> for a test that cannot wait a minute
export const REFRESH_MS = 1000 * (Number(new URLSearchParams(location.search).get("rafraichir")) || 60);

const nombre = new Intl.NumberFormat("fr-FR");
const decimal = new Intl.NumberFormat("fr-FR", {maximumFractionDigits: 1});
const pourcent = new Intl.NumberFormat("fr-FR", {style: "percent", maximumFractionDigits: 0});

export const fmt = {
  n: (v) => (v == null ? "—" : nombre.format(v)),
  d: (v) => (v == null ? "—" : decimal.format(v)),
  pct: (v) => (v == null ? "—" : pourcent.format(v)),
  t: (kg) => (kg == null ? "—" : `${decimal.format(kg / 1000)} t`)
};

// "14:05" for today, "26/10/2025 14:05" otherwise (Paris time)
export function heure(iso, now = new Date()) {
  if (!iso) return "—";
  const date = new Date(iso);
  const day = (d) => d.toLocaleDateString("fr-FR", {timeZone: ZONE});
  const time = date.toLocaleTimeString("fr-FR", {timeZone: ZONE, hour: "2-digit", minute: "2-digit"});
  return day(date) === day(now) ? time : `${day(date)} ${time}`;
}

export function jour(iso) {
  return iso ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("fr-FR", {timeZone: ZONE}) : "—";
}

// Charts show Paris' wall clock whatever the reader's zone: an instant becomes
// the Date whose UTC fields are its Paris time, drawn on a UTC scale.
export function paris(iso) {
  const wall = new Date(iso).toLocaleString("sv-SE", {timeZone: ZONE});
  return new Date(`${wall.replace(" ", "T")}Z`);
}
const ddmm = (d) => d.toLocaleDateString("fr-FR", {timeZone: "UTC", day: "2-digit", month: "2-digit"});
export const axeHeures = {type: "utc", label: null,
  tickFormat: (d) => (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? ddmm(d) : `${d.getUTCHours()} h`)};
export const axeJours = {type: "utc", label: null, tickFormat: ddmm};

// "il y a 3 min", "il y a 2 h", "il y a 401 j"
export function age(iso, now = new Date()) {
  if (!iso) return "aucune donnée";
  const minutes = Math.max(0, Math.round((now - new Date(iso)) / 60_000));
  if (minutes < 90) return `il y a ${minutes} min`;
  if (minutes < 48 * 60) return `il y a ${Math.round(minutes / 60)} h`;
  return `il y a ${nombre.format(Math.round(minutes / 1440))} j`;
}

// The real-time state: read now, then every minute (never from the cache).
export async function* etatTempsReel() {
  while (true) {
    try {
      const response = await fetch(LIVE_URL, {cache: "no-store"});
      if (!response.ok) throw new Error(`${LIVE_URL}: ${response.status}`);
      yield await response.json();
    } catch (error) {
      yield {erreur: String(error)};
    }
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
  }
}

// A tile: its value, the time of its data and its age.
export function tuile({id, titre, valeur, detail = "", quand = null, quandTexte = null, etat = null}) {
  const dataTime = quandTexte ?? (quand ? `données de ${heure(quand)}, ${age(quand)}` : "aucune donnée");
  return html`<div class="card tuile" data-tuile=${id}>
    <h2>${titre}</h2>
    <div class="valeur" data-valeur=${id}>${valeur}</div>
    <div class="detail">${detail}</div>
    <div class="quand ${etat ?? ""}" data-quand=${id}>${dataTime}</div>
  </div>`;
}

const LICENCES = {"etalab-2.0": "Licence Ouverte 2.0 (Etalab)", "odbl-1.0": "ODbL 1.0"};

// "Source : <title> (dataset), producer, licence"
export function source(jeux, ...models) {
  const parts = models.map((model) => {
    const jeu = jeux[model] ?? {};
    return html`<span data-source=${model}>« ${jeu.titre ?? model} » (<code>${model}</code>), ${
      jeu.producteur ?? "SPMD"}, ${LICENCES[jeu.licence] ?? jeu.licence ?? "licence inconnue"}</span>`;
  });
  return html`<p class="source">Source : ${parts.flatMap((p, i) => (i ? ["; ", p] : [p]))}</p>`;
}

// A secret cell is shown as "secret", never as 0 or blank. Tables do not format an
// empty cell: the rows of a table get the word before they are drawn.
export function compte(value, secret) {
  return secret ? "secret" : fmt.n(value);
}
export function secrets(rows, columns, flag = "SECRET_STATISTIQUE") {
  return rows.map((row) => (row[flag] ? {...row, ...Object.fromEntries(columns.map((c) => [c, "secret"]))} : row));
}
export const ouSecret = (format) => (v) => (v === "secret" ? "secret" : format(v));

// A frame for the maps: the box of every point drawn, as a GeoJSON polygon
export function cadre(points) {
  const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const mx = (x1 - x0) * 0.05 || 0.01, my = (y1 - y0) * 0.05 || 0.01;
  // clockwise, as d3-geo reads a spherical polygon (the other way round is the
  // whole globe but this box)
  return {type: "Polygon", coordinates: [[[x0 - mx, y0 - my], [x0 - mx, y1 + my], [x1 + mx, y1 + my],
    [x1 + mx, y0 - my], [x0 - mx, y0 - my]]]};
}

// A map without tiles: a Mercator projection fitted to the frame, its outline drawn
export function carte({width, cadre: frame, marks, color, height}) {
  return Plot.plot({
    width,
    height: height ?? Math.min(560, Math.round(width * 0.8)),
    projection: {type: "mercator", domain: frame},
    color,
    marks: [Plot.geo(frame, {stroke: "var(--theme-foreground-muted)", strokeWidth: 0.5}), ...marks]
  });
}

// Opening hours in the OpenStreetMap form of the facility lists
// ("Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00", "24/7"): open at `date`?
// null when the text is empty or in a form this reader does not know.
const DAYS = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];
export function ouvert(horaires, date = new Date()) {
  if (!horaires) return null;
  const text = horaires.trim();
  if (text === "24/7") return true;
  const local = new Date(date.toLocaleString("en-US", {timeZone: ZONE}));
  const today = DAYS[local.getDay()];
  const minutes = local.getHours() * 60 + local.getMinutes();
  let known = true, open = false;
  for (const rule of text.split(";").map((r) => r.trim()).filter(Boolean)) {
    const match = /^([A-Za-z,-]+)\s+(.+)$/.exec(rule);
    if (!match) { known = false; continue; }
    const days = new Set();
    for (const part of match[1].split(",")) {
      const [a, b] = part.split("-");
      const i = DAYS.indexOf(a), j = DAYS.indexOf(b ?? a);
      if (i < 0 || j < 0) { known = false; continue; }
      for (let k = i; ; k = (k + 1) % 7) { days.add(DAYS[k]); if (k === j) break; }
    }
    if (match[2] === "off") continue;
    for (const span of match[2].split(",")) {
      const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(span.trim());
      if (!m) { known = false; continue; }
      const start = +m[1] * 60 + +m[2], end = +m[3] * 60 + +m[4];
      if (days.has(today) && minutes >= start && minutes < end) open = true;
    }
  }
  return known ? open : null;
}
