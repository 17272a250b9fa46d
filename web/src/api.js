// The one client of the OneMap server. Every URL is relative to the page's own directory, so the
// page works at /map, at / and behind a path prefix, and no request leaves the page's origin.
// A caller with a URL token (from a link, or made from an API key: access.js) has it added to
// every URL on the page's origin: fetches, download links, job results and MapLibre's requests.

const BASE = new URL('.', document.baseURI);

// The signed URL token the page acts with, or null (anonymous: the public role). Links and
// downloads cannot send an X-API-Key header, so the token goes in the URL (`token=`); it is
// never written into the page's own address (url-state.js: the ?layers=…#zoom/lat/lng permalink
// people copy and share), only into requests to this server.
let token = null;
const tokenListeners = new Set();

export function urlToken() {
  return token;
}

// setUrlToken(null) makes the page anonymous again. fn(token) runs after every change (links
// already on the page are written again).
export function setUrlToken(next) {
  const value = next || null;
  if (value === token) return;
  token = value;
  for (const fn of tokenListeners) fn(token);
}

export function onUrlTokenChange(fn) {
  tokenListeners.add(fn);
}

// The URL with the current token when it is on the page's origin (MapLibre's tiles, TileJSON,
// style and glyphs; a URL that carries an older token gets the current one). Other origins (a
// configured base map) never see it.
export function withToken(url) {
  if (!token) return url;
  const target = new URL(url, BASE);
  if (target.origin !== BASE.origin || target.searchParams.get('token') === token) return url;
  target.searchParams.set('token', token);
  return target.href;
}

export class ApiError extends Error {
  constructor(status, description, code) {
    super(description || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

// The style names the server by the address it knows (server.public_url, else the address it is
// bound to), which a browser may reach by another name (localhost for 127.0.0.1, a host name
// for 0.0.0.0): requests to it go to the page's own origin instead.
export function onPageOrigin(url, serverBase) {
  if (!serverBase || !url.startsWith(serverBase + '/')) return url;
  return new URL(url.slice(serverBase.length + 1), BASE).href;
}

// apiUrl('collections/farmland', {limit: 1}) → absolute URL on the page's origin, with the
// caller's token when there is one.
export function apiUrl(path, params = {}) {
  const url = new URL(path.replace(/^\/+/, ''), BASE);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  if (token) url.searchParams.set('token', token);
  return url.href;
}

async function failure(response) {
  let description = `${response.status} ${response.statusText}`;
  let code;
  try {
    const body = await response.json();
    description = body.description || body.detail || body.title || description;
    code = body.code || body.type;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, description, code);
}

export async function getJSON(path, params, { signal } = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function postJSON(path, body, { params, headers = {}, signal } = {}) {
  const response = await fetch(apiUrl(path, params), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await failure(response);
  return response;
}

// A URL token for an API key (POST /auth/token with the key as X-API-Key): {token, role, key_id,
// expires, expires_in}. The only request that carries the key; it never carries a token.
export async function requestUrlToken(key, { signal } = {}) {
  const response = await fetch(new URL('auth/token', BASE).href, {
    method: 'POST',
    headers: { 'X-API-Key': key, Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

// Synchronous execution: the process's JSON answer.
export async function execute(processId, inputs, { signal } = {}) {
  const response = await postJSON(`processes/${encodeURIComponent(processId)}/execution`, { inputs }, { signal });
  return response.json();
}

// The job a 201 names: its id from the Location (…/jobs/{jobId}), and for an anonymous caller
// the token that proves the job its own (X-OneMap-Job-Token; the Location carries it as
// job_token): without it no one else can see, fetch or dismiss the job — nor can this page. The
// Location itself is not followed, so a server whose public URL differs from the page's origin
// still gets every request on this origin.
function jobFrom(response) {
  const location = response.headers.get('Location') || '';
  const match = /\/jobs\/([^/?#]+)/.exec(location);
  if (!match) return null;
  const token = response.headers.get('X-OneMap-Job-Token') || new URL(location, BASE).searchParams.get('job_token');
  return { id: decodeURIComponent(match[1]), token: token || null };
}

// A URL of one job's routes, with the caller's URL token (apiUrl) and the job's own token.
function jobUrl(job, suffix = '') {
  return apiUrl(`jobs/${encodeURIComponent(job.id)}${suffix}`, { job_token: job.token });
}

export function jobResultsUrl(job) {
  return jobUrl(job, '/results');
}

export async function dismissJob(job) {
  await fetch(jobUrl(job), { method: 'DELETE' });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Asynchronous execution (Prefer: respond-async). onProgress({status, progress, message, job})
// is called on every poll. Resolves with {job, response} where response is the results
// (or, if the server chose to answer synchronously, the answer itself, and job null). A job is
// {id, token}: what jobResultsUrl and dismissJob take.
export async function executeAsync(processId, inputs, { onProgress = () => {}, signal, pollMs = 400 } = {}) {
  const response = await postJSON(`processes/${encodeURIComponent(processId)}/execution`, { inputs }, {
    headers: { Prefer: 'respond-async' },
    signal,
  });
  if (response.status !== 201) return { job: null, response };
  const job = jobFrom(response);
  if (!job) throw new ApiError(response.status, 'no job location');
  onProgress({ status: 'accepted', progress: 0, message: '', job });
  for (;;) {
    if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const polled = await fetch(jobUrl(job), { headers: { Accept: 'application/json' }, signal });
    if (!polled.ok) throw await failure(polled);
    const status = await polled.json();
    onProgress({ ...status, job });
    if (status.status === 'successful') break;
    if (status.status === 'failed' || status.status === 'dismissed') {
      throw new ApiError(500, status.message || status.status, status.status);
    }
    await sleep(pollMs);
  }
  const results = await fetch(jobResultsUrl(job), { signal });
  if (!results.ok) throw await failure(results);
  return { job, response: results };
}
