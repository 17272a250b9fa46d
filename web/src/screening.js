// The environment bureau's screening: run some rules (or all) citywide as a job, follow its
// progress, list the features in breach in a table and on the map, and export the CSV ledger
// (the same process with format=csv, as a job whose results URL is the download link).

import { dismissJob, executeAsync, getJSON, jobResultsUrl } from './api.js';
import { collectionTitle, featureName } from './catalog.js';
import { clearHighlight, setHighlight } from './highlight.js';
import { formatArea, formatDistance, getLang, severityLabel, t } from './i18n.js';
import { fitFeatures } from './view.js';

// Rule titles from the processes' descriptions (x-onemap-rules: [{id, title, …}]).
function ruleTitles(...descriptions) {
  const titles = new Map();
  for (const d of descriptions) for (const r of d?.['x-onemap-rules'] ?? []) if (r?.id) titles.set(r.id, r.title ?? '');
  return titles;
}

// A running job's place, worded here (the server's message is English): its stage (a rule id)
// and how many of its features are done.
function stageText(job) {
  const stage = job?.['x-onemap-stage'];
  if (!stage?.name) return null;
  if (!stage.total) return ['screening.stage', { name: stage.name }];
  const number = (n) => Number(n).toLocaleString(getLang() === 'en' ? 'en' : 'zh-CN');
  return ['screening.stage_count', { name: stage.name, done: number(stage.done), total: number(stage.total) }];
}

export function createScreening({ map, els }) {
  let rules = [];
  let titles = new Map();
  let running = null; // {controller, job}
  let features = null; // the last result's GeoJSON features
  let lastRules = null; // the rules of the last run (null: all)
  let status = null; // [key, params] of the status line, or a raw job message

  function showStatus() {
    if (!status) els.status.textContent = '';
    else els.status.textContent = typeof status === 'string' ? status : t(...status);
  }

  // value: percent, or null to hide the bar; text: [i18n key, params] or the job's own message.
  function setProgress(value, text) {
    els.progress.hidden = value === null;
    if (value !== null) els.progress.value = value;
    status = text ?? null;
    showStatus();
  }

  async function load() {
    const [screening, plot] = await Promise.all([
      getJSON('processes/screening'),
      getJSON('processes/plot-restrictions').catch(() => null),
    ]);
    rules = screening.inputs?.rules?.schema?.items?.enum ?? [];
    titles = ruleTitles(screening, plot);
    renderRules();
  }

  function renderRules() {
    const checked = new Set([...els.rules.querySelectorAll('input:checked')].map((i) => i.value));
    els.rules.replaceChildren(...rules.map((id) => {
      const label = document.createElement('label');
      label.className = 'rule-toggle';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'rule';
      box.value = id;
      box.checked = checked.has(id);
      const text = document.createElement('span');
      text.textContent = titles.get(id) ? `${id} ${titles.get(id)}` : id;
      label.append(box, text);
      return label;
    }));
  }

  function busy(on) {
    els.runSelected.disabled = on;
    els.runAll.disabled = on;
    els.cancel.hidden = !on;
    els.export.disabled = on || !features;
  }

  async function run(selected) {
    if (running) return;
    if (selected && !selected.length) {
      setProgress(null, ['screening.select_one']);
      return;
    }
    lastRules = selected;
    features = null;
    els.download.hidden = true;
    renderTable();
    clearHighlight(map, 'screening');
    const controller = new AbortController();
    running = { controller, job: null };
    busy(true);
    setProgress(0, ['screening.queued']);
    try {
      const inputs = selected ? { rules: selected } : {};
      const { response } = await executeAsync('screening', inputs, {
        signal: controller.signal,
        onProgress(status) {
          running.job = status.job;
          const text = status.status === 'accepted' ? ['screening.queued'] : stageText(status) ?? ['screening.running'];
          setProgress(Number(status.progress) || 0, text);
        },
      });
      const result = await response.json();
      features = result.features ?? [];
      setProgress(null, ['screening.done', { n: features.length }]);
      setHighlight(map, 'screening', features);
      if (features.length) fitFeatures(map, features, { maxZoom: 14 });
    } catch (error) {
      if (error.name === 'AbortError') setProgress(null, ['screening.cancelled']);
      else setProgress(null, ['screening.failed', { error: error.message }]);
    } finally {
      running = null;
      busy(false);
      renderTable();
    }
  }

  function cancel() {
    if (!running) return;
    const { controller, job } = running;
    controller.abort();
    if (job) dismissJob(job).catch(() => {});
  }

  async function exportCsv() {
    if (running || !features) return;
    els.export.disabled = true;
    els.download.hidden = true;
    setProgress(0, ['screening.exporting']);
    try {
      const inputs = { format: 'csv', ...(lastRules ? { rules: lastRules } : {}) };
      const { job, response } = await executeAsync('screening', inputs, {
        onProgress: (status) => setProgress(Number(status.progress) || 0, ['screening.exporting']),
      });
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const file = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'screening.csv';
      if (job) {
        await response.body?.cancel(); // the link fetches the ledger again, as a download
        els.download.href = jobResultsUrl(job);
      } else {
        els.download.href = URL.createObjectURL(await response.blob());
      }
      els.download.download = file;
      els.download.textContent = t('screening.download', { file });
      els.download.dataset.file = file;
      els.download.hidden = false;
      setProgress(null, null);
      els.download.focus();
    } catch (error) {
      setProgress(null, ['screening.export_failed', { error: error.message }]);
    } finally {
      els.export.disabled = !features;
    }
  }

  function measure(p) {
    if (p.distance_m !== null && p.distance_m !== undefined) return formatDistance(p.distance_m);
    if (p.overlap_m2 !== null && p.overlap_m2 !== undefined) return formatArea(p.overlap_m2);
    return '';
  }

  function renderTable() {
    const out = els.results;
    out.replaceChildren();
    if (!features) return;
    if (!features.length) {
      const p = document.createElement('p');
      p.className = 'clean';
      p.textContent = t('screening.none');
      out.append(p);
      return;
    }
    const table = document.createElement('table');
    table.className = 'screening-table';
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    for (const key of ['col_rule', 'col_severity', 'col_feature', 'col_target', 'col_measure']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = t(`screening.${key}`);
      headRow.append(th);
    }
    head.append(headRow);
    const body = document.createElement('tbody');
    for (const f of features) {
      const p = f.properties ?? {};
      const row = document.createElement('tr');
      row.dataset.rule = p.rule ?? '';
      row.dataset.layer = p.layer ?? '';
      row.dataset.featureId = String(p.feature_id ?? '');
      const rule = document.createElement('td');
      rule.textContent = p.rule ?? '';
      rule.title = p.title ?? '';
      const severity = document.createElement('td');
      severity.textContent = severityLabel(p.severity);
      severity.className = `severity-${p.severity}`;
      const feature = document.createElement('td');
      const name = p.name ?? featureName(p.layer, {}, p.feature_id);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = name;
      button.setAttribute('aria-label', t('screening.show', { name }));
      button.addEventListener('click', () => fitFeatures(map, [f], { maxZoom: 16 }));
      const kind = document.createElement('span');
      kind.className = 'cell-note';
      kind.textContent = collectionTitle(p.layer);
      feature.append(button, kind);
      const target = document.createElement('td');
      if (p.target_layer) {
        target.textContent = p.target_name ?? featureName(p.target_layer, {}, p.target_id);
        const tk = document.createElement('span');
        tk.className = 'cell-note';
        tk.textContent = collectionTitle(p.target_layer);
        target.append(tk);
      }
      const m = document.createElement('td');
      m.textContent = measure(p);
      row.append(rule, severity, feature, target, m);
      body.append(row);
    }
    table.append(head, body);
    out.append(table);
  }

  els.runSelected.addEventListener('click', () => {
    run([...els.rules.querySelectorAll('input:checked')].map((i) => i.value));
  });
  els.runAll.addEventListener('click', () => run(null));
  els.cancel.addEventListener('click', cancel);
  els.export.addEventListener('click', exportCsv);
  busy(false);
  const ready = load().catch((error) => setProgress(null, ['screening.failed', { error: error.message }]));

  return {
    ready,
    run,
    rerender() {
      renderTable();
      if (els.download.dataset.file) els.download.textContent = t('screening.download', { file: els.download.dataset.file });
      showStatus();
      renderRules();
    },
  };
}
