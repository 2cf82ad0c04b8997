// SharedWorker mode: the worker holds the connection; tabs come and go through their ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeBrowser } from './browser.js';
import { settle } from './fakes.js';

test('four tabs share the worker\'s one connection; its URL carries the build version', async () => {
  const b = new FakeBrowser({ worker: true });
  const tabs = [1, 2, 3, 4].map(() => b.openTab());
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  assert.equal(b.openConnections(), 1);
  assert.deepEqual(b.workerUrls.map((w) => w.url), Array(4).fill('/js/ws-shared-worker.js?v=v1'));
  for (const tab of tabs) {
    assert.equal(tab.client.isConnected(), true);
    assert.equal(tab.client.getStats().shared, 'worker');
    assert.equal(tab.client.getStats().holder, false);
  }
});

for (const quietly of [false, true]) {
  test(`closing tabs one by one${quietly ? ' without pagehide (noticed through the tab lock)' : ''} keeps the rest whole; the last one ends the connection`, async () => {
    const b = new FakeBrowser({ worker: true });
    const tabs = [1, 2, 3, 4].map(() => b.openTab());
    for (const tab of tabs) b.subscribe(tab, 'orders');
    await settle();
    let seq = 0;
    for (const tab of tabs) {
      b.hub.publish('orders'); seq++;
      await settle();
      b.close(tab, { quietly });
      await settle();
      for (const alive of tabs.filter((t) => !t.closed)) assert.deepEqual(alive.events, Array.from({ length: seq }, (_, i) => 'orders#' + (i + 1)));
    }
    assert.equal(b.openConnections(), 0, 'no tab wants the connection any more');
    assert.equal(b.hub.unsubscribeFrames('orders').length, 1);
  });
}

test('without Web Locks (an insecure context) the worker still shares, and a tab leaving says bye', async () => {
  const b = new FakeBrowser({ worker: true, locks: false });
  const [one, two] = [b.openTab(), b.openTab()];
  b.subscribe(one, 'orders'); b.subscribe(two, 'orders');
  await settle();
  assert.equal(b.openConnections(), 1);
  b.close(one);
  await settle();
  b.hub.publish('orders');
  await settle();
  assert.deepEqual(two.events, ['orders#1']);
  assert.deepEqual(one.events, []);
});
