// @ts-check
/** The hub's close codes and what the client does after each; the same table as the server's CloseCode. */

/** What the client does after a close: nothing, reconnect at once, after a random drain delay, or with backoff. */
/** @typedef {'none' | 'now' | 'drain' | 'backoff'} ReconnectPolicy */

/**
 * Close codes of the hub and what the client does on each; unknown codes reconnect with backoff. The same table as
 * the server's CloseCode (names and reconnect policies; CloseCodeTableTest compares them) and docs/API.md.
 * @type {Readonly<{
 *   1000: { readonly name: 'normal'; readonly reconnect: 'backoff' };
 *   1001: { readonly name: 'going_away'; readonly reconnect: 'drain' };
 *   1008: { readonly name: 'policy_violation'; readonly reconnect: 'backoff' };
 *   1009: { readonly name: 'too_big'; readonly reconnect: 'backoff' };
 *   1011: { readonly name: 'internal_error'; readonly reconnect: 'backoff' };
 *   4001: { readonly name: 'token_expired'; readonly reconnect: 'now' };
 *   4003: { readonly name: 'forbidden'; readonly reconnect: 'none' };
 *   4008: { readonly name: 'slow_consumer'; readonly reconnect: 'now' };
 *   4009: { readonly name: 'heartbeat_timeout'; readonly reconnect: 'backoff' };
 * }>}
 */
export const CLOSE_CODES = Object.freeze({
  1000: { name: 'normal', reconnect: 'backoff' }, // only when not asked for: disconnect() never reconnects
  1001: { name: 'going_away', reconnect: 'drain' }, // after random 0..drainDelayMaxMs, then backoff
  1008: { name: 'policy_violation', reconnect: 'backoff' },
  1009: { name: 'too_big', reconnect: 'backoff' },
  1011: { name: 'internal_error', reconnect: 'backoff' },
  4001: { name: 'token_expired', reconnect: 'now' }, // getToken() runs before every connect
  4003: { name: 'forbidden', reconnect: 'none' }, // reported via onError and a toast
  4008: { name: 'slow_consumer', reconnect: 'now' }, // recovered with `since`
  4009: { name: 'heartbeat_timeout', reconnect: 'backoff' },
});
Object.values(CLOSE_CODES).forEach(Object.freeze);

/**
 * How to reconnect after a close with `code`; a code not in the table reconnects with backoff.
 * @param {number} code
 * @returns {ReconnectPolicy}
 */
export function closePolicy(code) {
  const entry = /** @type {Record<number, { reconnect: ReconnectPolicy } | undefined>} */ (CLOSE_CODES)[code];
  return entry ? entry.reconnect : 'backoff';
}
