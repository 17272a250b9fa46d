// Moving the view: to a bbox or a point, or to features, keeping clear of the open panels.

let paddingSource = () => 48;

// fn() → a number or {top, right, bottom, left}: the room the open panels take.
export function setPaddingSource(fn) {
  paddingSource = fn;
}

export function viewPadding(extra = 24) {
  const p = paddingSource();
  if (typeof p === 'number') return p + extra;
  return { top: p.top + extra, right: p.right + extra, bottom: p.bottom + extra, left: p.left + extra };
}

export function fitBox(map, box, { maxZoom = 16 } = {}) {
  const [w, s, e, n] = box;
  if (e - w < 1e-9 && n - s < 1e-9) {
    flyToPoint(map, [w, s], { zoom: Math.min(maxZoom, 15) });
    return;
  }
  map.fitBounds([[w, s], [e, n]], { padding: viewPadding(), maxZoom });
}

export function flyToPoint(map, center, { zoom = 15 } = {}) {
  map.flyTo({ center, zoom: Math.max(map.getZoom(), zoom), padding: viewPadding(0) });
}

// [w, s, e, n] of some GeoJSON features (any geometry type), or null.
export function featuresBounds(features) {
  let box = null;
  const visit = (coords) => {
    if (typeof coords[0] === 'number') {
      const [x, y] = coords;
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    } else for (const c of coords) visit(c);
  };
  const visitGeometry = (g) => {
    if (!g) return;
    if (g.type === 'GeometryCollection') g.geometries.forEach(visitGeometry);
    else if (g.coordinates) visit(g.coordinates);
  };
  for (const f of features) visitGeometry(f.geometry);
  return box;
}

// Fits the map to features; a single point is flown to instead.
export function fitFeatures(map, features, { maxZoom = 15 } = {}) {
  const box = featuresBounds(features);
  if (box) fitBox(map, box, { maxZoom });
}
