// @ts-check
/** The manager's connection states and the defaults of its options. */

/** @type {readonly import('./types.js').ConnectionStatus[]} */
export const STATES = Object.freeze(/** @type {const} */ (['connecting', 'connected', 'closing', 'disconnected']));

// fallbackWindowMs: a WebSocket that dies this soon after opening, twice in a row, sends the client to SSE, and a
// WebSocket tried again from SSE must stay open this long before it takes over (wsRetryMs doubling to wsRetryMaxMs).
export const DEFAULTS = Object.freeze({ reconnectBaseMs: 1000, reconnectMaxMs: 30000, maxReconnectAttempts: 10,
  heartbeatIntervalMs: 30000, heartbeatTimeoutMs: 10000, maxBufferedMessages: 100, drainDelayMaxMs: 5000,
  fallbackWindowMs: 5000, wsRetryMs: 60000, wsRetryMaxMs: 600000 });
