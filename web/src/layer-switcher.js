// The layer switcher: one checkbox per collection, grouped by theme (in the order of the
// style's onemap:themes, other themes in the order they first appear in the catalog; layers
// without a theme last, under "Other").

import { catalogCollections, collectionTitle, declaredThemes } from './catalog.js';
import { collectionLayerIds } from './map-setup.js';
import { t, themeLabel } from './i18n.js';

// Which collections start visible: the link's ?layers= when given, else the style's own
// visibility (a collection is shown when any of its layers is). Writes the choice into the
// style before the map is made, so nothing flashes.
export function applyInitialVisibility(style, requested) {
  const known = new Set(catalogCollections().map((c) => c.id));
  const wanted = requested ? new Set(requested.filter((id) => known.has(id))) : null;
  const visible = new Set();
  for (const layer of style.layers ?? []) {
    const id = layer.metadata?.['onemap:collection'];
    if (!id) continue;
    if (wanted) {
      layer.layout = { ...layer.layout, visibility: wanted.has(id) ? 'visible' : 'none' };
    }
    if ((layer.layout?.visibility ?? 'visible') !== 'none') visible.add(id);
  }
  return visible;
}

function groupsByTheme(collections) {
  const groups = new Map();
  const present = new Set(collections.map((c) => c.theme).filter(Boolean));
  for (const theme of declaredThemes()) if (present.has(theme.name)) groups.set(theme.name, []);
  const unthemed = [];
  for (const c of collections) {
    if (!c.theme) {
      unthemed.push(c);
      continue;
    }
    if (!groups.has(c.theme)) groups.set(c.theme, []);
    groups.get(c.theme).push(c);
  }
  const list = [...groups].map(([theme, items]) => ({ theme, items }));
  if (unthemed.length) list.push({ theme: null, items: unthemed });
  return list;
}

export function createLayerSwitcher({ container, map, visible, onChange }) {
  const state = new Set(visible);

  function setVisible(id, on) {
    if (on) state.add(id);
    else state.delete(id);
    for (const layerId of collectionLayerIds(map, id)) {
      map.setLayoutProperty(layerId, 'visibility', on ? 'visible' : 'none');
    }
    onChange([...state]);
  }

  function render() {
    container.replaceChildren();
    for (const group of groupsByTheme(catalogCollections())) {
      const fieldset = document.createElement('fieldset');
      fieldset.className = 'layer-group';
      fieldset.dataset.theme = group.theme ?? '';
      const legend = document.createElement('legend');
      legend.textContent = themeLabel(group.theme, declaredThemes());
      fieldset.append(legend);
      for (const c of group.items) {
        const label = document.createElement('label');
        label.className = 'layer-toggle';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = 'layer';
        box.value = c.id;
        box.checked = state.has(c.id);
        box.addEventListener('change', () => setVisible(c.id, box.checked));
        const text = document.createElement('span');
        text.textContent = collectionTitle(c.id);
        label.append(box, text);
        fieldset.append(label);
      }
      container.append(fieldset);
    }
    if (!container.children.length) {
      const empty = document.createElement('p');
      empty.textContent = t('legend.empty');
      container.append(empty);
    }
  }

  render();
  return {
    render,
    visible: () => [...state],
    isVisible: (id) => state.has(id),
  };
}
