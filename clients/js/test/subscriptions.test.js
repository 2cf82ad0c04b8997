import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected } from './fakes.js';

/** A handler that records (data, topic, meta) calls. */
function recorder() {
  const calls = [];
  const handler = (data, topic, meta) => calls.push({ data, topic, meta });
  handler.calls = calls;
  handler.seqs = () => calls.map((c) => c.data && c.data.seq);
  return handler;
}

const event = (topic, seq, extra = {}) => Object.assign({ type: 'log', topic, seq, timestamp: '2026-01-15T14:05:00.000Z' }, extra);

test('a subscription made before the socket opens is sent on open, once per topic', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('*', () => {});
  ctx.manager.subscribe('alerts', () => {});
  connected(ctx);
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'logs' }, { action: 'subscribe', topic: 'alerts' }]);
});

test('subscribing while connected sends at once, only for the first handler of a topic', () => {
  const ctx = setup();
  connected(ctx);
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('*', () => {}); // client side only
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'logs' }]);
});

test('handlers get (event, topic, {seq, epoch})', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('logs', h);
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 0, epoch: 'e1' });
  ctx.ws.receive(event('logs', 1, { message: 'hi' }));
  assert.deepEqual(h.calls, [{ data: event('logs', 1, { message: 'hi' }), topic: 'logs', meta: { seq: 1, epoch: 'e1' } }]);
});

test('unsubscribe: one handler at a time, the server is told only when none remains', () => {
  const ctx = setup();
  connected(ctx);
  const a = recorder(), b = recorder();
  const offA = ctx.manager.subscribe('logs', a);
  ctx.manager.subscribe('logs', b);
  offA();
  assert.deepEqual(ctx.ws.frames('unsubscribe'), []);
  ctx.ws.receive(event('logs', 1));
  assert.equal(a.calls.length, 0);
  assert.equal(b.calls.length, 1);
  assert.equal(ctx.manager.unsubscribe('logs', b), true);
  assert.deepEqual(ctx.ws.frames('unsubscribe'), [{ action: 'unsubscribe', topic: 'logs' }]);
  assert.deepEqual(ctx.manager.getStats().subscribedTopics, []);
  assert.equal(ctx.manager.unsubscribe('logs', b), false, 'nothing left to remove');
});

test('unsubscribe without a handler removes every handler of the topic with one frame', () => {
  const ctx = setup();
  connected(ctx);
  const a = recorder(), b = recorder();
  ctx.manager.subscribe('logs', a);
  ctx.manager.subscribe('logs', b);
  assert.equal(ctx.manager.unsubscribe('logs'), true);
  ctx.ws.receive(event('logs', 1));
  assert.equal(a.calls.length + b.calls.length, 0);
  assert.deepEqual(ctx.ws.frames('unsubscribe'), [{ action: 'unsubscribe', topic: 'logs' }]);
  assert.equal(ctx.manager.unsubscribe('nothing'), false);
  assert.equal(ctx.ws.frames('unsubscribe').length, 1);
});

test('a topic unsubscribed while offline is not subscribed again on open', () => {
  const ctx = setup();
  const off = ctx.manager.subscribe('logs', () => {});
  off();
  connected(ctx);
  assert.deepEqual(ctx.ws.frames(), []);
});

test('stats events without a handler are ignored quietly; subscribe("stats") still sends a frame', () => {
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e));
  connected(ctx);
  ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq: 5, data: {} });
  assert.deepEqual(errors, []);
  const h = recorder();
  ctx.manager.subscribe('stats', h);
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'stats' }]);
  ctx.ws.receive({ type: 'subscription', topic: 'stats', success: true, seq: 5, epoch: 's1' });
  ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq: 6, data: {} });
  assert.deepEqual(h.seqs(), [6]);
});

test('"*" handlers receive every event, frames without a topic too, and send nothing', () => {
  const ctx = setup();
  const all = recorder();
  ctx.manager.subscribe('*', all);
  connected(ctx);
  ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq: 1, data: {} });
  ctx.ws.receive(event('logs', 1));
  ctx.ws.receive({ type: 'hello' });
  assert.deepEqual(all.calls.map((c) => [c.data.type, c.topic]), [['stats_update', 'stats'], ['log', 'logs'], ['hello', undefined]]);
  assert.deepEqual(ctx.ws.frames(), []);
});

test('every subscription is sent again on reconnect with since and epoch, once a seq is known', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('alerts', () => {});
  ctx.manager.subscribe('tasks', () => {});
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 41, epoch: 'e1' });
  ctx.ws.receive(event('logs', 42));
  ctx.ws.receive({ type: 'subscription', topic: 'alerts', success: true, seq: 9, epoch: 'a1' });
  ctx.ws.closed(1011);
  ctx.clock.tick(500);
  ctx.ws.open();
  assert.deepEqual(ctx.ws.frames('subscribe'), [
    { action: 'subscribe', topic: 'logs', since: 42, epoch: 'e1' },
    { action: 'subscribe', topic: 'alerts', since: 9, epoch: 'a1' },
    { action: 'subscribe', topic: 'tasks' }, // no reply yet: no seq known
  ]);
});

test('recovered:true counts a recovery; the replay reaches the handlers and live events are not lost', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('stats', h);
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'stats', success: true, seq: 40, epoch: 'e1' });
  ctx.ws.closed(1011);
  ctx.clock.tick(500);
  ctx.ws.open();
  // the server subscribes every new connection to stats: a live event may arrive before the reply
  ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq: 43, data: {} });
  ctx.ws.receive({ type: 'subscription', topic: 'stats', success: true, seq: 43, epoch: 'e1', recovered: true });
  for (const seq of [41, 42, 43]) ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq, data: {} });
  ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq: 44, data: {} });
  assert.deepEqual(h.seqs(), [41, 42, 43, 44]);
  assert.equal(ctx.manager.getStats().recoveries, 1);
});

test('an epoch change resets lastSeq to the reply seq', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('logs', h);
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 10, epoch: 'old' });
  ctx.ws.receive(event('logs', 42));
  ctx.ws.closed(1011);
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 3, epoch: 'new', recovered: false });
  ctx.ws.receive(event('logs', 4)); // seq 4 of the new epoch is new, though 4 <= 42
  assert.deepEqual(h.seqs(), [42, null, 4]);
  assert.deepEqual(h.calls[2].meta, { seq: 4, epoch: 'new' });
  ctx.ws.closed(1011);
  ctx.clock.tick(500);
  ctx.ws.open();
  assert.deepEqual(ctx.ws.frames('subscribe'), [{ action: 'subscribe', topic: 'logs', since: 4, epoch: 'new' }]);
});

test('an epoch change in a plain reply resets lastSeq too', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('logs', h);
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 50, epoch: 'old' });
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 2, epoch: 'new' });
  ctx.ws.receive(event('logs', 3));
  assert.deepEqual(h.seqs(), [3]);
});

test('duplicates are dropped by seq per topic and counted', () => {
  const ctx = setup();
  const logs = recorder(), alerts = recorder();
  ctx.manager.subscribe('logs', logs);
  ctx.manager.subscribe('alerts', alerts);
  connected(ctx);
  for (const seq of [1, 2, 2, 1, 3]) ctx.ws.receive(event('logs', seq));
  ctx.ws.receive(event('alerts', 1)); // seq is per topic
  assert.deepEqual(logs.seqs(), [1, 2, 3]);
  assert.deepEqual(alerts.seqs(), [1]);
  assert.equal(ctx.manager.getStats().duplicatesDropped, 2);
});

test('batch frames are unpacked into single events, deduplicated inside the batch too', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('logs', h);
  connected(ctx);
  ctx.ws.receive(event('logs', 5));
  ctx.ws.receive({ type: 'batch', topic: 'logs', count: 4, items: [event('logs', 5), event('logs', 6), { type: 'log', seq: 6 }, { type: 'log', seq: 7 }] });
  assert.deepEqual(h.seqs(), [5, 6, 7]);
  assert.ok(h.calls.every((c) => c.topic === 'logs' && c.data.type === 'log'), 'items without topic get the batch topic');
  assert.equal(ctx.manager.getStats().duplicatesDropped, 2);
});

test('a gap frame recovers with since = lastSeq and epoch; the range is filled from the replay', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('logs', h);
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 118, epoch: 'e1' });
  ctx.ws.receive(event('logs', 119));
  ctx.ws.receive({ type: 'gap', topic: 'logs', from: 120, to: 122 });
  assert.deepEqual(ctx.ws.frames('subscribe').at(-1), { action: 'subscribe', topic: 'logs', since: 119, epoch: 'e1' });
  assert.equal(ctx.manager.getStats().gaps, 1);
  ctx.ws.receive(event('logs', 123)); // live, before the reply: the replay brings it again
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 123, epoch: 'e1', recovered: true });
  for (const seq of [120, 121, 122, 123]) ctx.ws.receive(event('logs', seq));
  assert.deepEqual(h.seqs(), [119, 120, 121, 122, 123]);
});

test('a gap reported after a later event recovers from just before the gap', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  connected(ctx);
  ctx.ws.receive(event('logs', 119));
  ctx.ws.receive(event('logs', 181));
  ctx.ws.receive({ type: 'gap', topic: 'logs', from: 120, to: 180 });
  assert.deepEqual(ctx.ws.frames('subscribe').at(-1), { action: 'subscribe', topic: 'logs', since: 119 });
});

test('recovered:false reaches every handler as (null, topic, meta) and onRecoveryFailed', () => {
  const ctx = setup();
  const a = recorder(), b = recorder(), failed = [];
  ctx.manager.subscribe('logs', a, { onRecoveryFailed: (info) => failed.push(info) });
  ctx.manager.subscribe('logs', b);
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 10, epoch: 'e1' });
  ctx.ws.closed(1011);
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 5000, epoch: 'e1', recovered: false });
  const meta = { recovered: false, reason: 'history_unavailable', seq: 5000, epoch: 'e1' };
  assert.deepEqual(a.calls, [{ data: null, topic: 'logs', meta }]);
  assert.deepEqual(b.calls, [{ data: null, topic: 'logs', meta }]);
  assert.deepEqual(failed, [{ topic: 'logs', ...meta }]);
  ctx.ws.receive(event('logs', 5001));
  assert.deepEqual(a.seqs(), [null, 5001]);
  assert.equal(ctx.manager.getStats().recoveries, 0);
});

test('a refused subscription goes to onError with the server error', () => {
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e));
  ctx.manager.subscribe('secret', () => {});
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'secret', success: false, error: 'Forbidden topic: secret' });
  ctx.ws.receive({ type: 'error', message: 'Unknown action: x' });
  assert.deepEqual(errors.map((e) => [e.type, e.topic, e.message]), [
    ['subscription', 'secret', 'Forbidden topic: secret'],
    ['server', undefined, 'Unknown action: x'],
  ]);
});

test('a throwing handler never stops the others and is reported', (t) => {
  const consoleError = t.mock.method(console, 'error', () => {});
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e));
  const after = recorder(), all = recorder();
  ctx.manager.subscribe('logs', () => { throw new Error('boom'); });
  ctx.manager.subscribe('logs', after);
  ctx.manager.subscribe('*', all);
  connected(ctx);
  ctx.ws.receive(event('logs', 1));
  ctx.ws.receive(event('logs', 2));
  assert.deepEqual(after.seqs(), [1, 2]);
  assert.deepEqual(all.seqs(), [1, 2]);
  assert.deepEqual(errors.map((e) => [e.type, e.topic, e.message]), [['handler', 'logs', 'boom'], ['handler', 'logs', 'boom']]);
  assert.equal(consoleError.mock.callCount(), 2);
});

test('invalid JSON from the server is reported and the connection stays', () => {
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e.type));
  connected(ctx);
  ctx.ws.receive('not json');
  assert.deepEqual(errors, ['parse']);
  assert.equal(ctx.manager.isConnected(), true);
});

test('subscribe checks its arguments', () => {
  const ctx = setup();
  assert.throws(() => ctx.manager.subscribe('', () => {}), /topic/);
  assert.throws(() => ctx.manager.subscribe('logs'), /handler/);
});

test('subscribe with since/epoch from a snapshot asks for the events after it and drops the ones it covers', () => {
  const ctx = setup();
  const h = recorder();
  ctx.manager.subscribe('tasks', h, { since: 7, epoch: 'e1' });
  ctx.manager.subscribe('tasks', () => {}, { since: 2 }); // a second handler changes nothing
  connected(ctx);
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'tasks', since: 7, epoch: 'e1' }]);
  ctx.ws.receive(event('tasks', 9)); // live, while the replay is pending: the replay brings it
  ctx.ws.receive({ type: 'subscription', topic: 'tasks', success: true, seq: 9, epoch: 'e1', recovered: true });
  ctx.ws.receive(event('tasks', 7));
  ctx.ws.receive(event('tasks', 8));
  ctx.ws.receive(event('tasks', 9));
  assert.deepEqual(h.seqs(), [8, 9]);
});

test('since without an epoch is sent alone; a bad since is ignored', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {}, { since: 0 });
  ctx.manager.subscribe('alerts', () => {}, { since: -1 });
  ctx.manager.subscribe('rules', () => {}, { since: 'x' });
  connected(ctx);
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'logs', since: 0 },
    { action: 'subscribe', topic: 'alerts' }, { action: 'subscribe', topic: 'rules' }]);
});
