// Reference-counted subscriptions: the hub sees one subscribe per topic and an unsubscribe with the last tab's last handler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeBrowser } from './browser.js';
import { settle } from './fakes.js';

for (const worker of [false, true]) {
  const mode = worker ? 'SharedWorker' : 'Web Locks';
  test(`${mode}: one subscribe per topic at the hub; unsubscribe only when the last tab's last handler goes`, async () => {
    const b = new FakeBrowser({ worker });
    const tabs = [1, 2, 3].map(() => b.openTab());
    const off = tabs.map((tab) => [b.subscribe(tab, 'orders'), b.subscribe(tab, 'orders')]);
    await settle();
    assert.equal(b.hub.subscribeFrames('orders').length, 1);
    off[0][0](); off[0][1](); off[1][0]();
    await settle();
    assert.equal(b.hub.unsubscribeFrames('orders').length, 0, 'tab2 and tab3 still listen');
    off[1][1](); off[2][0]();
    await settle();
    assert.equal(b.hub.unsubscribeFrames('orders').length, 0, "tab3's second handler still listens");
    off[2][1]();
    await settle();
    assert.equal(b.hub.unsubscribeFrames('orders').length, 1);
    b.subscribe(tabs[1], 'orders');
    await settle();
    assert.equal(b.hub.subscribeFrames('orders').length, 2, 'subscribed again afresh');
  });

  test(`${mode}: each tab's handlers see each event once, in order; a tab sees only its topics`, async () => {
    const b = new FakeBrowser({ worker });
    const [one, two, three] = [b.openTab(), b.openTab(), b.openTab()];
    b.subscribe(one, 'orders'); b.subscribe(two, 'orders'); b.subscribe(two, 'audit');
    const wild = [];
    three.client.subscribe('*', (ev, topic) => wild.push(topic + '#' + ev.seq));
    await settle();
    for (let i = 0; i < 5; i++) { b.hub.publish('orders'); b.hub.publish('audit'); }
    await settle();
    const orders = [1, 2, 3, 4, 5].map((s) => 'orders#' + s), audit = [1, 2, 3, 4, 5].map((s) => 'audit#' + s);
    assert.deepEqual(one.events, orders);
    assert.deepEqual(two.events, orders.flatMap((o, i) => [o, audit[i]]));
    assert.deepEqual(wild, two.events, "'*' sees every event once");
    assert.equal(b.hub.subscribeFrames('*').length, 1);
  });

  test(`${mode}: frames a tab sends go out on the shared connection`, async () => {
    const b = new FakeBrowser({ worker });
    const [one, two] = [b.openTab(), b.openTab()];
    b.subscribe(one, 'orders'); b.subscribe(two, 'orders');
    await settle();
    assert.equal(two.client.send({ action: 'ping' }), true);
    await settle();
    assert.deepEqual(b.connections[0].sent, ['{"action":"ping"}']);
  });
}

test('Web Locks: a handler that throws is reported in its tab and does not stop the others', async () => {
  const b = new FakeBrowser();
  const [one, two] = [b.openTab(), b.openTab()];
  const errors = [];
  one.client.onError((e) => errors.push(e.type + ':' + e.topic));
  one.client.subscribe('orders', () => { throw new Error('boom'); });
  b.subscribe(one, 'orders'); b.subscribe(two, 'orders');
  await settle();
  const original = console.error;
  console.error = () => {};
  try { b.hub.publish('orders'); await settle(); } finally { console.error = original; }
  assert.deepEqual(errors, ['handler:orders']);
  assert.deepEqual(one.events, ['orders#1']);
  assert.deepEqual(two.events, ['orders#1']);
});
