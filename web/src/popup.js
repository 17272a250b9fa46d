// Click a feature → a popup with its attributes under readable titles (the collection schema's
// property titles, value titles where the schema has them). Polygons offer "check this plot".

import { Popup } from 'maplibre-gl';
import {
  collectionTitle, featureName, loadSchema, propertyOrder, propertyTitle, valueTitle,
} from './catalog.js';
import { getMode } from './interaction.js';
import { dataLayerIds } from './map-setup.js';
import { t } from './i18n.js';

const HIT_TOLERANCE = 5; // pixels around the click

export function collectionOf(feature) {
  return feature.layer?.metadata?.['onemap:collection'] ?? feature.source;
}

export function featureIdOf(feature) {
  return feature.id ?? feature.properties?.id ?? null;
}

export function isPolygon(feature) {
  const type = feature.geometry?.type;
  return type === 'Polygon' || type === 'MultiPolygon';
}

// Rendered data features at a pixel.
export function featuresAt(map, point) {
  const layers = dataLayerIds(map).filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
  if (!layers.length) return [];
  const box = [
    [point.x - HIT_TOLERANCE, point.y - HIT_TOLERANCE],
    [point.x + HIT_TOLERANCE, point.y + HIT_TOLERANCE],
  ];
  // Points and lines within the tolerance first (they lie on top), then the polygons under the
  // click itself.
  const near = map.queryRenderedFeatures(box, { layers }).filter((f) => !isPolygon(f));
  const under = map.queryRenderedFeatures(point, { layers }).filter(isPolygon);
  return [...near, ...under];
}

function attributeTable(collection, properties) {
  const order = propertyOrder(collection, properties);
  if (!order.length) {
    const p = document.createElement('p');
    p.textContent = t('popup.no_attributes');
    return p;
  }
  const table = document.createElement('table');
  table.className = 'attributes';
  const body = document.createElement('tbody');
  for (const prop of order) {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = propertyTitle(collection, prop);
    const td = document.createElement('td');
    td.textContent = valueTitle(collection, prop, properties[prop]);
    row.append(th, td);
    body.append(row);
  }
  table.append(body);
  return table;
}

export function createPopups({ map, onCheckPlot }) {
  let popup = null;
  let shown = null; // {feature, lngLat} to render again on a language change

  function content(feature) {
    const collection = collectionOf(feature);
    const root = document.createElement('div');
    root.className = 'feature-popup';
    const kind = document.createElement('p');
    kind.className = 'popup-collection';
    kind.textContent = collectionTitle(collection);
    const title = document.createElement('h2');
    title.textContent = featureName(collection, feature.properties, featureIdOf(feature));
    root.append(kind, title, attributeTable(collection, feature.properties));
    if (isPolygon(feature) && featureIdOf(feature) !== null && onCheckPlot) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'popup-action';
      button.textContent = t('popup.check_plot');
      button.addEventListener('click', () => {
        close();
        onCheckPlot({ collection, featureId: String(featureIdOf(feature)), name: featureName(collection, feature.properties, featureIdOf(feature)) });
      });
      root.append(button);
    }
    return root;
  }

  async function open(feature, lngLat) {
    const collection = collectionOf(feature);
    try {
      await loadSchema(collection);
    } catch {
      // titles fall back to the raw names
    }
    close();
    shown = { feature, lngLat };
    popup = new Popup({ maxWidth: '340px', focusAfterOpen: true, closeButton: true })
      .setLngLat(lngLat)
      .setDOMContent(content(feature))
      .addTo(map);
    popup.on('close', () => {
      if (shown?.feature === feature) shown = null;
    });
  }

  function close() {
    if (popup) {
      const p = popup;
      popup = null;
      p.remove();
    }
  }

  map.on('click', (e) => {
    if (getMode() !== 'browse') return;
    const [feature] = featuresAt(map, e.point);
    if (feature) open(feature, feature.geometry.type === 'Point' ? feature.geometry.coordinates : e.lngLat);
    else close();
  });

  map.on('mousemove', (e) => {
    if (getMode() !== 'browse') return;
    map.getCanvas().style.cursor = featuresAt(map, e.point).length ? 'pointer' : '';
  });

  return {
    close,
    rerender() {
      if (popup && shown) popup.setDOMContent(content(shown.feature));
    },
  };
}
