// What the page knows of the collections: the list from the style's metadata (title, theme,
// geometry type, bbox) and each collection's schema from /collections/{id} (property titles,
// value titles, the name field), fetched once and kept.

import { getJSON } from './api.js';
import { getLang, t } from './i18n.js';

const collections = new Map(); // id → {id, title, title_en, theme, geometry_type, bbox}
let themes = []; // [{name, title_en}] from the style's onemap:themes, in the order to show
const schemas = new Map(); // id → Promise of the /collections/{id} document
const loaded = new Map(); // id → the document, once it has arrived

// From the style: metadata["onemap:collections"] or, failing that, the style layers' collections.
export function initCatalog(style) {
  collections.clear();
  const declared = style.metadata?.['onemap:themes'];
  themes = Array.isArray(declared) ? declared.filter((th) => th?.name) : [];
  const listed = style.metadata?.['onemap:collections'];
  if (Array.isArray(listed)) {
    for (const c of listed) if (c?.id) collections.set(c.id, { ...c });
  }
  for (const layer of style.layers ?? []) {
    const id = layer.metadata?.['onemap:collection'];
    if (id && !collections.has(id)) collections.set(id, { id, title: id });
  }
  return [...collections.values()];
}

export function declaredThemes() {
  return themes;
}

export function catalogCollections() {
  return [...collections.values()];
}

export function collectionInfo(id) {
  return collections.get(id);
}

export function loadSchema(id) {
  if (!schemas.has(id)) {
    const promise = getJSON(`collections/${encodeURIComponent(id)}`).then((doc) => {
      loaded.set(id, doc);
      const info = collections.get(id) ?? { id };
      info.title ??= doc.title;
      info.title_en ??= doc['x-onemap-title-en'] ?? doc.titleEn;
      info.theme ??= doc['x-onemap-theme'] ?? doc.theme;
      collections.set(id, info);
      return doc;
    });
    promise.catch(() => schemas.delete(id)); // a failed fetch may be tried again later
    schemas.set(id, promise);
  }
  return schemas.get(id);
}

export function loadAllSchemas() {
  return Promise.allSettled([...collections.keys()].map(loadSchema));
}

export function collectionTitle(id) {
  const info = collections.get(id);
  const doc = loaded.get(id);
  if (getLang() === 'en') {
    return info?.title_en || doc?.['x-onemap-title-en'] || doc?.titleEn || info?.title || doc?.title || id;
  }
  return info?.title || doc?.title || id;
}

export function propertyTitle(id, property) {
  const schema = loaded.get(id)?.properties?.[property];
  if (!schema) return property;
  if (getLang() === 'en') return schema['x-onemap-title-en'] || property;
  return schema.title || property;
}

// The value as a reader should see it: the schema's value title when there is one, yes/no for
// booleans, the raw value otherwise.
export function valueTitle(id, property, value) {
  if (value === null || value === undefined || value === '') return t('value.null');
  const titles = loaded.get(id)?.properties?.[property]?.['x-onemap-values'];
  const entry = titles?.[String(value)];
  if (entry) return (typeof entry === 'string' ? entry : entry[getLang()] ?? entry.zh ?? entry.en) ?? String(value);
  if (typeof value === 'boolean') return t(value ? 'value.true' : 'value.false');
  return String(value);
}

export function nameField(id) {
  const doc = loaded.get(id);
  if (doc?.['x-onemap-name-field']) return doc['x-onemap-name-field'];
  if (collections.get(id)?.name_field) return collections.get(id).name_field;
  if (doc?.properties?.name) return 'name';
  return null;
}

// A feature's display name: its name field, else "id N".
export function featureName(id, properties, featureId) {
  const field = nameField(id) ?? 'name';
  const name = properties?.[field];
  if (name !== undefined && name !== null && name !== '') return String(name);
  return featureId !== undefined && featureId !== null ? t('feature.id', { id: featureId }) : collectionTitle(id);
}

// Property names: the name field first, then the schema's order, the tile's extra ones last.
export function propertyOrder(id, properties) {
  const name = nameField(id);
  const declared = Object.keys(loaded.get(id)?.properties ?? {});
  const present = Object.keys(properties ?? {});
  const order = [...declared.filter((p) => present.includes(p)), ...present.filter((p) => !declared.includes(p))];
  return name && order.includes(name) ? [name, ...order.filter((p) => p !== name)] : order;
}
