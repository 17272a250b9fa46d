// The web map for callers with an API key or a URL token: a copy of the demo configuration with
// polluted_plots restricted to the land bureau (`roles: [land_bureau]`), and keys made by
// `onemap key add`. Anonymous pages never see the layer; a key pasted in the header's control,
// or a link's ?token=, shows it, draws its tiles and downloads it; a wrong key, a refused stored
// key and an expired link are said in the page's language; signing out hides it again.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Color } from '@maplibre/maplibre-gl-style-spec';
import {
  canvasPixel, foreignRequests, launchBrowser, openPage, projectToPage, screenshot, waitForIdle, waitForMapReady,
} from './lib/browser.mjs';
import { addKey, demoConfigCopy, getJSON, startServer } from './lib/server.mjs';
import { bboxOf } from './lib/facts.mjs';

const LAYER = 'polluted_plots';
const KEY_STORAGE = 'onemap.apiKey';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const rgb = (css) => {
  const c = Color.parse(css);
  const a = c.a || 1; // Color keeps premultiplied channels
  return [c.r / a, c.g / a, c.b / a].map((v) => Math.round(v * 255));
};
const colourDistance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

// The fill colour the style gives a plot of this status.
function plotColour(style, status) {
  const layer = style.layers.find((l) => l.metadata?.['onemap:collection'] === LAYER && l.type === 'fill');
  const paint = layer?.paint?.['fill-color'];
  if (typeof paint === 'string') return paint;
  if (Array.isArray(paint) && paint[0] === 'match') {
    for (let i = 2; i + 1 < paint.length; i += 2) {
      const values = Array.isArray(paint[i]) ? paint[i] : [paint[i]];
      if (values.includes(status)) return paint[i + 1];
    }
    return paint[paint.length - 1];
  }
  throw new Error(`the style has no fill colour for ${LAYER}`);
}

const tokenOf = (url) => new URL(url).searchParams.get('token');

describe('web map with API keys and URL tokens (demo, polluted_plots for the land bureau)', () => {
  let config;
  let server;
  let chrome;
  let keys;
  let plot; // the largest polluted plot: {bbox, centre, status}
  const shot = (page, step) => screenshot(page, `access-${step}`);
  const keyHeader = (role) => ({ headers: { 'X-API-Key': keys[role] } });

  before(async () => {
    config = demoConfigCopy({
      editLayer: (id, text) => (id === LAYER ? `${text.trimEnd()}\nroles: [land_bureau]\n` : text),
    });
    keys = { land_bureau: addKey(config.config, 'land_bureau'), planner: addKey(config.config, 'planner') };
    server = await startServer(['--config', config.config]);
    const plots = await getJSON(server.origin, `/collections/${LAYER}/items?limit=10000`, keyHeader('land_bureau'));
    const area = (box) => (box[2] - box[0]) * (box[3] - box[1]);
    const largest = plots.features
      .map((f) => ({ f, box: bboxOf(f.geometry) }))
      .reduce((a, b) => (area(b.box) > area(a.box) ? b : a));
    plot = {
      bbox: largest.box,
      centre: [(largest.box[0] + largest.box[2]) / 2, (largest.box[1] + largest.box[3]) / 2],
      status: largest.f.properties.status,
    };
    chrome = await launchBrowser();
  });

  after(async () => {
    await chrome?.close();
    await server?.stop();
    config?.remove();
  });

  // Every page: no request to another origin; no console error, warning, page error or failed
  // request but those the step expects (a refused key or token: the browser logs its 401).
  async function finish(session, expected = []) {
    const foreign = foreignRequests(session.record, server.origin);
    await session.close();
    assert.deepEqual(foreign, [], 'requests left the server’s origin');
    const problems = session.record.problems.filter((p) => !expected.some((re) => re.test(p)));
    assert.deepEqual(problems, [], 'console errors, warnings or failed requests');
  }

  async function openMap(query = '', { key } = {}) {
    // A stored key: in the browser's storage for the origin, as the control keeps it.
    const storageState = key
      ? { cookies: [], origins: [{ origin: server.origin, localStorage: [{ name: KEY_STORAGE, value: key }] }] }
      : undefined;
    const session = await openPage(chrome.browser, { storageState });
    await session.page.goto(`${server.origin}/map?test=1${query}`);
    await waitForMapReady(session.page);
    return session;
  }

  // Runs `action` (which makes the page load itself again) and waits for the new page's map.
  async function reloadedBy(page, action) {
    await page.evaluate(() => {
      window.beforeReload = true;
    });
    await action();
    await page.waitForFunction(() => !window.beforeReload && document.documentElement.dataset.ready === 'true', null,
      { timeout: 30000 });
    await waitForMapReady(page);
  }

  const switcherIds = (page) => page.$$eval('#layer-switcher input', (els) => els.map((e) => e.value));
  const legendIds = (page) => page.$$eval('#legend [data-collection]', (els) => els.map((e) => e.dataset.collection));
  const downloadIds = (page) => page.$$eval('#download-layer option', (els) => els.map((e) => e.value));
  const storedKey = (page) => page.evaluate((name) => localStorage.getItem(name), KEY_STORAGE);
  const addressToken = (page) => new URL(page.url()).searchParams.get('token');

  async function assertLayerAbsent(page) {
    assert.ok(!(await switcherIds(page)).includes(LAYER), 'the layer switcher has no polluted plots');
    assert.ok(!(await legendIds(page)).includes(LAYER), 'the legend has no polluted plots');
    assert.ok(!(await downloadIds(page)).includes(LAYER), 'the downloads offer no polluted plots');
  }

  async function assertLayerPresent(page) {
    assert.ok((await switcherIds(page)).includes(LAYER), 'the layer switcher lists polluted plots');
    assert.ok((await legendIds(page)).includes(LAYER), 'the legend lists polluted plots');
    assert.ok((await downloadIds(page)).includes(LAYER), 'the downloads offer polluted plots');
  }

  // API requests of the page (not its own files): each carries `token` (or, when null, none does).
  function assertRequestsCarry(record, token, since = 0) {
    const api = record.requests.slice(since).filter((r) => {
      const url = new URL(r.url);
      return url.origin === server.origin && !url.pathname.startsWith('/web/') && url.pathname !== '/map';
    });
    assert.ok(api.length > 0, 'the page asked the server');
    const keyed = (r) => r.method === 'POST' && r.url.endsWith('/auth/token'); // sends the key instead
    const wrong = api.filter((r) => tokenOf(r.url) !== token && !keyed(r));
    assert.deepEqual(wrong.map((r) => r.url), [],
      token ? 'every API request carries the token' : 'no API request carries a token');
  }

  // The restricted layer's tiles were asked with the token and answered, and draw: the plot's
  // pixel changes with the layer on and off, and is nearer its status colour with it.
  async function assertLayerDraws(page, record, token, step) {
    await page.evaluate((b) => window.onemapTest.map.fitBounds(b, { animate: false, padding: 200 }), plot.bbox);
    await waitForIdle(page);
    const tiles = record.responses.filter((r) => new URL(r.url).pathname.startsWith(`/tiles/${LAYER}/`));
    assert.ok(tiles.length > 0, 'the page asked for polluted plots’ tiles');
    assert.deepEqual(tiles.filter((r) => r.status !== 200 && r.status !== 204).map((r) => `${r.status} ${r.url}`), [],
      'its tiles were answered');
    assert.ok(tiles.every((r) => tokenOf(r.url) === token), 'its tile URLs carry the token');
    const p = await projectToPage(page, plot.centre);
    const on = await canvasPixel(page, p.cx, p.cy);
    await shot(page, `${step}-on`);
    await page.click(`#layer-switcher input[value="${LAYER}"]`);
    await waitForIdle(page);
    const off = await canvasPixel(page, p.cx, p.cy);
    await page.click(`#layer-switcher input[value="${LAYER}"]`);
    await waitForIdle(page);
    const style = await getJSON(server.origin, `/styles/onemap.json?token=${encodeURIComponent(token)}`);
    const expected = rgb(plotColour(style, plot.status));
    assert.ok(colourDistance(on, off) > 25, `the plot changes the pixel (on ${on}, off ${off})`);
    assert.ok(colourDistance(on, expected) < colourDistance(off, expected) - 20,
      `the pixel with the plot (${on}) is nearer its colour ${expected} than without (${off})`);
  }

  // The download panel's link for the whole layer as GeoJSON: it carries the token and answers
  // the layer's features; without the token the layer is not there.
  async function assertDownloads(page, token) {
    if (await page.isHidden('#tools-panel')) await page.click('#toggle-tools');
    await page.selectOption('#download-layer', LAYER);
    await page.selectOption('#download-format', 'geojson');
    await page.check('input[name="download-scope"][value="all"]');
    const href = await page.getAttribute('#download-link', 'href');
    assert.equal(new URL(href).origin, server.origin);
    assert.equal(tokenOf(href), token, 'the download link carries the token');
    const file = await fetch(href);
    assert.equal(file.status, 200, `${href}: ${file.status}`);
    const features = (await file.json()).features;
    const all = await getJSON(server.origin, `/collections/${LAYER}/items?limit=1`, keyHeader('land_bureau'));
    assert.equal(features.length, all.numberMatched, 'the file holds every polluted plot');
    const bare = new URL(href);
    bare.searchParams.delete('token');
    assert.equal((await fetch(bare)).status, 404, 'without the token the layer is not there');
  }

  async function newToken(role, seconds) {
    const r = await fetch(`${server.origin}/auth/token?expires_in=${seconds}`, { method: 'POST', ...keyHeader(role) });
    assert.equal(r.status, 200);
    return r.json();
  }

  it('anonymous: the land bureau’s layer is nowhere on the page, nor in the style', async () => {
    const style = await getJSON(server.origin, '/styles/onemap.json');
    assert.ok(!style.metadata['onemap:collections'].some((c) => c.id === LAYER), 'the style lists no polluted plots');
    assert.ok(!(LAYER in style.sources), 'the style has no polluted plots source');
    assert.equal((await fetch(`${server.origin}/collections/${LAYER}`)).status, 404);

    const session = await openMap();
    const { page, record } = session;
    if (await page.isHidden('#tools-panel')) await page.click('#toggle-tools');
    await assertLayerAbsent(page);
    assert.ok(await page.isHidden('#access-role'), 'no role is shown');
    assert.equal(await page.textContent('#access-toggle'), '密钥');
    assert.ok(!record.requests.some((r) => r.url.includes(`/${LAYER}`)), 'nothing of polluted plots was asked');
    assertRequestsCarry(record, null);
    await shot(page, '1-anonymous');
    await finish(session);
  });

  it('a land bureau key pasted in the control shows the layer after reload, draws and downloads it', async () => {
    const session = await openMap();
    const { page, record } = session;
    // By keyboard: the button opens the panel with the focus in the field; Enter saves.
    await page.focus('#access-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#access-toggle', 'aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'access-key');
    await page.keyboard.press('Escape');
    assert.ok(await page.isHidden('#access-panel'), 'Esc closes the panel');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'access-toggle', 'the focus is back');
    await page.keyboard.press('Enter');
    await page.keyboard.type(keys.land_bureau);
    await shot(page, '2-key-entered');
    const since = record.requests.length;
    await reloadedBy(page, () => page.keyboard.press('Enter'));

    assert.equal(await storedKey(page), keys.land_bureau, 'the key is kept in localStorage');
    const post = record.requests.slice(since).filter((r) => r.method === 'POST' && r.url.endsWith('/auth/token'));
    assert.ok(post.length >= 2, 'the key was checked, then exchanged for a token on the new page');
    assert.ok(post.every((r) => r.headers['x-api-key'] === keys.land_bureau && !tokenOf(r.url)),
      'POST /auth/token sends the key as X-API-Key, and no token');
    const tokenRequest = post[post.length - 1];
    const answer = record.responses.find((r) => r.url === tokenRequest.url && r.status === 200);
    assert.ok(answer, 'the token was made');
    const token = tokenOf(record.requests.slice(since).find((r) => r.url.includes('/styles/onemap.json')).url);
    assert.match(token ?? '', /^[0-9a-f]{8}\.\d+\./, 'the style was asked with a URL token');
    assertRequestsCarry(record, token, record.requests.indexOf(tokenRequest) + 1);
    assert.equal(addressToken(page), null, 'the page’s address carries no token');

    assert.equal(await page.textContent('#access-role'), '自然资源部门');
    assert.equal(await page.getAttribute('#access-role', 'data-role'), 'land_bureau');
    await assertLayerPresent(page);
    await assertLayerDraws(page, record, token, '2-key');
    assert.equal(addressToken(page), null, 'the view’s link carries no token');
    assert.ok(!new URL(page.url()).hash.includes('token'), 'nor does its #zoom/lat/lng');
    await assertDownloads(page, token);
    await shot(page, '2-key-download');
    await finish(session);
  });

  it('a link with ?token= works the same without a stored key, across a reload, and is left again', async () => {
    const { token } = await newToken('land_bureau', 600);
    const session = await openMap(`&token=${encodeURIComponent(token)}`);
    const { page, record } = session;
    assert.equal(addressToken(page), null, 'the token is taken out of the page’s address');
    assert.equal(new URL(page.url()).searchParams.get('test'), '1', 'the rest of the address stays');
    assert.equal(await storedKey(page), null, 'no key is stored');
    assert.equal(await page.textContent('#access-role'), '链接');
    await assertLayerPresent(page);
    assertRequestsCarry(record, token);
    await assertLayerDraws(page, record, token, '3-link');
    await assertDownloads(page, token);

    await reloadedBy(page, () => page.reload());
    await assertLayerPresent(page);
    assert.equal(addressToken(page), null);

    await page.click('#access-toggle');
    assert.equal(await page.textContent('#access-sign-out'), '退出链接访问');
    await shot(page, '3-link-panel');
    const since = record.requests.length;
    await reloadedBy(page, () => page.click('#access-sign-out'));
    await assertLayerAbsent(page);
    assertRequestsCarry(record, null, since);
    await finish(session);
  });

  it('a wrong key is refused with a message in the page’s language, keeps nothing and shows no layer', async () => {
    const session = await openMap();
    const { page } = session;
    await page.click('#access-toggle');
    await page.fill('#access-key', 'om_00000000_not-a-key');
    await page.evaluate(() => {
      window.samePage = true;
    });
    await page.click('#access-save');
    await page.waitForSelector('#access-status[data-state="rejected"]');
    assert.match(await page.textContent('#access-status'), /密钥无效/);
    assert.equal(await page.evaluate(() => window.samePage), true, 'the page is not loaded again');
    assert.equal(await storedKey(page), null, 'a refused key is not kept');
    await assertLayerAbsent(page);
    await shot(page, '4-wrong-key');
    await page.click('#lang-toggle');
    assert.match(await page.textContent('#access-status'), /The key was not accepted/);
    assert.equal(await page.textContent('#access-save'), 'Save');
    await finish(session, [/status of 401 .*\/auth\/token/]);
  });

  it('a stored key the server refuses is said on load, the public map shown, and the key cleared', async () => {
    const session = await openMap('', { key: 'om_deadbeef_revoked-or-mistyped' });
    const { page, record } = session;
    assert.ok(await page.isVisible('#access-panel'), 'the panel opens to say so');
    assert.equal(await page.getAttribute('#access-status', 'data-state'), 'key_rejected');
    assert.match(await page.textContent('#access-status'), /保存的密钥无效/);
    assert.equal(await page.textContent('#access-sign-out'), '清除密钥');
    await assertLayerAbsent(page);
    assertRequestsCarry(record, null);
    await shot(page, '5-stored-key-refused');
    await reloadedBy(page, () => page.click('#access-sign-out'));
    assert.equal(await storedKey(page), null, 'the key is cleared');
    assert.ok(await page.isHidden('#access-panel'));
    assert.equal(await page.textContent('#access-status'), '');
    await finish(session, [/status of 401 .*\/auth\/token/]);
  });

  it('signing out hides the layer again', async () => {
    const session = await openMap('', { key: keys.land_bureau });
    const { page, record } = session;
    await assertLayerPresent(page);
    await page.click('#access-toggle');
    assert.match(await page.textContent('#access-who'), /自然资源部门/);
    const since = record.requests.length;
    await reloadedBy(page, () => page.click('#access-sign-out'));
    assert.equal(await storedKey(page), null);
    await assertLayerAbsent(page);
    assert.ok(await page.isHidden('#access-role'));
    assertRequestsCarry(record, null, since);
    await finish(session);
  });

  it('a planner’s key: the role is shown, the land bureau’s layer stays hidden', async () => {
    const session = await openMap('', { key: keys.planner });
    const { page, record } = session;
    assert.equal(await page.textContent('#access-role'), '规划人员');
    await assertLayerAbsent(page);
    const token = tokenOf(record.requests.find((r) => r.url.includes('/styles/onemap.json')).url);
    assert.ok(token, 'the planner’s page acts with a token');
    await page.click('#lang-toggle');
    assert.equal(await page.textContent('#access-role'), 'Planner');
    assert.equal(await page.getAttribute('#access-toggle', 'aria-label'), 'API key (signed in as Planner)');
    await shot(page, '6-planner');
    await finish(session);
  });

  it('a link whose token expired: the public map and a message', async () => {
    const { token, expires } = await newToken('land_bureau', 8);
    const session = await openMap(`&token=${encodeURIComponent(token)}`);
    const { page } = session;
    await assertLayerPresent(page);
    await sleep(Date.parse(expires) + 1500 - Date.now());
    await reloadedBy(page, () => page.reload());
    assert.ok(await page.isVisible('#access-panel'), 'the panel opens to say so');
    assert.equal(await page.getAttribute('#access-status', 'data-state'), 'link_rejected');
    assert.match(await page.textContent('#access-status'), /链接中的访问令牌已失效/);
    await assertLayerAbsent(page);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the expired token is forgotten');
    await shot(page, '7-link-expired');
    await finish(session, [/status of 401 .*\/styles\/onemap\.json/]);
  });
});
