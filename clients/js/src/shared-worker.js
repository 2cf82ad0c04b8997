// @ts-check
/**
 * The entry of /js/ws-shared-worker.js (built like /js/ws-manager.js into one classic script): the SharedWorker that
 * holds the one hub connection the tabs of an origin share (sharing/); loaded by the client as
 * /js/ws-shared-worker.js?v=<build>, so that tabs of another build never reach this worker.
 */
import { WebSocketManager } from './manager.js';
import { serveTabs } from './sharing/worker-host.js';

const workerScope = /** @type {any} */ (globalThis);
if (typeof workerScope.SharedWorkerGlobalScope === 'function' && workerScope instanceof workerScope.SharedWorkerGlobalScope) {
  serveTabs(workerScope, (config, hooks) => new WebSocketManager(Object.assign({}, config, hooks, { shared: false })));
}
