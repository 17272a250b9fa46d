// The API key control at the end of the top bar ("密钥" / "API key"): a planner pastes the key an
// administrator gave them, once; it is checked with the server, kept in this browser and the page
// loads again with the layers of their role. The button then names the role, and the panel signs
// out. A stored key or a link's token that the server refuses is said here, with the way out.
// Keyboard: the button opens the panel with the focus in the field, Enter saves, Esc closes and
// gives the focus back to the button.

import { accessState, hasStoredKey, onAccessChange, saveKey, signOut } from './access.js';
import { formatDateTime, roleLabel, t } from './i18n.js';

const PROBLEMS = {
  key_rejected: () => t('access.stored_rejected'),
  key_failed: (p) => t('access.stored_failed', { error: p.message }),
  link_rejected: () => t('access.link_rejected'),
};

// els: {toggle, role, panel, who, form, input, save, close, status, signOut}; reload(): loads
// the page again (with the key, or without after signing out).
export function createKeyControl({ els, reload = () => location.reload() }) {
  // The panel's own message while saving ({state, text(), error}), else the access state's problem.
  let message = null;

  function whoText(s) {
    if (s.mode === 'key') return t('access.signed_in', { role: roleLabel(s.role), id: s.keyId });
    if (s.mode === 'link') {
      return t('access.by_link', { id: s.keyId ?? '?', expires: s.expires ? formatDateTime(s.expires) : '?' });
    }
    return t('access.anonymous');
  }

  function render() {
    const s = accessState();
    const badge = s.mode === 'key' ? roleLabel(s.role) : s.mode === 'link' ? t('access.link_badge') : '';
    els.role.hidden = !badge;
    els.role.textContent = badge;
    els.role.dataset.role = s.role ?? s.mode;
    const label = badge ? t('access.toggle_label_role', { role: badge }) : t('access.toggle_label');
    els.toggle.setAttribute('aria-label', label);
    els.who.textContent = whoText(s);

    const stored = hasStoredKey();
    els.signOut.hidden = !stored && s.mode !== 'link';
    els.signOut.textContent = stored ? t('access.sign_out') : t('access.leave_link');

    const problem = s.problem && PROBLEMS[s.problem.kind];
    els.status.textContent = message ? message.text() : problem ? problem(s.problem) : '';
    els.status.dataset.state = message?.state ?? s.problem?.kind ?? '';
    els.status.classList.toggle('error', Boolean(message ? message.error : problem));
  }

  function say(state, text, error = false) {
    message = { state, text, error };
    render();
  }

  // focus: move the focus into the panel when it opens, back to the button when it closes (not
  // when the page opens the panel by itself to say something).
  function setOpen(open, { focus = true } = {}) {
    els.panel.hidden = !open;
    els.toggle.setAttribute('aria-expanded', String(open));
    if (focus) (open ? els.input : els.toggle).focus();
  }

  els.toggle.addEventListener('click', () => setOpen(els.panel.hidden));
  els.close.addEventListener('click', () => setOpen(false));
  els.panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    setOpen(false);
  });

  els.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = els.input.value.trim();
    if (!key) {
      say('empty', () => t('access.empty'), true);
      els.input.focus();
      return;
    }
    els.save.disabled = true;
    say('checking', () => t('access.checking'));
    try {
      const answer = await saveKey(key);
      els.input.value = '';
      say('saved', () => t('access.saved', { role: roleLabel(answer.role) }));
      reload();
    } catch (error) {
      if (error.status === 401) say('rejected', () => t('access.rejected'), true);
      else say('failed', () => t('access.failed', { error: error.message }), true);
      els.input.focus();
      els.input.select();
    } finally {
      els.save.disabled = false;
    }
  });

  els.signOut.addEventListener('click', () => {
    signOut();
    reload();
  });

  onAccessChange((s) => {
    message = null;
    render();
    if (s.problem) setOpen(true, { focus: false });
  });
  render();
  if (accessState().problem) setOpen(true, { focus: false });

  return { rerender: render };
}
