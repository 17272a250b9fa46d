// What a click on the map means now: 'browse' (a popup), 'pick' (choose a plot) or 'draw'
// (terra-draw has the map). One owner at a time.

let mode = 'browse';
const listeners = new Set();

export function getMode() {
  return mode;
}

export function setMode(next) {
  if (next === mode) return;
  const previous = mode;
  mode = next;
  for (const fn of listeners) fn(mode, previous);
}

export function onModeChange(fn) {
  listeners.add(fn);
}
