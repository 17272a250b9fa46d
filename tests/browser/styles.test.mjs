// The server's map styles: /styles/onemap.json and every /styles/{collection}.json validate with
// MapLibre's style specification and keep the contract the web map reads (sources, glyphs,
// metadata), for the demo catalog and for a generated --data catalog.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { PROJECT_ROOT, generateCity, getJSON, startServer } from './lib/server.mjs';

function assertValid(style, label) {
  const errors = validateStyleMin(style).map((e) => e.message);
  assert.deepEqual(errors, [], `${label} validates`);
}

// What the web map relies on beyond the style specification.
function assertContract(style, origin, collectionIds, label) {
  assert.equal(style.version, 8);
  assert.ok(style.glyphs.startsWith(`${origin}/fonts/`), `${label}: glyphs on the server (${style.glyphs})`);
  assert.ok(style.glyphs.includes('{fontstack}') && style.glyphs.includes('{range}'));
  assert.equal(style.sprite, undefined, `${label}: no external sprite`);
  for (const [id, source] of Object.entries(style.sources)) {
    if (id === 'basemap') continue; // only when an online base map is configured
    assert.equal(source.type, 'vector', `${label}: source ${id}`);
    assert.ok(collectionIds.includes(id), `${label}: source ${id} is a collection`);
    assert.ok(source.url.startsWith(`${origin}/tiles/${id}.json`), `${label}: source ${id} url ${source.url}`);
  }
  assert.equal(style.layers[0].type, 'background', `${label}: a background layer first`);
  for (const layer of style.layers) {
    if (layer.type === 'background' || layer.id === 'basemap' || layer.source === 'basemap') continue;
    const collection = layer.metadata?.['onemap:collection'];
    assert.equal(collection, layer.source, `${label}: layer ${layer.id} names its collection`);
    assert.equal(layer['source-layer'], layer.source, `${label}: layer ${layer.id} source-layer`);
    if (layer.type === 'symbol' && layer.layout?.['text-field']) {
      assert.deepEqual(layer.layout['text-font'], ['OneMap Sans'], `${label}: ${layer.id} uses the server's font`);
    }
  }
  const meta = style.metadata ?? {};
  const listed = meta['onemap:collections'] ?? [];
  assert.deepEqual(listed.map((c) => c.id).sort(), [...Object.keys(style.sources)].filter((s) => s !== 'basemap').sort(),
    `${label}: onemap:collections lists the sources`);
  for (const c of listed) {
    assert.ok(['point', 'line', 'polygon'].includes(c.geometry_type), `${label}: ${c.id} geometry_type ${c.geometry_type}`);
    assert.equal(c.bbox?.length, 4, `${label}: ${c.id} bbox`);
  }
  const b = meta['onemap:bounds'];
  assert.ok(Array.isArray(b) && b.length === 4 && b[0] < b[2] && b[1] < b[3], `${label}: onemap:bounds ${b}`);
}

function styleSuite(name, setup) {
  describe(`styles (${name})`, () => {
    let server;
    before(async () => {
      server = await setup();
    });
    after(async () => server?.stop());

    it('/styles/onemap.json validates and keeps the contract', async () => {
      const collections = (await getJSON(server.origin, '/collections')).collections.map((c) => c.id);
      const style = await getJSON(server.origin, '/styles/onemap.json');
      assertValid(style, 'onemap.json');
      assertContract(style, server.origin, collections, 'onemap.json');
      assert.deepEqual(style.metadata['onemap:collections'].map((c) => c.id), collections, 'catalog order');
      // Every source's TileJSON answers.
      for (const source of Object.values(style.sources)) {
        if (source.type !== 'vector') continue;
        const r = await fetch(source.url);
        assert.equal(r.status, 200, source.url);
      }
      // The glyphs of the labels' font, Latin and CJK.
      for (const range of ['0-255', '19968-20223']) {
        const url = style.glyphs.replace('{fontstack}', encodeURIComponent('OneMap Sans')).replace('{range}', range);
        const r = await fetch(url);
        assert.equal(r.status, 200, url);
        assert.ok((await r.arrayBuffer()).byteLength > 0, `${url} has glyphs`);
      }
    });

    it('/styles/{collection}.json validates for every collection', async () => {
      const collections = (await getJSON(server.origin, '/collections')).collections.map((c) => c.id);
      for (const id of collections) {
        const style = await getJSON(server.origin, `/styles/${id}.json`);
        assertValid(style, `${id}.json`);
        assertContract(style, server.origin, collections, `${id}.json`);
        assert.ok(style.layers.some((l) => l.metadata?.['onemap:collection'] === id), `${id}.json draws ${id}`);
      }
    });
  });
}

styleSuite('demo', () => startServer(['--config', path.join(PROJECT_ROOT, 'onemap.yaml')]));

styleSuite('generated', async () => {
  const city = generateCity();
  const server = await startServer(['--data', city.gpkg]).catch((error) => {
    city.remove();
    throw error;
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      city.remove();
    },
  };
});
