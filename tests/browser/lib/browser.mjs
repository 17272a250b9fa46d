// Debian's Chromium, driven by playwright-core, with a fresh profile per run; every page records
// its console messages, page errors and requests so a test can assert none went wrong.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { OUTPUT_DIR } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-component-update', '--disable-sync',
];

// Chromium's own notes about the software GL driver (e.g. "GPU stall due to ReadPixels" when a
// test reads the canvas) come from the browser, not the page's code.
const BROWSER_NOISE = /^\[\.WebGL-[0-9a-fx]+\]GL Driver Message/;

// playwright-core gives each launch a fresh temporary profile (user-data dir) and removes it on
// close; each page gets a new browser context (no cache, no storage shared between pages).
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return { browser, close: () => browser.close() };
}

// A page at a viewport, recording what a test must check: console errors and warnings, page
// errors, failed requests and every request's URL. storageState: what the browser has stored
// before the page opens (playwright's {origins: [{origin, localStorage: [{name, value}]}]}).
export async function openPage(browser, { width = 1280, height = 800, storageState } = {}) {
  // Reduced motion: MapLibre jumps instead of animating, so a step waits for tiles, not flights.
  const context = await browser.newContext({
    viewport: { width, height }, deviceScaleFactor: 1, acceptDownloads: true, reducedMotion: 'reduce', storageState,
  });
  const page = await context.newPage();
  const record = { problems: [], requests: [], responses: [] };
  page.on('console', (msg) => {
    if ((msg.type() === 'error' || msg.type() === 'warning') && !BROWSER_NOISE.test(msg.text())) {
      record.problems.push(`console ${msg.type()}: ${msg.text()} (${msg.location()?.url ?? ''})`);
    }
  });
  page.on('pageerror', (error) => record.problems.push(`page error: ${error.message}`));
  page.on('request', (req) => record.requests.push({ url: req.url(), method: req.method(), headers: req.headers(), body: req.postData() }));
  page.on('response', (res) => record.responses.push({ url: res.url(), status: res.status() }));
  page.on('requestfailed', (req) => {
    // A tile or a request MapLibre cancels when the view moves on is not a failure.
    const text = req.failure()?.errorText ?? '';
    if (text !== 'net::ERR_ABORTED') record.problems.push(`request failed: ${req.url()} ${text}`);
  });
  return { context, page, record, close: () => context.close() };
}

// Requests to anything but the page's own origin (data: and blob: URLs stay in the page).
export function foreignRequests(record, origin) {
  return record.requests
    .map((r) => r.url)
    .filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}

export async function waitForMapReady(page, { timeout = 30000 } = {}) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout });
  await waitForIdle(page, { timeout });
}

// Until the map has stopped moving and every visible tile is loaded.
export async function waitForIdle(page, { timeout = 30000 } = {}) {
  await page.waitForFunction(() => {
    const map = window.onemapTest?.map;
    return Boolean(map && !map.isMoving() && map.loaded() && map.areTilesLoaded());
  }, null, { timeout, polling: 100 });
  await page.evaluate(() => new Promise((resolve) => {
    const map = window.onemapTest.map;
    map.once('idle', resolve);
    map.triggerRepaint();
  }));
}

// Moves the map (jumpTo options) and waits until it is drawn.
export async function jumpTo(page, options) {
  await page.evaluate((o) => window.onemapTest.map.jumpTo(o), options);
  await waitForIdle(page);
}

// The pixel colour [r, g, b, a] drawn on the map canvas at (x, y) in CSS pixels of the canvas,
// averaged over a (2k+1)² block.
export async function canvasPixel(page, x, y, k = 2) {
  return page.evaluate(({ x, y, k }) => {
    const source = window.onemapTest.map.getCanvas();
    const ratio = source.width / source.clientWidth;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const size = 2 * k + 1;
    const data = ctx.getImageData(Math.round(x * ratio) - k, Math.round(y * ratio) - k, size, size).data;
    const sum = [0, 0, 0, 0];
    for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 4; c++) sum[c] += data[i + c];
    return sum.map((v) => Math.round(v / (size * size)));
  }, { x, y, k });
}

// Where a lon/lat lies on the page: {x, y} in page pixels, and {cx, cy} on the canvas.
export async function projectToPage(page, lonlat) {
  return page.evaluate((ll) => {
    const map = window.onemapTest.map;
    const p = map.project(ll);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, cx: p.x, cy: p.y };
  }, lonlat);
}

export async function screenshot(page, name, file) {
  const target = file ?? path.join(OUTPUT_DIR, `${name}.png`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await page.screenshot({ path: target });
  return target;
}
