// Holder election with Web Locks: one tab holds the hub connection, every tab mirrors its state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeBrowser } from './browser.js';
import { settle } from './fakes.js';
import { shareConnection, shareMode } from '../../src/sharing/share.js';
import { STATS_PUSH_MS } from '../../src/sharing/protocol.js';

test('four tabs elect one holder and hold one hub connection', async () => {
  const b = new FakeBrowser();
  const tabs = [1, 2, 3, 4].map(() => b.openTab());
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  assert.equal(b.openConnections(), 1);
  assert.deepEqual(b.holders(), ['tab1']);
  assert.equal(b.connections.length, 1, 'only the holder made a connection');
  for (const tab of tabs) {
    assert.equal(tab.client.isConnected(), true, tab.id);
    assert.equal(tab.client.getStatus(), 'connected');
    assert.equal(tab.client.getStats().transport, 'websocket');
    assert.equal(tab.client.getStats().shared, 'locks');
    assert.deepEqual(tab.client.getConnectionInfo(), { clientId: 'c1' });
  }
});

test('every tab sees its connect callback once, and the disconnect of the shared connection', async () => {
  const b = new FakeBrowser();
  const tabs = [1, 2, 3].map(() => b.openTab());
  const seen = new Map(tabs.map((t) => [t.id, []]));
  for (const tab of tabs) {
    tab.client.onConnect(() => seen.get(tab.id).push('connect'));
    tab.client.onDisconnect((e) => seen.get(tab.id).push('disconnect ' + e.code));
    b.subscribe(tab, 'orders');
  }
  await settle();
  b.connections[0].dropByHub(4009, 'heartbeat timeout');
  await settle();
  for (const tab of tabs) assert.deepEqual(seen.get(tab.id), ['connect', 'disconnect 4009'], tab.id);
});

test('a status toast of the shared connection shows in one tab only, the one seen visible last', async () => {
  const b = new FakeBrowser();
  const tabs = [1, 2, 3].map(() => b.openTab());
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  tabs[0].client.setVisible(false);
  tabs[2].client.setVisible(false);
  tabs[1].client.setVisible(true);
  await settle();
  b.connections[0].hooks.notifications.show('Realtime connection lost, reconnecting…', 'warning');
  await settle();
  assert.deepEqual(b.toasts.map((t) => [t.tab, t.kind, t.message]), [['tab2', 'warning', 'Realtime connection lost, reconnecting…']]);
});

test('a toast with a Retry action reconnects through the holder', async () => {
  const b = new FakeBrowser();
  const [one, two] = [b.openTab(), b.openTab()];
  b.subscribe(one, 'orders'); b.subscribe(two, 'orders');
  await settle();
  b.connections[0].dropByHub(4003, 'forbidden');
  b.connections[0].hooks.notifications.show('Realtime connection lost', 'error', { action: { label: 'Retry' } });
  await settle();
  assert.equal(b.toasts.length, 1);
  assert.equal(two.client.isConnected(), false);
  b.toasts[0].action.onClick();
  await settle();
  assert.equal(two.client.isConnected(), true);
  assert.equal(b.openConnections(), 1);
});

test('shared:false, or a page with neither SharedWorker nor Web Locks, keeps its own connection', () => {
  const locks = { request() {} };
  class BC {}
  assert.equal(shareMode({ shared: false }, { locks, BroadcastChannel: BC }), 'none');
  assert.equal(shareMode({}, { locks: undefined, BroadcastChannel: BC }), 'none');
  assert.equal(shareMode({}, { locks, BroadcastChannel: BC }), 'locks');
  assert.equal(shareMode({}, { SharedWorker: class {}, workerUrl: '/js/ws-shared-worker.js', locks, BroadcastChannel: BC }), 'worker');
  assert.equal(shareConnection({ shared: false }, { locks, BroadcastChannel: BC }), null);
});

test('a tab that is only subscribed, not connected (not lazy), holds no topic at the hub until connect()', async () => {
  const b = new FakeBrowser();
  const one = b.openTab({ lazy: false });
  b.subscribe(one, 'orders');
  await settle();
  assert.equal(b.openConnections(), 0);
  assert.equal(one.client.getStatus(), 'disconnected');
  one.client.connect();
  await settle();
  assert.equal(b.openConnections(), 1);
  assert.equal(b.hub.subscribeFrames('orders').length, 1);
});

test("every tab's getStats() counters follow the holder's within STATS_PUSH_MS while events flow", async () => {
  const b = new FakeBrowser();
  const [one, two] = [b.openTab(), b.openTab()];
  b.subscribe(one, 'orders'); b.subscribe(two, 'orders');
  await settle();
  for (let i = 0; i < 3; i++) b.hub.publish('orders');
  await settle();
  assert.equal(two.client.getStats().messagesReceived, 0, 'not yet pushed');
  b.clock.tick(STATS_PUSH_MS);
  await settle();
  assert.equal(two.client.getStats().messagesReceived, 3);
  assert.equal(one.client.getStats().messagesReceived, 3);
});

test('a holder closing gracefully makes no tab see a disconnect (at most connecting, then connected)', async () => {
  const b = new FakeBrowser();
  const tabs = [1, 2, 3].map(() => b.openTab());
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  const seen = new Map(tabs.map((t) => [t.id, []]));
  for (const tab of tabs) tab.client.onStateChange((e) => seen.get(tab.id).push(e.state + (e.state === 'disconnected' ? ' ' + e.code + ' ' + e.reason : '')));
  b.close(tabs[0]);
  await settle();
  assert.deepEqual(seen.get('tab2'), ['connecting', 'connected'], 'the new holder connects');
  for (const tab of tabs.slice(1)) {
    assert.ok(!seen.get(tab.id).some((state) => state.startsWith('disconnected')), tab.id + ': ' + seen.get(tab.id));
    assert.equal(tab.client.getStatus(), 'connected');
  }
});
