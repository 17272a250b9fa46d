// The browser checks of the map page, run against one server: the demo catalog or the generated
// city. Each step saves a screenshot under tests/output/browser/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Color } from '@maplibre/maplibre-gl-style-spec';
import {
  canvasPixel, foreignRequests, launchBrowser, openPage, projectToPage, screenshot, waitForIdle, waitForMapReady,
} from './browser.mjs';
import { PROJECT_ROOT, getJSON } from './server.mjs';

const DOC_SCREENSHOTS = process.env.ONEMAP_DOC_SCREENSHOTS === '1';

function colourDistance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// The colour the style gives a farmland parcel of category 优先保护类.
function farmlandColour(style) {
  for (const layer of style.layers) {
    if (layer.metadata?.['onemap:collection'] !== 'farmland' || layer.type !== 'fill') continue;
    const paint = layer.paint?.['fill-color'];
    if (typeof paint === 'string') return paint;
    if (Array.isArray(paint) && paint[0] === 'match') {
      for (let i = 2; i + 1 < paint.length; i += 2) {
        const values = Array.isArray(paint[i]) ? paint[i] : [paint[i]];
        if (values.includes('优先保护类')) return paint[i + 1];
      }
    }
  }
  throw new Error('the style has no fill colour for farmland 优先保护类');
}

const rgb = (css) => {
  const c = Color.parse(css);
  const a = c.a || 1; // Color keeps premultiplied channels
  return [c.r / a, c.g / a, c.b / a].map((v) => Math.round(v * 255));
};

// Collections the legend must list while visible: those with a style layer that has a legend.
function collectionsWithLegend(style) {
  const ids = new Set();
  for (const layer of style.layers) {
    const id = layer.metadata?.['onemap:collection'];
    if (id && layer.metadata['onemap:legend'] !== false && ['fill', 'line', 'circle', 'fill-extrusion'].includes(layer.type)) ids.add(id);
  }
  return ids;
}

const inside = ([x, y], [w, s, e, n]) => x >= w && x <= e && y >= s && y <= n;

// name: 'demo' | 'generated'; setup(): {origin, facts, stop()}.
export function mapSuite(name, setup) {
  describe(`web map (${name})`, () => {
    let server;
    let facts;
    let chrome;
    let browser;
    let style;
    const shot = (page, step) => screenshot(page, `${name}-${step}`);

    // Every page: no console error or warning, no page error, no request to another origin.
    async function finish(session) {
      const foreign = foreignRequests(session.record, server.origin);
      await session.close();
      assert.deepEqual(foreign, [], 'requests left the server’s origin');
      assert.deepEqual(session.record.problems, [], 'console errors, warnings or failed requests');
    }

    async function mapPage(query = '', viewport) {
      const session = await openPage(browser, viewport);
      await session.page.goto(`${server.origin}/map?test=1${query}`);
      await waitForMapReady(session.page);
      return session;
    }

    before(async () => {
      server = await setup();
      facts = server.facts;
      style = await getJSON(server.origin, '/styles/onemap.json');
      chrome = await launchBrowser();
      browser = chrome.browser;
    });

    after(async () => {
      await chrome?.close();
      await server?.stop();
    });

    it('opens fitted to the data, draws tiles and lists the visible layers in the legend', async () => {
      const session = await mapPage();
      const { page, record } = session;
      const view = await page.evaluate(() => window.onemapTest.map.getBounds().toArray().flat());
      const data = style.metadata['onemap:bounds'];
      const centre = [(data[0] + data[2]) / 2, (data[1] + data[3]) / 2];
      assert.ok(inside(centre, view), `the view ${view} holds the data's centre ${centre}`);
      const eps = 1e-6;
      assert.ok(view[0] <= data[0] + eps && view[1] <= data[1] + eps && view[2] >= data[2] - eps && view[3] >= data[3] - eps,
        `the view ${view} holds the data's extent ${data}`);
      assert.ok(view[2] - view[0] < 4 * (data[2] - data[0]), 'the view is fitted to the data, not the world');

      const tiles = record.responses.filter((r) => /\/tiles\/.+\/\d+\/\d+\/\d+\.mvt/.test(r.url));
      assert.ok(tiles.some((r) => r.status === 200), 'vector tiles were fetched');

      const checked = await page.$$eval('#layer-switcher input:checked', (els) => els.map((e) => e.value));
      const legend = await page.$$eval('#legend [data-collection]', (els) => els.map((e) => e.dataset.collection));
      const withLegend = collectionsWithLegend(style);
      assert.deepEqual(new Set(legend), new Set(checked.filter((id) => withLegend.has(id))));
      assert.ok(legend.includes('farmland'), 'farmland is in the legend');
      const themes = await page.$$eval('#layer-switcher legend', (els) => els.map((e) => e.textContent));
      assert.ok(themes.includes('土') && themes.includes('水'), `themes ${themes}`);
      // Theme order: the style's onemap:themes, then the others as they first appear; no theme last.
      const listed = style.metadata['onemap:collections'];
      const seen = [...new Set(listed.map((c) => c.theme).filter(Boolean))];
      const declared = (style.metadata['onemap:themes'] ?? []).map((th) => th.name).filter((n) => seen.includes(n));
      const order = [...declared, ...seen.filter((n) => !declared.includes(n))];
      if (listed.some((c) => !c.theme)) order.push('其他');
      assert.deepEqual(themes, order);

      // The same page at / for a browser.
      const root = await fetch(`${server.origin}/`, { headers: { Accept: 'text/html' } });
      assert.match(await root.text(), /web\/src\/main\.js/, '/ gives a browser the map page');

      await shot(page, '1-first-view');
      if (DOC_SCREENSHOTS && name === 'demo') {
        await screenshot(page, null, path.join(PROJECT_ROOT, 'docs/images/map-overview.png'));
      }
      await finish(session);
    });

    it('stays on the page’s origin when the browser names the server otherwise', async () => {
      // The server knows itself as 127.0.0.1 (its bind address: the style's URLs say so); a
      // browser reaching it as localhost must still fetch tiles and glyphs from localhost.
      const origin = server.origin.replace('127.0.0.1', 'localhost');
      const session = await openPage(browser);
      await session.page.goto(`${origin}/map?test=1`);
      await waitForMapReady(session.page);
      await waitForIdle(session.page);
      const { record } = session;
      const tiles = record.responses.filter((r) => /\/tiles\/.+\/\d+\/\d+\/\d+\.mvt/.test(r.url));
      assert.ok(tiles.length > 0 && tiles.every((r) => r.url.startsWith(origin + '/')), 'tiles come from the page’s origin');
      const foreign = foreignRequests(record, origin);
      await session.close();
      assert.deepEqual(foreign, [], 'requests left the page’s origin');
      assert.deepEqual(record.problems, [], 'console errors, warnings or failed requests');
    });

    it('draws farmland in its colour and hides it with the layer switcher', async () => {
      const session = await mapPage();
      const { page } = session;
      const box = facts.farmland.bbox;
      await page.evaluate((b) => window.onemapTest.map.fitBounds(b, { animate: false, padding: 200 }), box);
      await waitForIdle(page);
      const p = await projectToPage(page, facts.farmland.centre);
      const expected = rgb(farmlandColour(style));
      const on = await canvasPixel(page, p.cx, p.cy);
      await shot(page, '2-farmland-on');

      await page.click('#layer-switcher input[value="farmland"]');
      await waitForIdle(page);
      const off = await canvasPixel(page, p.cx, p.cy);
      const legend = await page.$$eval('#legend [data-collection]', (els) => els.map((e) => e.dataset.collection));
      assert.ok(!legend.includes('farmland'), 'a hidden layer leaves the legend');
      const layersParam = new URL(page.url()).searchParams.get('layers');
      assert.ok(layersParam && !layersParam.split(',').includes('farmland') && layersParam.split(',').includes('enterprises'),
        `the link keeps the visible layers: ${layersParam}`);
      await shot(page, '2-farmland-off');

      assert.ok(colourDistance(on, off) > 25, `the parcel changes the pixel (on ${on}, off ${off})`);
      assert.ok(colourDistance(on, expected) < colourDistance(off, expected) - 20,
        `the pixel with farmland (${on}) is nearer its colour ${expected} than without (${off})`);
      assert.ok(on[1] > on[0] && on[1] > on[2], `a priority parcel is green: ${on}`);

      // The link reopens the same view: layers and position.
      const link = page.url();
      const again = await openPage(browser);
      await again.page.goto(link);
      await waitForMapReady(again.page);
      const checked = await again.page.$$eval('#layer-switcher input:checked', (els) => els.map((e) => e.value));
      assert.ok(!checked.includes('farmland') && checked.includes('enterprises'), `reopened layers ${checked}`);
      const zooms = await Promise.all([page, again.page].map((pg) => pg.evaluate(() => window.onemapTest.map.getZoom())));
      assert.ok(Math.abs(zooms[0] - zooms[1]) < 0.05, `same zoom ${zooms}`);
      await finish(again);
      await finish(session);
    });

    it('searches a township and flies to it', async () => {
      const session = await mapPage();
      const { page, record } = session;
      const { name: township, bbox } = facts.township;
      await page.click('#search-input');
      await page.keyboard.type(township);
      await page.waitForSelector('#search-results li');
      const first = await page.textContent('#search-results li .result-name');
      assert.equal(first, township);
      assert.ok(record.requests.some((r) => r.url.includes('/search?q=')), 'the page asked /search');
      await shot(page, '3-search-suggestions');
      const before = await page.evaluate(() => window.onemapTest.map.getCenter().toArray());
      await page.keyboard.press('Enter');
      await page.waitForFunction((c) => window.onemapTest.map.getCenter().toArray().join() !== c.join(), before);
      await waitForIdle(page);
      const centre = await page.evaluate(() => window.onemapTest.map.getCenter().toArray());
      assert.ok(inside(centre, bbox), `the map centre ${centre} lies in ${township} ${bbox}`);
      await shot(page, '3-search-result');
      await finish(session);
    });

    it('shows an enterprise’s attributes in a popup', async () => {
      const session = await mapPage();
      const { page } = session;
      await page.evaluate((c) => window.onemapTest.map.jumpTo({ center: c, zoom: 15 }), facts.enterprise.lonlat);
      await waitForIdle(page);
      const p = await projectToPage(page, facts.enterprise.lonlat);
      await page.mouse.click(p.x, p.y);
      await page.waitForSelector('.maplibregl-popup .feature-popup h2');
      assert.equal(await page.textContent('.maplibregl-popup .feature-popup h2'), facts.enterprise.name);
      const titles = await page.$$eval('.maplibregl-popup th', (els) => els.map((e) => e.textContent));
      assert.ok(titles.length > 0, 'the popup lists attributes');
      await shot(page, '4-popup');
      await finish(session);
    });

    it('opens a plot check from a link and lists the rules the plot breaks', async () => {
      const plot = facts.restrictedPlot;
      const session = await mapPage(`&plot=polluted_plots/${plot.id}&use=${plot.use}`);
      const { page } = session;
      await page.waitForSelector('#plot-results[data-state]');
      assert.equal(await page.getAttribute('#plot-results', 'data-state'), 'restricted');
      const rules = await page.$$eval('#plot-results li[data-rule]', (els) => [...new Set(els.map((e) => e.dataset.rule))].sort());
      assert.deepEqual(rules, plot.rules);
      assert.equal(await page.inputValue('#plot-use'), plot.use);
      assert.ok((await page.textContent('#plot-selected')).includes(plot.name), 'the plot is named');
      const highlighted = await page.evaluate(() => window.onemapTest.map.querySourceFeatures('onemap-highlight').length);
      assert.ok(highlighted > 0, 'the plot is highlighted on the map');
      await waitForIdle(page);
      await shot(page, '5-plot-check');
      if (DOC_SCREENSHOTS && name === 'demo') {
        await screenshot(page, null, path.join(PROJECT_ROOT, 'docs/images/plot-check.png'));
      }
      await finish(session);
    });

    it('says a clean plot has no restrictions', async () => {
      const plot = facts.cleanPlot;
      const session = await mapPage(`&plot=polluted_plots/${plot.id}&use=${plot.use}`);
      const { page } = session;
      await page.waitForSelector('#plot-results[data-state]');
      assert.equal(await page.getAttribute('#plot-results', 'data-state'), 'clean');
      assert.match(await page.textContent('#plot-results .clean'), /未发现限制/);
      assert.equal(await page.$$eval('#plot-results li[data-rule]', (els) => els.length), 0);
      await shot(page, '6-clean-plot');
      await finish(session);
    });

    it('picks a plot on the map and checks it', async () => {
      const plot = facts.restrictedPlot;
      const session = await mapPage();
      const { page } = session;
      if (await page.isHidden('#tools-panel')) await page.click('#toggle-tools');
      await page.evaluate((b) => window.onemapTest.map.fitBounds(b, { animate: false, padding: 150 }), plot.bbox);
      await waitForIdle(page);
      await page.click('#plot-pick');
      assert.equal(await page.getAttribute('#plot-pick', 'aria-pressed'), 'true');
      const p = await projectToPage(page, [(plot.bbox[0] + plot.bbox[2]) / 2, (plot.bbox[1] + plot.bbox[3]) / 2]);
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((n) => document.getElementById('plot-selected').textContent.includes(n), plot.name);
      await page.waitForSelector('#plot-pick[aria-pressed="false"]');
      assert.equal(await page.locator('.maplibregl-popup').count(), 0, 'the picking click opens no popup');
      await page.selectOption('#plot-use', plot.use);
      await page.click('#plot-run');
      await page.waitForSelector('#plot-results[data-state]');
      const rules = await page.$$eval('#plot-results li[data-rule]', (els) => [...new Set(els.map((e) => e.dataset.rule))].sort());
      assert.deepEqual(rules, plot.rules);
      assert.equal(new URL(page.url()).searchParams.get('plot'), `polluted_plots/${plot.id}`, 'the link reopens this check');
      await shot(page, '6-plot-picked');
      await finish(session);
    });

    it('draws a plot with terra-draw and checks it', async () => {
      const session = await mapPage();
      const { page, record } = session;
      if (await page.isHidden('#tools-panel')) await page.click('#toggle-tools');
      const data = style.metadata['onemap:bounds'];
      await page.evaluate((b) => window.onemapTest.map.fitBounds(b, { animate: false, padding: 250 }), data);
      await waitForIdle(page);
      await page.click('#plot-draw');
      assert.equal(await page.getAttribute('#plot-draw', 'aria-pressed'), 'true');
      const box = await page.evaluate(() => window.onemapTest.map.getCanvas().getBoundingClientRect().toJSON());
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const corners = [[-40, -30], [40, -30], [40, 30], [-40, 30], [-40, -30]];
      for (const [dx, dy] of corners) {
        await page.mouse.move(cx + dx, cy + dy, { steps: 2 });
        await page.mouse.click(cx + dx, cy + dy);
        await page.waitForTimeout(120);
      }
      await page.waitForFunction(() => document.getElementById('plot-run').disabled === false);
      await page.waitForSelector('#plot-draw[aria-pressed="false"]');
      assert.equal(await page.locator('.maplibregl-popup').count(), 0, 'the closing click opens no popup');
      await page.selectOption('#plot-use', 'industrial');
      await page.click('#plot-run');
      await page.waitForSelector('#plot-results[data-state]');
      const post = record.requests.find((r) => r.method === 'POST' && r.url.endsWith('/processes/plot-restrictions/execution'));
      const inputs = JSON.parse(post.body).inputs;
      assert.equal(inputs.geometry?.type, 'Polygon', 'a drawn plot is sent as its geometry');
      assert.equal(inputs.geometry.coordinates[0].length, 5, 'four corners and the closing point');
      const expected = await getJSON(server.origin, '/processes/plot-restrictions/execution', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ inputs }),
      });
      const want = [...new Set(expected.restrictions.map((r) => r.rule))].sort();
      const rules = await page.$$eval('#plot-results li[data-rule]', (els) => [...new Set(els.map((e) => e.dataset.rule))].sort());
      assert.deepEqual(rules, want);
      assert.equal(await page.getAttribute('#plot-results', 'data-state'), want.length ? 'restricted' : 'clean');
      await shot(page, '6-plot-drawn');
      await finish(session);
    });

    it('runs a screening job, lists the expected enterprises and exports the ledger', async () => {
      const session = await mapPage();
      const { page, record } = session;
      if (await page.isHidden('#tools-panel')) await page.click('#toggle-tools');
      await page.waitForSelector('#screening-rules input[value="R1"]');
      await page.check('#screening-rules input[value="R1"]');
      await page.click('#screening-run');
      await page.waitForSelector('.screening-table tbody tr', { timeout: 60000 });
      const names = await page.$$eval('.screening-table tbody tr[data-rule="R1"] td:nth-child(3) button',
        (els) => [...new Set(els.map((e) => e.textContent))].sort());
      assert.deepEqual(names, facts.r1Names);
      const post = record.requests.find((r) => r.method === 'POST' && r.url.endsWith('/processes/screening/execution'));
      assert.equal(post?.headers.prefer, 'respond-async', 'screening runs as a job');
      assert.ok(record.requests.some((r) => /\/jobs\/[^/]+$/.test(r.url)), 'the page polled the job');
      await shot(page, '7-screening');

      await page.click('#screening-export');
      await page.waitForSelector('#screening-download:not([hidden])', { timeout: 60000 });
      const href = await page.getAttribute('#screening-download', 'href');
      assert.equal(new URL(href).origin, server.origin);
      const csv = await fetch(href);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      const text = await csv.text();
      for (const n of facts.r1Names) assert.ok(text.includes(n), `the ledger lists ${n}`);
      await shot(page, '7-screening-export');
      await finish(session);
    });

    it('offers a layer of a township as a file that GDAL opens', async () => {
      const session = await mapPage();
      const { page } = session;
      if (await page.isHidden('#tools-panel')) await page.click('#toggle-tools');
      await page.waitForSelector('#download-township option', { state: 'attached' });
      await page.selectOption('#download-layer', 'enterprises');
      await page.selectOption('#download-format', 'gpkg');
      await page.check('input[name="download-scope"][value="township"]');
      const township = await page.inputValue('#download-township');
      const href = await page.getAttribute('#download-link', 'href');
      assert.equal(new URL(href).origin, server.origin);
      assert.match(href, /\/download\/enterprises\.gpkg\?township=/);
      const pkg = await page.getAttribute('#download-package', 'href');
      assert.equal(pkg, `${server.origin}/download/township/${encodeURIComponent(township)}`);
      await shot(page, '8-download');
      await finish(session);

      // The township's offline package: a ZIP (its contents are tested with GDAL and QGIS elsewhere).
      const zip = await fetch(pkg);
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      assert.equal(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString(), 'PK');

      // The file, read by GDAL, holds exactly the enterprises the features API finds in it.
      const response = await fetch(href);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-download-'));
      const file = path.join(dir, 'enterprises.gpkg');
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      fs.rmSync(dir, { recursive: true, force: true });
      const count = Number(/Feature Count: (\d+)/.exec(info)?.[1]);
      const expected = await getJSON(server.origin,
        `/collections/enterprises/items?limit=1&township=${encodeURIComponent(township)}`);
      assert.equal(count, expected.numberMatched, `${township}: the file and the features API agree`);
      assert.ok(count > 0, `${township} has enterprises`);
    });

    it('speaks English with ?lang=en and back in Chinese with the toggle', async () => {
      const session = await mapPage('&lang=en');
      const { page } = session;
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('.app-title'), 'Environmental One-Map');
      const themes = await page.$$eval('#layer-switcher legend', (els) => els.map((e) => e.textContent));
      assert.ok(themes.includes('Soil') && themes.includes('Water'), `themes ${themes}`);
      assert.equal(await page.getAttribute('#search-input', 'placeholder'), 'Search: towns, enterprises, plots…');
      assert.ok((await page.textContent('#legend')).includes('Farmland'), 'legend in English');
      await shot(page, '8-english');
      await page.click('#lang-toggle');
      assert.equal(await page.textContent('.app-title'), '生态环境一张图');
      assert.equal(new URL(page.url()).searchParams.get('lang'), null);
      await finish(session);
    });

    it('works on a tablet (1024×768) and by keyboard', async () => {
      const session = await mapPage('', { width: 1024, height: 768 });
      const { page } = session;
      const canvas = await page.evaluate(() => window.onemapTest.map.getCanvas().clientWidth);
      assert.equal(canvas, 1024);
      const open = async () => page.$$eval('.panel', (els) => els.filter((e) => !e.hidden).map((e) => e.id));
      assert.deepEqual(await open(), ['layers-panel'], 'one panel at a time on a tablet');
      await shot(page, '9-tablet');
      await page.click('#toggle-tools');
      assert.deepEqual(await open(), ['tools-panel']);
      await page.click('#toggle-tools');
      assert.deepEqual(await open(), []);
      // Every control in the bar is reached with Tab, in order.
      await page.click('.app-title');
      const reached = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => document.activeElement?.id));
      }
      assert.deepEqual(reached, ['toggle-layers', 'search-input', 'toggle-tools', 'lang-toggle']);
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'toggle-tools');
      await page.keyboard.press('Enter'); // opens the tools panel from the keyboard
      assert.deepEqual(await open(), ['tools-panel']);
      await shot(page, '9-tablet-tools');
      await finish(session);
    });

    return { facts: () => facts, server: () => server };
  });
}
