// How WebSocketManager joins the shared connection: which pages share, and that the page API then answers from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromSharedConnection, sharedConnectionOfPage } from '../../src/sharing/share.js';
import { TabClient } from '../../src/sharing/tab-client.js';
import { WebSocketManager } from '../../src/manager.js';
import { buildId, classicScript, stampBuild } from '../../scripts/classic-script.mjs';

const never = () => { throw new Error('no connection may be made'); };

test('outside a page, with shared:false, or with primitives of its own, a manager keeps its own connection', () => {
  assert.equal(sharedConnectionOfPage({}, never, () => {}), null, 'node: no window');
  const page = /** @type {any} */ (globalThis);
  page.window = { addEventListener() {} };
  page.document = { addEventListener() {}, visibilityState: 'visible' };
  try {
    assert.equal(sharedConnectionOfPage({ shared: false }, never, () => {}), null);
    for (const own of ['WebSocket', 'EventSource', 'fetch', 'timers', 'window', 'document', 'location']) {
      assert.equal(sharedConnectionOfPage({ [own]: {} }, never, () => {}), null, own);
    }
    assert.equal(sharedConnectionOfPage({}, never, () => {}), null, 'neither SharedWorker nor Web Locks (node has no navigator.locks)');
  } finally {
    delete page.window;
    delete page.document;
  }
});

test("a sharing manager's page API answers from the shared connection", () => {
  const manager = new WebSocketManager({ url: 'ws://127.0.0.1:9/api/ws/realtime' });
  const client = new TabClient({ options: {}, notify: () => {}, mode: 'locks' });
  const sent = [];
  client.attach((msg) => sent.push(msg));
  answerFromSharedConnection(manager, client);
  manager.connect();
  manager.subscribe('orders', () => {});
  assert.deepEqual(sent.map((m) => m.k), ['hello', 'hello', 'sub']);
  client.receive({ k: 'snap', snap: { status: 'connected', stats: { transport: 'sse' }, info: { clientId: 'x' } } });
  assert.equal(manager.isConnected(), true);
  assert.equal(manager.getStats().transport, 'sse');
  assert.equal(manager.getStats().shared, 'locks');
  assert.deepEqual(manager.getConnectionInfo(), { clientId: 'x' });
});

test('the SharedWorker script is built from its entry, and carries the build id as /js/ws-manager.js does', () => {
  const id = buildId();
  assert.match(id, /^[0-9a-f]{12}$/);
  const worker = stampBuild(classicScript('shared-worker.js'), id, true), page = stampBuild(classicScript(), id, true);
  for (const script of [worker, page]) assert.ok(script.includes(`CLIENT_BUILD = '${id}';`));
  assert.ok(worker.includes('serveTabs(workerScope'));
  assert.ok(!worker.includes('page.wsManager'), 'the worker makes no window.wsManager');
  assert.throws(() => stampBuild('const x = 1;', id, true), /no CLIENT_BUILD/);
});
