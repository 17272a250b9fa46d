// The two side panels, each collapsed and opened by its button in the top bar (the page says
// which start open). On a narrow screen (a tablet) only one is open at a time, so the map stays
// usable.

const NARROW = '(max-width: 1180px)';

export function createPanels(pairs) {
  const narrow = window.matchMedia(NARROW);

  function set(pair, open) {
    pair.panel.hidden = !open;
    pair.button.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle(`${pair.panel.id}-open`, open); // moves the map's controls aside
    if (open && narrow.matches) {
      for (const other of pairs) if (other !== pair) set(other, false);
    }
  }

  for (const pair of pairs) {
    pair.button.addEventListener('click', () => set(pair, pair.panel.hidden));
  }

  // On a narrow screen only the first panel starts open.
  pairs.forEach((pair, i) => set(pair, !pair.panel.hidden && (!narrow.matches || i === 0)));

  return {
    // Map padding that keeps the open panels off the data: {top, right, bottom, left} in pixels.
    padding() {
      const area = pairs[0].panel.offsetParent?.getBoundingClientRect();
      const pad = { top: 0, right: 0, bottom: 0, left: 0 };
      if (!area) return pad;
      for (const { panel } of pairs) {
        if (panel.hidden) continue;
        const box = panel.getBoundingClientRect();
        if (box.width > area.width / 2) continue; // a panel as wide as the screen: ignore it
        if (box.left - area.left < area.width / 2) pad.left = Math.max(pad.left, box.right - area.left);
        else pad.right = Math.max(pad.right, area.right - box.left);
      }
      return pad;
    },
    open(panel) {
      const pair = pairs.find((p) => p.panel === panel);
      if (pair) set(pair, true);
    },
  };
}
