import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected, settle } from './fakes.js';

// random() is 0.5 in setup(), so the first backoff delay is 500 ms and a 1001 drain delay is 2,500 ms.

for (const code of [1008, 1009, 1011, 1006, 4009]) {
  test(`close ${code} reconnects with backoff`, () => {
    const ctx = setup();
    connected(ctx);
    ctx.ws.closed(code);
    assert.equal(ctx.manager.getStatus(), 'disconnected');
    ctx.clock.tick(499);
    assert.equal(ctx.sockets, 1, 'not before the backoff delay');
    ctx.clock.tick(1);
    assert.equal(ctx.sockets, 2);
    assert.equal(ctx.manager.getStatus(), 'connecting');
    assert.equal(ctx.manager.getStats().reconnectAttempts, 1);
  });
}

test('close 1000 the client did not ask for (a server or proxy) reconnects with backoff and recovers with since', () => {
  const ctx = setup();
  const seen = [];
  ctx.manager.subscribe('logs', (e) => seen.push(e.seq));
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 4, epoch: 'e1' });
  ctx.ws.receive({ type: 'log', topic: 'logs', seq: 5 });
  ctx.ws.closed(1000, 'proxy idle timeout');
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.deepEqual(ctx.clock.pendingTimeouts(), [500], 'the first backoff step');
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 2);
  ctx.ws.open();
  assert.deepEqual(ctx.ws.frames('subscribe'), [{ action: 'subscribe', topic: 'logs', since: 5, epoch: 'e1' }]);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 7, epoch: 'e1', recovered: true });
  for (const seq of [6, 7]) ctx.ws.receive({ type: 'log', topic: 'logs', seq });
  assert.deepEqual(seen, [5, 6, 7]);
  assert.deepEqual(ctx.notes.calls.map((c) => c.method), ['warning', 'success'], 'lost, restored');
});

test('close 1000 after disconnect() does not reconnect', () => {
  const ctx = setup();
  connected(ctx);
  ctx.manager.disconnect();
  ctx.ws.closed(1000);
  ctx.clock.tick(10 * 60 * 1000);
  assert.equal(ctx.sockets, 1);
  assert.equal(ctx.clock.timers.size, 0);
  assert.deepEqual(ctx.notes.calls, []);
});

test('close 1001 reconnects after a random 0-5 s drain delay, then backs off', () => {
  const ctx = setup();
  connected(ctx);
  ctx.ws.closed(1001, 'draining');
  assert.deepEqual(ctx.clock.pendingTimeouts(), [2500]);
  ctx.clock.tick(2499);
  assert.equal(ctx.sockets, 1);
  ctx.clock.tick(1);
  assert.equal(ctx.sockets, 2);
  ctx.ws.closed(1006); // that attempt fails: normal backoff, second step (ceiling 2 s)
  assert.deepEqual(ctx.clock.pendingTimeouts(), [1000]);
});

test('the 1001 drain delay spans 0 to 5 s with random()', () => {
  for (const [r, expected] of [[0, 0], [0.999, 4995]]) {
    const ctx = setup({ random: () => r });
    connected(ctx);
    ctx.ws.closed(1001);
    if (expected === 0) assert.equal(ctx.sockets, 2, 'no delay at all');
    else assert.deepEqual(ctx.clock.pendingTimeouts(), [expected]);
  }
});

test('close 4001 gets a new token and reconnects at once', async () => {
  let n = 0;
  const ctx = setup({ getToken: async () => 'tok' + ++n });
  ctx.manager.connect();
  await settle();
  connectedSocket(ctx);
  ctx.ws.closed(4001, 'token expired');
  await settle();
  assert.equal(n, 2);
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.ws.url, 'ws://hub.test/api/ws/realtime?token=tok2');
  assert.equal(ctx.clock.now, 0, 'no time passed');
});

test('close 4001 without getToken backs off: the same token would be refused again', () => {
  const ctx = setup({ token: 'static' });
  connected(ctx);
  ctx.ws.closed(4001);
  assert.equal(ctx.sockets, 1);
  assert.deepEqual(ctx.clock.pendingTimeouts(), [500]);
});

test('close 4003 stops, reports through onError and a toast', () => {
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e));
  connected(ctx);
  ctx.ws.closed(4003, 'revoked');
  ctx.clock.tick(10 * 60 * 1000);
  assert.equal(ctx.sockets, 1);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.deepEqual(errors.map((e) => [e.type, e.code]), [['forbidden', 4003]]);
  assert.deepEqual(ctx.notes.calls.map((c) => [c.method, c.message]), [['error', 'Realtime access denied: revoked']]);
});

test('close 4008 reconnects at once and recovers with since', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 7, epoch: 'e1' });
  ctx.ws.closed(4008, 'slow consumer');
  assert.equal(ctx.sockets, 2, 'reconnected without waiting');
  ctx.ws.open();
  assert.deepEqual(ctx.ws.frames('subscribe'), [{ action: 'subscribe', topic: 'logs', since: 7, epoch: 'e1' }]);
});

test('after 10 failed attempts it gives up with a retry toast; delays follow the backoff', () => {
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e.type));
  connected(ctx);
  ctx.ws.closed(1006);
  const delays = [];
  for (let i = 0; i < 10; i++) {
    delays.push(ctx.clock.pendingTimeouts()[0]);
    ctx.clock.tick(delays[i]);
    assert.equal(ctx.sockets, i + 2);
    ctx.ws.closed(1006); // never opens
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000, 15000]);
  ctx.clock.tick(10 * 60 * 1000);
  assert.equal(ctx.sockets, 11, 'no 11th attempt');
  assert.deepEqual(errors, ['gave_up']);
  const giveUp = ctx.notes.calls.at(-1);
  assert.equal(giveUp.method, 'show');
  assert.equal(giveUp.type, 'error');
  assert.equal(giveUp.options.action.label, 'Retry');
  giveUp.options.action.onClick();
  assert.equal(ctx.sockets, 12, 'the toast action retries');
  assert.equal(ctx.manager.getStats().reconnectAttempts, 0);
});

/** Drives a manager until it has given up. */
function givenUp(ctx) {
  connected(ctx);
  ctx.ws.closed(1006);
  for (let i = 0; i < 10; i++) {
    ctx.clock.tick(30000);
    ctx.ws.closed(1006);
  }
  assert.equal(ctx.sockets, 11);
}

test('after giving up, the browser coming back online retries once', () => {
  const ctx = setup();
  givenUp(ctx);
  assert.equal(ctx.win.count('online'), 1);
  ctx.win.dispatch('online');
  assert.equal(ctx.sockets, 12);
  assert.equal(ctx.win.count('online'), 0, 'listener removed through its remover');
  assert.equal(ctx.doc.count('visibilitychange'), 0);
  ctx.win.dispatch('online');
  assert.equal(ctx.sockets, 12);
});

test('after giving up, the tab becoming visible retries; becoming hidden does not', () => {
  const ctx = setup();
  givenUp(ctx);
  ctx.doc.visibilityState = 'hidden';
  ctx.doc.dispatch('visibilitychange');
  assert.equal(ctx.sockets, 11);
  ctx.doc.visibilityState = 'visible';
  ctx.doc.dispatch('visibilitychange');
  assert.equal(ctx.sockets, 12);
  assert.equal(ctx.win.count('online'), 0);
  ctx.ws.open();
  assert.equal(ctx.manager.isConnected(), true);
  assert.deepEqual(ctx.notes.calls.map((c) => c.method), ['warning', 'show', 'success'], 'lost, gave up, restored');
});

test('disconnect after giving up removes the online and visibility listeners', () => {
  const ctx = setup();
  givenUp(ctx);
  ctx.manager.disconnect();
  assert.equal(ctx.win.count('online'), 0);
  assert.equal(ctx.doc.count('visibilitychange'), 0);
});

test('toasts: lost only after having been connected, once per outage, then restored', () => {
  const ctx = setup();
  ctx.manager.connect();
  ctx.ws.closed(1006); // never connected: no toast
  assert.deepEqual(ctx.notes.calls, []);
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.ws.closed(1011);
  ctx.clock.tick(1000);
  ctx.ws.closed(1006); // a failed attempt in the same outage
  ctx.clock.tick(2000);
  ctx.ws.open();
  assert.deepEqual(ctx.notes.calls.map((c) => c.method), ['warning', 'success']);
  assert.match(ctx.notes.calls[0].message, /lost/);
  assert.match(ctx.notes.calls[1].message, /restored/);
});

test('a heartbeat ping goes out every 30 s while connected, never before', () => {
  const ctx = setup();
  ctx.manager.connect();
  ctx.clock.tick(60000);
  assert.deepEqual(ctx.ws.sent, []);
  ctx.ws.open();
  ctx.clock.tick(29999);
  assert.deepEqual(ctx.ws.frames('ping'), []);
  ctx.clock.tick(1);
  ctx.ws.receive({ type: 'pong' });
  ctx.clock.tick(30000);
  ctx.ws.receive({ type: 'pong' });
  assert.deepEqual(ctx.ws.frames(), [{ action: 'ping' }, { action: 'ping' }]);
  assert.equal(ctx.manager.isConnected(), true);
});

test('no frame within 10 s of a ping: closed locally with 4009 and reconnected with backoff', () => {
  const ctx = setup();
  const downs = [];
  ctx.manager.onDisconnect((e) => downs.push(e));
  connected(ctx);
  const dead = ctx.ws;
  ctx.clock.tick(30000 + 9999);
  assert.equal(ctx.manager.isConnected(), true);
  ctx.clock.tick(1);
  assert.deepEqual(dead.closeCalls, [{ code: 4009, reason: 'heartbeat timeout' }]);
  assert.deepEqual(downs.map((e) => [e.code, e.reason]), [[4009, 'heartbeat timeout']]);
  dead.closed(1006); // the late close event of the dead socket changes nothing
  assert.equal(downs.length, 1);
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 2);
});

test('the timeout counts from the first unanswered ping, not the latest', () => {
  const ctx = setup({ heartbeatIntervalMs: 30000, heartbeatTimeoutMs: 50000 });
  connected(ctx);
  ctx.clock.tick(60000); // pings at 30 s and 60 s, no answer
  assert.equal(ctx.ws.frames('ping').length, 2);
  ctx.clock.tick(19999);
  assert.equal(ctx.manager.isConnected(), true);
  ctx.clock.tick(1); // 80 s = 30 s + 50 s
  assert.equal(ctx.manager.getStatus(), 'disconnected');
});

test('any inbound frame, not only a pong, proves the connection alive', () => {
  const ctx = setup();
  connected(ctx);
  ctx.clock.tick(30000);
  ctx.clock.tick(5000);
  ctx.ws.receive({ type: 'stats_update', topic: 'stats', seq: 1, data: {} });
  ctx.clock.tick(20000);
  assert.equal(ctx.manager.isConnected(), true);
  assert.deepEqual(ctx.ws.closeCalls, []);
});

test('heartbeat timers stop with the connection', () => {
  const ctx = setup();
  connected(ctx);
  ctx.clock.tick(30000); // a ping is pending its pong
  ctx.manager.disconnect();
  ctx.ws.closed();
  assert.equal(ctx.clock.timers.size, 0);
});

function connectedSocket(ctx) {
  ctx.ws.open();
  ctx.ws.receive({ type: 'connected', client_id: 'c', node: 'n', available_topics: [] });
}
