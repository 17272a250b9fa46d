// The field teams' download panel: a layer in a file format people open (GeoPackage, zipped
// Shapefile, KML, GeoJSON, CSV, FlatGeobuf), for the current view, everything or a township
// (optionally clipped to it). The link is /download/{id}.{ext} with the features API's filters;
// the server writes the file with GDAL and names it.

import { apiUrl, getJSON } from './api.js';
import { catalogCollections, collectionTitle, featureName, nameField } from './catalog.js';
import { t } from './i18n.js';

export const FORMATS = [
  { ext: 'gpkg', label: 'GeoPackage' },
  { ext: 'shp.zip', label: 'Shapefile (zip)' },
  { ext: 'kml', label: 'KML' },
  { ext: 'geojson', label: 'GeoJSON' },
  { ext: 'csv', label: 'CSV (Excel)' },
  { ext: 'fgb', label: 'FlatGeobuf' },
];

const TOWNSHIPS = 'townships';
const round = (v) => Math.round(v * 1e6) / 1e6;

// The download URL for the panel's choices; `bounds` is [w, s, e, n] of the view.
export function downloadUrl({ layer, ext, scope, township, clip, bounds }) {
  const params = {};
  if (scope === 'view' && bounds) params.bbox = bounds.map(round).join(',');
  if (scope === 'township' && township) {
    params.township = township;
    if (clip) params.clip = 'true';
  }
  return apiUrl(`download/${encodeURIComponent(layer)}.${ext}`, params);
}

export function createDownloads({ map, els }) {
  const formatLabel = (ext) => FORMATS.find((f) => f.ext === ext)?.label ?? ext;

  function choices() {
    return {
      layer: els.layer.value,
      ext: els.format.value,
      scope: els.form.querySelector('input[name="download-scope"]:checked')?.value ?? 'view',
      township: els.township.value,
      clip: els.clip.checked,
      bounds: map.getBounds().toArray().flat(),
    };
  }

  function update() {
    const c = choices();
    els.townshipRow.hidden = c.scope !== 'township';
    els.link.href = downloadUrl(c);
    els.link.textContent = t('download.link', { layer: collectionTitle(c.layer), format: formatLabel(c.ext) });
    // The whole township to go: every layer, styled, with offline tiles and a QGIS project.
    els.packageRow.hidden = !c.township;
    if (c.township) {
      els.package.href = apiUrl(`download/township/${encodeURIComponent(c.township)}`);
      els.package.textContent = t('download.package', { township: els.township.selectedOptions[0]?.text ?? c.township });
    }
  }

  function renderLayers() {
    const current = els.layer.value;
    els.layer.replaceChildren(
      ...catalogCollections().map((c) => new Option(collectionTitle(c.id), c.id, false, c.id === current)),
    );
  }

  async function loadTownships() {
    const hasTownships = catalogCollections().some((c) => c.id === TOWNSHIPS);
    els.townshipOption.hidden = !hasTownships;
    if (!hasTownships) return;
    const doc = await getJSON(`collections/${TOWNSHIPS}/items`, { limit: 1000 });
    const field = nameField(TOWNSHIPS);
    const options = doc.features.map((f) => {
      const name = featureName(TOWNSHIPS, f.properties, f.id);
      // The server finds a township by name or by id; the name reads better in the URL.
      return new Option(name, field && f.properties?.[field] ? f.properties[field] : String(f.id));
    });
    options.sort((a, b) => a.text.localeCompare(b.text, 'zh'));
    els.township.replaceChildren(...options);
  }

  els.format.replaceChildren(...FORMATS.map((f) => new Option(f.label, f.ext)));
  renderLayers();
  els.form.addEventListener('change', update);
  els.form.addEventListener('submit', (e) => e.preventDefault());
  map.on('moveend', update);
  const ready = loadTownships()
    .catch(() => {
      els.townshipOption.hidden = true;
    })
    .then(update);

  return {
    ready,
    rerender() {
      renderLayers();
      update();
    },
  };
}
