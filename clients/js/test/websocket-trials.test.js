// On SSE the client retries WebSocket in the background; a WebSocket that stays up takes over. On the fake clock.
import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected, settle } from './fakes.js';
import { sseConnected, onSse, answerAll } from './sse-helpers.js';

// random() is 0.5 in setup(), so a backoff delay is 500 ms after an open, then 1 s, 2 s, ...

test('on SSE, a WebSocket is retried quietly after 60 s and takes over once it stays open 5 s: nothing lost or twice', async () => {
  const ctx = setup({ sse: true, heartbeatIntervalMs: 3600000 });
  const seen = [], changes = [];
  ctx.manager.subscribe('logs', (e) => seen.push(e.seq));
  ctx.manager.onStateChange((e) => changes.push(e.state));
  onSse(ctx);
  await answerAll(ctx);
  const stream = ctx.es;
  stream.receive({ type: 'subscription', topic: 'logs', success: true, seq: 10, epoch: 'e1' });
  for (const seq of [11, 12]) stream.receive({ type: 'log', topic: 'logs', seq });
  ctx.clock.tick(59999);
  assert.equal(ctx.sockets, 1);
  ctx.clock.tick(1);
  assert.equal(ctx.sockets, 2, 'the WebSocket trial');
  const trial = ctx.ws;
  trial.open();
  trial.receive({ type: 'connected', client_id: 'c-ws', node: 'node-a', available_topics: ['logs'], protocol: 1 });
  trial.receive({ type: 'stats_update', topic: 'stats', seq: 1, data: {} }); // on trial: not delivered
  stream.receive({ type: 'log', topic: 'logs', seq: 13 }); // SSE still carries the page
  ctx.clock.tick(4999);
  assert.deepEqual(trial.sent, [], 'nothing is sent on trial');
  assert.equal(stream.readyState, 1);
  ctx.clock.tick(1);
  // Switched: subscribes with since on the WebSocket first, then SSE closed.
  assert.deepEqual(trial.frames(), [{ action: 'subscribe', topic: 'logs', since: 13, epoch: 'e1' }]);
  assert.equal(stream.readyState, 2);
  assert.equal(ctx.manager.getStats().transport, 'websocket');
  assert.equal(ctx.manager.getConnectionInfo().clientId, 'c-ws');
  stream.receive({ type: 'log', topic: 'logs', seq: 14 }); // a late SSE event: ignored, the replay has it
  trial.receive({ type: 'log', topic: 'logs', seq: 15 }); // live before the reply: the replay has it
  trial.receive({ type: 'subscription', topic: 'logs', success: true, seq: 15, epoch: 'e1', recovered: true });
  for (const seq of [14, 15, 16]) trial.receive({ type: 'log', topic: 'logs', seq });
  assert.deepEqual(seen, [11, 12, 13, 14, 15, 16]);
  assert.deepEqual(changes, ['connecting', 'disconnected', 'connecting', 'connected'], 'the switch is no reconnect');
  ctx.clock.tick(10 * 60 * 1000);
  assert.equal(ctx.sockets, 2, 'no more trials on WebSocket');
});

test('failed WebSocket trials back off from 60 s to 10 min and never disturb SSE', () => {
  const ctx = setup({ sse: true, heartbeatIntervalMs: 3600000 });
  onSse(ctx);
  const delays = [];
  for (let i = 0; i < 6; i++) {
    delays.push(ctx.clock.pendingTimeouts()[0]);
    ctx.clock.tick(delays[i]);
    assert.equal(ctx.sockets, i + 2);
    if (i % 2) ctx.ws.closed(1006); // refused
    else { ctx.ws.open(); ctx.clock.tick(300); ctx.ws.closed(1006); } // cut during its trial
  }
  assert.deepEqual(delays, [60000, 120000, 240000, 480000, 600000, 600000]);
  assert.equal(ctx.manager.isConnected(), true);
  assert.equal(ctx.manager.getStats().transport, 'sse');
  assert.equal(ctx.es.readyState, 1);
  assert.equal(ctx.streams, 1);
});

test('a WebSocket trial ends with the SSE connection; disconnect() ends both and reconnects nothing', () => {
  const ctx = setup({ sse: true, heartbeatIntervalMs: 3600000 });
  onSse(ctx);
  ctx.clock.tick(60000);
  const trial = ctx.ws;
  trial.open();
  ctx.es.fail();
  assert.deepEqual(trial.closeCalls.map((c) => c.code), [1000], 'the trial is closed with the connection');
  ctx.clock.tick(5000); // no switch to a trial that was ended
  assert.equal(ctx.manager.getStatus(), 'connecting', 'the reconnect (on SSE) is under way');
  assert.equal(ctx.streams, 2);
  sseConnected(ctx, 's-2');
  ctx.clock.tick(60000);
  assert.equal(ctx.sockets, 3);
  ctx.manager.disconnect();
  assert.deepEqual(ctx.ws.closeCalls.map((c) => c.code), [1000]);
  assert.equal(ctx.es.readyState, 2);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  ctx.clock.tick(60 * 60 * 1000);
  assert.equal(ctx.sockets, 3);
  assert.equal(ctx.streams, 2);
  assert.equal(ctx.clock.timers.size, 0);
});

test('a WebSocket trial asks getToken for its token', async () => {
  let n = 0;
  const ctx = setup({ sse: true, heartbeatIntervalMs: 3600000, getToken: async () => 'tok' + ++n });
  ctx.manager.connect();
  await settle();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  await settle();
  ctx.fetch.calls[0].respond(200, { ticket: 'tk', expires_in_ms: 30000 });
  await settle();
  sseConnected(ctx);
  ctx.clock.tick(60000);
  await settle();
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.ws.url, 'ws://hub.test/api/ws/realtime?token=tok3');
});
