/* realtime-hub console: what every page shares — navigation, the live connection badge, toasts, alerts and
 * notifications as toasts, and small helpers. Loaded (defer) after the client module /js/modules/classic.js, which sets
 * window.wsManager, and before the page's own script. */
(function () {
  'use strict';

  // topic: the topic the page follows, built in with presence: true, whose presence the page's viewer badge shows
  const PAGES = [
    { id: 'dashboard', href: '/', label: 'Dashboard', topic: 'metrics' },
    { id: 'tasks', href: '/tasks.html', label: 'Tasks', topic: 'tasks' },
    { id: 'logs', href: '/logs.html', label: 'Logs', topic: 'logs' },
  ];
  /** How often the viewer badge asks GET /api/presence/{topic} again. */
  const PRESENCE_POLL_MS = 5000;
  const BADGE_TEXT = { connecting: 'Connecting…', connected: 'Live', closing: 'Closing…', disconnected: 'Offline' };
  const TOAST_MS = { success: 4000, info: 6000, warning: 8000, error: 10000 };
  const MAX_TOASTS = 5;

  /** Creates an element: el('div', {class: 'x', text: 'hi'}, child, …); attributes starting with 'on' are listeners. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  /** GET a JSON document; rejects with the server's error message on a non-2xx answer. */
  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || response.status + ' ' + response.statusText);
    return body;
  }

  const pad = (n, width = 2) => String(n).padStart(width, '0');
  /** 14:05:09 (local time). */
  const formatTime = (ms) => { const d = new Date(ms); return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()); };
  /** 14:05:09.123 (local time). */
  const formatTimeMs = (ms) => formatTime(ms) + '.' + pad(new Date(ms).getMilliseconds(), 3);
  /** 3s, 1m 12s, 2h 05m. */
  function formatDuration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + pad(s % 60) + 's';
    return Math.floor(s / 3600) + 'h ' + pad(Math.floor(s / 60) % 60) + 'm';
  }
  /** 1.2 GB, 512 MB, 900 B. */
  function formatBytes(bytes) {
    if (bytes == null || !Number.isFinite(bytes)) return '—';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = bytes, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)) + ' ' + units[unit];
  }
  const numberFormat = new Intl.NumberFormat();
  const formatNumber = (n) => (typeof n === 'number' ? numberFormat.format(n) : String(n));
  /** 'total_forwards' or 'FORWARD_SUCCESS' → 'Total forwards' / 'Forward success'. */
  const humanize = (key) => { const s = String(key).replace(/[_-]+/g, ' ').trim().toLowerCase(); return s.charAt(0).toUpperCase() + s.slice(1); };

  /** The page's toaster (window.notificationManager, as the client expects): stacked cards, bottom right. */
  class Toaster {
    constructor(box) { this.box = box; }
    /** Shows a toast; options: {title, action: {label, onClick}, duration (ms, 0 = until closed)}. */
    show(message, type = 'info', options = {}) {
      if (!TOAST_MS[type]) type = 'info';
      const toast = el('div', { class: 'toast toast-' + type, role: type === 'error' ? 'alert' : 'status', 'data-type': type });
      const close = () => this._dismiss(toast);
      toast.append(el('div', { class: 'toast-title', text: options.title || message }),
        el('button', { class: 'toast-close', 'aria-label': 'Dismiss', text: '×', onclick: close }));
      if (options.title) toast.append(el('div', { class: 'toast-body', text: message }));
      if (options.action) {
        toast.append(el('button', { class: 'toast-action', text: options.action.label,
          onclick: () => { close(); options.action.onClick(); } }));
      }
      this.box.append(toast);
      while (this.box.children.length > MAX_TOASTS) this.box.firstElementChild.remove();
      const duration = options.duration !== undefined ? options.duration : options.action ? 0 : TOAST_MS[type];
      if (duration > 0) setTimeout(close, duration);
      return toast;
    }
    success(message, options) { return this.show(message, 'success', options); }
    error(message, options) { return this.show(message, 'error', options); }
    warning(message, options) { return this.show(message, 'warning', options); }
    info(message, options) { return this.show(message, 'info', options); }
    _dismiss(toast) {
      if (!toast.isConnected || toast.classList.contains('leaving')) return;
      toast.classList.add('leaving');
      setTimeout(() => toast.remove(), 250);
    }
  }

  const SEVERITY_TYPE = { info: 'info', warning: 'warning', error: 'error', critical: 'error' };

  function renderTopbar(page) {
    const nav = el('nav', { class: 'nav', 'aria-label': 'Console' });
    for (const p of PAGES) nav.append(el('a', { href: p.href, 'data-page': p.id, 'aria-current': p.id === page ? 'page' : null, text: p.label }));
    const badge = el('span', { class: 'badge', id: 'connection-badge', 'data-state': 'connecting', role: 'status', text: BADGE_TEXT.connecting });
    const node = el('span', { class: 'node-id', id: 'node-id', title: 'Hub node serving this page' });
    const viewers = el('span', { class: 'viewers', id: 'viewers-badge', hidden: true, title: 'Connections viewing this page, on every hub node' });
    const header = el('header', { class: 'topbar' },
      el('a', { class: 'brand', href: '/' }, el('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'realtime-hub'),
      nav, el('div', { class: 'spacer' }), viewers, node, badge);
    document.body.prepend(header);
    return { badge, node, viewers };
  }

  /**
   * The viewer badge: how many connections follow the page's topic (its presence, across every node), asked now, on
   * every (re)connect and every PRESENCE_POLL_MS. Tabs of one browser share one connection, so they count once. Hidden
   * while the hub cannot answer (presence turned off for the topic, no access).
   */
  function showViewers(ws, pageId, viewers) {
    const page = PAGES.find((p) => p.id === pageId);
    if (!page) return;
    const refresh = () => fetchJson('/api/presence/' + page.topic).then((presence) => {
      const n = presence.connections;
      viewers.hidden = false;
      viewers.dataset.connections = String(n);
      viewers.dataset.users = (presence.users || []).join(',');
      viewers.textContent = n + (n === 1 ? ' viewer' : ' viewers');
      viewers.title = 'Connections viewing this page, on every hub node' + (presence.users && presence.users.length
        ? ': ' + presence.users.join(', ') : '');
    }, () => { viewers.hidden = true; });
    ws.onConnect(refresh);
    setInterval(refresh, PRESENCE_POLL_MS);
    refresh();
  }

  function followConnection(ws, { badge, node }) {
    const show = (state) => {
      badge.dataset.state = state;
      badge.textContent = BADGE_TEXT[state] || state;
      const info = ws.getConnectionInfo();
      node.textContent = info && info.node ? 'node ' + info.node : '';
    };
    ws.onStateChange((change) => show(change.state));
    // the node is known from the `connected` frame, which comes right after the socket opens
    ws.subscribe('*', () => { if (!node.textContent && ws.getConnectionInfo()) show(ws.getStatus()); });
    show(ws.getStatus());
  }

  /** Alerts and notifications become toasts on every page. */
  function toastAlerts(ws, toaster) {
    ws.subscribe('alerts', (event) => {
      if (!event || event.type !== 'alert') return;
      toaster.show(event.message || '', SEVERITY_TYPE[event.severity] || 'warning', { title: event.title || humanize(event.alert_type || 'alert') });
    });
    ws.subscribe('notifications', (event) => {
      if (!event || event.type !== 'notification') return;
      const url = event.action_url;
      toaster.show(event.body || '', 'info', { title: event.title,
        action: url ? { label: 'Open', onClick: () => { window.location.href = url; } } : undefined,
        duration: TOAST_MS.info });
    });
  }

  const toaster = new Toaster(document.body.appendChild(el('div', { class: 'toasts', id: 'toasts', 'aria-live': 'polite' })));
  window.notificationManager = toaster;
  const ws = window.wsManager;
  const page = document.body.dataset.page;
  const topbar = renderTopbar(page);
  followConnection(ws, topbar);
  showViewers(ws, page, topbar.viewers);
  ws.onError((error) => { if (error.type === 'handler') console.warn('[console] handler failed', error.message); });
  toastAlerts(ws, toaster);

  window.hubConsole = { el, fetchJson, formatTime, formatTimeMs, formatDuration, formatBytes, formatNumber, humanize, toaster, ws };
})();
