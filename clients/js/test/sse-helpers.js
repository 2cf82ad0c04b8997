// Helpers of the SSE transport's tests: the server side of a stream, and getting a client onto SSE.
import assert from 'node:assert/strict';
import { settle } from './fakes.js';

export const STREAM = 'http://hub.test/api/sse/realtime';

/** The server side of an SSE stream that just opened: the `connected` event with its session. */
export function sseConnected(ctx, session = 's-1') {
  ctx.es.open();
  ctx.es.receive({ type: 'connected', session, client_id: 'c-' + session, node: 'node-b', available_topics: ['logs'], protocol: 1 });
}

/** From connect(): the WebSocket cannot open, so the next attempt (after the backoff) is SSE, which opens. */
export function onSse(ctx, session) {
  ctx.manager.connect();
  ctx.ws.closed(1006); // refused upgrade: the socket never opened
  ctx.clock.tick(ctx.clock.pendingTimeouts()[0]);
  sseConnected(ctx, session);
  assert.equal(ctx.manager.getStats().transport, 'sse');
  assert.equal(ctx.manager.isConnected(), true);
}

/** Answers every unanswered command POST with `status`, then lets the answers arrive. */
export async function answerAll(ctx, status = 204) {
  for (const call of ctx.fetch.pending()) call.respond(status);
  await settle();
}
