// The view in the address: ?layers=a,b &lang=en &plot=COLLECTION/FEATURE_ID &use=PLANNED_USE
// (MapLibre keeps #zoom/lat/lng itself). Changes are written with history.replaceState, so a
// copied link reopens the same view. A URL token is never part of it: a copied link shares the
// view, not the sender's access (access.js takes a link's ?token= out of the address).

export function readUrlState(href = location.href) {
  const params = new URL(href).searchParams;
  const layersParam = params.get('layers');
  const plotParam = params.get('plot');
  let plot = null;
  if (plotParam) {
    const slash = plotParam.indexOf('/');
    plot = slash > 0 && slash < plotParam.length - 1
      ? { collection: plotParam.slice(0, slash), featureId: plotParam.slice(slash + 1), raw: plotParam }
      : { invalid: true, raw: plotParam };
  }
  return {
    layers: layersParam === null ? null : layersParam.split(',').map((s) => s.trim()).filter(Boolean),
    lang: params.get('lang'),
    plot,
    use: params.get('use'),
    test: params.get('test') === '1',
    // Tests only: how often the page checks the layers' versions (live-data.js).
    liveMs: Number(params.get('live_ms')) || null,
  };
}

// Commas and slashes stay readable in the link.
const encode = (value) => encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%2F/gi, '/');

// updateUrl({layers: ['a','b'], lang: 'en', plot: null}): a key set to null is removed, a key
// left out is kept as it is.
export function updateUrl(changes) {
  const url = new URL(location.href);
  const entries = new Map(url.searchParams);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined) entries.delete(key);
    else entries.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = [...entries].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const next = `${url.pathname}${query ? `?${query}` : ''}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(history.state, '', next);
  }
}
