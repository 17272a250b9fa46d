// Starts the real OneMap binary on a free loopback port and stops it again.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = process.env.ONEMAP_BINARY || path.join(PROJECT_ROOT, 'build/src/onemap');
export const OUTPUT_DIR = path.join(PROJECT_ROOT, 'tests/output/browser');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// args: the arguments after `serve --port P` (e.g. ['--config', 'onemap.yaml'] or ['--data', f]).
export async function startServer(args, { timeoutMs = 60000 } = {}) {
  if (!fs.existsSync(BINARY)) throw new Error(`no OneMap binary at ${BINARY} (set ONEMAP_BINARY)`);
  const port = await freePort();
  const jobsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-browser-jobs-'));
  const log = [];
  const child = spawn(BINARY, ['serve', '--port', String(port), '--bind', '127.0.0.1', '--log-level', 'warn', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TMPDIR: jobsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  let exited = null;
  // A test run that dies (a timeout, ^C) must not leave the server behind.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    process.removeListener('exit', reap);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  const fail = (message) => {
    child.kill('SIGKILL');
    fs.rmSync(jobsDir, { recursive: true, force: true });
    return new Error(`${message}:\n${log.join('')}`);
  };
  for (;;) {
    if (exited) throw fail(`onemap exited (${JSON.stringify(exited)})`);
    try {
      const r = await fetch(`${origin}/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw fail(`onemap did not answer /health in ${timeoutMs} ms`);
    await sleep(150);
  }
  return {
    origin,
    port,
    log,
    // SIGHUP reloads the configuration and data.
    signal(name) {
      child.kill(name);
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const until = Date.now() + 8000;
        while (!exited && Date.now() < until) await sleep(50);
        if (!exited) child.kill('SIGKILL');
      }
      fs.rmSync(jobsDir, { recursive: true, force: true });
    },
  };
}

// The generated city (tests/browser/make_city.py): {gpkg, facts}.
export function generateCity() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-city-'));
  const gpkg = path.join(dir, 'qinghu.gpkg');
  const factsFile = path.join(dir, 'facts.json');
  const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(python, [path.join(PROJECT_ROOT, 'tests/browser/make_city.py'), gpkg, factsFile], { stdio: 'inherit' });
  return {
    dir,
    gpkg,
    facts: JSON.parse(fs.readFileSync(factsFile, 'utf8')),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

// A copy of the demo configuration in a fresh temporary directory: layers/*.yaml reading the
// demo GeoPackage by its absolute path, rules.yaml, and onemap.yaml with the source tree's styles
// and web files. editLayer(id, text) may change a layer's YAML. {dir, config, remove()}.
export function demoConfigCopy({ editLayer = (id, text) => text } = {}) {
  const gpkg = path.join(PROJECT_ROOT, 'data/demo/jiyuan.gpkg');
  if (!fs.existsSync(gpkg)) throw new Error(`no demo data at ${gpkg} (run scripts/demo-data.sh)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-config-'));
  fs.mkdirSync(path.join(dir, 'layers'));
  for (const file of fs.readdirSync(path.join(PROJECT_ROOT, 'layers')).filter((f) => f.endsWith('.yaml'))) {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, 'layers', file), 'utf8')
      .replace(/^source: .*$/m, `source: ${gpkg}`);
    fs.writeFileSync(path.join(dir, 'layers', file), editLayer(path.basename(file, '.yaml'), text));
  }
  fs.copyFileSync(path.join(PROJECT_ROOT, 'rules.yaml'), path.join(dir, 'rules.yaml'));
  const config = fs.readFileSync(path.join(PROJECT_ROOT, 'onemap.yaml'), 'utf8')
    .replace(/^styles: \S+/m, `styles: ${path.join(PROJECT_ROOT, 'styles')}`)
    .replace(/^web: \S+/m, `web: ${path.join(PROJECT_ROOT, 'web')}`);
  fs.writeFileSync(path.join(dir, 'onemap.yaml'), config);
  return { dir, config: path.join(dir, 'onemap.yaml'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// A new API key for `role` (`onemap key add ROLE --config …`), as the binary prints it.
export function addKey(config, role) {
  const key = execFileSync(BINARY, ['key', 'add', role, '--config', config], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  if (!/^om_\S+$/.test(key)) throw new Error(`onemap key add ${role} printed ${JSON.stringify(key)}`);
  return key;
}

export async function getJSON(origin, path, init) {
  const r = await fetch(`${origin}${path}`, init);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

export async function executeSync(origin, processId, inputs, query = '') {
  return getJSON(origin, `/processes/${processId}/execution${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ inputs }),
  });
}
