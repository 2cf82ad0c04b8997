import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected } from './fakes.js';

test('send returns true when sent now and false when buffered; objects are JSON', () => {
  const ctx = setup();
  assert.equal(ctx.manager.send({ action: 'hello', n: 1 }), false);
  assert.equal(ctx.manager.getStats().bufferedMessages, 1);
  connected(ctx);
  assert.equal(ctx.manager.send('raw text'), true);
  assert.deepEqual(ctx.ws.sent, ['{"action":"hello","n":1}', 'raw text']);
  assert.equal(ctx.manager.getStats().bufferedMessages, 0);
});

test('the buffer keeps the newest 100 frames, counts and reports the overflow once, flushes in order', (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e.type));
  for (let n = 0; n < 105; n++) ctx.manager.send({ n });
  const stats = ctx.manager.getStats();
  assert.equal(stats.bufferedMessages, 100);
  assert.equal(stats.droppedBuffered, 5);
  assert.deepEqual(errors, ['buffer_overflow']);
  assert.equal(warn.mock.callCount(), 1);
  connected(ctx);
  assert.deepEqual(ctx.ws.frames().map((f) => f.n), Array.from({ length: 100 }, (_, i) => i + 5));
});

test('a new overflow after a flush is reported again', (t) => {
  t.mock.method(console, 'warn', () => {});
  const ctx = setup({ maxBufferedMessages: 2 });
  const errors = [];
  ctx.manager.onError((e) => errors.push(e.type));
  for (let n = 0; n < 4; n++) ctx.manager.send({ n });
  connected(ctx);
  ctx.ws.closed(1011);
  for (let n = 0; n < 4; n++) ctx.manager.send({ n });
  assert.deepEqual(errors, ['buffer_overflow', 'buffer_overflow']);
  assert.equal(ctx.manager.getStats().droppedBuffered, 4);
});

test('on reconnect the subscriptions go first, then the buffered frames', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  connected(ctx);
  ctx.ws.closed(1011);
  ctx.manager.send({ action: 'custom', n: 1 });
  ctx.manager.send({ action: 'custom', n: 2 });
  ctx.clock.tick(500);
  ctx.ws.open();
  assert.deepEqual(ctx.ws.frames(), [
    { action: 'subscribe', topic: 'logs' },
    { action: 'custom', n: 1 },
    { action: 'custom', n: 2 },
  ]);
});

test('subscribe and unsubscribe never go through the buffer', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('alerts', () => {});
  ctx.manager.unsubscribe('alerts');
  assert.equal(ctx.manager.getStats().bufferedMessages, 0);
  connected(ctx);
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'logs' }]);
});
