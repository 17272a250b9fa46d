// The MapLibre map: the server's style, the view fitted to the data's extent (unless the link's
// #zoom/lat/lng says otherwise), the controls and their Chinese or English titles.

import { Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import { getJSON, onPageOrigin, withToken } from './api.js';
import { getLang } from './i18n.js';

const CONTROL_TEXT = {
  zh: {
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
    'NavigationControl.ResetBearing': '拖动旋转地图，单击恢复正北',
    'AttributionControl.ToggleAttribution': '显示或隐藏数据来源',
    'Popup.Close': '关闭',
    'Map.Title': '地图',
    'ScaleControl.Meters': '米',
    'ScaleControl.Kilometers': '公里',
  },
  en: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Drag to rotate map, click to reset north',
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
    'Popup.Close': 'Close',
    'Map.Title': 'Map',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
  },
};

export function loadStyle() {
  return getJSON('styles/onemap.json');
}

function validBounds(b) {
  return Array.isArray(b) && b.length === 4 && b.every(Number.isFinite) && b[0] <= b[2] && b[1] <= b[3];
}

// The data's extent: the style's onemap:bounds, else the union of the collections' bboxes.
export function dataBounds(style) {
  const declared = style.metadata?.['onemap:bounds'];
  if (validBounds(declared)) return declared;
  const boxes = (style.metadata?.['onemap:collections'] ?? []).map((c) => c.bbox).filter(validBounds);
  if (!boxes.length) return null;
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

export function createMap({ container, style, test, padding = 24 }) {
  const bounds = dataBounds(style);
  const map = new MapLibreMap({
    container,
    style,
    // #zoom/lat/lng in the address: the permalink people copy and share. It carries no token
    // (access.js takes a link's token out of the address), so sharing a view shares no access.
    hash: true,
    bounds: bounds ?? undefined,
    center: bounds ? undefined : [0, 0],
    zoom: bounds ? undefined : 1,
    fitBoundsOptions: { padding },
    // Every request MapLibre makes on the page's origin (TileJSON, tiles, glyphs) carries the
    // caller's current token (api.js); the page's own address never does.
    transformRequest: (url) => ({ url: withToken(onPageOrigin(url, style.metadata?.['onemap:base_url'])) }),
    // Labels come from the server's glyph route, CJK included: nothing is drawn from local fonts.
    localIdeographFontFamily: false,
    locale: CONTROL_TEXT[getLang()],
    attributionControl: { compact: true },
    fadeDuration: test ? 0 : 300,
    canvasContextAttributes: { preserveDrawingBuffer: Boolean(test) },
  });
  map.addControl(new NavigationControl({ visualizePitch: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.getCanvas().setAttribute('tabindex', '0');
  return map;
}

// Control titles follow the language (MapLibre reads its locale only when a control is added).
export function localiseControls(map) {
  const text = CONTROL_TEXT[getLang()];
  const container = map.getContainer();
  const set = (selector, key) => {
    for (const el of container.querySelectorAll(selector)) {
      el.title = text[key];
      el.setAttribute('aria-label', text[key]);
    }
  };
  set('.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn');
  set('.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut');
  set('.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing');
  set('.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution');
  map.getCanvas().setAttribute('aria-label', text['Map.Title']);
}

// Style layers of one collection (the metadata the server writes on each).
export function collectionLayerIds(map, collectionId) {
  return map
    .getStyle()
    .layers.filter((l) => l.metadata?.['onemap:collection'] === collectionId)
    .map((l) => l.id);
}

export function dataLayerIds(map) {
  return map
    .getStyle()
    .layers.filter((l) => l.metadata?.['onemap:collection'])
    .map((l) => l.id);
}
