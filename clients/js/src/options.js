// @ts-check
/** The manager's connection states, the defaults of its options, and the check of the options it is given. */

/** @type {readonly import('./types.js').ConnectionStatus[]} */
export const STATES = Object.freeze(/** @type {const} */ (['connecting', 'connected', 'closing', 'disconnected']));

// fallbackWindowMs: a WebSocket that dies this soon after opening, twice in a row, sends the client to SSE, and a
// WebSocket tried again from SSE must stay open this long before it takes over (wsRetryMs doubling to wsRetryMaxMs).
export const DEFAULTS = Object.freeze({ reconnectBaseMs: 1000, reconnectMaxMs: 30000, maxReconnectAttempts: 10,
  heartbeatIntervalMs: 30000, heartbeatTimeoutMs: 10000, maxBufferedMessages: 100, drainDelayMaxMs: 5000,
  fallbackWindowMs: 5000, wsRetryMs: 60000, wsRetryMaxMs: 600000 });

/** @typedef {(value: any) => string | null} Check what is wrong with a value (given, not undefined), or null */

/** @type {(what: string, ok: (value: any) => boolean) => Check} */
const check = (what, ok) => (value) => (ok(value) ? null : 'must be ' + what);
const isObject = (/** @type {any} */ v) => v !== null && typeof v === 'object';
const func = check('a function', (v) => typeof v === 'function');
const ms = check('a number of milliseconds >= 0', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);
const positiveMs = check('a number of milliseconds > 0', (v) => typeof v === 'number' && Number.isFinite(v) && v > 0);
const count = check('an integer >= 0', (v) => Number.isInteger(v) && v >= 0);
const orNull = (/** @type {Check} */ c) => (/** @type {any} */ v) => (v === null ? null : c(v));
/** @type {(schemes: string[]) => Check} */
const absoluteUrl = (schemes) => (v) => {
  const what = 'an absolute ' + schemes.join(' or ') + ' URL';
  if (typeof v !== 'string') return 'must be ' + what;
  try { return schemes.includes(new URL(v).protocol) ? null : 'must be ' + what + ', not ' + JSON.stringify(v); } catch (error) {
    return 'must be ' + what + ', not ' + JSON.stringify(v);
  }
};

/** Every option the manager knows, with what its value must be; see WebSocketManagerOptions for what each does. */
const OPTION_CHECKS = Object.freeze({
  url: absoluteUrl(['ws:', 'wss:']), sseUrl: absoluteUrl(['http:', 'https:']),
  token: orNull(check('a string', (v) => typeof v === 'string')), getToken: func,
  WebSocket: func, EventSource: orNull(func), fetch: func,
  fallbackWindowMs: ms, wsRetryMs: positiveMs, wsRetryMaxMs: positiveMs, reconnectBaseMs: ms, reconnectMaxMs: ms,
  maxReconnectAttempts: count, heartbeatIntervalMs: positiveMs, heartbeatTimeoutMs: positiveMs,
  maxBufferedMessages: count, drainDelayMaxMs: ms,
  timers: check('an object with setTimeout, clearTimeout, setInterval and clearInterval', (v) => isObject(v)
    && ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].every((name) => typeof v[name] === 'function')),
  random: func, now: func,
  notifications: orNull(check('an object (a toaster with show or success/error/warning/info)', isObject)),
  window: orNull(check('an object', isObject)), document: orNull(check('an object', isObject)),
  location: check('an object with string protocol and host', (v) => isObject(v) && typeof v.protocol === 'string'
    && typeof v.host === 'string'),
  lazy: check('a boolean', (v) => typeof v === 'boolean'),
  shared: check('a boolean', (v) => typeof v === 'boolean'), workerUrl: orNull(check('a string', (v) => typeof v === 'string')),
});

/**
 * Rejects options a manager cannot work with, naming the option: not an object, an unknown name (a typo would
 * otherwise be ignored silently), a value of the wrong type, a URL that is not absolute ws(s): (or http(s): for
 * sseUrl). An option that is undefined counts as not given.
 * @param {unknown} options
 * @throws {TypeError}
 */
export function checkOptions(options) {
  if (!isObject(options)) throw new TypeError('WebSocketManager: options must be an object, not ' + String(options));
  const known = /** @type {Record<string, Check>} */ (OPTION_CHECKS);
  for (const [name, value] of Object.entries(/** @type {object} */ (options))) {
    if (!Object.prototype.hasOwnProperty.call(known, name)) {
      const near = Object.keys(known).find((k) => k.toLowerCase() === name.toLowerCase());
      throw new TypeError('WebSocketManager: unknown option "' + name + '"' + (near ? ' (did you mean "' + near + '"?)' : '')
        + '; the options are ' + Object.keys(known).join(', '));
    }
    const wrong = value === undefined ? null : known[name](value);
    if (wrong) throw new TypeError('WebSocketManager: option "' + name + '" ' + wrong + (wrong.includes(', not ') ? '' : describe(value)));
  }
}

/** @param {unknown} value @returns {string} */
function describe(value) {
  return ', got ' + (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object'
    : typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : 'a ' + typeof value);
}
