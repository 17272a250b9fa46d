// Features drawn over the data: the plot under check, the features that restrict it, the
// screening results. One GeoJSON source; each feature carries its group as a property.

const SOURCE = 'onemap-highlight';
const COLOURS = ['match', ['get', 'group'], 'plot', '#1d4ed8', 'trigger', '#dc2626', 'screening', '#ea580c', '#7c3aed'];
const groups = new Map(); // group → GeoJSON features

export function addHighlightLayers(map) {
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const is = (...types) => ['match', ['geometry-type'], types, true, false];
  const polygon = is('Polygon', 'MultiPolygon');
  const line = is('LineString', 'MultiLineString');
  const point = is('Point', 'MultiPoint');
  map.addLayer({
    id: 'onemap-highlight-fill',
    type: 'fill',
    source: SOURCE,
    filter: polygon,
    paint: { 'fill-color': COLOURS, 'fill-opacity': 0.18 },
  });
  map.addLayer({
    id: 'onemap-highlight-line',
    type: 'line',
    source: SOURCE,
    filter: ['any', polygon, line],
    paint: { 'line-color': COLOURS, 'line-width': 3 },
  });
  map.addLayer({
    id: 'onemap-highlight-point',
    type: 'circle',
    source: SOURCE,
    filter: point,
    paint: {
      'circle-radius': 9,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': COLOURS,
      'circle-stroke-width': 3,
    },
  });
}

function refresh(map) {
  const features = [];
  for (const [group, list] of groups) {
    for (const f of list) {
      if (f?.geometry) features.push({ type: 'Feature', geometry: f.geometry, properties: { group } });
    }
  }
  map.getSource(SOURCE)?.setData({ type: 'FeatureCollection', features });
}

export function setHighlight(map, group, features) {
  if (features?.length) groups.set(group, features);
  else groups.delete(group);
  refresh(map);
}

export function clearHighlight(map, group) {
  setHighlight(map, group, []);
}
