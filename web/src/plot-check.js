// The land bureau's plot check: pick a polygon on the map or draw one, choose the planned use,
// run plot-restrictions and list what restricts the plot (rule, severity, the plan's words, the
// feature it comes from, the distance), with the plot and those features highlighted.

import { execute, getJSON } from './api.js';
import { collectionTitle, featureName, loadSchema } from './catalog.js';
import { createPolygonDrawer } from './draw.js';
import { clearHighlight, setHighlight } from './highlight.js';
import {
  formatArea, formatDistance, getLang, plannedUseLabel, relationLabel, severityLabel, t,
} from './i18n.js';
import { getMode, onModeChange, setMode } from './interaction.js';
import { collectionOf, featureIdOf, featuresAt, isPolygon } from './popup.js';
import { updateUrl } from './url-state.js';
import { fitFeatures } from './view.js';

const FALLBACK_USES = ['residential', 'public_service', 'school', 'elderly_care', 'industrial', 'commercial', 'agricultural', 'green'];
const MAX_TRIGGER_FETCHES = 40;

const sameId = (a, b) => String(a) === String(b);

async function fetchFeature(collection, featureId) {
  return getJSON(`collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(featureId)}`);
}

export function createPlotCheck({ map, els, onOpen }) {
  const drawer = createPolygonDrawer(map);
  let plot = null; // {kind: 'feature', collection, featureId, name, feature?} | {kind: 'drawn', geometry}
  let answer = null;
  let error = null;
  let running = false;
  let uses = FALLBACK_USES;
  let triggerFeatures = new Map(); // "layer/id" → GeoJSON feature

  let status = null; // [i18n key, params] of the status line

  function statusText(key, params) {
    status = key ? [key, params] : null;
    els.status.textContent = status ? t(...status) : '';
  }

  // --- the planned-use list, from the process description -------------------------------
  async function loadUses() {
    try {
      const description = await getJSON('processes/plot-restrictions');
      const list = description.inputs?.planned_use?.schema?.enum;
      if (Array.isArray(list) && list.length) uses = list;
    } catch {
      // keep the fallback list
    }
    renderUses();
  }

  function renderUses() {
    const chosen = els.use.value || 'residential';
    els.use.replaceChildren(...uses.map((u) => {
      const option = document.createElement('option');
      option.value = u;
      option.textContent = plannedUseLabel(u);
      return option;
    }));
    els.use.value = uses.includes(chosen) ? chosen : uses[0];
  }

  // --- choosing the plot -----------------------------------------------------------------
  function renderPlot() {
    if (!plot) els.selected.textContent = t('plot.none');
    else if (plot.kind === 'drawn') els.selected.textContent = t('plot.drawn');
    else {
      els.selected.textContent = t('plot.selected_feature', {
        collection: collectionTitle(plot.collection),
        name: plot.feature ? featureName(plot.collection, plot.feature.properties, plot.featureId) : plot.name ?? t('feature.id', { id: plot.featureId }),
      });
    }
    els.run.disabled = !plot || running;
    els.clear.disabled = !plot && !answer;
    els.pick.setAttribute('aria-pressed', String(getMode() === 'pick'));
    els.draw.setAttribute('aria-pressed', String(getMode() === 'draw'));
  }

  function choose(next) {
    plot = next;
    answer = null;
    error = null;
    triggerFeatures = new Map();
    clearHighlight(map, 'trigger');
    if (plot?.kind === 'drawn') setHighlight(map, 'plot', [{ geometry: plot.geometry }]);
    else clearHighlight(map, 'plot');
    renderPlot();
    renderAnswer();
  }

  function pickAt(point) {
    const polygons = featuresAt(map, point).filter(isPolygon).filter((f) => featureIdOf(f) !== null);
    if (!polygons.length) {
      statusText('plot.no_feature_here');
      return;
    }
    const best = polygons.find((f) => collectionOf(f) === 'polluted_plots') ?? polygons[0];
    const collection = collectionOf(best);
    backToBrowsing();
    choose({
      kind: 'feature',
      collection,
      featureId: String(featureIdOf(best)),
      name: featureName(collection, best.properties, featureIdOf(best)),
    });
    statusText(null);
    els.run.focus();
  }

  // After the click that picks or closes a plot has reached every listener (so that the same
  // click does not open a popup too).
  function backToBrowsing() {
    setTimeout(() => setMode('browse'), 0);
  }

  map.on('click', (e) => {
    if (getMode() === 'pick') pickAt(e.point);
  });

  onModeChange((mode, previous) => {
    if (previous === 'draw' && mode !== 'draw') drawer.stop();
    if (mode === 'pick') statusText('plot.picking');
    else if (mode === 'draw') statusText('plot.drawing');
    else if (previous === 'pick' || previous === 'draw') statusText(null);
    map.getCanvas().style.cursor = mode === 'browse' ? '' : 'crosshair';
    renderPlot();
  });

  els.pick.addEventListener('click', () => setMode(getMode() === 'pick' ? 'browse' : 'pick'));
  els.draw.addEventListener('click', () => {
    if (getMode() === 'draw') {
      setMode('browse');
      return;
    }
    setMode('draw');
    drawer.start((geometry) => {
      backToBrowsing();
      choose({ kind: 'drawn', geometry });
      els.run.focus();
    });
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && getMode() === 'pick') setMode('browse');
    // terra-draw cancels a drawing on Escape itself; leave the draw mode with it
    if (e.key === 'Escape' && getMode() === 'draw') setMode('browse');
  });
  els.clear.addEventListener('click', () => {
    setMode('browse');
    choose(null);
    statusText(null);
    updateUrl({ plot: null, use: null });
  });
  els.run.addEventListener('click', () => run());

  // --- running the check -----------------------------------------------------------------
  async function run() {
    if (!plot || running) return;
    const use = els.use.value;
    const inputs = plot.kind === 'feature'
      ? { collection: plot.collection, feature_id: /^\d+$/.test(plot.featureId) ? Number(plot.featureId) : plot.featureId, planned_use: use }
      : { geometry: plot.geometry, planned_use: use };
    running = true;
    error = null;
    answer = null;
    renderPlot();
    renderAnswer();
    statusText('plot.running');
    try {
      answer = await execute('plot-restrictions', inputs);
      if (plot.kind === 'feature') await showFeaturePlot();
      statusText(null);
      if (plot.kind === 'feature') updateUrl({ plot: `${plot.collection}/${plot.featureId}`, use });
      else updateUrl({ plot: null, use: null });
      await showTriggers();
    } catch (e) {
      error = e;
      statusText(null);
    } finally {
      running = false;
      renderPlot();
      renderAnswer();
    }
  }

  async function showFeaturePlot() {
    if (!plot.feature) {
      plot.feature = await fetchFeature(plot.collection, plot.featureId);
      loadSchema(plot.collection).then(renderPlot, () => {});
    }
    setHighlight(map, 'plot', [plot.feature]);
  }

  function isThePlot(r) {
    return plot?.kind === 'feature' && r.layer === plot.collection && sameId(r.feature_id, plot.featureId);
  }

  async function showTriggers() {
    const wanted = [];
    for (const r of answer?.restrictions ?? []) {
      if (!r.layer || r.feature_id === null || r.feature_id === undefined || isThePlot(r)) continue;
      const key = `${r.layer}/${r.feature_id}`;
      if (r.geometry) triggerFeatures.set(key, { type: 'Feature', geometry: r.geometry, properties: {} });
      else if (!wanted.includes(key)) wanted.push(key);
    }
    // A feature that cannot be fetched is listed without a highlight.
    await Promise.allSettled(wanted.slice(0, MAX_TRIGGER_FETCHES).map(async (key) => {
      const slash = key.indexOf('/');
      const feature = await fetchFeature(key.slice(0, slash), key.slice(slash + 1));
      triggerFeatures.set(key, feature);
    }));
    setHighlight(map, 'trigger', [...triggerFeatures.values()]);
    const plotFeatures = plot.kind === 'feature' ? [plot.feature] : [{ geometry: plot.geometry }];
    fitFeatures(map, [...plotFeatures, ...triggerFeatures.values()], { maxZoom: 15 });
  }

  // --- the answer ------------------------------------------------------------------------
  function restrictionItem(r) {
    const li = document.createElement('li');
    li.className = `restriction severity-${r.severity}`;
    li.dataset.rule = r.rule;
    const head = document.createElement('p');
    head.className = 'restriction-head';
    const rule = document.createElement('span');
    rule.className = 'rule-id';
    rule.textContent = r.rule;
    const severity = document.createElement('span');
    severity.className = 'severity';
    severity.textContent = severityLabel(r.severity);
    const title = document.createElement('strong');
    title.textContent = r.title ?? '';
    head.append(rule, ' ', severity, ' ', title);
    li.append(head);
    if (r.text) {
      const quote = document.createElement('blockquote');
      quote.lang = 'zh-CN';
      quote.textContent = r.text;
      li.append(quote);
    }
    if (getLang() === 'en' && r.summary) {
      const summary = document.createElement('p');
      summary.className = 'restriction-summary';
      summary.textContent = r.summary;
      li.append(summary);
    }
    const facts = document.createElement('p');
    facts.className = 'restriction-facts';
    const parts = [];
    const key = `${r.layer}/${r.feature_id}`;
    const name = r.name ?? featureName(r.layer, triggerFeatures.get(key)?.properties, r.feature_id);
    if (isThePlot(r) || (r.relation === 'attribute' && plot?.kind !== 'feature')) {
      parts.push(`${t('plot.trigger_self')} (${relationLabel(r.relation)})`);
    } else if (r.layer) {
      parts.push(`${t('plot.trigger', { collection: collectionTitle(r.layer), name })} (${relationLabel(r.relation)})`);
    }
    if (r.distance_m !== null && r.distance_m !== undefined) parts.push(t('plot.distance', { distance: formatDistance(r.distance_m) }));
    if (r.overlap_m2 !== null && r.overlap_m2 !== undefined) parts.push(t('plot.overlap', { area: formatArea(r.overlap_m2) }));
    facts.textContent = parts.join('；');
    li.append(facts);
    if (!isThePlot(r) && triggerFeatures.has(key)) {
      const show = document.createElement('button');
      show.type = 'button';
      show.className = 'link-button';
      show.textContent = t('screening.show', { name });
      show.addEventListener('click', () => fitFeatures(map, [triggerFeatures.get(key)], { maxZoom: 16 }));
      li.append(show);
    }
    return li;
  }

  function renderAnswer() {
    const out = els.results;
    out.replaceChildren();
    delete out.dataset.state;
    if (error) {
      const p = document.createElement('p');
      p.className = 'error';
      p.setAttribute('role', 'alert');
      p.textContent = t('plot.error', { error: error.message });
      out.append(p);
      out.dataset.state = 'error';
      return;
    }
    if (!answer) return;
    const heading = document.createElement('h3');
    heading.textContent = `${t('plot.result_heading')} · ${plannedUseLabel(answer.plot?.planned_use ?? els.use.value)}`;
    out.append(heading);
    const facts = document.createElement('p');
    facts.className = 'plot-facts';
    const lines = [];
    if (answer.township?.name) lines.push(t('plot.township', { name: answer.township.name }));
    if (answer.plot?.area_m2) lines.push(t('plot.area', { area: formatArea(answer.plot.area_m2) }));
    facts.textContent = lines.join('　');
    out.append(facts);
    const restrictions = answer.restrictions ?? [];
    if (!restrictions.length) {
      const clean = document.createElement('p');
      clean.className = 'clean';
      clean.setAttribute('role', 'status');
      clean.textContent = t('plot.clean');
      out.append(clean);
      out.dataset.state = 'clean';
    } else {
      const counts = document.createElement('p');
      counts.className = 'counts';
      counts.textContent = t('plot.counts', {
        prohibited: answer.counts?.prohibited ?? 0,
        restricted: answer.counts?.restricted ?? 0,
        notice: answer.counts?.notice ?? 0,
      });
      const list = document.createElement('ol');
      list.className = 'restrictions';
      list.append(...restrictions.map(restrictionItem));
      out.append(counts, list);
      out.dataset.state = 'restricted';
    }
    const rules = document.createElement('p');
    rules.className = 'rules-checked';
    rules.textContent = t('plot.rules_checked', { rules: (answer.rules_checked ?? []).join(', ') || '—' });
    out.append(rules);
  }

  // --- opening a plot from a link or a popup ---------------------------------------------
  async function openFeature({ collection, featureId, name, use, runNow = true }) {
    onOpen?.();
    if (use && !uses.includes(use)) uses = [...uses, use];
    if (use) {
      renderUses();
      els.use.value = use;
    }
    choose({ kind: 'feature', collection, featureId: String(featureId), name });
    if (runNow) await run();
  }

  renderUses();
  renderPlot();
  const ready = loadUses();

  return {
    ready,
    openFeature,
    run,
    showStatus: statusText,
    rerender() {
      statusText(...(status ?? [null]));
      renderUses();
      renderPlot();
      renderAnswer();
    },
  };
}
