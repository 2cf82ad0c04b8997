// @ts-check
import { ConnectionHost } from './connection-host.js';
import { watchTab } from './holder-election.js';

/**
 * The SharedWorker's side: every tab that connects is a peer of one ConnectionHost. A tab that goes says `bye` at
 * pagehide; one that goes without a word is noticed through its own Web Lock (where the worker has navigator.locks).
 * When the last tab has gone the browser ends the worker, and its connection with it.
 * @param {any} scope the worker's global scope (onconnect, navigator, setTimeout)
 * @param {(config: any, hooks: any) => any} createConnection makes an unshared WebSocketManager
 */
export function serveTabs(scope, createConnection) {
  const host = new ConnectionHost({ createConnection, timers: scope });
  const locks = scope.navigator && scope.navigator.locks;
  let next = 1;
  scope.onconnect = (/** @type {any} */ e) => {
    const port = e.ports[0], id = 'port-' + next++;
    let watched = false;
    host.addPeer(id, (msg) => port.postMessage(msg));
    port.onmessage = (/** @type {any} */ ev) => {
      const msg = ev.data;
      if (msg && msg.k === 'hello') {
        host.addPeer(id, (reply) => port.postMessage(reply)); // again after a bye (back from the back-forward cache)
        if (!watched && locks && typeof msg.lock === 'string') {
          watched = true;
          watchTab(locks, msg.lock, () => host.removePeer(id));
        }
      }
      host.receive(id, msg);
    };
    port.start();
  };
  return host;
}
