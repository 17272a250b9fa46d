// Who the page acts as. Anonymous: the public role. A link's URL token (/map?token=…, handed out
// by an administrator, or QField's): used as it is. An API key the user pasted in the key
// control (key-control.js), kept in this browser's localStorage: on every page load it is
// exchanged for a URL token (POST /auth/token), because download links and MapLibre's tile URLs
// cannot send the X-API-Key header; the token is renewed before it expires. api.js puts the
// token in every URL; this module decides which token that is and says when that changes.

import { requestUrlToken, setUrlToken } from './api.js';
import { updateUrl } from './url-state.js';

const KEY_STORAGE = 'onemap.apiKey';
const LINK_STORAGE = 'onemap.linkToken'; // sessionStorage: this tab only, so a reload keeps it
const RENEW_AT = 0.8; // a key's token is renewed after this share of its life
const RETRY_MS = 30_000; // after a renewal that failed for a reason other than the key

// Storage can be switched off (or full): then there is nothing stored and nothing kept.
function read(storage, name) {
  try {
    return storage.getItem(name);
  } catch {
    return null;
  }
}

function write(storage, name, value) {
  try {
    if (value === null) storage.removeItem(name);
    else storage.setItem(name, value);
  } catch {
    // not kept: the page still works for this load
  }
}

// A URL token reads "<key id>.<expiry, Unix seconds>.<signature>"; the page shows the first two.
function tokenFacts(token) {
  const [keyId, seconds] = token.split('.');
  const expires = Number(seconds);
  return { keyId: keyId || null, expires: Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : null };
}

// The link's token, taken out of the address as the page opens: the address is what people
// copy and share (?layers=…&plot=… and MapLibre's #zoom/lat/lng permalink), and a token in it
// would hand the sender's access to whoever gets the link. It is kept for this tab instead.
function takeLinkToken() {
  const token = new URL(location.href).searchParams.get('token');
  if (token === null) return read(sessionStorage, LINK_STORAGE);
  updateUrl({ token: null });
  if (token) write(sessionStorage, LINK_STORAGE, token);
  return token || null;
}

// mode: 'anonymous' | 'link' | 'key'; role: the key's role (a link's is not known to the page);
// problem: null or {kind: 'key_rejected' | 'key_failed' | 'link_rejected', message}.
const ANONYMOUS = { mode: 'anonymous', role: null, keyId: null, expires: null, problem: null };
let state = ANONYMOUS;
const listeners = new Set();
let renewal = null;

function setState(next) {
  state = { ...ANONYMOUS, ...next };
  for (const fn of listeners) fn(state);
}

export function accessState() {
  return state;
}

// fn(state) runs after every change (sign-in, a renewal, a rejected key or token).
export function onAccessChange(fn) {
  listeners.add(fn);
}

export function hasStoredKey() {
  return Boolean(read(localStorage, KEY_STORAGE));
}

function renewLater(key, ms) {
  clearTimeout(renewal);
  renewal = setTimeout(() => signInWithKey(key, { renewing: true }), Math.max(RETRY_MS, ms));
}

async function signInWithKey(key, { renewing = false } = {}) {
  try {
    const answer = await requestUrlToken(key);
    setUrlToken(answer.token);
    setState({ mode: 'key', role: answer.role, keyId: answer.key_id, expires: new Date(answer.expires) });
    renewLater(key, answer.expires_in * 1000 * RENEW_AT);
  } catch (error) {
    if (renewing && error.status !== 401) {
      // The server is busy or away: the token in use is still good for a while.
      renewLater(key, RETRY_MS);
      return;
    }
    clearTimeout(renewal);
    setUrlToken(null);
    setState({ problem: { kind: error.status === 401 ? 'key_rejected' : 'key_failed', message: error.message } });
  }
}

// Before anything else is asked of the server: the link's token, else the stored key's, else
// none. Resolves with the state.
export async function startAccess() {
  const link = takeLinkToken();
  if (link) {
    setUrlToken(link);
    setState({ mode: 'link', ...tokenFacts(link) });
  } else {
    const key = read(localStorage, KEY_STORAGE);
    if (key) await signInWithKey(key);
  }
  return state;
}

// The server refused the token the page was using (a link's that expired, or whose key was
// revoked): the page goes on as the public, and says so.
export function tokenRejected(error) {
  clearTimeout(renewal);
  const kind = state.mode === 'link' ? 'link_rejected' : 'key_rejected';
  if (state.mode === 'link') write(sessionStorage, LINK_STORAGE, null);
  setUrlToken(null);
  setState({ problem: { kind, message: error?.message ?? '' } });
}

// Checks a key with the server and keeps it (it replaces a link's token); the caller then loads
// the page again. Rejects with the server's ApiError (401: not a valid key) and keeps nothing.
export async function saveKey(key) {
  const answer = await requestUrlToken(key);
  write(localStorage, KEY_STORAGE, key);
  write(sessionStorage, LINK_STORAGE, null);
  return answer;
}

// Forgets the stored key and the link's token; the caller then loads the page again.
export function signOut() {
  clearTimeout(renewal);
  write(localStorage, KEY_STORAGE, null);
  write(sessionStorage, LINK_STORAGE, null);
}
