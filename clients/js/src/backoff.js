// @ts-check
/** The reconnect delay: full-jitter exponential backoff. */

/**
 * Full-jitter exponential backoff: random() * min(maxMs, baseMs * 2^attempt), attempt counted from 0.
 * @param {number} attempt
 * @param {number} [baseMs]
 * @param {number} [maxMs]
 * @param {() => number} [random]
 * @returns {number}
 */
export function backoffDelay(attempt, baseMs = 1000, maxMs = 30000, random = Math.random) {
  return random() * Math.min(maxMs, baseMs * Math.pow(2, attempt));
}
