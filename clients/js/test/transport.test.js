// The SSE fallback transport and the choice between it and WebSocket, on the fake clock.
import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected, settle } from './fakes.js';
import { STREAM, sseConnected, onSse, answerAll } from './sse-helpers.js';

// random() is 0.5 in setup(), so a backoff delay is 500 ms after an open, then 1 s, 2 s, ...

test('a WebSocket that cannot open falls back to SSE on the next attempt', () => {
  const ctx = setup({ sse: true });
  ctx.manager.connect();
  assert.equal(ctx.manager.getStats().transport, 'websocket', 'WebSocket first');
  ctx.ws.closed(1006);
  assert.equal(ctx.manager.getStats().transport, 'sse', 'the next attempt');
  assert.equal(ctx.streams, 0, 'after the backoff delay, not at once');
  ctx.clock.tick(500);
  assert.equal(ctx.streams, 1);
  assert.equal(ctx.sockets, 1);
  assert.equal(ctx.es.url, STREAM);
  assert.equal(ctx.manager.getStatus(), 'connecting');
  sseConnected(ctx);
  assert.equal(ctx.manager.getStatus(), 'connected');
  assert.equal(ctx.manager.getConnectionInfo().clientId, 'c-s-1');
});

test('a WebSocket that opens and dies within 5 s twice in a row sends the client to SSE', () => {
  const ctx = setup({ sse: true });
  connected(ctx);
  ctx.clock.tick(300);
  ctx.ws.closed(1006); // a proxy cut the upgraded connection
  assert.equal(ctx.manager.getStats().transport, 'websocket', 'once is not yet a pattern');
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 2);
  ctx.ws.open();
  ctx.clock.tick(4999);
  ctx.ws.closed(1006);
  assert.equal(ctx.manager.getStats().transport, 'sse');
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.streams, 1);
});

test('a WebSocket that dies quickly once, or lives 5 s between quick deaths, stays on WebSocket', () => {
  const ctx = setup({ sse: true });
  connected(ctx);
  ctx.clock.tick(300);
  ctx.ws.closed(1006); // quick death #1
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.clock.tick(5000);
  ctx.ws.closed(1006); // survived the window: the count starts again
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.clock.tick(300);
  ctx.ws.closed(1006); // quick death #1 again
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 4);
  assert.equal(ctx.streams, 0);
  assert.equal(ctx.manager.getStats().transport, 'websocket');
});

test('without an EventSource there is no fallback: every attempt is a WebSocket', () => {
  const ctx = setup();
  ctx.manager.connect();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.manager.getStats().transport, 'websocket');
});

test('an SSE stream that cannot open either: the next attempt tries WebSocket again', () => {
  const ctx = setup({ sse: true });
  ctx.manager.connect();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  ctx.es.fail(); // the hub is down, say
  assert.equal(ctx.es.readyState, 2, 'closed: EventSource does not retry on its own');
  assert.equal(ctx.manager.getStats().transport, 'websocket');
  ctx.clock.tick(1000);
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.streams, 1);
});

test('the SSE stream lives next to the WebSocket URL: wss becomes https', () => {
  const ctx = setup({ sse: true, url: 'wss://hub.example:8443/api/ws/realtime' });
  ctx.manager.connect();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  assert.equal(ctx.es.url, 'https://hub.example:8443/api/sse/realtime');
  const other = setup({ sse: true, sseUrl: 'https://push.example/stream/realtime' });
  onSse(other);
  other.manager.send({ action: 'ping' });
  assert.equal(other.es.url, 'https://push.example/stream/realtime');
  assert.equal(other.fetch.calls[0].url, 'https://push.example/stream/realtime/s-1');
});

test('commands sent before the session is known are queued, then POSTed in order, one request at a time', async () => {
  const ctx = setup({ sse: true });
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('alerts', () => {});
  ctx.manager.send({ action: 'custom', n: 1 });
  ctx.manager.connect();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  ctx.es.open(); // connected for the manager: it writes its subscribes and the buffer, but no session yet
  assert.equal(ctx.manager.isConnected(), true);
  ctx.manager.send({ action: 'custom', n: 2 });
  assert.equal(ctx.fetch.calls.length, 0, 'nothing can be POSTed without the session');
  ctx.es.receive({ type: 'connected', session: 'a/b', client_id: 'c', node: 'n', available_topics: [] });
  assert.equal(ctx.fetch.calls.length, 1, 'all queued frames in one request');
  const post = ctx.fetch.calls[0];
  assert.equal(post.url, STREAM + '/a%2Fb');
  assert.equal(post.options.method, 'POST');
  assert.equal(post.options.headers['Content-Type'], 'application/json');
  assert.deepEqual(ctx.fetch.commands()[0], [{ action: 'subscribe', topic: 'logs' }, { action: 'subscribe', topic: 'alerts' },
    { action: 'custom', n: 1 }, { action: 'custom', n: 2 }]);
  ctx.manager.send({ action: 'custom', n: 3 });
  ctx.manager.send({ action: 'custom', n: 4 });
  assert.equal(ctx.fetch.calls.length, 1, 'the next request waits for the answer to this one');
  await answerAll(ctx);
  assert.equal(ctx.fetch.calls.length, 2);
  assert.deepEqual(ctx.fetch.commands()[1], [{ action: 'custom', n: 3 }, { action: 'custom', n: 4 }]);
  ctx.manager.send({ action: 'custom', n: 5 });
  await answerAll(ctx);
  assert.deepEqual(ctx.fetch.commands().map((c) => c.length), [4, 2, 1]);
  assert.equal(ctx.fetch.calls[2].options.body, '{"action":"custom","n":5}', 'a single frame is sent as itself');
});

test('a command answered 404 means the session is gone: closed, reconnected with backoff, recovered with since', async () => {
  const ctx = setup({ sse: true });
  const downs = [];
  ctx.manager.subscribe('logs', () => {});
  onSse(ctx);
  ctx.manager.onDisconnect((e) => downs.push([e.code, e.reason]));
  await answerAll(ctx); // the subscribe
  ctx.es.receive({ type: 'subscription', topic: 'logs', success: true, seq: 9, epoch: 'e1' });
  ctx.manager.send({ action: 'custom' });
  const stream = ctx.es;
  await answerAll(ctx, 404);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.deepEqual(downs, [[1006, 'SSE session gone']]);
  assert.equal(stream.readyState, 2, 'the stream is closed');
  assert.deepEqual(ctx.clock.pendingTimeouts(), [500]);
  ctx.clock.tick(500);
  assert.equal(ctx.streams, 2, 'SSE worked: it stays the transport');
  sseConnected(ctx, 's-2');
  assert.equal(ctx.fetch.calls.at(-1).url, STREAM + '/s-2');
  assert.deepEqual(ctx.fetch.commands().at(-1), [{ action: 'subscribe', topic: 'logs', since: 9, epoch: 'e1' }]);
});

test('a command that cannot be sent at all closes the connection; other refusals are reported and the stream goes on', async () => {
  const ctx = setup({ sse: true });
  const errors = [];
  ctx.manager.onError((e) => errors.push(e.message));
  onSse(ctx);
  ctx.manager.send({ action: 'x' });
  ctx.fetch.calls[0].respond(400);
  await settle();
  assert.equal(ctx.manager.isConnected(), true);
  assert.deepEqual(errors, ['SSE command refused: HTTP 400']);
  ctx.manager.send({ action: 'y' });
  ctx.fetch.calls[1].fail();
  await settle();
  assert.equal(ctx.manager.getStatus(), 'disconnected');
});

test('getStats().transport says which transport carries the connection', () => {
  const ctx = setup({ sse: true, heartbeatIntervalMs: 3600000 }); // no pings: nobody answers them here
  assert.equal(ctx.manager.getStats().transport, 'websocket');
  onSse(ctx);
  assert.equal(ctx.manager.getStats().transport, 'sse');
  ctx.clock.tick(60000);
  ctx.ws.open();
  assert.equal(ctx.manager.getStats().transport, 'sse', 'a WebSocket on trial does not count yet');
  ctx.clock.tick(5000);
  assert.equal(ctx.manager.getStats().transport, 'websocket');
});

test('with getToken the stream is opened with a one-time ticket; the token goes in a header, never in the URL', async () => {
  const ctx = setup({ sse: true, getToken: async () => 'tok1' });
  ctx.manager.connect();
  await settle();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  await settle();
  assert.equal(ctx.streams, 0, 'no stream before the ticket');
  const ticket = ctx.fetch.calls[0];
  assert.equal(ticket.url, 'http://hub.test/api/sse/ticket');
  assert.equal(ticket.options.method, 'POST');
  assert.equal(ticket.options.headers.Authorization, 'Bearer tok1');
  ticket.respond(200, { ticket: 'tk-1', expires_in_ms: 30000 });
  await settle();
  assert.equal(ctx.es.url, STREAM + '?ticket=tk-1');
  assert.ok(!ctx.es.url.includes('tok1'));
});

test('without a token the stream is opened without a ticket (a cookie, if any, goes with it)', () => {
  const ctx = setup({ sse: true });
  onSse(ctx);
  assert.equal(ctx.es.url, STREAM);
  assert.equal(ctx.fetch.calls.length, 0);
});

test('a refused ticket counts as an SSE stream that could not open', async () => {
  const ctx = setup({ sse: true, token: 'stale' });
  ctx.manager.connect();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  ctx.fetch.calls[0].respond(401, { error: 'invalid token' });
  await settle();
  assert.equal(ctx.streams, 0);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.equal(ctx.manager.getStats().transport, 'websocket');
  assert.deepEqual(ctx.clock.pendingTimeouts(), [1000]);
});

test('a disconnect event with 4003 over SSE stops the client', () => {
  const ctx = setup({ sse: true });
  const errors = [];
  ctx.manager.onError((e) => errors.push([e.type, e.code]));
  onSse(ctx);
  const events = [];
  ctx.manager.subscribe('*', (e) => events.push(e));
  ctx.es.receive({ type: 'disconnect', code: 4003, reason: 'access revoked' });
  assert.equal(ctx.es.readyState, 2);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.deepEqual(errors, [['forbidden', 4003]]);
  assert.deepEqual(events, [], 'the disconnect frame is the transport\'s, not an event');
  ctx.clock.tick(60 * 60 * 1000);
  assert.equal(ctx.streams, 1);
  assert.equal(ctx.sockets, 1);
});

test('a disconnect event with another code follows the close-code table: 1000 and 4008 reconnect', () => {
  const ctx = setup({ sse: true });
  onSse(ctx);
  ctx.es.receive({ type: 'disconnect', code: 1000, reason: 'bye' });
  assert.deepEqual(ctx.clock.pendingTimeouts(), [500]);
  ctx.clock.tick(500);
  sseConnected(ctx, 's-2');
  ctx.es.receive({ type: 'disconnect', code: 4008, reason: 'slow consumer' });
  assert.equal(ctx.streams, 3, 'at once');
});

test('a broken stream reconnects with backoff on SSE and recovers with since', async () => {
  const ctx = setup({ sse: true });
  const seen = [];
  ctx.manager.subscribe('logs', (e) => seen.push(e.seq));
  onSse(ctx);
  await answerAll(ctx);
  ctx.es.receive({ type: 'subscription', topic: 'logs', success: true, seq: 3, epoch: 'e1' });
  ctx.es.receive({ type: 'log', topic: 'logs', seq: 4 });
  ctx.es.fail();
  ctx.clock.tick(500);
  sseConnected(ctx, 's-2');
  assert.deepEqual(ctx.fetch.commands().at(-1), [{ action: 'subscribe', topic: 'logs', since: 4, epoch: 'e1' }]);
  ctx.es.receive({ type: 'log', topic: 'logs', seq: 6 }); // live, before the reply: the replay brings it
  ctx.es.receive({ type: 'subscription', topic: 'logs', success: true, seq: 5, epoch: 'e1', recovered: true });
  for (const seq of [5, 6]) ctx.es.receive({ type: 'log', topic: 'logs', seq });
  assert.deepEqual(seen, [4, 5, 6]);
});

test('heartbeat over SSE: the ping is POSTed and any event answers it', async () => {
  const ctx = setup({ sse: true });
  onSse(ctx);
  ctx.clock.tick(30000);
  assert.deepEqual(ctx.fetch.commands(), [[{ action: 'ping' }]]);
  await answerAll(ctx);
  ctx.es.receive({ type: 'pong' });
  ctx.clock.tick(10000);
  assert.equal(ctx.manager.isConnected(), true);
  ctx.clock.tick(30000); // ping, no pong this time
  assert.equal(ctx.manager.getStatus(), 'disconnected');
});

test('falling back from WebSocket to SSE recovers with since: nothing lost or twice', async () => {
  const ctx = setup({ sse: true });
  const seen = [];
  ctx.manager.subscribe('logs', (e) => seen.push(e.seq));
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 20, epoch: 'e1' });
  ctx.ws.receive({ type: 'log', topic: 'logs', seq: 21 });
  ctx.ws.closed(1006); // cut at once
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 22, epoch: 'e1', recovered: true });
  ctx.ws.receive({ type: 'log', topic: 'logs', seq: 22 });
  ctx.ws.closed(1006); // cut at once again: SSE next
  ctx.clock.tick(500);
  sseConnected(ctx);
  assert.deepEqual(ctx.fetch.commands(), [[{ action: 'subscribe', topic: 'logs', since: 22, epoch: 'e1' }]]);
  await answerAll(ctx);
  ctx.es.receive({ type: 'subscription', topic: 'logs', success: true, seq: 24, epoch: 'e1', recovered: true });
  for (const seq of [22, 23, 24]) ctx.es.receive({ type: 'log', topic: 'logs', seq }); // 22 again: dropped
  assert.deepEqual(seen, [21, 22, 23, 24]);
});

test('a failing getToken says nothing about the transport: the next attempt is a WebSocket again', async () => {
  let calls = 0;
  const ctx = setup({ sse: true, getToken: async () => { if (++calls === 1) throw new Error('auth down'); return 't'; } });
  ctx.manager.connect();
  await settle();
  assert.equal(ctx.manager.getStats().transport, 'websocket');
  ctx.clock.tick(500);
  await settle();
  assert.equal(ctx.sockets, 1);
  assert.equal(ctx.streams, 0);
});

test('EventSource: null turns the fallback off, even where the runtime has one', () => {
  const ctx = setup({ sse: true, EventSource: null });
  ctx.manager.connect();
  ctx.ws.closed(1006);
  ctx.clock.tick(500);
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.streams, 0);
  assert.equal(ctx.manager.getStats().transport, 'websocket');
});
