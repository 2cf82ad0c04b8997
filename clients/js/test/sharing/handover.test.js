// Hand-over: when the holder goes, another tab takes over at once and recovers with since: nothing missed, nothing twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeBrowser } from './browser.js';
import { settle } from './fakes.js';

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => 'orders#' + (from + i));

async function fourTabs(options) {
  const b = new FakeBrowser(options);
  const tabs = [1, 2, 3, 4].map(() => b.openTab());
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  return { b, tabs };
}

for (const quietly of [false, true]) {
  test(`closing tabs one by one, the holder first${quietly ? ' (no pagehide: a crash)' : ''}, loses and duplicates nothing`, async () => {
    const { b, tabs } = await fourTabs();
    let seq = 0;
    const publish = (n) => { for (let i = 0; i < n; i++) { b.hub.publish('orders'); seq++; } };
    publish(3);
    await settle();
    for (let k = 0; k < 3; k++) {
      const holder = tabs.find((t) => t.id === b.holders()[0]);
      b.close(holder, { quietly });
      publish(2); // while no tab holds the connection: recovered with since by the next holder
      const clockBefore = b.clock.now;
      await settle();
      assert.equal(b.clock.now, clockBefore, 'the take-over waits for no timer');
      publish(1);
      await settle();
      const alive = tabs.filter((t) => !t.closed);
      assert.equal(b.holders().length, 1, 'one new holder');
      assert.equal(b.openConnections(), 1);
      for (const tab of alive) {
        assert.deepEqual(tab.events, range(1, seq), tab.id + ' after ' + (k + 1) + ' hand-overs');
        assert.equal(tab.client.isConnected(), true);
      }
    }
  });
}

test('a tab subscribing with an older since makes the holder resubscribe from it, and every tab drops what it had seen', async () => {
  const { b, tabs } = await fourTabs();
  b.hub.publish('orders'); b.hub.publish('orders');
  await settle();
  // tab4 stops listening for a moment, then subscribes again with the seq it knows (a late tab)
  const [one, , , four] = tabs;
  four.client.unsubscribe('orders');
  b.hub.publish('orders');
  await settle();
  four.client.subscribe('orders', (ev) => four.events.push('orders#' + ev.seq), { since: 2 });
  await settle();
  assert.deepEqual(four.events, range(1, 3), 'replayed from since 2');
  assert.deepEqual(one.events, range(1, 3), 'tab1 saw the replay as duplicates');
  assert.ok(one.client.getStats().duplicatesDropped >= 1);
});

test('a follower closing releases its topics at the holder: the hub hears one unsubscribe, with the last tab', async () => {
  const b = new FakeBrowser();
  const [one, two, three] = [b.openTab(), b.openTab(), b.openTab()];
  b.subscribe(one, 'orders'); b.subscribe(two, 'audit'); b.subscribe(three, 'audit');
  await settle();
  b.close(two, { quietly: true }); // no bye: the holder learns it through the tab's lock
  await settle();
  assert.equal(b.hub.unsubscribeFrames('audit').length, 0);
  b.close(three);
  await settle();
  assert.equal(b.hub.unsubscribeFrames('audit').length, 1);
  assert.equal(b.hub.unsubscribeFrames('orders').length, 0);
});

test('the tab that took over answers isConnected for everyone, and the last tab closing ends the connection', async () => {
  const { b, tabs } = await fourTabs();
  for (const tab of tabs) { b.close(tab); await settle(); }
  assert.equal(b.openConnections(), 0);
  assert.equal(b.connections.length, 4, 'one connection per holder, in turn');
});
