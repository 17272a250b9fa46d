// The tile budget side by side (P8): the web map on a large dataset at z9, z11 and z13 over the
// dense plain, unthinned (server.tile_budget_kb: 0) on the left, thinned (the default budget) on
// the right, each half captioned with the zoom and the farmland tiles in view as a browser gets
// them (gzipped). Writes OUT/tile-budget-z{Z}.png. Debian's Chromium through playwright-core,
// exactly as the browser tests drive it (tests/browser/lib). Run by bench/thinning_screenshots.sh,
// which installs and builds first; by hand:
//   node bench/thinning_screenshots.mjs [--data data/bench/large.gpkg] [--out docs/images]
//        [--center 112.654,35.048] [--zooms 9,11,13] [--layers farmland,townships] [--size 600x460]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openPage, waitForMapReady, waitForIdle } from '../tests/browser/lib/browser.mjs';
import { PROJECT_ROOT, startServer } from '../tests/browser/lib/server.mjs';

const { values: opts } = parseArgs({
  options: {
    data: { type: 'string', default: path.join(PROJECT_ROOT, 'data/bench/large.gpkg') },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'docs/images') },
    center: { type: 'string', default: '112.654,35.048' },
    zooms: { type: 'string', default: '9,11,13' },
    layers: { type: 'string', default: 'farmland,townships' },
    size: { type: 'string', default: '600x460' },  // of each half's map
  },
});
const center = opts.center.split(',').map(Number);
const zooms = opts.zooms.split(',').map(Number);
const [mapWidth, mapHeight] = opts.size.split('x').map(Number);
const CAPTION = 30;  // px above the maps
const MEASURED = 'farmland';  // the layer whose tiles the caption weighs
const TIMEOUT = 600000;  // an unthinned low-zoom view draws a million parcels in software GL

// The demo configuration (its layers are the template for --data), every path absolute, with
// the given tile budget. budgetKb 0: nothing is thinned.
function writeConfig(dir, budgetKb) {
  const abs = (p) => path.join(PROJECT_ROOT, p);
  const text = fs.readFileSync(abs('onemap.yaml'), 'utf8')
    .replace(/^catalog: \S+/m, `catalog: ${abs('layers')}`)
    .replace(/^styles: \S+/m, `styles: ${abs('styles')}`)
    .replace(/^web: \S+/m, `web: ${abs('web')}`)
    .replace(/^rules: \S+/m, `rules: ${abs('rules.yaml')}`)
    .replace(/^( {2}tile_budget_kb:) \d+/m, `$1 ${budgetKb}`);
  if (!/^ {2}tile_budget_kb: /m.test(text)) throw new Error('onemap.yaml has no server.tile_budget_kb line to set');
  const file = path.join(dir, `onemap-budget-${budgetKb}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

// A tile's bytes on the wire with Accept-Encoding: gzip (the server leaves a tile raw only when
// gzip would not make it smaller); 0 for an empty tile (204).
function wireBytes(origin, tilePath) {
  return new Promise((resolve, reject) => {
    http.get(`${origin}${tilePath}`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (chunk) => { n += chunk.length; });
      res.on('end', () => (res.statusCode === 200 || res.statusCode === 204 ? resolve(n) : reject(new Error(`${tilePath}: HTTP ${res.statusCode}`))));
    }).on('error', reject);
  });
}

const tileOf = (lon, lat, z) => {
  const n = 2 ** z;
  const y = (1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2 * n;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(y)];
};

// The MEASURED layer's tiles a view [w, s, e, n] loads at zoom z: their count, total and largest
// gzipped bytes.
async function tilesInView(origin, bounds, z) {
  const [x0, y0] = tileOf(bounds[0], bounds[3], z);
  const [x1, y1] = tileOf(bounds[2], bounds[1], z);
  const sizes = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) sizes.push(await wireBytes(origin, `/tiles/${MEASURED}/${z}/${x}/${y}.mvt`));
  return { count: sizes.length, total: sizes.reduce((a, b) => a + b, 0), largest: Math.max(...sizes) };
}

// The map at a zoom, as the page draws it (panels closed): a PNG of the map element, and the
// view's bounds.
async function shoot(browser, origin, z) {
  const { page, record, close } = await openPage(browser, { width: mapWidth, height: mapHeight + 200 });
  try {
    await page.goto(`${origin}/map?test=1&layers=${opts.layers}#${z}/${center[1]}/${center[0]}`);
    await waitForMapReady(page, { timeout: TIMEOUT });
    for (const id of ['layers-panel', 'tools-panel']) {
      if (await page.locator(`#${id}`).isVisible()) await page.click(`[aria-controls="${id}"]`);
    }
    // The page fills the viewport: size it so the map is exactly mapWidth × mapHeight.
    const box = await page.locator('#map').boundingBox();
    await page.setViewportSize({ width: mapWidth, height: Math.round(mapHeight + box.y) });
    await page.evaluate(({ z, center }) => {
      const map = window.onemapTest.map;
      map.resize();
      map.jumpTo({ center, zoom: z });
    }, { z, center });
    await waitForIdle(page, { timeout: TIMEOUT });
    const bounds = await page.evaluate(() => window.onemapTest.map.getBounds().toArray().flat());
    const png = await page.locator('#map').screenshot();
    if (record.problems.length) console.warn(`z${z} ${origin}: ${record.problems.join('; ')}`);
    return { png, bounds };
  } finally {
    await close();
  }
}

// Left and right halves side by side under their captions, drawn on a canvas in the browser.
async function compose(browser, halves) {
  const { page, close } = await openPage(browser, { width: 2 * mapWidth, height: mapHeight + CAPTION });
  try {
    await page.setContent('<canvas id="c"></canvas>');
    const dataUrl = await page.evaluate(async ({ halves, mapWidth, mapHeight, CAPTION }) => {
      const canvas = document.getElementById('c');
      canvas.width = 2 * mapWidth;
      canvas.height = mapHeight + CAPTION;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      for (const [i, half] of halves.entries()) {
        const img = new Image();
        img.src = `data:image/png;base64,${half.png}`;
        await img.decode();
        ctx.drawImage(img, i * mapWidth, CAPTION, mapWidth, mapHeight);
        ctx.fillStyle = '#222';
        ctx.font = '13px "DejaVu Sans", sans-serif';
        ctx.textBaseline = 'middle';
        ctx.fillText(half.caption, i * mapWidth + 8, CAPTION / 2, mapWidth - 16);
      }
      ctx.fillStyle = '#fff';
      ctx.fillRect(mapWidth - 1, 0, 2, canvas.height);
      return canvas.toDataURL('image/png');
    }, { halves: halves.map((h) => ({ caption: h.caption, png: h.png.toString('base64') })), mapWidth, mapHeight, CAPTION });
    return Buffer.from(dataUrl.split(',')[1], 'base64');
  } finally {
    await close();
  }
}

const kb = (bytes) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

async function main() {
  if (!fs.existsSync(opts.data)) throw new Error(`no data at ${opts.data}`);
  fs.mkdirSync(opts.out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-thinning-'));
  const variants = [
    { name: 'unthinned', label: 'unthinned (tile_budget_kb: 0)', config: writeConfig(dir, 0) },
    { name: 'thinned', label: 'thinned (500 KB budget)', config: writeConfig(dir, 500) },
  ];
  const servers = [];
  const { browser, close } = await launchBrowser();
  try {
    for (const v of variants) {
      console.log(`starting OneMap ${v.name} on ${opts.data}`);
      v.server = await startServer(['--config', v.config, '--data', opts.data], { timeoutMs: TIMEOUT });
      servers.push(v.server);
    }
    for (const z of zooms) {
      const halves = [];
      for (const v of variants) {
        const started = Date.now();
        const { png, bounds } = await shoot(browser, v.server.origin, z);
        const t = await tilesInView(v.server.origin, bounds, z);
        const caption = `z${z} · ${v.label} · ${MEASURED}: ${t.count} tile${t.count > 1 ? 's' : ''} in view, `
          + `${kb(t.total)} gzipped (largest ${kb(t.largest)})`;
        console.log(`${caption} [${((Date.now() - started) / 1000).toFixed(1)} s]`);
        halves.push({ png, caption });
      }
      const file = path.join(opts.out, `tile-budget-z${z}.png`);
      fs.writeFileSync(file, await compose(browser, halves));
      console.log(`wrote ${file}`);
    }
  } finally {
    await close();
    for (const s of servers) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
