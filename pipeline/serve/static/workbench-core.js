/* bilingual serve: what every workbench page shares (loaded before workbench.js).
 *
 * The access token: `bilingual serve` prints a URL whose fragment carries this
 * run's token (#token=...); it is kept in this origin's localStorage and taken
 * off the address bar. Every write sends it in the X-Bilingual-Token header.
 * Data reaches the page through textContent and DOM nodes only (never innerHTML). */
'use strict';

window.bilingualWorkbench = (() => {
  const TOKEN_KEY = 'bilingual-workbench-token';
  const TOKEN_HEADER = 'X-Bilingual-Token';

  // -- small helpers ---------------------------------------------------------

  function takeToken() {
    const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,})/.exec(location.hash);
    if (match) {
      try { localStorage.setItem(TOKEN_KEY, match[1]); } catch (e) { /* private mode */ }
      history.replaceState(null, '', location.pathname + location.search);
      return match[1];
    }
    try { return localStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  const token = takeToken();

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function announce(message) {
    const box = document.getElementById('announce');
    if (box) box.textContent = message;
  }

  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (method !== 'GET') headers[TOKEN_HEADER] = token;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      return { status: 0, data: { detail: 'the workbench server is not reachable (stopped?)' } };
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, data };
  }

  function detail(result) {
    const d = result.data && result.data.detail;
    if (typeof d === 'string') return d;
    if (Array.isArray(d)) return d.map((x) => x.msg).join('; ');
    return `HTTP ${result.status}`;
  }

  function showTokenState() {
    const box = document.getElementById('token-state');
    if (!box) return;
    box.dataset.state = token ? 'ok' : 'missing';
    box.textContent = token
      ? 'Saving enabled for this run.'
      : 'Read-only: open the URL printed by `bilingual serve` (it carries the token) to save.';
  }

  return { token, el, announce, api, detail, showTokenState };
})();
