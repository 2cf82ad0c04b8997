// @ts-check
import { ConnectionHost } from './connection-host.js';
import { electHolder, holdTabLock, watchTab } from './holder-election.js';
import { newId, scopeName, workerUrl } from './protocol.js';
import { TabClient } from './tab-client.js';

/**
 * How a page shares its hub connection: 'worker' (a SharedWorker holds it), 'locks' (the tab holding a Web Lock holds
 * it, the tabs talk over BroadcastChannel) or 'none' (each tab its own connection, as in v1; also with shared:false).
 * Web Locks exist only in secure contexts (https, localhost).
 */
export function shareMode(options, env) {
  if (!env || options.shared === false) return 'none';
  if (typeof env.SharedWorker === 'function' && env.workerUrl) return 'worker';
  if (env.locks && typeof env.locks.request === 'function' && typeof env.BroadcastChannel === 'function') return 'locks';
  return 'none';
}

/**
 * The page's end of a shared connection (a TabClient, already linked), or null when this page cannot share.
 * env: {SharedWorker, BroadcastChannel, locks, workerUrl, version, window, document, timers,
 *       createConnection(config, hooks) (an unshared WebSocketManager), notify(kind, message, action)}.
 */
export function shareConnection(options, env) {
  const mode = shareMode(options, env);
  if (mode === 'none') return null;
  const client = new TabClient({ options, notify: env.notify, mode });
  const url = options.url || (env.window && env.window.location ? String(env.window.location.host) : '');
  const scope = scopeName(env.version, url);
  const id = newId();
  const tabLock = scope + '/tab/' + id;
  const start = mode === 'worker' ? () => workerMode(client, env, scope, tabLock) : () => locksMode(client, env, options, scope, id, tabLock);
  if (env.locks && typeof env.locks.request === 'function') holdTabLock(env.locks, tabLock, start);
  else start();
  const doc = env.document;
  if (doc && typeof doc.addEventListener === 'function') {
    const visible = () => client.setVisible(doc.visibilityState !== 'hidden');
    doc.addEventListener('visibilitychange', visible);
  }
  return client;
}

function workerMode(client, env, scope, tabLock) {
  const worker = new env.SharedWorker(workerUrl(env.workerUrl, env.version), { type: 'module', name: scope });
  const port = worker.port;
  port.onmessage = (e) => client.receive(e.data);
  if (typeof port.start === 'function') port.start();
  const post = (msg) => port.postMessage(msg.k === 'hello' ? Object.assign({ lock: tabLock }, msg) : msg);
  client.attach(post);
  onPage(env.window, () => client.leave(), () => client.attach(post));
}

function locksMode(client, env, options, scope, id, tabLock) {
  const channel = new env.BroadcastChannel(scope);
  /** @type {ConnectionHost | null} */
  let host = null, election = null;
  const toHost = (msg) => channel.postMessage({ from: id, to: 'host', msg: msg.k === 'hello' ? Object.assign({ lock: tabLock }, msg) : msg });
  channel.onmessage = (e) => {
    const m = e.data;
    if (!m || m.from === id) return;
    if (host && m.to === 'host') return hostReceive(host, m.from, m.msg);
    if (m.k === 'host-up') return client.attach(toHost);
    if (m.to === id) client.receive(m.msg);
  };
  const hostReceive = (h, from, msg) => {
    if (!msg) return;
    if (msg.k === 'hello') {
      h.addPeer(from, (reply) => channel.postMessage({ from: id, to: from, msg: reply }));
      if (typeof msg.lock === 'string') watchTab(env.locks, msg.lock, () => h.removePeer(from));
    }
    h.receive(from, msg);
  };
  const elect = () => {
    election = electHolder(env.locks, scope + '/holder', () => {
      const h = (host = new ConnectionHost({ createConnection: env.createConnection, timers: env.timers,
        getToken: typeof options.getToken === 'function' ? options.getToken : null }));
      // This tab's own client talks to the host in-process, one microtask later, as a channel would.
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

/** pagehide: the tab is going (or into the back-forward cache); pageshow after the cache: it is back. */
function onPage(win, gone, back) {
  if (!win || typeof win.addEventListener !== 'function') return;
  win.addEventListener('pagehide', gone);
  win.addEventListener('pageshow', (e) => { if (e && e.persisted) back(); });
}
