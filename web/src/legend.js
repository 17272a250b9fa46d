// The legend, read from the style itself: for each visible collection, each style layer with
// onemap:legend ≠ false gives one entry per colour — a constant colour (labelled by the layer's
// onemap:label or the collection title) or a ["match", ["get", PROP], v1, c1, …, fallback]
// (one entry per value, labelled with the schema's value title, else the raw value).

import { collectionTitle, valueTitle } from './catalog.js';
import { getLang, t } from './i18n.js';

const COLOUR_PROPERTY = {
  fill: 'fill-color',
  line: 'line-color',
  circle: 'circle-color',
  symbol: 'text-color',
  'fill-extrusion': 'fill-extrusion-color',
  heatmap: null,
  raster: null,
  background: null,
};

// A zoom curve is shown by its first colour.
function firstColour(value) {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return null;
  if (value[0] === 'interpolate' || value[0] === 'interpolate-hcl' || value[0] === 'interpolate-lab') {
    return firstColour(value[4]);
  }
  if (value[0] === 'step') return firstColour(value[2]);
  return null;
}

function matchProperty(input) {
  if (Array.isArray(input) && input[0] === 'get' && typeof input[1] === 'string') return input[1];
  if (Array.isArray(input) && (input[0] === 'to-string' || input[0] === 'string')) return matchProperty(input[1]);
  return null;
}

// Legend entries of one style layer: [{label, colour}].
export function layerEntries(layer) {
  const meta = layer.metadata ?? {};
  const collection = meta['onemap:collection'];
  if (!collection || meta['onemap:legend'] === false) return [];
  const property = COLOUR_PROPERTY[layer.type];
  if (!property) return [];
  const value = layer.paint?.[property] ?? (layer.type === 'symbol' ? null : '#000000');
  if (value === null) return [];
  const label = meta['onemap:label']?.[getLang()] ?? meta['onemap:label']?.zh;
  const constant = firstColour(value);
  if (constant) return [{ label: label ?? collectionTitle(collection), colour: constant }];
  if (Array.isArray(value) && value[0] === 'match') {
    const prop = matchProperty(value[1]);
    const entries = [];
    for (let i = 2; i + 1 < value.length; i += 2) {
      const values = Array.isArray(value[i]) ? value[i] : [value[i]];
      const colour = firstColour(value[i + 1]);
      if (!colour) continue;
      const text = values.map((v) => (prop ? valueTitle(collection, prop, v) : String(v))).join('、');
      entries.push({ label: text, colour });
    }
    return entries;
  }
  return [{ label: label ?? collectionTitle(collection), colour: null }];
}

function swatch(layer, colour) {
  const el = document.createElement('span');
  el.className = `legend-swatch legend-${layer.type}`;
  el.setAttribute('aria-hidden', 'true');
  if (colour) el.style.setProperty('--swatch', colour);
  const opacity = layer.paint?.[`${layer.type}-opacity`];
  if (typeof opacity === 'number') el.style.setProperty('--swatch-opacity', String(Math.max(opacity, 0.35)));
  return el;
}

export function renderLegend(container, map, visibleIds) {
  const visible = new Set(visibleIds);
  const byCollection = new Map();
  for (const layer of map.getStyle().layers) {
    const id = layer.metadata?.['onemap:collection'];
    if (!id || !visible.has(id)) continue;
    const entries = layerEntries(layer);
    if (!entries.length) continue;
    if (!byCollection.has(id)) byCollection.set(id, []);
    for (const entry of entries) byCollection.get(id).push({ ...entry, layer });
  }
  container.replaceChildren();
  if (!byCollection.size) {
    const p = document.createElement('p');
    p.className = 'legend-empty';
    p.textContent = t('legend.empty');
    container.append(p);
    return;
  }
  // Topmost layers first, as a map reader expects.
  for (const [id, entries] of [...byCollection].reverse()) {
    const section = document.createElement('section');
    section.className = 'legend-collection';
    section.dataset.collection = id;
    const heading = document.createElement('h3');
    heading.textContent = collectionTitle(id);
    const list = document.createElement('ul');
    const seen = new Set();
    for (const entry of entries) {
      const key = `${entry.label}|${entry.colour}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = entry.label;
      item.append(swatch(entry.layer, entry.colour), text);
      list.append(item);
    }
    section.append(heading, list);
    container.append(section);
  }
}
