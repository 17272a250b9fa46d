// Search: typing asks /search?q= (debounced) and lists suggestions; Enter (or a click on a
// suggestion) flies to the best match — its bbox, or its point for a point feature.

import { getJSON } from './api.js';
import { collectionTitle } from './catalog.js';
import { getLang, t } from './i18n.js';
import { fitBox, flyToPoint } from './view.js';

const DEBOUNCE_MS = 250;
const LIMIT = 8;

export function flyToResult(map, result) {
  const b = result.bbox;
  const isArea = Array.isArray(b) && b.length === 4 && (b[2] - b[0] > 1e-7 || b[3] - b[1] > 1e-7);
  if (isArea) fitBox(map, b, { maxZoom: 16 });
  else {
    const center = result.point ?? (b ? [b[0], b[1]] : null);
    if (center) flyToPoint(map, center);
  }
}

export function createSearch({ map, input, list, status, onChoose = () => {} }) {
  let timer = null;
  let controller = null;
  let results = [];
  let active = -1;
  let lastQuery = '';

  function optionId(i) {
    return `${list.id}-option-${i}`;
  }

  function setActive(i) {
    active = i;
    list.querySelectorAll('[role=option]').forEach((el, k) => el.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', optionId(i));
    else input.removeAttribute('aria-activedescendant');
  }

  function hide() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function render() {
    list.replaceChildren();
    results.forEach((r, i) => {
      const li = document.createElement('li');
      li.id = optionId(i);
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.collection = r.collection;
      li.dataset.id = r.id;
      const name = document.createElement('span');
      name.className = 'result-name';
      name.textContent = r.name;
      const kind = document.createElement('span');
      kind.className = 'result-collection';
      const known = collectionTitle(r.collection);
      const given = getLang() === 'en' ? r.collection_title_en ?? r.collection_title : r.collection_title;
      kind.textContent = known === r.collection && given ? given : known;
      li.append(name, kind);
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the input
      li.addEventListener('click', () => choose(i));
      list.append(li);
    });
    const open = results.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    status.textContent = lastQuery
      ? (results.length ? t('search.count', { n: results.length }) : t('search.none', { q: lastQuery }))
      : '';
  }

  async function query(q) {
    controller?.abort();
    controller = new AbortController();
    lastQuery = q;
    if (!q) {
      results = [];
      render();
      return results;
    }
    try {
      const answer = await getJSON('search', { q, limit: LIMIT }, { signal: controller.signal });
      if (q !== input.value.trim()) return results; // the user typed on meanwhile
      results = answer.results ?? [];
      setActive(-1);
      render();
    } catch (error) {
      if (error.name === 'AbortError') return results;
      results = [];
      render();
      status.textContent = t('search.error', { error: error.message });
    }
    return results;
  }

  function choose(i) {
    const r = results[i];
    if (!r) return;
    hide();
    input.value = r.name;
    flyToResult(map, r);
    onChoose(r);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    timer = setTimeout(() => query(q), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', async (e) => {
    if (e.key === 'ArrowDown' && results.length) {
      e.preventDefault();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      setActive((active + 1) % results.length);
    } else if (e.key === 'ArrowUp' && results.length) {
      e.preventDefault();
      setActive(active <= 0 ? results.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = input.value.trim();
      if (!q) return;
      clearTimeout(timer);
      if (q !== lastQuery) await query(q);
      choose(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      hide();
    }
  });

  input.addEventListener('blur', () => setTimeout(hide, 150));
  input.addEventListener('focus', () => {
    if (results.length && input.value.trim() === lastQuery) render();
  });

  return {
    rerender() {
      if (!list.hidden) render();
    },
  };
}
