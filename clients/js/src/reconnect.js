// @ts-check
import { backoffDelay } from './backoff.js';
import { closePolicy } from './close-codes.js';
import { Wakeups } from './wakeups.js';

/**
 * @typedef {{
 *   options: { maxReconnectAttempts: number, reconnectBaseMs: number, reconnectMaxMs: number, drainDelayMaxMs: number,
 *     getToken?: unknown },
 *   stats: { reconnectAttempts: number },
 *   random: () => number,
 *   timers: import('./named-timers.js').NamedTimers,
 *   listeners: import('./listeners.js').Listeners,
 *   notify: (type: import('./types.js').ToastType, message: string, action?: import('./types.js').ToastAction) => void,
 *   open: () => void,
 *   connect: () => void,
 *   wakeupTargets: () => [any, any]
 * }} ReconnectHost open: a reconnect attempt; connect: the user's retry; wakeupTargets: [window, document]
 */

/**
 * What follows a close that disconnect() did not ask for, as the close code's policy says: nothing, a reconnect at
 * once, after a random drain delay, or with backoff (timer 'reconnect'); past maxReconnectAttempts it gives up (an
 * error, a Retry toast, and a retry when the browser goes online or the tab becomes visible). An outage is toasted
 * once as lost and once as restored.
 */
export class Reconnect {
  /** @param {ReconnectHost} host */
  constructor(host) {
    this._host = host;
    this._lostNotified = false; // a "connection lost" toast was shown; the next open says "restored"
    this._wakeups = new Wakeups();
  }

  /**
   * A close not asked for.
   * @param {number} code
   * @param {string} reason
   * @param {boolean} wasConnected the connection had opened
   */
  afterClose(code, reason, wasConnected) {
    const h = this._host, policy = closePolicy(code);
    if (code === 4003) {
      h.listeners.emit('error', { type: 'forbidden', code, message: reason || 'access revoked or forbidden' });
      return h.notify('error', 'Realtime access denied' + (reason ? ': ' + reason : ''));
    }
    if (policy === 'none') return;
    if (wasConnected && policy !== 'now' && !this._lostNotified) {
      this._lostNotified = true;
      h.notify('warning', 'Realtime connection lost, reconnecting…');
    }
    const now = policy === 'now' && (code !== 4001 || !!h.options.getToken); // a stale token would only get 4001 again
    this.schedule(now ? 0 : policy === 'drain' ? h.random() * h.options.drainDelayMaxMs : undefined);
  }

  /**
   * Counts an attempt and opens after `delay` (the backoff when undefined); gives up past the limit.
   * @param {number} [delay]
   */
  schedule(delay) {
    const h = this._host, s = h.stats, o = h.options;
    if (s.reconnectAttempts >= o.maxReconnectAttempts) return this._giveUp();
    if (delay === undefined) delay = backoffDelay(s.reconnectAttempts, o.reconnectBaseMs, o.reconnectMaxMs, h.random);
    s.reconnectAttempts++;
    if (delay <= 0) h.open();
    else h.timers.arm('reconnect', delay, () => h.open());
  }

  /** The connection opened: an outage toasted as lost is toasted as restored. */
  opened() {
    if (this._lostNotified) this._host.notify('success', 'Realtime connection restored');
    this._lostNotified = false;
  }

  /** connect() was called: the wake-ups armed after giving up are no longer needed. */
  cancelWakeups() { this._wakeups.cancel(); }

  /** disconnect(): no reconnect pending, no wake-ups, and the next outage is a new one. */
  stop() {
    this._lostNotified = false;
    this._host.timers.disarm('reconnect');
    this._wakeups.cancel();
  }

  _giveUp() {
    const h = this._host, [win, doc] = h.wakeupTargets(), retry = () => h.connect();
    h.listeners.emit('error', { type: 'gave_up', message: 'gave up after ' + h.options.maxReconnectAttempts + ' reconnect attempts' });
    h.notify('error', 'Realtime connection lost', { label: 'Retry', onClick: retry });
    this._wakeups.arm(win, doc, retry);
  }
}
