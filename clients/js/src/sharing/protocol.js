// @ts-check
/**
 * The tab protocol: the names and messages by which tabs share one hub connection held by a SharedWorker or by the
 * tab that won the Web Locks election. Every message is a plain object with a kind `k`, structured-cloneable.
 *
 * Tab → holder: hello {connect, topics:[{topic, seq, epoch}], config} · sub {topic, seq, epoch} · unsub {topic} ·
 *   send {frame} · disconnect · visible {visible} · token {id, token | error} · bye.
 * Holder → tab: snap {snap} · state {event, snap} · ev {via, ev, meta} · error {error} · toast {kind, message, retry} ·
 *   token? {id}. Over a BroadcastChannel, `host-up` tells every tab that a new holder wants their hello.
 */

/**
 * @typedef {{ k: string, [field: string]: any }} TabMessage one message of the tab protocol
 * @typedef {(msg: TabMessage) => void} Post sends a message to the other end
 * @typedef {{ topic: string, seq: number | null, epoch: string | null }} TopicPosition where a tab is in a topic
 */

/** How stale a tab's getStats() counters may be while events flow: the holder sends fresh ones this often at most. */
export const STATS_PUSH_MS = 1000;

/** How long a new holder waits for a tab to answer a token request before the connect attempt fails. */
export const TOKEN_TIMEOUT_MS = 10000;

/**
 * The prefix of the BroadcastChannel, the holder lock and the tabs' own locks: it carries the client's build version
 * and the hub URL, so tabs of another deployment or of another hub never share with these.
 */
/** @param {string} version @param {string} url @returns {string} */
export function scopeName(version, url) {
  return 'realtime-hub/' + version + '/' + url;
}

/** The URL of the SharedWorker entry, versioned by the build so that a new deployment never talks to an old worker. */
/** @param {string} base @param {string} version @returns {string} */
export function workerUrl(base, version) {
  return base + (base.includes('?') ? '&' : '?') + 'v=' + encodeURIComponent(version);
}

/** A ClientError with its thrown value reduced to its message, so that it crosses a port or channel. */
/** @param {any} error @returns {any} */
export function portableError(error) {
  const out = Object.assign({}, error);
  if (out.error !== undefined) out.error = String((out.error && out.error.message) || out.error);
  return out;
}

/** A random id for a tab (crypto.randomUUID where there is one). */
/** @param {() => number} [random] @returns {string} */
export function newId(random = Math.random) {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return Date.now().toString(36) + '-' + Math.floor(random() * 1e12).toString(36);
}
