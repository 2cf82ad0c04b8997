// @ts-check
/** Toasts: through the page's toaster (options.notifications, window.notificationManager) or a minimal built-in one. */

/** @typedef {import('./types.js').NotificationManager} NotificationManager */
/** @typedef {import('./types.js').ToastType} ToastType */
/** @typedef {import('./types.js').ToastAction} ToastAction */

/** @type {Required<NotificationManager> | null} one per page, shared by every manager */
let fallbackToaster = null;

/**
 * Minimal toaster for pages without window.notificationManager: stacked divs, bottom right, auto-hide.
 * @param {any} doc the page's document
 * @returns {Required<NotificationManager>}
 */
export function defaultToaster(doc) {
  if (fallbackToaster) return fallbackToaster;
  /** @type {Record<string, string>} */
  const colors = { success: '#2e7d32', error: '#c62828', warning: '#ef6c00', info: '#1565c0' };
  const box = doc.createElement('div');
  box.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483647;display:flex;flex-direction:column;gap:8px';
  /** @type {(message: string, type?: ToastType, options?: { action?: ToastAction }) => void} */
  const show = (message, type = 'info', { action } = {}) => {
    const el = (box.isConnected ? box : doc.body.appendChild(box)).appendChild(doc.createElement('div'));
    el.setAttribute('role', type === 'error' ? 'alert' : 'status');
    el.style.cssText = 'padding:10px 14px;border-radius:6px;color:#fff;font:14px sans-serif;background:' + (colors[type] || colors.info);
    el.textContent = message;
    const button = action && el.appendChild(doc.createElement('button'));
    if (button) Object.assign(button, { textContent: action.label, onclick: () => { el.remove(); action.onClick(); } });
    setTimeout(() => el.remove(), action ? 30000 : 4000);
  };
  fallbackToaster = { show, success: (message) => show(message, 'success'), error: (message) => show(message, 'error'),
    warning: (message) => show(message, 'warning'), info: (message) => show(message, 'info') };
  return fallbackToaster;
}

/**
 * Shows one toast through `notifications`, else window.notificationManager, else (browser only) the minimal default;
 * a toaster that throws is logged, never passed on.
 * @param {{ notifications?: NotificationManager | null, window?: any, document?: any }} where
 * @param {ToastType} type
 * @param {string} message
 * @param {ToastAction} [action]
 */
export function notify({ notifications, window: w, document: doc }, type, message, action) {
  /** @type {NotificationManager | null} */
  const n = notifications || (w && w.notificationManager) || (doc && doc.body ? defaultToaster(doc) : null);
  if (!n) return;
  try {
    const byType = n[type];
    if (action && typeof n.show === 'function') n.show(message, type, { action, duration: 0 });
    else if (typeof byType === 'function') byType.call(n, message);
    else if (typeof n.show === 'function') n.show(message, type);
  } catch (error) { console.error('[wsManager] notification failed', error); }
}
