// The page: reads the link, signs in (a link's token or the stored API key), loads the server's
// style, builds the map and wires every part.

import { startAccess, tokenRejected } from './access.js';
import { ApiError, onUrlTokenChange, urlToken } from './api.js';
import { initCatalog, loadAllSchemas } from './catalog.js';
import { addHighlightLayers } from './highlight.js';
import { getLang, normaliseLang, onLangChange, setLang, t, translateDom } from './i18n.js';
import { applyInitialVisibility, createLayerSwitcher } from './layer-switcher.js';
import { renderLegend } from './legend.js';
import { followDataVersions } from './live-data.js';
import { createMap, loadStyle, localiseControls } from './map-setup.js';
import { createDownloads } from './downloads.js';
import { createKeyControl } from './key-control.js';
import { createPanels } from './panels.js';
import { createPlotCheck } from './plot-check.js';
import { createPopups } from './popup.js';
import { createScreening } from './screening.js';
import { createSearch } from './search.js';
import { readUrlState, updateUrl } from './url-state.js';
import { setPaddingSource, viewPadding } from './view.js';

const $ = (id) => document.getElementById(id);

function showMessage(text) {
  const el = $('app-message');
  el.textContent = text ?? '';
  el.hidden = !text;
}

// The server's style for this caller. A token it refuses (a link's that expired, or whose key was
// revoked) is said in the key control, and the page goes on with what the public may see.
async function loadStyleForCaller() {
  try {
    return await loadStyle();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401 && urlToken())) throw error;
    tokenRejected(error);
    return loadStyle();
  }
}

function keyControlEls() {
  return {
    toggle: $('access-toggle'),
    role: $('access-role'),
    panel: $('access-panel'),
    who: $('access-who'),
    form: $('access-form'),
    input: $('access-key'),
    save: $('access-save'),
    close: $('access-close'),
    status: $('access-status'),
    signOut: $('access-sign-out'),
  };
}

async function start() {
  const url = readUrlState();
  setLang(normaliseLang(url.lang));
  translateDom();
  $('lang-toggle').lang = getLang() === 'en' ? 'zh-CN' : 'en';
  const panels = createPanels([
    { panel: $('layers-panel'), button: $('toggle-layers') },
    { panel: $('tools-panel'), button: $('toggle-tools') },
  ]);
  showMessage(t('app.loading'));
  const keyControl = createKeyControl({ els: keyControlEls() });
  await startAccess();

  let style;
  try {
    style = await loadStyleForCaller();
  } catch (error) {
    showMessage(t('app.style_error', { error: error.message }));
    return;
  }
  initCatalog(style);
  const visible = applyInitialVisibility(style, url.layers);
  setPaddingSource(() => panels.padding());
  const map = createMap({ container: $('map'), style, test: url.test, padding: viewPadding() });
  if (url.test) window.onemapTest = { map, ready: false };

  const legend = () => renderLegend($('legend'), map, switcher.visible());
  const switcher = createLayerSwitcher({
    container: $('layer-switcher'),
    map,
    visible,
    onChange(ids) {
      legend();
      updateUrl({ layers: ids });
    },
  });

  map.on('error', (e) => {
    // A tile or a source that fails is the server's to log; the page says so once.
    if (e?.error?.message) showMessage(t('app.error', { error: e.error.message }));
  });

  await new Promise((resolve) => map.once('load', resolve));
  showMessage(null);
  const live = followDataVersions(map, style, {
    intervalMs: (url.test && url.liveMs) || 30000,
    onChange: () => legend(),
  });
  if (url.test) window.onemapTest.live = live;
  localiseControls(map);
  addHighlightLayers(map);
  legend();
  loadAllSchemas().then(() => {
    switcher.render();
    legend();
  });

  const plotCheck = createPlotCheck({
    map,
    els: {
      pick: $('plot-pick'),
      draw: $('plot-draw'),
      selected: $('plot-selected'),
      use: $('plot-use'),
      run: $('plot-run'),
      clear: $('plot-clear'),
      status: $('plot-status'),
      results: $('plot-results'),
    },
    onOpen: () => panels.open($('tools-panel')),
  });
  const popups = createPopups({ map, onCheckPlot: (plot) => plotCheck.openFeature({ ...plot, runNow: false }) });
  const search = createSearch({ map, input: $('search-input'), list: $('search-results'), status: $('search-status') });
  const screening = createScreening({
    map,
    els: {
      rules: $('screening-rules'),
      runSelected: $('screening-run'),
      runAll: $('screening-run-all'),
      cancel: $('screening-cancel'),
      progress: $('screening-progress'),
      status: $('screening-status'),
      export: $('screening-export'),
      download: $('screening-download'),
      results: $('screening-results'),
    },
  });

  const downloads = createDownloads({
    map,
    els: {
      form: $('download-form'),
      layer: $('download-layer'),
      format: $('download-format'),
      township: $('download-township'),
      townshipRow: $('download-township-row'),
      townshipOption: $('download-township-option'),
      clip: $('download-clip'),
      link: $('download-link'),
      package: $('download-package'),
      packageRow: $('download-package-row'),
    },
  });

  // A key's token renewed: the links on the page get the new one (MapLibre's next requests do
  // by themselves, map-setup.js).
  onUrlTokenChange(() => downloads.rerender());

  $('lang-toggle').addEventListener('click', () => setLang(getLang() === 'en' ? 'zh' : 'en'));
  onLangChange((lang) => {
    translateDom();
    $('lang-toggle').lang = lang === 'en' ? 'zh-CN' : 'en';
    localiseControls(map);
    keyControl.rerender();
    switcher.render();
    legend();
    popups.rerender();
    search.rerender();
    plotCheck.rerender();
    screening.rerender();
    downloads.rerender();
    updateUrl({ lang: lang === 'en' ? 'en' : null });
  });

  if (url.plot) {
    await plotCheck.ready;
    if (url.plot.invalid) {
      panels.open($('tools-panel'));
      plotCheck.showStatus('plot.bad_link', { plot: url.plot.raw });
    } else {
      await plotCheck.openFeature({ ...url.plot, use: url.use });
    }
  }
  await screening.ready;
  await downloads.ready;

  if (url.test) {
    window.onemapTest.ready = true;
    document.documentElement.dataset.ready = 'true';
  }
}

start().catch((error) => showMessage(t('app.error', { error: error.message })));
