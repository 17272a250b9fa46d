// Keeps the map on the data the server serves now. Every tile URL names its layer's version
// (`?v=`), so browsers, nginx and CDNs may keep tiles for long; when a layer changes (an edit in
// PostGIS, a reload) its version does, and only a map that learns of it asks for the new tiles.
// So the map asks the style again now and then (while the page is shown) and points each source
// whose layer changed at its new TileJSON; the other sources, and their cached tiles, stay.

import { loadStyle } from './map-setup.js';

function versionsOf(style) {
  return new Map((style.metadata?.['onemap:collections'] ?? []).map((c) => [c.id, c.version]));
}

// onChange(ids): the layers whose tiles were just renewed.
export function followDataVersions(map, style, { intervalMs = 30000, onChange } = {}) {
  let known = versionsOf(style);
  let running = false;
  async function check() {
    if (running || document.hidden) return;
    running = true;
    try {
      const next = await loadStyle();
      const changed = [];
      for (const [id, version] of versionsOf(next)) {
        if (known.get(id) === version) continue;
        const source = map.getSource(id);
        const url = next.sources?.[id]?.url;
        if (source?.setUrl && url) {
          source.setUrl(url);
          changed.push(id);
        }
      }
      known = versionsOf(next);
      if (changed.length) onChange?.(changed);
    } catch {
      // The server is away for a moment (a restart, a replica failing over): ask again next time.
    } finally {
      running = false;
    }
  }
  const timer = setInterval(check, intervalMs);
  document.addEventListener('visibilitychange', check);
  return {
    check,
    stop() {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    },
  };
}
