// @ts-check
import { CLIENT_BUILD } from './build-id.js';
import { ConnectionHost } from './connection-host.js';
import { electHolder, holdTabLock, watchTab } from './holder-election.js';
import { newId, scopeName, workerUrl } from './protocol.js';
import { TabClient } from './tab-client.js';

/**
 * @typedef {import('./protocol.js').TabMessage} TabMessage
 * @typedef {import('./protocol.js').Post} Post
 * @typedef {(config: any, hooks: any) => any} ConnectionFactory makes an unshared WebSocketManager
 * @typedef {(kind: any, message: string, action?: { label: string, onClick: () => void }) => void} Notify
 * @typedef {object} SharingEnv what sharing uses of the browser, injected so that tests drive it
 * @property {any} [SharedWorker] @property {any} [BroadcastChannel] @property {any} [locks] navigator.locks
 * @property {string | null} [workerUrl] @property {string} version @property {any} [window] @property {any} [document]
 * @property {{ setTimeout: Function, clearTimeout: Function }} timers @property {ConnectionFactory} createConnection
 * @property {Notify} notify shows a toast in this tab
 */

/** The URL of the worker, on the page's origin (a SharedWorker must be same-origin). */
export const SHARED_WORKER_PATH = '/js/ws-shared-worker.js';
/** Options that hand the manager its own primitives (tests, special pages): such a manager never shares. */
const OWN_PRIMITIVES = ['WebSocket', 'EventSource', 'fetch', 'timers', 'random', 'now', 'window', 'document', 'location'];

/** The page API of WebSocketManager, which a TabClient answers for a manager whose tabs share the connection. */
const PAGE_API = ['connect', 'disconnect', 'subscribe', 'unsubscribe', 'send', 'isConnected', 'getStatus',
  'getConnectionInfo', 'getStats', 'onConnect', 'onDisconnect', 'onError', 'onStateChange'];

/**
 * Makes `manager` answer the page API from the shared connection `client` (own properties over its class's methods),
 * so that its own connection machinery stays idle.
 * @param {object} manager @param {TabClient} client
 */
export function answerFromSharedConnection(manager, client) {
  const methods = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (client));
  for (const name of PAGE_API) Object.defineProperty(manager, name, { value: methods[name].bind(client), configurable: true });
}

/**
 * How a page shares its hub connection: 'worker' (a SharedWorker holds it), 'locks' (the tab holding a Web Lock holds
 * it, the tabs talk over BroadcastChannel) or 'none' (each tab its own connection, as in v1; also with shared:false).
 * Web Locks exist only in secure contexts (https, localhost).
 * @param {any} options @param {SharingEnv | null} env @returns {'worker' | 'locks' | 'none'}
 */
export function shareMode(options, env) {
  if (!env || options.shared === false) return 'none';
  if (typeof env.SharedWorker === 'function' && env.workerUrl) return 'worker';
  if (env.locks && typeof env.locks.request === 'function' && typeof env.BroadcastChannel === 'function') return 'locks';
  return 'none';
}

/**
 * In a browser page: the page's end of the connection its tabs share, or null where the manager holds its own
 * (outside a page, shared:false, own primitives passed, neither SharedWorker nor Web Locks).
 * @param {any} options the WebSocketManager's options
 * @param {ConnectionFactory} createConnection @param {Notify} notify
 * @returns {TabClient | null}
 */
export function sharedConnectionOfPage(options, createConnection, notify) {
  const root = /** @type {any} */ (globalThis);
  if (!root.window || !root.document || options.shared === false) return null;
  if (OWN_PRIMITIVES.some((name) => options[name] !== undefined)) return null;
  return shareConnection(options, { SharedWorker: root.SharedWorker, BroadcastChannel: root.BroadcastChannel,
    locks: root.navigator && root.navigator.locks, workerUrl: options.workerUrl !== undefined ? options.workerUrl : SHARED_WORKER_PATH,
    version: CLIENT_BUILD, window: root.window, document: root.document, timers: root, createConnection, notify });
}

/**
 * The page's end of a shared connection (a TabClient, already linked), or null when this page cannot share.
 * @param {any} options @param {SharingEnv} env @returns {TabClient | null}
 */
export function shareConnection(options, env) {
  const mode = shareMode(options, env);
  if (mode === 'none') return null;
  const client = new TabClient({ options, notify: env.notify, mode });
  const url = options.url || (env.window && env.window.location ? String(env.window.location.host) : '');
  const scope = scopeName(env.version, url), id = newId(), tabLock = scope + '/tab/' + id;
  const viaLocks = () => (shareMode(options, Object.assign({}, env, { SharedWorker: null })) === 'locks'
    ? locksMode(client, env, options, scope, id, tabLock) : soloMode(client, env, options));
  const start = mode === 'worker' ? () => workerMode(client, env, scope, tabLock, viaLocks) : viaLocks;
  if (env.locks && typeof env.locks.request === 'function') holdTabLock(env.locks, tabLock, start);
  else start();
  const doc = env.document;
  if (doc && typeof doc.addEventListener === 'function') {
    doc.addEventListener('visibilitychange', () => client.setVisible(doc.visibilityState !== 'hidden'));
  }
  return client;
}

/**
 * The worker holds the connection; a worker that cannot start (its script missing: a page not served by the hub)
 * hands over to Web Locks, else to a connection of this tab's own.
 * @param {TabClient} client @param {SharingEnv} env @param {string} scope @param {string} tabLock
 * @param {() => void} fallback
 */
function workerMode(client, env, scope, tabLock, fallback) {
  let heard = false;
  const worker = new env.SharedWorker(workerUrl(/** @type {string} */ (env.workerUrl), env.version), { name: scope });
  const port = worker.port;
  port.onmessage = (/** @type {MessageEvent} */ e) => { heard = true; client.receive(e.data); };
  worker.onerror = () => {
    if (heard) return;
    heard = true; // once
    console.warn('[wsManager] the shared worker did not start: sharing through Web Locks, or not at all');
    client.detach();
    fallback();
  };
  if (typeof port.start === 'function') port.start();
  /** @type {Post} */
  const post = (msg) => port.postMessage(msg.k === 'hello' ? Object.assign({ lock: tabLock }, msg) : msg);
  client.attach(post);
  onPage(env.window, () => client.leave(), () => client.attach(post));
}

/**
 * The tab holding the Web Lock holds the connection; the others talk to it over the BroadcastChannel `scope`.
 * @param {TabClient} client @param {SharingEnv} env @param {any} options @param {string} scope @param {string} id
 * @param {string} tabLock
 */
function locksMode(client, env, options, scope, id, tabLock) {
  const channel = new env.BroadcastChannel(scope);
  /** @type {ConnectionHost | null} */
  let host = null;
  /** @type {{ resign(): void } | null} */
  let election = null;
  /** @type {Post} */
  const toHost = (msg) => channel.postMessage({ from: id, to: 'host', msg: msg.k === 'hello' ? Object.assign({ lock: tabLock }, msg) : msg });
  /** @param {ConnectionHost} h @param {string} from @param {TabMessage} msg */
  const hostReceive = (h, from, msg) => {
    if (!msg) return;
    if (msg.k === 'hello') {
      h.addPeer(from, (reply) => channel.postMessage({ from: id, to: from, msg: reply }));
      if (typeof msg.lock === 'string') watchTab(env.locks, msg.lock, () => h.removePeer(from));
    }
    h.receive(from, msg);
  };
  channel.onmessage = (/** @type {MessageEvent} */ e) => {
    const m = e.data;
    if (!m || m.from === id) return;
    if (host && m.to === 'host') return hostReceive(host, m.from, m.msg);
    if (m.k === 'host-up') return client.attach(toHost);
    if (m.to === id) client.receive(m.msg);
  };
  const elect = () => {
    election = electHolder(env.locks, scope + '/holder', () => {
      const h = (host = new ConnectionHost({ createConnection: env.createConnection, timers: env.timers,
        getToken: typeof options.getToken === 'function' ? options.getToken : null }));
      // This tab's own client talks to the host in-process, one microtask later, as over a channel.
      h.addPeer(id, (msg) => queueMicrotask(() => client.receive(msg)));
      client.attach((msg) => queueMicrotask(() => h.receive(id, msg)), true);
      channel.postMessage({ from: id, k: 'host-up' });
    });
  };
  client.attach(toHost); // a holder already there answers this hello; else the first holder's host-up asks again
  elect();
  onPage(env.window, () => {
    client.leave();
    if (host) host.close();
    host = null;
    if (election) election.resign();
  }, () => {
    client.attach(toHost);
    elect();
  });
}

/**
 * No way to share (the worker failed, no Web Locks): this tab holds a connection of its own through the same host.
 * @param {TabClient} client @param {SharingEnv} env @param {any} options
 */
function soloMode(client, env, options) {
  const host = new ConnectionHost({ createConnection: env.createConnection, timers: env.timers,
    getToken: typeof options.getToken === 'function' ? options.getToken : null });
  host.addPeer('self', (msg) => queueMicrotask(() => client.receive(msg)));
  client.attach((msg) => queueMicrotask(() => host.receive('self', msg)), true);
}

/**
 * pagehide: the tab is going (or into the back-forward cache); pageshow after the cache: it is back.
 * @param {any} win @param {() => void} gone @param {() => void} back
 */
function onPage(win, gone, back) {
  if (!win || typeof win.addEventListener !== 'function') return;
  win.addEventListener('pagehide', gone);
  win.addEventListener('pageshow', (/** @type {any} */ e) => { if (e && e.persisted) back(); });
}
