// The web map follows the data (issue P9): tile URLs name their layer's version, so an open map
// must learn of an edit to stop asking for (possibly cached) tiles of the old version. A copy of
// the demo data is served; one layer's table is edited and the server reloaded (SIGHUP, as an
// edit in PostGIS reloads a layer); the page then asks for that layer's tiles under its new
// version only, and keeps the other layers' URLs, whose tiles did not change.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage, waitForMapReady } from './lib/browser.mjs';
import { PROJECT_ROOT, demoConfigCopy, getJSON, startServer } from './lib/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// {layer: Set of versions} of the tile requests recorded from index `from` on.
function tileVersions(record, from = 0) {
  const out = new Map();
  for (const { url } of record.requests.slice(from)) {
    const u = new URL(url);
    const m = u.pathname.match(/^\/tiles\/([^/]+)\/\d+\/\d+\/\d+\.mvt$/);
    if (!m) continue;
    if (!out.has(m[1])) out.set(m[1], new Set());
    out.get(m[1]).add(u.searchParams.get('v'));
  }
  return out;
}

describe('web map following edits', () => {
  let config;
  let gpkg;
  let server;
  let chrome;

  before(async () => {
    gpkg = path.join(fs.mkdtempSync('/tmp/onemap-live-'), 'jiyuan.gpkg');
    fs.copyFileSync(path.join(PROJECT_ROOT, 'data/demo/jiyuan.gpkg'), gpkg);
    config = demoConfigCopy({ editLayer: (id, text) => text.replace(/^source: .*$/m, `source: ${gpkg}`) });
    server = await startServer(['--config', config.config]);
    chrome = await launchBrowser();
  });

  after(async () => {
    await chrome?.close();
    await server?.stop();
    config?.remove();
    if (gpkg) fs.rmSync(path.dirname(gpkg), { recursive: true, force: true });
  });

  it('asks for an edited layer\'s tiles under its new version and keeps the others', async () => {
    const { page, record, close } = await openPage(chrome.browser);
    try {
      await page.goto(`${server.origin}/?test=1&live_ms=500`);
      await waitForMapReady(page);
      const before = tileVersions(record);
      assert.ok(before.size >= 2, `tiles of several layers drawn: ${[...before.keys()]}`);
      const style = await getJSON(server.origin, '/styles/onemap.json');
      const version = (s, id) => s.metadata['onemap:collections'].find((c) => c.id === id).version;
      for (const [id, versions] of before) assert.deepEqual([...versions], [version(style, id)], id);

      // Edit the table of the first layer drawn (its source_layer is its id in the demo).
      const edited = [...before.keys()][0];
      execFileSync('/usr/bin/python3', ['-c', `
from osgeo import ogr
ds = ogr.Open(${JSON.stringify(gpkg)}, 1)
ds.ExecuteSQL("DELETE FROM ${edited} WHERE fid = (SELECT MIN(fid) FROM ${edited})")
`]);
      server.signal('SIGHUP');
      let after;
      for (let i = 0; i < 100; i += 1) {
        after = await getJSON(server.origin, '/styles/onemap.json');
        if (version(after, edited) !== version(style, edited)) break;
        await sleep(100);
      }
      const newVersion = version(after, edited);
      assert.notEqual(newVersion, version(style, edited), 'the reload gave the edited layer a new version');
      for (const id of before.keys()) if (id !== edited) assert.equal(version(after, id), version(style, id), id);

      // The page learns of it by itself (every 500 ms here: live_ms) and renews that source.
      // Renewed once the new TileJSON is read: its tile URL names the new version.
      await page.waitForFunction(
        ([id, v]) => (window.onemapTest.map.getSource(id).tiles ?? []).some((t) => t.includes(`v=${v}`)),
        [edited, newVersion], { timeout: 15000 },
      );
      await waitForMapReady(page);
      const mark = record.requests.length; // tiles asked for from here on, when the view moves
      await page.evaluate(() => window.onemapTest.map.jumpTo({ zoom: window.onemapTest.map.getZoom() + 1 }));
      await waitForMapReady(page);
      const later = tileVersions(record, mark);
      assert.deepEqual([...(later.get(edited) ?? [])], [newVersion], 'only the new version of the edited layer');
      for (const [id, versions] of later) if (id !== edited) assert.deepEqual([...versions], [version(style, id)], id);
      assert.deepEqual(record.problems, []);
    } finally {
      await close();
    }
  });
});
